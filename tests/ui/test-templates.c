/* test-templates.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>
#include <libvirt-gobject/libvirt-gobject.h>

#include "vd-auth-dialog.h"
#include "vd-confirm-dialog.h"
#include "vd-connect-dialog.h"
#include "vd-console-tabs-window.h"
#include "vd-console-view.h"
#include "vd-create-network-wizard.h"
#include "vd-create-volume-dialog.h"
#include "vd-delete-dialog.h"
#include "vd-dhcp-hosts-dialog.h"
#include "vd-graph.h"
#include "vd-host-graphs.h"
#include "vd-host-window.h"
#include "vd-manager-window.h"
#include "vd-new-vm-wizard.h"
#include "vd-preferences-dialog.h"
#include "vd-storage-browser.h"
#include "vd-vm-window.h"
#include "vd-volume-dialog.h"
#include "vd-xml-edit-dialog.h"
#include "../vd-test-util.h"
#include "vd-test-ui.h"

/* Under ASan: the host window's XML view makes GLib outgrow its first
 * block of quarks, which it never frees (tests/lsan.supp). Only a full
 * stack names the constructor that allocated it, so unwind slowly. Never
 * called without a sanitizer. */
const char *__asan_default_options (void);

const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}

/* Every composite template instantiates without a warning (a missing id or
 * a bad .ui makes GTK emit a critical, which fails the test), and every
 * other resource file loads. */

static void
list_prepend_cb (GtkWidget *widget,
                 GList    **list)
{
  *list = g_list_prepend (*list, widget);
}

/* Every control a user can reach has a name for screen readers and
 * AT-SPI-driven tests: icon-only buttons included. Returns how many
 * controls were checked. */
static guint
assert_accessible_names (GtkWidget *root)
{
  guint checked = 0;

  if (!gtk_widget_get_visible (root))
    return 0;

  if (GTK_IS_BUTTON (root) || GTK_IS_ENTRY (root) || GTK_IS_COMBO_BOX (root) ||
      GTK_IS_SWITCH (root) || GTK_IS_TREE_VIEW (root))
    {
      const char *name = atk_object_get_name (gtk_widget_get_accessible (root));

      if (name == NULL || name[0] == '\0')
        g_error ("a %s (%s) has no accessible name",
                 G_OBJECT_TYPE_NAME (root), gtk_buildable_get_name (GTK_BUILDABLE (root)));
      checked++;
    }

  if (GTK_IS_CONTAINER (root) && !GTK_IS_COMBO_BOX (root) && !GTK_IS_TREE_VIEW (root))
    {
      g_autoptr(GList) children = NULL;

      /* Internal children (the header bar, toolbar items) too. */
      gtk_container_forall (GTK_CONTAINER (root), (GtkCallback)list_prepend_cb,
                            &children);
      for (const GList *l = children; l != NULL; l = l->next)
        checked += assert_accessible_names (l->data);
    }

  return checked;
}

static void
test_manager_window (void)
{
  g_autoptr(VdConnectionManager) manager = vd_connection_manager_new (NULL);
  GtkWidget *window;

  vd_connection_manager_load (manager);
  window = GTK_WIDGET (vd_manager_window_new (NULL, manager, NULL));
  gtk_widget_show (window);
  gtk_test_widget_wait_for_draw (window);
  g_assert_cmpuint (assert_accessible_names (window), >, 5);
  gtk_widget_destroy (window);
}

/* The Delete dialog once a guest's disks are read: every control named. */
static void
test_delete_dialog (void)
{
  g_autofree char *uri = vd_test_fixture_uri ("basic.xml");
  g_autoptr(VdConnection) connection = vd_test_open (uri);
  g_autoptr(GPtrArray) domains = g_ptr_array_new ();
  GtkWidget *dialog;

  g_ptr_array_add (domains, vd_connection_find_domain_by_name (connection, "alpha"));
  dialog = vd_delete_dialog_new (NULL, domains);
  VD_TEST_WAIT_UNTIL (vd_delete_dialog_get_loaded (VD_DELETE_DIALOG (dialog)), 30);
  gtk_test_widget_wait_for_draw (dialog);
  g_assert_cmpuint (assert_accessible_names (dialog), >=, 3);
  gtk_widget_destroy (dialog);
}

