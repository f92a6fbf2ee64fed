/* vd-create-volume-dialog.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-create-volume-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-create-volume-dialog.h"
#include "vd-storage-volume.h"

/*
 * Create Volume: a GtkDialog answered through "response". Each field is
 * judged by vd_volume_spec_check() as it changes, its reason under it, and
 * Create stays off while one is wrong. Create runs
 * vd_storage_pool_create_volume_async(); the dialog closes when the volume
 * exists and shows libvirt's message inline, fields kept, when it failed.
 */

struct _VdCreateVolumeDialog
{
  GtkDialog        parent_instance;

  /* Template widgets */
  GtkLabel        *pool_label;
  GtkEntry        *name_entry;
  GtkLabel        *name_error;
  GtkComboBoxText *format_combo;
  GtkLabel        *format_error;
  GtkEntry        *capacity_entry;
  GtkComboBoxText *capacity_unit_combo;
  GtkLabel        *capacity_error;
  GtkComboBoxText *prealloc_combo;
  GtkLabel        *allocation_label;
  GtkBox          *allocation_box;
  GtkEntry        *allocation_entry;
  GtkComboBoxText *allocation_unit_combo;
  GtkLabel        *allocation_error;
  GtkLabel        *backing_label;
  GtkComboBoxText *backing_combo;
  GtkLabel        *backing_error;
  GtkRevealer     *failure_revealer;
  GtkLabel        *failure_label;
  GtkSpinner      *spinner;
  GtkLabel        *progress_label;
  GtkButton       *create_button;

  /* Owned references */
  VdStoragePool   *pool;
  VdVolumeSpec    *spec;
  GCancellable    *cancellable;     /* cancelled in dispose */
  gboolean         busy;
  gboolean         loading;         /* filling the fields: no validation yet */
};

G_DEFINE_FINAL_TYPE (VdCreateVolumeDialog, vd_create_volume_dialog, GTK_TYPE_DIALOG)

static gboolean
show_message (GtkLabel *label,
              char     *message)
{
  gboolean ok = message == NULL;

  gtk_label_set_text (label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), !ok);
  g_free (message);
  return ok;
}

/* Widgets → spec, and the size fields' own parse errors. */
static gboolean
sync_spec (VdCreateVolumeDialog *self,
           char                **capacity_message,
           char                **allocation_message)
{
  VdVolumeSpec *spec = self->spec;
  const char *prealloc = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->prealloc_combo));
  const char *backing = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->backing_combo));
  const char *allocation_text = gtk_entry_get_text (self->allocation_entry);
  const char *capacity_unit =
    gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->capacity_unit_combo));
  const char *allocation_unit =
    gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->allocation_unit_combo));
  guint64 bytes = 0;
  gboolean ok = TRUE;

  g_free (spec->name);
  spec->name = g_strstrip (g_strdup (gtk_entry_get_text (self->name_entry)));
  g_free (spec->format);
  spec->format = g_strdup (gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->format_combo)));

  if (vd_volume_spec_parse_size (gtk_entry_get_text (self->capacity_entry), capacity_unit,
                                 &bytes, capacity_message))
    spec->capacity = bytes;
  else
    {
      ok = FALSE;
      spec->capacity = 0;
    }

  /* An empty allocation is a sparse volume. */
  bytes = 0;
  if (*allocation_text != '\0' &&
      !vd_volume_spec_parse_size (allocation_text, allocation_unit, &bytes, allocation_message))
    ok = FALSE;
  spec->allocation = bytes;

  if (g_strcmp0 (prealloc, "metadata") == 0)
    spec->preallocation = VD_VOLUME_PREALLOCATION_METADATA;
  else if (g_strcmp0 (prealloc, "full") == 0)
    spec->preallocation = VD_VOLUME_PREALLOCATION_FULL;
  else
    spec->preallocation = VD_VOLUME_PREALLOCATION_NONE;

  g_free (spec->backing);
  spec->backing = backing != NULL && *backing != '\0' ? g_strdup (backing) : NULL;

  return ok;
}

static gboolean
check (VdCreateVolumeDialog *self,
       VdVolumeSpecField     field,
       GtkLabel             *label,
       char                 *parse_message)
{
  if (parse_message != NULL)
    return show_message (label, parse_message);
  return show_message (label, vd_volume_spec_check (self->spec, field, self->pool));
}

