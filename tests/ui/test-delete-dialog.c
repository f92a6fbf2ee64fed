/* test-delete-dialog.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>
#include <libvirt-gobject/libvirt-gobject.h>

#include "vd-connection-host.h"
#include "vd-delete-dialog.h"
#include "vd-vm-window.h"
#include "../vd-test-util.h"
#include "vd-test-ui.h"

/* Under ASan: the guest window's XML view (GtkSourceView) makes GLib
 * outgrow its first block of quarks, which it never frees (tests/lsan.supp).
 * Only a full stack names the constructor that allocated it, so unwind
 * slowly. Never called without a sanitizer. */
const char *__asan_default_options (void);

const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}

/* The Delete dialog on the test driver's delete.xml, driven through its
 * widgets as a user (or a screen reader) finds them: by accessible name. */

typedef struct
{
  VdConnection *connection;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *uri = vd_test_fixture_uri ("delete.xml");

  fixture->connection = vd_test_open (uri);
  VD_TEST_WAIT_UNTIL (vd_connection_get_host_loaded (fixture->connection), 10);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (const GList *l = toplevels; l != NULL; l = l->next)
    if (VD_IS_DELETE_DIALOG (l->data))
      gtk_widget_destroy (l->data);

  vd_connection_disconnect (fixture->connection);
  g_clear_object (&fixture->connection);
}

static VdDeleteDialog *
find_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (const GList *l = toplevels; l != NULL; l = l->next)
    if (VD_IS_DELETE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;

  return NULL;
}

static VdDeleteDialog *
open_dialog (Fixture    *fixture,
             const char *first,
             ...)
{
  g_autoptr(GPtrArray) domains = g_ptr_array_new ();
  VdDeleteDialog *dialog;
  va_list args;

  va_start (args, first);
  for (const char *name = first; name != NULL; name = va_arg (args, const char *))
    {
      VdDomain *domain = vd_connection_find_domain_by_name (fixture->connection, name);

      g_assert_nonnull (domain);
      g_ptr_array_add (domains, domain);
    }
  va_end (args);

  dialog = VD_DELETE_DIALOG (vd_delete_dialog_new (NULL, domains));
  VD_TEST_WAIT_UNTIL (vd_delete_dialog_get_loaded (dialog), 10);

  return dialog;
}

static GtkWidget *
find (VdDeleteDialog *dialog,
      const char     *name)
{
  return vd_test_find_by_accessible_name (GTK_WIDGET (dialog), name);
}

static GtkToggleButton *
find_check (VdDeleteDialog *dialog,
            const char     *name)
{
  GtkWidget *widget = find (dialog, name);

  if (widget == NULL)
    g_error ("no check box “%s”", name);
  g_assert_true (GTK_IS_CHECK_BUTTON (widget));

  return GTK_TOGGLE_BUTTON (widget);
}

static const char *
label_text (VdDeleteDialog *dialog,
            const char     *name)
{
  GtkWidget *widget = find (dialog, name);

  g_assert_true (GTK_IS_LABEL (widget));
  return gtk_label_get_text (GTK_LABEL (widget));
}

static gboolean
volume_exists (Fixture    *fixture,
               const char *path)
{
  virStorageVolPtr vol = virStorageVolLookupByPath (vd_connection_get_handle (fixture->connection),
                                                    path);

  virResetLastError ();
  if (vol == NULL)
    return FALSE;

  virStorageVolFree (vol);
  return TRUE;
}

static void
click_delete (VdDeleteDialog *dialog)
{
  GtkWidget *button = find (dialog, "Delete");

  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_get_sensitive (button));
  gtk_button_clicked (GTK_BUTTON (button));
}

