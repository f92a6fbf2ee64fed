/* vd-add-hardware-dialog-private.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtksourceview/gtksource.h>

#include "vd-add-hardware-dialog.h"
#include "vd-domain-editor-devices.h"
#include "vd-domain-editor.h"
#include "vd-hardware-page.h"
#include "vd-storage-pool.h"

G_BEGIN_DECLS

typedef struct _HwType HwType;

struct _VdAddHardwareDialog
{
  GtkDialog         parent_instance;

  /* Template widgets */
  GtkStack         *main_stack;
  GtkLabel         *load_error_label;
  GtkListBox       *type_list;
  GtkBox           *page_box;
  GtkWidget        *storage_box;
  GtkToggleButton  *new_volume_radio;
  GtkToggleButton  *existing_radio;
  GtkEntry         *size_entry;
  GtkLabel         *size_message;
  GtkLabel         *pool_label;
  GtkSourceView    *preview_view;
  GtkInfoBar       *info_bar;
  GtkLabel         *info_label;
  GtkSpinner       *progress_spinner;
  GtkLabel         *progress_label;
  GtkWidget        *finish_button;
  GtkWidget        *cancel_button;

  /* Owned references */
  VdDomain         *domain;
  VdDomainEditor   *base;        /* the guest's configuration, unedited */
  VdDomainEditor   *scratch;     /* base + the default device: the page's editor */
  VdHardwarePage   *page;
  char             *device_xml;  /* the default device */
  char             *device_id;   /* its id in scratch */
  VdStoragePool    *pool;        /* where a new disk image goes */
  char             *volume_name;
  GCancellable     *cancellable;
  GCancellable     *run_cancellable;
  VdDomainEditor   *final;       /* what Finish applies */
  char             *created_volume; /* made by this Finish, deleted on failure */

  const HwType     *type;
  guint             wait_source;  /* for the host's pools */
  guint             waited;
  gboolean          loaded;
  gboolean          running;
};

/* Returns the device's XML, or NULL with *reason set (translated) when
 * this guest cannot take one. */
typedef char *(*BuildFunc) (VdAddHardwareDialog *self,
                            char               **reason);

struct _HwType
{
  const char   *id;
  const char   *icon;
  const char   *label;
  VdDeviceKind  kind;
  BuildFunc     build;
};

/* vd-add-hardware-dialog-types.c: the types and their default devices */
const HwType *_vd_add_hardware_get_types   (guint          *n);
const HwType *_vd_add_hardware_find_type   (const char     *id);
GPtrArray    *_vd_add_hardware_devices_of  (VdDomainEditor *editor,
                                            VdDeviceKind    kind);

G_END_DECLS
