/* vd-application.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-application"

#include "config.h"

#include <glib/gi18n.h>
#include <libvirt-gobject/libvirt-gobject.h>

#include "vd-application.h"
#include "vd-auth-dialog.h"
#include "vd-connect-dialog.h"
#include "vd-host-window.h"
#include "vd-manager-window.h"
#include "vd-new-vm-wizard.h"
#include "vd-preferences-dialog.h"
#include "vd-vm-window.h"

/*
 * Single instance (GtkApplication): a second `virt-desk --connect …` hands
 * its command line to the running instance. Owns the settings, the
 * connection manager and the guest windows (one per guest), and answers
 * libvirt's credential questions with a dialog.
 */

struct _VdApplication
{
  GtkApplication       parent_instance;

  GSettings           *settings;
  VdConnectionManager *manager;
  VdManagerWindow     *manager_window;
  GHashTable          *vm_windows;       /* uuid → VdVmWindow (borrowed) */
  GHashTable          *host_windows;     /* VdConnection → VdHostWindow (both borrowed) */
  GPtrArray           *pending_shows;    /* ShowRequest: guests to open once listed */
  guint                autoconnected : 1;
};

G_DEFINE_FINAL_TYPE (VdApplication, vd_application, GTK_TYPE_APPLICATION)

typedef struct
{
  char         *name;
  char         *page;
  VdConnection *connection;    /* nullable: look in every connection */
} ShowRequest;

static void
show_request_free (ShowRequest *request)
{
  g_free (request->name);
  g_free (request->page);
  g_clear_object (&request->connection);
  g_free (request);
}

static const GOptionEntry option_entries[] = {
  { "connect", 'c', 0, G_OPTION_ARG_STRING, NULL,
    N_("Connect to the hypervisor at URI"), N_("URI") },
  { "show-domain-console", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Show the console of the guest NAME"), N_("NAME") },
  { "show-domain-editor", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Show the details of the guest NAME"), N_("NAME") },
  { "show-host-summary", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the host details of the connection"), NULL },
  { "show-domain-creator", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the New Virtual Machine wizard"), NULL },
  { "debug", 'd', 0, G_OPTION_ARG_NONE, NULL,
    N_("Print debugging messages"), NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print the version and exit"), NULL },
  { NULL }
};

/* ------------------------------------------------------------------ */
/* Credentials                                                         */
/* ------------------------------------------------------------------ */

static gboolean
credentials_requested_cb (VdConnection        *connection,
                          VdCredentialRequest *request,
                          VdApplication       *self)
{
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *dialog = vd_auth_dialog_new (parent, request);

  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Opening guests by name (command line)                               */
/* ------------------------------------------------------------------ */

static void try_pending_shows (VdApplication *self);

static VdDomain *
find_domain (VdApplication *self,
             ShowRequest   *request,
             gboolean      *all_settled)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->manager));

  *all_settled = TRUE;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VdConnection) connection = g_list_model_get_item (G_LIST_MODEL (self->manager), i);
      VdDomain *domain;

      if (request->connection != NULL && request->connection != connection)
        continue;

      if (vd_connection_get_state (connection) == VD_CONNECTION_STATE_CONNECTING)
        *all_settled = FALSE;

      domain = vd_connection_find_domain_by_name (connection, request->name);
      if (domain != NULL)
        return domain;
    }

  return NULL;
}

static void
try_pending_shows (VdApplication *self)
{
  for (guint i = self->pending_shows->len; i > 0; i--)
    {
      ShowRequest *request = g_ptr_array_index (self->pending_shows, i - 1);
      gboolean settled;
      VdDomain *domain = find_domain (self, request, &settled);

      if (domain != NULL)
        {
          vd_application_show_vm_window (self, domain, request->page);
          g_ptr_array_remove_index (self->pending_shows, i - 1);
        }
      else if (settled && self->manager_window != NULL)
        {
          g_autofree char *message =
            g_strdup_printf (_("No guest named “%s” was found on the open connections."),
                             request->name);

          vd_manager_window_show_message (self->manager_window, GTK_MESSAGE_WARNING, message);
          g_ptr_array_remove_index (self->pending_shows, i - 1);
        }
    }
}

static void
connection_state_cb (VdConnection  *connection,
                     GParamSpec    *pspec,
                     VdApplication *self)
{
  if (self->pending_shows->len > 0)
    try_pending_shows (self);
}

static void
domains_changed_cb (GListModel    *list,
                    guint          position,
                    guint          removed,
                    guint          added,
                    VdApplication *self)
{
  if (added > 0 && self->pending_shows->len > 0)
    try_pending_shows (self);
}

/* The statistics settings, applied to one connection. */
static void
apply_stats_settings (VdApplication *self,
                      VdConnection  *connection)
{
  VdStatsCollect collect = VD_STATS_COLLECT_CPU;

  if (g_settings_get_boolean (self->settings, "stats-memory"))
    collect |= VD_STATS_COLLECT_MEMORY;
  if (g_settings_get_boolean (self->settings, "stats-disk"))
    collect |= VD_STATS_COLLECT_DISK;
  if (g_settings_get_boolean (self->settings, "stats-network"))
    collect |= VD_STATS_COLLECT_NETWORK;

  vd_connection_set_stats_collect (connection, collect);
  vd_connection_set_stats_history (connection,
                                   g_settings_get_uint (self->settings, "stats-history"));
  vd_connection_set_stats_interval (connection,
                                    g_settings_get_uint (self->settings, "stats-interval"));
}

static void
watch_connection (VdApplication *self,
                  VdConnection  *connection)
{
  apply_stats_settings (self, connection);
  g_signal_connect_object (connection, "credentials-requested",
                           G_CALLBACK (credentials_requested_cb), self, 0);
  g_signal_connect_object (connection, "notify::state",
                           G_CALLBACK (connection_state_cb), self, 0);
  g_signal_connect_object (vd_connection_get_domains (connection), "items-changed",
                           G_CALLBACK (domains_changed_cb), self, 0);
}

static const char * const stats_keys[] = {
  "stats-interval", "stats-history", "stats-memory", "stats-disk", "stats-network",
};

static void
stats_settings_changed_cb (GSettings     *settings,
                           const char    *key,
                           VdApplication *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->manager));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VdConnection) connection = g_list_model_get_item (G_LIST_MODEL (self->manager), i);
      apply_stats_settings (self, connection);
    }
}

