/* test-hostdev-pages.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <libvirt-gobject/libvirt-gobject.h>
#include <locale.h>
#include <string.h>

#include "vd-add-hardware-dialog.h"
#include "vd-connection-host.h"
#include "vd-domain-editor-devices.h"
#include "vd-hardware-page-device.h"
#include "vd-hardware-page-hostdev.h"
#include "vd-hardware-page-redirdev.h"
#include "vd-vm-window.h"
#include "../vd-test-util.h"

/* Under ASan: the XML tab's highlighting makes GLib outgrow its first block
 * of quarks, which it never frees (tests/lsan.supp). Only a full stack names
 * the constructor that allocated it, so unwind slowly. */
const char *__asan_default_options (void);

const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}

/* The host device and USB redirection pages on a test-driver host with
 * USB and PCI node devices (tests/data/hostdev.xml): the guest "hd"'s USB
 * host device, PCI host device and TCP redirection each get one field
 * changed through the widgets, applied and read back from libvirt, where
 * only that part differs; another host device is picked from the host's
 * list; bad input (a TCP port out of range, a bad host, no device picked)
 * keeps Apply / Finish off with the message next to the field; Add
 * Hardware adds a USB host device, a PCI host device (one another guest
 * has: a warning) and a USB redirection, each exactly one new device. */

typedef struct
{
  VdConnection *connection;
  VdDomain     *domain;
  GtkWidget    *window;
  GtkWidget    *dialog;
} Fixture;

static char *
inactive_xml (VdDomain *domain)
{
  char *xml = virDomainGetXMLDesc (vd_domain_get_handle (domain), VIR_DOMAIN_XML_INACTIVE);
  char *ret = g_strdup (xml);

  free (xml);
  return ret;
}

static GtkWidget *
template_child (GtkWidget  *widget,
                GType       type,
                const char *name)
{
  GObject *child = gtk_widget_get_template_child (widget, type, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

#define WINDOW_CHILD(fixture, name) template_child ((fixture)->window, VD_TYPE_VM_WINDOW, name)
#define DIALOG_CHILD(fixture, name) \
  template_child ((fixture)->dialog, VD_TYPE_ADD_HARDWARE_DIALOG, name)
#define PAGE_CHILD(page, name) template_child (page, G_OBJECT_TYPE (page), name)

static void
fixture_open (Fixture *fixture)
{
  g_autofree char *uri = vd_test_fixture_uri ("hostdev.xml");

  fixture->connection = vd_test_open (uri);
  VD_TEST_WAIT_UNTIL (vd_connection_get_host_loaded (fixture->connection), 30);
  fixture->domain = vd_connection_find_domain_by_name (fixture->connection, "hd");
  g_assert_nonnull (fixture->domain);
}

static void
open_window (Fixture *fixture)
{
  fixture->window = GTK_WIDGET (vd_vm_window_new (NULL, fixture->domain, NULL));
  g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *)&fixture->window);
  gtk_window_resize (GTK_WINDOW (fixture->window), 1000, 900);
  gtk_widget_show (fixture->window);
  vd_vm_window_set_page (VD_VM_WINDOW (fixture->window), "overview");
  VD_TEST_WAIT_UNTIL (gtk_widget_get_sensitive (WINDOW_CHILD (fixture, "overview_page")) &&
                      !vd_domain_get_busy (fixture->domain), 30);
  gtk_test_widget_wait_for_draw (fixture->window);
}

static void
fixture_close (Fixture *fixture)
{
  if (fixture->dialog != NULL)
    gtk_widget_destroy (fixture->dialog);
  g_assert_null (fixture->dialog);
  if (fixture->window != NULL)
    gtk_widget_destroy (fixture->window);
  g_assert_null (fixture->window);
  vd_connection_disconnect (fixture->connection);
  g_clear_object (&fixture->connection);
}

