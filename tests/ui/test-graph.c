/* test-graph.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>
#include <libvirt-gobject/libvirt-gobject.h>
#include <math.h>

#include "vd-graph.h"
#include "vd-host-graphs.h"
#include "../vd-test-util.h"

/* The graph drawn onto an image surface by vd_graph_render() and read back
 * at known pixels: each line at the height its values call for, the fill
 * under series 1 only, nothing inside a gap, series 2 in another colour,
 * grid and labels where they belong; the auto-scaled maximum; and the
 * widget in Adwaita and Adwaita-dark, where both lines must keep their
 * contrast with the window background. */

#define WIDTH  320
#define HEIGHT 180

typedef struct
{
  guchar r, g, b, a;   /* un-premultiplied */
} Pixel;

static Pixel
pixel_at (cairo_surface_t *surface,
          int              x,
          int              y)
{
  const guchar *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);
  guint32 value = *(const guint32 *)(data + y * stride + x * 4);
  Pixel pixel;

  pixel.a = value >> 24;
  if (pixel.a == 0)
    {
      pixel.r = pixel.g = pixel.b = 0;
      return pixel;
    }
  pixel.r = ((value >> 16) & 0xff) * 255 / pixel.a;
  pixel.g = ((value >> 8) & 0xff) * 255 / pixel.a;
  pixel.b = (value & 0xff) * 255 / pixel.a;
  return pixel;
}

/* The largest channel difference between a pixel and a colour. */
static int
distance (Pixel          pixel,
          const GdkRGBA *color)
{
  int dr = abs (pixel.r - (int)(color->red * 255 + 0.5));
  int dg = abs (pixel.g - (int)(color->green * 255 + 0.5));
  int db = abs (pixel.b - (int)(color->blue * 255 + 0.5));

  return MAX (dr, MAX (dg, db));
}

static double
luminance_channel (double c)
{
  return c <= 0.03928 ? c / 12.92 : pow ((c + 0.055) / 1.055, 2.4);
}

static double
luminance (Pixel pixel)
{
  return 0.2126 * luminance_channel (pixel.r / 255.0) +
         0.7152 * luminance_channel (pixel.g / 255.0) +
         0.0722 * luminance_channel (pixel.b / 255.0);
}

/* WCAG contrast ratio, 1 to 21. */
static double
contrast (Pixel a,
          Pixel b)
{
  double la = luminance (a);
  double lb = luminance (b);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

static void
rgba (GdkRGBA    *color,
      const char *spec)
{
  g_assert_true (gdk_rgba_parse (color, spec));
}

/* What Adwaita and Adwaita-dark give, written out so the renderer's
 * tests do not depend on a theme. */
static void
light_style (VdGraphStyle *style)
{
  rgba (&style->text, "#2e3436");
  rgba (&style->grid, "rgba(46,52,54,0.15)");
  rgba (&style->series[0], "#315c8d");
  rgba (&style->series[1], "#b5651b");
  style->font = NULL;
}

static void
dark_style (VdGraphStyle *style)
{
  rgba (&style->text, "#eeeeec");
  rgba (&style->grid, "rgba(238,238,236,0.15)");
  rgba (&style->series[0], "#81a0c5");
  rgba (&style->series[1], "#f5a04a");
  style->font = NULL;
}

static VdStatsRing *
ring_of (guint        capacity,
         const double values[],
         guint        n)
{
  VdStatsRing *ring = vd_stats_ring_new (capacity);

  for (guint i = 0; i < n; i++)
    vd_stats_ring_push (ring, values[i]);

  return ring;
}

static cairo_surface_t *
render (const VdGraphStyle *style,
        const VdGraphData  *data,
        VdGraphLayout      *layout)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cairo_t *cr = cairo_create (surface);

  vd_graph_render (cr, NULL, WIDTH, HEIGHT, style, data, layout);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  return surface;
}

