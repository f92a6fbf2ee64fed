/* vd-hardware-page-cpu.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-hardware-page"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-connection.h"
#include "vd-error.h"
#include "vd-hardware-page-cpu.h"
#include "vd-xml.h"

/*
 * CPUs: how many vCPUs the guest starts with and the most it may have
 * (current ≤ maximum; a warning, not an error, above the host's CPUs), and
 * an optional topology whose sockets × cores × threads (times any dies and
 * clusters the XML has) must make the maximum.
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

  return TRUE;
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
  vd_hardware_page_changed (VD_HARDWARE_PAGE (self));
}

static void
vd_hardware_page_cpu_class_init (VdHardwarePageCpuClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  VdHardwarePageClass *page_class = VD_HARDWARE_PAGE_CLASS (klass);

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
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
}

static void
vd_hardware_page_cpu_init (VdHardwarePageCpu *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->topology_extra = 1;
  update_topology_sensitivity (self);
  g_signal_connect (self, "notify::domain", G_CALLBACK (domain_changed_cb), NULL);
}

GtkWidget *
vd_hardware_page_cpu_new (void)
{
  return g_object_new (VD_TYPE_HARDWARE_PAGE_CPU, NULL);
}