static void
connections_changed_cb (GListModel    *list,
                        guint          position,
                        guint          removed,
                        guint          added,
                        VdApplication *self)
{
  for (guint i = 0; i < added; i++)
    {
      g_autoptr(VdConnection) connection = g_list_model_get_item (list, position + i);
      watch_connection (self, connection);
    }
}

/* ------------------------------------------------------------------ */
/* Actions                                                             */
/* ------------------------------------------------------------------ */

static void
connect_dialog_response_cb (VdConnectDialog *dialog,
                            int              response,
                            VdApplication   *self)
{
  if (response == GTK_RESPONSE_OK)
    {
      g_autofree char *uri = vd_connect_dialog_dup_uri (dialog);

      if (uri != NULL)
        {
          VdConnection *connection =
            vd_connection_manager_add (self->manager, uri,
                                       vd_connect_dialog_get_autoconnect (dialog));

          if (self->manager_window != NULL)
            vd_manager_window_connect (self->manager_window, connection);
          else
            vd_connection_connect (connection);
        }
    }

  gtk_widget_destroy (GTK_WIDGET (dialog));
}

static void
vd_application_action_new_connection_cb (GSimpleAction *action,
                                         GVariant      *param,
                                         gpointer       user_data)
{
  VdApplication *self = user_data;
  GtkWidget *dialog;

  dialog = vd_connect_dialog_new (gtk_application_get_active_window (GTK_APPLICATION (self)));
  g_signal_connect_object (dialog, "response", G_CALLBACK (connect_dialog_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
vd_application_action_preferences_cb (GSimpleAction *action,
                                      GVariant      *param,
                                      gpointer       user_data)
{
  VdApplication *self = user_data;
  GtkWidget *dialog;

  dialog = vd_preferences_dialog_new (gtk_application_get_active_window (GTK_APPLICATION (self)),
                                      self->settings);
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_widget_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
vd_application_action_quit_cb (GSimpleAction *action,
                               GVariant      *param,
                               gpointer       user_data)
{
  VdApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Close through delete-event so windows save their size. */
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }

  g_application_quit (G_APPLICATION (self));
}

static void
vd_application_action_about_cb (GSimpleAction *action,
                                GVariant      *param,
                                gpointer       user_data)
{
  VdApplication *self = user_data;
  static const char *authors[] = { "The virt-desk authors", NULL };

  gtk_show_about_dialog (gtk_application_get_active_window (GTK_APPLICATION (self)),
                         "program-name", _("Virt Desk"),
                         "logo-icon-name", APP_ID,
                         "version", PACKAGE_VERSION,
                         "comments", _("Manage virtual machines on local and remote libvirt hosts"),
                         "license-type", GTK_LICENSE_GPL_3_0,
                         "authors", authors,
                         "translator-credits", _("translator-credits"),
                         NULL);
}

static void
help_launched_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    g_message ("Could not open the help: %s", error->message);
}

static void
vd_application_action_help_cb (GSimpleAction *action,
                               GVariant      *param,
                               gpointer       user_data)
{
  g_app_info_launch_default_for_uri_async ("help:virt-desk", NULL, NULL, help_launched_cb, NULL);
}

static const GActionEntry app_actions[] = {
  { "new-connection", vd_application_action_new_connection_cb },
  { "preferences", vd_application_action_preferences_cb },
  { "quit", vd_application_action_quit_cb },
  { "about", vd_application_action_about_cb },
  { "help", vd_application_action_help_cb },
};

static const struct {
  const char *action;
  const char *accels[3];
} accels[] = {
  { "app.new-connection", { "<Primary><Shift>n", NULL } },
  { "app.quit", { "<Primary>q", NULL } },
  { "app.preferences", { "<Primary>comma", NULL } },
  { "app.help", { "F1", NULL } },
  { "win.show-help-overlay", { "<Primary>question", NULL } },
  { "win.close", { "<Primary>w", NULL } },
  { "win.search", { "<Primary>f", NULL } },
  { "win.open", { "<Primary>o", NULL } },
  { "win.start", { "<Primary>r", NULL } },
  { "win.pause", { "<Primary>p", NULL } },
  { "win.resume", { "<Primary>p", NULL } },
  { "win.shutdown", { "<Primary><Shift>s", NULL } },
  { "win.save", { "<Primary>s", NULL } },
  { "win.delete", { "Delete", NULL } },
  /* The guest window's console; a grabbed console gets these keys first. */
  { "vm.fullscreen", { "F11", NULL } },
  { "vm.zoom-in", { "<Primary>plus", "<Primary>equal", NULL } },
  { "vm.zoom-out", { "<Primary>minus", NULL } },
  { "vm.zoom-normal", { "<Primary>0", NULL } },
};

/* ------------------------------------------------------------------ */
/* GApplication                                                        */
/* ------------------------------------------------------------------ */

static void
vd_application_startup (GApplication *application)
{
  VdApplication *self = VD_APPLICATION (application);
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();
  g_autoptr(GError) error = NULL;

  G_APPLICATION_CLASS (vd_application_parent_class)->startup (application);

  /* libvirt's event loop on GLib's, before any connection opens. */
  if (!gvir_init_object_check (NULL, NULL, &error))
    g_critical ("Could not initialise libvirt-gobject: %s", error->message);

  gtk_css_provider_load_from_resource (css, RESOURCE_BASE "/style.css");
  gtk_style_context_add_provider_for_screen (gdk_screen_get_default (),
                                             GTK_STYLE_PROVIDER (css),
                                             GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self), accels[i].action,
                                           accels[i].accels);

  self->settings = g_settings_new (APP_ID);
  for (guint i = 0; i < G_N_ELEMENTS (stats_keys); i++)
    {
      g_autofree char *signal = g_strconcat ("changed::", stats_keys[i], NULL);

      g_signal_connect_object (self->settings, signal,
                               G_CALLBACK (stats_settings_changed_cb), self, 0);
    }
  self->manager = vd_connection_manager_new (self->settings);
  g_signal_connect_object (self->manager, "items-changed",
                           G_CALLBACK (connections_changed_cb), self, 0);
  vd_connection_manager_load (self->manager);
  connections_changed_cb (G_LIST_MODEL (self->manager), 0, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->manager)), self);
}

