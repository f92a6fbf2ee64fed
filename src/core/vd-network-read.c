/* vd-network-read.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-network"

#include "config.h"

#include <string.h>

#include "vd-host-private.h"
#include "vd-xml.h"

/*
 * Reading a virtual network in a worker (VdNetworkInfo): its flags and
 * what its XML says. Nothing here touches the VdNetwork or the main loop.
 */

/* ------------------------------------------------------------------ */
/* Reading (workers)                                                   */
/* ------------------------------------------------------------------ */

static guint
prefix_from_netmask (const char *netmask)
{
  g_auto(GStrv) parts = netmask ? g_strsplit (netmask, ".", 4) : NULL;
  guint prefix = 0;

  if (parts == NULL || g_strv_length (parts) != 4)
    return 0;

  for (guint i = 0; i < 4; i++)
    {
      guint64 octet = 0;

      if (!g_ascii_string_to_unsigned (parts[i], 10, 0, 255, &octet, NULL))
        return 0;
      for (int bit = 7; bit >= 0; bit--)
        if (octet & (1u << bit))
          prefix++;
    }

  return prefix;
}

static guint
parse_prefix (const char *text)
{
  guint64 value = 0;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 0, 128, &value, NULL))
    return 0;

  return value;
}

static void
builder_take (GStrvBuilder *builder,
              char         *text)
{
  g_strv_builder_add (builder, text);
  g_free (text);
}

static void
parse_xml (VdNetworkInfo *info,
           const char    *xml_text)
{
  g_autoptr(VdXml) xml = vd_xml_new (xml_text);
  g_autoptr(GPtrArray) ips = NULL;
  g_autoptr(GStrvBuilder) ranges = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) hosts = g_strv_builder_new ();

  if (xml == NULL)
    return;

  info->forward_mode = vd_xml_get_string (xml, "/network/forward/@mode");
  /* <forward/> without a mode is NAT, libvirt's default. */
  if (info->forward_mode == NULL && vd_xml_get_uint64 (xml, "count(/network/forward)") > 0)
    info->forward_mode = g_strdup ("nat");
  info->forward_dev = vd_xml_get_string (xml, "/network/forward/@dev");
  if (info->forward_dev == NULL)
    info->forward_dev = vd_xml_get_string (xml, "/network/forward/interface[1]/@dev");
  if (info->forward_dev == NULL)
    info->forward_dev = vd_xml_get_string (xml, "/network/forward/pf[1]/@dev");
  info->bridge = vd_xml_get_string (xml, "/network/bridge/@name");
  info->dns_domain = vd_xml_get_string (xml, "/network/domain/@name");

  ips = vd_xml_get_nodes (xml, "/network/ip");
  for (guint i = 0; i < ips->len; i++)
    {
      xmlNodePtr ip = g_ptr_array_index (ips, i);
      g_autofree char *family = vd_xml_node_get_string (xml, ip, "@family");
      g_autofree char *address = vd_xml_node_get_string (xml, ip, "@address");
      g_autofree char *prefix = vd_xml_node_get_string (xml, ip, "@prefix");
      g_autofree char *netmask = vd_xml_node_get_string (xml, ip, "@netmask");
      gboolean v6 = g_strcmp0 (family, "ipv6") == 0 || (address && strchr (address, ':'));

      if (v6 && info->ipv6_address == NULL)
        {
          info->ipv6_address = g_steal_pointer (&address);
          info->ipv6_prefix = parse_prefix (prefix);
        }
      else if (!v6 && info->ipv4_address == NULL)
        {
          info->ipv4_address = g_steal_pointer (&address);
          info->ipv4_prefix = prefix ? parse_prefix (prefix) : prefix_from_netmask (netmask);
        }

      for (xmlNodePtr dhcp = ip->children; dhcp != NULL; dhcp = dhcp->next)
        {
          if (dhcp->type != XML_ELEMENT_NODE || strcmp ((const char *)dhcp->name, "dhcp") != 0)
            continue;

          for (xmlNodePtr entry = dhcp->children; entry != NULL; entry = entry->next)
            {
              if (entry->type != XML_ELEMENT_NODE)
                continue;

              if (strcmp ((const char *)entry->name, "range") == 0)
                {
                  g_autofree char *start = vd_xml_node_get_string (xml, entry, "@start");
                  g_autofree char *end = vd_xml_node_get_string (xml, entry, "@end");

                  builder_take (ranges, g_strdup_printf ("%s %s", start ? start : "",
                                                                end ? end : ""));
                }
              else if (strcmp ((const char *)entry->name, "host") == 0)
                {
                  g_autofree char *mac = vd_xml_node_get_string (xml, entry, "@mac");
                  g_autofree char *id = vd_xml_node_get_string (xml, entry, "@id");
                  g_autofree char *host_ip = vd_xml_node_get_string (xml, entry, "@ip");
                  g_autofree char *name = vd_xml_node_get_string (xml, entry, "@name");

                  /* DHCPv6 hosts are keyed by DUID (id) instead of MAC. */
                  builder_take (hosts, g_strdup_printf ("%s %s %s",
                                                               mac ? mac : id ? id : "",
                                                               host_ip ? host_ip : "",
                                                               name ? name : ""));
                }
            }
        }
    }

  info->dhcp_ranges = g_strv_builder_end (ranges);
  info->static_hosts = g_strv_builder_end (hosts);
}

/* Reads everything about one network; a network that vanished meanwhile
 * comes back with gone set. Worker only. */
VdNetworkInfo *
_vd_network_info_new_from_handle (virNetworkPtr handle)
{
  VdNetworkInfo *info = g_new0 (VdNetworkInfo, 1);
  int active, persistent, autostart = 0;
  char *xml;

  virNetworkRef (handle);
  info->handle = handle;
  info->name = g_strdup (virNetworkGetName (handle));
  if (virNetworkGetUUIDString (handle, info->uuid) < 0)
    info->uuid[0] = '\0';

  active = virNetworkIsActive (handle);
  persistent = virNetworkIsPersistent (handle);
  if (active < 0 || persistent < 0 || virNetworkGetAutostart (handle, &autostart) < 0)
    {
      info->gone = TRUE;
      virResetLastError ();
      return info;
    }

  info->active = active == 1;
  info->persistent = persistent == 1;
  info->autostart = autostart != 0;

  xml = virNetworkGetXMLDesc (handle, 0);
  if (xml != NULL)
    {
      parse_xml (info, xml);
      free (xml);
    }
  else
    {
      info->gone = TRUE;
    }
  virResetLastError ();

  return info;
}

void
_vd_network_info_free (VdNetworkInfo *info)
{
  if (info == NULL)
    return;

  if (info->handle != NULL)
    virNetworkFree (info->handle);
  g_free (info->name);
  g_free (info->forward_mode);
  g_free (info->forward_dev);
  g_free (info->bridge);
  g_free (info->ipv4_address);
  g_free (info->ipv6_address);
  g_strfreev (info->dhcp_ranges);
  g_strfreev (info->static_hosts);
  g_free (info->dns_domain);
  g_free (info);
}
