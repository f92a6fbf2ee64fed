/* vd-add-hardware-dialog.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-add-hardware"

#include "config.h"

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>
#include <libxml/parser.h>
#include <string.h>

#include "vd-add-hardware-dialog-private.h"
#include "vd-connection-host.h"
#include "vd-domain-editor-devices.h"
#include "vd-domain-editor.h"
#include "vd-error.h"
#include "vd-gtk-util.h"
#include "vd-hardware-page-device.h"
#include "vd-storage-pool.h"
#include "vd-storage-volume.h"
#include "vd-volume-spec.h"

/*
 * Add Hardware: a list of device types on the left; on the right the
 * device page of the chosen type (vd_hardware_page_device_new_for, so a
 * kind that gets its own page later shows it here too) in "new device"
 * mode, bound to a default device added to a scratch copy of the guest's
 * configuration, and below it a read-only preview of the device's XML as
 * the page's fields make it.
 *
 * The guest's configuration is read in a worker when the dialog opens.
 * The defaults follow the guest: virtio where it uses virtio already, a
 * disk target free on its bus, a NIC on the network "default" with a new
 * random 52:54:00 MAC no other NIC of the guest has. A type is offered
 * only if a default device of it can be built for this guest; one that
 * cannot (a second watchdog, USB devices on a guest without USB) is
 * listed insensitive, with the reason as its tooltip.
 *
 * Finish (off until the page's fields are valid) runs in workers: for a
 * new disk image, first the volume is created in the pool (progress,
 * Cancel); then the device is added to a fresh editor over the guest's
 * XML and applied with vd_domain_editor_apply_async(), which hot-plugs
 * it into a running guest where libvirt can and else only defines it.
 * On a refusal the dialog shows libvirt's message and keeps the input, the
 * new volume is deleted again, and the guest is as it was. On success the
 * dialog emits ::device-added with the applied editor and the new
 * device's id in it, and closes.
 */

G_DEFINE_FINAL_TYPE (VdAddHardwareDialog, vd_add_hardware_dialog, GTK_TYPE_DIALOG)

enum {
  DEVICE_ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The preview and Finish */

static gboolean storage_valid (VdAddHardwareDialog *self);

static void
show_error (VdAddHardwareDialog *self,
            const char          *message)
{
  gtk_label_set_text (self->info_label, message);
  gtk_info_bar_set_message_type (self->info_bar, GTK_MESSAGE_ERROR);
  gtk_info_bar_set_revealed (self->info_bar, TRUE);
  gtk_widget_show (GTK_WIDGET (self->info_bar));
}

static void
info_response_cb (GtkInfoBar *bar)
{
  gtk_info_bar_set_revealed (bar, FALSE);
}

static void
update_finish (VdAddHardwareDialog *self)
{
  gboolean valid = self->page != NULL && vd_hardware_page_get_valid (self->page) &&
                   storage_valid (self);

  gtk_widget_set_sensitive (self->finish_button, valid && !self->running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->type_list), !self->running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->page_box), !self->running);
  gtk_widget_set_sensitive (self->storage_box, !self->running);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_spinner), self->running);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_label), self->running);
  if (self->running)
    gtk_spinner_start (self->progress_spinner);
  else
    gtk_spinner_stop (self->progress_spinner);
}

/* The new device as the page's fields make it, or NULL. */
static char *
current_device_xml (VdAddHardwareDialog *self)
{
  g_autofree char *whole = NULL;
  g_autoptr(VdDomainEditor) editor = NULL;

  if (self->page == NULL)
    return NULL;
  whole = vd_hardware_page_get_xml (self->page);
  editor = whole != NULL ? vd_domain_editor_new_from_xml (whole, NULL) : NULL;
  if (editor == NULL)
    return NULL;

  return vd_domain_editor_get_device_xml (editor, self->device_id);
}

/* @xml (one element) indented for reading. */
static char *
indented (const char *xml)
{
  xmlDoc *doc = xmlReadMemory (xml, (int)strlen (xml), "device.xml", NULL,
                               XML_PARSE_NONET | XML_PARSE_NOBLANKS | XML_PARSE_NOERROR |
                               XML_PARSE_NOWARNING);
  xmlBuffer *buffer;
  char *text;

  if (doc == NULL)
    return g_strstrip (g_strdup (xml));
  buffer = xmlBufferCreate ();
  xmlNodeDump (buffer, doc, xmlDocGetRootElement (doc), 0, 1);
  text = g_strdup ((const char *)xmlBufferContent (buffer));
  xmlBufferFree (buffer);
  xmlFreeDoc (doc);

  return text;
}

