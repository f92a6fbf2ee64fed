/* vd-domain-editor-graphics.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-domain-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vd-domain-editor-devices.h"
#include "vd-domain-editor-private.h"
#include "vd-error.h"

/*
 * The graphics setters of the domain editor (VNC and SPICE): validate,
 * then touch only what they own. A password is taken and written to the
 * XML; it is never logged nor put in a message.
 */

#define KINDS_GRAPHICS VD_KIND_BIT (VD_DEVICE_KIND_GRAPHICS)

static const char * const graphics_order[] = {
  "listen", "channel", "image", "jpeg", "zlib", "playback", "streaming", "mouse", "clipboard",
  "filetransfer", "gl", "audio", NULL,
};

/* What only a SPICE display has, dropped when it becomes VNC */
static const char * const spice_children[] = {
  "channel", "image", "jpeg", "zlib", "playback", "streaming", "mouse", "clipboard",
  "filetransfer", "gl", NULL,
};
static const char * const spice_attrs[] = { "tlsPort", "defaultMode", NULL };
static const char * const vnc_attrs[] = { "sharePolicy", "websocket", "powerControl", NULL };

char *
vd_domain_editor_get_graphics_type (VdDomainEditor *self,
                                    const char     *id)
{
  static const VdAttrField field = { KINDS_GRAPHICS, NULL, NULL, "type", NULL, NULL };

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), NULL);

  return _vd_attr_field_get (self, id, &field);
}

/**
 * vd_domain_editor_set_graphics_type:
 * @type: vnc or spice
 *
 * Turning a SPICE display into VNC drops what only SPICE has (channels,
 * compression, GL, TLS port), and the other way round VNC's share policy
 * and WebSocket; the listen address, port, keymap and password stay.
 */
gboolean
vd_domain_editor_set_graphics_type (VdDomainEditor  *self,
                                    const char      *id,
                                    const char      *type,
                                    GError         **error)
{
  xmlNode *node;
  g_autofree char *old = NULL;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  node = _vd_device_lookup (self, id, KINDS_GRAPHICS, error);
  if (node == NULL)
    return FALSE;
  old = _vd_xml_get_prop (node, "type");
  if (type != NULL && g_strcmp0 (old, type) == 0)
    return TRUE;
  if (g_strcmp0 (type, "vnc") != 0 && g_strcmp0 (type, "spice") != 0)
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a kind of display (VNC or SPICE)"), type != NULL ? type : "");
      return FALSE;
    }
  if (strcmp (type, "vnc") == 0)
    {
      _vd_xml_remove_children (node, spice_children);
      _vd_xml_remove_attrs (node, spice_attrs);
    }
  else
    _vd_xml_remove_attrs (node, vnc_attrs);
  _vd_xml_set_prop (node, "type", type);

  return TRUE;
}

/**
 * vd_domain_editor_get_graphics_listen:
 *
 * Returns: (transfer full) (nullable): the address the display listens
 *   on; %NULL when it listens on none (local clients only) or sets nothing
 */
char *
vd_domain_editor_get_graphics_listen (VdDomainEditor *self,
                                      const char     *id)
{
  xmlNode *node;
  xmlNode *listen;
  char *address;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), NULL);

  node = _vd_device_lookup (self, id, KINDS_GRAPHICS, NULL);
  if (node == NULL)
    return NULL;
  listen = _vd_xml_find_child (node, "listen");
  if (listen != NULL)
    {
      g_autofree char *type = _vd_xml_get_prop (listen, "type");

      if (g_strcmp0 (type, "address") != 0)
        return NULL;
      address = _vd_xml_get_prop (listen, "address");
      if (address != NULL)
        return address;
    }

  return _vd_xml_get_prop (node, "listen");
}

/**
 * vd_domain_editor_set_graphics_listen:
 * @address: (nullable): an IPv4 or IPv6 address (0.0.0.0 for all); %NULL
 *   for none: no network socket
 */
