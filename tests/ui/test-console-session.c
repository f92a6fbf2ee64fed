/* test-console-session.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gtk/gtk.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "vd-console-session-vnc.h"
#include "../vd-test-util.h"

/*
 * The VNC session's state machine against a small RFB 3.8 server written
 * here, on one end of a socket pair, in a thread of its own: the session
 * (gtk-vnc underneath) gets the other end through open_fd, as it gets
 * virDomainOpenGraphicsFD's socket. The server speaks just enough of RFB
 * to bring a client up (security None, or VNC authentication that it
 * refuses), sends one raw frame in the pixel format the client asked for
 * (left half red, right half blue), and then closes, or stalls, as the
 * test asks. Real QEMU displays are tests/e2e/test-console.c.
 */

#define FB_WIDTH  64
#define FB_HEIGHT 48

typedef enum
{
  SERVE,          /* serve the frame, then wait for the client to leave */
  REFUSE_AUTH,    /* ask for a VNC password and refuse whatever comes */
  CLOSE_AFTER,    /* serve the frame, then hang up */
  STALL,          /* stop talking after the server init */
} Mode;

typedef struct
{
  guint8   bpp;
  guint8   depth;
  guint8   big_endian;
  guint8   true_colour;
  guint16  max[3];
  guint8   shift[3];
} PixelFormat;

typedef struct
{
  int          fd;
  int          quit[2];     /* a pipe: written to stop a stalled server */
  Mode         mode;
  GThread     *thread;
  PixelFormat  format;
  gboolean     got_auth_response;
  gboolean     sent_frame;
} Server;

static gboolean
read_all (Server *server,
          void   *buffer,
          gsize   size)
{
  guint8 *p = buffer;

  while (size > 0)
    {
      ssize_t n = read (server->fd, p, size);

      if (n <= 0)
        return FALSE;
      p += n;
      size -= n;
    }
  return TRUE;
}

static gboolean
write_all (Server     *server,
           const void *buffer,
           gsize       size)
{
  const guint8 *p = buffer;

  while (size > 0)
    {
      ssize_t n = write (server->fd, p, size);

      if (n <= 0)
        return FALSE;
      p += n;
      size -= n;
    }
  return TRUE;
}

static gboolean
write_u32 (Server  *server,
           guint32  value)
{
  guint32 be = GUINT32_TO_BE (value);

  return write_all (server, &be, 4);
}

static void
parse_format (const guint8 *raw,
              PixelFormat  *format)
{
  format->bpp = raw[0];
  format->depth = raw[1];
  format->big_endian = raw[2];
  format->true_colour = raw[3];
  for (guint i = 0; i < 3; i++)
    {
      format->max[i] = (raw[4 + 2 * i] << 8) | raw[5 + 2 * i];
      format->shift[i] = raw[10 + i];
    }
}

/* One pixel of colour @rgb (0–255 each) in the client's format. */
static void
put_pixel (const PixelFormat *format,
           const guint8      *rgb,
           guint8            *out)
{
  guint32 value = 0;
  guint bytes = format->bpp / 8;

  for (guint i = 0; i < 3; i++)
    value |= (guint32)(rgb[i] * format->max[i] / 255) << format->shift[i];

  for (guint b = 0; b < bytes; b++)
    {
      guint shift = format->big_endian ? 8 * (bytes - 1 - b) : 8 * b;

      out[b] = (value >> shift) & 0xff;
    }
}

static gboolean
send_frame (Server *server)
{
  static const guint8 red[3] = { 255, 0, 0 };
  static const guint8 blue[3] = { 0, 0, 255 };
  guint bytes = server->format.bpp / 8;
  g_autofree guint8 *pixels = g_malloc (FB_WIDTH * FB_HEIGHT * bytes);
  const guint8 header[] = {
    0, 0, 0, 1,                       /* FramebufferUpdate, one rectangle */
    0, 0, 0, 0,                       /* x, y */
    FB_WIDTH >> 8, FB_WIDTH & 0xff, FB_HEIGHT >> 8, FB_HEIGHT & 0xff,
    0, 0, 0, 0,                       /* raw encoding */
  };

  for (guint y = 0; y < FB_HEIGHT; y++)
    for (guint x = 0; x < FB_WIDTH; x++)
      put_pixel (&server->format, x < FB_WIDTH / 2 ? red : blue,
                 pixels + (y * FB_WIDTH + x) * bytes);

  return write_all (server, header, sizeof header) &&
         write_all (server, pixels, FB_WIDTH * FB_HEIGHT * bytes);
}

