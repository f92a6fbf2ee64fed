/* test-snapshot.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include <libvirt-gobject/libvirt-gobject.h>

#include "vd-domain-snapshot.h"
#include "vd-error.h"
#include "../vd-test-util.h"

/* Snapshots on test:///default: its running guest "test" takes internal
 * snapshots (memory included) and screenshots; the driver refuses
 * disk-only ones. Every case opens its own connection, and the driver's
 * default host is made anew once the last connection to it closes. */

typedef struct
{
  VdConnection *connection;
  VdDomain     *domain;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->connection = vd_test_open ("test:///default");
  fixture->domain = g_object_ref (vd_connection_find_domain_by_name (fixture->connection, "test"));
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_clear_object (&fixture->domain);
  vd_connection_disconnect (fixture->connection);
  g_clear_object (&fixture->connection);
}

static VdSnapshotList *
list (VdDomain *domain)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  VdSnapshotList *ret;

  vd_domain_list_snapshots_async (domain, NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_RESULT (result);
  ret = vd_domain_list_snapshots_finish (domain, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (ret);

  return ret;
}

static void
create (VdDomain   *domain,
        const char *name,
        const char *description)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  vd_domain_create_snapshot_async (domain, name, description, VD_SNAPSHOT_MODE_INTERNAL, NULL,
                                   vd_test_async_result_cb, &result);
  g_assert_true (vd_domain_get_busy (domain));
  VD_TEST_WAIT_RESULT (result);
  g_assert_true (vd_domain_create_snapshot_finish (domain, result, &error));
  g_assert_no_error (error);
  g_assert_false (vd_domain_get_busy (domain));
}

static void
revert (VdDomain   *domain,
        const char *name)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  vd_domain_revert_snapshot_async (domain, name, NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_RESULT (result);
  g_assert_true (vd_domain_revert_snapshot_finish (domain, result, &error));
  g_assert_no_error (error);
}

static void
delete (VdDomain   *domain,
        const char *name,
        gboolean    with_children)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  vd_domain_delete_snapshot_async (domain, name, with_children, NULL, vd_test_async_result_cb,
                                   &result);
  VD_TEST_WAIT_RESULT (result);
  g_assert_true (vd_domain_delete_snapshot_finish (domain, result, &error));
  g_assert_no_error (error);
}

static void
describe (VdDomain   *domain,
          const char *name,
          const char *description)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  vd_domain_set_snapshot_description_async (domain, name, description, NULL,
                                            vd_test_async_result_cb, &result);
  VD_TEST_WAIT_RESULT (result);
  g_assert_true (vd_domain_set_snapshot_description_finish (domain, result, &error));
  g_assert_no_error (error);
}

static void
run_domain (VdDomain *domain,
            void    (*async) (VdDomain *, GCancellable *, GAsyncReadyCallback, gpointer),
            gboolean (*finish) (VdDomain *, GAsyncResult *, GError **))
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  async (domain, NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_RESULT (result);
  g_assert_true (finish (domain, result, &error));
  g_assert_no_error (error);
}

static const char *
name_at (VdSnapshotList *snapshots,
         guint           i)
{
  return vd_snapshot_get_name (g_ptr_array_index (snapshots->snapshots, i));
}

static void
test_create_tree (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(VdSnapshotList) before = list (fixture->domain);
  g_autoptr(VdSnapshotList) after = NULL;
  VdSnapshot *first, *second;

  g_assert_cmpuint (before->snapshots->len, ==, 0);
  g_assert_null (vd_snapshot_list_get_current (before));
  g_assert_true (before->running);
  g_assert_true (before->internal_ok);
  g_assert_false (before->disk_only_ok);
  g_assert_nonnull (before->disk_only_reason);

  create (fixture->domain, "first", "before the upgrade");
  create (fixture->domain, "second", NULL);
  after = list (fixture->domain);

  g_assert_cmpuint (after->snapshots->len, ==, 2);
  g_assert_cmpstr (name_at (after, 0), ==, "first");
  g_assert_cmpstr (name_at (after, 1), ==, "second");
  first = vd_snapshot_list_find (after, "first");
  second = vd_snapshot_list_find (after, "second");
  g_assert_null (vd_snapshot_get_parent_name (first));
  g_assert_cmpstr (vd_snapshot_get_parent_name (second), ==, "first");
  g_assert_true (vd_snapshot_list_get_current (after) == second);
  g_assert_false (vd_snapshot_get_is_current (first));
  g_assert_cmpstr (vd_snapshot_get_description (first), ==, "before the upgrade");
  g_assert_null (vd_snapshot_get_description (second));
  g_assert_cmpstr (vd_snapshot_get_state (first), ==, "running");
  g_assert_cmpstr (vd_snapshot_get_state_label (first), ==, "Running");
  g_assert_true (vd_snapshot_get_has_memory (first));
  g_assert_false (vd_snapshot_get_is_external (first));
  g_assert_cmpint (vd_snapshot_get_creation_time (first), >, 0);
  g_assert_cmpuint (vd_snapshot_list_count_descendants (after, "first"), ==, 1);

  /* The test driver takes screenshots of a running guest: each snapshot
   * has its thumbnail, under the (test's own) cache directory. */
  g_assert_nonnull (vd_snapshot_get_screenshot_path (first));
  g_assert_true (g_str_has_prefix (vd_snapshot_get_screenshot_path (first),
                                   g_get_user_cache_dir ()));
  g_assert_true (g_file_test (vd_snapshot_get_screenshot_path (first), G_FILE_TEST_IS_REGULAR));
}

