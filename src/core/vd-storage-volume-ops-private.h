/* vd-storage-volume-ops-private.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vd-host-private.h"

G_BEGIN_DECLS

/* Shared by vd-storage-volume-ops.c (the operations, their task and
 * progress) and vd-storage-volume-stream.c (upload and download). */

#define CHUNK_SIZE (1024 * 1024)
/* Progress reports at most every 100 ms (10 Hz). */
#define PROGRESS_INTERVAL_USEC (G_USEC_PER_SEC / 10)

typedef enum
{
  OP_CLONE,
  OP_RESIZE,
  OP_WIPE,
  OP_UPLOAD,
  OP_DOWNLOAD,
} OpKind;

typedef struct
{
  OpKind                   kind;
  virStoragePoolPtr        pool;
  char                    *name;
  char                    *pool_name;
  GCancellable            *cancellable;

  char                    *new_name;       /* clone */
  char                    *format;         /* clone, NULL: the original's */
  guint64                  capacity;       /* clone: the original's; resize: the new one */
  guint                    resize_flags;
  int                      algorithm;      /* wipe */
  char                    *local_path;     /* upload, download */

  /* Progress (upload, download): the worker reports through the caller's
   * main context; ProgressReport keeps the task alive meanwhile. */
  VdStorageVolumeProgress  progress;
  gpointer                 progress_data;
  GMainContext            *context;
  gint64                   last_report;

  VdStoragePoolInfo       *after;
  gboolean                 cancelled;
} OpData;

char     *_vd_volume_op_failure_message   (gpointer     user_data,
                                          const char  *detail);
void      _vd_volume_op_set_failure_errno (GError     **error,
                                          OpData      *data,
                                          int          saved_errno);
gboolean  _vd_volume_op_set_cancelled     (GError     **error,
                                          OpData      *data);
void      _vd_volume_op_report_progress   (GTask       *task,
                                          guint64      done,
                                          guint64      total,
                                          gboolean     force);
gboolean  _vd_volume_op_upload            (GTask       *task,
                                          OpData      *data,
                                          virStorageVolPtr vol,
                                          GError     **error);
gboolean  _vd_volume_op_download          (GTask       *task,
                                          OpData      *data,
                                          virStorageVolPtr vol,
                                          GError     **error);

G_END_DECLS
