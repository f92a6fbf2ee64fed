/* vd-hardware-page-cpu.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-hardware-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vd-connection.h"
#include "vd-domain-caps.h"
#include "vd-domain-editor-guest.h"
#include "vd-error.h"
#include "vd-hardware-page-cpu.h"
#include "vd-xml.h"

/*
 * CPUs: how many vCPUs the guest starts with and the most it may have
 * (current ≤ maximum; a warning, not an error, above the host's CPUs), and
 * an optional topology whose sockets × cores × threads (times any dies and
 * clusters the XML has) must make the maximum.
 *
 * And the CPU model: the hypervisor's default, the host's CPU passed
 * through, the host's model, the most the hypervisor can emulate, or a
 * named model. The named models offered are those the host's domain
 * capabilities list as usable (read in a worker, cached per connection);
 * a new name not in that list is refused. A host that does not say (the
 * test driver) takes any well-formed name, and the page says it cannot
 * check. The guest's own model is never refused for not being listed.
 */

struct _VdHardwarePageCpu
{
  VdHardwarePage  parent_instance;

  /* Template widgets */
  GtkSpinButton  *vcpus_spin;
  GtkSpinButton  *max_vcpus_spin;
  GtkLabel       *vcpus_message;
  GtkLabel       *host_message;
  GtkToggleButton *topology_check;
  GtkWidget      *topology_grid;
  GtkSpinButton  *sockets_spin;
  GtkSpinButton  *cores_spin;
  GtkSpinButton  *threads_spin;
  GtkLabel       *topology_message;
  GtkComboBox    *mode_combo;
  GtkEntry       *model_entry;
  GtkLabel       *model_message;
  GtkLabel       *caps_message;
  GtkEntryCompletion *model_completion;
  GtkListStore   *model_store;

  /* Owned references */
  GCancellable   *cancellable;
  VdDomainCaps   *caps;          /* NULL until read */
  char           *loaded_mode;
  char           *loaded_model;

  gboolean        edited;        /* a field changed since the last load */
  /* dies × clusters of the loaded topology, and whether that is more than
   * one: the page has no fields for them and must not lose them. */
  guint64         topology_extra;
  gboolean        topology_has_extra;
};

G_DEFINE_FINAL_TYPE (VdHardwarePageCpu, vd_hardware_page_cpu, VD_TYPE_HARDWARE_PAGE)

static guint
spin_value (GtkSpinButton *spin)
{
  return (guint)gtk_spin_button_get_value_as_int (spin);
}

static void
update_topology_sensitivity (VdHardwarePageCpu *self)
{
  gtk_widget_set_sensitive (self->topology_grid,
                            gtk_toggle_button_get_active (self->topology_check));
}

static const struct {
  const char *id;
  const char *label;
} modes[] = {
  /* translators: CPU mode: no <cpu> mode, the hypervisor picks */
  { "default", N_("Hypervisor default") },
  /* translators: CPU mode host-passthrough */
  { "host-passthrough", N_("Pass the host CPU through") },
  /* translators: CPU mode host-model */
  { "host-model", N_("Copy the host CPU model") },
  /* translators: CPU mode maximum: every feature the hypervisor can give */
  { "maximum", N_("Everything the hypervisor can offer") },
  /* translators: CPU mode custom: a model chosen by name */
  { "custom", N_("A named model") },
};

static gboolean
mode_offered (VdDomainCaps *caps,
              const char   *mode)
{
  if (caps == NULL || !caps->known || g_strcmp0 (mode, "default") == 0)
    return TRUE;
  if (g_strcmp0 (mode, "host-passthrough") == 0)
    return caps->host_passthrough;
  if (g_strcmp0 (mode, "host-model") == 0)
    return caps->host_model;
  if (g_strcmp0 (mode, "maximum") == 0)
    return caps->maximum;
  return caps->custom;
}

static void
show_caps (VdHardwarePageCpu *self)
{
  g_autofree char *text = NULL;

  gtk_list_store_clear (self->model_store);
  if (self->caps == NULL)
    {
      vd_hardware_page_set_field_message (self->caps_message, NULL);
      return;
    }
  for (guint i = 0; self->caps->cpu_models[i] != NULL; i++)
    gtk_list_store_insert_with_values (self->model_store, NULL, -1, 0,
                                       self->caps->cpu_models[i], -1);
  if (!self->caps->known)
    text = g_strdup_printf (_("The host does not say which CPU modes and models it offers (%s): "
                              "a model’s name cannot be checked before the guest starts."),
                            self->caps->reason != NULL ? self->caps->reason : _("no answer"));
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "The host offers %u named model.",
                                         "The host offers %u named models.",
                                         g_strv_length (self->caps->cpu_models)),
                            g_strv_length (self->caps->cpu_models));
  vd_hardware_page_set_field_message (self->caps_message, text);
}

