/* vd-snapshots-page-actions.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-snapshots-page"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-confirm-dialog.h"
#include "vd-snapshots-page-private.h"

/*
 * The Snapshots tab's snapshots.* actions: Create… (the popover) and its
 * Create, Revert… and Delete… (asking first unless Preferences says not
 * to), Apply of the description. Each runs one core operation, then
 * reads the list again (vd_snapshots_page_refresh()).
 */

/* ------------------------------------------------------------------ */
/* Operations                                                          */
/* ------------------------------------------------------------------ */

typedef gboolean (*OpFinish) (VdDomain *, GAsyncResult *, GError **);

typedef struct
{
  VdSnapshotsPage *self;
  OpFinish         finish;
  char            *select;   /* the snapshot to select afterwards */
} OpCall;

static void
op_done_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  OpCall *call = user_data;
  g_autoptr(VdSnapshotsPage) self = call->self;
  g_autoptr(GError) error = NULL;
  gboolean ok = call->finish (VD_DOMAIN (object), result, &error);

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      self->running--;
      /* The core's message names the snapshot and the guest and carries
       * libvirt's. */
      if (!ok)
        _vd_snapshots_page_show_error (self, error->message);
      if (call->select != NULL)
        {
          g_free (self->select_after);
          self->select_after = g_steal_pointer (&call->select);
        }
      vd_snapshots_page_refresh (self);
    }

  g_free (call->select);
  g_free (call);
}

static gpointer
begin_op (VdSnapshotsPage *self,
          OpFinish         finish,
          const char      *select)
{
  OpCall *call = g_new0 (OpCall, 1);

  call->self = g_object_ref (self);
  call->finish = finish;
  call->select = g_strdup (select);
  self->running++;
  gtk_info_bar_set_revealed (self->error_bar, FALSE);
  _vd_snapshots_page_update_actions (self);

  return call;
}

static void
action_create_cb (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  VdSnapshotsPage *self = user_data;
  g_autofree char *name = vd_snapshot_suggest_name (NULL);

  gtk_button_set_label (GTK_BUTTON (self->internal_radio),
                        self->list->running
                          ? _("_Memory and disks, inside the qcow2 images (internal)")
                          : _("_Disks, inside the qcow2 images (internal)"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->internal_radio), self->list->internal_ok);
  gtk_label_set_text (self->internal_reason_label,
                      self->list->internal_reason != NULL ? self->list->internal_reason : "");
  gtk_widget_set_visible (GTK_WIDGET (self->internal_reason_label), !self->list->internal_ok);
  gtk_widget_set_sensitive (GTK_WIDGET (self->disk_only_radio), self->list->disk_only_ok);
  gtk_label_set_text (self->disk_only_reason_label,
                      self->list->disk_only_reason != NULL ? self->list->disk_only_reason : "");
  gtk_widget_set_visible (GTK_WIDGET (self->disk_only_reason_label), !self->list->disk_only_ok);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->list->internal_ok ? self->internal_radio
                                                                           : self->disk_only_radio),
                                TRUE);

  gtk_entry_set_text (self->new_description_entry, "");
  gtk_entry_set_text (self->name_entry, name);
  gtk_popover_popup (self->create_popover);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_entry));
  _vd_snapshots_page_update_actions (self);
}

VdSnapshotMode
_vd_snapshots_page_chosen_mode (VdSnapshotsPage *self)
{
  return gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->disk_only_radio))
    ? VD_SNAPSHOT_MODE_DISK_ONLY : VD_SNAPSHOT_MODE_INTERNAL;
}

static void
action_create_confirm_cb (GSimpleAction *action,
                          GVariant      *param,
                          gpointer       user_data)
{
  VdSnapshotsPage *self = user_data;
  const char *name = gtk_entry_get_text (self->name_entry);

  vd_domain_create_snapshot_async (self->domain, name,
                                   gtk_entry_get_text (self->new_description_entry),
                                   _vd_snapshots_page_chosen_mode (self), self->cancellable, op_done_cb,
                                   begin_op (self, vd_domain_create_snapshot_finish, name));
  gtk_popover_popdown (self->create_popover);
}

typedef struct
{
  VdSnapshotsPage *self;
  char            *name;
  gboolean         revert;
  gboolean         with_children;
} Pending;

static void
run_pending (Pending *pending)
{
  VdSnapshotsPage *self = pending->self;

  if (pending->revert)
    vd_domain_revert_snapshot_async (self->domain, pending->name, self->cancellable, op_done_cb,
                                     begin_op (self, vd_domain_revert_snapshot_finish,
                                               pending->name));
  else
    vd_domain_delete_snapshot_async (self->domain, pending->name, pending->with_children,
                                     self->cancellable, op_done_cb,
                                     begin_op (self, vd_domain_delete_snapshot_finish, NULL));
}

static void
pending_free (Pending *pending)
{
  g_object_unref (pending->self);
  g_free (pending->name);
  g_free (pending);
}

static void
confirm_response_cb (GtkDialog *dialog,
                     int        response,
                     Pending   *pending)
{
  if (response == GTK_RESPONSE_ACCEPT && pending->self->domain != NULL &&
      !gtk_widget_in_destruction (GTK_WIDGET (pending->self)))
    run_pending (pending);

  gtk_widget_destroy (GTK_WIDGET (dialog));
  pending_free (pending);
}

