/* vd-hardware-page-tpm.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vd-hardware-page-device.h"

G_BEGIN_DECLS

#define VD_TYPE_HARDWARE_PAGE_TPM (vd_hardware_page_tpm_get_type ())

G_DECLARE_FINAL_TYPE (VdHardwarePageTpm, vd_hardware_page_tpm, VD, HARDWARE_PAGE_TPM,
                      VdHardwarePageDevice)

G_END_DECLS
