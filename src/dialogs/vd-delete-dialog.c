/* vd-delete-dialog.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-delete-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-connection-host.h"
#include "vd-delete-dialog-private.h"

/*
 * Deleting guests, with their storage. The dialog IS the confirmation: it
 * lists each guest's disks (read in a worker, vd_domain_get_storage_async)
 * with a check box each, offers to keep or remove the managed save image,
 * snapshot metadata and UEFI variables where the guest has them, and names
 * everything that will be lost. Delete forces a running guest off first,
 * then undefines it and deletes the checked disks (vd_domain_delete_async);
 * the guests go one after the other, the dialog showing which step runs.
 * Cancel works until an undefine starts. A refusal (libvirt keeps a guest
 * with snapshots whose metadata was to be kept) is shown here and leaves
 * the choices open; a disk that could not be deleted after its guest was
 * is reported too. The dialog closes itself when everything went.
 */

G_DEFINE_FINAL_TYPE (VdDeleteDialog, vd_delete_dialog, GTK_TYPE_DIALOG)

enum {
  DELETED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void run_next (VdDeleteDialog *self);

static void
entry_free (gpointer user_data)
{
  Entry *entry = user_data;

  g_clear_object (&entry->domain);
  g_clear_object (&entry->connection);
  g_clear_pointer (&entry->storage, vd_domain_storage_free);
  g_free (entry);
}

/* ------------------------------------------------------------------ */
/* What is shown                                                       */
/* ------------------------------------------------------------------ */

static gboolean
any_entry (VdDeleteDialog *self,
           gboolean      (*test) (const Entry *))
{
  for (guint i = 0; i < self->entries->len; i++)
    {
      const Entry *entry = g_ptr_array_index (self->entries, i);

      if (!entry->done && test (entry))
        return TRUE;
    }

  return FALSE;
}

static gboolean
entry_has_managed_save (const Entry *entry)
{
  return entry->storage != NULL && entry->storage->has_managed_save;
}

static gboolean
entry_has_snapshots (const Entry *entry)
{
  return entry->storage != NULL && entry->storage->n_snapshots > 0;
}

static gboolean
entry_has_nvram (const Entry *entry)
{
  return entry->storage != NULL && entry->storage->nvram != NULL;
}

static gboolean
entry_pending (const Entry *entry)
{
  return TRUE;
}

static void
update_running (VdDeleteDialog *self)
{
  g_autoptr(GPtrArray) running = g_ptr_array_new ();

  for (guint i = 0; i < self->entries->len; i++)
    {
      const Entry *entry = g_ptr_array_index (self->entries, i);

      if (!entry->done && vd_domain_get_active (entry->domain))
        g_ptr_array_add (running, (gpointer)vd_domain_get_name (entry->domain));
    }

  if (running->len == 0)
    {
      gtk_widget_hide (GTK_WIDGET (self->running_label));
    }
  else
    {
      g_autofree char *text = NULL;

      if (running->len == 1)
        text = g_strdup_printf (_("“%s” is running. It will be forced off first: anything it "
                                  "has not written to disk is lost."),
                                (const char *)g_ptr_array_index (running, 0));
      else
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%u guest is running. They will be forced off "
                                             "first: anything they have not written to disk "
                                             "is lost.",
                                             "%u guests are running. They will be forced off "
                                             "first: anything they have not written to disk "
                                             "is lost.", running->len),
                                running->len);
      gtk_label_set_text (self->running_label, text);
      gtk_widget_show (GTK_WIDGET (self->running_label));
    }
}

