/* vd-clone-dialog.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-clone-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-clone-dialog.h"
#include "vd-connection.h"
#include "vd-domain-clone.h"

/*
 * Cloning one guest. The dialog reads the guest's configuration and pools
 * in a worker (vd_domain_clone_prepare_async) and shows the defaults: the
 * new name, and per disk Clone / Share / Skip with the copy's volume name.
 * Each field says what is wrong with it beside it, and Clone stays off
 * until all are right and the guest is shut off or paused (a running
 * guest's dialog says so, and follows the guest's state). Clone runs
 * vd_domain_clone_async with a progress bar; Cancel stops it between
 * steps, the copies made so far are deleted, then the dialog closes. When
 * the clone is done the dialog closes; the new guest reaches the manager
 * through the connection's events.
 */

typedef struct
{
  VdCloneDialog *self;           /* borrowed: rows die with the dialog */
  guint          index;          /* in the spec's disks */
  GtkComboBoxText *action_combo;
  GtkWidget     *volume_box;
  GtkEntry      *volume_entry;
  GtkLabel      *message_label;
} DiskRow;

struct _VdCloneDialog
{
  GtkDialog     parent_instance;

  /* Template widgets */
  GtkLabel     *title_label;
  GtkLabel     *refusal_label;
  GtkWidget    *loading_box;
  GtkWidget    *form_box;
  GtkEntry     *name_entry;
  GtkLabel     *name_error_label;
  GtkListBox   *disks_list;
  GtkLabel     *nic_label;
  GtkWidget    *progress_box;
  GtkProgressBar *progress_bar;
  GtkSpinner   *progress_spinner;  /* a copy cannot say how far it is */
  GtkLabel     *progress_label;
  GtkLabel     *failure_label;
  GtkWidget    *cancel_button;
  GtkWidget    *clone_button;

  /* Owned references */
  VdDomain     *domain;
  VdCloneSpec  *spec;            /* NULL until read */
  GPtrArray    *rows;            /* DiskRow */
  GCancellable *cancellable;

  gboolean      running;
  gboolean      cancelling;
};

G_DEFINE_FINAL_TYPE (VdCloneDialog, vd_clone_dialog, GTK_TYPE_DIALOG)

static const char * const action_ids[] = {
  [VD_CLONE_DISK_CLONE] = "clone",
  [VD_CLONE_DISK_SHARE] = "share",
  [VD_CLONE_DISK_SKIP] = "skip",
};

/* ------------------------------------------------------------------ */
/* What is shown                                                       */
/* ------------------------------------------------------------------ */

static void
set_message (GtkLabel   *label,
             const char *text)
{
  gtk_label_set_text (label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (label), text != NULL);
}

static void
update_row (DiskRow *row)
{
  VdCloneSpec *spec = row->self->spec;
  VdCloneDisk *disk = vd_clone_spec_get_disk (spec, row->index);
  g_autofree char *problem = vd_clone_spec_check_disk (spec, row->index);
  GtkStyleContext *style = gtk_widget_get_style_context (GTK_WIDGET (row->message_label));

  gtk_widget_set_visible (row->volume_box, disk->action == VD_CLONE_DISK_CLONE);
  if (problem != NULL)
    {
      gtk_style_context_add_class (style, "error");
      gtk_style_context_remove_class (style, "dim-label");
      set_message (row->message_label, problem);
    }
  else
    {
      /* Why Clone is not offered, as a note */
      gtk_style_context_remove_class (style, "error");
      gtk_style_context_add_class (style, "dim-label");
      set_message (row->message_label, disk->no_clone_reason);
    }
}

static void
update_all (VdCloneDialog *self)
{
  g_autofree char *refusal = vd_domain_check_clone (self->domain);
  g_autofree char *name_problem = NULL;
  GListModel *domains = NULL;
  gboolean valid = FALSE;

  /* Destroyed, though still referenced by a call under way: the domain's
   * signals come until the last reference goes. */
  if (self->rows == NULL)
    return;

  set_message (self->refusal_label, refusal);
  if (self->spec != NULL)
    {
      if (vd_domain_get_connection (self->domain) != NULL)
        domains = vd_connection_get_domains (vd_domain_get_connection (self->domain));
      name_problem = vd_clone_spec_check_name (self->spec, domains);
      set_message (self->name_error_label, name_problem);
      for (guint i = 0; i < self->rows->len; i++)
        update_row (g_ptr_array_index (self->rows, i));
      valid = vd_clone_spec_validate (self->spec, domains, NULL);
    }

  gtk_widget_set_sensitive (self->form_box, !self->running);
  gtk_widget_set_sensitive (self->clone_button,
                            valid && refusal == NULL && !self->running &&
                            !vd_domain_get_busy (self->domain));
  gtk_widget_set_sensitive (self->cancel_button, !self->cancelling);
}

