/* vd-sparkline-renderer.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "vd-sparkline-renderer.h"

/*
 * A small history graph in a tree view cell: one renderer for the whole
 * column, reading the row's VdStatsRing when the row is drawn, so 10,000
 * rows cost no widgets and no per-row drawing state. The newest sample is
 * at the right edge; a gap (NAN) breaks the line. The current value, as
 * text, sits right of the graph.
 *
 * Colours come from the theme (see line_color()), filled underneath at low
 * opacity; in a selected row, the selected text colour, so the graph stays
 * visible on the selection background. Nothing is hard-coded.
 */

#define GRAPH_WIDTH 80
#define TEXT_GAP    6

struct _VdSparklineRenderer
{
  GtkCellRenderer  parent_instance;

  VdStatsRing     *ring;
  char            *text;
  double           maximum;
};

enum {
  PROP_0,
  PROP_RING,
  PROP_TEXT,
  PROP_MAXIMUM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (VdSparklineRenderer, vd_sparkline_renderer, GTK_TYPE_CELL_RENDERER)

static void
line_color (GtkWidget            *widget,
            GtkCellRendererState  flags,
            GdkRGBA              *color)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  GdkRGBA accent;
  GdkRGBA text;

  gtk_style_context_save (context);
  if (flags & GTK_CELL_RENDERER_SELECTED)
    gtk_style_context_set_state (context, GTK_STATE_FLAG_SELECTED);
  gtk_style_context_get_color (context, gtk_style_context_get_state (context), &text);
  gtk_style_context_restore (context);

  /* In a selected row the selection colour is the background: use the
   * selected text colour. Elsewhere, the accent colour halfway to the text
   * colour: a dark blue on a light theme, a light blue on a dark one, so
   * the line keeps its contrast in both (Adwaita-dark's accent alone is too
   * dark to read on its background). */
  if ((flags & GTK_CELL_RENDERER_SELECTED) ||
      !gtk_style_context_lookup_color (context, "theme_selected_bg_color", &accent))
    {
      *color = text;
      return;
    }

  color->red = (accent.red + text.red) / 2;
  color->green = (accent.green + text.green) / 2;
  color->blue = (accent.blue + text.blue) / 2;
  color->alpha = 1.0;
}

static PangoLayout *
make_layout (VdSparklineRenderer *self,
             GtkWidget           *widget)
{
  if (self->text == NULL || self->text[0] == '\0')
    return NULL;

  return gtk_widget_create_pango_layout (widget, self->text);
}

static void
draw_graph (VdSparklineRenderer  *self,
            cairo_t              *cr,
            const GdkRectangle   *area,
            const GdkRGBA        *color)
{
  guint capacity = vd_stats_ring_get_capacity (self->ring);
  guint length = vd_stats_ring_get_length (self->ring);
  double maximum = self->maximum > 0 ? self->maximum : vd_stats_ring_get_max (self->ring);
  double step = capacity > 1 ? (double)(area->width - 1) / (capacity - 1) : 0;
  double right = area->x + area->width - 0.5;
  double bottom = area->y + area->height - 0.5;
  double height = area->height - 1;
  gboolean in_run = FALSE;
  double run_start_x = 0;
  double last_x = 0;

  if (length == 0 || maximum <= 0)
    return;

  cairo_save (cr);
  cairo_rectangle (cr, area->x, area->y, area->width, area->height);
  cairo_clip (cr);
  cairo_set_line_width (cr, 1.5);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);

  /* Oldest held sample first, so the path runs left to right. Each run of
   * samples between gaps is filled, then stroked. */
  for (guint i = 0; i <= length; i++)
    {
      guint age = length - 1 - MIN (i, length - 1);
      double value = i < length ? vd_stats_ring_get (self->ring, age) : NAN;
      double x = right - age * step;

      if (!isnan (value))
        {
          double y = bottom - CLAMP (value / maximum, 0.0, 1.0) * height;

          if (!in_run)
            {
              cairo_new_path (cr);
              cairo_move_to (cr, x, y);
              run_start_x = x;
              in_run = TRUE;
            }
          else
            {
              cairo_line_to (cr, x, y);
            }
          last_x = x;
          continue;
        }

      if (in_run)
        {
          cairo_path_t *line = cairo_copy_path (cr);

          cairo_line_to (cr, last_x, bottom);
          cairo_line_to (cr, run_start_x, bottom);
          cairo_close_path (cr);
          cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * 0.3);
          cairo_fill (cr);

          cairo_append_path (cr, line);
          cairo_path_destroy (line);
          gdk_cairo_set_source_rgba (cr, color);
          cairo_stroke (cr);
          in_run = FALSE;
        }
    }

  cairo_restore (cr);
}

