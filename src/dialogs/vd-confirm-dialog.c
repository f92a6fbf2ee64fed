/* vd-confirm-dialog.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-confirm-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-confirm-dialog.h"

/*
 * Asks before a destructive action, naming every guest it affects and what
 * is lost. "Don't ask me again" turns the confirmation's GSettings key off
 * (the Preferences dialog turns it back on). Shown with
 * gtk_window_present() and answered through "response": never run.
 */

struct _VdConfirmDialog
{
  GtkDialog        parent_instance;

  /* Template widgets */
  GtkLabel        *title_label;
  GtkLabel        *message_label;
  GtkLabel        *items_label;
  GtkCheckButton  *dont_ask_check;
  GtkButton       *accept_button;

  /* Owned references */
  GSettings       *settings;
  char            *settings_key;
};

G_DEFINE_FINAL_TYPE (VdConfirmDialog, vd_confirm_dialog, GTK_TYPE_DIALOG)

/* Connected first in init, so it runs before the caller's handler, which
 * usually destroys the dialog. */
static void
response_cb (VdConfirmDialog *self,
             int              response)
{
  if (response == GTK_RESPONSE_ACCEPT && self->settings != NULL && self->settings_key != NULL &&
      vd_confirm_dialog_get_dont_ask (self))
    g_settings_set_boolean (self->settings, self->settings_key, FALSE);
}

static void
vd_confirm_dialog_finalize (GObject *object)
{
  VdConfirmDialog *self = (VdConfirmDialog *)object;

  g_clear_object (&self->settings);
  g_clear_pointer (&self->settings_key, g_free);

  G_OBJECT_CLASS (vd_confirm_dialog_parent_class)->finalize (object);
}

static void
vd_confirm_dialog_class_init (VdConfirmDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = vd_confirm_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/dialogs/vd-confirm-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, VdConfirmDialog, title_label);
  gtk_widget_class_bind_template_child (widget_class, VdConfirmDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, VdConfirmDialog, items_label);
  gtk_widget_class_bind_template_child (widget_class, VdConfirmDialog, dont_ask_check);
  gtk_widget_class_bind_template_child (widget_class, VdConfirmDialog, accept_button);
}

static void
vd_confirm_dialog_init (VdConfirmDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "response", G_CALLBACK (response_cb), NULL);
}

/**
 * vd_confirm_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @items: (array zero-terminated=1): what is affected (guest names)
 * @accept_label: the destructive button's label, with a mnemonic
 * @settings: (nullable): where @settings_key lives
 * @settings_key: (nullable): the "confirm-…" key "Don't ask me again"
 *   turns off; without it the check box is hidden
 */
GtkWidget *
vd_confirm_dialog_new (GtkWindow          *parent,
                       const char         *title,
                       const char         *message,
                       const char * const *items,
                       const char         *accept_label,
                       GSettings          *settings,
                       const char         *settings_key)
{
  VdConfirmDialog *self;
  g_autoptr(GString) list = g_string_new (NULL);
  GtkWidget *scrolled;

  g_return_val_if_fail (title != NULL, NULL);
  g_return_val_if_fail (accept_label != NULL, NULL);

  self = g_object_new (VD_TYPE_CONFIRM_DIALOG, "transient-for", parent, NULL);

  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->message_label, message);
  gtk_button_set_label (self->accept_button, accept_label);

  for (guint i = 0; items != NULL && items[i] != NULL; i++)
    g_string_append_printf (list, "%s%s", i > 0 ? "\n" : "", items[i]);
  gtk_label_set_text (self->items_label, list->str);
  /* The list's scrolled window (label → viewport → scrolled window). */
  scrolled = gtk_widget_get_parent (gtk_widget_get_parent (GTK_WIDGET (self->items_label)));
  gtk_widget_set_visible (scrolled, list->len > 0);

  g_set_object (&self->settings, settings);
  self->settings_key = g_strdup (settings_key);
  gtk_widget_set_visible (GTK_WIDGET (self->dont_ask_check),
                          settings != NULL && settings_key != NULL);

  return GTK_WIDGET (self);
}

gboolean
vd_confirm_dialog_get_dont_ask (VdConfirmDialog *self)
{
  g_return_val_if_fail (VD_IS_CONFIRM_DIALOG (self), FALSE);

  return gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->dont_ask_check));
}
