/* vd-connection.c
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
#include "vd-core-enums.h"
#include "vd-domain-private.h"
#include "vd-error.h"
#include "vd-stats-poller.h"
#include "vd-uri.h"

/*
 * One libvirt connection.
 *
 * libvirt-gobject's gvir_connection_open() has no credential callback and
 * its event handler warns on event details it does not know (a renamed
 * guest, for one), which makes every test that renames a guest abort. So
 * the connection is opened here with virConnectOpenAuth() in a worker and
 * events are registered directly; the GVirConnection that later features
 * (storage, networks, streams) use is wrapped around the same handle on
 * demand.
 *
 * Threads: every call that can reach a daemon runs in a GTask worker. The
 * event and close callbacks arrive on the main loop (gvir_event_register
 * puts libvirt's event loop on GLib's).
 */

#define RECONNECT_MIN_SECONDS 1
#define RECONNECT_MAX_SECONDS 60
#define KEEPALIVE_INTERVAL    5
#define KEEPALIVE_COUNT       3

/* What the event callbacks get as opaque data: a weak reference, so an
 * event dispatched after the connection object is gone does nothing, and
 * the handle it was registered on, so events of an old handle are
 * ignored after a reconnect. */
typedef struct
{
  GWeakRef       self;
  virConnectPtr  conn;
} EventContext;

struct _VdConnection
{
  GObject            parent_instance;

  char              *uri;
  char              *display_name;
  char              *friendly_name;
  char              *last_error;
  char              *hostname;
  VdConnectionState  state;
  guint              autoconnect : 1;
  guint              read_only : 1;
  guint              user_disconnected : 1;

  /* Owned references */
  virConnectPtr      conn;
  GVirConnection    *gvir;
  GListStore        *domains;
  GHashTable        *by_uuid;          /* uuid → VdDomain (borrowed from domains) */
  GCancellable      *open_cancellable;
  VdStatsPoller     *poller;
  GPtrArray         *open_tasks;       /* GTasks waiting for the running open */

  /* Event registrations on conn */
  int                lifecycle_id;
  int                metadata_id;
  guint              close_registered : 1;

  /* Coalesced refreshes after events: uuid → owned virDomainPtr */
  GHashTable        *refresh_pending;
  guint              refresh_source;
  guint              refresh_running : 1;

  guint              reconnect_source;
  guint              reconnect_delay;
  guint              stats_interval;
};

G_DEFINE_FINAL_TYPE (VdConnection, vd_connection, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_URI,
  PROP_DISPLAY_NAME,
  PROP_AUTOCONNECT,
  PROP_STATE,
  PROP_STATE_LABEL,
  PROP_LAST_ERROR,
  PROP_READ_ONLY,
  PROP_HOSTNAME,
  N_PROPS
};

enum {
  CREDENTIALS_REQUESTED,
  STATS_UPDATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void schedule_reconnect (VdConnection *self);
static void start_open         (VdConnection *self);

/* ------------------------------------------------------------------ */
/* Small helpers                                                       */
/* ------------------------------------------------------------------ */

static void
set_state (VdConnection      *self,
           VdConnectionState  state)
{
  if (self->state == state)
    return;

  g_debug ("%s: state %d → %d", self->uri, self->state, state);
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE_LABEL]);
}

static void
set_last_error (VdConnection *self,
                const char   *message)
{
  if (g_strcmp0 (self->last_error, message) == 0)
    return;

  g_free (self->last_error);
  self->last_error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE_LABEL]);
}

static int
compare_domains (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const char *name_a = vd_domain_get_name ((VdDomain *)a);
  const char *name_b = vd_domain_get_name ((VdDomain *)b);
  int ret = g_ascii_strcasecmp (name_a, name_b);

  return ret != 0 ? ret : strcmp (name_a, name_b);
}

static int
compare_domains_ptr (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  return compare_domains (*(VdDomain * const *)a, *(VdDomain * const *)b, user_data);
}

static gboolean
uri_is_in_process (const char *uri)
{
  /* The test driver (without a transport) lives in this process: closing
   * it cannot block on a daemon. */
  return g_str_has_prefix (uri, "test:///");
}

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
  gboolean      close_registered;
} CloseData;

static void close_callback (virConnectPtr conn, int reason, void *opaque);

