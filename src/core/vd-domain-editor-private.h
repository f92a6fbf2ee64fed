/* vd-domain-editor-private.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libxml/tree.h>

#include "vd-domain-editor.h"
#include "vd-domain-editor-devices.h"

G_BEGIN_DECLS

struct _VdDomainEditor
{
  GObject   parent_instance;

  char     *original;   /* libvirt's text */
  char     *baseline;   /* libxml2's serialisation of the unedited text */
  xmlDoc   *doc;        /* the working copy */

  /* vd-domain-editor-devices.c: the next index of each kind, for the ids
   * of added devices (never reused within one load) */
  guint     next_index[VD_DEVICE_KIND_OTHER + 1];

  /* vd-domain-editor-apply.c: what the last apply left for the next boot */
  gboolean  needs_restart;
};

/* Shared by vd-domain-editor.c and vd-domain-editor-apply.c (main thread). */
gboolean  _vd_domain_editor_load     (VdDomainEditor  *self,
                                      const char      *xml,
                                      GError         **error);
char     *_vd_domain_editor_get_uuid (VdDomainEditor  *self);
xmlDoc   *_vd_domain_editor_parse    (const char      *xml,
                                      GError         **error);

/* vd-domain-editor-devices.c */
void         _vd_domain_editor_assign_device_ids (VdDomainEditor *self);
void         _vd_device_ids_assign               (xmlDoc         *doc,
                                                  guint          *next_index);
const char  *_vd_device_node_get_id              (xmlNode        *node);
VdDeviceKind _vd_device_node_get_kind            (xmlNode        *node);
xmlNode     *_vd_device_find_by_id               (xmlDoc         *doc,
                                                  const char     *id);
gboolean     _vd_device_kind_is_hotpluggable     (xmlNode        *node);

#define VD_KIND_BIT(kind) (1u << (kind))
#define VD_KINDS_DISK (VD_KIND_BIT (VD_DEVICE_KIND_DISK) | VD_KIND_BIT (VD_DEVICE_KIND_CDROM) | \
                       VD_KIND_BIT (VD_DEVICE_KIND_FLOPPY))

/* The device @id of one of @kinds (VD_KIND_BIT), or NULL with @error set */
xmlNode     *_vd_device_lookup  (VdDomainEditor     *self,
                                 const char         *id,
                                 guint               kinds,
                                 GError            **error);

/* An attribute of a device or of one of its children: what it owns */
typedef struct
{
  guint               kinds;
  const char         *child;    /* NULL: the device element itself */
  const char * const *order;    /* the device's children, for a new @child */
  const char         *attr;
  const char * const *values;   /* the values it takes; NULL: any */
  const char         *bad;      /* N_() message for a value not in @values, with %s */
} VdAttrField;

char        *_vd_xml_child_prop        (xmlNode            *node,
                                        const char         *child,
                                        const char         *name);
gboolean     _vd_xml_is_empty_element  (xmlNode            *node);
gboolean     _vd_is_simple_name        (const char         *name);
void         _vd_xml_remove_children   (xmlNode            *node,
                                        const char * const *names);
void         _vd_xml_remove_attrs      (xmlNode            *node,
                                        const char * const *names);

char        *_vd_attr_field_get (VdDomainEditor     *self,
                                 const char         *id,
                                 const VdAttrField  *field);
gboolean     _vd_attr_field_set (VdDomainEditor     *self,
                                 const char         *id,
                                 const VdAttrField  *field,
                                 const char         *value,
                                 GError            **error);

/* The XML helpers of vd-domain-editor.c */
extern const char * const _vd_domain_order[]; /* the children of <domain>, in libvirt's order */
gboolean  _vd_xml_is_element   (xmlNode            *node,
                                const char         *name);
xmlNode  *_vd_xml_find_child   (xmlNode            *parent,
                                const char         *name);
xmlNode  *_vd_xml_find_path    (xmlDoc             *doc,
                                const char         *path);
char     *_vd_xml_get_prop     (xmlNode            *node,
                                const char         *name);
void      _vd_xml_set_prop     (xmlNode            *node,
                                const char         *name,
                                const char         *value);
char     *_vd_xml_get_text     (xmlNode            *node);
void      _vd_xml_set_text     (xmlNode            *node,
                                const char         *text);
void      _vd_xml_insert_child (xmlNode            *parent,
                                xmlNode            *child,
                                const char * const *order);
xmlNode  *_vd_xml_ensure_child (xmlNode            *parent,
                                const char         *name,
                                const char * const *order);
void      _vd_xml_remove_node  (xmlNode            *node);
xmlNode  *_vd_xml_ensure_devices (xmlDoc           *doc);
void      _vd_xml_remove_child (xmlNode            *node);

G_END_DECLS