/* A pixel row of @value's line: the renderer centres the 2 px stroke on
 * the row boundary nearest to the value, covering this row and the one
 * above it. */
static int
value_y (const VdGraphLayout *layout,
         double               value)
{
  double top = layout->plot.y + 1;
  double bottom = layout->plot.y + layout->plot.height - 1;

  return (int)floor (bottom - value / layout->maximum * (bottom - top) + 0.5);
}

static int
plot_x (const VdGraphLayout *layout,
        double               fraction)
{
  return layout->plot.x + (int)(layout->plot.width * fraction);
}

static void
check_levels (const VdGraphStyle *style)
{
  const double fifty[] = { 50, 50, 50, 50, 50, 50, 50, 50, 50, 50 };
  const double twenty[] = { 20, 20, 20, 20, 20, 20, 20, 20, 20, 20 };
  g_autoptr(VdStatsRing) guest = ring_of (10, fifty, G_N_ELEMENTS (fifty));
  g_autoptr(VdStatsRing) host = ring_of (10, twenty, G_N_ELEMENTS (twenty));
  VdGraphData data = {
    "CPU", VD_STATS_UNIT_PERCENT, 100, 1, { { guest, "Guest" }, { host, "Host" } }
  };
  VdGraphLayout layout;
  cairo_surface_t *surface = render (style, &data, &layout);
  int x = plot_x (&layout, 0.4);   /* away from the grid's vertical lines */
  Pixel line1, line2, fill, above;

  g_assert_cmpfloat (layout.maximum, ==, 100);
  g_assert_cmpint (layout.plot.width, >, WIDTH / 2);
  g_assert_cmpint (layout.plot.height, >, HEIGHT / 2);

  /* Series 1 at 50 %, in its colour, opaque. */
  line1 = pixel_at (surface, x, value_y (&layout, 50));
  g_assert_cmpuint (line1.a, >, 200);
  g_assert_cmpint (distance (line1, &style->series[0]), <, 40);

  /* Series 2 at 20 %, in its own colour: clearly not series 1's. */
  line2 = pixel_at (surface, x, value_y (&layout, 20));
  g_assert_cmpuint (line2.a, >, 200);
  g_assert_cmpint (distance (line2, &style->series[1]), <, 40);
  g_assert_cmpint (distance (line2, &style->series[0]), >, 60);

  /* Under series 1 (35 %: between series 2 and the grid line at 25 %):
   * the light fill in series 1's colour. */
  fill = pixel_at (surface, x, value_y (&layout, 35));
  g_assert_cmpuint (fill.a, >, 20);
  g_assert_cmpuint (fill.a, <, 128);
  g_assert_cmpint (distance (fill, &style->series[0]), <, 40);

  /* Above it (62 %: between the line and the grid at 75 %): nothing. */
  above = pixel_at (surface, x, value_y (&layout, 62));
  g_assert_cmpuint (above.a, ==, 0);

  /* No fill under series 2 alone: with series 1 gone, 10 % is empty. */
  cairo_surface_destroy (surface);
  data.series[0].ring = NULL;
  surface = render (style, &data, &layout);
  g_assert_cmpuint (pixel_at (surface, x, value_y (&layout, 10)).a, ==, 0);
  /* A crisp 2 px line: two opaque rows, nothing on either side. */
  g_assert_cmpuint (pixel_at (surface, x, value_y (&layout, 20)).a, >, 200);
  g_assert_cmpuint (pixel_at (surface, x, value_y (&layout, 20) - 1).a, >, 200);
  g_assert_cmpuint (pixel_at (surface, x, value_y (&layout, 20) + 1).a, ==, 0);
  g_assert_cmpuint (pixel_at (surface, x, value_y (&layout, 20) - 2).a, ==, 0);

  cairo_surface_destroy (surface);
}

static void
test_graph_levels_light (void)
{
  VdGraphStyle style;

  light_style (&style);
  check_levels (&style);
}

