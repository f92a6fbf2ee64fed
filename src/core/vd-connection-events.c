/* vd-connection-events.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-connection"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vd-autocleanups.h"
#include "vd-connection-private.h"
#include "vd-domain-private.h"
#include "vd-error.h"
#include "vd-stats-poller.h"

/*
 * VdConnection, part two: the handle's callbacks. libvirt events and the
 * close callback arrive on the main loop; what an event does not carry is
 * re-read in one batched worker; closing a handle happens in a worker
 * unless the driver runs in process.
 */

static gboolean
uri_is_in_process (const char *uri)
{
  /* The test driver (without a transport) lives in this process: closing
   * it cannot block on a daemon. */
  return g_str_has_prefix (uri, "test:///");
}

/* What the event callbacks get as opaque data: a weak reference, so an
 * event dispatched after the connection object is gone does nothing, and
 * the handle it was registered on, so events of an old handle are
 * ignored after a reconnect. */
typedef struct
{
  GWeakRef       self;
  virConnectPtr  conn;
} EventContext;

static void
event_context_free (gpointer data)
{
  EventContext *ctx = data;

  g_weak_ref_clear (&ctx->self);
  g_free (ctx);
}

static EventContext *
event_context_new (VdConnection  *self,
                   virConnectPtr  conn)
{
  EventContext *ctx = g_new0 (EventContext, 1);

  g_weak_ref_init (&ctx->self, self);
  ctx->conn = conn;

  return ctx;
}

/* Returns a new reference to the connection the event belongs to, or NULL
 * when the event is stale. */
static VdConnection *
event_context_get (EventContext  *ctx,
                   virConnectPtr  conn)
{
  VdConnection *self = g_weak_ref_get (&ctx->self);

  if (self != NULL && (self->conn == NULL || self->conn != ctx->conn))
    g_clear_object (&self);

  return self;
}

/* ------------------------------------------------------------------ */
/* Closing a handle                                                    */
/* ------------------------------------------------------------------ */

typedef struct
{
  virConnectPtr conn;
  int           lifecycle_id;
  int           metadata_id;
  EventContext *close_context;
  gpointer      host_events;     /* network and pool registrations */
} CloseData;

static void close_callback (virConnectPtr conn, int reason, void *opaque);

static void
close_handle_sync (CloseData *data)
{
  if (data->lifecycle_id >= 0)
    virConnectDomainEventDeregisterAny (data->conn, data->lifecycle_id);
  if (data->metadata_id >= 0)
    virConnectDomainEventDeregisterAny (data->conn, data->metadata_id);
  _vd_connection_close_host_events (data->conn, data->host_events);
  if (data->close_context != NULL)
    {
      /* Freed here, not by libvirt: drivers without a close callback of
       * their own (test, qemu:///embed) accept the registration and never
       * call the free function. Once unregistered it cannot run. */
      virConnectUnregisterCloseCallback (data->conn, close_callback);
      event_context_free (data->close_context);
    }
  virResetLastError ();
  virConnectClose (data->conn);
}

static void
close_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  close_handle_sync (task_data);
  g_task_return_boolean (task, TRUE);
}

/* Drops the handle and everything that hangs off it. The libvirt side of
 * closing (deregistering, closing the socket) can block on a remote daemon,
 * so it runs in a worker unless the driver is in process. */
void
_vd_connection_release_handle (VdConnection *self)
{
  CloseData *data;

  if (self->poller != NULL)
    vd_stats_poller_stop (self->poller);
  _vd_connection_forget_host_stats (self);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_hash_table_remove_all (self->refresh_pending);

  if (self->conn == NULL)
    return;

  data = g_new0 (CloseData, 1);
  data->conn = g_steal_pointer (&self->conn);
  data->lifecycle_id = self->lifecycle_id;
  data->metadata_id = self->metadata_id;
  data->close_context = g_steal_pointer (&self->close_context);
  data->host_events = _vd_connection_release_host (self);
  self->lifecycle_id = -1;
  self->metadata_id = -1;

  g_clear_object (&self->gvir);

  if (uri_is_in_process (self->uri))
    {
      close_handle_sync (data);
      g_free (data);
    }
  else
    {
      g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

      g_task_set_source_tag (task, _vd_connection_release_handle);
      g_task_set_task_data (task, data, g_free);
      g_task_run_in_thread (task, close_worker);
    }
}

void
_vd_connection_clear_domains (VdConnection *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->domains));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VdDomain) domain = g_list_model_get_item (G_LIST_MODEL (self->domains), i);
      _vd_domain_detach (domain);
    }

  g_hash_table_remove_all (self->by_uuid);
  g_list_store_remove_all (self->domains);
}

