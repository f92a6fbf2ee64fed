/* vd-auth-dialog.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vd-credential-request.h"

G_BEGIN_DECLS

#define VD_TYPE_AUTH_DIALOG (vd_auth_dialog_get_type ())

G_DECLARE_FINAL_TYPE (VdAuthDialog, vd_auth_dialog, VD, AUTH_DIALOG, GtkDialog)

GtkWidget           *vd_auth_dialog_new         (GtkWindow           *parent,
                                                 VdCredentialRequest *request);
VdCredentialRequest *vd_auth_dialog_get_request (VdAuthDialog        *self);

G_END_DECLS
