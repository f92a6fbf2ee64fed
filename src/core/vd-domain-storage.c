/* vd-domain-storage.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-domain"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "vd-autocleanups.h"
#include "vd-domain-storage.h"
#include "vd-error.h"
#include "vd-host-private.h"
#include "vd-xml.h"

/*
 * What deleting a guest can take with it: its disks (with the other guests
 * that use the same storage), its managed save image, snapshots and UEFI
 * variables. Read in ONE worker: the guest's inactive XML, one pass over
 * every guest's disks for the users (_vd_disk_users_collect), and a volume
 * lookup per disk for its pool and size.
 */

static void
disk_free (gpointer user_data)
{
  VdDomainDisk *disk = user_data;

  g_free (disk->target);
  g_free (disk->device);
  g_free (disk->path);
  g_free (disk->pool);
  g_free (disk->volume);
  g_strfreev (disk->other_users);
  g_free (disk);
}

/**
 * vd_domain_storage_free:
 */
void
vd_domain_storage_free (VdDomainStorage *storage)
{
  if (storage == NULL)
    return;

  g_clear_pointer (&storage->disks, g_ptr_array_unref);
  g_free (storage->nvram);
  g_free (storage);
}

/**
 * vd_domain_disk_get_delete_by_default:
 *
 * Whether the Delete dialog offers to delete @disk checked: a writable,
 * unshared hard disk that can be deleted and that no other guest uses.
 * CD-ROMs, floppies, read-only and shareable disks start unchecked.
 */
gboolean
vd_domain_disk_get_delete_by_default (const VdDomainDisk *disk)
{
  g_return_val_if_fail (disk != NULL, FALSE);

  return disk->deletable && !disk->read_only && !disk->shareable &&
         g_strcmp0 (disk->device, "disk") == 0 &&
         (disk->other_users == NULL || disk->other_users[0] == NULL);
}

/**
 * _vd_domain_storage_uri_is_local:
 *
 * Whether a connection's URI names this machine (no host part), so that a
 * disk's path is a path here too. Any thread.
 */
gboolean
_vd_domain_storage_uri_is_local (const char *uri)
{
  g_autoptr(GUri) parsed = NULL;
  const char *host;

  if (uri == NULL)
    return FALSE;

  parsed = g_uri_parse (uri, G_URI_FLAGS_NONE, NULL);
  if (parsed == NULL)
    return FALSE;

  host = g_uri_get_host (parsed);
  return host == NULL || host[0] == '\0';
}

/* ------------------------------------------------------------------ */
/* Worker                                                              */
/* ------------------------------------------------------------------ */

typedef struct
{
  virDomainPtr  handle;
  gboolean      local;
} StorageData;

static void
storage_data_free (gpointer user_data)
{
  StorageData *data = user_data;

  virDomainFree (data->handle);
  g_free (data);
}

/* Fills in pool, volume, path and capacity from libvirt's storage, when
 * the disk is a volume of a pool. Returns whether it is one. */
static gboolean
resolve_volume (virConnectPtr  conn,
                VdDomainDisk  *disk)
{
  g_autoptr(VdVirStorageVol) vol = NULL;
  virStorageVolInfo info;

  if (disk->path != NULL)
    {
      vol = virStorageVolLookupByPath (conn, disk->path);
    }
  else if (disk->pool != NULL && disk->volume != NULL)
    {
      virStoragePoolPtr pool = virStoragePoolLookupByName (conn, disk->pool);

      if (pool != NULL)
        {
          vol = virStorageVolLookupByName (pool, disk->volume);
          virStoragePoolFree (pool);
        }
    }
  virResetLastError ();

  if (vol == NULL)
    return FALSE;

  if (disk->path == NULL)
    disk->path = virStorageVolGetPath (vol);
  if (disk->pool == NULL)
    {
      virStoragePoolPtr pool = virStoragePoolLookupByVolume (vol);

      if (pool != NULL)
        {
          disk->pool = g_strdup (virStoragePoolGetName (pool));
          virStoragePoolFree (pool);
        }
      disk->volume = g_strdup (virStorageVolGetName (vol));
    }
  if (virStorageVolGetInfo (vol, &info) == 0)
    disk->capacity = info.capacity;
  virResetLastError ();

  return TRUE;
}

static VdDomainDisk *
read_disk (VdXml      *xml,
           xmlNodePtr  node)
{
  g_autofree char *type = vd_xml_node_get_string (xml, node, "@type");
  g_autofree char *file = vd_xml_node_get_string (xml, node, "source/@file");
  g_autofree char *dev = vd_xml_node_get_string (xml, node, "source/@dev");
  g_autofree char *pool = vd_xml_node_get_string (xml, node, "source/@pool");
  g_autofree char *volume = vd_xml_node_get_string (xml, node, "source/@volume");
  g_autofree char *read_only = vd_xml_node_get_string (xml, node, "name(readonly)");
  g_autofree char *shareable = vd_xml_node_get_string (xml, node, "name(shareable)");
  VdDomainDisk *disk;

  /* Network disks (no path here) and empty drives have nothing to list. */
  if (file == NULL && dev == NULL && (pool == NULL || volume == NULL))
    return NULL;

  disk = g_new0 (VdDomainDisk, 1);
  disk->target = vd_xml_node_get_string (xml, node, "target/@dev");
  disk->device = vd_xml_node_get_string (xml, node, "@device");
  if (disk->device == NULL)
    disk->device = g_strdup ("disk");
  disk->path = g_strdup (file != NULL ? file : dev);
  if (disk->path == NULL)
    {
      disk->pool = g_steal_pointer (&pool);
      disk->volume = g_steal_pointer (&volume);
    }
  disk->is_block = g_strcmp0 (type, "block") == 0 || (file == NULL && dev != NULL);
  disk->read_only = read_only != NULL && read_only[0] != '\0';
  disk->shareable = shareable != NULL && shareable[0] != '\0';

  return disk;
}

