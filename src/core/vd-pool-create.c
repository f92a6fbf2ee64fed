/* vd-pool-create.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-pool-create"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-connection-host.h"
#include "vd-error.h"
#include "vd-pool-spec.h"
#include "vd-xml.h"

/*
 * Creating a storage pool on a connection in one worker: define it, then
 * build, start and set autostart as asked. Any step failing after the
 * definition (or a cancellation between steps) undefines it again, so a
 * failed creation leaves no pool behind. The pool then reaches
 * vd_connection_get_pools() by the usual path, libvirt's lifecycle events
 * (vd-connection-host.c).
 *
 * Finding candidate sources (virConnectFindStoragePoolSources) is the
 * second half: NFS exports, iSCSI targets, volume groups.
 */

typedef struct
{
  virConnectPtr  conn;
  char          *name;
  char          *xml;
  gboolean       build;
  unsigned int   build_flags;
  gboolean       start;
  gboolean       autostart;
} CreateData;

enum { STEP_BUILD, STEP_START, STEP_AUTOSTART };

static void
create_data_free (gpointer user_data)
{
  CreateData *data = user_data;

  virConnectClose (data->conn);
  g_free (data->name);
  g_free (data->xml);
  g_free (data);
}

/* Takes the pool away again after a later step failed: stopped if it
 * was started, then undefined. What a build wrote stays (a directory, a
 * partition table): libvirt cannot undo that. The caller has taken the
 * failed step's error already: these calls overwrite libvirt's last one. */
static void
remove_again (virStoragePoolPtr pool)
{
  if (virStoragePoolIsActive (pool) == 1)
    virStoragePoolDestroy (pool);
  if (virStoragePoolUndefine (pool) < 0)
    g_debug ("Could not undefine the pool again: %s", virGetLastErrorMessage ());
}

