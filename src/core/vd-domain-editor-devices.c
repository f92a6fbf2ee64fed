/* vd-domain-editor-devices.c
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

#include <libxml/parser.h>

/*
 * The devices of a guest: a list in document order, and the setters of
 * disks and NICs (graphics, video and the rest are in
 * vd-domain-editor-devices-more.c).
 *
 * Each child element of <devices> but <emulator> gets an id when the
 * document is loaded: its kind and its index among the devices of that
 * kind ("disk/0", "cdrom/0", "interface/2"), kept in the node's _private
 * field (an interned string). An added device gets the next index of its
 * kind, never one used since the load; so within an editing session an id
 * names one device whatever happens to the others, and after apply (which
 * reloads) the same device gets the same id unless devices of its kind
 * were added or removed before it. vd-domain-editor-apply.c matches the
 * edited document's devices to the original's by these ids.
 */

struct _VdDeviceRef
{
  VdDeviceKind  kind;
  char         *id;
  char         *label;
  char         *element;
};

G_DEFINE_BOXED_TYPE (VdDeviceRef, vd_device_ref, vd_device_ref_copy, vd_device_ref_free)

static const char * const kind_names[] = {
  [VD_DEVICE_KIND_DISK] = "disk",
  [VD_DEVICE_KIND_CDROM] = "cdrom",
  [VD_DEVICE_KIND_FLOPPY] = "floppy",
  [VD_DEVICE_KIND_INTERFACE] = "interface",
  [VD_DEVICE_KIND_GRAPHICS] = "graphics",
  [VD_DEVICE_KIND_VIDEO] = "video",
  [VD_DEVICE_KIND_SOUND] = "sound",
  [VD_DEVICE_KIND_INPUT] = "input",
  [VD_DEVICE_KIND_SERIAL] = "serial",
  [VD_DEVICE_KIND_PARALLEL] = "parallel",
  [VD_DEVICE_KIND_CONSOLE] = "console",
  [VD_DEVICE_KIND_CHANNEL] = "channel",
  [VD_DEVICE_KIND_HOSTDEV] = "hostdev",
  [VD_DEVICE_KIND_REDIRDEV] = "redirdev",
  [VD_DEVICE_KIND_CONTROLLER] = "controller",
  [VD_DEVICE_KIND_RNG] = "rng",
  [VD_DEVICE_KIND_WATCHDOG] = "watchdog",
  [VD_DEVICE_KIND_TPM] = "tpm",
  [VD_DEVICE_KIND_SMARTCARD] = "smartcard",
  [VD_DEVICE_KIND_FILESYSTEM] = "filesystem",
  [VD_DEVICE_KIND_MEMBALLOON] = "memballoon",
  [VD_DEVICE_KIND_PANIC] = "panic",
  [VD_DEVICE_KIND_SHMEM] = "shmem",
  [VD_DEVICE_KIND_OTHER] = "other",
};

/* libvirt's order of the children of <devices> (virDomainDefFormatInternal) */
static const char * const devices_order[] = {
  "emulator", "disk", "controller", "lease", "filesystem", "interface", "smartcard", "serial",
  "parallel", "console", "channel", "input", "tpm", "graphics", "sound", "audio", "video",
  "hostdev", "redirdev", "redirfilter", "hub", "watchdog", "memballoon", "rng", "nvram",
  "panic", "shmem", "memory", "iommu", "vsock", "crypto", "pstore", NULL,
};

/* libvirt's order of the children of a <disk> and of an <interface> */
static const char * const disk_order[] = {
  "driver", "auth", "source", "backingStore", "geometry", "blockio", "mirror", "target",
  "iotune", "throttlefilters", "boot", "readonly", "shareable", "transient", "serial", "wwn",
  "vendor", "product", "encryption", "alias", "address", NULL,
};

static const char * const interface_order[] = {
  "mac", "source", "vlan", "virtualport", "bandwidth", "ip", "route", "script", "downscript",
  "backenddomain", "target", "guest", "model", "driver", "backend", "filterref", "tune",
  "teaming", "link", "mtu", "coalesce", "rom", "boot", "alias", "address", NULL,
};

VdDeviceRef *
vd_device_ref_copy (const VdDeviceRef *self)
{
  VdDeviceRef *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (VdDeviceRef, 1);
  copy->kind = self->kind;
  copy->id = g_strdup (self->id);
  copy->label = g_strdup (self->label);
  copy->element = g_strdup (self->element);

  return copy;
}

void
vd_device_ref_free (VdDeviceRef *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->label);
  g_free (self->element);
  g_free (self);
}

VdDeviceKind
vd_device_ref_get_kind (const VdDeviceRef *self)
{
  g_return_val_if_fail (self != NULL, VD_DEVICE_KIND_OTHER);

  return self->kind;
}

/**
 * vd_device_ref_get_id:
 *
 * Returns: what names the device in the editor's other calls
 */
const char *
vd_device_ref_get_id (const VdDeviceRef *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->id;
}

/**
 * vd_device_ref_get_label:
 *
 * Returns: a short translated name for a hardware list ("Disk vda")
 */
const char *
vd_device_ref_get_label (const VdDeviceRef *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->label;
}

/**
 * vd_device_ref_get_element:
 *
 * Returns: the device's element name ("disk" for a CD-ROM too)
 */
const char *
vd_device_ref_get_element (const VdDeviceRef *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->element;
}

const char *
vd_device_kind_to_string (VdDeviceKind kind)
{
  g_return_val_if_fail (kind <= VD_DEVICE_KIND_OTHER, NULL);

  return kind_names[kind];
}

static gboolean
is_device_node (xmlNode *node)
{
  return node->type == XML_ELEMENT_NODE &&
         !(node->ns == NULL && strcmp ((const char *)node->name, "emulator") == 0);
}

