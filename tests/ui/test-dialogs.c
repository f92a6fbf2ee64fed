/* test-dialogs.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>

#include "vd-auth-dialog.h"
#include "vd-confirm-dialog.h"
#include "vd-connect-dialog.h"
#include "vd-credential-request.h"
#include "vd-preferences-dialog.h"
#include "vd-test-ui.h"

/* The dialogs as a user drives them: bad input gets a message next to its
 * field and the dialog cannot be accepted; good input gives the URI. */

static gpointer
child (gpointer    widget,
       GType       type,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (widget), type, name);

  g_assert_nonnull (object);
  return object;
}

static gboolean
ok_sensitive (GtkDialog *dialog)
{
  GtkWidget *button = gtk_dialog_get_widget_for_response (dialog, GTK_RESPONSE_OK);

  g_assert_nonnull (button);
  return gtk_widget_get_sensitive (button);
}

static void
assert_uri (VdConnectDialog *dialog,
            const char      *expected)
{
  g_autofree char *uri = vd_connect_dialog_dup_uri (dialog);
  GtkLabel *label = child (dialog, VD_TYPE_CONNECT_DIALOG, "uri_label");

  g_assert_cmpstr (uri, ==, expected);
  g_assert_cmpstr (gtk_label_get_text (label), ==, expected != NULL ? expected : "—");
  g_assert_cmpint (ok_sensitive (GTK_DIALOG (dialog)), ==, expected != NULL);
}

static void
assert_field_error (VdConnectDialog *dialog,
                    const char      *entry_name,
                    const char      *label_name,
                    gboolean         shown)
{
  GtkWidget *entry = child (dialog, VD_TYPE_CONNECT_DIALOG, entry_name);
  GtkWidget *label = child (dialog, VD_TYPE_CONNECT_DIALOG, label_name);

  g_assert_cmpint (gtk_widget_get_visible (label), ==, shown);
  g_assert_cmpint (gtk_style_context_has_class (gtk_widget_get_style_context (entry), "error"), ==, shown);
  if (shown)
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), !=, "");
}

