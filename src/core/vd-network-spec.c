/* vd-network-spec.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-network-spec"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vd-connection-host.h"
#include "vd-error.h"
#include "vd-network-spec.h"
#include "vd-network-spec-private.h"

/*
 * What the Create Network wizard collects, judged one field at a time
 * (each message says what is wrong with that field only, so the form can
 * put it next to the field). Its XML is vd-network-spec-xml.c; creating
 * it on a connection, vd-network-create.c.
 */

G_DEFINE_BOXED_TYPE (VdNetworkSpec, vd_network_spec, vd_network_spec_copy, vd_network_spec_free)

static void
host_free (VdNetworkHost *host)
{
  g_free (host->mac);
  g_free (host->ip);
  g_free (host->name);
  g_free (host);
}

static void
portgroup_free (VdNetworkPortgroup *portgroup)
{
  g_free (portgroup->name);
  g_free (portgroup);
}

/**
 * vd_network_spec_new:
 *
 * Returns: (transfer full): a NAT network on 192.168.100.1/24 with DHCP
 *   on .128–.254, the wizard's starting point
 */
VdNetworkSpec *
vd_network_spec_new (void)
{
  VdNetworkSpec *spec = g_new0 (VdNetworkSpec, 1);

  spec->forward_mode = VD_NETWORK_FORWARD_NAT;
  spec->ipv4_enabled = TRUE;
  spec->ipv4 = g_strdup ("192.168.100.1/24");
  spec->dhcp4_start = g_strdup ("192.168.100.128");
  spec->dhcp4_end = g_strdup ("192.168.100.254");
  spec->hosts = g_ptr_array_new_with_free_func ((GDestroyNotify)host_free);
  spec->portgroups = g_ptr_array_new_with_free_func ((GDestroyNotify)portgroup_free);

  return spec;
}

void
vd_network_spec_add_host (VdNetworkSpec *spec,
                          const char    *mac,
                          const char    *ip,
                          const char    *name)
{
  VdNetworkHost *host = g_new0 (VdNetworkHost, 1);

  g_return_if_fail (spec != NULL);

  host->mac = g_strdup (mac);
  host->ip = g_strdup (ip);
  host->name = g_strdup (name);
  g_ptr_array_add (spec->hosts, host);
}

void
vd_network_spec_add_portgroup (VdNetworkSpec *spec,
                               const char    *name,
                               guint          vlan_tag,
                               gboolean       is_default)
{
  VdNetworkPortgroup *portgroup = g_new0 (VdNetworkPortgroup, 1);

  g_return_if_fail (spec != NULL);

  portgroup->name = g_strdup (name);
  portgroup->vlan_tag = vlan_tag;
  portgroup->is_default = is_default;
  g_ptr_array_add (spec->portgroups, portgroup);
}

VdNetworkSpec *
vd_network_spec_copy (const VdNetworkSpec *spec)
{
  VdNetworkSpec *copy;

  g_return_val_if_fail (spec != NULL, NULL);

  copy = g_new0 (VdNetworkSpec, 1);
  *copy = *spec;
  copy->name = g_strdup (spec->name);
  copy->device = g_strdup (spec->device);
  copy->ipv4 = g_strdup (spec->ipv4);
  copy->dhcp4_start = g_strdup (spec->dhcp4_start);
  copy->dhcp4_end = g_strdup (spec->dhcp4_end);
  copy->ipv6 = g_strdup (spec->ipv6);
  copy->dhcp6_start = g_strdup (spec->dhcp6_start);
  copy->dhcp6_end = g_strdup (spec->dhcp6_end);
  copy->dns_domain = g_strdup (spec->dns_domain);
  copy->hosts = g_ptr_array_new_with_free_func ((GDestroyNotify)host_free);
  copy->portgroups = g_ptr_array_new_with_free_func ((GDestroyNotify)portgroup_free);
  for (guint i = 0; i < spec->hosts->len; i++)
    {
      const VdNetworkHost *host = g_ptr_array_index (spec->hosts, i);
      vd_network_spec_add_host (copy, host->mac, host->ip, host->name);
    }
  for (guint i = 0; i < spec->portgroups->len; i++)
    {
      const VdNetworkPortgroup *pg = g_ptr_array_index (spec->portgroups, i);
      vd_network_spec_add_portgroup (copy, pg->name, pg->vlan_tag, pg->is_default);
    }

  return copy;
}

