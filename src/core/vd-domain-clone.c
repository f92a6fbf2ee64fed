/* vd-domain-clone.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-domain-clone"

#include "config.h"

#include <glib/gi18n.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>

#include "vd-domain-clone.h"
#include "vd-error.h"
#include "vd-host-private.h"
#include "vd-install-spec.h"

/*
 * The clone spec: what the new guest is called and what becomes of each
 * of the original's disks, with defaults drawn from the original's
 * inactive XML and the pools as they were read, and the checks the dialog
 * shows beside its fields. The new guest's XML is the original's document
 * with only what must differ changed (name, UUID, MACs, cloned disks'
 * sources, skipped disks, the NVRAM path, fixed graphics ports); every
 * other element, attribute and namespace is left as parsed. The worker
 * that copies the volumes and defines the guest is in
 * vd-domain-clone-run.c.
 */

typedef struct
{
  char       *name;
  char       *target_path;
  guint64     available;     /* bytes; G_MAXUINT64: not known */
  GHashTable *volumes;       /* names of its volumes (owned keys) */
} ClonePool;

struct _VdClonePools
{
  GPtrArray *pools;          /* ClonePool */
};

static void
clone_pool_free (gpointer user_data)
{
  ClonePool *pool = user_data;

  g_free (pool->name);
  g_free (pool->target_path);
  g_hash_table_unref (pool->volumes);
  g_free (pool);
}

static ClonePool *
clone_pool_copy (const ClonePool *pool)
{
  ClonePool *copy = g_new0 (ClonePool, 1);
  GHashTableIter iter;
  gpointer key;

  copy->name = g_strdup (pool->name);
  copy->target_path = g_strdup (pool->target_path);
  copy->available = pool->available;
  copy->volumes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_iter_init (&iter, pool->volumes);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_hash_table_add (copy->volumes, g_strdup (key));
  return copy;
}

static const ClonePool *
find_pool (const VdClonePools *pools,
           const char         *name)
{
  if (pools == NULL || name == NULL)
    return NULL;
  for (guint i = 0; i < pools->pools->len; i++)
    {
      const ClonePool *pool = g_ptr_array_index (pools->pools, i);

      if (g_strcmp0 (pool->name, name) == 0)
        return pool;
    }
  return NULL;
}

static void
clone_disk_free (gpointer user_data)
{
  VdCloneDisk *disk = user_data;

  g_free (disk->target);
  g_free (disk->device);
  g_free (disk->source);
  g_free (disk->pool);
  g_free (disk->volume);
  g_free (disk->format);
  g_free (disk->no_clone_reason);
  g_free (disk->new_volume);
  g_free (disk->new_path);
  g_free (disk);
}

static VdCloneDisk *
clone_disk_copy (const VdCloneDisk *disk)
{
  VdCloneDisk *copy = g_memdup2 (disk, sizeof *disk);

  copy->target = g_strdup (disk->target);
  copy->device = g_strdup (disk->device);
  copy->source = g_strdup (disk->source);
  copy->pool = g_strdup (disk->pool);
  copy->volume = g_strdup (disk->volume);
  copy->format = g_strdup (disk->format);
  copy->no_clone_reason = g_strdup (disk->no_clone_reason);
  copy->new_volume = g_strdup (disk->new_volume);
  copy->new_path = g_strdup (disk->new_path);
  return copy;
}

/**
 * vd_clone_spec_free:
 */
void
vd_clone_spec_free (VdCloneSpec *spec)
{
  if (spec == NULL)
    return;
  g_free (spec->name);
  g_free (spec->original_name);
  g_free (spec->original_xml);
  g_clear_pointer (&spec->disks, g_ptr_array_unref);
  g_strfreev (spec->guest_names);
  if (spec->pools != NULL)
    {
      g_ptr_array_unref (spec->pools->pools);
      g_free (spec->pools);
    }
  g_free (spec);
}

/**
 * vd_clone_spec_copy:
 *
 * Returns: (transfer full): a deep copy of @spec
 */