static void
manager_window_destroyed_cb (VdApplication *self)
{
  self->manager_window = NULL;
}

static void
ensure_manager_window (VdApplication *self)
{
  if (self->manager_window != NULL)
    return;

  self->manager_window = vd_manager_window_new (GTK_APPLICATION (self), self->manager,
                                                self->settings);
  g_signal_connect_object (self->manager_window, "destroy",
                           G_CALLBACK (manager_window_destroyed_cb), self, G_CONNECT_SWAPPED);
}

static void
vd_application_activate (GApplication *application)
{
  VdApplication *self = VD_APPLICATION (application);

  ensure_manager_window (self);
  gtk_window_present (GTK_WINDOW (self->manager_window));

  if (!self->autoconnected)
    {
      self->autoconnected = TRUE;
      vd_connection_manager_autoconnect (self->manager);
    }
}

static int
vd_application_handle_local_options (GApplication *application,
                                     GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
      return 0;
    }

  if (g_variant_dict_contains (options, "debug"))
    {
      g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
      g_setenv ("LIBVIRT_GOBJECT_DEBUG", "1", TRUE);
    }

  /* Go on: the primary instance's command_line handles the rest. */
  return -1;
}

/* --show-domain-creator: the New Virtual Machine wizard on the --connect
 * connection (else the first one), once it is open. */