static void
test_defaults (Fixture       *fixture,
               gconstpointer  data)
{
  VdDeleteDialog *dialog = open_dialog (fixture, "web1", NULL);
  GtkWidget *warning;
  const char *summary;

  g_assert_true (find_dialog () == dialog);

  /* Its own writable disks, as a file and as a pool's volume: checked. */
  g_assert_true (gtk_toggle_button_get_active (find_check (dialog, "/srv/pool/web1.qcow2")));
  g_assert_true (gtk_toggle_button_get_active (find_check (dialog, "/srv/data/web1-data.img")));

  /* Shared with web2: unchecked, with the warning beside it. */
  g_assert_false (gtk_toggle_button_get_active (find_check (dialog, "/srv/pool/shared.img")));
  warning = find (dialog, "Also used by “web2”");
  g_assert_true (GTK_IS_LABEL (warning));
  g_assert_true (gtk_widget_is_visible (warning));

  /* CD-ROM media and a read-only disk: listed, unchecked. */
  g_assert_false (gtk_toggle_button_get_active (find_check (dialog, "/srv/pool/install.iso")));
  g_assert_false (gtk_toggle_button_get_active (find_check (dialog, "/srv/pool/base.img")));

  /* Nothing of that kind to remove: the three boxes are not shown. */
  g_assert_false (gtk_widget_get_visible (find (dialog, "Remove the saved memory state")));
  g_assert_false (gtk_widget_get_visible (find (dialog, "Remove the snapshot metadata")));
  g_assert_false (gtk_widget_get_visible (find (dialog, "Remove the UEFI variables (NVRAM)")));
  g_assert_false (gtk_widget_get_visible (find (dialog, "Running guests")));

  /* It names what will be lost, following the boxes. */
  summary = label_text (dialog, "What will be lost");
  g_assert_nonnull (strstr (summary, "“web1”"));
  g_assert_nonnull (strstr (summary, "/srv/pool/web1.qcow2"));
  g_assert_nonnull (strstr (summary, "/srv/data/web1-data.img"));
  g_assert_null (strstr (summary, "shared.img"));
  gtk_toggle_button_set_active (find_check (dialog, "/srv/pool/shared.img"), TRUE);
  g_assert_nonnull (strstr (label_text (dialog, "What will be lost"), "/srv/pool/shared.img"));
  gtk_toggle_button_set_active (find_check (dialog, "/srv/pool/web1.qcow2"), FALSE);
  g_assert_null (strstr (label_text (dialog, "What will be lost"), "web1.qcow2"));
}

static void
test_delete_with_storage (Fixture       *fixture,
                          gconstpointer  data)
{
  VdDeleteDialog *dialog = open_dialog (fixture, "web1", NULL);
  VdStoragePool *pool = vd_connection_find_pool (fixture->connection, "main-pool");

  g_assert_nonnull (vd_storage_pool_find_volume (pool, "web1.qcow2"));
  click_delete (dialog);
  VD_TEST_WAIT_UNTIL (find_dialog () == NULL, 10);

  g_assert_null (vd_connection_find_domain_by_name (fixture->connection, "web1"));
  g_assert_false (volume_exists (fixture, "/srv/pool/web1.qcow2"));
  g_assert_false (volume_exists (fixture, "/srv/data/web1-data.img"));
  g_assert_true (volume_exists (fixture, "/srv/pool/shared.img"));
  g_assert_true (volume_exists (fixture, "/srv/pool/install.iso"));
  g_assert_true (volume_exists (fixture, "/srv/pool/base.img"));

  /* The pool was read again: the host window's Storage tab follows. */
  VD_TEST_WAIT_UNTIL (vd_storage_pool_find_volume (pool, "web1.qcow2") == NULL, 10);
  g_assert_nonnull (vd_storage_pool_find_volume (pool, "shared.img"));
}

static void
test_delete_without_storage (Fixture       *fixture,
                             gconstpointer  data)
{
  VdDeleteDialog *dialog = open_dialog (fixture, "lone", NULL);
  GtkToggleButton *disk = find_check (dialog, "/srv/pool/lone.qcow2");

  /* Its UEFI variables are offered, checked. */
  g_assert_true (gtk_widget_get_visible (find (dialog, "Remove the UEFI variables (NVRAM)")));
  g_assert_nonnull (strstr (label_text (dialog, "What will be lost"), "/srv/nvram/lone_VARS.fd"));

  g_assert_true (gtk_toggle_button_get_active (disk));
  gtk_toggle_button_set_active (disk, FALSE);
  g_assert_null (strstr (label_text (dialog, "What will be lost"), "lone.qcow2"));
  click_delete (dialog);
  VD_TEST_WAIT_UNTIL (find_dialog () == NULL, 10);

  g_assert_null (vd_connection_find_domain_by_name (fixture->connection, "lone"));
  g_assert_true (volume_exists (fixture, "/srv/pool/lone.qcow2"));
}

