/* vd-console-view-auth.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-console-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vd-connection.h"
#include "vd-console-secrets.h"
#include "vd-console-view-private.h"

/*
 * The console's password prompt (the "auth" page) and the passwords it
 * remembers in the user's keyring.
 *
 * When a display asks for a password only, a saved one (connection URI +
 * guest UUID + protocol) is tried first, without showing the prompt. If the
 * display refuses it, it is removed from the keyring and the prompt comes
 * up on the next connection with the reason. A password typed with
 * "Remember password" on is saved once the display accepted it. Every
 * keyring call is asynchronous; without a secret service the check box is
 * off with a tooltip saying why, and the prompt works as before.
 *
 * A password is held only in the entry, in gtk-vnc / spice-gtk, and (until
 * the display answers) in pending_password, which is wiped. It is never
 * logged.
 */

static void
wipe_pending (VdConsoleView *self)
{
  if (self->pending_password != NULL)
    {
      explicit_bzero (self->pending_password, strlen (self->pending_password));
      g_clear_pointer (&self->pending_password, g_free);
    }
}

static const char *
connection_uri (VdConsoleView *self)
{
  VdConnection *connection = self->domain != NULL ? vd_domain_get_connection (self->domain)
                                                  : NULL;

  return connection != NULL ? vd_connection_get_uri (connection) : NULL;
}

/* Whether this display's password can be looked up or saved at all. */
static gboolean
has_key (VdConsoleView *self)
{
  return connection_uri (self) != NULL && vd_domain_get_uuid (self->domain) != NULL &&
         self->protocol != NULL;
}

static void
show_prompt (VdConsoleView *self,
             gboolean       keyring)
{
  gtk_widget_set_visible (self->username_label, self->auth_wants_username);
  gtk_widget_set_visible (GTK_WIDGET (self->username_entry), self->auth_wants_username);
  gtk_entry_set_text (self->password_entry, "");

  /* The keyring keeps a password only (a display that wants a user name
   * too is asked each time). */
  gtk_widget_set_visible (GTK_WIDGET (self->remember_check), !self->auth_wants_username);
  gtk_toggle_button_set_active (self->remember_check, FALSE);
  gtk_widget_set_sensitive (GTK_WIDGET (self->remember_check), keyring && has_key (self));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->remember_check),
                               keyring ? NULL
                                       : _("No keyring (secret service) is running on this "
                                           "desktop, so the password cannot be remembered."));

  gtk_label_set_text (self->auth_reason_label, self->auth_reason != NULL ? self->auth_reason : "");
  gtk_widget_set_visible (GTK_WIDGET (self->auth_reason_label), self->auth_reason != NULL);

  _vd_console_view_set_page (self, "auth");
  gtk_widget_grab_focus (self->auth_wants_username ? GTK_WIDGET (self->username_entry)
                                                   : GTK_WIDGET (self->password_entry));
}

static gboolean
attempt_is_current (VdConsoleView *self,
                    GCancellable  *cancellable)
{
  return cancellable != NULL && cancellable == self->cancellable &&
         !g_cancellable_is_cancelled (cancellable) && self->session != NULL;
}

static void
saved_password_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) attempt = user_data;
  VdConsoleView *self = g_task_get_source_object (attempt);
  g_autoptr(GError) error = NULL;
  char *password;

  password = vd_console_secrets_lookup_finish (result, &error);
  if (!attempt_is_current (self, g_task_get_cancellable (attempt)))
    {
      vd_console_secrets_free (password);
      return;
    }

  if (password == NULL)
    {
      if (error != NULL)
        g_debug ("console of %s: no saved password: %s", vd_domain_get_name (self->domain),
                 error->message);
      show_prompt (self, TRUE);
      return;
    }

  g_debug ("console of %s: trying the saved password", vd_domain_get_name (self->domain));
  self->credentials_sent = TRUE;
  self->tried_saved = TRUE;
  vd_console_session_set_credentials (self->session, NULL, password);
  vd_console_secrets_free (password);
}

static void
keyring_checked_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) attempt = user_data;
  VdConsoleView *self = g_task_get_source_object (attempt);
  GCancellable *cancellable = g_task_get_cancellable (attempt);
  g_autoptr(GError) error = NULL;
  gboolean keyring;

  keyring = vd_console_secrets_check_finish (result, &error);
  if (!attempt_is_current (self, cancellable))
    return;

  if (!keyring)
    g_debug ("no secret service: %s", error->message);

  self->keyring = keyring;
  g_simple_action_set_enabled (self->forget_password_action, keyring && self->domain != NULL);

  if (!keyring || self->skip_saved || self->auth_wants_username || !has_key (self))
    {
      self->skip_saved = FALSE;
      show_prompt (self, keyring);
      return;
    }

  vd_console_secrets_lookup_async (connection_uri (self), vd_domain_get_uuid (self->domain),
                                   self->protocol, cancellable, saved_password_cb,
                                   g_steal_pointer (&attempt));
}

/* The display asked for credentials (@wanted: "username", "password"). */
void
_vd_console_view_auth_required (VdConsoleView      *self,
                                const char * const *wanted)
{
  GTask *attempt;

  self->auth_wants_username = g_strv_contains (wanted, "username");

  /* A task only to carry the view and this attempt's cancellable. */
  attempt = g_task_new (self, self->cancellable, NULL, NULL);
  g_task_set_source_tag (attempt, _vd_console_view_auth_required);
  gtk_label_set_text (self->connecting_label, _("Looking for a saved password…"));
  _vd_console_view_set_page (self, "connecting");
  vd_console_secrets_check_async (self->cancellable, keyring_checked_cb, attempt);
}

static void
forgotten_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!vd_console_secrets_clear_finish (result, &error) && error != NULL)
    g_message ("Could not remove a saved display password: %s", error->message);
}