static void
close_handle_sync (CloseData *data)
{
  if (data->lifecycle_id >= 0)
    virConnectDomainEventDeregisterAny (data->conn, data->lifecycle_id);
  if (data->metadata_id >= 0)
    virConnectDomainEventDeregisterAny (data->conn, data->metadata_id);
  if (data->close_registered)
    virConnectUnregisterCloseCallback (data->conn, close_callback);
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
static void
release_handle (VdConnection *self)
{
  CloseData *data;

  if (self->poller != NULL)
    vd_stats_poller_stop (self->poller);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_hash_table_remove_all (self->refresh_pending);

  if (self->conn == NULL)
    return;

  data = g_new0 (CloseData, 1);
  data->conn = g_steal_pointer (&self->conn);
  data->lifecycle_id = self->lifecycle_id;
  data->metadata_id = self->metadata_id;
  data->close_registered = self->close_registered;
  self->lifecycle_id = -1;
  self->metadata_id = -1;
  self->close_registered = FALSE;

  g_clear_object (&self->gvir);

  if (uri_is_in_process (self->uri))
    {
      close_handle_sync (data);
      g_free (data);
    }
  else
    {
      g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

      g_task_set_source_tag (task, release_handle);
      g_task_set_task_data (task, data, g_free);
      g_task_run_in_thread (task, close_worker);
    }
}

static void
clear_domains (VdConnection *self)
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
/* Domain list                                                         */
/* ------------------------------------------------------------------ */

static void
insert_domain (VdConnection *self,
               VdDomain     *domain)
{
  g_hash_table_insert (self->by_uuid, (gpointer)vd_domain_get_uuid (domain), domain);
  g_list_store_insert_sorted (self->domains, domain, compare_domains, NULL);
}

static void
remove_domain (VdConnection *self,
               VdDomain     *domain)
{
  guint position;

  g_object_ref (domain);

  if (g_list_store_find (self->domains, domain, &position))
    g_list_store_remove (self->domains, position);
  g_hash_table_remove (self->by_uuid, vd_domain_get_uuid (domain));
  _vd_domain_detach (domain);

  g_object_unref (domain);
}

/* Applies one worker result: updates a known guest (re-sorting it when its
 * name changed) or adds a new one. */
static void
apply_domain_info (VdConnection       *self,
                   const VdDomainInfo *info)
{
  VdDomain *domain = g_hash_table_lookup (self->by_uuid, info->uuid);

  if (info->gone)
    {
      if (domain != NULL)
        remove_domain (self, domain);
      return;
    }

  if (domain == NULL)
    {
      g_autoptr(VdDomain) created = _vd_domain_new (self, info);
      insert_domain (self, created);
      return;
    }

  if (g_strcmp0 (vd_domain_get_name (domain), info->name) != 0)
    {
      guint position;

      g_object_ref (domain);
      if (g_list_store_find (self->domains, domain, &position))
        g_list_store_remove (self->domains, position);
      _vd_domain_apply_info (domain, info);
      g_list_store_insert_sorted (self->domains, domain, compare_domains, NULL);
      g_object_unref (domain);
    }
  else
    {
      _vd_domain_apply_info (domain, info);
    }
}

void
_vd_connection_apply_domain_info (VdConnection       *self,
                                  const VdDomainInfo *info)
{
  g_return_if_fail (VD_IS_CONNECTION (self));

  apply_domain_info (self, info);
}

static GPtrArray *
list_domains_sync (virConnectPtr   conn,
                   GCancellable   *cancellable,
                   GError        **error)
{
  g_autoptr(GPtrArray) infos = g_ptr_array_new_with_free_func ((GDestroyNotify)_vd_domain_info_free);
  virDomainPtr *list = NULL;
  int n;

  n = virConnectListAllDomains (conn, &list, 0);
  if (n < 0)
    {
      vd_error_set_from_libvirt (error, _("Could not list the guests"));
      return NULL;
    }

  for (int i = 0; i < n; i++)
    {
      if (!g_cancellable_is_cancelled (cancellable))
        g_ptr_array_add (infos, _vd_domain_info_new_from_handle (list[i]));
      virDomainFree (list[i]);
    }
  free (list);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  return g_steal_pointer (&infos);
}

static void
replace_domains (VdConnection *self,
                 GPtrArray    *infos)
{
  g_autoptr(GPtrArray) created = g_ptr_array_new_full (infos->len, g_object_unref);

  clear_domains (self);

  for (guint i = 0; i < infos->len; i++)
    {
      const VdDomainInfo *info = g_ptr_array_index (infos, i);
      VdDomain *domain;

      if (info->gone || g_hash_table_contains (self->by_uuid, info->uuid))
        continue;

      domain = _vd_domain_new (self, info);
      g_ptr_array_add (created, domain);
      g_hash_table_insert (self->by_uuid, (gpointer)vd_domain_get_uuid (domain), domain);
    }

  /* One items-changed for the whole list: views handle a single splice of
   * thousands of rows far better than thousands of inserts. */
  g_ptr_array_sort_with_data (created, compare_domains_ptr, NULL);
  g_list_store_splice (self->domains, 0, 0, created->pdata, created->len);
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
      for (guint i = 0; i < infos->len; i++)
        apply_domain_info (self, g_ptr_array_index (infos, i));
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
  GHashTableIter iter;
  gpointer value;

  self->refresh_source = 0;

  if (self->refresh_running || self->conn == NULL)
    return G_SOURCE_REMOVE;

  handles = g_ptr_array_new_with_free_func ((GDestroyNotify)virDomainFree);
  g_hash_table_iter_init (&iter, self->refresh_pending);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      g_ptr_array_add (handles, value);
      g_hash_table_iter_steal (&iter);
    }

  self->refresh_running = TRUE;
  task = g_task_new (self, NULL, refresh_cb, NULL);
  g_task_set_source_tag (task, run_refresh);
  g_task_set_task_data (task, handles, (GDestroyNotify)g_ptr_array_unref);
  g_object_set_data (G_OBJECT (task), "conn", self->conn);
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
              remove_domain (self, domain);
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
              remove_domain (self, domain);
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

  release_handle (self);
  clear_domains (self);
  set_last_error (self, message);
  set_state (self, VD_CONNECTION_STATE_DISCONNECTED);

  if (self->autoconnect && !self->user_disconnected)
    schedule_reconnect (self);
}

