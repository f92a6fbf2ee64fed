/* vd-hardware-page-controller.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-hardware-page"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-domain-editor-hw.h"
#include "vd-hardware-page-controller.h"

/*
 * A controller: its type and index, its model where one can be chosen
 * (USB, SCSI), a virtio-serial controller's ports and vectors, and the
 * guest's devices attached to it. Remove… is refused while devices use
 * the controller, naming them. A model libvirt refuses shows libvirt's
 * message at Apply, as every page's.
 */

struct _VdHardwarePageController
{
  VdHardwarePageDevice  parent_instance;

  /* Template widgets */
  GtkLabel             *heading_label;
  GtkWidget            *remove_button;
  GtkLabel             *type_label;
  GtkLabel             *index_label;
  GtkWidget            *model_caption;
  GtkComboBox          *model_combo;
  GtkLabel             *model_message;
  GtkWidget            *ports_caption;
  GtkSpinButton        *ports_spin;
  GtkWidget            *vectors_caption;
  GtkSpinButton        *vectors_spin;
  GtkWidget            *ports_hint;
  GtkLabel             *ports_message;
  GtkLabel             *users_label;
  GtkLabel             *remove_message;
};

G_DEFINE_FINAL_TYPE (VdHardwarePageController, vd_hardware_page_controller,
                     VD_TYPE_HARDWARE_PAGE_DEVICE)

static const char *
device_id (VdHardwarePageController *self)
{
  return vd_hardware_page_device_get_device_id (VD_HARDWARE_PAGE_DEVICE (self));
}

/* "Disk sda, Input tablet (usb)", NULL when no device uses it */
static char *
users_text (VdHardwarePageController *self,
            VdDomainEditor           *editor)
{
  g_autoptr(GPtrArray) users = vd_domain_editor_list_controller_users (editor, device_id (self));
  g_autoptr(GPtrArray) devices = vd_domain_editor_list_devices (editor);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  if (users->len == 0)
    return NULL;
  for (guint i = 0; i < users->len; i++)
    for (guint j = 0; j < devices->len; j++)
      if (g_strcmp0 (vd_device_ref_get_id (devices->pdata[j]), users->pdata[i]) == 0)
        g_ptr_array_add (labels, (gpointer)vd_device_ref_get_label (devices->pdata[j]));
  g_ptr_array_add (labels, NULL);

  /* Translators: the separator between device names in a list */
  return g_strjoinv (_(", "), (char **)labels->pdata);
}

static void
controller_remove_cb (VdHardwarePageController *self)
{
  VdDomainEditor *editor = vd_hardware_page_get_editor (VD_HARDWARE_PAGE (self));
  g_autofree char *users = editor != NULL ? users_text (self, editor) : NULL;

  if (users != NULL)
    {
      g_autofree char *message =
        /* Translators: %s lists devices, e.g. "Disk sda, Disk sdb" */
        g_strdup_printf (_("The controller cannot be removed while devices use it: %s. "
                           "Remove them or move them to another controller first."), users);

      vd_hardware_page_set_field_message (self->remove_message, message);
      return;
    }
  vd_hardware_page_set_field_message (self->remove_message, NULL);
  vd_hardware_page_device_request_remove (VD_HARDWARE_PAGE_DEVICE (self));
}

