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
 * @sync: pushes the view options (vd_console_display_get_scaling(),
 *   _get_resize_guest(), _get_zoom(), _get_grab_keys()) into the protocol
 *   widget; called whenever one changes
 *
 * The widget that shows one protocol's guest screen. A subclass reports
 * its keyboard or pointer grab with _vd_console_display_set_grabbed().
 */
struct _VdConsoleDisplayClass
{
  GtkBinClass parent_class;

  GdkPixbuf *(*get_pixbuf)  (VdConsoleDisplay *self);
  void       (*send_keys)   (VdConsoleDisplay *self,
                             const guint      *keyvals,
                             guint             n_keyvals);
  void       (*sync)        (VdConsoleDisplay *self);
};

#define VD_CONSOLE_DISPLAY_ZOOM_MIN 25
#define VD_CONSOLE_DISPLAY_ZOOM_MAX 400

GdkPixbuf   *vd_console_display_get_pixbuf       (VdConsoleDisplay *self);
void         vd_console_display_send_keys        (VdConsoleDisplay *self,
                                                  const guint      *keyvals,
                                                  guint             n_keyvals);
gboolean     vd_console_display_get_scaling      (VdConsoleDisplay *self);
void         vd_console_display_set_scaling      (VdConsoleDisplay *self,
                                                  gboolean          scaling);
gboolean     vd_console_display_get_resize_guest (VdConsoleDisplay *self);
void         vd_console_display_set_resize_guest (VdConsoleDisplay *self,
                                                  gboolean          resize_guest);
guint        vd_console_display_get_zoom         (VdConsoleDisplay *self);
void         vd_console_display_set_zoom         (VdConsoleDisplay *self,
                                                  guint             percent);
const guint *vd_console_display_get_grab_keys    (VdConsoleDisplay *self,
                                                  guint            *n_keyvals);
void         vd_console_display_set_grab_keys    (VdConsoleDisplay *self,
                                                  const guint      *keyvals,
                                                  guint             n_keyvals);
gboolean     vd_console_display_get_grabbed      (VdConsoleDisplay *self);

void         _vd_console_display_set_grabbed     (VdConsoleDisplay *self,
                                                  gboolean          grabbed);

G_END_DECLS
