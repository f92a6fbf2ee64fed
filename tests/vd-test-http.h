/* vd-test-http.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <signal.h>
#include <sys/prctl.h>

/* The network install tests' HTTP server (tests/vd-test-http-server.py)
 * serving tests/data on 127.0.0.1 at a free port. */

typedef struct
{
  GSubprocess *process;
  char        *base;        /* "http://127.0.0.1:PORT/" */
} VdTestHttp;

/* The server goes with the test, even one that aborts. */
static inline void
vd_test_http_child_setup (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

/* Serving @dir instead of tests/data. */
static inline VdTestHttp *
vd_test_http_start_dir (const char *dir)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autofree char *line = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  VdTestHttp *http = g_new0 (VdTestHttp, 1);

  /* (Its stderr is not the test's: the harness waits for that to close.) */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_child_setup (launcher, vd_test_http_child_setup, NULL, NULL);
  http->process = g_subprocess_launcher_spawn (launcher, &error, "python3",
                                               VD_TEST_DATA_DIR "/../vd-test-http-server.py",
                                               dir, NULL);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (http->process));
  line = g_data_input_stream_read_line (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  http->base = g_strdup_printf ("http://127.0.0.1:%s/", g_strstrip (line));
  return http;
}

static inline VdTestHttp *
vd_test_http_start (void)
{
  return vd_test_http_start_dir (VD_TEST_DATA_DIR);
}

static inline char *
vd_test_http_url (VdTestHttp *http,
                  const char *path)
{
  return g_strconcat (http->base, path, NULL);
}

static inline void
vd_test_http_stop (VdTestHttp *http)
{
  g_subprocess_force_exit (http->process);
  g_subprocess_wait (http->process, NULL, NULL);
  g_object_unref (http->process);
  g_free (http->base);
  g_free (http);
}

/* A port nothing listens on: one the kernel just gave and took back. */
static inline guint16
vd_test_http_closed_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, any, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}
