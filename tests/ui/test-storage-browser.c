/* test-storage-browser.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <libvirt-gobject/libvirt-gobject.h>

#include "vd-connection-host.h"
#include "vd-create-volume-dialog.h"
#include "vd-storage-browser.h"
#include "../vd-test-util.h"
#include "vd-test-ui.h"

/* Full stacks for LeakSanitizer, so that tests/lsan.supp matches GLib's
 * own one-time allocations (see test-host-window.c). */
const char *__asan_default_options (void);

const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}

/* VdStorageBrowser on the test driver (host.xml: pools default, nfs-iso
 * and vg_guests): choosing a volume through the async API, the filters,
 * cancelling, New Volume…, and a local file through Browse Local…. */

typedef struct
{
  VdConnection *connection;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *uri = vd_test_fixture_uri ("host.xml");

  fixture->connection = vd_test_open (uri);
  VD_TEST_WAIT_UNTIL (vd_connection_get_host_loaded (fixture->connection), 30);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  vd_connection_disconnect (fixture->connection);
  g_clear_object (&fixture->connection);
}

static void
spin (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
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

static VdStorageBrowser *
open_browser (Fixture                *fixture,
              VdStorageBrowserFilter  filter,
              GCancellable           *cancellable,
              GAsyncResult          **result)
{
  VdStorageBrowser *browser;

  vd_storage_browser_choose_async (NULL, fixture->connection, filter, cancellable,
                                   vd_test_async_result_cb, result);
  browser = VD_STORAGE_BROWSER (find_toplevel (VD_TYPE_STORAGE_BROWSER));
  g_assert_nonnull (browser);
  g_assert_cmpint (vd_storage_browser_get_filter (browser), ==, filter);
  return browser;
}

static GtkWidget *
choose_button (VdStorageBrowser *browser)
{
  return gtk_dialog_get_widget_for_response (GTK_DIALOG (browser), GTK_RESPONSE_OK);
}

static void
test_choose (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(VdStorageVolume) volume = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  VdStorageBrowser *browser = open_browser (fixture, VD_STORAGE_BROWSER_FILTER_ALL, NULL, &result);

  g_object_add_weak_pointer (G_OBJECT (browser), (gpointer *)&browser);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (browser)), ==, "Choose Storage");
  /* The first pool is selected, nothing in it yet. */
  g_assert_cmpuint (vd_storage_browser_get_n_shown (browser), ==, 3);
  g_assert_false (gtk_widget_get_sensitive (choose_button (browser)));
  g_assert_false (vd_storage_browser_select_volume (browser, "nope"));
  g_assert_true (vd_storage_browser_select_volume (browser, "web.qcow2"));
  g_assert_true (gtk_widget_get_sensitive (choose_button (browser)));
  g_assert_cmpstr (vd_storage_volume_get_name (vd_storage_browser_get_selected_volume (browser)),
                   ==, "web.qcow2");
  /* Browse Local… is there: test:/// is on this machine. */
  g_assert_true (gtk_widget_get_visible (vd_test_find_by_accessible_name (GTK_WIDGET (browser),
                                                                          "Browse Local…")));

  gtk_button_clicked (GTK_BUTTON (choose_button (browser)));
  VD_TEST_WAIT_RESULT (result);
  g_assert_null (browser);
  path = vd_storage_browser_choose_finish (result, &volume, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (path, ==, "/var/lib/libvirt/images/web.qcow2");
  g_assert_nonnull (volume);
  g_assert_cmpstr (vd_storage_volume_get_name (volume), ==, "web.qcow2");
}

