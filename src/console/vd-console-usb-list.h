/* vd-console-usb-list.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vd-console-session-spice.h"
#include "vd-domain.h"

G_BEGIN_DECLS

#define VD_TYPE_CONSOLE_USB_LIST (vd_console_usb_list_get_type ())
G_DECLARE_FINAL_TYPE (VdConsoleUsbList, vd_console_usb_list, VD, CONSOLE_USB_LIST, GtkBin)

GtkWidget  *vd_console_usb_list_new             (void);
void        vd_console_usb_list_set_session     (VdConsoleUsbList      *self,
                                                 VdConsoleSessionSpice *session,
                                                 VdDomain              *domain,
                                                 guint                  n_redirdevs);
const char *vd_console_usb_list_get_state       (VdConsoleUsbList      *self);
guint       vd_console_usb_list_get_n_devices   (VdConsoleUsbList      *self);
GtkWidget  *vd_console_usb_list_get_row         (VdConsoleUsbList      *self,
                                                 guint                  position);
const char *vd_console_usb_list_get_add_result  (VdConsoleUsbList      *self);

G_END_DECLS
