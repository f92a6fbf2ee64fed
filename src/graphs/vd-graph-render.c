/* vd-graph-render.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-graph"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vd-graph-render.h"

/*
 * How a VdGraph looks, as one pure function of a cairo context, a size,
 * the colours and the data: title and legend with the current values on
 * top, the value axis on the left (0, half, maximum), the time axis below
 * ("60 s" at the left edge, "now" at the right), newest sample at the
 * right edge, gaps (NAN) left blank. No widget is needed, so the tests
 * draw it on an image surface and read pixels back.
 */

#define PAD          4    /* around everything */
#define GAP          6    /* between a label and what it labels */
#define LINE_WIDTH   2.0
#define FILL_ALPHA   0.25
#define GRID_ALPHA   0.15
#define LABEL_ALPHA  0.75 /* axis labels: dimmed like GTK's dim-label */

G_DEFINE_ENUM_TYPE (VdStatsUnit, vd_stats_unit,
  G_DEFINE_ENUM_VALUE (VD_STATS_UNIT_PERCENT, "percent"),
  G_DEFINE_ENUM_VALUE (VD_STATS_UNIT_BYTES, "bytes"),
  G_DEFINE_ENUM_VALUE (VD_STATS_UNIT_BYTE_RATE, "byte-rate"))

static void
mix (const GdkRGBA *a,
     const GdkRGBA *b,
     double         b_share,
     GdkRGBA       *out)
{
  out->red = a->red + (b->red - a->red) * b_share;
  out->green = a->green + (b->green - a->green) * b_share;
  out->blue = a->blue + (b->blue - a->blue) * b_share;
  out->alpha = 1.0;
}

/**
 * vd_graph_style_init_from_context:
 * @style: (out caller-allocates): the style to fill in
 * @context: the graph's style context
 *
 * Takes every colour from the theme. Series 1 is the accent colour halfway
 * to the text colour, as in the sparkline: a dark blue on a light theme, a
 * light blue on a dark one (Adwaita-dark's accent alone is too dark on its
 * background). Series 2 is the theme's warning colour (else its success
 * colour) moved a third of the way to the text colour, which keeps its hue
 * (orange in Adwaita) clearly apart from the blue while darkening it on a
 * light theme and lightening it on a dark one.
 */
void
vd_graph_style_init_from_context (VdGraphStyle    *style,
                                  GtkStyleContext *context)
{
  GdkRGBA accent;
  GdkRGBA other;

  g_return_if_fail (style != NULL);
  g_return_if_fail (GTK_IS_STYLE_CONTEXT (context));

  gtk_style_context_get_color (context, gtk_style_context_get_state (context), &style->text);

  style->grid = style->text;
  style->grid.alpha = style->text.alpha * GRID_ALPHA;

  if (gtk_style_context_lookup_color (context, "theme_selected_bg_color", &accent))
    mix (&accent, &style->text, 0.5, &style->series[0]);
  else
    style->series[0] = style->text;

  if (gtk_style_context_lookup_color (context, "warning_color", &other) ||
      gtk_style_context_lookup_color (context, "success_color", &other))
    {
      mix (&other, &style->text, 0.33, &style->series[1]);
    }
  else
    {
      /* A theme without named colours: still tell the two apart. */
      style->series[1] = style->text;
      style->series[1].alpha = 0.5;
    }

  style->font = NULL;
}

/* The smallest of 1, 2, 5, 10 times a power of ten that is >= @value
 * (@value > 0). Loops rather than log10()/pow(): the UI library does not
 * link libm, and the loop runs a handful of times. */
static double
nice_125 (double value)
{
  double power = 1;
  double fraction;

  while (value / power >= 10)
    power *= 10;
  while (value / power < 1)
    power /= 10;
  fraction = value / power;

  if (fraction <= 1 + 1e-9)
    return power;
  if (fraction <= 2 + 1e-9)
    return 2 * power;
  if (fraction <= 5 + 1e-9)
    return 5 * power;
  return 10 * power;
}

