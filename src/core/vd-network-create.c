/* vd-network-create.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-network-create"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-connection-host.h"
#include "vd-error.h"
#include "vd-libvirt-task.h"
#include "vd-network-spec.h"

/*
 * Creating a network on a connection, through vd_libvirt_task_run():
 * define it, then optionally start it and set autostart, in one worker.
 * The network then reaches vd_connection_get_networks() by the usual path,
 * libvirt's "defined" and "started" events (vd-connection-host.c).
 */

typedef struct
{
  virConnectPtr  conn;
  char          *name;
  char          *xml;
  gboolean       start;
  gboolean       autostart;
  int            step;          /* which call failed, for the message */
} CreateData;

enum { STEP_DEFINE, STEP_START, STEP_AUTOSTART };

static void
create_data_free (gpointer user_data)
{
  CreateData *data = user_data;

  if (data->conn != NULL)
    virConnectClose (data->conn);
  g_free (data->name);
  g_free (data->xml);
  g_free (data);
}

/* translators: followed by libvirt's explanation */
static char *
failure_message (gpointer    user_data,
                 const char *detail)
{
  CreateData *data = user_data;

  switch (data->step)
    {
    case STEP_START:
      return g_strdup_printf (_("The network “%s” was defined but could not be started: %s"),
                              data->name, detail);
    case STEP_AUTOSTART:
      return g_strdup_printf (_("The network “%s” was created but autostart could not be "
                                "set: %s"), data->name, detail);
    case STEP_DEFINE:
    default:
      return g_strdup_printf (_("Failed to create the network “%s”: %s"), data->name, detail);
    }
}

static gboolean
create_worker (gpointer   user_data,
               GError   **error)
{
  CreateData *data = user_data;
  virNetworkPtr network;
  gboolean ok = TRUE;

  data->step = STEP_DEFINE;
  network = virNetworkDefineXML (data->conn, data->xml);
  if (network == NULL)
    {
      vd_libvirt_task_set_failure (error, failure_message, data);
      return FALSE;
    }

  /* A failed start leaves the definition: the user sees it in the list
   * with the reason, and can fix it there or delete it. */
  if (data->start)
    {
      data->step = STEP_START;
      ok = virNetworkCreate (network) == 0;
    }
  if (ok && data->autostart)
    {
      data->step = STEP_AUTOSTART;
      ok = virNetworkSetAutostart (network, 1) == 0;
    }
  if (!ok)
    vd_libvirt_task_set_failure (error, failure_message, data);

  virNetworkFree (network);
  return ok;
}

static gboolean
is_connected (gpointer object)
{
  return vd_connection_get_handle (object) != NULL;
}

/* A new network conflicts with no running operation (libvirt refuses a
 * duplicate name itself), so the connection is never busy for it and has
 * no busy state to keep... */
static gboolean
get_busy (gpointer object)
{
  return FALSE;
}

static void
begin_busy (gpointer object)
{
}

/* ... and the failure belongs to the caller, not to the connection's
 * last-error, which says why the connection itself failed. */
static void
end_busy (gpointer    object,
          const char *error_message)
{
}

/* The list learns of the network from libvirt's events. */
static void
apply_result (gpointer object,
              gpointer data)
{
}

static const VdLibvirtTaskOps create_ops = {
  .log_domain = G_LOG_DOMAIN,
  .not_connected = N_("the connection is not open"),
  .busy = N_("another operation is still running"),
  .worker = create_worker,
  .free_data = create_data_free,
  .failure_message = failure_message,
  .is_connected = is_connected,
  .get_busy = get_busy,
  .begin_busy = begin_busy,
  .end_busy = end_busy,
  .apply = apply_result,
};

/**
 * vd_connection_create_network_async:
 * @spec: the network; copied into XML at once, so the caller may change
 *   it afterwards
 * @start: start it once defined
 * @autostart: have the host start it when libvirt starts
 *
 * Defines the network from @spec (virNetworkDefineXML) in a worker, then
 * starts it and sets autostart as asked. The spec is validated first
 * (against the connection's networks): an invalid one fails with
 * %VD_ERROR_INVALID_ARGUMENT without reaching libvirt.
 */
