/* test-create-pool-wizard.c
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
#include "vd-create-pool-wizard.h"
#include "vd-host-window.h"
#include "vd-xml.h"
#include "../vd-test-util.h"
#include "vd-test-ui.h"

/* See test-host-window.c: GtkSourceView's quarks under ASan. */
const char *__asan_default_options (void);

const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}

/* The Create Pool wizard, opened from the host window's Storage tab on
 * test:///default through host.pool-create and driven through its widgets
 * (found by accessible name, as a screen reader would); what it created is
 * read back from libvirt. */

typedef struct
{
  VdConnection *connection;
  GtkWidget    *window;
  GActionGroup *host;
  GtkWidget    *wizard;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->connection = vd_test_open ("test:///default");
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
  virConnectPtr conn = vd_connection_get_handle (fixture->connection);
  virStoragePoolPtr *pools = NULL;
  int n;

  if (fixture->wizard != NULL)
    gtk_widget_destroy (fixture->wizard);
  g_clear_object (&fixture->wizard);
  gtk_widget_destroy (fixture->window);

  /* test:///default lives as long as the process: take the pools made here away. */
  n = virConnectListAllStoragePools (conn, &pools, 0);
  for (int i = 0; i < n; i++)
    {
      if (g_strcmp0 (virStoragePoolGetName (pools[i]), "default-pool") != 0)
        {
          if (virStoragePoolIsActive (pools[i]) == 1)
            virStoragePoolDestroy (pools[i]);
          virStoragePoolUndefine (pools[i]);
        }
      virStoragePoolFree (pools[i]);
    }
  free (pools);

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

static void
toggle (GtkWidget  *root,
        const char *name,
        gboolean    active)
{
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find (root, name)), active);
}

static const char *
page (Fixture *fixture)
{
  return vd_create_pool_wizard_get_page (VD_CREATE_POOL_WIZARD (fixture->wizard));
}

