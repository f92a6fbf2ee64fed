/* vd-stats-sample.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <libvirt/libvirt.h>

#include "vd-stats.h"

G_BEGIN_DECLS

/*
 * Raw counters read from libvirt in the stats worker, and the pure
 * arithmetic that turns two readings into the values of VdStatsMetric.
 * Nothing here touches a GObject: it runs in a worker thread.
 */

typedef enum
{
  VD_COUNTERS_CPU = 1 << 0,
  VD_COUNTERS_MEMORY = 1 << 1,
  VD_COUNTERS_DISK = 1 << 2,
  VD_COUNTERS_NETWORK = 1 << 3,
} VdCountersHave;

typedef struct
{
  guint            have;          /* VdCountersHave */
  guint64          cpu_time;      /* ns, cumulative */
  guint            vcpus;
  guint64          memory_used;   /* bytes, a level, not a counter */
  guint64          rd_bytes;      /* cumulative over all disks */
  guint64          wr_bytes;
  guint64          rx_bytes;      /* cumulative over all interfaces */
  guint64          tx_bytes;
} VdGuestCounters;

typedef struct
{
  guint            have;          /* VdCountersHave: CPU and MEMORY only */
  guint            cpus;          /* 0 = unknown */
  guint64          node_memory_kib; /* from virNodeGetInfo, 0 = unknown */
  guint64          cpu_total;     /* ns, cumulative, all CPUs */
  guint64          cpu_idle;      /* ns, cumulative, idle + iowait */
  guint64          memory_total;  /* bytes */
  guint64          memory_used;   /* bytes */
} VdHostCounters;

/* Device names a guest's per-device stats calls need (disk targets,
 * interface names or MAC addresses), read from its XML. */
typedef struct
{
  GStrv            disks;
  GStrv            nics;
} VdGuestDevices;

void        _vd_guest_devices_free        (VdGuestDevices        *devices);
VdGuestDevices *_vd_guest_devices_parse   (const char            *xml);

/* One running guest as the worker found it this tick. */
typedef struct
{
  virDomainPtr     domain;        /* owned when owned is set, else the handles' */
  gboolean         owned;
  char             uuid[VIR_UUID_STRING_BUFLEN];
  VdGuestCounters  counters;      /* what the bulk call returned, or zeroes */
} VdGuestReading;

/* The running guests' handles, kept from tick to tick by the worker. */
typedef struct _VdGuestHandles VdGuestHandles;

VdGuestHandles *_vd_guest_handles_new     (void);
void        _vd_guest_handles_free        (VdGuestHandles        *handles);

void        _vd_guest_reading_free        (VdGuestReading        *reading);
GPtrArray  *_vd_stats_read_guests         (virConnectPtr          conn,
                                           VdStatsCollect         collect,
                                           gboolean               use_bulk,
                                           VdGuestHandles        *handles,
                                           gboolean              *from_bulk);
void        _vd_stats_read_guest          (virDomainPtr           domain,
                                           VdStatsCollect         collect,
                                           VdGuestDevices       **devices,
                                           VdGuestCounters       *counters);
void        _vd_stats_read_host           (virConnectPtr          conn,
                                           VdStatsCollect         collect,
                                           VdHostCounters        *counters);

void        _vd_stats_compute_guest       (const VdGuestCounters *previous,
                                           const VdGuestCounters *current,
                                           gint64                 elapsed_us,
                                           guint                  host_cpus,
                                           double                *values);
void        _vd_stats_compute_host        (const VdHostCounters  *previous,
                                           const VdHostCounters  *current,
                                           double                 guests_share,
                                           double                 guests_memory,
                                           double                *values);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VdGuestDevices, _vd_guest_devices_free)

G_END_DECLS
