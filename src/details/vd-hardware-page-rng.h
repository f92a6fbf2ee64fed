/* vd-hardware-page-rng.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vd-hardware-page-device.h"

G_BEGIN_DECLS

#define VD_TYPE_HARDWARE_PAGE_RNG (vd_hardware_page_rng_get_type ())

G_DECLARE_FINAL_TYPE (VdHardwarePageRng, vd_hardware_page_rng, VD, HARDWARE_PAGE_RNG,
                      VdHardwarePageDevice)

G_END_DECLS