static void
test_graph_levels_dark (void)
{
  VdGraphStyle style;

  dark_style (&style);
  check_levels (&style);
}

static void
test_graph_gaps (void)
{
  /* Oldest first: five samples at the maximum, then five gaps (the guest
   * stopped). */
  const double stopped[] = { 100, 100, 100, 100, 100, NAN, NAN, NAN, NAN, NAN };
  const double lone[] = { NAN, NAN, NAN, NAN, 50, NAN, NAN, NAN, NAN, NAN };
  g_autoptr(VdStatsRing) ring = ring_of (10, stopped, G_N_ELEMENTS (stopped));
  VdGraphData data = { NULL, VD_STATS_UNIT_PERCENT, 100, 1, { { ring, NULL }, } };
  VdGraphStyle style;
  VdGraphLayout layout;
  cairo_surface_t *surface;

  light_style (&style);
  /* An invisible grid: only the series can paint inside the plot. */
  style.grid.alpha = 0;
  surface = render (&style, &data, &layout);

  /* The line runs along the top on the left, filled below it... */
  g_assert_cmpuint (pixel_at (surface, plot_x (&layout, 0.2), value_y (&layout, 100)).a, >, 200);
  g_assert_cmpuint (pixel_at (surface, plot_x (&layout, 0.2), value_y (&layout, 30)).a, >, 20);
  /* ...and the gap at the right (the newest) is empty from top to bottom. */
  for (int y = layout.plot.y - 2; y < layout.plot.y + layout.plot.height + 2; y++)
    g_assert_cmpuint (pixel_at (surface, plot_x (&layout, 0.8), y).a, ==, 0);
  cairo_surface_destroy (surface);

  /* A lone sample between gaps still shows, as a dot at its value. */
  g_clear_pointer (&ring, vd_stats_ring_unref);
  ring = ring_of (10, lone, G_N_ELEMENTS (lone));
  data.series[0].ring = ring;
  surface = render (&style, &data, &layout);
  {
    /* Age 5 of 9 steps from the right edge. */
    double step = (layout.plot.width - 1) / 9.0;
    int x = (int)(layout.plot.x + layout.plot.width - 0.5 - 5 * step);

    g_assert_cmpuint (pixel_at (surface, x, value_y (&layout, 50)).a, >, 128);
    g_assert_cmpuint (pixel_at (surface, x, value_y (&layout, 25)).a, ==, 0);
    g_assert_cmpuint (pixel_at (surface, plot_x (&layout, 0.1), value_y (&layout, 50)).a, ==, 0);
  }
  cairo_surface_destroy (surface);
}

/* Counts painted pixels in a rectangle. */
static guint
painted (cairo_surface_t *surface,
         int              x0,
         int              y0,
         int              x1,
         int              y1)
{
  guint n = 0;

  for (int y = MAX (y0, 0); y < MIN (y1, HEIGHT); y++)
    for (int x = MAX (x0, 0); x < MIN (x1, WIDTH); x++)
      n += pixel_at (surface, x, y).a > 0;

  return n;
}