static void
update_preview (VdAddHardwareDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->preview_view));
  g_autofree char *xml = current_device_xml (self);
  g_autofree char *text = NULL;

  text = xml != NULL ? indented (xml) : g_strdup ("");
  gtk_text_buffer_set_text (buffer, text, -1);
  update_finish (self);
}

static void
page_checked_cb (VdAddHardwareDialog *self)
{
  update_preview (self);
}

/* The storage fields: a new disk image of a size that fits the pool, or
 * an existing image chosen in the page. */
static gboolean
storage_valid (VdAddHardwareDialog *self)
{
  g_autofree char *message = NULL;
  guint64 bytes = 0;

  if (self->type == NULL || self->type->kind != VD_DEVICE_KIND_DISK)
    return TRUE;
  if (!gtk_toggle_button_get_active (self->new_volume_radio))
    {
      /* The page still names the image that is not made. */
      g_autoptr(VdDomainEditor) editor = NULL;
      g_autofree char *whole = self->page != NULL ? vd_hardware_page_get_xml (self->page) : NULL;
      g_auto(VdDiskSource) source = { 0 };

      editor = whole != NULL ? vd_domain_editor_new_from_xml (whole, NULL) : NULL;
      if (editor != NULL && vd_domain_editor_get_disk_source (editor, self->device_id, &source) &&
          source.type == VD_DISK_SOURCE_VOLUME &&
          g_strcmp0 (source.pool, vd_storage_pool_get_name (self->pool)) == 0 &&
          g_strcmp0 (source.volume, self->volume_name) == 0 &&
          vd_storage_pool_find_volume (self->pool, self->volume_name) == NULL)
        message = g_strdup (_("Choose the existing image or volume below, with Browse…"));
      vd_hardware_page_set_field_message (self->size_message, message);
      return message == NULL;
    }

  if (!vd_volume_spec_parse_size (gtk_entry_get_text (self->size_entry), "GiB", &bytes,
                                  &message))
    ;
  else if (bytes == 0)
    message = g_strdup (_("The size must be more than zero."));
  else if (bytes > vd_storage_pool_get_available (self->pool))
    {
      g_autofree char *free_text =
        g_format_size_full (vd_storage_pool_get_available (self->pool), G_FORMAT_SIZE_IEC_UNITS);

      /* translators: %s is a size ("9.8 GiB"), then a storage pool */
      message = g_strdup_printf (_("Only %s are free in the pool “%s”."), free_text,
                                 vd_storage_pool_get_name (self->pool));
    }
  else
    {
      /* The page's source must still name the new image. */
      g_autoptr(VdDomainEditor) editor = NULL;
      g_autofree char *whole = vd_hardware_page_get_xml (self->page);
      g_auto(VdDiskSource) source = { 0 };

      editor = whole != NULL ? vd_domain_editor_new_from_xml (whole, NULL) : NULL;
      if (editor == NULL || !vd_domain_editor_get_disk_source (editor, self->device_id, &source) ||
          source.type != VD_DISK_SOURCE_VOLUME ||
          g_strcmp0 (source.pool, vd_storage_pool_get_name (self->pool)) != 0 ||
          g_strcmp0 (source.volume, self->volume_name) != 0)
        /* translators: the first %s is a volume, the second a storage pool */
        message = g_strdup_printf (_("A new image is created as the volume “%s” in the pool "
                                     "“%s”: choose “Use an existing image” for another "
                                     "source."), self->volume_name,
                                   vd_storage_pool_get_name (self->pool));
    }

  vd_hardware_page_set_field_message (self->size_message, message);
  return message == NULL;
}

static void
storage_changed_cb (VdAddHardwareDialog *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->size_entry),
                            gtk_toggle_button_get_active (self->new_volume_radio));
  update_finish (self);
}

static void
clear_page (VdAddHardwareDialog *self)
{
  if (self->page != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->page, self);
      gtk_widget_destroy (GTK_WIDGET (self->page));
      g_clear_object (&self->page);
    }
  g_clear_object (&self->scratch);
  g_clear_pointer (&self->device_id, g_free);
  g_clear_pointer (&self->device_xml, g_free);
}

