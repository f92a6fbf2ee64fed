/* test-console-tunnel.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "vd-console-tunnel.h"
#include "../vd-test-util.h"

/*
 * The SSH tunnel's pure part: URI → ssh command lines, which remote
 * address a guest's listen maps to, which connections may ask for a
 * descriptor. Then one real failure: a master to a port nobody listens on
 * fails with ssh's own words and leaves neither process nor directory.
 * The working tunnel (sshd, a real guest) is tests/e2e/test-ssh-console.c.
 */

static char *
join (char **argv)
{
  return g_strjoinv (" ", argv);
}

static void
test_master_argv (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) plain = NULL;
  g_auto(GStrv) full = NULL;
  g_auto(GStrv) bad = NULL;
  g_autofree char *text = NULL;

  plain = vd_console_tunnel_master_argv ("qemu+ssh://example.org/system", "/tmp/d/control",
                                         &error);
  g_assert_no_error (error);
  text = join (plain);
  g_assert_cmpstr (text, ==, "ssh -S /tmp/d/control -o BatchMode=yes -o LogLevel=ERROR "
                   "-M -N -o ExitOnForwardFailure=yes -o ControlPersist=no -- example.org");
  g_clear_pointer (&text, g_free);

  full = vd_console_tunnel_master_argv ("qemu+ssh://admin@host.example:2222/system"
                                        "?keyfile=/home/a/.ssh/vm%20key&known_hosts=/k/h"
                                        "&no_verify=1", "/tmp/d/control", &error);
  g_assert_no_error (error);
  text = join (full);
  g_assert_cmpstr (text, ==, "ssh -S /tmp/d/control -o BatchMode=yes -o LogLevel=ERROR "
                   "-p 2222 -l admin -M -N -o ExitOnForwardFailure=yes -o ControlPersist=no "
                   "-i /home/a/.ssh/vm key -o UserKnownHostsFile=/k/h "
                   "-o StrictHostKeyChecking=no -- host.example");
  /* The key's path is one argument, space and all. */
  g_assert_true (g_strv_contains ((const char * const *)full, "/home/a/.ssh/vm key"));

  /* No password anywhere, ever (BatchMode). */
  for (guint i = 0; full[i] != NULL; i++)
    g_assert_null (strstr (full[i], "assword"));

  /* Not SSH, or a host that would pass for an option. */
  bad = vd_console_tunnel_master_argv ("qemu+tcp://example.org/system", "/tmp/c", &error);
  g_assert_null (bad);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  bad = vd_console_tunnel_master_argv ("qemu+ssh://-oProxyCommand=x/system", "/tmp/c", &error);
  g_assert_null (bad);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

static void
test_stream_argv (void)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) v4 = NULL;
  g_auto(GStrv) v6 = NULL;
  g_auto(GStrv) bad = NULL;
  g_autofree char *text = NULL;

  v4 = vd_console_tunnel_stream_argv ("qemu+ssh://root@h:22/system?keyfile=/k", "/tmp/d/control",
                                      "127.0.0.1", "5900", &error);
  g_assert_no_error (error);
  text = join (v4);
  /* Through the master only: never a login of its own. */
  g_assert_cmpstr (text, ==, "ssh -S /tmp/d/control -o BatchMode=yes -o LogLevel=ERROR -p 22 "
                   "-l root -o ControlMaster=no -o ProxyCommand=/bin/false "
                   "-W 127.0.0.1:5900 -- h");
  g_clear_pointer (&text, g_free);

  v6 = vd_console_tunnel_stream_argv ("qemu+ssh://h/system", "/c", "fd00::5", "5901", &error);
  g_assert_no_error (error);
  g_assert_true (g_strv_contains ((const char * const *)v6, "[fd00::5]:5901"));

  bad = vd_console_tunnel_stream_argv ("qemu+ssh://h/system", "/c", "127.0.0.1", "0", &error);
  g_assert_null (bad);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  bad = vd_console_tunnel_stream_argv ("qemu+ssh://h/system", "/c", "-x", "5900", &error);
  g_assert_null (bad);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
}

static void
test_uri_kinds (void)
{
  g_assert_true (vd_console_uri_is_ssh ("qemu+ssh://h/system"));
  g_assert_true (vd_console_uri_is_ssh ("qemu+ssh://u@h:2/session?keyfile=/k"));
  g_assert_false (vd_console_uri_is_ssh ("qemu+libssh2://h/system"));
  g_assert_false (vd_console_uri_is_ssh ("qemu+sshx://h/system"));
  g_assert_false (vd_console_uri_is_ssh ("qemu+tcp://h/system"));
  g_assert_false (vd_console_uri_is_ssh ("qemu:///system"));
  g_assert_false (vd_console_uri_is_ssh (NULL));

  /* Only the daemon's unix socket can carry a descriptor. */
  g_assert_true (vd_console_uri_passes_fds ("qemu:///system"));
  g_assert_true (vd_console_uri_passes_fds ("qemu+unix:///session"));
  g_assert_true (vd_console_uri_passes_fds ("test:///default"));
  g_assert_false (vd_console_uri_passes_fds ("qemu+ssh://root@127.0.0.1/system"));
  g_assert_false (vd_console_uri_passes_fds ("qemu+tcp://127.0.0.1/system"));
  g_assert_false (vd_console_uri_passes_fds ("qemu://localhost/system"));
  g_assert_false (vd_console_uri_passes_fds ("not a uri"));
}

