/* test-sparkline.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>
#include <math.h>

#include "vd-sparkline-renderer.h"

/* The sparkline drawn onto an image surface and read back at known pixels:
 * where the line is, that the area under it is filled, that nothing is
 * drawn above it, and that a gap stays empty; the second series as its own
 * unfilled line in its own colour, on a scale shared with the first. */

#define WIDTH  100
#define HEIGHT 20
#define PAD    2   /* the renderer's default padding */

typedef struct
{
  cairo_surface_t *surface;
  GtkWidget       *widget;
} Canvas;

static void
render_full (Canvas               *canvas,
             GtkCellRenderer      *cell,
             VdStatsRing          *ring,
             VdStatsRing          *secondary,
             double                maximum,
             GtkCellRendererState  flags)
{
  GdkRectangle area = { 0, 0, WIDTH, HEIGHT };
  cairo_t *cr;

  canvas->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cr = cairo_create (canvas->surface);
  g_object_set (cell,
                "ring", ring,
                "secondary-ring", secondary,
                "maximum", maximum,
                "text", NULL,
                "secondary-text", NULL,
                NULL);
  gtk_cell_renderer_render (cell, cr, canvas->widget, &area, &area, flags);
  cairo_destroy (cr);
  cairo_surface_flush (canvas->surface);
}

static void
render (Canvas          *canvas,
        GtkCellRenderer *cell,
        VdStatsRing     *ring,
        double           maximum)
{
  render_full (canvas, cell, ring, NULL, maximum, 0);
}

/* Alpha of the pixel at (x, y): 0 where nothing was drawn. */
static guint
alpha_at (Canvas *canvas,
          int     x,
          int     y)
{
  const guchar *data = cairo_image_surface_get_data (canvas->surface);
  int stride = cairo_image_surface_get_stride (canvas->surface);
  guint32 pixel = *(const guint32 *)(data + y * stride + x * 4);

  return pixel >> 24;
}

/* Colour of the pixel at (x, y), un-premultiplied. */
static void
color_at (Canvas  *canvas,
          int      x,
          int      y,
          GdkRGBA *color)
{
  const guchar *data = cairo_image_surface_get_data (canvas->surface);
  int stride = cairo_image_surface_get_stride (canvas->surface);
  guint32 pixel = *(const guint32 *)(data + y * stride + x * 4);
  double alpha = (pixel >> 24) / 255.0;

  g_assert_cmpfloat (alpha, >, 0);
  color->red = ((pixel >> 16) & 0xff) / 255.0 / alpha;
  color->green = ((pixel >> 8) & 0xff) / 255.0 / alpha;
  color->blue = (pixel & 0xff) / 255.0 / alpha;
  color->alpha = alpha;
}

static double
color_distance (const GdkRGBA *a,
                const GdkRGBA *b)
{
  return fabs (a->red - b->red) + fabs (a->green - b->green) + fabs (a->blue - b->blue);
}

/* sRGB to linear light, with gamma 2 for 2.4 (no libm in the tests; the
 * ratio moves by a few percent at most). */
static double
channel_luminance (double c)
{
  return c * c;
}

/* WCAG contrast ratio of two opaque colours, 1 (none) to 21. */
static double
contrast (const GdkRGBA *a,
          const GdkRGBA *b)
{
  double la = 0.2126 * channel_luminance (a->red) + 0.7152 * channel_luminance (a->green) +
              0.0722 * channel_luminance (a->blue);
  double lb = 0.2126 * channel_luminance (b->red) + 0.7152 * channel_luminance (b->green) +
              0.0722 * channel_luminance (b->blue);

  return (MAX (la, lb) + 0.05) / (MIN (la, lb) + 0.05);
}

static void
log_colors (const char    *what,
            const GdkRGBA *background,
            const GdkRGBA *first,
            const GdkRGBA *second)
{
  g_autofree char *b = gdk_rgba_to_string (background);
  g_autofree char *f = gdk_rgba_to_string (first);
  g_autofree char *s = gdk_rgba_to_string (second);

  g_test_message ("%s: background %s, first %s, second %s", what, b, f, s);
}

