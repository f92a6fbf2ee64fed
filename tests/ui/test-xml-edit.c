/* test-xml-edit.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <gtk/gtk.h>
#include <libvirt-gobject/libvirt-gobject.h>

#include "vd-connection-host.h"
#include "vd-host-window.h"
#include "vd-xml-edit-dialog.h"
#include "../vd-test-util.h"
#include "vd-test-ui.h"

/* See test-host-window.c: GtkSourceView's quarks under ASan. */
const char *__asan_default_options (void);

const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}

/* Edit XML… for a network and a pool of host.xml, through the host
 * window's actions and the dialog's widgets: malformed text refused with
 * its line and column, Apply off until the text changed and is
 * well-formed, libvirt's refusal shown with nothing changed, and a valid
 * change defined and read back from libvirt. The test driver shows only
 * the current XML, so the read-back is on stopped objects. */

typedef struct
{
  VdConnection *connection;
  GtkWidget    *window;
  GActionGroup *host;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *uri = vd_test_fixture_uri ("host.xml");

  fixture->connection = vd_test_open (uri);
  VD_TEST_WAIT_UNTIL (vd_connection_get_host_loaded (fixture->connection), 30);
  fixture->window = GTK_WIDGET (vd_host_window_new (NULL, fixture->connection, NULL));
  gtk_widget_show (fixture->window);
  gtk_test_widget_wait_for_draw (fixture->window);
  fixture->host = gtk_widget_get_action_group (fixture->window, "host");
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gtk_widget_destroy (fixture->window);
  vd_connection_disconnect (fixture->connection);
  g_clear_object (&fixture->connection);
}

static GtkWidget *
find_toplevel (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (const GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

static GtkWidget *
find (GtkWidget  *root,
      const char *name)
{
  GtkWidget *widget = vd_test_find_by_accessible_name (root, name);

  if (widget == NULL)
    g_error ("no widget named “%s”", name);
  return widget;
}

static GtkTextBuffer *
buffer_of (GtkWidget *dialog)
{
  GtkWidget *view = find (dialog, "XML");

  /* The scrolled window takes its child's accessible name. */
  if (GTK_IS_SCROLLED_WINDOW (view))
    view = gtk_bin_get_child (GTK_BIN (view));
  g_assert_true (GTK_IS_TEXT_VIEW (view));
  return gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
}

static char *
text_of (GtkWidget *dialog)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer_of (dialog), &start, &end);
  return gtk_text_buffer_get_text (buffer_of (dialog), &start, &end, FALSE);
}

static void
replace_text (GtkWidget  *dialog,
              const char *from,
              const char *to)
{
  g_autofree char *text = text_of (dialog);
  g_auto(GStrv) parts = g_strsplit (text, from, 2);
  g_autofree char *changed = NULL;

  g_assert_nonnull (parts[1]);
  changed = g_strconcat (parts[0], to, parts[1], NULL);
  gtk_text_buffer_set_text (buffer_of (dialog), changed, -1);
}

static gboolean
apply_sensitive (GtkWidget *dialog)
{
  return gtk_widget_get_sensitive (gtk_dialog_get_widget_for_response (GTK_DIALOG (dialog),
                                                                       GTK_RESPONSE_APPLY));
}

