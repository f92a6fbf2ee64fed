/* test-qemu.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <libvirt-gobject/libvirt-gobject.h>

#include <glib/gstdio.h>

#include "../vd-test-util.h"
#include "vd-domain-editor-devices.h"
#include "vd-e2e-util.h"

/*
 * End-to-end: a real libvirtd with QEMU (software emulation), started by
 * tests/e2e/vd-e2e-daemon, which also exports the URIs used here.
 *
 * Guests made here are named vd-e2e-<pid>: if an assertion aborts the
 * program midway, the harness's stop step removes every vd-e2e-* guest,
 * so nothing survives a failed run.
 */

#define WAIT_SECONDS 30

typedef void     (*ActionAsync)  (VdDomain *, GCancellable *, GAsyncReadyCallback, gpointer);
typedef gboolean (*ActionFinish) (VdDomain *, GAsyncResult *, GError **);

/* The harness provides the URIs; a missing one is a broken setup, which
 * must fail loudly rather than skip and pass. */
static char *
guest_name (void)
{
  return g_strdup_printf ("vd-e2e-%d", (int)getpid ());
}

/* What libvirt itself says (virDomainState), asked directly. */
static int
libvirt_state (VdDomain *domain)
{
  int state = -1;

  g_assert_cmpint (virDomainGetState (vd_domain_get_handle (domain), &state, NULL, 0), ==, 0);

  return state;
}

/* Runs one action to its end and checks it succeeded without leaving an
 * error on the guest. */
static void
run_ok (VdDomain     *domain,
        const char   *what,
        ActionAsync   async,
        ActionFinish  finish)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 begin = g_get_monotonic_time ();

  async (domain, NULL, vd_test_async_result_cb, &result);
  g_assert_true (vd_domain_get_busy (domain));
  VD_TEST_WAIT_UNTIL (result != NULL, WAIT_SECONDS);

  if (!finish (domain, result, &error))
    g_error ("%s failed: %s", what, error ? error->message : "(no error)");
  g_assert_no_error (error);
  g_assert_false (vd_domain_get_busy (domain));
  g_assert_null (vd_domain_get_last_error (domain));

  g_test_message ("%s took %.0f ms", what, (g_get_monotonic_time () - begin) / 1000.0);
}

