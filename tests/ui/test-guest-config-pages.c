/* test-guest-config-pages.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>
#include <string.h>
#include <libvirt-gobject/libvirt-gobject.h>

#include "vd-hardware-page.h"
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

/* The guest-wide settings of the guest window's CPUs, Memory, Boot and
 * Overview pages on a test-driver host (tests/data/guestcfg-guest.xml):
 * CPU mode and model, huge pages and shared memory, direct kernel boot,
 * firmware and Secure Boot, and renaming. Each field is changed through
 * its widget, applied, and read back from libvirt, where only the lines
 * for that field may differ; bad input keeps Apply off with a message next
 * to the field. */

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

static void
fixture_open (Fixture    *fixture,
              const char *guest)
{
  g_autofree char *uri = vd_test_fixture_uri ("guestcfg-guest.xml");

  fixture->connection = vd_test_open (uri);
  fixture->domain = vd_connection_find_domain_by_name (fixture->connection, guest);
  g_assert_nonnull (fixture->domain);
  fixture->window = GTK_WIDGET (vd_vm_window_new (NULL, fixture->domain, NULL));
  g_object_add_weak_pointer (G_OBJECT (fixture->window), (gpointer *)&fixture->window);
  gtk_window_resize (GTK_WINDOW (fixture->window), 900, 800);
  gtk_widget_show (fixture->window);
  vd_vm_window_set_page (VD_VM_WINDOW (fixture->window), "overview");
  /* The pages are on once the editor has been read in its worker. */
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
  /* While libvirt works, the buttons are off and the spinner turns. */
  g_assert_false (apply_sensitive (fixture));
  g_assert_false (gtk_widget_get_sensitive (window_child (fixture, "revert_button")));
  VD_TEST_WAIT_UNTIL (!vd_domain_get_busy (fixture->domain) &&
                      gtk_widget_get_sensitive (window_child (fixture, "mode_stack")), 30);
}

/* Asserts that @after differs from @before in exactly the lines @removed
 * (gone) and @added (new), each NULL-terminated; libvirt writes its XML one
 * element per line, always in the same order. */
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

static const char *
label_text (GtkWidget  *page,
            const char *name)
{
  return gtk_label_get_text (GTK_LABEL (page_child (page, name)));
}

/* CPUs: the mode alone changes (topology and features stay); a named
 * model; bad names refused next to the field; the test driver's missing
 * domain capabilities said on the page. */
static void
test_cpu_mode (void)
{
  Fixture fixture = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *named = NULL;
  GtkWidget *page;
  GtkComboBox *mode;
  GtkEntry *model;
  const char *removed[] = { "<cpu mode='host-model'>", NULL };
  const char *added[] = { "<cpu mode='host-passthrough'>", NULL };
  const char *removed2[] = { "<cpu mode='host-passthrough'>",
                             NULL };
  const char *added2[] = { "<cpu mode='custom' match='exact'>",
                           "<model fallback='allow'>Skylake-Client</model>", NULL };

  fixture_open (&fixture, "tuneme");
  vd_vm_window_set_page (VD_VM_WINDOW (fixture.window), "cpus");
  page = window_child (&fixture, "cpu_page");
  mode = GTK_COMBO_BOX (page_child (page, "mode_combo"));
  model = GTK_ENTRY (page_child (page, "model_entry"));
  before = inactive_xml (fixture.domain);

  g_assert_cmpstr (gtk_combo_box_get_active_id (mode), ==, "host-model");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (model)));
  /* The test driver has no domain capabilities: the page says so. */
  VD_TEST_WAIT_UNTIL (message_shown (page, "caps_message"), 30);
  g_assert_nonnull (strstr (label_text (page, "caps_message"), "does not say"));
  g_assert_false (apply_sensitive (&fixture));

  g_assert_true (gtk_combo_box_set_active_id (mode, "host-passthrough"));
  g_assert_true (apply_sensitive (&fixture));
  apply (&fixture);
  after = inactive_xml (fixture.domain);
  assert_lines_changed (before, after, removed, added);
  g_assert_nonnull (strstr (after, "<feature policy='disable' name='hle'/>"));
  g_assert_nonnull (strstr (after, "<topology sockets='1' dies='1' cores='2' threads='1'/>"));
  g_assert_false (apply_sensitive (&fixture));

  /* A named model: empty and malformed names are refused next to it. */
  g_assert_true (gtk_combo_box_set_active_id (mode, "custom"));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (model)));
  g_assert_true (message_shown (page, "model_message"));
  g_assert_false (apply_sensitive (&fixture));
  gtk_entry_set_text (model, "Sky lake");
  g_assert_true (message_shown (page, "model_message"));
  g_assert_nonnull (strstr (label_text (page, "model_message"), "not a CPU model name"));
  g_assert_false (apply_sensitive (&fixture));
  gtk_entry_set_text (model, "Skylake-Client");
  g_assert_false (message_shown (page, "model_message"));
  apply (&fixture);
  named = inactive_xml (fixture.domain);
  assert_lines_changed (after, named, removed2, added2);
  g_assert_cmpstr (gtk_entry_get_text (model), ==, "Skylake-Client");

  /* The hypervisor's default needs no features: refused with them. */
  g_assert_true (gtk_combo_box_set_active_id (mode, "default"));
  g_assert_true (message_shown (page, "model_message"));
  g_assert_nonnull (strstr (label_text (page, "model_message"), "features"));
  g_assert_false (apply_sensitive (&fixture));
  gtk_button_clicked (GTK_BUTTON (window_child (&fixture, "revert_button")));
  g_assert_cmpstr (gtk_combo_box_get_active_id (mode), ==, "custom");
  g_assert_false (message_shown (page, "model_message"));

  fixture_close (&fixture);
}

