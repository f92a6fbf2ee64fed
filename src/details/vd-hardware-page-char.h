/* vd-hardware-page-char.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vd-hardware-page-device.h"

G_BEGIN_DECLS

#define VD_TYPE_HARDWARE_PAGE_CHAR (vd_hardware_page_char_get_type ())

G_DECLARE_FINAL_TYPE (VdHardwarePageChar, vd_hardware_page_char, VD, HARDWARE_PAGE_CHAR,
                      VdHardwarePageDevice)

G_END_DECLS
