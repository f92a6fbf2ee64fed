/* vd-stats-poller.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-stats-poller"

#include "config.h"

#include <glib/gi18n.h>
#include <libvirt/libvirt.h>
#include <string.h>

#include "vd-connection.h"
#include "vd-domain-private.h"
#include "vd-stats-poller.h"
#include "vd-stats-rate.h"

/*
 * Samples the running guests of one connection. Each tick runs ONE worker
 * for all guests (never one per guest), ticks never overlap, and a result
 * that arrives after stop() or a restart is dropped (generation
 * cancellable). Rates are computed in the worker; the main thread only
 * stores finished numbers and emits "updated" once.
 *
 * This first version samples guest CPU usage, which the manager window
 * shows. The bulk call (virConnectGetAllDomainStats) is used where the
 * driver fills it; the test driver's bulk stats carry only the state, so
 * guests it leaves out are sampled with virDomainGetInfo.
 */

typedef struct
{
  guint64 cpu_time;   /* ns */
  gint64  when;       /* monotonic µs */
} Sample;

typedef struct
{
  char   uuid[VIR_UUID_STRING_BUFLEN];
  double cpu_usage;   /* percent of the guest's vCPUs, -1 when unknown */
} Result;

typedef struct
{
  virConnectPtr  conn;
  GPtrArray     *handles;    /* virDomainPtr */
  GHashTable    *previous;   /* uuid → Sample, owned by the generation */
} TickData;

struct _VdStatsPoller
{
  GObject        parent_instance;

  /* Borrowed: the connection owns the poller. */
  VdConnection  *connection;

  GCancellable  *generation;
  GHashTable    *previous;
  guint          source;
  guint          interval;
  guint          n_ticks;
  guint          tick_running : 1;
};

G_DEFINE_FINAL_TYPE (VdStatsPoller, vd_stats_poller, G_TYPE_OBJECT)

enum {
  UPDATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
tick_data_free (TickData *data)
{
  virConnectClose (data->conn);
  g_ptr_array_unref (data->handles);
  g_hash_table_unref (data->previous);
  g_free (data);
}

static gboolean
bulk_cpu_times (virConnectPtr  conn,
                GHashTable    *out)
{
  virDomainStatsRecordPtr *records = NULL;
  int n;

  n = virConnectGetAllDomainStats (conn, VIR_DOMAIN_STATS_CPU_TOTAL | VIR_DOMAIN_STATS_VCPU,
                                   &records, VIR_CONNECT_GET_ALL_DOMAINS_STATS_ACTIVE);
  if (n < 0)
    {
      virResetLastError ();
      return FALSE;
    }

  for (int i = 0; i < n; i++)
    {
      unsigned long long cpu_time = 0;
      unsigned int vcpus = 0;
      gboolean has_cpu = FALSE;
      char uuid[VIR_UUID_STRING_BUFLEN];

      for (int j = 0; j < records[i]->nparams; j++)
        {
          virTypedParameterPtr p = &records[i]->params[j];

          if (strcmp (p->field, "cpu.time") == 0 && p->type == VIR_TYPED_PARAM_ULLONG)
            {
              cpu_time = p->value.ul;
              has_cpu = TRUE;
            }
          else if (strcmp (p->field, "vcpu.current") == 0 && p->type == VIR_TYPED_PARAM_UINT)
            {
              vcpus = p->value.ui;
            }
        }

      if (has_cpu && virDomainGetUUIDString (records[i]->dom, uuid) == 0)
        {
          guint64 *pair = g_new (guint64, 2);

          pair[0] = cpu_time;
          pair[1] = MAX (vcpus, 1);
          g_hash_table_insert (out, g_strdup (uuid), pair);
        }
    }

  virDomainStatsRecordListFree (records);
  return TRUE;
}

static void
tick_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  TickData *data = task_data;
  g_autoptr(GHashTable) bulk = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTableIter iter;
  gpointer key;
  g_autoptr(GArray) results = g_array_new (FALSE, TRUE, sizeof (Result));
  gint64 now;

