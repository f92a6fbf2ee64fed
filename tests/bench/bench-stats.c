/* bench-stats.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The stats engine's cost with the manager window open on a host whose
 * guests all run, every graph column shown and every stats group on, at a
 * 1 s interval. Prints ONE machine-readable line:
 *
 *   listed_ms     process start (T0_NS, from the caller's clock) to every
 *                 guest row in the tree model and the window drawn once
 *   virsh_ms      `virsh -c test:///FIXTURE list --all`, the floor (median
 *                 of three, run after the idle minute)
 *   rss_mb        resident set 30 s after listing, and its private
 *                 (anon) and mapped-file (libraries, fonts) parts
 *   cpu_s         CPU seconds (user + system, all threads) per idle
 *                 minute, and those of the main thread alone
 *   tick_ms_*     main-thread time per stats tick (poller setup, storing
 *                 the numbers, the views' handlers), median and worst
 *   draw_ms_*     the tree view's draw, median and worst
 *   late_ms_*     how late a 100 ms timer fired over the idle minute:
 *                 median, 95th percentile, worst
 *   scroll_ms_*   one scroll step (a page down) through the whole list to
 *                 its drawn frame, median and worst
 *
 * Run by `build-aux/dev bench`, never by the test suite:
 *
 *   bench-stats FIXTURE.xml T0_NS [IDLE_SECONDS]
 */

#include "config.h"

#include <gtk/gtk.h>
#include <libvirt-gobject/libvirt-gobject.h>
#include <math.h>
#include <stdio.h>
#include <sys/resource.h>
#include <time.h>

#include "vd-connection-manager.h"
#include "vd-connection-private.h"
#include "vd-gtk-util.h"
#include "vd-manager-window.h"

static const char * const graph_keys[] = {
  "show-guest-cpu", "show-host-cpu", "show-memory", "show-disk", "show-network",
};

typedef struct
{
  GArray *tick_ms;
  GArray *draw_ms;
  GArray *late_ms;
  gint64  draw_start;
  gint64  timer_last;
  gint64  idle_end;
  gint64  rss_at;
  long    rss_kib;
  long    rss_anon_kib;   /* the heap and other private memory */
  long    rss_file_kib;   /* mapped files: libraries, fonts, icon caches */
} Bench;

/* A field of /proc/self/status in KiB, -1 when missing. */
static long
status_kib (const char *field)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, field);
  return line != NULL ? strtol (line + strlen (field), NULL, 10) : -1;
}

static long
rss_kib (void)
{
  return status_kib ("VmRSS:");
}

static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

static double
main_thread_cpu_seconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return (x > y) - (x < y);
}

/* The value at fraction @q (0.5 = median) of @values, sorted in place. */
static double
quantile (GArray *values,
          double  q)
{
  guint index;

  if (values->len == 0)
    return NAN;

  g_array_sort (values, compare_double);
  index = MIN ((guint)(q * values->len), values->len - 1);
  return g_array_index (values, double, index);
}

static double
worst (GArray *values)
{
  return quantile (values, 1.0);
}

static guint
count_guest_rows (GtkTreeModel *model)
{
  GtkTreeIter iter;
  guint n = 0;

  if (!gtk_tree_model_get_iter_first (model, &iter))
    return 0;
  do
    n += gtk_tree_model_iter_n_children (model, &iter);
  while (gtk_tree_model_iter_next (model, &iter));

  return n;
}

static void
stats_updated_cb (VdConnection *connection,
                  Bench        *bench)
{
  double ms = vd_stats_poller_get_tick_main_time (connection->poller) / 1000.0;

  if (bench->idle_end != 0)
    g_array_append_val (bench->tick_ms, ms);
}

static gboolean
draw_before_cb (GtkWidget *widget,
                cairo_t   *cr,
                Bench     *bench)
{
  bench->draw_start = g_get_monotonic_time ();
  return FALSE;
}

