/* test-ssh-console.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <libvirt-gobject/libvirt-gobject.h>

#include "vd-console-view.h"
#include "../vd-test-util.h"
#include "vd-e2e-util.h"

/*
 * End-to-end: consoles of guests on a qemu+ssh:// connection (the sshd
 * and agent tests/e2e/vd-e2e-daemon starts). virDomainOpenGraphicsFD
 * cannot pass a socket over SSH, so the view opens an SSH tunnel: one
 * ssh master per console, every stream multiplexed over it. The test
 * counts this program's own ssh children whose command line names a
 * control socket of the tunnel (vd-ssh-*), reads the pixels that came
 * through, and checks that Retry, the guest stopping and a refused key
 * leave no ssh behind.
 *
 * Guests are named vd-e2e-sshcon-<pid>: the harness removes every
 * vd-e2e-* guest if an assertion stops the program midway.
 */

#define WAIT_SECONDS 60

/* Under AddressSanitizer: full stacks, so that tests/lsan.supp recognises
 * GLib's quark blocks, which it replaces without freeing. */
const char *__asan_default_options (void);

const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}

/* ------------------------------------------------------------------ */
/* Processes                                                           */
/* ------------------------------------------------------------------ */

typedef struct
{
  guint masters;
  guint streams;
  int   master_pid;
} SshCount;

static gboolean
is_child (const char *pid)
{
  g_autofree char *path = g_build_filename ("/proc", pid, "stat", NULL);
  g_autofree char *stat = NULL;
  const char *after;
  char state;
  int ppid;

  if (!g_file_get_contents (path, &stat, NULL, NULL) ||
      (after = strrchr (stat, ')')) == NULL ||
      sscanf (after + 1, " %c %d", &state, &ppid) != 2)
    return FALSE;

  /* A zombie is gone for this purpose (GLib reaps it soon). */
  return ppid == (int)getpid () && state != 'Z';
}

static SshCount
count_tunnel_ssh (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc", 0, NULL);
  SshCount count = { 0, 0, -1 };
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *cmdline = NULL;
      gsize length = 0;
      gboolean tunnel = FALSE;
      gboolean master = FALSE;

      if (!g_ascii_isdigit (name[0]) || !is_child (name))
        continue;

      path = g_build_filename ("/proc", name, "cmdline", NULL);
      if (!g_file_get_contents (path, &cmdline, &length, NULL) || length == 0 ||
          !g_str_equal (cmdline, "ssh"))
        continue;

      for (gsize i = 0; i < length; i += strlen (cmdline + i) + 1)
        {
          if (strstr (cmdline + i, "/vd-ssh-") != NULL)
            tunnel = TRUE;
          if (g_str_equal (cmdline + i, "-M"))
            master = TRUE;
        }

      if (!tunnel)
        continue;
      if (master)
        {
          count.masters++;
          count.master_pid = atoi (name);
        }
      else
        {
          count.streams++;
        }
    }

  return count;
}

static gboolean
no_tunnel_ssh (void)
{
  SshCount count = count_tunnel_ssh ();

  return count.masters == 0 && count.streams == 0;
}

static gboolean
process_gone (int pid)
{
  g_autofree char *name = g_strdup_printf ("%d", pid);

  return !is_child (name);
}

/* ------------------------------------------------------------------ */
/* Guests                                                              */
/* ------------------------------------------------------------------ */

static VdConnection *
open_ssh (const char *uri)
{
  g_autoptr(VdConnection) connection = vd_connection_new (uri);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  vd_connection_open_async (connection, NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_UNTIL (result != NULL, WAIT_SECONDS);
  if (!vd_connection_open_finish (connection, result, &error))
    g_error ("could not open %s: %s", uri, error->message);

  return g_steal_pointer (&connection);
}

static VdDomain *
define_guest (VdConnection *connection,
              const char   *name,
              const char   *xml)
{
  virDomainPtr dom = virDomainDefineXML (vd_connection_get_handle (connection), xml);

  if (dom == NULL)
    g_error ("virDomainDefineXML failed: %s", virGetLastErrorMessage ());
  virDomainFree (dom);
  VD_TEST_WAIT_UNTIL (vd_connection_find_domain_by_name (connection, name) != NULL, WAIT_SECONDS);

  return vd_connection_find_domain_by_name (connection, name);
}

static void
start_guest (VdDomain *domain)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  vd_domain_start_async (domain, NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_UNTIL (result != NULL, WAIT_SECONDS);
  if (!vd_domain_start_finish (domain, result, &error))
    g_error ("start failed: %s", error->message);
}

static void
undefine_guest (VdConnection *connection,
                VdDomain     *domain)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup (vd_domain_get_name (domain));

  vd_domain_delete_async (domain, VD_DOMAIN_DELETE_ALL_METADATA, NULL, NULL,
                          vd_test_async_result_cb, &result);
  VD_TEST_WAIT_UNTIL (result != NULL, WAIT_SECONDS);
  if (!vd_domain_delete_finish (domain, result, &error))
    g_error ("delete failed: %s", error->message);
  VD_TEST_WAIT_UNTIL (vd_connection_find_domain_by_name (connection, name) == NULL, WAIT_SECONDS);
}

