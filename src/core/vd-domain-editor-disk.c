/* vd-domain-editor-disk.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-domain-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vd-domain-editor-devices.h"
#include "vd-domain-editor-private.h"
#include "vd-error.h"

/*
 * The setters of disks, CD-ROMs and floppies of the domain editor: each
 * validates, then writes only what it owns
 * (vd-domain-editor-devices.c has the device list and the shared parts).
 */

/* libvirt's order of the children of a <disk> */
static const char * const disk_order[] = {
  "driver", "auth", "source", "backingStore", "geometry", "blockio", "mirror", "target",
  "iotune", "throttlefilters", "boot", "readonly", "shareable", "transient", "serial", "wwn",
  "vendor", "product", "encryption", "alias", "address", NULL,
};

/* A flag element (<readonly/>): present or not. */
static gboolean
set_flag_child (xmlNode            *node,
                const char         *name,
                const char * const *order,
                gboolean            on)
{
  xmlNode *flag = _vd_xml_find_child (node, name);

  if (on && flag == NULL)
    _vd_xml_ensure_child (node, name, order);
  else if (!on && flag != NULL)
    _vd_xml_remove_child (flag);

  return TRUE;
}

/* Disks */

void
vd_disk_source_clear (VdDiskSource *source)
{
  g_clear_pointer (&source->path, g_free);
  g_clear_pointer (&source->pool, g_free);
  g_clear_pointer (&source->volume, g_free);
  g_clear_pointer (&source->protocol, g_free);
  g_clear_pointer (&source->name, g_free);
  g_clear_pointer (&source->host, g_free);
  source->port = 0;
  source->type = VD_DISK_SOURCE_NONE;
}

/**
 * vd_domain_editor_get_disk_source:
 * @source: (out caller-allocates): filled in; clear it with
 *   vd_disk_source_clear()
 *
 * Returns: %FALSE when @id is not a disk, CD-ROM or floppy
 */
gboolean
vd_domain_editor_get_disk_source (VdDomainEditor *self,
                                  const char     *id,
                                  VdDiskSource   *source)
{
  xmlNode *node;
  xmlNode *src;
  g_autofree char *type = NULL;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);
  g_return_val_if_fail (source != NULL, FALSE);

  memset (source, 0, sizeof *source);
  node = _vd_device_lookup (self, id, VD_KINDS_DISK, NULL);
  if (node == NULL)
    return FALSE;

  type = _vd_xml_get_prop (node, "type");
  src = _vd_xml_find_child (node, "source");
  if (g_strcmp0 (type, "file") == 0 || g_strcmp0 (type, "block") == 0)
    {
      source->path = _vd_xml_get_prop (src, strcmp (type, "file") == 0 ? "file" : "dev");
      if (source->path != NULL)
        source->type = strcmp (type, "file") == 0 ? VD_DISK_SOURCE_FILE : VD_DISK_SOURCE_BLOCK;
      else
        source->type = VD_DISK_SOURCE_NONE;
    }
  else if (g_strcmp0 (type, "volume") == 0)
    {
      source->type = VD_DISK_SOURCE_VOLUME;
      source->pool = _vd_xml_get_prop (src, "pool");
      source->volume = _vd_xml_get_prop (src, "volume");
    }
  else if (g_strcmp0 (type, "network") == 0)
    {
      xmlNode *host = _vd_xml_find_child (src, "host");
      guint64 port = 0;
      g_autofree char *port_text = _vd_xml_get_prop (host, "port");

      source->type = VD_DISK_SOURCE_NETWORK;
      source->protocol = _vd_xml_get_prop (src, "protocol");
      source->name = _vd_xml_get_prop (src, "name");
      source->host = _vd_xml_get_prop (host, "name");
      if (port_text != NULL && g_ascii_string_to_unsigned (port_text, 10, 0, 65535, &port, NULL))
        source->port = (guint)port;
    }
  else
    source->type = VD_DISK_SOURCE_OTHER;

  return TRUE;
}