/**
 * vd_graph_nice_maximum:
 * @unit: what @value measures
 * @value: the largest sample
 *
 * Rounds @value up to a maximum whose axis labels read well in @unit: 1,
 * 2 or 5 times a power of ten of the unit the formatter will pick (MiB,
 * GiB for memory; kB/s, MB/s for rates; plain percent), never below 10 %,
 * 1 MiB or 1 kB/s, so an idle graph is not scaled up to its noise.
 *
 * Returns: the maximum for the value axis
 */
double
vd_graph_nice_maximum (VdStatsUnit unit,
                       double      value)
{
  double minimum;
  double base;
  double scale = 1;
  double nice;

  switch (unit)
    {
    case VD_STATS_UNIT_PERCENT:
      minimum = 10;
      base = 0;
      break;
    case VD_STATS_UNIT_BYTES:
      minimum = 1024 * 1024;
      base = 1024;
      break;
    case VD_STATS_UNIT_BYTE_RATE:
    default:
      minimum = 1000;
      base = 1000;
      break;
    }

  /* Also catches NAN. */
  if (!(value > minimum))
    return minimum;

  if (base == 0)
    return nice_125 (value);

  while (value / scale >= base)
    scale *= base;

  /* 1000–1023 MiB rounds to 1 GiB, not to "2000 MiB". */
  nice = MIN (nice_125 (value / scale), base);

  return nice * scale;
}

/**
 * vd_graph_format_span:
 * @seconds: how much time the graph shows
 *
 * Returns: (transfer full): the label at the left end of the time axis
 */
char *
vd_graph_format_span (guint seconds)
{
  if (seconds >= 120 && seconds % 60 == 0)
    /* translators: the left end of a graph's time axis: that many minutes
     * ago; "min" is the abbreviation for minutes */
    return g_strdup_printf (_("%u min"), seconds / 60);

  /* translators: the left end of a graph's time axis: that many seconds
   * ago; "s" is the abbreviation for seconds */
  return g_strdup_printf (_("%u s"), seconds);
}

/* g_set_str() is newer than the GLib we require. */
static PangoLayout *
make_layout (PangoContext       *pango,
             const VdGraphStyle *style,
             const char         *text,
             gboolean            title)
{
  PangoLayout *layout = pango_layout_new (pango);
  PangoAttrList *attrs = pango_attr_list_new ();

  if (style->font != NULL)
    pango_layout_set_font_description (layout, style->font);
  if (title)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  else
    pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_set_text (layout, text, -1);

  return layout;
}

static void
show_layout (cairo_t       *cr,
             PangoLayout   *layout,
             const GdkRGBA *color,
             double         alpha,
             double         x,
             double         y)
{
  cairo_save (cr);
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  cairo_restore (cr);
}

static char *
format_current (VdStatsUnit  unit,
                VdStatsRing *ring)
{
  char *text = vd_stats_format_value (unit, vd_stats_ring_get (ring, 0));

  /* No sample yet, or the newest is a gap. */
  return text != NULL ? text : g_strdup ("—");
}

/**
 * vd_graph_format_legend:
 * @unit: what the series measures
 * @series: the series
 *
 * Returns: (transfer full): its legend entry, such as "Read: 1.2 MB/s",
 *   with "—" for a value not known
 */
char *
vd_graph_format_legend (VdStatsUnit              unit,
                        const VdGraphSeriesData *series)
{
  g_autofree char *value = format_current (unit, series->ring);

  if (series->label == NULL || series->label[0] == '\0')
    return g_steal_pointer (&value);

  /* translators: a graph's legend entry: the series' name (such as "Read"),
   * then its current value (such as "1.2 MB/s") */
  return g_strdup_printf (_("%s: %s"), series->label, value);
}

