/* test-ctrlfs-pages.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>
#include <locale.h>
#include <libvirt-gobject/libvirt-gobject.h>
#include <string.h>

#include "vd-add-hardware-dialog.h"
#include "vd-connection-host.h"
#include "vd-domain-editor-devices.h"
#include "vd-hardware-page-controller.h"
#include "vd-hardware-page-device.h"
#include "vd-hardware-page-filesystem.h"
#include "vd-hardware-page-shmem.h"
#include "vd-hardware-page-smartcard.h"
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

/* The controller, shared folder, smartcard and shared memory pages of the
 * guest window on a test-driver host (tests/data/ctrlfs-guest.xml): one
 * field per page changed through its widget, applied and read back from
 * libvirt, where only that part may differ; bad input (an empty mount
 * tag, a size not a power of two, a duplicate name) shows its message and
 * keeps Apply off; a controller in use cannot be removed, and the page
 * names its devices; a virtiofs folder without shared memory offers
 * Enable Shared Memory, which sets <memoryBacking>; and Add Hardware adds
 * exactly one device of each new type. */

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

static GtkWidget *
show_page (Fixture    *fixture,
           const char *name)
{
  GtkWidget *scrolled;
  GtkWidget *viewport;

  vd_vm_window_set_page (VD_VM_WINDOW (fixture->window), name);
  g_assert_cmpstr (vd_vm_window_get_details_page (VD_VM_WINDOW (fixture->window)), ==, name);
  scrolled = gtk_stack_get_child_by_name (GTK_STACK (window_child (fixture, "details_stack")),
                                          name);
  g_assert_nonnull (scrolled);
  viewport = gtk_bin_get_child (GTK_BIN (scrolled));
  return gtk_bin_get_child (GTK_BIN (viewport));
}

static void
fixture_open_guest (Fixture    *fixture,
                    const char *guest)
{
  g_autofree char *uri = vd_test_fixture_uri ("ctrlfs-guest.xml");

  fixture->connection = vd_test_open (uri);
  fixture->domain = vd_connection_find_domain_by_name (fixture->connection, guest);
  g_assert_nonnull (fixture->domain);
}

static void
fixture_open (Fixture *fixture)
{
  fixture_open_guest (fixture, "ctrlfs");
}

