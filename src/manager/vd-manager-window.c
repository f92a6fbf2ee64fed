/* vd-manager-window.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-manager-window"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-manager-window-private.h"
#include "vd-gtk-util.h"
#include "vd-sparkline-renderer.h"

/*
 * The main window: every connection with its guests in one GtkTreeView
 * (a cell renderer per column, no widget per row, so thousands of guests
 * stay smooth), a toolbar and menus bound to win.* actions that work on
 * the selection (see vd-manager-window-actions.c), and a search bar.
 */

G_DEFINE_FINAL_TYPE (VdManagerWindow, vd_manager_window, GTK_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_MANAGER,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------ */
/* Cells                                                               */
/* ------------------------------------------------------------------ */

static void
spinner_data_func (GtkTreeViewColumn *column,
                   GtkCellRenderer   *cell,
                   GtkTreeModel      *model,
                   GtkTreeIter       *iter,
                   gpointer           user_data)
{
  VdManagerWindow *self = user_data;
  gpointer object = vd_manager_model_get_object (model, iter);
  gboolean connecting = VD_IS_CONNECTION (object) &&
                        vd_connection_get_state (object) == VD_CONNECTION_STATE_CONNECTING;

  g_object_set (cell,
                "visible", connecting,
                "active", connecting,
                "pulse", self->spinner_pulse,
                NULL);
}

static const char *
connection_icon_name (VdConnection *connection)
{
  switch (vd_connection_get_state (connection))
    {
    case VD_CONNECTION_STATE_CONNECTED:
      return "network-server-symbolic";
    case VD_CONNECTION_STATE_FAILED:
      return "dialog-warning-symbolic";
    case VD_CONNECTION_STATE_CONNECTING:
      return NULL;
    case VD_CONNECTION_STATE_DISCONNECTED:
    default:
      return "network-offline-symbolic";
    }
}

static void
icon_data_func (GtkTreeViewColumn *column,
                GtkCellRenderer   *cell,
                GtkTreeModel      *model,
                GtkTreeIter       *iter,
                gpointer           user_data)
{
  gpointer object = vd_manager_model_get_object (model, iter);
  const char *icon_name = NULL;

  if (VD_IS_DOMAIN (object))
    icon_name = vd_domain_get_state_icon_name (object);
  else if (VD_IS_CONNECTION (object))
    icon_name = connection_icon_name (object);

  g_object_set (cell,
                "icon-name", icon_name,
                "visible", icon_name != NULL,
                NULL);
}

static void
name_data_func (GtkTreeViewColumn *column,
                GtkCellRenderer   *cell,
                GtkTreeModel      *model,
                GtkTreeIter       *iter,
                gpointer           user_data)
{
  gpointer object = vd_manager_model_get_object (model, iter);
  g_autofree char *markup = NULL;

  if (VD_IS_DOMAIN (object))
    {
      const char *title = vd_domain_get_title (object);

      if (title != NULL)
        markup = g_markup_printf_escaped ("%s\n<small>%s</small>",
                                          vd_domain_get_name (object), title);
      else
        markup = g_markup_escape_text (vd_domain_get_name (object), -1);
    }
  else if (VD_IS_CONNECTION (object))
    {
      VdConnection *connection = object;

      /* The state line carries libvirt's message when it failed. */
      markup = g_markup_printf_escaped ("<b>%s</b>\n<small>%s</small>",
                                        vd_connection_get_display_name (connection),
                                        vd_connection_get_state_label (connection));
    }

  g_object_set (cell, "markup", markup, NULL);
}

static void
state_data_func (GtkTreeViewColumn *column,
                 GtkCellRenderer   *cell,
                 GtkTreeModel      *model,
                 GtkTreeIter       *iter,
                 gpointer           user_data)
{
  gpointer object = vd_manager_model_get_object (model, iter);

  if (VD_IS_DOMAIN (object))
    {
      g_autofree char *text = NULL;

      if (vd_domain_get_busy (object))
        /* translators: the guest's state while an action on it runs */
        text = g_strdup_printf (_("%s (working…)"), vd_domain_get_state_label (object));
      g_object_set (cell, "text", text ? text : vd_domain_get_state_label (object), NULL);
    }
  else
    {
      g_object_set (cell, "text", NULL, NULL);
    }
}

/* ------------------------------------------------------------------ */
/* Model changes                                                       */
/* ------------------------------------------------------------------ */

static gboolean
spinner_tick_cb (gpointer data)
{
  VdManagerWindow *self = data;

  self->spinner_pulse++;
  gtk_widget_queue_draw (GTK_WIDGET (self->tree_view));

  return G_SOURCE_CONTINUE;
}

static void
update_spinner (VdManagerWindow *self)
{
  gboolean connecting = FALSE;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->manager));

  for (guint i = 0; i < n && !connecting; i++)
    {
      g_autoptr(VdConnection) connection = g_list_model_get_item (G_LIST_MODEL (self->manager), i);

      connecting = vd_connection_get_state (connection) == VD_CONNECTION_STATE_CONNECTING;
    }

  if (connecting && self->spinner_source == 0)
    self->spinner_source = g_timeout_add (80, spinner_tick_cb, self);
  else if (!connecting)
    g_clear_handle_id (&self->spinner_source, g_source_remove);
}

