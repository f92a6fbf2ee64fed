/* test-host-window.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>
#include <gtksourceview/gtksource.h>
#include <libvirt-gobject/libvirt-gobject.h>

#include "vd-confirm-dialog.h"
#include "vd-dhcp-hosts-dialog.h"
#include "vd-host-window.h"
#include "vd-manager-window.h"
#include "../vd-test-util.h"
#include "vd-test-ui.h"

/* Under ASan: the XML view's highlighting makes GLib outgrow its first
 * block of quarks, which it never frees (tests/lsan.supp). Only a full
 * stack names the constructor that allocated it, so unwind slowly. Never
 * called without a sanitizer. */
const char *__asan_default_options (void);

const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}

/* The Connection Details window on a test-driver host (host.xml): what
 * each page shows comes from libvirt, the host.* actions follow the
 * selection, change the real objects, and ask before deleting. */

typedef struct
{
  VdConnection *connection;
  GSettings    *settings;
  GtkWidget    *window;
  GActionGroup *host;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *uri = vd_test_fixture_uri ("host.xml");

  fixture->connection = vd_test_open (uri);
  VD_TEST_WAIT_UNTIL (vd_connection_get_host_loaded (fixture->connection), 30);
  fixture->settings = g_settings_new ("io.github.virtdesk.VirtDesk");
  g_settings_reset (fixture->settings, "confirm-delete");

  fixture->window = GTK_WIDGET (vd_host_window_new (NULL, fixture->connection,
                                                    fixture->settings));
  gtk_widget_show (fixture->window);
  gtk_test_widget_wait_for_draw (fixture->window);
  fixture->host = gtk_widget_get_action_group (fixture->window, "host");
  g_assert_nonnull (fixture->host);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_widget_destroy (fixture->window);
  g_settings_reset (fixture->settings, "confirm-delete");
  g_clear_object (&fixture->settings);
  vd_connection_disconnect (fixture->connection);
  g_clear_object (&fixture->connection);
}

static gboolean
enabled (Fixture    *fixture,
         const char *name)
{
  return g_action_group_get_action_enabled (fixture->host, name);
}

static const char *
text_of (GtkWidget  *window,
         const char *accessible_name)
{
  GtkWidget *label = vd_test_find_by_accessible_name (window, accessible_name);

  if (!GTK_IS_LABEL (label))
    g_error ("no label named “%s”", accessible_name);
  return gtk_label_get_text (GTK_LABEL (label));
}

static const char *
dialog_label (VdConfirmDialog *dialog,
              const char      *id)
{
  return gtk_label_get_text (GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (dialog),
                                                                       VD_TYPE_CONFIRM_DIALOG,
                                                                       id)));
}

static void
spin (void)
{
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
}

static void
test_overview (Fixture       *fixture,
               gconstpointer  data)
{
  GtkWidget *window = fixture->window;
  GtkWidget *autoconnect = vd_test_find_by_accessible_name (window, "Connect automatically");
  GtkWidget *graphs_box = (GtkWidget *)gtk_widget_get_template_child (window, VD_TYPE_HOST_WINDOW, "graphs_box");
  g_autoptr(GList) graphs = gtk_container_get_children (GTK_CONTAINER (graphs_box));

  g_assert_cmpstr (vd_host_window_get_page (VD_HOST_WINDOW (window)), ==, "overview");
  VD_TEST_WAIT_UNTIL (g_strcmp0 (text_of (window, "CPUs"), "—") != 0, 30);
  g_assert_cmpstr (text_of (window, "CPUs"), ==, "32 × 2600 MHz");
  g_assert_cmpstr (text_of (window, "Sockets"), ==, "2");
  g_assert_cmpstr (text_of (window, "Cores per socket"), ==, "4");
  g_assert_cmpstr (text_of (window, "Threads per core"), ==, "2");
  g_assert_cmpstr (text_of (window, "Memory"), ==, "16.0\u00a0GiB");
  g_assert_cmpstr (text_of (window, "CPU model"), ==, "x86_64");
  g_assert_true (g_str_has_prefix (text_of (window, "Hypervisor"), "TEST "));
  g_assert_true (g_str_has_prefix (text_of (window, "Connection URI"), "test://"));

  /* The host's graphs are packed where the placeholder is. */
  g_assert_cmpuint (g_list_length (graphs), ==, 1);

  /* The switch is the connection's autoconnect, both ways. */
  g_assert_true (GTK_IS_SWITCH (autoconnect));
  vd_connection_set_autoconnect (fixture->connection, FALSE);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (autoconnect)));
  gtk_switch_set_active (GTK_SWITCH (autoconnect), TRUE);
  g_assert_true (vd_connection_get_autoconnect (fixture->connection));
}