static gboolean
check_path (const char  *path,
            GError     **error)
{
  if (path == NULL || *path == '\0')
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                           _("Enter the path of the image or device"));
      return FALSE;
    }
  if (!g_path_is_absolute (path) || !g_utf8_validate (path, -1, NULL))
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not an absolute path"), path);
      return FALSE;
    }
  for (const char *p = path; *p != '\0'; p++)
    if (g_ascii_iscntrl (*p))
      {
        g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                             _("A path cannot hold control characters"));
        return FALSE;
      }

  return TRUE;
}

static gboolean
is_host_name (const char *host)
{
  if (host == NULL || *host == '\0')
    return FALSE;
  if (g_hostname_is_ip_address (host))
    return TRUE;
  for (const char *p = host; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '.')
      return FALSE;

  return host[0] != '-' && host[0] != '.';
}

static gboolean
check_disk_source (VdDeviceKind         kind,
                   const VdDiskSource  *source,
                   GError             **error)
{
  static const char * const protocols[] = {
    "nbd", "iscsi", "rbd", "sheepdog", "gluster", "http", "https", "ftp", "ftps", "tftp", "ssh",
    "vxhs", "nfs", NULL,
  };

  switch (source->type)
    {
    case VD_DISK_SOURCE_NONE:
      if (kind == VD_DEVICE_KIND_DISK)
        {
          g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                               _("Only a CD-ROM or a floppy can be empty"));
          return FALSE;
        }
      return TRUE;
    case VD_DISK_SOURCE_FILE:
    case VD_DISK_SOURCE_BLOCK:
      return check_path (source->path, error);
    case VD_DISK_SOURCE_VOLUME:
      if (!_vd_is_simple_name (source->pool))
        {
          g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                       _("“%s” is not a storage pool name"),
                       source->pool != NULL ? source->pool : "");
          return FALSE;
        }
      if (source->volume == NULL || *source->volume == '\0' ||
          strchr (source->volume, '/') != NULL)
        {
          g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                       _("“%s” is not a volume name"),
                       source->volume != NULL ? source->volume : "");
          return FALSE;
        }
      return TRUE;
    case VD_DISK_SOURCE_NETWORK:
      if (source->protocol == NULL || !g_strv_contains (protocols, source->protocol))
        {
          g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                       _("“%s” is not a network disk protocol"),
                       source->protocol != NULL ? source->protocol : "");
          return FALSE;
        }
      if ((source->name == NULL || *source->name == '\0') &&
          strcmp (source->protocol, "nbd") != 0)
        {
          g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                               _("Enter the name of the image on the server"));
          return FALSE;
        }
      if (!is_host_name (source->host))
        {
          g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                       _("“%s” is not a host name or address"),
                       source->host != NULL ? source->host : "");
          return FALSE;
        }
      if (source->port > 65535)
        {
          g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                       _("Port %u is not between 1 and 65535"), source->port);
          return FALSE;
        }
      return TRUE;
    case VD_DISK_SOURCE_OTHER:
    default:
      g_set_error_literal (error, VD_ERROR, VD_ERROR_NOT_SUPPORTED,
                           _("This kind of disk source cannot be set here"));
      return FALSE;
    }
}

/**
 * vd_domain_editor_set_disk_source:
 *
 * Points the disk at a file, a block device, a storage volume or a network
 * image, or empties a CD-ROM or floppy (%VD_DISK_SOURCE_NONE). When the
 * kind of source stays the same only its attributes change (anything else
 * in &lt;source&gt; is kept); when it changes, &lt;source&gt; is replaced.
 */
