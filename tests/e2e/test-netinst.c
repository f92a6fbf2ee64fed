/* test-netinst.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libvirt-gobject/libvirt-gobject.h>
#include <libvirt/libvirt.h>
#include <string.h>
#include <unistd.h>

#include "vd-connection-host.h"
#include "vd-install-spec.h"
#include "vd-url-install.h"
#include "../vd-test-http.h"
#include "../vd-test-util.h"
#include "vd-e2e-util.h"

/*
 * End-to-end network install on the real daemon: an install tree served
 * over HTTP on loopback whose kernel and initrd are the tiny Linux guest's
 * (tests/e2e/build-tiny-guest), read by libosinfo, then a guest created
 * from it in a dir pool of its own: the kernel and initrd downloaded,
 * uploaded through libvirt streams and booted by QEMU (which refuses a
 * kernel it cannot load), the running guest's live XML with <kernel>,
 * <initrd> and <cmdline>, its persistent XML without them (boot from the
 * disk), and the two volumes gone once it runs. Guest and pool are
 * vd-e2e-netinst-<pid>; the harness removes vd-e2e-* guests left by a
 * failed run.
 */

#define WAIT_SECONDS 60

typedef struct
{
  VdConnection *connection;
  VdTestHttp   *http;
  char         *tree;      /* the served tree's directory */
  char         *pool_name;
  char         *pool_dir;
} Fixture;

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) target = g_file_new_for_path (to);
  g_autoptr(GError) error = NULL;

  if (!g_file_copy (source, target, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error))
    g_error ("copying %s: %s", from, error->message);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  const char *cache = vd_e2e_require_env ("VD_E2E_TINY_CACHE");
  const char *script = vd_e2e_require_env ("VD_E2E_BUILD_TINY_GUEST");
  const char *image_dir = vd_e2e_require_env ("VD_E2E_IMAGE_DIR");
  const char *argv[] = { script, cache, NULL };
  g_autofree char *images = NULL;
  g_autofree char *xml = NULL;
  g_autoptr(GError) error = NULL;
  virStoragePoolPtr pool;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                     &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("building the tiny guest failed: %s", error->message);

  /* The Fedora 36 tree of tests/data with the tiny guest's files. */
  fixture->tree = g_dir_make_tmp ("vd-e2e-netinst-XXXXXX", &error);
  g_assert_no_error (error);
  images = g_build_filename (fixture->tree, "images", "pxeboot", NULL);
  g_assert_cmpint (g_mkdir_with_parents (images, 0755), ==, 0);
  {
    g_autofree char *treeinfo = g_build_filename (fixture->tree, ".treeinfo", NULL);
    g_autofree char *kernel = g_build_filename (images, "vmlinuz", NULL);
    g_autofree char *initrd = g_build_filename (images, "initrd.img", NULL);
    g_autofree char *tiny_kernel = g_build_filename (cache, "vmlinuz", NULL);
    g_autofree char *tiny_initrd = g_build_filename (cache, "initrd.img", NULL);

    copy_file (VD_TEST_DATA_DIR "/url-tree/.treeinfo", treeinfo);
    copy_file (tiny_kernel, kernel);
    copy_file (tiny_initrd, initrd);
  }
  fixture->http = vd_test_http_start_dir (fixture->tree);

  fixture->connection = vd_test_open (vd_e2e_require_env ("VD_E2E_SYSTEM_URI"));
  VD_TEST_WAIT_UNTIL (vd_connection_get_host_loaded (fixture->connection), WAIT_SECONDS);

  fixture->pool_name = g_strdup_printf ("vd-e2e-netinst-%d", (int)getpid ());
  fixture->pool_dir = g_build_filename (image_dir, fixture->pool_name, NULL);
  g_assert_cmpint (g_mkdir_with_parents (fixture->pool_dir, 0755), ==, 0);
  xml = g_strdup_printf ("<pool type='dir'><name>%s</name><target><path>%s</path></target></pool>",
                         fixture->pool_name, fixture->pool_dir);
  pool = virStoragePoolCreateXML (vd_connection_get_handle (fixture->connection), xml, 0);
  if (pool == NULL)
    g_error ("virStoragePoolCreateXML failed: %s", virGetLastErrorMessage ());
  virStoragePoolFree (pool);
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

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  virConnectPtr conn = vd_connection_get_handle (fixture->connection);
  virStoragePoolPtr pool = virStoragePoolLookupByName (conn, fixture->pool_name);

  if (pool != NULL)
    {
      virStoragePoolDestroy (pool);
      virStoragePoolFree (pool);
    }
  vd_connection_disconnect (fixture->connection);
  g_clear_object (&fixture->connection);
  remove_tree (fixture->pool_dir);
  vd_test_http_stop (fixture->http);
  remove_tree (fixture->tree);
  g_free (fixture->tree);
  g_free (fixture->pool_name);
  g_free (fixture->pool_dir);
}

