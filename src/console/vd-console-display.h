/* vd-console-display.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define VD_TYPE_CONSOLE_DISPLAY (vd_console_display_get_type ())
G_DECLARE_DERIVABLE_TYPE (VdConsoleDisplay, vd_console_display, VD, CONSOLE_DISPLAY, GtkBin)

/**
 * VdConsoleDisplayClass:
 * @get_pixbuf: a copy of the guest's screen as it is now, %NULL before the
 *   first frame
 * @send_keys: presses @keyvals (GDK key values) in order and releases them
 *   in reverse, as one combination
 * @set_scaling: scale the guest's screen to the widget (%TRUE) or show it at
 *   its own size (%FALSE)
 *
 * The widget that shows one protocol's guest screen.
 */
struct _VdConsoleDisplayClass
{
  GtkBinClass parent_class;

  GdkPixbuf *(*get_pixbuf)  (VdConsoleDisplay *self);
  void       (*send_keys)   (VdConsoleDisplay *self,
                             const guint      *keyvals,
                             guint             n_keyvals);
  void       (*set_scaling) (VdConsoleDisplay *self,
                             gboolean          scaling);
};

GdkPixbuf *vd_console_display_get_pixbuf  (VdConsoleDisplay *self);
void       vd_console_display_send_keys   (VdConsoleDisplay *self,
                                           const guint      *keyvals,
                                           guint             n_keyvals);
gboolean   vd_console_display_get_scaling (VdConsoleDisplay *self);
void       vd_console_display_set_scaling (VdConsoleDisplay *self,
                                           gboolean          scaling);

G_END_DECLS
