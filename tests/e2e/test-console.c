/* test-console.c
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

#include <gdk/gdkx.h>
#include <gtk-vnc.h>

#include "vd-console-display-vnc.h"
#include "vd-console-secrets.h"
#include "vd-console-session-spice.h"
#include "vd-console-tabs-window.h"
#include "vd-console-usb-list.h"
#include "vd-console-view.h"
#include "../vd-test-util.h"
#include "../ui/vd-test-ui.h"
#include "../vd-test-keyring.h"
#include "vd-e2e-util.h"

/*
 * End-to-end: the embedded VNC console on a real QEMU guest (SeaBIOS, no
 * disk) under the daemon tests/e2e/vd-e2e-daemon started. The view gets
 * its socket from virDomainOpenGraphicsFD, gtk-vnc talks RFB to QEMU, and
 * the test reads the pixels gtk-vnc received.
 *
 * Guests are named vd-e2e-console-<pid>: the harness removes every
 * vd-e2e-* guest if an assertion stops the program midway.
 */

/* Under ASan: VTE (the text consoles) makes GLib outgrow its first block
 * of quarks, which it never frees (tests/lsan.supp). Only a full stack
 * names the constructor that allocated it, so unwind slowly. Never called
 * without a sanitizer. */
const char *__asan_default_options (void);

const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0";
}

#define WAIT_SECONDS 60
#define PASSWORD "vdsecret" /* VNC passwords are at most 8 characters */
#define NEW_PASSWORD "vdnewpw1"

static VdConnection *
open_system (void)
{
  const char *uri = vd_e2e_require_env ("VD_E2E_SYSTEM_URI");
  g_autoptr(VdConnection) connection = vd_connection_new (uri);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  vd_connection_open_async (connection, NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_RESULT (result);
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
  VD_TEST_WAIT_RESULT (result);
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
  VD_TEST_WAIT_RESULT (result);
  if (!vd_domain_delete_finish (domain, result, &error))
    g_error ("delete failed: %s", error->message);
  VD_TEST_WAIT_UNTIL (vd_connection_find_domain_by_name (connection, name) == NULL, WAIT_SECONDS);
}

static gboolean
is_page (VdConsoleView *view,
         const char    *page)
{
  return g_strcmp0 (vd_console_view_get_page (view), page) == 0;
}

/* Real pixels: the guest's screen as gtk-vnc holds it is not one colour
 * (SeaBIOS prints its banner and "No bootable device"). */
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

static guint
count_fds (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;

  return n;
}

static gboolean
tick_cb (gpointer user_data)
{
  (*(guint *)user_data)++;

  return G_SOURCE_CONTINUE;
}

/* The main loop keeps turning and the window still draws. */
static void
assert_responsive (GtkWidget *window)
{
  guint ticks = 0;
  guint id = g_timeout_add (10, tick_cb, &ticks);

  VD_TEST_WAIT_UNTIL (ticks >= 10, 5);
  g_source_remove (id);
  gtk_widget_queue_draw (window);
  gtk_test_widget_wait_for_draw (window);
}

static GtkWidget *
new_window_on (GdkScreen          *screen,
               GtkWidget          *view,
               GSimpleActionGroup *group)
{
  GtkWidget *window = gtk_window_new (GTK_WINDOW_TOPLEVEL);

  if (screen != NULL)
    gtk_window_set_screen (GTK_WINDOW (window), screen);

  gtk_window_set_default_size (GTK_WINDOW (window), 800, 600);
  vd_console_view_add_actions (VD_CONSOLE_VIEW (view), G_ACTION_MAP (group));
  gtk_widget_insert_action_group (window, "vm", G_ACTION_GROUP (group));
  gtk_container_add (GTK_CONTAINER (window), view);
  gtk_widget_show_all (window);

  return window;
}

static GtkWidget *
new_window (GtkWidget          *view,
            GSimpleActionGroup *group)
{
  return new_window_on (NULL, view, group);
}

static guint
grab_key (VncDisplay *vnc,
          guint       i)
{
  VncGrabSequence *sequence = vnc_display_get_grab_keys (vnc);

  return i < sequence->nkeysyms ? sequence->keysyms[i] : 0;
}

static guint
n_grab_keys (VncDisplay *vnc)
{
  return vnc_display_get_grab_keys (vnc)->nkeysyms;
}

static gboolean
window_key_cb (GtkWidget   *window,
               GdkEventKey *event,
               gpointer     user_data)
{
  if (event->keyval == GDK_KEY_w)
    (*(guint *)user_data)++;
  return GDK_EVENT_PROPAGATE;
}

/* Ctrl+W pressed in @window as the X server would deliver it. */
static void
press_ctrl_w (GtkWidget *window)
{
  GdkDisplay *display = gtk_widget_get_display (window);
  GdkEvent *event = gdk_event_new (GDK_KEY_PRESS);
  g_autofree GdkKeymapKey *keys = NULL;
  int n_keys = 0;

  event->key.window = g_object_ref (gtk_widget_get_window (window));
  event->key.send_event = TRUE;
  event->key.time = GDK_CURRENT_TIME;
  event->key.state = GDK_CONTROL_MASK;
  event->key.keyval = GDK_KEY_w;
  if (gdk_keymap_get_entries_for_keyval (gdk_keymap_get_for_display (display), GDK_KEY_w,
                                         &keys, &n_keys) && n_keys > 0)
    event->key.hardware_keycode = keys[0].keycode;
  gdk_event_set_device (event, gdk_seat_get_keyboard (gdk_display_get_default_seat (display)));
  gtk_main_do_event (event);
  gdk_event_free (event);
}

/* The view's options on a live VNC display: the keys that release a grab
 * and the status line naming them, guest resizing, zoom, and keys going
 * to the grabbed display before the window's shortcuts. */
static void
check_view_options (VdConsoleView      *console,
                    GSimpleActionGroup *group,
                    GtkWidget          *window)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.virtdesk.VirtDesk");
  VdConsoleDisplay *display = vd_console_view_get_display (console);
  VncDisplay *vnc = vd_console_display_vnc_get_vnc (VD_CONSOLE_DISPLAY_VNC (display));
  guint window_keys = 0;
  gulong key_handler;

  vd_console_view_set_settings (console, settings);
  g_assert_cmpuint (n_grab_keys (vnc), ==, 2);
  g_assert_cmpuint (grab_key (vnc, 0), ==, GDK_KEY_Control_L);
  g_assert_cmpuint (grab_key (vnc, 1), ==, GDK_KEY_Alt_L);
  g_assert_nonnull (strstr (vd_console_view_get_status (console), "Ctrl+Alt"));
  g_settings_set_string (settings, "console-grab-keys", "<Control><Shift>g");
  g_assert_cmpuint (n_grab_keys (vnc), ==, 3);
  g_assert_cmpuint (grab_key (vnc, 0), ==, GDK_KEY_Control_L);
  g_assert_cmpuint (grab_key (vnc, 1), ==, GDK_KEY_Shift_L);
  g_assert_cmpuint (grab_key (vnc, 2), ==, GDK_KEY_g);
  /* (GTK names Shift first.) */
  g_assert_nonnull (strstr (vd_console_view_get_status (console), "Shift+Ctrl+G"));
  /* One Preferences would refuse falls back to Ctrl+Alt. */
  g_settings_set_string (settings, "console-grab-keys", "g");
  g_assert_cmpuint (n_grab_keys (vnc), ==, 2);
  g_assert_nonnull (strstr (vd_console_view_get_status (console), "Ctrl+Alt"));
  g_settings_reset (settings, "console-grab-keys");

  g_assert_false (vnc_display_get_allow_resize (vnc));
  g_settings_set_boolean (settings, "console-resize-guest", TRUE);
  g_assert_true (vnc_display_get_allow_resize (vnc));
  g_settings_reset (settings, "console-resize-guest");
  g_assert_false (vnc_display_get_allow_resize (vnc));

  /* Zoom: from the scaled screen to its own size, then in steps; fit
   * scales again, and so does a new scaling preference. */
  g_assert_true (vnc_display_get_scaling (vnc));
  g_action_group_activate_action (G_ACTION_GROUP (group), "zoom-in", NULL);
  g_assert_false (vnc_display_get_scaling (vnc));
  g_assert_cmpuint (vnc_display_get_zoom_level (vnc), ==, 100);
  g_action_group_activate_action (G_ACTION_GROUP (group), "zoom-in", NULL);
  g_assert_cmpuint (vnc_display_get_zoom_level (vnc), ==, 110);
  g_action_group_activate_action (G_ACTION_GROUP (group), "zoom-out", NULL);
  g_action_group_activate_action (G_ACTION_GROUP (group), "zoom-out", NULL);
  g_assert_cmpuint (vnc_display_get_zoom_level (vnc), ==, 90);
  g_action_group_activate_action (G_ACTION_GROUP (group), "zoom-normal", NULL);
  g_assert_cmpuint (vnc_display_get_zoom_level (vnc), ==, 100);
  g_assert_false (vnc_display_get_scaling (vnc));
  g_action_group_activate_action (G_ACTION_GROUP (group), "zoom-fit", NULL);
  g_assert_true (vnc_display_get_scaling (vnc));
  g_action_group_activate_action (G_ACTION_GROUP (group), "zoom-in", NULL);
  g_assert_false (vnc_display_get_scaling (vnc));
  g_settings_set_string (settings, "console-scaling", "always");
  g_assert_true (vnc_display_get_scaling (vnc));
  g_settings_reset (settings, "console-scaling");

  /* Grabbed, the display gets the keys and the window's own key handling
   * (shortcuts, mnemonics; a handler run after it, here) never sees them;
   * with the pointer let go and the focus elsewhere, the window does. */
  key_handler = g_signal_connect_after (window, "key-press-event", G_CALLBACK (window_key_cb),
                                        &window_keys);
  gtk_widget_grab_focus (GTK_WIDGET (vnc));
  vnc_display_force_grab (vnc, TRUE);
  VD_TEST_WAIT_UNTIL (vd_console_display_get_grabbed (display), 10);
  g_assert_nonnull (strstr (vd_console_view_get_status (console), "to release"));
  press_ctrl_w (window);
  g_assert_cmpuint (window_keys, ==, 0);
  vnc_display_force_grab (vnc, FALSE);
  gtk_window_set_focus (GTK_WINDOW (window), NULL);
  press_ctrl_w (window);
  g_assert_cmpuint (window_keys, ==, 1);
  g_signal_handler_disconnect (window, key_handler);

  vd_console_view_set_settings (console, NULL);
}

