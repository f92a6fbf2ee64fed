/* test-clone-dialog.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>
#include <libvirt-gobject/libvirt-gobject.h>

#include "vd-clone-dialog.h"
#include "vd-connection-host.h"
#include "vd-connection-manager.h"
#include "vd-manager-window.h"
#include "vd-vm-window.h"
#include "../vd-test-util.h"
#include "vd-test-ui.h"

/* Under ASan: the guest window's XML view makes GLib outgrow its first
 * block of quarks, which it never frees (tests/lsan.supp). Only a full
 * stack names the constructor that allocated it, so unwind slowly. Never
 * called without a sanitizer. */
const char *__asan_default_options (void);

const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}

/* The Clone dialog on the test driver's clone.xml, driven through its
 * widgets as a user (or a screen reader) finds them: by accessible name. */

typedef struct
{
  VdConnection *connection;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *uri = vd_test_fixture_uri ("clone.xml");

  fixture->connection = vd_test_open (uri);
  VD_TEST_WAIT_UNTIL (vd_connection_get_host_loaded (fixture->connection), 10);
  VD_TEST_WAIT_UNTIL (vd_connection_find_domain_by_name (fixture->connection, "frozen") != NULL,
                      10);
}

static VdCloneDialog *
find_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (const GList *l = toplevels; l != NULL; l = l->next)
    if (VD_IS_CLONE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  VdCloneDialog *dialog;

  while ((dialog = find_dialog ()) != NULL)
    gtk_widget_destroy (GTK_WIDGET (dialog));
  vd_connection_disconnect (fixture->connection);
  g_clear_object (&fixture->connection);
}

static VdCloneDialog *
open_dialog (Fixture    *fixture,
             const char *name)
{
  VdDomain *domain = vd_connection_find_domain_by_name (fixture->connection, name);
  VdCloneDialog *dialog;

  g_assert_nonnull (domain);
  dialog = VD_CLONE_DIALOG (vd_clone_dialog_new (NULL, domain));
  VD_TEST_WAIT_UNTIL (vd_clone_dialog_get_loaded (dialog), 10);
  return dialog;
}

static GtkWidget *
find (VdCloneDialog *dialog,
      const char    *name)
{
  GtkWidget *widget = vd_test_find_by_accessible_name (GTK_WIDGET (dialog), name);

  if (widget == NULL)
    g_error ("no widget “%s”", name);
  return widget;
}

/* A message label's text, "" when it is hidden. */
static const char *
message (VdCloneDialog *dialog,
         const char    *name)
{
  GtkWidget *label = find (dialog, name);

  g_assert_true (GTK_IS_LABEL (label));
  return gtk_widget_get_visible (label) ? gtk_label_get_text (GTK_LABEL (label)) : "";
}

static GtkEntry *
entry (VdCloneDialog *dialog,
       const char    *name)
{
  GtkWidget *widget = find (dialog, name);

  g_assert_true (GTK_IS_ENTRY (widget));
  return GTK_ENTRY (widget);
}

static GtkComboBox *
combo (VdCloneDialog *dialog,
       const char    *target)
{
  g_autofree char *name = g_strdup_printf ("What to do with %s", target);
  GtkWidget *widget = find (dialog, name);

  g_assert_true (GTK_IS_COMBO_BOX (widget));
  return GTK_COMBO_BOX (widget);
}

