/* vd-domain-clone-run.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-domain-clone"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vd-connection-private.h"
#include "vd-domain-clone.h"
#include "vd-domain-private.h"
#include "vd-error.h"
#include "vd-host-private.h"
#include "vd-libvirt-task.h"

/*
 * The two workers of a clone. Preparing reads the original's inactive XML,
 * the connection's guest names and its pools with their volumes, and makes
 * the default spec from them. Cloning copies each volume to clone
 * (virStorageVolCreateXMLFrom, the original's format), then defines the
 * new guest. libvirt cannot interrupt a copy: a Cancel is seen after it,
 * between steps. On a failure or a Cancel every volume this clone made is
 * deleted again, and nothing else; a Cancel that arrives once the guest
 * is defined is too late, the clone stands. The original is busy (its
 * lifecycle actions off) while the worker runs, so it cannot be started
 * under the copies.
 */

/* ------------------------------------------------------------------ */
/* Prepare                                                             */
/* ------------------------------------------------------------------ */

typedef struct
{
  virDomainPtr  domain;
  virConnectPtr conn;
} PrepareData;

static void
prepare_data_free (gpointer user_data)
{
  PrepareData *data = user_data;

  virDomainFree (data->domain);
  virConnectClose (data->conn);
  g_free (data);
}

static GStrv
list_guest_names (virConnectPtr conn)
{
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  virDomainPtr *domains = NULL;
  int n = virConnectListAllDomains (conn, &domains, 0);

  for (int i = 0; i < n; i++)
    {
      const char *name = virDomainGetName (domains[i]);

      if (name != NULL)
        g_strv_builder_add (names, name);
      virDomainFree (domains[i]);
    }
  free (domains);
  return g_strv_builder_end (names);
}

static GPtrArray *
read_pools (virConnectPtr conn)
{
  GPtrArray *infos = g_ptr_array_new_with_free_func ((GDestroyNotify)_vd_storage_pool_info_free);
  virStoragePoolPtr *pools = NULL;
  int n = virConnectListAllStoragePools (conn, &pools, 0);

  for (int i = 0; i < n; i++)
    {
      /* The info keeps its own reference to the handle. */
      g_ptr_array_add (infos, _vd_storage_pool_info_new_from_handle (pools[i], NULL));
      virStoragePoolFree (pools[i]);
    }
  free (pools);
  return infos;
}