gboolean
vd_domain_editor_set_disk_source (VdDomainEditor      *self,
                                  const char          *id,
                                  const VdDiskSource  *source,
                                  GError             **error)
{
  static const char * const type_names[] = { "file", "file", "block", "volume", "network" };
  xmlNode *node;
  xmlNode *src;
  g_autofree char *old_type = NULL;
  const char *type;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);
  g_return_val_if_fail (source != NULL, FALSE);

  node = _vd_device_lookup (self, id, VD_KINDS_DISK, error);
  if (node == NULL || !check_disk_source (_vd_device_node_get_kind (node), source, error))
    return FALSE;
  {
    g_autofree char *device = _vd_xml_get_prop (node, "device");

    if (g_strcmp0 (device, "lun") == 0 && source->type != VD_DISK_SOURCE_BLOCK &&
        !(source->type == VD_DISK_SOURCE_NETWORK && strcmp (source->protocol, "iscsi") == 0))
      {
        g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                             _("A LUN is a host block device or an iSCSI LUN"));
        return FALSE;
      }
  }

  old_type = _vd_xml_get_prop (node, "type");
  src = _vd_xml_find_child (node, "source");
  if (source->type == VD_DISK_SOURCE_NONE)
    {
      if (src != NULL)
        _vd_xml_remove_child (src);
      if (g_strcmp0 (old_type, "file") != 0 && g_strcmp0 (old_type, "block") != 0)
        _vd_xml_set_prop (node, "type", "file");
      return TRUE;
    }

  type = type_names[source->type];
  if (src != NULL && g_strcmp0 (old_type, type) != 0)
    {
      _vd_xml_remove_child (src);
      src = NULL;
    }
  _vd_xml_set_prop (node, "type", type);
  if (src == NULL)
    src = _vd_xml_ensure_child (node, "source", disk_order);

  switch (source->type)
    {
    case VD_DISK_SOURCE_FILE:
      _vd_xml_set_prop (src, "file", source->path);
      break;
    case VD_DISK_SOURCE_BLOCK:
      _vd_xml_set_prop (src, "dev", source->path);
      break;
    case VD_DISK_SOURCE_VOLUME:
      _vd_xml_set_prop (src, "pool", source->pool);
      _vd_xml_set_prop (src, "volume", source->volume);
      break;
    case VD_DISK_SOURCE_NETWORK:
      {
        static const char * const source_order[] = { "host", NULL };
        xmlNode *host;

        _vd_xml_set_prop (src, "protocol", source->protocol);
        _vd_xml_set_prop (src, "name",
                          source->name != NULL && *source->name != '\0' ? source->name : NULL);
        host = _vd_xml_ensure_child (src, "host", source_order);
        _vd_xml_set_prop (host, "name", source->host);
        if (source->port != 0)
          {
            g_autofree char *port = g_strdup_printf ("%u", source->port);

            _vd_xml_set_prop (host, "port", port);
          }
        else
          _vd_xml_set_prop (host, "port", NULL);
      }
      break;
    case VD_DISK_SOURCE_NONE:
    case VD_DISK_SOURCE_OTHER:
    default:
      g_assert_not_reached ();
    }

  return TRUE;
}

char *
vd_domain_editor_get_disk_target (VdDomainEditor *self,
                                  const char     *id)
{
  static const VdAttrField field = { VD_KINDS_DISK, "target", disk_order, "dev", NULL, NULL };

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), NULL);

  return _vd_attr_field_get (self, id, &field);
}

static const char * const disk_buses[] = { "virtio", "sata", "scsi", "ide", "usb", "sd", "xen",
                                           NULL };
static const char * const cdrom_buses[] = { "sata", "scsi", "ide", "usb", NULL };
static const char * const floppy_buses[] = { "fdc", NULL };

char *
vd_domain_editor_get_disk_bus (VdDomainEditor *self,
                               const char     *id)
{
  static const VdAttrField field = { VD_KINDS_DISK, "target", disk_order, "bus", NULL, NULL };

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), NULL);

  return _vd_attr_field_get (self, id, &field);
}

/* A disk's target names its bus (vda, sda, hda, fda): a disk on a new bus
 * gets the first free name of that bus, or libvirt would give it an
 * address another disk has. */
