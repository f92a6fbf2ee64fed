/* vd-domain-editor-hw.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-domain-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vd-domain-editor-hw.h"
#include "vd-domain-editor-private.h"
#include "vd-error.h"

/*
 * Controllers, shared folders (<filesystem>), smartcards and shared memory
 * (<shmem>) in the domain editor. As everywhere in the editor: validate
 * first, then write only what changed and what the setter owns; children
 * and attributes it does not know stay as libvirt wrote them.
 */

#define KINDS_CONTROLLER VD_KIND_BIT (VD_DEVICE_KIND_CONTROLLER)
#define KINDS_FILESYSTEM VD_KIND_BIT (VD_DEVICE_KIND_FILESYSTEM)
#define KINDS_SMARTCARD  VD_KIND_BIT (VD_DEVICE_KIND_SMARTCARD)
#define KINDS_SHMEM      VD_KIND_BIT (VD_DEVICE_KIND_SHMEM)

static const char * const usb_models[] = {
  "qemu-xhci", "nec-xhci", "ich9-ehci1", "ich9-uhci1", "piix3-uhci", "piix4-uhci", "pci-ohci",
  "none", NULL,
};
static const char * const scsi_models[] = {
  "virtio-scsi", "lsilogic", "lsisas1068", "lsisas1078", "vmpvscsi", "ibmvscsi", NULL,
};

static const char * const fs_order[] = {
  "driver", "binary", "idmap", "source", "target", "readonly", "space_hard_limit",
  "space_soft_limit", "alias", "address", NULL,
};
static const char * const smartcard_order[] = {
  "certificate", "database", "source", "protocol", "alias", "address", NULL,
};
static const char * const shmem_order[] = {
  "model", "size", "server", "msi", "alias", "address", NULL,
};

static guint
parse_uint (const char *text,
            guint       fallback)
{
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, &value, NULL))
    {
      /* PCI buses are written in hex (0x01) */
      if (text != NULL && g_str_has_prefix (text, "0x") &&
          g_ascii_string_to_unsigned (text + 2, 16, 0, G_MAXUINT, &value, NULL))
        return (guint)value;
      return fallback;
    }

  return (guint)value;
}

/* Controllers */

/**
 * vd_domain_editor_get_controller:
 * @type: (out) (optional): usb, scsi, sata, ide, pci, virtio-serial, ...
 * @index: (out) (optional): its index (0 when libvirt wrote none)
 * @model: (out) (optional): its model, %NULL for the default
 */
gboolean
vd_domain_editor_get_controller (VdDomainEditor  *self,
                                 const char      *id,
                                 char           **type,
                                 guint           *index,
                                 char           **model)
{
  xmlNode *node;
  g_autofree char *text = NULL;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  node = _vd_device_lookup (self, id, KINDS_CONTROLLER, NULL);
  if (node == NULL)
    return FALSE;
  if (type != NULL)
    *type = _vd_xml_get_prop (node, "type");
  if (model != NULL)
    *model = _vd_xml_get_prop (node, "model");
  text = _vd_xml_get_prop (node, "index");
  if (index != NULL)
    *index = parse_uint (text, 0);

  return TRUE;
}

/**
 * vd_domain_editor_controller_models:
 *
 * Returns: (nullable): the models a controller of @type can be given here
 *   (usb, scsi), %NULL where its model is not changed here
 */
const char * const *
vd_domain_editor_controller_models (const char *type)
{
  if (g_strcmp0 (type, "usb") == 0)
    return usb_models;
  if (g_strcmp0 (type, "scsi") == 0)
    return scsi_models;

  return NULL;
}

/**
 * vd_domain_editor_set_controller_model:
 * @model: one of vd_domain_editor_controller_models() for its type
 *
 * A USB controller that changes model loses what only the old one had:
 * the ports of an xHCI controller and the companion's &lt;master&gt;.
 */