VdCloneSpec *
vd_clone_spec_copy (const VdCloneSpec *spec)
{
  VdCloneSpec *copy;

  g_return_val_if_fail (spec != NULL, NULL);

  copy = g_new0 (VdCloneSpec, 1);
  copy->name = g_strdup (spec->name);
  copy->original_name = g_strdup (spec->original_name);
  copy->original_xml = g_strdup (spec->original_xml);
  copy->disks = g_ptr_array_new_with_free_func (clone_disk_free);
  for (guint i = 0; i < spec->disks->len; i++)
    g_ptr_array_add (copy->disks, clone_disk_copy (g_ptr_array_index (spec->disks, i)));
  copy->n_interfaces = spec->n_interfaces;
  copy->guest_names = g_strdupv (spec->guest_names);
  copy->pools = g_new0 (VdClonePools, 1);
  copy->pools->pools = g_ptr_array_new_with_free_func (clone_pool_free);
  for (guint i = 0; spec->pools != NULL && i < spec->pools->pools->len; i++)
    g_ptr_array_add (copy->pools->pools,
                     clone_pool_copy (g_ptr_array_index (spec->pools->pools, i)));
  return copy;
}

/**
 * vd_clone_spec_get_disk:
 *
 * Returns: (transfer none): the disk at @index
 */
VdCloneDisk *
vd_clone_spec_get_disk (const VdCloneSpec *spec,
                        guint              index)
{
  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (index < spec->disks->len, NULL);

  return g_ptr_array_index (spec->disks, index);
}

/**
 * vd_clone_spec_set_disk_action:
 *
 * Sets what becomes of a disk; %VD_CLONE_DISK_CLONE is refused (returns
 * %FALSE, nothing changes) for a disk that cannot be cloned.
 */
