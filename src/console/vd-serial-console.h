/* vd-serial-console.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>
#include <libvirt/libvirt.h>
#include <vte/vte.h>

G_BEGIN_DECLS

#define VD_TYPE_SERIAL_CONSOLE (vd_serial_console_get_type ())
G_DECLARE_FINAL_TYPE (VdSerialConsole, vd_serial_console, VD, SERIAL_CONSOLE, GtkBin)

GtkWidget   *vd_serial_console_new           (void);
void         vd_serial_console_open_async    (VdSerialConsole     *self,
                                              virDomainPtr         domain,
                                              const char          *device,
                                              GCancellable        *cancellable,
                                              GAsyncReadyCallback  callback,
                                              gpointer             user_data);
gboolean     vd_serial_console_open_finish   (VdSerialConsole     *self,
                                              GAsyncResult        *result,
                                              GError             **error);
void         vd_serial_console_close         (VdSerialConsole     *self);
gboolean     vd_serial_console_get_connected (VdSerialConsole     *self);
VteTerminal *vd_serial_console_get_terminal  (VdSerialConsole     *self);
char        *vd_serial_console_get_text      (VdSerialConsole     *self);

G_END_DECLS
