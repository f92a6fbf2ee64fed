/* vd-manager-model.h
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

#define VD_TYPE_MANAGER_MODEL (vd_manager_model_get_type ())

G_DECLARE_FINAL_TYPE (VdManagerModel, vd_manager_model, VD, MANAGER_MODEL, GObject)

VdManagerModel *vd_manager_model_new           (VdConnectionManager *manager);
GtkTreeModel   *vd_manager_model_get_model     (VdManagerModel      *self);
void            vd_manager_model_set_search    (VdManagerModel      *self,
                                                const char          *text);
guint           vd_manager_model_get_n_domains (VdManagerModel      *self);
gpointer        vd_manager_model_get_object    (GtkTreeModel        *model,
                                                GtkTreeIter         *iter);
gboolean        vd_manager_model_find_domain   (VdManagerModel      *self,
                                                VdDomain            *domain,
                                                GtkTreeIter         *iter);

G_END_DECLS
