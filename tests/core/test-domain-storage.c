/* test-domain-storage.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libvirt-gobject/libvirt-gobject.h>

#include "vd-domain-storage.h"
#include "vd-error.h"
#include "../vd-test-util.h"

/* What deleting a guest can remove (vd_domain_get_storage_async) and the
 * delete call's plain-file deletion, on the test driver's delete.xml. */

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
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  vd_connection_disconnect (fixture->connection);
  g_clear_object (&fixture->connection);
}

static VdDomainStorage *
get_storage (VdDomain  *domain,
             GError   **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  vd_domain_get_storage_async (domain, NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_RESULT (result);
  return vd_domain_get_storage_finish (domain, result, error);
}

static const VdDomainDisk *
find_disk (VdDomainStorage *storage,
           const char      *target)
{
  for (guint i = 0; i < storage->disks->len; i++)
    {
      const VdDomainDisk *disk = g_ptr_array_index (storage->disks, i);

      if (g_strcmp0 (disk->target, target) == 0)
        return disk;
    }

  return NULL;
}

static gboolean
delete_domain (VdDomain            *domain,
               VdDomainDeleteFlags  flags,
               const char * const  *volumes,
               GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  vd_domain_delete_async (domain, flags, volumes, NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_RESULT (result);
  return vd_domain_delete_finish (domain, result, error);
}

static void
test_disks (Fixture       *fixture,
            gconstpointer  data)
{
  VdDomain *web1 = vd_connection_find_domain_by_name (fixture->connection, "web1");
  g_autoptr(VdDomainStorage) storage = NULL;
  g_autoptr(GError) error = NULL;
  const VdDomainDisk *disk;

  storage = get_storage (web1, &error);
  g_assert_no_error (error);

  /* The empty CD-ROM has no source: not listed. */
  g_assert_cmpuint (storage->disks->len, ==, 5);
  g_assert_null (find_disk (storage, "sdb"));

  disk = find_disk (storage, "vda");
  g_assert_cmpstr (disk->path, ==, "/srv/pool/web1.qcow2");
  g_assert_cmpstr (disk->pool, ==, "main-pool");
  g_assert_cmpstr (disk->volume, ==, "web1.qcow2");
  g_assert_cmpuint (disk->capacity, ==, G_GUINT64_CONSTANT (10737418240));
  g_assert_cmpuint (g_strv_length (disk->other_users), ==, 0);
  g_assert_true (disk->deletable);
  g_assert_true (vd_domain_disk_get_delete_by_default (disk));

  /* Shared with web2: named, unchecked. */
  disk = find_disk (storage, "vdb");
  g_assert_cmpuint (g_strv_length (disk->other_users), ==, 1);
  g_assert_cmpstr (disk->other_users[0], ==, "web2");
  g_assert_false (vd_domain_disk_get_delete_by_default (disk));

  /* CD-ROM with media and a read-only disk: listed, unchecked. */
  disk = find_disk (storage, "sda");
  g_assert_cmpstr (disk->device, ==, "cdrom");
  g_assert_cmpstr (disk->path, ==, "/srv/pool/install.iso");
  g_assert_false (vd_domain_disk_get_delete_by_default (disk));
  disk = find_disk (storage, "vdc");
  g_assert_true (disk->read_only);
  g_assert_false (vd_domain_disk_get_delete_by_default (disk));

  /* A disk named as pool + volume gets its path and size. */
  disk = find_disk (storage, "vdd");
  g_assert_cmpstr (disk->path, ==, "/srv/data/web1-data.img");
  g_assert_cmpstr (disk->pool, ==, "data-pool");
  g_assert_cmpuint (disk->capacity, ==, G_GUINT64_CONSTANT (1073741824));
  g_assert_true (vd_domain_disk_get_delete_by_default (disk));

  g_assert_false (storage->has_managed_save);
  g_assert_cmpuint (storage->n_snapshots, ==, 0);
  g_assert_null (storage->nvram);
}

static void
test_metadata (Fixture       *fixture,
               gconstpointer  data)
{
  virConnectPtr conn = vd_connection_get_handle (fixture->connection);
  VdDomain *lone = vd_connection_find_domain_by_name (fixture->connection, "lone");
  VdDomain *web2 = vd_connection_find_domain_by_name (fixture->connection, "web2");
  VdDomain *db = vd_connection_find_domain_by_name (fixture->connection, "db");
  g_autoptr(VdDomainStorage) storage = NULL;
  g_autoptr(GError) error = NULL;
  virDomainPtr handle;
  virDomainSnapshotPtr snapshot;

  storage = get_storage (lone, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (storage->nvram, ==, "/srv/nvram/lone_VARS.fd");
  g_clear_pointer (&storage, vd_domain_storage_free);

  handle = virDomainLookupByName (conn, "web2");
  snapshot = virDomainSnapshotCreateXML (handle, "<domainsnapshot><name>s1</name></domainsnapshot>", 0);
  g_assert_nonnull (snapshot);
  virDomainSnapshotFree (snapshot);
  virDomainFree (handle);
  storage = get_storage (web2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (storage->n_snapshots, ==, 1);
  g_clear_pointer (&storage, vd_domain_storage_free);

  /* Keeping the snapshots: libvirt refuses, and says why. */
  g_assert_false (delete_domain (web2, VD_DOMAIN_DELETE_NONE, NULL, &error));
  g_assert_nonnull (strstr (error->message, "snapshot"));
  g_clear_error (&error);
  g_assert_nonnull (vd_connection_find_domain_by_name (fixture->connection, "web2"));

  handle = virDomainLookupByName (conn, "db");
  g_assert_cmpint (virDomainManagedSave (handle, 0), ==, 0);
  virDomainFree (handle);
  VD_TEST_WAIT_UNTIL (!vd_domain_get_active (db), 10);
  storage = get_storage (db, &error);
  g_assert_no_error (error);
  g_assert_true (storage->has_managed_save);
}

static void
test_local_file (Fixture       *fixture,
                 gconstpointer  data)
{
  virConnectPtr conn = vd_connection_get_handle (fixture->connection);
  g_autofree char *dir = g_dir_make_tmp ("vd-delete-XXXXXX", NULL);
  g_autofree char *kept = g_build_filename (dir, "kept.img", NULL);
  g_autofree char *gone = g_build_filename (dir, "gone.img", NULL);
  g_autofree char *xml = NULL;
  g_autoptr(VdDomainStorage) storage = NULL;
  g_autoptr(GError) error = NULL;
  const char *volumes[] = { gone, NULL };
  VdDomain *domain;
  virDomainPtr handle;

  g_assert_true (g_file_set_contents (kept, "kept", -1, NULL));
  g_assert_true (g_file_set_contents (gone, "gone!", -1, NULL));
  xml = g_strdup_printf ("<domain type='test'><name>files</name><memory>65536</memory>"
                         "<os><type>hvm</type></os><devices>"
                         "<disk type='file' device='disk'><source file='%s'/>"
                         "<target dev='vda'/></disk>"
                         "<disk type='file' device='disk'><source file='%s'/>"
                         "<target dev='vdb'/></disk></devices></domain>", gone, kept);
  handle = virDomainDefineXML (conn, xml);
  g_assert_nonnull (handle);
  virDomainFree (handle);
  VD_TEST_WAIT_UNTIL ((domain = vd_connection_find_domain_by_name (fixture->connection,
                                                                   "files")) != NULL, 10);

  /* Plain files in no pool: deletable on a local connection, sized. */
  storage = get_storage (domain, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (storage->disks->len, ==, 2);
  g_assert_null (find_disk (storage, "vda")->pool);
  g_assert_true (find_disk (storage, "vda")->deletable);
  g_assert_cmpuint (find_disk (storage, "vda")->capacity, ==, 5);

  g_assert_true (delete_domain (domain, VD_DOMAIN_DELETE_ALL_METADATA |
                                VD_DOMAIN_DELETE_LOCAL_FILES, volumes, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (gone, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (kept, G_FILE_TEST_EXISTS));

  g_unlink (kept);
  g_rmdir (dir);
}

static void
test_local_file_flag_needed (Fixture       *fixture,
                             gconstpointer  data)
{
  VdDomain *lone = vd_connection_find_domain_by_name (fixture->connection, "lone");
  g_autofree char *dir = g_dir_make_tmp ("vd-delete-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "other.img", NULL);
  const char *volumes[] = { path, NULL };
  g_autoptr(GError) error = NULL;

  /* Without the flag a path in no pool is not touched: reported. */
  g_assert_true (g_file_set_contents (path, "x", -1, NULL));
  g_assert_false (delete_domain (lone, VD_DOMAIN_DELETE_ALL_METADATA, volumes, &error));
  g_assert_error (error, VD_ERROR, VD_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_null (vd_connection_find_domain_by_name (fixture->connection, "lone"));

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_uri_is_local (void)
{
  g_assert_true (_vd_domain_storage_uri_is_local ("qemu:///system"));
  g_assert_true (_vd_domain_storage_uri_is_local ("test:///default"));
  g_assert_false (_vd_domain_storage_uri_is_local ("qemu+ssh://root@host/system"));
  g_assert_false (_vd_domain_storage_uri_is_local (NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  gvir_init_object_check (NULL, NULL, NULL);

#define ADD(path, func) \
  g_test_add ("/vd/domain-storage/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("disks", test_disks);
  ADD ("metadata", test_metadata);
  ADD ("local-file", test_local_file);
  ADD ("local-file-flag-needed", test_local_file_flag_needed);
  g_test_add_func ("/vd/domain-storage/uri-is-local", test_uri_is_local);

  return g_test_run ();
}
