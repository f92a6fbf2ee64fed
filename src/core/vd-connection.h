/* vd-connection.h
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

#include "vd-credential-request.h"
#include "vd-stats.h"
#include "vd-stats-ring.h"

G_BEGIN_DECLS

typedef struct _VdDomain VdDomain;

/**
 * VdConnectionState:
 * @VD_CONNECTION_STATE_DISCONNECTED: not open (never opened, closed, or lost)
 * @VD_CONNECTION_STATE_CONNECTING: an open is running in a worker
 * @VD_CONNECTION_STATE_CONNECTED: open, guests listed and followed by events
 * @VD_CONNECTION_STATE_FAILED: the last open failed; see #VdConnection:last-error
 */
typedef enum
{
  VD_CONNECTION_STATE_DISCONNECTED,
  VD_CONNECTION_STATE_CONNECTING,
  VD_CONNECTION_STATE_CONNECTED,
  VD_CONNECTION_STATE_FAILED,
} VdConnectionState;

#define VD_TYPE_CONNECTION (vd_connection_get_type ())

G_DECLARE_FINAL_TYPE (VdConnection, vd_connection, VD, CONNECTION, GObject)

VdConnection      *vd_connection_new                  (const char           *uri);
const char        *vd_connection_get_uri              (VdConnection         *self);
const char        *vd_connection_get_display_name     (VdConnection         *self);
const char        *vd_connection_get_custom_name      (VdConnection         *self);
void               vd_connection_set_display_name     (VdConnection         *self,
                                                       const char           *display_name);
gboolean           vd_connection_get_autoconnect      (VdConnection         *self);
void               vd_connection_set_autoconnect      (VdConnection         *self,
                                                       gboolean              autoconnect);
VdConnectionState  vd_connection_get_state            (VdConnection         *self);
const char        *vd_connection_get_state_label      (VdConnection         *self);
const char        *vd_connection_get_last_error       (VdConnection         *self);
gboolean           vd_connection_get_read_only        (VdConnection         *self);
const char        *vd_connection_get_hostname         (VdConnection         *self);
GListModel        *vd_connection_get_domains          (VdConnection         *self);
VdDomain          *vd_connection_find_domain_by_name  (VdConnection         *self,
                                                       const char           *name);
VdDomain          *vd_connection_find_domain_by_uuid  (VdConnection         *self,
                                                       const char           *uuid);
GVirConnection    *vd_connection_get_gvir             (VdConnection         *self);
virConnectPtr      vd_connection_get_handle           (VdConnection         *self);
void               vd_connection_open_async           (VdConnection         *self,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
gboolean           vd_connection_open_finish          (VdConnection         *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
void               vd_connection_connect              (VdConnection         *self);
void               vd_connection_disconnect           (VdConnection         *self);
void               vd_connection_refresh_domains_async  (VdConnection       *self,
                                                         GCancellable       *cancellable,
                                                         GAsyncReadyCallback callback,
                                                         gpointer            user_data);
gboolean           vd_connection_refresh_domains_finish (VdConnection       *self,
                                                         GAsyncResult       *result,
                                                         GError            **error);
guint              vd_connection_get_reconnect_delay  (VdConnection         *self);
void               vd_connection_set_stats_interval   (VdConnection         *self,
                                                       guint                 seconds);
guint              vd_connection_get_stats_interval   (VdConnection         *self);
void               vd_connection_set_stats_history    (VdConnection         *self,
                                                       guint                 samples);
guint              vd_connection_get_stats_history    (VdConnection         *self);
void               vd_connection_set_stats_collect    (VdConnection         *self,
                                                       VdStatsCollect        collect);
VdStatsCollect     vd_connection_get_stats_collect    (VdConnection         *self);
VdStatsRing       *vd_connection_get_host_history     (VdConnection         *self,
                                                       VdHostStatsMetric     metric);
double             vd_connection_get_host_current     (VdConnection         *self,
                                                       VdHostStatsMetric     metric);
guint              vd_connection_get_host_cpus        (VdConnection         *self);
guint64            vd_connection_get_host_memory_total (VdConnection        *self);

G_END_DECLS
