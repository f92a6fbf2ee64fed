/* vd-iso9660.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-iso9660"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vd-iso9660.h"

/*
 * Just enough of ISO 9660 (ECMA-119) to copy one file out of an installer
 * image: the kernel and initrd of a local ISO install, for the unattended
 * install's script to be appended to the initrd.
 *
 * The volume descriptors start at the 2048-byte sector 16 and run until the
 * set terminator (type 255); the primary one (type 1) gives the logical
 * block size, the volume id and the root directory's record. A directory's
 * extent is a list of records that never cross a 2048-byte sector: a zero
 * length byte means "the rest of this sector is padding". Names are
 * compared case-insensitively, without the ";1" version and a trailing
 * ".", and with the Rock Ridge name (the SUSP "NM" entries in a record's
 * System Use area, also through "CE" continuation areas) where there is
 * one. SUSP is used only when the root's "." record starts with a valid
 * "SP" entry, whose skip count is then honoured. Every offset and length
 * read from the image is checked against the record, the sector and the
 * file's size: a damaged image is refused with G_IO_ERROR_INVALID_DATA.
 * Joliet (a supplementary descriptor), multi-extent and interleaved files
 * are not read.
 */

#define SECTOR_SIZE       2048
#define FIRST_DESCRIPTOR  16
#define MAX_DESCRIPTORS   64
#define MAX_CONTINUATIONS 8
#define MAX_NAME          1024
#define COPY_CHUNK        (64 * 1024)

#define FLAG_DIRECTORY    0x02
#define FLAG_MULTI_EXTENT 0x80

#define NM_CONTINUE       0x01
#define NM_CURRENT        0x02
#define NM_PARENT         0x04

typedef struct
{
  GFile        *file;
  GInputStream *input;
  guint64       size;
  guint         block_size;
  guint32       root_extent;
  guint32       root_length;
  char          volume_id[33];
  gboolean      susp;
  guint         susp_skip;
} Reader;

typedef struct
{
  guint32 extent;
  guint32 length;
  guint8  flags;
} Entry;

static guint16
le16 (const guint8 *p)
{
  return (guint16)(p[0] | (p[1] << 8));
}

static guint32
le32 (const guint8 *p)
{
  return (guint32)p[0] | ((guint32)p[1] << 8) | ((guint32)p[2] << 16) | ((guint32)p[3] << 24);
}

static void
reader_clear (Reader *reader)
{
  g_clear_object (&reader->input);
}

static gboolean
damaged (Reader      *reader,
         const char  *reason,
         GError     **error)
{
  g_autofree char *name = g_file_get_parse_name (reader->file);

  /* translators: the ISO file's path, then why ("a directory record is cut off") */
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("The ISO image “%s” is damaged: %s"),
               name, reason);
  return FALSE;
}

/* Reads exactly @length bytes at @offset, all inside the file. */
static gboolean
read_at (Reader        *reader,
         guint64        offset,
         void          *buffer,
         gsize          length,
         GCancellable  *cancellable,
         GError       **error)
{
  gsize done = 0;

  if (offset > reader->size || length > reader->size - offset)
    return damaged (reader, _("data lies beyond the end of the file"), error);
  if (!g_seekable_seek (G_SEEKABLE (reader->input), (goffset)offset, G_SEEK_SET, cancellable,
                        error) ||
      !g_input_stream_read_all (reader->input, buffer, length, &done, cancellable, error))
    return FALSE;
  if (done != length)
    return damaged (reader, _("data lies beyond the end of the file"), error);
  return TRUE;
}

/* The System Use area of one record: the Rock Ridge name into @name (left
 * empty without one). Stops quietly at an entry that does not fit; follows
 * at most MAX_CONTINUATIONS "CE" areas. */
