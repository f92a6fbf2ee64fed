/* vd-connection-host.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-connection"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vd-connection-host.h"
#include "vd-connection-private.h"
#include "vd-error.h"
#include "vd-host-private.h"

/*
 * VdConnection, the host side: the lists of virtual networks and storage
 * pools, and the host's facts.
 *
 * After an open the lists are filled by one worker; libvirt's network
 * lifecycle and storage pool lifecycle/refresh events (on the main loop,
 * like the guest events in vd-connection-events.c) then queue re-reads of
 * the objects they name. Re-reads are batched into one worker at a time,
 * so an older read can never overwrite a newer one; a batch that reads
 * pools makes ONE pass over all guests' disks for the volumes' users.
 */

struct _VdConnectionHost
{
  GListStore *networks;
  GListStore *pools;
  GHashTable *network_by_uuid;    /* uuid → VdNetwork (borrowed from networks) */
  GHashTable *pool_by_uuid;       /* uuid → VdStoragePool (borrowed from pools) */

  /* Re-reads waiting for the worker: uuid → owned handle */
  GHashTable *pending_networks;
  GHashTable *pending_pools;
  guint       pending_all : 1;    /* list everything again */
  guint       refresh_running : 1;
  guint       loaded : 1;         /* the first full listing arrived */
  guint       refresh_source;

  /* Event registrations on the handle */
  int         network_id;
  int         pool_lifecycle_id;
  int         pool_refresh_id;
};

typedef struct
{
  int network_id;
  int pool_lifecycle_id;
  int pool_refresh_id;
} HostEvents;

/* The events' opaque data: a weak reference, and the handle it belongs
 * to, so events of an old handle are ignored after a reconnect. */
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
event_context_new (VdConnection *self)
{
  EventContext *ctx = g_new0 (EventContext, 1);

  g_weak_ref_init (&ctx->self, self);
  ctx->conn = self->conn;

  return ctx;
}

static VdConnection *
event_context_get (EventContext *ctx)
{
  VdConnection *self = g_weak_ref_get (&ctx->self);

  if (self != NULL && (self->conn == NULL || self->conn != ctx->conn || self->host == NULL))
    g_clear_object (&self);

  return self;
}

/* ------------------------------------------------------------------ */
/* Lists                                                               */
/* ------------------------------------------------------------------ */

static int
compare_networks (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  return g_strcmp0 (vd_network_get_name ((VdNetwork *)a), vd_network_get_name ((VdNetwork *)b));
}

static int
compare_pools (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  return g_strcmp0 (vd_storage_pool_get_name ((VdStoragePool *)a),
                    vd_storage_pool_get_name ((VdStoragePool *)b));
}

/* The network list and the pool list work alike: a GListStore sorted by
 * name and a table by uuid borrowing from it. This is what differs. */
typedef const char *(*GetUuidFunc) (gpointer      object);
typedef gpointer    (*CreateFunc)  (VdConnection *self,
                                    gconstpointer info);
typedef void        (*ApplyFunc)   (gpointer      object,
                                    gconstpointer info);

typedef struct
{
  GetUuidFunc       get_uuid;
  CreateFunc        create;
  ApplyFunc         apply;
  GDestroyNotify    detach;
  GCompareDataFunc  compare;
} ListKind;

static const ListKind network_kind = {
  (GetUuidFunc)vd_network_get_uuid,
  (CreateFunc)_vd_network_new,
  (ApplyFunc)_vd_network_apply_info,
  (GDestroyNotify)_vd_network_detach,
  compare_networks,
};

static const ListKind pool_kind = {
  (GetUuidFunc)vd_storage_pool_get_uuid,
  (CreateFunc)_vd_storage_pool_new,
  (ApplyFunc)_vd_storage_pool_apply_info,
  (GDestroyNotify)_vd_storage_pool_detach,
  compare_pools,
};

static void
remove_object (GListStore     *store,
               GHashTable     *by_uuid,
               const ListKind *kind,
               gpointer        object)
{
  guint position;

  g_object_ref (object);
  g_hash_table_remove (by_uuid, kind->get_uuid (object));
  if (g_list_store_find (store, object, &position))
    g_list_store_remove (store, position);
  kind->detach (object);
  g_object_unref (object);
}

