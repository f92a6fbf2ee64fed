/* vd-install-spec.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vd-connection.h"
#include "vd-install-script.h"

G_BEGIN_DECLS

/**
 * VdInstallMethod:
 * @VD_INSTALL_METHOD_MEDIA: boot an installer ISO file, a pool volume or a
 *   host CD device
 * @VD_INSTALL_METHOD_PXE: boot from the network a virtual network offers
 * @VD_INSTALL_METHOD_IMPORT: boot an existing disk image, no installer
 * @VD_INSTALL_METHOD_MANUAL: no media: an empty guest to set up later
 * @VD_INSTALL_METHOD_URL: network install: the kernel and initrd of an
 *   install tree on an HTTP, HTTPS or FTP server, booted directly
 *
 * How the new guest gets its operating system.
 */
typedef enum
{
  VD_INSTALL_METHOD_MEDIA,
  VD_INSTALL_METHOD_PXE,
  VD_INSTALL_METHOD_IMPORT,
  VD_INSTALL_METHOD_MANUAL,
  VD_INSTALL_METHOD_URL,
  VD_INSTALL_N_METHODS
} VdInstallMethod;

/**
 * VdInstallDisk:
 * @VD_INSTALL_DISK_NONE: no disk
 * @VD_INSTALL_DISK_NEW: a new volume in a pool
 * @VD_INSTALL_DISK_EXISTING: an existing volume or file
 */
typedef enum
{
  VD_INSTALL_DISK_NONE,
  VD_INSTALL_DISK_NEW,
  VD_INSTALL_DISK_EXISTING,
} VdInstallDisk;

/**
 * VdInstallNet:
 * @VD_INSTALL_NET_NETWORK: a libvirt virtual network
 * @VD_INSTALL_NET_BRIDGE: a host bridge
 * @VD_INSTALL_NET_MACVTAP: a macvtap interface on a host device
 * @VD_INSTALL_NET_NONE: no network card
 */
typedef enum
{
  VD_INSTALL_NET_NETWORK,
  VD_INSTALL_NET_BRIDGE,
  VD_INSTALL_NET_MACVTAP,
  VD_INSTALL_NET_NONE,
} VdInstallNet;

typedef enum
{
  VD_INSTALL_FIRMWARE_BIOS,
  VD_INSTALL_FIRMWARE_UEFI,
} VdInstallFirmware;

/**
 * VdInstallSpecField:
 *
 * The fields vd_install_spec_check() judges one at a time.
 */
typedef enum
{
  VD_INSTALL_SPEC_FIELD_MEDIA,
  VD_INSTALL_SPEC_FIELD_PXE_NETWORK,
  VD_INSTALL_SPEC_FIELD_URL,
  VD_INSTALL_SPEC_FIELD_MEMORY,
  VD_INSTALL_SPEC_FIELD_VCPUS,
  VD_INSTALL_SPEC_FIELD_DISK_POOL,
  VD_INSTALL_SPEC_FIELD_DISK_SIZE,
  VD_INSTALL_SPEC_FIELD_DISK_PATH,
  VD_INSTALL_SPEC_FIELD_NAME,
  VD_INSTALL_SPEC_FIELD_NETWORK,
  VD_INSTALL_SPEC_N_FIELDS
} VdInstallSpecField;

/**
 * VdInstallLimits:
 * @host_memory: the host's memory in bytes, 0 when unknown
 * @host_cpus: the host's logical CPUs, 0 when unknown
 *
 * What the checks compare memory and vCPUs with.
 */
typedef struct
{
  guint64 host_memory;
  guint   host_cpus;
} VdInstallLimits;

/**
 * VdInstallSpec:
 * @method: how the OS arrives
 * @media_path: the ISO file, volume path or CD device (@method MEDIA)
 * @media_is_device: @media_path is a host block device (/dev/sr0)
 * @url: the install tree's URL (@method URL)
 * @kernel_args: more kernel arguments for a network install, typed by the
 *   user ("inst.ks=http://host/ks.cfg"), or %NULL
 * @tree_kernel: the tree's kernel, relative to @url
 *   ("images/pxeboot/vmlinuz"), as libosinfo read it from the tree
 * @tree_initrd: the tree's initrd, relative to @url (for a local ISO
 *   install with @script, @tree_kernel and @tree_initrd are their paths on
 *   the ISO, "isolinux/vmlinuz", from libosinfo's medium)
 * @install_arg: the kernel argument naming the tree for the OS's
 *   installer ("inst.repo", "method", "install"), from libosinfo
 * @install_kernel: the kernel volume's path while the guest's first boot
 *   is defined (set by the creation; %NULL for the final configuration)
 * @install_initrd: the initrd volume's path, likewise
 * @uuid: the guest's UUID, %NULL for libvirt to choose one (set by the
 *   creation to define the final configuration of a network install)
 * @pxe_network: the virtual network to boot from (@method PXE)
 * @os_id: the libosinfo id ("http://debian.org/debian/11"), %NULL for
 *   an unknown OS
 * @os_short_id: its short id ("debian11"), written to the libosinfo
 *   metadata of the guest
 * @min_memory: the OS's minimum RAM in MiB, 0 for none
 * @memory: RAM in MiB
 * @vcpus: virtual CPUs
 * @disk: whether and which disk
 * @disk_pool: the pool of a new disk
 * @disk_size: the new disk's size in bytes
 * @disk_format: the new disk's format ("qcow2", "raw")
 * @disk_path: the existing disk (@disk EXISTING); for a new one, where the
 *   volume ended up (set by the creation)
 * @name: the guest's name
 * @net: the kind of network card
 * @net_source: the network, bridge or host device
 * @macvtap_mode: "bridge", "vepa", "private" or "passthrough"
 * @firmware: BIOS or UEFI
 * @arch: the guest architecture ("x86_64")
 * @domain_type: libvirt's domain type on a QEMU host ("kvm", "qemu"), or
 *   %NULL for the best the host offers; other drivers always get their own
 * @disk_bus: "virtio", "sata" or "ide"
 * @nic_model: "virtio", "e1000e", "rtl8139"
 * @video_model: "virtio", "qxl", "vga"
 * @tablet: a USB tablet for absolute pointing
 * @usb_model: the USB controller's model ("qemu-xhci", "ich9-ehci1")
 * @script: (nullable): an unattended install's generated script (a network
 *   install, or an ISO file on a local connection): put into the initrd by the creation, its kernel
 *   arguments added to the command line; it holds the passwords, so it is
 *   zeroed when the spec is freed and never written anywhere else
 *
 * What the New Virtual Machine wizard collects: a plain struct, no
 * libvirt. The device choices come from the OS (vd_osinfo_apply_os()).
 */
