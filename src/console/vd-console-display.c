/* vd-console-display.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-console-display"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vd-console-display.h"

/*
 * The protocol-neutral face of a guest's screen: the console view asks it
 * for a screenshot, sends key combinations through it, and sets the view
 * options (scaling, guest resizing, zoom, the keys that release a grab)
 * without knowing whether gtk-vnc or spice-gtk draws it. The options live
 * here; a subclass's sync() pushes them into its widget. "grabbed" says
 * whether the display holds the keyboard or the pointer.
 */

typedef struct
{
  GArray   *grab_keys;
  guint     zoom;
  gboolean  scaling;
  gboolean  resize_guest;
  gboolean  grabbed;
} VdConsoleDisplayPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (VdConsoleDisplay, vd_console_display, GTK_TYPE_BIN)

enum {
  PROP_0,
  PROP_SCALING,
  PROP_RESIZE_GUEST,
  PROP_ZOOM,
  PROP_GRABBED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
sync_widget (VdConsoleDisplay *self)
{
  if (VD_CONSOLE_DISPLAY_GET_CLASS (self)->sync != NULL)
    VD_CONSOLE_DISPLAY_GET_CLASS (self)->sync (self);
}

static void
vd_console_display_finalize (GObject *object)
{
  VdConsoleDisplayPrivate *priv =
    vd_console_display_get_instance_private (VD_CONSOLE_DISPLAY (object));

  g_clear_pointer (&priv->grab_keys, g_array_unref);

  G_OBJECT_CLASS (vd_console_display_parent_class)->finalize (object);
}

static void
vd_console_display_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  VdConsoleDisplay *self = VD_CONSOLE_DISPLAY (object);