gboolean
vd_domain_editor_set_graphics_listen (VdDomainEditor  *self,
                                      const char      *id,
                                      const char      *address,
                                      GError         **error)
{
  xmlNode *node;
  xmlNode *listen;
  g_autofree char *type = NULL;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  node = _vd_device_lookup (self, id, KINDS_GRAPHICS, error);
  if (node == NULL)
    return FALSE;
  if (address != NULL && *address == '\0')
    address = NULL;
  if (address != NULL && !g_hostname_is_ip_address (address))
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not an IP address"), address);
      return FALSE;
    }

  if (address != NULL && vd_domain_editor_get_graphics_gl (self, id))
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                           _("A SPICE display with OpenGL takes local clients only: "
                             "turn OpenGL off to listen on an address"));
      return FALSE;
    }

  listen = _vd_xml_find_child (node, "listen");
  type = _vd_xml_get_prop (listen, "type");
  _vd_xml_set_prop (node, "listen", address);
  /* a UNIX socket was the old way to listen: it goes with its <listen> */
  _vd_xml_set_prop (node, "socket", NULL);
  if (address == NULL)
    {
      if (listen != NULL && g_strcmp0 (type, "none") == 0)
        return TRUE;
      if (listen != NULL)
        _vd_xml_remove_child (listen);
      listen = xmlNewDocNode (node->doc, NULL, (const xmlChar *)"listen", NULL);
      xmlSetProp (listen, (const xmlChar *)"type", (const xmlChar *)"none");
      _vd_xml_insert_child (node, listen, graphics_order);
      return TRUE;
    }

  if (listen != NULL && g_strcmp0 (type, "address") != 0)
    {
      _vd_xml_remove_child (listen);
      listen = NULL;
    }
  if (listen == NULL)
    {
      listen = xmlNewDocNode (node->doc, NULL, (const xmlChar *)"listen", NULL);
      xmlSetProp (listen, (const xmlChar *)"type", (const xmlChar *)"address");
      _vd_xml_insert_child (node, listen, graphics_order);
    }
  _vd_xml_set_prop (listen, "address", address);

  return TRUE;
}

/**
 * vd_domain_editor_get_graphics_listen_type:
 * @value: (out) (optional) (transfer full) (nullable): the address, the
 *   network's name or the socket's path; %NULL when there is none (the
 *   host's default address, a socket libvirt picks)
 *
 * What the display listens on, from its first <listen> element or else
 * the legacy listen and socket attributes.
 *
 * Returns: (transfer full): address, network, socket or none (address
 *   when the XML sets nothing: the host's default)
 */
char *
vd_domain_editor_get_graphics_listen_type (VdDomainEditor  *self,
                                           const char      *id,
                                           char           **value)
{
  xmlNode *node;
  xmlNode *listen;
  g_autofree char *type = NULL;
  char *found = NULL;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), NULL);

  node = _vd_device_lookup (self, id, KINDS_GRAPHICS, NULL);
  listen = node != NULL ? _vd_xml_find_child (node, "listen") : NULL;
  if (listen != NULL)
    type = _vd_xml_get_prop (listen, "type");
  if (type == NULL && node != NULL)
    {
      g_autofree char *socket = _vd_xml_get_prop (node, "socket");

      if (socket != NULL)
        {
          type = g_strdup ("socket");
          found = g_steal_pointer (&socket);
        }
    }
  if (type == NULL)
    type = g_strdup ("address");

  if (found == NULL && listen != NULL)
    {
      if (strcmp (type, "address") == 0)
        found = _vd_xml_get_prop (listen, "address");
      else if (strcmp (type, "network") == 0)
        found = _vd_xml_get_prop (listen, "network");
      else if (strcmp (type, "socket") == 0)
        found = _vd_xml_get_prop (listen, "socket");
    }
  if (found == NULL && node != NULL)
    {
      if (strcmp (type, "address") == 0)
        found = _vd_xml_get_prop (node, "listen");
      else if (strcmp (type, "socket") == 0)
        found = _vd_xml_get_prop (node, "socket");
    }

  if (value != NULL)
    *value = found;
  else
    g_free (found);

  return g_steal_pointer (&type);
}

