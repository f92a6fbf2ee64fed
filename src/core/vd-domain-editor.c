/* vd-domain-editor.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-domain-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vd-domain-editor.h"
#include "vd-domain-editor-private.h"
#include "vd-error.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

/*
 * Copy-on-edit of a guest's inactive XML.
 *
 * The editor keeps libvirt's text as it came and a libxml2 document parsed
 * from it. Every setter validates first and touches the document only when
 * the value is accepted, and then only the element or attribute it owns:
 * everything else (metadata of other tools, unknown elements and devices,
 * namespaces) is never looked at.
 *
 * What libxml2 cannot keep: it writes every attribute between double quotes
 * where libvirt writes single ones, and it may escape text differently
 * (libvirt writes &apos; and &quot; in text; libxml2 writes them plain).
 * Both are the same document. So an editor with no effective change hands
 * back the original text itself, byte for byte; an edited one is libxml2's
 * serialisation, in which only the edited nodes differ from the original
 * (tests/core/test-domain-editor.c checks this node by node).
 */

/* struct _VdDomainEditor is in vd-domain-editor-private.h (shared with
 * vd-domain-editor-devices.c and vd-domain-editor-apply.c). */

G_DEFINE_FINAL_TYPE (VdDomainEditor, vd_domain_editor, G_TYPE_OBJECT)

/* libvirt's order of the top-level elements (virDomainDefFormatInternal):
 * an element the editor adds goes after the last one present before it. */
const char * const _vd_domain_order[] = {
  "name", "uuid", "genid", "title", "description", "metadata", "maxMemory", "memory",
  "currentMemory", "blkiotune", "memtune", "memoryBacking", "vcpu", "vcpus", "iothreads",
  "iothreadids", "cputune", "numatune", "resource", "sysinfo", "bootloader",
  "bootloader_args", "os", "features", "cpu", "clock", "on_poweroff", "on_reboot",
  "on_crash", "pm", "perf", "idmap", "devices", "seclabel", "keywrap", "launchSecurity",
  NULL,
};

static const char * const os_order[] = {
  "type", "firmware", "loader", "nvram", "init", "initarg", "initenv", "initdir", "inituser",
  "initgroup", "kernel", "initrd", "cmdline", "dtb", "acpi", "boot", "bootmenu", "smbios",
  "bios", NULL,
};

static const char * const lifecycle_actions[] = {
  "destroy", "restart", "rename-restart", "preserve", "coredump-destroy", "coredump-restart",
  NULL,
};

static const char * const boot_devices[] = { "hd", "cdrom", "network", "fd", NULL };

static gboolean
is_element (xmlNode    *node,
            const char *name)
{
  return node != NULL && node->type == XML_ELEMENT_NODE && node->ns == NULL &&
         (name == NULL || strcmp ((const char *)node->name, name) == 0);
}

static xmlNode *
find_child (xmlNode    *parent,
            const char *name)
{
  if (parent == NULL)
    return NULL;

  for (xmlNode *child = parent->children; child != NULL; child = child->next)
    if (is_element (child, name))
      return child;

  return NULL;
}

/* "os/boot" style: the first match of each step */
static xmlNode *
find_path (xmlDoc     *doc,
           const char *path)
{
  g_auto(GStrv) steps = g_strsplit (path, "/", -1);
  xmlNode *node = xmlDocGetRootElement (doc);

  for (guint i = 0; steps[i] != NULL && node != NULL; i++)
    node = find_child (node, steps[i]);

  return node;
}

static char *
get_prop (xmlNode    *node,
          const char *name)
{
  xmlChar *value;
  char *ret;

  if (node == NULL)
    return NULL;
  value = xmlGetNoNsProp (node, (const xmlChar *)name);
  ret = g_strdup ((const char *)value);
  xmlFree (value);

  return ret;
}

static char *
get_text (xmlNode *node)
{
  xmlChar *value;
  char *ret;

  if (node == NULL)
    return NULL;
  value = xmlNodeGetContent (node);
  ret = g_strdup ((const char *)value);
  xmlFree (value);

  return ret;
}

static guint64
get_uint_prop (xmlNode    *node,
               const char *name,
               guint64     fallback)
{
  g_autofree char *value = get_prop (node, name);
  guint64 ret;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT64, &ret, NULL))
    return fallback;

  return ret;
}

/* Sets an attribute only when its value changes, so an unchanged one keeps
 * its place in the attribute list. */
