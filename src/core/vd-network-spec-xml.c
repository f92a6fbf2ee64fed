/* vd-network-spec-xml.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-network-spec"

#include "config.h"

#include "vd-network-spec.h"
#include "vd-network-spec-private.h"

#include <libxml/tree.h>

/*
 * A VdNetworkSpec as libvirt's network XML. libvirt-gconfig has no setters
 * for networks, so the document is built with libxml2.
 */

static xmlNodePtr
add_child (xmlNodePtr  parent,
           const char *name)
{
  return xmlNewChild (parent, NULL, BAD_CAST name, NULL);
}

static void
set_prop (xmlNodePtr  node,
          const char *name,
          const char *value)
{
  xmlSetProp (node, BAD_CAST name, BAD_CAST value);
}

static void
set_uint_prop (xmlNodePtr  node,
               const char *name,
               guint       value)
{
  char text[16];

  g_snprintf (text, sizeof text, "%u", value);
  set_prop (node, name, text);
}

/* Addresses as libvirt prints them (inet_ntop), whatever the user typed. */
static void
set_addr_prop (xmlNodePtr     node,
               const char    *name,
               const char    *text,
               GSocketFamily  family)
{
  VdNetworkAddr addr;

  if (_vd_network_spec_parse_addr (text, family, &addr))
    {
      g_autofree char *canonical = _vd_network_spec_addr_to_string (&addr);
      set_prop (node, name, canonical);
    }
}

static void
add_ip (xmlNodePtr           network,
        const VdNetworkSpec *spec,
        GSocketFamily        family)
{
  gboolean v4 = family == G_SOCKET_FAMILY_IPV4;
  const char *start = v4 ? spec->dhcp4_start : spec->dhcp6_start;
  const char *end = v4 ? spec->dhcp4_end : spec->dhcp6_end;
  g_autofree char *address = NULL;
  xmlNodePtr ip, dhcp = NULL;
  VdNetworkAddr addr;
  guint prefix;

  if (!(v4 ? _vd_network_spec_ipv4 (spec, &addr, &prefix)
           : _vd_network_spec_ipv6 (spec, &addr, &prefix)))
    return;

  address = _vd_network_spec_addr_to_string (&addr);
  ip = add_child (network, "ip");
  if (!v4)
    set_prop (ip, "family", "ipv6");
  set_prop (ip, "address", address);
  set_uint_prop (ip, "prefix", prefix);

  if (_vd_network_spec_is_set (start) && _vd_network_spec_is_set (end))
    {
      xmlNodePtr range;

      dhcp = add_child (ip, "dhcp");
      range = add_child (dhcp, "range");
      set_addr_prop (range, "start", start, family);
      set_addr_prop (range, "end", end, family);
    }

  if (!v4)
    return;
  for (guint i = 0; i < spec->hosts->len; i++)
    {
      const VdNetworkHost *host = g_ptr_array_index (spec->hosts, i);
      g_autofree char *mac = g_ascii_strdown (host->mac, -1);
      xmlNodePtr node;

      if (dhcp == NULL)
        dhcp = add_child (ip, "dhcp");
      node = add_child (dhcp, "host");
      set_prop (node, "mac", mac);
      if (_vd_network_spec_is_set (host->name))
        set_prop (node, "name", host->name);
      set_addr_prop (node, "ip", host->ip, family);
    }
}

static void
add_direction (xmlNodePtr                bandwidth,
               const char               *name,
               const VdNetworkBandwidth *bw)
{
  xmlNodePtr node;

  if (bw->average == 0)
    return;
  node = add_child (bandwidth, name);
  set_uint_prop (node, "average", bw->average);
  if (bw->peak != 0)
    set_uint_prop (node, "peak", bw->peak);
  if (bw->burst != 0)
    set_uint_prop (node, "burst", bw->burst);
}

