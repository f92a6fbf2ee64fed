/* vd-manager-window-actions.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-manager-window"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-application.h"
#include "vd-clone-dialog.h"
#include "vd-confirm-dialog.h"
#include "vd-console-tabs-window.h"
#include "vd-delete-dialog.h"
#include "vd-host-window.h"
#include "vd-manager-window-private.h"
#include "vd-new-vm-wizard.h"
#include "vd-vm-window.h"

/*
 * The win.* actions. Guest actions work on every selected guest that can
 * do them (bulk actions): each guest runs its own async call, one failure
 * does not stop the others, and when all are done the bar above the list
 * reports each result. Enabled states follow the selection and the guests'
 * can-* properties (which already include "not busy").
 */

typedef void     (*DomainAsync)  (VdDomain *, GCancellable *, GAsyncReadyCallback, gpointer);
typedef gboolean (*DomainFinish) (VdDomain *, GAsyncResult *, GError **);
typedef gboolean (*DomainCan)    (VdDomain *);

typedef enum
{
  OP_START,
  OP_PAUSE,
  OP_RESUME,
  OP_SHUTDOWN,
  OP_REBOOT,
  OP_RESET,
  OP_FORCE_OFF,
  OP_SAVE,
  OP_DELETE,
  N_OPS
} Op;

typedef struct
{
  const char   *action;
  DomainCan     can;
  DomainAsync   async;
  DomainFinish  finish;
  const char   *confirm_key;   /* GSettings key, or NULL: no confirmation */
} OpInfo;

/* A running guest can be deleted too: the Delete dialog forces it off
 * first, after saying so. */
static gboolean
can_delete (VdDomain *domain)
{
  return vd_domain_get_can_delete (domain) ||
         (vd_domain_get_persistent (domain) && vd_domain_get_can_force_off (domain));
}

static void
delete_async (VdDomain            *domain,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  /* Without asking (confirm-delete off): the guest and its metadata go,
   * every disk is kept. Storage is deleted only from the Delete dialog. */
  vd_domain_delete_async (domain, VD_DOMAIN_DELETE_ALL_METADATA, NULL,
                          cancellable, callback, user_data);
}

static const OpInfo ops[N_OPS] = {
  [OP_START] = { "start", vd_domain_get_can_start, vd_domain_start_async,
                 vd_domain_start_finish, NULL },
  [OP_PAUSE] = { "pause", vd_domain_get_can_pause, vd_domain_pause_async,
                 vd_domain_pause_finish, NULL },
  [OP_RESUME] = { "resume", vd_domain_get_can_resume, vd_domain_resume_async,
                  vd_domain_resume_finish, NULL },
  [OP_SHUTDOWN] = { "shutdown", vd_domain_get_can_shutdown, vd_domain_shutdown_async,
                    vd_domain_shutdown_finish, NULL },
  [OP_REBOOT] = { "reboot", vd_domain_get_can_reboot, vd_domain_reboot_async,
                  vd_domain_reboot_finish, NULL },
  [OP_RESET] = { "reset", vd_domain_get_can_reset, vd_domain_reset_async,
                 vd_domain_reset_finish, "confirm-reset" },
  [OP_FORCE_OFF] = { "force-off", vd_domain_get_can_force_off, vd_domain_force_off_async,
                     vd_domain_force_off_finish, "confirm-force-off" },
  [OP_SAVE] = { "save", vd_domain_get_can_save, vd_domain_save_async,
                vd_domain_save_finish, NULL },
  [OP_DELETE] = { "delete", can_delete, delete_async, vd_domain_delete_finish,
                  "confirm-delete" },
};

