/* vd-host-graphs.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-host-graphs"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-host-graphs.h"

/*
 * The host's CPU and memory history, for the host window: two VdGraphs
 * reading the connection's host series, redrawn on each stats tick. The
 * memory graph's top is the host's memory size, which the poller learns
 * on its first tick (until then it scales to the samples).
 */

struct _VdHostGraphs
{
  GtkBox        parent_instance;

  /* Template widgets */
  VdGraph      *cpu_graph;
  VdGraph      *memory_graph;

  /* Owned references */
  VdConnection *connection;
};

G_DEFINE_FINAL_TYPE (VdHostGraphs, vd_host_graphs, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_CONNECTION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
stats_updated_cb (VdHostGraphs *self)
{
  guint interval = vd_connection_get_stats_interval (self->connection);

  vd_graph_set_interval (self->cpu_graph, interval);
  vd_graph_set_interval (self->memory_graph, interval);
  vd_graph_set_maximum (self->memory_graph,
                        (double)vd_connection_get_host_memory_total (self->connection));
  vd_graph_refresh (self->cpu_graph);
  vd_graph_refresh (self->memory_graph);
}

static void
vd_host_graphs_dispose (GObject *object)
{
  VdHostGraphs *self = (VdHostGraphs *)object;

  if (self->connection != NULL)
    g_signal_handlers_disconnect_by_func (self->connection, stats_updated_cb, self);
  g_clear_object (&self->connection);

  G_OBJECT_CLASS (vd_host_graphs_parent_class)->dispose (object);
}

static void
vd_host_graphs_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  VdHostGraphs *self = VD_HOST_GRAPHS (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      g_value_set_object (value, self->connection);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vd_host_graphs_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  VdHostGraphs *self = VD_HOST_GRAPHS (object);

  switch (prop_id)
    {
    case PROP_CONNECTION:
      vd_host_graphs_set_connection (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vd_host_graphs_class_init (VdHostGraphsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vd_host_graphs_dispose;
  object_class->get_property = vd_host_graphs_get_property;
  object_class->set_property = vd_host_graphs_set_property;

  properties[PROP_CONNECTION] =
    g_param_spec_object ("connection", NULL, NULL, VD_TYPE_CONNECTION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (VD_TYPE_GRAPH);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/graphs/vd-host-graphs.ui");
  gtk_widget_class_bind_template_child (widget_class, VdHostGraphs, cpu_graph);
  gtk_widget_class_bind_template_child (widget_class, VdHostGraphs, memory_graph);
}

static void
vd_host_graphs_init (VdHostGraphs *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * vd_host_graphs_new:
 * @connection: (nullable): the host to show
 */
GtkWidget *
vd_host_graphs_new (VdConnection *connection)
{
  g_return_val_if_fail (connection == NULL || VD_IS_CONNECTION (connection), NULL);

  return g_object_new (VD_TYPE_HOST_GRAPHS, "connection", connection, NULL);
}

/**
 * vd_host_graphs_get_connection:
 *
 * Returns: (transfer none) (nullable): the host shown
 */
VdConnection *
vd_host_graphs_get_connection (VdHostGraphs *self)
{
  g_return_val_if_fail (VD_IS_HOST_GRAPHS (self), NULL);

  return self->connection;
}

/**
 * vd_host_graphs_set_connection:
 * @connection: (nullable): the host to show; %NULL empties the graphs
 */
void
vd_host_graphs_set_connection (VdHostGraphs *self,
                               VdConnection *connection)
{
  g_return_if_fail (VD_IS_HOST_GRAPHS (self));
  g_return_if_fail (connection == NULL || VD_IS_CONNECTION (connection));

  if (self->connection == connection)
    return;

  if (self->connection != NULL)
    g_signal_handlers_disconnect_by_func (self->connection, stats_updated_cb, self);
  g_set_object (&self->connection, connection);

  if (connection == NULL)
    {
      vd_graph_set_series (self->cpu_graph, 0, NULL, NULL);
      vd_graph_set_series (self->memory_graph, 0, NULL, NULL);
      vd_graph_set_maximum (self->memory_graph, 0);
    }
  else
    {
      /* translators: legend of the host's CPU and memory graphs: the share
       * of its processors, or the memory, in use */
      const char *in_use = _("In use");

      vd_graph_set_series (self->cpu_graph, 0,
                           vd_connection_get_host_history (connection, VD_HOST_STATS_CPU),
                           in_use);
      vd_graph_set_series (self->memory_graph, 0,
                           vd_connection_get_host_history (connection, VD_HOST_STATS_MEMORY),
                           in_use);
      g_signal_connect_object (connection, "stats-updated", G_CALLBACK (stats_updated_cb), self,
                               G_CONNECT_SWAPPED);
      stats_updated_cb (self);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTION]);
}

/**
 * vd_host_graphs_get_cpu_graph:
 *
 * Returns: (transfer none): the host CPU graph
 */
VdGraph *
vd_host_graphs_get_cpu_graph (VdHostGraphs *self)
{
  g_return_val_if_fail (VD_IS_HOST_GRAPHS (self), NULL);

  return self->cpu_graph;
}

/**
 * vd_host_graphs_get_memory_graph:
 *
 * Returns: (transfer none): the host memory graph
 */
VdGraph *
vd_host_graphs_get_memory_graph (VdHostGraphs *self)
{
  g_return_val_if_fail (VD_IS_HOST_GRAPHS (self), NULL);

  return self->memory_graph;
}
