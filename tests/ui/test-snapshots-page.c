/* test-snapshots-page.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include <gtk/gtk.h>
#include <libvirt-gobject/libvirt-gobject.h>

#include "vd-confirm-dialog.h"
#include "vd-domain-snapshot.h"
#include "vd-snapshots-page.h"
#include "vd-vm-window.h"
#include "../vd-test-util.h"
#include "vd-test-ui.h"

/* Under ASan: the guest window's Details XML tab makes GLib outgrow its
 * first block of quarks, which it never frees (tests/lsan.supp); only a
 * full stack names the constructor that allocated it, so unwind slowly.
 * Never called without a sanitizer. */
const char *__asan_default_options (void);

const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}

/* The guest window's Snapshots tab on test:///default, driven through its
 * widgets (found by accessible name) the way a user would: create through
 * the popover, see the tree with the current snapshot marked, revert and
 * delete (asked first), change a description. */

typedef struct
{
  VdConnection *connection;
  VdDomain     *domain;
  GSettings    *settings;
  GtkWidget    *window;
  GtkWidget    *page;
  GtkWidget    *popover;
  GActionGroup *actions;
  GtkTreeView  *tree;
} Fixture;

static gboolean
idle (Fixture *fixture)
{
  return !vd_snapshots_page_get_busy (VD_SNAPSHOTS_PAGE (fixture->page)) &&
         !vd_domain_get_busy (fixture->domain);
}

static GtkWidget *
find (GtkWidget  *root,
      const char *name)
{
  GtkWidget *widget = vd_test_find_by_accessible_name (root, name);

  g_assert_nonnull (widget);
  return widget;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->connection = vd_test_open ("test:///default");
  fixture->domain = g_object_ref (vd_connection_find_domain_by_name (fixture->connection, "test"));
  fixture->settings = g_settings_new ("io.github.virtdesk.VirtDesk");
  g_settings_reset (fixture->settings, "confirm-revert-snapshot");
  g_settings_reset (fixture->settings, "confirm-delete");

  fixture->window = GTK_WIDGET (vd_vm_window_new (NULL, fixture->domain, fixture->settings));
  gtk_widget_show (fixture->window);
  vd_vm_window_set_page (VD_VM_WINDOW (fixture->window), "snapshots");
  gtk_test_widget_wait_for_draw (fixture->window);

  fixture->page = (GtkWidget *)gtk_widget_get_template_child (fixture->window,
                                                              VD_TYPE_VM_WINDOW,
                                                              "snapshots_page");
  g_assert_true (VD_IS_SNAPSHOTS_PAGE (fixture->page));
  fixture->popover = (GtkWidget *)gtk_widget_get_template_child (fixture->page,
                                                                 VD_TYPE_SNAPSHOTS_PAGE,
                                                                 "create_popover");
  fixture->actions = gtk_widget_get_action_group (fixture->page, "snapshots");
  fixture->tree = GTK_TREE_VIEW (find (fixture->window, "Snapshots"));

  /* Shown: the list is read. */
  VD_TEST_WAIT_UNTIL (g_action_group_get_action_enabled (fixture->actions, "create"), 30);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_widget_destroy (fixture->window);
  g_clear_object (&fixture->settings);
  g_clear_object (&fixture->domain);
  vd_connection_disconnect (fixture->connection);
  g_clear_object (&fixture->connection);
}

static gboolean
sensitive (GtkWidget *widget)
{
  return gtk_widget_is_sensitive (widget);
}

static void
create_through_popover (Fixture    *fixture,
                        const char *name,
                        const char *description)
{
  GtkWidget *entry, *confirm;

  gtk_button_clicked (GTK_BUTTON (find (fixture->window, "Create snapshot")));
  g_assert_true (gtk_widget_get_visible (fixture->popover));
  entry = find (fixture->popover, "New snapshot name");
  confirm = find (fixture->popover, "Create the snapshot");
  g_assert_true (g_str_has_prefix (gtk_entry_get_text (GTK_ENTRY (entry)), "snapshot-"));
  /* (Off while the page re-reads the list, which the guest's own changes
   * can start at any moment: slow under AddressSanitizer.) */
  VD_TEST_WAIT_UNTIL (sensitive (confirm), 30);

  gtk_entry_set_text (GTK_ENTRY (entry), name);
  gtk_entry_set_text (GTK_ENTRY (find (fixture->popover, "New snapshot description")),
                      description);
  VD_TEST_WAIT_UNTIL (sensitive (confirm), 30);
  gtk_button_clicked (GTK_BUTTON (confirm));
  /* It closes (after its transition). */
  VD_TEST_WAIT_UNTIL (!gtk_widget_get_visible (fixture->popover), 10);
  VD_TEST_WAIT_UNTIL (idle (fixture) &&
                      vd_snapshots_page_select (VD_SNAPSHOTS_PAGE (fixture->page), name), 30);
}

