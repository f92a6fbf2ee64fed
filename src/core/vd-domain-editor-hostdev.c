/* vd-domain-editor-hostdev.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-domain-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vd-domain-editor-hostdev.h"
#include "vd-domain-editor-private.h"
#include "vd-error.h"

/*
 * Host devices passed through to the guest (<hostdev mode='subsystem'>
 * of type usb or pci), USB redirection (<redirdev>) and the read-only
 * redirection filter. As everywhere in the editor, a setter validates
 * first and then touches only what it owns: a USB device's <vendor>,
 * <product> and <address> inside <source> (its other children and
 * attributes stay), a PCI device's source <address>, the managed
 * attribute, <rom bar> (the ROM file stays), a redirection's type and
 * <source>. A setter given the value already there changes nothing.
 */

#define KINDS_HOSTDEV VD_KIND_BIT (VD_DEVICE_KIND_HOSTDEV)
#define KINDS_REDIRDEV VD_KIND_BIT (VD_DEVICE_KIND_REDIRDEV)

/* libvirt's order of a <hostdev>'s children (virDomainHostdevDefFormat) */
static const char * const hostdev_order[] = {
  "driver", "source", "origstates", "boot", "alias", "rom", "address", NULL,
};
static const char * const usb_source_order[] = { "vendor", "product", "address", NULL };
static const char * const redirdev_order[] = {
  "source", "protocol", "boot", "alias", "address", NULL,
};
static const char * const startup_policies[] = { "mandatory", "requisite", "optional", NULL };

void
vd_hostdev_clear (VdHostdev *hostdev)
{
  g_clear_pointer (&hostdev->startup_policy, g_free);
}

/* A number libvirt wrote in hex (0x1f) or decimal; FALSE if none. */
static gboolean
parse_number (const char *text,
              guint      *value)
{
  guint64 number;
  char *end = NULL;

  if (text == NULL || *text == '\0')
    return FALSE;
  number = g_ascii_strtoull (text, &end, 0);
  if (end == text || *end != '\0' || number > G_MAXUINT)
    return FALSE;
  *value = (guint)number;

  return TRUE;
}

static gboolean
get_number (xmlNode    *node,
            const char *name,
            guint      *value)
{
  g_autofree char *text = _vd_xml_get_prop (node, name);

  return parse_number (text, value);
}

static xmlNode *
lookup_hostdev (VdDomainEditor  *self,
                const char      *id,
                VdHostdevType    type,
                GError         **error)
{
  xmlNode *node = _vd_device_lookup (self, id, KINDS_HOSTDEV, error);
  g_autofree char *mode = NULL;
  g_autofree char *kind = NULL;

  if (node == NULL)
    return NULL;
  mode = _vd_xml_get_prop (node, "mode");
  kind = _vd_xml_get_prop (node, "type");
  if ((mode != NULL && strcmp (mode, "subsystem") != 0) ||
      (type == VD_HOSTDEV_USB && g_strcmp0 (kind, "usb") != 0) ||
      (type == VD_HOSTDEV_PCI && g_strcmp0 (kind, "pci") != 0) ||
      (type == VD_HOSTDEV_OTHER && g_strcmp0 (kind, "usb") != 0 &&
       g_strcmp0 (kind, "pci") != 0))
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   type == VD_HOSTDEV_PCI ? _("The device is no PCI host device")
                   : type == VD_HOSTDEV_USB ? _("The device is no USB host device")
                   : _("Only USB and PCI host devices can be changed here"));
      return NULL;
    }

  return node;
}

/**
 * vd_domain_editor_get_hostdev:
 * @hostdev: (out caller-allocates): what the device is; clear it with
 *   vd_hostdev_clear()
 *
 * Returns: whether @id is a host device
 */
