/* vd-console-session-vnc.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-console-session-vnc"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-console-display-vnc.h"
#include "vd-console-session-vnc.h"

/*
 * VNC through gtk-vnc. gtk-vnc reports a failure as "vnc-error" (or
 * "vnc-auth-failure") and only then "vnc-disconnected": the text is kept
 * until the disconnection so that what the view shows is the real reason,
 * not a bare "disconnected".
 */

struct _VdConsoleSessionVnc
{
  VdConsoleSession  parent_instance;

  VdConsoleDisplay *display;
  VncDisplay       *vnc;
  char             *error;
  gboolean          open;
};

G_DEFINE_FINAL_TYPE (VdConsoleSessionVnc, vd_console_session_vnc, VD_TYPE_CONSOLE_SESSION)

static void
vnc_connected_cb (VdConsoleSessionVnc *self)
{
  _vd_console_session_emit_connected (VD_CONSOLE_SESSION (self));
}

static void
vnc_initialized_cb (VdConsoleSessionVnc *self)
{
  _vd_console_session_emit_initialized (VD_CONSOLE_SESSION (self));
}

static void
vnc_error_cb (VdConsoleSessionVnc *self,
              const char          *message)
{
  g_debug ("VNC error: %s", message);
  /* The first error is the cause; later ones are its consequences. */
  if (self->error == NULL)
    self->error = g_strdup (message);
}

static void
vnc_auth_failure_cb (VdConsoleSessionVnc *self,
                     const char          *message)
{
  g_free (self->error);
  /* translators: %s is the VNC server's own reason, often "Authentication failed" */
  self->error = g_strdup_printf (_("The guest’s display did not accept the password: %s"),
                                 message != NULL && message[0] != '\0' ? message
                                                                       : _("no reason given"));
}

static void
vnc_auth_unsupported_cb (VdConsoleSessionVnc *self,
                         guint                auth_type)
{
  g_free (self->error);
  self->error = g_strdup_printf (_("The guest’s display asks for an authentication method "
                                   "Virt Desk does not support (VNC type %u)."), auth_type);
}

static void
vnc_disconnected_cb (VdConsoleSessionVnc *self)
{
  g_autofree char *error = g_steal_pointer (&self->error);

  if (!self->open)
    return;

  self->open = FALSE;
  _vd_console_session_emit_disconnected (VD_CONSOLE_SESSION (self), error);
}

G_GNUC_BEGIN_IGNORE_DEPRECATIONS
static void
vnc_auth_credential_cb (VdConsoleSessionVnc *self,
                        GValueArray         *credentials)
{
  g_autoptr(GPtrArray) wanted = g_ptr_array_new ();

  for (guint i = 0; i < credentials->n_values; i++)
    {
      int type = g_value_get_enum (&credentials->values[i]);

      switch (type)
        {
        case VNC_DISPLAY_CREDENTIAL_PASSWORD:
          g_ptr_array_add (wanted, (gpointer)"password");
          break;

        case VNC_DISPLAY_CREDENTIAL_USERNAME:
          g_ptr_array_add (wanted, (gpointer)"username");
          break;

        case VNC_DISPLAY_CREDENTIAL_CLIENTNAME:
          /* Not a secret: answered here. */
          vnc_display_set_credential (self->vnc, type, PACKAGE_NAME);
          break;

        default:
          g_debug ("unknown VNC credential type %d", type);
          break;
        }
    }

  if (wanted->len == 0)
    return;

  g_ptr_array_add (wanted, NULL);
  _vd_console_session_emit_auth_required (VD_CONSOLE_SESSION (self),
                                          (const char * const *)wanted->pdata);
}
G_GNUC_END_IGNORE_DEPRECATIONS

static gboolean
vd_console_session_vnc_open_fd (VdConsoleSession  *session,
                                int                fd,
                                GError           **error)
{
  VdConsoleSessionVnc *self = VD_CONSOLE_SESSION_VNC (session);

  g_clear_pointer (&self->error, g_free);
  self->open = TRUE;
  /* gtk-vnc wraps @fd in its socket, which closes it. */
  if (!vnc_display_open_fd (self->vnc, fd))
    {
      self->open = FALSE;
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _("The connection to the guest’s display could not be set up."));
      return FALSE;
    }

  return TRUE;
}

static gboolean
vd_console_session_vnc_open_host (VdConsoleSession  *session,
                                  const char        *host,
                                  const char        *port,
                                  GError           **error)
{
  VdConsoleSessionVnc *self = VD_CONSOLE_SESSION_VNC (session);

  g_clear_pointer (&self->error, g_free);
  self->open = TRUE;
  if (!vnc_display_open_host (self->vnc, host, port))
    {
      self->open = FALSE;
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not connect to the guest’s display at %s:%s."), host, port);
      return FALSE;
    }

  return TRUE;
}

