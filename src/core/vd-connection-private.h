/* vd-connection-private.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vd-connection.h"

G_BEGIN_DECLS

#include "vd-domain-private.h"

void _vd_connection_apply_domain_info  (VdConnection       *self,
                                        const VdDomainInfo *info);
void _vd_connection_queue_refresh      (VdConnection *self,
                                        virDomainPtr  handle);

G_END_DECLS
