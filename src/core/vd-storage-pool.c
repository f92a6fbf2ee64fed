/* vd-storage-pool.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-storage"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vd-connection-private.h"
#include "vd-core-enums.h"
#include "vd-error.h"
#include "vd-host-private.h"
#include "vd-libvirt-task.h"
#include "vd-storage-pool.h"
#include "vd-storage-volume.h"

/*
 * One storage pool and its volumes. A worker reads the pool, its volumes
 * and (once per read, for all volumes) which guests' disks use each
 * volume (vd-storage-read.c); the result is applied here on the main
 * thread. Storage pool
 * lifecycle and refresh events (vd-connection-host.c) and each
 * operation's own re-read keep it current.
 */

struct _VdStoragePool
{
  GObject             parent_instance;

  /* Borrowed: cleared when the pool leaves the connection's list */
  VdConnection       *connection;

  /* Owned */
  virStoragePoolPtr   handle;
  GListStore         *volumes;
  char                uuid[VIR_UUID_STRING_BUFLEN];
  char               *name;
  char               *last_error;
  char               *pool_type;
  char               *target_path;
  VdStoragePoolState  state;
  guint64             capacity;
  guint64             allocation;
  guint64             available;
  guint               busy;
  guint               serial;      /* counts operations started */
  guint               active : 1;
  guint               autostart : 1;
  guint               persistent : 1;
};

G_DEFINE_FINAL_TYPE (VdStoragePool, vd_storage_pool, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_UUID,
  PROP_ACTIVE,
  PROP_AUTOSTART,
  PROP_PERSISTENT,
  PROP_BUSY,
  PROP_LAST_ERROR,
  PROP_POOL_TYPE,
  PROP_STATE,
  PROP_CAPACITY,
  PROP_ALLOCATION,
  PROP_AVAILABLE,
  PROP_TARGET_PATH,
  N_PROPS
};

enum {
  VOLUMES_UPDATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------ */
/* Applying (main thread)                                              */
/* ------------------------------------------------------------------ */

static void
notify (VdStoragePool *self,
        guint          prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_uint64 (VdStoragePool *self,
            guint64       *field,
            guint64        value,
            guint          prop)
{
  if (*field == value)
    return;
  *field = value;
  notify (self, prop);
}

static void
set_bit (VdStoragePool *self,
         guint          prop,
         gboolean       value)
{
  gboolean old;

  value = !!value;
  switch (prop)
    {
    case PROP_ACTIVE:
      old = self->active;
      self->active = value;
      break;
    case PROP_AUTOSTART:
      old = self->autostart;
      self->autostart = value;
      break;
    case PROP_PERSISTENT:
      old = self->persistent;
      self->persistent = value;
      break;
    default:
      g_assert_not_reached ();
    }

  if (old != value)
    notify (self, prop);
}

static VdStoragePoolState
state_from_libvirt (int state)
{
  switch (state)
    {
    case VIR_STORAGE_POOL_BUILDING:
      return VD_STORAGE_POOL_STATE_BUILDING;
    case VIR_STORAGE_POOL_RUNNING:
      return VD_STORAGE_POOL_STATE_RUNNING;
    case VIR_STORAGE_POOL_DEGRADED:
      return VD_STORAGE_POOL_STATE_DEGRADED;
    case VIR_STORAGE_POOL_INACCESSIBLE:
      return VD_STORAGE_POOL_STATE_INACCESSIBLE;
    case VIR_STORAGE_POOL_INACTIVE:
    default:
      return VD_STORAGE_POOL_STATE_INACTIVE;
    }
}

static void
apply_volumes (VdStoragePool *self,
               GPtrArray     *infos)
{
  GListModel *model = G_LIST_MODEL (self->volumes);
  g_autoptr(GHashTable) existing = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) next = g_ptr_array_new_with_free_func (g_object_unref);
  guint n = g_list_model_get_n_items (model);
  gboolean same_order = n == infos->len;

  for (guint i = 0; i < n; i++)
    {
      VdStorageVolume *volume = g_list_model_get_item (model, i);

      g_hash_table_insert (existing, (gpointer)vd_storage_volume_get_name (volume), volume);
    }

  /* Volumes keep their identity (a delete in flight holds one) and are
   * updated in place; the list is replaced only when its membership or
   * order changed. */
  for (guint i = 0; i < infos->len; i++)
    {
      const VdStorageVolumeInfo *info = g_ptr_array_index (infos, i);
      VdStorageVolume *volume = g_hash_table_lookup (existing, info->name);

      if (volume != NULL)
        {
          g_hash_table_steal (existing, info->name);
          _vd_storage_volume_apply_info (volume, info);
        }
      else
        {
          volume = _vd_storage_volume_new (self, info);
        }

      if (same_order)
        {
          g_autoptr(VdStorageVolume) current = g_list_model_get_item (model, i);
          same_order = current == volume;
        }
      g_ptr_array_add (next, volume);
    }

  if (!same_order || g_hash_table_size (existing) > 0)
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, existing);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          _vd_storage_volume_detach (value);
          g_object_unref (value);
        }
      g_list_store_splice (self->volumes, 0, n, next->pdata, next->len);
    }

  g_signal_emit (self, signals[VOLUMES_UPDATED], 0);
}

