/* vd-hardware-page-sound.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-hardware-page"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-domain-editor-misc.h"
#include "vd-hardware-page-sound.h"

/*
 * A sound card: its model (a new one may sit on another bus, so its address
 * goes; its audio backend stays).
 */

struct _VdHardwarePageSound
{
  VdHardwarePageDevice  parent_instance;

  /* Template widgets */
  GtkLabel             *heading_label;
  GtkWidget            *remove_button;
  GtkComboBox          *model_combo;
  GtkLabel             *model_message;
};

G_DEFINE_FINAL_TYPE (VdHardwarePageSound, vd_hardware_page_sound,
                     VD_TYPE_HARDWARE_PAGE_DEVICE)

static const char *
device_id (VdHardwarePageSound *self)
{
  return vd_hardware_page_device_get_device_id (VD_HARDWARE_PAGE_DEVICE (self));
}

static void
vd_hardware_page_sound_load (VdHardwarePage *page,
                               VdDomainEditor *editor)
{
  VdHardwarePageSound *self = VD_HARDWARE_PAGE_SOUND (page);
  g_autofree char *label = vd_hardware_page_device_get_label (VD_HARDWARE_PAGE_DEVICE (self),
                                                              editor);
  g_autofree char *model = vd_domain_editor_get_sound_model (editor, device_id (self));

  gtk_label_set_text (self->heading_label, label);
  vd_hardware_page_device_set_combo (self->model_combo, model);
}

static gboolean
vd_hardware_page_sound_commit (VdHardwarePage  *page,
                                 VdDomainEditor  *editor,
                                 GError         **error)
{
  VdHardwarePageSound *self = VD_HARDWARE_PAGE_SOUND (page);
  const char *id = device_id (self);
  const char *model = vd_hardware_page_device_get_combo (self->model_combo);
  g_autofree char *old_model = vd_domain_editor_get_sound_model (editor, id);
  GError *local_error = NULL;

  vd_hardware_page_set_field_message (self->model_message, NULL);
  if (g_strcmp0 (model, old_model) == 0)
    return TRUE;
  if (!vd_domain_editor_set_sound_model (editor, id, model, &local_error))
    return vd_hardware_page_device_field_error (self->model_message, local_error, error);

  return TRUE;
}

static void
vd_hardware_page_sound_class_init (VdHardwarePageSoundClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  VdHardwarePageClass *page_class = VD_HARDWARE_PAGE_CLASS (klass);

  page_class->load = vd_hardware_page_sound_load;
  page_class->commit = vd_hardware_page_sound_commit;

  vd_hardware_page_device_class_set_template (widget_class,
                                              RESOURCE_BASE
                                              "/details/vd-hardware-page-sound.ui");
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageSound, heading_label);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageSound, remove_button);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageSound, model_combo);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageSound, model_message);
}

static void
vd_hardware_page_sound_init (VdHardwarePageSound *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