gboolean
vd_clone_spec_set_disk_action (VdCloneSpec       *spec,
                               guint              index,
                               VdCloneDiskAction  action)
{
  VdCloneDisk *disk = vd_clone_spec_get_disk (spec, index);

  g_return_val_if_fail (disk != NULL, FALSE);

  if (action == VD_CLONE_DISK_CLONE && disk->no_clone_reason != NULL)
    return FALSE;
  disk->action = action;
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Defaults from the original                                          */
/* ------------------------------------------------------------------ */

static gboolean
is_element (xmlNode    *node,
            const char *name)
{
  return node != NULL && node->type == XML_ELEMENT_NODE && node->ns == NULL &&
         strcmp ((const char *)node->name, name) == 0;
}

static xmlNode *
find_child (xmlNode    *parent,
            const char *name)
{
  for (xmlNode *child = parent ? parent->children : NULL; child != NULL; child = child->next)
    if (is_element (child, name))
      return child;
  return NULL;
}

static char *
get_prop (xmlNode    *node,
          const char *name)
{
  xmlChar *value = node ? xmlGetNoNsProp (node, (const xmlChar *)name) : NULL;
  char *ret = g_strdup ((const char *)value);

  xmlFree (value);
  return ret;
}

static char *
get_text (xmlNode *node)
{
  xmlChar *value = node ? xmlNodeGetContent (node) : NULL;
  char *ret = value ? g_strstrip (g_strdup ((const char *)value)) : NULL;

  xmlFree (value);
  return ret;
}

/* Which attribute of <source> holds the disk's path, by the disk's type. */
static const char *
source_attribute (const char *type)
{
  if (g_strcmp0 (type, "file") == 0)
    return "file";
  if (g_strcmp0 (type, "block") == 0)
    return "dev";
  if (g_strcmp0 (type, "dir") == 0)
    return "dir";
  return NULL;
}

static const VdStorageVolumeInfo *
find_volume_by_path (GPtrArray                *pool_infos,
                     const char               *path,
                     const VdStoragePoolInfo **pool_out)
{
  for (guint i = 0; pool_infos != NULL && i < pool_infos->len; i++)
    {
      const VdStoragePoolInfo *pool = g_ptr_array_index (pool_infos, i);

      for (guint j = 0; pool->volumes != NULL && j < pool->volumes->len; j++)
        {
          const VdStorageVolumeInfo *vol = g_ptr_array_index (pool->volumes, j);

          if (g_strcmp0 (vol->path, path) == 0 || g_strcmp0 (vol->key, path) == 0)
            {
              *pool_out = pool;
              return vol;
            }
        }
    }
  return NULL;
}

static const VdStorageVolumeInfo *
find_volume_by_name (GPtrArray                *pool_infos,
                     const char               *pool_name,
                     const char               *name,
                     const VdStoragePoolInfo **pool_out)
{
  for (guint i = 0; pool_infos != NULL && i < pool_infos->len; i++)
    {
      const VdStoragePoolInfo *pool = g_ptr_array_index (pool_infos, i);

      if (g_strcmp0 (pool->name, pool_name) != 0)
        continue;
      for (guint j = 0; pool->volumes != NULL && j < pool->volumes->len; j++)
        {
          const VdStorageVolumeInfo *vol = g_ptr_array_index (pool->volumes, j);

          if (g_strcmp0 (vol->name, name) == 0)
            {
              *pool_out = pool;
              return vol;
            }
        }
    }
  return NULL;
}

static gboolean
volume_name_taken (const VdCloneSpec *spec,
                   const char        *pool_name,
                   const char        *name,
                   const VdCloneDisk *except)
{
  const ClonePool *pool = find_pool (spec->pools, pool_name);

  if (pool != NULL && g_hash_table_contains (pool->volumes, name))
    return TRUE;
  /* Another disk of this clone going to the same name in the same pool */
  for (guint i = 0; i < spec->disks->len; i++)
    {
      const VdCloneDisk *other = g_ptr_array_index (spec->disks, i);

      if (other != except && other->action == VD_CLONE_DISK_CLONE &&
          g_strcmp0 (other->pool, pool_name) == 0 && g_strcmp0 (other->new_volume, name) == 0)
        return TRUE;
    }
  return FALSE;
}

/* "web.qcow2" → "web-clone.qcow2", then "web-clone1.qcow2", ... */
static char *
suggest_volume_name (const VdCloneSpec *spec,
                     const VdCloneDisk *disk)
{
  const char *dot = strrchr (disk->volume, '.');
  g_autofree char *stem = NULL;
  const char *ext = "";

  if (dot != NULL && dot != disk->volume)
    {
      stem = g_strndup (disk->volume, dot - disk->volume);
      ext = dot;
    }
  else
    stem = g_strdup (disk->volume);

  for (guint n = 0;; n++)
    {
      g_autofree char *name = n == 0 ? g_strdup_printf ("%s-clone%s", stem, ext)
                                     : g_strdup_printf ("%s-clone%u%s", stem, n, ext);

      if (!volume_name_taken (spec, disk->pool, name, disk))
        return g_steal_pointer (&name);
    }
}

static char *
suggest_guest_name (const char         *original,
                    const char * const *taken)
{
  for (guint n = 0;; n++)
    {
      g_autofree char *name = n == 0 ? g_strdup_printf ("%s-clone", original)
                                     : g_strdup_printf ("%s-clone%u", original, n);

      if (taken == NULL || !g_strv_contains (taken, name))
        return g_steal_pointer (&name);
    }
}

static VdCloneDisk *
disk_from_xml (xmlNode   *node,
               GPtrArray *pool_infos)
{
  VdCloneDisk *disk = g_new0 (VdCloneDisk, 1);
  xmlNode *source = find_child (node, "source");
  g_autofree char *type = get_prop (node, "type");
  const char *attribute = source_attribute (type);
  const VdStoragePoolInfo *pool = NULL;
  const VdStorageVolumeInfo *vol = NULL;
  gboolean is_media;

  disk->device = get_prop (node, "device");
  if (disk->device == NULL)
    disk->device = g_strdup ("disk");
  disk->target = get_prop (find_child (node, "target"), "dev");
  disk->read_only = find_child (node, "readonly") != NULL;
  disk->shareable = find_child (node, "shareable") != NULL;
  is_media = g_strcmp0 (disk->device, "cdrom") == 0 || g_strcmp0 (disk->device, "floppy") == 0;

  if (g_strcmp0 (type, "volume") == 0 && source != NULL)
    {
      g_autofree char *pool_name = get_prop (source, "pool");
      g_autofree char *vol_name = get_prop (source, "volume");

      if (pool_name != NULL && vol_name != NULL)
        disk->source = g_strdup_printf ("%s/%s", pool_name, vol_name);
      vol = find_volume_by_name (pool_infos, pool_name, vol_name, &pool);
    }
  else if (attribute != NULL && source != NULL)
    {
      disk->source = get_prop (source, attribute);
      if (disk->source != NULL && g_strcmp0 (type, "dir") != 0)
        vol = find_volume_by_path (pool_infos, disk->source, &pool);
    }
  else if (source != NULL)
    /* translators: a disk whose source is e.g. "network" or "nvme" */
    disk->source = g_strdup_printf (_("(%s storage)"), type ? type : "?");

  if (vol != NULL)
    {
      disk->pool = g_strdup (pool->name);
      disk->volume = g_strdup (vol->name);
      disk->format = g_strdup (vol->format);
      disk->capacity = vol->capacity;
      disk->allocation = vol->allocation;
    }

  if (disk->source == NULL)
    disk->no_clone_reason = g_strdup (_("The drive is empty: there is nothing to copy."));
  else if (vol == NULL)
    disk->no_clone_reason = g_strdup (_("Not a volume of a storage pool, so it cannot be "
                                        "copied. Share it or leave it out."));

  /* A writable disk nobody else may write to is copied; read-only and
   * shareable disks and removable media are meant to be used by several
   * guests. A writable disk that cannot be copied is left out rather than
   * shared: two guests writing one disk corrupt it. */
  if (disk->read_only || disk->shareable || is_media)
    disk->action = VD_CLONE_DISK_SHARE;
  else if (disk->no_clone_reason == NULL)
    disk->action = VD_CLONE_DISK_CLONE;
  else
    disk->action = VD_CLONE_DISK_SKIP;

  return disk;
}

static VdClonePools *
pools_from_infos (GPtrArray *pool_infos)
{
  VdClonePools *pools = g_new0 (VdClonePools, 1);

  pools->pools = g_ptr_array_new_with_free_func (clone_pool_free);
  for (guint i = 0; pool_infos != NULL && i < pool_infos->len; i++)
    {
      const VdStoragePoolInfo *info = g_ptr_array_index (pool_infos, i);
      ClonePool *pool = g_new0 (ClonePool, 1);

      pool->name = g_strdup (info->name);
      pool->target_path = g_strdup (info->target_path);
      pool->available = info->active ? info->available : G_MAXUINT64;
      pool->volumes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      for (guint j = 0; info->volumes != NULL && j < info->volumes->len; j++)
        {
          const VdStorageVolumeInfo *vol = g_ptr_array_index (info->volumes, j);
          g_hash_table_add (pool->volumes, g_strdup (vol->name));
        }
      g_ptr_array_add (pools->pools, pool);
    }
  return pools;
}

static xmlDoc *
parse_domain (const char  *xml,
              GError     **error)
{
  xmlDoc *doc = xmlReadMemory (xml, (int)strlen (xml), "domain.xml", NULL,
                               XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);

  if (doc == NULL || !is_element (xmlDocGetRootElement (doc), "domain"))
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                           _("The guest’s configuration is not a libvirt domain description"));
      g_clear_pointer (&doc, xmlFreeDoc);
    }
  return doc;
}

