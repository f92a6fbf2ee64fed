/* vd-snapshot.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-snapshot"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "vd-domain-snapshot.h"
#include "vd-error.h"
#include "vd-xml.h"

/*
 * One snapshot of a guest as plain data, and the worker that reads them
 * all: virDomainListAllSnapshots, then each one's XML (name, parent,
 * creation time, state, description, memory and disks) and whether it is
 * the current one. libvirt sends no snapshot events: the view reads the
 * list again after its own operations and when it is shown.
 *
 * The same worker judges which kinds of snapshot the guest's disks allow
 * (see judge_modes()), so the view offers only what libvirt can do.
 */

struct _VdSnapshot
{
  GObject   parent_instance;

  char     *name;
  char     *parent_name;
  gint64    creation_time;  /* seconds since the epoch */
  char     *state;          /* libvirt's word: running, paused, shutoff, disk-snapshot, ... */
  char     *description;
  char     *xml;
  char     *screenshot;     /* path of the thumbnail, NULL when none was taken */
  gboolean  is_current;
  gboolean  has_memory;
  gboolean  is_external;
};

G_DEFINE_FINAL_TYPE (VdSnapshot, vd_snapshot, G_TYPE_OBJECT)

static void
vd_snapshot_finalize (GObject *object)
{
  VdSnapshot *self = VD_SNAPSHOT (object);

  g_free (self->name);
  g_free (self->parent_name);
  g_free (self->state);
  g_free (self->description);
  g_free (self->xml);
  g_free (self->screenshot);

  G_OBJECT_CLASS (vd_snapshot_parent_class)->finalize (object);
}

static void
vd_snapshot_class_init (VdSnapshotClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vd_snapshot_finalize;
}

static void
vd_snapshot_init (VdSnapshot *self)
{
}

#define DEFINE_GETTER(type, field, fallback)               \
  type                                                     \
  vd_snapshot_get_##field (VdSnapshot *self)               \
  {                                                        \
    g_return_val_if_fail (VD_IS_SNAPSHOT (self), fallback); \
    return self->field;                                    \
  }

DEFINE_GETTER (const char *, name, NULL)
DEFINE_GETTER (const char *, parent_name, NULL)
DEFINE_GETTER (gint64, creation_time, 0)
DEFINE_GETTER (const char *, state, NULL)
DEFINE_GETTER (const char *, description, NULL)
DEFINE_GETTER (gboolean, is_current, FALSE)
DEFINE_GETTER (gboolean, has_memory, FALSE)
DEFINE_GETTER (gboolean, is_external, FALSE)
DEFINE_GETTER (const char *, xml, NULL)

/**
 * vd_snapshot_get_screenshot_path:
 *
 * Returns: (nullable): the guest's screen when the snapshot was made (PNG
 *   or PPM, as the hypervisor gave it), %NULL when none was taken
 */
const char *
vd_snapshot_get_screenshot_path (VdSnapshot *self)
{
  g_return_val_if_fail (VD_IS_SNAPSHOT (self), NULL);

  return self->screenshot;
}

/**
 * vd_snapshot_get_state_label:
 *
 * Returns: the guest's state in the snapshot, translated
 */
const char *
vd_snapshot_get_state_label (VdSnapshot *self)
{
  g_return_val_if_fail (VD_IS_SNAPSHOT (self), NULL);

  if (g_strcmp0 (self->state, "running") == 0)
    return C_("snapshot state", "Running");
  if (g_strcmp0 (self->state, "paused") == 0 || g_strcmp0 (self->state, "blocked") == 0)
    return C_("snapshot state", "Paused");
  if (g_strcmp0 (self->state, "shutoff") == 0 || g_strcmp0 (self->state, "shutdown") == 0)
    return C_("snapshot state", "Shut off");
  if (g_strcmp0 (self->state, "disk-snapshot") == 0)
    /* translators: a snapshot of the disks only, without memory */
    return C_("snapshot state", "Disks only");
  if (g_strcmp0 (self->state, "crashed") == 0)
    return C_("snapshot state", "Crashed");
  if (g_strcmp0 (self->state, "pmsuspended") == 0)
    return C_("snapshot state", "Suspended");

  return self->state != NULL ? self->state : "";
}

