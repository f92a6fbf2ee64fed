/* vd-console-tabs-window.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-console-tabs-window"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-console-tabs-window.h"
#include "vd-gtk-util.h"

/*
 * Several guests' consoles in one window, one tab each (guest name and a
 * close button; tabs reorder by dragging). Each tab is the guest window's
 * own VdConsoleView with a `vm` action group of its own (the view's
 * actions, and "start" for its Run button); the current tab's group is
 * also the window's, so the header bar's console menu acts on the guest
 * shown. A guest already in a tab is brought forward, never opened twice.
 * Closing a tab destroys its view, which ends the session; the window goes
 * with its last tab.
 *
 * Tabs drag out of the window into a new one of their own, and between
 * such windows (one notebook group; "create-window" makes the new window).
 * A tab that moves keeps its view, session and actions: only the window
 * it answers to changes ("page-added" / "page-removed").
 */

struct _VdConsoleTabsWindow
{
  GtkApplicationWindow  parent_instance;

  /* Template widgets */
  GtkHeaderBar         *header_bar;
  GtkMenuButton        *console_menu_button;
  GtkNotebook          *notebook;
  GtkInfoBar           *info_bar;
  GtkLabel             *info_label;

  /* Owned */
  GSettings            *settings;
  GMenuModel           *console_menu;
  gboolean              disposed;
};

G_DEFINE_FINAL_TYPE (VdConsoleTabsWindow, vd_console_tabs_window, GTK_TYPE_APPLICATION_WINDOW)

typedef struct
{
  VdConsoleTabsWindow *window;        /* not a reference: the page is its child */
  VdDomain            *domain;
  VdConsoleView       *view;
  GSimpleActionGroup  *actions;
} Tab;

static void
tab_free (Tab *tab)
{
  g_clear_object (&tab->domain);
  g_clear_object (&tab->actions);
  g_free (tab);
}

static Tab *
page_tab (GtkWidget *page)
{
  return page != NULL ? g_object_get_data (G_OBJECT (page), "vd-console-tab") : NULL;
}

static GtkWidget *
find_page (VdConsoleTabsWindow *self,
           VdDomain            *domain)
{
  int n = gtk_notebook_get_n_pages (self->notebook);

  for (int i = 0; i < n; i++)
    {
      GtkWidget *page = gtk_notebook_get_nth_page (self->notebook, i);

      if (page_tab (page)->domain == domain)
        return page;
    }

  return NULL;
}

static void
show_current (VdConsoleTabsWindow *self)
{
  int current = gtk_notebook_get_current_page (self->notebook);
  Tab *tab = current >= 0 ? page_tab (gtk_notebook_get_nth_page (self->notebook, current))
                          : NULL;

  /* The header bar's menu acts on the guest shown. */
  gtk_widget_insert_action_group (GTK_WIDGET (self), "vm",
                                  tab != NULL ? G_ACTION_GROUP (tab->actions) : NULL);
  gtk_header_bar_set_subtitle (self->header_bar,
                               tab != NULL ? vd_domain_get_name (tab->domain) : NULL);
}

static void
switch_page_cb (VdConsoleTabsWindow *self)
{
  show_current (self);
}

static void view_fullscreen_cb (VdConsoleTabsWindow *self,
                                GParamSpec          *pspec,
                                VdConsoleView       *view);

static gboolean
destroy_empty_cb (gpointer user_data)
{
  g_autoptr(VdConsoleTabsWindow) self = user_data;

  if (!self->disposed && gtk_notebook_get_n_pages (self->notebook) == 0)
    gtk_widget_destroy (GTK_WIDGET (self));

  return G_SOURCE_REMOVE;
}

/* A tab arrives: opened here, or dragged in from another window. */
static void
page_added_cb (VdConsoleTabsWindow *self,
               GtkWidget           *page)
{
  Tab *tab = page_tab (page);

  if (tab == NULL)
    return;

  tab->window = self;
  gtk_notebook_set_tab_reorderable (self->notebook, page, TRUE);
  gtk_notebook_set_tab_detachable (self->notebook, page, TRUE);
  vd_console_view_set_menu_model (tab->view, self->console_menu);
  vd_console_view_set_settings (tab->view, self->settings);
  g_signal_connect_object (tab->view, "notify::fullscreen", G_CALLBACK (view_fullscreen_cb), self,
                           G_CONNECT_SWAPPED);
  show_current (self);
}

