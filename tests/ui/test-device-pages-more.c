/* test-device-pages-more.c
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
#include "vd-hardware-page-generic.h"
#include "vd-vm-window.h"
#include "../vd-test-util.h"

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

/* The guest window's further device pages (input, watchdog, memory
 * balloon, random number generator, sound card, TPM, panic notifier,
 * serial and parallel ports, consoles and channels): over the corpus
 * (tests/data/domains) each loads and commits without changing a byte; on
 * a test-driver host (tests/data/device-pages-more.xml) one field per page
 * is changed through its widget, applied and read back from libvirt, where
 * only that part may differ; bad input shows its message and keeps Apply
 * off. (tests/ui/test-device-pages.c does the same for disks, NICs,
 * displays and video.) */

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

/* The page of Details section @name ("device-input/0"), shown. */
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
fixture_open (Fixture *fixture)
{
  g_autofree char *uri = vd_test_fixture_uri ("device-pages-more.xml");

  fixture->connection = vd_test_open (uri);
  fixture->domain = vd_connection_find_domain_by_name (fixture->connection, "more");
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

/* Changes one widget through @change, applies, and checks that libvirt's
 * XML differs from before in exactly @removed and @added. */
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

/* The kinds this test covers, each with a page of its own. */
static const VdDeviceKind more_kinds[] = {
  VD_DEVICE_KIND_INPUT, VD_DEVICE_KIND_WATCHDOG, VD_DEVICE_KIND_MEMBALLOON, VD_DEVICE_KIND_RNG,
  VD_DEVICE_KIND_SOUND, VD_DEVICE_KIND_TPM, VD_DEVICE_KIND_PANIC, VD_DEVICE_KIND_SERIAL,
  VD_DEVICE_KIND_PARALLEL, VD_DEVICE_KIND_CONSOLE, VD_DEVICE_KIND_CHANNEL,
};

static gboolean
is_more_kind (VdDeviceKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (more_kinds); i++)
    if (more_kinds[i] == kind)
      return TRUE;

  return FALSE;
}

/* Every page of those kinds of every corpus guest, loaded and committed
 * unchanged into a copy of the guest's editor (as Apply would): valid, not
 * dirty, and the XML byte for byte as libvirt wrote it. */
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
          VdHardwarePage *page;
          g_autofree char *before = NULL;
          g_autofree char *after = NULL;
          g_autoptr(VdDomainEditor) copy = NULL;

          if (!is_more_kind (vd_device_ref_get_kind (device)))
            continue;
          page = vd_hardware_page_device_new_for (vd_device_ref_get_kind (device),
                                                  vd_device_ref_get_id (device));
          g_object_ref_sink (page);
          g_assert_false (VD_IS_HARDWARE_PAGE_GENERIC (page));
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

  for (guint i = 0; i < G_N_ELEMENTS (more_kinds); i++)
    if (counts[more_kinds[i]] == 0)
      g_error ("the corpus has no %s", vd_device_kind_to_string (more_kinds[i]));
}

/* Input: a tablet cannot be on PS/2; then it moves to virtio. A
 * passthrough device cannot be changed. */
static void
test_input (void)
{
  Fixture fixture = { 0 };
  g_autofree char *before = NULL;
  GtkWidget *page;
  const char *removed[] = { "<input type='tablet' bus='usb'/>", NULL };
  const char *added[] = { "<input type='tablet' bus='virtio'/>", NULL };

  fixture_open (&fixture);
  before = inactive_xml (fixture.domain);

  page = show_page (&fixture, "device-input/1");
  g_assert_cmpstr (combo_id (page, "type_combo"), ==, "passthrough");
  g_assert_false (gtk_widget_get_sensitive (page_child (page, "type_combo")));
  g_assert_false (gtk_widget_get_sensitive (page_child (page, "bus_combo")));

  page = show_page (&fixture, "device-input/0");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (page_child (page, "heading_label"))), ==,
                   "Input tablet (usb)");
  g_assert_cmpstr (combo_id (page, "type_combo"), ==, "tablet");
  g_assert_cmpstr (combo_id (page, "bus_combo"), ==, "usb");
  g_assert_false (apply_sensitive (&fixture));

  set_combo (page, "bus_combo", "ps2");
  g_assert_true (message_shown (page, "bus_message"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (page_child (page, "bus_message"))),
                            "PS/2"));
  g_assert_false (apply_sensitive (&fixture));
  /* A mouse may be on PS/2. */
  set_combo (page, "type_combo", "mouse");
  g_assert_false (message_shown (page, "bus_message"));
  g_assert_true (apply_sensitive (&fixture));
  set_combo (page, "type_combo", "tablet");
  set_combo (page, "bus_combo", "usb");
  g_assert_false (message_shown (page, "bus_message"));
  g_assert_false (apply_sensitive (&fixture));

  set_combo (page, "bus_combo", "virtio");
  APPLY_AND_CHECK (&fixture, before, removed, added);

  fixture_close (&fixture);
}