VdDeviceKind
_vd_device_node_get_kind (xmlNode *node)
{
  const char *name = (const char *)node->name;

  if (node->type != XML_ELEMENT_NODE || node->ns != NULL)
    return VD_DEVICE_KIND_OTHER;
  if (strcmp (name, "disk") == 0)
    {
      g_autofree char *device = _vd_xml_get_prop (node, "device");

      if (g_strcmp0 (device, "cdrom") == 0)
        return VD_DEVICE_KIND_CDROM;
      if (g_strcmp0 (device, "floppy") == 0)
        return VD_DEVICE_KIND_FLOPPY;
      return VD_DEVICE_KIND_DISK;
    }
  for (guint kind = VD_DEVICE_KIND_INTERFACE; kind < VD_DEVICE_KIND_OTHER; kind++)
    if (strcmp (name, kind_names[kind]) == 0)
      return kind;

  return VD_DEVICE_KIND_OTHER;
}

const char *
_vd_device_node_get_id (xmlNode *node)
{
  return node->_private;
}

static void
assign_id (xmlNode *node,
           guint   *next_index)
{
  VdDeviceKind kind = _vd_device_node_get_kind (node);
  g_autofree char *id = g_strdup_printf ("%s/%u", kind_names[kind], next_index[kind]++);

  node->_private = (gpointer)g_intern_string (id);
}

/* Gives the devices of @doc their ids; @next_index has
 * VD_DEVICE_KIND_OTHER + 1 counters, reset here. */
void
_vd_device_ids_assign (xmlDoc *doc,
                       guint  *next_index)
{
  xmlNode *devices = _vd_xml_find_path (doc, "devices");

  memset (next_index, 0, sizeof (guint) * (VD_DEVICE_KIND_OTHER + 1));
  for (xmlNode *node = devices != NULL ? devices->children : NULL; node != NULL;
       node = node->next)
    if (is_device_node (node))
      assign_id (node, next_index);
}

void
_vd_domain_editor_assign_device_ids (VdDomainEditor *self)
{
  _vd_device_ids_assign (self->doc, self->next_index);
}

xmlNode *
_vd_device_find_by_id (xmlDoc     *doc,
                       const char *id)
{
  xmlNode *devices = _vd_xml_find_path (doc, "devices");

  if (id == NULL)
    return NULL;
  for (xmlNode *node = devices != NULL ? devices->children : NULL; node != NULL;
       node = node->next)
    if (is_device_node (node) && g_strcmp0 (node->_private, id) == 0)
      return node;

  return NULL;
}

/* What libvirt can plug into and out of a running guest. */
gboolean
_vd_device_kind_is_hotpluggable (xmlNode *node)
{
  g_autofree char *bus = NULL;

  switch (_vd_device_node_get_kind (node))
    {
    case VD_DEVICE_KIND_DISK:
      bus = _vd_xml_get_prop (_vd_xml_find_child (node, "target"), "bus");
      return g_strcmp0 (bus, "virtio") == 0 || g_strcmp0 (bus, "scsi") == 0 ||
             g_strcmp0 (bus, "usb") == 0;
    case VD_DEVICE_KIND_INPUT:
      bus = _vd_xml_get_prop (node, "bus");
      return g_strcmp0 (bus, "virtio") == 0 || g_strcmp0 (bus, "usb") == 0;
    case VD_DEVICE_KIND_INTERFACE:
    case VD_DEVICE_KIND_HOSTDEV:
    case VD_DEVICE_KIND_REDIRDEV:
    case VD_DEVICE_KIND_CHANNEL:
    case VD_DEVICE_KIND_RNG:
    case VD_DEVICE_KIND_SHMEM:
      return TRUE;
    case VD_DEVICE_KIND_CDROM:
    case VD_DEVICE_KIND_FLOPPY:
    case VD_DEVICE_KIND_GRAPHICS:
    case VD_DEVICE_KIND_VIDEO:
    case VD_DEVICE_KIND_SOUND:
    case VD_DEVICE_KIND_SERIAL:
    case VD_DEVICE_KIND_PARALLEL:
    case VD_DEVICE_KIND_CONSOLE:
    case VD_DEVICE_KIND_CONTROLLER:
    case VD_DEVICE_KIND_WATCHDOG:
    case VD_DEVICE_KIND_TPM:
    case VD_DEVICE_KIND_SMARTCARD:
    case VD_DEVICE_KIND_FILESYSTEM:
    case VD_DEVICE_KIND_MEMBALLOON:
    case VD_DEVICE_KIND_PANIC:
    case VD_DEVICE_KIND_OTHER:
    default:
      return FALSE;
    }
}

static char *
child_prop (xmlNode    *node,
            const char *child,
            const char *name)
{
  return _vd_xml_get_prop (_vd_xml_find_child (node, child), name);
}