static void
page_removed_cb (VdConsoleTabsWindow *self,
                 GtkWidget           *page)
{
  Tab *tab = page_tab (page);

  if (tab != NULL)
    g_signal_handlers_disconnect_by_func (tab->view, view_fullscreen_cb, self);
  /* The window is closing, with its tabs. */
  if (self->disposed || gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;

  /* The window goes with its last tab; not at once, since a tab dragged
   * out of it is still in the middle of its drag. */
  if (gtk_notebook_get_n_pages (self->notebook) == 0)
    {
      show_current (self);
      g_idle_add (destroy_empty_cb, g_object_ref (self));
    }
}

/* A tab dropped outside every console window: a new window for it, where
 * it was dropped. */
static GtkNotebook *
create_window_cb (VdConsoleTabsWindow *self,
                  GtkWidget           *page,
                  int                  x,
                  int                  y)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  VdConsoleTabsWindow *window = vd_console_tabs_window_new (application, self->settings);
  int width, height;

  gtk_window_get_size (GTK_WINDOW (self), &width, &height);
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_move (GTK_WINDOW (window), x, y);
  gtk_window_present (GTK_WINDOW (window));

  return window->notebook;
}

static void
close_clicked_cb (GtkWidget *page)
{
  /* The view goes with its page, and its session with it. */
  gtk_widget_destroy (page);
}

static void
started_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(VdConsoleTabsWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!vd_domain_start_finish (VD_DOMAIN (object), result, &error))
    {
      /* translators: %s is a guest's name, then why it did not start */
      g_autofree char *message = g_strdup_printf (_("Could not start “%s”: %s"),
                                                  vd_domain_get_name (VD_DOMAIN (object)),
                                                  error->message);

      gtk_label_set_text (self->info_label, message);
      gtk_widget_show (GTK_WIDGET (self->info_bar));
    }
}

static void
start_cb (GSimpleAction *action,
          GVariant      *parameter,
          gpointer       user_data)
{
  Tab *tab = user_data;

  gtk_widget_hide (GTK_WIDGET (tab->window->info_bar));
  vd_domain_start_async (tab->domain, NULL, started_cb, g_object_ref (tab->window));
}

static void
view_fullscreen_cb (VdConsoleTabsWindow *self,
                    GParamSpec          *pspec,
                    VdConsoleView       *view)
{
  gboolean fullscreen = FALSE;

  g_object_get (view, "fullscreen", &fullscreen, NULL);
  /* Full screen is the guest's screen alone. */
  gtk_notebook_set_show_tabs (self->notebook, !fullscreen);
}

static void
info_response_cb (VdConsoleTabsWindow *self)
{
  gtk_widget_hide (GTK_WIDGET (self->info_bar));
}

static GtkWidget *
new_tab_label (VdConsoleTabsWindow *self,
               VdDomain            *domain,
               GtkWidget           *page)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *close = gtk_button_new_from_icon_name ("window-close-symbolic", GTK_ICON_SIZE_MENU);
  /* translators: the close button of a console tab; %s is a guest's name */
  g_autofree char *close_name = g_strdup_printf (_("Close the console of %s"),
                                                 vd_domain_get_name (domain));

  g_object_bind_property (domain, "name", label, "label", G_BINDING_SYNC_CREATE);
  gtk_button_set_relief (GTK_BUTTON (close), GTK_RELIEF_NONE);
  gtk_widget_set_focus_on_click (close, FALSE);
  gtk_widget_set_tooltip_text (close, _("Close this console"));
  atk_object_set_name (gtk_widget_get_accessible (close), close_name);
  g_signal_connect_swapped (close, "clicked", G_CALLBACK (close_clicked_cb), page);
  gtk_container_add (GTK_CONTAINER (box), label);
  gtk_container_add (GTK_CONTAINER (box), close);
  gtk_widget_show_all (box);

  return box;
}

static void
vd_console_tabs_window_dispose (GObject *object)
{
  VdConsoleTabsWindow *self = (VdConsoleTabsWindow *)object;

  self->disposed = TRUE;
  g_clear_object (&self->settings);
  g_clear_object (&self->console_menu);

  G_OBJECT_CLASS (vd_console_tabs_window_parent_class)->dispose (object);
}

