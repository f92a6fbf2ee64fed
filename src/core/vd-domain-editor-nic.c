/* vd-domain-editor-nic.c
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

/*
 * The setters of network interfaces of the domain editor: each validates,
 * then writes only what it owns
 * (vd-domain-editor-devices.c has the device list and the shared parts).
 */

/* libvirt's order of the children of an <interface> */
static const char * const interface_order[] = {
  "mac", "source", "vlan", "virtualport", "bandwidth", "ip", "route", "script", "downscript",
  "backenddomain", "target", "guest", "model", "driver", "backend", "filterref", "tune",
  "teaming", "link", "mtu", "coalesce", "rom", "boot", "alias", "address", NULL,
};

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
  if (strcmp (type, "user") != 0 && !_vd_is_simple_name (source))
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
      g_autofree char *floor = _vd_xml_child_prop (_vd_xml_find_child (node, "bandwidth"),
                                                   "inbound", "floor");

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

  return _vd_xml_child_prop (node, "mac", "address");
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
  state = _vd_xml_child_prop (node, "link", "state");

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

  return _vd_xml_child_prop (node, "source", "portgroup");
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
  if (portgroup != NULL && !_vd_is_simple_name (portgroup))
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
  tag = _vd_xml_child_prop (_vd_xml_find_child (node, "vlan"), "tag", "id");
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
      if (_vd_xml_is_empty_element (limit))
        _vd_xml_remove_child (limit);
      if (_vd_xml_is_empty_element (bandwidth))
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
