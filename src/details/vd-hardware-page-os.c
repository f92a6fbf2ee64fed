/* vd-hardware-page-os.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-hardware-page"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-hardware-page-os.h"
#include "vd-os-rows.h"
#include "vd-osinfo.h"

/*
 * Operating system: the libosinfo OS recorded in the guest's metadata
 * (vd_domain_editor_get_os_id), shown by name, and chosen from libosinfo's
 * list, searchable (the database is read in a worker when the page is
 * made). "Not recorded" removes the record. Until a row is picked, commit
 * writes back what was loaded, which changes nothing.
 */

struct _VdHardwarePageOs
{
  VdHardwarePage  parent_instance;

  /* Template widgets */
  GtkLabel       *current_label;
  GtkSearchEntry *search_entry;
  GtkListBox     *os_list;
  GtkLabel       *status_label;

  OsinfoDb       *db;
  GCancellable   *cancellable;
  char           *loaded_id;
  char           *chosen_id;
  gboolean        chosen;
  gboolean        selecting;   /* the page itself selects: no user choice */
};

G_DEFINE_FINAL_TYPE (VdHardwarePageOs, vd_hardware_page_os, VD_TYPE_HARDWARE_PAGE)

static const char *
current_id (VdHardwarePageOs *self)
{
  return self->chosen ? self->chosen_id : self->loaded_id;
}

static void
show_current (VdHardwarePageOs *self)
{
  const char *id = current_id (self);
  OsinfoOs *os = id != NULL && self->db != NULL ? vd_osinfo_find_os (self->db, id) : NULL;
  g_autofree char *text = NULL;

  if (id == NULL)
    text = g_strdup (_("No operating system is recorded for this guest."));
  else if (os != NULL)
    /* translators: an OS ("Debian 12") and its libosinfo id */
    text = g_strdup_printf (_("%s (%s)"), osinfo_product_get_name (OSINFO_PRODUCT (os)), id);
  else if (self->db != NULL)
    /* translators: %s is a libosinfo id such as http://debian.org/debian/12 */
    text = g_strdup_printf (_("%s (not in this computer’s list of operating systems)"), id);
  else
    text = g_strdup (id);

  gtk_label_set_text (self->current_label, text);
}

/* Selects the row of what the page shows, if the list has it. */
static void
select_current (VdHardwarePageOs *self)
{
  const char *id = current_id (self);
  OsinfoOs *os = NULL;
  GtkListBoxRow *row;

  if (id != NULL)
    {
      if (self->db == NULL)
        return;
      os = vd_osinfo_find_os (self->db, id);
      if (os == NULL)
        {
          self->selecting = TRUE;
          gtk_list_box_unselect_all (self->os_list);
          self->selecting = FALSE;
          return;
        }
    }

  row = vd_os_rows_find (self->os_list, os);
  self->selecting = TRUE;
  if (row != NULL)
    gtk_list_box_select_row (self->os_list, row);
  else
    gtk_list_box_unselect_all (self->os_list);
  self->selecting = FALSE;
}

static void
vd_hardware_page_os_load (VdHardwarePage *page,
                          VdDomainEditor *editor)
{
  VdHardwarePageOs *self = VD_HARDWARE_PAGE_OS (page);

  g_free (self->loaded_id);
  self->loaded_id = vd_domain_editor_get_os_id (editor);
  g_clear_pointer (&self->chosen_id, g_free);
  self->chosen = FALSE;
  show_current (self);
  select_current (self);
}

static gboolean
vd_hardware_page_os_commit (VdHardwarePage  *page,
                            VdDomainEditor  *editor,
                            GError         **error)
{
  VdHardwarePageOs *self = VD_HARDWARE_PAGE_OS (page);

  return vd_domain_editor_set_os_id (editor, current_id (self), error);
}

static void
row_selected_cb (VdHardwarePageOs *self,
                 GtkListBoxRow    *row)
{
  OsinfoOs *os;

  if (self->selecting || row == NULL)
    return;

  os = vd_os_row_get_os (row);
  g_free (self->chosen_id);
  self->chosen_id = os != NULL ? g_strdup (osinfo_entity_get_id (OSINFO_ENTITY (os))) : NULL;
  self->chosen = TRUE;
  show_current (self);
  vd_hardware_page_changed (VD_HARDWARE_PAGE (self));
}

static gboolean
os_filter (GtkListBoxRow *row,
           gpointer       user_data)
{
  VdHardwarePageOs *self = user_data;

  return vd_os_row_matches (row, gtk_entry_get_text (GTK_ENTRY (self->search_entry)));
}

static void
search_changed_cb (VdHardwarePageOs *self)
{
  gtk_list_box_invalidate_filter (self->os_list);
}

static void
db_loaded_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(VdHardwarePageOs) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OsinfoDb) db = vd_osinfo_load_finish (result, &error);
  g_autoptr(GPtrArray) all = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->os_list == NULL)
    return;
  if (db == NULL)
    {
      /* translators: %s says why libosinfo's database could not be read */
      g_autofree char *text = g_strdup_printf (_("The list of operating systems could not "
                                                 "be read: %s"), error->message);

      gtk_label_set_text (self->status_label, text);
      return;
    }

  self->db = g_steal_pointer (&db);
  all = vd_osinfo_search (self->db, NULL);
  for (guint i = 0; i < all->len; i++)
    gtk_list_box_insert (self->os_list, vd_os_row_new (all->pdata[i], NULL), -1);
  gtk_label_set_text (self->status_label, "");
  show_current (self);
  select_current (self);
}

static void
vd_hardware_page_os_dispose (GObject *object)
{
  VdHardwarePageOs *self = VD_HARDWARE_PAGE_OS (object);

  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (vd_hardware_page_os_parent_class)->dispose (object);
}

static void
vd_hardware_page_os_finalize (GObject *object)
{
  VdHardwarePageOs *self = VD_HARDWARE_PAGE_OS (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->db);
  g_free (self->loaded_id);
  g_free (self->chosen_id);

  G_OBJECT_CLASS (vd_hardware_page_os_parent_class)->finalize (object);
}

static void
vd_hardware_page_os_class_init (VdHardwarePageOsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  VdHardwarePageClass *page_class = VD_HARDWARE_PAGE_CLASS (klass);

  object_class->dispose = vd_hardware_page_os_dispose;
  object_class->finalize = vd_hardware_page_os_finalize;
  page_class->load = vd_hardware_page_os_load;
  page_class->commit = vd_hardware_page_os_commit;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/details/vd-hardware-page-os.ui");
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageOs, current_label);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageOs, search_entry);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageOs, os_list);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageOs, status_label);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
}

static void
vd_hardware_page_os_init (VdHardwarePageOs *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_list_box_set_filter_func (self->os_list, os_filter, self, NULL);
  gtk_list_box_insert (self->os_list, vd_os_row_new (NULL, _("Not recorded")), -1);
  gtk_label_set_text (self->status_label, _("Reading the list of operating systems…"));
  show_current (self);

  self->cancellable = g_cancellable_new ();
  vd_osinfo_load_async (self->cancellable, db_loaded_cb, g_object_ref (self));
}

GtkWidget *
vd_hardware_page_os_new (void)
{
  return g_object_new (VD_TYPE_HARDWARE_PAGE_OS, NULL);
}

/**
 * vd_hardware_page_os_get_list_loaded:
 *
 * Returns: whether libosinfo's list is in the page
 */
gboolean
vd_hardware_page_os_get_list_loaded (VdHardwarePageOs *self)
{
  g_return_val_if_fail (VD_IS_HARDWARE_PAGE_OS (self), FALSE);

  return self->db != NULL;
}
