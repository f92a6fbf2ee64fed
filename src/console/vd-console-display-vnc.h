/* vd-console-display-vnc.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <vncdisplay.h>

#include "vd-console-display.h"

G_BEGIN_DECLS

#define VD_TYPE_CONSOLE_DISPLAY_VNC (vd_console_display_vnc_get_type ())
G_DECLARE_FINAL_TYPE (VdConsoleDisplayVnc, vd_console_display_vnc, VD, CONSOLE_DISPLAY_VNC,
                      VdConsoleDisplay)

VdConsoleDisplay *vd_console_display_vnc_new     (void);
VncDisplay       *vd_console_display_vnc_get_vnc (VdConsoleDisplayVnc *self);

G_END_DECLS
