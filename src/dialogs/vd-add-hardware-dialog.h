/* vd-add-hardware-dialog.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vd-domain.h"

G_BEGIN_DECLS

#define VD_TYPE_ADD_HARDWARE_DIALOG (vd_add_hardware_dialog_get_type ())

G_DECLARE_FINAL_TYPE (VdAddHardwareDialog, vd_add_hardware_dialog, VD, ADD_HARDWARE_DIALOG,
                      GtkDialog)

GtkWidget  *vd_add_hardware_dialog_new          (GtkWindow           *parent,
                                                 VdDomain            *domain);
gboolean    vd_add_hardware_dialog_get_loaded   (VdAddHardwareDialog *self);
gboolean    vd_add_hardware_dialog_select_type  (VdAddHardwareDialog *self,
                                                 const char          *type);
const char *vd_add_hardware_dialog_get_type_id  (VdAddHardwareDialog *self);
GtkWidget  *vd_add_hardware_dialog_get_page     (VdAddHardwareDialog *self);
char       *vd_add_hardware_dialog_get_preview  (VdAddHardwareDialog *self);
gboolean    vd_add_hardware_dialog_get_running  (VdAddHardwareDialog *self);

G_END_DECLS