static void
update_summary (VdDeleteDialog *self)
{
  g_autoptr(GString) text = g_string_new (_("Lost for good:"));
  gboolean managed_save = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->managed_save_check));
  gboolean snapshots = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->snapshots_check));
  gboolean nvram = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->nvram_check));

  for (guint i = 0; i < self->entries->len; i++)
    {
      const Entry *entry = g_ptr_array_index (self->entries, i);
      const char *name = vd_domain_get_name (entry->domain);

      if (entry->done)
        continue;

      g_string_append (text, "\n• ");
      g_string_append_printf (text, _("the guest “%s” and its settings"), name);

      for (guint r = 0; r < self->rows->len; r++)
        {
          const DiskRow *row = g_ptr_array_index (self->rows, r);

          if (row->entry == entry && gtk_toggle_button_get_active (row->check))
            g_string_append_printf (text, "\n• %s", row->disk->path);
        }

      if (entry->storage == NULL)
        continue;
      if (managed_save && entry->storage->has_managed_save)
        {
          g_string_append (text, "\n• ");
          g_string_append_printf (text, _("the saved memory state of “%s”"), name);
        }
      if (snapshots && entry->storage->n_snapshots > 0)
        {
          g_string_append (text, "\n• ");
          g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE,
                                                     "%u snapshot of “%s”",
                                                     "%u snapshots of “%s”",
                                                     entry->storage->n_snapshots),
                                  entry->storage->n_snapshots, name);
        }
      if (nvram && entry->storage->nvram != NULL)
        g_string_append_printf (text, "\n• %s", entry->storage->nvram);
    }

  gtk_label_set_text (self->summary_label, text->str);
}

void
_vd_delete_dialog_update_summary (VdDeleteDialog *self)
{
  update_summary (self);
}

static void
update_sensitivity (VdDeleteDialog *self)
{
  gboolean idle = !self->running && self->pending_reads == 0;

  gtk_widget_set_sensitive (self->delete_button, idle && any_entry (self, entry_pending));
  gtk_widget_set_sensitive (self->cancel_button, !self->undefining);
  gtk_widget_set_sensitive (self->managed_save_check, idle);
  gtk_widget_set_sensitive (self->snapshots_check, idle);
  gtk_widget_set_sensitive (self->nvram_check, idle);

  for (guint i = 0; i < self->rows->len; i++)
    {
      const DiskRow *row = g_ptr_array_index (self->rows, i);

      gtk_widget_set_sensitive (GTK_WIDGET (row->check),
                                idle && !row->entry->done && row->disk->deletable);
    }
}

static void
update_all (VdDeleteDialog *self)
{
  gtk_widget_set_visible (self->managed_save_check, any_entry (self, entry_has_managed_save));
  gtk_widget_set_visible (self->snapshots_check, any_entry (self, entry_has_snapshots));
  gtk_widget_set_visible (self->nvram_check, any_entry (self, entry_has_nvram));
  update_running (self);
  update_summary (self);
  update_sensitivity (self);
}

static void
show_failure (VdDeleteDialog *self,
              const char     *message)
{
  gtk_label_set_text (self->failure_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->failure_label), message != NULL);
}

static void
storage_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(VdDeleteDialog) self = user_data;
  g_autoptr(VdDomainStorage) storage = NULL;
  g_autoptr(GError) error = NULL;

  storage = vd_domain_get_storage_finish (VD_DOMAIN (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_cancellable_is_cancelled (self->cancellable))
    return;

  if (storage == NULL)
    {
      /* Delete can still go on: the guest's disks are then kept. */
      g_autofree char *message = g_strdup_printf (_("%s. Its disks are kept."), error->message);

      show_failure (self, message);
    }

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (entry->domain == VD_DOMAIN (object) && entry->storage == NULL)
        {
          entry->storage = g_steal_pointer (&storage);
          break;
        }
    }

  if (--self->pending_reads == 0)
    _vd_delete_dialog_fill_list (self);
  update_all (self);
}

/* ------------------------------------------------------------------ */
/* Deleting                                                            */
/* ------------------------------------------------------------------ */

static VdDomainDeleteFlags
entry_flags (VdDeleteDialog *self,
             const Entry    *entry)
{
  VdDomainDeleteFlags flags = VD_DOMAIN_DELETE_NONE;

  /* A box that is not shown applies to nothing the guests have: removing
   * "nothing" costs nothing and keeps libvirt from refusing over something
   * that appeared since the list was read. */
  if (!gtk_widget_get_visible (self->managed_save_check) ||
      gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->managed_save_check)))
    flags |= VD_DOMAIN_DELETE_MANAGED_SAVE;
  if (!gtk_widget_get_visible (self->snapshots_check) ||
      gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->snapshots_check)))
    flags |= VD_DOMAIN_DELETE_SNAPSHOTS;
  if (!gtk_widget_get_visible (self->nvram_check) ||
      gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->nvram_check)))
    flags |= VD_DOMAIN_DELETE_NVRAM;

  for (guint i = 0; i < self->rows->len; i++)
    {
      const DiskRow *row = g_ptr_array_index (self->rows, i);

      if (row->entry == entry && gtk_toggle_button_get_active (row->check) &&
          row->disk->pool == NULL)
        flags |= VD_DOMAIN_DELETE_LOCAL_FILES;
    }

  return flags;
}