static gboolean
update_idle_cb (gpointer data)
{
  VdManagerWindow *self = data;

  self->update_source = 0;
  _vd_manager_window_update_actions (self);
  update_spinner (self);

  return G_SOURCE_REMOVE;
}

static void
queue_update (VdManagerWindow *self)
{
  /* Many rows change at once (a bulk action, a host reconnecting): work
   * out the actions once per main loop iteration, not per row. */
  if (self->update_source == 0)
    self->update_source = g_idle_add (update_idle_cb, self);
}

static void
row_changed_cb (GtkTreeModel    *model,
                GtkTreePath     *path,
                GtkTreeIter     *iter,
                VdManagerWindow *self)
{
  queue_update (self);
}

static void
row_inserted_cb (GtkTreeModel    *model,
                 GtkTreePath     *path,
                 GtkTreeIter     *iter,
                 VdManagerWindow *self)
{
  queue_update (self);
}

static void
row_has_child_toggled_cb (GtkTreeModel    *model,
                          GtkTreePath     *path,
                          GtkTreeIter     *iter,
                          VdManagerWindow *self)
{
  /* A connection shows its guests as soon as it has some. (The filter
   * reports children of a collapsed row only through this signal.) */
  if (gtk_tree_model_iter_has_child (model, iter) &&
      !gtk_tree_view_row_expanded (self->tree_view, path))
    gtk_tree_view_expand_row (self->tree_view, path, FALSE);

  queue_update (self);
}

static void
stats_updated_cb (VdConnection    *connection,
                  VdManagerWindow *self)
{
  /* Stats are not notified per guest: redraw the visible rows' graphs. */
  _vd_manager_window_columns_queue_draw (self);
}

static void
connections_changed_cb (GListModel      *list,
                        guint            position,
                        guint            removed,
                        guint            added,
                        VdManagerWindow *self)
{
  for (guint i = 0; i < added; i++)
    {
      g_autoptr(VdConnection) connection = g_list_model_get_item (list, position + i);

      g_signal_connect_object (connection, "stats-updated",
                               G_CALLBACK (stats_updated_cb), self, 0);
    }

  queue_update (self);
}

static void
selection_changed_cb (GtkTreeSelection *selection,
                      VdManagerWindow  *self)
{
  queue_update (self);
}

/* ------------------------------------------------------------------ */
/* Template callbacks                                                  */
/* ------------------------------------------------------------------ */

static void
search_changed_cb (VdManagerWindow *self,
                   GtkSearchEntry  *entry)
{
  vd_manager_model_set_search (self->model, gtk_entry_get_text (GTK_ENTRY (entry)));
  gtk_tree_view_expand_all (self->tree_view);
  queue_update (self);
}

static void
stop_search_cb (VdManagerWindow *self,
                GtkSearchEntry  *entry)
{
  gtk_entry_set_text (GTK_ENTRY (entry), "");
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->tree_view));
}

static void
info_bar_response_cb (VdManagerWindow *self,
                      int              response,
                      GtkInfoBar      *info_bar)
{
  gtk_info_bar_set_revealed (info_bar, FALSE);
}

