/* vd-domain.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-domain"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>
#include <string.h>

#include "vd-connection.h"
#include "vd-connection-private.h"
#include "vd-core-enums.h"
#include "vd-domain-private.h"

/*
 * One guest. Its properties mirror what libvirt reported last: the state
 * comes from lifecycle events (VdConnection maps them) and from the
 * re-read that follows every action; nothing here polls. The lifecycle
 * operations live in vd-domain-actions.c.
 */

struct _VdDomain
{
  GObject        parent_instance;

  /* Borrowed: the connection owns its domains and outlives them in its
   * list; a detached domain has connection == NULL. */
  VdConnection  *connection;

  /* Owned */
  virDomainPtr   handle;
  GVirDomain    *gvir;
  char          *name;
  char          *title;
  char          *description;
  char          *last_error;
  char           uuid[VIR_UUID_STRING_BUFLEN];

  VdDomainState  state;
  int            reason;
  int            id;
  guint64        memory;
  guint64        max_memory;
  guint          vcpus;
  guint64        cpu_time;      /* ns, as of the last refresh */
  /* Stats: the newest value of each metric (-1 = unknown) and its
   * history, one sample per tick, NAN = gap. The rings are made on first
   * use: a guest that never ran and is never graphed costs nothing. */
  double         current[VD_STATS_N_METRICS];
  VdStatsRing   *history[VD_STATS_N_METRICS];
  guint          stats_watchers;
  guint          history_length;
  guint          busy;          /* running operations */
  guint          action_serial; /* bumped when an operation starts */
  guint          event_serial;  /* bumped when a lifecycle event arrives */
  guint          persistent : 1;
  guint          autostart : 1;
  guint          managed_save : 1;
};

