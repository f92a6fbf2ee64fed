/* vd-hardware-page-panic.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vd-hardware-page-device.h"

G_BEGIN_DECLS

#define VD_TYPE_HARDWARE_PAGE_PANIC (vd_hardware_page_panic_get_type ())

G_DECLARE_FINAL_TYPE (VdHardwarePagePanic, vd_hardware_page_panic, VD, HARDWARE_PAGE_PANIC,
                      VdHardwarePageDevice)

G_END_DECLS
