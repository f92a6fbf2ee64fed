/* vd-hardware-page-shmem.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-hardware-page"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-domain-editor-hw.h"
#include "vd-hardware-page-shmem.h"

/*
 * A shared memory region (ivshmem): its name on the host (unique among
 * the guest's regions), its size in MiB (a power of two, as QEMU
 * requires; the page says so next to the field) and its model, plain or
 * with a doorbell (a plain one has no server).
 */

struct _VdHardwarePageShmem
{
  VdHardwarePageDevice  parent_instance;

  /* Template widgets */
  GtkLabel             *heading_label;
  GtkWidget            *remove_button;
  GtkEntry             *name_entry;
  GtkLabel             *name_message;
  GtkSpinButton        *size_spin;
  GtkLabel             *size_message;
  GtkComboBox          *model_combo;
  GtkLabel             *model_message;
};

G_DEFINE_FINAL_TYPE (VdHardwarePageShmem, vd_hardware_page_shmem, VD_TYPE_HARDWARE_PAGE_DEVICE)

static const char *
device_id (VdHardwarePageShmem *self)
{
  return vd_hardware_page_device_get_device_id (VD_HARDWARE_PAGE_DEVICE (self));
}

static void
vd_hardware_page_shmem_load (VdHardwarePage *page,
                             VdDomainEditor *editor)
{
  VdHardwarePageShmem *self = VD_HARDWARE_PAGE_SHMEM (page);
  g_autofree char *label = vd_hardware_page_device_get_label (VD_HARDWARE_PAGE_DEVICE (self),
                                                              editor);
  g_autofree char *name = NULL;
  g_autofree char *model = NULL;
  guint64 size = 0;

  vd_domain_editor_get_shmem (editor, device_id (self), &name, &size, &model);
  gtk_label_set_text (self->heading_label, label);
  gtk_entry_set_text (self->name_entry, name != NULL ? name : "");
  /* no size: libvirt's default, 4 MiB */
  gtk_spin_button_set_value (self->size_spin, size != 0 ? (double)size : 4);
  vd_hardware_page_device_set_combo (self->model_combo, model);
}

static gboolean
vd_hardware_page_shmem_commit (VdHardwarePage  *page,
                               VdDomainEditor  *editor,
                               GError         **error)
{
  VdHardwarePageShmem *self = VD_HARDWARE_PAGE_SHMEM (page);
  const char *id = device_id (self);
  g_autofree char *name = g_strstrip (g_strdup (gtk_entry_get_text (self->name_entry)));
  const char *model = vd_hardware_page_device_get_combo (self->model_combo);
  guint64 size = (guint64)gtk_spin_button_get_value_as_int (self->size_spin);
  g_autofree char *old_name = NULL;
  g_autofree char *old_model = NULL;
  guint64 old_size = 0;
  GError *local_error = NULL;
  GtkLabel *message;

  vd_hardware_page_set_field_message (self->name_message, NULL);
  vd_hardware_page_set_field_message (self->size_message, NULL);
  vd_hardware_page_set_field_message (self->model_message, NULL);

  vd_domain_editor_get_shmem (editor, id, &old_name, &old_size, &old_model);
  if (old_size == 0 && size == 4)
    size = 0;
  if (vd_domain_editor_set_shmem (editor, id, name, size, model, &local_error))
    return TRUE;

  /* the field at fault, in the setter's order of checks */
  if (g_strcmp0 (name, old_name) != 0 || name[0] == '\0')
    message = self->name_message;
  else if (size != old_size)
    message = self->size_message;
  else
    message = self->model_message;

  return vd_hardware_page_device_field_error (message, local_error, error);
}

static void
vd_hardware_page_shmem_class_init (VdHardwarePageShmemClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  VdHardwarePageClass *page_class = VD_HARDWARE_PAGE_CLASS (klass);

  page_class->load = vd_hardware_page_shmem_load;
  page_class->commit = vd_hardware_page_shmem_commit;

  vd_hardware_page_device_class_set_template (widget_class,
                                              RESOURCE_BASE
                                              "/details/vd-hardware-page-shmem.ui");
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageShmem, heading_label);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageShmem, remove_button);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageShmem, name_entry);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageShmem, name_message);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageShmem, size_spin);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageShmem, size_message);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageShmem, model_combo);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageShmem, model_message);
  /* no field: named for tests and accessibility checks only */
  gtk_widget_class_bind_template_child_full (widget_class, "size_hint", FALSE, 0);
}

static void
vd_hardware_page_shmem_init (VdHardwarePageShmem *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