static char *
success_message (Op    op,
                 guint n)
{
  switch (op)
    {
    case OP_START:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Started %u guest.",
                                           "Started %u guests.", n), n);
    case OP_PAUSE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Paused %u guest.",
                                           "Paused %u guests.", n), n);
    case OP_RESUME:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Resumed %u guest.",
                                           "Resumed %u guests.", n), n);
    case OP_SHUTDOWN:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "Asked %u guest to shut down.",
                                           "Asked %u guests to shut down.", n), n);
    case OP_REBOOT:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Asked %u guest to reboot.",
                                           "Asked %u guests to reboot.", n), n);
    case OP_RESET:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Reset %u guest.",
                                           "Reset %u guests.", n), n);
    case OP_FORCE_OFF:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Forced %u guest off.",
                                           "Forced %u guests off.", n), n);
    case OP_SAVE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Saved %u guest.",
                                           "Saved %u guests.", n), n);
    case OP_DELETE:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Deleted %u guest.",
                                           "Deleted %u guests.", n), n);
    case N_OPS:
    default:
      g_assert_not_reached ();
    }
}

/* ------------------------------------------------------------------ */
/* Running an operation on many guests                                 */
/* ------------------------------------------------------------------ */

typedef struct
{
  GWeakRef   window;
  Op         op;
  guint      pending;
  guint      total;
  GPtrArray *failures;   /* char*: the core's messages name the guest */
} Batch;

static void
batch_free (Batch *batch)
{
  g_weak_ref_clear (&batch->window);
  g_ptr_array_unref (batch->failures);
  g_free (batch);
}

static void
batch_report (Batch *batch)
{
  g_autoptr(VdManagerWindow) self = g_weak_ref_get (&batch->window);
  guint failed = batch->failures->len;

  if (self == NULL)
    return;

  if (failed == 0)
    {
      g_autofree char *message = success_message (batch->op, batch->total);
      vd_manager_window_show_message (self, GTK_MESSAGE_INFO, message);
    }
  else
    {
      g_autoptr(GString) message = g_string_new (NULL);

      if (batch->total > 1)
        {
          g_autofree char *ok = success_message (batch->op, batch->total - failed);

          g_string_append_printf (message,
                                  g_dngettext (GETTEXT_PACKAGE, "%u of %u guests failed:",
                                               "%u of %u guests failed:", failed),
                                  failed, batch->total);
          g_string_append_c (message, '\n');
          for (guint i = 0; i < failed; i++)
            g_string_append_printf (message, "• %s\n",
                                    (const char *)g_ptr_array_index (batch->failures, i));
          if (batch->total > failed)
            g_string_append (message, ok);
          else
            g_string_truncate (message, message->len - 1);
        }
      else
        {
          g_string_append (message, g_ptr_array_index (batch->failures, 0));
        }

      vd_manager_window_show_message (self, GTK_MESSAGE_ERROR, message->str);
    }
}

static void
op_done_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Batch *batch = user_data;
  g_autoptr(GError) error = NULL;

  if (!ops[batch->op].finish (VD_DOMAIN (object), result, &error) &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_ptr_array_add (batch->failures, g_strdup (error->message));

  if (--batch->pending == 0)
    {
      batch_report (batch);
      batch_free (batch);
    }
}

static void
run_op (VdManagerWindow *self,
        Op               op,
        GPtrArray       *domains)
{
  Batch *batch;

  if (domains->len == 0)
    return;

  batch = g_new0 (Batch, 1);
  g_weak_ref_init (&batch->window, self);
  batch->op = op;
  batch->total = domains->len;
  batch->pending = domains->len;
  batch->failures = g_ptr_array_new_with_free_func (g_free);

  /* Every guest at once: each call runs in its own worker, and libvirt
   * serialises what it must. */
  for (guint i = 0; i < domains->len; i++)
    ops[op].async (g_ptr_array_index (domains, i), NULL, op_done_cb, batch);
}

static GPtrArray *
selected_capable (VdManagerWindow *self,
                  Op               op)
{
  g_autoptr(GPtrArray) selected = vd_manager_window_get_selected_domains (self);
  GPtrArray *ret = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < selected->len; i++)
    {
      VdDomain *domain = g_ptr_array_index (selected, i);

      if (ops[op].can (domain))
        g_ptr_array_add (ret, g_object_ref (domain));
    }

  return ret;
}

/* ------------------------------------------------------------------ */
/* Confirmation                                                        */
/* ------------------------------------------------------------------ */

typedef struct
{
  VdManagerWindow *self;
  Op               op;
  GPtrArray       *domains;
} Pending;

