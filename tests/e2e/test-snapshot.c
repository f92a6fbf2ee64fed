/* test-snapshot.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <unistd.h>

#include <glib/gstdio.h>
#include <libvirt-gobject/libvirt-gobject.h>

#include "../vd-test-util.h"
#include "vd-domain-snapshot.h"
#include "vd-e2e-util.h"

/*
 * End-to-end: snapshots on a real libvirtd with QEMU (software emulation),
 * started by tests/e2e/vd-e2e-daemon. A guest vd-e2e-snap-<pid> with one
 * small qcow2 disk (made with qemu-img in a directory of VD_E2E_IMAGE_DIR,
 * which QEMU's user can reach) and a VNC display: an internal snapshot of
 * it running, memory included, with the screen as thumbnail; then the
 * guest is forced off and reverted to the snapshot, which brings it back
 * running. Then a disk-only snapshot of it running: an external overlay,
 * no memory. The harness removes vd-e2e-* guests (and their snapshot
 * metadata) if the test aborts midway.
 */

/* savevm/loadvm of 64 MiB under TCG on a shared machine. */
#define WAIT_SECONDS 120

typedef void     (*ActionAsync)  (VdDomain *, GCancellable *, GAsyncReadyCallback, gpointer);
typedef gboolean (*ActionFinish) (VdDomain *, GAsyncResult *, GError **);

static void
run_ok (VdDomain     *domain,
        const char   *what,
        ActionAsync   async,
        ActionFinish  finish)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  async (domain, NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_UNTIL (result != NULL, WAIT_SECONDS);
  if (!finish (domain, result, &error))
    g_error ("%s failed: %s", what, error->message);
}

static VdSnapshotList *
list (VdDomain *domain)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  VdSnapshotList *ret;

  vd_domain_list_snapshots_async (domain, NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_UNTIL (result != NULL, WAIT_SECONDS);
  ret = vd_domain_list_snapshots_finish (domain, result, &error);
  if (ret == NULL)
    g_error ("listing failed: %s", error->message);

  return ret;
}

static int
libvirt_state (VdDomain *domain)
{
  int state = -1;

  g_assert_cmpint (virDomainGetState (vd_domain_get_handle (domain), &state, NULL, 0), ==, 0);

  return state;
}

typedef struct
{
  VdConnection *connection;
  VdDomain     *domain;
  char         *dir;
  char         *disk;
} Fixture;

/* A guest vd-e2e-snap-<pid> with one qcow2 disk and VNC, running. */
static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  const char *uri = vd_e2e_require_env ("VD_E2E_SYSTEM_URI");
  const char *image_dir = vd_e2e_require_env ("VD_E2E_IMAGE_DIR");
  g_autofree char *name = g_strdup_printf ("vd-e2e-snap-%d", (int)getpid ());
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = NULL;
  const char *qemu_img[] = { "qemu-img", "create", "-q", "-f", "qcow2", NULL, "16M", NULL };
  virDomainPtr dom;
  int status = 0;

  fixture->dir = g_build_filename (image_dir, name, NULL);
  fixture->disk = g_build_filename (fixture->dir, "disk.qcow2", NULL);
  qemu_img[5] = fixture->disk;
  g_assert_cmpint (g_mkdir_with_parents (fixture->dir, 0755), ==, 0);
  if (!g_spawn_sync (NULL, (char **)qemu_img, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                     &status, &error) || !g_spawn_check_wait_status (status, &error))
    g_error ("qemu-img failed: %s", error->message);
  g_assert_cmpint (g_chmod (fixture->disk, 0666), ==, 0);

  fixture->connection = vd_connection_new (uri);
  vd_connection_open_async (fixture->connection, NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_RESULT (result);
  if (!vd_connection_open_finish (fixture->connection, result, &error))
    g_error ("could not open %s: %s", uri, error->message);

  xml = g_strdup_printf ("<domain type='qemu'>"
                         "  <name>%s</name>"
                         "  <memory unit='MiB'>64</memory>"
                         "  <vcpu>1</vcpu>"
                         "  <os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/></os>"
                         "  <features><acpi/></features>"
                         "  <devices>"
                         "    <disk type='file' device='disk'>"
                         "      <driver name='qemu' type='qcow2'/>"
                         "      <source file='%s'/>"
                         "      <target dev='vda' bus='virtio'/>"
                         "    </disk>"
                         "    <graphics type='vnc' autoport='yes' listen='127.0.0.1'/>"
                         "  </devices>"
                         "</domain>", name, fixture->disk);
  dom = virDomainDefineXML (vd_connection_get_handle (fixture->connection), xml);
  if (dom == NULL)
    g_error ("virDomainDefineXML failed: %s", virGetLastErrorMessage ());
  virDomainFree (dom);
  VD_TEST_WAIT_UNTIL (vd_connection_find_domain_by_name (fixture->connection, name) != NULL,
                      WAIT_SECONDS);
  fixture->domain = g_object_ref (vd_connection_find_domain_by_name (fixture->connection, name));

  run_ok (fixture->domain, "start", vd_domain_start_async, vd_domain_start_finish);
  g_assert_cmpint (libvirt_state (fixture->domain), ==, VIR_DOMAIN_RUNNING);
}

