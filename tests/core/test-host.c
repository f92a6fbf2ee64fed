/* test-host.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libvirt-gobject/libvirt-gobject.h>

#include "vd-connection-host.h"
#include "vd-error.h"
#include "../vd-test-util.h"

/* Networks, storage pools and volumes on a test-driver host (host.xml):
 * the lists, what is parsed from the XML, the operations as libvirt
 * reports their effect, the volumes' users, failures, and events from
 * changes made outside the objects. */

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
  g_assert_cmpuint (g_list_model_get_n_items (vd_connection_get_networks (fixture->connection)),
                    ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (vd_connection_get_pools (fixture->connection)),
                    ==, 0);
  g_clear_object (&fixture->connection);
}

static char *
names_of (GListModel *model)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);
      g_autofree char *name = NULL;

      g_object_get (item, "name", &name, NULL);
      g_string_append_printf (names, "%s%s", i ? " " : "", name);
    }

  return g_string_free (g_steal_pointer (&names), FALSE);
}

static char *
join (const char * const *strv)
{
  return strv ? g_strjoinv ("|", (char **)strv) : g_strdup ("");
}

/* What libvirt itself says, through a lookup of our own. */
static int
libvirt_network_active (VdConnection *connection,
                        const char   *name)
{
  virNetworkPtr network = virNetworkLookupByName (vd_connection_get_handle (connection), name);
  int active;

  if (network == NULL)
    {
      virResetLastError ();
      return -1;
    }
  active = virNetworkIsActive (network);
  virNetworkFree (network);
  return active;
}

static int
libvirt_pool_active (VdConnection *connection,
                     const char   *name)
{
  virStoragePoolPtr pool = virStoragePoolLookupByName (vd_connection_get_handle (connection), name);
  int active;

  if (pool == NULL)
    {
      virResetLastError ();
      return -1;
    }
  active = virStoragePoolIsActive (pool);
  virStoragePoolFree (pool);
  return active;
}

static void
test_lists (Fixture       *fixture,
            gconstpointer  data)
{
  g_autofree char *networks = names_of (vd_connection_get_networks (fixture->connection));
  g_autofree char *pools = names_of (vd_connection_get_pools (fixture->connection));
  VdStoragePool *pool = vd_connection_find_pool (fixture->connection, "default");
  g_autofree char *volumes = names_of (vd_storage_pool_get_volumes (pool));

  g_assert_cmpstr (networks, ==, "default isolated lan-bridge routed");
  g_assert_cmpstr (pools, ==, "default nfs-iso vg_guests");
  g_assert_cmpstr (volumes, ==, "shared.raw spare.qcow2 web.qcow2");
  g_assert_null (vd_connection_find_network (fixture->connection, "nope"));
}

static void
test_network_properties (Fixture       *fixture,
                         gconstpointer  data)
{
  VdNetwork *def = vd_connection_find_network (fixture->connection, "default");
  VdNetwork *isolated = vd_connection_find_network (fixture->connection, "isolated");
  VdNetwork *routed = vd_connection_find_network (fixture->connection, "routed");
  VdNetwork *bridge = vd_connection_find_network (fixture->connection, "lan-bridge");
  g_autofree char *ranges = join (vd_network_get_dhcp_ranges (def));
  g_autofree char *hosts = join (vd_network_get_static_hosts (def));
  g_autofree char *isolated_ranges = join (vd_network_get_dhcp_ranges (isolated));

  g_assert_cmpstr (vd_network_get_uuid (def), ==, "5b1f4c44-0000-4000-8000-000000000001");
  g_assert_true (vd_network_get_active (def));
  g_assert_true (vd_network_get_persistent (def));
  g_assert_false (vd_network_get_autostart (def));
  g_assert_cmpstr (vd_network_get_forward_mode (def), ==, "nat");
  g_assert_null (vd_network_get_forward_dev (def));
  g_assert_cmpstr (vd_network_get_bridge (def), ==, "virbr0");
  g_assert_cmpstr (vd_network_get_ipv4_address (def), ==, "192.168.122.1");
  g_assert_cmpuint (vd_network_get_ipv4_prefix (def), ==, 24);
  g_assert_cmpstr (vd_network_get_ipv6_address (def), ==, "fd00:122::1");
  g_assert_cmpuint (vd_network_get_ipv6_prefix (def), ==, 64);
  g_assert_cmpstr (ranges, ==, "192.168.122.2 192.168.122.99|192.168.122.150 192.168.122.254");
  g_assert_cmpstr (hosts, ==,
                   "52:54:00:10:00:01 192.168.122.10 web|52:54:00:10:00:02 192.168.122.11 db");
  g_assert_cmpstr (vd_network_get_dns_domain (def), ==, "example.lan");

  /* No <forward>: isolated. A prefix instead of a netmask. */
  g_assert_null (vd_network_get_forward_mode (isolated));
  g_assert_cmpuint (vd_network_get_ipv4_prefix (isolated), ==, 24);
  g_assert_cmpstr (isolated_ranges, ==, "10.10.0.100 10.10.0.200");
  g_assert_null (vd_network_get_ipv6_address (isolated));
  g_assert_null (vd_network_get_dns_domain (isolated));

  g_assert_cmpstr (vd_network_get_forward_mode (routed), ==, "route");
  g_assert_cmpstr (vd_network_get_forward_dev (routed), ==, "eth1");
  g_assert_cmpstr (vd_network_get_ipv4_address (routed), ==, "172.16.5.1");
  g_assert_cmpuint (vd_network_get_ipv4_prefix (routed), ==, 24);
  g_assert_cmpuint (g_strv_length ((char **)vd_network_get_dhcp_ranges (routed)), ==, 0);

  g_assert_cmpstr (vd_network_get_forward_mode (bridge), ==, "bridge");
  g_assert_cmpstr (vd_network_get_bridge (bridge), ==, "br0");
  g_assert_null (vd_network_get_ipv4_address (bridge));
}