static void
test_revert (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(VdSnapshotList) snapshots = NULL;

  create (fixture->domain, "running", NULL);
  run_domain (fixture->domain, vd_domain_pause_async, vd_domain_pause_finish);
  g_assert_cmpint (vd_domain_get_state (fixture->domain), ==, VD_DOMAIN_STATE_PAUSED);
  create (fixture->domain, "paused", NULL);

  /* The guest runs again as it did in the snapshot. */
  revert (fixture->domain, "running");
  g_assert_cmpint (vd_domain_get_state (fixture->domain), ==, VD_DOMAIN_STATE_RUNNING);
  snapshots = list (fixture->domain);
  g_assert_cmpstr (vd_snapshot_get_name (vd_snapshot_list_get_current (snapshots)), ==,
                   "running");
  g_assert_cmpstr (vd_snapshot_get_state (vd_snapshot_list_find (snapshots, "paused")), ==,
                   "paused");
  g_clear_pointer (&snapshots, vd_snapshot_list_free);

  revert (fixture->domain, "paused");
  g_assert_cmpint (vd_domain_get_state (fixture->domain), ==, VD_DOMAIN_STATE_PAUSED);
  snapshots = list (fixture->domain);
  g_assert_cmpstr (vd_snapshot_get_name (vd_snapshot_list_get_current (snapshots)), ==, "paused");
}

static void
test_delete (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(VdSnapshotList) snapshots = NULL;
  g_autofree char *thumbnail = NULL;

  /* a ── b ── c
   *   └─ d        */
  create (fixture->domain, "a", NULL);
  create (fixture->domain, "b", NULL);
  create (fixture->domain, "c", NULL);
  revert (fixture->domain, "a");
  create (fixture->domain, "d", NULL);

  snapshots = list (fixture->domain);
  g_assert_cmpuint (snapshots->snapshots->len, ==, 4);
  /* Each parent before its children, siblings oldest first. */
  g_assert_cmpstr (name_at (snapshots, 0), ==, "a");
  g_assert_cmpstr (name_at (snapshots, 1), ==, "b");
  g_assert_cmpstr (name_at (snapshots, 2), ==, "c");
  g_assert_cmpstr (name_at (snapshots, 3), ==, "d");
  g_assert_cmpstr (vd_snapshot_get_parent_name (vd_snapshot_list_find (snapshots, "d")), ==, "a");
  g_assert_cmpuint (vd_snapshot_list_count_descendants (snapshots, "a"), ==, 3);
  thumbnail = g_strdup (vd_snapshot_get_screenshot_path (vd_snapshot_list_find (snapshots, "c")));
  g_assert_nonnull (thumbnail);
  g_clear_pointer (&snapshots, vd_snapshot_list_free);

  delete (fixture->domain, "b", TRUE);
  snapshots = list (fixture->domain);
  g_assert_cmpuint (snapshots->snapshots->len, ==, 2);
  g_assert_null (vd_snapshot_list_find (snapshots, "b"));
  g_assert_null (vd_snapshot_list_find (snapshots, "c"));
  g_assert_false (g_file_test (thumbnail, G_FILE_TEST_EXISTS));
  g_clear_pointer (&snapshots, vd_snapshot_list_free);

  /* Alone: its child stays and has no parent any more. */
  delete (fixture->domain, "a", FALSE);
  snapshots = list (fixture->domain);
  g_assert_cmpuint (snapshots->snapshots->len, ==, 1);
  g_assert_cmpstr (name_at (snapshots, 0), ==, "d");
  g_assert_null (vd_snapshot_get_parent_name (g_ptr_array_index (snapshots->snapshots, 0)));
}

static char *
replace (const char *text,
         const char *old,
         const char *new)
{
  g_auto(GStrv) parts = g_strsplit (text, old, -1);

  g_assert_cmpuint (g_strv_length (parts), ==, 2);

  return g_strjoinv (new, parts);
}

