/* vd-test-keyring.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include "vd-test-util.h"

G_BEGIN_DECLS

/*
 * A real secret service for the tests: a private session bus (GTestDBus,
 * which nothing else is activatable on) and gnome-keyring-daemon on it with
 * a fresh, unlocked "login" keyring in a temporary home. The bus replaces
 * the process's session bus, so call vd_test_bus_up() before anything uses
 * the session bus (libsecret keeps its connection to the service).
 */

typedef struct
{
  GTestDBus *bus;
  char      *home;
  GPid       keyring_pid;
} VdTestKeyring;

static VdTestKeyring vd_test_keyring;

/* A private session bus without a secret service. */
static inline void
vd_test_bus_up (void)
{
  g_assert_null (vd_test_keyring.bus);
  vd_test_keyring.bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (vd_test_keyring.bus);
}

static inline gboolean
vd_test_keyring_name_owned (GDBusConnection *bus)
{
  g_autoptr(GVariant) reply = NULL;
  gboolean owned = FALSE;

  reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                       "org.freedesktop.DBus", "NameHasOwner",
                                       g_variant_new ("(s)", "org.freedesktop.secrets"),
                                       G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1,
                                       NULL, NULL);
  if (reply != NULL)
    g_variant_get (reply, "(b)", &owned);

  return owned;
}

/* Starts gnome-keyring-daemon on the private bus; FALSE (and a skip
 * message) where it is not installed. */
static inline gboolean
vd_test_keyring_up (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) bus = NULL;
  g_autofree char *daemon = g_find_program_in_path ("gnome-keyring-daemon");
  g_autofree char *data = NULL;
  g_autofree char *runtime = NULL;
  g_auto(GStrv) env = NULL;
  const char *argv[] = { NULL, "--foreground", "--unlock", "--components=secrets", NULL };
  int in_fd = -1;
  gint64 deadline;

  g_assert_nonnull (vd_test_keyring.bus);
  if (daemon == NULL)
    return FALSE;

  vd_test_keyring.home = g_dir_make_tmp ("vd-test-keyring-XXXXXX", &error);
  g_assert_no_error (error);
  data = g_build_filename (vd_test_keyring.home, "data", NULL);
  runtime = g_build_filename (vd_test_keyring.home, "run", NULL);
  g_assert_cmpint (g_mkdir_with_parents (data, 0700), ==, 0);
  g_assert_cmpint (g_mkdir_with_parents (runtime, 0700), ==, 0);

  env = g_get_environ ();
  env = g_environ_setenv (env, "HOME", vd_test_keyring.home, TRUE);
  env = g_environ_setenv (env, "XDG_DATA_HOME", data, TRUE);
  env = g_environ_setenv (env, "XDG_RUNTIME_DIR", runtime, TRUE);
  env = g_environ_unsetenv (env, "GNOME_KEYRING_CONTROL");
  argv[0] = daemon;

  g_spawn_async_with_pipes (NULL, (char **)argv, env, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                            &vd_test_keyring.keyring_pid, &in_fd, NULL, NULL, &error);
  g_assert_no_error (error);
  /* --unlock reads the login keyring's password from stdin, to its end. */
  g_assert_cmpint (write (in_fd, "vd-test", 7), ==, 7);
  close (in_fd);

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  g_assert_no_error (error);
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (!vd_test_keyring_name_owned (bus))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("gnome-keyring-daemon did not come up on the test bus");
      g_usleep (20000);
    }

  return TRUE;
}

/* Stops the keyring (the bus goes when the process ends). */
static inline void
vd_test_keyring_down (void)
{
  if (vd_test_keyring.keyring_pid > 0)
    {
      kill (vd_test_keyring.keyring_pid, SIGTERM);
      waitpid (vd_test_keyring.keyring_pid, NULL, 0);
      g_spawn_close_pid (vd_test_keyring.keyring_pid);
      vd_test_keyring.keyring_pid = 0;
    }
  if (vd_test_keyring.home != NULL)
    {
      g_autofree char *command = g_strdup_printf ("rm -rf '%s'", vd_test_keyring.home);

      g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL);
      g_clear_pointer (&vd_test_keyring.home, g_free);
    }
}

G_END_DECLS