/* Shows @type's page over a default device of it. */
static gboolean
show_type (VdAddHardwareDialog *self,
           const HwType        *type)
{
  g_autofree char *reason = NULL;
  g_autoptr(GError) error = NULL;
  char *xml;

  clear_page (self);
  gtk_info_bar_set_revealed (self->info_bar, FALSE);
  self->type = type;
  gtk_widget_set_visible (self->storage_box, type != NULL &&
                                             type->kind == VD_DEVICE_KIND_DISK);
  if (type == NULL || self->base == NULL)
    {
      update_preview (self);
      return FALSE;
    }

  xml = type->build (self, &reason);
  if (xml == NULL)
    {
      show_error (self, reason);
      update_preview (self);
      return FALSE;
    }
  self->device_xml = xml;
  self->scratch = vd_domain_editor_new_from_xml (vd_domain_editor_get_original_xml (self->base),
                                                 NULL);
  self->device_id = vd_domain_editor_add_device_xml (self->scratch, xml, &error);
  if (self->device_id == NULL)
    {
      show_error (self, error->message);
      g_clear_object (&self->scratch);
      update_preview (self);
      return FALSE;
    }

  if (type->kind == VD_DEVICE_KIND_DISK)
    {
      g_autofree char *pool_text = NULL;

      /* translators: %s is a storage pool */
      pool_text = g_strdup_printf (_("in the pool “%s”"), vd_storage_pool_get_name (self->pool));
      gtk_label_set_text (self->pool_label, pool_text);
    }

  self->page = g_object_ref_sink (vd_hardware_page_device_new_for (type->kind,
                                                                   self->device_id));
  vd_hardware_page_device_set_new_device (VD_HARDWARE_PAGE_DEVICE (self->page), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->page), TRUE);
  gtk_widget_show (GTK_WIDGET (self->page));
  gtk_container_add (GTK_CONTAINER (self->page_box), GTK_WIDGET (self->page));
  g_signal_connect_swapped (self->page, "checked", G_CALLBACK (page_checked_cb), self);
  g_signal_connect_swapped (self->page, "notify::valid", G_CALLBACK (update_finish), self);
  vd_hardware_page_set_domain (self->page, self->domain);
  vd_hardware_page_set_editor (self->page, self->scratch);
  update_preview (self);

  return TRUE;
}

static void
type_selected_cb (VdAddHardwareDialog *self,
                  GtkListBoxRow       *row)
{
  if (row == NULL)
    {
      show_type (self, NULL);
      return;
    }
  show_type (self, _vd_add_hardware_find_type (gtk_widget_get_name (GTK_WIDGET (row))));
}

/* The list of types, once the guest's configuration is read. */
static void
fill_types (VdAddHardwareDialog *self)
{
  GtkListBoxRow *first = NULL;
  guint n_types = 0;
  const HwType *types = _vd_add_hardware_get_types (&n_types);

  for (guint i = 0; i < n_types; i++)
    {
      g_autofree char *reason = NULL;
      g_autofree char *xml = NULL;
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
      GtkWidget *icon = gtk_image_new_from_icon_name (types[i].icon, GTK_ICON_SIZE_MENU);
      GtkWidget *label = gtk_label_new (_(types[i].label));

      /* Whether this guest can take one: a default device, on a copy. */
      xml = types[i].build (self, &reason);
      if (xml != NULL)
        {
          g_autoptr(VdDomainEditor) probe = NULL;
          g_autoptr(GError) error = NULL;
          g_autofree char *id = NULL;

          probe = vd_domain_editor_new_from_xml (vd_domain_editor_get_original_xml (self->base),
                                                 NULL);
          id = vd_domain_editor_add_device_xml (probe, xml, &error);
          if (id == NULL)
            reason = g_strdup (error->message);
        }

      gtk_widget_set_name (row, types[i].id);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_container_add (GTK_CONTAINER (box), icon);
      gtk_container_add (GTK_CONTAINER (box), label);
      g_object_set (box, "margin", 6, NULL);
      gtk_container_add (GTK_CONTAINER (row), box);
      gtk_widget_show_all (row);
      if (reason != NULL)
        {
          gtk_widget_set_sensitive (row, FALSE);
          gtk_widget_set_tooltip_text (row, reason);
        }
      else if (first == NULL)
        first = GTK_LIST_BOX_ROW (row);
      gtk_container_add (GTK_CONTAINER (self->type_list), row);
    }

  if (first != NULL)
    gtk_list_box_select_row (self->type_list, first);
}

