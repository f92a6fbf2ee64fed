/* test-volume-ops.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libvirt-gobject/libvirt-gobject.h>

#include "vd-connection-host.h"
#include "vd-error.h"
#include "vd-storage-volume.h"
#include "../vd-test-util.h"

/* Volume operations on a test-driver host (host.xml). libvirt 9.0's test
 * driver implements virStorageVolCreateXMLFrom only: clone is tested here
 * for real, resize, wipe, upload and download for their checks and for
 * how a driver's refusal is reported (tests/e2e/test-storage.c runs them
 * against a real libvirtd). */

typedef struct
{
  VdConnection *connection;
  VdStoragePool *pool;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *uri = vd_test_fixture_uri ("host.xml");

  fixture->connection = vd_test_open (uri);
  VD_TEST_WAIT_UNTIL (vd_connection_get_host_loaded (fixture->connection), 30);
  fixture->pool = vd_connection_find_pool (fixture->connection, "default");
  g_assert_nonnull (fixture->pool);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  vd_connection_disconnect (fixture->connection);
  g_clear_object (&fixture->connection);
}

/* What libvirt says about a volume of the pool: its capacity and format
 * from the XML, or FALSE when it does not exist. */
static gboolean
libvirt_volume (Fixture     *fixture,
                const char  *name,
                guint64     *capacity,
                char       **xml)
{
  virStoragePoolPtr pool = virStoragePoolLookupByName (vd_connection_get_handle (fixture->connection),
                                                       "default");
  virStorageVolPtr vol = virStorageVolLookupByName (pool, name);
  virStorageVolInfo info;

  virStoragePoolFree (pool);
  if (vol == NULL)
    {
      virResetLastError ();
      return FALSE;
    }
  g_assert_cmpint (virStorageVolGetInfo (vol, &info), ==, 0);
  if (capacity != NULL)
    *capacity = info.capacity;
  if (xml != NULL)
    {
      char *text = virStorageVolGetXMLDesc (vol, 0);
      *xml = g_strdup (text);
      free (text);
    }
  virStorageVolFree (vol);
  return TRUE;
}

typedef gboolean (*FinishFunc) (VdStorageVolume *, GAsyncResult *, GError **);

static gboolean
wait_finish (VdStorageVolume  *volume,
             GAsyncResult    **result,
             FinishFunc        finish,
             GError          **error)
{
  VD_TEST_WAIT_RESULT (*result);
  return finish (volume, *result, error);
}

static void
test_clone (Fixture       *fixture,
            gconstpointer  data)
{
  VdStorageVolume *web = vd_storage_pool_find_volume (fixture->pool, "web.qcow2");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = NULL;
  VdStorageVolume *copy;
  guint64 capacity = 0;

  vd_storage_volume_clone_async (web, "web-copy.qcow2", NULL, NULL, vd_test_async_result_cb,
                                 &result);
  g_assert_true (vd_storage_volume_get_busy (web));
  g_assert_true (wait_finish (web, &result, vd_storage_volume_clone_finish, &error));
  g_assert_no_error (error);
  g_assert_false (vd_storage_volume_get_busy (web));
  g_assert_null (vd_storage_volume_get_last_error (web));

  /* Listed at once (the pool was re-read) and real in libvirt. */
  copy = vd_storage_pool_find_volume (fixture->pool, "web-copy.qcow2");
  g_assert_nonnull (copy);
  g_assert_cmpuint (vd_storage_volume_get_capacity (copy), ==, 21474836480);
  g_assert_true (libvirt_volume (fixture, "web-copy.qcow2", &capacity, &xml));
  g_assert_cmpuint (capacity, ==, 21474836480);
  g_assert_cmpuint (g_list_model_get_n_items (vd_storage_pool_get_volumes (fixture->pool)), ==, 4);

  /* Another format: libvirt is asked for it. */
  g_clear_object (&result);
  vd_storage_volume_clone_async (web, "web.raw", "raw", NULL, vd_test_async_result_cb, &result);
  g_assert_true (wait_finish (web, &result, vd_storage_volume_clone_finish, &error));
  g_assert_no_error (error);
  g_assert_nonnull (vd_storage_pool_find_volume (fixture->pool, "web.raw"));
  g_assert_true (libvirt_volume (fixture, "web.raw", NULL, NULL));
}