static void
create_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CreateData *data = task_data;
  g_autoptr(GError) error = NULL;
  virStoragePoolPtr pool;

  pool = virStoragePoolDefineXML (data->conn, data->xml, 0);
  if (pool == NULL)
    {
      vd_error_set_from_libvirt (&error, _("Unknown error"));
      /* translators: followed by libvirt's explanation */
      g_prefix_error (&error, _("Failed to create the storage pool “%s”: "), data->name);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* Each step is one libvirt call that cannot be interrupted; a Cancel
   * takes effect before the next one. */
  for (int step = STEP_BUILD; step <= STEP_AUTOSTART && error == NULL; step++)
    {
      int failed = 0;

      if (g_cancellable_set_error_if_cancelled (cancellable, &error))
        break;
      if (step == STEP_BUILD && data->build)
        failed = virStoragePoolBuild (pool, data->build_flags) < 0;
      else if (step == STEP_START && data->start)
        failed = virStoragePoolCreate (pool, 0) < 0;
      else if (step == STEP_AUTOSTART && data->autostart)
        failed = virStoragePoolSetAutostart (pool, 1) < 0;
      if (!failed)
        continue;

      vd_error_set_from_libvirt (&error, _("Unknown error"));
      /* translators: each is followed by libvirt's explanation */
      if (step == STEP_BUILD)
        g_prefix_error (&error, _("The storage pool “%s” could not be built and was removed "
                                  "again: "), data->name);
      else if (step == STEP_START)
        g_prefix_error (&error, _("The storage pool “%s” could not be started and was "
                                  "removed again: "), data->name);
      else
        g_prefix_error (&error, _("Autostart could not be set on the storage pool “%s”, "
                                  "which was removed again: "), data->name);
    }

  if (error != NULL)
    {
      remove_again (pool);
      virStoragePoolFree (pool);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  virStoragePoolFree (pool);
  g_task_return_boolean (task, TRUE);
}

/**
 * vd_connection_create_pool_async:
 * @spec: the pool; copied into XML at once, so the caller may change it
 *   afterwards
 * @start: start it once defined (and built)
 * @autostart: have the host start it when libvirt starts
 *
 * Defines the pool from @spec (virStoragePoolDefineXML) in a worker, then
 * builds it when @spec says so (with VIR_STORAGE_POOL_BUILD_OVERWRITE when
 * @spec->overwrite is set), starts it and sets autostart as asked. When a
 * step after the definition fails, or @cancellable is cancelled between
 * steps, the pool is stopped and undefined again. The spec is validated
 * first (against the connection's pools): an invalid one fails with
 * %VD_ERROR_INVALID_ARGUMENT without reaching libvirt.
 */
void
vd_connection_create_pool_async (VdConnection        *self,
                                 const VdPoolSpec    *spec,
                                 gboolean             start,
                                 gboolean             autostart,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  virConnectPtr conn;
  CreateData *data;

  g_return_if_fail (VD_IS_CONNECTION (self));
  g_return_if_fail (spec != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vd_connection_create_pool_async);

  conn = vd_connection_get_handle (self);
  if (conn == NULL)
    {
      g_task_return_new_error (task, VD_ERROR, VD_ERROR_NOT_CONNECTED,
                               _("Failed to create the storage pool “%s”: the connection is "
                                 "not open"), spec->name ? spec->name : "");
      return;
    }
  if (!vd_pool_spec_validate (spec, vd_connection_get_pools (self), &error))
    {
      g_prefix_error (&error, _("Failed to create the storage pool “%s”: "),
                      spec->name ? spec->name : "");
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data = g_new0 (CreateData, 1);
  data->conn = conn;
  virConnectRef (conn);
  data->name = g_strdup (spec->name);
  data->xml = vd_pool_spec_to_xml (spec);
  /* Types that cannot be built ignore the choice, as their XML ignores
   * the fields they do not use. */
  data->build = spec->build && vd_pool_type_can_build (spec->type);
  data->build_flags = data->build && spec->overwrite && vd_pool_type_can_overwrite (spec->type)
                        ? VIR_STORAGE_POOL_BUILD_OVERWRITE : 0;
  data->start = start;
  data->autostart = autostart;
  g_task_set_task_data (task, data, create_data_free);
  g_task_run_in_thread (task, create_worker);
}

gboolean
vd_connection_create_pool_finish (VdConnection  *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        vd_connection_create_pool_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* Source discovery                                                    */
/* ------------------------------------------------------------------ */

typedef struct
{
  virConnectPtr  conn;
  char          *type;
  char          *source_xml;    /* nullable */
} FindData;

static void
find_data_free (gpointer user_data)
{
  FindData *data = user_data;

  virConnectClose (data->conn);
  g_free (data->type);
  g_free (data->source_xml);
  g_free (data);
}

/* Every <device path> of a source (a volume group has one per physical
 * volume), comma-separated as VdPoolSpec.devices takes them. */
static char *
join_devices (xmlNodePtr node)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) paths = NULL;

  for (xmlNodePtr child = node->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE && xmlStrEqual (child->name, BAD_CAST "device"))
      {
        xmlChar *path = xmlGetProp (child, BAD_CAST "path");

        if (path != NULL)
          g_strv_builder_add (builder, (const char *)path);
        xmlFree (path);
      }
  paths = g_strv_builder_end (builder);
  return paths[0] != NULL ? g_strjoinv (", ", paths) : NULL;
}

static void
find_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  FindData *data = task_data;
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func ((GDestroyNotify)vd_pool_source_free);
  g_autoptr(GPtrArray) nodes = NULL;
  g_autoptr(VdXml) xml = NULL;
  g_autoptr(GError) error = NULL;
  char *text;

  text = virConnectFindStoragePoolSources (data->conn, data->type, data->source_xml, 0);
  if (text == NULL)
    {
      vd_error_set_from_libvirt (&error, _("Unknown error"));
      g_prefix_error (&error, _("Failed to find sources: "));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  xml = vd_xml_new (text);
  free (text);
  if (xml == NULL)
    {
      g_task_return_new_error (task, VD_ERROR, VD_ERROR_FAILED, "%s",
                               _("Failed to find sources: libvirt’s answer is not XML"));
      return;
    }

  nodes = vd_xml_get_nodes (xml, "/sources/source");
  for (guint i = 0; i < nodes->len; i++)
    {
      xmlNodePtr node = nodes->pdata[i];
      VdPoolSource *source = g_new0 (VdPoolSource, 1);

      source->host = vd_xml_node_get_string (xml, node, "host/@name");
      source->dir = vd_xml_node_get_string (xml, node, "dir/@path");
      source->name = vd_xml_node_get_string (xml, node, "name");
      source->format = vd_xml_node_get_string (xml, node, "format/@type");
      source->devices = join_devices (node);
      g_ptr_array_add (sources, source);
    }

  g_task_return_pointer (task, g_steal_pointer (&sources), (GDestroyNotify)g_ptr_array_unref);
}

/**
 * vd_connection_find_pool_sources_async:
 * @spec: the pool being created: its type, and for netfs and iscsi the
 *   server to ask (vd_pool_spec_to_source_xml())
 *
 * Asks libvirt for candidate sources of the type in a worker
 * (virConnectFindStoragePoolSources): a server's NFS exports, a portal's
 * iSCSI targets, the host's volume groups. Fails with
 * %VD_ERROR_NOT_SUPPORTED for types libvirt cannot search.
 */
void
vd_connection_find_pool_sources_async (VdConnection        *self,
                                       const VdPoolSpec    *spec,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  virConnectPtr conn;
  FindData *data;

  g_return_if_fail (VD_IS_CONNECTION (self));
  g_return_if_fail (spec != NULL && spec->type < VD_POOL_N_TYPES);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vd_connection_find_pool_sources_async);

  conn = vd_connection_get_handle (self);
  if (conn == NULL)
    {
      g_task_return_new_error (task, VD_ERROR, VD_ERROR_NOT_CONNECTED, "%s",
                               _("Failed to find sources: the connection is not open"));
      return;
    }
  if (!vd_pool_type_can_find_sources (spec->type))
    {
      g_task_return_new_error (task, VD_ERROR, VD_ERROR_NOT_SUPPORTED,
                               _("Failed to find sources: pools of type “%s” cannot be "
                                 "searched for"), vd_pool_type_to_string (spec->type));
      return;
    }
  if (spec->type != VD_POOL_TYPE_LOGICAL)
    {
      g_autofree char *message = vd_pool_spec_check (spec, VD_POOL_SPEC_FIELD_HOST, NULL);

      if (message != NULL)
        {
          g_task_return_new_error (task, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                                   _("Failed to find sources: %s"), message);
          return;
        }
    }

  data = g_new0 (FindData, 1);
  data->conn = conn;
  virConnectRef (conn);
  data->type = g_strdup (vd_pool_type_to_string (spec->type));
  data->source_xml = vd_pool_spec_to_source_xml (spec);
  g_task_set_task_data (task, data, find_data_free);
  g_task_run_in_thread (task, find_worker);
}

/**
 * vd_connection_find_pool_sources_finish:
 *
 * Returns: (transfer full) (element-type VdPoolSource): the sources found
 *   (maybe none), or %NULL with @error set
 */
GPtrArray *
vd_connection_find_pool_sources_finish (VdConnection  *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
