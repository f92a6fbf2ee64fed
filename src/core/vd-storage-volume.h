/* vd-storage-volume.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vd-storage-pool.h"

G_BEGIN_DECLS

#define VD_TYPE_STORAGE_VOLUME (vd_storage_volume_get_type ())

G_DECLARE_FINAL_TYPE (VdStorageVolume, vd_storage_volume, VD, STORAGE_VOLUME, GObject)

VdStoragePool      *vd_storage_volume_get_pool       (VdStorageVolume      *self);
const char         *vd_storage_volume_get_name       (VdStorageVolume      *self);
const char         *vd_storage_volume_get_key        (VdStorageVolume      *self);
const char         *vd_storage_volume_get_path       (VdStorageVolume      *self);
const char         *vd_storage_volume_get_format     (VdStorageVolume      *self);
guint64             vd_storage_volume_get_capacity   (VdStorageVolume      *self);
guint64             vd_storage_volume_get_allocation (VdStorageVolume      *self);
const char * const *vd_storage_volume_get_used_by    (VdStorageVolume      *self);
gboolean            vd_storage_volume_get_busy       (VdStorageVolume      *self);
const char         *vd_storage_volume_get_last_error (VdStorageVolume      *self);

void                vd_storage_volume_delete_async   (VdStorageVolume      *self,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean            vd_storage_volume_delete_finish  (VdStorageVolume      *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

/**
 * VdStorageVolumeProgress:
 * @done: bytes moved so far
 * @total: bytes to move (0 when unknown)
 * @user_data: what the caller passed with the function
 *
 * Called on the caller's main context, at most about ten times a second,
 * while an upload or download runs; never after its callback.
 */
typedef void (*VdStorageVolumeProgress) (guint64   done,
                                         guint64   total,
                                         gpointer  user_data);

/**
 * VdStorageVolumeResizeFlags:
 * @VD_STORAGE_VOLUME_RESIZE_NONE: the capacity may only grow
 * @VD_STORAGE_VOLUME_RESIZE_SHRINK: the user confirmed that a smaller
 *   capacity may cut data off the end (VIR_STORAGE_VOL_RESIZE_SHRINK;
 *   libvirt refuses it for most formats)
 */
typedef enum
{
  VD_STORAGE_VOLUME_RESIZE_NONE   = 0,
  VD_STORAGE_VOLUME_RESIZE_SHRINK = 1 << 0,
} VdStorageVolumeResizeFlags;

char               *vd_storage_volume_check_clone_name (VdStorageVolume   *self,
                                                        const char        *name);
char               *vd_storage_volume_check_resize     (VdStorageVolume   *self,
                                                        guint64            capacity,
                                                        VdStorageVolumeResizeFlags flags);

void                vd_storage_volume_clone_async    (VdStorageVolume      *self,
                                                      const char           *name,
                                                      const char           *format,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean            vd_storage_volume_clone_finish   (VdStorageVolume      *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);
void                vd_storage_volume_resize_async   (VdStorageVolume      *self,
                                                      guint64               capacity,
                                                      VdStorageVolumeResizeFlags flags,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean            vd_storage_volume_resize_finish  (VdStorageVolume      *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);
void                vd_storage_volume_wipe_async     (VdStorageVolume      *self,
                                                      virStorageVolWipeAlgorithm algorithm,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean            vd_storage_volume_wipe_finish    (VdStorageVolume      *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);
void                vd_storage_volume_upload_async   (VdStorageVolume      *self,
                                                      const char           *local_path,
                                                      VdStorageVolumeProgress progress,
                                                      gpointer              progress_data,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean            vd_storage_volume_upload_finish  (VdStorageVolume      *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);
void                vd_storage_volume_download_async (VdStorageVolume      *self,
                                                      const char           *local_path,
                                                      VdStorageVolumeProgress progress,
                                                      gpointer              progress_data,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean            vd_storage_volume_download_finish (VdStorageVolume     *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

G_END_DECLS