static void
test_networks (Fixture       *fixture,
               gconstpointer  data)
{
  GtkWidget *window = fixture->window;
  VdHostWindow *host = VD_HOST_WINDOW (window);
  VdNetwork *routed = vd_connection_find_network (fixture->connection, "routed");
  GtkWidget *xml_view = (GtkWidget *)gtk_widget_get_template_child (window, VD_TYPE_HOST_WINDOW,
                                                       "network_xml_view");
  GtkSourceBuffer *buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (xml_view)));

  /* Nothing selected: nothing to act on. */
  g_assert_false (enabled (fixture, "network-start"));
  g_assert_false (enabled (fixture, "network-stop"));
  g_assert_false (enabled (fixture, "network-delete"));

  g_assert_true (vd_host_window_select_network (host, "routed"));
  g_assert_cmpstr (vd_host_window_get_page (host), ==, "networks");
  g_assert_true (vd_host_window_get_selected_network (host) == routed);
  g_assert_cmpstr (text_of (window, "Network forwarding"), ==, "Routed");
  g_assert_cmpstr (text_of (window, "Network forward device"), ==, "eth1");
  g_assert_cmpstr (text_of (window, "Network IPv4 address"), ==, "172.16.5.1/24");
  g_assert_cmpstr (text_of (window, "Network bridge"), ==, "virbr2");
  g_assert_nonnull (vd_test_find_by_accessible_name (window, "routed: Active"));
  g_assert_false (enabled (fixture, "network-start"));
  g_assert_true (enabled (fixture, "network-stop"));
  g_assert_true (enabled (fixture, "network-autostart"));

  /* The XML, highlighted as XML. */
  g_assert_cmpstr (gtk_source_language_get_id (gtk_source_buffer_get_language (buffer)), ==, "xml");
  {
    GtkTextIter start, end;
    g_autofree char *text = NULL;

    VD_TEST_WAIT_UNTIL (gtk_text_buffer_get_char_count (GTK_TEXT_BUFFER (buffer)) > 0, 30);
    gtk_text_buffer_get_bounds (GTK_TEXT_BUFFER (buffer), &start, &end);
    text = gtk_text_buffer_get_text (GTK_TEXT_BUFFER (buffer), &start, &end, FALSE);
    g_assert_nonnull (strstr (text, "<name>routed</name>"));
  }

  /* A dark theme gets a dark scheme (the default one's gutter is light). */
  g_assert_cmpstr (gtk_source_style_scheme_get_id (gtk_source_buffer_get_style_scheme (buffer)),
                   ==, "classic");
  g_object_set (gtk_settings_get_default (), "gtk-application-prefer-dark-theme", TRUE, NULL);
  spin ();
  g_assert_cmpstr (gtk_source_style_scheme_get_id (gtk_source_buffer_get_style_scheme (buffer)),
                   ==, "oblivion");
  g_object_set (gtk_settings_get_default (), "gtk-application-prefer-dark-theme", FALSE, NULL);
  spin ();
  g_assert_cmpstr (gtk_source_style_scheme_get_id (gtk_source_buffer_get_style_scheme (buffer)),
                   ==, "classic");

  g_action_group_activate_action (fixture->host, "network-stop", NULL);
  VD_TEST_WAIT_UNTIL (!vd_network_get_active (routed) && !vd_network_get_busy (routed), 30);
  spin ();
  g_assert_nonnull (vd_test_find_by_accessible_name (window, "routed: Inactive"));
  g_assert_null (vd_test_find_by_accessible_name (window, "routed: Active"));
  g_assert_cmpstr (text_of (window, "Network state"), ==, "Inactive");
  g_assert_true (enabled (fixture, "network-start"));
  g_assert_false (enabled (fixture, "network-stop"));

  g_action_group_activate_action (fixture->host, "network-start", NULL);
  VD_TEST_WAIT_UNTIL (vd_network_get_active (routed) && !vd_network_get_busy (routed), 30);
  spin ();
  g_assert_nonnull (vd_test_find_by_accessible_name (window, "routed: Active"));
  g_assert_cmpstr (text_of (window, "Network state"), ==, "Active");

  /* Autostart through the check box's stateful action. */
  g_action_group_change_action_state (fixture->host, "network-autostart",
                                      g_variant_new_boolean (TRUE));
  VD_TEST_WAIT_UNTIL (vd_network_get_autostart (routed) && !vd_network_get_busy (routed), 30);
  g_assert_null (vd_host_window_get_message (host));
}

