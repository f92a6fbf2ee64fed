/* test-hardware-pages.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>
#include <string.h>
#include <libvirt-gobject/libvirt-gobject.h>

#include "vd-hardware-page-boot.h"
#include "vd-hardware-page-cpu.h"
#include "vd-hardware-page-memory.h"
#include "vd-hardware-page-os.h"
#include "vd-hardware-page-overview.h"
#include "vd-os-rows.h"
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

/* The guest window's editable pages on a test-driver host
 * (tests/data/editor-guest.xml): each field is changed through its widget,
 * applied, and read back from libvirt, where only the lines for that field
 * may differ; bad input keeps Apply off with a message next to the field;
 * Revert, leaving a page with edits, closing the window, and the XML tab. */

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
  g_autofree char *uri = vd_test_fixture_uri ("editor-guest.xml");

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

/* Overview: title and a lifecycle action; Revert */
static void
test_overview (void)
{
  Fixture fixture = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GtkWidget *page;
  GtkEntry *title;
  const char *removed[] = { "<title>Build box</title>", "<on_poweroff>destroy</on_poweroff>",
                            NULL };
  const char *added[] = { "<title>Release box</title>", "<on_poweroff>preserve</on_poweroff>",
                          NULL };

  fixture_open (&fixture, "editme");
  page = window_child (&fixture, "overview_page");
  title = GTK_ENTRY (page_child (page, "title_entry"));
  before = inactive_xml (fixture.domain);

  /* Read-only facts from the XML. */
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (page_child (page, "name_label"))), ==,
                   "editme");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (page_child (page, "hypervisor_label"))), ==,
                   "test");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (page_child (page, "arch_label"))), ==,
                   "x86_64");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (page_child (page, "state_label"))), ==,
                   "Shut off");
  g_assert_cmpstr (gtk_entry_get_text (title), ==, "Build box");
  g_assert_cmpstr (gtk_combo_box_get_active_id (GTK_COMBO_BOX (page_child (page, "crash_combo"))),
                   ==, "preserve");
  g_assert_false (apply_sensitive (&fixture));

  /* Revert restores the fields. */
  gtk_entry_set_text (title, "Scratch");
  g_assert_true (vd_hardware_page_get_dirty (VD_HARDWARE_PAGE (page)));
  g_assert_true (apply_sensitive (&fixture));
  gtk_button_clicked (GTK_BUTTON (window_child (&fixture, "revert_button")));
  g_assert_cmpstr (gtk_entry_get_text (title), ==, "Build box");
  g_assert_false (vd_hardware_page_get_dirty (VD_HARDWARE_PAGE (page)));
  g_assert_false (apply_sensitive (&fixture));

  /* Setting a field back to its value is no change. */
  gtk_entry_set_text (title, "Build box");
  g_assert_false (apply_sensitive (&fixture));

  gtk_entry_set_text (title, "Release box");
  g_assert_true (gtk_combo_box_set_active_id (GTK_COMBO_BOX (page_child (page, "poweroff_combo")),
                                              "preserve"));
  apply (&fixture);

  after = inactive_xml (fixture.domain);
  assert_lines_changed (before, after, removed, added);
  g_assert_nonnull (strstr (after, "keep me"));
  g_assert_false (vd_hardware_page_get_dirty (VD_HARDWARE_PAGE (page)));
  g_assert_false (apply_sensitive (&fixture));
  g_assert_cmpstr (gtk_entry_get_text (title), ==, "Release box");
  VD_TEST_WAIT_UNTIL (g_strcmp0 (vd_domain_get_title (fixture.domain), "Release box") == 0, 30);
  /* A shut-off guest: no "next time it starts" note. */
  g_assert_false (gtk_info_bar_get_revealed (GTK_INFO_BAR (window_child (&fixture,
                                                                         "page_info_bar"))));

  /* A title on two lines is refused next to the field. */
  gtk_entry_set_text (title, "two\nlines");
  g_assert_true (message_shown (page, "title_message"));
  g_assert_false (apply_sensitive (&fixture));
  gtk_entry_set_text (title, "Release box");
  g_assert_false (message_shown (page, "title_message"));

  fixture_close (&fixture);
}

