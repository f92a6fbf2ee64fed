/* vd-connection-open.c
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
#include "vd-libvirt-task.h"
#include "vd-stats-poller.h"

/*
 * VdConnection, part three: opening. virConnectOpenAuth runs in a worker;
 * libvirt's credential callback, called in that worker, hands the
 * questions to the main thread (VdConnection::credentials-requested) and
 * waits for the answer. A lost or failed connection with autoconnect on
 * is retried with a growing delay.
 */

#define RECONNECT_MIN_SECONDS 1
#define RECONNECT_MAX_SECONDS 60
#define KEEPALIVE_INTERVAL    5
#define KEEPALIVE_COUNT       3

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

  handled = _vd_connection_emit_credentials_requested (ask->self, ask->request);

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
  vd_libvirt_task_post (data->context, ask_on_main_thread, ask, ask_data_free);

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

  g_debug ("%s: opening in a worker", data->uri);
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

  g_debug ("%s: open, listing guests", data->uri);
  result->domains = _vd_connection_list_domains_sync (conn, cancellable, &error);
  if (result->domains == NULL)
    {
      open_result_free (result);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, result, (GDestroyNotify)open_result_free);
}

void
_vd_connection_complete_open_tasks (VdConnection *self,
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
          _vd_connection_set_state (self, VD_CONNECTION_STATE_DISCONNECTED);
        }
      else
        {
          g_debug ("%s: open failed: %s", self->uri, error->message);
          _vd_connection_set_last_error (self, error->message);
          _vd_connection_set_state (self, VD_CONNECTION_STATE_FAILED);
          if (self->autoconnect && !g_error_matches (error, VD_ERROR, VD_ERROR_AUTH_FAILED))
            _vd_connection_schedule_reconnect (self);
        }
      _vd_connection_complete_open_tasks (self, error);
      return;
    }

  self->conn = g_steal_pointer (&result->conn);
  self->reconnect_delay = 0;

  _vd_connection_set_hostname (self, result->hostname);

  _vd_connection_register_callbacks (self);
  _vd_connection_replace_domains (self, result->domains);
  open_result_free (result);

  _vd_connection_set_last_error (self, NULL);
  _vd_connection_set_state (self, VD_CONNECTION_STATE_CONNECTED);

  vd_stats_poller_start (self->poller, self->stats_interval);

  _vd_connection_complete_open_tasks (self, NULL);
}

void
_vd_connection_start_open (VdConnection *self)
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

  _vd_connection_set_state (self, VD_CONNECTION_STATE_CONNECTING);

  task = g_task_new (self, self->open_cancellable, open_cb, g_object_ref (self));
  g_task_set_source_tag (task, _vd_connection_start_open);
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
  _vd_connection_start_open (self);

  return G_SOURCE_REMOVE;
}

void
_vd_connection_schedule_reconnect (VdConnection *self)
{
  if (self->reconnect_source != 0)
    return;

  if (self->reconnect_delay == 0)
    self->reconnect_delay = RECONNECT_MIN_SECONDS;
  else
    self->reconnect_delay = MIN (self->reconnect_delay * 2, RECONNECT_MAX_SECONDS);

  g_debug ("%s: retrying in %u s", self->uri, self->reconnect_delay);
  self->reconnect_source = g_timeout_add_seconds (self->reconnect_delay, reconnect_cb, self);
  _vd_connection_notify_state_label (self);
}
