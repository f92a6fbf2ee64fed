/* vd-preferences-dialog.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define VD_TYPE_PREFERENCES_DIALOG (vd_preferences_dialog_get_type ())

G_DECLARE_FINAL_TYPE (VdPreferencesDialog, vd_preferences_dialog, VD, PREFERENCES_DIALOG, GtkDialog)

GtkWidget *vd_preferences_dialog_new (GtkWindow *parent,
                                      GSettings *settings);

G_END_DECLS
