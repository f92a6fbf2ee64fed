/* test-device-pages.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>
#include <libvirt-gobject/libvirt-gobject.h>

#include "vd-domain-editor-devices.h"
#include "vd-hardware-page-device.h"
#include "vd-vm-window.h"
#include "../vd-test-util.h"
#include "vd-test-ui.h"

/* Under ASan: the XML tab's highlighting makes GLib outgrow its first block
 * of quarks, which it never frees (tests/lsan.supp). Only a full stack names
 * the constructor that allocated it, so unwind slowly. Never called without
 * a sanitizer. */
const char *__asan_default_options (void);

const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}

/* The guest window's device pages (one per device after Boot) and Remove…:
 * over the corpus (tests/data/domains) every page loads and commits without
 * changing a byte; on a test-driver host (tests/data/device-pages.xml) one
 * field per page is changed through its widget, applied and read back from
 * libvirt, where only that part may differ; bad input shows its message
 * and keeps Apply off; a NIC and a disk are removed after the question. */

typedef struct
{
  VdConnection *connection;
  VdDomain     *domain;
  GtkWidget    *window;
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

/* The page of Details section @name ("device-interface/0"). */
static GtkWidget *
device_page (Fixture    *fixture,
             const char *name)
{
  GtkWidget *scrolled = gtk_stack_get_child_by_name (GTK_STACK (window_child (fixture,
                                                                              "details_stack")),
                                                     name);
  GtkWidget *viewport;

  g_assert_nonnull (scrolled);
  viewport = gtk_bin_get_child (GTK_BIN (scrolled));
  return gtk_bin_get_child (GTK_BIN (viewport));
}

static void
fixture_open (Fixture    *fixture,
              const char *guest)
{
  g_autofree char *uri = vd_test_fixture_uri ("device-pages.xml");

  fixture->connection = vd_test_open (uri);
  fixture->domain = vd_connection_find_domain_by_name (fixture->connection, guest);
  g_assert_nonnull (fixture->domain);
  fixture->window = GTK_WIDGET (vd_vm_window_new (NULL, fixture->domain, NULL));
  g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *)&fixture->window);
  gtk_window_resize (GTK_WINDOW (fixture->window), 900, 800);
  gtk_widget_show (fixture->window);
  vd_vm_window_set_page (VD_VM_WINDOW (fixture->window), "overview");
  /* The device pages come with the editor, read in a worker. */
  VD_TEST_WAIT_UNTIL (gtk_widget_get_sensitive (window_child (fixture, "overview_page")) &&
                      !vd_domain_get_busy (fixture->domain), 30);
  gtk_test_widget_wait_for_draw (fixture->window);
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

static gboolean
apply_sensitive (Fixture *fixture)
{
  return gtk_widget_get_sensitive (window_child (fixture, "apply_button"));
}

static void
wait_applied (Fixture *fixture)
{
  VD_TEST_WAIT_UNTIL (!vd_domain_get_busy (fixture->domain) &&
                      gtk_widget_get_sensitive (window_child (fixture, "mode_stack")), 30);
}

