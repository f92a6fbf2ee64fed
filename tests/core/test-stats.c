/* test-stats.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "vd-connection-private.h"
#include "vd-stats-rate.h"
#include "vd-stats-ring.h"
#include "vd-stats-sample.h"
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
  g_assert_cmpuint (vd_stats_ring_get_capacity (history), ==, VD_STATS_DEFAULT_HISTORY);
  g_assert_cmpuint (vd_stats_ring_get_length (history), >=, 2);
  /* The first tick has nothing to compare with; later ones measure. */
  g_assert_false (isnan (vd_stats_ring_get (history, 0)));
  g_assert_cmpfloat (vd_stats_ring_get (history, 0), >=, 0.0);
  g_assert_cmpfloat (vd_stats_ring_get (history, 0), <=, 100.0);
  /* The series stores single precision: enough for a graph. */
  g_assert_cmpfloat ((float)vd_domain_get_cpu_usage (alpha), ==, vd_stats_ring_get (history, 0));

  g_assert_cmpuint (vd_stats_ring_get_length (vd_domain_get_cpu_history (bravo)), ==, 0);
  g_assert_cmpfloat (vd_domain_get_cpu_usage (bravo), <, 0);

  vd_connection_disconnect (connection);
}


static void
test_devices_parse (void)
{
  static const char xml[] =
    "<domain type='kvm'><name>x</name>"
    "<os><type>hvm</type></os>"
    "<devices>"
    "<disk type='file' device='disk'><source file='/a.img'/><target dev='vda' bus='virtio'/>"
    "<backingStore type='file'><source file='/base.img'/><target dev='ignored'/></backingStore>"
    "</disk>"
    "<disk type='file' device='cdrom'><target dev='sda' bus='sata'/><readonly/></disk>"
    "<interface type='network'><mac address='52:54:00:aa:bb:cc'/><source network='default'/>"
    "<target dev='vnet7'/></interface>"
    "<interface type='user'><mac address='52:54:00:11:22:33'/></interface>"
    "<interface type='bridge'><source bridge='br0'/></interface>"
    "<hostdev mode='subsystem' type='usb'><source><target dev='no'/></source></hostdev>"
    "</devices></domain>";
  g_autoptr(VdGuestDevices) devices = _vd_guest_devices_parse (xml);

  g_assert_nonnull (devices);
  /* Direct <target> children only: a backing store's is not a disk. */
  g_assert_cmpuint (g_strv_length (devices->disks), ==, 2);
  g_assert_cmpstr (devices->disks[0], ==, "vda");
  g_assert_cmpstr (devices->disks[1], ==, "sda");
  /* The host-side name where there is one, else the MAC; an interface
   * with neither is left out. */
  g_assert_cmpuint (g_strv_length (devices->nics), ==, 2);
  g_assert_cmpstr (devices->nics[0], ==, "vnet7");
  g_assert_cmpstr (devices->nics[1], ==, "52:54:00:11:22:33");

  g_assert_null (_vd_guest_devices_parse ("<domain><devices><disk>"));
}

