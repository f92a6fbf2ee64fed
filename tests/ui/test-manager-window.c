/* test-manager-window.c
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
#include "vd-delete-dialog.h"
#include "vd-connection-private.h"
#include "vd-manager-model.h"
#include "vd-manager-window.h"
#include "vd-stats-format.h"
#include "../vd-test-util.h"
#include "vd-test-ui.h"

/* The real manager window on libvirt's test driver, driven through its
 * actions and widgets the way the toolbar, menus and keyboard do. */

typedef struct
{
  GSettings           *settings;
  VdConnectionManager *manager;
  VdConnection        *connection;
  VdManagerWindow     *window;
} Fixture;

static void
fixture_setup_uri (Fixture    *fixture,
                   const char *uri)
{
  fixture->settings = g_settings_new ("io.github.virtdesk.VirtDesk");
  g_settings_reset (fixture->settings, "connections");
  g_settings_reset (fixture->settings, "confirm-force-off");
  g_settings_reset (fixture->settings, "confirm-reset");
  g_settings_reset (fixture->settings, "confirm-delete");
  fixture->manager = vd_connection_manager_new (fixture->settings);
  fixture->connection = vd_connection_manager_add (fixture->manager, uri, FALSE);
  fixture->window = vd_manager_window_new (NULL, fixture->manager, fixture->settings);
  gtk_window_present (GTK_WINDOW (fixture->window));
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *uri = vd_test_fixture_uri ("basic.xml");

  fixture_setup_uri (fixture, uri);
  vd_manager_window_connect (fixture->window, fixture->connection);
  VD_TEST_WAIT_UNTIL (vd_connection_get_state (fixture->connection) ==
                      VD_CONNECTION_STATE_CONNECTED, 10);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_widget_destroy (GTK_WIDGET (fixture->window));
  g_object_run_dispose (G_OBJECT (fixture->manager));
  g_clear_object (&fixture->manager);
  g_clear_object (&fixture->settings);
}

static gboolean
action_enabled (Fixture    *fixture,
                const char *name)
{
  return g_action_group_get_action_enabled (G_ACTION_GROUP (fixture->window), name);
}

static void
activate (Fixture    *fixture,
          const char *name)
{
  /* The guests' states come by events: under a sanitizer on a loaded
   * machine the last one may still be on its way. */
  VD_TEST_WAIT_UNTIL (action_enabled (fixture, name), 10);
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), name, NULL);
}

static VdDomain *
domain (Fixture    *fixture,
        const char *name)
{
  VdDomain *ret = vd_connection_find_domain_by_name (fixture->connection, name);

  g_assert_nonnull (ret);
  return ret;
}

static void
select_names (Fixture    *fixture,
              const char *first,
              ...)
{
  g_autoptr(GPtrArray) domains = g_ptr_array_new ();
  va_list args;

  va_start (args, first);
  for (const char *name = first; name != NULL; name = va_arg (args, const char *))
    g_ptr_array_add (domains, domain (fixture, name));
  va_end (args);

  vd_manager_window_select_domains (fixture->window, (VdDomain * const *)domains->pdata,
                                    domains->len);
}

static GtkWidget *
find_delete_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (const GList *l = toplevels; l != NULL; l = l->next)
    if (VD_IS_DELETE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;

  return NULL;
}

static guint
count_visible_domains (Fixture *fixture)
{
  GtkTreeModel *model = gtk_tree_view_get_model (vd_manager_window_get_tree_view (fixture->window));
  GtkTreeIter parent;
  guint n = 0;

  if (!gtk_tree_model_get_iter_first (model, &parent))
    return 0;

  do
    n += gtk_tree_model_iter_n_children (model, &parent);
  while (gtk_tree_model_iter_next (model, &parent));

  return n;
}

