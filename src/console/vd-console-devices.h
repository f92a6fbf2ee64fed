/* vd-console-devices.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One text console of a running guest: what virDomainOpenConsole takes
 * (@alias) and what the chooser shows (@label). */
typedef struct
{
  char *alias;
  char *label;
} VdTextConsole;

void       vd_text_console_free            (VdTextConsole *console);
GPtrArray *vd_console_devices_text_consoles (const char    *live_xml);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VdTextConsole, vd_text_console_free)

G_END_DECLS
