/* vd-node-devices.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vd-connection.h"
#include "vd-domain-editor-hostdev.h"

G_BEGIN_DECLS

/* The host's USB and PCI devices (libvirt's node devices), for passing
 * one through to a guest. */

typedef enum
{
  VD_NODE_DEVICE_USB = 1 << 0,
  VD_NODE_DEVICE_PCI = 1 << 1,
} VdNodeDeviceCaps;

/**
 * VdNodeDevice:
 * @name: libvirt's name of the device (usb_1_3, pci_0000_02_00_0)
 * @type: %VD_HOSTDEV_USB or %VD_HOSTDEV_PCI
 * @vendor_id: the vendor id (0x8086)
 * @product_id: the product id
 * @vendor_name: (nullable): the vendor's name as the host knows it
 * @product_name: (nullable): the product's name
 * @domain: a PCI device's address: @domain, @bus, @slot, @function; a USB
 *   device's: @bus and @device
 * @driver: (nullable): the host driver bound to it
 * @used_by: (nullable): the guests on the connection (other than the one
 *   asked about) that have it passed through, comma separated
 */
typedef struct
{
  char          *name;
  VdHostdevType  type;
  guint          vendor_id;
  guint          product_id;
  char          *vendor_name;
  char          *product_name;
  guint          domain;
  guint          bus;
  guint          slot;
  guint          function;
  guint          device;
  char          *driver;
  char          *used_by;
} VdNodeDevice;

#define VD_TYPE_NODE_DEVICE (vd_node_device_get_type ())

GType         vd_node_device_get_type      (void) G_GNUC_CONST;
VdNodeDevice *vd_node_device_new_from_xml  (const char          *xml,
                                            GError             **error);
VdNodeDevice *vd_node_device_copy          (const VdNodeDevice  *self);
void          vd_node_device_free          (VdNodeDevice        *self);
char         *vd_node_device_get_address   (const VdNodeDevice  *self);
char         *vd_node_device_get_title     (const VdNodeDevice  *self);
gboolean      vd_node_device_matches       (const VdNodeDevice  *self,
                                            const VdHostdev     *hostdev);
char         *vd_node_device_to_hostdev_xml (const VdNodeDevice *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VdNodeDevice, vd_node_device_free)

void          vd_node_devices_mark_users   (GPtrArray           *devices,
                                            const char          *guest,
                                            const char          *domain_xml);

void          vd_connection_list_node_devices_async  (VdConnection         *self,
                                                      VdNodeDeviceCaps      caps,
                                                      const char           *except_uuid,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
GPtrArray    *vd_connection_list_node_devices_finish (VdConnection         *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);

G_END_DECLS