/* A re-read of one object: it left, it changed, or it is new. */
static void
apply_info (VdConnection   *self,
            GListStore     *store,
            GHashTable     *by_uuid,
            const ListKind *kind,
            const char     *uuid,
            gboolean        gone,
            gconstpointer   info)
{
  gpointer object = g_hash_table_lookup (by_uuid, uuid);

  if (gone)
    {
      if (object != NULL)
        remove_object (store, by_uuid, kind, object);
    }
  else if (object != NULL)
    {
      kind->apply (object, info);
    }
  else
    {
      g_autoptr(GObject) created = kind->create (self, info);

      g_hash_table_insert (by_uuid, (gpointer)kind->get_uuid (created), created);
      g_list_store_insert_sorted (store, created, kind->compare, NULL);
    }
}

void
_vd_connection_apply_network_info (VdConnection        *self,
                                   const VdNetworkInfo *info)
{
  g_return_if_fail (VD_IS_CONNECTION (self));

  if (self->host == NULL || self->conn == NULL)
    return;

  apply_info (self, self->host->networks, self->host->network_by_uuid, &network_kind,
              info->uuid, info->gone, info);
}

void
_vd_connection_apply_pool_info (VdConnection            *self,
                                const VdStoragePoolInfo *info)
{
  g_return_if_fail (VD_IS_CONNECTION (self));

  if (self->host == NULL || self->conn == NULL)
    return;

  apply_info (self, self->host->pools, self->host->pool_by_uuid, &pool_kind,
              info->uuid, info->gone, info);
}

static void
clear_lists (VdConnection *self)
{
  VdConnectionHost *host = self->host;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (host->networks)); i++)
    {
      g_autoptr(VdNetwork) network = g_list_model_get_item (G_LIST_MODEL (host->networks), i);
      _vd_network_detach (network);
    }
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (host->pools)); i++)
    {
      g_autoptr(VdStoragePool) pool = g_list_model_get_item (G_LIST_MODEL (host->pools), i);
      _vd_storage_pool_detach (pool);
    }

  g_hash_table_remove_all (host->network_by_uuid);
  g_hash_table_remove_all (host->pool_by_uuid);
  g_list_store_remove_all (host->networks);
  g_list_store_remove_all (host->pools);
}

/* ------------------------------------------------------------------ */
/* Batched re-reads                                                    */
/* ------------------------------------------------------------------ */

typedef struct
{
  virConnectPtr  conn;
  gboolean       all;
  GPtrArray     *networks;       /* virNetworkPtr to read */
  GPtrArray     *pools;          /* virStoragePoolPtr to read */
  GPtrArray     *network_infos;  /* results */
  GPtrArray     *pool_infos;
  GHashTable    *serials;        /* uuid → operation serial when queued */
} RefreshData;

static void
refresh_data_free (RefreshData *data)
{
  virConnectClose (data->conn);
  g_ptr_array_unref (data->networks);
  g_ptr_array_unref (data->pools);
  g_clear_pointer (&data->network_infos, g_ptr_array_unref);
  g_clear_pointer (&data->pool_infos, g_ptr_array_unref);
  g_hash_table_unref (data->serials);
  g_free (data);
}

static void
refresh_worker (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  RefreshData *data = task_data;
  g_autoptr(GHashTable) users = NULL;

  if (data->all)
    {
      virNetworkPtr *networks = NULL;
      virStoragePoolPtr *pools = NULL;
      int n;

      /* Drivers without networks or storage (some hypervisors) refuse:
       * their lists stay empty. */
      n = virConnectListAllNetworks (data->conn, &networks, 0);
      for (int i = 0; i < n; i++)
        g_ptr_array_add (data->networks, networks[i]);
      free (networks);
      if (n < 0)
        g_debug ("no network list: %s", virGetLastErrorMessage ());

      n = virConnectListAllStoragePools (data->conn, &pools, 0);
      for (int i = 0; i < n; i++)
        g_ptr_array_add (data->pools, pools[i]);
      free (pools);
      if (n < 0)
        g_debug ("no storage pool list: %s", virGetLastErrorMessage ());
      virResetLastError ();
    }

  for (guint i = 0; i < data->networks->len; i++)
    g_ptr_array_add (data->network_infos,
                     _vd_network_info_new_from_handle (g_ptr_array_index (data->networks, i)));

  if (data->pools->len > 0)
    users = _vd_disk_users_collect (data->conn);
  for (guint i = 0; i < data->pools->len; i++)
    g_ptr_array_add (data->pool_infos,
                     _vd_storage_pool_info_new_from_handle (g_ptr_array_index (data->pools, i),
                                                            users));

  g_task_return_boolean (task, TRUE);
}

