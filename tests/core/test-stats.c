/* test-stats.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "vd-stats-rate.h"
#include "vd-stats-ring.h"
#include "../vd-test-util.h"

static void
test_ring_basics (void)
{
  g_autoptr(VdStatsRing) ring = vd_stats_ring_new (3);

  g_assert_cmpuint (vd_stats_ring_get_capacity (ring), ==, 3);
  g_assert_cmpuint (vd_stats_ring_get_length (ring), ==, 0);
  g_assert_true (isnan (vd_stats_ring_get (ring, 0)));
  g_assert_cmpfloat (vd_stats_ring_get_max (ring), ==, 0);

  vd_stats_ring_push (ring, 1);
  vd_stats_ring_push (ring, 2);
  g_assert_cmpuint (vd_stats_ring_get_length (ring), ==, 2);
  g_assert_cmpfloat (vd_stats_ring_get (ring, 0), ==, 2);
  g_assert_cmpfloat (vd_stats_ring_get (ring, 1), ==, 1);
  g_assert_true (isnan (vd_stats_ring_get (ring, 2)));

  /* Full: the oldest goes first. */
  vd_stats_ring_push (ring, 3);
  vd_stats_ring_push (ring, 4);
  g_assert_cmpuint (vd_stats_ring_get_length (ring), ==, 3);
  g_assert_cmpfloat (vd_stats_ring_get (ring, 0), ==, 4);
  g_assert_cmpfloat (vd_stats_ring_get (ring, 1), ==, 3);
  g_assert_cmpfloat (vd_stats_ring_get (ring, 2), ==, 2);
  g_assert_true (isnan (vd_stats_ring_get (ring, 3)));
  g_assert_cmpfloat (vd_stats_ring_get_max (ring), ==, 4);

  /* Gaps are kept, and ignored by the maximum. */
  vd_stats_ring_push (ring, NAN);
  g_assert_true (isnan (vd_stats_ring_get (ring, 0)));
  g_assert_cmpfloat (vd_stats_ring_get_max (ring), ==, 4);

  vd_stats_ring_clear (ring);
  g_assert_cmpuint (vd_stats_ring_get_length (ring), ==, 0);
  vd_stats_ring_push (ring, 7);
  g_assert_cmpfloat (vd_stats_ring_get (ring, 0), ==, 7);
}

static void
test_ring_capacity (void)
{
  g_autoptr(VdStatsRing) ring = vd_stats_ring_new (5);

  for (guint i = 1; i <= 7; i++)
    vd_stats_ring_push (ring, i);   /* holds 3..7 */

  /* Shrinking keeps the newest samples. */
  vd_stats_ring_set_capacity (ring, 2);
  g_assert_cmpuint (vd_stats_ring_get_length (ring), ==, 2);
  g_assert_cmpfloat (vd_stats_ring_get (ring, 0), ==, 7);
  g_assert_cmpfloat (vd_stats_ring_get (ring, 1), ==, 6);

  /* Growing keeps everything, and new samples follow in order. */
  vd_stats_ring_set_capacity (ring, 4);
  g_assert_cmpuint (vd_stats_ring_get_length (ring), ==, 2);
  vd_stats_ring_push (ring, 8);
  vd_stats_ring_push (ring, 9);
  vd_stats_ring_push (ring, 10);
  g_assert_cmpuint (vd_stats_ring_get_length (ring), ==, 4);
  g_assert_cmpfloat (vd_stats_ring_get (ring, 0), ==, 10);
  g_assert_cmpfloat (vd_stats_ring_get (ring, 3), ==, 7);

  /* A reference keeps the series alive for a graph. */
  {
    VdStatsRing *held = vd_stats_ring_ref (ring);

    g_assert_true (held == ring);
    vd_stats_ring_unref (held);
  }
}