static void
test_vnc (void)
{
  g_autoptr(VdConnection) connection = open_system ();
  g_autofree char *name = g_strdup_printf ("vd-e2e-console-%d", (int)getpid ());
  g_autofree char *xml = vd_e2e_guest_xml (name);
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileIOStream) io = NULL;
  g_autoptr(GAsyncResult) saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GdkPixbuf) loaded = NULL;
  g_autoptr(GdkPixbuf) shown = NULL;
  GtkWidget *view = vd_console_view_new ();
  VdConsoleView *console = VD_CONSOLE_VIEW (view);
  GtkWidget *window;
  VdDomain *domain;
  gint64 begin;

  domain = define_guest (connection, name, xml);
  vd_console_view_set_domain (console, domain);
  window = new_window (view, group);
  gtk_test_widget_wait_for_draw (window);
  g_assert_true (is_page (console, "inactive"));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (group), "send-key"));

  /* The guest starts: the view connects by itself. */
  begin = g_get_monotonic_time ();
  start_guest (domain);
  VD_TEST_WAIT_UNTIL (vd_console_view_get_initialized (console), WAIT_SECONDS);
  g_assert_true (is_page (console, "display"));
  g_test_message ("initialized %.0f ms after start",
                  (g_get_monotonic_time () - begin) / 1000.0);
  VD_TEST_WAIT_UNTIL (has_pixels (console), WAIT_SECONDS);
  g_test_message ("pixels %.0f ms after start", (g_get_monotonic_time () - begin) / 1000.0);

  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (group), "send-key"));
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (group), "screenshot"));
  /* USB redirection is SPICE's: a VNC console does not offer it. */
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (group), "usb-devices"));

  /* Scaling follows console-scaling; "fullscreen" scales only in a
   * fullscreen window, which this one is not. */
  {
    g_autoptr(GSettings) settings = g_settings_new ("io.github.virtdesk.VirtDesk");
    VdConsoleDisplay *display = vd_console_view_get_display (console);

    vd_console_view_set_settings (console, settings);
    g_assert_true (vd_console_display_get_scaling (display));
    g_settings_set_string (settings, "console-scaling", "never");
    g_assert_false (vd_console_display_get_scaling (display));
    g_settings_set_string (settings, "console-scaling", "always");
    g_assert_true (vd_console_display_get_scaling (display));
    g_settings_set_string (settings, "console-scaling", "fullscreen");
    g_assert_false (vd_console_display_get_scaling (display));
    g_settings_reset (settings, "console-scaling");
    g_assert_true (vd_console_display_get_scaling (display));
    vd_console_view_set_settings (console, NULL);
  }
  check_view_options (console, group, window);
  g_action_group_activate_action (G_ACTION_GROUP (group), "send-key",
                                  g_variant_new_string ("ctrl-alt-f1"));
  assert_responsive (window);
  g_assert_true (vd_console_view_get_initialized (console));

  /* The screenshot is the guest's screen, as a PNG. */
  file = g_file_new_tmp ("vd-e2e-console-XXXXXX.png", &io, &error);
  g_assert_no_error (error);
  vd_console_view_save_screenshot_async (console, file, NULL, vd_test_async_result_cb, &saved);
  VD_TEST_WAIT_RESULT (saved);
  g_assert_true (vd_console_view_save_screenshot_finish (console, saved, &error));
  g_assert_no_error (error);
  loaded = gdk_pixbuf_new_from_file (g_file_peek_path (file), &error);
  g_assert_no_error (error);
  shown = vd_console_display_get_pixbuf (vd_console_view_get_display (console));
  g_assert_cmpint (gdk_pixbuf_get_width (loaded), ==, gdk_pixbuf_get_width (shown));
  g_assert_cmpint (gdk_pixbuf_get_height (loaded), ==, gdk_pixbuf_get_height (shown));
  g_assert_cmpint (gdk_pixbuf_get_width (loaded), >=, 320);
  g_file_delete (file, NULL, NULL);

  /* Retry on a live display: the old session goes (its socket closed by
   * gtk-vnc, none left open), a new one shows the screen again. */
  {
    guint fds = count_fds ();

    vd_console_view_reconnect (console);
    g_assert_false (vd_console_view_get_initialized (console));
    VD_TEST_WAIT_UNTIL (vd_console_view_get_initialized (console), WAIT_SECONDS);
    VD_TEST_WAIT_UNTIL (has_pixels (console), WAIT_SECONDS);
    VD_TEST_WAIT_UNTIL (count_fds () == fds, 10);
  }

  /* Pulled from under the console: the Run page, and a window that still
   * works. */
  g_assert_cmpint (virDomainDestroy (vd_domain_get_handle (domain)), ==, 0);
  VD_TEST_WAIT_UNTIL (is_page (console, "inactive"), WAIT_SECONDS);
  g_assert_false (vd_console_view_get_initialized (console));
  g_assert_null (vd_console_view_get_display (console));
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (group), "screenshot"));
  assert_responsive (window);
  /* And it stays there: no reconnection to a stopped guest. */
  {
    gint64 until = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

    while (g_get_monotonic_time () < until)
      {
        g_main_context_iteration (NULL, FALSE);
        g_usleep (1000);
      }
  }
  g_assert_true (is_page (console, "inactive"));

  gtk_widget_destroy (window);
  undefine_guest (connection, domain);
  vd_connection_disconnect (connection);
}