static char *
preview (GtkWidget *wizard)
{
  GtkWidget *view = find (wizard, "Pool XML preview");
  GtkTextBuffer *buffer;
  GtkTextIter start, end;

  /* (a scrolled window reports its child's name) */
  if (GTK_IS_SCROLLED_WINDOW (view))
    view = gtk_bin_get_child (GTK_BIN (view));
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static GtkWidget *
open_wizard (Fixture    *fixture,
             const char *name,
             const char *pool_type)
{
  g_assert_true (g_action_group_get_action_enabled (fixture->host, "pool-create"));
  g_action_group_activate_action (fixture->host, "pool-create", NULL);
  fixture->wizard = find_toplevel (VD_TYPE_CREATE_POOL_WIZARD);
  g_assert_nonnull (fixture->wizard);
  g_object_ref (fixture->wizard);
  gtk_test_widget_wait_for_draw (fixture->wizard);
  g_assert_cmpstr (page (fixture), ==, "type");

  /* Next is off until there is a name. */
  g_assert_false (sensitive (fixture->wizard, "Next"));
  type (fixture->wizard, "Pool name", name);
  g_assert_true (gtk_combo_box_set_active_id (GTK_COMBO_BOX (find (fixture->wizard, "Pool type")),
                                              pool_type));
  g_assert_true (sensitive (fixture->wizard, "Next"));
  click (fixture->wizard, "Next");
  g_assert_cmpstr (page (fixture), ==, "source");
  return fixture->wizard;
}

/* Create, then wait until the wizard closes itself. */
static void
create_and_wait (Fixture *fixture)
{
  click (fixture->wizard, "Create");
  VD_TEST_WAIT_UNTIL (!gtk_widget_get_visible (fixture->wizard) ||
                      g_strcmp0 (page (fixture), "error") == 0, 30);
  if (gtk_widget_get_visible (fixture->wizard))
    g_error ("creation failed: %s", gtk_label_get_text (GTK_LABEL (find (fixture->wizard,
                                                                         "Creation error"))));
  g_clear_object (&fixture->wizard);
}

static VdXml *
read_pool (Fixture    *fixture,
           const char *name,
           int        *active,
           int        *autostart)
{
  virStoragePoolPtr pool = virStoragePoolLookupByName (vd_connection_get_handle (fixture->connection),
                                                       name);
  char *text;
  VdXml *xml;

  if (pool == NULL)
    return NULL;
  *active = virStoragePoolIsActive (pool);
  virStoragePoolGetAutostart (pool, autostart);
  text = virStoragePoolGetXMLDesc (pool, 0);
  virStoragePoolFree (pool);
  xml = vd_xml_new (text);
  free (text);
  return xml;
}

static void
assert_xpath (VdXml      *xml,
              const char *expr,
              const char *expected)
{
  g_autofree char *value = vd_xml_get_string (xml, expr);

  g_assert_cmpstr (value, ==, expected);
}

/* ------------------------------------------------------------------ */

static void
test_dir (Fixture       *fixture,
          gconstpointer  data)
{
  GtkWidget *w = open_wizard (fixture, "wizard-dir", "dir");
  g_autoptr(VdXml) xml = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  int active = -1, autostart = -1;

  /* Only the directory's row is shown. */
  g_assert_true (gtk_widget_is_visible (find (w, "Target path")));
  g_assert_false (gtk_widget_is_visible (find (w, "Pool host")));
  g_assert_false (gtk_widget_is_visible (find (w, "Find sources")));

  /* A relative path: its message, Next off. */
  type (w, "Target path", "images");
  g_assert_cmpstr (message (w, "Target path problem"), ==,
                   "The target path must be absolute (starting with “/”).");
  g_assert_false (sensitive (w, "Next"));

  /* The preview follows the field. */
  before = preview (w);
  type (w, "Target path", "/var/lib/virt-desk/wizard-dir");
  after = preview (w);
  g_assert_null (strstr (before, "/var/lib/virt-desk/wizard-dir"));
  g_assert_nonnull (strstr (after, "<path>/var/lib/virt-desk/wizard-dir</path>"));
  g_assert_nonnull (strstr (after, "<pool type=\"dir\">"));
  g_assert_null (message (w, "Target path problem"));
  click (w, "Next");

  g_assert_cmpstr (page (fixture), ==, "options");
  g_assert_true (gtk_widget_is_visible (find (w, "Build the pool")));
  g_assert_false (gtk_widget_is_visible (find (w, "Data loss warning")));
  toggle (w, "Start when the host boots", TRUE);
  create_and_wait (fixture);

  /* The host window's list shows it (from libvirt's events)... */
  VD_TEST_WAIT_UNTIL (vd_connection_find_pool (fixture->connection, "wizard-dir") != NULL, 30);
  /* ... and libvirt holds it as asked. */
  xml = read_pool (fixture, "wizard-dir", &active, &autostart);
  g_assert_nonnull (xml);
  assert_xpath (xml, "/pool/@type", "dir");
  assert_xpath (xml, "/pool/target/path", "/var/lib/virt-desk/wizard-dir");
  g_assert_cmpint (active, ==, 1);
  g_assert_cmpint (autostart, ==, 1);
}

/* netfs with discovery: the test driver answers every server with
 * /testshare. */
static void
test_netfs_find (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkWidget *w = open_wizard (fixture, "wizard-nfs", "netfs");
  GtkListBox *list;
  GtkListBoxRow *row;
  g_autoptr(VdXml) xml = NULL;
  int active = -1, autostart = -1;

  g_assert_true (gtk_widget_is_visible (find (w, "Pool host")));
  g_assert_true (gtk_widget_is_visible (find (w, "Find sources")));
  g_assert_false (gtk_widget_is_visible (find (w, "Pool devices")));

  /* No server: the search says why. */
  click (w, "Find sources");
  VD_TEST_WAIT_UNTIL (message (w, "Search problem") != NULL, 30);
  g_assert_cmpstr (message (w, "Search problem"), ==,
                   "Failed to find sources: Enter the file server’s host name or IP address.");

  type (w, "Pool host", "bad host");
  g_assert_cmpstr (message (w, "Pool host problem"), ==, "Enter one host only.");
  g_assert_false (sensitive (w, "Next"));

  type (w, "Pool host", "nfs.example.com");
  click (w, "Find sources");
  g_assert_true (gtk_widget_is_visible (find (w, "Stop searching")));
  list = GTK_LIST_BOX (find (w, "Sources found"));
  VD_TEST_WAIT_UNTIL (gtk_list_box_get_row_at_index (list, 0) != NULL, 30);
  g_assert_false (gtk_widget_is_visible (find (w, "Stop searching")));
  g_assert_null (message (w, "Search problem"));
  g_assert_null (gtk_list_box_get_row_at_index (list, 1));
  row = gtk_list_box_get_row_at_index (list, 0);
  gtk_list_box_select_row (list, row);

  /* The picked source fills the fields. */
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (find (w, "Pool source directory"))), ==,
                   "/testshare");
  g_assert_cmpstr (gtk_combo_box_get_active_id (GTK_COMBO_BOX (find (w, "Pool format"))), ==,
                   "nfs");
  /* Still no mount point. */
  g_assert_nonnull (message (w, "Target path problem"));
  g_assert_false (sensitive (w, "Next"));
  type (w, "Target path", "/var/lib/libvirt/wizard-nfs");
  click (w, "Next");
  toggle (w, "Start the pool now", FALSE);
  create_and_wait (fixture);

  xml = read_pool (fixture, "wizard-nfs", &active, &autostart);
  g_assert_nonnull (xml);
  assert_xpath (xml, "/pool/@type", "netfs");
  assert_xpath (xml, "/pool/source/host/@name", "nfs.example.com");
  assert_xpath (xml, "/pool/source/dir/@path", "/testshare");
  assert_xpath (xml, "/pool/source/format/@type", "nfs");
  assert_xpath (xml, "/pool/target/path", "/var/lib/libvirt/wizard-nfs");
  g_assert_cmpint (active, ==, 0);
  g_assert_cmpint (autostart, ==, 0);
}