static void
apply (Fixture *fixture)
{
  g_assert_true (apply_sensitive (fixture));
  gtk_button_clicked (GTK_BUTTON (window_child (fixture, "apply_button")));
  g_assert_false (apply_sensitive (fixture));
  wait_applied (fixture);
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

static gboolean
message_shown (GtkWidget  *page,
               const char *name)
{
  GtkWidget *label = page_child (page, name);

  return gtk_widget_get_visible (label) && gtk_label_get_text (GTK_LABEL (label))[0] != '\0';
}

static GtkDialog *
find_question (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (const GList *l = toplevels; l != NULL; l = l->next)
    if (GTK_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;

  return NULL;
}

static GPtrArray *
corpus_files (void)
{
  g_autofree char *dir_path = g_build_filename (VD_TEST_DATA_DIR, "domains", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".xml"))
      g_ptr_array_add (files, g_build_filename (dir_path, name, NULL));
  g_ptr_array_sort (files, (GCompareFunc)g_strcmp0);

  return files;
}

/* Every device page of every corpus guest, loaded and committed unchanged
 * into a copy of the guest's editor (as Apply would): valid, not dirty, and
 * the XML byte for byte as libvirt wrote it. */
static void
test_corpus_unchanged (void)
{
  g_autoptr(GPtrArray) files = corpus_files ();
  guint counts[VD_DEVICE_KIND_OTHER + 1] = { 0 };

  g_assert_cmpuint (files->len, >, 100);
  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *xml = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(VdDomainEditor) editor = NULL;
      g_autoptr(GPtrArray) devices = NULL;

      g_file_get_contents (files->pdata[i], &xml, NULL, &error);
      g_assert_no_error (error);
      editor = vd_domain_editor_new_from_xml (xml, &error);
      g_assert_no_error (error);
      devices = vd_domain_editor_list_devices (editor);
      for (guint j = 0; j < devices->len; j++)
        {
          const VdDeviceRef *device = devices->pdata[j];
          VdHardwarePage *page = vd_hardware_page_device_new_for (vd_device_ref_get_kind (device),
                                                                  vd_device_ref_get_id (device));
          g_autofree char *before = NULL;
          g_autofree char *after = NULL;
          g_autoptr(VdDomainEditor) copy = NULL;

          g_object_ref_sink (page);
          vd_hardware_page_set_editor (page, editor);
          if (!vd_hardware_page_get_valid (page))
            g_error ("%s, %s: the page finds its own values invalid",
                     (char *)files->pdata[i], vd_device_ref_get_label (device));
          g_assert_false (vd_hardware_page_get_dirty (page));

          before = vd_domain_editor_get_xml (editor);
          copy = vd_domain_editor_new_from_xml (before, &error);
          g_assert_no_error (error);
          g_assert_true (vd_hardware_page_commit (page, copy, &error));
          g_assert_no_error (error);
          after = vd_domain_editor_get_xml (copy);
          if (g_strcmp0 (before, after) != 0)
            g_error ("%s, %s: committed unchanged, the XML changed:\n%s",
                     (char *)files->pdata[i], vd_device_ref_get_label (device), after);
          g_assert_false (vd_domain_editor_is_dirty (copy));
          counts[vd_device_ref_get_kind (device)]++;
          gtk_widget_destroy (GTK_WIDGET (page));
          g_object_unref (page);
        }
    }

  /* The corpus has every kind with a page of its own. */
  g_assert_cmpuint (counts[VD_DEVICE_KIND_DISK], >, 0);
  g_assert_cmpuint (counts[VD_DEVICE_KIND_CDROM], >, 0);
  g_assert_cmpuint (counts[VD_DEVICE_KIND_INTERFACE], >, 0);
  g_assert_cmpuint (counts[VD_DEVICE_KIND_GRAPHICS], >, 0);
  g_assert_cmpuint (counts[VD_DEVICE_KIND_VIDEO], >, 0);
}

static void
list_prepend_cb (GtkWidget *widget,
                 GList    **list)
{
  *list = g_list_prepend (*list, widget);
}

/* Every control of @root a user can reach has a name for screen readers;
 * returns how many were checked. */
static guint
assert_accessible_names (GtkWidget *root)
{
  guint checked = 0;

  if (!gtk_widget_get_visible (root))
    return 0;
  if (GTK_IS_BUTTON (root) || GTK_IS_ENTRY (root) || GTK_IS_COMBO_BOX (root))
    {
      const char *name = atk_object_get_name (gtk_widget_get_accessible (root));

      if (name == NULL || name[0] == '\0')
        g_error ("a %s (%s) has no accessible name",
                 G_OBJECT_TYPE_NAME (root), gtk_buildable_get_name (GTK_BUILDABLE (root)));
      checked++;
    }
  if (GTK_IS_CONTAINER (root) && !GTK_IS_COMBO_BOX (root))
    {
      g_autoptr(GList) children = NULL;

      gtk_container_forall (GTK_CONTAINER (root), (GtkCallback)list_prepend_cb, &children);
      for (const GList *l = children; l != NULL; l = l->next)
        checked += assert_accessible_names (l->data);
    }

  return checked;
}

/* The sidebar: the devices after Boot, in document order, named as the
 * core names them; a controller gets its page */