static void
test_toolbar_actions (Fixture       *fixture,
                      gconstpointer  data)
{
  VdDomain *bravo = domain (fixture, "bravo");

  g_assert_cmpuint (count_visible_domains (fixture), ==, 3);

  /* Nothing selected: nothing to do. */
  g_assert_false (action_enabled (fixture, "start"));
  g_assert_false (action_enabled (fixture, "open"));
  /* No connection selected: New has nowhere to create a guest. */
  g_assert_false (action_enabled (fixture, "new-vm"));

  select_names (fixture, "bravo", NULL);
  g_assert_true (action_enabled (fixture, "start"));
  g_assert_true (action_enabled (fixture, "open"));
  g_assert_false (action_enabled (fixture, "pause"));
  g_assert_false (action_enabled (fixture, "shutdown"));
  g_assert_true (action_enabled (fixture, "delete"));

  activate (fixture, "start");
  VD_TEST_WAIT_UNTIL (vd_domain_get_state (bravo) == VD_DOMAIN_STATE_RUNNING &&
                      !vd_domain_get_busy (bravo), 10);
  VD_TEST_WAIT_UNTIL (action_enabled (fixture, "pause"), 10);
  g_assert_false (action_enabled (fixture, "start"));
  /* A running guest can be deleted: the Delete dialog forces it off. */
  g_assert_true (action_enabled (fixture, "delete"));
  g_assert_nonnull (vd_manager_window_get_message (fixture->window));

  activate (fixture, "pause");
  VD_TEST_WAIT_UNTIL (vd_domain_get_state (bravo) == VD_DOMAIN_STATE_PAUSED, 10);
  VD_TEST_WAIT_UNTIL (action_enabled (fixture, "resume"), 10);
  activate (fixture, "resume");
  VD_TEST_WAIT_UNTIL (vd_domain_get_state (bravo) == VD_DOMAIN_STATE_RUNNING, 10);

  VD_TEST_WAIT_UNTIL (action_enabled (fixture, "reboot"), 10);
  activate (fixture, "reboot");
  VD_TEST_WAIT_UNTIL (!vd_domain_get_busy (bravo), 10);
  g_assert_cmpint (vd_domain_get_state (bravo), ==, VD_DOMAIN_STATE_RUNNING);

  VD_TEST_WAIT_UNTIL (action_enabled (fixture, "save"), 10);
  activate (fixture, "save");
  VD_TEST_WAIT_UNTIL (vd_domain_get_state (bravo) == VD_DOMAIN_STATE_SAVED, 10);
  VD_TEST_WAIT_UNTIL (action_enabled (fixture, "start"), 10);
  activate (fixture, "start");
  VD_TEST_WAIT_UNTIL (vd_domain_get_state (bravo) == VD_DOMAIN_STATE_RUNNING, 10);

  VD_TEST_WAIT_UNTIL (action_enabled (fixture, "shutdown"), 10);
  activate (fixture, "shutdown");
  VD_TEST_WAIT_UNTIL (vd_domain_get_state (bravo) == VD_DOMAIN_STATE_SHUTOFF, 10);
}

static void
test_confirmations (Fixture       *fixture,
                    gconstpointer  data)
{
  VdDomain *alpha = domain (fixture, "alpha");
  VdConfirmDialog *dialog;
  GtkWidget *delete_dialog;
  virStorageVolPtr vol;

  select_names (fixture, "alpha", NULL);

  /* Reset asks; Cancel changes nothing. */
  activate (fixture, "reset");
  VD_TEST_WAIT_UNTIL ((dialog = vd_test_find_confirm_dialog ()) != NULL, 5);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  VD_TEST_WAIT_UNTIL (vd_test_find_confirm_dialog () == NULL, 5);
  g_assert_false (vd_domain_get_busy (alpha));
  g_assert_cmpint (vd_domain_get_state (alpha), ==, VD_DOMAIN_STATE_RUNNING);

  /* Force Off asks; accepting runs it. */
  activate (fixture, "force-off");
  VD_TEST_WAIT_UNTIL ((dialog = vd_test_find_confirm_dialog ()) != NULL, 5);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  VD_TEST_WAIT_UNTIL (vd_domain_get_state (alpha) == VD_DOMAIN_STATE_SHUTOFF, 10);

  /* "Don't ask again" turned off in settings: no dialog. */
  VD_TEST_WAIT_UNTIL (action_enabled (fixture, "start"), 10);
  activate (fixture, "start");
  VD_TEST_WAIT_UNTIL (vd_domain_get_state (alpha) == VD_DOMAIN_STATE_RUNNING, 10);
  g_settings_set_boolean (fixture->settings, "confirm-force-off", FALSE);
  VD_TEST_WAIT_UNTIL (action_enabled (fixture, "force-off"), 10);
  activate (fixture, "force-off");
  g_assert_null (vd_test_find_confirm_dialog ());
  VD_TEST_WAIT_UNTIL (vd_domain_get_state (alpha) == VD_DOMAIN_STATE_SHUTOFF, 10);

  /* Delete opens the Delete dialog (it is the confirmation), then the
   * guest leaves the list with the disk only it used. (Delete is enabled
   * for a running guest too: wait for the force off to have ended.) */
  VD_TEST_WAIT_UNTIL (!vd_domain_get_busy (alpha) && action_enabled (fixture, "delete"), 10);
  activate (fixture, "delete");
  g_assert_null (vd_test_find_confirm_dialog ());
  VD_TEST_WAIT_UNTIL ((delete_dialog = find_delete_dialog ()) != NULL, 5);
  VD_TEST_WAIT_UNTIL (vd_delete_dialog_get_loaded (VD_DELETE_DIALOG (delete_dialog)), 10);
  gtk_dialog_response (GTK_DIALOG (delete_dialog), GTK_RESPONSE_ACCEPT);
  VD_TEST_WAIT_UNTIL (vd_connection_find_domain_by_name (fixture->connection, "alpha") == NULL, 10);
  VD_TEST_WAIT_UNTIL (count_visible_domains (fixture) == 2, 10);
  VD_TEST_WAIT_UNTIL (find_delete_dialog () == NULL, 10);
  /* The dialog has gone; the window says what it did. */
  g_assert_cmpstr (vd_manager_window_get_message (fixture->window), ==, "Deleted 1 guest.");
  vol = virStorageVolLookupByPath (vd_connection_get_handle (fixture->connection),
                                   "/var/lib/libvirt/images/alpha.img");
  g_assert_null (vol);
  virResetLastError ();

  /* Not asking: a shut-off guest goes at once, its disk kept. */
  g_settings_set_boolean (fixture->settings, "confirm-delete", FALSE);
  select_names (fixture, "bravo", NULL);
  VD_TEST_WAIT_UNTIL (!vd_domain_get_active (domain (fixture, "bravo")) &&
                      action_enabled (fixture, "delete"), 10);
  activate (fixture, "delete");
  g_assert_null (find_delete_dialog ());
  VD_TEST_WAIT_UNTIL (vd_connection_find_domain_by_name (fixture->connection, "bravo") == NULL, 10);
  vol = virStorageVolLookupByPath (vd_connection_get_handle (fixture->connection),
                                   "/var/lib/libvirt/images/bravo.img");
  g_assert_nonnull (vol);
  virStorageVolFree (vol);
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  g_assert_cmpuint (count_visible_domains (fixture), ==, 3);

  vd_manager_window_set_search (fixture->window, "WEB");
  g_assert_cmpuint (count_visible_domains (fixture), ==, 1);

  vd_manager_window_set_search (fixture->window, "paused");
  g_assert_cmpuint (count_visible_domains (fixture), ==, 1);

  vd_manager_window_set_search (fixture->window, "97f2502e1002");
  g_assert_cmpuint (count_visible_domains (fixture), ==, 1);

  vd_manager_window_set_search (fixture->window, "no such guest");
  g_assert_cmpuint (count_visible_domains (fixture), ==, 0);

  vd_manager_window_set_search (fixture->window, "");
  g_assert_cmpuint (count_visible_domains (fixture), ==, 3);

  /* A guest that starts matching (its state changed) shows up live. */
  vd_manager_window_set_search (fixture->window, "shut off");
  g_assert_cmpuint (count_visible_domains (fixture), ==, 1);
  select_names (fixture, "bravo", NULL);
  activate (fixture, "start");
  VD_TEST_WAIT_UNTIL (count_visible_domains (fixture) == 0, 10);
}

