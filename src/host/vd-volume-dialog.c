/* vd-volume-dialog.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-volume-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vd-volume-dialog.h"
#include "vd-volume-spec.h"

/*
 * One dialog for the operations on a volume of the Storage tab, answered
 * through "response" (never run modally):
 *
 *   Clone, Resize: the fields, each judged as typed with its reason under
 *     it, the action button off while one is wrong; then progress.
 *   Wipe, Upload, Download: progress at once (the host window asked and
 *     chose the file first).
 *
 * Progress is a bar: the bytes moved for upload and download, a pulse for
 * the others. Cancel aborts an upload or download, and deletes a clone
 * once libvirt has made it; a wipe cannot be interrupted, so its button
 * only closes the dialog and the wipe finishes behind it. Success closes
 * the dialog; a failure is shown in it, fields kept. The pool's volume
 * list is re-read by the operation itself.
 */

struct _VdVolumeDialog
{
  GtkDialog           parent_instance;

  /* Template widgets */
  GtkLabel           *intro_label;
  GtkGrid            *form_grid;
  GtkLabel           *name_label;
  GtkEntry           *name_entry;
  GtkLabel           *name_error;
  GtkLabel           *format_label;
  GtkComboBoxText    *format_combo;
  GtkLabel           *size_label;
  GtkBox             *size_box;
  GtkEntry           *size_entry;
  GtkComboBoxText    *unit_combo;
  GtkLabel           *size_error;
  GtkCheckButton     *shrink_check;
  GtkBox             *progress_box;
  GtkLabel           *progress_label;
  GtkProgressBar     *progress_bar;
  GtkRevealer        *failure_revealer;
  GtkLabel           *failure_label;
  GtkButton          *cancel_button;
  GtkButton          *apply_button;

  /* Owned references */
  VdStorageVolume    *volume;
  GCancellable       *cancellable;     /* cancelled in dispose */
  char               *local_path;
  guint               pulse_id;

  VdVolumeDialogMode  mode;
  gboolean            busy;
  gboolean            loading;
};

G_DEFINE_FINAL_TYPE (VdVolumeDialog, vd_volume_dialog, GTK_TYPE_DIALOG)

static gboolean
show_message (GtkLabel *label,
              char     *message)
{
  gboolean ok = message == NULL;

  gtk_label_set_text (label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), !ok);
  g_free (message);
  return ok;
}

static gboolean
parse_size (VdVolumeDialog  *self,
            guint64         *bytes,
            char           **message)
{
  const char *unit = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->unit_combo));

  return vd_volume_spec_parse_size (gtk_entry_get_text (self->size_entry), unit ? unit : "GiB",
                                    bytes, message);
}

static VdStorageVolumeResizeFlags
resize_flags (VdVolumeDialog *self)
{
  return gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->shrink_check))
           ? VD_STORAGE_VOLUME_RESIZE_SHRINK : VD_STORAGE_VOLUME_RESIZE_NONE;
}

static void
revalidate (VdVolumeDialog *self)
{
  gboolean ok = TRUE;

  if (self->loading)
    return;

  if (self->mode == VD_VOLUME_DIALOG_CLONE)
    {
      g_autofree char *name = g_strstrip (g_strdup (gtk_entry_get_text (self->name_entry)));

      ok = show_message (self->name_error, vd_storage_volume_check_clone_name (self->volume,
                                                                                name));
    }
  else if (self->mode == VD_VOLUME_DIALOG_RESIZE)
    {
      char *message = NULL;
      guint64 bytes = 0;

      if (parse_size (self, &bytes, &message))
        message = vd_storage_volume_check_resize (self->volume, bytes, resize_flags (self));
      ok = show_message (self->size_error, message);
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button), ok && !self->busy);
}

static void
field_changed_cb (VdVolumeDialog *self)
{
  if (self->volume != NULL)
    revalidate (self);
}