/* Watchdog: what it does when the guest hangs */
static void
test_watchdog (void)
{
  Fixture fixture = { 0 };
  g_autofree char *before = NULL;
  GtkWidget *page;
  const char *removed[] = { "<watchdog model='i6300esb' action='reset'/>", NULL };
  const char *added[] = { "<watchdog model='i6300esb' action='poweroff'/>", NULL };

  fixture_open (&fixture);
  before = inactive_xml (fixture.domain);
  page = show_page (&fixture, "device-watchdog/0");
  g_assert_cmpstr (combo_id (page, "model_combo"), ==, "i6300esb");
  g_assert_cmpstr (combo_id (page, "action_combo"), ==, "reset");
  set_combo (page, "action_combo", "poweroff");
  g_assert_false (message_shown (page, "action_message"));
  APPLY_AND_CHECK (&fixture, before, removed, added);

  fixture_close (&fixture);
}

/* Memory balloon: none takes it away */
static void
test_balloon (void)
{
  Fixture fixture = { 0 };
  g_autofree char *before = NULL;
  GtkWidget *page;
  const char *removed[] = { "<memballoon model='virtio'/>", NULL };
  const char *added[] = { "<memballoon model='none'/>", NULL };

  fixture_open (&fixture);
  before = inactive_xml (fixture.domain);
  page = show_page (&fixture, "device-memballoon/0");
  g_assert_cmpstr (combo_id (page, "model_combo"), ==, "virtio");
  set_combo (page, "model_combo", "none");
  APPLY_AND_CHECK (&fixture, before, removed, added);

  fixture_close (&fixture);
}

/* Random number generator: a host device outside /dev is refused; then
 * /dev/random; QEMU's own generator has no host device */
static void
test_rng (void)
{
  Fixture fixture = { 0 };
  g_autofree char *before = NULL;
  GtkWidget *page;
  GtkEntry *device;
  const char *removed[] = { "<backend model='random'>/dev/urandom</backend>", NULL };
  const char *added[] = { "<backend model='random'>/dev/random</backend>", NULL };

  fixture_open (&fixture);
  before = inactive_xml (fixture.domain);
  page = show_page (&fixture, "device-rng/0");
  device = GTK_ENTRY (page_child (page, "device_combo_entry"));
  g_assert_cmpstr (combo_id (page, "backend_combo"), ==, "random");
  g_assert_cmpstr (gtk_entry_get_text (device), ==, "/dev/urandom");
  g_assert_true (gtk_widget_get_visible (page_child (page, "device_combo")));

  gtk_entry_set_text (device, "/tmp/entropy");
  g_assert_true (message_shown (page, "device_message"));
  g_assert_false (apply_sensitive (&fixture));
  set_combo (page, "backend_combo", "builtin");
  g_assert_false (gtk_widget_get_visible (page_child (page, "device_combo")));
  g_assert_false (message_shown (page, "device_message"));
  g_assert_true (apply_sensitive (&fixture));
  set_combo (page, "backend_combo", "random");
  g_assert_true (message_shown (page, "device_message"));

  gtk_entry_set_text (device, "/dev/random");
  g_assert_false (message_shown (page, "device_message"));
  APPLY_AND_CHECK (&fixture, before, removed, added);

  fixture_close (&fixture);
}

/* Sound card: another model */
static void
test_sound (void)
{
  Fixture fixture = { 0 };
  g_autofree char *before = NULL;
  GtkWidget *page;
  const char *removed[] = { "<sound model='ich9'/>", NULL };
  const char *added[] = { "<sound model='ac97'/>", NULL };

  fixture_open (&fixture);
  before = inactive_xml (fixture.domain);
  page = show_page (&fixture, "device-sound/0");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (page_child (page, "heading_label"))), ==,
                   "Sound ich9");
  g_assert_cmpstr (combo_id (page, "model_combo"), ==, "ich9");
  set_combo (page, "model_combo", "ac97");
  g_assert_false (message_shown (page, "model_message"));
  APPLY_AND_CHECK (&fixture, before, removed, added);

  fixture_close (&fixture);
}

