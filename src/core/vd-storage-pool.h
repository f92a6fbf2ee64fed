/* vd-storage-pool.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libvirt/libvirt.h>

G_BEGIN_DECLS

typedef struct _VdConnection VdConnection;
typedef struct _VdStorageVolume VdStorageVolume;

/**
 * VdStoragePoolState:
 *
 * The pool's state as libvirt reports it (virStoragePoolState).
 */
typedef enum
{
  VD_STORAGE_POOL_STATE_INACTIVE,
  VD_STORAGE_POOL_STATE_BUILDING,
  VD_STORAGE_POOL_STATE_RUNNING,
  VD_STORAGE_POOL_STATE_DEGRADED,
  VD_STORAGE_POOL_STATE_INACCESSIBLE,
} VdStoragePoolState;

/**
 * VdStoragePoolDeleteFlags:
 * @VD_STORAGE_POOL_DELETE_NONE: undefine only; the storage stays
 * @VD_STORAGE_POOL_DELETE_UNDERLYING: also remove what the pool is made of
 *   (virStoragePoolDelete): the target directory of a dir, fs or netfs
 *   pool (libvirt removes it only when empty), the volume group of a
 *   logical pool or the ZFS pool, with every volume in them
 */
typedef enum
{
  VD_STORAGE_POOL_DELETE_NONE = 0,
  VD_STORAGE_POOL_DELETE_UNDERLYING = 1 << 0,
} VdStoragePoolDeleteFlags;

#define VD_TYPE_STORAGE_POOL (vd_storage_pool_get_type ())

G_DECLARE_FINAL_TYPE (VdStoragePool, vd_storage_pool, VD, STORAGE_POOL, GObject)

VdConnection       *vd_storage_pool_get_connection   (VdStoragePool        *self);
const char         *vd_storage_pool_get_name         (VdStoragePool        *self);
const char         *vd_storage_pool_get_uuid         (VdStoragePool        *self);
gboolean            vd_storage_pool_get_active       (VdStoragePool        *self);
gboolean            vd_storage_pool_get_autostart    (VdStoragePool        *self);
gboolean            vd_storage_pool_get_persistent   (VdStoragePool        *self);
gboolean            vd_storage_pool_get_busy         (VdStoragePool        *self);
const char         *vd_storage_pool_get_last_error   (VdStoragePool        *self);
const char         *vd_storage_pool_get_pool_type    (VdStoragePool        *self);
VdStoragePoolState  vd_storage_pool_get_state        (VdStoragePool        *self);
guint64             vd_storage_pool_get_capacity     (VdStoragePool        *self);
guint64             vd_storage_pool_get_allocation   (VdStoragePool        *self);
guint64             vd_storage_pool_get_available    (VdStoragePool        *self);
const char         *vd_storage_pool_get_target_path  (VdStoragePool        *self);
gboolean            vd_storage_pool_get_can_delete_underlying (VdStoragePool *self);
GListModel         *vd_storage_pool_get_volumes      (VdStoragePool        *self);
VdStorageVolume    *vd_storage_pool_find_volume      (VdStoragePool        *self,
                                                      const char           *name);

void                vd_storage_pool_start_async      (VdStoragePool        *self,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean            vd_storage_pool_start_finish     (VdStoragePool        *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);
void                vd_storage_pool_stop_async       (VdStoragePool        *self,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean            vd_storage_pool_stop_finish      (VdStoragePool        *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);
void                vd_storage_pool_refresh_async    (VdStoragePool        *self,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean            vd_storage_pool_refresh_finish   (VdStoragePool        *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);
void                vd_storage_pool_delete_async     (VdStoragePool        *self,
                                                      VdStoragePoolDeleteFlags flags,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean            vd_storage_pool_delete_finish    (VdStoragePool        *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);
void                vd_storage_pool_set_autostart_async  (VdStoragePool    *self,
                                                          gboolean          autostart,
                                                          GCancellable     *cancellable,
                                                          GAsyncReadyCallback callback,
                                                          gpointer          user_data);
gboolean            vd_storage_pool_set_autostart_finish (VdStoragePool    *self,
                                                          GAsyncResult     *result,
                                                          GError          **error);

/* vd-host-xml.c */
void                vd_storage_pool_get_config_xml_async  (VdStoragePool       *self,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
char               *vd_storage_pool_get_config_xml_finish (VdStoragePool       *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);
void                vd_storage_pool_define_xml_async      (VdStoragePool       *self,
                                                           const char          *xml,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
gboolean            vd_storage_pool_define_xml_finish     (VdStoragePool       *self,
                                                           GAsyncResult        *result,
                                                           GError             **error);

G_END_DECLS