/* ------------------------------------------------------------------ */
/* Refreshes after events                                              */
/* ------------------------------------------------------------------ */

static void
refresh_worker (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  GPtrArray *handles = task_data;
  g_autoptr(GPtrArray) infos = g_ptr_array_new_with_free_func ((GDestroyNotify)_vd_domain_info_free);

  for (guint i = 0; i < handles->len; i++)
    g_ptr_array_add (infos, _vd_domain_info_new_from_handle (g_ptr_array_index (handles, i)));

  g_task_return_pointer (task, g_steal_pointer (&infos), (GDestroyNotify)g_ptr_array_unref);
}

static gboolean run_refresh (gpointer data);

static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  VdConnection *self = VD_CONNECTION (object);
  g_autoptr(GPtrArray) infos = NULL;
  GTask *task = G_TASK (result);

  self->refresh_running = FALSE;

  infos = g_task_propagate_pointer (task, NULL);

  /* Results of a handle that has since been closed are stale. */
  if (infos != NULL && self->conn != NULL && g_task_get_task_data (task) != NULL &&
      GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (task), "conn")) ==
      GPOINTER_TO_SIZE (self->conn))
    {
      GHashTable *serials = g_object_get_data (G_OBJECT (task), "serials");
      GHashTable *events = g_object_get_data (G_OBJECT (task), "events");
      GHashTable *known = g_object_get_data (G_OBJECT (task), "known");

      for (guint i = 0; i < infos->len; i++)
        {
          const VdDomainInfo *info = g_ptr_array_index (infos, i);
          VdDomain *domain = vd_connection_find_domain_by_uuid (self, info->uuid);
          gpointer serial;

          /* Listed when the read began and removed since (its undefine
           * event came while the worker read it): the read is older than
           * the removal and must not bring the guest back. A guest that
           * is defined again sends an event of its own. */
          if (domain == NULL && g_hash_table_contains (known, info->uuid))
            continue;

          /* An operation that started since this was read applies a newer
           * state of its own when it ends: a refresh read in the middle of
           * it (a restore between "managed save removed" and "running")
           * must not overwrite that. */
          /* A lifecycle event that came while the worker read (a guest
           * forced off just after its state was read) is newer than the
           * read: applying it would show the guest running again. Read
           * once more; the event's state stays until then. */
          if (domain != NULL &&
              g_hash_table_lookup_extended (events, info->uuid, NULL, &serial) &&
              _vd_domain_read_is_stale (domain, info, GPOINTER_TO_UINT (serial)))
            {
              _vd_connection_queue_refresh (self, vd_domain_get_handle (domain));
              continue;
            }

          if (domain != NULL &&
              (vd_domain_get_busy (domain) ||
               !g_hash_table_lookup_extended (serials, info->uuid, NULL, &serial) ||
               GPOINTER_TO_UINT (serial) != _vd_domain_get_action_serial (domain)))
            continue;

          _vd_connection_apply_domain_info (self, info);
        }
    }

  if (g_hash_table_size (self->refresh_pending) > 0 && self->refresh_source == 0)
    self->refresh_source = g_idle_add (run_refresh, self);
}

static gboolean
run_refresh (gpointer data)
{
  VdConnection *self = data;
  g_autoptr(GTask) task = NULL;
  GPtrArray *handles;
  GHashTable *serials;
  GHashTable *known;
  GHashTable *events;
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  self->refresh_source = 0;

  if (self->refresh_running || self->conn == NULL)
    return G_SOURCE_REMOVE;

  handles = g_ptr_array_new_with_free_func ((GDestroyNotify)virDomainFree);
  g_hash_table_iter_init (&iter, self->refresh_pending);
  serials = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  events = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      VdDomain *domain = g_hash_table_lookup (self->by_uuid, key);

      if (domain != NULL)
        {
          g_hash_table_add (known, g_strdup (key));
          g_hash_table_insert (events, g_strdup (key),
                               GUINT_TO_POINTER (_vd_domain_get_event_serial (domain)));
        }

      /* The handle moves to the worker, the key to the serials. */
      g_ptr_array_add (handles, value);
      g_hash_table_iter_steal (&iter);
      /* A guest in the middle of an operation may be read half-way
       * through it: its result will be dropped (G_MAXUINT never matches);
       * the operation reads the guest again when it ends. */
      g_hash_table_insert (serials, key,
                           GUINT_TO_POINTER (domain == NULL ? 0 :
                                             vd_domain_get_busy (domain) ? G_MAXUINT :
                                             _vd_domain_get_action_serial (domain)));
    }

  self->refresh_running = TRUE;
  task = g_task_new (self, NULL, refresh_cb, NULL);
  g_task_set_source_tag (task, run_refresh);
  g_task_set_task_data (task, handles, (GDestroyNotify)g_ptr_array_unref);
  g_object_set_data (G_OBJECT (task), "conn", self->conn);
  g_object_set_data_full (G_OBJECT (task), "serials", serials, (GDestroyNotify)g_hash_table_unref);
  g_object_set_data_full (G_OBJECT (task), "known", known, (GDestroyNotify)g_hash_table_unref);
  g_object_set_data_full (G_OBJECT (task), "events", events, (GDestroyNotify)g_hash_table_unref);
  g_task_run_in_thread (task, refresh_worker);

  return G_SOURCE_REMOVE;
}