static void
test_sidebar (void)
{
  Fixture fixture = { 0 };
  GtkContainer *stack;
  g_autoptr(GList) children = NULL;
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  const char *expected[] = { "Overview", "OS", "Performance", "CPUs", "Memory", "Boot",
                             "Disk vda", "CD-ROM sda", "Controller sata 0", "NIC 52:54:00:00:30:01",
                             "VNC display", "Sound ich9", "Video virtio", NULL };
  GtkWidget *controller;

  fixture_open (&fixture, "pages");
  stack = GTK_CONTAINER (window_child (&fixture, "details_stack"));
  children = gtk_container_get_children (stack);
  for (const GList *l = children; l != NULL; l = l->next)
    {
      char *title = NULL;

      gtk_container_child_get (stack, l->data, "title", &title, NULL);
      g_ptr_array_add (titles, title);
    }
  g_ptr_array_add (titles, NULL);
  for (guint i = 0; expected[i] != NULL || titles->pdata[i] != NULL; i++)
    g_assert_cmpstr (titles->pdata[i], ==, expected[i]);

  /* Each page's controls have names for screen readers. */
  for (const char * const *name = (const char *[]) { "device-disk/0", "device-cdrom/0",
                                                     "device-controller/0",
                                                     "device-interface/0",
                                                     "device-graphics/0", "device-video/0",
                                                     NULL };
       *name != NULL; name++)
    {
      vd_vm_window_set_page (VD_VM_WINDOW (fixture.window), *name);
      gtk_test_widget_wait_for_draw (fixture.window);
      g_assert_cmpuint (assert_accessible_names (device_page (&fixture, *name)), >, 0);
    }

  controller = device_page (&fixture, "device-controller/0");
  vd_vm_window_set_page (VD_VM_WINDOW (fixture.window), "device-controller/0");
  g_assert_cmpstr (vd_vm_window_get_details_page (VD_VM_WINDOW (fixture.window)), ==,
                   "device-controller/0");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (page_child (controller, "heading_label"))),
                   ==, "Controller sata 0");
  /* (the controller page, tests/ui/test-ctrlfs-pages.c: a SATA controller's model is not
   * chosen here) */
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (page_child (controller, "type_label"))), ==,
                   "sata");
  g_assert_false (gtk_widget_get_sensitive (page_child (controller, "model_combo")));
  /* It has an XML tab and the buttons, like every editable page. */
  g_assert_true (gtk_widget_get_visible (window_child (&fixture, "mode_switcher")));
  g_assert_false (apply_sensitive (&fixture));

  fixture_close (&fixture);
}

/* NIC: the MAC address's form and unicast bit, then a valid change */
static void
test_nic (void)
{
  Fixture fixture = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GtkWidget *page;
  GtkEntry *mac;
  const char *removed[] = { "<mac address='52:54:00:00:30:01'/>", NULL };
  const char *added[] = { "<mac address='52:54:00:00:30:09'/>", NULL };

  fixture_open (&fixture, "pages");
  vd_vm_window_set_page (VD_VM_WINDOW (fixture.window), "device-interface/0");
  page = device_page (&fixture, "device-interface/0");
  mac = GTK_ENTRY (page_child (page, "mac_entry"));
  before = inactive_xml (fixture.domain);
  g_assert_cmpstr (gtk_entry_get_text (mac), ==, "52:54:00:00:30:01");
  g_assert_cmpstr (gtk_combo_box_get_active_id (GTK_COMBO_BOX (page_child (page, "type_combo"))),
                   ==, "network");
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (page_child (page, "source_entry"))), ==,
                   "default");

  gtk_entry_set_text (mac, "52:54:00:00:30");
  g_assert_true (message_shown (page, "mac_message"));
  g_assert_false (apply_sensitive (&fixture));
  gtk_entry_set_text (mac, "53:54:00:00:30:09");
  g_assert_true (message_shown (page, "mac_message"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (page_child (page, "mac_message"))),
                            "multicast"));
  g_assert_false (apply_sensitive (&fixture));
  gtk_entry_set_text (GTK_ENTRY (page_child (page, "vlan_entry")), "5000");
  g_assert_true (message_shown (page, "vlan_message"));
  gtk_entry_set_text (GTK_ENTRY (page_child (page, "vlan_entry")), "");
  g_assert_false (message_shown (page, "vlan_message"));
  gtk_entry_set_text (GTK_ENTRY (page_child (page, "inbound_entry")), "fast");
  g_assert_true (message_shown (page, "inbound_message"));
  g_assert_false (apply_sensitive (&fixture));
  gtk_entry_set_text (GTK_ENTRY (page_child (page, "inbound_entry")), "");
  g_assert_false (message_shown (page, "inbound_message"));

  gtk_entry_set_text (mac, "52:54:00:00:30:09");
  g_assert_false (message_shown (page, "mac_message"));
  apply (&fixture);
  after = inactive_xml (fixture.domain);
  assert_lines_changed (before, after, removed, added);
  /* The sidebar follows the new name. */
  g_assert_nonnull (gtk_stack_get_child_by_name (GTK_STACK (window_child (&fixture,
                                                                          "details_stack")),
                                                 "device-interface/0"));
  g_assert_cmpstr (vd_vm_window_get_details_page (VD_VM_WINDOW (fixture.window)), ==,
                   "device-interface/0");
  page = device_page (&fixture, "device-interface/0");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (page_child (page, "heading_label"))), ==,
                   "NIC 52:54:00:00:30:09");
  g_assert_false (apply_sensitive (&fixture));

  fixture_close (&fixture);
}