void
vd_network_spec_free (VdNetworkSpec *spec)
{
  if (spec == NULL)
    return;

  g_free (spec->name);
  g_free (spec->device);
  g_free (spec->ipv4);
  g_free (spec->dhcp4_start);
  g_free (spec->dhcp4_end);
  g_free (spec->ipv6);
  g_free (spec->dhcp6_start);
  g_free (spec->dhcp6_end);
  g_free (spec->dns_domain);
  g_ptr_array_unref (spec->hosts);
  g_ptr_array_unref (spec->portgroups);
  g_free (spec);
}

const char *
vd_network_forward_mode_to_string (VdNetworkForwardMode mode)
{
  switch (mode)
    {
    case VD_NETWORK_FORWARD_NAT:
      return "nat";
    case VD_NETWORK_FORWARD_ROUTE:
      return "route";
    case VD_NETWORK_FORWARD_OPEN:
      return "open";
    case VD_NETWORK_FORWARD_BRIDGE:
      return "bridge";
    case VD_NETWORK_FORWARD_PASSTHROUGH:
      return "passthrough";
    case VD_NETWORK_FORWARD_HOSTDEV:
      return "hostdev";
    case VD_NETWORK_FORWARD_ISOLATED:
    default:
      return NULL;
    }
}

/* Whether libvirt gives the network its own addresses, DHCP, DNS and
 * bandwidth: only for the modes where it runs the bridge itself. */
gboolean
vd_network_forward_mode_uses_ip (VdNetworkForwardMode mode)
{
  return mode == VD_NETWORK_FORWARD_NAT || mode == VD_NETWORK_FORWARD_ROUTE ||
         mode == VD_NETWORK_FORWARD_ISOLATED || mode == VD_NETWORK_FORWARD_OPEN;
}

gboolean
vd_network_forward_mode_needs_device (VdNetworkForwardMode mode)
{
  return mode == VD_NETWORK_FORWARD_BRIDGE || mode == VD_NETWORK_FORWARD_PASSTHROUGH ||
         mode == VD_NETWORK_FORWARD_HOSTDEV;
}

/* NAT and routed networks may name the one device they forward to. */
gboolean
vd_network_forward_mode_takes_device (VdNetworkForwardMode mode)
{
  return vd_network_forward_mode_needs_device (mode) || mode == VD_NETWORK_FORWARD_NAT ||
         mode == VD_NETWORK_FORWARD_ROUTE;
}

/* ------------------------------------------------------------------ */
/* Addresses                                                           */
/* ------------------------------------------------------------------ */

gboolean
_vd_network_spec_is_set (const char *text)
{
  return text != NULL && *text != '\0';
}

gboolean
_vd_network_spec_parse_addr (const char    *text,
                             GSocketFamily  family,
                             VdNetworkAddr *addr)
{
  g_autoptr(GInetAddress) inet = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (text ? text : ""));

  inet = g_inet_address_new_from_string (stripped);
  if (inet == NULL || g_inet_address_get_family (inet) != family)
    return FALSE;

  addr->len = g_inet_address_get_native_size (inet);
  memcpy (addr->bytes, g_inet_address_to_bytes (inet), addr->len);
  return TRUE;
}

char *
_vd_network_spec_addr_to_string (const VdNetworkAddr *addr)
{
  g_autoptr(GInetAddress) inet =
    g_inet_address_new_from_bytes (addr->bytes, addr->len == 4 ? G_SOCKET_FAMILY_IPV4
                                                               : G_SOCKET_FAMILY_IPV6);

  return g_inet_address_to_string (inet);
}

/* "ADDRESS/PREFIX"; FALSE on a syntax error (the prefix range is checked
 * by the caller, which knows the family's limits). */
static gboolean
parse_cidr (const char    *text,
            GSocketFamily  family,
            VdNetworkAddr *addr,
            guint         *prefix)
{
  g_auto(GStrv) parts = NULL;
  guint64 value;

  if (!_vd_network_spec_is_set (text))
    return FALSE;
  parts = g_strsplit (text, "/", 2);
  if (parts[1] == NULL || !_vd_network_spec_parse_addr (parts[0], family, addr))
    return FALSE;
  g_strstrip (parts[1]);
  if (!g_ascii_string_to_unsigned (parts[1], 10, 0, 128, &value, NULL))
    return FALSE;
  *prefix = (guint)value;
  return TRUE;
}