/* ------------------------------------------------------------------ */
/* The list                                                            */
/* ------------------------------------------------------------------ */

void
vd_snapshot_list_free (VdSnapshotList *list)
{
  if (list == NULL)
    return;

  g_clear_pointer (&list->snapshots, g_ptr_array_unref);
  g_free (list->internal_reason);
  g_free (list->disk_only_reason);
  g_free (list);
}

/**
 * vd_snapshot_list_find:
 *
 * Returns: (transfer none) (nullable): the snapshot called @name
 */
VdSnapshot *
vd_snapshot_list_find (VdSnapshotList *list,
                       const char     *name)
{
  g_return_val_if_fail (list != NULL, NULL);

  for (guint i = 0; name != NULL && i < list->snapshots->len; i++)
    {
      VdSnapshot *snapshot = g_ptr_array_index (list->snapshots, i);

      if (g_strcmp0 (snapshot->name, name) == 0)
        return snapshot;
    }

  return NULL;
}

/**
 * vd_snapshot_list_get_current:
 *
 * Returns: (transfer none) (nullable): the current snapshot
 */
VdSnapshot *
vd_snapshot_list_get_current (VdSnapshotList *list)
{
  g_return_val_if_fail (list != NULL, NULL);

  for (guint i = 0; i < list->snapshots->len; i++)
    {
      VdSnapshot *snapshot = g_ptr_array_index (list->snapshots, i);

      if (snapshot->is_current)
        return snapshot;
    }

  return NULL;
}

/**
 * vd_snapshot_list_count_descendants:
 *
 * Returns: how many snapshots descend from @name (children, theirs, ...)
 */
guint
vd_snapshot_list_count_descendants (VdSnapshotList *list,
                                    const char     *name)
{
  guint count = 0;

  g_return_val_if_fail (list != NULL, 0);

  for (guint i = 0; i < list->snapshots->len; i++)
    {
      VdSnapshot *snapshot = g_ptr_array_index (list->snapshots, i);

      if (snapshot->parent_name != NULL && g_strcmp0 (snapshot->parent_name, name) == 0)
        count += 1 + vd_snapshot_list_count_descendants (list, snapshot->name);
    }

  return count;
}

/**
 * vd_snapshot_check_name:
 * @existing: (nullable): the guest's snapshots, to refuse a name in use
 *
 * Returns: whether @name can name a new snapshot; if not, @error says why
 *   (%VD_ERROR_INVALID_ARGUMENT, translated, for the field)
 */
gboolean
vd_snapshot_check_name (const char     *name,
                        VdSnapshotList *existing,
                        GError        **error)
{
  const char *message = NULL;

  if (name == NULL || name[0] == '\0')
    message = _("Enter a name for the snapshot.");
  else if (g_ascii_isspace (name[0]) || g_ascii_isspace (name[strlen (name) - 1]))
    message = _("The name cannot begin or end with a space.");
  /* libvirt keeps each snapshot's metadata in a file named after it. */
  else if (strchr (name, '/') != NULL)
    message = _("The name cannot contain “/”.");
  else if (name[0] == '.')
    message = _("The name cannot begin with “.”.");
  else if (strlen (name) > 200)
    message = _("The name is too long.");
  else if (existing != NULL && vd_snapshot_list_find (existing, name) != NULL)
    message = _("This guest already has a snapshot of that name.");

  if (message == NULL)
    return TRUE;

  g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT, message);
  return FALSE;
}

/**
 * vd_snapshot_suggest_name:
 * @when: (nullable): the time to name it after, now when %NULL
 *
 * Returns: a name made of the date and time, e.g. "snapshot-2026-12-01-2003"
 */
char *
vd_snapshot_suggest_name (GDateTime *when)
{
  g_autoptr(GDateTime) now = when != NULL ? g_date_time_ref (when) : g_date_time_new_now_local ();

  return g_date_time_format (now, "snapshot-%Y-%m-%d-%H%M%S");
}