/* Disk: a bad serial, then the cache mode */
static void
test_disk (void)
{
  Fixture fixture = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GtkWidget *page;
  const char *removed[] = { "<driver name='qemu' type='qcow2'/>", NULL };
  const char *added[] = { "<driver name='qemu' type='qcow2' cache='none'/>", NULL };

  fixture_open (&fixture, "pages");
  vd_vm_window_set_page (VD_VM_WINDOW (fixture.window), "device-disk/0");
  page = device_page (&fixture, "device-disk/0");
  before = inactive_xml (fixture.domain);
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (page_child (page, "path_entry"))), ==,
                   "/var/lib/libvirt/images/pages.qcow2");
  g_assert_cmpstr (gtk_combo_box_get_active_id (GTK_COMBO_BOX (page_child (page, "bus_combo"))),
                   ==, "virtio");
  g_assert_cmpstr (gtk_combo_box_get_active_id (GTK_COMBO_BOX (page_child (page,
                                                                           "format_combo"))),
                   ==, "qcow2");
  /* A disk has no Eject. */
  g_assert_false (gtk_widget_get_visible (page_child (page, "eject_button")));

  gtk_entry_set_text (GTK_ENTRY (page_child (page, "serial_entry")), "bad/serial");
  g_assert_true (message_shown (page, "serial_message"));
  g_assert_false (apply_sensitive (&fixture));
  gtk_entry_set_text (GTK_ENTRY (page_child (page, "serial_entry")), "");
  g_assert_false (message_shown (page, "serial_message"));
  gtk_entry_set_text (GTK_ENTRY (page_child (page, "path_entry")), "");
  g_assert_true (message_shown (page, "source_message"));
  g_assert_false (apply_sensitive (&fixture));
  gtk_entry_set_text (GTK_ENTRY (page_child (page, "path_entry")),
                      "/var/lib/libvirt/images/pages.qcow2");
  g_assert_false (apply_sensitive (&fixture));
  /* A disk on the floppy controller. */
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (page_child (page, "bus_combo")), "fdc");
  g_assert_true (message_shown (page, "bus_message"));
  g_assert_false (apply_sensitive (&fixture));
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (page_child (page, "bus_combo")), "virtio");
  g_assert_false (message_shown (page, "bus_message"));

  g_assert_true (gtk_combo_box_set_active_id (GTK_COMBO_BOX (page_child (page, "cache_combo")),
                                              "none"));
  apply (&fixture);
  after = inactive_xml (fixture.domain);
  assert_lines_changed (before, after, removed, added);

  fixture_close (&fixture);
}

/* Graphics: a bad listen address, then the keymap; the password is kept */
static void
test_graphics (void)
{
  Fixture fixture = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *secure = NULL;
  GtkWidget *page;
  char *secure_xml;

  fixture_open (&fixture, "pages");
  vd_vm_window_set_page (VD_VM_WINDOW (fixture.window), "device-graphics/0");
  page = device_page (&fixture, "device-graphics/0");
  before = inactive_xml (fixture.domain);
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (page_child (page, "listen_entry"))), ==,
                   "127.0.0.1");
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (page_child (page,
                                                                              "autoport_check"))));
  /* The password is never shown. */
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (page_child (page, "password_entry"))), ==, "");
  g_assert_false (gtk_entry_get_visibility (GTK_ENTRY (page_child (page, "password_entry"))));
  g_assert_true (gtk_widget_get_visible (page_child (page, "no_password_check")));

  gtk_entry_set_text (GTK_ENTRY (page_child (page, "listen_entry")), "not an address");
  g_assert_true (message_shown (page, "listen_message"));
  g_assert_false (apply_sensitive (&fixture));
  gtk_entry_set_text (GTK_ENTRY (page_child (page, "listen_entry")), "127.0.0.1");
  g_assert_false (message_shown (page, "listen_message"));

  gtk_entry_set_text (GTK_ENTRY (page_child (page, "keymap_entry")), "de");
  apply (&fixture);
  after = inactive_xml (fixture.domain);
  {
    const char *removed[] = { "<graphics type='vnc' port='-1' autoport='yes' listen='127.0.0.1'>",
                              NULL };
    const char *added[] = { "<graphics type='vnc' port='-1' autoport='yes' listen='127.0.0.1' "
                            "keymap='de'>", NULL };

    assert_lines_changed (before, after, removed, added);
  }
  secure_xml = virDomainGetXMLDesc (vd_domain_get_handle (fixture.domain),
                                    VIR_DOMAIN_XML_INACTIVE | VIR_DOMAIN_XML_SECURE);
  secure = g_strdup (secure_xml);
  free (secure_xml);
  g_assert_nonnull (strstr (secure, "passwd='secret12'"));

  fixture_close (&fixture);
}

/* Applies the page's change and asserts that only @removed became @added. */
static void
apply_and_compare (Fixture            *fixture,
                   const char * const *removed,
                   const char * const *added)
{
  g_autofree char *before = inactive_xml (fixture->domain);
  g_autofree char *after = NULL;

  apply (fixture);
  after = inactive_xml (fixture->domain);
  assert_lines_changed (before, after, removed, added);
}

