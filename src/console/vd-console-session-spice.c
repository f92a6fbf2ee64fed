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
#include <spice-client-gtk.h>

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
 *
 * USB redirection: spice-gtk makes one usbredir channel per
 * <redirdev type='spicevmc'/> of the guest; "n-usb-channels" counts those
 * open. Redirecting a device goes through the session's
 * SpiceUsbDeviceManager (vd_console_session_spice_get_usb_manager()),
 * whose operations are all asynchronous; nothing is redirected unless the
 * user asks (the manager's auto-connect stays off).
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
  GPtrArray        *usb_open;      /* weak: the usbredir channels open */
};

G_DEFINE_FINAL_TYPE (VdConsoleSessionSpice, vd_console_session_spice, VD_TYPE_CONSOLE_SESSION)

enum {
  PROP_0,
  PROP_N_USB_CHANNELS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

/* Whether @channel is still one of @self's: spice-gtk drops a session's
 * channels when it disconnects (a refused password), and a socket asked
 * for before that must not reach them. */
static gboolean
channel_is_current (VdConsoleSessionSpice *self,
                    SpiceChannel          *channel)
{
  SpiceSession *session = NULL;
  gboolean current;

  g_object_get (channel, "spice-session", &session, NULL);
  current = session != NULL && session == self->spice;
  g_clear_object (&session);

  return current;
}

static void
fd_ready_cb (int         fd,
             const char *error,
             gpointer    data)
{
  FdRequest *request = data;
  g_autoptr(VdConsoleSessionSpice) self = g_weak_ref_get (&request->session);

  if (self == NULL || !self->open ||
      (request->channel != NULL && !channel_is_current (self, request->channel)))
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
  if (self->usb_open->len > 0)
    {
      g_ptr_array_set_size (self->usb_open, 0);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_USB_CHANNELS]);
    }
  _vd_console_session_emit_disconnected (VD_CONSOLE_SESSION (self), error);
}

static void
set_usb_channel_open (VdConsoleSessionSpice *self,
                      SpiceChannel          *channel,
                      gboolean               open)
{
  gboolean was_open = g_ptr_array_find (self->usb_open, channel, NULL);

  if (open == was_open)
    return;

  if (open)
    g_ptr_array_add (self->usb_open, channel);
  else
    g_ptr_array_remove (self->usb_open, channel);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_USB_CHANNELS]);
}

static void
usb_event_cb (SpiceChannel          *channel,
              SpiceChannelEvent      event,
              VdConsoleSessionSpice *self)
{
  set_usb_channel_open (self, channel, event == SPICE_CHANNEL_OPENED);
}

static void
channel_destroy_cb (SpiceSession          *session,
                    SpiceChannel          *channel,
                    VdConsoleSessionSpice *self)
{
  set_usb_channel_open (self, channel, FALSE);
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
  else if (SPICE_IS_USBREDIR_CHANNEL (channel))
    {
      g_signal_connect_object (channel, "channel-event", G_CALLBACK (usb_event_cb), self, 0);
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
      g_ptr_array_set_size (self->usb_open, 0);
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
  g_ptr_array_unref (self->usb_open);

  G_OBJECT_CLASS (vd_console_session_spice_parent_class)->finalize (object);
}

static void
vd_console_session_spice_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  VdConsoleSessionSpice *self = VD_CONSOLE_SESSION_SPICE (object);

  switch (prop_id)
    {
    case PROP_N_USB_CHANNELS:
      g_value_set_uint (value, self->usb_open->len);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vd_console_session_spice_class_init (VdConsoleSessionSpiceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  VdConsoleSessionClass *session_class = VD_CONSOLE_SESSION_CLASS (klass);

  object_class->dispose = vd_console_session_spice_dispose;
  object_class->finalize = vd_console_session_spice_finalize;
  object_class->get_property = vd_console_session_spice_get_property;
  session_class->open_fd = vd_console_session_spice_open_fd;
  session_class->open_host = vd_console_session_spice_open_host;
  session_class->close = vd_console_session_spice_close;
  session_class->is_open = vd_console_session_spice_is_open;
  session_class->set_credentials = vd_console_session_spice_set_credentials;
  session_class->get_display = vd_console_session_spice_get_display;

  /* The guest's USB redirection channels that are open. */
  properties[PROP_N_USB_CHANNELS] =
    g_param_spec_uint ("n-usb-channels", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vd_console_session_spice_init (VdConsoleSessionSpice *self)
{
  self->usb_open = g_ptr_array_new ();
  self->spice = spice_session_new ();
  /* No audio or shared folders; USB channels, but a device goes to the
   * guest only when the user redirects it. */
  g_object_set (self->spice, "enable-audio", FALSE, "enable-usbredir", TRUE, NULL);
  g_signal_connect (self->spice, "channel-new", G_CALLBACK (channel_new_cb), self);
  g_signal_connect (self->spice, "channel-destroy", G_CALLBACK (channel_destroy_cb), self);
  g_signal_connect (self->spice, "disconnected", G_CALLBACK (session_disconnected_cb), self);

  self->display = g_object_ref_sink (vd_console_display_spice_new ());
}

VdConsoleSession *
vd_console_session_spice_new (void)
{
  return g_object_new (VD_TYPE_CONSOLE_SESSION_SPICE, NULL);
}

/**
 * vd_console_session_spice_get_n_usb_channels:
 *
 * Returns: how many of the guest's USB redirection channels are open (one
 *   device can be redirected through each)
 */
guint
vd_console_session_spice_get_n_usb_channels (VdConsoleSessionSpice *self)
{
  g_return_val_if_fail (VD_IS_CONSOLE_SESSION_SPICE (self), 0);

  return self->usb_open->len;
}

/**
 * vd_console_session_spice_get_usb_manager:
 *
 * Returns: (transfer none) (nullable): spice-gtk's USB device manager for
 *   this session, or %NULL with @error set when this computer cannot
 *   redirect USB devices (spice-gtk built without it, no USB access)
 */
SpiceUsbDeviceManager *
vd_console_session_spice_get_usb_manager (VdConsoleSessionSpice  *self,
                                          GError                **error)
{
  g_return_val_if_fail (VD_IS_CONSOLE_SESSION_SPICE (self), NULL);

  return spice_usb_device_manager_get (self->spice, error);
}

/**
 * vd_console_session_spice_set_usb_auto_redirect:
 * @redirect: whether a USB device plugged into this computer while the
 *   guest's display has the focus goes to the guest at once
 *
 * Off by default (spice-gtk's "auto-usbredir").
 */
void
vd_console_session_spice_set_usb_auto_redirect (VdConsoleSessionSpice *self,
                                                gboolean               redirect)
{
  SpiceGtkSession *gtk_session;
  gboolean current = FALSE;

  g_return_if_fail (VD_IS_CONSOLE_SESSION_SPICE (self));

  gtk_session = spice_gtk_session_get (self->spice);
  g_object_get (gtk_session, "auto-usbredir", &current, NULL);
  if (current != !!redirect)
    g_object_set (gtk_session, "auto-usbredir", !!redirect, NULL);
}

gboolean
vd_console_session_spice_get_usb_auto_redirect (VdConsoleSessionSpice *self)
{
  gboolean redirect = FALSE;

  g_return_val_if_fail (VD_IS_CONSOLE_SESSION_SPICE (self), FALSE);

  g_object_get (spice_gtk_session_get (self->spice), "auto-usbredir", &redirect, NULL);
  return redirect;
}
