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

#include "vd-connection-private.h"
#include "vd-domain-private.h"
#include "vd-stats-poller.h"
#include "vd-stats-sample.h"

/*
 * Samples the host and the running guests of one connection. Each tick
 * runs ONE worker for all guests (never one per guest), ticks never
 * overlap, and a result that arrives after stop() or a restart is dropped
 * (generation cancellable). The worker reads the counters
 * (vd-stats-sample.c) and computes the rates; the main thread only pushes
 * finished numbers into the series and emits "updated" once.
 *
 * The worker's memory of the previous tick (PollState) belongs to one
 * generation: a restart starts afresh, so no rate spans a gap.
 */

/* Re-read a guest's device names this often (ticks), to follow hot-plug. */
#define DEVICES_MAX_AGE 60

/* Where the driver has no bulk statistics, each running guest costs
 * several libvirt calls per tick (four on the test driver: 16 ms a tick
 * for 1,000 guests). Above this many running guests, those whose graphs
 * nobody shows (vd_domain_watch_stats()) are measured every SPARSE_EVERY
 * ticks only, spread evenly over the ticks; the ticks between get the
 * average rates over the interval (see _vd_domain_add_stats_sample()). */
#define SPARSE_ABOVE 64
#define SPARSE_EVERY 10

typedef struct
{
  VdGuestCounters  counters;
  gint64           when;         /* monotonic µs of the reading */
  VdGuestDevices  *devices;      /* NULL until a per-device call needs them */
  guint            devices_age;
  guint            seen;         /* serial of the last tick that saw it */
  guint            sampled;      /* serial of the last tick that measured it */
  guint            n_sampled;    /* measurements so far */
  guint            phase;        /* its tick among SPARSE_EVERY */
  double           values[VD_STATS_N_METRICS]; /* of the last measurement */
} GuestState;

typedef enum
{
  BULK_UNKNOWN,
  BULK_USEFUL,
  BULK_USELESS,   /* the driver's bulk stats carry none of our groups */
} BulkUse;

typedef struct
{
  GHashTable      *guests;       /* uuid → GuestState */
  VdHostCounters   host;
  gboolean         have_host;
  BulkUse          bulk;
  guint            serial;       /* ticks run */
  VdGuestHandles  *handles;      /* for the ticks without bulk stats */
} PollState;

typedef struct
{
  char             uuid[VIR_UUID_STRING_BUFLEN];
  double           values[VD_STATS_N_METRICS];
  guint            span;         /* ticks the values cover; 0: not measured */
} Result;

typedef struct
{
  GArray          *guests;       /* Result */
  double           host[VD_HOST_STATS_N_METRICS];
  guint            host_cpus;
  guint64          host_memory_total;
  guint            n_sampled;    /* guests measured at this tick */
} TickResult;

typedef struct
{
  virConnectPtr    conn;
  guint            serial;
  PollState       *state;        /* borrowed from the generation's reference */
  VdStatsCollect   collect;
  GHashTable      *watched;      /* uuids measured at every tick, or NULL */
} TickData;

struct _VdStatsPoller
{
  GObject          parent_instance;

  /* Borrowed: the connection owns the poller. */
  VdConnection    *connection;

  GCancellable    *generation;
  PollState       *state;        /* rc box, shared with the running worker */
  GHashTable      *watched;      /* uuid → number of watchers */
  guint            last_sampled;
  guint            source;
  guint            interval;
  guint            n_ticks;
  gint64           tick_main_us; /* main-thread time of the last tick */
  gint64           setup_us;     /* of the running tick, until it is applied */
  guint            tick_running : 1;
};

G_DEFINE_FINAL_TYPE (VdStatsPoller, vd_stats_poller, G_TYPE_OBJECT)