static void
test_network_error (Fixture       *fixture,
                    gconstpointer  data)
{
  VdHostWindow *host = VD_HOST_WINDOW (fixture->window);
  VdNetwork *routed = vd_connection_find_network (fixture->connection, "routed");
  virNetworkPtr raw = virNetworkLookupByName (vd_connection_get_handle (fixture->connection),
                                              "routed");

  g_assert_true (vd_host_window_select_network (host, "routed"));
  g_assert_cmpint (virNetworkDestroy (raw), ==, 0);
  VD_TEST_WAIT_UNTIL (!vd_network_get_active (routed), 30);
  g_assert_true (enabled (fixture, "network-start"));

  /* Started behind the window's back, before the event arrives: the
   * window's Start then fails, and says so with libvirt's reason. */
  g_assert_cmpint (virNetworkCreate (raw), ==, 0);
  virNetworkFree (raw);
  g_action_group_activate_action (fixture->host, "network-start", NULL);
  VD_TEST_WAIT_UNTIL (vd_host_window_get_message (host) != NULL, 30);
  g_assert_true (g_str_has_prefix (vd_host_window_get_message (host),
                                   "Failed to start the network “routed”: "));
  g_assert_nonnull (strstr (vd_host_window_get_message (host), "already running"));
  g_assert_false (vd_network_get_busy (routed));
  g_assert_true (vd_network_get_active (routed));
  g_assert_true (enabled (fixture, "network-stop"));
}

static GtkWidget *
find_dhcp_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (const GList *l = toplevels; l != NULL; l = l->next)
    {
      if (VD_IS_DHCP_HOSTS_DIALOG (l->data) && gtk_widget_get_visible (l->data))
        return l->data;
    }
  return NULL;
}

static guint
count_rows (GtkWidget *dialog)
{
  GtkWidget *view = vd_test_find_by_accessible_name (dialog, "Static hosts");

  g_assert_true (GTK_IS_TREE_VIEW (view));
  return gtk_tree_model_iter_n_children (gtk_tree_view_get_model (GTK_TREE_VIEW (view)), NULL);
}

/* Static Hosts…: the network's static DHCP hosts listed; a new one judged
 * as typed (reason shown, Add off), added to the running network and its
 * definition, then removed again; the list follows libvirt. */