  bulk_cpu_times (data->conn, bulk);
  now = g_get_monotonic_time ();

  for (guint i = 0; i < data->handles->len; i++)
    {
      virDomainPtr dom = g_ptr_array_index (data->handles, i);
      Result result = { .cpu_usage = -1 };
      guint64 cpu_time;
      guint vcpus;
      guint64 *pair;
      Sample *prev;

      if (g_cancellable_is_cancelled (cancellable))
        break;

      if (virDomainGetUUIDString (dom, result.uuid) < 0)
        continue;

      pair = g_hash_table_lookup (bulk, result.uuid);
      if (pair != NULL)
        {
          cpu_time = pair[0];
          vcpus = pair[1];
        }
      else
        {
          virDomainInfo info;

          if (virDomainGetInfo (dom, &info) < 0)
            {
              virResetLastError ();
              continue;
            }
          cpu_time = info.cpuTime;
          vcpus = MAX (info.nrVirtCpu, 1);
        }

      prev = g_hash_table_lookup (data->previous, result.uuid);
      /* A counter that went backwards means the guest restarted: start
       * over instead of showing a negative or huge value. */
      if (prev != NULL)
        result.cpu_usage = vd_stats_cpu_percent (prev->cpu_time, cpu_time, now - prev->when, vcpus);

      if (prev == NULL)
        {
          prev = g_new0 (Sample, 1);
          g_hash_table_insert (data->previous, g_strdup (result.uuid), prev);
        }
      prev->cpu_time = cpu_time;
      prev->when = now;

      g_hash_table_add (seen, g_strdup (result.uuid));
      g_array_append_val (results, result);
    }

  /* Forget guests that stopped or left, so a restart starts afresh. */
  g_hash_table_iter_init (&iter, data->previous);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      if (!g_hash_table_contains (seen, key))
        g_hash_table_iter_remove (&iter);
    }

  g_task_return_pointer (task, g_steal_pointer (&results), (GDestroyNotify)g_array_unref);
}

static gboolean tick_cb (gpointer data);

static void
tick_done_cb (GObject      *object,
              GAsyncResult *res,
              gpointer      user_data)
{
  g_autoptr(VdStatsPoller) self = user_data;
  g_autoptr(GArray) results = NULL;
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (res));

  self->tick_running = FALSE;
  results = g_task_propagate_pointer (G_TASK (res), NULL);

  /* Stopped or restarted while the worker ran: the numbers are stale. */
  if (results == NULL || g_cancellable_is_cancelled (cancellable) ||
      cancellable != self->generation || self->connection == NULL)
    return;

  self->n_ticks++;

  for (guint i = 0; i < results->len; i++)
    {
      const Result *result = &g_array_index (results, Result, i);
      VdDomain *domain = vd_connection_find_domain_by_uuid (self->connection, result->uuid);

      if (domain != NULL && vd_domain_get_active (domain))
        { double v[VD_STATS_N_METRICS]; for (guint k = 0; k < VD_STATS_N_METRICS; k++) v[k] = -1; v[VD_STATS_CPU] = result->cpu_usage; _vd_domain_add_stats_sample (domain, v); };
    }

  g_signal_emit (self, signals[UPDATED], 0);
}