/* TPM: a CRB TPM cannot emulate TPM 1.2; the host's TPM needs a device
 * under /dev; then the CRB interface */
static void
test_tpm (void)
{
  Fixture fixture = { 0 };
  g_autofree char *before = NULL;
  GtkWidget *page;
  GtkEntry *device;
  const char *removed[] = { "<tpm model='tpm-tis'>", NULL };
  const char *added[] = { "<tpm model='tpm-crb'>", NULL };

  fixture_open (&fixture);
  before = inactive_xml (fixture.domain);
  page = show_page (&fixture, "device-tpm/0");
  device = GTK_ENTRY (page_child (page, "device_entry"));
  g_assert_cmpstr (combo_id (page, "model_combo"), ==, "tpm-tis");
  g_assert_cmpstr (combo_id (page, "backend_combo"), ==, "emulator");
  g_assert_cmpstr (combo_id (page, "version_combo"), ==, "2.0");
  g_assert_true (gtk_widget_get_visible (page_child (page, "version_combo")));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (device)));

  set_combo (page, "model_combo", "tpm-crb");
  set_combo (page, "version_combo", "1.2");
  g_assert_true (message_shown (page, "version_message"));
  g_assert_false (apply_sensitive (&fixture));
  set_combo (page, "version_combo", "2.0");
  g_assert_false (message_shown (page, "version_message"));

  set_combo (page, "backend_combo", "passthrough");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (device)));
  g_assert_false (gtk_widget_get_visible (page_child (page, "version_combo")));
  g_assert_true (message_shown (page, "device_message"));
  g_assert_false (apply_sensitive (&fixture));
  gtk_entry_set_text (device, "/tmp/tpm");
  g_assert_true (message_shown (page, "device_message"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (page_child (page, "device_message"))),
                            "/dev"));
  g_assert_false (apply_sensitive (&fixture));
  gtk_entry_set_text (device, "/dev/tpm0");
  g_assert_false (message_shown (page, "device_message"));
  g_assert_true (apply_sensitive (&fixture));
  set_combo (page, "backend_combo", "emulator");
  g_assert_false (message_shown (page, "device_message"));

  APPLY_AND_CHECK (&fixture, before, removed, added);

  fixture_close (&fixture);
}

/* Panic notifier: ISA to Hyper-V's crash registers, which loses the ISA
 * port */
static void
test_panic (void)
{
  Fixture fixture = { 0 };
  g_autofree char *before = NULL;
  GtkWidget *page;
  const char *removed[] = { "<panic model='isa'>", "<address type='isa' iobase='0x505'/>",
                            "</panic>", NULL };
  const char *added[] = { "<panic model='hyperv'/>", NULL };

  fixture_open (&fixture);
  before = inactive_xml (fixture.domain);
  page = show_page (&fixture, "device-panic/0");
  g_assert_cmpstr (combo_id (page, "model_combo"), ==, "isa");
  set_combo (page, "model_combo", "hyperv");
  APPLY_AND_CHECK (&fixture, before, removed, added);

  fixture_close (&fixture);
}

static gboolean
shown (GtkWidget  *page,
       const char *name)
{
  return gtk_widget_is_visible (page_child (page, name));
}

/* Serial port: a TCP socket needs a host and a port from 1 to 65535; a
 * file an absolute path */
