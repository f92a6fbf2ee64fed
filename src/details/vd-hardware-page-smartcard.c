/* vd-hardware-page-smartcard.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-hardware-page"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-domain-editor-hw.h"
#include "vd-hardware-page-smartcard.h"

/*
 * A smartcard reader: the host's reader (mode host) or a card passed
 * through a channel, from the SPICE client (spicevmc) or over TCP (host
 * and port). A reader emulated from certificates (host-certificates) or
 * on another channel is shown and kept, not changed here.
 */

struct _VdHardwarePageSmartcard
{
  VdHardwarePageDevice  parent_instance;

  /* Template widgets */
  GtkLabel             *heading_label;
  GtkWidget            *remove_button;
  GtkComboBox          *mode_combo;
  GtkLabel             *mode_message;
  GtkWidget            *type_caption;
  GtkComboBox          *type_combo;
  GtkWidget            *host_caption;
  GtkEntry             *host_entry;
  GtkWidget            *port_caption;
  GtkSpinButton        *port_spin;
  GtkLabel             *type_message;
};

G_DEFINE_FINAL_TYPE (VdHardwarePageSmartcard, vd_hardware_page_smartcard,
                     VD_TYPE_HARDWARE_PAGE_DEVICE)

static const char *
device_id (VdHardwarePageSmartcard *self)
{
  return vd_hardware_page_device_get_device_id (VD_HARDWARE_PAGE_DEVICE (self));
}

static void
update_visible (VdHardwarePageSmartcard *self)
{
  gboolean passthrough = g_strcmp0 (gtk_combo_box_get_active_id (self->mode_combo),
                                    "passthrough") == 0;
  gboolean tcp = passthrough &&
                 g_strcmp0 (gtk_combo_box_get_active_id (self->type_combo), "tcp") == 0;

  gtk_widget_set_visible (self->type_caption, passthrough);
  gtk_widget_set_visible (GTK_WIDGET (self->type_combo), passthrough);
  gtk_widget_set_visible (self->host_caption, tcp);
  gtk_widget_set_visible (GTK_WIDGET (self->host_entry), tcp);
  gtk_widget_set_visible (self->port_caption, tcp);
  gtk_widget_set_visible (GTK_WIDGET (self->port_spin), tcp);
}

static void
vd_hardware_page_smartcard_load (VdHardwarePage *page,
                                 VdDomainEditor *editor)
{
  VdHardwarePageSmartcard *self = VD_HARDWARE_PAGE_SMARTCARD (page);
  g_autofree char *label = vd_hardware_page_device_get_label (VD_HARDWARE_PAGE_DEVICE (self),
                                                              editor);
  g_autofree char *mode = NULL;
  g_autofree char *type = NULL;
  g_autofree char *host = NULL;
  guint port = 0;
  gboolean known;

  vd_domain_editor_get_smartcard (editor, device_id (self), &mode, &type, &host, &port);
  known = g_strcmp0 (mode, "host") == 0 ||
          (g_strcmp0 (mode, "passthrough") == 0 &&
           (g_strcmp0 (type, "spicevmc") == 0 || g_strcmp0 (type, "tcp") == 0));
  gtk_label_set_text (self->heading_label, label);
  vd_hardware_page_device_set_combo (self->mode_combo, mode);
  vd_hardware_page_device_set_combo (self->type_combo, type != NULL ? type : "spicevmc");
  gtk_entry_set_text (self->host_entry, host != NULL ? host : "127.0.0.1");
  gtk_spin_button_set_value (self->port_spin, port != 0 ? port : 2001);
  gtk_widget_set_sensitive (GTK_WIDGET (self->mode_combo), known);
  gtk_widget_set_sensitive (GTK_WIDGET (self->type_combo), known);
  gtk_widget_set_sensitive (GTK_WIDGET (self->host_entry), known);
  gtk_widget_set_sensitive (GTK_WIDGET (self->port_spin), known);
  update_visible (self);
}

static gboolean
vd_hardware_page_smartcard_commit (VdHardwarePage  *page,
                                   VdDomainEditor  *editor,
                                   GError         **error)
{
  VdHardwarePageSmartcard *self = VD_HARDWARE_PAGE_SMARTCARD (page);
  const char *id = device_id (self);
  const char *mode = vd_hardware_page_device_get_combo (self->mode_combo);
  const char *type = vd_hardware_page_device_get_combo (self->type_combo);
  g_autofree char *host = g_strstrip (g_strdup (gtk_entry_get_text (self->host_entry)));
  guint port = gtk_spin_button_get_value_as_int (self->port_spin);
  GError *local_error = NULL;

  vd_hardware_page_set_field_message (self->mode_message, NULL);
  vd_hardware_page_set_field_message (self->type_message, NULL);

  if (!gtk_widget_get_sensitive (GTK_WIDGET (self->mode_combo)))
    return TRUE;
  if (vd_domain_editor_set_smartcard (editor, id, mode, type, host, port, &local_error))
    return TRUE;

  return vd_hardware_page_device_field_error (g_strcmp0 (mode, "passthrough") == 0
                                              ? self->type_message : self->mode_message,
                                              local_error, error);
}

static void
vd_hardware_page_smartcard_class_init (VdHardwarePageSmartcardClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  VdHardwarePageClass *page_class = VD_HARDWARE_PAGE_CLASS (klass);

  page_class->load = vd_hardware_page_smartcard_load;
  page_class->commit = vd_hardware_page_smartcard_commit;

  vd_hardware_page_device_class_set_template (widget_class,
                                              RESOURCE_BASE
                                              "/details/vd-hardware-page-smartcard.ui");
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageSmartcard, heading_label);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageSmartcard, remove_button);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageSmartcard, mode_combo);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageSmartcard, mode_message);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageSmartcard, type_caption);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageSmartcard, type_combo);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageSmartcard, host_caption);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageSmartcard, host_entry);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageSmartcard, port_caption);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageSmartcard, port_spin);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageSmartcard, type_message);
}

static void
vd_hardware_page_smartcard_init (VdHardwarePageSmartcard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->mode_combo, "changed", G_CALLBACK (update_visible), self);
  g_signal_connect_swapped (self->type_combo, "changed", G_CALLBACK (update_visible), self);
}
