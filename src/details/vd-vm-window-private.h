/* vd-vm-window-private.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtksourceview/gtksource.h>

#include "vd-console-view.h"
#include "vd-domain-editor.h"
#include "vd-graph.h"
#include "vd-hardware-page.h"
#include "vd-snapshots-page.h"
#include "vd-vm-window.h"

G_BEGIN_DECLS

struct _VdVmWindow
{
  GtkApplicationWindow  parent_instance;

  /* Template widgets */
  GtkHeaderBar         *header_bar;
  GtkMenuButton        *shutdown_menu_button;
  GtkMenuButton        *console_menu_button;
  GtkWidget            *pause_button;
  GtkWidget            *resume_button;
  GtkInfoBar           *info_bar;
  GtkLabel             *info_label;
  GtkStack             *stack;
  VdConsoleView        *console_view;
  GtkStack             *details_stack;
  GtkWidget            *mode_switcher;
  GtkStack             *mode_stack;
  GtkSourceView        *xml_view;
  GtkLabel             *xml_message;
  GtkInfoBar           *page_info_bar;
  GtkLabel             *page_info_label;
  GtkWidget            *edit_bar;
  GtkSpinner           *apply_spinner;
  GtkWidget            *apply_button;
  GtkWidget            *revert_button;
  VdHardwarePage       *overview_page;
  VdHardwarePage       *os_page;
  VdHardwarePage       *cpu_page;
  VdHardwarePage       *memory_page;
  VdHardwarePage       *boot_page;
  GtkWidget            *performance_note_label;
  VdGraph              *cpu_graph;
  VdGraph              *memory_graph;
  VdGraph              *disk_graph;
  VdGraph              *network_graph;
  VdSnapshotsPage      *snapshots_page;

  /* Owned references */
  VdDomain             *domain;
  GSettings            *settings;
  GCancellable         *cancellable;
  gboolean              watching_stats;
  GSimpleActionGroup   *actions;

  /* Editing (vd-vm-window-details.c) */
  VdDomainEditor       *editor;           /* unedited between applies */
  GCancellable         *fetch_cancellable;
  GtkWidget            *leave_dialog;     /* the Apply / Discard / Cancel question */
  char                 *current_page;     /* the Details section shown */
  char                 *current_mode;     /* "form" or "xml" */
  char                 *leave_target;     /* where the user was going when asked */
  guint                 leave_kind;
  guint                 reload_source;
  guint                 xml_loading;
  gboolean              applying;
  gboolean              xml_dirty;
  gboolean              xml_valid;
  gboolean              switching_back;

  /* Device pages (vd-vm-window-details.c) */
  GPtrArray            *device_pages;     /* VdHardwarePageDevice, in the sidebar's order */
  char                 *device_signature; /* the ids and labels they were built for */
  GtkWidget            *remove_dialog;    /* the Remove… question */
  GtkWidget            *details_sidebar;  /* template widget */
  GtkWidget            *device_menu;      /* a sidebar row's context menu (owned) */
};

/* vd-vm-window-details.c: the editable pages, Apply/Revert, the XML tab */
void     _vd_vm_window_details_class_init (GtkWidgetClass *widget_class);
void     _vd_vm_window_details_init       (VdVmWindow     *self);
void     _vd_vm_window_details_dispose    (VdVmWindow     *self);
void     _vd_vm_window_details_finalize   (VdVmWindow     *self);
gboolean _vd_vm_window_details_ask_close  (VdVmWindow     *self);
void     _vd_vm_window_details_add_hardware (VdVmWindow   *self);

G_END_DECLS
