/* vd-osinfo.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <osinfo/osinfo.h>

#include "vd-install-spec.h"

G_BEGIN_DECLS

/**
 * VdOsinfoResources:
 *
 * What libosinfo says an OS needs (0 where it says nothing). Memory and
 * storage in bytes.
 */
typedef struct
{
  guint64 min_ram;
  guint64 recommended_ram;
  guint   min_cpus;
  guint   recommended_cpus;
  guint64 min_storage;
  guint64 recommended_storage;
} VdOsinfoResources;

void       vd_osinfo_load_async            (GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
OsinfoDb  *vd_osinfo_load_finish           (GAsyncResult        *result,
                                            GError             **error);
OsinfoDb  *vd_osinfo_load                  (GError             **error);
OsinfoDb  *vd_osinfo_get_db                (void);
GPtrArray *vd_osinfo_search                (OsinfoDb            *db,
                                            const char          *text);
OsinfoOs  *vd_osinfo_find_os               (OsinfoDb            *db,
                                            const char          *id);
void       vd_osinfo_identify_media_async  (const char          *path,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
OsinfoOs  *vd_osinfo_identify_media_finish (GAsyncResult        *result,
                                            GError             **error);
void       vd_osinfo_identify_tree_async   (const char          *url,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
OsinfoOs  *vd_osinfo_identify_tree_finish  (GAsyncResult        *result,
                                            GError             **error);
void       vd_osinfo_get_resources         (OsinfoOs            *os,
                                            const char          *arch,
                                            VdOsinfoResources   *resources);
gboolean   vd_osinfo_supports_device       (OsinfoOs            *os,
                                            const char          *device_class,
                                            const char          *name_part);
gboolean   vd_osinfo_supports_uefi         (OsinfoOs            *os,
                                            const char          *arch);
void       vd_osinfo_apply_os              (VdInstallSpec       *spec,
                                            OsinfoOs            *os);

G_END_DECLS
