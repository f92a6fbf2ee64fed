/* vd-volume-spec.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vd-storage-pool.h"

G_BEGIN_DECLS

/**
 * VdVolumePreallocation:
 * @VD_VOLUME_PREALLOCATION_NONE: sparse: only the allocation asked for
 * @VD_VOLUME_PREALLOCATION_METADATA: qcow2 only: its metadata written at
 *   creation (faster first writes, still sparse)
 * @VD_VOLUME_PREALLOCATION_FULL: the whole capacity allocated now
 */
typedef enum
{
  VD_VOLUME_PREALLOCATION_NONE,
  VD_VOLUME_PREALLOCATION_METADATA,
  VD_VOLUME_PREALLOCATION_FULL,
} VdVolumePreallocation;

typedef enum
{
  VD_VOLUME_SPEC_FIELD_NAME,
  VD_VOLUME_SPEC_FIELD_FORMAT,
  VD_VOLUME_SPEC_FIELD_CAPACITY,
  VD_VOLUME_SPEC_FIELD_ALLOCATION,
  VD_VOLUME_SPEC_FIELD_BACKING,
  VD_VOLUME_SPEC_N_FIELDS
} VdVolumeSpecField;

/**
 * VdVolumeSpec:
 * @format: "raw", "qcow2", ... one of vd_volume_spec_get_formats()
 * @capacity: bytes
 * @allocation: bytes allocated now when @preallocation is
 *   %VD_VOLUME_PREALLOCATION_NONE (0 = sparse)
 * @backing: (nullable): the name of a volume of the same pool that a qcow2
 *   overlay is based on
 *
 * What the Create Volume dialog collects: a plain struct.
 */
typedef struct
{
  char                  *name;
  char                  *format;
  guint64                capacity;
  guint64                allocation;
  VdVolumePreallocation  preallocation;
  char                  *backing;
} VdVolumeSpec;

#define VD_TYPE_VOLUME_SPEC (vd_volume_spec_get_type ())

GType               vd_volume_spec_get_type    (void) G_GNUC_CONST;
VdVolumeSpec       *vd_volume_spec_new         (void);
VdVolumeSpec       *vd_volume_spec_copy        (const VdVolumeSpec   *spec);
void                vd_volume_spec_free        (VdVolumeSpec         *spec);

const char * const *vd_volume_spec_get_formats (const char           *pool_type);
gboolean            vd_volume_spec_parse_size  (const char           *text,
                                                const char           *unit,
                                                guint64              *bytes,
                                                char                **message);
char               *vd_volume_spec_check       (const VdVolumeSpec   *spec,
                                                VdVolumeSpecField     field,
                                                VdStoragePool        *pool);
gboolean            vd_volume_spec_validate    (const VdVolumeSpec   *spec,
                                                VdStoragePool        *pool,
                                                GError              **error);
char               *vd_volume_spec_to_xml      (const VdVolumeSpec   *spec,
                                                VdStoragePool        *pool);

void                vd_storage_pool_create_volume_async  (VdStoragePool       *self,
                                                          const VdVolumeSpec  *spec,
                                                          GCancellable        *cancellable,
                                                          GAsyncReadyCallback  callback,
                                                          gpointer             user_data);
gboolean            vd_storage_pool_create_volume_finish (VdStoragePool       *self,
                                                          GAsyncResult        *result,
                                                          GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VdVolumeSpec, vd_volume_spec_free)

G_END_DECLS
