/* vd-console-view-viewing.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-console-view"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-console-view-private.h"

/*
 * How the console view shows the guest's screen, whatever the protocol:
 *
 * - scaling: the "console-scaling" setting (always / only in full screen /
 *   never) until this view's zoom actions override it: "zoom-in",
 *   "zoom-out" and "zoom-normal" show the screen at its own size times a
 *   zoom, "zoom-fit" scales it to the view again;
 * - the guest's resolution follows the view where it can
 *   ("console-resize-guest");
 * - the keys that release a grab ("console-grab-keys", GTK accelerator
 *   syntax as checked by Preferences), named in the status line under the
 *   screen together with the zoom;
 * - full screen ("fullscreen", a boolean state on the window): the status
 *   line gives way to a toolbar that floats over the top of the screen,
 *   shown for a moment on entering and whenever the pointer touches the
 *   top edge;
 * - while the display holds the keyboard, key presses go to it before the
 *   window's shortcuts, so the guest gets Ctrl+W or F11 as typed.
 */

#define OSD_HIDE_DELAY_MS 2000

static const guint zoom_steps[] = { 25, 33, 50, 67, 75, 90, 100, 110, 125, 150, 175, 200, 250,
                                    300, 400 };

static VdConsoleDisplay *
get_display (VdConsoleView *self)
{
  return self->session != NULL ? vd_console_session_get_display (self->session) : NULL;
}

static gboolean
get_effective_scaling (VdConsoleView *self)
{
  if (self->scale_override >= 0)
    return self->scale_override != 0;
  if (self->settings == NULL)
    return TRUE;

  /* always | fullscreen | never (the ConsoleScaling enum) */
  switch (g_settings_get_enum (self->settings, "console-scaling"))
    {
    case 1:
      return self->fullscreen;
    case 2:
      return FALSE;
    default:
      return TRUE;
    }
}

/* "<Control><Alt>" → Control_L, Alt_L; "<Control><Alt>g" → … g. FALSE
 * for what Preferences would refuse (no modifier). */
static gboolean
parse_grab_keys (const char *accelerator,
                 GArray     *keyvals)
{
  static const struct {
    GdkModifierType modifier;
    guint           keyval;
  } modifiers[] = {
    { GDK_CONTROL_MASK, GDK_KEY_Control_L },
    { GDK_SHIFT_MASK, GDK_KEY_Shift_L },
    { GDK_MOD1_MASK, GDK_KEY_Alt_L },
    { GDK_SUPER_MASK, GDK_KEY_Super_L },
    { GDK_HYPER_MASK, GDK_KEY_Hyper_L },
    { GDK_META_MASK, GDK_KEY_Meta_L },
  };
  guint key = 0;
  GdkModifierType mods = 0;

  if (accelerator == NULL)
    return FALSE;
  gtk_accelerator_parse (accelerator, &key, &mods);
  if ((mods & gtk_accelerator_get_default_mod_mask ()) == 0 &&
      (mods & (GDK_SUPER_MASK | GDK_HYPER_MASK | GDK_META_MASK)) == 0)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (modifiers); i++)
    if (mods & modifiers[i].modifier)
      g_array_append_val (keyvals, modifiers[i].keyval);
  if (key != 0)
    g_array_append_val (keyvals, key);
  return TRUE;
}

/* The combination as the user reads it ("Ctrl+Alt"), for the status line. */
static char *
dup_grab_keys_label (VdConsoleView *self)
{
  g_autofree char *stored = NULL;
  g_autoptr(GArray) keyvals = g_array_new (FALSE, FALSE, sizeof (guint));
  guint key = 0;
  GdkModifierType mods = 0;

  if (self->settings != NULL)
    stored = g_settings_get_string (self->settings, "console-grab-keys");
  if (!parse_grab_keys (stored, keyvals))
    {
      g_free (stored);
      stored = g_strdup ("<Control><Alt>");
    }
  gtk_accelerator_parse (stored, &key, &mods);
  return gtk_accelerator_get_label (key, mods);
}

