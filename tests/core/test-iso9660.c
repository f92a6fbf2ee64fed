/* test-iso9660.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "vd-iso9660.h"

/* The ISO 9660 reader on images xorriso makes from a tree: with Rock Ridge
 * and Joliet, and plain level 1 (8.3 upper-case names); files in nested
 * directories, at an installer's kernel and initrd paths, in a directory
 * spanning several sectors, with a Rock Ridge name long enough for a
 * continuation area; then truncated, foreign and damaged images, which are
 * refused with an error (and, under ASan, read nothing out of bounds). */

#define N_MANY 150
#define LONG_NAME_LENGTH 220

typedef struct
{
  char   *dir;
  char   *tree;
  GBytes *kernel;
  GBytes *initrd;
  GBytes *deep;
} Fixture;

static GBytes *
pattern (gsize  size,
         guint8 seed)
{
  guint8 *bytes = g_malloc (size);

  for (gsize i = 0; i < size; i++)
    bytes[i] = (guint8)(seed + i * 7 + i / 251);
  return g_bytes_new_take (bytes, size);
}

static void
write_file (const char *dir,
            const char *relative,
            GBytes     *contents)
{
  g_autofree char *path = g_build_filename (dir, relative, NULL);
  g_autofree char *parent = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (contents, &size);

  g_assert_cmpint (g_mkdir_with_parents (parent, 0755), ==, 0);
  g_file_set_contents (path, data, size, &error);
  g_assert_no_error (error);
}

static char *
long_name (void)
{
  char *name = g_strnfill (LONG_NAME_LENGTH, 'n');

  memcpy (name, "long-", 5);
  return name;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = long_name ();
  g_autoptr(GBytes) small = g_bytes_new_static ("hello\n", 6);

  fixture->dir = g_dir_make_tmp ("vd-iso9660-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->tree = g_build_filename (fixture->dir, "tree", NULL);
  fixture->kernel = pattern (5000, 1);
  fixture->initrd = pattern (3 * 2048 + 17, 2);
  fixture->deep = pattern (4096, 3);
  write_file (fixture->tree, "images/pxeboot/vmlinuz", fixture->kernel);
  write_file (fixture->tree, "images/pxeboot/initrd.img", fixture->initrd);
  write_file (fixture->tree, "a/b/c/d/deep.bin", fixture->deep);
  write_file (fixture->tree, "empty.txt", g_bytes_new_static ("", 0));
  write_file (fixture->tree, name, small);
  for (guint i = 0; i < N_MANY; i++)
    {
      g_autofree char *many = g_strdup_printf ("many/a-rather-long-file-name-number-%03u.txt", i);
      g_autofree char *text = g_strdup_printf ("file %u\n", i);
      g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));

      write_file (fixture->tree, many, bytes);
    }
}

static void
remove_tree (const char *path)
{
  g_autofree char *command = g_strdup_printf ("rm -rf '%s'", path);
  const char *argv[] = { "sh", "-c", command, NULL };
  g_autoptr(GError) error = NULL;

  g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, NULL,
                &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->tree);
  g_bytes_unref (fixture->kernel);
  g_bytes_unref (fixture->initrd);
  g_bytes_unref (fixture->deep);
}

/* xorriso -as mkisofs with @options ("-R -J" or "-iso-level 1"). */
static GFile *
make_iso (Fixture    *fixture,
          const char *options)
{
  g_autofree char *iso = g_build_filename (fixture->dir, "image.iso", NULL);
  g_autofree char *command = g_strdup_printf ("xorriso -as mkisofs -quiet %s -V 'VD TEST 1' "
                                              "-o '%s' '%s'", options, iso, fixture->tree);
  const char *argv[] = { "sh", "-c", command, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL,
                               &err, &status, &error));
  g_assert_no_error (error);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (iso);
}

static GBytes *
extract (GFile       *iso,
         const char  *path,
         GError     **error)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

  if (!vd_iso9660_extract (iso, path, out, NULL, error))
    return NULL;
  g_assert_true (g_output_stream_close (out, NULL, NULL));
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

static void
assert_extracts (GFile      *iso,
                 const char *path,
                 GBytes     *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) got = extract (iso, path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (got);
  g_assert_cmpmem (g_bytes_get_data (got, NULL), g_bytes_get_size (got),
                   g_bytes_get_data (expected, NULL), g_bytes_get_size (expected));
}

static void
assert_refused (GFile      *iso,
                const char *path,
                int         code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) got = extract (iso, path, &error);

  g_assert_null (got);
  g_assert_error (error, G_IO_ERROR, code);
  g_assert_nonnull (strstr (error->message, "“"));
}

