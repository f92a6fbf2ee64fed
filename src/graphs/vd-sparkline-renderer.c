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
 *
 * An optional second series (disk writes beside reads, network sends
 * beside receives) is drawn as a second line, not filled, in a theme
 * colour of its own (see secondary_color()); its text, if any, goes on a
 * second line in that colour, so the text doubles as the legend. Without
 * a fixed maximum both series share one scale.
 */

#define GRAPH_WIDTH 80
#define TEXT_GAP    6

struct _VdSparklineRenderer
{
  GtkCellRenderer  parent_instance;

  VdStatsRing     *ring;
  VdStatsRing     *secondary_ring;
  char            *text;
  char            *secondary_text;
  double           maximum;
};

enum {
  PROP_0,
  PROP_RING,
  PROP_SECONDARY_RING,
  PROP_TEXT,
  PROP_SECONDARY_TEXT,
  PROP_MAXIMUM,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (VdSparklineRenderer, vd_sparkline_renderer, GTK_TYPE_CELL_RENDERER)

static void
mix (const GdkRGBA *a,
     const GdkRGBA *b,
     GdkRGBA       *result)
{
  result->red = (a->red + b->red) / 2;
  result->green = (a->green + b->green) / 2;
  result->blue = (a->blue + b->blue) / 2;
  result->alpha = 1.0;
}

static void
text_color (GtkWidget            *widget,
            GtkCellRendererState  flags,
            GdkRGBA              *color)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);

  gtk_style_context_save (context);
  if (flags & GTK_CELL_RENDERER_SELECTED)
    gtk_style_context_set_state (context, GTK_STATE_FLAG_SELECTED);
  gtk_style_context_get_color (context, gtk_style_context_get_state (context), color);
  gtk_style_context_restore (context);
}

static void
line_color (GtkWidget            *widget,
            GtkCellRendererState  flags,
            GdkRGBA              *color)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  GdkRGBA accent;
  GdkRGBA text;

  text_color (widget, flags, &text);

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

  mix (&accent, &text, color);
}

static void
secondary_color (GtkWidget            *widget,
                 GtkCellRendererState  flags,
                 GdkRGBA              *color)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  GdkRGBA base;
  GdkRGBA text;

  text_color (widget, flags, &text);

  /* The theme's warning colour (an orange in Adwaita, light and dark)
   * halfway to the text colour: a brown-orange on light backgrounds, a
   * light orange on dark ones, clearly apart from the blue of the first
   * line. In a selected row, where the first line is the selected text
   * colour, a quarter of the way from that colour to the orange: a pale
   * orange that keeps its contrast on the selection; it is also dashed
   * there (see render), as the tint alone is a faint difference. */
  if (!gtk_style_context_lookup_color (context, "warning_color", &base) &&
      !gtk_style_context_lookup_color (context, "success_color", &base))
    {
      /* A theme without either: the text colour, lighter. */
      *color = text;
      color->alpha *= 0.6;
      return;
    }

  if (flags & GTK_CELL_RENDERER_SELECTED)
    {
      color->red = base.red / 4 + text.red * 3 / 4;
      color->green = base.green / 4 + text.green * 3 / 4;
      color->blue = base.blue / 4 + text.blue * 3 / 4;
      color->alpha = 1.0;
      return;
    }

  mix (&base, &text, color);
}

static PangoLayout *
make_layout (GtkWidget  *widget,
             const char *text,
             gboolean    small)
{
  PangoLayout *layout;

  if (text == NULL || text[0] == '\0')
    return NULL;

  layout = gtk_widget_create_pango_layout (widget, text);
  if (small)
    {
      /* Two lines of values fit the height of a row with a title. */
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }

  return layout;
}

/* Text right of the graph: one line, or two (the second series' value
 * below) in a smaller size. Returns the layouts' size. */
static void
make_layouts (VdSparklineRenderer  *self,
              GtkWidget            *widget,
              PangoLayout         **primary,
              PangoLayout         **secondary,
              int                  *width,
              int                  *height)
{
  gboolean two = self->secondary_text != NULL && self->secondary_text[0] != '\0';
  int w;
  int h;

  *primary = make_layout (widget, self->text, two);
  *secondary = make_layout (widget, self->secondary_text, two);
  *width = 0;
  *height = 0;

  if (*primary != NULL)
    {
      pango_layout_get_pixel_size (*primary, &w, &h);
      *width = MAX (*width, w);
      *height += h;
    }
  if (*secondary != NULL)
    {
      pango_layout_get_pixel_size (*secondary, &w, &h);
      *width = MAX (*width, w);
      *height += h;
    }
}

static double
scale_maximum (VdSparklineRenderer *self)
{
  double maximum = self->maximum;

  if (maximum > 0)
    return maximum;

  maximum = self->ring != NULL ? vd_stats_ring_get_max (self->ring) : 0;
  if (self->secondary_ring != NULL)
    maximum = MAX (maximum, vd_stats_ring_get_max (self->secondary_ring));

  /* All zero (an idle disk): a flat line along the bottom, not nothing. */
  return maximum > 0 ? maximum : 1;
}