/* Re-reads one guest's state and flags in a worker soon. Refreshes of many
 * guests (a bulk action, a host coming back) are batched into one worker. */
void
_vd_connection_queue_refresh (VdConnection *self,
                              virDomainPtr  handle)
{
  char uuid[VIR_UUID_STRING_BUFLEN];

  g_return_if_fail (VD_IS_CONNECTION (self));

  if (self->conn == NULL || virDomainGetUUIDString (handle, uuid) < 0)
    return;

  if (!g_hash_table_contains (self->refresh_pending, uuid))
    {
      virDomainRef (handle);
      g_hash_table_insert (self->refresh_pending, g_strdup (uuid), handle);
    }

  if (self->refresh_source == 0 && !self->refresh_running)
    self->refresh_source = g_idle_add (run_refresh, self);
}

/* ------------------------------------------------------------------ */
/* libvirt events (main loop)                                          */
/* ------------------------------------------------------------------ */

static int
lifecycle_event_cb (virConnectPtr  conn,
                    virDomainPtr   dom,
                    int            event,
                    int            detail,
                    void          *opaque)
{
  g_autoptr(VdConnection) self = event_context_get (opaque, conn);
  char uuid[VIR_UUID_STRING_BUFLEN];
  VdDomain *domain;
  gboolean refresh = TRUE;

  if (self == NULL || virDomainGetUUIDString (dom, uuid) < 0)
    return 0;

  g_debug ("%s: guest %s event %d detail %d", self->uri, virDomainGetName (dom), event, detail);

  domain = g_hash_table_lookup (self->by_uuid, uuid);

  if (domain != NULL)
    {
      /* Reads in flight are now older than what this event says. */
      _vd_domain_note_event (domain);

      switch ((virDomainEventType)event)
        {
        case VIR_DOMAIN_EVENT_STARTED:
          _vd_domain_set_state (domain, VD_DOMAIN_STATE_RUNNING, VIR_DOMAIN_RUNNING_BOOTED);
          break;

        case VIR_DOMAIN_EVENT_SUSPENDED:
          _vd_domain_set_state (domain, VD_DOMAIN_STATE_PAUSED, VIR_DOMAIN_PAUSED_USER);
          refresh = detail == VIR_DOMAIN_EVENT_SUSPENDED_API_ERROR ||
                    detail == VIR_DOMAIN_EVENT_SUSPENDED_IOERROR;
          break;

        case VIR_DOMAIN_EVENT_RESUMED:
          _vd_domain_set_state (domain, VD_DOMAIN_STATE_RUNNING, VIR_DOMAIN_RUNNING_UNPAUSED);
          refresh = FALSE;
          break;

        case VIR_DOMAIN_EVENT_STOPPED:
          if (!vd_domain_get_persistent (domain))
            {
              /* A transient guest is gone once it stops. */
              _vd_connection_remove_domain (self, domain);
              return 0;
            }
          _vd_domain_set_state (domain,
                                detail == VIR_DOMAIN_EVENT_STOPPED_CRASHED
                                  ? VD_DOMAIN_STATE_CRASHED : VD_DOMAIN_STATE_SHUTOFF,
                                VIR_DOMAIN_SHUTOFF_UNKNOWN);
          break;

        case VIR_DOMAIN_EVENT_SHUTDOWN:
          if (detail != VIR_DOMAIN_EVENT_SHUTDOWN_FINISHED)
            _vd_domain_set_state (domain, VD_DOMAIN_STATE_SHUTDOWN, VIR_DOMAIN_SHUTDOWN_USER);
          break;

        case VIR_DOMAIN_EVENT_PMSUSPENDED:
          _vd_domain_set_state (domain, VD_DOMAIN_STATE_PMSUSPENDED, VIR_DOMAIN_PMSUSPENDED_UNKNOWN);
          break;

        case VIR_DOMAIN_EVENT_CRASHED:
          _vd_domain_set_state (domain, VD_DOMAIN_STATE_CRASHED, VIR_DOMAIN_CRASHED_UNKNOWN);
          break;

        case VIR_DOMAIN_EVENT_UNDEFINED:
          if (detail == VIR_DOMAIN_EVENT_UNDEFINED_RENAMED)
            {
              /* The new name arrives as DEFINED_RENAMED on the same UUID. */
              refresh = FALSE;
            }
          else if (vd_domain_get_active (domain))
            {
              /* Still running, now transient: it goes when it stops. */
              _vd_domain_set_persistent (domain, FALSE);
            }
          else
            {
              _vd_connection_remove_domain (self, domain);
              return 0;
            }
          break;

        case VIR_DOMAIN_EVENT_DEFINED:
        default:
          break;
        }
    }
  else if (event == VIR_DOMAIN_EVENT_UNDEFINED ||
           (event == VIR_DOMAIN_EVENT_STOPPED && virDomainIsPersistent (dom) != 1))
    {
      /* Nothing to add for a guest that is already going away. */
      refresh = FALSE;
    }

  /* State came from the event; the refresh reads what an event does not
   * carry (id, reason, managed save, persistence, a new name) and adds
   * guests we have not seen yet. */
  if (refresh)
    _vd_connection_queue_refresh (self, dom);

  return 0;
}

