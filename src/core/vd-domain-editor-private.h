/* vd-domain-editor-private.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vd-domain-editor.h"

G_BEGIN_DECLS

/* Shared by vd-domain-editor.c and vd-domain-editor-apply.c (main thread). */
gboolean  _vd_domain_editor_load     (VdDomainEditor  *self,
                                      const char      *xml,
                                      GError         **error);
char     *_vd_domain_editor_get_uuid (VdDomainEditor  *self);

G_END_DECLS
