/* vd-pool-spec.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vd-connection.h"

G_BEGIN_DECLS

/**
 * VdPoolType:
 *
 * The storage pool types the Create Pool wizard offers, in its order.
 */
typedef enum
{
  VD_POOL_TYPE_DIR,
  VD_POOL_TYPE_FS,
  VD_POOL_TYPE_NETFS,
  VD_POOL_TYPE_DISK,
  VD_POOL_TYPE_LOGICAL,
  VD_POOL_TYPE_ISCSI,
  VD_POOL_TYPE_ISCSI_DIRECT,
  VD_POOL_TYPE_SCSI,
  VD_POOL_TYPE_MPATH,
  VD_POOL_TYPE_RBD,
  VD_POOL_TYPE_GLUSTER,
  VD_POOL_TYPE_ZFS,
  VD_POOL_N_TYPES
} VdPoolType;

/**
 * VdPoolSpecField:
 *
 * The fields vd_pool_spec_check() judges one at a time, so a form can show
 * each reason next to its field. Which ones a type uses:
 * vd_pool_type_uses_field().
 */
typedef enum
{
  VD_POOL_SPEC_FIELD_NAME,
  VD_POOL_SPEC_FIELD_HOST,
  VD_POOL_SPEC_FIELD_PORT,
  VD_POOL_SPEC_FIELD_SOURCE_DIR,
  VD_POOL_SPEC_FIELD_SOURCE_NAME,
  VD_POOL_SPEC_FIELD_DEVICES,
  VD_POOL_SPEC_FIELD_FORMAT,
  VD_POOL_SPEC_FIELD_IQN,
  VD_POOL_SPEC_FIELD_INITIATOR,
  VD_POOL_SPEC_FIELD_AUTH,
  VD_POOL_SPEC_FIELD_ADAPTER,
  VD_POOL_SPEC_FIELD_PARENT,
  VD_POOL_SPEC_FIELD_WWNN,
  VD_POOL_SPEC_FIELD_WWPN,
  VD_POOL_SPEC_FIELD_TARGET,
  VD_POOL_SPEC_FIELD_BUILD,
  VD_POOL_SPEC_N_FIELDS
} VdPoolSpecField;

/**
 * VdPoolSpec:
 * @host: the server (netfs, iscsi, iscsi-direct, gluster), or for rbd the
 *   Ceph monitors, "HOST[:PORT]" separated by commas or spaces
 * @port: the iSCSI portal's port, 0 for the default (3260)
 * @source_dir: the NFS export (or CIFS share, GlusterFS volume) for netfs;
 *   a directory inside the volume for gluster (empty: its root)
 * @source_name: the volume group (logical; empty: the pool's name), the
 *   Ceph pool (rbd), the Gluster volume (gluster), the ZFS pool (zfs)
 * @devices: block devices, separated by commas or spaces: the one device of
 *   fs and disk, the physical volumes of a new volume group (logical) or
 *   the vdevs of a new ZFS pool
 * @format: the type's format name ("ext4", "nfs", "gpt", ...), empty for
 *   libvirt's default
 * @iqn: the iSCSI target's IQN
 * @initiator_iqn: the host's own IQN (required for iscsi-direct)
 * @auth_username, @auth_secret: CHAP (iscsi) or cephx (rbd) login; the
 *   secret is the usage name or UUID of a libvirt secret that holds the
 *   password, which never appears here
 * @vhba: scsi: a vHBA (NPIV) on a Fibre Channel HBA instead of @adapter
 * @adapter: scsi: the SCSI host ("host0")
 * @parent: scsi vHBA: the parent HBA ("scsi_host5"), empty for any
 * @wwnn, @wwpn: scsi vHBA: 16 hex digits each
 * @target_path: where the volumes appear on the host; empty for the
 *   type's default (vd_pool_spec_get_default_target()) where it has one
 * @build: build the pool after defining it (create the directory, write a
 *   partition table, create the volume group or ZFS pool)
 * @overwrite: fs, disk, logical: the build may destroy data already on
 *   the device (mkfs for fs)
 *
 * What the Create Pool wizard collects: a plain struct, no libvirt.
 * Strings may be %NULL or empty for "unset"; fields the type does not use
 * are ignored.
 */
typedef struct
{
  char       *name;
  VdPoolType  type;
  char       *host;
  guint       port;
  char       *source_dir;
  char       *source_name;
  char       *devices;
  char       *format;
  char       *iqn;
  char       *initiator_iqn;
  char       *auth_username;
  char       *auth_secret;
  gboolean    vhba;
  char       *adapter;
  char       *parent;
  char       *wwnn;
  char       *wwpn;
  char       *target_path;
  gboolean    build;
  gboolean    overwrite;
} VdPoolSpec;

/**
 * VdPoolSource:
 *
 * One candidate source found by vd_connection_find_pool_sources_async().
 * Any field may be %NULL.
 */
typedef struct
{
  char *host;
  char *dir;
  char *name;
  char *devices;                /* comma-separated */
  char *format;
} VdPoolSource;

#define VD_TYPE_POOL_SPEC (vd_pool_spec_get_type ())

GType        vd_pool_spec_get_type           (void) G_GNUC_CONST;
VdPoolSpec  *vd_pool_spec_new                (void);
VdPoolSpec  *vd_pool_spec_copy               (const VdPoolSpec *spec);
void         vd_pool_spec_free               (VdPoolSpec       *spec);

const char  *vd_pool_type_to_string          (VdPoolType        type);
const char  *vd_pool_type_get_label          (VdPoolType        type);
const char  *vd_pool_type_get_description    (VdPoolType        type);
gboolean     vd_pool_type_uses_field         (VdPoolType        type,
                                              VdPoolSpecField   field);
const char * const *vd_pool_type_get_formats (VdPoolType        type);
gboolean     vd_pool_type_can_build          (VdPoolType        type);
gboolean     vd_pool_type_can_overwrite      (VdPoolType        type);
gboolean     vd_pool_type_can_find_sources   (VdPoolType        type);

char        *vd_pool_spec_get_default_target (const VdPoolSpec *spec);
GStrv        vd_pool_spec_get_devices        (const VdPoolSpec *spec);
char        *vd_pool_spec_get_erase_warning  (const VdPoolSpec *spec);
char        *vd_pool_spec_check              (const VdPoolSpec *spec,
                                              VdPoolSpecField   field,
                                              GListModel       *pools);
gboolean     vd_pool_spec_validate           (const VdPoolSpec *spec,
                                              GListModel       *pools,
                                              GError          **error);
char        *vd_pool_spec_to_xml             (const VdPoolSpec *spec);
char        *vd_pool_spec_to_source_xml      (const VdPoolSpec *spec);

void         vd_pool_source_free             (VdPoolSource     *source);

void         vd_connection_create_pool_async        (VdConnection        *self,
                                                     const VdPoolSpec    *spec,
                                                     gboolean             start,
                                                     gboolean             autostart,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean     vd_connection_create_pool_finish       (VdConnection        *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);
void         vd_connection_find_pool_sources_async  (VdConnection        *self,
                                                     const VdPoolSpec    *spec,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
GPtrArray   *vd_connection_find_pool_sources_finish (VdConnection        *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VdPoolSpec, vd_pool_spec_free)

G_END_DECLS
