/* vd-hardware-page-shmem.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vd-hardware-page-device.h"

G_BEGIN_DECLS

#define VD_TYPE_HARDWARE_PAGE_SHMEM (vd_hardware_page_shmem_get_type ())

G_DECLARE_FINAL_TYPE (VdHardwarePageShmem, vd_hardware_page_shmem, VD, HARDWARE_PAGE_SHMEM,
                      VdHardwarePageDevice)

G_END_DECLS