static void
test_network_hosts (Fixture       *fixture,
                    gconstpointer  data)
{
  VdHostWindow *host = VD_HOST_WINDOW (fixture->window);
  VdNetwork *network = vd_connection_find_network (fixture->connection, "default");
  GtkWidget *dialog;
  GtkWidget *mac;
  GtkWidget *ip;
  GtkWidget *name;
  GtkWidget *add;
  GtkWidget *problem;
  GtkWidget *view;
  virNetworkPtr raw;
  char *xml;

  /* An IPv4 space is needed; "routed" in this fixture has one too. */
  g_assert_true (vd_host_window_select_network (host, "default"));
  g_assert_true (enabled (fixture, "network-hosts"));
  g_action_group_activate_action (fixture->host, "network-hosts", NULL);
  dialog = find_dhcp_dialog ();
  g_assert_nonnull (dialog);
  gtk_test_widget_wait_for_draw (dialog);
  g_assert_cmpuint (count_rows (dialog), ==, 2);

  mac = vd_test_find_by_accessible_name (dialog, "MAC address");
  ip = vd_test_find_by_accessible_name (dialog, "IP address");
  name = vd_test_find_by_accessible_name (dialog, "Host name");
  add = vd_test_find_by_accessible_name (dialog, "Add");
  problem = vd_test_find_by_accessible_name (dialog, "Static host problem");
  g_assert_true (GTK_IS_ENTRY (mac) && GTK_IS_ENTRY (ip) && GTK_IS_ENTRY (name));
  g_assert_false (gtk_widget_is_sensitive (add));

  /* An address outside the network: said next to the fields, Add off. */
  gtk_entry_set_text (GTK_ENTRY (mac), "52:54:00:10:00:09");
  gtk_entry_set_text (GTK_ENTRY (ip), "10.1.2.3");
  g_assert_true (gtk_widget_get_visible (problem));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (problem)), "outside the network"));
  g_assert_false (gtk_widget_is_sensitive (add));
  /* A MAC already listed. */
  gtk_entry_set_text (GTK_ENTRY (mac), "52:54:00:10:00:01");
  gtk_entry_set_text (GTK_ENTRY (ip), "192.168.122.40");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (problem)), "already listed"));
  g_assert_false (gtk_widget_is_sensitive (add));

  gtk_entry_set_text (GTK_ENTRY (mac), "52:54:00:10:00:09");
  gtk_entry_set_text (GTK_ENTRY (name), "printer");
  g_assert_false (gtk_widget_get_visible (problem));
  g_assert_true (gtk_widget_is_sensitive (add));
  gtk_button_clicked (GTK_BUTTON (add));
  VD_TEST_WAIT_UNTIL (count_rows (dialog) == 3, 30);
  VD_TEST_WAIT_UNTIL (g_str_equal (gtk_entry_get_text (GTK_ENTRY (mac)), ""), 30);

  raw = virNetworkLookupByName (vd_connection_get_handle (fixture->connection), "default");
  xml = virNetworkGetXMLDesc (raw, 0);
  g_assert_nonnull (strstr (xml, "<host mac='52:54:00:10:00:09' name='printer' "
                                 "ip='192.168.122.40'/>"));
  free (xml);

  /* Removed: the selected row. */
  view = vd_test_find_by_accessible_name (dialog, "Static hosts");
  {
    GtkTreePath *path = gtk_tree_path_new_from_indices (2, -1);

    gtk_tree_selection_select_path (gtk_tree_view_get_selection (GTK_TREE_VIEW (view)), path);
    gtk_tree_path_free (path);
  }
  gtk_button_clicked (GTK_BUTTON (vd_test_find_by_accessible_name (dialog, "Remove")));
  VD_TEST_WAIT_UNTIL (count_rows (dialog) == 2, 30);
  xml = virNetworkGetXMLDesc (raw, 0);
  g_assert_null (strstr (xml, "52:54:00:10:00:09"));
  g_assert_nonnull (strstr (xml, "52:54:00:10:00:02"));
  free (xml);
  virNetworkFree (raw);
  g_assert_cmpuint (g_strv_length ((char **)vd_network_get_static_hosts (network)), ==, 2);

  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CLOSE);
  spin ();
  g_assert_null (find_dhcp_dialog ());
}