/* ------------------------------------------------------------------ */
/* Opening                                                             */
/* ------------------------------------------------------------------ */

typedef struct
{
  char                 *uri;
  VdConnection         *self;        /* only passed back to the main thread */
  GCancellable         *cancellable;
  GMainContext         *context;
} OpenData;

typedef struct
{
  virConnectPtr  conn;
  char          *hostname;
  GPtrArray     *domains;
} OpenResult;

static void
open_data_free (OpenData *data)
{
  g_clear_pointer (&data->uri, g_free);
  g_clear_object (&data->self);
  g_clear_object (&data->cancellable);
  g_clear_pointer (&data->context, g_main_context_unref);
  g_free (data);
}

static void
open_result_free (OpenResult *result)
{
  if (result->conn != NULL)
    virConnectClose (result->conn);
  g_clear_pointer (&result->hostname, g_free);
  g_clear_pointer (&result->domains, g_ptr_array_unref);
  g_free (result);
}

typedef struct
{
  VdConnection        *self;
  VdCredentialRequest *request;
} AskData;

static gboolean
ask_on_main_thread (gpointer user_data)
{
  AskData *ask = user_data;
  gboolean handled = FALSE;

  g_signal_emit (ask->self, signals[CREDENTIALS_REQUESTED], 0, ask->request, &handled);

  /* Nobody can answer (no UI): fail instead of waiting forever. */
  if (!handled)
    vd_credential_request_cancel (ask->request);

  return G_SOURCE_REMOVE;
}

static void
ask_data_free (gpointer user_data)
{
  AskData *ask = user_data;

  g_object_unref (ask->self);
  g_object_unref (ask->request);
  g_free (ask);
}

/* libvirt's credential callback. It runs in the worker that called
 * virConnectOpenAuth: hand the questions to the main thread and wait. */