/* Whether the first @prefix bits of @a and @b agree. */
static gboolean
same_prefix (const VdNetworkAddr *a,
             const VdNetworkAddr *b,
             guint                prefix)
{
  for (guint bit = 0; bit < prefix && bit < a->len * 8; bit++)
    {
      guint8 mask = 0x80 >> (bit % 8);

      if ((a->bytes[bit / 8] & mask) != (b->bytes[bit / 8] & mask))
        return FALSE;
    }
  return TRUE;
}

/* Whether every bit after @prefix is @one. */
static gboolean
host_bits_all (const VdNetworkAddr *a,
               guint                prefix,
               gboolean             one)
{
  for (guint bit = prefix; bit < a->len * 8; bit++)
    {
      gboolean set = (a->bytes[bit / 8] & (0x80 >> (bit % 8))) != 0;

      if (set != one)
        return FALSE;
    }
  return TRUE;
}

static int
addr_compare (const VdNetworkAddr *a,
              const VdNetworkAddr *b)
{
  return memcmp (a->bytes, b->bytes, a->len);
}

/* The subnet's address (host bits cleared), for messages. */
static char *
subnet_string (const VdNetworkAddr *a,
               guint                prefix)
{
  VdNetworkAddr net = *a;
  g_autofree char *text = NULL;

  for (guint bit = prefix; bit < net.len * 8; bit++)
    net.bytes[bit / 8] &= ~(0x80 >> (bit % 8));
  text = _vd_network_spec_addr_to_string (&net);
  return g_strdup_printf ("%s/%u", text, prefix);
}

gboolean
_vd_network_spec_ipv4 (const VdNetworkSpec *spec,
                       VdNetworkAddr       *addr,
                       guint               *prefix)
{
  return vd_network_forward_mode_uses_ip (spec->forward_mode) && spec->ipv4_enabled &&
         parse_cidr (spec->ipv4, G_SOCKET_FAMILY_IPV4, addr, prefix) &&
         *prefix >= 1 && *prefix <= 30;
}

gboolean
_vd_network_spec_ipv6 (const VdNetworkSpec *spec,
                       VdNetworkAddr       *addr,
                       guint               *prefix)
{
  return vd_network_forward_mode_uses_ip (spec->forward_mode) && spec->ipv6_enabled &&
         parse_cidr (spec->ipv6, G_SOCKET_FAMILY_IPV6, addr, prefix) &&
         *prefix >= 1 && *prefix <= 126;
}

/* ------------------------------------------------------------------ */
/* Checks, one field each                                              */
/* ------------------------------------------------------------------ */

static gboolean
name_chars_ok (const char *name,
               const char *extra)
{
  for (const char *p = name; *p; p++)
    if (!g_ascii_isalnum (*p) && strchr (extra, *p) == NULL)
      return FALSE;
  return TRUE;
}

static char *
check_name (const VdNetworkSpec *spec,
            GListModel          *networks)
{
  if (!_vd_network_spec_is_set (spec->name))
    return g_strdup (_("Enter a name for the network."));
  if (!name_chars_ok (spec->name, "-_.+") || spec->name[0] == '.')
    return g_strdup (_("A name may contain only letters, digits and “-”, “_”, “.”, “+” "
                       "(not first)."));
  if (strlen (spec->name) > 64)
    return g_strdup (_("The name is longer than 64 characters."));

  for (guint i = 0; networks != NULL && i < g_list_model_get_n_items (networks); i++)
    {
      g_autoptr(VdNetwork) network = g_list_model_get_item (networks, i);

      if (g_strcmp0 (vd_network_get_name (network), spec->name) == 0)
        return g_strdup_printf (_("A network called “%s” already exists on this connection."),
                                spec->name);
    }

  return NULL;
}