static void
test_graph_grid_and_labels (void)
{
  g_autoptr(VdStatsRing) empty = vd_stats_ring_new (60);
  VdGraphData data = {
    "Disk I/O", VD_STATS_UNIT_BYTE_RATE, 0, 1, { { empty, "Read" }, }
  };
  VdGraphData bare = { NULL, VD_STATS_UNIT_BYTE_RATE, 0, 1, { { NULL, NULL }, } };
  VdGraphStyle style;
  VdGraphLayout layout;
  VdGraphLayout bare_layout;
  cairo_surface_t *surface;
  cairo_surface_t *bare_surface;
  int x = plot_x (&layout, 0.5);
  Pixel grid;

  light_style (&style);
  surface = render (&style, &data, &layout);
  x = plot_x (&layout, 0.5);

  /* Grid lines at 0, a quarter, half, three quarters and the maximum, in
   * the grid colour; nothing between them. */
  for (int i = 0; i <= 4; i++)
    {
      int y = layout.plot.y + (int)((layout.plot.height - 1) * (4 - i) / 4.0 + 0.5);

      grid = pixel_at (surface, x, y);
      g_assert_cmpuint (grid.a, >, 20);
      g_assert_cmpuint (grid.a, <, 80);
      g_assert_cmpint (distance (grid, &style.text), <, 40);
    }
  g_assert_cmpuint (pixel_at (surface, x, value_y (&layout, layout.maximum * 3 / 8)).a, ==, 0);

  /* Value labels left of the plot, time labels below it, the title and
   * legend above it: each area has ink. */
  g_assert_cmpuint (painted (surface, 0, layout.plot.y - 8, layout.plot.x - 2, layout.plot.y + 8),
                    >, 10);
  g_assert_cmpuint (painted (surface, 0, layout.plot.y + layout.plot.height - 8,
                             layout.plot.x - 2, layout.plot.y + layout.plot.height + 8),
                    >, 10);
  g_assert_cmpuint (painted (surface, layout.plot.x, layout.plot.y + layout.plot.height + 2,
                             layout.plot.x + 40, HEIGHT), >, 10);
  g_assert_cmpuint (painted (surface, layout.plot.x + layout.plot.width - 40,
                             layout.plot.y + layout.plot.height + 2, WIDTH, HEIGHT), >, 10);
  g_assert_cmpuint (painted (surface, 0, 0, WIDTH / 3, layout.plot.y - 10), >, 20);
  g_assert_cmpuint (painted (surface, WIDTH * 2 / 3, 0, WIDTH, layout.plot.y - 10), >, 20);

  /* The legend's swatch is series 1's colour. */
  {
    gboolean found = FALSE;

    for (int yy = 0; yy < layout.plot.y && !found; yy++)
      for (int xx = WIDTH / 2; xx < WIDTH && !found; xx++)
        {
          Pixel p = pixel_at (surface, xx, yy);

          found = p.a == 255 && distance (p, &style.series[0]) < 8;
        }
    g_assert_true (found);
  }

  /* Without title and series (so no legend), the header is empty and the
   * plot grows. */
  bare_surface = render (&style, &bare, &bare_layout);
  g_assert_cmpint (bare_layout.plot.y, <, layout.plot.y);
  g_assert_cmpuint (painted (bare_surface, 0, 0, WIDTH, bare_layout.plot.y - 8), ==, 0);

  cairo_surface_destroy (bare_surface);
  cairo_surface_destroy (surface);
}