static void
test_connect_dialog (void)
{
  GtkWidget *widget = vd_connect_dialog_new (NULL);
  VdConnectDialog *dialog = VD_CONNECT_DIALOG (widget);
  GtkComboBox *hypervisor = child (dialog, VD_TYPE_CONNECT_DIALOG, "hypervisor_combo");
  GtkComboBox *method = child (dialog, VD_TYPE_CONNECT_DIALOG, "method_combo");
  GtkToggleButton *remote = child (dialog, VD_TYPE_CONNECT_DIALOG, "remote_check");
  GtkEntry *custom = child (dialog, VD_TYPE_CONNECT_DIALOG, "custom_entry");
  GtkEntry *user = child (dialog, VD_TYPE_CONNECT_DIALOG, "user_entry");
  GtkEntry *host = child (dialog, VD_TYPE_CONNECT_DIALOG, "host_entry");
  GtkEntry *port = child (dialog, VD_TYPE_CONNECT_DIALOG, "port_entry");
  GtkWidget *remote_grid = child (dialog, VD_TYPE_CONNECT_DIALOG, "remote_grid");

  gtk_widget_show (widget);

  /* The default is the local system daemon. */
  assert_uri (dialog, "qemu:///system");
  g_assert_false (gtk_widget_get_sensitive (remote_grid));

  gtk_combo_box_set_active (hypervisor, 1);
  assert_uri (dialog, "qemu:///session");

  /* Remote with no host: the host field says so, nothing can be accepted. */
  gtk_combo_box_set_active (hypervisor, 0);
  gtk_toggle_button_set_active (remote, TRUE);
  g_assert_true (gtk_widget_get_sensitive (remote_grid));
  assert_field_error (dialog, "host_entry", "host_error", TRUE);
  assert_uri (dialog, NULL);

  gtk_entry_set_text (host, "kvm1.example.org");
  assert_field_error (dialog, "host_entry", "host_error", FALSE);
  assert_uri (dialog, "qemu+ssh://kvm1.example.org/system");
  g_assert_cmpstr (gtk_entry_get_placeholder_text (port), ==, "Default (22)");

  gtk_entry_set_text (user, "ops admin");
  assert_field_error (dialog, "user_entry", "user_error", TRUE);
  assert_uri (dialog, NULL);
  gtk_entry_set_text (user, "root");
  assert_field_error (dialog, "user_entry", "user_error", FALSE);

  gtk_entry_set_text (port, "70000");
  assert_field_error (dialog, "port_entry", "port_error", TRUE);
  assert_uri (dialog, NULL);
  gtk_entry_set_text (port, "2222");
  assert_field_error (dialog, "port_entry", "port_error", FALSE);
  assert_uri (dialog, "qemu+ssh://root@kvm1.example.org:2222/system");

  gtk_combo_box_set_active (method, 1);
  g_assert_cmpstr (gtk_entry_get_placeholder_text (port), ==, "Default (16514)");
  assert_uri (dialog, "qemu+tls://root@kvm1.example.org:2222/system");

  /* Turning remote off hides the remote fields' errors with them. */
  gtk_entry_set_text (host, "bad host");
  assert_uri (dialog, NULL);
  gtk_toggle_button_set_active (remote, FALSE);
  assert_field_error (dialog, "host_entry", "host_error", FALSE);
  assert_uri (dialog, "qemu:///system");

  /* A custom URI is checked as typed. */
  gtk_combo_box_set_active (hypervisor, 3);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (remote)));
  assert_field_error (dialog, "custom_entry", "custom_error", TRUE);
  assert_uri (dialog, NULL);
  gtk_entry_set_text (custom, "qemu+pigeon://kvm1/system");
  assert_field_error (dialog, "custom_entry", "custom_error", TRUE);
  assert_uri (dialog, NULL);
  gtk_entry_set_text (custom, "qemu+ssh://admin@kvm2/system");
  assert_field_error (dialog, "custom_entry", "custom_error", FALSE);
  assert_uri (dialog, "qemu+ssh://admin@kvm2/system");

  /* Connecting at start-up is the default, and can be turned off. */
  g_assert_true (vd_connect_dialog_get_autoconnect (dialog));
  gtk_toggle_button_set_active (child (dialog, VD_TYPE_CONNECT_DIALOG, "autoconnect_check"), FALSE);
  g_assert_false (vd_connect_dialog_get_autoconnect (dialog));

  gtk_widget_destroy (widget);
}

static void
finished_cb (VdCredentialRequest *request,
             gboolean             answered,
             gpointer             user_data)
{
  *(int *)user_data = answered ? 1 : 0;
}

static GPtrArray *
collect_entries (GtkWidget *root,
                 GPtrArray *entries)
{
  if (GTK_IS_ENTRY (root))
    g_ptr_array_add (entries, root);
  else if (GTK_IS_CONTAINER (root))
    {
      g_autoptr(GList) children = gtk_container_get_children (GTK_CONTAINER (root));

      for (const GList *l = children; l != NULL; l = l->next)
        collect_entries (l->data, entries);
    }

  return entries;
}

