/* vd-stats-poller.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _VdConnection VdConnection;

#define VD_TYPE_STATS_POLLER (vd_stats_poller_get_type ())

G_DECLARE_FINAL_TYPE (VdStatsPoller, vd_stats_poller, VD, STATS_POLLER, GObject)

VdStatsPoller *vd_stats_poller_new          (VdConnection  *connection);
void           vd_stats_poller_start        (VdStatsPoller *self,
                                             guint          interval_seconds);
void           vd_stats_poller_stop         (VdStatsPoller *self);
gboolean       vd_stats_poller_get_running  (VdStatsPoller *self);
guint          vd_stats_poller_get_n_ticks  (VdStatsPoller *self);
gint64         vd_stats_poller_get_tick_main_time (VdStatsPoller *self);
void           vd_stats_poller_set_watched  (VdStatsPoller *self,
                                             const char    *uuid,
                                             gboolean       watched);
guint          vd_stats_poller_get_last_sampled (VdStatsPoller *self);

G_END_DECLS
