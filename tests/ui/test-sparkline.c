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
 * drawn above it, and that a gap stays empty. */

#define WIDTH  100
#define HEIGHT 20
#define PAD    2   /* the renderer's default padding */

typedef struct
{
  cairo_surface_t *surface;
  GtkWidget       *widget;
} Canvas;

static void
render (Canvas          *canvas,
        GtkCellRenderer *cell,
        VdStatsRing     *ring,
        double           maximum)
{
  GdkRectangle area = { 0, 0, WIDTH, HEIGHT };
  cairo_t *cr;

  canvas->surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, WIDTH, HEIGHT);
  cr = cairo_create (canvas->surface);
  g_object_set (cell, "ring", ring, "maximum", maximum, "text", NULL, NULL);
  gtk_cell_renderer_render (cell, cr, canvas->widget, &area, &area, 0);
  cairo_destroy (cr);
  cairo_surface_flush (canvas->surface);
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

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/vd/sparkline/levels", test_sparkline_levels);
  g_test_add_func ("/vd/sparkline/history", test_sparkline_history);

  return g_test_run ();
}