static gboolean
parse_system_use (Reader        *reader,
                  const guint8  *area,
                  gsize          length,
                  GString       *name,
                  guint          depth,
                  GCancellable  *cancellable,
                  GError       **error)
{
  guint64 ce_offset = 0;
  guint32 ce_length = 0;
  gsize p = 0;

  while (p + 4 <= length)
    {
      guint entry_length = area[p + 2];

      if (entry_length < 4 || entry_length > length - p)
        break;
      if (area[p] == 'S' && area[p + 1] == 'T')
        break;
      if (area[p] == 'N' && area[p + 1] == 'M' && entry_length >= 5)
        {
          guint8 flags = area[p + 4];

          if ((flags & (NM_CURRENT | NM_PARENT)) == 0 &&
              name->len + (entry_length - 5) <= MAX_NAME)
            g_string_append_len (name, (const char *)area + p + 5, entry_length - 5);
        }
      else if (area[p] == 'C' && area[p + 1] == 'E' && entry_length >= 28)
        {
          ce_offset = (guint64)le32 (area + p + 4) * reader->block_size + le32 (area + p + 12);
          ce_length = le32 (area + p + 20);
        }
      p += entry_length;
    }

  if (ce_length > 0 && depth < MAX_CONTINUATIONS)
    {
      g_autofree guint8 *more = NULL;

      if (ce_length > SECTOR_SIZE)
        return damaged (reader, _("a Rock Ridge continuation area is too large"), error);
      more = g_malloc (ce_length);
      if (!read_at (reader, ce_offset, more, ce_length, cancellable, error))
        return FALSE;
      return parse_system_use (reader, more, ce_length, name, depth + 1, cancellable, error);
    }
  return TRUE;
}

/* The ISO name without its ";version" and a trailing ".". */
static char *
plain_name (const guint8 *bytes,
            guint         length)
{
  char *name = g_strndup ((const char *)bytes, length);
  char *semicolon = strchr (name, ';');
  gsize len;

  if (semicolon != NULL)
    *semicolon = '\0';
  len = strlen (name);
  if (len > 0 && name[len - 1] == '.')
    name[len - 1] = '\0';
  return name;
}

/* One directory record at @record (@length bytes, inside its sector):
 * whether it is called @wanted; its extent, size and flags in @entry. */
static gboolean
record_matches (Reader        *reader,
                const guint8  *record,
                guint          length,
                const char    *wanted,
                Entry         *entry,
                gboolean      *matches,
                GCancellable  *cancellable,
                GError       **error)
{
  guint name_length = record[32];
  guint system_use;
  g_autofree char *iso_name = NULL;
  g_autoptr(GString) rr_name = NULL;

  *matches = FALSE;
  if (33 + name_length > length)
    return damaged (reader, _("a file name is longer than its directory record"), error);
  /* "." and ".." */
  if (name_length == 1 && (record[33] == 0 || record[33] == 1))
    return TRUE;

  entry->extent = le32 (record + 2);
  entry->length = le32 (record + 10);
  entry->flags = record[25];

  iso_name = plain_name (record + 33, name_length);
  rr_name = g_string_new (NULL);
  system_use = 33 + name_length + (name_length % 2 == 0 ? 1 : 0);
  if (reader->susp && system_use + reader->susp_skip < length &&
      !parse_system_use (reader, record + system_use + reader->susp_skip,
                         length - system_use - reader->susp_skip, rr_name, 0, cancellable, error))
    return FALSE;

  *matches = g_ascii_strcasecmp (iso_name, wanted) == 0 ||
             (rr_name->len > 0 && strlen (rr_name->str) == rr_name->len &&
              g_ascii_strcasecmp (rr_name->str, wanted) == 0);
  if (*matches && entry->flags & FLAG_MULTI_EXTENT)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   /* translators: a file inside an ISO image */
                   _("“%s” is stored in several parts on the ISO image, which cannot be read"),
                   wanted);
      return FALSE;
    }
  if (*matches && (record[26] != 0 || record[27] != 0))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   /* translators: a file inside an ISO image */
                   _("“%s” is stored interleaved on the ISO image, which cannot be read"),
                   wanted);
      return FALSE;
    }
  if (*matches && ((guint64)entry->extent * reader->block_size > reader->size ||
                   entry->length > reader->size - (guint64)entry->extent * reader->block_size))
    return damaged (reader, _("a file lies beyond the end of the image"), error);
  return TRUE;
}

/* Looks for @wanted in the directory at @extent, @length bytes, sector
 * by sector. Sets @found. */
