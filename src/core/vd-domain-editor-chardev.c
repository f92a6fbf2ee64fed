/* vd-domain-editor-chardev.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-domain-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vd-domain-editor-chardev.h"
#include "vd-domain-editor-private.h"
#include "vd-error.h"

/*
 * Character devices (serial, parallel, console, channel): where their data
 * goes (the source), a console's target type, a virtio channel's name, and
 * the QEMU guest agent's channel. Setters validate first, then touch only
 * what they own; a source of the same type is changed in place (a TCP
 * source's tls or reconnect settings stay), a new type replaces the
 * &lt;source&gt; and &lt;protocol&gt; elements.
 */

#define KINDS_CHAR (VD_KIND_BIT (VD_DEVICE_KIND_SERIAL) | VD_KIND_BIT (VD_DEVICE_KIND_PARALLEL) | \
                    VD_KIND_BIT (VD_DEVICE_KIND_CONSOLE) | VD_KIND_BIT (VD_DEVICE_KIND_CHANNEL))

static const char * const char_order[] = {
  "source", "protocol", "log", "target", "alias", "address", NULL,
};
static const char * const settable_types[] = {
  "pty", "file", "tcp", "udp", "unix", "spicevmc", NULL,
};

void
vd_char_source_clear (VdCharSource *source)
{
  g_clear_pointer (&source->type, g_free);
  g_clear_pointer (&source->path, g_free);
  g_clear_pointer (&source->host, g_free);
  g_clear_pointer (&source->mode, g_free);
  g_clear_pointer (&source->protocol, g_free);
  source->port = 0;
}

/* The <source> that says where the data goes: a UDP device's connect
 * one, else the first */
static xmlNode *
find_source (xmlNode    *node,
             const char *type)
{
  xmlNode *first = NULL;

  for (xmlNode *child = node->children; child != NULL; child = child->next)
    {
      g_autofree char *mode = NULL;

      if (!_vd_xml_is_element (child, "source"))
        continue;
      if (first == NULL)
        first = child;
      mode = _vd_xml_get_prop (child, "mode");
      if (g_strcmp0 (type, "udp") == 0 && g_strcmp0 (mode, "connect") == 0)
        return child;
    }

  return first;
}

static guint
parse_port (const char *text)
{
  guint64 value = 0;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, 65535, &value, NULL))
    return 0;

  return (guint)value;
}

/**
 * vd_domain_editor_get_char_source:
 * @source: (out caller-allocates): filled in; clear it with
 *   vd_char_source_clear()
 *
 * Only the fields of the device's type are set.
 */
gboolean
vd_domain_editor_get_char_source (VdDomainEditor *self,
                                  const char     *id,
                                  VdCharSource   *source)
{
  xmlNode *node;
  xmlNode *source_node;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);
  g_return_val_if_fail (source != NULL, FALSE);

  memset (source, 0, sizeof *source);
  node = _vd_device_lookup (self, id, KINDS_CHAR, NULL);
  if (node == NULL)
    return FALSE;
  source->type = _vd_xml_get_prop (node, "type");
  source_node = find_source (node, source->type);
  if (g_strcmp0 (source->type, "file") == 0 || g_strcmp0 (source->type, "unix") == 0)
    source->path = _vd_xml_get_prop (source_node, "path");
  if (g_strcmp0 (source->type, "tcp") == 0 || g_strcmp0 (source->type, "udp") == 0)
    {
      g_autofree char *service = _vd_xml_get_prop (source_node, "service");

      source->host = _vd_xml_get_prop (source_node, "host");
      source->port = parse_port (service);
    }
  if (g_strcmp0 (source->type, "tcp") == 0 || g_strcmp0 (source->type, "unix") == 0)
    source->mode = _vd_xml_get_prop (source_node, "mode");
  if (g_strcmp0 (source->type, "tcp") == 0)
    source->protocol = _vd_xml_child_prop (node, "protocol", "type");

  return TRUE;
}