static void
test_compute_guest (void)
{
  VdGuestCounters before = {
    .have = VD_COUNTERS_CPU | VD_COUNTERS_MEMORY | VD_COUNTERS_DISK | VD_COUNTERS_NETWORK,
    .cpu_time = 1000000000, .vcpus = 2, .memory_used = 100 << 20,
    .rd_bytes = 1000, .wr_bytes = 2000, .rx_bytes = 3000, .tx_bytes = 4000,
  };
  VdGuestCounters after = before;
  double values[VD_STATS_N_METRICS];

  /* One second later: one vCPU's worth of time on two vCPUs, 16 host CPUs. */
  after.cpu_time += 1000000000;
  after.memory_used = 200 << 20;
  after.rd_bytes += 512;
  after.wr_bytes += 1024;
  after.rx_bytes += 2048;
  after.tx_bytes += 4096;
  _vd_stats_compute_guest (&before, &after, G_USEC_PER_SEC, 16, values);
  g_assert_cmpfloat_with_epsilon (values[VD_STATS_CPU], 50.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (values[VD_STATS_HOST_CPU], 100.0 / 16, 1e-9);
  g_assert_cmpfloat (values[VD_STATS_MEMORY], ==, 200 << 20);
  g_assert_cmpfloat_with_epsilon (values[VD_STATS_DISK_READ], 512.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (values[VD_STATS_DISK_WRITE], 1024.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (values[VD_STATS_NET_RX], 2048.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (values[VD_STATS_NET_TX], 4096.0, 1e-9);

  /* First reading: levels are known, rates are not. */
  _vd_stats_compute_guest (NULL, &after, 0, 16, values);
  g_assert_cmpfloat (values[VD_STATS_MEMORY], ==, 200 << 20);
  g_assert_cmpfloat (values[VD_STATS_CPU], ==, -1);
  g_assert_cmpfloat (values[VD_STATS_DISK_READ], ==, -1);
  g_assert_cmpfloat (values[VD_STATS_NET_TX], ==, -1);

  /* Host CPU count unknown: the share is unknown, the guest's own is not. */
  _vd_stats_compute_guest (&before, &after, G_USEC_PER_SEC, 0, values);
  g_assert_cmpfloat_with_epsilon (values[VD_STATS_CPU], 50.0, 1e-9);
  g_assert_cmpfloat (values[VD_STATS_HOST_CPU], ==, -1);

  /* A group missing on either side (not collected, driver left it out)
   * is unknown; the others still count. */
  after.have &= ~(VD_COUNTERS_DISK | VD_COUNTERS_MEMORY);
  _vd_stats_compute_guest (&before, &after, G_USEC_PER_SEC, 16, values);
  g_assert_cmpfloat (values[VD_STATS_DISK_READ], ==, -1);
  g_assert_cmpfloat (values[VD_STATS_DISK_WRITE], ==, -1);
  g_assert_cmpfloat (values[VD_STATS_MEMORY], ==, -1);
  g_assert_cmpfloat_with_epsilon (values[VD_STATS_NET_RX], 2048.0, 1e-9);

  /* Counters reset (the guest restarted between two ticks): unknown for
   * that interval, never negative. */
  after = before;
  after.cpu_time = 5;
  after.rx_bytes = 10;
  _vd_stats_compute_guest (&before, &after, G_USEC_PER_SEC, 16, values);
  g_assert_cmpfloat (values[VD_STATS_CPU], ==, -1);
  g_assert_cmpfloat (values[VD_STATS_HOST_CPU], ==, -1);
  g_assert_cmpfloat (values[VD_STATS_NET_RX], ==, -1);
  g_assert_cmpfloat (values[VD_STATS_NET_TX], ==, 0);
}

static void
test_compute_host (void)
{
  VdHostCounters before = {
    .have = VD_COUNTERS_CPU | VD_COUNTERS_MEMORY, .cpus = 4,
    .cpu_total = 1000, .cpu_idle = 800, .memory_total = 8 << 20, .memory_used = 2 << 20,
  };
  VdHostCounters after = before;
  double values[VD_HOST_STATS_N_METRICS];

  /* 400 ns passed over all CPUs, 100 of them idle: 75 % busy. */
  after.cpu_total += 400;
  after.cpu_idle += 100;
  after.memory_used = 3 << 20;
  _vd_stats_compute_host (&before, &after, 10.0, 1 << 20, values);
  g_assert_cmpfloat_with_epsilon (values[VD_HOST_STATS_CPU], 75.0, 1e-9);
  g_assert_cmpfloat (values[VD_HOST_STATS_MEMORY], ==, 3 << 20);

  /* Counters that do not move (the test driver's are constants): the
   * guests' total share stands in; without one it is unknown. */
  _vd_stats_compute_host (&before, &before, 12.5, -1, values);
  g_assert_cmpfloat (values[VD_HOST_STATS_CPU], ==, 12.5);
  _vd_stats_compute_host (&before, &before, -1, -1, values);
  g_assert_cmpfloat (values[VD_HOST_STATS_CPU], ==, -1);
  _vd_stats_compute_host (NULL, &after, 250.0, -1, values);
  g_assert_cmpfloat (values[VD_HOST_STATS_CPU], ==, 100.0);

  /* No node memory statistics: what the guests use, within the node's
   * size; unknown when that is unknown too. */
  after.have = VD_COUNTERS_CPU;
  _vd_stats_compute_host (&before, &after, -1, 1 << 20, values);
  g_assert_cmpfloat (values[VD_HOST_STATS_MEMORY], ==, 1 << 20);
  _vd_stats_compute_host (&before, &after, -1, 64 << 20, values);
  g_assert_cmpfloat (values[VD_HOST_STATS_MEMORY], ==, 8 << 20);
  _vd_stats_compute_host (&before, &after, -1, -1, values);
  g_assert_cmpfloat (values[VD_HOST_STATS_MEMORY], ==, -1);
  after.memory_total = 0;
  _vd_stats_compute_host (&before, &after, -1, 1 << 20, values);
  g_assert_cmpfloat (values[VD_HOST_STATS_MEMORY], ==, -1);
}

/* Every group on the test driver, whose bulk stats carry only the state:
 * the per-guest fallbacks fill CPU, memory, disk and network, and the host
 * gets CPU and memory. */
static void
test_poller_all_metrics (void)
{
  g_autofree char *uri = vd_test_fixture_uri ("basic.xml");
  g_autoptr(VdConnection) connection = vd_test_open (uri);
  VdDomain *alpha = vd_connection_find_domain_by_name (connection, "alpha");
  VdDomain *bravo = vd_connection_find_domain_by_name (connection, "bravo");
  guint ticks = 0;

  g_signal_connect (connection, "stats-updated", G_CALLBACK (updated_cb), &ticks);
  vd_connection_set_stats_interval (connection, 1);
  VD_TEST_WAIT_UNTIL (ticks >= 3, 30);

  for (guint m = 0; m < VD_STATS_N_METRICS; m++)
    {
      VdStatsRing *ring = vd_domain_get_history (alpha, m);

      g_test_message ("metric %u = %f", m, vd_domain_get_current (alpha, m));
      g_assert_cmpuint (vd_stats_ring_get_length (ring), >=, 2);
      g_assert_false (isnan (vd_stats_ring_get (ring, 0)));
      g_assert_cmpfloat ((float)vd_domain_get_current (alpha, m), ==, vd_stats_ring_get (ring, 0));
      /* Not sampled while shut off. */
      g_assert_cmpuint (vd_stats_ring_get_length (vd_domain_get_history (bravo, m)), ==, 0);
    }

  /* The test driver's counters grow with time: disk and network move. */
  g_assert_cmpfloat (vd_domain_get_current (alpha, VD_STATS_DISK_READ), >, 0);
  g_assert_cmpfloat (vd_domain_get_current (alpha, VD_STATS_NET_RX), >, 0);
  /* Memory: a level within the guest's allocation (512 MiB). */
  g_assert_cmpfloat (vd_domain_get_current (alpha, VD_STATS_MEMORY), >, 0);
  g_assert_cmpfloat (vd_domain_get_current (alpha, VD_STATS_MEMORY), <=,
                     vd_domain_get_memory (alpha) * 1024.0);
  /* The share of the host's CPUs is at most the share of its own. */
  g_assert_cmpfloat (vd_domain_get_current (alpha, VD_STATS_HOST_CPU), <=,
                     vd_domain_get_current (alpha, VD_STATS_CPU));

  g_assert_cmpuint (vd_connection_get_host_cpus (connection), >, 0);
  g_assert_cmpuint (vd_connection_get_host_memory_total (connection), >, 0);
  for (guint m = 0; m < VD_HOST_STATS_N_METRICS; m++)
    {
      VdStatsRing *ring = vd_connection_get_host_history (connection, m);

      g_assert_cmpuint (vd_stats_ring_get_length (ring), >=, 2);
      g_assert_false (isnan (vd_stats_ring_get (ring, 0)));
      g_assert_cmpfloat (vd_connection_get_host_current (connection, m), >=, 0);
    }
  g_assert_cmpfloat (vd_connection_get_host_current (connection, VD_HOST_STATS_CPU), <=, 100);
  g_assert_cmpfloat (vd_connection_get_host_current (connection, VD_HOST_STATS_MEMORY), <=,
                     (double)vd_connection_get_host_memory_total (connection));
  g_assert_cmpuint (vd_stats_poller_get_n_ticks (connection->poller), >=, 3);

  vd_connection_disconnect (connection);
  /* Gone with the connection: unknown, not stale. */
  g_assert_cmpfloat (vd_connection_get_host_current (connection, VD_HOST_STATS_CPU), ==, -1);
}

/* Groups switched off are not collected: their series get gaps. The
 * history length follows the setting, on existing series too. */
static void
test_poller_collect_and_history (void)
{
  g_autofree char *uri = vd_test_fixture_uri ("basic.xml");
  g_autoptr(VdConnection) connection = vd_test_open (uri);
  VdDomain *alpha = vd_connection_find_domain_by_name (connection, "alpha");
  guint ticks = 0;

  vd_connection_set_stats_collect (connection, VD_STATS_COLLECT_DISK);
  g_assert_cmpuint (vd_connection_get_stats_collect (connection), ==,
                    VD_STATS_COLLECT_DISK | VD_STATS_COLLECT_CPU);
  g_signal_connect (connection, "stats-updated", G_CALLBACK (updated_cb), &ticks);
  vd_connection_set_stats_interval (connection, 1);
  VD_TEST_WAIT_UNTIL (ticks >= 3, 30);

  g_assert_cmpfloat (vd_domain_get_current (alpha, VD_STATS_CPU), >=, 0);
  g_assert_cmpfloat (vd_domain_get_current (alpha, VD_STATS_DISK_WRITE), >=, 0);
  g_assert_cmpfloat (vd_domain_get_current (alpha, VD_STATS_MEMORY), ==, -1);
  g_assert_true (isnan (vd_stats_ring_get (vd_domain_get_history (alpha, VD_STATS_MEMORY), 0)));
  g_assert_cmpfloat (vd_domain_get_current (alpha, VD_STATS_NET_RX), ==, -1);
  g_assert_cmpfloat (vd_connection_get_host_current (connection, VD_HOST_STATS_MEMORY), ==, -1);

  vd_connection_set_stats_history (connection, 10);
  g_assert_cmpuint (vd_stats_ring_get_capacity (vd_domain_get_history (alpha, VD_STATS_CPU)),
                    ==, 10);
  g_assert_cmpuint (vd_stats_ring_get_capacity (vd_domain_get_history (alpha, VD_STATS_NET_TX)),
                    ==, 10);
  g_assert_cmpuint (vd_stats_ring_get_capacity (vd_connection_get_host_history (connection,
                                                                                VD_HOST_STATS_CPU)),
                    ==, 10);

  vd_connection_disconnect (connection);
}

/* A guest that stops between ticks leaves its series alone (no sample
 * while shut off) and starts afresh when it runs again: no rate spans
 * the time it was off. */
static void
test_poller_restart (void)
{
  g_autofree char *uri = vd_test_fixture_uri ("basic.xml");
  g_autoptr(VdConnection) connection = vd_test_open (uri);
  VdDomain *alpha = vd_connection_find_domain_by_name (connection, "alpha");
  VdStatsRing *cpu = vd_domain_get_history (alpha, VD_STATS_CPU);
  g_autoptr(GAsyncResult) result = NULL;
  guint ticks = 0;
  guint length;

  g_signal_connect (connection, "stats-updated", G_CALLBACK (updated_cb), &ticks);
  vd_connection_set_stats_interval (connection, 1);
  VD_TEST_WAIT_UNTIL (ticks >= 2, 30);

  vd_domain_force_off_async (alpha, NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_RESULT (result);
  g_assert_true (vd_domain_force_off_finish (alpha, result, NULL));
  g_clear_object (&result);
  VD_TEST_WAIT_UNTIL (!vd_domain_get_active (alpha), 10);
  g_assert_cmpfloat (vd_domain_get_current (alpha, VD_STATS_CPU), ==, -1);

  length = vd_stats_ring_get_length (cpu);
  ticks = 0;
  VD_TEST_WAIT_UNTIL (ticks >= 2, 30);
  g_assert_cmpuint (vd_stats_ring_get_length (cpu), ==, length);

  vd_domain_start_async (alpha, NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_RESULT (result);
  g_assert_true (vd_domain_start_finish (alpha, result, NULL));
  VD_TEST_WAIT_UNTIL (vd_domain_get_active (alpha), 10);

  /* Its first tick back has nothing to compare with: a gap, then values. */
  ticks = 0;
  VD_TEST_WAIT_UNTIL (ticks >= 1 && vd_stats_ring_get_length (cpu) > length, 30);
  g_assert_true (isnan (vd_stats_ring_get (cpu, 0)));
  VD_TEST_WAIT_UNTIL (vd_domain_get_current (alpha, VD_STATS_CPU) >= 0, 30);

  vd_connection_disconnect (connection);
}

/* Many running guests on a driver without bulk stats: the guests nobody
 * watches are measured every few ticks, and their series have no holes
 * once measured again (the ticks between get the interval's averages);
 * a watched guest is measured at every tick. */
static void
test_poller_sparse (void)
{
  const char *path = g_getenv ("VD_TEST_MANY_FIXTURE");
  g_autofree char *uri = NULL;
  g_autoptr(VdConnection) connection = NULL;
  GListModel *domains;
  VdDomain *watched = NULL;
  g_autoptr(GPtrArray) running = g_ptr_array_new ();
  guint ticks = 0;

  g_assert_nonnull (path);
  uri = g_strconcat ("test://", path, NULL);
  connection = vd_test_open (uri);
  domains = vd_connection_get_domains (connection);
  for (guint i = 0; i < g_list_model_get_n_items (domains); i++)
    {
      g_autoptr(VdDomain) domain = g_list_model_get_item (domains, i);

      if (vd_domain_get_active (domain))
        g_ptr_array_add (running, domain);
    }
  g_assert_cmpuint (running->len, >, 100);
  watched = g_ptr_array_index (running, running->len / 2);
  vd_domain_watch_stats (watched);

  g_signal_connect (connection, "stats-updated", G_CALLBACK (updated_cb), &ticks);
  vd_connection_set_stats_interval (connection, 1);

  /* Every guest is measured on its first two ticks, then about a tenth. */
  VD_TEST_WAIT_UNTIL (ticks >= 3, 30);
  g_test_message ("tick %u measured %u of %u", ticks,
                  vd_stats_poller_get_last_sampled (connection->poller), running->len);
  g_assert_cmpuint (vd_stats_poller_get_last_sampled (connection->poller), <, running->len / 4);
  g_assert_cmpuint (vd_stats_poller_get_last_sampled (connection->poller), >, 0);

  /* 12 ticks: every guest was measured again after its first two. */
  while (ticks < 13)
    {
      guint seen = ticks;

      VD_TEST_WAIT_UNTIL (ticks > seen, 30);
      /* The watched guest, at every tick. */
      g_assert_false (isnan (vd_stats_ring_get (vd_domain_get_history (watched, VD_STATS_CPU), 0)));
    }

  for (guint i = 0; i < running->len; i++)
    {
      VdStatsRing *ring = vd_domain_get_history (g_ptr_array_index (running, i), VD_STATS_CPU);
      guint length = vd_stats_ring_get_length (ring);
      guint age = 0;

      g_assert_cmpuint (length, >=, 12);
      /* Not measured since its last measurement: a gap, for now... */
      while (age < length && isnan (vd_stats_ring_get (ring, age)))
        age++;
      g_assert_cmpuint (age, <, 10);
      /* ...and before it, no hole back to the second sample (the first
       * has no rate). */
      for (; age + 1 < length; age++)
        g_assert_false (isnan (vd_stats_ring_get (ring, age)));
      g_assert_true (isnan (vd_stats_ring_get (ring, length - 1)));
    }

  /* The host's CPU (the sum of its guests' on the test driver) stays
   * known although most guests were not measured at this tick. */
  g_assert_cmpfloat (vd_connection_get_host_current (connection, VD_HOST_STATS_CPU), >=, 0);

  vd_domain_unwatch_stats (watched);
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
  g_test_add_func ("/stats/devices/parse", test_devices_parse);
  g_test_add_func ("/stats/compute/guest", test_compute_guest);
  g_test_add_func ("/stats/compute/host", test_compute_host);
  g_test_add_func ("/stats/poller/all-metrics", test_poller_all_metrics);
  g_test_add_func ("/stats/poller/collect-and-history", test_poller_collect_and_history);
  g_test_add_func ("/stats/poller/restart", test_poller_restart);
  g_test_add_func ("/stats/poller/sparse", test_poller_sparse);

  return g_test_run ();
}
