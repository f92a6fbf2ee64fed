/* vd-graph.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vd-graph-render.h"

G_BEGIN_DECLS

#define VD_TYPE_GRAPH (vd_graph_get_type ())
G_DECLARE_FINAL_TYPE (VdGraph, vd_graph, VD, GRAPH, GtkDrawingArea)

GtkWidget   *vd_graph_new                    (void);
const char  *vd_graph_get_title              (VdGraph            *self);
void         vd_graph_set_title              (VdGraph            *self,
                                              const char         *title);
VdStatsUnit  vd_graph_get_unit               (VdGraph            *self);
void         vd_graph_set_unit               (VdGraph            *self,
                                              VdStatsUnit         unit);
double       vd_graph_get_maximum            (VdGraph            *self);
void         vd_graph_set_maximum            (VdGraph            *self,
                                              double              maximum);
guint        vd_graph_get_interval           (VdGraph            *self);
void         vd_graph_set_interval           (VdGraph            *self,
                                              guint               interval);
void         vd_graph_set_series             (VdGraph            *self,
                                              guint               index,
                                              VdStatsRing        *ring,
                                              const char         *label);
VdStatsRing *vd_graph_get_ring               (VdGraph            *self,
                                              guint               index);
const char  *vd_graph_get_label              (VdGraph            *self,
                                              guint               index);
char        *vd_graph_dup_summary            (VdGraph            *self);
void         vd_graph_refresh                (VdGraph            *self);

G_END_DECLS