static char *
check_device (const VdNetworkSpec *spec)
{
  if (!vd_network_forward_mode_takes_device (spec->forward_mode))
    return NULL;

  if (!_vd_network_spec_is_set (spec->device))
    {
      switch (spec->forward_mode)
        {
        case VD_NETWORK_FORWARD_BRIDGE:
          return g_strdup (_("Enter the host bridge to connect to, for example br0."));
        case VD_NETWORK_FORWARD_PASSTHROUGH:
          return g_strdup (_("Choose the physical device the guests’ macvtap interfaces use."));
        case VD_NETWORK_FORWARD_HOSTDEV:
          return g_strdup (_("Choose the SR-IOV physical function whose virtual functions "
                             "form the pool."));
        case VD_NETWORK_FORWARD_NAT:
        case VD_NETWORK_FORWARD_ROUTE:
        case VD_NETWORK_FORWARD_ISOLATED:
        case VD_NETWORK_FORWARD_OPEN:
        default:
          return NULL;
        }
    }

  if (!name_chars_ok (spec->device, "-_.:@") || strlen (spec->device) > 15)
    return g_strdup_printf (_("“%s” is not a host interface name (up to 15 letters, digits, "
                              "“-”, “_”, “.”, “:”)."), spec->device);

  return NULL;
}

static char *
check_ipv4 (const VdNetworkSpec *spec,
            GListModel          *networks)
{
  g_autofree char *address = NULL;
  VdNetworkAddr addr;
  guint prefix;

  if (!vd_network_forward_mode_uses_ip (spec->forward_mode))
    return NULL;

  if (!spec->ipv4_enabled)
    {
      if (spec->forward_mode == VD_NETWORK_FORWARD_NAT)
        return g_strdup (_("A NAT network needs an IPv4 address space."));
      if (spec->forward_mode != VD_NETWORK_FORWARD_ISOLATED && !spec->ipv6_enabled)
        return g_strdup (_("A routed network needs an IPv4 or an IPv6 address space."));
      return NULL;
    }

  if (!parse_cidr (spec->ipv4, G_SOCKET_FAMILY_IPV4, &addr, &prefix))
    return g_strdup (_("Enter the host’s address on the network with its prefix length, "
                       "for example 192.168.100.1/24."));
  if (prefix < 1 || prefix > 30)
    return g_strdup_printf (_("The prefix length must be between 1 and 30, not %u."), prefix);

  address = _vd_network_spec_addr_to_string (&addr);
  if (host_bits_all (&addr, prefix, FALSE))
    return g_strdup_printf (_("%s is the subnet’s own address: give the host one of its "
                              "addresses, such as the first."), address);
  if (host_bits_all (&addr, prefix, TRUE))
    return g_strdup_printf (_("%s is the subnet’s broadcast address."), address);

  /* Two subnets overlap when they agree on the shorter prefix. */
  for (guint i = 0; networks != NULL && i < g_list_model_get_n_items (networks); i++)
    {
      g_autoptr(VdNetwork) network = g_list_model_get_item (networks, i);
      const char *other = vd_network_get_ipv4_address (network);
      guint other_prefix = vd_network_get_ipv4_prefix (network);
      VdNetworkAddr other_addr;

      if (other == NULL || other_prefix == 0 ||
          !_vd_network_spec_parse_addr (other, G_SOCKET_FAMILY_IPV4, &other_addr) ||
          g_strcmp0 (vd_network_get_name (network), spec->name) == 0)
        continue;

      if (same_prefix (&addr, &other_addr, MIN (prefix, other_prefix)))
        {
          g_autofree char *mine = subnet_string (&addr, prefix);
          g_autofree char *theirs = subnet_string (&other_addr, other_prefix);

          return g_strdup_printf (_("%s overlaps the network “%s” (%s)."), mine,
                                  vd_network_get_name (network), theirs);
        }
    }

  return NULL;
}

/* The DHCP range of either family, against its subnet. */
static char *
check_range (const char          *start_text,
             const char          *end_text,
             GSocketFamily        family,
             const VdNetworkAddr *net,
             guint                prefix)
{
  g_autofree char *subnet = NULL;
  VdNetworkAddr start, end;

  if (!_vd_network_spec_is_set (start_text) && !_vd_network_spec_is_set (end_text))
    return NULL;
  if (!_vd_network_spec_is_set (start_text) || !_vd_network_spec_is_set (end_text))
    return g_strdup (_("Enter both the start and the end of the DHCP range, or neither."));

  if (!_vd_network_spec_parse_addr (start_text, family, &start))
    return g_strdup_printf (family == G_SOCKET_FAMILY_IPV4 ? _("“%s” is not an IPv4 address.")
                                                           : _("“%s” is not an IPv6 address."),
                            start_text);
  if (!_vd_network_spec_parse_addr (end_text, family, &end))
    return g_strdup_printf (family == G_SOCKET_FAMILY_IPV4 ? _("“%s” is not an IPv4 address.")
                                                           : _("“%s” is not an IPv6 address."),
                            end_text);

  subnet = subnet_string (net, prefix);
  if (!same_prefix (&start, net, prefix) || !same_prefix (&end, net, prefix))
    return g_strdup_printf (_("The DHCP range must lie inside the network %s."), subnet);
  if (addr_compare (&start, &end) > 0)
    return g_strdup (_("The DHCP range starts after its end."));
  if (addr_compare (&start, net) <= 0 && addr_compare (net, &end) <= 0)
    return g_strdup (_("The DHCP range includes the host’s own address."));
  if (host_bits_all (&start, prefix, FALSE) ||
      (family == G_SOCKET_FAMILY_IPV4 && host_bits_all (&end, prefix, TRUE)))
    return g_strdup (_("The DHCP range includes the subnet’s own or broadcast address."));

  return NULL;
}