typedef struct
{
  VdInstallMethod    method;
  char              *media_path;
  gboolean           media_is_device;
  char              *url;
  char              *kernel_args;
  char              *tree_kernel;
  char              *tree_initrd;
  char              *install_arg;
  char              *install_kernel;
  char              *install_initrd;
  char              *uuid;
  char              *pxe_network;
  char              *os_id;
  char              *os_short_id;
  guint64            min_memory;
  guint64            memory;
  guint              vcpus;
  VdInstallDisk      disk;
  char              *disk_pool;
  guint64            disk_size;
  char              *disk_format;
  char              *disk_path;
  char              *name;
  VdInstallNet       net;
  char              *net_source;
  char              *macvtap_mode;
  VdInstallFirmware  firmware;
  char              *arch;
  char              *domain_type;
  char              *disk_bus;
  char              *nic_model;
  char              *video_model;
  gboolean           tablet;
  char              *usb_model;
  VdInstallScript   *script;
} VdInstallSpec;

/**
 * VdCreateDomainStep:
 *
 * The steps vd_connection_create_domain_async() reports as it reaches them.
 */
typedef enum
{
  VD_CREATE_DOMAIN_STEP_VOLUME,
  VD_CREATE_DOMAIN_STEP_DEFINE,
  VD_CREATE_DOMAIN_STEP_START,
  VD_CREATE_DOMAIN_STEP_DOWNLOAD_KERNEL,
  VD_CREATE_DOMAIN_STEP_DOWNLOAD_INITRD,
  VD_CREATE_DOMAIN_STEP_UPLOAD,
  VD_CREATE_DOMAIN_STEP_EXTRACT_KERNEL,
  VD_CREATE_DOMAIN_STEP_EXTRACT_INITRD,
} VdCreateDomainStep;

/* @done and @total: bytes of a download (0 and 0 for the other steps; a
 * @total of 0 with a download is a size the server did not say). */
typedef void (*VdCreateDomainProgress) (VdCreateDomainStep step,
                                        guint64            done,
                                        guint64            total,
                                        gpointer           user_data);

#define VD_TYPE_INSTALL_SPEC (vd_install_spec_get_type ())

GType          vd_install_spec_get_type     (void) G_GNUC_CONST;
VdInstallSpec *vd_install_spec_new          (void);
VdInstallSpec *vd_install_spec_copy         (const VdInstallSpec   *spec);
void           vd_install_spec_free         (VdInstallSpec         *spec);
void           vd_install_spec_set_generic_devices (VdInstallSpec  *spec);

gboolean       vd_install_spec_uses_field   (const VdInstallSpec   *spec,
                                             VdInstallSpecField     field);
char          *vd_install_spec_check        (const VdInstallSpec   *spec,
                                             VdInstallSpecField     field,
                                             GListModel            *domains,
                                             const VdInstallLimits *limits);
char          *vd_install_spec_get_warning  (const VdInstallSpec   *spec,
                                             VdInstallSpecField     field,
                                             const VdInstallLimits *limits);
gboolean       vd_install_spec_validate     (const VdInstallSpec   *spec,
                                             GListModel            *domains,
                                             const VdInstallLimits *limits,
                                             GError               **error);
char          *vd_install_spec_get_volume_name (const VdInstallSpec *spec);
char          *vd_install_spec_to_xml       (const VdInstallSpec   *spec);
char          *vd_install_spec_get_cmdline  (const VdInstallSpec   *spec);
char          *vd_install_spec_get_boot_pool (const VdInstallSpec  *spec);
char          *vd_install_spec_to_volume_xml (const VdInstallSpec  *spec,
                                              gboolean              file_pool);

void           vd_connection_create_domain_async  (VdConnection           *self,
                                                   const VdInstallSpec    *spec,
                                                   gboolean                start,
                                                   VdCreateDomainProgress  progress,
                                                   gpointer                progress_data,
                                                   GDestroyNotify          progress_destroy,
                                                   GCancellable           *cancellable,
                                                   GAsyncReadyCallback     callback,
                                                   gpointer                user_data);
char          *vd_connection_create_domain_finish (VdConnection           *self,
                                                   GAsyncResult           *result,
                                                   GError                **error);

void           vd_connection_list_cd_drives_async  (VdConnection           *self,
                                                    GCancellable           *cancellable,
                                                    GAsyncReadyCallback     callback,
                                                    gpointer                user_data);
GStrv          vd_connection_list_cd_drives_finish (VdConnection           *self,
                                                    GAsyncResult           *result,
                                                    GError                **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VdInstallSpec, vd_install_spec_free)

G_END_DECLS