static void
prepare_worker (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  PrepareData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pools = NULL;
  g_auto(GStrv) names = NULL;
  VdCloneSpec *spec;
  char *xml;

  xml = virDomainGetXMLDesc (data->domain, VIR_DOMAIN_XML_INACTIVE | VIR_DOMAIN_XML_SECURE);
  if (xml == NULL)
    {
      vd_error_set_from_libvirt (&error, _("Unknown error"));
      g_prefix_error (&error, _("Failed to read the guest’s configuration: "));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  names = list_guest_names (data->conn);
  pools = read_pools (data->conn);
  spec = vd_clone_spec_new_from_xml (xml, (const char * const *)names, pools, &error);
  free (xml);
  if (spec == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, spec, (GDestroyNotify)vd_clone_spec_free);
}

/**
 * vd_domain_clone_prepare_async:
 *
 * Reads, in a worker, what a clone of @domain needs and makes the default
 * #VdCloneSpec (see vd_clone_spec_new_from_xml()). Works in any state: the
 * state is checked when cloning.
 */
void
vd_domain_clone_prepare_async (VdDomain            *domain,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  VdConnection *connection;
  virConnectPtr conn;
  virDomainPtr handle;
  PrepareData *data;

  g_return_if_fail (VD_IS_DOMAIN (domain));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (domain, cancellable, callback, user_data);
  g_task_set_source_tag (task, vd_domain_clone_prepare_async);

  connection = vd_domain_get_connection (domain);
  conn = connection != NULL ? vd_connection_get_handle (connection) : NULL;
  handle = vd_domain_get_handle (domain);
  if (conn == NULL || handle == NULL)
    {
      g_task_return_new_error (task, VD_ERROR, VD_ERROR_NOT_CONNECTED,
                               _("Failed to read the guest “%s”: the connection is not open"),
                               vd_domain_get_name (domain));
      return;
    }
  data = g_new0 (PrepareData, 1);
  virConnectRef (conn);
  virDomainRef (handle);
  data->conn = conn;
  data->domain = handle;
  g_task_set_task_data (task, data, prepare_data_free);
  g_task_run_in_thread (task, prepare_worker);
}

/**
 * vd_domain_clone_prepare_finish:
 *
 * Returns: (transfer full): the default spec, or %NULL with @error set
 */
VdCloneSpec *
vd_domain_clone_prepare_finish (VdDomain      *domain,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, domain), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* Clone                                                               */
/* ------------------------------------------------------------------ */

typedef struct
{
  gatomicrefcount  ref_count;
  VdCloneProgress  func;
  gpointer         data;
  GDestroyNotify   destroy;
} Progress;

typedef struct
{
  Progress *progress;
  guint     step;
  guint     n_steps;
  char     *description;
} ProgressCall;

typedef struct
{
  virConnectPtr  conn;
  virDomainPtr   domain;
  VdCloneSpec   *spec;
  Progress      *progress;       /* nullable */
  GMainContext  *context;
  GCancellable  *cancellable;    /* the caller's, nullable */
  VdDomain      *original;       /* main thread only: its busy state */
  GPtrArray     *pools_after;    /* VdStoragePoolInfo of the pools written to */
} CloneData;

static Progress *
progress_ref (Progress *progress)
{
  g_atomic_ref_count_inc (&progress->ref_count);
  return progress;
}

static void
progress_unref (Progress *progress)
{
  if (g_atomic_ref_count_dec (&progress->ref_count))
    {
      if (progress->destroy != NULL)
        progress->destroy (progress->data);
      g_free (progress);
    }
}

static gboolean
progress_call_cb (gpointer user_data)
{
  ProgressCall *call = user_data;

  call->progress->func (call->step, call->n_steps, call->description, call->progress->data);
  return G_SOURCE_REMOVE;
}

static void
progress_call_free (gpointer user_data)
{
  ProgressCall *call = user_data;

  progress_unref (call->progress);
  g_free (call->description);
  g_free (call);
}

/* From the worker: the report runs on the caller's main context. */
static void
report (CloneData *data,
        guint      step,
        guint      n_steps,
        char      *description)
{
  ProgressCall *call;

  if (data->progress == NULL)
    {
      g_free (description);
      return;
    }
  call = g_new0 (ProgressCall, 1);
  call->progress = progress_ref (data->progress);
  call->step = step;
  call->n_steps = n_steps;
  call->description = description;
  vd_libvirt_task_post (data->context, progress_call_cb, call, progress_call_free);
}

static gboolean
progress_unref_cb (gpointer user_data)
{
  progress_unref (user_data);
  return G_SOURCE_REMOVE;
}

static void
clone_data_free (gpointer user_data)
{
  CloneData *data = user_data;

  virConnectClose (data->conn);
  virDomainFree (data->domain);
  vd_clone_spec_free (data->spec);
  /* The caller's destroy notify (the wizard or dialog dropping itself)
   * runs on its main context, never in the worker, which may hold the
   * task last. */
  if (data->progress != NULL)
    vd_libvirt_task_post (data->context, progress_unref_cb, g_steal_pointer (&data->progress),
                          NULL);
  g_main_context_unref (data->context);
  g_clear_object (&data->cancellable);
  g_clear_object (&data->original);
  g_clear_pointer (&data->pools_after, g_ptr_array_unref);
  g_free (data);
}

static char *
volume_xml (const VdCloneDisk *disk)
{
  g_autoptr(GString) xml = g_string_new ("<volume>");
  g_autofree char *name = g_markup_escape_text (disk->new_volume, -1);

  g_string_append_printf (xml, "<name>%s</name>", name);
  g_string_append_printf (xml, "<capacity unit='bytes'>%" G_GUINT64_FORMAT "</capacity>",
                          disk->capacity);
  if (disk->format != NULL)
    {
      g_autofree char *format = g_markup_escape_text (disk->format, -1);
      g_string_append_printf (xml, "<target><format type='%s'/></target>", format);
    }
  g_string_append (xml, "</volume>");
  return g_string_free (g_steal_pointer (&xml), FALSE);
}

/* Copies one disk's volume; the new volume's handle goes into @made. */
static gboolean
copy_volume (CloneData    *data,
             VdCloneDisk  *disk,
             GPtrArray    *made,
             GError      **error)
{
  g_autofree char *xml = volume_xml (disk);
  virStoragePoolPtr pool = virStoragePoolLookupByName (data->conn, disk->pool);
  virStorageVolPtr original = NULL;
  virStorageVolPtr copy = NULL;
  char *path;

  if (pool != NULL)
    original = virStorageVolLookupByName (pool, disk->volume);
  if (original != NULL)
    copy = virStorageVolCreateXMLFrom (pool, xml, original, 0);
  if (copy == NULL)
    {
      vd_error_set_from_libvirt (error, _("Unknown error"));
      /* translators: the original volume, the new one, then libvirt's message */
      g_prefix_error (error, _("Could not copy “%s” to “%s”: "), disk->volume, disk->new_volume);
    }
  if (original != NULL)
    virStorageVolFree (original);
  if (pool != NULL)
    virStoragePoolFree (pool);
  if (copy == NULL)
    return FALSE;

  g_ptr_array_add (made, copy);
  path = virStorageVolGetPath (copy);
  g_free (disk->new_path);
  disk->new_path = g_strdup (path);
  free (path);
  return TRUE;
}

static void
delete_volumes (GPtrArray *made)
{
  /* The failed step's error is taken already: these calls overwrite
   * libvirt's last error. */
  for (guint i = 0; i < made->len; i++)
    if (virStorageVolDelete (g_ptr_array_index (made, i), 0) < 0)
      g_debug ("Could not delete a copy again: %s", virGetLastErrorMessage ());
}

/* With the guests using each volume, as the pool's own re-read does: the
 * new guest now uses the copies. */
static void
reread_pools (CloneData *data)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) users = _vd_disk_users_collect (data->conn);

  data->pools_after = g_ptr_array_new_with_free_func ((GDestroyNotify)_vd_storage_pool_info_free);
  for (guint i = 0; i < data->spec->disks->len; i++)
    {
      VdCloneDisk *disk = g_ptr_array_index (data->spec->disks, i);
      virStoragePoolPtr pool;

      if (disk->action != VD_CLONE_DISK_CLONE || !g_hash_table_add (seen, disk->pool))
        continue;
      pool = virStoragePoolLookupByName (data->conn, disk->pool);
      if (pool == NULL)
        continue;
      g_ptr_array_add (data->pools_after, _vd_storage_pool_info_new_from_handle (pool, users));
      virStoragePoolFree (pool);
    }
}