static char *
check_dhcp4 (const VdNetworkSpec *spec)
{
  VdNetworkAddr net;
  guint prefix;

  /* With no valid subnet the IPv4 field says why. */
  if (!_vd_network_spec_ipv4 (spec, &net, &prefix))
    return NULL;
  return check_range (spec->dhcp4_start, spec->dhcp4_end, G_SOCKET_FAMILY_IPV4, &net, prefix);
}

static gboolean
parse_mac (const char *text,
           guint8      bytes[6])
{
  if (text == NULL || strlen (text) != 17)
    return FALSE;

  for (guint i = 0; i < 6; i++)
    {
      const char *p = text + i * 3;

      if (!g_ascii_isxdigit (p[0]) || !g_ascii_isxdigit (p[1]) || (i < 5 && p[2] != ':'))
        return FALSE;
      bytes[i] = (g_ascii_xdigit_value (p[0]) << 4) | g_ascii_xdigit_value (p[1]);
    }
  return TRUE;
}

/* One static host, against the network and the first @n_before hosts of
 * the spec (the ones listed before it). */
static char *
check_host_at (const VdNetworkSpec *spec,
               const char          *mac,
               const char          *ip,
               const char          *name,
               guint                n_before)
{
  guint8 mac_bytes[6];
  VdNetworkAddr net, addr;
  guint prefix;

  if (!_vd_network_spec_ipv4 (spec, &net, &prefix))
    return g_strdup (_("Static hosts need a valid IPv4 address space."));

  if (!_vd_network_spec_is_set (mac))
    return g_strdup (_("Enter the guest’s MAC address."));
  if (!parse_mac (mac, mac_bytes))
    return g_strdup_printf (_("“%s” is not a MAC address (six pairs of hex digits separated "
                              "by “:”)."), mac);
  /* The least significant bit of the first byte marks a group address. */
  if (mac_bytes[0] & 0x01)
    return g_strdup_printf (_("%s is a multicast address: a guest needs a unicast one "
                              "(an even first byte)."), mac);

  if (!_vd_network_spec_is_set (ip))
    return g_strdup (_("Enter the address the guest gets."));
  if (!_vd_network_spec_parse_addr (ip, G_SOCKET_FAMILY_IPV4, &addr))
    return g_strdup_printf (_("“%s” is not an IPv4 address."), ip);
  if (!same_prefix (&addr, &net, prefix))
    {
      g_autofree char *subnet = subnet_string (&net, prefix);
      return g_strdup_printf (_("%s is outside the network %s."), ip, subnet);
    }
  if (addr_compare (&addr, &net) == 0)
    return g_strdup_printf (_("%s is the host’s own address."), ip);
  if (host_bits_all (&addr, prefix, FALSE) || host_bits_all (&addr, prefix, TRUE))
    return g_strdup_printf (_("%s is the subnet’s own or broadcast address."), ip);

  if (_vd_network_spec_is_set (name) && (!name_chars_ok (name, "-.") || name[0] == '-'))
    return g_strdup_printf (_("“%s” is not a host name (letters, digits, “-” and “.”)."), name);

  for (guint i = 0; i < n_before && i < spec->hosts->len; i++)
    {
      const VdNetworkHost *other = g_ptr_array_index (spec->hosts, i);
      VdNetworkAddr other_addr;

      if (g_ascii_strcasecmp (other->mac, mac) == 0)
        return g_strdup_printf (_("%s is already listed."), mac);
      if (_vd_network_spec_parse_addr (other->ip, G_SOCKET_FAMILY_IPV4, &other_addr) &&
          addr_compare (&other_addr, &addr) == 0)
        return g_strdup_printf (_("%s is already given to %s."), ip, other->mac);
    }

  return NULL;
}