void
_vd_storage_pool_apply_info (VdStoragePool           *self,
                             const VdStoragePoolInfo *info)
{
  g_return_if_fail (VD_IS_STORAGE_POOL (self));

  g_object_freeze_notify (G_OBJECT (self));

  if (info->handle != NULL && info->handle != self->handle)
    {
      virStoragePoolRef (info->handle);
      if (self->handle != NULL)
        virStoragePoolFree (self->handle);
      self->handle = info->handle;
    }

  if (_vd_host_set_string (&self->name, info->name))
    notify (self, PROP_NAME);
  set_bit (self, PROP_ACTIVE, info->active);
  set_bit (self, PROP_AUTOSTART, info->autostart);
  set_bit (self, PROP_PERSISTENT, info->persistent);
  if (_vd_host_set_string (&self->pool_type, info->pool_type))
    notify (self, PROP_POOL_TYPE);
  if (self->state != state_from_libvirt (info->state))
    {
      self->state = state_from_libvirt (info->state);
      notify (self, PROP_STATE);
    }
  set_uint64 (self, &self->capacity, info->capacity, PROP_CAPACITY);
  set_uint64 (self, &self->allocation, info->allocation, PROP_ALLOCATION);
  set_uint64 (self, &self->available, info->available, PROP_AVAILABLE);
  if (_vd_host_set_string (&self->target_path, info->target_path))
    notify (self, PROP_TARGET_PATH);

  apply_volumes (self, info->volumes);

  g_object_thaw_notify (G_OBJECT (self));
}

VdStoragePool *
_vd_storage_pool_new (VdConnection            *connection,
                      const VdStoragePoolInfo *info)
{
  VdStoragePool *self = g_object_new (VD_TYPE_STORAGE_POOL, NULL);

  self->connection = connection;
  g_strlcpy (self->uuid, info->uuid, sizeof self->uuid);
  _vd_storage_pool_apply_info (self, info);

  return self;
}

void
_vd_storage_pool_detach (VdStoragePool *self)
{
  GListModel *model;

  g_return_if_fail (VD_IS_STORAGE_POOL (self));

  self->connection = NULL;
  model = G_LIST_MODEL (self->volumes);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(VdStorageVolume) volume = g_list_model_get_item (model, i);
      _vd_storage_volume_detach (volume);
    }
}

virStoragePoolPtr
_vd_storage_pool_get_handle (VdStoragePool *self)
{
  g_return_val_if_fail (VD_IS_STORAGE_POOL (self), NULL);

  return self->connection != NULL ? self->handle : NULL;
}

guint
_vd_storage_pool_get_action_serial (VdStoragePool *self)
{
  return self->serial;
}

static void
begin_busy (gpointer object)
{
  VdStoragePool *self = object;

  self->serial++;
  if (self->busy++ == 0)
    notify (self, PROP_BUSY);
}

static void
end_busy (gpointer    object,
          const char *error_message)
{
  VdStoragePool *self = object;

  g_return_if_fail (self->busy > 0);

  if (_vd_host_set_string (&self->last_error, error_message))
    notify (self, PROP_LAST_ERROR);
  if (--self->busy == 0)
    notify (self, PROP_BUSY);
}

/* ------------------------------------------------------------------ */
/* Operations                                                          */
/* ------------------------------------------------------------------ */

typedef enum
{
  ACTION_START,
  ACTION_STOP,
  ACTION_REFRESH,
  ACTION_DELETE,
  ACTION_AUTOSTART,
  ACTION_CREATE_VOLUME,
} ActionKind;