static void
caps_ready_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(VdHardwarePageCpu) self = user_data;
  g_autoptr(GError) error = NULL;
  VdDomainCaps *caps = vd_connection_get_domain_caps_finish (VD_CONNECTION (object), result,
                                                             &error);

  if (g_cancellable_is_cancelled (self->cancellable))
    {
      g_clear_pointer (&caps, vd_domain_caps_unref);
      return;
    }
  if (caps == NULL)
    caps = vd_domain_caps_new_unknown (error->message);
  g_clear_pointer (&self->caps, vd_domain_caps_unref);
  self->caps = caps;
  show_caps (self);
  /* The list may change what is valid; unedited fields stay unjudged. */
  if (self->edited)
    vd_hardware_page_changed (VD_HARDWARE_PAGE (self));
}

static void
request_caps (VdHardwarePageCpu *self,
              VdDomainEditor    *editor)
{
  VdDomain *domain = vd_hardware_page_get_domain (VD_HARDWARE_PAGE (self));
  VdConnection *connection = domain != NULL ? vd_domain_get_connection (domain) : NULL;
  g_autofree char *xml = NULL;
  g_autofree char *type = NULL, *emulator = NULL, *arch = NULL, *machine = NULL;
  VdDomainCaps *cached;

  if (connection == NULL || self->caps != NULL)
    return;
  xml = vd_domain_editor_get_xml (editor);
  vd_domain_caps_names_from_xml (xml, &type, &emulator, &arch, &machine);
  cached = vd_connection_peek_domain_caps (connection, type, emulator, arch, machine);
  if (cached != NULL)
    {
      self->caps = vd_domain_caps_ref (cached);
      show_caps (self);
      return;
    }
  vd_connection_get_domain_caps_async (connection, type, emulator, arch, machine,
                                       self->cancellable, caps_ready_cb, g_object_ref (self));
}

static void
update_model_sensitivity (VdHardwarePageCpu *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->model_entry),
                            g_strcmp0 (gtk_combo_box_get_active_id (self->mode_combo),
                                       "custom") == 0);
}

static void
load_mode (VdHardwarePageCpu *self,
           VdDomainEditor    *editor)
{
  g_free (self->loaded_mode);
  g_clear_pointer (&self->loaded_model, g_free);
  self->loaded_mode = vd_domain_editor_get_cpu_mode (editor, &self->loaded_model);

  gtk_combo_box_text_remove_all (GTK_COMBO_BOX_TEXT (self->mode_combo));
  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    gtk_combo_box_text_append (GTK_COMBO_BOX_TEXT (self->mode_combo), modes[i].id,
                               _(modes[i].label));
  if (!gtk_combo_box_set_active_id (self->mode_combo, self->loaded_mode))
    {
      /* A mode this version does not name: shown as libvirt writes it. */
      gtk_combo_box_text_append (GTK_COMBO_BOX_TEXT (self->mode_combo), self->loaded_mode,
                                 self->loaded_mode);
      gtk_combo_box_set_active_id (self->mode_combo, self->loaded_mode);
    }
  gtk_entry_set_text (self->model_entry, self->loaded_model != NULL ? self->loaded_model : "");
  update_model_sensitivity (self);
  vd_hardware_page_set_field_message (self->model_message, NULL);
  request_caps (self, editor);
}

static void
vd_hardware_page_cpu_load (VdHardwarePage *page,
                           VdDomainEditor *editor)
{
  VdHardwarePageCpu *self = VD_HARDWARE_PAGE_CPU (page);
  g_autofree char *xml = vd_domain_editor_get_xml (editor);
  g_autoptr(VdXml) doc = vd_xml_new (xml);
  guint max = vd_domain_editor_get_max_vcpus (editor);
  guint sockets = 1, cores = max, threads = 1;
  gboolean has_topology;

  gtk_spin_button_set_value (self->max_vcpus_spin, max);
  gtk_spin_button_set_value (self->vcpus_spin, vd_domain_editor_get_vcpus (editor));

  has_topology = vd_domain_editor_get_cpu_topology (editor, &sockets, &cores, &threads);
  self->topology_extra = 1;
  self->topology_has_extra = FALSE;
  if (has_topology && doc != NULL)
    {
      guint64 dies = vd_xml_get_uint64 (doc, "/domain/cpu/topology/@dies");
      guint64 clusters = vd_xml_get_uint64 (doc, "/domain/cpu/topology/@clusters");

      self->topology_extra = MAX (dies, 1) * MAX (clusters, 1);
      /* libvirt writes dies='1' itself: only more than one is ours to keep. */
      self->topology_has_extra = self->topology_extra > 1;
    }
  gtk_toggle_button_set_active (self->topology_check, has_topology);
  gtk_spin_button_set_value (self->sockets_spin, sockets);
  gtk_spin_button_set_value (self->cores_spin, cores);
  gtk_spin_button_set_value (self->threads_spin, threads);
  update_topology_sensitivity (self);
  load_mode (self, editor);
  self->edited = FALSE;
}

