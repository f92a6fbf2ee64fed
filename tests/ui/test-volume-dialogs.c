/* test-volume-dialogs.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <libvirt-gobject/libvirt-gobject.h>

#include "vd-connection-host.h"
#include "vd-host-window.h"
#include "vd-volume-dialog.h"
#include "../vd-test-util.h"
#include "vd-test-ui.h"

/* See test-host-window.c: GtkSourceView's quarks under ASan. */
const char *__asan_default_options (void);

const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}

/* The Storage tab's volume operations on host.xml, through the host.*
 * actions, the confirmation, the file chooser and VdVolumeDialog's
 * widgets (found by accessible name). The test driver clones for real
 * and refuses resize, wipe and streams, which shows the failure path;
 * tests/e2e/test-storage.c runs those against a real libvirtd. */

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
  g_assert_true (vd_host_window_select_pool (VD_HOST_WINDOW (fixture->window), "default"));
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

/* The dialog's action button (Clone, Resize), by its label. */
static GtkWidget *
apply_button (GtkWidget *dialog)
{
  return gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
}

static gboolean
enabled (Fixture    *fixture,
         const char *action)
{
  return g_action_group_get_action_enabled (fixture->host, action);
}

static GtkWidget *
open_dialog (Fixture    *fixture,
             const char *volume,
             const char *action)
{
  GtkWidget *dialog;

  g_assert_true (vd_host_window_select_volume (VD_HOST_WINDOW (fixture->window), volume));
  g_assert_true (enabled (fixture, action));
  g_action_group_activate_action (fixture->host, action, NULL);
  dialog = find_toplevel (VD_TYPE_VOLUME_DIALOG);
  g_assert_nonnull (dialog);
  return dialog;
}

static void
test_enabled (Fixture       *fixture,
              gconstpointer  data)
{
  const char *actions[] = { "volume-clone", "volume-resize", "volume-wipe", "volume-upload",
                            "volume-download" };
  virStoragePoolPtr pool;

  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    g_assert_false (enabled (fixture, actions[i]));
  g_assert_true (vd_host_window_select_volume (VD_HOST_WINDOW (fixture->window), "web.qcow2"));
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    g_assert_true (enabled (fixture, actions[i]));

  /* A stopped pool takes none of them. */
  pool = virStoragePoolLookupByName (vd_connection_get_handle (fixture->connection), "default");
  g_assert_cmpint (virStoragePoolDestroy (pool), ==, 0);
  virStoragePoolFree (pool);
  g_action_group_activate_action (fixture->host, "pool-refresh", NULL);
  VD_TEST_WAIT_UNTIL (!vd_storage_pool_get_active (vd_connection_find_pool (fixture->connection,
                                                                            "default")), 30);
  spin ();
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    g_assert_false (enabled (fixture, actions[i]));
}

static void
test_clone (Fixture       *fixture,
            gconstpointer  data)
{
  VdStoragePool *def = vd_connection_find_pool (fixture->connection, "default");
  GtkWidget *dialog = open_dialog (fixture, "web.qcow2", "volume-clone");
  GtkWidget *name = find (dialog, "Name of the copy");
  virStoragePoolPtr pool;
  virStorageVolPtr vol;

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&dialog);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Clone Volume");
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (name)), ==, "web-copy.qcow2");
  g_assert_cmpstr (gtk_combo_box_get_active_id (GTK_COMBO_BOX (find (dialog, "Format of the copy"))),
                   ==, "qcow2");
  g_assert_true (gtk_widget_get_sensitive (apply_button (dialog)));
  g_assert_false (gtk_widget_is_visible (find (dialog, "New capacity")));

  type (dialog, "Name of the copy", "spare.qcow2");
  g_assert_cmpstr (message (dialog, "Name problem"), ==,
                   "The pool “default” already has a volume called “spare.qcow2”.");
  g_assert_false (gtk_widget_get_sensitive (apply_button (dialog)));
  type (dialog, "Name of the copy", "a/b");
  g_assert_cmpstr (message (dialog, "Name problem"), ==, "A volume name cannot contain “/”.");
  type (dialog, "Name of the copy", "");
  g_assert_nonnull (message (dialog, "Name problem"));
  g_assert_false (gtk_widget_get_sensitive (apply_button (dialog)));
  type (dialog, "Name of the copy", "web2.raw");
  g_assert_null (message (dialog, "Name problem"));
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (find (dialog, "Format of the copy")), "raw");

  gtk_button_clicked (GTK_BUTTON (apply_button (dialog)));
  VD_TEST_WAIT_UNTIL (dialog == NULL, 30);
  g_assert_nonnull (vd_storage_pool_find_volume (def, "web2.raw"));
  pool = virStoragePoolLookupByName (vd_connection_get_handle (fixture->connection), "default");
  vol = virStorageVolLookupByName (pool, "web2.raw");
  g_assert_nonnull (vol);
  virStorageVolFree (vol);
  virStoragePoolFree (pool);
  spin ();
  g_assert_true (vd_host_window_select_volume (VD_HOST_WINDOW (fixture->window), "web2.raw"));
}