static void
test_vm_window (void)
{
  g_autofree char *uri = vd_test_fixture_uri ("basic.xml");
  g_autoptr(VdConnection) connection = vd_test_open (uri);
  GtkWidget *window;

  const char *pages[] = { "overview", "cpus", "memory", "boot", "performance" };

  window = GTK_WIDGET (vd_vm_window_new (NULL,
                                         vd_connection_find_domain_by_name (connection, "alpha"),
                                         NULL));
  gtk_widget_show (window);
  gtk_test_widget_wait_for_draw (window);
  g_assert_cmpuint (assert_accessible_names (window), >, 5);
  /* Every Details page (VdHardwarePageOverview, -Cpu, -Memory, -Boot), once
   * the guest's configuration is read, and the XML tab. */
  VD_TEST_WAIT_UNTIL (gtk_widget_get_sensitive (GTK_WIDGET (gtk_widget_get_template_child (
                        window, VD_TYPE_VM_WINDOW, "boot_page"))), 30);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      vd_vm_window_set_page (VD_VM_WINDOW (window), pages[i]);
      g_assert_cmpstr (vd_vm_window_get_details_page (VD_VM_WINDOW (window)), ==, pages[i]);
      g_assert_cmpuint (assert_accessible_names (window), >, 5);
    }
  vd_vm_window_set_page (VD_VM_WINDOW (window), "overview");
  gtk_stack_set_visible_child_name (GTK_STACK (gtk_widget_get_template_child (
                                                 window, VD_TYPE_VM_WINDOW, "mode_stack")),
                                    "xml");
  g_assert_cmpuint (assert_accessible_names (window), >, 5);
  gtk_widget_destroy (window);
  vd_connection_disconnect (connection);
}

static void
test_console_view (void)
{
  g_autofree char *uri = vd_test_fixture_uri ("basic.xml");
  g_autoptr(VdConnection) connection = vd_test_open (uri);
  const char *guests[] = { "bravo", "alpha" };

  /* Its inactive page (Run) and its error page (Retry). */
  for (guint i = 0; i < G_N_ELEMENTS (guests); i++)
    {
      GtkWidget *window = gtk_window_new (GTK_WINDOW_TOPLEVEL);
      GtkWidget *view = vd_console_view_new ();

      vd_console_view_set_domain (VD_CONSOLE_VIEW (view),
                                  vd_connection_find_domain_by_name (connection, guests[i]));
      gtk_container_add (GTK_CONTAINER (window), view);
      gtk_widget_show_all (window);
      VD_TEST_WAIT_UNTIL (g_strcmp0 (vd_console_view_get_page (VD_CONSOLE_VIEW (view)),
                                     "connecting") != 0, 30);
      gtk_test_widget_wait_for_draw (window);
      g_assert_cmpuint (assert_accessible_names (window), >=, 1);
      gtk_widget_destroy (window);
    }

  vd_connection_disconnect (connection);
}

static void
test_console_tabs_window (void)
{
  g_autofree char *uri = vd_test_fixture_uri ("basic.xml");
  g_autoptr(VdConnection) connection = vd_test_open (uri);
  VdConsoleTabsWindow *tabs = vd_console_tabs_window_new (NULL, NULL);
  VdDomain *alpha = vd_connection_find_domain_by_name (connection, "alpha");

  /* Two tabs, each with its name and close button. */
  vd_console_tabs_window_open (tabs, vd_connection_find_domain_by_name (connection, "bravo"));
  vd_console_tabs_window_open (tabs, alpha);
  gtk_window_present (GTK_WINDOW (tabs));
  VD_TEST_WAIT_UNTIL (g_strcmp0 (vd_console_view_get_page (vd_console_tabs_window_get_view (tabs,
                                                                                          alpha)),
                                 "connecting") != 0, 30);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (tabs));
  g_assert_cmpuint (assert_accessible_names (GTK_WIDGET (tabs)), >=, 3);
  gtk_widget_destroy (GTK_WIDGET (tabs));

  vd_connection_disconnect (connection);
}