static void
set_prop (xmlNode    *node,
          const char *name,
          const char *value)
{
  g_autofree char *old = get_prop (node, name);

  if (g_strcmp0 (old, value) == 0)
    return;
  if (value == NULL)
    xmlUnsetProp (node, (const xmlChar *)name);
  else
    xmlSetProp (node, (const xmlChar *)name, (const xmlChar *)value);
}

static void
set_uint_prop (xmlNode    *node,
               const char *name,
               guint64     value)
{
  g_autofree char *text = g_strdup_printf ("%" G_GUINT64_FORMAT, value);

  set_prop (node, name, text);
}

static void
set_text (xmlNode    *node,
          const char *text)
{
  g_autofree char *old = get_text (node);

  if (g_strcmp0 (old, text) == 0)
    return;
  /* NULL then AddContent: the text is taken literally, never parsed for
   * entity references. */
  xmlNodeSetContent (node, NULL);
  xmlNodeAddContent (node, (const xmlChar *)text);
}

static guint
node_depth (xmlNode *node)
{
  guint depth = 0;

  for (xmlNode *parent = node->parent; parent != NULL && parent->type == XML_ELEMENT_NODE;
       parent = parent->parent)
    depth++;

  return depth;
}

static xmlNode *
new_indent (xmlDoc *doc,
            guint   depth)
{
  g_autofree char *text = g_strnfill (depth * 2 + 1, ' ');

  text[0] = '\n';

  return xmlNewDocText (doc, (const xmlChar *)text);
}

static int
order_index (const char * const *order,
             const char         *name)
{
  for (int i = 0; order[i] != NULL; i++)
    if (strcmp (order[i], name) == 0)
      return i;

  return -1;
}

/* Inserts @child into @parent where libvirt would write it, indented like
 * its siblings. */
static void
insert_child (xmlNode            *parent,
              xmlNode            *child,
              const char * const *order)
{
  int index = order_index (order, (const char *)child->name);
  guint depth = node_depth (parent) + 1;
  xmlNode *after = NULL;
  xmlNode *first = NULL;

  for (xmlNode *node = parent->children; node != NULL; node = node->next)
    {
      int node_index;

      if (node->type != XML_ELEMENT_NODE)
        continue;
      if (first == NULL)
        first = node;
      node_index = node->ns == NULL ? order_index (order, (const char *)node->name) : -1;
      if (node_index >= 0 && node_index <= index)
        after = node;
    }

  if (after != NULL)
    {
      xmlNode *indent = xmlAddNextSibling (after, new_indent (parent->doc, depth));

      xmlAddNextSibling (indent, child);
    }
  else if (first != NULL)
    {
      xmlAddPrevSibling (first, child);
      xmlAddNextSibling (child, new_indent (parent->doc, depth));
    }
  else
    {
      xmlNodeSetContent (parent, NULL);
      xmlAddChild (parent, new_indent (parent->doc, depth));
      xmlAddChild (parent, child);
      xmlAddChild (parent, new_indent (parent->doc, depth - 1));
    }
}

static xmlNode *
ensure_child (xmlNode            *parent,
              const char         *name,
              const char * const *order)
{
  xmlNode *child = find_child (parent, name);

  if (child == NULL)
    {
      child = xmlNewDocNode (parent->doc, NULL, (const xmlChar *)name, NULL);
      insert_child (parent, child, order);
    }

  return child;
}

/* Removes @node with the indentation in front of it. */
static void
remove_node (xmlNode *node)
{
  xmlNode *prev = node->prev;

  if (prev != NULL && prev->type == XML_TEXT_NODE && xmlIsBlankNode (prev))
    {
      xmlUnlinkNode (prev);
      xmlFreeNode (prev);
    }
  xmlUnlinkNode (node);
  xmlFreeNode (node);
}

static char *
serialise (xmlDoc *doc)
{
  xmlBuffer *buffer = xmlBufferCreate ();
  char *ret;

  xmlNodeDump (buffer, doc, xmlDocGetRootElement (doc), 0, 0);
  ret = g_strconcat ((const char *)xmlBufferContent (buffer), "\n", NULL);
  xmlBufferFree (buffer);

  return ret;
}

static xmlDoc *
parse (const char  *xml,
       GError     **error)
{
  xmlDoc *doc;
  xmlNode *root;

  doc = xmlReadMemory (xml, (int)strlen (xml), "domain.xml", NULL,
                       XML_PARSE_NONET | XML_PARSE_NOWARNING | XML_PARSE_NOERROR);
  root = doc != NULL ? xmlDocGetRootElement (doc) : NULL;
  if (!is_element (root, "domain"))
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                           _("The guest’s configuration is not a libvirt domain description"));
      g_clear_pointer (&doc, xmlFreeDoc);
    }

  return doc;
}

