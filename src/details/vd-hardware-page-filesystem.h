/* vd-hardware-page-filesystem.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vd-hardware-page-device.h"

G_BEGIN_DECLS

#define VD_TYPE_HARDWARE_PAGE_FILESYSTEM (vd_hardware_page_filesystem_get_type ())

G_DECLARE_FINAL_TYPE (VdHardwarePageFilesystem, vd_hardware_page_filesystem, VD, HARDWARE_PAGE_FILESYSTEM,
                      VdHardwarePageDevice)

G_END_DECLS
