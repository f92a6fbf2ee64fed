/* vd-hardware-page-redirdev.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vd-hardware-page-device.h"

G_BEGIN_DECLS

#define VD_TYPE_HARDWARE_PAGE_REDIRDEV (vd_hardware_page_redirdev_get_type ())

G_DECLARE_FINAL_TYPE (VdHardwarePageRedirdev, vd_hardware_page_redirdev, VD,
                      HARDWARE_PAGE_REDIRDEV, VdHardwarePageDevice)

G_END_DECLS
