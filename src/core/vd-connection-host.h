/* vd-connection-host.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vd-connection.h"
#include "vd-host-info.h"
#include "vd-network.h"
#include "vd-storage-pool.h"
#include "vd-storage-volume.h"

G_BEGIN_DECLS

/* The host side of a VdConnection: virtual networks, storage pools and
 * facts about the host (vd-connection-host.c). */

GListModel     *vd_connection_get_networks          (VdConnection         *self);
GListModel     *vd_connection_get_pools             (VdConnection         *self);
VdNetwork      *vd_connection_find_network          (VdConnection         *self,
                                                     const char           *name);
VdStoragePool  *vd_connection_find_pool             (VdConnection         *self,
                                                     const char           *name);
gboolean        vd_connection_get_host_loaded       (VdConnection         *self);
void            vd_connection_get_host_info_async   (VdConnection         *self,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
VdHostInfo     *vd_connection_get_host_info_finish  (VdConnection         *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

G_END_DECLS
