/* vd-host-info.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-connection"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-connection-host.h"
#include "vd-connection-private.h"
#include "vd-error.h"
#include "vd-host-info.h"
#include "vd-xml.h"

/*
 * A connection's host facts, read in one worker: virNodeGetInfo, the
 * versions, the capabilities' CPU and NUMA cells, and one
 * virNodeGetCellsFreeMemory call for every cell's free memory.
 */

/* ------------------------------------------------------------------ */
/* Host facts                                                          */
/* ------------------------------------------------------------------ */

void
vd_host_info_free (VdHostInfo *info)
{
  if (info == NULL)
    return;

  g_free (info->hostname);
  g_free (info->uri);
  g_free (info->hypervisor);
  g_free (info->hypervisor_version);
  g_free (info->libvirt_version);
  g_free (info->cpu_model);
  g_free (info->arch);
  g_clear_pointer (&info->cells, g_array_unref);
  g_free (info);
}

static char *
format_version (unsigned long version)
{
  return g_strdup_printf ("%lu.%lu.%lu", version / 1000000, (version / 1000) % 1000,
                          version % 1000);
}

static guint64
to_bytes (guint64     value,
          const char *unit)
{
  /* Capabilities give cell memory in KiB unless they say otherwise. */
  if (unit == NULL || g_ascii_strcasecmp (unit, "KiB") == 0 || g_ascii_strcasecmp (unit, "k") == 0)
    return value * 1024;
  if (g_ascii_strcasecmp (unit, "MiB") == 0 || g_ascii_strcasecmp (unit, "M") == 0)
    return value * 1024 * 1024;
  if (g_ascii_strcasecmp (unit, "GiB") == 0 || g_ascii_strcasecmp (unit, "G") == 0)
    return value * 1024 * 1024 * 1024;
  return value;
}

static void
read_capabilities (virConnectPtr  conn,
                   VdHostInfo    *info)
{
  char *text = virConnectGetCapabilities (conn);
  g_autoptr(VdXml) xml = vd_xml_new (text);
  g_autoptr(GPtrArray) cells = NULL;

  free (text);
  if (xml == NULL)
    {
      virResetLastError ();
      return;
    }

  info->cpu_model = vd_xml_get_string (xml, "/capabilities/host/cpu/model");
  info->arch = vd_xml_get_string (xml, "/capabilities/host/cpu/arch");

  cells = vd_xml_get_nodes (xml, "/capabilities/host/topology/cells/cell");
  for (guint i = 0; i < cells->len; i++)
    {
      xmlNodePtr node = g_ptr_array_index (cells, i);
      g_autofree char *id = vd_xml_node_get_string (xml, node, "@id");
      g_autofree char *memory = vd_xml_node_get_string (xml, node, "memory");
      g_autofree char *unit = vd_xml_node_get_string (xml, node, "memory/@unit");
      g_autofree char *cpus = vd_xml_node_get_string (xml, node, "cpus/@num");
      VdHostNumaCell cell = { 0, 0, 0, G_MAXUINT64 };

      cell.id = id ? g_ascii_strtoull (id, NULL, 10) : i;
      cell.cpus = cpus ? g_ascii_strtoull (cpus, NULL, 10) : 0;
      cell.memory = memory ? to_bytes (g_ascii_strtoull (memory, NULL, 10), unit) : 0;
      g_array_append_val (info->cells, cell);
    }
}

static void
host_info_worker (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  virConnectPtr conn = task_data;
  g_autoptr(VdHostInfo) info = g_new0 (VdHostInfo, 1);
  virNodeInfo node;
  unsigned long version = 0;
  char *text;
  const char *type;

  info->cells = g_array_new (FALSE, TRUE, sizeof (VdHostNumaCell));

  if (virNodeGetInfo (conn, &node) < 0)
    {
      GError *error = NULL;

      vd_error_set_from_libvirt (&error, _("Unknown error"));
      g_prefix_error (&error, _("Could not read the host’s details: "));
      g_task_return_error (task, error);
      return;
    }

  info->cpus = node.cpus;
  info->mhz = node.mhz;
  info->sockets = node.sockets;
  info->cores = node.cores;
  info->threads = node.threads;
  info->nodes = node.nodes;
  info->memory = (guint64)node.memory * 1024;

  if ((text = virConnectGetHostname (conn)) != NULL)
    {
      info->hostname = g_strdup (text);
      free (text);
    }
  if ((text = virConnectGetURI (conn)) != NULL)
    {
      info->uri = g_strdup (text);
      free (text);
    }
  if ((type = virConnectGetType (conn)) != NULL)
    info->hypervisor = g_strdup (type);
  if (virConnectGetVersion (conn, &version) == 0 && version > 0)
    info->hypervisor_version = format_version (version);
  version = 0;
  if (virConnectGetLibVersion (conn, &version) == 0 && version > 0)
    info->libvirt_version = format_version (version);
  virResetLastError ();

  read_capabilities (conn, info);
  if (info->cpu_model == NULL && node.model[0] != '\0')
    info->cpu_model = g_strndup (node.model, sizeof node.model);

  /* Free memory per cell: one call for all cells. Cells are numbered
   * from 0 in order on every driver that reports them. */
  if (info->cells->len > 0)
    {
      g_autofree unsigned long long *free_memory = g_new0 (unsigned long long,
                                                           info->cells->len);
      int n = virNodeGetCellsFreeMemory (conn, free_memory, 0, info->cells->len);

      for (int i = 0; i < n && (guint)i < info->cells->len; i++)
        g_array_index (info->cells, VdHostNumaCell, i).free_memory = free_memory[i];
      virResetLastError ();
    }

  g_task_return_pointer (task, g_steal_pointer (&info), (GDestroyNotify)vd_host_info_free);
}

/**
 * vd_connection_get_host_info_async:
 *
 * Reads the host's facts in a worker: name, URI, hypervisor and libvirt
 * versions, CPU model and topology, memory, NUMA cells with free memory.
 */
void
vd_connection_get_host_info_async (VdConnection        *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (VD_IS_CONNECTION (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vd_connection_get_host_info_async);

  if (self->conn == NULL)
    {
      g_task_return_new_error (task, VD_ERROR, VD_ERROR_NOT_CONNECTED,
                               _("“%s” is not connected"), vd_connection_get_display_name (self));
      return;
    }

  virConnectRef (self->conn);
  g_task_set_task_data (task, self->conn, (GDestroyNotify)virConnectClose);
  g_task_run_in_thread (task, host_info_worker);
}

/**
 * vd_connection_get_host_info_finish:
 *
 * Returns: (transfer full): the facts (free with vd_host_info_free()), or
 *   %NULL with @error set
 */
VdHostInfo *
vd_connection_get_host_info_finish (VdConnection  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (VD_IS_CONNECTION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

