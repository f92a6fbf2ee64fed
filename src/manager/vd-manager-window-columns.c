/* vd-manager-window-columns.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-manager-window"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-manager-window-private.h"
#include "vd-sparkline-renderer.h"
#include "vd-stats-format.h"

/*
 * The graph columns of the manager window: guest CPU, host CPU, memory,
 * disk I/O and network I/O. One VdSparklineRenderer per column, whose cell
 * data function points it at the row's ring (the guest's series, or the
 * host's on a connection row); nothing is copied per row. Each column is
 * shown or hidden by its show-* key, which View → Graph toggles through
 * the win.show-* actions (see vd-manager-window-actions.c).
 */

#define NO_METRIC (-1)

typedef struct
{
  const char *key;
  gsize       column_offset;
  gsize       renderer_offset;
  int         metric;            /* VdStatsMetric */
  int         secondary_metric;  /* VdStatsMetric, or NO_METRIC */
  int         host_metric;       /* VdHostStatsMetric, or NO_METRIC */
  const char *accessible_name;
  const char *tooltip;
} GraphColumn;

#define COLUMN(name) G_STRUCT_OFFSET (VdManagerWindow, name##_column), \
                     G_STRUCT_OFFSET (VdManagerWindow, name##_renderer)

static const GraphColumn graph_columns[] = {
  { "show-guest-cpu", COLUMN (cpu), VD_STATS_CPU, NO_METRIC, NO_METRIC,
    N_("Guest CPU usage"),
    N_("CPU use of each running guest, in percent of its own virtual CPUs") },
  { "show-host-cpu", COLUMN (host_cpu), VD_STATS_HOST_CPU, NO_METRIC, VD_HOST_STATS_CPU,
    N_("Host CPU usage"),
    N_("Each running guest’s share of all the host’s CPUs; on a connection row, the host’s CPU use") },
  { "show-memory", COLUMN (memory), VD_STATS_MEMORY, NO_METRIC, VD_HOST_STATS_MEMORY,
    N_("Memory usage"),
    N_("Memory each running guest uses, drawn against its allocation; on a connection row, the host’s memory in use") },
  { "show-disk", COLUMN (disk), VD_STATS_DISK_READ, VD_STATS_DISK_WRITE, NO_METRIC,
    N_("Disk read and write rates"),
    N_("Read rate (upper value, filled graph) and write rate (lower value, line) of each running guest’s disks") },
  { "show-network", COLUMN (network), VD_STATS_NET_RX, VD_STATS_NET_TX, NO_METRIC,
    N_("Network receive and send rates"),
    N_("Receive rate (upper value, filled graph) and send rate (lower value, line) of each running guest’s network interfaces") },
};

#undef COLUMN

#define COLUMN_AT(self, spec) \
  (*(GtkTreeViewColumn **)G_STRUCT_MEMBER_P ((self), (spec)->column_offset))
#define RENDERER_AT(self, spec) \
  (*(GtkCellRenderer **)G_STRUCT_MEMBER_P ((self), (spec)->renderer_offset))

/* The value as shown in the cell; rates of two series say which is which. */
static char *
format_metric (VdStatsMetric metric,
               double        value)
{
  g_autofree char *text = vd_stats_format_value (vd_stats_metric_get_unit (metric), value);

  if (text == NULL)
    return NULL;

  switch (metric)
    {
    case VD_STATS_DISK_READ:
      /* translators: in the Disk I/O column; %s is a rate such as “1.2 MB/s” */
      return g_strdup_printf (_("Read %s"), text);
    case VD_STATS_DISK_WRITE:
      /* translators: in the Disk I/O column; %s is a rate such as “1.2 MB/s” */
      return g_strdup_printf (_("Write %s"), text);
    case VD_STATS_NET_RX:
      /* translators: in the Network I/O column, the receive rate; %s is a
       * rate such as “1.2 MB/s” */
      return g_strdup_printf (_("↓ %s"), text);
    case VD_STATS_NET_TX:
      /* translators: in the Network I/O column, the send rate; %s is a rate
       * such as “1.2 MB/s” */
      return g_strdup_printf (_("↑ %s"), text);
    case VD_STATS_CPU:
    case VD_STATS_HOST_CPU:
    case VD_STATS_MEMORY:
    case VD_STATS_N_METRICS:
    default:
      return g_steal_pointer (&text);
    }
}

/* Format functions of the renderers: the data is the metric plus one. */
static char *
format_domain_value (double   value,
                     gpointer data)
{
  return format_metric (GPOINTER_TO_INT (data) - 1, value);
}

static char *
format_host_value (double   value,
                   gpointer data)
{
  return vd_stats_format_value (vd_host_stats_metric_get_unit (GPOINTER_TO_INT (data) - 1), value);
}

static void
show_domain (GtkCellRenderer   *cell,
             const GraphColumn *spec,
             VdDomain          *domain)
{
  VdStatsRing *secondary = NULL;
  double secondary_value = -1;
  double maximum;

  if (spec->secondary_metric != NO_METRIC)
    {
      secondary = vd_domain_get_history (domain, spec->secondary_metric);
      secondary_value = vd_domain_get_current (domain, spec->secondary_metric);
    }

  switch (vd_stats_metric_get_unit (spec->metric))
    {
    case VD_STATS_UNIT_PERCENT:
      maximum = 100;
      break;
    case VD_STATS_UNIT_BYTES:
      /* Against the guest's allocation (KiB). */
      maximum = (double)vd_domain_get_memory (domain) * 1024;
      break;
    case VD_STATS_UNIT_BYTE_RATE:
    default:
      /* Rates have no natural top: scale to the largest of both. */
      maximum = 0;
      break;
    }

  gtk_cell_renderer_set_visible (cell, TRUE);
  vd_sparkline_renderer_set_series (VD_SPARKLINE_RENDERER (cell),
                                    vd_domain_get_history (domain, spec->metric), secondary,
                                    maximum, format_domain_value,
                                    GINT_TO_POINTER (spec->metric + 1),
                                    vd_domain_get_current (domain, spec->metric),
                                    secondary != NULL ? GINT_TO_POINTER (spec->secondary_metric + 1)
                                                      : NULL,
                                    secondary_value);
}

static void
show_host (GtkCellRenderer   *cell,
           const GraphColumn *spec,
           VdConnection      *connection)
{
  VdStatsUnit unit = vd_host_stats_metric_get_unit (spec->host_metric);
  double maximum;

  /* Memory against the host's total (0, unknown yet: scale to the samples). */
  maximum = unit == VD_STATS_UNIT_BYTES
            ? (double)vd_connection_get_host_memory_total (connection)
            : 100;

  gtk_cell_renderer_set_visible (cell, TRUE);
  vd_sparkline_renderer_set_series (VD_SPARKLINE_RENDERER (cell),
                                    vd_connection_get_host_history (connection, spec->host_metric),
                                    NULL, maximum, format_host_value,
                                    GINT_TO_POINTER (spec->host_metric + 1),
                                    vd_connection_get_host_current (connection, spec->host_metric),
                                    NULL, -1);
}

static void
graph_data_func (GtkTreeViewColumn *column,
                 GtkCellRenderer   *cell,
                 GtkTreeModel      *model,
                 GtkTreeIter       *iter,
                 gpointer           user_data)
{
  const GraphColumn *spec = user_data;
  gpointer object = vd_manager_model_get_object (model, iter);

  /* Only a running guest has graphs: a stopped one's history would show a
   * past that no longer applies. A connection row shows its host's series
   * where the column has one, while connected. */
  if (VD_IS_DOMAIN (object) && vd_domain_get_active (object))
    show_domain (cell, spec, object);
  else if (VD_IS_CONNECTION (object) && spec->host_metric != NO_METRIC &&
           vd_connection_get_state (object) == VD_CONNECTION_STATE_CONNECTED)
    show_host (cell, spec, object);
  else
    {
      gtk_cell_renderer_set_visible (cell, FALSE);
      vd_sparkline_renderer_set_series (VD_SPARKLINE_RENDERER (cell), NULL, NULL, 0,
                                        format_domain_value, GINT_TO_POINTER (spec->metric + 1),
                                        -1, NULL, -1);
    }
}

/* Called from init, after the template: cell data functions and the
 * headers' accessible names and tooltips. */
void
_vd_manager_window_columns_init (VdManagerWindow *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (graph_columns); i++)
    {
      const GraphColumn *spec = &graph_columns[i];
      GtkTreeViewColumn *column = COLUMN_AT (self, spec);
      GtkWidget *button = gtk_tree_view_column_get_button (column);

      gtk_tree_view_column_set_cell_data_func (column, RENDERER_AT (self, spec),
                                               graph_data_func, (gpointer)spec, NULL);
      /* Rates scale to their samples, but never below 1 kB/s (as the
       * guest window's graphs): an idle guest's few bytes a second stay
       * along the bottom instead of filling the cell. */
      if (vd_stats_metric_get_unit (spec->metric) == VD_STATS_UNIT_BYTE_RATE)
        g_object_set (RENDERER_AT (self, spec), "scale-floor", 1000.0, NULL);
      gtk_widget_set_tooltip_text (button, _(spec->tooltip));
      atk_object_set_name (gtk_widget_get_accessible (button), _(spec->accessible_name));
    }
}