gboolean
vd_domain_editor_set_controller_model (VdDomainEditor  *self,
                                       const char      *id,
                                       const char      *model,
                                       GError         **error)
{
  static const char * const master[] = { "master", NULL };
  xmlNode *node;
  g_autofree char *type = NULL;
  g_autofree char *old = NULL;
  const char * const *models;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  node = _vd_device_lookup (self, id, KINDS_CONTROLLER, error);
  if (node == NULL)
    return FALSE;
  type = _vd_xml_get_prop (node, "type");
  old = _vd_xml_get_prop (node, "model");
  if (g_strcmp0 (old, model) == 0)
    return TRUE;
  models = vd_domain_editor_controller_models (type);
  if (models == NULL)
    {
      g_set_error (error, VD_ERROR, VD_ERROR_NOT_SUPPORTED,
                   /* Translators: %s is a controller type (pci, sata, ...) */
                   _("The model of a %s controller cannot be changed here"),
                   type != NULL ? type : "");
      return FALSE;
    }
  if (model == NULL || !g_strv_contains (models, model))
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   /* Translators: the first %s is a model, the second a controller type */
                   _("“%s” is not a model of a %s controller"), model != NULL ? model : "", type);
      return FALSE;
    }
  if (strcmp (type, "usb") == 0)
    {
      if (!g_str_has_suffix (model, "-xhci"))
        _vd_xml_set_prop (node, "ports", NULL);
      _vd_xml_remove_children (node, master);
    }
  _vd_xml_set_prop (node, "model", model);

  return TRUE;
}

/**
 * vd_domain_editor_get_controller_uint:
 * @attr: "ports" or "vectors"
 *
 * Returns: the attribute's value, 0 when the controller has none
 */
guint
vd_domain_editor_get_controller_uint (VdDomainEditor *self,
                                      const char     *id,
                                      const char     *attr)
{
  xmlNode *node;
  g_autofree char *text = NULL;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), 0);

  node = _vd_device_lookup (self, id, KINDS_CONTROLLER, NULL);
  text = _vd_xml_get_prop (node, attr);

  return parse_uint (text, 0);
}

static gboolean
set_uint_attr (xmlNode    *node,
               const char *attr,
               guint       value)
{
  g_autofree char *old = _vd_xml_get_prop (node, attr);
  g_autofree char *text = value != 0 ? g_strdup_printf ("%u", value) : NULL;

  if (parse_uint (old, 0) != value)
    _vd_xml_set_prop (node, attr, text);

  return TRUE;
}

/**
 * vd_domain_editor_set_controller_ports:
 * @ports: a virtio-serial controller's ports, 1 to 511; 0 for the default
 * @vectors: its MSI vectors, 1 to 1024; 0 for the default
 */
gboolean
vd_domain_editor_set_controller_ports (VdDomainEditor  *self,
                                       const char      *id,
                                       guint            ports,
                                       guint            vectors,
                                       GError         **error)
{
  xmlNode *node;
  g_autofree char *type = NULL;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  node = _vd_device_lookup (self, id, KINDS_CONTROLLER, error);
  if (node == NULL)
    return FALSE;
  type = _vd_xml_get_prop (node, "type");
  if (g_strcmp0 (type, "virtio-serial") != 0)
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_NOT_SUPPORTED,
                           _("Only a virtio-serial controller has ports and vectors here"));
      return FALSE;
    }
  if (ports > 511)
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("A virtio-serial controller has 1 to 511 ports, not %u"), ports);
      return FALSE;
    }
  if (vectors > 1024)
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("A virtio-serial controller has 1 to 1024 vectors, not %u"), vectors);
      return FALSE;
    }

  return set_uint_attr (node, "ports", ports) && set_uint_attr (node, "vectors", vectors);
}

/* Whether @device (no <address> of its own) goes on the first controller
 * of @type by default. */
static gboolean
default_user (xmlNode    *device,
              const char *type)
{
  const char *name = (const char *)device->name;
  g_autofree char *bus = _vd_xml_get_prop (device, "bus");
  g_autofree char *dtype = _vd_xml_get_prop (device, "type");
  g_autofree char *target_bus = _vd_xml_child_prop (device, "target", "bus");
  g_autofree char *target_type = _vd_xml_child_prop (device, "target", "type");

  if (strcmp (type, "usb") == 0)
    return g_strcmp0 (bus, "usb") == 0 || g_strcmp0 (target_bus, "usb") == 0 ||
           (strcmp (name, "hostdev") == 0 && g_strcmp0 (dtype, "usb") == 0) ||
           strcmp (name, "redirdev") == 0;
  if (strcmp (type, "virtio-serial") == 0)
    return (strcmp (name, "channel") == 0 || strcmp (name, "console") == 0) &&
           g_strcmp0 (target_type, "virtio") == 0;
  if (strcmp (type, "ccid") == 0)
    return strcmp (name, "smartcard") == 0;
  if (strcmp (name, "disk") == 0)
    return g_strcmp0 (target_bus, type) == 0;
  if (strcmp (name, "hostdev") == 0)
    return strcmp (type, "scsi") == 0 && g_strcmp0 (dtype, "scsi") == 0;

  return FALSE;
}

