/* vd-host-graphs.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vd-connection.h"
#include "vd-graph.h"

G_BEGIN_DECLS

#define VD_TYPE_HOST_GRAPHS (vd_host_graphs_get_type ())
G_DECLARE_FINAL_TYPE (VdHostGraphs, vd_host_graphs, VD, HOST_GRAPHS, GtkBox)

GtkWidget    *vd_host_graphs_new              (VdConnection *connection);
VdConnection *vd_host_graphs_get_connection   (VdHostGraphs *self);
void          vd_host_graphs_set_connection   (VdHostGraphs *self,
                                               VdConnection *connection);
VdGraph      *vd_host_graphs_get_cpu_graph    (VdHostGraphs *self);
VdGraph      *vd_host_graphs_get_memory_graph (VdHostGraphs *self);

G_END_DECLS