G_DEFINE_FINAL_TYPE (VdDomain, vd_domain, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_UUID,
  PROP_ID,
  PROP_TITLE,
  PROP_DESCRIPTION,
  PROP_STATE,
  PROP_STATE_REASON,
  PROP_STATE_LABEL,
  PROP_ACTIVE,
  PROP_PERSISTENT,
  PROP_AUTOSTART,
  PROP_HAS_MANAGED_SAVE,
  PROP_BUSY,
  PROP_LAST_ERROR,
  PROP_MEMORY,
  PROP_MAX_MEMORY,
  PROP_VCPUS,
  PROP_CPU_TIME,
  PROP_CPU_USAGE,
  PROP_CAN_START,
  PROP_CAN_SHUTDOWN,
  PROP_CAN_REBOOT,
  PROP_CAN_RESET,
  PROP_CAN_FORCE_OFF,
  PROP_CAN_PAUSE,
  PROP_CAN_RESUME,
  PROP_CAN_SAVE,
  PROP_CAN_RENAME,
  PROP_CAN_DELETE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------ */
/* VdDomainInfo: filled in workers                                     */
/* ------------------------------------------------------------------ */

static char *
dup_metadata (virDomainPtr handle,
              int          type)
{
  char *value = virDomainGetMetadata (handle, type, NULL, 0);
  char *ret;

  if (value == NULL)
    {
      /* "No metadata" is an error in libvirt's eyes, not in ours. */
      virResetLastError ();
      return NULL;
    }

  ret = value[0] != '\0' ? g_strdup (value) : NULL;
  free (value);

  return ret;
}

/**
 * _vd_domain_info_fill_state:
 *
 * Re-reads only the run state (one call); used after an action. Marks the
 * info as gone when the guest no longer exists.
 */
void
_vd_domain_info_fill_state (VdDomainInfo *info)
{
  if (virDomainGetState (info->handle, &info->state, &info->reason, 0) < 0)
    {
      virErrorPtr err = virGetLastError ();

      if (err != NULL && err->code == VIR_ERR_NO_DOMAIN)
        info->gone = TRUE;
      virResetLastError ();
    }
}

/**
 * _vd_domain_info_new_from_handle:
 *
 * Reads everything the list shows about one guest. Makes calls that may
 * reach the daemon: workers only.
 */
VdDomainInfo *
_vd_domain_info_new_from_handle (virDomainPtr handle)
{
  VdDomainInfo *info = g_new0 (VdDomainInfo, 1);
  virDomainInfo raw;
  int ret;

  virDomainRef (handle);
  info->handle = handle;
  info->name = g_strdup (virDomainGetName (handle));
  virDomainGetUUIDString (handle, info->uuid);
  info->id = (int)virDomainGetID (handle);
  info->state = VIR_DOMAIN_NOSTATE;

  _vd_domain_info_fill_state (info);
  if (info->gone)
    return info;

  ret = virDomainIsPersistent (handle);
  info->persistent = ret == 1;

  if (info->persistent)
    {
      int autostart = 0;

      if (virDomainGetAutostart (handle, &autostart) == 0)
        info->autostart = autostart != 0;

      ret = virDomainHasManagedSaveImage (handle, 0);
      info->managed_save = ret == 1;
    }

  info->title = dup_metadata (handle, VIR_DOMAIN_METADATA_TITLE);
  info->description = dup_metadata (handle, VIR_DOMAIN_METADATA_DESCRIPTION);

  if (virDomainGetInfo (handle, &raw) == 0)
    {
      info->memory = raw.memory;
      info->max_memory = raw.maxMem;
      info->vcpus = raw.nrVirtCpu;
      info->cpu_time = raw.cpuTime;
    }

  virResetLastError ();

  return info;
}

void
_vd_domain_info_free (VdDomainInfo *info)
{
  if (info == NULL)
    return;

  if (info->handle != NULL)
    virDomainFree (info->handle);
  g_free (info->name);
  g_free (info->title);
  g_free (info->description);
  g_free (info);
}

/* ------------------------------------------------------------------ */
/* Derived state                                                       */
/* ------------------------------------------------------------------ */

VdDomainState
_vd_domain_state_from_libvirt (int      state,
                               gboolean managed_save)
{
  switch ((virDomainState)state)
    {
    case VIR_DOMAIN_RUNNING:
      return VD_DOMAIN_STATE_RUNNING;
    case VIR_DOMAIN_BLOCKED:
      return VD_DOMAIN_STATE_BLOCKED;
    case VIR_DOMAIN_PAUSED:
      return VD_DOMAIN_STATE_PAUSED;
    case VIR_DOMAIN_SHUTDOWN:
      return VD_DOMAIN_STATE_SHUTDOWN;
    case VIR_DOMAIN_SHUTOFF:
      return managed_save ? VD_DOMAIN_STATE_SAVED : VD_DOMAIN_STATE_SHUTOFF;
    case VIR_DOMAIN_CRASHED:
      return VD_DOMAIN_STATE_CRASHED;
    case VIR_DOMAIN_PMSUSPENDED:
      return VD_DOMAIN_STATE_PMSUSPENDED;
    case VIR_DOMAIN_NOSTATE:
    default:
      return VD_DOMAIN_STATE_NOSTATE;
    }
}

static gboolean
state_is_active (VdDomainState state)
{
  switch (state)
    {
    case VD_DOMAIN_STATE_RUNNING:
    case VD_DOMAIN_STATE_BLOCKED:
    case VD_DOMAIN_STATE_PAUSED:
    case VD_DOMAIN_STATE_SHUTDOWN:
    case VD_DOMAIN_STATE_PMSUSPENDED:
    case VD_DOMAIN_STATE_NOSTATE:
      return TRUE;
    case VD_DOMAIN_STATE_SHUTOFF:
    case VD_DOMAIN_STATE_CRASHED:
    case VD_DOMAIN_STATE_SAVED:
    default:
      return FALSE;
    }
}

/* Every property that depends on state, busy or the flags: notified
 * together when any of those change. */
static const guint derived_props[] = {
  PROP_STATE_LABEL,
  PROP_ACTIVE,
  PROP_CAN_START,
  PROP_CAN_SHUTDOWN,
  PROP_CAN_REBOOT,
  PROP_CAN_RESET,
  PROP_CAN_FORCE_OFF,
  PROP_CAN_PAUSE,
  PROP_CAN_RESUME,
  PROP_CAN_SAVE,
  PROP_CAN_RENAME,
  PROP_CAN_DELETE,
};

static void
notify_derived (VdDomain *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (derived_props); i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[derived_props[i]]);
}