static char *
password_guest_xml (const char *name)
{
  g_autofree char *xml = vd_e2e_guest_xml (name);
  g_auto(GStrv) parts = g_strsplit (xml, "<graphics type='vnc'", 2);

  g_assert_cmpuint (g_strv_length (parts), ==, 2);

  return g_strconcat (parts[0], "<graphics type='vnc' passwd='" PASSWORD "'", parts[1], NULL);
}

static void
answer (VdConsoleView *console,
        const char    *password)
{
  GtkWidget *entry = vd_test_find_by_accessible_name (GTK_WIDGET (console), "Display password");
  GtkWidget *button = vd_test_find_by_accessible_name (GTK_WIDGET (console), "Connect");

  g_assert_true (GTK_IS_ENTRY (entry));
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_false (gtk_entry_get_visibility (GTK_ENTRY (entry)));
  gtk_entry_set_text (GTK_ENTRY (entry), password);
  gtk_button_clicked (GTK_BUTTON (button));
  /* Sent, and not kept in the entry. */
  g_assert_cmpstr (gtk_entry_get_text (GTK_ENTRY (entry)), ==, "");
}

static void
test_password (void)
{
  g_autoptr(VdConnection) connection = open_system ();
  g_autofree char *name = g_strdup_printf ("vd-e2e-console-pw-%d", (int)getpid ());
  g_autofree char *xml = password_guest_xml (name);
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  GtkWidget *view = vd_console_view_new ();
  VdConsoleView *console = VD_CONSOLE_VIEW (view);
  GtkWidget *window;
  VdDomain *domain;
  const char *error;

  domain = define_guest (connection, name, xml);
  start_guest (domain);

  /* Already running when shown: it connects at once and asks. */
  vd_console_view_set_domain (console, domain);
  window = new_window (view, group);
  VD_TEST_WAIT_UNTIL (is_page (console, "auth"), WAIT_SECONDS);
  g_assert_false (vd_console_view_get_initialized (console));

  answer (console, "not-the-password");
  VD_TEST_WAIT_UNTIL (is_page (console, "error"), WAIT_SECONDS);
  error = vd_console_view_get_error (console);
  g_test_message ("wrong password: %s", error);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error, "did not accept the password"));
  g_assert_null (strstr (error, "not-the-password"));
  g_assert_false (vd_console_view_get_initialized (console));

  /* Retry asks again; the right password shows the screen. */
  gtk_button_clicked (GTK_BUTTON (vd_test_find_by_accessible_name (view, "Retry")));
  VD_TEST_WAIT_UNTIL (is_page (console, "auth"), WAIT_SECONDS);
  answer (console, PASSWORD);
  VD_TEST_WAIT_UNTIL (vd_console_view_get_initialized (console), WAIT_SECONDS);
  g_assert_true (is_page (console, "display"));
  VD_TEST_WAIT_UNTIL (has_pixels (console), WAIT_SECONDS);
  g_assert_null (vd_console_view_get_error (console));

  /* Closed while the screen is live: gtk-vnc's last signals arrive after
   * the window is gone, without a critical (fatal here). */
  gtk_widget_destroy (window);
  {
    GtkWidget *other = gtk_window_new (GTK_WINDOW_TOPLEVEL);

    gtk_widget_show (other);
    assert_responsive (other);
    gtk_widget_destroy (other);
  }

  g_assert_cmpint (virDomainDestroy (vd_domain_get_handle (domain)), ==, 0);
  VD_TEST_WAIT_UNTIL (!vd_domain_get_active (domain), WAIT_SECONDS);
  undefine_guest (connection, domain);
  vd_connection_disconnect (connection);
}

/* What the keyring holds for @domain's VNC display (NULL: nothing). */
static char *
saved_password (VdConnection *connection,
                VdDomain     *domain)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *password;

  vd_console_secrets_lookup_async (vd_connection_get_uri (connection),
                                   vd_domain_get_uuid (domain), "vnc", NULL,
                                   vd_test_async_result_cb, &result);
  VD_TEST_WAIT_RESULT (result);
  password = vd_console_secrets_lookup_finish (result, &error);
  g_assert_no_error (error);

  return password;
}

static gboolean
has_saved_password (VdConnection *connection,
                    VdDomain     *domain)
{
  char *password = saved_password (connection, domain);
  gboolean saved = password != NULL;

  vd_console_secrets_free (password);
  return saved;
}

static void
page_seen_cb (VdConsoleView *console,
              GParamSpec    *pspec,
              gboolean      *asked)
{
  if (is_page (console, "auth"))
    *asked = TRUE;
}

/* The guest's VNC password, changed while it runs. */
static void
change_password (VdDomain   *domain,
                 const char *password)
{
  g_autofree char *xml = virDomainGetXMLDesc (vd_domain_get_handle (domain),
                                              VIR_DOMAIN_XML_SECURE);
  const char *start = strstr (xml, "<graphics type='vnc'");
  const char *end = start != NULL ? strstr (start, "</graphics>") : NULL;
  g_autofree char *graphics = NULL;
  g_auto(GStrv) parts = NULL;
  g_autofree char *changed = NULL;

  g_assert_nonnull (end);
  graphics = g_strndup (start, end + strlen ("</graphics>") - start);
  parts = g_strsplit (graphics, "passwd='" PASSWORD "'", 2);
  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  changed = g_strdup_printf ("%spasswd='%s'%s", parts[0], password, parts[1]);
  if (virDomainUpdateDeviceFlags (vd_domain_get_handle (domain), changed,
                                  VIR_DOMAIN_AFFECT_LIVE) != 0)
    g_error ("could not change the VNC password: %s", virGetLastErrorMessage ());
}

/* Remember password: the first connection saves it once the display took
 * it; the next connects without asking; when the guest's password changes,
 * the saved one is refused, removed from the keyring, and the prompt comes
 * back with the reason; the new one (not remembered) works. */
