/* vd-xml-check.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-xml"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vd-error.h"
#include "vd-xml-check.h"

#include <libxml/parser.h>

/*
 * Whether text a user typed is well-formed XML, and if not where libxml2
 * stopped: the XML tab shows the line and column next to the view. Pure:
 * no libvirt, fine on the main thread.
 */

typedef struct
{
  char *message;
  int   line;
  int   column;
} FirstError;

/* libxml2 goes on after the first fatal error (and its last one is often
 * "Premature end of data"): the first is where the text went wrong. */
static void
first_error_cb (void        *user_data,
                xmlErrorPtr  error)
{
  xmlParserCtxtPtr ctxt = user_data;
  FirstError *first = ctxt->_private;

  if (first->message != NULL || error == NULL)
    return;

  first->message = g_strstrip (g_strdup (error->message != NULL ? error->message : ""));
  first->line = error->line;
  first->column = error->int2;
}

/**
 * vd_xml_check_well_formed:
 * @text: the XML
 * @line: (out) (optional): the line libxml2 stopped at (1-based), 0 if none
 * @column: (out) (optional): the column there (1-based), 0 if unknown
 *
 * Returns: %TRUE when @text is well-formed; otherwise %FALSE with @error
 *   holding libxml2's message
 */
gboolean
vd_xml_check_well_formed (const char  *text,
                          int         *line,
                          int         *column,
                          GError     **error)
{
  xmlParserCtxtPtr ctxt;
  xmlDocPtr doc;
  FirstError first = { NULL, 0, 0 };
  gboolean ok;

  g_return_val_if_fail (text != NULL, FALSE);

  if (line != NULL)
    *line = 0;
  if (column != NULL)
    *column = 0;

  ctxt = xmlNewParserCtxt ();
  ctxt->_private = &first;
  ctxt->sax->serror = first_error_cb;
  doc = xmlCtxtReadMemory (ctxt, text, (int)strlen (text), "domain.xml", NULL,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  ok = doc != NULL && ctxt->wellFormed;
  if (!ok)
    {
      if (line != NULL)
        *line = first.line;
      if (column != NULL)
        *column = first.column;
      g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                           first.message != NULL && first.message[0] != '\0'
                             ? first.message : _("The text is not well-formed XML"));
    }

  xmlFreeDoc (doc);
  xmlFreeParserCtxt (ctxt);
  g_free (first.message);

  return ok;
}