/**
 * vd_snapshot_screenshot_file:
 *
 * Returns: where the thumbnail of @uuid's snapshot @name is kept, without
 *   its extension (".png" or ".ppm"): under the user's cache directory,
 *   keyed by the guest's UUID and a digest of the name (any character
 *   may be in a snapshot's name)
 */
char *
vd_snapshot_screenshot_file (const char *uuid,
                             const char *name)
{
  g_autofree char *digest = NULL;

  g_return_val_if_fail (uuid != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, name, -1);

  return g_build_filename (g_get_user_cache_dir (), "virt-desk", "snapshots", uuid, digest, NULL);
}

static char *
find_screenshot (const char *uuid,
                 const char *name)
{
  g_autofree char *base = vd_snapshot_screenshot_file (uuid, name);
  const char *extensions[] = { ".png", ".ppm" };

  for (guint i = 0; i < G_N_ELEMENTS (extensions); i++)
    {
      g_autofree char *path = g_strconcat (base, extensions[i], NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&path);
    }

  return NULL;
}

/* ------------------------------------------------------------------ */
/* Reading (worker)                                                    */
/* ------------------------------------------------------------------ */

static VdSnapshot *
snapshot_from_handle (virDomainSnapshotPtr  handle,
                      const char           *uuid)
{
  g_autoptr(VdSnapshot) self = g_object_new (VD_TYPE_SNAPSHOT, NULL);
  g_autoptr(VdXml) xml = NULL;
  g_autofree char *memory = NULL;
  char *text;

  text = virDomainSnapshotGetXMLDesc (handle, VIR_DOMAIN_XML_SECURE);
  if (text == NULL)
    return NULL;
  self->xml = g_strdup (text);
  free (text);

  xml = vd_xml_new (self->xml);
  if (xml == NULL)
    return NULL;

  self->name = g_strdup (virDomainSnapshotGetName (handle));
  self->parent_name = vd_xml_get_string (xml, "/domainsnapshot/parent/name");
  self->creation_time = (gint64)vd_xml_get_uint64 (xml, "/domainsnapshot/creationTime");
  self->state = vd_xml_get_string (xml, "/domainsnapshot/state");
  self->description = vd_xml_get_string (xml, "/domainsnapshot/description");
  memory = vd_xml_get_string (xml, "/domainsnapshot/memory/@snapshot");
  self->has_memory = memory != NULL && g_strcmp0 (memory, "no") != 0;
  self->is_external = g_strcmp0 (memory, "external") == 0 ||
    vd_xml_get_uint64 (xml, "count(/domainsnapshot/disks/disk[@snapshot='external'])") > 0;
  self->is_current = virDomainSnapshotIsCurrent (handle, 0) == 1;
  self->screenshot = find_screenshot (uuid, self->name);

  return g_steal_pointer (&self);
}

static int
compare_by_time (gconstpointer a,
                 gconstpointer b)
{
  VdSnapshot *x = *(VdSnapshot **)a;
  VdSnapshot *y = *(VdSnapshot **)b;

  if (x->creation_time != y->creation_time)
    return x->creation_time < y->creation_time ? -1 : 1;

  return g_strcmp0 (x->name, y->name);
}

/* Appends @parent's children (oldest first), each followed by its own. */
static void
append_tree (GPtrArray  *out,
             GPtrArray  *sorted,
             const char *parent)
{
  for (guint i = 0; i < sorted->len; i++)
    {
      VdSnapshot *snapshot = g_ptr_array_index (sorted, i);

      if (g_strcmp0 (snapshot->parent_name, parent) == 0)
        {
          g_ptr_array_add (out, g_object_ref (snapshot));
          append_tree (out, sorted, snapshot->name);
        }
    }
}

static gboolean
has_name (GPtrArray  *snapshots,
          const char *name)
{
  for (guint i = 0; name != NULL && i < snapshots->len; i++)
    if (g_strcmp0 (((VdSnapshot *)g_ptr_array_index (snapshots, i))->name, name) == 0)
      return TRUE;

  return FALSE;
}

