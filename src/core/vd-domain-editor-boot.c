/* vd-domain-editor-boot.c
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
#include "vd-domain-editor-guest.h"
#include "vd-domain-editor-private.h"
#include "vd-error.h"

/*
 * Direct kernel boot and firmware, all in <os>.
 *
 * Direct kernel boot: <kernel>, <initrd>, <cmdline> and <dtb>, each
 * written only when it changes, absolute paths only; no kernel means none
 * of the four.
 *
 * Firmware: BIOS is no firmware attribute and no loader; UEFI is libvirt's
 * autoselection, <os firmware='efi'>, with Secure Boot as its
 * <firmware><feature name='secure-boot'/> request. A guest whose XML names
 * its loader itself ("manual" UEFI) reads as UEFI; choosing UEFI again
 * keeps that loader. Going back to BIOS removes the firmware attribute,
 * the <firmware> requests, <loader> and <nvram>: libvirt does not delete
 * the NVRAM file, and the page says so before Apply.
 *
 * Boot order per device: <boot order='N'/> in disks, NICs and host devices
 * (the only way a host device can be booted from). libvirt takes either
 * that or <os><boot dev=.../>, never both, so setting a per-device order
 * removes the os/boot elements.
 */

static const char * const os_order[] = {
  "type", "firmware", "loader", "nvram", "init", "initarg", "initenv", "initdir", "inituser",
  "initgroup", "kernel", "initrd", "cmdline", "dtb", "acpi", "boot", "bootmenu", "smbios",
  "bios", NULL,
};

static char *
os_text (VdDomainEditor *self,
         const char     *name)
{
  g_autofree char *path = g_strconcat ("os/", name, NULL);
  char *text = _vd_xml_get_text (_vd_xml_find_path (self->doc, path));

  if (text != NULL && g_strstrip (text)[0] == '\0')
    g_clear_pointer (&text, g_free);

  return text;
}

/**
 * vd_domain_editor_get_kernel_boot:
 * @kernel: (out) (optional) (transfer full) (nullable): the kernel's path
 * @initrd: (out) (optional) (transfer full) (nullable): the initrd's path
 * @cmdline: (out) (optional) (transfer full) (nullable): the arguments
 * @dtb: (out) (optional) (transfer full) (nullable): the device tree's path
 *
 * Returns: whether the guest boots a kernel directly
 */
gboolean
vd_domain_editor_get_kernel_boot (VdDomainEditor  *self,
                                  char           **kernel,
                                  char           **initrd,
                                  char           **cmdline,
                                  char           **dtb)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  path = os_text (self, "kernel");
  if (initrd != NULL)
    *initrd = os_text (self, "initrd");
  if (cmdline != NULL)
    *cmdline = os_text (self, "cmdline");
  if (dtb != NULL)
    *dtb = os_text (self, "dtb");
  if (kernel != NULL)
    *kernel = g_strdup (path);

  return path != NULL;
}

typedef enum
{
  PATH_KERNEL,
  PATH_INITRD,
  PATH_DTB,
} PathKind;

static gboolean
check_path (const char  *path,
            PathKind     kind,
            GError     **error)
{
  if (path == NULL || path[0] == '\0')
    return TRUE;
  if (g_path_is_absolute (path) && strpbrk (path, "\r\n") == NULL)
    return TRUE;

  switch (kind)
    {
    case PATH_KERNEL:
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("The kernel’s path must be absolute (start with “/”), not “%s”"), path);
      break;
    case PATH_INITRD:
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("The initrd’s path must be absolute (start with “/”), not “%s”"), path);
      break;
    case PATH_DTB:
    default:
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("The device tree’s path must be absolute (start with “/”), not “%s”"),
                   path);
      break;
    }

  return FALSE;
}

static void
set_os_text (VdDomainEditor *self,
             xmlNode        *os,
             const char     *name,
             const char     *value)
{
  xmlNode *node = _vd_xml_find_child (os, name);

  if (value != NULL && value[0] == '\0')
    value = NULL;
  if (value == NULL)
    {
      if (node != NULL)
        _vd_xml_remove_node (node);
      return;
    }
  if (node == NULL)
    {
      node = xmlNewDocNode (self->doc, NULL, (const xmlChar *)name, NULL);
      _vd_xml_insert_child (os, node, os_order);
    }
  _vd_xml_set_text (node, value);
}

/**
 * vd_domain_editor_set_kernel_boot:
 * @kernel: (nullable): the kernel's absolute path; %NULL or "" turns
 *   direct kernel boot off (and then the others must be empty too)
 * @initrd: (nullable): the initrd's absolute path
 * @cmdline: (nullable): the kernel's arguments, one line
 * @dtb: (nullable): the device tree's absolute path
 */
