/* vd-cpio.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean vd_cpio_write_newc (GOutputStream  *output,
                             const char     *name,
                             GBytes         *contents,
                             guint           mode,
                             GCancellable   *cancellable,
                             GError        **error);

gboolean vd_cpio_append_newc (const char     *path,
                              const char     *name,
                              GBytes         *contents,
                              guint           mode,
                              GCancellable   *cancellable,
                              GError        **error);

G_END_DECLS
