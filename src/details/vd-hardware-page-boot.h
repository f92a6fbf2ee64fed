/* vd-hardware-page-boot.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vd-hardware-page.h"

G_BEGIN_DECLS

#define VD_TYPE_HARDWARE_PAGE_BOOT (vd_hardware_page_boot_get_type ())

G_DECLARE_FINAL_TYPE (VdHardwarePageBoot, vd_hardware_page_boot, VD, HARDWARE_PAGE_BOOT,
                      VdHardwarePage)

GtkWidget *vd_hardware_page_boot_new (void);

G_END_DECLS
