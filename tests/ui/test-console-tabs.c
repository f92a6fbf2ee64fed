/* test-console-tabs.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>
#include <libvirt-gobject/libvirt-gobject.h>

#include "vd-connection-manager.h"
#include "vd-console-tabs-window.h"
#include "vd-manager-window.h"
#include "../vd-test-util.h"
#include "vd-test-ui.h"

/* Under ASan: VTE makes GLib outgrow its first block of quarks, which it
 * never frees (tests/lsan.supp); only a full stack names it. */
const char *__asan_default_options (void);

const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}

/*
 * Consoles as tabs, on the test driver (tests/data/basic.xml: alpha runs
 * without a display, bravo is shut off): the manager's Open Console in Tab
 * on two selected guests gives one window with two tabs; a guest opened
 * again is brought forward, not doubled; each tab's own actions (Run) work;
 * tabs reorder; the close buttons end each console (the view is finalized)
 * and the last one takes the window. Real pixels in a tab are
 * tests/e2e/test-console.c (/vd/e2e/console/tabs).
 */

static gboolean
is_page (VdConsoleView *view,
         const char    *page)
{
  return g_strcmp0 (vd_console_view_get_page (view), page) == 0;
}

static GtkWidget *
tab_label (GtkNotebook *notebook,
           int          position)
{
  return gtk_notebook_get_tab_label (notebook, gtk_notebook_get_nth_page (notebook, position));
}

static void
test_tabs (void)
{
  g_autofree char *uri = vd_test_fixture_uri ("basic.xml");
  g_autoptr(GSettings) settings = g_settings_new ("io.github.virtdesk.VirtDesk");
  g_autoptr(VdConnectionManager) manager = NULL;
  VdConnection *connection;
  VdManagerWindow *window;
  VdConsoleTabsWindow *tabs;
  VdDomain *alpha, *bravo;
  VdDomain *selection[2];
  VdConsoleView *alpha_view, *bravo_view;
  GtkNotebook *notebook;
  GtkWidget *run, *close;
  GActionGroup *vm;

  g_settings_reset (settings, "connections");
  manager = vd_connection_manager_new (settings);
  connection = vd_connection_manager_add (manager, uri, FALSE);
  window = vd_manager_window_new (NULL, manager, settings);
  gtk_window_present (GTK_WINDOW (window));
  vd_manager_window_connect (window, connection);
  VD_TEST_WAIT_UNTIL (vd_connection_get_state (connection) == VD_CONNECTION_STATE_CONNECTED, 10);
  alpha = vd_connection_find_domain_by_name (connection, "alpha");
  bravo = vd_connection_find_domain_by_name (connection, "bravo");
  g_assert_nonnull (alpha);
  g_assert_nonnull (bravo);

  /* Nothing selected: nothing to open. */
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window),
                                                     "open-console-tab"));
  g_assert_null (vd_console_tabs_window_find (NULL));

  selection[0] = alpha;
  selection[1] = bravo;
  vd_manager_window_select_domains (window, selection, 2);
  VD_TEST_WAIT_UNTIL (g_action_group_get_action_enabled (G_ACTION_GROUP (window),
                                                         "open-console-tab"), 10);
  g_action_group_activate_action (G_ACTION_GROUP (window), "open-console-tab", NULL);
  tabs = vd_console_tabs_window_find (NULL);
  g_assert_true (VD_IS_CONSOLE_TABS_WINDOW (tabs));
  g_object_add_weak_pointer (G_OBJECT (tabs), (gpointer *)&tabs);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (tabs));
  notebook = vd_console_tabs_window_get_notebook (tabs);

  g_assert_cmpuint (vd_console_tabs_window_get_n_tabs (tabs), ==, 2);
  g_assert_true (vd_console_tabs_window_get_domain (tabs, 0) == alpha);
  g_assert_true (vd_console_tabs_window_get_domain (tabs, 1) == bravo);
  g_assert_true (vd_console_tabs_window_get_current (tabs) == bravo);
  alpha_view = vd_console_tabs_window_get_view (tabs, alpha);
  bravo_view = vd_console_tabs_window_get_view (tabs, bravo);
  g_assert_true (VD_IS_CONSOLE_VIEW (alpha_view));
  g_assert_true (vd_console_view_get_domain (alpha_view) == alpha);
  g_assert_true (vd_console_view_get_domain (bravo_view) == bravo);
  g_object_add_weak_pointer (G_OBJECT (alpha_view), (gpointer *)&alpha_view);
  g_object_add_weak_pointer (G_OBJECT (bravo_view), (gpointer *)&bravo_view);

  /* The guest window's own console: alpha says it has no display. */
  VD_TEST_WAIT_UNTIL (is_page (alpha_view, "error"), 30);
  g_assert_cmpstr (vd_console_view_get_error (alpha_view), ==,
                   "This guest has no graphical display.");

  /* Opened again (alpha alone): brought forward, not a third tab. */
  vd_manager_window_select_domains (window, selection, 1);
  g_action_group_activate_action (G_ACTION_GROUP (window), "open-console-tab", NULL);
  g_assert_true (vd_console_tabs_window_find (NULL) == tabs);
  g_assert_cmpuint (vd_console_tabs_window_get_n_tabs (tabs), ==, 2);
  g_assert_true (vd_console_tabs_window_get_current (tabs) == alpha);
  /* The header bar's console menu acts on the tab shown. */
  vm = gtk_widget_get_action_group (GTK_WIDGET (tabs), "vm");
  g_assert_true (g_action_group_has_action (vm, "text-console"));
  g_assert_true (g_action_group_has_action (vm, "forget-password"));
  g_assert_false (g_action_group_get_action_enabled (vm, "start"));

  /* bravo's tab: Run starts bravo, through that tab's own vm.start. */
  gtk_notebook_set_current_page (notebook, 1);
  g_assert_true (vd_console_tabs_window_get_current (tabs) == bravo);
  g_assert_true (is_page (bravo_view, "inactive"));
  run = vd_test_find_by_accessible_name (GTK_WIDGET (bravo_view), "Run");
  g_assert_true (GTK_IS_BUTTON (run));
  VD_TEST_WAIT_UNTIL (gtk_widget_is_sensitive (run), 10);
  gtk_button_clicked (GTK_BUTTON (run));
  VD_TEST_WAIT_UNTIL (vd_domain_get_active (bravo), 30);
  VD_TEST_WAIT_UNTIL (is_page (bravo_view, "error"), 30);

  /* Reordered by dragging (what the notebook does on a drop). */
  g_assert_true (gtk_notebook_get_tab_reorderable (notebook,
                                                   gtk_notebook_get_nth_page (notebook, 1)));
  gtk_notebook_reorder_child (notebook, gtk_notebook_get_nth_page (notebook, 1), 0);
  g_assert_true (vd_console_tabs_window_get_domain (tabs, 0) == bravo);
  g_assert_true (vd_console_tabs_window_get_domain (tabs, 1) == alpha);

  /* Each tab: the guest's name and a close button with a name. */
  close = vd_test_find_by_accessible_name (tab_label (notebook, 0), "bravo");
  g_assert_true (GTK_IS_LABEL (close));
  g_assert_nonnull (vd_test_find_by_accessible_name (tab_label (notebook, 0),
                                                     "Close the console of bravo"));
  close = vd_test_find_by_accessible_name (tab_label (notebook, 1), "Close the console of alpha");
  g_assert_true (GTK_IS_BUTTON (close));
  gtk_button_clicked (GTK_BUTTON (close));
  g_assert_cmpuint (vd_console_tabs_window_get_n_tabs (tabs), ==, 1);
  g_assert_null (vd_console_tabs_window_get_view (tabs, alpha));
  /* Its view is gone with its session. */
  VD_TEST_WAIT_UNTIL (alpha_view == NULL, 10);
  g_assert_nonnull (bravo_view);
  g_assert_true (vd_console_tabs_window_get_current (tabs) == bravo);

  /* The last tab takes the window. */
  g_assert_true (vd_console_tabs_window_close_tab (tabs, bravo));
  VD_TEST_WAIT_UNTIL (bravo_view == NULL, 10);
  VD_TEST_WAIT_UNTIL (tabs == NULL, 10);
  g_assert_null (vd_console_tabs_window_find (NULL));

  gtk_widget_destroy (GTK_WIDGET (window));
  g_object_run_dispose (G_OBJECT (manager));
}

