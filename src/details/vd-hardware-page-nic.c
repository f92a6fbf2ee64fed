/* vd-hardware-page-nic.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-hardware-page"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>

#include "vd-error.h"
#include "vd-hardware-page-nic.h"

/*
 * A network interface: what it is connected to (a virtual network, a host
 * bridge, a host device through macvtap with its mode, or usermode), the
 * card's model, its MAC address (six bytes, unicast, not all zero: the
 * core judges it), the link state (live on a running guest), a port group,
 * a VLAN tag and an average bandwidth limit each way (a peak or burst
 * libvirt already has is kept).
 */

struct _VdHardwarePageNic
{
  VdHardwarePageDevice  parent_instance;

  /* Template widgets */
  GtkLabel             *heading_label;
  GtkWidget            *remove_button;
  GtkComboBox          *type_combo;
  GtkEntry             *source_entry;
  GtkLabel             *source_message;
  GtkComboBox          *mode_combo;
  GtkComboBox          *model_combo;
  GtkLabel             *model_message;
  GtkEntry             *mac_entry;
  GtkLabel             *mac_message;
  GtkToggleButton      *link_check;
  GtkLabel             *link_message;
  GtkEntry             *portgroup_entry;
  GtkLabel             *portgroup_message;
  GtkEntry             *vlan_entry;
  GtkLabel             *vlan_message;
  GtkEntry             *inbound_entry;
  GtkLabel             *inbound_message;
  GtkEntry             *outbound_entry;
  GtkLabel             *outbound_message;
};

G_DEFINE_FINAL_TYPE (VdHardwarePageNic, vd_hardware_page_nic, VD_TYPE_HARDWARE_PAGE_DEVICE)

static const char *
device_id (VdHardwarePageNic *self)
{
  return vd_hardware_page_device_get_device_id (VD_HARDWARE_PAGE_DEVICE (self));
}

static char *
entry_text (GtkEntry *entry)
{
  char *text = g_strstrip (g_strdup (gtk_entry_get_text (entry)));

  if (text[0] == '\0')
    g_clear_pointer (&text, g_free);

  return text;
}

static void
update_sensitivity (VdHardwarePageNic *self)
{
  const char *type = gtk_combo_box_get_active_id (self->type_combo);

  gtk_widget_set_sensitive (GTK_WIDGET (self->source_entry), g_strcmp0 (type, "user") != 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->mode_combo), g_strcmp0 (type, "direct") == 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->portgroup_entry),
                            g_strcmp0 (type, "network") == 0);
}

static void
show_bandwidth (GtkEntry       *entry,
                VdDomainEditor *editor,
                const char     *id,
                gboolean        inbound)
{
  g_autofree char *text = NULL;
  guint64 average = 0;

  vd_domain_editor_get_nic_bandwidth (editor, id, inbound, &average, NULL, NULL);
  if (average > 0)
    text = g_strdup_printf ("%" G_GUINT64_FORMAT, average);
  gtk_entry_set_text (entry, text != NULL ? text : "");
}

static void
vd_hardware_page_nic_load (VdHardwarePage *page,
                           VdDomainEditor *editor)
{
  VdHardwarePageNic *self = VD_HARDWARE_PAGE_NIC (page);
  const char *id = device_id (self);
  g_autofree char *label = vd_hardware_page_device_get_label (VD_HARDWARE_PAGE_DEVICE (self),
                                                              editor);
  g_autofree char *type = NULL;
  g_autofree char *source = NULL;
  g_autofree char *mode = NULL;
  g_autofree char *model = vd_domain_editor_get_nic_model (editor, id);
  g_autofree char *mac = vd_domain_editor_get_nic_mac (editor, id);
  g_autofree char *portgroup = vd_domain_editor_get_nic_portgroup (editor, id);
  g_autofree char *vlan = NULL;
  int tag = vd_domain_editor_get_nic_vlan (editor, id);

  gtk_label_set_text (self->heading_label, label);
  vd_domain_editor_get_nic_source (editor, id, &type, &source, &mode);
  vd_hardware_page_device_set_combo (self->type_combo, type);
  gtk_entry_set_text (self->source_entry, source != NULL ? source : "");
  vd_hardware_page_device_set_combo (self->mode_combo, mode);
  vd_hardware_page_device_set_combo (self->model_combo, model);
  gtk_entry_set_text (self->mac_entry, mac != NULL ? mac : "");
  gtk_toggle_button_set_active (self->link_check, vd_domain_editor_get_nic_link_up (editor, id));
  gtk_entry_set_text (self->portgroup_entry, portgroup != NULL ? portgroup : "");
  if (tag >= 0)
    vlan = g_strdup_printf ("%d", tag);
  gtk_entry_set_text (self->vlan_entry, vlan != NULL ? vlan : "");
  show_bandwidth (self->inbound_entry, editor, id, TRUE);
  show_bandwidth (self->outbound_entry, editor, id, FALSE);
  update_sensitivity (self);
}