static void
test_network_delete (Fixture       *fixture,
                     gconstpointer  data)
{
  VdHostWindow *host = VD_HOST_WINDOW (fixture->window);
  GtkWidget *stack = (GtkWidget *)gtk_widget_get_template_child (fixture->window, VD_TYPE_HOST_WINDOW,
                                                    "network_stack");
  VdConfirmDialog *dialog;

  g_assert_true (vd_host_window_select_network (host, "isolated"));
  g_action_group_activate_action (fixture->host, "network-delete", NULL);
  dialog = vd_test_find_confirm_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==,
                   "Delete the network “isolated”?");
  g_assert_cmpstr (dialog_label (dialog, "items_label"), ==, "isolated");

  /* Cancel leaves it. */
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  spin ();
  g_assert_nonnull (vd_connection_find_network (fixture->connection, "isolated"));

  g_action_group_activate_action (fixture->host, "network-delete", NULL);
  dialog = vd_test_find_confirm_dialog ();
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  VD_TEST_WAIT_UNTIL (vd_connection_find_network (fixture->connection, "isolated") == NULL, 30);
  spin ();
  g_assert_null (vd_host_window_get_selected_network (host));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "empty");
  g_assert_null (vd_test_find_by_accessible_name (fixture->window, "isolated: Active"));
  g_assert_false (enabled (fixture, "network-delete"));
}

static void
test_storage (Fixture       *fixture,
              gconstpointer  data)
{
  GtkWidget *window = fixture->window;
  VdHostWindow *host = VD_HOST_WINDOW (window);
  VdStoragePool *nfs = vd_connection_find_pool (fixture->connection, "nfs-iso");
  VdStoragePool *def = vd_connection_find_pool (fixture->connection, "default");
  GtkWidget *view = (GtkWidget *)gtk_widget_get_template_child (window, VD_TYPE_HOST_WINDOW, "volume_view");
  GtkTreeModel *volumes = gtk_tree_view_get_model (GTK_TREE_VIEW (view));

  g_assert_true (vd_host_window_select_pool (host, "nfs-iso"));
  g_assert_cmpstr (vd_host_window_get_page (host), ==, "storage");
  g_assert_cmpstr (text_of (window, "Pool type"), ==, "Network file system");
  g_assert_cmpstr (text_of (window, "Pool location"), ==, "/mnt/iso");
  g_assert_nonnull (vd_test_find_by_accessible_name (window, "nfs-iso: Active"));
  g_assert_cmpint (gtk_tree_model_iter_n_children (volumes, NULL), ==, 1);
  g_assert_true (enabled (fixture, "pool-stop"));
  g_assert_false (enabled (fixture, "pool-start"));
  g_assert_false (enabled (fixture, "volume-delete"));

  g_action_group_activate_action (fixture->host, "pool-stop", NULL);
  VD_TEST_WAIT_UNTIL (!vd_storage_pool_get_active (nfs) && !vd_storage_pool_get_busy (nfs), 30);
  spin ();
  g_assert_nonnull (vd_test_find_by_accessible_name (window, "nfs-iso: Inactive"));
  g_assert_cmpstr (text_of (window, "Pool state"), ==, "Inactive");
  g_assert_cmpint (gtk_tree_model_iter_n_children (volumes, NULL), ==, 0);
  g_assert_false (enabled (fixture, "pool-refresh"));

  g_action_group_activate_action (fixture->host, "pool-start", NULL);
  VD_TEST_WAIT_UNTIL (vd_storage_pool_get_active (nfs) && !vd_storage_pool_get_busy (nfs), 30);
  spin ();
  g_assert_cmpint (gtk_tree_model_iter_n_children (volumes, NULL), ==, 1);

  /* Refresh re-reads the volumes. */
  g_assert_true (vd_host_window_select_pool (host, "default"));
  g_assert_cmpint (gtk_tree_model_iter_n_children (volumes, NULL), ==, 3);
  g_action_group_activate_action (fixture->host, "pool-refresh", NULL);
  g_assert_true (vd_storage_pool_get_busy (def));
  VD_TEST_WAIT_UNTIL (!vd_storage_pool_get_busy (def), 30);
  g_assert_null (vd_host_window_get_message (host));
  g_assert_cmpint (gtk_tree_model_iter_n_children (volumes, NULL), ==, 3);
}