static void
open_window (Fixture *fixture)
{
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

static gboolean
apply_sensitive (Fixture *fixture)
{
  return gtk_widget_get_sensitive (window_child (fixture, "apply_button"));
}

static void
apply (Fixture *fixture)
{
  g_assert_true (apply_sensitive (fixture));
  gtk_button_clicked (GTK_BUTTON (window_child (fixture, "apply_button")));
  g_assert_false (apply_sensitive (fixture));
  VD_TEST_WAIT_UNTIL (!vd_domain_get_busy (fixture->domain) &&
                      gtk_widget_get_sensitive (window_child (fixture, "mode_stack")), 30);
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

#define APPLY_AND_CHECK(fixture, before, removed, added) \
  G_STMT_START { \
    g_autofree char *after_ = NULL; \
    apply (fixture); \
    after_ = inactive_xml ((fixture)->domain); \
    assert_lines_changed (before, after_, removed, added); \
  } G_STMT_END

static gboolean
message_shown (GtkWidget  *page,
               const char *name)
{
  GtkWidget *label = page_child (page, name);

  return gtk_widget_get_visible (label) && gtk_label_get_text (GTK_LABEL (label))[0] != '\0';
}

static const char *
combo_id (GtkWidget  *page,
          const char *name)
{
  return gtk_combo_box_get_active_id (GTK_COMBO_BOX (page_child (page, name)));
}

static void
set_combo (GtkWidget  *page,
           const char *name,
           const char *id)
{
  g_assert_true (gtk_combo_box_set_active_id (GTK_COMBO_BOX (page_child (page, name)), id));
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

/* Every controller, shared folder, smartcard and shared memory page of
 * every corpus guest (tests/data/domains), loaded and committed unchanged
 * into a copy of the guest's editor: valid, not dirty, the XML byte for
 * byte as before. */
static void
test_corpus_unchanged (void)
{
  static const VdDeviceKind kinds[] = {
    VD_DEVICE_KIND_CONTROLLER, VD_DEVICE_KIND_FILESYSTEM, VD_DEVICE_KIND_SMARTCARD,
    VD_DEVICE_KIND_SHMEM,
  };
  g_autofree char *dir_path = g_build_filename (VD_TEST_DATA_DIR, "domains", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  guint counts[G_N_ELEMENTS (kinds)] = { 0 };
  const char *file;

  g_assert_nonnull (dir);
  while ((file = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, file, NULL);
      g_autofree char *xml = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(VdDomainEditor) editor = NULL;
      g_autoptr(GPtrArray) devices = NULL;

      if (!g_str_has_suffix (file, ".xml"))
        continue;
      g_file_get_contents (path, &xml, NULL, &error);
      g_assert_no_error (error);
      editor = vd_domain_editor_new_from_xml (xml, &error);
      g_assert_no_error (error);
      devices = vd_domain_editor_list_devices (editor);
      for (guint j = 0; j < devices->len; j++)
        {
          VdDeviceKind kind = vd_device_ref_get_kind (devices->pdata[j]);
          VdHardwarePage *page;
          g_autofree char *before = NULL;
          g_autofree char *after = NULL;
          g_autoptr(VdDomainEditor) copy = NULL;
          guint k;

          for (k = 0; k < G_N_ELEMENTS (kinds) && kinds[k] != kind; k++)
            ;
          if (k == G_N_ELEMENTS (kinds))
            continue;
          page = vd_hardware_page_device_new_for (kind, vd_device_ref_get_id (devices->pdata[j]));
          g_object_ref_sink (page);
          vd_hardware_page_set_editor (page, editor);
          if (!vd_hardware_page_get_valid (page))
            g_error ("%s, %s: the page finds its own values invalid", file,
                     vd_device_ref_get_label (devices->pdata[j]));
          g_assert_false (vd_hardware_page_get_dirty (page));
          before = vd_domain_editor_get_xml (editor);
          copy = vd_domain_editor_new_from_xml (before, &error);
          g_assert_no_error (error);
          g_assert_true (vd_hardware_page_commit (page, copy, &error));
          g_assert_no_error (error);
          after = vd_domain_editor_get_xml (copy);
          if (g_strcmp0 (before, after) != 0)
            g_error ("%s, %s: committed unchanged, the XML changed:\n%s", file,
                     vd_device_ref_get_label (devices->pdata[j]), after);
          counts[k]++;
          gtk_widget_destroy (GTK_WIDGET (page));
          g_object_unref (page);
        }
    }
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    if (counts[k] == 0)
      g_error ("the corpus has no %s", vd_device_kind_to_string (kinds[k]));
}

/* Controller: a USB controller's model; PCI's is read-only; virtio-serial
 * shows its ports */
static void
test_controller_model (void)
{
  Fixture fixture = { 0 };
  g_autofree char *before = NULL;
  GtkWidget *page;
  const char *removed[] = { "<controller type='usb' index='0' model='piix3-uhci'/>", NULL };
  const char *added[] = { "<controller type='usb' index='0' model='qemu-xhci'/>", NULL };

  fixture_open (&fixture);
  open_window (&fixture);
  before = inactive_xml (fixture.domain);

  page = show_page (&fixture, "device-controller/4");
  g_assert_true (VD_IS_HARDWARE_PAGE_CONTROLLER (page));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (page_child (page, "type_label"))), ==, "pci");
  g_assert_false (gtk_widget_get_sensitive (page_child (page, "model_combo")));
  g_assert_cmpstr (combo_id (page, "model_combo"), ==, "pci-root");

  page = show_page (&fixture, "device-controller/3");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (page_child (page, "type_label"))), ==,
                   "virtio-serial");
  g_assert_true (gtk_widget_get_visible (page_child (page, "ports_spin")));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (page_child (page,
                                                                                  "ports_spin"))),
                   ==, 16);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (page_child (page, "users_label"))),
                            "org.qemu.guest_agent.0"));

  page = show_page (&fixture, "device-controller/0");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (page_child (page, "type_label"))), ==, "usb");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (page_child (page, "index_label"))), ==, "0");
  g_assert_false (gtk_widget_get_visible (page_child (page, "ports_spin")));
  g_assert_cmpstr (combo_id (page, "model_combo"), ==, "piix3-uhci");
  g_assert_false (apply_sensitive (&fixture));
  set_combo (page, "model_combo", "qemu-xhci");
  g_assert_false (message_shown (page, "model_message"));
  APPLY_AND_CHECK (&fixture, before, removed, added);

  fixture_close (&fixture);
}

