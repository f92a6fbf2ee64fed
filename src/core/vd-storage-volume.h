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

G_END_DECLS
