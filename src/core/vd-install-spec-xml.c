/* vd-install-spec-xml.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-install-spec"

#include "config.h"

#include <libvirt-gconfig/libvirt-gconfig.h>
#include <libxml/tree.h>

#include "vd-install-spec.h"

/*
 * A VdInstallSpec as libvirt XML. The volume is a libvirt-gconfig object.
 * The domain is built with libxml2: libvirt-gconfig has no direct
 * (macvtap) interfaces and no namespaced metadata element, and one
 * builder for the whole document keeps the golden files' order stable.
 */

#define LIBOSINFO_NS "http://libosinfo.org/xmlns/libvirt/domain/1.0"

static xmlNodePtr
add_child (xmlNodePtr  parent,
           const char *name)
{
  return xmlNewChild (parent, NULL, BAD_CAST name, NULL);
}

static xmlNodePtr
add_text (xmlNodePtr  parent,
          const char *name,
          const char *text)
{
  return xmlNewTextChild (parent, NULL, BAD_CAST name, BAD_CAST text);
}

static void
set_prop (xmlNodePtr  node,
          const char *name,
          const char *value)
{
  xmlSetProp (node, BAD_CAST name, BAD_CAST value);
}

static gboolean
is_set (const char *text)
{
  return text != NULL && *text != '\0';
}

/* "vda", "sdb", "hdc": the bus's prefix and the index-th letter. */
static char *
target_dev (const char *bus,
            guint       index)
{
  const char *prefix = g_strcmp0 (bus, "virtio") == 0 ? "vd"
                       : g_strcmp0 (bus, "ide") == 0 ? "hd" : "sd";

  return g_strdup_printf ("%s%c", prefix, 'a' + index);
}

static void
add_disk (xmlNodePtr           devices,
          const VdInstallSpec *spec,
          guint               *indexes)
{
  const char *bus = is_set (spec->disk_bus) ? spec->disk_bus : "sata";
  gboolean virtio = g_str_equal (bus, "virtio");
  g_autofree char *dev = target_dev (bus, indexes[virtio ? 1 : 0]++);
  /* An imported image keeps the format it has; a new volume has ours. */
  const char *format = spec->disk == VD_INSTALL_DISK_NEW && is_set (spec->disk_format)
                         ? spec->disk_format : NULL;
  xmlNodePtr disk = add_child (devices, "disk");
  xmlNodePtr node;

  set_prop (disk, "type", "file");
  set_prop (disk, "device", "disk");
  node = add_child (disk, "driver");
  set_prop (node, "name", "qemu");
  if (format != NULL)
    set_prop (node, "type", format);
  node = add_child (disk, "source");
  set_prop (node, "file", spec->disk_path ? spec->disk_path : "");
  node = add_child (disk, "target");
  set_prop (node, "dev", dev);
  set_prop (node, "bus", bus);
}

static void
add_cdrom (xmlNodePtr           devices,
           const VdInstallSpec *spec,
           guint               *indexes)
{
  /* virtio-blk has no CD-ROMs: an installer medium sits on SATA (IDE for
   * guests that have no AHCI driver). */
  const char *bus = g_strcmp0 (spec->disk_bus, "ide") == 0 ? "ide" : "sata";
  g_autofree char *dev = target_dev (bus, indexes[0]++);
  xmlNodePtr disk = add_child (devices, "disk");
  xmlNodePtr node;

  set_prop (disk, "type", spec->media_is_device ? "block" : "file");
  set_prop (disk, "device", "cdrom");
  node = add_child (disk, "driver");
  set_prop (node, "name", "qemu");
  set_prop (node, "type", "raw");
  node = add_child (disk, "source");
  set_prop (node, spec->media_is_device ? "dev" : "file", spec->media_path);
  node = add_child (disk, "target");
  set_prop (node, "dev", dev);
  set_prop (node, "bus", bus);
  add_child (disk, "readonly");
}

