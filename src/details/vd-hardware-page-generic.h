/* vd-hardware-page-generic.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vd-hardware-page-device.h"

G_BEGIN_DECLS

#define VD_TYPE_HARDWARE_PAGE_GENERIC (vd_hardware_page_generic_get_type ())

G_DECLARE_FINAL_TYPE (VdHardwarePageGeneric, vd_hardware_page_generic, VD, HARDWARE_PAGE_GENERIC,
                      VdHardwarePageDevice)

G_END_DECLS
