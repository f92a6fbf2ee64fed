/* test-network-spec.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libvirt-gobject/libvirt-gobject.h>

#include "vd-connection-host.h"
#include "vd-error.h"
#include "vd-network-spec.h"
#include "vd-xml.h"
#include "../vd-test-util.h"

/* The Create Network spec: each bad field rejected with its own message
 * (against host.xml's networks: default 192.168.122.0/24, isolated
 * 10.10.0.0/24, routed 172.16.5.0/24), golden XML for each forward mode,
 * and the network created on the test driver as asked. */

typedef struct
{
  VdConnection *connection;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *uri = vd_test_fixture_uri ("host.xml");

  fixture->connection = vd_test_open (uri);
  VD_TEST_WAIT_UNTIL (vd_connection_get_host_loaded (fixture->connection), 30);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  vd_connection_disconnect (fixture->connection);
  g_clear_object (&fixture->connection);
}

static void
set (char       **field,
     const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

/* A valid NAT network, the starting point of every bad case. */
static VdNetworkSpec *
good_spec (void)
{
  VdNetworkSpec *spec = vd_network_spec_new ();

  set (&spec->name, "lab");
  set (&spec->ipv4, "192.168.200.1/24");
  set (&spec->dhcp4_start, "192.168.200.100");
  set (&spec->dhcp4_end, "192.168.200.199");
  return spec;
}

typedef struct
{
  const char         *what;
  void              (*apply) (VdNetworkSpec *spec);
  VdNetworkSpecField  field;
  const char         *message;
} BadCase;

#define CASE(fn, body) static void fn (VdNetworkSpec *s) { body; }
CASE (no_name, set (&s->name, ""))
CASE (space_name, set (&s->name, "my net"))
CASE (used_name, set (&s->name, "default"))
CASE (no_prefix, set (&s->ipv4, "192.168.200.1"))
CASE (bad_octet, set (&s->ipv4, "192.168.300.1/24"))
CASE (prefix_31, set (&s->ipv4, "192.168.200.1/31"))
CASE (net_address, set (&s->ipv4, "192.168.200.0/24"))
CASE (broadcast, set (&s->ipv4, "192.168.200.255/24"))
CASE (overlap_default, set (&s->ipv4, "192.168.122.50/24"); set (&s->dhcp4_start, NULL);
      set (&s->dhcp4_end, NULL))
CASE (overlap_wide, set (&s->ipv4, "10.0.0.1/8"); set (&s->dhcp4_start, NULL);
      set (&s->dhcp4_end, NULL))
CASE (nat_no_ipv4, s->ipv4_enabled = FALSE)
CASE (range_outside, set (&s->dhcp4_start, "192.168.201.10"))
CASE (range_reversed, set (&s->dhcp4_start, "192.168.200.150"); set (&s->dhcp4_end, "192.168.200.120"))
CASE (range_half, set (&s->dhcp4_end, ""))
CASE (range_not_ip, set (&s->dhcp4_end, "192.168.200"))
CASE (range_gateway, set (&s->dhcp4_start, "192.168.200.1"))
CASE (host_bad_mac, vd_network_spec_add_host (s, "52:54:00:zz:00:01", "192.168.200.10", NULL))
CASE (host_short_mac, vd_network_spec_add_host (s, "52:54:00:00:01", "192.168.200.10", NULL))
CASE (host_multicast, vd_network_spec_add_host (s, "01:00:5e:00:00:01", "192.168.200.10", NULL))
CASE (host_outside, vd_network_spec_add_host (s, "52:54:00:00:00:01", "192.168.9.10", NULL))
CASE (host_dup_mac, vd_network_spec_add_host (s, "52:54:00:00:00:01", "192.168.200.10", "a");
      vd_network_spec_add_host (s, "52:54:00:00:00:01", "192.168.200.11", "b"))
CASE (host_bad_name, vd_network_spec_add_host (s, "52:54:00:00:00:01", "192.168.200.10", "a b"))
CASE (bridge_no_dev, s->forward_mode = VD_NETWORK_FORWARD_BRIDGE)
CASE (macvtap_no_dev, s->forward_mode = VD_NETWORK_FORWARD_PASSTHROUGH)
CASE (hostdev_no_dev, s->forward_mode = VD_NETWORK_FORWARD_HOSTDEV)
CASE (bad_dev, set (&s->device, "eth 0"))
CASE (ipv6_syntax, s->ipv6_enabled = TRUE; set (&s->ipv6, "fd00::1"))
CASE (ipv6_v4, s->ipv6_enabled = TRUE; set (&s->ipv6, "192.168.1.1/64"))
CASE (dhcp6_not_64, s->ipv6_enabled = TRUE; set (&s->ipv6, "fd00:1::1/48");
      set (&s->dhcp6_start, "fd00:1::100"); set (&s->dhcp6_end, "fd00:1::1ff"))
CASE (dhcp6_outside, s->ipv6_enabled = TRUE; set (&s->ipv6, "fd00:1::1/64");
      set (&s->dhcp6_start, "fd00:2::100"); set (&s->dhcp6_end, "fd00:2::1ff"))
CASE (bad_domain, set (&s->dns_domain, "lab..example"))
CASE (peak_low, s->inbound.average = 1000; s->inbound.peak = 500)
CASE (burst_alone, s->outbound.burst = 64)
CASE (vlan_big, vd_network_spec_add_portgroup (s, "web", 5000, FALSE))
CASE (pg_dup, vd_network_spec_add_portgroup (s, "web", 10, FALSE);
      vd_network_spec_add_portgroup (s, "web", 20, FALSE))
CASE (pg_two_defaults, vd_network_spec_add_portgroup (s, "a", 10, TRUE);
      vd_network_spec_add_portgroup (s, "b", 20, TRUE))

static const BadCase bad_cases[] = {
  { "no name", no_name, VD_NETWORK_SPEC_FIELD_NAME, "Enter a name for the network." },
  { "space", space_name, VD_NETWORK_SPEC_FIELD_NAME,
    "A name may contain only letters, digits and “-”, “_”, “.”, “+” (not first)." },
  { "used", used_name, VD_NETWORK_SPEC_FIELD_NAME,
    "A network called “default” already exists on this connection." },
  { "no prefix", no_prefix, VD_NETWORK_SPEC_FIELD_IPV4,
    "Enter the host’s address on the network with its prefix length, for example "
    "192.168.100.1/24." },
  { "bad octet", bad_octet, VD_NETWORK_SPEC_FIELD_IPV4,
    "Enter the host’s address on the network with its prefix length, for example "
    "192.168.100.1/24." },
  { "/31", prefix_31, VD_NETWORK_SPEC_FIELD_IPV4,
    "The prefix length must be between 1 and 30, not 31." },
  { "net address", net_address, VD_NETWORK_SPEC_FIELD_IPV4,
    "192.168.200.0 is the subnet’s own address: give the host one of its addresses, such "
    "as the first." },
  { "broadcast", broadcast, VD_NETWORK_SPEC_FIELD_IPV4,
    "192.168.200.255 is the subnet’s broadcast address." },
  { "overlap", overlap_default, VD_NETWORK_SPEC_FIELD_IPV4,
    "192.168.122.0/24 overlaps the network “default” (192.168.122.0/24)." },
  { "overlap wide", overlap_wide, VD_NETWORK_SPEC_FIELD_IPV4,
    "10.0.0.0/8 overlaps the network “isolated” (10.10.0.0/24)." },
  { "nat no ipv4", nat_no_ipv4, VD_NETWORK_SPEC_FIELD_IPV4,
    "A NAT network needs an IPv4 address space." },
  { "range outside", range_outside, VD_NETWORK_SPEC_FIELD_DHCP4,
    "The DHCP range must lie inside the network 192.168.200.0/24." },
  { "range reversed", range_reversed, VD_NETWORK_SPEC_FIELD_DHCP4,
    "The DHCP range starts after its end." },
  { "range half", range_half, VD_NETWORK_SPEC_FIELD_DHCP4,
    "Enter both the start and the end of the DHCP range, or neither." },
  { "range not ip", range_not_ip, VD_NETWORK_SPEC_FIELD_DHCP4,
    "“192.168.200” is not an IPv4 address." },
  { "range gateway", range_gateway, VD_NETWORK_SPEC_FIELD_DHCP4,
    "The DHCP range includes the host’s own address." },
  { "host bad mac", host_bad_mac, VD_NETWORK_SPEC_FIELD_HOSTS,
    "Static host 1: “52:54:00:zz:00:01” is not a MAC address (six pairs of hex digits "
    "separated by “:”)." },
  { "host short mac", host_short_mac, VD_NETWORK_SPEC_FIELD_HOSTS,
    "Static host 1: “52:54:00:00:01” is not a MAC address (six pairs of hex digits "
    "separated by “:”)." },
  { "host multicast", host_multicast, VD_NETWORK_SPEC_FIELD_HOSTS,
    "Static host 1: 01:00:5e:00:00:01 is a multicast address: a guest needs a unicast one "
    "(an even first byte)." },
  { "host outside", host_outside, VD_NETWORK_SPEC_FIELD_HOSTS,
    "Static host 1: 192.168.9.10 is outside the network 192.168.200.0/24." },
  { "host dup", host_dup_mac, VD_NETWORK_SPEC_FIELD_HOSTS,
    "Static host 2: 52:54:00:00:00:01 is already listed." },
  { "host name", host_bad_name, VD_NETWORK_SPEC_FIELD_HOSTS,
    "Static host 1: “a b” is not a host name (letters, digits, “-” and “.”)." },
  { "bridge", bridge_no_dev, VD_NETWORK_SPEC_FIELD_DEVICE,
    "Enter the host bridge to connect to, for example br0." },
  { "macvtap", macvtap_no_dev, VD_NETWORK_SPEC_FIELD_DEVICE,
    "Choose the physical device the guests’ macvtap interfaces use." },
  { "hostdev", hostdev_no_dev, VD_NETWORK_SPEC_FIELD_DEVICE,
    "Choose the SR-IOV physical function whose virtual functions form the pool." },
  { "bad dev", bad_dev, VD_NETWORK_SPEC_FIELD_DEVICE,
    "“eth 0” is not a host interface name (up to 15 letters, digits, “-”, “_”, “.”, “:”)." },
  { "ipv6 syntax", ipv6_syntax, VD_NETWORK_SPEC_FIELD_IPV6,
    "Enter the host’s IPv6 address with its prefix length, for example fd00:100::1/64." },
  { "ipv6 v4", ipv6_v4, VD_NETWORK_SPEC_FIELD_IPV6,
    "Enter the host’s IPv6 address with its prefix length, for example fd00:100::1/64." },
  { "dhcp6 /48", dhcp6_not_64, VD_NETWORK_SPEC_FIELD_DHCP6, "DHCPv6 needs a /64 network, not /48." },
  { "dhcp6 outside", dhcp6_outside, VD_NETWORK_SPEC_FIELD_DHCP6,
    "The DHCP range must lie inside the network fd00:1::/64." },
  { "domain", bad_domain, VD_NETWORK_SPEC_FIELD_DNS_DOMAIN,
    "“lab..example” is not a domain name (labels of letters, digits and “-”, separated by "
    "dots)." },
  { "peak", peak_low, VD_NETWORK_SPEC_FIELD_BANDWIDTH,
    "Inbound: the peak rate cannot be below the average." },
  { "burst", burst_alone, VD_NETWORK_SPEC_FIELD_BANDWIDTH,
    "Outbound: set the average rate when a peak or burst is set." },
  { "vlan", vlan_big, VD_NETWORK_SPEC_FIELD_PORTGROUPS,
    "Portgroup 1: a VLAN tag is between 1 and 4094." },
  { "pg dup", pg_dup, VD_NETWORK_SPEC_FIELD_PORTGROUPS, "Portgroup 2: “web” is already listed." },
  { "pg defaults", pg_two_defaults, VD_NETWORK_SPEC_FIELD_PORTGROUPS,
    "Only one portgroup can be the default." },
};

static void
test_good (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(VdNetworkSpec) spec = good_spec ();
  g_autoptr(GError) error = NULL;
  GListModel *networks = vd_connection_get_networks (fixture->connection);

  for (guint field = 0; field < VD_NETWORK_SPEC_N_FIELDS; field++)
    g_assert_null (vd_network_spec_check (spec, field, networks));
  g_assert_true (vd_network_spec_validate (spec, networks, &error));
  g_assert_no_error (error);
}

static void
test_bad (Fixture       *fixture,
          gconstpointer  data)
{
  GListModel *networks = vd_connection_get_networks (fixture->connection);

  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      g_autoptr(VdNetworkSpec) spec = good_spec ();
      g_autoptr(GError) error = NULL;
      g_autofree char *message = NULL;

      g_test_message ("case %s", bad_cases[i].what);
      bad_cases[i].apply (spec);
      message = vd_network_spec_check (spec, bad_cases[i].field, networks);
      g_assert_cmpstr (message, ==, bad_cases[i].message);

      /* Only that field is wrong, so it is also what validation says. */
      g_assert_false (vd_network_spec_validate (spec, networks, &error));
      g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT);
      g_assert_cmpstr (error->message, ==, bad_cases[i].message);
    }
}

