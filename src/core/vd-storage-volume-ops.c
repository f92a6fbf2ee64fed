/* vd-storage-volume-ops.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-storage"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vd-connection-private.h"
#include "vd-error.h"
#include "vd-host-private.h"
#include "vd-libvirt-task.h"
#include "vd-storage-volume-ops-private.h"
#include "vd-storage-volume.h"
#include "vd-volume-spec.h"

/*
 * What can be done to a volume besides deleting it: clone, resize, wipe,
 * upload and download. Each runs in a worker, one at a time per volume
 * (sharing the volume's busy state with delete), and re-reads the pool
 * afterwards so the list shows the result.
 *
 * Unlike vd_libvirt_task_run(), the worker here sees the caller's
 * cancellable: uploads and downloads check it between chunks and abort
 * the stream; a clone cancelled while libvirt copies is deleted again
 * once the copy ends (libvirt cannot interrupt it). A wipe can neither
 * be interrupted nor undone, so it ignores the cancellable: its callback
 * comes when libvirt is done. The streams are in
 * vd-storage-volume-stream.c.
 */

static void
op_data_free (gpointer user_data)
{
  OpData *data = user_data;

  if (data->pool != NULL)
    virStoragePoolFree (data->pool);
  g_free (data->name);
  g_free (data->pool_name);
  g_clear_object (&data->cancellable);
  g_free (data->new_name);
  g_free (data->format);
  g_free (data->local_path);
  g_clear_pointer (&data->context, g_main_context_unref);
  g_clear_pointer (&data->after, _vd_storage_pool_info_free);
  g_free (data);
}

/* translators: the volume, then why, e.g. libvirt's message */
char *
_vd_volume_op_failure_message (gpointer    user_data,
                               const char *detail)
{
  OpData *data = user_data;

  switch (data->kind)
    {
    case OP_CLONE:
      /* translators: the original volume, the new name, why */
      return g_strdup_printf (_("Failed to clone the volume “%s” as “%s”: %s"),
                              data->name, data->new_name, detail);
    case OP_RESIZE:
      return g_strdup_printf (_("Failed to resize the volume “%s”: %s"), data->name, detail);
    case OP_WIPE:
      return g_strdup_printf (_("Failed to wipe the volume “%s”: %s"), data->name, detail);
    case OP_UPLOAD:
      /* translators: the local file, the volume, why */
      return g_strdup_printf (_("Failed to upload “%s” to the volume “%s”: %s"),
                              data->local_path, data->name, detail);
    case OP_DOWNLOAD:
      /* translators: the volume, the local file, why */
      return g_strdup_printf (_("Failed to download the volume “%s” to “%s”: %s"),
                              data->name, data->local_path, detail);
    default:
      g_assert_not_reached ();
    }
}

void
_vd_volume_op_set_failure_errno (GError     **error,
                                 OpData      *data,
                                 int          saved_errno)
{
  g_autofree char *message = _vd_volume_op_failure_message (data, g_strerror (saved_errno));

  g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), message);
}

