/* vd-domain-snapshot.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-snapshot"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libxml/tree.h>
#include <string.h>

#include "vd-connection-private.h"
#include "vd-domain-private.h"
#include "vd-domain-snapshot.h"
#include "vd-error.h"
#include "vd-libvirt-task.h"

/*
 * Operations on a guest's snapshots: create, revert, delete, change the
 * description. Each is a guest operation like start or shut down
 * (vd-libvirt-task.c): the guest is busy while it runs, and its state is
 * read again afterwards (a revert can start or stop it). The caller reads
 * the list again when it is done: libvirt sends no snapshot events.
 */

typedef enum
{
  OP_CREATE,
  OP_REVERT,
  OP_DELETE,
  OP_DESCRIBE,
} OpKind;

typedef struct
{
  OpKind          kind;
  virDomainPtr    handle;
  char           *domain_name;
  char           *uuid;
  char           *name;
  char           *description;
  VdSnapshotMode  mode;
  gboolean        with_children;
  char           *own_error; /* a failure that is not libvirt's */
  VdDomainInfo   *after;   /* written by the worker, read in the callback */
} OpData;

static void
op_data_free (gpointer user_data)
{
  OpData *data = user_data;

  virDomainFree (data->handle);
  g_free (data->domain_name);
  g_free (data->uuid);
  g_free (data->name);
  g_free (data->description);
  g_free (data->own_error);
  g_clear_pointer (&data->after, _vd_domain_info_free);
  g_free (data);
}

/* translators: the first %s is a snapshot, the second its guest, the
 * last libvirt's explanation */
static char *
failure_message (gpointer    user_data,
                 const char *detail)
{
  OpData *data = user_data;

  switch (data->kind)
    {
    case OP_CREATE:
      return g_strdup_printf (_("Failed to create snapshot “%s” of “%s”: %s"),
                              data->name, data->domain_name, detail);
    case OP_REVERT:
      return g_strdup_printf (_("Failed to revert “%s” to snapshot “%s”: %s"),
                              data->domain_name, data->name, detail);
    case OP_DELETE:
      return g_strdup_printf (_("Failed to delete snapshot “%s” of “%s”: %s"),
                              data->name, data->domain_name, detail);
    case OP_DESCRIBE:
      return g_strdup_printf (_("Failed to change the description of snapshot “%s” of “%s”: %s"),
                              data->name, data->domain_name, detail);
    default:
      g_assert_not_reached ();
    }
}

/* ------------------------------------------------------------------ */
/* Workers                                                             */
/* ------------------------------------------------------------------ */

static int
append_bytes_cb (virStreamPtr  stream,
                 const char   *bytes,
                 size_t        nbytes,
                 void         *opaque)
{
  GByteArray *buffer = opaque;

  /* A screen is a few MiB at most: refuse anything absurd. */
  if (buffer->len + nbytes > 64 * 1024 * 1024)
    return -1;
  g_byte_array_append (buffer, (const guint8 *)bytes, nbytes);

  /* What it consumed: all. */
  return nbytes;
}

/* The guest's screen as the hypervisor gives it, or NULL (no graphics, a
 * driver that cannot): a thumbnail is a nicety, its failure is silent. */
static GByteArray *
take_screenshot (virDomainPtr   domain,
                 const char   **extension)
{
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  virStreamPtr stream = virStreamNew (virDomainGetConnect (domain), 0);
  char *mime;

  if (stream == NULL)
    {
      virResetLastError ();
      return NULL;
    }

  mime = virDomainScreenshot (domain, stream, 0, 0);
  if (mime == NULL || virStreamRecvAll (stream, append_bytes_cb, buffer) < 0 ||
      virStreamFinish (stream) < 0)
    {
      g_debug ("No screenshot: %s", virGetLastErrorMessage ());
      if (mime != NULL)
        virStreamAbort (stream);
      virStreamFree (stream);
      free (mime);
      virResetLastError ();
      return NULL;
    }
  virStreamFree (stream);

  *extension = g_strcmp0 (mime, "image/png") == 0 ? ".png" : ".ppm";
  free (mime);

  return buffer->len > 0 ? g_steal_pointer (&buffer) : NULL;
}

static void
save_screenshot (const char *uuid,
                 const char *name,
                 GByteArray *image,
                 const char *extension)
{
  g_autofree char *base = vd_snapshot_screenshot_file (uuid, name);
  g_autofree char *path = g_strconcat (base, extension, NULL);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;

  if (g_mkdir_with_parents (dir, 0700) < 0 ||
      !g_file_set_contents (path, (const char *)image->data, image->len, &error))
    g_debug ("Thumbnail of snapshot %s not kept: %s", name,
             error != NULL ? error->message : g_strerror (errno));
}