/* The address type by which a device names a controller of @type, and the
 * attribute that holds the controller's index */
static gboolean
address_of (const char  *type,
            const char **address_type,
            const char **attr)
{
  if (g_strcmp0 (type, "usb") == 0)
    *address_type = "usb", *attr = "bus";
  else if (g_strcmp0 (type, "virtio-serial") == 0)
    *address_type = "virtio-serial", *attr = "controller";
  else if (g_strcmp0 (type, "ccid") == 0)
    *address_type = "ccid", *attr = "controller";
  else if (g_strcmp0 (type, "pci") == 0)
    *address_type = "pci", *attr = "bus";
  else if (g_strcmp0 (type, "scsi") == 0 || g_strcmp0 (type, "sata") == 0 ||
           g_strcmp0 (type, "ide") == 0 || g_strcmp0 (type, "fdc") == 0)
    *address_type = "drive", *attr = "controller";
  else
    return FALSE;

  return TRUE;
}

/**
 * vd_domain_editor_list_controller_users:
 *
 * The devices of the guest attached to controller @id, by their
 * &lt;address&gt; (a disk's drive address on a SCSI, SATA or IDE
 * controller of that index, a USB device's bus, a virtio-serial port's
 * controller); a device without an address counts for the first
 * controller of the type it would be put on.
 *
 * Returns: (transfer full) (element-type utf8): their ids, in document order
 */
GPtrArray *
vd_domain_editor_list_controller_users (VdDomainEditor *self,
                                        const char     *id)
{
  GPtrArray *users = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *type = NULL;
  const char *address_type;
  const char *attr;
  xmlNode *devices;
  guint index = 0;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), users);

  if (!vd_domain_editor_get_controller (self, id, &type, &index, NULL) ||
      !address_of (type, &address_type, &attr))
    return users;

  devices = _vd_xml_find_path (self->doc, "devices");
  for (xmlNode *node = devices != NULL ? devices->children : NULL; node != NULL;
       node = node->next)
    {
      xmlNode *address;
      const char *node_id;
      gboolean uses;

      if (node->type != XML_ELEMENT_NODE || _vd_xml_is_element (node, "controller") ||
          (node_id = _vd_device_node_get_id (node)) == NULL)
        continue;
      address = _vd_xml_find_child (node, "address");
      if (address == NULL)
        uses = index == 0 && default_user (node, type);
      else
        {
          g_autofree char *atype = _vd_xml_get_prop (address, "type");
          g_autofree char *value = _vd_xml_get_prop (address, attr);

          uses = g_strcmp0 (atype, address_type) == 0 && parse_uint (value, 0) == index &&
                 (strcmp (address_type, "drive") != 0 || default_user (node, type));
        }
      if (uses)
        g_ptr_array_add (users, g_strdup (node_id));
    }

  return users;
}

/**
 * vd_domain_editor_next_controller_index:
 *
 * Returns: the index a new controller of @type gets: one past the highest
 *   of the guest's controllers of that type, 0 for the first
 */
guint
vd_domain_editor_next_controller_index (VdDomainEditor *self,
                                        const char     *type)
{
  g_autoptr(GPtrArray) devices = NULL;
  guint next = 0;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), 0);

  devices = vd_domain_editor_list_devices (self);
  for (guint i = 0; i < devices->len; i++)
    {
      g_autofree char *other = NULL;
      guint index;

      if (vd_device_ref_get_kind (devices->pdata[i]) != VD_DEVICE_KIND_CONTROLLER ||
          !vd_domain_editor_get_controller (self, vd_device_ref_get_id (devices->pdata[i]),
                                            &other, &index, NULL) ||
          g_strcmp0 (other, type) != 0)
        continue;
      next = MAX (next, index + 1);
    }

  return next;
}

