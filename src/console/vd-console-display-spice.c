/* vd-console-display-spice.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>

#include "vd-console-display-spice.h"

/*
 * A spice-gtk SpiceDisplay (the guest's first monitor) as a
 * VdConsoleDisplay. The session (VdConsoleSessionSpice) drives the
 * connection and attaches the SpiceDisplay when the display channel
 * appears (spice-gtk's widget wants the main channel up by then); this
 * widget only draws and forwards input.
 */

struct _VdConsoleDisplaySpice
{
  VdConsoleDisplay  parent_instance;

  SpiceDisplay     *spice;
  gboolean          keyboard_grabbed;
  gboolean          mouse_grabbed;
};

G_DEFINE_FINAL_TYPE (VdConsoleDisplaySpice, vd_console_display_spice, VD_TYPE_CONSOLE_DISPLAY)

static GdkPixbuf *
vd_console_display_spice_get_pixbuf (VdConsoleDisplay *display)
{
  VdConsoleDisplaySpice *self = VD_CONSOLE_DISPLAY_SPICE (display);
  gboolean ready = FALSE;

  /* No primary surface yet (or any more): nothing to read. */
  if (self->spice == NULL)
    return NULL;
  g_object_get (self->spice, "ready", &ready, NULL);
  if (!ready)
    return NULL;

  return spice_display_get_pixbuf (self->spice);
}

static void
vd_console_display_spice_send_keys (VdConsoleDisplay *display,
                                    const guint      *keyvals,
                                    guint             n_keyvals)
{
  VdConsoleDisplaySpice *self = VD_CONSOLE_DISPLAY_SPICE (display);

  if (self->spice != NULL)
    spice_display_send_keys (self->spice, keyvals, (int)n_keyvals, SPICE_DISPLAY_KEY_EVENT_CLICK);
}

static void
vd_console_display_spice_sync (VdConsoleDisplay *display)
{
  VdConsoleDisplaySpice *self = VD_CONSOLE_DISPLAY_SPICE (display);
  guint n_keys;
  const guint *keys;
  SpiceGrabSequence *sequence;

  if (self->spice == NULL)
    return;

  keys = vd_console_display_get_grab_keys (display, &n_keys);
  sequence = spice_grab_sequence_new (n_keys, (guint *)keys);
  g_object_set (self->spice,
                "scaling", vd_console_display_get_scaling (display),
                "resize-guest", vd_console_display_get_resize_guest (display),
                "zoom-level", (int)vd_console_display_get_zoom (display),
                NULL);
  /* spice-gtk keeps a copy. */
  spice_display_set_grab_keys (self->spice, sequence);
  spice_grab_sequence_free (sequence);
}

static void
update_grabbed (VdConsoleDisplaySpice *self)
{
  _vd_console_display_set_grabbed (VD_CONSOLE_DISPLAY (self),
                                   self->keyboard_grabbed || self->mouse_grabbed);
}

static void
keyboard_grab_cb (VdConsoleDisplaySpice *self,
                  int                    grabbed)
{
  self->keyboard_grabbed = grabbed != 0;
  update_grabbed (self);
}

static void
mouse_grab_cb (VdConsoleDisplaySpice *self,
               int                    grabbed)
{
  self->mouse_grabbed = grabbed != 0;
  update_grabbed (self);
}

static void
vd_console_display_spice_dispose (GObject *object)
{
  VdConsoleDisplaySpice *self = VD_CONSOLE_DISPLAY_SPICE (object);

  /* The child goes with the chain-up; the weak pointer goes first in case
   * someone else still holds the child. */
  if (self->spice != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->spice), (gpointer *)&self->spice);
      self->spice = NULL;
    }

  G_OBJECT_CLASS (vd_console_display_spice_parent_class)->dispose (object);
}

static void
vd_console_display_spice_class_init (VdConsoleDisplaySpiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  VdConsoleDisplayClass *display_class = VD_CONSOLE_DISPLAY_CLASS (klass);

  object_class->dispose = vd_console_display_spice_dispose;

  display_class->get_pixbuf = vd_console_display_spice_get_pixbuf;
  display_class->send_keys = vd_console_display_spice_send_keys;
  display_class->sync = vd_console_display_spice_sync;
}

static void
vd_console_display_spice_init (VdConsoleDisplaySpice *self)
{
}

VdConsoleDisplay *
vd_console_display_spice_new (void)
{
  return g_object_new (VD_TYPE_CONSOLE_DISPLAY_SPICE, NULL);
}

/**
 * vd_console_display_spice_attach:
 * @session: the session with the display channel
 * @channel_id: the display channel's id
 *
 * Shows the display channel that just appeared; once only.
 *
 * Returns: (transfer none): the spice-gtk widget
 */
SpiceDisplay *
vd_console_display_spice_attach (VdConsoleDisplaySpice *self,
                                 SpiceSession          *session,
                                 int                    channel_id)
{
  g_return_val_if_fail (VD_IS_CONSOLE_DISPLAY_SPICE (self), NULL);
  g_return_val_if_fail (SPICE_IS_SESSION (session), NULL);
  g_return_val_if_fail (self->spice == NULL, self->spice);

  self->spice = spice_display_new (session, channel_id);
  /* Destroyed with this widget, or by vd_console_display_spice_detach(). */
  g_object_add_weak_pointer (G_OBJECT (self->spice), (gpointer *)&self->spice);
  vd_console_display_spice_sync (VD_CONSOLE_DISPLAY (self));
  g_signal_connect_object (self->spice, "keyboard-grab", G_CALLBACK (keyboard_grab_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->spice, "mouse-grab", G_CALLBACK (mouse_grab_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_set_hexpand (GTK_WIDGET (self->spice), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->spice), TRUE);
  atk_object_set_name (gtk_widget_get_accessible (GTK_WIDGET (self->spice)), _("Guest screen"));
  gtk_container_add (GTK_CONTAINER (self), GTK_WIDGET (self->spice));
  gtk_widget_show (GTK_WIDGET (self->spice));

  return self->spice;
}

/**
 * vd_console_display_spice_get_display:
 *
 * Returns: (transfer none) (nullable): the spice-gtk widget, once attached
 */
SpiceDisplay *
vd_console_display_spice_get_display (VdConsoleDisplaySpice *self)
{
  g_return_val_if_fail (VD_IS_CONSOLE_DISPLAY_SPICE (self), NULL);

  return self->spice;
}

/**
 * vd_console_display_spice_detach:
 *
 * Destroys the spice-gtk widget, if any, while its session still exists:
 * a SpiceDisplay that outlives its SpiceSession (kept by a parent, or by a
 * reference of its own) calls into the gone session when it loses focus
 * or goes away (spice-gtk's "SPICE_IS_SESSION" criticals).
 */
void
vd_console_display_spice_detach (VdConsoleDisplaySpice *self)
{
  g_return_if_fail (VD_IS_CONSOLE_DISPLAY_SPICE (self));

  if (self->spice == NULL)
    return;
  g_signal_handlers_disconnect_by_data (self->spice, self);
  /* (The weak pointer clears self->spice.) */
  gtk_widget_destroy (GTK_WIDGET (self->spice));
}