static gboolean
check_listen_value (const char  *type,
                    const char  *value,
                    GError     **error)
{
  if (strcmp (type, "address") == 0)
    {
      if (value != NULL && !g_hostname_is_ip_address (value))
        {
          g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                       _("“%s” is not an IP address"), value);
          return FALSE;
        }
    }
  else if (strcmp (type, "network") == 0)
    {
      if (value == NULL)
        {
          g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                               _("Choose the virtual network to listen on"));
          return FALSE;
        }
      if (strchr (value, '/') != NULL || !g_utf8_validate (value, -1, NULL))
        {
          g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                       _("“%s” is not a virtual network’s name"), value);
          return FALSE;
        }
    }
  else if (strcmp (type, "socket") == 0)
    {
      if (value == NULL)
        return TRUE;
      if (!g_path_is_absolute (value) || g_str_has_suffix (value, "/"))
        {
          g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                               _("A socket’s path is a full file name, starting with /"));
          return FALSE;
        }
      /* a UNIX socket's address holds 107 bytes and a nul */
      if (strlen (value) > 107)
        {
          g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                               _("A socket’s path is at most 107 bytes long"));
          return FALSE;
        }
    }
  else if (strcmp (type, "none") != 0)
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a way to listen (address, network, socket or none)"), type);
      return FALSE;
    }

  for (const char *p = value; p != NULL && *p != '\0'; p++)
    if (g_ascii_iscntrl (*p))
      {
        g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                             _("The value cannot hold control characters"));
        return FALSE;
      }

  return TRUE;
}

/**
 * vd_domain_editor_set_graphics_listen_type:
 * @type: address, network, socket or none
 * @value: (nullable): for address, an IP address (%NULL: the host's
 *   default); for network, a virtual network's name; for socket, the
 *   socket's absolute path (%NULL: libvirt picks one); none takes none
 *
 * Writes the display's first <listen> element (the others stay), keeping
 * it and its other attributes when its type stays, and the legacy
 * attributes the way libvirt writes them back: listen= only for an
 * address, socket= only for a VNC socket.
 */
gboolean
vd_domain_editor_set_graphics_listen_type (VdDomainEditor  *self,
                                           const char      *id,
                                           const char      *type,
                                           const char      *value,
                                           GError         **error)
{
  xmlNode *node;
  xmlNode *listen;
  g_autofree char *old_type = NULL;
  g_autofree char *display = NULL;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  node = _vd_device_lookup (self, id, KINDS_GRAPHICS, error);
  if (node == NULL)
    return FALSE;
  if (type == NULL)
    type = "";
  if (value != NULL && *value == '\0')
    value = NULL;
  if (strcmp (type, "none") == 0)
    value = NULL;
  if (!check_listen_value (type, value, error))
    return FALSE;
  if ((strcmp (type, "address") == 0 || strcmp (type, "network") == 0) &&
      vd_domain_editor_get_graphics_gl (self, id))
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                           _("A SPICE display with OpenGL takes local clients only: "
                             "turn OpenGL off to listen on an address"));
      return FALSE;
    }

  display = _vd_xml_get_prop (node, "type");
  listen = _vd_xml_find_child (node, "listen");
  old_type = _vd_xml_get_prop (listen, "type");
  if (listen != NULL && g_strcmp0 (old_type, type) != 0)
    {
      _vd_xml_remove_child (listen);
      listen = NULL;
    }
  if (listen == NULL)
    {
      listen = xmlNewDocNode (node->doc, NULL, (const xmlChar *)"listen", NULL);
      xmlSetProp (listen, (const xmlChar *)"type", (const xmlChar *)type);
      _vd_xml_insert_child (node, listen, graphics_order);
    }

  _vd_xml_set_prop (node, "listen", NULL);
  _vd_xml_set_prop (node, "socket", NULL);
  if (strcmp (type, "address") == 0)
    {
      _vd_xml_set_prop (listen, "address", value);
      _vd_xml_set_prop (node, "listen", value);
    }
  else if (strcmp (type, "network") == 0)
    {
      /* the address libvirt found on the old network goes with it */
      _vd_xml_set_prop (listen, "address", NULL);
      _vd_xml_set_prop (listen, "network", value);
    }
  else if (strcmp (type, "socket") == 0)
    {
      _vd_xml_set_prop (listen, "socket", value);
      if (value != NULL)
        _vd_xml_set_prop (listen, "autoGenerated", NULL);
      if (g_strcmp0 (display, "vnc") == 0)
        _vd_xml_set_prop (node, "socket", value);
    }

  return TRUE;
}

