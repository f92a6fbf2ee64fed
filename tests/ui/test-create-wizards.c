/* test-create-wizards.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>
#include <gtksourceview/gtksource.h>
#include <libvirt-gobject/libvirt-gobject.h>

#include "vd-connection-host.h"
#include "vd-create-network-wizard.h"
#include "vd-create-volume-dialog.h"
#include "vd-host-window.h"
#include "../vd-test-util.h"
#include "vd-test-ui.h"

/* See test-host-window.c: GtkSourceView's quarks under ASan. */
const char *__asan_default_options (void);

const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}

/* The Create Network wizard and the Create Volume dialog, opened from the
 * host window on host.xml through its host.* actions and driven through
 * their widgets (found by accessible name, as a screen reader would). */

typedef struct
{
  VdConnection *connection;
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
  fixture->window = GTK_WIDGET (vd_host_window_new (NULL, fixture->connection, NULL));
  gtk_widget_show (fixture->window);
  gtk_test_widget_wait_for_draw (fixture->window);
  fixture->host = gtk_widget_get_action_group (fixture->window, "host");
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_widget_destroy (fixture->window);
  vd_connection_disconnect (fixture->connection);
  g_clear_object (&fixture->connection);
}

static GtkWidget *
find_toplevel (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (const GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static GtkWidget *
find (GtkWidget  *root,
      const char *name)
{
  GtkWidget *widget = vd_test_find_by_accessible_name (root, name);

  if (widget == NULL)
    g_error ("no widget named “%s”", name);
  return widget;
}

static void
type (GtkWidget  *root,
      const char *name,
      const char *text)
{
  gtk_entry_set_text (GTK_ENTRY (find (root, name)), text);
}

/* The message under a field: NULL when it is hidden or empty. */
static const char *
message (GtkWidget  *root,
         const char *name)
{
  GtkWidget *label = find (root, name);
  const char *text = gtk_label_get_text (GTK_LABEL (label));

  return gtk_widget_get_visible (label) && *text != '\0' ? text : NULL;
}

static gboolean
sensitive (GtkWidget  *root,
           const char *name)
{
  return gtk_widget_get_sensitive (find (root, name));
}

static void
click (GtkWidget  *root,
       const char *name)
{
  GtkWidget *button = find (root, name);

  g_assert_true (gtk_widget_get_sensitive (button));
  gtk_button_clicked (GTK_BUTTON (button));
}

static const char *
page (GtkWidget *wizard)
{
  return vd_create_network_wizard_get_page (VD_CREATE_NETWORK_WIZARD (wizard));
}

static GtkWidget *
open_network_wizard (Fixture *fixture)
{
  GtkWidget *wizard;

  g_assert_true (g_action_group_get_action_enabled (fixture->host, "network-create"));
  g_action_group_activate_action (fixture->host, "network-create", NULL);
  wizard = find_toplevel (VD_TYPE_CREATE_NETWORK_WIZARD);
  g_assert_nonnull (wizard);
  g_assert_cmpstr (page (wizard), ==, "name");
  return wizard;
}

static void
test_network_invalid (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkWidget *wizard = open_network_wizard (fixture);

  /* Nothing typed yet: no reproach, but no Next either. */
  g_assert_null (message (wizard, "Network name problem"));
  g_assert_false (sensitive (wizard, "Next"));

  type (wizard, "Network name", "my net");
  g_assert_cmpstr (message (wizard, "Network name problem"), ==,
                   "A name may contain only letters, digits and “-”, “_”, “.”, “+” (not first).");
  g_assert_false (sensitive (wizard, "Next"));
  type (wizard, "Network name", "default");
  g_assert_cmpstr (message (wizard, "Network name problem"), ==,
                   "A network called “default” already exists on this connection.");
  g_assert_false (sensitive (wizard, "Next"));
  type (wizard, "Network name", "lab");
  g_assert_null (message (wizard, "Network name problem"));
  click (wizard, "Next");
  g_assert_cmpstr (page (wizard), ==, "forward");

  /* Bridge mode asks for the bridge; NAT does not. */
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (find (wizard, "Forward mode")), "bridge");
  g_assert_cmpstr (message (wizard, "Device problem"), ==,
                   "Enter the host bridge to connect to, for example br0.");
  g_assert_false (sensitive (wizard, "Next"));
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (find (wizard, "Forward mode")), "nat");
  g_assert_null (message (wizard, "Device problem"));
  click (wizard, "Next");
  g_assert_cmpstr (page (wizard), ==, "ipv4");

  type (wizard, "IPv4 network", "192.168.300.1/24");
  g_assert_cmpstr (message (wizard, "IPv4 network problem"), ==,
                   "Enter the host’s address on the network with its prefix length, for example "
                   "192.168.100.1/24.");
  g_assert_false (sensitive (wizard, "Next"));
  type (wizard, "IPv4 network", "192.168.122.7/24");
  g_assert_cmpstr (message (wizard, "IPv4 network problem"), ==,
                   "192.168.122.0/24 overlaps the network “default” (192.168.122.0/24).");
  type (wizard, "IPv4 network", "192.168.100.1/24");
  g_assert_null (message (wizard, "IPv4 network problem"));
  type (wizard, "DHCP start", "192.168.101.10");
  g_assert_cmpstr (message (wizard, "DHCP range problem"), ==,
                   "The DHCP range must lie inside the network 192.168.100.0/24.");
  g_assert_false (sensitive (wizard, "Next"));
  type (wizard, "DHCP start", "192.168.100.200");
  type (wizard, "DHCP end", "192.168.100.150");
  g_assert_cmpstr (message (wizard, "DHCP range problem"), ==,
                   "The DHCP range starts after its end.");
  type (wizard, "DHCP start", "192.168.100.128");
  type (wizard, "DHCP end", "192.168.100.254");
  g_assert_null (message (wizard, "DHCP range problem"));
  g_assert_true (sensitive (wizard, "Next"));

  /* A host not yet added: its reason, and no Add. */
  type (wizard, "New host MAC address", "01:00:5e:00:00:01");
  type (wizard, "New host IP address", "192.168.100.20");
  g_assert_cmpstr (message (wizard, "New host problem"), ==,
                   "01:00:5e:00:00:01 is a multicast address: a guest needs a unicast one "
                   "(an even first byte).");
  g_assert_false (sensitive (wizard, "Add this static host"));

  /* Back keeps what was typed. */
  click (wizard, "Back");
  click (wizard, "Back");
  g_assert_cmpstr (page (wizard), ==, "name");
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (find (wizard, "Network name"))), ==, "lab");
  click (wizard, "Next");
  click (wizard, "Next");
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (find (wizard, "IPv4 network"))), ==,
                   "192.168.100.1/24");

  gtk_widget_destroy (wizard);
}

