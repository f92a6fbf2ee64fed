/* test-clone.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <libvirt-gobject/libvirt-gobject.h>

#include "../vd-test-util.h"
#include "vd-connection-host.h"
#include "vd-domain-clone.h"
#include "vd-e2e-util.h"

/*
 * End-to-end: cloning a UEFI guest on a real libvirtd + QEMU
 * (tests/e2e/vd-e2e-daemon). Its qcow2 disk is a volume of a transient
 * dir pool vd-e2e-<pid>; it has a fixed VNC port and a NIC with a MAC. The
 * clone's disk is a real qcow2 copy next to the original, libvirt gives
 * it its own NVRAM file (from the kept template) and a new MAC, its VNC
 * port is automatic, and both guests then run at the same time.
 */

#define WAIT_SECONDS 60
#define OVMF_CODE "/usr/share/OVMF/OVMF_CODE_4M.fd"
#define OVMF_VARS "/usr/share/OVMF/OVMF_VARS_4M.fd"

typedef struct
{
  VdConnection *connection;
  char         *pool_name;
  char         *dir;
  char         *guest;
  char         *clone;
} Fixture;

static char *
domain_xml (Fixture    *fixture,
            const char *name)
{
  virDomainPtr dom = virDomainLookupByName (vd_connection_get_handle (fixture->connection), name);
  char *text;
  char *ret;

  g_assert_nonnull (dom);
  text = virDomainGetXMLDesc (dom, VIR_DOMAIN_XML_INACTIVE);
  virDomainFree (dom);
  ret = g_strdup (text);
  free (text);
  return ret;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  const char *uri = vd_e2e_require_env ("VD_E2E_SYSTEM_URI");
  const char *image_dir = vd_e2e_require_env ("VD_E2E_IMAGE_DIR");
  virConnectPtr conn;
  g_autofree char *xml = NULL;
  virStoragePoolPtr pool;
  virStorageVolPtr vol;
  virDomainPtr dom;
  char *path;

  fixture->pool_name = g_strdup_printf ("vd-e2e-%d", (int)getpid ());
  fixture->dir = g_build_filename (image_dir, fixture->pool_name, NULL);
  fixture->guest = g_strdup_printf ("vd-e2e-clone-%d", (int)getpid ());
  fixture->clone = g_strdup_printf ("%s-clone", fixture->guest);
  g_assert_cmpint (g_mkdir_with_parents (fixture->dir, 0755), ==, 0);

  fixture->connection = vd_test_open (uri);
  conn = vd_connection_get_handle (fixture->connection);
  VD_TEST_WAIT_UNTIL (vd_connection_get_host_loaded (fixture->connection), WAIT_SECONDS);

  xml = g_strdup_printf ("<pool type='dir'><name>%s</name><target><path>%s</path></target></pool>",
                         fixture->pool_name, fixture->dir);
  pool = virStoragePoolCreateXML (conn, xml, 0);
  if (pool == NULL)
    g_error ("virStoragePoolCreateXML failed: %s", virGetLastErrorMessage ());
  vol = virStorageVolCreateXML (pool, "<volume><name>disk.qcow2</name>"
                                "<capacity unit='MiB'>16</capacity>"
                                "<target><format type='qcow2'/></target></volume>", 0);
  if (vol == NULL)
    g_error ("virStorageVolCreateXML failed: %s", virGetLastErrorMessage ());
  path = virStorageVolGetPath (vol);
  virStorageVolFree (vol);
  virStoragePoolFree (pool);

  g_free (xml);
  xml = g_strdup_printf (
    "<domain type='qemu'>"
    "  <name>%s</name>"
    "  <memory unit='MiB'>128</memory>"
    "  <vcpu>1</vcpu>"
    "  <os>"
    "    <type arch='x86_64' machine='q35'>hvm</type>"
    "    <loader readonly='yes' type='pflash'>" OVMF_CODE "</loader>"
    "    <nvram template='" OVMF_VARS "'/>"
    "  </os>"
    "  <features><acpi/></features>"
    "  <devices>"
    "    <disk type='file' device='disk'><driver name='qemu' type='qcow2'/>"
    "      <source file='%s'/><target dev='vda' bus='virtio'/></disk>"
    "    <interface type='user'><mac address='52:54:00:e2:e0:01'/><model type='virtio'/></interface>"
    "    <graphics type='vnc' port='5977' autoport='no' listen='127.0.0.1'/>"
    "  </devices>"
    "</domain>", fixture->guest, path);
  free (path);
  dom = virDomainDefineXML (conn, xml);
  if (dom == NULL)
    g_error ("virDomainDefineXML failed: %s", virGetLastErrorMessage ());
  virDomainFree (dom);
  VD_TEST_WAIT_UNTIL (vd_connection_find_domain_by_name (fixture->connection, fixture->guest) != NULL &&
                      vd_connection_find_pool (fixture->connection, fixture->pool_name) != NULL,
                      WAIT_SECONDS);
}

