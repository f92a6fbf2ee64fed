/* vd-manager-window.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vd-connection-manager.h"
#include "vd-domain.h"

G_BEGIN_DECLS

#define VD_TYPE_MANAGER_WINDOW (vd_manager_window_get_type ())

G_DECLARE_FINAL_TYPE (VdManagerWindow, vd_manager_window, VD, MANAGER_WINDOW, GtkApplicationWindow)

VdManagerWindow *vd_manager_window_new            (GtkApplication      *application,
                                                   VdConnectionManager *manager,
                                                   GSettings           *settings);
GtkTreeView     *vd_manager_window_get_tree_view  (VdManagerWindow     *self);
void             vd_manager_window_set_search     (VdManagerWindow     *self,
                                                   const char          *text);
void             vd_manager_window_select_domains (VdManagerWindow     *self,
                                                   VdDomain * const    *domains,
                                                   guint                n_domains);
GPtrArray       *vd_manager_window_get_selected_domains (VdManagerWindow *self);
void             vd_manager_window_show_message   (VdManagerWindow     *self,
                                                   GtkMessageType       type,
                                                   const char          *message);
const char      *vd_manager_window_get_message    (VdManagerWindow     *self);
void             vd_manager_window_connect        (VdManagerWindow     *self,
                                                   VdConnection        *connection);

G_END_DECLS