static char *
device_label (xmlNode *node)
{
  VdDeviceKind kind = _vd_device_node_get_kind (node);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  switch (kind)
    {
    case VD_DEVICE_KIND_DISK:
      a = child_prop (node, "target", "dev");
      /* Translators: a disk in the hardware list; %s is its target, e.g. vda */
      return g_strdup_printf (_("Disk %s"), a != NULL ? a : "");
    case VD_DEVICE_KIND_CDROM:
      a = child_prop (node, "target", "dev");
      /* Translators: %s is the CD-ROM's target, e.g. sda */
      return g_strdup_printf (_("CD-ROM %s"), a != NULL ? a : "");
    case VD_DEVICE_KIND_FLOPPY:
      a = child_prop (node, "target", "dev");
      /* Translators: %s is the floppy's target, e.g. fda */
      return g_strdup_printf (_("Floppy %s"), a != NULL ? a : "");
    case VD_DEVICE_KIND_INTERFACE:
      a = child_prop (node, "mac", "address");
      if (a != NULL)
        /* Translators: a network interface; %s is its MAC address */
        return g_strdup_printf (_("NIC %s"), a);
      return g_strdup (_("NIC"));
    case VD_DEVICE_KIND_GRAPHICS:
      a = _vd_xml_get_prop (node, "type");
      if (g_strcmp0 (a, "vnc") == 0)
        return g_strdup (_("VNC display"));
      if (g_strcmp0 (a, "spice") == 0)
        return g_strdup (_("SPICE display"));
      /* Translators: %s is a kind of graphics (sdl, rdp, egl-headless, ...) */
      return g_strdup_printf (_("Display %s"), a != NULL ? a : "");
    case VD_DEVICE_KIND_VIDEO:
      a = child_prop (node, "model", "type");
      /* Translators: %s is a video model (virtio, qxl, vga, ...) */
      return g_strdup_printf (_("Video %s"), a != NULL ? a : "");
    case VD_DEVICE_KIND_SOUND:
      a = _vd_xml_get_prop (node, "model");
      /* Translators: %s is a sound card model (ich9, ac97, ...) */
      return g_strdup_printf (_("Sound %s"), a != NULL ? a : "");
    case VD_DEVICE_KIND_INPUT:
      a = _vd_xml_get_prop (node, "type");
      b = _vd_xml_get_prop (node, "bus");
      if (b != NULL)
        /* Translators: an input device; %s are its type (tablet, mouse,
         * keyboard) and its bus (usb, ps2, virtio) */
        return g_strdup_printf (_("Input %s (%s)"), a != NULL ? a : "", b);
      /* Translators: %s is an input device's type (tablet, mouse, keyboard) */
      return g_strdup_printf (_("Input %s"), a != NULL ? a : "");
    case VD_DEVICE_KIND_SERIAL:
      a = child_prop (node, "target", "port");
      /* Translators: %s is the serial port's number */
      return g_strdup_printf (_("Serial %s"), a != NULL ? a : "");
    case VD_DEVICE_KIND_PARALLEL:
      a = child_prop (node, "target", "port");
      /* Translators: %s is the parallel port's number */
      return g_strdup_printf (_("Parallel %s"), a != NULL ? a : "");
    case VD_DEVICE_KIND_CONSOLE:
      a = child_prop (node, "target", "type");
      /* Translators: %s is the console's kind (serial, virtio, ...) */
      return g_strdup_printf (_("Console %s"), a != NULL ? a : "");
    case VD_DEVICE_KIND_CHANNEL:
      a = child_prop (node, "target", "name");
      if (a == NULL)
        a = _vd_xml_get_prop (node, "type");
      /* Translators: %s is the channel's name, e.g. org.qemu.guest_agent.0 */
      return g_strdup_printf (_("Channel %s"), a != NULL ? a : "");
    case VD_DEVICE_KIND_HOSTDEV:
      a = _vd_xml_get_prop (node, "type");
      if (g_strcmp0 (a, "usb") == 0)
        return g_strdup (_("USB host device"));
      if (g_strcmp0 (a, "pci") == 0)
        return g_strdup (_("PCI host device"));
      /* Translators: %s is the kind of a host device (scsi, mdev, ...) */
      return g_strdup_printf (_("Host device %s"), a != NULL ? a : "");
    case VD_DEVICE_KIND_REDIRDEV:
      return g_strdup (_("USB redirection"));
    case VD_DEVICE_KIND_CONTROLLER:
      a = _vd_xml_get_prop (node, "type");
      b = _vd_xml_get_prop (node, "index");
      /* Translators: a controller; %s are its type (usb, scsi, pci, ...) and index */
      return g_strdup_printf (_("Controller %s %s"), a != NULL ? a : "", b != NULL ? b : "");
    case VD_DEVICE_KIND_RNG:
      return g_strdup (_("Random number generator"));
    case VD_DEVICE_KIND_WATCHDOG:
      a = _vd_xml_get_prop (node, "model");
      /* Translators: %s is the watchdog's model (i6300esb, ...) */
      return g_strdup_printf (_("Watchdog %s"), a != NULL ? a : "");
    case VD_DEVICE_KIND_TPM:
      return g_strdup (_("TPM"));
    case VD_DEVICE_KIND_SMARTCARD:
      return g_strdup (_("Smartcard"));
    case VD_DEVICE_KIND_FILESYSTEM:
      a = child_prop (node, "target", "dir");
      /* Translators: a shared folder; %s is the name the guest mounts */
      return g_strdup_printf (_("Filesystem %s"), a != NULL ? a : "");
    case VD_DEVICE_KIND_MEMBALLOON:
      return g_strdup (_("Memory balloon"));
    case VD_DEVICE_KIND_PANIC:
      return g_strdup (_("Panic notifier"));
    case VD_DEVICE_KIND_SHMEM:
      a = _vd_xml_get_prop (node, "name");
      /* Translators: %s is the name of a shared memory region */
      return g_strdup_printf (_("Shared memory %s"), a != NULL ? a : "");
    case VD_DEVICE_KIND_OTHER:
    default:
      /* Translators: a device virt-desk does not know; %s is its XML element */
      return g_strdup_printf (_("Other device (%s)"), (const char *)node->name);
    }
}

/**
 * vd_domain_editor_list_devices:
 *
 * Returns: (transfer full) (element-type VdDeviceRef): the devices in
 *   document order, &lt;emulator&gt; left out
 */