enum {
  UPDATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
guest_state_free (GuestState *guest)
{
  _vd_guest_devices_free (guest->devices);
  g_free (guest);
}

static void
poll_state_clear (PollState *state)
{
  g_hash_table_unref (state->guests);
  _vd_guest_handles_free (state->handles);
}

static PollState *
poll_state_new (void)
{
  PollState *state = g_rc_box_new0 (PollState);

  state->guests = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify)guest_state_free);
  state->handles = _vd_guest_handles_new ();
  return state;
}

static void
poll_state_release (PollState *state)
{
  g_rc_box_release_full (state, (GDestroyNotify)poll_state_clear);
}

static void
tick_data_free (TickData *data)
{
  virConnectClose (data->conn);
  poll_state_release (data->state);
  g_clear_pointer (&data->watched, g_hash_table_unref);
  g_free (data);
}

static void
tick_result_free (TickResult *result)
{
  g_array_unref (result->guests);
  g_free (result);
}

static void
sample_guest (TickData       *data,
              VdGuestReading *reading,
              gint64          now,
              guint           host_cpus,
              Result         *result)
{
  VdGuestCounters counters = reading->counters;
  GuestState *guest;

  memcpy (result->uuid, reading->uuid, sizeof result->uuid);

  guest = g_hash_table_lookup (data->state->guests, reading->uuid);
  if (guest != NULL && ++guest->devices_age >= DEVICES_MAX_AGE)
    {
      g_clear_pointer (&guest->devices, _vd_guest_devices_free);
      guest->devices_age = 0;
    }

  if (guest == NULL)
    {
      guest = g_new0 (GuestState, 1);
      guest->phase = g_str_hash (reading->uuid) % SPARSE_EVERY;
      g_hash_table_insert (data->state->guests, g_strdup (reading->uuid), guest);
      _vd_stats_read_guest (reading->domain, data->collect, &guest->devices, &counters);
      _vd_stats_compute_guest (NULL, &counters, 0, host_cpus, result->values);
      result->span = 1;
    }
  else
    {
      _vd_stats_read_guest (reading->domain, data->collect, &guest->devices, &counters);
      /* A counter that went backwards (the guest restarted, a device was
       * replaced) gives an unknown rate for this tick, never a negative
       * or huge one: see vd-stats-rate.c. */
      _vd_stats_compute_guest (&guest->counters, &counters, now - guest->when, host_cpus,
                               result->values);
      result->span = data->serial - guest->sampled;
    }

  guest->counters = counters;
  guest->when = now;
  guest->seen = data->serial;
  guest->sampled = data->serial;
  guest->n_sampled++;
  memcpy (guest->values, result->values, sizeof guest->values);
}

/* Whether a guest is measured at this tick (see SPARSE_EVERY). A new one
 * is measured twice in a row, so that it has rates at once. */
static gboolean
must_sample (TickData       *data,
             gboolean        sparse,
             VdGuestReading *reading,
             GuestState    **guest)
{
  *guest = g_hash_table_lookup (data->state->guests, reading->uuid);

  if (!sparse || *guest == NULL || (*guest)->n_sampled < 2)
    return TRUE;
  if (data->watched != NULL && g_hash_table_contains (data->watched, reading->uuid))
    return TRUE;
  return (data->serial + (*guest)->phase) % SPARSE_EVERY == 0;
}

static gboolean
bulk_has_counters (GPtrArray *readings)
{
  for (guint i = 0; i < readings->len; i++)
    {
      const VdGuestReading *reading = g_ptr_array_index (readings, i);

      if (reading->counters.have != 0)
        return TRUE;
    }
  return FALSE;
}

/* A sum that turns unknown (-1) as soon as one term is. */
static double
add_known (double sum,
           double value)
{
  return sum >= 0 && value >= 0 ? sum + value : -1;
}

