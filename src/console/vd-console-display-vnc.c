/* vd-console-display-vnc.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-console-display-vnc"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-console-display-vnc.h"

/*
 * A gtk-vnc VncDisplay as a VdConsoleDisplay. The session (VdConsoleSessionVnc)
 * drives the connection; this widget only draws and forwards input.
 */

struct _VdConsoleDisplayVnc
{
  VdConsoleDisplay  parent_instance;

  VncDisplay       *vnc;
  gboolean          keyboard_grabbed;
  gboolean          pointer_grabbed;
};

G_DEFINE_FINAL_TYPE (VdConsoleDisplayVnc, vd_console_display_vnc, VD_TYPE_CONSOLE_DISPLAY)

static GdkPixbuf *
vd_console_display_vnc_get_pixbuf (VdConsoleDisplay *display)
{
  VdConsoleDisplayVnc *self = VD_CONSOLE_DISPLAY_VNC (display);

  if (!vnc_display_is_open (self->vnc))
    return NULL;

  return vnc_display_get_pixbuf (self->vnc);
}

static void
vd_console_display_vnc_send_keys (VdConsoleDisplay *display,
                                  const guint      *keyvals,
                                  guint             n_keyvals)
{
  VdConsoleDisplayVnc *self = VD_CONSOLE_DISPLAY_VNC (display);

  vnc_display_send_keys (self->vnc, keyvals, (int)n_keyvals);
}

static void
vd_console_display_vnc_sync (VdConsoleDisplay *display)
{
  VdConsoleDisplayVnc *self = VD_CONSOLE_DISPLAY_VNC (display);
  guint n_keys;
  const guint *keys = vd_console_display_get_grab_keys (display, &n_keys);
  VncGrabSequence *sequence = vnc_grab_sequence_new (n_keys, (guint *)keys);

  vnc_display_set_scaling (self->vnc, vd_console_display_get_scaling (display));
  /* Only where the server offers it (ExtendedDesktopSize). */
  vnc_display_set_allow_resize (self->vnc, vd_console_display_get_resize_guest (display));
  vnc_display_set_zoom_level (self->vnc, vd_console_display_get_zoom (display));
  /* gtk-vnc keeps a copy. */
  vnc_display_set_grab_keys (self->vnc, sequence);
  vnc_grab_sequence_free (sequence);
}

static void
update_grabbed (VdConsoleDisplayVnc *self)
{
  _vd_console_display_set_grabbed (VD_CONSOLE_DISPLAY (self),
                                   self->keyboard_grabbed || self->pointer_grabbed);
}

static void
keyboard_grab_cb (VdConsoleDisplayVnc *self)
{
  self->keyboard_grabbed = TRUE;
  update_grabbed (self);
}

static void
keyboard_ungrab_cb (VdConsoleDisplayVnc *self)
{
  self->keyboard_grabbed = FALSE;
  update_grabbed (self);
}

static void
pointer_grab_cb (VdConsoleDisplayVnc *self)
{
  self->pointer_grabbed = TRUE;
  update_grabbed (self);
}

static void
pointer_ungrab_cb (VdConsoleDisplayVnc *self)
{
  self->pointer_grabbed = FALSE;
  update_grabbed (self);
}

static void
vd_console_display_vnc_class_init (VdConsoleDisplayVncClass *klass)
{
  VdConsoleDisplayClass *display_class = VD_CONSOLE_DISPLAY_CLASS (klass);

  display_class->get_pixbuf = vd_console_display_vnc_get_pixbuf;
  display_class->send_keys = vd_console_display_vnc_send_keys;
  display_class->sync = vd_console_display_vnc_sync;
}

static void
vd_console_display_vnc_init (VdConsoleDisplayVnc *self)
{
  self->vnc = VNC_DISPLAY (vnc_display_new ());
  vd_console_display_vnc_sync (VD_CONSOLE_DISPLAY (self));
  /* The guest's pointer, drawn by the guest: no local cursor on top. */
  vnc_display_set_pointer_local (self->vnc, FALSE);
  /* Keys the desktop would take (Alt+Tab…) go to the guest while the
   * display has the keyboard; a click grabs the pointer. */
  vnc_display_set_keyboard_grab (self->vnc, TRUE);
  vnc_display_set_pointer_grab (self->vnc, TRUE);
  g_signal_connect_object (self->vnc, "vnc-keyboard-grab", G_CALLBACK (keyboard_grab_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->vnc, "vnc-keyboard-ungrab", G_CALLBACK (keyboard_ungrab_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->vnc, "vnc-pointer-grab", G_CALLBACK (pointer_grab_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->vnc, "vnc-pointer-ungrab", G_CALLBACK (pointer_ungrab_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_set_hexpand (GTK_WIDGET (self->vnc), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->vnc), TRUE);
  atk_object_set_name (gtk_widget_get_accessible (GTK_WIDGET (self->vnc)), _("Guest screen"));
  gtk_container_add (GTK_CONTAINER (self), GTK_WIDGET (self->vnc));
  gtk_widget_show (GTK_WIDGET (self->vnc));
}

VdConsoleDisplay *
vd_console_display_vnc_new (void)
{
  return g_object_new (VD_TYPE_CONSOLE_DISPLAY_VNC, NULL);
}

/**
 * vd_console_display_vnc_get_vnc:
 *
 * Returns: (transfer none): the gtk-vnc widget
 */
VncDisplay *
vd_console_display_vnc_get_vnc (VdConsoleDisplayVnc *self)
{
  g_return_val_if_fail (VD_IS_CONSOLE_DISPLAY_VNC (self), NULL);

  return self->vnc;
}
