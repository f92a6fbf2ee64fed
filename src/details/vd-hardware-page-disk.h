/* vd-hardware-page-disk.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vd-hardware-page-device.h"

G_BEGIN_DECLS

#define VD_TYPE_HARDWARE_PAGE_DISK (vd_hardware_page_disk_get_type ())

G_DECLARE_FINAL_TYPE (VdHardwarePageDisk, vd_hardware_page_disk, VD, HARDWARE_PAGE_DISK,
                      VdHardwarePageDevice)

G_END_DECLS
