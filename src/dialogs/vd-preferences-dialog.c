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
 * apply at once and there is nothing to save or cancel. The one typed
 * value, the keys that release a console grab, is checked as typed: an
 * invalid combination says why next to the field and is never written. A
 * valid one is written when confirmed (Enter, leaving the field, closing
 * the dialog), not on each keystroke: "<Control>" on the way to
 * "<Control><Alt>g" is valid too and must not be stored. Its binding
 * therefore goes through a second, delay-apply GSettings on the same
 * schema and backend.
 */

struct _VdPreferencesDialog
{
  GtkDialog      parent_instance;

  /* Template widgets */
  GtkSwitch     *confirm_force_off_switch;
  GtkSwitch     *confirm_reset_switch;
  GtkSwitch     *confirm_delete_switch;
  GtkSwitch     *confirm_revert_snapshot_switch;
  GtkSpinButton *interval_spin;
  GtkSpinButton *history_spin;
  GtkLabel      *history_hint;
  GtkSwitch     *collect_memory_switch;
  GtkSwitch     *collect_disk_switch;
  GtkSwitch     *collect_network_switch;
  GtkComboBox   *scaling_combo;
  GtkSwitch     *resize_guest_switch;
  GtkSwitch     *usb_auto_redirect_switch;
  GtkEntry      *grab_keys_entry;
  GtkLabel      *grab_keys_hint;
  GtkLabel      *grab_keys_error;

  /* Owned references */
  GSettings     *settings;
  GSettings     *grab_keys_settings;  /* delay-apply, for the release keys */
};

G_DEFINE_FINAL_TYPE (VdPreferencesDialog, vd_preferences_dialog, GTK_TYPE_DIALOG)

/* How long @seconds of history is, for the hint under the history length. */
static char *
format_duration (guint seconds)
{
  if (seconds < 120)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u second", "%u seconds", seconds),
                            seconds);

  if (seconds < 2 * 3600)
    {
      guint minutes = (seconds + 30) / 60;

      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u minute", "%u minutes", minutes),
                              minutes);
    }

  if (seconds % 3600 == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u hour", "%u hours", seconds / 3600),
                            seconds / 3600);

  /* translators: a length of time in hours with one decimal, such as “2.5 hours” */
  return g_strdup_printf (_("%.1f hours"), seconds / 3600.0);
}

static void
update_history_hint (VdPreferencesDialog *self)
{
  guint interval = g_settings_get_uint (self->settings, "stats-interval");
  guint samples = g_settings_get_uint (self->settings, "stats-history");
  g_autofree char *duration = format_duration (interval * samples);
  g_autofree char *hint = NULL;

  /* translators: %u is the statistics interval in seconds, %s a length of
   * time such as “5 minutes” */
  hint = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "At one sample every %u second, the graphs show the last %s.",
                                       "At one sample every %u seconds, the graphs show the last %s.",
                                       interval),
                          interval, duration);
  gtk_label_set_text (self->history_hint, hint);
}

/*
 * Checks a release-key combination in GTK accelerator syntax. Modifiers
 * alone ("<Control><Alt>", the default) are valid: the grab is released
 * when they are pressed together. A key needs at least one modifier, or
 * it could never be typed into the guest.
 */
static gboolean
check_grab_keys (const char  *text,
                 char       **label,
                 char       **error_message)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  GdkModifierType mods = 0;
  guint key = 0;
  guint open = 0;
  guint close = 0;

  *label = NULL;
  *error_message = NULL;

  if (trimmed[0] == '\0')
    {
      *error_message = g_strdup (_("Enter a key combination, such as <Control><Alt>."));
      return FALSE;
    }

  for (const char *p = trimmed; *p != '\0'; p++)
    {
      open += *p == '<';
      close += *p == '>';
    }

  gtk_accelerator_parse (trimmed, &key, &mods);

  /* GTK reads "<Control><Alt" as Ctrl alone: a bracket left open is a
   * typing error, not a shorter combination. */
  if ((key == 0 && mods == 0) || open != close)
    {
      *error_message =
        g_strdup (_("Not a key combination. Write modifiers in angle brackets, such as "
                    "<Control><Alt>, optionally followed by a key name, such as g."));
      return FALSE;
    }

  if (mods == 0)
    {
      *error_message = g_strdup (_("Add a modifier such as <Control>: a key on its own could "
                                   "no longer be typed into the guest."));
      return FALSE;
    }

  if (key != 0 && !gtk_accelerator_valid (key, mods))
    {
      *error_message = g_strdup (_("This key cannot be part of a shortcut. Choose another key, "
                                   "or use modifiers alone."));
      return FALSE;
    }

  *label = gtk_accelerator_get_label (key, mods);
  return TRUE;
}

