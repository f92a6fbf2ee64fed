/* test-host-xml.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <libvirt-gobject/libvirt-gobject.h>

#include "vd-connection-host.h"
#include "vd-error.h"
#include "../vd-test-util.h"

/* Reading and redefining the XML of networks and pools on a test-driver
 * host (host.xml): the change read back from libvirt, and every refusal
 * (malformed text with its place, another name or UUID, libvirt's own)
 * leaving the definition as it was. */

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

typedef char *(*GetFinish) (gpointer, GAsyncResult *, GError **);
typedef gboolean (*DefineFinish) (gpointer, GAsyncResult *, GError **);

static char *
network_config (VdNetwork *network)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *xml;

  vd_network_get_config_xml_async (network, NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_RESULT (result);
  xml = vd_network_get_config_xml_finish (network, result, &error);
  g_assert_no_error (error);
  return xml;
}

static char *
pool_config (VdStoragePool *pool)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *xml;

  vd_storage_pool_get_config_xml_async (pool, NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_RESULT (result);
  xml = vd_storage_pool_get_config_xml_finish (pool, result, &error);
  g_assert_no_error (error);
  return xml;
}

static gboolean
define_network (VdNetwork   *network,
                const char  *xml,
                GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  vd_network_define_xml_async (network, xml, NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_RESULT (result);
  return vd_network_define_xml_finish (network, result, error);
}

static gboolean
define_pool (VdStoragePool  *pool,
             const char     *xml,
             GError        **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  vd_storage_pool_define_xml_async (pool, xml, NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_RESULT (result);
  return vd_storage_pool_define_xml_finish (pool, result, error);
}

static char *
replace (const char *text,
         const char *from,
         const char *to)
{
  g_auto(GStrv) parts = g_strsplit (text, from, 2);

  g_assert_nonnull (parts[1]);
  return g_strconcat (parts[0], to, parts[1], NULL);
}

/* The test driver has no inactive XML of its own: it shows the current
 * one, so the changes are made and read back on stopped objects. */
static void
stop_network (Fixture    *fixture,
              const char *name)
{
  virNetworkPtr net = virNetworkLookupByName (vd_connection_get_handle (fixture->connection), name);

  g_assert_cmpint (virNetworkDestroy (net), ==, 0);
  virNetworkFree (net);
}

static void
test_network (Fixture       *fixture,
              gconstpointer  data)
{
  VdNetwork *def = vd_connection_find_network (fixture->connection, "default");
  g_autofree char *before = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  stop_network (fixture, "default");
  before = network_config (def);
  changed = replace (before, "virbr0", "virbr7");
  g_assert_nonnull (strstr (before, "<name>default</name>"));
  g_assert_true (define_network (def, changed, &error));
  g_assert_no_error (error);
  after = network_config (def);
  g_assert_nonnull (strstr (after, "virbr7"));
  g_assert_null (strstr (after, "virbr0"));
  /* Still one network of that name, the same object. */
  g_assert_true (vd_connection_find_network (fixture->connection, "default") == def);
}

static void
test_network_refused (Fixture       *fixture,
                      gconstpointer  data)
{
  VdNetwork *def = vd_connection_find_network (fixture->connection, "default");
  g_autofree char *before = network_config (def);
  g_autofree char *malformed = replace (before, "</network>", "</netwrok>");
  g_autofree char *renamed = replace (before, "<name>default</name>", "<name>copy</name>");
  g_autofree char *other_uuid = replace (before, "5b1f4c44-0000-4000-8000-000000000001",
                                         "5b1f4c44-0000-4000-8000-0000000000ff");
  g_autofree char *bad_mode = replace (before, "<forward mode='nat'", "<forward mode='bogus'");
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (define_network (def, malformed, &error));
  g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT);
  g_assert_true (g_str_has_prefix (error->message, "Line "));
  g_assert_nonnull (strstr (error->message, ", column "));
  g_clear_error (&error);

  g_assert_false (define_network (def, renamed, &error));
  g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "names the network “copy”, not “default”"));
  g_clear_error (&error);
  g_assert_null (vd_connection_find_network (fixture->connection, "copy"));

  g_assert_false (define_network (def, other_uuid, &error));
  g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "a UUID cannot be changed"));
  g_clear_error (&error);

  g_assert_false (define_network (def, bad_mode, &error));
  g_assert_true (g_str_has_prefix (error->message, "Failed to change the network “default”: "));
  g_test_message ("%s", error->message);

  after = network_config (def);
  g_assert_cmpstr (after, ==, before);
}

static void
test_pool (Fixture       *fixture,
           gconstpointer  data)
{
  VdStoragePool *def = vd_connection_find_pool (fixture->connection, "default");
  g_autofree char *before = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *malformed = NULL;
  g_autofree char *renamed = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  virStoragePoolPtr raw = virStoragePoolLookupByName (vd_connection_get_handle (fixture->connection),
                                                      "default");

  g_assert_cmpint (virStoragePoolDestroy (raw), ==, 0);
  virStoragePoolFree (raw);
  before = pool_config (def);
  changed = replace (before, "<path>/var/lib/libvirt/images</path>", "<path>/srv/images</path>");
  malformed = replace (before, "<target>", "<target");
  renamed = replace (before, "<name>default</name>", "<name>other</name>");

  g_assert_false (define_pool (def, malformed, &error));
  g_assert_true (g_str_has_prefix (error->message, "Line "));
  g_clear_error (&error);
  g_assert_false (define_pool (def, renamed, &error));
  g_assert_nonnull (strstr (error->message, "names the pool “other”, not “default”"));
  g_clear_error (&error);
  g_assert_false (define_pool (def, "<network><name>default</name></network>", &error));
  g_assert_nonnull (strstr (error->message, "names the pool “”"));
  g_clear_error (&error);
  {
    g_autofree char *same = pool_config (def);
    g_assert_cmpstr (same, ==, before);
  }

  g_assert_true (define_pool (def, changed, &error));
  g_assert_no_error (error);
  after = pool_config (def);
  g_assert_nonnull (strstr (after, "<path>/srv/images</path>"));
  g_assert_true (vd_connection_find_pool (fixture->connection, "default") == def);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gvir_init_object_check (NULL, NULL, NULL);

#define ADD(path, func) \
  g_test_add ("/vd/host-xml/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("network", test_network);
  ADD ("network-refused", test_network_refused);
  ADD ("pool", test_pool);

  return g_test_run ();
}