static void
test_bulk (Fixture       *fixture,
           gconstpointer  data)
{
  VdDomain *alpha = domain (fixture, "alpha");
  VdDomain *bravo = domain (fixture, "bravo");
  VdDomain *charlie = domain (fixture, "charlie");
  const char *message;

  /* Start on a mixed selection starts only the one that can. */
  select_names (fixture, "alpha", "bravo", "charlie", NULL);
  activate (fixture, "start");
  VD_TEST_WAIT_UNTIL (vd_domain_get_state (bravo) == VD_DOMAIN_STATE_RUNNING &&
                      !vd_domain_get_busy (bravo), 10);
  VD_TEST_WAIT_UNTIL (vd_manager_window_get_message (fixture->window) != NULL, 5);
  g_assert_cmpstr (vd_manager_window_get_message (fixture->window), ==, "Started 1 guest.");

  /* Resume the paused one, then shut all three down at once. */
  VD_TEST_WAIT_UNTIL (action_enabled (fixture, "resume"), 10);
  activate (fixture, "resume");
  VD_TEST_WAIT_UNTIL (vd_domain_get_state (charlie) == VD_DOMAIN_STATE_RUNNING, 10);
  VD_TEST_WAIT_UNTIL (vd_domain_get_can_shutdown (charlie), 10);
  activate (fixture, "shutdown");
  VD_TEST_WAIT_UNTIL (vd_domain_get_state (alpha) == VD_DOMAIN_STATE_SHUTOFF &&
                      vd_domain_get_state (bravo) == VD_DOMAIN_STATE_SHUTOFF &&
                      vd_domain_get_state (charlie) == VD_DOMAIN_STATE_SHUTOFF, 10);
  VD_TEST_WAIT_UNTIL (g_strcmp0 (vd_manager_window_get_message (fixture->window),
                                 "Asked 3 guests to shut down.") == 0, 10);

  /* Start all, then pause all where one was paused behind our back (the
   * event not yet seen): that one fails, the others are paused, and the
   * bar names the failure. */
  VD_TEST_WAIT_UNTIL (action_enabled (fixture, "start"), 10);
  activate (fixture, "start");
  VD_TEST_WAIT_UNTIL (vd_domain_get_state (alpha) == VD_DOMAIN_STATE_RUNNING &&
                      vd_domain_get_state (bravo) == VD_DOMAIN_STATE_RUNNING &&
                      vd_domain_get_state (charlie) == VD_DOMAIN_STATE_RUNNING &&
                      !vd_domain_get_busy (alpha) && !vd_domain_get_busy (bravo) &&
                      !vd_domain_get_busy (charlie), 10);
  /* Enabled first; then paused behind the window's back, and the action
   * taken before the main loop can deliver that event. */
  VD_TEST_WAIT_UNTIL (action_enabled (fixture, "pause"), 10);
  g_assert_cmpint (virDomainSuspend (vd_domain_get_handle (bravo)), ==, 0);
  g_action_group_activate_action (G_ACTION_GROUP (fixture->window), "pause", NULL);
  VD_TEST_WAIT_UNTIL (!vd_domain_get_busy (alpha) && !vd_domain_get_busy (bravo) &&
                      !vd_domain_get_busy (charlie), 10);
  VD_TEST_WAIT_UNTIL ((message = vd_manager_window_get_message (fixture->window)) != NULL &&
                      g_str_has_prefix (message, "1 of 3 guests failed:"), 10);
  g_assert_nonnull (strstr (message, "Failed to pause “bravo”"));
  g_assert_nonnull (strstr (message, "Paused 2 guests."));
  g_assert_cmpint (vd_domain_get_state (alpha), ==, VD_DOMAIN_STATE_PAUSED);
  g_assert_cmpint (vd_domain_get_state (charlie), ==, VD_DOMAIN_STATE_PAUSED);
  VD_TEST_WAIT_UNTIL (vd_domain_get_state (bravo) == VD_DOMAIN_STATE_PAUSED, 10);
}