/* The snapshot in row @path ("0", "0:0", ...) and how its name is drawn. */
static VdSnapshot *
row (Fixture    *fixture,
     const char *path,
     gboolean   *bold,
     gboolean   *emblem)
{
  GtkTreeModel *model = gtk_tree_view_get_model (fixture->tree);
  GtkTreeViewColumn *column = gtk_tree_view_get_column (fixture->tree, 0);
  g_autoptr(GList) cells = gtk_cell_layout_get_cells (GTK_CELL_LAYOUT (column));
  g_autoptr(VdSnapshot) snapshot = NULL;
  g_autofree char *icon = NULL;
  GtkTreeIter iter;
  int weight = 0;

  if (!gtk_tree_model_get_iter_from_string (model, &iter, path))
    return NULL;
  gtk_tree_model_get (model, &iter, 0, &snapshot, -1);
  gtk_tree_view_column_cell_set_cell_data (column, model, &iter, FALSE, FALSE);
  for (const GList *l = cells; l != NULL; l = l->next)
    {
      if (GTK_IS_CELL_RENDERER_TEXT (l->data))
        g_object_get (l->data, "weight", &weight, NULL);
      else
        g_object_get (l->data, "icon-name", &icon, NULL);
    }
  *bold = weight == PANGO_WEIGHT_BOLD;
  *emblem = icon != NULL;

  return snapshot;
}

static const char *
label_text (GtkWidget *widget)
{
  return gtk_label_get_text (GTK_LABEL (widget));
}

static void
test_create (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWidget *entry, *confirm, *problem;
  VdSnapshot *snapshot;
  gboolean bold, emblem;

  g_assert_false (g_action_group_get_action_enabled (fixture->actions, "revert"));
  g_assert_false (sensitive (find (fixture->window, "Delete snapshot")));

  /* Bad names are refused beside the field, Create off. */
  gtk_button_clicked (GTK_BUTTON (find (fixture->window, "Create snapshot")));
  entry = find (fixture->popover, "New snapshot name");
  confirm = find (fixture->popover, "Create the snapshot");
  problem = find (fixture->popover, "Name problem");
  gtk_entry_set_text (GTK_ENTRY (entry), "");
  g_assert_false (sensitive (confirm));
  g_assert_true (gtk_widget_get_visible (problem));
  g_assert_cmpstr (label_text (problem), ==, "Enter a name for the snapshot.");
  gtk_entry_set_text (GTK_ENTRY (entry), "a/b");
  g_assert_false (sensitive (confirm));
  g_assert_cmpstr (label_text (problem), ==, "The name cannot contain “/”.");

  /* The test driver has no disk-only snapshots: that kind is off and
   * says why; the internal one, with memory for a running guest, is on. */
  g_assert_true (gtk_widget_get_visible (find (fixture->popover,
                                               "Why disk-only snapshots are off")));
  g_assert_cmpstr (label_text (find (fixture->popover, "Why disk-only snapshots are off")), ==,
                   "This connection’s driver cannot make disk-only snapshots.");
  g_assert_false (gtk_widget_get_visible (find (fixture->popover,
                                                "Why internal snapshots are off")));
  gtk_entry_set_text (GTK_ENTRY (entry), "ok");
  g_assert_true (sensitive (confirm));
  g_assert_false (gtk_widget_get_visible (problem));
  gtk_popover_popdown (GTK_POPOVER (fixture->popover));
  VD_TEST_WAIT_UNTIL (!gtk_widget_get_visible (fixture->popover), 10);

  create_through_popover (fixture, "first", "before the upgrade");
  create_through_popover (fixture, "second", "");

  /* A tree: "second" under "first", and current, in bold with an emblem. */
  snapshot = row (fixture, "0", &bold, &emblem);
  g_assert_cmpstr (vd_snapshot_get_name (snapshot), ==, "first");
  g_assert_false (bold);
  g_assert_false (emblem);
  snapshot = row (fixture, "0:0", &bold, &emblem);
  g_assert_cmpstr (vd_snapshot_get_name (snapshot), ==, "second");
  g_assert_true (bold);
  g_assert_true (emblem);
  g_assert_null (row (fixture, "1", &bold, &emblem));

  /* The selected one in the detail pane, with the guest's screen. */
  g_assert_cmpstr (label_text (find (fixture->window, "Snapshot name")), ==, "second");
  g_assert_nonnull (strstr (label_text (find (fixture->window, "Snapshot details")),
                            "Running · "));
  g_assert_nonnull (strstr (label_text (find (fixture->window, "Snapshot details")),
                            "· memory and disks, internal · current"));
  g_assert_true (gtk_widget_get_visible (find (fixture->window,
                                               "Guest screen at the snapshot")));

  /* A name in use is refused too. */
  gtk_button_clicked (GTK_BUTTON (find (fixture->window, "Create snapshot")));
  gtk_entry_set_text (GTK_ENTRY (entry), "first");
  g_assert_false (sensitive (confirm));
  g_assert_cmpstr (label_text (problem), ==, "This guest already has a snapshot of that name.");
  gtk_popover_popdown (GTK_POPOVER (fixture->popover));
  VD_TEST_WAIT_UNTIL (!gtk_widget_get_visible (fixture->popover), 10);
}