static void
test_serial (void)
{
  Fixture fixture = { 0 };
  GtkWidget *page;
  GtkEntry *host;
  GtkEntry *port;

  fixture_open (&fixture);
  page = show_page (&fixture, "device-serial/0");
  host = GTK_ENTRY (page_child (page, "host_entry"));
  port = GTK_ENTRY (page_child (page, "port_entry"));
  g_assert_cmpstr (combo_id (page, "type_combo"), ==, "pty");
  g_assert_false (shown (page, "path_entry"));
  g_assert_false (shown (page, "host_entry"));
  /* Neither a console's type nor a channel's name nor the agent. */
  g_assert_false (shown (page, "target_type_combo"));
  g_assert_false (shown (page, "name_entry"));
  g_assert_false (shown (page, "agent_button"));

  set_combo (page, "type_combo", "tcp");
  g_assert_true (shown (page, "host_entry"));
  g_assert_true (shown (page, "port_entry"));
  g_assert_true (shown (page, "mode_combo"));
  g_assert_true (shown (page, "protocol_combo"));
  g_assert_true (message_shown (page, "host_message"));
  g_assert_false (apply_sensitive (&fixture));
  gtk_entry_set_text (host, "127.0.0.1");
  g_assert_false (message_shown (page, "host_message"));
  g_assert_true (message_shown (page, "port_message"));
  gtk_entry_set_text (port, "70000");
  g_assert_true (message_shown (page, "port_message"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (page_child (page, "port_message"))),
                            "65535"));
  g_assert_false (apply_sensitive (&fixture));
  gtk_entry_set_text (port, "45x");
  g_assert_true (message_shown (page, "port_message"));
  gtk_entry_set_text (port, "4555");
  g_assert_false (message_shown (page, "port_message"));
  g_assert_true (apply_sensitive (&fixture));

  set_combo (page, "type_combo", "file");
  g_assert_false (shown (page, "host_entry"));
  g_assert_true (shown (page, "path_entry"));
  g_assert_true (message_shown (page, "path_message"));
  gtk_entry_set_text (GTK_ENTRY (page_child (page, "path_entry")), "serial.log");
  g_assert_true (message_shown (page, "path_message"));
  g_assert_false (apply_sensitive (&fixture));
  /* Only a channel goes to the SPICE client. */
  set_combo (page, "type_combo", "spicevmc");
  g_assert_true (message_shown (page, "type_message"));
  g_assert_false (apply_sensitive (&fixture));
  set_combo (page, "type_combo", "pty");
  g_assert_false (message_shown (page, "type_message"));
  g_assert_false (apply_sensitive (&fixture));

  fixture_close (&fixture);
}

/* Parallel port: to a file */
static void
test_parallel (void)
{
  Fixture fixture = { 0 };
  g_autofree char *before = NULL;
  GtkWidget *page;
  const char *removed[] = { "<parallel type='pty'>", NULL };
  const char *added[] = { "<parallel type='file'>", "<source path='/var/log/vd-parallel.log'/>",
                          NULL };

  fixture_open (&fixture);
  before = inactive_xml (fixture.domain);
  page = show_page (&fixture, "device-parallel/0");
  set_combo (page, "type_combo", "file");
  gtk_entry_set_text (GTK_ENTRY (page_child (page, "path_entry")), "/var/log/vd-parallel.log");
  g_assert_false (message_shown (page, "path_message"));
  APPLY_AND_CHECK (&fixture, before, removed, added);

  fixture_close (&fixture);
}

/* Console: its type; the virtio console to a unix socket that listens */
static void
test_console (void)
{
  Fixture fixture = { 0 };
  g_autofree char *before = NULL;
  GtkWidget *page;
  /* (the serial port's console keeps a line like the virtio one's first) */
  const char *removed[] = { NULL };
  const char *added[] = { "<console type='unix'>",
                          "<source mode='bind' path='/run/vd-console.sock'/>", NULL };

  fixture_open (&fixture);
  before = inactive_xml (fixture.domain);
  page = show_page (&fixture, "device-console/1");
  g_assert_true (shown (page, "target_type_combo"));
  g_assert_cmpstr (combo_id (page, "target_type_combo"), ==, "virtio");
  /* A console offers the guest agent's channel too. */
  g_assert_true (shown (page, "agent_button"));
  g_assert_true (gtk_widget_get_sensitive (page_child (page, "agent_button")));
  set_combo (page, "type_combo", "unix");
  /* A console's socket needs a path (only a channel's is named by libvirt). */
  g_assert_true (message_shown (page, "path_message"));
  g_assert_false (apply_sensitive (&fixture));
  gtk_entry_set_text (GTK_ENTRY (page_child (page, "path_entry")), "/run/vd-console.sock");
  set_combo (page, "mode_combo", "bind");
  g_assert_false (message_shown (page, "path_message"));
  APPLY_AND_CHECK (&fixture, before, removed, added);

  fixture_close (&fixture);
}

