/* vd-domain-editor-hw.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vd-domain-editor-devices.h"

G_BEGIN_DECLS

/* Controllers, shared folders (filesystems), smartcards and shared memory
 * (vd-domain-editor-hw.c) */

gboolean   vd_domain_editor_get_controller       (VdDomainEditor  *self,
                                                  const char      *id,
                                                  char           **type,
                                                  guint           *index,
                                                  char           **model);
const char * const *vd_domain_editor_controller_models (const char *type);
gboolean   vd_domain_editor_set_controller_model (VdDomainEditor  *self,
                                                  const char      *id,
                                                  const char      *model,
                                                  GError         **error);
guint      vd_domain_editor_get_controller_uint  (VdDomainEditor  *self,
                                                  const char      *id,
                                                  const char      *attr);
gboolean   vd_domain_editor_set_controller_ports (VdDomainEditor  *self,
                                                  const char      *id,
                                                  guint            ports,
                                                  guint            vectors,
                                                  GError         **error);
GPtrArray *vd_domain_editor_list_controller_users (VdDomainEditor *self,
                                                   const char     *id);
guint      vd_domain_editor_next_controller_index (VdDomainEditor *self,
                                                   const char     *type);

typedef struct
{
  char     *driver;      /* "virtiofs", "path" (9p), NULL: the default (9p) */
  char     *source;      /* a host directory */
  char     *target;      /* the mount tag */
  char     *accessmode;  /* passthrough, mapped, squash; NULL: passthrough */
  gboolean  readonly;
} VdFilesystem;

void       vd_filesystem_clear                   (VdFilesystem    *fs);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (VdFilesystem, vd_filesystem_clear)

gboolean   vd_domain_editor_get_filesystem       (VdDomainEditor      *self,
                                                  const char          *id,
                                                  VdFilesystem        *fs);
gboolean   vd_domain_editor_set_filesystem       (VdDomainEditor      *self,
                                                  const char          *id,
                                                  const VdFilesystem  *fs,
                                                  GError             **error);

gboolean   vd_domain_editor_get_smartcard        (VdDomainEditor  *self,
                                                  const char      *id,
                                                  char           **mode,
                                                  char           **type,
                                                  char           **host,
                                                  guint           *port);
gboolean   vd_domain_editor_set_smartcard        (VdDomainEditor  *self,
                                                  const char      *id,
                                                  const char      *mode,
                                                  const char      *type,
                                                  const char      *host,
                                                  guint            port,
                                                  GError         **error);

gboolean   vd_domain_editor_get_shmem            (VdDomainEditor  *self,
                                                  const char      *id,
                                                  char           **name,
                                                  guint64         *size_mib,
                                                  char           **model);
gboolean   vd_domain_editor_set_shmem            (VdDomainEditor  *self,
                                                  const char      *id,
                                                  const char      *name,
                                                  guint64          size_mib,
                                                  const char      *model,
                                                  GError         **error);

G_END_DECLS
