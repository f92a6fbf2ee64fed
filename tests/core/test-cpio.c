/* test-cpio.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "vd-cpio.h"

/* The newc cpio writer, read back by GNU cpio: the file's name, mode and
 * bytes for sizes on and off the four-byte padding, and an archive
 * appended to another one (as to an initrd) still listing both files. */

static char *
run_cpio (const char  *archive,
          const char  *args,
          gboolean     may_fail)
{
  g_autofree char *command = g_strdup_printf ("cpio --quiet %s < '%s'", args, archive);
  const char *argv[] = { "sh", "-c", command, NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                               NULL, &status, &error));
  g_assert_no_error (error);
  if (!may_fail)
    {
      g_spawn_check_wait_status (status, &error);
      g_assert_no_error (error);
    }
  return out;
}

static char *
write_archive (const char *dir,
               const char *file,
               const char *name,
               const char *text,
               gboolean    append)
{
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autoptr(GFile) gfile = g_file_new_for_path (path);
  g_autoptr(GFileOutputStream) output = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
  g_autoptr(GError) error = NULL;

  output = append ? g_file_append_to (gfile, G_FILE_CREATE_NONE, NULL, &error)
                  : g_file_replace (gfile, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (vd_cpio_write_newc (G_OUTPUT_STREAM (output), name, bytes, 0600, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (output), NULL, &error));
  return g_steal_pointer (&path);
}

static void
test_read_back (void)
{
  g_autofree char *dir = g_dir_make_tmp ("vd-cpio-XXXXXX", NULL);
  /* 1, 2, 3 and 4 bytes: every padding. */
  const char *texts[] = { "a", "ab", "abc", "abcd", "user=alice\nsecond line\n" };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *archive = write_archive (dir, "one.cpio", "ks.cfg", texts[i], FALSE);
      g_autofree char *listing = run_cpio (archive, "-t", FALSE);
      g_autofree char *verbose = run_cpio (archive, "-tv", FALSE);
      g_autofree char *contents = run_cpio (archive, "-i --to-stdout ks.cfg", FALSE);
      gsize size = 0;
      g_autofree char *bytes = NULL;

      g_assert_cmpstr (listing, ==, "ks.cfg\n");
      g_assert_true (g_str_has_prefix (verbose, "-rw-------"));
      g_assert_cmpstr (contents, ==, texts[i]);
      g_assert_true (g_file_get_contents (archive, &bytes, &size, NULL));
      g_assert_cmpuint (size % 4, ==, 0);
      g_assert_true (g_str_has_prefix (bytes, "070701"));
      g_unlink (archive);
    }
  g_rmdir (dir);
}

/* Appended to an archive (an initrd): the kernel reads one archive after
 * the other; GNU cpio stops at the first trailer, so the first is read as
 * it was and the second from where it starts. */
static void
test_append (void)
{
  g_autofree char *dir = g_dir_make_tmp ("vd-cpio-XXXXXX", NULL);
  g_autofree char *archive = write_archive (dir, "initrd", "init", "#!/bin/sh\n", FALSE);
  g_autofree char *first = NULL;
  g_autofree char *tail = g_build_filename (dir, "tail", NULL);
  g_autofree char *bytes = NULL;
  g_autofree char *second = NULL;
  gsize before = 0, after = 0;

  g_assert_true (g_file_get_contents (archive, &bytes, &before, NULL));
  g_clear_pointer (&bytes, g_free);
  g_free (write_archive (dir, "initrd", "ks.cfg", "rootpw --lock\n", TRUE));
  first = run_cpio (archive, "-t", FALSE);
  g_assert_cmpstr (first, ==, "init\n");
  g_assert_true (g_file_get_contents (archive, &bytes, &after, NULL));
  g_assert_cmpuint (after, >, before);
  g_assert_true (g_file_set_contents (tail, bytes + before, after - before, NULL));
  second = run_cpio (tail, "-i --to-stdout ks.cfg", FALSE);
  g_assert_cmpstr (second, ==, "rootpw --lock\n");
  g_unlink (archive);
  g_unlink (tail);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/vd/cpio/read-back", test_read_back);
  g_test_add_func ("/vd/cpio/append", test_append);

  return g_test_run ();
}