static void
test_pool_properties (Fixture       *fixture,
                      gconstpointer  data)
{
  VdStoragePool *def = vd_connection_find_pool (fixture->connection, "default");
  VdStoragePool *lvm = vd_connection_find_pool (fixture->connection, "vg_guests");
  VdStoragePool *nfs = vd_connection_find_pool (fixture->connection, "nfs-iso");
  VdStorageVolume *web = vd_storage_pool_find_volume (def, "web.qcow2");
  VdStorageVolume *shared = vd_storage_pool_find_volume (def, "shared.raw");
  VdStorageVolume *spare = vd_storage_pool_find_volume (def, "spare.qcow2");
  VdStorageVolume *data_lv = vd_storage_pool_find_volume (lvm, "db-data");
  g_autofree char *web_users = join (vd_storage_volume_get_used_by (web));
  g_autofree char *shared_users = join (vd_storage_volume_get_used_by (shared));
  g_autofree char *spare_users = join (vd_storage_volume_get_used_by (spare));
  g_autofree char *lv_users = join (vd_storage_volume_get_used_by (data_lv));

  g_assert_cmpstr (vd_storage_pool_get_pool_type (def), ==, "dir");
  g_assert_cmpstr (vd_storage_pool_get_pool_type (lvm), ==, "logical");
  g_assert_cmpstr (vd_storage_pool_get_pool_type (nfs), ==, "netfs");
  g_assert_cmpstr (vd_storage_pool_get_uuid (def), ==, "3c2e8b6a-0000-4000-8000-000000000001");
  g_assert_cmpint (vd_storage_pool_get_state (def), ==, VD_STORAGE_POOL_STATE_RUNNING);
  g_assert_true (vd_storage_pool_get_active (def));
  g_assert_true (vd_storage_pool_get_persistent (def));
  g_assert_cmpstr (vd_storage_pool_get_target_path (def), ==, "/var/lib/libvirt/images");
  g_assert_cmpstr (vd_storage_pool_get_target_path (lvm), ==, "/dev/vg_guests");
  g_assert_true (vd_storage_pool_get_can_delete_underlying (def));
  g_assert_true (vd_storage_pool_get_can_delete_underlying (lvm));

  /* The test driver computes the sizes from its volumes: what we show is
   * what libvirt says, so compare with libvirt. */
  {
    virStoragePoolPtr raw = virStoragePoolLookupByName (vd_connection_get_handle (fixture->connection),
                                                        "default");
    virStoragePoolInfo info;

    g_assert_nonnull (raw);
    g_assert_cmpint (virStoragePoolGetInfo (raw, &info), ==, 0);
    g_assert_cmpuint (vd_storage_pool_get_capacity (def), ==, info.capacity);
    g_assert_cmpuint (vd_storage_pool_get_allocation (def), ==, info.allocation);
    g_assert_cmpuint (vd_storage_pool_get_available (def), ==, info.available);
    g_assert_cmpuint (info.capacity, >, 0);
    virStoragePoolFree (raw);
  }

  g_assert_cmpstr (vd_storage_volume_get_key (web), ==, "/var/lib/libvirt/images/web.qcow2");
  g_assert_cmpstr (vd_storage_volume_get_path (web), ==, "/var/lib/libvirt/images/web.qcow2");
  g_assert_cmpstr (vd_storage_volume_get_format (web), ==, "qcow2");
  g_assert_cmpuint (vd_storage_volume_get_capacity (web), ==, 21474836480);
  g_assert_cmpuint (vd_storage_volume_get_allocation (web), ==, 5368709120);
  g_assert_true (vd_storage_volume_get_pool (web) == def);

  /* By path (web's file disk, db's block disk) and by pool and volume
   * name (db's volume disk), each guest once. */
  g_assert_cmpstr (web_users, ==, "web");
  g_assert_cmpstr (shared_users, ==, "db|web");
  g_assert_cmpstr (spare_users, ==, "");
  g_assert_cmpstr (lv_users, ==, "db");
}

