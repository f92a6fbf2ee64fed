/* test-url-install.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <libvirt-gobject/libvirt-gobject.h>
#include <libvirt/libvirt.h>
#include <string.h>

#include "vd-connection-host.h"
#include "vd-error.h"
#include "vd-install-spec.h"
#include "vd-url-install.h"
#include "../vd-test-http.h"
#include "../vd-test-util.h"

/* libosinfo's loader loses a few small blocks while reading its database
 * (tests/lsan.supp names the library); LeakSanitizer sees the library in
 * a leak's stack only when it unwinds slowly, a few frames deep. */
const char *__asan_default_options (void);

const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0:malloc_context_size=8";
}

/* Network install: an install tree served by a local HTTP server
 * (tests/vd-test-http-server.py over tests/data) read and identified by
 * libosinfo, or refused (404, nothing listening); a file downloaded, a
 * 404 and a Cancel during a slow download; the command line; creating a
 * guest on the test driver from a tree, which downloads the kernel and
 * stops where the test driver has no volume upload, a missing kernel and
 * a Cancel during the download, each leaving no volume and no guest. */

typedef struct
{
  VdTestHttp   *http;
  VdConnection *connection;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->http = vd_test_http_start ();
  fixture->connection = vd_test_open ("test:///default");
  VD_TEST_WAIT_UNTIL (vd_connection_get_host_loaded (fixture->connection), 30);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  vd_connection_disconnect (fixture->connection);
  g_clear_object (&fixture->connection);
  vd_test_http_stop (fixture->http);
}

static VdUrlTree *
read_tree (const char    *url,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  vd_url_tree_read_async (url, cancellable, vd_test_async_result_cb, &result);
  /* The first read loads libosinfo's database: minutes under ASan. */
  VD_TEST_WAIT_UNTIL (result != NULL, 250);
  return vd_url_tree_read_finish (result, error);
}

static void
test_tree (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *url = vd_test_http_url (fixture->http, "url-tree/");
  g_autofree char *missing = vd_test_http_url (fixture->http, "no-such-tree/");
  g_autofree char *closed = g_strdup_printf ("http://127.0.0.1:%u/tree/",
                                             vd_test_http_closed_port ());
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(VdUrlTree) tree = NULL;
  g_autoptr(GError) error = NULL;

  tree = read_tree (url, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tree->url, ==, url);
  g_assert_nonnull (tree->os);
  g_assert_cmpstr (osinfo_entity_get_id (OSINFO_ENTITY (tree->os)), ==,
                   "http://fedoraproject.org/fedora/36");
  g_assert_cmpstr (tree->kernel, ==, "images/pxeboot/vmlinuz");
  g_assert_cmpstr (tree->initrd, ==, "images/pxeboot/initrd.img");
  g_assert_cmpstr (tree->install_arg, ==, "inst.repo");
  g_clear_pointer (&tree, vd_url_tree_free);

  tree = read_tree (missing, NULL, &error);
  g_assert_null (tree);
  g_assert_error (error, VD_ERROR, VD_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "not an install tree"));
  g_assert_nonnull (strstr (error->message, "Not Found"));
  g_clear_error (&error);

  tree = read_tree (closed, NULL, &error);
  g_assert_null (tree);
  g_assert_error (error, VD_ERROR, VD_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "could not be reached"));
  g_clear_error (&error);

  g_cancellable_cancel (cancellable);
  tree = read_tree (url, cancellable, &error);
  g_assert_null (tree);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

typedef struct
{
  GMainLoop    *loop;
  const char   *url;
  GBytes       *bytes;
  GError       *error;
  GCancellable *cancellable;
  guint         reports;
  guint64       last_total;
} Download;

static void
download_progress_cb (guint64  done,
                      guint64  total,
                      gpointer user_data)
{
  Download *download = user_data;

  download->reports++;
  download->last_total = total;
  if (done > 0 && download->cancellable != NULL)
    g_cancellable_cancel (download->cancellable);
}

static gpointer
download_thread (gpointer user_data)
{
  Download *download = user_data;
  g_autoptr(GOutputStream) output = g_memory_output_stream_new_resizable ();

  if (vd_url_download (download->url, output, download_progress_cb, download,
                       download->cancellable, &download->error))
    {
      g_output_stream_close (output, NULL, NULL);
      download->bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (output));
    }
  return NULL;
}

/* In a thread, as the creation's worker does. */
static void
download (Download *download)
{
  GThread *thread = g_thread_new ("download", download_thread, download);

  g_thread_join (thread);
}