static void
row_activated_cb (VdManagerWindow   *self,
                  GtkTreePath       *path,
                  GtkTreeViewColumn *column,
                  GtkTreeView       *tree_view)
{
  GtkTreeModel *model = gtk_tree_view_get_model (tree_view);
  GtkTreeIter iter;
  gpointer object;

  if (!gtk_tree_model_get_iter (model, &iter, path))
    return;

  object = vd_manager_model_get_object (model, &iter);

  if (VD_IS_DOMAIN (object))
    {
      _vd_manager_window_open_domain (self, object);
    }
  else if (VD_IS_CONNECTION (object))
    {
      VdConnectionState state = vd_connection_get_state (object);

      if (state == VD_CONNECTION_STATE_DISCONNECTED || state == VD_CONNECTION_STATE_FAILED)
        vd_manager_window_connect (self, object);
      else if (gtk_tree_view_row_expanded (tree_view, path))
        gtk_tree_view_collapse_row (tree_view, path);
      else
        gtk_tree_view_expand_row (tree_view, path, FALSE);
    }
}

static void
popup_menu_for_selection (VdManagerWindow *self,
                          const GdkEvent  *event)
{
  GtkTreeSelection *selection = gtk_tree_view_get_selection (self->tree_view);
  g_autoptr(GList) rows = NULL;
  GtkTreeModel *model;
  GtkTreeIter iter;
  GMenuModel *menu_model;
  GtkWidget *menu;

  rows = gtk_tree_selection_get_selected_rows (selection, &model);
  if (rows == NULL || !gtk_tree_model_get_iter (model, &iter, rows->data))
    {
      g_list_free_full (g_steal_pointer (&rows), (GDestroyNotify)gtk_tree_path_free);
      return;
    }

  menu_model = VD_IS_CONNECTION (vd_manager_model_get_object (model, &iter))
               ? self->connection_menu : self->domain_menu;
  g_list_free_full (g_steal_pointer (&rows), (GDestroyNotify)gtk_tree_path_free);

  menu = gtk_menu_new_from_model (menu_model);
  gtk_menu_attach_to_widget (GTK_MENU (menu), GTK_WIDGET (self->tree_view), NULL);
  /* The menu destroys itself once it is closed and detached. */
  g_signal_connect (menu, "deactivate", G_CALLBACK (gtk_menu_detach), NULL);

  if (event != NULL)
    gtk_menu_popup_at_pointer (GTK_MENU (menu), event);
  else
    gtk_menu_popup_at_widget (GTK_MENU (menu), GTK_WIDGET (self->tree_view),
                              GDK_GRAVITY_CENTER, GDK_GRAVITY_NORTH_WEST, NULL);
}

static gboolean
button_press_cb (VdManagerWindow *self,
                 GdkEventButton  *event,
                 GtkTreeView     *tree_view)
{
  g_autoptr(GtkTreePath) path = NULL;
  GtkTreeSelection *selection;

  if (!gdk_event_triggers_context_menu ((GdkEvent *)event))
    return GDK_EVENT_PROPAGATE;

  if (!gtk_tree_view_get_path_at_pos (tree_view, event->x, event->y, &path, NULL, NULL, NULL))
    return GDK_EVENT_PROPAGATE;

  /* Right-click on an unselected row selects just that row; on a selected
   * one it keeps the selection, so bulk actions work from the menu. */
  selection = gtk_tree_view_get_selection (tree_view);
  if (!gtk_tree_selection_path_is_selected (selection, path))
    {
      gtk_tree_selection_unselect_all (selection);
      gtk_tree_selection_select_path (selection, path);
    }

  _vd_manager_window_update_actions (self);
  popup_menu_for_selection (self, (GdkEvent *)event);

  return GDK_EVENT_STOP;
}

static gboolean
popup_menu_cb (VdManagerWindow *self,
               GtkTreeView     *tree_view)
{
  _vd_manager_window_update_actions (self);
  popup_menu_for_selection (self, NULL);

  return TRUE;
}

/* ------------------------------------------------------------------ */
/* GObject / GtkWidget                                                 */
/* ------------------------------------------------------------------ */