static void
vd_console_tabs_window_class_init (VdConsoleTabsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vd_console_tabs_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/console/vd-console-tabs-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VdConsoleTabsWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, VdConsoleTabsWindow, console_menu_button);
  gtk_widget_class_bind_template_child (widget_class, VdConsoleTabsWindow, notebook);
  gtk_widget_class_bind_template_child (widget_class, VdConsoleTabsWindow, info_bar);
  gtk_widget_class_bind_template_child (widget_class, VdConsoleTabsWindow, info_label);
  gtk_widget_class_bind_template_callback (widget_class, switch_page_cb);
  gtk_widget_class_bind_template_callback (widget_class, page_added_cb);
  gtk_widget_class_bind_template_callback (widget_class, page_removed_cb);
  gtk_widget_class_bind_template_callback (widget_class, create_window_cb);
  gtk_widget_class_bind_template_callback (widget_class, info_response_cb);
}

static void
vd_console_tabs_window_init (VdConsoleTabsWindow *self)
{
  g_autoptr(GtkBuilder) builder = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  vd_name_close_buttons (GTK_WIDGET (self->info_bar), _("Close message"));

  /* The guest window's console menu, on the current tab's actions. */
  builder = gtk_builder_new_from_resource (RESOURCE_BASE "/details/vd-vm-window-menu.ui");
  self->console_menu = g_object_ref (G_MENU_MODEL (gtk_builder_get_object (builder,
                                                                           "console-menu")));
  gtk_menu_button_set_menu_model (self->console_menu_button, self->console_menu);
}

/**
 * vd_console_tabs_window_new:
 * @application: (nullable): the application
 * @settings: (nullable): the console options (see vd_console_view_set_settings())
 */
VdConsoleTabsWindow *
vd_console_tabs_window_new (GtkApplication *application,
                            GSettings      *settings)
{
  VdConsoleTabsWindow *self;

  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (VD_TYPE_CONSOLE_TABS_WINDOW, "application", application, NULL);
  g_set_object (&self->settings, settings);

  return self;
}

/**
 * vd_console_tabs_window_find:
 * @application: (nullable): the application, or %NULL to look at every
 *   toplevel window
 *
 * Returns: (transfer none) (nullable): the tabs window already open
 */
VdConsoleTabsWindow *
vd_console_tabs_window_find (GtkApplication *application)
{
  g_autoptr(GList) toplevels = NULL;

  if (application != NULL)
    {
      for (GList *l = gtk_application_get_windows (application); l != NULL; l = l->next)
        if (VD_IS_CONSOLE_TABS_WINDOW (l->data))
          return l->data;
      return NULL;
    }

  toplevels = gtk_window_list_toplevels ();
  for (const GList *l = toplevels; l != NULL; l = l->next)
    if (VD_IS_CONSOLE_TABS_WINDOW (l->data))
      return l->data;

  return NULL;
}

/**
 * vd_console_tabs_window_open:
 *
 * Shows @domain's console in a tab of its own, or brings its tab forward
 * when it has one (in this window or another tabs window).
 */
