/* vd-delete-dialog-list.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-delete-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-delete-dialog-private.h"

/*
 * The Delete dialog's list of disks: a row per disk with a source, its
 * check box labelled with the path (its accessible name too), a line of
 * details (size, kind, pool or "not in a storage pool") and, when other
 * guests use the same storage, a warning naming them.
 */

/* ------------------------------------------------------------------ */
/* The disk list                                                       */
/* ------------------------------------------------------------------ */

static gboolean
path_listed (VdDeleteDialog *self,
             const char     *path)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      const DiskRow *row = g_ptr_array_index (self->rows, i);

      if (g_strcmp0 (row->disk->path, path) == 0)
        return TRUE;
    }

  return FALSE;
}

static char *
disk_details (const VdDomainDisk *disk)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  if (disk->capacity > 0)
    g_ptr_array_add (parts, g_format_size_full (disk->capacity, G_FORMAT_SIZE_IEC_UNITS));
  if (g_strcmp0 (disk->device, "cdrom") == 0)
    g_ptr_array_add (parts, g_strdup (_("CD-ROM")));
  else if (g_strcmp0 (disk->device, "floppy") == 0)
    g_ptr_array_add (parts, g_strdup (_("floppy disk")));
  if (disk->read_only)
    g_ptr_array_add (parts, g_strdup (_("read-only")));
  if (disk->shareable)
    g_ptr_array_add (parts, g_strdup (_("shareable")));
  if (disk->pool != NULL && disk->deletable)
    /* translators: %s is a storage pool's name */
    g_ptr_array_add (parts, g_strdup_printf (_("in pool “%s”"), disk->pool));
  else if (disk->pool != NULL)
    /* translators: %s is a storage pool's name */
    g_ptr_array_add (parts, g_strdup_printf (_("pool “%s” is not running: cannot be deleted"),
                                             disk->pool));
  else if (disk->deletable)
    g_ptr_array_add (parts, g_strdup (_("(not in a storage pool)")));
  else if (disk->is_block)
    g_ptr_array_add (parts, g_strdup (_("a host device: not deleted")));
  else
    g_ptr_array_add (parts, g_strdup (_("on another host, in no storage pool: not deleted")));
  g_ptr_array_add (parts, NULL);

  /* translators: separates a disk's details: "10.0 GiB · CD-ROM · read-only" */
  return g_strjoinv (_(" · "), (char **)parts->pdata);
}

static char *
users_text (const char * const *users)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; users[i] != NULL; i++)
    {
      if (i > 0)
        /* translators: between guest names in "Also used by “a”, “b”" */
        g_string_append (names, _(", "));
      g_string_append_printf (names, "“%s”", users[i]);
    }

  /* translators: %s is one or more quoted guest names */
  return g_strdup_printf (_("Also used by %s"), names->str);
}

static void
check_toggled_cb (VdDeleteDialog *self)
{
  _vd_delete_dialog_update_summary (self);
}

static void
add_header_row (VdDeleteDialog *self,
                const Entry    *entry)
{
  GtkWidget *label = gtk_label_new (vd_domain_get_name (entry->domain));
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  gtk_label_set_attributes (GTK_LABEL (label), attrs);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  g_object_set (label, "margin", 6, NULL);
  gtk_widget_show (label);
  gtk_list_box_insert (self->disks_list, label, -1);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (gtk_widget_get_parent (label)), FALSE);
}

static void
add_disk_row (VdDeleteDialog     *self,
              Entry              *entry,
              const VdDomainDisk *disk)
{
  g_autofree char *details = disk_details (disk);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *check = gtk_check_button_new_with_label (disk->path);
  GtkWidget *label = gtk_label_new (details);
  DiskRow *row;

  g_object_set (box, "margin", 6, NULL);
  gtk_label_set_line_wrap_mode (GTK_LABEL (gtk_bin_get_child (GTK_BIN (check))),
                                PANGO_WRAP_WORD_CHAR);
  gtk_label_set_line_wrap (GTK_LABEL (gtk_bin_get_child (GTK_BIN (check))), TRUE);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (check),
                                vd_domain_disk_get_delete_by_default (disk));
  gtk_container_add (GTK_CONTAINER (box), check);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_start (label, 26);
  gtk_style_context_add_class (gtk_widget_get_style_context (label), "dim-label");
  gtk_container_add (GTK_CONTAINER (box), label);

  if (disk->other_users != NULL && disk->other_users[0] != NULL)
    {
      g_autofree char *text = users_text ((const char * const *)disk->other_users);
      GtkWidget *warning = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic",
                                                      GTK_ICON_SIZE_MENU);
      GtkWidget *warning_label = gtk_label_new (text);

      gtk_widget_set_margin_start (warning, 26);
      gtk_label_set_xalign (GTK_LABEL (warning_label), 0);
      gtk_label_set_line_wrap (GTK_LABEL (warning_label), TRUE);
      gtk_style_context_add_class (gtk_widget_get_style_context (warning_label), "warning");
      gtk_container_add (GTK_CONTAINER (warning), icon);
      gtk_container_add (GTK_CONTAINER (warning), warning_label);
      gtk_container_add (GTK_CONTAINER (box), warning);
    }

  gtk_widget_show_all (box);
  gtk_list_box_insert (self->disks_list, box, -1);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (gtk_widget_get_parent (box)), FALSE);

  row = g_new0 (DiskRow, 1);
  row->entry = entry;
  row->disk = disk;
  row->check = GTK_TOGGLE_BUTTON (check);
  g_ptr_array_add (self->rows, row);
  g_signal_connect_object (check, "toggled", G_CALLBACK (check_toggled_cb), self,
                           G_CONNECT_SWAPPED);
}

/* Once every guest's storage is read: the list in the order the guests
 * were given, a disk two of them use listed once, under the first. */
void
_vd_delete_dialog_fill_list (VdDeleteDialog *self)
{
  int natural = 0;

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (self->entries->len > 1)
        add_header_row (self, entry);
      if (entry->storage == NULL)
        continue;

      for (guint d = 0; d < entry->storage->disks->len; d++)
        {
          const VdDomainDisk *disk = g_ptr_array_index (entry->storage->disks, d);

          if (!path_listed (self, disk->path))
            add_disk_row (self, entry, disk);
        }
    }

  gtk_widget_hide (self->loading_box);
  gtk_widget_show (self->disks_scroller);

  /* The window was sized before the rows came: it grows to its minimum
   * only, so the list asks for what it shows (scrolling past 280 px). */
  gtk_widget_get_preferred_height (GTK_WIDGET (self->disks_list), NULL, &natural);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (self->disks_scroller),
                                              MIN (natural, 280));
}