static void
rename_target (xmlNode    *node,
               xmlNode    *target,
               const char *bus)
{
  const char *prefix = strcmp (bus, "virtio") == 0 ? "vd"
                     : strcmp (bus, "ide") == 0 ? "hd"
                     : strcmp (bus, "fdc") == 0 ? "fd"
                     : strcmp (bus, "xen") == 0 ? "xvd"
                     : strcmp (bus, "sd") == 0 ? NULL : "sd";
  g_autofree char *old = _vd_xml_get_prop (target, "dev");
  g_autoptr(GHashTable) used = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (xmlNode *other = node->parent->children; other != NULL; other = other->next)
    if (other != node && _vd_xml_is_element (other, "disk"))
      {
        char *dev = _vd_xml_get_prop (_vd_xml_find_child (other, "target"), "dev");

        if (dev != NULL)
          g_hash_table_add (used, dev);
      }
  /* a name that already belongs to the bus and no other disk has stays */
  if (prefix == NULL ||
      (old != NULL && g_str_has_prefix (old, prefix) && !g_hash_table_contains (used, old)))
    return;
  for (char letter = 'a'; letter <= 'z'; letter++)
    {
      g_autofree char *name = g_strdup_printf ("%s%c", prefix, letter);

      if (!g_hash_table_contains (used, name))
        {
          _vd_xml_set_prop (target, "dev", name);
          return;
        }
    }
}

/**
 * vd_domain_editor_set_disk_bus:
 * @bus: virtio, sata, scsi, ide, usb, sd or xen for a disk; sata, scsi, ide
 *   or usb for a CD-ROM; fdc for a floppy
 *
 * A new bus also drops the disk's &lt;address&gt;, which belongs to the old
 * bus (libvirt gives it one on the new bus), and renames its target after
 * the bus when the name does not fit it (vda on SATA becomes the first free
 * sdX).
 */
gboolean
vd_domain_editor_set_disk_bus (VdDomainEditor  *self,
                               const char      *id,
                               const char      *bus,
                               GError         **error)
{
  xmlNode *node;
  xmlNode *target;
  xmlNode *address;
  const char * const *buses;
  VdDeviceKind kind;
  g_autofree char *old = NULL;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  node = _vd_device_lookup (self, id, VD_KINDS_DISK, error);
  if (node == NULL)
    return FALSE;
  kind = _vd_device_node_get_kind (node);
  buses = kind == VD_DEVICE_KIND_DISK ? disk_buses
        : kind == VD_DEVICE_KIND_CDROM ? cdrom_buses : floppy_buses;
  if (bus == NULL || !g_strv_contains (buses, bus))
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   kind == VD_DEVICE_KIND_DISK ? _("“%s” is not a bus for a disk")
                   : kind == VD_DEVICE_KIND_CDROM ? _("“%s” is not a bus for a CD-ROM")
                   : _("“%s” is not a bus for a floppy"),
                   bus != NULL ? bus : "");
      return FALSE;
    }

  target = _vd_xml_ensure_child (node, "target", disk_order);
  old = _vd_xml_get_prop (target, "bus");
  if (g_strcmp0 (old, bus) == 0)
    return TRUE;
  if (strcmp (bus, "virtio") != 0)
    {
      static const char * const virtio_only[] = { "ioeventfd", "event_idx", "iothread", "queues",
                                                  NULL };
      xmlNode *driver = _vd_xml_find_child (node, "driver");

      for (guint i = 0; virtio_only[i] != NULL; i++)
        {
          g_autofree char *value = _vd_xml_get_prop (driver, virtio_only[i]);

          if (value != NULL)
            {
              g_set_error (error, VD_ERROR, VD_ERROR_NOT_SUPPORTED,
                           _("The disk’s driver sets %s, which only a virtio disk has"),
                           virtio_only[i]);
              return FALSE;
            }
        }
    }
  _vd_xml_set_prop (target, "bus", bus);
  address = _vd_xml_find_child (node, "address");
  if (address != NULL)
    _vd_xml_remove_child (address);
  rename_target (node, target, bus);

  return TRUE;
}

static const char * const disk_formats[] = {
  "raw", "qcow2", "qcow", "qed", "vmdk", "vdi", "vpc", "vhdx", "iso", "dmg", "cow", "bochs",
  "cloop", "parallels", "luks", "fat", "dir", "ploop", NULL,
};
static const char * const disk_caches[] = {
  "none", "writethrough", "writeback", "directsync", "unsafe", NULL,
};
static const char * const disk_ios[] = { "threads", "native", "io_uring", NULL };
static const char * const disk_discards[] = { "unmap", "ignore", NULL };

