/* test-unattended.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <libvirt-gobject/libvirt-gobject.h>
#include <libvirt/libvirt.h>
#include <string.h>
#include <unistd.h>

#include "vd-connection-host.h"
#include "vd-cpio.h"
#include "vd-new-vm-wizard.h"
#include "vd-storage-pool.h"
#include "../vd-test-http.h"
#include "../vd-test-util.h"
#include "../ui/vd-test-ui.h"
#include "vd-e2e-util.h"

/*
 * End-to-end unattended install on the real daemon, through the New VM
 * wizard: a Fedora 36 tree served over HTTP on loopback whose kernel is
 * the tiny Linux guest's (tests/e2e/build-tiny-guest) and whose initrd is
 * the tiny guest's with a second cpio archive replacing its /init by one
 * that prints the kernel command line and a few lines of /fedora.ks (the
 * injected kickstart; never its password lines) to ttyS0. The wizard,
 * with the unattended install on (user, passwords, time zone), downloads,
 * appends the script to the initrd, uploads and boots it under QEMU: the
 * guest's serial line shows the script's user, time zone and host name
 * and the inst.ks argument, proof the real guest read the injected file;
 * the initrd volume is gone once the guest runs. The same from a local
 * ISO ("/vd/e2e/unattended/iso"): an ISO made here with xorriso, Fedora
 * 36's volume id and the same kernel and initrd at its medium's paths
 * (isolinux/), which the wizard detects as Fedora 36; the kernel and
 * initrd are extracted from it, the guest's command line also names the
 * ISO's volume as the installer's stage 2. Guest and pool are
 * vd-e2e-unatt-<pid>; the harness removes vd-e2e-* guests a failed run
 * leaves.
 */

/* libosinfo's loader (the wizard's OS list) loses a few small blocks
 * (tests/lsan.supp names the library); LeakSanitizer sees the library in a
 * leak's stack only when it unwinds slowly. */
const char *__asan_default_options (void);

const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0:malloc_context_size=12";
}

#define WAIT_SECONDS 90
#define USER_PW "E2e-User-Pw-1"
#define ADMIN_PW "E2e-Admin-Pw-1"

/* Replaces the tiny guest's /init: what the guest found, on its serial
 * line, again every second (the console is opened after the start). */
static const char init_script[] =
  "#!/bin/busybox sh\n"
  "/bin/busybox --install -s /bin\n"
  "mount -t proc proc /proc\n"
  "mount -t devtmpfs dev /dev\n"
  "i=0\n"
  "while [ $i -lt 120 ]; do\n"
  "  echo \"VD-UNATT-CMDLINE $(cat /proc/cmdline)\" > /dev/ttyS0\n"
  "  if [ -f /fedora.ks ]; then\n"
  "    grep -E '^(timezone|network|lang) |useradd' /fedora.ks | sed 's/^/VD-UNATT-KS /' "
  "> /dev/ttyS0\n"
  "  else\n"
  "    echo VD-UNATT-NO-SCRIPT > /dev/ttyS0\n"
  "  fi\n"
  "  sleep 1\n"
  "  i=$((i+1))\n"
  "done\n"
  "poweroff -f\n";