static GStrv
entry_paths (VdDeleteDialog *self,
             const Entry    *entry)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < self->rows->len; i++)
    {
      const DiskRow *row = g_ptr_array_index (self->rows, i);

      if (row->entry == entry && row->disk->deletable &&
          gtk_toggle_button_get_active (row->check))
        g_strv_builder_add (builder, row->disk->path);
    }

  return g_strv_builder_end (builder);
}

/* The pools the guest's disks were in: their volumes and the volumes'
 * users changed, so the host window's Storage tab reads them again. */
static void
refresh_pools (const Entry *entry)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  if (entry->storage == NULL || entry->connection == NULL)
    return;

  for (guint i = 0; i < entry->storage->disks->len; i++)
    {
      const VdDomainDisk *disk = g_ptr_array_index (entry->storage->disks, i);
      VdStoragePool *pool;

      if (disk->pool == NULL || !g_hash_table_add (seen, disk->pool))
        continue;

      pool = vd_connection_find_pool (entry->connection, disk->pool);
      if (pool != NULL && vd_storage_pool_get_active (pool))
        vd_storage_pool_refresh_async (pool, NULL, NULL, NULL);
    }
}

static guint
count_done (VdDeleteDialog *self)
{
  guint n = 0;

  for (guint i = 0; i < self->entries->len; i++)
    n += ((Entry *)g_ptr_array_index (self->entries, i))->done ? 1 : 0;

  return n;
}

static void
finish_run (VdDeleteDialog *self)
{
  guint n_deleted = count_done (self) - self->n_done_before_run;

  self->running = FALSE;
  self->undefining = FALSE;
  gtk_spinner_stop (self->progress_spinner);
  gtk_widget_hide (self->progress_box);

  /* Before the dialog may go: whoever opened it reports the result. */
  if (n_deleted > 0)
    g_signal_emit (self, signals[DELETED], 0, n_deleted);

  if (self->failures->len == 0 && !any_entry (self, entry_pending))
    {
      /* Everything went: nothing left to show. */
      gtk_widget_destroy (GTK_WIDGET (self));
      return;
    }

  show_failure (self, self->failures->len > 0 ? self->failures->str : NULL);
  if (!any_entry (self, entry_pending))
    {
      /* Only reports left: the guests are gone. */
      gtk_button_set_label (GTK_BUTTON (self->cancel_button), _("_Close"));
      gtk_widget_hide (self->delete_button);
    }
  update_all (self);
}

static void
add_failure (VdDeleteDialog *self,
             const char     *message)
{
  if (self->failures->len > 0)
    g_string_append_c (self->failures, '\n');
  g_string_append (self->failures, message);
}

static void
delete_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(VdDeleteDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  Entry *entry;
  gboolean ok;

  ok = vd_domain_delete_finish (VD_DOMAIN (object), result, &error);
  if (gtk_widget_in_destruction (GTK_WIDGET (self)) || self->entries == NULL)
    return;

  entry = g_ptr_array_index (self->entries, self->current);
  self->undefining = FALSE;

  /* The guest is gone when its object left the connection, also when
   * a disk could not be deleted afterwards (reported, not hidden). */
  entry->done = ok || vd_domain_get_connection (entry->domain) == NULL;
  if (entry->done)
    refresh_pools (entry);

  if (!ok)
    {
      add_failure (self, error->message);
      if (!entry->done)
        {
          /* Refused: stop here, the choices stay open for another try. */
          finish_run (self);
          return;
        }
    }

  self->current++;
  run_next (self);
}

static void
start_delete (VdDeleteDialog *self,
              Entry          *entry)
{
  g_autofree char *progress = g_strdup_printf (_("Deleting “%s”…"),
                                               vd_domain_get_name (entry->domain));
  g_auto(GStrv) paths = entry_paths (self, entry);

  /* From here on the guest goes: Cancel could only leave it half done. */
  self->undefining = TRUE;
  update_sensitivity (self);
  gtk_label_set_text (self->progress_label, progress);

  vd_domain_delete_async (entry->domain, entry_flags (self, entry),
                          (const char * const *)paths, NULL, delete_done_cb,
                          g_object_ref (self));
}

