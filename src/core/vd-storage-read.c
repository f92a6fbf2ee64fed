/* vd-storage-read.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-storage"

#include "config.h"

#include <string.h>

#include "vd-host-private.h"
#include "vd-xml.h"

/*
 * Reading storage in workers: a pool with its volumes (VdStoragePoolInfo)
 * and, once per read, which guests' disks use which volume. Nothing here
 * touches the objects or the main loop.
 */

/* ------------------------------------------------------------------ */
/* Which guests use which storage (workers)                            */
/* ------------------------------------------------------------------ */

static char *
path_key (const char *path)
{
  return g_strconcat ("path:", path, NULL);
}

static char *
volume_key (const char *pool,
            const char *volume)
{
  return g_strconcat ("vol:", pool, "/", volume, NULL);
}

static void
add_user (GHashTable *users,
          char       *key,
          const char *guest)
{
  GPtrArray *names = g_hash_table_lookup (users, key);

  if (names == NULL)
    {
      names = g_ptr_array_new_with_free_func (g_free);
      g_hash_table_insert (users, key, names);
    }
  else
    {
      g_free (key);
    }

  for (guint i = 0; i < names->len; i++)
    if (g_strcmp0 (g_ptr_array_index (names, i), guest) == 0)
      return;

  g_ptr_array_add (names, g_strdup (guest));
}

/**
 * _vd_disk_users_collect:
 *
 * ONE pass over every guest's disks: maps each disk source (a path, or a
 * pool and volume name) to the guests that use it. Volumes then look
 * themselves up in it, so listing N volumes with M guests costs M XML
 * reads, not N × M. Worker only.
 *
 * Returns: (transfer full): key → GPtrArray of guest names
 */
GHashTable *
_vd_disk_users_collect (virConnectPtr conn)
{
  GHashTable *users = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify)g_ptr_array_unref);
  virDomainPtr *domains = NULL;
  int n;

  n = virConnectListAllDomains (conn, &domains, 0);
  if (n < 0)
    {
      g_debug ("could not list guests for volume users: %s", virGetLastErrorMessage ());
      virResetLastError ();
      return users;
    }

  for (int i = 0; i < n; i++)
    {
      /* The persistent definition names the disks a guest keeps; a running
       * guest's live XML may add hot-plugged ones: read both. */
      const unsigned int flags[] = { 0, VIR_DOMAIN_XML_INACTIVE };
      const char *guest = virDomainGetName (domains[i]);

      for (guint f = 0; f < G_N_ELEMENTS (flags); f++)
        {
          char *text = virDomainGetXMLDesc (domains[i], flags[f]);
          g_autoptr(VdXml) xml = vd_xml_new (text);
          g_autoptr(GPtrArray) sources = NULL;

          free (text);
          if (xml == NULL)
            {
              virResetLastError ();
              continue;
            }

          sources = vd_xml_get_nodes (xml, "/domain/devices/disk/source");
          for (guint s = 0; s < sources->len; s++)
            {
              xmlNodePtr source = g_ptr_array_index (sources, s);
              g_autofree char *file = vd_xml_node_get_string (xml, source, "@file");
              g_autofree char *dev = vd_xml_node_get_string (xml, source, "@dev");
              g_autofree char *pool = vd_xml_node_get_string (xml, source, "@pool");
              g_autofree char *volume = vd_xml_node_get_string (xml, source, "@volume");

              if (file != NULL)
                add_user (users, path_key (file), guest);
              if (dev != NULL)
                add_user (users, path_key (dev), guest);
              if (pool != NULL && volume != NULL)
                add_user (users, volume_key (pool, volume), guest);
            }
        }
      virDomainFree (domains[i]);
    }
  free (domains);

  return users;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

static GStrv
lookup_users (GHashTable *users,
              const char *pool,
              const char *volume,
              const char *path)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autofree char *by_path = path ? path_key (path) : NULL;
  g_autofree char *by_volume = volume_key (pool, volume);
  g_autoptr(GStrvBuilder) builder = NULL;
  GPtrArray *found;

  if (users == NULL)
    return NULL;

  if (by_path != NULL && (found = g_hash_table_lookup (users, by_path)) != NULL)
    g_ptr_array_extend (names, found, NULL, NULL);
  if ((found = g_hash_table_lookup (users, by_volume)) != NULL)
    {
      for (guint i = 0; i < found->len; i++)
        if (!g_ptr_array_find_with_equal_func (names, g_ptr_array_index (found, i),
                                               g_str_equal, NULL))
          g_ptr_array_add (names, g_ptr_array_index (found, i));
    }

  g_ptr_array_sort (names, compare_strings);
  builder = g_strv_builder_new ();
  for (guint i = 0; i < names->len; i++)
    g_strv_builder_add (builder, g_ptr_array_index (names, i));

  return g_strv_builder_end (builder);
}

/**
 * _vd_disk_users_lookup:
 * @users: from _vd_disk_users_collect()
 * @pool: (nullable): the pool of the volume, with @volume
 * @volume: (nullable): the volume's name in @pool
 * @path: (nullable): the disk's path
 *
 * Returns: (transfer full): the guests (sorted) whose disks name this
 *   storage by path or as a pool's volume
 */