void
vd_connection_create_network_async (VdConnection         *self,
                                    const VdNetworkSpec  *spec,
                                    gboolean              start,
                                    gboolean              autostart,
                                    GCancellable         *cancellable,
                                    GAsyncReadyCallback   callback,
                                    gpointer              user_data)
{
  g_autoptr(GError) error = NULL;
  CreateData *data;

  g_return_if_fail (VD_IS_CONNECTION (self));
  g_return_if_fail (spec != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  if (!vd_network_spec_validate (spec, vd_connection_get_networks (self), &error))
    {
      g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

      g_task_set_source_tag (task, vd_connection_create_network_async);
      g_prefix_error (&error, _("Failed to create the network “%s”: "), spec->name);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  data = g_new0 (CreateData, 1);
  data->name = g_strdup (spec->name);
  data->xml = vd_network_spec_to_xml (spec);
  data->start = start;
  data->autostart = autostart;
  if (vd_connection_get_handle (self) != NULL)
    {
      data->conn = vd_connection_get_handle (self);
      virConnectRef (data->conn);
    }

  vd_libvirt_task_run (self, &create_ops, VD_LIBVIRT_TASK_DEFAULT, data,
                       vd_connection_create_network_async, cancellable, callback, user_data);
}

gboolean
vd_connection_create_network_finish (VdConnection  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (VD_IS_CONNECTION (self), FALSE);

  return vd_libvirt_task_finish (self, result, vd_connection_create_network_async, error);
}

/* ------------------------------------------------------------------ */
/* Host interfaces, for the wizard's device list                       */
/* ------------------------------------------------------------------ */

static void
list_interfaces_worker (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  virConnectPtr conn = task_data;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  virInterfacePtr *ifaces = NULL;
  int n = virConnectListAllInterfaces (conn, &ifaces, 0);

  if (n < 0)
    {
      g_autoptr(GError) error = NULL;

      vd_error_set_from_libvirt (&error, _("Unknown error"));
      g_prefix_error (&error, _("Failed to list the host’s interfaces: "));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (int i = 0; i < n; i++)
    {
      const char *name = virInterfaceGetName (ifaces[i]);

      /* The loopback device forwards nowhere. */
      if (name != NULL && g_strcmp0 (name, "lo") != 0)
        g_ptr_array_add (names, g_strdup (name));
      virInterfaceFree (ifaces[i]);
    }
  free (ifaces);

  g_ptr_array_sort (names, (GCompareFunc)g_strcmp0);
  g_ptr_array_add (names, NULL);
  g_task_return_pointer (task, g_ptr_array_steal (names, NULL), (GDestroyNotify)g_strfreev);
}

/**
 * vd_connection_list_interfaces_async:
 *
 * Lists the host's network interfaces (virConnectListAllInterfaces, in a
 * worker): the bridges and physical devices a network can use.
 */
void
vd_connection_list_interfaces_async (VdConnection        *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  virConnectPtr conn;

  g_return_if_fail (VD_IS_CONNECTION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vd_connection_list_interfaces_async);

  conn = vd_connection_get_handle (self);
  if (conn == NULL)
    {
      g_task_return_new_error (task, VD_ERROR, VD_ERROR_NOT_CONNECTED, "%s",
                               _("Failed to list the host’s interfaces: the connection is not "
                                 "open"));
      return;
    }

  virConnectRef (conn);
  g_task_set_task_data (task, conn, (GDestroyNotify)virConnectClose);
  g_task_run_in_thread (task, list_interfaces_worker);
}

/**
 * vd_connection_list_interfaces_finish:
 *
 * Returns: (transfer full): the interface names, sorted, or %NULL
 */
GStrv
vd_connection_list_interfaces_finish (VdConnection  *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