/**
 * vd_clone_spec_new_from_xml:
 * @xml: the original guest's inactive XML
 * @guest_names: (nullable): the connection's guests, for a free name
 * @pool_infos: (nullable) (element-type VdStoragePoolInfo): the
 *   connection's pools as a worker read them (vd-host-private.h)
 *
 * The defaults: the name “NAME-clone” (or -clone1, -clone2, ... when
 * taken); writable disks that are pool volumes cloned into their pool as
 * “VOLUME-clone.EXT”; read-only and shareable disks and removable media
 * shared; writable disks that are no pool's volume left out.
 *
 * Returns: (transfer full): the spec, or %NULL when @xml is no domain
 */
VdCloneSpec *
vd_clone_spec_new_from_xml (const char          *xml,
                            const char * const  *guest_names,
                            GPtrArray           *pool_infos,
                            GError             **error)
{
  g_autoptr(VdCloneSpec) spec = NULL;
  xmlDoc *doc;
  xmlNode *root;
  xmlNode *devices;

  g_return_val_if_fail (xml != NULL, NULL);

  doc = parse_domain (xml, error);
  if (doc == NULL)
    return NULL;
  root = xmlDocGetRootElement (doc);

  spec = g_new0 (VdCloneSpec, 1);
  spec->original_xml = g_strdup (xml);
  spec->original_name = get_text (find_child (root, "name"));
  if (spec->original_name == NULL)
    spec->original_name = g_strdup ("");
  spec->guest_names = g_strdupv ((char **)guest_names);
  spec->pools = pools_from_infos (pool_infos);
  spec->disks = g_ptr_array_new_with_free_func (clone_disk_free);

  devices = find_child (root, "devices");
  for (xmlNode *child = devices ? devices->children : NULL; child != NULL; child = child->next)
    {
      if (is_element (child, "disk"))
        g_ptr_array_add (spec->disks, disk_from_xml (child, pool_infos));
      else if (is_element (child, "interface"))
        spec->n_interfaces++;
    }
  xmlFreeDoc (doc);

  spec->name = suggest_guest_name (spec->original_name, guest_names);
  /* In order, so that two disks of one pool get distinct names. */
  for (guint i = 0; i < spec->disks->len; i++)
    {
      VdCloneDisk *disk = g_ptr_array_index (spec->disks, i);

      if (disk->no_clone_reason == NULL)
        disk->new_volume = suggest_volume_name (spec, disk);
    }

  return g_steal_pointer (&spec);
}