/* A host about to be added, before it is in the list. */
static void
test_check_host (void)
{
  g_autoptr(VdNetworkSpec) spec = good_spec ();
  g_autofree char *ok = NULL;
  g_autofree char *dup_ip = NULL;
  g_autofree char *gateway = NULL;
  g_autofree char *no_ip = NULL;

  vd_network_spec_add_host (spec, "52:54:00:00:00:01", "192.168.200.10", "web");
  ok = vd_network_spec_check_host (spec, "52:54:00:00:00:02", "192.168.200.11", "db");
  dup_ip = vd_network_spec_check_host (spec, "52:54:00:00:00:02", "192.168.200.10", NULL);
  gateway = vd_network_spec_check_host (spec, "52:54:00:00:00:02", "192.168.200.1", NULL);
  no_ip = vd_network_spec_check_host (spec, "52:54:00:00:00:02", "", NULL);

  g_assert_null (ok);
  g_assert_cmpstr (dup_ip, ==, "192.168.200.10 is already given to 52:54:00:00:00:01.");
  g_assert_cmpstr (gateway, ==, "192.168.200.1 is the host’s own address.");
  g_assert_cmpstr (no_ip, ==, "Enter the address the guest gets.");
}

/* Fields a mode does not use are neither judged nor written. */
static void
test_mode_ignores (void)
{
  g_autoptr(VdNetworkSpec) spec = good_spec ();
  g_autofree char *xml = NULL;

  spec->forward_mode = VD_NETWORK_FORWARD_BRIDGE;
  set (&spec->device, "br0");
  set (&spec->ipv4, "garbage");
  set (&spec->dns_domain, "..");
  g_assert_true (vd_network_spec_validate (spec, NULL, NULL));
  xml = vd_network_spec_to_xml (spec);
  g_assert_null (strstr (xml, "<ip"));
  g_assert_null (strstr (xml, "<domain"));
}