gboolean
vd_domain_editor_get_hostdev (VdDomainEditor *self,
                              const char     *id,
                              VdHostdev      *hostdev)
{
  xmlNode *node;
  xmlNode *source;
  xmlNode *address;
  g_autofree char *mode = NULL;
  g_autofree char *type = NULL;
  g_autofree char *managed = NULL;
  g_autofree char *bar = NULL;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);
  g_return_val_if_fail (hostdev != NULL, FALSE);

  memset (hostdev, 0, sizeof *hostdev);
  hostdev->rom_bar = -1;
  node = _vd_device_lookup (self, id, KINDS_HOSTDEV, NULL);
  if (node == NULL)
    return FALSE;

  mode = _vd_xml_get_prop (node, "mode");
  type = _vd_xml_get_prop (node, "type");
  managed = _vd_xml_get_prop (node, "managed");
  hostdev->managed = g_strcmp0 (managed, "yes") == 0;
  if (mode != NULL && strcmp (mode, "subsystem") != 0)
    return TRUE;

  source = _vd_xml_find_child (node, "source");
  address = _vd_xml_find_child (source, "address");
  if (g_strcmp0 (type, "usb") == 0)
    {
      hostdev->type = VD_HOSTDEV_USB;
      hostdev->startup_policy = _vd_xml_get_prop (source, "startupPolicy");
      get_number (_vd_xml_find_child (source, "vendor"), "id", &hostdev->vendor);
      get_number (_vd_xml_find_child (source, "product"), "id", &hostdev->product);
      hostdev->has_address = address != NULL &&
                             get_number (address, "bus", &hostdev->bus) &&
                             get_number (address, "device", &hostdev->device);
    }
  else if (g_strcmp0 (type, "pci") == 0)
    {
      hostdev->type = VD_HOSTDEV_PCI;
      /* libvirt writes domain 0 when none was given */
      if (!get_number (address, "domain", &hostdev->domain))
        hostdev->domain = 0;
      hostdev->has_address = address != NULL &&
                             get_number (address, "bus", &hostdev->bus) &&
                             get_number (address, "slot", &hostdev->slot) &&
                             get_number (address, "function", &hostdev->function);
      bar = _vd_xml_child_prop (node, "rom", "bar");
      if (g_strcmp0 (bar, "on") == 0)
        hostdev->rom_bar = 1;
      else if (g_strcmp0 (bar, "off") == 0)
        hostdev->rom_bar = 0;
    }

  return TRUE;
}

static void
set_hex_prop (xmlNode    *node,
              const char *name,
              const char *format,
              guint       value)
{
  g_autofree char *text = NULL;
  guint old;

  /* The same number in libvirt's spelling stays as written. */
  if (get_number (node, name, &old) && old == value)
    return;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
  text = g_strdup_printf (format, value);
#pragma GCC diagnostic pop
  _vd_xml_set_prop (node, name, text);
}

/**
 * vd_domain_editor_set_hostdev_usb_ids:
 * @vendor: the USB vendor id (1 to 0xffff)
 * @product: the USB product id (0 to 0xffff)
 *
 * Names the USB host device by its ids; its bus address goes.
 */
gboolean
vd_domain_editor_set_hostdev_usb_ids (VdDomainEditor  *self,
                                      const char      *id,
                                      guint            vendor,
                                      guint            product,
                                      GError         **error)
{
  static const char * const address[] = { "address", NULL };
  xmlNode *node;
  xmlNode *source;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  node = lookup_hostdev (self, id, VD_HOSTDEV_USB, error);
  if (node == NULL)
    return FALSE;
  if (vendor == 0 || vendor > 0xffff || product > 0xffff)
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("A USB vendor and product id are numbers from 0x0001 to 0xffff"));
      return FALSE;
    }

  source = _vd_xml_ensure_child (node, "source", hostdev_order);
  set_hex_prop (_vd_xml_ensure_child (source, "vendor", usb_source_order), "id", "0x%04x",
                vendor);
  set_hex_prop (_vd_xml_ensure_child (source, "product", usb_source_order), "id", "0x%04x",
                product);
  _vd_xml_remove_children (source, address);

  return TRUE;
}

/**
 * vd_domain_editor_set_hostdev_usb_address:
 * @bus: the host's USB bus (1 to 255)
 * @device: the device's number on it (1 to 127)
 *
 * Names the USB host device by where it is plugged in; its vendor and
 * product ids go.
 */