gboolean
vd_domain_editor_set_kernel_boot (VdDomainEditor  *self,
                                  const char      *kernel,
                                  const char      *initrd,
                                  const char      *cmdline,
                                  const char      *dtb,
                                  GError         **error)
{
  xmlNode *os;
  gboolean off = kernel == NULL || kernel[0] == '\0';

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  if (off && ((initrd != NULL && initrd[0] != '\0') || (cmdline != NULL && cmdline[0] != '\0') ||
              (dtb != NULL && dtb[0] != '\0')))
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                           _("A direct kernel boot needs the kernel’s path"));
      return FALSE;
    }
  if (!check_path (kernel, PATH_KERNEL, error) ||
      !check_path (initrd, PATH_INITRD, error) ||
      !check_path (dtb, PATH_DTB, error))
    return FALSE;
  if (cmdline != NULL && strpbrk (cmdline, "\r\n") != NULL)
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                           _("The kernel’s arguments must be on one line"));
      return FALSE;
    }

  os = _vd_xml_find_path (self->doc, "os");
  if (os == NULL)
    {
      if (off)
        return TRUE;
      os = _vd_xml_ensure_child (xmlDocGetRootElement (self->doc), "os", _vd_domain_order);
    }

  set_os_text (self, os, "kernel", kernel);
  set_os_text (self, os, "initrd", initrd);
  set_os_text (self, os, "cmdline", cmdline);
  set_os_text (self, os, "dtb", dtb);

  return TRUE;
}

/* Firmware */

static gboolean
has_manual_loader (VdDomainEditor *self)
{
  xmlNode *loader = _vd_xml_find_path (self->doc, "os/loader");
  g_autofree char *type = _vd_xml_get_prop (loader, "type");
  g_autofree char *path = _vd_xml_get_text (loader);

  if (loader == NULL)
    return FALSE;
  if (g_strcmp0 (type, "pflash") == 0)
    return TRUE;
  /* A rom loader is usually SeaBIOS itself, and so is a loader naming no
   * file; a rom whose file names UEFI firmware is UEFI. */
  return path != NULL && (strstr (path, "OVMF") != NULL || strstr (path, "AAVMF") != NULL ||
                          strstr (path, "edk2") != NULL || strstr (path, "QEMU_EFI") != NULL);
}

/**
 * vd_domain_editor_get_firmware:
 *
 * Returns: (transfer full): "efi" when the guest boots UEFI firmware
 *   (selected by libvirt or named in its loader), else "bios"
 */
char *
vd_domain_editor_get_firmware (VdDomainEditor *self)
{
  g_autofree char *firmware = NULL;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), NULL);

  firmware = _vd_xml_get_prop (_vd_xml_find_path (self->doc, "os"), "firmware");
  if (g_strcmp0 (firmware, "efi") == 0 || has_manual_loader (self))
    return g_strdup ("efi");

  return g_strdup ("bios");
}

/**
 * vd_domain_editor_get_firmware_manual:
 *
 * Returns: whether the guest's UEFI loader is named in its XML rather than
 *   selected by libvirt
 */
gboolean
vd_domain_editor_get_firmware_manual (VdDomainEditor *self)
{
  g_autofree char *firmware = NULL;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  firmware = _vd_xml_get_prop (_vd_xml_find_path (self->doc, "os"), "firmware");

  return g_strcmp0 (firmware, "efi") != 0 && has_manual_loader (self);
}

/**
 * vd_domain_editor_get_nvram:
 *
 * Returns: (transfer full) (nullable): the NVRAM file the XML names
 */
char *
vd_domain_editor_get_nvram (VdDomainEditor *self)
{
  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), NULL);

  return os_text (self, "nvram");
}

/**
 * vd_domain_editor_set_firmware:
 * @firmware: "bios" or "efi"
 */
gboolean
vd_domain_editor_set_firmware (VdDomainEditor  *self,
                               const char      *firmware,
                               GError         **error)
{
  g_autofree char *old = NULL;
  xmlNode *os;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  if (g_strcmp0 (firmware, "bios") != 0 && g_strcmp0 (firmware, "efi") != 0)
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a firmware"), firmware != NULL ? firmware : "");
      return FALSE;
    }

  old = vd_domain_editor_get_firmware (self);
  if (strcmp (old, firmware) == 0)
    return TRUE;

  os = _vd_xml_ensure_child (xmlDocGetRootElement (self->doc), "os", _vd_domain_order);
  if (strcmp (firmware, "efi") == 0)
    {
      _vd_xml_set_prop (os, "firmware", "efi");
      return TRUE;
    }

  {
    static const char * const efi_children[] = { "firmware", "loader", "nvram", NULL };

    _vd_xml_set_prop (os, "firmware", NULL);
    _vd_xml_remove_children (os, efi_children);
  }

  return TRUE;
}

