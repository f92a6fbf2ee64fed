/* vd-pool-type.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-pool-spec"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-pool-spec.h"

/*
 * The storage pool types of the Create Pool wizard: libvirt's name, what
 * the wizard calls it, the fields it uses, its formats, and whether it can
 * be built or searched for.
 */

#define F(field) (1u << VD_POOL_SPEC_FIELD_##field)

static const char * const fs_formats[] = {
  "auto", "ext2", "ext3", "ext4", "xfs", "vfat", "ufs", "iso9660", "udf", "gfs", "gfs2",
  "hfs+", "ocfs2", "vmfs", NULL
};
static const char * const netfs_formats[] = { "auto", "nfs", "glusterfs", "cifs", NULL };
static const char * const disk_formats[] = {
  "gpt", "dos", "dvh", "mac", "bsd", "pc98", "sun", "lvm2", NULL
};
static const char * const no_formats[] = { NULL };

static const struct
{
  const char         *name;
  const char         *label;
  const char         *description;
  guint               fields;
  const char * const *formats;
  gboolean            can_build;
  gboolean            can_overwrite;
  gboolean            can_find;
} types[VD_POOL_N_TYPES] = {
  [VD_POOL_TYPE_DIR] = {
    "dir", N_("Filesystem directory"),
    N_("A directory on the host holds the volumes as files."),
    F (TARGET) | F (BUILD), no_formats, TRUE, FALSE, FALSE },
  [VD_POOL_TYPE_FS] = {
    "fs", N_("Pre-formatted block device"),
    N_("A partition or disk with a file system, mounted by libvirt; volumes are files on it."),
    F (DEVICES) | F (FORMAT) | F (TARGET) | F (BUILD), fs_formats, TRUE, TRUE, FALSE },
  [VD_POOL_TYPE_NETFS] = {
    "netfs", N_("Network exported directory"),
    N_("An NFS, GlusterFS or CIFS share mounted by libvirt; volumes are files on it."),
    F (HOST) | F (SOURCE_DIR) | F (FORMAT) | F (TARGET) | F (BUILD), netfs_formats,
    TRUE, FALSE, TRUE },
  [VD_POOL_TYPE_DISK] = {
    "disk", N_("Physical disk device"),
    N_("A whole disk; each volume is a partition on it."),
    F (DEVICES) | F (FORMAT) | F (TARGET) | F (BUILD), disk_formats, TRUE, TRUE, FALSE },
  [VD_POOL_TYPE_LOGICAL] = {
    "logical", N_("LVM volume group"),
    N_("An LVM volume group, existing or built on devices; each volume is a logical volume."),
    F (SOURCE_NAME) | F (DEVICES) | F (TARGET) | F (BUILD), no_formats, TRUE, TRUE, TRUE },
  [VD_POOL_TYPE_ISCSI] = {
    "iscsi", N_("iSCSI target"),
    N_("The LUNs of an iSCSI target, logged in to by the host; each LUN is a volume."),
    F (HOST) | F (PORT) | F (IQN) | F (INITIATOR) | F (AUTH) | F (TARGET), no_formats,
    FALSE, FALSE, TRUE },
  [VD_POOL_TYPE_ISCSI_DIRECT] = {
    "iscsi-direct", N_("iSCSI direct target"),
    N_("The LUNs of an iSCSI target, reached by QEMU itself without the host’s initiator."),
    F (HOST) | F (PORT) | F (IQN) | F (INITIATOR), no_formats, FALSE, FALSE, FALSE },
  [VD_POOL_TYPE_SCSI] = {
    "scsi", N_("SCSI host adapter"),
    N_("The LUNs behind a SCSI or Fibre Channel host adapter, or a new vHBA (NPIV)."),
    F (ADAPTER) | F (PARENT) | F (WWNN) | F (WWPN) | F (TARGET), no_formats,
    FALSE, FALSE, FALSE },
  [VD_POOL_TYPE_MPATH] = {
    "mpath", N_("Multipath devices"),
    N_("The host’s multipath devices under /dev/mapper; each one is a volume."),
    F (TARGET), no_formats, FALSE, FALSE, FALSE },
  [VD_POOL_TYPE_RBD] = {
    "rbd", N_("Ceph RADOS block devices"),
    N_("A Ceph pool; each RBD image is a volume, used by QEMU over the network."),
    F (HOST) | F (SOURCE_NAME) | F (AUTH), no_formats, FALSE, FALSE, FALSE },
  [VD_POOL_TYPE_GLUSTER] = {
    "gluster", N_("Gluster volume"),
    N_("A directory of a Gluster volume, used by QEMU over the network; files are volumes."),
    F (HOST) | F (SOURCE_NAME) | F (SOURCE_DIR), no_formats, FALSE, FALSE, TRUE },
  [VD_POOL_TYPE_ZFS] = {
    "zfs", N_("ZFS pool"),
    N_("A ZFS pool, existing or built on devices; each volume is a ZFS volume (zvol)."),
    F (SOURCE_NAME) | F (DEVICES) | F (BUILD), no_formats, TRUE, FALSE, FALSE },
};

#undef F

/* ------------------------------------------------------------------ */
/* Types                                                               */
/* ------------------------------------------------------------------ */

/* libvirt's name of the type, as in <pool type='…'>. */
const char *
vd_pool_type_to_string (VdPoolType type)
{
  g_return_val_if_fail (type < VD_POOL_N_TYPES, NULL);

  return types[type].name;
}

/* Returns: the translated name shown in the type list. */
const char *
vd_pool_type_get_label (VdPoolType type)
{
  g_return_val_if_fail (type < VD_POOL_N_TYPES, NULL);

  return _(types[type].label);
}

/* Returns: one translated line saying what the type is. */
const char *
vd_pool_type_get_description (VdPoolType type)
{
  g_return_val_if_fail (type < VD_POOL_N_TYPES, NULL);

  return _(types[type].description);
}

gboolean
vd_pool_type_uses_field (VdPoolType      type,
                         VdPoolSpecField field)
{
  g_return_val_if_fail (type < VD_POOL_N_TYPES, FALSE);

  return field == VD_POOL_SPEC_FIELD_NAME || (types[type].fields & (1u << field)) != 0;
}

/**
 * vd_pool_type_get_formats:
 *
 * Returns: (transfer none): the formats libvirt knows for the type (the
 *   first is the wizard's default), empty for types without a format
 */
const char * const *
vd_pool_type_get_formats (VdPoolType type)
{
  g_return_val_if_fail (type < VD_POOL_N_TYPES, no_formats);

  return types[type].formats;
}

gboolean
vd_pool_type_can_build (VdPoolType type)
{
  g_return_val_if_fail (type < VD_POOL_N_TYPES, FALSE);

  return types[type].can_build;
}

gboolean
vd_pool_type_can_overwrite (VdPoolType type)
{
  g_return_val_if_fail (type < VD_POOL_N_TYPES, FALSE);

  return types[type].can_overwrite;
}

/* Whether libvirt can list candidate sources of the type
 * (virConnectFindStoragePoolSources): NFS exports of a server, iSCSI
 * targets of a portal, the host's volume groups. */
gboolean
vd_pool_type_can_find_sources (VdPoolType type)
{
  g_return_val_if_fail (type < VD_POOL_N_TYPES, FALSE);

  return types[type].can_find;
}