static void
revalidate (VdCreateVolumeDialog *self)
{
  char *capacity_message = NULL;
  char *allocation_message = NULL;
  gboolean qcow2, ok;

  if (self->loading)
    return;

  sync_spec (self, &capacity_message, &allocation_message);

  /* Only what applies is shown: the allocation for sparse volumes, the
   * backing volume for qcow2. */
  qcow2 = g_strcmp0 (self->spec->format, "qcow2") == 0;
  gtk_widget_set_visible (GTK_WIDGET (self->allocation_label),
                          self->spec->preallocation == VD_VOLUME_PREALLOCATION_NONE);
  gtk_widget_set_visible (GTK_WIDGET (self->allocation_box),
                          self->spec->preallocation == VD_VOLUME_PREALLOCATION_NONE);
  gtk_widget_set_visible (GTK_WIDGET (self->backing_label), qcow2);
  gtk_widget_set_visible (GTK_WIDGET (self->backing_combo), qcow2);
  if (!qcow2 && self->spec->backing != NULL)
    {
      gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->backing_combo), "");
      g_clear_pointer (&self->spec->backing, g_free);
    }

  ok = check (self, VD_VOLUME_SPEC_FIELD_NAME, self->name_error, NULL);
  ok &= check (self, VD_VOLUME_SPEC_FIELD_FORMAT, self->format_error, NULL);
  ok &= check (self, VD_VOLUME_SPEC_FIELD_CAPACITY, self->capacity_error, capacity_message);
  ok &= check (self, VD_VOLUME_SPEC_FIELD_ALLOCATION, self->allocation_error,
               allocation_message);
  ok &= check (self, VD_VOLUME_SPEC_FIELD_BACKING, self->backing_error, NULL);

  gtk_widget_set_sensitive (GTK_WIDGET (self->create_button), ok && !self->busy);
}

static void
field_changed_cb (VdCreateVolumeDialog *self)
{
  if (self->spec != NULL)
    revalidate (self);
}

static void
set_busy (VdCreateVolumeDialog *self,
          gboolean              busy)
{
  self->busy = busy;
  if (busy)
    gtk_spinner_start (self->spinner);
  else
    gtk_spinner_stop (self->spinner);
  gtk_label_set_text (self->progress_label, busy ? _("Creating the volume…") : "");
  revalidate (self);
}

static void
create_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(VdCreateVolumeDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (vd_storage_pool_create_volume_finish (VD_STORAGE_POOL (object), result, &error))
    {
      gtk_widget_destroy (GTK_WIDGET (self));
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_label_set_text (self->failure_label, error->message);
  gtk_revealer_set_reveal_child (self->failure_revealer, TRUE);
  set_busy (self, FALSE);
}

static void
response_cb (GtkDialog *dialog,
             int        response)
{
  VdCreateVolumeDialog *self = VD_CREATE_VOLUME_DIALOG (dialog);

  if (response != GTK_RESPONSE_OK)
    {
      /* Closing while it runs does not undo it: the volume may appear. */
      gtk_widget_destroy (GTK_WIDGET (self));
      return;
    }

  revalidate (self);
  if (self->busy || !gtk_widget_get_sensitive (GTK_WIDGET (self->create_button)))
    return;

  gtk_revealer_set_reveal_child (self->failure_revealer, FALSE);
  set_busy (self, TRUE);
  vd_storage_pool_create_volume_async (self->pool, self->spec, self->cancellable, create_cb,
                                       g_object_ref (self));
}

/* The formats the pool supports, and its qcow2 volumes as backing ones. */
static void
fill_choices (VdCreateVolumeDialog *self)
{
  const char *type = vd_storage_pool_get_pool_type (self->pool);
  const char * const *formats = vd_volume_spec_get_formats (type);
  GListModel *volumes = vd_storage_pool_get_volumes (self->pool);
  g_autofree char *pool_text = NULL;
  g_autofree char *free_text = g_format_size_full (vd_storage_pool_get_available (self->pool),
                                                   G_FORMAT_SIZE_IEC_UNITS);

  /* translators: a pool's name, its type, then its free space */
  pool_text = g_strdup_printf (_("In the pool “%s” (%s), %s free."),
                               vd_storage_pool_get_name (self->pool),
                               vd_storage_pool_get_pool_type (self->pool), free_text);
  gtk_label_set_text (self->pool_label, pool_text);

  for (guint i = 0; formats[i] != NULL; i++)
    gtk_combo_box_text_append (self->format_combo, formats[i], formats[i]);
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->format_combo),
                               g_strv_contains (formats, "qcow2") ? "qcow2" : formats[0]);

  /* translators: no backing volume */
  gtk_combo_box_text_append (self->backing_combo, "", _("None"));
  for (guint i = 0; i < g_list_model_get_n_items (volumes); i++)
    {
      g_autoptr(VdStorageVolume) volume = g_list_model_get_item (volumes, i);
      const char *name = vd_storage_volume_get_name (volume);
      const char *format = vd_storage_volume_get_format (volume);
      g_autofree char *text = g_strdup_printf ("%s (%s)", name, format ? format : "?");

      gtk_combo_box_text_append (self->backing_combo, name, text);
    }
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->backing_combo), "");
}