static void
test_password_remembered (void)
{
  g_autoptr(VdConnection) connection = open_system ();
  g_autofree char *name = g_strdup_printf ("vd-e2e-console-pwsave-%d", (int)getpid ());
  g_autofree char *xml = password_guest_xml (name);
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  GtkWidget *view = vd_console_view_new ();
  VdConsoleView *console = VD_CONSOLE_VIEW (view);
  GtkWidget *window;
  GtkWidget *remember;
  VdDomain *domain;
  gboolean asked = FALSE;
  char *password;

  if (vd_test_keyring.keyring_pid == 0)
    {
      g_test_skip ("gnome-keyring-daemon is not installed");
      return;
    }

  domain = define_guest (connection, name, xml);
  start_guest (domain);
  g_assert_false (has_saved_password (connection, domain));

  vd_console_view_set_domain (console, domain);
  window = new_window (view, group);
  VD_TEST_WAIT_UNTIL (is_page (console, "auth"), WAIT_SECONDS);
  remember = vd_test_find_by_accessible_name (view, "Remember password");
  g_assert_true (GTK_IS_CHECK_BUTTON (remember));
  g_assert_true (gtk_widget_get_visible (remember));
  g_assert_true (gtk_widget_is_sensitive (remember));
  /* Off unless asked for. */
  g_assert_false (gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (remember)));
  VD_TEST_WAIT_UNTIL (g_action_group_get_action_enabled (G_ACTION_GROUP (group),
                                                         "forget-password"), WAIT_SECONDS);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (remember), TRUE);
  answer (console, PASSWORD);
  VD_TEST_WAIT_UNTIL (vd_console_view_get_initialized (console), WAIT_SECONDS);
  VD_TEST_WAIT_UNTIL (has_saved_password (connection, domain), WAIT_SECONDS);
  password = saved_password (connection, domain);
  g_assert_cmpstr (password, ==, PASSWORD);
  vd_console_secrets_free (password);
  gtk_widget_destroy (window);

  /* Reopened: the saved password, no prompt. */
  view = vd_console_view_new ();
  console = VD_CONSOLE_VIEW (view);
  g_signal_connect (console, "notify::page", G_CALLBACK (page_seen_cb), &asked);
  vd_console_view_set_domain (console, domain);
  window = new_window (view, g_steal_pointer (&group));
  VD_TEST_WAIT_UNTIL (vd_console_view_get_initialized (console), WAIT_SECONDS);
  VD_TEST_WAIT_UNTIL (has_pixels (console), WAIT_SECONDS);
  g_assert_false (asked);
  gtk_widget_destroy (window);

  /* A new password on the guest: the saved one goes, the prompt says why. */
  change_password (domain, NEW_PASSWORD);
  group = g_simple_action_group_new ();
  view = vd_console_view_new ();
  console = VD_CONSOLE_VIEW (view);
  vd_console_view_set_domain (console, domain);
  window = new_window (view, group);
  VD_TEST_WAIT_UNTIL (is_page (console, "auth"), WAIT_SECONDS);
  g_test_message ("stale password: %s", vd_console_view_get_auth_reason (console));
  g_assert_nonnull (strstr (vd_console_view_get_auth_reason (console), "saved password"));
  g_assert_null (strstr (vd_console_view_get_auth_reason (console), PASSWORD));
  VD_TEST_WAIT_UNTIL (!has_saved_password (connection, domain), WAIT_SECONDS);
  answer (console, NEW_PASSWORD);
  VD_TEST_WAIT_UNTIL (vd_console_view_get_initialized (console), WAIT_SECONDS);
  g_assert_null (vd_console_view_get_auth_reason (console));
  /* Not remembered this time. */
  g_assert_false (has_saved_password (connection, domain));

  /* Forget Saved Password removes what Remember stored. */
  vd_console_view_reconnect (console);
  VD_TEST_WAIT_UNTIL (is_page (console, "auth"), WAIT_SECONDS);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (vd_test_find_by_accessible_name (view, "Remember password")), TRUE);
  answer (console, NEW_PASSWORD);
  VD_TEST_WAIT_UNTIL (vd_console_view_get_initialized (console), WAIT_SECONDS);
  VD_TEST_WAIT_UNTIL (has_saved_password (connection, domain), WAIT_SECONDS);
  g_action_group_activate_action (G_ACTION_GROUP (group), "forget-password", NULL);
  VD_TEST_WAIT_UNTIL (!has_saved_password (connection, domain), WAIT_SECONDS);
  gtk_widget_destroy (window);

  g_assert_cmpint (virDomainDestroy (vd_domain_get_handle (domain)), ==, 0);
  VD_TEST_WAIT_UNTIL (!vd_domain_get_active (domain), WAIT_SECONDS);
  undefine_guest (connection, domain);
  vd_connection_disconnect (connection);
}

/* A SPICE guest with QXL video: the console opens the main channel on
 * virDomainOpenGraphicsFD's socket and gets one more socket per channel
 * (display, inputs, cursor) the same way; real pixels arrive. With a
 * password, the console asks for it, refuses a wrong one with the reason,
 * and shows the screen with the right one. */
/* The guest's persistent configuration's USB redirection channels. */
static guint
count_redirdevs (VdDomain *domain)
{
  g_autofree char *xml = virDomainGetXMLDesc (vd_domain_get_handle (domain),
                                              VIR_DOMAIN_XML_INACTIVE);
  guint n = 0;

  g_assert_nonnull (xml);
  for (const char *p = strstr (xml, "<redirdev"); p != NULL; p = strstr (p + 1, "<redirdev"))
    {
      g_assert_nonnull (strstr (p, "type='spicevmc'"));
      n++;
    }

  return n;
}

/* The console menu's USB Devices on a live SPICE display: the list shows
 * exactly the devices spice-gtk's USB device manager reports here. */
static VdConsoleUsbList *
open_usb_list (VdConsoleView      *console,
               GSimpleActionGroup *group)
{
  GtkWidget *popover;

  VD_TEST_WAIT_UNTIL (g_action_group_get_action_enabled (G_ACTION_GROUP (group), "usb-devices"),
                      WAIT_SECONDS);
  g_action_group_activate_action (G_ACTION_GROUP (group), "usb-devices", NULL);
  popover = vd_console_view_get_usb_popover (console);
  g_assert_nonnull (popover);
  VD_TEST_WAIT_UNTIL (gtk_widget_get_mapped (popover), 10);

  return VD_CONSOLE_USB_LIST (vd_console_view_get_usb_list (console));
}

static char *
spice_guest_xml (const char *name,
                 const char *password,
                 guint       usb_channels)
{
  g_autofree char *xml = vd_e2e_guest_xml (name);
  g_autoptr(GString) usb = g_string_new (NULL);
  g_autofree char *graphics = NULL;
  g_auto(GStrv) parts = NULL;

  /* USB redirection channels, on an XHCI controller. */
  if (usb_channels > 0)
    g_string_append (usb, "<controller type='usb' model='qemu-xhci'/>");
  for (guint i = 0; i < usb_channels; i++)
    g_string_append (usb, "<redirdev bus='usb' type='spicevmc'/>");
  graphics = g_strdup_printf ("<graphics type='spice' autoport='yes' "
                              "listen='127.0.0.1'%s%s%s/>"
                              "<video><model type='qxl'/></video>%s",
                              password != NULL ? " passwd='" : "",
                              password != NULL ? password : "",
                              password != NULL ? "'" : "", usb->str);
  parts = g_strsplit (xml, "<graphics type='vnc' autoport='yes' listen='127.0.0.1'/>", 2);

  g_assert_cmpuint (g_strv_length (parts), ==, 2);

  return g_strconcat (parts[0], graphics, parts[1], NULL);
}

