/* vd-hardware-page-smartcard.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vd-hardware-page-device.h"

G_BEGIN_DECLS

#define VD_TYPE_HARDWARE_PAGE_SMARTCARD (vd_hardware_page_smartcard_get_type ())

G_DECLARE_FINAL_TYPE (VdHardwarePageSmartcard, vd_hardware_page_smartcard, VD, HARDWARE_PAGE_SMARTCARD,
                      VdHardwarePageDevice)

G_END_DECLS