void
vd_console_tabs_window_open (VdConsoleTabsWindow *self,
                             VdDomain            *domain)
{
  static const GActionEntry entries[] = {
    { "start", start_cb },
  };
  GtkWidget *page;
  GtkWidget *view;
  Tab *tab;
  int position;

  g_return_if_fail (VD_IS_CONSOLE_TABS_WINDOW (self));
  g_return_if_fail (VD_IS_DOMAIN (domain));

  /* In a tab here, or in one dragged out into another window. */
  {
    g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

    for (const GList *l = toplevels; l != NULL; l = l->next)
      {
        VdConsoleTabsWindow *window = l->data;

        if (!VD_IS_CONSOLE_TABS_WINDOW (window) || (page = find_page (window, domain)) == NULL)
          continue;

        gtk_notebook_set_current_page (window->notebook,
                                       gtk_notebook_page_num (window->notebook, page));
        if (window != self)
          gtk_window_present (GTK_WINDOW (window));
        return;
      }
  }

  tab = g_new0 (Tab, 1);
  tab->window = self;
  tab->domain = g_object_ref (domain);
  tab->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (tab->actions), entries, G_N_ELEMENTS (entries),
                                   tab);
  g_object_bind_property (domain, "can-start",
                          g_action_map_lookup_action (G_ACTION_MAP (tab->actions), "start"),
                          "enabled", G_BINDING_SYNC_CREATE);

  page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  g_object_set_data_full (G_OBJECT (page), "vd-console-tab", tab, (GDestroyNotify)tab_free);
  view = vd_console_view_new ();
  tab->view = VD_CONSOLE_VIEW (view);
  gtk_widget_set_hexpand (view, TRUE);
  gtk_widget_set_vexpand (view, TRUE);
  vd_console_view_add_actions (tab->view, G_ACTION_MAP (tab->actions));
  gtk_widget_insert_action_group (page, "vm", G_ACTION_GROUP (tab->actions));
  gtk_container_add (GTK_CONTAINER (page), view);
  gtk_widget_show_all (page);

  /* page_added_cb() ties it to this window. */
  position = gtk_notebook_append_page (self->notebook, page, new_tab_label (self, domain, page));
  gtk_container_child_set (GTK_CONTAINER (self->notebook), page, "tab-expand", FALSE, NULL);
  vd_console_view_set_domain (tab->view, domain);
  gtk_notebook_set_current_page (self->notebook, position);
  show_current (self);
}

/**
 * vd_console_tabs_window_close_tab:
 *
 * Closes @domain's tab (what its close button does).
 *
 * Returns: whether it had one
 */
gboolean
vd_console_tabs_window_close_tab (VdConsoleTabsWindow *self,
                                  VdDomain            *domain)
{
  GtkWidget *page;

  g_return_val_if_fail (VD_IS_CONSOLE_TABS_WINDOW (self), FALSE);

  page = find_page (self, domain);
  if (page == NULL)
    return FALSE;

  gtk_widget_destroy (page);
  return TRUE;
}

guint
vd_console_tabs_window_get_n_tabs (VdConsoleTabsWindow *self)
{
  g_return_val_if_fail (VD_IS_CONSOLE_TABS_WINDOW (self), 0);

  return gtk_notebook_get_n_pages (self->notebook);
}

/**
 * vd_console_tabs_window_get_domain:
 *
 * Returns: (transfer none) (nullable): the guest in the tab at @position
 *   (in the order shown)
 */
VdDomain *
vd_console_tabs_window_get_domain (VdConsoleTabsWindow *self,
                                   guint                position)
{
  GtkWidget *page;

  g_return_val_if_fail (VD_IS_CONSOLE_TABS_WINDOW (self), NULL);

  page = gtk_notebook_get_nth_page (self->notebook, position);
  return page != NULL ? page_tab (page)->domain : NULL;
}

/**
 * vd_console_tabs_window_get_view:
 *
 * Returns: (transfer none) (nullable): @domain's console view, when it has
 *   a tab
 */
VdConsoleView *
vd_console_tabs_window_get_view (VdConsoleTabsWindow *self,
                                 VdDomain            *domain)
{
  GtkWidget *page;

  g_return_val_if_fail (VD_IS_CONSOLE_TABS_WINDOW (self), NULL);

  page = find_page (self, domain);
  return page != NULL ? page_tab (page)->view : NULL;
}

/**
 * vd_console_tabs_window_get_current:
 *
 * Returns: (transfer none) (nullable): the guest whose tab is shown
 */
VdDomain *
vd_console_tabs_window_get_current (VdConsoleTabsWindow *self)
{
  int current;

  g_return_val_if_fail (VD_IS_CONSOLE_TABS_WINDOW (self), NULL);

  current = gtk_notebook_get_current_page (self->notebook);
  return current >= 0 ? vd_console_tabs_window_get_domain (self, current) : NULL;
}

/**
 * vd_console_tabs_window_get_notebook:
 *
 * Returns: (transfer none): the notebook of tabs (for reordering them)
 */
GtkNotebook *
vd_console_tabs_window_get_notebook (VdConsoleTabsWindow *self)
{
  g_return_val_if_fail (VD_IS_CONSOLE_TABS_WINDOW (self), NULL);

  return self->notebook;
}