static gboolean
draw_after_cb (GtkWidget *widget,
               cairo_t   *cr,
               Bench     *bench)
{
  double ms = (g_get_monotonic_time () - bench->draw_start) / 1000.0;

  if (bench->idle_end != 0)
    g_array_append_val (bench->draw_ms, ms);
  return FALSE;
}

/* A 100 ms timer: GLib schedules the next firing 100 ms after this one
 * was dispatched, so anything beyond that is the main loop being late. */
static gboolean
timer_cb (gpointer data)
{
  Bench *bench = data;
  gint64 now = g_get_monotonic_time ();
  double late = (now - bench->timer_last - 100 * 1000) / 1000.0;

  g_array_append_val (bench->late_ms, (double){ MAX (late, 0) });
  bench->timer_last = now;

  if (bench->rss_at != 0 && now >= bench->rss_at)
    {
      bench->rss_kib = rss_kib ();
      bench->rss_anon_kib = status_kib ("RssAnon:");
      bench->rss_file_kib = status_kib ("RssFile:") + status_kib ("RssShmem:");
      bench->rss_at = 0;
    }

  return G_SOURCE_CONTINUE;
}

static double
virsh_floor_ms (const char *uri)
{
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (double));
  const char *argv[] = { "virsh", "-c", uri, "list", "--all", NULL };

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GError) error = NULL;
      int status = 0;
      gint64 start = g_get_monotonic_time ();

      if (!g_spawn_sync (NULL, (char **)argv, NULL,
                         G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL |
                         G_SPAWN_STDERR_TO_DEV_NULL,
                         NULL, NULL, NULL, NULL, &status, &error) ||
          !g_spawn_check_wait_status (status, NULL))
        g_error ("virsh failed: %s", error ? error->message : "exit status");
      g_array_append_val (runs, (double){ (g_get_monotonic_time () - start) / 1000.0 });
    }

  return quantile (runs, 0.5);
}