static const VdAttrField disk_format_field = {
  VD_KINDS_DISK, "driver", disk_order, "type", disk_formats, N_("“%s” is not a disk format"),
};
static const VdAttrField disk_cache_field = {
  VD_KINDS_DISK, "driver", disk_order, "cache", disk_caches, N_("“%s” is not a cache mode"),
};
static const VdAttrField disk_io_field = {
  VD_KINDS_DISK, "driver", disk_order, "io", disk_ios, N_("“%s” is not an I/O mode"),
};
static const VdAttrField disk_discard_field = {
  VD_KINDS_DISK, "driver", disk_order, "discard", disk_discards,
  N_("“%s” is not a discard mode"),
};

char *
vd_domain_editor_get_disk_format (VdDomainEditor *self,
                                  const char     *id)
{
  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), NULL);

  return _vd_attr_field_get (self, id, &disk_format_field);
}

/**
 * vd_domain_editor_set_disk_format:
 * @format: (nullable): raw, qcow2, ...; %NULL lets the hypervisor decide
 */
gboolean
vd_domain_editor_set_disk_format (VdDomainEditor  *self,
                                  const char      *id,
                                  const char      *format,
                                  GError         **error)
{
  xmlNode *node;
  g_autofree char *device = NULL;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  node = _vd_device_lookup (self, id, VD_KINDS_DISK, error);
  if (node == NULL)
    return FALSE;
  device = _vd_xml_get_prop (node, "device");
  if (g_strcmp0 (device, "lun") == 0 && format != NULL && *format != '\0' &&
      strcmp (format, "raw") != 0 && g_strv_contains (disk_formats, format))
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                           _("A LUN is always raw"));
      return FALSE;
    }

  return _vd_attr_field_set (self, id, &disk_format_field, format, error);
}

char *
vd_domain_editor_get_disk_cache (VdDomainEditor *self,
                                 const char     *id)
{
  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), NULL);

  return _vd_attr_field_get (self, id, &disk_cache_field);
}

/**
 * vd_domain_editor_set_disk_cache:
 * @cache: (nullable): none, writethrough, writeback, directsync, unsafe;
 *   %NULL for the hypervisor's default
 */
gboolean
vd_domain_editor_set_disk_cache (VdDomainEditor  *self,
                                 const char      *id,
                                 const char      *cache,
                                 GError         **error)
{
  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  return _vd_attr_field_set (self, id, &disk_cache_field, cache, error);
}

char *
vd_domain_editor_get_disk_io (VdDomainEditor *self,
                              const char     *id)
{
  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), NULL);

  return _vd_attr_field_get (self, id, &disk_io_field);
}

/**
 * vd_domain_editor_set_disk_io:
 * @io: (nullable): threads, native, io_uring; %NULL for the default
 */
gboolean
vd_domain_editor_set_disk_io (VdDomainEditor  *self,
                              const char      *id,
                              const char      *io,
                              GError         **error)
{
  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  return _vd_attr_field_set (self, id, &disk_io_field, io, error);
}

char *
vd_domain_editor_get_disk_discard (VdDomainEditor *self,
                                   const char     *id)
{
  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), NULL);

  return _vd_attr_field_get (self, id, &disk_discard_field);
}

/**
 * vd_domain_editor_set_disk_discard:
 * @discard: (nullable): unmap, ignore; %NULL for the default
 */
gboolean
vd_domain_editor_set_disk_discard (VdDomainEditor  *self,
                                   const char      *id,
                                   const char      *discard,
                                   GError         **error)
{
  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  return _vd_attr_field_set (self, id, &disk_discard_field, discard, error);
}

static gboolean
get_flag (VdDomainEditor *self,
          const char     *id,
          const char     *name)
{
  xmlNode *node = _vd_device_lookup (self, id, VD_KINDS_DISK, NULL);

  return _vd_xml_find_child (node, name) != NULL;
}

gboolean
vd_domain_editor_get_disk_readonly (VdDomainEditor *self,
                                    const char     *id)
{
  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  return get_flag (self, id, "readonly");
}

/**
 * vd_domain_editor_set_disk_readonly:
 *
 * A CD-ROM is always read-only: %FALSE is refused for one.
 */
