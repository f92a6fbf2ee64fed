/* vd-node-devices.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-node-devices"

#include "config.h"

#include <glib/gi18n.h>
#include <libvirt/libvirt.h>
#include <string.h>

#include "vd-error.h"
#include "vd-node-devices.h"
#include "vd-xml.h"

/*
 * The host's USB and PCI devices, read in one worker: libvirt's node
 * devices of capability usb_device and pci
 * (virConnectListAllNodeDevices), each parsed from its XML, and the
 * definitions of the connection's guests, to say which devices another
 * guest has passed through already. Nothing here touches the main loop
 * but the GTask's callback.
 */

G_DEFINE_BOXED_TYPE (VdNodeDevice, vd_node_device, vd_node_device_copy, vd_node_device_free)

static guint
parse_number (const char *text)
{
  guint64 value;
  char *end = NULL;

  if (text == NULL)
    return 0;
  value = g_ascii_strtoull (text, &end, 0);

  return end != text && *end == '\0' && value <= G_MAXUINT ? (guint)value : 0;
}

static guint
xml_number (VdXml      *xml,
            const char *expr)
{
  g_autofree char *text = vd_xml_get_string (xml, expr);

  return parse_number (text != NULL ? g_strstrip (text) : NULL);
}

/**
 * vd_node_device_new_from_xml:
 * @xml: a node device's XML (virNodeDeviceGetXMLDesc)
 *
 * Returns: (transfer full) (nullable): the device, or %NULL with @error
 *   set when it is no USB or PCI device
 */
VdNodeDevice *
vd_node_device_new_from_xml (const char  *xml,
                             GError     **error)
{
  g_autoptr(VdXml) doc = vd_xml_new (xml);
  g_autoptr(VdNodeDevice) self = NULL;
  g_autofree char *cap = NULL;
  g_autofree char *usb = NULL;

  if (doc == NULL)
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("The host device’s description is not valid XML"));
      return NULL;
    }

  self = g_new0 (VdNodeDevice, 1);
  self->name = vd_xml_get_string (doc, "/device/name");
  self->driver = vd_xml_get_string (doc, "/device/driver/name");
  usb = vd_xml_get_string (doc, "/device/capability[@type='usb_device']/@type");
  if (usb != NULL)
    {
      self->type = VD_HOSTDEV_USB;
      cap = g_strdup ("/device/capability[@type='usb_device']");
      self->bus = xml_number (doc, "/device/capability[@type='usb_device']/bus");
      self->device = xml_number (doc, "/device/capability[@type='usb_device']/device");
    }
  else
    {
      g_autofree char *pci = vd_xml_get_string (doc, "/device/capability[@type='pci']/@type");

      if (pci == NULL)
        {
          g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                       _("“%s” is no USB or PCI device"), self->name != NULL ? self->name : "");
          return NULL;
        }
      self->type = VD_HOSTDEV_PCI;
      cap = g_strdup ("/device/capability[@type='pci']");
      self->domain = xml_number (doc, "/device/capability[@type='pci']/domain");
      self->bus = xml_number (doc, "/device/capability[@type='pci']/bus");
      self->slot = xml_number (doc, "/device/capability[@type='pci']/slot");
      self->function = xml_number (doc, "/device/capability[@type='pci']/function");
    }

  {
    g_autofree char *vendor_id = g_strconcat (cap, "/vendor/@id", NULL);
    g_autofree char *product_id = g_strconcat (cap, "/product/@id", NULL);
    g_autofree char *vendor = g_strconcat (cap, "/vendor", NULL);
    g_autofree char *product = g_strconcat (cap, "/product", NULL);

    self->vendor_id = xml_number (doc, vendor_id);
    self->product_id = xml_number (doc, product_id);
    self->vendor_name = vd_xml_get_string (doc, vendor);
    self->product_name = vd_xml_get_string (doc, product);
    if (self->vendor_name != NULL)
      g_strstrip (self->vendor_name);
    if (self->product_name != NULL)
      g_strstrip (self->product_name);
  }

  return g_steal_pointer (&self);
}