static gboolean
parse_uint (const char *text,
            guint64    *value)
{
  return text != NULL && g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT64, value, NULL);
}

static guint64
element_kib (xmlNode *node)
{
  g_autofree char *text = get_text (node);
  g_autofree char *unit = get_prop (node, "unit");
  guint64 kib = 0;

  if (text != NULL)
    g_strstrip (text);
  if (!vd_domain_editor_parse_size (text, unit, &kib, NULL))
    return 0;

  return kib;
}

/* Writes @kib into a memory-like element, leaving it alone when it already
 * says that (in whatever unit it uses). */
static void
set_element_kib (xmlNode *node,
                 guint64  kib)
{
  g_autofree char *text = NULL;

  if (element_kib (node) == kib)
    return;
  text = g_strdup_printf ("%" G_GUINT64_FORMAT, kib);
  set_prop (node, "unit", "KiB");
  set_text (node, text);
}

static void
vd_domain_editor_finalize (GObject *object)
{
  VdDomainEditor *self = (VdDomainEditor *)object;

  g_clear_pointer (&self->original, g_free);
  g_clear_pointer (&self->baseline, g_free);
  g_clear_pointer (&self->doc, xmlFreeDoc);

  G_OBJECT_CLASS (vd_domain_editor_parent_class)->finalize (object);
}

static void
vd_domain_editor_class_init (VdDomainEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vd_domain_editor_finalize;
}

static void
vd_domain_editor_init (VdDomainEditor *self)
{
}

gboolean
_vd_domain_editor_load (VdDomainEditor  *self,
                        const char      *xml,
                        GError         **error)
{
  xmlDoc *doc = parse (xml, error);

  if (doc == NULL)
    return FALSE;

  g_clear_pointer (&self->doc, xmlFreeDoc);
  self->doc = doc;
  g_free (self->original);
  self->original = g_strdup (xml);
  g_free (self->baseline);
  self->baseline = serialise (doc);
  _vd_domain_editor_assign_device_ids (self);

  return TRUE;
}

/**
 * vd_domain_editor_new_from_xml:
 * @xml: a domain's inactive XML as libvirt returned it
 *
 * Returns: (transfer full): an editor over a copy of @xml, or %NULL with
 *   @error set when @xml is not a domain description
 */
VdDomainEditor *
vd_domain_editor_new_from_xml (const char  *xml,
                               GError     **error)
{
  g_autoptr(VdDomainEditor) self = NULL;

  g_return_val_if_fail (xml != NULL, NULL);

  self = g_object_new (VD_TYPE_DOMAIN_EDITOR, NULL);
  if (!_vd_domain_editor_load (self, xml, error))
    return NULL;

  return g_steal_pointer (&self);
}

const char *
vd_domain_editor_get_original_xml (VdDomainEditor *self)
{
  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), NULL);

  return self->original;
}

/**
 * vd_domain_editor_is_dirty:
 *
 * Returns: whether the document differs from the one it was made from
 *   (setting a field to the value it had is no change)
 */
gboolean
vd_domain_editor_is_dirty (VdDomainEditor *self)
{
  g_autofree char *current = NULL;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  current = serialise (self->doc);

  return strcmp (current, self->baseline) != 0;
}

/**
 * vd_domain_editor_get_xml:
 *
 * Returns: (transfer full): the edited XML; the original text, byte for
 *   byte, when nothing changed
 */
char *
vd_domain_editor_get_xml (VdDomainEditor *self)
{
  char *current;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), NULL);

  current = serialise (self->doc);
  if (strcmp (current, self->baseline) == 0)
    {
      g_free (current);
      return g_strdup (self->original);
    }

  return current;
}

/**
 * vd_domain_editor_revert:
 *
 * Drops every edit.
 */
void
vd_domain_editor_revert (VdDomainEditor *self)
{
  g_autofree char *original = NULL;

  g_return_if_fail (VD_IS_DOMAIN_EDITOR (self));

  original = g_strdup (self->original);
  if (!_vd_domain_editor_load (self, original, NULL))
    g_assert_not_reached ();
}