/* CPUs: current ≤ maximum, the topology's product, then a valid change */
static void
test_cpus (void)
{
  Fixture fixture = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GtkWidget *page;
  GtkSpinButton *current, *maximum, *cores;
  const char *removed[] = { "<vcpu placement='static'>2</vcpu>",
                            "<topology sockets='1' dies='1' cores='2' threads='1'/>", NULL };
  const char *added[] = { "<vcpu placement='static' current='3'>4</vcpu>",
                          "<topology sockets='1' dies='1' cores='4' threads='1'/>", NULL };

  fixture_open (&fixture, "editme");
  vd_vm_window_set_page (VD_VM_WINDOW (fixture.window), "cpus");
  g_assert_cmpstr (vd_vm_window_get_details_page (VD_VM_WINDOW (fixture.window)), ==, "cpus");
  page = window_child (&fixture, "cpu_page");
  current = GTK_SPIN_BUTTON (page_child (page, "vcpus_spin"));
  maximum = GTK_SPIN_BUTTON (page_child (page, "max_vcpus_spin"));
  cores = GTK_SPIN_BUTTON (page_child (page, "cores_spin"));
  before = inactive_xml (fixture.domain);

  g_assert_cmpint (gtk_spin_button_get_value_as_int (current), ==, 2);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (maximum), ==, 2);
  g_assert_true (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (page_child (page,
                                                                              "topology_check"))));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (cores), ==, 2);

  /* More current than maximum. */
  gtk_spin_button_set_value (current, 3);
  g_assert_true (message_shown (page, "vcpus_message"));
  g_assert_false (vd_hardware_page_get_valid (VD_HARDWARE_PAGE (page)));
  g_assert_false (apply_sensitive (&fixture));

  /* A maximum the topology does not make. */
  gtk_spin_button_set_value (maximum, 4);
  g_assert_false (message_shown (page, "vcpus_message"));
  g_assert_true (message_shown (page, "topology_message"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (page_child (page, "topology_message"))),
                            "make 2 vCPUs"));
  g_assert_false (apply_sensitive (&fixture));

  /* Both at once: both messages. */
  gtk_spin_button_set_value (current, 5);
  g_assert_true (message_shown (page, "vcpus_message"));
  g_assert_true (message_shown (page, "topology_message"));
  gtk_spin_button_set_value (current, 3);
  g_assert_false (message_shown (page, "vcpus_message"));

  gtk_spin_button_set_value (cores, 4);
  g_assert_false (message_shown (page, "topology_message"));
  g_assert_true (vd_hardware_page_get_valid (VD_HARDWARE_PAGE (page)));
  apply (&fixture);

  after = inactive_xml (fixture.domain);
  assert_lines_changed (before, after, removed, added);
  g_assert_false (vd_hardware_page_get_dirty (VD_HARDWARE_PAGE (page)));

  /* More vCPUs than the host has: a warning, not an error. */
  VD_TEST_WAIT_UNTIL (vd_connection_get_host_cpus (fixture.connection) > 0, 30);
  gtk_spin_button_set_value (maximum, vd_connection_get_host_cpus (fixture.connection) + 4);
  gtk_spin_button_set_value (cores, vd_connection_get_host_cpus (fixture.connection) + 4);
  g_assert_true (message_shown (page, "host_message"));
  g_assert_true (vd_hardware_page_get_valid (VD_HARDWARE_PAGE (page)));
  g_assert_true (apply_sensitive (&fixture));
  gtk_button_clicked (GTK_BUTTON (window_child (&fixture, "revert_button")));
  g_assert_false (message_shown (page, "host_message"));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (maximum), ==, 4);

  fixture_close (&fixture);
}

