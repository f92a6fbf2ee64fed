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
 * The devices of a guest: a list in document order, adding and removing,
 * and what the typed setters share (disks are in vd-domain-editor-disk.c,
 * NICs in vd-domain-editor-nic.c, graphics, video and the rest in
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

char *
_vd_xml_child_prop (xmlNode    *node,
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
      a = _vd_xml_child_prop (node, "target", "dev");
      /* Translators: a disk in the hardware list; %s is its target, e.g. vda */
      return g_strdup_printf (_("Disk %s"), a != NULL ? a : "");
    case VD_DEVICE_KIND_CDROM:
      a = _vd_xml_child_prop (node, "target", "dev");
      /* Translators: %s is the CD-ROM's target, e.g. sda */
      return g_strdup_printf (_("CD-ROM %s"), a != NULL ? a : "");
    case VD_DEVICE_KIND_FLOPPY:
      a = _vd_xml_child_prop (node, "target", "dev");
      /* Translators: %s is the floppy's target, e.g. fda */
      return g_strdup_printf (_("Floppy %s"), a != NULL ? a : "");
    case VD_DEVICE_KIND_INTERFACE:
      a = _vd_xml_child_prop (node, "mac", "address");
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
      a = _vd_xml_child_prop (node, "model", "type");
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
      a = _vd_xml_child_prop (node, "target", "port");
      /* Translators: %s is the serial port's number */
      return g_strdup_printf (_("Serial %s"), a != NULL ? a : "");
    case VD_DEVICE_KIND_PARALLEL:
      a = _vd_xml_child_prop (node, "target", "port");
      /* Translators: %s is the parallel port's number */
      return g_strdup_printf (_("Parallel %s"), a != NULL ? a : "");
    case VD_DEVICE_KIND_CONSOLE:
      a = _vd_xml_child_prop (node, "target", "type");
      /* Translators: %s is the console's kind (serial, virtio, ...) */
      return g_strdup_printf (_("Console %s"), a != NULL ? a : "");
    case VD_DEVICE_KIND_CHANNEL:
      a = _vd_xml_child_prop (node, "target", "name");
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
      a = _vd_xml_child_prop (node, "target", "dir");
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
gboolean
_vd_xml_is_empty_element (xmlNode *node)
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
      if (target != node && _vd_xml_is_empty_element (target))
        _vd_xml_remove_child (target);
      return TRUE;
    }
  if (target == NULL)
    target = _vd_xml_ensure_child (node, field->child, field->order);
  _vd_xml_set_prop (target, field->attr, value);

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
  g_autofree char *target_bus = _vd_xml_child_prop (device, "target", "bus");
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

/* A name without separators or blanks (a pool, a network, a bridge). */
gboolean
_vd_is_simple_name (const char *name)
{
  if (name == NULL || *name == '\0' || !g_utf8_validate (name, -1, NULL))
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (*p == '/' || g_ascii_isspace (*p) || g_ascii_iscntrl (*p))
      return FALSE;

  return TRUE;
}

/* Removes the children of @node named @names (not deeper) */
void
_vd_xml_remove_children (xmlNode            *node,
                         const char * const *names)
{
  g_autoptr(GPtrArray) doomed = g_ptr_array_new ();

  /* collected first: a removal also frees the blanks around the child */
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE && child->ns == NULL &&
        g_strv_contains (names, (const char *)child->name))
      g_ptr_array_add (doomed, child);
  for (guint i = 0; i < doomed->len; i++)
    _vd_xml_remove_child (doomed->pdata[i]);
}

void
_vd_xml_remove_attrs (xmlNode            *node,
                      const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    _vd_xml_set_prop (node, names[i], NULL);
}