static void
metadata_event_cb (virConnectPtr  conn,
                   virDomainPtr   dom,
                   int            type,
                   const char    *nsuri,
                   void          *opaque)
{
  g_autoptr(VdConnection) self = event_context_get (opaque, conn);

  if (self != NULL)
    _vd_connection_queue_refresh (self, dom);
}

static void
close_callback (virConnectPtr  conn,
                int            reason,
                void          *opaque)
{
  g_autoptr(VdConnection) self = event_context_get (opaque, conn);
  const char *message;

  if (self == NULL)
    return;

  switch (reason)
    {
    case VIR_CONNECT_CLOSE_REASON_ERROR:
      message = _("The connection was closed after an error");
      break;
    case VIR_CONNECT_CLOSE_REASON_EOF:
      message = _("The host closed the connection");
      break;
    case VIR_CONNECT_CLOSE_REASON_KEEPALIVE:
      message = _("The host stopped answering");
      break;
    case VIR_CONNECT_CLOSE_REASON_CLIENT:
    default:
      message = _("The connection was closed");
      break;
    }

  g_debug ("%s: closed, reason %d", self->uri, reason);

  _vd_connection_release_handle (self);
  _vd_connection_clear_domains (self);
  _vd_connection_set_last_error (self, message);
  _vd_connection_set_state (self, VD_CONNECTION_STATE_DISCONNECTED);

  if (self->autoconnect && !self->user_disconnected)
    _vd_connection_schedule_reconnect (self);
}

void
_vd_connection_register_callbacks (VdConnection *self)
{
  EventContext *close_context;

  self->lifecycle_id =
    virConnectDomainEventRegisterAny (self->conn, NULL, VIR_DOMAIN_EVENT_ID_LIFECYCLE,
                                      VIR_DOMAIN_EVENT_CALLBACK (lifecycle_event_cb),
                                      event_context_new (self, self->conn),
                                      event_context_free);
  if (self->lifecycle_id < 0)
    {
      /* Without events the list would go stale: say so in the log; the
       * refresh after every action still keeps acted-on guests right. */
      g_message ("%s: guest events unavailable: %s", self->uri, virGetLastErrorMessage ());
      virResetLastError ();
    }

  self->metadata_id =
    virConnectDomainEventRegisterAny (self->conn, NULL, VIR_DOMAIN_EVENT_ID_METADATA_CHANGE,
                                      VIR_DOMAIN_EVENT_CALLBACK (metadata_event_cb),
                                      event_context_new (self, self->conn),
                                      event_context_free);
  if (self->metadata_id < 0)
    virResetLastError ();

  _vd_connection_register_host_callbacks (self);

  close_context = event_context_new (self, self->conn);
  if (virConnectRegisterCloseCallback (self->conn, close_callback, close_context, NULL) == 0)
    {
      self->close_context = close_context;
    }
  else
    {
      event_context_free (close_context);
      virResetLastError ();
    }
}