/* Memory: huge pages off (and back on), shared memory on */
static void
test_memory_backing (void)
{
  Fixture fixture = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *again = NULL;
  GtkWidget *page;
  GtkToggleButton *hugepages, *shared;
  const char *removed[] = { "<hugepages>", "<page size='2048' unit='KiB'/>", "</hugepages>",
                            NULL };
  const char *added[] = { "<source type='memfd'/>", "<access mode='shared'/>", NULL };
  const char *none[] = { NULL };
  const char *added2[] = { "<hugepages/>", NULL };

  fixture_open (&fixture, "tuneme");
  vd_vm_window_set_page (VD_VM_WINDOW (fixture.window), "memory");
  page = window_child (&fixture, "memory_page");
  hugepages = GTK_TOGGLE_BUTTON (page_child (page, "hugepages_check"));
  shared = GTK_TOGGLE_BUTTON (page_child (page, "shared_check"));
  before = inactive_xml (fixture.domain);

  g_assert_true (gtk_toggle_button_get_active (hugepages));
  g_assert_false (gtk_toggle_button_get_active (shared));
  g_assert_false (apply_sensitive (&fixture));

  /* On and off again is no change. */
  gtk_toggle_button_set_active (shared, TRUE);
  g_assert_true (apply_sensitive (&fixture));
  gtk_toggle_button_set_active (shared, FALSE);
  g_assert_false (apply_sensitive (&fixture));

  gtk_toggle_button_set_active (shared, TRUE);
  gtk_toggle_button_set_active (hugepages, FALSE);
  apply (&fixture);
  after = inactive_xml (fixture.domain);
  assert_lines_changed (before, after, removed, added);
  g_assert_true (gtk_toggle_button_get_active (shared));
  g_assert_false (gtk_toggle_button_get_active (hugepages));

  gtk_toggle_button_set_active (hugepages, TRUE);
  apply (&fixture);
  again = inactive_xml (fixture.domain);
  assert_lines_changed (after, again, none, added2);
  /* A shut-off guest: no "next time it starts" bar; the page's note says it. */
  g_assert_false (gtk_info_bar_get_revealed (GTK_INFO_BAR (window_child (&fixture,
                                                                         "page_info_bar"))));
  g_assert_true (gtk_widget_get_visible (page_child (page, "backing_note")));

  fixture_close (&fixture);
}

/* Boot: direct kernel boot on (refused without a kernel or with a
 * relative path, next to the field at fault), then off again */