static void
test_resize (Fixture       *fixture,
             gconstpointer  data)
{
  GtkWidget *dialog = open_dialog (fixture, "web.qcow2", "volume-resize");
  GtkWidget *shrink = find (dialog, "Shrink");
  const char *failure;

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Resize Volume");
  g_assert_false (gtk_widget_get_visible (find (dialog, "Name of the copy")));
  /* It starts at the current capacity, which is no change. */
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (find (dialog, "New capacity"))), ==, "20.00");
  g_assert_cmpstr (message (dialog, "Capacity problem"), ==, "The volume already has this capacity.");
  g_assert_false (gtk_widget_get_sensitive (apply_button (dialog)));

  type (dialog, "New capacity", "big");
  g_assert_cmpstr (message (dialog, "Capacity problem"), ==,
                   "Enter the size as a number, for example 20 or 1.5.");
  type (dialog, "New capacity", "10");
  g_assert_nonnull (strstr (message (dialog, "Capacity problem"), "turn on “Shrink”"));
  g_assert_false (gtk_widget_get_sensitive (apply_button (dialog)));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (shrink), TRUE);
  g_assert_null (message (dialog, "Capacity problem"));
  g_assert_true (gtk_widget_get_sensitive (apply_button (dialog)));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (shrink), FALSE);
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (find (dialog, "Capacity unit")), "TiB");
  g_assert_null (message (dialog, "Capacity problem"));

  /* The test driver cannot resize: libvirt's refusal is shown in the
   * dialog, which stays with its fields. */
  gtk_button_clicked (GTK_BUTTON (apply_button (dialog)));
  VD_TEST_WAIT_UNTIL (!vd_volume_dialog_get_busy (VD_VOLUME_DIALOG (dialog)), 30);
  failure = gtk_label_get_text (GTK_LABEL (find (dialog, "Operation error")));
  g_assert_true (g_str_has_prefix (failure, "Failed to resize the volume “web.qcow2”: "));
  g_assert_nonnull (strstr (failure, "virStorageVolResize"));
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (find (dialog, "New capacity"))), ==, "10");
  g_assert_true (gtk_widget_get_sensitive (apply_button (dialog)));
  /* The volume is free again at once, dialog or not. */
  g_assert_true (enabled (fixture, "volume-resize"));
  g_assert_true (enabled (fixture, "volume-delete"));
  gtk_widget_destroy (dialog);
  spin ();
  g_assert_true (enabled (fixture, "volume-resize"));
}

static void
test_wipe (Fixture       *fixture,
           gconstpointer  data)
{
  VdConfirmDialog *confirm;
  GtkWidget *dialog;
  const char *text;

  /* Asked first, naming the volume and what is lost; No does nothing. */
  g_assert_true (vd_host_window_select_volume (VD_HOST_WINDOW (fixture->window), "spare.qcow2"));
  g_action_group_activate_action (fixture->host, "volume-wipe", NULL);
  confirm = vd_test_find_confirm_dialog ();
  g_assert_nonnull (confirm);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (confirm)), ==,
                   "Wipe the volume “spare.qcow2”?");
  gtk_dialog_response (GTK_DIALOG (confirm), GTK_RESPONSE_CANCEL);
  spin ();
  g_assert_null (find_toplevel (VD_TYPE_VOLUME_DIALOG));

  g_action_group_activate_action (fixture->host, "volume-wipe", NULL);
  confirm = vd_test_find_confirm_dialog ();
  gtk_dialog_response (GTK_DIALOG (confirm), GTK_RESPONSE_ACCEPT);
  spin ();
  dialog = find_toplevel (VD_TYPE_VOLUME_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Wipe Volume");
  g_assert_false (gtk_widget_get_visible (apply_button (dialog)));
  VD_TEST_WAIT_UNTIL (!vd_volume_dialog_get_busy (VD_VOLUME_DIALOG (dialog)), 30);
  text = gtk_label_get_text (GTK_LABEL (find (dialog, "Operation error")));
  g_assert_true (g_str_has_prefix (text, "Failed to wipe the volume “spare.qcow2”: "));
  gtk_widget_destroy (dialog);

  /* With confirmations off an unused volume goes at once ... */
  g_settings_set_boolean (fixture->settings, "confirm-delete", FALSE);
  g_action_group_activate_action (fixture->host, "volume-wipe", NULL);
  g_assert_null (vd_test_find_confirm_dialog ());
  dialog = find_toplevel (VD_TYPE_VOLUME_DIALOG);
  g_assert_nonnull (dialog);
  VD_TEST_WAIT_UNTIL (!vd_volume_dialog_get_busy (VD_VOLUME_DIALOG (dialog)), 30);
  gtk_widget_destroy (dialog);

  /* Closed at once: the wipe goes on without it, and ends quietly. */
  g_action_group_activate_action (fixture->host, "volume-wipe", NULL);
  dialog = find_toplevel (VD_TYPE_VOLUME_DIALOG);
  g_assert_true (vd_volume_dialog_get_busy (VD_VOLUME_DIALOG (dialog)));
  gtk_widget_destroy (dialog);
  {
    VdStorageVolume *spare = vd_storage_pool_find_volume (
                               vd_connection_find_pool (fixture->connection, "default"),
                               "spare.qcow2");

    g_assert_true (vd_storage_volume_get_busy (spare));
    VD_TEST_WAIT_UNTIL (!vd_storage_volume_get_busy (spare), 30);
    spin ();
    g_assert_nonnull (vd_storage_volume_get_last_error (spare));
    g_assert_true (enabled (fixture, "volume-wipe"));
  }

  /* ... one a guest uses is still asked about, naming the guests. */
  g_assert_true (vd_host_window_select_volume (VD_HOST_WINDOW (fixture->window), "shared.raw"));
  g_action_group_activate_action (fixture->host, "volume-wipe", NULL);
  confirm = vd_test_find_confirm_dialog ();
  g_assert_nonnull (confirm);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (gtk_widget_get_template_child (
                                                  GTK_WIDGET (confirm), VD_TYPE_CONFIRM_DIALOG,
                                                  "message_label"))),
                            "db, web"));
  gtk_dialog_response (GTK_DIALOG (confirm), GTK_RESPONSE_CANCEL);
  spin ();
}