static void
go_to_summary_with_host (GtkWidget *wizard,
                         const char *name)
{
  type (wizard, "Network name", name);
  click (wizard, "Next");
  click (wizard, "Next");
  g_assert_cmpstr (page (wizard), ==, "ipv4");
  type (wizard, "IPv4 network", "192.168.150.1/24");
  type (wizard, "DHCP start", "192.168.150.100");
  type (wizard, "DHCP end", "192.168.150.200");
  type (wizard, "New host MAC address", "52:54:00:15:00:01");
  type (wizard, "New host IP address", "192.168.150.10");
  type (wizard, "New host name", "web");
  g_assert_null (message (wizard, "New host problem"));
  click (wizard, "Add this static host");
  g_assert_nonnull (find (wizard, "Remove the host 52:54:00:15:00:01"));
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (find (wizard, "New host MAC address"))), ==, "");
  click (wizard, "Next");
  g_assert_cmpstr (page (wizard), ==, "ipv6");
  click (wizard, "Next");
  g_assert_cmpstr (page (wizard), ==, "advanced");
  click (wizard, "Next");
  g_assert_cmpstr (page (wizard), ==, "summary");
}

static char *
preview (GtkWidget *wizard)
{
  GtkWidget *view = find (wizard, "Network XML preview");
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  /* (a scrolled window reports its child's name) */
  if (GTK_IS_SCROLLED_WINDOW (view))
    view = gtk_bin_get_child (GTK_BIN (view));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
test_network_create (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *wizard = open_network_wizard (fixture);
  g_autofree char *xml = NULL;
  const VdNetworkSpec *spec;
  VdNetwork *network;

  g_object_add_weak_pointer (G_OBJECT (wizard), (gpointer *)&wizard);
  go_to_summary_with_host (wizard, "lab");

  xml = preview (wizard);
  g_assert_nonnull (strstr (xml, "<forward mode=\"nat\"/>"));
  g_assert_nonnull (strstr (xml, "<host mac=\"52:54:00:15:00:01\" name=\"web\" ip=\"192.168.150.10\"/>"));
  spec = vd_create_network_wizard_get_spec (VD_CREATE_NETWORK_WIZARD (wizard));
  g_assert_cmpuint (spec->hosts->len, ==, 1);

  click (wizard, "Create");
  g_assert_cmpstr (page (wizard), ==, "progress");
  VD_TEST_WAIT_UNTIL (wizard == NULL, 30);

  /* In the tab's list, running, as asked. */
  VD_TEST_WAIT_UNTIL (vd_test_find_by_accessible_name (fixture->window, "lab: Active") != NULL, 30);
  network = vd_connection_find_network (fixture->connection, "lab");
  g_assert_nonnull (network);
  g_assert_cmpstr (vd_network_get_forward_mode (network), ==, "nat");
  g_assert_cmpstr (vd_network_get_static_hosts (network)[0], ==,
                   "52:54:00:15:00:01 192.168.150.10 web");
}

/* libvirt refuses: its message on the error page, Back to the summary
 * with everything as it was. */
static void
test_network_failure (Fixture       *fixture,
                      gconstpointer  data)
{
  GtkWidget *wizard = open_network_wizard (fixture);
  virNetworkPtr taken;

  go_to_summary_with_host (wizard, "clash");
  /* Defined behind the wizard's back: the list does not know yet (no
   * main loop iteration before Create), libvirt does. */
  taken = virNetworkDefineXML (vd_connection_get_handle (fixture->connection),
                               "<network><name>clash</name></network>");
  g_assert_nonnull (taken);
  virNetworkFree (taken);
  click (wizard, "Create");
  VD_TEST_WAIT_UNTIL (g_strcmp0 (page (wizard), "error") == 0, 30);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (find (wizard, "Creation error"))),
                                   "Failed to create the network “clash”: "));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (find (wizard, "Creation error"))),
                            "already exists"));

  click (wizard, "Back");
  g_assert_cmpstr (page (wizard), ==, "summary");
  g_assert_cmpuint (vd_create_network_wizard_get_spec (VD_CREATE_NETWORK_WIZARD (wizard))->hosts->len,
                    ==, 1);
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (find (wizard, "Network name"))), ==, "clash");
  /* Once the list knows, the wizard judges the name again by itself. */
  VD_TEST_WAIT_UNTIL (vd_connection_find_network (fixture->connection, "clash") != NULL, 30);
  g_assert_false (sensitive (wizard, "Create"));
  for (guint i = 0; i < 5; i++)
    click (wizard, "Back");
  g_assert_cmpstr (page (wizard), ==, "name");
  g_assert_cmpstr (message (wizard, "Network name problem"), ==,
                   "A network called “clash” already exists on this connection.");
  gtk_widget_destroy (wizard);
}