/* The guest, its snapshot metadata and every file in its directory (the
 * disk and any overlay a disk-only snapshot made beside it). */
static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GAsyncResult) gone = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (vd_domain_get_active (fixture->domain))
    run_ok (fixture->domain, "force off", vd_domain_force_off_async, vd_domain_force_off_finish);
  vd_domain_delete_async (fixture->domain, VD_DOMAIN_DELETE_ALL_METADATA, NULL, NULL,
                          vd_test_async_result_cb, &gone);
  VD_TEST_WAIT_UNTIL (gone != NULL, WAIT_SECONDS);
  if (!vd_domain_delete_finish (fixture->domain, gone, &error))
    g_error ("guest delete failed: %s", error->message);
  g_clear_object (&fixture->domain);
  vd_connection_disconnect (fixture->connection);
  g_clear_object (&fixture->connection);

  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (fixture->dir), ==, 0);
  g_free (fixture->dir);
  g_free (fixture->disk);
}

static void
test_internal_running (Fixture       *fixture,
                       gconstpointer  data)
{
  VdDomain *domain = fixture->domain;
  g_autoptr(VdSnapshotList) before = NULL;
  g_autoptr(VdSnapshotList) after = NULL;
  VdSnapshot *snapshot;

  /* Its one disk is qcow2: both kinds are offered. */
  before = list (domain);
  g_assert_cmpuint (before->snapshots->len, ==, 0);
  g_assert_true (before->running);
  g_assert_true (before->internal_ok);
  g_assert_null (before->internal_reason);
  g_assert_true (before->disk_only_ok);

  {
    g_autoptr(GAsyncResult) created = NULL;
    g_autoptr(GError) create_error = NULL;
    gint64 begin = g_get_monotonic_time ();

    vd_domain_create_snapshot_async (domain, "vd-e2e-running", "while it ran",
                                     VD_SNAPSHOT_MODE_INTERNAL, NULL, vd_test_async_result_cb,
                                     &created);
    g_assert_true (vd_domain_get_busy (domain));
    VD_TEST_WAIT_UNTIL (created != NULL, WAIT_SECONDS);
    if (!vd_domain_create_snapshot_finish (domain, created, &create_error))
      g_error ("snapshot failed: %s", create_error->message);
    g_test_message ("internal snapshot took %.0f ms",
                    (g_get_monotonic_time () - begin) / 1000.0);
  }
  g_assert_cmpint (libvirt_state (domain), ==, VIR_DOMAIN_RUNNING);

  after = list (domain);
  g_assert_cmpuint (after->snapshots->len, ==, 1);
  snapshot = vd_snapshot_list_get_current (after);
  g_assert_nonnull (snapshot);
  g_assert_cmpstr (vd_snapshot_get_name (snapshot), ==, "vd-e2e-running");
  g_assert_cmpstr (vd_snapshot_get_state (snapshot), ==, "running");
  g_assert_cmpstr (vd_snapshot_get_description (snapshot), ==, "while it ran");
  g_assert_true (vd_snapshot_get_has_memory (snapshot));
  g_assert_false (vd_snapshot_get_is_external (snapshot));
  /* QEMU's screen (SeaBIOS) through virDomainScreenshot. */
  g_assert_nonnull (vd_snapshot_get_screenshot_path (snapshot));
  g_assert_true (g_file_test (vd_snapshot_get_screenshot_path (snapshot),
                              G_FILE_TEST_IS_REGULAR));

  /* Off, then back to the snapshot: running again, from its memory. */
  run_ok (domain, "force off", vd_domain_force_off_async, vd_domain_force_off_finish);
  g_assert_cmpint (libvirt_state (domain), ==, VIR_DOMAIN_SHUTOFF);
  {
    g_autoptr(GAsyncResult) reverted = NULL;
    g_autoptr(GError) revert_error = NULL;

    vd_domain_revert_snapshot_async (domain, "vd-e2e-running", NULL, vd_test_async_result_cb,
                                     &reverted);
    VD_TEST_WAIT_UNTIL (reverted != NULL, WAIT_SECONDS);
    if (!vd_domain_revert_snapshot_finish (domain, reverted, &revert_error))
      g_error ("revert failed: %s", revert_error->message);
  }
  g_assert_cmpint (libvirt_state (domain), ==, VIR_DOMAIN_RUNNING);
  VD_TEST_WAIT_UNTIL (vd_domain_get_state (domain) == VD_DOMAIN_STATE_RUNNING, WAIT_SECONDS);
  g_assert_cmpint (vd_domain_get_id (domain), >, 0);

  /* Delete it while the guest runs; then clean up. */
  {
    g_autoptr(GAsyncResult) deleted = NULL;
    g_autoptr(GError) delete_error = NULL;
    g_autoptr(VdSnapshotList) empty = NULL;

    vd_domain_delete_snapshot_async (domain, "vd-e2e-running", FALSE, NULL,
                                     vd_test_async_result_cb, &deleted);
    VD_TEST_WAIT_UNTIL (deleted != NULL, WAIT_SECONDS);
    if (!vd_domain_delete_snapshot_finish (domain, deleted, &delete_error))
      g_error ("delete failed: %s", delete_error->message);
    empty = list (domain);
    g_assert_cmpuint (empty->snapshots->len, ==, 0);
  }
}