gboolean
_vd_volume_op_set_cancelled (GError **error,
                             OpData  *data)
{
  data->cancelled = TRUE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled"));
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Progress                                                            */
/* ------------------------------------------------------------------ */

typedef struct
{
  GTask   *task;
  guint64  done;
  guint64  total;
} ProgressReport;

static void
progress_report_free (gpointer user_data)
{
  ProgressReport *report = user_data;

  g_object_unref (report->task);
  g_free (report);
}

static gboolean
progress_report_cb (gpointer user_data)
{
  ProgressReport *report = user_data;
  OpData *data = g_task_get_task_data (report->task);

  /* The worker's result is dispatched after every report it queued, so
   * this holds; the check is for a caller that dropped its context. */
  if (!g_task_get_completed (report->task))
    data->progress (report->done, report->total, data->progress_data);

  return G_SOURCE_REMOVE;
}

void
_vd_volume_op_report_progress (GTask   *task,
                               guint64  done,
                               guint64  total,
                               gboolean force)
{
  OpData *data;
  gint64 now = g_get_monotonic_time ();
  ProgressReport *report;

  /* No task: an upload run inside another worker (a network install's
   * kernel), which reports its own steps. */
  if (task == NULL)
    return;
  data = g_task_get_task_data (task);
  if (data->progress == NULL)
    return;
  if (!force && now - data->last_report < PROGRESS_INTERVAL_USEC)
    return;
  data->last_report = now;

  report = g_new0 (ProgressReport, 1);
  report->task = g_object_ref (task);
  report->done = done;
  report->total = total;
  vd_libvirt_task_post (data->context, progress_report_cb, report, progress_report_free);
}

/* ------------------------------------------------------------------ */
/* Workers                                                             */
/* ------------------------------------------------------------------ */

static char *
clone_xml (OpData *data)
{
  g_autoptr(GString) xml = g_string_new ("<volume>");
  g_autofree char *name = g_markup_escape_text (data->new_name, -1);

  g_string_append_printf (xml, "<name>%s</name>", name);
  g_string_append_printf (xml, "<capacity unit='bytes'>%" G_GUINT64_FORMAT "</capacity>",
                          data->capacity);
  if (data->format != NULL)
    {
      g_autofree char *format = g_markup_escape_text (data->format, -1);
      g_string_append_printf (xml, "<target><format type='%s'/></target>", format);
    }
  g_string_append (xml, "</volume>");

  return g_string_free (g_steal_pointer (&xml), FALSE);
}

static gboolean
clone_run (OpData            *data,
           virStorageVolPtr   vol,
           GError           **error)
{
  g_autofree char *xml = clone_xml (data);
  virStorageVolPtr copy = virStorageVolCreateXMLFrom (data->pool, xml, vol, 0);

  if (copy == NULL)
    {
      vd_libvirt_task_set_failure (error, _vd_volume_op_failure_message, data);
      return FALSE;
    }

  /* libvirt copied to the end; a cancel that came meanwhile means the
   * user does not want the copy. */
  if (g_cancellable_is_cancelled (data->cancellable))
    {
      if (virStorageVolDelete (copy, 0) < 0)
        {
          vd_libvirt_task_set_failure (error, _vd_volume_op_failure_message, data);
          virStorageVolFree (copy);
          return FALSE;
        }
      virStorageVolFree (copy);
      return _vd_volume_op_set_cancelled (error, data);
    }

  virStorageVolFree (copy);
  return TRUE;
}

static void
op_worker (GTask        *task,
           gpointer      source_object,
           gpointer      task_data,
           GCancellable *cancellable)
{
  OpData *data = task_data;
  g_autoptr(GHashTable) users = NULL;
  GError *error = NULL;
  virStorageVolPtr vol;
  gboolean ok = FALSE;

  /* By name, as delete does: the volume the user saw and chose. */
  vol = virStorageVolLookupByName (data->pool, data->name);
  if (vol == NULL)
    vd_libvirt_task_set_failure (&error, _vd_volume_op_failure_message, data);
  else
    {
      switch (data->kind)
        {
        case OP_CLONE:
          ok = clone_run (data, vol, &error);
          break;
        case OP_RESIZE:
          ok = virStorageVolResize (vol, data->capacity, data->resize_flags) >= 0;
          if (!ok)
            vd_libvirt_task_set_failure (&error, _vd_volume_op_failure_message, data);
          break;
        case OP_WIPE:
          ok = virStorageVolWipePattern (vol, data->algorithm, 0) >= 0;
          if (!ok)
            vd_libvirt_task_set_failure (&error, _vd_volume_op_failure_message, data);
          break;
        case OP_UPLOAD:
          ok = _vd_volume_op_upload (task, data, vol, &error);
          break;
        case OP_DOWNLOAD:
          ok = _vd_volume_op_download (task, data, vol, &error);
          break;
        default:
          g_assert_not_reached ();
        }
      virStorageVolFree (vol);
    }

  /* Re-read, success or not: capacity, allocation, a new clone. */
  users = _vd_disk_users_collect (virStoragePoolGetConnect (data->pool));
  data->after = _vd_storage_pool_info_new_from_handle (data->pool, users);

  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/* ------------------------------------------------------------------ */
/* Main thread                                                         */
/* ------------------------------------------------------------------ */

static void
op_done_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  VdStorageVolume *self = VD_STORAGE_VOLUME (object);
  g_autoptr(GTask) outer = user_data;
  OpData *data = g_task_get_task_data (G_TASK (result));
  VdStoragePool *pool = vd_storage_volume_get_pool (self);
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);

  /* Idle again before the re-read is applied: views refresh on the
   * pool's volumes-updated and see the volume free. A cancel is the
   * user's choice, not a failure to remember. */
  _vd_storage_volume_end_busy (self, error != NULL && !data->cancelled ? error->message : NULL);

  if (pool != NULL && vd_storage_pool_get_connection (pool) != NULL && data->after != NULL)
    _vd_connection_apply_pool_info (vd_storage_pool_get_connection (pool), data->after);

  if (error != NULL)
    {
      g_debug ("%s", error->message);
      g_task_return_error (outer, g_steal_pointer (&error));
    }
  else
    g_task_return_boolean (outer, TRUE);
}