/* ------------------------------------------------------------------ */
/* Golden XML                                                          */
/* ------------------------------------------------------------------ */

static VdNetworkSpec *
spec_nat (void)
{
  VdNetworkSpec *spec = good_spec ();

  set (&spec->name, "nat-lab");
  set (&spec->device, "eth0");
  set (&spec->dns_domain, "lab.example");
  vd_network_spec_add_host (spec, "52:54:00:AA:00:01", "192.168.200.10", "web");
  vd_network_spec_add_host (spec, "52:54:00:aa:00:02", "192.168.200.11", NULL);
  spec->inbound.average = 1000;
  spec->inbound.peak = 2000;
  spec->inbound.burst = 512;
  spec->outbound.average = 500;
  return spec;
}

static VdNetworkSpec *
spec_isolated_ipv6 (void)
{
  VdNetworkSpec *spec = vd_network_spec_new ();

  set (&spec->name, "v6-only");
  spec->forward_mode = VD_NETWORK_FORWARD_ISOLATED;
  spec->ipv4_enabled = FALSE;
  spec->ipv6_enabled = TRUE;
  set (&spec->ipv6, "FD00:200:0::1/64");
  set (&spec->dhcp6_start, "fd00:200::100");
  set (&spec->dhcp6_end, "fd00:200::1ff");
  return spec;
}