static gboolean
same_source (const VdCharSource *a,
             const VdCharSource *b)
{
  return g_strcmp0 (a->type, b->type) == 0 && g_strcmp0 (a->path, b->path) == 0 &&
         g_strcmp0 (a->host, b->host) == 0 && a->port == b->port &&
         g_strcmp0 (a->mode, b->mode) == 0 &&
         g_strcmp0 (a->protocol != NULL ? a->protocol : "raw",
                    b->protocol != NULL ? b->protocol : "raw") == 0;
}

static gboolean
is_absolute_path (const char *path)
{
  if (path == NULL || path[0] != '/' || !g_utf8_validate (path, -1, NULL))
    return FALSE;
  for (const char *p = path; *p != '\0'; p++)
    if (g_ascii_iscntrl (*p))
      return FALSE;

  return TRUE;
}

static gboolean
is_host_name (const char *host)
{
  if (host == NULL || *host == '\0')
    return FALSE;
  for (const char *p = host; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr (".-:_[]", *p) == NULL)
      return FALSE;

  return TRUE;
}

static gboolean
validate_source (VdDeviceKind         kind,
                 const VdCharSource  *source,
                 GError             **error)
{
  const char *type = source->type;

  if (type == NULL || !g_strv_contains (settable_types, type))
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a kind of character device virt-desk can set"),
                   type != NULL ? type : "");
      return FALSE;
    }
  if (strcmp (type, "spicevmc") == 0 && kind != VD_DEVICE_KIND_CHANNEL)
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                           _("Only a channel can go to the SPICE client"));
      return FALSE;
    }
  if (strcmp (type, "file") == 0 || strcmp (type, "unix") == 0)
    {
      if (source->path == NULL && strcmp (type, "unix") == 0 && kind == VD_DEVICE_KIND_CHANNEL)
        ; /* libvirt names the socket */
      else if (source->path == NULL)
        {
          g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                               strcmp (type, "file") == 0 ? _("Type the file’s path")
                                                          : _("Type the socket’s path"));
          return FALSE;
        }
      else if (!is_absolute_path (source->path))
        {
          g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                       _("“%s” is not an absolute path"), source->path);
          return FALSE;
        }
    }
  if (strcmp (type, "tcp") == 0 || strcmp (type, "udp") == 0)
    {
      if (!is_host_name (source->host))
        {
          g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                       _("“%s” is not a host name or address"),
                       source->host != NULL ? source->host : "");
          return FALSE;
        }
      if (source->port < 1 || source->port > 65535)
        {
          g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                       _("The port is a number from 1 to 65535, not %u"), source->port);
          return FALSE;
        }
    }
  if ((strcmp (type, "tcp") == 0 || strcmp (type, "unix") == 0) && source->mode != NULL &&
      strcmp (source->mode, "bind") != 0 && strcmp (source->mode, "connect") != 0)
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a socket mode (bind or connect)"), source->mode);
      return FALSE;
    }
  if (strcmp (type, "tcp") == 0 && source->protocol != NULL &&
      strcmp (source->protocol, "raw") != 0 && strcmp (source->protocol, "telnet") != 0)
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a TCP protocol virt-desk can set (raw or telnet)"),
                   source->protocol);
      return FALSE;
    }

  return TRUE;
}

/**
 * vd_domain_editor_set_char_source:
 *
 * Paths are absolute, hosts non-empty, ports from 1 to 65535; spicevmc is
 * for channels only.
 */