static xmlNode *
find_feature (xmlNode    *firmware,
              const char *name)
{
  for (xmlNode *node = firmware != NULL ? firmware->children : NULL; node != NULL;
       node = node->next)
    if (_vd_xml_is_element (node, "feature"))
      {
        g_autofree char *value = _vd_xml_get_prop (node, "name");

        if (g_strcmp0 (value, name) == 0)
          return node;
      }

  return NULL;
}

/**
 * vd_domain_editor_get_secure_boot:
 *
 * Returns: whether the guest asks for Secure Boot (libvirt's firmware
 *   feature secure-boot, or a manual loader with secure='yes')
 */
gboolean
vd_domain_editor_get_secure_boot (VdDomainEditor *self)
{
  xmlNode *feature;
  g_autofree char *enabled = NULL;
  g_autofree char *secure = NULL;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  feature = find_feature (_vd_xml_find_path (self->doc, "os/firmware"), "secure-boot");
  enabled = _vd_xml_get_prop (feature, "enabled");
  secure = _vd_xml_get_prop (_vd_xml_find_path (self->doc, "os/loader"), "secure");

  return g_strcmp0 (enabled, "yes") == 0 || g_strcmp0 (secure, "yes") == 0;
}

/**
 * vd_domain_editor_set_secure_boot:
 *
 * For UEFI selected by libvirt only (a manual loader keeps its own
 * secure attribute: change it in the XML tab). On writes the secure-boot
 * request; off turns an existing request to enabled='no' and adds none.
 */
gboolean
vd_domain_editor_set_secure_boot (VdDomainEditor  *self,
                                  gboolean         enabled,
                                  GError         **error)
{
  static const char * const firmware_order[] = { "feature", NULL };
  xmlNode *os;
  xmlNode *firmware;
  xmlNode *feature;
  xmlNode *loader;
  g_autofree char *mode = NULL;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  if (!!enabled == vd_domain_editor_get_secure_boot (self))
    return TRUE;
  if (vd_domain_editor_get_firmware_manual (self))
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_NOT_SUPPORTED,
                           _("This guest names its UEFI loader itself: change Secure Boot in "
                             "the XML tab"));
      return FALSE;
    }
  os = _vd_xml_find_path (self->doc, "os");
  mode = _vd_xml_get_prop (os, "firmware");
  if (enabled && g_strcmp0 (mode, "efi") != 0)
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                           _("Secure Boot needs UEFI firmware"));
      return FALSE;
    }

  firmware = _vd_xml_find_child (os, "firmware");
  feature = find_feature (firmware, "secure-boot");
  if (!enabled)
    {
      if (feature != NULL)
        _vd_xml_set_prop (feature, "enabled", "no");
      loader = _vd_xml_find_child (os, "loader");
      if (loader != NULL && xmlHasProp (loader, (const xmlChar *)"secure") != NULL)
        _vd_xml_set_prop (loader, "secure", "no");
      return TRUE;
    }

  if (firmware == NULL)
    firmware = _vd_xml_ensure_child (os, "firmware", os_order);
  if (feature == NULL)
    {
      feature = xmlNewDocNode (self->doc, NULL, (const xmlChar *)"feature", NULL);
      xmlSetProp (feature, (const xmlChar *)"enabled", (const xmlChar *)"yes");
      xmlSetProp (feature, (const xmlChar *)"name", (const xmlChar *)"secure-boot");
      _vd_xml_insert_child (firmware, feature, firmware_order);
    }
  else
    _vd_xml_set_prop (feature, "enabled", "yes");

  return TRUE;
}

/* Boot order per device */

/**
 * vd_domain_editor_device_can_boot:
 * @id: a device id (vd_domain_editor_list_devices())
 *
 * Returns: whether the device can carry a boot order: a disk, CD-ROM,
 *   floppy, NIC, host device or redirected USB device
 */
gboolean
vd_domain_editor_device_can_boot (VdDomainEditor *self,
                                  const char     *id)
{
  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  switch (vd_domain_editor_get_device_kind (self, id))
    {
    case VD_DEVICE_KIND_DISK:
    case VD_DEVICE_KIND_CDROM:
    case VD_DEVICE_KIND_FLOPPY:
    case VD_DEVICE_KIND_INTERFACE:
    case VD_DEVICE_KIND_HOSTDEV:
    case VD_DEVICE_KIND_REDIRDEV:
      return TRUE;

    case VD_DEVICE_KIND_GRAPHICS:
    case VD_DEVICE_KIND_VIDEO:
    case VD_DEVICE_KIND_SOUND:
    case VD_DEVICE_KIND_INPUT:
    case VD_DEVICE_KIND_SERIAL:
    case VD_DEVICE_KIND_PARALLEL:
    case VD_DEVICE_KIND_CONSOLE:
    case VD_DEVICE_KIND_CHANNEL:
    case VD_DEVICE_KIND_CONTROLLER:
    case VD_DEVICE_KIND_RNG:
    case VD_DEVICE_KIND_WATCHDOG:
    case VD_DEVICE_KIND_TPM:
    case VD_DEVICE_KIND_SMARTCARD:
    case VD_DEVICE_KIND_FILESYSTEM:
    case VD_DEVICE_KIND_MEMBALLOON:
    case VD_DEVICE_KIND_PANIC:
    case VD_DEVICE_KIND_SHMEM:
    case VD_DEVICE_KIND_OTHER:
    default:
      return FALSE;
    }
}