typedef struct
{
  ActionKind          kind;
  virStoragePoolPtr   handle;
  char               *name;
  gboolean            flag;
  guint               delete_flags;
  char               *volume_name;    /* ACTION_CREATE_VOLUME */
  char               *volume_xml;
  guint               create_flags;
  VdStoragePoolInfo  *after;
} ActionData;

static void
action_data_free (gpointer user_data)
{
  ActionData *data = user_data;

  if (data->handle != NULL)
    virStoragePoolFree (data->handle);
  g_free (data->name);
  g_free (data->volume_name);
  g_free (data->volume_xml);
  g_clear_pointer (&data->after, _vd_storage_pool_info_free);
  g_free (data);
}

/* translators: followed by libvirt's explanation, e.g.
 * Failed to start the storage pool “default”: storage pool is already active */
static char *
failure_message (gpointer    user_data,
                 const char *detail)
{
  ActionData *data = user_data;
  const char *name = data->name;

  switch (data->kind)
    {
    case ACTION_START:
      return g_strdup_printf (_("Failed to start the storage pool “%s”: %s"), name, detail);
    case ACTION_STOP:
      return g_strdup_printf (_("Failed to stop the storage pool “%s”: %s"), name, detail);
    case ACTION_REFRESH:
      return g_strdup_printf (_("Failed to refresh the storage pool “%s”: %s"), name, detail);
    case ACTION_DELETE:
      return g_strdup_printf (_("Failed to delete the storage pool “%s”: %s"), name, detail);
    case ACTION_AUTOSTART:
      return g_strdup_printf (_("Failed to change autostart of the storage pool “%s”: %s"),
                              name, detail);
    case ACTION_CREATE_VOLUME:
      return g_strdup_printf (_("Failed to create the volume “%s” in the pool “%s”: %s"),
                              data->volume_name, name, detail);
    default:
      g_assert_not_reached ();
    }
}

static int
run_action (ActionData *data)
{
  switch (data->kind)
    {
    case ACTION_START:
      return virStoragePoolCreate (data->handle, 0);
    case ACTION_STOP:
      return virStoragePoolDestroy (data->handle);
    case ACTION_REFRESH:
      return virStoragePoolRefresh (data->handle, 0);
    case ACTION_DELETE:
      {
        int active = virStoragePoolIsActive (data->handle);

        if (active < 0 || (active == 1 && virStoragePoolDestroy (data->handle) < 0))
          return -1;
        /* Removing the storage needs the pool stopped and still defined;
         * when it fails the definition stays, so nothing is lost that the
         * user did not lose already. */
        if ((data->delete_flags & VD_STORAGE_POOL_DELETE_UNDERLYING) &&
            virStoragePoolDelete (data->handle, 0) < 0)
          return -1;
        if (virStoragePoolIsPersistent (data->handle) == 1)
          return virStoragePoolUndefine (data->handle);
        return 0;
      }
    case ACTION_AUTOSTART:
      return virStoragePoolSetAutostart (data->handle, data->flag ? 1 : 0);
    case ACTION_CREATE_VOLUME:
      {
        virStorageVolPtr volume = virStorageVolCreateXML (data->handle, data->volume_xml,
                                                          data->create_flags);

        if (volume == NULL)
          return -1;
        virStorageVolFree (volume);
        return 0;
      }
    default:
      g_assert_not_reached ();
    }
}

static gboolean
action_worker (gpointer   user_data,
               GError   **error)
{
  ActionData *data = user_data;
  g_autoptr(GHashTable) users = NULL;
  gboolean ok = run_action (data) >= 0;

  if (!ok)
    vd_libvirt_task_set_failure (error, failure_message, data);

  /* Re-read, success or not (one pass over the guests for the users). */
  users = _vd_disk_users_collect (virStoragePoolGetConnect (data->handle));
  data->after = _vd_storage_pool_info_new_from_handle (data->handle, users);

  return ok;
}

/* The rest runs on the main thread, called by vd_libvirt_task_run(). */

static gboolean
is_connected (gpointer object)
{
  VdStoragePool *self = object;

  return self->connection != NULL && self->handle != NULL;
}

static gboolean
get_busy (gpointer object)
{
  VdStoragePool *self = object;

  return self->busy > 0;
}