static gboolean
chosen_is (GtkWidget  *chooser,
           const char *path)
{
  g_autofree char *chosen = gtk_file_chooser_get_filename (GTK_FILE_CHOOSER (chooser));

  return g_strcmp0 (chosen, path) == 0;
}

/* The file chooser (GTK's own dialog here: no portal), then the progress
 * dialog; the test driver has no streams, so it ends in libvirt's
 * refusal, and a too large file is refused before that. */
static void
run_transfer (Fixture    *fixture,
              const char *action,
              const char *path,
              const char *expected)
{
  GtkWidget *chooser;
  GtkWidget *dialog;
  const char *text;

  g_action_group_activate_action (fixture->host, action, NULL);
  spin ();
  chooser = find_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_assert_nonnull (chooser);
  if (g_str_equal (action, "volume-upload"))
    g_assert_true (gtk_file_chooser_set_filename (GTK_FILE_CHOOSER (chooser), path));
  else
    {
      g_autofree char *dir = g_path_get_dirname (path);
      g_autofree char *base = g_path_get_basename (path);

      g_assert_true (gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), dir));
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), base);
    }
  /* Selecting waits for the folder to load. */
  VD_TEST_WAIT_UNTIL (chosen_is (chooser, path), 30);
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_ACCEPT);
  spin ();

  /* A save dialog checks the name asynchronously before it answers. */
  VD_TEST_WAIT_UNTIL ((dialog = find_toplevel (VD_TYPE_VOLUME_DIALOG)) != NULL, 30);
  VD_TEST_WAIT_UNTIL (!vd_volume_dialog_get_busy (VD_VOLUME_DIALOG (dialog)), 30);
  text = gtk_label_get_text (GTK_LABEL (find (dialog, "Operation error")));
  g_test_message ("%s", text);
  g_assert_nonnull (strstr (text, expected));
  gtk_widget_destroy (dialog);
  spin ();
}

static void
test_transfer (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *dir = g_dir_make_tmp ("vd-volume-dialogs-XXXXXX", NULL);
  g_autofree char *small = g_build_filename (dir, "small.img", NULL);
  g_autofree char *huge = g_build_filename (dir, "huge.img", NULL);
  g_autofree char *target = g_build_filename (dir, "shared.raw", NULL);
  FILE *file;

  g_assert_true (g_file_set_contents (small, "hello", -1, NULL));
  file = fopen (huge, "w");
  g_assert_nonnull (file);
  g_assert_cmpint (ftruncate (fileno (file), 10737418240 + 1), ==, 0);
  fclose (file);

  g_assert_true (vd_host_window_select_volume (VD_HOST_WINDOW (fixture->window), "shared.raw"));
  run_transfer (fixture, "volume-upload", huge, "more than the volume’s capacity");
  run_transfer (fixture, "volume-upload", small, "virStorageVolUpload");
  run_transfer (fixture, "volume-download", target, "virStorageVolDownload");
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));

  g_unlink (small);
  g_unlink (huge);
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
  g_test_add ("/vd/volume-dialogs/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("enabled", test_enabled);
  ADD ("clone", test_clone);
  ADD ("resize", test_resize);
  ADD ("wipe", test_wipe);
  ADD ("transfer", test_transfer);

  return g_test_run ();
}