static void
test_rock_ridge (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GFile) iso = make_iso (fixture, "-R -J");
  g_autoptr(GError) error = NULL;
  g_autofree char *volume_id = vd_iso9660_get_volume_id (iso, NULL, &error);
  g_autofree char *name = long_name ();
  g_autoptr(GBytes) small = g_bytes_new_static ("hello\n", 6);
  g_autoptr(GBytes) last = g_bytes_new_static ("file 149\n", 9);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);

  g_assert_no_error (error);
  g_assert_cmpstr (volume_id, ==, "VD TEST 1");

  assert_extracts (iso, "images/pxeboot/vmlinuz", fixture->kernel);
  assert_extracts (iso, "/images/pxeboot/initrd.img", fixture->initrd);
  assert_extracts (iso, "IMAGES/PXEBOOT/VMLINUZ", fixture->kernel);
  assert_extracts (iso, "a/b/c/d/deep.bin", fixture->deep);
  assert_extracts (iso, "empty.txt", empty);
  /* The last record of a directory of several sectors. */
  assert_extracts (iso, "many/a-rather-long-file-name-number-149.txt", last);
  /* 220 characters: the Rock Ridge name does not fit in the record. */
  assert_extracts (iso, name, small);

  assert_refused (iso, "images/pxeboot/missing", G_IO_ERROR_NOT_FOUND);
  assert_refused (iso, "images/pxeboot/vmlinuz/more", G_IO_ERROR_NOT_FOUND);
  assert_refused (iso, "images/../images/pxeboot/vmlinuz", G_IO_ERROR_NOT_FOUND);
  assert_refused (iso, "", G_IO_ERROR_NOT_FOUND);
  assert_refused (iso, "images/pxeboot", G_IO_ERROR_IS_DIRECTORY);
}

static void
test_level1 (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GFile) iso = make_iso (fixture, "-iso-level 1 --norock");

  /* ISO names only: "VMLINUZ.;1", "INITRD.IMG;1". */
  assert_extracts (iso, "images/pxeboot/vmlinuz", fixture->kernel);
  assert_extracts (iso, "images/pxeboot/initrd.img", fixture->initrd);
  assert_extracts (iso, "a/b/c/d/deep.bin", fixture->deep);
  assert_refused (iso, "many/a-rather-long-file-name-number-149.txt", G_IO_ERROR_NOT_FOUND);
}

static GFile *
write_image (Fixture    *fixture,
             const char *name,
             const void *bytes,
             gsize       size)
{
  g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, bytes, size, &error);
  g_assert_no_error (error);
  return g_file_new_for_path (path);
}

/* The offset of the level-1 record named @name in @image. */
static gsize
find_record (const guint8 *image,
             gsize         size,
             const char   *name)
{
  gsize length = strlen (name);

  for (gsize i = 33; i + length <= size; i++)
    if (image[i - 1] == length && memcmp (image + i, name, length) == 0)
      return i - 33;
  g_assert_not_reached ();
}

