/* vd-snapshots-page.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vd-domain.h"

G_BEGIN_DECLS

#define VD_TYPE_SNAPSHOTS_PAGE (vd_snapshots_page_get_type ())

G_DECLARE_FINAL_TYPE (VdSnapshotsPage, vd_snapshots_page, VD, SNAPSHOTS_PAGE, GtkBox)

GtkWidget *vd_snapshots_page_new          (void);
void       vd_snapshots_page_set_domain   (VdSnapshotsPage *self,
                                           VdDomain        *domain);
void       vd_snapshots_page_set_settings (VdSnapshotsPage *self,
                                           GSettings       *settings);
void       vd_snapshots_page_refresh      (VdSnapshotsPage *self);
gboolean   vd_snapshots_page_get_busy     (VdSnapshotsPage *self);
gboolean   vd_snapshots_page_select       (VdSnapshotsPage *self,
                                           const char      *name);

G_END_DECLS
