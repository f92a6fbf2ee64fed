/* vd-hardware-page-input.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vd-hardware-page-device.h"

G_BEGIN_DECLS

#define VD_TYPE_HARDWARE_PAGE_INPUT (vd_hardware_page_input_get_type ())

G_DECLARE_FINAL_TYPE (VdHardwarePageInput, vd_hardware_page_input, VD, HARDWARE_PAGE_INPUT,
                      VdHardwarePageDevice)

G_END_DECLS
