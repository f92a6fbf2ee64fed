/* vd-graph.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-graph"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-graph.h"

/*
 * A history graph of up to two series (a guest's CPU and its share of the
 * host, disk reads and writes, ...). The drawing is vd_graph_render()
 * (vd-graph-render.c), a pure function taking the colours as a
 * VdGraphStyle; this widget's draw() only gathers the theme's colours and
 * calls it. The widget holds references to the rings and reads them when
 * it draws: its owner calls vd_graph_refresh() once per statistics tick.
 */

struct _VdGraph
{
  GtkDrawingArea  parent_instance;

  char           *title;
  VdStatsUnit     unit;
  double          maximum;
  guint           interval;
  VdStatsRing    *rings[VD_GRAPH_N_SERIES];
  char           *labels[VD_GRAPH_N_SERIES];
};

G_DEFINE_FINAL_TYPE (VdGraph, vd_graph, GTK_TYPE_DRAWING_AREA)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_UNIT,
  PROP_MAXIMUM,
  PROP_INTERVAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
set_str (char       **field,
         const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}


/* ------------------------------------------------------------------ */
/* Widget                                                              */
/* ------------------------------------------------------------------ */

static void
get_data (VdGraph     *self,
          VdGraphData *data)
{
  data->title = self->title;
  data->unit = self->unit;
  data->maximum = self->maximum;
  data->interval = self->interval;
  for (guint i = 0; i < VD_GRAPH_N_SERIES; i++)
    {
      data->series[i].ring = self->rings[i];
      data->series[i].label = self->labels[i];
    }
}

/* What a screen reader says: the title is the name, the current values
 * the description. */
static void
update_accessible (VdGraph *self)
{
  AtkObject *accessible = gtk_widget_get_accessible (GTK_WIDGET (self));
  g_autofree char *summary = vd_graph_dup_summary (self);

  atk_object_set_name (accessible, self->title != NULL ? self->title : "");
  if (g_strcmp0 (atk_object_get_description (accessible), summary) != 0)
    atk_object_set_description (accessible, summary);
}

static gboolean
vd_graph_draw (GtkWidget *widget,
               cairo_t   *cr)
{
  VdGraph *self = VD_GRAPH (widget);
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  int width = gtk_widget_get_allocated_width (widget);
  int height = gtk_widget_get_allocated_height (widget);
  VdGraphStyle style;
  VdGraphData data;

  gtk_render_background (context, cr, 0, 0, width, height);
  vd_graph_style_init_from_context (&style, context);
  get_data (self, &data);
  vd_graph_render (cr, gtk_widget_get_pango_context (widget), width, height, &style, &data,
                   NULL);

  return FALSE;
}

static void
vd_graph_get_preferred_width (GtkWidget *widget,
                              int       *minimum,
                              int       *natural)
{
  *minimum = 200;
  *natural = 360;
}

static void
vd_graph_get_preferred_height (GtkWidget *widget,
                               int       *minimum,
                               int       *natural)
{
  *minimum = 140;
  *natural = 180;
}

static void
vd_graph_finalize (GObject *object)
{
  VdGraph *self = (VdGraph *)object;

  g_clear_pointer (&self->title, g_free);
  for (guint i = 0; i < VD_GRAPH_N_SERIES; i++)
    {
      g_clear_pointer (&self->rings[i], vd_stats_ring_unref);
      g_clear_pointer (&self->labels[i], g_free);
    }

  G_OBJECT_CLASS (vd_graph_parent_class)->finalize (object);
}

