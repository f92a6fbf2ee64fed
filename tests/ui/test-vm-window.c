/* test-vm-window.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>
#include <libvirt-gobject/libvirt-gobject.h>
#include <math.h>

#include "vd-confirm-dialog.h"
#include "vd-graph.h"
#include "vd-vm-window.h"
#include "../vd-test-util.h"
#include "vd-test-ui.h"

/* Under ASan: the Details XML tab's highlighting makes GLib outgrow its
 * first block of quarks, which it never frees (tests/lsan.supp). Only a full
 * stack names the constructor that allocated it, so unwind slowly. Never
 * called without a sanitizer. */
const char *__asan_default_options (void);

const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}

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

  /* What the overview shows comes from the guest (its XML is read in a
   * worker). */
  vd_vm_window_set_page (VD_VM_WINDOW (window), "details");
  g_assert_cmpstr (vd_vm_window_get_page (VD_VM_WINDOW (window)), ==, "details");
  VD_TEST_WAIT_UNTIL (g_strcmp0 (detail_text (window, "Name"), "alpha") == 0, 30);
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (vd_test_find_by_accessible_name (window,
                                                                                   "Title"))),
                   ==, "Web server");
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

/* The graph named @name (the overview's labels have the same names). */
static GtkWidget *
find_graph (GtkWidget  *root,
            const char *name)
{
  GtkWidget *found = NULL;

  if (VD_IS_GRAPH (root) &&
      g_strcmp0 (atk_object_get_name (gtk_widget_get_accessible (root)), name) == 0)
    return root;

  if (GTK_IS_CONTAINER (root))
    {
      g_autoptr(GList) children = gtk_container_get_children (GTK_CONTAINER (root));

      for (const GList *l = children; l != NULL && found == NULL; l = l->next)
        found = find_graph (l->data, name);
    }

  return found;
}

static void
ticks_cb (VdConnection *connection,
          guint        *ticks)
{
  (*ticks)++;
}

static gboolean
draw_count_cb (GtkWidget *widget,
               cairo_t   *cr,
               guint     *draws)
{
  (*draws)++;
  return FALSE;
}

static void
force_off_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  vd_domain_force_off_finish (VD_DOMAIN (object), result, &error);
  g_assert_no_error (error);
}

/* Details → Performance on the test driver's running guest: the graphs
 * read the guest's series, fill as the poller ticks, redraw on each tick,
 * and say when there is nothing to show. */
static void
test_vm_window_performance (void)
{
  g_autoptr(VdConnection) connection = vd_test_open ("test:///default");
  VdDomain *guest = vd_connection_find_domain_by_name (connection, "test");
  GtkWidget *window;
  GtkWidget *cpu;
  GtkWidget *memory;
  GtkWidget *note;
  VdStatsRing *ring;
  guint ticks = 0;
  guint draws = 0;

  g_assert_nonnull (guest);
  g_assert_true (vd_domain_get_active (guest));

  window = GTK_WIDGET (vd_vm_window_new (NULL, guest, NULL));
  gtk_window_resize (GTK_WINDOW (window), 1000, 800);
  gtk_widget_show (window);
  gtk_test_widget_wait_for_draw (window);

  /* Details opens on Overview; Performance is the sidebar's other entry. */
  vd_vm_window_set_page (VD_VM_WINDOW (window), "details");
  g_assert_cmpstr (vd_vm_window_get_details_page (VD_VM_WINDOW (window)), ==, "overview");
  vd_vm_window_set_page (VD_VM_WINDOW (window), "performance");
  g_assert_cmpstr (vd_vm_window_get_page (VD_VM_WINDOW (window)), ==, "details");
  g_assert_cmpstr (vd_vm_window_get_details_page (VD_VM_WINDOW (window)), ==, "performance");

  cpu = find_graph (window, "CPU");
  memory = find_graph (window, "Memory");
  g_assert_nonnull (cpu);
  g_assert_nonnull (memory);
  g_assert_nonnull (find_graph (window, "Disk I/O"));
  g_assert_nonnull (find_graph (window, "Network I/O"));
  g_assert_true (gtk_widget_is_drawable (cpu));

  /* The graphs draw the guest's own series. */
  ring = vd_graph_get_ring (VD_GRAPH (cpu), 0);
  g_assert_true (ring == vd_domain_get_history (guest, VD_STATS_CPU));
  g_assert_true (vd_graph_get_ring (VD_GRAPH (cpu), 1) ==
                 vd_domain_get_history (guest, VD_STATS_HOST_CPU));
  g_assert_cmpfloat (vd_graph_get_maximum (VD_GRAPH (cpu)), ==, 100);
  /* Memory tops out at the guest's allocation (KiB → bytes). */
  VD_TEST_WAIT_UNTIL (vd_domain_get_memory (guest) > 0, 30);
  g_assert_cmpfloat (vd_graph_get_maximum (VD_GRAPH (memory)), ==,
                     vd_domain_get_memory (guest) * 1024.0);

  /* Running: no note. */
  note = vd_test_find_by_accessible_name (window, "Statistics appear while the guest is running.");
  g_assert_true (GTK_IS_LABEL (note));
  g_assert_false (gtk_widget_get_visible (note));

  /* Samples arrive, and each tick redraws the graph. */
  g_signal_connect (connection, "stats-updated", G_CALLBACK (ticks_cb), &ticks);
  vd_connection_set_stats_interval (connection, 2);
  vd_connection_set_stats_interval (connection, 1);
  VD_TEST_WAIT_UNTIL (ticks >= 3, 30);
  g_assert_cmpuint (vd_stats_ring_get_length (ring), >=, 2);
  g_assert_false (isnan (vd_stats_ring_get (ring, 0)));
  g_assert_true (g_str_has_prefix (atk_object_get_description (gtk_widget_get_accessible (cpu)),
                                   "Guest: "));
  gtk_test_widget_wait_for_draw (cpu);

  g_signal_connect_after (cpu, "draw", G_CALLBACK (draw_count_cb), &draws);
  ticks = 0;
  VD_TEST_WAIT_UNTIL (ticks >= 1 && draws >= 1, 30);

  /* Stopped: the note says why nothing new appears. */
  vd_domain_force_off_async (guest, NULL, force_off_done_cb, NULL);
  VD_TEST_WAIT_UNTIL (vd_domain_get_state (guest) == VD_DOMAIN_STATE_SHUTOFF &&
                      !vd_domain_get_busy (guest), 30);
  g_assert_true (gtk_widget_get_visible (note));

  g_signal_handlers_disconnect_by_func (connection, ticks_cb, &ticks);
  gtk_widget_destroy (window);
  vd_connection_disconnect (connection);
}

