/* vd-url-install.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-url-install"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>
#include <string.h>

#include "vd-error.h"
#include "vd-osinfo.h"
#include "vd-url-install.h"

/*
 * A network install's tree: its .treeinfo read and identified by
 * libosinfo (osinfo_tree_create_from_location, osinfo_db_identify_tree)
 * in a worker, and the blocking download of one of its files, for the
 * creation's worker (vd-domain-create.c): libsoup for http and https,
 * GIO (gvfs) for ftp.
 */

#define CHUNK_SIZE (64 * 1024)

void
vd_url_tree_free (VdUrlTree *tree)
{
  if (tree == NULL)
    return;
  g_free (tree->url);
  g_clear_object (&tree->os);
  g_free (tree->kernel);
  g_free (tree->initrd);
  g_free (tree->install_arg);
  g_free (tree);
}

/* libosinfo's message, without its own prefix ("Failed to load
 * .treeinfo|treeinfo file: Not Found"). */
static const char *
osinfo_detail (const GError *error)
{
  const char *detail = strstr (error->message, "file: ");

  return detail != NULL ? detail + strlen ("file: ") : error->message;
}

static void
read_tree_worker (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  const char *url = task_data;
  g_autoptr(OsinfoDb) db = NULL;
  g_autoptr(OsinfoTree) found = NULL;
  g_autoptr(GMainContext) context = NULL;
  g_autoptr(GError) error = NULL;
  VdUrlTree *tree;

  /* libosinfo's blocking call runs a main loop on the thread-default
   * context: this worker's own, never the GTK thread's. */
  context = g_main_context_new ();
  g_main_context_push_thread_default (context);
  found = osinfo_tree_create_from_location (url, cancellable, &error);
  g_main_context_pop_thread_default (context);
  if (found == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else if (error != NULL && error->domain == G_IO_ERROR)
        /* translators: followed by the reason ("Connection refused") */
        g_task_return_new_error (task, VD_ERROR, VD_ERROR_FAILED,
                                 _("The server could not be reached: %s"), osinfo_detail (error));
      else
        /* translators: followed by the server's answer ("Not Found") */
        g_task_return_new_error (task, VD_ERROR, VD_ERROR_FAILED,
                                 _("This is not an install tree: its .treeinfo file could not be "
                                   "read (%s)."),
                                 error != NULL ? osinfo_detail (error) : _("Unknown error"));
      return;
    }
  if (osinfo_tree_get_kernel_path (found) == NULL || osinfo_tree_get_initrd_path (found) == NULL)
    {
      g_task_return_new_error (task, VD_ERROR, VD_ERROR_FAILED, "%s",
                               _("This install tree names no kernel and initrd to boot."));
      return;
    }

  tree = g_new0 (VdUrlTree, 1);
  tree->url = g_strdup (url);
  tree->kernel = g_strdup (osinfo_tree_get_kernel_path (found));
  tree->initrd = g_strdup (osinfo_tree_get_initrd_path (found));

  /* The wizard's database: the OS found is one of its list's. */
  db = vd_osinfo_load (&error);
  if (db == NULL)
    g_debug ("%s", error->message);
  else if (osinfo_db_identify_tree (db, found))
    {
      tree->os = osinfo_tree_get_os (found);
      tree->install_arg = g_strdup (osinfo_os_get_kernel_url_argument (tree->os));
    }
  g_task_return_pointer (task, tree, (GDestroyNotify)vd_url_tree_free);
}

/**
 * vd_url_tree_read_async:
 * @url: an install tree (http, https, ftp)
 *
 * Reads the tree's .treeinfo in a worker and identifies its OS with
 * libosinfo's database.
 */
void
vd_url_tree_read_async (const char          *url,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (url != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, vd_url_tree_read_async);
  g_task_set_task_data (task, g_strdup (url), g_free);
  g_task_run_in_thread (task, read_tree_worker);
}

/**
 * vd_url_tree_read_finish:
 *
 * Returns: (transfer full): the tree, or %NULL with @error saying the
 *   server could not be reached or holds no install tree there
 */
VdUrlTree *
vd_url_tree_read_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * vd_url_resolve:
 * @base: a tree's URL, with or without its final "/"
 * @relative: a path in the tree
 *
 * Returns: (transfer full): @relative's URL
 */