static void
test_kernel_boot (void)
{
  Fixture fixture = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *off = NULL;
  GtkWidget *page;
  GtkToggleButton *check;
  GtkEntry *kernel, *initrd, *cmdline;
  const char *none[] = { NULL };
  const char *added[] = { "<kernel>/var/lib/libvirt/boot/vmlinuz</kernel>",
                          "<initrd>/var/lib/libvirt/boot/initrd.img</initrd>",
                          "<cmdline>console=ttyS0 root=/dev/vda</cmdline>", NULL };

  fixture_open (&fixture, "tuneme");
  vd_vm_window_set_page (VD_VM_WINDOW (fixture.window), "boot");
  page = window_child (&fixture, "boot_page");
  check = GTK_TOGGLE_BUTTON (page_child (page, "kernel_check"));
  kernel = GTK_ENTRY (page_child (page, "kernel_entry"));
  initrd = GTK_ENTRY (page_child (page, "initrd_entry"));
  cmdline = GTK_ENTRY (page_child (page, "cmdline_entry"));
  before = inactive_xml (fixture.domain);

  g_assert_false (gtk_toggle_button_get_active (check));
  g_assert_false (gtk_widget_get_sensitive (page_child (page, "kernel_grid")));

  /* On with no kernel: refused next to the kernel's field. */
  gtk_toggle_button_set_active (check, TRUE);
  g_assert_true (gtk_widget_get_sensitive (page_child (page, "kernel_grid")));
  g_assert_true (message_shown (page, "kernel_message"));
  g_assert_nonnull (strstr (label_text (page, "kernel_message"), "needs the kernel’s path"));
  g_assert_false (apply_sensitive (&fixture));

  /* A relative initrd: its own message, and the kernel's still shows. */
  gtk_entry_set_text (initrd, "initrd.img");
  g_assert_true (message_shown (page, "initrd_message"));
  g_assert_true (message_shown (page, "kernel_message"));
  gtk_entry_set_text (kernel, "/var/lib/libvirt/boot/vmlinuz");
  g_assert_false (message_shown (page, "kernel_message"));
  g_assert_true (message_shown (page, "initrd_message"));
  g_assert_false (apply_sensitive (&fixture));
  gtk_entry_set_text (initrd, "/var/lib/libvirt/boot/initrd.img");
  g_assert_false (message_shown (page, "initrd_message"));
  gtk_entry_set_text (cmdline, "console=ttyS0 root=/dev/vda");
  g_assert_true (apply_sensitive (&fixture));
  apply (&fixture);
  after = inactive_xml (fixture.domain);
  assert_lines_changed (before, after, none, added);
  g_assert_true (gtk_toggle_button_get_active (check));
  g_assert_cmpstr (gtk_entry_get_text (kernel), ==, "/var/lib/libvirt/boot/vmlinuz");

  /* Off removes all of it. */
  gtk_toggle_button_set_active (check, FALSE);
  apply (&fixture);
  off = inactive_xml (fixture.domain);
  g_assert_cmpstr (off, ==, before);

  fixture_close (&fixture);
}

/* Overview: BIOS to UEFI (Secure Boot off with the reason: the test
 * driver does not say what its firmware can do), and UEFI with an NVRAM
 * file back to BIOS, with the warning first */
