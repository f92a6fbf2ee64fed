/* vd-cpio.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-cpio"

#include "config.h"

#include <string.h>

#include "vd-cpio.h"

/*
 * The "newc" cpio format (SVR4 without checksums) the Linux kernel reads
 * from an initramfs: for each file a 110-byte ASCII header ("070701" and
 * thirteen 8-digit hexadecimal fields), the name with its NUL, padded to
 * four bytes, the data padded to four bytes; the archive ends with the
 * entry "TRAILER!!!". The kernel unpacks archives appended one after the
 * other, so a file can be added to an existing (even compressed) initrd by
 * appending a second archive: the way to put an install script into a
 * network install's initrd.
 */

static gboolean
write_padded (GOutputStream  *output,
              const void     *data,
              gsize           length,
              GCancellable   *cancellable,
              GError        **error)
{
  static const char zeros[4] = { 0 };

  if (length > 0 && !g_output_stream_write_all (output, data, length, NULL, cancellable, error))
    return FALSE;
  return (length % 4) == 0 ||
         g_output_stream_write_all (output, zeros, 4 - length % 4, NULL, cancellable, error);
}

static gboolean
write_entry (GOutputStream  *output,
             const char     *name,
             const void     *data,
             gsize           length,
             guint           mode,
             guint           ino,
             GCancellable   *cancellable,
             GError        **error)
{
  gsize name_size = strlen (name) + 1;
  g_autofree char *header = NULL;
  g_autofree char *with_name = NULL;

  /* magic, ino, mode, uid, gid, nlink, mtime, filesize, devmajor,
   * devminor, rdevmajor, rdevminor, namesize, check */
  header = g_strdup_printf ("070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X",
                            ino, mode, 0, 0, 1, 0, (guint)length, 0, 0, 0, 0,
                            (guint)name_size, 0);
  g_assert (strlen (header) == 110);
  /* The header and the name are padded together. */
  with_name = g_malloc (110 + name_size);
  memcpy (with_name, header, 110);
  memcpy (with_name + 110, name, name_size);
  return write_padded (output, with_name, 110 + name_size, cancellable, error) &&
         write_padded (output, data, length, cancellable, error);
}

/**
 * vd_cpio_write_newc:
 * @name: the file's path in the archive, without a leading "/" ("ks.cfg")
 * @contents: its bytes
 * @mode: its permission bits (0644); it is a regular file
 *
 * Writes a newc cpio archive holding one regular file owned by root, with
 * its trailer, to @output (blocking).
 *
 * Returns: %TRUE on success
 */
gboolean
vd_cpio_write_newc (GOutputStream  *output,
                    const char     *name,
                    GBytes         *contents,
                    guint           mode,
                    GCancellable   *cancellable,
                    GError        **error)
{
  gsize length = 0;
  const void *data;

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (output), FALSE);
  g_return_val_if_fail (name != NULL && *name != '\0' && *name != '/', FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);

  data = g_bytes_get_data (contents, &length);
  return write_entry (output, name, data, length, 0100000 | (mode & 07777), 1, cancellable,
                      error) &&
         write_entry (output, "TRAILER!!!", NULL, 0, 0, 0, cancellable, error);
}

/**
 * vd_cpio_append_newc:
 * @path: a file, such as a downloaded initrd (compressed or not)
 * @name: the new file's path in the archive ("fedora.ks")
 * @contents: its bytes
 * @mode: its permission bits
 *
 * Appends a newc archive holding @name to the file at @path (blocking).
 * The kernel looks for a further archive only at an offset that is a
 * multiple of four, so the file is first padded with zeros (which it
 * skips) to one.
 *
 * Returns: %TRUE on success
 */
gboolean
vd_cpio_append_newc (const char     *path,
                     const char     *name,
                     GBytes         *contents,
                     guint           mode,
                     GCancellable   *cancellable,
                     GError        **error)
{
  static const char zeros[4] = { 0 };
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileOutputStream) output = NULL;
  goffset size;

  g_return_val_if_fail (path != NULL, FALSE);

  file = g_file_new_for_path (path);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            cancellable, error);
  if (info == NULL)
    return FALSE;
  size = g_file_info_get_size (info);
  output = g_file_append_to (file, G_FILE_CREATE_NONE, cancellable, error);
  if (output == NULL)
    return FALSE;
  if (size % 4 != 0 &&
      !g_output_stream_write_all (G_OUTPUT_STREAM (output), zeros, 4 - size % 4, NULL,
                                  cancellable, error))
    return FALSE;
  return vd_cpio_write_newc (G_OUTPUT_STREAM (output), name, contents, mode, cancellable, error) &&
         g_output_stream_close (G_OUTPUT_STREAM (output), cancellable, error);
}