static void
test_describe (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(VdSnapshotList) snapshots = NULL;
  g_autofree char *before = NULL;
  g_autofree char *expected = NULL;
  VdSnapshot *snapshot;

  create (fixture->domain, "base", "first words");
  create (fixture->domain, "top", NULL);
  snapshots = list (fixture->domain);
  before = g_strdup (vd_snapshot_get_xml (vd_snapshot_list_find (snapshots, "base")));
  g_clear_pointer (&snapshots, vd_snapshot_list_free);

  /* Only the description changes: state, parent, time, memory, disks and
   * the whole guest definition stay as libvirt wrote them. */
  describe (fixture->domain, "base", "new <words> & more");
  snapshots = list (fixture->domain);
  snapshot = vd_snapshot_list_find (snapshots, "base");
  g_assert_cmpstr (vd_snapshot_get_description (snapshot), ==, "new <words> & more");
  expected = replace (before, "<description>first words</description>",
                      "<description>new &lt;words&gt; &amp; more</description>");
  g_assert_cmpstr (vd_snapshot_get_xml (snapshot), ==, expected);
  g_assert_cmpstr (vd_snapshot_get_name (vd_snapshot_list_get_current (snapshots)), ==, "top");
  g_clear_pointer (&snapshots, vd_snapshot_list_free);

  /* The current one stays current; a description is added where there
   * was none, and removed when emptied. */
  describe (fixture->domain, "top", "added");
  snapshots = list (fixture->domain);
  snapshot = vd_snapshot_list_find (snapshots, "top");
  g_assert_true (vd_snapshot_get_is_current (snapshot));
  g_assert_cmpstr (vd_snapshot_get_description (snapshot), ==, "added");
  g_assert_cmpstr (vd_snapshot_get_parent_name (snapshot), ==, "base");
  g_clear_pointer (&snapshots, vd_snapshot_list_free);

  describe (fixture->domain, "top", "");
  snapshots = list (fixture->domain);
  snapshot = vd_snapshot_list_find (snapshots, "top");
  g_assert_null (vd_snapshot_get_description (snapshot));
  g_assert_null (strstr (vd_snapshot_get_xml (snapshot), "<description"));
  g_assert_true (vd_snapshot_get_is_current (snapshot));
}