static void
test_spice (void)
{
  g_autoptr(VdConnection) connection = open_system ();
  g_autofree char *name = g_strdup_printf ("vd-e2e-console-spice-%d", (int)getpid ());
  g_autofree char *xml = spice_guest_xml (name, NULL, 2);
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  GtkWidget *view = vd_console_view_new ();
  VdConsoleView *console = VD_CONSOLE_VIEW (view);
  GtkWidget *window;
  VdDomain *domain;
  gint64 begin;
  guint fds;

  domain = define_guest (connection, name, xml);
  vd_console_view_set_domain (console, domain);
  window = new_window (view, group);
  fds = count_fds ();

  begin = g_get_monotonic_time ();
  start_guest (domain);
  VD_TEST_WAIT_UNTIL (vd_console_view_get_initialized (console), WAIT_SECONDS);
  g_assert_true (is_page (console, "display"));
  g_test_message ("SPICE display ready %.0f ms after start",
                  (g_get_monotonic_time () - begin) / 1000.0);
  VD_TEST_WAIT_UNTIL (has_pixels (console), WAIT_SECONDS);
  g_test_message ("SPICE pixels %.0f ms after start", (g_get_monotonic_time () - begin) / 1000.0);
  g_assert_true (g_action_group_get_action_enabled (G_ACTION_GROUP (group), "send-key"));
  g_action_group_activate_action (G_ACTION_GROUP (group), "send-key",
                                  g_variant_new_string ("ctrl-alt-f1"));
  assert_responsive (window);

  /* Both USB redirection channels open; USB Devices lists what spice-gtk
   * finds on this computer (none in a sandbox without /sys/bus/usb). */
  {
    VdConsoleSessionSpice *spice = VD_CONSOLE_SESSION_SPICE (vd_console_view_get_session (console));
    g_autoptr(GPtrArray) devices = NULL;
    g_autoptr(GError) error = NULL;
    SpiceUsbDeviceManager *manager;
    VdConsoleUsbList *list;

    VD_TEST_WAIT_UNTIL (vd_console_session_spice_get_n_usb_channels (spice) == 2, WAIT_SECONDS);
    manager = vd_console_session_spice_get_usb_manager (spice, &error);
    g_assert_no_error (error);
    list = open_usb_list (console, group);
    devices = spice_usb_device_manager_get_devices (manager);
    g_test_message ("spice-gtk lists %u USB devices here", devices->len);
    g_assert_cmpuint (vd_console_usb_list_get_n_devices (list), ==, devices->len);
    g_assert_cmpstr (vd_console_usb_list_get_state (list), ==,
                     devices->len == 0 ? "empty" : "devices");
    if (g_getenv ("VD_E2E_USB_SHOT") != NULL)
      {
        /* (A look at the real thing for people, not an assertion.) */
        g_autofree char *command =
          g_strdup_printf ("import -display %s -window root %s",
                           gdk_display_get_name (gtk_widget_get_display (window)),
                           g_getenv ("VD_E2E_USB_SHOT"));

        assert_responsive (window);
        g_assert_true (g_spawn_command_line_sync (command, NULL, NULL, NULL, NULL));
      }
    gtk_popover_popdown (GTK_POPOVER (vd_console_view_get_usb_popover (console)));

    /* Devices plugged in later go to the guest only when Preferences says
     * so. */
    {
      g_autoptr(GSettings) settings = g_settings_new ("io.github.virtdesk.VirtDesk");

      vd_console_view_set_settings (console, settings);
      g_assert_false (vd_console_session_spice_get_usb_auto_redirect (spice));
      g_settings_set_boolean (settings, "console-usb-auto-redirect", TRUE);
      g_assert_true (vd_console_session_spice_get_usb_auto_redirect (spice));
      g_settings_reset (settings, "console-usb-auto-redirect");
      g_assert_false (vd_console_session_spice_get_usb_auto_redirect (spice));
      vd_console_view_set_settings (console, NULL);
    }
  }

  /* Pulled from under the console: the Run page, every channel's socket
   * closed, and a window that still works. */
  g_assert_cmpint (virDomainDestroy (vd_domain_get_handle (domain)), ==, 0);
  VD_TEST_WAIT_UNTIL (is_page (console, "inactive"), WAIT_SECONDS);
  g_assert_null (vd_console_view_get_display (console));
  assert_responsive (window);
  VD_TEST_WAIT_UNTIL (count_fds () <= fds, 10);

  gtk_widget_destroy (window);
  undefine_guest (connection, domain);
  vd_connection_disconnect (connection);
}

static void
test_spice_password (void)
{
  g_autoptr(VdConnection) connection = open_system ();
  g_autofree char *name = g_strdup_printf ("vd-e2e-console-spice-pw-%d", (int)getpid ());
  g_autofree char *xml = spice_guest_xml (name, PASSWORD, 0);
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  GtkWidget *view = vd_console_view_new ();
  VdConsoleView *console = VD_CONSOLE_VIEW (view);
  GtkWidget *window;
  VdDomain *domain;
  const char *error;

  domain = define_guest (connection, name, xml);
  start_guest (domain);
  vd_console_view_set_domain (console, domain);
  window = new_window (view, group);
  VD_TEST_WAIT_UNTIL (is_page (console, "auth"), WAIT_SECONDS);

  answer (console, "not-the-password");
  VD_TEST_WAIT_UNTIL (is_page (console, "error"), WAIT_SECONDS);
  error = vd_console_view_get_error (console);
  g_test_message ("wrong SPICE password: %s", error);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error, "did not accept the password"));
  g_assert_null (strstr (error, "not-the-password"));

  gtk_button_clicked (GTK_BUTTON (vd_test_find_by_accessible_name (view, "Retry")));
  VD_TEST_WAIT_UNTIL (is_page (console, "auth"), WAIT_SECONDS);
  answer (console, PASSWORD);
  VD_TEST_WAIT_UNTIL (vd_console_view_get_initialized (console), WAIT_SECONDS);
  VD_TEST_WAIT_UNTIL (has_pixels (console), WAIT_SECONDS);
  g_assert_null (vd_console_view_get_error (console));

  /* No USB redirection channel: USB Devices says so, and Add a Channel
   * adds exactly one to the configuration (hot-plugged into the running
   * guest too: the console's next connection opens it). */
  {
    VdConsoleUsbList *list = open_usb_list (console, group);
    GtkWidget *add;

    g_assert_cmpstr (vd_console_usb_list_get_state (list), ==, "no-channels");
    g_assert_cmpuint (count_redirdevs (domain), ==, 0);
    add = vd_test_find_by_accessible_name (GTK_WIDGET (list), "Add a Channel");
    g_assert_nonnull (add);
    gtk_button_clicked (GTK_BUTTON (add));
    VD_TEST_WAIT_UNTIL (vd_console_usb_list_get_add_result (list) != NULL, WAIT_SECONDS);
    g_test_message ("%s", vd_console_usb_list_get_add_result (list));
    g_assert_null (vd_domain_get_last_error (domain));
    g_assert_cmpuint (count_redirdevs (domain), ==, 1);
    gtk_popover_popdown (GTK_POPOVER (vd_console_view_get_usb_popover (console)));

    /* (The password is asked again: it was not remembered.) */
    vd_console_view_reconnect (console);
    VD_TEST_WAIT_UNTIL (is_page (console, "auth"), WAIT_SECONDS);
    answer (console, PASSWORD);
    VD_TEST_WAIT_UNTIL (vd_console_view_get_initialized (console), WAIT_SECONDS);
    VD_TEST_WAIT_UNTIL (vd_console_session_spice_get_n_usb_channels (
                          VD_CONSOLE_SESSION_SPICE (vd_console_view_get_session (console))) == 1,
                        WAIT_SECONDS);
    list = open_usb_list (console, group);
    g_assert_cmpstr (vd_console_usb_list_get_state (list), !=, "no-channels");
  }

  gtk_widget_destroy (window);
  g_assert_cmpint (virDomainDestroy (vd_domain_get_handle (domain)), ==, 0);
  VD_TEST_WAIT_UNTIL (!vd_domain_get_active (domain), WAIT_SECONDS);
  undefine_guest (connection, domain);
  vd_connection_disconnect (connection);
}

/* The tiny Linux guest (tests/e2e/build-tiny-guest): kernel and initramfs
 * built once into the build directory, copied where QEMU can read them. */