static void
apply_result (gpointer object,
              gpointer user_data)
{
  VdStoragePool *self = object;
  ActionData *data = user_data;

  if (data->after != NULL && self->connection != NULL)
    _vd_connection_apply_pool_info (self->connection, data->after);
}

static const VdLibvirtTaskOps action_ops = {
  .log_domain = G_LOG_DOMAIN,
  .not_connected = N_("the pool is no longer on an open connection"),
  .busy = N_("another operation on this pool is still running"),
  .worker = action_worker,
  .free_data = action_data_free,
  .failure_message = failure_message,
  .is_connected = is_connected,
  .get_busy = get_busy,
  .begin_busy = begin_busy,
  .end_busy = end_busy,
  .apply = apply_result,
};

static void
start_action (VdStoragePool       *self,
              ActionData          *data,
              gpointer             source_tag,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  data->name = g_strdup (self->name);
  if (self->handle != NULL)
    {
      virStoragePoolRef (self->handle);
      data->handle = self->handle;
    }

  vd_libvirt_task_run (self, &action_ops, VD_LIBVIRT_TASK_DEFAULT, data, source_tag,
                       cancellable, callback, user_data);
}

static gboolean
finish_action (VdStoragePool  *self,
               GAsyncResult   *result,
               gpointer        source_tag,
               GError        **error)
{
  g_return_val_if_fail (VD_IS_STORAGE_POOL (self), FALSE);

  return vd_libvirt_task_finish (self, result, source_tag, error);
}

static ActionData *
action_data_new (ActionKind kind)
{
  ActionData *data = g_new0 (ActionData, 1);

  data->kind = kind;

  return data;
}