static void
test_download (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *url = vd_test_http_url (fixture->http, "url-tree/images/pxeboot/vmlinuz");
  g_autofree char *missing = vd_test_http_url (fixture->http, "url-tree/images/nothing");
  g_autofree char *slow = vd_test_http_url (fixture->http, "slow/url-tree/images/pxeboot/vmlinuz");
  g_autofree char *expected = NULL;
  gsize length = 0;
  Download ok = { .url = url }, absent = { .url = missing }, cancelled = { .url = slow };

  g_assert_true (g_file_get_contents (VD_TEST_DATA_DIR "/url-tree/images/pxeboot/vmlinuz",
                                      &expected, &length, NULL));
  download (&ok);
  g_assert_no_error (ok.error);
  g_assert_cmpmem (g_bytes_get_data (ok.bytes, NULL), g_bytes_get_size (ok.bytes),
                   expected, length);
  g_assert_cmpuint (ok.reports, >=, 2);
  g_assert_cmpuint (ok.last_total, ==, length);
  g_bytes_unref (ok.bytes);

  download (&absent);
  g_assert_error (absent.error, VD_ERROR, VD_ERROR_FAILED);
  g_assert_nonnull (strstr (absent.error->message, "404"));
  g_assert_null (absent.bytes);
  g_clear_error (&absent.error);

  /* One byte every 100 ms: cancelled after the first. */
  cancelled.cancellable = g_cancellable_new ();
  download (&cancelled);
  g_assert_error (cancelled.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (cancelled.bytes);
  g_clear_error (&cancelled.error);
  g_object_unref (cancelled.cancellable);
}

static void
test_cmdline (void)
{
  g_autoptr(VdInstallSpec) spec = vd_install_spec_new ();
  g_autofree char *line = NULL;
  g_autofree char *pool = NULL;

  spec->method = VD_INSTALL_METHOD_URL;
  g_free (spec->url);
  spec->url = g_strdup ("http://mirror.example.org/debian/");
  /* No argument from libosinfo: the .treeinfo trees' installer's. */
  line = vd_install_spec_get_cmdline (spec);
  g_assert_cmpstr (line, ==, "inst.repo=http://mirror.example.org/debian/");
  g_clear_pointer (&line, g_free);

  spec->install_arg = g_strdup ("install");
  spec->kernel_args = g_strdup ("  auto=true  ");
  line = vd_install_spec_get_cmdline (spec);
  g_assert_cmpstr (line, ==, "install=http://mirror.example.org/debian/ auto=true");
  g_clear_pointer (&line, g_free);

  /* The kernel and initrd go where the new disk goes, else "default". */
  g_free (spec->disk_pool);
  spec->disk_pool = g_strdup ("fast");
  pool = vd_install_spec_get_boot_pool (spec);
  g_assert_cmpstr (pool, ==, "fast");
  g_clear_pointer (&pool, g_free);
  spec->disk = VD_INSTALL_DISK_NONE;
  pool = vd_install_spec_get_boot_pool (spec);
  g_assert_cmpstr (pool, ==, "default");
}

/* ------------------------------------------------------------------ */
/* Creating                                                            */
/* ------------------------------------------------------------------ */

static VdInstallSpec *
url_spec (Fixture    *fixture,
          const char *name,
          const char *tree)
{
  VdInstallSpec *spec = vd_install_spec_new ();

  spec->method = VD_INSTALL_METHOD_URL;
  spec->name = g_strdup (name);
  g_free (spec->disk_pool);
  spec->disk_pool = g_strdup ("default-pool");
  spec->disk_size = 1 << 30;
  spec->url = vd_test_http_url (fixture->http, tree);
  spec->tree_kernel = g_strdup ("images/pxeboot/vmlinuz");
  spec->tree_initrd = g_strdup ("images/pxeboot/initrd.img");
  return spec;
}

static gboolean
volume_exists (Fixture    *fixture,
               const char *name)
{
  virConnectPtr conn = vd_connection_get_handle (fixture->connection);
  virStoragePoolPtr pool = virStoragePoolLookupByName (conn, "default-pool");
  virStorageVolPtr vol = virStorageVolLookupByName (pool, name);
  gboolean found = vol != NULL;

  if (vol != NULL)
    virStorageVolFree (vol);
  virStoragePoolFree (pool);
  return found;
}

static void
assert_nothing_left (Fixture    *fixture,
                     const char *name)
{
  g_autofree char *kernel = g_strdup_printf ("%s-kernel", name);
  g_autofree char *initrd = g_strdup_printf ("%s-initrd", name);
  g_autofree char *disk = g_strdup_printf ("%s.qcow2", name);
  virDomainPtr domain = virDomainLookupByName (vd_connection_get_handle (fixture->connection),
                                               name);

  g_assert_null (domain);
  g_assert_false (volume_exists (fixture, kernel));
  g_assert_false (volume_exists (fixture, initrd));
  g_assert_false (volume_exists (fixture, disk));
}

typedef struct
{
  GArray       *steps;
  GCancellable *cancel_on_download;
} Steps;

static void
step_cb (VdCreateDomainStep step,
         guint64            done,
         guint64            total,
         gpointer           user_data)
{
  Steps *steps = user_data;
  int value = step;

  g_array_append_val (steps->steps, value);
  if (step == VD_CREATE_DOMAIN_STEP_DOWNLOAD_KERNEL && done > 0 &&
      steps->cancel_on_download != NULL)
    g_cancellable_cancel (steps->cancel_on_download);
}

static char *
create (Fixture              *fixture,
        const VdInstallSpec  *spec,
        Steps                *steps,
        GCancellable         *cancellable,
        GError              **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  vd_connection_create_domain_async (fixture->connection, spec, TRUE, step_cb, steps, NULL,
                                     cancellable, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_UNTIL (result != NULL, 60);
  return vd_connection_create_domain_finish (fixture->connection, result, error);
}

static gboolean
has_step (Steps *steps,
          int    step)
{
  for (guint i = 0; i < steps->steps->len; i++)
    if (g_array_index (steps->steps, int, i) == step)
      return TRUE;
  return FALSE;
}

static void
test_create (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(VdInstallSpec) spec = url_spec (fixture, "netinst", "url-tree/");
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;
  Steps steps = { g_array_new (FALSE, FALSE, sizeof (int)), NULL };

  /* Not read yet: refused before libvirt. */
  g_clear_pointer (&spec->tree_kernel, g_free);
  uuid = create (fixture, spec, &steps, NULL, &error);
  g_assert_null (uuid);
  g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "kernel and initrd are not known"));
  g_clear_error (&error);
  spec->tree_kernel = g_strdup ("images/pxeboot/vmlinuz");

  /* The kernel downloads, its volume is made; the test driver has no
   * upload: the volume goes again. */
  uuid = create (fixture, spec, &steps, NULL, &error);
  g_assert_null (uuid);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "Failed to create the guest “netinst”"));
  g_assert_nonnull (strstr (error->message, "netinst-kernel"));
  g_assert_nonnull (strstr (error->message, "virStorageVolUpload"));
  g_assert_true (has_step (&steps, VD_CREATE_DOMAIN_STEP_DOWNLOAD_KERNEL));
  g_assert_true (has_step (&steps, VD_CREATE_DOMAIN_STEP_UPLOAD));
  g_assert_false (has_step (&steps, VD_CREATE_DOMAIN_STEP_DEFINE));
  g_clear_error (&error);
  assert_nothing_left (fixture, "netinst");

  /* A tree whose kernel is not there: the server's 404. */
  g_free (spec->url);
  spec->url = vd_test_http_url (fixture->http, "url-tree-broken/");
  g_free (spec->tree_kernel);
  spec->tree_kernel = g_strdup ("images/pxeboot/missing-vmlinuz");
  uuid = create (fixture, spec, &steps, NULL, &error);
  g_assert_null (uuid);
  g_assert_nonnull (strstr (error->message, "The install kernel could not be downloaded from"));
  g_assert_nonnull (strstr (error->message, "missing-vmlinuz"));
  g_assert_nonnull (strstr (error->message, "404"));
  g_clear_error (&error);
  assert_nothing_left (fixture, "netinst");

  g_array_unref (steps.steps);
}

