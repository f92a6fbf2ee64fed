/* vd-stats-format.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "vd-stats.h"

G_BEGIN_DECLS

/**
 * VdStatsUnit:
 * @VD_STATS_UNIT_PERCENT: 0–100
 * @VD_STATS_UNIT_BYTES: an amount of memory, in bytes
 * @VD_STATS_UNIT_BYTE_RATE: a transfer rate, in bytes per second
 */
typedef enum
{
  VD_STATS_UNIT_PERCENT,
  VD_STATS_UNIT_BYTES,
  VD_STATS_UNIT_BYTE_RATE,
} VdStatsUnit;

VdStatsUnit  vd_stats_metric_get_unit      (VdStatsMetric      metric);
VdStatsUnit  vd_host_stats_metric_get_unit (VdHostStatsMetric  metric);
char        *vd_stats_format_value         (VdStatsUnit        unit,
                                            double             value);

G_END_DECLS