/* Disk-only: an external overlay beside the disk, no memory. */
static void
test_disk_only_running (Fixture       *fixture,
                        gconstpointer  data)
{
  VdDomain *domain = fixture->domain;
  g_autoptr(VdSnapshotList) after = NULL;
  g_autoptr(GAsyncResult) created = NULL;
  g_autoptr(GError) error = NULL;
  VdSnapshot *snapshot;

  vd_domain_create_snapshot_async (domain, "vd-e2e-disks", NULL, VD_SNAPSHOT_MODE_DISK_ONLY, NULL,
                                   vd_test_async_result_cb, &created);
  VD_TEST_WAIT_UNTIL (created != NULL, WAIT_SECONDS);
  if (!vd_domain_create_snapshot_finish (domain, created, &error))
    g_error ("disk-only snapshot failed: %s", error->message);
  g_assert_cmpint (libvirt_state (domain), ==, VIR_DOMAIN_RUNNING);

  after = list (domain);
  g_assert_cmpuint (after->snapshots->len, ==, 1);
  snapshot = vd_snapshot_list_get_current (after);
  g_assert_cmpstr (vd_snapshot_get_name (snapshot), ==, "vd-e2e-disks");
  g_assert_cmpstr (vd_snapshot_get_state (snapshot), ==, "disk-snapshot");
  g_assert_false (vd_snapshot_get_has_memory (snapshot));
  g_assert_true (vd_snapshot_get_is_external (snapshot));
  g_assert_cmpstr (vd_snapshot_get_state_label (snapshot), ==, "Disks only");
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

  g_test_add ("/vd/e2e/snapshot/internal-running", Fixture, NULL, fixture_setup,
              test_internal_running, fixture_teardown);
  g_test_add ("/vd/e2e/snapshot/disk-only-running", Fixture, NULL, fixture_setup,
              test_disk_only_running, fixture_teardown);

  status = g_test_run ();
  remove_tree (cache);

  return status;
}
