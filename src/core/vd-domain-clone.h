/* vd-domain-clone.h
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
 * VdCloneDiskAction:
 * @VD_CLONE_DISK_CLONE: copy the volume into a new one next to it, used by
 *   the new guest only
 * @VD_CLONE_DISK_SHARE: the new guest uses the same source as the original
 * @VD_CLONE_DISK_SKIP: the new guest has no such disk
 */
typedef enum
{
  VD_CLONE_DISK_CLONE,
  VD_CLONE_DISK_SHARE,
  VD_CLONE_DISK_SKIP,
} VdCloneDiskAction;

/**
 * VdCloneDisk:
 * @target: the guest's device name ("vda"), nullable
 * @device: "disk", "cdrom", "floppy" or "lun"
 * @source: what the disk reads, as shown to the user (a path, or
 *   "POOL/VOLUME"); %NULL for an empty drive
 * @pool: the storage pool holding the source volume, %NULL when the
 *   source is no pool's volume
 * @volume: the source volume's name in @pool
 * @format: the volume's format ("qcow2"), nullable
 * @capacity: the volume's capacity in bytes
 * @allocation: what the volume takes in its pool, in bytes
 * @read_only: the disk is <readonly/>
 * @shareable: the disk is <shareable/>
 * @no_clone_reason: (nullable): translated: why this disk cannot be
 *   cloned; %NULL when it can
 * @action: what the clone does with the disk
 * @new_volume: for %VD_CLONE_DISK_CLONE, the new volume's name in @pool
 * @new_path: set by vd_domain_clone_async()'s worker once the copy exists
 *
 * One <disk> of the original guest, in document order.
 */
typedef struct
{
  char              *target;
  char              *device;
  char              *source;
  char              *pool;
  char              *volume;
  char              *format;
  guint64            capacity;
  guint64            allocation;
  gboolean           read_only;
  gboolean           shareable;
  char              *no_clone_reason;
  VdCloneDiskAction  action;
  char              *new_volume;
  char              *new_path;
} VdCloneDisk;

typedef struct _VdClonePools VdClonePools;

/**
 * VdCloneSpec:
 * @name: the new guest's name
 * @original_name: the guest being cloned
 * @original_xml: its inactive XML, as libvirt gave it
 * @disks: (element-type VdCloneDisk): its disks, in document order
 * @n_interfaces: how many network interfaces it has (each gets a new MAC)
 * @guest_names: the connection's guests when the spec was made
 * @pools: what the spec knows of the pools (names of their volumes, free
 *   space), for checking new volume names
 *
 * What vd_domain_clone_async() is asked to do, made by
 * vd_domain_clone_prepare_async() with defaults the dialog then edits.
 */
typedef struct
{
  char          *name;
  char          *original_name;
  char          *original_xml;
  GPtrArray     *disks;
  guint          n_interfaces;
  GStrv          guest_names;
  VdClonePools  *pools;
} VdCloneSpec;

/**
 * VdCloneProgress:
 * @step: the step beginning, from 0
 * @n_steps: how many steps the clone has (one per copied disk, then the
 *   definition)
 * @description: translated, e.g. “Copying “web.qcow2”…”
 *
 * Called on the caller's main context as each step begins.
 */
typedef void (*VdCloneProgress) (guint       step,
                                 guint       n_steps,
                                 const char *description,
                                 gpointer    user_data);

VdCloneSpec *vd_clone_spec_new_from_xml   (const char          *xml,
                                           const char * const  *guest_names,
                                           GPtrArray           *pool_infos,
                                           GError             **error);
VdCloneSpec *vd_clone_spec_copy           (const VdCloneSpec   *spec);
void         vd_clone_spec_free           (VdCloneSpec         *spec);
VdCloneDisk *vd_clone_spec_get_disk       (const VdCloneSpec   *spec,
                                           guint                index);
gboolean     vd_clone_spec_set_disk_action (VdCloneSpec        *spec,
                                            guint               index,
                                            VdCloneDiskAction   action);
char        *vd_clone_spec_check_name     (const VdCloneSpec   *spec,
                                           GListModel          *domains);
char        *vd_clone_spec_check_disk     (const VdCloneSpec   *spec,
                                           guint                index);
gboolean     vd_clone_spec_validate       (const VdCloneSpec   *spec,
                                           GListModel          *domains,
                                           GError             **error);
char        *vd_clone_spec_to_xml         (const VdCloneSpec   *spec);

char        *vd_domain_check_clone        (VdDomain            *domain);
void         vd_domain_clone_prepare_async  (VdDomain            *domain,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data);
VdCloneSpec *vd_domain_clone_prepare_finish (VdDomain            *domain,
                                             GAsyncResult        *result,
                                             GError             **error);
void         vd_domain_clone_async        (VdDomain            *domain,
                                           const VdCloneSpec   *spec,
                                           VdCloneProgress      progress,
                                           gpointer             progress_data,
                                           GDestroyNotify       progress_destroy,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
char        *vd_domain_clone_finish       (VdDomain            *domain,
                                           GAsyncResult        *result,
                                           GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VdCloneSpec, vd_clone_spec_free)

G_END_DECLS
