/* vd-snapshots-page.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-snapshots-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vd-confirm-dialog.h"
#include "vd-connection.h"
#include "vd-domain-snapshot.h"
#include "vd-gtk-util.h"
#include "vd-snapshots-page-private.h"

/*
 * The guest window's Snapshots tab: the guest's snapshots as a tree (each
 * under its parent, the current one in bold with an emblem), the selected
 * one's screen, state, time and description (editable, with Apply), and a
 * toolbar of snapshots.* actions: Create… (a popover: name, description,
 * kind, with the reason beside a kind the guest's disks do not allow),
 * Revert… and Delete… (this one, or it and its children), both asking
 * first.
 *
 * libvirt sends no snapshot events: the list is read again in a worker when
 * the tab is shown and after each of the page's own operations. Every
 * action is off while the page or the guest is busy. The actions
 * themselves are in vd-snapshots-page-actions.c.
 */

G_DEFINE_FINAL_TYPE (VdSnapshotsPage, vd_snapshots_page, GTK_TYPE_BOX)

static void show_selected (VdSnapshotsPage *self);


void
_vd_snapshots_page_show_error (VdSnapshotsPage *self,
            const char      *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_info_bar_set_revealed (self->error_bar, TRUE);
}

static void
error_bar_response_cb (GtkInfoBar *info_bar,
                       int         response)
{
  gtk_info_bar_set_revealed (info_bar, FALSE);
}

VdSnapshot *
_vd_snapshots_page_get_selected (VdSnapshotsPage *self)
{
  GtkTreeSelection *selection = gtk_tree_view_get_selection (self->tree_view);
  g_autoptr(VdSnapshot) snapshot = NULL;
  GtkTreeModel *model;
  GtkTreeIter iter;

  if (!gtk_tree_selection_get_selected (selection, &model, &iter))
    return NULL;
  gtk_tree_model_get (model, &iter, COL_SNAPSHOT, &snapshot, -1);

  /* The store holds its own reference as long as the row lives. */
  return snapshot;
}

static char *
format_time (gint64 seconds)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (seconds);

  if (when == NULL)
    return g_strdup ("");

  /* translators: a snapshot's date and time, see g_date_time_format() */
  return g_date_time_format (when, _("%Y-%m-%d %H:%M"));
}

/* ------------------------------------------------------------------ */
/* The tree                                                            */
/* ------------------------------------------------------------------ */

static void
name_icon_data_func (GtkTreeViewColumn *column,
                     GtkCellRenderer   *cell,
                     GtkTreeModel      *model,
                     GtkTreeIter       *iter,
                     gpointer           user_data)
{
  g_autoptr(VdSnapshot) snapshot = NULL;

  gtk_tree_model_get (model, iter, COL_SNAPSHOT, &snapshot, -1);
  g_object_set (cell, "icon-name",
                snapshot != NULL && vd_snapshot_get_is_current (snapshot)
                  ? "emblem-default-symbolic" : NULL, NULL);
}

static void
name_data_func (GtkTreeViewColumn *column,
                GtkCellRenderer   *cell,
                GtkTreeModel      *model,
                GtkTreeIter       *iter,
                gpointer           user_data)
{
  g_autoptr(VdSnapshot) snapshot = NULL;
  gboolean current;

  gtk_tree_model_get (model, iter, COL_SNAPSHOT, &snapshot, -1);
  current = snapshot != NULL && vd_snapshot_get_is_current (snapshot);
  g_object_set (cell,
                "text", snapshot != NULL ? vd_snapshot_get_name (snapshot) : "",
                "weight", current ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL,
                NULL);
}

static void
time_data_func (GtkTreeViewColumn *column,
                GtkCellRenderer   *cell,
                GtkTreeModel      *model,
                GtkTreeIter       *iter,
                gpointer           user_data)
{
  g_autoptr(VdSnapshot) snapshot = NULL;
  g_autofree char *text = NULL;

  gtk_tree_model_get (model, iter, COL_SNAPSHOT, &snapshot, -1);
  if (snapshot != NULL)
    text = format_time (vd_snapshot_get_creation_time (snapshot));
  g_object_set (cell, "text", text, NULL);
}