/* Once the guest's configuration is read and the host's pools are
 * listed (for Storage; given up on after a few seconds). */
static gboolean
show_form_cb (gpointer user_data)
{
  VdAddHardwareDialog *self = user_data;
  VdConnection *connection = vd_domain_get_connection (self->domain);

  if (connection != NULL && !vd_connection_get_host_loaded (connection) && self->waited++ < 100)
    return G_SOURCE_CONTINUE;

  self->wait_source = 0;
  self->loaded = TRUE;
  gtk_stack_set_visible_child_name (self->main_stack, "form");
  fill_types (self);
  update_finish (self);

  return G_SOURCE_REMOVE;
}

static void
show_form (VdAddHardwareDialog *self)
{
  if (show_form_cb (self) == G_SOURCE_CONTINUE)
    self->wait_source = g_timeout_add (100, show_form_cb, self);
}

static void
fetch_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(VdAddHardwareDialog) self = user_data;
  g_autoptr(VdDomainEditor) editor = NULL;
  g_autoptr(GError) error = NULL;

  editor = vd_domain_fetch_editor_finish (VD_DOMAIN (object), result, &error);
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (editor == NULL)
    {
      gtk_label_set_text (self->load_error_label, error->message);
      gtk_stack_set_visible_child_name (self->main_stack, "failed");
      return;
    }

  self->base = g_steal_pointer (&editor);
  show_form (self);
}

/* Finish */

static void run_finish (VdAddHardwareDialog *self);

static void
finish_stopped (VdAddHardwareDialog *self,
                const char          *message)
{
  self->running = FALSE;
  gtk_widget_set_sensitive (self->cancel_button, TRUE);
  g_clear_object (&self->final);
  g_clear_object (&self->run_cancellable);
  if (message != NULL)
    show_error (self, message);
  update_finish (self);
}

static void
volume_deleted_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!vd_storage_volume_delete_finish (VD_STORAGE_VOLUME (object), result, &error))
    g_warning ("Could not delete the new disk image again: %s", error->message);
}

/* After a failure: the volume this Finish created goes again. */
static void
delete_created_volume (VdAddHardwareDialog *self)
{
  g_autofree char *name = g_steal_pointer (&self->created_volume);
  VdStorageVolume *volume;

  if (name == NULL || self->pool == NULL)
    return;
  volume = vd_storage_pool_find_volume (self->pool, name);
  if (volume != NULL)
    vd_storage_volume_delete_async (volume, NULL, volume_deleted_cb, NULL);
}

/* The id of the device libvirt's XML (@after) has that @before has not:
 * libvirt may put it anywhere among its kind (disks sort by target). */
static char *
find_new_device (VdDomainEditor *before,
                 VdDomainEditor *after,
                 VdDeviceKind    kind)
{
  g_autoptr(GPtrArray) old_ids = _vd_add_hardware_devices_of (before, kind);
  g_autoptr(GPtrArray) new_ids = _vd_add_hardware_devices_of (after, kind);
  g_autoptr(GPtrArray) old_xml = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < old_ids->len; i++)
    g_ptr_array_add (old_xml, vd_domain_editor_get_device_xml (before, old_ids->pdata[i]));
  for (guint i = 0; i < new_ids->len; i++)
    {
      g_autofree char *xml = vd_domain_editor_get_device_xml (after, new_ids->pdata[i]);
      gboolean found = FALSE;

      for (guint j = 0; j < old_xml->len && !found; j++)
        if (old_xml->pdata[j] != NULL && g_strcmp0 (old_xml->pdata[j], xml) == 0)
          {
            /* Each old device matches once. */
            g_clear_pointer (&old_xml->pdata[j], g_free);
            found = TRUE;
          }
      if (!found)
        return g_strdup (new_ids->pdata[i]);
    }

  return new_ids->len > 0 ? g_strdup (new_ids->pdata[new_ids->len - 1]) : NULL;
}