GPtrArray *
vd_domain_editor_list_devices (VdDomainEditor *self)
{
  GPtrArray *list;
  xmlNode *devices;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), NULL);

  list = g_ptr_array_new_with_free_func ((GDestroyNotify)vd_device_ref_free);
  devices = _vd_xml_find_path (self->doc, "devices");
  for (xmlNode *node = devices != NULL ? devices->children : NULL; node != NULL;
       node = node->next)
    {
      VdDeviceRef *ref;

      if (!is_device_node (node))
        continue;
      if (node->_private == NULL)
        assign_id (node, self->next_index);
      ref = g_new0 (VdDeviceRef, 1);
      ref->kind = _vd_device_node_get_kind (node);
      ref->id = g_strdup (node->_private);
      ref->label = device_label (node);
      ref->element = g_strdup ((const char *)node->name);
      g_ptr_array_add (list, ref);
    }

  return list;
}

/**
 * vd_domain_editor_get_device_kind:
 *
 * Returns: the kind of device @id, %VD_DEVICE_KIND_OTHER if there is none
 */
VdDeviceKind
vd_domain_editor_get_device_kind (VdDomainEditor *self,
                                  const char     *id)
{
  xmlNode *node;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), VD_DEVICE_KIND_OTHER);

  node = _vd_device_find_by_id (self->doc, id);

  return node != NULL ? _vd_device_node_get_kind (node) : VD_DEVICE_KIND_OTHER;
}

/**
 * vd_domain_editor_get_device_xml:
 *
 * Returns: (transfer full) (nullable): the device's element as XML
 */
char *
vd_domain_editor_get_device_xml (VdDomainEditor *self,
                                 const char     *id)
{
  xmlNode *node;
  xmlBuffer *buffer;
  char *ret;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), NULL);

  node = _vd_device_find_by_id (self->doc, id);
  if (node == NULL)
    return NULL;
  buffer = xmlBufferCreate ();
  xmlNodeDump (buffer, self->doc, node, 0, 0);
  ret = g_strdup ((const char *)xmlBufferContent (buffer));
  xmlBufferFree (buffer);

  return ret;
}

xmlNode *
_vd_device_lookup (VdDomainEditor  *self,
                   const char      *id,
                   guint            kinds,
                   GError         **error)
{
  xmlNode *node = _vd_device_find_by_id (self->doc, id);

  if (node == NULL)
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("The guest has no device “%s”"), id != NULL ? id : "");
      return NULL;
    }
  if ((VD_KIND_BIT (_vd_device_node_get_kind (node)) & kinds) == 0)
    {
      g_set_error (error, VD_ERROR, VD_ERROR_NOT_SUPPORTED,
                   _("Device “%s” has no such setting"), id);
      return NULL;
    }

  return node;
}

char *
_vd_attr_field_get (VdDomainEditor    *self,
                    const char        *id,
                    const VdAttrField *field)
{
  xmlNode *node = _vd_device_lookup (self, id, field->kinds, NULL);

  if (node != NULL && field->child != NULL)
    node = _vd_xml_find_child (node, field->child);

  return _vd_xml_get_prop (node, field->attr);
}

/* An element with nothing left in it but blanks */
static gboolean
is_empty_element (xmlNode *node)
{
  if (node->properties != NULL)
    return FALSE;
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (child->type != XML_TEXT_NODE || !xmlIsBlankNode (child))
      return FALSE;

  return TRUE;
}

/* Removes a child of a device; a parent left with nothing but blanks
 * becomes an empty element, as libvirt writes it (<memballoon model='none'/>) */
void
_vd_xml_remove_child (xmlNode *node)
{
  xmlNode *parent = node->parent;

  _vd_xml_remove_node (node);
  if (parent != NULL && parent->type == XML_ELEMENT_NODE && parent->children != NULL)
    {
      for (xmlNode *child = parent->children; child != NULL; child = child->next)
        if (child->type != XML_TEXT_NODE || !xmlIsBlankNode (child))
          return;
      xmlNodeSetContent (parent, NULL);
    }
}

/* @value NULL or "" removes the attribute (and the child when that leaves
 * it empty): the hypervisor's default. */
gboolean
_vd_attr_field_set (VdDomainEditor     *self,
                    const char         *id,
                    const VdAttrField  *field,
                    const char         *value,
                    GError            **error)
{
  xmlNode *node = _vd_device_lookup (self, id, field->kinds, error);
  xmlNode *target;

  if (node == NULL)
    return FALSE;
  if (value != NULL && *value == '\0')
    value = NULL;
  if (value != NULL && field->values != NULL && !g_strv_contains (field->values, value))
    {
      /* every field's message is an N_() literal of this editor with one %s */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT, _(field->bad), value);
#pragma GCC diagnostic pop
      return FALSE;
    }

  target = field->child != NULL ? _vd_xml_find_child (node, field->child) : node;
  if (value == NULL)
    {
      if (target == NULL)
        return TRUE;
      _vd_xml_set_prop (target, field->attr, NULL);
      if (target != node && is_empty_element (target))
        _vd_xml_remove_child (target);
      return TRUE;
    }
  if (target == NULL)
    target = _vd_xml_ensure_child (node, field->child, field->order);
  _vd_xml_set_prop (target, field->attr, value);

  return TRUE;
}

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

/* Adding and removing */

/* Indents a tree that was parsed without blanks, as libvirt would. */
static void
indent_tree (xmlDoc  *doc,
             xmlNode *node,
             guint    depth)
{
  gboolean only_elements = node->children != NULL;

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (child->type != XML_ELEMENT_NODE)
      only_elements = FALSE;
  if (!only_elements)
    return;

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      g_autofree char *indent = g_strnfill ((depth + 1) * 2 + 1, ' ');

      indent[0] = '\n';
      xmlAddPrevSibling (child, xmlNewDocText (doc, (const xmlChar *)indent));
      indent_tree (doc, child, depth + 1);
    }
  {
    g_autofree char *indent = g_strnfill (depth * 2 + 1, ' ');

    indent[0] = '\n';
    xmlAddChild (node, xmlNewDocText (doc, (const xmlChar *)indent));
  }
}

