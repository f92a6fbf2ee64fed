/* vd-console-secrets.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libsecret/secret.h>

G_BEGIN_DECLS

const SecretSchema *vd_console_secrets_get_schema      (void);
void                vd_console_secrets_check_async     (GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean            vd_console_secrets_check_finish    (GAsyncResult         *result,
                                                        GError              **error);
void                vd_console_secrets_lookup_async    (const char           *uri,
                                                        const char           *uuid,
                                                        const char           *protocol,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
char               *vd_console_secrets_lookup_finish   (GAsyncResult         *result,
                                                        GError              **error);
void                vd_console_secrets_store_async     (const char           *uri,
                                                        const char           *uuid,
                                                        const char           *protocol,
                                                        const char           *guest_name,
                                                        const char           *password,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean            vd_console_secrets_store_finish    (GAsyncResult         *result,
                                                        GError              **error);
void                vd_console_secrets_clear_async     (const char           *uri,
                                                        const char           *uuid,
                                                        const char           *protocol,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
gboolean            vd_console_secrets_clear_finish    (GAsyncResult         *result,
                                                        GError              **error);
void                vd_console_secrets_free            (char                 *password);

G_END_DECLS