/* Memory: bad sizes, current ≤ maximum, units */
static void
test_memory (void)
{
  Fixture fixture = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GtkWidget *page;
  GtkEntry *current, *maximum;
  GtkComboBox *current_unit;
  const char *removed[] = { "<currentMemory unit='KiB'>524288</currentMemory>", NULL };
  const char *added[] = { "<currentMemory unit='KiB'>786432</currentMemory>", NULL };

  fixture_open (&fixture, "editme");
  vd_vm_window_set_page (VD_VM_WINDOW (fixture.window), "memory");
  page = window_child (&fixture, "memory_page");
  current = GTK_ENTRY (page_child (page, "memory_entry"));
  current_unit = GTK_COMBO_BOX (page_child (page, "memory_unit"));
  maximum = GTK_ENTRY (page_child (page, "max_memory_entry"));
  before = inactive_xml (fixture.domain);

  /* 512 MiB of 1 GiB, each in the largest whole unit. */
  g_assert_cmpstr (gtk_entry_get_text (current), ==, "512");
  g_assert_cmpstr (gtk_combo_box_get_active_id (current_unit), ==, "MiB");
  g_assert_cmpstr (gtk_entry_get_text (maximum), ==, "1");
  g_assert_cmpstr (gtk_combo_box_get_active_id (GTK_COMBO_BOX (page_child (page,
                                                                           "max_memory_unit"))),
                   ==, "GiB");

  /* The host's memory, once the first statistics tick has it, unasked. */
  VD_TEST_WAIT_UNTIL (message_shown (page, "host_label"), 30);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (page_child (page, "host_label"))), ==,
                   "The host has 8.0\u00a0GiB of memory.");

  gtk_entry_set_text (current, "12x");
  g_assert_true (message_shown (page, "memory_message"));
  g_assert_false (apply_sensitive (&fixture));

  gtk_entry_set_text (current, "2");
  gtk_combo_box_set_active_id (current_unit, "GiB");
  g_assert_true (message_shown (page, "memory_message"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (page_child (page, "memory_message"))),
                            "more than the maximum"));
  g_assert_false (apply_sensitive (&fixture));

  gtk_entry_set_text (current, "768");
  gtk_combo_box_set_active_id (current_unit, "MiB");
  g_assert_false (message_shown (page, "memory_message"));
  apply (&fixture);

  after = inactive_xml (fixture.domain);
  assert_lines_changed (before, after, removed, added);
  g_assert_cmpstr (gtk_entry_get_text (current), ==, "768");

  /* A size the page accepts but libvirt refuses (2^53 KiB): libvirt's
   * message on the page, the guest unchanged, the input kept for fixing. */
  gtk_entry_set_text (maximum, "8589934592");
  g_assert_true (vd_hardware_page_get_valid (VD_HARDWARE_PAGE (page)));
  apply (&fixture);
  g_assert_true (gtk_info_bar_get_revealed (GTK_INFO_BAR (window_child (&fixture,
                                                                        "page_info_bar"))));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (window_child (&fixture,
                                                                         "page_info_label"))),
                            "value too large"));
  {
    g_autofree char *refused = inactive_xml (fixture.domain);

    g_assert_cmpstr (refused, ==, after);
  }
  g_assert_cmpstr (gtk_entry_get_text (maximum), ==, "8589934592");
  g_assert_true (vd_hardware_page_get_dirty (VD_HARDWARE_PAGE (page)));
  g_assert_true (apply_sensitive (&fixture));
  gtk_button_clicked (GTK_BUTTON (window_child (&fixture, "revert_button")));
  g_assert_cmpstr (gtk_entry_get_text (maximum), ==, "1");
  g_assert_false (apply_sensitive (&fixture));

  fixture_close (&fixture);
}

static GtkWidget *
boot_row (GtkWidget *page,
          guint      index)
{
  return GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (page_child (page, "boot_list")),
                                                    (int)index));
}

