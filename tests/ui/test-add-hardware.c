/* test-add-hardware.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>
#include <libvirt-gobject/libvirt-gobject.h>
#include <libxml/parser.h>
#include <string.h>

#include "vd-add-hardware-dialog.h"
#include "vd-connection-host.h"
#include "vd-domain-editor-devices.h"
#include "vd-hardware-page-device.h"
#include "vd-storage-pool.h"
#include "vd-storage-volume.h"
#include "vd-vm-window.h"
#include "../vd-test-util.h"
#include "vd-test-ui.h"

/* Under ASan: the preview's highlighting makes GLib outgrow its first
 * block of quarks, which it never frees (tests/lsan.supp). Only a full
 * stack names the constructor that allocated it, so unwind slowly. */
const char *__asan_default_options (void);

const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}

/* The Add Hardware dialog on a test-driver host (tests/data/add-hardware.xml):
 * every type offered for a guest is added through the widgets with its
 * defaults, and libvirt's XML afterwards holds exactly one new device of
 * that kind and is otherwise unchanged; types a guest cannot take are not
 * offered; bad input (a MAC, a disk size beyond the pool's free space)
 * keeps Finish off with the message next to the field; a new disk image is
 * created in the pool; libvirt's refusal (the test driver cannot hot-plug
 * into a running guest) is shown, the guest is unchanged and the input
 * kept; a display added to a running guest waits for its next start; and
 * from the guest window, vm.add-hardware shows the new device's page. */