VdNodeDevice *
vd_node_device_copy (const VdNodeDevice *self)
{
  VdNodeDevice *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->name = g_strdup (self->name);
  copy->vendor_name = g_strdup (self->vendor_name);
  copy->product_name = g_strdup (self->product_name);
  copy->driver = g_strdup (self->driver);
  copy->used_by = g_strdup (self->used_by);

  return copy;
}

void
vd_node_device_free (VdNodeDevice *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->vendor_name);
  g_free (self->product_name);
  g_free (self->driver);
  g_free (self->used_by);
  g_free (self);
}

/**
 * vd_node_device_get_address:
 *
 * Returns: (transfer full): where the device is on the host: a PCI
 *   address (0000:02:00.0) or a USB bus and device (001:003, as lsusb
 *   writes them)
 */
char *
vd_node_device_get_address (const VdNodeDevice *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->type == VD_HOSTDEV_PCI)
    return g_strdup_printf ("%04x:%02x:%02x.%x", self->domain, self->bus, self->slot,
                            self->function);

  return g_strdup_printf ("%03u:%03u", self->bus, self->device);
}

/**
 * vd_node_device_get_title:
 *
 * Returns: (transfer full): the device's vendor and product names, or
 *   their ids (8086:10d3) when the host has no names
 */
char *
vd_node_device_get_title (const VdNodeDevice *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->vendor_name != NULL && self->product_name != NULL)
    return g_strdup_printf ("%s %s", self->vendor_name, self->product_name);
  if (self->product_name != NULL)
    return g_strdup (self->product_name);

  return g_strdup_printf ("%04x:%04x", self->vendor_id, self->product_id);
}

/**
 * vd_node_device_matches:
 *
 * Returns: whether @hostdev (a guest's host device) names this device:
 *   a USB one by its ids or its bus address, a PCI one by its address
 */
gboolean
vd_node_device_matches (const VdNodeDevice *self,
                        const VdHostdev    *hostdev)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (hostdev != NULL, FALSE);

  if (self->type != hostdev->type)
    return FALSE;
  if (self->type == VD_HOSTDEV_PCI)
    return hostdev->has_address && hostdev->domain == self->domain &&
           hostdev->bus == self->bus && hostdev->slot == self->slot &&
           hostdev->function == self->function;
  if (hostdev->vendor != 0)
    return hostdev->vendor == self->vendor_id && hostdev->product == self->product_id;

  return hostdev->has_address && hostdev->bus == self->bus && hostdev->device == self->device;
}

/**
 * vd_node_device_to_hostdev_xml:
 *
 * Returns: (transfer full): a &lt;hostdev&gt; passing the device through:
 *   a USB device named by its ids, a PCI device by its address, managed
 */
char *
vd_node_device_to_hostdev_xml (const VdNodeDevice *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  if (self->type == VD_HOSTDEV_PCI)
    return g_strdup_printf ("<hostdev mode='subsystem' type='pci' managed='yes'><source>"
                            "<address domain='0x%04x' bus='0x%02x' slot='0x%02x' "
                            "function='0x%x'/></source></hostdev>",
                            self->domain, self->bus, self->slot, self->function);

  return g_strdup_printf ("<hostdev mode='subsystem' type='usb' managed='yes'><source>"
                          "<vendor id='0x%04x'/><product id='0x%04x'/></source></hostdev>",
                          self->vendor_id, self->product_id);
}

/* A guest's host device in @xml at @node, as the editor reads it. */
static void
read_hostdev (VdXml     *xml,
              xmlNode   *node,
              VdHostdev *hostdev)
{
  g_autofree char *type = vd_xml_node_get_string (xml, node, "@type");
  g_autofree char *vendor = vd_xml_node_get_string (xml, node, "source/vendor/@id");
  g_autofree char *product = vd_xml_node_get_string (xml, node, "source/product/@id");
  g_autofree char *domain = vd_xml_node_get_string (xml, node, "source/address/@domain");
  g_autofree char *bus = vd_xml_node_get_string (xml, node, "source/address/@bus");
  g_autofree char *slot = vd_xml_node_get_string (xml, node, "source/address/@slot");
  g_autofree char *function = vd_xml_node_get_string (xml, node, "source/address/@function");
  g_autofree char *device = vd_xml_node_get_string (xml, node, "source/address/@device");

  memset (hostdev, 0, sizeof *hostdev);
  hostdev->type = g_strcmp0 (type, "usb") == 0 ? VD_HOSTDEV_USB
                  : g_strcmp0 (type, "pci") == 0 ? VD_HOSTDEV_PCI : VD_HOSTDEV_OTHER;
  hostdev->vendor = parse_number (vendor);
  hostdev->product = parse_number (product);
  hostdev->has_address = bus != NULL;
  hostdev->domain = parse_number (domain);
  hostdev->bus = parse_number (bus);
  hostdev->slot = parse_number (slot);
  hostdev->function = parse_number (function);
  hostdev->device = parse_number (device);
}