static void
add_forward (xmlNodePtr           network,
             const VdNetworkSpec *spec)
{
  const char *mode = vd_network_forward_mode_to_string (spec->forward_mode);
  xmlNodePtr forward, bridge;

  if (mode == NULL)
    {
      bridge = add_child (network, "bridge");
      set_prop (bridge, "stp", "on");
      set_prop (bridge, "delay", "0");
      return;
    }

  forward = add_child (network, "forward");
  set_prop (forward, "mode", mode);

  switch (spec->forward_mode)
    {
    case VD_NETWORK_FORWARD_NAT:
    case VD_NETWORK_FORWARD_ROUTE:
      if (_vd_network_spec_is_set (spec->device))
        set_prop (forward, "dev", spec->device);
      G_GNUC_FALLTHROUGH;
    case VD_NETWORK_FORWARD_OPEN:
      /* libvirt names the bridge (virbrN) itself. */
      bridge = add_child (network, "bridge");
      set_prop (bridge, "stp", "on");
      set_prop (bridge, "delay", "0");
      break;
    case VD_NETWORK_FORWARD_BRIDGE:
      bridge = add_child (network, "bridge");
      set_prop (bridge, "name", spec->device);
      break;
    case VD_NETWORK_FORWARD_PASSTHROUGH:
      set_prop (add_child (forward, "interface"), "dev", spec->device);
      break;
    case VD_NETWORK_FORWARD_HOSTDEV:
      set_prop (forward, "managed", "yes");
      set_prop (add_child (forward, "pf"), "dev", spec->device);
      break;
    case VD_NETWORK_FORWARD_ISOLATED:
    default:
      g_assert_not_reached ();
    }
}

/**
 * vd_network_spec_to_xml:
 *
 * The network's libvirt XML, for virNetworkDefineXML() and the wizard's
 * preview. Fields the forward mode does not use are left out. The spec
 * should be valid; invalid addresses are skipped rather than written.
 *
 * Returns: (transfer full): the XML
 */
char *
vd_network_spec_to_xml (const VdNetworkSpec *spec)
{
  xmlDocPtr doc;
  xmlNodePtr network;
  xmlBufferPtr buffer;
  char *text;

  g_return_val_if_fail (spec != NULL, NULL);

  doc = xmlNewDoc (BAD_CAST "1.0");
  network = xmlNewDocNode (doc, NULL, BAD_CAST "network", NULL);
  xmlDocSetRootElement (doc, network);
  xmlNewTextChild (network, NULL, BAD_CAST "name", BAD_CAST (spec->name ? spec->name : ""));

  add_forward (network, spec);

  if (vd_network_forward_mode_uses_ip (spec->forward_mode))
    {
      if (_vd_network_spec_is_set (spec->dns_domain))
        {
          xmlNodePtr domain = add_child (network, "domain");

          set_prop (domain, "name", spec->dns_domain);
          /* Names in the domain are answered by the network's dnsmasq only. */
          set_prop (domain, "localOnly", "yes");
        }
      if (spec->inbound.average != 0 || spec->outbound.average != 0)
        {
          xmlNodePtr bandwidth = add_child (network, "bandwidth");

          add_direction (bandwidth, "inbound", &spec->inbound);
          add_direction (bandwidth, "outbound", &spec->outbound);
        }
    }

  for (guint i = 0; i < spec->portgroups->len; i++)
    {
      const VdNetworkPortgroup *pg = g_ptr_array_index (spec->portgroups, i);
      xmlNodePtr node = add_child (network, "portgroup");

      set_prop (node, "name", pg->name);
      if (pg->is_default)
        set_prop (node, "default", "yes");
      if (pg->vlan_tag != 0)
        set_uint_prop (add_child (add_child (node, "vlan"), "tag"), "id", pg->vlan_tag);
    }

  if (vd_network_forward_mode_uses_ip (spec->forward_mode))
    {
      add_ip (network, spec, G_SOCKET_FAMILY_IPV4);
      add_ip (network, spec, G_SOCKET_FAMILY_IPV6);
    }

  buffer = xmlBufferCreate ();
  xmlNodeDump (buffer, doc, network, 0, 1);
  text = g_strconcat ((const char *)xmlBufferContent (buffer), "\n", NULL);
  xmlBufferFree (buffer);
  xmlFreeDoc (doc);

  return text;
}
