/* test-domain-clone.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <string.h>

#include "vd-connection-host.h"
#include "vd-domain-clone.h"
#include "vd-error.h"
#include "vd-storage-pool.h"
#include "vd-storage-volume.h"
#include "../vd-test-util.h"

/* Cloning guests on a test-driver host (tests/data/clone.xml): the
 * default spec, the checks, the new XML, and real clones whose volumes
 * and guest libvirt then holds, with the undo after a failure or a
 * Cancel. */

typedef struct
{
  VdConnection *connection;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *uri = vd_test_fixture_uri ("clone.xml");

  fixture->connection = vd_test_open (uri);
  VD_TEST_WAIT_UNTIL (vd_connection_get_host_loaded (fixture->connection), 30);
  VD_TEST_WAIT_UNTIL (vd_connection_find_domain_by_name (fixture->connection, "frozen") != NULL,
                      30);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  vd_connection_disconnect (fixture->connection);
  g_clear_object (&fixture->connection);
}

static VdDomain *
find_domain (Fixture    *fixture,
             const char *name)
{
  VdDomain *domain = vd_connection_find_domain_by_name (fixture->connection, name);

  g_assert_nonnull (domain);
  return domain;
}

static VdCloneSpec *
prepare (Fixture    *fixture,
         const char *name)
{
  VdDomain *domain = find_domain (fixture, name);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  VdCloneSpec *spec;

  vd_domain_clone_prepare_async (domain, NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_RESULT (result);
  spec = vd_domain_clone_prepare_finish (domain, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (spec);
  return spec;
}

typedef struct
{
  GPtrArray    *steps;         /* "STEP/N DESCRIPTION" */
  GCancellable *cancel_at_first;
} Progress;

static void
progress_cb (guint       step,
             guint       n_steps,
             const char *description,
             gpointer    user_data)
{
  Progress *progress = user_data;

  g_ptr_array_add (progress->steps, g_strdup_printf ("%u/%u %s", step, n_steps, description));
  if (progress->cancel_at_first != NULL)
    g_cancellable_cancel (progress->cancel_at_first);
}

/* Runs a clone to its end: the new guest's UUID, or NULL with @error. */
static char *
run_clone (Fixture            *fixture,
           const char         *name,
           const VdCloneSpec  *spec,
           GCancellable       *cancellable,
           Progress           *progress,
           GError            **error)
{
  VdDomain *domain = find_domain (fixture, name);
  g_autoptr(GAsyncResult) result = NULL;

  vd_domain_clone_async (domain, spec, progress ? progress_cb : NULL, progress, NULL,
                         cancellable, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_RESULT (result);
  return vd_domain_clone_finish (domain, result, error);
}

static gboolean
volume_exists (Fixture    *fixture,
               const char *pool_name,
               const char *name)
{
  virStoragePoolPtr pool = virStoragePoolLookupByName (vd_connection_get_handle (fixture->connection),
                                                       pool_name);
  virStorageVolPtr vol;

  g_assert_nonnull (pool);
  vol = virStorageVolLookupByName (pool, name);
  virStoragePoolFree (pool);
  if (vol == NULL)
    {
      virResetLastError ();
      return FALSE;
    }
  virStorageVolFree (vol);
  return TRUE;
}

static guint
count_volumes (Fixture    *fixture,
               const char *pool_name)
{
  virStoragePoolPtr pool = virStoragePoolLookupByName (vd_connection_get_handle (fixture->connection),
                                                       pool_name);
  int n = virStoragePoolNumOfVolumes (pool);

  virStoragePoolFree (pool);
  g_assert_cmpint (n, >=, 0);
  return (guint)n;
}

/* libvirt's inactive XML of a guest, or NULL when there is none. */
static char *
domain_xml (Fixture    *fixture,
            const char *name)
{
  virDomainPtr domain = virDomainLookupByName (vd_connection_get_handle (fixture->connection), name);
  char *text;
  char *ret;

  if (domain == NULL)
    {
      virResetLastError ();
      return NULL;
    }
  text = virDomainGetXMLDesc (domain, VIR_DOMAIN_XML_INACTIVE);
  virDomainFree (domain);
  ret = g_strdup (text);
  free (text);
  return ret;
}

static void
test_defaults (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(VdCloneSpec) spec = prepare (fixture, "app");
  const char *targets[] = { "vda", "vdb", "vdc", "vdd", "sda" };
  const VdCloneDiskAction actions[] = {
    VD_CLONE_DISK_CLONE, VD_CLONE_DISK_CLONE, VD_CLONE_DISK_SHARE, VD_CLONE_DISK_SKIP,
    VD_CLONE_DISK_SHARE,
  };
  VdCloneDisk *disk;

  /* "app-clone" is a guest already */
  g_assert_cmpstr (spec->name, ==, "app-clone1");
  g_assert_cmpstr (spec->original_name, ==, "app");
  g_assert_cmpuint (spec->n_interfaces, ==, 1);
  g_assert_cmpuint (spec->disks->len, ==, G_N_ELEMENTS (targets));
  for (guint i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      disk = vd_clone_spec_get_disk (spec, i);
      g_assert_cmpstr (disk->target, ==, targets[i]);
      g_assert_cmpint (disk->action, ==, actions[i]);
    }

  /* By path, in the pool "default"; "app-clone.qcow2" is taken */
  disk = vd_clone_spec_get_disk (spec, 0);
  g_assert_cmpstr (disk->pool, ==, "default");
  g_assert_cmpstr (disk->volume, ==, "app.qcow2");
  g_assert_cmpstr (disk->format, ==, "qcow2");
  g_assert_cmpstr (disk->new_volume, ==, "app-clone1.qcow2");
  g_assert_null (disk->no_clone_reason);
  /* By pool and volume name */
  disk = vd_clone_spec_get_disk (spec, 1);
  g_assert_cmpstr (disk->source, ==, "default/app-data.raw");
  g_assert_cmpstr (disk->new_volume, ==, "app-data-clone.raw");
  /* Read-only: shared, but could be cloned */
  disk = vd_clone_spec_get_disk (spec, 2);
  g_assert_true (disk->read_only);
  g_assert_null (disk->no_clone_reason);
  g_assert_true (vd_clone_spec_set_disk_action (spec, 2, VD_CLONE_DISK_CLONE));
  g_assert_cmpstr (disk->new_volume, ==, "reference-clone.raw");
  /* Outside every pool: shared or skipped only, and why */
  disk = vd_clone_spec_get_disk (spec, 3);
  g_assert_null (disk->pool);
  g_assert_nonnull (disk->no_clone_reason);
  g_assert_false (vd_clone_spec_set_disk_action (spec, 3, VD_CLONE_DISK_CLONE));
  g_assert_cmpint (disk->action, ==, VD_CLONE_DISK_SKIP);
  g_assert_true (vd_clone_spec_set_disk_action (spec, 3, VD_CLONE_DISK_SHARE));
  /* The CD-ROM */
  disk = vd_clone_spec_get_disk (spec, 4);
  g_assert_cmpstr (disk->device, ==, "cdrom");

  g_assert_true (vd_clone_spec_validate (spec, vd_connection_get_domains (fixture->connection),
                                         NULL));
}

static void
test_name (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(VdCloneSpec) spec = prepare (fixture, "app");
  GListModel *domains = vd_connection_get_domains (fixture->connection);
  const char *bad[] = { "", "a/b", "app", "app-clone", "busy", "1234", " lead", "line\nbreak" };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *with_model = NULL;
      g_autofree char *with_snapshot = NULL;

      g_free (spec->name);
      spec->name = g_strdup (bad[i]);
      with_model = vd_clone_spec_check_name (spec, domains);
      with_snapshot = vd_clone_spec_check_name (spec, NULL);
      g_assert_nonnull (with_model);
      g_assert_nonnull (with_snapshot);
    }

  g_free (spec->name);
  spec->name = g_strdup ("app");
  {
    g_autofree char *message = vd_clone_spec_check_name (spec, domains);
    g_assert_cmpstr (message, ==, "A guest named “app” exists already.");
  }
  g_assert_false (vd_clone_spec_validate (spec, domains, &error));
  g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT);

  g_free (spec->name);
  spec->name = g_strdup ("app copy");
  g_assert_null (vd_clone_spec_check_name (spec, domains));
}

static void
test_disk_checks (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(VdCloneSpec) spec = prepare (fixture, "app");
  g_autoptr(VdCloneSpec) frozen = prepare (fixture, "frozen");
  VdCloneDisk *vda = vd_clone_spec_get_disk (spec, 0);
  VdCloneDisk *vdb = vd_clone_spec_get_disk (spec, 1);
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;
  struct { const char *name; const char *message; } cases[] = {
    { "", "Enter a name for the new volume." },
    { "a/b", "A volume name cannot contain “/”." },
    { ".hidden", "A volume name cannot start with “.”." },
    { "app.qcow2", "The pool “default” already has a volume called “app.qcow2”." },
    { "app-clone.qcow2", "The pool “default” already has a volume called “app-clone.qcow2”." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *problem = NULL;

      g_free (vda->new_volume);
      vda->new_volume = g_strdup (cases[i].name);
      problem = vd_clone_spec_check_disk (spec, 0);
      g_assert_cmpstr (problem, ==, cases[i].message);
    }

  /* Two copies to one name in one pool: both are told */
  g_free (vda->new_volume);
  vda->new_volume = g_strdup ("same.img");
  g_free (vdb->new_volume);
  vdb->new_volume = g_strdup ("same.img");
  g_assert_nonnull ((message = vd_clone_spec_check_disk (spec, 0)));
  g_clear_pointer (&message, g_free);
  g_assert_nonnull ((message = vd_clone_spec_check_disk (spec, 1)));
  g_clear_pointer (&message, g_free);
  g_assert_false (vd_clone_spec_validate (spec, NULL, &error));
  g_assert_nonnull (strstr (error->message, "Disk vda: "));
  g_clear_error (&error);
  /* Sharing the second one instead settles it */
  g_assert_true (vd_clone_spec_set_disk_action (spec, 1, VD_CLONE_DISK_SHARE));
  g_assert_null (vd_clone_spec_check_disk (spec, 0));
  g_assert_null (vd_clone_spec_check_disk (spec, 1));

  /* "small" has 40 GiB free; frozen.qcow2 takes 60 GiB */
  g_assert_cmpstr (frozen->name, ==, "frozen-clone");
  g_assert_cmpint (vd_clone_spec_get_disk (frozen, 0)->action, ==, VD_CLONE_DISK_CLONE);
  message = vd_clone_spec_check_disk (frozen, 0);
  g_assert_cmpstr (message, ==, "The pool “small” has 40.0\u00a0GiB free; the copies need 60.0\u00a0GiB.");
  g_assert_true (vd_clone_spec_set_disk_action (frozen, 0, VD_CLONE_DISK_SHARE));
  g_assert_true (vd_clone_spec_validate (frozen, NULL, NULL));
}

/* The original's document as libxml2 writes it, for comparing with the
 * new XML text for text. */
static char *
reserialise (const char *xml)
{
  xmlDoc *doc = xmlReadMemory (xml, (int)strlen (xml), "x.xml", NULL, XML_PARSE_NONET);
  xmlBuffer *buffer = xmlBufferCreate ();
  char *ret;

  xmlNodeDump (buffer, doc, xmlDocGetRootElement (doc), 0, 0);
  ret = g_strconcat ((const char *)xmlBufferContent (buffer), "\n", NULL);
  xmlBufferFree (buffer);
  xmlFreeDoc (doc);
  return ret;
}

static char *
replace (const char *text,
         const char *pattern,
         const char *replacement)
{
  g_autoptr(GRegex) regex = g_regex_new (pattern, G_REGEX_MULTILINE, 0, NULL);
  char *ret;

  g_assert_nonnull (regex);
  g_assert_true (g_regex_match_simple (pattern, text, G_REGEX_MULTILINE, 0));
  ret = g_regex_replace (regex, text, -1, 0, replacement, 0, NULL);
  g_assert_nonnull (ret);
  return ret;
}

static void
test_xml (Fixture       *fixture,
          gconstpointer  data)
{
  g_autoptr(VdCloneSpec) spec = prepare (fixture, "app");
  g_autofree char *xml = NULL;
  g_autofree char *expected = NULL;
  VdCloneDisk *vda = vd_clone_spec_get_disk (spec, 0);

  vda->new_path = g_strdup ("/var/lib/libvirt/images/app-clone1.qcow2");
  xml = vd_clone_spec_to_xml (spec);

  /* The original, changed where a clone must differ and nowhere else */
  expected = reserialise (spec->original_xml);
#define EDIT(pattern, replacement) \
  G_STMT_START { char *next = replace (expected, pattern, replacement); \
                 g_free (expected); expected = next; } G_STMT_END
  EDIT ("<name>app</name>", "<name>app-clone1</name>");
  EDIT ("\\n *<uuid>[^<]*</uuid>", "");
  EDIT ("\\n *<mac address=\"[^\"]*\"/>", "");
  EDIT ("/var/lib/libvirt/images/app.qcow2", "/var/lib/libvirt/images/app-clone1.qcow2");
  EDIT ("volume=\"app-data.raw\"", "volume=\"app-data-clone.raw\"");
  EDIT ("\\n *<disk type=\"file\" device=\"disk\">\\n *<source file=\"/srv/elsewhere/scratch.img\"/>"
        "\\n *<target dev=\"vdd\" bus=\"virtio\"/>\\n *</disk>", "");
  EDIT ("port=\"5901\" autoport=\"no\"", "autoport=\"yes\"");
#undef EDIT
  g_assert_cmpstr (xml, ==, expected);
  /* What must survive is still there, of course */
  g_assert_nonnull (strstr (xml, "<other:setting name=\"keep\">me</other:setting>"));
  g_assert_nonnull (strstr (xml, "/var/lib/libvirt/images/reference.raw"));
  g_assert_nonnull (strstr (xml, "/var/lib/libvirt/images/install.iso"));
}

/* Elements libvirt does not know, NVRAM, a backing chain and a SPICE
 * guest's ports, straight from a text (no pools: no disk can be cloned). */
static void
test_xml_unknown (void)
{
  const char *xml =
    "<domain type=\"kvm\" xmlns:x=\"urn:x\">\n"
    "  <name>uefi</name>\n"
    "  <uuid>6d1c0a00-0000-4000-8000-0000000000ff</uuid>\n"
    "  <x:future level=\"2\"><x:inner/></x:future>\n"
    "  <unknown-element keep=\"yes\">text &amp; more</unknown-element>\n"
    "  <os>\n"
    "    <type arch=\"x86_64\" machine=\"q35\">hvm</type>\n"
    "    <loader readonly=\"yes\" type=\"pflash\">/usr/share/OVMF/OVMF_CODE.fd</loader>\n"
    "    <nvram template=\"/usr/share/OVMF/OVMF_VARS.fd\">/var/lib/libvirt/qemu/nvram/uefi_VARS.fd</nvram>\n"
    "  </os>\n"
    "  <devices>\n"
    "    <disk type=\"file\" device=\"disk\">\n"
    "      <source file=\"/somewhere/uefi.qcow2\"/>\n"
    "      <backingStore/>\n"
    "      <target dev=\"vda\"/>\n"
    "    </disk>\n"
    "    <interface type=\"bridge\"><mac address=\"52:54:00:00:00:99\"/><source bridge=\"br0\"/></interface>\n"
    "    <graphics type=\"spice\" port=\"5930\" tlsPort=\"5931\" autoport=\"no\"/>\n"
    "    <graphics type=\"vnc\" autoport=\"yes\"/>\n"
    "    <mystery-device/>\n"
    "  </devices>\n"
    "</domain>\n";
  const char *names[] = { "uefi", "uefi-clone", NULL };
  g_autoptr(VdCloneSpec) spec = vd_clone_spec_new_from_xml (xml, names, NULL, NULL);
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (spec);
  g_assert_cmpstr (spec->name, ==, "uefi-clone1");
  g_assert_cmpint (vd_clone_spec_get_disk (spec, 0)->action, ==, VD_CLONE_DISK_SKIP);
  g_assert_true (vd_clone_spec_set_disk_action (spec, 0, VD_CLONE_DISK_SHARE));
  out = vd_clone_spec_to_xml (spec);

  g_assert_nonnull (strstr (out, "<x:future level=\"2\"><x:inner/></x:future>"));
  g_assert_nonnull (strstr (out, "<unknown-element keep=\"yes\">text &amp; more</unknown-element>"));
  g_assert_nonnull (strstr (out, "<mystery-device/>"));
  g_assert_nonnull (strstr (out, "xmlns:x=\"urn:x\""));
  g_assert_nonnull (strstr (out, "<nvram template=\"/usr/share/OVMF/OVMF_VARS.fd\"/>"));
  g_assert_null (strstr (out, "uefi_VARS.fd"));
  g_assert_nonnull (strstr (out, "<loader readonly=\"yes\" type=\"pflash\">/usr/share/OVMF/OVMF_CODE.fd</loader>"));
  /* Shared: the disk and its chain as they were */
  g_assert_nonnull (strstr (out, "<source file=\"/somewhere/uefi.qcow2\"/>\n      <backingStore/>"));
  g_assert_nonnull (strstr (out, "<interface type=\"bridge\"><source bridge=\"br0\"/></interface>"));
  g_assert_nonnull (strstr (out, "<graphics type=\"spice\" autoport=\"yes\"/>"));
  g_assert_nonnull (strstr (out, "<graphics type=\"vnc\" autoport=\"yes\"/>"));
  g_assert_null (strstr (out, "<uuid>"));
  g_assert_nonnull (strstr (out, "<name>uefi-clone1</name>"));

  g_assert_null (vd_clone_spec_new_from_xml ("<network/>", NULL, NULL, &error));
  g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT);
}

static char *
mac_of (const char *xml)
{
  const char *at = strstr (xml, "<mac address='");

  g_assert_nonnull (at);
  return g_strndup (at + strlen ("<mac address='"), 17);
}

static void
test_clone (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(VdCloneSpec) spec = prepare (fixture, "app");
  g_autofree char *before = domain_xml (fixture, "app");
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func (g_free);
  Progress progress = { steps, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *after = NULL;
  g_autofree char *mac = NULL;
  g_autofree char *original_mac = NULL;
  VdStoragePool *pool;
  VdDomain *original = find_domain (fixture, "app");
  guint volumes = count_volumes (fixture, "default");

  uuid = run_clone (fixture, "app", spec, NULL, &progress, &error);
  g_assert_no_error (error);
  g_assert_nonnull (uuid);
  g_assert_false (vd_domain_get_busy (original));

  g_assert_cmpuint (steps->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (steps, 0), ==, "0/3 Copying “app.qcow2” to “app-clone1.qcow2”…");
  g_assert_cmpstr (g_ptr_array_index (steps, 1), ==, "1/3 Copying “app-data.raw” to “app-data-clone.raw”…");
  g_assert_cmpstr (g_ptr_array_index (steps, 2), ==, "2/3 Defining “app-clone1”…");

  /* The copies exist, the originals too; the pool's model lists them */
  g_assert_cmpuint (count_volumes (fixture, "default"), ==, volumes + 2);
  g_assert_true (volume_exists (fixture, "default", "app-clone1.qcow2"));
  g_assert_true (volume_exists (fixture, "default", "app-data-clone.raw"));
  g_assert_true (volume_exists (fixture, "default", "app.qcow2"));
  g_assert_true (volume_exists (fixture, "default", "app-data.raw"));
  pool = vd_connection_find_pool (fixture->connection, "default");
  g_assert_nonnull (vd_storage_pool_find_volume (pool, "app-clone1.qcow2"));
  g_assert_nonnull (vd_storage_pool_find_volume (pool, "app-data-clone.raw"));
  /* ... with their users */
  g_assert_true (g_strv_contains (vd_storage_volume_get_used_by (vd_storage_pool_find_volume (pool, "app-clone1.qcow2")),
                                  "app-clone1"));
  g_assert_true (g_strv_contains (vd_storage_volume_get_used_by (vd_storage_pool_find_volume (pool, "app.qcow2")),
                                  "app"));

  /* The new guest, as libvirt defined it */
  xml = domain_xml (fixture, "app-clone1");
  g_assert_nonnull (xml);
  g_assert_nonnull (strstr (xml, uuid));
  g_assert_null (strstr (xml, "6d1c0a00-0000-4000-8000-000000000001"));
  g_assert_nonnull (strstr (xml, "<source file='/var/lib/libvirt/images/app-clone1.qcow2'/>"));
  g_assert_nonnull (strstr (xml, "<source pool='default' volume='app-data-clone.raw'/>"));
  g_assert_nonnull (strstr (xml, "<source file='/var/lib/libvirt/images/reference.raw'/>"));
  g_assert_nonnull (strstr (xml, "<source file='/var/lib/libvirt/images/install.iso'/>"));
  g_assert_null (strstr (xml, "scratch.img"));
  g_assert_nonnull (strstr (xml, "<other:setting name=\"keep\">me</other:setting>"));
  g_assert_nonnull (strstr (xml, "<title>Application server</title>"));
  g_assert_null (strstr (xml, "port='5901'"));
  mac = mac_of (xml);
  original_mac = mac_of (before);
  g_assert_cmpstr (original_mac, ==, "52:54:00:6d:00:01");
  g_assert_cmpstr (mac, !=, original_mac);

  /* The original is as it was */
  after = domain_xml (fixture, "app");
  g_assert_cmpstr (after, ==, before);

  /* The manager hears of it through the connection's events */
  VD_TEST_WAIT_UNTIL (vd_connection_find_domain_by_name (fixture->connection, "app-clone1") != NULL,
                      30);
}

static void
test_share_skip (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(VdCloneSpec) spec = prepare (fixture, "app");
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *xml = NULL;
  guint volumes = count_volumes (fixture, "default");

  g_free (spec->name);
  spec->name = g_strdup ("app-shared");
  g_assert_true (vd_clone_spec_set_disk_action (spec, 0, VD_CLONE_DISK_SHARE));
  g_assert_true (vd_clone_spec_set_disk_action (spec, 1, VD_CLONE_DISK_SKIP));
  g_assert_true (vd_clone_spec_set_disk_action (spec, 2, VD_CLONE_DISK_SKIP));
  g_assert_true (vd_clone_spec_set_disk_action (spec, 3, VD_CLONE_DISK_SHARE));
  uuid = run_clone (fixture, "app", spec, NULL, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (count_volumes (fixture, "default"), ==, volumes);
  xml = domain_xml (fixture, "app-shared");
  g_assert_nonnull (strstr (xml, "<source file='/var/lib/libvirt/images/app.qcow2'/>"));
  g_assert_nonnull (strstr (xml, "<source file='/srv/elsewhere/scratch.img'/>"));
  g_assert_null (strstr (xml, "app-data.raw"));
  g_assert_null (strstr (xml, "reference.raw"));
}

static void
test_running (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(VdCloneSpec) busy = prepare (fixture, "busy");
  g_autoptr(VdCloneSpec) frozen = prepare (fixture, "frozen");
  g_autofree char *refusal = vd_domain_check_clone (find_domain (fixture, "busy"));
  g_autofree char *uuid = NULL;
  g_autoptr(GError) error = NULL;
  guint volumes = count_volumes (fixture, "default");
  g_autofree char *xml = NULL;

  g_assert_cmpstr (refusal, ==, "“busy” is running. Pause it or shut it down to clone it.");
  uuid = run_clone (fixture, "busy", busy, NULL, NULL, &error);
  g_assert_null (uuid);
  g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_STATE);
  g_assert_cmpuint (count_volumes (fixture, "default"), ==, volumes);
  g_assert_null (domain_xml (fixture, "busy-clone"));
  g_clear_error (&error);

  /* Paused is fine (its disk shared: "small" has no room for a copy) */
  g_assert_null (vd_domain_check_clone (find_domain (fixture, "frozen")));
  g_assert_true (vd_clone_spec_set_disk_action (frozen, 0, VD_CLONE_DISK_SHARE));
  uuid = run_clone (fixture, "frozen", frozen, NULL, NULL, &error);
  g_assert_no_error (error);
  xml = domain_xml (fixture, "frozen-clone");
  g_assert_nonnull (strstr (xml, "/srv/small/frozen.qcow2"));
}

/* The second copy's name is taken after the spec was checked: the first
 * copy is deleted again, the volume in the way is not. */
static void
test_failure_undo (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(VdCloneSpec) spec = prepare (fixture, "app");
  virConnectPtr conn = vd_connection_get_handle (fixture->connection);
  virStoragePoolPtr pool = virStoragePoolLookupByName (conn, "default");
  virStorageVolPtr in_the_way;
  g_autofree char *uuid = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = domain_xml (fixture, "app");
  g_autofree char *after = NULL;
  guint volumes;

  in_the_way = virStorageVolCreateXML (pool, "<volume><name>app-data-clone.raw</name>"
                                       "<capacity>1048576</capacity></volume>", 0);
  g_assert_nonnull (in_the_way);
  virStorageVolFree (in_the_way);
  virStoragePoolFree (pool);
  volumes = count_volumes (fixture, "default");

  uuid = run_clone (fixture, "app", spec, NULL, NULL, &error);
  g_assert_null (uuid);
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, "Failed to clone “app”: Could not copy "
                                   "“app-data.raw” to “app-data-clone.raw”: "));
  g_assert_cmpstr (vd_domain_get_last_error (find_domain (fixture, "app")), ==, error->message);

  g_assert_false (volume_exists (fixture, "default", "app-clone1.qcow2"));
  g_assert_true (volume_exists (fixture, "default", "app-data-clone.raw"));
  g_assert_true (volume_exists (fixture, "default", "app.qcow2"));
  g_assert_cmpuint (count_volumes (fixture, "default"), ==, volumes);
  g_assert_null (vd_storage_pool_find_volume (vd_connection_find_pool (fixture->connection,
                                                                       "default"),
                                              "app-clone1.qcow2"));
  g_assert_null (domain_xml (fixture, "app-clone1"));
  after = domain_xml (fixture, "app");
  g_assert_cmpstr (after, ==, before);
}