static gboolean
set_string (char       **field,
            const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;

  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Private API (VdConnection, actions, poller)                         */
/* ------------------------------------------------------------------ */

VdDomain *
_vd_domain_new (VdConnection       *connection,
                const VdDomainInfo *info)
{
  VdDomain *self = g_object_new (VD_TYPE_DOMAIN, NULL);

  self->connection = connection;
  self->handle = info->handle;
  virDomainRef (self->handle);
  memcpy (self->uuid, info->uuid, sizeof self->uuid);
  self->name = g_strdup (info->name);
  self->title = g_strdup (info->title);
  self->description = g_strdup (info->description);
  self->id = info->id;
  self->reason = info->reason;
  self->persistent = info->persistent;
  self->autostart = info->autostart;
  self->managed_save = info->managed_save;
  self->state = _vd_domain_state_from_libvirt (info->state, info->managed_save);
  self->memory = info->memory;
  self->max_memory = info->max_memory;
  self->vcpus = info->vcpus;
  self->cpu_time = info->cpu_time;
  if (connection != NULL)
    self->history_length = vd_connection_get_stats_history (connection);

  return self;
}

/* Takes a worker's fresh reading; notifies only what changed. */
void
_vd_domain_apply_info (VdDomain           *self,
                       const VdDomainInfo *info)
{
  GObject *object = G_OBJECT (self);
  VdDomainState state = _vd_domain_state_from_libvirt (info->state, info->managed_save);
  gboolean derived = FALSE;

  g_object_freeze_notify (object);

  /* A renamed guest needs a handle that knows its new name. */
  if (g_strcmp0 (self->name, info->name) != 0 && info->handle != self->handle)
    {
      virDomainRef (info->handle);
      virDomainFree (self->handle);
      self->handle = info->handle;
      g_clear_object (&self->gvir);
    }

  if (set_string (&self->name, info->name))
    g_object_notify_by_pspec (object, properties[PROP_NAME]);
  if (set_string (&self->title, info->title))
    g_object_notify_by_pspec (object, properties[PROP_TITLE]);
  if (set_string (&self->description, info->description))
    g_object_notify_by_pspec (object, properties[PROP_DESCRIPTION]);

  if (self->id != info->id)
    {
      self->id = info->id;
      g_object_notify_by_pspec (object, properties[PROP_ID]);
    }
  if (self->persistent != !!info->persistent)
    {
      self->persistent = !!info->persistent;
      g_object_notify_by_pspec (object, properties[PROP_PERSISTENT]);
      derived = TRUE;
    }
  if (self->autostart != !!info->autostart)
    {
      self->autostart = !!info->autostart;
      g_object_notify_by_pspec (object, properties[PROP_AUTOSTART]);
    }
  if (self->managed_save != !!info->managed_save)
    {
      self->managed_save = !!info->managed_save;
      g_object_notify_by_pspec (object, properties[PROP_HAS_MANAGED_SAVE]);
      derived = TRUE;
    }
  if (self->memory != info->memory)
    {
      self->memory = info->memory;
      g_object_notify_by_pspec (object, properties[PROP_MEMORY]);
    }
  if (self->max_memory != info->max_memory)
    {
      self->max_memory = info->max_memory;
      g_object_notify_by_pspec (object, properties[PROP_MAX_MEMORY]);
    }
  if (self->vcpus != info->vcpus)
    {
      self->vcpus = info->vcpus;
      g_object_notify_by_pspec (object, properties[PROP_VCPUS]);
    }
  if (self->cpu_time != info->cpu_time)
    {
      self->cpu_time = info->cpu_time;
      g_object_notify_by_pspec (object, properties[PROP_CPU_TIME]);
    }

  if (derived)
    notify_derived (self);

  _vd_domain_set_state (self, state, info->reason);

  g_object_thaw_notify (object);
}

void
_vd_domain_set_state (VdDomain      *self,
                      VdDomainState  state,
                      int            reason)
{
  gboolean changed = FALSE;

  /* A shut-off guest with a managed save image is shown as saved. */
  if (state == VD_DOMAIN_STATE_SHUTOFF && self->managed_save)
    state = VD_DOMAIN_STATE_SAVED;
  else if (state_is_active (state) && self->managed_save)
    {
      /* Starting consumes the image. */
      self->managed_save = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_MANAGED_SAVE]);
    }

  g_object_freeze_notify (G_OBJECT (self));

  if (self->reason != reason)
    {
      self->reason = reason;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE_REASON]);
    }

  if (self->state != state)
    {
      self->state = state;
      changed = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
      notify_derived (self);
    }

  if (changed && !state_is_active (state))
    _vd_domain_clear_current_stats (self);

  g_object_thaw_notify (G_OBJECT (self));
}

void
_vd_domain_set_persistent (VdDomain *self,
                           gboolean  persistent)
{
  if (self->persistent == !!persistent)
    return;

  self->persistent = !!persistent;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PERSISTENT]);
  notify_derived (self);
}

/* No notify: the values change for every running guest every tick, and
 * views redraw on VdConnection::stats-updated instead. */
void
_vd_domain_clear_current_stats (VdDomain *self)
{
  for (guint i = 0; i < VD_STATS_N_METRICS; i++)
    self->current[i] = -1;
}

/* One stats tick's measurement: @values holds one value per
 * VdStatsMetric, negative where it is unknown (recorded as a gap).
 *
 * @span is how many ticks the measurement covers: 1 for a guest measured
 * at every tick; 0 for one not measured at this tick (its sample is a gap
 * for now, and the current values stay the last ones measured); n > 1 for
 * one measured again after n - 1 ticks without, whose rates are averages
 * over those ticks: the gaps they left are filled with the same values,
 * so its graphs have no holes, only a coarser past. */
void
_vd_domain_add_stats_sample (VdDomain     *self,
                             const double *values,
                             guint         span)
{
  for (guint i = 0; i < VD_STATS_N_METRICS; i++)
    {
      VdStatsRing *ring = vd_domain_get_history (self, i);
      double value = values[i] >= 0 ? values[i] : NAN;

      if (span == 0)
        {
          vd_stats_ring_push (ring, NAN);
          continue;
        }

      self->current[i] = values[i];
      vd_stats_ring_push (ring, value);
      for (guint age = 1; age < span; age++)
        vd_stats_ring_set (ring, age, value);
    }
}

