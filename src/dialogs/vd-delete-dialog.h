/* vd-delete-dialog.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vd-domain.h"

G_BEGIN_DECLS

#define VD_TYPE_DELETE_DIALOG (vd_delete_dialog_get_type ())

G_DECLARE_FINAL_TYPE (VdDeleteDialog, vd_delete_dialog, VD, DELETE_DIALOG, GtkDialog)

GtkWidget *vd_delete_dialog_new         (GtkWindow  *parent,
                                         GPtrArray  *domains);
gboolean   vd_delete_dialog_get_loaded  (VdDeleteDialog *self);

G_END_DECLS
