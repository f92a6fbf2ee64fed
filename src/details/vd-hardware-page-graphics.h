/* vd-hardware-page-graphics.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vd-hardware-page-device.h"

G_BEGIN_DECLS

#define VD_TYPE_HARDWARE_PAGE_GRAPHICS (vd_hardware_page_graphics_get_type ())

G_DECLARE_FINAL_TYPE (VdHardwarePageGraphics, vd_hardware_page_graphics, VD, HARDWARE_PAGE_GRAPHICS,
                      VdHardwarePageDevice)

G_END_DECLS