static void
state_data_func (GtkTreeViewColumn *column,
                 GtkCellRenderer   *cell,
                 GtkTreeModel      *model,
                 GtkTreeIter       *iter,
                 gpointer           user_data)
{
  g_autoptr(VdSnapshot) snapshot = NULL;

  gtk_tree_model_get (model, iter, COL_SNAPSHOT, &snapshot, -1);
  g_object_set (cell, "text", snapshot != NULL ? vd_snapshot_get_state_label (snapshot) : "",
                NULL);
}

static void
description_data_func (GtkTreeViewColumn *column,
                       GtkCellRenderer   *cell,
                       GtkTreeModel      *model,
                       GtkTreeIter       *iter,
                       gpointer           user_data)
{
  g_autoptr(VdSnapshot) snapshot = NULL;
  g_autofree char *first_line = NULL;

  gtk_tree_model_get (model, iter, COL_SNAPSHOT, &snapshot, -1);
  if (snapshot != NULL && vd_snapshot_get_description (snapshot) != NULL)
    {
      const char *text = vd_snapshot_get_description (snapshot);
      const char *end = strchr (text, '\n');

      first_line = end != NULL ? g_strndup (text, end - text) : g_strdup (text);
    }
  g_object_set (cell, "text", first_line, NULL);
}

static void
add_column (VdSnapshotsPage       *self,
            const char            *title,
            GtkTreeCellDataFunc    func,
            gboolean               expand)
{
  GtkCellRenderer *cell = gtk_cell_renderer_text_new ();
  GtkTreeViewColumn *column = gtk_tree_view_column_new ();

  gtk_tree_view_column_set_title (column, title);
  gtk_tree_view_column_set_resizable (column, TRUE);
  gtk_tree_view_column_set_expand (column, expand);
  if (expand)
    g_object_set (cell, "ellipsize", PANGO_ELLIPSIZE_END, NULL);
  gtk_tree_view_column_pack_start (column, cell, TRUE);
  gtk_tree_view_column_set_cell_data_func (column, cell, func, self, NULL);
  gtk_tree_view_append_column (self->tree_view, column);
}

static void
setup_tree (VdSnapshotsPage *self)
{
  GtkTreeViewColumn *column = gtk_tree_view_column_new ();
  GtkCellRenderer *icon = gtk_cell_renderer_pixbuf_new ();
  GtkCellRenderer *text = gtk_cell_renderer_text_new ();

  self->store = gtk_tree_store_new (N_COLUMNS, VD_TYPE_SNAPSHOT);
  gtk_tree_view_set_model (self->tree_view, GTK_TREE_MODEL (self->store));

  /* translators: column of the snapshot list */
  gtk_tree_view_column_set_title (column, C_("snapshot column", "Name"));
  gtk_tree_view_column_set_resizable (column, TRUE);
  gtk_tree_view_column_pack_start (column, text, TRUE);
  gtk_tree_view_column_pack_start (column, icon, FALSE);
  gtk_tree_view_column_set_cell_data_func (column, text, name_data_func, self, NULL);
  gtk_tree_view_column_set_cell_data_func (column, icon, name_icon_data_func, self, NULL);
  gtk_tree_view_append_column (self->tree_view, column);
  gtk_tree_view_set_expander_column (self->tree_view, column);

  /* translators: column of the snapshot list: when it was made */
  add_column (self, C_("snapshot column", "Time"), time_data_func, FALSE);
  /* translators: column of the snapshot list: the guest's state in it */
  add_column (self, C_("snapshot column", "State"), state_data_func, FALSE);
  add_column (self, C_("snapshot column", "Description"), description_data_func, TRUE);
}

static gboolean
find_row (GtkTreeModel *model,
          GtkTreeIter  *parent,
          const char   *name,
          GtkTreeIter  *found)
{
  GtkTreeIter iter;

  if (!gtk_tree_model_iter_children (model, &iter, parent))
    return FALSE;

  do
    {
      g_autoptr(VdSnapshot) snapshot = NULL;

      gtk_tree_model_get (model, &iter, COL_SNAPSHOT, &snapshot, -1);
      if (g_strcmp0 (vd_snapshot_get_name (snapshot), name) == 0)
        {
          *found = iter;
          return TRUE;
        }
      if (find_row (model, &iter, name, found))
        return TRUE;
    }
  while (gtk_tree_model_iter_next (model, &iter));

  return FALSE;
}

/**
 * vd_snapshots_page_select:
 *
 * Returns: whether the snapshot @name is listed (and now selected)
 */