static gboolean
uses_usb (xmlNode *device)
{
  g_autofree char *bus = _vd_xml_get_prop (device, "bus");
  g_autofree char *type = _vd_xml_get_prop (device, "type");
  g_autofree char *model = _vd_xml_get_prop (device, "model");
  g_autofree char *target_bus = child_prop (device, "target", "bus");
  const char *name = (const char *)device->name;

  return g_strcmp0 (bus, "usb") == 0 || g_strcmp0 (target_bus, "usb") == 0 ||
         (strcmp (name, "hostdev") == 0 && g_strcmp0 (type, "usb") == 0) ||
         (strcmp (name, "sound") == 0 && g_strcmp0 (model, "usb") == 0) ||
         strcmp (name, "smartcard") == 0 || strcmp (name, "redirdev") == 0;
}

static gboolean
usb_disabled (xmlDoc *doc)
{
  xmlNode *devices = _vd_xml_find_path (doc, "devices");

  for (xmlNode *node = devices != NULL ? devices->children : NULL; node != NULL;
       node = node->next)
    if (_vd_xml_is_element (node, "controller"))
      {
        g_autofree char *type = _vd_xml_get_prop (node, "type");
        g_autofree char *model = _vd_xml_get_prop (node, "model");

        if (g_strcmp0 (type, "usb") == 0 && g_strcmp0 (model, "none") == 0)
          return TRUE;
      }

  return FALSE;
}

/**
 * vd_domain_editor_add_device_xml:
 * @xml: one device element, e.g. "&lt;rng model='virtio'&gt;...&lt;/rng&gt;"
 *
 * Adds the device after the last one of its kind (in libvirt's order of
 * device kinds), indented like its neighbours.
 *
 * Returns: (transfer full) (nullable): the new device's id, or %NULL with
 *   @error set when @xml does not parse or is not a device virt-desk knows
 */
char *
vd_domain_editor_add_device_xml (VdDomainEditor  *self,
                                 const char      *xml,
                                 GError         **error)
{
  xmlDoc *fragment;
  xmlNode *root;
  xmlNode *copy;
  xmlNode *devices;
  VdDeviceKind kind;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), NULL);
  g_return_val_if_fail (xml != NULL, NULL);

  fragment = xmlReadMemory (xml, (int)strlen (xml), "device.xml", NULL,
                            XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR |
                            XML_PARSE_NOBLANKS);
  root = fragment != NULL ? xmlDocGetRootElement (fragment) : NULL;
  if (root == NULL)
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                           _("The device description is not well-formed XML"));
      g_clear_pointer (&fragment, xmlFreeDoc);
      return NULL;
    }
  kind = _vd_device_node_get_kind (root);
  if (kind == VD_DEVICE_KIND_OTHER)
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a device virt-desk can add"), (const char *)root->name);
      xmlFreeDoc (fragment);
      return NULL;
    }

  if (uses_usb (root) && usb_disabled (self->doc))
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_NOT_SUPPORTED,
                           _("This guest has no USB (its USB controller is “none”)"));
      xmlFreeDoc (fragment);
      return NULL;
    }

  /* libvirt takes one watchdog and one balloon */
  if (kind == VD_DEVICE_KIND_WATCHDOG || kind == VD_DEVICE_KIND_MEMBALLOON)
    {
      devices = _vd_xml_find_path (self->doc, "devices");
      if (_vd_xml_find_child (devices, (const char *)root->name) != NULL)
        {
          g_set_error_literal (error, VD_ERROR, VD_ERROR_NOT_SUPPORTED,
                               kind == VD_DEVICE_KIND_WATCHDOG
                               ? _("The guest has a watchdog already")
                               : _("The guest has a memory balloon already"));
          xmlFreeDoc (fragment);
          return NULL;
        }
    }

  devices = _vd_xml_ensure_devices (self->doc);
  copy = xmlDocCopyNode (root, self->doc, 1);
  xmlFreeDoc (fragment);
  _vd_xml_insert_child (devices, copy, devices_order);
  indent_tree (self->doc, copy, 2);
  assign_id (copy, self->next_index);

  return g_strdup (copy->_private);
}

/**
 * vd_domain_editor_remove_device:
 *
 * Removes device @id. A device of kind %VD_DEVICE_KIND_OTHER is refused:
 * the editor never touches what it does not know.
 */
