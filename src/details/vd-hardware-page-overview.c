/* vd-hardware-page-overview.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-hardware-page"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-hardware-page-overview.h"
#include "vd-xml.h"

/*
 * Overview: who the guest is (name, UUID, state, and the hypervisor,
 * architecture, machine type and emulator its XML names: read-only), its
 * title and description, and what libvirt does when it powers off, reboots
 * or crashes.
 */

struct _VdHardwarePageOverview
{
  VdHardwarePage  parent_instance;

  /* Template widgets */
  GtkLabel       *name_label;
  GtkLabel       *uuid_label;
  GtkLabel       *state_label;
  GtkLabel       *hypervisor_label;
  GtkLabel       *arch_label;
  GtkLabel       *machine_label;
  GtkLabel       *emulator_label;
  GtkEntry       *title_entry;
  GtkLabel       *title_message;
  GtkTextView    *description_view;
  GtkLabel       *description_message;
  GtkComboBox    *poweroff_combo;
  GtkComboBox    *reboot_combo;
  GtkComboBox    *crash_combo;
  GtkLabel       *lifecycle_message;

  /* Owned references */
  GBinding       *state_binding;
};

G_DEFINE_FINAL_TYPE (VdHardwarePageOverview, vd_hardware_page_overview,
                     VD_TYPE_HARDWARE_PAGE)

static const struct {
  const char *id;
  const char *label;
  gboolean    crash_only;
} actions[] = {
  /* translators: what libvirt does when the guest powers off, reboots or
   * crashes (libvirt's "destroy") */
  { "destroy", N_("Stop the guest"), FALSE },
  /* translators: libvirt's "restart" lifecycle action */
  { "restart", N_("Start the guest again"), FALSE },
  /* translators: libvirt's "rename-restart": the old guest is kept under a
   * new name and a new one starts */
  { "rename-restart", N_("Start again under a new name"), FALSE },
  /* translators: libvirt's "preserve": the stopped guest's resources are
   * kept for inspection */
  { "preserve", N_("Keep it stopped for inspection"), FALSE },
  /* translators: libvirt's "coredump-destroy" */
  { "coredump-destroy", N_("Save a memory dump, then stop"), TRUE },
  /* translators: libvirt's "coredump-restart" */
  { "coredump-restart", N_("Save a memory dump, then start again"), TRUE },
};

static void
set_value (GtkLabel   *label,
           const char *text)
{
  gtk_label_set_text (label, text != NULL && text[0] != '\0' ? text : "—");
}

static void
fill_actions (GtkComboBox *combo,
              gboolean     crash)
{
  gtk_combo_box_text_remove_all (GTK_COMBO_BOX_TEXT (combo));
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    if (crash || !actions[i].crash_only)
      gtk_combo_box_text_append (GTK_COMBO_BOX_TEXT (combo), actions[i].id, _(actions[i].label));
}

static void
load_action (GtkComboBox    *combo,
             VdDomainEditor *editor,
             const char     *event)
{
  g_autofree char *action = vd_domain_editor_get_lifecycle (editor, event);

  fill_actions (combo, g_str_equal (event, "crash"));
  if (action != NULL && !gtk_combo_box_set_active_id (combo, action))
    {
      /* An action this version does not name: shown as libvirt writes it. */
      gtk_combo_box_text_append (GTK_COMBO_BOX_TEXT (combo), action, action);
      gtk_combo_box_set_active_id (combo, action);
    }
}

