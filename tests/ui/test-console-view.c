/* test-console-view.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>
#include <libvirt-gobject/libvirt-gobject.h>

#include "vd-console-view.h"
#include "vd-vm-window.h"
#include "../vd-test-util.h"
#include "vd-test-ui.h"

/* Under ASan: the text console's VTE makes GLib outgrow its first block
 * of quarks, which it never frees (tests/lsan.supp). Only a full stack
 * names the constructor that allocated it, so unwind slowly. Never called
 * without a sanitizer. */
const char *__asan_default_options (void);

const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}

/* The console view's pages on the test driver, where no guest has a real
 * display: a shut-off guest shows Run (bound to vm.start), a running guest
 * without graphics says so; the console's own actions stay disabled while
 * no screen is shown. Real displays are tests/e2e/test-console.c. */

static void
start_cb (GSimpleAction *action,
          GVariant      *param,
          gpointer       user_data)
{
  VdDomain *domain = user_data;

  g_object_set_data (G_OBJECT (action), "activated", GINT_TO_POINTER (TRUE));
  vd_domain_start_async (domain, NULL, NULL, NULL);
}

static void
test_inactive_then_run (void)
{
  g_autofree char *uri = vd_test_fixture_uri ("basic.xml");
  g_autoptr(VdConnection) connection = vd_test_open (uri);
  VdDomain *bravo = vd_connection_find_domain_by_name (connection, "bravo");
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) start = g_simple_action_new ("start", NULL);
  GtkWidget *window = gtk_window_new (GTK_WINDOW_TOPLEVEL);
  GtkWidget *view = vd_console_view_new ();
  GtkWidget *run;
  GtkWidget *state;

  g_assert_cmpint (vd_domain_get_state (bravo), ==, VD_DOMAIN_STATE_SHUTOFF);
  g_signal_connect (start, "activate", G_CALLBACK (start_cb), bravo);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (start));
  gtk_widget_insert_action_group (window, "vm", G_ACTION_GROUP (group));
  vd_console_view_set_domain (VD_CONSOLE_VIEW (view), bravo);
  gtk_container_add (GTK_CONTAINER (window), view);
  gtk_widget_show_all (window);
  gtk_test_widget_wait_for_draw (window);

  g_assert_cmpstr (vd_console_view_get_page (VD_CONSOLE_VIEW (view)), ==, "inactive");
  g_assert_false (vd_console_view_get_initialized (VD_CONSOLE_VIEW (view)));
  g_assert_null (vd_console_view_get_display (VD_CONSOLE_VIEW (view)));
  state = vd_test_find_by_accessible_name (view, "Guest state");
  g_assert_true (GTK_IS_LABEL (state));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (state)), ==, "Shut off");

  run = vd_test_find_by_accessible_name (view, "Run");
  g_assert_true (GTK_IS_BUTTON (run));
  g_assert_true (gtk_widget_get_visible (run));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (run)), ==, "vm.start");
  g_assert_true (gtk_widget_is_sensitive (run));
  gtk_button_clicked (GTK_BUTTON (run));
  g_assert_true (g_object_get_data (G_OBJECT (start), "activated"));

  /* The guest starts; the view connects by itself and finds that this
   * guest has no display. */
  VD_TEST_WAIT_UNTIL (g_strcmp0 (vd_console_view_get_page (VD_CONSOLE_VIEW (view)), "error") == 0,
                      30);
  g_assert_true (vd_domain_get_active (bravo));
  g_assert_cmpstr (vd_console_view_get_error (VD_CONSOLE_VIEW (view)), ==,
                   "This guest has no graphical display.");

  /* Stopped again (by someone else): back to the Run page. */
  g_assert_cmpint (virDomainDestroy (vd_domain_get_handle (bravo)), ==, 0);
  VD_TEST_WAIT_UNTIL (!vd_domain_get_active (bravo), 30);
  g_assert_cmpstr (vd_console_view_get_page (VD_CONSOLE_VIEW (view)), ==, "inactive");
  g_assert_null (vd_console_view_get_error (VD_CONSOLE_VIEW (view)));

  gtk_widget_destroy (window);
  vd_connection_disconnect (connection);
}

static void
test_no_display (void)
{
  g_autofree char *uri = vd_test_fixture_uri ("basic.xml");
  g_autoptr(VdConnection) connection = vd_test_open (uri);
  VdDomain *alpha = vd_connection_find_domain_by_name (connection, "alpha");
  GtkWidget *window;
  GActionGroup *vm;
  VdConsoleView *view;
  GtkWidget *message;

  g_assert_true (vd_domain_get_active (alpha));
  window = GTK_WIDGET (vd_vm_window_new (NULL, alpha, NULL));
  gtk_widget_show (window);
  gtk_test_widget_wait_for_draw (window);

  /* The Console tab is the first page, and it is the console view. */
  g_assert_cmpstr (vd_vm_window_get_page (VD_VM_WINDOW (window)), ==, "console");
  view = VD_CONSOLE_VIEW (gtk_widget_get_template_child (window, VD_TYPE_VM_WINDOW,
                                                         "console_view"));
  g_assert_true (VD_IS_CONSOLE_VIEW (view));
  g_assert_true (vd_console_view_get_domain (view) == alpha);

  VD_TEST_WAIT_UNTIL (g_strcmp0 (vd_console_view_get_page (view), "error") == 0, 30);
  g_assert_cmpstr (vd_console_view_get_error (view), ==, "This guest has no graphical display.");
  message = vd_test_find_by_accessible_name (GTK_WIDGET (view), "Console error");
  g_assert_true (GTK_IS_LABEL (message));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (message)), ==,
                   "This guest has no graphical display.");

  /* No screen: nothing to send keys to or take a picture of. */
  vm = gtk_widget_get_action_group (window, "vm");
  g_assert_true (g_action_group_has_action (vm, "send-key"));
  g_assert_true (g_action_group_has_action (vm, "screenshot"));
  g_assert_false (g_action_group_get_action_enabled (vm, "send-key"));
  g_assert_false (g_action_group_get_action_enabled (vm, "screenshot"));

  /* Retry asks again, and gets the same answer. */
  gtk_button_clicked (GTK_BUTTON (vd_test_find_by_accessible_name (GTK_WIDGET (view), "Retry")));
  g_assert_cmpstr (vd_console_view_get_page (view), ==, "connecting");
  VD_TEST_WAIT_UNTIL (g_strcmp0 (vd_console_view_get_page (view), "error") == 0, 30);
  g_assert_cmpstr (vd_console_view_get_error (view), ==, "This guest has no graphical display.");

  /* Closed the way its close button does it (a delete event). */
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *)&window);
  gtk_window_close (GTK_WINDOW (window));
  VD_TEST_WAIT_UNTIL (window == NULL, 10);
  vd_connection_disconnect (connection);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  gvir_init_object_check (NULL, NULL, NULL);

  g_test_add_func ("/vd/console-view/inactive-then-run", test_inactive_then_run);
  g_test_add_func ("/vd/console-view/no-display", test_no_display);

  return g_test_run ();
}