static void
vd_create_volume_dialog_dispose (GObject *object)
{
  VdCreateVolumeDialog *self = VD_CREATE_VOLUME_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->pool);

  G_OBJECT_CLASS (vd_create_volume_dialog_parent_class)->dispose (object);
}

static void
vd_create_volume_dialog_finalize (GObject *object)
{
  VdCreateVolumeDialog *self = VD_CREATE_VOLUME_DIALOG (object);

  g_clear_pointer (&self->spec, vd_volume_spec_free);

  G_OBJECT_CLASS (vd_create_volume_dialog_parent_class)->finalize (object);
}

static void
vd_create_volume_dialog_class_init (VdCreateVolumeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vd_create_volume_dialog_dispose;
  object_class->finalize = vd_create_volume_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/virtdesk/VirtDesk/wizards/"
                                               "vd-create-volume-dialog.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, VdCreateVolumeDialog, name)
  CHILD (pool_label);
  CHILD (name_entry);
  CHILD (name_error);
  CHILD (format_combo);
  CHILD (format_error);
  CHILD (capacity_entry);
  CHILD (capacity_unit_combo);
  CHILD (capacity_error);
  CHILD (prealloc_combo);
  CHILD (allocation_label);
  CHILD (allocation_box);
  CHILD (allocation_entry);
  CHILD (allocation_unit_combo);
  CHILD (allocation_error);
  CHILD (backing_label);
  CHILD (backing_combo);
  CHILD (backing_error);
  CHILD (failure_revealer);
  CHILD (failure_label);
  CHILD (spinner);
  CHILD (progress_label);
  CHILD (create_button);
#undef CHILD
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, response_cb);
}

static void
vd_create_volume_dialog_init (VdCreateVolumeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
}

/**
 * vd_create_volume_dialog_new:
 * @parent: (nullable): the window it is transient for
 *
 * Returns: (transfer floating): a dialog creating a volume in @pool
 */
GtkWidget *
vd_create_volume_dialog_new (GtkWindow     *parent,
                             VdStoragePool *pool)
{
  VdCreateVolumeDialog *self;

  g_return_val_if_fail (VD_IS_STORAGE_POOL (pool), NULL);

  self = g_object_new (VD_TYPE_CREATE_VOLUME_DIALOG, "transient-for", parent, NULL);
  self->pool = g_object_ref (pool);
  self->spec = vd_volume_spec_new ();

  self->loading = TRUE;
  fill_choices (self);
  gtk_entry_set_text (self->capacity_entry, "20");
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->capacity_unit_combo), "GiB");
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->allocation_unit_combo), "GiB");
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->prealloc_combo), "none");
  self->loading = FALSE;
  revalidate (self);
  /* An empty name is the expected start, not a mistake yet. */
  gtk_widget_set_visible (GTK_WIDGET (self->name_error), FALSE);

  return GTK_WIDGET (self);
}

/**
 * vd_create_volume_dialog_get_spec:
 *
 * Returns: (transfer none): what the fields say now
 */
const VdVolumeSpec *
vd_create_volume_dialog_get_spec (VdCreateVolumeDialog *self)
{
  g_return_val_if_fail (VD_IS_CREATE_VOLUME_DIALOG (self), NULL);

  return self->spec;
}

/**
 * vd_create_volume_dialog_get_busy:
 *
 * Returns: whether the volume is being created
 */
gboolean
vd_create_volume_dialog_get_busy (VdCreateVolumeDialog *self)
{
  g_return_val_if_fail (VD_IS_CREATE_VOLUME_DIALOG (self), FALSE);

  return self->busy;
}