static void
tiny_guest_files (char **kernel,
                  char **initrd)
{
  const char *cache = vd_e2e_require_env ("VD_E2E_TINY_CACHE");
  const char *script = vd_e2e_require_env ("VD_E2E_BUILD_TINY_GUEST");
  const char *images = vd_e2e_require_env ("VD_E2E_IMAGE_DIR");
  const char *argv[] = { script, cache, NULL };
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **)argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, NULL,
                     &status, &error) ||
      !g_spawn_check_wait_status (status, &error))
    g_error ("building the tiny guest failed: %s", error->message);

  *kernel = g_build_filename (images, "vd-e2e-tiny-vmlinuz", NULL);
  *initrd = g_build_filename (images, "vd-e2e-tiny-initrd.img", NULL);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *from = g_build_filename (cache, i == 0 ? "vmlinuz" : "initrd.img", NULL);
      g_autoptr(GFile) source = g_file_new_for_path (from);
      g_autoptr(GFile) target = g_file_new_for_path (i == 0 ? *kernel : *initrd);

      if (!g_file_copy (source, target, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, &error))
        g_error ("copying %s: %s", from, error->message);
      g_chmod (i == 0 ? *kernel : *initrd, 0644);
    }
}

static gboolean
terminal_has_line (VdSerialConsole *serial,
                   const char      *wanted)
{
  g_autofree char *text = vd_serial_console_get_text (serial);
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_strstrip (lines[i]);
      if (g_str_equal (lines[i], wanted))
        return TRUE;
    }
  return FALSE;
}

/* A guest without graphics, with a serial console: the view shows the
 * terminal by itself; what is typed reaches the guest's shell and its
 * answer comes back; ACPI shutdown powers it off and the view follows. */
static void
test_serial (void)
{
  g_autoptr(VdConnection) connection = open_system ();
  g_autofree char *name = g_strdup_printf ("vd-e2e-console-serial-%d", (int)getpid ());
  g_autofree char *kernel = NULL;
  g_autofree char *initrd = NULL;
  g_autofree char *xml = NULL;
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *view = vd_console_view_new ();
  VdConsoleView *console = VD_CONSOLE_VIEW (view);
  VdSerialConsole *serial = vd_console_view_get_serial (console);
  const char *command = "echo $((40+2))\n";
  GtkWidget *window;
  VdDomain *domain;
  gint64 begin;

  tiny_guest_files (&kernel, &initrd);
  xml = g_strdup_printf ("<domain type='qemu'>"
                         "  <name>%s</name>"
                         "  <memory unit='MiB'>128</memory>"
                         "  <vcpu>1</vcpu>"
                         "  <os><type arch='x86_64' machine='pc'>hvm</type>"
                         "    <kernel>%s</kernel><initrd>%s</initrd>"
                         "    <cmdline>console=tty0 console=ttyS0 quiet</cmdline></os>"
                         "  <features><acpi/></features>"
                         "  <devices>"
                         "    <serial type='pty'><target port='0'/></serial>"
                         "    <console type='pty'><target type='serial' port='0'/></console>"
                         "  </devices>"
                         "</domain>", name, kernel, initrd);

  domain = define_guest (connection, name, xml);
  vd_console_view_set_domain (console, domain);
  window = new_window (view, group);

  begin = g_get_monotonic_time ();
  start_guest (domain);
  VD_TEST_WAIT_UNTIL (is_page (console, "serial"), WAIT_SECONDS);
  g_assert_true (vd_serial_console_get_connected (serial));
  g_test_message ("text console %.0f ms after start", (g_get_monotonic_time () - begin) / 1000.0);
  /* No screen to send keys to or take a picture of. */
  g_assert_false (g_action_group_get_action_enabled (G_ACTION_GROUP (group), "screenshot"));

  /* Typed as the user types (VTE's commit), until the shell answers: the
   * first lines may go before it runs. */
  begin = g_get_monotonic_time ();
  while (!terminal_has_line (serial, "42"))
    {
      guint64 until = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

      g_assert_cmpint (g_get_monotonic_time () - begin, <, WAIT_SECONDS * G_USEC_PER_SEC);
      vte_terminal_feed_child (vd_serial_console_get_terminal (serial), command, -1);
      while (g_get_monotonic_time () < (gint64)until && !terminal_has_line (serial, "42"))
        {
          g_main_context_iteration (NULL, FALSE);
          g_usleep (1000);
        }
    }
  g_test_message ("answer %.0f ms after typing", (g_get_monotonic_time () - begin) / 1000.0);
  assert_responsive (window);

  /* Shut Down (ACPI): the guest powers off by itself, the console ends and
   * the view shows the Run page. */
  vd_domain_shutdown_async (domain, NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_RESULT (result);
  g_assert_true (vd_domain_shutdown_finish (domain, result, &error));
  g_assert_no_error (error);
  VD_TEST_WAIT_UNTIL (!vd_domain_get_active (domain), WAIT_SECONDS);
  VD_TEST_WAIT_UNTIL (is_page (console, "inactive"), WAIT_SECONDS);
  g_assert_false (vd_serial_console_get_connected (serial));
  assert_responsive (window);

  gtk_widget_destroy (window);
  undefine_guest (connection, domain);
  vd_connection_disconnect (connection);
}

/* Two serial ports on the tiny guest: the chooser lists both; one view
 * shows Serial 1 (virDomainOpenConsole with its alias), another the shell
 * on Serial 0, and what the shell writes to /dev/ttyS1 arrives in the
 * first. */
static void
test_two_serials (void)
{
  g_autoptr(VdConnection) connection = open_system ();
  g_autofree char *name = g_strdup_printf ("vd-e2e-console-serials-%d", (int)getpid ());
  g_autofree char *kernel = NULL;
  g_autofree char *initrd = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *labels = NULL;
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleActionGroup) shell_group = g_simple_action_group_new ();
  GtkWidget *view = vd_console_view_new ();
  GtkWidget *shell_view = vd_console_view_new ();
  VdConsoleView *console = VD_CONSOLE_VIEW (view);
  VdConsoleView *shell = VD_CONSOLE_VIEW (shell_view);
  const char *command = "echo vd-two-$((6*7)) > /dev/ttyS1\n";
  GtkWidget *window, *shell_window, *chooser;
  GtkTreeModel *model;
  GtkTreeIter iter;
  VdDomain *domain;
  gint64 begin;

  tiny_guest_files (&kernel, &initrd);
  xml = g_strdup_printf ("<domain type='qemu'>"
                         "  <name>%s</name>"
                         "  <memory unit='MiB'>128</memory>"
                         "  <vcpu>1</vcpu>"
                         "  <os><type arch='x86_64' machine='pc'>hvm</type>"
                         "    <kernel>%s</kernel><initrd>%s</initrd>"
                         "    <cmdline>console=tty0 console=ttyS0 quiet</cmdline></os>"
                         "  <features><acpi/></features>"
                         "  <devices>"
                         "    <serial type='pty'><target port='0'/></serial>"
                         "    <serial type='pty'><target port='1'/></serial>"
                         "    <console type='pty'><target type='serial' port='0'/></console>"
                         "  </devices>"
                         "</domain>", name, kernel, initrd);

  domain = define_guest (connection, name, xml);
  start_guest (domain);
  vd_console_view_set_domain (shell, domain);
  shell_window = new_window (shell_view, shell_group);
  vd_console_view_set_domain (console, domain);
  window = new_window (view, group);

  VD_TEST_WAIT_UNTIL (is_page (console, "serial"), WAIT_SECONDS);
  chooser = vd_test_find_by_accessible_name (view, "Console device");
  g_assert_true (gtk_widget_is_visible (chooser));
  model = gtk_combo_box_get_model (GTK_COMBO_BOX (chooser));
  g_assert_true (gtk_tree_model_get_iter_first (model, &iter));
  {
    g_autofree char *first = NULL;
    g_autofree char *second = NULL;

    gtk_tree_model_get (model, &iter, 0, &first, -1);
    g_assert_true (gtk_tree_model_iter_next (model, &iter));
    gtk_tree_model_get (model, &iter, 0, &second, -1);
    g_assert_false (gtk_tree_model_iter_next (model, &iter));
    g_assert_cmpstr (first, ==, "Serial 0");
    g_assert_cmpstr (second, ==, "Serial 1");
  }
  g_assert_cmpstr (vd_console_view_get_console_device (console), ==, "serial0");

  gtk_combo_box_set_active (GTK_COMBO_BOX (chooser), 1);
  VD_TEST_WAIT_UNTIL (g_strcmp0 (vd_console_view_get_console_device (console), "serial1") == 0 &&
                      vd_serial_console_get_connected (vd_console_view_get_serial (console)),
                      WAIT_SECONDS);

  /* The shell (Serial 0, in the other view) writes to Serial 1. */
  VD_TEST_WAIT_UNTIL (is_page (shell, "serial"), WAIT_SECONDS);
  g_assert_cmpstr (vd_console_view_get_console_device (shell), ==, "serial0");
  begin = g_get_monotonic_time ();
  while (!terminal_has_line (vd_console_view_get_serial (console), "vd-two-42"))
    {
      gint64 until = g_get_monotonic_time () + 2 * G_USEC_PER_SEC;

      g_assert_cmpint (g_get_monotonic_time () - begin, <, WAIT_SECONDS * G_USEC_PER_SEC);
      vte_terminal_feed_child (vd_serial_console_get_terminal (vd_console_view_get_serial (shell)),
                               command, -1);
      while (g_get_monotonic_time () < until &&
             !terminal_has_line (vd_console_view_get_serial (console), "vd-two-42"))
        {
          g_main_context_iteration (NULL, FALSE);
          g_usleep (1000);
        }
    }
  /* Not on Serial 0's screen as output of its own (only the command). */
  g_assert_false (terminal_has_line (vd_console_view_get_serial (shell), "vd-two-42"));

  gtk_widget_destroy (window);
  gtk_widget_destroy (shell_window);
  g_assert_cmpint (virDomainDestroy (vd_domain_get_handle (domain)), ==, 0);
  VD_TEST_WAIT_UNTIL (!vd_domain_get_active (domain), WAIT_SECONDS);
  undefine_guest (connection, domain);
  vd_connection_disconnect (connection);
}

