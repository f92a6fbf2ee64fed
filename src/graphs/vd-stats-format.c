/* vd-stats-format.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "vd-stats-format.h"

/*
 * How a statistic reads as text, in one place for the tree view columns,
 * the graphs' legends and their axis labels. Memory is shown in binary
 * units (MiB, GiB), as libvirt and the guest's own tools count it; rates
 * in decimal units per second (kB/s, MB/s), as network and disk tools do.
 */

VdStatsUnit
vd_stats_metric_get_unit (VdStatsMetric metric)
{
  switch (metric)
    {
    case VD_STATS_CPU:
    case VD_STATS_HOST_CPU:
      return VD_STATS_UNIT_PERCENT;

    case VD_STATS_MEMORY:
      return VD_STATS_UNIT_BYTES;

    case VD_STATS_DISK_READ:
    case VD_STATS_DISK_WRITE:
    case VD_STATS_NET_RX:
    case VD_STATS_NET_TX:
    case VD_STATS_N_METRICS:
    default:
      return VD_STATS_UNIT_BYTE_RATE;
    }
}

VdStatsUnit
vd_host_stats_metric_get_unit (VdHostStatsMetric metric)
{
  return metric == VD_HOST_STATS_MEMORY ? VD_STATS_UNIT_BYTES : VD_STATS_UNIT_PERCENT;
}

/**
 * vd_stats_format_value:
 * @unit: what @value measures
 * @value: the value; negative or NAN means unknown
 *
 * Returns: (transfer full) (nullable): @value as text for the user, or
 *   %NULL when it is unknown
 */
char *
vd_stats_format_value (VdStatsUnit unit,
                       double      value)
{
  g_autofree char *size = NULL;

  if (isnan (value) || value < 0)
    return NULL;

  switch (unit)
    {
    case VD_STATS_UNIT_PERCENT:
      /* translators: a usage in percent; %% is a literal percent sign */
      return g_strdup_printf (_("%.0f %%"), value);

    case VD_STATS_UNIT_BYTES:
      return g_format_size_full ((guint64)value, G_FORMAT_SIZE_IEC_UNITS);

    case VD_STATS_UNIT_BYTE_RATE:
    default:
      size = g_format_size ((guint64)value);
      /* translators: a transfer rate; %s is an amount such as “1.2 MB” */
      return g_strdup_printf (_("%s/s"), size);
    }
}