static GtkMessageDialog *
find_message_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (const GList *l = toplevels; l != NULL; l = l->next)
    {
      if (GTK_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
        return l->data;
    }

  return NULL;
}

static void
test_connection_failure (void)
{
  Fixture fixture = { 0 };
  GtkMessageDialog *dialog;
  g_autofree char *secondary = NULL;

  fixture_setup_uri (&fixture, "bogus:///nowhere");
  vd_manager_window_connect (fixture.window, fixture.connection);
  VD_TEST_WAIT_UNTIL (vd_connection_get_state (fixture.connection) ==
                      VD_CONNECTION_STATE_FAILED, 10);
  VD_TEST_WAIT_UNTIL ((dialog = find_message_dialog ()) != NULL, 5);
  g_object_get (dialog, "secondary-text", &secondary, NULL);
  g_assert_cmpstr (secondary, ==, vd_connection_get_last_error (fixture.connection));
  g_assert_nonnull (vd_connection_get_last_error (fixture.connection));
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CLOSE);
  VD_TEST_WAIT_UNTIL (find_message_dialog () == NULL, 5);

  /* The connection row offers Connect again, not Disconnect. */
  gtk_tree_selection_select_all (gtk_tree_view_get_selection (
    vd_manager_window_get_tree_view (fixture.window)));
  VD_TEST_WAIT_UNTIL (action_enabled (&fixture, "connect"), 5);
  g_assert_false (action_enabled (&fixture, "disconnect"));
  g_assert_true (action_enabled (&fixture, "remove-connection"));
  activate (&fixture, "remove-connection");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture.manager)), ==, 0);

  fixture_teardown (&fixture, NULL);
}

static void
test_many_guests (void)
{
  Fixture fixture = { 0 };
  const char *path = g_getenv ("VD_TEST_MANY_FIXTURE");
  g_autofree char *uri = NULL;

  g_assert_nonnull (path);
  uri = g_strdup_printf ("test://%s", path);
  fixture_setup_uri (&fixture, uri);
  vd_manager_window_connect (fixture.window, fixture.connection);
  /* Generous: a loaded CI machine under AddressSanitizer is slow. Speed
   * is measured in tests/bench, not here. */
  VD_TEST_WAIT_UNTIL (vd_connection_get_state (fixture.connection) ==
                      VD_CONNECTION_STATE_CONNECTED, 60);
  g_assert_cmpuint (count_visible_domains (&fixture), ==, 1000);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture.window));

  /* Select everything, then narrow down with the search. */
  activate (&fixture, "select-all");
  VD_TEST_WAIT_UNTIL (action_enabled (&fixture, "open"), 5);
  vd_manager_window_set_search (fixture.window, "guest-0099");
  g_assert_cmpuint (count_visible_domains (&fixture), ==, 10);

  fixture_teardown (&fixture, NULL);
}

/* The graph columns, by their template ids, with the key and action that
 * show them and the series they draw on a guest row. */
typedef struct
{
  const char   *column;
  const char   *key;
  const char   *accessible_name;
  VdStatsMetric metric;
  int           secondary;  /* VdStatsMetric or -1 */
  int           host;       /* VdHostStatsMetric or -1 */
} GraphColumn;

static const GraphColumn graph_columns[] = {
  { "cpu_column", "show-guest-cpu", "Guest CPU usage", VD_STATS_CPU, -1, -1 },
  { "host_cpu_column", "show-host-cpu", "Host CPU usage",
    VD_STATS_HOST_CPU, -1, VD_HOST_STATS_CPU },
  { "memory_column", "show-memory", "Memory usage", VD_STATS_MEMORY, -1, VD_HOST_STATS_MEMORY },
  { "disk_column", "show-disk", "Disk read and write rates",
    VD_STATS_DISK_READ, VD_STATS_DISK_WRITE, -1 },
  { "network_column", "show-network", "Network receive and send rates",
    VD_STATS_NET_RX, VD_STATS_NET_TX, -1 },
};

