/* vd-host-info.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * VdHostNumaCell:
 * @id: the cell's number
 * @cpus: CPUs in the cell (0 when libvirt does not say)
 * @memory: memory in the cell, bytes (0 when unknown)
 * @free_memory: free memory in the cell, bytes (G_MAXUINT64 when unknown)
 */
typedef struct
{
  guint   id;
  guint   cpus;
  guint64 memory;
  guint64 free_memory;
} VdHostNumaCell;

/**
 * VdHostInfo:
 *
 * Facts about a connection's host, read in one worker
 * (vd_connection_get_host_info_async()). Strings may be %NULL when the
 * driver does not say.
 */
typedef struct
{
  char           *hostname;
  char           *uri;
  char           *hypervisor;          /* "QEMU", "TEST", ... */
  char           *hypervisor_version;  /* "7.2.0" */
  char           *libvirt_version;     /* of the daemon (or in-process library) */
  char           *cpu_model;
  char           *arch;
  guint           cpus;
  guint           mhz;
  guint           sockets;             /* per NUMA node, as virNodeGetInfo counts */
  guint           cores;               /* per socket */
  guint           threads;             /* per core */
  guint           nodes;               /* NUMA nodes virNodeGetInfo reports */
  guint64         memory;              /* bytes */
  GArray         *cells;               /* VdHostNumaCell */
} VdHostInfo;

void vd_host_info_free (VdHostInfo *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VdHostInfo, vd_host_info_free)

G_END_DECLS
