/* vd-console-display-spice.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <spice-client-gtk.h>

#include "vd-console-display.h"

G_BEGIN_DECLS

#define VD_TYPE_CONSOLE_DISPLAY_SPICE (vd_console_display_spice_get_type ())
G_DECLARE_FINAL_TYPE (VdConsoleDisplaySpice, vd_console_display_spice, VD, CONSOLE_DISPLAY_SPICE,
                      VdConsoleDisplay)

VdConsoleDisplay *vd_console_display_spice_new         (void);
SpiceDisplay     *vd_console_display_spice_attach      (VdConsoleDisplaySpice *self,
                                                        SpiceSession          *session,
                                                        int                    channel_id);
SpiceDisplay     *vd_console_display_spice_get_display (VdConsoleDisplaySpice *self);
void              vd_console_display_spice_detach      (VdConsoleDisplaySpice *self);

G_END_DECLS
