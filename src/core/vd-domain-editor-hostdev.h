/* vd-domain-editor-hostdev.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vd-domain-editor-devices.h"

G_BEGIN_DECLS

/* Host devices passed through (<hostdev mode='subsystem'>), USB
 * redirection (<redirdev>) and the redirection filter */

typedef enum
{
  VD_HOSTDEV_OTHER,
  VD_HOSTDEV_USB,
  VD_HOSTDEV_PCI,
} VdHostdevType;

/**
 * VdHostdev:
 * @type: USB, PCI, or another kind (scsi, mdev, ...: read only)
 * @managed: libvirt detaches the device from its host driver itself
 * @vendor: a USB device's vendor id, 0 when it is named by its address
 * @product: a USB device's product id
 * @has_address: the host device is named by its address: for USB @bus and
 *   @device; for PCI @domain, @bus, @slot and @function
 * @startup_policy: (nullable): a USB device's startupPolicy (mandatory,
 *   requisite, optional)
 * @rom_bar: a PCI device's ROM BAR: 1 on, 0 off, -1 not written
 */
typedef struct
{
  VdHostdevType  type;
  gboolean       managed;
  guint          vendor;
  guint          product;
  gboolean       has_address;
  guint          domain;
  guint          bus;
  guint          slot;
  guint          function;
  guint          device;
  char          *startup_policy;
  int            rom_bar;
} VdHostdev;

void     vd_hostdev_clear                        (VdHostdev       *hostdev);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (VdHostdev, vd_hostdev_clear)

gboolean vd_domain_editor_get_hostdev            (VdDomainEditor  *self,
                                                  const char      *id,
                                                  VdHostdev       *hostdev);
gboolean vd_domain_editor_set_hostdev_usb_ids    (VdDomainEditor  *self,
                                                  const char      *id,
                                                  guint            vendor,
                                                  guint            product,
                                                  GError         **error);
gboolean vd_domain_editor_set_hostdev_usb_address (VdDomainEditor *self,
                                                  const char      *id,
                                                  guint            bus,
                                                  guint            device,
                                                  GError         **error);
gboolean vd_domain_editor_set_hostdev_startup_policy (VdDomainEditor *self,
                                                  const char      *id,
                                                  const char      *policy,
                                                  GError         **error);
gboolean vd_domain_editor_set_hostdev_pci_address (VdDomainEditor *self,
                                                  const char      *id,
                                                  guint            domain,
                                                  guint            bus,
                                                  guint            slot,
                                                  guint            function,
                                                  GError         **error);
gboolean vd_domain_editor_set_hostdev_managed    (VdDomainEditor  *self,
                                                  const char      *id,
                                                  gboolean         managed,
                                                  GError         **error);
gboolean vd_domain_editor_set_hostdev_rom_bar    (VdDomainEditor  *self,
                                                  const char      *id,
                                                  int              rom_bar,
                                                  GError         **error);

gboolean vd_domain_editor_get_redirdev           (VdDomainEditor  *self,
                                                  const char      *id,
                                                  char           **type,
                                                  char           **host,
                                                  guint           *port);
gboolean vd_domain_editor_set_redirdev           (VdDomainEditor  *self,
                                                  const char      *id,
                                                  const char      *type,
                                                  const char      *host,
                                                  guint            port,
                                                  GError         **error);
gboolean vd_redirdev_check_host                  (const char      *host,
                                                  GError         **error);
gboolean vd_redirdev_parse_port                  (const char      *text,
                                                  guint           *port,
                                                  GError         **error);

/**
 * VdRedirRule:
 * @allow: whether matching devices may be redirected
 * @usb_class: (nullable): the USB class (0x08), %NULL for any; likewise
 *   @vendor, @product and @version (2.00)
 */
typedef struct
{
  gboolean  allow;
  char     *usb_class;
  char     *vendor;
  char     *product;
  char     *version;
} VdRedirRule;

void       vd_redir_rule_free                    (VdRedirRule     *rule);
GPtrArray *vd_domain_editor_list_redirfilter     (VdDomainEditor  *self);

G_END_DECLS
