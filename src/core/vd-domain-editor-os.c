/* vd-domain-editor-os.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-domain-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vd-domain-editor-private.h"
#include "vd-error.h"

/*
 * The guest's operating system as libosinfo names it, kept where
 * virt-install, virt-manager, GNOME Boxes and the New VM wizard keep it:
 *
 *   <metadata>
 *     <libosinfo:libosinfo xmlns:libosinfo="http://libosinfo.org/xmlns/libvirt/domain/1.0">
 *       <libosinfo:os id="http://debian.org/debian/12"/>
 *     </libosinfo:libosinfo>
 *   </metadata>
 *
 * Setting it changes the os element's id, or adds what is missing; the
 * other children of <metadata> and of libosinfo's element (other tools'
 * data) are never touched. Clearing it removes the os element, and the
 * libosinfo element or <metadata> only when that leaves them empty.
 */

#define LIBOSINFO_NS "http://libosinfo.org/xmlns/libvirt/domain/1.0"

static const char * const no_order[] = { NULL };

static gboolean
is_libosinfo (xmlNode    *node,
              const char *name)
{
  return node->type == XML_ELEMENT_NODE && node->ns != NULL && node->ns->href != NULL &&
         strcmp ((const char *)node->ns->href, LIBOSINFO_NS) == 0 &&
         strcmp ((const char *)node->name, name) == 0;
}

static xmlNode *
find_libosinfo_child (xmlNode    *parent,
                      const char *name)
{
  if (parent == NULL)
    return NULL;
  for (xmlNode *node = parent->children; node != NULL; node = node->next)
    if (is_libosinfo (node, name))
      return node;
  return NULL;
}

static gboolean
has_element_children (xmlNode *node)
{
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE)
      return TRUE;
  return FALSE;
}

/**
 * vd_domain_editor_get_os_id:
 *
 * Returns: (transfer full) (nullable): the libosinfo id of the guest's OS
 *   ("http://debian.org/debian/12"), %NULL when none is recorded
 */
char *
vd_domain_editor_get_os_id (VdDomainEditor *self)
{
  xmlNode *info;
  xmlNode *os;
  char *id;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), NULL);

  info = find_libosinfo_child (_vd_xml_find_path (self->doc, "metadata"), "libosinfo");
  os = find_libosinfo_child (info, "os");
  if (os == NULL)
    return NULL;
  id = _vd_xml_get_prop (os, "id");
  if (id != NULL && *id == '\0')
    g_clear_pointer (&id, g_free);
  return id;
}

/**
 * vd_domain_editor_set_os_id:
 * @id: (nullable): a libosinfo id; %NULL or "" removes the record
 *
 * Returns: %FALSE when @id is not a URI
 */
gboolean
vd_domain_editor_set_os_id (VdDomainEditor  *self,
                            const char      *id,
                            GError         **error)
{
  xmlNode *root;
  xmlNode *metadata;
  xmlNode *info;
  xmlNode *os;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  if (id != NULL && *id == '\0')
    id = NULL;
  if (id != NULL && (!g_uri_is_valid (id, G_URI_FLAGS_NONE, NULL) ||
                     strpbrk (id, " \t\r\n") != NULL))
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                           _("An OS is named by a libosinfo id, a URI such as "
                             "http://debian.org/debian/12"));
      return FALSE;
    }

  root = xmlDocGetRootElement (self->doc);
  metadata = _vd_xml_find_child (root, "metadata");
  info = find_libosinfo_child (metadata, "libosinfo");
  os = find_libosinfo_child (info, "os");

  if (id == NULL)
    {
      if (os == NULL)
        return TRUE;
      _vd_xml_remove_node (os);
      if (!has_element_children (info))
        _vd_xml_remove_node (info);
      if (!has_element_children (metadata))
        _vd_xml_remove_node (metadata);
      return TRUE;
    }

  if (os == NULL)
    {
      if (metadata == NULL)
        metadata = _vd_xml_ensure_child (root, "metadata", _vd_domain_order);
      if (info == NULL)
        {
          xmlNs *ns;

          info = xmlNewDocNode (self->doc, NULL, BAD_CAST "libosinfo", NULL);
          ns = xmlNewNs (info, BAD_CAST LIBOSINFO_NS, BAD_CAST "libosinfo");
          xmlSetNs (info, ns);
          _vd_xml_insert_child (metadata, info, no_order);
        }
      os = xmlNewDocNode (self->doc, info->ns, BAD_CAST "os", NULL);
      _vd_xml_insert_child (info, os, no_order);
    }
  _vd_xml_set_prop (os, "id", id);

  return TRUE;
}
