/* vd-console-view-usb.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-console-view"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-console-view-private.h"

#ifdef HAVE_SPICE_GTK
# include "vd-console-session-spice.h"
# include "vd-console-usb-list.h"
#endif

/*
 * VdConsoleView, USB redirection: the "usb-devices" action, on while a
 * SPICE display is shown (the menu item is hidden otherwise, so VNC
 * consoles never offer it), opens a popover over the screen listing the
 * host's USB devices (VdConsoleUsbList). The guest's number of
 * <redirdev type='spicevmc'/> comes with the XML the view read to connect.
 * With "console-usb-auto-redirect" on, a device plugged in while the
 * screen has the focus goes to the guest by itself (spice-gtk's
 * auto-usbredir); it is off by default.
 */

#ifdef HAVE_SPICE_GTK
static VdConsoleSessionSpice *
spice_session (VdConsoleView *self)
{
  if (self->session == NULL || !self->initialized ||
      !VD_IS_CONSOLE_SESSION_SPICE (self->session))
    return NULL;

  return VD_CONSOLE_SESSION_SPICE (self->session);
}
#endif

void
_vd_console_view_usb_update (VdConsoleView *self)
{
#ifdef HAVE_SPICE_GTK
  VdConsoleSessionSpice *session = spice_session (self);

  g_simple_action_set_enabled (self->usb_action, session != NULL);
  if (session != NULL)
    vd_console_session_spice_set_usb_auto_redirect (session,
                                                    self->settings != NULL &&
                                                    g_settings_get_boolean (self->settings,
                                                                            "console-usb-auto-redirect"));
  if (session == NULL && self->usb_popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (self->usb_popover));
  if (self->usb_list != NULL)
    vd_console_usb_list_set_session (VD_CONSOLE_USB_LIST (self->usb_list), session, self->domain,
                                     self->usb_redirdevs);
#endif
}

static void
vd_console_view_action_usb_devices_cb (GSimpleAction *action,
                                       GVariant      *param,
                                       gpointer       user_data)
{
#ifdef HAVE_SPICE_GTK
  VdConsoleView *self = user_data;
  GdkRectangle rect = { 0, 0, 1, 1 };

  if (spice_session (self) == NULL)
    return;

  if (self->usb_popover == NULL)
    {
      self->usb_popover = gtk_popover_new (GTK_WIDGET (self->display_box));
      self->usb_list = vd_console_usb_list_new ();
      gtk_widget_show (self->usb_list);
      gtk_container_add (GTK_CONTAINER (self->usb_popover), self->usb_list);
      gtk_popover_set_position (GTK_POPOVER (self->usb_popover), GTK_POS_BOTTOM);
    }

  _vd_console_view_usb_update (self);
  /* Under the top edge of the screen, in the middle. */
  rect.x = gtk_widget_get_allocated_width (GTK_WIDGET (self->display_box)) / 2;
  gtk_popover_set_pointing_to (GTK_POPOVER (self->usb_popover), &rect);
  gtk_popover_popup (GTK_POPOVER (self->usb_popover));
#endif
}

void
_vd_console_view_usb_init (VdConsoleView *self)
{
  self->usb_action = g_simple_action_new ("usb-devices", NULL);
  g_simple_action_set_enabled (self->usb_action, FALSE);
  g_signal_connect_object (self->usb_action, "activate",
                           G_CALLBACK (vd_console_view_action_usb_devices_cb), self, 0);
}

void
_vd_console_view_usb_add_actions (VdConsoleView *self,
                                  GActionMap    *map)
{
  g_action_map_add_action (map, G_ACTION (self->usb_action));
}

void
_vd_console_view_usb_dispose (VdConsoleView *self)
{
  /* The popover would go with the display box; its list's session and
   * guest go now. */
  if (self->usb_popover != NULL)
    gtk_widget_destroy (self->usb_popover);
  self->usb_popover = NULL;
  self->usb_list = NULL;
}

void
_vd_console_view_usb_finalize (VdConsoleView *self)
{
  g_clear_object (&self->usb_action);
}

/**
 * vd_console_view_get_usb_list:
 *
 * Returns: (transfer none) (nullable): the list "usb-devices" shows, once
 *   it was shown
 */
GtkWidget *
vd_console_view_get_usb_list (VdConsoleView *self)
{
  g_return_val_if_fail (VD_IS_CONSOLE_VIEW (self), NULL);

  return self->usb_list;
}

/**
 * vd_console_view_get_usb_popover:
 *
 * Returns: (transfer none) (nullable): the popover "usb-devices" opens
 */
GtkWidget *
vd_console_view_get_usb_popover (VdConsoleView *self)
{
  g_return_val_if_fail (VD_IS_CONSOLE_VIEW (self), NULL);

  return self->usb_popover;
}

/**
 * vd_console_view_get_session:
 *
 * Returns: (transfer none) (nullable): the display session, while one
 *   exists
 */
VdConsoleSession *
vd_console_view_get_session (VdConsoleView *self)
{
  g_return_val_if_fail (VD_IS_CONSOLE_VIEW (self), NULL);

  return self->session;
}