/* Channel: its name; the QEMU guest agent's channel, added at Apply */
static void
test_channel (void)
{
  Fixture fixture = { 0 };
  g_autofree char *before = NULL;
  GtkWidget *page;
  GtkEntry *name;
  const char *removed[] = { NULL };
  const char *added[] = { "<channel type='unix'>",
                          "<target type='virtio' name='org.qemu.guest_agent.0'/>", NULL };

  fixture_open (&fixture);
  before = inactive_xml (fixture.domain);
  page = show_page (&fixture, "device-channel/0");
  name = GTK_ENTRY (page_child (page, "name_entry"));
  g_assert_cmpstr (combo_id (page, "type_combo"), ==, "spicevmc");
  g_assert_true (shown (page, "name_entry"));
  g_assert_cmpstr (gtk_entry_get_text (name), ==, "com.redhat.spice.0");
  gtk_entry_set_text (name, "com redhat");
  g_assert_true (message_shown (page, "name_message"));
  g_assert_false (apply_sensitive (&fixture));
  gtk_entry_set_text (name, "");
  g_assert_true (message_shown (page, "name_message"));
  gtk_entry_set_text (name, "com.redhat.spice.0");
  g_assert_false (message_shown (page, "name_message"));
  g_assert_false (apply_sensitive (&fixture));

  g_assert_true (shown (page, "agent_button"));
  g_assert_true (gtk_widget_get_sensitive (page_child (page, "agent_button")));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (page_child (page, "agent_label"))),
                            "no QEMU guest agent"));
  gtk_button_clicked (GTK_BUTTON (page_child (page, "agent_button")));
  g_assert_false (gtk_widget_get_sensitive (page_child (page, "agent_button")));
  APPLY_AND_CHECK (&fixture, before, removed, added);
  {
    g_autofree char *xml = inactive_xml (fixture.domain);

    g_assert_nonnull (strstr (xml, "</channel>\n    <channel type='unix'>"));
  }
  /* The new channel has its page; both say the agent's channel is there. */
  VD_TEST_WAIT_UNTIL (gtk_stack_get_child_by_name (GTK_STACK (window_child (&fixture,
                                                                            "details_stack")),
                                                   "device-channel/1") != NULL, 30);
  page = show_page (&fixture, "device-channel/1");
  g_assert_cmpstr (combo_id (page, "type_combo"), ==, "unix");
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (page_child (page, "name_entry"))), ==,
                   "org.qemu.guest_agent.0");
  g_assert_false (gtk_widget_get_sensitive (page_child (page, "agent_button")));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (page_child (page, "agent_label"))),
                            "has a QEMU guest agent"));
  page = show_page (&fixture, "device-channel/0");
  g_assert_false (gtk_widget_get_sensitive (page_child (page, "agent_button")));
  g_assert_false (apply_sensitive (&fixture));

  fixture_close (&fixture);
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

/* Each page's controls have names for screen readers, also the fields
 * shown only for some kinds of source. */
static void
test_accessible (void)
{
  Fixture fixture = { 0 };
  GtkWidget *page;

  fixture_open (&fixture);
  for (const char * const *name = (const char *[]) { "device-input/0", "device-watchdog/0",
                                                     "device-memballoon/0", "device-rng/0",
                                                     "device-sound/0", "device-tpm/0",
                                                     "device-panic/0", "device-serial/0",
                                                     "device-console/1", "device-channel/0",
                                                     NULL };
       *name != NULL; name++)
    g_assert_cmpuint (assert_accessible_names (show_page (&fixture, *name)), >, 1);
  page = show_page (&fixture, "device-serial/0");
  set_combo (page, "type_combo", "tcp");
  g_assert_cmpuint (assert_accessible_names (page), >=, 6);
  /* (a page with changes asks before another is shown) */
  gtk_button_clicked (GTK_BUTTON (window_child (&fixture, "revert_button")));
  page = show_page (&fixture, "device-tpm/0");
  set_combo (page, "backend_combo", "passthrough");
  g_assert_cmpuint (assert_accessible_names (page), >=, 4);

  fixture_close (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  gvir_init_object_check (NULL, NULL, NULL);
  /* No crossfade between Details sections (see test-device-pages.c). */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/vd/device-pages-more/corpus-unchanged", test_corpus_unchanged);
  g_test_add_func ("/vd/device-pages-more/input", test_input);
  g_test_add_func ("/vd/device-pages-more/watchdog", test_watchdog);
  g_test_add_func ("/vd/device-pages-more/balloon", test_balloon);
  g_test_add_func ("/vd/device-pages-more/rng", test_rng);
  g_test_add_func ("/vd/device-pages-more/sound", test_sound);
  g_test_add_func ("/vd/device-pages-more/tpm", test_tpm);
  g_test_add_func ("/vd/device-pages-more/panic", test_panic);
  g_test_add_func ("/vd/device-pages-more/serial", test_serial);
  g_test_add_func ("/vd/device-pages-more/parallel", test_parallel);
  g_test_add_func ("/vd/device-pages-more/console", test_console);
  g_test_add_func ("/vd/device-pages-more/channel", test_channel);
  g_test_add_func ("/vd/device-pages-more/accessible", test_accessible);

  return g_test_run ();
}