static void
vd_hardware_page_controller_load (VdHardwarePage *page,
                                  VdDomainEditor *editor)
{
  VdHardwarePageController *self = VD_HARDWARE_PAGE_CONTROLLER (page);
  g_autofree char *label = vd_hardware_page_device_get_label (VD_HARDWARE_PAGE_DEVICE (self),
                                                              editor);
  g_autofree char *type = NULL;
  g_autofree char *model = NULL;
  g_autofree char *index = NULL;
  g_autofree char *users = NULL;
  const char * const *models;
  gboolean serial;
  guint n = 0;

  vd_domain_editor_get_controller (editor, device_id (self), &type, &n, &model);
  models = vd_domain_editor_controller_models (type);
  serial = g_strcmp0 (type, "virtio-serial") == 0;
  index = g_strdup_printf ("%u", n);
  users = users_text (self, editor);

  gtk_label_set_text (self->heading_label, label);
  gtk_label_set_text (self->type_label, type != NULL ? type : "");
  gtk_label_set_text (self->index_label, index);
  gtk_label_set_text (self->users_label,
                      /* Translators: no device is attached to the controller */
                      users != NULL ? users : _("None"));

  gtk_combo_box_text_remove_all (GTK_COMBO_BOX_TEXT (self->model_combo));
  /* Translators: the model libvirt picks when the guest names none */
  gtk_combo_box_text_append (GTK_COMBO_BOX_TEXT (self->model_combo), "", _("Default"));
  for (guint i = 0; models != NULL && models[i] != NULL; i++)
    gtk_combo_box_text_append (GTK_COMBO_BOX_TEXT (self->model_combo), models[i], models[i]);
  vd_hardware_page_device_set_combo (self->model_combo, model);
  gtk_widget_set_sensitive (GTK_WIDGET (self->model_combo), models != NULL);

  gtk_spin_button_set_value (self->ports_spin,
                             vd_domain_editor_get_controller_uint (editor, device_id (self),
                                                                   "ports"));
  gtk_spin_button_set_value (self->vectors_spin,
                             vd_domain_editor_get_controller_uint (editor, device_id (self),
                                                                   "vectors"));
  gtk_widget_set_visible (self->ports_caption, serial);
  gtk_widget_set_visible (GTK_WIDGET (self->ports_spin), serial);
  gtk_widget_set_visible (self->vectors_caption, serial);
  gtk_widget_set_visible (GTK_WIDGET (self->vectors_spin), serial);
  gtk_widget_set_visible (self->ports_hint, serial);
  vd_hardware_page_set_field_message (self->remove_message, NULL);
}

static gboolean
vd_hardware_page_controller_commit (VdHardwarePage  *page,
                                    VdDomainEditor  *editor,
                                    GError         **error)
{
  VdHardwarePageController *self = VD_HARDWARE_PAGE_CONTROLLER (page);
  const char *id = device_id (self);
  const char *model = vd_hardware_page_device_get_combo (self->model_combo);
  g_autofree char *type = NULL;
  g_autofree char *old_model = NULL;
  GError *local_error = NULL;

  vd_hardware_page_set_field_message (self->model_message, NULL);
  vd_hardware_page_set_field_message (self->ports_message, NULL);

  vd_domain_editor_get_controller (editor, id, &type, NULL, &old_model);
  if (g_strcmp0 (model, old_model) != 0 &&
      !vd_domain_editor_set_controller_model (editor, id, model, &local_error))
    return vd_hardware_page_device_field_error (self->model_message, local_error, error);

  if (g_strcmp0 (type, "virtio-serial") == 0 &&
      !vd_domain_editor_set_controller_ports (editor, id,
                                              gtk_spin_button_get_value_as_int (self->ports_spin),
                                              gtk_spin_button_get_value_as_int (self->vectors_spin),
                                              &local_error))
    return vd_hardware_page_device_field_error (self->ports_message, local_error, error);

  return TRUE;
}

static void
vd_hardware_page_controller_class_init (VdHardwarePageControllerClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  VdHardwarePageClass *page_class = VD_HARDWARE_PAGE_CLASS (klass);

  page_class->load = vd_hardware_page_controller_load;
  page_class->commit = vd_hardware_page_controller_commit;

  vd_hardware_page_device_class_set_template (widget_class,
                                              RESOURCE_BASE
                                              "/details/vd-hardware-page-controller.ui");
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageController, heading_label);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageController, remove_button);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageController, type_label);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageController, index_label);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageController, model_caption);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageController, model_combo);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageController, model_message);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageController, ports_caption);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageController, ports_spin);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageController, vectors_caption);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageController, vectors_spin);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageController, ports_hint);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageController, ports_message);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageController, users_label);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageController, remove_message);
  gtk_widget_class_bind_template_callback (widget_class, controller_remove_cb);
}

static void
vd_hardware_page_controller_init (VdHardwarePageController *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
