/* vd-gtk-util.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vd-gtk-util.h"

static void
name_close_button (GtkWidget *widget,
                   gpointer   user_data)
{
  const char *name = user_data;

  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_buildable_get_name (GTK_BUILDABLE (widget)), "close_button") == 0)
    {
      atk_object_set_name (gtk_widget_get_accessible (widget), name);
      gtk_widget_set_tooltip_text (widget, name);
    }
  else if (GTK_IS_CONTAINER (widget))
    {
      gtk_container_forall (GTK_CONTAINER (widget), name_close_button, user_data);
    }
}

/**
 * vd_name_close_buttons:
 * @bar: a GtkInfoBar or GtkSearchBar
 * @name: what the button does, for people
 *
 * The close buttons GTK 3 adds to info bars and search bars are icons
 * without a name: screen readers announce them as "button" and AT-SPI
 * tests cannot find them. Gives them one, as a tooltip too.
 */
void
vd_name_close_buttons (GtkWidget  *bar,
                       const char *name)
{
  g_return_if_fail (GTK_IS_CONTAINER (bar));
  g_return_if_fail (name != NULL);

  gtk_container_forall (GTK_CONTAINER (bar), name_close_button, (gpointer)name);
}

/**
 * vd_gtk_skip_gl_probe:
 *
 * Call before GTK opens the display. GDK's X11 backend loads the OpenGL
 * driver when it opens a display, only to choose visuals; nothing in
 * virt-desk draws with GDK's GL. With Mesa (software or radeonsi) that
 * maps libLLVM and the driver: measured under Xvfb, 55 MB of the
 * manager's 101 MB resident set, for nothing. A user's own GDK_GL wins.
 * Whoever adds a GtkGLArea (a SPICE console with GL scanout) must drop
 * this for that window's process.
 */
void
vd_gtk_skip_gl_probe (void)
{
  g_setenv ("GDK_GL", "disable", FALSE);
}