static void
add_interface (xmlNodePtr           devices,
               const VdInstallSpec *spec)
{
  VdInstallNet net = spec->method == VD_INSTALL_METHOD_PXE ? VD_INSTALL_NET_NETWORK : spec->net;
  const char *source = spec->method == VD_INSTALL_METHOD_PXE ? spec->pxe_network
                                                              : spec->net_source;
  xmlNodePtr iface, node;

  if (net == VD_INSTALL_NET_NONE)
    return;

  iface = add_child (devices, "interface");
  node = xmlNewNode (NULL, BAD_CAST "source");
  switch (net)
    {
    case VD_INSTALL_NET_BRIDGE:
      set_prop (iface, "type", "bridge");
      set_prop (node, "bridge", source);
      break;
    case VD_INSTALL_NET_MACVTAP:
      set_prop (iface, "type", "direct");
      set_prop (node, "dev", source);
      set_prop (node, "mode", is_set (spec->macvtap_mode) ? spec->macvtap_mode : "bridge");
      break;
    case VD_INSTALL_NET_NETWORK:
    case VD_INSTALL_NET_NONE:
    default:
      set_prop (iface, "type", "network");
      set_prop (node, "network", source);
      break;
    }
  xmlAddChild (iface, node);
  if (is_set (spec->nic_model))
    {
      node = add_child (iface, "model");
      set_prop (node, "type", spec->nic_model);
    }
}

static void
add_devices (xmlNodePtr           domain,
             const VdInstallSpec *spec)
{
  xmlNodePtr devices = add_child (domain, "devices");
  /* next letter on sd/hd buses, on virtio */
  guint indexes[2] = { 0, 0 };
  xmlNodePtr node;

  if (spec->disk != VD_INSTALL_DISK_NONE)
    add_disk (devices, spec, indexes);
  if (spec->method == VD_INSTALL_METHOD_MEDIA)
    add_cdrom (devices, spec, indexes);

  if (is_set (spec->usb_model))
    {
      node = add_child (devices, "controller");
      set_prop (node, "type", "usb");
      set_prop (node, "model", spec->usb_model);
    }

  add_interface (devices, spec);

  if (spec->tablet)
    {
      node = add_child (devices, "input");
      set_prop (node, "type", "tablet");
      set_prop (node, "bus", "usb");
    }

  node = add_child (devices, "graphics");
  set_prop (node, "type", "vnc");
  set_prop (node, "autoport", "yes");

  if (is_set (spec->video_model))
    {
      node = add_child (add_child (devices, "video"), "model");
      set_prop (node, "type", spec->video_model);
    }

  node = add_child (devices, "console");
  set_prop (node, "type", "pty");
}

static void
add_boot (xmlNodePtr  os,
          const char *dev)
{
  set_prop (add_child (os, "boot"), "dev", dev);
}

/**
 * vd_install_spec_to_xml:
 *
 * The guest's domain XML: boot order by method (CD-ROM then disk, the
 * network, the disk), the libosinfo OS id as metadata, and the devices
 * the spec names. A new disk's path is @spec->disk_path, which the
 * creation sets once the volume exists.
 *
 * For a network install (or a local ISO install with a script) whose
 * @spec->install_kernel and @spec->install_initrd are set, this is the
 * INSTALL configuration: the same guest booting that kernel and initrd
 * directly with vd_install_spec_get_cmdline(), turned off (not restarted)
 * when the installer reboots. With them unset it is the FINAL one, booting from
 * the disk; the creation starts the first and defines the second at once.
 *
 * Returns: (transfer full): the XML
 */
