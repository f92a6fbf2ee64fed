/* test-guestcfg.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>
#include <string.h>
#include <unistd.h>

#include <libvirt-gobject/libvirt-gobject.h>

#include "vd-connection.h"
#include "vd-domain-caps.h"
#include "vd-hardware-page.h"
#include "vd-vm-window.h"
#include "../vd-test-util.h"
#include "vd-e2e-util.h"

/*
 * End-to-end: the host's domain capabilities on a real libvirtd + QEMU
 * (tests/e2e/vd-e2e-daemon), which the test driver does not have: the
 * parser on the daemon's own answer (named CPU models usable under TCG),
 * the CPUs page refusing a model the host does not list and taking one it
 * does, and the Secure Boot box on a q35 guest following what the host
 * says of its UEFI firmware. The guest is named vd-e2e-guestcfg-<pid> and
 * never started.
 */

#define WAIT_SECONDS 60

typedef struct
{
  VdConnection *connection;
  char         *guest;
  GtkWidget    *window;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  const char *uri = vd_e2e_require_env ("VD_E2E_SYSTEM_URI");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = NULL;
  virDomainPtr dom;

  fixture->connection = vd_connection_new (uri);
  vd_connection_open_async (fixture->connection, NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_RESULT (result);
  if (!vd_connection_open_finish (fixture->connection, result, &error))
    g_error ("could not open %s: %s", uri, error->message);

  fixture->guest = g_strdup_printf ("vd-e2e-guestcfg-%d", (int)getpid ());
  xml = g_strdup_printf ("<domain type='qemu'>"
                         "  <name>%s</name>"
                         "  <memory unit='MiB'>64</memory>"
                         "  <vcpu>1</vcpu>"
                         "  <os><type arch='x86_64' machine='q35'>hvm</type></os>"
                         "  <features><acpi/><smm state='on'/></features>"
                         "</domain>", fixture->guest);
  dom = virDomainDefineXML (vd_connection_get_handle (fixture->connection), xml);
  if (dom == NULL)
    g_error ("virDomainDefineXML failed: %s", virGetLastErrorMessage ());
  virDomainFree (dom);
  VD_TEST_WAIT_UNTIL (vd_connection_find_domain_by_name (fixture->connection,
                                                         fixture->guest) != NULL,
                      WAIT_SECONDS);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  virDomainPtr dom;

  if (fixture->window != NULL)
    gtk_widget_destroy (fixture->window);
  dom = virDomainLookupByName (vd_connection_get_handle (fixture->connection), fixture->guest);
  if (dom != NULL)
    {
      virDomainUndefineFlags (dom, VIR_DOMAIN_UNDEFINE_NVRAM);
      virDomainFree (dom);
    }
  virResetLastError ();
  vd_connection_disconnect (fixture->connection);
  g_clear_object (&fixture->connection);
  g_free (fixture->guest);
}

static GtkWidget *
child (GtkWidget  *widget,
       GType       type,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (widget, type, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

static gboolean
shown (GtkWidget  *page,
       const char *name)
{
  GtkWidget *label = child (page, G_OBJECT_TYPE (page), name);

  return gtk_widget_get_visible (label) && gtk_label_get_text (GTK_LABEL (label))[0] != '\0';
}

static const char *
text (GtkWidget  *page,
      const char *name)
{
  return gtk_label_get_text (GTK_LABEL (child (page, G_OBJECT_TYPE (page), name)));
}

static char *
inactive_xml (Fixture *fixture)
{
  VdDomain *domain = vd_connection_find_domain_by_name (fixture->connection, fixture->guest);
  char *xml = virDomainGetXMLDesc (vd_domain_get_handle (domain), VIR_DOMAIN_XML_INACTIVE);
  char *ret = g_strdup (xml);

  free (xml);
  return ret;
}

static void
test_caps (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(VdDomainCaps) caps = NULL;
  g_autoptr(GError) error = NULL;

  vd_connection_get_domain_caps_async (fixture->connection, "qemu", NULL, "x86_64", "q35",
                                       NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_UNTIL (result != NULL, WAIT_SECONDS);
  caps = vd_connection_get_domain_caps_finish (fixture->connection, result, &error);
  g_assert_no_error (error);
  if (!caps->known)
    g_error ("the daemon gave no domain capabilities: %s", caps->reason);
  g_assert_true (caps->custom);
  g_assert_true (caps->maximum);
  g_assert_true (g_strv_contains ((const char * const *)caps->cpu_models, "qemu64"));
  g_assert_true (g_strv_contains ((const char * const *)caps->cpu_models, "qemu32"));
  g_test_message ("%u usable models; efi %d, secure boot %d",
                  g_strv_length (caps->cpu_models), caps->efi, caps->secure_boot);
}

static void
wait_apply (Fixture *fixture)
{
  GtkWidget *apply = child (fixture->window, VD_TYPE_VM_WINDOW, "apply_button");
  VdDomain *domain = vd_connection_find_domain_by_name (fixture->connection, fixture->guest);

  g_assert_true (gtk_widget_get_sensitive (apply));
  gtk_button_clicked (GTK_BUTTON (apply));
  VD_TEST_WAIT_UNTIL (!vd_domain_get_busy (domain) &&
                      gtk_widget_get_sensitive (child (fixture->window, VD_TYPE_VM_WINDOW,
                                                       "mode_stack")), WAIT_SECONDS);
}

static void
test_pages (Fixture       *fixture,
            gconstpointer  data)
{
  VdDomain *domain = vd_connection_find_domain_by_name (fixture->connection, fixture->guest);
  GtkWidget *cpu;
  GtkWidget *overview;
  GtkWidget *apply;
  VdDomainCaps *caps;
  g_autofree char *xml = NULL;
  g_autofree char *expected = NULL;
  const char *model;

  fixture->window = GTK_WIDGET (vd_vm_window_new (NULL, domain, NULL));
  g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *)&fixture->window);
  gtk_widget_show (fixture->window);
  vd_vm_window_set_page (VD_VM_WINDOW (fixture->window), "cpus");
  cpu = child (fixture->window, VD_TYPE_VM_WINDOW, "cpu_page");
  overview = child (fixture->window, VD_TYPE_VM_WINDOW, "overview_page");
  apply = child (fixture->window, VD_TYPE_VM_WINDOW, "apply_button");
  VD_TEST_WAIT_UNTIL (gtk_widget_get_sensitive (cpu) && shown (cpu, "caps_message"),
                      WAIT_SECONDS);
  /* The host's list, counted on the page */
  g_assert_nonnull (strstr (text (cpu, "caps_message"), "named model"));

  gtk_combo_box_set_active_id (GTK_COMBO_BOX (child (cpu, G_OBJECT_TYPE (cpu), "mode_combo")),
                               "custom");
  gtk_entry_set_text (GTK_ENTRY (child (cpu, G_OBJECT_TYPE (cpu), "model_entry")),
                      "NoSuchModel-v9");
  g_assert_true (shown (cpu, "model_message"));
  g_assert_nonnull (strstr (text (cpu, "model_message"), "does not offer"));
  g_assert_false (gtk_widget_get_sensitive (apply));

  /* libvirt may have written a default model for a TCG guest: take
   * another one the host lists. */
  xml = inactive_xml (fixture);
  model = strstr (xml, ">qemu64</model>") != NULL ? "qemu32" : "qemu64";
  g_test_message ("as defined: %s; choosing %s", xml, model);
  gtk_entry_set_text (GTK_ENTRY (child (cpu, G_OBJECT_TYPE (cpu), "model_entry")), model);
  g_assert_false (shown (cpu, "model_message"));
  wait_apply (fixture);
  g_free (xml);
  xml = inactive_xml (fixture);
  expected = g_strdup_printf (">%s</model>", model);
  g_assert_nonnull (strstr (xml, expected));

  /* Secure Boot: offered exactly when the host says so, once UEFI is chosen */
  vd_vm_window_set_page (VD_VM_WINDOW (fixture->window), "overview");
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (child (overview, G_OBJECT_TYPE (overview),
                                                     "firmware_combo")), "efi");
  {
    g_autofree char *type = NULL, *emulator = NULL, *arch = NULL, *machine = NULL;

    /* what the page asked about: the names in the guest's XML as libvirt
     * expanded them (pc-q35-N.M, the emulator's path) */
    vd_domain_caps_names_from_xml (xml, &type, &emulator, &arch, &machine);
    VD_TEST_WAIT_UNTIL ((caps = vd_connection_peek_domain_caps (fixture->connection, type,
                                                                emulator, arch,
                                                                machine)) != NULL,
                        WAIT_SECONDS);
  }
  /* the caps arrived; the box follows at the next judgement */
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (child (overview, G_OBJECT_TYPE (overview),
                                                     "firmware_combo")), "bios");
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (child (overview, G_OBJECT_TYPE (overview),
                                                     "firmware_combo")), "efi");
  g_assert_true (caps->known);
  g_assert_cmpint (gtk_widget_get_sensitive (child (overview, G_OBJECT_TYPE (overview),
                                                    "secure_check")), ==, caps->secure_boot);
  g_assert_cmpint (shown (overview, "secure_reason"), ==, !caps->secure_boot);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check (&argc, &argv))
    g_error ("no display: run the e2e suite under xvfb-run");
  gvir_init_object_check (NULL, NULL, NULL);

  g_test_add ("/vd/e2e/guestcfg/caps", Fixture, NULL, fixture_setup, test_caps,
              fixture_teardown);
  g_test_add ("/vd/e2e/guestcfg/pages", Fixture, NULL, fixture_setup, test_pages,
              fixture_teardown);

  return g_test_run ();
}