static void
remove_screenshot (const char *uuid,
                   const char *name)
{
  g_autofree char *base = vd_snapshot_screenshot_file (uuid, name);
  const char *extensions[] = { ".png", ".ppm" };

  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    {
      g_autofree char *path = g_strconcat (base, extensions[i], NULL);

      g_remove (path);
    }
}

static gboolean
create_snapshot (OpData *data)
{
  g_autoptr(GString) xml = g_string_new ("<domainsnapshot>\n");
  g_autoptr(GByteArray) image = NULL;
  const char *extension = NULL;
  unsigned int flags = 0;
  virDomainSnapshotPtr snapshot;
  int state = VIR_DOMAIN_NOSTATE;
  g_autofree char *name = g_markup_escape_text (data->name, -1);

  g_string_append_printf (xml, "  <name>%s</name>\n", name);
  if (data->description != NULL && data->description[0] != '\0')
    {
      g_autofree char *escaped = g_markup_escape_text (data->description, -1);

      g_string_append_printf (xml, "  <description>%s</description>\n", escaped);
    }
  g_string_append (xml, "</domainsnapshot>\n");

  /* Disk-only snapshots are always external in libvirt (a new overlay per
   * disk); all or none of the disks. */
  if (data->mode == VD_SNAPSHOT_MODE_DISK_ONLY)
    flags |= VIR_DOMAIN_SNAPSHOT_CREATE_DISK_ONLY | VIR_DOMAIN_SNAPSHOT_CREATE_ATOMIC;

  /* The screen before the snapshot, while the guest still shows it. */
  if (virDomainGetState (data->handle, &state, NULL, 0) == 0 &&
      (state == VIR_DOMAIN_RUNNING || state == VIR_DOMAIN_PAUSED))
    image = take_screenshot (data->handle, &extension);
  virResetLastError ();

  snapshot = virDomainSnapshotCreateXML (data->handle, xml->str, flags);
  if (snapshot == NULL)
    return FALSE;
  virDomainSnapshotFree (snapshot);

  if (image != NULL)
    save_screenshot (data->uuid, data->name, image, extension);

  return TRUE;
}

static gboolean
delete_snapshot (OpData               *data,
                 virDomainSnapshotPtr  snapshot)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  virDomainSnapshotPtr *children = NULL;

  g_ptr_array_add (names, g_strdup (data->name));
  if (data->with_children)
    {
      int n = virDomainSnapshotListAllChildren (snapshot, &children,
                                                VIR_DOMAIN_SNAPSHOT_LIST_DESCENDANTS);

      if (n < 0)
        return FALSE;
      for (int i = 0; i < n; i++)
        {
          g_ptr_array_add (names, g_strdup (virDomainSnapshotGetName (children[i])));
          virDomainSnapshotFree (children[i]);
        }
      free (children);
    }

  if (virDomainSnapshotDelete (snapshot,
                               data->with_children ? VIR_DOMAIN_SNAPSHOT_DELETE_CHILDREN : 0) < 0)
    return FALSE;

  for (guint i = 0; i < names->len; i++)
    remove_screenshot (data->uuid, g_ptr_array_index (names, i));

  return TRUE;
}

/* The snapshot's own XML with only <description> changed (added, replaced
 * or removed), every other element as libvirt wrote it. */