typedef struct
{
  VdConnection *connection;
  VdTestHttp   *http;
  char         *tree;
  char         *pool_name;
  char         *pool_dir;
  char         *guest;
  GtkWidget    *wizard;
} Fixture;

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GFile) source = g_file_new_for_path (from);
  g_autoptr(GFile) target = g_file_new_for_path (to);
  g_autoptr(GError) error = NULL;

  if (!g_file_copy (source, target, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error))
    g_error ("copying %s: %s", from, error->message);
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  const char *cache = vd_e2e_require_env ("VD_E2E_TINY_CACHE");
  const char *script = vd_e2e_require_env ("VD_E2E_BUILD_TINY_GUEST");
  const char *image_dir = vd_e2e_require_env ("VD_E2E_IMAGE_DIR");
  const char *argv[] = { script, cache, NULL };
  g_autofree char *images = NULL;
  g_autofree char *xml = NULL;
  g_autoptr(GError) error = NULL;
  virStoragePoolPtr pool;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                     &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("building the tiny guest failed: %s", error->message);

  fixture->tree = g_dir_make_tmp ("vd-e2e-unatt-XXXXXX", &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_chmod (fixture->tree, 0755), ==, 0);
  images = g_build_filename (fixture->tree, "images", "pxeboot", NULL);
  g_assert_cmpint (g_mkdir_with_parents (images, 0755), ==, 0);
  {
    g_autofree char *treeinfo = g_build_filename (fixture->tree, ".treeinfo", NULL);
    g_autofree char *kernel = g_build_filename (images, "vmlinuz", NULL);
    g_autofree char *initrd = g_build_filename (images, "initrd.img", NULL);
    g_autofree char *tiny_kernel = g_build_filename (cache, "vmlinuz", NULL);
    g_autofree char *tiny_initrd = g_build_filename (cache, "initrd.img", NULL);
    g_autoptr(GBytes) init = g_bytes_new_static (init_script, strlen (init_script));

    copy_file (VD_TEST_DATA_DIR "/url-tree/.treeinfo", treeinfo);
    copy_file (tiny_kernel, kernel);
    copy_file (tiny_initrd, initrd);
    /* A later archive's /init replaces the first one's. */
    g_assert_true (vd_cpio_append_newc (initrd, "init", init, 0755, NULL, &error));
    g_assert_no_error (error);
  }
  fixture->http = vd_test_http_start_dir (fixture->tree);

  fixture->connection = vd_test_open (vd_e2e_require_env ("VD_E2E_SYSTEM_URI"));
  VD_TEST_WAIT_UNTIL (vd_connection_get_host_loaded (fixture->connection), WAIT_SECONDS);

  fixture->pool_name = g_strdup_printf ("vd-e2e-unatt-%d", (int)getpid ());
  fixture->guest = g_strdup (fixture->pool_name);
  fixture->pool_dir = g_build_filename (image_dir, fixture->pool_name, NULL);
  g_assert_cmpint (g_mkdir_with_parents (fixture->pool_dir, 0755), ==, 0);
  xml = g_strdup_printf ("<pool type='dir'><name>%s</name><target><path>%s</path></target></pool>",
                         fixture->pool_name, fixture->pool_dir);
  pool = virStoragePoolCreateXML (vd_connection_get_handle (fixture->connection), xml, 0);
  if (pool == NULL)
    g_error ("virStoragePoolCreateXML failed: %s", virGetLastErrorMessage ());
  virStoragePoolFree (pool);
  VD_TEST_WAIT_UNTIL (vd_connection_find_pool (fixture->connection, fixture->pool_name) != NULL,
                      WAIT_SECONDS);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
pump (guint iterations)
{
  for (guint i = 0; i < iterations; i++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (10000);
    }
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  virConnectPtr conn = vd_connection_get_handle (fixture->connection);
  GList *toplevels = gtk_window_list_toplevels ();
  virStoragePoolPtr pool;
  virDomainPtr domain;

  g_list_foreach (toplevels, (GFunc)g_object_ref, NULL);
  for (const GList *l = toplevels; l != NULL; l = l->next)
    if (l->data != fixture->wizard)
      gtk_widget_destroy (l->data);
  g_list_free_full (toplevels, g_object_unref);
  if (fixture->wizard != NULL)
    gtk_widget_destroy (fixture->wizard);
  g_clear_object (&fixture->wizard);
  pump (10);

  domain = virDomainLookupByName (conn, fixture->guest);
  if (domain != NULL)
    {
      virDomainDestroy (domain);
      virDomainUndefineFlags (domain, VIR_DOMAIN_UNDEFINE_NVRAM);
      virDomainFree (domain);
    }
  pool = virStoragePoolLookupByName (conn, fixture->pool_name);
  if (pool != NULL)
    {
      virStoragePoolDestroy (pool);
      virStoragePoolFree (pool);
    }
  virResetLastError ();
  vd_connection_disconnect (fixture->connection);
  g_clear_object (&fixture->connection);
  remove_tree (fixture->pool_dir);
  vd_test_http_stop (fixture->http);
  remove_tree (fixture->tree);
  g_free (fixture->tree);
  g_free (fixture->pool_name);
  g_free (fixture->pool_dir);
  g_free (fixture->guest);
}

