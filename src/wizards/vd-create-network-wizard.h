/* vd-create-network-wizard.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vd-connection.h"
#include "vd-network-spec.h"

G_BEGIN_DECLS

#define VD_TYPE_CREATE_NETWORK_WIZARD (vd_create_network_wizard_get_type ())

G_DECLARE_FINAL_TYPE (VdCreateNetworkWizard, vd_create_network_wizard, VD, CREATE_NETWORK_WIZARD,
                      GtkWindow)

GtkWidget           *vd_create_network_wizard_new      (GtkWindow             *parent,
                                                        VdConnection          *connection);
const char          *vd_create_network_wizard_get_page (VdCreateNetworkWizard *self);
const VdNetworkSpec *vd_create_network_wizard_get_spec (VdCreateNetworkWizard *self);

G_END_DECLS
