/* vd-os-rows.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>
#include <osinfo/osinfo.h>

G_BEGIN_DECLS

GtkWidget *vd_os_row_new          (OsinfoOs      *os,
                                   const char    *generic_label);
OsinfoOs  *vd_os_row_get_os       (GtkListBoxRow *row);
gboolean   vd_os_row_matches      (GtkListBoxRow *row,
                                   const char    *search);
GtkListBoxRow *vd_os_rows_find    (GtkListBox    *list,
                                   OsinfoOs      *os);

G_END_DECLS
