/* vd-hardware-page-balloon.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vd-hardware-page-device.h"

G_BEGIN_DECLS

#define VD_TYPE_HARDWARE_PAGE_BALLOON (vd_hardware_page_balloon_get_type ())

G_DECLARE_FINAL_TYPE (VdHardwarePageBalloon, vd_hardware_page_balloon, VD, HARDWARE_PAGE_BALLOON,
                      VdHardwarePageDevice)

G_END_DECLS