/* A model libvirt refuses (no USB while a USB tablet is there): its
 * message is shown and the guest is unchanged */
static void
test_controller_refused (void)
{
  Fixture fixture = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GtkWidget *page;

  fixture_open (&fixture);
  open_window (&fixture);
  before = inactive_xml (fixture.domain);

  page = show_page (&fixture, "device-controller/0");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (page_child (page, "users_label"))),
                            "Input tablet (usb)"));
  set_combo (page, "model_combo", "none");
  g_assert_true (apply_sensitive (&fixture));
  gtk_button_clicked (GTK_BUTTON (window_child (&fixture, "apply_button")));
  VD_TEST_WAIT_UNTIL (!vd_domain_get_busy (fixture.domain) &&
                      gtk_info_bar_get_revealed (GTK_INFO_BAR (window_child (&fixture,
                                                                             "page_info_bar"))),
                      30);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (window_child (&fixture,
                                                                         "page_info_label"))),
                            "USB"));
  after = inactive_xml (fixture.domain);
  g_assert_cmpstr (before, ==, after);
  /* the input is kept */
  g_assert_cmpstr (combo_id (page, "model_combo"), ==, "none");

  fixture_close (&fixture);
}

static void
count_cb (gpointer  instance,
          guint    *count)
{
  (*count)++;
}

/* Removing a controller in use is refused, naming its devices; an unused
 * one goes after the window's question */
static void
test_controller_remove (void)
{
  Fixture fixture = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GtkWidget *page;
  GtkDialog *question;
  guint requested = 0;
  const char *text;

  fixture_open (&fixture);
  open_window (&fixture);
  before = inactive_xml (fixture.domain);

  page = show_page (&fixture, "device-controller/1");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (page_child (page, "users_label"))),
                            "Disk sda"));
  g_signal_connect (page, "remove-requested", G_CALLBACK (count_cb), &requested);
  gtk_button_clicked (GTK_BUTTON (page_child (page, "remove_button")));
  g_assert_cmpuint (requested, ==, 0);
  g_assert_null (find_question ());
  g_assert_true (message_shown (page, "remove_message"));
  text = gtk_label_get_text (GTK_LABEL (page_child (page, "remove_message")));
  g_assert_nonnull (strstr (text, "Disk sda"));
  after = inactive_xml (fixture.domain);
  g_assert_cmpstr (before, ==, after);
  g_clear_pointer (&after, g_free);

  /* SCSI controller 1 has no devices */
  page = show_page (&fixture, "device-controller/2");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (page_child (page, "users_label"))), ==, "None");
  gtk_button_clicked (GTK_BUTTON (page_child (page, "remove_button")));
  g_assert_false (message_shown (page, "remove_message"));
  question = find_question ();
  g_assert_nonnull (question);
  gtk_dialog_response (question, GTK_RESPONSE_ACCEPT);
  VD_TEST_WAIT_UNTIL (!vd_domain_get_busy (fixture.domain) &&
                      gtk_widget_get_sensitive (window_child (&fixture, "mode_stack")), 30);
  after = inactive_xml (fixture.domain);
  {
    const char *removed[] = { "<controller type='scsi' index='1' model='lsilogic'/>", NULL };
    const char *added[] = { NULL };

    assert_lines_changed (before, after, removed, added);
  }

  fixture_close (&fixture);
}

