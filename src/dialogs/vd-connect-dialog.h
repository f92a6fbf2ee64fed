/* vd-connect-dialog.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define VD_TYPE_CONNECT_DIALOG (vd_connect_dialog_get_type ())

G_DECLARE_FINAL_TYPE (VdConnectDialog, vd_connect_dialog, VD, CONNECT_DIALOG, GtkDialog)

GtkWidget *vd_connect_dialog_new             (GtkWindow       *parent);
char      *vd_connect_dialog_dup_uri         (VdConnectDialog *self);
gboolean   vd_connect_dialog_get_autoconnect (VdConnectDialog *self);

G_END_DECLS