/* The page of Details section @name ("device-hostdev/0"), shown. */
static GtkWidget *
show_page (Fixture    *fixture,
           const char *name)
{
  GtkWidget *scrolled;
  GtkWidget *viewport;

  vd_vm_window_set_page (VD_VM_WINDOW (fixture->window), name);
  g_assert_cmpstr (vd_vm_window_get_details_page (VD_VM_WINDOW (fixture->window)), ==, name);
  scrolled = gtk_stack_get_child_by_name (GTK_STACK (WINDOW_CHILD (fixture, "details_stack")),
                                          name);
  g_assert_nonnull (scrolled);
  viewport = gtk_bin_get_child (GTK_BIN (scrolled));
  return gtk_bin_get_child (GTK_BIN (viewport));
}

static gboolean
apply_sensitive (Fixture *fixture)
{
  return gtk_widget_get_sensitive (WINDOW_CHILD (fixture, "apply_button"));
}

static void
apply (Fixture *fixture)
{
  g_assert_true (apply_sensitive (fixture));
  gtk_button_clicked (GTK_BUTTON (WINDOW_CHILD (fixture, "apply_button")));
  g_assert_false (apply_sensitive (fixture));
  VD_TEST_WAIT_UNTIL (!vd_domain_get_busy (fixture->domain) &&
                      gtk_widget_get_sensitive (WINDOW_CHILD (fixture, "mode_stack")), 30);
}

/* Asserts that @after differs from @before in exactly the lines @removed
 * (gone) and @added (new), each NULL-terminated. */
