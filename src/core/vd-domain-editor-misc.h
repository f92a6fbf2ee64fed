/* vd-domain-editor-misc.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vd-domain-editor-devices.h"

G_BEGIN_DECLS

/* Sound cards, TPMs and panic notifiers */

char    *vd_domain_editor_get_sound_model  (VdDomainEditor      *self,
                                            const char          *id);
gboolean vd_domain_editor_set_sound_model  (VdDomainEditor      *self,
                                            const char          *id,
                                            const char          *model,
                                            GError             **error);

gboolean vd_domain_editor_get_tpm          (VdDomainEditor      *self,
                                            const char          *id,
                                            char               **model,
                                            char               **backend,
                                            char               **device,
                                            char               **version);
gboolean vd_domain_editor_set_tpm          (VdDomainEditor      *self,
                                            const char          *id,
                                            const char          *model,
                                            const char          *backend,
                                            const char          *device,
                                            const char          *version,
                                            GError             **error);

char    *vd_domain_editor_get_panic_model  (VdDomainEditor      *self,
                                            const char          *id);
gboolean vd_domain_editor_set_panic_model  (VdDomainEditor      *self,
                                            const char          *id,
                                            const char          *model,
                                            GError             **error);

G_END_DECLS