gboolean
vd_snapshots_page_select (VdSnapshotsPage *self,
                          const char      *name)
{
  GtkTreeIter iter;
  g_autoptr(GtkTreePath) path = NULL;

  g_return_val_if_fail (VD_IS_SNAPSHOTS_PAGE (self), FALSE);

  if (name == NULL || !find_row (GTK_TREE_MODEL (self->store), NULL, name, &iter))
    return FALSE;

  path = gtk_tree_model_get_path (GTK_TREE_MODEL (self->store), &iter);
  gtk_tree_view_expand_to_path (self->tree_view, path);
  gtk_tree_view_set_cursor (self->tree_view, path, NULL, FALSE);

  return TRUE;
}

static void
fill_store (VdSnapshotsPage *self)
{
  g_autoptr(GHashTable) rows = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  VdSnapshot *selected = _vd_snapshots_page_get_selected (self);
  g_autofree char *keep = g_strdup (self->select_after != NULL ? self->select_after
                                    : selected != NULL ? vd_snapshot_get_name (selected)
                                    : NULL);
  VdSnapshot *current = vd_snapshot_list_get_current (self->list);

  /* The detail pane follows once the selection is back. */
  self->filling = TRUE;
  gtk_tree_store_clear (self->store);
  /* Parents come first in the list. */
  for (guint i = 0; i < self->list->snapshots->len; i++)
    {
      VdSnapshot *snapshot = g_ptr_array_index (self->list->snapshots, i);
      const char *parent_name = vd_snapshot_get_parent_name (snapshot);
      GtkTreeIter *parent = parent_name != NULL ? g_hash_table_lookup (rows, parent_name) : NULL;
      GtkTreeIter *iter = g_new0 (GtkTreeIter, 1);

      gtk_tree_store_insert_with_values (self->store, iter, parent, -1,
                                         COL_SNAPSHOT, snapshot, -1);
      g_hash_table_insert (rows, (gpointer)vd_snapshot_get_name (snapshot), iter);
    }
  gtk_tree_view_expand_all (self->tree_view);
  gtk_stack_set_visible_child_name (self->list_stack,
                                    self->list->snapshots->len > 0 ? "list" : "empty");

  if (!vd_snapshots_page_select (self, keep) && current != NULL)
    vd_snapshots_page_select (self, vd_snapshot_get_name (current));
  g_clear_pointer (&self->select_after, g_free);
  self->filling = FALSE;
  show_selected (self);
}