static void
pending_free (Pending *pending)
{
  g_object_unref (pending->self);
  g_ptr_array_unref (pending->domains);
  g_free (pending);
}

static void
confirm_response_cb (GtkDialog *dialog,
                     int        response,
                     Pending   *pending)
{
  if (response == GTK_RESPONSE_ACCEPT)
    run_op (pending->self, pending->op, pending->domains);

  gtk_widget_destroy (GTK_WIDGET (dialog));
  pending_free (pending);
}

static void
guests_deleted_cb (VdDeleteDialog  *dialog,
                   guint            n_deleted,
                   VdManagerWindow *self)
{
  g_autofree char *message = success_message (OP_DELETE, n_deleted);

  vd_manager_window_show_message (self, GTK_MESSAGE_INFO, message);
}

/* Delete: the Delete dialog is the confirmation, with the choice of the
 * disks. With confirm-delete off, shut-off guests go at once with every
 * disk kept; a running guest still gets the dialog, which says it will be
 * forced off. */
static void
confirm_delete (VdManagerWindow *self,
                GPtrArray       *domains)
{
  gboolean ask = self->settings == NULL ||
                 g_settings_get_boolean (self->settings, "confirm-delete");

  for (guint i = 0; i < domains->len && !ask; i++)
    ask = vd_domain_get_active (g_ptr_array_index (domains, i));

  if (ask)
    {
      GtkWidget *dialog = vd_delete_dialog_new (GTK_WINDOW (self), domains);

      /* The dialog names its own failures; the window says what went. */
      g_signal_connect_object (dialog, "deleted", G_CALLBACK (guests_deleted_cb), self, 0);
    }
  else
    run_op (self, OP_DELETE, domains);
}

static void
confirm_and_run (VdManagerWindow *self,
                 Op               op,
                 GPtrArray       *domains)
{
  g_autofree const char **names = NULL;
  g_autofree char *title = NULL;
  const char *message = NULL;
  const char *accept = NULL;
  const char *key = ops[op].confirm_key;
  GtkWidget *dialog;
  Pending *pending;
  guint n = domains->len;

  if (n == 0)
    return;

  if (op == OP_DELETE)
    {
      confirm_delete (self, domains);
      return;
    }

  if (key == NULL || (self->settings != NULL && !g_settings_get_boolean (self->settings, key)))
    {
      run_op (self, op, domains);
      return;
    }

  names = g_new0 (const char *, n + 1);
  for (guint i = 0; i < n; i++)
    names[i] = vd_domain_get_name (g_ptr_array_index (domains, i));

  switch (op)
    {
    case OP_FORCE_OFF:
      title = n == 1 ? g_strdup_printf (_("Force off “%s”?"), names[0])
                     : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Force off %u guest?",
                                                     "Force off %u guests?", n), n);
      message = _("Forcing off is like pulling the power cord: anything the guests have not "
                  "written to disk is lost, and their file systems may need repair.");
      accept = _("_Force Off");
      break;
    case OP_RESET:
      title = n == 1 ? g_strdup_printf (_("Reset “%s”?"), names[0])
                     : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Reset %u guest?",
                                                     "Reset %u guests?", n), n);
      message = _("Resetting restarts the guests at once, like the reset button: anything they "
                  "have not written to disk is lost.");
      accept = _("_Reset");
      break;
    case OP_START:
    case OP_PAUSE:
    case OP_RESUME:
    case OP_SHUTDOWN:
    case OP_REBOOT:
    case OP_SAVE:
    case OP_DELETE:
    case N_OPS:
    default:
      g_assert_not_reached ();
    }

  dialog = vd_confirm_dialog_new (GTK_WINDOW (self), title, message,
                                  (const char * const *)names, accept, self->settings, key);

  pending = g_new0 (Pending, 1);
  pending->self = g_object_ref (self);
  pending->op = op;
  pending->domains = g_ptr_array_ref (domains);
  g_signal_connect (dialog, "response", G_CALLBACK (confirm_response_cb), pending);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------------ */
/* Action handlers                                                     */
/* ------------------------------------------------------------------ */

