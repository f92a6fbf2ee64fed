/* vd-hardware-page-hostdev.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vd-hardware-page-device.h"

G_BEGIN_DECLS

#define VD_TYPE_HARDWARE_PAGE_HOSTDEV (vd_hardware_page_hostdev_get_type ())

G_DECLARE_FINAL_TYPE (VdHardwarePageHostdev, vd_hardware_page_hostdev, VD,
                      HARDWARE_PAGE_HOSTDEV, VdHardwarePageDevice)

gboolean vd_hardware_page_hostdev_get_listed      (VdHardwarePageHostdev *self);
gboolean vd_hardware_page_hostdev_select_device   (VdHardwarePageHostdev *self,
                                                   const char            *name);

G_END_DECLS
