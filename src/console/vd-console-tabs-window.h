/* vd-console-tabs-window.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vd-console-view.h"
#include "vd-domain.h"

G_BEGIN_DECLS

#define VD_TYPE_CONSOLE_TABS_WINDOW (vd_console_tabs_window_get_type ())
G_DECLARE_FINAL_TYPE (VdConsoleTabsWindow, vd_console_tabs_window, VD, CONSOLE_TABS_WINDOW,
                      GtkApplicationWindow)

VdConsoleTabsWindow *vd_console_tabs_window_new       (GtkApplication      *application,
                                                       GSettings           *settings);
VdConsoleTabsWindow *vd_console_tabs_window_find      (GtkApplication      *application);
void                 vd_console_tabs_window_open      (VdConsoleTabsWindow *self,
                                                       VdDomain            *domain);
gboolean             vd_console_tabs_window_close_tab (VdConsoleTabsWindow *self,
                                                       VdDomain            *domain);
guint                vd_console_tabs_window_get_n_tabs (VdConsoleTabsWindow *self);
VdDomain            *vd_console_tabs_window_get_domain (VdConsoleTabsWindow *self,
                                                        guint                position);
VdConsoleView       *vd_console_tabs_window_get_view  (VdConsoleTabsWindow *self,
                                                       VdDomain            *domain);
VdDomain            *vd_console_tabs_window_get_current (VdConsoleTabsWindow *self);
GtkNotebook         *vd_console_tabs_window_get_notebook (VdConsoleTabsWindow *self);

G_END_DECLS