/**
 * vd_domain_watch_stats:
 *
 * Says that the guest's graphs are on screen. On a connection whose
 * driver has no bulk statistics, a host with many running guests has
 * those nobody watches measured every few ticks only (their graphs fill
 * in with averages), and the watched ones at every tick. Calls nest;
 * each is undone by vd_domain_unwatch_stats(). Main thread only.
 */
void
vd_domain_watch_stats (VdDomain *self)
{
  g_return_if_fail (VD_IS_DOMAIN (self));

  if (self->stats_watchers++ == 0 && self->connection != NULL)
    _vd_connection_watch_domain_stats (self->connection, self->uuid, TRUE);
}

/**
 * vd_domain_unwatch_stats:
 *
 * Undoes one vd_domain_watch_stats().
 */
void
vd_domain_unwatch_stats (VdDomain *self)
{
  g_return_if_fail (VD_IS_DOMAIN (self));
  g_return_if_fail (self->stats_watchers > 0);

  if (--self->stats_watchers == 0 && self->connection != NULL)
    _vd_connection_watch_domain_stats (self->connection, self->uuid, FALSE);
}

/* Changes how many samples each series keeps; the newest survive. */
void
_vd_domain_set_history_length (VdDomain *self,
                               guint     length)
{
  length = MAX (length, 2);
  if (length == self->history_length)
    return;

  self->history_length = length;
  for (guint i = 0; i < VD_STATS_N_METRICS; i++)
    {
      if (self->history[i] != NULL)
        vd_stats_ring_set_capacity (self->history[i], length);
    }
}

/* Lets a refresh that was read before an operation started recognise its
 * result as stale. */
guint
_vd_domain_get_action_serial (VdDomain *self)
{
  return self->action_serial;
}

/* Lets a read made before a lifecycle event arrived (a refresh, an
 * operation's re-read) recognise itself as older than the state the event
 * set: such a read is dropped and made again, never applied. */
guint
_vd_domain_get_event_serial (VdDomain *self)
{
  return self->event_serial;
}

void
_vd_domain_note_event (VdDomain *self)
{
  self->event_serial++;
}

/* A read begun at @event_serial that an event has overtaken: one came
 * since and the read disagrees with the state it set. One that agrees is
 * as new as the event and applies; so does "saved" after the event's
 * "shut off" (the event cannot tell a managed save, the read can). */
gboolean
_vd_domain_read_is_stale (VdDomain           *self,
                          const VdDomainInfo *info,
                          guint               event_serial)
{
  VdDomainState read = _vd_domain_state_from_libvirt (info->state, info->managed_save);
  VdDomainState now = self->state;

  if (event_serial == self->event_serial)
    return FALSE;

  if (read == VD_DOMAIN_STATE_SAVED)
    read = VD_DOMAIN_STATE_SHUTOFF;
  if (now == VD_DOMAIN_STATE_SAVED)
    now = VD_DOMAIN_STATE_SHUTOFF;

  return read != now;
}

/* The connection dropped the guest (undefined, or the connection closed). */
void
_vd_domain_detach (VdDomain *self)
{
  if (self->connection == NULL)
    return;

  if (self->stats_watchers > 0)
    _vd_connection_watch_domain_stats (self->connection, self->uuid, FALSE);
  self->connection = NULL;
  /* Every can-* depends on having a connection. */
  notify_derived (self);
}

void
_vd_domain_begin_busy (VdDomain *self)
{
  self->action_serial++;
  if (self->busy++ == 0)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
      notify_derived (self);
    }
}

void
_vd_domain_end_busy (VdDomain   *self,
                     const char *error_message)
{
  g_return_if_fail (self->busy > 0);

  if (set_string (&self->last_error, error_message))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);

  if (--self->busy == 0)
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
      notify_derived (self);
    }
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */
/* ------------------------------------------------------------------ */

static void
vd_domain_finalize (GObject *object)
{
  VdDomain *self = (VdDomain *)object;

  g_clear_object (&self->gvir);
  g_clear_pointer (&self->handle, virDomainFree);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->description, g_free);
  g_clear_pointer (&self->last_error, g_free);
  for (guint i = 0; i < VD_STATS_N_METRICS; i++)
    g_clear_pointer (&self->history[i], vd_stats_ring_unref);

  G_OBJECT_CLASS (vd_domain_parent_class)->finalize (object);
}