typedef struct
{
  VdConnection *connection;
  VdDomain     *domain;
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
dialog_child (Fixture    *fixture,
              const char *name)
{
  GObject *child = gtk_widget_get_template_child (fixture->dialog, VD_TYPE_ADD_HARDWARE_DIALOG,
                                                  name);

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

static void
wait_loaded (Fixture *fixture)
{
  VD_TEST_WAIT_UNTIL (vd_add_hardware_dialog_get_loaded (VD_ADD_HARDWARE_DIALOG (fixture->dialog)),
                      30);
}

static void
fixture_open (Fixture    *fixture,
              const char *guest)
{
  g_autofree char *uri = vd_test_fixture_uri ("add-hardware.xml");

  fixture->connection = vd_test_open (uri);
  VD_TEST_WAIT_UNTIL (vd_connection_get_host_loaded (fixture->connection), 30);
  fixture->domain = vd_connection_find_domain_by_name (fixture->connection, guest);
  g_assert_nonnull (fixture->domain);
}

static void
open_dialog (Fixture *fixture)
{
  fixture->dialog = vd_add_hardware_dialog_new (NULL, fixture->domain);
  g_object_add_weak_pointer (G_OBJECT (fixture->dialog), (gpointer *)&fixture->dialog);
  wait_loaded (fixture);
  gtk_test_widget_wait_for_draw (fixture->dialog);
}

static void
fixture_close (Fixture *fixture)
{
  if (fixture->dialog != NULL)
    gtk_widget_destroy (fixture->dialog);
  g_assert_null (fixture->dialog);
  vd_connection_disconnect (fixture->connection);
  g_clear_object (&fixture->connection);
}

static gboolean
finish_sensitive (Fixture *fixture)
{
  return gtk_widget_get_sensitive (dialog_child (fixture, "finish_button"));
}

static gboolean
error_shown (Fixture *fixture)
{
  return gtk_info_bar_get_revealed (GTK_INFO_BAR (dialog_child (fixture, "info_bar"))) &&
         gtk_label_get_text (GTK_LABEL (dialog_child (fixture, "info_label")))[0] != '\0';
}

/* Clicks Finish and waits until the dialog closed or shows an error. */
static void
finish (Fixture *fixture)
{
  g_assert_true (finish_sensitive (fixture));
  gtk_button_clicked (GTK_BUTTON (dialog_child (fixture, "finish_button")));
  VD_TEST_WAIT_UNTIL (fixture->dialog == NULL ||
                      (!vd_add_hardware_dialog_get_running (VD_ADD_HARDWARE_DIALOG (fixture->dialog)) &&
                       !vd_domain_get_busy (fixture->domain)), 30);
  VD_TEST_WAIT_UNTIL (!vd_domain_get_busy (fixture->domain), 30);
}

static gboolean
message_shown (GtkWidget *label)
{
  return gtk_widget_get_visible (label) && gtk_label_get_text (GTK_LABEL (label))[0] != '\0';
}

/* @xml as libxml2 writes it without the blanks between elements: the
 * editor writes an edited document so, libvirt with its own indentation
 * and quotes. */
static char *
normalized (const char *xml)
{
  xmlDoc *doc = xmlReadMemory (xml, (int)strlen (xml), "domain.xml", NULL,
                               XML_PARSE_NONET | XML_PARSE_NOBLANKS);
  xmlChar *text = NULL;
  int len = 0;
  char *ret;

  g_assert_nonnull (doc);
  xmlDocDumpFormatMemory (doc, &text, &len, 1);
  ret = g_strndup ((const char *)text, (gsize)len);
  xmlFree (text);
  xmlFreeDoc (doc);

  return ret;
}

static GPtrArray *
ids_of_kind (VdDomainEditor *editor,
             VdDeviceKind    kind)
{
  g_autoptr(GPtrArray) devices = vd_domain_editor_list_devices (editor);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < devices->len; i++)
    if (vd_device_ref_get_kind (devices->pdata[i]) == kind)
      g_ptr_array_add (ids, g_strdup (vd_device_ref_get_id (devices->pdata[i])));

  return ids;
}

/* Asserts that @after is @before with exactly one more device of @kind,
 * whose XML contains each of @expected (and one of @implicit, which libvirt
 * adds with it, unless %VD_DEVICE_KIND_OTHER); returns that device's XML. */
static char *
assert_one_device_added_full (const char         *before,
                              const char         *after,
                              VdDeviceKind        kind,
                              VdDeviceKind        implicit,
                              const char * const *expected)
{
  g_autoptr(VdDomainEditor) old_editor = vd_domain_editor_new_from_xml (before, NULL);
  g_autoptr(VdDomainEditor) new_editor = vd_domain_editor_new_from_xml (after, NULL);
  g_autoptr(GPtrArray) old_ids = ids_of_kind (old_editor, kind);
  g_autoptr(GPtrArray) new_ids = ids_of_kind (new_editor, kind);
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;
  g_autofree char *rest = NULL;
  g_autofree char *added = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (new_ids->len, ==, old_ids->len + 1);
  /* Which one is new: removing it gives the old XML back. */
  for (guint i = 0; i < new_ids->len && added == NULL; i++)
    {
      g_autoptr(VdDomainEditor) without = vd_domain_editor_new_from_xml (after, NULL);

      vd_domain_editor_remove_device (without, new_ids->pdata[i], &error);
      g_assert_no_error (error);
      if (implicit != VD_DEVICE_KIND_OTHER)
        {
          g_autoptr(GPtrArray) extra = ids_of_kind (without, implicit);

          g_assert_cmpuint (extra->len, >, 0);
          vd_domain_editor_remove_device (without, extra->pdata[extra->len - 1], &error);
          g_assert_no_error (error);
        }
      rest = vd_domain_editor_get_xml (without);
      new_text = normalized (rest);
      g_free (old_text);
      old_text = normalized (before);
      if (g_strcmp0 (old_text, new_text) == 0)
        {
          g_autofree char *device = vd_domain_editor_get_device_xml (new_editor,
                                                                     new_ids->pdata[i]);

          added = normalized (device);
        }
      g_clear_pointer (&rest, g_free);
      if (added == NULL && i + 1 < new_ids->len)
        g_clear_pointer (&new_text, g_free);
    }
  if (added == NULL)
    g_error ("not exactly one new device:\n--- before:\n%s\n--- after, less the last:\n%s",
             old_text, new_text);
  for (guint i = 0; expected != NULL && expected[i] != NULL; i++)
    if (strstr (added, expected[i]) == NULL)
      g_error ("the new device lacks %s:\n%s", expected[i], added);

  return g_steal_pointer (&added);
}

static char *
assert_one_device_added (const char         *before,
                         const char         *after,
                         VdDeviceKind        kind,
                         const char * const *expected)
{
  return assert_one_device_added_full (before, after, kind, VD_DEVICE_KIND_OTHER, expected);
}

/* Each type offered for "hw" but Storage (its own test), added with its
 * defaults. */
static void
test_add_each_type (void)
{
  static const struct {
    const char   *type;
    VdDeviceKind  kind;
    const char   *expected[3];
    VdDeviceKind  implicit;   /* 0 (a disk, never implicit): none */
  } cases[] = {
    { "interface", VD_DEVICE_KIND_INTERFACE,
      { "<source network=\"default\"/>", "<model type=\"virtio\"/>", NULL } },
    { "graphics", VD_DEVICE_KIND_GRAPHICS, { "type=\"spice\"", NULL } },
    { "video", VD_DEVICE_KIND_VIDEO, { "type=\"virtio\"", NULL } },
    { "input", VD_DEVICE_KIND_INPUT, { "type=\"tablet\"", "bus=\"usb\"", NULL } },
    { "sound", VD_DEVICE_KIND_SOUND, { "model=\"ich6\"", NULL } },
    /* libvirt gives the first serial port a console */
    { "serial", VD_DEVICE_KIND_SERIAL, { "type=\"pty\"", NULL }, VD_DEVICE_KIND_CONSOLE },
    /* and virtio consoles and channels a virtio-serial controller */
    { "console", VD_DEVICE_KIND_CONSOLE, { "type=\"virtio\"", NULL }, VD_DEVICE_KIND_CONTROLLER },
    { "channel-agent", VD_DEVICE_KIND_CHANNEL, { "org.qemu.guest_agent.0", NULL },
      VD_DEVICE_KIND_CONTROLLER },
    { "channel-spice", VD_DEVICE_KIND_CHANNEL, { "com.redhat.spice.0", NULL },
      VD_DEVICE_KIND_CONTROLLER },
    { "watchdog", VD_DEVICE_KIND_WATCHDOG, { "model=\"i6300esb\"", NULL } },
    { "rng", VD_DEVICE_KIND_RNG, { "/dev/urandom", NULL } },
    { "tpm", VD_DEVICE_KIND_TPM, { "model=\"tpm-tis\"", "type=\"emulator\"", NULL } },
    { "panic", VD_DEVICE_KIND_PANIC, { "model=\"isa\"", NULL } },
    { "controller", VD_DEVICE_KIND_CONTROLLER, { "model=\"virtio-scsi\"", NULL } },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      Fixture fixture = { 0 };
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      g_autofree char *preview = NULL;
      g_autofree char *added = NULL;

      g_test_message ("adding %s", cases[i].type);
      fixture_open (&fixture, "hw");
      before = inactive_xml (fixture.domain);
      open_dialog (&fixture);
      g_assert_true (vd_add_hardware_dialog_select_type (VD_ADD_HARDWARE_DIALOG (fixture.dialog),
                                                         cases[i].type));
      /* The page has no Remove… for a device the guest does not have yet. */
      {
        GtkWidget *page = vd_add_hardware_dialog_get_page (VD_ADD_HARDWARE_DIALOG (fixture.dialog));
        GObject *remove = gtk_widget_get_template_child (page, G_OBJECT_TYPE (page),
                                                         "remove_button");

        g_assert_true (vd_hardware_page_device_get_new_device (VD_HARDWARE_PAGE_DEVICE (page)));
        if (remove != NULL)
          g_assert_false (gtk_widget_get_visible (GTK_WIDGET (remove)));
      }
      preview = vd_add_hardware_dialog_get_preview (VD_ADD_HARDWARE_DIALOG (fixture.dialog));
      g_assert_true (g_str_has_prefix (preview, "<"));
      finish (&fixture);
      g_assert_null (fixture.dialog);

      after = inactive_xml (fixture.domain);
      added = assert_one_device_added_full (before, after, cases[i].kind,
                                            cases[i].implicit != 0 ? cases[i].implicit
                                                                   : VD_DEVICE_KIND_OTHER,
                                            cases[i].expected);
      fixture_close (&fixture);
    }
}

/* What a guest cannot take is not offered: a second watchdog, a USB
 * tablet without USB, USB redirection without SPICE. */
static void
test_unavailable_types (void)
{
  Fixture fixture = { 0 };
  VdAddHardwareDialog *dialog;

  fixture_open (&fixture, "nousb");
  open_dialog (&fixture);
  dialog = VD_ADD_HARDWARE_DIALOG (fixture.dialog);
  g_assert_false (vd_add_hardware_dialog_select_type (dialog, "watchdog"));
  g_assert_false (vd_add_hardware_dialog_select_type (dialog, "input"));
  g_assert_false (vd_add_hardware_dialog_select_type (dialog, "redirdev"));
  g_assert_true (vd_add_hardware_dialog_select_type (dialog, "rng"));
  g_assert_cmpstr (vd_add_hardware_dialog_get_type_id (dialog), ==, "rng");
  fixture_close (&fixture);
}

/* A bad MAC keeps Finish off with the page's message; a good one again
 * lets it on, and the preview follows the field. */
static void
test_bad_mac (void)
{
  Fixture fixture = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *preview = NULL;
  g_autofree char *added = NULL;
  GtkWidget *page;
  const char *expected[] = { "52:54:00:12:34:56", NULL };

  fixture_open (&fixture, "hw");
  before = inactive_xml (fixture.domain);
  open_dialog (&fixture);
  g_assert_true (vd_add_hardware_dialog_select_type (VD_ADD_HARDWARE_DIALOG (fixture.dialog),
                                                     "interface"));
  page = vd_add_hardware_dialog_get_page (VD_ADD_HARDWARE_DIALOG (fixture.dialog));
  /* The default: a fresh MAC in QEMU's range, not the guest's other NIC's. */
  g_assert_true (g_str_has_prefix (gtk_entry_get_text (GTK_ENTRY (page_child (page, "mac_entry"))),
                                   "52:54:00:"));
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (page_child (page, "mac_entry"))), !=,
                   "52:54:00:00:40:01");
  g_assert_true (finish_sensitive (&fixture));

  gtk_entry_set_text (GTK_ENTRY (page_child (page, "mac_entry")), "52:54:00:zz");
  g_assert_false (finish_sensitive (&fixture));
  g_assert_true (message_shown (page_child (page, "mac_message")));

  gtk_entry_set_text (GTK_ENTRY (page_child (page, "mac_entry")), "52:54:00:12:34:56");
  g_assert_true (finish_sensitive (&fixture));
  g_assert_false (message_shown (page_child (page, "mac_message")));
  preview = vd_add_hardware_dialog_get_preview (VD_ADD_HARDWARE_DIALOG (fixture.dialog));
  g_assert_nonnull (strstr (preview, "52:54:00:12:34:56"));

  finish (&fixture);
  g_assert_null (fixture.dialog);
  after = inactive_xml (fixture.domain);
  added = assert_one_device_added (before, after, VD_DEVICE_KIND_INTERFACE, expected);
  fixture_close (&fixture);
}