static void
test_graph_autoscale (void)
{
  const double samples[] = { 10, 37, NAN, 20 };
  g_autoptr(VdStatsRing) ring = ring_of (10, samples, G_N_ELEMENTS (samples));
  VdGraphData data = { NULL, VD_STATS_UNIT_PERCENT, 0, 1, { { ring, NULL }, } };
  VdGraphStyle style;
  VdGraphLayout layout;
  cairo_surface_t *surface;

  /* Percent: 1, 2, 5 × 10ⁿ, at least 10 %. */
  g_assert_cmpfloat (vd_graph_nice_maximum (VD_STATS_UNIT_PERCENT, 37), ==, 50);
  g_assert_cmpfloat (vd_graph_nice_maximum (VD_STATS_UNIT_PERCENT, 50), ==, 50);
  g_assert_cmpfloat (vd_graph_nice_maximum (VD_STATS_UNIT_PERCENT, 51), ==, 100);
  g_assert_cmpfloat (vd_graph_nice_maximum (VD_STATS_UNIT_PERCENT, 100), ==, 100);
  g_assert_cmpfloat (vd_graph_nice_maximum (VD_STATS_UNIT_PERCENT, 12), ==, 20);
  g_assert_cmpfloat (vd_graph_nice_maximum (VD_STATS_UNIT_PERCENT, 3), ==, 10);
  g_assert_cmpfloat (vd_graph_nice_maximum (VD_STATS_UNIT_PERCENT, 0), ==, 10);
  g_assert_cmpfloat (vd_graph_nice_maximum (VD_STATS_UNIT_PERCENT, NAN), ==, 10);

  /* Memory in binary units, as the labels show it. */
  g_assert_cmpfloat (vd_graph_nice_maximum (VD_STATS_UNIT_BYTES, 300.0 * 1024 * 1024),
                     ==, 500.0 * 1024 * 1024);
  g_assert_cmpfloat (vd_graph_nice_maximum (VD_STATS_UNIT_BYTES, 1.5 * 1024 * 1024 * 1024),
                     ==, 2.0 * 1024 * 1024 * 1024);
  g_assert_cmpfloat (vd_graph_nice_maximum (VD_STATS_UNIT_BYTES, 1010.0 * 1024 * 1024),
                     ==, 1024.0 * 1024 * 1024);
  g_assert_cmpfloat (vd_graph_nice_maximum (VD_STATS_UNIT_BYTES, 2.0 * 1024 * 1024 * 1024),
                     ==, 2.0 * 1024 * 1024 * 1024);
  g_assert_cmpfloat (vd_graph_nice_maximum (VD_STATS_UNIT_BYTES, 1000), ==, 1024 * 1024);

  /* Rates in decimal units, at least 1 kB/s. */
  g_assert_cmpfloat (vd_graph_nice_maximum (VD_STATS_UNIT_BYTE_RATE, 1234), ==, 2000);
  g_assert_cmpfloat (vd_graph_nice_maximum (VD_STATS_UNIT_BYTE_RATE, 42000), ==, 50000);
  g_assert_cmpfloat (vd_graph_nice_maximum (VD_STATS_UNIT_BYTE_RATE, 5e6), ==, 5e6);
  g_assert_cmpfloat (vd_graph_nice_maximum (VD_STATS_UNIT_BYTE_RATE, 999), ==, 1000);
  g_assert_cmpfloat (vd_graph_nice_maximum (VD_STATS_UNIT_BYTE_RATE, 0), ==, 1000);

  /* Rendered with maximum 0: the top is 50, so 37 sits at 74 % height
   * and the newest sample (20) at 40 %. */
  light_style (&style);
  surface = render (&style, &data, &layout);
  g_assert_cmpfloat (layout.maximum, ==, 50);
  g_assert_cmpuint (pixel_at (surface, layout.plot.x + layout.plot.width - 2,
                              value_y (&layout, 20)).a, >, 200);
  g_assert_cmpuint (pixel_at (surface, layout.plot.x + layout.plot.width - 2,
                              value_y (&layout, 30)).a, <, 128);
  cairo_surface_destroy (surface);

  /* A fixed maximum wins over the samples. */
  data.maximum = 100;
  surface = render (&style, &data, &layout);
  g_assert_cmpfloat (layout.maximum, ==, 100);
  cairo_surface_destroy (surface);
}

static void
test_graph_time_axis (void)
{
  g_autofree char *minute = vd_graph_format_span (60);
  g_autofree char *ninety = vd_graph_format_span (90);
  g_autofree char *five = vd_graph_format_span (300);

  g_assert_cmpstr (minute, ==, "60 s");
  g_assert_cmpstr (ninety, ==, "90 s");
  g_assert_cmpstr (five, ==, "5 min");
}