char *
vd_install_spec_to_xml (const VdInstallSpec *spec)
{
  g_autofree char *memory = NULL;
  g_autofree char *vcpus = NULL;
  xmlDocPtr doc;
  xmlNodePtr domain, node, os;
  xmlBufferPtr buffer;
  char *text;
  gboolean install;

  g_return_val_if_fail (spec != NULL, NULL);

  install = (spec->method == VD_INSTALL_METHOD_URL ||
             (spec->method == VD_INSTALL_METHOD_MEDIA && spec->script != NULL)) &&
            is_set (spec->install_kernel) && is_set (spec->install_initrd);
  doc = xmlNewDoc (BAD_CAST "1.0");
  domain = xmlNewDocNode (doc, NULL, BAD_CAST "domain", NULL);
  xmlDocSetRootElement (doc, domain);
  set_prop (domain, "type", is_set (spec->domain_type) ? spec->domain_type : "kvm");
  add_text (domain, "name", spec->name ? spec->name : "");
  if (is_set (spec->uuid))
    add_text (domain, "uuid", spec->uuid);

  if (is_set (spec->os_id))
    {
      xmlNodePtr info;
      xmlNsPtr ns;

      node = add_child (domain, "metadata");
      info = xmlNewChild (node, NULL, BAD_CAST "libosinfo", NULL);
      ns = xmlNewNs (info, BAD_CAST LIBOSINFO_NS, BAD_CAST "libosinfo");
      xmlSetNs (info, ns);
      node = xmlNewChild (info, ns, BAD_CAST "os", NULL);
      set_prop (node, "id", spec->os_id);
    }

  memory = g_strdup_printf ("%" G_GUINT64_FORMAT, spec->memory * 1024);
  node = add_text (domain, "memory", memory);
  set_prop (node, "unit", "KiB");
  node = add_text (domain, "currentMemory", memory);
  set_prop (node, "unit", "KiB");
  vcpus = g_strdup_printf ("%u", spec->vcpus);
  add_text (domain, "vcpu", vcpus);

  os = add_child (domain, "os");
  if (spec->firmware == VD_INSTALL_FIRMWARE_UEFI)
    set_prop (os, "firmware", "efi");
  node = add_text (os, "type", "hvm");
  set_prop (node, "arch", is_set (spec->arch) ? spec->arch : "x86_64");
  switch (spec->method)
    {
    case VD_INSTALL_METHOD_MEDIA:
      /* An unattended install's first boot is the ISO's kernel (below);
       * once it has installed, the disk comes first. */
      if (spec->script != NULL)
        {
          add_boot (os, "hd");
          add_boot (os, "cdrom");
          break;
        }
      add_boot (os, "cdrom");
      add_boot (os, "hd");
      break;
    case VD_INSTALL_METHOD_PXE:
      add_boot (os, "network");
      add_boot (os, "hd");
      break;
    case VD_INSTALL_METHOD_URL:
    case VD_INSTALL_METHOD_IMPORT:
    case VD_INSTALL_METHOD_MANUAL:
    case VD_INSTALL_N_METHODS:
    default:
      add_boot (os, "hd");
      break;
    }
  if (install)
    {
      g_autofree char *cmdline = vd_install_spec_get_cmdline (spec);

      add_text (os, "kernel", spec->install_kernel);
      add_text (os, "initrd", spec->install_initrd);
      if (*cmdline != '\0')
        add_text (os, "cmdline", cmdline);
    }

  node = add_child (domain, "features");
  add_child (node, "acpi");
  add_child (node, "apic");
  set_prop (add_child (domain, "clock"), "offset", "utc");
  add_text (domain, "on_poweroff", "destroy");
  /* The installer's reboot would boot the install kernel again (QEMU
   * keeps it): the first boot ends there, the next start uses the disk. */
  add_text (domain, "on_reboot", install ? "destroy" : "restart");
  add_text (domain, "on_crash", "destroy");

  add_devices (domain, spec);

  buffer = xmlBufferCreate ();
  xmlNodeDump (buffer, doc, domain, 0, 1);
  text = g_strconcat ((const char *)xmlBufferContent (buffer), "\n", NULL);
  xmlBufferFree (buffer);
  xmlFreeDoc (doc);

  return text;
}

/**
 * vd_install_spec_to_volume_xml:
 * @file_pool: the pool keeps volumes as files (dir, fs, netfs), which have
 *   a format; other pools' volumes are raw block devices
 *
 * Returns: (transfer full): the new disk's volume XML, sparse (no
 *   allocation up front)
 */
char *
vd_install_spec_to_volume_xml (const VdInstallSpec *spec,
                               gboolean             file_pool)
{
  g_autofree char *name = NULL;
  GVirConfigStorageVol *vol;
  char *xml;

  g_return_val_if_fail (spec != NULL, NULL);

  name = vd_install_spec_get_volume_name (spec);
  /* (libvirt-gconfig ships no autoptr cleanups for these types) */
  vol = gvir_config_storage_vol_new ();
  gvir_config_storage_vol_set_name (vol, name);
  gvir_config_storage_vol_set_capacity (vol, spec->disk_size);
  gvir_config_storage_vol_set_allocation (vol, 0);
  if (file_pool && is_set (spec->disk_format))
    {
      GVirConfigStorageVolTarget *target = gvir_config_storage_vol_target_new ();

      gvir_config_storage_vol_target_set_format (target, spec->disk_format);
      gvir_config_storage_vol_set_target (vol, target);
      g_object_unref (target);
    }
  xml = gvir_config_object_to_xml (GVIR_CONFIG_OBJECT (vol));
  g_object_unref (vol);
  return xml;
}