static gboolean
refuse_running (CloneData  *data,
                GError    **error)
{
  int state = VIR_DOMAIN_NOSTATE;

  if (virDomainGetState (data->domain, &state, NULL, 0) < 0)
    {
      vd_error_set_from_libvirt (error, _("Unknown error"));
      return TRUE;
    }
  if (virDomainIsActive (data->domain) == 1 && state != VIR_DOMAIN_PAUSED)
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_STATE,
                   _("“%s” is running. Pause it or shut it down to clone it."),
                   data->spec->original_name);
      return TRUE;
    }
  return FALSE;
}

static void
clone_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *unused)
{
  CloneData *data = task_data;
  VdCloneSpec *spec = data->spec;
  GCancellable *cancellable = data->cancellable;
  g_autoptr(GPtrArray) made = g_ptr_array_new_with_free_func ((GDestroyNotify)virStorageVolFree);
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = NULL;
  virDomainPtr domain = NULL;
  char uuid[VIR_UUID_STRING_BUFLEN];
  guint n_steps = 1;
  guint step = 0;

  for (guint i = 0; i < spec->disks->len; i++)
    if (((VdCloneDisk *)g_ptr_array_index (spec->disks, i))->action == VD_CLONE_DISK_CLONE)
      n_steps++;

  if (refuse_running (data, &error))
    goto failed;

  for (guint i = 0; i < spec->disks->len; i++)
    {
      VdCloneDisk *disk = g_ptr_array_index (spec->disks, i);

      if (disk->action != VD_CLONE_DISK_CLONE)
        continue;
      /* translators: the original volume, then the copy's name */
      report (data, step++, n_steps,
              g_strdup_printf (_("Copying “%s” to “%s”…"), disk->volume, disk->new_volume));
      if (g_cancellable_set_error_if_cancelled (cancellable, &error) ||
          !copy_volume (data, disk, made, &error) ||
          g_cancellable_set_error_if_cancelled (cancellable, &error))
        goto failed;
    }

  report (data, step, n_steps, g_strdup_printf (_("Defining “%s”…"), spec->name));
  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    goto failed;
  xml = vd_clone_spec_to_xml (spec);
  domain = xml != NULL ? virDomainDefineXML (data->conn, xml) : NULL;
  if (domain == NULL)
    {
      vd_error_set_from_libvirt (&error, _("Unknown error"));
      g_prefix_error (&error, _("The new guest could not be defined: "));
      goto failed;
    }

  if (virDomainGetUUIDString (domain, uuid) < 0)
    uuid[0] = '\0';
  virDomainFree (domain);
  reread_pools (data);
  g_task_return_pointer (task, g_strdup (uuid), g_free);
  return;

failed:
  delete_volumes (made);
  if (made->len > 0)
    reread_pools (data);
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_prefix_error (&error, _("Failed to clone “%s”: "), spec->original_name);
  g_task_return_error (task, g_steal_pointer (&error));
}

