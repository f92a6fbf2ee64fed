/* vd-hardware-page-rng.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-hardware-page"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-hardware-page-rng.h"

/*
 * A random number generator: where its entropy comes from, a host device
 * (empty: libvirt's default, /dev/urandom) or QEMU's own generator. An
 * EGD daemon's source is shown but cannot be changed here.
 */

struct _VdHardwarePageRng
{
  VdHardwarePageDevice  parent_instance;

  /* Template widgets */
  GtkLabel             *heading_label;
  GtkWidget            *remove_button;
  GtkComboBox          *backend_combo;
  GtkLabel             *backend_message;
  GtkWidget            *device_combo_label;
  GtkComboBox          *device_combo;
  GtkEntry             *device_combo_entry;
  GtkLabel             *device_message;
};

G_DEFINE_FINAL_TYPE (VdHardwarePageRng, vd_hardware_page_rng, VD_TYPE_HARDWARE_PAGE_DEVICE)

static const char *
device_id (VdHardwarePageRng *self)
{
  return vd_hardware_page_device_get_device_id (VD_HARDWARE_PAGE_DEVICE (self));
}

static gboolean
is_changeable (const char *model)
{
  return g_strcmp0 (model, "random") == 0 || g_strcmp0 (model, "builtin") == 0;
}

/* The host device only means something for a random backend. */
static void
backend_changed_cb (VdHardwarePageRng *self)
{
  gboolean random = g_strcmp0 (gtk_combo_box_get_active_id (self->backend_combo),
                               "random") == 0;

  gtk_widget_set_visible (self->device_combo_label, random);
  gtk_widget_set_visible (GTK_WIDGET (self->device_combo), random);
}

static void
vd_hardware_page_rng_load (VdHardwarePage *page,
                           VdDomainEditor *editor)
{
  VdHardwarePageRng *self = VD_HARDWARE_PAGE_RNG (page);
  g_autofree char *label = vd_hardware_page_device_get_label (VD_HARDWARE_PAGE_DEVICE (self),
                                                              editor);
  g_autofree char *model = NULL;
  g_autofree char *source = NULL;

  vd_domain_editor_get_rng_backend (editor, device_id (self), &model, &source);
  gtk_label_set_text (self->heading_label, label);
  vd_hardware_page_device_set_combo (self->backend_combo, model);
  gtk_entry_set_text (self->device_combo_entry, source != NULL ? source : "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->backend_combo), is_changeable (model));
  backend_changed_cb (self);
}

static gboolean
vd_hardware_page_rng_commit (VdHardwarePage  *page,
                             VdDomainEditor  *editor,
                             GError         **error)
{
  VdHardwarePageRng *self = VD_HARDWARE_PAGE_RNG (page);
  const char *id = device_id (self);
  const char *model = vd_hardware_page_device_get_combo (self->backend_combo);
  g_autofree char *source = g_strstrip (g_strdup (gtk_entry_get_text (self->device_combo_entry)));
  g_autofree char *old_model = NULL;
  g_autofree char *old_source = NULL;
  GError *local_error = NULL;

  vd_hardware_page_set_field_message (self->backend_message, NULL);
  vd_hardware_page_set_field_message (self->device_message, NULL);

  vd_domain_editor_get_rng_backend (editor, id, &old_model, &old_source);
  if (g_strcmp0 (model, "random") != 0 || source[0] == '\0')
    g_clear_pointer (&source, g_free);
  if (g_strcmp0 (model, old_model) == 0 &&
      (g_strcmp0 (model, "random") != 0 || g_strcmp0 (source, old_source) == 0))
    return TRUE;
  if (vd_domain_editor_set_rng_backend (editor, id, model, source, &local_error))
    return TRUE;

  if (is_changeable (model))
    return vd_hardware_page_device_field_error (self->device_message, local_error, error);

  return vd_hardware_page_device_field_error (self->backend_message, local_error, error);
}

static void
vd_hardware_page_rng_class_init (VdHardwarePageRngClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  VdHardwarePageClass *page_class = VD_HARDWARE_PAGE_CLASS (klass);

  page_class->load = vd_hardware_page_rng_load;
  page_class->commit = vd_hardware_page_rng_commit;

  vd_hardware_page_device_class_set_template (widget_class,
                                              RESOURCE_BASE "/details/vd-hardware-page-rng.ui");
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageRng, heading_label);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageRng, remove_button);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageRng, backend_combo);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageRng, backend_message);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageRng, device_combo_label);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageRng, device_combo);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageRng, device_combo_entry);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageRng, device_message);
}

static void
vd_hardware_page_rng_init (VdHardwarePageRng *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->backend_combo, "changed", G_CALLBACK (backend_changed_cb),
                            self);
}
