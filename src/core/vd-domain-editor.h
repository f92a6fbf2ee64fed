/* vd-domain-editor.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vd-domain.h"

G_BEGIN_DECLS

#define VD_TYPE_DOMAIN_EDITOR (vd_domain_editor_get_type ())

G_DECLARE_FINAL_TYPE (VdDomainEditor, vd_domain_editor, VD, DOMAIN_EDITOR, GObject)

VdDomainEditor *vd_domain_editor_new_from_xml       (const char          *xml,
                                                     GError             **error);

const char     *vd_domain_editor_get_original_xml   (VdDomainEditor      *self);
char           *vd_domain_editor_get_xml            (VdDomainEditor      *self);
gboolean        vd_domain_editor_is_dirty           (VdDomainEditor      *self);
void            vd_domain_editor_revert             (VdDomainEditor      *self);

gboolean        vd_domain_editor_parse_size         (const char          *value,
                                                     const char          *unit,
                                                     guint64             *kib,
                                                     GError             **error);

char           *vd_domain_editor_get_title          (VdDomainEditor      *self);
gboolean        vd_domain_editor_set_title          (VdDomainEditor      *self,
                                                     const char          *title,
                                                     GError             **error);
char           *vd_domain_editor_get_os_id          (VdDomainEditor      *self);
gboolean        vd_domain_editor_set_os_id          (VdDomainEditor      *self,
                                                     const char          *id,
                                                     GError             **error);
char           *vd_domain_editor_get_description    (VdDomainEditor      *self);
gboolean        vd_domain_editor_set_description    (VdDomainEditor      *self,
                                                     const char          *description,
                                                     GError             **error);

guint64         vd_domain_editor_get_memory         (VdDomainEditor      *self);
guint64         vd_domain_editor_get_max_memory     (VdDomainEditor      *self);
gboolean        vd_domain_editor_set_memory         (VdDomainEditor      *self,
                                                     guint64              current_kib,
                                                     guint64              maximum_kib,
                                                     GError             **error);

guint           vd_domain_editor_get_vcpus          (VdDomainEditor      *self);
guint           vd_domain_editor_get_max_vcpus      (VdDomainEditor      *self);
gboolean        vd_domain_editor_set_vcpus          (VdDomainEditor      *self,
                                                     guint                current,
                                                     guint                maximum,
                                                     GError             **error);
gboolean        vd_domain_editor_get_cpu_topology   (VdDomainEditor      *self,
                                                     guint               *sockets,
                                                     guint               *cores,
                                                     guint               *threads);
gboolean        vd_domain_editor_set_cpu_topology   (VdDomainEditor      *self,
                                                     guint                sockets,
                                                     guint                cores,
                                                     guint                threads,
                                                     GError             **error);

char           *vd_domain_editor_get_lifecycle      (VdDomainEditor      *self,
                                                     const char          *event);
gboolean        vd_domain_editor_set_lifecycle      (VdDomainEditor      *self,
                                                     const char          *event,
                                                     const char          *action,
                                                     GError             **error);

GStrv           vd_domain_editor_get_boot_order     (VdDomainEditor      *self);
gboolean        vd_domain_editor_set_boot_order     (VdDomainEditor      *self,
                                                     const char * const  *devices,
                                                     GError             **error);
gboolean        vd_domain_editor_get_boot_menu      (VdDomainEditor      *self,
                                                     guint               *timeout_ms);
gboolean        vd_domain_editor_set_boot_menu      (VdDomainEditor      *self,
                                                     gboolean             enabled,
                                                     guint                timeout_ms,
                                                     GError             **error);

void            vd_domain_fetch_editor_async        (VdDomain            *domain,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
VdDomainEditor *vd_domain_fetch_editor_finish       (VdDomain            *domain,
                                                     GAsyncResult        *result,
                                                     GError             **error);

void            vd_domain_editor_apply_async        (VdDomainEditor      *self,
                                                     VdDomain            *domain,
                                                     GCancellable        *cancellable,
                                                     GAsyncReadyCallback  callback,
                                                     gpointer             user_data);
gboolean        vd_domain_editor_apply_finish       (VdDomainEditor      *self,
                                                     GAsyncResult        *result,
                                                     GError             **error);
gboolean        vd_domain_editor_apply_finish_full  (VdDomainEditor      *self,
                                                     GAsyncResult        *result,
                                                     gboolean            *needs_restart,
                                                     GError             **error);
gboolean        vd_domain_editor_get_needs_restart  (VdDomainEditor      *self);

G_END_DECLS