static void
test_running (Fixture       *fixture,
              gconstpointer  data)
{
  VdDomain *db = vd_connection_find_domain_by_name (fixture->connection, "db");
  g_autoptr(VdDomain) keep = g_object_ref (db);
  VdDeleteDialog *dialog;
  GtkWidget *running;

  g_assert_true (vd_domain_get_active (db));
  dialog = open_dialog (fixture, "db", NULL);
  running = find (dialog, "Running guests");
  g_assert_true (gtk_widget_get_visible (running));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (running)), "“db” is running"));

  click_delete (dialog);
  /* The progress says what runs. */
  g_assert_true (gtk_widget_is_visible (find (dialog, "Delete progress")));
  g_assert_nonnull (strstr (label_text (dialog, "Delete progress"), "Forcing off “db”"));
  VD_TEST_WAIT_UNTIL (find_dialog () == NULL, 10);

  g_assert_null (vd_connection_find_domain_by_name (fixture->connection, "db"));
  g_assert_null (vd_domain_get_connection (keep));
  g_assert_false (volume_exists (fixture, "/srv/pool/db.qcow2"));
}

static void
test_refusal (Fixture       *fixture,
              gconstpointer  data)
{
  virDomainPtr handle = virDomainLookupByName (vd_connection_get_handle (fixture->connection),
                                               "web2");
  virDomainSnapshotPtr snapshot;
  VdDeleteDialog *dialog;
  GtkToggleButton *snapshots;
  GtkWidget *failure;

  snapshot = virDomainSnapshotCreateXML (handle,
                                         "<domainsnapshot><name>s1</name></domainsnapshot>", 0);
  g_assert_nonnull (snapshot);
  virDomainSnapshotFree (snapshot);
  virDomainFree (handle);

  dialog = open_dialog (fixture, "web2", NULL);
  snapshots = find_check (dialog, "Remove the snapshot metadata");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (snapshots)));
  g_assert_true (gtk_toggle_button_get_active (snapshots));
  g_assert_nonnull (strstr (label_text (dialog, "What will be lost"), "1 snapshot of “web2”"));

  /* Keeping the snapshots: libvirt refuses; its reason is shown here and
   * nothing is deleted. */
  gtk_toggle_button_set_active (snapshots, FALSE);
  click_delete (dialog);
  failure = find (dialog, "Delete failure");
  VD_TEST_WAIT_UNTIL (gtk_widget_get_visible (failure), 10);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (failure)), "snapshot"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (failure)), "“web2”"));
  g_assert_true (find_dialog () == dialog);
  g_assert_nonnull (vd_connection_find_domain_by_name (fixture->connection, "web2"));
  g_assert_true (volume_exists (fixture, "/srv/pool/web2.qcow2"));

  /* The choices are open again: with the snapshots it goes. */
  VD_TEST_WAIT_UNTIL (gtk_widget_get_sensitive (find (dialog, "Delete")), 10);
  gtk_toggle_button_set_active (snapshots, TRUE);
  click_delete (dialog);
  VD_TEST_WAIT_UNTIL (find_dialog () == NULL, 10);
  g_assert_null (vd_connection_find_domain_by_name (fixture->connection, "web2"));
  g_assert_false (volume_exists (fixture, "/srv/pool/web2.qcow2"));
  g_assert_true (volume_exists (fixture, "/srv/pool/shared.img"));
}

