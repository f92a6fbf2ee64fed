/* domain-editor-test-util.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * Shared by the domain editor's tests: the corpus in tests/data/domains,
 * defining on test:///default, and the node-by-node comparison.
 */

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <string.h>

#include <glib.h>

G_GNUC_UNUSED static virConnectPtr test_conn;

G_GNUC_UNUSED static void
quiet_libvirt_cb (void        *user_data,
                  virErrorPtr  error)
{
}

G_GNUC_UNUSED static GPtrArray *
corpus_files (void)
{
  g_autofree char *dir_path = g_build_filename (VD_TEST_DATA_DIR, "domains", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  GPtrArray *files = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".xml"))
      g_ptr_array_add (files, g_build_filename (dir_path, name, NULL));
  g_ptr_array_sort (files, (GCompareFunc)g_strcmp0);

  return files;
}

G_GNUC_UNUSED static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);

  return text;
}

/* Defines @xml on the test driver and returns libvirt's inactive XML of
 * the result, or NULL (with libvirt's message in *message) if refused. */
G_GNUC_UNUSED static char *
define_and_read (const char  *xml,
                 char       **message)
{
  virDomainPtr domain = virDomainDefineXML (test_conn, xml);
  char *raw;
  char *ret;

  if (domain == NULL)
    {
      if (message != NULL)
        *message = g_strdup (virGetLastErrorMessage ());
      return NULL;
    }
  raw = virDomainGetXMLDesc (domain, VIR_DOMAIN_XML_INACTIVE | VIR_DOMAIN_XML_SECURE);
  virDomainFree (domain);
  g_assert_nonnull (raw);
  ret = g_strdup (raw);
  free (raw);

  return ret;
}

/* Node-by-node comparison: both documents parsed without blank text, the
 * nodes matching @strip (XPath) removed from both, then an element that
 * was only there to hold them (no attributes, no children left) removed
 * too; what remains must be the same tree. Returns whether anything
 * outside @strip differs, and fails if nothing inside differs. */
G_GNUC_UNUSED static xmlDoc *
parse_noblanks (const char *xml)
{
  xmlDoc *doc = xmlReadMemory (xml, (int)strlen (xml), "x.xml", NULL, XML_PARSE_NOBLANKS);

  g_assert_nonnull (doc);

  return doc;
}

G_GNUC_UNUSED static void
strip_nodes (xmlDoc             *doc,
             const char * const *strip)
{
  xmlXPathContext *ctx = xmlXPathNewContext (doc);

  for (guint i = 0; strip[i] != NULL; i++)
    {
      xmlXPathObject *obj = xmlXPathEvalExpression ((const xmlChar *)strip[i], ctx);
      xmlNodeSet *set;

      g_assert_nonnull (obj);
      set = obj->nodesetval;
      for (int j = 0; set != NULL && j < set->nodeNr; j++)
        {
          xmlNode *node = set->nodeTab[j];
          xmlNode *parent = node->parent;

          xmlUnlinkNode (node);
          xmlFreeNode (node);
          if (parent != NULL && parent->type == XML_ELEMENT_NODE && parent->children == NULL &&
              parent->properties == NULL && parent->parent != NULL &&
              parent->parent->type == XML_ELEMENT_NODE)
            {
              xmlUnlinkNode (parent);
              xmlFreeNode (parent);
            }
        }
      xmlXPathFreeObject (obj);
    }
  xmlXPathFreeContext (ctx);
}

G_GNUC_UNUSED static char *
dump (xmlDoc *doc)
{
  xmlBuffer *buffer = xmlBufferCreate ();
  char *ret;

  xmlNodeDump (buffer, doc, xmlDocGetRootElement (doc), 0, 0);
  ret = g_strdup ((const char *)xmlBufferContent (buffer));
  xmlBufferFree (buffer);

  return ret;
}

G_GNUC_UNUSED static void
assert_only_differs_in (const char         *file,
                        const char         *before,
                        const char         *after,
                        const char * const *strip)
{
  xmlDoc *a = parse_noblanks (before);
  xmlDoc *b = parse_noblanks (after);
  g_autofree char *full_a = dump (a);
  g_autofree char *full_b = dump (b);
  g_autofree char *rest_a = NULL;
  g_autofree char *rest_b = NULL;

  if (strcmp (full_a, full_b) == 0)
    g_error ("%s: the edit of %s changed nothing", file, strip[0]);

  strip_nodes (a, strip);
  strip_nodes (b, strip);
  rest_a = dump (a);
  rest_b = dump (b);
  if (strcmp (rest_a, rest_b) != 0)
    g_error ("%s: editing %s changed other nodes:\n--- before\n%s\n--- after\n%s",
             file, strip[0], rest_a, rest_b);

  xmlFreeDoc (a);
  xmlFreeDoc (b);
}