static void
list_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(VdSnapshotsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  VdSnapshotList *list = vd_domain_list_snapshots_finish (VD_DOMAIN (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->running--;
  self->listing = FALSE;

  if (list == NULL)
    _vd_snapshots_page_show_error (self, error->message);
  else if (VD_DOMAIN (object) == self->domain && vd_domain_get_connection (self->domain) != NULL)
    {
      g_clear_pointer (&self->list, vd_snapshot_list_free);
      self->list = list;
      fill_store (self);
    }
  else
    vd_snapshot_list_free (list);

  if (self->list_again)
    {
      self->list_again = FALSE;
      vd_snapshots_page_refresh (self);
    }
  _vd_snapshots_page_update_actions (self);
}

/**
 * vd_snapshots_page_refresh:
 *
 * Reads the guest's snapshots again (in a worker).
 */
void
vd_snapshots_page_refresh (VdSnapshotsPage *self)
{
  g_return_if_fail (VD_IS_SNAPSHOTS_PAGE (self));

  if (self->domain == NULL || vd_domain_get_connection (self->domain) == NULL)
    return;

  if (self->listing)
    {
      self->list_again = TRUE;
      return;
    }

  self->listing = TRUE;
  self->running++;
  _vd_snapshots_page_update_actions (self);
  vd_domain_list_snapshots_async (self->domain, self->cancellable, list_done_cb,
                                  g_object_ref (self));
}

/* ------------------------------------------------------------------ */
/* The detail pane                                                     */
/* ------------------------------------------------------------------ */

static char *
describe_kind (VdSnapshot *snapshot)
{
  if (vd_snapshot_get_is_external (snapshot))
    return g_strdup (vd_snapshot_get_has_memory (snapshot) ? _("memory and disks, external")
                                                           : _("disks only, external"));

  return g_strdup (vd_snapshot_get_has_memory (snapshot) ? _("memory and disks, internal")
                                                         : _("disks, internal"));
}

static void
show_selected (VdSnapshotsPage *self)
{
  VdSnapshot *snapshot = _vd_snapshots_page_get_selected (self);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->description_view);
  g_autofree char *when = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *info = NULL;
  const char *path;

  g_autofree char *typed = _vd_snapshots_page_get_description_text (self);
  const char *description;
  gboolean keep_typed;

  gtk_widget_set_visible (self->detail_box, snapshot != NULL);
  self->showing_description = TRUE;
  if (snapshot == NULL)
    {
      gtk_label_set_text (self->detail_name_label, "");
      gtk_label_set_text (self->detail_info_label, "");
      gtk_image_clear (self->thumbnail);
      gtk_text_buffer_set_text (buffer, "", -1);
      g_clear_pointer (&self->shown_name, g_free);
      g_clear_pointer (&self->shown_description, g_free);
      self->showing_description = FALSE;
      return;
    }

  /* The same snapshot read again (the tab shown again, an operation
   * done): a description being edited is kept. */
  description = vd_snapshot_get_description (snapshot) != NULL
    ? vd_snapshot_get_description (snapshot) : "";
  keep_typed = g_strcmp0 (self->shown_name, vd_snapshot_get_name (snapshot)) == 0 &&
               g_strcmp0 (typed, self->shown_description) != 0;
  g_free (self->shown_name);
  self->shown_name = g_strdup (vd_snapshot_get_name (snapshot));
  g_free (self->shown_description);
  self->shown_description = g_strdup (description);

  when = format_time (vd_snapshot_get_creation_time (snapshot));
  kind = describe_kind (snapshot);
  if (vd_snapshot_get_is_current (snapshot))
    /* translators: the guest's state in the snapshot, when it was made, its
     * kind; the snapshot is the guest's current one */
    info = g_strdup_printf (_("%s · %s · %s · current"), vd_snapshot_get_state_label (snapshot),
                            when, kind);
  else
    /* translators: the guest's state in the snapshot, when it was made, its kind */
    info = g_strdup_printf (_("%s · %s · %s"), vd_snapshot_get_state_label (snapshot), when,
                            kind);
  gtk_label_set_text (self->detail_name_label, vd_snapshot_get_name (snapshot));
  gtk_label_set_text (self->detail_info_label, info);

  path = vd_snapshot_get_screenshot_path (snapshot);
  gtk_image_clear (self->thumbnail);
  if (path != NULL)
    {
      /* A small local file the worker found, not a libvirt call. */
      g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new_from_file_at_scale (path, 240, 180, TRUE, NULL);

      if (pixbuf != NULL)
        gtk_image_set_from_pixbuf (self->thumbnail, pixbuf);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->thumbnail),
                          gtk_image_get_storage_type (self->thumbnail) != GTK_IMAGE_EMPTY);

  if (!keep_typed)
    gtk_text_buffer_set_text (buffer, description, -1);
  self->showing_description = FALSE;
}

char *
_vd_snapshots_page_get_description_text (VdSnapshotsPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->description_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
selection_changed_cb (VdSnapshotsPage *self)
{
  if (self->filling)
    return;
  show_selected (self);
  _vd_snapshots_page_update_actions (self);
}

static void
description_changed_cb (VdSnapshotsPage *self)
{
  if (!self->showing_description)
    _vd_snapshots_page_update_actions (self);
}


static void
create_fields_changed_cb (VdSnapshotsPage *self)
{
  _vd_snapshots_page_update_actions (self);
}

static void
create_popover_closed_cb (VdSnapshotsPage *self)
{
  _vd_snapshots_page_update_actions (self);
}

static void
set_enabled (VdSnapshotsPage *self,
             const char      *name,
             gboolean         enabled)
{
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->actions),
                                                                            name)),
                               enabled);
}