static VdNetworkSpec *
spec_routed (void)
{
  VdNetworkSpec *spec = vd_network_spec_new ();

  set (&spec->name, "dmz");
  spec->forward_mode = VD_NETWORK_FORWARD_ROUTE;
  set (&spec->ipv4, "172.20.0.1/16");
  set (&spec->dhcp4_start, NULL);
  set (&spec->dhcp4_end, NULL);
  spec->ipv6_enabled = TRUE;
  set (&spec->ipv6, "2001:db8:20::1/64");
  return spec;
}

static VdNetworkSpec *
spec_bridge (void)
{
  VdNetworkSpec *spec = vd_network_spec_new ();

  set (&spec->name, "host-br0");
  spec->forward_mode = VD_NETWORK_FORWARD_BRIDGE;
  set (&spec->device, "br0");
  vd_network_spec_add_portgroup (spec, "office", 10, TRUE);
  vd_network_spec_add_portgroup (spec, "lab", 20, FALSE);
  vd_network_spec_add_portgroup (spec, "untagged", 0, FALSE);
  return spec;
}

static VdNetworkSpec *
spec_macvtap (void)
{
  VdNetworkSpec *spec = vd_network_spec_new ();

  set (&spec->name, "direct-eth1");
  spec->forward_mode = VD_NETWORK_FORWARD_PASSTHROUGH;
  set (&spec->device, "eth1");
  return spec;
}

