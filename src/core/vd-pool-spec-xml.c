/* vd-pool-spec-xml.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-pool-spec"

#include "config.h"

#include "vd-pool-spec.h"
#include "vd-pool-spec-private.h"

#include <libxml/tree.h>

/*
 * A VdPoolSpec as libvirt's storage pool XML, built with libxml2:
 * libvirt-gconfig's pool source has no ports, several devices, initiator,
 * auth or vHBA adapters. Elements follow the order libvirt prints them in.
 * A secret is only ever named (usage or UUID): no password reaches here.
 */

static xmlNodePtr
add_child (xmlNodePtr  parent,
           const char *name)
{
  return xmlNewChild (parent, NULL, BAD_CAST name, NULL);
}

static void
set_prop (xmlNodePtr  node,
          const char *name,
          const char *value)
{
  xmlSetProp (node, BAD_CAST name, BAD_CAST value);
}

static void
add_path_child (xmlNodePtr  parent,
                const char *element,
                const char *path)
{
  set_prop (add_child (parent, element), "path", path);
}

static void
add_host (xmlNodePtr  source,
          const char *name,
          guint       port)
{
  xmlNodePtr host = add_child (source, "host");

  set_prop (host, "name", name);
  if (port != 0)
    {
      char text[16];

      g_snprintf (text, sizeof text, "%u", port);
      set_prop (host, "port", text);
    }
}

static void
add_hosts (xmlNodePtr        source,
           const VdPoolSpec *spec)
{
  g_auto(GStrv) items = _vd_pool_spec_split_list (spec->host);

  for (guint i = 0; items[i] != NULL; i++)
    {
      guint port = 0;
      g_autofree char *host = NULL;

      if (spec->type == VD_POOL_TYPE_RBD)
        host = _vd_pool_spec_parse_host_port (items[i], &port);
      else if (vd_pool_type_uses_field (spec->type, VD_POOL_SPEC_FIELD_PORT))
        port = spec->port;
      add_host (source, host ? host : items[i], port);
    }
}

static void
add_devices (xmlNodePtr        source,
             const VdPoolSpec *spec)
{
  g_auto(GStrv) devices = _vd_pool_spec_split_list (spec->devices);

  for (guint i = 0; devices[i] != NULL; i++)
    add_path_child (source, "device", devices[i]);
}

static void
add_adapter (xmlNodePtr        source,
             const VdPoolSpec *spec)
{
  xmlNodePtr adapter = add_child (source, "adapter");

  if (!spec->vhba)
    {
      set_prop (adapter, "type", "scsi_host");
      set_prop (adapter, "name", spec->adapter ? spec->adapter : "");
      return;
    }

  set_prop (adapter, "type", "fc_host");
  if (_vd_pool_spec_is_set (spec->parent))
    set_prop (adapter, "parent", spec->parent);
  for (guint i = 0; i < 2; i++)
    {
      const char *wwn = i == 0 ? spec->wwnn : spec->wwpn;
      g_autofree char *lower = g_ascii_strdown (wwn ? wwn : "", -1);
      const char *digits = g_str_has_prefix (lower, "0x") ? lower + 2 : lower;

      set_prop (adapter, i == 0 ? "wwnn" : "wwpn", digits);
    }
}

static void
add_auth (xmlNodePtr        source,
          const VdPoolSpec *spec)
{
  xmlNodePtr auth, secret;

  if (!_vd_pool_spec_is_set (spec->auth_username) || !_vd_pool_spec_is_set (spec->auth_secret))
    return;

  auth = add_child (source, "auth");
  set_prop (auth, "type", spec->type == VD_POOL_TYPE_RBD ? "ceph" : "chap");
  set_prop (auth, "username", spec->auth_username);
  secret = add_child (auth, "secret");
  if (g_uuid_string_is_valid (spec->auth_secret))
    set_prop (secret, "uuid", spec->auth_secret);
  else
    set_prop (secret, "usage", spec->auth_secret);
}

static void
add_initiator (xmlNodePtr        source,
               const VdPoolSpec *spec)
{
  if (_vd_pool_spec_is_set (spec->initiator_iqn))
    set_prop (add_child (add_child (source, "initiator"), "iqn"), "name", spec->initiator_iqn);
}