/* Boot: order, menu; autostart at once */
static void
test_boot (void)
{
  Fixture fixture = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GtkWidget *page;
  GtkWidget *network;
  const char *removed[] = { "<boot dev='cdrom'/>", "<bootmenu enable='yes' timeout='3000'/>",
                            NULL };
  const char *added[] = { "<boot dev='network'/>", "<bootmenu enable='no'/>", NULL };

  fixture_open (&fixture, "editme");
  vd_vm_window_set_page (VD_VM_WINDOW (fixture.window), "boot");
  page = window_child (&fixture, "boot_page");
  before = inactive_xml (fixture.domain);

  /* hd, cdrom checked in that order, then the others. */
  g_assert_cmpstr (g_object_get_data (G_OBJECT (boot_row (page, 0)), "device"), ==, "hd");
  g_assert_cmpstr (g_object_get_data (G_OBJECT (boot_row (page, 1)), "device"), ==, "cdrom");
  g_assert_cmpstr (g_object_get_data (G_OBJECT (boot_row (page, 2)), "device"), ==, "network");
  g_assert_true (gtk_toggle_button_get_active (g_object_get_data (G_OBJECT (boot_row (page, 1)),
                                                                  "check")));
  g_assert_false (gtk_toggle_button_get_active (g_object_get_data (G_OBJECT (boot_row (page, 2)),
                                                                   "check")));
  g_assert_false (gtk_widget_get_sensitive (g_object_get_data (G_OBJECT (boot_row (page, 0)),
                                                               "up")));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (page_child (page,
                                                                                  "timeout_spin"))),
                   ==, 3000);

  /* Network first, then the hard disk; no CD-ROM; no menu. */
  network = boot_row (page, 2);
  gtk_toggle_button_set_active (g_object_get_data (G_OBJECT (network), "check"), TRUE);
  gtk_button_clicked (g_object_get_data (G_OBJECT (network), "up"));
  gtk_button_clicked (g_object_get_data (G_OBJECT (network), "up"));
  g_assert_true (boot_row (page, 0) == network);
  g_assert_false (gtk_widget_get_sensitive (g_object_get_data (G_OBJECT (network), "up")));
  gtk_toggle_button_set_active (g_object_get_data (G_OBJECT (boot_row (page, 2)), "check"),
                                FALSE);
  g_assert_cmpstr (g_object_get_data (G_OBJECT (boot_row (page, 2)), "device"), ==, "cdrom");
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (page_child (page, "bootmenu_check")), FALSE);
  g_assert_false (gtk_widget_get_sensitive (page_child (page, "timeout_spin")));
  apply (&fixture);

  after = inactive_xml (fixture.domain);
  assert_lines_changed (before, after, removed, added);
  g_assert_nonnull (strstr (after, "<boot dev='network'/>\n    <boot dev='hd'/>"));

  /* Autostart is not part of the XML: the switch applies it at once. */
  g_assert_false (vd_domain_get_autostart (fixture.domain));
  gtk_switch_set_active (GTK_SWITCH (page_child (page, "autostart_switch")), TRUE);
  VD_TEST_WAIT_UNTIL (vd_domain_get_autostart (fixture.domain) &&
                      gtk_widget_get_sensitive (page_child (page, "autostart_switch")), 30);
  g_assert_false (apply_sensitive (&fixture));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (page_child (page, "autostart_switch"))));

  fixture_close (&fixture);
}

static void
set_xml (Fixture    *fixture,
         const char *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (window_child (fixture,
                                                                                 "xml_view")));

  gtk_text_buffer_set_text (buffer, text, -1);
}

static char *
get_xml (Fixture *fixture)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (window_child (fixture,
                                                                                 "xml_view")));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static char *
replace (const char *text,
         const char *old,
         const char *new)
{
  g_auto(GStrv) parts = g_strsplit (text, old, 2);

  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  return g_strconcat (parts[0], new, parts[1], NULL);
}