static void
cloned_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  CloneData *data = g_task_get_task_data (outer);
  VdConnection *connection = vd_domain_get_connection (data->original);
  g_autoptr(GError) error = NULL;
  char *uuid = g_task_propagate_pointer (G_TASK (result), &error);

  /* The pools list the copies (or no longer do) at once. */
  for (guint i = 0; connection != NULL && data->pools_after != NULL &&
       i < data->pools_after->len; i++)
    _vd_connection_apply_pool_info (connection, g_ptr_array_index (data->pools_after, i));

  if (uuid == NULL)
    {
      gboolean cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

      _vd_domain_end_busy (data->original, cancelled ? NULL : error->message);
      g_task_return_error (outer, g_steal_pointer (&error));
    }
  else
    {
      _vd_domain_end_busy (data->original, NULL);
      g_task_return_pointer (outer, uuid, g_free);
    }
}

/**
 * vd_domain_clone_async:
 * @spec: what to make; copied at once
 * @progress: (nullable) (scope notified): called on the caller's main
 *   context as each step begins
 * @progress_destroy: (nullable): frees @progress_data once no call is
 *   pending
 *
 * Clones @domain as @spec says, in a worker. Refused with
 * %VD_ERROR_INVALID_STATE for a running guest (a paused one is fine),
 * with %VD_ERROR_INVALID_ARGUMENT for a spec that does not validate and
 * with %VD_ERROR_BUSY while another operation runs on @domain. The new
 * guest reaches vd_connection_get_domains() through libvirt's events.
 */
void
vd_domain_clone_async (VdDomain            *domain,
                       const VdCloneSpec   *spec,
                       VdCloneProgress      progress,
                       gpointer             progress_data,
                       GDestroyNotify       progress_destroy,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *refusal = NULL;
  VdConnection *connection;
  virConnectPtr conn;
  virDomainPtr handle;
  CloneData *data;

  g_return_if_fail (VD_IS_DOMAIN (domain));
  g_return_if_fail (spec != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (domain, cancellable, callback, user_data);
  g_task_set_source_tag (task, vd_domain_clone_async);
  /* The worker's verdict is final: it undoes what a Cancel interrupts. */
  g_task_set_check_cancellable (task, FALSE);

  data = g_new0 (CloneData, 1);
  data->spec = vd_clone_spec_copy (spec);
  data->context = g_main_context_ref_thread_default ();
  data->original = g_object_ref (domain);
  g_set_object (&data->cancellable, cancellable);
  if (progress != NULL)
    {
      data->progress = g_new0 (Progress, 1);
      g_atomic_ref_count_init (&data->progress->ref_count);
      data->progress->func = progress;
      data->progress->data = progress_data;
      data->progress->destroy = progress_destroy;
    }
  else if (progress_destroy != NULL)
    progress_destroy (progress_data);
  connection = vd_domain_get_connection (domain);
  conn = connection != NULL ? vd_connection_get_handle (connection) : NULL;
  handle = vd_domain_get_handle (domain);
  if (conn != NULL && handle != NULL)
    {
      virConnectRef (conn);
      virDomainRef (handle);
      data->conn = conn;
      data->domain = handle;
    }
  else
    conn = NULL;
  g_task_set_task_data (task, data, clone_data_free);

  if (conn == NULL)
    {
      g_task_return_new_error (task, VD_ERROR, VD_ERROR_NOT_CONNECTED,
                               _("Failed to clone “%s”: the connection is not open"),
                               vd_domain_get_name (domain));
      return;
    }
  refusal = vd_domain_check_clone (domain);
  if (refusal != NULL)
    {
      g_task_return_new_error (task, VD_ERROR, VD_ERROR_INVALID_STATE, "%s", refusal);
      return;
    }
  if (vd_domain_get_busy (domain))
    {
      g_task_return_new_error (task, VD_ERROR, VD_ERROR_BUSY,
                               _("Failed to clone “%s”: another operation is running on it"),
                               vd_domain_get_name (domain));
      return;
    }
  if (!vd_clone_spec_validate (spec, vd_connection_get_domains (connection), &error))
    {
      g_prefix_error (&error, _("Failed to clone “%s”: "), vd_domain_get_name (domain));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  _vd_domain_begin_busy (domain);
  {
    g_autoptr(GTask) inner = g_task_new (NULL, NULL, cloned_cb, g_object_ref (task));

    g_task_set_task_data (inner, data, NULL);
    g_task_run_in_thread (inner, clone_worker);
  }
}

/**
 * vd_domain_clone_finish:
 *
 * Returns: (transfer full): the new guest's UUID, or %NULL with @error set
 *   (%G_IO_ERROR_CANCELLED after a Cancel)
 */
char *
vd_domain_clone_finish (VdDomain      *domain,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, domain), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == vd_domain_clone_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
