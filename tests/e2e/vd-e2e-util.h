/* vd-e2e-util.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The harness (vd-e2e-daemon) provides the URIs; a missing one is a broken
 * setup, which must fail loudly rather than skip and pass. */
static inline const char *
vd_e2e_require_env (const char *name)
{
  const char *value = g_getenv (name);

  if (value == NULL || value[0] == '\0')
    g_error ("%s is not set: run this test through tests/e2e/vd-e2e-daemon "
             "(meson test --suite e2e)", name);

  return value;
}

/* The smallest guest QEMU runs under software emulation: no disk, so
 * SeaBIOS finds nothing to boot and idles, which is all a lifecycle test
 * needs. type='qemu' because there is no KVM here. */
static inline char *
vd_e2e_guest_xml (const char *name)
{
  return g_strdup_printf (
    "<domain type='qemu'>"
    "  <name>%s</name>"
    "  <memory unit='MiB'>64</memory>"
    "  <vcpu>1</vcpu>"
    "  <os><type arch='x86_64' machine='pc'>hvm</type><boot dev='hd'/></os>"
    "  <features><acpi/></features>"
    "  <devices>"
    "    <graphics type='vnc' autoport='yes' listen='127.0.0.1'/>"
    "  </devices>"
    "</domain>", name);
}

G_END_DECLS
