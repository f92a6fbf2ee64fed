/* vd-domain-editor-devices-more.c
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
 * Graphics, video, input, watchdog, memory balloon and random number
 * generator setters of the domain editor (disks and NICs are in
 * vd-domain-editor-devices.c). Same rules: validate, then touch only what
 * the setter owns. A graphics password is taken and written to the XML;
 * it is never logged nor put in a message.
 */

#define KINDS_GRAPHICS VD_KIND_BIT (VD_DEVICE_KIND_GRAPHICS)
#define KINDS_VIDEO VD_KIND_BIT (VD_DEVICE_KIND_VIDEO)

static const char * const graphics_order[] = {
  "listen", "channel", "image", "jpeg", "zlib", "playback", "streaming", "mouse", "clipboard",
  "filetransfer", "gl", "audio", NULL,
};

static const char * const model_order[] = { "model", "driver", "alias", "address", NULL };

/* What only a SPICE display has, dropped when it becomes VNC */
static const char * const spice_children[] = {
  "channel", "image", "jpeg", "zlib", "playback", "streaming", "mouse", "clipboard",
  "filetransfer", "gl", NULL,
};
static const char * const spice_attrs[] = { "tlsPort", "defaultMode", NULL };
static const char * const vnc_attrs[] = { "sharePolicy", "websocket", "powerControl", NULL };

static void
remove_children (xmlNode            *node,
                 const char * const *names)
{
  g_autoptr(GPtrArray) doomed = g_ptr_array_new ();

  /* collected first: a removal also frees the blanks around the child */
  for (xmlNode *child = node->children; child != NULL; child = child->next)
    if (child->type == XML_ELEMENT_NODE && child->ns == NULL &&
        g_strv_contains (names, (const char *)child->name))
      g_ptr_array_add (doomed, child);
  for (guint i = 0; i < doomed->len; i++)
    _vd_xml_remove_child (doomed->pdata[i]);
}

static void
remove_attrs (xmlNode            *node,
              const char * const *names)
{
  for (guint i = 0; names[i] != NULL; i++)
    _vd_xml_set_prop (node, names[i], NULL);
}

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
      remove_children (node, spice_children);
      remove_attrs (node, spice_attrs);
    }
  else
    remove_attrs (node, vnc_attrs);
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

/* Video */

static const char * const video_models[] = {
  "virtio", "qxl", "vga", "cirrus", "vmvga", "bochs", "ramfb", "none", NULL,
};
static const char * const vram_models[] = { "qxl", "vga", "cirrus", "vmvga", "bochs", NULL };

char *
vd_domain_editor_get_video_model (VdDomainEditor *self,
                                  const char     *id)
{
  static const VdAttrField field = { KINDS_VIDEO, "model", model_order, "type", NULL, NULL };

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), NULL);

  return _vd_attr_field_get (self, id, &field);
}

/**
 * vd_domain_editor_set_video_model:
 * @model: virtio, qxl, vga, cirrus, vmvga, bochs, ramfb or none
 *
 * What the new model does not have goes: QXL's ram and vgamem, the video
 * memory of a model without one, 3D acceleration off virtio, the heads of
 * none.
 */
gboolean
vd_domain_editor_set_video_model (VdDomainEditor  *self,
                                  const char      *id,
                                  const char      *model,
                                  GError         **error)
{
  static const char * const qxl_attrs[] = { "ram", "vgamem", "vram64", NULL };
  static const char * const accel[] = { "acceleration", NULL };
  xmlNode *node;
  xmlNode *model_node;
  g_autofree char *old = NULL;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  node = _vd_device_lookup (self, id, KINDS_VIDEO, error);
  if (node == NULL)
    return FALSE;
  if (model == NULL || !g_strv_contains (video_models, model))
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a video model"), model != NULL ? model : "");
      return FALSE;
    }
  model_node = _vd_xml_ensure_child (node, "model", model_order);
  old = _vd_xml_get_prop (model_node, "type");
  if (g_strcmp0 (old, model) == 0)
    return TRUE;
  if (strcmp (model, "qxl") != 0)
    remove_attrs (model_node, qxl_attrs);
  if (!g_strv_contains (vram_models, model))
    _vd_xml_set_prop (model_node, "vram", NULL);
  if (strcmp (model, "virtio") != 0)
    remove_children (model_node, accel);
  if (strcmp (model, "none") == 0)
    {
      _vd_xml_set_prop (model_node, "heads", NULL);
      _vd_xml_set_prop (model_node, "primary", NULL);
    }
  _vd_xml_set_prop (model_node, "type", model);

  return TRUE;
}