static gboolean run_refresh (gpointer user_data);

/* An operation that started after the read was queued applies a newer
 * state of its own when it ends: a read from before (or from the middle
 * of) it must not overwrite that. G_MAXUINT never matches. */
static guint
serial_of (GObject *object)
{
  if (object == NULL)
    return 0;
  if (VD_IS_NETWORK (object))
    return vd_network_get_busy (VD_NETWORK (object))
             ? G_MAXUINT : _vd_network_get_action_serial (VD_NETWORK (object));
  return vd_storage_pool_get_busy (VD_STORAGE_POOL (object))
           ? G_MAXUINT : _vd_storage_pool_get_action_serial (VD_STORAGE_POOL (object));
}

static gboolean
still_current (RefreshData *data,
               const char  *uuid,
               gpointer     object)
{
  gpointer serial;

  if (object == NULL)
    return TRUE;
  if (!g_hash_table_lookup_extended (data->serials, uuid, NULL, &serial))
    return FALSE;
  return GPOINTER_TO_UINT (serial) != G_MAXUINT && GPOINTER_TO_UINT (serial) == serial_of (object);
}

static void
record_serials (GHashTable *serials,
                GHashTable *by_uuid)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, by_uuid);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (serials, g_strdup (key), GUINT_TO_POINTER (serial_of (value)));
}

/* A full listing did not see these objects: they are gone, unless an
 * operation on one started since the listing was queued. */
static void
remove_unseen (RefreshData    *data,
               GListStore     *store,
               GHashTable     *by_uuid,
               const ListKind *kind,
               GHashTable     *seen)
{
  GListModel *model = G_LIST_MODEL (store);

  for (guint i = g_list_model_get_n_items (model); i > 0; i--)
    {
      g_autoptr(GObject) object = g_list_model_get_item (model, i - 1);
      const char *uuid = kind->get_uuid (object);

      if (!g_hash_table_contains (seen, uuid) && still_current (data, uuid, object))
        remove_object (store, by_uuid, kind, object);
    }
}

static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  VdConnection *self = VD_CONNECTION (object);
  RefreshData *data = g_task_get_task_data (G_TASK (result));

  if (self->host == NULL)
    return;

  self->host->refresh_running = FALSE;

  /* Results read on a handle that has since been closed are stale. */
  if (self->conn != NULL && self->conn == data->conn)
    {
      g_autoptr(GHashTable) seen_networks = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GHashTable) seen_pools = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < data->network_infos->len; i++)
        {
          VdNetworkInfo *info = g_ptr_array_index (data->network_infos, i);

          g_hash_table_add (seen_networks, info->uuid);
          if (still_current (data, info->uuid,
                             g_hash_table_lookup (self->host->network_by_uuid, info->uuid)))
            _vd_connection_apply_network_info (self, info);
        }
      for (guint i = 0; i < data->pool_infos->len; i++)
        {
          VdStoragePoolInfo *info = g_ptr_array_index (data->pool_infos, i);

          g_hash_table_add (seen_pools, info->uuid);
          if (still_current (data, info->uuid,
                             g_hash_table_lookup (self->host->pool_by_uuid, info->uuid)))
            _vd_connection_apply_pool_info (self, info);
        }

      if (data->all)
        {
          remove_unseen (data, self->host->networks, self->host->network_by_uuid,
                         &network_kind, seen_networks);
          remove_unseen (data, self->host->pools, self->host->pool_by_uuid,
                         &pool_kind, seen_pools);
          self->host->loaded = TRUE;
        }
    }

  if ((self->host->pending_all || g_hash_table_size (self->host->pending_networks) > 0 ||
       g_hash_table_size (self->host->pending_pools) > 0) &&
      self->host->refresh_source == 0)
    self->host->refresh_source = g_idle_add (run_refresh, self);
}