/* ------------------------------------------------------------------ */

static GtkWidget *
find (GtkWidget  *root,
      const char *name)
{
  GtkWidget *widget = vd_test_find_by_accessible_name (root, name);

  if (widget == NULL)
    g_error ("no widget named “%s”", name);
  return widget;
}

static void
type (GtkWidget  *root,
      const char *name,
      const char *text)
{
  gtk_entry_set_text (GTK_ENTRY (find (root, name)), text);
}

static void
pick (GtkWidget  *root,
      const char *name,
      const char *id)
{
  if (!gtk_combo_box_set_active_id (GTK_COMBO_BOX (find (root, name)), id))
    g_error ("“%s” has no item “%s”", name, id);
}

static void
click (GtkWidget  *root,
       const char *name)
{
  GtkWidget *button = find (root, name);

  VD_TEST_WAIT_UNTIL (gtk_widget_is_sensitive (button), WAIT_SECONDS);
  gtk_button_clicked (GTK_BUTTON (button));
}

static const char *
page (GtkWidget *wizard)
{
  return vd_new_vm_wizard_get_page (VD_NEW_VM_WIZARD (wizard));
}

/* The guest's serial line through libvirt's console stream. */
typedef struct
{
  virStreamPtr stream;
  GString     *text;
  gboolean     ended;
} Serial;

static void
serial_readable_cb (virStreamPtr stream,
                    int          events,
                    void        *user_data)
{
  Serial *serial = user_data;
  char buffer[4096];
  int n;

  while ((n = virStreamRecv (stream, buffer, sizeof buffer)) > 0)
    g_string_append_len (serial->text, buffer, n);
  if (n != -2 || (events & (VIR_STREAM_EVENT_HANGUP | VIR_STREAM_EVENT_ERROR)) != 0)
    {
      serial->ended = TRUE;
      virStreamEventRemoveCallback (stream);
    }
}

static gboolean
volume_exists (Fixture    *fixture,
               const char *name)
{
  virConnectPtr conn = vd_connection_get_handle (fixture->connection);
  virStoragePoolPtr pool = virStoragePoolLookupByName (conn, fixture->pool_name);
  virStorageVolPtr vol;

  g_assert_nonnull (pool);
  g_assert_cmpint (virStoragePoolRefresh (pool, 0), ==, 0);
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

/* Every log line: none holds a password. */
static GLogWriterOutput
no_password_writer (GLogLevelFlags   level,
                    const GLogField *fields,
                    gsize            n_fields,
                    gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0 &&
        (strstr (fields[i].value, USER_PW) != NULL || strstr (fields[i].value, ADMIN_PW) != NULL))
      g_error ("a log line holds a password");
  if (level & G_LOG_LEVEL_DEBUG)
    return G_LOG_WRITER_HANDLED;
  return g_log_writer_default (level, fields, n_fields, user_data);
}

/* The ISO of the second test, in the pool's directory (QEMU reads it as
 * the CD-ROM): Fedora 36's volume and system ids, the tree's kernel and
 * initrd at isolinux/, and an El Torito image for libosinfo to call it
 * bootable. */
