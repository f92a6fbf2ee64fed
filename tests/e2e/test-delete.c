/* test-delete.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <unistd.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <libvirt-gobject/libvirt-gobject.h>

#include "../vd-test-util.h"
#include "../ui/vd-test-ui.h"
#include "vd-connection-host.h"
#include "vd-delete-dialog.h"
#include "vd-e2e-util.h"

/*
 * End-to-end: the Delete dialog on a real libvirtd (tests/e2e/vd-e2e-daemon)
 * deletes a running QEMU guest with its storage: the guest is forced off,
 * undefined, its own volume and a plain file outside every pool are
 * removed from the disk, the volume another guest shares stays. The pool
 * is a transient dir pool vd-e2e-<pid> in a directory of VD_E2E_IMAGE_DIR.
 */

#define WAIT_SECONDS 60

typedef struct
{
  VdConnection *connection;
  char         *pool_name;
  char         *dir;
  char         *plain;       /* a raw file in no pool */
  char         *guest;
  char         *other;       /* the guest sharing a volume */
} Fixture;

static void
write_zeros (const char *path)
{
  g_autofree char *zeros = g_malloc0 (1 << 20);

  g_assert_true (g_file_set_contents (path, zeros, 1 << 20, NULL));
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
}

static void
define_guest (Fixture    *fixture,
              const char *name,
              const char *disks)
{
  g_autofree char *xml = g_strdup_printf (
    "<domain type='qemu'>"
    "  <name>%s</name>"
    "  <memory unit='MiB'>64</memory>"
    "  <vcpu>1</vcpu>"
    "  <os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/></os>"
    "  <devices>%s"
    "    <graphics type='vnc' autoport='yes' listen='127.0.0.1'/>"
    "  </devices>"
    "</domain>", name, disks);
  virDomainPtr dom = virDomainDefineXML (vd_connection_get_handle (fixture->connection), xml);

  if (dom == NULL)
    g_error ("virDomainDefineXML failed: %s", virGetLastErrorMessage ());
  virDomainFree (dom);
  VD_TEST_WAIT_UNTIL (vd_connection_find_domain_by_name (fixture->connection, name) != NULL,
                      WAIT_SECONDS);
}

static char *
file_disk (const char *path,
           const char *target)
{
  return g_strdup_printf ("<disk type='file' device='disk'><driver name='qemu' type='raw'/>"
                          "<source file='%s'/><target dev='%s' bus='virtio'/></disk>",
                          path, target);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  const char *uri = vd_e2e_require_env ("VD_E2E_SYSTEM_URI");
  const char *image_dir = vd_e2e_require_env ("VD_E2E_IMAGE_DIR");
  g_autofree char *own = NULL;
  g_autofree char *shared = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *disks = NULL;
  g_autofree char *d1 = NULL, *d2 = NULL, *d3 = NULL;
  virStoragePoolPtr pool;
  VdStoragePool *vd_pool;

  fixture->pool_name = g_strdup_printf ("vd-e2e-%d", (int)getpid ());
  fixture->dir = g_build_filename (image_dir, fixture->pool_name, NULL);
  g_assert_cmpint (g_mkdir_with_parents (fixture->dir, 0755), ==, 0);
  own = g_build_filename (fixture->dir, "own.raw", NULL);
  shared = g_build_filename (fixture->dir, "shared.raw", NULL);
  fixture->plain = g_strdup_printf ("%s/vd-e2e-%d-plain.raw", image_dir, (int)getpid ());
  write_zeros (own);
  write_zeros (shared);
  write_zeros (fixture->plain);

  fixture->connection = vd_test_open (uri);
  VD_TEST_WAIT_UNTIL (vd_connection_get_host_loaded (fixture->connection), WAIT_SECONDS);

  xml = g_strdup_printf ("<pool type='dir'><name>%s</name><target><path>%s</path></target></pool>",
                         fixture->pool_name, fixture->dir);
  pool = virStoragePoolCreateXML (vd_connection_get_handle (fixture->connection), xml, 0);
  if (pool == NULL)
    g_error ("virStoragePoolCreateXML failed: %s", virGetLastErrorMessage ());
  virStoragePoolFree (pool);
  VD_TEST_WAIT_UNTIL ((vd_pool = vd_connection_find_pool (fixture->connection,
                                                          fixture->pool_name)) != NULL &&
                      vd_storage_pool_find_volume (vd_pool, "own.raw") != NULL, WAIT_SECONDS);

  fixture->guest = g_strdup_printf ("vd-e2e-delete-%d", (int)getpid ());
  fixture->other = g_strdup_printf ("vd-e2e-delete-other-%d", (int)getpid ());
  d1 = file_disk (own, "vda");
  d2 = file_disk (shared, "vdb");
  d3 = file_disk (fixture->plain, "vdc");
  disks = g_strconcat (d1, d2, d3, NULL);
  define_guest (fixture, fixture->guest, disks);
  g_free (disks);
  disks = file_disk (shared, "vda");
  define_guest (fixture, fixture->other, disks);
}

