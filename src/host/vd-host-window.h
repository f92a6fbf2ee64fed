/* vd-host-window.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vd-connection-host.h"

G_BEGIN_DECLS

#define VD_TYPE_HOST_WINDOW (vd_host_window_get_type ())

G_DECLARE_FINAL_TYPE (VdHostWindow, vd_host_window, VD, HOST_WINDOW, GtkApplicationWindow)

VdHostWindow    *vd_host_window_new                  (GtkApplication *application,
                                                      VdConnection   *connection,
                                                      GSettings      *settings);
VdConnection    *vd_host_window_get_connection       (VdHostWindow   *self);
void             vd_host_window_set_page             (VdHostWindow   *self,
                                                      const char     *page);
const char      *vd_host_window_get_page             (VdHostWindow   *self);
gboolean         vd_host_window_select_network       (VdHostWindow   *self,
                                                      const char     *name);
VdNetwork       *vd_host_window_get_selected_network (VdHostWindow   *self);
gboolean         vd_host_window_select_pool          (VdHostWindow   *self,
                                                      const char     *name);
VdStoragePool   *vd_host_window_get_selected_pool    (VdHostWindow   *self);
gboolean         vd_host_window_select_volume        (VdHostWindow   *self,
                                                      const char     *name);
VdStorageVolume *vd_host_window_get_selected_volume  (VdHostWindow   *self);
const char      *vd_host_window_get_message          (VdHostWindow   *self);

G_END_DECLS