/* Filesystems */

void
vd_filesystem_clear (VdFilesystem *fs)
{
  g_clear_pointer (&fs->driver, g_free);
  g_clear_pointer (&fs->source, g_free);
  g_clear_pointer (&fs->target, g_free);
  g_clear_pointer (&fs->accessmode, g_free);
  fs->readonly = FALSE;
}

/**
 * vd_domain_editor_get_filesystem:
 * @fs: (out caller-allocates): filled in, vd_filesystem_clear() it
 *
 * Returns: %FALSE when @id is no filesystem or not a host directory
 *   (type mount) shared with the guest
 */
gboolean
vd_domain_editor_get_filesystem (VdDomainEditor *self,
                                 const char     *id,
                                 VdFilesystem   *fs)
{
  xmlNode *node;
  g_autofree char *type = NULL;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);
  g_return_val_if_fail (fs != NULL, FALSE);

  memset (fs, 0, sizeof *fs);
  node = _vd_device_lookup (self, id, KINDS_FILESYSTEM, NULL);
  if (node == NULL)
    return FALSE;
  fs->driver = _vd_xml_child_prop (node, "driver", "type");
  fs->source = _vd_xml_child_prop (node, "source", "dir");
  fs->target = _vd_xml_child_prop (node, "target", "dir");
  fs->accessmode = _vd_xml_get_prop (node, "accessmode");
  fs->readonly = _vd_xml_find_child (node, "readonly") != NULL;
  type = _vd_xml_get_prop (node, "type");

  return type == NULL || strcmp (type, "mount") == 0;
}

static gboolean
validate_filesystem (const VdFilesystem  *fs,
                     const VdFilesystem  *old,
                     GError             **error)
{
  static const char * const modes[] = { "passthrough", "mapped", "squash", NULL };
  gboolean virtiofs = g_strcmp0 (fs->driver, "virtiofs") == 0;

  if (g_strcmp0 (fs->driver, old->driver) != 0 && fs->driver != NULL && !virtiofs &&
      strcmp (fs->driver, "path") != 0)
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a shared folder driver"), fs->driver);
      return FALSE;
    }
  if (fs->source == NULL || !g_path_is_absolute (fs->source))
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                           _("The shared folder is a full path on the host, such as /srv/share"));
      return FALSE;
    }
  if (fs->target == NULL || *fs->target == '\0')
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                           _("The mount tag cannot be empty"));
      return FALSE;
    }
  if (virtiofs && strlen (fs->target) > 36)
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("A virtiofs mount tag is at most 36 bytes; this one has %u"),
                   (guint)strlen (fs->target));
      return FALSE;
    }
  if (fs->accessmode != NULL && !g_strv_contains (modes, fs->accessmode))
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not an access mode"), fs->accessmode);
      return FALSE;
    }
  if (virtiofs && fs->accessmode != NULL && strcmp (fs->accessmode, "passthrough") != 0)
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                           _("virtiofs only shares a folder in passthrough mode"));
      return FALSE;
    }

  return TRUE;
}

static void
set_child_prop (xmlNode            *node,
                const char         *child,
                const char * const *order,
                const char         *attr,
                const char         *value)
{
  xmlNode *target = _vd_xml_find_child (node, child);

  if (value == NULL)
    {
      if (target == NULL)
        return;
      _vd_xml_set_prop (target, attr, NULL);
      if (_vd_xml_is_empty_element (target))
        _vd_xml_remove_child (target);
      return;
    }
  if (target == NULL)
    target = _vd_xml_ensure_child (node, child, order);
  _vd_xml_set_prop (target, attr, value);
}

/**
 * vd_domain_editor_set_filesystem:
 * @fs: driver (virtiofs, path for 9p, %NULL for the default), an absolute
 *   host directory, a non-empty mount tag (at most 36 bytes for
 *   virtiofs), the access mode (passthrough, mapped, squash; virtiofs only
 *   passthrough) and whether the guest may only read it
 *
 * What only the old driver had goes with it (virtiofsd's &lt;binary&gt; and
 * queue size, 9p's write policy).
 */