static void
set_listen_type (Fixture    *fixture,
                 GtkWidget **page,
                 const char *type)
{
  *page = device_page (fixture, "device-graphics/0");
  g_assert_true (gtk_combo_box_set_active_id (GTK_COMBO_BOX (page_child (*page,
                                                                         "listen_type_combo")),
                                              type));
}

/* Graphics listen types: each set through its widgets, applied and read
 * back from libvirt with only the display's lines changed; the warning
 * for every interface; bad values keep Apply off with their message. */
static void
test_graphics_listen (void)
{
  Fixture fixture = { 0 };
  GtkWidget *page;
  GtkComboBox *networks;

  fixture_open (&fixture, "pages");
  vd_vm_window_set_page (VD_VM_WINDOW (fixture.window), "device-graphics/0");
  page = device_page (&fixture, "device-graphics/0");
  g_assert_cmpstr (gtk_combo_box_get_active_id (GTK_COMBO_BOX (page_child (page,
                                                                           "listen_type_combo"))),
                   ==, "address");
  g_assert_true (gtk_widget_get_visible (page_child (page, "listen_entry")));
  g_assert_false (gtk_widget_get_visible (page_child (page, "listen_network_combo")));
  g_assert_false (gtk_widget_get_visible (page_child (page, "listen_socket_entry")));
  g_assert_false (gtk_widget_get_visible (page_child (page, "listen_warning")));

  /* Every interface: a warning, not an error */
  gtk_entry_set_text (GTK_ENTRY (page_child (page, "listen_entry")), "0.0.0.0");
  g_assert_true (gtk_widget_get_visible (page_child (page, "listen_warning")));
  g_assert_false (message_shown (page, "listen_message"));
  g_assert_true (apply_sensitive (&fixture));
  gtk_entry_set_text (GTK_ENTRY (page_child (page, "listen_entry")), "::");
  g_assert_true (gtk_widget_get_visible (page_child (page, "listen_warning")));
  gtk_entry_set_text (GTK_ENTRY (page_child (page, "listen_entry")), "127.0.0.1");
  g_assert_false (gtk_widget_get_visible (page_child (page, "listen_warning")));
  g_assert_false (apply_sensitive (&fixture));

  /* A virtual network: one must be chosen */
  set_listen_type (&fixture, &page, "network");
  networks = GTK_COMBO_BOX (page_child (page, "listen_network_combo"));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (networks)));
  g_assert_false (gtk_widget_get_visible (page_child (page, "listen_entry")));
  g_assert_true (message_shown (page, "listen_message"));
  g_assert_false (apply_sensitive (&fixture));
  /* the connection lists its networks after it opens */
  VD_TEST_WAIT_UNTIL (gtk_combo_box_set_active_id (networks, "default"), 30);
  g_assert_false (message_shown (page, "listen_message"));
  {
    const char *removed[] = { "<graphics type='vnc' port='-1' autoport='yes' listen='127.0.0.1'>",
                              "<listen type='address' address='127.0.0.1'/>", NULL };
    const char *added[] = { "<graphics type='vnc' port='-1' autoport='yes'>",
                            "<listen type='network' network='default'/>", NULL };

    apply_and_compare (&fixture, removed, added);
  }
  page = device_page (&fixture, "device-graphics/0");
  g_assert_cmpstr (gtk_combo_box_get_active_id (GTK_COMBO_BOX (page_child (page,
                                                                           "listen_type_combo"))),
                   ==, "network");
  g_assert_cmpstr (gtk_combo_box_get_active_id (GTK_COMBO_BOX (page_child (
                     page, "listen_network_combo"))), ==, "default");

  /* A UNIX socket: a full path, or none for libvirt's; no port then */
  set_listen_type (&fixture, &page, "socket");
  g_assert_true (gtk_widget_get_visible (page_child (page, "listen_socket_entry")));
  g_assert_false (gtk_widget_get_sensitive (page_child (page, "port_spin")));
  g_assert_false (gtk_widget_get_sensitive (page_child (page, "autoport_check")));
  gtk_entry_set_text (GTK_ENTRY (page_child (page, "listen_socket_entry")), "run/vnc.sock");
  g_assert_true (message_shown (page, "listen_message"));
  g_assert_false (apply_sensitive (&fixture));
  gtk_entry_set_text (GTK_ENTRY (page_child (page, "listen_socket_entry")),
                      "/run/vd-test/vnc.sock");
  g_assert_false (message_shown (page, "listen_message"));
  {
    const char *removed[] = { "<graphics type='vnc' port='-1' autoport='yes'>",
                              "<listen type='network' network='default'/>", NULL };
    /* libvirt drops a VNC socket's port and autoport */
    const char *added[] = { "<graphics type='vnc' socket='/run/vd-test/vnc.sock'>",
                            "<listen type='socket' socket='/run/vd-test/vnc.sock'/>", NULL };

    apply_and_compare (&fixture, removed, added);
  }
  page = device_page (&fixture, "device-graphics/0");
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (page_child (page, "listen_socket_entry"))), ==,
                   "/run/vd-test/vnc.sock");

  /* None */
  set_listen_type (&fixture, &page, "none");
  g_assert_false (gtk_widget_get_visible (page_child (page, "listen_socket_entry")));
  {
    const char *removed[] = { "<graphics type='vnc' socket='/run/vd-test/vnc.sock'>",
                              "<listen type='socket' socket='/run/vd-test/vnc.sock'/>", NULL };
    const char *added[] = { "<graphics type='vnc'>", "<listen type='none'/>", NULL };

    apply_and_compare (&fixture, removed, added);
  }

  /* And back to an address, every interface */
  set_listen_type (&fixture, &page, "address");
  gtk_entry_set_text (GTK_ENTRY (page_child (page, "listen_entry")), "bad");
  g_assert_true (message_shown (page, "listen_message"));
  g_assert_false (apply_sensitive (&fixture));
  gtk_entry_set_text (GTK_ENTRY (page_child (page, "listen_entry")), "0.0.0.0");
  g_assert_true (gtk_widget_get_visible (page_child (page, "listen_warning")));
  {
    const char *removed[] = { "<graphics type='vnc'>", "<listen type='none'/>", NULL };
    const char *added[] = { "<graphics type='vnc' port='-1' autoport='yes' listen='0.0.0.0'>",
                            "<listen type='address' address='0.0.0.0'/>", NULL };

    apply_and_compare (&fixture, removed, added);
  }
  page = device_page (&fixture, "device-graphics/0");
  g_assert_true (gtk_widget_get_visible (page_child (page, "listen_warning")));

  fixture_close (&fixture);
}

