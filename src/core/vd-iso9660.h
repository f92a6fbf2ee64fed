/* vd-iso9660.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

char     *vd_iso9660_get_volume_id (GFile          *iso,
                                    GCancellable   *cancellable,
                                    GError        **error);
gboolean  vd_iso9660_extract       (GFile          *iso,
                                    const char     *path,
                                    GOutputStream  *output,
                                    GCancellable   *cancellable,
                                    GError        **error);

G_END_DECLS