static gboolean
pulse_cb (gpointer user_data)
{
  VdVolumeDialog *self = user_data;

  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

static void
set_busy (VdVolumeDialog *self,
          gboolean        busy,
          const char     *text)
{
  self->busy = busy;
  gtk_widget_set_visible (GTK_WIDGET (self->progress_box), busy);
  gtk_label_set_text (self->progress_label, text ? text : "");
  gtk_widget_set_sensitive (GTK_WIDGET (self->form_grid), !busy);

  g_clear_handle_id (&self->pulse_id, g_source_remove);
  /* Upload and download report bytes; the others only that they run. */
  if (busy && self->mode != VD_VOLUME_DIALOG_UPLOAD && self->mode != VD_VOLUME_DIALOG_DOWNLOAD)
    self->pulse_id = g_timeout_add (100, pulse_cb, self);

  revalidate (self);
}

/* Destroyed while the operation went on (a wipe runs to its end, a
 * cancelled clone until libvirt has copied): nothing left to show it in. */
static gboolean
closed (VdVolumeDialog *self)
{
  return self->cancellable == NULL;
}

static void
progress_cb (guint64  done,
             guint64  total,
             gpointer user_data)
{
  VdVolumeDialog *self = user_data;
  g_autofree char *done_text = NULL;
  g_autofree char *total_text = NULL;
  g_autofree char *text = NULL;

  if (closed (self))
    return;

  done_text = g_format_size_full (done, G_FORMAT_SIZE_IEC_UNITS);
  total_text = g_format_size_full (total, G_FORMAT_SIZE_IEC_UNITS);
  /* translators: bytes moved so far of the total, e.g. 12.0 MiB of 1.0 GiB */
  text = g_strdup_printf (_("%s of %s"), done_text, total_text);

  gtk_progress_bar_set_fraction (self->progress_bar,
                                 total > 0 ? MIN (1.0, (double)done / (double)total) : 0.0);
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
operation_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(VdVolumeDialog) self = user_data;
  VdStorageVolume *volume = VD_STORAGE_VOLUME (object);
  g_autoptr(GError) error = NULL;
  gboolean ok = FALSE;

  switch (self->mode)
    {
    case VD_VOLUME_DIALOG_CLONE:
      ok = vd_storage_volume_clone_finish (volume, result, &error);
      break;
    case VD_VOLUME_DIALOG_RESIZE:
      ok = vd_storage_volume_resize_finish (volume, result, &error);
      break;
    case VD_VOLUME_DIALOG_WIPE:
      ok = vd_storage_volume_wipe_finish (volume, result, &error);
      break;
    case VD_VOLUME_DIALOG_UPLOAD:
      ok = vd_storage_volume_upload_finish (volume, result, &error);
      break;
    case VD_VOLUME_DIALOG_DOWNLOAD:
      ok = vd_storage_volume_download_finish (volume, result, &error);
      break;
    default:
      g_assert_not_reached ();
    }

  if (closed (self))
    {
      /* The Storage tab shows the volume's last error. */
      return;
    }
  if (ok)
    {
      gtk_widget_destroy (GTK_WIDGET (self));
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_label_set_text (self->failure_label, error->message);
  gtk_revealer_set_reveal_child (self->failure_revealer, TRUE);
  gtk_button_set_label (self->cancel_button, _("_Close"));
  set_busy (self, FALSE, NULL);
}

static void
start (VdVolumeDialog *self)
{
  g_autofree char *name = NULL;
  const char *text = NULL;
  guint64 bytes = 0;

  gtk_revealer_set_reveal_child (self->failure_revealer, FALSE);
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_progress_bar_set_text (self->progress_bar, NULL);

  switch (self->mode)
    {
    case VD_VOLUME_DIALOG_CLONE:
      name = g_strstrip (g_strdup (gtk_entry_get_text (self->name_entry)));
      text = _("Copying the volume… Cancel deletes the copy once libvirt has made it.");
      set_busy (self, TRUE, text);
      vd_storage_volume_clone_async (self->volume, name,
                                     gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->format_combo)),
                                     self->cancellable, operation_done_cb, g_object_ref (self));
      break;
    case VD_VOLUME_DIALOG_RESIZE:
      if (!parse_size (self, &bytes, NULL))
        return;
      set_busy (self, TRUE, _("Resizing the volume…"));
      vd_storage_volume_resize_async (self->volume, bytes, resize_flags (self), self->cancellable,
                                      operation_done_cb, g_object_ref (self));
      break;
    case VD_VOLUME_DIALOG_WIPE:
      set_busy (self, TRUE, _("Wiping the volume… This cannot be interrupted; closing this "
                              "window lets it finish."));
      vd_storage_volume_wipe_async (self->volume, VIR_STORAGE_VOL_WIPE_ALG_ZERO,
                                    self->cancellable, operation_done_cb, g_object_ref (self));
      break;
    case VD_VOLUME_DIALOG_UPLOAD:
      set_busy (self, TRUE, _("Uploading…"));
      vd_storage_volume_upload_async (self->volume, self->local_path, progress_cb, self,
                                      self->cancellable, operation_done_cb, g_object_ref (self));
      break;
    case VD_VOLUME_DIALOG_DOWNLOAD:
      set_busy (self, TRUE, _("Downloading…"));
      vd_storage_volume_download_async (self->volume, self->local_path, progress_cb, self,
                                        self->cancellable, operation_done_cb,
                                        g_object_ref (self));
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
response_cb (GtkDialog *dialog,
             int        response)
{
  VdVolumeDialog *self = VD_VOLUME_DIALOG (dialog);

  if (response != GTK_RESPONSE_OK)
    {
      /* dispose cancels: an upload or download stops, a clone is
       * deleted again, a wipe goes on to its end. */
      gtk_widget_destroy (GTK_WIDGET (self));
      return;
    }

  revalidate (self);
  if (self->busy || !gtk_widget_get_sensitive (GTK_WIDGET (self->apply_button)))
    return;
  start (self);
}

static void
setup (VdVolumeDialog *self)
{
  const char *name = vd_storage_volume_get_name (self->volume);
  VdStoragePool *pool = vd_storage_volume_get_pool (self->volume);
  const char *pool_name = pool != NULL ? vd_storage_pool_get_name (pool) : "";
  g_autofree char *capacity = g_format_size_full (vd_storage_volume_get_capacity (self->volume),
                                                  G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *allocation =
    g_format_size_full (vd_storage_volume_get_allocation (self->volume), G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *intro = NULL;
  gboolean form = self->mode == VD_VOLUME_DIALOG_CLONE || self->mode == VD_VOLUME_DIALOG_RESIZE;
  gboolean clone = self->mode == VD_VOLUME_DIALOG_CLONE;

  gtk_widget_set_visible (GTK_WIDGET (self->form_grid), form);
  gtk_widget_set_visible (GTK_WIDGET (self->apply_button), form);
  gtk_widget_set_visible (GTK_WIDGET (self->name_label), clone);
  gtk_widget_set_visible (GTK_WIDGET (self->name_entry), clone);
  gtk_widget_set_visible (GTK_WIDGET (self->format_label), clone);
  gtk_widget_set_visible (GTK_WIDGET (self->format_combo), clone);
  gtk_widget_set_visible (GTK_WIDGET (self->size_label), !clone);
  gtk_widget_set_visible (GTK_WIDGET (self->size_box), !clone);
  gtk_widget_set_visible (GTK_WIDGET (self->shrink_check), !clone);
  gtk_widget_set_visible (GTK_WIDGET (self->name_error), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->size_error), FALSE);

  switch (self->mode)
    {
    case VD_VOLUME_DIALOG_CLONE:
      {
        const char *type = pool != NULL ? vd_storage_pool_get_pool_type (pool) : NULL;
        const char * const *formats = vd_volume_spec_get_formats (type);
        const char *format = vd_storage_volume_get_format (self->volume);
        g_autofree char *suggestion = NULL;
        const char *dot = strrchr (name, '.');

        gtk_window_set_title (GTK_WINDOW (self), _("Clone Volume"));
        gtk_button_set_label (self->apply_button, _("_Clone"));
        /* translators: a volume, its pool */
        intro = g_strdup_printf (_("A copy of “%s” in the pool “%s”, with its capacity (%s)."),
                                 name, pool_name, capacity);
        for (guint i = 0; formats[i] != NULL; i++)
          gtk_combo_box_text_append (self->format_combo, formats[i], formats[i]);
        if (format == NULL || !gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->format_combo),
                                                            format))
          gtk_combo_box_set_active (GTK_COMBO_BOX (self->format_combo), 0);
        /* translators: the suggested name of a copy, before the extension */
        suggestion = dot != NULL && dot != name
                       ? g_strdup_printf ("%.*s-%s%s", (int)(dot - name), name,
                                          C_("volume copy", "copy"), dot)
                       : g_strdup_printf ("%s-%s", name, C_("volume copy", "copy"));
        gtk_entry_set_text (self->name_entry, suggestion);
      }
      break;
    case VD_VOLUME_DIALOG_RESIZE:
      {
        double gib = vd_storage_volume_get_capacity (self->volume) / (double)((guint64)1 << 30);
        char number[G_ASCII_DTOSTR_BUF_SIZE];

        gtk_window_set_title (GTK_WINDOW (self), _("Resize Volume"));
        gtk_button_set_label (self->apply_button, _("_Resize"));
        /* translators: a volume, its capacity, what is allocated */
        intro = g_strdup_printf (_("“%s” holds %s, of which %s is allocated. Guests see a new "
                                   "capacity after their next start; grow the file system "
                                   "inside the guest too."), name, capacity, allocation);
        g_ascii_formatd (number, sizeof number, "%.2f", gib);
        gtk_entry_set_text (self->size_entry, number);
        gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->unit_combo), "GiB");
      }
      break;
    case VD_VOLUME_DIALOG_WIPE:
      gtk_window_set_title (GTK_WINDOW (self), _("Wipe Volume"));
      gtk_button_set_label (self->cancel_button, _("_Close"));
      /* translators: a volume */
      intro = g_strdup_printf (_("Overwriting “%s” with zeros."), name);
      break;
    case VD_VOLUME_DIALOG_UPLOAD:
      gtk_window_set_title (GTK_WINDOW (self), _("Upload to Volume"));
      /* translators: a local file, a volume */
      intro = g_strdup_printf (_("Copying “%s” into the volume “%s”."), self->local_path, name);
      break;
    case VD_VOLUME_DIALOG_DOWNLOAD:
      gtk_window_set_title (GTK_WINDOW (self), _("Download Volume"));
      /* translators: a volume, a local file */
      intro = g_strdup_printf (_("Copying the volume “%s” to “%s”."), name, self->local_path);
      break;
    default:
      g_assert_not_reached ();
    }

  gtk_label_set_text (self->intro_label, intro);
}