static void
test_names (Fixture       *fixture,
            gconstpointer  data)
{
  const char *bad[] = { "", " lead", "trail ", "a/b", ".hidden" };
  g_autoptr(VdSnapshotList) snapshots = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *long_name = g_strnfill (201, 'x');
  g_autofree char *suggested = NULL;
  g_autoptr(GDateTime) when = g_date_time_new_local (2026, 12, 1, 9, 5, 7);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_assert_false (vd_snapshot_check_name (bad[i], NULL, &error));
      g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT);
      g_assert_nonnull (error->message);
      g_clear_error (&error);
    }
  g_assert_false (vd_snapshot_check_name (long_name, NULL, &error));
  g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_true (vd_snapshot_check_name ("before upgrade (v2)", NULL, &error));
  g_assert_no_error (error);

  create (fixture->domain, "taken", NULL);
  snapshots = list (fixture->domain);
  g_assert_false (vd_snapshot_check_name ("taken", snapshots, &error));
  g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (error->message, ==, "This guest already has a snapshot of that name.");
  g_clear_error (&error);

  /* Refused before libvirt is asked: the guest is never busy. */
  vd_domain_create_snapshot_async (fixture->domain, "a/b", NULL, VD_SNAPSHOT_MODE_INTERNAL, NULL,
                                   vd_test_async_result_cb, &result);
  g_assert_false (vd_domain_get_busy (fixture->domain));
  VD_TEST_WAIT_RESULT (result);
  g_assert_false (vd_domain_create_snapshot_finish (fixture->domain, result, &error));
  g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_clear_object (&result);

  /* libvirt's refusal comes back named: the same name twice, and the
   * disk-only kind the test driver cannot make. */
  vd_domain_create_snapshot_async (fixture->domain, "taken", NULL, VD_SNAPSHOT_MODE_INTERNAL,
                                   NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_RESULT (result);
  g_assert_false (vd_domain_create_snapshot_finish (fixture->domain, result, &error));
  g_assert_nonnull (strstr (error->message, "Failed to create snapshot “taken” of “test”: "));
  g_assert_cmpstr (vd_domain_get_last_error (fixture->domain), ==, error->message);
  g_clear_error (&error);
  g_clear_object (&result);

  vd_domain_create_snapshot_async (fixture->domain, "disks", NULL, VD_SNAPSHOT_MODE_DISK_ONLY,
                                   NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_RESULT (result);
  g_assert_false (vd_domain_create_snapshot_finish (fixture->domain, result, &error));
  g_assert_nonnull (strstr (error->message, "Failed to create snapshot “disks” of “test”: "));
  g_clear_error (&error);
  g_clear_object (&result);

  vd_domain_revert_snapshot_async (fixture->domain, "missing", NULL, vd_test_async_result_cb,
                                   &result);
  VD_TEST_WAIT_RESULT (result);
  g_assert_false (vd_domain_revert_snapshot_finish (fixture->domain, result, &error));
  g_assert_nonnull (strstr (error->message, "Failed to revert “test” to snapshot “missing”: "));

  suggested = vd_snapshot_suggest_name (when);
  g_assert_cmpstr (suggested, ==, "snapshot-2026-12-01-090507");
  g_assert_true (vd_snapshot_check_name (suggested, snapshots, NULL));
}

/* What QEMU guests' disks allow, judged from their definitions. */
static void
test_modes (void)
{
  static const struct {
    const char *devices;
    const char *os;
    gboolean    internal_ok;
    gboolean    disk_only_ok;
    const char *internal_reason;
  } cases[] = {
    { "<disk type='file' device='disk'><driver name='qemu' type='qcow2'/>"
      "<source file='/i/a.qcow2'/><target dev='vda'/></disk>"
      "<disk type='file' device='cdrom'><driver name='qemu' type='raw'/>"
      "<source file='/i/x.iso'/><target dev='sda'/><readonly/></disk>",
      "", TRUE, TRUE, NULL },
    { "<disk type='file' device='disk'><driver name='qemu' type='qcow2'/>"
      "<source file='/i/a.qcow2'/><target dev='vda'/></disk>"
      "<disk type='block' device='disk'><driver name='qemu' type='raw'/>"
      "<source dev='/dev/sdz'/><target dev='vdb'/></disk>",
      "", FALSE, TRUE, "Internal snapshots need qcow2 disks, and disk vdb is raw." },
    /* A raw disk left out of snapshots does not count. */
    { "<disk type='file' device='disk' snapshot='no'><driver name='qemu' type='raw'/>"
      "<source file='/i/b.img'/><target dev='vdb'/></disk>",
      "", TRUE, FALSE, NULL },
    { "<disk type='network' device='disk'><driver name='qemu' type='raw'/>"
      "<source protocol='nbd' name='x'><host name='h'/></source><target dev='vda'/></disk>",
      "", FALSE, FALSE, "Internal snapshots need qcow2 disks, and disk vda is raw." },
    { "<disk type='file' device='disk'><driver name='qemu' type='qcow2'/>"
      "<source file='/i/a.qcow2'/><target dev='vda'/></disk>",
      "<loader readonly='yes' type='pflash'>/usr/share/OVMF/OVMF_CODE.fd</loader>", FALSE, TRUE,
      "Internal snapshots are not possible for guests with UEFI firmware in flash memory." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *xml = g_strdup_printf ("<domain type='qemu'><name>g</name><os>"
                                              "<type>hvm</type>%s</os><devices>%s</devices>"
                                              "</domain>", cases[i].os, cases[i].devices);
      g_autoptr(VdSnapshotList) judged = g_new0 (VdSnapshotList, 1);

      vd_snapshot_list_judge_domain_xml (judged, xml);
      g_assert_cmpint (judged->internal_ok, ==, cases[i].internal_ok);
      g_assert_cmpint (judged->disk_only_ok, ==, cases[i].disk_only_ok);
      g_assert_cmpstr (judged->internal_reason, ==, cases[i].internal_reason);
      g_assert_true (judged->disk_only_ok == (judged->disk_only_reason == NULL));
    }
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
  g_test_init (&argc, &argv, NULL);
  gvir_init_object_check (NULL, NULL, NULL);

  g_test_add ("/vd/snapshot/create-tree", Fixture, NULL, fixture_setup, test_create_tree,
              fixture_teardown);
  g_test_add ("/vd/snapshot/revert", Fixture, NULL, fixture_setup, test_revert,
              fixture_teardown);
  g_test_add ("/vd/snapshot/delete", Fixture, NULL, fixture_setup, test_delete,
              fixture_teardown);
  g_test_add ("/vd/snapshot/describe", Fixture, NULL, fixture_setup, test_describe,
              fixture_teardown);
  g_test_add ("/vd/snapshot/names", Fixture, NULL, fixture_setup, test_names,
              fixture_teardown);
  g_test_add_func ("/vd/snapshot/modes", test_modes);

  status = g_test_run ();
  remove_tree (cache);

  return status;
}
