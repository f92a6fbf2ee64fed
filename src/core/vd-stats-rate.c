/* vd-stats-rate.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vd-stats-rate.h"

/*
 * Rates from libvirt's cumulative counters: the difference of two samples
 * over the monotonic time between them. A counter that went backwards
 * means it restarted (the guest was restarted, a NIC or disk was replaced):
 * the rate is unknown for that interval, never negative or huge. -1 means
 * "unknown"; callers record a gap.
 */

/**
 * vd_stats_cpu_percent:
 * @previous_ns: cumulative CPU time of the guest at the previous sample
 * @current_ns: cumulative CPU time now
 * @elapsed_us: monotonic time between the two samples
 * @vcpus: the guest's virtual CPUs (0 is taken as 1)
 *
 * Returns: how busy the guest's vCPUs were, 0 to 100 (100 = every vCPU
 *   busy all the time), or -1 when it cannot be told
 */
double
vd_stats_cpu_percent (guint64 previous_ns,
                      guint64 current_ns,
                      gint64  elapsed_us,
                      guint   vcpus)
{
  double used;
  double available;

  if (elapsed_us <= 0 || current_ns < previous_ns)
    return -1;

  used = (double)(current_ns - previous_ns);
  available = (double)elapsed_us * 1000.0 * MAX (vcpus, 1);

  /* Sampling jitter can make a fully busy guest look a little over 100. */
  return CLAMP (used / available * 100.0, 0.0, 100.0);
}

/**
 * vd_stats_byte_rate:
 *
 * Returns: bytes per second between two samples of a byte counter, or -1
 *   when it cannot be told
 */
double
vd_stats_byte_rate (guint64 previous_bytes,
                    guint64 current_bytes,
                    gint64  elapsed_us)
{
  if (elapsed_us <= 0 || current_bytes < previous_bytes)
    return -1;

  return (double)(current_bytes - previous_bytes) * G_USEC_PER_SEC / (double)elapsed_us;
}
