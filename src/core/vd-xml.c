/* vd-xml.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-xml"

#include "config.h"

#include <string.h>

#include "vd-xml.h"

struct _VdXml
{
  xmlDocPtr          doc;
  xmlXPathContextPtr ctx;
};

/**
 * vd_xml_new:
 * @text: an XML document
 *
 * Returns: (nullable): the parsed document, or %NULL when @text is not
 *   well-formed
 */
VdXml *
vd_xml_new (const char *text)
{
  VdXml *self;
  xmlDocPtr doc;

  if (text == NULL)
    return NULL;

  /* libvirt's own documents: no network, no entities, no noise on stderr. */
  doc = xmlReadMemory (text, strlen (text), NULL, NULL,
                       XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (doc == NULL)
    return NULL;

  self = g_new0 (VdXml, 1);
  self->doc = doc;
  self->ctx = xmlXPathNewContext (doc);

  return self;
}

void
vd_xml_free (VdXml *self)
{
  if (self == NULL)
    return;

  xmlXPathFreeContext (self->ctx);
  xmlFreeDoc (self->doc);
  g_free (self);
}

static char *
eval_string (VdXml      *self,
             xmlNodePtr  node,
             const char *expr)
{
  g_autofree char *wrapped = g_strdup_printf ("string(%s)", expr);
  xmlXPathObjectPtr obj;
  char *ret = NULL;

  self->ctx->node = node != NULL ? node : xmlDocGetRootElement (self->doc);
  obj = xmlXPathEvalExpression ((const xmlChar *)wrapped, self->ctx);
  if (obj != NULL && obj->type == XPATH_STRING && obj->stringval != NULL &&
      obj->stringval[0] != '\0')
    ret = g_strdup ((const char *)obj->stringval);
  xmlXPathFreeObject (obj);

  return ret;
}

/**
 * vd_xml_get_string:
 * @expr: an XPath expression, relative to the root element
 *
 * Returns: (nullable): the string value of @expr, %NULL when empty
 */
char *
vd_xml_get_string (VdXml      *self,
                   const char *expr)
{
  g_return_val_if_fail (self != NULL, NULL);

  return eval_string (self, NULL, expr);
}

/**
 * vd_xml_get_uint64:
 *
 * Returns: the number @expr names, 0 when absent or not a number
 */
guint64
vd_xml_get_uint64 (VdXml      *self,
                   const char *expr)
{
  g_autofree char *text = vd_xml_get_string (self, expr);
  guint64 value = 0;

  if (text == NULL || !g_ascii_string_to_unsigned (g_strstrip (text), 10, 0, G_MAXUINT64,
                                                   &value, NULL))
    return 0;

  return value;
}

/**
 * vd_xml_get_nodes:
 *
 * Returns: (transfer container) (element-type xmlNode): the nodes @expr
 *   selects, owned by the document
 */
GPtrArray *
vd_xml_get_nodes (VdXml      *self,
                  const char *expr)
{
  GPtrArray *nodes = g_ptr_array_new ();
  xmlXPathObjectPtr obj;

  g_return_val_if_fail (self != NULL, nodes);

  self->ctx->node = xmlDocGetRootElement (self->doc);
  obj = xmlXPathEvalExpression ((const xmlChar *)expr, self->ctx);
  if (obj != NULL && obj->type == XPATH_NODESET && obj->nodesetval != NULL)
    {
      for (int i = 0; i < obj->nodesetval->nodeNr; i++)
        g_ptr_array_add (nodes, obj->nodesetval->nodeTab[i]);
    }
  xmlXPathFreeObject (obj);

  return nodes;
}

/**
 * vd_xml_node_get_string:
 * @expr: an XPath expression relative to @node ("@mac", "range/@start")
 *
 * Returns: (nullable): the string value, %NULL when empty
 */
char *
vd_xml_node_get_string (VdXml      *self,
                        xmlNodePtr  node,
                        const char *expr)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (node != NULL, NULL);

  return eval_string (self, node, expr);
}