static void
update_grab_keys_hint (VdPreferencesDialog *self)
{
  g_autofree char *stored = g_settings_get_string (self->settings, "console-grab-keys");
  g_autofree char *typed = g_strstrip (g_strdup (gtk_entry_get_text (self->grab_keys_entry)));
  g_autofree char *typed_label = NULL;
  g_autofree char *typed_error = NULL;
  g_autofree char *stored_label = NULL;
  g_autofree char *stored_error = NULL;
  g_autofree char *hint = NULL;

  if (g_strcmp0 (typed, stored) != 0 && check_grab_keys (typed, &typed_label, &typed_error))
    /* translators: %s is a key combination such as “Ctrl+Alt” */
    hint = g_strdup_printf (_("Press Enter to use %s."), typed_label);
  else if (check_grab_keys (stored, &stored_label, &stored_error))
    /* translators: %s is a key combination such as “Ctrl+Alt” */
    hint = g_strdup_printf (_("Press %s in a console to release the pointer and keyboard."),
                            stored_label);
  else
    hint = g_strdup (_("The stored combination is not valid: enter a new one."));

  gtk_label_set_text (self->grab_keys_hint, hint);
}

/* Writes what the field holds, if valid; see the comment at the top. */
static void
commit_grab_keys (VdPreferencesDialog *self)
{
  g_autofree char *label = NULL;
  g_autofree char *error_message = NULL;

  if (self->grab_keys_settings == NULL || !g_settings_get_has_unapplied (self->grab_keys_settings))
    return;

  /* The pending change is the last valid text; the field may have moved
   * on to an invalid one since, which is not to be confirmed. */
  if (check_grab_keys (gtk_entry_get_text (self->grab_keys_entry), &label, &error_message))
    g_settings_apply (self->grab_keys_settings);
}

static void
grab_keys_changed_cb (VdPreferencesDialog *self,
                      GtkEntry            *entry)
{
  GtkStyleContext *context = gtk_widget_get_style_context (GTK_WIDGET (entry));
  g_autofree char *label = NULL;
  g_autofree char *error_message = NULL;
  gboolean valid = check_grab_keys (gtk_entry_get_text (entry), &label, &error_message);

  /* The message in the normal text colour (Adwaita-dark's error red is
   * hard to read on its background); the entry's red frame and warning
   * icon mark the field. */
  gtk_label_set_text (self->grab_keys_error, valid ? "" : error_message);
  gtk_widget_set_visible (GTK_WIDGET (self->grab_keys_error), !valid);
  gtk_entry_set_icon_from_icon_name (entry, GTK_ENTRY_ICON_SECONDARY,
                                     valid ? NULL : "dialog-warning-symbolic");
  gtk_entry_set_icon_tooltip_text (entry, GTK_ENTRY_ICON_SECONDARY, valid ? NULL : error_message);
  if (valid)
    gtk_style_context_remove_class (context, GTK_STYLE_CLASS_ERROR);
  else
    gtk_style_context_add_class (context, GTK_STYLE_CLASS_ERROR);

  /* Screen readers hear the reason with the field. */
  atk_object_set_description (gtk_widget_get_accessible (GTK_WIDGET (entry)),
                              valid ? "" : error_message);

  if (self->settings != NULL)
    update_grab_keys_hint (self);
}

static void
grab_keys_activate_cb (VdPreferencesDialog *self,
                       GtkEntry            *entry)
{
  commit_grab_keys (self);
}

static gboolean
grab_keys_focus_out_cb (VdPreferencesDialog *self,
                        GdkEvent            *event,
                        GtkEntry            *entry)
{
  commit_grab_keys (self);

  return GDK_EVENT_PROPAGATE;
}

/* Entry → key: only a valid combination is written, as typed (trimmed). */
static GVariant *
grab_keys_set_mapping_cb (const GValue       *value,
                          const GVariantType *expected_type,
                          gpointer            user_data)
{
  const char *text = g_value_get_string (value);
  g_autofree char *label = NULL;
  g_autofree char *error_message = NULL;
  g_autofree char *trimmed = NULL;

  if (text == NULL || !check_grab_keys (text, &label, &error_message))
    return NULL;

  trimmed = g_strstrip (g_strdup (text));
  return g_variant_new_string (trimmed);
}

static gboolean
grab_keys_get_mapping_cb (GValue   *value,
                          GVariant *variant,
                          gpointer  user_data)
{
  GtkEntry *entry = user_data;
  g_autofree char *label = NULL;
  g_autofree char *error_message = NULL;
  const char *stored = g_variant_get_string (variant, NULL);
  const char *text = gtk_entry_get_text (entry);

  /* The key was written from this entry (trimmed): keep what is typed,
   * with the cursor where it is. */
  if (check_grab_keys (text, &label, &error_message))
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (text));

      if (g_strcmp0 (trimmed, stored) == 0)
        {
          g_value_set_string (value, text);
          return TRUE;
        }
    }

  g_value_set_string (value, stored);
  return TRUE;
}