static void
tick_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  TickData *data = task_data;
  PollState *state = data->state;
  g_autoptr(GPtrArray) readings = NULL;
  TickResult *tick;
  VdHostCounters host = state->host;
  double guests_share = 0;
  double guests_memory = 0;
  gboolean from_bulk;
  gboolean sparse;
  GHashTableIter iter;
  gpointer value;
  gint64 now;

  tick = g_new0 (TickResult, 1);

  _vd_stats_read_host (data->conn, data->collect, &host);

  /* A driver whose bulk stats hold only the state (the test driver) would
   * cost a call that brings nothing every tick: find out once. */
  readings = _vd_stats_read_guests (data->conn, data->collect, state->bulk != BULK_USELESS,
                                    state->handles, &from_bulk);
  if (from_bulk && state->bulk == BULK_UNKNOWN && readings->len > 0)
    state->bulk = bulk_has_counters (readings) ? BULK_USEFUL : BULK_USELESS;
  now = g_get_monotonic_time ();

  state->serial++;
  data->serial = state->serial;
  tick->guests = g_array_sized_new (FALSE, FALSE, sizeof (Result),
                                    readings != NULL ? readings->len : 0);
  /* The bulk call read every guest at once anyway. */
  sparse = !from_bulk && readings != NULL && readings->len > SPARSE_ABOVE;
  for (guint i = 0; readings != NULL && i < readings->len; i++)
    {
      VdGuestReading *reading = g_ptr_array_index (readings, i);
      GuestState *guest;
      Result result;

      if (g_cancellable_is_cancelled (cancellable))
        break;

      if (must_sample (data, sparse, reading, &guest))
        {
          sample_guest (data, reading, now, host.cpus, &result);
          tick->n_sampled++;
        }
      else
        {
          /* Not measured: the host's sums take its last values. */
          memcpy (result.uuid, reading->uuid, sizeof result.uuid);
          memcpy (result.values, guest->values, sizeof result.values);
          result.span = 0;
          guest->seen = data->serial;
        }
      guests_share = add_known (guests_share, result.values[VD_STATS_HOST_CPU]);
      guests_memory = add_known (guests_memory, result.values[VD_STATS_MEMORY]);
      g_array_append_val (tick->guests, result);
    }

  _vd_stats_compute_host (state->have_host ? &state->host : NULL, &host, guests_share,
                          guests_memory, tick->host);
  state->host = host;
  state->have_host = TRUE;
  tick->host_cpus = host.cpus;
  tick->host_memory_total = host.memory_total;

  /* Forget guests that stopped or left, so a restart starts afresh. */
  g_hash_table_iter_init (&iter, state->guests);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      if (((GuestState *)value)->seen != state->serial)
        g_hash_table_iter_remove (&iter);
    }

  g_task_return_pointer (task, tick, (GDestroyNotify)tick_result_free);
}

static gboolean tick_cb (gpointer data);

static void
tick_done_cb (GObject      *object,
              GAsyncResult *res,
              gpointer      user_data)
{
  g_autoptr(VdStatsPoller) self = user_data;
  TickResult *tick;
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (res));
  gint64 start = g_get_monotonic_time ();

  self->tick_running = FALSE;
  tick = g_task_propagate_pointer (G_TASK (res), NULL);

  /* Stopped or restarted while the worker ran: the numbers are stale. */
  if (tick == NULL || g_cancellable_is_cancelled (cancellable) ||
      cancellable != self->generation || self->connection == NULL)
    {
      g_clear_pointer (&tick, tick_result_free);
      return;
    }

  self->n_ticks++;

  _vd_connection_add_host_sample (self->connection, tick->host, tick->host_cpus,
                                  tick->host_memory_total);

  for (guint i = 0; i < tick->guests->len; i++)
    {
      const Result *result = &g_array_index (tick->guests, Result, i);
      VdDomain *domain;

      /* A guest that stopped or left while the worker ran gets nothing. */
      domain = vd_connection_find_domain_by_uuid (self->connection, result->uuid);
      if (domain != NULL && vd_domain_get_active (domain))
        _vd_domain_add_stats_sample (domain, result->values, result->span);
    }

  self->last_sampled = tick->n_sampled;
  tick_result_free (tick);

  g_signal_emit (self, signals[UPDATED], 0);
  /* With the views' handlers of "updated": they are the tick's cost too. */
  self->tick_main_us = self->setup_us + (g_get_monotonic_time () - start);
}

