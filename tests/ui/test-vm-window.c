/* test-vm-window.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>
#include <libvirt-gobject/libvirt-gobject.h>

#include "vd-confirm-dialog.h"
#include "vd-vm-window.h"
#include "../vd-test-util.h"
#include "vd-test-ui.h"

/* The guest window's power controls on a test driver host: each action is
 * enabled only when it applies, changes the real guest, and the window
 * follows the guest's state through libvirt events. */

static gboolean
enabled (GActionGroup *group,
         const char   *name)
{
  return g_action_group_get_action_enabled (group, name);
}

static const char *
detail_text (GtkWidget  *window,
             const char *name)
{
  GtkWidget *label = vd_test_find_by_accessible_name (window, name);

  g_assert_true (GTK_IS_LABEL (label));
  return gtk_label_get_text (GTK_LABEL (label));
}

static void
test_vm_window_lifecycle (void)
{
  g_autofree char *uri = vd_test_fixture_uri ("basic.xml");
  g_autoptr(VdConnection) connection = vd_test_open (uri);
  g_autoptr(GSettings) settings = g_settings_new ("io.github.virtdesk.VirtDesk");
  VdDomain *alpha = vd_connection_find_domain_by_name (connection, "alpha");
  GtkWidget *window;
  GActionGroup *vm;
  VdConfirmDialog *dialog;

  g_settings_reset (settings, "confirm-force-off");

  window = GTK_WIDGET (vd_vm_window_new (NULL, alpha, settings));
  gtk_widget_show (window);
  gtk_test_widget_wait_for_draw (window);
  vm = gtk_widget_get_action_group (window, "vm");
  g_assert_nonnull (vm);

  /* What the details page shows comes from the guest. */
  vd_vm_window_set_page (VD_VM_WINDOW (window), "details");
  g_assert_cmpstr (vd_vm_window_get_page (VD_VM_WINDOW (window)), ==, "details");
  g_assert_cmpstr (detail_text (window, "Name"), ==, "alpha");
  g_assert_cmpstr (detail_text (window, "Title"), ==, "Web server");
  g_assert_cmpstr (detail_text (window, "State"), ==, "Running");

  g_assert_cmpint (vd_domain_get_state (alpha), ==, VD_DOMAIN_STATE_RUNNING);
  g_assert_false (enabled (vm, "start"));
  g_assert_false (enabled (vm, "resume"));
  g_assert_true (enabled (vm, "pause"));
  g_assert_true (enabled (vm, "force-off"));

  g_action_group_activate_action (vm, "pause", NULL);
  VD_TEST_WAIT_UNTIL (vd_domain_get_state (alpha) == VD_DOMAIN_STATE_PAUSED &&
                      !vd_domain_get_busy (alpha), 30);
  g_assert_false (enabled (vm, "pause"));
  g_assert_true (enabled (vm, "resume"));
  g_assert_cmpstr (detail_text (window, "State"), ==, "Paused");

  g_action_group_activate_action (vm, "resume", NULL);
  VD_TEST_WAIT_UNTIL (vd_domain_get_state (alpha) == VD_DOMAIN_STATE_RUNNING &&
                      !vd_domain_get_busy (alpha), 30);

  /* Force off asks first, naming the guest; cancelling changes nothing. */
  g_action_group_activate_action (vm, "force-off", NULL);
  dialog = vd_test_find_confirm_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Force off “alpha”?");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (dialog),
                                                                                  VD_TYPE_CONFIRM_DIALOG,
                                                                                  "items_label"))),
                   ==, "alpha");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  g_assert_null (vd_test_find_confirm_dialog ());
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpint (vd_domain_get_state (alpha), ==, VD_DOMAIN_STATE_RUNNING);

  g_action_group_activate_action (vm, "force-off", NULL);
  dialog = vd_test_find_confirm_dialog ();
  g_assert_nonnull (dialog);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  VD_TEST_WAIT_UNTIL (vd_domain_get_state (alpha) == VD_DOMAIN_STATE_SHUTOFF &&
                      !vd_domain_get_busy (alpha), 30);
  g_assert_true (enabled (vm, "start"));
  g_assert_false (enabled (vm, "force-off"));
  g_assert_cmpstr (detail_text (window, "State"), ==, "Shut off");

  /* With the question turned off in Preferences, it runs at once. */
  g_action_group_activate_action (vm, "start", NULL);
  VD_TEST_WAIT_UNTIL (vd_domain_get_state (alpha) == VD_DOMAIN_STATE_RUNNING &&
                      !vd_domain_get_busy (alpha), 30);
  g_settings_set_boolean (settings, "confirm-force-off", FALSE);
  g_action_group_activate_action (vm, "force-off", NULL);
  g_assert_null (vd_test_find_confirm_dialog ());
  VD_TEST_WAIT_UNTIL (vd_domain_get_state (alpha) == VD_DOMAIN_STATE_SHUTOFF &&
                      !vd_domain_get_busy (alpha), 30);
  g_settings_reset (settings, "confirm-force-off");

  gtk_widget_destroy (window);
  vd_connection_disconnect (connection);
}

static void
test_vm_window_save (void)
{
  g_autofree char *uri = vd_test_fixture_uri ("basic.xml");
  g_autoptr(VdConnection) connection = vd_test_open (uri);
  VdDomain *alpha = vd_connection_find_domain_by_name (connection, "alpha");
  GtkWidget *window;
  GActionGroup *vm;

  window = GTK_WIDGET (vd_vm_window_new (NULL, alpha, NULL));
  gtk_widget_show (window);
  vm = gtk_widget_get_action_group (window, "vm");

  /* Opening the window re-reads the guest without blocking its controls. */
  g_assert_false (vd_domain_get_busy (alpha));
  g_assert_true (enabled (vm, "save"));
  g_action_group_activate_action (vm, "save", NULL);
  VD_TEST_WAIT_UNTIL (vd_domain_get_state (alpha) == VD_DOMAIN_STATE_SAVED &&
                      !vd_domain_get_busy (alpha), 30);
  g_assert_true (vd_domain_get_has_managed_save (alpha));
  g_assert_false (enabled (vm, "save"));
  g_assert_true (enabled (vm, "start"));

  /* Starting a saved guest restores it. */
  g_action_group_activate_action (vm, "start", NULL);
  VD_TEST_WAIT_UNTIL (vd_domain_get_state (alpha) == VD_DOMAIN_STATE_RUNNING &&
                      !vd_domain_get_busy (alpha), 30);
  g_assert_false (vd_domain_get_has_managed_save (alpha));

  gtk_widget_destroy (window);
  vd_connection_disconnect (connection);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  gvir_init_object_check (NULL, NULL, NULL);

  g_test_add_func ("/vd/vm-window/lifecycle", test_vm_window_lifecycle);
  g_test_add_func ("/vd/vm-window/save", test_vm_window_save);

  return g_test_run ();
}