static gboolean
vd_manager_window_delete_event (GtkWidget   *widget,
                                GdkEventAny *event)
{
  VdManagerWindow *self = VD_MANAGER_WINDOW (widget);

  if (self->settings != NULL)
    {
      GdkWindowState state = 0;
      int width, height;

      if (gtk_widget_get_window (widget) != NULL)
        state = gdk_window_get_state (gtk_widget_get_window (widget));

      g_settings_set_boolean (self->settings, "window-maximized",
                              (state & GDK_WINDOW_STATE_MAXIMIZED) != 0);
      if (!(state & (GDK_WINDOW_STATE_MAXIMIZED | GDK_WINDOW_STATE_FULLSCREEN)))
        {
          gtk_window_get_size (GTK_WINDOW (widget), &width, &height);
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
    }

  /* GtkWindow has no delete-event handler of its own to chain to. */
  if (GTK_WIDGET_CLASS (vd_manager_window_parent_class)->delete_event != NULL)
    return GTK_WIDGET_CLASS (vd_manager_window_parent_class)->delete_event (widget, event);

  return GDK_EVENT_PROPAGATE;
}

static void
vd_manager_window_constructed (GObject *object)
{
  VdManagerWindow *self = (VdManagerWindow *)object;
  GtkTreeModel *model;
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWidget *shutdown_menu;
  guint n;

  G_OBJECT_CLASS (vd_manager_window_parent_class)->constructed (object);

  g_assert (self->manager != NULL);

  self->model = vd_manager_model_new (self->manager);
  model = vd_manager_model_get_model (self->model);
  gtk_tree_view_set_model (self->tree_view, model);
  gtk_tree_view_expand_all (self->tree_view);

  g_signal_connect_object (model, "row-changed", G_CALLBACK (row_changed_cb), self, 0);
  g_signal_connect_object (model, "row-inserted", G_CALLBACK (row_inserted_cb), self, 0);
  g_signal_connect_object (model, "row-has-child-toggled",
                           G_CALLBACK (row_has_child_toggled_cb), self, 0);
  g_signal_connect_object (self->manager, "items-changed",
                           G_CALLBACK (connections_changed_cb), self, 0);
  n = g_list_model_get_n_items (G_LIST_MODEL (self->manager));
  connections_changed_cb (G_LIST_MODEL (self->manager), 0, 0, n, self);

  /* Menus come from the resource even without a GtkApplication (tests). */
  builder = gtk_builder_new_from_resource (RESOURCE_BASE "/gtk/menus.ui");
  self->domain_menu = g_object_ref (G_MENU_MODEL (gtk_builder_get_object (builder, "domain-menu")));
  self->connection_menu =
    g_object_ref (G_MENU_MODEL (gtk_builder_get_object (builder, "connection-menu")));
  shutdown_menu = gtk_menu_new_from_model (G_MENU_MODEL (gtk_builder_get_object (builder,
                                                                                  "shutdown-menu")));
  gtk_menu_tool_button_set_menu (self->shutdown_button, shutdown_menu);
  gtk_menu_tool_button_set_arrow_tooltip_text (self->shutdown_button,
                                               _("Reboot, reset, force off or save"));

  if (self->settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      _vd_manager_window_columns_bind (self);
    }
  else
    {
      gtk_window_set_default_size (GTK_WINDOW (self), 960, 620);
    }

  _vd_manager_window_actions_init (self);
  _vd_manager_window_update_actions (self);
}

static void
vd_manager_window_dispose (GObject *object)
{
  VdManagerWindow *self = (VdManagerWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->update_source, g_source_remove);
  g_clear_handle_id (&self->spinner_source, g_source_remove);

  _vd_manager_window_columns_unwatch_all (self);
  if (self->tree_view != NULL)
    gtk_tree_view_set_model (self->tree_view, NULL);
  g_clear_object (&self->model);
  g_clear_object (&self->actions);
  g_clear_object (&self->domain_menu);
  g_clear_object (&self->connection_menu);

  G_OBJECT_CLASS (vd_manager_window_parent_class)->dispose (object);
}

static void
vd_manager_window_finalize (GObject *object)
{
  VdManagerWindow *self = (VdManagerWindow *)object;

  g_clear_object (&self->manager);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (vd_manager_window_parent_class)->finalize (object);
}

static void
vd_manager_window_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  VdManagerWindow *self = VD_MANAGER_WINDOW (object);

  switch (prop_id)
    {
    case PROP_MANAGER:
      self->manager = g_value_dup_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vd_manager_window_class_init (VdManagerWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = vd_manager_window_constructed;
  object_class->dispose = vd_manager_window_dispose;
  object_class->finalize = vd_manager_window_finalize;
  object_class->set_property = vd_manager_window_set_property;

  widget_class->delete_event = vd_manager_window_delete_event;

  properties[PROP_MANAGER] =
    g_param_spec_object ("manager", NULL, NULL, VD_TYPE_CONNECTION_MANAGER,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_WRITABLE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (VD_TYPE_SPARKLINE_RENDERER);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/manager/vd-manager-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VdManagerWindow, toolbar);
  gtk_widget_class_bind_template_child (widget_class, VdManagerWindow, shutdown_button);
  gtk_widget_class_bind_template_child (widget_class, VdManagerWindow, pause_button);
  gtk_widget_class_bind_template_child (widget_class, VdManagerWindow, resume_button);
  gtk_widget_class_bind_template_child (widget_class, VdManagerWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, VdManagerWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, VdManagerWindow, info_bar);
  gtk_widget_class_bind_template_child (widget_class, VdManagerWindow, info_label);
  gtk_widget_class_bind_template_child (widget_class, VdManagerWindow, tree_view);
  gtk_widget_class_bind_template_child (widget_class, VdManagerWindow, name_column);
  gtk_widget_class_bind_template_child (widget_class, VdManagerWindow, state_column);
  gtk_widget_class_bind_template_child (widget_class, VdManagerWindow, cpu_column);
  gtk_widget_class_bind_template_child (widget_class, VdManagerWindow, host_cpu_column);
  gtk_widget_class_bind_template_child (widget_class, VdManagerWindow, memory_column);
  gtk_widget_class_bind_template_child (widget_class, VdManagerWindow, disk_column);
  gtk_widget_class_bind_template_child (widget_class, VdManagerWindow, network_column);
  gtk_widget_class_bind_template_child (widget_class, VdManagerWindow, spinner_renderer);
  gtk_widget_class_bind_template_child (widget_class, VdManagerWindow, icon_renderer);
  gtk_widget_class_bind_template_child (widget_class, VdManagerWindow, name_renderer);
  gtk_widget_class_bind_template_child (widget_class, VdManagerWindow, state_renderer);
  gtk_widget_class_bind_template_child (widget_class, VdManagerWindow, cpu_renderer);
  gtk_widget_class_bind_template_child (widget_class, VdManagerWindow, host_cpu_renderer);
  gtk_widget_class_bind_template_child (widget_class, VdManagerWindow, memory_renderer);
  gtk_widget_class_bind_template_child (widget_class, VdManagerWindow, disk_renderer);
  gtk_widget_class_bind_template_child (widget_class, VdManagerWindow, network_renderer);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, info_bar_response_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, button_press_cb);
  gtk_widget_class_bind_template_callback (widget_class, popup_menu_cb);
}

static void
vd_manager_window_init (VdManagerWindow *self)
{
  GtkTreeSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));
  vd_name_close_buttons (GTK_WIDGET (self->info_bar), _("Close message"));
  vd_name_close_buttons (GTK_WIDGET (self->search_bar), _("Close search"));

  self->cancellable = g_cancellable_new ();

  gtk_tree_view_column_set_cell_data_func (self->name_column, self->spinner_renderer,
                                           spinner_data_func, self, NULL);
  gtk_tree_view_column_set_cell_data_func (self->name_column, self->icon_renderer,
                                           icon_data_func, self, NULL);
  gtk_tree_view_column_set_cell_data_func (self->name_column, self->name_renderer,
                                           name_data_func, self, NULL);
  gtk_tree_view_column_set_cell_data_func (self->state_column, self->state_renderer,
                                           state_data_func, self, NULL);
  _vd_manager_window_columns_init (self);

  selection = gtk_tree_view_get_selection (self->tree_view);
  gtk_tree_selection_set_mode (selection, GTK_SELECTION_MULTIPLE);
  g_signal_connect_object (selection, "changed", G_CALLBACK (selection_changed_cb), self, 0);

  gtk_search_bar_connect_entry (self->search_bar, GTK_ENTRY (self->search_entry));
}