static void
apply_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(VdAddHardwareDialog) self = user_data;
  g_autoptr(VdDomainEditor) final = g_object_ref (self->final);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  gboolean needs_restart = FALSE;

  if (!vd_domain_editor_apply_finish_full (final, result, &needs_restart, &error))
    {
      delete_created_volume (self);
      finish_stopped (self, error->message);
      return;
    }

  g_clear_pointer (&self->created_volume, g_free);
  id = find_new_device (self->base, final, self->type->kind);
  finish_stopped (self, NULL);
  g_signal_emit (self, signals[DEVICE_ADDED], 0, final, id, needs_restart);
  gtk_widget_destroy (GTK_WIDGET (self));
}

/* Adds the page's device to a fresh editor over the guest's XML and
 * applies that. */
static void
apply_device (VdAddHardwareDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  gtk_label_set_text (self->progress_label, _("Adding the device…"));
  gtk_widget_set_sensitive (self->cancel_button, FALSE);
  g_clear_object (&self->final);
  self->final = vd_domain_editor_new_from_xml (vd_domain_editor_get_original_xml (self->base),
                                               &error);
  if (self->final != NULL)
    id = vd_domain_editor_add_device_xml (self->final, self->device_xml, &error);
  if (id == NULL || !vd_hardware_page_commit (self->page, self->final, &error))
    {
      delete_created_volume (self);
      gtk_widget_set_sensitive (self->cancel_button, TRUE);
      finish_stopped (self, error->message);
      return;
    }

  vd_domain_editor_apply_async (self->final, self->domain, NULL, apply_done_cb,
                                g_object_ref (self));
}

static void
volume_created_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(VdAddHardwareDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean cancelled = self->run_cancellable == NULL ||
                       g_cancellable_is_cancelled (self->run_cancellable);

  if (!vd_storage_pool_create_volume_finish (VD_STORAGE_POOL (object), result, &error))
    {
      if (g_cancellable_is_cancelled (self->cancellable))
        return;
      finish_stopped (self, cancelled ? NULL : error->message);
      return;
    }

  self->created_volume = g_strdup (self->volume_name);
  if (g_cancellable_is_cancelled (self->cancellable) || cancelled)
    {
      /* Made after all: not wanted any more. */
      delete_created_volume (self);
      if (!g_cancellable_is_cancelled (self->cancellable))
        finish_stopped (self, NULL);
      return;
    }

  apply_device (self);
}

static void
run_finish (VdAddHardwareDialog *self)
{
  if (self->running || self->page == NULL || !vd_hardware_page_get_valid (self->page) ||
      !storage_valid (self))
    return;

  gtk_info_bar_set_revealed (self->info_bar, FALSE);
  self->running = TRUE;
  g_clear_object (&self->run_cancellable);
  self->run_cancellable = g_cancellable_new ();
  update_finish (self);

  if (self->type->kind == VD_DEVICE_KIND_DISK &&
      gtk_toggle_button_get_active (self->new_volume_radio))
    {
      g_autoptr(VdVolumeSpec) spec = vd_volume_spec_new ();
      guint64 bytes = 0;

      vd_volume_spec_parse_size (gtk_entry_get_text (self->size_entry), "GiB", &bytes, NULL);
      g_free (spec->name);
      spec->name = g_strdup (self->volume_name);
      g_free (spec->format);
      spec->format = g_strdup ("qcow2");
      spec->capacity = bytes;
      gtk_label_set_text (self->progress_label, _("Creating the disk image…"));
      vd_storage_pool_create_volume_async (self->pool, spec, self->run_cancellable,
                                           volume_created_cb, g_object_ref (self));
      return;
    }

  apply_device (self);
}

static void
vd_add_hardware_dialog_response (GtkDialog *dialog,
                                 int        response)
{
  VdAddHardwareDialog *self = VD_ADD_HARDWARE_DIALOG (dialog);

  if (response == GTK_RESPONSE_APPLY)
    {
      run_finish (self);
      return;
    }

  if (self->running)
    {
      /* Cancel while the image is created: stop there. */
      if (self->run_cancellable != NULL)
        g_cancellable_cancel (self->run_cancellable);
      return;
    }

  gtk_widget_destroy (GTK_WIDGET (self));
}

