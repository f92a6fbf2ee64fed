/* vd-hardware-page-tpm.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-hardware-page"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-domain-editor-misc.h"
#include "vd-hardware-page-tpm.h"

/*
 * A TPM: its interface model and its backend, an emulator (swtpm, of a
 * TPM version) or the host's own TPM passed through (a device under
 * /dev). An external backend is shown but cannot be changed here.
 */

struct _VdHardwarePageTpm
{
  VdHardwarePageDevice  parent_instance;

  /* Template widgets */
  GtkLabel             *heading_label;
  GtkWidget            *remove_button;
  GtkComboBox          *model_combo;
  GtkLabel             *model_message;
  GtkComboBox          *backend_combo;
  GtkLabel             *backend_message;
  GtkWidget            *version_combo_label;
  GtkComboBox          *version_combo;
  GtkLabel             *version_message;
  GtkWidget            *device_entry_label;
  GtkEntry             *device_entry;
  GtkLabel             *device_message;
};

G_DEFINE_FINAL_TYPE (VdHardwarePageTpm, vd_hardware_page_tpm, VD_TYPE_HARDWARE_PAGE_DEVICE)

static const char *
device_id (VdHardwarePageTpm *self)
{
  return vd_hardware_page_device_get_device_id (VD_HARDWARE_PAGE_DEVICE (self));
}

static gboolean
is_changeable (const char *backend)
{
  return g_strcmp0 (backend, "emulator") == 0 || g_strcmp0 (backend, "passthrough") == 0;
}

/* An emulator has a version, a passed-through TPM a host device. */
static void
backend_changed_cb (VdHardwarePageTpm *self)
{
  const char *backend = gtk_combo_box_get_active_id (self->backend_combo);
  gboolean emulator = g_strcmp0 (backend, "emulator") == 0;
  gboolean passthrough = g_strcmp0 (backend, "passthrough") == 0;

  gtk_widget_set_visible (self->version_combo_label, emulator);
  gtk_widget_set_visible (GTK_WIDGET (self->version_combo), emulator);
  gtk_widget_set_visible (self->device_entry_label, passthrough);
  gtk_widget_set_visible (GTK_WIDGET (self->device_entry), passthrough);
}

static void
vd_hardware_page_tpm_load (VdHardwarePage *page,
                           VdDomainEditor *editor)
{
  VdHardwarePageTpm *self = VD_HARDWARE_PAGE_TPM (page);
  g_autofree char *label = vd_hardware_page_device_get_label (VD_HARDWARE_PAGE_DEVICE (self),
                                                              editor);
  g_autofree char *model = NULL;
  g_autofree char *backend = NULL;
  g_autofree char *device = NULL;
  g_autofree char *version = NULL;
  gboolean changeable;

  vd_domain_editor_get_tpm (editor, device_id (self), &model, &backend, &device, &version);
  changeable = is_changeable (backend);
  gtk_label_set_text (self->heading_label, label);
  vd_hardware_page_device_set_combo (self->model_combo, model);
  vd_hardware_page_device_set_combo (self->backend_combo, backend);
  vd_hardware_page_device_set_combo (self->version_combo, version);
  gtk_entry_set_text (self->device_entry, device != NULL ? device : "");
  for (GtkWidget **w = (GtkWidget *[]) { GTK_WIDGET (self->model_combo),
                                         GTK_WIDGET (self->backend_combo), NULL };
       *w != NULL; w++)
    gtk_widget_set_sensitive (*w, changeable);
  backend_changed_cb (self);
}

static gboolean
vd_hardware_page_tpm_commit (VdHardwarePage  *page,
                             VdDomainEditor  *editor,
                             GError         **error)
{
  VdHardwarePageTpm *self = VD_HARDWARE_PAGE_TPM (page);
  const char *id = device_id (self);
  const char *model = vd_hardware_page_device_get_combo (self->model_combo);
  const char *backend = vd_hardware_page_device_get_combo (self->backend_combo);
  const char *version = vd_hardware_page_device_get_combo (self->version_combo);
  g_autofree char *device = g_strstrip (g_strdup (gtk_entry_get_text (self->device_entry)));
  g_autofree char *old_model = NULL;
  g_autofree char *old_backend = NULL;
  g_autofree char *old_device = NULL;
  g_autofree char *old_version = NULL;
  GError *local_error = NULL;
  GtkLabel *at_fault;

  for (GtkLabel **m = (GtkLabel *[]) { self->model_message, self->backend_message,
                                       self->version_message, self->device_message, NULL };
       *m != NULL; m++)
    vd_hardware_page_set_field_message (*m, NULL);

  vd_domain_editor_get_tpm (editor, id, &old_model, &old_backend, &old_device, &old_version);
  if (g_strcmp0 (backend, "passthrough") != 0)
    g_clear_pointer (&device, g_free);
  if (g_strcmp0 (backend, "emulator") != 0)
    version = NULL;
  if (g_strcmp0 (model, old_model) == 0 && g_strcmp0 (backend, old_backend) == 0 &&
      (!is_changeable (backend) ||
       (g_strcmp0 (device != NULL && device[0] != '\0' ? device : NULL, old_device) == 0 &&
        g_strcmp0 (version, old_version) == 0)))
    return TRUE;
  if (vd_domain_editor_set_tpm (editor, id, model, backend, device, version, &local_error))
    return TRUE;

  /* The field at fault: the host device of a passed-through TPM, else the
   * version of an emulator (a CRB TPM is a TPM 2.0), else the model. */
  if (g_strcmp0 (backend, "passthrough") == 0)
    at_fault = self->device_message;
  else if (g_strcmp0 (backend, "emulator") == 0 && version != NULL)
    at_fault = self->version_message;
  else if (!is_changeable (backend))
    at_fault = self->backend_message;
  else
    at_fault = self->model_message;

  return vd_hardware_page_device_field_error (at_fault, local_error, error);
}

static void
vd_hardware_page_tpm_class_init (VdHardwarePageTpmClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  VdHardwarePageClass *page_class = VD_HARDWARE_PAGE_CLASS (klass);

  page_class->load = vd_hardware_page_tpm_load;
  page_class->commit = vd_hardware_page_tpm_commit;

  vd_hardware_page_device_class_set_template (widget_class,
                                              RESOURCE_BASE "/details/vd-hardware-page-tpm.ui");
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageTpm, heading_label);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageTpm, remove_button);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageTpm, model_combo);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageTpm, model_message);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageTpm, backend_combo);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageTpm, backend_message);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageTpm, version_combo_label);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageTpm, version_combo);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageTpm, version_message);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageTpm, device_entry_label);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageTpm, device_entry);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageTpm, device_message);
}

static void
vd_hardware_page_tpm_init (VdHardwarePageTpm *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->backend_combo, "changed", G_CALLBACK (backend_changed_cb),
                            self);
}