/* The client's messages, until it leaves; the first update request gets
 * the frame, later (incremental) ones nothing: the screen never changes. */
static void
serve_messages (Server *server)
{
  for (;;)
    {
      guint8 type;
      guint8 buffer[20];

      if (!read_all (server, &type, 1))
        return;

      switch (type)
        {
        case 0:   /* SetPixelFormat */
          if (!read_all (server, buffer, 19))
            return;
          parse_format (buffer + 3, &server->format);
          break;

        case 2:   /* SetEncodings */
          {
            guint16 n;

            if (!read_all (server, buffer, 3))
              return;
            n = (buffer[1] << 8) | buffer[2];
            for (guint i = 0; i < n; i++)
              if (!read_all (server, buffer, 4))
                return;
          }
          break;

        case 3:   /* FramebufferUpdateRequest */
          if (!read_all (server, buffer, 9))
            return;
          if (!server->sent_frame)
            {
              if (!send_frame (server))
                return;
              server->sent_frame = TRUE;
            }
          else if (server->mode == CLOSE_AFTER)
            {
              /* The client asks again once it has taken the frame in: let
               * the test see it on screen, then hang up. */
              g_usleep (300 * 1000);
              return;
            }
          break;

        case 4:   /* KeyEvent */
          if (!read_all (server, buffer, 7))
            return;
          break;

        case 5:   /* PointerEvent */
          if (!read_all (server, buffer, 5))
            return;
          break;

        case 6:   /* ClientCutText */
          {
            guint32 length;

            if (!read_all (server, buffer, 7))
              return;
            length = ((guint32)buffer[3] << 24) | (buffer[4] << 16) | (buffer[5] << 8) | buffer[6];
            for (guint32 i = 0; i < length; i++)
              if (!read_all (server, buffer, 1))
                return;
          }
          break;

        default:
          g_test_message ("fake RFB server: unexpected message %u", type);
          return;
        }
    }
}

static gpointer
server_thread (gpointer data)
{
  Server *server = data;
  char version[12];
  guint8 choice;
  guint8 shared;
  const guint8 server_init[] = {
    FB_WIDTH >> 8, FB_WIDTH & 0xff, FB_HEIGHT >> 8, FB_HEIGHT & 0xff,
    32, 24, 0, 1,                     /* bpp, depth, little endian, true colour */
    0, 255, 0, 255, 0, 255,           /* red, green, blue maxima */
    16, 8, 0,                         /* shifts */
    0, 0, 0,                          /* padding */
    0, 0, 0, 4, 'f', 'a', 'k', 'e',   /* the desktop's name */
  };

  parse_format (server_init + 4, &server->format);

  if (!write_all (server, "RFB 003.008\n", 12) || !read_all (server, version, 12))
    goto out;

  if (server->mode == REFUSE_AUTH)
    {
      const guint8 types[] = { 1, 2 };  /* one type: VNC authentication */
      const char reason[] = "Authentication failed";
      guint8 challenge[16] = { 0, };
      guint8 response[16];

      if (!write_all (server, types, sizeof types) || !read_all (server, &choice, 1) ||
          !write_all (server, challenge, sizeof challenge) ||
          !read_all (server, response, sizeof response))
        goto out;
      server->got_auth_response = TRUE;
      write_u32 (server, 1);
      write_u32 (server, strlen (reason));
      write_all (server, reason, strlen (reason));
      goto out;
    }

  {
    const guint8 types[] = { 1, 1 };    /* one type: none */

    if (!write_all (server, types, sizeof types) || !read_all (server, &choice, 1) ||
        !write_u32 (server, 0) || !read_all (server, &shared, 1) ||
        !write_all (server, server_init, sizeof server_init))
      goto out;
  }

  if (server->mode == STALL)
    {
      /* Neither read nor write any more, until the test ends. */
      char byte;

      if (read (server->quit[0], &byte, 1) < 0)
        g_test_message ("fake RFB server: quit pipe: %s", g_strerror (errno));
      goto out;
    }

  serve_messages (server);

out:
  close (server->fd);
  server->fd = -1;
  return NULL;
}

/* Starts a server in @mode; returns the client's end of the socket. */
static int
server_start (Server *server,
              Mode    mode)
{
  int fds[2];

  memset (server, 0, sizeof *server);
  g_assert_cmpint (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds), ==, 0);
  g_assert_cmpint (pipe (server->quit), ==, 0);
  server->mode = mode;
  server->fd = fds[0];
  server->thread = g_thread_new ("fake-rfb", server_thread, server);

  return fds[1];
}