gboolean
vd_domain_editor_set_hostdev_usb_address (VdDomainEditor  *self,
                                          const char      *id,
                                          guint            bus,
                                          guint            device,
                                          GError         **error)
{
  static const char * const ids[] = { "vendor", "product", NULL };
  xmlNode *node;
  xmlNode *source;
  xmlNode *address;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  node = lookup_hostdev (self, id, VD_HOSTDEV_USB, error);
  if (node == NULL)
    return FALSE;
  if (bus == 0 || bus > 255 || device == 0 || device > 127)
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("A USB bus is a number from 1 to 255 and a device on it one from 1 to "
                     "127"));
      return FALSE;
    }

  source = _vd_xml_ensure_child (node, "source", hostdev_order);
  address = _vd_xml_ensure_child (source, "address", usb_source_order);
  set_hex_prop (address, "bus", "%u", bus);
  set_hex_prop (address, "device", "%u", device);
  _vd_xml_remove_children (source, ids);

  return TRUE;
}

/**
 * vd_domain_editor_set_hostdev_startup_policy:
 * @policy: (nullable): mandatory, requisite or optional; %NULL for
 *   libvirt's default (mandatory)
 *
 * What happens when the USB device is missing as the guest starts.
 */
gboolean
vd_domain_editor_set_hostdev_startup_policy (VdDomainEditor  *self,
                                             const char      *id,
                                             const char      *policy,
                                             GError         **error)
{
  xmlNode *node;
  xmlNode *source;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  node = lookup_hostdev (self, id, VD_HOSTDEV_USB, error);
  if (node == NULL)
    return FALSE;
  if (policy != NULL && *policy == '\0')
    policy = NULL;
  if (policy != NULL && !g_strv_contains (startup_policies, policy))
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a startup policy"), policy);
      return FALSE;
    }

  source = _vd_xml_find_child (node, "source");
  if (source == NULL && policy == NULL)
    return TRUE;
  source = _vd_xml_ensure_child (node, "source", hostdev_order);
  _vd_xml_set_prop (source, "startupPolicy", policy);

  return TRUE;
}

/**
 * vd_domain_editor_set_hostdev_pci_address:
 * @domain: the PCI domain (0 to 0xffff)
 * @bus: 0 to 0xff
 * @slot: 0 to 0x1f
 * @function: 0 to 7
 *
 * Names the PCI host device by its address (0000:02:00.0).
 */
gboolean
vd_domain_editor_set_hostdev_pci_address (VdDomainEditor  *self,
                                          const char      *id,
                                          guint            domain,
                                          guint            bus,
                                          guint            slot,
                                          guint            function,
                                          GError         **error)
{
  xmlNode *node;
  xmlNode *address;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  node = lookup_hostdev (self, id, VD_HOSTDEV_PCI, error);
  if (node == NULL)
    return FALSE;
  if (domain > 0xffff || bus > 0xff || slot > 0x1f || function > 7)
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("A PCI address is a domain up to ffff, a bus up to ff, a slot up to 1f "
                     "and a function up to 7"));
      return FALSE;
    }

  address = _vd_xml_ensure_child (_vd_xml_ensure_child (node, "source", hostdev_order),
                                  "address", usb_source_order);
  set_hex_prop (address, "domain", "0x%04x", domain);
  set_hex_prop (address, "bus", "0x%02x", bus);
  set_hex_prop (address, "slot", "0x%02x", slot);
  set_hex_prop (address, "function", "0x%x", function);

  return TRUE;
}

/**
 * vd_domain_editor_set_hostdev_managed:
 * @managed: libvirt detaches the device from its host driver as the guest
 *   starts and gives it back when it stops
 */
gboolean
vd_domain_editor_set_hostdev_managed (VdDomainEditor  *self,
                                      const char      *id,
                                      gboolean         managed,
                                      GError         **error)
{
  xmlNode *node;
  g_autofree char *old = NULL;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  node = lookup_hostdev (self, id, VD_HOSTDEV_OTHER, error);
  if (node == NULL)
    return FALSE;
  old = _vd_xml_get_prop (node, "managed");
  if ((g_strcmp0 (old, "yes") == 0) == !!managed)
    return TRUE;
  _vd_xml_set_prop (node, "managed", managed ? "yes" : "no");

  return TRUE;
}