static gboolean
run_refresh (gpointer user_data)
{
  VdConnection *self = user_data;
  VdConnectionHost *host = self->host;
  g_autoptr(GTask) task = NULL;
  RefreshData *data;
  GHashTableIter iter;
  gpointer key;
  gpointer value;

  host->refresh_source = 0;

  if (host->refresh_running || self->conn == NULL)
    return G_SOURCE_REMOVE;

  data = g_new0 (RefreshData, 1);
  virConnectRef (self->conn);
  data->conn = self->conn;
  data->all = host->pending_all;
  data->networks = g_ptr_array_new_with_free_func ((GDestroyNotify)virNetworkFree);
  data->pools = g_ptr_array_new_with_free_func ((GDestroyNotify)virStoragePoolFree);
  data->network_infos = g_ptr_array_new_with_free_func ((GDestroyNotify)_vd_network_info_free);
  data->pool_infos = g_ptr_array_new_with_free_func ((GDestroyNotify)_vd_storage_pool_info_free);
  data->serials = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  record_serials (data->serials, host->network_by_uuid);
  record_serials (data->serials, host->pool_by_uuid);
  host->pending_all = FALSE;

  /* The handles move into the worker's data. A full listing reads every
   * object anyway. */
  g_hash_table_iter_init (&iter, host->pending_networks);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (data->all)
        virNetworkFree (value);
      else
        g_ptr_array_add (data->networks, value);
      g_hash_table_iter_steal (&iter);
      g_free (key);
    }
  g_hash_table_iter_init (&iter, host->pending_pools);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (data->all)
        virStoragePoolFree (value);
      else
        g_ptr_array_add (data->pools, value);
      g_hash_table_iter_steal (&iter);
      g_free (key);
    }

  host->refresh_running = TRUE;
  /* The task holds the connection until the worker is done. */
  task = g_task_new (self, NULL, refresh_cb, NULL);
  g_task_set_source_tag (task, run_refresh);
  g_task_set_task_data (task, data, (GDestroyNotify)refresh_data_free);
  g_task_run_in_thread (task, refresh_worker);

  return G_SOURCE_REMOVE;
}

static void
schedule_refresh (VdConnection *self)
{
  if (self->host->refresh_source == 0 && !self->host->refresh_running)
    self->host->refresh_source = g_idle_add (run_refresh, self);
}

/* Queued handles wait in the pending tables until run_refresh() moves
 * them into a worker's data. */
static void
queue_network (VdConnection  *self,
               virNetworkPtr  network)
{
  char uuid[VIR_UUID_STRING_BUFLEN];

  if (virNetworkGetUUIDString (network, uuid) < 0)
    return;

  if (!g_hash_table_contains (self->host->pending_networks, uuid))
    {
      virNetworkRef (network);
      g_hash_table_insert (self->host->pending_networks, g_strdup (uuid), network);
    }
  schedule_refresh (self);
}

static void
queue_pool (VdConnection      *self,
            virStoragePoolPtr  pool)
{
  char uuid[VIR_UUID_STRING_BUFLEN];

  if (virStoragePoolGetUUIDString (pool, uuid) < 0)
    return;

  if (!g_hash_table_contains (self->host->pending_pools, uuid))
    {
      virStoragePoolRef (pool);
      g_hash_table_insert (self->host->pending_pools, g_strdup (uuid), pool);
    }
  schedule_refresh (self);
}

/* ------------------------------------------------------------------ */
/* Events (main loop)                                                  */
/* ------------------------------------------------------------------ */

