/* test-storage.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <libvirt-gobject/libvirt-gobject.h>

#include "../vd-test-util.h"
#include "vd-connection-host.h"
#include "vd-e2e-util.h"
#include "vd-error.h"
#include "vd-storage-volume.h"

/*
 * End-to-end: the volume operations libvirt's test driver lacks (resize,
 * wipe, upload and download through streams), plus a clone with another
 * format, on a real libvirtd (tests/e2e/vd-e2e-daemon) with a transient
 * dir pool named vd-e2e-<pid> in a directory of VD_E2E_IMAGE_DIR, holding
 * a qcow2 volume made with qemu-img and raw files made here.
 */

#define WAIT_SECONDS 60
#define MiB ((guint64)1 << 20)

typedef struct
{
  VdConnection  *connection;
  char          *pool_name;
  char          *dir;
  VdStoragePool *pool;
} Fixture;

static void
write_pattern (const char *path,
               gsize       size,
               guint8      byte)
{
  g_autofree guint8 *bytes = g_malloc (size);

  memset (bytes, byte, size);
  g_assert_true (g_file_set_contents (path, (const char *)bytes, size, NULL));
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  const char *uri = vd_e2e_require_env ("VD_E2E_SYSTEM_URI");
  const char *image_dir = vd_e2e_require_env ("VD_E2E_IMAGE_DIR");
  g_autofree char *qcow2 = NULL;
  g_autofree char *raw = NULL;
  g_autofree char *big = NULL;
  g_autofree char *xml = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "qemu-img", "create", "-q", "-f", "qcow2", NULL, "16M", NULL };
  virStoragePoolPtr pool;
  int status = -1;
  FILE *file;

  fixture->pool_name = g_strdup_printf ("vd-e2e-%d", (int)getpid ());
  fixture->dir = g_build_filename (image_dir, fixture->pool_name, NULL);
  g_assert_cmpint (g_mkdir_with_parents (fixture->dir, 0755), ==, 0);

  qcow2 = g_build_filename (fixture->dir, "disk.qcow2", NULL);
  argv[5] = qcow2;
  if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                     &status, &error) || !g_spawn_check_wait_status (status, &error))
    g_error ("qemu-img failed: %s", error->message);
  raw = g_build_filename (fixture->dir, "data.raw", NULL);
  write_pattern (raw, 4 * MiB, 0xab);
  big = g_build_filename (fixture->dir, "big.raw", NULL);
  file = fopen (big, "w");
  g_assert_nonnull (file);
  g_assert_cmpint (ftruncate (fileno (file), 512 * MiB), ==, 0);
  fclose (file);

  fixture->connection = vd_test_open (uri);
  VD_TEST_WAIT_UNTIL (vd_connection_get_host_loaded (fixture->connection), WAIT_SECONDS);

  xml = g_strdup_printf ("<pool type='dir'><name>%s</name><target><path>%s</path></target></pool>",
                         fixture->pool_name, fixture->dir);
  pool = virStoragePoolCreateXML (vd_connection_get_handle (fixture->connection), xml, 0);
  if (pool == NULL)
    g_error ("virStoragePoolCreateXML failed: %s", virGetLastErrorMessage ());
  virStoragePoolFree (pool);

  /* The lifecycle event brings it in with its volumes. */
  VD_TEST_WAIT_UNTIL (vd_connection_find_pool (fixture->connection, fixture->pool_name) != NULL &&
                      vd_storage_pool_find_volume (vd_connection_find_pool (fixture->connection,
                                                                            fixture->pool_name),
                                                   "big.raw") != NULL,
                      WAIT_SECONDS);
  fixture->pool = vd_connection_find_pool (fixture->connection, fixture->pool_name);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  virStoragePoolPtr pool = virStoragePoolLookupByName (vd_connection_get_handle (fixture->connection),
                                                       fixture->pool_name);
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (pool != NULL)
    {
      virStoragePoolDestroy (pool);
      virStoragePoolFree (pool);
    }
  vd_connection_disconnect (fixture->connection);
  g_clear_object (&fixture->connection);

  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->pool_name);
}

