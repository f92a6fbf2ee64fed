/* test-host.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include <libvirt-gobject/libvirt-gobject.h>

#include "vd-connection.h"
#include "vd-connection-host.h"
#include "vd-network.h"
#include "vd-network-spec.h"
#include "vd-pool-spec.h"
#include "vd-storage-pool.h"
#include "vd-storage-volume.h"
#include "vd-volume-spec.h"
#include "../vd-test-util.h"
#include "vd-e2e-util.h"

/*
 * End-to-end: what the Create Pool, Create Volume and Create Network
 * dialogs do, through the same core calls, on a real libvirtd
 * (tests/e2e/vd-e2e-daemon): a dir pool built by libvirt in a directory
 * that does not exist yet, a qcow2 volume in it that qemu-img reads back,
 * an fs pool on an ext4 image attached to a loop device (mounted on start,
 * unmounted on stop), an isolated network with DHCP (a real dnsmasq), each
 * started, stopped and deleted; the host's lists follow libvirt's events all along.
 * Objects are named vd-e2e-host-<pid>.
 */

#define WAIT_SECONDS 60

static VdConnection *
open_system (void)
{
  const char *uri = vd_e2e_require_env ("VD_E2E_SYSTEM_URI");
  g_autoptr(VdConnection) connection = vd_connection_new (uri);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  vd_connection_open_async (connection, NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_RESULT (result);
  if (!vd_connection_open_finish (connection, result, &error))
    g_error ("could not open %s: %s", uri, error->message);
  VD_TEST_WAIT_UNTIL (vd_connection_get_host_loaded (connection), WAIT_SECONDS);

  return g_steal_pointer (&connection);
}

/* Runs qemu-img info on @path; returns its JSON output. */
static char *
qemu_img_info (const char *path)
{
  const char *argv[] = { "qemu-img", "info", "--output=json", path, NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL,
                     &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("qemu-img info %s: %s", path, error->message);

  return out;
}

static void
test_dir_pool_and_qcow2 (void)
{
  g_autoptr(VdConnection) connection = open_system ();
  g_autofree char *name = g_strdup_printf ("vd-e2e-host-%d", (int)getpid ());
  g_autofree char *dir = g_build_filename (vd_e2e_require_env ("VD_E2E_IMAGE_DIR"), name, NULL);
  g_autoptr(VdPoolSpec) spec = vd_pool_spec_new ();
  g_autoptr(VdVolumeSpec) volume_spec = vd_volume_spec_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *info = NULL;
  VdStoragePool *pool;
  VdStorageVolume *volume;

  /* The directory does not exist: building the pool makes it. */
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
  g_free (spec->name);
  spec->name = g_strdup (name);
  spec->type = VD_POOL_TYPE_DIR;
  g_free (spec->target_path);
  spec->target_path = g_strdup (dir);
  spec->build = TRUE;
  g_assert_true (vd_pool_spec_validate (spec, vd_connection_get_pools (connection), &error));
  g_assert_no_error (error);

  vd_connection_create_pool_async (connection, spec, TRUE, FALSE, NULL,
                                   vd_test_async_result_cb, &result);
  VD_TEST_WAIT_UNTIL (result != NULL, WAIT_SECONDS);
  g_assert_true (vd_connection_create_pool_finish (connection, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_true (g_file_test (dir, G_FILE_TEST_IS_DIR));

  VD_TEST_WAIT_UNTIL ((pool = vd_connection_find_pool (connection, name)) != NULL &&
                      vd_storage_pool_get_active (pool), WAIT_SECONDS);
  g_assert_cmpstr (vd_storage_pool_get_pool_type (pool), ==, "dir");
  g_assert_cmpstr (vd_storage_pool_get_target_path (pool), ==, dir);

  /* A qcow2 volume of 64 MiB, as the Create Volume dialog makes it. */
  g_free (volume_spec->name);
  volume_spec->name = g_strdup ("disk.qcow2");
  g_free (volume_spec->format);
  volume_spec->format = g_strdup ("qcow2");
  volume_spec->capacity = 64 * 1024 * 1024;
  g_assert_true (vd_volume_spec_validate (volume_spec, pool, &error));
  g_assert_no_error (error);
  vd_storage_pool_create_volume_async (pool, volume_spec, NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_UNTIL (result != NULL, WAIT_SECONDS);
  g_assert_true (vd_storage_pool_create_volume_finish (pool, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  VD_TEST_WAIT_UNTIL ((volume = vd_storage_pool_find_volume (pool, "disk.qcow2")) != NULL,
                      WAIT_SECONDS);
  g_test_message ("volume at %s", vd_storage_volume_get_path (volume));
  info = qemu_img_info (vd_storage_volume_get_path (volume));
  g_test_message ("qemu-img: %s", info);
  g_assert_nonnull (strstr (info, "\"format\": \"qcow2\""));
  g_assert_nonnull (strstr (info, "\"virtual-size\": 67108864"));

  /* Stop, then delete with what it is made of: the directory goes (libvirt
   * refuses to remove one that still holds files, so the volume first). */
  g_assert_cmpint (g_unlink (vd_storage_volume_get_path (volume)), ==, 0);
  vd_storage_pool_refresh_async (pool, NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_UNTIL (result != NULL, WAIT_SECONDS);
  g_assert_true (vd_storage_pool_refresh_finish (pool, result, &error));
  g_clear_object (&result);

  vd_storage_pool_stop_async (pool, NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_UNTIL (result != NULL, WAIT_SECONDS);
  g_assert_true (vd_storage_pool_stop_finish (pool, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  VD_TEST_WAIT_UNTIL (!vd_storage_pool_get_active (pool), WAIT_SECONDS);

  vd_storage_pool_delete_async (pool, VD_STORAGE_POOL_DELETE_UNDERLYING, NULL,
                                vd_test_async_result_cb, &result);
  VD_TEST_WAIT_UNTIL (result != NULL, WAIT_SECONDS);
  g_assert_true (vd_storage_pool_delete_finish (pool, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  VD_TEST_WAIT_UNTIL (vd_connection_find_pool (connection, name) == NULL, WAIT_SECONDS);
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));

  vd_connection_disconnect (connection);
}

/* Runs a command; returns its standard output, stripped. */
static char *
run (const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL,
                     &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("%s: %s", argv[0], error->message);

  return g_strstrip (out);
}

static gboolean
is_mounted (const char *path)
{
  g_autofree char *mounts = NULL;
  g_autofree char *needle = g_strdup_printf (" %s ", path);

  g_assert_true (g_file_get_contents ("/proc/mounts", &mounts, NULL, NULL));
  return strstr (mounts, needle) != NULL;
}

/* A pre-formatted block device (an ext4 image on a loop device): libvirt
 * builds the mount point, mounts it on start, a volume is a file on it,
 * and stopping unmounts it. */
static void
test_fs_pool (void)
{
  g_autoptr(VdConnection) connection = open_system ();
  g_autofree char *name = g_strdup_printf ("vd-e2e-host-fs-%d", (int)getpid ());
  const char *images = vd_e2e_require_env ("VD_E2E_IMAGE_DIR");
  g_autofree char *image = g_strdup_printf ("%s/%s.img", images, name);
  g_autofree char *target = g_strdup_printf ("%s/%s-mnt", images, name);
  g_autofree char *device = NULL;
  g_autofree char *file = NULL;
  g_autoptr(VdPoolSpec) spec = vd_pool_spec_new ();
  g_autoptr(VdVolumeSpec) volume_spec = vd_volume_spec_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  VdStoragePool *pool;

  g_free (run ((const char *[]) { "truncate", "-s", "64M", image, NULL }));
  g_free (run ((const char *[]) { "mkfs.ext4", "-q", "-F", image, NULL }));
  device = run ((const char *[]) { "losetup", "--find", "--show", image, NULL });
  g_test_message ("%s on %s", image, device);

  g_free (spec->name);
  spec->name = g_strdup (name);
  spec->type = VD_POOL_TYPE_FS;
  g_free (spec->devices);
  spec->devices = g_strdup (device);
  g_free (spec->format);
  spec->format = g_strdup ("ext4");
  g_free (spec->target_path);
  spec->target_path = g_strdup (target);
  /* Build without overwriting: the mount point only, the file system stays. */
  spec->build = TRUE;
  spec->overwrite = FALSE;
  g_assert_true (vd_pool_spec_validate (spec, vd_connection_get_pools (connection), &error));
  g_assert_no_error (error);

  vd_connection_create_pool_async (connection, spec, TRUE, FALSE, NULL,
                                   vd_test_async_result_cb, &result);
  VD_TEST_WAIT_UNTIL (result != NULL, WAIT_SECONDS);
  g_assert_true (vd_connection_create_pool_finish (connection, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  VD_TEST_WAIT_UNTIL ((pool = vd_connection_find_pool (connection, name)) != NULL &&
                      vd_storage_pool_get_active (pool), WAIT_SECONDS);
  g_assert_cmpstr (vd_storage_pool_get_pool_type (pool), ==, "fs");
  g_assert_true (is_mounted (target));
  /* ext4 on 64 MiB: libvirt reports the mounted file system's size. */
  VD_TEST_WAIT_UNTIL (vd_storage_pool_get_capacity (pool) > 32 * 1024 * 1024, WAIT_SECONDS);

  g_free (volume_spec->name);
  volume_spec->name = g_strdup ("data.raw");
  g_free (volume_spec->format);
  volume_spec->format = g_strdup ("raw");
  volume_spec->capacity = 16 * 1024 * 1024;
  vd_storage_pool_create_volume_async (pool, volume_spec, NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_UNTIL (result != NULL, WAIT_SECONDS);
  g_assert_true (vd_storage_pool_create_volume_finish (pool, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  file = g_build_filename (target, "data.raw", NULL);
  g_assert_true (g_file_test (file, G_FILE_TEST_IS_REGULAR));

  vd_storage_pool_stop_async (pool, NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_UNTIL (result != NULL, WAIT_SECONDS);
  g_assert_true (vd_storage_pool_stop_finish (pool, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  VD_TEST_WAIT_UNTIL (!vd_storage_pool_get_active (pool), WAIT_SECONDS);
  g_assert_false (is_mounted (target));
  /* The volume stays on the device, not in the mount point. */
  g_assert_false (g_file_test (file, G_FILE_TEST_EXISTS));

  vd_storage_pool_delete_async (pool, VD_STORAGE_POOL_DELETE_NONE, NULL,
                                vd_test_async_result_cb, &result);
  VD_TEST_WAIT_UNTIL (result != NULL, WAIT_SECONDS);
  g_assert_true (vd_storage_pool_delete_finish (pool, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  VD_TEST_WAIT_UNTIL (vd_connection_find_pool (connection, name) == NULL, WAIT_SECONDS);

  g_free (run ((const char *[]) { "losetup", "--detach", device, NULL }));
  g_assert_cmpint (g_rmdir (target), ==, 0);
  g_assert_cmpint (g_unlink (image), ==, 0);
  vd_connection_disconnect (connection);
}

static void
test_isolated_network (void)
{
  g_autoptr(VdConnection) connection = open_system ();
  g_autofree char *name = g_strdup_printf ("vd-e2e-host-%d", (int)getpid ());
  g_autoptr(VdNetworkSpec) spec = vd_network_spec_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  VdNetwork *network;

  g_free (spec->name);
  spec->name = g_strdup (name);
  spec->forward_mode = VD_NETWORK_FORWARD_ISOLATED;
  spec->ipv4_enabled = TRUE;
  g_free (spec->ipv4);
  spec->ipv4 = g_strdup ("192.168.251.1/24");
  g_free (spec->dhcp4_start);
  spec->dhcp4_start = g_strdup ("192.168.251.100");
  g_free (spec->dhcp4_end);
  spec->dhcp4_end = g_strdup ("192.168.251.199");
  g_assert_true (vd_network_spec_validate (spec, vd_connection_get_networks (connection), &error));
  g_assert_no_error (error);

  /* Created and started: libvirt makes its bridge and runs dnsmasq. */
  vd_connection_create_network_async (connection, spec, TRUE, FALSE, NULL,
                                      vd_test_async_result_cb, &result);
  VD_TEST_WAIT_UNTIL (result != NULL, WAIT_SECONDS);
  g_assert_true (vd_connection_create_network_finish (connection, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  VD_TEST_WAIT_UNTIL ((network = vd_connection_find_network (connection, name)) != NULL &&
                      vd_network_get_active (network), WAIT_SECONDS);
  g_test_message ("bridge %s", vd_network_get_bridge (network));
  g_assert_nonnull (vd_network_get_bridge (network));
  {
    g_autofree char *sys = g_build_filename ("/sys/class/net", vd_network_get_bridge (network),
                                             NULL);

    g_assert_true (g_file_test (sys, G_FILE_TEST_IS_DIR));
  }

  vd_network_stop_async (network, NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_UNTIL (result != NULL, WAIT_SECONDS);
  g_assert_true (vd_network_stop_finish (network, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  VD_TEST_WAIT_UNTIL (!vd_network_get_active (network), WAIT_SECONDS);

  vd_network_start_async (network, NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_UNTIL (result != NULL, WAIT_SECONDS);
  g_assert_true (vd_network_start_finish (network, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  VD_TEST_WAIT_UNTIL (vd_network_get_active (network), WAIT_SECONDS);

  /* Deleting a running network stops it first. */
  vd_network_delete_async (network, NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_UNTIL (result != NULL, WAIT_SECONDS);
  g_assert_true (vd_network_delete_finish (network, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  VD_TEST_WAIT_UNTIL (vd_connection_find_network (connection, name) == NULL, WAIT_SECONDS);

  vd_connection_disconnect (connection);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gvir_init_object_check (NULL, NULL, NULL);

  g_test_add_func ("/vd/e2e/host/dir-pool-and-qcow2", test_dir_pool_and_qcow2);
  g_test_add_func ("/vd/e2e/host/fs-pool", test_fs_pool);
  g_test_add_func ("/vd/e2e/host/isolated-network", test_isolated_network);

  return g_test_run ();
}