static void
draw_graph (VdStatsRing          *ring,
            double                maximum,
            gboolean              fill,
            gboolean              dashed,
            cairo_t              *cr,
            const GdkRectangle   *area,
            const GdkRGBA        *color)
{
  guint capacity = vd_stats_ring_get_capacity (ring);
  guint length = vd_stats_ring_get_length (ring);
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
  if (dashed)
    cairo_set_dash (cr, (const double[]) { 4, 2 }, 2, 0);

  /* Oldest held sample first, so the path runs left to right. Each run of
   * samples between gaps is filled (if @fill), then stroked. */
  for (guint i = 0; i <= length; i++)
    {
      guint age = length - 1 - MIN (i, length - 1);
      double value = i < length ? vd_stats_ring_get (ring, age) : NAN;
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
          if (fill)
            {
              cairo_path_t *line = cairo_copy_path (cr);

              cairo_line_to (cr, last_x, bottom);
              cairo_line_to (cr, run_start_x, bottom);
              cairo_close_path (cr);
              cairo_set_source_rgba (cr, color->red, color->green, color->blue,
                                     color->alpha * 0.3);
              cairo_fill (cr);

              cairo_append_path (cr, line);
              cairo_path_destroy (line);
            }
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
  g_autoptr(PangoLayout) primary = NULL;
  g_autoptr(PangoLayout) secondary = NULL;
  GdkRectangle graph;
  GdkRGBA color;
  GdkRGBA second;
  double maximum;
  int xpad;
  int ypad;
  int text_width;
  int text_height;

  gtk_cell_renderer_get_padding (cell, &xpad, &ypad);
  graph.x = cell_area->x + xpad;
  graph.y = cell_area->y + ypad;
  graph.width = cell_area->width - 2 * xpad;
  graph.height = cell_area->height - 2 * ypad;

  make_layouts (self, widget, &primary, &secondary, &text_width, &text_height);
  line_color (widget, flags, &color);
  secondary_color (widget, flags, &second);

  if (primary != NULL || secondary != NULL)
    {
      int x;
      int y = cell_area->y + (cell_area->height - text_height) / 2;

      graph.width = MAX (0, graph.width - text_width - TEXT_GAP);
      x = graph.x + graph.width + TEXT_GAP;

      if (secondary == NULL)
        {
          gtk_render_layout (gtk_widget_get_style_context (widget), cr, x, y, primary);
        }
      else
        {
          /* Each value in its line's colour: the text is the legend. In a
           * selected row both in the selected text colour, for contrast. */
          GdkRGBA second_text = second;

          if (flags & GTK_CELL_RENDERER_SELECTED)
            text_color (widget, flags, &second_text);
          cairo_save (cr);
          if (primary != NULL)
            {
              int height;

              pango_layout_get_pixel_size (primary, NULL, &height);
              gdk_cairo_set_source_rgba (cr, &color);
              cairo_move_to (cr, x, y);
              pango_cairo_show_layout (cr, primary);
              y += height;
            }
          gdk_cairo_set_source_rgba (cr, &second_text);
          cairo_move_to (cr, x, y);
          pango_cairo_show_layout (cr, secondary);
          cairo_restore (cr);
        }
    }

  if (self->ring == NULL || graph.width < 2 || graph.height < 2)
    return;

  maximum = scale_maximum (self);
  draw_graph (self->ring, maximum, TRUE, FALSE, cr, &graph, &color);
  if (self->secondary_ring != NULL)
    draw_graph (self->secondary_ring, maximum, FALSE, (flags & GTK_CELL_RENDERER_SELECTED) != 0,
                cr, &graph, &second);
}

static void
vd_sparkline_renderer_get_preferred_width (GtkCellRenderer *cell,
                                           GtkWidget       *widget,
                                           int             *minimum,
                                           int             *natural)
{
  VdSparklineRenderer *self = VD_SPARKLINE_RENDERER (cell);
  g_autoptr(PangoLayout) primary = NULL;
  g_autoptr(PangoLayout) secondary = NULL;
  int xpad;
  int text_width;
  int text_height;

  gtk_cell_renderer_get_padding (cell, &xpad, NULL);
  make_layouts (self, widget, &primary, &secondary, &text_width, &text_height);

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
  VdSparklineRenderer *self = VD_SPARKLINE_RENDERER (cell);
  g_autoptr(PangoLayout) primary = NULL;
  g_autoptr(PangoLayout) secondary = NULL;
  int ypad;
  int height;
  int text_width;
  int text_height;

  gtk_cell_renderer_get_padding (cell, NULL, &ypad);
  if (self->secondary_ring != NULL)
    {
      /* Room for both values from the start, before any is known: tree
       * views measure a row once, not on every tick. */
      g_autoptr(PangoLayout) line = make_layout (widget, "0", TRUE);

      pango_layout_get_pixel_size (line, NULL, &text_height);
      text_height *= 2;
    }
  else
    {
      make_layouts (self, widget, &primary, &secondary, &text_width, &text_height);
    }
  /* As tall as a line of text, or the two small lines of two values: the
   * graph itself never makes rows taller. */
  height = 2 * ypad + MAX (16, text_height);
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
  g_clear_pointer (&self->secondary_ring, vd_stats_ring_unref);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->secondary_text, g_free);

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
    case PROP_SECONDARY_RING:
      g_value_set_boxed (value, self->secondary_ring);
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case PROP_SECONDARY_TEXT:
      g_value_set_string (value, self->secondary_text);
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
    case PROP_SECONDARY_RING:
      g_clear_pointer (&self->secondary_ring, vd_stats_ring_unref);
      self->secondary_ring = g_value_dup_boxed (value);
      break;
    case PROP_TEXT:
      g_free (self->text);
      self->text = g_value_dup_string (value);
      break;
    case PROP_SECONDARY_TEXT:
      g_free (self->secondary_text);
      self->secondary_text = g_value_dup_string (value);
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
  /* A second series drawn over the first as an unfilled line. */
  properties[PROP_SECONDARY_RING] =
    g_param_spec_boxed ("secondary-ring", NULL, NULL, VD_TYPE_STATS_RING,
                        G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  /* The second series' value, shown below the first one's. */
  properties[PROP_SECONDARY_TEXT] =
    g_param_spec_string ("secondary-text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  /* 0: scale to the largest sample held (of both series). */
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