/* Called from constructed, once the settings are known: each column
 * follows its key. */
void
_vd_manager_window_columns_bind (VdManagerWindow *self)
{
  g_return_if_fail (self->settings != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (graph_columns); i++)
    g_settings_bind (self->settings, graph_columns[i].key, COLUMN_AT (self, &graph_columns[i]),
                     "visible", G_SETTINGS_BIND_GET);
}

/* The View → Graph check items: one stateful action per key, named after
 * it (win.show-guest-cpu, ...), that writes the key. */
void
_vd_manager_window_columns_add_actions (VdManagerWindow *self)
{
  g_return_if_fail (self->settings != NULL);

  for (guint i = 0; i < G_N_ELEMENTS (graph_columns); i++)
    {
      g_autoptr(GAction) action = g_settings_create_action (self->settings,
                                                            graph_columns[i].key);

      g_action_map_add_action (G_ACTION_MAP (self), action);
    }
}

static void
watch_domain (gpointer key,
              gpointer value,
              gpointer user_data)
{
  GHashTable *other = user_data;

  if (other == NULL || !g_hash_table_contains (other, key))
    vd_domain_watch_stats (key);
}

static void
unwatch_domain (gpointer key,
                gpointer value,
                gpointer user_data)
{
  GHashTable *other = user_data;

  if (other == NULL || !g_hash_table_contains (other, key))
    vd_domain_unwatch_stats (key);
}