/* ------------------------------------------------------------------ */
/* Checks                                                              */
/* ------------------------------------------------------------------ */

/**
 * vd_clone_spec_check_name:
 * @domains: (nullable): the connection's guests now; %NULL to check
 *   against those the spec was made with
 *
 * libvirt's rules for a guest name (those of the New VM wizard) and a
 * name no other guest has.
 *
 * Returns: (transfer full) (nullable): why the name cannot be used
 */
char *
vd_clone_spec_check_name (const VdCloneSpec *spec,
                          GListModel        *domains)
{
  g_autoptr(VdInstallSpec) install = vd_install_spec_new ();

  g_return_val_if_fail (spec != NULL, NULL);

  g_free (install->name);
  install->name = g_strdup (spec->name);
  if (domains == NULL && spec->guest_names != NULL && spec->name != NULL &&
      g_strv_contains ((const char * const *)spec->guest_names, spec->name))
    return g_strdup_printf (_("A guest named “%s” exists already."), spec->name);

  return vd_install_spec_check (install, VD_INSTALL_SPEC_FIELD_NAME, domains, NULL);
}

static guint64
pool_need (const VdCloneSpec *spec,
           const char        *pool_name)
{
  guint64 need = 0;

  for (guint i = 0; i < spec->disks->len; i++)
    {
      const VdCloneDisk *disk = g_ptr_array_index (spec->disks, i);

      if (disk->action == VD_CLONE_DISK_CLONE && g_strcmp0 (disk->pool, pool_name) == 0)
        need += disk->allocation;
    }
  return need;
}

/**
 * vd_clone_spec_check_disk:
 *
 * For a disk to clone: it can be, its new name is a valid volume name
 * that no volume of the pool (nor another copy of this clone) has, and
 * the pool has room for the copies this clone puts there, where its free
 * space is known. Shared and skipped disks are always fine.
 *
 * Returns: (transfer full) (nullable): what is wrong with the disk's
 *   choice
 */