void
_vd_snapshots_page_update_actions (VdSnapshotsPage *self)
{
  VdSnapshot *selected = _vd_snapshots_page_get_selected (self);
  gboolean domain_busy = self->domain != NULL && vd_domain_get_busy (self->domain);
  gboolean idle = self->domain != NULL && vd_domain_get_connection (self->domain) != NULL &&
                  self->running == 0 && !domain_busy && self->list != NULL;
  gboolean can_create = idle && (self->list->internal_ok || self->list->disk_only_ok);
  gboolean valid = FALSE;
  gboolean described = FALSE;

  if (gtk_widget_get_visible (GTK_WIDGET (self->create_popover)))
    {
      g_autoptr(GError) error = NULL;
      gboolean mode_ok;

      valid = vd_snapshot_check_name (gtk_entry_get_text (self->name_entry), self->list, &error);
      gtk_label_set_text (self->name_error_label, error != NULL ? error->message : "");
      gtk_widget_set_visible (GTK_WIDGET (self->name_error_label), error != NULL);
      mode_ok = _vd_snapshots_page_chosen_mode (self) == VD_SNAPSHOT_MODE_DISK_ONLY ? self->list->disk_only_ok
                                                                 : self->list->internal_ok;
      valid = valid && mode_ok;
    }

  if (selected != NULL)
    {
      g_autofree char *text = _vd_snapshots_page_get_description_text (self);
      const char *old = vd_snapshot_get_description (selected);

      described = g_strcmp0 (text, old != NULL ? old : "") != 0;
    }

  set_enabled (self, "create", can_create);
  set_enabled (self, "create-confirm", can_create && valid);
  set_enabled (self, "revert", idle && selected != NULL);
  set_enabled (self, "delete-one", idle && selected != NULL);
  set_enabled (self, "delete-children",
               idle && selected != NULL &&
               vd_snapshot_list_count_descendants (self->list,
                                                   vd_snapshot_get_name (selected)) > 0);
  set_enabled (self, "apply-description", idle && described);
  gtk_widget_set_sensitive (GTK_WIDGET (self->delete_button), idle && selected != NULL);

  if (self->running > 0 || domain_busy)
    gtk_spinner_start (self->spinner);
  else
    gtk_spinner_stop (self->spinner);
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */
/* ------------------------------------------------------------------ */

static void
vd_snapshots_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (vd_snapshots_page_parent_class)->map (widget);

  /* Shown: read the list again, it may have changed elsewhere. */
  vd_snapshots_page_refresh (VD_SNAPSHOTS_PAGE (widget));
}

static void
vd_snapshots_page_dispose (GObject *object)
{
  VdSnapshotsPage *self = VD_SNAPSHOTS_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->domain != NULL)
    g_signal_handlers_disconnect_by_data (self->domain, self);
  g_clear_object (&self->domain);

  G_OBJECT_CLASS (vd_snapshots_page_parent_class)->dispose (object);
}

static void
vd_snapshots_page_finalize (GObject *object)
{
  VdSnapshotsPage *self = VD_SNAPSHOTS_PAGE (object);

  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->actions);
  g_clear_object (&self->store);
  g_clear_pointer (&self->list, vd_snapshot_list_free);
  g_free (self->select_after);
  g_free (self->shown_name);
  g_free (self->shown_description);

  G_OBJECT_CLASS (vd_snapshots_page_parent_class)->finalize (object);
}

static void
vd_snapshots_page_class_init (VdSnapshotsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vd_snapshots_page_dispose;
  object_class->finalize = vd_snapshots_page_finalize;
  widget_class->map = vd_snapshots_page_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/details/vd-snapshots-page.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, VdSnapshotsPage, name)
  BIND (error_bar);
  BIND (error_label);
  BIND (create_button);
  BIND (delete_button);
  BIND (spinner);
  BIND (list_stack);
  BIND (empty_label);
  BIND (tree_view);
  BIND (detail_box);
  BIND (detail_name_label);
  BIND (detail_info_label);
  BIND (thumbnail);
  BIND (description_view);
  BIND (create_popover);
  BIND (name_entry);
  BIND (name_error_label);
  BIND (new_description_entry);
  BIND (internal_radio);
  BIND (internal_reason_label);
  BIND (disk_only_radio);
  BIND (disk_only_reason_label);
  BIND (create_confirm_button);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, error_bar_response_cb);
  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, create_fields_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, create_popover_closed_cb);
}