/* Filesystem: the 9p folder's access mode; an empty tag keeps Apply off */
static void
test_filesystem_9p (void)
{
  Fixture fixture = { 0 };
  g_autofree char *before = NULL;
  GtkWidget *page;
  GtkEntry *target;
  const char *removed[] = { "<filesystem type='mount' accessmode='mapped'>", NULL };
  const char *added[] = { "<filesystem type='mount' accessmode='squash'>", NULL };

  fixture_open (&fixture);
  open_window (&fixture);
  before = inactive_xml (fixture.domain);

  page = show_page (&fixture, "device-filesystem/1");
  g_assert_true (VD_IS_HARDWARE_PAGE_FILESYSTEM (page));
  g_assert_cmpstr (combo_id (page, "driver_combo"), ==, "path");
  g_assert_cmpstr (combo_id (page, "accessmode_combo"), ==, "mapped");
  g_assert_true (gtk_widget_get_visible (page_child (page, "accessmode_combo")));
  g_assert_false (gtk_widget_get_visible (page_child (page, "shared_bar")));
  /* a local connection: a folder chooser */
  g_assert_true (gtk_widget_get_visible (page_child (page, "source_button")));

  target = GTK_ENTRY (page_child (page, "target_entry"));
  g_assert_cmpstr (gtk_entry_get_text (target), ==, "nine");
  gtk_entry_set_text (target, "");
  g_assert_true (message_shown (page, "target_message"));
  g_assert_false (apply_sensitive (&fixture));
  gtk_entry_set_text (target, "nine");
  g_assert_false (message_shown (page, "target_message"));
  g_assert_false (apply_sensitive (&fixture));

  set_combo (page, "accessmode_combo", "squash");
  APPLY_AND_CHECK (&fixture, before, removed, added);

  fixture_close (&fixture);
}

/* virtiofs: a tag over 36 bytes is refused; without shared memory the page
 * says so, and Enable Shared Memory adds it with the folder's change */
static void
test_filesystem_virtiofs (void)
{
  Fixture fixture = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GtkWidget *page;
  GtkEntry *target;
  const char *removed[] = { "<target dir='shared'/>", NULL };
  const char *added[] = { "<target dir='data'/>", "<memoryBacking>", "<source type='memfd'/>",
                          "<access mode='shared'/>", "</memoryBacking>", NULL };

  fixture_open (&fixture);
  open_window (&fixture);
  before = inactive_xml (fixture.domain);

  page = show_page (&fixture, "device-filesystem/0");
  g_assert_cmpstr (combo_id (page, "driver_combo"), ==, "virtiofs");
  g_assert_false (gtk_widget_get_visible (page_child (page, "accessmode_combo")));
  g_assert_true (gtk_widget_get_visible (page_child (page, "shared_bar")));

  target = GTK_ENTRY (page_child (page, "target_entry"));
  gtk_entry_set_text (target, "a-mount-tag-that-is-longer-than-36-bytes");
  g_assert_true (message_shown (page, "target_message"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (page_child (page, "target_message"))),
                            "36"));
  g_assert_false (apply_sensitive (&fixture));
  gtk_entry_set_text (target, "data");
  g_assert_false (message_shown (page, "target_message"));
  g_assert_true (apply_sensitive (&fixture));

  gtk_button_clicked (GTK_BUTTON (page_child (page, "shared_button")));
  g_assert_false (gtk_widget_get_visible (page_child (page, "shared_bar")));
  APPLY_AND_CHECK (&fixture, before, removed, added);

  /* reloaded: the guest has shared memory now */
  page = show_page (&fixture, "device-filesystem/0");
  g_assert_false (gtk_widget_get_visible (page_child (page, "shared_bar")));
  after = inactive_xml (fixture.domain);
  g_assert_nonnull (strstr (after, "<access mode='shared'/>"));

  fixture_close (&fixture);
}

/* Smartcard: the host's reader → passed through over TCP */
static void
test_smartcard (void)
{
  Fixture fixture = { 0 };
  g_autofree char *before = NULL;
  GtkWidget *page;
  const char *removed[] = { "<smartcard mode='host'>", NULL };
  const char *added[] = { "<smartcard mode='passthrough' type='tcp'>",
                          "<source mode='connect' host='127.0.0.1' service='2001'/>",
                          "<protocol type='raw'/>", NULL };

  fixture_open (&fixture);
  open_window (&fixture);
  before = inactive_xml (fixture.domain);

  page = show_page (&fixture, "device-smartcard/0");
  g_assert_true (VD_IS_HARDWARE_PAGE_SMARTCARD (page));
  g_assert_cmpstr (combo_id (page, "mode_combo"), ==, "host");
  g_assert_false (gtk_widget_get_visible (page_child (page, "type_combo")));
  set_combo (page, "mode_combo", "passthrough");
  g_assert_true (gtk_widget_get_visible (page_child (page, "type_combo")));
  g_assert_cmpstr (combo_id (page, "type_combo"), ==, "spicevmc");
  set_combo (page, "type_combo", "tcp");
  g_assert_true (gtk_widget_get_visible (page_child (page, "host_entry")));
  gtk_entry_set_text (GTK_ENTRY (page_child (page, "host_entry")), "");
  g_assert_true (message_shown (page, "type_message"));
  g_assert_false (apply_sensitive (&fixture));
  gtk_entry_set_text (GTK_ENTRY (page_child (page, "host_entry")), "127.0.0.1");
  g_assert_false (message_shown (page, "type_message"));
  APPLY_AND_CHECK (&fixture, before, removed, added);

  fixture_close (&fixture);
}