/* ------------------------------------------------------------------ */
/* The fields                                                          */
/* ------------------------------------------------------------------ */

static void
name_changed_cb (VdCloneDialog *self)
{
  if (self->spec == NULL)
    return;
  g_free (self->spec->name);
  self->spec->name = g_strdup (gtk_entry_get_text (self->name_entry));
  update_all (self);
}

static void
action_changed_cb (GtkComboBox *combo,
                   DiskRow     *row)
{
  const char *id = gtk_combo_box_get_active_id (combo);

  for (guint i = 0; id != NULL && i < G_N_ELEMENTS (action_ids); i++)
    if (g_strcmp0 (id, action_ids[i]) == 0)
      vd_clone_spec_set_disk_action (row->self->spec, row->index, (VdCloneDiskAction)i);
  update_all (row->self);
}

static void
volume_changed_cb (GtkEntry *entry,
                   DiskRow  *row)
{
  VdCloneDisk *disk = vd_clone_spec_get_disk (row->self->spec, row->index);

  g_free (disk->new_volume);
  disk->new_volume = g_strdup (gtk_entry_get_text (entry));
  update_all (row->self);
}

static void
set_accessible_name (GtkWidget  *widget,
                     const char *name)
{
  atk_object_set_name (gtk_widget_get_accessible (widget), name);
}

static const char *
device_label (const VdCloneDisk *disk)
{
  if (g_strcmp0 (disk->device, "cdrom") == 0)
    return _("CD-ROM");
  if (g_strcmp0 (disk->device, "floppy") == 0)
    return _("Floppy");
  if (disk->read_only)
    /* translators: a disk the guest cannot write to */
    return _("Read-only disk");
  if (disk->shareable)
    /* translators: a disk several guests may use at once */
    return _("Shareable disk");
  return _("Disk");
}

static void
add_row (VdCloneDialog *self,
         guint          index)
{
  VdCloneDisk *disk = vd_clone_spec_get_disk (self->spec, index);
  const char *target = disk->target ? disk->target : "?";
  DiskRow *row = g_new0 (DiskRow, 1);
  g_autofree char *heading = NULL;
  g_autofree char *name = NULL;
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label;

  row->self = self;
  row->index = index;
  g_ptr_array_add (self->rows, row);
  g_object_set (box, "margin", 8, NULL);

  /* translators: the device name (vda), its kind (Disk, CD-ROM), its source */
  heading = g_strdup_printf (_("%s · %s · %s"), target, device_label (disk),
                             disk->source ? disk->source : _("empty"));
  label = gtk_label_new (heading);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_set_tooltip_text (label, heading);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_pack_start (GTK_BOX (top), label, TRUE, TRUE, 0);

  row->action_combo = GTK_COMBO_BOX_TEXT (gtk_combo_box_text_new ());
  if (disk->no_clone_reason == NULL)
    /* translators: what becomes of a disk: copied for the new guest */
    gtk_combo_box_text_append (row->action_combo, action_ids[VD_CLONE_DISK_CLONE], _("Clone"));
  /* translators: what becomes of a disk: the new guest uses the same one */
  gtk_combo_box_text_append (row->action_combo, action_ids[VD_CLONE_DISK_SHARE], _("Share"));
  /* translators: what becomes of a disk: the new guest does not get it */
  gtk_combo_box_text_append (row->action_combo, action_ids[VD_CLONE_DISK_SKIP], _("Skip"));
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (row->action_combo), action_ids[disk->action]);
  /* translators: accessible name of a disk's Clone/Share/Skip choice; %s is vda */
  name = g_strdup_printf (_("What to do with %s"), target);
  set_accessible_name (GTK_WIDGET (row->action_combo), name);
  g_clear_pointer (&name, g_free);
  gtk_box_pack_end (GTK_BOX (top), GTK_WIDGET (row->action_combo), FALSE, FALSE, 0);
  gtk_box_pack_start (GTK_BOX (box), top, FALSE, FALSE, 0);

  row->volume_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  label = gtk_label_new_with_mnemonic (_("New _volume"));
  gtk_box_pack_start (GTK_BOX (row->volume_box), label, FALSE, FALSE, 0);
  row->volume_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_text (row->volume_entry, disk->new_volume ? disk->new_volume : "");
  gtk_entry_set_activates_default (row->volume_entry, TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (row->volume_entry));
  /* translators: accessible name of the copy's volume name entry; %s is vda */
  name = g_strdup_printf (_("New volume for %s"), target);
  set_accessible_name (GTK_WIDGET (row->volume_entry), name);
  g_clear_pointer (&name, g_free);
  gtk_box_pack_start (GTK_BOX (row->volume_box), GTK_WIDGET (row->volume_entry), TRUE, TRUE, 0);
  if (disk->pool != NULL)
    {
      /* translators: after the new volume's name: the pool it goes to */
      name = g_strdup_printf (_("in the pool “%s”"), disk->pool);
      label = gtk_label_new (name);
      gtk_style_context_add_class (gtk_widget_get_style_context (label), "dim-label");
      gtk_box_pack_start (GTK_BOX (row->volume_box), label, FALSE, FALSE, 0);
      g_clear_pointer (&name, g_free);
    }
  /* Shown with its children now; update_row() shows or hides the box
   * itself, which the row's show_all leaves alone. */
  gtk_widget_show_all (row->volume_box);
  gtk_widget_set_no_show_all (row->volume_box, TRUE);
  gtk_box_pack_start (GTK_BOX (box), row->volume_box, FALSE, FALSE, 0);

  row->message_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (row->message_label, 0);
  gtk_label_set_line_wrap (row->message_label, TRUE);
  gtk_label_set_max_width_chars (row->message_label, 60);
  gtk_widget_set_no_show_all (GTK_WIDGET (row->message_label), TRUE);
  /* translators: accessible name of what is said about a disk; %s is vda */
  name = g_strdup_printf (_("About %s"), target);
  set_accessible_name (GTK_WIDGET (row->message_label), name);
  gtk_box_pack_start (GTK_BOX (box), GTK_WIDGET (row->message_label), FALSE, FALSE, 0);

  g_signal_connect (row->action_combo, "changed", G_CALLBACK (action_changed_cb), row);
  g_signal_connect (row->volume_entry, "changed", G_CALLBACK (volume_changed_cb), row);
  gtk_widget_show_all (box);
  gtk_list_box_insert (self->disks_list, box, -1);
}