/**
 * vd_domain_editor_parse_size:
 * @value: a decimal integer
 * @unit: (nullable): one of libvirt's units (b, bytes, KB, k, KiB, MB, M,
 *   MiB, GB, G, GiB, TB, T, TiB, PB, P, PiB, EB, E, EiB); %NULL means KiB
 * @kib: (out): the size in KiB, rounded up
 *
 * Returns: whether @value and @unit make a size
 */
gboolean
vd_domain_editor_parse_size (const char  *value,
                             const char  *unit,
                             guint64     *kib,
                             GError     **error)
{
  static const struct { const char *name; guint64 bytes; } units[] = {
    { "b", 1 }, { "bytes", 1 },
    { "KB", 1000ull }, { "k", 1024ull }, { "KiB", 1024ull },
    { "MB", 1000000ull }, { "M", 1048576ull }, { "MiB", 1048576ull },
    { "GB", 1000000000ull }, { "G", 1073741824ull }, { "GiB", 1073741824ull },
    { "TB", 1000000000000ull }, { "T", 1099511627776ull }, { "TiB", 1099511627776ull },
    { "PB", 1000000000000000ull }, { "P", 1125899906842624ull },
    { "PiB", 1125899906842624ull },
    { "EB", 1000000000000000000ull }, { "E", 1152921504606846976ull },
    { "EiB", 1152921504606846976ull },
  };
  guint64 number;
  guint64 scale = 0;

  if (!parse_uint (value, &number))
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a whole number"), value != NULL ? value : "");
      return FALSE;
    }

  if (unit == NULL)
    scale = 1024;
  for (guint i = 0; scale == 0 && i < G_N_ELEMENTS (units); i++)
    if (strcmp (units[i].name, unit) == 0 ||
        (strlen (unit) == 1 && g_ascii_tolower (unit[0]) == g_ascii_tolower (units[i].name[0]) &&
         strlen (units[i].name) == 1))
      scale = units[i].bytes;
  if (scale == 0)
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a unit of size"), unit);
      return FALSE;
    }

  if (number > G_MAXUINT64 / scale)
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("%s %s is too large"), value, unit);
      return FALSE;
    }

  *kib = (number * scale + 1023) / 1024;

  return TRUE;
}

/* The guest's UUID as the document gives it, for apply. */
char *
_vd_domain_editor_get_uuid (VdDomainEditor *self)
{
  char *uuid = get_text (find_path (self->doc, "uuid"));

  return uuid != NULL ? g_strstrip (uuid) : NULL;
}

/* Title and description */

char *
vd_domain_editor_get_title (VdDomainEditor *self)
{
  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), NULL);

  return get_text (find_path (self->doc, "title"));
}

static void
set_optional_text (VdDomainEditor *self,
                   const char     *name,
                   const char     *text)
{
  xmlNode *node = find_path (self->doc, name);

  if (text == NULL || *text == '\0')
    {
      if (node != NULL)
        remove_node (node);
      return;
    }

  node = ensure_child (xmlDocGetRootElement (self->doc), name, _vd_domain_order);
  set_text (node, text);
}

/**
 * vd_domain_editor_set_title:
 * @title: (nullable): the short title; %NULL or "" removes it
 *
 * Returns: %FALSE when the title holds a line break (libvirt refuses it)
 */
gboolean
vd_domain_editor_set_title (VdDomainEditor  *self,
                            const char      *title,
                            GError         **error)
{
  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  if (title != NULL && strpbrk (title, "\r\n") != NULL)
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                           _("A title must fit on one line"));
      return FALSE;
    }
  if (title != NULL && !g_utf8_validate (title, -1, NULL))
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                           _("The title is not valid UTF-8"));
      return FALSE;
    }

  set_optional_text (self, "title", title);

  return TRUE;
}

char *
vd_domain_editor_get_description (VdDomainEditor *self)
{
  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), NULL);

  return get_text (find_path (self->doc, "description"));
}

/**
 * vd_domain_editor_set_description:
 * @description: (nullable): free text; %NULL or "" removes it
 */
gboolean
vd_domain_editor_set_description (VdDomainEditor  *self,
                                  const char      *description,
                                  GError         **error)
{
  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  if (description != NULL && !g_utf8_validate (description, -1, NULL))
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                           _("The description is not valid UTF-8"));
      return FALSE;
    }

  set_optional_text (self, "description", description);

  return TRUE;
}

/* Memory */

/**
 * vd_domain_editor_get_memory:
 *
 * Returns: the current memory in KiB (the maximum when no current is set)
 */