/* ------------------------------------------------------------------ */
/* Create Volume                                                       */
/* ------------------------------------------------------------------ */

static gboolean
volume_listed (GtkWidget  *window,
               const char *name)
{
  GtkWidget *view = (GtkWidget *)gtk_widget_get_template_child (GTK_WIDGET (window),
                                                                VD_TYPE_HOST_WINDOW,
                                                                "volume_view");
  GtkTreeModel *model = gtk_tree_view_get_model (GTK_TREE_VIEW (view));
  GtkTreeIter iter;

  if (!gtk_tree_model_get_iter_first (model, &iter))
    return FALSE;
  do
    {
      g_autofree char *listed = NULL;

      gtk_tree_model_get (model, &iter, 0, &listed, -1);
      if (g_strcmp0 (listed, name) == 0)
        return TRUE;
    }
  while (gtk_tree_model_iter_next (model, &iter));
  return FALSE;
}

static void
test_volume_create (Fixture       *fixture,
                    gconstpointer  data)
{
  VdStoragePool *def = vd_connection_find_pool (fixture->connection, "default");
  VdStorageVolume *volume;
  GtkWidget *dialog;

  /* Only for a running pool. */
  g_assert_true (vd_host_window_select_pool (VD_HOST_WINDOW (fixture->window), "default"));
  g_assert_true (g_action_group_get_action_enabled (fixture->host, "volume-create"));
  g_action_group_activate_action (fixture->host, "volume-create", NULL);
  dialog = find_toplevel (VD_TYPE_CREATE_VOLUME_DIALOG);
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&dialog);
  g_assert_false (sensitive (dialog, "Create"));

  type (dialog, "Volume name", "web.qcow2");
  g_assert_cmpstr (message (dialog, "Volume name problem"), ==,
                   "The pool “default” already has a volume called “web.qcow2”.");
  type (dialog, "Volume name", "overlay.qcow2");
  g_assert_null (message (dialog, "Volume name problem"));

  /* Bad capacities are refused with their reason. */
  type (dialog, "Volume capacity", "0");
  g_assert_cmpstr (message (dialog, "Volume capacity problem"), ==,
                   "The capacity must be more than zero.");
  g_assert_false (sensitive (dialog, "Create"));
  type (dialog, "Volume capacity", "lots");
  g_assert_cmpstr (message (dialog, "Volume capacity problem"), ==,
                   "Enter the size as a number, for example 20 or 1.5.");
  g_assert_false (sensitive (dialog, "Create"));
  type (dialog, "Volume capacity", "5");
  type (dialog, "Volume allocation", "6");
  g_assert_cmpstr (message (dialog, "Volume allocation problem"), ==,
                   "The allocation cannot exceed the capacity.");
  type (dialog, "Volume allocation", "");
  g_assert_null (message (dialog, "Volume capacity problem"));
  g_assert_true (sensitive (dialog, "Create"));

  /* A qcow2 overlay on web.qcow2. */
  g_assert_cmpstr (gtk_combo_box_get_active_id (GTK_COMBO_BOX (find (dialog, "Volume format"))),
                   ==, "qcow2");
  g_assert_true (gtk_combo_box_set_active_id (GTK_COMBO_BOX (find (dialog, "Backing volume")),
                                              "web.qcow2"));
  click (dialog, "Create");
  VD_TEST_WAIT_UNTIL (dialog == NULL, 30);

  volume = vd_storage_pool_find_volume (def, "overlay.qcow2");
  g_assert_nonnull (volume);
  g_assert_cmpstr (vd_storage_volume_get_format (volume), ==, "qcow2");
  g_assert_cmpuint (vd_storage_volume_get_capacity (volume), ==, (guint64)5 << 30);
  VD_TEST_WAIT_UNTIL (volume_listed (fixture->window, "overlay.qcow2"), 30);
}