static GHashTable *
domain_set_new (void)
{
  return g_hash_table_new_full (NULL, NULL, g_object_unref, NULL);
}

typedef struct
{
  guint64 cell[G_N_ELEMENTS (graph_columns)];
} RowSignatures;

/* After a stats tick, walking the rows on screen once:
 *  - the guests among them are watched (vd_domain_watch_stats()): the
 *    poller measures those at every tick, others maybe less often;
 *  - each graph cell's picture is compared with the one drawn at the last
 *    tick (vd_sparkline_renderer_get_signature()): only the cells that
 *    change are redrawn, so an idle guest's flat graphs cost nothing.
 * A row that was not on screen at the last tick has no signature and is
 * redrawn whole. */
static void
update_rows (VdManagerWindow *self,
             cairo_region_t  *region,
             guint           *n_cells,
             guint           *n_changed)
{
  GtkTreeView *tree_view = self->tree_view;
  GtkTreeModel *model = gtk_tree_view_get_model (tree_view);
  g_autoptr(GHashTable) visible = domain_set_new ();
  g_autoptr(GHashTable) signatures = g_hash_table_new_full (NULL, NULL, g_object_unref, g_free);
  gboolean shown = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (graph_columns); i++)
    shown |= gtk_tree_view_column_get_visible (COLUMN_AT (self, &graph_columns[i]));

  if (shown && model != NULL && gtk_widget_get_mapped (GTK_WIDGET (tree_view)))
    {
      GdkRectangle rect;
      int top;
      int y;

      gtk_tree_view_get_visible_rect (tree_view, &rect);
      gtk_tree_view_convert_tree_to_bin_window_coords (tree_view, rect.x, rect.y, NULL, &top);
      for (y = MAX (top, 0); y < top + rect.height;)
        {
          g_autoptr(GtkTreePath) path = NULL;
          GdkRectangle area;
          GtkTreeIter iter;
          gpointer object;
          RowSignatures *row;
          RowSignatures *before;

          if (!gtk_tree_view_get_path_at_pos (tree_view, 0, y, &path, NULL, NULL, NULL))
            break;
          gtk_tree_view_get_background_area (tree_view, path, NULL, &area);
          y = MAX (y + 1, area.y + area.height);
          if (!gtk_tree_model_get_iter (model, &iter, path))
            continue;

          object = vd_manager_model_get_object (model, &iter);
          if (VD_IS_DOMAIN (object))
            g_hash_table_add (visible, g_object_ref (object));
          if (object == NULL || g_hash_table_contains (signatures, object))
            continue;

          before = self->signatures != NULL ? g_hash_table_lookup (self->signatures, object) : NULL;
          row = g_new0 (RowSignatures, 1);
          for (guint i = 0; i < G_N_ELEMENTS (graph_columns); i++)
            {
              const GraphColumn *spec = &graph_columns[i];
              GtkTreeViewColumn *column = COLUMN_AT (self, spec);
              GtkCellRenderer *cell = RENDERER_AT (self, spec);
              GdkRectangle cell_area;

              if (!gtk_tree_view_column_get_visible (column))
                continue;

              gtk_tree_view_get_background_area (tree_view, path, column, &cell_area);
              graph_data_func (column, cell, model, &iter, (gpointer)spec);
              row->cell[i] = vd_sparkline_renderer_get_signature (VD_SPARKLINE_RENDERER (cell),
                                                                  cell_area.width,
                                                                  cell_area.height);
              (*n_cells)++;
              if (before != NULL && before->cell[i] == row->cell[i])
                continue;
              (*n_changed)++;

              /* From one pixel in: the tree view draws every column that
               * touches the area, the one left of it too. That pixel is
               * the cell's padding, which a tick does not change. The
               * region is in the bin window's coordinates (see
               * _vd_manager_window_columns_queue_draw()). */
              cairo_region_union_rectangle (region, &(cairo_rectangle_int_t) {
                                              cell_area.x + 1, cell_area.y,
                                              MAX (cell_area.width - 1, 0),
                                              cell_area.height });
            }
          g_hash_table_insert (signatures, g_object_ref (object), row);
        }
    }

  if (self->watched != NULL)
    g_hash_table_foreach (self->watched, unwatch_domain, visible);
  g_hash_table_foreach (visible, watch_domain, self->watched);
  g_clear_pointer (&self->watched, g_hash_table_unref);
  self->watched = g_steal_pointer (&visible);

  g_clear_pointer (&self->signatures, g_hash_table_unref);
  self->signatures = g_steal_pointer (&signatures);
}