static void
run_op (VdStorageVolume     *self,
        OpData              *data,
        gpointer             source_tag,
        GCancellable        *cancellable,
        GAsyncReadyCallback  callback,
        gpointer             user_data)
{
  g_autoptr(GTask) outer = g_task_new (self, cancellable, callback, user_data);
  g_autoptr(GTask) inner = NULL;
  VdStoragePool *pool = vd_storage_volume_get_pool (self);
  virStoragePoolPtr handle = pool != NULL ? _vd_storage_pool_get_handle (pool) : NULL;

  g_task_set_source_tag (outer, source_tag);
  /* The worker decides what a cancel did (a clone may already exist). */
  g_task_set_check_cancellable (outer, FALSE);

  data->name = g_strdup (vd_storage_volume_get_name (self));
  if (handle == NULL)
    {
      g_autofree char *message = _vd_volume_op_failure_message (data, _("the volume is no longer listed"));

      g_task_return_new_error (outer, VD_ERROR, VD_ERROR_NOT_CONNECTED, "%s", message);
      op_data_free (data);
      return;
    }
  if (_vd_storage_volume_get_busy_count (self) > 0)
    {
      g_autofree char *message =
        _vd_volume_op_failure_message (data, _("another operation on this volume is still running"));

      g_task_return_new_error (outer, VD_ERROR, VD_ERROR_BUSY, "%s", message);
      op_data_free (data);
      return;
    }

  virStoragePoolRef (handle);
  data->pool = handle;
  data->pool_name = g_strdup (vd_storage_pool_get_name (pool));
  data->cancellable = cancellable != NULL ? g_object_ref (cancellable) : g_cancellable_new ();
  data->context = g_main_context_ref_thread_default ();

  _vd_storage_volume_begin_busy (self);

  /* The inner task has no cancellable of its own so that its callback
   * always runs: busy is cleared and the pool re-read however it ends. */
  inner = g_task_new (self, NULL, op_done_cb, g_steal_pointer (&outer));
  g_task_set_source_tag (inner, run_op);
  g_task_set_task_data (inner, data, op_data_free);
  g_task_run_in_thread (inner, op_worker);
}

