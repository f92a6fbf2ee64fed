/* vd-pool-spec-private.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vd-pool-spec.h"

G_BEGIN_DECLS

/* Shared by the checks (vd-pool-spec.c) and the XML (vd-pool-spec-xml.c). */

gboolean    _vd_pool_spec_is_set          (const char       *text);
GStrv       _vd_pool_spec_split_list      (const char       *text);
char       *_vd_pool_spec_parse_host_port (const char       *item,
                                           guint            *port);
const char *_vd_pool_spec_format          (const VdPoolSpec *spec);
const char *_vd_pool_spec_vg_name         (const VdPoolSpec *spec);

G_END_DECLS