static void
test_volume_delete (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *window = fixture->window;
  VdHostWindow *host = VD_HOST_WINDOW (window);
  VdStoragePool *def = vd_connection_find_pool (fixture->connection, "default");
  GtkWidget *view = (GtkWidget *)gtk_widget_get_template_child (window, VD_TYPE_HOST_WINDOW, "volume_view");
  GtkTreeModel *volumes = gtk_tree_view_get_model (GTK_TREE_VIEW (view));
  VdConfirmDialog *dialog;
  GtkTreeIter iter;
  g_autofree char *used_by = NULL;

  g_assert_true (vd_host_window_select_pool (host, "default"));

  /* The Used By column: one pass found both guests of shared.raw. */
  g_assert_true (vd_host_window_select_volume (host, "shared.raw"));
  g_assert_true (gtk_tree_selection_get_selected (gtk_tree_view_get_selection (GTK_TREE_VIEW (view)),
                                                  NULL, &iter));
  gtk_tree_model_get (volumes, &iter, 4, &used_by, -1);
  g_assert_cmpstr (used_by, ==, "db, web");
  g_assert_true (enabled (fixture, "volume-delete"));

  /* A volume in use asks even with confirmations turned off, names the
   * guests, and offers no "Don't ask again". */
  g_settings_set_boolean (fixture->settings, "confirm-delete", FALSE);
  g_action_group_activate_action (fixture->host, "volume-delete", NULL);
  dialog = vd_test_find_confirm_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (dialog_label (dialog, "message_label"), "db, web"));
  g_assert_cmpstr (dialog_label (dialog, "items_label"), ==, "/var/lib/libvirt/images/shared.raw");
  g_assert_false (gtk_widget_get_visible ((GtkWidget *)gtk_widget_get_template_child (GTK_WIDGET (dialog),
                                                                         VD_TYPE_CONFIRM_DIALOG,
                                                                         "dont_ask_check")));
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  spin ();
  g_assert_nonnull (vd_storage_pool_find_volume (def, "shared.raw"));
  g_settings_reset (fixture->settings, "confirm-delete");

  /* An unused one goes after the confirmation. */
  g_assert_true (vd_host_window_select_volume (host, "spare.qcow2"));
  g_action_group_activate_action (fixture->host, "volume-delete", NULL);
  dialog = vd_test_find_confirm_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==,
                   "Delete the volume “spare.qcow2”?");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  VD_TEST_WAIT_UNTIL (vd_storage_pool_find_volume (def, "spare.qcow2") == NULL, 30);
  spin ();
  g_assert_cmpint (gtk_tree_model_iter_n_children (volumes, NULL), ==, 2);
  g_assert_null (vd_host_window_get_selected_volume (host));
  g_assert_false (enabled (fixture, "volume-delete"));
  g_assert_null (vd_host_window_get_message (host));
}

static void
test_pool_delete (Fixture       *fixture,
                  gconstpointer  data)
{
  VdHostWindow *host = VD_HOST_WINDOW (fixture->window);
  VdConfirmDialog *dialog;

  g_assert_true (vd_host_window_select_pool (host, "vg_guests"));
  g_action_group_activate_action (fixture->host, "pool-delete", NULL);
  dialog = vd_test_find_confirm_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==,
                   "Delete the storage pool “vg_guests”?");
  /* The "also delete the storage" choice is there, and off. */
  {
    GtkWidget *option = vd_test_find_by_accessible_name (
                          GTK_WIDGET (dialog),
                          "Also delete the volume group (/dev/vg_guests) and every volume in it");

    g_assert_true (GTK_IS_CHECK_BUTTON (option));
    g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (option)));
  }
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  VD_TEST_WAIT_UNTIL (vd_connection_find_pool (fixture->connection, "vg_guests") == NULL, 30);
  spin ();
  g_assert_null (vd_host_window_get_selected_pool (host));
  g_assert_null (vd_host_window_get_message (host));
}

