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
 *
 * This file holds the object, its guest list and the public API; the
 * handle's callbacks are in vd-connection-events.c and opening (with
 * credentials and reconnecting) in vd-connection-open.c.
 */

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


/* ------------------------------------------------------------------ */
/* Small helpers                                                       */
/* ------------------------------------------------------------------ */

void
_vd_connection_set_state (VdConnection      *self,
           VdConnectionState  state)
{
  if (self->state == state)
    return;

  g_debug ("%s: state %d → %d", self->uri, self->state, state);
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE_LABEL]);
}

void
_vd_connection_set_last_error (VdConnection *self,
                const char   *message)
{
  if (g_strcmp0 (self->last_error, message) == 0)
    return;

  g_free (self->last_error);
  self->last_error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE_LABEL]);
}

void
_vd_connection_set_hostname (VdConnection *self,
                             const char   *hostname)
{
  if (g_strcmp0 (self->hostname, hostname) == 0)
    return;

  g_free (self->hostname);
  self->hostname = g_strdup (hostname);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOSTNAME]);
}

void
_vd_connection_notify_state_label (VdConnection *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE_LABEL]);
}

gboolean
_vd_connection_emit_credentials_requested (VdConnection        *self,
                                           VdCredentialRequest *request)
{
  gboolean handled = FALSE;

  g_signal_emit (self, signals[CREDENTIALS_REQUESTED], 0, request, &handled);

  return handled;
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

static void
insert_domain (VdConnection *self,
               VdDomain     *domain)
{
  g_hash_table_insert (self->by_uuid, (gpointer)vd_domain_get_uuid (domain), domain);
  g_list_store_insert_sorted (self->domains, domain, compare_domains, NULL);
}

void
_vd_connection_remove_domain (VdConnection *self,
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
        _vd_connection_remove_domain (self, domain);
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

GPtrArray *
_vd_connection_list_domains_sync (virConnectPtr   conn,
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

void
_vd_connection_replace_domains (VdConnection *self,
                 GPtrArray    *infos)
{
  g_autoptr(GPtrArray) created = g_ptr_array_new_full (infos->len, g_object_unref);

  _vd_connection_clear_domains (self);

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

  _vd_connection_release_handle (self);
  if (self->domains != NULL)
    _vd_connection_clear_domains (self);

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
  _vd_connection_clear_stats (self);
  _vd_connection_finalize_host (self);

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
   * Emitted once per statistics tick after the host's and every running
   * guest's series (vd_domain_get_history()) received their sample. Views redraw on this signal rather
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
  _vd_connection_init_stats (self);
  _vd_connection_init_host (self);
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
  _vd_connection_start_open (self);
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
  _vd_connection_start_open (self);
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
      _vd_connection_complete_open_tasks (self, error);
    }

  _vd_connection_release_handle (self);
  _vd_connection_clear_domains (self);
  _vd_connection_set_last_error (self, NULL);
  _vd_connection_set_state (self, VD_CONNECTION_STATE_DISCONNECTED);
}

static void
refresh_domains_worker (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *infos = _vd_connection_list_domains_sync (task_data, cancellable, &error);

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

  /* What each guest's lifecycle events were when the list was read: a
   * guest whose event came since is read again, not set back. */
  {
    GHashTable *events = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    GListModel *model = G_LIST_MODEL (self->domains);

    for (guint i = 0; i < g_list_model_get_n_items (model); i++)
      {
        g_autoptr(VdDomain) domain = g_list_model_get_item (model, i);

        g_hash_table_insert (events, g_strdup (vd_domain_get_uuid (domain)),
                             GUINT_TO_POINTER (_vd_domain_get_event_serial (domain)));
      }
    g_object_set_data_full (G_OBJECT (task), "events", events,
                            (GDestroyNotify)g_hash_table_unref);
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
  GHashTable *events;
  GListModel *model;

  g_return_val_if_fail (VD_IS_CONNECTION (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  infos = g_task_propagate_pointer (G_TASK (result), error);
  if (infos == NULL)
    return FALSE;

  if (self->conn == NULL || g_task_get_task_data (G_TASK (result)) != self->conn)
    return TRUE;

  seen = g_hash_table_new (g_str_hash, g_str_equal);
  events = g_object_get_data (G_OBJECT (result), "events");
  for (guint i = 0; i < infos->len; i++)
    {
      VdDomainInfo *info = g_ptr_array_index (infos, i);
      VdDomain *domain = g_hash_table_lookup (self->by_uuid, info->uuid);
      gpointer serial;

      g_hash_table_add (seen, info->uuid);
      if (domain != NULL &&
          g_hash_table_lookup_extended (events, info->uuid, NULL, &serial) &&
          _vd_domain_read_is_stale (domain, info, GPOINTER_TO_UINT (serial)))
        {
          _vd_connection_queue_refresh (self, vd_domain_get_handle (domain));
          continue;
        }

      apply_domain_info (self, info);
    }

  model = G_LIST_MODEL (self->domains);
  for (guint i = g_list_model_get_n_items (model); i > 0; i--)
    {
      g_autoptr(VdDomain) domain = g_list_model_get_item (model, i - 1);

      if (!g_hash_table_contains (seen, vd_domain_get_uuid (domain)))
        _vd_connection_remove_domain (self, domain);
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

