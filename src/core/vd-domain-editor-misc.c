/* vd-domain-editor-misc.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-domain-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vd-domain-editor-misc.h"
#include "vd-domain-editor-private.h"
#include "vd-error.h"

/*
 * Sound cards, TPMs and panic notifiers: getters, and setters that
 * validate first and then touch only what they own (as in
 * vd-domain-editor-devices-more.c). A setter given the value already
 * there changes nothing.
 */

/* Sound */

static const char * const sound_models[] = {
  "ich9", "ich7", "ich6", "ac97", "es1370", "sb16", "usb", "pcspk", "virtio", NULL,
};
/* The Intel HDA models, which take <codec> children */
static const char * const hda_models[] = { "ich9", "ich7", "ich6", NULL };

/**
 * vd_domain_editor_get_sound_model:
 *
 * Returns: (nullable): the sound card's model (ich9, ac97, ...)
 */
char *
vd_domain_editor_get_sound_model (VdDomainEditor *self,
                                  const char     *id)
{
  xmlNode *node;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), NULL);

  node = _vd_device_lookup (self, id, VD_KIND_BIT (VD_DEVICE_KIND_SOUND), NULL);

  return _vd_xml_get_prop (node, "model");
}

/**
 * vd_domain_editor_set_sound_model:
 * @model: ich9, ich7, ich6, ac97, es1370, sb16, usb, pcspk or virtio
 *
 * A new model drops the card's &lt;address&gt; (it may be on another bus)
 * and, unless it is an Intel HDA model, its codecs; its &lt;audio&gt;
 * backend stays.
 */
gboolean
vd_domain_editor_set_sound_model (VdDomainEditor  *self,
                                  const char      *id,
                                  const char      *model,
                                  GError         **error)
{
  static const char * const address[] = { "address", NULL };
  static const char * const codec[] = { "codec", NULL };
  xmlNode *node;
  g_autofree char *old = NULL;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  node = _vd_device_lookup (self, id, VD_KIND_BIT (VD_DEVICE_KIND_SOUND), error);
  if (node == NULL)
    return FALSE;
  old = _vd_xml_get_prop (node, "model");
  if (model != NULL && g_strcmp0 (old, model) == 0)
    return TRUE;
  if (model == NULL || !g_strv_contains (sound_models, model))
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a sound card model"), model != NULL ? model : "");
      return FALSE;
    }

  _vd_xml_set_prop (node, "model", model);
  _vd_xml_remove_children (node, address);
  if (!g_strv_contains (hda_models, model))
    _vd_xml_remove_children (node, codec);

  return TRUE;
}

/* TPM */

static const char * const tpm_models[] = {
  "tpm-tis", "tpm-crb", "tpm-spapr", "spapr-tpm-proxy", NULL,
};
static const char * const tpm_order[] = { "backend", "alias", "address", NULL };

/**
 * vd_domain_editor_get_tpm:
 * @model: (out) (optional): tpm-tis (when none is written), tpm-crb,
 *   tpm-spapr, spapr-tpm-proxy
 * @backend: (out) (optional) (nullable): passthrough, emulator, external
 * @device: (out) (optional) (nullable): a passthrough backend's host device
 * @version: (out) (optional) (nullable): an emulator's TPM version (1.2,
 *   2.0); %NULL for libvirt's default
 */
gboolean
vd_domain_editor_get_tpm (VdDomainEditor  *self,
                          const char      *id,
                          char           **model,
                          char           **backend,
                          char           **device,
                          char           **version)
{
  xmlNode *node;
  xmlNode *backend_node;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  node = _vd_device_lookup (self, id, VD_KIND_BIT (VD_DEVICE_KIND_TPM), NULL);
  if (node == NULL)
    return FALSE;
  backend_node = _vd_xml_find_child (node, "backend");
  if (model != NULL)
    {
      *model = _vd_xml_get_prop (node, "model");
      if (*model == NULL)
        *model = g_strdup ("tpm-tis");
    }
  if (backend != NULL)
    *backend = _vd_xml_get_prop (backend_node, "type");
  if (device != NULL)
    *device = _vd_xml_child_prop (backend_node, "device", "path");
  if (version != NULL)
    *version = _vd_xml_get_prop (backend_node, "version");

  return TRUE;
}

static gboolean
is_device_path (const char *path)
{
  return path != NULL && g_str_has_prefix (path, "/dev/") && path[5] != '\0' &&
         strstr (path, "..") == NULL && strpbrk (path, " \t\r\n'\"<>&") == NULL;
}

/**
 * vd_domain_editor_set_tpm:
 * @model: tpm-tis, tpm-crb, tpm-spapr or spapr-tpm-proxy
 * @backend: passthrough (the host's TPM @device) or emulator (swtpm, TPM
 *   @version 1.2 or 2.0, %NULL for libvirt's default)
 * @device: (nullable): for passthrough: a device under /dev (/dev/tpm0)
 * @version: (nullable): for emulator: 1.2 or 2.0
 *
 * A new model drops the TPM's &lt;address&gt;; a new backend type replaces
 * the whole &lt;backend&gt; (an emulator's encryption and state settings
 * go with it). An external backend cannot be set here. A CRB interface
 * takes TPM 2.0 only.
 */