static void
test_damaged (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GFile) iso = make_iso (fixture, "-iso-level 1 --norock");
  g_autofree char *path = g_file_get_path (iso);
  g_autofree guint8 *image = NULL;
  g_autoptr(GError) error = NULL;
  gsize size = 0;
  gsize record;

  g_file_get_contents (path, (char **)&image, &size, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (size, >, 20 * 2048);

  /* Truncated before the descriptors, and a file that is not an ISO. */
  {
    g_autoptr(GFile) cut = write_image (fixture, "cut.iso", image, 16 * 2048 + 100);
    g_autoptr(GFile) text = write_image (fixture, "text.iso", "not an image", 12);
    g_autofree char *volume_id = vd_iso9660_get_volume_id (cut, NULL, &error);

    g_assert_null (volume_id);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
    g_clear_error (&error);
    assert_refused (cut, "images/pxeboot/vmlinuz", G_IO_ERROR_INVALID_DATA);
    assert_refused (text, "images/pxeboot/vmlinuz", G_IO_ERROR_INVALID_DATA);
  }

  /* Truncated inside the kernel's data. */
  {
    gsize kernel_record = find_record (image, size, "VMLINUZ.;1");
    guint32 extent = image[kernel_record + 2] | (image[kernel_record + 3] << 8) |
                     (image[kernel_record + 4] << 16) | ((guint32)image[kernel_record + 5] << 24);
    g_autoptr(GFile) cut = write_image (fixture, "cut2.iso", image, extent * 2048 + 100);

    assert_refused (cut, "images/pxeboot/vmlinuz", G_IO_ERROR_INVALID_DATA);
  }

  /* The kernel's extent far beyond the end. */
  {
    g_autofree guint8 *copy = g_memdup2 (image, size);
    g_autoptr(GFile) bad = NULL;

    record = find_record (copy, size, "VMLINUZ.;1");
    copy[record + 5] = 0x7f;
    bad = write_image (fixture, "extent.iso", copy, size);
    assert_refused (bad, "images/pxeboot/vmlinuz", G_IO_ERROR_INVALID_DATA);
  }

  /* A record length shorter than a record, and one past its sector. */
  {
    g_autofree guint8 *copy = g_memdup2 (image, size);
    g_autoptr(GFile) bad = NULL;

    record = find_record (copy, size, "INITRD.IMG;1");
    copy[record] = 20;
    bad = write_image (fixture, "short.iso", copy, size);
    assert_refused (bad, "images/pxeboot/vmlinuz", G_IO_ERROR_INVALID_DATA);
  }
  {
    g_autofree guint8 *copy = g_memdup2 (image, size);
    g_autoptr(GFile) bad = NULL;

    record = find_record (copy, size, "INITRD.IMG;1");
    copy[record + 32] = 250;
    bad = write_image (fixture, "name.iso", copy, size);
    assert_refused (bad, "images/pxeboot/vmlinuz", G_IO_ERROR_INVALID_DATA);
  }

  /* A bad logical block size, and a root that is not a directory. */
  {
    g_autofree guint8 *copy = g_memdup2 (image, size);
    g_autoptr(GFile) bad = NULL;

    copy[16 * 2048 + 128] = 0x33;
    bad = write_image (fixture, "block.iso", copy, size);
    assert_refused (bad, "images/pxeboot/vmlinuz", G_IO_ERROR_INVALID_DATA);
  }
  {
    g_autofree guint8 *copy = g_memdup2 (image, size);
    g_autoptr(GFile) bad = NULL;

    copy[16 * 2048 + 156 + 25] = 0;
    bad = write_image (fixture, "root.iso", copy, size);
    assert_refused (bad, "images/pxeboot/vmlinuz", G_IO_ERROR_INVALID_DATA);
  }
}

/* Random bytes changed in the descriptors and directories of a Rock Ridge
 * image: each read either succeeds or fails with an error, never reads
 * outside its buffers (ASan) or crashes. */
static void
test_fuzz (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GFile) iso = make_iso (fixture, "-R -J");
  g_autofree char *path = g_file_get_path (iso);
  g_autofree guint8 *image = NULL;
  g_autoptr(GError) error = NULL;
  GRand *rand = g_rand_new_with_seed (9660);
  gsize size = 0;
  guint failures = 0;

  g_file_get_contents (path, (char **)&image, &size, &error);
  g_assert_no_error (error);

  for (guint round = 0; round < 150; round++)
    {
      g_autofree guint8 *copy = g_memdup2 (image, size);
      g_autoptr(GFile) bad = NULL;
      g_autoptr(GBytes) got = NULL;
      gsize limit = MIN (size, 64 * 2048);

      for (guint i = 0; i < 24; i++)
        copy[g_rand_int_range (rand, 16 * 2048, (gint32)limit)] = (guint8)g_rand_int (rand);
      bad = write_image (fixture, "fuzz.iso", copy, round % 5 == 0 ? size / 2 : size);
      got = extract (bad, round % 2 ? "images/pxeboot/initrd.img" : "many/a-rather-long-file-"
                     "name-number-100.txt", &error);
      g_assert_true ((got == NULL) == (error != NULL));
      if (error != NULL)
        failures++;
      g_clear_error (&error);
    }
  g_rand_free (rand);
  /* The halved images at least fail. */
  g_assert_cmpuint (failures, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/vd/iso9660/rock-ridge", Fixture, NULL, fixture_set_up, test_rock_ridge,
              fixture_tear_down);
  g_test_add ("/vd/iso9660/level1", Fixture, NULL, fixture_set_up, test_level1,
              fixture_tear_down);
  g_test_add ("/vd/iso9660/damaged", Fixture, NULL, fixture_set_up, test_damaged,
              fixture_tear_down);
  g_test_add ("/vd/iso9660/fuzz", Fixture, NULL, fixture_set_up, test_fuzz, fixture_tear_down);
  return g_test_run ();
}