/* The widget: accessible name and description, and the current values. */
static void
test_graph_widget (void)
{
  const double reads[] = { 1000, 50000 };
  const double writes[] = { 2000, NAN };
  g_autoptr(VdStatsRing) read = ring_of (60, reads, G_N_ELEMENTS (reads));
  g_autoptr(VdStatsRing) write = ring_of (60, writes, G_N_ELEMENTS (writes));
  GtkWidget *window = gtk_window_new (GTK_WINDOW_TOPLEVEL);
  GtkWidget *graph = vd_graph_new ();
  AtkObject *accessible = gtk_widget_get_accessible (graph);
  g_autofree char *summary = NULL;

  vd_graph_set_title (VD_GRAPH (graph), "Disk I/O");
  vd_graph_set_unit (VD_GRAPH (graph), VD_STATS_UNIT_BYTE_RATE);
  vd_graph_set_series (VD_GRAPH (graph), 0, read, "Read");
  vd_graph_set_series (VD_GRAPH (graph), 1, write, "Write");
  g_assert_true (vd_graph_get_ring (VD_GRAPH (graph), 0) == read);
  g_assert_cmpstr (vd_graph_get_label (VD_GRAPH (graph), 1), ==, "Write");

  g_assert_cmpstr (atk_object_get_name (accessible), ==, "Disk I/O");
  g_assert_cmpint (atk_object_get_role (accessible), ==, ATK_ROLE_CHART);
  /* The newest write is a gap: unknown, not zero. (GLib puts a no-break
   * space between number and unit.) */
  g_assert_cmpstr (atk_object_get_description (accessible), ==,
                   "Read: 50.0\u00a0kB/s, Write: —");

  vd_stats_ring_push (read, NAN);
  vd_stats_ring_push (write, 3000);
  vd_graph_refresh (VD_GRAPH (graph));
  summary = vd_graph_dup_summary (VD_GRAPH (graph));
  g_assert_cmpstr (summary, ==, "Read: —, Write: 3.0\u00a0kB/s");
  g_assert_cmpstr (atk_object_get_description (accessible), ==, summary);

  g_object_set (graph, "maximum", 5000.0, "interval", 5, NULL);
  g_assert_cmpfloat (vd_graph_get_maximum (VD_GRAPH (graph)), ==, 5000);
  g_assert_cmpuint (vd_graph_get_interval (VD_GRAPH (graph)), ==, 5);

  gtk_container_add (GTK_CONTAINER (window), graph);
  gtk_widget_show_all (window);
  gtk_test_widget_wait_for_draw (graph);
  g_assert_cmpint (gtk_widget_get_allocated_height (graph), >=, 140);

  gtk_widget_destroy (window);
}

/* Draws a VdGraph with the current theme in an offscreen window and checks
 * both lines against the window background. */
