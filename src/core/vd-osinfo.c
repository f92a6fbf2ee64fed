/* vd-osinfo.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-osinfo"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vd-osinfo.h"

/*
 * libosinfo for the New Virtual Machine wizard: the OS database (loaded
 * once, in a worker: it reads a few thousand files), searching it by
 * name, recognising an installer ISO or an install tree, and what an OS
 * needs and supports. The database is only read after loading, so
 * workers identifying media may use it while the main thread searches.
 */

G_LOCK_DEFINE_STATIC (db_lock);
static OsinfoDb *the_db;

static OsinfoDb *
load_db (GError **error)
{
  OsinfoDb *db = NULL;

  G_LOCK (db_lock);
  if (the_db == NULL)
    {
      g_autoptr(OsinfoLoader) loader = osinfo_loader_new ();
      g_autoptr(GError) local_error = NULL;

      osinfo_loader_process_default_path (loader, &local_error);
      if (local_error != NULL)
        {
          g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s",
                                      _("Failed to read the OS database: "));
          G_UNLOCK (db_lock);
          return NULL;
        }
      the_db = g_object_ref (osinfo_loader_get_db (loader));
    }
  db = g_object_ref (the_db);
  G_UNLOCK (db_lock);
  return db;
}

static void
load_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  OsinfoDb *db = load_db (&error);

  if (db == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, db, g_object_unref);
}

/**
 * vd_osinfo_load_async:
 *
 * Loads libosinfo's database in a worker, once per process; later calls
 * finish at once with the same database.
 */
void
vd_osinfo_load_async (GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, vd_osinfo_load_async);
  g_task_run_in_thread (task, load_worker);
}

/**
 * vd_osinfo_load_finish:
 *
 * Returns: (transfer full): the database, or %NULL with @error set
 */