/**
 * vd_domain_editor_get_graphics_port:
 *
 * Returns: the display's port, -1 when libvirt picks one (autoport)
 */
int
vd_domain_editor_get_graphics_port (VdDomainEditor *self,
                                    const char     *id)
{
  xmlNode *node;
  g_autofree char *autoport = NULL;
  g_autofree char *port = NULL;
  gint64 value;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), -1);

  node = _vd_device_lookup (self, id, KINDS_GRAPHICS, NULL);
  autoport = _vd_xml_get_prop (node, "autoport");
  port = _vd_xml_get_prop (node, "port");
  if (g_strcmp0 (autoport, "yes") == 0 || port == NULL ||
      !g_ascii_string_to_signed (port, 10, -1, 65535, &value, NULL))
    return -1;

  return (int)value;
}

/**
 * vd_domain_editor_set_graphics_port:
 * @port: 5900 to 65535, or -1 to let libvirt pick a free port (for SPICE,
 *   the TLS port as well: a fixed tlsPort goes)
 */
gboolean
vd_domain_editor_set_graphics_port (VdDomainEditor  *self,
                                    const char      *id,
                                    int              port,
                                    GError         **error)
{
  xmlNode *node;
  g_autofree char *old_port = NULL;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  node = _vd_device_lookup (self, id, KINDS_GRAPHICS, error);
  if (node == NULL)
    return FALSE;
  if (port != -1 && (port < 5900 || port > 65535))
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("A display port is between 5900 and 65535, not %d"), port);
      return FALSE;
    }

  old_port = _vd_xml_get_prop (node, "port");
  if (port != -1)
    {
      g_autofree char *listen_type = _vd_xml_get_prop (_vd_xml_find_child (node, "listen"),
                                                       "type");

      if (g_strcmp0 (listen_type, "none") == 0 || g_strcmp0 (listen_type, "socket") == 0)
        {
          g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                               _("A display that listens on no address has no port"));
          return FALSE;
        }
    }
  if (port != -1)
    {
      g_autofree char *tls = _vd_xml_get_prop (node, "tlsPort");
      g_autofree char *text = g_strdup_printf ("%d", port);

      if (g_strcmp0 (tls, text) == 0)
        {
          g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                       _("Port %d is the display’s TLS port already"), port);
          return FALSE;
        }
    }
  if (port == -1)
    {
      g_autofree char *old_autoport = _vd_xml_get_prop (node, "autoport");

      /* a display with neither (a socket, or SPICE's defaults) stays so */
      if (old_port == NULL && old_autoport == NULL)
        return TRUE;
      if (old_port != NULL)
        _vd_xml_set_prop (node, "port", "-1");
      _vd_xml_set_prop (node, "autoport", "yes");
      /* libvirt picks SPICE's TLS port too then */
      _vd_xml_set_prop (node, "tlsPort", NULL);
    }
  else
    {
      g_autofree char *text = g_strdup_printf ("%d", port);

      _vd_xml_set_prop (node, "port", text);
      _vd_xml_set_prop (node, "autoport", "no");
    }

  return TRUE;
}

static const char * const keymaps[] = {
  "ar", "bepo", "cz", "da", "de", "de-ch", "en-gb", "en-us", "es", "et", "fi", "fo", "fr",
  "fr-be", "fr-ca", "fr-ch", "hr", "hu", "is", "it", "ja", "lt", "lv", "mk", "nl", "no", "pl",
  "pt", "pt-br", "ru", "sl", "sv", "th", "tr", NULL,
};
static const VdAttrField keymap_field = {
  KINDS_GRAPHICS, NULL, NULL, "keymap", keymaps, N_("“%s” is not a keyboard layout"),
};