static void
count_tick_cb (VdConnection *connection,
               guint        *ticks)
{
  (*ticks)++;
}

/* On a host with many running guests and no bulk stats, most guests are
 * measured every few ticks (vd-stats-poller.c); the guest of an open
 * window at every tick, for its Performance graphs, and like the others
 * again once the window is closed. */
static void
test_vm_window_watches_stats (void)
{
  const char *path = g_getenv ("VD_TEST_MANY_FIXTURE");
  g_autofree char *uri = NULL;
  g_autoptr(VdConnection) connection = NULL;
  GListModel *domains;
  VdDomain *guest = NULL;
  GtkWidget *window;
  guint ticks = 0;
  guint missed = 0;

  g_assert_nonnull (path);
  uri = g_strconcat ("test://", path, NULL);
  connection = vd_test_open (uri);
  domains = vd_connection_get_domains (connection);
  for (guint i = g_list_model_get_n_items (domains); i > 0 && guest == NULL; i--)
    {
      g_autoptr(VdDomain) domain = g_list_model_get_item (domains, i - 1);

      if (vd_domain_get_active (domain))
        guest = domain;
    }
  g_assert_nonnull (guest);

  g_signal_connect (connection, "stats-updated", G_CALLBACK (count_tick_cb), &ticks);
  window = GTK_WIDGET (vd_vm_window_new (NULL, guest, NULL));
  gtk_widget_show (window);
  vd_connection_set_stats_interval (connection, 1);

  /* Measured on its first two ticks anyway; then at every one. */
  VD_TEST_WAIT_UNTIL (ticks >= 3, 30);
  for (guint i = 0; i < 3; i++)
    {
      guint seen = ticks;

      VD_TEST_WAIT_UNTIL (ticks > seen, 30);
      g_assert_false (isnan (vd_stats_ring_get (vd_domain_get_history (guest, VD_STATS_CPU), 0)));
    }

  /* Closed: one tick in ten, so gaps come back. */
  gtk_widget_destroy (window);
  for (guint i = 0; i < 4; i++)
    {
      guint seen = ticks;

      VD_TEST_WAIT_UNTIL (ticks > seen, 30);
      if (isnan (vd_stats_ring_get (vd_domain_get_history (guest, VD_STATS_CPU), 0)))
        missed++;
    }
  g_assert_cmpuint (missed, >=, 2);

  g_signal_handlers_disconnect_by_func (connection, count_tick_cb, &ticks);
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
  g_test_add_func ("/vd/vm-window/performance", test_vm_window_performance);
  g_test_add_func ("/vd/vm-window/watches-stats", test_vm_window_watches_stats);

  return g_test_run ();
}