static char *
path_in (Fixture    *fixture,
         const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

typedef gboolean (*FinishFunc) (VdStorageVolume *, GAsyncResult *, GError **);

static gboolean
wait_finish (VdStorageVolume  *volume,
             GAsyncResult    **result,
             FinishFunc        finish,
             GError          **error)
{
  VD_TEST_WAIT_UNTIL (*result != NULL, WAIT_SECONDS);
  return finish (volume, *result, error);
}

static guint64
libvirt_capacity (Fixture    *fixture,
                  const char *name)
{
  virStoragePoolPtr pool = virStoragePoolLookupByName (vd_connection_get_handle (fixture->connection),
                                                       fixture->pool_name);
  virStorageVolPtr vol = virStorageVolLookupByName (pool, name);
  virStorageVolInfo info;

  g_assert_nonnull (vol);
  g_assert_cmpint (virStorageVolGetInfo (vol, &info), ==, 0);
  virStorageVolFree (vol);
  virStoragePoolFree (pool);
  return info.capacity;
}

static void
test_resize (Fixture       *fixture,
             gconstpointer  data)
{
  VdStorageVolume *disk = vd_storage_pool_find_volume (fixture->pool, "disk.qcow2");
  VdStorageVolume *raw = vd_storage_pool_find_volume (fixture->pool, "data.raw");
  VdStorageVolume *big = vd_storage_pool_find_volume (fixture->pool, "big.raw");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (vd_storage_volume_get_capacity (disk), ==, 16 * MiB);
  g_assert_null (vd_storage_volume_check_resize (disk, 32 * MiB, 0));
  vd_storage_volume_resize_async (disk, 32 * MiB, 0, NULL, vd_test_async_result_cb, &result);
  if (!wait_finish (disk, &result, vd_storage_volume_resize_finish, &error))
    g_error ("resize failed: %s", error->message);
  g_assert_cmpuint (vd_storage_volume_get_capacity (disk), ==, 32 * MiB);
  g_assert_cmpuint (libvirt_capacity (fixture, "disk.qcow2"), ==, 32 * MiB);

  /* Shrinking below what is allocated: confirmed, but libvirt refuses,
   * and its reason is the message. */
  g_clear_object (&result);
  vd_storage_volume_resize_async (raw, 2 * MiB, VD_STORAGE_VOLUME_RESIZE_SHRINK, NULL,
                                  vd_test_async_result_cb, &result);
  g_assert_false (wait_finish (raw, &result, vd_storage_volume_resize_finish, &error));
  g_assert_true (g_str_has_prefix (error->message, "Failed to resize the volume “data.raw”: "));
  g_assert_nonnull (strstr (error->message, "below existing allocation"));
  g_assert_cmpstr (vd_storage_volume_get_last_error (raw), ==, error->message);
  g_assert_cmpuint (libvirt_capacity (fixture, "data.raw"), ==, 4 * MiB);
  g_clear_error (&error);

  /* A sparse file shrinks when confirmed ... */
  g_clear_object (&result);
  vd_storage_volume_resize_async (big, 256 * MiB, VD_STORAGE_VOLUME_RESIZE_SHRINK, NULL,
                                  vd_test_async_result_cb, &result);
  if (!wait_finish (big, &result, vd_storage_volume_resize_finish, &error))
    g_error ("shrink failed: %s", error->message);
  g_assert_cmpuint (vd_storage_volume_get_capacity (big), ==, 256 * MiB);
  g_assert_cmpuint (libvirt_capacity (fixture, "big.raw"), ==, 256 * MiB);

  /* ... and not without the confirmation: libvirt says why. */
  g_clear_object (&result);
  vd_storage_volume_resize_async (big, 128 * MiB, 0, NULL, vd_test_async_result_cb, &result);
  g_assert_false (wait_finish (big, &result, vd_storage_volume_resize_finish, &error));
  g_assert_true (g_str_has_prefix (error->message, "Failed to resize the volume “big.raw”: "));
  g_test_message ("%s", error->message);
  g_assert_cmpuint (libvirt_capacity (fixture, "big.raw"), ==, 256 * MiB);
}

static void
test_wipe (Fixture       *fixture,
           gconstpointer  data)
{
  VdStorageVolume *raw = vd_storage_pool_find_volume (fixture->pool, "data.raw");
  g_autofree char *path = path_in (fixture, "data.raw");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  vd_storage_volume_wipe_async (raw, VIR_STORAGE_VOL_WIPE_ALG_ZERO, NULL,
                                vd_test_async_result_cb, &result);
  g_assert_true (vd_storage_volume_get_busy (raw));
  if (!wait_finish (raw, &result, vd_storage_volume_wipe_finish, &error))
    g_error ("wipe failed: %s", error->message);
  g_assert_false (vd_storage_volume_get_busy (raw));

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, ==, 4 * MiB);
  for (gsize i = 0; i < length; i++)
    if (contents[i] != 0)
      g_error ("byte %" G_GSIZE_FORMAT " is %d after the wipe", i, contents[i]);
}

typedef struct
{
  guint         reports;
  guint64       last_done;
  guint64       total;
  GCancellable *cancel_on_first;
} Progress;

static void
progress_cb (guint64  done,
             guint64  total,
             gpointer user_data)
{
  Progress *progress = user_data;

  g_assert_cmpuint (done, >=, progress->last_done);
  progress->reports++;
  progress->last_done = done;
  progress->total = total;
  if (progress->cancel_on_first != NULL)
    g_cancellable_cancel (progress->cancel_on_first);
}

