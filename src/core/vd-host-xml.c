/* vd-host-xml.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-host-xml"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-error.h"
#include "vd-host-private.h"
#include "vd-xml.h"
#include "vd-xml-check.h"

/*
 * The XML of a virtual network or a storage pool as the user edits it:
 * the inactive (persistent) definition read in a worker, and a new one
 * defined in a worker with virNetworkDefineXML / virStoragePoolDefineXML.
 *
 * Before defining, the text must be well-formed and describe the same
 * object: the same name, and the same UUID or none. Otherwise libvirt
 * would define another object (a copy, or a different existing one)
 * instead of changing this one. A refusal, ours or libvirt's, changes
 * nothing. A definition takes effect the next time the object starts; the
 * object is re-read after it, so its properties show the new definition's
 * persistent parts.
 */

typedef enum
{
  KIND_NETWORK,
  KIND_POOL,
} Kind;

typedef struct
{
  Kind                kind;
  virConnectPtr       conn;
  char               *name;
  char                uuid[VIR_UUID_STRING_BUFLEN];
  char               *xml;
  VdNetworkInfo      *network_after;
  VdStoragePoolInfo  *pool_after;
} XmlData;

static void
xml_data_free (gpointer user_data)
{
  XmlData *data = user_data;

  if (data->conn != NULL)
    virConnectClose (data->conn);
  g_free (data->name);
  g_free (data->xml);
  g_clear_pointer (&data->network_after, _vd_network_info_free);
  g_clear_pointer (&data->pool_after, _vd_storage_pool_info_free);
  g_free (data);
}

static void
set_libvirt_error (GError     **error,
                   XmlData     *data,
                   gboolean     define)
{
  g_autoptr(GError) libvirt_error = NULL;

  vd_error_set_from_libvirt (&libvirt_error, _("Unknown error"));
  if (data->kind == KIND_NETWORK)
    g_set_error (error, libvirt_error->domain, libvirt_error->code,
                 define ? _("Failed to change the network “%s”: %s")
                        : _("Could not read the XML of the network “%s”: %s"),
                 data->name, libvirt_error->message);
  else
    g_set_error (error, libvirt_error->domain, libvirt_error->code,
                 define ? _("Failed to change the storage pool “%s”: %s")
                        : _("Could not read the XML of the storage pool “%s”: %s"),
                 data->name, libvirt_error->message);
}

/* A driver without the inactive flag (the test driver) refuses it as an
 * invalid argument: its only XML is then the current one, which for a
 * stopped object is its definition. */
static gboolean
flag_unsupported (void)
{
  virErrorPtr last = virGetLastError ();

  return last != NULL && last->code == VIR_ERR_INVALID_ARG;
}

/* libvirt's error is per thread and reset by every call, so it is taken
 * right after the failing call, before any handle is freed. */
static void
get_worker (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  XmlData *data = task_data;
  GError *error = NULL;
  char *xml = NULL;

  if (data->kind == KIND_NETWORK)
    {
      virNetworkPtr net = virNetworkLookupByUUIDString (data->conn, data->uuid);

      if (net != NULL)
        xml = virNetworkGetXMLDesc (net, VIR_NETWORK_XML_INACTIVE);
      if (net != NULL && xml == NULL && flag_unsupported ())
        xml = virNetworkGetXMLDesc (net, 0);
      if (xml == NULL)
        set_libvirt_error (&error, data, FALSE);
      if (net != NULL)
        virNetworkFree (net);
    }
  else
    {
      virStoragePoolPtr pool = virStoragePoolLookupByUUIDString (data->conn, data->uuid);

      if (pool != NULL)
        xml = virStoragePoolGetXMLDesc (pool, VIR_STORAGE_XML_INACTIVE);
      if (pool != NULL && xml == NULL && flag_unsupported ())
        xml = virStoragePoolGetXMLDesc (pool, 0);
      if (xml == NULL)
        set_libvirt_error (&error, data, FALSE);
      if (pool != NULL)
        virStoragePoolFree (pool);
    }

  if (xml == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_strdup (xml), g_free);
  free (xml);
}

