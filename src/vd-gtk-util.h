/* vd-gtk-util.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void vd_name_close_buttons (GtkWidget  *bar,
                            const char *name);
void vd_gtk_skip_gl_probe  (void);

G_END_DECLS