static void
activate_op (VdManagerWindow *self,
             Op               op)
{
  g_autoptr(GPtrArray) domains = selected_capable (self, op);

  confirm_and_run (self, op, domains);
}

#define DEFINE_OP_ACTION(name, OP)                                        \
  static void                                                             \
  vd_manager_window_action_##name##_cb (GSimpleAction *action,            \
                                        GVariant      *param,             \
                                        gpointer       user_data)         \
  {                                                                       \
    activate_op (VD_MANAGER_WINDOW (user_data), OP);                      \
  }

DEFINE_OP_ACTION (start, OP_START)
DEFINE_OP_ACTION (pause, OP_PAUSE)
DEFINE_OP_ACTION (resume, OP_RESUME)
DEFINE_OP_ACTION (shutdown, OP_SHUTDOWN)
DEFINE_OP_ACTION (reboot, OP_REBOOT)
DEFINE_OP_ACTION (reset, OP_RESET)
DEFINE_OP_ACTION (force_off, OP_FORCE_OFF)
DEFINE_OP_ACTION (save, OP_SAVE)
DEFINE_OP_ACTION (delete, OP_DELETE)

/* Clone: one guest at a time. A running one is not refused here: its
 * dialog says why it cannot be cloned yet (pause or shut it down), and
 * follows its state. */
static void
vd_manager_window_action_clone_cb (GSimpleAction *action,
                                   GVariant      *param,
                                   gpointer       user_data)
{
  VdManagerWindow *self = user_data;
  g_autoptr(GPtrArray) domains = vd_manager_window_get_selected_domains (self);

  if (domains->len == 1)
    vd_clone_dialog_new (GTK_WINDOW (self), g_ptr_array_index (domains, 0));
}

void
_vd_manager_window_open_domain (VdManagerWindow *self,
                                VdDomain        *domain)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (VD_IS_APPLICATION (app))
    {
      vd_application_show_vm_window (VD_APPLICATION (app), domain, NULL);
    }
  else
    {
      VdVmWindow *window = vd_vm_window_new (app, domain, self->settings);

      gtk_window_set_transient_for (GTK_WINDOW (window), NULL);
      gtk_window_present (GTK_WINDOW (window));
    }
}

static void
vd_manager_window_action_open_cb (GSimpleAction *action,
                                  GVariant      *param,
                                  gpointer       user_data)
{
  VdManagerWindow *self = user_data;
  g_autoptr(GPtrArray) domains = vd_manager_window_get_selected_domains (self);

  for (guint i = 0; i < domains->len; i++)
    _vd_manager_window_open_domain (self, g_ptr_array_index (domains, i));
}

/* The selected guests' consoles as tabs of one window (the one already
 * open, if any; a guest already there is brought forward). */
static void
vd_manager_window_action_open_console_tab_cb (GSimpleAction *action,
                                              GVariant      *param,
                                              gpointer       user_data)
{
  VdManagerWindow *self = user_data;
  g_autoptr(GPtrArray) domains = vd_manager_window_get_selected_domains (self);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  VdConsoleTabsWindow *tabs;

  if (domains->len == 0)
    return;

  tabs = vd_console_tabs_window_find (app);
  if (tabs == NULL)
    tabs = vd_console_tabs_window_new (app, self->settings);
  for (guint i = 0; i < domains->len; i++)
    vd_console_tabs_window_open (tabs, g_ptr_array_index (domains, i));
  gtk_window_present (GTK_WINDOW (tabs));
}

static VdConnection *
selected_connection (VdManagerWindow *self)
{
  GtkTreeSelection *selection = gtk_tree_view_get_selection (self->tree_view);
  g_autoptr(GList) rows = NULL;
  VdConnection *ret = NULL;
  GtkTreeModel *model;

  rows = gtk_tree_selection_get_selected_rows (selection, &model);
  for (const GList *l = rows; l != NULL && ret == NULL; l = l->next)
    {
      GtkTreeIter iter;
      gpointer object;

      if (!gtk_tree_model_get_iter (model, &iter, l->data))
        continue;
      object = vd_manager_model_get_object (model, &iter);
      if (VD_IS_CONNECTION (object))
        ret = object;
      else if (VD_IS_DOMAIN (object))
        ret = vd_domain_get_connection (object);
    }
  g_list_free_full (g_steal_pointer (&rows), (GDestroyNotify)gtk_tree_path_free);

  return ret;
}