/*
 * Which kinds the guest allows, from its live definition (the running
 * one when it runs) and the driver:
 *
 *  - internal: QEMU keeps internal snapshots (and the memory state with
 *    them) inside qcow2 images, so every disk it would include (writable,
 *    not excluded with snapshot='no') must be qcow2; it also refuses them
 *    for guests whose UEFI variables live in a pflash image;
 *  - disk-only: always external in libvirt, a new overlay per disk, so the
 *    guest needs at least one writable local disk (file, block or volume);
 *  - the test driver makes internal snapshots of anything and refuses the
 *    disk-only flag outright.
 */
/**
 * vd_snapshot_list_judge_domain_xml:
 * @domain_xml: (nullable): the guest's definition
 *
 * Sets @list's internal_ok/disk_only_ok and their reasons from a QEMU-like
 * guest definition (see judge_modes()).
 */
void
vd_snapshot_list_judge_domain_xml (VdSnapshotList *list,
                                   const char     *domain_xml)
{
  g_autoptr(VdXml) xml = vd_xml_new (domain_xml);
  g_autoptr(GPtrArray) disks = NULL;
  g_autofree char *loader = NULL;
  guint writable = 0;
  guint local = 0;

  g_return_if_fail (list != NULL);

  list->internal_ok = TRUE;
  list->disk_only_ok = TRUE;
  g_clear_pointer (&list->internal_reason, g_free);
  g_clear_pointer (&list->disk_only_reason, g_free);
  if (xml == NULL)
    return;

  disks = vd_xml_get_nodes (xml, "/domain/devices/disk[not(readonly) and "
                                 "(@device='disk' or not(@device)) and "
                                 "not(@snapshot='no')]");
  for (guint i = 0; i < disks->len; i++)
    {
      xmlNodePtr node = g_ptr_array_index (disks, i);
      g_autofree char *format = vd_xml_node_get_string (xml, node, "driver/@type");
      g_autofree char *disk_type = vd_xml_node_get_string (xml, node, "@type");
      g_autofree char *target = vd_xml_node_get_string (xml, node, "target/@dev");

      writable++;
      if (g_strcmp0 (disk_type, "file") == 0 || g_strcmp0 (disk_type, "block") == 0 ||
          g_strcmp0 (disk_type, "volume") == 0)
        local++;

      if (list->internal_ok && g_strcmp0 (format, "qcow2") != 0)
        {
          list->internal_ok = FALSE;
          /* translators: the first %s is a disk's target, e.g. vda; the
           * second its format, e.g. raw */
          list->internal_reason = g_strdup_printf (_("Internal snapshots need qcow2 disks, and "
                                                     "disk %s is %s."),
                                                   target != NULL ? target : "?",
                                                   format != NULL ? format : "raw");
        }
    }

  loader = vd_xml_get_string (xml, "/domain/os/loader/@type");
  if (list->internal_ok && g_strcmp0 (loader, "pflash") == 0)
    {
      list->internal_ok = FALSE;
      list->internal_reason = g_strdup (_("Internal snapshots are not possible for guests with "
                                          "UEFI firmware in flash memory."));
    }

  if (local == 0)
    {
      list->disk_only_ok = FALSE;
      list->disk_only_reason = g_strdup (writable == 0 ? _("The guest has no writable disk.")
                                                       : _("Disk-only snapshots need local disks "
                                                           "(files or block devices)."));
    }
}

/*
 * Which kinds the guest allows, from its live definition (the running
 * one when it runs) and the driver:
 *
 *  - internal: QEMU keeps internal snapshots (and the memory state with
 *    them) inside qcow2 images, so every disk it would include (writable,
 *    not excluded with snapshot='no') must be qcow2; it also refuses them
 *    for guests whose UEFI variables live in a pflash image;
 *  - disk-only: always external in libvirt, a new overlay per disk, so the
 *    guest needs at least one writable local disk (file, block or volume);
 *  - the test driver makes internal snapshots of anything and refuses the
 *    disk-only flag outright.
 */
