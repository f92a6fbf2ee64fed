/* vd-connection-stats.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-connection"

#include "config.h"

#include <math.h>

#include "vd-connection-private.h"

/*
 * The connection's statistics settings (interval, history length, which
 * groups to collect) and the host's own series. The poller fills them;
 * views read them on VdConnection::stats-updated. Main thread only.
 */

void
_vd_connection_init_stats (VdConnection *self)
{
  self->stats_interval = 1;
  self->stats_history = VD_STATS_DEFAULT_HISTORY;
  self->stats_collect = VD_STATS_COLLECT_ALL;
  _vd_connection_forget_host_stats (self);
}

void
_vd_connection_clear_stats (VdConnection *self)
{
  for (guint i = 0; i < VD_HOST_STATS_N_METRICS; i++)
    g_clear_pointer (&self->host_history[i], vd_stats_ring_unref);
}

/* The host went away: its current values are unknown. The history stays,
 * with a gap, should it come back. */
void
_vd_connection_forget_host_stats (VdConnection *self)
{
  for (guint i = 0; i < VD_HOST_STATS_N_METRICS; i++)
    self->host_current[i] = -1;
}

/* One tick's host measurement: @values holds one value per
 * VdHostStatsMetric, negative where unknown. */
void
_vd_connection_add_host_sample (VdConnection *self,
                                const double *values,
                                guint         host_cpus,
                                guint64       memory_total)
{
  self->host_cpus = host_cpus;
  self->host_memory_total = memory_total;

  for (guint i = 0; i < VD_HOST_STATS_N_METRICS; i++)
    {
      self->host_current[i] = values[i];
      vd_stats_ring_push (vd_connection_get_host_history (self, i),
                          values[i] >= 0 ? values[i] : NAN);
    }
}

/**
 * vd_connection_set_stats_interval:
 *
 * Seconds between two statistics samples (1–60).
 */
void
vd_connection_set_stats_interval (VdConnection *self,
                                  guint         seconds)
{
  g_return_if_fail (VD_IS_CONNECTION (self));

  seconds = CLAMP (seconds, 1, 60);
  if (seconds == self->stats_interval)
    return;

  self->stats_interval = seconds;
  if (self->conn != NULL)
    vd_stats_poller_start (self->poller, self->stats_interval);
}

guint
vd_connection_get_stats_interval (VdConnection *self)
{
  g_return_val_if_fail (VD_IS_CONNECTION (self), 1);

  return self->stats_interval;
}

/**
 * vd_connection_set_stats_history:
 * @samples: how many samples each series keeps (at least 2)
 *
 * Resizes the history of the host and of every guest; the newest samples
 * survive a shrink.
 */
void
vd_connection_set_stats_history (VdConnection *self,
                                 guint         samples)
{
  GListModel *domains;
  guint n;

  g_return_if_fail (VD_IS_CONNECTION (self));

  samples = MAX (samples, 2);
  if (samples == self->stats_history)
    return;

  self->stats_history = samples;

  for (guint i = 0; i < VD_HOST_STATS_N_METRICS; i++)
    {
      if (self->host_history[i] != NULL)
        vd_stats_ring_set_capacity (self->host_history[i], samples);
    }

  domains = G_LIST_MODEL (self->domains);
  n = g_list_model_get_n_items (domains);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VdDomain) domain = g_list_model_get_item (domains, i);

      _vd_domain_set_history_length (domain, samples);
    }
}

guint
vd_connection_get_stats_history (VdConnection *self)
{
  g_return_val_if_fail (VD_IS_CONNECTION (self), VD_STATS_DEFAULT_HISTORY);

  return self->stats_history;
}

/**
 * vd_connection_set_stats_collect:
 * @collect: the groups to collect; CPU is always collected
 *
 * Takes effect from the next tick. Series of a group turned off receive
 * gaps, so graphs do not show stale values.
 */
void
vd_connection_set_stats_collect (VdConnection   *self,
                                 VdStatsCollect  collect)
{
  g_return_if_fail (VD_IS_CONNECTION (self));

  self->stats_collect = collect | VD_STATS_COLLECT_CPU;
}

VdStatsCollect
vd_connection_get_stats_collect (VdConnection *self)
{
  g_return_val_if_fail (VD_IS_CONNECTION (self), VD_STATS_COLLECT_ALL);

  return self->stats_collect;
}

/**
 * vd_connection_get_host_history:
 * @metric: which host series
 *
 * Returns: (transfer none): the host's series of @metric, one sample per
 *   tick, newest at age 0, NAN where unknown; made on first use
 */
VdStatsRing *
vd_connection_get_host_history (VdConnection      *self,
                                VdHostStatsMetric  metric)
{
  g_return_val_if_fail (VD_IS_CONNECTION (self), NULL);
  g_return_val_if_fail (metric < VD_HOST_STATS_N_METRICS, NULL);

  if (self->host_history[metric] == NULL)
    self->host_history[metric] = vd_stats_ring_new (self->stats_history);

  return self->host_history[metric];
}

/**
 * vd_connection_get_host_current:
 * @metric: which host series
 *
 * Returns: the host's value of @metric at the last tick (units as in
 *   #VdHostStatsMetric), or -1 when unknown
 */
double
vd_connection_get_host_current (VdConnection      *self,
                                VdHostStatsMetric  metric)
{
  g_return_val_if_fail (VD_IS_CONNECTION (self), -1);
  g_return_val_if_fail (metric < VD_HOST_STATS_N_METRICS, -1);

  return self->host_current[metric];
}

/**
 * vd_connection_get_host_cpus:
 *
 * Returns: the host's logical CPUs as of the last tick, 0 when unknown
 */
guint
vd_connection_get_host_cpus (VdConnection *self)
{
  g_return_val_if_fail (VD_IS_CONNECTION (self), 0);

  return self->host_cpus;
}

/**
 * vd_connection_get_host_memory_total:
 *
 * Returns: the host's memory in bytes as of the last tick, 0 when unknown
 */
guint64
vd_connection_get_host_memory_total (VdConnection *self)
{
  g_return_val_if_fail (VD_IS_CONNECTION (self), 0);

  return self->host_memory_total;
}

/* From vd_domain_watch_stats(): the guest's graphs are shown (or no longer
 * are), so the poller measures it at every tick. */
void
_vd_connection_watch_domain_stats (VdConnection *self,
                                   const char   *uuid,
                                   gboolean      watched)
{
  g_return_if_fail (VD_IS_CONNECTION (self));

  if (self->poller != NULL)
    vd_stats_poller_set_watched (self->poller, uuid, watched);
}