static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  VdStorageVolume *raw = vd_storage_pool_find_volume (fixture->pool, "data.raw");
  g_autofree char *local_dir = g_dir_make_tmp ("vd-e2e-storage-XXXXXX", NULL);
  g_autofree char *source = g_build_filename (local_dir, "source.bin", NULL);
  g_autofree char *target = g_build_filename (local_dir, "target.bin", NULL);
  g_autofree char *too_big = g_build_filename (local_dir, "too-big.bin", NULL);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sent = NULL;
  g_autofree char *received = NULL;
  Progress progress = { 0 };
  gsize sent_length = 0;
  gsize received_length = 0;
  GString *text = g_string_new (NULL);

  /* 3 MiB and a bit of text: more than one chunk, not a chunk multiple. */
  while (text->len < 3 * MiB + 12345)
    g_string_append_printf (text, "line %u of the upload\n", (guint)text->len);
  g_assert_true (g_file_set_contents (source, text->str, text->len, NULL));
  sent_length = text->len;
  g_string_free (text, TRUE);

  vd_storage_volume_upload_async (raw, source, progress_cb, &progress, NULL,
                                  vd_test_async_result_cb, &result);
  if (!wait_finish (raw, &result, vd_storage_volume_upload_finish, &error))
    g_error ("upload failed: %s", error->message);
  g_assert_cmpuint (progress.reports, >=, 2);
  g_assert_cmpuint (progress.last_done, ==, sent_length);
  g_assert_cmpuint (progress.total, ==, sent_length);

  memset (&progress, 0, sizeof progress);
  g_clear_object (&result);
  vd_storage_volume_download_async (raw, target, progress_cb, &progress, NULL,
                                    vd_test_async_result_cb, &result);
  if (!wait_finish (raw, &result, vd_storage_volume_download_finish, &error))
    g_error ("download failed: %s", error->message);
  g_assert_cmpuint (progress.reports, >=, 2);
  g_assert_cmpuint (progress.last_done, ==, 4 * MiB);

  /* What came back starts with what went in; the rest is the 0xab the
   * volume held. */
  g_assert_true (g_file_get_contents (source, &sent, NULL, NULL));
  g_assert_true (g_file_get_contents (target, &received, &received_length, NULL));
  g_assert_cmpuint (received_length, ==, 4 * MiB);
  g_assert_cmpmem (received, sent_length, sent, sent_length);
  g_assert_cmpint ((guint8)received[received_length - 1], ==, 0xab);

  /* A file larger than the volume is refused before anything is sent. */
  write_pattern (too_big, 4 * MiB + 1, 0x11);
  g_clear_object (&result);
  g_clear_error (&error);
  vd_storage_volume_upload_async (raw, too_big, NULL, NULL, NULL, vd_test_async_result_cb,
                                  &result);
  g_assert_false (wait_finish (raw, &result, vd_storage_volume_upload_finish, &error));
  g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT);

  g_unlink (source);
  g_unlink (target);
  g_unlink (too_big);
  g_rmdir (local_dir);
}

/* Cancelled at the first progress report: the stream is aborted, no file
 * (partial or temporary) is left, and the volume is free again. */
static void
test_download_cancel (Fixture       *fixture,
                      gconstpointer  data)
{
  VdStorageVolume *big = vd_storage_pool_find_volume (fixture->pool, "big.raw");
  g_autofree char *local_dir = g_dir_make_tmp ("vd-e2e-storage-XXXXXX", NULL);
  g_autofree char *target = g_build_filename (local_dir, "big.bin", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) listing = NULL;
  Progress progress = { .cancel_on_first = cancellable };

  vd_storage_volume_download_async (big, target, progress_cb, &progress, cancellable,
                                    vd_test_async_result_cb, &result);
  g_assert_false (wait_finish (big, &result, vd_storage_volume_download_finish, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (progress.reports, >=, 1);
  g_assert_cmpuint (progress.total, ==, 512 * MiB);
  g_assert_false (vd_storage_volume_get_busy (big));
  g_assert_null (vd_storage_volume_get_last_error (big));

  listing = g_dir_open (local_dir, 0, NULL);
  g_assert_null (g_dir_read_name (listing));
  g_rmdir (local_dir);
}

static void
test_clone_format (Fixture       *fixture,
                   gconstpointer  data)
{
  VdStorageVolume *disk = vd_storage_pool_find_volume (fixture->pool, "disk.qcow2");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  VdStorageVolume *copy;

  vd_storage_volume_clone_async (disk, "copy.raw", "raw", NULL, vd_test_async_result_cb,
                                 &result);
  if (!wait_finish (disk, &result, vd_storage_volume_clone_finish, &error))
    g_error ("clone failed: %s", error->message);
  copy = vd_storage_pool_find_volume (fixture->pool, "copy.raw");
  g_assert_nonnull (copy);
  g_assert_cmpstr (vd_storage_volume_get_format (copy), ==, "raw");
  g_assert_cmpuint (vd_storage_volume_get_capacity (copy), ==, 16 * MiB);
  g_assert_cmpuint (libvirt_capacity (fixture, "copy.raw"), ==, 16 * MiB);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gvir_init_object_check (NULL, NULL, NULL);

#define ADD(path, func) \
  g_test_add ("/vd/e2e/storage/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("resize", test_resize);
  ADD ("wipe", test_wipe);
  ADD ("round-trip", test_round_trip);
  ADD ("download-cancel", test_download_cancel);
  ADD ("clone-format", test_clone_format);

  return g_test_run ();
}