static void
update_host_warning (VdHardwarePageCpu *self,
                     guint              maximum)
{
  VdDomain *domain = vd_hardware_page_get_domain (VD_HARDWARE_PAGE (self));
  VdConnection *connection = domain != NULL ? vd_domain_get_connection (domain) : NULL;
  guint host = connection != NULL ? vd_connection_get_host_cpus (connection) : 0;
  g_autofree char *text = NULL;

  if (host > 0 && maximum > host)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "The host has %u CPU: a guest with more vCPUs than "
                                         "that runs slower, not faster.",
                                         "The host has %u CPUs: a guest with more vCPUs than "
                                         "that runs slower, not faster.", host), host);
  vd_hardware_page_set_field_message (self->host_message, text);
}

static gboolean
fail (GtkLabel  *label,
      GError   **error,
      GError    *local_error)
{
  vd_hardware_page_set_field_message (label, local_error->message);
  g_propagate_error (error, local_error);

  return FALSE;
}

static gboolean
commit_mode (VdHardwarePageCpu  *self,
             VdDomainEditor     *editor,
             GError            **error)
{
  const char *mode = gtk_combo_box_get_active_id (self->mode_combo);
  g_autofree char *model = g_strstrip (g_strdup (gtk_entry_get_text (self->model_entry)));
  gboolean custom = g_strcmp0 (mode, "custom") == 0;
  GError *local_error = NULL;

  vd_hardware_page_set_field_message (self->model_message, NULL);
  if (mode == NULL)
    return TRUE;
  if (g_strcmp0 (mode, self->loaded_mode) != 0 && !mode_offered (self->caps, mode))
    {
      local_error = g_error_new (VD_ERROR, VD_ERROR_NOT_SUPPORTED,
                                 _("The host does not offer this CPU mode for this guest"));
      return fail (self->model_message, error, local_error);
    }
  /* The guest's own model is kept even when the host no longer lists it. */
  if (custom && g_strcmp0 (model, self->loaded_model) != 0 &&
      !vd_domain_caps_check_cpu_model (self->caps, model, &local_error))
    return fail (self->model_message, error, local_error);
  if (!vd_domain_editor_set_cpu_mode (editor, mode, custom ? model : NULL, &local_error))
    return fail (self->model_message, error, local_error);

  return TRUE;
}

static gboolean
vd_hardware_page_cpu_commit (VdHardwarePage  *page,
                             VdDomainEditor  *editor,
                             GError         **error)
{
  VdHardwarePageCpu *self = VD_HARDWARE_PAGE_CPU (page);
  guint current = spin_value (self->vcpus_spin);
  guint maximum = spin_value (self->max_vcpus_spin);
  gboolean topology = gtk_toggle_button_get_active (self->topology_check);
  guint sockets = spin_value (self->sockets_spin);
  guint cores = spin_value (self->cores_spin);
  guint threads = spin_value (self->threads_spin);
  gboolean had_topology = vd_domain_editor_get_cpu_topology (editor, NULL, NULL, NULL);
  gboolean max_changes = maximum != vd_domain_editor_get_max_vcpus (editor);
  g_autoptr(GError) topology_error = NULL;
  GError *vcpus_error = NULL;
  GError *local_error = NULL;

  vd_hardware_page_set_field_message (self->vcpus_message, NULL);
  vd_hardware_page_set_field_message (self->topology_message, NULL);
  update_host_warning (self, maximum);

  /* Both checks run, so both messages are up to date. */
  if (current > maximum)
    vcpus_error = g_error_new (VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                               /* translators: the first is the current vCPU count */
                               _("%u vCPUs are more than the maximum of %u"), current, maximum);

  if (topology)
    {
      guint64 product = (guint64)sockets * cores * threads * self->topology_extra;

      if (product != maximum)
        {
          g_autofree char *product_text = g_strdup_printf ("%" G_GUINT64_FORMAT, product);

          topology_error = g_error_new (VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                                        _("%u sockets × %u cores × %u threads make %s vCPUs, "
                                          "but the maximum is %u"),
                                        sockets, cores, threads, product_text, maximum);
        }
      else if (had_topology && max_changes && self->topology_has_extra)
        topology_error = g_error_new_literal (VD_ERROR, VD_ERROR_NOT_SUPPORTED,
                                              _("This guest’s topology also counts dies or "
                                                "clusters: change its maximum in the XML tab"));
    }

  if (topology_error != NULL)
    vd_hardware_page_set_field_message (self->topology_message, topology_error->message);
  if (vcpus_error != NULL)
    return fail (self->vcpus_message, error, vcpus_error);
  if (topology_error != NULL)
    return fail (self->topology_message, error, g_steal_pointer (&topology_error));

  /* The editor checks the maximum against the topology it has: a topology
   * that goes, or changes with the maximum, goes first. */
  if (had_topology && (!topology || max_changes) &&
      !vd_domain_editor_set_cpu_topology (editor, 0, 0, 0, &local_error))
    return fail (self->topology_message, error, local_error);

  if (!vd_domain_editor_set_vcpus (editor, current, maximum, &local_error))
    return fail (self->vcpus_message, error, local_error);

  if (topology && !vd_domain_editor_set_cpu_topology (editor, sockets, cores, threads,
                                                      &local_error))
    return fail (self->topology_message, error, local_error);

  return commit_mode (self, editor, error);
}

