/* test-remote.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <gtk/gtk.h>
#include <libvirt-gobject/libvirt-gobject.h>

#include "vd-auth-dialog.h"
#include "../vd-test-util.h"
#include "vd-e2e-util.h"

/*
 * End-to-end remote connections against the daemon tests/e2e/vd-e2e-daemon
 * starts: SASL password authentication over TCP answered through the real
 * VdAuthDialog, the way a user would fill it in, and SSH with a key from
 * the agent (no questions at all).
 *
 * Guests made here are named vd-e2e-remote-<pid>: the harness's stop step
 * removes every vd-e2e-* guest if an assertion aborts the program midway.
 */

#define WAIT_SECONDS 30

/* Cancel must end the attempt without waiting for any timeout. */
#define CANCEL_SECONDS 5

static gboolean
contains_casefold (const char *haystack,
                   const char *needle)
{
  g_autofree char *folded_haystack = NULL;
  g_autofree char *folded_needle = NULL;

  if (haystack == NULL)
    return FALSE;

  folded_haystack = g_utf8_casefold (haystack, -1);
  folded_needle = g_utf8_casefold (needle, -1);

  return strstr (folded_haystack, folded_needle) != NULL;
}

/* ------------------------------------------------------------------ */
/* What the application does when a connection asks for credentials    */
/* ------------------------------------------------------------------ */