static gboolean
volume_exists (virConnectPtr  conn,
               const char    *pool_name,
               const char    *name)
{
  virStoragePoolPtr pool = virStoragePoolLookupByName (conn, pool_name);
  virStorageVolPtr vol;

  g_assert_nonnull (pool);
  g_assert_cmpint (virStoragePoolRefresh (pool, 0), ==, 0);
  vol = virStorageVolLookupByName (pool, name);
  virStoragePoolFree (pool);
  if (vol == NULL)
    {
      virResetLastError ();
      return FALSE;
    }
  virStorageVolFree (vol);
  return TRUE;
}

static char *
read_tree (const char *url)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VdUrlTree) tree = NULL;

  vd_url_tree_read_async (url, NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_UNTIL (result != NULL, WAIT_SECONDS);
  tree = vd_url_tree_read_finish (result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (tree->os);
  g_assert_cmpstr (tree->kernel, ==, "images/pxeboot/vmlinuz");
  return g_strdup (tree->install_arg);
}

static void
test_install (Fixture       *fixture,
              gconstpointer  data)
{
  virConnectPtr conn = vd_connection_get_handle (fixture->connection);
  g_autofree char *name = g_strdup_printf ("vd-e2e-netinst-%d", (int)getpid ());
  g_autofree char *kernel_volume = g_strdup_printf ("%s-kernel", name);
  g_autofree char *initrd_volume = g_strdup_printf ("%s-initrd", name);
  g_autofree char *disk_volume = g_strdup_printf ("%s.qcow2", name);
  g_autoptr(VdInstallSpec) spec = vd_install_spec_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *live = NULL;
  g_autofree char *persistent = NULL;
  g_autofree char *cmdline = NULL;
  g_autofree char *kernel_path = NULL;
  virDomainPtr domain;

  spec->method = VD_INSTALL_METHOD_URL;
  spec->url = vd_test_http_url (fixture->http, "");
  spec->install_arg = read_tree (spec->url);
  spec->tree_kernel = g_strdup ("images/pxeboot/vmlinuz");
  spec->tree_initrd = g_strdup ("images/pxeboot/initrd.img");
  spec->kernel_args = g_strdup ("console=ttyS0");
  spec->name = g_strdup (name);
  spec->memory = 128;
  spec->vcpus = 1;
  g_free (spec->disk_pool);
  spec->disk_pool = g_strdup (fixture->pool_name);
  spec->disk_size = 16 << 20;
  spec->net = VD_INSTALL_NET_NONE;

  vd_connection_create_domain_async (fixture->connection, spec, TRUE, NULL, NULL, NULL, NULL,
                                     vd_test_async_result_cb, &result);
  VD_TEST_WAIT_UNTIL (result != NULL, WAIT_SECONDS);
  uuid = vd_connection_create_domain_finish (fixture->connection, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (uuid);

  domain = virDomainLookupByUUIDString (conn, uuid);
  g_assert_nonnull (domain);
  /* QEMU loaded the uploaded kernel: it runs. */
  g_assert_cmpint (virDomainIsActive (domain), ==, 1);

  /* This boot is the install configuration... */
  live = virDomainGetXMLDesc (domain, 0);
  kernel_path = g_build_filename (fixture->pool_dir, kernel_volume, NULL);
  cmdline = g_strdup_printf ("<cmdline>inst.repo=%s console=ttyS0</cmdline>", spec->url);
  g_assert_nonnull (strstr (live, kernel_path));
  g_assert_nonnull (strstr (live, "<initrd>"));
  g_assert_nonnull (strstr (live, cmdline));
  g_assert_nonnull (strstr (live, "<on_reboot>destroy</on_reboot>"));
  /* ...the next one boots from the disk. */
  persistent = virDomainGetXMLDesc (domain, VIR_DOMAIN_XML_INACTIVE);
  g_assert_null (strstr (persistent, "<kernel>"));
  g_assert_null (strstr (persistent, "<initrd>"));
  g_assert_null (strstr (persistent, "<cmdline>"));
  g_assert_nonnull (strstr (persistent, "<boot dev=\"hd\"/>") ?
                    strstr (persistent, "<boot dev=\"hd\"/>") : strstr (persistent, "<boot dev='hd'/>"));
  g_assert_nonnull (strstr (persistent, "<on_reboot>restart</on_reboot>"));

  /* QEMU has read them: the install volumes are gone, the disk stays. */
  g_assert_false (volume_exists (conn, fixture->pool_name, kernel_volume));
  g_assert_false (volume_exists (conn, fixture->pool_name, initrd_volume));
  g_assert_true (volume_exists (conn, fixture->pool_name, disk_volume));

  g_assert_cmpint (virDomainDestroy (domain), ==, 0);
  g_assert_cmpint (virDomainUndefineFlags (domain, VIR_DOMAIN_UNDEFINE_NVRAM), ==, 0);
  virDomainFree (domain);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gvir_init_object_check (NULL, NULL, NULL);

  g_test_add ("/vd/e2e/netinst/install", Fixture, NULL, fixture_setup, test_install,
              fixture_teardown);

  return g_test_run ();
}