static void
vd_manager_window_action_connect_cb (GSimpleAction *action,
                                     GVariant      *param,
                                     gpointer       user_data)
{
  VdManagerWindow *self = user_data;
  VdConnection *connection = selected_connection (self);

  if (connection != NULL)
    vd_manager_window_connect (self, connection);
}

static void
vd_manager_window_action_disconnect_cb (GSimpleAction *action,
                                        GVariant      *param,
                                        gpointer       user_data)
{
  VdManagerWindow *self = user_data;
  VdConnection *connection = selected_connection (self);

  if (connection != NULL)
    vd_connection_disconnect (connection);
}

static void
vd_manager_window_action_host_details_cb (GSimpleAction *action,
                                          GVariant      *param,
                                          gpointer       user_data)
{
  VdManagerWindow *self = user_data;
  VdConnection *connection = selected_connection (self);
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (connection == NULL)
    return;

  if (VD_IS_APPLICATION (app))
    {
      vd_application_show_host_window (VD_APPLICATION (app), connection);
    }
  else
    {
      VdHostWindow *window = vd_host_window_new (app, connection, self->settings);

      gtk_window_present (GTK_WINDOW (window));
    }
}

/* The New Virtual Machine wizard, for the selected guest's or connection's
 * connection. */
static void
vd_manager_window_action_new_vm_cb (GSimpleAction *action,
                                    GVariant      *param,
                                    gpointer       user_data)
{
  VdManagerWindow *self = user_data;
  VdConnection *connection = selected_connection (self);

  if (connection != NULL)
    gtk_window_present (GTK_WINDOW (vd_new_vm_wizard_new (GTK_WINDOW (self), connection)));
}

static void
vd_manager_window_action_remove_connection_cb (GSimpleAction *action,
                                               GVariant      *param,
                                               gpointer       user_data)
{
  VdManagerWindow *self = user_data;
  VdConnection *connection = selected_connection (self);

  /* Forgetting a connection touches no guest on it: no confirmation. */
  if (connection != NULL)
    vd_connection_manager_remove (self->manager, connection);
}

static void
vd_manager_window_action_search_cb (GSimpleAction *action,
                                    GVariant      *param,
                                    gpointer       user_data)
{
  VdManagerWindow *self = user_data;

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
vd_manager_window_action_select_all_cb (GSimpleAction *action,
                                        GVariant      *param,
                                        gpointer       user_data)
{
  VdManagerWindow *self = user_data;

  gtk_tree_selection_select_all (gtk_tree_view_get_selection (self->tree_view));
}

static void
vd_manager_window_action_close_cb (GSimpleAction *action,
                                   GVariant      *param,
                                   gpointer       user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));
}

static const GActionEntry action_entries[] = {
  { "open", vd_manager_window_action_open_cb },
  { "open-console-tab", vd_manager_window_action_open_console_tab_cb },
  { "start", vd_manager_window_action_start_cb },
  { "pause", vd_manager_window_action_pause_cb },
  { "resume", vd_manager_window_action_resume_cb },
  { "shutdown", vd_manager_window_action_shutdown_cb },
  { "reboot", vd_manager_window_action_reboot_cb },
  { "reset", vd_manager_window_action_reset_cb },
  { "force-off", vd_manager_window_action_force_off_cb },
  { "save", vd_manager_window_action_save_cb },
  { "delete", vd_manager_window_action_delete_cb },
  { "clone", vd_manager_window_action_clone_cb },
  { "connect", vd_manager_window_action_connect_cb },
  { "disconnect", vd_manager_window_action_disconnect_cb },
  { "remove-connection", vd_manager_window_action_remove_connection_cb },
  { "host-details", vd_manager_window_action_host_details_cb },
  { "search", vd_manager_window_action_search_cb },
  { "select-all", vd_manager_window_action_select_all_cb },
  { "close", vd_manager_window_action_close_cb },
  { "new-vm", vd_manager_window_action_new_vm_cb },
};