/* XML tab: what Apply would define; malformed text; a libvirt refusal; an
 * edit that applies */
static void
test_xml (void)
{
  Fixture fixture = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *edited = NULL;
  g_autofree char *refused = NULL;
  g_autofree char *after = NULL;
  GtkWidget *page;
  GtkStack *mode;
  GtkWidget *message;
  const char *removed[] = { "<description>Compiles things</description>", NULL };
  const char *added[] = { "<description>Compiles more things</description>", NULL };

  fixture_open (&fixture, "editme");
  page = window_child (&fixture, "overview_page");
  mode = GTK_STACK (window_child (&fixture, "mode_stack"));
  message = window_child (&fixture, "xml_message");
  before = inactive_xml (fixture.domain);

  /* The tab shows the page's unapplied title in the whole guest's XML. */
  gtk_entry_set_text (GTK_ENTRY (page_child (page, "title_entry")), "From the form");
  gtk_stack_set_visible_child_name (mode, "xml");
  shown = get_xml (&fixture);
  g_assert_nonnull (strstr (shown, "<title>From the form</title>"));
  g_assert_nonnull (strstr (shown, "keep me"));
  g_assert_true (apply_sensitive (&fixture));

  /* Malformed: the parser's position next to the view, Apply off. */
  set_xml (&fixture, "<domain type='test'>\n  <name>editme</name>\n  <uuid>\n</domain>\n");
  g_assert_true (gtk_widget_get_visible (message));
  g_test_message ("XML message: %s", gtk_label_get_text (GTK_LABEL (message)));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (message)), "Line 4, column"));
  g_assert_false (apply_sensitive (&fixture));

  /* Well-formed but refused by libvirt: its message, nothing changed. */
  refused = replace (before, "<domain type='test'>", "<domain type='nonsense'>");
  set_xml (&fixture, refused);
  g_assert_false (gtk_widget_get_visible (message));
  apply (&fixture);
  g_assert_true (gtk_info_bar_get_revealed (GTK_INFO_BAR (window_child (&fixture,
                                                                        "page_info_bar"))));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (window_child (
                                     &fixture, "page_info_label"))),
                                   "Failed to change the configuration of “editme”"));
  after = inactive_xml (fixture.domain);
  g_assert_cmpstr (after, ==, before);
  g_clear_pointer (&after, g_free);
  g_assert_true (apply_sensitive (&fixture));

  /* Leaving the tab with edited XML asks; Discard shows the form's again. */
  gtk_stack_set_visible_child_name (mode, "form");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (mode), ==, "xml");
  {
    GtkDialog *dialog = NULL;
    g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

    for (const GList *l = toplevels; l != NULL; l = l->next)
      if (GTK_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data))
        dialog = l->data;
    g_assert_nonnull (dialog);
    gtk_dialog_response (dialog, 1 /* Discard */);
  }
  g_assert_cmpstr (gtk_stack_get_visible_child_name (mode), ==, "form");
  gtk_stack_set_visible_child_name (mode, "xml");
  g_clear_pointer (&shown, g_free);
  shown = get_xml (&fixture);
  g_assert_nonnull (strstr (shown, "<title>From the form</title>"));

  /* An edit in the text applies (the form's unapplied title is in it). */
  gtk_button_clicked (GTK_BUTTON (window_child (&fixture, "revert_button")));
  gtk_stack_set_visible_child_name (mode, "form");
  gtk_button_clicked (GTK_BUTTON (window_child (&fixture, "revert_button")));
  gtk_stack_set_visible_child_name (mode, "xml");
  g_clear_pointer (&shown, g_free);
  shown = get_xml (&fixture);
  g_assert_cmpstr (shown, ==, before);
  edited = replace (shown, "Compiles things", "Compiles more things");
  set_xml (&fixture, edited);
  apply (&fixture);
  after = inactive_xml (fixture.domain);
  assert_lines_changed (before, after, removed, added);
  g_assert_false (gtk_info_bar_get_revealed (GTK_INFO_BAR (window_child (&fixture,
                                                                         "page_info_bar"))));
  /* The pages follow the new configuration. */
  gtk_stack_set_visible_child_name (mode, "form");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (mode), ==, "form");
  g_assert_false (apply_sensitive (&fixture));

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

