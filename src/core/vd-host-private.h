/* vd-host-private.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vd-connection.h"
#include "vd-network.h"
#include "vd-storage-pool.h"
#include "vd-storage-volume.h"

G_BEGIN_DECLS

/*
 * What workers learn about networks, pools and volumes, applied to the
 * objects on the main thread (the VdDomainInfo pattern). Workers fill
 * these from libvirt handles; they never touch the objects themselves.
 */

typedef struct
{
  virNetworkPtr  handle;          /* owned reference */
  char           uuid[VIR_UUID_STRING_BUFLEN];
  char          *name;
  gboolean       gone;            /* undefined and stopped while we looked */
  gboolean       active;
  gboolean       persistent;
  gboolean       autostart;
  char          *forward_mode;    /* NULL: isolated */
  char          *forward_dev;
  char          *bridge;
  char          *ipv4_address;
  guint          ipv4_prefix;
  char          *ipv6_address;
  guint          ipv6_prefix;
  GStrv          dhcp_ranges;     /* "START END" */
  GStrv          static_hosts;    /* "MAC IP NAME" (NAME may be empty) */
  char          *dns_domain;
} VdNetworkInfo;

typedef struct
{
  char          *name;
  char          *key;
  char          *path;
  char          *format;
  guint64        capacity;        /* bytes */
  guint64        allocation;      /* bytes */
  GStrv          used_by;         /* guest names, sorted */
} VdStorageVolumeInfo;

typedef struct
{
  virStoragePoolPtr  handle;      /* owned reference */
  char               uuid[VIR_UUID_STRING_BUFLEN];
  char              *name;
  gboolean           gone;
  gboolean           active;
  gboolean           persistent;
  gboolean           autostart;
  char              *pool_type;
  int                state;       /* virStoragePoolState */
  guint64            capacity;
  guint64            allocation;
  guint64            available;
  char              *target_path;
  GPtrArray         *volumes;     /* VdStorageVolumeInfo, sorted by name */
} VdStoragePoolInfo;

/* vd-network.c */
VdNetworkInfo *_vd_network_info_new_from_handle (virNetworkPtr        handle);
void           _vd_network_info_free            (VdNetworkInfo       *info);
VdNetwork     *_vd_network_new                  (VdConnection        *connection,
                                                 const VdNetworkInfo *info);
void           _vd_network_apply_info           (VdNetwork           *self,
                                                 const VdNetworkInfo *info);
void           _vd_network_detach               (VdNetwork           *self);
guint          _vd_network_get_action_serial    (VdNetwork           *self);

/* vd-storage-pool.c */
GHashTable        *_vd_disk_users_collect            (virConnectPtr            conn);
GStrv              _vd_disk_users_lookup             (GHashTable              *users,
                                                      const char              *pool,
                                                      const char              *volume,
                                                      const char              *path);
VdStoragePoolInfo *_vd_storage_pool_info_new_from_handle (virStoragePoolPtr    handle,
                                                      GHashTable              *users);
void               _vd_storage_pool_info_free        (VdStoragePoolInfo       *info);
VdStoragePool     *_vd_storage_pool_new              (VdConnection            *connection,
                                                      const VdStoragePoolInfo *info);
void               _vd_storage_pool_apply_info       (VdStoragePool           *self,
                                                      const VdStoragePoolInfo *info);
void               _vd_storage_pool_detach           (VdStoragePool           *self);
virStoragePoolPtr  _vd_storage_pool_get_handle       (VdStoragePool           *self);
guint              _vd_storage_pool_get_action_serial (VdStoragePool          *self);
void               _vd_storage_pool_run_create_volume (VdStoragePool          *self,
                                                       const char             *volume_name,
                                                       const char             *xml,
                                                       guint                   flags,
                                                       gpointer                source_tag,
                                                       GCancellable           *cancellable,
                                                       GAsyncReadyCallback     callback,
                                                       gpointer                user_data);

/* vd-storage-volume.c */
void               _vd_storage_volume_info_free      (VdStorageVolumeInfo     *info);
VdStorageVolume   *_vd_storage_volume_new            (VdStoragePool           *pool,
                                                      const VdStorageVolumeInfo *info);
void               _vd_storage_volume_apply_info     (VdStorageVolume         *self,
                                                      const VdStorageVolumeInfo *info);
void               _vd_storage_volume_detach         (VdStorageVolume         *self);
guint              _vd_storage_volume_get_busy_count (VdStorageVolume         *self);
void               _vd_storage_volume_begin_busy     (VdStorageVolume         *self);
void               _vd_storage_volume_end_busy       (VdStorageVolume         *self,
                                                      const char              *error_message);

/* vd-connection-host.c */
void               _vd_connection_apply_network_info (VdConnection            *self,
                                                      const VdNetworkInfo     *info);
void               _vd_connection_apply_pool_info    (VdConnection            *self,
                                                      const VdStoragePoolInfo *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VdNetworkInfo, _vd_network_info_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VdStoragePoolInfo, _vd_storage_pool_info_free)

/* Shared by the three objects: a string property changed? */
static inline gboolean
_vd_host_set_string (char       **field,
                     const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static inline gboolean
_vd_host_set_strv (GStrv              *field,
                   const char * const *value)
{
  if ((*field == NULL && value == NULL) ||
      (*field != NULL && value != NULL &&
       g_strv_equal ((const char * const *)*field, value)))
    return FALSE;
  g_strfreev (*field);
  *field = g_strdupv ((char **)value);
  return TRUE;
}

G_END_DECLS