static void
test_revert (Fixture       *fixture,
             gconstpointer  data)
{
  VdConfirmDialog *dialog;
  GtkWidget *message;
  VdSnapshot *snapshot;
  gboolean bold, emblem;

  create_through_popover (fixture, "first", "");
  create_through_popover (fixture, "second", "");
  g_assert_true (vd_snapshots_page_select (VD_SNAPSHOTS_PAGE (fixture->page), "first"));

  /* It asks first, naming what is lost; cancelling changes nothing. */
  gtk_button_clicked (GTK_BUTTON (find (fixture->window, "Revert to snapshot")));
  dialog = vd_test_find_confirm_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==,
                   "Revert “test” to snapshot “first”?");
  message = (GtkWidget *)gtk_widget_get_template_child (GTK_WIDGET (dialog),
                                                        VD_TYPE_CONFIRM_DIALOG, "message_label");
  g_assert_cmpstr (label_text (message), ==,
                   "The guest’s current state and every change since “first” will be lost. "
                   "So will any unsaved work in the running guest.");
  /* (No list under it: the snapshot's name alone there read as what is
   * lost.) */
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (gtk_widget_get_parent (
    (GtkWidget *)gtk_widget_get_template_child (GTK_WIDGET (dialog), VD_TYPE_CONFIRM_DIALOG,
                                                "items_label")))));
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  row (fixture, "0:0", &bold, &emblem);
  g_assert_true (bold);

  gtk_button_clicked (GTK_BUTTON (find (fixture->window, "Revert to snapshot")));
  dialog = vd_test_find_confirm_dialog ();
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  VD_TEST_WAIT_UNTIL (idle (fixture) && (row (fixture, "0", &bold, &emblem), bold), 30);
  snapshot = row (fixture, "0", &bold, &emblem);
  g_assert_cmpstr (vd_snapshot_get_name (snapshot), ==, "first");
  g_assert_true (emblem);
  row (fixture, "0:0", &bold, &emblem);
  g_assert_false (bold);
  g_assert_cmpint (vd_domain_get_state (fixture->domain), ==, VD_DOMAIN_STATE_RUNNING);

  /* With the question turned off in Preferences, it reverts at once. */
  g_settings_set_boolean (fixture->settings, "confirm-revert-snapshot", FALSE);
  g_assert_true (vd_snapshots_page_select (VD_SNAPSHOTS_PAGE (fixture->page), "second"));
  gtk_button_clicked (GTK_BUTTON (find (fixture->window, "Revert to snapshot")));
  g_assert_null (vd_test_find_confirm_dialog ());
  VD_TEST_WAIT_UNTIL (idle (fixture) && (row (fixture, "0:0", &bold, &emblem), bold), 30);
}

