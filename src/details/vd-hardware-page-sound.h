/* vd-hardware-page-sound.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vd-hardware-page-device.h"

G_BEGIN_DECLS

#define VD_TYPE_HARDWARE_PAGE_SOUND (vd_hardware_page_sound_get_type ())

G_DECLARE_FINAL_TYPE (VdHardwarePageSound, vd_hardware_page_sound, VD, HARDWARE_PAGE_SOUND,
                      VdHardwarePageDevice)

G_END_DECLS
