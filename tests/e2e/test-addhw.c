/* test-addhw.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <gtk/gtk.h>
#include <libvirt-gobject/libvirt-gobject.h>

#include "../vd-test-util.h"
#include "vd-add-hardware-dialog.h"
#include "vd-domain-editor.h"
#include "vd-e2e-util.h"

/*
 * The Add Hardware dialog on the real daemon: a NIC added to a running
 * QEMU guest through the dialog's widgets is hot-plugged (in the running
 * guest's XML at once, not waiting for a restart) and in its
 * configuration. The guest is named vd-e2e-addhw-PID and deleted at the
 * end.
 */

#define WAIT_SECONDS 60

static char *
domain_xml (VdDomain *domain,
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

static void
device_added_cb (VdAddHardwareDialog *dialog,
                 VdDomainEditor      *editor,
                 const char          *id,
                 gboolean             needs_restart,
                 int                 *restart)
{
  *restart = needs_restart;
}

static void
test_nic_hotplug (void)
{
  const char *uri = vd_e2e_require_env ("VD_E2E_SYSTEM_URI");
  g_autoptr(VdConnection) connection = vd_connection_new (uri);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("vd-e2e-addhw-%d", (int)getpid ());
  g_autofree char *xml = NULL;
  g_autofree char *running = NULL;
  g_autofree char *config = NULL;
  GtkWidget *dialog;
  GtkWidget *page;
  VdDomain *domain;
  virDomainPtr dom;
  int restart = -1;

  xml = g_strdup_printf (
    "<domain type='qemu'>"
    "  <name>%s</name>"
    "  <memory unit='MiB'>64</memory>"
    "  <vcpu>1</vcpu>"
    "  <os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/></os>"
    "  <features><acpi/></features>"
    "  <devices>"
    "    <interface type='user'><mac address='52:54:00:e2:e1:01'/>"
    "      <model type='e1000'/></interface>"
    "    <graphics type='vnc' autoport='yes' listen='127.0.0.1'/>"
    "  </devices>"
    "</domain>", name);

  vd_connection_open_async (connection, NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_UNTIL (result != NULL, WAIT_SECONDS);
  if (!vd_connection_open_finish (connection, result, &error))
    g_error ("could not open %s: %s", uri, error->message);
  dom = virDomainDefineXML (vd_connection_get_handle (connection), xml);
  if (dom == NULL)
    g_error ("virDomainDefineXML failed: %s", virGetLastErrorMessage ());
  if (virDomainCreate (dom) < 0)
    g_error ("virDomainCreate failed: %s", virGetLastErrorMessage ());
  virDomainFree (dom);
  VD_TEST_WAIT_UNTIL ((domain = vd_connection_find_domain_by_name (connection, name)) != NULL &&
                      vd_domain_get_active (domain), WAIT_SECONDS);

  dialog = vd_add_hardware_dialog_new (NULL, domain);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&dialog);
  g_signal_connect (dialog, "device-added", G_CALLBACK (device_added_cb), &restart);
  VD_TEST_WAIT_UNTIL (vd_add_hardware_dialog_get_loaded (VD_ADD_HARDWARE_DIALOG (dialog)),
                      WAIT_SECONDS);
  g_assert_true (vd_add_hardware_dialog_select_type (VD_ADD_HARDWARE_DIALOG (dialog),
                                                     "interface"));
  page = vd_add_hardware_dialog_get_page (VD_ADD_HARDWARE_DIALOG (dialog));
  /* The daemon may have no network "default": usermode networking. */
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (gtk_widget_get_template_child (page,
                                                                             G_OBJECT_TYPE (page),
                                                                             "type_combo")),
                               "user");
  gtk_entry_set_text (GTK_ENTRY (gtk_widget_get_template_child (page, G_OBJECT_TYPE (page),
                                                                "mac_entry")),
                      "52:54:00:e2:e1:02");
  gtk_button_clicked (GTK_BUTTON (gtk_widget_get_template_child (dialog,
                                                                 VD_TYPE_ADD_HARDWARE_DIALOG,
                                                                 "finish_button")));
  VD_TEST_WAIT_UNTIL (dialog == NULL ||
                      !vd_add_hardware_dialog_get_running (VD_ADD_HARDWARE_DIALOG (dialog)),
                      WAIT_SECONDS);
  if (dialog != NULL)
    g_error ("the dialog did not finish: %s",
             gtk_label_get_text (GTK_LABEL (gtk_widget_get_template_child (dialog,
                                                                           VD_TYPE_ADD_HARDWARE_DIALOG,
                                                                           "info_label"))));
  VD_TEST_WAIT_UNTIL (!vd_domain_get_busy (domain), WAIT_SECONDS);

  /* Live: in the running guest now, nothing waits for a restart. */
  g_assert_cmpint (restart, ==, FALSE);
  running = domain_xml (domain, FALSE);
  config = domain_xml (domain, TRUE);
  g_assert_nonnull (strstr (running, "52:54:00:e2:e1:02"));
  g_assert_nonnull (strstr (running, "52:54:00:e2:e1:01"));
  g_assert_nonnull (strstr (config, "52:54:00:e2:e1:02"));

  {
    g_autoptr(GAsyncResult) off = NULL;
    g_autoptr(GAsyncResult) deleted = NULL;

    vd_domain_force_off_async (domain, NULL, vd_test_async_result_cb, &off);
    VD_TEST_WAIT_UNTIL (off != NULL, WAIT_SECONDS);
    g_assert_true (vd_domain_force_off_finish (domain, off, NULL));
    vd_domain_delete_async (domain, VD_DOMAIN_DELETE_ALL_METADATA, NULL, NULL,
                            vd_test_async_result_cb, &deleted);
    VD_TEST_WAIT_UNTIL (deleted != NULL, WAIT_SECONDS);
    g_assert_true (vd_domain_delete_finish (domain, deleted, NULL));
  }
  vd_connection_disconnect (connection);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  gvir_init_object_check (NULL, NULL, NULL);

  g_test_add_func ("/vd/e2e/addhw/nic-hotplug", test_nic_hotplug);

  return g_test_run ();
}