static void
assert_target (const char *uri,
               const char *type,
               const char *listen,
               gboolean    expect_ssh,
               const char *expect_host)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *host = NULL;
  gboolean via_ssh = !expect_ssh;

  g_assert_true (vd_console_remote_target (uri, type, listen, &via_ssh, &host, &error));
  g_assert_no_error (error);
  g_assert_cmpint (via_ssh, ==, expect_ssh);
  g_assert_cmpstr (host, ==, expect_host);
}

static void
assert_no_target (const char *uri,
                  const char *type,
                  const char *listen,
                  const char *message_part)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *host = NULL;
  gboolean via_ssh = TRUE;

  g_assert_false (vd_console_remote_target (uri, type, listen, &via_ssh, &host, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_assert_nonnull (strstr (error->message, message_part));
  g_assert_null (host);
}

static void
test_remote_target (void)
{
  const char *ssh = "qemu+ssh://root@vmhost/system";
  const char *tcp = "qemu+tcp://vmhost.example/system";

  /* Through SSH: the address as the remote host sees it; a wildcard is
   * its own loopback. */
  assert_target (ssh, "address", "127.0.0.1", TRUE, "127.0.0.1");
  assert_target (ssh, "address", "0.0.0.0", TRUE, "127.0.0.1");
  assert_target (ssh, "address", "::", TRUE, "127.0.0.1");
  assert_target (ssh, NULL, NULL, TRUE, "127.0.0.1");
  assert_target (ssh, "address", "", TRUE, "127.0.0.1");
  assert_target (ssh, "address", "192.168.1.7", TRUE, "192.168.1.7");
  assert_no_target (ssh, "socket", NULL, "local socket");

  /* Directly: the URI's host, unless only its loopback listens. */
  assert_target (tcp, "address", "0.0.0.0", FALSE, "vmhost.example");
  assert_target (tcp, "address", "10.0.0.3", FALSE, "vmhost.example");
  assert_target ("qemu+tls://tlshost/system", "network", "0.0.0.0", FALSE, "tlshost");
  assert_no_target (tcp, "address", "127.0.0.1", "loopback");
  assert_no_target (tcp, "address", "::1", "loopback");
  assert_no_target (tcp, NULL, NULL, "loopback");
  assert_no_target (tcp, "socket", NULL, "local socket");
  assert_no_target ("qemu+ext://h/system?command=/x", "address", "0.0.0.0",
                    "this kind of connection");
}

static void
start_failed_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GError **error = user_data;

  g_assert_false (vd_console_tunnel_start_finish (VD_CONSOLE_TUNNEL (object), result, error));
}

static guint
count_vd_ssh_dirs (void)
{
  g_autoptr(GDir) dir = g_dir_open (g_get_tmp_dir (), 0, NULL);
  const char *name;
  guint n = 0;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "vd-ssh-"))
      n++;

  return n;
}

/* A real ssh, to a port where nothing listens: the error is ssh's own
 * line, prefixed; the directory is gone with it. */
static void
test_start_fails (void)
{
  g_autoptr(VdConsoleTunnel) tunnel = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ssh = g_find_program_in_path ("ssh");
  guint dirs = count_vd_ssh_dirs ();

  /* The environment's list has the client: its absence is a broken setup. */
  g_assert_nonnull (ssh);

  tunnel = vd_console_tunnel_new ("qemu+ssh://nobody@127.0.0.1:1/system", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (vd_console_tunnel_get_host (tunnel), ==, "127.0.0.1");
  vd_console_tunnel_start_async (tunnel, NULL, start_failed_cb, &error);
  VD_TEST_WAIT_UNTIL (error != NULL, 30);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "SSH: "));
  g_assert_nonnull (strstr (error->message, "Connection refused"));
  g_assert_null (vd_console_tunnel_get_control_path (tunnel));
  VD_TEST_WAIT_UNTIL (count_vd_ssh_dirs () <= dirs, 10);

  /* Closing twice is harmless; a closed tunnel opens nothing. */
  vd_console_tunnel_close (tunnel);
  vd_console_tunnel_close (tunnel);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/vd/console-tunnel/master-argv", test_master_argv);
  g_test_add_func ("/vd/console-tunnel/stream-argv", test_stream_argv);
  g_test_add_func ("/vd/console-tunnel/uri-kinds", test_uri_kinds);
  g_test_add_func ("/vd/console-tunnel/remote-target", test_remote_target);
  g_test_add_func ("/vd/console-tunnel/start-fails", test_start_fails);

  return g_test_run ();
}
