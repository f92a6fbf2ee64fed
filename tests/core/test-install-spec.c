/* test-install-spec.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libvirt-gobject/libvirt-gobject.h>
#include <libvirt/libvirt.h>

#include "vd-connection-host.h"
#include "vd-error.h"
#include "vd-install-spec.h"
#include "vd-osinfo.h"
#include "../vd-test-util.h"

/* libosinfo's loader loses a few small blocks while reading its database
 * (tests/lsan.supp names the library); LeakSanitizer sees the library in
 * a leak's stack only when it unwinds slowly, a few frames deep. */
const char *__asan_default_options (void);

const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0:malloc_context_size=8";
}

/* The New VM spec: golden domain XML for every install method, each
 * defined on the test driver; every validation rule; libosinfo search,
 * resources, devices and media identification; creating a guest with a
 * new volume, and the undo after a failure or a Cancel. */

typedef struct
{
  VdConnection *connection;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  fixture->connection = vd_test_open ("test:///default");
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

static VdInstallSpec *
make (const char *name)
{
  VdInstallSpec *spec = vd_install_spec_new ();

  set (&spec->name, name);
  set (&spec->domain_type, "test");
  set (&spec->disk_pool, "default-pool");
  return spec;
}

/* ------------------------------------------------------------------ */
/* Goldens                                                             */
/* ------------------------------------------------------------------ */

static VdInstallSpec *
spec_manual (void)
{
  VdInstallSpec *s = make ("manual");

  set (&s->disk_path, "/default-pool/manual.qcow2");
  return s;
}

static VdInstallSpec *
spec_iso (void)
{
  VdInstallSpec *s = make ("debian");

  s->method = VD_INSTALL_METHOD_MEDIA;
  set (&s->media_path, "/var/lib/libvirt/images/debian-11.iso");
  set (&s->os_id, "http://debian.org/debian/11");
  set (&s->os_short_id, "debian11");
  s->memory = 1024;
  s->vcpus = 1;
  set (&s->disk_bus, "virtio");
  set (&s->nic_model, "virtio");
  set (&s->video_model, "virtio");
  set (&s->usb_model, "qemu-xhci");
  set (&s->disk_path, "/default-pool/debian.qcow2");
  return s;
}

static VdInstallSpec *
spec_cdrom_device (void)
{
  VdInstallSpec *s = make ("from-cd");

  s->method = VD_INSTALL_METHOD_MEDIA;
  set (&s->media_path, "/dev/sr0");
  s->media_is_device = TRUE;
  set (&s->disk_bus, "ide");
  s->disk = VD_INSTALL_DISK_NONE;
  s->net = VD_INSTALL_NET_NONE;
  return s;
}

static VdInstallSpec *
spec_pxe (void)
{
  VdInstallSpec *s = make ("pxe");

  s->method = VD_INSTALL_METHOD_PXE;
  set (&s->pxe_network, "default");
  set (&s->disk_path, "/default-pool/pxe.qcow2");
  return s;
}

static VdInstallSpec *
spec_import (void)
{
  VdInstallSpec *s = make ("imported");

  s->method = VD_INSTALL_METHOD_IMPORT;
  s->disk = VD_INSTALL_DISK_EXISTING;
  set (&s->disk_path, "/var/lib/libvirt/images/appliance.qcow2");
  s->net = VD_INSTALL_NET_BRIDGE;
  set (&s->net_source, "br0");
  return s;
}

static VdInstallSpec *
spec_uefi_macvtap (void)
{
  VdInstallSpec *s = make ("uefi");

  s->firmware = VD_INSTALL_FIRMWARE_UEFI;
  s->disk = VD_INSTALL_DISK_NONE;
  s->net = VD_INSTALL_NET_MACVTAP;
  set (&s->net_source, "eth0");
  set (&s->macvtap_mode, "vepa");
  s->memory = 4096;
  s->vcpus = 4;
  return s;
}

/* A network install's tree, as the wizard read it. */
static VdInstallSpec *
spec_url_final (void)
{
  VdInstallSpec *s = make ("netinst");

  s->method = VD_INSTALL_METHOD_URL;
  set (&s->url, "http://mirror.example.org/fedora/36/Everything/x86_64/os/");
  set (&s->tree_kernel, "images/pxeboot/vmlinuz");
  set (&s->tree_initrd, "images/pxeboot/initrd.img");
  set (&s->install_arg, "inst.repo");
  set (&s->kernel_args, "  inst.ks=http://mirror.example.org/ks.cfg console=ttyS0 ");
  set (&s->disk_path, "/default-pool/netinst.qcow2");
  return s;
}

/* Its first boot: the kernel and initrd volumes the creation uploaded. */
static VdInstallSpec *
spec_url_install (void)
{
  VdInstallSpec *s = spec_url_final ();

  set (&s->install_kernel, "/default-pool/netinst-kernel");
  set (&s->install_initrd, "/default-pool/netinst-initrd");
  return s;
}

typedef struct
{
  const char     *file;
  VdInstallSpec *(*make) (void);
} Golden;

static const Golden goldens[] = {
  { "install-manual.xml", spec_manual },
  { "install-iso.xml", spec_iso },
  { "install-cdrom-device.xml", spec_cdrom_device },
  { "install-pxe.xml", spec_pxe },
  { "install-import.xml", spec_import },
  { "install-uefi-macvtap.xml", spec_uefi_macvtap },
  { "install-url.xml", spec_url_install },
  { "install-url-final.xml", spec_url_final },
};

static void
test_golden (Fixture       *fixture,
             gconstpointer  data)
{
  virConnectPtr conn = vd_connection_get_handle (fixture->connection);

  for (guint i = 0; i < G_N_ELEMENTS (goldens); i++)
    {
      g_autoptr(VdInstallSpec) spec = goldens[i].make ();
      g_autofree char *path = g_build_filename (VD_TEST_DATA_DIR, goldens[i].file, NULL);
      g_autofree char *expected = NULL;
      g_autofree char *xml = NULL;
      g_autoptr(GError) error = NULL;
      virDomainPtr domain;

      g_test_message ("golden %s", goldens[i].file);
      g_assert_true (vd_install_spec_validate (spec, vd_connection_get_domains (fixture->connection),
                                               NULL, &error));
      g_assert_no_error (error);
      xml = vd_install_spec_to_xml (spec);
      g_assert_true (g_file_get_contents (path, &expected, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (xml, ==, expected);

      /* And libvirt's parser takes it. */
      domain = virDomainDefineXML (conn, xml);
      g_assert_nonnull (domain);
      g_assert_cmpint (virDomainUndefine (domain), ==, 0);
      virDomainFree (domain);
    }
}

static void
test_volume_xml (void)
{
  g_autoptr(VdInstallSpec) spec = make ("disk");
  g_autofree char *file = NULL;
  g_autofree char *block = NULL;
  g_autofree char *name = NULL;

  spec->disk_size = (guint64)10 << 30;
  file = vd_install_spec_to_volume_xml (spec, TRUE);
  g_assert_nonnull (strstr (file, "<name>disk.qcow2</name>"));
  g_assert_nonnull (strstr (file, "<capacity>10737418240</capacity>"));
  g_assert_nonnull (strstr (file, "<allocation>0</allocation>"));
  g_assert_nonnull (strstr (file, "<format type=\"qcow2\"/>"));
  block = vd_install_spec_to_volume_xml (spec, FALSE);
  g_assert_null (strstr (block, "<format"));

  set (&spec->disk_format, "raw");
  name = vd_install_spec_get_volume_name (spec);
  g_assert_cmpstr (name, ==, "disk.img");
}

/* ------------------------------------------------------------------ */
/* Validation                                                          */
/* ------------------------------------------------------------------ */

static void
assert_bad (VdInstallSpec         *spec,
            VdInstallSpecField     field,
            GListModel            *domains,
            const VdInstallLimits *limits,
            const char            *part)
{
  g_autofree char *message = vd_install_spec_check (spec, field, domains, limits);
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (message);
  g_test_message ("field %d: %s", field, message);
  if (part != NULL)
    g_assert_nonnull (strstr (message, part));
  g_assert_false (vd_install_spec_validate (spec, domains, limits, &error));
  g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT);
}

static void
assert_good (VdInstallSpec         *spec,
             VdInstallSpecField     field,
             GListModel            *domains,
             const VdInstallLimits *limits)
{
  g_autofree char *message = vd_install_spec_check (spec, field, domains, limits);

  g_assert_null (message);
}

static void
test_validate (Fixture       *fixture,
               gconstpointer  data)
{
  GListModel *domains = vd_connection_get_domains (fixture->connection);
  VdInstallLimits limits = { (guint64)3 << 30, 16 };
  g_autoptr(VdInstallSpec) spec = make ("fine");
  g_autofree char *warning = NULL;

  assert_good (spec, VD_INSTALL_SPEC_FIELD_NAME, domains, &limits);
  g_assert_true (vd_install_spec_validate (spec, domains, &limits, NULL));

  /* Names: libvirt's rules and unique on the connection ("test" exists). */
  set (&spec->name, "");
  assert_bad (spec, VD_INSTALL_SPEC_FIELD_NAME, domains, &limits, "Enter a name");
  set (&spec->name, "test");
  assert_bad (spec, VD_INSTALL_SPEC_FIELD_NAME, domains, &limits, "exists already");
  set (&spec->name, "a/b");
  assert_bad (spec, VD_INSTALL_SPEC_FIELD_NAME, domains, &limits, "/");
  set (&spec->name, "a\nb");
  assert_bad (spec, VD_INSTALL_SPEC_FIELD_NAME, domains, &limits, "control");
  set (&spec->name, " lead");
  assert_bad (spec, VD_INSTALL_SPEC_FIELD_NAME, domains, &limits, "space");
  set (&spec->name, "1234");
  assert_bad (spec, VD_INSTALL_SPEC_FIELD_NAME, domains, &limits, "digits");
  set (&spec->name, "test-2 (copy)");
  assert_good (spec, VD_INSTALL_SPEC_FIELD_NAME, domains, &limits);

  /* Memory: more than 0, at least the OS's minimum, at most the host's. */
  spec->memory = 0;
  assert_bad (spec, VD_INSTALL_SPEC_FIELD_MEMORY, domains, &limits, "memory");
  spec->min_memory = 1024;
  spec->memory = 512;
  assert_bad (spec, VD_INSTALL_SPEC_FIELD_MEMORY, domains, &limits, "1024 MiB");
  spec->memory = 4096;
  assert_bad (spec, VD_INSTALL_SPEC_FIELD_MEMORY, domains, &limits, "3072 MiB");
  assert_good (spec, VD_INSTALL_SPEC_FIELD_MEMORY, domains, NULL);
  spec->memory = 2048;
  assert_good (spec, VD_INSTALL_SPEC_FIELD_MEMORY, domains, &limits);

  /* vCPUs: at least one; more than the host has is a warning only. */
  spec->vcpus = 0;
  assert_bad (spec, VD_INSTALL_SPEC_FIELD_VCPUS, domains, &limits, "vCPU");
  spec->vcpus = 32;
  assert_good (spec, VD_INSTALL_SPEC_FIELD_VCPUS, domains, &limits);
  warning = vd_install_spec_get_warning (spec, VD_INSTALL_SPEC_FIELD_VCPUS, &limits);
  g_assert_nonnull (warning);
  g_assert_nonnull (strstr (warning, "16"));
  g_clear_pointer (&warning, g_free);
  spec->vcpus = 16;
  warning = vd_install_spec_get_warning (spec, VD_INSTALL_SPEC_FIELD_VCPUS, &limits);
  g_assert_null (warning);

  /* Disk: a pool and a size for a new one, an absolute path for an
   * existing one, nothing for none. */
  spec->disk_size = 0;
  assert_bad (spec, VD_INSTALL_SPEC_FIELD_DISK_SIZE, domains, &limits, "greater than zero");
  spec->disk_size = 1 << 30;
  set (&spec->disk_pool, NULL);
  assert_bad (spec, VD_INSTALL_SPEC_FIELD_DISK_POOL, domains, &limits, "pool");
  spec->disk = VD_INSTALL_DISK_EXISTING;
  assert_good (spec, VD_INSTALL_SPEC_FIELD_DISK_POOL, domains, &limits);
  assert_bad (spec, VD_INSTALL_SPEC_FIELD_DISK_PATH, domains, &limits, "Choose");
  set (&spec->disk_path, "images/a.qcow2");
  assert_bad (spec, VD_INSTALL_SPEC_FIELD_DISK_PATH, domains, &limits, "absolute");
  set (&spec->disk_path, "/images/a.qcow2");
  assert_good (spec, VD_INSTALL_SPEC_FIELD_DISK_PATH, domains, &limits);
  spec->disk = VD_INSTALL_DISK_NONE;
  set (&spec->disk_path, NULL);
  assert_good (spec, VD_INSTALL_SPEC_FIELD_DISK_PATH, domains, &limits);

  /* Media: an absolute path for the media method only. */
  assert_good (spec, VD_INSTALL_SPEC_FIELD_MEDIA, domains, &limits);
  spec->method = VD_INSTALL_METHOD_MEDIA;
  assert_bad (spec, VD_INSTALL_SPEC_FIELD_MEDIA, domains, &limits, "ISO");
  set (&spec->media_path, "debian.iso");
  assert_bad (spec, VD_INSTALL_SPEC_FIELD_MEDIA, domains, &limits, "absolute");
  set (&spec->media_path, "/isos/debian.iso");
  assert_good (spec, VD_INSTALL_SPEC_FIELD_MEDIA, domains, &limits);

  /* PXE: a network to boot from. */
  spec->method = VD_INSTALL_METHOD_PXE;
  assert_bad (spec, VD_INSTALL_SPEC_FIELD_PXE_NETWORK, domains, &limits, "network");
  set (&spec->pxe_network, "default");
  assert_good (spec, VD_INSTALL_SPEC_FIELD_PXE_NETWORK, domains, &limits);
  spec->method = VD_INSTALL_METHOD_MANUAL;

  /* A network install's URL: http, https or ftp with a server, judged
   * for that method only. */
  set (&spec->url, "file:///srv/tree");
  assert_good (spec, VD_INSTALL_SPEC_FIELD_URL, domains, &limits);
  spec->method = VD_INSTALL_METHOD_URL;
  assert_bad (spec, VD_INSTALL_SPEC_FIELD_URL, domains, &limits, "http://");
  set (&spec->url, NULL);
  assert_bad (spec, VD_INSTALL_SPEC_FIELD_URL, domains, &limits, "Enter the URL");
  set (&spec->url, "not a url");
  assert_bad (spec, VD_INSTALL_SPEC_FIELD_URL, domains, &limits, "spaces");
  set (&spec->url, "mirror.example.org/tree");
  assert_bad (spec, VD_INSTALL_SPEC_FIELD_URL, domains, &limits, "not a URL");
  set (&spec->url, "http:///tree");
  assert_bad (spec, VD_INSTALL_SPEC_FIELD_URL, domains, &limits, "server");
  set (&spec->url, "nfs://server/export/tree");
  assert_bad (spec, VD_INSTALL_SPEC_FIELD_URL, domains, &limits, "ftp://");
  set (&spec->url, "https://deb.debian.org/debian/dists/bullseye/main/installer-amd64/");
  assert_good (spec, VD_INSTALL_SPEC_FIELD_URL, domains, &limits);
  set (&spec->url, "ftp://mirror.example.org/fedora/os/");
  assert_good (spec, VD_INSTALL_SPEC_FIELD_URL, domains, &limits);
  set (&spec->url, "http://127.0.0.1:8080/tree");
  assert_good (spec, VD_INSTALL_SPEC_FIELD_URL, domains, &limits);
  spec->method = VD_INSTALL_METHOD_MANUAL;

  /* Network: a source unless there is no NIC. */
  set (&spec->net_source, "");
  assert_bad (spec, VD_INSTALL_SPEC_FIELD_NETWORK, domains, &limits, "virtual network");
  spec->net = VD_INSTALL_NET_BRIDGE;
  assert_bad (spec, VD_INSTALL_SPEC_FIELD_NETWORK, domains, &limits, "bridge");
  spec->net = VD_INSTALL_NET_MACVTAP;
  assert_bad (spec, VD_INSTALL_SPEC_FIELD_NETWORK, domains, &limits, "device");
  spec->net = VD_INSTALL_NET_NONE;
  assert_good (spec, VD_INSTALL_SPEC_FIELD_NETWORK, domains, &limits);

  g_assert_true (vd_install_spec_validate (spec, domains, &limits, NULL));
}

/* ------------------------------------------------------------------ */
/* libosinfo                                                           */
/* ------------------------------------------------------------------ */

static OsinfoDb *
load_db (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  OsinfoDb *db;

  vd_osinfo_load_async (NULL, vd_test_async_result_cb, &result);
  /* A few thousand files: seconds, but minutes under AddressSanitizer's
   * slow unwinding (see __asan_default_options above). */
  VD_TEST_WAIT_UNTIL (result != NULL, 150);
  db = vd_osinfo_load_finish (result, &error);
  g_assert_no_error (error);
  g_assert_true (OSINFO_IS_DB (db));
  g_assert_true (vd_osinfo_get_db () == db);
  return db;
}

static gboolean
has_short_id (GPtrArray  *found,
              const char *short_id)
{
  for (guint i = 0; i < found->len; i++)
    if (g_strcmp0 (osinfo_product_get_short_id (found->pdata[i]), short_id) == 0)
      return TRUE;
  return FALSE;
}

static void
test_osinfo_search (void)
{
  g_autoptr(OsinfoDb) db = load_db ();
  g_autoptr(GPtrArray) debian = vd_osinfo_search (db, "debian11");
  g_autoptr(GPtrArray) fedora = vd_osinfo_search (db, "Fedora");
  g_autoptr(GPtrArray) words = vd_osinfo_search (db, "debian 11");
  g_autoptr(GPtrArray) none = vd_osinfo_search (db, "no such system at all");
  g_autoptr(GPtrArray) all = vd_osinfo_search (db, "");

  g_assert_true (has_short_id (debian, "debian11"));
  g_assert_cmpuint (fedora->len, >, 10);
  g_assert_true (has_short_id (fedora, "fedora37"));
  g_assert_false (has_short_id (fedora, "debian11"));
  g_assert_true (has_short_id (words, "debian11"));
  g_assert_cmpuint (none->len, ==, 0);
  g_assert_cmpuint (all->len, >, fedora->len);

  /* Newest first. */
  g_assert_cmpstr (osinfo_product_get_release_date_string (fedora->pdata[0]), >=,
                   osinfo_product_get_release_date_string (fedora->pdata[fedora->len - 1]));

  g_assert_true (vd_osinfo_find_os (db, "debian11") ==
                 vd_osinfo_find_os (db, "http://debian.org/debian/11"));
  g_assert_null (vd_osinfo_find_os (db, "nosuchos1"));
}

static void
test_osinfo_resources (void)
{
  g_autoptr(OsinfoDb) db = load_db ();
  OsinfoOs *os = vd_osinfo_find_os (db, "debian11");
  g_autoptr(VdInstallSpec) spec = vd_install_spec_new ();
  VdOsinfoResources res;

  g_assert_nonnull (os);
  vd_osinfo_get_resources (os, "x86_64", &res);
  g_assert_cmpuint (res.min_ram, ==, (guint64)1 << 30);
  g_assert_cmpuint (res.min_cpus, ==, 1);
  g_assert_cmpuint (res.min_storage, ==, (guint64)10 << 30);
  g_assert_cmpuint (res.recommended_storage, ==, (guint64)20 << 30);

  g_assert_true (vd_osinfo_supports_device (os, "block", "virtio"));
  g_assert_true (vd_osinfo_supports_device (os, "net", "virtio"));
  g_assert_false (vd_osinfo_supports_device (os, "block", "no-such-device"));

  vd_osinfo_apply_os (spec, os);
  g_assert_cmpstr (spec->os_id, ==, "http://debian.org/debian/11");
  g_assert_cmpstr (spec->os_short_id, ==, "debian11");
  g_assert_cmpuint (spec->min_memory, ==, 1024);
  g_assert_cmpuint (spec->memory, ==, 1024);
  g_assert_cmpuint (spec->disk_size, ==, (guint64)20 << 30);
  g_assert_cmpstr (spec->disk_bus, ==, "virtio");
  g_assert_cmpstr (spec->nic_model, ==, "virtio");
  g_assert_cmpstr (spec->video_model, ==, "virtio");

  /* Back to an unknown OS: generic devices, no minimum. */
  vd_osinfo_apply_os (spec, NULL);
  g_assert_null (spec->os_id);
  g_assert_cmpuint (spec->min_memory, ==, 0);
  g_assert_cmpstr (spec->disk_bus, ==, "sata");
  g_assert_cmpstr (spec->nic_model, ==, "e1000e");
}

/* An ISO 9660 image no OS made: a primary volume descriptor with made-up
 * ids and the set terminator. */
static char *
write_unknown_iso (void)
{
  g_autofree char *dir = g_dir_make_tmp ("vd-iso-XXXXXX", NULL);
  char *path = g_build_filename (dir, "unknown.iso", NULL);
  gsize size = 20 * 2048;
  g_autofree guint8 *bytes = g_malloc0 (size);
  guint8 *pvd = bytes + 16 * 2048;
  guint8 *end = bytes + 17 * 2048;

  pvd[0] = 1;
  memcpy (pvd + 1, "CD001", 5);
  pvd[6] = 1;
  memset (pvd + 8, ' ', 32);
  memcpy (pvd + 8, "NOBODY", 6);
  memset (pvd + 40, ' ', 32);
  memcpy (pvd + 40, "VIRT_DESK_TEST_DISC", 19);
  memset (pvd + 318, ' ', 128);
  memset (pvd + 574, ' ', 128);
  /* volume space size (blocks), set size, sequence, block size: both-endian */
  pvd[80] = 20; pvd[87] = 20;
  pvd[120] = 1; pvd[123] = 1;
  pvd[124] = 1; pvd[127] = 1;
  pvd[128] = 0x00; pvd[129] = 0x08; pvd[130] = 0x08; pvd[131] = 0x00;
  /* the root directory: one block (18) holding its "." entry */
  pvd[156] = 34; pvd[158] = 18; pvd[165] = 18;
  pvd[166] = 0x00; pvd[167] = 0x08; pvd[172] = 0x08; pvd[173] = 0x00;
  pvd[181] = 2; pvd[184] = 1; pvd[187] = 1; pvd[188] = 1;
  memcpy (bytes + 18 * 2048, pvd + 156, 34);
  end[0] = 255;
  memcpy (end + 1, "CD001", 5);
  end[6] = 1;
  g_assert_true (g_file_set_contents (path, (const char *)bytes, size, NULL));
  return path;
}

static void
test_osinfo_identify (void)
{
  g_autoptr(OsinfoDb) db = load_db ();
  g_autofree char *iso = write_unknown_iso ();
  g_autofree char *dir = g_path_get_dirname (iso);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(OsinfoOs) os = NULL;

  vd_osinfo_identify_media_async (iso, NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_RESULT (result);
  os = vd_osinfo_identify_media_finish (result, &error);
  g_assert_no_error (error);
  g_assert_null (os);
  g_clear_object (&result);

  /* A file that is missing is an error, not "no match". */
  vd_osinfo_identify_media_async ("/nonexistent/virt-desk.iso", NULL, vd_test_async_result_cb,
                                  &result);
  VD_TEST_WAIT_RESULT (result);
  os = vd_osinfo_identify_media_finish (result, &error);
  g_assert_null (os);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_clear_object (&result);

  g_unlink (iso);
  g_rmdir (dir);
}

/* ------------------------------------------------------------------ */
/* Creating                                                            */
/* ------------------------------------------------------------------ */

static void
step_cb (VdCreateDomainStep step,
         guint64            done,
         guint64            total,
         gpointer           user_data)
{
  GArray *steps = user_data;
  int value = step;

  g_array_append_val (steps, value);
}

static void
cancel_step_cb (VdCreateDomainStep step,
                guint64            done,
                guint64            total,
                gpointer           user_data)
{
  g_cancellable_cancel (user_data);
}

static gboolean
volume_exists (virConnectPtr  conn,
               const char    *name)
{
  virStoragePoolPtr pool = virStoragePoolLookupByName (conn, "default-pool");
  virStorageVolPtr vol = virStorageVolLookupByName (pool, name);
  gboolean found = vol != NULL;

  if (vol != NULL)
    virStorageVolFree (vol);
  virStoragePoolFree (pool);
  return found;
}

static char *
create (VdConnection         *connection,
        const VdInstallSpec  *spec,
        gboolean              start,
        GCancellable         *cancellable,
        GArray               *steps,
        GError              **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  vd_connection_create_domain_async (connection, spec, start, step_cb, g_array_ref (steps),
                                     (GDestroyNotify)g_array_unref, cancellable,
                                     vd_test_async_result_cb, &result);
  VD_TEST_WAIT_RESULT (result);
  return vd_connection_create_domain_finish (connection, result, error);
}

static void
test_create (Fixture       *fixture,
             gconstpointer  data)
{
  virConnectPtr conn = vd_connection_get_handle (fixture->connection);
  g_autoptr(VdInstallSpec) spec = make ("created");
  g_autoptr(GArray) steps = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *xml = NULL;
  virDomainPtr domain;
  virDomainInfo info;

  uuid = create (fixture->connection, spec, TRUE, NULL, steps, &error);
  g_assert_no_error (error);
  g_assert_nonnull (uuid);
  VD_TEST_WAIT_UNTIL (steps->len == 3, 10);
  g_assert_cmpint (g_array_index (steps, int, 0), ==, VD_CREATE_DOMAIN_STEP_VOLUME);
  g_assert_cmpint (g_array_index (steps, int, 2), ==, VD_CREATE_DOMAIN_STEP_START);

  domain = virDomainLookupByUUIDString (conn, uuid);
  g_assert_nonnull (domain);
  g_assert_cmpint (virDomainGetInfo (domain, &info), ==, 0);
  g_assert_cmpint (info.state, ==, VIR_DOMAIN_RUNNING);
  g_assert_cmpuint (info.maxMem, ==, 2048 * 1024);
  g_assert_cmpint (info.nrVirtCpu, ==, 2);
  xml = virDomainGetXMLDesc (domain, 0);
  g_assert_nonnull (strstr (xml, "/default-pool/created.qcow2"));
  g_assert_true (volume_exists (conn, "created.qcow2"));

  virDomainDestroy (domain);
  virDomainUndefine (domain);
  virDomainFree (domain);
  free (g_steal_pointer (&xml));
  g_clear_pointer (&uuid, g_free);

  /* "Customize before install": defined, not started, no volume asked. */
  set (&spec->name, "customized");
  spec->disk = VD_INSTALL_DISK_NONE;
  g_array_set_size (steps, 0);
  uuid = create (fixture->connection, spec, FALSE, NULL, steps, &error);
  g_assert_no_error (error);
  domain = virDomainLookupByUUIDString (conn, uuid);
  g_assert_nonnull (domain);
  g_assert_cmpint (virDomainIsActive (domain), ==, 0);
  VD_TEST_WAIT_UNTIL (steps->len == 1, 10);
  g_assert_cmpint (g_array_index (steps, int, 0), ==, VD_CREATE_DOMAIN_STEP_DEFINE);
  virDomainUndefine (domain);
  virDomainFree (domain);
}

static void
test_create_undo (Fixture       *fixture,
                  gconstpointer  data)
{
  virConnectPtr conn = vd_connection_get_handle (fixture->connection);
  g_autoptr(VdInstallSpec) spec = make ("clash");
  g_autoptr(GArray) steps = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *other_xml = NULL;
  virDomainPtr other;

  /* A guest of that name appears behind the connection's back (libvirt's
   * event has not arrived): the volume is made, the definition refused,
   * the volume deleted again. */
  {
    g_autoptr(VdInstallSpec) diskless = vd_install_spec_copy (spec);

    diskless->disk = VD_INSTALL_DISK_NONE;
    other_xml = vd_install_spec_to_xml (diskless);
  }
  other = virDomainDefineXML (conn, other_xml);
  g_assert_nonnull (other);
  uuid = create (fixture->connection, spec, TRUE, NULL, steps, &error);
  g_assert_null (uuid);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "clash"));
  g_clear_error (&error);
  g_assert_false (volume_exists (conn, "clash.qcow2"));
  virDomainUndefine (other);
  virDomainFree (other);

  /* A pool that does not exist: nothing is made. */
  set (&spec->name, "nopool");
  set (&spec->disk_pool, "no-such-pool");
  uuid = create (fixture->connection, spec, TRUE, NULL, steps, &error);
  g_assert_null (uuid);
  g_assert_nonnull (strstr (error->message, "no-such-pool"));
  g_clear_error (&error);
  g_assert_null (virDomainLookupByName (conn, "nopool"));
  virResetLastError ();

  /* A volume of that name exists: refused, and the old volume stays. */
  set (&spec->disk_pool, "default-pool");
  set (&spec->name, "keep");
  {
    virStoragePoolPtr pool = virStoragePoolLookupByName (conn, "default-pool");
    virStorageVolPtr vol = virStorageVolCreateXML (pool,
                                                   "<volume><name>keep.qcow2</name>"
                                                   "<capacity>1048576</capacity></volume>", 0);

    g_assert_nonnull (vol);
    uuid = create (fixture->connection, spec, TRUE, NULL, steps, &error);
    g_assert_null (uuid);
    g_assert_nonnull (error);
    g_clear_error (&error);
    g_assert_true (volume_exists (conn, "keep.qcow2"));
    g_assert_null (virDomainLookupByName (conn, "keep"));
    virResetLastError ();
    virStorageVolDelete (vol, 0);
    virStorageVolFree (vol);
    virStoragePoolFree (pool);
  }

  /* Cancelled: nothing stays behind. */
  set (&spec->name, "cancelled");
  g_cancellable_cancel (cancellable);
  uuid = create (fixture->connection, spec, TRUE, cancellable, steps, &error);
  g_assert_null (uuid);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_false (volume_exists (conn, "cancelled.qcow2"));
  g_assert_null (virDomainLookupByName (conn, "cancelled"));
  virResetLastError ();

  /* Cancelled while it runs (at whichever step the loop sees first, or
   * after the last): taken back all the same. */
  set (&spec->name, "late-cancel");
  {
    g_autoptr(GCancellable) late = g_cancellable_new ();
    g_autoptr(GAsyncResult) result = NULL;

    vd_connection_create_domain_async (fixture->connection, spec, TRUE, cancel_step_cb,
                                       g_object_ref (late), g_object_unref, late,
                                       vd_test_async_result_cb, &result);
    VD_TEST_WAIT_RESULT (result);
    g_assert_true (g_cancellable_is_cancelled (late));
    uuid = vd_connection_create_domain_finish (fixture->connection, result, &error);
    g_assert_null (uuid);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
    g_assert_false (volume_exists (conn, "late-cancel.qcow2"));
    g_assert_null (virDomainLookupByName (conn, "late-cancel"));
    virResetLastError ();
  }

  /* An invalid spec never reaches libvirt. */
  set (&spec->name, "test");
  uuid = create (fixture->connection, spec, TRUE, NULL, steps, &error);
  g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (volume_exists (conn, "test.qcow2"));
}

static void
test_cd_drives (void)
{
  g_autofree char *uri = vd_test_fixture_uri ("install-host.xml");
  g_autoptr(VdConnection) connection = vd_test_open (uri);
  g_autoptr(VdConnection) plain = vd_test_open ("test:///default");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) drives = NULL;

  /* The CD-ROM drive, not the hard disk. */
  vd_connection_list_cd_drives_async (connection, NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_RESULT (result);
  drives = vd_connection_list_cd_drives_finish (connection, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (drives), ==, 1);
  g_assert_cmpstr (drives[0], ==, "/dev/sr0");
  g_clear_pointer (&drives, g_strfreev);
  g_clear_object (&result);

  /* A host without one: none, no error. */
  vd_connection_list_cd_drives_async (plain, NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_RESULT (result);
  drives = vd_connection_list_cd_drives_finish (plain, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (drives), ==, 0);

  vd_connection_disconnect (connection);
  vd_connection_disconnect (plain);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gvir_init_object_check (NULL, NULL, NULL);

#define ADD(path, func) \
  g_test_add ("/vd/install-spec/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("golden", test_golden);
  ADD ("validate", test_validate);
  ADD ("create", test_create);
  ADD ("create-undo", test_create_undo);
#undef ADD
  g_test_add_func ("/vd/install-spec/volume-xml", test_volume_xml);
  g_test_add_func ("/vd/install-spec/cd-drives", test_cd_drives);
  g_test_add_func ("/vd/osinfo/search", test_osinfo_search);
  g_test_add_func ("/vd/osinfo/resources", test_osinfo_resources);
  g_test_add_func ("/vd/osinfo/identify", test_osinfo_identify);

  return g_test_run ();
}
