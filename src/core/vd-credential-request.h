/* vd-credential-request.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * VdCredentialKind:
 * @VD_CREDENTIAL_USERNAME: a user name (shown as typed)
 * @VD_CREDENTIAL_PASSWORD: a password or passphrase (hidden)
 * @VD_CREDENTIAL_ECHO_PROMPT: any other question whose answer may be shown
 * @VD_CREDENTIAL_SECRET_PROMPT: any other question whose answer is hidden
 */
typedef enum
{
  VD_CREDENTIAL_USERNAME,
  VD_CREDENTIAL_PASSWORD,
  VD_CREDENTIAL_ECHO_PROMPT,
  VD_CREDENTIAL_SECRET_PROMPT,
} VdCredentialKind;

#define VD_TYPE_CREDENTIAL_REQUEST (vd_credential_request_get_type ())

G_DECLARE_FINAL_TYPE (VdCredentialRequest, vd_credential_request, VD, CREDENTIAL_REQUEST, GObject)

/* Used by VdConnection's libvirt auth callback (worker thread). */
VdCredentialRequest *vd_credential_request_new          (const char           *uri);
guint                vd_credential_request_add_field    (VdCredentialRequest  *self,
                                                         VdCredentialKind      kind,
                                                         const char           *prompt,
                                                         const char           *default_value);
gboolean             vd_credential_request_wait         (VdCredentialRequest  *self,
                                                         GCancellable         *cancellable);
char                *vd_credential_request_dup_answer   (VdCredentialRequest  *self,
                                                         guint                 index);

/* Used by the UI (main thread). */
const char          *vd_credential_request_get_uri      (VdCredentialRequest  *self);
guint                vd_credential_request_get_n_fields (VdCredentialRequest  *self);
VdCredentialKind     vd_credential_request_get_kind     (VdCredentialRequest  *self,
                                                         guint                 index);
const char          *vd_credential_request_get_prompt   (VdCredentialRequest  *self,
                                                         guint                 index);
const char          *vd_credential_request_get_default  (VdCredentialRequest  *self,
                                                         guint                 index);
void                 vd_credential_request_set_answer   (VdCredentialRequest  *self,
                                                         guint                 index,
                                                         const char           *answer);
void                 vd_credential_request_reply        (VdCredentialRequest  *self);
void                 vd_credential_request_cancel       (VdCredentialRequest  *self);
gboolean             vd_credential_request_is_finished  (VdCredentialRequest  *self);

G_END_DECLS