/* Shared memory: a duplicate name and a size not a power of two are
 * refused; then 16 MiB */
static void
test_shmem (void)
{
  Fixture fixture = { 0 };
  g_autofree char *before = NULL;
  GtkWidget *page;
  GtkEntry *name;
  GtkSpinButton *size;
  const char *removed[] = { "<size unit='M'>4</size>", NULL };
  const char *added[] = { "<size unit='M'>16</size>", NULL };

  fixture_open (&fixture);
  open_window (&fixture);
  before = inactive_xml (fixture.domain);

  page = show_page (&fixture, "device-shmem/0");
  g_assert_true (VD_IS_HARDWARE_PAGE_SHMEM (page));
  name = GTK_ENTRY (page_child (page, "name_entry"));
  size = GTK_SPIN_BUTTON (page_child (page, "size_spin"));
  g_assert_cmpstr (gtk_entry_get_text (name), ==, "one");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (size), ==, 4);
  g_assert_true (gtk_widget_get_visible (page_child (page, "size_hint")));

  gtk_entry_set_text (name, "two");
  g_assert_true (message_shown (page, "name_message"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (page_child (page, "name_message"))),
                            "two"));
  g_assert_false (apply_sensitive (&fixture));
  gtk_entry_set_text (name, "one");
  g_assert_false (message_shown (page, "name_message"));

  gtk_spin_button_set_value (size, 6);
  g_assert_true (message_shown (page, "size_message"));
  g_assert_false (apply_sensitive (&fixture));
  gtk_spin_button_set_value (size, 16);
  g_assert_false (message_shown (page, "size_message"));
  APPLY_AND_CHECK (&fixture, before, removed, added);

  fixture_close (&fixture);
}

/* Add Hardware: each new type adds exactly one device of its kind (the
 * lines of that device, nothing else) */
