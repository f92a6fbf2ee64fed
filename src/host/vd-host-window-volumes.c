/* vd-host-window-volumes.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-host-window"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-host-window-private.h"
#include "vd-volume-dialog.h"

/*
 * The Storage page's operations on the selected volume besides delete:
 * host.volume-clone, -resize, -wipe, -upload and -download. Each opens a
 * VdVolumeDialog (after the wipe's confirmation or the file chooser); the
 * dialog shows progress and failures, and the pool's re-read after the
 * operation refreshes the list and these actions.
 */

static const char * const volume_actions_names[] = {
  "volume-clone", "volume-resize", "volume-wipe", "volume-upload", "volume-download",
};

/* Called by the storage page with whether the selected volume can take
 * an operation now (its pool active and idle, the volume idle). */
void
_vd_host_window_volumes_update (VdHostWindow *self,
                                gboolean      usable)
{
  for (guint i = 0; i < G_N_ELEMENTS (volume_actions_names); i++)
    _vd_host_window_enable (self, volume_actions_names[i], usable);
}

static void
dialog_destroyed_cb (VdHostWindow *self)
{
  _vd_host_window_volume_selection_changed (self);
}

static void
open_dialog (VdHostWindow       *self,
             VdStorageVolume    *volume,
             VdVolumeDialogMode  mode,
             const char         *local_path)
{
  GtkWidget *dialog = vd_volume_dialog_new (GTK_WINDOW (self), volume, mode, local_path);

  gtk_info_bar_set_revealed (self->info_bar, FALSE);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (dialog_destroyed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  _vd_host_window_volume_selection_changed (self);
}

static void
vd_host_window_action_volume_clone_cb (GSimpleAction *action,
                                       GVariant      *param,
                                       gpointer       user_data)
{
  VdHostWindow *self = user_data;
  VdStorageVolume *volume = vd_host_window_get_selected_volume (self);

  if (volume != NULL)
    open_dialog (self, volume, VD_VOLUME_DIALOG_CLONE, NULL);
}

static void
vd_host_window_action_volume_resize_cb (GSimpleAction *action,
                                        GVariant      *param,
                                        gpointer       user_data)
{
  VdHostWindow *self = user_data;
  VdStorageVolume *volume = vd_host_window_get_selected_volume (self);

  if (volume != NULL)
    open_dialog (self, volume, VD_VOLUME_DIALOG_RESIZE, NULL);
}

static void
wipe_volume (VdHostWindow *self,
             gpointer      volume,
             gboolean      option)
{
  open_dialog (self, volume, VD_VOLUME_DIALOG_WIPE, NULL);
}

static void
vd_host_window_action_volume_wipe_cb (GSimpleAction *action,
                                      GVariant      *param,
                                      gpointer       user_data)
{
  VdHostWindow *self = user_data;
  VdStorageVolume *volume = vd_host_window_get_selected_volume (self);
  const char * const *users;
  g_autofree char *title = NULL;

  if (volume == NULL)
    return;

  users = vd_storage_volume_get_used_by (volume);
  title = g_strdup_printf (_("Wipe the volume “%s”?"), vd_storage_volume_get_name (volume));

  if (users != NULL && users[0] != NULL)
    {
      g_autofree char *names = g_strjoinv (", ", (char **)users);
      /* translators: guest names */
      g_autofree char *message =
        g_strdup_printf (_("Used by: %s. Every byte of the volume is overwritten with zeros: "
                           "its data is destroyed and these guests lose their disk’s "
                           "content."), names);

      /* In use: always ask, as delete does. */
      _vd_host_window_ask (self, title, message, vd_storage_volume_get_path (volume),
                           _("_Wipe"), TRUE, NULL, wipe_volume, volume);
    }
  else
    {
      _vd_host_window_ask (self, title,
                           _("Every byte of the volume is overwritten with zeros: its data is "
                             "destroyed and cannot be recovered."),
                           vd_storage_volume_get_path (volume), _("_Wipe"), FALSE, NULL,
                           wipe_volume, volume);
    }
}

typedef struct
{
  VdHostWindow    *self;
  VdStorageVolume *volume;
  gboolean         upload;
} Choice;

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     gpointer         user_data)
{
  Choice *choice = user_data;

  if (response == GTK_RESPONSE_ACCEPT && vd_storage_volume_get_pool (choice->volume) != NULL)
    {
      g_autofree char *path = gtk_file_chooser_get_filename (GTK_FILE_CHOOSER (chooser));

      if (path != NULL)
        open_dialog (choice->self, choice->volume,
                     choice->upload ? VD_VOLUME_DIALOG_UPLOAD : VD_VOLUME_DIALOG_DOWNLOAD, path);
    }

  g_object_unref (choice->self);
  g_object_unref (choice->volume);
  g_free (choice);
  g_object_unref (chooser);
}

static void
choose_file (VdHostWindow *self,
             gboolean      upload)
{
  VdStorageVolume *volume = vd_host_window_get_selected_volume (self);
  GtkFileChooserNative *chooser;
  g_autofree char *title = NULL;
  Choice *choice;

  if (volume == NULL)
    return;

  if (upload)
    /* translators: a volume */
    title = g_strdup_printf (_("Upload a File to “%s”"), vd_storage_volume_get_name (volume));
  else
    /* translators: a volume */
    title = g_strdup_printf (_("Download “%s” to a File"), vd_storage_volume_get_name (volume));

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self),
                                         upload ? GTK_FILE_CHOOSER_ACTION_OPEN
                                                : GTK_FILE_CHOOSER_ACTION_SAVE,
                                         upload ? _("_Upload") : _("_Download"), NULL);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_local_only (GTK_FILE_CHOOSER (chooser), TRUE);
  if (!upload)
    {
      gtk_file_chooser_set_do_overwrite_confirmation (GTK_FILE_CHOOSER (chooser), TRUE);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser),
                                         vd_storage_volume_get_name (volume));
    }

  choice = g_new0 (Choice, 1);
  choice->self = g_object_ref (self);
  choice->volume = g_object_ref (volume);
  choice->upload = upload;
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), choice);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
vd_host_window_action_volume_upload_cb (GSimpleAction *action,
                                        GVariant      *param,
                                        gpointer       user_data)
{
  choose_file (user_data, TRUE);
}

static void
vd_host_window_action_volume_download_cb (GSimpleAction *action,
                                          GVariant      *param,
                                          gpointer       user_data)
{
  choose_file (user_data, FALSE);
}

static const GActionEntry volume_actions[] = {
  { "volume-clone", vd_host_window_action_volume_clone_cb },
  { "volume-resize", vd_host_window_action_volume_resize_cb },
  { "volume-wipe", vd_host_window_action_volume_wipe_cb },
  { "volume-upload", vd_host_window_action_volume_upload_cb },
  { "volume-download", vd_host_window_action_volume_download_cb },
};

void
_vd_host_window_volumes_init (VdHostWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), volume_actions,
                                   G_N_ELEMENTS (volume_actions), self);
  _vd_host_window_volumes_update (self, FALSE);
}