static const char *
shown_text (GtkWidget  *dialog,
            const char *name)
{
  GtkWidget *label = find (dialog, name);

  return gtk_widget_is_visible (label) ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

static GtkWidget *
open_editor (Fixture    *fixture,
             const char *action)
{
  GtkWidget *dialog;

  g_assert_true (g_action_group_get_action_enabled (fixture->host, action));
  g_action_group_activate_action (fixture->host, action, NULL);
  dialog = find_toplevel (VD_TYPE_XML_EDIT_DIALOG);
  g_assert_nonnull (dialog);
  VD_TEST_WAIT_UNTIL (vd_xml_edit_dialog_get_loaded (VD_XML_EDIT_DIALOG (dialog)), 30);
  gtk_test_widget_wait_for_draw (dialog);
  return dialog;
}

static char *
libvirt_network_xml (Fixture    *fixture,
                     const char *name)
{
  virNetworkPtr net = virNetworkLookupByName (vd_connection_get_handle (fixture->connection), name);
  char *xml = virNetworkGetXMLDesc (net, 0);
  char *copy = g_strdup (xml);

  free (xml);
  virNetworkFree (net);
  return copy;
}

static void
test_network (Fixture       *fixture,
              gconstpointer  data)
{
  VdHostWindow *host = VD_HOST_WINDOW (fixture->window);
  VdNetwork *def = vd_connection_find_network (fixture->connection, "default");
  g_autofree char *before = libvirt_network_xml (fixture, "default");
  g_autofree char *after = NULL;
  const char *problem;
  GtkWidget *dialog;

  g_assert_false (g_action_group_get_action_enabled (fixture->host, "network-edit-xml"));
  g_assert_true (vd_host_window_select_network (host, "default"));

  /* Running: the note says when a change applies. */
  dialog = open_editor (fixture, "network-edit-xml");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Network XML");
  g_assert_nonnull (strstr (shown_text (dialog, "Next start note"), "next time it starts"));
  g_assert_false (apply_sensitive (dialog));

  /* Malformed: where and why, Apply off. */
  replace_text (dialog, "</network>", "</netw");
  problem = shown_text (dialog, "XML problem");
  g_assert_nonnull (problem);
  g_assert_true (g_str_has_prefix (problem, "Line "));
  g_assert_nonnull (strstr (problem, ", column "));
  g_assert_false (apply_sensitive (dialog));

  /* Well-formed but refused by libvirt: its message, nothing changed. */
  replace_text (dialog, "</netw", "</network>");
  g_assert_null (shown_text (dialog, "XML problem"));
  replace_text (dialog, "<forward mode='nat'", "<forward mode='bogus'");
  g_assert_true (apply_sensitive (dialog));
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_APPLY);
  VD_TEST_WAIT_UNTIL (!vd_xml_edit_dialog_get_busy (VD_XML_EDIT_DIALOG (dialog)), 30);
  g_assert_true (g_str_has_prefix (shown_text (dialog, "XML error"),
                                   "Failed to change the network “default”: "));
  after = libvirt_network_xml (fixture, "default");
  g_assert_cmpstr (after, ==, before);
  gtk_widget_destroy (dialog);

  /* Stopped: no note; a valid change is defined and read back. */
  g_action_group_activate_action (fixture->host, "network-stop", NULL);
  VD_TEST_WAIT_UNTIL (!vd_network_get_active (def) && !vd_network_get_busy (def), 30);
  dialog = open_editor (fixture, "network-edit-xml");
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&dialog);
  g_assert_null (shown_text (dialog, "Next start note"));
  replace_text (dialog, "virbr0", "virbr5");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_APPLY);
  VD_TEST_WAIT_UNTIL (dialog == NULL, 30);
  g_clear_pointer (&after, g_free);
  after = libvirt_network_xml (fixture, "default");
  g_assert_nonnull (strstr (after, "virbr5"));
  VD_TEST_WAIT_UNTIL (g_strcmp0 (vd_network_get_bridge (def), "virbr5") == 0, 30);
}

static void
test_pool (Fixture       *fixture,
           gconstpointer  data)
{
  VdHostWindow *host = VD_HOST_WINDOW (fixture->window);
  VdStoragePool *def = vd_connection_find_pool (fixture->connection, "default");
  GtkWidget *dialog;

  g_assert_true (vd_host_window_select_pool (host, "default"));
  dialog = open_editor (fixture, "pool-edit-xml");
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Storage Pool XML");
  g_assert_nonnull (shown_text (dialog, "Next start note"));

  /* Another name would define another pool: refused, said so. */
  replace_text (dialog, "<name>default</name>", "<name>elsewhere</name>");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_APPLY);
  VD_TEST_WAIT_UNTIL (!vd_xml_edit_dialog_get_busy (VD_XML_EDIT_DIALOG (dialog)), 30);
  g_assert_nonnull (strstr (shown_text (dialog, "XML error"), "a name cannot be changed"));
  g_assert_null (vd_connection_find_pool (fixture->connection, "elsewhere"));
  gtk_widget_destroy (dialog);

  g_action_group_activate_action (fixture->host, "pool-stop", NULL);
  VD_TEST_WAIT_UNTIL (!vd_storage_pool_get_active (def) && !vd_storage_pool_get_busy (def), 30);
  dialog = open_editor (fixture, "pool-edit-xml");
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&dialog);
  replace_text (dialog, "<path>/var/lib/libvirt/images</path>", "<path>/srv/guests</path>");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_APPLY);
  VD_TEST_WAIT_UNTIL (dialog == NULL, 30);
  VD_TEST_WAIT_UNTIL (g_strcmp0 (vd_storage_pool_get_target_path (def), "/srv/guests") == 0, 30);
  {
    virStoragePoolPtr pool = virStoragePoolLookupByName (
                               vd_connection_get_handle (fixture->connection), "default");
    char *xml = virStoragePoolGetXMLDesc (pool, 0);

    g_assert_nonnull (strstr (xml, "<path>/srv/guests</path>"));
    free (xml);
    virStoragePoolFree (pool);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  gvir_init_object_check (NULL, NULL, NULL);

#define ADD(path, func) \
  g_test_add ("/vd/xml-edit/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("network", test_network);
  ADD ("pool", test_pool);

  return g_test_run ();
}