/* Same object: the same name, and the same UUID unless it has none. */
static gboolean
check_identity (XmlData  *data,
                GError  **error)
{
  const char *root = data->kind == KIND_NETWORK ? "network" : "pool";
  g_autoptr(VdXml) doc = vd_xml_new (data->xml);
  g_autofree char *name_expr = g_strdup_printf ("string(/%s/name)", root);
  g_autofree char *uuid_expr = g_strdup_printf ("string(/%s/uuid)", root);
  g_autofree char *name = NULL;
  g_autofree char *uuid = NULL;

  if (doc == NULL)
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                           _("The text is not well-formed XML"));
      return FALSE;
    }

  name = vd_xml_get_string (doc, name_expr);
  uuid = vd_xml_get_string (doc, uuid_expr);
  if (name == NULL)
    name = g_strdup ("");
  if (g_strcmp0 (g_strstrip (name), data->name) != 0)
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   data->kind == KIND_NETWORK
                     /* translators: the name in the XML, the network's name */
                     ? _("The XML names the network “%s”, not “%s”: a name cannot be changed "
                         "here. Nothing was changed.")
                     : _("The XML names the pool “%s”, not “%s”: a name cannot be changed "
                         "here. Nothing was changed."),
                   name, data->name);
      return FALSE;
    }
  if (uuid != NULL && *g_strstrip (uuid) != '\0' && g_ascii_strcasecmp (uuid, data->uuid) != 0)
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   /* translators: the UUID in the XML, the object's UUID */
                   _("The XML has the UUID %s, not %s: a UUID cannot be changed. Nothing was "
                     "changed."), uuid, data->uuid);
      return FALSE;
    }
  return TRUE;
}

static void
define_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  XmlData *data = task_data;
  GError *error = NULL;

  if (!check_identity (data, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (data->kind == KIND_NETWORK)
    {
      virNetworkPtr net = virNetworkDefineXML (data->conn, data->xml);

      if (net == NULL)
        {
          set_libvirt_error (&error, data, TRUE);
          g_task_return_error (task, error);
          return;
        }
      data->network_after = _vd_network_info_new_from_handle (net);
      virNetworkFree (net);
    }
  else
    {
      virStoragePoolPtr pool = virStoragePoolDefineXML (data->conn, data->xml, 0);
      g_autoptr(GHashTable) users = NULL;

      if (pool == NULL)
        {
          set_libvirt_error (&error, data, TRUE);
          g_task_return_error (task, error);
          return;
        }
      users = _vd_disk_users_collect (data->conn);
      data->pool_after = _vd_storage_pool_info_new_from_handle (pool, users);
      virStoragePoolFree (pool);
    }

  g_task_return_boolean (task, TRUE);
}

static VdConnection *
connection_of (gpointer object)
{
  return VD_IS_NETWORK (object) ? vd_network_get_connection (object)
                                : vd_storage_pool_get_connection (object);
}

/* Main thread: the re-read after a definition, applied through the
 * connection's list as every other re-read is. */
static void
define_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  XmlData *data = g_task_get_task_data (G_TASK (result));
  VdConnection *connection = connection_of (g_task_get_source_object (outer));
  g_autoptr(GError) error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }

  if (connection != NULL && data->network_after != NULL)
    _vd_connection_apply_network_info (connection, data->network_after);
  if (connection != NULL && data->pool_after != NULL)
    _vd_connection_apply_pool_info (connection, data->pool_after);
  g_task_return_boolean (outer, TRUE);
}