static GtkTreeViewColumn *
find_column (Fixture    *fixture,
             const char *id)
{
  g_autoptr(GList) columns =
    gtk_tree_view_get_columns (vd_manager_window_get_tree_view (fixture->window));

  for (const GList *l = columns; l != NULL; l = l->next)
    {
      if (g_strcmp0 (gtk_buildable_get_name (l->data), id) == 0)
        return l->data;
    }

  g_error ("no column %s", id);
  return NULL;
}

static void
reset_columns (Fixture *fixture)
{
  for (guint i = 0; i < G_N_ELEMENTS (graph_columns); i++)
    g_settings_reset (fixture->settings, graph_columns[i].key);
}

static void
test_column_actions (Fixture       *fixture,
                     gconstpointer  data)
{
  reset_columns (fixture);

  for (guint i = 0; i < G_N_ELEMENTS (graph_columns); i++)
    {
      const GraphColumn *spec = &graph_columns[i];
      GtkTreeViewColumn *column = find_column (fixture, spec->column);
      gboolean shown = g_settings_get_boolean (fixture->settings, spec->key);
      GtkWidget *header = gtk_tree_view_column_get_button (column);
      g_autoptr(GVariant) state = NULL;
      g_autofree char *tooltip = gtk_widget_get_tooltip_text (header);

      /* The header is named for screen readers and says what it shows. */
      g_assert_cmpstr (atk_object_get_name (gtk_widget_get_accessible (header)), ==,
                       spec->accessible_name);
      g_assert_nonnull (tooltip);
      g_assert_cmpstr (tooltip, !=, "");

      /* The column follows its key from the start. */
      g_assert_cmpint (gtk_tree_view_column_get_visible (column), ==, shown);
      state = g_action_group_get_action_state (G_ACTION_GROUP (fixture->window), spec->key);
      g_assert_nonnull (state);
      g_assert_cmpint (g_variant_get_boolean (state), ==, shown);

      /* View → Graph: activating the check item toggles the key and the
       * column, and back. */
      activate (fixture, spec->key);
      g_assert_cmpint (g_settings_get_boolean (fixture->settings, spec->key), ==, !shown);
      g_assert_cmpint (gtk_tree_view_column_get_visible (column), ==, !shown);
      g_clear_pointer (&state, g_variant_unref);
      state = g_action_group_get_action_state (G_ACTION_GROUP (fixture->window), spec->key);
      g_assert_cmpint (g_variant_get_boolean (state), ==, !shown);

      activate (fixture, spec->key);
      g_assert_cmpint (g_settings_get_boolean (fixture->settings, spec->key), ==, shown);
      g_assert_cmpint (gtk_tree_view_column_get_visible (column), ==, shown);

      /* Changed elsewhere (Preferences, gsettings): the column follows. */
      g_settings_set_boolean (fixture->settings, spec->key, !shown);
      g_assert_cmpint (gtk_tree_view_column_get_visible (column), ==, !shown);
    }

  /* Every column on at once still draws. */
  for (guint i = 0; i < G_N_ELEMENTS (graph_columns); i++)
    g_settings_set_boolean (fixture->settings, graph_columns[i].key, TRUE);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  reset_columns (fixture);
}

static gboolean
find_row (Fixture     *fixture,
          gpointer     object,
          GtkTreeIter *iter)
{
  GtkTreeModel *model = gtk_tree_view_get_model (vd_manager_window_get_tree_view (fixture->window));
  GtkTreeIter parent;

  if (!gtk_tree_model_get_iter_first (model, &parent))
    return FALSE;

  do
    {
      if (vd_manager_model_get_object (model, &parent) == object)
        {
          *iter = parent;
          return TRUE;
        }
      if (gtk_tree_model_iter_children (model, iter, &parent))
        {
          do
            {
              if (vd_manager_model_get_object (model, iter) == object)
                return TRUE;
            }
          while (gtk_tree_model_iter_next (model, iter));
        }
    }
  while (gtk_tree_model_iter_next (model, &parent));

  return FALSE;
}

typedef struct
{
  gboolean     visible;
  VdStatsRing *ring;
  VdStatsRing *secondary;
  char        *text;
  char        *secondary_text;
  double       maximum;
} Cell;

static void
cell_clear (Cell *cell)
{
  g_clear_pointer (&cell->ring, vd_stats_ring_unref);
  g_clear_pointer (&cell->secondary, vd_stats_ring_unref);
  g_clear_pointer (&cell->text, g_free);
  g_clear_pointer (&cell->secondary_text, g_free);
}

/* What the column's renderer is told for @object's row, as when drawn. */
static void
read_cell (Fixture           *fixture,
           const GraphColumn *spec,
           gpointer           object,
           Cell              *cell)
{
  GtkTreeModel *model = gtk_tree_view_get_model (vd_manager_window_get_tree_view (fixture->window));
  GtkTreeViewColumn *column = find_column (fixture, spec->column);
  g_autoptr(GList) cells = gtk_cell_layout_get_cells (GTK_CELL_LAYOUT (column));
  GtkTreeIter iter;

  g_assert_true (find_row (fixture, object, &iter));
  g_assert_nonnull (cells);
  gtk_tree_view_column_cell_set_cell_data (column, model, &iter, FALSE, FALSE);
  g_object_get (cells->data,
                "visible", &cell->visible,
                "ring", &cell->ring,
                "secondary-ring", &cell->secondary,
                "text", &cell->text,
                "secondary-text", &cell->secondary_text,
                "maximum", &cell->maximum,
                NULL);
}

