/* test-volume-spec.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libvirt-gobject/libvirt-gobject.h>

#include "vd-connection-host.h"
#include "vd-error.h"
#include "vd-volume-spec.h"
#include "vd-xml.h"
#include "../vd-test-util.h"

/* The Create Volume spec on host.xml's pools: "default" (dir, 100 GiB, web.qcow2 shared.raw spare.qcow2), "vg_guests" (logical):
 * each bad field with its message, golden XML, and the volume created on
 * the test driver with the asked capacity and format. */

#define GiB ((guint64)1 << 30)

typedef struct
{
  VdConnection  *connection;
  VdStoragePool *dir;
  VdStoragePool *logical;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *uri = vd_test_fixture_uri ("host.xml");

  fixture->connection = vd_test_open (uri);
  VD_TEST_WAIT_UNTIL (vd_connection_get_host_loaded (fixture->connection), 30);
  fixture->dir = vd_connection_find_pool (fixture->connection, "default");
  fixture->logical = vd_connection_find_pool (fixture->connection, "vg_guests");
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  vd_connection_disconnect (fixture->connection);
  g_clear_object (&fixture->connection);
}

static void
set (char       **field,
     const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static VdVolumeSpec *
good_spec (void)
{
  VdVolumeSpec *spec = vd_volume_spec_new ();

  set (&spec->name, "new.qcow2");
  spec->capacity = 10 * GiB;
  return spec;
}

static void
expect (VdVolumeSpec      *spec,
        VdStoragePool     *pool,
        VdVolumeSpecField  field,
        const char        *message)
{
  g_autofree char *got = vd_volume_spec_check (spec, field, pool);
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (got, ==, message);
  g_assert_false (vd_volume_spec_validate (spec, pool, &error));
  g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (error->message, ==, message);
  vd_volume_spec_free (spec);
}

static void
test_good (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(VdVolumeSpec) spec = good_spec ();

  for (guint field = 0; field < VD_VOLUME_SPEC_N_FIELDS; field++)
    g_assert_null (vd_volume_spec_check (spec, field, fixture->dir));
  g_assert_true (vd_volume_spec_validate (spec, fixture->dir, NULL));
}

static void
test_bad (Fixture       *fixture,
          gconstpointer  data)
{
  /* The test driver reports what is free itself (capacity - allocation). */
  g_autofree char *free_text =
    g_format_size_full (vd_storage_pool_get_available (fixture->dir), G_FORMAT_SIZE_IEC_UNITS);
  g_autofree char *too_full = g_strdup_printf ("Only %s are free in the pool “default”: "
                                               "allocate less, or leave the volume sparse.",
                                               free_text);
  g_autofree char *too_much = g_strdup_printf ("Only %s are free in the pool “default”.",
                                               free_text);
  VdVolumeSpec *spec;

  g_assert_cmpuint (vd_storage_pool_get_available (fixture->dir), <, 100 * GiB);

  spec = good_spec (); set (&spec->name, "");
  expect (spec, fixture->dir, VD_VOLUME_SPEC_FIELD_NAME, "Enter a name for the volume.");
  spec = good_spec (); set (&spec->name, "a/b");
  expect (spec, fixture->dir, VD_VOLUME_SPEC_FIELD_NAME, "A volume name cannot contain “/”.");
  spec = good_spec (); set (&spec->name, ".hidden");
  expect (spec, fixture->dir, VD_VOLUME_SPEC_FIELD_NAME, "A volume name cannot start with “.”.");
  spec = good_spec (); set (&spec->name, "web.qcow2");
  expect (spec, fixture->dir, VD_VOLUME_SPEC_FIELD_NAME,
          "The pool “default” already has a volume called “web.qcow2”.");

  spec = good_spec ();
  expect (spec, fixture->logical, VD_VOLUME_SPEC_FIELD_FORMAT,
          "A logical pool holds only these formats: raw.");
  spec = good_spec (); set (&spec->format, "iso");
  expect (spec, fixture->dir, VD_VOLUME_SPEC_FIELD_FORMAT,
          "A dir pool holds only these formats: raw, qcow2, qed, vmdk, vdi, vpc.");

  spec = good_spec (); spec->capacity = 0;
  expect (spec, fixture->dir, VD_VOLUME_SPEC_FIELD_CAPACITY, "The capacity must be more than zero.");
  spec = good_spec (); spec->capacity = 100 * GiB; spec->preallocation = VD_VOLUME_PREALLOCATION_FULL;
  expect (spec, fixture->dir, VD_VOLUME_SPEC_FIELD_CAPACITY, too_full);

  spec = good_spec (); spec->allocation = 11 * GiB;
  expect (spec, fixture->dir, VD_VOLUME_SPEC_FIELD_ALLOCATION,
          "The allocation cannot exceed the capacity.");
  spec = good_spec (); spec->capacity = 100 * GiB; spec->allocation = 90 * GiB;
  expect (spec, fixture->dir, VD_VOLUME_SPEC_FIELD_ALLOCATION, too_much);
  spec = good_spec (); set (&spec->format, "raw");
  spec->preallocation = VD_VOLUME_PREALLOCATION_METADATA;
  expect (spec, fixture->dir, VD_VOLUME_SPEC_FIELD_ALLOCATION,
          "Only a qcow2 volume can preallocate its metadata.");
  spec = good_spec (); set (&spec->backing, "web.qcow2");
  spec->preallocation = VD_VOLUME_PREALLOCATION_METADATA;
  expect (spec, fixture->dir, VD_VOLUME_SPEC_FIELD_ALLOCATION,
          "A volume with a backing volume cannot be preallocated.");

  spec = good_spec (); set (&spec->format, "raw"); set (&spec->backing, "web.qcow2");
  expect (spec, fixture->dir, VD_VOLUME_SPEC_FIELD_BACKING,
          "Only a qcow2 volume can have a backing volume.");
  spec = good_spec (); set (&spec->backing, "nope.qcow2");
  expect (spec, fixture->dir, VD_VOLUME_SPEC_FIELD_BACKING,
          "The pool has no volume called “nope.qcow2”.");
}

static void
test_parse_size (void)
{
  guint64 bytes = 0;
  g_autofree char *message = NULL;
  g_autofree char *huge = NULL;

  g_assert_true (vd_volume_spec_parse_size ("1.5", "GiB", &bytes, NULL));
  g_assert_cmpuint (bytes, ==, 1610612736);
  g_assert_true (vd_volume_spec_parse_size (" 512 ", "MiB", &bytes, NULL));
  g_assert_cmpuint (bytes, ==, 512 << 20);
  g_assert_false (vd_volume_spec_parse_size ("ten", "GiB", &bytes, &message));
  g_assert_cmpstr (message, ==, "Enter the size as a number, for example 20 or 1.5.");
  g_assert_false (vd_volume_spec_parse_size ("-1", "GiB", &bytes, NULL));
  g_assert_false (vd_volume_spec_parse_size ("", "GiB", &bytes, NULL));
  g_assert_false (vd_volume_spec_parse_size ("9000000", "TiB", &bytes, &huge));
  g_assert_cmpstr (huge, ==, "The size is larger than any volume can be.");
}

static void
test_formats (void)
{
  g_assert_true (g_strv_contains (vd_volume_spec_get_formats ("netfs"), "vmdk"));
  g_assert_true (g_strv_contains (vd_volume_spec_get_formats ("fs"), "qcow2"));
  g_assert_cmpuint (g_strv_length ((char **)vd_volume_spec_get_formats ("logical")), ==, 1);
  g_assert_cmpstr (vd_volume_spec_get_formats ("rbd")[0], ==, "raw");
}

static void
check_golden (const char *file,
              const char *xml)
{
  g_autofree char *path = g_build_filename (VD_TEST_DATA_DIR, file, NULL);
  g_autofree char *expected = NULL;
  g_autofree char *with_newline = g_strconcat (xml, "\n", NULL);

  g_assert_true (g_file_get_contents (path, &expected, NULL, NULL));
  g_assert_cmpstr (with_newline, ==, expected);
}

static void
test_golden (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(VdVolumeSpec) overlay = good_spec ();
  g_autoptr(VdVolumeSpec) full = good_spec ();
  g_autoptr(VdVolumeSpec) lv = good_spec ();
  g_autofree char *overlay_xml = NULL;
  g_autofree char *full_xml = NULL;
  g_autofree char *lv_xml = NULL;
  g_autoptr(GError) error = NULL;

  set (&overlay->name, "web-overlay.qcow2");
  set (&overlay->backing, "web.qcow2");
  overlay->capacity = 20 * GiB;
  g_assert_true (vd_volume_spec_validate (overlay, fixture->dir, NULL));
  overlay_xml = vd_volume_spec_to_xml (overlay, fixture->dir);
  check_golden ("volume-qcow2-backing.xml", overlay_xml);

  set (&full->name, "data.raw");
  set (&full->format, "raw");
  full->preallocation = VD_VOLUME_PREALLOCATION_FULL;
  g_assert_true (vd_volume_spec_validate (full, fixture->dir, NULL));
  full_xml = vd_volume_spec_to_xml (full, fixture->dir);
  check_golden ("volume-raw-full.xml", full_xml);

  set (&lv->name, "lv-data");
  set (&lv->format, "raw");
  g_assert_true (vd_volume_spec_validate (lv, fixture->logical, &error));
  g_assert_no_error (error);
  lv_xml = vd_volume_spec_to_xml (lv, fixture->logical);
  check_golden ("volume-logical.xml", lv_xml);
}

static void
test_create (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(VdVolumeSpec) spec = good_spec ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VdXml) xml = NULL;
  g_autofree char *format = NULL;
  VdStorageVolume *volume;
  virStoragePoolPtr pool;
  virStorageVolPtr vol;
  virStorageVolInfo info;
  char *text;

  spec->capacity = 20 * GiB;
  spec->allocation = 1 * GiB;
  vd_storage_pool_create_volume_async (fixture->dir, spec, NULL, vd_test_async_result_cb,
                                       &result);
  g_assert_true (vd_storage_pool_get_busy (fixture->dir));
  VD_TEST_WAIT_RESULT (result);
  g_assert_true (vd_storage_pool_create_volume_finish (fixture->dir, result, &error));
  g_assert_no_error (error);
  g_assert_false (vd_storage_pool_get_busy (fixture->dir));

  /* In the list once the call completes: the pool was re-read. */
  volume = vd_storage_pool_find_volume (fixture->dir, "new.qcow2");
  g_assert_nonnull (volume);
  g_assert_cmpuint (vd_storage_volume_get_capacity (volume), ==, 20 * GiB);
  g_assert_cmpstr (vd_storage_volume_get_format (volume), ==, "qcow2");

  pool = virStoragePoolLookupByName (vd_connection_get_handle (fixture->connection), "default");
  vol = virStorageVolLookupByName (pool, "new.qcow2");
  g_assert_nonnull (vol);
  g_assert_cmpint (virStorageVolGetInfo (vol, &info), ==, 0);
  g_assert_cmpuint (info.capacity, ==, 20 * GiB);
  text = virStorageVolGetXMLDesc (vol, 0);
  xml = vd_xml_new (text);
  free (text);
  format = vd_xml_get_string (xml, "/volume/target/format/@type");
  g_assert_cmpstr (format, ==, "qcow2");
  virStorageVolFree (vol);
  virStoragePoolFree (pool);

  /* Again: the name is taken now. */
  g_clear_object (&result);
  vd_storage_pool_create_volume_async (fixture->dir, spec, NULL, vd_test_async_result_cb,
                                       &result);
  VD_TEST_WAIT_RESULT (result);
  g_assert_false (vd_storage_pool_create_volume_finish (fixture->dir, result, &error));
  g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (error->message, ==, "Failed to create the volume “new.qcow2”: The pool "
                   "“default” already has a volume called “new.qcow2”.");
}