static void
vd_domain_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  VdDomain *self = VD_DOMAIN (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;
    case PROP_ID:
      g_value_set_int (value, self->id);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->description);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_STATE_REASON:
      g_value_set_int (value, self->reason);
      break;
    case PROP_STATE_LABEL:
      g_value_set_string (value, vd_domain_get_state_label (self));
      break;
    case PROP_ACTIVE:
      g_value_set_boolean (value, vd_domain_get_active (self));
      break;
    case PROP_PERSISTENT:
      g_value_set_boolean (value, self->persistent);
      break;
    case PROP_AUTOSTART:
      g_value_set_boolean (value, self->autostart);
      break;
    case PROP_HAS_MANAGED_SAVE:
      g_value_set_boolean (value, self->managed_save);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy > 0);
      break;
    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;
    case PROP_MEMORY:
      g_value_set_uint64 (value, self->memory);
      break;
    case PROP_MAX_MEMORY:
      g_value_set_uint64 (value, self->max_memory);
      break;
    case PROP_VCPUS:
      g_value_set_uint (value, self->vcpus);
      break;
    case PROP_CPU_TIME:
      g_value_set_uint64 (value, self->cpu_time);
      break;
    case PROP_CPU_USAGE:
      g_value_set_double (value, self->current[VD_STATS_CPU]);
      break;
    case PROP_CAN_START:
      g_value_set_boolean (value, vd_domain_get_can_start (self));
      break;
    case PROP_CAN_SHUTDOWN:
      g_value_set_boolean (value, vd_domain_get_can_shutdown (self));
      break;
    case PROP_CAN_REBOOT:
      g_value_set_boolean (value, vd_domain_get_can_reboot (self));
      break;
    case PROP_CAN_RESET:
      g_value_set_boolean (value, vd_domain_get_can_reset (self));
      break;
    case PROP_CAN_FORCE_OFF:
      g_value_set_boolean (value, vd_domain_get_can_force_off (self));
      break;
    case PROP_CAN_PAUSE:
      g_value_set_boolean (value, vd_domain_get_can_pause (self));
      break;
    case PROP_CAN_RESUME:
      g_value_set_boolean (value, vd_domain_get_can_resume (self));
      break;
    case PROP_CAN_SAVE:
      g_value_set_boolean (value, vd_domain_get_can_save (self));
      break;
    case PROP_CAN_RENAME:
      g_value_set_boolean (value, vd_domain_get_can_rename (self));
      break;
    case PROP_CAN_DELETE:
      g_value_set_boolean (value, vd_domain_get_can_delete (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

#define RO (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS)

static void
vd_domain_class_init (VdDomainClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vd_domain_finalize;
  object_class->get_property = vd_domain_get_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, RO);
  properties[PROP_UUID] = g_param_spec_string ("uuid", NULL, NULL, NULL, RO);
  properties[PROP_ID] = g_param_spec_int ("id", NULL, NULL, -1, G_MAXINT, -1, RO);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, RO);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, RO);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, VD_TYPE_DOMAIN_STATE, VD_DOMAIN_STATE_NOSTATE, RO);
  properties[PROP_STATE_REASON] =
    g_param_spec_int ("state-reason", NULL, NULL, 0, G_MAXINT, 0, RO);
  properties[PROP_STATE_LABEL] = g_param_spec_string ("state-label", NULL, NULL, NULL, RO);
  properties[PROP_ACTIVE] = g_param_spec_boolean ("active", NULL, NULL, FALSE, RO);
  properties[PROP_PERSISTENT] = g_param_spec_boolean ("persistent", NULL, NULL, FALSE, RO);
  properties[PROP_AUTOSTART] = g_param_spec_boolean ("autostart", NULL, NULL, FALSE, RO);
  properties[PROP_HAS_MANAGED_SAVE] =
    g_param_spec_boolean ("has-managed-save", NULL, NULL, FALSE, RO);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, RO);
  properties[PROP_LAST_ERROR] = g_param_spec_string ("last-error", NULL, NULL, NULL, RO);
  properties[PROP_MEMORY] = g_param_spec_uint64 ("memory", NULL, NULL, 0, G_MAXUINT64, 0, RO);
  properties[PROP_MAX_MEMORY] =
    g_param_spec_uint64 ("max-memory", NULL, NULL, 0, G_MAXUINT64, 0, RO);
  properties[PROP_VCPUS] = g_param_spec_uint ("vcpus", NULL, NULL, 0, G_MAXUINT, 0, RO);
  /* The CPU time the guest has used, in nanoseconds, as of its last
   * refresh (vd_domain_refresh_async()). */
  properties[PROP_CPU_TIME] =
    g_param_spec_uint64 ("cpu-time", NULL, NULL, 0, G_MAXUINT64, 0, RO);
  /* Not notified: see _vd_domain_clear_current_stats(). */
  properties[PROP_CPU_USAGE] =
    g_param_spec_double ("cpu-usage", NULL, NULL, -1, 100, -1, RO);
  properties[PROP_CAN_START] = g_param_spec_boolean ("can-start", NULL, NULL, FALSE, RO);
  properties[PROP_CAN_SHUTDOWN] = g_param_spec_boolean ("can-shutdown", NULL, NULL, FALSE, RO);
  properties[PROP_CAN_REBOOT] = g_param_spec_boolean ("can-reboot", NULL, NULL, FALSE, RO);
  properties[PROP_CAN_RESET] = g_param_spec_boolean ("can-reset", NULL, NULL, FALSE, RO);
  properties[PROP_CAN_FORCE_OFF] = g_param_spec_boolean ("can-force-off", NULL, NULL, FALSE, RO);
  properties[PROP_CAN_PAUSE] = g_param_spec_boolean ("can-pause", NULL, NULL, FALSE, RO);
  properties[PROP_CAN_RESUME] = g_param_spec_boolean ("can-resume", NULL, NULL, FALSE, RO);
  properties[PROP_CAN_SAVE] = g_param_spec_boolean ("can-save", NULL, NULL, FALSE, RO);
  properties[PROP_CAN_RENAME] = g_param_spec_boolean ("can-rename", NULL, NULL, FALSE, RO);
  properties[PROP_CAN_DELETE] = g_param_spec_boolean ("can-delete", NULL, NULL, FALSE, RO);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vd_domain_init (VdDomain *self)
{
  self->id = -1;
  self->history_length = VD_STATS_DEFAULT_HISTORY;
  _vd_domain_clear_current_stats (self);
}

