/* vd-domain-storage.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vd-domain.h"

G_BEGIN_DECLS

/**
 * VdDomainDisk:
 * @target: the disk's target device ("vda", "sdb")
 * @device: "disk", "cdrom", "floppy" or "lun"
 * @path: where the disk's data is (a pool volume's path for a volume disk)
 * @pool: (nullable): the storage pool @path is a volume of
 * @volume: (nullable): the volume's name in @pool
 * @capacity: size in bytes, 0 when not known
 * @is_block: the source is a block device
 * @read_only: the disk is read-only
 * @shareable: the disk is marked shareable
 * @other_users: (array zero-terminated=1): the other guests on the same
 *   connection whose disks use this storage, sorted
 * @deletable: it can be deleted: a pool's volume, or a plain file on a
 *   local connection
 *
 * One disk of a guest as the Delete dialog lists it.
 */
typedef struct
{
  char     *target;
  char     *device;
  char     *path;
  char     *pool;
  char     *volume;
  guint64   capacity;
  gboolean  is_block;
  gboolean  read_only;
  gboolean  shareable;
  GStrv     other_users;
  gboolean  deletable;
} VdDomainDisk;

/**
 * VdDomainStorage:
 * @disks: (element-type VdDomainDisk): the guest's disks that have a
 *   source, in the order of its definition
 * @has_managed_save: the guest has a managed save image
 * @n_snapshots: how many snapshots libvirt keeps for the guest
 * @nvram: (nullable): the guest's UEFI variable store
 *
 * What deleting a guest can remove besides its definition.
 */
typedef struct
{
  GPtrArray *disks;
  gboolean   has_managed_save;
  guint      n_snapshots;
  char      *nvram;
} VdDomainStorage;

void              vd_domain_storage_free              (VdDomainStorage     *storage);
gboolean          vd_domain_disk_get_delete_by_default (const VdDomainDisk *disk);

void              vd_domain_get_storage_async         (VdDomain            *self,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
VdDomainStorage  *vd_domain_get_storage_finish        (VdDomain            *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);

gboolean          _vd_domain_storage_uri_is_local     (const char          *uri);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VdDomainStorage, vd_domain_storage_free)

G_END_DECLS