static void
assert_lines_changed (const char         *before,
                      const char         *after,
                      const char * const *removed,
                      const char * const *added)
{
  g_auto(GStrv) old_lines = g_strsplit (before, "\n", -1);
  g_auto(GStrv) new_lines = g_strsplit (after, "\n", -1);
  g_autoptr(GPtrArray) gone = g_ptr_array_new ();
  g_autoptr(GPtrArray) came = g_ptr_array_new ();

  for (guint i = 0; old_lines[i] != NULL; i++)
    if (!g_strv_contains ((const char * const *)new_lines, old_lines[i]))
      g_ptr_array_add (gone, g_strstrip (old_lines[i]));
  for (guint i = 0; new_lines[i] != NULL; i++)
    if (!g_strv_contains ((const char * const *)old_lines, new_lines[i]))
      g_ptr_array_add (came, g_strstrip (new_lines[i]));

  for (guint i = 0; i < gone->len; i++)
    if (!g_strv_contains (removed, gone->pdata[i]))
      g_error ("line unexpectedly gone: %s\n--- after:\n%s", (char *)gone->pdata[i], after);
  for (guint i = 0; i < came->len; i++)
    if (!g_strv_contains (added, came->pdata[i]))
      g_error ("line unexpectedly new: %s\n--- after:\n%s", (char *)came->pdata[i], after);
  g_assert_cmpuint (gone->len, ==, g_strv_length ((GStrv)removed));
  g_assert_cmpuint (came->len, ==, g_strv_length ((GStrv)added));
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

#define APPLY_AND_CHECK(fixture, before, removed, added) \
  G_STMT_START { \
    g_autofree char *after_ = NULL; \
    apply (fixture); \
    after_ = inactive_xml ((fixture)->domain); \
    assert_lines_changed (before, after_, removed, added); \
    g_free (before); \
    before = g_steal_pointer (&after_); \
  } G_STMT_END

static gboolean
message_shown (GtkWidget *label)
{
  return gtk_widget_get_visible (label) && gtk_label_get_text (GTK_LABEL (label))[0] != '\0';
}

/* The warning that another guest has the device. */
static gboolean
used_shown (GtkWidget *page)
{
  return gtk_widget_get_visible (PAGE_CHILD (page, "used_box")) &&
         message_shown (PAGE_CHILD (page, "used_label"));
}

static const char *
label_text (GtkWidget  *page,
            const char *name)
{
  return gtk_label_get_text (GTK_LABEL (PAGE_CHILD (page, name)));
}

static void
wait_listed (GtkWidget *page)
{
  VD_TEST_WAIT_UNTIL (vd_hardware_page_hostdev_get_listed (VD_HARDWARE_PAGE_HOSTDEV (page)), 30);
}

/* Every host device and USB redirection page of every corpus guest
 * (tests/data/domains), loaded and committed unchanged into a copy of the
 * guest's editor (as Apply would): valid, not dirty, the XML byte for byte
 * as libvirt wrote it. */
static void
test_corpus_unchanged (void)
{
  g_autofree char *dir_path = g_build_filename (VD_TEST_DATA_DIR, "domains", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;
  guint hostdevs = 0, redirdevs = 0;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autofree char *xml = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(VdDomainEditor) editor = NULL;
      g_autoptr(GPtrArray) devices = NULL;

      if (!g_str_has_suffix (name, ".xml"))
        continue;
      g_file_get_contents (path, &xml, NULL, &error);
      g_assert_no_error (error);
      editor = vd_domain_editor_new_from_xml (xml, &error);
      g_assert_no_error (error);
      devices = vd_domain_editor_list_devices (editor);
      for (guint j = 0; j < devices->len; j++)
        {
          const VdDeviceRef *device = devices->pdata[j];
          VdDeviceKind kind = vd_device_ref_get_kind (device);
          VdHardwarePage *page;
          g_autofree char *before = NULL;
          g_autofree char *after = NULL;
          g_autoptr(VdDomainEditor) copy = NULL;

          if (kind != VD_DEVICE_KIND_HOSTDEV && kind != VD_DEVICE_KIND_REDIRDEV)
            continue;
          page = g_object_ref_sink (vd_hardware_page_device_new_for (kind,
                                                                     vd_device_ref_get_id (device)));
          g_assert_true (kind == VD_DEVICE_KIND_HOSTDEV ? VD_IS_HARDWARE_PAGE_HOSTDEV (page)
                                                        : VD_IS_HARDWARE_PAGE_REDIRDEV (page));
          vd_hardware_page_set_editor (page, editor);
          if (!vd_hardware_page_get_valid (page))
            g_error ("%s, %s: the page finds its own values invalid", name,
                     vd_device_ref_get_label (device));
          g_assert_false (vd_hardware_page_get_dirty (page));
          before = vd_domain_editor_get_xml (editor);
          copy = vd_domain_editor_new_from_xml (before, &error);
          g_assert_no_error (error);
          g_assert_true (vd_hardware_page_commit (page, copy, &error));
          g_assert_no_error (error);
          after = vd_domain_editor_get_xml (copy);
          if (g_strcmp0 (before, after) != 0)
            g_error ("%s, %s: committed unchanged, the XML changed:\n%s", name,
                     vd_device_ref_get_label (device), after);
          if (kind == VD_DEVICE_KIND_HOSTDEV)
            hostdevs++;
          else
            redirdevs++;
          gtk_widget_destroy (GTK_WIDGET (page));
          g_object_unref (page);
        }
    }

  g_assert_cmpuint (hostdevs, >, 10);
  g_assert_cmpuint (redirdevs, >, 5);
}

/* USB: the startup policy, then another device from the host's list. */
static void
test_usb (void)
{
  Fixture fixture = { 0 };
  g_autofree char *before = NULL;
  GtkWidget *page;
  const char *policy_removed[] = { "<source startupPolicy='optional'>", NULL };
  const char *policy_added[] = { "<source startupPolicy='requisite'>", NULL };
  const char *device_removed[] = { "<vendor id='0x1234'/>", "<product id='0x5678'/>", NULL };
  const char *device_added[] = { "<vendor id='0x046d'/>", "<product id='0xc52b'/>", NULL };

  fixture_open (&fixture);
  open_window (&fixture);
  before = inactive_xml (fixture.domain);

  page = show_page (&fixture, "device-hostdev/0");
  g_assert_true (VD_IS_HARDWARE_PAGE_HOSTDEV (page));
  wait_listed (page);
  g_assert_cmpstr (label_text (page, "heading_label"), ==, "USB host device");
  g_assert_cmpstr (label_text (page, "device_label"), ==, "Example Storage Co. Flash Stick");
  g_assert_cmpstr (label_text (page, "address_label"), ==, "USB 001:003 (1234:5678)");
  g_assert_true (gtk_widget_get_visible (PAGE_CHILD (page, "remove_button")));
  g_assert_true (gtk_widget_get_visible (PAGE_CHILD (page, "change_button")));
  g_assert_false (gtk_widget_get_visible (PAGE_CHILD (page, "chooser_box")));
  g_assert_false (gtk_widget_get_visible (PAGE_CHILD (page, "managed_check")));
  g_assert_cmpstr (gtk_combo_box_get_active_id (GTK_COMBO_BOX (PAGE_CHILD (page, "policy_combo"))),
                   ==, "optional");
  g_assert_false (apply_sensitive (&fixture));

  g_assert_true (gtk_combo_box_set_active_id (GTK_COMBO_BOX (PAGE_CHILD (page, "policy_combo")),
                                              "requisite"));
  APPLY_AND_CHECK (&fixture, before, policy_removed, policy_added);

  page = show_page (&fixture, "device-hostdev/0");
  gtk_button_clicked (GTK_BUTTON (PAGE_CHILD (page, "change_button")));
  g_assert_true (gtk_widget_get_visible (PAGE_CHILD (page, "chooser_box")));
  wait_listed (page);
  /* The search narrows the list: only the Logitech receiver matches. */
  gtk_entry_set_text (GTK_ENTRY (PAGE_CHILD (page, "search_entry")), "logitech");
  g_signal_emit_by_name (PAGE_CHILD (page, "search_entry"), "search-changed");
  g_assert_cmpint (gtk_tree_model_iter_n_children (
                     gtk_tree_view_get_model (GTK_TREE_VIEW (PAGE_CHILD (page, "device_view"))),
                     NULL), ==, 1);
  g_assert_false (vd_hardware_page_hostdev_select_device (VD_HARDWARE_PAGE_HOSTDEV (page),
                                                          "usb_1_3"));
  g_assert_true (vd_hardware_page_hostdev_select_device (VD_HARDWARE_PAGE_HOSTDEV (page),
                                                         "usb_2_5"));
  g_assert_cmpstr (label_text (page, "device_label"), ==, "Logitech, Inc. Unifying Receiver");
  g_assert_false (used_shown (page));
  APPLY_AND_CHECK (&fixture, before, device_removed, device_added);

  fixture_close (&fixture);
}

/* PCI: managed, ROM BAR, and a device another guest has (a warning). */
static void
test_pci (void)
{
  Fixture fixture = { 0 };
  g_autofree char *before = NULL;
  GtkWidget *page;
  const char *managed_removed[] = { "<hostdev mode='subsystem' type='pci' managed='yes'>", NULL };
  const char *managed_added[] = { "<hostdev mode='subsystem' type='pci' managed='no'>", NULL };
  const char *rom_removed[] = { "<rom bar='on' file='/usr/share/vd-test/nic.rom'/>", NULL };
  const char *rom_added[] = { "<rom bar='off' file='/usr/share/vd-test/nic.rom'/>", NULL };
  const char *address_removed[] = {
    "<address domain='0x0000' bus='0x02' slot='0x00' function='0x0'/>", NULL
  };
  const char *address_added[] = {
    "<address domain='0x0000' bus='0x00' slot='0x1f' function='0x3'/>", NULL
  };

  fixture_open (&fixture);
  open_window (&fixture);
  before = inactive_xml (fixture.domain);

  page = show_page (&fixture, "device-hostdev/1");
  wait_listed (page);
  g_assert_cmpstr (label_text (page, "heading_label"), ==, "PCI host device");
  g_assert_cmpstr (label_text (page, "device_label"), ==,
                   "Intel Corporation 82574L Gigabit Network Connection");
  g_assert_cmpstr (label_text (page, "address_label"), ==, "PCI 0000:02:00.0 (8086:10d3)");
  g_assert_false (gtk_widget_get_visible (PAGE_CHILD (page, "policy_combo")));
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (PAGE_CHILD (page,
                                                                              "managed_check"))));
  g_assert_cmpstr (gtk_combo_box_get_active_id (GTK_COMBO_BOX (PAGE_CHILD (page, "rom_combo"))),
                   ==, "on");

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (PAGE_CHILD (page, "managed_check")), FALSE);
  APPLY_AND_CHECK (&fixture, before, managed_removed, managed_added);

  page = show_page (&fixture, "device-hostdev/1");
  g_assert_true (gtk_combo_box_set_active_id (GTK_COMBO_BOX (PAGE_CHILD (page, "rom_combo")),
                                              "off"));
  APPLY_AND_CHECK (&fixture, before, rom_removed, rom_added);

  page = show_page (&fixture, "device-hostdev/1");
  gtk_button_clicked (GTK_BUTTON (PAGE_CHILD (page, "change_button")));
  wait_listed (page);
  g_assert_true (vd_hardware_page_hostdev_select_device (VD_HARDWARE_PAGE_HOSTDEV (page),
                                                         "pci_0000_00_1f_3"));
  g_assert_true (used_shown (page));
  g_assert_nonnull (strstr (label_text (page, "used_label"), "“other”"));
  APPLY_AND_CHECK (&fixture, before, address_removed, address_added);

  fixture_close (&fixture);
}