static void
run (gpointer             object,
     const char          *xml,
     gpointer             source_tag,
     GCancellable        *cancellable,
     GAsyncReadyCallback  callback,
     gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (object, cancellable, callback, user_data);
  VdConnection *connection = connection_of (object);
  virConnectPtr conn = connection != NULL ? vd_connection_get_handle (connection) : NULL;
  gboolean network = VD_IS_NETWORK (object);
  XmlData *data;

  g_task_set_source_tag (task, source_tag);

  data = g_new0 (XmlData, 1);
  data->kind = network ? KIND_NETWORK : KIND_POOL;
  data->name = g_strdup (network ? vd_network_get_name (object)
                                 : vd_storage_pool_get_name (object));
  g_strlcpy (data->uuid, network ? vd_network_get_uuid (object)
                                 : vd_storage_pool_get_uuid (object),
             sizeof data->uuid);

  if (conn == NULL)
    {
      g_task_return_new_error (task, VD_ERROR, VD_ERROR_NOT_CONNECTED,
                               network ? _("The network “%s” is no longer on an open connection")
                                       : _("The storage pool “%s” is no longer on an open "
                                           "connection"),
                               data->name);
      xml_data_free (data);
      return;
    }

  virConnectRef (conn);
  data->conn = conn;

  if (xml == NULL)
    {
      g_task_set_task_data (task, data, xml_data_free);
      g_task_run_in_thread (task, get_worker);
      return;
    }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GTask) inner = NULL;
    int line = 0, column = 0;

    if (!vd_xml_check_well_formed (xml, &line, &column, &error))
      {
        if (line > 0)
          /* translators: where the XML parser stopped, then its message */
          g_task_return_new_error (task, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                                   _("Line %d, column %d: %s"), line, column, error->message);
        else
          g_task_return_error (task, g_steal_pointer (&error));
        xml_data_free (data);
        return;
      }

    data->xml = g_strdup (xml);
    inner = g_task_new (NULL, NULL, define_done_cb, g_steal_pointer (&task));
    g_task_set_task_data (inner, data, xml_data_free);
    g_task_run_in_thread (inner, define_worker);
  }
}

/**
 * vd_network_get_config_xml_async:
 *
 * Reads the network's persistent definition (VIR_NETWORK_XML_INACTIVE),
 * what vd_network_define_xml_async() replaces.
 */
void
vd_network_get_config_xml_async (VdNetwork           *self,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (VD_IS_NETWORK (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  run (self, NULL, vd_network_get_config_xml_async, cancellable, callback, user_data);
}

/**
 * vd_network_get_config_xml_finish:
 *
 * Returns: (transfer full): the XML, or %NULL with @error set
 */
char *
vd_network_get_config_xml_finish (VdNetwork     *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * vd_network_define_xml_async:
 * @xml: the whole new definition
 *
 * Redefines the network (virNetworkDefineXML) after checking that @xml is
 * well-formed (the error says where it is not: "Line L, column C: ...")
 * and names this network. It takes effect at the network's next start.
 * On any refusal nothing changes.
 */
void
vd_network_define_xml_async (VdNetwork           *self,
                             const char          *xml,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (VD_IS_NETWORK (self));
  g_return_if_fail (xml != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  run (self, xml, vd_network_define_xml_async, cancellable, callback, user_data);
}

gboolean
vd_network_define_xml_finish (VdNetwork     *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * vd_storage_pool_get_config_xml_async:
 *
 * Reads the pool's persistent definition (VIR_STORAGE_XML_INACTIVE).
 */
void
vd_storage_pool_get_config_xml_async (VdStoragePool       *self,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (VD_IS_STORAGE_POOL (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  run (self, NULL, vd_storage_pool_get_config_xml_async, cancellable, callback, user_data);
}

/**
 * vd_storage_pool_get_config_xml_finish:
 *
 * Returns: (transfer full): the XML, or %NULL with @error set
 */
char *
vd_storage_pool_get_config_xml_finish (VdStoragePool  *self,
                                       GAsyncResult   *result,
                                       GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * vd_storage_pool_define_xml_async:
 * @xml: the whole new definition
 *
 * Redefines the pool (virStoragePoolDefineXML), with the checks of
 * vd_network_define_xml_async(). It takes effect at the pool's next start.
 */
void
vd_storage_pool_define_xml_async (VdStoragePool       *self,
                                  const char          *xml,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (VD_IS_STORAGE_POOL (self));
  g_return_if_fail (xml != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  run (self, xml, vd_storage_pool_define_xml_async, cancellable, callback, user_data);
}

gboolean
vd_storage_pool_define_xml_finish (VdStoragePool  *self,
                                   GAsyncResult   *result,
                                   GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
