/* vd-hardware-page-overview.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vd-hardware-page.h"

G_BEGIN_DECLS

#define VD_TYPE_HARDWARE_PAGE_OVERVIEW (vd_hardware_page_overview_get_type ())

G_DECLARE_FINAL_TYPE (VdHardwarePageOverview, vd_hardware_page_overview, VD,
                      HARDWARE_PAGE_OVERVIEW, VdHardwarePage)

GtkWidget *vd_hardware_page_overview_new (void);

G_END_DECLS
