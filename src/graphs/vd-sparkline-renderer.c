/* vd-sparkline-renderer.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

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
 *
 * It is drawn for every visible row at every stats tick, so it is cheap
 * where it can be: a cell data function hands it the series and current
 * values with vd_sparkline_renderer_set_series() (no property
 * notifications), the texts are formatted only for the cells drawn, their
 * layouts are kept (values repeat: "0 B/s" in most rows), and the theme
 * colours are looked up once per style change, not once per cell.
 */

#define LAYOUT_CACHE_MAX 512

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
  double           scale_floor;

  /* Texts formatted when drawn (set_series), instead of the above. */
  VdSparklineFormatFunc format;
  gpointer         format_data;
  gpointer         secondary_format_data;
  double           value;
  double           secondary_value;

  /* Layouts by text, for the widget's Pango context as of context_serial;
   * one table for each text size. */
  GHashTable      *layouts[2];
  PangoContext    *context;
  guint            context_serial;

  /* Colours of the style context (weak) as of its last "changed". */
  GtkStyleContext *style;
  gboolean         colors_valid[2];   /* [selected] */
  GdkRGBA          colors[2][3];      /* [selected][text, line, secondary] */
};

enum {
  PROP_0,
  PROP_RING,
  PROP_SECONDARY_RING,
  PROP_TEXT,
  PROP_SECONDARY_TEXT,
  PROP_MAXIMUM,
  PROP_SCALE_FLOOR,
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
create_layout (GtkWidget  *widget,
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

/* A layout of @text from the cache (a new reference), made on first use;
 * the cache is emptied when the widget's fonts change. */
static PangoLayout *
make_layout (VdSparklineRenderer *self,
             GtkWidget           *widget,
             const char          *text,
             gboolean             small)
{
  PangoContext *context = gtk_widget_get_pango_context (widget);
  GHashTable *cache;
  PangoLayout *layout;

  if (text == NULL || text[0] == '\0')
    return NULL;

  if (context != self->context || pango_context_get_serial (context) != self->context_serial)
    {
      for (guint i = 0; i < G_N_ELEMENTS (self->layouts); i++)
        g_hash_table_remove_all (self->layouts[i]);
      self->context = context;
      self->context_serial = pango_context_get_serial (context);
    }

  cache = self->layouts[small ? 1 : 0];
  layout = g_hash_table_lookup (cache, text);
  if (layout == NULL)
    {
      if (g_hash_table_size (cache) >= LAYOUT_CACHE_MAX)
        g_hash_table_remove_all (cache);
      layout = create_layout (widget, text, small);
      g_hash_table_insert (cache, g_strdup (text), layout);
    }

  return g_object_ref (layout);
}

static char *
format_text (VdSparklineRenderer *self,
             gboolean             secondary)
{
  double value = secondary ? self->secondary_value : self->value;

  if (self->format == NULL)
    return g_strdup (secondary ? self->secondary_text : self->text);
  if (secondary && self->secondary_format_data == NULL)
    return NULL;
  return value >= 0
         ? self->format (value, secondary ? self->secondary_format_data : self->format_data)
         : NULL;
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
  g_autofree char *text = format_text (self, FALSE);
  g_autofree char *secondary_text = format_text (self, TRUE);
  gboolean two = secondary_text != NULL && secondary_text[0] != '\0';
  int w;
  int h;

  *primary = make_layout (self, widget, text, two);
  *secondary = make_layout (self, widget, secondary_text, two);
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

  /* A few bytes a second on an idle disk are not drawn as a full graph. */
  maximum = MAX (maximum, self->scale_floor);

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
  gboolean pending = FALSE;
  double run_start_x = 0;
  double last_x = 0;
  double last_y = 0;

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
          else if (y == last_y)
            {
              /* A level stretch (an idle guest, memory that does not
               * move) is one segment, however many samples it holds: the
               * same picture for a fraction of the stroking. */
              pending = TRUE;
            }
          else
            {
              if (pending)
                cairo_line_to (cr, last_x, last_y);
              cairo_line_to (cr, x, y);
              pending = FALSE;
            }
          last_x = x;
          last_y = y;
          continue;
        }

      if (in_run)
        {
          if (pending)
            cairo_line_to (cr, last_x, last_y);
          pending = FALSE;
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
style_changed_cb (GtkStyleContext     *style,
                  VdSparklineRenderer *self)
{
  self->colors_valid[0] = self->colors_valid[1] = FALSE;
}

static void
forget_style (VdSparklineRenderer *self)
{
  if (self->style == NULL)
    return;

  g_signal_handlers_disconnect_by_func (self->style, style_changed_cb, self);
  g_object_remove_weak_pointer (G_OBJECT (self->style), (gpointer *)&self->style);
  self->style = NULL;
}

/* The text, line and second line colours (see the functions above) for
 * a row in @flags' state, looked up again only after a style change. */
static const GdkRGBA *
get_colors (VdSparklineRenderer  *self,
            GtkWidget            *widget,
            GtkCellRendererState  flags)
{
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  guint selected = (flags & GTK_CELL_RENDERER_SELECTED) != 0;

  if (style != self->style)
    {
      forget_style (self);
      self->style = style;
      g_object_add_weak_pointer (G_OBJECT (style), (gpointer *)&self->style);
      g_signal_connect (style, "changed", G_CALLBACK (style_changed_cb), self);
      self->colors_valid[0] = self->colors_valid[1] = FALSE;
    }

  if (!self->colors_valid[selected])
    {
      text_color (widget, flags, &self->colors[selected][0]);
      line_color (widget, flags, &self->colors[selected][1]);
      secondary_color (widget, flags, &self->colors[selected][2]);
      self->colors_valid[selected] = TRUE;
    }

  return self->colors[selected];
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
  const GdkRGBA *colors;
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
  colors = get_colors (self, widget, flags);
  color = colors[1];
  second = colors[2];

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
            second_text = colors[0];
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
      g_autoptr(PangoLayout) line = make_layout (self, widget, "0", TRUE);

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

  forget_style (self);
  for (guint i = 0; i < G_N_ELEMENTS (self->layouts); i++)
    g_clear_pointer (&self->layouts[i], g_hash_table_unref);
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
      g_value_take_string (value, format_text (self, FALSE));
      break;
    case PROP_SECONDARY_TEXT:
      g_value_take_string (value, format_text (self, TRUE));
      break;
    case PROP_MAXIMUM:
      g_value_set_double (value, self->maximum);
      break;
    case PROP_SCALE_FLOOR:
      g_value_set_double (value, self->scale_floor);
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
      self->format = NULL;
      break;
    case PROP_SECONDARY_TEXT:
      g_free (self->secondary_text);
      self->secondary_text = g_value_dup_string (value);
      self->format = NULL;
      break;
    case PROP_MAXIMUM:
      self->maximum = g_value_get_double (value);
      break;
    case PROP_SCALE_FLOOR:
      self->scale_floor = g_value_get_double (value);
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

  /* With maximum 0: the scale never goes below this. */
  properties[PROP_SCALE_FLOOR] =
    g_param_spec_double ("scale-floor", NULL, NULL, 0, G_MAXDOUBLE, 0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vd_sparkline_renderer_init (VdSparklineRenderer *self)
{
  self->maximum = 100;
  for (guint i = 0; i < G_N_ELEMENTS (self->layouts); i++)
    self->layouts[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  gtk_cell_renderer_set_padding (GTK_CELL_RENDERER (self), 2, 2);
}

GtkCellRenderer *
vd_sparkline_renderer_new (void)
{
  return g_object_new (VD_TYPE_SPARKLINE_RENDERER, NULL);
}

static void
set_ring (VdStatsRing **slot,
          VdStatsRing  *ring)
{
  if (*slot == ring)
    return;

  g_clear_pointer (slot, vd_stats_ring_unref);
  if (ring != NULL)
    *slot = vd_stats_ring_ref (ring);
}

/**
 * vd_sparkline_renderer_set_series:
 * @ring: (nullable): the series drawn, filled
 * @secondary_ring: (nullable): a second series, drawn as a line
 * @maximum: the top of the scale; 0 to scale to the samples
 * @format: formats the values shown right of the graph
 * @format_data: @format's data for @value
 * @value: the first series' current value, negative when unknown
 * @secondary_format_data: @format's data for @secondary_value; NULL for no
 *   second value
 * @secondary_value: the second series' current value
 *
 * What a cell data function gives the renderer for one row, without
 * property notifications; the texts are formatted only if the cell is
 * drawn. The "text" properties then read the formatted values.
 */
void
vd_sparkline_renderer_set_series (VdSparklineRenderer  *self,
                                  VdStatsRing          *ring,
                                  VdStatsRing          *secondary_ring,
                                  double                maximum,
                                  VdSparklineFormatFunc format,
                                  gpointer              format_data,
                                  double                value,
                                  gpointer              secondary_format_data,
                                  double                secondary_value)
{
  g_return_if_fail (VD_IS_SPARKLINE_RENDERER (self));
  g_return_if_fail (format != NULL);

  set_ring (&self->ring, ring);
  set_ring (&self->secondary_ring, secondary_ring);
  self->maximum = maximum;
  self->format = format;
  self->format_data = format_data;
  self->value = value;
  self->secondary_format_data = secondary_format_data;
  self->secondary_value = secondary_value;
}

static guint64
hash_bytes (guint64       hash,
            gconstpointer data,
            gsize         size)
{
  const guint8 *p = data;

  /* FNV-1a */
  for (gsize i = 0; i < size; i++)
    hash = (hash ^ p[i]) * G_GUINT64_CONSTANT (0x100000001b3);
  return hash;
}

static guint64
hash_ring (guint64            hash,
           const VdStatsRing *ring,
           double             maximum,
           int                height)
{
  guint length = ring != NULL ? vd_stats_ring_get_length (ring) : 0;
  guint capacity = ring != NULL ? vd_stats_ring_get_capacity (ring) : 0;

  hash = hash_bytes (hash, &length, sizeof length);
  hash = hash_bytes (hash, &capacity, sizeof capacity);
  for (guint age = 0; age < length; age++)
    {
      double value = vd_stats_ring_get (ring, age);
      /* A quarter of a pixel of the cell's height: finer than any change
       * the graph can show. */
      gint32 level = isnan (value) ? -1
                                   : (gint32)(CLAMP (value / maximum, 0.0, 1.0) * height * 4 + 0.5);

      hash = hash_bytes (hash, &level, sizeof level);
    }
  return hash;
}

static guint64
hash_string (guint64     hash,
             const char *text)
{
  return text != NULL ? hash_bytes (hash, text, strlen (text) + 1) : hash_bytes (hash, "", 1);
}

/**
 * vd_sparkline_renderer_get_signature:
 * @width: the cell's width
 * @height: the cell's height
 *
 * A digest of what the renderer would draw in a cell of that size with
 * the series it was last given: equal digests draw the same picture (to
 * a quarter of a pixel). Lets a view redraw after a stats tick only the
 * cells that change: an idle guest's flat graphs stay as they are.
 */
guint64
vd_sparkline_renderer_get_signature (VdSparklineRenderer *self,
                                     int                  width,
                                     int                  height)
{
  g_autofree char *text = NULL;
  g_autofree char *secondary_text = NULL;
  guint64 hash = G_GUINT64_CONSTANT (0xcbf29ce484222325);
  gboolean visible;
  double maximum;

  g_return_val_if_fail (VD_IS_SPARKLINE_RENDERER (self), 0);

  visible = gtk_cell_renderer_get_visible (GTK_CELL_RENDERER (self));
  hash = hash_bytes (hash, &visible, sizeof visible);
  hash = hash_bytes (hash, &width, sizeof width);
  hash = hash_bytes (hash, &height, sizeof height);
  if (!visible)
    return hash;

  maximum = scale_maximum (self);
  hash = hash_bytes (hash, &maximum, sizeof maximum);
  hash = hash_ring (hash, self->ring, maximum, height);
  hash = hash_ring (hash, self->secondary_ring, maximum, height);

  /* The texts follow from the values: the same value, the same text
   * (formatting them here would cost more than the comparison saves). */
  if (self->format != NULL)
    {
      hash = hash_bytes (hash, &self->value, sizeof self->value);
      hash = hash_bytes (hash, &self->secondary_value, sizeof self->secondary_value);
      hash = hash_bytes (hash, &self->format_data, sizeof self->format_data);
      hash = hash_bytes (hash, &self->secondary_format_data, sizeof self->secondary_format_data);
      return hash;
    }

  text = format_text (self, FALSE);
  secondary_text = format_text (self, TRUE);
  hash = hash_string (hash, text);
  hash = hash_string (hash, secondary_text);

  return hash;
}