/* Video: bad video memory, then two heads */
static void
test_video (void)
{
  Fixture fixture = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GtkWidget *page;

  fixture_open (&fixture, "pages");
  vd_vm_window_set_page (VD_VM_WINDOW (fixture.window), "device-video/0");
  page = device_page (&fixture, "device-video/0");
  before = inactive_xml (fixture.domain);
  g_assert_cmpstr (gtk_combo_box_get_active_id (GTK_COMBO_BOX (page_child (page, "model_combo"))),
                   ==, "virtio");

  gtk_entry_set_text (GTK_ENTRY (page_child (page, "vram_entry")), "12x");
  g_assert_true (message_shown (page, "vram_message"));
  g_assert_false (apply_sensitive (&fixture));
  /* virtio has no video memory setting. */
  gtk_entry_set_text (GTK_ENTRY (page_child (page, "vram_entry")), "65536");
  g_assert_true (message_shown (page, "vram_message"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (page_child (page, "vram_message"))),
                            "no video memory setting"));
  g_assert_false (apply_sensitive (&fixture));
  gtk_entry_set_text (GTK_ENTRY (page_child (page, "vram_entry")), "");
  g_assert_false (message_shown (page, "vram_message"));

  gtk_spin_button_set_value (GTK_SPIN_BUTTON (page_child (page, "heads_spin")), 2);
  apply (&fixture);
  after = inactive_xml (fixture.domain);
  {
    const char *removed[] = { "<model type='virtio' heads='1' primary='yes'/>", NULL };
    const char *added[] = { "<model type='virtio' heads='2' primary='yes'/>", NULL };

    assert_lines_changed (before, after, removed, added);
  }

  fixture_close (&fixture);
}

/* Remove…: asks naming the device; Cancel keeps it; Remove removes a NIC,
 * then a disk (whose image is kept, the question says) */
