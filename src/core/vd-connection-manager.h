/* vd-connection-manager.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vd-connection.h"

G_BEGIN_DECLS

#define VD_DEMO_URI "test:///default"

#define VD_TYPE_CONNECTION_MANAGER (vd_connection_manager_get_type ())

G_DECLARE_FINAL_TYPE (VdConnectionManager, vd_connection_manager, VD, CONNECTION_MANAGER, GObject)

VdConnectionManager *vd_connection_manager_new         (GSettings            *settings);
void                 vd_connection_manager_load        (VdConnectionManager  *self);
void                 vd_connection_manager_autoconnect (VdConnectionManager  *self);
VdConnection        *vd_connection_manager_lookup      (VdConnectionManager  *self,
                                                        const char           *uri);
VdConnection        *vd_connection_manager_add         (VdConnectionManager  *self,
                                                        const char           *uri,
                                                        gboolean              autoconnect);
void                 vd_connection_manager_remove      (VdConnectionManager  *self,
                                                        VdConnection         *connection);
void                 vd_connection_manager_save        (VdConnectionManager  *self);

G_END_DECLS
