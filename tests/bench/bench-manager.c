/* bench-manager.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* How long the manager takes to show a host with many guests, and what it
 * costs in memory: opening the connection (the worker lists every guest
 * and reads its state), filling the tree, a search keystroke over every
 * row, and the resident set size afterwards. Run by hand or with
 * `build-aux/dev bench`; never part of the test suite.
 *
 *   bench-manager FIXTURE.xml [ROUNDS]
 */

#include "config.h"

#include <gtk/gtk.h>
#include <libvirt-gobject/libvirt-gobject.h>
#include <stdio.h>

#include "vd-connection-manager.h"
#include "vd-manager-window.h"

static long
rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line != NULL ? strtol (line + 6, NULL, 10) : -1;
}

static void
spin_until_connected (VdConnection *connection)
{
  while (vd_connection_get_state (connection) != VD_CONNECTION_STATE_CONNECTED)
    {
      if (vd_connection_get_state (connection) == VD_CONNECTION_STATE_FAILED)
        g_error ("could not open: %s", vd_connection_get_last_error (connection));
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
spin_idle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *)a;
  double y = *(const double *)b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  g_array_sort (values, compare_double);
  return g_array_index (values, double, values->len / 2);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GArray) open_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) draw_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) search_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *uri = NULL;
  guint rounds = 5;
  guint n_guests = 0;
  long rss_before;
  long rss_after = 0;

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_init (&argc, &argv);
  gvir_init_object_check (NULL, NULL, NULL);

  if (argc < 2)
    {
      g_printerr ("usage: %s FIXTURE.xml [ROUNDS]\n", argv[0]);
      return 2;
    }
  uri = g_strdup_printf ("test://%s", argv[1]);
  if (argc > 2)
    rounds = MAX (1, atoi (argv[2]));

  rss_before = rss_kib ();

  for (guint round = 0; round < rounds; round++)
    {
      g_autoptr(VdConnectionManager) manager = vd_connection_manager_new (NULL);
      VdConnection *connection = vd_connection_manager_add (manager, uri, FALSE);
      VdManagerWindow *window;
      gint64 start;

      window = vd_manager_window_new (NULL, manager, NULL);
      gtk_window_set_default_size (GTK_WINDOW (window), 1000, 700);
      gtk_widget_show (GTK_WIDGET (window));
      spin_idle ();

      start = g_get_monotonic_time ();
      vd_manager_window_connect (window, connection);
      spin_until_connected (connection);
      g_array_append_val (open_ms, (double){ (g_get_monotonic_time () - start) / 1000.0 });

      start = g_get_monotonic_time ();
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
      spin_idle ();
      g_array_append_val (draw_ms, (double){ (g_get_monotonic_time () - start) / 1000.0 });

      n_guests = g_list_model_get_n_items (vd_connection_get_domains (connection));

      start = g_get_monotonic_time ();
      vd_manager_window_set_search (window, "guest-00");
      spin_idle ();
      vd_manager_window_set_search (window, "");
      spin_idle ();
      g_array_append_val (search_ms, (double){ (g_get_monotonic_time () - start) / 2000.0 });

      if (round == rounds - 1)
        rss_after = rss_kib ();

      gtk_widget_destroy (GTK_WIDGET (window));
      vd_connection_disconnect (connection);
      g_object_run_dispose (G_OBJECT (manager));
      spin_idle ();
    }

  printf ("guests                  %u\n", n_guests);
  printf ("rounds                  %u\n", rounds);
  printf ("open to connected       %.1f ms (median)\n", median (open_ms));
  printf ("first draw after open   %.1f ms (median)\n", median (draw_ms));
  printf ("one search keystroke    %.1f ms (median)\n", median (search_ms));
  printf ("RSS growth              %ld KiB (%.1f KiB per guest)\n",
          rss_after - rss_before, n_guests ? (double)(rss_after - rss_before) / n_guests : 0.0);

  return 0;
}