static void
test_delete (Fixture       *fixture,
             gconstpointer  data)
{
  VdConfirmDialog *dialog;
  GtkWidget *items;
  GtkStack *stack = GTK_STACK (gtk_widget_get_template_child (fixture->page,
                                                              VD_TYPE_SNAPSHOTS_PAGE,
                                                              "list_stack"));
  VdSnapshot *snapshot;
  gboolean bold, emblem;

  create_through_popover (fixture, "first", "");
  create_through_popover (fixture, "second", "");
  create_through_popover (fixture, "third", "");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "list");

  /* A leaf has no children to delete with it. */
  g_assert_false (g_action_group_get_action_enabled (fixture->actions, "delete-children"));
  g_assert_true (vd_snapshots_page_select (VD_SNAPSHOTS_PAGE (fixture->page), "second"));
  g_assert_true (g_action_group_get_action_enabled (fixture->actions, "delete-children"));

  /* The Delete menu's second item: it names all that goes. */
  g_action_group_activate_action (fixture->actions, "delete-children", NULL);
  dialog = vd_test_find_confirm_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==,
                   "Delete snapshot “second” and its children?");
  items = (GtkWidget *)gtk_widget_get_template_child (GTK_WIDGET (dialog),
                                                      VD_TYPE_CONFIRM_DIALOG, "items_label");
  g_assert_cmpstr (label_text (items), ==, "second\nthird");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  VD_TEST_WAIT_UNTIL (idle (fixture) && row (fixture, "0:0", &bold, &emblem) == NULL, 30);
  snapshot = row (fixture, "0", &bold, &emblem);
  g_assert_cmpstr (vd_snapshot_get_name (snapshot), ==, "first");

  /* This one alone. */
  g_assert_true (vd_snapshots_page_select (VD_SNAPSHOTS_PAGE (fixture->page), "first"));
  g_action_group_activate_action (fixture->actions, "delete-one", NULL);
  dialog = vd_test_find_confirm_dialog ();
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Delete snapshot “first”?");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  VD_TEST_WAIT_UNTIL (idle (fixture) &&
                      g_strcmp0 (gtk_stack_get_visible_child_name (stack), "empty") == 0, 30);
  g_assert_false (g_action_group_get_action_enabled (fixture->actions, "revert"));
}

static void
test_description (Fixture       *fixture,
                  gconstpointer  data)
{
  GtkTextView *view;
  GtkWidget *apply;
  VdSnapshot *snapshot;
  gboolean bold, emblem;

  create_through_popover (fixture, "first", "old words");
  view = GTK_TEXT_VIEW (find (fixture->window, "Snapshot description"));
  apply = find (fixture->window, "Apply description");
  g_assert_false (sensitive (apply));

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), "new words", -1);
  g_assert_true (sensitive (apply));
  gtk_button_clicked (GTK_BUTTON (apply));
  VD_TEST_WAIT_UNTIL (idle (fixture) &&
                      g_strcmp0 (vd_snapshot_get_description (row (fixture, "0", &bold, &emblem)),
                                 "new words") == 0, 30);
  snapshot = row (fixture, "0", &bold, &emblem);
  /* Still the current one. */
  g_assert_true (vd_snapshot_get_is_current (snapshot));
  g_assert_false (sensitive (apply));

  /* An edit not applied yet survives the list being read again. */
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), "typed, not applied", -1);
  vd_snapshots_page_refresh (VD_SNAPSHOTS_PAGE (fixture->page));
  g_assert_false (idle (fixture));
  VD_TEST_WAIT_UNTIL (idle (fixture), 30);
  {
    GtkTextIter start, end;
    g_autofree char *text = NULL;

    gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (view), &start, &end);
    text = gtk_text_buffer_get_text (gtk_text_view_get_buffer (view), &start, &end, FALSE);
    g_assert_cmpstr (text, ==, "typed, not applied");
  }
  g_assert_true (sensitive (apply));
}

/* The guest stopped elsewhere: the list is read again, and a new snapshot
 * would hold its disks only. */
static void
test_follows_guest (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *internal = (GtkWidget *)gtk_widget_get_template_child (fixture->page,
                                                                    VD_TYPE_SNAPSHOTS_PAGE,
                                                                    "internal_radio");

  gtk_button_clicked (GTK_BUTTON (find (fixture->window, "Create snapshot")));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (internal)), ==,
                   "_Memory and disks, inside the qcow2 images (internal)");
  gtk_popover_popdown (GTK_POPOVER (fixture->popover));
  VD_TEST_WAIT_UNTIL (!gtk_widget_get_visible (fixture->popover), 10);

  vd_domain_force_off_async (fixture->domain, NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_RESULT (result);
  g_assert_true (vd_domain_force_off_finish (fixture->domain, result, &error));
  g_assert_no_error (error);
  VD_TEST_WAIT_UNTIL (idle (fixture), 30);

  gtk_button_clicked (GTK_BUTTON (find (fixture->window, "Create snapshot")));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (internal)), ==,
                   "_Disks, inside the qcow2 images (internal)");
  create_through_popover (fixture, "off", "");
}

/* A failure shows libvirt's message in the page, and the list is read
 * again: here the snapshot was deleted behind the page's back. */