static void
vd_volume_dialog_dispose (GObject *object)
{
  VdVolumeDialog *self = VD_VOLUME_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  g_clear_object (&self->volume);

  G_OBJECT_CLASS (vd_volume_dialog_parent_class)->dispose (object);
}

static void
vd_volume_dialog_finalize (GObject *object)
{
  VdVolumeDialog *self = VD_VOLUME_DIALOG (object);

  g_free (self->local_path);

  G_OBJECT_CLASS (vd_volume_dialog_parent_class)->finalize (object);
}

static void
vd_volume_dialog_class_init (VdVolumeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vd_volume_dialog_dispose;
  object_class->finalize = vd_volume_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/virtdesk/VirtDesk/host/"
                                               "vd-volume-dialog.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, VdVolumeDialog, name)
  CHILD (intro_label);
  CHILD (form_grid);
  CHILD (name_label);
  CHILD (name_entry);
  CHILD (name_error);
  CHILD (format_label);
  CHILD (format_combo);
  CHILD (size_label);
  CHILD (size_box);
  CHILD (size_entry);
  CHILD (unit_combo);
  CHILD (size_error);
  CHILD (shrink_check);
  CHILD (progress_box);
  CHILD (progress_label);
  CHILD (progress_bar);
  CHILD (failure_revealer);
  CHILD (failure_label);
  CHILD (cancel_button);
  CHILD (apply_button);
#undef CHILD
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, response_cb);
}

