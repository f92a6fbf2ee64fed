/* vd-test-ui.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vd-confirm-dialog.h"

G_BEGIN_DECLS

/* Finds a widget the way a screen reader or an AT-SPI test would: by its
 * accessible name. Depth first, internal children included. */
static inline GtkWidget *
vd_test_find_by_accessible_name (GtkWidget  *root,
                                 const char *name)
{
  GtkWidget *found = NULL;

  if (g_strcmp0 (atk_object_get_name (gtk_widget_get_accessible (root)), name) == 0)
    return root;

  if (GTK_IS_CONTAINER (root))
    {
      g_autoptr(GList) children = gtk_container_get_children (GTK_CONTAINER (root));

      for (const GList *l = children; l != NULL && found == NULL; l = l->next)
        found = vd_test_find_by_accessible_name (l->data, name);
    }

  return found;
}

/* The confirmation dialog on screen, if any. */
static inline VdConfirmDialog *
vd_test_find_confirm_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (const GList *l = toplevels; l != NULL; l = l->next)
    {
      if (VD_IS_CONFIRM_DIALOG (l->data) && gtk_widget_get_visible (l->data))
        return l->data;
    }

  return NULL;
}

G_END_DECLS