char *
vd_clone_spec_check_disk (const VdCloneSpec *spec,
                          guint              index)
{
  const VdCloneDisk *disk = vd_clone_spec_get_disk (spec, index);
  const ClonePool *pool;
  guint64 need;

  g_return_val_if_fail (disk != NULL, NULL);

  if (disk->action != VD_CLONE_DISK_CLONE)
    return NULL;
  if (disk->no_clone_reason != NULL)
    return g_strdup (disk->no_clone_reason);
  if (disk->new_volume == NULL || disk->new_volume[0] == '\0')
    return g_strdup (_("Enter a name for the new volume."));
  if (strchr (disk->new_volume, '/') != NULL)
    return g_strdup (_("A volume name cannot contain “/”."));
  if (disk->new_volume[0] == '.')
    return g_strdup (_("A volume name cannot start with “.”."));
  if (volume_name_taken (spec, disk->pool, disk->new_volume, disk))
    return g_strdup_printf (_("The pool “%s” already has a volume called “%s”."), disk->pool,
                            disk->new_volume);

  pool = find_pool (spec->pools, disk->pool);
  need = pool_need (spec, disk->pool);
  if (pool != NULL && pool->available != G_MAXUINT64 && need > pool->available)
    {
      g_autofree char *free_text = g_format_size_full (pool->available, G_FORMAT_SIZE_IEC_UNITS);
      g_autofree char *need_text = g_format_size_full (need, G_FORMAT_SIZE_IEC_UNITS);

      /* translators: the pool, its free space, what the copies need */
      return g_strdup_printf (_("The pool “%s” has %s free; the copies need %s."), disk->pool,
                              free_text, need_text);
    }
  return NULL;
}

/**
 * vd_clone_spec_validate:
 * @domains: (nullable): as for vd_clone_spec_check_name()
 *
 * Returns: %TRUE when the spec can be cloned; else %FALSE with the first
 *   problem in @error (%VD_ERROR_INVALID_ARGUMENT)
 */
gboolean
vd_clone_spec_validate (const VdCloneSpec  *spec,
                        GListModel         *domains,
                        GError            **error)
{
  g_autofree char *message = NULL;

  g_return_val_if_fail (spec != NULL, FALSE);

  message = vd_clone_spec_check_name (spec, domains);
  for (guint i = 0; message == NULL && i < spec->disks->len; i++)
    {
      const VdCloneDisk *disk = g_ptr_array_index (spec->disks, i);
      g_autofree char *problem = vd_clone_spec_check_disk (spec, i);

      if (problem != NULL)
        /* translators: the disk's device name (vda), then what is wrong */
        message = g_strdup_printf (_("Disk %s: %s"), disk->target ? disk->target : "?", problem);
    }
  if (message != NULL)
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT, message);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* The new guest's XML                                                 */
/* ------------------------------------------------------------------ */

/* Removes @node with the whitespace before it, so the document keeps
 * libvirt's indentation. */
static void
remove_node (xmlNode *node)
{
  xmlNode *prev = node->prev;

  if (prev != NULL && prev->type == XML_TEXT_NODE && xmlIsBlankNode (prev))
    {
      xmlUnlinkNode (prev);
      xmlFreeNode (prev);
    }
  xmlUnlinkNode (node);
  xmlFreeNode (node);
}

static void
remove_children (xmlNode    *parent,
                 const char *name)
{
  xmlNode *child = parent ? parent->children : NULL;

  while (child != NULL)
    {
      xmlNode *next = child->next;

      if (is_element (child, name))
        remove_node (child);
      child = next;
    }
}

static void
point_disk_at_copy (xmlNode           *node,
                    const VdCloneDisk *disk)
{
  xmlNode *source = find_child (node, "source");
  g_autofree char *type = get_prop (node, "type");
  const char *attribute = source_attribute (type);

  if (source == NULL)
    return;
  if (g_strcmp0 (type, "volume") == 0)
    xmlSetProp (source, (const xmlChar *)"volume", (const xmlChar *)disk->new_volume);
  else if (attribute != NULL && disk->new_path != NULL)
    xmlSetProp (source, (const xmlChar *)attribute, (const xmlChar *)disk->new_path);
  /* The original's backing chain as libvirt last saw it describes the
   * original's file; libvirt reads the copy's own. */
  remove_children (node, "backingStore");
}

/* libvirt makes a fresh NVRAM file (from the template, kept) for a guest
 * whose <nvram> names none; the original's file must not be shared. */
