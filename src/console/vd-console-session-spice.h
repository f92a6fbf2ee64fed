/* vd-console-session-spice.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <spice-client.h>

#include "vd-console-session.h"

G_BEGIN_DECLS

#define VD_TYPE_CONSOLE_SESSION_SPICE (vd_console_session_spice_get_type ())
G_DECLARE_FINAL_TYPE (VdConsoleSessionSpice, vd_console_session_spice, VD, CONSOLE_SESSION_SPICE,
                      VdConsoleSession)

VdConsoleSession      *vd_console_session_spice_new                 (void);
guint                  vd_console_session_spice_get_n_usb_channels  (VdConsoleSessionSpice  *self);
SpiceUsbDeviceManager *vd_console_session_spice_get_usb_manager     (VdConsoleSessionSpice  *self,
                                                                     GError                **error);
void                   vd_console_session_spice_set_usb_auto_redirect (VdConsoleSessionSpice *self,
                                                                       gboolean               redirect);
gboolean               vd_console_session_spice_get_usb_auto_redirect (VdConsoleSessionSpice *self);

G_END_DECLS