/* Pages down through the whole list, one drawn frame per step. */
static void
scroll_through (GtkTreeView *tree_view,
                GArray      *frames)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (tree_view));
  double page = gtk_adjustment_get_page_size (adjustment);
  double upper = gtk_adjustment_get_upper (adjustment);

  for (double value = 0; value + page < upper; value += page)
    {
      gint64 start = g_get_monotonic_time ();

      gtk_adjustment_set_value (adjustment, value + page);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (tree_view));
      g_array_append_val (frames, (double){ (g_get_monotonic_time () - start) / 1000.0 });
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(VdConnectionManager) manager = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(GArray) scroll_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *uri = NULL;
  Bench bench = { 0 };
  VdConnection *connection;
  VdManagerWindow *window;
  GtkTreeView *tree_view;
  gint64 t0_ns;
  double listed_ms;
  double floor_ms;
  double cpu_start;
  double cpu_used;
  double main_start;
  double main_used;
  guint idle_seconds = 60;
  guint n_guests;
  guint timer;

  if (argc < 3)
    {
      g_printerr ("usage: %s FIXTURE.xml T0_NS [IDLE_SECONDS]\n", argv[0]);
      return 2;
    }
  t0_ns = g_ascii_strtoll (argv[2], NULL, 10);
  if (argc > 3)
    idle_seconds = MAX (2, atoi (argv[3]));

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  /* As the application's main() does. */
  vd_gtk_skip_gl_probe ();
  gtk_init (&argc, &argv);
  gvir_init_object_check (NULL, NULL, NULL);

  uri = g_strdup_printf ("test://%s", argv[1]);
  settings = g_settings_new (APP_ID);
  for (guint i = 0; i < G_N_ELEMENTS (graph_keys); i++)
    g_settings_set_boolean (settings, graph_keys[i], TRUE);

  bench.tick_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench.draw_ms = g_array_new (FALSE, FALSE, sizeof (double));
  bench.late_ms = g_array_new (FALSE, FALSE, sizeof (double));

  manager = vd_connection_manager_new (NULL);
  connection = vd_connection_manager_add (manager, uri, FALSE);
  window = vd_manager_window_new (NULL, manager, settings);
  tree_view = vd_manager_window_get_tree_view (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1200, 800);
  gtk_widget_show (GTK_WIDGET (window));
  g_signal_connect (connection, "stats-updated", G_CALLBACK (stats_updated_cb), &bench);
  g_signal_connect (tree_view, "draw", G_CALLBACK (draw_before_cb), &bench);
  g_signal_connect_after (tree_view, "draw", G_CALLBACK (draw_after_cb), &bench);

  vd_manager_window_connect (window, connection);
  n_guests = 0;
  while (vd_connection_get_state (connection) != VD_CONNECTION_STATE_CONNECTED ||
         (n_guests = count_guest_rows (gtk_tree_view_get_model (tree_view))) <
           g_list_model_get_n_items (vd_connection_get_domains (connection)) ||
         n_guests == 0)
    {
      if (vd_connection_get_state (connection) == VD_CONNECTION_STATE_FAILED)
        g_error ("could not open: %s", vd_connection_get_last_error (connection));
      g_main_context_iteration (NULL, TRUE);
    }
  gtk_test_widget_wait_for_draw (GTK_WIDGET (tree_view));
  listed_ms = (g_get_real_time () * 1000 - t0_ns) / 1e6;

  /* The idle minute. */
  cpu_start = cpu_seconds ();
  main_start = main_thread_cpu_seconds ();
  bench.timer_last = g_get_monotonic_time ();
  bench.rss_at = bench.timer_last + 30 * G_USEC_PER_SEC;
  bench.idle_end = bench.timer_last + idle_seconds * G_USEC_PER_SEC;
  timer = g_timeout_add (100, timer_cb, &bench);
  while (g_get_monotonic_time () < bench.idle_end)
    g_main_context_iteration (NULL, TRUE);
  cpu_used = cpu_seconds () - cpu_start;
  main_used = main_thread_cpu_seconds () - main_start;
  g_source_remove (timer);
  if (bench.rss_kib == 0)
    {
      bench.rss_kib = rss_kib ();
      bench.rss_anon_kib = status_kib ("RssAnon:");
      bench.rss_file_kib = status_kib ("RssFile:") + status_kib ("RssShmem:");
    }

  bench.idle_end = 0;
  scroll_through (tree_view, scroll_ms);

  gtk_widget_destroy (GTK_WIDGET (window));
  vd_connection_disconnect (connection);
  floor_ms = virsh_floor_ms (uri);

  printf ("bench-stats guests=%u listed_ms=%.0f virsh_ms=%.0f listed_over_floor=%.2f "
          "rss_mb=%.1f rss_anon_mb=%.1f rss_file_mb=%.1f cpu_s=%.2f cpu_main_s=%.2f tick_ms_median=%.2f tick_ms_worst=%.2f ticks=%u "
          "draws=%u draw_ms_median=%.2f draw_ms_worst=%.2f "
          "late_ms_median=%.2f late_ms_p95=%.2f late_ms_worst=%.2f "
          "scroll_ms_median=%.2f scroll_ms_worst=%.2f\n",
          n_guests, listed_ms, floor_ms, listed_ms / floor_ms,
          bench.rss_kib / 1024.0, bench.rss_anon_kib / 1024.0, bench.rss_file_kib / 1024.0, cpu_used * 60.0 / idle_seconds, main_used * 60.0 / idle_seconds,
          quantile (bench.tick_ms, 0.5), worst (bench.tick_ms), bench.tick_ms->len,
          bench.draw_ms->len, quantile (bench.draw_ms, 0.5), worst (bench.draw_ms),
          quantile (bench.late_ms, 0.5), quantile (bench.late_ms, 0.95), worst (bench.late_ms),
          quantile (scroll_ms, 0.5), worst (scroll_ms));

  g_array_unref (bench.tick_ms);
  g_array_unref (bench.draw_ms);
  g_array_unref (bench.late_ms);

  return 0;
}