  switch (prop_id)
    {
    case PROP_SCALING:
      g_value_set_boolean (value, vd_console_display_get_scaling (self));
      break;

    case PROP_RESIZE_GUEST:
      g_value_set_boolean (value, vd_console_display_get_resize_guest (self));
      break;

    case PROP_ZOOM:
      g_value_set_uint (value, vd_console_display_get_zoom (self));
      break;

    case PROP_GRABBED:
      g_value_set_boolean (value, vd_console_display_get_grabbed (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vd_console_display_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  VdConsoleDisplay *self = VD_CONSOLE_DISPLAY (object);

  switch (prop_id)
    {
    case PROP_SCALING:
      vd_console_display_set_scaling (self, g_value_get_boolean (value));
      break;

    case PROP_RESIZE_GUEST:
      vd_console_display_set_resize_guest (self, g_value_get_boolean (value));
      break;

    case PROP_ZOOM:
      vd_console_display_set_zoom (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vd_console_display_class_init (VdConsoleDisplayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vd_console_display_finalize;
  object_class->get_property = vd_console_display_get_property;
  object_class->set_property = vd_console_display_set_property;

  properties[PROP_SCALING] =
    g_param_spec_boolean ("scaling", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_RESIZE_GUEST] =
    g_param_spec_boolean ("resize-guest", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM] =
    g_param_spec_uint ("zoom", NULL, NULL,
                       VD_CONSOLE_DISPLAY_ZOOM_MIN, VD_CONSOLE_DISPLAY_ZOOM_MAX, 100,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_GRABBED] =
    g_param_spec_boolean ("grabbed", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vd_console_display_init (VdConsoleDisplay *self)
{
  VdConsoleDisplayPrivate *priv = vd_console_display_get_instance_private (self);
  const guint ctrl_alt[] = { GDK_KEY_Control_L, GDK_KEY_Alt_L };

  priv->scaling = TRUE;
  priv->zoom = 100;
  priv->grab_keys = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_append_vals (priv->grab_keys, ctrl_alt, G_N_ELEMENTS (ctrl_alt));
}

/**
 * vd_console_display_get_pixbuf:
 *
 * Returns: (transfer full) (nullable): the guest's screen now
 */
GdkPixbuf *
vd_console_display_get_pixbuf (VdConsoleDisplay *self)
{
  g_return_val_if_fail (VD_IS_CONSOLE_DISPLAY (self), NULL);

  return VD_CONSOLE_DISPLAY_GET_CLASS (self)->get_pixbuf (self);
}

void
vd_console_display_send_keys (VdConsoleDisplay *self,
                              const guint      *keyvals,
                              guint             n_keyvals)
{
  g_return_if_fail (VD_IS_CONSOLE_DISPLAY (self));
  g_return_if_fail (keyvals != NULL || n_keyvals == 0);

  if (n_keyvals > 0)
    VD_CONSOLE_DISPLAY_GET_CLASS (self)->send_keys (self, keyvals, n_keyvals);
}

gboolean
vd_console_display_get_scaling (VdConsoleDisplay *self)
{
  VdConsoleDisplayPrivate *priv = vd_console_display_get_instance_private (self);

  g_return_val_if_fail (VD_IS_CONSOLE_DISPLAY (self), FALSE);

  return priv->scaling;
}

/**
 * vd_console_display_set_scaling:
 * @scaling: scale the guest's screen to the widget (%TRUE) or show it at
 *   its own size times the zoom (%FALSE)
 */
void
vd_console_display_set_scaling (VdConsoleDisplay *self,
                                gboolean          scaling)
{
  VdConsoleDisplayPrivate *priv = vd_console_display_get_instance_private (self);

  g_return_if_fail (VD_IS_CONSOLE_DISPLAY (self));

  scaling = !!scaling;
  if (priv->scaling == scaling)
    return;

  priv->scaling = scaling;
  sync_widget (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCALING]);
}

gboolean
vd_console_display_get_resize_guest (VdConsoleDisplay *self)
{
  VdConsoleDisplayPrivate *priv = vd_console_display_get_instance_private (self);

  g_return_val_if_fail (VD_IS_CONSOLE_DISPLAY (self), FALSE);

  return priv->resize_guest;
}

/**
 * vd_console_display_set_resize_guest:
 * @resize_guest: ask the guest to change its resolution to the widget's
 *   size, where its display server supports that
 */
void
vd_console_display_set_resize_guest (VdConsoleDisplay *self,
                                     gboolean          resize_guest)
{
  VdConsoleDisplayPrivate *priv = vd_console_display_get_instance_private (self);

  g_return_if_fail (VD_IS_CONSOLE_DISPLAY (self));

  resize_guest = !!resize_guest;
  if (priv->resize_guest == resize_guest)
    return;

  priv->resize_guest = resize_guest;
  sync_widget (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESIZE_GUEST]);
}

guint
vd_console_display_get_zoom (VdConsoleDisplay *self)
{
  VdConsoleDisplayPrivate *priv = vd_console_display_get_instance_private (self);

  g_return_val_if_fail (VD_IS_CONSOLE_DISPLAY (self), 100);

  return priv->zoom;
}

/**
 * vd_console_display_set_zoom:
 * @percent: the guest's screen size in percent when not scaled, clamped
 *   to %VD_CONSOLE_DISPLAY_ZOOM_MIN…%VD_CONSOLE_DISPLAY_ZOOM_MAX
 */
void
vd_console_display_set_zoom (VdConsoleDisplay *self,
                             guint             percent)
{
  VdConsoleDisplayPrivate *priv = vd_console_display_get_instance_private (self);

  g_return_if_fail (VD_IS_CONSOLE_DISPLAY (self));

  percent = CLAMP (percent, VD_CONSOLE_DISPLAY_ZOOM_MIN, VD_CONSOLE_DISPLAY_ZOOM_MAX);
  if (priv->zoom == percent)
    return;

  priv->zoom = percent;
  sync_widget (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

/**
 * vd_console_display_get_grab_keys:
 * @n_keyvals: (out): how many
 *
 * Returns: (array length=n_keyvals) (transfer none): the GDK key values
 *   that, pressed together, release a grab (Control_L, Alt_L by default)
 */
const guint *
vd_console_display_get_grab_keys (VdConsoleDisplay *self,
                                  guint            *n_keyvals)
{
  VdConsoleDisplayPrivate *priv = vd_console_display_get_instance_private (self);

  g_return_val_if_fail (VD_IS_CONSOLE_DISPLAY (self), NULL);
  g_return_val_if_fail (n_keyvals != NULL, NULL);

  *n_keyvals = priv->grab_keys->len;
  return (const guint *)(gpointer)priv->grab_keys->data;
}

void
vd_console_display_set_grab_keys (VdConsoleDisplay *self,
                                  const guint      *keyvals,
                                  guint             n_keyvals)
{
  VdConsoleDisplayPrivate *priv = vd_console_display_get_instance_private (self);

  g_return_if_fail (VD_IS_CONSOLE_DISPLAY (self));
  g_return_if_fail (keyvals != NULL && n_keyvals > 0);

  if (priv->grab_keys->len == n_keyvals &&
      memcmp (priv->grab_keys->data, keyvals, n_keyvals * sizeof (guint)) == 0)
    return;

  g_array_set_size (priv->grab_keys, 0);
  g_array_append_vals (priv->grab_keys, keyvals, n_keyvals);
  sync_widget (self);
}

/**
 * vd_console_display_get_grabbed:
 *
 * Returns: whether the display holds the keyboard or the pointer
 */
gboolean
vd_console_display_get_grabbed (VdConsoleDisplay *self)
{
  VdConsoleDisplayPrivate *priv = vd_console_display_get_instance_private (self);

  g_return_val_if_fail (VD_IS_CONSOLE_DISPLAY (self), FALSE);

  return priv->grabbed;
}

/* For subclasses: the protocol widget took or let go of a grab. */
void
_vd_console_display_set_grabbed (VdConsoleDisplay *self,
                                 gboolean          grabbed)
{
  VdConsoleDisplayPrivate *priv = vd_console_display_get_instance_private (self);

  g_return_if_fail (VD_IS_CONSOLE_DISPLAY (self));

  grabbed = !!grabbed;
  if (priv->grabbed == grabbed)
    return;

  priv->grabbed = grabbed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_GRABBED]);
}