static gboolean
finish_op (VdStorageVolume  *self,
           GAsyncResult     *result,
           gpointer          source_tag,
           GError          **error)
{
  g_return_val_if_fail (VD_IS_STORAGE_VOLUME (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static OpData *
op_data_new (OpKind kind)
{
  OpData *data = g_new0 (OpData, 1);

  data->kind = kind;

  return data;
}

/* ------------------------------------------------------------------ */
/* Checks                                                              */
/* ------------------------------------------------------------------ */

/**
 * vd_storage_volume_check_clone_name:
 * @name: (nullable): the name the copy is to have
 *
 * The rules of the Create Volume dialog: not empty, no “/”, not starting
 * with “.”, and no other volume of the pool called so.
 *
 * Returns: (transfer full) (nullable): why @name cannot be used, %NULL
 *   when it can
 */
char *
vd_storage_volume_check_clone_name (VdStorageVolume *self,
                                    const char      *name)
{
  g_autoptr(VdVolumeSpec) spec = NULL;
  VdStoragePool *pool;

  g_return_val_if_fail (VD_IS_STORAGE_VOLUME (self), NULL);

  pool = vd_storage_volume_get_pool (self);
  if (pool == NULL)
    return g_strdup (_("The volume is no longer listed."));

  spec = vd_volume_spec_new ();
  g_free (spec->name);
  spec->name = g_strdup (name);

  return vd_volume_spec_check (spec, VD_VOLUME_SPEC_FIELD_NAME, pool);
}

/**
 * vd_storage_volume_check_resize:
 * @capacity: the new capacity in bytes
 * @flags: whether the user confirmed shrinking
 *
 * A new capacity must differ from the current one; a smaller one needs
 * %VD_STORAGE_VOLUME_RESIZE_SHRINK (libvirt's rule), and one below what is
 * allocated now says that data would be lost.
 *
 * Returns: (transfer full) (nullable): why @capacity cannot be asked for
 */
char *
vd_storage_volume_check_resize (VdStorageVolume            *self,
                                guint64                     capacity,
                                VdStorageVolumeResizeFlags  flags)
{
  guint64 current;
  guint64 allocation;

  g_return_val_if_fail (VD_IS_STORAGE_VOLUME (self), NULL);

  current = vd_storage_volume_get_capacity (self);
  allocation = vd_storage_volume_get_allocation (self);

  if (capacity == 0)
    return g_strdup (_("A volume needs a capacity larger than zero."));
  if (capacity == current)
    return g_strdup (_("The volume already has this capacity."));
  if (capacity < current && !(flags & VD_STORAGE_VOLUME_RESIZE_SHRINK))
    {
      g_autofree char *size = g_format_size_full (current, G_FORMAT_SIZE_IEC_UNITS);

      /* translators: the current capacity */
      return g_strdup_printf (_("This is smaller than the current capacity (%s): turn on "
                                "“Shrink” to confirm that data at the end may be lost."), size);
    }
  if (capacity < allocation && !(flags & VD_STORAGE_VOLUME_RESIZE_SHRINK))
    {
      g_autofree char *size = g_format_size_full (allocation, G_FORMAT_SIZE_IEC_UNITS);

      /* translators: the bytes allocated now */
      return g_strdup_printf (_("This is smaller than what is allocated now (%s)."), size);
    }
  return NULL;
}

/* ------------------------------------------------------------------ */
/* Operations                                                          */
/* ------------------------------------------------------------------ */

/**
 * vd_storage_volume_clone_async:
 * @name: the copy's name, valid by vd_storage_volume_check_clone_name()
 * @format: (nullable): the copy's format, %NULL for the original's
 *
 * Copies the volume into its own pool (virStorageVolCreateXMLFrom), with
 * the original's capacity. libvirt cannot interrupt the copy: cancelling
 * deletes the copy once it is made and completes with
 * %G_IO_ERROR_CANCELLED.
 */
void
vd_storage_volume_clone_async (VdStorageVolume     *self,
                               const char          *name,
                               const char          *format,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autofree char *problem = NULL;
  OpData *data;

  g_return_if_fail (VD_IS_STORAGE_VOLUME (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = op_data_new (OP_CLONE);
  data->new_name = g_strdup (name);
  data->format = g_strdup (format);
  data->capacity = vd_storage_volume_get_capacity (self);

  problem = vd_storage_volume_check_clone_name (self, name);
  if (problem != NULL)
    {
      g_autofree char *message = NULL;

      data->name = g_strdup (vd_storage_volume_get_name (self));
      message = _vd_volume_op_failure_message (data, problem);
      g_task_report_new_error (self, callback, user_data, vd_storage_volume_clone_async,
                               VD_ERROR, VD_ERROR_INVALID_ARGUMENT, "%s", message);
      op_data_free (data);
      return;
    }

  run_op (self, data, vd_storage_volume_clone_async, cancellable, callback, user_data);
}

gboolean
vd_storage_volume_clone_finish (VdStorageVolume  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  return finish_op (self, result, vd_storage_volume_clone_async, error);
}

/**
 * vd_storage_volume_resize_async:
 * @capacity: the new capacity in bytes
 * @flags: %VD_STORAGE_VOLUME_RESIZE_SHRINK once the user confirmed it
 *
 * Changes the capacity (virStorageVolResize). Shrinking is refused by
 * libvirt for most formats; its message is the error's.
 */
void
vd_storage_volume_resize_async (VdStorageVolume            *self,
                                guint64                     capacity,
                                VdStorageVolumeResizeFlags  flags,
                                GCancellable               *cancellable,
                                GAsyncReadyCallback         callback,
                                gpointer                    user_data)
{
  OpData *data;

  g_return_if_fail (VD_IS_STORAGE_VOLUME (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = op_data_new (OP_RESIZE);
  data->capacity = capacity;
  if (flags & VD_STORAGE_VOLUME_RESIZE_SHRINK)
    data->resize_flags |= VIR_STORAGE_VOL_RESIZE_SHRINK;

  run_op (self, data, vd_storage_volume_resize_async, cancellable, callback, user_data);
}

gboolean
vd_storage_volume_resize_finish (VdStorageVolume  *self,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  return finish_op (self, result, vd_storage_volume_resize_async, error);
}

/**
 * vd_storage_volume_wipe_async:
 * @algorithm: VIR_STORAGE_VOL_WIPE_ALG_ZERO unless the user chose another
 *
 * Overwrites the volume's data (virStorageVolWipePattern). Callers ask
 * the user first. libvirt cannot interrupt it, so the cancellable is not
 * looked at: the callback comes when libvirt is done.
 */
void
vd_storage_volume_wipe_async (VdStorageVolume            *self,
                              virStorageVolWipeAlgorithm  algorithm,
                              GCancellable               *cancellable,
                              GAsyncReadyCallback         callback,
                              gpointer                    user_data)
{
  OpData *data;

  g_return_if_fail (VD_IS_STORAGE_VOLUME (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = op_data_new (OP_WIPE);
  data->algorithm = algorithm;

  run_op (self, data, vd_storage_volume_wipe_async, cancellable, callback, user_data);
}

gboolean
vd_storage_volume_wipe_finish (VdStorageVolume  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  return finish_op (self, result, vd_storage_volume_wipe_async, error);
}

/**
 * vd_storage_volume_upload_async:
 * @local_path: a file on this machine
 * @progress: (nullable) (scope call): called with the bytes sent
 * @progress_data: for @progress; must live until @callback
 *
 * Writes the file into the volume from its start through a libvirt stream
 * (virStorageVolUpload), 1 MiB at a time. A file larger than the volume's
 * capacity is refused before anything is sent. Cancelling aborts the
 * stream (%G_IO_ERROR_CANCELLED); what was sent stays in the volume.
 */
void
vd_storage_volume_upload_async (VdStorageVolume         *self,
                                const char              *local_path,
                                VdStorageVolumeProgress  progress,
                                gpointer                 progress_data,
                                GCancellable            *cancellable,
                                GAsyncReadyCallback      callback,
                                gpointer                 user_data)
{
  OpData *data;

  g_return_if_fail (VD_IS_STORAGE_VOLUME (self));
  g_return_if_fail (local_path != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = op_data_new (OP_UPLOAD);
  data->local_path = g_strdup (local_path);
  data->progress = progress;
  data->progress_data = progress_data;

  run_op (self, data, vd_storage_volume_upload_async, cancellable, callback, user_data);
}

gboolean
vd_storage_volume_upload_finish (VdStorageVolume  *self,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  return finish_op (self, result, vd_storage_volume_upload_async, error);
}

/**
 * vd_storage_volume_download_async:
 * @local_path: the file to write on this machine (replaced when it exists)
 * @progress: (nullable) (scope call): called with the bytes received
 * @progress_data: for @progress; must live until @callback
 *
 * Copies the volume's content into a local file through a libvirt stream
 * (virStorageVolDownload). The data goes to a temporary file beside
 * @local_path, renamed to it when complete: after a cancel
 * (%G_IO_ERROR_CANCELLED, the stream aborted) or a failure no partial
 * file is left and an existing @local_path is untouched.
 */
void
vd_storage_volume_download_async (VdStorageVolume         *self,
                                  const char              *local_path,
                                  VdStorageVolumeProgress  progress,
                                  gpointer                 progress_data,
                                  GCancellable            *cancellable,
                                  GAsyncReadyCallback      callback,
                                  gpointer                 user_data)
{
  OpData *data;

  g_return_if_fail (VD_IS_STORAGE_VOLUME (self));
  g_return_if_fail (local_path != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = op_data_new (OP_DOWNLOAD);
  data->local_path = g_strdup (local_path);
  data->progress = progress;
  data->progress_data = progress_data;

  run_op (self, data, vd_storage_volume_download_async, cancellable, callback, user_data);
}

gboolean
vd_storage_volume_download_finish (VdStorageVolume  *self,
                                   GAsyncResult     *result,
                                   GError          **error)
{
  return finish_op (self, result, vd_storage_volume_download_async, error);
}