static gboolean
credentials_requested_cb (VdConnection        *connection,
                          VdCredentialRequest *request,
                          guint               *n_requests)
{
  GtkWidget *dialog = vd_auth_dialog_new (NULL, request);

  (*n_requests)++;
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

/* For connections that must not ask anything: refuse, and count. */
static gboolean
unexpected_credentials_cb (VdConnection        *connection,
                           VdCredentialRequest *request,
                           guint               *n_requests)
{
  (*n_requests)++;
  vd_credential_request_cancel (request);

  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Finding and filling the dialog like a user                          */
/* ------------------------------------------------------------------ */

static GtkWidget *
find_auth_dialog (void)
{
  GList *toplevels = gtk_window_list_toplevels ();
  GtkWidget *found = NULL;

  for (const GList *l = toplevels; l != NULL; l = l->next)
    {
      GtkWidget *widget = l->data;

      if (VD_IS_AUTH_DIALOG (widget) &&
          !gtk_widget_in_destruction (widget) &&
          gtk_widget_get_visible (widget))
        {
          found = widget;
          break;
        }
    }

  g_list_free (toplevels);

  return found;
}

static guint
count_auth_dialogs (void)
{
  GList *toplevels = gtk_window_list_toplevels ();
  guint n = 0;

  for (const GList *l = toplevels; l != NULL; l = l->next)
    {
      if (VD_IS_AUTH_DIALOG (l->data) && !gtk_widget_in_destruction (l->data))
        n++;
    }

  g_list_free (toplevels);

  return n;
}

/* Depth-first over every visible entry; forall also reaches a dialog's
 * internal children (its content area). */
static void
collect_entries (GtkWidget *widget,
                 gpointer   user_data)
{
  GPtrArray *entries = user_data;

  if (GTK_IS_ENTRY (widget))
    {
      if (gtk_widget_get_visible (widget))
        g_ptr_array_add (entries, widget);
    }
  else if (GTK_IS_CONTAINER (widget))
    {
      gtk_container_forall (GTK_CONTAINER (widget), collect_entries, entries);
    }
}

static void
set_flag_cb (GtkWidget *widget,
             gboolean  *flag)
{
  *flag = TRUE;
}

/* Waits for the dialog a connection opened, types @user and @password
 * into it (or nothing, for Cancel) and answers with @response. Returns
 * once the dialog is destroyed. */
static void
answer_auth_dialog (const char *user,
                    const char *password,
                    int         response)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  VdCredentialRequest *request;
  GtkWidget *dialog = NULL;
  GtkEntry *user_entry;
  GtkEntry *password_entry;
  gboolean destroyed = FALSE;

  VD_TEST_WAIT_UNTIL ((dialog = find_auth_dialog ()) != NULL, WAIT_SECONDS);
  g_signal_connect (dialog, "destroy", G_CALLBACK (set_flag_cb), &destroyed);

  request = vd_auth_dialog_get_request (VD_AUTH_DIALOG (dialog));
  g_assert_nonnull (request);
  g_assert_false (vd_credential_request_is_finished (request));

  /* SASL asks for a user name, then a password. */
  g_assert_cmpuint (vd_credential_request_get_n_fields (request), ==, 2);
  g_assert_cmpint (vd_credential_request_get_kind (request, 0), ==, VD_CREDENTIAL_USERNAME);
  g_assert_cmpint (vd_credential_request_get_kind (request, 1), ==, VD_CREDENTIAL_PASSWORD);

  /* Let it show as a user would see it before typing. */
  gtk_test_widget_wait_for_draw (dialog);

  /* One entry per field. Containers do not all walk their children in
   * packing order (GtkGrid goes last-added first), so tell the two apart
   * the way a user does: the password is the hidden one. */
  gtk_container_forall (GTK_CONTAINER (dialog), collect_entries, entries);
  g_assert_cmpuint (entries->len, ==, 2);
  user_entry = g_ptr_array_index (entries, 0);
  password_entry = g_ptr_array_index (entries, 1);
  if (!gtk_entry_get_visibility (user_entry))
    {
      GtkEntry *swap = user_entry;

      user_entry = password_entry;
      password_entry = swap;
    }
  g_assert_true (gtk_entry_get_visibility (user_entry));
  g_assert_false (gtk_entry_get_visibility (password_entry));

  if (response == GTK_RESPONSE_OK)
    {
      gtk_entry_set_text (user_entry, user);
      gtk_entry_set_text (password_entry, password);
    }

  gtk_dialog_response (GTK_DIALOG (dialog), response);
  VD_TEST_WAIT_UNTIL (destroyed, WAIT_SECONDS);
  g_assert_cmpuint (count_auth_dialogs (), ==, 0);
}

static gboolean
state_settled (VdConnection *connection)
{
  VdConnectionState state = vd_connection_get_state (connection);

  return state != VD_CONNECTION_STATE_CONNECTING;
}

/* ------------------------------------------------------------------ */
/* SASL over TCP                                                       */
/* ------------------------------------------------------------------ */

static void
test_sasl_password (void)
{
  const char *uri = vd_e2e_require_env ("VD_E2E_TCP_URI");
  const char *user = vd_e2e_require_env ("VD_E2E_SASL_USER");
  const char *password = vd_e2e_require_env ("VD_E2E_SASL_PASSWORD");
  g_autoptr(VdConnection) connection = vd_connection_new (uri);
  g_autofree char *name = g_strdup_printf ("vd-e2e-remote-%d", (int)getpid ());
  g_autofree char *xml = vd_e2e_guest_xml (name);
  virDomainPtr dom;
  guint n_requests = 0;
  guint n_before;

  g_signal_connect (connection, "credentials-requested",
                    G_CALLBACK (credentials_requested_cb), &n_requests);

  vd_connection_connect (connection);
  g_assert_cmpint (vd_connection_get_state (connection), ==, VD_CONNECTION_STATE_CONNECTING);
  answer_auth_dialog (user, password, GTK_RESPONSE_OK);

  VD_TEST_WAIT_UNTIL (state_settled (connection), WAIT_SECONDS);
  if (vd_connection_get_state (connection) != VD_CONNECTION_STATE_CONNECTED)
    g_error ("SASL connection to %s failed: %s", uri,
             vd_connection_get_last_error (connection));
  g_assert_cmpuint (n_requests, ==, 1);
  g_assert_null (vd_connection_get_last_error (connection));
  g_assert_nonnull (vd_connection_get_handle (connection));

  /* The list loaded; the daemon may have no guests, so add one through
   * this connection's handle and watch the events over TCP. */
  n_before = g_list_model_get_n_items (vd_connection_get_domains (connection));
  dom = virDomainDefineXML (vd_connection_get_handle (connection), xml);
  if (dom == NULL)
    g_error ("virDomainDefineXML over TCP failed: %s", virGetLastErrorMessage ());

  VD_TEST_WAIT_UNTIL (vd_connection_find_domain_by_name (connection, name) != NULL, WAIT_SECONDS);
  g_assert_cmpuint (g_list_model_get_n_items (vd_connection_get_domains (connection)),
                    ==, n_before + 1);
  g_assert_cmpint (vd_domain_get_state (vd_connection_find_domain_by_name (connection, name)),
                   ==, VD_DOMAIN_STATE_SHUTOFF);

  g_assert_cmpint (virDomainUndefine (dom), ==, 0);
  virDomainFree (dom);
  VD_TEST_WAIT_UNTIL (vd_connection_find_domain_by_name (connection, name) == NULL, WAIT_SECONDS);
  g_assert_cmpuint (g_list_model_get_n_items (vd_connection_get_domains (connection)),
                    ==, n_before);

  vd_connection_disconnect (connection);
  g_assert_cmpint (vd_connection_get_state (connection), ==, VD_CONNECTION_STATE_DISCONNECTED);
  g_assert_cmpuint (count_auth_dialogs (), ==, 0);
}

static void
test_sasl_wrong_password (void)
{
  const char *uri = vd_e2e_require_env ("VD_E2E_TCP_URI");
  const char *user = vd_e2e_require_env ("VD_E2E_SASL_USER");
  const char *password = vd_e2e_require_env ("VD_E2E_SASL_PASSWORD");
  g_autoptr(VdConnection) connection = vd_connection_new (uri);
  g_autofree char *wrong = g_strconcat (password, "-wrong", NULL);
  const char *last_error;
  guint n_requests = 0;

  g_signal_connect (connection, "credentials-requested",
                    G_CALLBACK (credentials_requested_cb), &n_requests);

  vd_connection_connect (connection);
  answer_auth_dialog (user, wrong, GTK_RESPONSE_OK);

  VD_TEST_WAIT_UNTIL (state_settled (connection), WAIT_SECONDS);
  g_assert_cmpint (vd_connection_get_state (connection), ==, VD_CONNECTION_STATE_FAILED);
  g_assert_null (vd_connection_get_handle (connection));
  g_assert_cmpuint (n_requests, ==, 1);

  last_error = vd_connection_get_last_error (connection);
  g_test_message ("wrong password: %s", last_error);
  g_assert_nonnull (last_error);
  g_assert_cmpstr (last_error, !=, "");
  g_assert_true (contains_casefold (last_error, "auth"));
  /* Not retried on its own: the same wrong answer would fail again. */
  g_assert_cmpuint (vd_connection_get_reconnect_delay (connection), ==, 0);
  g_assert_cmpuint (count_auth_dialogs (), ==, 0);

  /* The user tries again with the right password: the same connection
   * recovers. */
  vd_connection_connect (connection);
  answer_auth_dialog (user, password, GTK_RESPONSE_OK);
  VD_TEST_WAIT_UNTIL (state_settled (connection), WAIT_SECONDS);
  if (vd_connection_get_state (connection) != VD_CONNECTION_STATE_CONNECTED)
    g_error ("retry with the right password failed: %s",
             vd_connection_get_last_error (connection));
  g_assert_null (vd_connection_get_last_error (connection));
  g_assert_cmpuint (n_requests, ==, 2);

  vd_connection_disconnect (connection);
}

static void
test_sasl_cancel (void)
{
  const char *uri = vd_e2e_require_env ("VD_E2E_TCP_URI");
  g_autoptr(VdConnection) connection = vd_connection_new (uri);
  VdConnectionState state;
  guint n_requests = 0;
  gint64 begin;

  g_signal_connect (connection, "credentials-requested",
                    G_CALLBACK (credentials_requested_cb), &n_requests);

  vd_connection_connect (connection);

  begin = g_get_monotonic_time ();
  answer_auth_dialog (NULL, NULL, GTK_RESPONSE_CANCEL);
  VD_TEST_WAIT_UNTIL (state_settled (connection), CANCEL_SECONDS);
  g_test_message ("cancel settled after %.0f ms", (g_get_monotonic_time () - begin) / 1000.0);

  state = vd_connection_get_state (connection);
  g_assert_true (state == VD_CONNECTION_STATE_FAILED ||
                 state == VD_CONNECTION_STATE_DISCONNECTED);
  g_assert_null (vd_connection_get_handle (connection));
  g_assert_cmpuint (n_requests, ==, 1);
  g_assert_cmpuint (vd_connection_get_reconnect_delay (connection), ==, 0);
  g_assert_cmpuint (count_auth_dialogs (), ==, 0);
}

/* ------------------------------------------------------------------ */
/* SSH with a key from the agent                                       */
/* ------------------------------------------------------------------ */

static void
test_ssh_agent (void)
{
  const char *ssh_uri = vd_e2e_require_env ("VD_E2E_SSH_URI");
  const char *system_uri = vd_e2e_require_env ("VD_E2E_SYSTEM_URI");
  g_autoptr(VdConnection) local = NULL;
  g_autoptr(VdConnection) connection = vd_connection_new (ssh_uri);
  g_autofree char *name = g_strdup_printf ("vd-e2e-remote-ssh-%d", (int)getpid ());
  g_autofree char *xml = vd_e2e_guest_xml (name);
  virDomainPtr dom;
  guint n_requests = 0;

  vd_e2e_require_env ("SSH_AUTH_SOCK");

  /* A guest defined locally before the SSH connection opens ... */
  local = vd_test_open (system_uri);
  dom = virDomainDefineXML (vd_connection_get_handle (local), xml);
  if (dom == NULL)
    g_error ("virDomainDefineXML failed: %s", virGetLastErrorMessage ());

  g_signal_connect (connection, "credentials-requested",
                    G_CALLBACK (unexpected_credentials_cb), &n_requests);
  vd_connection_connect (connection);
  VD_TEST_WAIT_UNTIL (state_settled (connection), WAIT_SECONDS);
  if (vd_connection_get_state (connection) != VD_CONNECTION_STATE_CONNECTED)
    g_error ("SSH connection to %s failed: %s", ssh_uri,
             vd_connection_get_last_error (connection));
  g_assert_cmpuint (n_requests, ==, 0);
  g_assert_null (vd_connection_get_last_error (connection));
  g_assert_cmpuint (count_auth_dialogs (), ==, 0);

  /* ... is in its first list: the same daemon, seen through SSH. */
  g_assert_nonnull (vd_connection_find_domain_by_name (connection, name));
  g_assert_cmpuint (g_list_model_get_n_items (vd_connection_get_domains (connection)),
                    ==, g_list_model_get_n_items (vd_connection_get_domains (local)));

  /* Removing it locally reaches the SSH connection through events. */
  g_assert_cmpint (virDomainUndefine (dom), ==, 0);
  virDomainFree (dom);
  VD_TEST_WAIT_UNTIL (vd_connection_find_domain_by_name (connection, name) == NULL, WAIT_SECONDS);
  VD_TEST_WAIT_UNTIL (vd_connection_find_domain_by_name (local, name) == NULL, WAIT_SECONDS);

  vd_connection_disconnect (connection);
  vd_connection_disconnect (local);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  gvir_init_object_check (NULL, NULL, NULL);

  g_test_add_func ("/vd/e2e/remote/sasl-password", test_sasl_password);
  g_test_add_func ("/vd/e2e/remote/sasl-wrong-password", test_sasl_wrong_password);
  g_test_add_func ("/vd/e2e/remote/sasl-cancel", test_sasl_cancel);
  g_test_add_func ("/vd/e2e/remote/ssh-agent", test_ssh_agent);

  return g_test_run ();
}