static double
data_maximum (const VdGraphData *data)
{
  double largest = 0;

  if (data->maximum > 0)
    return data->maximum;

  for (guint i = 0; i < VD_GRAPH_N_SERIES; i++)
    {
      if (data->series[i].ring != NULL)
        largest = MAX (largest, vd_stats_ring_get_max (data->series[i].ring));
    }

  return vd_graph_nice_maximum (data->unit, largest);
}

static void
draw_series (cairo_t            *cr,
             const GdkRectangle *plot,
             VdStatsRing        *ring,
             double              maximum,
             const GdkRGBA      *color,
             gboolean            fill)
{
  guint capacity = vd_stats_ring_get_capacity (ring);
  guint length = vd_stats_ring_get_length (ring);
  double left = plot->x + 0.5;
  double right = plot->x + plot->width - 0.5;
  /* Whole-pixel heights: a 2 px line centred on a pixel boundary covers
   * two rows fully instead of blurring over three. */
  double top = plot->y + 1;
  double bottom = plot->y + plot->height - 1;
  double step = capacity > 1 ? (right - left) / (capacity - 1) : 0;
  guint run = 0;          /* samples in the current run */
  double run_start_x = 0;
  double last_x = 0;
  double last_y = 0;

  cairo_save (cr);
  /* A line at the maximum is centred on the top edge: let its upper half
   * show instead of clipping it to a thinner line. */
  cairo_rectangle (cr, plot->x - LINE_WIDTH, plot->y - LINE_WIDTH,
                   plot->width + 2 * LINE_WIDTH, plot->height + 2 * LINE_WIDTH);
  cairo_clip (cr);
  cairo_set_line_width (cr, LINE_WIDTH);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  /* Oldest held sample first, so each path runs left to right; one extra
   * step past the newest closes the last run. */
  for (guint i = 0; i <= length; i++)
    {
      guint age = length - 1 - MIN (i, length - 1);
      double value = i < length ? vd_stats_ring_get (ring, age) : NAN;
      double x = right - age * step;

      if (!isnan (value))
        {
          double y = (int)(bottom - CLAMP (value / maximum, 0.0, 1.0) * (bottom - top) + 0.5);

          if (run == 0)
            {
              cairo_new_path (cr);
              cairo_move_to (cr, x, y);
              run_start_x = x;
            }
          else
            {
              cairo_line_to (cr, x, y);
            }
          run++;
          last_x = x;
          last_y = y;
          continue;
        }

      if (run == 1)
        {
          /* A lone sample between gaps: a dot, or it would not show. */
          cairo_new_path (cr);
          cairo_arc (cr, last_x, last_y, LINE_WIDTH, 0, 2 * G_PI);
          gdk_cairo_set_source_rgba (cr, color);
          cairo_fill (cr);
        }
      else if (run > 1)
        {
          cairo_path_t *line = cairo_copy_path (cr);

          if (fill)
            {
              cairo_line_to (cr, last_x, bottom);
              cairo_line_to (cr, run_start_x, bottom);
              cairo_close_path (cr);
              cairo_set_source_rgba (cr, color->red, color->green, color->blue,
                                     color->alpha * FILL_ALPHA);
              cairo_fill (cr);
              cairo_append_path (cr, line);
            }
          cairo_path_destroy (line);
          gdk_cairo_set_source_rgba (cr, color);
          cairo_stroke (cr);
        }
      run = 0;
    }

  cairo_restore (cr);
}

/**
 * vd_graph_render:
 * @cr: where to draw, with (0, 0) at the graph's top left corner
 * @pango: (nullable): the context for text (the widget's, for its font);
 *   %NULL makes one for @cr
 * @width: the graph's width in pixels
 * @height: the graph's height in pixels
 * @style: the colours
 * @data: what to draw
 * @layout: (out caller-allocates) (optional): where the plot went
 *
 * Draws a whole graph: title and legend, grid and axis labels, and the
 * series. Paints nothing outside the graph's lines, text and fill, so it
 * shows on whatever background is below.
 */