static gboolean
clone_enabled (VdCloneDialog *dialog)
{
  return gtk_widget_get_sensitive (find (dialog, "Clone"));
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
list_prepend_cb (GtkWidget *widget,
                 GList    **list)
{
  *list = g_list_prepend (*list, widget);
}

/* Every control shown has an accessible name (what a screen reader says):
 * returns how many were checked. */
static guint
assert_accessible_names (GtkWidget *root)
{
  guint checked = 0;

  if (!gtk_widget_get_visible (root))
    return 0;
  if (GTK_IS_BUTTON (root) || GTK_IS_ENTRY (root) || GTK_IS_COMBO_BOX (root))
    {
      const char *name = atk_object_get_name (gtk_widget_get_accessible (root));

      if (name == NULL || name[0] == '\0')
        g_error ("a %s has no accessible name", G_OBJECT_TYPE_NAME (root));
      checked++;
    }
  if (GTK_IS_CONTAINER (root) && !GTK_IS_COMBO_BOX (root))
    {
      g_autoptr(GList) children = NULL;

      gtk_container_forall (GTK_CONTAINER (root), (GtkCallback)list_prepend_cb, &children);
      for (const GList *l = children; l != NULL; l = l->next)
        checked += assert_accessible_names (l->data);
    }
  return checked;
}

static void
test_defaults (Fixture       *fixture,
               gconstpointer  data)
{
  VdCloneDialog *dialog = open_dialog (fixture, "app");
  GtkComboBox *vdd;

  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Clone “app”");
  g_assert_cmpstr (gtk_entry_get_text (entry (dialog, "New name")), ==, "app-clone1");
  g_assert_cmpstr (message (dialog, "Name problem"), ==, "");
  g_assert_cmpstr (message (dialog, "Why the guest cannot be cloned"), ==, "");

  g_assert_cmpstr (gtk_combo_box_get_active_id (combo (dialog, "vda")), ==, "clone");
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (entry (dialog, "New volume for vda"))));
  g_assert_cmpstr (gtk_entry_get_text (entry (dialog, "New volume for vda")), ==,
                   "app-clone1.qcow2");
  g_assert_cmpstr (gtk_combo_box_get_active_id (combo (dialog, "vdb")), ==, "clone");
  g_assert_cmpstr (gtk_entry_get_text (entry (dialog, "New volume for vdb")), ==,
                   "app-data-clone.raw");
  g_assert_cmpstr (gtk_combo_box_get_active_id (combo (dialog, "vdc")), ==, "share");
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (entry (dialog, "New volume for vdc"))));
  g_assert_cmpstr (gtk_combo_box_get_active_id (combo (dialog, "sda")), ==, "share");
  /* Outside every pool: Share or Skip only, and why */
  vdd = combo (dialog, "vdd");
  g_assert_cmpstr (gtk_combo_box_get_active_id (vdd), ==, "skip");
  g_assert_cmpint (gtk_tree_model_iter_n_children (gtk_combo_box_get_model (vdd), NULL), ==, 2);
  g_assert_cmpstr (message (dialog, "About vdd"), ==,
                   "Not a volume of a storage pool, so it cannot be copied. Share it or leave "
                   "it out.");
  g_assert_cmpstr (message (dialog, "Network interfaces"), ==,
                   "The new guest’s network interface gets a new MAC address, generated by "
                   "libvirt.");
  g_assert_true (clone_enabled (dialog));
  /* name entry, 5 choices, 2 volume names, Cancel, Clone */
  g_assert_cmpuint (assert_accessible_names (GTK_WIDGET (dialog)), >=, 10);
}

static void
test_bad_name (Fixture       *fixture,
               gconstpointer  data)
{
  VdCloneDialog *dialog = open_dialog (fixture, "app");
  GtkEntry *name = entry (dialog, "New name");

  gtk_entry_set_text (name, "app");
  g_assert_cmpstr (message (dialog, "Name problem"), ==, "A guest named “app” exists already.");
  g_assert_false (clone_enabled (dialog));
  gtk_entry_set_text (name, "");
  g_assert_cmpstr (message (dialog, "Name problem"), ==, "Enter a name.");
  g_assert_false (clone_enabled (dialog));
  gtk_entry_set_text (name, "a/b");
  g_assert_cmpstr (message (dialog, "Name problem"), ==, "The name cannot contain “/”.");
  gtk_entry_set_text (name, "app copy");
  g_assert_cmpstr (message (dialog, "Name problem"), ==, "");
  g_assert_true (clone_enabled (dialog));
}

static void
test_disk_choice (Fixture       *fixture,
                  gconstpointer  data)
{
  VdCloneDialog *dialog = open_dialog (fixture, "app");
  GtkEntry *vdb = entry (dialog, "New volume for vdb");

  /* A taken name, said beside the disk */
  gtk_entry_set_text (vdb, "app.qcow2");
  g_assert_cmpstr (message (dialog, "About vdb"), ==,
                   "The pool “default” already has a volume called “app.qcow2”.");
  g_assert_false (clone_enabled (dialog));
  /* The same name as the other copy: both disks say so */
  gtk_entry_set_text (vdb, "app-clone1.qcow2");
  g_assert_cmpstr (message (dialog, "About vda"), !=, "");
  g_assert_cmpstr (message (dialog, "About vdb"), !=, "");
  g_assert_false (clone_enabled (dialog));
  /* Sharing vda settles it; its volume name goes away */
  gtk_combo_box_set_active_id (combo (dialog, "vda"), "share");
  g_assert_false (gtk_widget_is_visible (GTK_WIDGET (entry (dialog, "New volume for vda"))));
  g_assert_cmpstr (message (dialog, "About vda"), ==, "");
  g_assert_cmpstr (message (dialog, "About vdb"), ==, "");
  g_assert_true (clone_enabled (dialog));
  /* Cloning the read-only disk brings its volume name */
  gtk_combo_box_set_active_id (combo (dialog, "vdc"), "clone");
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (entry (dialog, "New volume for vdc"))));
  g_assert_cmpstr (gtk_entry_get_text (entry (dialog, "New volume for vdc")), ==,
                   "reference-clone.raw");
  g_assert_true (clone_enabled (dialog));
}