static void
test_auth_dialog (void)
{
  g_autoptr(VdCredentialRequest) request = vd_credential_request_new ("qemu+tcp://h/system");
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  g_autofree char *user = NULL;
  g_autofree char *password = NULL;
  int finished = -1;
  GtkWidget *user_entry;
  GtkWidget *password_entry;
  GtkWidget *dialog;

  vd_credential_request_add_field (request, VD_CREDENTIAL_USERNAME, "Username", "admin");
  vd_credential_request_add_field (request, VD_CREDENTIAL_PASSWORD, "Password", NULL);
  g_signal_connect (request, "finished", G_CALLBACK (finished_cb), &finished);

  dialog = vd_auth_dialog_new (NULL, request);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&dialog);
  gtk_widget_show (dialog);
  collect_entries (dialog, entries);
  g_assert_cmpuint (entries->len, ==, 2);
  user_entry = vd_test_find_by_accessible_name (dialog, "Username");
  password_entry = vd_test_find_by_accessible_name (dialog, "Password");
  g_assert_true (GTK_IS_ENTRY (user_entry));
  g_assert_true (GTK_IS_ENTRY (password_entry));

  /* The default user is offered; the password is never shown. */
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (user_entry)), ==, "admin");
  g_assert_true (gtk_entry_get_visibility (GTK_ENTRY (user_entry)));
  g_assert_false (gtk_entry_get_visibility (GTK_ENTRY (password_entry)));

  gtk_entry_set_text (GTK_ENTRY (password_entry), "s3cret");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_OK);
  g_assert_cmpint (finished, ==, 1);
  /* Answering closes the dialog. */
  g_assert_null (dialog);
  g_assert_true (vd_credential_request_is_finished (request));

  user = vd_credential_request_dup_answer (request, 0);
  password = vd_credential_request_dup_answer (request, 1);
  g_assert_cmpstr (user, ==, "admin");
  g_assert_cmpstr (password, ==, "s3cret");

}

static void
test_auth_dialog_cancel (void)
{
  g_autoptr(VdCredentialRequest) request = vd_credential_request_new ("qemu+tcp://h/system");
  g_autofree char *password = NULL;
  int finished = -1;
  GtkWidget *dialog;

  vd_credential_request_add_field (request, VD_CREDENTIAL_PASSWORD, "Password", NULL);
  g_signal_connect (request, "finished", G_CALLBACK (finished_cb), &finished);

  dialog = vd_auth_dialog_new (NULL, request);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *)&dialog);
  gtk_widget_show (dialog);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  g_assert_cmpint (finished, ==, 0);
  g_assert_null (dialog);

  password = vd_credential_request_dup_answer (request, 0);
  g_assert_null (password);

}

static void
test_confirm_dialog (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.virtdesk.VirtDesk");
  const char *items[] = { "alpha", "bravo", NULL };
  GtkWidget *dialog;
  GtkToggleButton *dont_ask;

  g_settings_reset (settings, "confirm-force-off");

  /* Cancelling never writes the key, even with the box ticked. */
  dialog = vd_confirm_dialog_new (NULL, "Force off 2 guests?", "Unsaved work is lost.", items,
                                  "_Force Off", settings, "confirm-force-off");
  gtk_widget_show (dialog);
  dont_ask = child (dialog, VD_TYPE_CONFIRM_DIALOG, "dont_ask_check");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dont_ask)));
  gtk_toggle_button_set_active (dont_ask, TRUE);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  g_assert_true (g_settings_get_boolean (settings, "confirm-force-off"));
  gtk_widget_destroy (dialog);

  /* Accepting without the box keeps asking. */
  dialog = vd_confirm_dialog_new (NULL, "Force off 2 guests?", "Unsaved work is lost.", items,
                                  "_Force Off", settings, "confirm-force-off");
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  g_assert_true (g_settings_get_boolean (settings, "confirm-force-off"));
  gtk_widget_destroy (dialog);

  /* Accepting with it turns the question off. */
  dialog = vd_confirm_dialog_new (NULL, "Force off 2 guests?", "Unsaved work is lost.", items,
                                  "_Force Off", settings, "confirm-force-off");
  gtk_toggle_button_set_active (child (dialog, VD_TYPE_CONFIRM_DIALOG, "dont_ask_check"), TRUE);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  g_assert_false (g_settings_get_boolean (settings, "confirm-force-off"));
  gtk_widget_destroy (dialog);
  g_settings_reset (settings, "confirm-force-off");

  /* Without a key there is nothing to turn off. */
  dialog = vd_confirm_dialog_new (NULL, "Delete?", "Gone.", items, "_Delete", NULL, NULL);
  gtk_widget_show (dialog);
  g_assert_false (gtk_widget_get_visible (child (dialog, VD_TYPE_CONFIRM_DIALOG, "dont_ask_check")));
  gtk_widget_destroy (dialog);
}

