/* vd-hardware-page-filesystem.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-hardware-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vd-hardware-page-filesystem.h"
#include "vd-connection.h"
#include "vd-domain-editor-guest.h"
#include "vd-domain-editor-hw.h"
#include "vd-domain-storage.h"

/*
 * A host folder shared with the guest: the driver (virtiofs or 9p), the
 * host directory (a folder chooser on a local connection; on a remote one
 * the path is the remote host's, typed), the mount tag, read-only and
 * 9p's access mode. virtiofs needs the guest's memory shared with the
 * host: without it the page says so and Enable Shared Memory sets the
 * Memory page's setting in the editor the page commits into. Folders that
 * are not host directories (block, ram, template, ...) are shown only.
 */

struct _VdHardwarePageFilesystem
{
  VdHardwarePageDevice  parent_instance;

  /* Template widgets */
  GtkLabel             *heading_label;
  GtkWidget            *remove_button;
  GtkComboBox          *driver_combo;
  GtkLabel             *driver_message;
  GtkWidget            *shared_bar;
  GtkWidget            *shared_button;
  GtkEntry             *source_entry;
  GtkWidget            *source_button;
  GtkLabel             *source_message;
  GtkEntry             *target_entry;
  GtkLabel             *target_message;
  GtkWidget            *accessmode_caption;
  GtkComboBox          *accessmode_combo;
  GtkLabel             *accessmode_message;
  GtkToggleButton      *readonly_check;

  gboolean              editable;
  gboolean              has_shared_memory;  /* in the editor loaded */
  gboolean              enable_shared;      /* Enable Shared Memory was clicked */
};

G_DEFINE_FINAL_TYPE (VdHardwarePageFilesystem, vd_hardware_page_filesystem,
                     VD_TYPE_HARDWARE_PAGE_DEVICE)

static const char *
device_id (VdHardwarePageFilesystem *self)
{
  return vd_hardware_page_device_get_device_id (VD_HARDWARE_PAGE_DEVICE (self));
}

static gboolean
is_virtiofs (VdHardwarePageFilesystem *self)
{
  return g_strcmp0 (gtk_combo_box_get_active_id (self->driver_combo), "virtiofs") == 0;
}

/* The access mode is 9p's; the shared memory note virtiofs'. */
static void
update_visible (VdHardwarePageFilesystem *self)
{
  gboolean virtiofs = is_virtiofs (self);

  gtk_widget_set_visible (self->accessmode_caption, !virtiofs);
  gtk_widget_set_visible (GTK_WIDGET (self->accessmode_combo), !virtiofs);
  gtk_widget_set_visible (self->shared_bar,
                          virtiofs && self->editable && !self->has_shared_memory &&
                          !self->enable_shared);
}

static void
driver_changed_cb (VdHardwarePageFilesystem *self)
{
  update_visible (self);
}

static void
shared_clicked_cb (VdHardwarePageFilesystem *self)
{
  self->enable_shared = TRUE;
  update_visible (self);
  vd_hardware_page_changed (VD_HARDWARE_PAGE (self));
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  g_autoptr(VdHardwarePageFilesystem) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autofree char *path = gtk_file_chooser_get_filename (GTK_FILE_CHOOSER (chooser));

      if (path != NULL)
        gtk_entry_set_text (self->source_entry, path);
    }
  g_object_unref (chooser);
}

static void
browse_clicked_cb (VdHardwarePageFilesystem *self)
{
  GtkWidget *toplevel = gtk_widget_get_toplevel (GTK_WIDGET (self));
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Choose a Folder to Share"),
                                 GTK_IS_WINDOW (toplevel) ? GTK_WINDOW (toplevel) : NULL,
                                 GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Choose"), NULL);
  const char *current = gtk_entry_get_text (self->source_entry);

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_local_only (GTK_FILE_CHOOSER (chooser), TRUE);
  if (g_path_is_absolute (current))
    gtk_file_chooser_set_filename (GTK_FILE_CHOOSER (chooser), current);
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* A folder chooser shows this machine's folders: only on a local
 * connection. */
static gboolean
is_local (VdHardwarePageFilesystem *self)
{
  VdDomain *domain = vd_hardware_page_get_domain (VD_HARDWARE_PAGE (self));
  VdConnection *connection = domain != NULL ? vd_domain_get_connection (domain) : NULL;

  return connection == NULL || _vd_domain_storage_uri_is_local (vd_connection_get_uri (connection));
}

static void
vd_hardware_page_filesystem_load (VdHardwarePage *page,
                                  VdDomainEditor *editor)
{
  VdHardwarePageFilesystem *self = VD_HARDWARE_PAGE_FILESYSTEM (page);
  g_autofree char *label = vd_hardware_page_device_get_label (VD_HARDWARE_PAGE_DEVICE (self),
                                                              editor);
  g_auto(VdFilesystem) fs = { 0 };

  self->editable = vd_domain_editor_get_filesystem (editor, device_id (self), &fs);
  self->has_shared_memory = vd_domain_editor_get_shared_memory (editor);
  self->enable_shared = FALSE;

  gtk_label_set_text (self->heading_label, label);
  vd_hardware_page_device_set_combo (self->driver_combo, fs.driver);
  gtk_entry_set_text (self->source_entry, fs.source != NULL ? fs.source : "");
  gtk_entry_set_text (self->target_entry, fs.target != NULL ? fs.target : "");
  vd_hardware_page_device_set_combo (self->accessmode_combo,
                                     fs.accessmode != NULL ? fs.accessmode : "passthrough");
  gtk_toggle_button_set_active (self->readonly_check, fs.readonly);

  gtk_widget_set_sensitive (GTK_WIDGET (self->driver_combo), self->editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->source_entry), self->editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->target_entry), self->editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->accessmode_combo), self->editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->readonly_check), self->editable);
  gtk_widget_set_visible (self->source_button, self->editable && is_local (self));
  update_visible (self);
}

