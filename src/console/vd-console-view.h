/* vd-console-view.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vd-console-display.h"
#include "vd-console-session.h"
#include "vd-domain.h"
#include "vd-serial-console.h"

G_BEGIN_DECLS

#define VD_TYPE_CONSOLE_VIEW (vd_console_view_get_type ())
G_DECLARE_FINAL_TYPE (VdConsoleView, vd_console_view, VD, CONSOLE_VIEW, GtkBin)

GtkWidget        *vd_console_view_new                    (void);
VdDomain         *vd_console_view_get_domain             (VdConsoleView        *self);
void              vd_console_view_set_domain             (VdConsoleView        *self,
                                                          VdDomain             *domain);
void              vd_console_view_set_settings           (VdConsoleView        *self,
                                                          GSettings            *settings);
const char       *vd_console_view_get_page               (VdConsoleView        *self);
const char       *vd_console_view_get_error              (VdConsoleView        *self);
const char       *vd_console_view_get_auth_reason        (VdConsoleView        *self);
gboolean          vd_console_view_get_initialized        (VdConsoleView        *self);
VdConsoleDisplay *vd_console_view_get_display            (VdConsoleView        *self);
void              vd_console_view_reconnect              (VdConsoleView        *self);
VdSerialConsole  *vd_console_view_get_serial             (VdConsoleView        *self);
void              vd_console_view_set_console_device     (VdConsoleView        *self,
                                                          const char           *alias);
const char       *vd_console_view_get_console_device     (VdConsoleView        *self);
void              vd_console_view_set_menu_model         (VdConsoleView        *self,
                                                          GMenuModel           *model);
const char       *vd_console_view_get_status             (VdConsoleView        *self);
void              vd_console_view_add_actions            (VdConsoleView        *self,
                                                          GActionMap           *map);
void              vd_console_view_save_screenshot_async  (VdConsoleView        *self,
                                                          GFile                *file,
                                                          GCancellable         *cancellable,
                                                          GAsyncReadyCallback   callback,
                                                          gpointer              user_data);
gboolean          vd_console_view_save_screenshot_finish (VdConsoleView        *self,
                                                          GAsyncResult         *result,
                                                          GError              **error);

GtkWidget        *vd_console_view_get_usb_list           (VdConsoleView        *self);
GtkWidget        *vd_console_view_get_usb_popover        (VdConsoleView        *self);
VdConsoleSession *vd_console_view_get_session            (VdConsoleView        *self);

G_END_DECLS
