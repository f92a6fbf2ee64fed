/* vd-hardware-page-controller.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vd-hardware-page-device.h"

G_BEGIN_DECLS

#define VD_TYPE_HARDWARE_PAGE_CONTROLLER (vd_hardware_page_controller_get_type ())

G_DECLARE_FINAL_TYPE (VdHardwarePageController, vd_hardware_page_controller, VD, HARDWARE_PAGE_CONTROLLER,
                      VdHardwarePageDevice)

G_END_DECLS
