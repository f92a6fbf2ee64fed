/* vd-manager-window-private.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vd-manager-model.h"
#include "vd-manager-window.h"

G_BEGIN_DECLS

struct _VdManagerWindow
{
  GtkApplicationWindow  parent_instance;

  /* Template widgets */
  GtkToolbar           *toolbar;
  GtkMenuToolButton    *shutdown_button;
  GtkToolButton        *pause_button;
  GtkToolButton        *resume_button;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkInfoBar           *info_bar;
  GtkLabel             *info_label;
  GtkTreeView          *tree_view;
  GtkTreeViewColumn    *name_column;
  GtkTreeViewColumn    *state_column;
  GtkTreeViewColumn    *cpu_column;
  GtkTreeViewColumn    *host_cpu_column;
  GtkTreeViewColumn    *memory_column;
  GtkTreeViewColumn    *disk_column;
  GtkTreeViewColumn    *network_column;
  GtkCellRenderer      *spinner_renderer;
  GtkCellRenderer      *icon_renderer;
  GtkCellRenderer      *name_renderer;
  GtkCellRenderer      *state_renderer;
  GtkCellRenderer      *cpu_renderer;
  GtkCellRenderer      *host_cpu_renderer;
  GtkCellRenderer      *memory_renderer;
  GtkCellRenderer      *disk_renderer;
  GtkCellRenderer      *network_renderer;

  /* Owned references */
  VdConnectionManager  *manager;
  VdManagerModel       *model;
  GSettings            *settings;
  GCancellable         *cancellable;
  GMenuModel           *domain_menu;
  GMenuModel           *connection_menu;
  GSimpleActionGroup   *actions;

  GHashTable           *watched;   /* VdDomain (ref) whose graphs are on screen */
  GHashTable           *signatures; /* row object (ref) → what its graph cells show */

  guint                 update_source;
  guint                 spinner_source;
  guint                 spinner_pulse;
};

void _vd_manager_window_actions_init   (VdManagerWindow *self);
void _vd_manager_window_columns_init   (VdManagerWindow *self);
void _vd_manager_window_columns_bind   (VdManagerWindow *self);
void _vd_manager_window_columns_add_actions (VdManagerWindow *self);
void _vd_manager_window_columns_queue_draw (VdManagerWindow *self);
void _vd_manager_window_columns_unwatch_all (VdManagerWindow *self);
void _vd_manager_window_update_actions (VdManagerWindow *self);
void _vd_manager_window_open_domain    (VdManagerWindow *self,
                                        VdDomain        *domain);

G_END_DECLS