static char *
get_description (VdHardwarePageOverview *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->description_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
vd_hardware_page_overview_load (VdHardwarePage *page,
                                VdDomainEditor *editor)
{
  VdHardwarePageOverview *self = VD_HARDWARE_PAGE_OVERVIEW (page);
  g_autofree char *xml = vd_domain_editor_get_xml (editor);
  g_autoptr(VdXml) doc = vd_xml_new (xml);
  g_autofree char *title = vd_domain_editor_get_title (editor);
  g_autofree char *description = vd_domain_editor_get_description (editor);

  if (doc != NULL)
    {
      g_autofree char *name = vd_xml_get_string (doc, "/domain/name");
      g_autofree char *uuid = vd_xml_get_string (doc, "/domain/uuid");
      g_autofree char *type = vd_xml_get_string (doc, "/domain/@type");
      g_autofree char *arch = vd_xml_get_string (doc, "/domain/os/type/@arch");
      g_autofree char *machine = vd_xml_get_string (doc, "/domain/os/type/@machine");
      g_autofree char *emulator = vd_xml_get_string (doc, "/domain/devices/emulator");

      set_value (self->name_label, name);
      set_value (self->uuid_label, uuid);
      set_value (self->hypervisor_label, type);
      set_value (self->arch_label, arch);
      set_value (self->machine_label, machine);
      set_value (self->emulator_label, emulator);
    }

  gtk_entry_set_text (self->title_entry, title != NULL ? title : "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->description_view),
                            description != NULL ? description : "", -1);
  load_action (self->poweroff_combo, editor, "poweroff");
  load_action (self->reboot_combo, editor, "reboot");
  load_action (self->crash_combo, editor, "crash");
}

static gboolean
commit_action (GtkComboBox     *combo,
               VdDomainEditor  *editor,
               const char      *event,
               GError         **error)
{
  const char *action = gtk_combo_box_get_active_id (combo);

  if (action == NULL)
    return TRUE;

  return vd_domain_editor_set_lifecycle (editor, event, action, error);
}

static gboolean
vd_hardware_page_overview_commit (VdHardwarePage  *page,
                                  VdDomainEditor  *editor,
                                  GError         **error)
{
  VdHardwarePageOverview *self = VD_HARDWARE_PAGE_OVERVIEW (page);
  g_autofree char *description = get_description (self);
  g_autoptr(GError) local_error = NULL;
  gboolean ok = TRUE;

  /* Every field is judged, so every message is up to date. */
  if (!vd_domain_editor_set_title (editor, gtk_entry_get_text (self->title_entry),
                                   &local_error))
    {
      vd_hardware_page_set_field_message (self->title_message, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      ok = FALSE;
    }
  else
    vd_hardware_page_set_field_message (self->title_message, NULL);

  if (!vd_domain_editor_set_description (editor, description, &local_error))
    {
      vd_hardware_page_set_field_message (self->description_message, local_error->message);
      if (ok)
        g_propagate_error (error, g_steal_pointer (&local_error));
      g_clear_error (&local_error);
      ok = FALSE;
    }
  else
    vd_hardware_page_set_field_message (self->description_message, NULL);

  if (!commit_action (self->poweroff_combo, editor, "poweroff", &local_error) ||
      !commit_action (self->reboot_combo, editor, "reboot", &local_error) ||
      !commit_action (self->crash_combo, editor, "crash", &local_error))
    {
      vd_hardware_page_set_field_message (self->lifecycle_message, local_error->message);
      if (ok)
        g_propagate_error (error, g_steal_pointer (&local_error));
      ok = FALSE;
    }
  else
    vd_hardware_page_set_field_message (self->lifecycle_message, NULL);

  return ok;
}

static void
field_changed_cb (VdHardwarePageOverview *self)
{
  vd_hardware_page_changed (VD_HARDWARE_PAGE (self));
}

static void
domain_changed_cb (VdHardwarePageOverview *self)
{
  VdDomain *domain = vd_hardware_page_get_domain (VD_HARDWARE_PAGE (self));

  g_clear_pointer (&self->state_binding, g_binding_unbind);
  if (domain != NULL)
    self->state_binding = g_object_bind_property (domain, "state-label", self->state_label,
                                                  "label", G_BINDING_SYNC_CREATE);
}

static void
vd_hardware_page_overview_dispose (GObject *object)
{
  VdHardwarePageOverview *self = (VdHardwarePageOverview *)object;

  g_clear_pointer (&self->state_binding, g_binding_unbind);

  G_OBJECT_CLASS (vd_hardware_page_overview_parent_class)->dispose (object);
}

static void
vd_hardware_page_overview_class_init (VdHardwarePageOverviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  VdHardwarePageClass *page_class = VD_HARDWARE_PAGE_CLASS (klass);

  object_class->dispose = vd_hardware_page_overview_dispose;
  page_class->load = vd_hardware_page_overview_load;
  page_class->commit = vd_hardware_page_overview_commit;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE
                                               "/details/vd-hardware-page-overview.ui");
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageOverview, name_label);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageOverview, uuid_label);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageOverview, state_label);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageOverview, hypervisor_label);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageOverview, arch_label);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageOverview, machine_label);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageOverview, emulator_label);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageOverview, title_entry);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageOverview, title_message);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageOverview, description_view);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageOverview,
                                        description_message);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageOverview, poweroff_combo);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageOverview, reboot_combo);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageOverview, crash_combo);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageOverview,
                                        lifecycle_message);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
}

static void
vd_hardware_page_overview_init (VdHardwarePageOverview *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_swapped (gtk_text_view_get_buffer (self->description_view), "changed",
                            G_CALLBACK (field_changed_cb), self);
  g_signal_connect (self, "notify::domain", G_CALLBACK (domain_changed_cb), NULL);
  fill_actions (self->poweroff_combo, FALSE);
  fill_actions (self->reboot_combo, FALSE);
  fill_actions (self->crash_combo, TRUE);
}

GtkWidget *
vd_hardware_page_overview_new (void)
{
  return g_object_new (VD_TYPE_HARDWARE_PAGE_OVERVIEW, NULL);
}
