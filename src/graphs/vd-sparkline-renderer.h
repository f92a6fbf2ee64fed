/* vd-sparkline-renderer.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vd-stats-ring.h"

G_BEGIN_DECLS

#define VD_TYPE_SPARKLINE_RENDERER (vd_sparkline_renderer_get_type ())

G_DECLARE_FINAL_TYPE (VdSparklineRenderer, vd_sparkline_renderer, VD, SPARKLINE_RENDERER, GtkCellRenderer)

/* Formats a series' current value for the cell, or returns NULL. */
typedef char *(*VdSparklineFormatFunc) (double   value,
                                        gpointer user_data);

GtkCellRenderer *vd_sparkline_renderer_new        (void);
void             vd_sparkline_renderer_set_series (VdSparklineRenderer  *self,
                                                   VdStatsRing          *ring,
                                                   VdStatsRing          *secondary_ring,
                                                   double                maximum,
                                                   VdSparklineFormatFunc format,
                                                   gpointer              format_data,
                                                   double                value,
                                                   gpointer              secondary_format_data,
                                                   double                secondary_value);

guint64          vd_sparkline_renderer_get_signature (VdSparklineRenderer *self,
                                                      int                  width,
                                                      int                  height);

G_END_DECLS
