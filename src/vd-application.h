/* vd-application.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vd-connection-manager.h"
#include "vd-domain.h"

G_BEGIN_DECLS

#define VD_TYPE_APPLICATION (vd_application_get_type ())

G_DECLARE_FINAL_TYPE (VdApplication, vd_application, VD, APPLICATION, GtkApplication)

VdApplication       *vd_application_new                    (void);
VdConnectionManager *vd_application_get_connection_manager (VdApplication *self);
GSettings           *vd_application_get_settings           (VdApplication *self);
GtkWindow           *vd_application_get_manager_window     (VdApplication *self);
void                 vd_application_show_vm_window         (VdApplication *self,
                                                            VdDomain      *domain,
                                                            const char    *page);
void                 vd_application_show_host_window       (VdApplication *self,
                                                            VdConnection  *connection);

G_END_DECLS