static void
check_theme (gboolean dark)
{
  const double fifty[] = { 50, 50, 50, 50, 50, 50, 50, 50, 50, 50 };
  const double twenty[] = { 20, 20, 20, 20, 20, 20, 20, 20, 20, 20 };
  g_autoptr(VdStatsRing) guest = ring_of (10, fifty, G_N_ELEMENTS (fifty));
  g_autoptr(VdStatsRing) host = ring_of (10, twenty, G_N_ELEMENTS (twenty));
  GtkWidget *window;
  GtkWidget *graph;
  cairo_surface_t *surface;
  cairo_surface_t *scratch;
  cairo_t *cr;
  VdGraphStyle style;
  VdGraphData data;
  VdGraphLayout layout;
  Pixel background, line1, line2;
  int x;

  g_object_set (gtk_settings_get_default (),
                "gtk-theme-name", "Adwaita",
                "gtk-application-prefer-dark-theme", dark,
                NULL);

  window = gtk_offscreen_window_new ();
  graph = vd_graph_new ();
  vd_graph_set_title (VD_GRAPH (graph), "CPU");
  vd_graph_set_maximum (VD_GRAPH (graph), 100);
  vd_graph_set_series (VD_GRAPH (graph), 0, guest, "Guest");
  vd_graph_set_series (VD_GRAPH (graph), 1, host, "Host");
  gtk_widget_set_size_request (graph, WIDTH, HEIGHT);
  gtk_container_add (GTK_CONTAINER (window), graph);
  gtk_widget_show_all (window);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpint (gtk_widget_get_allocated_width (graph), ==, WIDTH);
  g_assert_cmpint (gtk_widget_get_allocated_height (graph), ==, HEIGHT);

  /* Where the widget puts its plot: the same render, on a scratch surface,
   * with the widget's own font and colours. */
  vd_graph_style_init_from_context (&style, gtk_widget_get_style_context (graph));
  data = (VdGraphData) { "CPU", VD_STATS_UNIT_PERCENT, 100, 1,
                         { { guest, "Guest" }, { host, "Host" } } };
  scratch = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cr = cairo_create (scratch);
  vd_graph_render (cr, gtk_widget_get_pango_context (graph), WIDTH, HEIGHT, &style, &data,
                   &layout);
  cairo_destroy (cr);
  cairo_surface_destroy (scratch);

  /* The real widget, over its window's background. */
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cr = cairo_create (surface);
  gtk_widget_draw (window, cr);
  cairo_destroy (cr);
  cairo_surface_flush (surface);

  x = plot_x (&layout, 0.4);
  background = pixel_at (surface, x, value_y (&layout, 62));
  line1 = pixel_at (surface, x, value_y (&layout, 50));
  line2 = pixel_at (surface, x, value_y (&layout, 20));

  g_assert_cmpuint (background.a, ==, 255);
  /* The theme really is light or dark. */
  if (dark)
    g_assert_cmpfloat (luminance (background), <, 0.1);
  else
    g_assert_cmpfloat (luminance (background), >, 0.8);

  /* Both lines readable (WCAG's 3:1 for graphics), and apart. */
  g_test_message ("%s: line 1 %02x%02x%02x (%.1f:1), line 2 %02x%02x%02x (%.1f:1)",
                  dark ? "dark" : "light", line1.r, line1.g, line1.b,
                  contrast (line1, background), line2.r, line2.g, line2.b,
                  contrast (line2, background));
  g_assert_cmpint (distance (line1, &style.series[0]), <, 40);
  g_assert_cmpint (distance (line2, &style.series[1]), <, 40);
  g_assert_cmpfloat (contrast (line1, background), >=, 3.0);
  g_assert_cmpfloat (contrast (line2, background), >=, 3.0);
  g_assert_cmpint (distance (line2, &style.series[0]), >, 60);

  cairo_surface_destroy (surface);
  gtk_widget_destroy (window);
}

static void
test_graph_theme_light (void)
{
  check_theme (FALSE);
}

static void
test_graph_theme_dark (void)
{
  check_theme (TRUE);
  g_object_set (gtk_settings_get_default (), "gtk-application-prefer-dark-theme", FALSE, NULL);
}

static void
updated_cb (VdConnection *connection,
            guint        *ticks)
{
  (*ticks)++;
}