static void
test_clone_finishes (Fixture       *fixture,
                     gconstpointer  data)
{
  VdCloneDialog *dialog = open_dialog (fixture, "app");
  GtkWidget *progress = find (dialog, "Clone progress");
  GtkWidget *weak = GTK_WIDGET (dialog);
  VdDomain *clone;

  gtk_combo_box_set_active_id (combo (dialog, "vdb"), "skip");
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&weak);
  gtk_button_clicked (GTK_BUTTON (find (dialog, "Clone")));
  /* The progress shows at once, the fields are off meanwhile */
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (progress)));
  g_assert_false (clone_enabled (dialog));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (entry (dialog, "New name"))));

  VD_TEST_WAIT_UNTIL (weak == NULL, 30);
  VD_TEST_WAIT_UNTIL ((clone = vd_connection_find_domain_by_name (fixture->connection,
                                                                  "app-clone1")) != NULL, 10);
  g_assert_true (volume_exists (fixture, "/var/lib/libvirt/images/app-clone1.qcow2"));
  g_assert_false (volume_exists (fixture, "/var/lib/libvirt/images/app-data-clone.raw"));
  g_assert_true (volume_exists (fixture, "/var/lib/libvirt/images/app.qcow2"));
}

static void
test_running (Fixture       *fixture,
              gconstpointer  data)
{
  VdCloneDialog *dialog = open_dialog (fixture, "busy");

  g_assert_cmpstr (message (dialog, "Why the guest cannot be cloned"), ==,
                   "“busy” is running. Pause it or shut it down to clone it.");
  g_assert_false (clone_enabled (dialog));
  gtk_widget_destroy (GTK_WIDGET (dialog));

  /* Paused is fine */
  dialog = open_dialog (fixture, "frozen");
  g_assert_cmpstr (message (dialog, "Why the guest cannot be cloned"), ==, "");
  g_assert_cmpstr (message (dialog, "About vda"), ==,
                   "The pool “small” has 40.0\u00a0GiB free; the copies need 60.0\u00a0GiB.");
  gtk_combo_box_set_active_id (combo (dialog, "vda"), "share");
  g_assert_true (clone_enabled (dialog));
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  VdCloneDialog *dialog = open_dialog (fixture, "app");
  GtkWidget *weak = GTK_WIDGET (dialog);

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&weak);
  gtk_button_clicked (GTK_BUTTON (find (dialog, "Cancel")));
  g_assert_null (weak);
  g_assert_null (vd_connection_find_domain_by_name (fixture->connection, "app-clone1"));
  g_assert_false (volume_exists (fixture, "/var/lib/libvirt/images/app-clone1.qcow2"));
}

/* Either the whole clone is there or none of it (as libvirt has it: the
 * connection's list follows by events) */
static void
assert_all_or_nothing (Fixture *fixture)
{
  virDomainPtr dom = virDomainLookupByName (vd_connection_get_handle (fixture->connection),
                                            "app-clone1");

  if (dom != NULL)
    virDomainFree (dom);
  virResetLastError ();
  g_assert_cmpint (volume_exists (fixture, "/var/lib/libvirt/images/app-clone1.qcow2"), ==,
                   dom != NULL);
  g_assert_cmpint (volume_exists (fixture, "/var/lib/libvirt/images/app-data-clone.raw"), ==,
                   dom != NULL);
}

/* Cancel while the clone runs: the dialog waits for the worker to stop
 * and take back its copies, then closes */
static void
test_cancel_running (Fixture       *fixture,
                     gconstpointer  data)
{
  VdCloneDialog *dialog = open_dialog (fixture, "app");
  VdDomain *app = vd_connection_find_domain_by_name (fixture->connection, "app");
  GtkWidget *cancel = find (dialog, "Cancel");
  GtkWidget *weak = GTK_WIDGET (dialog);

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&weak);
  gtk_button_clicked (GTK_BUTTON (find (dialog, "Clone")));
  g_assert_true (vd_domain_get_busy (app));
  gtk_button_clicked (GTK_BUTTON (cancel));
  /* Still there, saying so, until the worker is done */
  g_assert_nonnull (weak);
  g_assert_false (gtk_widget_get_sensitive (cancel));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (find (dialog, "Clone step"))),
                                   "Cancelling"));
  VD_TEST_WAIT_UNTIL (weak == NULL, 30);
  g_assert_false (vd_domain_get_busy (app));
  g_assert_null (vd_domain_get_last_error (app));
  assert_all_or_nothing (fixture);
}