static void
force_off_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(VdDeleteDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  Entry *entry;

  /* Cancelled while it ran: the dialog is gone, the guest stays (off). */
  if (!vd_domain_force_off_finish (VD_DOMAIN (object), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  entry = g_ptr_array_index (self->entries, self->current);
  if (error != NULL)
    {
      add_failure (self, error->message);
      finish_run (self);
      return;
    }

  start_delete (self, entry);
}

static void
run_next (VdDeleteDialog *self)
{
  Entry *entry;

  while (self->current < self->entries->len &&
         ((Entry *)g_ptr_array_index (self->entries, self->current))->done)
    self->current++;

  if (self->current >= self->entries->len)
    {
      finish_run (self);
      return;
    }

  entry = g_ptr_array_index (self->entries, self->current);
  if (vd_domain_get_active (entry->domain))
    {
      g_autofree char *progress = g_strdup_printf (_("Forcing off “%s”…"),
                                                   vd_domain_get_name (entry->domain));

      gtk_label_set_text (self->progress_label, progress);
      vd_domain_force_off_async (entry->domain, self->cancellable, force_off_done_cb,
                                 g_object_ref (self));
      return;
    }

  start_delete (self, entry);
}

static void
start_run (VdDeleteDialog *self)
{
  self->running = TRUE;
  self->current = 0;
  self->n_done_before_run = count_done (self);
  g_string_truncate (self->failures, 0);
  show_failure (self, NULL);
  gtk_widget_show (self->progress_box);
  gtk_spinner_start (self->progress_spinner);
  update_sensitivity (self);
  run_next (self);
}

static void
vd_delete_dialog_response (GtkDialog *dialog,
                           int        response)
{
  VdDeleteDialog *self = VD_DELETE_DIALOG (dialog);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      if (!self->running && self->pending_reads == 0)
        start_run (self);
      return;
    }

  /* Cancel, Close or Escape. Once an undefine runs it goes to its end. */
  if (self->undefining)
    return;

  g_cancellable_cancel (self->cancellable);
  gtk_widget_destroy (GTK_WIDGET (self));
}

static gboolean
vd_delete_dialog_delete_event (GtkWidget   *widget,
                               GdkEventAny *event)
{
  VdDeleteDialog *self = VD_DELETE_DIALOG (widget);

  /* The window's close button: Cancel, refused while an undefine runs. */
  if (self->undefining)
    return GDK_EVENT_STOP;

  gtk_dialog_response (GTK_DIALOG (self), GTK_RESPONSE_CANCEL);
  return GDK_EVENT_STOP;
}

static void
domain_changed_cb (VdDeleteDialog *self)
{
  update_running (self);
}

/* ------------------------------------------------------------------ */
/* Class                                                               */
/* ------------------------------------------------------------------ */

static void
vd_delete_dialog_dispose (GObject *object)
{
  VdDeleteDialog *self = VD_DELETE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);

  G_OBJECT_CLASS (vd_delete_dialog_parent_class)->dispose (object);
}

static void
vd_delete_dialog_finalize (GObject *object)
{
  VdDeleteDialog *self = VD_DELETE_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_string_free (self->failures, TRUE);

  G_OBJECT_CLASS (vd_delete_dialog_parent_class)->finalize (object);
}