static void
set_entry (GtkWidget  *page,
           const char *name,
           const char *text)
{
  gtk_entry_set_text (GTK_ENTRY (PAGE_CHILD (page, name)), text);
}

/* USB redirection over TCP: bad ports and hosts keep Apply off with their
 * message; a new port is applied; then SPICE. */
static void
test_redirdev (void)
{
  Fixture fixture = { 0 };
  g_autofree char *before = NULL;
  GtkWidget *page;
  const char *port_removed[] = {
    "<source mode='connect' host='usbhost.example.com' service='4000'/>", NULL
  };
  const char *port_added[] = {
    "<source mode='connect' host='usbhost.example.com' service='4001'/>", NULL
  };
  const char *spice_removed[] = {
    "<redirdev bus='usb' type='tcp'>",
    "<source mode='connect' host='usbhost.example.com' service='4001'/>",
    "<protocol type='raw'/>", NULL
  };
  const char *spice_added[] = { "<redirdev bus='usb' type='spicevmc'>", NULL };

  fixture_open (&fixture);
  open_window (&fixture);
  before = inactive_xml (fixture.domain);

  page = show_page (&fixture, "device-redirdev/0");
  g_assert_true (VD_IS_HARDWARE_PAGE_REDIRDEV (page));
  g_assert_cmpstr (label_text (page, "heading_label"), ==, "USB redirection");
  g_assert_cmpstr (gtk_combo_box_get_active_id (GTK_COMBO_BOX (PAGE_CHILD (page, "type_combo"))),
                   ==, "tcp");
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (PAGE_CHILD (page, "host_entry"))), ==,
                   "usbhost.example.com");
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (PAGE_CHILD (page, "port_entry"))), ==, "4000");
  g_assert_nonnull (strstr (label_text (page, "filter_label"),
                            "Allow: class 0x08, vendor 0x1234, product 0x5678, version 2.00"));
  g_assert_nonnull (strstr (label_text (page, "filter_label"),
                            "Deny: class any, vendor any, product any, version any"));

  set_entry (page, "port_entry", "70000");
  g_assert_true (message_shown (PAGE_CHILD (page, "port_message")));
  g_assert_false (apply_sensitive (&fixture));
  set_entry (page, "port_entry", "0");
  g_assert_true (message_shown (PAGE_CHILD (page, "port_message")));
  g_assert_false (apply_sensitive (&fixture));
  set_entry (page, "port_entry", "4001");
  g_assert_false (message_shown (PAGE_CHILD (page, "port_message")));
  set_entry (page, "host_entry", "bad host");
  g_assert_true (message_shown (PAGE_CHILD (page, "host_message")));
  g_assert_false (apply_sensitive (&fixture));
  set_entry (page, "host_entry", "usbhost.example.com");
  g_assert_false (message_shown (PAGE_CHILD (page, "host_message")));
  APPLY_AND_CHECK (&fixture, before, port_removed, port_added);

  page = show_page (&fixture, "device-redirdev/0");
  g_assert_true (gtk_combo_box_set_active_id (GTK_COMBO_BOX (PAGE_CHILD (page, "type_combo")),
                                              "spicevmc"));
  g_assert_false (gtk_widget_get_visible (PAGE_CHILD (page, "host_entry")));
  APPLY_AND_CHECK (&fixture, before, spice_removed, spice_added);

  fixture_close (&fixture);
}