static void
storage_worker (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  StorageData *data = task_data;
  virConnectPtr conn = virDomainGetConnect (data->handle);
  const char *self_name = virDomainGetName (data->handle);
  g_autoptr(VdDomainStorage) storage = g_new0 (VdDomainStorage, 1);
  g_autoptr(GHashTable) users = NULL;
  g_autoptr(VdXml) xml = NULL;
  g_autoptr(GPtrArray) nodes = NULL;
  char *text;
  int n;

  text = virDomainGetXMLDesc (data->handle, VIR_DOMAIN_XML_INACTIVE);
  if (text == NULL)
    {
      g_task_return_new_error (task, VD_ERROR, VD_ERROR_FAILED,
                               _("Failed to read the disks of “%s”: %s"), self_name,
                               virGetLastErrorMessage ());
      virResetLastError ();
      return;
    }
  xml = vd_xml_new (text);
  free (text);
  if (xml == NULL)
    {
      g_task_return_new_error (task, VD_ERROR, VD_ERROR_FAILED,
                               _("Failed to read the disks of “%s”: %s"), self_name,
                               _("libvirt returned XML that cannot be read"));
      return;
    }

  storage->disks = g_ptr_array_new_with_free_func (disk_free);
  storage->nvram = vd_xml_get_string (xml, "/domain/os/nvram");
  if (storage->nvram == NULL)
    {
      g_autofree char *element = vd_xml_get_string (xml, "name(/domain/os/nvram)");

      /* An empty <nvram/>: libvirt names the file itself. */
      if (element != NULL)
        storage->nvram = g_strdup (_("(UEFI variables)"));
    }

  users = _vd_disk_users_collect (conn);
  nodes = vd_xml_get_nodes (xml, "/domain/devices/disk");
  for (guint i = 0; i < nodes->len; i++)
    {
      VdDomainDisk *disk = read_disk (xml, g_ptr_array_index (nodes, i));
      g_auto(GStrv) all_users = NULL;
      g_autoptr(GStrvBuilder) others = g_strv_builder_new ();
      gboolean in_pool;

      if (disk == NULL)
        continue;

      in_pool = resolve_volume (conn, disk);
      if (disk->path == NULL)
        {
          /* A volume of a pool that is not there (or not running). */
          disk->path = g_strdup_printf ("%s/%s", disk->pool, disk->volume);
        }
      else if (disk->pool == NULL && data->local && !disk->is_block)
        {
          GStatBuf st;

          /* A plain file outside every pool: its size from here. */
          if (g_stat (disk->path, &st) == 0)
            disk->capacity = st.st_size;
        }

      /* A volume of a pool that is not running cannot be deleted now. */
      disk->deletable = in_pool || (disk->pool == NULL && data->local && !disk->is_block);

      all_users = _vd_disk_users_lookup (users, disk->pool, disk->volume, disk->path);
      for (guint u = 0; all_users != NULL && all_users[u] != NULL; u++)
        if (g_strcmp0 (all_users[u], self_name) != 0)
          g_strv_builder_add (others, all_users[u]);
      disk->other_users = g_strv_builder_end (others);

      g_ptr_array_add (storage->disks, disk);
    }

  storage->has_managed_save = virDomainHasManagedSaveImage (data->handle, 0) > 0;
  n = virDomainSnapshotNum (data->handle, 0);
  storage->n_snapshots = n > 0 ? n : 0;
  virResetLastError ();

  g_task_return_pointer (task, g_steal_pointer (&storage),
                         (GDestroyNotify)vd_domain_storage_free);
}

/**
 * vd_domain_get_storage_async:
 *
 * Reads what deleting the guest can remove: its disks (each with the other
 * guests that use it, its pool and size), managed save, snapshots and
 * NVRAM. Only reads: runs while the guest is busy too.
 */
void
vd_domain_get_storage_async (VdDomain            *self,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  VdConnection *connection;
  virDomainPtr handle;
  StorageData *data;

  g_return_if_fail (VD_IS_DOMAIN (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vd_domain_get_storage_async);

  connection = vd_domain_get_connection (self);
  handle = vd_domain_get_handle (self);
  if (connection == NULL || handle == NULL)
    {
      g_task_return_new_error (task, VD_ERROR, VD_ERROR_NOT_CONNECTED,
                               _("Failed to read the disks of “%s”: %s"),
                               vd_domain_get_name (self), _("not connected"));
      return;
    }

  data = g_new0 (StorageData, 1);
  virDomainRef (handle);
  data->handle = handle;
  data->local = _vd_domain_storage_uri_is_local (vd_connection_get_uri (connection));
  g_task_set_task_data (task, data, storage_data_free);
  g_task_run_in_thread (task, storage_worker);
}

/**
 * vd_domain_get_storage_finish:
 *
 * Returns: (transfer full): what the guest has, or %NULL with @error set
 */
VdDomainStorage *
vd_domain_get_storage_finish (VdDomain      *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (VD_IS_DOMAIN (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == vd_domain_get_storage_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