static void
judge_modes (virDomainPtr    domain,
             VdSnapshotList *list)
{
  const char *type = virConnectGetType (virDomainGetConnect (domain));
  char *text;

  if (g_strcmp0 (type, "TEST") == 0)
    {
      list->internal_ok = TRUE;
      list->disk_only_ok = FALSE;
      list->disk_only_reason = g_strdup (_("This connection’s driver cannot make disk-only "
                                           "snapshots."));
      return;
    }

  text = virDomainGetXMLDesc (domain, 0);
  vd_snapshot_list_judge_domain_xml (list, text);
  free (text);
}

static void
list_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  virDomainPtr domain = task_data;
  g_autoptr(VdSnapshotList) list = g_new0 (VdSnapshotList, 1);
  g_autoptr(GPtrArray) read = g_ptr_array_new_with_free_func (g_object_unref);
  char uuid[VIR_UUID_STRING_BUFLEN] = "";
  virDomainSnapshotPtr *handles = NULL;
  int state = VIR_DOMAIN_NOSTATE;
  int n;

  virDomainGetUUIDString (domain, uuid);
  n = virDomainListAllSnapshots (domain, &handles, 0);
  if (n < 0)
    {
      g_autoptr(GError) error = NULL;

      vd_error_set_from_libvirt (&error, NULL);
      g_prefix_error (&error, _("Failed to read the snapshots of “%s”: "),
                      virDomainGetName (domain));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (int i = 0; i < n; i++)
    {
      VdSnapshot *snapshot = snapshot_from_handle (handles[i], uuid);

      /* One deleted meanwhile is simply not listed. */
      if (snapshot != NULL)
        g_ptr_array_add (read, snapshot);
      virResetLastError ();
      virDomainSnapshotFree (handles[i]);
    }
  free (handles);

  g_ptr_array_sort (read, compare_by_time);
  list->snapshots = g_ptr_array_new_with_free_func (g_object_unref);
  /* Roots first: no parent, or one that is gone. */
  for (guint i = 0; i < read->len; i++)
    {
      VdSnapshot *snapshot = g_ptr_array_index (read, i);

      if (!has_name (read, snapshot->parent_name))
        {
          g_clear_pointer (&snapshot->parent_name, g_free);
          g_ptr_array_add (list->snapshots, g_object_ref (snapshot));
          append_tree (list->snapshots, read, snapshot->name);
        }
    }

  if (virDomainGetState (domain, &state, NULL, 0) == 0)
    list->running = state == VIR_DOMAIN_RUNNING || state == VIR_DOMAIN_PAUSED ||
                    state == VIR_DOMAIN_BLOCKED;
  judge_modes (domain, list);
  virResetLastError ();

  g_task_return_pointer (task, g_steal_pointer (&list), (GDestroyNotify)vd_snapshot_list_free);
}

/**
 * vd_domain_list_snapshots_async:
 *
 * Reads the guest's snapshots and which kinds of snapshot it allows, in a
 * worker. Only reads: the guest is not marked busy.
 */
void
vd_domain_list_snapshots_async (VdDomain            *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  virDomainPtr handle;

  g_return_if_fail (VD_IS_DOMAIN (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vd_domain_list_snapshots_async);
  handle = vd_domain_get_handle (self);
  if (vd_domain_get_connection (self) == NULL || handle == NULL)
    {
      g_task_return_new_error (task, VD_ERROR, VD_ERROR_NOT_CONNECTED,
                               _("Failed to read the snapshots of “%s”: the guest is no longer "
                                 "on an open connection"), vd_domain_get_name (self));
      return;
    }

  virDomainRef (handle);
  g_task_set_task_data (task, handle, (GDestroyNotify)virDomainFree);
  g_task_run_in_thread (task, list_worker);
}

/**
 * vd_domain_list_snapshots_finish:
 *
 * Returns: (transfer full) (nullable): the list, free with
 *   vd_snapshot_list_free()
 */
VdSnapshotList *
vd_domain_list_snapshots_finish (VdDomain      *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == vd_domain_list_snapshots_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
