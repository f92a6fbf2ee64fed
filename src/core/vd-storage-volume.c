/* vd-storage-volume.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-storage"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-connection-private.h"
#include "vd-error.h"
#include "vd-host-private.h"
#include "vd-libvirt-task.h"
#include "vd-storage-volume.h"

/*
 * One volume of a pool. Its fields come with the pool's re-read (the pool
 * owns the list); the only operation here is delete, after which the pool
 * is read again.
 */

struct _VdStorageVolume
{
  GObject         parent_instance;

  /* Borrowed: cleared when the volume leaves its pool's list */
  VdStoragePool  *pool;

  /* Owned */
  char           *name;
  char           *key;
  char           *path;
  char           *format;
  GStrv           used_by;
  char           *last_error;
  guint64         capacity;
  guint64         allocation;
  guint           busy;
};

G_DEFINE_FINAL_TYPE (VdStorageVolume, vd_storage_volume, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_KEY,
  PROP_PATH,
  PROP_FORMAT,
  PROP_CAPACITY,
  PROP_ALLOCATION,
  PROP_USED_BY,
  PROP_BUSY,
  PROP_LAST_ERROR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
notify (VdStorageVolume *self,
        guint            prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

void
_vd_storage_volume_apply_info (VdStorageVolume           *self,
                               const VdStorageVolumeInfo *info)
{
  g_return_if_fail (VD_IS_STORAGE_VOLUME (self));

  g_object_freeze_notify (G_OBJECT (self));
  if (_vd_host_set_string (&self->name, info->name))
    notify (self, PROP_NAME);
  if (_vd_host_set_string (&self->key, info->key))
    notify (self, PROP_KEY);
  if (_vd_host_set_string (&self->path, info->path))
    notify (self, PROP_PATH);
  if (_vd_host_set_string (&self->format, info->format))
    notify (self, PROP_FORMAT);
  if (self->capacity != info->capacity)
    {
      self->capacity = info->capacity;
      notify (self, PROP_CAPACITY);
    }
  if (self->allocation != info->allocation)
    {
      self->allocation = info->allocation;
      notify (self, PROP_ALLOCATION);
    }
  if (_vd_host_set_strv (&self->used_by, (const char * const *)info->used_by))
    notify (self, PROP_USED_BY);
  g_object_thaw_notify (G_OBJECT (self));
}

VdStorageVolume *
_vd_storage_volume_new (VdStoragePool             *pool,
                        const VdStorageVolumeInfo *info)
{
  VdStorageVolume *self = g_object_new (VD_TYPE_STORAGE_VOLUME, NULL);

  self->pool = pool;
  _vd_storage_volume_apply_info (self, info);

  return self;
}

void
_vd_storage_volume_detach (VdStorageVolume *self)
{
  g_return_if_fail (VD_IS_STORAGE_VOLUME (self));

  self->pool = NULL;
}

/* For the operations of vd-storage-volume-ops.c, which run their own
 * tasks (they report progress and can be cancelled) but share the
 * volume's busy state and last error with delete. */
guint
_vd_storage_volume_get_busy_count (VdStorageVolume *self)
{
  return self->busy;
}

void
_vd_storage_volume_begin_busy (VdStorageVolume *self)
{
  self->busy++;
  notify (self, PROP_BUSY);
}

void
_vd_storage_volume_end_busy (VdStorageVolume *self,
                             const char      *error_message)
{
  g_return_if_fail (self->busy > 0);

  if (_vd_host_set_string (&self->last_error, error_message))
    notify (self, PROP_LAST_ERROR);
  self->busy--;
  notify (self, PROP_BUSY);
}

/* ------------------------------------------------------------------ */
/* Delete                                                              */
/* ------------------------------------------------------------------ */

typedef struct
{
  virStoragePoolPtr   pool;
  char               *name;
  char               *pool_name;
  VdStoragePoolInfo  *after;
} DeleteData;

static void
delete_data_free (gpointer user_data)
{
  DeleteData *data = user_data;

  if (data->pool != NULL)
    virStoragePoolFree (data->pool);
  g_free (data->name);
  g_free (data->pool_name);
  g_clear_pointer (&data->after, _vd_storage_pool_info_free);
  g_free (data);
}

/* The volume could not be reached, or is being deleted already. */
static char *
refused_message (gpointer    user_data,
                 const char *detail)
{
  DeleteData *data = user_data;

  return g_strdup_printf (_("Failed to delete the volume “%s”: %s"), data->name, detail);
}

static char *
failure_message (gpointer    user_data,
                 const char *detail)
{
  DeleteData *data = user_data;

  /* translators: volume, pool, libvirt's message */
  return g_strdup_printf (_("Failed to delete the volume “%s” of “%s”: %s"),
                          data->name, data->pool_name, detail);
}

static gboolean
delete_worker (gpointer   user_data,
               GError   **error)
{
  DeleteData *data = user_data;
  g_autoptr(GHashTable) users = NULL;
  virStorageVolPtr vol;
  gboolean ok;

  /* Looked up by name in its pool now, not by a handle from the last
   * listing: a volume re-created since has a new key but the same name,
   * and that is what the user saw and chose. */
  vol = virStorageVolLookupByName (data->pool, data->name);
  ok = vol != NULL && virStorageVolDelete (vol, 0) >= 0;
  if (!ok)
    vd_libvirt_task_set_failure (error, failure_message, data);
  if (vol != NULL)
    virStorageVolFree (vol);

  users = _vd_disk_users_collect (virStoragePoolGetConnect (data->pool));
  data->after = _vd_storage_pool_info_new_from_handle (data->pool, users);

  return ok;
}

/* The rest runs on the main thread, called by vd_libvirt_task_run(). */

static gboolean
is_connected (gpointer object)
{
  VdStorageVolume *self = object;

  return self->pool != NULL && _vd_storage_pool_get_handle (self->pool) != NULL;
}

static gboolean
get_busy (gpointer object)
{
  VdStorageVolume *self = object;

  return self->busy > 0;
}

static void
begin_busy (gpointer object)
{
  VdStorageVolume *self = object;

  self->busy++;
  notify (self, PROP_BUSY);
}

static void
end_busy (gpointer    object,
          const char *error_message)
{
  VdStorageVolume *self = object;

  if (_vd_host_set_string (&self->last_error, error_message))
    notify (self, PROP_LAST_ERROR);
  self->busy--;
  notify (self, PROP_BUSY);
}

static void
apply_result (gpointer object,
              gpointer user_data)
{
  VdStorageVolume *self = object;
  DeleteData *data = user_data;
  VdStoragePool *pool = self->pool;

  if (pool != NULL && vd_storage_pool_get_connection (pool) != NULL && data->after != NULL)
    _vd_connection_apply_pool_info (vd_storage_pool_get_connection (pool), data->after);
}

static const VdLibvirtTaskOps delete_ops = {
  .log_domain = NULL,
  .not_connected = N_("the volume is no longer listed"),
  .busy = N_("it is already being deleted"),
  .worker = delete_worker,
  .free_data = delete_data_free,
  .failure_message = refused_message,
  .is_connected = is_connected,
  .get_busy = get_busy,
  .begin_busy = begin_busy,
  .end_busy = end_busy,
  .apply = apply_result,
};

/**
 * vd_storage_volume_delete_async:
 *
 * Deletes the volume and its data (virStorageVolDelete), then re-reads the
 * pool. Callers ask the user first, naming the guests in
 * #VdStorageVolume:used-by.
 */
void
vd_storage_volume_delete_async (VdStorageVolume     *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  virStoragePoolPtr handle;
  DeleteData *data;

  g_return_if_fail (VD_IS_STORAGE_VOLUME (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = g_new0 (DeleteData, 1);
  data->name = g_strdup (self->name);
  handle = self->pool != NULL ? _vd_storage_pool_get_handle (self->pool) : NULL;
  if (handle != NULL)
    {
      virStoragePoolRef (handle);
      data->pool = handle;
      data->pool_name = g_strdup (vd_storage_pool_get_name (self->pool));
    }

  vd_libvirt_task_run (self, &delete_ops, VD_LIBVIRT_TASK_DEFAULT, data,
                       vd_storage_volume_delete_async, cancellable, callback, user_data);
}

gboolean
vd_storage_volume_delete_finish (VdStorageVolume  *self,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  g_return_val_if_fail (VD_IS_STORAGE_VOLUME (self), FALSE);

  return vd_libvirt_task_finish (self, result, vd_storage_volume_delete_async, error);
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */
/* ------------------------------------------------------------------ */

static void
vd_storage_volume_finalize (GObject *object)
{
  VdStorageVolume *self = (VdStorageVolume *)object;

  g_free (self->name);
  g_free (self->key);
  g_free (self->path);
  g_free (self->format);
  g_strfreev (self->used_by);
  g_free (self->last_error);

  G_OBJECT_CLASS (vd_storage_volume_parent_class)->finalize (object);
}

static void
vd_storage_volume_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  VdStorageVolume *self = VD_STORAGE_VOLUME (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_KEY:
      g_value_set_string (value, self->key);
      break;
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_FORMAT:
      g_value_set_string (value, self->format);
      break;
    case PROP_CAPACITY:
      g_value_set_uint64 (value, self->capacity);
      break;
    case PROP_ALLOCATION:
      g_value_set_uint64 (value, self->allocation);
      break;
    case PROP_USED_BY:
      g_value_set_boxed (value, self->used_by);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy > 0);
      break;
    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vd_storage_volume_class_init (VdStorageVolumeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags RO = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = vd_storage_volume_finalize;
  object_class->get_property = vd_storage_volume_get_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, RO);
  properties[PROP_KEY] = g_param_spec_string ("key", NULL, NULL, NULL, RO);
  properties[PROP_PATH] = g_param_spec_string ("path", NULL, NULL, NULL, RO);
  properties[PROP_FORMAT] = g_param_spec_string ("format", NULL, NULL, NULL, RO);
  properties[PROP_CAPACITY] = g_param_spec_uint64 ("capacity", NULL, NULL, 0, G_MAXUINT64, 0, RO);
  properties[PROP_ALLOCATION] =
    g_param_spec_uint64 ("allocation", NULL, NULL, 0, G_MAXUINT64, 0, RO);
  /**
   * VdStorageVolume:used-by:
   *
   * Names of the guests whose disks use this volume (by path, or by pool
   * and volume name), sorted.
   */
  properties[PROP_USED_BY] = g_param_spec_boxed ("used-by", NULL, NULL, G_TYPE_STRV, RO);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, RO);
  properties[PROP_LAST_ERROR] = g_param_spec_string ("last-error", NULL, NULL, NULL, RO);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vd_storage_volume_init (VdStorageVolume *self)
{
}

/**
 * vd_storage_volume_get_pool:
 *
 * Returns: (transfer none) (nullable): the pool, %NULL once the volume is
 *   no longer listed
 */
VdStoragePool *
vd_storage_volume_get_pool (VdStorageVolume *self)
{
  g_return_val_if_fail (VD_IS_STORAGE_VOLUME (self), NULL);
  return self->pool;
}

#define DEFINE_GETTER(type, name, expr, fallback)         \
  type                                                    \
  vd_storage_volume_get_##name (VdStorageVolume *self)    \
  {                                                       \
    g_return_val_if_fail (VD_IS_STORAGE_VOLUME (self), fallback); \
    return expr;                                          \
  }

DEFINE_GETTER (const char *, name, self->name, NULL)
DEFINE_GETTER (const char *, key, self->key, NULL)
DEFINE_GETTER (const char *, path, self->path, NULL)
DEFINE_GETTER (const char *, format, self->format, NULL)
DEFINE_GETTER (guint64, capacity, self->capacity, 0)
DEFINE_GETTER (guint64, allocation, self->allocation, 0)
DEFINE_GETTER (const char * const *, used_by, (const char * const *)self->used_by, NULL)
DEFINE_GETTER (gboolean, busy, self->busy > 0, FALSE)
DEFINE_GETTER (const char *, last_error, self->last_error, NULL)