static gboolean
has_sample (VdStatsRing *ring)
{
  for (guint age = 0; age < vd_stats_ring_get_length (ring); age++)
    {
      if (!isnan (vd_stats_ring_get (ring, age)))
        return TRUE;
    }

  return FALSE;
}

static void
test_column_rings (Fixture       *fixture,
                   gconstpointer  data)
{
  VdDomain *alpha = domain (fixture, "alpha");
  VdDomain *bravo = domain (fixture, "bravo");
  VdConnection *connection = fixture->connection;

  for (guint i = 0; i < G_N_ELEMENTS (graph_columns); i++)
    g_settings_set_boolean (fixture->settings, graph_columns[i].key, TRUE);

  /* Two ticks: rates need two samples. */
  VD_TEST_WAIT_UNTIL (has_sample (vd_domain_get_cpu_history (alpha)) &&
                      vd_domain_get_current (alpha, VD_STATS_DISK_READ) >= 0 &&
                      vd_connection_get_host_current (connection, VD_HOST_STATS_CPU) >= 0, 20);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));

  for (guint i = 0; i < G_N_ELEMENTS (graph_columns); i++)
    {
      const GraphColumn *spec = &graph_columns[i];
      Cell cell = { 0 };

      /* A running guest: its own series, with a sample and a value. */
      read_cell (fixture, spec, alpha, &cell);
      g_assert_true (cell.visible);
      g_assert_true (cell.ring == vd_domain_get_history (alpha, spec->metric));
      g_assert_true (has_sample (cell.ring));
      g_assert_nonnull (cell.text);
      if (spec->secondary >= 0)
        {
          g_assert_true (cell.secondary == vd_domain_get_history (alpha, spec->secondary));
          g_assert_true (has_sample (cell.secondary));
          g_assert_nonnull (cell.secondary_text);
        }
      else
        {
          g_assert_null (cell.secondary);
          g_assert_null (cell.secondary_text);
        }
      if (spec->metric == VD_STATS_MEMORY)
        g_assert_cmpfloat (cell.maximum, ==, (double)vd_domain_get_memory (alpha) * 1024);
      cell_clear (&cell);

      /* A stopped guest: nothing. */
      read_cell (fixture, spec, bravo, &cell);
      g_assert_false (cell.visible);
      g_assert_null (cell.ring);
      g_assert_null (cell.secondary);
      cell_clear (&cell);

      /* The connection row: the host's series where the column has one. */
      read_cell (fixture, spec, connection, &cell);
      if (spec->host >= 0)
        {
          g_assert_true (cell.visible);
          g_assert_true (cell.ring == vd_connection_get_host_history (connection, spec->host));
          g_assert_null (cell.secondary);
          g_assert_nonnull (cell.text);
          if (spec->host == VD_HOST_STATS_MEMORY)
            g_assert_cmpfloat (cell.maximum, ==,
                               (double)vd_connection_get_host_memory_total (connection));
        }
      else
        {
          g_assert_false (cell.visible);
          g_assert_null (cell.ring);
        }
      cell_clear (&cell);
    }

  /* The guest's values are its rings' newest samples as text. */
  {
    Cell cell = { 0 };
    g_autofree char *expected = NULL;

    read_cell (fixture, &graph_columns[0], alpha, &cell);
    expected = vd_stats_format_value (VD_STATS_UNIT_PERCENT,
                                      vd_domain_get_current (alpha, VD_STATS_CPU));
    g_assert_cmpstr (cell.text, ==, expected);
    cell_clear (&cell);
  }

  /* The guest stops: its cells empty. */
  select_names (fixture, "alpha", NULL);
  g_settings_set_boolean (fixture->settings, "confirm-force-off", FALSE);
  activate (fixture, "force-off");
  VD_TEST_WAIT_UNTIL (vd_domain_get_state (alpha) == VD_DOMAIN_STATE_SHUTOFF, 10);
  for (guint i = 0; i < G_N_ELEMENTS (graph_columns); i++)
    {
      Cell cell = { 0 };

      read_cell (fixture, &graph_columns[i], alpha, &cell);
      g_assert_false (cell.visible);
      cell_clear (&cell);
    }

  reset_columns (fixture);
}

/* The first running guest among the rows on screen, or NULL. */
static VdDomain *
first_visible_running (Fixture *fixture)
{
  GtkTreeView *tree_view = vd_manager_window_get_tree_view (fixture->window);
  GtkTreeModel *model = gtk_tree_view_get_model (tree_view);
  g_autoptr(GtkTreePath) start = NULL;
  g_autoptr(GtkTreePath) end = NULL;
  GtkTreeIter iter;

  if (!gtk_tree_view_get_visible_range (tree_view, &start, &end))
    return NULL;
  /* From the connection row down to its guests. */
  if (gtk_tree_path_get_depth (start) == 1)
    gtk_tree_path_down (start);
  for (; gtk_tree_path_compare (start, end) <= 0 && gtk_tree_model_get_iter (model, &iter, start);
       gtk_tree_path_next (start))
    {
      gpointer object = vd_manager_model_get_object (model, &iter);

      if (VD_IS_DOMAIN (object) && vd_domain_get_active (object))
        return object;
    }
  return NULL;
}