static void
test_cancel (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(VdCloneSpec) spec = prepare (fixture, "app");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) steps = g_ptr_array_new_with_free_func (g_free);
  Progress progress = { steps, NULL };
  guint volumes = count_volumes (fixture, "default");
  g_autofree char *uuid = NULL;
  g_autoptr(GError) error = NULL;

  /* Cancelled before the first step: nothing is made */
  g_cancellable_cancel (cancellable);
  uuid = run_clone (fixture, "app", spec, cancellable, &progress, &error);
  g_assert_null (uuid);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (count_volumes (fixture, "default"), ==, volumes);
  g_assert_null (domain_xml (fixture, "app-clone1"));
  g_assert_null (vd_domain_get_last_error (find_domain (fixture, "app")));
  g_clear_error (&error);

  /* Cancelled as the first copy begins: the worker may see it after any
   * step, or only once it is done; either everything is there or nothing */
  g_clear_object (&cancellable);
  cancellable = g_cancellable_new ();
  progress.cancel_at_first = cancellable;
  uuid = run_clone (fixture, "app", spec, cancellable, &progress, &error);
  if (uuid == NULL)
    {
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_cmpuint (count_volumes (fixture, "default"), ==, volumes);
      g_assert_false (volume_exists (fixture, "default", "app-clone1.qcow2"));
      g_assert_null (domain_xml (fixture, "app-clone1"));
    }
  else
    {
      g_autofree char *xml = domain_xml (fixture, "app-clone1");

      g_assert_no_error (error);
      g_assert_cmpuint (count_volumes (fixture, "default"), ==, volumes + 2);
      g_assert_nonnull (xml);
    }
  g_assert_true (volume_exists (fixture, "default", "app.qcow2"));
  g_assert_true (volume_exists (fixture, "default", "app-data.raw"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gvir_init_object_check (NULL, NULL, NULL);

#define ADD(path, func) \
  g_test_add ("/vd/clone/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("defaults", test_defaults);
  ADD ("name", test_name);
  ADD ("disk-checks", test_disk_checks);
  ADD ("xml", test_xml);
  ADD ("clone", test_clone);
  ADD ("share-skip", test_share_skip);
  ADD ("running", test_running);
  ADD ("failure-undo", test_failure_undo);
  ADD ("cancel", test_cancel);
#undef ADD
  g_test_add_func ("/vd/clone/xml-unknown", test_xml_unknown);

  return g_test_run ();
}