void
vd_graph_render (cairo_t            *cr,
                 PangoContext       *pango,
                 int                 width,
                 int                 height,
                 const VdGraphStyle *style,
                 const VdGraphData  *data,
                 VdGraphLayout      *layout)
{
  PangoContext *own_pango = NULL;
  g_autoptr(PangoLayout) title = NULL;
  PangoLayout *legend[VD_GRAPH_N_SERIES] = { NULL, };
  PangoLayout *axis[3] = { NULL, };   /* 0, half, maximum */
  g_autoptr(PangoLayout) span = NULL;
  g_autoptr(PangoLayout) now = NULL;
  g_autofree char *span_text = NULL;
  double maximum = data_maximum (data);
  GdkRectangle plot;
  int title_width = 0;
  int title_height = 0;
  int legend_width = 0;
  int legend_height = 0;
  int swatch;
  int axis_width = 0;
  int axis_height = 0;
  int span_width, now_width, time_height;
  int header_height;
  guint capacity = 0;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (style != NULL);
  g_return_if_fail (data != NULL);

  if (pango == NULL)
    pango = own_pango = pango_cairo_create_context (cr);

  /* Measure. */
  if (data->title != NULL && data->title[0] != '\0')
    {
      title = make_layout (pango, style, data->title, TRUE);
      pango_layout_get_pixel_size (title, &title_width, &title_height);
    }

  for (guint i = 0; i < VD_GRAPH_N_SERIES; i++)
    {
      g_autofree char *text = NULL;
      int w, h;

      if (data->series[i].ring == NULL)
        continue;

      capacity = MAX (capacity, vd_stats_ring_get_capacity (data->series[i].ring));
      text = vd_graph_format_legend (data->unit, &data->series[i]);
      legend[i] = make_layout (pango, style, text, FALSE);
      pango_layout_get_pixel_size (legend[i], &w, &h);
      legend_height = MAX (legend_height, h);
      legend_width += (legend_width > 0 ? 2 * GAP : 0) + h + GAP / 2 + w;
    }
  swatch = MAX (4, legend_height * 2 / 3);

  for (guint i = 0; i < G_N_ELEMENTS (axis); i++)
    {
      g_autofree char *text = vd_stats_format_value (data->unit, maximum * i / 2);
      int w, h;

      axis[i] = make_layout (pango, style, text != NULL ? text : "", FALSE);
      pango_layout_get_pixel_size (axis[i], &w, &h);
      axis_width = MAX (axis_width, w);
      axis_height = MAX (axis_height, h);
    }

  /* As wide as the widest label of any unit, so that graphs stacked in a
   * column (the guest window's four) start their plots at one edge. */
  {
    const struct { VdStatsUnit unit; double value; } widest[] = {
      { VD_STATS_UNIT_PERCENT, 100 },
      { VD_STATS_UNIT_BYTES, 1023.9 * 1024 * 1024 },
      { VD_STATS_UNIT_BYTE_RATE, 999.9e6 },
    };

    for (guint i = 0; i < G_N_ELEMENTS (widest); i++)
      {
        g_autofree char *text = vd_stats_format_value (widest[i].unit, widest[i].value);
        g_autoptr(PangoLayout) reference = make_layout (pango, style, text, FALSE);
        int w;

        pango_layout_get_pixel_size (reference, &w, NULL);
        axis_width = MAX (axis_width, w);
      }
  }

  span_text = vd_graph_format_span (capacity * MAX (data->interval, 1));
  span = make_layout (pango, style, span_text, FALSE);
  /* translators: the right end of a graph's time axis: the newest sample */
  now = make_layout (pango, style, C_("graph time axis", "now"), FALSE);
  pango_layout_get_pixel_size (span, &span_width, &time_height);
  pango_layout_get_pixel_size (now, &now_width, NULL);

  /* The legend goes right of the title when both fit on one line, else on
   * a line of its own below it (narrow graphs, long translations). */
  if (legend_width == 0)
    header_height = title_height;
  else if (title_width + 3 * GAP + legend_width <= width - 2 * PAD)
    header_height = MAX (title_height, legend_height);
  else
    header_height = title_height + (title_height > 0 ? GAP / 2 : 0) + legend_height;

  plot.x = PAD + axis_width + GAP;
  plot.y = PAD + header_height + MAX (GAP, axis_height / 2 + 1);
  plot.width = width - PAD - plot.x;
  plot.height = height - PAD - time_height - GAP / 2 - plot.y;

  if (layout != NULL)
    {
      layout->plot = plot;
      layout->maximum = maximum;
    }

  /* Title and legend. */
  if (title != NULL)
    show_layout (cr, title, &style->text, 1.0, PAD, PAD);

  if (legend_width > 0)
    {
      double x;
      double y;

      if (header_height == MAX (title_height, legend_height) || title == NULL)
        {
          x = width - PAD - legend_width;
          y = PAD + (header_height - legend_height) / 2;
        }
      else
        {
          x = PAD;
          y = PAD + title_height + GAP / 2;
        }
      x = MAX (x, PAD);

      for (guint i = 0; i < VD_GRAPH_N_SERIES; i++)
        {
          const GdkRGBA *color = &style->series[i];
          int w;

          if (legend[i] == NULL)
            continue;

          cairo_rectangle (cr, x, y + (legend_height - swatch) / 2, swatch, swatch);
          gdk_cairo_set_source_rgba (cr, color);
          cairo_fill (cr);
          x += legend_height + GAP / 2;
          show_layout (cr, legend[i], &style->text, 1.0, x, y);
          pango_layout_get_pixel_size (legend[i], &w, NULL);
          x += w + 2 * GAP;
        }
    }

  if (plot.width < 4 || plot.height < 4)
    goto out;

  /* Grid: a line at each quarter, labels at 0, half and the maximum. */
  cairo_save (cr);
  cairo_set_line_width (cr, 1.0);
  gdk_cairo_set_source_rgba (cr, &style->grid);
  for (guint i = 0; i <= 4; i++)
    {
      double y = plot.y + 0.5 + (int)((plot.height - 1) * (4 - i) / 4.0 + 0.5);

      cairo_move_to (cr, plot.x, y);
      cairo_line_to (cr, plot.x + plot.width, y);
    }
  /* The two ends of the time axis. */
  cairo_move_to (cr, plot.x + 0.5, plot.y);
  cairo_line_to (cr, plot.x + 0.5, plot.y + plot.height);
  cairo_move_to (cr, plot.x + plot.width - 0.5, plot.y);
  cairo_line_to (cr, plot.x + plot.width - 0.5, plot.y + plot.height);
  cairo_stroke (cr);
  cairo_restore (cr);

  for (guint i = 0; i < G_N_ELEMENTS (axis); i++)
    {
      double y = plot.y + 0.5 + (int)((plot.height - 1) * (2 - i) / 2.0 + 0.5);
      int w, h;

      pango_layout_get_pixel_size (axis[i], &w, &h);
      show_layout (cr, axis[i], &style->text, LABEL_ALPHA,
                   plot.x - GAP - w, (int)(y - h / 2.0 + 0.5));
    }

  show_layout (cr, span, &style->text, LABEL_ALPHA, plot.x, plot.y + plot.height + GAP / 2);
  show_layout (cr, now, &style->text, LABEL_ALPHA,
               plot.x + plot.width - now_width, plot.y + plot.height + GAP / 2);

  /* Series 1 with its fill first, so the fill does not veil series 2. */
  for (guint i = 0; i < VD_GRAPH_N_SERIES; i++)
    {
      if (data->series[i].ring != NULL)
        draw_series (cr, &plot, data->series[i].ring, maximum, &style->series[i], i == 0);
    }

out:
  g_clear_object (&own_pango);
  for (guint i = 0; i < VD_GRAPH_N_SERIES; i++)
    g_clear_object (&legend[i]);
  for (guint i = 0; i < G_N_ELEMENTS (axis); i++)
    g_clear_object (&axis[i]);
}