static void
forget (VdConsoleView *self,
        const char    *protocol)
{
  if (connection_uri (self) == NULL || vd_domain_get_uuid (self->domain) == NULL)
    return;

  /* Not cancelled with the view: a password the user wants gone goes. */
  vd_console_secrets_clear_async (connection_uri (self), vd_domain_get_uuid (self->domain),
                                  protocol, NULL, forgotten_cb, NULL);
}

/* The display closed before showing anything although credentials were
 * sent. TRUE when that was the saved password: it is removed, and the view
 * connects again to ask (with @message as the reason). */
gboolean
_vd_console_view_auth_refused (VdConsoleView *self,
                               const char    *message)
{
  wipe_pending (self);
  if (!self->tried_saved)
    return FALSE;

  g_debug ("console of %s: the saved password was refused", vd_domain_get_name (self->domain));
  forget (self, self->protocol);
  self->skip_saved = TRUE;
  g_free (self->auth_reason);
  /* translators: %s is why the guest's display closed the connection */
  self->auth_reason = g_strdup_printf (_("The saved password did not work, so it was forgotten "
                                         "(%s). Enter the current one."), message);
  vd_console_view_reconnect (self);

  return TRUE;
}

static void
stored_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!vd_console_secrets_store_finish (result, &error))
    g_message ("Could not save the display password in the keyring: %s", error->message);
}

/* The display accepted the credentials: a password to remember is saved. */
void
_vd_console_view_auth_accepted (VdConsoleView *self)
{
  g_clear_pointer (&self->auth_reason, g_free);
  if (self->pending_password != NULL && has_key (self))
    vd_console_secrets_store_async (connection_uri (self), vd_domain_get_uuid (self->domain),
                                    self->protocol, vd_domain_get_name (self->domain),
                                    self->pending_password, NULL, stored_cb, NULL);
  wipe_pending (self);
}

/* The attempt ended (stop()). What the next one should know stays:
 * skip_saved and the reason. */
void
_vd_console_view_auth_reset (VdConsoleView *self)
{
  wipe_pending (self);
  self->tried_saved = FALSE;
  /* (The template's children are gone once the view is destroyed.) */
  if (self->password_entry != NULL)
    gtk_entry_set_text (self->password_entry, "");
}

/* Another guest: nothing carries over. */
void
_vd_console_view_auth_domain_changed (VdConsoleView *self)
{
  self->skip_saved = FALSE;
  g_clear_pointer (&self->auth_reason, g_free);
  g_simple_action_set_enabled (self->forget_password_action,
                               self->keyring && self->domain != NULL);
}

static void
auth_activate_cb (VdConsoleView *self)
{
  const char *username = self->auth_wants_username ? gtk_entry_get_text (self->username_entry)
                                                   : NULL;
  const char *password = gtk_entry_get_text (self->password_entry);

  if (self->session == NULL || !g_str_equal (vd_console_view_get_page (self), "auth"))
    return;

  wipe_pending (self);
  if (gtk_widget_get_visible (GTK_WIDGET (self->remember_check)) &&
      gtk_widget_get_sensitive (GTK_WIDGET (self->remember_check)) &&
      gtk_toggle_button_get_active (self->remember_check))
    self->pending_password = g_strdup (password);

  self->credentials_sent = TRUE;
  _vd_console_view_set_page (self, "connecting");
  /* The entry's text goes to the session (and the keyring, once accepted,
   * when asked to) and nowhere else, then is cleared. */
  vd_console_session_set_credentials (self->session, username, password);
  gtk_entry_set_text (self->password_entry, "");
}

static void
vd_console_view_action_forget_password_cb (GSimpleAction *action,
                                           GVariant      *parameter,
                                           gpointer       user_data)
{
  VdConsoleView *self = user_data;

  /* Every protocol's: the guest's display may have changed type. */
  forget (self, NULL);
}

static void
keyring_at_start_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(VdConsoleView) self = user_data;

  self->keyring = vd_console_secrets_check_finish (result, NULL);
  g_simple_action_set_enabled (self->forget_password_action,
                               self->keyring && self->domain != NULL);
}

void
_vd_console_view_auth_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, VdConsoleView, remember_check);
  gtk_widget_class_bind_template_child (widget_class, VdConsoleView, auth_reason_label);
  gtk_widget_class_bind_template_callback (widget_class, auth_activate_cb);
}

void
_vd_console_view_auth_init (VdConsoleView *self)
{
  self->forget_password_action = g_simple_action_new ("forget-password", NULL);
  g_simple_action_set_enabled (self->forget_password_action, FALSE);
  g_signal_connect_object (self->forget_password_action, "activate",
                           G_CALLBACK (vd_console_view_action_forget_password_cb), self, 0);
}

/* "forget-password": on once a keyring answered. */
void
_vd_console_view_auth_add_actions (VdConsoleView *self,
                                   GActionMap    *map)
{
  g_action_map_add_action (map, G_ACTION (self->forget_password_action));
  if (!self->keyring)
    vd_console_secrets_check_async (NULL, keyring_at_start_cb, g_object_ref (self));
}

void
_vd_console_view_auth_finalize (VdConsoleView *self)
{
  wipe_pending (self);
  g_clear_object (&self->forget_password_action);
  g_free (self->auth_reason);
  g_free (self->protocol);
}

/**
 * vd_console_view_get_auth_reason:
 *
 * Returns: (nullable): why the password prompt is shown again (the saved
 *   password was refused), until a password is accepted
 */
const char *
vd_console_view_get_auth_reason (VdConsoleView *self)
{
  g_return_val_if_fail (VD_IS_CONSOLE_VIEW (self), NULL);

  return self->auth_reason;
}