/**
 * vd_network_spec_check_host:
 *
 * Judges a static host about to be added to @spec.
 *
 * Returns: (transfer full) (nullable): why it cannot be added, or %NULL
 */
char *
vd_network_spec_check_host (const VdNetworkSpec *spec,
                            const char          *mac,
                            const char          *ip,
                            const char          *name)
{
  g_return_val_if_fail (spec != NULL, NULL);

  return check_host_at (spec, mac, ip, name, spec->hosts->len);
}

static char *
check_hosts (const VdNetworkSpec *spec)
{
  if (!vd_network_forward_mode_uses_ip (spec->forward_mode))
    return NULL;

  for (guint i = 0; i < spec->hosts->len; i++)
    {
      const VdNetworkHost *host = g_ptr_array_index (spec->hosts, i);
      g_autofree char *message = check_host_at (spec, host->mac, host->ip, host->name, i);

      if (message != NULL)
        /* translators: a static DHCP host's number in the list, then why it is wrong */
        return g_strdup_printf (_("Static host %u: %s"), i + 1, message);
    }

  return NULL;
}

static char *
check_ipv6 (const VdNetworkSpec *spec)
{
  VdNetworkAddr addr;
  guint prefix;

  if (!vd_network_forward_mode_uses_ip (spec->forward_mode) || !spec->ipv6_enabled)
    return NULL;

  if (!parse_cidr (spec->ipv6, G_SOCKET_FAMILY_IPV6, &addr, &prefix))
    return g_strdup (_("Enter the host’s IPv6 address with its prefix length, for example "
                       "fd00:100::1/64."));
  if (prefix < 1 || prefix > 126)
    return g_strdup_printf (_("The prefix length must be between 1 and 126, not %u."), prefix);
  if (host_bits_all (&addr, prefix, FALSE))
    return g_strdup (_("That is the subnet’s own address: give the host one of its "
                       "addresses, such as ::1."));

  return NULL;
}

static char *
check_dhcp6 (const VdNetworkSpec *spec)
{
  VdNetworkAddr net;
  guint prefix;

  if (!_vd_network_spec_ipv6 (spec, &net, &prefix))
    return NULL;
  if ((_vd_network_spec_is_set (spec->dhcp6_start) || _vd_network_spec_is_set (spec->dhcp6_end)) &&
      prefix != 64)
    return g_strdup_printf (_("DHCPv6 needs a /64 network, not /%u."), prefix);
  return check_range (spec->dhcp6_start, spec->dhcp6_end, G_SOCKET_FAMILY_IPV6, &net, prefix);
}

static char *
check_dns_domain (const VdNetworkSpec *spec)
{
  g_auto(GStrv) labels = NULL;

  if (!vd_network_forward_mode_uses_ip (spec->forward_mode) ||
      !_vd_network_spec_is_set (spec->dns_domain))
    return NULL;

  labels = g_strsplit (spec->dns_domain, ".", -1);
  for (guint i = 0; labels[i] != NULL; i++)
    {
      gsize len = strlen (labels[i]);

      if (len == 0 || len > 63 || !name_chars_ok (labels[i], "-") ||
          labels[i][0] == '-' || labels[i][len - 1] == '-')
        return g_strdup_printf (_("“%s” is not a domain name (labels of letters, digits and "
                                  "“-”, separated by dots)."), spec->dns_domain);
    }

  return NULL;
}

static char *
check_direction (const VdNetworkBandwidth *bw,
                 const char               *direction)
{
  if ((bw->peak != 0 || bw->burst != 0) && bw->average == 0)
    /* translators: %s is “Inbound” or “Outbound” */
    return g_strdup_printf (_("%s: set the average rate when a peak or burst is set."),
                            direction);
  if (bw->peak != 0 && bw->peak < bw->average)
    return g_strdup_printf (_("%s: the peak rate cannot be below the average."), direction);
  return NULL;
}