#define DEFINE_SIMPLE_ACTION(name, KIND)                                          \
  void                                                                            \
  vd_storage_pool_##name##_async (VdStoragePool       *self,                      \
                                  GCancellable        *cancellable,               \
                                  GAsyncReadyCallback  callback,                  \
                                  gpointer             user_data)                 \
  {                                                                               \
    g_return_if_fail (VD_IS_STORAGE_POOL (self));                                 \
    g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));            \
                                                                                  \
    start_action (self, action_data_new (KIND), vd_storage_pool_##name##_async,   \
                  cancellable, callback, user_data);                              \
  }                                                                               \
                                                                                  \
  gboolean                                                                        \
  vd_storage_pool_##name##_finish (VdStoragePool  *self,                          \
                                   GAsyncResult   *result,                        \
                                   GError        **error)                         \
  {                                                                               \
    return finish_action (self, result, vd_storage_pool_##name##_async, error);   \
  }

/**
 * vd_storage_pool_start_async:
 *
 * Starts the pool (virStoragePoolCreate): mounts, activates the volume
 * group, logs in to the target, as its type needs.
 */
DEFINE_SIMPLE_ACTION (start, ACTION_START)
/**
 * vd_storage_pool_stop_async:
 *
 * Stops the pool (virStoragePoolDestroy). Its data stays where it is.
 */
DEFINE_SIMPLE_ACTION (stop, ACTION_STOP)
/**
 * vd_storage_pool_refresh_async:
 *
 * Asks libvirt to rescan the pool's volumes, then re-reads them.
 */
DEFINE_SIMPLE_ACTION (refresh, ACTION_REFRESH)

/**
 * vd_storage_pool_delete_async:
 * @flags: whether to remove the underlying storage too
 *
 * Stops the pool when it runs and undefines it. With
 * %VD_STORAGE_POOL_DELETE_UNDERLYING the storage itself is removed first
 * (virStoragePoolDelete); if that fails the pool stays defined.
 */
void
vd_storage_pool_delete_async (VdStoragePool            *self,
                              VdStoragePoolDeleteFlags  flags,
                              GCancellable             *cancellable,
                              GAsyncReadyCallback       callback,
                              gpointer                  user_data)
{
  ActionData *data;

  g_return_if_fail (VD_IS_STORAGE_POOL (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = action_data_new (ACTION_DELETE);
  data->delete_flags = flags;
  start_action (self, data, vd_storage_pool_delete_async, cancellable, callback, user_data);
}

gboolean
vd_storage_pool_delete_finish (VdStoragePool  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  return finish_action (self, result, vd_storage_pool_delete_async, error);
}

/**
 * vd_storage_pool_set_autostart_async:
 *
 * Whether libvirt starts the pool when it starts.
 */
void
vd_storage_pool_set_autostart_async (VdStoragePool       *self,
                                     gboolean             autostart,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  ActionData *data;

  g_return_if_fail (VD_IS_STORAGE_POOL (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = action_data_new (ACTION_AUTOSTART);
  data->flag = !!autostart;
  start_action (self, data, vd_storage_pool_set_autostart_async, cancellable, callback,
                user_data);
}

gboolean
vd_storage_pool_set_autostart_finish (VdStoragePool  *self,
                                      GAsyncResult   *result,
                                      GError        **error)
{
  return finish_action (self, result, vd_storage_pool_set_autostart_async, error);
}

/* vd_storage_pool_create_volume_async() (vd-volume-spec.c), once its spec
 * is valid: virStorageVolCreateXML() as one of the pool's operations, so
 * the re-read after it lists the new volume. */
void
_vd_storage_pool_run_create_volume (VdStoragePool       *self,
                                    const char          *volume_name,
                                    const char          *xml,
                                    guint                flags,
                                    gpointer             source_tag,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  ActionData *data = action_data_new (ACTION_CREATE_VOLUME);

  data->volume_name = g_strdup (volume_name);
  data->volume_xml = g_strdup (xml);
  data->create_flags = flags;
  start_action (self, data, source_tag, cancellable, callback, user_data);
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */
/* ------------------------------------------------------------------ */

static void
vd_storage_pool_dispose (GObject *object)
{
  VdStoragePool *self = (VdStoragePool *)object;

  if (self->volumes != NULL)
    {
      _vd_storage_pool_detach (self);
      g_list_store_remove_all (self->volumes);
    }

  G_OBJECT_CLASS (vd_storage_pool_parent_class)->dispose (object);
}

static void
vd_storage_pool_finalize (GObject *object)
{
  VdStoragePool *self = (VdStoragePool *)object;

  if (self->handle != NULL)
    virStoragePoolFree (self->handle);
  g_clear_object (&self->volumes);
  g_free (self->name);
  g_free (self->last_error);
  g_free (self->pool_type);
  g_free (self->target_path);

  G_OBJECT_CLASS (vd_storage_pool_parent_class)->finalize (object);
}

static void
vd_storage_pool_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  VdStoragePool *self = VD_STORAGE_POOL (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;
    case PROP_AUTOSTART:
      g_value_set_boolean (value, self->autostart);
      break;
    case PROP_PERSISTENT:
      g_value_set_boolean (value, self->persistent);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy > 0);
      break;
    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;
    case PROP_POOL_TYPE:
      g_value_set_string (value, self->pool_type);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_CAPACITY:
      g_value_set_uint64 (value, self->capacity);
      break;
    case PROP_ALLOCATION:
      g_value_set_uint64 (value, self->allocation);
      break;
    case PROP_AVAILABLE:
      g_value_set_uint64 (value, self->available);
      break;
    case PROP_TARGET_PATH:
      g_value_set_string (value, self->target_path);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vd_storage_pool_class_init (VdStoragePoolClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags RO = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->dispose = vd_storage_pool_dispose;
  object_class->finalize = vd_storage_pool_finalize;
  object_class->get_property = vd_storage_pool_get_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, RO);
  properties[PROP_UUID] = g_param_spec_string ("uuid", NULL, NULL, NULL, RO);
  properties[PROP_ACTIVE] = g_param_spec_boolean ("active", NULL, NULL, FALSE, RO);
  properties[PROP_AUTOSTART] = g_param_spec_boolean ("autostart", NULL, NULL, FALSE, RO);
  properties[PROP_PERSISTENT] = g_param_spec_boolean ("persistent", NULL, NULL, FALSE, RO);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, RO);
  properties[PROP_LAST_ERROR] = g_param_spec_string ("last-error", NULL, NULL, NULL, RO);
  /**
   * VdStoragePool:pool-type:
   *
   * libvirt's pool type: "dir", "fs", "netfs", "logical", "disk", "iscsi", ...
   */
  properties[PROP_POOL_TYPE] = g_param_spec_string ("pool-type", NULL, NULL, NULL, RO);
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, VD_TYPE_STORAGE_POOL_STATE,
                       VD_STORAGE_POOL_STATE_INACTIVE, RO);
  properties[PROP_CAPACITY] = g_param_spec_uint64 ("capacity", NULL, NULL, 0, G_MAXUINT64, 0, RO);
  properties[PROP_ALLOCATION] =
    g_param_spec_uint64 ("allocation", NULL, NULL, 0, G_MAXUINT64, 0, RO);
  properties[PROP_AVAILABLE] =
    g_param_spec_uint64 ("available", NULL, NULL, 0, G_MAXUINT64, 0, RO);
  properties[PROP_TARGET_PATH] = g_param_spec_string ("target-path", NULL, NULL, NULL, RO);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VdStoragePool::volumes-updated:
   * @self: the pool
   *
   * Emitted after each re-read of the volumes, whether or not the list's
   * membership changed (sizes and users may have).
   */
  signals[VOLUMES_UPDATED] =
    g_signal_new ("volumes-updated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
vd_storage_pool_init (VdStoragePool *self)
{
  self->volumes = g_list_store_new (VD_TYPE_STORAGE_VOLUME);
}

/* ------------------------------------------------------------------ */
/* Getters                                                             */
/* ------------------------------------------------------------------ */

/**
 * vd_storage_pool_get_connection:
 *
 * Returns: (transfer none) (nullable): the connection, %NULL once the pool
 *   is no longer listed
 */
VdConnection *
vd_storage_pool_get_connection (VdStoragePool *self)
{
  g_return_val_if_fail (VD_IS_STORAGE_POOL (self), NULL);
  return self->connection;
}

/**
 * vd_storage_pool_get_volumes:
 *
 * Returns: (transfer none): a #GListModel of #VdStorageVolume, sorted by name
 */
GListModel *
vd_storage_pool_get_volumes (VdStoragePool *self)
{
  g_return_val_if_fail (VD_IS_STORAGE_POOL (self), NULL);
  return G_LIST_MODEL (self->volumes);
}

/**
 * vd_storage_pool_find_volume:
 *
 * Returns: (transfer none) (nullable): the volume called @name
 */
VdStorageVolume *
vd_storage_pool_find_volume (VdStoragePool *self,
                             const char    *name)
{
  GListModel *model;

  g_return_val_if_fail (VD_IS_STORAGE_POOL (self), NULL);

  model = G_LIST_MODEL (self->volumes);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(VdStorageVolume) volume = g_list_model_get_item (model, i);

      if (g_strcmp0 (vd_storage_volume_get_name (volume), name) == 0)
        return volume;
    }

  return NULL;
}

/**
 * vd_storage_pool_get_can_delete_underlying:
 *
 * Returns: whether libvirt can remove this type of pool's storage itself
 *   (virStoragePoolDelete): an empty directory or mount point, a volume
 *   group, a ZFS pool
 */
gboolean
vd_storage_pool_get_can_delete_underlying (VdStoragePool *self)
{
  static const char * const types[] = { "dir", "fs", "netfs", "logical", "zfs", NULL };

  g_return_val_if_fail (VD_IS_STORAGE_POOL (self), FALSE);

  return self->pool_type != NULL && g_strv_contains (types, self->pool_type);
}

#define DEFINE_GETTER(type, name, expr, fallback)       \
  type                                                  \
  vd_storage_pool_get_##name (VdStoragePool *self)      \
  {                                                     \
    g_return_val_if_fail (VD_IS_STORAGE_POOL (self), fallback); \
    return expr;                                        \
  }

DEFINE_GETTER (const char *, name, self->name, NULL)
DEFINE_GETTER (const char *, uuid, self->uuid, NULL)
DEFINE_GETTER (gboolean, active, self->active, FALSE)
DEFINE_GETTER (gboolean, autostart, self->autostart, FALSE)
DEFINE_GETTER (gboolean, persistent, self->persistent, FALSE)
DEFINE_GETTER (gboolean, busy, self->busy > 0, FALSE)
DEFINE_GETTER (const char *, last_error, self->last_error, NULL)
DEFINE_GETTER (const char *, pool_type, self->pool_type, NULL)
DEFINE_GETTER (VdStoragePoolState, state, self->state, VD_STORAGE_POOL_STATE_INACTIVE)
DEFINE_GETTER (guint64, capacity, self->capacity, 0)
DEFINE_GETTER (guint64, allocation, self->allocation, 0)
DEFINE_GETTER (guint64, available, self->available, 0)
DEFINE_GETTER (const char *, target_path, self->target_path, NULL)