/* logical: an existing volume group picked from the test driver's list. */
static void
test_logical_find (Fixture       *fixture,
                   gconstpointer  data)
{
  GtkWidget *w = open_wizard (fixture, "wizard-lvm", "logical");
  GtkListBox *list = GTK_LIST_BOX (find (w, "Sources found"));
  g_autoptr(VdXml) xml = NULL;
  int active = -1, autostart = -1;

  click (w, "Find sources");
  VD_TEST_WAIT_UNTIL (gtk_list_box_get_row_at_index (list, 1) != NULL, 30);
  gtk_list_box_select_row (list, gtk_list_box_get_row_at_index (list, 1));
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (find (w, "Pool source name"))), ==, "testvg2");
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (find (w, "Pool devices"))), ==, "/dev/sda21");
  click (w, "Next");
  /* An existing group is not built, so nothing is erased. */
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (find (w, "Build the pool"))));
  g_assert_false (gtk_widget_is_visible (find (w, "Data loss warning")));
  create_and_wait (fixture);

  xml = read_pool (fixture, "wizard-lvm", &active, &autostart);
  g_assert_nonnull (xml);
  assert_xpath (xml, "/pool/source/name", "testvg2");
  assert_xpath (xml, "/pool/source/device/@path", "/dev/sda21");
  assert_xpath (xml, "/pool/target/path", "/dev/testvg2");
  g_assert_cmpint (active, ==, 1);
}

/* disk: building names the disk in a warning that must be ticked; an
 * overwriting build fails on the test driver (it takes no build flags),
 * which shows libvirt's reason and leaves nothing behind. */
static void
test_disk_erase (Fixture       *fixture,
                 gconstpointer  data)
{
  GtkWidget *w = open_wizard (fixture, "wizard-disk", "disk");
  const char *warning;
  int active, autostart;

  g_assert_nonnull (message (w, "Pool devices problem"));
  type (w, "Pool devices", "/dev/sdb");
  g_assert_true (gtk_combo_box_set_active_id (GTK_COMBO_BOX (find (w, "Pool format")), "gpt"));
  click (w, "Next");
  toggle (w, "Build the pool", TRUE);
  warning = gtk_label_get_text (GTK_LABEL (find (w, "Data loss warning")));
  g_assert_true (gtk_widget_is_visible (find (w, "Data loss warning")));
  g_assert_cmpstr (warning, ==, "Building the pool writes a new gpt partition table on "
                   "/dev/sdb. Every partition and all data on it are destroyed.");
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (find (w, "Confirm erasing"))), ==,
                   "_Erase everything on /dev/sdb");
  g_assert_false (sensitive (w, "Format and Create"));
  toggle (w, "Confirm erasing", TRUE);
  g_assert_true (sensitive (w, "Format and Create"));
  g_assert_true (gtk_style_context_has_class (gtk_widget_get_style_context (find (w, "Format and Create")),
                                              "destructive-action"));

  /* Another disk must be confirmed again. */
  click (w, "Back");
  type (w, "Pool devices", "/dev/sdc");
  click (w, "Next");
  g_assert_false (sensitive (w, "Format and Create"));
  toggle (w, "Confirm erasing", TRUE);

  toggle (w, "Overwrite existing data", TRUE);
  toggle (w, "Confirm erasing", TRUE);
  click (w, "Format and Create");
  VD_TEST_WAIT_UNTIL (g_strcmp0 (page (fixture), "error") == 0, 30);
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (find (w, "Creation error"))),
                                   "The storage pool “wizard-disk” could not be built and was "
                                   "removed again: "));
  g_assert_null (read_pool (fixture, "wizard-disk", &active, &autostart));

  /* Back keeps every field; without overwriting it is made. */
  click (w, "Back");
  g_assert_cmpstr (page (fixture), ==, "options");
  toggle (w, "Overwrite existing data", FALSE);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (find (w, "Confirm erasing"))), ==,
                   "_Erase everything on /dev/sdc");
  toggle (w, "Confirm erasing", TRUE);
  click (w, "Format and Create");
  VD_TEST_WAIT_UNTIL (!gtk_widget_get_visible (w), 30);
  g_clear_object (&fixture->wizard);
  {
    g_autoptr(VdXml) xml = read_pool (fixture, "wizard-disk", &active, &autostart);

    g_assert_nonnull (xml);
    assert_xpath (xml, "/pool/source/device/@path", "/dev/sdc");
    assert_xpath (xml, "/pool/source/format/@type", "gpt");
  }
}