static void
test_volume_failure_reported (Fixture       *fixture,
                              gconstpointer  data)
{
  VdDeleteDialog *dialog = open_dialog (fixture, "lone", NULL);
  virStorageVolPtr vol;
  GtkWidget *failure;

  /* The volume goes behind the dialog's back: the guest is deleted, the
   * volume's failure is reported, naming it. */
  vol = virStorageVolLookupByPath (vd_connection_get_handle (fixture->connection),
                                   "/srv/pool/lone.qcow2");
  g_assert_cmpint (virStorageVolDelete (vol, 0), ==, 0);
  virStorageVolFree (vol);

  click_delete (dialog);
  failure = find (dialog, "Delete failure");
  VD_TEST_WAIT_UNTIL (gtk_widget_get_visible (failure), 10);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (failure)), "/srv/pool/lone.qcow2"));
  g_assert_null (vd_connection_find_domain_by_name (fixture->connection, "lone"));

  /* Only the report is left: Delete goes, Cancel becomes Close. */
  g_assert_false (gtk_widget_get_visible (find (dialog, "Delete")));
  gtk_button_clicked (GTK_BUTTON (find (dialog, "Close")));
  VD_TEST_WAIT_UNTIL (find_dialog () == NULL, 10);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  VdDeleteDialog *dialog = open_dialog (fixture, "web1", NULL);

  gtk_button_clicked (GTK_BUTTON (find (dialog, "Cancel")));
  VD_TEST_WAIT_UNTIL (find_dialog () == NULL, 10);

  g_assert_nonnull (vd_connection_find_domain_by_name (fixture->connection, "web1"));
  g_assert_true (volume_exists (fixture, "/srv/pool/web1.qcow2"));
  g_assert_true (volume_exists (fixture, "/srv/data/web1-data.img"));
}

static void
test_cancel_while_forcing_off (Fixture       *fixture,
                               gconstpointer  data)
{
  VdDomain *db = vd_connection_find_domain_by_name (fixture->connection, "db");
  VdDeleteDialog *dialog = open_dialog (fixture, "db", NULL);

  /* Cancel while the force off runs (its result comes on the loop, which
   * has not run yet): the guest ends up off, defined, with its disk. */
  click_delete (dialog);
  g_assert_true (gtk_widget_get_sensitive (find (dialog, "Cancel")));
  gtk_button_clicked (GTK_BUTTON (find (dialog, "Cancel")));
  g_assert_null (find_dialog ());
  VD_TEST_WAIT_UNTIL (!vd_domain_get_active (db) && !vd_domain_get_busy (db), 10);

  g_assert_nonnull (vd_connection_find_domain_by_name (fixture->connection, "db"));
  g_assert_true (volume_exists (fixture, "/srv/pool/db.qcow2"));
}

static void
test_no_cancel_once_undefining (Fixture       *fixture,
                                gconstpointer  data)
{
  VdDeleteDialog *dialog = open_dialog (fixture, "lone", NULL);

  /* A shut-off guest's undefine starts at once: from then on Cancel and
   * Escape wait for it to end. */
  click_delete (dialog);
  g_assert_false (gtk_widget_get_sensitive (find (dialog, "Cancel")));
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  g_assert_true (find_dialog () == dialog);
  VD_TEST_WAIT_UNTIL (find_dialog () == NULL, 10);
  g_assert_null (vd_connection_find_domain_by_name (fixture->connection, "lone"));
  g_assert_false (volume_exists (fixture, "/srv/pool/lone.qcow2"));
}

static void
test_several (Fixture       *fixture,
              gconstpointer  data)
{
  VdDeleteDialog *dialog = open_dialog (fixture, "web1", "web2", NULL);
  const char *summary;

  /* One list, a heading per guest; the disk they share listed once,
   * still with its warning (each uses it). */
  g_assert_true (GTK_IS_LABEL (find (dialog, "web1")));
  g_assert_true (GTK_IS_LABEL (find (dialog, "web2")));
  g_assert_false (gtk_toggle_button_get_active (find_check (dialog, "/srv/pool/shared.img")));
  g_assert_true (gtk_toggle_button_get_active (find_check (dialog, "/srv/pool/web2.qcow2")));
  summary = label_text (dialog, "What will be lost");
  g_assert_nonnull (strstr (summary, "“web1”"));
  g_assert_nonnull (strstr (summary, "“web2”"));

  gtk_toggle_button_set_active (find_check (dialog, "/srv/pool/shared.img"), TRUE);
  click_delete (dialog);
  VD_TEST_WAIT_UNTIL (find_dialog () == NULL, 10);
  g_assert_null (vd_connection_find_domain_by_name (fixture->connection, "web1"));
  g_assert_null (vd_connection_find_domain_by_name (fixture->connection, "web2"));
  g_assert_false (volume_exists (fixture, "/srv/pool/shared.img"));
  g_assert_false (volume_exists (fixture, "/srv/pool/web2.qcow2"));
  g_assert_true (volume_exists (fixture, "/srv/pool/install.iso"));
}