gboolean
vd_domain_editor_remove_device (VdDomainEditor  *self,
                                const char      *id,
                                GError         **error)
{
  xmlNode *node;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  node = _vd_device_lookup (self, id, ~VD_KIND_BIT (VD_DEVICE_KIND_OTHER), error);
  if (node == NULL)
    return FALSE;
  _vd_xml_remove_node (node);

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

/* A name without separators or blanks (a pool, a network, a bridge). */
static gboolean
is_simple_name (const char *name)
{
  if (name == NULL || *name == '\0' || !g_utf8_validate (name, -1, NULL))
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (*p == '/' || g_ascii_isspace (*p) || g_ascii_iscntrl (*p))
      return FALSE;

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
      if (!is_simple_name (source->pool))
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
  removable = child_prop (node, "target", "removable");

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

/* Network interfaces */

#define KINDS_NIC VD_KIND_BIT (VD_DEVICE_KIND_INTERFACE)

/**
 * vd_domain_editor_get_nic_source:
 * @type: (out) (optional): network, bridge, direct, user or another type
 * @source: (out) (optional) (nullable): the network, the bridge or the host
 *   device
 * @mode: (out) (optional) (nullable): the mode of a direct NIC
 *
 * Returns: %FALSE when @id is not a NIC
 */
gboolean
vd_domain_editor_get_nic_source (VdDomainEditor  *self,
                                 const char      *id,
                                 char           **type,
                                 char           **source,
                                 char           **mode)
{
  xmlNode *node;
  xmlNode *src;
  g_autofree char *nic_type = NULL;
  char *value = NULL;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  node = _vd_device_lookup (self, id, KINDS_NIC, NULL);
  if (node == NULL)
    return FALSE;
  nic_type = _vd_xml_get_prop (node, "type");
  src = _vd_xml_find_child (node, "source");
  if (g_strcmp0 (nic_type, "network") == 0)
    value = _vd_xml_get_prop (src, "network");
  else if (g_strcmp0 (nic_type, "bridge") == 0)
    value = _vd_xml_get_prop (src, "bridge");
  else if (g_strcmp0 (nic_type, "direct") == 0)
    value = _vd_xml_get_prop (src, "dev");
  if (source != NULL)
    *source = value;
  else
    g_free (value);
  if (mode != NULL)
    *mode = g_strcmp0 (nic_type, "direct") == 0 ? _vd_xml_get_prop (src, "mode") : NULL;
  if (type != NULL)
    *type = g_steal_pointer (&nic_type);

  return TRUE;
}

/**
 * vd_domain_editor_set_nic_source:
 * @type: network, bridge, direct or user
 * @source: (nullable): the virtual network, the host bridge or the host
 *   device (not for user)
 * @mode: (nullable): for direct: vepa (the default), bridge, private or
 *   passthrough
 *
 * The same type keeps everything else in &lt;source&gt; (a port group);
 * another type replaces it.
 */
gboolean
vd_domain_editor_set_nic_source (VdDomainEditor  *self,
                                 const char      *id,
                                 const char      *type,
                                 const char      *source,
                                 const char      *mode,
                                 GError         **error)
{
  static const char * const types[] = { "network", "bridge", "direct", "user", NULL };
  static const char * const modes[] = { "vepa", "bridge", "private", "passthrough", NULL };
  xmlNode *node;
  xmlNode *src;
  g_autofree char *old_type = NULL;
  const char *attr;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  node = _vd_device_lookup (self, id, KINDS_NIC, error);
  if (node == NULL)
    return FALSE;
  if (type == NULL || !g_strv_contains (types, type))
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a kind of network connection"), type != NULL ? type : "");
      return FALSE;
    }
  if (strcmp (type, "user") != 0 && !is_simple_name (source))
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   strcmp (type, "network") == 0 ? _("“%s” is not a virtual network name")
                   : strcmp (type, "bridge") == 0 ? _("“%s” is not a bridge name")
                   : _("“%s” is not a host interface name"),
                   source != NULL ? source : "");
      return FALSE;
    }
  if (strcmp (type, "direct") == 0 && mode != NULL && !g_strv_contains (modes, mode))
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a mode of a direct connection"), mode);
      return FALSE;
    }

  if (strcmp (type, "network") != 0)
    {
      g_autofree char *floor = child_prop (_vd_xml_find_child (node, "bandwidth"), "inbound",
                                           "floor");

      if (floor != NULL)
        {
          g_set_error_literal (error, VD_ERROR, VD_ERROR_NOT_SUPPORTED,
                               _("An inbound floor works on a virtual network only: "
                                 "remove it first"));
          return FALSE;
        }
    }

  if ((strcmp (type, "direct") == 0 || strcmp (type, "user") == 0) &&
      _vd_xml_find_child (node, "filterref") != NULL)
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_NOT_SUPPORTED,
                           _("libvirt filters the traffic of a NIC on a network, a bridge or a "
                             "tap device only: remove the filter first"));
      return FALSE;
    }

  old_type = _vd_xml_get_prop (node, "type");
  src = _vd_xml_find_child (node, "source");
  if (src != NULL && g_strcmp0 (old_type, type) != 0)
    {
      _vd_xml_remove_child (src);
      src = NULL;
    }
  _vd_xml_set_prop (node, "type", type);
  if (strcmp (type, "user") == 0)
    return TRUE;

  attr = strcmp (type, "network") == 0 ? "network" : strcmp (type, "bridge") == 0 ? "bridge"
       : "dev";
  if (src == NULL)
    src = _vd_xml_ensure_child (node, "source", interface_order);
  _vd_xml_set_prop (src, attr, source);
  if (strcmp (type, "direct") == 0)
    _vd_xml_set_prop (src, "mode", mode != NULL ? mode : "vepa");

  return TRUE;
}

static const char * const nic_models[] = {
  "virtio", "virtio-transitional", "virtio-non-transitional", "e1000", "e1000e", "igb",
  "rtl8139", "ne2k_pci", "pcnet", "vmxnet3", "usb-net", "spapr-vlan", "lan9118", "smc91c111",
  NULL,
};
static const VdAttrField nic_model_field = {
  KINDS_NIC, "model", interface_order, "type", nic_models,
  N_("“%s” is not a network card model"),
};

char *
vd_domain_editor_get_nic_model (VdDomainEditor *self,
                                const char     *id)
{
  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), NULL);

  return _vd_attr_field_get (self, id, &nic_model_field);
}

/**
 * vd_domain_editor_set_nic_model:
 * @model: (nullable): virtio, e1000e, rtl8139, ...; %NULL for the default
 */