gboolean
vd_domain_editor_set_char_source (VdDomainEditor      *self,
                                  const char          *id,
                                  const VdCharSource  *source,
                                  GError             **error)
{
  static const char * const replaced[] = { "source", "protocol", NULL };
  static const char * const protocol[] = { "protocol", NULL };
  xmlNode *node;
  xmlNode *source_node;
  g_auto(VdCharSource) old = { 0 };
  const char *type;
  char port[8];

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);
  g_return_val_if_fail (source != NULL, FALSE);

  node = _vd_device_lookup (self, id, KINDS_CHAR, error);
  if (node == NULL)
    return FALSE;
  vd_domain_editor_get_char_source (self, id, &old);
  if (same_source (source, &old))
    return TRUE;
  if (!validate_source (_vd_device_node_get_kind (node), source, error))
    return FALSE;

  type = source->type;
  if (g_strcmp0 (old.type, type) != 0)
    {
      _vd_xml_remove_children (node, replaced);
      _vd_xml_set_prop (node, "type", type);
      vd_char_source_clear (&old);
    }
  if (strcmp (type, "pty") == 0 || strcmp (type, "spicevmc") == 0)
    return TRUE;
  if (strcmp (type, "unix") == 0 && source->path == NULL && source->mode == NULL)
    {
      /* libvirt names the socket */
      _vd_xml_remove_children (node, replaced);
      return TRUE;
    }

  source_node = find_source (node, type);
  if (source_node == NULL)
    {
      source_node = xmlNewDocNode (node->doc, NULL, (const xmlChar *)"source", NULL);
      if (strcmp (type, "udp") == 0)
        xmlSetProp (source_node, (const xmlChar *)"mode", (const xmlChar *)"connect");
      _vd_xml_insert_child (node, source_node, char_order);
    }
  if (strcmp (type, "file") == 0 || strcmp (type, "unix") == 0)
    {
      if (g_strcmp0 (source->path, old.path) != 0)
        _vd_xml_set_prop (source_node, "path", source->path);
    }
  if (strcmp (type, "tcp") == 0 || strcmp (type, "unix") == 0)
    {
      if (g_strcmp0 (source->mode, old.mode) != 0)
        _vd_xml_set_prop (source_node, "mode", source->mode);
    }
  if (strcmp (type, "tcp") == 0 || strcmp (type, "udp") == 0)
    {
      if (g_strcmp0 (source->host, old.host) != 0)
        _vd_xml_set_prop (source_node, "host", source->host);
      if (source->port != old.port)
        {
          g_snprintf (port, sizeof port, "%u", source->port);
          _vd_xml_set_prop (source_node, "service", port);
        }
    }
  if (strcmp (type, "tcp") == 0 &&
      g_strcmp0 (source->protocol != NULL ? source->protocol : "raw",
                 old.protocol != NULL ? old.protocol : "raw") != 0)
    {
      if (g_strcmp0 (source->protocol, "telnet") == 0)
        _vd_xml_set_prop (_vd_xml_ensure_child (node, "protocol", char_order), "type", "telnet");
      else
        _vd_xml_remove_children (node, protocol);
    }

  return TRUE;
}

/**
 * vd_domain_editor_get_char_target:
 * @type: (out) (optional) (nullable): a console's (serial, virtio, ...) or
 *   a channel's (virtio, guestfwd, xen) target type
 * @name: (out) (optional) (nullable): a virtio channel's name
 *   (org.qemu.guest_agent.0, com.redhat.spice.0, ...)
 */
gboolean
vd_domain_editor_get_char_target (VdDomainEditor  *self,
                                  const char      *id,
                                  char           **type,
                                  char           **name)
{
  xmlNode *node;
  xmlNode *target;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  node = _vd_device_lookup (self, id, KINDS_CHAR, NULL);
  if (node == NULL)
    return FALSE;
  target = _vd_xml_find_child (node, "target");
  if (type != NULL)
    *type = _vd_xml_get_prop (target, "type");
  if (name != NULL)
    *name = _vd_xml_get_prop (target, "name");

  return TRUE;
}

/**
 * vd_domain_editor_set_console_target:
 * @type: serial or virtio
 *
 * The target's port stays.
 */
gboolean
vd_domain_editor_set_console_target (VdDomainEditor  *self,
                                     const char      *id,
                                     const char      *type,
                                     GError         **error)
{
  xmlNode *node;
  g_autofree char *old = NULL;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  node = _vd_device_lookup (self, id, VD_KIND_BIT (VD_DEVICE_KIND_CONSOLE), error);
  if (node == NULL)
    return FALSE;
  vd_domain_editor_get_char_target (self, id, &old, NULL);
  if (type != NULL && g_strcmp0 (old, type) == 0)
    return TRUE;
  if (g_strcmp0 (type, "serial") != 0 && g_strcmp0 (type, "virtio") != 0)
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a console type virt-desk can set (serial or virtio)"),
                   type != NULL ? type : "");
      return FALSE;
    }
  _vd_xml_set_prop (_vd_xml_ensure_child (node, "target", char_order), "type", type);

  return TRUE;
}