/* Leaving a page, or closing the window, with unapplied changes */
static void
test_leave (void)
{
  Fixture fixture = { 0 };
  GtkWidget *page;
  GtkEntry *title;
  GtkDialog *dialog;

  fixture_open (&fixture, "editme");
  page = window_child (&fixture, "overview_page");
  title = GTK_ENTRY (page_child (page, "title_entry"));

  /* Cancel: stay, edits kept. */
  gtk_entry_set_text (title, "Unsaved");
  vd_vm_window_set_page (VD_VM_WINDOW (fixture.window), "memory");
  dialog = find_question ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (vd_vm_window_get_details_page (VD_VM_WINDOW (fixture.window)), ==,
                   "overview");
  gtk_dialog_response (dialog, GTK_RESPONSE_CANCEL);
  g_assert_null (find_question ());
  g_assert_cmpstr (vd_vm_window_get_details_page (VD_VM_WINDOW (fixture.window)), ==,
                   "overview");
  g_assert_cmpstr (gtk_entry_get_text (title), ==, "Unsaved");

  /* Discard: go, edits dropped. */
  vd_vm_window_set_page (VD_VM_WINDOW (fixture.window), "memory");
  gtk_dialog_response (find_question (), 1 /* Discard */);
  g_assert_cmpstr (vd_vm_window_get_details_page (VD_VM_WINDOW (fixture.window)), ==, "memory");
  g_assert_cmpstr (gtk_entry_get_text (title), ==, "Build box");

  /* Apply: go once libvirt has it. */
  vd_vm_window_set_page (VD_VM_WINDOW (fixture.window), "overview");
  gtk_entry_set_text (title, "Applied on the way out");
  vd_vm_window_set_page (VD_VM_WINDOW (fixture.window), "performance");
  gtk_dialog_response (find_question (), 2 /* Apply */);
  VD_TEST_WAIT_UNTIL (g_strcmp0 (vd_vm_window_get_details_page (VD_VM_WINDOW (fixture.window)),
                                 "performance") == 0, 30);
  VD_TEST_WAIT_UNTIL (g_strcmp0 (vd_domain_get_title (fixture.domain),
                                 "Applied on the way out") == 0, 30);
  /* Performance is no editable page: no XML tab, no buttons. */
  g_assert_false (gtk_widget_get_visible (window_child (&fixture, "edit_bar")));
  g_assert_false (gtk_widget_get_visible (window_child (&fixture, "mode_switcher")));

  /* Closing with edits asks; Cancel keeps the window, Discard closes it. */
  vd_vm_window_set_page (VD_VM_WINDOW (fixture.window), "overview");
  gtk_entry_set_text (title, "Closing");
  /* (gtk_window_close sends its delete event from an idle.) */
  gtk_window_close (GTK_WINDOW (fixture.window));
  VD_TEST_WAIT_UNTIL (find_question () != NULL, 30);
  g_assert_nonnull (fixture.window);
  gtk_dialog_response (find_question (), GTK_RESPONSE_CANCEL);
  g_assert_nonnull (fixture.window);
  g_assert_true (gtk_widget_get_visible (fixture.window));
  gtk_window_close (GTK_WINDOW (fixture.window));
  VD_TEST_WAIT_UNTIL (find_question () != NULL, 30);
  gtk_dialog_response (find_question (), 1 /* Discard */);
  VD_TEST_WAIT_UNTIL (fixture.window == NULL, 30);
  g_assert_cmpstr (vd_domain_get_title (fixture.domain), ==, "Applied on the way out");
  vd_connection_disconnect (fixture.connection);
  g_clear_object (&fixture.connection);

  /* Closing while Apply runs: the window goes once libvirt has the change. */
  fixture_open (&fixture, "editme");
  title = GTK_ENTRY (page_child (window_child (&fixture, "overview_page"), "title_entry"));
  gtk_entry_set_text (title, "Closed while applying");
  gtk_button_clicked (GTK_BUTTON (window_child (&fixture, "apply_button")));
  gtk_window_close (GTK_WINDOW (fixture.window));
  VD_TEST_WAIT_UNTIL (fixture.window == NULL, 30);
  g_assert_null (find_question ());
  VD_TEST_WAIT_UNTIL (g_strcmp0 (vd_domain_get_title (fixture.domain),
                                 "Closed while applying") == 0, 30);

  fixture_close (&fixture);
}