char *
vd_domain_editor_get_graphics_keymap (VdDomainEditor *self,
                                      const char     *id)
{
  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), NULL);

  return _vd_attr_field_get (self, id, &keymap_field);
}

/**
 * vd_domain_editor_set_graphics_keymap:
 * @keymap: (nullable): en-us, de, fr, ... (QEMU's keymaps); %NULL for
 *   the default
 */
gboolean
vd_domain_editor_set_graphics_keymap (VdDomainEditor  *self,
                                      const char      *id,
                                      const char      *keymap,
                                      GError         **error)
{
  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  return _vd_attr_field_set (self, id, &keymap_field, keymap, error);
}

gboolean
vd_domain_editor_get_graphics_gl (VdDomainEditor *self,
                                  const char     *id)
{
  xmlNode *node;
  g_autofree char *enable = NULL;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  node = _vd_device_lookup (self, id, KINDS_GRAPHICS, NULL);
  enable = _vd_xml_get_prop (_vd_xml_find_child (node, "gl"), "enable");

  return g_strcmp0 (enable, "yes") == 0;
}

/**
 * vd_domain_editor_set_graphics_gl:
 *
 * OpenGL for a SPICE display.
 */
gboolean
vd_domain_editor_set_graphics_gl (VdDomainEditor  *self,
                                  const char      *id,
                                  gboolean         enabled,
                                  GError         **error)
{
  xmlNode *node;
  xmlNode *gl;
  g_autofree char *type = NULL;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  node = _vd_device_lookup (self, id, KINDS_GRAPHICS, error);
  if (node == NULL)
    return FALSE;
  type = _vd_xml_get_prop (node, "type");
  if (g_strcmp0 (type, "spice") != 0)
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_NOT_SUPPORTED,
                           _("Only a SPICE display can use OpenGL"));
      return FALSE;
    }
  gl = _vd_xml_find_child (node, "gl");
  if (gl == NULL && !enabled)
    return TRUE;
  if (gl == NULL)
    gl = _vd_xml_ensure_child (node, "gl", graphics_order);
  _vd_xml_set_prop (gl, "enable", enabled ? "yes" : "no");

  return TRUE;
}

gboolean
vd_domain_editor_get_graphics_has_password (VdDomainEditor *self,
                                            const char     *id)
{
  static const VdAttrField field = { KINDS_GRAPHICS, NULL, NULL, "passwd", NULL, NULL };
  g_autofree char *password = NULL;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  password = _vd_attr_field_get (self, id, &field);

  return password != NULL;
}

/**
 * vd_domain_editor_set_graphics_password:
 * @password: (nullable): the display's password; %NULL or "" removes it.
 *   At most 8 characters for VNC (the protocol ignores the rest). Never
 *   logged, never in an error message.
 */
gboolean
vd_domain_editor_set_graphics_password (VdDomainEditor  *self,
                                        const char      *id,
                                        const char      *password,
                                        GError         **error)
{
  xmlNode *node;
  g_autofree char *type = NULL;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  node = _vd_device_lookup (self, id, KINDS_GRAPHICS, error);
  if (node == NULL)
    return FALSE;
  if (password != NULL && *password == '\0')
    password = NULL;
  if (password != NULL && !g_utf8_validate (password, -1, NULL))
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                           _("The password is not valid text"));
      return FALSE;
    }
  for (const char *p = password; p != NULL && *p != '\0'; p++)
    if (g_ascii_iscntrl (*p))
      {
        g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                             _("A password cannot hold control characters"));
        return FALSE;
      }
  type = _vd_xml_get_prop (node, "type");
  if (password != NULL && g_strcmp0 (type, "vnc") == 0 && g_utf8_strlen (password, -1) > 8)
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                           _("A VNC password is at most 8 characters long"));
      return FALSE;
    }

  _vd_xml_set_prop (node, "passwd", password);

  return TRUE;
}