/**
 * vd_domain_editor_set_hostdev_rom_bar:
 * @rom_bar: 1: the device's ROM is visible to the guest, 0: hidden,
 *   -1: libvirt's default (the bar attribute goes)
 */
gboolean
vd_domain_editor_set_hostdev_rom_bar (VdDomainEditor  *self,
                                      const char      *id,
                                      int              rom_bar,
                                      GError         **error)
{
  xmlNode *node;
  xmlNode *rom;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  node = lookup_hostdev (self, id, VD_HOSTDEV_PCI, error);
  if (node == NULL)
    return FALSE;
  if (rom_bar < -1 || rom_bar > 1)
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("The ROM BAR is on, off or the default"));
      return FALSE;
    }

  rom = _vd_xml_find_child (node, "rom");
  if (rom_bar < 0)
    {
      if (rom != NULL)
        {
          _vd_xml_set_prop (rom, "bar", NULL);
          if (_vd_xml_is_empty_element (rom))
            _vd_xml_remove_child (rom);
        }
      return TRUE;
    }
  rom = _vd_xml_ensure_child (node, "rom", hostdev_order);
  _vd_xml_set_prop (rom, "bar", rom_bar ? "on" : "off");

  return TRUE;
}

/* USB redirection */

/**
 * vd_domain_editor_get_redirdev:
 * @type: (out) (optional): spicevmc, tcp, or another character device
 *   type (read only)
 * @host: (out) (optional) (nullable): a tcp redirection's host
 * @port: (out) (optional): a tcp redirection's port, 0 when none
 */
gboolean
vd_domain_editor_get_redirdev (VdDomainEditor  *self,
                               const char      *id,
                               char           **type,
                               char           **host,
                               guint           *port)
{
  xmlNode *node;
  xmlNode *source;
  guint number = 0;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  node = _vd_device_lookup (self, id, KINDS_REDIRDEV, NULL);
  if (node == NULL)
    return FALSE;
  source = _vd_xml_find_child (node, "source");
  if (type != NULL)
    *type = _vd_xml_get_prop (node, "type");
  if (host != NULL)
    *host = _vd_xml_get_prop (source, "host");
  if (port != NULL)
    {
      g_autofree char *service = _vd_xml_get_prop (source, "service");

      *port = parse_number (service, &number) && number <= 65535 ? number : 0;
    }

  return TRUE;
}

/**
 * vd_redirdev_check_host:
 *
 * Returns: whether @host is a host name or an IP address
 */
gboolean
vd_redirdev_check_host (const char  *host,
                        GError     **error)
{
  if (host == NULL || *host == '\0')
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("Enter the host that shares the USB device"));
      return FALSE;
    }
  if (g_hostname_is_ip_address (host))
    return TRUE;
  for (const char *p = host; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '.')
      {
        g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                     _("“%s” is no host name or IP address"), host);
        return FALSE;
      }
  if (host[0] == '-' || host[0] == '.' || strstr (host, "..") != NULL)
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("“%s” is no host name or IP address"), host);
      return FALSE;
    }

  return TRUE;
}

/**
 * vd_redirdev_parse_port:
 * @port: (out): the port, 1 to 65535
 */
gboolean
vd_redirdev_parse_port (const char  *text,
                        guint       *port,
                        GError     **error)
{
  guint64 number = 0;

  if (text == NULL || *text == '\0' ||
      !g_ascii_string_to_unsigned (text, 10, 1, 65535, &number, NULL))
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("The port is a number from 1 to 65535"));
      return FALSE;
    }
  *port = (guint)number;

  return TRUE;
}

/**
 * vd_domain_editor_set_redirdev:
 * @type: spicevmc (through the SPICE display) or tcp (a usbredir server
 *   at @host:@port)
 * @host: (nullable): for tcp: a host name or IP address
 * @port: for tcp: 1 to 65535
 *
 * SPICE takes no &lt;source&gt;: a tcp redirection's source and protocol
 * go when it becomes spicevmc; a new tcp one connects (mode='connect')
 * with the raw protocol. The redirection's boot order and address stay.
 */