/* Add Hardware */

static void
open_dialog (Fixture *fixture)
{
  fixture->dialog = vd_add_hardware_dialog_new (NULL, fixture->domain);
  g_object_add_weak_pointer (G_OBJECT (fixture->dialog), (gpointer *)&fixture->dialog);
  VD_TEST_WAIT_UNTIL (vd_add_hardware_dialog_get_loaded (VD_ADD_HARDWARE_DIALOG (fixture->dialog)),
                      30);
  gtk_test_widget_wait_for_draw (fixture->dialog);
}

static gboolean
finish_sensitive (Fixture *fixture)
{
  return gtk_widget_get_sensitive (DIALOG_CHILD (fixture, "finish_button"));
}

static void
finish (Fixture *fixture)
{
  g_assert_true (finish_sensitive (fixture));
  gtk_button_clicked (GTK_BUTTON (DIALOG_CHILD (fixture, "finish_button")));
  VD_TEST_WAIT_UNTIL (fixture->dialog == NULL, 30);
  VD_TEST_WAIT_UNTIL (!vd_domain_get_busy (fixture->domain), 30);
}

/* libvirt's XML @after has every device of @before (the same XML) and one
 * more, which has @expect; no line of @before is gone. */
static void
assert_one_new_device (const char *before,
                       const char *after,
                       const char *expect)
{
  g_autoptr(VdDomainEditor) old_editor = vd_domain_editor_new_from_xml (before, NULL);
  g_autoptr(VdDomainEditor) new_editor = vd_domain_editor_new_from_xml (after, NULL);
  g_autoptr(GPtrArray) old_devices = vd_domain_editor_list_devices (old_editor);
  g_autoptr(GPtrArray) new_devices = vd_domain_editor_list_devices (new_editor);
  g_autoptr(GPtrArray) left = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) old_lines = g_strsplit (before, "\n", -1);
  g_auto(GStrv) new_lines = g_strsplit (after, "\n", -1);

  for (guint i = 0; old_lines[i] != NULL; i++)
    if (!g_strv_contains ((const char * const *)new_lines, old_lines[i]))
      g_error ("line unexpectedly gone: %s\n--- after:\n%s", old_lines[i], after);
  for (guint i = 0; i < new_devices->len; i++)
    g_ptr_array_add (left, vd_domain_editor_get_device_xml (new_editor,
                                                            vd_device_ref_get_id (new_devices->pdata[i])));
  for (guint i = 0; i < old_devices->len; i++)
    {
      g_autofree char *xml = vd_domain_editor_get_device_xml (old_editor,
                                                             vd_device_ref_get_id (old_devices->pdata[i]));
      gboolean found = FALSE;

      for (guint j = 0; j < left->len && !found; j++)
        if (g_strcmp0 (left->pdata[j], xml) == 0)
          {
            g_ptr_array_remove_index (left, j);
            found = TRUE;
          }
      if (!found)
        g_error ("a device changed: %s\n--- after:\n%s", xml, after);
    }
  g_assert_cmpuint (left->len, ==, 1);
  if (strstr (left->pdata[0], expect) == NULL)
    g_error ("the new device has no %s: %s", expect, (char *)left->pdata[0]);
}

