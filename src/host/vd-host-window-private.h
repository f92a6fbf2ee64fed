/* vd-host-window-private.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtksourceview/gtksource.h>

#include "vd-host-window.h"

G_BEGIN_DECLS

struct _VdHostWindow
{
  GtkApplicationWindow  parent_instance;

  /* Template widgets */
  GtkHeaderBar         *header_bar;
  GtkInfoBar           *info_bar;
  GtkLabel             *info_label;
  GtkStack             *stack;
  GtkGrid              *overview_grid;
  GtkSwitch            *autoconnect_switch;
  GtkLabel             *numa_label;
  GtkBox               *graphs_box;
  GtkListBox           *network_list;
  GtkStack             *network_stack;
  GtkGrid              *network_grid;
  GtkSourceView        *network_xml_view;
  GtkListBox           *pool_list;
  GtkStack             *pool_stack;
  GtkGrid              *pool_grid;
  GtkTreeView          *volume_view;
  GtkListStore         *volume_store;

  /* Owned references */
  VdConnection         *connection;
  GSettings            *settings;
  GCancellable         *cancellable;      /* cancelled in dispose */
  GCancellable         *xml_cancellable;  /* the running XML read, per selection */
  GSimpleActionGroup   *actions;
  GSignalGroup         *network_signals;  /* on the selected network */
  GSignalGroup         *pool_signals;     /* on the selected pool */
  GHashTable           *overview_values;  /* row key → GtkLabel (borrowed) */
  GHashTable           *network_values;
  GHashTable           *pool_values;
  VdNetwork            *network;          /* selected */
  VdStoragePool        *pool;             /* selected */
};

/* What a confirmed destructive action runs; @option is the dialog's
 * extra check box, if it had one. */
typedef void (*VdHostConfirmed) (VdHostWindow *self,
                                 gpointer      object,
                                 gboolean      option);

/* vd-host-window.c */
void       _vd_host_window_show_error        (VdHostWindow  *self,
                                              const char    *message);
GtkLabel  *_vd_host_window_add_row           (GtkGrid       *grid,
                                              GHashTable    *values,
                                              const char    *key,
                                              const char    *title,
                                              const char    *accessible_name);
void       _vd_host_window_set_value         (GHashTable    *values,
                                              const char    *key,
                                              const char    *text);
char      *_vd_host_window_format_size       (guint64        bytes);
void       _vd_host_window_ask               (VdHostWindow  *self,
                                              const char    *title,
                                              const char    *message,
                                              const char    *item,
                                              const char    *accept,
                                              gboolean       always_ask,
                                              const char    *option,
                                              VdHostConfirmed accepted,
                                              gpointer       object);
void       _vd_host_window_enable            (VdHostWindow  *self,
                                              const char    *action,
                                              gboolean       enabled);

/* vd-host-window-networks.c */
void       _vd_host_window_networks_init     (VdHostWindow  *self);
void       _vd_host_window_networks_bind     (VdHostWindow  *self);
void       _vd_host_window_networks_dispose  (VdHostWindow  *self);

/* vd-host-window-storage.c */
void       _vd_host_window_storage_init      (VdHostWindow  *self);
void       _vd_host_window_storage_bind      (VdHostWindow  *self);
void       _vd_host_window_storage_dispose   (VdHostWindow  *self);
void       _vd_host_window_volume_selection_changed (VdHostWindow *self);

/* vd-host-window-xml.c */
void       _vd_host_window_xml_init          (VdHostWindow  *self);
void       _vd_host_window_xml_update        (VdHostWindow  *self);

/* vd-host-window-volumes.c */
void       _vd_host_window_volumes_init      (VdHostWindow  *self);
void       _vd_host_window_volumes_update    (VdHostWindow  *self,
                                              gboolean       usable);

G_END_DECLS