static void
test_clone_name (Fixture       *fixture,
                 gconstpointer  data)
{
  VdStorageVolume *web = vd_storage_pool_find_volume (fixture->pool, "web.qcow2");
  const char *bad[] = { "", "a/b", ".hidden", "spare.qcow2", "web.qcow2" };
  g_autofree char *ok = vd_storage_volume_check_clone_name (web, "fresh.qcow2");
  g_autofree char *taken = vd_storage_volume_check_clone_name (web, "spare.qcow2");

  g_assert_null (ok);
  g_assert_nonnull (strstr (taken, "already has a volume called “spare.qcow2”"));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *message = vd_storage_volume_check_clone_name (web, bad[i]);

      g_assert_nonnull (message);
      vd_storage_volume_clone_async (web, bad[i], NULL, NULL, vd_test_async_result_cb, &result);
      g_assert_false (vd_storage_volume_get_busy (web));
      g_assert_false (wait_finish (web, &result, vd_storage_volume_clone_finish, &error));
      g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT);
      g_assert_nonnull (strstr (error->message, message));
    }
  g_assert_cmpuint (g_list_model_get_n_items (vd_storage_pool_get_volumes (fixture->pool)), ==, 3);
}

/* A clone cancelled while libvirt copies is removed again. */
static void
test_clone_cancel (Fixture       *fixture,
                   gconstpointer  data)
{
  VdStorageVolume *web = vd_storage_pool_find_volume (fixture->pool, "web.qcow2");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  vd_storage_volume_clone_async (web, "gone.qcow2", NULL, cancellable, vd_test_async_result_cb,
                                 &result);
  g_cancellable_cancel (cancellable);
  g_assert_false (wait_finish (web, &result, vd_storage_volume_clone_finish, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (vd_storage_volume_get_busy (web));
  g_assert_null (vd_storage_volume_get_last_error (web));
  g_assert_null (vd_storage_pool_find_volume (fixture->pool, "gone.qcow2"));
  g_assert_false (libvirt_volume (fixture, "gone.qcow2", NULL, NULL));
}

static void
test_resize_check (Fixture       *fixture,
                   gconstpointer  data)
{
  VdStorageVolume *web = vd_storage_pool_find_volume (fixture->pool, "web.qcow2");
  guint64 capacity = vd_storage_volume_get_capacity (web);
  guint64 allocation = vd_storage_volume_get_allocation (web);
  g_autofree char *grow = vd_storage_volume_check_resize (web, capacity * 2, 0);
  g_autofree char *same = vd_storage_volume_check_resize (web, capacity, 0);
  g_autofree char *zero = vd_storage_volume_check_resize (web, 0, VD_STORAGE_VOLUME_RESIZE_SHRINK);
  g_autofree char *smaller = vd_storage_volume_check_resize (web, capacity - 1, 0);
  g_autofree char *confirmed = vd_storage_volume_check_resize (web, capacity - 1,
                                                               VD_STORAGE_VOLUME_RESIZE_SHRINK);
  g_autofree char *below = vd_storage_volume_check_resize (web, allocation / 2,
                                                           VD_STORAGE_VOLUME_RESIZE_SHRINK);

  g_assert_cmpuint (allocation, >, 0);
  g_assert_null (grow);
  g_assert_nonnull (strstr (same, "already has this capacity"));
  g_assert_nonnull (zero);
  g_assert_nonnull (strstr (smaller, "“Shrink”"));
  g_assert_null (confirmed);
  /* With the confirmation, even below the allocation is the user's call. */
  g_assert_null (below);
}

/* The test driver has no resize, wipe or streams: its refusal comes back
 * in our words around libvirt's, is recorded on the volume, and the
 * volume is usable again. */
static void
test_unsupported (Fixture       *fixture,
                  gconstpointer  data)
{
  VdStorageVolume *shared = vd_storage_pool_find_volume (fixture->pool, "shared.raw");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  vd_storage_volume_resize_async (shared, 20 * (guint64)1 << 30, 0, NULL,
                                  vd_test_async_result_cb, &result);
  g_assert_false (wait_finish (shared, &result, vd_storage_volume_resize_finish, &error));
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, "Failed to resize the volume “shared.raw”: "));
  g_assert_nonnull (strstr (error->message, "virStorageVolResize"));
  g_assert_cmpstr (vd_storage_volume_get_last_error (shared), ==, error->message);
  g_assert_false (vd_storage_volume_get_busy (shared));

  g_clear_object (&result);
  g_clear_error (&error);
  vd_storage_volume_wipe_async (shared, VIR_STORAGE_VOL_WIPE_ALG_ZERO, NULL,
                                vd_test_async_result_cb, &result);
  g_assert_false (wait_finish (shared, &result, vd_storage_volume_wipe_finish, &error));
  g_assert_true (g_str_has_prefix (error->message, "Failed to wipe the volume “shared.raw”: "));
  g_assert_nonnull (strstr (error->message, "virStorageVolWipe"));
}

static void
progress_cb (guint64  done,
             guint64  total,
             gpointer user_data)
{
  (*(guint *)user_data)++;
}