static void
test_error (Fixture       *fixture,
            gconstpointer  data)
{
  GtkWidget *error_bar = (GtkWidget *)gtk_widget_get_template_child (fixture->page,
                                                                     VD_TYPE_SNAPSHOTS_PAGE,
                                                                     "error_bar");
  GtkWidget *message = find (fixture->window, "Snapshot error");
  virDomainSnapshotPtr snapshot;
  gboolean bold, emblem;

  create_through_popover (fixture, "first", "");
  g_assert_false (gtk_info_bar_get_revealed (GTK_INFO_BAR (error_bar)));
  snapshot = virDomainSnapshotLookupByName (vd_domain_get_handle (fixture->domain), "first", 0);
  g_assert_nonnull (snapshot);
  g_assert_cmpint (virDomainSnapshotDelete (snapshot, 0), ==, 0);
  virDomainSnapshotFree (snapshot);

  g_settings_set_boolean (fixture->settings, "confirm-revert-snapshot", FALSE);
  gtk_button_clicked (GTK_BUTTON (find (fixture->window, "Revert to snapshot")));
  VD_TEST_WAIT_UNTIL (idle (fixture) && row (fixture, "0", &bold, &emblem) == NULL, 30);
  g_assert_true (gtk_info_bar_get_revealed (GTK_INFO_BAR (error_bar)));
  g_assert_true (g_str_has_prefix (label_text (message),
                                   "Failed to revert “test” to snapshot “first”: "));
  g_assert_cmpstr (vd_domain_get_last_error (fixture->domain), ==, label_text (message));
}

/* The guest deleted behind the window's back: the page no longer lists
 * snapshots that could be reverted to or deleted, and says why. */
static void
test_guest_gone (Fixture       *fixture,
                 gconstpointer  data)
{
  virDomainPtr handle = vd_domain_get_handle (fixture->domain);
  GtkWidget *empty = (GtkWidget *)gtk_widget_get_template_child (fixture->page,
                                                                 VD_TYPE_SNAPSHOTS_PAGE,
                                                                 "empty_label");
  GtkStack *stack = GTK_STACK (gtk_widget_get_template_child (fixture->page,
                                                              VD_TYPE_SNAPSHOTS_PAGE,
                                                              "list_stack"));
  gboolean bold, emblem;

  create_through_popover (fixture, "before", "");
  g_assert_nonnull (row (fixture, "0", &bold, &emblem));

  g_assert_cmpint (virDomainUndefineFlags (handle, VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA), ==, 0);
  g_assert_cmpint (virDomainDestroy (handle), ==, 0);
  VD_TEST_WAIT_UNTIL (vd_domain_get_connection (fixture->domain) == NULL, 30);

  g_assert_null (row (fixture, "0", &bold, &emblem));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "empty");
  g_assert_cmpstr (label_text (empty), ==,
                   "This guest is no longer available, and neither are its snapshots.");
  g_assert_false (g_action_group_get_action_enabled (fixture->actions, "create"));
  g_assert_false (g_action_group_get_action_enabled (fixture->actions, "revert"));
  g_assert_false (gtk_widget_get_visible ((GtkWidget *)gtk_widget_get_template_child (fixture->page,
                                                                                     VD_TYPE_SNAPSHOTS_PAGE,
                                                                                     "detail_box")));
}

/* Set before GLib first reads XDG_CACHE_HOME. G_TEST_OPTION_ISOLATE_DIRS
 * would do it too, but GLib keeps every directory name it replaces, which
 * LeakSanitizer reports. Removed when the test ends. */
static char *
use_private_cache (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("vd-snapshot-test-XXXXXX", &error);

  g_assert_no_error (error);
  g_setenv ("XDG_CACHE_HOME", dir, TRUE);

  return dir;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *cache = NULL;
  int status;

  g_setenv ("LANGUAGE", "C", TRUE);
  /* Thumbnails go to a cache directory of the test's own. */
  cache = use_private_cache ();
  gtk_test_init (&argc, &argv, NULL);
  gvir_init_object_check (NULL, NULL, NULL);

#define ADD(path, func) \
  g_test_add ("/vd/snapshots-page/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("create", test_create);
  ADD ("revert", test_revert);
  ADD ("delete", test_delete);
  ADD ("description", test_description);
  ADD ("error", test_error);
  ADD ("follows-guest", test_follows_guest);
  ADD ("guest-gone", test_guest_gone);

  status = g_test_run ();
  remove_tree (cache);

  return status;
}