static void
test_vm_window (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.virtdesk.VirtDesk");
  VdDomain *lone = vd_connection_find_domain_by_name (fixture->connection, "lone");
  VdDomain *web2 = vd_connection_find_domain_by_name (fixture->connection, "web2");
  VdVmWindow *window;
  GActionGroup *actions;
  VdDeleteDialog *dialog;

  g_settings_reset (settings, "confirm-delete");
  window = vd_vm_window_new (NULL, lone, settings);
  gtk_window_present (GTK_WINDOW (window));
  actions = gtk_widget_get_action_group (GTK_WIDGET (window), "vm");
  g_assert_true (g_action_group_get_action_enabled (actions, "delete"));

  /* vm.delete opens the same dialog; the window stays, saying the guest
   * is gone. */
  g_action_group_activate_action (actions, "delete", NULL);
  VD_TEST_WAIT_UNTIL ((dialog = find_dialog ()) != NULL, 5);
  VD_TEST_WAIT_UNTIL (vd_delete_dialog_get_loaded (dialog), 10);
  click_delete (dialog);
  VD_TEST_WAIT_UNTIL (find_dialog () == NULL, 10);
  g_assert_null (vd_connection_find_domain_by_name (fixture->connection, "lone"));
  g_assert_false (volume_exists (fixture, "/srv/pool/lone.qcow2"));
  VD_TEST_WAIT_UNTIL (!g_action_group_get_action_enabled (actions, "delete"), 5);
  g_assert_nonnull (vd_test_find_by_accessible_name (GTK_WIDGET (window),
                                                     "This guest is no longer available: it "
                                                     "was deleted, or its connection was "
                                                     "closed."));
  gtk_widget_destroy (GTK_WIDGET (window));

  /* Not asking: the guest goes at once, every disk kept. */
  g_settings_set_boolean (settings, "confirm-delete", FALSE);
  window = vd_vm_window_new (NULL, web2, settings);
  gtk_window_present (GTK_WINDOW (window));
  actions = gtk_widget_get_action_group (GTK_WIDGET (window), "vm");
  g_action_group_activate_action (actions, "delete", NULL);
  g_assert_null (find_dialog ());
  VD_TEST_WAIT_UNTIL (vd_connection_find_domain_by_name (fixture->connection, "web2") == NULL, 10);
  g_assert_true (volume_exists (fixture, "/srv/pool/web2.qcow2"));
  g_assert_true (volume_exists (fixture, "/srv/pool/shared.img"));
  gtk_widget_destroy (GTK_WIDGET (window));
  g_settings_reset (settings, "confirm-delete");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  gvir_init_object_check (NULL, NULL, NULL);

#define ADD(path, func) \
  g_test_add ("/vd/delete-dialog/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("defaults", test_defaults);
  ADD ("delete-with-storage", test_delete_with_storage);
  ADD ("delete-without-storage", test_delete_without_storage);
  ADD ("running", test_running);
  ADD ("refusal", test_refusal);
  ADD ("volume-failure-reported", test_volume_failure_reported);
  ADD ("cancel", test_cancel);
  ADD ("cancel-while-forcing-off", test_cancel_while_forcing_off);
  ADD ("no-cancel-once-undefining", test_no_cancel_once_undefining);
  ADD ("several", test_several);
  ADD ("vm-window", test_vm_window);

  return g_test_run ();
}