static char *
spice_guest_xml (const char *name)
{
  g_autofree char *xml = vd_e2e_guest_xml (name);
  g_auto(GStrv) parts = g_strsplit (xml, "<graphics type='vnc' autoport='yes' listen='127.0.0.1'/>",
                                    2);

  g_assert_cmpuint (g_strv_length (parts), ==, 2);

  return g_strconcat (parts[0],
                      "<graphics type='spice' autoport='yes' listen='127.0.0.1'/>"
                      "<video><model type='qxl'/></video>",
                      parts[1], NULL);
}

static gboolean
is_page (VdConsoleView *view,
         const char    *page)
{
  return g_strcmp0 (vd_console_view_get_page (view), page) == 0;
}

/* Real pixels: SeaBIOS's screen is not one colour. */
static gboolean
has_pixels (VdConsoleView *view)
{
  VdConsoleDisplay *display = vd_console_view_get_display (view);
  g_autoptr(GdkPixbuf) pixbuf = display != NULL ? vd_console_display_get_pixbuf (display) : NULL;
  const guint8 *pixels;
  int width, height, stride, channels;

  if (pixbuf == NULL)
    return FALSE;

  pixels = gdk_pixbuf_read_pixels (pixbuf);
  width = gdk_pixbuf_get_width (pixbuf);
  height = gdk_pixbuf_get_height (pixbuf);
  stride = gdk_pixbuf_get_rowstride (pixbuf);
  channels = gdk_pixbuf_get_n_channels (pixbuf);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      if (memcmp (pixels + y * stride + x * channels, pixels, 3) != 0)
        return TRUE;

  return FALSE;
}

static GtkWidget *
new_window (GtkWidget *view)
{
  GtkWidget *window = gtk_window_new (GTK_WINDOW_TOPLEVEL);

  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  gtk_container_add (GTK_CONTAINER (window), view);
  gtk_widget_show_all (window);

  return window;
}

/* ------------------------------------------------------------------ */
/* Tests                                                               */
/* ------------------------------------------------------------------ */

static void
test_vnc (void)
{
  g_autoptr(VdConnection) connection = open_ssh (vd_e2e_require_env ("VD_E2E_SSH_URI"));
  g_autofree char *name = g_strdup_printf ("vd-e2e-sshcon-%d", (int)getpid ());
  g_autofree char *xml = vd_e2e_guest_xml (name);
  GtkWidget *view = vd_console_view_new ();
  VdConsoleView *console = VD_CONSOLE_VIEW (view);
  GtkWidget *window;
  VdDomain *domain;
  SshCount count;
  int old_master;

  g_assert_true (no_tunnel_ssh ());
  domain = define_guest (connection, name, xml);
  vd_console_view_set_domain (console, domain);
  window = new_window (view);

  start_guest (domain);
  VD_TEST_WAIT_UNTIL (vd_console_view_get_initialized (console), WAIT_SECONDS);
  g_assert_true (is_page (console, "display"));
  VD_TEST_WAIT_UNTIL (has_pixels (console), WAIT_SECONDS);

  /* One master, one stream (VNC is one socket). */
  count = count_tunnel_ssh ();
  g_assert_cmpuint (count.masters, ==, 1);
  g_assert_cmpuint (count.streams, ==, 1);
  old_master = count.master_pid;

  /* Retry: the old master ends, a new one comes up, the screen again. */
  vd_console_view_reconnect (console);
  VD_TEST_WAIT_UNTIL (process_gone (old_master), WAIT_SECONDS);
  VD_TEST_WAIT_UNTIL (vd_console_view_get_initialized (console), WAIT_SECONDS);
  VD_TEST_WAIT_UNTIL (has_pixels (console), WAIT_SECONDS);
  count = count_tunnel_ssh ();
  g_assert_cmpuint (count.masters, ==, 1);
  g_assert_cmpint (count.master_pid, !=, old_master);
  VD_TEST_WAIT_UNTIL (count_tunnel_ssh ().streams == 1, WAIT_SECONDS);

  /* The guest stops: the Run page and no ssh left. */
  g_assert_cmpint (virDomainDestroy (vd_domain_get_handle (domain)), ==, 0);
  VD_TEST_WAIT_UNTIL (is_page (console, "inactive"), WAIT_SECONDS);
  VD_TEST_WAIT_UNTIL (no_tunnel_ssh (), 10);

  gtk_widget_destroy (window);
  undefine_guest (connection, domain);
  vd_connection_disconnect (connection);
}