/* A whole number in [0, @max], or empty (@empty). */
static gboolean
parse_number (GtkEntry  *entry,
              guint64    max,
              gint64     empty,
              gint64    *value,
              GError   **error)
{
  g_autofree char *text = entry_text (entry);
  guint64 number = 0;

  if (text == NULL)
    {
      *value = empty;
      return TRUE;
    }
  if (!g_ascii_string_to_unsigned (text, 10, 0, max, &number, NULL))
    {
      /* translators: %s is what the user typed, %lu the largest value allowed */
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a whole number from 0 to %lu"), text, (unsigned long)max);
      return FALSE;
    }
  *value = (gint64)number;

  return TRUE;
}

static gboolean
commit_bandwidth (VdHardwarePageNic  *self,
                  VdDomainEditor     *editor,
                  GtkEntry           *entry,
                  GtkLabel           *message,
                  gboolean            inbound,
                  GError            **error)
{
  GError *local_error = NULL;
  guint64 average = 0, peak = 0, burst = 0;
  gint64 wanted = 0;

  if (!parse_number (entry, G_MAXUINT32, 0, &wanted, &local_error))
    return vd_hardware_page_device_field_error (message, local_error, error);
  vd_domain_editor_get_nic_bandwidth (editor, device_id (self), inbound, &average, &peak, &burst);
  if ((guint64)wanted == average)
    return TRUE;
  /* No average: no limit that way at all. */
  if (wanted == 0)
    peak = burst = 0;
  if (!vd_domain_editor_set_nic_bandwidth (editor, device_id (self), inbound, (guint64)wanted,
                                           peak, burst, &local_error))
    return vd_hardware_page_device_field_error (message, local_error, error);

  return TRUE;
}

