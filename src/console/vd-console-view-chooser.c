/* vd-console-view-chooser.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-console-view"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-console-devices.h"
#include "vd-console-view-private.h"

/*
 * The console chooser: a guest with more than one text console (two serial
 * ports, a serial port and a virtio console, …) gets a bar above the
 * console with a combo of them, and of the graphical display when it has
 * one. The list comes from the live XML the connection worker reads anyway
 * (vd_console_devices_text_consoles()); choosing one connects to it (the
 * text console through virDomainOpenConsole with its alias, in a worker,
 * as VdSerialConsole does).
 */

static void
update_visible (VdConsoleView *self)
{
  gtk_widget_set_visible (self->chooser_bar, self->chooser_choices && !self->fullscreen);
}

/* Called with what the worker found: @consoles (VdTextConsole), whether
 * there is a screen, and the alias now shown (NULL: the screen). */
void
_vd_console_view_chooser_update (VdConsoleView *self,
                                 GPtrArray     *consoles,
                                 gboolean       has_graphics,
                                 const char    *shown)
{
  GtkComboBoxText *combo = self->console_chooser;

  self->chooser_updating = TRUE;
  gtk_combo_box_text_remove_all (combo);
  if (has_graphics)
    gtk_combo_box_text_append (combo, "", _("Graphical display"));
  for (guint i = 0; consoles != NULL && i < consoles->len; i++)
    {
      VdTextConsole *console = g_ptr_array_index (consoles, i);

      gtk_combo_box_text_append (combo, console->alias, console->label);
    }
  if (!gtk_combo_box_set_active_id (GTK_COMBO_BOX (combo), shown != NULL ? shown : ""))
    gtk_combo_box_set_active (GTK_COMBO_BOX (combo), -1);
  self->chooser_updating = FALSE;

  /* More than one text console; the screen alone is the text-console
   * item's business. */
  self->chooser_choices = consoles != NULL && consoles->len > 1;
  update_visible (self);
}

static void
console_chooser_changed_cb (VdConsoleView *self)
{
  const char *id = gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->console_chooser));

  if (self->chooser_updating || id == NULL)
    return;

  vd_console_view_set_console_device (self, id[0] != '\0' ? id : NULL);
}

static void
fullscreen_changed_cb (VdConsoleView *self)
{
  update_visible (self);
}

void
_vd_console_view_chooser_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_child (widget_class, VdConsoleView, chooser_bar);
  gtk_widget_class_bind_template_child (widget_class, VdConsoleView, console_chooser);
  gtk_widget_class_bind_template_callback (widget_class, console_chooser_changed_cb);
}

void
_vd_console_view_chooser_init (VdConsoleView *self)
{
  g_signal_connect (self, "notify::fullscreen", G_CALLBACK (fullscreen_changed_cb), NULL);
}

/* Another guest: its own consoles, none chosen yet. */
void
_vd_console_view_chooser_reset (VdConsoleView *self)
{
  g_clear_pointer (&self->console_device, g_free);
  _vd_console_view_chooser_update (self, NULL, FALSE, NULL);
}

/**
 * vd_console_view_set_console_device:
 * @alias: (nullable): a text console's device alias ("serial1",
 *   "console1"), or %NULL for the graphical display
 *
 * Shows that console (what the console chooser does), connecting again if
 * the guest runs. An alias the guest does not have falls back to the usual
 * choice.
 */
void
vd_console_view_set_console_device (VdConsoleView *self,
                                    const char    *alias)
{
  g_return_if_fail (VD_IS_CONSOLE_VIEW (self));

  g_free (self->console_device);
  self->console_device = g_strdup (alias);
  /* The menu's Text Console item follows (its state only: no second
   * reconnection from its handler). */
  g_simple_action_set_state (self->text_console_action, g_variant_new_boolean (alias != NULL));
  if (self->domain != NULL && vd_domain_get_active (self->domain))
    vd_console_view_reconnect (self);
}

/**
 * vd_console_view_get_console_device:
 *
 * Returns: (nullable): the alias of the text console shown, %NULL when it
 *   is not a text console
 */
const char *
vd_console_view_get_console_device (VdConsoleView *self)
{
  g_return_val_if_fail (VD_IS_CONSOLE_VIEW (self), NULL);

  return g_strcmp0 (vd_console_view_get_page (self), "serial") == 0 ? self->shown_alias : NULL;
}