static void
vd_snapshots_page_init (VdSnapshotsPage *self)
{
  g_autoptr(GMenu) delete_menu = g_menu_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  vd_name_close_buttons (GTK_WIDGET (self->error_bar), _("Close message"));
  self->cancellable = g_cancellable_new ();

  self->actions = g_simple_action_group_new ();
  _vd_snapshots_page_add_actions (self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "snapshots", G_ACTION_GROUP (self->actions));
  /* The popover is the create button's child, outside the page's tree. */
  gtk_widget_insert_action_group (GTK_WIDGET (self->create_popover), "snapshots",
                                  G_ACTION_GROUP (self->actions));
  gtk_popover_set_default_widget (self->create_popover, self->create_confirm_button);

  g_menu_append (delete_menu, _("This _Snapshot"), "snapshots.delete-one");
  g_menu_append (delete_menu, _("This Snapshot and _Its Children"), "snapshots.delete-children");
  gtk_menu_button_set_menu_model (self->delete_button, G_MENU_MODEL (delete_menu));

  setup_tree (self);
  g_signal_connect_object (gtk_text_view_get_buffer (self->description_view), "changed",
                           G_CALLBACK (description_changed_cb), self, G_CONNECT_SWAPPED);
  show_selected (self);
  _vd_snapshots_page_update_actions (self);
}

GtkWidget *
vd_snapshots_page_new (void)
{
  return g_object_new (VD_TYPE_SNAPSHOTS_PAGE, NULL);
}

/* The guest was deleted, or its connection closed (its window stays,
 * saying so): its snapshots are not listed as if they could still be
 * reverted to or deleted. */
static void
domain_gone_cb (VdSnapshotsPage *self)
{
  if (self->domain == NULL || vd_domain_get_connection (self->domain) != NULL)
    return;

  g_clear_pointer (&self->list, vd_snapshot_list_free);
  self->filling = TRUE;
  gtk_tree_store_clear (self->store);
  self->filling = FALSE;
  gtk_label_set_text (self->empty_label,
                      _("This guest is no longer available, and neither are its snapshots."));
  gtk_stack_set_visible_child_name (self->list_stack, "empty");
  show_selected (self);
  _vd_snapshots_page_update_actions (self);
}

static void
domain_active_cb (VdSnapshotsPage *self)
{
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    vd_snapshots_page_refresh (self);
}

/**
 * vd_snapshots_page_set_domain:
 *
 * The guest whose snapshots are shown; read once the page is shown.
 */
void
vd_snapshots_page_set_domain (VdSnapshotsPage *self,
                              VdDomain        *domain)
{
  g_return_if_fail (VD_IS_SNAPSHOTS_PAGE (self));
  g_return_if_fail (!domain || VD_IS_DOMAIN (domain));

  if (self->domain != NULL)
    g_signal_handlers_disconnect_by_data (self->domain, self);
  g_set_object (&self->domain, domain);
  g_clear_pointer (&self->list, vd_snapshot_list_free);
  gtk_tree_store_clear (self->store);

  if (domain != NULL)
    {
      g_signal_connect_object (domain, "notify::busy",
                               G_CALLBACK (_vd_snapshots_page_update_actions), self,
                               G_CONNECT_SWAPPED);
      /* Started or stopped elsewhere: whether a snapshot would hold the
       * memory, and what its disks allow, may have changed. */
      g_signal_connect_object (domain, "notify::active", G_CALLBACK (domain_active_cb), self,
                               G_CONNECT_SWAPPED);
      /* (Every can-* changes when the guest loses its connection.) */
      g_signal_connect_object (domain, "notify::can-start", G_CALLBACK (domain_gone_cb), self,
                               G_CONNECT_SWAPPED);
      if (gtk_widget_get_mapped (GTK_WIDGET (self)))
        vd_snapshots_page_refresh (self);
    }
  _vd_snapshots_page_update_actions (self);
}

/**
 * vd_snapshots_page_set_settings:
 * @settings: (nullable): the confirmations; without, every revert and
 *   delete asks
 */
void
vd_snapshots_page_set_settings (VdSnapshotsPage *self,
                                GSettings       *settings)
{
  g_return_if_fail (VD_IS_SNAPSHOTS_PAGE (self));

  g_set_object (&self->settings, settings);
}

/**
 * vd_snapshots_page_get_busy:
 *
 * Returns: whether a read or an operation of the page runs
 */
gboolean
vd_snapshots_page_get_busy (VdSnapshotsPage *self)
{
  g_return_val_if_fail (VD_IS_SNAPSHOTS_PAGE (self), FALSE);

  return self->running > 0;
}