static int
auth_cb (virConnectCredentialPtr  cred,
         unsigned int             ncred,
         void                    *cbdata)
{
  OpenData *data = cbdata;
  g_autoptr(VdCredentialRequest) request = vd_credential_request_new (data->uri);
  AskData *ask;

  for (guint i = 0; i < ncred; i++)
    {
      VdCredentialKind kind;
      const char *prompt = cred[i].prompt;

      switch (cred[i].type)
        {
        case VIR_CRED_USERNAME:
        case VIR_CRED_AUTHNAME:
          kind = VD_CREDENTIAL_USERNAME;
          prompt = _("User name");
          break;
        case VIR_CRED_PASSPHRASE:
          kind = VD_CREDENTIAL_PASSWORD;
          prompt = _("Password");
          break;
        case VIR_CRED_NOECHOPROMPT:
          kind = VD_CREDENTIAL_SECRET_PROMPT;
          break;
        case VIR_CRED_ECHOPROMPT:
        case VIR_CRED_REALM:
        case VIR_CRED_LANGUAGE:
        case VIR_CRED_CNONCE:
        case VIR_CRED_EXTERNAL:
        default:
          kind = VD_CREDENTIAL_ECHO_PROMPT;
          break;
        }

      vd_credential_request_add_field (request, kind, prompt, cred[i].defresult);
    }

  ask = g_new0 (AskData, 1);
  ask->self = g_object_ref (data->self);
  ask->request = g_object_ref (request);
  g_main_context_invoke_full (data->context, G_PRIORITY_DEFAULT,
                              ask_on_main_thread, ask, ask_data_free);

  if (!vd_credential_request_wait (request, data->cancellable))
    return -1;

  for (guint i = 0; i < ncred; i++)
    {
      char *answer = vd_credential_request_dup_answer (request, i);

      if (answer == NULL)
        return -1;

      /* libvirt takes ownership and frees it with free(). */
      cred[i].result = strdup (answer);
      cred[i].resultlen = strlen (answer);
      explicit_bzero (answer, strlen (answer));
      g_free (answer);

      if (cred[i].result == NULL)
        return -1;
    }

  return 0;
}

static void
open_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpenData *data = task_data;
  g_autoptr(GError) error = NULL;
  OpenResult *result;
  int credtypes[] = {
    VIR_CRED_AUTHNAME,
    VIR_CRED_PASSPHRASE,
    VIR_CRED_ECHOPROMPT,
    VIR_CRED_NOECHOPROMPT,
    VIR_CRED_REALM,
  };
  virConnectAuth auth = {
    .credtype = credtypes,
    .ncredtype = G_N_ELEMENTS (credtypes),
    .cb = auth_cb,
    .cbdata = data,
  };
  virConnectPtr conn;
  char *hostname;

  conn = virConnectOpenAuth (data->uri, &auth, 0);
  if (conn == NULL)
    {
      vd_error_set_from_libvirt (&error, _("Could not open the connection"));
      if (g_cancellable_is_cancelled (cancellable))
        g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("Cancelled"));
      else
        g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  result = g_new0 (OpenResult, 1);
  result->conn = conn;

  /* Keepalive notices a dead host; drivers without it (the test driver)
   * refuse, which is not an error worth showing. */
  if (virConnectSetKeepAlive (conn, KEEPALIVE_INTERVAL, KEEPALIVE_COUNT) < 0)
    {
      g_debug ("%s: keepalive not available: %s", data->uri, virGetLastErrorMessage ());
      virResetLastError ();
    }

  hostname = virConnectGetHostname (conn);
  if (hostname != NULL)
    {
      result->hostname = g_strdup (hostname);
      free (hostname);
    }
  virResetLastError ();

  result->domains = list_domains_sync (conn, cancellable, &error);
  if (result->domains == NULL)
    {
      open_result_free (result);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, result, (GDestroyNotify)open_result_free);
}

static void
register_callbacks (VdConnection *self)
{
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

  if (virConnectRegisterCloseCallback (self->conn, close_callback,
                                       event_context_new (self, self->conn),
                                       event_context_free) == 0)
    self->close_registered = TRUE;
  else
    virResetLastError ();
}

static void
complete_open_tasks (VdConnection *self,
                     const GError *error)
{
  g_autoptr(GPtrArray) tasks = g_steal_pointer (&self->open_tasks);

  self->open_tasks = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < tasks->len; i++)
    {
      GTask *task = g_ptr_array_index (tasks, i);

      if (error != NULL)
        g_task_return_error (task, g_error_copy (error));
      else
        g_task_return_boolean (task, TRUE);
    }
}

static void
open_cb (GObject      *object,
         GAsyncResult *res,
         gpointer      user_data)
{
  g_autoptr(VdConnection) self = user_data;
  g_autoptr(GError) error = NULL;
  OpenResult *result;

  result = g_task_propagate_pointer (G_TASK (res), &error);

  /* A newer open or a disconnect superseded this one. */
  if (g_task_get_cancellable (G_TASK (res)) != self->open_cancellable)
    {
      g_clear_pointer (&result, open_result_free);
      return;
    }

  g_clear_object (&self->open_cancellable);

  if (result == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          set_state (self, VD_CONNECTION_STATE_DISCONNECTED);
        }
      else
        {
          g_debug ("%s: open failed: %s", self->uri, error->message);
          set_last_error (self, error->message);
          set_state (self, VD_CONNECTION_STATE_FAILED);
          if (self->autoconnect && !g_error_matches (error, VD_ERROR, VD_ERROR_AUTH_FAILED))
            schedule_reconnect (self);
        }
      complete_open_tasks (self, error);
      return;
    }

  self->conn = g_steal_pointer (&result->conn);
  self->reconnect_delay = 0;

  if (g_strcmp0 (self->hostname, result->hostname) != 0)
    {
      g_free (self->hostname);
      self->hostname = g_strdup (result->hostname);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOSTNAME]);
    }

  register_callbacks (self);
  replace_domains (self, result->domains);
  open_result_free (result);

  set_last_error (self, NULL);
  set_state (self, VD_CONNECTION_STATE_CONNECTED);

  vd_stats_poller_start (self->poller, self->stats_interval);

  complete_open_tasks (self, NULL);
}

