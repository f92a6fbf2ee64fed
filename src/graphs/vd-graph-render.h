/* vd-graph-render.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vd-stats-format.h"
#include "vd-stats-ring.h"

G_BEGIN_DECLS

/* How many series one graph draws. */
#define VD_GRAPH_N_SERIES 2

/**
 * VdGraphStyle:
 * @text: the theme's text colour: title, legend and axis labels
 * @grid: grid lines (the text colour at low alpha)
 * @series: the line colour of each series
 * @font: (nullable): the font for all text; %NULL for the context's
 *
 * The colours a graph is drawn in, gathered from the theme by
 * vd_graph_style_init_from_context() or built by hand (tests).
 */
typedef struct
{
  GdkRGBA                     text;
  GdkRGBA                     grid;
  GdkRGBA                     series[VD_GRAPH_N_SERIES];
  const PangoFontDescription *font;
} VdGraphStyle;

/**
 * VdGraphSeriesData:
 * @ring: (nullable): the samples; newest at age 0, NAN for a gap
 * @label: (nullable): its name in the legend
 */
typedef struct
{
  VdStatsRing *ring;
  const char  *label;
} VdGraphSeriesData;

/**
 * VdGraphData:
 * @title: (nullable): shown at the top left
 * @unit: what the values measure, for the legend and axis labels
 * @maximum: the top of the value axis; 0 to scale to the samples held
 * @interval: seconds between two samples, for the time axis
 * @series: up to %VD_GRAPH_N_SERIES series; unused ones have no ring
 *
 * What vd_graph_render() draws.
 */
typedef struct
{
  const char        *title;
  VdStatsUnit        unit;
  double             maximum;
  guint              interval;
  VdGraphSeriesData  series[VD_GRAPH_N_SERIES];
} VdGraphData;

/**
 * VdGraphLayout:
 * @plot: the rectangle the series are drawn in (value 0 on its bottom
 *   edge, the maximum on its top edge, the newest sample on its right edge)
 * @maximum: the value at the top of the plot
 *
 * Where vd_graph_render() put the plot, for hit tests and pixel tests.
 */
typedef struct
{
  GdkRectangle plot;
  double       maximum;
} VdGraphLayout;

#define VD_TYPE_STATS_UNIT (vd_stats_unit_get_type ())
GType vd_stats_unit_get_type (void) G_GNUC_CONST;

void    vd_graph_style_init_from_context (VdGraphStyle             *style,
                                          GtkStyleContext          *context);
double  vd_graph_nice_maximum            (VdStatsUnit               unit,
                                          double                    value);
char   *vd_graph_format_span             (guint                     seconds);
char   *vd_graph_format_legend           (VdStatsUnit               unit,
                                          const VdGraphSeriesData  *series);
void    vd_graph_render                  (cairo_t                  *cr,
                                          PangoContext             *pango,
                                          int                       width,
                                          int                       height,
                                          const VdGraphStyle       *style,
                                          const VdGraphData        *data,
                                          VdGraphLayout            *layout);

G_END_DECLS