GStrv
_vd_disk_users_lookup (GHashTable *users,
                       const char *pool,
                       const char *volume,
                       const char *path)
{
  if (pool != NULL && volume != NULL)
    return lookup_users (users, pool, volume, path);

  /* No volume to match: a path only ("" names no volume key in use). */
  return lookup_users (users, "", "", path);
}

/* ------------------------------------------------------------------ */
/* Reading (workers)                                                   */
/* ------------------------------------------------------------------ */

void
_vd_storage_volume_info_free (VdStorageVolumeInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->name);
  g_free (info->key);
  g_free (info->path);
  g_free (info->format);
  g_strfreev (info->used_by);
  g_free (info);
}

static VdStorageVolumeInfo *
read_volume (virStorageVolPtr  vol,
             const char       *pool_name,
             GHashTable       *users)
{
  char *text = virStorageVolGetXMLDesc (vol, 0);
  g_autoptr(VdXml) xml = vd_xml_new (text);
  VdStorageVolumeInfo *info;

  free (text);
  if (xml == NULL)
    {
      virResetLastError ();
      return NULL;
    }

  info = g_new0 (VdStorageVolumeInfo, 1);
  info->name = vd_xml_get_string (xml, "/volume/name");
  if (info->name == NULL)
    info->name = g_strdup (virStorageVolGetName (vol));
  info->key = vd_xml_get_string (xml, "/volume/key");
  info->path = vd_xml_get_string (xml, "/volume/target/path");
  info->format = vd_xml_get_string (xml, "/volume/target/format/@type");
  /* libvirt writes both in bytes (unit='bytes'). */
  info->capacity = vd_xml_get_uint64 (xml, "/volume/capacity");
  info->allocation = vd_xml_get_uint64 (xml, "/volume/allocation");
  info->used_by = lookup_users (users, pool_name, info->name, info->path);

  return info;
}

static int
compare_volume_infos (gconstpointer a,
                      gconstpointer b)
{
  const VdStorageVolumeInfo *va = *(VdStorageVolumeInfo * const *)a;
  const VdStorageVolumeInfo *vb = *(VdStorageVolumeInfo * const *)b;

  return g_strcmp0 (va->name, vb->name);
}

/**
 * _vd_storage_pool_info_new_from_handle:
 * @users: (nullable): from _vd_disk_users_collect()
 *
 * Reads the pool, its volumes and their users. Worker only.
 */
VdStoragePoolInfo *
_vd_storage_pool_info_new_from_handle (virStoragePoolPtr  handle,
                                       GHashTable        *users)
{
  VdStoragePoolInfo *info = g_new0 (VdStoragePoolInfo, 1);
  virStoragePoolInfo pool_info;
  int active, persistent, autostart = 0;
  char *text;

  virStoragePoolRef (handle);
  info->handle = handle;
  info->name = g_strdup (virStoragePoolGetName (handle));
  info->volumes = g_ptr_array_new_with_free_func ((GDestroyNotify)_vd_storage_volume_info_free);
  if (virStoragePoolGetUUIDString (handle, info->uuid) < 0)
    info->uuid[0] = '\0';

  active = virStoragePoolIsActive (handle);
  persistent = virStoragePoolIsPersistent (handle);
  if (active < 0 || persistent < 0 || virStoragePoolGetAutostart (handle, &autostart) < 0 ||
      virStoragePoolGetInfo (handle, &pool_info) < 0)
    {
      info->gone = TRUE;
      virResetLastError ();
      return info;
    }

  info->active = active == 1;
  info->persistent = persistent == 1;
  info->autostart = autostart != 0;
  info->state = pool_info.state;
  info->capacity = pool_info.capacity;
  info->allocation = pool_info.allocation;
  info->available = pool_info.available;

  text = virStoragePoolGetXMLDesc (handle, 0);
  if (text != NULL)
    {
      g_autoptr(VdXml) xml = vd_xml_new (text);

      if (xml != NULL)
        {
          info->pool_type = vd_xml_get_string (xml, "/pool/@type");
          info->target_path = vd_xml_get_string (xml, "/pool/target/path");
        }
      free (text);
    }
  virResetLastError ();

  /* An inactive pool has no volume list to give. */
  if (info->active)
    {
      virStorageVolPtr *vols = NULL;
      int n = virStoragePoolListAllVolumes (handle, &vols, 0);

      for (int i = 0; i < n; i++)
        {
          VdStorageVolumeInfo *vol = read_volume (vols[i], info->name, users);

          if (vol != NULL)
            g_ptr_array_add (info->volumes, vol);
          virStorageVolFree (vols[i]);
        }
      free (vols);
      virResetLastError ();
      g_ptr_array_sort (info->volumes, compare_volume_infos);
    }

  return info;
}

void
_vd_storage_pool_info_free (VdStoragePoolInfo *info)
{
  if (info == NULL)
    return;

  if (info->handle != NULL)
    virStoragePoolFree (info->handle);
  g_free (info->name);
  g_free (info->pool_type);
  g_free (info->target_path);
  g_clear_pointer (&info->volumes, g_ptr_array_unref);
  g_free (info);
}