static void
network_event_cb (virConnectPtr  conn,
                  virNetworkPtr  network,
                  int            event,
                  int            detail,
                  void          *opaque)
{
  g_autoptr(VdConnection) self = event_context_get (opaque);

  if (self == NULL)
    return;

  g_debug ("%s: network %s event %d", self->uri, virNetworkGetName (network), event);
  /* Whatever happened (defined, undefined, started, stopped), the re-read
   * says what the network is now, or that it is gone. */
  queue_network (self, network);
}

static void
pool_lifecycle_event_cb (virConnectPtr      conn,
                         virStoragePoolPtr  pool,
                         int                event,
                         int                detail,
                         void              *opaque)
{
  g_autoptr(VdConnection) self = event_context_get (opaque);

  if (self == NULL)
    return;

  g_debug ("%s: pool %s event %d", self->uri, virStoragePoolGetName (pool), event);
  queue_pool (self, pool);
}

static void
pool_refresh_event_cb (virConnectPtr      conn,
                       virStoragePoolPtr  pool,
                       void              *opaque)
{
  g_autoptr(VdConnection) self = event_context_get (opaque);

  if (self != NULL)
    queue_pool (self, pool);
}

/* Called from _vd_connection_register_callbacks() once a handle is open:
 * follows network and pool events and lists both in a worker. */
void
_vd_connection_register_host_callbacks (VdConnection *self)
{
  VdConnectionHost *host = self->host;

  host->network_id =
    virConnectNetworkEventRegisterAny (self->conn, NULL, VIR_NETWORK_EVENT_ID_LIFECYCLE,
                                       VIR_NETWORK_EVENT_CALLBACK (network_event_cb),
                                       event_context_new (self), event_context_free);
  host->pool_lifecycle_id =
    virConnectStoragePoolEventRegisterAny (self->conn, NULL,
                                           VIR_STORAGE_POOL_EVENT_ID_LIFECYCLE,
                                           VIR_STORAGE_POOL_EVENT_CALLBACK (pool_lifecycle_event_cb),
                                           event_context_new (self), event_context_free);
  host->pool_refresh_id =
    virConnectStoragePoolEventRegisterAny (self->conn, NULL,
                                           VIR_STORAGE_POOL_EVENT_ID_REFRESH,
                                           VIR_STORAGE_POOL_EVENT_CALLBACK (pool_refresh_event_cb),
                                           event_context_new (self), event_context_free);
  if (host->network_id < 0 || host->pool_lifecycle_id < 0)
    {
      /* Without events the lists go stale between the user's own actions,
       * which re-read what they touched. */
      g_message ("%s: network or storage events unavailable: %s", self->uri,
                 virGetLastErrorMessage ());
    }
  virResetLastError ();

  host->loaded = FALSE;
  host->pending_all = TRUE;
  schedule_refresh (self);
}

/**
 * _vd_connection_release_host:
 *
 * The handle is going away (main thread): empties the lists and hands
 * back the event registrations for _vd_connection_close_host_events(),
 * which runs where the handle is closed.
 *
 * Returns: (transfer full) (nullable): the registrations
 */
gpointer
_vd_connection_release_host (VdConnection *self)
{
  VdConnectionHost *host = self->host;
  HostEvents *events;

  if (host == NULL)
    return NULL;

  g_clear_handle_id (&host->refresh_source, g_source_remove);
  g_hash_table_remove_all (host->pending_networks);
  g_hash_table_remove_all (host->pending_pools);
  host->pending_all = FALSE;
  host->loaded = FALSE;
  clear_lists (self);

  events = g_new0 (HostEvents, 1);
  events->network_id = host->network_id;
  events->pool_lifecycle_id = host->pool_lifecycle_id;
  events->pool_refresh_id = host->pool_refresh_id;
  host->network_id = host->pool_lifecycle_id = host->pool_refresh_id = -1;

  return events;
}