OsinfoDb *
vd_osinfo_load_finish (GAsyncResult  *result,
                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * vd_osinfo_load:
 *
 * vd_osinfo_load_async() for a worker: the same database, read once.
 *
 * Returns: (transfer full): the database, or %NULL with @error set
 */
OsinfoDb *
vd_osinfo_load (GError **error)
{
  return load_db (error);
}

/**
 * vd_osinfo_get_db:
 *
 * Returns: (transfer none) (nullable): the database once
 *   vd_osinfo_load_async() has loaded it
 */
OsinfoDb *
vd_osinfo_get_db (void)
{
  OsinfoDb *db;

  G_LOCK (db_lock);
  db = the_db;
  G_UNLOCK (db_lock);
  return db;
}

static gboolean
contains (const char *haystack,
          const char *needle)
{
  g_autofree char *folded = NULL;

  if (haystack == NULL)
    return FALSE;
  folded = g_utf8_casefold (haystack, -1);
  return strstr (folded, needle) != NULL;
}

/* Newest release first, then by name. */
static int
compare_os (gconstpointer a,
            gconstpointer b)
{
  OsinfoProduct *pa = *(OsinfoProduct **)a;
  OsinfoProduct *pb = *(OsinfoProduct **)b;
  int order = g_strcmp0 (osinfo_product_get_release_date_string (pb),
                         osinfo_product_get_release_date_string (pa));

  return order != 0 ? order : g_strcmp0 (osinfo_product_get_name (pa),
                                         osinfo_product_get_name (pb));
}

/**
 * vd_osinfo_search:
 * @text: words to find in the OS's name or short id, case-insensitive;
 *   empty for every OS
 *
 * Returns: (transfer full) (element-type OsinfoOs): the OSes whose name
 *   or short id contains every word of @text, newest first
 */
GPtrArray *
vd_osinfo_search (OsinfoDb   *db,
                  const char *text)
{
  g_autoptr(OsinfoOsList) list = NULL;
  g_autofree char *folded = NULL;
  g_auto(GStrv) words = NULL;
  GPtrArray *found;
  int n;

  g_return_val_if_fail (OSINFO_IS_DB (db), NULL);

  folded = g_utf8_casefold (text != NULL ? text : "", -1);
  words = g_strsplit_set (g_strstrip (folded), " \t", -1);
  found = g_ptr_array_new_with_free_func (g_object_unref);
  list = osinfo_db_get_os_list (db);
  n = osinfo_list_get_length (OSINFO_LIST (list));
  for (int i = 0; i < n; i++)
    {
      OsinfoProduct *os = OSINFO_PRODUCT (osinfo_list_get_nth (OSINFO_LIST (list), i));
      const char *name = osinfo_product_get_name (os);
      const char *short_id = osinfo_product_get_short_id (os);
      gboolean all = TRUE;

      for (guint w = 0; words[w] != NULL && all; w++)
        all = *words[w] == '\0' || contains (name, words[w]) || contains (short_id, words[w]);
      if (all)
        g_ptr_array_add (found, g_object_ref (os));
    }
  g_ptr_array_sort (found, compare_os);
  return found;
}

/**
 * vd_osinfo_find_os:
 * @id: a libosinfo id ("http://debian.org/debian/11") or short id
 *   ("debian11")
 *
 * Returns: (transfer none) (nullable): the OS
 */
OsinfoOs *
vd_osinfo_find_os (OsinfoDb   *db,
                   const char *id)
{
  OsinfoOs *os;
  g_autoptr(OsinfoOsList) list = NULL;
  int n;

  g_return_val_if_fail (OSINFO_IS_DB (db), NULL);

  if (id == NULL)
    return NULL;
  os = osinfo_db_get_os (db, id);
  if (os != NULL)
    return os;
  list = osinfo_db_get_os_list (db);
  n = osinfo_list_get_length (OSINFO_LIST (list));
  for (int i = 0; i < n; i++)
    {
      OsinfoProduct *product = OSINFO_PRODUCT (osinfo_list_get_nth (OSINFO_LIST (list), i));
      GList *ids = osinfo_product_get_short_id_list (product);
      gboolean match = g_list_find_custom (ids, id, (GCompareFunc)g_strcmp0) != NULL;

      g_list_free (ids);
      if (match)
        return OSINFO_OS (product);
    }
  return NULL;
}

/* ------------------------------------------------------------------ */
/* Recognising media                                                   */
/* ------------------------------------------------------------------ */

static void
identify_worker (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  const char *location = task_data;
  gboolean media = g_task_get_source_tag (task) == vd_osinfo_identify_media_async;
  g_autoptr(OsinfoDb) db = NULL;
  g_autoptr(GError) error = NULL;
  OsinfoOs *os = NULL;

  db = load_db (&error);
  if (db == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (media)
    {
      g_autoptr(GMainContext) context = g_main_context_new ();
      g_autoptr(OsinfoMedia) found = NULL;

      /* (Like the tree's below: libosinfo's blocking reader runs a main
       * loop on the thread-default context.) */
      g_main_context_push_thread_default (context);
      found = osinfo_media_create_from_location (location, cancellable, &error);
      g_main_context_pop_thread_default (context);

      /* A file that is no bootable ISO is not an error: it is no match. */
      if (found == NULL && error != NULL && error->domain != OSINFO_MEDIA_ERROR)
        {
          g_prefix_error (&error, _("Failed to read “%s”: "), location);
          g_task_return_error (task, g_steal_pointer (&error));
          return;
        }
      if (found != NULL && osinfo_db_identify_media (db, found))
        os = osinfo_media_get_os (found);
    }
  else
    {
      g_autoptr(GMainContext) context = g_main_context_new ();
      g_autoptr(OsinfoTree) found = NULL;

      /* libosinfo's blocking call runs a main loop on the thread-default
       * context: this worker's own, never the GTK thread's. */
      g_main_context_push_thread_default (context);
      found = osinfo_tree_create_from_location (location, cancellable, &error);
      g_main_context_pop_thread_default (context);

      if (found == NULL)
        {
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              g_task_return_error (task, g_steal_pointer (&error));
              return;
            }
          g_debug ("No install tree at %s: %s", location, error ? error->message : "");
        }
      else if (osinfo_db_identify_tree (db, found))
        os = osinfo_tree_get_os (found);
    }

  g_task_return_pointer (task, os, g_object_unref);
}

static void
identify_async (const char          *location,
                gpointer             source_tag,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, g_strdup (location), g_free);
  g_task_run_in_thread (task, identify_worker);
}