static gboolean
vd_hardware_page_nic_commit (VdHardwarePage  *page,
                             VdDomainEditor  *editor,
                             GError         **error)
{
  VdHardwarePageNic *self = VD_HARDWARE_PAGE_NIC (page);
  const char *id = device_id (self);
  GError *local_error = NULL;
  g_autofree char *old_type = NULL;
  g_autofree char *old_source = NULL;
  g_autofree char *old_mode = NULL;
  g_autofree char *old_model = vd_domain_editor_get_nic_model (editor, id);
  g_autofree char *old_mac = vd_domain_editor_get_nic_mac (editor, id);
  g_autofree char *old_portgroup = vd_domain_editor_get_nic_portgroup (editor, id);
  g_autofree char *source = entry_text (self->source_entry);
  g_autofree char *mac = entry_text (self->mac_entry);
  g_autofree char *portgroup = entry_text (self->portgroup_entry);
  const char *type = gtk_combo_box_get_active_id (self->type_combo);
  const char *mode = vd_hardware_page_device_get_combo (self->mode_combo);
  const char *model = vd_hardware_page_device_get_combo (self->model_combo);
  gboolean link_up = gtk_toggle_button_get_active (self->link_check);
  gint64 vlan = -1;
  gboolean ok = TRUE;

  update_sensitivity (self);
  for (GtkLabel **m = (GtkLabel *[]) { self->source_message, self->model_message,
                                       self->mac_message, self->link_message,
                                       self->portgroup_message, self->vlan_message,
                                       self->inbound_message, self->outbound_message, NULL };
       *m != NULL; m++)
    vd_hardware_page_set_field_message (*m, NULL);

  /* Each field is judged, so every message is up to date; the first
   * error is the one handed on. */
  vd_domain_editor_get_nic_source (editor, id, &old_type, &old_source, &old_mode);
  if (g_strcmp0 (type, "direct") != 0)
    mode = NULL;
  if (g_strcmp0 (type, "user") == 0)
    g_clear_pointer (&source, g_free);
  if ((g_strcmp0 (type, old_type) != 0 || g_strcmp0 (source, old_source) != 0 ||
       g_strcmp0 (mode, old_mode) != 0) &&
      !vd_domain_editor_set_nic_source (editor, id, type, source, mode, &local_error))
    ok = vd_hardware_page_device_field_error (self->source_message, local_error,
                                              ok ? error : NULL);
  local_error = NULL;

  if (g_strcmp0 (model, old_model) != 0 &&
      !vd_domain_editor_set_nic_model (editor, id, model, &local_error))
    ok = vd_hardware_page_device_field_error (self->model_message, local_error,
                                              ok ? error : NULL);
  local_error = NULL;

  if (mac == NULL && old_mac != NULL)
    {
      local_error = g_error_new_literal (VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                                         _("A network interface needs a MAC address"));
      ok = vd_hardware_page_device_field_error (self->mac_message, local_error,
                                                ok ? error : NULL);
    }
  else if (mac != NULL && g_ascii_strcasecmp (mac, old_mac != NULL ? old_mac : "") != 0 &&
           !vd_domain_editor_set_nic_mac (editor, id, mac, &local_error))
    {
      ok = vd_hardware_page_device_field_error (self->mac_message, local_error,
                                                ok ? error : NULL);
    }
  local_error = NULL;

  if (link_up != vd_domain_editor_get_nic_link_up (editor, id) &&
      !vd_domain_editor_set_nic_link_up (editor, id, link_up, &local_error))
    ok = vd_hardware_page_device_field_error (self->link_message, local_error,
                                              ok ? error : NULL);
  local_error = NULL;

  if (g_strcmp0 (portgroup, old_portgroup) != 0 &&
      !vd_domain_editor_set_nic_portgroup (editor, id, portgroup, &local_error))
    ok = vd_hardware_page_device_field_error (self->portgroup_message, local_error,
                                              ok ? error : NULL);
  local_error = NULL;

  if (!parse_number (self->vlan_entry, 4095, -1, &vlan, &local_error) ||
      (vlan != vd_domain_editor_get_nic_vlan (editor, id) &&
       !vd_domain_editor_set_nic_vlan (editor, id, (int)vlan, &local_error)))
    ok = vd_hardware_page_device_field_error (self->vlan_message, local_error,
                                              ok ? error : NULL);
  local_error = NULL;

  if (!commit_bandwidth (self, editor, self->inbound_entry, self->inbound_message, TRUE,
                         ok ? error : NULL))
    ok = FALSE;
  if (!commit_bandwidth (self, editor, self->outbound_entry, self->outbound_message, FALSE,
                         ok ? error : NULL))
    ok = FALSE;

  return ok;
}

static void
vd_hardware_page_nic_class_init (VdHardwarePageNicClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  VdHardwarePageClass *page_class = VD_HARDWARE_PAGE_CLASS (klass);

  page_class->load = vd_hardware_page_nic_load;
  page_class->commit = vd_hardware_page_nic_commit;

  vd_hardware_page_device_class_set_template (widget_class,
                                              RESOURCE_BASE "/details/vd-hardware-page-nic.ui");
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageNic, heading_label);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageNic, remove_button);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageNic, type_combo);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageNic, source_entry);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageNic, source_message);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageNic, mode_combo);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageNic, model_combo);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageNic, model_message);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageNic, mac_entry);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageNic, mac_message);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageNic, link_check);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageNic, link_message);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageNic, portgroup_entry);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageNic, portgroup_message);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageNic, vlan_entry);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageNic, vlan_message);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageNic, inbound_entry);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageNic, inbound_message);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageNic, outbound_entry);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageNic, outbound_message);
}

static void
vd_hardware_page_nic_init (VdHardwarePageNic *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
