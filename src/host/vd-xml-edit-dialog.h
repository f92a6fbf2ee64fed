/* vd-xml-edit-dialog.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define VD_TYPE_XML_EDIT_DIALOG (vd_xml_edit_dialog_get_type ())

G_DECLARE_FINAL_TYPE (VdXmlEditDialog, vd_xml_edit_dialog, VD, XML_EDIT_DIALOG, GtkDialog)

GtkWidget *vd_xml_edit_dialog_new         (GtkWindow       *parent,
                                           gpointer         object);
gboolean   vd_xml_edit_dialog_get_busy    (VdXmlEditDialog *self);
gboolean   vd_xml_edit_dialog_get_loaded  (VdXmlEditDialog *self);

G_END_DECLS
