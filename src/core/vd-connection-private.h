/* vd-connection-private.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vd-connection.h"

G_BEGIN_DECLS

#include "vd-domain-private.h"
#include "vd-stats-poller.h"

struct _VdConnection
{
  GObject            parent_instance;

  char              *uri;
  char              *display_name;
  char              *friendly_name;
  char              *last_error;
  char              *hostname;
  VdConnectionState  state;
  guint              autoconnect : 1;
  guint              read_only : 1;
  guint              user_disconnected : 1;

  /* Owned references */
  virConnectPtr      conn;
  GVirConnection    *gvir;
  GListStore        *domains;
  GHashTable        *by_uuid;          /* uuid → VdDomain (borrowed from domains) */
  GCancellable      *open_cancellable;
  VdStatsPoller     *poller;
  GPtrArray         *open_tasks;       /* GTasks waiting for the running open */

  /* Event registrations on conn */
  int                lifecycle_id;
  int                metadata_id;
  gpointer           close_context;   /* owned; freed after unregistering */

  /* Coalesced refreshes after events: uuid → owned virDomainPtr */
  GHashTable        *refresh_pending;
  guint              refresh_source;
  guint              refresh_running : 1;

  guint              reconnect_source;
  guint              reconnect_delay;

  /* Statistics (vd-connection-stats.c) */
  guint              stats_interval;      /* seconds */
  guint              stats_history;       /* samples per series */
  VdStatsCollect     stats_collect;
  guint              host_cpus;           /* 0 = unknown */
  guint64            host_memory_total;   /* bytes, 0 = unknown */
  double             host_current[VD_HOST_STATS_N_METRICS];
  VdStatsRing       *host_history[VD_HOST_STATS_N_METRICS];

  /* Networks, storage pools (vd-connection-host.c) */
  struct _VdConnectionHost *host;
};

/* vd-connection.c */
void       _vd_connection_set_state             (VdConnection       *self,
                                                 VdConnectionState   state);
void       _vd_connection_set_last_error        (VdConnection       *self,
                                                 const char         *message);
void       _vd_connection_set_hostname          (VdConnection       *self,
                                                 const char         *hostname);
void       _vd_connection_notify_state_label    (VdConnection       *self);
gboolean   _vd_connection_emit_credentials_requested (VdConnection        *self,
                                                      VdCredentialRequest *request);
void       _vd_connection_clear_domains         (VdConnection       *self);
void       _vd_connection_remove_domain         (VdConnection       *self,
                                                 VdDomain           *domain);
void       _vd_connection_replace_domains       (VdConnection       *self,
                                                 GPtrArray          *infos);
GPtrArray *_vd_connection_list_domains_sync     (virConnectPtr       conn,
                                                 GCancellable       *cancellable,
                                                 GError            **error);

/* vd-connection-events.c */
void       _vd_connection_register_callbacks    (VdConnection       *self);
void       _vd_connection_release_handle        (VdConnection       *self);

/* vd-connection-open.c */
void       _vd_connection_start_open            (VdConnection       *self);
void       _vd_connection_schedule_reconnect    (VdConnection       *self);
void       _vd_connection_complete_open_tasks   (VdConnection       *self,
                                                 const GError       *error);

/* vd-connection-host.c */
typedef struct _VdConnectionHost VdConnectionHost;
void       _vd_connection_init_host             (VdConnection       *self);
void       _vd_connection_finalize_host         (VdConnection       *self);
void       _vd_connection_register_host_callbacks (VdConnection     *self);
gpointer   _vd_connection_release_host          (VdConnection       *self);
void       _vd_connection_close_host_events     (virConnectPtr       conn,
                                                 gpointer            events);

/* vd-connection-stats.c */
void       _vd_connection_init_stats            (VdConnection       *self);
void       _vd_connection_clear_stats           (VdConnection       *self);
void       _vd_connection_forget_host_stats     (VdConnection       *self);
void       _vd_connection_add_host_sample       (VdConnection       *self,
                                                 const double       *values,
                                                 guint               host_cpus,
                                                 guint64             memory_total);
void       _vd_connection_watch_domain_stats    (VdConnection       *self,
                                                 const char         *uuid,
                                                 gboolean            watched);

void _vd_connection_apply_domain_info  (VdConnection       *self,
                                        const VdDomainInfo *info);
void _vd_connection_queue_refresh      (VdConnection *self,
                                        virDomainPtr  handle);

G_END_DECLS
