/* test-console-secrets.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "vd-console-secrets.h"
#include "../vd-test-keyring.h"

/*
 * The console's keyring wrapper against a real secret service
 * (gnome-keyring-daemon on a private session bus, started here): first with
 * no service at all (it says so, nothing fails), then store, look up by
 * each key, replace, clear. Nothing logged carries a password.
 */

#define URI "qemu:///system"
#define UUID "6b7f2a1e-0c3d-4e59-9a8b-1f2e3d4c5b6a"
#define OTHER_UUID "00000000-0000-0000-0000-000000000000"
#define PASSWORD "pw-Zq81x"
#define NEW_PASSWORD "pw-Kd55y"

static guint logged;

static GLogWriterOutput
no_password_writer (GLogLevelFlags   log_level,
                    const GLogField *fields,
                    gsize            n_fields,
                    gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    {
      if (fields[i].length < 0 && g_str_equal (fields[i].key, "MESSAGE"))
        {
          const char *message = fields[i].value;

          if (strstr (message, PASSWORD) != NULL || strstr (message, NEW_PASSWORD) != NULL)
            g_error ("a password was logged");
          logged++;
        }
    }

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

static char *
lookup (const char *uri,
        const char *uuid,
        const char *protocol)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *password;

  vd_console_secrets_lookup_async (uri, uuid, protocol, NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_RESULT (result);
  password = vd_console_secrets_lookup_finish (result, &error);
  g_assert_no_error (error);

  return password;
}

static void
store (const char *protocol,
       const char *password)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  vd_console_secrets_store_async (URI, UUID, protocol, "vd-test-guest", password, NULL,
                                  vd_test_async_result_cb, &result);
  VD_TEST_WAIT_RESULT (result);
  g_assert_true (vd_console_secrets_store_finish (result, &error));
  g_assert_no_error (error);
}

static void
store_other_guest (void)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  vd_console_secrets_store_async (URI, OTHER_UUID, "vnc", "vd-test-other", PASSWORD, NULL,
                                  vd_test_async_result_cb, &result);
  VD_TEST_WAIT_RESULT (result);
  g_assert_true (vd_console_secrets_store_finish (result, &error));
  g_assert_no_error (error);
}

static gboolean
clear (const char *protocol)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gboolean removed;

  vd_console_secrets_clear_async (URI, UUID, protocol, NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_RESULT (result);
  removed = vd_console_secrets_clear_finish (result, &error);
  g_assert_no_error (error);

  return removed;
}

static gboolean
check (GError **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  vd_console_secrets_check_async (NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_RESULT (result);

  return vd_console_secrets_check_finish (result, error);
}

static void
test_unavailable (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (check (&error));
  g_assert_nonnull (error);
  g_test_message ("without a secret service: %s", error->message);
}

static void
test_store_lookup_clear (void)
{
  g_autoptr(GError) error = NULL;
  char *password;

  if (!vd_test_keyring_up ())
    {
      g_test_skip ("gnome-keyring-daemon is not installed");
      return;
    }

  g_assert_true (check (&error));
  g_assert_no_error (error);

  g_assert_null (lookup (URI, UUID, "vnc"));
  store ("vnc", PASSWORD);

  password = lookup (URI, UUID, "vnc");
  g_assert_cmpstr (password, ==, PASSWORD);
  vd_console_secrets_free (password);

  /* Each key counts: another protocol, guest or connection has none. */
  g_assert_null (lookup (URI, UUID, "spice"));
  g_assert_null (lookup (URI, OTHER_UUID, "vnc"));
  g_assert_null (lookup ("qemu+ssh://root@example.org/system", UUID, "vnc"));

  /* Storing again replaces the one password. */
  store ("vnc", NEW_PASSWORD);
  password = lookup (URI, UUID, "vnc");
  g_assert_cmpstr (password, ==, NEW_PASSWORD);
  vd_console_secrets_free (password);

  store ("spice", PASSWORD);
  g_assert_true (clear ("vnc"));
  g_assert_null (lookup (URI, UUID, "vnc"));
  /* Nothing left to remove: not an error. */
  g_assert_false (clear ("vnc"));

  password = lookup (URI, UUID, "spice");
  g_assert_cmpstr (password, ==, PASSWORD);
  vd_console_secrets_free (password);
  g_assert_true (clear ("spice"));

  /* Without a protocol: all of the guest's, and only the guest's. */
  store ("vnc", PASSWORD);
  store ("spice", NEW_PASSWORD);
  store_other_guest ();
  g_assert_true (clear (NULL));
  g_assert_null (lookup (URI, UUID, "vnc"));
  g_assert_null (lookup (URI, UUID, "spice"));
  password = lookup (URI, OTHER_UUID, "vnc");
  g_assert_cmpstr (password, ==, PASSWORD);
  vd_console_secrets_free (password);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  /* Every message, debug ones too, passes the writer that looks for the
   * passwords. */
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  g_log_set_writer_func (no_password_writer, NULL, NULL);
  g_test_init (&argc, &argv, NULL);
  vd_test_bus_up ();

  /* In this order: the first runs before the service is there. */
  g_test_add_func ("/vd/console-secrets/unavailable", test_unavailable);
  g_test_add_func ("/vd/console-secrets/store-lookup-clear", test_store_lookup_clear);

  ret = g_test_run ();
  vd_test_keyring_down ();
  /* libsecret's connection to the service goes before the bus. */
  secret_service_disconnect ();

  return ret;
}
