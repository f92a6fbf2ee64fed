/* test-console-chooser.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>
#include <libvirt-gobject/libvirt-gobject.h>

#include "vd-console-devices.h"
#include "vd-console-view.h"
#include "../vd-test-util.h"
#include "vd-test-ui.h"

/* Under ASan: VTE makes GLib outgrow its first block of quarks, which it
 * never frees (tests/lsan.supp); only a full stack names it. */
const char *__asan_default_options (void);

const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}

/*
 * The console chooser: which text consoles a guest's live XML offers, and
 * the Console tab's combo on the test driver (tests/data/console-devices.xml:
 * a guest with a screen, two serial ports and a virtio console, with user
 * aliases). The test driver opens no console, so choosing one ends on the
 * error page with libvirt's reason; the real thing is
 * tests/e2e/test-console.c (/vd/e2e/console/two-serials).
 */

static void
test_devices (void)
{
  const char *xml =
    "<domain type='kvm'><name>g</name><devices>"
    "<serial type='pty'><target type='isa-serial' port='0'/><alias name='serial0'/></serial>"
    "<serial type='pty'><target type='isa-serial' port='1'/><alias name='serial1'/></serial>"
    "<serial type='pty'><target port='2'/></serial>"
    "<console type='pty'><target type='serial' port='0'/><alias name='serial0'/></console>"
    "<console type='pty'><target type='virtio' port='1'/><alias name='console1'/></console>"
    "<console type='pty'><target type='virtio' port='2'/><alias name='console2'/></console>"
    "</devices></domain>";
  g_autoptr(GPtrArray) consoles = vd_console_devices_text_consoles (xml);
  const char *expected[][2] = {
    { "serial0", "Serial 0" },
    { "serial1", "Serial 1" },
    { "console1", "Console (virtio)" },
    { "console2", "Console (virtio) 2" },
  };

  /* The serial port libvirt shows again as console 0 is there once; one
   * without an alias (not running) cannot be opened and is left out. */
  g_assert_cmpuint (consoles->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < consoles->len; i++)
    {
      VdTextConsole *console = g_ptr_array_index (consoles, i);

      g_assert_cmpstr (console->alias, ==, expected[i][0]);
      g_assert_cmpstr (console->label, ==, expected[i][1]);
    }

  g_clear_pointer (&consoles, g_ptr_array_unref);
  consoles = vd_console_devices_text_consoles ("<domain><devices/></domain>");
  g_assert_cmpuint (consoles->len, ==, 0);
  g_clear_pointer (&consoles, g_ptr_array_unref);
  consoles = vd_console_devices_text_consoles ("not xml");
  g_assert_cmpuint (consoles->len, ==, 0);
}

static char *
combo_labels (GtkComboBox *combo)
{
  GtkTreeModel *model = gtk_combo_box_get_model (combo);
  g_autoptr(GString) labels = g_string_new (NULL);
  GtkTreeIter iter;
  gboolean valid;

  for (valid = gtk_tree_model_get_iter_first (model, &iter); valid;
       valid = gtk_tree_model_iter_next (model, &iter))
    {
      g_autofree char *text = NULL;

      gtk_tree_model_get (model, &iter, 0, &text, -1);
      g_string_append_printf (labels, "%s%s", labels->len > 0 ? "|" : "", text);
    }

  return g_string_free (g_steal_pointer (&labels), FALSE);
}

static gboolean
settled (VdConsoleView *view)
{
  const char *page = vd_console_view_get_page (view);

  return g_strcmp0 (page, "error") == 0 || g_strcmp0 (page, "serial") == 0;
}

static gboolean
text_console_on (GActionGroup *group)
{
  g_autoptr(GVariant) state = g_action_group_get_action_state (group, "text-console");

  return g_variant_get_boolean (state);
}

static void
test_chooser (void)
{
  g_autofree char *uri = vd_test_fixture_uri ("console-devices.xml");
  g_autoptr(VdConnection) connection = vd_test_open (uri);
  VdDomain *two = vd_connection_find_domain_by_name (connection, "two-serials");
  VdDomain *one = vd_connection_find_domain_by_name (connection, "one-serial");
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  GtkWidget *window = gtk_window_new (GTK_WINDOW_TOPLEVEL);
  GtkWidget *view = vd_console_view_new ();
  VdConsoleView *console = VD_CONSOLE_VIEW (view);
  GtkWidget *chooser;
  g_autofree char *labels = NULL;

  g_assert_true (vd_domain_get_active (two));
  vd_console_view_add_actions (console, G_ACTION_MAP (group));
  gtk_widget_insert_action_group (window, "vm", G_ACTION_GROUP (group));
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 480);
  gtk_container_add (GTK_CONTAINER (window), view);
  gtk_widget_show_all (window);

  /* Hidden until a guest with several text consoles is shown. */
  chooser = vd_test_find_by_accessible_name (view, "Console device");
  g_assert_true (GTK_IS_COMBO_BOX (chooser));
  g_assert_false (gtk_widget_is_visible (chooser));

  vd_console_view_set_domain (console, two);
  VD_TEST_WAIT_UNTIL (settled (console), 30);
  g_assert_true (gtk_widget_is_visible (chooser));
  labels = combo_labels (GTK_COMBO_BOX (chooser));
  g_assert_cmpstr (labels, ==, "Graphical display|Serial 0|Serial 1|Console (virtio)");
  /* The screen is what it tried. */
  g_assert_cmpstr (gtk_combo_box_get_active_id (GTK_COMBO_BOX (chooser)), ==, "");
  g_assert_null (vd_console_view_get_console_device (console));
  g_assert_false (text_console_on (G_ACTION_GROUP (group)));

  /* Serial 1, as the user picks it: the view opens that device (the test
   * driver refuses; the chooser keeps the choice and the menu's Text
   * Console item is on). */
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (chooser), "ua-s1");
  g_assert_cmpstr (vd_console_view_get_page (console), ==, "connecting");
  VD_TEST_WAIT_UNTIL (settled (console), 30);
  g_test_message ("serial 1 on the test driver: %s", vd_console_view_get_error (console));
  g_assert_cmpstr (gtk_combo_box_get_active_id (GTK_COMBO_BOX (chooser)), ==, "ua-s1");
  g_assert_true (text_console_on (G_ACTION_GROUP (group)));

  /* Back to the screen. */
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (chooser), "");
  VD_TEST_WAIT_UNTIL (settled (console), 30);
  g_assert_cmpstr (gtk_combo_box_get_active_id (GTK_COMBO_BOX (chooser)), ==, "");
  g_assert_false (text_console_on (G_ACTION_GROUP (group)));

  /* Text Console from the menu: the usual text console, the chooser says
   * which. */
  g_action_group_change_action_state (G_ACTION_GROUP (group), "text-console",
                                      g_variant_new_boolean (TRUE));
  VD_TEST_WAIT_UNTIL (settled (console), 30);
  g_assert_cmpstr (gtk_combo_box_get_active_id (GTK_COMBO_BOX (chooser)), ==, "ua-s0");

  /* One serial port: nothing to choose from. */
  vd_console_view_set_domain (console, one);
  VD_TEST_WAIT_UNTIL (settled (console), 30);
  g_assert_false (gtk_widget_is_visible (chooser));

  gtk_widget_destroy (window);
  vd_connection_disconnect (connection);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  gvir_init_object_check (NULL, NULL, NULL);

  g_test_add_func ("/vd/console-chooser/devices", test_devices);
  g_test_add_func ("/vd/console-chooser/view", test_chooser);

  return g_test_run ();
}
