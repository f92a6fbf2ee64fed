/* vd-console-session.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vd-console-display.h"

G_BEGIN_DECLS

#define VD_TYPE_CONSOLE_SESSION (vd_console_session_get_type ())
G_DECLARE_DERIVABLE_TYPE (VdConsoleSession, vd_console_session, VD, CONSOLE_SESSION, GObject)

/**
 * VdConsoleSessionClass:
 * @open_fd: connects over @fd, a socket already connected to the guest's
 *   display server; the session owns @fd from then on
 * @open_host: connects to @host:@port
 * @close: drops the connection; "disconnected" follows
 * @is_open: whether a connection is up or being set up (after @close, until
 *   "disconnected")
 * @set_credentials: answers "auth-required": @username (%NULL when not
 *   asked) and @password
 * @get_display: the widget showing the guest's screen
 *
 * One connection to a guest's display, in one protocol. Signals:
 * "connected" (the transport is up), "initialized" (the first screen
 * description arrived: pixels follow), "disconnected" (with the reason,
 * %NULL for a clean close), "auth-required" (with the credentials wanted,
 * "username" and/or "password").
 */
struct _VdConsoleSessionClass
{
  GObjectClass parent_class;

  gboolean          (*open_fd)         (VdConsoleSession  *self,
                                        int                fd,
                                        GError           **error);
  gboolean          (*open_host)       (VdConsoleSession  *self,
                                        const char        *host,
                                        const char        *port,
                                        GError           **error);
  void              (*close)           (VdConsoleSession  *self);
  gboolean          (*is_open)         (VdConsoleSession  *self);
  void              (*set_credentials) (VdConsoleSession  *self,
                                        const char        *username,
                                        const char        *password);
  VdConsoleDisplay *(*get_display)     (VdConsoleSession  *self);
};

/* Hands a new socket to the guest's display to @ready (or -1 and why not),
 * on the main thread, later. */
typedef void (*VdConsoleFdReadyFunc) (int         fd,
                                      const char *error,
                                      gpointer    ready_data);
typedef void (*VdConsoleFdFunc)      (VdConsoleSession     *session,
                                      VdConsoleFdReadyFunc  ready,
                                      gpointer              ready_data,
                                      gpointer              user_data);

void              vd_console_session_set_fd_func     (VdConsoleSession  *self,
                                                      VdConsoleFdFunc    func,
                                                      gpointer           user_data,
                                                      GDestroyNotify     destroy);
gboolean          _vd_console_session_request_fd     (VdConsoleSession     *self,
                                                      VdConsoleFdReadyFunc  ready,
                                                      gpointer              ready_data);

gboolean          vd_console_session_open_fd         (VdConsoleSession  *self,
                                                      int                fd,
                                                      GError           **error);
gboolean          vd_console_session_open_host       (VdConsoleSession  *self,
                                                      const char        *host,
                                                      const char        *port,
                                                      GError           **error);
void              vd_console_session_close           (VdConsoleSession  *self);
gboolean          vd_console_session_is_open         (VdConsoleSession  *self);
void              vd_console_session_set_credentials (VdConsoleSession  *self,
                                                      const char        *username,
                                                      const char        *password);
VdConsoleDisplay *vd_console_session_get_display     (VdConsoleSession  *self);

/* For subclasses: emit the signals. */
void              _vd_console_session_emit_connected     (VdConsoleSession   *self);
void              _vd_console_session_emit_initialized   (VdConsoleSession   *self);
void              _vd_console_session_emit_disconnected  (VdConsoleSession   *self,
                                                          const char         *error);
void              _vd_console_session_emit_auth_required (VdConsoleSession   *self,
                                                          const char * const *wanted);

G_END_DECLS