static void
add_source (xmlNodePtr        pool,
            const VdPoolSpec *spec)
{
  xmlNodePtr source;
  const char *format = _vd_pool_spec_format (spec);

  switch (spec->type)
    {
    case VD_POOL_TYPE_DIR:
    case VD_POOL_TYPE_MPATH:
      return;
    case VD_POOL_TYPE_FS:
    case VD_POOL_TYPE_DISK:
      source = add_child (pool, "source");
      add_devices (source, spec);
      break;
    case VD_POOL_TYPE_NETFS:
      source = add_child (pool, "source");
      add_hosts (source, spec);
      add_path_child (source, "dir", spec->source_dir ? spec->source_dir : "");
      break;
    case VD_POOL_TYPE_LOGICAL:
      source = add_child (pool, "source");
      add_devices (source, spec);
      xmlNewTextChild (source, NULL, BAD_CAST "name", BAD_CAST _vd_pool_spec_vg_name (spec));
      format = "lvm2";
      break;
    case VD_POOL_TYPE_ISCSI:
    case VD_POOL_TYPE_ISCSI_DIRECT:
      source = add_child (pool, "source");
      add_hosts (source, spec);
      add_path_child (source, "device", spec->iqn ? spec->iqn : "");
      add_initiator (source, spec);
      add_auth (source, spec);
      break;
    case VD_POOL_TYPE_SCSI:
      source = add_child (pool, "source");
      add_adapter (source, spec);
      break;
    case VD_POOL_TYPE_RBD:
      source = add_child (pool, "source");
      add_hosts (source, spec);
      xmlNewTextChild (source, NULL, BAD_CAST "name",
                       BAD_CAST (spec->source_name ? spec->source_name : ""));
      add_auth (source, spec);
      break;
    case VD_POOL_TYPE_GLUSTER:
      source = add_child (pool, "source");
      add_hosts (source, spec);
      add_path_child (source, "dir",
                      _vd_pool_spec_is_set (spec->source_dir) ? spec->source_dir : "/");
      xmlNewTextChild (source, NULL, BAD_CAST "name",
                       BAD_CAST (spec->source_name ? spec->source_name : ""));
      break;
    case VD_POOL_TYPE_ZFS:
      source = add_child (pool, "source");
      xmlNewTextChild (source, NULL, BAD_CAST "name",
                       BAD_CAST (spec->source_name ? spec->source_name : ""));
      add_devices (source, spec);
      break;
    case VD_POOL_N_TYPES:
    default:
      g_return_if_reached ();
    }

  if (format != NULL)
    set_prop (add_child (source, "format"), "type", format);
}

static char *
dump (xmlDocPtr  doc,
      xmlNodePtr root)
{
  xmlBufferPtr buffer = xmlBufferCreate ();
  char *text;

  xmlNodeDump (buffer, doc, root, 0, 1);
  text = g_strconcat ((const char *)xmlBufferContent (buffer), "\n", NULL);
  xmlBufferFree (buffer);
  return text;
}

/**
 * vd_pool_spec_to_xml:
 *
 * Builds the pool's XML for virStoragePoolDefineXML. It follows the spec
 * whether valid or not (the wizard previews it as it is typed); fields the
 * type does not use are left out.
 *
 * Returns: (transfer full): the XML document
 */
char *
vd_pool_spec_to_xml (const VdPoolSpec *spec)
{
  g_autofree char *target = NULL;
  xmlDocPtr doc;
  xmlNodePtr pool;
  char *text;

  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (spec->type < VD_POOL_N_TYPES, NULL);

  doc = xmlNewDoc (BAD_CAST "1.0");
  pool = xmlNewDocNode (doc, NULL, BAD_CAST "pool", NULL);
  xmlDocSetRootElement (doc, pool);
  set_prop (pool, "type", vd_pool_type_to_string (spec->type));
  xmlNewTextChild (pool, NULL, BAD_CAST "name", BAD_CAST (spec->name ? spec->name : ""));

  add_source (pool, spec);

  if (vd_pool_type_uses_field (spec->type, VD_POOL_SPEC_FIELD_TARGET))
    {
      target = _vd_pool_spec_is_set (spec->target_path) ? g_strdup (spec->target_path)
                                                        : vd_pool_spec_get_default_target (spec);
      xmlNewTextChild (add_child (pool, "target"), NULL, BAD_CAST "path",
                       BAD_CAST (target ? target : ""));
    }

  text = dump (doc, pool);
  xmlFreeDoc (doc);
  return text;
}

/**
 * vd_pool_spec_to_source_xml:
 *
 * The source description virConnectFindStoragePoolSources narrows its
 * search with: the server of netfs and iscsi (with the initiator for
 * iscsi).
 *
 * Returns: (transfer full) (nullable): the XML, or %NULL for types that
 *   search without one (logical)
 */
char *
vd_pool_spec_to_source_xml (const VdPoolSpec *spec)
{
  xmlDocPtr doc;
  xmlNodePtr source;
  char *text;

  g_return_val_if_fail (spec != NULL, NULL);

  /* A server to ask: its NFS exports or iSCSI targets, or (Gluster) the
   * volumes it serves. */
  if (spec->type != VD_POOL_TYPE_NETFS && spec->type != VD_POOL_TYPE_ISCSI &&
      spec->type != VD_POOL_TYPE_GLUSTER)
    return NULL;

  doc = xmlNewDoc (BAD_CAST "1.0");
  source = xmlNewDocNode (doc, NULL, BAD_CAST "source", NULL);
  xmlDocSetRootElement (doc, source);
  add_hosts (source, spec);
  if (spec->type == VD_POOL_TYPE_ISCSI)
    add_initiator (source, spec);
  else if (_vd_pool_spec_is_set (spec->format))
    set_prop (add_child (source, "format"), "type", spec->format);

  text = dump (doc, source);
  xmlFreeDoc (doc);
  return text;
}