static gboolean
vd_add_hardware_dialog_delete_event (GtkWidget   *widget,
                                     GdkEventAny *event)
{
  VdAddHardwareDialog *self = VD_ADD_HARDWARE_DIALOG (widget);

  /* Not while the guest is being changed: its result comes here. */
  if (self->running)
    {
      if (self->run_cancellable != NULL)
        g_cancellable_cancel (self->run_cancellable);
      return GDK_EVENT_STOP;
    }

  return GDK_EVENT_PROPAGATE;
}

static void
vd_add_hardware_dialog_dispose (GObject *object)
{
  VdAddHardwareDialog *self = (VdAddHardwareDialog *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->wait_source, g_source_remove);
  if (self->run_cancellable != NULL)
    g_cancellable_cancel (self->run_cancellable);
  if (self->page != NULL)
    g_signal_handlers_disconnect_by_data (self->page, self);
  g_clear_object (&self->page);
  g_clear_object (&self->scratch);
  g_clear_object (&self->base);
  g_clear_object (&self->final);
  g_clear_object (&self->pool);
  g_clear_object (&self->domain);

  G_OBJECT_CLASS (vd_add_hardware_dialog_parent_class)->dispose (object);
}

static void
vd_add_hardware_dialog_finalize (GObject *object)
{
  VdAddHardwareDialog *self = (VdAddHardwareDialog *)object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->run_cancellable);
  g_clear_pointer (&self->device_xml, g_free);
  g_clear_pointer (&self->device_id, g_free);
  g_clear_pointer (&self->volume_name, g_free);
  g_clear_pointer (&self->created_volume, g_free);

  G_OBJECT_CLASS (vd_add_hardware_dialog_parent_class)->finalize (object);
}

static void
vd_add_hardware_dialog_class_init (VdAddHardwareDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkDialogClass *dialog_class = GTK_DIALOG_CLASS (klass);

  object_class->dispose = vd_add_hardware_dialog_dispose;
  object_class->finalize = vd_add_hardware_dialog_finalize;
  widget_class->delete_event = vd_add_hardware_dialog_delete_event;
  dialog_class->response = vd_add_hardware_dialog_response;

  /**
   * VdAddHardwareDialog::device-added:
   * @editor: the guest's configuration as libvirt has it now
   * @id: the new device's id in @editor
   * @needs_restart: the guest runs and gets the device at its next start
   *
   * The device was added; the dialog closes after this.
   */
  signals[DEVICE_ADDED] =
    g_signal_new ("device-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 3, VD_TYPE_DOMAIN_EDITOR, G_TYPE_STRING,
                  G_TYPE_BOOLEAN);

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE
                                               "/dialogs/vd-add-hardware-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, VdAddHardwareDialog, main_stack);
  gtk_widget_class_bind_template_child (widget_class, VdAddHardwareDialog, load_error_label);
  gtk_widget_class_bind_template_child (widget_class, VdAddHardwareDialog, type_list);
  gtk_widget_class_bind_template_child (widget_class, VdAddHardwareDialog, page_box);
  gtk_widget_class_bind_template_child (widget_class, VdAddHardwareDialog, storage_box);
  gtk_widget_class_bind_template_child (widget_class, VdAddHardwareDialog, new_volume_radio);
  gtk_widget_class_bind_template_child (widget_class, VdAddHardwareDialog, existing_radio);
  gtk_widget_class_bind_template_child (widget_class, VdAddHardwareDialog, size_entry);
  gtk_widget_class_bind_template_child (widget_class, VdAddHardwareDialog, size_message);
  gtk_widget_class_bind_template_child (widget_class, VdAddHardwareDialog, pool_label);
  gtk_widget_class_bind_template_child (widget_class, VdAddHardwareDialog, preview_view);
  gtk_widget_class_bind_template_child (widget_class, VdAddHardwareDialog, info_bar);
  gtk_widget_class_bind_template_child (widget_class, VdAddHardwareDialog, info_label);
  gtk_widget_class_bind_template_child (widget_class, VdAddHardwareDialog, progress_spinner);
  gtk_widget_class_bind_template_child (widget_class, VdAddHardwareDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, VdAddHardwareDialog, finish_button);
  gtk_widget_class_bind_template_child (widget_class, VdAddHardwareDialog, cancel_button);
  gtk_widget_class_bind_template_callback (widget_class, type_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, storage_changed_cb);
}

