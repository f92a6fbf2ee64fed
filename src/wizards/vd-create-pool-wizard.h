/* vd-create-pool-wizard.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vd-connection.h"
#include "vd-pool-spec.h"

G_BEGIN_DECLS

#define VD_TYPE_CREATE_POOL_WIZARD (vd_create_pool_wizard_get_type ())

G_DECLARE_FINAL_TYPE (VdCreatePoolWizard, vd_create_pool_wizard, VD, CREATE_POOL_WIZARD, GtkWindow)

GtkWidget        *vd_create_pool_wizard_new      (GtkWindow          *parent,
                                                  VdConnection       *connection);
const char       *vd_create_pool_wizard_get_page (VdCreatePoolWizard *self);
const VdPoolSpec *vd_create_pool_wizard_get_spec (VdCreatePoolWizard *self);

G_END_DECLS