/* A running guest: a change libvirt cannot make live waits for the next
 * start, and the page says so; one it can is in effect at once */
static void
test_running (void)
{
  Fixture fixture = { 0 };
  GtkWidget *page;

  fixture_open (&fixture, "busy");
  g_assert_true (vd_domain_get_active (fixture.domain));
  vd_vm_window_set_page (VD_VM_WINDOW (fixture.window), "memory");
  page = window_child (&fixture, "memory_page");
  gtk_entry_set_text (GTK_ENTRY (page_child (page, "max_memory_entry")), "512");
  apply (&fixture);
  g_assert_true (gtk_info_bar_get_revealed (GTK_INFO_BAR (window_child (&fixture,
                                                                        "page_info_bar"))));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (window_child (&fixture,
                                                                         "page_info_label"))),
                            "next time the guest starts"));
  {
    g_autofree char *xml = inactive_xml (fixture.domain);

    g_assert_nonnull (strstr (xml, "<memory unit='KiB'>524288</memory>"));
  }

  /* Less current memory can be given live (the balloon): nothing waits. */
  gtk_entry_set_text (GTK_ENTRY (page_child (page, "memory_entry")), "128");
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (page_child (page, "memory_unit")), "MiB");
  apply (&fixture);
  g_assert_true (gtk_info_bar_get_revealed (GTK_INFO_BAR (window_child (&fixture,
                                                                        "page_info_bar"))));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (window_child (&fixture, "page_info_label"))),
                   ==, "The changes are saved and in effect now.");
  {
    g_autofree char *xml = inactive_xml (fixture.domain);

    g_assert_nonnull (strstr (xml, "<currentMemory unit='KiB'>131072</currentMemory>"));
  }

  fixture_close (&fixture);
}

/* Another tool defines the guest: an unedited page follows */
static void
test_reload (void)
{
  Fixture fixture = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *changed = NULL;
  GtkEntry *title;
  virDomainPtr defined;

  fixture_open (&fixture, "editme");
  title = GTK_ENTRY (page_child (window_child (&fixture, "overview_page"), "title_entry"));
  before = inactive_xml (fixture.domain);
  changed = replace (before, "<title>Build box</title>", "<title>Changed elsewhere</title>");
  defined = virDomainDefineXML (virDomainGetConnect (vd_domain_get_handle (fixture.domain)),
                                changed);
  g_assert_nonnull (defined);
  virDomainFree (defined);

  VD_TEST_WAIT_UNTIL (g_strcmp0 (gtk_entry_get_text (title), "Changed elsewhere") == 0, 30);
  g_assert_false (apply_sensitive (&fixture));

  fixture_close (&fixture);
}

/* OS: libosinfo's list read in the page's worker; picking Debian 11
 * records it in <metadata> beside the other tool's element, which stays;
 * "Not recorded" takes the record out again, back to libvirt's text. */