guint64
vd_domain_editor_get_memory (VdDomainEditor *self)
{
  xmlNode *current;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), 0);

  current = find_path (self->doc, "currentMemory");

  return current != NULL ? element_kib (current) : vd_domain_editor_get_max_memory (self);
}

guint64
vd_domain_editor_get_max_memory (VdDomainEditor *self)
{
  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), 0);

  return element_kib (find_path (self->doc, "memory"));
}

/**
 * vd_domain_editor_set_memory:
 * @current_kib: memory the guest gets at boot, KiB
 * @maximum_kib: the most it may have, KiB
 *
 * Refuses zero, a current above the maximum, and a new maximum for a guest
 * whose memory is given per NUMA cell. Only an element whose value changes
 * is rewritten (in KiB).
 */
gboolean
vd_domain_editor_set_memory (VdDomainEditor  *self,
                             guint64          current_kib,
                             guint64          maximum_kib,
                             GError         **error)
{
  xmlNode *root;
  xmlNode *memory;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  if (current_kib == 0 || maximum_kib == 0)
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                           _("A guest needs some memory"));
      return FALSE;
    }
  if (current_kib > maximum_kib)
    {
      g_autofree char *current_text = g_strdup_printf ("%" G_GUINT64_FORMAT, current_kib);
      g_autofree char *maximum_text = g_strdup_printf ("%" G_GUINT64_FORMAT, maximum_kib);

      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("The current memory (%s KiB) is more than the maximum (%s KiB)"),
                   current_text, maximum_text);
      return FALSE;
    }
  if (maximum_kib != vd_domain_editor_get_max_memory (self) &&
      find_child (find_path (self->doc, "cpu/numa"), "cell") != NULL)
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_NOT_SUPPORTED,
                           _("This guest’s maximum memory is the sum of its NUMA cells: "
                             "change the cells instead"));
      return FALSE;
    }

  root = xmlDocGetRootElement (self->doc);
  memory = ensure_child (root, "memory", _vd_domain_order);
  set_element_kib (memory, maximum_kib);
  if (current_kib != vd_domain_editor_get_memory (self))
    set_element_kib (ensure_child (root, "currentMemory", _vd_domain_order), current_kib);

  return TRUE;
}

/* vCPUs and topology */

guint
vd_domain_editor_get_max_vcpus (VdDomainEditor *self)
{
  g_autofree char *text = NULL;
  guint64 value = 1;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), 0);

  text = get_text (find_path (self->doc, "vcpu"));
  if (text != NULL)
    g_strstrip (text);
  if (!parse_uint (text, &value) || value > G_MAXUINT)
    return 1;

  return (guint)value;
}

guint
vd_domain_editor_get_vcpus (VdDomainEditor *self)
{
  guint max;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), 0);

  max = vd_domain_editor_get_max_vcpus (self);

  return (guint)get_uint_prop (find_path (self->doc, "vcpu"), "current", max);
}

static guint64
topology_product (xmlNode *topology,
                  guint64  sockets,
                  guint64  cores,
                  guint64  threads)
{
  return sockets * cores * threads *
         get_uint_prop (topology, "dies", 1) * get_uint_prop (topology, "clusters", 1);
}

/**
 * vd_domain_editor_get_cpu_topology:
 *
 * Returns: %FALSE when the guest has no topology (outs untouched)
 */
gboolean
vd_domain_editor_get_cpu_topology (VdDomainEditor *self,
                                   guint          *sockets,
                                   guint          *cores,
                                   guint          *threads)
{
  xmlNode *topology;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  topology = find_path (self->doc, "cpu/topology");
  if (topology == NULL)
    return FALSE;
  if (sockets != NULL)
    *sockets = (guint)get_uint_prop (topology, "sockets", 1);
  if (cores != NULL)
    *cores = (guint)get_uint_prop (topology, "cores", 1);
  if (threads != NULL)
    *threads = (guint)get_uint_prop (topology, "threads", 1);

  return TRUE;
}

/**
 * vd_domain_editor_set_vcpus:
 *
 * Refuses zero, a current count above the maximum, a maximum that the CPU
 * topology does not multiply to (remove or change the topology first), and
 * a new maximum for a guest that lists its vCPUs one by one, pins a vCPU
 * above it or assigns its vCPUs to NUMA cells.
 */