static char *
make_fedora_iso (Fixture *fixture)
{
  g_autofree char *root = g_build_filename (fixture->tree, "iso-root", NULL);
  g_autofree char *isolinux = g_build_filename (root, "isolinux", NULL);
  g_autofree char *from_kernel = g_build_filename (fixture->tree, "images", "pxeboot", "vmlinuz",
                                                   NULL);
  g_autofree char *from_initrd = g_build_filename (fixture->tree, "images", "pxeboot",
                                                   "initrd.img", NULL);
  g_autofree char *kernel = g_build_filename (isolinux, "vmlinuz", NULL);
  g_autofree char *initrd = g_build_filename (isolinux, "initrd.img", NULL);
  g_autofree char *boot = g_build_filename (isolinux, "boot.bin", NULL);
  g_autofree char *zeros = g_malloc0 (2048);
  char *iso = g_build_filename (fixture->pool_dir, "fedora-36.iso", NULL);
  const char *argv[] = { "xorriso", "-as", "mkisofs", "-quiet", "-R", "-J", "-sysid", "LINUX",
                         "-V", "Fedora-S-dvd-x86_64-36", "-b", "isolinux/boot.bin",
                         "-no-emul-boot", "-boot-load-size", "4", "-o", iso, root, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_assert_cmpint (g_mkdir_with_parents (isolinux, 0755), ==, 0);
  copy_file (from_kernel, kernel);
  copy_file (from_initrd, initrd);
  g_file_set_contents (boot, zeros, 2048, &error);
  g_assert_no_error (error);
  if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                     &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("xorriso failed: %s", error->message);
  g_assert_cmpint (g_chmod (iso, 0644), ==, 0);
  return iso;
}

static void
test_unattended (Fixture       *fixture,
                 gconstpointer  data)
{
  gboolean from_iso = GPOINTER_TO_INT (data);
  g_autofree char *iso = from_iso ? make_fedora_iso (fixture) : NULL;
  virConnectPtr conn = vd_connection_get_handle (fixture->connection);
  g_autofree char *url = vd_test_http_url (fixture->http, "");
  g_autofree char *initrd_volume = g_strdup_printf ("%s-initrd", fixture->guest);
  g_autofree char *kernel_volume = g_strdup_printf ("%s-kernel", fixture->guest);
  const VdInstallSpec *spec;
  Serial serial = { NULL, };
  virDomainPtr domain = NULL;
  GtkWidget *w;
  char *persistent;

  fixture->wizard = g_object_ref_sink (vd_new_vm_wizard_new (NULL, fixture->connection));
  w = fixture->wizard;
  gtk_widget_show (w);
  gtk_test_widget_wait_for_draw (w);

  if (from_iso)
    {
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find (w, "Local install media")), TRUE);
      type (w, "Install media path", iso);
    }
  else
    {
      gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find (w, "Network install")), TRUE);
      type (w, "Install tree URL", url);
    }
  click (w, "Forward");
  g_assert_cmpstr (page (w), ==, "os");
  spec = vd_new_vm_wizard_get_spec (VD_NEW_VM_WIZARD (w));
  VD_TEST_WAIT_UNTIL (g_strcmp0 (spec->os_short_id, "fedora36") == 0 &&
                      gtk_widget_is_sensitive (find (w, "Use unattended install")), WAIT_SECONDS);

  gtk_switch_set_active (GTK_SWITCH (find (w, "Use unattended install")), TRUE);
  type (w, "User name", "alice");
  type (w, "User password", USER_PW);
  type (w, "User password again", USER_PW);
  type (w, "Administrator password", ADMIN_PW);
  type (w, "Administrator password again", ADMIN_PW);
  type (w, "Guest time zone", "Asia/Shanghai");
  click (w, "Forward");

  g_assert_cmpstr (page (w), ==, "resources");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find (w, "Memory")),
                             MAX (spec->min_memory, 256));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (find (w, "vCPUs")), 1);
  click (w, "Forward");

  g_assert_cmpstr (page (w), ==, "storage");
  pick (w, "Storage pool", fixture->pool_name);
  type (w, "Disk size", "16");
  pick (w, "Disk size unit", "MiB");
  click (w, "Forward");

  g_assert_cmpstr (page (w), ==, "finish");
  type (w, "Guest name", fixture->guest);
  pick (w, "Network", "none");
  /* KVM hangs on this host (test-environment.md): emulation. */
  pick (w, "Hypervisor", "qemu");
  if (from_iso)
    g_assert_cmpstr (spec->tree_kernel, ==, "isolinux/vmlinuz");
  click (w, "Finish");

  VD_TEST_WAIT_UNTIL ((domain = virDomainLookupByName (conn, fixture->guest)) != NULL &&
                      virDomainIsActive (domain) == 1, WAIT_SECONDS);
  virResetLastError ();
  serial.text = g_string_new (NULL);
  /* Until QEMU has given the console its PTY, libvirt refuses to open it. */
  for (gint64 until = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;;)
    {
      serial.stream = virStreamNew (conn, VIR_STREAM_NONBLOCK);
      if (virDomainOpenConsole (domain, NULL, serial.stream, VIR_DOMAIN_CONSOLE_FORCE) == 0)
        break;
      if (g_get_monotonic_time () > until)
        g_error ("virDomainOpenConsole failed: %s", virGetLastErrorMessage ());
      virStreamFree (serial.stream);
      virResetLastError ();
      pump (20);
    }
  g_assert_cmpint (virStreamEventAddCallback (serial.stream,
                                              VIR_STREAM_EVENT_READABLE |
                                              VIR_STREAM_EVENT_HANGUP |
                                              VIR_STREAM_EVENT_ERROR,
                                              serial_readable_cb, &serial, NULL), ==, 0);

  /* The guest read the injected kickstart and its kernel argument. */
  VD_TEST_WAIT_UNTIL (strstr (serial.text->str, "VD-UNATT-KS timezone") != NULL ||
                      strstr (serial.text->str, "VD-UNATT-NO-SCRIPT") != NULL || serial.ended,
                      WAIT_SECONDS);
  if (strstr (serial.text->str, "VD-UNATT-KS timezone") == NULL)
    g_error ("the guest found no script:\n%s", serial.text->str);
  VD_TEST_WAIT_UNTIL (strstr (serial.text->str, "useradd") != NULL || serial.ended, 10);
  g_assert_nonnull (strstr (serial.text->str, "VD-UNATT-KS timezone --utc Asia/Shanghai"));
  g_assert_nonnull (strstr (serial.text->str, "useradd -G wheel alice"));
  g_assert_nonnull (strstr (serial.text->str, "--hostname=vd-e2e-unatt-"));
  g_assert_nonnull (strstr (serial.text->str, "inst.ks=file:/fedora.ks"));
  if (from_iso)
    {
      /* From the ISO's kernel, told where its installer image is, with the
       * ISO still the CD-ROM; nothing was downloaded. */
      g_assert_nonnull (strstr (serial.text->str,
                                "inst.stage2=hd:LABEL=Fedora-S-dvd-x86_64-36"));
      g_assert_null (strstr (serial.text->str, "inst.repo="));
    }
  g_assert_null (strstr (serial.text->str, "rootpw"));
  g_test_message ("the guest's serial line:\n%s", serial.text->str);

  /* Only the initrd volume held the script, and it is gone: QEMU read it. */
  VD_TEST_WAIT_UNTIL (!volume_exists (fixture, initrd_volume) &&
                      !volume_exists (fixture, kernel_volume), WAIT_SECONDS);
  persistent = virDomainGetXMLDesc (domain, VIR_DOMAIN_XML_INACTIVE);
  g_assert_null (strstr (persistent, "<cmdline>"));
  if (from_iso)
    g_assert_nonnull (strstr (persistent, "fedora-36.iso"));
  free (persistent);

  if (!serial.ended)
    virStreamEventRemoveCallback (serial.stream);
  virStreamAbort (serial.stream);
  virStreamFree (serial.stream);
  virResetLastError ();
  g_string_free (serial.text, TRUE);
  virDomainFree (domain);
}

int
main (int   argc,
      char *argv[])
{
  g_log_set_writer_func (no_password_writer, NULL, NULL);
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check (&argc, &argv))
    g_error ("no display: run the e2e suite under xvfb-run");
  gvir_init_object_check (NULL, NULL, NULL);

  g_test_add ("/vd/e2e/unattended/install", Fixture, GINT_TO_POINTER (FALSE), fixture_setup,
              test_unattended, fixture_teardown);
  g_test_add ("/vd/e2e/unattended/iso", Fixture, GINT_TO_POINTER (TRUE), fixture_setup,
              test_unattended, fixture_teardown);

  return g_test_run ();
}