static void
test_remove (void)
{
  Fixture fixture = { 0 };
  GtkStack *stack;
  GtkDialog *dialog;
  g_autofree char *xml = NULL;
  char *text = NULL;

  fixture_open (&fixture, "pages");
  stack = GTK_STACK (window_child (&fixture, "details_stack"));
  vd_vm_window_set_page (VD_VM_WINDOW (fixture.window), "device-interface/0");

  gtk_button_clicked (GTK_BUTTON (page_child (device_page (&fixture, "device-interface/0"),
                                              "remove_button")));
  dialog = find_question ();
  g_assert_nonnull (dialog);
  g_object_get (dialog, "text", &text, NULL);
  g_assert_cmpstr (text, ==, "Remove “NIC 52:54:00:00:30:01” from “pages”?");
  g_clear_pointer (&text, g_free);
  gtk_dialog_response (dialog, GTK_RESPONSE_CANCEL);
  g_assert_null (find_question ());
  g_assert_false (vd_domain_get_busy (fixture.domain));
  xml = inactive_xml (fixture.domain);
  g_assert_nonnull (strstr (xml, "<interface"));
  g_clear_pointer (&xml, g_free);

  gtk_button_clicked (GTK_BUTTON (page_child (device_page (&fixture, "device-interface/0"),
                                              "remove_button")));
  gtk_dialog_response (find_question (), GTK_RESPONSE_ACCEPT);
  wait_applied (&fixture);
  xml = inactive_xml (fixture.domain);
  g_assert_null (strstr (xml, "<interface"));
  g_assert_nonnull (strstr (xml, "<graphics"));
  g_clear_pointer (&xml, g_free);
  VD_TEST_WAIT_UNTIL (gtk_stack_get_child_by_name (stack, "device-interface/0") == NULL, 30);
  g_assert_nonnull (gtk_stack_get_child_by_name (stack, "device-disk/0"));
  /* Its page went: Details shows another section. */
  g_assert_cmpstr (vd_vm_window_get_details_page (VD_VM_WINDOW (fixture.window)), !=,
                   "device-interface/0");

  vd_vm_window_set_page (VD_VM_WINDOW (fixture.window), "device-disk/0");
  gtk_button_clicked (GTK_BUTTON (page_child (device_page (&fixture, "device-disk/0"),
                                              "remove_button")));
  dialog = find_question ();
  g_assert_nonnull (dialog);
  g_object_get (dialog, "secondary-text", &text, NULL);
  g_assert_nonnull (strstr (text, "disk image itself is kept"));
  g_clear_pointer (&text, g_free);
  gtk_dialog_response (dialog, GTK_RESPONSE_ACCEPT);
  wait_applied (&fixture);
  xml = inactive_xml (fixture.domain);
  g_assert_null (strstr (xml, "pages.qcow2"));
  g_assert_nonnull (strstr (xml, "install.iso"));
  VD_TEST_WAIT_UNTIL (gtk_stack_get_child_by_name (stack, "device-disk/0") == NULL, 30);
  /* The CD-ROM keeps its page. */
  g_assert_nonnull (gtk_stack_get_child_by_name (stack, "device-cdrom/0"));

  fixture_close (&fixture);
}

static GtkWidget *
find_list_box (GtkWidget *widget)
{
  g_autoptr(GList) children = NULL;

  if (GTK_IS_LIST_BOX (widget))
    return widget;
  if (!GTK_IS_CONTAINER (widget))
    return NULL;
  children = gtk_container_get_children (GTK_CONTAINER (widget));
  for (const GList *l = children; l != NULL; l = l->next)
    if (find_list_box (l->data) != NULL)
      return find_list_box (l->data);

  return NULL;
}

/* The sidebar's context menu: a right click on a device's row offers
 * Remove…, which asks as the page's button does; Overview's row has none */
static void
test_sidebar_menu (void)
{
  Fixture fixture = { 0 };
  GtkWidget *list;
  GtkListBoxRow *row;
  GtkAllocation allocation;
  GdkEvent *event;
  GList *menus;
  GtkDialog *dialog;
  g_autofree char *text = NULL;
  gboolean handled = FALSE;

  fixture_open (&fixture, "pages");
  list = find_list_box (window_child (&fixture, "details_sidebar"));
  g_assert_nonnull (list);
  g_assert_true (gtk_widget_get_has_window (list));

  for (guint i = 0; i < 2; i++)
    {
      /* Overview (no menu), then NIC 52:54:00:00:30:01 */
      row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), i == 0 ? 0 : 9);
      g_assert_nonnull (row);
      gtk_widget_get_allocation (GTK_WIDGET (row), &allocation);
      event = gdk_event_new (GDK_BUTTON_PRESS);
      event->button.window = g_object_ref (gtk_widget_get_window (list));
      event->button.button = GDK_BUTTON_SECONDARY;
      event->button.x = allocation.x + 10;
      event->button.y = allocation.y + allocation.height / 2;
      event->button.time = GDK_CURRENT_TIME;
      gdk_event_set_device (event, gdk_seat_get_pointer (gdk_display_get_default_seat (
                                                           gtk_widget_get_display (list))));
      g_signal_emit_by_name (list, "button-press-event", event, &handled);
      gdk_event_free (event);
      g_assert_true (handled == (i == 1));
    }

  menus = gtk_menu_get_for_attach_widget (list);
  g_assert_cmpuint (g_list_length (menus), ==, 1);
  {
    g_autoptr(GList) items = gtk_container_get_children (GTK_CONTAINER (menus->data));

    g_assert_cmpuint (g_list_length (items), ==, 1);
    g_assert_cmpstr (gtk_menu_item_get_label (items->data), ==, "_Remove…");
    gtk_menu_shell_deactivate (GTK_MENU_SHELL (menus->data));
    gtk_menu_item_activate (items->data);
  }
  dialog = find_question ();
  g_assert_nonnull (dialog);
  g_object_get (dialog, "text", &text, NULL);
  g_assert_cmpstr (text, ==, "Remove “NIC 52:54:00:00:30:01” from “pages”?");
  gtk_dialog_response (dialog, GTK_RESPONSE_CANCEL);
  g_assert_null (find_question ());

  fixture_close (&fixture);
}