typedef struct
{
  guint64     order;
  const char *id;
} BootEntry;

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const BootEntry *x = a, *y = b;

  return x->order < y->order ? -1 : x->order > y->order;
}

/**
 * vd_domain_editor_get_device_boot_order:
 *
 * Returns: (transfer full): the ids of the devices with a boot order, in
 *   that order (empty when the guest uses os/boot or nothing)
 */
GStrv
vd_domain_editor_get_device_boot_order (VdDomainEditor *self)
{
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (BootEntry));
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  xmlNode *devices;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), NULL);

  devices = _vd_xml_find_path (self->doc, "devices");
  for (xmlNode *node = devices != NULL ? devices->children : NULL; node != NULL; node = node->next)
    {
      g_autofree char *order = NULL;
      BootEntry entry;

      if (node->type != XML_ELEMENT_NODE || _vd_device_node_get_id (node) == NULL)
        continue;
      order = _vd_xml_get_prop (_vd_xml_find_child (node, "boot"), "order");
      if (order == NULL ||
          !g_ascii_string_to_unsigned (order, 10, 1, G_MAXUINT32, &entry.order, NULL))
        continue;
      entry.id = _vd_device_node_get_id (node);
      g_array_append_val (entries, entry);
    }
  g_array_sort (entries, compare_entries);
  for (guint i = 0; i < entries->len; i++)
    g_strv_builder_add (builder, g_array_index (entries, BootEntry, i).id);

  return g_strv_builder_end (builder);
}

/**
 * vd_domain_editor_set_device_boot_order:
 * @ids: the devices to boot from, in order, each at most once; each one
 *   that vd_domain_editor_device_can_boot()
 *
 * Gives the devices in @ids boot orders 1, 2, ... (in their existing
 * &lt;boot&gt; element where they have one), takes the boot order from
 * every other device, and removes &lt;os&gt;&lt;boot dev=...&gt;. An empty
 * @ids only takes the devices' orders away.
 */
gboolean
vd_domain_editor_set_device_boot_order (VdDomainEditor      *self,
                                        const char * const  *ids,
                                        GError             **error)
{
  static const char * const boot_names[] = { "boot", NULL };
  xmlNode *devices;
  xmlNode *os;
  guint n = ids != NULL ? g_strv_length ((GStrv)ids) : 0;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  for (guint i = 0; i < n; i++)
    {
      if (_vd_device_find_by_id (self->doc, ids[i]) == NULL ||
          !vd_domain_editor_device_can_boot (self, ids[i]))
        {
          g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                       _("“%s” is not a device the guest can boot from"), ids[i]);
          return FALSE;
        }
      for (guint j = 0; j < i; j++)
        if (strcmp (ids[i], ids[j]) == 0)
          {
            g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                         _("“%s” is in the boot order twice"), ids[i]);
            return FALSE;
          }
    }

  devices = _vd_xml_find_path (self->doc, "devices");
  for (xmlNode *node = devices != NULL ? devices->children : NULL; node != NULL; node = node->next)
    {
      const char *id;
      xmlNode *boot;
      int position = -1;

      if (node->type != XML_ELEMENT_NODE || (id = _vd_device_node_get_id (node)) == NULL)
        continue;
      for (guint i = 0; i < n && position < 0; i++)
        if (strcmp (ids[i], id) == 0)
          position = (int)i;
      boot = _vd_xml_find_child (node, "boot");
      if (position < 0)
        {
          if (boot != NULL)
            _vd_xml_remove_children (node, boot_names);
          continue;
        }
      if (boot == NULL)
        {
          boot = xmlNewDocNode (self->doc, NULL, (const xmlChar *)"boot", NULL);
          _vd_xml_insert_child (node, boot, boot_names);
        }
      {
        g_autofree char *order = g_strdup_printf ("%d", position + 1);

        _vd_xml_set_prop (boot, "order", order);
      }
    }

  os = _vd_xml_find_path (self->doc, "os");
  if (n > 0 && os != NULL)
    _vd_xml_remove_children (os, boot_names);

  return TRUE;
}