static void
prepared_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(VdCloneDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  VdCloneSpec *spec = vd_domain_clone_prepare_finish (VD_DOMAIN (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      gtk_widget_in_destruction (GTK_WIDGET (self)) || self->rows == NULL)
    {
      g_clear_pointer (&spec, vd_clone_spec_free);
      return;
    }

  gtk_widget_hide (self->loading_box);
  if (spec == NULL)
    {
      set_message (self->failure_label, error->message);
      return;
    }

  self->spec = spec;
  gtk_entry_set_text (self->name_entry, spec->name);
  for (guint i = 0; i < spec->disks->len; i++)
    add_row (self, i);
  if (spec->n_interfaces > 0)
    {
      g_autofree char *note =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "The new guest’s network interface gets a new MAC "
                                      "address, generated by libvirt.",
                                      "The new guest’s %u network interfaces get new MAC "
                                      "addresses, generated by libvirt.", spec->n_interfaces),
                         spec->n_interfaces);
      set_message (self->nic_label, note);
    }
  g_signal_connect_swapped (self->name_entry, "changed", G_CALLBACK (name_changed_cb), self);
  gtk_widget_show (self->form_box);
  update_all (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
}

/* ------------------------------------------------------------------ */
/* Cloning                                                             */
/* ------------------------------------------------------------------ */

static void
progress_cb (guint       step,
             guint       n_steps,
             const char *description,
             gpointer    user_data)
{
  VdCloneDialog *self = user_data;

  if (gtk_widget_in_destruction (GTK_WIDGET (self)) || self->rows == NULL || self->cancelling)
    return;
  gtk_progress_bar_set_fraction (self->progress_bar, n_steps ? (double)step / n_steps : 0);
  gtk_label_set_text (self->progress_label, description);
}

static void
cloned_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(VdCloneDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = vd_domain_clone_finish (VD_DOMAIN (object), result, &error);

  if (gtk_widget_in_destruction (GTK_WIDGET (self)) || self->rows == NULL)
    return;

  self->running = FALSE;
  if (uuid != NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Done, or cancelled and taken back: nothing left to show. */
      gtk_widget_destroy (GTK_WIDGET (self));
      return;
    }

  gtk_spinner_stop (self->progress_spinner);
  gtk_widget_hide (self->progress_box);
  set_message (self->failure_label, error->message);
  update_all (self);
}

static void
start_clone (VdCloneDialog *self)
{
  self->running = TRUE;
  set_message (self->failure_label, NULL);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_label_set_text (self->progress_label, _("Starting…"));
  gtk_widget_show (self->progress_box);
  gtk_spinner_start (self->progress_spinner);
  update_all (self);
  vd_domain_clone_async (self->domain, self->spec, progress_cb, g_object_ref (self),
                         g_object_unref, self->cancellable, cloned_cb, g_object_ref (self));
}