/* libvirt refuses (the pool stopped behind our back): the message shows
 * in the dialog, which stays open with its fields. */
static void
test_volume_failure (Fixture       *fixture,
                     gconstpointer  data)
{
  GtkWidget *dialog;
  virStoragePoolPtr pool;

  g_assert_true (vd_host_window_select_pool (VD_HOST_WINDOW (fixture->window), "default"));
  g_action_group_activate_action (fixture->host, "volume-create", NULL);
  dialog = find_toplevel (VD_TYPE_CREATE_VOLUME_DIALOG);
  type (dialog, "Volume name", "late.raw");
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (find (dialog, "Volume format")), "raw");
  g_assert_false (gtk_widget_get_visible (find (dialog, "Backing volume")));

  pool = virStoragePoolLookupByName (vd_connection_get_handle (fixture->connection), "default");
  g_assert_cmpint (virStoragePoolDestroy (pool), ==, 0);
  virStoragePoolFree (pool);
  click (dialog, "Create");
  VD_TEST_WAIT_UNTIL (!vd_create_volume_dialog_get_busy (VD_CREATE_VOLUME_DIALOG (dialog)), 30);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (find (dialog, "Creation error"))),
                                   "Failed to create the volume “late.raw” in the pool “default”: "));
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (find (dialog, "Volume name"))), ==, "late.raw");
  gtk_widget_destroy (dialog);
}

/* The device field offers the host's interfaces (test:///default has
 * eth1), read in a worker after the wizard opens; typing stays free. */
static void
test_network_devices (void)
{
  g_autoptr(VdConnection) connection = vd_test_open ("test:///default");
  GtkWidget *wizard;
  GtkTreeModel *devices;
  GtkTreeIter iter;
  g_autofree char *first = NULL;

  VD_TEST_WAIT_UNTIL (vd_connection_get_host_loaded (connection), 30);
  wizard = vd_create_network_wizard_new (NULL, connection);
  gtk_widget_show (wizard);
  devices = gtk_combo_box_get_model (GTK_COMBO_BOX (find (wizard, "Device list")));
  VD_TEST_WAIT_UNTIL (gtk_tree_model_iter_n_children (devices, NULL) == 1, 30);
  g_assert_true (gtk_tree_model_get_iter_first (devices, &iter));
  gtk_tree_model_get (devices, &iter, 0, &first, -1);
  g_assert_cmpstr (first, ==, "eth1");

  type (wizard, "Network name", "direct");
  click (wizard, "Next");
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (find (wizard, "Forward mode")), "passthrough");
  g_assert_false (sensitive (wizard, "Next"));
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (find (wizard, "Device list")), "eth1");
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (find (wizard, "Device"))), ==, "eth1");
  /* No addresses of its own: straight on to the advanced page. */
  click (wizard, "Next");
  g_assert_cmpstr (page (wizard), ==, "advanced");
  gtk_widget_destroy (wizard);
  vd_connection_disconnect (connection);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  gvir_init_object_check (NULL, NULL, NULL);

#define ADD(path, func) \
  g_test_add ("/vd/create-wizards/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("network-invalid", test_network_invalid);
  ADD ("network-create", test_network_create);
  ADD ("network-failure", test_network_failure);
  g_test_add_func ("/vd/create-wizards/network-devices", test_network_devices);
  ADD ("volume-create", test_volume_create);
  ADD ("volume-failure", test_volume_failure);

  return g_test_run ();
}