static void
creator_connection_state_cb (VdConnection  *connection,
                             GParamSpec    *pspec,
                             VdApplication *self)
{
  VdConnectionState state = vd_connection_get_state (connection);

  /* Wait through connecting (and the moment before it starts); a
   * connection that fails shows its error on its row. */
  if (state != VD_CONNECTION_STATE_CONNECTED && state != VD_CONNECTION_STATE_FAILED)
    return;
  g_signal_handlers_disconnect_by_func (connection, creator_connection_state_cb, self);
  if (state == VD_CONNECTION_STATE_CONNECTED && self->manager_window != NULL)
    gtk_window_present (GTK_WINDOW (vd_new_vm_wizard_new (GTK_WINDOW (self->manager_window),
                                                          connection)));
}

static void
show_domain_creator (VdApplication *self,
                     VdConnection  *connection)
{
  g_autoptr(VdConnection) first = NULL;

  if (connection == NULL && g_list_model_get_n_items (G_LIST_MODEL (self->manager)) > 0)
    connection = first = g_list_model_get_item (G_LIST_MODEL (self->manager), 0);
  if (connection == NULL)
    {
      if (self->manager_window != NULL)
        vd_manager_window_show_message (self->manager_window, GTK_MESSAGE_WARNING,
                                        _("Add a connection first: a new guest is created on "
                                          "a connection."));
      return;
    }
  g_signal_connect_object (connection, "notify::state",
                           G_CALLBACK (creator_connection_state_cb), self, 0);
  if (vd_connection_get_state (connection) == VD_CONNECTION_STATE_DISCONNECTED ||
      vd_connection_get_state (connection) == VD_CONNECTION_STATE_FAILED)
    vd_connection_connect (connection);
  creator_connection_state_cb (connection, NULL, self);
}

static int
vd_application_command_line (GApplication            *application,
                             GApplicationCommandLine *command_line)
{
  VdApplication *self = VD_APPLICATION (application);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  VdConnection *connection = NULL;
  const char *uri = NULL;
  const char *name = NULL;
  const char *page = NULL;

  if (g_variant_dict_lookup (options, "connect", "&s", &uri))
    {
      connection = vd_connection_manager_lookup (self->manager, uri);
      if (connection == NULL)
        connection = vd_connection_manager_add (self->manager, uri, TRUE);
    }

  g_application_activate (application);

  if (connection != NULL && self->manager_window != NULL)
    vd_manager_window_connect (self->manager_window, connection);

  if (g_variant_dict_lookup (options, "show-domain-console", "&s", &name))
    page = "console";
  else if (g_variant_dict_lookup (options, "show-domain-editor", "&s", &name))
    page = "details";

  if (name != NULL)
    {
      ShowRequest *request = g_new0 (ShowRequest, 1);

      request->name = g_strdup (name);
      request->page = g_strdup (page);
      g_set_object (&request->connection, connection);
      g_ptr_array_add (self->pending_shows, request);
      try_pending_shows (self);
    }

  if (g_variant_dict_contains (options, "show-host-summary"))
    {
      g_autoptr(VdConnection) first = NULL;

      /* The connection named with --connect, else the first one. */
      if (connection == NULL && g_list_model_get_n_items (G_LIST_MODEL (self->manager)) > 0)
        first = g_list_model_get_item (G_LIST_MODEL (self->manager), 0);
      if (connection != NULL || first != NULL)
        vd_application_show_host_window (self, connection != NULL ? connection : first);
    }

  if (g_variant_dict_contains (options, "show-domain-creator"))
    show_domain_creator (self, connection);

  return 0;
}

static void
vd_application_shutdown (GApplication *application)
{
  VdApplication *self = VD_APPLICATION (application);

  /* Close connections while the main loop still runs. */
  if (self->manager != NULL)
    g_object_run_dispose (G_OBJECT (self->manager));

  G_APPLICATION_CLASS (vd_application_parent_class)->shutdown (application);
}

static void
vd_application_finalize (GObject *object)
{
  VdApplication *self = (VdApplication *)object;

  g_clear_object (&self->manager);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->vm_windows, g_hash_table_unref);
  g_clear_pointer (&self->host_windows, g_hash_table_unref);
  g_clear_pointer (&self->pending_shows, g_ptr_array_unref);

  G_OBJECT_CLASS (vd_application_parent_class)->finalize (object);
}