gboolean
vd_domain_editor_set_vcpus (VdDomainEditor  *self,
                            guint            current,
                            guint            maximum,
                            GError         **error)
{
  xmlNode *topology;
  xmlNode *vcpu;
  xmlNode *cputune;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  if (current == 0 || maximum == 0)
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                           _("A guest needs at least one vCPU"));
      return FALSE;
    }
  if (current > maximum)
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("%u vCPUs are more than the maximum of %u"), current, maximum);
      return FALSE;
    }

  topology = find_path (self->doc, "cpu/topology");
  if (topology != NULL)
    {
      guint64 product = topology_product (topology, get_uint_prop (topology, "sockets", 1),
                                          get_uint_prop (topology, "cores", 1),
                                          get_uint_prop (topology, "threads", 1));

      if (product != maximum)
        {
          g_autofree char *product_text = g_strdup_printf ("%" G_GUINT64_FORMAT, product);

          g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                       _("The CPU topology makes %s vCPUs, not %u: change the topology too"),
                       product_text, maximum);
          return FALSE;
        }
    }

  if (maximum != vd_domain_editor_get_max_vcpus (self))
    {
      if (find_path (self->doc, "vcpus") != NULL ||
          find_child (find_path (self->doc, "cpu/numa"), "cell") != NULL)
        {
          g_set_error_literal (error, VD_ERROR, VD_ERROR_NOT_SUPPORTED,
                               _("This guest assigns its vCPUs one by one or to NUMA cells: "
                                 "its maximum cannot change here"));
          return FALSE;
        }

      cputune = find_path (self->doc, "cputune");
      for (xmlNode *pin = cputune != NULL ? cputune->children : NULL; pin != NULL; pin = pin->next)
        if (is_element (pin, "vcpupin") && get_uint_prop (pin, "vcpu", 0) >= maximum)
          {
            guint64 pinned = get_uint_prop (pin, "vcpu", 0);
            g_autofree char *pinned_text = g_strdup_printf ("%" G_GUINT64_FORMAT, pinned);
            g_autofree char *keep_text = g_strdup_printf ("%" G_GUINT64_FORMAT, pinned + 1);

            g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                         _("vCPU %s is pinned: keep at least %s vCPUs or unpin it"),
                         pinned_text, keep_text);
            return FALSE;
          }
    }

  vcpu = ensure_child (xmlDocGetRootElement (self->doc), "vcpu", _vd_domain_order);
  if (maximum != vd_domain_editor_get_max_vcpus (self) || find_child (vcpu, NULL) != NULL)
    {
      g_autofree char *text = g_strdup_printf ("%u", maximum);

      set_text (vcpu, text);
    }
  if (current == maximum)
    set_prop (vcpu, "current", NULL);
  else
    set_uint_prop (vcpu, "current", current);

  return TRUE;
}

/**
 * vd_domain_editor_set_cpu_topology:
 *
 * Sets sockets × cores × threads (times any dies and clusters the guest
 * has), which must equal the maximum vCPU count. All three 0 removes the
 * topology.
 */
gboolean
vd_domain_editor_set_cpu_topology (VdDomainEditor  *self,
                                   guint            sockets,
                                   guint            cores,
                                   guint            threads,
                                   GError         **error)
{
  xmlNode *cpu;
  xmlNode *topology;
  guint max;
  guint64 product;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  topology = find_path (self->doc, "cpu/topology");
  if (sockets == 0 && cores == 0 && threads == 0)
    {
      if (topology != NULL)
        remove_node (topology);
      return TRUE;
    }
  if (sockets == 0 || cores == 0 || threads == 0)
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                           _("Sockets, cores and threads must each be at least 1"));
      return FALSE;
    }

  max = vd_domain_editor_get_max_vcpus (self);
  product = topology_product (topology, sockets, cores, threads);
  if (product != max)
    {
      g_autofree char *product_text = g_strdup_printf ("%" G_GUINT64_FORMAT, product);

      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("%u sockets × %u cores × %u threads make %s vCPUs, but the guest has %u"),
                   sockets, cores, threads, product_text, max);
      return FALSE;
    }

  cpu = ensure_child (xmlDocGetRootElement (self->doc), "cpu", _vd_domain_order);
  if (topology == NULL)
    {
      static const char * const cpu_order[] = { "model", "vendor", "topology", NULL };

      topology = xmlNewDocNode (self->doc, NULL, (const xmlChar *)"topology", NULL);
      insert_child (cpu, topology, cpu_order);
    }
  set_uint_prop (topology, "sockets", sockets);
  set_uint_prop (topology, "cores", cores);
  set_uint_prop (topology, "threads", threads);

  return TRUE;
}

/* Lifecycle */