/* Consoles as tabs: two real VNC guests in one window, each tab's display
 * gets the guest's pixels; closing a tab ends its session (the view goes),
 * the other keeps its screen; the last one takes the window. */
static void
test_tabs (void)
{
  g_autoptr(VdConnection) connection = open_system ();
  g_autofree char *first_name = g_strdup_printf ("vd-e2e-console-tab1-%d", (int)getpid ());
  g_autofree char *second_name = g_strdup_printf ("vd-e2e-console-tab2-%d", (int)getpid ());
  g_autofree char *first_xml = vd_e2e_guest_xml (first_name);
  g_autofree char *second_xml = vd_e2e_guest_xml (second_name);
  VdConsoleTabsWindow *tabs = vd_console_tabs_window_new (NULL, NULL);
  VdConsoleView *first_view, *second_view;
  VdDomain *first, *second;

  first = define_guest (connection, first_name, first_xml);
  second = define_guest (connection, second_name, second_xml);
  start_guest (first);
  start_guest (second);

  g_object_add_weak_pointer (G_OBJECT (tabs), (gpointer *)&tabs);
  gtk_window_set_default_size (GTK_WINDOW (tabs), 800, 600);
  vd_console_tabs_window_open (tabs, first);
  vd_console_tabs_window_open (tabs, second);
  gtk_window_present (GTK_WINDOW (tabs));
  first_view = vd_console_tabs_window_get_view (tabs, first);
  second_view = vd_console_tabs_window_get_view (tabs, second);
  g_object_add_weak_pointer (G_OBJECT (first_view), (gpointer *)&first_view);

  /* The tab shown, then the other one. */
  g_assert_true (vd_console_tabs_window_get_current (tabs) == second);
  VD_TEST_WAIT_UNTIL (vd_console_view_get_initialized (second_view), WAIT_SECONDS);
  VD_TEST_WAIT_UNTIL (has_pixels (second_view), WAIT_SECONDS);
  vd_console_tabs_window_open (tabs, first);
  g_assert_true (vd_console_tabs_window_get_current (tabs) == first);
  g_assert_cmpuint (vd_console_tabs_window_get_n_tabs (tabs), ==, 2);
  VD_TEST_WAIT_UNTIL (vd_console_view_get_initialized (first_view), WAIT_SECONDS);
  VD_TEST_WAIT_UNTIL (has_pixels (first_view), WAIT_SECONDS);
  /* The window's console menu is the tab's. */
  g_assert_true (g_action_group_get_action_enabled (gtk_widget_get_action_group (GTK_WIDGET (tabs),
                                                                                 "vm"),
                                                    "send-key"));
  if (g_getenv ("VD_E2E_SCREENSHOT") != NULL)
    {
      /* For the guide: the window as it is, by `import -window root`. */
      gtk_test_widget_wait_for_draw (GTK_WIDGET (tabs));
      g_usleep (G_USEC_PER_SEC / 2);
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_spawn_command_line_sync (g_getenv ("VD_E2E_SCREENSHOT"), NULL, NULL, NULL, NULL);
    }

  /* Closed: the session ends with the view; the other display stays. */
  g_assert_true (vd_console_tabs_window_close_tab (tabs, first));
  VD_TEST_WAIT_UNTIL (first_view == NULL, WAIT_SECONDS);
  g_assert_true (vd_console_view_get_initialized (second_view));
  assert_responsive (GTK_WIDGET (tabs));
  g_assert_true (vd_console_tabs_window_close_tab (tabs, second));
  VD_TEST_WAIT_UNTIL (tabs == NULL, WAIT_SECONDS);

  g_assert_cmpint (virDomainDestroy (vd_domain_get_handle (first)), ==, 0);
  VD_TEST_WAIT_UNTIL (!vd_domain_get_active (first), WAIT_SECONDS);
  undefine_guest (connection, first);
  g_assert_cmpint (virDomainDestroy (vd_domain_get_handle (second)), ==, 0);
  VD_TEST_WAIT_UNTIL (!vd_domain_get_active (second), WAIT_SECONDS);
  undefine_guest (connection, second);
  vd_connection_disconnect (connection);
}

/* ------------------------------------------------------------------ */
/* Full screen, under a window manager                                 */
/* ------------------------------------------------------------------ */

/* The shared test display has no window manager, so full screen (the
 * window manager's job) is tried on a display of this test's own: an
 * Xvfb with openbox on it. */
typedef struct
{
  GSubprocess *xvfb;
  GSubprocess *wm;
  GdkDisplay  *display;
  GdkDisplay  *previous;
} WmDisplay;

