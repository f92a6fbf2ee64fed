/* vd-console-session-vnc.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vd-console-session.h"

G_BEGIN_DECLS

#define VD_TYPE_CONSOLE_SESSION_VNC (vd_console_session_vnc_get_type ())
G_DECLARE_FINAL_TYPE (VdConsoleSessionVnc, vd_console_session_vnc, VD, CONSOLE_SESSION_VNC,
                      VdConsoleSession)

VdConsoleSession *vd_console_session_vnc_new (void);

G_END_DECLS
