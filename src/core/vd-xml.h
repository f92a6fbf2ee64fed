/* vd-xml.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>

G_BEGIN_DECLS

/*
 * Reading libvirt's XML descriptions in workers: parse once, ask XPath
 * questions. Nothing here touches libvirt or the main loop.
 */

typedef struct _VdXml VdXml;

VdXml     *vd_xml_new             (const char *text);
void       vd_xml_free            (VdXml      *self);
char      *vd_xml_get_string      (VdXml      *self,
                                   const char *expr);
guint64    vd_xml_get_uint64      (VdXml      *self,
                                   const char *expr);
GPtrArray *vd_xml_get_nodes       (VdXml      *self,
                                   const char *expr);
char      *vd_xml_node_get_string (VdXml      *self,
                                   xmlNodePtr  node,
                                   const char *expr);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VdXml, vd_xml_free)

G_END_DECLS
