/* vd-hardware-page-input.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-hardware-page"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-hardware-page-input.h"

/*
 * An input device: a tablet, mouse or keyboard and the bus it is on. A
 * passthrough or evdev device (a host device handed to the guest) is shown
 * but cannot be changed here.
 */

struct _VdHardwarePageInput
{
  VdHardwarePageDevice  parent_instance;

  /* Template widgets */
  GtkLabel             *heading_label;
  GtkWidget            *remove_button;
  GtkComboBox          *type_combo;
  GtkLabel             *type_message;
  GtkComboBox          *bus_combo;
  GtkLabel             *bus_message;
};

G_DEFINE_FINAL_TYPE (VdHardwarePageInput, vd_hardware_page_input, VD_TYPE_HARDWARE_PAGE_DEVICE)

static const char * const changeable_types[] = { "mouse", "tablet", "keyboard", NULL };

static const char *
device_id (VdHardwarePageInput *self)
{
  return vd_hardware_page_device_get_device_id (VD_HARDWARE_PAGE_DEVICE (self));
}

static void
vd_hardware_page_input_load (VdHardwarePage *page,
                             VdDomainEditor *editor)
{
  VdHardwarePageInput *self = VD_HARDWARE_PAGE_INPUT (page);
  g_autofree char *label = vd_hardware_page_device_get_label (VD_HARDWARE_PAGE_DEVICE (self),
                                                              editor);
  g_autofree char *type = NULL;
  g_autofree char *bus = NULL;
  gboolean changeable;

  vd_domain_editor_get_input (editor, device_id (self), &type, &bus);
  changeable = type != NULL && g_strv_contains (changeable_types, type);

  gtk_label_set_text (self->heading_label, label);
  vd_hardware_page_device_set_combo (self->type_combo, type);
  vd_hardware_page_device_set_combo (self->bus_combo, bus);
  gtk_widget_set_sensitive (GTK_WIDGET (self->type_combo), changeable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->bus_combo), changeable);
}

static gboolean
vd_hardware_page_input_commit (VdHardwarePage  *page,
                               VdDomainEditor  *editor,
                               GError         **error)
{
  VdHardwarePageInput *self = VD_HARDWARE_PAGE_INPUT (page);
  const char *id = device_id (self);
  const char *type = vd_hardware_page_device_get_combo (self->type_combo);
  const char *bus = vd_hardware_page_device_get_combo (self->bus_combo);
  g_autofree char *old_type = NULL;
  g_autofree char *old_bus = NULL;
  GError *local_error = NULL;

  vd_hardware_page_set_field_message (self->type_message, NULL);
  vd_hardware_page_set_field_message (self->bus_message, NULL);

  vd_domain_editor_get_input (editor, id, &old_type, &old_bus);
  if (g_strcmp0 (type, old_type) == 0 && g_strcmp0 (bus, old_bus) == 0)
    return TRUE;
  if (vd_domain_editor_set_input (editor, id, type, bus, &local_error))
    return TRUE;

  /* A refused type is the type's fault; anything else (a tablet on PS/2)
   * the bus's. */
  if (type == NULL || !g_strv_contains (changeable_types, type) ||
      old_type == NULL || !g_strv_contains (changeable_types, old_type))
    return vd_hardware_page_device_field_error (self->type_message, local_error, error);

  return vd_hardware_page_device_field_error (self->bus_message, local_error, error);
}

static void
vd_hardware_page_input_class_init (VdHardwarePageInputClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  VdHardwarePageClass *page_class = VD_HARDWARE_PAGE_CLASS (klass);

  page_class->load = vd_hardware_page_input_load;
  page_class->commit = vd_hardware_page_input_commit;

  vd_hardware_page_device_class_set_template (widget_class,
                                              RESOURCE_BASE
                                              "/details/vd-hardware-page-input.ui");
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageInput, heading_label);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageInput, remove_button);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageInput, type_combo);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageInput, type_message);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageInput, bus_combo);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageInput, bus_message);
}

static void
vd_hardware_page_input_init (VdHardwarePageInput *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