static void
vd_add_hardware_dialog_init (VdAddHardwareDialog *self)
{
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();
  g_autoptr(GtkSourceBuffer) buffer = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  buffer = gtk_source_buffer_new_with_language (
             gtk_source_language_manager_get_language (languages, "xml"));
  gtk_source_buffer_set_highlight_matching_brackets (buffer, FALSE);
  gtk_text_view_set_buffer (GTK_TEXT_VIEW (self->preview_view), GTK_TEXT_BUFFER (buffer));
  vd_name_close_buttons (GTK_WIDGET (self->info_bar), _("Close message"));
  g_signal_connect (self->info_bar, "response", G_CALLBACK (info_response_cb), NULL);
  update_finish (self);
}

/**
 * vd_add_hardware_dialog_new:
 * @parent: (nullable): the guest's window
 *
 * Opens the dialog (it reads @domain's configuration in a worker first).
 *
 * Returns: (transfer none): the dialog, shown; it destroys itself
 */
GtkWidget *
vd_add_hardware_dialog_new (GtkWindow *parent,
                            VdDomain  *domain)
{
  VdAddHardwareDialog *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (VD_IS_DOMAIN (domain), NULL);

  self = g_object_new (VD_TYPE_ADD_HARDWARE_DIALOG,
                       "transient-for", parent,
                       "destroy-with-parent", TRUE,
                       "modal", TRUE,
                       NULL);
  self->domain = g_object_ref (domain);
  /* translators: the Add Hardware dialog's title; %s is a guest */
  title = g_strdup_printf (_("Add Hardware to “%s”"), vd_domain_get_name (domain));
  gtk_window_set_title (GTK_WINDOW (self), title);
  vd_domain_fetch_editor_async (domain, self->cancellable, fetch_done_cb, g_object_ref (self));
  gtk_window_present (GTK_WINDOW (self));

  return GTK_WIDGET (self);
}

gboolean
vd_add_hardware_dialog_get_loaded (VdAddHardwareDialog *self)
{
  g_return_val_if_fail (VD_IS_ADD_HARDWARE_DIALOG (self), FALSE);

  return self->loaded;
}

/**
 * vd_add_hardware_dialog_select_type:
 * @type: a type's id ("disk", "interface", "channel-agent", ...)
 *
 * Returns: whether the type is offered for this guest (and now shown)
 */
gboolean
vd_add_hardware_dialog_select_type (VdAddHardwareDialog *self,
                                    const char          *type)
{
  g_autoptr(GList) rows = NULL;

  g_return_val_if_fail (VD_IS_ADD_HARDWARE_DIALOG (self), FALSE);

  rows = gtk_container_get_children (GTK_CONTAINER (self->type_list));
  for (const GList *l = rows; l != NULL; l = l->next)
    if (g_strcmp0 (gtk_widget_get_name (l->data), type) == 0)
      {
        if (!gtk_widget_get_sensitive (l->data))
          return FALSE;
        gtk_list_box_select_row (self->type_list, l->data);
        return self->page != NULL && self->type == _vd_add_hardware_find_type (type);
      }

  return FALSE;
}

const char *
vd_add_hardware_dialog_get_type_id (VdAddHardwareDialog *self)
{
  g_return_val_if_fail (VD_IS_ADD_HARDWARE_DIALOG (self), NULL);

  return self->type != NULL ? self->type->id : NULL;
}

/**
 * vd_add_hardware_dialog_get_page:
 *
 * Returns: (transfer none) (nullable): the device page shown
 */
GtkWidget *
vd_add_hardware_dialog_get_page (VdAddHardwareDialog *self)
{
  g_return_val_if_fail (VD_IS_ADD_HARDWARE_DIALOG (self), NULL);

  return self->page != NULL ? GTK_WIDGET (self->page) : NULL;
}

/**
 * vd_add_hardware_dialog_get_preview:
 *
 * Returns: (transfer full): the text of the XML preview
 */
char *
vd_add_hardware_dialog_get_preview (VdAddHardwareDialog *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  g_return_val_if_fail (VD_IS_ADD_HARDWARE_DIALOG (self), NULL);

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->preview_view));
  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

gboolean
vd_add_hardware_dialog_get_running (VdAddHardwareDialog *self)
{
  g_return_val_if_fail (VD_IS_ADD_HARDWARE_DIALOG (self), FALSE);

  return self->running;
}