static void
start_open (VdConnection *self)
{
  g_autoptr(GTask) task = NULL;
  OpenData *data;

  g_clear_handle_id (&self->reconnect_source, g_source_remove);

  if (self->open_cancellable != NULL || self->conn != NULL)
    return;

  self->user_disconnected = FALSE;
  self->open_cancellable = g_cancellable_new ();

  data = g_new0 (OpenData, 1);
  data->uri = g_strdup (self->uri);
  data->self = g_object_ref (self);
  data->cancellable = g_object_ref (self->open_cancellable);
  data->context = g_main_context_ref_thread_default ();

  set_state (self, VD_CONNECTION_STATE_CONNECTING);

  task = g_task_new (self, self->open_cancellable, open_cb, g_object_ref (self));
  g_task_set_source_tag (task, start_open);
  g_task_set_task_data (task, data, (GDestroyNotify)open_data_free);
  /* The worker may wait for the user to type a password: never let
   * GTask's cancellation return early while it still uses task data. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, open_worker);
}

static gboolean
reconnect_cb (gpointer data)
{
  VdConnection *self = data;

  self->reconnect_source = 0;
  g_debug ("%s: reconnecting", self->uri);
  start_open (self);

  return G_SOURCE_REMOVE;
}

static void
schedule_reconnect (VdConnection *self)
{
  if (self->reconnect_source != 0)
    return;

  if (self->reconnect_delay == 0)
    self->reconnect_delay = RECONNECT_MIN_SECONDS;
  else
    self->reconnect_delay = MIN (self->reconnect_delay * 2, RECONNECT_MAX_SECONDS);

  g_debug ("%s: retrying in %u s", self->uri, self->reconnect_delay);
  self->reconnect_source = g_timeout_add_seconds (self->reconnect_delay, reconnect_cb, self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE_LABEL]);
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */
/* ------------------------------------------------------------------ */

static void
stats_updated_cb (VdStatsPoller *poller,
                  VdConnection  *self)
{
  g_signal_emit (self, signals[STATS_UPDATED], 0);
}

static void
vd_connection_dispose (GObject *object)
{
  VdConnection *self = (VdConnection *)object;

  g_clear_handle_id (&self->reconnect_source, g_source_remove);
  g_cancellable_cancel (self->open_cancellable);
  g_clear_object (&self->open_cancellable);

  release_handle (self);
  if (self->domains != NULL)
    clear_domains (self);

  if (self->poller != NULL)
    g_signal_handlers_disconnect_by_func (self->poller, stats_updated_cb, self);
  g_clear_object (&self->poller);

  G_OBJECT_CLASS (vd_connection_parent_class)->dispose (object);
}

static void
vd_connection_finalize (GObject *object)
{
  VdConnection *self = (VdConnection *)object;

  g_clear_pointer (&self->uri, g_free);
  g_clear_pointer (&self->display_name, g_free);
  g_clear_pointer (&self->friendly_name, g_free);
  g_clear_pointer (&self->last_error, g_free);
  g_clear_pointer (&self->hostname, g_free);
  g_clear_object (&self->domains);
  g_clear_pointer (&self->by_uuid, g_hash_table_unref);
  g_clear_pointer (&self->refresh_pending, g_hash_table_unref);
  g_clear_pointer (&self->open_tasks, g_ptr_array_unref);

  G_OBJECT_CLASS (vd_connection_parent_class)->finalize (object);
}

static void
vd_connection_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  VdConnection *self = VD_CONNECTION (object);

  switch (prop_id)
    {
    case PROP_URI:
      g_value_set_string (value, self->uri);
      break;
    case PROP_DISPLAY_NAME:
      g_value_set_string (value, vd_connection_get_display_name (self));
      break;
    case PROP_AUTOCONNECT:
      g_value_set_boolean (value, self->autoconnect);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_STATE_LABEL:
      g_value_set_string (value, vd_connection_get_state_label (self));
      break;
    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;
    case PROP_HOSTNAME:
      g_value_set_string (value, self->hostname);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vd_connection_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  VdConnection *self = VD_CONNECTION (object);

  switch (prop_id)
    {
    case PROP_URI:
      self->uri = g_value_dup_string (value);
      self->friendly_name = vd_uri_get_friendly_name (self->uri);
      break;
    case PROP_DISPLAY_NAME:
      vd_connection_set_display_name (self, g_value_get_string (value));
      break;
    case PROP_AUTOCONNECT:
      vd_connection_set_autoconnect (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vd_connection_class_init (VdConnectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vd_connection_dispose;
  object_class->finalize = vd_connection_finalize;
  object_class->get_property = vd_connection_get_property;
  object_class->set_property = vd_connection_set_property;

  properties[PROP_URI] =
    g_param_spec_string ("uri", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DISPLAY_NAME] =
    g_param_spec_string ("display-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AUTOCONNECT] =
    g_param_spec_boolean ("autoconnect", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       VD_TYPE_CONNECTION_STATE, VD_CONNECTION_STATE_DISCONNECTED,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_STATE_LABEL] =
    g_param_spec_string ("state-label", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_HOSTNAME] =
    g_param_spec_string ("hostname", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VdConnection::credentials-requested:
   * @self: the connection
   * @request: what libvirt asks
   *
   * libvirt needs credentials to open the connection. A handler that will
   * answer (now or later, with vd_credential_request_reply() or
   * vd_credential_request_cancel()) returns %TRUE. When no handler does,
   * the request is cancelled and the open fails.
   *
   * Returns: %TRUE if the request will be answered
   */
  signals[CREDENTIALS_REQUESTED] =
    g_signal_new ("credentials-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  g_signal_accumulator_true_handled, NULL,
                  NULL,
                  G_TYPE_BOOLEAN, 1, VD_TYPE_CREDENTIAL_REQUEST);

  /**
   * VdConnection::stats-updated:
   * @self: the connection
   *
   * Emitted once per statistics tick after every running guest's
   * #VdDomain:cpu-usage was updated. Views redraw on this signal rather
   * than on per-guest notifications.
   */
  signals[STATS_UPDATED] =
    g_signal_new ("stats-updated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
vd_connection_init (VdConnection *self)
{
  self->state = VD_CONNECTION_STATE_DISCONNECTED;
  self->lifecycle_id = -1;
  self->metadata_id = -1;
  self->stats_interval = 1;
  self->domains = g_list_store_new (VD_TYPE_DOMAIN);
  self->by_uuid = g_hash_table_new (g_str_hash, g_str_equal);
  self->refresh_pending = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                 (GDestroyNotify)virDomainFree);
  self->open_tasks = g_ptr_array_new_with_free_func (g_object_unref);
  self->poller = vd_stats_poller_new (self);
  g_signal_connect (self->poller, "updated", G_CALLBACK (stats_updated_cb), self);
}

/* ------------------------------------------------------------------ */
/* Public API                                                          */
/* ------------------------------------------------------------------ */

VdConnection *
vd_connection_new (const char *uri)
{
  g_return_val_if_fail (uri != NULL, NULL);

  return g_object_new (VD_TYPE_CONNECTION, "uri", uri, NULL);
}

const char *
vd_connection_get_uri (VdConnection *self)
{
  g_return_val_if_fail (VD_IS_CONNECTION (self), NULL);

  return self->uri;
}

/**
 * vd_connection_get_display_name:
 *
 * Returns: the name the user gave the connection, or one derived from the
 *   URI ("QEMU/KVM on host (SSH)")
 */
const char *
vd_connection_get_display_name (VdConnection *self)
{
  g_return_val_if_fail (VD_IS_CONNECTION (self), NULL);

  if (self->display_name != NULL && self->display_name[0] != '\0')
    return self->display_name;

  return self->friendly_name;
}

/**
 * vd_connection_get_custom_name:
 *
 * Returns: (nullable): the name the user gave the connection, if any
 */
const char *
vd_connection_get_custom_name (VdConnection *self)
{
  g_return_val_if_fail (VD_IS_CONNECTION (self), NULL);

  return self->display_name;
}

void
vd_connection_set_display_name (VdConnection *self,
                                const char   *display_name)
{
  g_return_if_fail (VD_IS_CONNECTION (self));

  if (display_name != NULL && display_name[0] == '\0')
    display_name = NULL;

  if (g_strcmp0 (self->display_name, display_name) == 0)
    return;

  g_free (self->display_name);
  self->display_name = g_strdup (display_name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_NAME]);
}

gboolean
vd_connection_get_autoconnect (VdConnection *self)
{
  g_return_val_if_fail (VD_IS_CONNECTION (self), FALSE);

  return self->autoconnect;
}

void
vd_connection_set_autoconnect (VdConnection *self,
                               gboolean      autoconnect)
{
  g_return_if_fail (VD_IS_CONNECTION (self));

  autoconnect = !!autoconnect;
  if (self->autoconnect == autoconnect)
    return;

  self->autoconnect = autoconnect;
  if (!autoconnect)
    g_clear_handle_id (&self->reconnect_source, g_source_remove);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTOCONNECT]);
}

VdConnectionState
vd_connection_get_state (VdConnection *self)
{
  g_return_val_if_fail (VD_IS_CONNECTION (self), VD_CONNECTION_STATE_DISCONNECTED);

  return self->state;
}

/**
 * vd_connection_get_state_label:
 *
 * Returns: a translated description of the state for the connection's row,
 *   including the error of a failed connection
 */
const char *
vd_connection_get_state_label (VdConnection *self)
{
  g_return_val_if_fail (VD_IS_CONNECTION (self), NULL);

  switch (self->state)
    {
    case VD_CONNECTION_STATE_CONNECTING:
      return _("Connecting…");
    case VD_CONNECTION_STATE_CONNECTED:
      return _("Connected");
    case VD_CONNECTION_STATE_FAILED:
      return self->last_error != NULL ? self->last_error : _("Failed");
    case VD_CONNECTION_STATE_DISCONNECTED:
    default:
      return self->last_error != NULL ? self->last_error : _("Not connected");
    }
}

const char *
vd_connection_get_last_error (VdConnection *self)
{
  g_return_val_if_fail (VD_IS_CONNECTION (self), NULL);

  return self->last_error;
}

gboolean
vd_connection_get_read_only (VdConnection *self)
{
  g_return_val_if_fail (VD_IS_CONNECTION (self), FALSE);

  return self->read_only;
}

const char *
vd_connection_get_hostname (VdConnection *self)
{
  g_return_val_if_fail (VD_IS_CONNECTION (self), NULL);

  return self->hostname;
}

/**
 * vd_connection_get_domains:
 *
 * Returns: (transfer none): a #GListModel of #VdDomain sorted by name, kept
 *   current by libvirt events
 */
GListModel *
vd_connection_get_domains (VdConnection *self)
{
  g_return_val_if_fail (VD_IS_CONNECTION (self), NULL);

  return G_LIST_MODEL (self->domains);
}

/**
 * vd_connection_find_domain_by_name:
 *
 * Returns: (transfer none) (nullable): the guest called @name
 */
VdDomain *
vd_connection_find_domain_by_name (VdConnection *self,
                                   const char   *name)
{
  GListModel *model;
  guint n;

  g_return_val_if_fail (VD_IS_CONNECTION (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  model = G_LIST_MODEL (self->domains);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VdDomain) domain = g_list_model_get_item (model, i);

      if (g_strcmp0 (vd_domain_get_name (domain), name) == 0)
        return domain;
    }

  return NULL;
}

/**
 * vd_connection_find_domain_by_uuid:
 *
 * Returns: (transfer none) (nullable): the guest with @uuid
 */
VdDomain *
vd_connection_find_domain_by_uuid (VdConnection *self,
                                   const char   *uuid)
{
  g_return_val_if_fail (VD_IS_CONNECTION (self), NULL);

  return g_hash_table_lookup (self->by_uuid, uuid);
}

/**
 * vd_connection_get_gvir:
 *
 * Returns: (transfer none) (nullable): a #GVirConnection on the open
 *   handle, for libvirt-gobject APIs; %NULL while not connected
 */
GVirConnection *
vd_connection_get_gvir (VdConnection *self)
{
  g_return_val_if_fail (VD_IS_CONNECTION (self), NULL);

  if (self->gvir == NULL && self->conn != NULL)
    self->gvir = g_object_new (GVIR_TYPE_CONNECTION, "handle", self->conn, NULL);

  return self->gvir;
}

/**
 * vd_connection_get_handle:
 *
 * Returns: (transfer none) (nullable): the libvirt handle, for workers
 *   (take a reference with virConnectRef() before handing it to a thread)
 */
virConnectPtr
vd_connection_get_handle (VdConnection *self)
{
  g_return_val_if_fail (VD_IS_CONNECTION (self), NULL);

  return self->conn;
}

/**
 * vd_connection_open_async:
 *
 * Opens the connection in a worker (asking for credentials through
 * #VdConnection::credentials-requested when libvirt needs them), lists
 * the guests and starts following events. Completes at once when already
 * connected; joins a running attempt.
 */
void
vd_connection_open_async (VdConnection        *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (VD_IS_CONNECTION (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vd_connection_open_async);

  if (self->conn != NULL)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  g_ptr_array_add (self->open_tasks, g_steal_pointer (&task));
  start_open (self);
}

gboolean
vd_connection_open_finish (VdConnection  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (VD_IS_CONNECTION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * vd_connection_connect:
 *
 * Starts opening the connection (the user asked for it, or autoconnect);
 * the result shows in #VdConnection:state and #VdConnection:last-error.
 */
void
vd_connection_connect (VdConnection *self)
{
  g_return_if_fail (VD_IS_CONNECTION (self));

  self->reconnect_delay = 0;
  start_open (self);
}

/**
 * vd_connection_disconnect:
 *
 * Closes the connection (or stops an attempt) and does not reconnect until
 * asked to.
 */
void
vd_connection_disconnect (VdConnection *self)
{
  g_return_if_fail (VD_IS_CONNECTION (self));

  self->user_disconnected = TRUE;
  g_clear_handle_id (&self->reconnect_source, g_source_remove);

  if (self->open_cancellable != NULL)
    {
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                     _("Cancelled"));

      g_cancellable_cancel (self->open_cancellable);
      g_clear_object (&self->open_cancellable);
      complete_open_tasks (self, error);
    }

  release_handle (self);
  clear_domains (self);
  set_last_error (self, NULL);
  set_state (self, VD_CONNECTION_STATE_DISCONNECTED);
}

static void
refresh_domains_worker (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *infos = list_domains_sync (task_data, cancellable, &error);

  if (infos == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, infos, (GDestroyNotify)g_ptr_array_unref);
}

/**
 * vd_connection_refresh_domains_async:
 *
 * Lists every guest again in a worker and brings the model in line (events
 * keep it current; this is for recovering from missed ones).
 */
void
vd_connection_refresh_domains_async (VdConnection        *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (VD_IS_CONNECTION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vd_connection_refresh_domains_async);

  if (self->conn == NULL)
    {
      g_task_return_new_error (task, VD_ERROR, VD_ERROR_NOT_CONNECTED,
                               _("“%s” is not connected"), vd_connection_get_display_name (self));
      return;
    }

  virConnectRef (self->conn);
  g_task_set_task_data (task, self->conn, (GDestroyNotify)virConnectClose);
  g_task_run_in_thread (task, refresh_domains_worker);
}

gboolean
vd_connection_refresh_domains_finish (VdConnection  *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_autoptr(GPtrArray) infos = NULL;
  g_autoptr(GHashTable) seen = NULL;
  GListModel *model;

  g_return_val_if_fail (VD_IS_CONNECTION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  infos = g_task_propagate_pointer (G_TASK (result), error);
  if (infos == NULL)
    return FALSE;

  if (self->conn == NULL || g_task_get_task_data (G_TASK (result)) != self->conn)
    return TRUE;

  seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < infos->len; i++)
    {
      VdDomainInfo *info = g_ptr_array_index (infos, i);

      apply_domain_info (self, info);
      g_hash_table_add (seen, info->uuid);
    }

  model = G_LIST_MODEL (self->domains);
  for (guint i = g_list_model_get_n_items (model); i > 0; i--)
    {
      g_autoptr(VdDomain) domain = g_list_model_get_item (model, i - 1);

      if (!g_hash_table_contains (seen, vd_domain_get_uuid (domain)))
        remove_domain (self, domain);
    }

  return TRUE;
}

/**
 * vd_connection_get_reconnect_delay:
 *
 * Returns: seconds until the next automatic attempt, 0 when none is planned
 */
guint
vd_connection_get_reconnect_delay (VdConnection *self)
{
  g_return_val_if_fail (VD_IS_CONNECTION (self), 0);

  return self->reconnect_source != 0 ? self->reconnect_delay : 0;
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

  self->stats_interval = CLAMP (seconds, 1, 60);
  if (self->conn != NULL)
    vd_stats_poller_start (self->poller, self->stats_interval);
}
