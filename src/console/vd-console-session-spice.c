/* vd-console-session-spice.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-console-session-spice"

#include "config.h"

#include <glib/gi18n.h>
#include <unistd.h>

#include <spice-client.h>

#include "vd-console-display-spice.h"
#include "vd-console-session-spice.h"

/*
 * A SPICE connection (spice-gtk's SpiceSession) as a VdConsoleSession.
 *
 * SPICE has several channels (main, display, inputs, cursor...), each its
 * own socket. On a host and port spice-gtk opens them itself; on a socket
 * from virDomainOpenGraphicsFD each further channel asks for one
 * ("open-fd"), which the session's fd function makes in a worker.
 *
 * States: "connected" when the main channel is up; "initialized" when the
 * first display has a screen ("ready"); a password the server wants is
 * asked with "auth-required", after which the session connects again
 * (SPICE ends the connection on a failed login); "disconnected" with the
 * first error when the main channel goes.
 */

struct _VdConsoleSessionSpice
{
  VdConsoleSession  parent_instance;

  SpiceSession     *spice;
  VdConsoleDisplay *display;
  SpiceChannel     *main;          /* weak: the session owns its channels */
  char             *error;
  gboolean          open;
  gboolean          initialized;
  gboolean          use_fd;
  gboolean          awaiting_password;
  gboolean          password_given;
};

G_DEFINE_FINAL_TYPE (VdConsoleSessionSpice, vd_console_session_spice, VD_TYPE_CONSOLE_SESSION)

/* A socket asked of the fd function, for a channel (or, with channel NULL,
 * for the session's main channel, to connect again). */
typedef struct
{
  GWeakRef      session;
  SpiceChannel *channel;
} FdRequest;

static void
fd_request_free (FdRequest *request)
{
  g_weak_ref_clear (&request->session);
  g_clear_object (&request->channel);
  g_free (request);
}

static void disconnect_with (VdConsoleSessionSpice *self,
                             const char            *error);

static void
fd_ready_cb (int         fd,
             const char *error,
             gpointer    data)
{
  FdRequest *request = data;
  g_autoptr(VdConsoleSessionSpice) self = g_weak_ref_get (&request->session);

  if (self == NULL || !self->open)
    {
      if (fd >= 0)
        close (fd);
    }
  else if (fd < 0)
    {
      disconnect_with (self, error);
    }
  else if (request->channel == NULL)
    {
      /* spice-gtk takes the socket over. */
      if (!spice_session_open_fd (self->spice, fd))
        {
          close (fd);
          disconnect_with (self, _("The connection to the guest’s display could not be set up."));
        }
    }
  else if (!spice_channel_open_fd (request->channel, fd))
    {
      close (fd);
    }

  fd_request_free (request);
}

static gboolean
request_fd (VdConsoleSessionSpice *self,
            SpiceChannel          *channel)
{
  FdRequest *request = g_new0 (FdRequest, 1);

  g_weak_ref_init (&request->session, self);
  request->channel = channel != NULL ? g_object_ref (channel) : NULL;
  if (_vd_console_session_request_fd (VD_CONSOLE_SESSION (self), fd_ready_cb, request))
    return TRUE;

  fd_request_free (request);
  return FALSE;
}

static void
disconnect_with (VdConsoleSessionSpice *self,
                 const char            *error)
{
  if (self->error == NULL && error != NULL)
    self->error = g_strdup (error);
  spice_session_disconnect (self->spice);
}

static void
channel_open_fd_cb (SpiceChannel          *channel,
                    int                    with_tls,
                    VdConsoleSessionSpice *self)
{
  if (!request_fd (self, channel))
    disconnect_with (self, _("The guest’s display needs a connection this session cannot make."));
}

static char *
channel_error (SpiceChannel *channel,
               const char   *fallback)
{
  const GError *error = spice_channel_get_error (channel);

  return g_strdup (error != NULL && error->message != NULL ? error->message : fallback);
}

