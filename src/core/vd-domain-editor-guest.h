/* vd-domain-editor-guest.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vd-domain-editor.h"

G_BEGIN_DECLS

/* The guest-wide settings of the CPUs, Memory, Boot and Overview pages:
 * CPU mode and model, memory backing (vd-domain-editor-cpu.c), direct
 * kernel boot and firmware (vd-domain-editor-boot.c). */

char     *vd_domain_editor_get_cpu_mode       (VdDomainEditor  *self,
                                               char           **model);
gboolean  vd_domain_editor_set_cpu_mode       (VdDomainEditor  *self,
                                               const char      *mode,
                                               const char      *model,
                                               GError         **error);

gboolean  vd_domain_editor_get_hugepages      (VdDomainEditor  *self);
gboolean  vd_domain_editor_set_hugepages      (VdDomainEditor  *self,
                                               gboolean         enabled,
                                               GError         **error);
gboolean  vd_domain_editor_get_shared_memory  (VdDomainEditor  *self);
gboolean  vd_domain_editor_set_shared_memory  (VdDomainEditor  *self,
                                               gboolean         enabled,
                                               GError         **error);

gboolean  vd_domain_editor_get_kernel_boot    (VdDomainEditor  *self,
                                               char           **kernel,
                                               char           **initrd,
                                               char           **cmdline,
                                               char           **dtb);
gboolean  vd_domain_editor_set_kernel_boot    (VdDomainEditor  *self,
                                               const char      *kernel,
                                               const char      *initrd,
                                               const char      *cmdline,
                                               const char      *dtb,
                                               GError         **error);

char     *vd_domain_editor_get_firmware       (VdDomainEditor  *self);
gboolean  vd_domain_editor_get_firmware_manual (VdDomainEditor *self);
gboolean  vd_domain_editor_set_firmware       (VdDomainEditor  *self,
                                               const char      *firmware,
                                               GError         **error);
gboolean  vd_domain_editor_get_secure_boot    (VdDomainEditor  *self);
gboolean  vd_domain_editor_set_secure_boot    (VdDomainEditor  *self,
                                               gboolean         enabled,
                                               GError         **error);
char     *vd_domain_editor_get_nvram          (VdDomainEditor  *self);

GStrv     vd_domain_editor_get_device_boot_order (VdDomainEditor     *self);
gboolean  vd_domain_editor_set_device_boot_order (VdDomainEditor     *self,
                                                  const char * const *ids,
                                                  GError            **error);
gboolean  vd_domain_editor_device_can_boot    (VdDomainEditor  *self,
                                               const char      *id);

G_END_DECLS