static void
vd_graph_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  VdGraph *self = VD_GRAPH (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_UNIT:
      g_value_set_enum (value, self->unit);
      break;
    case PROP_MAXIMUM:
      g_value_set_double (value, self->maximum);
      break;
    case PROP_INTERVAL:
      g_value_set_uint (value, self->interval);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vd_graph_set_property (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  VdGraph *self = VD_GRAPH (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      vd_graph_set_title (self, g_value_get_string (value));
      break;
    case PROP_UNIT:
      vd_graph_set_unit (self, g_value_get_enum (value));
      break;
    case PROP_MAXIMUM:
      vd_graph_set_maximum (self, g_value_get_double (value));
      break;
    case PROP_INTERVAL:
      vd_graph_set_interval (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vd_graph_class_init (VdGraphClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = vd_graph_finalize;
  object_class->get_property = vd_graph_get_property;
  object_class->set_property = vd_graph_set_property;

  widget_class->draw = vd_graph_draw;
  widget_class->get_preferred_width = vd_graph_get_preferred_width;
  widget_class->get_preferred_height = vd_graph_get_preferred_height;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_UNIT] =
    g_param_spec_enum ("unit", NULL, NULL, VD_TYPE_STATS_UNIT, VD_STATS_UNIT_PERCENT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /* 0: scale to the samples held, rounded up (vd_graph_nice_maximum()). */
  properties[PROP_MAXIMUM] =
    g_param_spec_double ("maximum", NULL, NULL, 0, G_MAXDOUBLE, 0,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_INTERVAL] =
    g_param_spec_uint ("interval", NULL, NULL, 1, G_MAXUINT, 1,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "vd-graph");
}

static void
vd_graph_init (VdGraph *self)
{
  self->unit = VD_STATS_UNIT_PERCENT;
  self->interval = 1;
  atk_object_set_role (gtk_widget_get_accessible (GTK_WIDGET (self)), ATK_ROLE_CHART);
}

GtkWidget *
vd_graph_new (void)
{
  return g_object_new (VD_TYPE_GRAPH, NULL);
}

const char *
vd_graph_get_title (VdGraph *self)
{
  g_return_val_if_fail (VD_IS_GRAPH (self), NULL);

  return self->title;
}

void
vd_graph_set_title (VdGraph    *self,
                    const char *title)
{
  g_return_if_fail (VD_IS_GRAPH (self));

  if (set_str (&self->title, title))
    {
      update_accessible (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
    }
}

VdStatsUnit
vd_graph_get_unit (VdGraph *self)
{
  g_return_val_if_fail (VD_IS_GRAPH (self), VD_STATS_UNIT_PERCENT);

  return self->unit;
}

void
vd_graph_set_unit (VdGraph     *self,
                   VdStatsUnit  unit)
{
  g_return_if_fail (VD_IS_GRAPH (self));

  if (self->unit == unit)
    return;

  self->unit = unit;
  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UNIT]);
}

double
vd_graph_get_maximum (VdGraph *self)
{
  g_return_val_if_fail (VD_IS_GRAPH (self), 0);

  return self->maximum;
}

/**
 * vd_graph_set_maximum:
 * @maximum: the top of the value axis (100 for percent); 0 to scale to the
 *   samples held
 */
void
vd_graph_set_maximum (VdGraph *self,
                      double   maximum)
{
  g_return_if_fail (VD_IS_GRAPH (self));

  maximum = MAX (maximum, 0);
  if (self->maximum == maximum)
    return;

  self->maximum = maximum;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAXIMUM]);
}

guint
vd_graph_get_interval (VdGraph *self)
{
  g_return_val_if_fail (VD_IS_GRAPH (self), 1);

  return self->interval;
}

/**
 * vd_graph_set_interval:
 * @interval: seconds between two samples
 */
void
vd_graph_set_interval (VdGraph *self,
                       guint    interval)
{
  g_return_if_fail (VD_IS_GRAPH (self));

  interval = MAX (interval, 1);
  if (self->interval == interval)
    return;

  self->interval = interval;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL]);
}

/**
 * vd_graph_set_series:
 * @index: 0 or 1
 * @ring: (nullable): the samples, held by the graph; %NULL removes the series
 * @label: (nullable): its name in the legend
 */
void
vd_graph_set_series (VdGraph     *self,
                     guint        index,
                     VdStatsRing *ring,
                     const char  *label)
{
  g_return_if_fail (VD_IS_GRAPH (self));
  g_return_if_fail (index < VD_GRAPH_N_SERIES);

  if (ring != NULL)
    vd_stats_ring_ref (ring);
  g_clear_pointer (&self->rings[index], vd_stats_ring_unref);
  self->rings[index] = ring;
  set_str (&self->labels[index], label);

  vd_graph_refresh (self);
}

/**
 * vd_graph_get_ring:
 * @index: 0 or 1
 *
 * Returns: (transfer none) (nullable): the samples of series @index
 */
VdStatsRing *
vd_graph_get_ring (VdGraph *self,
                   guint    index)
{
  g_return_val_if_fail (VD_IS_GRAPH (self), NULL);
  g_return_val_if_fail (index < VD_GRAPH_N_SERIES, NULL);

  return self->rings[index];
}

const char *
vd_graph_get_label (VdGraph *self,
                    guint    index)
{
  g_return_val_if_fail (VD_IS_GRAPH (self), NULL);
  g_return_val_if_fail (index < VD_GRAPH_N_SERIES, NULL);

  return self->labels[index];
}

/**
 * vd_graph_dup_summary:
 *
 * Returns: (transfer full): the legend as one line of text, such as
 *   "Read: 1.2 MB/s, Write: 0 bytes/s" (the accessible description)
 */
char *
vd_graph_dup_summary (VdGraph *self)
{
  GString *summary;

  g_return_val_if_fail (VD_IS_GRAPH (self), NULL);

  summary = g_string_new (NULL);
  for (guint i = 0; i < VD_GRAPH_N_SERIES; i++)
    {
      VdGraphSeriesData series = { self->rings[i], self->labels[i] };
      g_autofree char *text = NULL;

      if (series.ring == NULL)
        continue;

      text = vd_graph_format_legend (self->unit, &series);
      if (summary->len > 0)
        /* translators: separates a graph's legend entries when they are
         * read out as one line */
        g_string_append (summary, _(", "));
      g_string_append (summary, text);
    }

  return g_string_free (summary, FALSE);
}

/**
 * vd_graph_refresh:
 *
 * The rings received samples: redraw, and update what a screen reader
 * says. Cheap; call it once per statistics tick.
 */
void
vd_graph_refresh (VdGraph *self)
{
  g_return_if_fail (VD_IS_GRAPH (self));

  update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