static void
update_status (VdConsoleView *self)
{
  VdConsoleDisplay *display = get_display (self);
  g_autofree char *keys = dup_grab_keys_label (self);
  g_autofree char *status = NULL;
  g_autofree char *zoom = NULL;

  if (display != NULL && vd_console_display_get_grabbed (display))
    /* translators: %s is a key combination such as “Ctrl+Alt” */
    status = g_strdup_printf (_("Press %s to release the keyboard and pointer."), keys);
  else
    /* translators: %s is a key combination such as “Ctrl+Alt” */
    status = g_strdup_printf (_("Click the screen to type into the guest; %s releases it."),
                              keys);

  if (get_effective_scaling (self))
    zoom = g_strdup (_("Scaled to the window"));
  else
    /* translators: a zoom level; %u is a number of percent */
    zoom = g_strdup_printf (_("Zoom %u %%"), self->zoom);

  gtk_label_set_text (self->status_label, status);
  gtk_label_set_text (self->zoom_label, zoom);
  gtk_label_set_text (self->osd_zoom_label, zoom);
  gtk_widget_set_visible (self->status_bar, !self->fullscreen);
}

/* Pushes the options into the display, if there is one. */
void
_vd_console_view_apply_options (VdConsoleView *self)
{
  VdConsoleDisplay *display = get_display (self);

  if (display != NULL)
    {
      g_autoptr(GArray) keyvals = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autofree char *stored = NULL;

      if (self->settings != NULL)
        stored = g_settings_get_string (self->settings, "console-grab-keys");
      /* A stored value Preferences would not write (by hand, with
       * gsettings) falls back to the default rather than to no way out. */
      if (!parse_grab_keys (stored, keyvals))
        parse_grab_keys ("<Control><Alt>", keyvals);
      vd_console_display_set_grab_keys (display, (const guint *)(gpointer)keyvals->data,
                                        keyvals->len);
      vd_console_display_set_zoom (display, self->zoom);
      vd_console_display_set_resize_guest (display, self->settings != NULL &&
                                           g_settings_get_boolean (self->settings,
                                                                   "console-resize-guest"));
      vd_console_display_set_scaling (display, get_effective_scaling (self));
    }
  update_status (self);
}

static void
grabbed_cb (VdConsoleView *self)
{
  update_status (self);
}

/* A session came or went, or its screen came up. */
void
_vd_console_view_session_changed (VdConsoleView *self)
{
  VdConsoleDisplay *display = get_display (self);

  if (display != NULL && g_object_get_data (G_OBJECT (display), "vd-watched") == NULL)
    {
      g_object_set_data (G_OBJECT (display), "vd-watched", GINT_TO_POINTER (TRUE));
      g_signal_connect_object (display, "notify::grabbed", G_CALLBACK (grabbed_cb), self,
                               G_CONNECT_SWAPPED);
    }

  g_simple_action_set_enabled (self->zoom_in_action, self->initialized);
  g_simple_action_set_enabled (self->zoom_out_action, self->initialized);
  g_simple_action_set_enabled (self->zoom_normal_action, self->initialized);
  g_simple_action_set_enabled (self->zoom_fit_action, self->initialized);
  _vd_console_view_apply_options (self);
}

static void
setting_changed_cb (VdConsoleView *self,
                    const char    *key)
{
  /* A new scaling preference wins over this view's zoom. */
  if (g_strcmp0 (key, "console-scaling") == 0)
    self->scale_override = -1;
  _vd_console_view_apply_options (self);
}

