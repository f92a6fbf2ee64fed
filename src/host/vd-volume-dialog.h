/* vd-volume-dialog.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vd-storage-volume.h"

G_BEGIN_DECLS

/**
 * VdVolumeDialogMode:
 * @VD_VOLUME_DIALOG_CLONE: asks for a name and a format, then clones
 * @VD_VOLUME_DIALOG_RESIZE: asks for a capacity, then resizes
 * @VD_VOLUME_DIALOG_WIPE: wipes at once (the caller asked first)
 * @VD_VOLUME_DIALOG_UPLOAD: uploads the local file at once
 * @VD_VOLUME_DIALOG_DOWNLOAD: downloads to the local file at once
 */
typedef enum
{
  VD_VOLUME_DIALOG_CLONE,
  VD_VOLUME_DIALOG_RESIZE,
  VD_VOLUME_DIALOG_WIPE,
  VD_VOLUME_DIALOG_UPLOAD,
  VD_VOLUME_DIALOG_DOWNLOAD,
} VdVolumeDialogMode;

#define VD_TYPE_VOLUME_DIALOG (vd_volume_dialog_get_type ())

G_DECLARE_FINAL_TYPE (VdVolumeDialog, vd_volume_dialog, VD, VOLUME_DIALOG, GtkDialog)

GtkWidget *vd_volume_dialog_new      (GtkWindow          *parent,
                                      VdStorageVolume    *volume,
                                      VdVolumeDialogMode  mode,
                                      const char         *local_path);
gboolean   vd_volume_dialog_get_busy (VdVolumeDialog     *self);

G_END_DECLS