char *
vd_url_resolve (const char *base,
                const char *relative)
{
  g_autofree char *dir = g_str_has_suffix (base, "/") ? g_strdup (base)
                                                      : g_strconcat (base, "/", NULL);
  char *url = g_uri_resolve_relative (dir, relative, G_URI_FLAGS_ENCODED, NULL);

  return url != NULL ? url : g_strconcat (dir, relative, NULL);
}

static GInputStream *
open_http (const char    *url,
           guint64       *total,
           SoupSession  **session_out,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(SoupSession) session = soup_session_new ();
  g_autoptr(SoupMessage) message = soup_message_new ("GET", url);
  GInputStream *input;
  guint status;
  goffset length;

  if (message == NULL)
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT, _("“%s” is not a valid URL."), url);
      return NULL;
    }
  input = soup_session_send (session, message, cancellable, error);
  if (input == NULL)
    return NULL;
  status = soup_message_get_status (message);
  if (!SOUP_STATUS_IS_SUCCESSFUL (status))
    {
      g_object_unref (input);
      /* translators: the server's status code and reason ("404 Not Found") */
      g_set_error (error, VD_ERROR, VD_ERROR_FAILED, _("the server answered %u %s"), status,
                   soup_message_get_reason_phrase (message) ? soup_message_get_reason_phrase (message)
                                                            : "");
      return NULL;
    }
  length = soup_message_headers_get_content_length (soup_message_get_response_headers (message));
  *total = length > 0 ? (guint64)length : 0;
  *session_out = g_steal_pointer (&session);
  return input;
}

static GInputStream *
open_gio (const char    *url,
          guint64       *total,
          GCancellable  *cancellable,
          GError       **error)
{
  g_autoptr(GFile) file = g_file_new_for_uri (url);
  g_autoptr(GFileInfo) info = NULL;
  GFileInputStream *input = g_file_read (file, cancellable, error);

  if (input == NULL)
    return NULL;
  info = g_file_input_stream_query_info (input, G_FILE_ATTRIBUTE_STANDARD_SIZE, cancellable, NULL);
  *total = info != NULL && g_file_info_has_attribute (info, G_FILE_ATTRIBUTE_STANDARD_SIZE)
             ? (guint64)g_file_info_get_size (info) : 0;
  return G_INPUT_STREAM (input);
}

/**
 * vd_url_download:
 * @url: an http, https or ftp URL
 * @output: where the bytes go
 * @progress: (nullable) (scope call): called in this thread after each
 *   chunk with the bytes so far and the size the server said (0: unsaid)
 *
 * Downloads @url into @output, blocking: for a worker thread. Stops at
 * once when @cancellable is cancelled.
 *
 * Returns: %TRUE when all of it arrived; otherwise @error says why (the
 *   server's status, the network's reason, %G_IO_ERROR_CANCELLED)
 */
gboolean
vd_url_download (const char             *url,
                 GOutputStream          *output,
                 VdUrlDownloadProgress   progress,
                 gpointer                progress_data,
                 GCancellable           *cancellable,
                 GError                **error)
{
  g_autoptr(SoupSession) session = NULL;
  g_autoptr(GInputStream) input = NULL;
  g_autofree char *buffer = NULL;
  guint64 total = 0, done = 0;

  g_return_val_if_fail (url != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (output), FALSE);

  if (g_str_has_prefix (url, "http://") || g_str_has_prefix (url, "https://"))
    input = open_http (url, &total, &session, cancellable, error);
  else
    input = open_gio (url, &total, cancellable, error);
  if (input == NULL)
    return FALSE;

  buffer = g_malloc (CHUNK_SIZE);
  if (progress != NULL)
    progress (0, total, progress_data);
  for (;;)
    {
      gssize n = g_input_stream_read (input, buffer, CHUNK_SIZE, cancellable, error);

      if (n < 0)
        return FALSE;
      if (n == 0)
        break;
      if (!g_output_stream_write_all (output, buffer, n, NULL, cancellable, error))
        return FALSE;
      done += n;
      if (progress != NULL)
        progress (done, total, progress_data);
    }
  if (total > 0 && done < total)
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_FAILED,
                           _("the server closed the connection before the end of the file"));
      return FALSE;
    }
  return g_input_stream_close (input, cancellable, error);
}