/* An ISO xorriso makes in @dir with Fedora 36's volume id and a kernel
 * and initrd at its medium's paths. */
static char *
make_fedora_iso (const char *dir)
{
  g_autofree char *tree = g_build_filename (dir, "tree", "isolinux", NULL);
  g_autofree char *kernel = g_build_filename (tree, "vmlinuz", NULL);
  g_autofree char *initrd = g_build_filename (tree, "initrd.img", NULL);
  g_autofree char *root = g_build_filename (dir, "tree", NULL);
  char *iso = g_build_filename (dir, "fedora.iso", NULL);
  g_autofree char *command = g_strdup_printf ("xorriso -as mkisofs -quiet -R -J "
                                              "-V Fedora-S-dvd-x86_64-36 -o '%s' '%s'",
                                              iso, root);
  const char *argv[] = { "sh", "-c", command, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_cmpint (g_mkdir_with_parents (tree, 0755), ==, 0);
  g_file_set_contents (kernel, "kernel bytes", -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (initrd, "initrd bytes", -1, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
  g_unlink (kernel);
  g_unlink (initrd);
  g_rmdir (tree);
  g_rmdir (root);
  return iso;
}

/* An unattended install from a local ISO: the kernel and initrd are read
 * from the ISO (no download), the kernel's volume is made, the test
 * driver refuses the upload, and nothing stays behind; a path the ISO
 * lacks is named in the error. */
static void
test_create_iso (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("vd-iso-install-XXXXXX", &error);
  g_autofree char *iso = make_fedora_iso (dir);
  g_autoptr(VdInstallSpec) spec = url_spec (fixture, "isoinst", "url-tree/");
  g_autofree char *uuid = NULL;
  Steps steps = { g_array_new (FALSE, FALSE, sizeof (int)), NULL };

  g_clear_pointer (&spec->url, g_free);
  spec->method = VD_INSTALL_METHOD_MEDIA;
  spec->media_path = g_strdup (iso);
  g_free (spec->tree_kernel);
  g_free (spec->tree_initrd);
  spec->tree_kernel = g_strdup ("isolinux/vmlinuz");
  spec->tree_initrd = g_strdup ("isolinux/initrd.img");
  spec->script = g_new0 (VdInstallScript, 1);
  spec->script->filename = g_strdup ("fedora.ks");
  spec->script->text = g_strdup ("# kickstart\n");
  spec->script->cmdline = g_strdup ("inst.ks=file:/fedora.ks");

  uuid = create (fixture, spec, &steps, NULL, &error);
  g_assert_null (uuid);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "Failed to create the guest “isoinst”"));
  g_assert_nonnull (strstr (error->message, "isoinst-kernel"));
  g_assert_nonnull (strstr (error->message, "virStorageVolUpload"));
  g_assert_true (has_step (&steps, VD_CREATE_DOMAIN_STEP_EXTRACT_KERNEL));
  g_assert_false (has_step (&steps, VD_CREATE_DOMAIN_STEP_DOWNLOAD_KERNEL));
  g_assert_true (has_step (&steps, VD_CREATE_DOMAIN_STEP_UPLOAD));
  g_assert_false (has_step (&steps, VD_CREATE_DOMAIN_STEP_DEFINE));
  g_clear_error (&error);
  assert_nothing_left (fixture, "isoinst");

  g_free (spec->tree_kernel);
  spec->tree_kernel = g_strdup ("images/pxeboot/vmlinuz");
  uuid = create (fixture, spec, &steps, NULL, &error);
  g_assert_null (uuid);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "The install kernel images/pxeboot/vmlinuz could not "
                                            "be read from"));
  g_clear_error (&error);
  assert_nothing_left (fixture, "isoinst");

  /* Not an ISO at all. */
  g_free (spec->media_path);
  spec->media_path = g_build_filename (VD_TEST_DATA_DIR, "url-tree", ".treeinfo", NULL);
  uuid = create (fixture, spec, &steps, NULL, &error);
  g_assert_null (uuid);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  assert_nothing_left (fixture, "isoinst");

  g_unlink (iso);
  g_rmdir (dir);
  g_array_unref (steps.steps);
}

static void
test_create_cancel (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(VdInstallSpec) spec = url_spec (fixture, "netinst-cancel", "slow/url-tree/");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;
  Steps steps = { g_array_new (FALSE, FALSE, sizeof (int)), cancellable };

  uuid = create (fixture, spec, &steps, cancellable, &error);
  g_assert_null (uuid);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (has_step (&steps, VD_CREATE_DOMAIN_STEP_UPLOAD));
  assert_nothing_left (fixture, "netinst-cancel");
  g_array_unref (steps.steps);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gvir_init_object_check (NULL, NULL, NULL);

#define ADD(path, func) \
  g_test_add ("/vd/url-install/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("tree", test_tree);
  ADD ("download", test_download);
  ADD ("create", test_create);
  ADD ("create-iso", test_create_iso);
  ADD ("create-cancel", test_create_cancel);
#undef ADD
  g_test_add_func ("/vd/url-install/cmdline", test_cmdline);

  return g_test_run ();
}