/* ------------------------------------------------------------------ */
/* Public API                                                          */
/* ------------------------------------------------------------------ */

/**
 * vd_manager_window_new:
 * @application: (nullable): the application (tests pass %NULL)
 * @settings: (nullable): where the window size and confirmations live
 */
VdManagerWindow *
vd_manager_window_new (GtkApplication      *application,
                       VdConnectionManager *manager,
                       GSettings           *settings)
{
  g_return_val_if_fail (VD_IS_CONNECTION_MANAGER (manager), NULL);

  return g_object_new (VD_TYPE_MANAGER_WINDOW,
                       "application", application,
                       "manager", manager,
                       "settings", settings,
                       NULL);
}

GtkTreeView *
vd_manager_window_get_tree_view (VdManagerWindow *self)
{
  g_return_val_if_fail (VD_IS_MANAGER_WINDOW (self), NULL);

  return self->tree_view;
}

/**
 * vd_manager_window_set_search:
 *
 * Shows the search bar with @text, as if typed.
 */
void
vd_manager_window_set_search (VdManagerWindow *self,
                              const char      *text)
{
  g_return_if_fail (VD_IS_MANAGER_WINDOW (self));

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_entry_set_text (GTK_ENTRY (self->search_entry), text ? text : "");
  /* GtkSearchEntry delays search-changed; apply at once. */
  search_changed_cb (self, self->search_entry);
}