static char *
lifecycle_element (const char  *event,
                   GError     **error)
{
  if (g_strcmp0 (event, "poweroff") == 0 || g_strcmp0 (event, "reboot") == 0 ||
      g_strcmp0 (event, "crash") == 0)
    return g_strconcat ("on_", event, NULL);

  g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
               _("“%s” is not a lifecycle event"), event != NULL ? event : "");

  return NULL;
}

/**
 * vd_domain_editor_get_lifecycle:
 * @event: "poweroff", "reboot" or "crash"
 *
 * Returns: (transfer full) (nullable): what libvirt does on @event, the
 *   hypervisor's default when the guest sets nothing
 */
char *
vd_domain_editor_get_lifecycle (VdDomainEditor *self,
                                const char     *event)
{
  g_autofree char *name = NULL;
  char *action;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), NULL);

  name = lifecycle_element (event, NULL);
  if (name == NULL)
    return NULL;
  action = get_text (find_path (self->doc, name));
  if (action != NULL)
    return g_strstrip (action);

  return g_strdup (strcmp (event, "reboot") == 0 ? "restart" : "destroy");
}

/**
 * vd_domain_editor_set_lifecycle:
 * @event: "poweroff", "reboot" or "crash"
 * @action: destroy, restart, rename-restart, preserve; for "crash" also
 *   coredump-destroy and coredump-restart
 */
gboolean
vd_domain_editor_set_lifecycle (VdDomainEditor  *self,
                                const char      *event,
                                const char      *action,
                                GError         **error)
{
  g_autofree char *name = NULL;
  g_autofree char *old = NULL;
  xmlNode *node;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  name = lifecycle_element (event, error);
  if (name == NULL)
    return FALSE;
  if (action == NULL || !g_strv_contains (lifecycle_actions, action) ||
      (g_str_has_prefix (action, "coredump-") && strcmp (event, "crash") != 0))
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not something libvirt can do on %s"),
                   action != NULL ? action : "", name);
      return FALSE;
    }

  old = vd_domain_editor_get_lifecycle (self, event);
  node = find_path (self->doc, name);
  if (node == NULL && g_strcmp0 (old, action) == 0)
    return TRUE;

  node = ensure_child (xmlDocGetRootElement (self->doc), name, _vd_domain_order);
  set_text (node, action);

  return TRUE;
}

/* Boot */

/**
 * vd_domain_editor_get_boot_order:
 *
 * Returns: (transfer full): the os/boot devices in order (may be empty)
 */
GStrv
vd_domain_editor_get_boot_order (VdDomainEditor *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  xmlNode *os;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), NULL);

  os = find_path (self->doc, "os");
  for (xmlNode *node = os != NULL ? os->children : NULL; node != NULL; node = node->next)
    if (is_element (node, "boot"))
      {
        g_autofree char *dev = get_prop (node, "dev");

        if (dev != NULL)
          g_strv_builder_add (builder, dev);
      }

  return g_strv_builder_end (builder);
}

static gboolean
has_device_boot_order (xmlDoc *doc)
{
  xmlNode *devices = find_path (doc, "devices");

  for (xmlNode *device = devices != NULL ? devices->children : NULL; device != NULL;
       device = device->next)
    if (device->type == XML_ELEMENT_NODE && find_child (device, "boot") != NULL)
      return TRUE;

  return FALSE;
}

/**
 * vd_domain_editor_set_boot_order:
 * @devices: hd, cdrom, network, fd in the order to try them, each at most
 *   once; empty leaves the choice to the hypervisor
 *
 * Refused for a guest that orders its boot per device (libvirt allows one
 * way or the other). Existing &lt;boot&gt; elements are rewritten in place.
 */