static void
count_ticks_cb (VdConnection *connection,
                guint        *ticks)
{
  (*ticks)++;
}

/* With 600 running guests on a driver without bulk stats, the poller
 * measures most guests every few ticks only; those on screen in a graph
 * column, at every tick, also after scrolling to them. */
static void
test_watch_visible (void)
{
  Fixture fixture = { 0 };
  const char *path = g_getenv ("VD_TEST_MANY_FIXTURE");
  g_autofree char *uri = NULL;
  GtkTreeView *tree_view;
  GtkAdjustment *adjustment;
  guint ticks = 0;

  g_assert_nonnull (path);
  uri = g_strdup_printf ("test://%s", path);
  fixture_setup_uri (&fixture, uri);
  g_settings_set_boolean (fixture.settings, "show-guest-cpu", TRUE);
  vd_manager_window_connect (fixture.window, fixture.connection);
  VD_TEST_WAIT_UNTIL (vd_connection_get_state (fixture.connection) ==
                      VD_CONNECTION_STATE_CONNECTED, 60);
  tree_view = vd_manager_window_get_tree_view (fixture.window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture.window));
  g_signal_connect (fixture.connection, "stats-updated", G_CALLBACK (count_ticks_cb), &ticks);
  vd_connection_set_stats_interval (fixture.connection, 1);

  for (guint round = 0; round < 2; round++)
    {
      VdDomain *domain;
      guint start;

      /* Seen at one tick, measured from the next on: check three ticks
       * in a row after that (others are measured one tick in ten). */
      start = ticks;
      VD_TEST_WAIT_UNTIL (ticks >= start + 4, 60);
      domain = first_visible_running (&fixture);
      g_assert_nonnull (domain);
      g_test_message ("round %u: first visible guest %s, %u measured at the last tick", round,
                      vd_domain_get_name (domain),
                      vd_stats_poller_get_last_sampled (fixture.connection->poller));
      for (guint i = 0; i < 3; i++)
        {
          guint seen = ticks;

          VD_TEST_WAIT_UNTIL (ticks > seen, 30);
          g_assert_false (isnan (vd_stats_ring_get (vd_domain_get_history (domain, VD_STATS_CPU), 0)));
          g_assert_cmpuint (vd_stats_poller_get_last_sampled (fixture.connection->poller), <, 200);
        }

      /* Then the end of the list. */
      adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (tree_view));
      gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment) / 2);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture.window));
    }

  g_signal_handlers_disconnect_by_func (fixture.connection, count_ticks_cb, &ticks);
  fixture_teardown (&fixture, NULL);
}

/* Draws queued on a tree view widget (not on its windows) since the
 * last look: GTK's own queue_draw_region of the class, counted. */
static void (*tree_view_queue_draw_region) (GtkWidget            *widget,
                                            const cairo_region_t *region);
static guint tree_view_draws_queued;

static void
count_tree_view_queue_draw_region (GtkWidget            *widget,
                                   const cairo_region_t *region)
{
  tree_view_draws_queued++;
  tree_view_queue_draw_region (widget, region);
}

/* What a stats tick asks to be redrawn, in the tree view's bin window
 * (the rows): the region it invalidated (taken from GDK, so that window
 * will not draw it), or NULL. The tick is the signal itself, emitted here:
 * counting real draws instead would also count the exposures other windows
 * on the shared display cause, which CI saw. Nothing may be queued on the
 * widget itself: GTK's tree view answers that by throwing away its pixel
 * cache and drawing every visible row again, names and all. */
static cairo_region_t *
tick_update_area (Fixture *fixture)
{
  GtkTreeView *tree_view = vd_manager_window_get_tree_view (fixture->window);
  GdkWindow *window = gtk_tree_view_get_bin_window (tree_view);
  GtkWidgetClass *klass = GTK_WIDGET_GET_CLASS (tree_view);
  cairo_region_t *pending;
  cairo_region_t *area;

  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  /* Whatever was pending before the tick (a header's hover animation) is
   * not the tick's. */
  pending = gdk_window_get_update_area (window);
  g_clear_pointer (&pending, cairo_region_destroy);

  tree_view_queue_draw_region = klass->queue_draw_region;
  klass->queue_draw_region = count_tree_view_queue_draw_region;
  tree_view_draws_queued = 0;
  g_signal_emit_by_name (fixture->connection, "stats-updated");
  klass->queue_draw_region = tree_view_queue_draw_region;
  g_assert_cmpuint (tree_view_draws_queued, ==, 0);

  area = gdk_window_get_update_area (window);
  return area;
}

/* A stats tick redraws the graph cells whose pictures changed, and only
 * those: not the names and states (costly to draw), not an idle guest's
 * unchanged graphs, and with no graph column shown, nothing. The real
 * ticks are stopped: the test makes the changes. */