gboolean
vd_domain_editor_set_filesystem (VdDomainEditor      *self,
                                 const char          *id,
                                 const VdFilesystem  *fs,
                                 GError             **error)
{
  static const char * const binary[] = { "binary", NULL };
  static const char * const queue[] = { "queue", NULL };
  static const char * const wrpolicy[] = { "wrpolicy", NULL };
  g_auto(VdFilesystem) old = { 0 };
  xmlNode *node;
  const char *accessmode;
  const char *old_accessmode;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);
  g_return_val_if_fail (fs != NULL, FALSE);

  node = _vd_device_lookup (self, id, KINDS_FILESYSTEM, error);
  if (node == NULL)
    return FALSE;
  if (!vd_domain_editor_get_filesystem (self, id, &old))
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_NOT_SUPPORTED,
                           _("Only a host folder shared with the guest can be changed here"));
      return FALSE;
    }
  if (!validate_filesystem (fs, &old, error))
    return FALSE;

  if (g_strcmp0 (fs->driver, old.driver) != 0)
    {
      xmlNode *driver = _vd_xml_find_child (node, "driver");

      if (g_strcmp0 (fs->driver, "virtiofs") != 0)
        {
          _vd_xml_remove_children (node, binary);
          if (driver != NULL)
            _vd_xml_remove_attrs (driver, queue);
        }
      else if (driver != NULL)
        _vd_xml_remove_attrs (driver, wrpolicy);
      set_child_prop (node, "driver", fs_order, "type", fs->driver);
    }
  if (g_strcmp0 (fs->source, old.source) != 0)
    set_child_prop (node, "source", fs_order, "dir", fs->source);
  if (g_strcmp0 (fs->target, old.target) != 0)
    set_child_prop (node, "target", fs_order, "dir", fs->target);

  accessmode = fs->accessmode != NULL ? fs->accessmode : "passthrough";
  old_accessmode = old.accessmode != NULL ? old.accessmode : "passthrough";
  if (strcmp (accessmode, old_accessmode) != 0)
    _vd_xml_set_prop (node, "accessmode", fs->accessmode);

  if (!!fs->readonly != !!old.readonly)
    {
      if (fs->readonly)
        _vd_xml_ensure_child (node, "readonly", fs_order);
      else
        _vd_xml_remove_child (_vd_xml_find_child (node, "readonly"));
    }

  return TRUE;
}

/* Smartcards */

/**
 * vd_domain_editor_get_smartcard:
 * @mode: (out): host, passthrough or host-certificates
 * @type: (out) (optional): a passthrough card's channel (spicevmc, tcp, ...)
 * @host: (out) (optional): a tcp channel's host
 * @port: (out) (optional): a tcp channel's port, 0 if none
 */
gboolean
vd_domain_editor_get_smartcard (VdDomainEditor  *self,
                                const char      *id,
                                char           **mode,
                                char           **type,
                                char           **host,
                                guint           *port)
{
  xmlNode *node;
  g_autofree char *service = NULL;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  node = _vd_device_lookup (self, id, KINDS_SMARTCARD, NULL);
  if (node == NULL)
    return FALSE;
  if (mode != NULL)
    *mode = _vd_xml_get_prop (node, "mode");
  if (type != NULL)
    *type = _vd_xml_get_prop (node, "type");
  if (host != NULL)
    *host = _vd_xml_child_prop (node, "source", "host");
  service = _vd_xml_child_prop (node, "source", "service");
  if (port != NULL)
    *port = parse_uint (service, 0);

  return TRUE;
}

/**
 * vd_domain_editor_set_smartcard:
 * @mode: host (the host's reader, through QEMU) or passthrough
 * @type: for passthrough: spicevmc (the SPICE client's reader) or tcp
 * @host: for tcp: the host to connect to
 * @port: for tcp: its port, 1 to 65535
 *
 * A card that uses certificates (host-certificates) or another channel
 * keeps them as long as they are passed unchanged.
 */