/* From dispose: no guest is watched by this window any more. */
void
_vd_manager_window_columns_unwatch_all (VdManagerWindow *self)
{
  g_clear_pointer (&self->signatures, g_hash_table_unref);
  if (self->watched == NULL)
    return;

  g_hash_table_foreach (self->watched, unwatch_domain, NULL);
  g_clear_pointer (&self->watched, g_hash_table_unref);
}

/* After a stats tick: redraw the graph cells whose pictures change and
 * nothing else (see update_rows()); names and states are left alone, and
 * with no graph column shown nothing is redrawn.
 *
 * The area is invalidated on the tree view's bin window, not with
 * gtk_widget_queue_draw_area(): GTK 3's tree view answers any queued draw
 * of the widget by throwing away its whole pixel cache, so every visible
 * row, names and icons included, was laid out and drawn again on every
 * tick. An invalidation of the bin window reaches the pixel cache as just
 * that area. */
void
_vd_manager_window_columns_queue_draw (VdManagerWindow *self)
{
  GdkWindow *bin_window = gtk_tree_view_get_bin_window (self->tree_view);
  cairo_region_t *region = cairo_region_create ();
  guint n_cells = 0;
  guint n_changed = 0;

  update_rows (self, region, &n_cells, &n_changed);

  if (bin_window != NULL && n_changed > 0 && n_changed * 2 >= n_cells)
    {
      /* Most cells changed (graphs still filling, busy guests): one
       * rectangle over the graph columns draws faster than a region of
       * many cells, each clipped on its own. */
      int left = G_MAXINT;
      int right = G_MININT;

      for (guint i = 0; i < G_N_ELEMENTS (graph_columns); i++)
        {
          GtkTreeViewColumn *column = COLUMN_AT (self, &graph_columns[i]);
          int x;

          if (!gtk_tree_view_column_get_visible (column))
            continue;
          /* Column offsets are in tree coordinates; the bin window's
           * differ when scrolled sideways. */
          gtk_tree_view_convert_tree_to_bin_window_coords (self->tree_view,
                                                           gtk_tree_view_column_get_x_offset (column),
                                                           0, &x, NULL);
          left = MIN (left, x);
          right = MAX (right, x + gtk_tree_view_column_get_width (column));
        }
      /* From one pixel in, as for a cell. */
      if (left != G_MAXINT && left + 1 < right)
        gdk_window_invalidate_rect (bin_window,
                                    &(GdkRectangle) { left + 1, 0, right - left - 1,
                                                      gdk_window_get_height (bin_window) },
                                    FALSE);
    }
  else if (bin_window != NULL && !cairo_region_is_empty (region))
    {
      gdk_window_invalidate_region (bin_window, region, FALSE);
    }

  cairo_region_destroy (region);
}