static void
reset_preferences (GSettings *settings)
{
  const char *keys[] = {
    "stats-interval", "stats-history", "stats-memory", "stats-disk", "stats-network",
    "console-scaling", "console-resize-guest", "console-grab-keys",
  };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    g_settings_reset (settings, keys[i]);
}

static void
assert_grab_keys_error (GtkWidget *dialog,
                        gboolean   shown)
{
  GtkWidget *entry = child (dialog, VD_TYPE_PREFERENCES_DIALOG, "grab_keys_entry");
  GtkWidget *label = child (dialog, VD_TYPE_PREFERENCES_DIALOG, "grab_keys_error");

  g_assert_cmpint (gtk_widget_get_visible (label), ==, shown);
  g_assert_cmpint (gtk_style_context_has_class (gtk_widget_get_style_context (entry), "error"),
                   ==, shown);
  g_assert_cmpint (gtk_entry_get_icon_name (GTK_ENTRY (entry), GTK_ENTRY_ICON_SECONDARY) != NULL,
                   ==, shown);
  if (shown)
    {
      g_autofree char *tooltip =
        gtk_entry_get_icon_tooltip_text (GTK_ENTRY (entry), GTK_ENTRY_ICON_SECONDARY);

      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), !=, "");
      g_assert_cmpstr (tooltip, ==, gtk_label_get_text (GTK_LABEL (label)));
    }
}

static void
test_preferences_statistics (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.virtdesk.VirtDesk");
  GtkWidget *dialog;
  GtkSpinButton *history;
  GtkLabel *hint;
  GtkWidget *cpu;
  const struct { const char *name; const char *key; } switches[] = {
    { "Collect memory usage", "stats-memory" },
    { "Collect disk read and write rates", "stats-disk" },
    { "Collect network receive and send rates", "stats-network" },
  };

  reset_preferences (settings);
  dialog = vd_preferences_dialog_new (NULL, settings);
  gtk_widget_show (dialog);
  history = GTK_SPIN_BUTTON (vd_test_find_by_accessible_name (dialog, "History length in samples"));
  hint = child (dialog, VD_TYPE_PREFERENCES_DIALOG, "history_hint");
  g_assert_true (GTK_IS_SPIN_BUTTON (history));

  /* The history length, and how long that is at the interval, live. */
  g_assert_cmpfloat (gtk_spin_button_get_value (history), ==, 60);
  g_assert_cmpstr (gtk_label_get_text (hint), ==,
                   "At one sample every 1 second, the graphs show the last 60 seconds.");
  gtk_spin_button_set_value (history, 300);
  g_assert_cmpuint (g_settings_get_uint (settings, "stats-history"), ==, 300);
  g_assert_cmpstr (gtk_label_get_text (hint), ==,
                   "At one sample every 1 second, the graphs show the last 5 minutes.");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (child (dialog, VD_TYPE_PREFERENCES_DIALOG,
                                                     "interval_spin")), 30);
  g_assert_cmpuint (g_settings_get_uint (settings, "stats-interval"), ==, 30);
  g_assert_cmpstr (gtk_label_get_text (hint), ==,
                   "At one sample every 30 seconds, the graphs show the last 2.5 hours.");
  g_settings_set_uint (settings, "stats-history", 3600);
  g_assert_cmpfloat (gtk_spin_button_get_value (history), ==, 3600);
  g_assert_cmpstr (gtk_label_get_text (hint), ==,
                   "At one sample every 30 seconds, the graphs show the last 30 hours.");

  /* CPU is always collected: said so, nothing to change. */
  cpu = child (dialog, VD_TYPE_PREFERENCES_DIALOG, "collect_cpu_label");
  g_assert_true (gtk_widget_get_visible (cpu));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (cpu)), ==, "Always");

  for (guint i = 0; i < G_N_ELEMENTS (switches); i++)
    {
      GtkWidget *widget = vd_test_find_by_accessible_name (dialog, switches[i].name);

      g_assert_true (GTK_IS_SWITCH (widget));
      g_assert_true (gtk_widget_is_sensitive (widget));
      g_assert_true (gtk_switch_get_active (GTK_SWITCH (widget)));
      gtk_switch_set_active (GTK_SWITCH (widget), FALSE);
      g_assert_false (g_settings_get_boolean (settings, switches[i].key));
      g_settings_set_boolean (settings, switches[i].key, TRUE);
      g_assert_true (gtk_switch_get_active (GTK_SWITCH (widget)));
    }

  gtk_widget_destroy (dialog);
  reset_preferences (settings);
}