gboolean
vd_domain_editor_set_smartcard (VdDomainEditor  *self,
                                const char      *id,
                                const char      *mode,
                                const char      *type,
                                const char      *host,
                                guint            port,
                                GError         **error)
{
  static const char * const channel[] = { "source", "protocol", NULL };
  static const char * const certificates[] = { "certificate", "database", NULL };
  g_autofree char *old_mode = NULL;
  g_autofree char *old_type = NULL;
  g_autofree char *old_host = NULL;
  guint old_port = 0;
  xmlNode *node;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  node = _vd_device_lookup (self, id, KINDS_SMARTCARD, error);
  if (node == NULL)
    return FALSE;
  vd_domain_editor_get_smartcard (self, id, &old_mode, &old_type, &old_host, &old_port);
  if (g_strcmp0 (mode, "passthrough") != 0)
    type = NULL, host = NULL, port = 0;
  if (g_strcmp0 (type, "tcp") != 0)
    host = NULL, port = 0;
  if (g_strcmp0 (mode, old_mode) == 0 && g_strcmp0 (type, old_type) == 0 &&
      (g_strcmp0 (type, "tcp") != 0 || (g_strcmp0 (host, old_host) == 0 && port == old_port)))
    return TRUE;

  if (g_strcmp0 (mode, "host") != 0 && g_strcmp0 (mode, "passthrough") != 0)
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a smartcard mode"), mode != NULL ? mode : "");
      return FALSE;
    }
  if (g_strcmp0 (mode, "passthrough") == 0 && g_strcmp0 (type, "spicevmc") != 0 &&
      g_strcmp0 (type, "tcp") != 0)
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a channel for a passed-through smartcard"),
                   type != NULL ? type : "");
      return FALSE;
    }
  if (g_strcmp0 (type, "tcp") == 0 && (host == NULL || !_vd_is_simple_name (host)))
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                           _("Enter the host name or address to connect to"));
      return FALSE;
    }
  if (g_strcmp0 (type, "tcp") == 0 && (port == 0 || port > 65535))
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                           _("The port is a number from 1 to 65535"));
      return FALSE;
    }

  _vd_xml_remove_children (node, certificates);
  if (g_strcmp0 (type, "tcp") != 0)
    _vd_xml_remove_children (node, channel);
  _vd_xml_set_prop (node, "mode", mode);
  _vd_xml_set_prop (node, "type", type);
  if (g_strcmp0 (type, "tcp") == 0)
    {
      g_autofree char *service = g_strdup_printf ("%u", port);
      xmlNode *source = _vd_xml_find_child (node, "source");

      if (source == NULL)
        {
          source = _vd_xml_ensure_child (node, "source", smartcard_order);
          _vd_xml_set_prop (source, "mode", "connect");
        }
      _vd_xml_set_prop (source, "host", host);
      _vd_xml_set_prop (source, "service", service);
      if (_vd_xml_find_child (node, "protocol") == NULL)
        _vd_xml_set_prop (_vd_xml_ensure_child (node, "protocol", smartcard_order), "type",
                          "raw");
    }
  return TRUE;
}

/* Shared memory */

static guint64
size_to_mib (char       *text,
             const char *unit)
{
  guint64 value;
  guint64 scale = 1;

  if (text == NULL)
    return 0;
  g_strstrip (text);
  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT64 / 1024, &value, NULL))
    return 0;
  if (unit == NULL || g_ascii_strcasecmp (unit, "b") == 0 || strcmp (unit, "bytes") == 0)
    scale = 1;
  else if (strcmp (unit, "k") == 0 || strcmp (unit, "KiB") == 0)
    scale = 1024;
  else if (strcmp (unit, "KB") == 0)
    scale = 1000;
  else if (strcmp (unit, "M") == 0 || strcmp (unit, "MiB") == 0)
    scale = 1024 * 1024;
  else if (strcmp (unit, "MB") == 0)
    scale = 1000 * 1000;
  else if (strcmp (unit, "G") == 0 || strcmp (unit, "GiB") == 0)
    scale = 1024 * 1024 * 1024;
  else if (strcmp (unit, "GB") == 0)
    scale = 1000 * 1000 * 1000;
  else
    return 0;

  return value * scale / (1024 * 1024);
}

/**
 * vd_domain_editor_get_shmem:
 * @name: (out) (optional): the region's name on the host
 * @size_mib: (out) (optional): its size in MiB, 0 when none is set
 * @model: (out) (optional): ivshmem-plain, ivshmem-doorbell, ...
 */