/**
 * vd_osinfo_identify_media_async:
 * @path: an ISO image or a CD device
 *
 * Reads @path's volume descriptors in a worker
 * (osinfo_media_create_from_location) and looks the medium up.
 */
void
vd_osinfo_identify_media_async (const char          *path,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (path != NULL);

  identify_async (path, vd_osinfo_identify_media_async, cancellable, callback, user_data);
}

/**
 * vd_osinfo_identify_media_finish:
 *
 * Returns: (transfer full) (nullable): the OS on the medium; %NULL with
 *   no error when libosinfo does not know it (or it is no ISO)
 */
OsinfoOs *
vd_osinfo_identify_media_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * vd_osinfo_identify_tree_async:
 * @url: an install tree (http, https, ftp)
 *
 * Reads the tree's .treeinfo in a worker (osinfo_tree_create_from_location)
 * and looks it up.
 */
void
vd_osinfo_identify_tree_async (const char          *url,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (url != NULL);

  identify_async (url, vd_osinfo_identify_tree_async, cancellable, callback, user_data);
}

/**
 * vd_osinfo_identify_tree_finish:
 *
 * Returns: (transfer full) (nullable): the tree's OS; %NULL with no error
 *   when there is no tree there or libosinfo does not know it
 */
OsinfoOs *
vd_osinfo_identify_tree_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* What an OS needs and supports                                       */
/* ------------------------------------------------------------------ */

/* The resources for @arch, else those for every arch ("all"). */
static OsinfoResources *
pick_resources (OsinfoResourcesList *list,
                const char          *arch)
{
  OsinfoResources *any = NULL;
  int n = osinfo_list_get_length (OSINFO_LIST (list));

  for (int i = 0; i < n; i++)
    {
      OsinfoResources *res = OSINFO_RESOURCES (osinfo_list_get_nth (OSINFO_LIST (list), i));
      const char *res_arch = osinfo_resources_get_architecture (res);

      if (g_strcmp0 (res_arch, arch) == 0)
        return res;
      if (g_strcmp0 (res_arch, "all") == 0)
        any = res;
    }
  return any;
}

static guint64
positive (gint64 value)
{
  return value > 0 ? (guint64)value : 0;
}

/**
 * vd_osinfo_get_resources:
 * @arch: the guest's architecture ("x86_64")
 * @resources: (out): the minimum and recommended RAM, vCPUs and storage
 */
void
vd_osinfo_get_resources (OsinfoOs          *os,
                         const char        *arch,
                         VdOsinfoResources *resources)
{
  g_autoptr(OsinfoResourcesList) minimum = NULL;
  g_autoptr(OsinfoResourcesList) recommended = NULL;
  OsinfoResources *res;

  g_return_if_fail (OSINFO_IS_OS (os));
  g_return_if_fail (resources != NULL);

  memset (resources, 0, sizeof *resources);
  minimum = osinfo_os_get_minimum_resources (os);
  recommended = osinfo_os_get_recommended_resources (os);
  if ((res = pick_resources (minimum, arch)) != NULL)
    {
      resources->min_ram = positive (osinfo_resources_get_ram (res));
      resources->min_cpus = positive (osinfo_resources_get_n_cpus (res));
      resources->min_storage = positive (osinfo_resources_get_storage (res));
    }
  if ((res = pick_resources (recommended, arch)) != NULL)
    {
      resources->recommended_ram = positive (osinfo_resources_get_ram (res));
      resources->recommended_cpus = positive (osinfo_resources_get_n_cpus (res));
      resources->recommended_storage = positive (osinfo_resources_get_storage (res));
    }
}

/**
 * vd_osinfo_supports_device:
 * @device_class: libosinfo's class ("block", "net", "video", "controller.usb")
 * @name_part: part of the device's name ("virtio", "xhci")
 *
 * Returns: whether @os (or one it derives from) has a driver for such a
 *   device
 */
gboolean
vd_osinfo_supports_device (OsinfoOs   *os,
                           const char *device_class,
                           const char *name_part)
{
  g_autoptr(OsinfoDeviceList) devices = NULL;
  int n;

  g_return_val_if_fail (OSINFO_IS_OS (os), FALSE);

  devices = osinfo_os_get_all_devices (os, NULL);
  n = osinfo_list_get_length (OSINFO_LIST (devices));
  for (int i = 0; i < n; i++)
    {
      OsinfoDevice *dev = OSINFO_DEVICE (osinfo_list_get_nth (OSINFO_LIST (devices), i));

      if (g_strcmp0 (osinfo_device_get_class (dev), device_class) == 0 &&
          strstr (osinfo_device_get_name (dev) ? osinfo_device_get_name (dev) : "",
                  name_part) != NULL)
        return TRUE;
    }
  return FALSE;
}