static gboolean
is_channel_name (const char *name)
{
  if (name == NULL || *name == '\0')
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr ("._-", *p) == NULL)
      return FALSE;

  return TRUE;
}

/**
 * vd_domain_editor_set_channel_name:
 * @name: the name a virtio channel has in the guest: letters, digits,
 *   dots, dashes and underscores (org.qemu.guest_agent.0)
 */
gboolean
vd_domain_editor_set_channel_name (VdDomainEditor  *self,
                                   const char      *id,
                                   const char      *name,
                                   GError         **error)
{
  xmlNode *node;
  g_autofree char *type = NULL;
  g_autofree char *old = NULL;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  node = _vd_device_lookup (self, id, VD_KIND_BIT (VD_DEVICE_KIND_CHANNEL), error);
  if (node == NULL)
    return FALSE;
  vd_domain_editor_get_char_target (self, id, &type, &old);
  if (name != NULL && g_strcmp0 (old, name) == 0)
    return TRUE;
  if (g_strcmp0 (type, "virtio") != 0)
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_NOT_SUPPORTED,
                           _("Only a virtio channel has a name"));
      return FALSE;
    }
  if (name == NULL || *name == '\0')
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                           _("Type the channel’s name, such as org.qemu.guest_agent.0"));
      return FALSE;
    }
  if (!is_channel_name (name))
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a channel name (letters, digits, dots, dashes and "
                     "underscores)"), name);
      return FALSE;
    }
  _vd_xml_set_prop (_vd_xml_find_child (node, "target"), "name", name);

  return TRUE;
}

static char *
find_guest_agent (VdDomainEditor *self)
{
  g_autoptr(GPtrArray) devices = vd_domain_editor_list_devices (self);

  for (guint i = 0; i < devices->len; i++)
    {
      const VdDeviceRef *device = devices->pdata[i];
      g_autofree char *type = NULL;
      g_autofree char *name = NULL;

      if (vd_device_ref_get_kind (device) != VD_DEVICE_KIND_CHANNEL)
        continue;
      vd_domain_editor_get_char_target (self, vd_device_ref_get_id (device), &type, &name);
      if (g_strcmp0 (type, "virtio") == 0 && g_strcmp0 (name, VD_GUEST_AGENT_CHANNEL) == 0)
        return g_strdup (vd_device_ref_get_id (device));
    }

  return NULL;
}

/**
 * vd_domain_editor_has_guest_agent:
 *
 * Returns: whether the guest has a virtio channel named
 *   org.qemu.guest_agent.0, through which libvirt talks to the QEMU guest
 *   agent
 */
gboolean
vd_domain_editor_has_guest_agent (VdDomainEditor *self)
{
  g_autofree char *id = NULL;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  id = find_guest_agent (self);

  return id != NULL;
}

/**
 * vd_domain_editor_add_guest_agent:
 *
 * Adds the QEMU guest agent's channel (a unix socket that libvirt names,
 * to the virtio channel org.qemu.guest_agent.0) unless the guest has one.
 *
 * Returns: (transfer full) (nullable): the channel's id, the existing
 *   one's if there was one; %NULL with @error set on failure
 */
char *
vd_domain_editor_add_guest_agent (VdDomainEditor  *self,
                                  GError         **error)
{
  char *id;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), NULL);

  id = find_guest_agent (self);
  if (id != NULL)
    return id;

  return vd_domain_editor_add_device_xml (self,
                                          "<channel type=\"unix\">\n"
                                          "  <target type=\"virtio\" name=\""
                                          VD_GUEST_AGENT_CHANNEL "\"/>\n"
                                          "</channel>", error);
}
