/* vd-auth-dialog.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-auth-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-auth-dialog.h"

/*
 * Asks the questions libvirt has while a connection opens (user name,
 * password, passphrase): one row per field of the VdCredentialRequest.
 * Not modal and never run: the connection's worker waits, the window stays
 * responsive, and the answer goes back from the response handler. Closing
 * or Cancel cancels the request; a request finished from the other side
 * (the attempt was abandoned) closes the dialog. Answers are never logged
 * and the entries are cleared when the dialog goes.
 */

struct _VdAuthDialog
{
  GtkDialog            parent_instance;

  /* Template widgets */
  GtkLabel            *uri_label;
  GtkGrid             *fields_grid;

  /* Owned references */
  VdCredentialRequest *request;
  GPtrArray           *entries;    /* GtkEntry per field, borrowed */
  gulong               finished_id;
};

G_DEFINE_FINAL_TYPE (VdAuthDialog, vd_auth_dialog, GTK_TYPE_DIALOG)

static void
clear_entries (VdAuthDialog *self)
{
  for (guint i = 0; self->entries != NULL && i < self->entries->len; i++)
    gtk_entry_set_text (g_ptr_array_index (self->entries, i), "");
}

static void
request_finished_cb (VdCredentialRequest *request,
                     gboolean             answered,
                     VdAuthDialog        *self)
{
  /* Answered here, or given up by the connection: either way, done. */
  clear_entries (self);
  gtk_widget_destroy (GTK_WIDGET (self));
}

static void
vd_auth_dialog_response (GtkDialog *dialog,
                         int        response)
{
  VdAuthDialog *self = VD_AUTH_DIALOG (dialog);

  if (self->request == NULL || vd_credential_request_is_finished (self->request))
    return;

  if (response == GTK_RESPONSE_OK)
    {
      for (guint i = 0; i < self->entries->len; i++)
        vd_credential_request_set_answer (self->request, i,
                                          gtk_entry_get_text (g_ptr_array_index (self->entries, i)));
      vd_credential_request_reply (self->request);
    }
  else
    {
      vd_credential_request_cancel (self->request);
    }
  /* "finished" destroys the dialog. */
}

static void
entry_activate_cb (GtkEntry     *entry,
                   VdAuthDialog *self)
{
  guint index;

  /* Enter moves to the next field, and answers on the last one. */
  if (g_ptr_array_find (self->entries, entry, &index) && index + 1 < self->entries->len)
    gtk_widget_grab_focus (g_ptr_array_index (self->entries, index + 1));
  else
    gtk_dialog_response (GTK_DIALOG (self), GTK_RESPONSE_OK);
}

static void
vd_auth_dialog_dispose (GObject *object)
{
  VdAuthDialog *self = (VdAuthDialog *)object;

  clear_entries (self);
  g_clear_pointer (&self->entries, g_ptr_array_unref);

  if (self->request != NULL)
    {
      g_clear_signal_handler (&self->finished_id, self->request);
      /* Closed without an answer: the worker must not wait forever. */
      if (!vd_credential_request_is_finished (self->request))
        vd_credential_request_cancel (self->request);
      g_clear_object (&self->request);
    }

  G_OBJECT_CLASS (vd_auth_dialog_parent_class)->dispose (object);
}

static void
vd_auth_dialog_class_init (VdAuthDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkDialogClass *dialog_class = GTK_DIALOG_CLASS (klass);

  object_class->dispose = vd_auth_dialog_dispose;
  dialog_class->response = vd_auth_dialog_response;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/dialogs/vd-auth-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, VdAuthDialog, uri_label);
  gtk_widget_class_bind_template_child (widget_class, VdAuthDialog, fields_grid);
}

static void
vd_auth_dialog_init (VdAuthDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->entries = g_ptr_array_new ();
}

static void
add_field (VdAuthDialog *self,
           guint         index)
{
  VdCredentialKind kind = vd_credential_request_get_kind (self->request, index);
  const char *prompt = vd_credential_request_get_prompt (self->request, index);
  const char *default_value = vd_credential_request_get_default (self->request, index);
  g_autofree char *text = NULL;
  GtkWidget *label;
  GtkWidget *entry;

  /* translators: a question libvirt asks, e.g. "Password", followed by the field */
  text = g_strdup_printf (_("%s:"), prompt != NULL ? prompt : _("Answer"));

  entry = gtk_entry_new ();
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), FALSE);
  g_signal_connect_object (entry, "activate", G_CALLBACK (entry_activate_cb), self, 0);
  atk_object_set_name (gtk_widget_get_accessible (entry), prompt != NULL ? prompt : _("Answer"));

  switch (kind)
    {
    case VD_CREDENTIAL_PASSWORD:
    case VD_CREDENTIAL_SECRET_PROMPT:
      gtk_entry_set_visibility (GTK_ENTRY (entry), FALSE);
      gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_PASSWORD);
      break;
    case VD_CREDENTIAL_USERNAME:
    case VD_CREDENTIAL_ECHO_PROMPT:
    default:
      if (default_value != NULL)
        gtk_entry_set_text (GTK_ENTRY (entry), default_value);
      break;
    }

  label = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
  gtk_style_context_add_class (gtk_widget_get_style_context (label), "dim-label");

  gtk_grid_attach (self->fields_grid, label, 0, index, 1, 1);
  gtk_grid_attach (self->fields_grid, entry, 1, index, 1, 1);
  gtk_widget_show (label);
  gtk_widget_show (entry);

  g_ptr_array_add (self->entries, entry);
}

/**
 * vd_auth_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @request: what libvirt asks
 */
GtkWidget *
vd_auth_dialog_new (GtkWindow           *parent,
                    VdCredentialRequest *request)
{
  VdAuthDialog *self;
  guint n;

  g_return_val_if_fail (VD_IS_CREDENTIAL_REQUEST (request), NULL);

  self = g_object_new (VD_TYPE_AUTH_DIALOG, "transient-for", parent, NULL);
  self->request = g_object_ref (request);
  gtk_label_set_text (self->uri_label, vd_credential_request_get_uri (request));

  n = vd_credential_request_get_n_fields (request);
  for (guint i = 0; i < n; i++)
    add_field (self, i);

  /* Start at the first empty field. */
  for (guint i = 0; i < n; i++)
    {
      GtkEntry *entry = g_ptr_array_index (self->entries, i);

      if (gtk_entry_get_text_length (entry) == 0)
        {
          gtk_widget_grab_focus (GTK_WIDGET (entry));
          break;
        }
    }

  self->finished_id = g_signal_connect (request, "finished", G_CALLBACK (request_finished_cb), self);

  return GTK_WIDGET (self);
}

/**
 * vd_auth_dialog_get_request:
 *
 * Returns: (transfer none): the request the dialog answers
 */
VdCredentialRequest *
vd_auth_dialog_get_request (VdAuthDialog *self)
{
  g_return_val_if_fail (VD_IS_AUTH_DIALOG (self), NULL);

  return self->request;
}
