/* vd-vm-window.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>
#include "vd-domain.h"

G_BEGIN_DECLS

#define VD_TYPE_VM_WINDOW (vd_vm_window_get_type ())
G_DECLARE_FINAL_TYPE (VdVmWindow, vd_vm_window, VD, VM_WINDOW, GtkApplicationWindow)
VdVmWindow *vd_vm_window_new        (GtkApplication *application, VdDomain *domain, GSettings *settings);
VdDomain   *vd_vm_window_get_domain (VdVmWindow *self);
void        vd_vm_window_set_page   (VdVmWindow *self, const char *page);
const char *vd_vm_window_get_page   (VdVmWindow *self);
const char *vd_vm_window_get_details_page (VdVmWindow *self);

G_END_DECLS