/* What GtkNotebook does with a tab dropped on another notebook of its
 * group (gtknotebook.c, do_detach_tab): the same page and label, moved. */
static void
move_tab (GtkNotebook *from,
          GtkWidget   *page,
          GtkNotebook *to)
{
  g_autoptr(GtkWidget) child = g_object_ref (page);
  g_autoptr(GtkWidget) label = g_object_ref (gtk_notebook_get_tab_label (from, page));

  gtk_notebook_detach_tab (from, page);
  gtk_notebook_append_page (to, child, label);
}

static VdConsoleTabsWindow *
notebook_window (GtkNotebook *notebook)
{
  return VD_CONSOLE_TABS_WINDOW (gtk_widget_get_toplevel (GTK_WIDGET (notebook)));
}

/* Tabs drag out into a window of their own (the notebook's create-window,
 * emitted as GTK does for a drop outside any window) and between such
 * windows; a moved tab keeps its view and session and answers to its new
 * window (header bar menu, Run); a guest in a tab of either window is
 * brought forward, not opened twice; an emptied window goes; closing a
 * tab ends only that console. */
static void
test_drag_out (void)
{
  g_autofree char *uri = vd_test_fixture_uri ("basic.xml");
  g_autoptr(VdConnection) connection = vd_test_open (uri);
  VdConsoleTabsWindow *tabs = vd_console_tabs_window_new (NULL, NULL);
  VdConsoleTabsWindow *other = NULL;
  VdDomain *alpha = vd_connection_find_domain_by_name (connection, "alpha");
  VdDomain *bravo = vd_connection_find_domain_by_name (connection, "bravo");
  VdConsoleView *alpha_view, *bravo_view;
  GtkNotebook *notebook = vd_console_tabs_window_get_notebook (tabs);
  GtkNotebook *new_notebook = NULL;
  GtkWidget *page;
  GtkWidget *run;

  g_object_add_weak_pointer (G_OBJECT (tabs), (gpointer *)&tabs);
  vd_console_tabs_window_open (tabs, alpha);
  vd_console_tabs_window_open (tabs, bravo);
  gtk_window_present (GTK_WINDOW (tabs));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (tabs));
  alpha_view = vd_console_tabs_window_get_view (tabs, alpha);
  bravo_view = vd_console_tabs_window_get_view (tabs, bravo);
  g_object_add_weak_pointer (G_OBJECT (alpha_view), (gpointer *)&alpha_view);
  g_object_add_weak_pointer (G_OBJECT (bravo_view), (gpointer *)&bravo_view);

  g_assert_cmpstr (gtk_notebook_get_group_name (notebook), ==, "vd-console-tabs");
  page = gtk_notebook_get_nth_page (notebook, 1);
  g_assert_true (gtk_notebook_get_tab_detachable (notebook, page));
  g_assert_true (gtk_notebook_get_tab_detachable (notebook, gtk_notebook_get_nth_page (notebook, 0)));

  /* bravo's tab dropped outside: a new window with it alone. */
  g_signal_emit_by_name (notebook, "create-window", page, 100, 100, &new_notebook);
  g_assert_true (GTK_IS_NOTEBOOK (new_notebook));
  g_assert_true (new_notebook != notebook);
  other = notebook_window (new_notebook);
  g_object_add_weak_pointer (G_OBJECT (other), (gpointer *)&other);
  move_tab (notebook, page, new_notebook);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (other));

  g_assert_cmpuint (vd_console_tabs_window_get_n_tabs (tabs), ==, 1);
  g_assert_cmpuint (vd_console_tabs_window_get_n_tabs (other), ==, 1);
  g_assert_true (vd_console_tabs_window_get_domain (tabs, 0) == alpha);
  g_assert_true (vd_console_tabs_window_get_current (other) == bravo);
  /* The same view and session, not a new console. */
  g_assert_true (vd_console_tabs_window_get_view (other, bravo) == bravo_view);
  g_assert_true (vd_console_view_get_domain (bravo_view) == bravo);
  g_assert_true (gtk_notebook_get_tab_detachable (new_notebook, page));
  /* The new window's header bar menu acts on it. */
  g_assert_true (g_action_group_has_action (gtk_widget_get_action_group (GTK_WIDGET (other), "vm"),
                                            "start"));
  g_assert_true (gtk_widget_get_action_group (GTK_WIDGET (other), "vm") ==
                 gtk_widget_get_action_group (page, "vm"));

  /* Opening bravo again brings its tab in the other window forward. */
  vd_console_tabs_window_open (tabs, bravo);
  g_assert_cmpuint (vd_console_tabs_window_get_n_tabs (tabs), ==, 1);
  g_assert_cmpuint (vd_console_tabs_window_get_n_tabs (other), ==, 1);

  /* Its Run button, in its new window, still starts it. */
  run = vd_test_find_by_accessible_name (GTK_WIDGET (bravo_view), "Run");
  g_assert_nonnull (run);
  gtk_button_clicked (GTK_BUTTON (run));
  VD_TEST_WAIT_UNTIL (vd_domain_get_active (bravo), 30);

  /* Dragged back: the emptied window goes, the first has both again. */
  move_tab (new_notebook, page, notebook);
  g_assert_cmpuint (vd_console_tabs_window_get_n_tabs (tabs), ==, 2);
  VD_TEST_WAIT_UNTIL (other == NULL, 10);
  g_assert_true (vd_console_tabs_window_get_view (tabs, bravo) == bravo_view);
  g_assert_nonnull (alpha_view);

  /* Closing one tab ends that console only. */
  g_assert_true (vd_console_tabs_window_close_tab (tabs, alpha));
  VD_TEST_WAIT_UNTIL (alpha_view == NULL, 10);
  g_assert_nonnull (bravo_view);
  g_assert_cmpuint (vd_console_tabs_window_get_n_tabs (tabs), ==, 1);

  gtk_widget_destroy (GTK_WIDGET (tabs));
  VD_TEST_WAIT_UNTIL (bravo_view == NULL, 10);
  g_assert_null (tabs);
  vd_connection_disconnect (connection);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  gvir_init_object_check (NULL, NULL, NULL);

  g_test_add_func ("/vd/console-tabs/open-reorder-close", test_tabs);
  g_test_add_func ("/vd/console-tabs/drag-out", test_drag_out);

  return g_test_run ();
}