static void
main_event_cb (SpiceChannel          *channel,
               SpiceChannelEvent      event,
               VdConsoleSessionSpice *self)
{
  g_autofree char *message = NULL;

  switch (event)
    {
    case SPICE_CHANNEL_OPENED:
      _vd_console_session_emit_connected (VD_CONSOLE_SESSION (self));
      break;

    case SPICE_CHANNEL_ERROR_AUTH:
      if (!self->password_given)
        {
          const char * const wanted[] = { "password", NULL };

          /* SPICE closes the connection; the answer opens a new one. */
          self->awaiting_password = TRUE;
          _vd_console_session_emit_auth_required (VD_CONSOLE_SESSION (self), wanted);
          return;
        }
      message = channel_error (channel, _("no reason given"));
      g_free (self->error);
      /* translators: %s is the SPICE library's reason */
      self->error = g_strdup_printf (_("The guest’s display did not accept the password: %s"),
                                     message);
      spice_session_disconnect (self->spice);
      break;

    case SPICE_CHANNEL_ERROR_CONNECT:
    case SPICE_CHANNEL_ERROR_TLS:
    case SPICE_CHANNEL_ERROR_LINK:
    case SPICE_CHANNEL_ERROR_IO:
      message = channel_error (channel, _("The connection to the guest’s display failed."));
      g_debug ("SPICE main channel error %d: %s", event, message);
      disconnect_with (self, message);
      break;

    case SPICE_CHANNEL_CLOSED:
    case SPICE_CHANNEL_NONE:
    case SPICE_CHANNEL_SWITCHING:
    default:
      break;
    }
}

static void
session_disconnected_cb (SpiceSession          *session,
                         VdConsoleSessionSpice *self)
{
  g_autofree char *error = NULL;

  /* A failed login, waiting for the password: not the end. */
  if (self->awaiting_password || !self->open)
    return;

  error = g_steal_pointer (&self->error);
  self->open = FALSE;
  self->initialized = FALSE;
  self->main = NULL;
  _vd_console_session_emit_disconnected (VD_CONSOLE_SESSION (self), error);
}

static void display_ready_cb (VdConsoleSessionSpice *self);

static void
channel_new_cb (SpiceSession          *session,
                SpiceChannel          *channel,
                VdConsoleSessionSpice *self)
{
  g_signal_connect_object (channel, "open-fd", G_CALLBACK (channel_open_fd_cb), self, 0);

  if (SPICE_IS_MAIN_CHANNEL (channel))
    {
      self->main = channel;
      g_signal_connect_object (channel, "channel-event", G_CALLBACK (main_event_cb), self, 0);
    }
  else if (SPICE_IS_DISPLAY_CHANNEL (channel))
    {
      VdConsoleDisplaySpice *display = VD_CONSOLE_DISPLAY_SPICE (self->display);
      int id = -1;

      /* The first monitor; a reconnection brings the same widget back. */
      g_object_get (channel, "channel-id", &id, NULL);
      if (id == 0 && vd_console_display_spice_get_display (display) == NULL)
        g_signal_connect_object (vd_console_display_spice_attach (display, self->spice, 0),
                                 "notify::ready", G_CALLBACK (display_ready_cb), self,
                                 G_CONNECT_SWAPPED);
      else if (id == 0)
        display_ready_cb (self);
    }
}

static void
display_ready_cb (VdConsoleSessionSpice *self)
{
  SpiceDisplay *spice = vd_console_display_spice_get_display (VD_CONSOLE_DISPLAY_SPICE (self->display));
  gboolean ready = FALSE;

  if (spice != NULL)
    g_object_get (spice, "ready", &ready, NULL);
  if (ready && !self->initialized && self->open)
    {
      self->initialized = TRUE;
      _vd_console_session_emit_initialized (VD_CONSOLE_SESSION (self));
    }
}

static void
reset (VdConsoleSessionSpice *self)
{
  g_clear_pointer (&self->error, g_free);
  self->initialized = FALSE;
  self->awaiting_password = FALSE;
  self->password_given = FALSE;
  self->open = TRUE;
}

static gboolean
vd_console_session_spice_open_fd (VdConsoleSession  *session,
                                  int                fd,
                                  GError           **error)
{
  VdConsoleSessionSpice *self = VD_CONSOLE_SESSION_SPICE (session);

  reset (self);
  self->use_fd = TRUE;
  /* spice-gtk takes @fd over for the main channel. */
  if (!spice_session_open_fd (self->spice, fd))
    {
      self->open = FALSE;
      close (fd);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("The connection to the guest’s display could not be set up."));
      return FALSE;
    }

  return TRUE;
}