static guint
get_model_uint (VdDomainEditor *self,
                const char     *id,
                const char     *attr)
{
  xmlNode *node = _vd_device_lookup (self, id, KINDS_VIDEO, NULL);
  g_autofree char *text = _vd_xml_get_prop (_vd_xml_find_child (node, "model"), attr);
  guint64 value = 0;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, &value, NULL))
    return 0;

  return (guint)value;
}

/**
 * vd_domain_editor_get_video_vram:
 *
 * Returns: the video memory in KiB, 0 when the guest sets none
 */
guint
vd_domain_editor_get_video_vram (VdDomainEditor *self,
                                 const char     *id)
{
  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), 0);

  return get_model_uint (self, id, "vram");
}

/**
 * vd_domain_editor_set_video_vram:
 * @vram_kib: whole MiB from 1 MiB to 1 GiB, in KiB; 0 for the default
 */
gboolean
vd_domain_editor_set_video_vram (VdDomainEditor  *self,
                                 const char      *id,
                                 guint            vram_kib,
                                 GError         **error)
{
  xmlNode *node;
  xmlNode *model_node;
  g_autofree char *model = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  node = _vd_device_lookup (self, id, KINDS_VIDEO, error);
  if (node == NULL)
    return FALSE;
  model_node = _vd_xml_find_child (node, "model");
  model = _vd_xml_get_prop (model_node, "type");
  if (vram_kib != 0 && !g_strv_contains (vram_models, model != NULL ? model : ""))
    {
      g_set_error (error, VD_ERROR, VD_ERROR_NOT_SUPPORTED,
                   _("A %s video card has no video memory setting"), model != NULL ? model : "");
      return FALSE;
    }
  if (vram_kib != 0 && (vram_kib % 1024 != 0 || vram_kib < 1024 || vram_kib > 1048576))
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("Video memory is a whole number of MiB from 1 MiB to 1 GiB, not %u KiB"),
                   vram_kib);
      return FALSE;
    }
  if (model_node == NULL)
    return vram_kib == 0;

  text = g_strdup_printf ("%u", vram_kib);
  _vd_xml_set_prop (model_node, "vram", vram_kib != 0 ? text : NULL);

  return TRUE;
}

guint
vd_domain_editor_get_video_heads (VdDomainEditor *self,
                                  const char     *id)
{
  guint heads;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), 0);

  heads = get_model_uint (self, id, "heads");

  return heads != 0 ? heads : 1;
}

/**
 * vd_domain_editor_set_video_heads:
 * @heads: 1 to 16 screens
 */
gboolean
vd_domain_editor_set_video_heads (VdDomainEditor  *self,
                                  const char      *id,
                                  guint            heads,
                                  GError         **error)
{
  xmlNode *node;
  xmlNode *model_node;
  g_autofree char *model = NULL;
  g_autofree char *text = NULL;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  node = _vd_device_lookup (self, id, KINDS_VIDEO, error);
  if (node == NULL)
    return FALSE;
  if (heads < 1 || heads > 16)
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("A video card has 1 to 16 heads, not %u"), heads);
      return FALSE;
    }
  model_node = _vd_xml_ensure_child (node, "model", model_order);
  model = _vd_xml_get_prop (model_node, "type");
  if (g_strcmp0 (model, "none") == 0)
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_NOT_SUPPORTED,
                           _("A guest without a video card has no heads"));
      return FALSE;
    }
  if (heads == vd_domain_editor_get_video_heads (self, id))
    return TRUE;
  text = g_strdup_printf ("%u", heads);
  _vd_xml_set_prop (model_node, "heads", text);

  return TRUE;
}