/* ------------------------------------------------------------------ */
/* Public getters                                                      */
/* ------------------------------------------------------------------ */

/**
 * vd_domain_get_connection:
 *
 * Returns: (transfer none) (nullable): the connection, %NULL once the
 *   guest was removed from it
 */
VdConnection *
vd_domain_get_connection (VdDomain *self)
{
  g_return_val_if_fail (VD_IS_DOMAIN (self), NULL);

  return self->connection;
}

/**
 * vd_domain_get_gvir:
 *
 * Returns: (transfer none): a #GVirDomain on the same handle, for
 *   libvirt-gobject APIs
 */
GVirDomain *
vd_domain_get_gvir (VdDomain *self)
{
  g_return_val_if_fail (VD_IS_DOMAIN (self), NULL);

  if (self->gvir == NULL)
    self->gvir = g_object_new (GVIR_TYPE_DOMAIN, "handle", self->handle, NULL);

  return self->gvir;
}

/**
 * vd_domain_get_handle:
 *
 * Returns: (transfer none): the libvirt handle; take a reference with
 *   virDomainRef() before handing it to a worker
 */
virDomainPtr
vd_domain_get_handle (VdDomain *self)
{
  g_return_val_if_fail (VD_IS_DOMAIN (self), NULL);

  return self->handle;
}

const char *
vd_domain_get_name (VdDomain *self)
{
  g_return_val_if_fail (VD_IS_DOMAIN (self), NULL);

  return self->name;
}

const char *
vd_domain_get_uuid (VdDomain *self)
{
  g_return_val_if_fail (VD_IS_DOMAIN (self), NULL);

  return self->uuid;
}

int
vd_domain_get_id (VdDomain *self)
{
  g_return_val_if_fail (VD_IS_DOMAIN (self), -1);

  return self->id;
}

const char *
vd_domain_get_title (VdDomain *self)
{
  g_return_val_if_fail (VD_IS_DOMAIN (self), NULL);

  return self->title;
}

const char *
vd_domain_get_description (VdDomain *self)
{
  g_return_val_if_fail (VD_IS_DOMAIN (self), NULL);

  return self->description;
}

VdDomainState
vd_domain_get_state (VdDomain *self)
{
  g_return_val_if_fail (VD_IS_DOMAIN (self), VD_DOMAIN_STATE_NOSTATE);

  return self->state;
}

int
vd_domain_get_state_reason (VdDomain *self)
{
  g_return_val_if_fail (VD_IS_DOMAIN (self), 0);

  return self->reason;
}

/**
 * vd_domain_get_state_label:
 *
 * Returns: the translated state ("Running", "Shut off", "Saved", ...)
 */
const char *
vd_domain_get_state_label (VdDomain *self)
{
  g_return_val_if_fail (VD_IS_DOMAIN (self), NULL);

  switch (self->state)
    {
    case VD_DOMAIN_STATE_RUNNING:
      return C_("guest state", "Running");
    case VD_DOMAIN_STATE_BLOCKED:
      /* translators: the guest runs but waits for I/O (libvirt "blocked") */
      return C_("guest state", "Idle");
    case VD_DOMAIN_STATE_PAUSED:
      return C_("guest state", "Paused");
    case VD_DOMAIN_STATE_SHUTDOWN:
      return C_("guest state", "Shutting down");
    case VD_DOMAIN_STATE_SHUTOFF:
      return C_("guest state", "Shut off");
    case VD_DOMAIN_STATE_CRASHED:
      return C_("guest state", "Crashed");
    case VD_DOMAIN_STATE_PMSUSPENDED:
      /* translators: the guest OS suspended itself (sleep) */
      return C_("guest state", "Suspended");
    case VD_DOMAIN_STATE_SAVED:
      /* translators: shut off with its memory saved to disk; Run restores it */
      return C_("guest state", "Saved");
    case VD_DOMAIN_STATE_NOSTATE:
    default:
      return C_("guest state", "Unknown");
    }
}