static gboolean
find_in_directory (Reader        *reader,
                   guint32        extent,
                   guint32        length,
                   const char    *wanted,
                   Entry         *found,
                   gboolean      *matched,
                   GCancellable  *cancellable,
                   GError       **error)
{
  guint64 start = (guint64)extent * reader->block_size;
  guint8 sector[SECTOR_SIZE];

  *matched = FALSE;
  if (start > reader->size || length > reader->size - start)
    return damaged (reader, _("a directory lies beyond the end of the image"), error);

  for (guint64 done = 0; done < length; done += SECTOR_SIZE)
    {
      gsize chunk = MIN (SECTOR_SIZE, length - done);
      gsize p = 0;

      if (!read_at (reader, start + done, sector, chunk, cancellable, error))
        return FALSE;
      while (p < chunk && sector[p] != 0)
        {
          guint record_length = sector[p];

          if (record_length < 34 || record_length > chunk - p)
            return damaged (reader, _("a directory record is cut off"), error);
          if (!record_matches (reader, sector + p, record_length, wanted, found, matched,
                               cancellable, error))
            return FALSE;
          if (*matched)
            return TRUE;
          p += record_length;
        }
    }
  return TRUE;
}

/* Whether the root's "." record starts with a SUSP "SP" entry (check
 * bytes 0xBE 0xEF): then SUSP (Rock Ridge) entries are read, skipping its
 * LEN_SKP bytes in every other record. */
static gboolean
detect_susp (Reader        *reader,
             GCancellable  *cancellable,
             GError       **error)
{
  guint64 start = (guint64)reader->root_extent * reader->block_size;
  guint8 sector[SECTOR_SIZE];
  gsize chunk = MIN (SECTOR_SIZE, reader->root_length);
  guint record_length, name_length, system_use;

  if (chunk < 34)
    return damaged (reader, _("the root directory is too small"), error);
  if (!read_at (reader, start, sector, chunk, cancellable, error))
    return FALSE;
  record_length = sector[0];
  if (record_length < 34 || record_length > chunk)
    return damaged (reader, _("a directory record is cut off"), error);
  name_length = sector[32];
  system_use = 33 + name_length + (name_length % 2 == 0 ? 1 : 0);
  if (system_use + 7 <= record_length &&
      sector[system_use] == 'S' && sector[system_use + 1] == 'P' &&
      sector[system_use + 2] == 7 && sector[system_use + 4] == 0xBE &&
      sector[system_use + 5] == 0xEF)
    {
      reader->susp = TRUE;
      reader->susp_skip = sector[system_use + 6];
    }
  return TRUE;
}

static gboolean
reader_open (Reader        *reader,
             GFile         *file,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(GFileInputStream) input = NULL;
  g_autoptr(GFileInfo) info = NULL;
  gboolean have_primary = FALSE;
  guint8 sector[SECTOR_SIZE];

  memset (reader, 0, sizeof *reader);
  reader->file = file;
  input = g_file_read (file, cancellable, error);
  if (input == NULL)
    return FALSE;
  info = g_file_input_stream_query_info (input, G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable,
                                         error);
  if (info == NULL)
    return FALSE;
  reader->input = G_INPUT_STREAM (g_steal_pointer (&input));
  reader->size = (guint64)MAX (g_file_info_get_size (info), 0);

  for (guint i = 0; i < MAX_DESCRIPTORS; i++)
    {
      guint64 offset = (guint64)(FIRST_DESCRIPTOR + i) * SECTOR_SIZE;

      if (offset + SECTOR_SIZE > reader->size)
        break;
      if (!read_at (reader, offset, sector, SECTOR_SIZE, cancellable, error))
        return FALSE;
      if (memcmp (sector + 1, "CD001", 5) != 0)
        break;
      if (sector[0] == 255)
        break;
      if (sector[0] == 1 && !have_primary)
        {
          const guint8 *root = sector + 156;
          guint block_size = le16 (sector + 128);

          if (block_size != 512 && block_size != 1024 && block_size != 2048)
            return damaged (reader, _("the logical block size is not 512, 1024 or 2048"), error);
          if (root[0] < 34 || (root[25] & FLAG_DIRECTORY) == 0)
            return damaged (reader, _("the root directory record is not valid"), error);
          reader->block_size = block_size;
          reader->root_extent = le32 (root + 2);
          reader->root_length = le32 (root + 10);
          memcpy (reader->volume_id, sector + 40, 32);
          reader->volume_id[32] = '\0';
          g_strchomp (reader->volume_id);
          have_primary = TRUE;
        }
    }
  if (!have_primary)
    {
      g_autofree char *name = g_file_get_parse_name (file);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   /* translators: a file's path */
                   _("“%s” is not an ISO 9660 image: it has no primary volume descriptor"), name);
      return FALSE;
    }
  return detect_susp (reader, cancellable, error);
}