static void
test_tick_redraw (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkTreeView *tree_view = vd_manager_window_get_tree_view (fixture->window);
  GtkTreeViewColumn *name_column = gtk_tree_view_get_column (tree_view, 0);
  GtkTreeViewColumn *cpu_column = find_column (fixture, "cpu_column");
  VdDomain *alpha = domain (fixture, "alpha");
  cairo_region_t *region = NULL;
  cairo_rectangle_int_t extents;
  int name_right;
  int cpu_left;
  int cpu_right;

  for (guint i = 0; i < G_N_ELEMENTS (graph_columns); i++)
    g_settings_set_boolean (fixture->settings, graph_columns[i].key, TRUE);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fixture->window));
  vd_stats_poller_stop (fixture->connection->poller);
  g_assert_true (vd_domain_get_active (alpha));

  gtk_tree_view_convert_tree_to_bin_window_coords (tree_view,
                                                   gtk_tree_view_column_get_x_offset (name_column) +
                                                   gtk_tree_view_column_get_width (name_column),
                                                   0, &name_right, NULL);
  gtk_tree_view_convert_tree_to_bin_window_coords (tree_view,
                                                   gtk_tree_view_column_get_x_offset (cpu_column),
                                                   0, &cpu_left, NULL);
  cpu_right = cpu_left + gtk_tree_view_column_get_width (cpu_column);

  /* Whatever the last real tick left; then a tick with nothing new
   * redraws nothing. */
  g_clear_pointer (&region, cairo_region_destroy);
  region = tick_update_area (fixture);
  g_clear_pointer (&region, cairo_region_destroy);
  region = tick_update_area (fixture);
  g_assert_true (region == NULL || cairo_region_is_empty (region));
  g_clear_pointer (&region, cairo_region_destroy);

  /* A new CPU sample of one guest: its CPU cell, one pixel in from the
   * column's edge (the state column left of it is not touched), and no
   * other cell. */
  vd_stats_ring_push (vd_domain_get_history (alpha, VD_STATS_CPU), 42);
  region = tick_update_area (fixture);
  g_assert_nonnull (region);
  cairo_region_get_extents (region, &extents);
  g_test_message ("tick redraws %d,%d %dx%d; names end at %d, CPU column %d–%d",
                  extents.x, extents.y, extents.width, extents.height, name_right,
                  cpu_left, cpu_right);
  g_assert_cmpint (extents.x, >=, name_right);
  g_assert_cmpint (extents.x, ==, cpu_left + 1);
  g_assert_cmpint (extents.x + extents.width, <=, cpu_right);
  g_assert_cmpint (extents.height, >, 0);
  g_assert_cmpint (extents.height, <, gtk_widget_get_allocated_height (GTK_WIDGET (tree_view)) / 2);
  cairo_region_destroy (region);

  /* No graph column, no redraw. */
  vd_stats_ring_push (vd_domain_get_history (alpha, VD_STATS_CPU), 7);
  for (guint i = 0; i < G_N_ELEMENTS (graph_columns); i++)
    g_settings_set_boolean (fixture->settings, graph_columns[i].key, FALSE);
  region = tick_update_area (fixture);
  g_assert_true (region == NULL || cairo_region_is_empty (region));
  g_clear_pointer (&region, cairo_region_destroy);
}


/* The close button sends a delete event: the window remembers its size
 * and goes (it used to chain to GtkWindow's delete-event, which is NULL). */
static void
test_close (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.virtdesk.VirtDesk");
  g_autoptr(VdConnectionManager) manager = vd_connection_manager_new (settings);
  VdManagerWindow *window;

  g_settings_reset (settings, "connections");
  g_settings_set_boolean (settings, "window-maximized", FALSE);
  window = vd_manager_window_new (NULL, manager, settings);
  gtk_window_resize (GTK_WINDOW (window), 777, 555);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  VD_TEST_WAIT_UNTIL (gtk_widget_get_allocated_width (GTK_WIDGET (window)) == 777, 10);

  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *)&window);
  gtk_window_close (GTK_WINDOW (window));
  VD_TEST_WAIT_UNTIL (window == NULL, 10);

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 777);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 555);
  g_object_run_dispose (G_OBJECT (manager));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  gvir_init_object_check (NULL, NULL, NULL);

#define ADD(path, func) \
  g_test_add ("/vd/manager-window/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("toolbar-actions", test_toolbar_actions);
  ADD ("confirmations", test_confirmations);
  ADD ("search", test_search);
  ADD ("bulk", test_bulk);
  ADD ("column-actions", test_column_actions);
  ADD ("column-rings", test_column_rings);
  ADD ("tick-redraw", test_tick_redraw);
  g_test_add_func ("/vd/manager-window/connection-failure", test_connection_failure);
  g_test_add_func ("/vd/manager-window/many-guests", test_many_guests);
  g_test_add_func ("/vd/manager-window/watch-visible", test_watch_visible);
  g_test_add_func ("/vd/manager-window/close", test_close);

  return g_test_run ();
}
