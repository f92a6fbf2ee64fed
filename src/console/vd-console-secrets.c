/* vd-console-secrets.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-console-secrets"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-console-secrets.h"

/*
 * Console passwords in the user's keyring (the freedesktop secret service,
 * through libsecret), one per display: keyed by the connection's URI, the
 * guest's UUID and the display's protocol ("vnc", "spice"). Everything is
 * asynchronous: the secret service is another process, and unlocking a
 * keyring may wait for the user.
 *
 * These functions never log a password; they hand it to the caller only.
 */

const SecretSchema *
vd_console_secrets_get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.virtdesk.VirtDesk.Console", SECRET_SCHEMA_NONE,
    {
      { "uri", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "uuid", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "protocol", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    },
    0, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
  };

  return &schema;
}

static void
service_got_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(SecretService) service = NULL;
  GError *error = NULL;

  service = secret_service_get_finish (result, &error);
  if (service == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * vd_console_secrets_check_async:
 *
 * Finds out whether a secret service answers on the session bus (it is
 * started by D-Bus activation where it can be).
 */
void
vd_console_secrets_check_async (GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, vd_console_secrets_check_async);
  /* Opening a session is a call to the service: without one it fails. */
  secret_service_get (SECRET_SERVICE_OPEN_SESSION, cancellable, service_got_cb, task);
}

/**
 * vd_console_secrets_check_finish:
 *
 * Returns: whether passwords can be kept; @error says why not
 */
gboolean
vd_console_secrets_check_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

void
vd_console_secrets_lookup_async (const char          *uri,
                                 const char          *uuid,
                                 const char          *protocol,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (uri != NULL && uuid != NULL && protocol != NULL);

  secret_password_lookup (vd_console_secrets_get_schema (), cancellable, callback, user_data,
                          "uri", uri, "uuid", uuid, "protocol", protocol, NULL);
}

/**
 * vd_console_secrets_lookup_finish:
 *
 * Returns: (transfer full) (nullable): the saved password, to be freed with
 *   vd_console_secrets_free(); %NULL with no error when none is saved
 */
char *
vd_console_secrets_lookup_finish (GAsyncResult  *result,
                                  GError       **error)
{
  return secret_password_lookup_finish (result, error);
}

void
vd_console_secrets_store_async (const char          *uri,
                                const char          *uuid,
                                const char          *protocol,
                                const char          *guest_name,
                                const char          *password,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autofree char *label = NULL;

  g_return_if_fail (uri != NULL && uuid != NULL && protocol != NULL);
  g_return_if_fail (guest_name != NULL && password != NULL);

  /* translators: the name of a saved password in the keyring (Passwords and
   * Keys shows it); %s is a guest's name */
  label = g_strdup_printf (_("Display password of the virtual machine “%s”"), guest_name);
  secret_password_store (vd_console_secrets_get_schema (), SECRET_COLLECTION_DEFAULT, label,
                         password, cancellable, callback, user_data,
                         "uri", uri, "uuid", uuid, "protocol", protocol, NULL);
}

gboolean
vd_console_secrets_store_finish (GAsyncResult  *result,
                                 GError       **error)
{
  return secret_password_store_finish (result, error);
}

/**
 * vd_console_secrets_clear_async:
 * @protocol: (nullable): the display's protocol, or %NULL for all of them
 */
void
vd_console_secrets_clear_async (const char          *uri,
                                const char          *uuid,
                                const char          *protocol,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GHashTable) attributes = NULL;

  g_return_if_fail (uri != NULL && uuid != NULL);

  attributes = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_insert (attributes, (gpointer)"uri", (gpointer)uri);
  g_hash_table_insert (attributes, (gpointer)"uuid", (gpointer)uuid);
  /* Without a protocol: every display password of the guest. */
  if (protocol != NULL)
    g_hash_table_insert (attributes, (gpointer)"protocol", (gpointer)protocol);
  secret_password_clearv (vd_console_secrets_get_schema (), attributes, cancellable, callback,
                          user_data);
}

/**
 * vd_console_secrets_clear_finish:
 *
 * Returns: whether a saved password was removed; %FALSE with @error set
 *   when the keyring could not be asked
 */
gboolean
vd_console_secrets_clear_finish (GAsyncResult  *result,
                                 GError       **error)
{
  return secret_password_clear_finish (result, error);
}

/* Wipes and frees what vd_console_secrets_lookup_finish() returned. */
void
vd_console_secrets_free (char *password)
{
  secret_password_free (password);
}