/* Storage: a new qcow2 image in the pool "default" (the test driver gives
 * it 100 GiB, whatever the fixture says); a size beyond what is free keeps Finish off with the message next to the size. */
static void
test_storage_new_volume (void)
{
  Fixture fixture = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *added = NULL;
  VdStoragePool *pool = NULL;
  VdStorageVolume *volume;
  GListModel *pools;
  const char *expected[] = { "volume=\"hw-1.qcow2\"", "pool=\"default\"", "dev=\"vdb\"",
                             "bus=\"virtio\"", NULL };

  fixture_open (&fixture, "hw");
  before = inactive_xml (fixture.domain);
  open_dialog (&fixture);
  g_assert_true (vd_add_hardware_dialog_select_type (VD_ADD_HARDWARE_DIALOG (fixture.dialog),
                                                     "disk"));
  g_assert_true (gtk_widget_get_visible (dialog_child (&fixture, "storage_box")));
  g_assert_true (finish_sensitive (&fixture));

  gtk_entry_set_text (GTK_ENTRY (dialog_child (&fixture, "size_entry")), "150");
  g_assert_false (finish_sensitive (&fixture));
  g_assert_true (message_shown (dialog_child (&fixture, "size_message")));
  gtk_entry_set_text (GTK_ENTRY (dialog_child (&fixture, "size_entry")), "lots");
  g_assert_false (finish_sensitive (&fixture));
  g_assert_true (message_shown (dialog_child (&fixture, "size_message")));
  gtk_entry_set_text (GTK_ENTRY (dialog_child (&fixture, "size_entry")), "2");
  g_assert_true (finish_sensitive (&fixture));
  g_assert_false (message_shown (dialog_child (&fixture, "size_message")));

  /* An existing image: not the new one's name, which no volume has. */
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (dialog_child (&fixture, "existing_radio")),
                                TRUE);
  g_assert_false (finish_sensitive (&fixture));
  g_assert_true (message_shown (dialog_child (&fixture, "size_message")));
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (dialog_child (&fixture, "new_volume_radio")),
                                TRUE);
  g_assert_true (finish_sensitive (&fixture));

  finish (&fixture);
  g_assert_null (fixture.dialog);
  after = inactive_xml (fixture.domain);
  added = assert_one_device_added (before, after, VD_DEVICE_KIND_DISK, expected);

  pools = vd_connection_get_pools (fixture.connection);
  for (guint i = 0; i < g_list_model_get_n_items (pools); i++)
    {
      g_autoptr(VdStoragePool) item = g_list_model_get_item (pools, i);

      if (g_strcmp0 (vd_storage_pool_get_name (item), "default") == 0)
        pool = item;
    }
  g_assert_nonnull (pool);
  volume = vd_storage_pool_find_volume (pool, "hw-1.qcow2");
  g_assert_nonnull (volume);
  g_assert_cmpuint (vd_storage_volume_get_capacity (volume), ==, (guint64)2 << 30);
  fixture_close (&fixture);
}

