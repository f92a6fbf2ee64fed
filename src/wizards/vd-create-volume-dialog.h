/* vd-create-volume-dialog.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vd-storage-pool.h"
#include "vd-volume-spec.h"

G_BEGIN_DECLS

#define VD_TYPE_CREATE_VOLUME_DIALOG (vd_create_volume_dialog_get_type ())

G_DECLARE_FINAL_TYPE (VdCreateVolumeDialog, vd_create_volume_dialog, VD, CREATE_VOLUME_DIALOG,
                      GtkDialog)

GtkWidget          *vd_create_volume_dialog_new      (GtkWindow            *parent,
                                                      VdStoragePool        *pool);
const VdVolumeSpec *vd_create_volume_dialog_get_spec (VdCreateVolumeDialog *self);
gboolean            vd_create_volume_dialog_get_busy (VdCreateVolumeDialog *self);

G_END_DECLS