static void
test_graphs (void)
{
  g_autofree char *uri = vd_test_fixture_uri ("basic.xml");
  g_autoptr(VdConnection) connection = vd_test_open (uri);
  GtkWidget *window = gtk_window_new (GTK_WINDOW_TOPLEVEL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *graph = vd_graph_new ();
  GtkWidget *host = vd_host_graphs_new (connection);

  vd_graph_set_title (VD_GRAPH (graph), "Graph");
  gtk_container_add (GTK_CONTAINER (box), graph);
  gtk_container_add (GTK_CONTAINER (box), host);
  gtk_container_add (GTK_CONTAINER (window), box);
  gtk_widget_show_all (window);
  gtk_test_widget_wait_for_draw (window);

  /* Graphs are not text: each has a name for screen readers. */
  g_assert_cmpstr (atk_object_get_name (gtk_widget_get_accessible (graph)), ==, "Graph");
  g_assert_true (VD_IS_GRAPH (vd_test_find_by_accessible_name (host, "Host CPU")));
  g_assert_true (VD_IS_GRAPH (vd_test_find_by_accessible_name (host, "Host Memory")));

  gtk_widget_destroy (window);
  vd_connection_disconnect (connection);
}

static void
test_host_window (void)
{
  g_autofree char *uri = vd_test_fixture_uri ("host.xml");
  g_autoptr(VdConnection) connection = vd_test_open (uri);
  GtkWidget *window;

  VD_TEST_WAIT_UNTIL (vd_connection_get_host_loaded (connection), 30);
  window = GTK_WIDGET (vd_host_window_new (NULL, connection, NULL));
  gtk_widget_show (window);
  gtk_test_widget_wait_for_draw (window);
  /* Every page, with a selection, so the details and buttons are shown. */
  g_assert_true (vd_host_window_select_network (VD_HOST_WINDOW (window), "default"));
  g_assert_cmpuint (assert_accessible_names (window), >, 5);
  g_assert_true (vd_host_window_select_pool (VD_HOST_WINDOW (window), "default"));
  g_assert_cmpuint (assert_accessible_names (window), >, 5);
  vd_host_window_set_page (VD_HOST_WINDOW (window), "overview");
  g_assert_cmpuint (assert_accessible_names (window), >, 2);
  gtk_widget_destroy (window);
  vd_connection_disconnect (connection);
}

static void
test_create_wizards (void)
{
  g_autofree char *uri = vd_test_fixture_uri ("host.xml");
  g_autoptr(VdConnection) connection = vd_test_open (uri);
  const char *pages[] = { "name", "forward", "ipv4", "ipv6", "advanced", "summary" };
  GtkWidget *wizard;
  GtkWidget *dialog;

  VD_TEST_WAIT_UNTIL (vd_connection_get_host_loaded (connection), 30);
  wizard = vd_create_network_wizard_new (NULL, connection);
  gtk_widget_show (wizard);
  gtk_test_widget_wait_for_draw (wizard);
  /* Every page, by the template's own stack. */
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkStack *stack = GTK_STACK (gtk_widget_get_template_child (wizard,
                                                                  VD_TYPE_CREATE_NETWORK_WIZARD,
                                                                  "stack"));

      gtk_stack_set_visible_child_name (stack, pages[i]);
      g_assert_cmpstr (vd_create_network_wizard_get_page (VD_CREATE_NETWORK_WIZARD (wizard)), ==,
                       pages[i]);
      g_assert_cmpuint (assert_accessible_names (wizard), >=, 3);
    }
  gtk_widget_destroy (wizard);

  dialog = vd_create_volume_dialog_new (NULL, vd_connection_find_pool (connection, "default"));
  gtk_widget_show (dialog);
  gtk_test_widget_wait_for_draw (dialog);
  g_assert_cmpuint (assert_accessible_names (dialog), >, 5);
  gtk_widget_destroy (dialog);

  /* The volume operations, the storage browser and the XML editor. */
  {
    VdStoragePool *pool = vd_connection_find_pool (connection, "default");
    VdStorageVolume *volume = vd_storage_pool_find_volume (pool, "web.qcow2");
    const VdVolumeDialogMode modes[] = { VD_VOLUME_DIALOG_CLONE, VD_VOLUME_DIALOG_RESIZE };

    for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
      {
        dialog = vd_volume_dialog_new (NULL, volume, modes[i], NULL);
        gtk_widget_show (dialog);
        gtk_test_widget_wait_for_draw (dialog);
        g_assert_cmpuint (assert_accessible_names (dialog), >=, 2);
        gtk_widget_destroy (dialog);
      }

    dialog = vd_storage_browser_new (NULL, connection, VD_STORAGE_BROWSER_FILTER_ALL);
    gtk_widget_show (dialog);
    gtk_test_widget_wait_for_draw (dialog);
    g_assert_cmpuint (assert_accessible_names (dialog), >=, 2);
    gtk_widget_destroy (dialog);

    dialog = vd_dhcp_hosts_dialog_new (NULL, vd_connection_find_network (connection, "default"));
    gtk_widget_show (dialog);
    gtk_test_widget_wait_for_draw (dialog);
    g_assert_cmpuint (assert_accessible_names (dialog), >=, 5);
    gtk_widget_destroy (dialog);

    dialog = vd_xml_edit_dialog_new (NULL, pool);
    gtk_widget_show (dialog);
    gtk_test_widget_wait_for_draw (dialog);
    VD_TEST_WAIT_UNTIL (vd_xml_edit_dialog_get_loaded (VD_XML_EDIT_DIALOG (dialog)), 30);
    g_assert_cmpuint (assert_accessible_names (dialog), >=, 1);
    gtk_widget_destroy (dialog);
  }

  /* The New Virtual Machine wizard: every step. */
  {
    const char *steps[] = { "method", "os", "resources", "storage", "finish" };
    GtkStack *stack;

    wizard = vd_new_vm_wizard_new (NULL, connection);
    gtk_widget_show (wizard);
    gtk_test_widget_wait_for_draw (wizard);
    stack = GTK_STACK (gtk_widget_get_template_child (wizard, VD_TYPE_NEW_VM_WIZARD, "stack"));
    for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
      {
        gtk_stack_set_visible_child_name (stack, steps[i]);
        g_assert_cmpstr (vd_new_vm_wizard_get_page (VD_NEW_VM_WIZARD (wizard)), ==, steps[i]);
        g_assert_cmpuint (assert_accessible_names (wizard), >=, 3);
      }
    gtk_widget_destroy (wizard);
  }
  vd_connection_disconnect (connection);
}