static void
test_firmware (void)
{
  Fixture fixture = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GtkWidget *page;
  GtkComboBox *firmware;
  GtkWidget *secure;
  const char *removed[] = { "<os>", NULL };
  const char *added[] = { "<os firmware='efi'>", NULL };
  const char *removed2[] = { "<os firmware='efi'>",
                             "<nvram>/var/lib/libvirt/qemu/nvram/uefi_VARS.fd</nvram>", NULL };
  const char *added2[] = { "<os>", NULL };

  fixture_open (&fixture, "tuneme");
  page = window_child (&fixture, "overview_page");
  firmware = GTK_COMBO_BOX (page_child (page, "firmware_combo"));
  secure = page_child (page, "secure_check");
  before = inactive_xml (fixture.domain);

  g_assert_cmpstr (gtk_combo_box_get_active_id (firmware), ==, "bios");
  g_assert_false (gtk_widget_get_sensitive (secure));
  g_assert_nonnull (strstr (label_text (page, "secure_reason"), "needs UEFI"));

  g_assert_true (gtk_combo_box_set_active_id (firmware, "efi"));
  VD_TEST_WAIT_UNTIL (strstr (label_text (page, "secure_reason"), "does not say") != NULL, 30);
  g_assert_false (gtk_widget_get_sensitive (secure));
  g_assert_false (message_shown (page, "nvram_warning"));
  apply (&fixture);
  after = inactive_xml (fixture.domain);
  assert_lines_changed (before, after, removed, added);
  fixture_close (&fixture);

  g_clear_pointer (&before, g_free);
  g_clear_pointer (&after, g_free);
  fixture_open (&fixture, "uefi");
  page = window_child (&fixture, "overview_page");
  firmware = GTK_COMBO_BOX (page_child (page, "firmware_combo"));
  before = inactive_xml (fixture.domain);
  g_assert_cmpstr (gtk_combo_box_get_active_id (firmware), ==, "efi");
  g_assert_false (message_shown (page, "nvram_warning"));
  g_assert_true (gtk_combo_box_set_active_id (firmware, "bios"));
  g_assert_true (message_shown (page, "nvram_warning"));
  g_assert_nonnull (strstr (label_text (page, "nvram_warning"),
                            "/var/lib/libvirt/qemu/nvram/uefi_VARS.fd"));
  apply (&fixture);
  after = inactive_xml (fixture.domain);
  assert_lines_changed (before, after, removed2, added2);
  g_assert_false (message_shown (page, "nvram_warning"));
  fixture_close (&fixture);
}

/* Overview: renaming a shut-off guest (refused for a name in use or with
 * signs not allowed, next to the field); a running guest cannot be */
static void
test_rename (void)
{
  Fixture fixture = { 0 };
  GtkWidget *page;
  GtkEntry *entry;
  GtkWidget *button;
  g_autofree char *xml = NULL;

  fixture_open (&fixture, "tuneme");
  page = window_child (&fixture, "overview_page");
  entry = GTK_ENTRY (page_child (page, "rename_entry"));
  button = page_child (page, "rename_button");

  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (entry)));
  g_assert_false (gtk_widget_get_sensitive (button));
  g_assert_false (message_shown (page, "rename_message"));

  /* Unapplied edits on the page (XML with the old name) go first. */
  gtk_entry_set_text (GTK_ENTRY (page_child (page, "title_entry")), "Renamed box");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (entry)));
  gtk_button_clicked (GTK_BUTTON (window_child (&fixture, "revert_button")));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (entry)));

  gtk_entry_set_text (entry, "uefi");
  g_assert_true (message_shown (page, "rename_message"));
  g_assert_nonnull (strstr (label_text (page, "rename_message"), "Another guest"));
  g_assert_false (gtk_widget_get_sensitive (button));

  gtk_entry_set_text (entry, "tuned box");
  g_assert_true (message_shown (page, "rename_message"));
  g_assert_nonnull (strstr (label_text (page, "rename_message"), "no spaces"));
  g_assert_false (gtk_widget_get_sensitive (button));

  gtk_entry_set_text (entry, "tuned-2");
  g_assert_false (message_shown (page, "rename_message"));
  g_assert_true (gtk_widget_get_sensitive (button));
  /* Not an edit of the configuration: Apply stays off. */
  g_assert_false (apply_sensitive (&fixture));
  gtk_button_clicked (GTK_BUTTON (button));
  VD_TEST_WAIT_UNTIL (g_strcmp0 (vd_domain_get_name (fixture.domain), "tuned-2") == 0 &&
                      !vd_domain_get_busy (fixture.domain), 30);
  VD_TEST_WAIT_UNTIL (g_strcmp0 (gtk_window_get_title (GTK_WINDOW (fixture.window)),
                                 "tuned-2") == 0, 30);
  VD_TEST_WAIT_UNTIL (g_strcmp0 (label_text (page, "name_label"), "tuned-2") == 0, 30);
  g_assert_cmpstr (gtk_entry_get_text (entry), ==, "");
  g_assert_null (vd_connection_find_domain_by_name (fixture.connection, "tuneme"));
  xml = inactive_xml (fixture.domain);
  g_assert_nonnull (strstr (xml, "<name>tuned-2</name>"));
  g_assert_nonnull (strstr (xml, "keep me"));
  fixture_close (&fixture);

  fixture_open (&fixture, "busy");
  page = window_child (&fixture, "overview_page");
  g_assert_false (gtk_widget_get_sensitive (page_child (page, "rename_entry")));
  g_assert_false (gtk_widget_get_sensitive (page_child (page, "rename_button")));
  fixture_close (&fixture);
}

