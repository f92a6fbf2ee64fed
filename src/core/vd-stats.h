/* vd-stats.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* Samples of history kept per series until Preferences sets another length. */
#define VD_STATS_DEFAULT_HISTORY 60

/**
 * VdStatsMetric:
 * @VD_STATS_CPU: guest CPU use in percent of its own vCPUs (0–100)
 * @VD_STATS_HOST_CPU: the guest's CPU use in percent of all the host's CPUs (0–100)
 * @VD_STATS_MEMORY: memory the guest uses, in bytes
 * @VD_STATS_DISK_READ: bytes per second read from all its disks
 * @VD_STATS_DISK_WRITE: bytes per second written to all its disks
 * @VD_STATS_NET_RX: bytes per second received on all its interfaces
 * @VD_STATS_NET_TX: bytes per second sent on all its interfaces
 *
 * The per-guest series the stats poller fills, one sample per tick.
 */
typedef enum
{
  VD_STATS_CPU,
  VD_STATS_HOST_CPU,
  VD_STATS_MEMORY,
  VD_STATS_DISK_READ,
  VD_STATS_DISK_WRITE,
  VD_STATS_NET_RX,
  VD_STATS_NET_TX,
  VD_STATS_N_METRICS /*< skip >*/
} VdStatsMetric;

/**
 * VdHostStatsMetric:
 * @VD_HOST_STATS_CPU: the host's CPU use in percent of all its CPUs (0–100)
 * @VD_HOST_STATS_MEMORY: memory in use on the host, in bytes
 *
 * The per-connection (host) series.
 */
typedef enum
{
  VD_HOST_STATS_CPU,
  VD_HOST_STATS_MEMORY,
  VD_HOST_STATS_N_METRICS /*< skip >*/
} VdHostStatsMetric;

/**
 * VdStatsCollect:
 * @VD_STATS_COLLECT_CPU: guest and host CPU (always collected)
 * @VD_STATS_COLLECT_MEMORY: guest and host memory
 * @VD_STATS_COLLECT_DISK: guest disk read and write rates
 * @VD_STATS_COLLECT_NETWORK: guest network receive and send rates
 *
 * Which groups of statistics the poller asks libvirt for. A group that is
 * off costs nothing and its series hold gaps.
 */
typedef enum /*< flags >*/
{
  VD_STATS_COLLECT_CPU = 1 << 0,
  VD_STATS_COLLECT_MEMORY = 1 << 1,
  VD_STATS_COLLECT_DISK = 1 << 2,
  VD_STATS_COLLECT_NETWORK = 1 << 3,
} VdStatsCollect;

#define VD_STATS_COLLECT_ALL \
  (VD_STATS_COLLECT_CPU | VD_STATS_COLLECT_MEMORY | VD_STATS_COLLECT_DISK | \
   VD_STATS_COLLECT_NETWORK)

G_END_DECLS
