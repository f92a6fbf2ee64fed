/* vd-domain-snapshot.h
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
 * VdSnapshotMode:
 * @VD_SNAPSHOT_MODE_INTERNAL: kept inside the guest's qcow2 images, with
 *   the memory state when the guest runs
 * @VD_SNAPSHOT_MODE_DISK_ONLY: the disks only, as new external overlay
 *   files beside the images
 */
typedef enum
{
  VD_SNAPSHOT_MODE_INTERNAL,
  VD_SNAPSHOT_MODE_DISK_ONLY,
} VdSnapshotMode;

#define VD_TYPE_SNAPSHOT (vd_snapshot_get_type ())

G_DECLARE_FINAL_TYPE (VdSnapshot, vd_snapshot, VD, SNAPSHOT, GObject)

const char *vd_snapshot_get_name            (VdSnapshot *self);
const char *vd_snapshot_get_parent_name     (VdSnapshot *self);
gint64      vd_snapshot_get_creation_time   (VdSnapshot *self);
const char *vd_snapshot_get_state           (VdSnapshot *self);
const char *vd_snapshot_get_state_label     (VdSnapshot *self);
const char *vd_snapshot_get_description     (VdSnapshot *self);
gboolean    vd_snapshot_get_is_current      (VdSnapshot *self);
gboolean    vd_snapshot_get_has_memory      (VdSnapshot *self);
gboolean    vd_snapshot_get_is_external     (VdSnapshot *self);
const char *vd_snapshot_get_xml             (VdSnapshot *self);
const char *vd_snapshot_get_screenshot_path (VdSnapshot *self);

/**
 * VdSnapshotList:
 * @snapshots: (element-type VdSnapshot): every snapshot, each parent
 *   before its children, siblings oldest first
 * @running: whether the guest was running or paused when read
 * @internal_ok: whether an internal snapshot can be made
 * @internal_reason: (nullable): why not, translated
 * @disk_only_ok: whether a disk-only (external) snapshot can be made
 * @disk_only_reason: (nullable): why not, translated
 *
 * What vd_domain_list_snapshots_async() read in one worker.
 */
typedef struct
{
  GPtrArray *snapshots;
  gboolean   running;
  gboolean   internal_ok;
  char      *internal_reason;
  gboolean   disk_only_ok;
  char      *disk_only_reason;
} VdSnapshotList;

void        vd_snapshot_list_free           (VdSnapshotList *list);
VdSnapshot *vd_snapshot_list_find           (VdSnapshotList *list,
                                             const char     *name);
VdSnapshot *vd_snapshot_list_get_current    (VdSnapshotList *list);
guint       vd_snapshot_list_count_descendants (VdSnapshotList *list,
                                             const char     *name);

void        vd_snapshot_list_judge_domain_xml (VdSnapshotList *list,
                                               const char     *domain_xml);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VdSnapshotList, vd_snapshot_list_free)

gboolean    vd_snapshot_check_name          (const char     *name,
                                             VdSnapshotList *existing,
                                             GError        **error);
char       *vd_snapshot_suggest_name        (GDateTime      *when);
char       *vd_snapshot_screenshot_file     (const char     *uuid,
                                             const char     *name);

void            vd_domain_list_snapshots_async   (VdDomain            *self,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
VdSnapshotList *vd_domain_list_snapshots_finish  (VdDomain            *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);

void     vd_domain_create_snapshot_async         (VdDomain            *self,
                                                  const char          *name,
                                                  const char          *description,
                                                  VdSnapshotMode       mode,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean vd_domain_create_snapshot_finish        (VdDomain            *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
void     vd_domain_revert_snapshot_async         (VdDomain            *self,
                                                  const char          *name,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean vd_domain_revert_snapshot_finish        (VdDomain            *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
void     vd_domain_delete_snapshot_async         (VdDomain            *self,
                                                  const char          *name,
                                                  gboolean             with_children,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data);
gboolean vd_domain_delete_snapshot_finish        (VdDomain            *self,
                                                  GAsyncResult        *result,
                                                  GError             **error);
void     vd_domain_set_snapshot_description_async  (VdDomain            *self,
                                                    const char          *name,
                                                    const char          *description,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
gboolean vd_domain_set_snapshot_description_finish (VdDomain            *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

G_END_DECLS