static void
test_not_connected (void)
{
  g_autoptr(VdConnection) connection = vd_connection_new ("test:///default");
  GtkWidget *window = GTK_WIDGET (vd_host_window_new (NULL, connection, NULL));

  /* A window on a closed connection says so, and fills in once open. */
  gtk_widget_show (window);
  g_assert_nonnull (vd_host_window_get_message (VD_HOST_WINDOW (window)));
  vd_connection_connect (connection);
  VD_TEST_WAIT_UNTIL (vd_connection_get_host_loaded (connection), 30);
  VD_TEST_WAIT_UNTIL (g_strcmp0 (text_of (window, "CPUs"), "—") != 0, 30);
  g_assert_null (vd_host_window_get_message (VD_HOST_WINDOW (window)));
  g_assert_true (vd_host_window_select_network (VD_HOST_WINDOW (window), "default"));
  gtk_widget_destroy (window);
  vd_connection_disconnect (connection);
}

static VdHostWindow *
find_host_window (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (const GList *l = toplevels; l != NULL; l = l->next)
    if (VD_IS_HOST_WINDOW (l->data))
      return l->data;

  return NULL;
}

static void
test_manager_action (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.virtdesk.VirtDesk");
  g_autoptr(VdConnectionManager) manager = NULL;
  g_autofree char *uri = vd_test_fixture_uri ("host.xml");
  GActionGroup *actions;
  VdManagerWindow *window;
  VdConnection *connection;
  VdHostWindow *host;
  VdDomain *web;
  GtkTreeSelection *selection;
  g_autoptr(GtkTreePath) first = gtk_tree_path_new_first ();

  g_settings_reset (settings, "connections");
  manager = vd_connection_manager_new (settings);
  connection = vd_connection_manager_add (manager, uri, FALSE);
  window = vd_manager_window_new (NULL, manager, settings);
  actions = G_ACTION_GROUP (window);
  gtk_window_present (GTK_WINDOW (window));
  selection = gtk_tree_view_get_selection (vd_manager_window_get_tree_view (window));

  /* Edit → Connection Details needs a connected connection selected, or
   * one of its guests. */
  gtk_tree_selection_select_path (selection, first);
  spin ();
  g_assert_false (g_action_group_get_action_enabled (actions, "host-details"));
  vd_manager_window_connect (window, connection);
  VD_TEST_WAIT_UNTIL (vd_connection_get_state (connection) == VD_CONNECTION_STATE_CONNECTED, 10);
  spin ();
  g_assert_true (g_action_group_get_action_enabled (actions, "host-details"));

  web = vd_connection_find_domain_by_name (connection, "web");
  vd_manager_window_select_domains (window, &web, 1);
  spin ();
  g_assert_true (g_action_group_get_action_enabled (actions, "host-details"));
  g_assert_null (find_host_window ());
  g_action_group_activate_action (actions, "host-details", NULL);
  host = find_host_window ();
  g_assert_nonnull (host);
  g_assert_true (vd_host_window_get_connection (host) == connection);
  gtk_widget_destroy (GTK_WIDGET (host));

  gtk_tree_selection_unselect_all (selection);
  spin ();
  g_assert_false (g_action_group_get_action_enabled (actions, "host-details"));

  gtk_widget_destroy (GTK_WIDGET (window));
  g_object_run_dispose (G_OBJECT (manager));
  g_settings_reset (settings, "connections");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  gvir_init_object_check (NULL, NULL, NULL);

#define ADD(path, func) \
  g_test_add ("/vd/host-window/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("overview", test_overview);
  ADD ("networks", test_networks);
  ADD ("network-error", test_network_error);
  ADD ("network-delete", test_network_delete);
  ADD ("network-hosts", test_network_hosts);
  ADD ("storage", test_storage);
  ADD ("volume-delete", test_volume_delete);
  ADD ("pool-delete", test_pool_delete);
  g_test_add_func ("/vd/host-window/not-connected", test_not_connected);
  g_test_add_func ("/vd/host-window/manager-action", test_manager_action);

  return g_test_run ();
}
