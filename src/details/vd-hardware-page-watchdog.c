/* vd-hardware-page-watchdog.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-hardware-page"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-hardware-page-watchdog.h"

/*
 * A watchdog: its model and what libvirt does when the guest stops
 * feeding it (no action written reads as reset).
 */

struct _VdHardwarePageWatchdog
{
  VdHardwarePageDevice  parent_instance;

  /* Template widgets */
  GtkLabel             *heading_label;
  GtkWidget            *remove_button;
  GtkComboBox          *model_combo;
  GtkLabel             *model_message;
  GtkComboBox          *action_combo;
  GtkLabel             *action_message;
};

G_DEFINE_FINAL_TYPE (VdHardwarePageWatchdog, vd_hardware_page_watchdog,
                     VD_TYPE_HARDWARE_PAGE_DEVICE)

static const char *
device_id (VdHardwarePageWatchdog *self)
{
  return vd_hardware_page_device_get_device_id (VD_HARDWARE_PAGE_DEVICE (self));
}

static void
vd_hardware_page_watchdog_load (VdHardwarePage *page,
                                VdDomainEditor *editor)
{
  VdHardwarePageWatchdog *self = VD_HARDWARE_PAGE_WATCHDOG (page);
  g_autofree char *label = vd_hardware_page_device_get_label (VD_HARDWARE_PAGE_DEVICE (self),
                                                              editor);
  g_autofree char *model = NULL;
  g_autofree char *action = NULL;

  vd_domain_editor_get_watchdog (editor, device_id (self), &model, &action);
  gtk_label_set_text (self->heading_label, label);
  vd_hardware_page_device_set_combo (self->model_combo, model);
  vd_hardware_page_device_set_combo (self->action_combo, action);
}

static gboolean
vd_hardware_page_watchdog_commit (VdHardwarePage  *page,
                                  VdDomainEditor  *editor,
                                  GError         **error)
{
  VdHardwarePageWatchdog *self = VD_HARDWARE_PAGE_WATCHDOG (page);
  const char *id = device_id (self);
  const char *model = vd_hardware_page_device_get_combo (self->model_combo);
  const char *action = vd_hardware_page_device_get_combo (self->action_combo);
  g_autofree char *old_model = NULL;
  g_autofree char *old_action = NULL;
  GError *local_error = NULL;

  vd_hardware_page_set_field_message (self->model_message, NULL);
  vd_hardware_page_set_field_message (self->action_message, NULL);

  vd_domain_editor_get_watchdog (editor, id, &old_model, &old_action);
  if (g_strcmp0 (model, old_model) == 0 && g_strcmp0 (action, old_action) == 0)
    return TRUE;
  if (vd_domain_editor_set_watchdog (editor, id, model, action, &local_error))
    return TRUE;

  if (g_strcmp0 (model, old_model) != 0)
    return vd_hardware_page_device_field_error (self->model_message, local_error, error);

  return vd_hardware_page_device_field_error (self->action_message, local_error, error);
}

static void
vd_hardware_page_watchdog_class_init (VdHardwarePageWatchdogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  VdHardwarePageClass *page_class = VD_HARDWARE_PAGE_CLASS (klass);

  page_class->load = vd_hardware_page_watchdog_load;
  page_class->commit = vd_hardware_page_watchdog_commit;

  vd_hardware_page_device_class_set_template (widget_class,
                                              RESOURCE_BASE
                                              "/details/vd-hardware-page-watchdog.ui");
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageWatchdog, heading_label);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageWatchdog, remove_button);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageWatchdog, model_combo);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageWatchdog, model_message);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageWatchdog, action_combo);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageWatchdog, action_message);
}

static void
vd_hardware_page_watchdog_init (VdHardwarePageWatchdog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