static gboolean
tick_cb (gpointer data)
{
  VdStatsPoller *self = data;
  g_autoptr(GTask) task = NULL;
  virConnectPtr conn;
  TickData *tick;
  gint64 start = g_get_monotonic_time ();

  if (self->connection == NULL)
    return G_SOURCE_CONTINUE;

  conn = vd_connection_get_handle (self->connection);

  /* Never overlap: a slow host simply gets fewer samples. */
  if (self->tick_running || conn == NULL)
    return G_SOURCE_CONTINUE;

  tick = g_new0 (TickData, 1);
  tick->conn = conn;
  virConnectRef (conn);
  tick->collect = vd_connection_get_stats_collect (self->connection);
  tick->state = g_rc_box_acquire (self->state);
  if (g_hash_table_size (self->watched) > 0)
    {
      GHashTableIter iter;
      gpointer uuid;

      tick->watched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_iter_init (&iter, self->watched);
      while (g_hash_table_iter_next (&iter, &uuid, NULL))
        g_hash_table_add (tick->watched, g_strdup (uuid));
    }

  self->tick_running = TRUE;
  task = g_task_new (NULL, self->generation, tick_done_cb, g_object_ref (self));
  g_task_set_source_tag (task, tick_cb);
  g_task_set_task_data (task, tick, (GDestroyNotify)tick_data_free);
  g_task_run_in_thread (task, tick_worker);

  self->setup_us = g_get_monotonic_time () - start;

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
  g_clear_pointer (&self->state, poll_state_release);
  g_clear_pointer (&self->watched, g_hash_table_unref);

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
  self->state = poll_state_new ();
  self->watched = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
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
   * samples start afresh (the old worker keeps its own state). */
  g_cancellable_cancel (self->generation);
  g_clear_object (&self->generation);
  self->generation = g_cancellable_new ();
  g_clear_pointer (&self->state, poll_state_release);
  self->state = poll_state_new ();
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

/**
 * vd_stats_poller_get_tick_main_time:
 *
 * For benchmarks: how long the main thread worked on the last applied
 * tick: listing the guests before the worker, then storing the numbers
 * and running the handlers of #VdStatsPoller::updated (the views' redraw
 * requests; the drawing itself happens later, in the frame clock).
 *
 * Returns: microseconds, 0 before the first tick
 */
gint64
vd_stats_poller_get_tick_main_time (VdStatsPoller *self)
{
  g_return_val_if_fail (VD_IS_STATS_POLLER (self), 0);

  return self->tick_main_us;
}

/**
 * vd_stats_poller_set_watched:
 * @uuid: a guest's UUID
 * @watched: whether one more view shows its graphs, or one fewer
 *
 * Counts the views that show a guest's graphs (see
 * vd_domain_watch_stats()); a watched guest is measured at every tick.
 */
void
vd_stats_poller_set_watched (VdStatsPoller *self,
                             const char    *uuid,
                             gboolean       watched)
{
  guint count;

  g_return_if_fail (VD_IS_STATS_POLLER (self));
  g_return_if_fail (uuid != NULL);

  count = GPOINTER_TO_UINT (g_hash_table_lookup (self->watched, uuid));
  if (watched)
    count++;
  else if (count > 0)
    count--;

  if (count > 0)
    g_hash_table_insert (self->watched, g_strdup (uuid), GUINT_TO_POINTER (count));
  else
    g_hash_table_remove (self->watched, uuid);
}

/**
 * vd_stats_poller_get_last_sampled:
 *
 * For tests and benchmarks.
 *
 * Returns: how many guests the last applied tick measured
 */
guint
vd_stats_poller_get_last_sampled (VdStatsPoller *self)
{
  g_return_val_if_fail (VD_IS_STATS_POLLER (self), 0);

  return self->last_sampled;
}