static void
test_upload_checks (Fixture       *fixture,
                    gconstpointer  data)
{
  VdStorageVolume *shared = vd_storage_pool_find_volume (fixture->pool, "shared.raw");
  g_autofree char *dir = g_dir_make_tmp ("vd-volume-ops-XXXXXX", NULL);
  g_autofree char *small = g_build_filename (dir, "small.img", NULL);
  g_autofree char *huge = g_build_filename (dir, "huge.img", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.img", NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  guint reports = 0;
  FILE *file;

  g_assert_true (g_file_set_contents (small, "hello", -1, NULL));
  /* A sparse file one byte larger than the 10 GiB volume. */
  file = fopen (huge, "w");
  g_assert_nonnull (file);
  g_assert_cmpint (ftruncate (fileno (file), 10737418240 + 1), ==, 0);
  fclose (file);

  vd_storage_volume_upload_async (shared, huge, progress_cb, &reports, NULL,
                                  vd_test_async_result_cb, &result);
  g_assert_false (wait_finish (shared, &result, vd_storage_volume_upload_finish, &error));
  g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "more than the volume’s capacity of"));
  g_assert_nonnull (strstr (error->message, "(10737418240 bytes)"));
  g_assert_cmpuint (reports, ==, 0);

  g_clear_object (&result);
  g_clear_error (&error);
  vd_storage_volume_upload_async (shared, missing, NULL, NULL, NULL, vd_test_async_result_cb,
                                  &result);
  g_assert_false (wait_finish (shared, &result, vd_storage_volume_upload_finish, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);

  /* A file that fits reaches libvirt, which has no upload here. */
  g_clear_object (&result);
  g_clear_error (&error);
  vd_storage_volume_upload_async (shared, small, progress_cb, &reports, NULL,
                                  vd_test_async_result_cb, &result);
  g_assert_false (wait_finish (shared, &result, vd_storage_volume_upload_finish, &error));
  g_assert_nonnull (strstr (error->message, "virStorageVolUpload"));

  /* A refused download leaves nothing behind. */
  g_clear_object (&result);
  g_clear_error (&error);
  vd_storage_volume_download_async (shared, missing, progress_cb, &reports, NULL,
                                    vd_test_async_result_cb, &result);
  g_assert_false (wait_finish (shared, &result, vd_storage_volume_download_finish, &error));
  g_assert_nonnull (strstr (error->message, "Failed to download the volume “shared.raw” to"));
  g_assert_nonnull (strstr (error->message, "virStorageVolDownload"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  {
    g_autoptr(GDir) listing = g_dir_open (dir, 0, NULL);
    guint n = 0;

    while (g_dir_read_name (listing) != NULL)
      n++;
    g_assert_cmpuint (n, ==, 2);
  }

  g_unlink (small);
  g_unlink (huge);
  g_rmdir (dir);
}

/* One operation at a time per volume. */
static void
test_busy (Fixture       *fixture,
           gconstpointer  data)
{
  VdStorageVolume *web = vd_storage_pool_find_volume (fixture->pool, "web.qcow2");
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(GError) error = NULL;

  vd_storage_volume_clone_async (web, "one.qcow2", NULL, NULL, vd_test_async_result_cb, &first);
  vd_storage_volume_resize_async (web, 1 << 20, VD_STORAGE_VOLUME_RESIZE_SHRINK, NULL,
                                  vd_test_async_result_cb, &second);
  g_assert_false (wait_finish (web, &second, vd_storage_volume_resize_finish, &error));
  g_assert_error (error, VD_ERROR, VD_ERROR_BUSY);
  g_assert_nonnull (strstr (error->message, "another operation on this volume"));
  g_clear_error (&error);
  g_assert_true (wait_finish (web, &first, vd_storage_volume_clone_finish, &error));
  g_assert_no_error (error);
}

static void
test_not_listed (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(VdStorageVolume) spare =
    g_object_ref (vd_storage_pool_find_volume (fixture->pool, "spare.qcow2"));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  vd_storage_volume_delete_async (spare, NULL, vd_test_async_result_cb, &result);
  g_assert_true (wait_finish (spare, &result, vd_storage_volume_delete_finish, &error));
  g_clear_object (&result);

  vd_storage_volume_wipe_async (spare, VIR_STORAGE_VOL_WIPE_ALG_ZERO, NULL,
                                vd_test_async_result_cb, &result);
  g_assert_false (wait_finish (spare, &result, vd_storage_volume_wipe_finish, &error));
  g_assert_error (error, VD_ERROR, VD_ERROR_NOT_CONNECTED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gvir_init_object_check (NULL, NULL, NULL);

#define ADD(path, func) \
  g_test_add ("/vd/volume-ops/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("clone", test_clone);
  ADD ("clone-name", test_clone_name);
  ADD ("clone-cancel", test_clone_cancel);
  ADD ("resize-check", test_resize_check);
  ADD ("unsupported", test_unsupported);
  ADD ("upload-checks", test_upload_checks);
  ADD ("busy", test_busy);
  ADD ("not-listed", test_not_listed);

  return g_test_run ();
}
