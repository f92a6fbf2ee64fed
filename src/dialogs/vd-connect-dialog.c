/* vd-connect-dialog.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-connect-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-connect-dialog.h"
#include "vd-uri.h"

/*
 * File → Add Connection. The URI is built from the fields on every change
 * and shown live; a field that is wrong says why right under it, and
 * Connect stays off until everything is right.
 */

struct _VdConnectDialog
{
  GtkDialog        parent_instance;

  /* Template widgets */
  GtkComboBoxText *hypervisor_combo;
  GtkWidget       *custom_box;
  GtkEntry        *custom_entry;
  GtkLabel        *custom_error;
  GtkCheckButton  *remote_check;
  GtkWidget       *remote_grid;
  GtkComboBoxText *method_combo;
  GtkEntry        *user_entry;
  GtkLabel        *user_error;
  GtkEntry        *host_entry;
  GtkLabel        *host_error;
  GtkEntry        *port_entry;
  GtkLabel        *port_error;
  GtkCheckButton  *autoconnect_check;
  GtkLabel        *uri_label;

  char            *uri;     /* NULL while something is invalid */
};

G_DEFINE_FINAL_TYPE (VdConnectDialog, vd_connect_dialog, GTK_TYPE_DIALOG)

/* Shows @error under its field (or hides the message) and marks the
 * entry. Returns whether the field is fine. */
static gboolean
show_field_error (GtkEntry     *entry,
                  GtkLabel     *label,
                  const GError *error)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (entry));

  gtk_label_set_text (label, error ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), error != NULL);

  if (error != NULL)
    gtk_style_context_add_class (context, "error");
  else
    gtk_style_context_remove_class (context, "error");

  return error == NULL;
}

static void
update (VdConnectDialog *self)
{
  VdHypervisor hypervisor = gtk_combo_box_get_active (GTK_COMBO_BOX (self->hypervisor_combo));
  VdTransport transport = gtk_combo_box_get_active (GTK_COMBO_BOX (self->method_combo));
  gboolean custom = hypervisor == VD_HYPERVISOR_CUSTOM;
  gboolean remote = !custom &&
                    gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->remote_check));
  g_autoptr(GError) custom_error = NULL;
  g_autoptr(GError) user_error = NULL;
  g_autoptr(GError) host_error = NULL;
  g_autoptr(GError) port_error = NULL;
  g_autofree char *placeholder = NULL;
  gboolean valid = TRUE;
  guint port = 0;

  gtk_widget_set_visible (self->custom_box, custom);
  gtk_widget_set_sensitive (GTK_WIDGET (self->remote_check), !custom);
  gtk_widget_set_sensitive (self->remote_grid, remote);

  /* translators: the port used when the field is left empty */
  placeholder = g_strdup_printf (_("Default (%u)"), vd_uri_default_port (transport));
  gtk_entry_set_placeholder_text (self->port_entry, placeholder);

  if (custom)
    valid &= show_field_error (self->custom_entry, self->custom_error,
                               vd_uri_validate (gtk_entry_get_text (self->custom_entry),
                                                &custom_error) ? NULL : custom_error);
  else
    show_field_error (self->custom_entry, self->custom_error, NULL);

  if (remote)
    {
      vd_uri_validate_user (gtk_entry_get_text (self->user_entry), &user_error);
      vd_uri_validate_host (gtk_entry_get_text (self->host_entry), &host_error);
      vd_uri_validate_port (gtk_entry_get_text (self->port_entry), &port, &port_error);
    }
  valid &= show_field_error (self->user_entry, self->user_error, user_error);
  valid &= show_field_error (self->host_entry, self->host_error, host_error);
  valid &= show_field_error (self->port_entry, self->port_error, port_error);

  g_clear_pointer (&self->uri, g_free);
  if (valid)
    self->uri = vd_uri_build (hypervisor, remote, transport,
                              gtk_entry_get_text (self->user_entry),
                              gtk_entry_get_text (self->host_entry),
                              port, gtk_entry_get_text (self->custom_entry), NULL);

  gtk_label_set_text (self->uri_label, self->uri != NULL ? self->uri : "—");
  gtk_dialog_set_response_sensitive (GTK_DIALOG (self), GTK_RESPONSE_OK, self->uri != NULL);
}

static void
changed_cb (VdConnectDialog *self)
{
  update (self);
}

static void
vd_connect_dialog_finalize (GObject *object)
{
  VdConnectDialog *self = (VdConnectDialog *)object;

  g_clear_pointer (&self->uri, g_free);

  G_OBJECT_CLASS (vd_connect_dialog_parent_class)->finalize (object);
}

static void
vd_connect_dialog_class_init (VdConnectDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = vd_connect_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/dialogs/vd-connect-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, VdConnectDialog, hypervisor_combo);
  gtk_widget_class_bind_template_child (widget_class, VdConnectDialog, custom_box);
  gtk_widget_class_bind_template_child (widget_class, VdConnectDialog, custom_entry);
  gtk_widget_class_bind_template_child (widget_class, VdConnectDialog, custom_error);
  gtk_widget_class_bind_template_child (widget_class, VdConnectDialog, remote_check);
  gtk_widget_class_bind_template_child (widget_class, VdConnectDialog, remote_grid);
  gtk_widget_class_bind_template_child (widget_class, VdConnectDialog, method_combo);
  gtk_widget_class_bind_template_child (widget_class, VdConnectDialog, user_entry);
  gtk_widget_class_bind_template_child (widget_class, VdConnectDialog, user_error);
  gtk_widget_class_bind_template_child (widget_class, VdConnectDialog, host_entry);
  gtk_widget_class_bind_template_child (widget_class, VdConnectDialog, host_error);
  gtk_widget_class_bind_template_child (widget_class, VdConnectDialog, port_entry);
  gtk_widget_class_bind_template_child (widget_class, VdConnectDialog, port_error);
  gtk_widget_class_bind_template_child (widget_class, VdConnectDialog, autoconnect_check);
  gtk_widget_class_bind_template_child (widget_class, VdConnectDialog, uri_label);
  gtk_widget_class_bind_template_callback (widget_class, changed_cb);
}

static void
vd_connect_dialog_init (VdConnectDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_dialog_set_default_response (GTK_DIALOG (self), GTK_RESPONSE_OK);
  update (self);
}

GtkWidget *
vd_connect_dialog_new (GtkWindow *parent)
{
  return g_object_new (VD_TYPE_CONNECT_DIALOG, "transient-for", parent, NULL);
}

/**
 * vd_connect_dialog_dup_uri:
 *
 * Returns: (transfer full) (nullable): the URI the fields describe, or
 *   %NULL while any of them is invalid
 */
char *
vd_connect_dialog_dup_uri (VdConnectDialog *self)
{
  g_return_val_if_fail (VD_IS_CONNECT_DIALOG (self), NULL);

  return g_strdup (self->uri);
}

gboolean
vd_connect_dialog_get_autoconnect (VdConnectDialog *self)
{
  g_return_val_if_fail (VD_IS_CONNECT_DIALOG (self), FALSE);

  return gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->autoconnect_check));
}