static GtkListBoxRow *
os_row (GtkListBox *list,
        const char *short_id)
{
  g_autoptr(GList) rows = gtk_container_get_children (GTK_CONTAINER (list));

  for (const GList *l = rows; l != NULL; l = l->next)
    {
      OsinfoOs *os = vd_os_row_get_os (l->data);

      if (os != NULL && g_strcmp0 (osinfo_product_get_short_id (OSINFO_PRODUCT (os)),
                                   short_id) == 0)
        return l->data;
    }
  return NULL;
}

static void
test_os (void)
{
  Fixture fixture = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *cleared = NULL;
  GtkWidget *page;
  GtkListBox *list;
  GtkLabel *current;
  GtkListBoxRow *debian;
  const char *none[] = { NULL };
  const char *added[] = {
    "<libosinfo:libosinfo xmlns:libosinfo=\"http://libosinfo.org/xmlns/libvirt/domain/1.0\">",
    "<libosinfo:os id=\"http://debian.org/debian/11\"/>",
    "</libosinfo:libosinfo>",
    NULL
  };

  fixture_open (&fixture, "editme");
  vd_vm_window_set_page (VD_VM_WINDOW (fixture.window), "os");
  g_assert_cmpstr (vd_vm_window_get_details_page (VD_VM_WINDOW (fixture.window)), ==, "os");
  page = window_child (&fixture, "os_page");
  list = GTK_LIST_BOX (page_child (page, "os_list"));
  current = GTK_LABEL (page_child (page, "current_label"));
  before = inactive_xml (fixture.domain);
  g_assert_cmpstr (gtk_label_get_text (current), ==,
                   "No operating system is recorded for this guest.");
  VD_TEST_WAIT_UNTIL (vd_hardware_page_os_get_list_loaded (VD_HARDWARE_PAGE_OS (page)), 120);
  /* Nothing recorded: the generic row is the one selected, and nothing
   * is to apply. */
  g_assert_true (gtk_list_box_get_selected_row (list) == vd_os_rows_find (list, NULL));
  g_assert_false (apply_sensitive (&fixture));

  gtk_entry_set_text (GTK_ENTRY (page_child (page, "search_entry")), "debian 11");
  debian = os_row (list, "debian11");
  g_assert_nonnull (debian);
  g_assert_true (gtk_widget_get_child_visible (GTK_WIDGET (debian)));
  /* The search (once the entry's short delay is over) hides what does not
   * match, the generic row among them. */
  VD_TEST_WAIT_UNTIL (!gtk_widget_get_child_visible (GTK_WIDGET (vd_os_rows_find (list, NULL))),
                      10);
  gtk_list_box_select_row (list, debian);
  g_assert_cmpstr (gtk_label_get_text (current), ==, "Debian 11 (http://debian.org/debian/11)");
  apply (&fixture);
  after = inactive_xml (fixture.domain);
  assert_lines_changed (before, after, none, added);
  g_assert_nonnull (strstr (after, "keep me"));

  gtk_list_box_select_row (list, vd_os_rows_find (list, NULL));
  apply (&fixture);
  cleared = inactive_xml (fixture.domain);
  g_assert_cmpstr (cleared, ==, before);
  g_assert_cmpstr (gtk_label_get_text (current), ==,
                   "No operating system is recorded for this guest.");

  fixture_close (&fixture);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  gvir_init_object_check (NULL, NULL, NULL);

  g_test_add_func ("/vd/hardware-pages/overview", test_overview);
  g_test_add_func ("/vd/hardware-pages/cpus", test_cpus);
  g_test_add_func ("/vd/hardware-pages/memory", test_memory);
  g_test_add_func ("/vd/hardware-pages/os", test_os);
  g_test_add_func ("/vd/hardware-pages/boot", test_boot);
  g_test_add_func ("/vd/hardware-pages/xml", test_xml);
  g_test_add_func ("/vd/hardware-pages/leave", test_leave);
  g_test_add_func ("/vd/hardware-pages/running", test_running);
  g_test_add_func ("/vd/hardware-pages/reload", test_reload);

  return g_test_run ();
}