static char *
replace_description (const char *text,
                     const char *description)
{
  xmlDocPtr doc = xmlReadMemory (text, strlen (text), NULL, NULL,
                                 XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  xmlNodePtr root = doc != NULL ? xmlDocGetRootElement (doc) : NULL;
  xmlNodePtr node = NULL;
  xmlNodePtr name = NULL;
  xmlBufferPtr buffer;
  char *ret;

  if (root == NULL)
    {
      xmlFreeDoc (doc);
      return NULL;
    }

  for (xmlNodePtr child = root->children; child != NULL; child = child->next)
    {
      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (xmlStrEqual (child->name, (const xmlChar *)"description"))
        node = child;
      else if (xmlStrEqual (child->name, (const xmlChar *)"name"))
        name = child;
    }

  if (description == NULL || description[0] == '\0')
    {
      if (node != NULL)
        {
          xmlUnlinkNode (node);
          xmlFreeNode (node);
        }
    }
  else
    {
      if (node == NULL)
        {
          node = xmlNewDocNode (doc, NULL, (const xmlChar *)"description", NULL);
          if (name != NULL)
            xmlAddNextSibling (name, node);
          else
            xmlAddChild (root, node);
        }
      /* xmlNodeSetContent would read entities in the text: a text node
       * keeps it literal (escaped when written). */
      while (node->children != NULL)
        {
          xmlNodePtr old = node->children;

          xmlUnlinkNode (old);
          xmlFreeNode (old);
        }
      xmlAddChild (node, xmlNewDocText (doc, (const xmlChar *)description));
    }

  buffer = xmlBufferCreate ();
  xmlNodeDump (buffer, doc, root, 0, 0);
  ret = g_strdup ((const char *)xmlBufferContent (buffer));
  xmlBufferFree (buffer);
  xmlFreeDoc (doc);

  return ret;
}

static gboolean
describe_snapshot (OpData               *data,
                   virDomainSnapshotPtr  snapshot)
{
  g_autofree char *xml = NULL;
  unsigned int flags = VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE;
  virDomainSnapshotPtr redefined;
  char *text;

  text = virDomainSnapshotGetXMLDesc (snapshot, VIR_DOMAIN_XML_SECURE);
  if (text == NULL)
    return FALSE;
  xml = replace_description (text, data->description);
  free (text);
  if (xml == NULL)
    {
      data->own_error = g_strdup (_("libvirt sent a snapshot description that is not XML"));
      return FALSE;
    }

  /* Redefining without CURRENT would leave the guest without a current
   * snapshot. */
  if (virDomainSnapshotIsCurrent (snapshot, 0) == 1)
    flags |= VIR_DOMAIN_SNAPSHOT_CREATE_CURRENT;

  redefined = virDomainSnapshotCreateXML (data->handle, xml, flags);
  if (redefined == NULL)
    return FALSE;
  virDomainSnapshotFree (redefined);

  return TRUE;
}

static gboolean
run_op (OpData *data)
{
  virDomainSnapshotPtr snapshot;
  gboolean ok = FALSE;

  if (data->kind == OP_CREATE)
    return create_snapshot (data);

  snapshot = virDomainSnapshotLookupByName (data->handle, data->name, 0);
  if (snapshot == NULL)
    return FALSE;

  switch (data->kind)
    {
    case OP_REVERT:
      /* Flags 0: the guest runs, is paused or is off as it was in the
       * snapshot. */
      ok = virDomainRevertToSnapshot (snapshot, 0) == 0;
      break;
    case OP_DELETE:
      ok = delete_snapshot (data, snapshot);
      break;
    case OP_DESCRIBE:
      ok = describe_snapshot (data, snapshot);
      break;
    case OP_CREATE:
    default:
      g_assert_not_reached ();
    }

  virDomainSnapshotFree (snapshot);

  return ok;
}

static gboolean
op_worker (gpointer   user_data,
           GError   **error)
{
  OpData *data = user_data;
  unsigned char uuid[VIR_UUID_BUFLEN];
  virDomainPtr fresh = NULL;
  gboolean ok = run_op (data);

  if (!ok && data->own_error != NULL)
    {
      g_autofree char *message = failure_message (data, data->own_error);

      g_set_error_literal (error, VD_ERROR, VD_ERROR_FAILED, message);
    }
  else if (!ok)
    vd_libvirt_task_set_failure (error, failure_message, data);

  /* A revert starts or stops the guest: its id changed, and the handle
   * keeps the old one client-side. */
  if (virDomainGetUUID (data->handle, uuid) == 0)
    fresh = virDomainLookupByUUID (virDomainGetConnect (data->handle), uuid);
  if (fresh != NULL)
    {
      virDomainFree (data->handle);
      data->handle = fresh;
    }
  virResetLastError ();
  data->after = _vd_domain_info_new_from_handle (data->handle);

  return ok;
}

/* ------------------------------------------------------------------ */
/* Main thread                                                         */
/* ------------------------------------------------------------------ */

static gboolean
is_connected (gpointer self)
{
  return vd_domain_get_connection (self) != NULL;
}

static gboolean
get_busy (gpointer self)
{
  return vd_domain_get_busy (self);
}

static void
begin_busy (gpointer self)
{
  _vd_domain_begin_busy (self);
}

static void
end_busy (gpointer    self,
          const char *error_message)
{
  _vd_domain_end_busy (self, error_message);
}

static void
apply_result (gpointer self,
              gpointer user_data)
{
  OpData *data = user_data;
  VdConnection *connection = vd_domain_get_connection (self);

  if (data->after != NULL && connection != NULL)
    _vd_connection_apply_domain_info (connection, data->after);
}

static const VdLibvirtTaskOps op_ops = {
  .log_domain = G_LOG_DOMAIN,
  .not_connected = N_("the guest is no longer on an open connection"),
  .busy = N_("another operation on this guest is still running"),
  .worker = op_worker,
  .free_data = op_data_free,
  .failure_message = failure_message,
  .is_connected = is_connected,
  .get_busy = get_busy,
  .begin_busy = begin_busy,
  .end_busy = end_busy,
  .apply = apply_result,
};

static OpData *
op_data_new (VdDomain   *self,
             OpKind      kind,
             const char *name)
{
  OpData *data = g_new0 (OpData, 1);

  data->kind = kind;
  data->domain_name = g_strdup (vd_domain_get_name (self));
  data->uuid = g_strdup (vd_domain_get_uuid (self));
  data->name = g_strdup (name);
  data->handle = vd_domain_get_handle (self);
  if (data->handle != NULL)
    virDomainRef (data->handle);

  return data;
}

static void
start_op (VdDomain            *self,
          OpData              *data,
          gpointer             source_tag,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  vd_libvirt_task_run (self, &op_ops, VD_LIBVIRT_TASK_DEFAULT, data, source_tag, cancellable,
                       callback, user_data);
}

/**
 * vd_domain_create_snapshot_async:
 * @name: the new snapshot's name, see vd_snapshot_check_name()
 * @description: (nullable): what it is for
 * @mode: internal (with memory when the guest runs) or disk-only
 *
 * Creates a snapshot. When the guest runs, its screen is kept first as
 * the snapshot's thumbnail (see vd_snapshot_get_screenshot_path()), where
 * the hypervisor can take one. A name vd_snapshot_check_name() refuses
 * fails with %VD_ERROR_INVALID_ARGUMENT before libvirt is asked.
 */
void
vd_domain_create_snapshot_async (VdDomain            *self,
                                 const char          *name,
                                 const char          *description,
                                 VdSnapshotMode       mode,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GError) error = NULL;
  OpData *data;

  g_return_if_fail (VD_IS_DOMAIN (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  if (!vd_snapshot_check_name (name, NULL, &error))
    {
      g_task_report_error (self, callback, user_data, vd_domain_create_snapshot_async,
                           g_steal_pointer (&error));
      return;
    }

  data = op_data_new (self, OP_CREATE, name);
  data->description = g_strdup (description);
  data->mode = mode;
  start_op (self, data, vd_domain_create_snapshot_async, cancellable, callback, user_data);
}

gboolean
vd_domain_create_snapshot_finish (VdDomain      *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  /* A refused name was reported with the same source object and tag. */
  return vd_libvirt_task_finish (self, result, vd_domain_create_snapshot_async, error);
}

/**
 * vd_domain_revert_snapshot_async:
 * @name: the snapshot
 *
 * Reverts the guest to the snapshot: its disks (and memory, when the
 * snapshot has it) become what they were, and it runs, is paused or is
 * off as it was then. Everything since is lost.
 */
void
vd_domain_revert_snapshot_async (VdDomain            *self,
                                 const char          *name,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (VD_IS_DOMAIN (self));
  g_return_if_fail (name != NULL);

  start_op (self, op_data_new (self, OP_REVERT, name), vd_domain_revert_snapshot_async,
            cancellable, callback, user_data);
}

gboolean
vd_domain_revert_snapshot_finish (VdDomain      *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return vd_libvirt_task_finish (self, result, vd_domain_revert_snapshot_async, error);
}

/**
 * vd_domain_delete_snapshot_async:
 * @name: the snapshot
 * @with_children: also delete every snapshot descending from it; without,
 *   its children are kept and take its parent as theirs
 *
 * Deletes the snapshot (and its thumbnail).
 */
void
vd_domain_delete_snapshot_async (VdDomain            *self,
                                 const char          *name,
                                 gboolean             with_children,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  OpData *data;

  g_return_if_fail (VD_IS_DOMAIN (self));
  g_return_if_fail (name != NULL);

  data = op_data_new (self, OP_DELETE, name);
  data->with_children = !!with_children;
  start_op (self, data, vd_domain_delete_snapshot_async, cancellable, callback, user_data);
}

gboolean
vd_domain_delete_snapshot_finish (VdDomain      *self,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  return vd_libvirt_task_finish (self, result, vd_domain_delete_snapshot_async, error);
}

/**
 * vd_domain_set_snapshot_description_async:
 * @name: the snapshot
 * @description: (nullable): the new description; empty or %NULL removes it
 *
 * Redefines the snapshot (VIR_DOMAIN_SNAPSHOT_CREATE_REDEFINE) from its own
 * XML with only the description changed; it stays current if it was.
 */
void
vd_domain_set_snapshot_description_async (VdDomain            *self,
                                          const char          *name,
                                          const char          *description,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data)
{
  OpData *data;

  g_return_if_fail (VD_IS_DOMAIN (self));
  g_return_if_fail (name != NULL);

  data = op_data_new (self, OP_DESCRIBE, name);
  data->description = g_strdup (description);
  start_op (self, data, vd_domain_set_snapshot_description_async, cancellable, callback,
            user_data);
}

gboolean
vd_domain_set_snapshot_description_finish (VdDomain      *self,
                                           GAsyncResult  *result,
                                           GError       **error)
{
  return vd_libvirt_task_finish (self, result, vd_domain_set_snapshot_description_async, error);
}