/* Any thread: deregistering can be an RPC to a remote daemon. */
void
_vd_connection_close_host_events (virConnectPtr conn,
                                  gpointer      data)
{
  HostEvents *events = data;

  if (events == NULL)
    return;

  if (events->network_id >= 0)
    virConnectNetworkEventDeregisterAny (conn, events->network_id);
  if (events->pool_lifecycle_id >= 0)
    virConnectStoragePoolEventDeregisterAny (conn, events->pool_lifecycle_id);
  if (events->pool_refresh_id >= 0)
    virConnectStoragePoolEventDeregisterAny (conn, events->pool_refresh_id);
  virResetLastError ();
  g_free (events);
}

void
_vd_connection_init_host (VdConnection *self)
{
  VdConnectionHost *host = g_new0 (VdConnectionHost, 1);

  host->networks = g_list_store_new (VD_TYPE_NETWORK);
  host->pools = g_list_store_new (VD_TYPE_STORAGE_POOL);
  host->network_by_uuid = g_hash_table_new (g_str_hash, g_str_equal);
  host->pool_by_uuid = g_hash_table_new (g_str_hash, g_str_equal);
  host->pending_networks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                  (GDestroyNotify)virNetworkFree);
  host->pending_pools = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify)virStoragePoolFree);
  host->network_id = host->pool_lifecycle_id = host->pool_refresh_id = -1;

  self->host = host;
}

void
_vd_connection_finalize_host (VdConnection *self)
{
  VdConnectionHost *host = g_steal_pointer (&self->host);

  if (host == NULL)
    return;

  g_clear_handle_id (&host->refresh_source, g_source_remove);
  g_clear_object (&host->networks);
  g_clear_object (&host->pools);
  g_clear_pointer (&host->network_by_uuid, g_hash_table_unref);
  g_clear_pointer (&host->pool_by_uuid, g_hash_table_unref);
  g_clear_pointer (&host->pending_networks, g_hash_table_unref);
  g_clear_pointer (&host->pending_pools, g_hash_table_unref);
  g_free (host);
}

/* ------------------------------------------------------------------ */
/* Public lists                                                        */
/* ------------------------------------------------------------------ */

/**
 * vd_connection_get_networks:
 *
 * Returns: (transfer none): a #GListModel of #VdNetwork sorted by name,
 *   filled after the connection opens and kept current by events
 */
GListModel *
vd_connection_get_networks (VdConnection *self)
{
  g_return_val_if_fail (VD_IS_CONNECTION (self), NULL);

  return G_LIST_MODEL (self->host->networks);
}

/**
 * vd_connection_get_pools:
 *
 * Returns: (transfer none): a #GListModel of #VdStoragePool sorted by
 *   name, filled after the connection opens and kept current by events
 */
GListModel *
vd_connection_get_pools (VdConnection *self)
{
  g_return_val_if_fail (VD_IS_CONNECTION (self), NULL);

  return G_LIST_MODEL (self->host->pools);
}

/**
 * vd_connection_get_host_loaded:
 *
 * Returns: whether the network and pool lists have been filled since the
 *   connection opened
 */
gboolean
vd_connection_get_host_loaded (VdConnection *self)
{
  g_return_val_if_fail (VD_IS_CONNECTION (self), FALSE);

  return self->host->loaded;
}

/**
 * vd_connection_find_network:
 *
 * Returns: (transfer none) (nullable): the network called @name
 */
VdNetwork *
vd_connection_find_network (VdConnection *self,
                            const char   *name)
{
  GListModel *model;

  g_return_val_if_fail (VD_IS_CONNECTION (self), NULL);

  model = G_LIST_MODEL (self->host->networks);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(VdNetwork) network = g_list_model_get_item (model, i);

      if (g_strcmp0 (vd_network_get_name (network), name) == 0)
        return network;
    }

  return NULL;
}

/**
 * vd_connection_find_pool:
 *
 * Returns: (transfer none) (nullable): the storage pool called @name
 */
VdStoragePool *
vd_connection_find_pool (VdConnection *self,
                         const char   *name)
{
  GListModel *model;

  g_return_val_if_fail (VD_IS_CONNECTION (self), NULL);

  model = G_LIST_MODEL (self->host->pools);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(VdStoragePool) pool = g_list_model_get_item (model, i);

      if (g_strcmp0 (vd_storage_pool_get_name (pool), name) == 0)
        return pool;
    }

  return NULL;
}
