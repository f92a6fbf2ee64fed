/* vd-os-rows.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "vd-os-rows.h"

/*
 * Rows of an OS list (the New VM wizard's OS step, a guest's OS page): a
 * libosinfo OS by name, or the generic entry (no OS), searchable by name
 * and short id ("debian12"), every word of the search in any order.
 */

/**
 * vd_os_row_new:
 * @os: (nullable): the OS, %NULL for the generic entry
 * @generic_label: what the generic entry says
 *
 * Returns: (transfer floating): a shown #GtkListBoxRow
 */
GtkWidget *
vd_os_row_new (OsinfoOs   *os,
               const char *generic_label)
{
  GtkWidget *row = gtk_list_box_row_new ();
  const char *name = os ? osinfo_product_get_name (OSINFO_PRODUCT (os)) : generic_label;
  g_autofree char *key = g_strdup_printf ("%s %s", name,
                                          os ? osinfo_product_get_short_id (OSINFO_PRODUCT (os))
                                             : "generic");
  GtkWidget *label = gtk_label_new (name);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  g_object_set (label, "margin", 6, NULL);
  gtk_container_add (GTK_CONTAINER (row), label);
  if (os != NULL)
    g_object_set_data_full (G_OBJECT (row), "os", g_object_ref (os), g_object_unref);
  g_object_set_data_full (G_OBJECT (row), "key", g_utf8_casefold (key, -1), g_free);
  gtk_widget_show_all (row);

  return row;
}

/**
 * vd_os_row_get_os:
 *
 * Returns: (transfer none) (nullable): the row's OS, %NULL for the generic
 *   entry
 */
OsinfoOs *
vd_os_row_get_os (GtkListBoxRow *row)
{
  return g_object_get_data (G_OBJECT (row), "os");
}

gboolean
vd_os_row_matches (GtkListBoxRow *row,
                   const char    *search)
{
  const char *key = g_object_get_data (G_OBJECT (row), "key");
  g_autofree char *folded = g_utf8_casefold (search != NULL ? search : "", -1);
  g_auto(GStrv) words = g_strsplit_set (g_strstrip (folded), " \t", -1);

  if (key == NULL)
    return TRUE;
  for (guint i = 0; words[i] != NULL; i++)
    if (*words[i] != '\0' && strstr (key, words[i]) == NULL)
      return FALSE;
  return TRUE;
}

/**
 * vd_os_rows_find:
 * @os: (nullable): %NULL finds the generic entry
 *
 * Returns: (transfer none) (nullable): the row showing @os
 */
GtkListBoxRow *
vd_os_rows_find (GtkListBox *list,
                 OsinfoOs   *os)
{
  g_autoptr(GList) rows = gtk_container_get_children (GTK_CONTAINER (list));

  for (const GList *l = rows; l != NULL; l = l->next)
    if (vd_os_row_get_os (l->data) == os)
      return l->data;
  return NULL;
}