static char *
check_bandwidth (const VdNetworkSpec *spec)
{
  char *message;
  gboolean any = spec->inbound.average || spec->inbound.peak || spec->inbound.burst ||
                 spec->outbound.average || spec->outbound.peak || spec->outbound.burst;

  if (!any)
    return NULL;
  /* libvirt refuses network-wide <bandwidth> where it does not run the
   * bridge itself. */
  if (!vd_network_forward_mode_uses_ip (spec->forward_mode))
    return g_strdup (_("Bandwidth limits apply only to NAT, routed, open and isolated "
                       "networks."));

  if ((message = check_direction (&spec->inbound, _("Inbound"))) != NULL)
    return message;
  return check_direction (&spec->outbound, _("Outbound"));
}

static char *
check_portgroups (const VdNetworkSpec *spec)
{
  guint defaults = 0;

  for (guint i = 0; i < spec->portgroups->len; i++)
    {
      const VdNetworkPortgroup *pg = g_ptr_array_index (spec->portgroups, i);

      if (!_vd_network_spec_is_set (pg->name))
        return g_strdup_printf (_("Portgroup %u: enter a name."), i + 1);
      if (!name_chars_ok (pg->name, "-_."))
        return g_strdup_printf (_("Portgroup %u: a name may contain only letters, digits, "
                                  "“-”, “_” and “.”."), i + 1);
      if (pg->vlan_tag > 4094)
        return g_strdup_printf (_("Portgroup %u: a VLAN tag is between 1 and 4094."), i + 1);
      for (guint j = 0; j < i; j++)
        {
          const VdNetworkPortgroup *other = g_ptr_array_index (spec->portgroups, j);

          if (g_strcmp0 (other->name, pg->name) == 0)
            return g_strdup_printf (_("Portgroup %u: “%s” is already listed."), i + 1, pg->name);
        }
      if (pg->is_default && ++defaults > 1)
        return g_strdup (_("Only one portgroup can be the default."));
    }

  return NULL;
}

/**
 * vd_network_spec_check:
 * @networks: (nullable): the connection's #VdNetwork list, for the name's
 *   uniqueness and subnet overlaps
 *
 * Judges one field of @spec. Fields the forward mode does not use are
 * always fine; a field that depends on another one that is wrong (the
 * DHCP range on a bad subnet) is left to that one's message.
 *
 * Returns: (transfer full) (nullable): the translated reason the field is
 *   wrong, or %NULL
 */
char *
vd_network_spec_check (const VdNetworkSpec *spec,
                       VdNetworkSpecField   field,
                       GListModel          *networks)
{
  g_return_val_if_fail (spec != NULL, NULL);

  switch (field)
    {
    case VD_NETWORK_SPEC_FIELD_NAME:
      return check_name (spec, networks);
    case VD_NETWORK_SPEC_FIELD_DEVICE:
      return check_device (spec);
    case VD_NETWORK_SPEC_FIELD_IPV4:
      return check_ipv4 (spec, networks);
    case VD_NETWORK_SPEC_FIELD_DHCP4:
      return check_dhcp4 (spec);
    case VD_NETWORK_SPEC_FIELD_HOSTS:
      return check_hosts (spec);
    case VD_NETWORK_SPEC_FIELD_IPV6:
      return check_ipv6 (spec);
    case VD_NETWORK_SPEC_FIELD_DHCP6:
      return check_dhcp6 (spec);
    case VD_NETWORK_SPEC_FIELD_DNS_DOMAIN:
      return check_dns_domain (spec);
    case VD_NETWORK_SPEC_FIELD_BANDWIDTH:
      return check_bandwidth (spec);
    case VD_NETWORK_SPEC_FIELD_PORTGROUPS:
      return check_portgroups (spec);
    case VD_NETWORK_SPEC_N_FIELDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * vd_network_spec_validate:
 *
 * Every field at once.
 *
 * Returns: %FALSE with %VD_ERROR_INVALID_ARGUMENT and the first field's
 *   reason when a field is wrong
 */
gboolean
vd_network_spec_validate (const VdNetworkSpec  *spec,
                          GListModel           *networks,
                          GError              **error)
{
  g_return_val_if_fail (spec != NULL, FALSE);

  for (guint field = 0; field < VD_NETWORK_SPEC_N_FIELDS; field++)
    {
      g_autofree char *message = vd_network_spec_check (spec, field, networks);

      if (message != NULL)
        {
          g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT, message);
          return FALSE;
        }
    }

  return TRUE;
}
