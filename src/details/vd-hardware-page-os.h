/* vd-hardware-page-os.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vd-hardware-page.h"

G_BEGIN_DECLS

#define VD_TYPE_HARDWARE_PAGE_OS (vd_hardware_page_os_get_type ())

G_DECLARE_FINAL_TYPE (VdHardwarePageOs, vd_hardware_page_os, VD, HARDWARE_PAGE_OS, VdHardwarePage)

GtkWidget *vd_hardware_page_os_new           (void);
gboolean   vd_hardware_page_os_get_list_loaded (VdHardwarePageOs *self);

G_END_DECLS
