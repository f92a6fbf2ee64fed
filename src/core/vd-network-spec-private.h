/* vd-network-spec-private.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vd-network-spec.h"

G_BEGIN_DECLS

/* An IPv4 or IPv6 address in network byte order, shared by the checks
 * (vd-network-spec.c) and the XML (vd-network-spec-xml.c). */
typedef struct
{
  guint8 bytes[16];
  guint  len;                   /* 4 or 16 */
} VdNetworkAddr;

gboolean  _vd_network_spec_is_set         (const char          *text);
gboolean  _vd_network_spec_parse_addr     (const char          *text,
                                           GSocketFamily        family,
                                           VdNetworkAddr                *addr);
char     *_vd_network_spec_addr_to_string (const VdNetworkAddr          *addr);
gboolean  _vd_network_spec_ipv4           (const VdNetworkSpec *spec,
                                           VdNetworkAddr                *addr,
                                           guint               *prefix);
gboolean  _vd_network_spec_ipv6           (const VdNetworkSpec *spec,
                                           VdNetworkAddr                *addr,
                                           guint               *prefix);

G_END_DECLS