static void
server_stop (Server *server)
{
  /* Wakes a stalled server. */
  if (write (server->quit[1], "q", 1) != 1)
    g_test_message ("fake RFB server: could not signal quit");
  g_thread_join (server->thread);
  close (server->quit[0]);
  close (server->quit[1]);
}

/* Runs the main loop for @ms milliseconds. */
static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (1000);
    }
}

typedef struct
{
  guint    connected;
  guint    initialized;
  guint    disconnected;
  guint    auth_required;
  char    *error;
  GStrv    wanted;
} Events;

static void
connected_cb (VdConsoleSession *session,
              Events           *events)
{
  events->connected++;
}

static void
initialized_cb (VdConsoleSession *session,
                Events           *events)
{
  events->initialized++;
}

static void
disconnected_cb (VdConsoleSession *session,
                 const char       *error,
                 Events           *events)
{
  events->disconnected++;
  g_free (events->error);
  events->error = g_strdup (error);
}

static void
auth_required_cb (VdConsoleSession   *session,
                  const char * const *wanted,
                  Events             *events)
{
  events->auth_required++;
  g_strfreev (events->wanted);
  events->wanted = g_strdupv ((char **)wanted);
}

typedef struct
{
  VdConsoleSession *session;
  GtkWidget        *window;
  Events            events;
} Client;

static void
client_open (Client *client,
             int     fd)
{
  g_autoptr(GError) error = NULL;

  memset (client, 0, sizeof *client);
  client->session = vd_console_session_vnc_new ();
  g_signal_connect (client->session, "connected", G_CALLBACK (connected_cb), &client->events);
  g_signal_connect (client->session, "initialized", G_CALLBACK (initialized_cb), &client->events);
  g_signal_connect (client->session, "disconnected", G_CALLBACK (disconnected_cb),
                    &client->events);
  g_signal_connect (client->session, "auth-required", G_CALLBACK (auth_required_cb),
                    &client->events);

  /* The display must be on screen for gtk-vnc to ask for updates. */
  client->window = gtk_window_new (GTK_WINDOW_TOPLEVEL);
  gtk_window_set_default_size (GTK_WINDOW (client->window), FB_WIDTH * 2, FB_HEIGHT * 2);
  gtk_container_add (GTK_CONTAINER (client->window),
                     GTK_WIDGET (vd_console_session_get_display (client->session)));
  gtk_widget_show_all (client->window);

  g_assert_true (vd_console_session_open_fd (client->session, fd, &error));
  g_assert_no_error (error);
  g_assert_true (vd_console_session_is_open (client->session));
}

static void
client_close (Client *client)
{
  vd_console_session_close (client->session);
  gtk_widget_destroy (client->window);
  g_clear_object (&client->session);
  g_free (client->events.error);
  g_strfreev (client->events.wanted);
}

/* The colour at (@x, @y) of the screen as the display holds it, or FALSE
 * when it holds none yet. */
static gboolean
pixel_at (Client *client,
          int     x,
          int     y,
          guint8 *rgb)
{
  g_autoptr(GdkPixbuf) pixbuf = vd_console_display_get_pixbuf (vd_console_session_get_display (client->session));
  const guint8 *pixels;

  if (pixbuf == NULL || gdk_pixbuf_get_width (pixbuf) != FB_WIDTH ||
      gdk_pixbuf_get_height (pixbuf) != FB_HEIGHT)
    return FALSE;
  pixels = gdk_pixbuf_read_pixels (pixbuf) + y * gdk_pixbuf_get_rowstride (pixbuf) +
           x * gdk_pixbuf_get_n_channels (pixbuf);
  memcpy (rgb, pixels, 3);
  return TRUE;
}

static gboolean
frame_arrived (Client *client)
{
  guint8 left[3];
  guint8 right[3];

  return pixel_at (client, 4, 4, left) && pixel_at (client, FB_WIDTH - 4, FB_HEIGHT - 4, right) &&
         left[0] > 200 && left[2] < 50 && right[0] < 50 && right[2] > 200;
}

/* Up, with the frame's pixels in the widget; then the server hangs up:
 * the session says so, once. */
