/* vd-console-session.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-console-session"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-console-session.h"

/*
 * The protocol-neutral connection to a guest's display. VdConsoleView
 * reacts to these four signals only; each protocol subclass translates its
 * library's own.
 */

typedef struct
{
  VdConsoleFdFunc  fd_func;
  gpointer         fd_data;
  GDestroyNotify   fd_destroy;
} VdConsoleSessionPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (VdConsoleSession, vd_console_session, G_TYPE_OBJECT)

enum {
  CONNECTED,
  INITIALIZED,
  DISCONNECTED,
  AUTH_REQUIRED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
vd_console_session_finalize (GObject *object)
{
  VdConsoleSession *self = VD_CONSOLE_SESSION (object);

  vd_console_session_set_fd_func (self, NULL, NULL, NULL);

  G_OBJECT_CLASS (vd_console_session_parent_class)->finalize (object);
}

static void
vd_console_session_class_init (VdConsoleSessionClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = vd_console_session_finalize;

  signals[CONNECTED] =
    g_signal_new ("connected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[INITIALIZED] =
    g_signal_new ("initialized", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[DISCONNECTED] =
    g_signal_new ("disconnected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[AUTH_REQUIRED] =
    g_signal_new ("auth-required", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRV);
}

static void
vd_console_session_init (VdConsoleSession *self)
{
}

/**
 * vd_console_session_set_fd_func:
 * @func: (nullable): makes a new socket to the guest's display
 *
 * Where the session was opened with a socket (virDomainOpenGraphicsFD),
 * protocols with several channels (SPICE) need one socket per channel,
 * and a new one to reconnect: @func makes them, asynchronously (it is a
 * round trip to the daemon).
 */
void
vd_console_session_set_fd_func (VdConsoleSession *self,
                                VdConsoleFdFunc   func,
                                gpointer          user_data,
                                GDestroyNotify    destroy)
{
  VdConsoleSessionPrivate *priv;

  g_return_if_fail (VD_IS_CONSOLE_SESSION (self));

  priv = vd_console_session_get_instance_private (self);
  if (priv->fd_destroy != NULL)
    priv->fd_destroy (priv->fd_data);
  priv->fd_func = func;
  priv->fd_data = user_data;
  priv->fd_destroy = destroy;
}

/* For subclasses: asks the fd function for a socket. FALSE when there is
 * none (the session was opened on a host and port). */
gboolean
_vd_console_session_request_fd (VdConsoleSession     *self,
                                VdConsoleFdReadyFunc  ready,
                                gpointer              ready_data)
{
  VdConsoleSessionPrivate *priv = vd_console_session_get_instance_private (self);

  if (priv->fd_func == NULL)
    return FALSE;

  priv->fd_func (self, ready, ready_data, priv->fd_data);
  return TRUE;
}

gboolean
vd_console_session_open_fd (VdConsoleSession  *self,
                            int                fd,
                            GError           **error)
{
  g_return_val_if_fail (VD_IS_CONSOLE_SESSION (self), FALSE);
  g_return_val_if_fail (fd >= 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return VD_CONSOLE_SESSION_GET_CLASS (self)->open_fd (self, fd, error);
}

gboolean
vd_console_session_open_host (VdConsoleSession  *self,
                              const char        *host,
                              const char        *port,
                              GError           **error)
{
  g_return_val_if_fail (VD_IS_CONSOLE_SESSION (self), FALSE);
  g_return_val_if_fail (host != NULL, FALSE);
  g_return_val_if_fail (port != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return VD_CONSOLE_SESSION_GET_CLASS (self)->open_host (self, host, port, error);
}

void
vd_console_session_close (VdConsoleSession *self)
{
  g_return_if_fail (VD_IS_CONSOLE_SESSION (self));

  VD_CONSOLE_SESSION_GET_CLASS (self)->close (self);
}

gboolean
vd_console_session_is_open (VdConsoleSession *self)
{
  g_return_val_if_fail (VD_IS_CONSOLE_SESSION (self), FALSE);

  return VD_CONSOLE_SESSION_GET_CLASS (self)->is_open (self);
}

/**
 * vd_console_session_set_credentials:
 * @username: (nullable): when "auth-required" asked for one
 * @password: (nullable): when "auth-required" asked for one
 *
 * Answers "auth-required". The session passes the values to the protocol
 * library and keeps no copy.
 */
void
vd_console_session_set_credentials (VdConsoleSession *self,
                                    const char       *username,
                                    const char       *password)
{
  g_return_if_fail (VD_IS_CONSOLE_SESSION (self));

  VD_CONSOLE_SESSION_GET_CLASS (self)->set_credentials (self, username, password);
}

/**
 * vd_console_session_get_display:
 *
 * Returns: (transfer none): the widget showing the guest's screen
 */
VdConsoleDisplay *
vd_console_session_get_display (VdConsoleSession *self)
{
  g_return_val_if_fail (VD_IS_CONSOLE_SESSION (self), NULL);

  return VD_CONSOLE_SESSION_GET_CLASS (self)->get_display (self);
}

void
_vd_console_session_emit_connected (VdConsoleSession *self)
{
  g_signal_emit (self, signals[CONNECTED], 0);
}

void
_vd_console_session_emit_initialized (VdConsoleSession *self)
{
  g_signal_emit (self, signals[INITIALIZED], 0);
}

void
_vd_console_session_emit_disconnected (VdConsoleSession *self,
                                       const char       *error)
{
  g_signal_emit (self, signals[DISCONNECTED], 0, error);
}

void
_vd_console_session_emit_auth_required (VdConsoleSession   *self,
                                        const char * const *wanted)
{
  g_signal_emit (self, signals[AUTH_REQUIRED], 0, wanted);
}