/* The host's CPU count arrives with the first statistics tick. */
static void
host_updated_cb (VdHardwarePageCpu *self)
{
  update_host_warning (self, spin_value (self->max_vcpus_spin));
}

static void
domain_changed_cb (VdHardwarePageCpu *self)
{
  VdDomain *domain = vd_hardware_page_get_domain (VD_HARDWARE_PAGE (self));
  VdConnection *connection = domain != NULL ? vd_domain_get_connection (domain) : NULL;

  if (connection != NULL)
    g_signal_connect_object (connection, "stats-updated", G_CALLBACK (host_updated_cb), self,
                             G_CONNECT_SWAPPED);
}

static void
field_changed_cb (VdHardwarePageCpu *self)
{
  update_topology_sensitivity (self);
  update_model_sensitivity (self);
  if (!vd_hardware_page_is_loading (VD_HARDWARE_PAGE (self)))
    self->edited = TRUE;
  vd_hardware_page_changed (VD_HARDWARE_PAGE (self));
}

/* Searchable: a model matches anywhere in its name, in any case. */
static gboolean
model_match_cb (GtkEntryCompletion *completion,
                const char         *key,
                GtkTreeIter        *iter,
                gpointer            user_data)
{
  VdHardwarePageCpu *self = user_data;
  g_autofree char *name = NULL;
  g_autofree char *folded_name = NULL;
  g_autofree char *folded_key = NULL;

  gtk_tree_model_get (GTK_TREE_MODEL (self->model_store), iter, 0, &name, -1);
  if (name == NULL)
    return FALSE;
  folded_name = g_utf8_casefold (name, -1);
  folded_key = g_utf8_casefold (gtk_entry_get_text (self->model_entry), -1);

  return strstr (folded_name, folded_key) != NULL;
}

static void
vd_hardware_page_cpu_dispose (GObject *object)
{
  VdHardwarePageCpu *self = (VdHardwarePageCpu *)object;

  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (vd_hardware_page_cpu_parent_class)->dispose (object);
}

static void
vd_hardware_page_cpu_finalize (GObject *object)
{
  VdHardwarePageCpu *self = (VdHardwarePageCpu *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->caps, vd_domain_caps_unref);
  g_clear_pointer (&self->loaded_mode, g_free);
  g_clear_pointer (&self->loaded_model, g_free);

  G_OBJECT_CLASS (vd_hardware_page_cpu_parent_class)->finalize (object);
}

static void
vd_hardware_page_cpu_class_init (VdHardwarePageCpuClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  VdHardwarePageClass *page_class = VD_HARDWARE_PAGE_CLASS (klass);

  object_class->dispose = vd_hardware_page_cpu_dispose;
  object_class->finalize = vd_hardware_page_cpu_finalize;
  page_class->load = vd_hardware_page_cpu_load;
  page_class->commit = vd_hardware_page_cpu_commit;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/details/vd-hardware-page-cpu.ui");
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageCpu, vcpus_spin);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageCpu, max_vcpus_spin);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageCpu, vcpus_message);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageCpu, host_message);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageCpu, topology_check);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageCpu, topology_grid);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageCpu, sockets_spin);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageCpu, cores_spin);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageCpu, threads_spin);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageCpu, topology_message);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageCpu, mode_combo);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageCpu, model_entry);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageCpu, model_message);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageCpu, caps_message);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageCpu, model_completion);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageCpu, model_store);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
}

static void
vd_hardware_page_cpu_init (VdHardwarePageCpu *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  gtk_entry_completion_set_match_func (self->model_completion, model_match_cb, self, NULL);
  self->topology_extra = 1;
  update_topology_sensitivity (self);
  g_signal_connect (self, "notify::domain", G_CALLBACK (domain_changed_cb), NULL);
}

GtkWidget *
vd_hardware_page_cpu_new (void)
{
  return g_object_new (VD_TYPE_HARDWARE_PAGE_CPU, NULL);
}
