/* vd-delete-dialog-private.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vd-delete-dialog.h"
#include "vd-domain-storage.h"

G_BEGIN_DECLS

/* Shared by vd-delete-dialog.c (reading, deleting) and
 * vd-delete-dialog-list.c (the list of disks). */

typedef struct
{
  VdDomain        *domain;      /* owned */
  VdConnection    *connection;  /* owned: the guest leaves it when deleted */
  VdDomainStorage *storage;     /* owned; NULL until read, or if it failed */
  gboolean         done;        /* undefined */
} Entry;

typedef struct
{
  Entry              *entry;    /* borrowed: entries outlive rows */
  const VdDomainDisk *disk;     /* borrowed from entry->storage */
  GtkToggleButton    *check;
} DiskRow;

struct _VdDeleteDialog
{
  GtkDialog     parent_instance;

  /* Template widgets */
  GtkLabel     *title_label;
  GtkLabel     *message_label;
  GtkLabel     *running_label;
  GtkWidget    *loading_box;
  GtkWidget    *disks_scroller;
  GtkListBox   *disks_list;
  GtkWidget    *managed_save_check;
  GtkWidget    *snapshots_check;
  GtkWidget    *nvram_check;
  GtkLabel     *summary_label;
  GtkWidget    *progress_box;
  GtkSpinner   *progress_spinner;
  GtkLabel     *progress_label;
  GtkLabel     *failure_label;
  GtkWidget    *cancel_button;
  GtkWidget    *delete_button;

  /* Owned references */
  GPtrArray    *entries;        /* Entry */
  GPtrArray    *rows;           /* DiskRow */
  GCancellable *cancellable;
  GString      *failures;       /* what went wrong in this run */

  guint         pending_reads;
  guint         current;        /* index of the entry being deleted */
  guint         n_done_before_run; /* entries done before Delete was clicked */
  gboolean      running;        /* Delete was pressed and has not ended */
  gboolean      undefining;     /* past the point where Cancel could stop it */
};

void _vd_delete_dialog_fill_list      (VdDeleteDialog *self);
void _vd_delete_dialog_update_summary (VdDeleteDialog *self);

G_END_DECLS