static void
test_add_hardware (void)
{
  static const struct {
    const char *type;
    const char *expected[4];
    const char *guest;
  } cases[] = {
    /* the guest has a smartcard: another is not offered */
    { "smartcard", { "<controller type='ccid' index='0'/>", "<smartcard mode='host'>",
                     "<address type='ccid' controller='0' slot='0'/>", NULL }, "bare" },
    { "controller", { "<controller type='scsi' index='2' model='virtio-scsi'/>", NULL } },
    { "controller-usb", { "<controller type='usb' index='1' model='qemu-xhci'/>", NULL } },
    { "controller-virtio-serial", { "<controller type='virtio-serial' index='1'/>", NULL } },
    { "shmem", { "<shmem name='shmem0'>", "<model type='ivshmem-plain'/>",
                 "<size unit='M'>4</size>", NULL } },
    { "filesystem", { "<filesystem type='mount' accessmode='passthrough'>",
                      "<source dir='/srv/ctrlfs/new'/>", "<target dir='share'/>", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Fixture fixture = { 0 };
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_auto(GStrv) old_lines = NULL;
      g_auto(GStrv) new_lines = NULL;
      g_autoptr(GPtrArray) came = g_ptr_array_new ();
      GtkWidget *page;

      g_test_message ("adding %s", cases[i].type);
      fixture_open_guest (&fixture, cases[i].guest != NULL ? cases[i].guest : "ctrlfs");
      VD_TEST_WAIT_UNTIL (vd_connection_get_host_loaded (fixture.connection), 30);
      before = inactive_xml (fixture.domain);
      fixture.dialog = vd_add_hardware_dialog_new (NULL, fixture.domain);
      g_object_add_weak_pointer (G_OBJECT (fixture.dialog), (gpointer *)&fixture.dialog);
      VD_TEST_WAIT_UNTIL (vd_add_hardware_dialog_get_loaded (VD_ADD_HARDWARE_DIALOG (fixture.dialog)),
                          30);
      g_assert_true (vd_add_hardware_dialog_select_type (VD_ADD_HARDWARE_DIALOG (fixture.dialog),
                                                         cases[i].type));
      page = vd_add_hardware_dialog_get_page (VD_ADD_HARDWARE_DIALOG (fixture.dialog));
      if (g_str_equal (cases[i].type, "filesystem"))
        {
          GtkWidget *finish = (GtkWidget *)gtk_widget_get_template_child (fixture.dialog,
                                                             VD_TYPE_ADD_HARDWARE_DIALOG,
                                                             "finish_button");

          /* no folder yet: Finish waits for one */
          g_assert_true (VD_IS_HARDWARE_PAGE_FILESYSTEM (page));
          g_assert_false (gtk_widget_get_sensitive (finish));
          gtk_entry_set_text (GTK_ENTRY (page_child (page, "source_entry")), "/srv/ctrlfs/new");
          g_assert_true (gtk_widget_get_sensitive (finish));
        }
      {
        GtkWidget *finish = (GtkWidget *)gtk_widget_get_template_child (fixture.dialog,
                                                                        VD_TYPE_ADD_HARDWARE_DIALOG,
                                                                        "finish_button");
        GtkInfoBar *bar = (GtkInfoBar *)gtk_widget_get_template_child (fixture.dialog,
                                                                       VD_TYPE_ADD_HARDWARE_DIALOG,
                                                                       "info_bar");
        GtkLabel *info = (GtkLabel *)gtk_widget_get_template_child (fixture.dialog,
                                                                    VD_TYPE_ADD_HARDWARE_DIALOG,
                                                                    "info_label");

        g_assert_true (gtk_widget_get_sensitive (finish));
        gtk_button_clicked (GTK_BUTTON (finish));
        VD_TEST_WAIT_UNTIL (fixture.dialog == NULL || gtk_info_bar_get_revealed (bar), 30);
        if (fixture.dialog != NULL)
          g_error ("%s: refused: %s", cases[i].type, gtk_label_get_text (info));
      }
      VD_TEST_WAIT_UNTIL (!vd_domain_get_busy (fixture.domain), 30);

      after = inactive_xml (fixture.domain);
      old_lines = g_strsplit (before, "\n", -1);
      new_lines = g_strsplit (after, "\n", -1);
      /* the lines of @after less those of @before, counted */
      {
        g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);

        for (guint j = 0; old_lines[j] != NULL; j++)
          {
            const char *line = g_strstrip (old_lines[j]);

            g_hash_table_insert (counts, (gpointer)line,
                                 GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts,
                                                                                          line)) + 1));
          }
        for (guint j = 0; new_lines[j] != NULL; j++)
          {
            const char *line = g_strstrip (new_lines[j]);
            guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, line));

            if (n > 0)
              g_hash_table_insert (counts, (gpointer)line, GUINT_TO_POINTER (n - 1));
            else
              g_ptr_array_add (came, (gpointer)line);
          }
        for (guint j = 0; old_lines[j] != NULL; j++)
          if (GPOINTER_TO_UINT (g_hash_table_lookup (counts, old_lines[j])) > 0)
            g_error ("%s: a line went: %s", cases[i].type, old_lines[j]);
      }
      for (guint j = 0; cases[i].expected[j] != NULL; j++)
        if (!g_ptr_array_find_with_equal_func (came, cases[i].expected[j], g_str_equal, NULL))
          g_error ("%s: the new device lacks %s:\n%s", cases[i].type, cases[i].expected[j],
                   after);
      for (guint j = 0; j < came->len; j++)
        if (!g_str_has_prefix (came->pdata[j], "</") &&
            !g_strv_contains (cases[i].expected, came->pdata[j]) &&
            strstr (came->pdata[j], "<driver type='virtiofs'/>") == NULL)
          g_error ("%s: unexpectedly new: %s\n%s", cases[i].type, (char *)came->pdata[j], after);
      fixture_close (&fixture);
    }
}