static void
vd_sparkline_renderer_render (GtkCellRenderer      *cell,
                              cairo_t              *cr,
                              GtkWidget            *widget,
                              const GdkRectangle   *background_area,
                              const GdkRectangle   *cell_area,
                              GtkCellRendererState  flags)
{
  VdSparklineRenderer *self = VD_SPARKLINE_RENDERER (cell);
  g_autoptr(PangoLayout) layout = make_layout (self, widget);
  GdkRectangle graph;
  GdkRGBA color;
  int xpad;
  int ypad;
  int text_width = 0;
  int text_height = 0;

  gtk_cell_renderer_get_padding (cell, &xpad, &ypad);
  graph.x = cell_area->x + xpad;
  graph.y = cell_area->y + ypad;
  graph.width = cell_area->width - 2 * xpad;
  graph.height = cell_area->height - 2 * ypad;

  if (layout != NULL)
    {
      GtkStyleContext *context = gtk_widget_get_style_context (widget);

      pango_layout_get_pixel_size (layout, &text_width, &text_height);
      graph.width = MAX (0, graph.width - text_width - TEXT_GAP);
      gtk_render_layout (context, cr,
                         graph.x + graph.width + TEXT_GAP,
                         cell_area->y + (cell_area->height - text_height) / 2,
                         layout);
    }

  if (self->ring == NULL || graph.width < 2 || graph.height < 2)
    return;

  line_color (widget, flags, &color);
  draw_graph (self, cr, &graph, &color);
}

static void
vd_sparkline_renderer_get_preferred_width (GtkCellRenderer *cell,
                                           GtkWidget       *widget,
                                           int             *minimum,
                                           int             *natural)
{
  VdSparklineRenderer *self = VD_SPARKLINE_RENDERER (cell);
  g_autoptr(PangoLayout) layout = make_layout (self, widget);
  int xpad;
  int text_width = 0;

  gtk_cell_renderer_get_padding (cell, &xpad, NULL);
  if (layout != NULL)
    pango_layout_get_pixel_size (layout, &text_width, NULL);

  if (minimum != NULL)
    *minimum = 2 * xpad + GRAPH_WIDTH / 2 + text_width + TEXT_GAP;
  if (natural != NULL)
    *natural = 2 * xpad + GRAPH_WIDTH + text_width + TEXT_GAP;
}

static void
vd_sparkline_renderer_get_preferred_height (GtkCellRenderer *cell,
                                            GtkWidget       *widget,
                                            int             *minimum,
                                            int             *natural)
{
  int ypad;
  int height;

  gtk_cell_renderer_get_padding (cell, NULL, &ypad);
  /* As tall as a line of text: the graph never makes rows taller. */
  height = 2 * ypad + 16;
  if (minimum != NULL)
    *minimum = height;
  if (natural != NULL)
    *natural = height;
}

static void
vd_sparkline_renderer_finalize (GObject *object)
{
  VdSparklineRenderer *self = (VdSparklineRenderer *)object;

  g_clear_pointer (&self->ring, vd_stats_ring_unref);
  g_clear_pointer (&self->text, g_free);

  G_OBJECT_CLASS (vd_sparkline_renderer_parent_class)->finalize (object);
}

static void
vd_sparkline_renderer_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  VdSparklineRenderer *self = VD_SPARKLINE_RENDERER (object);

  switch (prop_id)
    {
    case PROP_RING:
      g_value_set_boxed (value, self->ring);
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case PROP_MAXIMUM:
      g_value_set_double (value, self->maximum);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vd_sparkline_renderer_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  VdSparklineRenderer *self = VD_SPARKLINE_RENDERER (object);

  switch (prop_id)
    {
    case PROP_RING:
      g_clear_pointer (&self->ring, vd_stats_ring_unref);
      self->ring = g_value_dup_boxed (value);
      break;
    case PROP_TEXT:
      g_free (self->text);
      self->text = g_value_dup_string (value);
      break;
    case PROP_MAXIMUM:
      self->maximum = g_value_get_double (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vd_sparkline_renderer_class_init (VdSparklineRendererClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkCellRendererClass *cell_class = GTK_CELL_RENDERER_CLASS (klass);

  object_class->finalize = vd_sparkline_renderer_finalize;
  object_class->get_property = vd_sparkline_renderer_get_property;
  object_class->set_property = vd_sparkline_renderer_set_property;

  cell_class->render = vd_sparkline_renderer_render;
  cell_class->get_preferred_width = vd_sparkline_renderer_get_preferred_width;
  cell_class->get_preferred_height = vd_sparkline_renderer_get_preferred_height;

  properties[PROP_RING] =
    g_param_spec_boxed ("ring", NULL, NULL, VD_TYPE_STATS_RING,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  /* 0: scale to the largest sample held. */
  properties[PROP_MAXIMUM] =
    g_param_spec_double ("maximum", NULL, NULL, 0, G_MAXDOUBLE, 100,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vd_sparkline_renderer_init (VdSparklineRenderer *self)
{
  self->maximum = 100;
  gtk_cell_renderer_set_padding (GTK_CELL_RENDERER (self), 2, 2);
}

GtkCellRenderer *
vd_sparkline_renderer_new (void)
{
  return g_object_new (VD_TYPE_SPARKLINE_RENDERER, NULL);
}
