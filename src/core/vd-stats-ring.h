/* vd-stats-ring.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define VD_TYPE_STATS_RING (vd_stats_ring_get_type ())

typedef struct _VdStatsRing VdStatsRing;

GType        vd_stats_ring_get_type     (void) G_GNUC_CONST;
VdStatsRing *vd_stats_ring_new          (guint        capacity);
VdStatsRing *vd_stats_ring_ref          (VdStatsRing *self);
void         vd_stats_ring_unref        (VdStatsRing *self);
void         vd_stats_ring_push         (VdStatsRing *self,
                                         double       value);
void         vd_stats_ring_clear        (VdStatsRing *self);
guint        vd_stats_ring_get_length   (const VdStatsRing *self);
guint        vd_stats_ring_get_capacity (const VdStatsRing *self);
void         vd_stats_ring_set_capacity (VdStatsRing *self,
                                         guint        capacity);
double       vd_stats_ring_get          (const VdStatsRing *self,
                                         guint        age);
void         vd_stats_ring_set          (VdStatsRing *self,
                                         guint        age,
                                         double       value);
double       vd_stats_ring_get_max      (const VdStatsRing *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VdStatsRing, vd_stats_ring_unref)

G_END_DECLS