gboolean
vd_domain_editor_get_video_accel3d (VdDomainEditor *self,
                                    const char     *id)
{
  xmlNode *node;
  g_autofree char *accel = NULL;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  node = _vd_device_lookup (self, id, KINDS_VIDEO, NULL);
  accel = _vd_xml_get_prop (_vd_xml_find_child (_vd_xml_find_child (node, "model"),
                                                "acceleration"), "accel3d");

  return g_strcmp0 (accel, "yes") == 0;
}

/**
 * vd_domain_editor_set_video_accel3d:
 *
 * 3D acceleration of a virtio video card.
 */
gboolean
vd_domain_editor_set_video_accel3d (VdDomainEditor  *self,
                                    const char      *id,
                                    gboolean         enabled,
                                    GError         **error)
{
  static const char * const accel_order[] = { "acceleration", "resolution", NULL };
  xmlNode *node;
  xmlNode *model_node;
  xmlNode *accel;
  g_autofree char *model = NULL;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  node = _vd_device_lookup (self, id, KINDS_VIDEO, error);
  if (node == NULL)
    return FALSE;
  model_node = _vd_xml_find_child (node, "model");
  model = _vd_xml_get_prop (model_node, "type");
  if (g_strcmp0 (model, "virtio") != 0)
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_NOT_SUPPORTED,
                           _("Only a virtio video card has 3D acceleration"));
      return FALSE;
    }
  accel = _vd_xml_find_child (model_node, "acceleration");
  if (accel == NULL && !enabled)
    return TRUE;
  if (accel == NULL)
    accel = _vd_xml_ensure_child (model_node, "acceleration", accel_order);
  _vd_xml_set_prop (accel, "accel3d", enabled ? "yes" : "no");

  return TRUE;
}

/* Input */

/**
 * vd_domain_editor_get_input:
 * @type: (out) (optional): mouse, tablet, keyboard, passthrough, evdev
 * @bus: (out) (optional) (nullable): ps2, usb, virtio, xen
 */
gboolean
vd_domain_editor_get_input (VdDomainEditor  *self,
                            const char      *id,
                            char           **type,
                            char           **bus)
{
  xmlNode *node;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  node = _vd_device_lookup (self, id, VD_KIND_BIT (VD_DEVICE_KIND_INPUT), NULL);
  if (node == NULL)
    return FALSE;
  if (type != NULL)
    *type = _vd_xml_get_prop (node, "type");
  if (bus != NULL)
    *bus = _vd_xml_get_prop (node, "bus");

  return TRUE;
}

/**
 * vd_domain_editor_set_input:
 * @type: mouse, tablet or keyboard
 * @bus: ps2, usb, virtio or xen (a tablet is not on ps2)
 *
 * A new bus drops the device's &lt;address&gt; (libvirt assigns one).
 * Passthrough and evdev devices are refused.
 */
gboolean
vd_domain_editor_set_input (VdDomainEditor  *self,
                            const char      *id,
                            const char      *type,
                            const char      *bus,
                            GError         **error)
{
  static const char * const types[] = { "mouse", "tablet", "keyboard", NULL };
  static const char * const buses[] = { "ps2", "usb", "virtio", "xen", NULL };
  xmlNode *node;
  g_autofree char *old_type = NULL;
  g_autofree char *old_bus = NULL;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  node = _vd_device_lookup (self, id, VD_KIND_BIT (VD_DEVICE_KIND_INPUT), error);
  if (node == NULL)
    return FALSE;
  old_type = _vd_xml_get_prop (node, "type");
  old_bus = _vd_xml_get_prop (node, "bus");
  if (type != NULL && g_strcmp0 (old_type, type) == 0 && g_strcmp0 (old_bus, bus) == 0)
    return TRUE;
  if (old_type != NULL && !g_strv_contains (types, old_type))
    {
      g_set_error (error, VD_ERROR, VD_ERROR_NOT_SUPPORTED,
                   _("This input device (%s) cannot be changed here"), old_type);
      return FALSE;
    }
  if (type == NULL || !g_strv_contains (types, type))
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a kind of input device"), type != NULL ? type : "");
      return FALSE;
    }
  if (bus == NULL || !g_strv_contains (buses, bus))
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a bus for an input device"), bus != NULL ? bus : "");
      return FALSE;
    }
  if (strcmp (type, "tablet") == 0 && strcmp (bus, "ps2") == 0)
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                           _("A tablet cannot be on the PS/2 bus"));
      return FALSE;
    }

  _vd_xml_set_prop (node, "type", type);
  if (g_strcmp0 (old_bus, bus) != 0)
    {
      xmlNode *address = _vd_xml_find_child (node, "address");

      _vd_xml_set_prop (node, "bus", bus);
      if (address != NULL)
        _vd_xml_remove_child (address);
    }

  return TRUE;
}