static void
test_filter (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  VdStorageBrowser *browser = open_browser (fixture, VD_STORAGE_BROWSER_FILTER_ISO, NULL, &result);
  GtkWidget *empty;

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (browser)), ==, "Choose an ISO Image");
  /* A stopped pool says so, and its row follows it. */
  {
    VdStoragePool *vg = vd_connection_find_pool (fixture->connection, "vg_guests");
    g_autoptr(GAsyncResult) stopped = NULL;

    g_assert_true (vd_storage_browser_select_pool (browser, "vg_guests"));
    vd_storage_pool_stop_async (vg, NULL, vd_test_async_result_cb, &stopped);
    VD_TEST_WAIT_RESULT (stopped);
    g_assert_true (vd_storage_pool_stop_finish (vg, stopped, NULL));
    g_assert_nonnull (vd_test_find_by_accessible_name (GTK_WIDGET (browser),
                                                       "vg_guests (not running)"));
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (vd_test_find_by_accessible_name (
                       GTK_WIDGET (browser), "No volumes"))), ==,
                     "This pool is not running: start it in Connection Details to see its "
                     "volumes.");
  }
  g_assert_true (vd_storage_browser_select_pool (browser, "default"));
  g_assert_cmpuint (vd_storage_browser_get_n_shown (browser), ==, 0);
  empty = vd_test_find_by_accessible_name (GTK_WIDGET (browser), "No volumes");
  g_assert_true (gtk_widget_get_mapped (empty));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (empty)), ==, "This pool holds no ISO images.");
  g_assert_true (vd_storage_browser_select_pool (browser, "nfs-iso"));
  g_assert_cmpuint (vd_storage_browser_get_n_shown (browser), ==, 1);
  g_assert_false (vd_storage_browser_select_pool (browser, "nope"));
  g_assert_true (vd_storage_browser_select_volume (browser, "debian-12.iso"));

  /* A double click (row activation) chooses too. */
  {
    GtkTreeView *view = GTK_TREE_VIEW (vd_test_find_by_accessible_name (GTK_WIDGET (browser),
                                                                         "Volumes"));
    g_autoptr(GtkTreePath) first = gtk_tree_path_new_first ();

    gtk_tree_view_row_activated (view, first, gtk_tree_view_get_column (view, 0));
  }
  VD_TEST_WAIT_RESULT (result);
  path = vd_storage_browser_choose_finish (result, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (path, ==, "/mnt/iso/debian-12.iso");

  /* Disks only: the ISO is left out, every disk is in. */
  g_clear_object (&result);
  browser = open_browser (fixture, VD_STORAGE_BROWSER_FILTER_DISK, NULL, &result);
  g_assert_true (vd_storage_browser_select_pool (browser, "nfs-iso"));
  g_assert_cmpuint (vd_storage_browser_get_n_shown (browser), ==, 0);
  g_assert_true (vd_storage_browser_select_pool (browser, "default"));
  g_assert_cmpuint (vd_storage_browser_get_n_shown (browser), ==, 3);
  gtk_widget_destroy (GTK_WIDGET (browser));
  VD_TEST_WAIT_RESULT (result);
  g_clear_pointer (&path, g_free);
  path = vd_storage_browser_choose_finish (result, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (path);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(VdStorageVolume) volume = NULL;
  g_autoptr(GError) error = NULL;
  VdStorageBrowser *browser = open_browser (fixture, VD_STORAGE_BROWSER_FILTER_ALL, NULL, &result);

  /* Cancel button. */
  g_assert_true (vd_storage_browser_select_volume (browser, "web.qcow2"));
  gtk_dialog_response (GTK_DIALOG (browser), GTK_RESPONSE_CANCEL);
  VD_TEST_WAIT_RESULT (result);
  g_assert_null (vd_storage_browser_choose_finish (result, &volume, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (volume);
  g_assert_null (find_toplevel (VD_TYPE_STORAGE_BROWSER));

  /* The caller's cancellable closes it. */
  g_clear_object (&result);
  g_clear_error (&error);
  browser = open_browser (fixture, VD_STORAGE_BROWSER_FILTER_ALL, cancellable, &result);
  g_cancellable_cancel (cancellable);
  VD_TEST_WAIT_RESULT (result);
  g_assert_null (vd_storage_browser_choose_finish (result, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (find_toplevel (VD_TYPE_STORAGE_BROWSER));
}

/* New Volume… creates in the selected pool, and the list shows it. */
static void
test_new_volume (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  VdStorageBrowser *browser = open_browser (fixture, VD_STORAGE_BROWSER_FILTER_DISK, NULL, &result);
  GtkWidget *create;

  g_assert_true (vd_storage_browser_select_pool (browser, "default"));
  gtk_button_clicked (GTK_BUTTON (vd_test_find_by_accessible_name (GTK_WIDGET (browser),
                                                                   "New Volume…")));
  create = find_toplevel (VD_TYPE_CREATE_VOLUME_DIALOG);
  g_assert_nonnull (create);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (create)) == GTK_WINDOW (browser));
  gtk_entry_set_text (GTK_ENTRY (vd_test_find_by_accessible_name (create, "Volume name")),
                      "fresh.qcow2");
  gtk_entry_set_text (GTK_ENTRY (vd_test_find_by_accessible_name (create, "Volume capacity")),
                      "1");
  gtk_dialog_response (GTK_DIALOG (create), GTK_RESPONSE_OK);
  VD_TEST_WAIT_UNTIL (vd_storage_browser_select_volume (browser, "fresh.qcow2"), 30);
  g_assert_cmpuint (vd_storage_browser_get_n_shown (browser), ==, 4);
  gtk_dialog_response (GTK_DIALOG (browser), GTK_RESPONSE_OK);
  VD_TEST_WAIT_RESULT (result);
  {
    g_autofree char *path = vd_storage_browser_choose_finish (result, NULL, &error);

    g_assert_no_error (error);
    g_assert_true (g_str_has_suffix (path, "/fresh.qcow2"));
  }
}

static gboolean
chosen_is (GtkWidget  *chooser,
           const char *path)
{
  g_autofree char *chosen = gtk_file_chooser_get_filename (GTK_FILE_CHOOSER (chooser));

  return g_strcmp0 (chosen, path) == 0;
}

static void
test_local (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("vd-storage-browser-XXXXXX", NULL);
  g_autofree char *file = g_build_filename (dir, "medium.iso", NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(VdStorageVolume) volume = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  VdStorageBrowser *browser = open_browser (fixture, VD_STORAGE_BROWSER_FILTER_ISO, NULL, &result);
  GtkWidget *chooser;

  g_assert_true (g_file_set_contents (file, "CD001", -1, NULL));
  gtk_button_clicked (GTK_BUTTON (vd_test_find_by_accessible_name (GTK_WIDGET (browser),
                                                                   "Browse Local…")));
  spin ();
  chooser = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_nonnull (chooser);
  g_assert_true (gtk_file_chooser_set_filename (GTK_FILE_CHOOSER (chooser), file));
  VD_TEST_WAIT_UNTIL (chosen_is (chooser, file), 30);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  VD_TEST_WAIT_RESULT (result);
  path = vd_storage_browser_choose_finish (result, &volume, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (path, ==, file);
  g_assert_null (volume);

  /* Closed while its file chooser is open: the chooser's answer is
   * dropped, the call was already cancelled. */
  g_clear_object (&result);
  g_clear_pointer (&path, g_free);
  g_clear_error (&error);
  browser = open_browser (fixture, VD_STORAGE_BROWSER_FILTER_ISO, NULL, &result);
  gtk_button_clicked (GTK_BUTTON (vd_test_find_by_accessible_name (GTK_WIDGET (browser),
                                                                   "Browse Local…")));
  spin ();
  chooser = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_nonnull (chooser);
  gtk_widget_destroy (GTK_WIDGET (browser));
  VD_TEST_WAIT_RESULT (result);
  g_assert_null (vd_storage_browser_choose_finish (result, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (gtk_file_chooser_set_filename (GTK_FILE_CHOOSER (chooser), file));
  VD_TEST_WAIT_UNTIL (chosen_is (chooser, file), 30);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  spin ();

  g_unlink (file);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  gvir_init_object_check (NULL, NULL, NULL);

#define ADD(path, func) \
  g_test_add ("/vd/storage-browser/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("choose", test_choose);
  ADD ("filter", test_filter);
  ADD ("cancel", test_cancel);
  ADD ("new-volume", test_new_volume);
  ADD ("local", test_local);

  return g_test_run ();
}
