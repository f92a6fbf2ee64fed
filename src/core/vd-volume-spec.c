/* vd-volume-spec.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-volume-spec"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vd-error.h"
#include "vd-host-private.h"
#include "vd-libvirt-task.h"
#include "vd-storage-volume.h"
#include "vd-volume-spec.h"

#include <libvirt-gconfig/libvirt-gconfig.h>

/*
 * What the Create Volume dialog collects, judged one field at a time
 * against the pool it goes into, and turned into libvirt's volume XML with
 * libvirt-gconfig. The creation itself is one of the pool's operations
 * (vd-storage-pool.c), which re-reads the pool and so its volume list.
 */

G_DEFINE_BOXED_TYPE (VdVolumeSpec, vd_volume_spec, vd_volume_spec_copy, vd_volume_spec_free)

VdVolumeSpec *
vd_volume_spec_new (void)
{
  VdVolumeSpec *spec = g_new0 (VdVolumeSpec, 1);

  spec->format = g_strdup ("qcow2");
  spec->capacity = 20 * (guint64)1 << 30;

  return spec;
}

VdVolumeSpec *
vd_volume_spec_copy (const VdVolumeSpec *spec)
{
  VdVolumeSpec *copy;

  g_return_val_if_fail (spec != NULL, NULL);

  copy = g_new0 (VdVolumeSpec, 1);
  *copy = *spec;
  copy->name = g_strdup (spec->name);
  copy->format = g_strdup (spec->format);
  copy->backing = g_strdup (spec->backing);

  return copy;
}

void
vd_volume_spec_free (VdVolumeSpec *spec)
{
  if (spec == NULL)
    return;

  g_free (spec->name);
  g_free (spec->format);
  g_free (spec->backing);
  g_free (spec);
}

/* Pools whose volumes are files, which qemu-img can format. */
static const char * const file_formats[] = { "raw", "qcow2", "qed", "vmdk", "vdi", "vpc", NULL };
static const char * const gluster_formats[] = { "raw", "qcow2", NULL };
/* LVM logical volumes, partitions, LUNs, RBD images, ZFS volumes: the
 * volume is the block device, with no format of its own. */
static const char * const block_formats[] = { "raw", NULL };

/**
 * vd_volume_spec_get_formats:
 *
 * Returns: (transfer none): the formats a volume of a pool of @pool_type
 *   can have, the first being the default
 */
const char * const *
vd_volume_spec_get_formats (const char *pool_type)
{
  if (g_strcmp0 (pool_type, "dir") == 0 || g_strcmp0 (pool_type, "fs") == 0 ||
      g_strcmp0 (pool_type, "netfs") == 0)
    return file_formats;
  if (g_strcmp0 (pool_type, "gluster") == 0)
    return gluster_formats;
  return block_formats;
}

static gboolean
pool_has_file_volumes (VdStoragePool *pool)
{
  return vd_volume_spec_get_formats (vd_storage_pool_get_pool_type (pool)) != block_formats;
}

static const struct
{
  const char *unit;
  guint64     factor;
} units[] = {
  { "KiB", (guint64)1 << 10 },
  { "MiB", (guint64)1 << 20 },
  { "GiB", (guint64)1 << 30 },
  { "TiB", (guint64)1 << 40 },
};

/**
 * vd_volume_spec_parse_size:
 * @text: a number, with a decimal point if any ("20", "1.5")
 * @unit: "KiB", "MiB", "GiB" or "TiB"
 * @bytes: (out): the size
 * @message: (out) (optional): why @text is not a size
 *
 * Returns: whether @text is a size
 */
gboolean
vd_volume_spec_parse_size (const char  *text,
                           const char  *unit,
                           guint64     *bytes,
                           char       **message)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));
  guint64 factor = 0;
  char *end = NULL;
  double value;

  for (guint i = 0; i < G_N_ELEMENTS (units); i++)
    if (g_strcmp0 (units[i].unit, unit) == 0)
      factor = units[i].factor;
  g_return_val_if_fail (factor != 0, FALSE);

  value = g_ascii_strtod (stripped, &end);
  if (*stripped == '\0' || end == NULL || *end != '\0' || !(value >= 0) || value != value)
    {
      if (message != NULL)
        *message = g_strdup (_("Enter the size as a number, for example 20 or 1.5."));
      return FALSE;
    }
  if (value * (double)factor >= 9.2e18)
    {
      if (message != NULL)
        *message = g_strdup (_("The size is larger than any volume can be."));
      return FALSE;
    }

  *bytes = (guint64)(value * (double)factor + 0.5);
  return TRUE;
}

static gboolean
format_allowed (const char *format,
                VdStoragePool *pool)
{
  return format != NULL &&
         g_strv_contains (vd_volume_spec_get_formats (vd_storage_pool_get_pool_type (pool)),
                          format);
}