gboolean
vd_domain_editor_set_nic_model (VdDomainEditor  *self,
                                const char      *id,
                                const char      *model,
                                GError         **error)
{
  xmlNode *node;
  g_autofree char *type = NULL;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  node = _vd_device_lookup (self, id, KINDS_NIC, error);
  if (node == NULL)
    return FALSE;
  type = _vd_xml_get_prop (node, "type");
  if (g_strcmp0 (type, "vhostuser") == 0 && model != NULL && *model != '\0' &&
      !g_str_has_prefix (model, "virtio"))
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                           _("A vhost-user NIC needs a virtio model"));
      return FALSE;
    }
  if (model != NULL && *model != '\0' && !g_str_has_prefix (model, "virtio") &&
      _vd_xml_find_child (node, "driver") != NULL)
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_NOT_SUPPORTED,
                           _("This NIC’s driver settings (vhost, queues) are for virtio only"));
      return FALSE;
    }

  return _vd_attr_field_set (self, id, &nic_model_field, model, error);
}

char *
vd_domain_editor_get_nic_mac (VdDomainEditor *self,
                              const char     *id)
{
  xmlNode *node;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), NULL);

  node = _vd_device_lookup (self, id, KINDS_NIC, NULL);

  return child_prop (node, "mac", "address");
}

/**
 * vd_domain_editor_set_nic_mac:
 * @mac: six hex bytes separated by colons, a unicast address (the
 *   lowest bit of the first byte clear), not all zero; written in lower case
 */
gboolean
vd_domain_editor_set_nic_mac (VdDomainEditor  *self,
                              const char      *id,
                              const char      *mac,
                              GError         **error)
{
  xmlNode *node;
  g_autofree char *lower = NULL;
  guint first = 0;
  gboolean zero = TRUE;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  node = _vd_device_lookup (self, id, KINDS_NIC, error);
  if (node == NULL)
    return FALSE;
  if (mac == NULL || strlen (mac) != 17)
    goto bad_format;
  for (guint i = 0; i < 17; i++)
    {
      if (i % 3 == 2 ? mac[i] != ':' : !g_ascii_isxdigit (mac[i]))
        goto bad_format;
      if (i % 3 != 2 && mac[i] != '0')
        zero = FALSE;
    }
  first = (guint)(g_ascii_xdigit_value (mac[0]) * 16 + g_ascii_xdigit_value (mac[1]));
  if (first & 1)
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("%s is a multicast address: the first byte must be even"), mac);
      return FALSE;
    }
  if (zero)
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                           _("A MAC address cannot be all zeros"));
      return FALSE;
    }

  lower = g_ascii_strdown (mac, -1);
  _vd_xml_set_prop (_vd_xml_ensure_child (node, "mac", interface_order), "address", lower);

  return TRUE;

bad_format:
  g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
               _("“%s” is not a MAC address (six hex bytes such as 52:54:00:12:34:56)"),
               mac != NULL ? mac : "");
  return FALSE;
}

gboolean
vd_domain_editor_get_nic_link_up (VdDomainEditor *self,
                                  const char     *id)
{
  g_autofree char *state = NULL;
  xmlNode *node;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  node = _vd_device_lookup (self, id, KINDS_NIC, NULL);
  if (node == NULL)
    return FALSE;
  state = child_prop (node, "link", "state");

  return g_strcmp0 (state, "down") != 0;
}

/**
 * vd_domain_editor_set_nic_link_up:
 *
 * Plugs the virtual cable in or out. Applied to a running guest at once.
 */
gboolean
vd_domain_editor_set_nic_link_up (VdDomainEditor  *self,
                                  const char      *id,
                                  gboolean         up,
                                  GError         **error)
{
  xmlNode *node;
  xmlNode *link;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  node = _vd_device_lookup (self, id, KINDS_NIC, error);
  if (node == NULL)
    return FALSE;
  link = _vd_xml_find_child (node, "link");
  if (link == NULL && up)
    return TRUE;
  if (link == NULL)
    link = _vd_xml_ensure_child (node, "link", interface_order);
  _vd_xml_set_prop (link, "state", up ? "up" : "down");

  return TRUE;
}

char *
vd_domain_editor_get_nic_portgroup (VdDomainEditor *self,
                                    const char     *id)
{
  xmlNode *node;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), NULL);

  node = _vd_device_lookup (self, id, KINDS_NIC, NULL);

  return child_prop (node, "source", "portgroup");
}

/**
 * vd_domain_editor_set_nic_portgroup:
 * @portgroup: (nullable): a port group of the NIC's virtual network;
 *   %NULL or "" for the network's default
 */
gboolean
vd_domain_editor_set_nic_portgroup (VdDomainEditor  *self,
                                    const char      *id,
                                    const char      *portgroup,
                                    GError         **error)
{
  xmlNode *node;
  xmlNode *src;
  g_autofree char *type = NULL;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  node = _vd_device_lookup (self, id, KINDS_NIC, error);
  if (node == NULL)
    return FALSE;
  if (portgroup != NULL && *portgroup == '\0')
    portgroup = NULL;
  type = _vd_xml_get_prop (node, "type");
  src = _vd_xml_find_child (node, "source");
  if (portgroup != NULL && (g_strcmp0 (type, "network") != 0 || src == NULL))
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                           _("Only a NIC on a virtual network has a port group"));
      return FALSE;
    }
  if (portgroup != NULL && !is_simple_name (portgroup))
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a port group name"), portgroup);
      return FALSE;
    }
  if (src != NULL)
    _vd_xml_set_prop (src, "portgroup", portgroup);

  return TRUE;
}

/**
 * vd_domain_editor_get_nic_vlan:
 *
 * Returns: the NIC's VLAN tag (the first of a trunk), -1 for none
 */
int
vd_domain_editor_get_nic_vlan (VdDomainEditor *self,
                               const char     *id)
{
  xmlNode *node;
  g_autofree char *tag = NULL;
  guint64 value;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), -1);

  node = _vd_device_lookup (self, id, KINDS_NIC, NULL);
  tag = child_prop (_vd_xml_find_child (node, "vlan"), "tag", "id");
  if (tag == NULL || !g_ascii_string_to_unsigned (tag, 10, 0, 4095, &value, NULL))
    return -1;

  return (int)value;
}

