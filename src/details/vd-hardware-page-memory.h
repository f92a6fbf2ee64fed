/* vd-hardware-page-memory.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vd-hardware-page.h"

G_BEGIN_DECLS

#define VD_TYPE_HARDWARE_PAGE_MEMORY (vd_hardware_page_memory_get_type ())

G_DECLARE_FINAL_TYPE (VdHardwarePageMemory, vd_hardware_page_memory, VD, HARDWARE_PAGE_MEMORY,
                      VdHardwarePage)

GtkWidget *vd_hardware_page_memory_new (void);

G_END_DECLS