/* The test driver cannot hot-plug: adding a NIC to the running guest is
 * refused; the dialog shows libvirt's message, keeps its input and the
 * guest has no new device. */
static void
test_refused_live_attach (void)
{
  Fixture fixture = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GtkWidget *page;

  fixture_open (&fixture, "hwlive");
  g_assert_true (vd_domain_get_active (fixture.domain));
  before = inactive_xml (fixture.domain);
  open_dialog (&fixture);
  g_assert_true (vd_add_hardware_dialog_select_type (VD_ADD_HARDWARE_DIALOG (fixture.dialog),
                                                     "interface"));
  page = vd_add_hardware_dialog_get_page (VD_ADD_HARDWARE_DIALOG (fixture.dialog));
  gtk_entry_set_text (GTK_ENTRY (page_child (page, "mac_entry")), "52:54:00:ab:cd:ef");
  finish (&fixture);

  g_assert_nonnull (fixture.dialog);
  g_assert_true (error_shown (&fixture));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (dialog_child (&fixture, "info_label"))),
                            "not supported"));
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (page_child (page, "mac_entry"))), ==,
                   "52:54:00:ab:cd:ef");
  g_assert_true (finish_sensitive (&fixture));
  g_assert_true (gtk_widget_get_sensitive (dialog_child (&fixture, "cancel_button")));
  after = inactive_xml (fixture.domain);
  g_assert_cmpstr (after, ==, before);
  fixture_close (&fixture);
}

