/* vd-console-tunnel.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define VD_TYPE_CONSOLE_TUNNEL (vd_console_tunnel_get_type ())
G_DECLARE_FINAL_TYPE (VdConsoleTunnel, vd_console_tunnel, VD, CONSOLE_TUNNEL, GObject)

VdConsoleTunnel  *vd_console_tunnel_new                (const char           *uri,
                                                        GError              **error);
const char       *vd_console_tunnel_get_host           (VdConsoleTunnel      *self);
const char       *vd_console_tunnel_get_control_path   (VdConsoleTunnel      *self);
void              vd_console_tunnel_start_async        (VdConsoleTunnel      *self,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean          vd_console_tunnel_start_finish       (VdConsoleTunnel      *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void              vd_console_tunnel_open_stream_async  (VdConsoleTunnel      *self,
                                                        const char           *host,
                                                        const char           *port,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
int               vd_console_tunnel_open_stream_finish (VdConsoleTunnel      *self,
                                                        GAsyncResult         *result,
                                                        GError              **error);
void              vd_console_tunnel_close              (VdConsoleTunnel      *self);

/* Pure helpers (tested without ssh) */
char            **vd_console_tunnel_master_argv        (const char           *uri,
                                                        const char           *control_path,
                                                        GError              **error);
char            **vd_console_tunnel_stream_argv        (const char           *uri,
                                                        const char           *control_path,
                                                        const char           *host,
                                                        const char           *port,
                                                        GError              **error);
gboolean          vd_console_uri_passes_fds            (const char           *uri);
gboolean          vd_console_uri_is_ssh                (const char           *uri);
gboolean          vd_console_remote_target             (const char           *uri,
                                                        const char           *listen_type,
                                                        const char           *listen,
                                                        gboolean             *via_ssh,
                                                        char                **host,
                                                        GError              **error);

G_END_DECLS