static gboolean
tick_cb (gpointer data)
{
  VdStatsPoller *self = data;
  g_autoptr(GTask) task = NULL;
  virConnectPtr conn;
  GListModel *domains;
  TickData *tick;
  guint n;

  if (self->connection == NULL)
    return G_SOURCE_CONTINUE;

  conn = vd_connection_get_handle (self->connection);

  /* Never overlap: a slow host simply gets fewer samples. */
  if (self->tick_running || conn == NULL)
    return G_SOURCE_CONTINUE;

  tick = g_new0 (TickData, 1);
  tick->conn = conn;
  virConnectRef (conn);
  tick->handles = g_ptr_array_new_with_free_func ((GDestroyNotify)virDomainFree);
  tick->previous = g_hash_table_ref (self->previous);

  domains = vd_connection_get_domains (self->connection);
  n = g_list_model_get_n_items (domains);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VdDomain) domain = g_list_model_get_item (domains, i);
      virDomainPtr handle = vd_domain_get_handle (domain);

      if (handle != NULL && vd_domain_get_active (domain))
        {
          virDomainRef (handle);
          g_ptr_array_add (tick->handles, handle);
        }
    }

  self->tick_running = TRUE;
  task = g_task_new (NULL, self->generation, tick_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, tick_cb);
  g_task_set_task_data (task, tick, (GDestroyNotify)tick_data_free);
  g_task_run_in_thread (task, tick_worker);

  return G_SOURCE_CONTINUE;
}

static void
vd_stats_poller_dispose (GObject *object)
{
  VdStatsPoller *self = (VdStatsPoller *)object;

  vd_stats_poller_stop (self);
  self->connection = NULL;

  G_OBJECT_CLASS (vd_stats_poller_parent_class)->dispose (object);
}

static void
vd_stats_poller_finalize (GObject *object)
{
  VdStatsPoller *self = (VdStatsPoller *)object;

  g_clear_object (&self->generation);
  g_clear_pointer (&self->previous, g_hash_table_unref);

  G_OBJECT_CLASS (vd_stats_poller_parent_class)->finalize (object);
}

static void
vd_stats_poller_class_init (VdStatsPollerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vd_stats_poller_dispose;
  object_class->finalize = vd_stats_poller_finalize;

  /**
   * VdStatsPoller::updated:
   *
   * Emitted on the main thread after a tick's numbers were stored.
   */
  signals[UPDATED] =
    g_signal_new ("updated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
vd_stats_poller_init (VdStatsPoller *self)
{
  self->interval = 1;
  self->generation = g_cancellable_new ();
  self->previous = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

VdStatsPoller *
vd_stats_poller_new (VdConnection *connection)
{
  VdStatsPoller *self = g_object_new (VD_TYPE_STATS_POLLER, NULL);

  self->connection = connection;

  return self;
}

/**
 * vd_stats_poller_start:
 * @interval_seconds: seconds between ticks
 *
 * Starts (or restarts with a new interval) sampling; the first tick runs
 * at once so a value appears after the second one.
 */
void
vd_stats_poller_start (VdStatsPoller *self,
                       guint          interval_seconds)
{
  g_return_if_fail (VD_IS_STATS_POLLER (self));

  vd_stats_poller_stop (self);

  self->interval = MAX (interval_seconds, 1);
  self->source = g_timeout_add_seconds (self->interval, tick_cb, self);
  tick_cb (self);
}

/**
 * vd_stats_poller_stop:
 *
 * Stops sampling; a tick still running is dropped when it ends.
 */
void
vd_stats_poller_stop (VdStatsPoller *self)
{
  g_return_if_fail (VD_IS_STATS_POLLER (self));

  g_clear_handle_id (&self->source, g_source_remove);

  /* New generation: results of the old one are dropped, and the previous
   * samples start afresh (the old worker keeps its own table). */
  g_cancellable_cancel (self->generation);
  g_clear_object (&self->generation);
  self->generation = g_cancellable_new ();
  g_clear_pointer (&self->previous, g_hash_table_unref);
  self->previous = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

gboolean
vd_stats_poller_get_running (VdStatsPoller *self)
{
  g_return_val_if_fail (VD_IS_STATS_POLLER (self), FALSE);

  return self->source != 0;
}

guint
vd_stats_poller_get_n_ticks (VdStatsPoller *self)
{
  g_return_val_if_fail (VD_IS_STATS_POLLER (self), 0);

  return self->n_ticks;
}
