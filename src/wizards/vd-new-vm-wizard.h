/* vd-new-vm-wizard.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vd-connection.h"
#include "vd-install-spec.h"

G_BEGIN_DECLS

#define VD_TYPE_NEW_VM_WIZARD (vd_new_vm_wizard_get_type ())

G_DECLARE_FINAL_TYPE (VdNewVmWizard, vd_new_vm_wizard, VD, NEW_VM_WIZARD, GtkWindow)

GtkWidget           *vd_new_vm_wizard_new            (GtkWindow     *parent,
                                                      VdConnection  *connection);
const char          *vd_new_vm_wizard_get_page       (VdNewVmWizard *self);
const VdInstallSpec *vd_new_vm_wizard_get_spec       (VdNewVmWizard *self);
gboolean             vd_new_vm_wizard_get_os_loaded  (VdNewVmWizard *self);
gboolean             vd_new_vm_wizard_get_cd_drives_listed (VdNewVmWizard *self);

G_END_DECLS