/* Watchdog */

gboolean
vd_domain_editor_get_watchdog (VdDomainEditor  *self,
                               const char      *id,
                               char           **model,
                               char           **action)
{
  xmlNode *node;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  node = _vd_device_lookup (self, id, VD_KIND_BIT (VD_DEVICE_KIND_WATCHDOG), NULL);
  if (node == NULL)
    return FALSE;
  if (model != NULL)
    *model = _vd_xml_get_prop (node, "model");
  if (action != NULL)
    {
      *action = _vd_xml_get_prop (node, "action");
      if (*action == NULL)
        *action = g_strdup ("reset");
    }

  return TRUE;
}

/**
 * vd_domain_editor_set_watchdog:
 * @model: i6300esb, ib700, diag288 or itco
 * @action: reset, shutdown, poweroff, pause, none, dump or inject-nmi
 *
 * A new model drops the device's &lt;address&gt;.
 */
gboolean
vd_domain_editor_set_watchdog (VdDomainEditor  *self,
                               const char      *id,
                               const char      *model,
                               const char      *action,
                               GError         **error)
{
  static const char * const models[] = { "i6300esb", "ib700", "diag288", "itco", NULL };
  static const char * const actions[] = {
    "reset", "shutdown", "poweroff", "pause", "none", "dump", "inject-nmi", NULL,
  };
  xmlNode *node;
  g_autofree char *old_model = NULL;
  g_autofree char *old_action = NULL;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  node = _vd_device_lookup (self, id, VD_KIND_BIT (VD_DEVICE_KIND_WATCHDOG), error);
  if (node == NULL)
    return FALSE;
  if (model == NULL || !g_strv_contains (models, model))
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a watchdog model"), model != NULL ? model : "");
      return FALSE;
    }
  if (action == NULL || !g_strv_contains (actions, action))
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not something a watchdog can do"), action != NULL ? action : "");
      return FALSE;
    }

  old_model = _vd_xml_get_prop (node, "model");
  old_action = _vd_xml_get_prop (node, "action");
  if (g_strcmp0 (old_model, model) != 0)
    {
      xmlNode *address = _vd_xml_find_child (node, "address");

      _vd_xml_set_prop (node, "model", model);
      if (address != NULL)
        _vd_xml_remove_child (address);
    }
  if (old_action != NULL || strcmp (action, "reset") != 0)
    _vd_xml_set_prop (node, "action", action);

  return TRUE;
}

/* Memory balloon */

static const char * const balloon_models[] = {
  "virtio", "virtio-transitional", "virtio-non-transitional", "xen", "none", NULL,
};
static const VdAttrField balloon_field = {
  VD_KIND_BIT (VD_DEVICE_KIND_MEMBALLOON), NULL, NULL, "model", balloon_models,
  N_("“%s” is not a memory balloon model"),
};

char *
vd_domain_editor_get_memballoon_model (VdDomainEditor *self,
                                       const char     *id)
{
  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), NULL);

  return _vd_attr_field_get (self, id, &balloon_field);
}

/**
 * vd_domain_editor_set_memballoon_model:
 * @model: virtio, virtio-transitional, virtio-non-transitional, xen or
 *   none; none also drops the balloon's statistics period, driver and
 *   address
 */