/**
 * vd_domain_get_state_icon_name:
 *
 * Returns: a themed icon name for the state
 */
const char *
vd_domain_get_state_icon_name (VdDomain *self)
{
  g_return_val_if_fail (VD_IS_DOMAIN (self), NULL);

  switch (self->state)
    {
    case VD_DOMAIN_STATE_RUNNING:
    case VD_DOMAIN_STATE_BLOCKED:
      return "media-playback-start-symbolic";
    case VD_DOMAIN_STATE_PAUSED:
      return "media-playback-pause-symbolic";
    case VD_DOMAIN_STATE_SHUTDOWN:
      return "system-shutdown-symbolic";
    case VD_DOMAIN_STATE_CRASHED:
      return "dialog-error-symbolic";
    case VD_DOMAIN_STATE_PMSUSPENDED:
      return "weather-clear-night-symbolic";
    case VD_DOMAIN_STATE_SAVED:
      return "document-save-symbolic";
    case VD_DOMAIN_STATE_SHUTOFF:
    case VD_DOMAIN_STATE_NOSTATE:
    default:
      return "media-playback-stop-symbolic";
    }
}

gboolean
vd_domain_get_active (VdDomain *self)
{
  g_return_val_if_fail (VD_IS_DOMAIN (self), FALSE);

  return state_is_active (self->state);
}

gboolean
vd_domain_get_persistent (VdDomain *self)
{
  g_return_val_if_fail (VD_IS_DOMAIN (self), FALSE);

  return self->persistent;
}

gboolean
vd_domain_get_autostart (VdDomain *self)
{
  g_return_val_if_fail (VD_IS_DOMAIN (self), FALSE);

  return self->autostart;
}

gboolean
vd_domain_get_has_managed_save (VdDomain *self)
{
  g_return_val_if_fail (VD_IS_DOMAIN (self), FALSE);

  return self->managed_save;
}

gboolean
vd_domain_get_busy (VdDomain *self)
{
  g_return_val_if_fail (VD_IS_DOMAIN (self), FALSE);

  return self->busy > 0;
}

const char *
vd_domain_get_last_error (VdDomain *self)
{
  g_return_val_if_fail (VD_IS_DOMAIN (self), NULL);

  return self->last_error;
}

guint64
vd_domain_get_memory (VdDomain *self)
{
  g_return_val_if_fail (VD_IS_DOMAIN (self), 0);

  return self->memory;
}

guint64
vd_domain_get_max_memory (VdDomain *self)
{
  g_return_val_if_fail (VD_IS_DOMAIN (self), 0);

  return self->max_memory;
}

guint
vd_domain_get_vcpus (VdDomain *self)
{
  g_return_val_if_fail (VD_IS_DOMAIN (self), 0);

  return self->vcpus;
}

/**
 * vd_domain_get_cpu_time:
 *
 * Returns: the CPU time the guest has used, in nanoseconds, as of its last
 * refresh (0 for a shut-off guest)
 */
guint64
vd_domain_get_cpu_time (VdDomain *self)
{
  g_return_val_if_fail (VD_IS_DOMAIN (self), 0);

  return self->cpu_time;
}

/**
 * vd_domain_get_cpu_history:
 *
 * Returns: (transfer none): the guest's CPU usage, one sample per stats
 *   tick, newest at age 0; NAN where it was not measured
 */
VdStatsRing *
vd_domain_get_cpu_history (VdDomain *self)
{
  return vd_domain_get_history (self, VD_STATS_CPU);
}

/**
 * vd_domain_get_cpu_usage:
 *
 * Returns: CPU use in percent of the guest's vCPUs over the last sample,
 *   or -1 when unknown (shut off, or only one sample so far)
 */
double
vd_domain_get_cpu_usage (VdDomain *self)
{
  return vd_domain_get_current (self, VD_STATS_CPU);
}

/**
 * vd_domain_get_history:
 * @metric: which series
 *
 * The series' ring is made on first use and lives as long as the guest;
 * graphs may hold a reference beyond that. Main thread only.
 *
 * Returns: (transfer none): the series of @metric, one sample per stats
 *   tick, newest at age 0; NAN where it was not measured
 */
VdStatsRing *
vd_domain_get_history (VdDomain      *self,
                       VdStatsMetric  metric)
{
  g_return_val_if_fail (VD_IS_DOMAIN (self), NULL);
  g_return_val_if_fail (metric < VD_STATS_N_METRICS, NULL);

  if (self->history[metric] == NULL)
    self->history[metric] = vd_stats_ring_new (self->history_length);

  return self->history[metric];
}

/**
 * vd_domain_get_current:
 * @metric: which series
 *
 * Returns: the value of @metric at the last stats tick (units as in
 *   #VdStatsMetric), or -1 when unknown (shut off, not collected, or only
 *   one sample of a rate so far)
 */
