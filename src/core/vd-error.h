/* vd-error.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define VD_ERROR (vd_error_quark ())

/**
 * VdError:
 * @VD_ERROR_FAILED: a libvirt call or another operation failed
 * @VD_ERROR_CANCELLED: the user cancelled (credentials, confirmation)
 * @VD_ERROR_NOT_SUPPORTED: the driver or guest does not support it
 * @VD_ERROR_INVALID_ARGUMENT: bad input (URI, name, port, ...)
 * @VD_ERROR_AUTH_FAILED: authentication was refused or not answered
 * @VD_ERROR_NOT_CONNECTED: the connection is not open
 * @VD_ERROR_BUSY: another operation on the same object is running
 * @VD_ERROR_INVALID_STATE: the guest is not in a state that allows it
 */
typedef enum
{
  VD_ERROR_FAILED,
  VD_ERROR_CANCELLED,
  VD_ERROR_NOT_SUPPORTED,
  VD_ERROR_INVALID_ARGUMENT,
  VD_ERROR_AUTH_FAILED,
  VD_ERROR_NOT_CONNECTED,
  VD_ERROR_BUSY,
  VD_ERROR_INVALID_STATE,
} VdError;

GQuark vd_error_quark          (void);
void   vd_error_set_from_libvirt (GError     **error,
                                  const char  *fallback);

G_END_DECLS