gboolean
vd_domain_editor_set_memballoon_model (VdDomainEditor  *self,
                                       const char      *id,
                                       const char      *model,
                                       GError         **error)
{
  static const char * const balloon_children[] = { "stats", "driver", "address", NULL };

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  if (model == NULL || *model == '\0')
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a memory balloon model"), "");
      return FALSE;
    }
  if (!_vd_attr_field_set (self, id, &balloon_field, model, error))
    return FALSE;
  if (strcmp (model, "none") == 0)
    remove_children (_vd_device_find_by_id (self->doc, id), balloon_children);

  return TRUE;
}

/* Random number generator */

/**
 * vd_domain_editor_get_rng_backend:
 * @model: (out) (optional): random, builtin or egd
 * @source: (out) (optional) (nullable): the host device of a random
 *   backend
 */
gboolean
vd_domain_editor_get_rng_backend (VdDomainEditor  *self,
                                  const char      *id,
                                  char           **model,
                                  char           **source)
{
  xmlNode *node;
  xmlNode *backend;
  g_autofree char *backend_model = NULL;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  node = _vd_device_lookup (self, id, VD_KIND_BIT (VD_DEVICE_KIND_RNG), NULL);
  if (node == NULL)
    return FALSE;
  backend = _vd_xml_find_child (node, "backend");
  backend_model = _vd_xml_get_prop (backend, "model");
  if (source != NULL)
    {
      *source = NULL;
      if (g_strcmp0 (backend_model, "random") == 0)
        {
          *source = g_strstrip (_vd_xml_get_text (backend));
          if (**source == '\0')
            g_clear_pointer (source, g_free);
        }
    }
  if (model != NULL)
    *model = g_steal_pointer (&backend_model);

  return TRUE;
}

/**
 * vd_domain_editor_set_rng_backend:
 * @model: random (a host device) or builtin (QEMU's own)
 * @source: (nullable): for random: a device under /dev (/dev/urandom,
 *   /dev/random, /dev/hwrng); %NULL for libvirt's default
 */
gboolean
vd_domain_editor_set_rng_backend (VdDomainEditor  *self,
                                  const char      *id,
                                  const char      *model,
                                  const char      *source,
                                  GError         **error)
{
  static const char * const rng_order[] = { "rate", "backend", "alias", "address", NULL };
  xmlNode *node;
  xmlNode *backend;
  g_autofree char *old_model = NULL;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  node = _vd_device_lookup (self, id, VD_KIND_BIT (VD_DEVICE_KIND_RNG), error);
  if (node == NULL)
    return FALSE;
  if (g_strcmp0 (model, "random") != 0 && g_strcmp0 (model, "builtin") != 0)
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a random number source virt-desk can set (random or builtin)"),
                   model != NULL ? model : "");
      return FALSE;
    }
  if (source != NULL && *source == '\0')
    source = NULL;
  if (strcmp (model, "builtin") == 0 && source != NULL)
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                           _("The builtin source takes no host device"));
      return FALSE;
    }
  if (source != NULL && (!g_str_has_prefix (source, "/dev/") || strstr (source, "..") != NULL ||
                         strpbrk (source, " \t\r\n") != NULL))
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a host device under /dev"), source);
      return FALSE;
    }

  backend = _vd_xml_find_child (node, "backend");
  old_model = _vd_xml_get_prop (backend, "model");
  if (backend != NULL && g_strcmp0 (old_model, model) != 0)
    {
      _vd_xml_remove_child (backend);
      backend = NULL;
    }
  if (backend == NULL)
    {
      backend = xmlNewDocNode (node->doc, NULL, (const xmlChar *)"backend", NULL);
      xmlSetProp (backend, (const xmlChar *)"model", (const xmlChar *)model);
      _vd_xml_insert_child (node, backend, rng_order);
    }
  if (strcmp (model, "random") == 0)
    {
      g_autofree char *old_source = g_strstrip (_vd_xml_get_text (backend));

      if (g_strcmp0 (old_source, source != NULL ? source : "") != 0)
        _vd_xml_set_text (backend, source);
    }

  return TRUE;
}
