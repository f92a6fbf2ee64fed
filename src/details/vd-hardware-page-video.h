/* vd-hardware-page-video.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vd-hardware-page-device.h"

G_BEGIN_DECLS

#define VD_TYPE_HARDWARE_PAGE_VIDEO (vd_hardware_page_video_get_type ())

G_DECLARE_FINAL_TYPE (VdHardwarePageVideo, vd_hardware_page_video, VD, HARDWARE_PAGE_VIDEO,
                      VdHardwarePageDevice)

G_END_DECLS
