/* vd-console-devices.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-console-devices"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-console-devices.h"
#include "vd-xml.h"

/*
 * The text consoles a running guest offers, read from its live XML (only
 * that has the device aliases virDomainOpenConsole wants): each <serial>
 * ("Serial 0", "Serial 1", by target port), then each <console> that is
 * not one of those serial ports again ("Console (virtio)"). libvirt shows a
 * serial port a second time as <console target type='serial'> with the
 * same alias: it is listed once. Pure (no libvirt call): run it anywhere,
 * the worker that read the XML included.
 */

void
vd_text_console_free (VdTextConsole *console)
{
  if (console == NULL)
    return;

  g_free (console->alias);
  g_free (console->label);
  g_free (console);
}

static gboolean
has_alias (GPtrArray  *consoles,
           const char *alias)
{
  for (guint i = 0; i < consoles->len; i++)
    if (g_str_equal (((VdTextConsole *)g_ptr_array_index (consoles, i))->alias, alias))
      return TRUE;

  return FALSE;
}

static void
add (GPtrArray *consoles,
     char      *alias,
     char      *label)
{
  VdTextConsole *console = g_new0 (VdTextConsole, 1);

  console->alias = alias;
  console->label = label;
  g_ptr_array_add (consoles, console);
}

/**
 * vd_console_devices_text_consoles:
 * @live_xml: a running guest's XML
 *
 * Returns: (transfer full) (element-type VdTextConsole): the text consoles
 *   with an alias, in the order of the XML; empty when there are none or
 *   the XML does not parse
 */
GPtrArray *
vd_console_devices_text_consoles (const char *live_xml)
{
  GPtrArray *consoles = g_ptr_array_new_with_free_func ((GDestroyNotify)vd_text_console_free);
  g_autoptr(VdXml) xml = live_xml != NULL ? vd_xml_new (live_xml) : NULL;
  g_autoptr(GPtrArray) serials = NULL;
  g_autoptr(GPtrArray) others = NULL;

  if (xml == NULL)
    return consoles;

  serials = vd_xml_get_nodes (xml, "devices/serial");
  for (guint i = 0; serials != NULL && i < serials->len; i++)
    {
      xmlNodePtr node = g_ptr_array_index (serials, i);
      g_autofree char *alias = vd_xml_node_get_string (xml, node, "string(alias/@name)");
      g_autofree char *port = vd_xml_node_get_string (xml, node, "string(target/@port)");

      if (alias == NULL || has_alias (consoles, alias))
        continue;

      /* translators: a guest's serial port in the console chooser; %s is
       * its number (0, 1, …) */
      add (consoles, g_steal_pointer (&alias),
           g_strdup_printf (_("Serial %s"), port != NULL ? port : "?"));
    }

  others = vd_xml_get_nodes (xml, "devices/console");
  for (guint i = 0; others != NULL && i < others->len; i++)
    {
      xmlNodePtr node = g_ptr_array_index (others, i);
      g_autofree char *alias = vd_xml_node_get_string (xml, node, "string(alias/@name)");
      g_autofree char *type = vd_xml_node_get_string (xml, node, "string(target/@type)");
      g_autofree char *port = vd_xml_node_get_string (xml, node, "string(target/@port)");
      guint same = 1;
      char *label;

      if (alias == NULL || has_alias (consoles, alias))
        continue;

      /* The second virtio console is "Console (virtio) 2". */
      for (guint j = 0; type != NULL && j < i; j++)
        {
          g_autofree char *other = vd_xml_node_get_string (xml, g_ptr_array_index (others, j),
                                                           "string(target/@type)");

          if (g_strcmp0 (other, type) == 0)
            same++;
        }

      if (type == NULL || g_str_equal (type, "serial"))
        /* translators: a guest's serial port in the console chooser; %s is
         * its number (0, 1, …) */
        label = g_strdup_printf (_("Serial %s"), port != NULL ? port : "?");
      else if (same == 1)
        /* translators: a text console in the console chooser; %s is its
         * kind, e.g. "virtio" */
        label = g_strdup_printf (_("Console (%s)"), type);
      else
        /* translators: a text console in the console chooser; %s is its
         * kind, e.g. "virtio", %u counts the consoles of that kind (2, 3, …) */
        label = g_strdup_printf (_("Console (%s) %u"), type, same);
      add (consoles, g_steal_pointer (&alias), label);
    }

  return consoles;
}