static void
vd_volume_dialog_init (VdVolumeDialog *self)
{
  self->loading = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

/**
 * vd_volume_dialog_new:
 * @parent: (nullable): the window it is transient for
 * @volume: the volume to act on
 * @mode: which operation
 * @local_path: (nullable): the local file, for upload and download
 *
 * Clone and Resize wait for the user's Apply; Wipe, Upload and Download
 * start at once (ask and choose the file before).
 *
 * Returns: (transfer floating): the dialog, not yet shown
 */
GtkWidget *
vd_volume_dialog_new (GtkWindow          *parent,
                      VdStorageVolume    *volume,
                      VdVolumeDialogMode  mode,
                      const char         *local_path)
{
  VdVolumeDialog *self;

  g_return_val_if_fail (VD_IS_STORAGE_VOLUME (volume), NULL);
  g_return_val_if_fail (local_path != NULL ||
                        (mode != VD_VOLUME_DIALOG_UPLOAD && mode != VD_VOLUME_DIALOG_DOWNLOAD),
                        NULL);

  self = g_object_new (VD_TYPE_VOLUME_DIALOG, "transient-for", parent, NULL);
  self->volume = g_object_ref (volume);
  self->mode = mode;
  self->local_path = g_strdup (local_path);

  setup (self);
  self->loading = FALSE;
  revalidate (self);

  if (mode == VD_VOLUME_DIALOG_WIPE || mode == VD_VOLUME_DIALOG_UPLOAD ||
      mode == VD_VOLUME_DIALOG_DOWNLOAD)
    start (self);

  return GTK_WIDGET (self);
}

/**
 * vd_volume_dialog_get_busy:
 *
 * Returns: whether the operation runs
 */
gboolean
vd_volume_dialog_get_busy (VdVolumeDialog *self)
{
  g_return_val_if_fail (VD_IS_VOLUME_DIALOG (self), FALSE);

  return self->busy;
}