static void
test_spice (void)
{
  g_autoptr(VdConnection) connection = open_ssh (vd_e2e_require_env ("VD_E2E_SSH_URI"));
  g_autofree char *name = g_strdup_printf ("vd-e2e-sshcon-spice-%d", (int)getpid ());
  g_autofree char *xml = spice_guest_xml (name);
  GtkWidget *view = vd_console_view_new ();
  VdConsoleView *console = VD_CONSOLE_VIEW (view);
  GtkWidget *window;
  VdDomain *domain;
  SshCount count;

  domain = define_guest (connection, name, xml);
  vd_console_view_set_domain (console, domain);
  window = new_window (view);

  start_guest (domain);
  VD_TEST_WAIT_UNTIL (vd_console_view_get_initialized (console), WAIT_SECONDS);
  VD_TEST_WAIT_UNTIL (has_pixels (console), WAIT_SECONDS);

  /* Several channels, each its own stream, all over one master. */
  count = count_tunnel_ssh ();
  g_test_message ("SPICE through SSH: %u master(s), %u stream(s)", count.masters, count.streams);
  g_assert_cmpuint (count.masters, ==, 1);
  g_assert_cmpuint (count.streams, >=, 2);

  /* Closing the window closes the tunnel too. */
  gtk_widget_destroy (window);
  VD_TEST_WAIT_UNTIL (no_tunnel_ssh (), 10);

  g_assert_cmpint (virDomainDestroy (vd_domain_get_handle (domain)), ==, 0);
  VD_TEST_WAIT_UNTIL (!vd_domain_get_active (domain), WAIT_SECONDS);
  undefine_guest (connection, domain);
  vd_connection_disconnect (connection);
}

/* A key the server does not accept: the connection itself gets in with
 * the agent's key, then the agent goes away (unset for this program's
 * children), so the tunnel has only the URI's keyfile=. */
static void
test_bad_key (void)
{
  const char *ssh_uri = vd_e2e_require_env ("VD_E2E_SSH_URI");
  g_autofree char *agent = g_strdup (vd_e2e_require_env ("SSH_AUTH_SOCK"));
  g_autofree char *dir = g_dir_make_tmp ("vd-e2e-key-XXXXXX", NULL);
  g_autofree char *key = g_build_filename (dir, "id_ed25519", NULL);
  g_autofree char *pub = g_strconcat (key, ".pub", NULL);
  g_autofree char *uri = g_strdup_printf ("%s?keyfile=%s", ssh_uri, key);
  g_autofree char *name = g_strdup_printf ("vd-e2e-sshcon-key-%d", (int)getpid ());
  g_autofree char *xml = vd_e2e_guest_xml (name);
  const char *keygen[] = { "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key, NULL };
  g_autoptr(VdConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *view = vd_console_view_new ();
  VdConsoleView *console = VD_CONSOLE_VIEW (view);
  GtkWidget *window;
  VdDomain *domain;
  int status = -1;

  g_assert_nonnull (dir);
  g_assert_true (g_spawn_sync (NULL, (char **)keygen, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  connection = open_ssh (uri);
  domain = define_guest (connection, name, xml);
  start_guest (domain);

  g_unsetenv ("SSH_AUTH_SOCK");
  vd_console_view_set_domain (console, domain);
  window = new_window (view);
  VD_TEST_WAIT_UNTIL (is_page (console, "error"), WAIT_SECONDS);
  g_test_message ("error page: %s", vd_console_view_get_error (console));
  g_assert_nonnull (strstr (vd_console_view_get_error (console), "SSH: "));
  g_assert_nonnull (strstr (vd_console_view_get_error (console), "Permission denied"));
  VD_TEST_WAIT_UNTIL (no_tunnel_ssh (), 10);
  g_setenv ("SSH_AUTH_SOCK", agent, TRUE);

  /* With the agent back, Retry gets through. */
  vd_console_view_reconnect (console);
  VD_TEST_WAIT_UNTIL (vd_console_view_get_initialized (console), WAIT_SECONDS);
  g_assert_cmpuint (count_tunnel_ssh ().masters, ==, 1);

  gtk_widget_destroy (window);
  VD_TEST_WAIT_UNTIL (no_tunnel_ssh (), 10);
  g_assert_cmpint (virDomainDestroy (vd_domain_get_handle (domain)), ==, 0);
  VD_TEST_WAIT_UNTIL (!vd_domain_get_active (domain), WAIT_SECONDS);
  undefine_guest (connection, domain);
  vd_connection_disconnect (connection);

  g_unlink (key);
  g_unlink (pub);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  if (!gtk_init_check (&argc, &argv))
    g_error ("no display: run the e2e suite under xvfb-run");
  gvir_init_object_check (NULL, NULL, NULL);

  g_test_add_func ("/vd/e2e/ssh-console/vnc", test_vnc);
  g_test_add_func ("/vd/e2e/ssh-console/spice", test_spice);
  g_test_add_func ("/vd/e2e/ssh-console/bad-key", test_bad_key);

  return g_test_run ();
}