gboolean
vd_domain_editor_set_disk_readonly (VdDomainEditor  *self,
                                    const char      *id,
                                    gboolean         readonly,
                                    GError         **error)
{
  xmlNode *node;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  node = _vd_device_lookup (self, id, VD_KINDS_DISK, error);
  if (node == NULL)
    return FALSE;
  if (!readonly && _vd_device_node_get_kind (node) == VD_DEVICE_KIND_CDROM)
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                           _("A CD-ROM is always read-only"));
      return FALSE;
    }

  return set_flag_child (node, "readonly", disk_order, readonly);
}

gboolean
vd_domain_editor_get_disk_shareable (VdDomainEditor *self,
                                     const char     *id)
{
  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  return get_flag (self, id, "shareable");
}

gboolean
vd_domain_editor_set_disk_shareable (VdDomainEditor  *self,
                                     const char      *id,
                                     gboolean         shareable,
                                     GError         **error)
{
  xmlNode *node;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  node = _vd_device_lookup (self, id, VD_KINDS_DISK, error);
  if (node == NULL)
    return FALSE;

  return set_flag_child (node, "shareable", disk_order, shareable);
}

gboolean
vd_domain_editor_get_disk_removable (VdDomainEditor *self,
                                     const char     *id)
{
  g_autofree char *removable = NULL;
  xmlNode *node;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  node = _vd_device_lookup (self, id, VD_KINDS_DISK, NULL);
  removable = _vd_xml_child_prop (node, "target", "removable");

  return g_strcmp0 (removable, "on") == 0;
}

/**
 * vd_domain_editor_set_disk_removable:
 *
 * The removable flag of a USB or SCSI disk.
 */
gboolean
vd_domain_editor_set_disk_removable (VdDomainEditor  *self,
                                     const char      *id,
                                     gboolean         removable,
                                     GError         **error)
{
  xmlNode *node;
  xmlNode *target;
  g_autofree char *bus = NULL;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  node = _vd_device_lookup (self, id, VD_KIND_BIT (VD_DEVICE_KIND_DISK), error);
  if (node == NULL)
    return FALSE;
  target = _vd_xml_find_child (node, "target");
  bus = _vd_xml_get_prop (target, "bus");
  if (removable && g_strcmp0 (bus, "usb") != 0 && g_strcmp0 (bus, "scsi") != 0)
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                           _("Only a USB or SCSI disk can be removable"));
      return FALSE;
    }
  if (target != NULL)
    _vd_xml_set_prop (target, "removable", removable ? "on" : NULL);

  return TRUE;
}

char *
vd_domain_editor_get_disk_serial (VdDomainEditor *self,
                                  const char     *id)
{
  xmlNode *node;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), NULL);

  node = _vd_device_lookup (self, id, VD_KINDS_DISK, NULL);

  return _vd_xml_get_text (_vd_xml_find_child (node, "serial"));
}

/**
 * vd_domain_editor_set_disk_serial:
 * @serial: (nullable): letters, digits, space and _ . + -; %NULL or ""
 *   removes it
 */
gboolean
vd_domain_editor_set_disk_serial (VdDomainEditor  *self,
                                  const char      *id,
                                  const char      *serial,
                                  GError         **error)
{
  xmlNode *node;
  xmlNode *element;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  node = _vd_device_lookup (self, id, VD_KINDS_DISK, error);
  if (node == NULL)
    return FALSE;
  element = _vd_xml_find_child (node, "serial");
  if (serial == NULL || *serial == '\0')
    {
      if (element != NULL)
        _vd_xml_remove_child (element);
      return TRUE;
    }
  for (const char *p = serial; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("_.+- ", *p) == NULL)
      {
        g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                     _("A serial number holds letters, digits, spaces and _ . + - only, "
                       "not “%c”"), g_ascii_isprint (*p) ? *p : '?');
        return FALSE;
      }
  if (strlen (serial) > 36)
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                           _("A serial number is at most 36 characters long"));
      return FALSE;
    }

  element = _vd_xml_ensure_child (node, "serial", disk_order);
  _vd_xml_set_text (element, serial);

  return TRUE;
}