static gboolean
vd_hardware_page_filesystem_commit (VdHardwarePage  *page,
                                    VdDomainEditor  *editor,
                                    GError         **error)
{
  VdHardwarePageFilesystem *self = VD_HARDWARE_PAGE_FILESYSTEM (page);
  const char *id = device_id (self);
  g_auto(VdFilesystem) old = { 0 };
  g_autofree char *source = g_strstrip (g_strdup (gtk_entry_get_text (self->source_entry)));
  g_autofree char *target = g_strstrip (g_strdup (gtk_entry_get_text (self->target_entry)));
  VdFilesystem fs = { 0 };
  GError *local_error = NULL;

  vd_hardware_page_set_field_message (self->driver_message, NULL);
  vd_hardware_page_set_field_message (self->source_message, NULL);
  vd_hardware_page_set_field_message (self->target_message, NULL);
  vd_hardware_page_set_field_message (self->accessmode_message, NULL);

  if (!vd_domain_editor_get_filesystem (editor, id, &old))
    return TRUE;

  fs.driver = (char *)vd_hardware_page_device_get_combo (self->driver_combo);
  fs.source = source;
  fs.target = target;
  fs.readonly = gtk_toggle_button_get_active (self->readonly_check);
  fs.accessmode = (char *)vd_hardware_page_device_get_combo (self->accessmode_combo);
  /* virtiofs shares in passthrough mode only; the combo is hidden then */
  if (is_virtiofs (self))
    fs.accessmode = old.accessmode;
  if (g_strcmp0 (fs.accessmode, "passthrough") == 0 && old.accessmode == NULL)
    fs.accessmode = NULL;
  if (is_virtiofs (self) && g_strcmp0 (fs.accessmode, "passthrough") != 0)
    fs.accessmode = NULL;

  if (!vd_domain_editor_set_filesystem (editor, id, &fs, &local_error))
    {
      GtkLabel *message = self->driver_message;

      /* the field at fault, in the setter's order of checks */
      if (!g_path_is_absolute (source))
        message = self->source_message;
      else if (target[0] == '\0' || (is_virtiofs (self) && strlen (target) > 36))
        message = self->target_message;
      else if (!is_virtiofs (self))
        message = self->accessmode_message;
      return vd_hardware_page_device_field_error (message, local_error, error);
    }

  if (self->enable_shared && is_virtiofs (self) &&
      !vd_domain_editor_set_shared_memory (editor, TRUE, &local_error))
    return vd_hardware_page_device_field_error (self->driver_message, local_error, error);

  return TRUE;
}

static void
vd_hardware_page_filesystem_class_init (VdHardwarePageFilesystemClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  VdHardwarePageClass *page_class = VD_HARDWARE_PAGE_CLASS (klass);

  page_class->load = vd_hardware_page_filesystem_load;
  page_class->commit = vd_hardware_page_filesystem_commit;

  vd_hardware_page_device_class_set_template (widget_class,
                                              RESOURCE_BASE
                                              "/details/vd-hardware-page-filesystem.ui");
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageFilesystem, heading_label);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageFilesystem, remove_button);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageFilesystem, driver_combo);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageFilesystem, driver_message);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageFilesystem, shared_bar);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageFilesystem, shared_button);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageFilesystem, source_entry);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageFilesystem, source_button);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageFilesystem, source_message);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageFilesystem, target_entry);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageFilesystem, target_message);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageFilesystem,
                                        accessmode_caption);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageFilesystem, accessmode_combo);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageFilesystem,
                                        accessmode_message);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageFilesystem, readonly_check);
  gtk_widget_class_bind_template_callback (widget_class, shared_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, browse_clicked_cb);
}

static void
vd_hardware_page_filesystem_init (VdHardwarePageFilesystem *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->driver_combo, "changed", G_CALLBACK (driver_changed_cb), self);
}
