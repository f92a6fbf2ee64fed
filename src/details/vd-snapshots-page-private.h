/* vd-snapshots-page-private.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vd-domain-snapshot.h"
#include "vd-snapshots-page.h"

G_BEGIN_DECLS

enum
{
  COL_SNAPSHOT,
  N_COLUMNS
};

struct _VdSnapshotsPage
{
  GtkBox            parent_instance;

  /* Template widgets */
  GtkInfoBar       *error_bar;
  GtkLabel         *error_label;
  GtkWidget        *create_button;
  GtkMenuButton    *delete_button;
  GtkSpinner       *spinner;
  GtkStack         *list_stack;
  GtkLabel         *empty_label;
  GtkTreeView      *tree_view;
  GtkWidget        *detail_box;
  GtkLabel         *detail_name_label;
  GtkLabel         *detail_info_label;
  GtkImage         *thumbnail;
  GtkTextView      *description_view;
  GtkPopover       *create_popover;
  GtkEntry         *name_entry;
  GtkLabel         *name_error_label;
  GtkEntry         *new_description_entry;
  GtkRadioButton   *internal_radio;
  GtkLabel         *internal_reason_label;
  GtkRadioButton   *disk_only_radio;
  GtkLabel         *disk_only_reason_label;
  GtkWidget        *create_confirm_button;

  /* Owned references */
  VdDomain         *domain;
  GSettings        *settings;
  GCancellable     *cancellable;
  GSimpleActionGroup *actions;
  GtkTreeStore     *store;
  VdSnapshotList   *list;           /* the last one read, NULL before */
  char             *select_after;   /* to select once the list is read again */

  guint             running;        /* operations and reads under way */
  gboolean          listing;
  gboolean          list_again;     /* asked for while a read ran */
  gboolean          showing_description; /* setting the text, not the user */
  gboolean          filling;        /* the store is being filled again */
  char             *shown_name;     /* the snapshot in the detail pane */
  char             *shown_description; /* its description as read */
};

/* vd-snapshots-page.c */
VdSnapshot     *_vd_snapshots_page_get_selected         (VdSnapshotsPage *self);
void            _vd_snapshots_page_show_error           (VdSnapshotsPage *self,
                                                         const char      *message);
void            _vd_snapshots_page_update_actions       (VdSnapshotsPage *self);
char           *_vd_snapshots_page_get_description_text (VdSnapshotsPage *self);

/* vd-snapshots-page-actions.c: Create, Revert, Delete, Apply */
void            _vd_snapshots_page_add_actions          (VdSnapshotsPage *self);
VdSnapshotMode  _vd_snapshots_page_chosen_mode          (VdSnapshotsPage *self);

G_END_DECLS
