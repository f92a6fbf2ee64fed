/* vd-hardware-page-watchdog.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vd-hardware-page-device.h"

G_BEGIN_DECLS

#define VD_TYPE_HARDWARE_PAGE_WATCHDOG (vd_hardware_page_watchdog_get_type ())

G_DECLARE_FINAL_TYPE (VdHardwarePageWatchdog, vd_hardware_page_watchdog, VD, HARDWARE_PAGE_WATCHDOG,
                      VdHardwarePageDevice)

G_END_DECLS