/* Metadata preallocation is asked with its flag, which the test driver
 * does not support: its refusal reaches the caller in the pool's words. */
static void
test_create_metadata (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(VdVolumeSpec) spec = good_spec ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  spec->preallocation = VD_VOLUME_PREALLOCATION_METADATA;
  vd_storage_pool_create_volume_async (fixture->dir, spec, NULL, vd_test_async_result_cb,
                                       &result);
  VD_TEST_WAIT_RESULT (result);
  g_assert_false (vd_storage_pool_create_volume_finish (fixture->dir, result, &error));
  g_assert_cmpstr (error->message, ==, "Failed to create the volume “new.qcow2” in the pool "
                   "“default”: unsupported flags (0x1) in function testStorageVolCreateXML");
  g_assert_null (vd_storage_pool_find_volume (fixture->dir, "new.qcow2"));
}

/* libvirt's own refusal reaches the caller with the pool's words. */
static void
test_create_failure (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(VdVolumeSpec) spec = good_spec ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  virStoragePoolPtr pool;

  /* Stopped behind our back: libvirt refuses, the list still says running. */
  pool = virStoragePoolLookupByName (vd_connection_get_handle (fixture->connection), "default");
  g_assert_cmpint (virStoragePoolDestroy (pool), ==, 0);
  virStoragePoolFree (pool);

  vd_storage_pool_create_volume_async (fixture->dir, spec, NULL, vd_test_async_result_cb,
                                       &result);
  VD_TEST_WAIT_RESULT (result);
  g_assert_false (vd_storage_pool_create_volume_finish (fixture->dir, result, &error));
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message,
                                   "Failed to create the volume “new.qcow2” in the pool "
                                   "“default”: "));
  g_assert_cmpstr (vd_storage_pool_get_last_error (fixture->dir), ==, error->message);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  gvir_init_object_check (NULL, NULL, NULL);

#define ADD(path, func) \
  g_test_add ("/vd/volume-spec/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("good", test_good);
  ADD ("bad", test_bad);
  ADD ("golden", test_golden);
  ADD ("create", test_create);
  ADD ("create-metadata", test_create_metadata);
  ADD ("create-failure", test_create_failure);
  g_test_add_func ("/vd/volume-spec/parse-size", test_parse_size);
  g_test_add_func ("/vd/volume-spec/formats", test_formats);

  return g_test_run ();
}