static void
reset_nvram (xmlNode *root)
{
  xmlNode *nvram = find_child (find_child (root, "os"), "nvram");
  xmlNode *child;

  if (nvram == NULL)
    return;
  child = nvram->children;
  while (child != NULL)
    {
      xmlNode *next = child->next;

      if (child->type == XML_TEXT_NODE || is_element (child, "source"))
        {
          xmlUnlinkNode (child);
          xmlFreeNode (child);
        }
      child = next;
    }
  xmlUnsetProp (nvram, (const xmlChar *)"type");
}

/* Two guests with one fixed port cannot run at once: the copy picks its
 * own. Listen addresses and everything else stay. */
static void
free_graphics_port (xmlNode *graphics)
{
  static const char * const ports[] = { "port", "tlsPort", "websocket" };
  g_autofree char *autoport = get_prop (graphics, "autoport");
  gboolean fixed = FALSE;

  if (g_strcmp0 (autoport, "yes") == 0)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (ports); i++)
    {
      g_autofree char *value = get_prop (graphics, ports[i]);

      if (value != NULL && g_strcmp0 (value, "-1") != 0 && g_strcmp0 (value, "0") != 0)
        fixed = TRUE;
    }
  if (!fixed)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (ports); i++)
    xmlUnsetProp (graphics, (const xmlChar *)ports[i]);
  xmlSetProp (graphics, (const xmlChar *)"autoport", (const xmlChar *)"yes");
}

/**
 * vd_clone_spec_to_xml:
 *
 * The new guest's XML: the original's, with the new name, no UUID, no
 * <mac> in any <interface> (libvirt generates new ones), cloned disks
 * pointing at their copies (by @new_volume for a volume disk, by
 * @new_path otherwise), skipped disks removed, no NVRAM path and no fixed
 * graphics port. Nothing else changes.
 *
 * Returns: (transfer full): the XML, or %NULL when the original's is no
 *   domain
 */
char *
vd_clone_spec_to_xml (const VdCloneSpec *spec)
{
  xmlDoc *doc;
  xmlNode *root;
  xmlNode *name;
  xmlNode *devices;
  xmlBuffer *buffer;
  guint disk_index = 0;
  char *ret;

  g_return_val_if_fail (spec != NULL, NULL);

  doc = parse_domain (spec->original_xml, NULL);
  if (doc == NULL)
    return NULL;
  root = xmlDocGetRootElement (doc);

  name = find_child (root, "name");
  if (name != NULL)
    xmlNodeSetContent (name, NULL);
  else
    name = xmlNewChild (root, NULL, (const xmlChar *)"name", NULL);
  xmlNodeAddContent (name, (const xmlChar *)spec->name);
  remove_children (root, "uuid");
  reset_nvram (root);

  devices = find_child (root, "devices");
  for (xmlNode *child = devices ? devices->children : NULL, *next; child != NULL; child = next)
    {
      next = child->next;
      if (is_element (child, "interface"))
        remove_children (child, "mac");
      else if (is_element (child, "graphics"))
        free_graphics_port (child);
      else if (is_element (child, "disk") && disk_index < spec->disks->len)
        {
          const VdCloneDisk *disk = g_ptr_array_index (spec->disks, disk_index++);

          if (disk->action == VD_CLONE_DISK_CLONE)
            point_disk_at_copy (child, disk);
          else if (disk->action == VD_CLONE_DISK_SKIP)
            remove_node (child);
        }
    }

  buffer = xmlBufferCreate ();
  xmlNodeDump (buffer, doc, root, 0, 0);
  ret = g_strconcat ((const char *)xmlBufferContent (buffer), "\n", NULL);
  xmlBufferFree (buffer);
  xmlFreeDoc (doc);
  return ret;
}

/**
 * vd_domain_check_clone:
 *
 * Whether @domain can be cloned in its current state: shut off, or
 * paused (its disks then hold still).
 *
 * Returns: (transfer full) (nullable): why not, translated
 */
char *
vd_domain_check_clone (VdDomain *domain)
{
  g_return_val_if_fail (VD_IS_DOMAIN (domain), NULL);

  if (vd_domain_get_active (domain) && vd_domain_get_state (domain) != VD_DOMAIN_STATE_PAUSED)
    return g_strdup_printf (_("“%s” is running. Pause it or shut it down to clone it."),
                            vd_domain_get_name (domain));
  return NULL;
}