static void
test_preferences_console (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.virtdesk.VirtDesk");
  g_autofree char *scaling = NULL;
  g_autofree char *keys = NULL;
  g_autofree char *expected_hint = NULL;
  GtkWidget *dialog;
  GtkComboBox *combo;
  GtkWidget *resize;
  GtkEntry *entry;
  GtkLabel *hint;
  const char *invalid[] = {
    "", "<Control><Bogus>", "g", "<Control><Alt", "<Control>Tab", "not a key",
  };

  reset_preferences (settings);
  dialog = vd_preferences_dialog_new (NULL, settings);
  gtk_widget_show (dialog);
  combo = GTK_COMBO_BOX (vd_test_find_by_accessible_name (dialog,
                                                          "Scale the guest’s screen to the window"));
  resize = vd_test_find_by_accessible_name (dialog, "Resize the guest to the window");
  entry = GTK_ENTRY (vd_test_find_by_accessible_name (dialog,
                                                      "Keys that release the pointer and keyboard"));
  hint = child (dialog, VD_TYPE_PREFERENCES_DIALOG, "grab_keys_hint");
  g_assert_true (GTK_IS_COMBO_BOX (combo));
  g_assert_true (GTK_IS_SWITCH (resize));
  g_assert_true (GTK_IS_ENTRY (entry));

  /* Scaling: the combo's ids are the enum key's nicks. */
  g_assert_cmpstr (gtk_combo_box_get_active_id (combo), ==, "always");
  gtk_combo_box_set_active_id (combo, "fullscreen");
  scaling = g_settings_get_string (settings, "console-scaling");
  g_assert_cmpstr (scaling, ==, "fullscreen");
  g_clear_pointer (&scaling, g_free);
  gtk_combo_box_set_active (combo, 2);
  scaling = g_settings_get_string (settings, "console-scaling");
  g_assert_cmpstr (scaling, ==, "never");
  g_settings_set_string (settings, "console-scaling", "always");
  g_assert_cmpstr (gtk_combo_box_get_active_id (combo), ==, "always");

  gtk_switch_set_active (GTK_SWITCH (resize), TRUE);
  g_assert_true (g_settings_get_boolean (settings, "console-resize-guest"));

  /* The default, modifiers alone, is shown and valid. */
  g_assert_cmpstr (gtk_entry_get_text (entry), ==, "<Control><Alt>");
  assert_grab_keys_error (dialog, FALSE);
  g_assert_cmpstr (gtk_label_get_text (hint), ==,
                   "Press Ctrl+Alt in a console to release the pointer and keyboard.");

  /* Invalid combinations say why and leave the key alone, even when
   * confirmed with Enter. */
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      gtk_entry_set_text (entry, invalid[i]);
      assert_grab_keys_error (dialog, TRUE);
      gtk_widget_activate (GTK_WIDGET (entry));
      assert_grab_keys_error (dialog, TRUE);
      keys = g_settings_get_string (settings, "console-grab-keys");
      g_assert_cmpstr (keys, ==, "<Control><Alt>");
      g_clear_pointer (&keys, g_free);
      g_assert_cmpstr (gtk_label_get_text (hint), ==,
                       "Press Ctrl+Alt in a console to release the pointer and keyboard.");
    }

  /* A valid one waits for Enter, then is stored and named. */
  gtk_entry_set_text (entry, "<Shift><Alt>");
  assert_grab_keys_error (dialog, FALSE);
  keys = g_settings_get_string (settings, "console-grab-keys");
  g_assert_cmpstr (keys, ==, "<Control><Alt>");
  g_clear_pointer (&keys, g_free);
  g_assert_cmpstr (gtk_label_get_text (hint), ==, "Press Enter to use Shift+Alt.");
  gtk_widget_activate (GTK_WIDGET (entry));
  keys = g_settings_get_string (settings, "console-grab-keys");
  g_assert_cmpstr (keys, ==, "<Shift><Alt>");
  g_clear_pointer (&keys, g_free);
  expected_hint = g_strdup_printf ("Press %s in a console to release the pointer and keyboard.",
                                   "Shift+Alt");
  g_assert_cmpstr (gtk_label_get_text (hint), ==, expected_hint);

  /* Typed key by key: "<Control>" on the way is valid, but what is
   * confirmed is the invalid end result, so nothing is stored. */
  gtk_entry_set_text (entry, "<Control>");
  gtk_entry_set_text (entry, "<Control><Alt");
  gtk_widget_activate (GTK_WIDGET (entry));
  assert_grab_keys_error (dialog, TRUE);
  keys = g_settings_get_string (settings, "console-grab-keys");
  g_assert_cmpstr (keys, ==, "<Shift><Alt>");
  g_clear_pointer (&keys, g_free);

  gtk_entry_set_text (entry, " <Control><Alt>g ");
  assert_grab_keys_error (dialog, FALSE);
  gtk_widget_activate (GTK_WIDGET (entry));
  keys = g_settings_get_string (settings, "console-grab-keys");
  g_assert_cmpstr (keys, ==, "<Control><Alt>g");
  g_clear_pointer (&keys, g_free);
  g_assert_cmpstr (gtk_label_get_text (hint), ==,
                   "Press Ctrl+Alt+G in a console to release the pointer and keyboard.");

  /* Changed elsewhere: the field follows. */
  g_settings_set_string (settings, "console-grab-keys", "<Super>");
  g_assert_cmpstr (gtk_entry_get_text (entry), ==, "<Super>");
  assert_grab_keys_error (dialog, FALSE);

  /* Closing the dialog confirms a valid edit... */
  gtk_entry_set_text (entry, "<Control><Shift>");
  gtk_widget_destroy (dialog);
  keys = g_settings_get_string (settings, "console-grab-keys");
  g_assert_cmpstr (keys, ==, "<Control><Shift>");
  g_clear_pointer (&keys, g_free);

  /* ...and drops an invalid one. */
  dialog = vd_preferences_dialog_new (NULL, settings);
  gtk_widget_show (dialog);
  entry = child (dialog, VD_TYPE_PREFERENCES_DIALOG, "grab_keys_entry");
  g_assert_cmpstr (gtk_entry_get_text (entry), ==, "<Control><Shift>");
  gtk_entry_set_text (entry, "<Alt>");
  gtk_entry_set_text (entry, "<Alt>x<");
  gtk_widget_destroy (dialog);
  keys = g_settings_get_string (settings, "console-grab-keys");
  g_assert_cmpstr (keys, ==, "<Control><Shift>");
  g_clear_pointer (&keys, g_free);

  reset_preferences (settings);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/vd/dialogs/connect", test_connect_dialog);
  g_test_add_func ("/vd/dialogs/auth", test_auth_dialog);
  g_test_add_func ("/vd/dialogs/auth-cancel", test_auth_dialog_cancel);
  g_test_add_func ("/vd/dialogs/confirm", test_confirm_dialog);
  g_test_add_func ("/vd/dialogs/preferences-statistics", test_preferences_statistics);
  g_test_add_func ("/vd/dialogs/preferences-console", test_preferences_console);

  return g_test_run ();
}