/**
 * vd_node_devices_mark_users:
 * @devices: (element-type VdNodeDevice): the host's devices
 * @guest: a guest's name
 * @domain_xml: its definition
 *
 * Adds @guest to the used_by of each of @devices it passes through (once:
 * a running guest's live and next-start definitions both count).
 */
void
vd_node_devices_mark_users (GPtrArray  *devices,
                            const char *guest,
                            const char *domain_xml)
{
  g_autoptr(VdXml) xml = vd_xml_new (domain_xml);
  g_autoptr(GPtrArray) nodes = NULL;

  g_return_if_fail (devices != NULL);
  g_return_if_fail (guest != NULL);

  if (xml == NULL)
    return;
  nodes = vd_xml_get_nodes (xml, "/domain/devices/hostdev[not(@mode) or @mode='subsystem']");
  for (guint i = 0; i < nodes->len; i++)
    {
      VdHostdev hostdev;

      read_hostdev (xml, nodes->pdata[i], &hostdev);
      for (guint j = 0; j < devices->len; j++)
        {
          VdNodeDevice *device = devices->pdata[j];
          char *users;

          g_auto(GStrv) users_before = NULL;

          if (!vd_node_device_matches (device, &hostdev))
            continue;
          users_before = g_strsplit (device->used_by != NULL ? device->used_by : "", ", ", -1);
          if (g_strv_contains ((const char * const *)users_before, guest))
            continue;
          if (device->used_by == NULL)
            users = g_strdup (guest);
          else
            users = g_strdup_printf ("%s, %s", device->used_by, guest);
          g_free (device->used_by);
          device->used_by = users;
        }
    }
}

typedef struct
{
  virConnectPtr     conn;
  VdNodeDeviceCaps  caps;
  char             *except_uuid;
} ListData;

static void
list_data_free (gpointer user_data)
{
  ListData *data = user_data;

  virConnectClose (data->conn);
  g_free (data->except_uuid);
  g_free (data);
}

static int
compare_devices (gconstpointer a,
                 gconstpointer b)
{
  const VdNodeDevice *x = *(VdNodeDevice * const *)a;
  const VdNodeDevice *y = *(VdNodeDevice * const *)b;

  if (x->type != y->type)
    return x->type == VD_HOSTDEV_USB ? -1 : 1;
  if (x->domain != y->domain)
    return x->domain < y->domain ? -1 : 1;
  if (x->bus != y->bus)
    return x->bus < y->bus ? -1 : 1;
  if (x->slot != y->slot)
    return x->slot < y->slot ? -1 : 1;
  if (x->function != y->function)
    return x->function < y->function ? -1 : 1;

  return x->device < y->device ? -1 : x->device > y->device ? 1 : 0;
}

