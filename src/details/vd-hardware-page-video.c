/* vd-hardware-page-video.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-hardware-page"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-error.h"
#include "vd-hardware-page-video.h"

/*
 * A video card: its model, video memory (KiB; empty for the model's
 * default), heads and 3D acceleration.
 */

struct _VdHardwarePageVideo
{
  VdHardwarePageDevice  parent_instance;

  /* Template widgets */
  GtkLabel             *heading_label;
  GtkWidget            *remove_button;
  GtkComboBox          *model_combo;
  GtkLabel             *model_message;
  GtkEntry             *vram_entry;
  GtkLabel             *vram_message;
  GtkSpinButton        *heads_spin;
  GtkLabel             *heads_message;
  GtkToggleButton      *accel3d_check;
  GtkLabel             *accel3d_message;
};

G_DEFINE_FINAL_TYPE (VdHardwarePageVideo, vd_hardware_page_video, VD_TYPE_HARDWARE_PAGE_DEVICE)

static const char *
device_id (VdHardwarePageVideo *self)
{
  return vd_hardware_page_device_get_device_id (VD_HARDWARE_PAGE_DEVICE (self));
}

static void
vd_hardware_page_video_load (VdHardwarePage *page,
                             VdDomainEditor *editor)
{
  VdHardwarePageVideo *self = VD_HARDWARE_PAGE_VIDEO (page);
  const char *id = device_id (self);
  g_autofree char *label = vd_hardware_page_device_get_label (VD_HARDWARE_PAGE_DEVICE (self),
                                                              editor);
  g_autofree char *model = vd_domain_editor_get_video_model (editor, id);
  g_autofree char *vram = NULL;
  guint kib = vd_domain_editor_get_video_vram (editor, id);
  guint heads = vd_domain_editor_get_video_heads (editor, id);

  gtk_label_set_text (self->heading_label, label);
  vd_hardware_page_device_set_combo (self->model_combo, model);
  if (kib > 0)
    vram = g_strdup_printf ("%u", kib);
  gtk_entry_set_text (self->vram_entry, vram != NULL ? vram : "");
  gtk_spin_button_set_value (self->heads_spin, heads > 0 ? heads : 1);
  gtk_toggle_button_set_active (self->accel3d_check,
                                vd_domain_editor_get_video_accel3d (editor, id));
}

static gboolean
vd_hardware_page_video_commit (VdHardwarePage  *page,
                               VdDomainEditor  *editor,
                               GError         **error)
{
  VdHardwarePageVideo *self = VD_HARDWARE_PAGE_VIDEO (page);
  const char *id = device_id (self);
  GError *local_error = NULL;
  const char *model = gtk_combo_box_get_active_id (self->model_combo);
  g_autofree char *old_model = vd_domain_editor_get_video_model (editor, id);
  g_autofree char *vram_text = g_strstrip (g_strdup (gtk_entry_get_text (self->vram_entry)));
  guint heads = (guint)gtk_spin_button_get_value_as_int (self->heads_spin);
  guint old_heads = vd_domain_editor_get_video_heads (editor, id);
  gboolean accel3d = gtk_toggle_button_get_active (self->accel3d_check);
  guint64 vram = 0;
  gboolean ok = TRUE;

  for (GtkLabel **m = (GtkLabel *[]) { self->model_message, self->vram_message,
                                       self->heads_message, self->accel3d_message, NULL };
       *m != NULL; m++)
    vd_hardware_page_set_field_message (*m, NULL);

  if (g_strcmp0 (model, old_model) != 0 &&
      !vd_domain_editor_set_video_model (editor, id, model, &local_error))
    ok = vd_hardware_page_device_field_error (self->model_message, local_error, error);
  local_error = NULL;

  if (vram_text[0] != '\0' &&
      !g_ascii_string_to_unsigned (vram_text, 10, 0, G_MAXUINT, &vram, NULL))
    {
      local_error = g_error_new (VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                                 /* translators: %s is what the user typed */
                                 _("“%s” is not a whole number of KiB"), vram_text);
      ok = vd_hardware_page_device_field_error (self->vram_message, local_error,
                                                ok ? error : NULL);
    }
  else if ((guint)vram != vd_domain_editor_get_video_vram (editor, id) &&
           !vd_domain_editor_set_video_vram (editor, id, (guint)vram, &local_error))
    {
      ok = vd_hardware_page_device_field_error (self->vram_message, local_error,
                                                ok ? error : NULL);
    }
  local_error = NULL;

  /* No heads written reads as one. */
  if (heads != (old_heads > 0 ? old_heads : 1) &&
      !vd_domain_editor_set_video_heads (editor, id, heads, &local_error))
    ok = vd_hardware_page_device_field_error (self->heads_message, local_error,
                                              ok ? error : NULL);
  local_error = NULL;

  if (!accel3d != !vd_domain_editor_get_video_accel3d (editor, id) &&
      !vd_domain_editor_set_video_accel3d (editor, id, accel3d, &local_error))
    ok = vd_hardware_page_device_field_error (self->accel3d_message, local_error,
                                              ok ? error : NULL);

  return ok;
}

static void
vd_hardware_page_video_class_init (VdHardwarePageVideoClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  VdHardwarePageClass *page_class = VD_HARDWARE_PAGE_CLASS (klass);

  page_class->load = vd_hardware_page_video_load;
  page_class->commit = vd_hardware_page_video_commit;

  vd_hardware_page_device_class_set_template (widget_class,
                                              RESOURCE_BASE
                                              "/details/vd-hardware-page-video.ui");
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageVideo, heading_label);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageVideo, remove_button);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageVideo, model_combo);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageVideo, model_message);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageVideo, vram_entry);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageVideo, vram_message);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageVideo, heads_spin);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageVideo, heads_message);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageVideo, accel3d_check);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageVideo, accel3d_message);
}

static void
vd_hardware_page_video_init (VdHardwarePageVideo *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