static void
vd_delete_dialog_class_init (VdDeleteDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkDialogClass *dialog_class = GTK_DIALOG_CLASS (klass);

  object_class->dispose = vd_delete_dialog_dispose;
  object_class->finalize = vd_delete_dialog_finalize;
  widget_class->delete_event = vd_delete_dialog_delete_event;
  dialog_class->response = vd_delete_dialog_response;

  /**
   * VdDeleteDialog::deleted:
   * @self: the dialog
   * @n_deleted: how many guests this run of Delete removed
   *
   * Emitted when a run of Delete ends having removed at least one guest,
   * before the dialog closes itself (when everything went).
   */
  signals[DELETED] =
    g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/virtdesk/VirtDesk/dialogs/vd-delete-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, VdDeleteDialog, title_label);
  gtk_widget_class_bind_template_child (widget_class, VdDeleteDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, VdDeleteDialog, running_label);
  gtk_widget_class_bind_template_child (widget_class, VdDeleteDialog, loading_box);
  gtk_widget_class_bind_template_child (widget_class, VdDeleteDialog, disks_scroller);
  gtk_widget_class_bind_template_child (widget_class, VdDeleteDialog, disks_list);
  gtk_widget_class_bind_template_child (widget_class, VdDeleteDialog, managed_save_check);
  gtk_widget_class_bind_template_child (widget_class, VdDeleteDialog, snapshots_check);
  gtk_widget_class_bind_template_child (widget_class, VdDeleteDialog, nvram_check);
  gtk_widget_class_bind_template_child (widget_class, VdDeleteDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, VdDeleteDialog, progress_box);
  gtk_widget_class_bind_template_child (widget_class, VdDeleteDialog, progress_spinner);
  gtk_widget_class_bind_template_child (widget_class, VdDeleteDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, VdDeleteDialog, failure_label);
  gtk_widget_class_bind_template_child (widget_class, VdDeleteDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, VdDeleteDialog, delete_button);
}

static void
vd_delete_dialog_init (VdDeleteDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->entries = g_ptr_array_new_with_free_func (entry_free);
  self->rows = g_ptr_array_new_with_free_func (g_free);
  self->cancellable = g_cancellable_new ();
  self->failures = g_string_new (NULL);
}

/**
 * vd_delete_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @domains: (element-type VdDomain): the guests to delete, at least one
 *
 * Returns: (transfer none): the dialog, shown; it destroys itself when
 *   answered or when everything is deleted
 */
GtkWidget *
vd_delete_dialog_new (GtkWindow *parent,
                      GPtrArray *domains)
{
  VdDeleteDialog *self;
  g_autofree char *title = NULL;
  const char *message;
  guint n;

  g_return_val_if_fail (domains != NULL && domains->len > 0, NULL);

  n = domains->len;
  self = g_object_new (VD_TYPE_DELETE_DIALOG, "transient-for", parent,
                       "use-header-bar", FALSE, NULL);

  if (n == 1)
    title = g_strdup_printf (_("Delete “%s”?"),
                             vd_domain_get_name (g_ptr_array_index (domains, 0)));
  else
    title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Delete %u guest?",
                                          "Delete %u guests?", n), n);
  gtk_label_set_text (self->title_label, title);
  gtk_window_set_title (GTK_WINDOW (self), title);

  message = g_dngettext (GETTEXT_PACKAGE,
                         "Its definition is removed for good. The checked disks are deleted "
                         "with it; the others are kept.",
                         "Their definitions are removed for good. The checked disks are "
                         "deleted with them; the others are kept.", n);
  gtk_label_set_text (self->message_label, message);

  for (guint i = 0; i < n; i++)
    {
      VdDomain *domain = g_ptr_array_index (domains, i);
      Entry *entry = g_new0 (Entry, 1);

      entry->domain = g_object_ref (domain);
      g_set_object (&entry->connection, vd_domain_get_connection (domain));
      g_ptr_array_add (self->entries, entry);
      g_signal_connect_object (domain, "notify::active", G_CALLBACK (domain_changed_cb), self,
                               G_CONNECT_SWAPPED);
      self->pending_reads++;
      vd_domain_get_storage_async (domain, self->cancellable, storage_read_cb,
                                   g_object_ref (self));
    }

  g_signal_connect_swapped (self->managed_save_check, "toggled",
                            G_CALLBACK (update_summary), self);
  g_signal_connect_swapped (self->snapshots_check, "toggled",
                            G_CALLBACK (update_summary), self);
  g_signal_connect_swapped (self->nvram_check, "toggled",
                            G_CALLBACK (update_summary), self);
  update_all (self);
  gtk_window_present (GTK_WINDOW (self));

  return GTK_WIDGET (self);
}

/**
 * vd_delete_dialog_get_loaded:
 *
 * Returns: whether every guest's disks have been read
 */
gboolean
vd_delete_dialog_get_loaded (VdDeleteDialog *self)
{
  g_return_val_if_fail (VD_IS_DELETE_DIALOG (self), FALSE);

  return self->pending_reads == 0;
}