/* The host graphs read the connection's host series and follow its ticks. */
static void
test_host_graphs (void)
{
  g_autofree char *uri = vd_test_fixture_uri ("basic.xml");
  g_autoptr(VdConnection) connection = vd_test_open (uri);
  GtkWidget *window = gtk_window_new (GTK_WINDOW_TOPLEVEL);
  GtkWidget *graphs = vd_host_graphs_new (connection);
  VdGraph *cpu = vd_host_graphs_get_cpu_graph (VD_HOST_GRAPHS (graphs));
  VdGraph *memory = vd_host_graphs_get_memory_graph (VD_HOST_GRAPHS (graphs));
  guint ticks = 0;

  g_assert_true (vd_host_graphs_get_connection (VD_HOST_GRAPHS (graphs)) == connection);
  g_assert_true (vd_graph_get_ring (cpu, 0) ==
                 vd_connection_get_host_history (connection, VD_HOST_STATS_CPU));
  g_assert_true (vd_graph_get_ring (memory, 0) ==
                 vd_connection_get_host_history (connection, VD_HOST_STATS_MEMORY));
  g_assert_cmpfloat (vd_graph_get_maximum (cpu), ==, 100);
  g_assert_cmpint (vd_graph_get_unit (memory), ==, VD_STATS_UNIT_BYTES);

  gtk_container_add (GTK_CONTAINER (window), graphs);
  gtk_widget_show_all (window);
  gtk_test_widget_wait_for_draw (window);

  g_signal_connect (connection, "stats-updated", G_CALLBACK (updated_cb), &ticks);
  vd_connection_set_stats_interval (connection, 2);
  vd_connection_set_stats_interval (connection, 1);
  VD_TEST_WAIT_UNTIL (ticks >= 2, 30);
  g_assert_cmpuint (vd_stats_ring_get_length (vd_graph_get_ring (cpu, 0)), >=, 2);
  /* The memory graph tops out at the host's memory (0, auto, until the
   * poller knows it). */
  g_assert_cmpfloat (vd_graph_get_maximum (memory), ==,
                     (double)vd_connection_get_host_memory_total (connection));

  /* Without a connection the graphs are empty, and stop following it. */
  vd_host_graphs_set_connection (VD_HOST_GRAPHS (graphs), NULL);
  g_assert_null (vd_graph_get_ring (cpu, 0));
  g_assert_null (vd_graph_get_ring (memory, 0));
  ticks = 0;
  VD_TEST_WAIT_UNTIL (ticks >= 1, 30);
  g_assert_null (vd_graph_get_ring (cpu, 0));

  g_signal_handlers_disconnect_by_func (connection, updated_cb, &ticks);
  gtk_widget_destroy (window);
  vd_connection_disconnect (connection);
}

/* Graphs of different units stacked in a column start their plots at the
 * same left edge, whatever their labels ("100 %" or "512 MiB"). */
static void
test_graph_aligned (void)
{
  const double values[] = { 10, 20, 30 };
  g_autoptr(VdStatsRing) ring = ring_of (10, values, G_N_ELEMENTS (values));
  const VdStatsUnit units[] = { VD_STATS_UNIT_PERCENT, VD_STATS_UNIT_BYTES, VD_STATS_UNIT_BYTE_RATE };
  const double maxima[] = { 100, 512.0 * 1024 * 1024, 0 };
  VdGraphStyle style;
  int left = -1;

  light_style (&style);
  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    {
      VdGraphData data = { "Graph", units[i], maxima[i], 1, { { ring, "Series" }, { NULL, NULL } } };
      VdGraphLayout layout;
      cairo_surface_t *surface = render (&style, &data, &layout);

      g_test_message ("unit %u: plot from x = %d", units[i], layout.plot.x);
      if (left < 0)
        left = layout.plot.x;
      g_assert_cmpint (layout.plot.x, ==, left);
      cairo_surface_destroy (surface);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  gvir_init_object_check (NULL, NULL, NULL);

  g_test_add_func ("/vd/graph/levels-light", test_graph_levels_light);
  g_test_add_func ("/vd/graph/levels-dark", test_graph_levels_dark);
  g_test_add_func ("/vd/graph/gaps", test_graph_gaps);
  g_test_add_func ("/vd/graph/grid-and-labels", test_graph_grid_and_labels);
  g_test_add_func ("/vd/graph/autoscale", test_graph_autoscale);
  g_test_add_func ("/vd/graph/aligned", test_graph_aligned);
  g_test_add_func ("/vd/graph/time-axis", test_graph_time_axis);
  g_test_add_func ("/vd/graph/widget", test_graph_widget);
  g_test_add_func ("/vd/graph/theme-light", test_graph_theme_light);
  g_test_add_func ("/vd/graph/theme-dark", test_graph_theme_dark);
  g_test_add_func ("/vd/graph/host", test_host_graphs);

  return g_test_run ();
}