/**
 * vd_osinfo_supports_uefi:
 *
 * Returns: whether @os can boot with UEFI on @arch: %FALSE only where
 *   libosinfo says it cannot (most entries say nothing either way)
 */
gboolean
vd_osinfo_supports_uefi (OsinfoOs   *os,
                         const char *arch)
{
  g_autoptr(OsinfoFirmwareList) list = NULL;
  int n;

  g_return_val_if_fail (OSINFO_IS_OS (os), FALSE);

  list = osinfo_os_get_firmware_list (os, NULL);
  n = osinfo_list_get_length (OSINFO_LIST (list));
  for (int i = 0; i < n; i++)
    {
      OsinfoFirmware *fw = OSINFO_FIRMWARE (osinfo_list_get_nth (OSINFO_LIST (list), i));

      if (g_strcmp0 (osinfo_firmware_get_firmware_type (fw), "efi") == 0 &&
          g_strcmp0 (osinfo_firmware_get_architecture (fw), arch) == 0)
        return osinfo_firmware_is_supported (fw);
    }
  return TRUE;
}

static void
set (char       **field,
     const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

/**
 * vd_osinfo_apply_os:
 * @os: (nullable): the chosen OS; %NULL for one libosinfo does not know
 *
 * Fills @spec from @os: its ids, the minimum memory, the recommended
 * memory, vCPUs and disk size, and the best devices it has drivers for
 * (virtio for disk, NIC and video where it can, else SATA, e1000e, QXL or
 * VGA; an xHCI USB controller where it can). UEFI is turned off for an
 * OS that cannot boot with it.
 */
void
vd_osinfo_apply_os (VdInstallSpec *spec,
                    OsinfoOs      *os)
{
  VdOsinfoResources res;

  g_return_if_fail (spec != NULL);
  g_return_if_fail (os == NULL || OSINFO_IS_OS (os));

  if (os == NULL)
    {
      g_clear_pointer (&spec->os_id, g_free);
      g_clear_pointer (&spec->os_short_id, g_free);
      spec->min_memory = 0;
      vd_install_spec_set_generic_devices (spec);
      return;
    }

  set (&spec->os_id, osinfo_entity_get_id (OSINFO_ENTITY (os)));
  set (&spec->os_short_id, osinfo_product_get_short_id (OSINFO_PRODUCT (os)));

  vd_osinfo_get_resources (os, spec->arch, &res);
  spec->min_memory = res.min_ram / (1024 * 1024);
  if (res.recommended_ram > 0 || res.min_ram > 0)
    spec->memory = MAX (res.recommended_ram, res.min_ram) / (1024 * 1024);
  if (res.recommended_cpus > 0 || res.min_cpus > 0)
    spec->vcpus = MAX (res.recommended_cpus, res.min_cpus);
  if (res.recommended_storage > 0 || res.min_storage > 0)
    spec->disk_size = MAX (res.recommended_storage, res.min_storage);

  set (&spec->disk_bus, vd_osinfo_supports_device (os, "block", "virtio") ? "virtio" : "sata");
  set (&spec->nic_model, vd_osinfo_supports_device (os, "net", "virtio") ? "virtio" : "e1000e");
  if (vd_osinfo_supports_device (os, "video", "virtio"))
    set (&spec->video_model, "virtio");
  else if (vd_osinfo_supports_device (os, "video", "qxl"))
    set (&spec->video_model, "qxl");
  else
    set (&spec->video_model, "vga");
  set (&spec->usb_model, vd_osinfo_supports_device (os, "controller.usb", "xhci")
                           ? "qemu-xhci" : "ich9-ehci1");
  spec->tablet = TRUE;
  if (!vd_osinfo_supports_uefi (os, spec->arch))
    spec->firmware = VD_INSTALL_FIRMWARE_BIOS;
}