/* A running guest: Eject and Remove… go live first. The test driver has
 * neither a live medium change nor a live detach (tests/e2e does them on
 * QEMU): libvirt's refusal shows, the configuration stays, and the page
 * keeps the input */
static void
test_running (void)
{
  Fixture fixture = { 0 };
  GtkWidget *page;
  GtkLabel *info;
  g_autofree char *before = NULL;
  g_autofree char *xml = NULL;

  fixture_open (&fixture, "live");
  g_assert_true (vd_domain_get_active (fixture.domain));
  info = GTK_LABEL (window_child (&fixture, "page_info_label"));
  before = inactive_xml (fixture.domain);
  vd_vm_window_set_page (VD_VM_WINDOW (fixture.window), "device-cdrom/0");
  page = device_page (&fixture, "device-cdrom/0");
  g_assert_true (gtk_widget_get_visible (page_child (page, "eject_button")));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (page_child (page, "browse_button"))), ==,
                   "_Insert…");
  gtk_button_clicked (GTK_BUTTON (page_child (page, "eject_button")));
  g_assert_cmpstr (gtk_combo_box_get_active_id (GTK_COMBO_BOX (page_child (page,
                                                                           "source_type_combo"))),
                   ==, "none");
  g_assert_false (gtk_widget_get_sensitive (page_child (page, "eject_button")));
  apply (&fixture);
  g_assert_true (gtk_info_bar_get_revealed (GTK_INFO_BAR (window_child (&fixture,
                                                                        "page_info_bar"))));
  g_assert_nonnull (strstr (gtk_label_get_text (info), "(changing a device)"));
  g_assert_nonnull (strstr (gtk_label_get_text (info), "Its configuration was not changed."));
  xml = inactive_xml (fixture.domain);
  g_assert_cmpstr (xml, ==, before);
  g_clear_pointer (&xml, g_free);
  g_assert_true (apply_sensitive (&fixture));
  gtk_button_clicked (GTK_BUTTON (window_child (&fixture, "revert_button")));
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (page_child (page, "path_entry"))), ==,
                   "/srv/iso/first.iso");

  /* Removing the NIC: a running guest is told it goes now or at its next
   * start; the driver refuses the live detach. */
  vd_vm_window_set_page (VD_VM_WINDOW (fixture.window), "device-interface/0");
  gtk_button_clicked (GTK_BUTTON (page_child (device_page (&fixture, "device-interface/0"),
                                              "remove_button")));
  {
    g_autofree char *text = NULL;

    g_object_get (find_question (), "secondary-text", &text, NULL);
    g_assert_nonnull (strstr (text, "A running guest loses the device now"));
  }
  gtk_dialog_response (find_question (), GTK_RESPONSE_ACCEPT);
  wait_applied (&fixture);
  g_assert_nonnull (strstr (gtk_label_get_text (info), "(removing a device)"));
  xml = inactive_xml (fixture.domain);
  g_assert_cmpstr (xml, ==, before);
  g_assert_nonnull (gtk_stack_get_child_by_name (GTK_STACK (window_child (&fixture,
                                                                          "details_stack")),
                                                 "device-interface/0"));

  fixture_close (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  gvir_init_object_check (NULL, NULL, NULL);
  /* No crossfade between Details sections: GtkStack draws the section it
   * leaves into a surface, and a section whose entry just took the focus
   * may still wait for its new size there (a GTK critical when a slow run,
   * under AddressSanitizer, switches again before the next frame). */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/vd/device-pages/corpus-unchanged", test_corpus_unchanged);
  g_test_add_func ("/vd/device-pages/sidebar", test_sidebar);
  g_test_add_func ("/vd/device-pages/nic", test_nic);
  g_test_add_func ("/vd/device-pages/disk", test_disk);
  g_test_add_func ("/vd/device-pages/graphics", test_graphics);
  g_test_add_func ("/vd/device-pages/graphics-listen", test_graphics_listen);
  g_test_add_func ("/vd/device-pages/video", test_video);
  g_test_add_func ("/vd/device-pages/remove", test_remove);
  g_test_add_func ("/vd/device-pages/sidebar-menu", test_sidebar_menu);
  g_test_add_func ("/vd/device-pages/running", test_running);

  return g_test_run ();
}