/**
 * vd_iso9660_get_volume_id:
 * @iso: an ISO 9660 image
 *
 * Returns: (transfer full): the primary volume descriptor's volume id,
 *   without its trailing spaces (maybe empty), or %NULL with @error set
 */
char *
vd_iso9660_get_volume_id (GFile         *iso,
                          GCancellable  *cancellable,
                          GError       **error)
{
  Reader reader;
  char *volume_id = NULL;

  g_return_val_if_fail (G_IS_FILE (iso), NULL);

  if (reader_open (&reader, iso, cancellable, error))
    volume_id = g_strdup (reader.volume_id);
  reader_clear (&reader);
  return volume_id;
}

/**
 * vd_iso9660_extract:
 * @iso: an ISO 9660 image
 * @path: a file's path on it ("images/pxeboot/vmlinuz"; a leading "/" is
 *   ignored), matched case-insensitively against the ISO names (without
 *   ";1") and the Rock Ridge names
 * @output: where its bytes go (not closed)
 *
 * Copies one file out of @iso.
 *
 * Returns: %TRUE once all of it is written; %G_IO_ERROR_NOT_FOUND when
 *   @path is not there, %G_IO_ERROR_IS_DIRECTORY when it names a
 *   directory, %G_IO_ERROR_INVALID_DATA for a damaged image
 */
gboolean
vd_iso9660_extract (GFile          *iso,
                    const char     *path,
                    GOutputStream  *output,
                    GCancellable   *cancellable,
                    GError        **error)
{
  Reader reader;
  g_auto(GStrv) parts = NULL;
  Entry entry = { 0 };
  gboolean ok = FALSE;
  guint n_found = 0;
  guint n_parts = 0;

  g_return_val_if_fail (G_IS_FILE (iso), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (output), FALSE);

  if (!reader_open (&reader, iso, cancellable, error))
    goto out;

  entry.extent = reader.root_extent;
  entry.length = reader.root_length;
  entry.flags = FLAG_DIRECTORY;
  parts = g_strsplit (path, "/", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      gboolean matched = FALSE;

      if (*parts[i] == '\0')
        continue;
      n_parts++;
      if ((entry.flags & FLAG_DIRECTORY) == 0 || g_str_equal (parts[i], ".") ||
          g_str_equal (parts[i], ".."))
        break;
      if (!find_in_directory (&reader, entry.extent, entry.length, parts[i], &entry, &matched,
                              cancellable, error))
        goto out;
      if (!matched)
        break;
      n_found++;
    }
  if (n_parts == 0 || n_found != n_parts)
    {
      g_autofree char *name = g_file_get_parse_name (iso);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   /* translators: a file's path inside an ISO image, then the ISO's path */
                   _("There is no file “%s” on the ISO image “%s”"), path, name);
      goto out;
    }
  if (entry.flags & FLAG_DIRECTORY)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   /* translators: a path inside an ISO image */
                   _("“%s” on the ISO image is a folder, not a file"), path);
      goto out;
    }

  {
    g_autofree guint8 *buffer = g_malloc (COPY_CHUNK);
    guint64 start = (guint64)entry.extent * reader.block_size;

    for (guint64 done = 0; done < entry.length; )
      {
        gsize chunk = MIN (COPY_CHUNK, entry.length - done);

        if (!read_at (&reader, start + done, buffer, chunk, cancellable, error) ||
            !g_output_stream_write_all (output, buffer, chunk, NULL, cancellable, error))
          goto out;
        done += chunk;
      }
  }
  ok = TRUE;

out:
  reader_clear (&reader);
  return ok;
}
