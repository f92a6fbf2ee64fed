/* vd-confirm-dialog.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define VD_TYPE_CONFIRM_DIALOG (vd_confirm_dialog_get_type ())

G_DECLARE_FINAL_TYPE (VdConfirmDialog, vd_confirm_dialog, VD, CONFIRM_DIALOG, GtkDialog)

GtkWidget *vd_confirm_dialog_new            (GtkWindow          *parent,
                                             const char         *title,
                                             const char         *message,
                                             const char * const *items,
                                             const char         *accept_label,
                                             GSettings          *settings,
                                             const char         *settings_key);
gboolean   vd_confirm_dialog_get_dont_ask   (VdConfirmDialog    *self);

G_END_DECLS