static GtkWidget *
boot_row (GtkWidget *page,
          guint      index)
{
  return GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (page_child (page, "boot_list")),
                                                    (int)index));
}

static const char *
row_label (GtkWidget *row)
{
  return gtk_button_get_label (GTK_BUTTON (g_object_get_data (G_OBJECT (row), "check")));
}

/* Boot: a guest with a host device lists its devices; booting from the
 * host device first sets the order on each device, without os/boot */
static void
test_hostdev_boot (void)
{
  Fixture fixture = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GtkWidget *page;
  GtkWidget *usb;
  const char *removed[] = { "<boot dev='hd'/>", NULL };
  const char *added[] = { "<boot order='1'/>", "<boot order='2'/>", NULL };

  fixture_open (&fixture, "passthru");
  vd_vm_window_set_page (VD_VM_WINDOW (fixture.window), "boot");
  page = window_child (&fixture, "boot_page");
  before = inactive_xml (fixture.domain);

  /* os/boot hd shown as the disk; the host device not yet in the order. */
  g_assert_cmpstr (row_label (boot_row (page, 0)), ==, "Disk vda");
  g_assert_true (gtk_toggle_button_get_active (g_object_get_data (G_OBJECT (boot_row (page, 0)),
                                                                  "check")));
  usb = boot_row (page, 1);
  g_assert_cmpstr (row_label (usb), ==, "USB host device");
  g_assert_false (gtk_toggle_button_get_active (g_object_get_data (G_OBJECT (usb), "check")));
  g_assert_null (boot_row (page, 2));
  g_assert_true (gtk_widget_get_visible (page_child (page, "boot_note")));
  g_assert_true (gtk_widget_get_sensitive (page_child (page, "boot_list")));
  g_assert_false (apply_sensitive (&fixture));

  gtk_toggle_button_set_active (g_object_get_data (G_OBJECT (usb), "check"), TRUE);
  gtk_button_clicked (g_object_get_data (G_OBJECT (usb), "up"));
  g_assert_true (boot_row (page, 0) == usb);
  apply (&fixture);
  after = inactive_xml (fixture.domain);
  assert_lines_changed (before, after, removed, added);
  /* the host device first */
  g_assert_nonnull (strstr (after, "</source>\n      <boot order='1'/>\n    </hostdev>"));

  /* Read back: per device now, the host device first, nothing to apply. */
  VD_TEST_WAIT_UNTIL (!gtk_widget_get_visible (page_child (page, "boot_note")), 30);
  g_assert_cmpstr (row_label (boot_row (page, 0)), ==, "USB host device");
  g_assert_cmpstr (row_label (boot_row (page, 1)), ==, "Disk vda");
  g_assert_false (apply_sensitive (&fixture));

  fixture_close (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  gvir_init_object_check (NULL, NULL, NULL);

  g_test_add_func ("/vd/guest-config-pages/cpu-mode", test_cpu_mode);
  g_test_add_func ("/vd/guest-config-pages/memory-backing", test_memory_backing);
  g_test_add_func ("/vd/guest-config-pages/kernel-boot", test_kernel_boot);
  g_test_add_func ("/vd/guest-config-pages/hostdev-boot", test_hostdev_boot);
  g_test_add_func ("/vd/guest-config-pages/firmware", test_firmware);
  g_test_add_func ("/vd/guest-config-pages/rename", test_rename);

  return g_test_run ();
}