static VdNetworkSpec *
spec_hostdev (void)
{
  VdNetworkSpec *spec = vd_network_spec_new ();

  set (&spec->name, "sriov-pool");
  spec->forward_mode = VD_NETWORK_FORWARD_HOSTDEV;
  set (&spec->device, "enp3s0f0");
  return spec;
}

typedef struct
{
  const char     *file;
  VdNetworkSpec *(*make) (void);
} Golden;

static const Golden goldens[] = {
  { "network-nat.xml", spec_nat },
  { "network-isolated-ipv6.xml", spec_isolated_ipv6 },
  { "network-routed.xml", spec_routed },
  { "network-bridge.xml", spec_bridge },
  { "network-macvtap.xml", spec_macvtap },
  { "network-hostdev.xml", spec_hostdev },
};

static void
test_golden (Fixture       *fixture,
             gconstpointer  data)
{
  virConnectPtr conn = vd_connection_get_handle (fixture->connection);

  for (guint i = 0; i < G_N_ELEMENTS (goldens); i++)
    {
      g_autoptr(VdNetworkSpec) spec = goldens[i].make ();
      g_autofree char *path = g_build_filename (VD_TEST_DATA_DIR, goldens[i].file, NULL);
      g_autofree char *expected = NULL;
      g_autofree char *xml = NULL;
      g_autoptr(GError) error = NULL;
      virNetworkPtr network;

      g_test_message ("golden %s", goldens[i].file);
      g_assert_true (vd_network_spec_validate (spec, vd_connection_get_networks (fixture->connection),
                                               &error));
      g_assert_no_error (error);
      xml = vd_network_spec_to_xml (spec);
      g_assert_true (g_file_get_contents (path, &expected, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (xml, ==, expected);

      /* And libvirt's parser accepts it. */
      network = virNetworkDefineXML (conn, xml);
      g_assert_nonnull (network);
      g_assert_cmpint (virNetworkUndefine (network), ==, 0);
      virNetworkFree (network);
    }
}

/* ------------------------------------------------------------------ */
/* Creating                                                            */
/* ------------------------------------------------------------------ */

static void
test_create (Fixture       *fixture,
             gconstpointer  data)
{
  VdConnection *connection = fixture->connection;
  g_autoptr(VdNetworkSpec) spec = spec_nat ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VdXml) xml = NULL;
  g_autoptr(GPtrArray) hosts = NULL;
  g_autofree char *mode = NULL;
  g_autofree char *dev = NULL;
  g_autofree char *address = NULL;
  g_autofree char *start = NULL;
  g_autofree char *end = NULL;
  g_autofree char *domain = NULL;
  char *text;
  VdNetwork *network;
  virNetworkPtr handle;

  vd_connection_create_network_async (connection, spec, TRUE, TRUE, NULL,
                                      vd_test_async_result_cb, &result);
  /* The spec was copied into XML: changing it now changes nothing. */
  set (&spec->ipv4, "10.99.0.1/24");
  VD_TEST_WAIT_RESULT (result);
  g_assert_true (vd_connection_create_network_finish (connection, result, &error));
  g_assert_no_error (error);

  /* The list learns of it from libvirt's events. */
  VD_TEST_WAIT_UNTIL ((network = vd_connection_find_network (connection, "nat-lab")) != NULL &&
                      vd_network_get_active (network) && vd_network_get_autostart (network), 30);
  g_assert_cmpstr (vd_network_get_forward_mode (network), ==, "nat");
  g_assert_cmpstr (vd_network_get_ipv4_address (network), ==, "192.168.200.1");
  g_assert_cmpuint (vd_network_get_ipv4_prefix (network), ==, 24);

  /* What libvirt itself holds. */
  handle = virNetworkLookupByName (vd_connection_get_handle (connection), "nat-lab");
  g_assert_nonnull (handle);
  g_assert_cmpint (virNetworkIsActive (handle), ==, 1);
  text = virNetworkGetXMLDesc (handle, 0);
  virNetworkFree (handle);
  xml = vd_xml_new (text);
  free (text);
  mode = vd_xml_get_string (xml, "/network/forward/@mode");
  dev = vd_xml_get_string (xml, "/network/forward/@dev");
  address = vd_xml_get_string (xml, "/network/ip/@address");
  start = vd_xml_get_string (xml, "/network/ip/dhcp/range/@start");
  end = vd_xml_get_string (xml, "/network/ip/dhcp/range/@end");
  domain = vd_xml_get_string (xml, "/network/domain/@name");
  hosts = vd_xml_get_nodes (xml, "/network/ip/dhcp/host");
  g_assert_cmpstr (mode, ==, "nat");
  g_assert_cmpstr (dev, ==, "eth0");
  g_assert_cmpstr (address, ==, "192.168.200.1");
  g_assert_cmpuint (vd_xml_get_uint64 (xml, "/network/ip/@prefix"), ==, 24);
  g_assert_cmpstr (start, ==, "192.168.200.100");
  g_assert_cmpstr (end, ==, "192.168.200.199");
  g_assert_cmpstr (domain, ==, "lab.example");
  g_assert_cmpuint (hosts->len, ==, 2);
  for (guint i = 0; i < hosts->len; i++)
    {
      g_autofree char *mac = vd_xml_node_get_string (xml, hosts->pdata[i], "@mac");
      g_autofree char *ip = vd_xml_node_get_string (xml, hosts->pdata[i], "@ip");

      g_assert_cmpstr (mac, ==, i == 0 ? "52:54:00:aa:00:01" : "52:54:00:aa:00:02");
      g_assert_cmpstr (ip, ==, i == 0 ? "192.168.200.10" : "192.168.200.11");
    }
  g_assert_cmpuint (vd_xml_get_uint64 (xml, "/network/bandwidth/inbound/@peak"), ==, 2000);

  /* A second one by the same name is refused before libvirt. */
  g_clear_object (&result);
  vd_connection_create_network_async (connection, spec, FALSE, FALSE, NULL,
                                      vd_test_async_result_cb, &result);
  VD_TEST_WAIT_RESULT (result);
  g_assert_false (vd_connection_create_network_finish (connection, result, &error));
  g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (error->message, ==, "Failed to create the network “nat-lab”: A network called "
                   "“nat-lab” already exists on this connection.");
}

/* Defined but not started: inactive, not autostarted. */
static void
test_create_defined_only (Fixture       *fixture,
                          gconstpointer  data)
{
  VdConnection *connection = fixture->connection;
  g_autoptr(VdNetworkSpec) spec = spec_isolated_ipv6 ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  VdNetwork *network;

  vd_connection_create_network_async (connection, spec, FALSE, FALSE, NULL,
                                      vd_test_async_result_cb, &result);
  VD_TEST_WAIT_RESULT (result);
  g_assert_true (vd_connection_create_network_finish (connection, result, &error));
  g_assert_no_error (error);
  VD_TEST_WAIT_UNTIL ((network = vd_connection_find_network (connection, "v6-only")) != NULL, 30);
  g_assert_false (vd_network_get_active (network));
  g_assert_false (vd_network_get_autostart (network));
  g_assert_null (vd_network_get_forward_mode (network));
  g_assert_cmpstr (vd_network_get_ipv6_address (network), ==, "fd00:200::1");
}

static void
test_create_not_connected (void)
{
  g_autofree char *uri = vd_test_fixture_uri ("host.xml");
  g_autoptr(VdConnection) connection = vd_connection_new (uri);
  g_autoptr(VdNetworkSpec) spec = good_spec ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  vd_connection_create_network_async (connection, spec, TRUE, FALSE, NULL,
                                      vd_test_async_result_cb, &result);
  VD_TEST_WAIT_RESULT (result);
  g_assert_false (vd_connection_create_network_finish (connection, result, &error));
  g_assert_error (error, VD_ERROR, VD_ERROR_NOT_CONNECTED);
  g_assert_cmpstr (error->message, ==,
                   "Failed to create the network “lab”: the connection is not open");
}

/* The wizard's device list: the host's interfaces, from a worker
 * (test:///default has one, eth1; host.xml none). */
static void
test_list_interfaces (void)
{
  g_autoptr(VdConnection) connection = vd_test_open ("test:///default");
  g_autofree char *uri = vd_test_fixture_uri ("host.xml");
  g_autoptr(VdConnection) closed = vd_connection_new (uri);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;

  vd_connection_list_interfaces_async (connection, NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_RESULT (result);
  names = vd_connection_list_interfaces_finish (connection, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (names), ==, 1);
  g_assert_cmpstr (names[0], ==, "eth1");

  g_clear_object (&result);
  vd_connection_list_interfaces_async (closed, NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_RESULT (result);
  g_assert_null (vd_connection_list_interfaces_finish (closed, result, &error));
  g_assert_error (error, VD_ERROR, VD_ERROR_NOT_CONNECTED);
  vd_connection_disconnect (connection);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  gvir_init_object_check (NULL, NULL, NULL);

#define ADD(path, func) \
  g_test_add ("/vd/network-spec/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("good", test_good);
  ADD ("bad", test_bad);
  ADD ("golden", test_golden);
  ADD ("create", test_create);
  ADD ("create-defined-only", test_create_defined_only);
  g_test_add_func ("/vd/network-spec/check-host", test_check_host);
  g_test_add_func ("/vd/network-spec/mode-ignores", test_mode_ignores);
  g_test_add_func ("/vd/network-spec/create-not-connected", test_create_not_connected);
  g_test_add_func ("/vd/network-spec/list-interfaces", test_list_interfaces);

  return g_test_run ();
}