gboolean
vd_domain_editor_set_redirdev (VdDomainEditor  *self,
                               const char      *id,
                               const char      *type,
                               const char      *host,
                               guint            port,
                               GError         **error)
{
  static const char * const tcp_children[] = { "source", "protocol", NULL };
  xmlNode *node;
  xmlNode *source;
  g_autofree char *old_type = NULL;
  g_autofree char *old_host = NULL;
  g_autofree char *service = NULL;
  guint old_port = 0;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  node = _vd_device_lookup (self, id, KINDS_REDIRDEV, error);
  if (node == NULL)
    return FALSE;
  vd_domain_editor_get_redirdev (self, id, &old_type, &old_host, &old_port);
  if (g_strcmp0 (type, "spicevmc") == 0)
    {
      if (g_strcmp0 (old_type, type) == 0)
        return TRUE;
      _vd_xml_set_prop (node, "type", type);
      _vd_xml_remove_children (node, tcp_children);
      return TRUE;
    }
  if (g_strcmp0 (type, "tcp") != 0)
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("USB redirection goes through SPICE or TCP"));
      return FALSE;
    }
  if (!vd_redirdev_check_host (host, error))
    return FALSE;
  if (port == 0 || port > 65535)
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("The port is a number from 1 to 65535"));
      return FALSE;
    }
  if (g_strcmp0 (old_type, type) == 0 && g_strcmp0 (old_host, host) == 0 && old_port == port)
    return TRUE;

  if (g_strcmp0 (old_type, "tcp") != 0)
    {
      xmlNode *protocol;

      _vd_xml_remove_children (node, tcp_children);
      source = _vd_xml_ensure_child (node, "source", redirdev_order);
      _vd_xml_set_prop (source, "mode", "connect");
      protocol = _vd_xml_ensure_child (node, "protocol", redirdev_order);
      _vd_xml_set_prop (protocol, "type", "raw");
    }
  else
    source = _vd_xml_ensure_child (node, "source", redirdev_order);
  _vd_xml_set_prop (node, "type", type);
  _vd_xml_set_prop (source, "host", host);
  if (old_port != port)
    {
      service = g_strdup_printf ("%u", port);
      _vd_xml_set_prop (source, "service", service);
    }

  return TRUE;
}

/* The redirection filter */

void
vd_redir_rule_free (VdRedirRule *rule)
{
  if (rule == NULL)
    return;
  g_free (rule->usb_class);
  g_free (rule->vendor);
  g_free (rule->product);
  g_free (rule->version);
  g_free (rule);
}

/* A rule's value, NULL for libvirt's "-1" (any). */
static char *
rule_value (xmlNode    *usbdev,
            const char *name)
{
  char *value = _vd_xml_get_prop (usbdev, name);

  if (g_strcmp0 (value, "-1") == 0)
    g_clear_pointer (&value, g_free);

  return value;
}

/**
 * vd_domain_editor_list_redirfilter:
 *
 * Returns: (transfer full) (element-type VdRedirRule): the rules of the
 *   guest's &lt;redirfilter&gt; in order (the first that matches a device
 *   decides); empty when it has none
 */
GPtrArray *
vd_domain_editor_list_redirfilter (VdDomainEditor *self)
{
  GPtrArray *rules = g_ptr_array_new_with_free_func ((GDestroyNotify)vd_redir_rule_free);
  xmlNode *filter;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), rules);

  filter = _vd_xml_find_child (_vd_xml_find_path (self->doc, "devices"), "redirfilter");
  for (xmlNode *node = filter != NULL ? filter->children : NULL; node != NULL;
       node = node->next)
    {
      VdRedirRule *rule;
      g_autofree char *allow = NULL;

      if (!_vd_xml_is_element (node, "usbdev"))
        continue;
      rule = g_new0 (VdRedirRule, 1);
      allow = _vd_xml_get_prop (node, "allow");
      rule->allow = g_strcmp0 (allow, "yes") == 0;
      rule->usb_class = rule_value (node, "class");
      rule->vendor = rule_value (node, "vendor");
      rule->product = rule_value (node, "product");
      rule->version = rule_value (node, "version");
      g_ptr_array_add (rules, rule);
    }

  return rules;
}
