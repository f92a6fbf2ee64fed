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
 * Video, input, watchdog, memory balloon and random number generator
 * setters of the domain editor (graphics are in vd-domain-editor-graphics.c,
 * disks and NICs in their own files). Same rules: validate, then touch
 * only what the setter owns.
 */

#define KINDS_VIDEO VD_KIND_BIT (VD_DEVICE_KIND_VIDEO)

static const char * const model_order[] = { "model", "driver", "alias", "address", NULL };

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
    _vd_xml_remove_attrs (model_node, qxl_attrs);
  if (!g_strv_contains (vram_models, model))
    _vd_xml_set_prop (model_node, "vram", NULL);
  if (strcmp (model, "virtio") != 0)
    _vd_xml_remove_children (model_node, accel);
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
    _vd_xml_remove_children (_vd_device_find_by_id (self->doc, id), balloon_children);

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