/* Closed behind its back while cloning (its parent went): nothing is
 * touched after, the clone is taken back or completes */
static void
test_destroyed_running (Fixture       *fixture,
                        gconstpointer  data)
{
  VdCloneDialog *dialog = open_dialog (fixture, "app");
  VdDomain *app = vd_connection_find_domain_by_name (fixture->connection, "app");

  gtk_button_clicked (GTK_BUTTON (find (dialog, "Clone")));
  gtk_widget_destroy (GTK_WIDGET (dialog));
  /* The original's state changes reach no dead dialog, also while the
   * worker still holds it */
  g_object_notify (G_OBJECT (app), "state");
  VD_TEST_WAIT_UNTIL (!vd_domain_get_busy (app), 30);
  g_object_notify (G_OBJECT (app), "state");
  assert_all_or_nothing (fixture);
}

/* win.clone: one guest selected; it opens the dialog for it */
static void
test_manager (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.virtdesk.VirtDesk");
  g_autoptr(VdConnectionManager) manager = NULL;
  g_autofree char *uri = vd_test_fixture_uri ("clone.xml");
  VdManagerWindow *window;
  VdConnection *connection;
  VdCloneDialog *dialog;
  VdDomain *pair[2];

  g_settings_reset (settings, "connections");
  manager = vd_connection_manager_new (settings);
  connection = vd_connection_manager_add (manager, uri, FALSE);
  window = vd_manager_window_new (NULL, manager, settings);
  gtk_window_present (GTK_WINDOW (window));
  vd_manager_window_connect (window, connection);
  VD_TEST_WAIT_UNTIL (vd_connection_find_domain_by_name (connection, "frozen") != NULL, 10);

  pair[0] = vd_connection_find_domain_by_name (connection, "app");
  pair[1] = vd_connection_find_domain_by_name (connection, "busy");
  vd_manager_window_select_domains (window, pair, 2);
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "clone"));
  vd_manager_window_select_domains (window, pair, 1);
  VD_TEST_WAIT_UNTIL (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "clone"), 10);
  g_action_group_activate_action (G_ACTION_GROUP (window), "clone", NULL);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Clone “app”");
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  VD_TEST_WAIT_UNTIL (vd_clone_dialog_get_loaded (dialog), 10);
  gtk_widget_destroy (GTK_WIDGET (dialog));

  /* A running guest: enabled, and its dialog says why not */
  vd_manager_window_select_domains (window, &pair[1], 1);
  VD_TEST_WAIT_UNTIL (g_action_group_get_action_enabled (G_ACTION_GROUP (window), "clone"), 10);

  gtk_widget_destroy (GTK_WIDGET (window));
  g_object_run_dispose (G_OBJECT (manager));
}

/* vm.clone in the guest window */
static void
test_vm_window (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.virtdesk.VirtDesk");
  VdDomain *domain = vd_connection_find_domain_by_name (fixture->connection, "app");
  VdVmWindow *window = vd_vm_window_new (NULL, domain, settings);
  GActionGroup *actions = gtk_widget_get_action_group (GTK_WIDGET (window), "vm");
  VdCloneDialog *dialog;

  g_assert_nonnull (actions);
  g_assert_true (g_action_group_get_action_enabled (actions, "clone"));
  g_action_group_activate_action (actions, "clone", NULL);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  VD_TEST_WAIT_UNTIL (vd_clone_dialog_get_loaded (dialog), 10);
  g_assert_cmpstr (gtk_entry_get_text (entry (dialog, "New name")), ==, "app-clone1");
  gtk_widget_destroy (GTK_WIDGET (dialog));
  gtk_widget_destroy (GTK_WIDGET (window));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  gvir_init_object_check (NULL, NULL, NULL);

#define ADD(path, func) \
  g_test_add ("/vd/clone-dialog/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("defaults", test_defaults);
  ADD ("bad-name", test_bad_name);
  ADD ("disk-choice", test_disk_choice);
  ADD ("clone-finishes", test_clone_finishes);
  ADD ("running", test_running);
  ADD ("cancel", test_cancel);
  ADD ("cancel-running", test_cancel_running);
  ADD ("destroyed-running", test_destroyed_running);
  ADD ("vm-window", test_vm_window);
#undef ADD
  g_test_add_func ("/vd/clone-dialog/manager", test_manager);

  return g_test_run ();
}