#define RUN_OK(domain, name) \
  run_ok (domain, #name, vd_domain_##name##_async, vd_domain_##name##_finish)

static void
test_lifecycle (void)
{
  const char *uri = vd_e2e_require_env ("VD_E2E_SYSTEM_URI");
  g_autoptr(VdConnection) connection = vd_connection_new (uri);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = guest_name ();
  g_autofree char *xml = vd_e2e_guest_xml (name);
  g_autoptr(VdDomain) domain = NULL;
  virConnectPtr conn;
  virDomainPtr dom;
  guint n_before;

  vd_connection_open_async (connection, NULL, vd_test_async_result_cb, &result);
  g_assert_cmpint (vd_connection_get_state (connection), ==, VD_CONNECTION_STATE_CONNECTING);
  VD_TEST_WAIT_RESULT (result);
  if (!vd_connection_open_finish (connection, result, &error))
    g_error ("could not open %s: %s", uri, error->message);
  g_assert_cmpint (vd_connection_get_state (connection), ==, VD_CONNECTION_STATE_CONNECTED);
  g_assert_null (vd_connection_get_last_error (connection));
  g_assert_null (vd_connection_find_domain_by_name (connection, name));
  n_before = g_list_model_get_n_items (vd_connection_get_domains (connection));

  /* Defined behind the app's back: the DEFINED event brings it in. */
  conn = vd_connection_get_handle (connection);
  g_assert_nonnull (conn);
  dom = virDomainDefineXML (conn, xml);
  if (dom == NULL)
    g_error ("virDomainDefineXML failed: %s", virGetLastErrorMessage ());
  virDomainFree (dom);

  VD_TEST_WAIT_UNTIL (vd_connection_find_domain_by_name (connection, name) != NULL, WAIT_SECONDS);
  domain = g_object_ref (vd_connection_find_domain_by_name (connection, name));
  g_assert_cmpuint (g_list_model_get_n_items (vd_connection_get_domains (connection)),
                    ==, n_before + 1);
  g_assert_true (vd_domain_get_connection (domain) == connection);
  g_assert_true (vd_domain_get_persistent (domain));
  g_assert_cmpint (vd_domain_get_state (domain), ==, VD_DOMAIN_STATE_SHUTOFF);
  g_assert_false (vd_domain_get_has_managed_save (domain));
  g_assert_cmpuint (vd_domain_get_vcpus (domain), ==, 1);
  g_assert_cmpuint (vd_domain_get_max_memory (domain), ==, 64 * 1024);
  g_assert_true (vd_domain_get_can_start (domain));
  g_assert_true (vd_domain_get_can_delete (domain));

  /* From here on only the VdDomain API acts on the guest. */
  RUN_OK (domain, start);
  g_assert_cmpint (vd_domain_get_state (domain), ==, VD_DOMAIN_STATE_RUNNING);
  g_assert_cmpint (libvirt_state (domain), ==, VIR_DOMAIN_RUNNING);
  g_assert_cmpint (vd_domain_get_id (domain), >, 0);
  g_assert_true (vd_domain_get_active (domain));
  g_assert_true (vd_domain_get_can_pause (domain));
  g_assert_true (vd_domain_get_can_save (domain));
  g_assert_false (vd_domain_get_can_start (domain));
  g_assert_false (vd_domain_get_can_delete (domain));

  RUN_OK (domain, pause);
  g_assert_cmpint (vd_domain_get_state (domain), ==, VD_DOMAIN_STATE_PAUSED);
  g_assert_cmpint (libvirt_state (domain), ==, VIR_DOMAIN_PAUSED);
  g_assert_true (vd_domain_get_can_resume (domain));

  RUN_OK (domain, resume);
  g_assert_cmpint (vd_domain_get_state (domain), ==, VD_DOMAIN_STATE_RUNNING);
  g_assert_cmpint (libvirt_state (domain), ==, VIR_DOMAIN_RUNNING);

  RUN_OK (domain, save);
  g_assert_cmpint (vd_domain_get_state (domain), ==, VD_DOMAIN_STATE_SAVED);
  g_assert_true (vd_domain_get_has_managed_save (domain));
  g_assert_false (vd_domain_get_active (domain));
  g_assert_true (vd_domain_get_can_start (domain));
  g_assert_cmpint (libvirt_state (domain), ==, VIR_DOMAIN_SHUTOFF);
  g_assert_cmpint (virDomainHasManagedSaveImage (vd_domain_get_handle (domain), 0), ==, 1);

  /* Start on a saved guest restores it and uses up the image. */
  RUN_OK (domain, start);
  g_assert_cmpint (vd_domain_get_state (domain), ==, VD_DOMAIN_STATE_RUNNING);
  g_assert_false (vd_domain_get_has_managed_save (domain));
  g_assert_cmpint (libvirt_state (domain), ==, VIR_DOMAIN_RUNNING);
  g_assert_cmpint (virDomainHasManagedSaveImage (vd_domain_get_handle (domain), 0), ==, 0);

  /* Changes made by another client arrive through events alone. */
  g_assert_cmpint (virDomainSuspend (vd_domain_get_handle (domain)), ==, 0);
  VD_TEST_WAIT_UNTIL (vd_domain_get_state (domain) == VD_DOMAIN_STATE_PAUSED, WAIT_SECONDS);
  g_assert_true (vd_domain_get_can_resume (domain));
  g_assert_cmpint (virDomainResume (vd_domain_get_handle (domain)), ==, 0);
  VD_TEST_WAIT_UNTIL (vd_domain_get_state (domain) == VD_DOMAIN_STATE_RUNNING, WAIT_SECONDS);
  g_assert_true (vd_domain_get_can_pause (domain));

  RUN_OK (domain, force_off);
  g_assert_cmpint (vd_domain_get_state (domain), ==, VD_DOMAIN_STATE_SHUTOFF);
  g_assert_cmpint (libvirt_state (domain), ==, VIR_DOMAIN_SHUTOFF);
  g_assert_cmpint (vd_domain_get_id (domain), ==, -1);
  g_assert_false (vd_domain_get_active (domain));

  /* Delete: the guest leaves the model and libvirt. */
  {
    g_autoptr(GAsyncResult) deleted = NULL;
    g_autoptr(GError) delete_error = NULL;

    g_assert_true (vd_domain_get_can_delete (domain));
    vd_domain_delete_async (domain, VD_DOMAIN_DELETE_ALL_METADATA, NULL, NULL,
                            vd_test_async_result_cb, &deleted);
    VD_TEST_WAIT_RESULT (deleted);
    if (!vd_domain_delete_finish (domain, deleted, &delete_error))
      g_error ("delete failed: %s", delete_error->message);
  }
  VD_TEST_WAIT_UNTIL (vd_connection_find_domain_by_name (connection, name) == NULL, WAIT_SECONDS);
  g_assert_cmpuint (g_list_model_get_n_items (vd_connection_get_domains (connection)),
                    ==, n_before);
  g_assert_null (vd_domain_get_connection (domain));

  dom = virDomainLookupByName (conn, name);
  g_assert_null (dom);
  g_assert_cmpint (virGetLastErrorCode (), ==, VIR_ERR_NO_DOMAIN);
  virResetLastError ();

  vd_connection_disconnect (connection);
  g_assert_cmpint (vd_connection_get_state (connection), ==, VD_CONNECTION_STATE_DISCONNECTED);
}

static void
test_missing_socket (void)
{
  g_autoptr(VdConnection) connection =
    vd_connection_new ("qemu+unix:///system?socket=/nonexistent/vd-e2e/libvirt-sock");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *last_error;

  vd_connection_open_async (connection, NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_RESULT (result);

  g_assert_false (vd_connection_open_finish (connection, result, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (vd_connection_get_state (connection), ==, VD_CONNECTION_STATE_FAILED);
  g_assert_null (vd_connection_get_handle (connection));
  g_assert_cmpuint (g_list_model_get_n_items (vd_connection_get_domains (connection)), ==, 0);

  /* Something a person can act on: libvirt names the socket it tried. */
  last_error = vd_connection_get_last_error (connection);
  g_assert_nonnull (last_error);
  g_assert_true (g_utf8_validate (last_error, -1, NULL));
  g_assert_cmpstr (last_error, ==, error->message);
  g_assert_nonnull (strstr (last_error, "/nonexistent/vd-e2e/libvirt-sock"));
  g_test_message ("last-error: %s", last_error);
}

/* The stats engine on a real QEMU guest: the bulk call fills CPU, balloon
 * and block groups (this guest has no disk: a known 0 B/s, not a gap), the
 * guest's CPU moves under TCG (SeaBIOS keeps looking for a boot device),
 * and the host's own node counters give its CPU and memory. */
static void
test_stats (void)
{
  const char *uri = vd_e2e_require_env ("VD_E2E_SYSTEM_URI");
  g_autoptr(VdConnection) connection = vd_connection_new (uri);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("vd-e2e-stats-%d", (int)getpid ());
  g_autofree char *xml = vd_e2e_guest_xml (name);
  VdDomain *domain;
  virDomainPtr dom;

  vd_connection_open_async (connection, NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_RESULT (result);
  if (!vd_connection_open_finish (connection, result, &error))
    g_error ("could not open %s: %s", uri, error->message);

  dom = virDomainDefineXML (vd_connection_get_handle (connection), xml);
  if (dom == NULL)
    g_error ("virDomainDefineXML failed: %s", virGetLastErrorMessage ());
  virDomainFree (dom);
  VD_TEST_WAIT_UNTIL (vd_connection_find_domain_by_name (connection, name) != NULL, WAIT_SECONDS);
  domain = vd_connection_find_domain_by_name (connection, name);

  RUN_OK (domain, start);

  VD_TEST_WAIT_UNTIL (vd_domain_get_current (domain, VD_STATS_CPU) > 0, WAIT_SECONDS);
  VD_TEST_WAIT_UNTIL (vd_domain_get_current (domain, VD_STATS_MEMORY) > 0, WAIT_SECONDS);
  g_test_message ("guest CPU %.1f %%, host share %.2f %%, memory %.0f bytes",
                  vd_domain_get_current (domain, VD_STATS_CPU),
                  vd_domain_get_current (domain, VD_STATS_HOST_CPU),
                  vd_domain_get_current (domain, VD_STATS_MEMORY));
  g_assert_cmpfloat (vd_domain_get_current (domain, VD_STATS_CPU), <=, 100);
  g_assert_cmpfloat (vd_domain_get_current (domain, VD_STATS_HOST_CPU), >, 0);
  g_assert_cmpfloat (vd_domain_get_current (domain, VD_STATS_HOST_CPU), <=,
                     vd_domain_get_current (domain, VD_STATS_CPU));
  /* Within the guest's 64 MiB. */
  g_assert_cmpfloat (vd_domain_get_current (domain, VD_STATS_MEMORY), <=, 64.0 * 1024 * 1024);
  g_assert_cmpfloat (vd_domain_get_current (domain, VD_STATS_DISK_READ), ==, 0);
  g_assert_cmpfloat (vd_domain_get_current (domain, VD_STATS_DISK_WRITE), ==, 0);

  VD_TEST_WAIT_UNTIL (vd_connection_get_host_current (connection, VD_HOST_STATS_CPU) >= 0,
                      WAIT_SECONDS);
  g_assert_cmpfloat (vd_connection_get_host_current (connection, VD_HOST_STATS_CPU), <=, 100);
  g_assert_cmpuint (vd_connection_get_host_cpus (connection), ==, g_get_num_processors ());
  g_assert_cmpuint (vd_connection_get_host_memory_total (connection), >, 0);
  g_assert_cmpfloat (vd_connection_get_host_current (connection, VD_HOST_STATS_MEMORY), >, 0);
  g_assert_cmpfloat (vd_connection_get_host_current (connection, VD_HOST_STATS_MEMORY), <,
                     (double)vd_connection_get_host_memory_total (connection));

  RUN_OK (domain, force_off);
  {
    g_autoptr(GAsyncResult) deleted = NULL;

    vd_domain_delete_async (domain, VD_DOMAIN_DELETE_ALL_METADATA, NULL, NULL,
                            vd_test_async_result_cb, &deleted);
    VD_TEST_WAIT_RESULT (deleted);
    g_assert_true (vd_domain_delete_finish (domain, deleted, NULL));
  }
  vd_connection_disconnect (connection);
}

/* The domain editor on a running QEMU guest: a CD-ROM's medium and a NIC's
 * link state change live and in the configuration (virDomainUpdateDevice);
 * a change QEMU cannot take live is only defined and waits for a restart. */
static char *
live_xml (VdDomain *domain,
          gboolean  inactive)
{
  char *raw = virDomainGetXMLDesc (vd_domain_get_handle (domain),
                                   inactive ? VIR_DOMAIN_XML_INACTIVE : 0);
  char *xml;

  g_assert_nonnull (raw);
  xml = g_strdup (raw);
  free (raw);

  return xml;
}

static VdDomainEditor *
fetch_editor (VdDomain *domain)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  VdDomainEditor *editor;

  vd_domain_fetch_editor_async (domain, NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_UNTIL (result != NULL, WAIT_SECONDS);
  editor = vd_domain_fetch_editor_finish (domain, result, &error);
  g_assert_no_error (error);

  return editor;
}

static gboolean
apply_editor (VdDomainEditor  *editor,
              VdDomain        *domain,
              GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  gboolean needs_restart = TRUE;

  vd_domain_editor_apply_async (editor, domain, NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_UNTIL (result != NULL, WAIT_SECONDS);
  if (!vd_domain_editor_apply_finish_full (editor, result, &needs_restart, error))
    g_error ("apply failed: %s", (*error)->message);

  return needs_restart;
}

/* The first live media change right after the start: SeaBIOS probes the
 * CD drive while it looks for something to boot and may hold its tray
 * locked for a moment, and QEMU then refuses to take the medium out ("Tray
 * of device ... is not open"; the guest's configuration is left as it
 * was). A user sees that message and tries again; so does the test, for a
 * while, and only for that refusal. */
static gboolean
apply_editor_after_boot (VdDomainEditor  *editor,
                         VdDomain        *domain,
                         GError         **error)
{
  for (guint attempt = 0;; attempt++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      gboolean needs_restart = TRUE;

      vd_domain_editor_apply_async (editor, domain, NULL, vd_test_async_result_cb, &result);
      VD_TEST_WAIT_UNTIL (result != NULL, WAIT_SECONDS);
      if (vd_domain_editor_apply_finish_full (editor, result, &needs_restart, error))
        return needs_restart;
      if (attempt >= 40 || strstr ((*error)->message, "is not open") == NULL)
        g_error ("apply failed: %s", (*error)->message);
      g_test_message ("tray held by the firmware (%s); again", (*error)->message);
      g_clear_error (error);
      g_usleep (G_USEC_PER_SEC / 2);
    }
}

static void
test_live_devices (void)
{
  const char *uri = vd_e2e_require_env ("VD_E2E_SYSTEM_URI");
  g_autoptr(VdConnection) connection = vd_connection_new (uri);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("vd-e2e-live-%d", (int)getpid ());
  g_autofree char *dir = g_strdup_printf ("/tmp/vd-e2e-media-%d", (int)getpid ());
  g_autofree char *first = g_build_filename (dir, "first.iso", NULL);
  g_autofree char *second = g_build_filename (dir, "second.iso", NULL);
  g_autofree char *xml = NULL;
  g_autofree char *zeros = g_malloc0 (64 * 1024);
  VdDomain *domain;
  virDomainPtr dom;

  /* media QEMU (libvirt-qemu) can read */
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  g_assert_true (g_file_set_contents (first, zeros, 64 * 1024, NULL));
  g_assert_true (g_file_set_contents (second, zeros, 64 * 1024, NULL));
  g_assert_cmpint (g_chmod (first, 0644), ==, 0);
  g_assert_cmpint (g_chmod (second, 0644), ==, 0);

  xml = g_strdup_printf (
    "<domain type='qemu'>"
    "  <name>%s</name>"
    "  <memory unit='MiB'>64</memory>"
    "  <vcpu>1</vcpu>"
    "  <os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/></os>"
    "  <features><acpi/></features>"
    "  <devices>"
    "    <disk type='file' device='cdrom'><source file='%s'/>"
    "      <target dev='hdc' bus='ide'/><readonly/></disk>"
    "    <interface type='user'><mac address='52:54:00:e2:e0:01'/>"
    "      <model type='e1000'/></interface>"
    "    <graphics type='vnc' autoport='yes' listen='127.0.0.1'/>"
    "  </devices>"
    "</domain>", name, first);

  vd_connection_open_async (connection, NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_RESULT (result);
  if (!vd_connection_open_finish (connection, result, &error))
    g_error ("could not open %s: %s", uri, error->message);
  dom = virDomainDefineXML (vd_connection_get_handle (connection), xml);
  if (dom == NULL)
    g_error ("virDomainDefineXML failed: %s", virGetLastErrorMessage ());
  virDomainFree (dom);
  VD_TEST_WAIT_UNTIL (vd_connection_find_domain_by_name (connection, name) != NULL, WAIT_SECONDS);
  domain = vd_connection_find_domain_by_name (connection, name);
  RUN_OK (domain, start);

  /* new medium and the cable out: both live, nothing waits */
  {
    g_autoptr(VdDomainEditor) editor = fetch_editor (domain);
    VdDiskSource iso = { VD_DISK_SOURCE_FILE, .path = second };
    g_autofree char *running = NULL;
    g_autofree char *config = NULL;

    g_assert_true (vd_domain_editor_set_disk_source (editor, "cdrom/0", &iso, &error));
    g_assert_true (vd_domain_editor_set_nic_link_up (editor, "interface/0", FALSE, &error));
    g_assert_no_error (error);
    g_assert_false (apply_editor_after_boot (editor, domain, &error));
    running = live_xml (domain, FALSE);
    config = live_xml (domain, TRUE);
    g_assert_nonnull (strstr (running, second));
    g_assert_null (strstr (running, first));
    g_assert_nonnull (strstr (running, "<link state='down'/>"));
    g_assert_nonnull (strstr (config, second));
    g_assert_nonnull (strstr (config, "<link state='down'/>"));
  }

  /* eject, cable back in */
  {
    g_autoptr(VdDomainEditor) editor = fetch_editor (domain);
    VdDiskSource none = { VD_DISK_SOURCE_NONE };
    g_autofree char *running = NULL;

    g_assert_true (vd_domain_editor_set_disk_source (editor, "cdrom/0", &none, &error));
    g_assert_true (vd_domain_editor_set_nic_link_up (editor, "interface/0", TRUE, &error));
    g_assert_false (apply_editor (editor, domain, &error));
    running = live_xml (domain, FALSE);
    g_assert_null (strstr (running, second));
    g_assert_null (strstr (running, "<link state='down'/>"));
  }

  /* a new NIC model is for the next boot: defined, not live */
  {
    g_autoptr(VdDomainEditor) editor = fetch_editor (domain);
    g_autofree char *running = NULL;
    g_autofree char *config = NULL;

    g_assert_true (vd_domain_editor_set_nic_model (editor, "interface/0", "rtl8139", &error));
    g_assert_true (apply_editor (editor, domain, &error));
    running = live_xml (domain, FALSE);
    config = live_xml (domain, TRUE);
    g_assert_nonnull (strstr (running, "<model type='e1000'/>"));
    g_assert_nonnull (strstr (config, "<model type='rtl8139'/>"));
  }

  RUN_OK (domain, force_off);
  {
    g_autoptr(GAsyncResult) deleted = NULL;

    vd_domain_delete_async (domain, VD_DOMAIN_DELETE_ALL_METADATA, NULL, NULL,
                            vd_test_async_result_cb, &deleted);
    VD_TEST_WAIT_RESULT (deleted);
    g_assert_true (vd_domain_delete_finish (domain, deleted, NULL));
  }
  vd_connection_disconnect (connection);
  g_unlink (first);
  g_unlink (second);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gvir_init_object_check (NULL, NULL, NULL);

  g_test_add_func ("/vd/e2e/qemu/lifecycle", test_lifecycle);
  g_test_add_func ("/vd/e2e/qemu/missing-socket", test_missing_socket);
  g_test_add_func ("/vd/e2e/qemu/stats", test_stats);
  g_test_add_func ("/vd/e2e/qemu/live-devices", test_live_devices);

  return g_test_run ();
}