static void
set_enabled (VdManagerWindow *self,
             const char      *name,
             gboolean         enabled)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  if (action != NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (action), enabled);
}

void
_vd_manager_window_actions_init (VdManagerWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self), action_entries,
                                   G_N_ELEMENTS (action_entries), self);
  set_enabled (self, "new-vm", FALSE);     /* until a connection is selected */

  /* win.show-guest-cpu etc.: made from the settings keys, so the View →
   * Graph check items, the columns and Preferences stay in step. */
  if (self->settings != NULL)
    _vd_manager_window_columns_add_actions (self);
}

/**
 * _vd_manager_window_update_actions:
 *
 * Enables each action when at least one selected guest (or the selected
 * connection) can do it.
 */
void
_vd_manager_window_update_actions (VdManagerWindow *self)
{
  g_autoptr(GPtrArray) domains = vd_manager_window_get_selected_domains (self);
  gboolean can[N_OPS] = { FALSE };
  VdConnection *connection = selected_connection (self);
  VdConnectionState state = connection ? vd_connection_get_state (connection)
                                       : VD_CONNECTION_STATE_DISCONNECTED;

  for (guint i = 0; i < domains->len; i++)
    {
      VdDomain *domain = g_ptr_array_index (domains, i);

      for (guint op = 0; op < N_OPS; op++)
        can[op] = can[op] || ops[op].can (domain);
    }

  for (guint op = 0; op < N_OPS; op++)
    set_enabled (self, ops[op].action, can[op]);

  set_enabled (self, "open", domains->len > 0);
  set_enabled (self, "open-console-tab", domains->len > 0);
  /* Clone: exactly one guest, not busy, on a connection that may write */
  set_enabled (self, "clone", domains->len == 1 && connection != NULL &&
                              !vd_connection_get_read_only (connection) &&
                              !vd_domain_get_busy (g_ptr_array_index (domains, 0)));
  set_enabled (self, "connect", connection != NULL &&
                                (state == VD_CONNECTION_STATE_DISCONNECTED ||
                                 state == VD_CONNECTION_STATE_FAILED));
  set_enabled (self, "disconnect", connection != NULL &&
                                   (state == VD_CONNECTION_STATE_CONNECTED ||
                                    state == VD_CONNECTION_STATE_CONNECTING));
  set_enabled (self, "remove-connection", connection != NULL);
  set_enabled (self, "host-details", connection != NULL &&
                                     state == VD_CONNECTION_STATE_CONNECTED);
  set_enabled (self, "new-vm", connection != NULL && state == VD_CONNECTION_STATE_CONNECTED &&
                               !vd_connection_get_read_only (connection));

  /* One Pause/Resume slot in the toolbar: show Resume when that is what
   * the selection needs. */
  gtk_widget_set_visible (GTK_WIDGET (self->resume_button), can[OP_RESUME] && !can[OP_PAUSE]);
  gtk_widget_set_visible (GTK_WIDGET (self->pause_button), !(can[OP_RESUME] && !can[OP_PAUSE]));
}

/* ------------------------------------------------------------------ */
/* Connecting                                                          */
/* ------------------------------------------------------------------ */

static void
connect_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(VdManagerWindow) self = user_data;
  VdConnection *connection = VD_CONNECTION (object);
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  if (vd_connection_open_finish (connection, result, &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;

  /* The user asked for this connection: tell them why it failed, in a
   * dialog, besides the row's error text. Not modal, not run. */
  dialog = gtk_message_dialog_new (GTK_WINDOW (self), GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE,
                                   _("Could not connect to “%s”"),
                                   vd_connection_get_display_name (connection));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", error->message);
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_widget_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * vd_manager_window_connect:
 *
 * Opens @connection because the user asked; a failure is shown in a
 * dialog as well as on the connection's row.
 */
void
vd_manager_window_connect (VdManagerWindow *self,
                           VdConnection    *connection)
{
  g_return_if_fail (VD_IS_MANAGER_WINDOW (self));
  g_return_if_fail (VD_IS_CONNECTION (connection));

  vd_connection_open_async (connection, NULL, connect_done_cb, g_object_ref (self));
}
