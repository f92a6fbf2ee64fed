/* vd-hardware-page-nic.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vd-hardware-page-device.h"

G_BEGIN_DECLS

#define VD_TYPE_HARDWARE_PAGE_NIC (vd_hardware_page_nic_get_type ())

G_DECLARE_FINAL_TYPE (VdHardwarePageNic, vd_hardware_page_nic, VD, HARDWARE_PAGE_NIC,
                      VdHardwarePageDevice)

G_END_DECLS