static void
vd_clone_dialog_response (GtkDialog *dialog,
                          int        response)
{
  VdCloneDialog *self = VD_CLONE_DIALOG (dialog);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      if (!self->running && gtk_widget_get_sensitive (self->clone_button))
        start_clone (self);
      return;
    }

  if (self->running)
    {
      /* The worker stops after the step it is in and deletes its copies;
       * the dialog closes when it has. */
      self->cancelling = TRUE;
      g_cancellable_cancel (self->cancellable);
      gtk_label_set_text (self->progress_label,
                          _("Cancelling: the copy under way ends first, then the new volumes "
                            "are deleted…"));
      update_all (self);
      return;
    }

  gtk_widget_destroy (GTK_WIDGET (self));
}

static gboolean
vd_clone_dialog_delete_event (GtkWidget   *widget,
                              GdkEventAny *event)
{
  gtk_dialog_response (GTK_DIALOG (widget), GTK_RESPONSE_CANCEL);
  return GDK_EVENT_STOP;
}

/* ------------------------------------------------------------------ */
/* Class                                                               */
/* ------------------------------------------------------------------ */

static void
vd_clone_dialog_dispose (GObject *object)
{
  VdCloneDialog *self = VD_CLONE_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (vd_clone_dialog_parent_class)->dispose (object);
}

static void
vd_clone_dialog_finalize (GObject *object)
{
  VdCloneDialog *self = VD_CLONE_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->domain);
  g_clear_pointer (&self->spec, vd_clone_spec_free);

  G_OBJECT_CLASS (vd_clone_dialog_parent_class)->finalize (object);
}

static void
vd_clone_dialog_class_init (VdCloneDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkDialogClass *dialog_class = GTK_DIALOG_CLASS (klass);

  object_class->dispose = vd_clone_dialog_dispose;
  object_class->finalize = vd_clone_dialog_finalize;
  widget_class->delete_event = vd_clone_dialog_delete_event;
  dialog_class->response = vd_clone_dialog_response;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/virtdesk/VirtDesk/dialogs/vd-clone-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, VdCloneDialog, title_label);
  gtk_widget_class_bind_template_child (widget_class, VdCloneDialog, refusal_label);
  gtk_widget_class_bind_template_child (widget_class, VdCloneDialog, loading_box);
  gtk_widget_class_bind_template_child (widget_class, VdCloneDialog, form_box);
  gtk_widget_class_bind_template_child (widget_class, VdCloneDialog, name_entry);
  gtk_widget_class_bind_template_child (widget_class, VdCloneDialog, name_error_label);
  gtk_widget_class_bind_template_child (widget_class, VdCloneDialog, disks_list);
  gtk_widget_class_bind_template_child (widget_class, VdCloneDialog, nic_label);
  gtk_widget_class_bind_template_child (widget_class, VdCloneDialog, progress_box);
  gtk_widget_class_bind_template_child (widget_class, VdCloneDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, VdCloneDialog, progress_spinner);
  gtk_widget_class_bind_template_child (widget_class, VdCloneDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, VdCloneDialog, failure_label);
  gtk_widget_class_bind_template_child (widget_class, VdCloneDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, VdCloneDialog, clone_button);
}

static void
vd_clone_dialog_init (VdCloneDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->rows = g_ptr_array_new_with_free_func (g_free);
  self->cancellable = g_cancellable_new ();
}

/**
 * vd_clone_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @domain: the guest to clone, in any state (a running one is explained)
 *
 * Returns: (transfer none): the dialog, shown; it destroys itself when
 *   answered or when the clone is done
 */
GtkWidget *
vd_clone_dialog_new (GtkWindow *parent,
                     VdDomain  *domain)
{
  VdCloneDialog *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (VD_IS_DOMAIN (domain), NULL);

  self = g_object_new (VD_TYPE_CLONE_DIALOG, "transient-for", parent,
                       "use-header-bar", FALSE, NULL);
  self->domain = g_object_ref (domain);

  title = g_strdup_printf (_("Clone “%s”"), vd_domain_get_name (domain));
  gtk_label_set_text (self->title_label, title);
  gtk_window_set_title (GTK_WINDOW (self), title);

  /* Pausing or shutting down the guest meanwhile makes Clone possible. */
  g_signal_connect_object (domain, "notify::state", G_CALLBACK (update_all), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (domain, "notify::busy", G_CALLBACK (update_all), self,
                           G_CONNECT_SWAPPED);
  vd_domain_clone_prepare_async (domain, self->cancellable, prepared_cb, g_object_ref (self));
  update_all (self);
  gtk_window_present (GTK_WINDOW (self));

  return GTK_WIDGET (self);
}

/**
 * vd_clone_dialog_get_loaded:
 *
 * Returns: whether the guest's configuration has been read (successfully
 *   or not)
 */
gboolean
vd_clone_dialog_get_loaded (VdCloneDialog *self)
{
  g_return_val_if_fail (VD_IS_CLONE_DIALOG (self), FALSE);

  return !gtk_widget_get_visible (self->loading_box);
}