static void
undefine (Fixture    *fixture,
          const char *name)
{
  virDomainPtr dom = virDomainLookupByName (vd_connection_get_handle (fixture->connection), name);

  if (dom != NULL)
    {
      virDomainDestroy (dom);
      virDomainUndefineFlags (dom, VIR_DOMAIN_UNDEFINE_NVRAM);
      virDomainFree (dom);
    }
  virResetLastError ();
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  virStoragePoolPtr pool;
  const char *name;

  undefine (fixture, fixture->clone);
  undefine (fixture, fixture->guest);
  pool = virStoragePoolLookupByName (vd_connection_get_handle (fixture->connection),
                                     fixture->pool_name);
  if (pool != NULL)
    {
      virStoragePoolDestroy (pool);
      virStoragePoolFree (pool);
    }
  virResetLastError ();
  vd_connection_disconnect (fixture->connection);
  g_clear_object (&fixture->connection);

  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->pool_name);
  g_free (fixture->guest);
  g_free (fixture->clone);
}

/* The first group of @pattern's first match in @xml, or NULL. */
static char *
xml_value (const char *xml,
           const char *pattern)
{
  g_autoptr(GRegex) regex = g_regex_new (pattern, 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  if (!g_regex_match (regex, xml, 0, &match))
    return NULL;
  return g_match_info_fetch (match, 1);
}

static void
start (Fixture    *fixture,
       const char *name)
{
  virDomainPtr dom = virDomainLookupByName (vd_connection_get_handle (fixture->connection), name);

  g_assert_nonnull (dom);
  if (virDomainCreate (dom) < 0)
    g_error ("could not start %s: %s", name, virGetLastErrorMessage ());
  virDomainFree (dom);
}

static void
test_clone_uefi (Fixture       *fixture,
                 gconstpointer  data)
{
  VdDomain *domain = vd_connection_find_domain_by_name (fixture->connection, fixture->guest);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(VdCloneSpec) spec = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *before = domain_xml (fixture, fixture->guest);
  g_autofree char *after = NULL;
  g_autofree char *copy = g_build_filename (fixture->dir, "disk-clone.qcow2", NULL);
  g_autofree char *magic = NULL;
  g_autofree char *nvram = NULL, *clone_nvram = NULL, *mac = NULL, *clone_mac = NULL;
  g_autofree char *template = NULL;
  gsize length = 0;

  vd_domain_clone_prepare_async (domain, NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_UNTIL (result != NULL, WAIT_SECONDS);
  spec = vd_domain_clone_prepare_finish (domain, result, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (spec->name, ==, fixture->clone);
  g_assert_cmpint (vd_clone_spec_get_disk (spec, 0)->action, ==, VD_CLONE_DISK_CLONE);
  g_assert_cmpstr (vd_clone_spec_get_disk (spec, 0)->pool, ==, fixture->pool_name);
  g_assert_cmpstr (vd_clone_spec_get_disk (spec, 0)->new_volume, ==, "disk-clone.qcow2");

  g_clear_object (&result);
  vd_domain_clone_async (domain, spec, NULL, NULL, NULL, NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_UNTIL (result != NULL, WAIT_SECONDS);
  uuid = vd_domain_clone_finish (domain, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (uuid);

  /* A real qcow2 copy next to the original */
  g_assert_true (g_file_get_contents (copy, &magic, &length, NULL));
  g_assert_cmpuint (length, >=, 4);
  g_assert_cmpmem (magic, 4, "QFI\xfb", 4);

  after = domain_xml (fixture, fixture->clone);
  g_assert_nonnull (strstr (after, copy));
  /* Its own NVRAM file, from the same template; its own MAC; any port */
  nvram = xml_value (before, "<nvram[^>]*>([^<]+)</nvram>");
  clone_nvram = xml_value (after, "<nvram[^>]*>([^<]+)</nvram>");
  g_assert_nonnull (nvram);
  g_assert_nonnull (clone_nvram);
  g_assert_cmpstr (nvram, !=, clone_nvram);
  g_assert_nonnull (strstr (clone_nvram, fixture->clone));
  template = xml_value (after, "<nvram template='([^']+)'");
  g_assert_cmpstr (template, ==, OVMF_VARS);
  mac = xml_value (before, "<mac address='([^']+)'");
  clone_mac = xml_value (after, "<mac address='([^']+)'");
  g_assert_cmpstr (mac, ==, "52:54:00:e2:e0:01");
  g_assert_nonnull (clone_mac);
  g_assert_cmpstr (clone_mac, !=, mac);
  g_assert_nonnull (strstr (after, "autoport='yes'"));
  g_assert_null (strstr (after, "port='5977'"));

  /* Both run at once */
  start (fixture, fixture->guest);
  start (fixture, fixture->clone);
  VD_TEST_WAIT_UNTIL (vd_connection_find_domain_by_name (fixture->connection, fixture->clone) != NULL &&
                      vd_domain_get_active (vd_connection_find_domain_by_name (fixture->connection,
                                                                               fixture->clone)) &&
                      vd_domain_get_active (domain), WAIT_SECONDS);
  g_assert_true (g_file_test (clone_nvram, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gvir_init_object_check (NULL, NULL, NULL);

  g_test_add ("/vd/e2e/clone/uefi", Fixture, NULL, fixture_setup, test_clone_uefi,
              fixture_teardown);

  return g_test_run ();
}