void
_vd_console_view_watch_settings (VdConsoleView *self)
{
  if (self->settings != NULL)
    {
      g_signal_connect_object (self->settings, "changed::console-scaling",
                               G_CALLBACK (setting_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->settings, "changed::console-resize-guest",
                               G_CALLBACK (setting_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->settings, "changed::console-grab-keys",
                               G_CALLBACK (setting_changed_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->settings, "changed::console-usb-auto-redirect",
                               G_CALLBACK (_vd_console_view_usb_update), self, G_CONNECT_SWAPPED);
    }
  _vd_console_view_apply_options (self);
  _vd_console_view_usb_update (self);
}

/* ------------------------------------------------------------------ */
/* Zoom                                                                */
/* ------------------------------------------------------------------ */

static void
set_zoom (VdConsoleView *self,
          guint          zoom,
          gboolean       scaled)
{
  self->zoom = CLAMP (zoom, VD_CONSOLE_DISPLAY_ZOOM_MIN, VD_CONSOLE_DISPLAY_ZOOM_MAX);
  self->scale_override = scaled ? 1 : 0;
  _vd_console_view_apply_options (self);
}

static void
zoom_in_cb (GSimpleAction *action,
            GVariant      *parameter,
            gpointer       user_data)
{
  VdConsoleView *self = user_data;
  /* From a scaled screen, zooming starts at its own size. */
  guint current = get_effective_scaling (self) ? 100 : self->zoom;
  guint next = zoom_steps[G_N_ELEMENTS (zoom_steps) - 1];

  if (get_effective_scaling (self))
    next = 100;
  else
    for (guint i = 0; i < G_N_ELEMENTS (zoom_steps); i++)
      if (zoom_steps[i] > current)
        {
          next = zoom_steps[i];
          break;
        }
  set_zoom (self, next, FALSE);
}

static void
zoom_out_cb (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  VdConsoleView *self = user_data;
  guint current = get_effective_scaling (self) ? 100 : self->zoom;
  guint next = zoom_steps[0];

  if (get_effective_scaling (self))
    next = 100;
  else
    for (guint i = G_N_ELEMENTS (zoom_steps); i > 0; i--)
      if (zoom_steps[i - 1] < current)
        {
          next = zoom_steps[i - 1];
          break;
        }
  set_zoom (self, next, FALSE);
}

static void
zoom_normal_cb (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  set_zoom (user_data, 100, FALSE);
}

static void
zoom_fit_cb (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  VdConsoleView *self = user_data;

  set_zoom (self, self->zoom, TRUE);
}

/* ------------------------------------------------------------------ */
/* Full screen and the floating toolbar                                */
/* ------------------------------------------------------------------ */

static gboolean
hide_osd_cb (gpointer user_data)
{
  VdConsoleView *self = user_data;

  self->osd_hide_source = 0;
  gtk_revealer_set_reveal_child (self->osd_revealer, FALSE);
  return G_SOURCE_REMOVE;
}

static void
schedule_osd_hide (VdConsoleView *self)
{
  g_clear_handle_id (&self->osd_hide_source, g_source_remove);
  self->osd_hide_source = g_timeout_add (OSD_HIDE_DELAY_MS, hide_osd_cb, self);
}

static void
show_osd (VdConsoleView *self)
{
  if (!self->fullscreen)
    return;
  g_clear_handle_id (&self->osd_hide_source, g_source_remove);
  gtk_revealer_set_reveal_child (self->osd_revealer, TRUE);
}

static gboolean
osd_edge_enter_cb (VdConsoleView *self)
{
  show_osd (self);
  return GDK_EVENT_PROPAGATE;
}

static gboolean
osd_enter_cb (VdConsoleView *self)
{
  g_clear_handle_id (&self->osd_hide_source, g_source_remove);
  return GDK_EVENT_PROPAGATE;
}

static gboolean
osd_leave_cb (VdConsoleView    *self,
              GdkEventCrossing *event)
{
  /* Into one of the toolbar's own buttons is not leaving it. */
  if (event->detail != GDK_NOTIFY_INFERIOR && self->fullscreen)
    schedule_osd_hide (self);
  return GDK_EVENT_PROPAGATE;
}

static void
set_fullscreen (VdConsoleView *self,
                gboolean       fullscreen)
{
  if (self->fullscreen == fullscreen)
    return;

  self->fullscreen = fullscreen;
  g_simple_action_set_state (self->fullscreen_action, g_variant_new_boolean (fullscreen));
  gtk_widget_set_visible (self->osd_edge, fullscreen);
  gtk_widget_set_visible (GTK_WIDGET (self->osd_revealer), fullscreen);
  if (fullscreen)
    {
      /* Shown for a moment, so the way out is seen. */
      show_osd (self);
      schedule_osd_hide (self);
    }
  else
    {
      g_clear_handle_id (&self->osd_hide_source, g_source_remove);
      gtk_revealer_set_reveal_child (self->osd_revealer, FALSE);
    }
  _vd_console_view_apply_options (self);
  g_object_notify (G_OBJECT (self), "fullscreen");
}

static gboolean
window_state_event_cb (VdConsoleView       *self,
                       GdkEventWindowState *event)
{
  if (event->changed_mask & GDK_WINDOW_STATE_FULLSCREEN)
    set_fullscreen (self, (event->new_window_state & GDK_WINDOW_STATE_FULLSCREEN) != 0);

  return GDK_EVENT_PROPAGATE;
}

static void
fullscreen_change_state_cb (GSimpleAction *action,
                            GVariant      *state,
                            gpointer       user_data)
{
  VdConsoleView *self = user_data;

  if (!GTK_IS_WINDOW (self->toplevel))
    return;
  /* The state follows the window's, once the window manager did it. */
  if (g_variant_get_boolean (state))
    gtk_window_fullscreen (GTK_WINDOW (self->toplevel));
  else
    gtk_window_unfullscreen (GTK_WINDOW (self->toplevel));
}

/* While the display holds the keyboard, it sees every key before the
 * window's shortcuts and mnemonics do. */
static gboolean
toplevel_key_cb (VdConsoleView *self,
                 GdkEventKey   *event)
{
  VdConsoleDisplay *display = get_display (self);
  GtkWidget *focus;

  if (display == NULL || !vd_console_display_get_grabbed (display) ||
      !GTK_IS_WINDOW (self->toplevel))
    return GDK_EVENT_PROPAGATE;
  focus = gtk_window_get_focus (GTK_WINDOW (self->toplevel));
  if (focus == NULL || (focus != GTK_WIDGET (display) &&
                        !gtk_widget_is_ancestor (focus, GTK_WIDGET (display))))
    return GDK_EVENT_PROPAGATE;

  gtk_window_propagate_key_event (GTK_WINDOW (self->toplevel), event);
  return GDK_EVENT_STOP;
}

static void
watch_toplevel (VdConsoleView *self,
                GtkWidget     *toplevel)
{
  if (self->toplevel == toplevel)
    return;

  if (self->toplevel != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->toplevel, self);
      g_object_remove_weak_pointer (G_OBJECT (self->toplevel), (gpointer *)&self->toplevel);
      self->toplevel = NULL;
    }
  if (GTK_IS_WINDOW (toplevel))
    {
      GdkWindow *window = gtk_widget_get_window (toplevel);

      self->toplevel = toplevel;
      g_object_add_weak_pointer (G_OBJECT (toplevel), (gpointer *)&self->toplevel);
      g_signal_connect_object (toplevel, "window-state-event",
                               G_CALLBACK (window_state_event_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (toplevel, "key-press-event", G_CALLBACK (toplevel_key_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (toplevel, "key-release-event", G_CALLBACK (toplevel_key_cb), self,
                               G_CONNECT_SWAPPED);
      set_fullscreen (self, window != NULL &&
                      (gdk_window_get_state (window) & GDK_WINDOW_STATE_FULLSCREEN) != 0);
    }
  else
    {
      set_fullscreen (self, FALSE);
    }
  _vd_console_view_apply_options (self);
}

static void
vd_console_view_hierarchy_changed (GtkWidget *widget,
                                   GtkWidget *previous_toplevel)
{
  VdConsoleView *self = VD_CONSOLE_VIEW (widget);

  watch_toplevel (self, gtk_widget_get_toplevel (widget));
}

void
_vd_console_view_viewing_dispose (VdConsoleView *self)
{
  g_clear_handle_id (&self->osd_hide_source, g_source_remove);
  watch_toplevel (self, NULL);
}

/**
 * vd_console_view_set_menu_model:
 * @model: (nullable): the console menu (send keys, screenshot…), offered
 *   in the floating toolbar
 */
void
vd_console_view_set_menu_model (VdConsoleView *self,
                                GMenuModel    *model)
{
  g_return_if_fail (VD_IS_CONSOLE_VIEW (self));
  g_return_if_fail (model == NULL || G_IS_MENU_MODEL (model));

  gtk_menu_button_set_menu_model (self->osd_menu_button, model);
}

/**
 * vd_console_view_get_status:
 *
 * Returns: the status line under the screen (the grab keys), for tests
 */
const char *
vd_console_view_get_status (VdConsoleView *self)
{
  g_return_val_if_fail (VD_IS_CONSOLE_VIEW (self), NULL);

  return gtk_label_get_text (self->status_label);
}

void
_vd_console_view_viewing_add_actions (VdConsoleView *self,
                                      GActionMap    *map)
{
  g_action_map_add_action (map, G_ACTION (self->fullscreen_action));
  g_action_map_add_action (map, G_ACTION (self->zoom_in_action));
  g_action_map_add_action (map, G_ACTION (self->zoom_out_action));
  g_action_map_add_action (map, G_ACTION (self->zoom_normal_action));
  g_action_map_add_action (map, G_ACTION (self->zoom_fit_action));
}

static GSimpleAction *
new_action (VdConsoleView *self,
            const char    *name,
            GCallback      activate)
{
  GSimpleAction *action = g_simple_action_new (name, NULL);

  g_simple_action_set_enabled (action, FALSE);
  g_signal_connect_object (action, "activate", activate, self, 0);
  return action;
}

void
_vd_console_view_viewing_init (VdConsoleView *self)
{
  self->scale_override = -1;
  self->zoom = 100;

  self->fullscreen_action = g_simple_action_new_stateful ("fullscreen", NULL,
                                                          g_variant_new_boolean (FALSE));
  g_signal_connect_object (self->fullscreen_action, "change-state",
                           G_CALLBACK (fullscreen_change_state_cb), self, 0);
  self->zoom_in_action = new_action (self, "zoom-in", G_CALLBACK (zoom_in_cb));
  self->zoom_out_action = new_action (self, "zoom-out", G_CALLBACK (zoom_out_cb));
  self->zoom_normal_action = new_action (self, "zoom-normal", G_CALLBACK (zoom_normal_cb));
  self->zoom_fit_action = new_action (self, "zoom-fit", G_CALLBACK (zoom_fit_cb));

  /* Only in full screen, whatever show_all() says. */
  gtk_widget_set_no_show_all (self->osd_edge, TRUE);
  gtk_widget_set_no_show_all (GTK_WIDGET (self->osd_revealer), TRUE);
  gtk_widget_set_visible (self->osd_edge, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->osd_revealer), FALSE);
  update_status (self);
}

void
_vd_console_view_viewing_class_init (GtkWidgetClass *widget_class)
{
  widget_class->hierarchy_changed = vd_console_view_hierarchy_changed;

  gtk_widget_class_bind_template_child (widget_class, VdConsoleView, status_bar);
  gtk_widget_class_bind_template_child (widget_class, VdConsoleView, status_label);
  gtk_widget_class_bind_template_child (widget_class, VdConsoleView, zoom_label);
  gtk_widget_class_bind_template_child (widget_class, VdConsoleView, osd_revealer);
  gtk_widget_class_bind_template_child (widget_class, VdConsoleView, osd_edge);
  gtk_widget_class_bind_template_child (widget_class, VdConsoleView, osd_menu_button);
  gtk_widget_class_bind_template_child (widget_class, VdConsoleView, osd_zoom_label);
  gtk_widget_class_bind_template_callback (widget_class, osd_edge_enter_cb);
  gtk_widget_class_bind_template_callback (widget_class, osd_enter_cb);
  gtk_widget_class_bind_template_callback (widget_class, osd_leave_cb);
}