gboolean
vd_domain_editor_set_boot_order (VdDomainEditor      *self,
                                 const char * const  *devices,
                                 GError             **error)
{
  g_autoptr(GPtrArray) old = g_ptr_array_new ();
  xmlNode *os;
  guint n = devices != NULL ? g_strv_length ((GStrv)devices) : 0;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  for (guint i = 0; i < n; i++)
    {
      if (!g_strv_contains (boot_devices, devices[i]))
        {
          g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                       _("“%s” is not a boot device"), devices[i]);
          return FALSE;
        }
      for (guint j = 0; j < i; j++)
        if (strcmp (devices[i], devices[j]) == 0)
          {
            g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                         _("“%s” is in the boot order twice"), devices[i]);
            return FALSE;
          }
    }
  if (n > 0 && has_device_boot_order (self->doc))
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_NOT_SUPPORTED,
                           _("This guest sets its boot order per device"));
      return FALSE;
    }

  os = find_path (self->doc, "os");
  if (os == NULL)
    {
      if (n == 0)
        return TRUE;
      os = ensure_child (xmlDocGetRootElement (self->doc), "os", _vd_domain_order);
    }
  for (xmlNode *node = os->children; node != NULL; node = node->next)
    if (is_element (node, "boot"))
      g_ptr_array_add (old, node);

  for (guint i = 0; i < MAX (n, old->len); i++)
    {
      if (i < n && i < old->len)
        set_prop (old->pdata[i], "dev", devices[i]);
      else if (i < old->len)
        remove_node (old->pdata[i]);
      else
        {
          xmlNode *boot = xmlNewDocNode (self->doc, NULL, (const xmlChar *)"boot", NULL);

          xmlSetProp (boot, (const xmlChar *)"dev", (const xmlChar *)devices[i]);
          insert_child (os, boot, os_order);
        }
    }

  return TRUE;
}

/**
 * vd_domain_editor_get_boot_menu:
 * @timeout_ms: (out) (optional): the menu's timeout, 0 for none
 *
 * Returns: whether the boot menu is on
 */
gboolean
vd_domain_editor_get_boot_menu (VdDomainEditor *self,
                                guint          *timeout_ms)
{
  xmlNode *menu;
  g_autofree char *enable = NULL;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  menu = find_path (self->doc, "os/bootmenu");
  enable = get_prop (menu, "enable");
  if (timeout_ms != NULL)
    *timeout_ms = (guint)get_uint_prop (menu, "timeout", 0);

  return g_strcmp0 (enable, "yes") == 0;
}

/**
 * vd_domain_editor_set_boot_menu:
 * @timeout_ms: how long the menu waits, 0 for no timeout; at most 65535
 */
gboolean
vd_domain_editor_set_boot_menu (VdDomainEditor  *self,
                                gboolean         enabled,
                                guint            timeout_ms,
                                GError         **error)
{
  xmlNode *os;
  xmlNode *menu;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  if (timeout_ms > 65535)
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("The boot menu can wait at most 65535 ms, not %u"), timeout_ms);
      return FALSE;
    }

  menu = find_path (self->doc, "os/bootmenu");
  if (menu == NULL && !enabled)
    return TRUE;

  os = ensure_child (xmlDocGetRootElement (self->doc), "os", _vd_domain_order);
  menu = ensure_child (os, "bootmenu", os_order);
  set_prop (menu, "enable", enabled ? "yes" : "no");
  if (enabled && timeout_ms > 0)
    set_uint_prop (menu, "timeout", timeout_ms);
  else
    set_prop (menu, "timeout", NULL);

  return TRUE;
}

/* The XML helpers above, for the other files of the editor
 * (vd-domain-editor-private.h). */

gboolean
_vd_xml_is_element (xmlNode    *node,
                    const char *name)
{
  return is_element (node, name);
}

xmlNode *
_vd_xml_find_child (xmlNode    *parent,
                    const char *name)
{
  return find_child (parent, name);
}

xmlNode *
_vd_xml_find_path (xmlDoc     *doc,
                   const char *path)
{
  return find_path (doc, path);
}

char *
_vd_xml_get_prop (xmlNode    *node,
                  const char *name)
{
  return get_prop (node, name);
}

void
_vd_xml_set_prop (xmlNode    *node,
                  const char *name,
                  const char *value)
{
  set_prop (node, name, value);
}

char *
_vd_xml_get_text (xmlNode *node)
{
  return get_text (node);
}

void
_vd_xml_set_text (xmlNode    *node,
                  const char *text)
{
  set_text (node, text);
}

void
_vd_xml_insert_child (xmlNode            *parent,
                      xmlNode            *child,
                      const char * const *order)
{
  insert_child (parent, child, order);
}

xmlNode *
_vd_xml_ensure_child (xmlNode            *parent,
                      const char         *name,
                      const char * const *order)
{
  return ensure_child (parent, name, order);
}

void
_vd_xml_remove_node (xmlNode *node)
{
  remove_node (node);
}

xmlDoc *
_vd_domain_editor_parse (const char  *xml,
                         GError     **error)
{
  return parse (xml, error);
}

xmlNode *
_vd_xml_ensure_devices (xmlDoc *doc)
{
  return ensure_child (xmlDocGetRootElement (doc), "devices", _vd_domain_order);
}
