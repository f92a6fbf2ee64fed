/* vd-storage-volume-stream.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-storage"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "vd-error.h"
#include "vd-libvirt-task.h"
#include "vd-storage-volume-ops-private.h"

/*
 * Upload and download through a blocking libvirt stream, in the worker of
 * vd-storage-volume-ops.c: CHUNK_SIZE bytes at a time, the cancellable
 * checked between chunks (virStreamAbort on cancel or failure), progress
 * reported at most ten times a second.
 */

gboolean
_vd_volume_op_upload (GTask             *task,
                      OpData            *data,
                      virStorageVolPtr   vol,
                      GError           **error)
{
  g_autofree char *buffer = NULL;
  virStorageVolInfo info;
  virStreamPtr stream = NULL;
  struct stat st;
  guint64 done = 0;
  gboolean ok = FALSE;
  int fd;

  fd = g_open (data->local_path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0 || fstat (fd, &st) < 0)
    {
      _vd_volume_op_set_failure_errno (error, data, errno);
      if (fd >= 0)
        close (fd);
      return FALSE;
    }

  if (virStorageVolGetInfo (vol, &info) < 0)
    {
      vd_libvirt_task_set_failure (error, _vd_volume_op_failure_message, data);
      goto out;
    }
  if ((guint64)st.st_size > info.capacity)
    {
      /* With the exact byte counts: a file one byte too large rounds to
       * the same size as the volume. */
      GFormatSizeFlags size_flags = G_FORMAT_SIZE_IEC_UNITS | G_FORMAT_SIZE_LONG_FORMAT;
      g_autofree char *file_size = g_format_size_full (st.st_size, size_flags);
      g_autofree char *capacity = g_format_size_full (info.capacity, size_flags);
      /* translators: the file's size, then the volume's capacity */
      g_autofree char *detail = g_strdup_printf (_("the file holds %s, more than the volume’s capacity of %s"),
                                                 file_size, capacity);
      g_autofree char *message = _vd_volume_op_failure_message (data, detail);

      g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT, message);
      goto out;
    }

  stream = virStreamNew (virStoragePoolGetConnect (data->pool), 0);
  if (stream == NULL || virStorageVolUpload (vol, stream, 0, st.st_size, 0) < 0)
    {
      vd_libvirt_task_set_failure (error, _vd_volume_op_failure_message, data);
      goto out;
    }

  buffer = g_malloc (CHUNK_SIZE);
  _vd_volume_op_report_progress (task, 0, st.st_size, TRUE);
  while (done < (guint64)st.st_size)
    {
      ssize_t n = read (fd, buffer, CHUNK_SIZE);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          _vd_volume_op_set_failure_errno (error, data, errno);
          virStreamAbort (stream);
          goto out;
        }
      if (n == 0)
        break;

      for (ssize_t sent = 0; sent < n;)
        {
          int r;

          if (g_cancellable_is_cancelled (data->cancellable))
            {
              virStreamAbort (stream);
              _vd_volume_op_set_cancelled (error, data);
              goto out;
            }
          r = virStreamSend (stream, buffer + sent, n - sent);
          if (r < 0)
            {
              vd_libvirt_task_set_failure (error, _vd_volume_op_failure_message, data);
              virStreamAbort (stream);
              goto out;
            }
          sent += r;
        }
      done += n;
      _vd_volume_op_report_progress (task, done, st.st_size, FALSE);
    }

  if (virStreamFinish (stream) < 0)
    {
      vd_libvirt_task_set_failure (error, _vd_volume_op_failure_message, data);
      goto out;
    }
  _vd_volume_op_report_progress (task, done, st.st_size, TRUE);
  ok = TRUE;

out:
  if (stream != NULL)
    virStreamFree (stream);
  close (fd);
  return ok;
}

static gboolean
write_all (int         fd,
           const char *buffer,
           gsize       length)
{
  while (length > 0)
    {
      ssize_t n = write (fd, buffer, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return FALSE;
      buffer += n;
      length -= n;
    }
  return TRUE;
}

/* Downloads to a temporary file beside the target, renamed over it only
 * once the stream is complete: a cancelled or failed download leaves no
 * partial file, and a file the user chose to replace survives a failure. */
gboolean
_vd_volume_op_download (GTask             *task,
                        OpData            *data,
                        virStorageVolPtr   vol,
                        GError           **error)
{
  g_autofree char *buffer = NULL;
  g_autofree char *temp_path = g_strconcat (data->local_path, ".XXXXXX", NULL);
  virStorageVolInfo info;
  virStreamPtr stream = NULL;
  guint64 done = 0;
  gboolean ok = FALSE;
  int fd;

  /* The bytes the stream carries: the file's size for file volumes
   * (VIR_STORAGE_VOL_GET_PHYSICAL), used for progress only. */
  if (virStorageVolGetInfoFlags (vol, &info, VIR_STORAGE_VOL_GET_PHYSICAL) < 0 &&
      virStorageVolGetInfo (vol, &info) < 0)
    {
      vd_libvirt_task_set_failure (error, _vd_volume_op_failure_message, data);
      return FALSE;
    }
  virResetLastError ();

  fd = g_mkstemp_full (temp_path, O_WRONLY | O_CLOEXEC, 0644);
  if (fd < 0)
    {
      _vd_volume_op_set_failure_errno (error, data, errno);
      return FALSE;
    }

  stream = virStreamNew (virStoragePoolGetConnect (data->pool), 0);
  if (stream == NULL || virStorageVolDownload (vol, stream, 0, 0, 0) < 0)
    {
      vd_libvirt_task_set_failure (error, _vd_volume_op_failure_message, data);
      goto out;
    }

  buffer = g_malloc (CHUNK_SIZE);
  _vd_volume_op_report_progress (task, 0, info.allocation, TRUE);
  for (;;)
    {
      int n;

      if (g_cancellable_is_cancelled (data->cancellable))
        {
          virStreamAbort (stream);
          _vd_volume_op_set_cancelled (error, data);
          goto out;
        }
      n = virStreamRecv (stream, buffer, CHUNK_SIZE);
      if (n < 0)
        {
          vd_libvirt_task_set_failure (error, _vd_volume_op_failure_message, data);
          virStreamAbort (stream);
          goto out;
        }
      if (n == 0)
        break;
      if (!write_all (fd, buffer, n))
        {
          _vd_volume_op_set_failure_errno (error, data, errno);
          virStreamAbort (stream);
          goto out;
        }
      done += n;
      _vd_volume_op_report_progress (task, done, MAX (done, info.allocation), FALSE);
    }

  if (virStreamFinish (stream) < 0)
    {
      vd_libvirt_task_set_failure (error, _vd_volume_op_failure_message, data);
      goto out;
    }
  if (fsync (fd) < 0 || close (fd) < 0)
    {
      fd = -1;
      _vd_volume_op_set_failure_errno (error, data, errno);
      goto out;
    }
  fd = -1;
  if (g_rename (temp_path, data->local_path) < 0)
    {
      _vd_volume_op_set_failure_errno (error, data, errno);
      goto out;
    }
  _vd_volume_op_report_progress (task, done, done, TRUE);
  ok = TRUE;

out:
  if (stream != NULL)
    virStreamFree (stream);
  if (fd >= 0)
    close (fd);
  if (!ok)
    g_unlink (temp_path);
  return ok;
}
