/* vd-console-display.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-console-display"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-console-display.h"

/*
 * The protocol-neutral face of a guest's screen: the console view asks it
 * for a screenshot, sends key combinations through it and switches scaling,
 * without knowing whether gtk-vnc or spice-gtk draws it.
 */

typedef struct
{
  gboolean scaling;
} VdConsoleDisplayPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (VdConsoleDisplay, vd_console_display, GTK_TYPE_BIN)

enum {
  PROP_0,
  PROP_SCALING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

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

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vd_console_display_class_init (VdConsoleDisplayClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = vd_console_display_get_property;
  object_class->set_property = vd_console_display_set_property;

  properties[PROP_SCALING] =
    g_param_spec_boolean ("scaling", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vd_console_display_init (VdConsoleDisplay *self)
{
  VdConsoleDisplayPrivate *priv = vd_console_display_get_instance_private (self);

  priv->scaling = TRUE;
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
  VD_CONSOLE_DISPLAY_GET_CLASS (self)->set_scaling (self, scaling);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SCALING]);
}