gboolean
vd_domain_editor_set_tpm (VdDomainEditor  *self,
                          const char      *id,
                          const char      *model,
                          const char      *backend,
                          const char      *device,
                          const char      *version,
                          GError         **error)
{
  static const char * const address[] = { "address", NULL };
  static const char * const device_order[] = { "device", NULL };
  xmlNode *node;
  xmlNode *backend_node;
  g_autofree char *old_model = NULL;
  g_autofree char *old_backend = NULL;
  g_autofree char *old_device = NULL;
  g_autofree char *old_version = NULL;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  node = _vd_device_lookup (self, id, VD_KIND_BIT (VD_DEVICE_KIND_TPM), error);
  if (node == NULL)
    return FALSE;
  if (device != NULL && *device == '\0')
    device = NULL;
  if (version != NULL && *version == '\0')
    version = NULL;
  vd_domain_editor_get_tpm (self, id, &old_model, &old_backend, &old_device, &old_version);
  if (g_strcmp0 (model, old_model) == 0 && g_strcmp0 (backend, old_backend) == 0 &&
      (g_strcmp0 (backend, "passthrough") != 0 || g_strcmp0 (device, old_device) == 0) &&
      (g_strcmp0 (backend, "emulator") != 0 || g_strcmp0 (version, old_version) == 0))
    return TRUE;

  if (model == NULL || !g_strv_contains (tpm_models, model))
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a TPM model"), model != NULL ? model : "");
      return FALSE;
    }
  if (g_strcmp0 (backend, "passthrough") != 0 && g_strcmp0 (backend, "emulator") != 0)
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a TPM backend virt-desk can set (passthrough or emulator)"),
                   backend != NULL ? backend : "");
      return FALSE;
    }
  if (strcmp (backend, "passthrough") == 0 && !is_device_path (device))
    {
      if (device == NULL)
        g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                             _("A passed-through TPM needs the host’s TPM device (/dev/tpm0)"));
      else
        g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                     _("“%s” is not a host device under /dev"), device);
      return FALSE;
    }
  if (strcmp (backend, "emulator") == 0 && version != NULL &&
      strcmp (version, "1.2") != 0 && strcmp (version, "2.0") != 0)
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a TPM version (1.2 or 2.0)"), version);
      return FALSE;
    }
  if (strcmp (model, "tpm-crb") == 0 && strcmp (backend, "emulator") == 0 &&
      g_strcmp0 (version, "1.2") == 0)
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                           _("A CRB TPM is a TPM 2.0: it cannot emulate version 1.2"));
      return FALSE;
    }

  if (strcmp (model, old_model) != 0)
    {
      _vd_xml_set_prop (node, "model", model);
      _vd_xml_remove_children (node, address);
    }

  backend_node = _vd_xml_find_child (node, "backend");
  if (backend_node != NULL && g_strcmp0 (old_backend, backend) != 0)
    {
      _vd_xml_remove_child (backend_node);
      backend_node = NULL;
    }
  if (backend_node == NULL)
    {
      backend_node = xmlNewDocNode (node->doc, NULL, (const xmlChar *)"backend", NULL);
      xmlSetProp (backend_node, (const xmlChar *)"type", (const xmlChar *)backend);
      _vd_xml_insert_child (node, backend_node, tpm_order);
      g_clear_pointer (&old_device, g_free);
      g_clear_pointer (&old_version, g_free);
    }
  if (strcmp (backend, "passthrough") == 0 && g_strcmp0 (device, old_device) != 0)
    _vd_xml_set_prop (_vd_xml_ensure_child (backend_node, "device", device_order), "path",
                      device);
  if (strcmp (backend, "emulator") == 0 && g_strcmp0 (version, old_version) != 0)
    _vd_xml_set_prop (backend_node, "version", version);

  return TRUE;
}

/* Panic notifier */

static const char * const panic_models[] = { "isa", "pseries", "hyperv", "s390", "pvpanic",
                                             NULL };

/**
 * vd_domain_editor_get_panic_model:
 *
 * Returns: (nullable): the panic notifier's model; %NULL when none is
 *   written (the machine's default)
 */
char *
vd_domain_editor_get_panic_model (VdDomainEditor *self,
                                  const char     *id)
{
  xmlNode *node;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), NULL);

  node = _vd_device_lookup (self, id, VD_KIND_BIT (VD_DEVICE_KIND_PANIC), NULL);

  return _vd_xml_get_prop (node, "model");
}

/**
 * vd_domain_editor_set_panic_model:
 * @model: (nullable): isa, pseries, hyperv, s390 or pvpanic; %NULL for the
 *   machine's default
 *
 * A new model drops the device's &lt;address&gt; (an ISA notifier's I/O
 * port stays as long as it stays ISA).
 */
gboolean
vd_domain_editor_set_panic_model (VdDomainEditor  *self,
                                  const char      *id,
                                  const char      *model,
                                  GError         **error)
{
  static const char * const address[] = { "address", NULL };
  xmlNode *node;
  g_autofree char *old = NULL;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  node = _vd_device_lookup (self, id, VD_KIND_BIT (VD_DEVICE_KIND_PANIC), error);
  if (node == NULL)
    return FALSE;
  if (model != NULL && *model == '\0')
    model = NULL;
  old = _vd_xml_get_prop (node, "model");
  if (g_strcmp0 (old, model) == 0)
    return TRUE;
  if (model != NULL && !g_strv_contains (panic_models, model))
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a panic notifier model"), model);
      return FALSE;
    }

  _vd_xml_set_prop (node, "model", model);
  _vd_xml_remove_children (node, address);

  return TRUE;
}
