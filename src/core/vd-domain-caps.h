/* vd-domain-caps.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vd-connection.h"

G_BEGIN_DECLS

/**
 * VdDomainCaps:
 * @known: whether the driver answered; when %FALSE every other field is
 *   empty and @reason says why
 * @reason: (nullable): why nothing is known (libvirt's message)
 * @cpu_models: (array zero-terminated=1): the CPU models the host lists as
 *   usable for mode custom, sorted
 * @host_passthrough: mode host-passthrough is offered
 * @host_model: mode host-model is offered
 * @maximum: mode maximum is offered
 * @custom: mode custom (a named model) is offered
 * @efi: the firmware enum offers "efi" (firmware autoselection)
 * @secure_boot: the loader offers secure='yes'
 *
 * What virConnectGetDomainCapabilities says about one emulator, architecture,
 * machine type and virtualisation type. Reference counted, immutable.
 */
typedef struct
{
  gboolean  known;
  char     *reason;
  GStrv     cpu_models;
  gboolean  host_passthrough;
  gboolean  host_model;
  gboolean  maximum;
  gboolean  custom;
  gboolean  efi;
  gboolean  secure_boot;
} VdDomainCaps;

VdDomainCaps *vd_domain_caps_new_from_xml       (const char          *xml,
                                                 GError             **error);
VdDomainCaps *vd_domain_caps_new_unknown        (const char          *reason);
VdDomainCaps *vd_domain_caps_ref                (VdDomainCaps        *caps);
void          vd_domain_caps_unref              (VdDomainCaps        *caps);
gboolean      vd_domain_caps_check_cpu_model    (VdDomainCaps        *caps,
                                                 const char          *model,
                                                 GError             **error);

void          vd_domain_caps_names_from_xml     (const char          *domain_xml,
                                                 char               **virt_type,
                                                 char               **emulator,
                                                 char               **arch,
                                                 char               **machine);

VdDomainCaps *vd_connection_peek_domain_caps    (VdConnection        *self,
                                                 const char          *virt_type,
                                                 const char          *emulator,
                                                 const char          *arch,
                                                 const char          *machine);
void          vd_connection_get_domain_caps_async  (VdConnection        *self,
                                                    const char          *virt_type,
                                                    const char          *emulator,
                                                    const char          *arch,
                                                    const char          *machine,
                                                    GCancellable        *cancellable,
                                                    GAsyncReadyCallback  callback,
                                                    gpointer             user_data);
VdDomainCaps *vd_connection_get_domain_caps_finish (VdConnection        *self,
                                                    GAsyncResult        *result,
                                                    GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VdDomainCaps, vd_domain_caps_unref)

G_END_DECLS