static void
vd_console_session_vnc_close (VdConsoleSession *session)
{
  VdConsoleSessionVnc *self = VD_CONSOLE_SESSION_VNC (session);

  if (vnc_display_is_open (self->vnc))
    vnc_display_close (self->vnc);
}

static gboolean
vd_console_session_vnc_is_open (VdConsoleSession *session)
{
  return VD_CONSOLE_SESSION_VNC (session)->open;
}

static void
vd_console_session_vnc_set_credentials (VdConsoleSession *session,
                                        const char       *username,
                                        const char       *password)
{
  VdConsoleSessionVnc *self = VD_CONSOLE_SESSION_VNC (session);

  /* gtk-vnc returns TRUE when it could not take the value. */
  if ((username != NULL &&
       vnc_display_set_credential (self->vnc, VNC_DISPLAY_CREDENTIAL_USERNAME, username)) ||
      (password != NULL &&
       vnc_display_set_credential (self->vnc, VNC_DISPLAY_CREDENTIAL_PASSWORD, password)))
    {
      g_free (self->error);
      self->error = g_strdup (_("The credentials could not be passed to the guest’s display."));
      vnc_display_close (self->vnc);
    }
}

static VdConsoleDisplay *
vd_console_session_vnc_get_display (VdConsoleSession *session)
{
  return VD_CONSOLE_SESSION_VNC (session)->display;
}

static void
vd_console_session_vnc_dispose (GObject *object)
{
  VdConsoleSessionVnc *self = (VdConsoleSessionVnc *)object;

  if (self->vnc != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->vnc, self);
      if (vnc_display_is_open (self->vnc))
        vnc_display_close (self->vnc);
      g_clear_object (&self->vnc);
    }
  g_clear_object (&self->display);

  G_OBJECT_CLASS (vd_console_session_vnc_parent_class)->dispose (object);
}

static void
vd_console_session_vnc_finalize (GObject *object)
{
  VdConsoleSessionVnc *self = (VdConsoleSessionVnc *)object;

  g_free (self->error);

  G_OBJECT_CLASS (vd_console_session_vnc_parent_class)->finalize (object);
}

static void
vd_console_session_vnc_class_init (VdConsoleSessionVncClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  VdConsoleSessionClass *session_class = VD_CONSOLE_SESSION_CLASS (klass);

  object_class->dispose = vd_console_session_vnc_dispose;
  object_class->finalize = vd_console_session_vnc_finalize;
  session_class->open_fd = vd_console_session_vnc_open_fd;
  session_class->open_host = vd_console_session_vnc_open_host;
  session_class->close = vd_console_session_vnc_close;
  session_class->is_open = vd_console_session_vnc_is_open;
  session_class->set_credentials = vd_console_session_vnc_set_credentials;
  session_class->get_display = vd_console_session_vnc_get_display;
}

static void
vd_console_session_vnc_init (VdConsoleSessionVnc *self)
{
  self->display = g_object_ref_sink (vd_console_display_vnc_new ());
  /* Its own reference: the widget may be destroyed before the session. */
  self->vnc = g_object_ref (vd_console_display_vnc_get_vnc (VD_CONSOLE_DISPLAY_VNC (self->display)));

  g_signal_connect_swapped (self->vnc, "vnc-connected", G_CALLBACK (vnc_connected_cb), self);
  g_signal_connect_swapped (self->vnc, "vnc-initialized", G_CALLBACK (vnc_initialized_cb), self);
  g_signal_connect_swapped (self->vnc, "vnc-error", G_CALLBACK (vnc_error_cb), self);
  g_signal_connect_swapped (self->vnc, "vnc-auth-failure", G_CALLBACK (vnc_auth_failure_cb), self);
  g_signal_connect_swapped (self->vnc, "vnc-auth-unsupported",
                            G_CALLBACK (vnc_auth_unsupported_cb), self);
  g_signal_connect_swapped (self->vnc, "vnc-auth-credential",
                            G_CALLBACK (vnc_auth_credential_cb), self);
  g_signal_connect_swapped (self->vnc, "vnc-disconnected", G_CALLBACK (vnc_disconnected_cb), self);
}

VdConsoleSession *
vd_console_session_vnc_new (void)
{
  return g_object_new (VD_TYPE_CONSOLE_SESSION_VNC, NULL);
}