gboolean
vd_domain_editor_get_shmem (VdDomainEditor  *self,
                            const char      *id,
                            char           **name,
                            guint64         *size_mib,
                            char           **model)
{
  xmlNode *node;
  xmlNode *size;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  node = _vd_device_lookup (self, id, KINDS_SHMEM, NULL);
  if (node == NULL)
    return FALSE;
  if (name != NULL)
    *name = _vd_xml_get_prop (node, "name");
  if (model != NULL)
    *model = _vd_xml_child_prop (node, "model", "type");
  if (size_mib != NULL)
    {
      g_autofree char *text = NULL;
      g_autofree char *unit = NULL;

      size = _vd_xml_find_child (node, "size");
      text = _vd_xml_get_text (size);
      unit = _vd_xml_get_prop (size, "unit");
      *size_mib = size_to_mib (text, unit);
    }

  return TRUE;
}

static gboolean
shmem_name_taken (VdDomainEditor *self,
                  const char     *id,
                  const char     *name)
{
  g_autoptr(GPtrArray) devices = vd_domain_editor_list_devices (self);

  for (guint i = 0; i < devices->len; i++)
    {
      const char *other_id = vd_device_ref_get_id (devices->pdata[i]);
      g_autofree char *other = NULL;

      if (vd_device_ref_get_kind (devices->pdata[i]) != VD_DEVICE_KIND_SHMEM ||
          g_strcmp0 (other_id, id) == 0)
        continue;
      vd_domain_editor_get_shmem (self, other_id, &other, NULL, NULL);
      if (g_strcmp0 (other, name) == 0)
        return TRUE;
    }

  return FALSE;
}

/**
 * vd_domain_editor_set_shmem:
 * @name: a name no other shared memory device of the guest has, without
 *   slashes or blanks
 * @size_mib: a power of two in MiB, as QEMU requires (0: libvirt's default,
 *   4 MiB, where the guest sets no size)
 * @model: ivshmem-plain or ivshmem-doorbell; a plain one has no server
 */
gboolean
vd_domain_editor_set_shmem (VdDomainEditor  *self,
                            const char      *id,
                            const char      *name,
                            guint64          size_mib,
                            const char      *model,
                            GError         **error)
{
  static const char * const doorbell_only[] = { "server", "msi", NULL };
  g_autofree char *old_name = NULL;
  g_autofree char *old_model = NULL;
  guint64 old_size = 0;
  xmlNode *node;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  node = _vd_device_lookup (self, id, KINDS_SHMEM, error);
  if (node == NULL)
    return FALSE;
  vd_domain_editor_get_shmem (self, id, &old_name, &old_size, &old_model);

  if (!_vd_is_simple_name (name))
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                           _("Enter a name without slashes or spaces"));
      return FALSE;
    }
  if (shmem_name_taken (self, id, name))
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("Another shared memory device of this guest is named “%s”"), name);
      return FALSE;
    }
  if (size_mib != old_size && (size_mib == 0 || (size_mib & (size_mib - 1)) != 0))
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                           _("QEMU needs a size that is a power of two in MiB (1, 2, 4, 8, …)"));
      return FALSE;
    }
  if (g_strcmp0 (model, old_model) != 0 && g_strcmp0 (model, "ivshmem-plain") != 0 &&
      g_strcmp0 (model, "ivshmem-doorbell") != 0)
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a shared memory model"), model != NULL ? model : "");
      return FALSE;
    }

  if (g_strcmp0 (name, old_name) != 0)
    _vd_xml_set_prop (node, "name", name);
  if (size_mib != old_size)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GUINT64_FORMAT, size_mib);
      xmlNode *size = _vd_xml_ensure_child (node, "size", shmem_order);

      _vd_xml_set_prop (size, "unit", "M");
      _vd_xml_set_text (size, text);
    }
  if (g_strcmp0 (model, old_model) != 0)
    {
      if (g_strcmp0 (model, "ivshmem-plain") == 0)
        _vd_xml_remove_children (node, doorbell_only);
      set_child_prop (node, "model", shmem_order, "type", model);
    }

  return TRUE;
}
