/* main.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>

#include "vd-application.h"
#include "vd-gtk-util.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(VdApplication) app = NULL;
  /* build-aux/dev run points this at the build tree's translations. */
  const char *localedir = g_getenv ("VD_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  vd_gtk_skip_gl_probe ();
  app = vd_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
