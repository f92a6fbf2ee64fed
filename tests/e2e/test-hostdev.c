/* test-hostdev.c
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
#include "vd-hardware-page-hostdev.h"
#include "vd-node-devices.h"
#include "vd-e2e-util.h"

/*
 * Host devices and USB redirection on the real daemon: the host's USB and
 * PCI node devices are listed (whatever this machine has: each parsed
 * with an address and a title, and the Add Hardware PCI list shows as
 * many); a USB redirection added through Add Hardware to a running QEMU
 * guest with a SPICE display is hot-plugged (in the running guest's XML
 * at once, nothing waiting for a restart) and in its configuration. The
 * guest is named vd-e2e-hostdev-PID and deleted at the end.
 */

/* Under ASan: GTK, libvirt-gobject and the dialog's XML preview make GLib
 * outgrow its first block of quarks, which it never frees
 * (tests/lsan.supp). Only a full stack names the constructor that
 * allocated it, so unwind slowly. Never called without a sanitizer. */
const char *__asan_default_options (void);

const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}

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

static guint
count (const char *haystack,
       const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;

  return n;
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

static VdConnection *
open_system (void)
{
  const char *uri = vd_e2e_require_env ("VD_E2E_SYSTEM_URI");
  VdConnection *connection = vd_connection_new (uri);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  vd_connection_open_async (connection, NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_UNTIL (result != NULL, WAIT_SECONDS);
  if (!vd_connection_open_finish (connection, result, &error))
    g_error ("could not open %s: %s", uri, error->message);

  return connection;
}

static void
delete_guest (VdDomain *domain)
{
  g_autoptr(GAsyncResult) off = NULL;
  g_autoptr(GAsyncResult) deleted = NULL;

  if (vd_domain_get_active (domain))
    {
      vd_domain_force_off_async (domain, NULL, vd_test_async_result_cb, &off);
      VD_TEST_WAIT_UNTIL (off != NULL, WAIT_SECONDS);
      g_assert_true (vd_domain_force_off_finish (domain, off, NULL));
    }
  vd_domain_delete_async (domain, VD_DOMAIN_DELETE_ALL_METADATA, NULL, NULL,
                          vd_test_async_result_cb, &deleted);
  VD_TEST_WAIT_UNTIL (deleted != NULL, WAIT_SECONDS);
  g_assert_true (vd_domain_delete_finish (domain, deleted, NULL));
}

/* A guest with a SPICE display and an XHCI controller, running. */
static VdDomain *
start_spice_guest (VdConnection *connection,
                   const char   *name)
{
  g_autofree char *base = vd_e2e_guest_xml (name);
  g_auto(GStrv) parts = g_strsplit (base, "<graphics type='vnc' autoport='yes' listen='127.0.0.1'/>",
                                    2);
  g_autofree char *xml = NULL;
  VdDomain *domain;
  virDomainPtr dom;

  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  xml = g_strconcat (parts[0],
                     "<controller type='usb' model='qemu-xhci'/>"
                     "<graphics type='spice' autoport='yes' listen='127.0.0.1'/>"
                     "<video><model type='qxl'/></video>",
                     parts[1], NULL);
  dom = virDomainDefineXML (vd_connection_get_handle (connection), xml);
  if (dom == NULL)
    g_error ("virDomainDefineXML failed: %s", virGetLastErrorMessage ());
  if (virDomainCreate (dom) < 0)
    g_error ("virDomainCreate failed: %s", virGetLastErrorMessage ());
  virDomainFree (dom);
  VD_TEST_WAIT_UNTIL ((domain = vd_connection_find_domain_by_name (connection, name)) != NULL &&
                      vd_domain_get_active (domain), WAIT_SECONDS);

  return domain;
}

static GtkWidget *
open_dialog (VdDomain *domain,
             int      *restart)
{
  GtkWidget *dialog = vd_add_hardware_dialog_new (NULL, domain);

  g_signal_connect (dialog, "device-added", G_CALLBACK (device_added_cb), restart);
  VD_TEST_WAIT_UNTIL (vd_add_hardware_dialog_get_loaded (VD_ADD_HARDWARE_DIALOG (dialog)),
                      WAIT_SECONDS);

  return dialog;
}

static void
test_node_devices (void)
{
  g_autoptr(VdConnection) connection = open_system ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) devices = NULL;
  g_autofree char *name = g_strdup_printf ("vd-e2e-hostdev-list-%d", (int)getpid ());
  guint n_pci = 0;
  int restart = -1;
  GtkWidget *dialog;
  GtkWidget *page;
  GtkTreeModel *model;
  VdDomain *domain;

  vd_connection_list_node_devices_async (connection, VD_NODE_DEVICE_USB | VD_NODE_DEVICE_PCI,
                                         NULL, NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_UNTIL (result != NULL, WAIT_SECONDS);
  devices = vd_connection_list_node_devices_finish (connection, result, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < devices->len; i++)
    {
      VdNodeDevice *device = devices->pdata[i];
      g_autofree char *title = vd_node_device_get_title (device);
      g_autofree char *address = vd_node_device_get_address (device);

      g_test_message ("%s: %s at %s, driver %s", device->name, title, address,
                      device->driver != NULL ? device->driver : "none");
      g_assert_nonnull (device->name);
      g_assert_true (device->type == VD_HOSTDEV_USB || device->type == VD_HOSTDEV_PCI);
      g_assert_cmpstr (title, !=, "");
      if (device->type == VD_HOSTDEV_PCI)
        n_pci++;
    }
  g_test_message ("%u host devices, %u of them PCI", devices->len, n_pci);

  /* Add Hardware's PCI list is the same. */
  domain = start_spice_guest (connection, name);
  dialog = open_dialog (domain, &restart);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&dialog);
  g_assert_true (vd_add_hardware_dialog_select_type (VD_ADD_HARDWARE_DIALOG (dialog),
                                                     "pci-hostdev"));
  page = vd_add_hardware_dialog_get_page (VD_ADD_HARDWARE_DIALOG (dialog));
  VD_TEST_WAIT_UNTIL (vd_hardware_page_hostdev_get_listed (VD_HARDWARE_PAGE_HOSTDEV (page)),
                      WAIT_SECONDS);
  model = gtk_tree_view_get_model (GTK_TREE_VIEW (gtk_widget_get_template_child (page,
                                                                                 G_OBJECT_TYPE (page),
                                                                                 "device_view")));
  g_assert_cmpint (gtk_tree_model_iter_n_children (model, NULL), ==, n_pci);
  /* nothing picked: Finish off */
  g_assert_false (gtk_widget_get_sensitive (
                    GTK_WIDGET (gtk_widget_get_template_child (dialog, VD_TYPE_ADD_HARDWARE_DIALOG,
                                                               "finish_button"))));
  gtk_widget_destroy (dialog);
  g_assert_null (dialog);

  delete_guest (domain);
  vd_connection_disconnect (connection);
}

static void
test_redirdev_hotplug (void)
{
  g_autoptr(VdConnection) connection = open_system ();
  g_autofree char *name = g_strdup_printf ("vd-e2e-hostdev-%d", (int)getpid ());
  g_autofree char *running = NULL;
  g_autofree char *config = NULL;
  GtkWidget *dialog;
  VdDomain *domain;
  int restart = -1;

  domain = start_spice_guest (connection, name);
  running = domain_xml (domain, FALSE);
  g_assert_cmpuint (count (running, "<redirdev "), ==, 0);
  g_clear_pointer (&running, g_free);

  dialog = open_dialog (domain, &restart);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&dialog);
  g_assert_true (vd_add_hardware_dialog_select_type (VD_ADD_HARDWARE_DIALOG (dialog),
                                                     "redirdev"));
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
  g_assert_cmpuint (count (running, "<redirdev bus='usb' type='spicevmc'"), ==, 1);
  g_assert_cmpuint (count (config, "<redirdev bus='usb' type='spicevmc'"), ==, 1);

  delete_guest (domain);
  vd_connection_disconnect (connection);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  gvir_init_object_check (NULL, NULL, NULL);

  g_test_add_func ("/vd/e2e/hostdev/node-devices", test_node_devices);
  g_test_add_func ("/vd/e2e/hostdev/redirdev-hotplug", test_redirdev_hotplug);

  return g_test_run ();
}