/* A new disk image for a running guest that cannot take the disk (no
 * hot-plug on the test driver): the image is created, the guest refuses,
 * and the image is deleted again. */
static void
test_storage_refused_volume_deleted (void)
{
  Fixture fixture = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  VdStoragePool *pool = NULL;
  GListModel *pools;

  fixture_open (&fixture, "hwlive");
  before = inactive_xml (fixture.domain);
  pools = vd_connection_get_pools (fixture.connection);
  for (guint i = 0; i < g_list_model_get_n_items (pools); i++)
    {
      g_autoptr(VdStoragePool) item = g_list_model_get_item (pools, i);

      if (g_strcmp0 (vd_storage_pool_get_name (item), "default") == 0)
        pool = item;
    }
  g_assert_nonnull (pool);
  open_dialog (&fixture);
  g_assert_true (vd_add_hardware_dialog_select_type (VD_ADD_HARDWARE_DIALOG (fixture.dialog),
                                                     "disk"));
  gtk_entry_set_text (GTK_ENTRY (dialog_child (&fixture, "size_entry")), "1");
  finish (&fixture);

  g_assert_nonnull (fixture.dialog);
  g_assert_true (error_shown (&fixture));
  /* The image was made: the refusal is the hot-plug's. */
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (dialog_child (&fixture, "info_label"))),
                            "not supported"));
  after = inactive_xml (fixture.domain);
  g_assert_cmpstr (after, ==, before);
  /* Deleted in a worker of its own. */
  VD_TEST_WAIT_UNTIL (vd_storage_pool_find_volume (pool, "hwlive-1.qcow2") == NULL &&
                      !vd_storage_pool_get_busy (pool), 30);
  {
    /* libvirt agrees. */
    virStoragePoolPtr handle = virStoragePoolLookupByName (
                                 vd_connection_get_handle (fixture.connection), "default");
    virStorageVolPtr vol;

    g_assert_nonnull (handle);
    vol = virStorageVolLookupByName (handle, "hwlive-1.qcow2");
    g_assert_null (vol);
    virResetLastError ();
    virStoragePoolFree (handle);
  }
  fixture_close (&fixture);
}