static void
wm_display_start (WmDisplay *wm)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GSubprocessLauncher) wm_launcher = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  GString *number = g_string_new (NULL);
  int fds[2];
  char c;

  g_assert_cmpint (pipe (fds), ==, 0);
  g_subprocess_launcher_take_fd (launcher, fds[1], 3);
  /* -terminate: it goes with its last client, this process, however
   * that ends. */
  wm->xvfb = g_subprocess_launcher_spawn (launcher, &error, "Xvfb", "-displayfd", "3",
                                          "-screen", "0", "1024x768x24", "-nolisten", "tcp",
                                          "-terminate", NULL);
  g_assert_no_error (error);
  /* Xvfb writes its display number when it is ready. */
  while (read (fds[0], &c, 1) == 1 && c != '\n')
    g_string_append_c (number, c);
  close (fds[0]);
  g_assert_cmpuint (number->len, >, 0);
  name = g_strdup_printf (":%s", number->str);
  g_string_free (number, TRUE);

  wm_launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                                           G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_setenv (wm_launcher, "DISPLAY", name, TRUE);
  wm->wm = g_subprocess_launcher_spawn (wm_launcher, &error, "openbox", "--sm-disable", NULL);
  g_assert_no_error (error);

  wm->display = gdk_display_open (name);
  g_assert_nonnull (wm->display);
  /* gtk-vnc makes its cursors on the default display. */
  wm->previous = gdk_display_get_default ();
  gdk_display_manager_set_default_display (gdk_display_manager_get (), wm->display);
  VD_TEST_WAIT_UNTIL (gdk_x11_screen_supports_net_wm_hint (
                        gdk_display_get_default_screen (wm->display),
                        gdk_atom_intern_static_string ("_NET_WM_STATE_FULLSCREEN")), 30);
}

/* The display stays open (closing a GdkDisplay trips over GTK's own
 * objects in GTK 3): its Xvfb ends with this process. */
static void
wm_display_stop (WmDisplay *wm)
{
  gdk_display_manager_set_default_display (gdk_display_manager_get (), wm->previous);
  g_subprocess_force_exit (wm->wm);
  g_subprocess_wait (wm->wm, NULL, NULL);
  g_clear_object (&wm->wm);
  g_clear_object (&wm->xvfb);
}

static gboolean
view_fullscreen (VdConsoleView *console)
{
  gboolean fullscreen = FALSE;

  g_object_get (console, "fullscreen", &fullscreen, NULL);
  return fullscreen;
}

static gboolean
action_state (GSimpleActionGroup *group,
              const char         *name)
{
  g_autoptr(GVariant) state = g_action_group_get_action_state (G_ACTION_GROUP (group), name);

  return g_variant_get_boolean (state);
}

static void
test_fullscreen (void)
{
  g_autoptr(VdConnection) connection = open_system ();
  g_autofree char *name = g_strdup_printf ("vd-e2e-console-fs-%d", (int)getpid ());
  g_autofree char *xml = vd_e2e_guest_xml (name);
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSettings) settings = g_settings_new ("io.github.virtdesk.VirtDesk");
  GtkWidget *view = vd_console_view_new ();
  VdConsoleView *console = VD_CONSOLE_VIEW (view);
  WmDisplay wm = { NULL, };
  GtkWidget *window;
  GtkWidget *leave;
  GtkRevealer *toolbar;
  VdDomain *domain;

  wm_display_start (&wm);
  domain = define_guest (connection, name, xml);
  vd_console_view_set_domain (console, domain);
  vd_console_view_set_settings (console, settings);
  g_settings_set_string (settings, "console-scaling", "fullscreen");
  window = new_window_on (gdk_display_get_default_screen (wm.display), view, group);
  start_guest (domain);
  VD_TEST_WAIT_UNTIL (vd_console_view_get_initialized (console), WAIT_SECONDS);
  VD_TEST_WAIT_UNTIL (has_pixels (console), WAIT_SECONDS);
  g_assert_false (vd_console_display_get_scaling (vd_console_view_get_display (console)));
  leave = vd_test_find_by_accessible_name (window, "Leave full screen");
  g_assert_nonnull (leave);
  toolbar = GTK_REVEALER (gtk_widget_get_ancestor (leave, GTK_TYPE_REVEALER));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (toolbar)));
  g_assert_false (action_state (group, "fullscreen"));

  /* In: the window manager makes it so; the screen is scaled ("only in
   * full screen"), the toolbar shows for a moment, then hides. */
  g_action_group_activate_action (G_ACTION_GROUP (group), "fullscreen", NULL);
  VD_TEST_WAIT_UNTIL (view_fullscreen (console), 30);
  g_assert_true (gdk_window_get_state (gtk_widget_get_window (window)) &
                 GDK_WINDOW_STATE_FULLSCREEN);
  g_assert_true (action_state (group, "fullscreen"));
  g_assert_true (vd_console_display_get_scaling (vd_console_view_get_display (console)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (toolbar)));
  g_assert_true (gtk_revealer_get_reveal_child (toolbar));
  VD_TEST_WAIT_UNTIL (!gtk_revealer_get_child_revealed (toolbar), 30);
  assert_responsive (window);

  /* Out, from the toolbar's own button. */
  gtk_revealer_set_reveal_child (toolbar, TRUE);
  VD_TEST_WAIT_UNTIL (gtk_revealer_get_child_revealed (toolbar), 30);
  gtk_button_clicked (GTK_BUTTON (leave));
  VD_TEST_WAIT_UNTIL (!view_fullscreen (console), 30);
  g_assert_false (action_state (group, "fullscreen"));
  g_assert_false (vd_console_display_get_scaling (vd_console_view_get_display (console)));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (toolbar)));

  g_settings_reset (settings, "console-scaling");
  g_assert_cmpint (virDomainDestroy (vd_domain_get_handle (domain)), ==, 0);
  VD_TEST_WAIT_UNTIL (is_page (console, "inactive"), WAIT_SECONDS);
  gtk_widget_destroy (window);
  undefine_guest (connection, domain);
  vd_connection_disconnect (connection);
  wm_display_stop (&wm);
}

/* No message, debug ones included, carries a display password. */
static GLogWriterOutput
no_password_writer (GLogLevelFlags   log_level,
                    const GLogField *fields,
                    gsize            n_fields,
                    gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (fields[i].length < 0 && g_str_equal (fields[i].key, "MESSAGE") &&
        (strstr (fields[i].value, PASSWORD) != NULL ||
         strstr (fields[i].value, NEW_PASSWORD) != NULL))
      g_error ("a display password was logged");

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_setenv ("LANGUAGE", "C", TRUE);
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  g_log_set_writer_func (no_password_writer, NULL, NULL);
  g_test_init (&argc, &argv, NULL);
  /* The console needs a display; without one this is a broken setup (run
   * it under xvfb-run), never a skip. */
  if (!gtk_init_check (&argc, &argv))
    g_error ("no display: run the e2e suite under xvfb-run");
  gvir_init_object_check (NULL, NULL, NULL);
  /* A real keyring on a private session bus for every case (the console
   * asks it whenever a display wants a password). */
  vd_test_bus_up ();
  vd_test_keyring_up ();

  g_test_add_func ("/vd/e2e/console/vnc", test_vnc);
  g_test_add_func ("/vd/e2e/console/vnc-password", test_password);
  g_test_add_func ("/vd/e2e/console/vnc-password-remembered", test_password_remembered);
  g_test_add_func ("/vd/e2e/console/fullscreen", test_fullscreen);
  g_test_add_func ("/vd/e2e/console/spice", test_spice);
  g_test_add_func ("/vd/e2e/console/spice-password", test_spice_password);
  g_test_add_func ("/vd/e2e/console/serial", test_serial);
  g_test_add_func ("/vd/e2e/console/two-serials", test_two_serials);
  g_test_add_func ("/vd/e2e/console/tabs", test_tabs);

  ret = g_test_run ();
  vd_test_keyring_down ();
  secret_service_disconnect ();

  return ret;
}
