/* test-console-usb.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gtk/gtk.h>
#include <libvirt-gobject/libvirt-gobject.h>

#include "vd-console-session-spice.h"
#include "vd-console-usb-list.h"
#include "vd-console-view.h"
#include "vd-preferences-dialog.h"
#include "../vd-test-util.h"
#include "vd-test-ui.h"

/*
 * The console's USB device list (SPICE USB redirection) with a real
 * spice-gtk session, not connected (the test driver has no displays; a
 * real SPICE guest is tests/e2e/test-console.c): the list shows exactly
 * the devices spice-gtk's USB device manager reports on this computer, or
 * says there are none; a guest without USB redirection channels offers
 * "Add a Channel", which adds exactly one <redirdev type='spicevmc'/> to
 * the guest's persistent configuration; without a SPICE session there is
 * nothing to redirect. The view's "usb-devices" action stays off while no
 * SPICE screen is shown.
 */

static guint
count_redirdevs (VdDomain *domain)
{
  g_autofree char *xml = virDomainGetXMLDesc (vd_domain_get_handle (domain),
                                              VIR_DOMAIN_XML_INACTIVE);
  guint n = 0;

  g_assert_nonnull (xml);
  for (const char *p = strstr (xml, "<redirdev"); p != NULL; p = strstr (p + 1, "<redirdev"))
    {
      g_assert_nonnull (strstr (p, "type='spicevmc'"));
      n++;
    }

  return n;
}

static GtkWidget *
new_window (GtkWidget *child)
{
  GtkWidget *window = gtk_window_new (GTK_WINDOW_TOPLEVEL);

  gtk_container_add (GTK_CONTAINER (window), child);
  gtk_widget_show_all (window);

  return window;
}

static void
test_devices (void)
{
  g_autoptr(VdConnection) connection = vd_test_open ("test:///default");
  g_autoptr(VdConsoleSession) session = vd_console_session_spice_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) devices = NULL;
  VdDomain *domain = vd_connection_find_domain_by_name (connection, "test");
  SpiceUsbDeviceManager *manager;
  GtkWidget *list = vd_console_usb_list_new ();
  GtkWidget *window = new_window (list);

  /* spice-gtk here is built with usbredir: the manager exists. */
  manager = vd_console_session_spice_get_usb_manager (VD_CONSOLE_SESSION_SPICE (session), &error);
  g_assert_no_error (error);
  g_assert_nonnull (manager);
  g_assert_cmpuint (vd_console_session_spice_get_n_usb_channels (VD_CONSOLE_SESSION_SPICE (session)),
                    ==, 0);

  g_assert_cmpstr (vd_console_usb_list_get_state (VD_CONSOLE_USB_LIST (list)), ==, "unavailable");

  vd_console_usb_list_set_session (VD_CONSOLE_USB_LIST (list), VD_CONSOLE_SESSION_SPICE (session),
                                   domain, 2);
  devices = spice_usb_device_manager_get_devices (manager);
  g_test_message ("spice-gtk lists %u USB devices on this computer", devices->len);
  g_assert_cmpuint (vd_console_usb_list_get_n_devices (VD_CONSOLE_USB_LIST (list)), ==,
                    devices->len);
  if (devices->len == 0)
    {
      g_assert_cmpstr (vd_console_usb_list_get_state (VD_CONSOLE_USB_LIST (list)), ==, "empty");
      g_assert_true (gtk_widget_is_visible (vd_test_find_by_accessible_name (list,
                                                                             "No USB devices on this computer")));
    }
  else
    {
      g_assert_cmpstr (vd_console_usb_list_get_state (VD_CONSOLE_USB_LIST (list)), ==, "devices");
      for (guint i = 0; i < devices->len; i++)
        {
          GtkWidget *check = vd_console_usb_list_get_row (VD_CONSOLE_USB_LIST (list), i);
          g_autofree char *description =
            spice_usb_device_get_description (g_ptr_array_index (devices, i), "%s %s %s at %d-%d");

          g_assert_nonnull (check);
          g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (check)), ==, description);
          g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (check)));
        }
    }
  g_assert_null (vd_console_usb_list_get_row (VD_CONSOLE_USB_LIST (list), devices->len));

  /* The session goes: nothing to redirect to. */
  vd_console_usb_list_set_session (VD_CONSOLE_USB_LIST (list), NULL, domain, 2);
  g_assert_cmpstr (vd_console_usb_list_get_state (VD_CONSOLE_USB_LIST (list)), ==, "unavailable");
  g_assert_cmpuint (vd_console_usb_list_get_n_devices (VD_CONSOLE_USB_LIST (list)), ==, 0);

  gtk_widget_destroy (window);
  vd_connection_disconnect (connection);
}