static void
device_added_cb (VdAddHardwareDialog *dialog,
                 VdDomainEditor      *editor,
                 const char          *id,
                 gboolean             needs_restart,
                 gboolean            *restart)
{
  *restart = needs_restart;
}

/* A display cannot be hot-plugged: on the running guest it is defined
 * for the next start, and the dialog reports so. */
static void
test_running_guest_config_only (void)
{
  Fixture fixture = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *added = NULL;
  gboolean restart = FALSE;
  const char *expected[] = { "type=\"vnc\"", NULL };

  fixture_open (&fixture, "hwlive");
  before = inactive_xml (fixture.domain);
  open_dialog (&fixture);
  g_signal_connect (fixture.dialog, "device-added", G_CALLBACK (device_added_cb), &restart);
  g_assert_true (vd_add_hardware_dialog_select_type (VD_ADD_HARDWARE_DIALOG (fixture.dialog),
                                                     "graphics"));
  finish (&fixture);
  g_assert_null (fixture.dialog);
  g_assert_true (restart);
  after = inactive_xml (fixture.domain);
  /* libvirt gives a display without a video card one */
  added = assert_one_device_added_full (before, after, VD_DEVICE_KIND_GRAPHICS,
                                        VD_DEVICE_KIND_VIDEO, expected);
  fixture_close (&fixture);
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

static VdAddHardwareDialog *
find_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (const GList *l = toplevels; l != NULL; l = l->next)
    if (VD_IS_ADD_HARDWARE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
      return l->data;

  return NULL;
}

/* From the guest window: Add Hardware… opens the dialog (after asking
 * about the page's unapplied changes); after Finish the window lists the
 * new device and shows its page. */
static void
test_from_window (void)
{
  Fixture fixture = { 0 };
  GtkWidget *window;
  GtkWidget *stack;
  GtkWidget *button;

  fixture_open (&fixture, "hw");
  window = GTK_WIDGET (vd_vm_window_new (NULL, fixture.domain, NULL));
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *)&window);
  gtk_window_resize (GTK_WINDOW (window), 900, 700);
  gtk_widget_show (window);
  vd_vm_window_set_page (VD_VM_WINDOW (window), "overview");
  stack = GTK_WIDGET (gtk_widget_get_template_child (window, VD_TYPE_VM_WINDOW, "details_stack"));
  VD_TEST_WAIT_UNTIL (gtk_stack_get_child_by_name (GTK_STACK (stack), "device-interface/0") != NULL,
                      30);
  g_assert_null (gtk_stack_get_child_by_name (GTK_STACK (stack), "device-rng/0"));

  button = vd_test_find_by_accessible_name (window, "Add Hardware…");
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_get_sensitive (button));

  /* Unapplied changes on the page shown: asked about first. */
  vd_vm_window_set_page (VD_VM_WINDOW (window), "device-interface/0");
  {
    GtkWidget *scrolled = gtk_stack_get_child_by_name (GTK_STACK (stack), "device-interface/0");
    GtkWidget *nic = gtk_bin_get_child (GTK_BIN (gtk_bin_get_child (GTK_BIN (scrolled))));
    GtkDialog *question;

    gtk_entry_set_text (GTK_ENTRY (page_child (nic, "mac_entry")), "52:54:00:00:40:99");
    gtk_button_clicked (GTK_BUTTON (button));
    question = find_question ();
    g_assert_nonnull (question);
    g_assert_null (find_dialog ());
    /* Discard (the window's RESPONSE_DISCARD) */
    gtk_dialog_response (question, 1);
    g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (page_child (nic, "mac_entry"))), ==,
                     "52:54:00:00:40:01");
  }
  fixture.dialog = GTK_WIDGET (find_dialog ());
  g_assert_nonnull (fixture.dialog);
  g_object_add_weak_pointer (G_OBJECT (fixture.dialog), (gpointer *)&fixture.dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (fixture.dialog)) == GTK_WINDOW (window));
  wait_loaded (&fixture);
  g_assert_true (vd_add_hardware_dialog_select_type (VD_ADD_HARDWARE_DIALOG (fixture.dialog),
                                                     "rng"));
  finish (&fixture);
  g_assert_null (fixture.dialog);

  VD_TEST_WAIT_UNTIL (gtk_stack_get_child_by_name (GTK_STACK (stack), "device-rng/0") != NULL, 30);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "device-rng/0");

  gtk_widget_destroy (window);
  g_assert_null (window);
  fixture_close (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  gvir_init_object_check (NULL, NULL, NULL);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/vd/add-hardware/each-type", test_add_each_type);
  g_test_add_func ("/vd/add-hardware/unavailable-types", test_unavailable_types);
  g_test_add_func ("/vd/add-hardware/bad-mac", test_bad_mac);
  g_test_add_func ("/vd/add-hardware/storage-new-volume", test_storage_new_volume);
  g_test_add_func ("/vd/add-hardware/refused-live-attach", test_refused_live_attach);
  g_test_add_func ("/vd/add-hardware/storage-refused-volume-deleted",
                   test_storage_refused_volume_deleted);
  g_test_add_func ("/vd/add-hardware/running-guest-config-only", test_running_guest_config_only);
  g_test_add_func ("/vd/add-hardware/from-window", test_from_window);

  return g_test_run ();
}
