/* vd-uri.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  VD_HYPERVISOR_QEMU_SYSTEM,
  VD_HYPERVISOR_QEMU_SESSION,
  VD_HYPERVISOR_TEST,
  VD_HYPERVISOR_CUSTOM,
} VdHypervisor;

typedef enum
{
  VD_TRANSPORT_SSH,
  VD_TRANSPORT_TLS,
  VD_TRANSPORT_TCP,
} VdTransport;

gboolean  vd_uri_validate_host      (const char    *host,
                                     GError       **error);
gboolean  vd_uri_validate_port      (const char    *text,
                                     guint         *port_out,
                                     GError       **error);
gboolean  vd_uri_validate_user      (const char    *user,
                                     GError       **error);
gboolean  vd_uri_validate           (const char    *uri,
                                     GError       **error);
guint     vd_uri_default_port       (VdTransport    transport);
char     *vd_uri_build              (VdHypervisor   hypervisor,
                                     gboolean       remote,
                                     VdTransport    transport,
                                     const char    *user,
                                     const char    *host,
                                     guint          port,
                                     const char    *custom_uri,
                                     GError       **error);
char     *vd_uri_get_friendly_name  (const char    *uri);

G_END_DECLS