/* A guest with a smartcard reader is not offered another */
static void
test_add_smartcard_refused (void)
{
  Fixture fixture = { 0 };

  fixture_open (&fixture);
  VD_TEST_WAIT_UNTIL (vd_connection_get_host_loaded (fixture.connection), 30);
  fixture.dialog = vd_add_hardware_dialog_new (NULL, fixture.domain);
  g_object_add_weak_pointer (G_OBJECT (fixture.dialog), (gpointer *)&fixture.dialog);
  VD_TEST_WAIT_UNTIL (vd_add_hardware_dialog_get_loaded (VD_ADD_HARDWARE_DIALOG (fixture.dialog)),
                      30);
  g_assert_false (vd_add_hardware_dialog_select_type (VD_ADD_HARDWARE_DIALOG (fixture.dialog),
                                                      "smartcard"));
  g_assert_true (vd_add_hardware_dialog_select_type (VD_ADD_HARDWARE_DIALOG (fixture.dialog),
                                                     "shmem"));
  fixture_close (&fixture);
}

/* Screenshots (only with VD_TEST_SHOTS_DIR set, in the language of the
 * environment, with VD_LOCALEDIR for the catalogues): the four pages, a
 * refusal on each, and Add Hardware's shared folder. */
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
  page = show_page (&fixture, "device-controller/1");
  gtk_button_clicked (GTK_BUTTON (page_child (page, "remove_button")));
  shoot (fixture.window, "controller-scsi-in-use");
  page = show_page (&fixture, "device-controller/3");
  shoot (fixture.window, "controller-virtio-serial");
  page = show_page (&fixture, "device-filesystem/0");
  shoot (fixture.window, "filesystem-virtiofs");
  gtk_entry_set_text (GTK_ENTRY (page_child (page, "target_entry")), "");
  shoot (fixture.window, "filesystem-empty-tag");
  gtk_button_clicked (GTK_BUTTON (window_child (&fixture, "revert_button")));
  page = show_page (&fixture, "device-filesystem/1");
  shoot (fixture.window, "filesystem-9p");
  page = show_page (&fixture, "device-smartcard/0");
  set_combo (page, "mode_combo", "passthrough");
  set_combo (page, "type_combo", "tcp");
  shoot (fixture.window, "smartcard-tcp");
  gtk_button_clicked (GTK_BUTTON (window_child (&fixture, "revert_button")));
  page = show_page (&fixture, "device-shmem/0");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (page_child (page, "size_spin")), 6);
  shoot (fixture.window, "shmem-bad-size");
  gtk_button_clicked (GTK_BUTTON (window_child (&fixture, "revert_button")));
  gtk_widget_destroy (fixture.window);

  fixture.dialog = vd_add_hardware_dialog_new (NULL, fixture.domain);
  g_object_add_weak_pointer (G_OBJECT (fixture.dialog), (gpointer *)&fixture.dialog);
  VD_TEST_WAIT_UNTIL (vd_add_hardware_dialog_get_loaded (VD_ADD_HARDWARE_DIALOG (fixture.dialog)),
                      30);
  gtk_window_resize (GTK_WINDOW (fixture.dialog), 1000, 800);
  g_assert_true (vd_add_hardware_dialog_select_type (VD_ADD_HARDWARE_DIALOG (fixture.dialog),
                                                     "filesystem"));
  shoot (fixture.dialog, "add-filesystem");
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
  /* No crossfade between Details sections (see test-device-pages.c). */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/ctrlfs-pages/corpus-unchanged", test_corpus_unchanged);
  g_test_add_func ("/ctrlfs-pages/controller-model", test_controller_model);
  g_test_add_func ("/ctrlfs-pages/controller-refused", test_controller_refused);
  g_test_add_func ("/ctrlfs-pages/controller-remove", test_controller_remove);
  g_test_add_func ("/ctrlfs-pages/filesystem-9p", test_filesystem_9p);
  g_test_add_func ("/ctrlfs-pages/filesystem-virtiofs", test_filesystem_virtiofs);
  g_test_add_func ("/ctrlfs-pages/smartcard", test_smartcard);
  g_test_add_func ("/ctrlfs-pages/shmem", test_shmem);
  g_test_add_func ("/ctrlfs-pages/add-hardware", test_add_hardware);
  g_test_add_func ("/ctrlfs-pages/add-smartcard-refused", test_add_smartcard_refused);
  g_test_add_func ("/ctrlfs-pages/screenshots", test_screenshots);

  return g_test_run ();
}