static void
add_hostdev (const char *type,
             const char *device,
             const char *expect,
             gboolean    used)
{
  Fixture fixture = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GtkWidget *page;

  fixture_open (&fixture);
  before = inactive_xml (fixture.domain);
  open_dialog (&fixture);
  g_assert_true (vd_add_hardware_dialog_select_type (VD_ADD_HARDWARE_DIALOG (fixture.dialog),
                                                     type));
  page = vd_add_hardware_dialog_get_page (VD_ADD_HARDWARE_DIALOG (fixture.dialog));
  g_assert_true (VD_IS_HARDWARE_PAGE_HOSTDEV (page));
  g_assert_true (vd_hardware_page_device_get_new_device (VD_HARDWARE_PAGE_DEVICE (page)));
  /* The host's list at once, no Change…, no Remove… */
  g_assert_true (gtk_widget_get_visible (PAGE_CHILD (page, "chooser_box")));
  g_assert_false (gtk_widget_get_visible (PAGE_CHILD (page, "change_button")));
  g_assert_false (gtk_widget_get_visible (PAGE_CHILD (page, "remove_button")));
  wait_listed (page);
  /* Nothing picked: Finish off, and the page says why. */
  g_assert_false (finish_sensitive (&fixture));
  g_assert_true (message_shown (PAGE_CHILD (page, "device_message")));
  g_assert_true (vd_hardware_page_hostdev_select_device (VD_HARDWARE_PAGE_HOSTDEV (page), device));
  g_assert_false (message_shown (PAGE_CHILD (page, "device_message")));
  g_assert_cmpint (used_shown (page), ==, used);
  finish (&fixture);

  after = inactive_xml (fixture.domain);
  g_assert_cmpuint (count (after, "<hostdev "), ==, count (before, "<hostdev ") + 1);
  assert_one_new_device (before, after, expect);

  fixture_close (&fixture);
}

