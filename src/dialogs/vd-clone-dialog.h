/* vd-clone-dialog.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vd-domain.h"

G_BEGIN_DECLS

#define VD_TYPE_CLONE_DIALOG (vd_clone_dialog_get_type ())

G_DECLARE_FINAL_TYPE (VdCloneDialog, vd_clone_dialog, VD, CLONE_DIALOG, GtkDialog)

GtkWidget *vd_clone_dialog_new        (GtkWindow     *parent,
                                       VdDomain      *domain);
gboolean   vd_clone_dialog_get_loaded (VdCloneDialog *self);

G_END_DECLS