/* The guests other than @data's: which of @devices they pass through. */
static void
mark_all_users (ListData  *data,
                GPtrArray *devices)
{
  virDomainPtr *domains = NULL;
  int n = virConnectListAllDomains (data->conn, &domains, 0);

  if (n < 0)
    {
      /* The list stays usable; it only lacks the warning. */
      g_debug ("Could not list the guests: %s", virGetLastErrorMessage ());
      virResetLastError ();
      return;
    }
  for (int i = 0; i < n; i++)
    {
      char uuid[VIR_UUID_STRING_BUFLEN] = "";
      char *xml;

      if (virDomainGetUUIDString (domains[i], uuid) == 0 && data->except_uuid != NULL &&
          g_ascii_strcasecmp (uuid, data->except_uuid) == 0)
        {
          virDomainFree (domains[i]);
          continue;
        }
      /* What it has now (live for a running guest) and what it gets at
       * its next start can differ: both count. */
      xml = virDomainGetXMLDesc (domains[i], 0);
      if (xml != NULL)
        {
          vd_node_devices_mark_users (devices, virDomainGetName (domains[i]), xml);
          free (xml);
        }
      if (virDomainIsActive (domains[i]) == 1 && virDomainIsPersistent (domains[i]) == 1)
        {
          char *inactive = virDomainGetXMLDesc (domains[i], VIR_DOMAIN_XML_INACTIVE);

          if (inactive != NULL)
            {
              vd_node_devices_mark_users (devices, virDomainGetName (domains[i]), inactive);
              free (inactive);
            }
        }
      virResetLastError ();
      virDomainFree (domains[i]);
    }
  free (domains);
}

static void
list_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ListData *data = task_data;
  g_autoptr(GPtrArray) devices = g_ptr_array_new_with_free_func ((GDestroyNotify)vd_node_device_free);
  virNodeDevicePtr *nodes = NULL;
  unsigned int flags = 0;
  int n;

  if (data->caps & VD_NODE_DEVICE_USB)
    flags |= VIR_CONNECT_LIST_NODE_DEVICES_CAP_USB_DEV;
  if (data->caps & VD_NODE_DEVICE_PCI)
    flags |= VIR_CONNECT_LIST_NODE_DEVICES_CAP_PCI_DEV;

  n = virConnectListAllNodeDevices (data->conn, &nodes, flags);
  if (n < 0)
    {
      GError *error = NULL;

      vd_error_set_from_libvirt (&error, _("Unknown error"));
      g_prefix_error (&error, _("Could not list the host’s devices: "));
      g_task_return_error (task, error);
      return;
    }

  for (int i = 0; i < n; i++)
    {
      char *xml = virNodeDeviceGetXMLDesc (nodes[i], 0);

      if (xml != NULL)
        {
          g_autoptr(GError) error = NULL;
          VdNodeDevice *device = vd_node_device_new_from_xml (xml, &error);

          if (device != NULL)
            g_ptr_array_add (devices, device);
          else
            g_debug ("%s", error->message);
          free (xml);
        }
      virNodeDeviceFree (nodes[i]);
    }
  free (nodes);
  virResetLastError ();

  if (g_task_return_error_if_cancelled (task))
    return;
  mark_all_users (data, devices);
  g_ptr_array_sort (devices, compare_devices);
  g_task_return_pointer (task, g_steal_pointer (&devices), (GDestroyNotify)g_ptr_array_unref);
}

/**
 * vd_connection_list_node_devices_async:
 * @caps: which devices: USB, PCI or both
 * @except_uuid: (nullable): the guest being edited, whose own host
 *   devices are not "used by another guest"
 *
 * Lists the host's USB and/or PCI devices in a worker, sorted by address.
 */
void
vd_connection_list_node_devices_async (VdConnection        *self,
                                       VdNodeDeviceCaps     caps,
                                       const char          *except_uuid,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  virConnectPtr conn;
  ListData *data;

  g_return_if_fail (VD_IS_CONNECTION (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vd_connection_list_node_devices_async);

  conn = vd_connection_get_handle (self);
  if (conn == NULL)
    {
      g_task_return_new_error (task, VD_ERROR, VD_ERROR_NOT_CONNECTED,
                               _("“%s” is not connected"), vd_connection_get_display_name (self));
      return;
    }

  virConnectRef (conn);
  data = g_new0 (ListData, 1);
  data->conn = conn;
  data->caps = caps;
  data->except_uuid = g_strdup (except_uuid);
  g_task_set_task_data (task, data, list_data_free);
  g_task_run_in_thread (task, list_worker);
}

/**
 * vd_connection_list_node_devices_finish:
 *
 * Returns: (transfer container) (element-type VdNodeDevice): the devices,
 *   or %NULL with @error set
 */
GPtrArray *
vd_connection_list_node_devices_finish (VdConnection  *self,
                                        GAsyncResult  *result,
                                        GError       **error)
{
  g_return_val_if_fail (VD_IS_CONNECTION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