static guint64
bytes_allocated_now (const VdVolumeSpec *spec)
{
  return spec->preallocation == VD_VOLUME_PREALLOCATION_FULL ? spec->capacity
                                                              : spec->allocation;
}

static char *
check_name (const VdVolumeSpec *spec,
            VdStoragePool      *pool)
{
  if (spec->name == NULL || *spec->name == '\0')
    return g_strdup (_("Enter a name for the volume."));
  if (strchr (spec->name, '/') != NULL)
    return g_strdup (_("A volume name cannot contain “/”."));
  if (spec->name[0] == '.')
    return g_strdup (_("A volume name cannot start with “.”."));
  if (vd_storage_pool_find_volume (pool, spec->name) != NULL)
    return g_strdup_printf (_("The pool “%s” already has a volume called “%s”."),
                            vd_storage_pool_get_name (pool), spec->name);
  return NULL;
}

static char *
check_format (const VdVolumeSpec *spec,
              VdStoragePool      *pool)
{
  if (!format_allowed (spec->format, pool))
    {
      const char *type = vd_storage_pool_get_pool_type (pool);
      g_autofree char *list = g_strjoinv (", ", (char **)vd_volume_spec_get_formats (type));

      /* translators: a pool type (dir, logical, ...), then a list of formats */
      return g_strdup_printf (_("A %s pool holds only these formats: %s."),
                              vd_storage_pool_get_pool_type (pool), list);
    }
  return NULL;
}

static char *
check_capacity (const VdVolumeSpec *spec,
                VdStoragePool      *pool)
{
  if (spec->capacity == 0)
    return g_strdup (_("The capacity must be more than zero."));

  if (spec->preallocation == VD_VOLUME_PREALLOCATION_FULL &&
      spec->capacity > vd_storage_pool_get_available (pool))
    {
      g_autofree char *free_text =
        g_format_size_full (vd_storage_pool_get_available (pool), G_FORMAT_SIZE_IEC_UNITS);

      return g_strdup_printf (_("Only %s are free in the pool “%s”: allocate less, or leave "
                                "the volume sparse."), free_text,
                              vd_storage_pool_get_name (pool));
    }
  return NULL;
}

static char *
check_allocation (const VdVolumeSpec *spec,
                  VdStoragePool      *pool)
{
  if (spec->preallocation == VD_VOLUME_PREALLOCATION_METADATA &&
      g_strcmp0 (spec->format, "qcow2") != 0)
    return g_strdup (_("Only a qcow2 volume can preallocate its metadata."));
  if (spec->preallocation != VD_VOLUME_PREALLOCATION_NONE && spec->backing != NULL &&
      *spec->backing != '\0')
    return g_strdup (_("A volume with a backing volume cannot be preallocated."));
  if (spec->preallocation == VD_VOLUME_PREALLOCATION_NONE)
    {
      if (spec->allocation > spec->capacity)
        return g_strdup (_("The allocation cannot exceed the capacity."));
      if (spec->allocation > vd_storage_pool_get_available (pool))
        {
          g_autofree char *free_text =
            g_format_size_full (vd_storage_pool_get_available (pool), G_FORMAT_SIZE_IEC_UNITS);

          return g_strdup_printf (_("Only %s are free in the pool “%s”."), free_text,
                                  vd_storage_pool_get_name (pool));
        }
    }
  return NULL;
}

static char *
check_backing (const VdVolumeSpec *spec,
               VdStoragePool      *pool)
{
  VdStorageVolume *backing;

  if (spec->backing == NULL || *spec->backing == '\0')
    return NULL;
  if (g_strcmp0 (spec->format, "qcow2") != 0)
    return g_strdup (_("Only a qcow2 volume can have a backing volume."));

  backing = vd_storage_pool_find_volume (pool, spec->backing);
  if (backing == NULL)
    return g_strdup_printf (_("The pool has no volume called “%s”."), spec->backing);
  if (vd_storage_volume_get_path (backing) == NULL)
    return g_strdup_printf (_("“%s” has no path to base a volume on."), spec->backing);
  return NULL;
}

/**
 * vd_volume_spec_check:
 * @pool: the pool the volume goes into: its type (formats), free space and
 *   volumes (names, backing volumes)
 *
 * Returns: (transfer full) (nullable): the translated reason @field is
 *   wrong, or %NULL
 */
