/* vd-dhcp-hosts-dialog.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vd-network.h"

G_BEGIN_DECLS

#define VD_TYPE_DHCP_HOSTS_DIALOG (vd_dhcp_hosts_dialog_get_type ())
G_DECLARE_FINAL_TYPE (VdDhcpHostsDialog, vd_dhcp_hosts_dialog, VD, DHCP_HOSTS_DIALOG, GtkDialog)

GtkWidget *vd_dhcp_hosts_dialog_new (GtkWindow *parent,
                                     VdNetwork *network);

G_END_DECLS