static void
test_frame_then_hang_up (void)
{
  Server server;
  Client client;

  client_open (&client, server_start (&server, CLOSE_AFTER));

  VD_TEST_WAIT_UNTIL (client.events.initialized == 1, 30);
  g_assert_cmpuint (client.events.connected, ==, 1);
  g_assert_cmpuint (client.events.auth_required, ==, 0);
  /* The frame arrives, in the client's own pixel format... */
  VD_TEST_WAIT_UNTIL (frame_arrived (&client), 30);
  g_assert_true (server.sent_frame);
  g_test_message ("client pixel format: %u bpp, depth %u, %s endian, shifts %u %u %u",
                  server.format.bpp, server.format.depth,
                  server.format.big_endian ? "big" : "little",
                  server.format.shift[0], server.format.shift[1], server.format.shift[2]);
  /* ...and the server hangs up. */
  VD_TEST_WAIT_UNTIL (client.events.disconnected == 1, 30);
  g_assert_false (vd_console_session_is_open (client.session));

  /* Nothing more comes. */
  spin (200);
  g_assert_cmpuint (client.events.disconnected, ==, 1);

  server_stop (&server);
  client_close (&client);
}

/* A server that asks for a password: the session asks for it (not
 * gtk-vnc in a dialog), sends what it is given, and reports the refusal
 * with the server's reason. */
static void
test_password_refused (void)
{
  Server server;
  Client client;

  client_open (&client, server_start (&server, REFUSE_AUTH));

  VD_TEST_WAIT_UNTIL (client.events.auth_required == 1, 30);
  g_assert_nonnull (client.events.wanted);
  g_assert_true (g_strv_contains ((const char * const *)client.events.wanted, "password"));
  g_assert_cmpuint (client.events.initialized, ==, 0);

  vd_console_session_set_credentials (client.session, NULL, "not the password");
  VD_TEST_WAIT_UNTIL (client.events.disconnected == 1, 30);
  g_assert_true (server.got_auth_response);
  g_assert_cmpuint (client.events.initialized, ==, 0);
  g_assert_nonnull (client.events.error);
  g_test_message ("error: %s", client.events.error);
  g_assert_nonnull (strstr (client.events.error, "did not accept the password"));
  g_assert_nonnull (strstr (client.events.error, "Authentication failed"));

  server_stop (&server);
  client_close (&client);
}

static gboolean
count_cb (gpointer data)
{
  (*(guint *)data)++;
  return G_SOURCE_CONTINUE;
}

/* A display stream that stalls (the server stops talking after the
 * handshake) does not hold up the main loop, and closing the session
 * returns at once, with the server still silent. */
static void
test_stall_keeps_loop_running (void)
{
  Server server;
  Client client;
  guint ticks = 0;
  guint source;
  gint64 start;

  client_open (&client, server_start (&server, STALL));
  VD_TEST_WAIT_UNTIL (client.events.initialized == 1, 30);

  source = g_timeout_add (20, count_cb, &ticks);
  spin (1000);
  g_source_remove (source);
  g_test_message ("%u timer ticks in a second of stalled display", ticks);
  g_assert_cmpuint (ticks, >=, 20);
  g_assert_false (server.sent_frame);
  g_assert_cmpuint (client.events.disconnected, ==, 0);

  start = g_get_monotonic_time ();
  vd_console_session_close (client.session);
  g_assert_cmpint (g_get_monotonic_time () - start, <, G_USEC_PER_SEC);
  VD_TEST_WAIT_UNTIL (client.events.disconnected == 1, 30);

  server_stop (&server);
  client_close (&client);
}

/* The session stays up while the server does, and closing it from our
 * side ends the server's loop (it sees the socket close). */
static void
test_close_from_client (void)
{
  Server server;
  Client client;

  client_open (&client, server_start (&server, SERVE));
  VD_TEST_WAIT_UNTIL (frame_arrived (&client), 30);
  spin (200);
  g_assert_cmpuint (client.events.disconnected, ==, 0);
  g_assert_true (vd_console_session_is_open (client.session));

  vd_console_session_close (client.session);
  VD_TEST_WAIT_UNTIL (client.events.disconnected == 1, 30);
  /* The server's read sees the end and it leaves by itself. */
  VD_TEST_WAIT_UNTIL (server.fd == -1, 30);

  server_stop (&server);
  client_close (&client);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/vd/console-session/frame-then-hang-up", test_frame_then_hang_up);
  g_test_add_func ("/vd/console-session/password-refused", test_password_refused);
  g_test_add_func ("/vd/console-session/stall", test_stall_keeps_loop_running);
  g_test_add_func ("/vd/console-session/close-from-client", test_close_from_client);

  return g_test_run ();
}