static void
canvas_clear (Canvas *canvas)
{
  g_clear_pointer (&canvas->surface, cairo_surface_destroy);
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

static void
test_sparkline_levels (void)
{
  g_autoptr(GtkCellRenderer) cell = g_object_ref_sink (vd_sparkline_renderer_new ());
  Canvas canvas = { NULL, gtk_tree_view_new () };
  const double full[] = { 100, 100, 100, 100, 100 };
  const double idle[] = { 0, 0, 0, 0, 0 };
  const double half[] = { 50, 50, 50, 50, 50 };
  g_autoptr(VdStatsRing) ring = NULL;

  g_object_ref_sink (canvas.widget);

  /* 100 %: the line runs along the top, filled below. */
  ring = ring_of (5, full, 5);
  render (&canvas, cell, ring, 100);
  g_assert_cmpuint (alpha_at (&canvas, WIDTH / 2, PAD), >, 128);
  g_assert_cmpuint (alpha_at (&canvas, WIDTH / 2, HEIGHT - PAD - 2), >, 0);
  g_assert_cmpuint (alpha_at (&canvas, WIDTH / 2, HEIGHT - PAD - 2), <, 128);
  /* Nothing outside the padding. */
  g_assert_cmpuint (alpha_at (&canvas, 0, 0), ==, 0);
  g_assert_cmpuint (alpha_at (&canvas, WIDTH - 1, HEIGHT - 1), ==, 0);
  canvas_clear (&canvas);
  g_clear_pointer (&ring, vd_stats_ring_unref);

  /* 0 %: only the bottom line; the top stays empty. */
  ring = ring_of (5, idle, 5);
  render (&canvas, cell, ring, 100);
  g_assert_cmpuint (alpha_at (&canvas, WIDTH / 2, PAD + 1), ==, 0);
  g_assert_cmpuint (alpha_at (&canvas, WIDTH / 2, HEIGHT - PAD - 1), >, 128);
  canvas_clear (&canvas);
  g_clear_pointer (&ring, vd_stats_ring_unref);

  /* 50 %: empty above the middle, line at it, fill below. */
  ring = ring_of (5, half, 5);
  render (&canvas, cell, ring, 100);
  g_assert_cmpuint (alpha_at (&canvas, WIDTH / 2, PAD + 2), ==, 0);
  g_assert_cmpuint (alpha_at (&canvas, WIDTH / 2, HEIGHT / 2), >, 128);
  g_assert_cmpuint (alpha_at (&canvas, WIDTH / 2, HEIGHT - PAD - 2), >, 0);
  canvas_clear (&canvas);

  /* maximum 0 scales to the largest sample: 50 is then the top. */
  render (&canvas, cell, ring, 0);
  g_assert_cmpuint (alpha_at (&canvas, WIDTH / 2, PAD), >, 128);
  canvas_clear (&canvas);

  /* ...but not below the scale floor: against 200, 50 is a quarter up. */
  g_object_set (cell, "scale-floor", 200.0, NULL);
  render (&canvas, cell, ring, 0);
  g_assert_cmpuint (alpha_at (&canvas, WIDTH / 2, PAD), ==, 0);
  g_assert_cmpuint (alpha_at (&canvas, WIDTH / 2, HEIGHT / 2), ==, 0);
  g_assert_cmpuint (alpha_at (&canvas, WIDTH / 2, HEIGHT - PAD - 2), >, 0);
  canvas_clear (&canvas);
  g_object_set (cell, "scale-floor", 0.0, NULL);

  gtk_widget_destroy (canvas.widget);
  g_object_unref (canvas.widget);
}

static void
test_sparkline_history (void)
{
  g_autoptr(GtkCellRenderer) cell = g_object_ref_sink (vd_sparkline_renderer_new ());
  Canvas canvas = { NULL, gtk_tree_view_new () };
  /* Oldest first: five full samples, then five gaps (the guest stopped). */
  const double values[] = { 100, 100, 100, 100, 100, NAN, NAN, NAN, NAN, NAN };
  const double few[] = { 100, 100 };
  g_autoptr(VdStatsRing) ring = NULL;

  g_object_ref_sink (canvas.widget);

  ring = ring_of (10, values, G_N_ELEMENTS (values));
  render (&canvas, cell, ring, 100);
  /* The newest are at the right: the right half is the gap. */
  g_assert_cmpuint (alpha_at (&canvas, WIDTH / 4, PAD), >, 128);
  g_assert_cmpuint (alpha_at (&canvas, WIDTH / 4, HEIGHT - PAD - 2), >, 0);
  for (int y = 0; y < HEIGHT; y++)
    g_assert_cmpuint (alpha_at (&canvas, WIDTH * 3 / 4, y), ==, 0);
  canvas_clear (&canvas);
  g_clear_pointer (&ring, vd_stats_ring_unref);

  /* Two samples of ten: only the right end is drawn, the rest waits. */
  ring = ring_of (10, few, G_N_ELEMENTS (few));
  render (&canvas, cell, ring, 100);
  g_assert_cmpuint (alpha_at (&canvas, WIDTH - PAD - 2, PAD), >, 128);
  for (int y = 0; y < HEIGHT; y++)
    g_assert_cmpuint (alpha_at (&canvas, WIDTH / 2, y), ==, 0);
  canvas_clear (&canvas);

  /* No ring: nothing at all. */
  g_object_set (cell, "ring", NULL, NULL);
  {
    GdkRectangle area = { 0, 0, WIDTH, HEIGHT };
    cairo_t *cr;

    canvas.surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
    cr = cairo_create (canvas.surface);
    gtk_cell_renderer_render (cell, cr, canvas.widget, &area, &area, 0);
    cairo_destroy (cr);
    for (int x = 0; x < WIDTH; x += 7)
      for (int y = 0; y < HEIGHT; y += 3)
        g_assert_cmpuint (alpha_at (&canvas, x, y), ==, 0);
    canvas_clear (&canvas);
  }

  gtk_widget_destroy (canvas.widget);
  g_object_unref (canvas.widget);
}

static void
test_sparkline_secondary (void)
{
  g_autoptr(GtkCellRenderer) cell = g_object_ref_sink (vd_sparkline_renderer_new ());
  Canvas canvas = { NULL, gtk_tree_view_new () };
  const double idle[] = { 0, 0, 0, 0, 0 };
  const double half[] = { 50, 50, 50, 50, 50 };
  const double full[] = { 100, 100, 100, 100, 100 };
  g_autoptr(VdStatsRing) low = NULL;
  g_autoptr(VdStatsRing) middle = NULL;
  g_autoptr(VdStatsRing) high = NULL;
  GdkRGBA first;
  GdkRGBA second;

  g_object_ref_sink (canvas.widget);
  low = ring_of (5, idle, 5);
  middle = ring_of (5, half, 5);
  high = ring_of (5, full, 5);

  /* First series along the bottom, second along the top: both lines are
   * there, and the second is not filled, so the middle stays empty. */
  render_full (&canvas, cell, low, high, 100, 0);
  g_assert_cmpuint (alpha_at (&canvas, WIDTH / 2, PAD), >, 128);
  g_assert_cmpuint (alpha_at (&canvas, WIDTH / 2, HEIGHT - PAD - 1), >, 128);
  for (int y = PAD + 3; y < HEIGHT - PAD - 3; y++)
    g_assert_cmpuint (alpha_at (&canvas, WIDTH / 2, y), ==, 0);
  /* In a colour of its own. */
  color_at (&canvas, WIDTH / 2, PAD, &second);
  color_at (&canvas, WIDTH / 2, HEIGHT - PAD - 1, &first);
  g_assert_cmpfloat (color_distance (&first, &second), >, 0.3);
  canvas_clear (&canvas);

  /* Still apart on the selection, where the first line takes the selected
   * text colour: a tint of its own, and dashed; the first stays solid. */
  render_full (&canvas, cell, low, high, 100, GTK_CELL_RENDERER_SELECTED);
  {
    guint gaps = 0;
    int x = PAD + 2;

    for (; x < WIDTH - PAD - 2; x++)
      {
        g_assert_cmpuint (alpha_at (&canvas, x, HEIGHT - PAD - 1), >, 128);
        gaps += alpha_at (&canvas, x, PAD) == 0;
      }
    g_assert_cmpuint (gaps, >, 5);
    for (x = WIDTH / 2; alpha_at (&canvas, x, PAD) < 200; x++)
      ;
    color_at (&canvas, x, PAD, &second);
  }
  color_at (&canvas, WIDTH / 2, HEIGHT - PAD - 1, &first);
  g_assert_cmpfloat (color_distance (&first, &second), >, 0.2);
  canvas_clear (&canvas);

  /* Unselected, the second line is solid. */
  render_full (&canvas, cell, low, high, 100, 0);
  for (int x = PAD + 2; x < WIDTH - PAD - 2; x++)
    g_assert_cmpuint (alpha_at (&canvas, x, PAD), >, 128);
  canvas_clear (&canvas);

  /* No second series: nothing above the first one's line at the bottom. */
  render_full (&canvas, cell, low, NULL, 100, 0);
  for (int x = PAD; x < WIDTH - PAD; x++)
    for (int y = 0; y < HEIGHT - PAD - 3; y++)
      g_assert_cmpuint (alpha_at (&canvas, x, y), ==, 0);
  canvas_clear (&canvas);

  /* Scaled to the largest of both: the second's 100 is the top, so the
   * first's 50 sits in the middle, not at the top. */
  render_full (&canvas, cell, middle, high, 0, 0);
  g_assert_cmpuint (alpha_at (&canvas, WIDTH / 2, PAD), >, 128);
  g_assert_cmpuint (alpha_at (&canvas, WIDTH / 2, HEIGHT / 2), >, 128);
  g_assert_cmpuint (alpha_at (&canvas, WIDTH / 2, PAD + 4), ==, 0);
  color_at (&canvas, WIDTH / 2, HEIGHT / 2, &first);
  color_at (&canvas, WIDTH / 2, PAD, &second);
  g_assert_cmpfloat (color_distance (&first, &second), >, 0.3);
  canvas_clear (&canvas);

  /* The other way round: the first series is the larger one. */
  render_full (&canvas, cell, high, middle, 0, 0);
  g_assert_cmpuint (alpha_at (&canvas, WIDTH / 2, PAD), >, 128);
  g_assert_cmpuint (alpha_at (&canvas, WIDTH / 2, HEIGHT / 2), >, 128);
  canvas_clear (&canvas);

  /* Both idle, scaled automatically: two flat lines at the bottom, not an
   * empty cell. */
  render_full (&canvas, cell, low, low, 0, 0);
  g_assert_cmpuint (alpha_at (&canvas, WIDTH / 2, HEIGHT - PAD - 1), >, 128);
  g_assert_cmpuint (alpha_at (&canvas, WIDTH / 2, PAD + 1), ==, 0);
  canvas_clear (&canvas);

  /* A second series alone (no first ring) draws nothing: the cell is
   * hidden for that case. */
  render_full (&canvas, cell, NULL, high, 100, 0);
  for (int x = 0; x < WIDTH; x += 3)
    for (int y = 0; y < HEIGHT; y++)
      g_assert_cmpuint (alpha_at (&canvas, x, y), ==, 0);
  canvas_clear (&canvas);

  gtk_widget_destroy (canvas.widget);
  g_object_unref (canvas.widget);
}

/* Both lines stay readable on the view's background in Adwaita and
 * Adwaita-dark, and apart from each other. */
static void
check_theme_contrast (gboolean dark)
{
  g_autoptr(GtkCellRenderer) cell = g_object_ref_sink (vd_sparkline_renderer_new ());
  Canvas canvas = { NULL, NULL };
  const double idle[] = { 0, 0, 0, 0, 0 };
  const double full[] = { 100, 100, 100, 100, 100 };
  g_autoptr(VdStatsRing) low = ring_of (5, idle, 5);
  g_autoptr(VdStatsRing) high = ring_of (5, full, 5);
  GtkWidget *window;
  GdkRGBA background;
  GdkRGBA first;
  GdkRGBA second;

  g_object_set (gtk_settings_get_default (),
                "gtk-theme-name", "Adwaita",
                "gtk-application-prefer-dark-theme", dark,
                NULL);
  window = gtk_window_new (GTK_WINDOW_TOPLEVEL);
  canvas.widget = gtk_tree_view_new ();
  gtk_container_add (GTK_CONTAINER (window), canvas.widget);
  g_assert_true (gtk_style_context_lookup_color (gtk_widget_get_style_context (canvas.widget),
                                                 "theme_base_color", &background));

  render_full (&canvas, cell, low, high, 100, 0);
  color_at (&canvas, WIDTH / 2, PAD, &second);
  color_at (&canvas, WIDTH / 2, HEIGHT - PAD - 1, &first);
  log_colors (dark ? "dark" : "light", &background, &first, &second);
  g_assert_cmpfloat (contrast (&first, &background), >=, 3.0);
  g_assert_cmpfloat (contrast (&second, &background), >=, 3.0);
  g_assert_cmpfloat (color_distance (&first, &second), >, 0.3);
  canvas_clear (&canvas);

  /* On the selection background. */
  g_assert_true (gtk_style_context_lookup_color (gtk_widget_get_style_context (canvas.widget),
                                                 "theme_selected_bg_color", &background));
  render_full (&canvas, cell, low, high, 100, GTK_CELL_RENDERER_SELECTED);
  {
    int x = WIDTH / 2;

    while (alpha_at (&canvas, x, PAD) < 200)
      x++;
    color_at (&canvas, x, PAD, &second);
  }
  color_at (&canvas, WIDTH / 2, HEIGHT - PAD - 1, &first);
  log_colors (dark ? "dark, selected" : "light, selected", &background, &first, &second);
  g_assert_cmpfloat (contrast (&first, &background), >=, 3.0);
  g_assert_cmpfloat (contrast (&second, &background), >=, 2.5);
  canvas_clear (&canvas);

  gtk_widget_destroy (window);
}

static void
test_sparkline_themes (void)
{
  check_theme_contrast (FALSE);
  check_theme_contrast (TRUE);
  g_object_set (gtk_settings_get_default (), "gtk-application-prefer-dark-theme", FALSE, NULL);
}

static char *
format_test_value (double   value,
                   gpointer data)
{
  return g_strdup_printf ("%.0f", value);
}

/* The signature follows what would be drawn: equal for the same series
 * and size, different for another sample, a gap, another value or size. */
static void
test_sparkline_signature (void)
{
  g_autoptr(GtkCellRenderer) cell = g_object_ref_sink (vd_sparkline_renderer_new ());
  VdSparklineRenderer *sparkline = VD_SPARKLINE_RENDERER (cell);
  g_autoptr(VdStatsRing) ring = vd_stats_ring_new (10);
  guint64 first;
  guint64 again;

  for (guint i = 0; i < 5; i++)
    vd_stats_ring_push (ring, 50);
  vd_sparkline_renderer_set_series (sparkline, ring, NULL, 100, format_test_value, NULL, 50, NULL, -1);
  first = vd_sparkline_renderer_get_signature (sparkline, 120, 30);
  again = vd_sparkline_renderer_get_signature (sparkline, 120, 30);
  g_assert_cmpuint (first, ==, again);
  g_assert_cmpuint (first, !=, vd_sparkline_renderer_get_signature (sparkline, 140, 30));

  /* Another current value (its text changes). */
  vd_sparkline_renderer_set_series (sparkline, ring, NULL, 100, format_test_value, NULL, 51, NULL, -1);
  g_assert_cmpuint (first, !=, vd_sparkline_renderer_get_signature (sparkline, 120, 30));
  vd_sparkline_renderer_set_series (sparkline, ring, NULL, 100, format_test_value, NULL, 50, NULL, -1);
  g_assert_cmpuint (first, ==, vd_sparkline_renderer_get_signature (sparkline, 120, 30));

  /* A new sample, even an equal one, moves the line's left end. */
  vd_stats_ring_push (ring, 50);
  again = vd_sparkline_renderer_get_signature (sparkline, 120, 30);
  g_assert_cmpuint (first, !=, again);

  /* A full ring of equal samples draws the same picture after one more. */
  for (guint i = 0; i < 10; i++)
    vd_stats_ring_push (ring, 50);
  first = vd_sparkline_renderer_get_signature (sparkline, 120, 30);
  vd_stats_ring_push (ring, 50);
  g_assert_cmpuint (first, ==, vd_sparkline_renderer_get_signature (sparkline, 120, 30));
  /* A gap does not. */
  vd_stats_ring_push (ring, NAN);
  g_assert_cmpuint (first, !=, vd_sparkline_renderer_get_signature (sparkline, 120, 30));

  /* Hidden: the same signature whatever the series. */
  gtk_cell_renderer_set_visible (cell, FALSE);
  first = vd_sparkline_renderer_get_signature (sparkline, 120, 30);
  vd_stats_ring_push (ring, 10);
  g_assert_cmpuint (first, ==, vd_sparkline_renderer_get_signature (sparkline, 120, 30));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/vd/sparkline/levels", test_sparkline_levels);
  g_test_add_func ("/vd/sparkline/history", test_sparkline_history);
  g_test_add_func ("/vd/sparkline/secondary", test_sparkline_secondary);
  g_test_add_func ("/vd/sparkline/signature", test_sparkline_signature);
  g_test_add_func ("/vd/sparkline/themes", test_sparkline_themes);

  return g_test_run ();
}