static void
confirm_and_run (VdSnapshotsPage    *self,
                 Pending            *pending,
                 const char         *key,
                 const char         *title,
                 const char         *message,
                 const char * const *items,
                 const char         *accept)
{
  GtkWidget *toplevel = gtk_widget_get_toplevel (GTK_WIDGET (self));
  GtkWidget *dialog;

  if (self->settings != NULL && !g_settings_get_boolean (self->settings, key))
    {
      run_pending (pending);
      pending_free (pending);
      return;
    }

  dialog = vd_confirm_dialog_new (GTK_IS_WINDOW (toplevel) ? GTK_WINDOW (toplevel) : NULL,
                                  title, message, items, accept, self->settings, key);
  g_signal_connect (dialog, "response", G_CALLBACK (confirm_response_cb), pending);
  gtk_window_present (GTK_WINDOW (dialog));
}

static Pending *
pending_new (VdSnapshotsPage *self,
             VdSnapshot      *snapshot)
{
  Pending *pending = g_new0 (Pending, 1);

  pending->self = g_object_ref (self);
  pending->name = g_strdup (vd_snapshot_get_name (snapshot));

  return pending;
}

static void
action_revert_cb (GSimpleAction *action,
                  GVariant      *param,
                  gpointer       user_data)
{
  VdSnapshotsPage *self = user_data;
  VdSnapshot *snapshot = _vd_snapshots_page_get_selected (self);
  const char *name = vd_snapshot_get_name (snapshot);
  Pending *pending = pending_new (self, snapshot);
  g_autofree char *title = NULL;
  g_autofree char *lost = NULL;
  g_autofree char *message = NULL;

  pending->revert = TRUE;
  title = g_strdup_printf (_("Revert “%s” to snapshot “%s”?"),
                           vd_domain_get_name (self->domain), name);
  lost = g_strdup_printf (_("The guest’s current state and every change since “%s” will be "
                            "lost."), name);
  if (vd_domain_get_active (self->domain))
    message = g_strconcat (lost, " ", _("So will any unsaved work in the running guest."), NULL);
  else
    message = g_steal_pointer (&lost);

  /* The title and the message name the guest and the snapshot: no list
   * under them (the snapshot's name alone there read as what is lost). */
  /* translators: button of the question before reverting to a snapshot */
  confirm_and_run (self, pending, "confirm-revert-snapshot", title, message, NULL,
                   _("_Revert"));
}

static void
delete_selected (VdSnapshotsPage *self,
                 gboolean         with_children)
{
  VdSnapshot *snapshot = _vd_snapshots_page_get_selected (self);
  const char *name = vd_snapshot_get_name (snapshot);
  Pending *pending = pending_new (self, snapshot);
  g_autoptr(GPtrArray) items = g_ptr_array_new ();
  g_autofree char *title = NULL;
  g_autofree char *message = NULL;

  pending->with_children = with_children;
  g_ptr_array_add (items, (gpointer)name);
  if (with_children)
    {
      guint count = vd_snapshot_list_count_descendants (self->list, name);

      /* The list is in tree order: its descendants follow it. */
      for (guint i = 0; i < self->list->snapshots->len; i++)
        {
          VdSnapshot *other = g_ptr_array_index (self->list->snapshots, i);
          const char *parent = vd_snapshot_get_parent_name (other);

          for (guint j = 0; parent != NULL && j < items->len; j++)
            if (g_strcmp0 (parent, g_ptr_array_index (items, j)) == 0)
              {
                g_ptr_array_add (items, (gpointer)vd_snapshot_get_name (other));
                break;
              }
        }
      title = g_strdup_printf (_("Delete snapshot “%s” and its children?"), name);
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "“%s” and the %u snapshot that descends from it "
                                              "will be deleted. The guest itself stays as it is.",
                                              "“%s” and the %u snapshots that descend from it "
                                              "will be deleted. The guest itself stays as it is.",
                                              count),
                                 name, count);
    }
  else
    {
      title = g_strdup_printf (_("Delete snapshot “%s”?"), name);
      message = g_strdup (_("The state saved in this snapshot will be deleted. The guest itself "
                            "and the other snapshots stay as they are."));
    }
  g_ptr_array_add (items, NULL);

  confirm_and_run (self, pending, "confirm-delete", title, message,
                   (const char * const *)items->pdata, _("_Delete"));
}

static void
action_delete_one_cb (GSimpleAction *action,
                      GVariant      *param,
                      gpointer       user_data)
{
  delete_selected (user_data, FALSE);
}

static void
action_delete_children_cb (GSimpleAction *action,
                           GVariant      *param,
                           gpointer       user_data)
{
  delete_selected (user_data, TRUE);
}

static void
action_apply_description_cb (GSimpleAction *action,
                             GVariant      *param,
                             gpointer       user_data)
{
  VdSnapshotsPage *self = user_data;
  VdSnapshot *snapshot = _vd_snapshots_page_get_selected (self);
  g_autofree char *text = _vd_snapshots_page_get_description_text (self);
  const char *name = vd_snapshot_get_name (snapshot);

  vd_domain_set_snapshot_description_async (self->domain, name, text, self->cancellable,
                                            op_done_cb,
                                            begin_op (self,
                                                      vd_domain_set_snapshot_description_finish,
                                                      name));
}

static const GActionEntry page_actions[] = {
  { "create", action_create_cb },
  { "create-confirm", action_create_confirm_cb },
  { "revert", action_revert_cb },
  { "delete-one", action_delete_one_cb },
  { "delete-children", action_delete_children_cb },
  { "apply-description", action_apply_description_cb },
};

void
_vd_snapshots_page_add_actions (VdSnapshotsPage *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), page_actions,
                                   G_N_ELEMENTS (page_actions), self);
}