/* iscsi: the fields of the type only, each judged; names are unique. */
static void
test_iscsi_invalid (Fixture       *fixture,
                    gconstpointer  data)
{
  GtkWidget *w;

  g_action_group_activate_action (fixture->host, "pool-create", NULL);
  fixture->wizard = g_object_ref (find_toplevel (VD_TYPE_CREATE_POOL_WIZARD));
  w = fixture->wizard;
  type (w, "Pool name", "default-pool");
  g_assert_cmpstr (message (w, "Pool name problem"), ==,
                   "A storage pool called “default-pool” already exists on this connection.");
  g_assert_false (sensitive (w, "Next"));
  type (w, "Pool name", "a/b");
  g_assert_cmpstr (message (w, "Pool name problem"), ==, "A pool name cannot contain “/”.");
  type (w, "Pool name", "wizard-iscsi");
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (find (w, "Pool type")), "iscsi");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (find (w, "Pool type description"))), ==,
                   "The LUNs of an iSCSI target, logged in to by the host; each LUN is a volume.");
  click (w, "Next");

  g_assert_true (gtk_widget_is_visible (find (w, "Target IQN")));
  g_assert_true (gtk_widget_is_visible (find (w, "Login secret")));
  g_assert_false (gtk_widget_is_visible (find (w, "Pool devices")));
  g_assert_false (gtk_widget_is_visible (find (w, "WWNN")));
  type (w, "Pool host", "portal.example.com");
  type (w, "Target IQN", "target1");
  g_assert_cmpstr (message (w, "Target IQN problem"), ==,
                   "“target1” is not an iSCSI name: use iqn.YYYY-MM.reversed.domain:name (or eui. "
                   "or naa. and hex digits).");
  g_assert_false (sensitive (w, "Next"));
  type (w, "Target IQN", "iqn.2024-01.com.example:lun");
  type (w, "Login user name", "chap");
  g_assert_cmpstr (message (w, "Login problem"), ==,
                   "Enter both the user name and the libvirt secret holding the password, or "
                   "neither.");
  g_assert_false (sensitive (w, "Next"));
  type (w, "Login secret", "chap-secret");
  g_assert_null (message (w, "Login problem"));
  g_assert_true (sensitive (w, "Next"));
  {
    g_autofree char *xml = preview (w);

    g_assert_nonnull (strstr (xml, "<secret usage=\"chap-secret\"/>"));
    g_assert_nonnull (strstr (xml, "<path>/dev/disk/by-path</path>"));
    g_assert_nonnull (strstr (xml, "port=\"3260\""));
  }

  /* iSCSI has nothing to find on the test driver: libvirt's reason shows. */
  click (w, "Find sources");
  VD_TEST_WAIT_UNTIL (message (w, "Search problem") != NULL, 30);
  g_assert_true (g_str_has_prefix (message (w, "Search problem"), "Failed to find sources: "));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  gvir_init_object_check (NULL, NULL, NULL);

#define ADD(path, func) \
  g_test_add ("/vd/create-pool-wizard/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("dir", test_dir);
  ADD ("netfs-find", test_netfs_find);
  ADD ("logical-find", test_logical_find);
  ADD ("disk-erase", test_disk_erase);
  ADD ("iscsi-invalid", test_iscsi_invalid);

  return g_test_run ();
}
