/* vd-stats-rate.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

double vd_stats_cpu_percent (guint64 previous_ns,
                             guint64 current_ns,
                             gint64  elapsed_us,
                             guint   vcpus);
double vd_stats_byte_rate   (guint64 previous_bytes,
                             guint64 current_bytes,
                             gint64  elapsed_us);

G_END_DECLS