static gboolean
vd_console_session_spice_open_host (VdConsoleSession  *session,
                                    const char        *host,
                                    const char        *port,
                                    GError           **error)
{
  VdConsoleSessionSpice *self = VD_CONSOLE_SESSION_SPICE (session);

  reset (self);
  self->use_fd = FALSE;
  g_object_set (self->spice, "host", host, "port", port, NULL);
  if (!spice_session_connect (self->spice))
    {
      self->open = FALSE;
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not connect to the guest’s display at %s:%s."), host, port);
      return FALSE;
    }

  return TRUE;
}

static void
vd_console_session_spice_close (VdConsoleSession *session)
{
  VdConsoleSessionSpice *self = VD_CONSOLE_SESSION_SPICE (session);

  self->awaiting_password = FALSE;
  spice_session_disconnect (self->spice);
}

static gboolean
vd_console_session_spice_is_open (VdConsoleSession *session)
{
  return VD_CONSOLE_SESSION_SPICE (session)->open;
}

static void
vd_console_session_spice_set_credentials (VdConsoleSession *session,
                                          const char       *username,
                                          const char       *password)
{
  VdConsoleSessionSpice *self = VD_CONSOLE_SESSION_SPICE (session);

  if (!self->awaiting_password)
    return;

  /* spice-gtk keeps its own copy for the channels' logins. */
  g_object_set (self->spice, "password", password != NULL ? password : "", NULL);
  self->awaiting_password = FALSE;
  self->password_given = TRUE;

  if (self->use_fd)
    {
      if (!request_fd (self, NULL))
        disconnect_with (self, _("The guest’s display needs a connection this session cannot make."));
    }
  else if (!spice_session_connect (self->spice))
    {
      disconnect_with (self, _("The connection to the guest’s display could not be set up."));
    }
}

static VdConsoleDisplay *
vd_console_session_spice_get_display (VdConsoleSession *session)
{
  return VD_CONSOLE_SESSION_SPICE (session)->display;
}

static void
vd_console_session_spice_dispose (GObject *object)
{
  VdConsoleSessionSpice *self = (VdConsoleSessionSpice *)object;

  if (self->spice != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->spice, self);
      self->open = FALSE;
      spice_session_disconnect (self->spice);
    }
  /* The spice-gtk widget goes before its session (see
   * vd_console_display_spice_detach()), whoever still holds ours. */
  if (self->display != NULL)
    vd_console_display_spice_detach (VD_CONSOLE_DISPLAY_SPICE (self->display));
  g_clear_object (&self->display);
  g_clear_object (&self->spice);

  G_OBJECT_CLASS (vd_console_session_spice_parent_class)->dispose (object);
}

static void
vd_console_session_spice_finalize (GObject *object)
{
  VdConsoleSessionSpice *self = (VdConsoleSessionSpice *)object;

  g_free (self->error);

  G_OBJECT_CLASS (vd_console_session_spice_parent_class)->finalize (object);
}

static void
vd_console_session_spice_class_init (VdConsoleSessionSpiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  VdConsoleSessionClass *session_class = VD_CONSOLE_SESSION_CLASS (klass);

  object_class->dispose = vd_console_session_spice_dispose;
  object_class->finalize = vd_console_session_spice_finalize;
  session_class->open_fd = vd_console_session_spice_open_fd;
  session_class->open_host = vd_console_session_spice_open_host;
  session_class->close = vd_console_session_spice_close;
  session_class->is_open = vd_console_session_spice_is_open;
  session_class->set_credentials = vd_console_session_spice_set_credentials;
  session_class->get_display = vd_console_session_spice_get_display;
}

static void
vd_console_session_spice_init (VdConsoleSessionSpice *self)
{
  self->spice = spice_session_new ();
  /* No audio, USB redirection or shared folders unless asked for. */
  g_object_set (self->spice, "enable-audio", FALSE, "enable-usbredir", FALSE, NULL);
  g_signal_connect (self->spice, "channel-new", G_CALLBACK (channel_new_cb), self);
  g_signal_connect (self->spice, "disconnected", G_CALLBACK (session_disconnected_cb), self);

  self->display = g_object_ref_sink (vd_console_display_spice_new ());
}

VdConsoleSession *
vd_console_session_spice_new (void)
{
  return g_object_new (VD_TYPE_CONSOLE_SESSION_SPICE, NULL);
}
