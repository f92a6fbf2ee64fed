/* vd-hardware-page-cpu.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vd-hardware-page.h"

G_BEGIN_DECLS

#define VD_TYPE_HARDWARE_PAGE_CPU (vd_hardware_page_cpu_get_type ())

G_DECLARE_FINAL_TYPE (VdHardwarePageCpu, vd_hardware_page_cpu, VD, HARDWARE_PAGE_CPU,
                      VdHardwarePage)

GtkWidget *vd_hardware_page_cpu_new (void);

G_END_DECLS