/**
 * vd_domain_editor_set_nic_vlan:
 * @tag: 0 to 4095, or -1 for no VLAN
 *
 * Refused for a NIC that carries several VLANs (a trunk).
 */
gboolean
vd_domain_editor_set_nic_vlan (VdDomainEditor  *self,
                               const char      *id,
                               int              tag,
                               GError         **error)
{
  static const char * const vlan_order[] = { "tag", NULL };
  xmlNode *node;
  xmlNode *vlan;
  xmlNode *tag_node;
  guint tags = 0;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  node = _vd_device_lookup (self, id, KINDS_NIC, error);
  if (node == NULL)
    return FALSE;
  if (tag < -1 || tag > 4095)
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("A VLAN tag is a number from 0 to 4095, not %d"), tag);
      return FALSE;
    }
  vlan = _vd_xml_find_child (node, "vlan");
  for (xmlNode *child = vlan != NULL ? vlan->children : NULL; child != NULL; child = child->next)
    if (_vd_xml_is_element (child, "tag"))
      tags++;
  if (tags > 1 && tag == vd_domain_editor_get_nic_vlan (self, id))
    return TRUE;
  if (tags > 1)
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_NOT_SUPPORTED,
                           _("This NIC carries several VLANs (a trunk): change them in the XML"));
      return FALSE;
    }

  if (tag == -1)
    {
      if (vlan != NULL)
        _vd_xml_remove_child (vlan);
      return TRUE;
    }
  if (vlan == NULL)
    vlan = _vd_xml_ensure_child (node, "vlan", interface_order);
  tag_node = _vd_xml_ensure_child (vlan, "tag", vlan_order);
  {
    g_autofree char *text = g_strdup_printf ("%d", tag);

    _vd_xml_set_prop (tag_node, "id", text);
  }

  return TRUE;
}

/**
 * vd_domain_editor_get_nic_bandwidth:
 * @inbound: the guest's inbound (%TRUE) or outbound traffic
 * @average: (out) (optional): KiB/s, 0 for no limit
 * @peak: (out) (optional): KiB/s, 0 for none
 * @burst: (out) (optional): KiB, 0 for none
 *
 * Returns: whether the direction has a limit
 */
gboolean
vd_domain_editor_get_nic_bandwidth (VdDomainEditor *self,
                                    const char     *id,
                                    gboolean        inbound,
                                    guint64        *average,
                                    guint64        *peak,
                                    guint64        *burst)
{
  const char * const names[] = { "average", "peak", "burst" };
  guint64 *outs[] = { average, peak, burst };
  xmlNode *node;
  xmlNode *limit;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  node = _vd_device_lookup (self, id, KINDS_NIC, NULL);
  limit = _vd_xml_find_child (_vd_xml_find_child (node, "bandwidth"),
                              inbound ? "inbound" : "outbound");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *text = _vd_xml_get_prop (limit, names[i]);
      guint64 value = 0;

      if (text != NULL)
        g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT64, &value, NULL);
      if (outs[i] != NULL)
        *outs[i] = value;
    }

  return limit != NULL;
}

/**
 * vd_domain_editor_set_nic_bandwidth:
 * @average: KiB/s; 0 with @peak and @burst 0 removes the limit
 * @peak: KiB/s, 0 for none; not below @average
 * @burst: KiB, 0 for none
 *
 * Another attribute of the limit (floor) is kept.
 */
gboolean
vd_domain_editor_set_nic_bandwidth (VdDomainEditor  *self,
                                    const char      *id,
                                    gboolean         inbound,
                                    guint64          average,
                                    guint64          peak,
                                    guint64          burst,
                                    GError         **error)
{
  static const char * const bandwidth_order[] = { "inbound", "outbound", NULL };
  const char * const names[] = { "average", "peak", "burst" };
  const guint64 values[] = { average, peak, burst };
  xmlNode *node;
  xmlNode *bandwidth;
  xmlNode *limit;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  node = _vd_device_lookup (self, id, KINDS_NIC, error);
  if (node == NULL)
    return FALSE;
  if (average == 0 && (peak != 0 || burst != 0))
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                           _("Set an average rate to set a peak or a burst"));
      return FALSE;
    }
  if (peak != 0 && peak < average)
    {
      g_autofree char *peak_text = g_strdup_printf ("%" G_GUINT64_FORMAT, peak);
      g_autofree char *average_text = g_strdup_printf ("%" G_GUINT64_FORMAT, average);

      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("The peak rate (%s KiB/s) is below the average rate (%s KiB/s)"),
                   peak_text, average_text);
      return FALSE;
    }
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    if (values[i] > G_MAXUINT32)
      {
        g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                     _("A rate or burst is at most %u"), G_MAXUINT32);
        return FALSE;
      }

  bandwidth = _vd_xml_find_child (node, "bandwidth");
  limit = _vd_xml_find_child (bandwidth, inbound ? "inbound" : "outbound");
  if (average == 0)
    {
      if (limit == NULL)
        return TRUE;
      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        _vd_xml_set_prop (limit, names[i], NULL);
      if (is_empty_element (limit))
        _vd_xml_remove_child (limit);
      if (is_empty_element (bandwidth))
        _vd_xml_remove_child (bandwidth);
      return TRUE;
    }

  if (bandwidth == NULL)
    bandwidth = _vd_xml_ensure_child (node, "bandwidth", interface_order);
  if (limit == NULL)
    limit = _vd_xml_ensure_child (bandwidth, inbound ? "inbound" : "outbound", bandwidth_order);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GUINT64_FORMAT, values[i]);

      _vd_xml_set_prop (limit, names[i], values[i] != 0 ? text : NULL);
    }

  return TRUE;
}
