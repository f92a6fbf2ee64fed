/* vd-error.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-error"

#include "config.h"

#include <glib/gi18n.h>
#include <libvirt/virterror.h>

#include "vd-error.h"

G_DEFINE_QUARK (vd-error-quark, vd_error)

/**
 * vd_error_set_from_libvirt:
 * @error: (nullable): return location
 * @fallback: message used when libvirt recorded no error
 *
 * Turns libvirt's last error of the *calling thread* into a #GError. libvirt
 * keeps its last error per thread, so call this in the worker right after
 * the failing call. Authentication failures map to %VD_ERROR_AUTH_FAILED,
 * unsupported operations to %VD_ERROR_NOT_SUPPORTED, operations refused in
 * the guest's current state to %VD_ERROR_INVALID_STATE.
 */
void
vd_error_set_from_libvirt (GError     **error,
                           const char  *fallback)
{
  virErrorPtr err = virGetLastError ();
  VdError code = VD_ERROR_FAILED;
  const char *message = fallback;

  if (err != NULL)
    {
      switch (err->code)
        {
        case VIR_ERR_AUTH_FAILED:
        case VIR_ERR_AUTH_CANCELLED:
        case VIR_ERR_AUTH_UNAVAILABLE:
          code = VD_ERROR_AUTH_FAILED;
          break;
        case VIR_ERR_NO_SUPPORT:
        case VIR_ERR_ARGUMENT_UNSUPPORTED:
          code = VD_ERROR_NOT_SUPPORTED;
          break;
        case VIR_ERR_OPERATION_INVALID:
          code = VD_ERROR_INVALID_STATE;
          break;
        default:
          code = VD_ERROR_FAILED;
          break;
        }

      if (err->message != NULL && err->message[0] != '\0')
        message = err->message;
    }

  if (message == NULL)
    message = _("Unknown libvirt error");

  g_set_error_literal (error, VD_ERROR, code, message);
  virResetLastError ();
}