static void
test_dialogs (void)
{
  g_autoptr(VdCredentialRequest) request = vd_credential_request_new ("qemu+tcp://h/system");
  const char *items[] = { "alpha", NULL };
  GtkWidget *dialog;

  dialog = vd_connect_dialog_new (NULL);
  gtk_widget_show (dialog);
  g_assert_cmpuint (assert_accessible_names (dialog), >, 3);
  gtk_widget_destroy (dialog);

  vd_credential_request_add_field (request, VD_CREDENTIAL_USERNAME, "User name", NULL);
  vd_credential_request_add_field (request, VD_CREDENTIAL_PASSWORD, "Password", NULL);
  dialog = vd_auth_dialog_new (NULL, request);
  gtk_widget_show (dialog);
  g_assert_cmpuint (assert_accessible_names (dialog), >=, 4);
  gtk_widget_destroy (dialog);

  dialog = vd_confirm_dialog_new (NULL, "Title", "Message", items, "_OK", NULL, NULL);
  gtk_widget_show (dialog);
  g_assert_cmpuint (assert_accessible_names (dialog), >=, 2);
  gtk_widget_destroy (dialog);
}

static void
test_preferences (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.virtdesk.VirtDesk");
  GtkWidget *dialog = vd_preferences_dialog_new (NULL, settings);
  GtkWidget *delete_switch;
  GtkWidget *interval;

  gtk_widget_show (dialog);
  g_assert_cmpuint (assert_accessible_names (dialog), >=, 4);
  delete_switch = vd_test_find_by_accessible_name (dialog, "Ask before deleting guests, networks and storage");
  interval = vd_test_find_by_accessible_name (dialog, "Statistics interval in seconds");
  g_assert_true (GTK_IS_SWITCH (delete_switch));
  g_assert_true (GTK_IS_SPIN_BUTTON (interval));

  /* Bound to the keys both ways: a "don't ask again" can be undone here. */
  g_settings_set_boolean (settings, "confirm-delete", FALSE);
  g_assert_false (gtk_switch_get_active (GTK_SWITCH (delete_switch)));
  gtk_switch_set_active (GTK_SWITCH (delete_switch), TRUE);
  g_assert_true (g_settings_get_boolean (settings, "confirm-delete"));

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (interval), 5);
  g_assert_cmpuint (g_settings_get_uint (settings, "stats-interval"), ==, 5);
  g_settings_reset (settings, "stats-interval");

  gtk_widget_destroy (dialog);
}

static void
test_resources (void)
{
  g_autoptr(GtkBuilder) menus = gtk_builder_new_from_resource (RESOURCE_BASE "/gtk/menus.ui");
  g_autoptr(GtkBuilder) overlay = NULL;
  const char *menu_ids[] = { "menubar", "shutdown-menu", "domain-menu", "connection-menu" };
  GtkWidget *help;

  for (guint i = 0; i < G_N_ELEMENTS (menu_ids); i++)
    g_assert_true (G_IS_MENU_MODEL (gtk_builder_get_object (menus, menu_ids[i])));

  overlay = gtk_builder_new_from_resource (RESOURCE_BASE "/gtk/help-overlay.ui");
  help = GTK_WIDGET (gtk_builder_get_object (overlay, "help_overlay"));
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (help));
  gtk_widget_destroy (help);

  g_assert_true (g_resources_get_info (RESOURCE_BASE "/style.css", 0, NULL, NULL, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  gvir_init_object_check (NULL, NULL, NULL);

  g_test_add_func ("/vd/templates/manager-window", test_manager_window);
  g_test_add_func ("/vd/templates/vm-window", test_vm_window);
  g_test_add_func ("/vd/templates/console-view", test_console_view);
  g_test_add_func ("/vd/templates/console-tabs-window", test_console_tabs_window);
  g_test_add_func ("/vd/templates/graphs", test_graphs);
  g_test_add_func ("/vd/templates/host-window", test_host_window);
  g_test_add_func ("/vd/templates/create-wizards", test_create_wizards);
  g_test_add_func ("/vd/templates/dialogs", test_dialogs);
  g_test_add_func ("/vd/templates/delete-dialog", test_delete_dialog);
  g_test_add_func ("/vd/templates/preferences", test_preferences);
  g_test_add_func ("/vd/templates/resources", test_resources);

  return g_test_run ();
}