static void
vd_application_class_init (VdApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = vd_application_finalize;

  app_class->startup = vd_application_startup;
  app_class->activate = vd_application_activate;
  app_class->handle_local_options = vd_application_handle_local_options;
  app_class->command_line = vd_application_command_line;
  app_class->shutdown = vd_application_shutdown;
}

static void
vd_application_init (VdApplication *self)
{
  self->vm_windows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->host_windows = g_hash_table_new (NULL, NULL);
  self->pending_shows = g_ptr_array_new_with_free_func ((GDestroyNotify)show_request_free);

  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Manage virtual machines through libvirt."));
}

VdApplication *
vd_application_new (void)
{
  return g_object_new (VD_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", RESOURCE_BASE,
                       NULL);
}

/**
 * vd_application_get_connection_manager:
 *
 * Returns: (transfer none): the connections (after startup)
 */
VdConnectionManager *
vd_application_get_connection_manager (VdApplication *self)
{
  g_return_val_if_fail (VD_IS_APPLICATION (self), NULL);

  return self->manager;
}

/**
 * vd_application_get_settings:
 *
 * Returns: (transfer none): the application's settings (after startup)
 */
GSettings *
vd_application_get_settings (VdApplication *self)
{
  g_return_val_if_fail (VD_IS_APPLICATION (self), NULL);

  return self->settings;
}

/**
 * vd_application_get_manager_window:
 *
 * Returns: (transfer none) (nullable): the manager window, if open
 */
GtkWindow *
vd_application_get_manager_window (VdApplication *self)
{
  g_return_val_if_fail (VD_IS_APPLICATION (self), NULL);

  return GTK_WINDOW (self->manager_window);
}

static void
vm_window_destroyed_cb (GtkWidget     *window,
                        VdApplication *self)
{
  const char *uuid = g_object_get_data (G_OBJECT (window), "vd-uuid");

  if (uuid != NULL && g_hash_table_lookup (self->vm_windows, uuid) == window)
    g_hash_table_remove (self->vm_windows, uuid);
}

/**
 * vd_application_show_vm_window:
 * @page: (nullable): "console", "details" or "snapshots"
 *
 * Presents the guest's window, creating it the first time: one window per
 * guest.
 */
void
vd_application_show_vm_window (VdApplication *self,
                               VdDomain      *domain,
                               const char    *page)
{
  const char *uuid;
  VdVmWindow *window;

  g_return_if_fail (VD_IS_APPLICATION (self));
  g_return_if_fail (VD_IS_DOMAIN (domain));

  uuid = vd_domain_get_uuid (domain);
  window = g_hash_table_lookup (self->vm_windows, uuid);

  if (window != NULL && vd_vm_window_get_domain (window) != domain)
    {
      /* The same guest after a reconnect: a new object. */
      gtk_widget_destroy (GTK_WIDGET (window));
      window = NULL;
    }

  if (window == NULL)
    {
      window = vd_vm_window_new (GTK_APPLICATION (self), domain, self->settings);
      g_object_set_data_full (G_OBJECT (window), "vd-uuid", g_strdup (uuid), g_free);
      g_hash_table_insert (self->vm_windows, g_strdup (uuid), window);
      g_signal_connect_object (window, "destroy", G_CALLBACK (vm_window_destroyed_cb), self, 0);
    }

  if (page != NULL)
    vd_vm_window_set_page (window, page);

  gtk_window_present (GTK_WINDOW (window));
}

static void
host_window_destroyed_cb (GtkWidget     *window,
                          VdApplication *self)
{
  VdConnection *connection = vd_host_window_get_connection (VD_HOST_WINDOW (window));

  if (g_hash_table_lookup (self->host_windows, connection) == window)
    g_hash_table_remove (self->host_windows, connection);
}

/**
 * vd_application_show_host_window:
 *
 * Presents the Connection Details window of @connection, creating it the
 * first time: one window per connection.
 */
void
vd_application_show_host_window (VdApplication *self,
                                 VdConnection  *connection)
{
  VdHostWindow *window;

  g_return_if_fail (VD_IS_APPLICATION (self));
  g_return_if_fail (VD_IS_CONNECTION (connection));

  window = g_hash_table_lookup (self->host_windows, connection);
  if (window == NULL)
    {
      window = vd_host_window_new (GTK_APPLICATION (self), connection, self->settings);
      g_hash_table_insert (self->host_windows, connection, window);
      g_signal_connect_object (window, "destroy", G_CALLBACK (host_window_destroyed_cb), self, 0);
    }

  gtk_window_present (GTK_WINDOW (window));
}