double
vd_domain_get_current (VdDomain      *self,
                       VdStatsMetric  metric)
{
  g_return_val_if_fail (VD_IS_DOMAIN (self), -1);
  g_return_val_if_fail (metric < VD_STATS_N_METRICS, -1);

  return self->current[metric];
}

static gboolean
contains_casefolded (const char *haystack,
                     const char *casefolded_needle)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL)
    return FALSE;

  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, casefolded_needle) != NULL;
}

/**
 * vd_domain_matches:
 * @casefolded_needle: search text, already passed through g_utf8_casefold()
 *
 * Returns: whether any part of the name, title, UUID or state text
 *   contains the needle
 */
gboolean
vd_domain_matches (VdDomain   *self,
                   const char *casefolded_needle)
{
  g_return_val_if_fail (VD_IS_DOMAIN (self), FALSE);

  if (casefolded_needle == NULL || casefolded_needle[0] == '\0')
    return TRUE;

  return contains_casefolded (self->name, casefolded_needle) ||
         contains_casefolded (self->title, casefolded_needle) ||
         strstr (self->uuid, casefolded_needle) != NULL ||
         contains_casefolded (vd_domain_get_state_label (self), casefolded_needle);
}

/* What each action needs. busy blocks everything: one operation at a time
 * per guest. */

gboolean
vd_domain_get_can_start (VdDomain *self)
{
  g_return_val_if_fail (VD_IS_DOMAIN (self), FALSE);

  return !self->busy && self->connection != NULL &&
         (self->state == VD_DOMAIN_STATE_SHUTOFF || self->state == VD_DOMAIN_STATE_CRASHED ||
          self->state == VD_DOMAIN_STATE_SAVED);
}

gboolean
vd_domain_get_can_shutdown (VdDomain *self)
{
  g_return_val_if_fail (VD_IS_DOMAIN (self), FALSE);

  return !self->busy && self->connection != NULL &&
         (self->state == VD_DOMAIN_STATE_RUNNING || self->state == VD_DOMAIN_STATE_BLOCKED ||
          self->state == VD_DOMAIN_STATE_SHUTDOWN);
}

gboolean
vd_domain_get_can_reboot (VdDomain *self)
{
  g_return_val_if_fail (VD_IS_DOMAIN (self), FALSE);

  return !self->busy && self->connection != NULL &&
         (self->state == VD_DOMAIN_STATE_RUNNING || self->state == VD_DOMAIN_STATE_BLOCKED);
}

gboolean
vd_domain_get_can_reset (VdDomain *self)
{
  g_return_val_if_fail (VD_IS_DOMAIN (self), FALSE);

  return !self->busy && self->connection != NULL &&
         (self->state == VD_DOMAIN_STATE_RUNNING || self->state == VD_DOMAIN_STATE_BLOCKED ||
          self->state == VD_DOMAIN_STATE_PAUSED || self->state == VD_DOMAIN_STATE_SHUTDOWN);
}

gboolean
vd_domain_get_can_force_off (VdDomain *self)
{
  g_return_val_if_fail (VD_IS_DOMAIN (self), FALSE);

  return !self->busy && self->connection != NULL && state_is_active (self->state);
}

gboolean
vd_domain_get_can_pause (VdDomain *self)
{
  g_return_val_if_fail (VD_IS_DOMAIN (self), FALSE);

  return !self->busy && self->connection != NULL &&
         (self->state == VD_DOMAIN_STATE_RUNNING || self->state == VD_DOMAIN_STATE_BLOCKED);
}

gboolean
vd_domain_get_can_resume (VdDomain *self)
{
  g_return_val_if_fail (VD_IS_DOMAIN (self), FALSE);

  return !self->busy && self->connection != NULL &&
         (self->state == VD_DOMAIN_STATE_PAUSED || self->state == VD_DOMAIN_STATE_PMSUSPENDED);
}

gboolean
vd_domain_get_can_save (VdDomain *self)
{
  g_return_val_if_fail (VD_IS_DOMAIN (self), FALSE);

  /* A managed save needs a persistent definition to come back to. */
  return !self->busy && self->connection != NULL && self->persistent &&
         (self->state == VD_DOMAIN_STATE_RUNNING || self->state == VD_DOMAIN_STATE_BLOCKED ||
          self->state == VD_DOMAIN_STATE_PAUSED);
}

gboolean
vd_domain_get_can_rename (VdDomain *self)
{
  g_return_val_if_fail (VD_IS_DOMAIN (self), FALSE);

  return !self->busy && self->connection != NULL && self->persistent &&
         (self->state == VD_DOMAIN_STATE_SHUTOFF || self->state == VD_DOMAIN_STATE_CRASHED);
}

gboolean
vd_domain_get_can_delete (VdDomain *self)
{
  g_return_val_if_fail (VD_IS_DOMAIN (self), FALSE);

  return !self->busy && self->connection != NULL && self->persistent &&
         !state_is_active (self->state);
}