static void
test_add_channel (void)
{
  g_autofree char *uri = vd_test_fixture_uri ("usbredir.xml");
  g_autoptr(VdConnection) connection = vd_test_open (uri);
  g_autoptr(VdConsoleSession) session = vd_console_session_spice_new ();
  VdDomain *guest = vd_connection_find_domain_by_name (connection, "nochannel");
  GtkWidget *list = vd_console_usb_list_new ();
  GtkWidget *window = new_window (list);
  GtkWidget *add;
  guint before;

  g_assert_nonnull (guest);
  before = count_redirdevs (guest);
  g_assert_cmpuint (before, ==, 0);

  vd_console_usb_list_set_session (VD_CONSOLE_USB_LIST (list), VD_CONSOLE_SESSION_SPICE (session),
                                   guest, 0);
  g_assert_cmpstr (vd_console_usb_list_get_state (VD_CONSOLE_USB_LIST (list)), ==, "no-channels");
  g_assert_true (gtk_widget_is_visible (vd_test_find_by_accessible_name (list,
                                                                         "This guest has no USB redirection channels")));
  add = vd_test_find_by_accessible_name (list, "Add a Channel");
  g_assert_nonnull (add);
  g_assert_true (gtk_widget_is_sensitive (add));

  gtk_button_clicked (GTK_BUTTON (add));
  g_assert_false (gtk_widget_is_sensitive (add));
  VD_TEST_WAIT_UNTIL (vd_console_usb_list_get_add_result (VD_CONSOLE_USB_LIST (list)) != NULL, 30);
  g_test_message ("%s", vd_console_usb_list_get_add_result (VD_CONSOLE_USB_LIST (list)));
  /* Shut off: it takes effect when the guest starts, and says so. */
  g_assert_nonnull (strstr (vd_console_usb_list_get_add_result (VD_CONSOLE_USB_LIST (list)),
                            "next time the guest starts"));
  g_assert_cmpuint (count_redirdevs (guest), ==, before + 1);
  /* Once: the button does not add a second one. */
  g_assert_false (gtk_widget_is_sensitive (add));
  gtk_button_clicked (GTK_BUTTON (add));
  g_assert_cmpuint (count_redirdevs (guest), ==, before + 1);
  g_assert_null (vd_domain_get_last_error (guest));

  gtk_widget_destroy (window);
  vd_connection_disconnect (connection);
}

/* A guest shown without a SPICE screen (the test driver has none): the
 * view's USB action is off, so the menu item, hidden when its action is
 * disabled, is not offered. */
static void
test_view_action (void)
{
  g_autoptr(VdConnection) connection = vd_test_open ("test:///default");
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  VdDomain *domain = vd_connection_find_domain_by_name (connection, "test");
  GtkWidget *view = vd_console_view_new ();
  GtkWidget *window;

  vd_console_view_add_actions (VD_CONSOLE_VIEW (view), G_ACTION_MAP (group));
  window = new_window (view);
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (group), "usb-devices"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (group), "usb-devices"));
  vd_console_view_set_domain (VD_CONSOLE_VIEW (view), domain);
  VD_TEST_WAIT_UNTIL (g_strcmp0 (vd_console_view_get_page (VD_CONSOLE_VIEW (view)), "connecting") != 0,
                      30);
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (group), "usb-devices"));
  g_action_group_activate_action (G_ACTION_GROUP (group), "usb-devices", NULL);
  g_assert_null (vd_console_view_get_usb_popover (VD_CONSOLE_VIEW (view)));

  gtk_widget_destroy (window);
  vd_connection_disconnect (connection);
}

/* Redirecting devices plugged in later is off unless Preferences says
 * so (spice-gtk's auto-usbredir, per session). */
static void
test_auto_redirect (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.virtdesk.VirtDesk");
  g_autoptr(VdConsoleSession) session = vd_console_session_spice_new ();
  VdConsoleSessionSpice *spice = VD_CONSOLE_SESSION_SPICE (session);
  GtkWidget *dialog;
  GtkWidget *toggle;

  g_assert_false (g_settings_get_boolean (settings, "console-usb-auto-redirect"));
  g_assert_false (vd_console_session_spice_get_usb_auto_redirect (spice));
  vd_console_session_spice_set_usb_auto_redirect (spice, TRUE);
  g_assert_true (vd_console_session_spice_get_usb_auto_redirect (spice));
  vd_console_session_spice_set_usb_auto_redirect (spice, FALSE);
  g_assert_false (vd_console_session_spice_get_usb_auto_redirect (spice));

  dialog = vd_preferences_dialog_new (NULL, settings);
  gtk_widget_show (dialog);
  toggle = vd_test_find_by_accessible_name (dialog,
                                            "Redirect USB devices plugged in while a console is open");
  g_assert_true (GTK_IS_SWITCH (toggle));
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));
  gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
  g_assert_true (g_settings_get_boolean (settings, "console-usb-auto-redirect"));
  g_settings_reset (settings, "console-usb-auto-redirect");
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (toggle)));
  gtk_widget_destroy (dialog);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  gvir_init_object_check (NULL, NULL, NULL);

  g_test_add_func ("/vd/console-usb/devices", test_devices);
  g_test_add_func ("/vd/console-usb/add-channel", test_add_channel);
  g_test_add_func ("/vd/console-usb/view-action", test_view_action);
  g_test_add_func ("/vd/console-usb/auto-redirect", test_auto_redirect);

  return g_test_run ();
}