char *
vd_volume_spec_check (const VdVolumeSpec *spec,
                      VdVolumeSpecField   field,
                      VdStoragePool      *pool)
{
  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (VD_IS_STORAGE_POOL (pool), NULL);

  switch (field)
    {
    case VD_VOLUME_SPEC_FIELD_NAME:
      return check_name (spec, pool);
    case VD_VOLUME_SPEC_FIELD_FORMAT:
      return check_format (spec, pool);
    case VD_VOLUME_SPEC_FIELD_CAPACITY:
      return check_capacity (spec, pool);
    case VD_VOLUME_SPEC_FIELD_ALLOCATION:
      return check_allocation (spec, pool);
    case VD_VOLUME_SPEC_FIELD_BACKING:
      return check_backing (spec, pool);
    case VD_VOLUME_SPEC_N_FIELDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
vd_volume_spec_validate (const VdVolumeSpec  *spec,
                         VdStoragePool       *pool,
                         GError             **error)
{
  g_return_val_if_fail (spec != NULL, FALSE);

  for (guint field = 0; field < VD_VOLUME_SPEC_N_FIELDS; field++)
    {
      g_autofree char *message = vd_volume_spec_check (spec, field, pool);

      if (message != NULL)
        {
          g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT, message);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * vd_volume_spec_to_xml:
 *
 * The volume's libvirt XML for virStorageVolCreateXML(). Block pools get
 * no format (their volumes have none); a backing volume is named by its
 * path, with its format.
 *
 * Returns: (transfer full): the XML
 */
char *
vd_volume_spec_to_xml (const VdVolumeSpec *spec,
                       VdStoragePool      *pool)
{
  GVirConfigStorageVol *vol;
  char *xml;

  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (VD_IS_STORAGE_POOL (pool), NULL);

  /* (libvirt-gconfig ships no autoptr cleanups for these types) */
  vol = gvir_config_storage_vol_new ();
  gvir_config_storage_vol_set_name (vol, spec->name);
  gvir_config_storage_vol_set_capacity (vol, spec->capacity);
  gvir_config_storage_vol_set_allocation (vol, bytes_allocated_now (spec));

  if (pool_has_file_volumes (pool) && spec->format != NULL)
    {
      GVirConfigStorageVolTarget *target = gvir_config_storage_vol_target_new ();

      gvir_config_storage_vol_target_set_format (target, spec->format);
      gvir_config_storage_vol_set_target (vol, target);
      g_object_unref (target);
    }

  if (spec->backing != NULL && *spec->backing != '\0')
    {
      VdStorageVolume *backing = vd_storage_pool_find_volume (pool, spec->backing);

      if (backing != NULL)
        {
          GVirConfigStorageVolBackingStore *store = gvir_config_storage_vol_backing_store_new ();

          gvir_config_storage_vol_backing_store_set_path (store,
                                                          vd_storage_volume_get_path (backing));
          if (vd_storage_volume_get_format (backing) != NULL)
            gvir_config_storage_vol_backing_store_set_format (
              store, vd_storage_volume_get_format (backing));
          gvir_config_storage_vol_set_backing_store (vol, store);
          g_object_unref (store);
        }
    }

  xml = gvir_config_object_to_xml (GVIR_CONFIG_OBJECT (vol));
  g_object_unref (vol);
  return xml;
}

/**
 * vd_storage_pool_create_volume_async:
 * @spec: the volume; turned into XML at once
 *
 * Creates the volume in the pool (virStorageVolCreateXML) in a worker, as
 * one of the pool's operations (the pool is busy meanwhile), then re-reads
 * the pool, so vd_storage_pool_get_volumes() lists the new volume when
 * this completes. An invalid spec fails with %VD_ERROR_INVALID_ARGUMENT
 * without reaching libvirt.
 */
void
vd_storage_pool_create_volume_async (VdStoragePool       *self,
                                     const VdVolumeSpec  *spec,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = NULL;
  guint flags = 0;

  g_return_if_fail (VD_IS_STORAGE_POOL (self));
  g_return_if_fail (spec != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  if (!vd_volume_spec_validate (spec, self, &error))
    {
      g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);

      g_task_set_source_tag (task, vd_storage_pool_create_volume_async);
      g_prefix_error (&error, _("Failed to create the volume “%s”: "), spec->name);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (spec->preallocation == VD_VOLUME_PREALLOCATION_METADATA)
    flags |= VIR_STORAGE_VOL_CREATE_PREALLOC_METADATA;
  xml = vd_volume_spec_to_xml (spec, self);

  _vd_storage_pool_run_create_volume (self, spec->name, xml, flags,
                                      vd_storage_pool_create_volume_async,
                                      cancellable, callback, user_data);
}

gboolean
vd_storage_pool_create_volume_finish (VdStoragePool  *self,
                                      GAsyncResult   *result,
                                      GError        **error)
{
  g_return_val_if_fail (VD_IS_STORAGE_POOL (self), FALSE);

  return vd_libvirt_task_finish (self, result, vd_storage_pool_create_volume_async, error);
}