#define RUN(obj, op, ...)                                                            \
  G_STMT_START {                                                                     \
    g_autoptr(GAsyncResult) _result = NULL;                                          \
    g_autoptr(GError) _error = NULL;                                                 \
    op##_async (obj, ##__VA_ARGS__, NULL, vd_test_async_result_cb, &_result);        \
    VD_TEST_WAIT_RESULT (_result);                                                   \
    g_assert_true (op##_finish (obj, _result, &_error));                             \
    g_assert_no_error (_error);                                                      \
  } G_STMT_END

static void
test_network_ops (Fixture       *fixture,
                  gconstpointer  data)
{
  VdConnection *connection = fixture->connection;
  g_autoptr(VdNetwork) routed = g_object_ref (vd_connection_find_network (connection, "routed"));
  g_autoptr(VdNetwork) isolated = g_object_ref (vd_connection_find_network (connection,
                                                                            "isolated"));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = NULL;
  virNetworkPtr raw;
  int autostart = -1;

  RUN (routed, vd_network_stop);
  g_assert_false (vd_network_get_active (routed));
  g_assert_false (vd_network_get_busy (routed));
  g_assert_cmpint (libvirt_network_active (connection, "routed"), ==, 0);

  RUN (routed, vd_network_start);
  g_assert_true (vd_network_get_active (routed));
  g_assert_cmpint (libvirt_network_active (connection, "routed"), ==, 1);

  RUN (routed, vd_network_set_autostart, TRUE);
  g_assert_true (vd_network_get_autostart (routed));
  raw = virNetworkLookupByName (vd_connection_get_handle (connection), "routed");
  g_assert_cmpint (virNetworkGetAutostart (raw, &autostart), ==, 0);
  g_assert_cmpint (autostart, ==, 1);
  virNetworkFree (raw);
  RUN (routed, vd_network_set_autostart, FALSE);
  g_assert_false (vd_network_get_autostart (routed));

  vd_network_get_xml_async (routed, NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_RESULT (result);
  xml = vd_network_get_xml_finish (routed, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (xml, "<name>routed</name>"));
  g_assert_nonnull (strstr (xml, "dev='eth1'"));

  /* Delete stops a running network first, then undefines it. */
  g_assert_true (vd_network_get_active (isolated));
  RUN (isolated, vd_network_delete);
  g_assert_cmpint (libvirt_network_active (connection, "isolated"), ==, -1);
  g_assert_null (vd_connection_find_network (connection, "isolated"));
  g_assert_null (vd_network_get_connection (isolated));
  g_assert_cmpuint (g_list_model_get_n_items (vd_connection_get_networks (connection)), ==, 3);
}

/* Static DHCP hosts, checked, then added and removed with virNetworkUpdate
 * on the running network and its definition; the network's list follows
 * and nothing else in its XML changes. */
static void
test_network_dhcp_hosts (Fixture       *fixture,
                         gconstpointer  data)
{
  VdConnection *connection = fixture->connection;
  g_autoptr(VdNetwork) network = g_object_ref (vd_connection_find_network (connection, "default"));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char * const *hosts;
  char *message;
  virNetworkPtr raw;
  char *xml;

  g_assert_true (vd_network_get_active (network));
  hosts = vd_network_get_static_hosts (network);
  g_assert_cmpuint (g_strv_length ((char **)hosts), ==, 2);

  /* Each refusal, with its reason. */
  message = vd_network_check_dhcp_host (network, "52:54:00:zz:00:03", "192.168.122.12", NULL);
  g_assert_nonnull (strstr (message, "is not a MAC address"));
  g_free (message);
  message = vd_network_check_dhcp_host (network, "53:54:00:10:00:03", "192.168.122.12", NULL);
  g_assert_nonnull (strstr (message, "multicast"));
  g_free (message);
  message = vd_network_check_dhcp_host (network, "52:54:00:10:00:03", "10.0.0.5", NULL);
  g_assert_nonnull (strstr (message, "outside the network 192.168.122.0/24"));
  g_free (message);
  message = vd_network_check_dhcp_host (network, "52:54:00:10:00:01", "192.168.122.12", NULL);
  g_assert_nonnull (strstr (message, "already listed"));
  g_free (message);
  message = vd_network_check_dhcp_host (network, "52:54:00:10:00:03", "192.168.122.10", NULL);
  g_assert_nonnull (strstr (message, "already given to 52:54:00:10:00:01"));
  g_free (message);
  message = vd_network_check_dhcp_host (network, "52:54:00:10:00:03", "192.168.122.12", "no name!");
  g_assert_nonnull (strstr (message, "not a host name"));
  g_free (message);
  g_assert_null (vd_network_check_dhcp_host (network, "52:54:00:10:00:03", "192.168.122.12",
                                             "cache"));

  RUN (network, vd_network_add_dhcp_host, "52:54:00:10:00:03", "192.168.122.12", "cache");
  hosts = vd_network_get_static_hosts (network);
  g_assert_cmpuint (g_strv_length ((char **)hosts), ==, 3);
  g_assert_cmpstr (hosts[2], ==, "52:54:00:10:00:03 192.168.122.12 cache");
  raw = virNetworkLookupByName (vd_connection_get_handle (connection), "default");
  g_assert_nonnull (raw);
  xml = virNetworkGetXMLDesc (raw, 0);
  if (xml == NULL)
    g_error ("%s", virGetLastErrorMessage ());
  g_assert_nonnull (strstr (xml, "<host mac='52:54:00:10:00:03' name='cache' ip='192.168.122.12'/>"));
  g_assert_nonnull (strstr (xml, "<range start='192.168.122.150' end='192.168.122.254'/>"));
  free (xml);

  /* A refusal from libvirt (already gone) is reported; nothing changes. */
  RUN (network, vd_network_remove_dhcp_host, hosts[0]);
  hosts = vd_network_get_static_hosts (network);
  g_assert_cmpuint (g_strv_length ((char **)hosts), ==, 2);
  g_assert_cmpstr (hosts[0], ==, "52:54:00:10:00:02 192.168.122.11 db");
  vd_network_remove_dhcp_host_async (network, "52:54:00:10:00:01 192.168.122.10 web", NULL,
                                     vd_test_async_result_cb, &result);
  VD_TEST_WAIT_RESULT (result);
  g_assert_false (vd_network_remove_dhcp_host_finish (network, result, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "Failed to remove the static host 52:54:00:10:00:01"));
  g_assert_cmpuint (g_strv_length ((char **)vd_network_get_static_hosts (network)), ==, 2);
  xml = virNetworkGetXMLDesc (raw, 0);
  g_assert_null (strstr (xml, "52:54:00:10:00:01"));
  g_assert_nonnull (strstr (xml, "52:54:00:10:00:02"));
  free (xml);
  virNetworkFree (raw);
}

static void
test_network_failure (Fixture       *fixture,
                      gconstpointer  data)
{
  VdNetwork *def = vd_connection_find_network (fixture->connection, "default");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* Starting a running network: libvirt refuses. */
  vd_network_start_async (def, NULL, vd_test_async_result_cb, &result);
  g_assert_true (vd_network_get_busy (def));
  VD_TEST_WAIT_RESULT (result);
  g_assert_false (vd_network_start_finish (def, result, &error));
  g_assert_nonnull (error);
  g_assert_false (vd_network_get_busy (def));
  g_assert_nonnull (vd_network_get_last_error (def));
  g_assert_true (g_str_has_prefix (vd_network_get_last_error (def),
                                   "Failed to start the network “default”: "));
  g_assert_cmpstr (vd_network_get_last_error (def), ==, error->message);
  g_assert_true (vd_network_get_active (def));

  /* The next success clears it. */
  RUN (def, vd_network_stop);
  g_assert_null (vd_network_get_last_error (def));
}

static void
test_network_events (Fixture       *fixture,
                     gconstpointer  data)
{
  VdConnection *connection = fixture->connection;
  VdNetwork *bridge = vd_connection_find_network (connection, "lan-bridge");
  virNetworkPtr raw = virNetworkLookupByName (vd_connection_get_handle (connection), "lan-bridge");
  virNetworkPtr created;

  /* Changes made behind the objects' back arrive as events. */
  g_assert_cmpint (virNetworkDestroy (raw), ==, 0);
  VD_TEST_WAIT_UNTIL (!vd_network_get_active (bridge), 10);
  g_assert_cmpint (virNetworkUndefine (raw), ==, 0);
  VD_TEST_WAIT_UNTIL (vd_connection_find_network (connection, "lan-bridge") == NULL, 10);
  virNetworkFree (raw);

  created = virNetworkDefineXML (vd_connection_get_handle (connection),
                                 "<network><name>added</name><bridge name='virbr9'/>"
                                 "<ip address='10.9.0.1' prefix='16'/></network>");
  g_assert_nonnull (created);
  VD_TEST_WAIT_UNTIL (vd_connection_find_network (connection, "added") != NULL, 10);
  g_assert_cmpuint (vd_network_get_ipv4_prefix (vd_connection_find_network (connection, "added")),
                    ==, 16);
  g_assert_false (vd_network_get_active (vd_connection_find_network (connection, "added")));
  virNetworkFree (created);
}

static void
test_pool_ops (Fixture       *fixture,
               gconstpointer  data)
{
  VdConnection *connection = fixture->connection;
  g_autoptr(VdStoragePool) nfs = g_object_ref (vd_connection_find_pool (connection, "nfs-iso"));
  VdStoragePool *def = vd_connection_find_pool (connection, "default");
  virStoragePoolPtr raw;
  int autostart = -1;

  g_assert_cmpuint (g_list_model_get_n_items (vd_storage_pool_get_volumes (nfs)), ==, 1);
  RUN (nfs, vd_storage_pool_stop);
  g_assert_false (vd_storage_pool_get_active (nfs));
  g_assert_cmpint (vd_storage_pool_get_state (nfs), ==, VD_STORAGE_POOL_STATE_INACTIVE);
  g_assert_cmpint (libvirt_pool_active (connection, "nfs-iso"), ==, 0);
  /* A stopped pool lists no volumes. */
  g_assert_cmpuint (g_list_model_get_n_items (vd_storage_pool_get_volumes (nfs)), ==, 0);

  RUN (nfs, vd_storage_pool_start);
  g_assert_true (vd_storage_pool_get_active (nfs));
  g_assert_cmpint (libvirt_pool_active (connection, "nfs-iso"), ==, 1);

  RUN (def, vd_storage_pool_refresh);
  g_assert_cmpuint (g_list_model_get_n_items (vd_storage_pool_get_volumes (def)), ==, 3);

  RUN (nfs, vd_storage_pool_set_autostart, TRUE);
  g_assert_true (vd_storage_pool_get_autostart (nfs));
  raw = virStoragePoolLookupByName (vd_connection_get_handle (connection), "nfs-iso");
  g_assert_cmpint (virStoragePoolGetAutostart (raw, &autostart), ==, 0);
  g_assert_cmpint (autostart, ==, 1);
  virStoragePoolFree (raw);

  /* Delete stops it, removes the storage when asked, undefines it. */
  RUN (nfs, vd_storage_pool_delete, VD_STORAGE_POOL_DELETE_UNDERLYING);
  g_assert_cmpint (libvirt_pool_active (connection, "nfs-iso"), ==, -1);
  g_assert_null (vd_connection_find_pool (connection, "nfs-iso"));
  g_assert_null (vd_storage_pool_get_connection (nfs));
  g_assert_cmpuint (g_list_model_get_n_items (vd_connection_get_pools (connection)), ==, 2);
}

static void
test_pool_failure (Fixture       *fixture,
                   gconstpointer  data)
{
  VdStoragePool *lvm = vd_connection_find_pool (fixture->connection, "vg_guests");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  vd_storage_pool_start_async (lvm, NULL, vd_test_async_result_cb, &result);
  g_assert_true (vd_storage_pool_get_busy (lvm));
  VD_TEST_WAIT_RESULT (result);
  g_assert_false (vd_storage_pool_start_finish (lvm, result, &error));
  g_assert_nonnull (error);
  g_assert_false (vd_storage_pool_get_busy (lvm));
  g_assert_true (g_str_has_prefix (vd_storage_pool_get_last_error (lvm),
                                   "Failed to start the storage pool “vg_guests”: "));
  g_assert_true (vd_storage_pool_get_active (lvm));
}

static void
test_volume_delete (Fixture       *fixture,
                    gconstpointer  data)
{
  VdConnection *connection = fixture->connection;
  VdStoragePool *def = vd_connection_find_pool (connection, "default");
  g_autoptr(VdStorageVolume) spare = g_object_ref (vd_storage_pool_find_volume (def,
                                                                               "spare.qcow2"));
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  virStoragePoolPtr raw;
  virStorageVolPtr vol;

  vd_storage_volume_delete_async (spare, NULL, vd_test_async_result_cb, &result);
  g_assert_true (vd_storage_volume_get_busy (spare));
  VD_TEST_WAIT_RESULT (result);
  g_assert_true (vd_storage_volume_delete_finish (spare, result, &error));
  g_assert_no_error (error);
  g_assert_false (vd_storage_volume_get_busy (spare));
  g_assert_null (vd_storage_pool_find_volume (def, "spare.qcow2"));
  g_assert_null (vd_storage_volume_get_pool (spare));
  g_assert_cmpuint (g_list_model_get_n_items (vd_storage_pool_get_volumes (def)), ==, 2);

  raw = virStoragePoolLookupByName (vd_connection_get_handle (connection), "default");
  vol = virStorageVolLookupByName (raw, "spare.qcow2");
  g_assert_null (vol);
  virResetLastError ();
  virStoragePoolFree (raw);

  /* Deleting it again: it is gone from the list, so the call fails
   * without reaching libvirt. */
  g_clear_object (&result);
  vd_storage_volume_delete_async (spare, NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_RESULT (result);
  g_assert_false (vd_storage_volume_delete_finish (spare, result, &error));
  g_assert_error (error, VD_ERROR, VD_ERROR_NOT_CONNECTED);
  g_assert_false (vd_storage_volume_get_busy (spare));
}

/* One operation at a time on each object: a second one is refused, in
 * the object's words, while the first runs. */
static void
test_busy (Fixture       *fixture,
           gconstpointer  data)
{
  VdConnection *connection = fixture->connection;
  VdNetwork *routed = vd_connection_find_network (connection, "routed");
  VdStoragePool *def = vd_connection_find_pool (connection, "default");
  g_autoptr(VdStorageVolume) spare = g_object_ref (vd_storage_pool_find_volume (def,
                                                                               "spare.qcow2"));
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(GError) error = NULL;

  vd_network_set_autostart_async (routed, TRUE, NULL, vd_test_async_result_cb, &first);
  vd_network_stop_async (routed, NULL, vd_test_async_result_cb, &second);
  VD_TEST_WAIT_RESULT (second);
  g_assert_false (vd_network_stop_finish (routed, second, &error));
  g_assert_error (error, VD_ERROR, VD_ERROR_BUSY);
  g_assert_cmpstr (error->message, ==, "Failed to stop the network “routed”: "
                   "another operation on this network is still running");
  g_clear_error (&error);
  VD_TEST_WAIT_RESULT (first);
  g_assert_true (vd_network_set_autostart_finish (routed, first, &error));
  g_assert_no_error (error);
  g_assert_false (vd_network_get_busy (routed));
  g_assert_null (vd_network_get_last_error (routed));
  g_assert_true (vd_network_get_active (routed));
  g_clear_object (&first);
  g_clear_object (&second);

  vd_storage_pool_refresh_async (def, NULL, vd_test_async_result_cb, &first);
  vd_storage_pool_set_autostart_async (def, TRUE, NULL, vd_test_async_result_cb, &second);
  VD_TEST_WAIT_RESULT (second);
  g_assert_false (vd_storage_pool_set_autostart_finish (def, second, &error));
  g_assert_error (error, VD_ERROR, VD_ERROR_BUSY);
  g_assert_cmpstr (error->message, ==, "Failed to change autostart of the storage pool "
                   "“default”: another operation on this pool is still running");
  g_clear_error (&error);
  VD_TEST_WAIT_RESULT (first);
  g_assert_true (vd_storage_pool_refresh_finish (def, first, &error));
  g_assert_no_error (error);
  g_assert_false (vd_storage_pool_get_busy (def));
  g_assert_null (vd_storage_pool_get_last_error (def));
  g_clear_object (&first);
  g_clear_object (&second);

  vd_storage_volume_delete_async (spare, NULL, vd_test_async_result_cb, &first);
  vd_storage_volume_delete_async (spare, NULL, vd_test_async_result_cb, &second);
  VD_TEST_WAIT_RESULT (second);
  g_assert_false (vd_storage_volume_delete_finish (spare, second, &error));
  g_assert_error (error, VD_ERROR, VD_ERROR_BUSY);
  g_assert_cmpstr (error->message, ==,
                   "Failed to delete the volume “spare.qcow2”: it is already being deleted");
  g_clear_error (&error);
  VD_TEST_WAIT_RESULT (first);
  g_assert_true (vd_storage_volume_delete_finish (spare, first, &error));
  g_assert_no_error (error);
  g_assert_false (vd_storage_volume_get_busy (spare));
  g_assert_null (vd_storage_pool_find_volume (def, "spare.qcow2"));
}

static void
test_host_info (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VdHostInfo) info = NULL;

  vd_connection_get_host_info_async (fixture->connection, NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_RESULT (result);
  info = vd_connection_get_host_info_finish (fixture->connection, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (info);

  g_assert_cmpstr (info->hypervisor, ==, "TEST");
  g_assert_nonnull (info->hostname);
  g_assert_true (g_str_has_prefix (info->uri, "test://"));
  g_assert_nonnull (info->libvirt_version);
  g_assert_cmpstr (info->cpu_model, ==, "x86_64");
  g_assert_cmpuint (info->cpus, ==, 32);
  g_assert_cmpuint (info->mhz, ==, 2600);
  g_assert_cmpuint (info->sockets, ==, 2);
  g_assert_cmpuint (info->cores, ==, 4);
  g_assert_cmpuint (info->threads, ==, 2);
  g_assert_cmpuint (info->nodes, ==, 2);
  g_assert_cmpuint (info->memory, ==, G_GUINT64_CONSTANT (16) * 1024 * 1024 * 1024);
}

static void
test_host_info_default (void)
{
  /* test:///default describes two NUMA cells with their free memory. */
  g_autoptr(VdConnection) connection = vd_test_open ("test:///default");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(VdHostInfo) info = NULL;

  vd_connection_get_host_info_async (connection, NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_RESULT (result);
  info = vd_connection_get_host_info_finish (connection, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (info->cells->len, ==, 2);
  for (guint i = 0; i < info->cells->len; i++)
    {
      const VdHostNumaCell *cell = &g_array_index (info->cells, VdHostNumaCell, i);

      g_assert_cmpuint (cell->id, ==, i);
      g_assert_cmpuint (cell->memory, >, 0);
      g_assert_cmpuint (cell->free_memory, <=, cell->memory);
    }

  vd_connection_disconnect (connection);
}

static void
test_not_connected (void)
{
  g_autoptr(VdConnection) connection = vd_connection_new ("test:///default");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (g_list_model_get_n_items (vd_connection_get_networks (connection)), ==, 0);
  g_assert_false (vd_connection_get_host_loaded (connection));
  vd_connection_get_host_info_async (connection, NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_RESULT (result);
  g_assert_null (vd_connection_get_host_info_finish (connection, result, &error));
  g_assert_error (error, VD_ERROR, VD_ERROR_NOT_CONNECTED);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  gvir_init_object_check (NULL, NULL, NULL);

#define ADD(path, func) \
  g_test_add ("/vd/host/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("lists", test_lists);
  ADD ("network-properties", test_network_properties);
  ADD ("pool-properties", test_pool_properties);
  ADD ("network-ops", test_network_ops);
  ADD ("network-failure", test_network_failure);
  ADD ("network-dhcp-hosts", test_network_dhcp_hosts);
  ADD ("network-events", test_network_events);
  ADD ("pool-ops", test_pool_ops);
  ADD ("pool-failure", test_pool_failure);
  ADD ("volume-delete", test_volume_delete);
  ADD ("busy", test_busy);
  ADD ("host-info", test_host_info);
  g_test_add_func ("/vd/host/host-info-default", test_host_info_default);
  g_test_add_func ("/vd/host/not-connected", test_not_connected);

  return g_test_run ();
}