static void
undefine (Fixture    *fixture,
          const char *name)
{
  virDomainPtr dom = virDomainLookupByName (vd_connection_get_handle (fixture->connection), name);

  if (dom != NULL)
    {
      virDomainDestroy (dom);
      virDomainUndefine (dom);
      virDomainFree (dom);
    }
  virResetLastError ();
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  virStoragePoolPtr pool;
  const char *name;

  undefine (fixture, fixture->guest);
  undefine (fixture, fixture->other);
  pool = virStoragePoolLookupByName (vd_connection_get_handle (fixture->connection),
                                     fixture->pool_name);
  if (pool != NULL)
    {
      virStoragePoolDestroy (pool);
      virStoragePoolFree (pool);
    }
  virResetLastError ();
  vd_connection_disconnect (fixture->connection);
  g_clear_object (&fixture->connection);

  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_unlink (fixture->plain);
  g_free (fixture->dir);
  g_free (fixture->plain);
  g_free (fixture->pool_name);
  g_free (fixture->guest);
  g_free (fixture->other);
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

static gboolean
check_active (VdDeleteDialog *dialog,
              const char     *path)
{
  GtkWidget *check = vd_test_find_by_accessible_name (GTK_WIDGET (dialog), path);

  if (!GTK_IS_CHECK_BUTTON (check))
    g_error ("no check box “%s”", path);

  return gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (check));
}

static void
test_running_with_storage (Fixture       *fixture,
                           gconstpointer  data)
{
  g_autoptr(VdDomain) domain = g_object_ref (vd_connection_find_domain_by_name (fixture->connection,
                                                                                 fixture->guest));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *own = g_build_filename (fixture->dir, "own.raw", NULL);
  g_autofree char *shared = g_build_filename (fixture->dir, "shared.raw", NULL);
  g_autofree char *warning = g_strdup_printf ("Also used by “%s”", fixture->other);
  g_autoptr(GPtrArray) domains = g_ptr_array_new ();
  VdStoragePool *pool = vd_connection_find_pool (fixture->connection, fixture->pool_name);
  VdDeleteDialog *dialog;
  GtkWidget *button;

  vd_domain_start_async (domain, NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_RESULT (result);
  if (!vd_domain_start_finish (domain, result, &error))
    g_error ("could not start the guest: %s", error->message);
  VD_TEST_WAIT_UNTIL (vd_domain_get_active (domain) && !vd_domain_get_busy (domain), WAIT_SECONDS);

  g_ptr_array_add (domains, domain);
  dialog = VD_DELETE_DIALOG (vd_delete_dialog_new (NULL, domains));
  VD_TEST_WAIT_UNTIL (vd_delete_dialog_get_loaded (dialog), WAIT_SECONDS);

  /* What libvirt says about the disks: its own volume and the plain file
   * checked, the shared volume not, with the other guest named. */
  g_assert_true (check_active (dialog, own));
  g_assert_true (check_active (dialog, fixture->plain));
  g_assert_false (check_active (dialog, shared));
  g_assert_nonnull (vd_test_find_by_accessible_name (GTK_WIDGET (dialog), warning));
  g_assert_true (gtk_widget_get_visible (vd_test_find_by_accessible_name (GTK_WIDGET (dialog),
                                                                          "Running guests")));

  button = vd_test_find_by_accessible_name (GTK_WIDGET (dialog), "Delete");
  g_assert_true (gtk_widget_get_sensitive (button));
  gtk_button_clicked (GTK_BUTTON (button));
  VD_TEST_WAIT_UNTIL (find_dialog () == NULL, WAIT_SECONDS);

  /* Forced off and gone, with its own storage; the shared volume stays. */
  g_assert_null (vd_domain_get_connection (domain));
  g_assert_null (vd_connection_find_domain_by_name (fixture->connection, fixture->guest));
  g_assert_false (g_file_test (own, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (fixture->plain, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (shared, G_FILE_TEST_EXISTS));
  g_assert_nonnull (vd_connection_find_domain_by_name (fixture->connection, fixture->other));

  /* The pool was read again: its list no longer has the volume. */
  VD_TEST_WAIT_UNTIL (vd_storage_pool_find_volume (pool, "own.raw") == NULL, WAIT_SECONDS);
  g_assert_nonnull (vd_storage_pool_find_volume (pool, "shared.raw"));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  /* The dialog needs a display; without one this is a broken setup (run
   * it under xvfb-run), never a skip. */
  if (!gtk_init_check (&argc, &argv))
    g_error ("no display: run the e2e suite under xvfb-run");
  gvir_init_object_check (NULL, NULL, NULL);

  g_test_add ("/vd/e2e/delete/running-with-storage", Fixture, NULL, fixture_setup,
              test_running_with_storage, fixture_teardown);

  return g_test_run ();
}
