/* vd-preferences-dialog.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-preferences-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-preferences-dialog.h"

/*
 * Preferences: every control is bound to its GSettings key, so changes
 * apply at once and there is nothing to save or cancel.
 */

struct _VdPreferencesDialog
{
  GtkDialog      parent_instance;

  /* Template widgets */
  GtkSwitch     *confirm_force_off_switch;
  GtkSwitch     *confirm_reset_switch;
  GtkSwitch     *confirm_delete_switch;
  GtkSpinButton *interval_spin;

  /* Owned references */
  GSettings     *settings;
};

G_DEFINE_FINAL_TYPE (VdPreferencesDialog, vd_preferences_dialog, GTK_TYPE_DIALOG)

static void
vd_preferences_dialog_dispose (GObject *object)
{
  VdPreferencesDialog *self = (VdPreferencesDialog *)object;

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (vd_preferences_dialog_parent_class)->dispose (object);
}

static void
vd_preferences_dialog_class_init (VdPreferencesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vd_preferences_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/dialogs/vd-preferences-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, VdPreferencesDialog,
                                        confirm_force_off_switch);
  gtk_widget_class_bind_template_child (widget_class, VdPreferencesDialog, confirm_reset_switch);
  gtk_widget_class_bind_template_child (widget_class, VdPreferencesDialog, confirm_delete_switch);
  gtk_widget_class_bind_template_child (widget_class, VdPreferencesDialog, interval_spin);
}

static void
vd_preferences_dialog_init (VdPreferencesDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * vd_preferences_dialog_new:
 * @settings: the application's settings (schema io.github.virtdesk.VirtDesk)
 */
GtkWidget *
vd_preferences_dialog_new (GtkWindow *parent,
                           GSettings *settings)
{
  VdPreferencesDialog *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (VD_TYPE_PREFERENCES_DIALOG,
                       "transient-for", parent,
                       "use-header-bar", TRUE,
                       NULL);
  self->settings = g_object_ref (settings);

  g_settings_bind (settings, "confirm-force-off", self->confirm_force_off_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "confirm-reset", self->confirm_reset_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "confirm-delete", self->confirm_delete_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "stats-interval", self->interval_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);

  return GTK_WIDGET (self);
}
