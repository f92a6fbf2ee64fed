/* vd-storage-browser.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vd-connection.h"
#include "vd-storage-volume.h"

G_BEGIN_DECLS

/**
 * VdStorageBrowserFilter:
 * @VD_STORAGE_BROWSER_FILTER_ALL: every volume and local file
 * @VD_STORAGE_BROWSER_FILTER_ISO: installation media: volumes of format
 *   "iso" or named *.iso, and *.iso local files
 * @VD_STORAGE_BROWSER_FILTER_DISK: disk images: every volume that is not
 *   an ISO image, and local disk image files
 *
 * What the caller offers to choose (a CD-ROM's medium, a disk).
 */
typedef enum
{
  VD_STORAGE_BROWSER_FILTER_ALL,
  VD_STORAGE_BROWSER_FILTER_ISO,
  VD_STORAGE_BROWSER_FILTER_DISK,
} VdStorageBrowserFilter;

#define VD_TYPE_STORAGE_BROWSER (vd_storage_browser_get_type ())

G_DECLARE_FINAL_TYPE (VdStorageBrowser, vd_storage_browser, VD, STORAGE_BROWSER, GtkDialog)

GtkWidget        *vd_storage_browser_new           (GtkWindow              *parent,
                                                    VdConnection           *connection,
                                                    VdStorageBrowserFilter  filter);
VdStorageBrowserFilter vd_storage_browser_get_filter (VdStorageBrowser     *self);
gboolean          vd_storage_browser_select_pool   (VdStorageBrowser       *self,
                                                    const char             *name);
gboolean          vd_storage_browser_select_volume (VdStorageBrowser       *self,
                                                    const char             *name);
VdStorageVolume  *vd_storage_browser_get_selected_volume (VdStorageBrowser *self);
guint             vd_storage_browser_get_n_shown   (VdStorageBrowser       *self);

void              vd_storage_browser_choose_async  (GtkWindow              *parent,
                                                    VdConnection           *connection,
                                                    VdStorageBrowserFilter  filter,
                                                    GCancellable           *cancellable,
                                                    GAsyncReadyCallback     callback,
                                                    gpointer                user_data);
char             *vd_storage_browser_choose_finish (GAsyncResult           *result,
                                                    VdStorageVolume       **volume,
                                                    GError                **error);

G_END_DECLS
