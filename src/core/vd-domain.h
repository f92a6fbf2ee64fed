/* vd-domain.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <libvirt-gobject/libvirt-gobject.h>

#include "vd-stats.h"
#include "vd-stats-ring.h"

G_BEGIN_DECLS

typedef struct _VdConnection VdConnection;

/**
 * VdDomainState:
 *
 * The guest's run state as libvirt reports it (virDomainState), plus
 * %VD_DOMAIN_STATE_SAVED for a shut-off guest that has a managed save image.
 */
typedef enum
{
  VD_DOMAIN_STATE_NOSTATE,
  VD_DOMAIN_STATE_RUNNING,
  VD_DOMAIN_STATE_BLOCKED,
  VD_DOMAIN_STATE_PAUSED,
  VD_DOMAIN_STATE_SHUTDOWN,
  VD_DOMAIN_STATE_SHUTOFF,
  VD_DOMAIN_STATE_CRASHED,
  VD_DOMAIN_STATE_PMSUSPENDED,
  VD_DOMAIN_STATE_SAVED,
} VdDomainState;

/**
 * VdDomainDeleteFlags:
 * @VD_DOMAIN_DELETE_NONE: undefine only
 * @VD_DOMAIN_DELETE_MANAGED_SAVE: also remove the managed save image
 * @VD_DOMAIN_DELETE_SNAPSHOTS: also remove snapshot (and checkpoint) metadata
 * @VD_DOMAIN_DELETE_NVRAM: also remove the UEFI variable store
 * @VD_DOMAIN_DELETE_LOCAL_FILES: a path of the volume list that is in no
 *   storage pool is a plain file on this machine (local connections only):
 *   delete it with g_file_delete() instead of failing
 */
typedef enum
{
  VD_DOMAIN_DELETE_NONE = 0,
  VD_DOMAIN_DELETE_MANAGED_SAVE = 1 << 0,
  VD_DOMAIN_DELETE_SNAPSHOTS = 1 << 1,
  VD_DOMAIN_DELETE_NVRAM = 1 << 2,
  VD_DOMAIN_DELETE_LOCAL_FILES = 1 << 3,
} VdDomainDeleteFlags;

#define VD_DOMAIN_DELETE_ALL_METADATA \
  (VD_DOMAIN_DELETE_MANAGED_SAVE | VD_DOMAIN_DELETE_SNAPSHOTS | VD_DOMAIN_DELETE_NVRAM)

#define VD_TYPE_DOMAIN (vd_domain_get_type ())

G_DECLARE_FINAL_TYPE (VdDomain, vd_domain, VD, DOMAIN, GObject)

VdConnection  *vd_domain_get_connection        (VdDomain  *self);
GVirDomain    *vd_domain_get_gvir              (VdDomain  *self);
virDomainPtr   vd_domain_get_handle            (VdDomain  *self);
const char    *vd_domain_get_name              (VdDomain  *self);
const char    *vd_domain_get_uuid              (VdDomain  *self);
int            vd_domain_get_id                (VdDomain  *self);
const char    *vd_domain_get_title             (VdDomain  *self);
const char    *vd_domain_get_description       (VdDomain  *self);
VdDomainState  vd_domain_get_state             (VdDomain  *self);
int            vd_domain_get_state_reason      (VdDomain  *self);
const char    *vd_domain_get_state_label       (VdDomain  *self);
const char    *vd_domain_get_state_icon_name   (VdDomain  *self);
gboolean       vd_domain_get_active            (VdDomain  *self);
gboolean       vd_domain_get_persistent        (VdDomain  *self);
gboolean       vd_domain_get_autostart         (VdDomain  *self);
gboolean       vd_domain_get_has_managed_save  (VdDomain  *self);
gboolean       vd_domain_get_busy              (VdDomain  *self);
const char    *vd_domain_get_last_error        (VdDomain  *self);
guint64        vd_domain_get_memory            (VdDomain  *self);
guint64        vd_domain_get_max_memory        (VdDomain  *self);
guint          vd_domain_get_vcpus             (VdDomain  *self);
guint64        vd_domain_get_cpu_time          (VdDomain  *self);
double         vd_domain_get_cpu_usage         (VdDomain  *self);
VdStatsRing   *vd_domain_get_cpu_history       (VdDomain  *self);
VdStatsRing   *vd_domain_get_history           (VdDomain      *self,
                                                VdStatsMetric  metric);
double         vd_domain_get_current           (VdDomain      *self,
                                                VdStatsMetric  metric);
void           vd_domain_watch_stats           (VdDomain      *self);
void           vd_domain_unwatch_stats         (VdDomain      *self);
gboolean       vd_domain_matches               (VdDomain  *self,
                                                const char *casefolded_needle);

gboolean       vd_domain_get_can_start         (VdDomain  *self);
gboolean       vd_domain_get_can_shutdown      (VdDomain  *self);
gboolean       vd_domain_get_can_reboot        (VdDomain  *self);
gboolean       vd_domain_get_can_reset         (VdDomain  *self);
gboolean       vd_domain_get_can_force_off     (VdDomain  *self);
gboolean       vd_domain_get_can_pause         (VdDomain  *self);
gboolean       vd_domain_get_can_resume        (VdDomain  *self);
gboolean       vd_domain_get_can_save          (VdDomain  *self);
gboolean       vd_domain_get_can_rename        (VdDomain  *self);
gboolean       vd_domain_get_can_delete        (VdDomain  *self);

/* Lifecycle. Each sets #VdDomain:busy while it runs, re-reads the state when
 * it is done and, on failure, sets #VdDomain:last-error and returns a GError
 * whose message names the guest and carries libvirt's message. */
#define VD_DOMAIN_DECLARE_ACTION(name) \
  void     vd_domain_##name##_async  (VdDomain            *self,   \
                                      GCancellable        *cancellable, \
                                      GAsyncReadyCallback  callback, \
                                      gpointer             user_data); \
  gboolean vd_domain_##name##_finish (VdDomain            *self, \
                                      GAsyncResult        *result, \
                                      GError             **error);

VD_DOMAIN_DECLARE_ACTION (start)
VD_DOMAIN_DECLARE_ACTION (shutdown)
VD_DOMAIN_DECLARE_ACTION (reboot)
VD_DOMAIN_DECLARE_ACTION (reset)
VD_DOMAIN_DECLARE_ACTION (force_off)
VD_DOMAIN_DECLARE_ACTION (pause)
VD_DOMAIN_DECLARE_ACTION (resume)
VD_DOMAIN_DECLARE_ACTION (save)
VD_DOMAIN_DECLARE_ACTION (restore)
VD_DOMAIN_DECLARE_ACTION (refresh)

void     vd_domain_set_autostart_async  (VdDomain             *self,
                                         gboolean              autostart,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
gboolean vd_domain_set_autostart_finish (VdDomain             *self,
                                         GAsyncResult         *result,
                                         GError              **error);
void     vd_domain_rename_async         (VdDomain             *self,
                                         const char           *new_name,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
gboolean vd_domain_rename_finish        (VdDomain             *self,
                                         GAsyncResult         *result,
                                         GError              **error);
void     vd_domain_delete_async         (VdDomain             *self,
                                         VdDomainDeleteFlags   flags,
                                         const char * const   *volume_paths,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
gboolean vd_domain_delete_finish        (VdDomain             *self,
                                         GAsyncResult         *result,
                                         GError              **error);

G_END_DECLS