static void
test_add_usb (void)
{
  add_hostdev ("usb-hostdev", "usb_2_5",
               "<source><vendor id=\"0x046d\"/><product id=\"0xc52b\"/></source>", FALSE);
}

/* A device the guest "other" has: the warning, and it is added. */
static void
test_add_pci (void)
{
  add_hostdev ("pci-hostdev", "pci_0000_00_1f_3",
               "<address domain=\"0x0000\" bus=\"0x00\" slot=\"0x1f\" function=\"0x3\"/>",
               TRUE);
}

static void
test_add_redirdev (void)
{
  Fixture fixture = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GtkWidget *page;

  fixture_open (&fixture);
  before = inactive_xml (fixture.domain);
  open_dialog (&fixture);
  g_assert_true (vd_add_hardware_dialog_select_type (VD_ADD_HARDWARE_DIALOG (fixture.dialog),
                                                     "redirdev"));
  page = vd_add_hardware_dialog_get_page (VD_ADD_HARDWARE_DIALOG (fixture.dialog));
  g_assert_true (VD_IS_HARDWARE_PAGE_REDIRDEV (page));
  g_assert_cmpstr (gtk_combo_box_get_active_id (GTK_COMBO_BOX (PAGE_CHILD (page, "type_combo"))),
                   ==, "spicevmc");
  g_assert_true (finish_sensitive (&fixture));

  /* Over TCP, a port out of range keeps Finish off. */
  g_assert_true (gtk_combo_box_set_active_id (GTK_COMBO_BOX (PAGE_CHILD (page, "type_combo")),
                                              "tcp"));
  set_entry (page, "host_entry", "192.0.2.9");
  set_entry (page, "port_entry", "65536");
  g_assert_true (message_shown (PAGE_CHILD (page, "port_message")));
  g_assert_false (finish_sensitive (&fixture));
  set_entry (page, "port_entry", "4100");
  g_assert_false (message_shown (PAGE_CHILD (page, "port_message")));
  g_assert_true (finish_sensitive (&fixture));
  finish (&fixture);

  after = inactive_xml (fixture.domain);
  g_assert_cmpuint (count (after, "<redirdev "), ==, count (before, "<redirdev ") + 1);
  assert_one_new_device (before, after, "host=\"192.0.2.9\" service=\"4100\"");

  fixture_close (&fixture);
}

/* Screenshots (only with VD_TEST_SHOTS_DIR set, in the language of the
 * environment, with VD_LOCALEDIR for the catalogues): the three pages and
 * Add Hardware's list of the host's USB devices. */
static void
shoot (GtkWidget  *window,
       const char *what)
{
  const char *dir = g_getenv ("VD_TEST_SHOTS_DIR");
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  GdkWindow *gdk_window;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);
  for (guint i = 0; i < 20; i++)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (10000);
    }
  gdk_window = gtk_widget_get_window (window);
  pixbuf = gdk_pixbuf_get_from_window (gdk_window, 0, 0, gdk_window_get_width (gdk_window),
                                       gdk_window_get_height (gdk_window));
  g_assert_nonnull (pixbuf);
  path = g_strdup_printf ("%s/%s.png", dir, what);
  if (!gdk_pixbuf_save (pixbuf, path, "png", &error, NULL))
    g_error ("saving %s: %s", path, error->message);
  g_printerr ("screenshot %s\n", path);
}