/**
 * vd_manager_window_select_domains:
 *
 * Replaces the selection with the given guests' rows.
 */
void
vd_manager_window_select_domains (VdManagerWindow  *self,
                                  VdDomain * const *domains,
                                  guint             n_domains)
{
  GtkTreeSelection *selection;

  g_return_if_fail (VD_IS_MANAGER_WINDOW (self));

  selection = gtk_tree_view_get_selection (self->tree_view);
  gtk_tree_selection_unselect_all (selection);

  for (guint i = 0; i < n_domains; i++)
    {
      GtkTreeIter iter;

      if (vd_manager_model_find_domain (self->model, domains[i], &iter))
        gtk_tree_selection_select_iter (selection, &iter);
    }

  _vd_manager_window_update_actions (self);
}

/**
 * vd_manager_window_get_selected_domains:
 *
 * Returns: (transfer container) (element-type VdDomain): the selected
 *   guests, in view order
 */
GPtrArray *
vd_manager_window_get_selected_domains (VdManagerWindow *self)
{
  GtkTreeSelection *selection;
  GPtrArray *ret = g_ptr_array_new_with_free_func (g_object_unref);
  GtkTreeModel *model;
  GList *rows;

  g_return_val_if_fail (VD_IS_MANAGER_WINDOW (self), ret);

  selection = gtk_tree_view_get_selection (self->tree_view);
  rows = gtk_tree_selection_get_selected_rows (selection, &model);
  for (const GList *l = rows; l != NULL; l = l->next)
    {
      GtkTreeIter iter;
      gpointer object;

      if (!gtk_tree_model_get_iter (model, &iter, l->data))
        continue;
      object = vd_manager_model_get_object (model, &iter);
      if (VD_IS_DOMAIN (object))
        g_ptr_array_add (ret, g_object_ref (object));
    }
  g_list_free_full (rows, (GDestroyNotify)gtk_tree_path_free);

  return ret;
}

/**
 * vd_manager_window_show_message:
 *
 * Shows @message in the bar above the list (results of actions).
 */
void
vd_manager_window_show_message (VdManagerWindow *self,
                                GtkMessageType   type,
                                const char      *message)
{
  g_return_if_fail (VD_IS_MANAGER_WINDOW (self));

  gtk_label_set_text (self->info_label, message);
  gtk_info_bar_set_message_type (self->info_bar, type);
  gtk_info_bar_set_revealed (self->info_bar, TRUE);
}

/**
 * vd_manager_window_get_message:
 *
 * Returns: (nullable): the message shown in the bar, %NULL when hidden
 */
const char *
vd_manager_window_get_message (VdManagerWindow *self)
{
  g_return_val_if_fail (VD_IS_MANAGER_WINDOW (self), NULL);

  if (!gtk_info_bar_get_revealed (self->info_bar))
    return NULL;

  return gtk_label_get_text (self->info_label);
}
