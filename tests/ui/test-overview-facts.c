/* test-overview-facts.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>
#include <stdlib.h>
#include <string.h>
#include <libvirt-gobject/libvirt-gobject.h>

#include "vd-domain-editor.h"
#include "vd-domain-live.h"
#include "vd-hardware-page.h"
#include "vd-vm-window.h"
#include "../vd-test-util.h"

/* Under ASan: as in test-hardware-pages.c, the XML tab's highlighting makes
 * GLib outgrow its first block of quarks (tests/lsan.supp); only a full
 * stack names it. Never called without a sanitizer. */
const char *__asan_default_options (void);

const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}

/* The Overview's read-only facts of a guest (ID, OS type, current vCPUs
 * and memory, CPU time, persistence, security labels) and the guest agent's
 * state, on a test-driver host (tests/data/overview-facts.xml): a running
 * guest with two security labels and an agent channel, a shut-off one, and
 * a transient guest made here. */

typedef struct
{
  VdConnection *connection;
  VdDomain     *domain;
  GtkWidget    *window;
} Fixture;

static GtkWidget *
window_child (Fixture    *fixture,
              const char *name)
{
  GObject *child = gtk_widget_get_template_child (fixture->window, VD_TYPE_VM_WINDOW, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

static GtkWidget *
page_child (GtkWidget  *page,
            const char *name)
{
  GObject *child = gtk_widget_get_template_child (page, G_OBJECT_TYPE (page), name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

/* The page of Details section @name ("device-channel/0"), shown. */
static GtkWidget *
show_page (Fixture    *fixture,
           const char *name)
{
  GtkWidget *scrolled;

  vd_vm_window_set_page (VD_VM_WINDOW (fixture->window), name);
  g_assert_cmpstr (vd_vm_window_get_details_page (VD_VM_WINDOW (fixture->window)), ==, name);
  scrolled = gtk_stack_get_child_by_name (GTK_STACK (window_child (fixture, "details_stack")),
                                          name);
  g_assert_nonnull (scrolled);
  return gtk_bin_get_child (GTK_BIN (gtk_bin_get_child (GTK_BIN (scrolled))));
}

static const char *
label_text (GtkWidget  *page,
            const char *name)
{
  return gtk_label_get_text (GTK_LABEL (page_child (page, name)));
}

static void
fixture_open_window (Fixture    *fixture,
                     const char *guest)
{
  fixture->domain = vd_connection_find_domain_by_name (fixture->connection, guest);
  g_assert_nonnull (fixture->domain);
  fixture->window = GTK_WIDGET (vd_vm_window_new (NULL, fixture->domain, NULL));
  g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *)&fixture->window);
  gtk_window_resize (GTK_WINDOW (fixture->window), 900, 800);
  gtk_widget_show (fixture->window);
  vd_vm_window_set_page (VD_VM_WINDOW (fixture->window), "overview");
  VD_TEST_WAIT_UNTIL (gtk_widget_get_sensitive (window_child (fixture, "overview_page")) &&
                      !vd_domain_get_busy (fixture->domain), 30);
  gtk_test_widget_wait_for_draw (fixture->window);
}

static void
fixture_open (Fixture    *fixture,
              const char *guest)
{
  g_autofree char *uri = vd_test_fixture_uri ("overview-facts.xml");

  fixture->connection = vd_test_open (uri);
  fixture_open_window (fixture, guest);
}

static void
fixture_close (Fixture *fixture)
{
  if (fixture->window != NULL)
    gtk_widget_destroy (fixture->window);
  g_assert_null (fixture->window);
  vd_connection_disconnect (fixture->connection);
  g_clear_object (&fixture->connection);
}

/* "N h N min N s", the hours part only when there are hours. */
static gboolean
is_cpu_time (const char *text)
{
  return g_regex_match_simple ("^([0-9]+ h )?([0-9]+ min )?[0-9]+ s$", text, 0, 0);
}

/* Committing the Overview's fields onto the guest's editor changes
 * nothing: the facts are not part of Apply. */
static void
assert_commit_changes_nothing (Fixture *fixture)
{
  VdHardwarePage *page = VD_HARDWARE_PAGE (window_child (fixture, "overview_page"));
  VdDomainEditor *editor = vd_hardware_page_get_editor (page);
  g_autofree char *before = vd_domain_editor_get_xml (editor);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (vd_hardware_page_commit (page, editor, &error));
  g_assert_no_error (error);
  after = vd_domain_editor_get_xml (editor);
  g_assert_cmpstr (after, ==, before);
  vd_domain_editor_revert (editor);
  g_assert_false (gtk_widget_get_sensitive (window_child (fixture, "apply_button")));
}

/* A running guest: every fact, and the page following the guest. */
static void
test_running (void)
{
  Fixture fixture = { 0 };
  g_autoptr(GAsyncResult) result = NULL;
  GtkWidget *page;

  fixture_open (&fixture, "labelled");
  page = window_child (&fixture, "overview_page");

  g_assert_cmpstr (label_text (page, "id_label"), ==, "1");
  g_assert_cmpstr (label_text (page, "os_type_label"), ==, "hvm");
  g_assert_cmpstr (label_text (page, "arch_label"), ==, "x86_64");
  g_assert_cmpstr (label_text (page, "vcpus_label"), ==, "2");
  g_assert_cmpstr (label_text (page, "memory_label"), ==, "768.0\u00a0MiB");
  g_assert_cmpstr (label_text (page, "persistent_label"), ==, "Persistent");
  /* The live XML is read in a worker. */
  VD_TEST_WAIT_UNTIL (strstr (label_text (page, "security_label"), "selinux") != NULL, 30);
  g_assert_cmpstr (label_text (page, "security_label"), ==,
                   "selinux, static: system_u:system_r:svirt_t:s0:c100,c200\n"
                   "dac, dynamic");
  /* The test driver counts CPU time from the host's clock: hours of it. */
  VD_TEST_WAIT_UNTIL (vd_domain_get_cpu_time (fixture.domain) > 0, 30);
  g_assert_true (is_cpu_time (label_text (page, "cpu_time_label")));
  g_assert_nonnull (strstr (label_text (page, "cpu_time_label"), " h "));
  for (const char *const *name = (const char * const[]){ "id_label", "os_type_label",
                                                         "vcpus_label", "memory_label",
                                                         "cpu_time_label", "persistent_label",
                                                         "security_label", NULL };
       *name != NULL; name++)
    {
      g_assert_true (gtk_label_get_selectable (GTK_LABEL (page_child (page, *name))));
      g_assert_false (gtk_widget_get_can_focus (page_child (page, *name)) &&
                      GTK_IS_EDITABLE (page_child (page, *name)));
    }
  assert_commit_changes_nothing (&fixture);

  /* Shown again, the page reads the guest's CPU time again. */
  {
    guint64 before = vd_domain_get_cpu_time (fixture.domain);

    vd_vm_window_set_page (VD_VM_WINDOW (fixture.window), "os");
    vd_vm_window_set_page (VD_VM_WINDOW (fixture.window), "overview");
    VD_TEST_WAIT_UNTIL (vd_domain_get_cpu_time (fixture.domain) > before, 30);
  }

  /* vCPUs and memory follow the guest's refreshed values. */
  g_assert_cmpint (virDomainSetVcpusFlags (vd_domain_get_handle (fixture.domain), 1,
                                           VIR_DOMAIN_AFFECT_LIVE), ==, 0);
  g_assert_cmpint (virDomainSetMemoryFlags (vd_domain_get_handle (fixture.domain), 524288,
                                            VIR_DOMAIN_AFFECT_LIVE), ==, 0);
  vd_domain_refresh_async (fixture.domain, NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_RESULT (result);
  g_assert_true (vd_domain_refresh_finish (fixture.domain, result, NULL));
  VD_TEST_WAIT_UNTIL (g_str_equal (label_text (page, "vcpus_label"), "1") &&
                      g_str_equal (label_text (page, "memory_label"), "512.0\u00a0MiB"), 30);

  /* Stopped: no ID and no CPU time; the labels read again. */
  g_assert_cmpint (virDomainDestroy (vd_domain_get_handle (fixture.domain)), ==, 0);
  VD_TEST_WAIT_UNTIL (g_str_equal (label_text (page, "id_label"), "—"), 30);
  g_assert_cmpstr (label_text (page, "cpu_time_label"), ==, "—");
  g_assert_false (gtk_widget_get_sensitive (window_child (&fixture, "apply_button")));

  fixture_close (&fixture);
}

/* A shut-off guest without a security label. */
static void
test_shut_off (void)
{
  Fixture fixture = { 0 };
  GtkWidget *page;

  fixture_open (&fixture, "parked");
  page = window_child (&fixture, "overview_page");

  g_assert_cmpstr (label_text (page, "state_label"), ==, "Shut off");
  g_assert_cmpstr (label_text (page, "id_label"), ==, "—");
  g_assert_cmpstr (label_text (page, "cpu_time_label"), ==, "—");
  g_assert_cmpstr (label_text (page, "os_type_label"), ==, "hvm");
  g_assert_cmpstr (label_text (page, "persistent_label"), ==, "Persistent");
  VD_TEST_WAIT_UNTIL (g_str_equal (label_text (page, "security_label"), "none"), 30);
  assert_commit_changes_nothing (&fixture);

  fixture_close (&fixture);
}

/* A guest started from XML without a definition. */
static void
test_transient (void)
{
  Fixture fixture = { 0 };
  g_autofree char *uri = vd_test_fixture_uri ("overview-facts.xml");
  const char *xml = "<domain type='test'><name>fleeting</name>"
                    "<memory unit='KiB'>262144</memory><vcpu>1</vcpu>"
                    "<os><type arch='x86_64'>hvm</type></os></domain>";
  virDomainPtr created;
  GtkWidget *page;

  fixture.connection = vd_test_open (uri);
  created = virDomainCreateXML (vd_connection_get_handle (fixture.connection), xml, 0);
  g_assert_nonnull (created);
  virDomainFree (created);
  VD_TEST_WAIT_UNTIL (vd_connection_find_domain_by_name (fixture.connection, "fleeting") != NULL,
                      30);
  fixture_open_window (&fixture, "fleeting");
  page = window_child (&fixture, "overview_page");

  VD_TEST_WAIT_UNTIL (g_str_equal (label_text (page, "persistent_label"),
                                   "Transient (gone when it stops)"), 30);
  g_assert_cmpint (atoi (label_text (page, "id_label")), >, 0);
  g_assert_cmpstr (label_text (page, "memory_label"), ==, "256.0\u00a0MiB");

  fixture_close (&fixture);
}

/* The guest agent's channel says what libvirt knows of the agent. The
 * test driver keeps no channel state in its live XML: a running guest's is
 * unknown (the parsers' test covers connected and disconnected). */
static void
test_agent (void)
{
  Fixture fixture = { 0 };
  GtkWidget *page;

  fixture_open (&fixture, "labelled");
  page = show_page (&fixture, "device-channel/0");
  g_assert_true (gtk_widget_get_visible (page_child (page, "agent_state_label")));
  VD_TEST_WAIT_UNTIL (g_str_equal (label_text (page, "agent_state_label"),
                                   "Unknown (libvirt does not report it)"), 30);
  g_assert_true (gtk_label_get_selectable (GTK_LABEL (page_child (page, "agent_state_label"))));

  /* Stopping the guest is followed. */
  g_assert_cmpint (virDomainDestroy (vd_domain_get_handle (fixture.domain)), ==, 0);
  VD_TEST_WAIT_UNTIL (g_str_equal (label_text (page, "agent_state_label"),
                                   "Unknown (guest not running)"), 30);
  g_assert_false (gtk_widget_get_sensitive (window_child (&fixture, "apply_button")));
  fixture_close (&fixture);

  fixture_open (&fixture, "parked");
  page = show_page (&fixture, "device-channel/0");
  g_assert_cmpstr (label_text (page, "agent_state_label"), ==, "Unknown (guest not running)");
  fixture_close (&fixture);
}

/* The formats and parsers behind the rows. */
static void
test_parsers (void)
{
  g_autofree char *t0 = vd_format_cpu_time (0);
  g_autofree char *t1 = vd_format_cpu_time (G_GUINT64_CONSTANT (3723) * 1000000000 + 999);
  g_autofree char *t2 = vd_format_cpu_time (G_GUINT64_CONSTANT (62) * 1000000000);
  g_autofree char *none = vd_live_xml_get_security ("<domain><name>a</name></domain>");
  g_autofree char *type = vd_live_xml_get_os_type ("<domain><os><type arch='x86_64'> hvm "
                                                   "</type></os></domain>");
  const char *connected = "<domain><devices><channel type='unix'>"
                          "<target type='virtio' name='org.qemu.guest_agent.0' "
                          "state='connected'/></channel></devices></domain>";
  const char *disconnected = "<domain><devices><channel type='unix'>"
                             "<target type='virtio' name='org.qemu.guest_agent.0' "
                             "state='disconnected'/></channel></devices></domain>";
  const char *unknown = "<domain><devices><channel type='unix'>"
                        "<target type='virtio' name='org.qemu.guest_agent.0'/>"
                        "</channel></devices></domain>";
  const char *other = "<domain><devices><channel type='spicevmc'>"
                      "<target type='virtio' name='com.redhat.spice.0' state='connected'/>"
                      "</channel></devices></domain>";

  g_assert_cmpstr (t0, ==, "0 s");
  g_assert_cmpstr (t1, ==, "1 h 2 min 3 s");
  g_assert_cmpstr (t2, ==, "1 min 2 s");
  g_assert_cmpstr (none, ==, "none");
  g_assert_cmpstr (type, ==, "hvm");

  g_assert_cmpint (vd_live_xml_get_agent_state (connected), ==, VD_AGENT_STATE_CONNECTED);
  g_assert_cmpint (vd_live_xml_get_agent_state (disconnected), ==,
                   VD_AGENT_STATE_DISCONNECTED);
  g_assert_cmpint (vd_live_xml_get_agent_state (unknown), ==, VD_AGENT_STATE_UNKNOWN);
  g_assert_cmpint (vd_live_xml_get_agent_state (other), ==, VD_AGENT_STATE_NONE);
  g_assert_cmpint (vd_live_xml_get_agent_state ("not xml"), ==, VD_AGENT_STATE_NONE);

  g_assert_cmpstr (vd_agent_state_describe (VD_AGENT_STATE_CONNECTED, TRUE), ==, "Connected");
  g_assert_cmpstr (vd_agent_state_describe (VD_AGENT_STATE_DISCONNECTED, TRUE), ==,
                   "Not connected (is qemu-guest-agent running in the guest?)");
  g_assert_cmpstr (vd_agent_state_describe (VD_AGENT_STATE_CONNECTED, FALSE), ==,
                   "Unknown (guest not running)");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  gvir_init_object_check (NULL, NULL, NULL);

  g_test_add_func ("/vd/overview-facts/parsers", test_parsers);
  g_test_add_func ("/vd/overview-facts/running", test_running);
  g_test_add_func ("/vd/overview-facts/shut-off", test_shut_off);
  g_test_add_func ("/vd/overview-facts/transient", test_transient);
  g_test_add_func ("/vd/overview-facts/agent", test_agent);

  return g_test_run ();
}