static void
test_screenshots (void)
{
  Fixture fixture = { 0 };
  GtkWidget *page;

  if (g_getenv ("VD_TEST_SHOTS_DIR") == NULL)
    {
      g_test_skip ("no VD_TEST_SHOTS_DIR");
      return;
    }
  fixture_open (&fixture);
  open_window (&fixture);
  page = show_page (&fixture, "device-hostdev/0");
  gtk_button_clicked (GTK_BUTTON (PAGE_CHILD (page, "change_button")));
  wait_listed (page);
  shoot (fixture.window, "usb-page");
  gtk_button_clicked (GTK_BUTTON (WINDOW_CHILD (&fixture, "revert_button")));
  page = show_page (&fixture, "device-hostdev/1");
  wait_listed (page);
  shoot (fixture.window, "pci-page");
  page = show_page (&fixture, "device-redirdev/0");
  gtk_entry_set_text (GTK_ENTRY (PAGE_CHILD (page, "port_entry")), "70000");
  shoot (fixture.window, "redirdev-page");
  gtk_button_clicked (GTK_BUTTON (WINDOW_CHILD (&fixture, "revert_button")));
  gtk_widget_destroy (fixture.window);

  open_dialog (&fixture);
  gtk_window_resize (GTK_WINDOW (fixture.dialog), 1000, 800);
  g_assert_true (vd_add_hardware_dialog_select_type (VD_ADD_HARDWARE_DIALOG (fixture.dialog),
                                                     "pci-hostdev"));
  page = vd_add_hardware_dialog_get_page (VD_ADD_HARDWARE_DIALOG (fixture.dialog));
  wait_listed (page);
  shoot (fixture.dialog, "add-pci-none");
  vd_hardware_page_hostdev_select_device (VD_HARDWARE_PAGE_HOSTDEV (page), "pci_0000_00_1f_3");
  shoot (fixture.dialog, "add-pci-used");
  g_assert_true (vd_add_hardware_dialog_select_type (VD_ADD_HARDWARE_DIALOG (fixture.dialog),
                                                     "usb-hostdev"));
  page = vd_add_hardware_dialog_get_page (VD_ADD_HARDWARE_DIALOG (fixture.dialog));
  wait_listed (page);
  vd_hardware_page_hostdev_select_device (VD_HARDWARE_PAGE_HOSTDEV (page), "usb_2_5");
  shoot (fixture.dialog, "add-usb");

  fixture_close (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  if (g_getenv ("VD_TEST_SHOTS_DIR") == NULL)
    g_setenv ("LANGUAGE", "C", TRUE);
  else if (g_getenv ("VD_LOCALEDIR") != NULL)
    bindtextdomain (GETTEXT_PACKAGE, g_getenv ("VD_LOCALEDIR"));
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  gtk_test_init (&argc, &argv, NULL);
  /* (gtk_test_init() sets a locale of its own) */
  if (g_getenv ("VD_TEST_SHOTS_DIR") != NULL)
    setlocale (LC_ALL, "");
  gvir_init_object_check (NULL, NULL, NULL);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/vd/hostdev-pages/corpus-unchanged", test_corpus_unchanged);
  g_test_add_func ("/vd/hostdev-pages/usb", test_usb);
  g_test_add_func ("/vd/hostdev-pages/pci", test_pci);
  g_test_add_func ("/vd/hostdev-pages/redirdev", test_redirdev);
  g_test_add_func ("/vd/hostdev-pages/add-usb", test_add_usb);
  g_test_add_func ("/vd/hostdev-pages/add-pci", test_add_pci);
  g_test_add_func ("/vd/hostdev-pages/add-redirdev", test_add_redirdev);
  g_test_add_func ("/vd/hostdev-pages/screenshots", test_screenshots);

  return g_test_run ();
}