static void
vd_preferences_dialog_unmap (GtkWidget *widget)
{
  commit_grab_keys (VD_PREFERENCES_DIALOG (widget));

  GTK_WIDGET_CLASS (vd_preferences_dialog_parent_class)->unmap (widget);
}

static void
vd_preferences_dialog_dispose (GObject *object)
{
  VdPreferencesDialog *self = (VdPreferencesDialog *)object;

  /* Closing confirms a valid combination still being edited. */
  commit_grab_keys (self);
  if (self->grab_keys_settings != NULL)
    g_settings_revert (self->grab_keys_settings);
  g_clear_object (&self->grab_keys_settings);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (vd_preferences_dialog_parent_class)->dispose (object);
}

static void
vd_preferences_dialog_class_init (VdPreferencesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vd_preferences_dialog_dispose;
  widget_class->unmap = vd_preferences_dialog_unmap;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/dialogs/vd-preferences-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, VdPreferencesDialog,
                                        confirm_force_off_switch);
  gtk_widget_class_bind_template_child (widget_class, VdPreferencesDialog, confirm_reset_switch);
  gtk_widget_class_bind_template_child (widget_class, VdPreferencesDialog, confirm_delete_switch);
  gtk_widget_class_bind_template_child (widget_class, VdPreferencesDialog,
                                        confirm_revert_snapshot_switch);
  gtk_widget_class_bind_template_child (widget_class, VdPreferencesDialog, interval_spin);
  gtk_widget_class_bind_template_child (widget_class, VdPreferencesDialog, history_spin);
  gtk_widget_class_bind_template_child (widget_class, VdPreferencesDialog, history_hint);
  gtk_widget_class_bind_template_child (widget_class, VdPreferencesDialog, collect_memory_switch);
  gtk_widget_class_bind_template_child (widget_class, VdPreferencesDialog, collect_disk_switch);
  gtk_widget_class_bind_template_child (widget_class, VdPreferencesDialog, collect_network_switch);
  gtk_widget_class_bind_template_child (widget_class, VdPreferencesDialog, scaling_combo);
  gtk_widget_class_bind_template_child (widget_class, VdPreferencesDialog, resize_guest_switch);
  gtk_widget_class_bind_template_child (widget_class, VdPreferencesDialog,
                                        usb_auto_redirect_switch);
  gtk_widget_class_bind_template_child (widget_class, VdPreferencesDialog, grab_keys_entry);
  gtk_widget_class_bind_template_child (widget_class, VdPreferencesDialog, grab_keys_hint);
  gtk_widget_class_bind_template_child (widget_class, VdPreferencesDialog, grab_keys_error);
  /* Only looked at by tests: no field. */
  gtk_widget_class_bind_template_child_full (widget_class, "collect_cpu_label", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, grab_keys_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, grab_keys_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, grab_keys_focus_out_cb);
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
  g_settings_bind (settings, "confirm-revert-snapshot", self->confirm_revert_snapshot_switch,
                   "active", G_SETTINGS_BIND_DEFAULT);

  g_settings_bind (settings, "stats-interval", self->interval_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "stats-history", self->history_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "stats-memory", self->collect_memory_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "stats-disk", self->collect_disk_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "stats-network", self->collect_network_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (settings, "changed::stats-interval",
                           G_CALLBACK (update_history_hint), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::stats-history",
                           G_CALLBACK (update_history_hint), self, G_CONNECT_SWAPPED);
  update_history_hint (self);

  /* The enum key reads and writes its nicks, the combo's ids. */
  g_settings_bind (settings, "console-scaling", self->scaling_combo, "active-id",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "console-resize-guest", self->resize_guest_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "console-usb-auto-redirect", self->usb_auto_redirect_switch,
                   "active", G_SETTINGS_BIND_DEFAULT);
  {
    g_autoptr(GSettingsSchema) schema = NULL;
    g_autoptr(GSettingsBackend) backend = NULL;
    g_autofree char *path = NULL;

    g_object_get (settings,
                  "settings-schema", &schema,
                  "backend", &backend,
                  "path", &path,
                  NULL);
    self->grab_keys_settings = g_settings_new_full (schema, backend, path);
    g_settings_delay (self->grab_keys_settings);
  }
  g_settings_bind_with_mapping (self->grab_keys_settings, "console-grab-keys",
                                self->grab_keys_entry, "text", G_SETTINGS_BIND_DEFAULT,
                                grab_keys_get_mapping_cb, grab_keys_set_mapping_cb,
                                self->grab_keys_entry, NULL);
  g_signal_connect_object (settings, "changed::console-grab-keys",
                           G_CALLBACK (update_grab_keys_hint), self, G_CONNECT_SWAPPED);
  update_grab_keys_hint (self);

  return GTK_WIDGET (self);
}