static void
test_rate_cpu (void)
{
  /* One vCPU busy half of one second. */
  g_assert_cmpfloat_with_epsilon (vd_stats_cpu_percent (1000000000, 1500000000, G_USEC_PER_SEC, 1),
                                  50.0, 1e-9);
  /* Normalised to the vCPUs: the same time over four is 12.5 %. */
  g_assert_cmpfloat_with_epsilon (vd_stats_cpu_percent (1000000000, 1500000000, G_USEC_PER_SEC, 4),
                                  12.5, 1e-9);
  /* 0 vCPUs (not reported) counts as one. */
  g_assert_cmpfloat_with_epsilon (vd_stats_cpu_percent (0, 250000000, G_USEC_PER_SEC, 0),
                                  25.0, 1e-9);
  /* Idle. */
  g_assert_cmpfloat (vd_stats_cpu_percent (42, 42, G_USEC_PER_SEC, 2), ==, 0.0);
  /* Sampling jitter above 100 % is clamped. */
  g_assert_cmpfloat (vd_stats_cpu_percent (0, 1100000000, G_USEC_PER_SEC, 1), ==, 100.0);
  /* The counter went backwards (guest restarted): unknown, not negative. */
  g_assert_cmpfloat (vd_stats_cpu_percent (5000000000, 1000, G_USEC_PER_SEC, 1), ==, -1);
  /* No time passed: unknown, not a division by zero. */
  g_assert_cmpfloat (vd_stats_cpu_percent (0, 1000, 0, 1), ==, -1);
  g_assert_cmpfloat (vd_stats_cpu_percent (0, 1000, -5, 1), ==, -1);
}

static void
test_rate_bytes (void)
{
  g_assert_cmpfloat_with_epsilon (vd_stats_byte_rate (1000, 3000, G_USEC_PER_SEC / 2), 4000.0, 1e-9);
  g_assert_cmpfloat (vd_stats_byte_rate (1000, 1000, G_USEC_PER_SEC), ==, 0.0);
  /* Full 64-bit counters do not overflow the arithmetic. */
  g_assert_cmpfloat_with_epsilon (vd_stats_byte_rate (G_MAXUINT64 - 10, G_MAXUINT64, G_USEC_PER_SEC),
                                  10.0, 1e-6);
  g_assert_cmpfloat (vd_stats_byte_rate (3000, 1000, G_USEC_PER_SEC), ==, -1);
  g_assert_cmpfloat (vd_stats_byte_rate (1000, 3000, 0), ==, -1);
}

static void
updated_cb (VdConnection *connection,
            guint        *ticks)
{
  (*ticks)++;
}

/* The poller on the test driver: a running guest gets one sample per tick
 * and its CPU counter moves; a shut-off guest gets none. */
static void
test_poller_history (void)
{
  g_autofree char *uri = vd_test_fixture_uri ("basic.xml");
  g_autoptr(VdConnection) connection = vd_test_open (uri);
  VdDomain *alpha = vd_connection_find_domain_by_name (connection, "alpha");
  VdDomain *bravo = vd_connection_find_domain_by_name (connection, "bravo");
  VdStatsRing *history = vd_domain_get_cpu_history (alpha);
  guint ticks = 0;

  g_signal_connect (connection, "stats-updated", G_CALLBACK (updated_cb), &ticks);
  vd_connection_set_stats_interval (connection, 1);

  VD_TEST_WAIT_UNTIL (ticks >= 3, 30);
  g_assert_cmpuint (vd_stats_ring_get_capacity (history), ==, VD_DOMAIN_DEFAULT_HISTORY);
  g_assert_cmpuint (vd_stats_ring_get_length (history), >=, 2);
  /* The first tick has nothing to compare with; later ones measure. */
  g_assert_false (isnan (vd_stats_ring_get (history, 0)));
  g_assert_cmpfloat (vd_stats_ring_get (history, 0), >=, 0.0);
  g_assert_cmpfloat (vd_stats_ring_get (history, 0), <=, 100.0);
  g_assert_cmpfloat (vd_domain_get_cpu_usage (alpha), ==, vd_stats_ring_get (history, 0));

  g_assert_cmpuint (vd_stats_ring_get_length (vd_domain_get_cpu_history (bravo)), ==, 0);
  g_assert_cmpfloat (vd_domain_get_cpu_usage (bravo), <, 0);

  vd_connection_disconnect (connection);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gvir_init_object_check (NULL, NULL, NULL);

  g_test_add_func ("/stats/ring/basics", test_ring_basics);
  g_test_add_func ("/stats/ring/capacity", test_ring_capacity);
  g_test_add_func ("/stats/rate/cpu", test_rate_cpu);
  g_test_add_func ("/stats/rate/bytes", test_rate_bytes);
  g_test_add_func ("/stats/poller/history", test_poller_history);

  return g_test_run ();
}
