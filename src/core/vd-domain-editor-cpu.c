/* vd-domain-editor-cpu.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-domain-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vd-domain-caps.h"
#include "vd-domain-editor-guest.h"
#include "vd-domain-editor-private.h"
#include "vd-error.h"

/*
 * The CPU mode and model, and the memory backing.
 *
 * CPU: <cpu mode=...> with, for mode custom, <model>. The mode alone
 * changes: <topology>, <feature>, <numa>, <cache> and whatever else the
 * element holds stay as they are. Only what libvirt allows in one mode and
 * not in the next goes with it: the model and vendor of mode custom (and
 * its match attribute), migratable of host-passthrough and maximum, and
 * check, which needs a model or a host mode. The
 * hypervisor's default is no mode and no model (libvirt's "custom" without
 * a model); an element left with nothing in it is removed.
 *
 * Memory backing: <hugepages> (its <page> children, the sizes already
 * chosen, are kept while it stays on), and shared memory, which virtiofs
 * needs: <access mode='shared'/> with <source type='memfd'/> when the guest
 * names no other source.
 */

static const char * const cpu_modes[] = {
  "default", "host-passthrough", "host-model", "maximum", "custom", NULL,
};

static const char * const cpu_order[] = {
  "model", "vendor", "topology", "cache", "maxphysaddr", "feature", "numa", NULL,
};

static const char * const backing_order[] = {
  "hugepages", "nosharepages", "locked", "source", "access", "allocation", "discard", NULL,
};

static gboolean
has_children_or_attrs (xmlNode *node)
{
  return node->properties != NULL || _vd_xml_find_child (node, NULL) != NULL;
}

/**
 * vd_domain_editor_get_cpu_mode:
 * @model: (out) (optional) (transfer full): the model of mode custom
 *
 * Returns: (transfer full): "default" (the hypervisor's), "host-passthrough",
 *   "host-model", "maximum" or "custom" (with @model set)
 */
char *
vd_domain_editor_get_cpu_mode (VdDomainEditor  *self,
                               char           **model)
{
  xmlNode *cpu;
  g_autofree char *mode = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), NULL);

  cpu = _vd_xml_find_path (self->doc, "cpu");
  mode = _vd_xml_get_prop (cpu, "mode");
  name = _vd_xml_get_text (_vd_xml_find_child (cpu, "model"));
  if (name != NULL)
    g_strstrip (name);

  if (model != NULL)
    *model = NULL;
  if (mode == NULL || strcmp (mode, "custom") == 0)
    {
      if (name == NULL || name[0] == '\0')
        return g_strdup ("default");
      if (model != NULL)
        *model = g_steal_pointer (&name);
      return g_strdup ("custom");
    }

  return g_steal_pointer (&mode);
}

/**
 * vd_domain_editor_set_cpu_mode:
 * @mode: "default", "host-passthrough", "host-model", "maximum" or "custom"
 * @model: (nullable): for "custom", the model's name (checked with
 *   vd_domain_caps_check_cpu_model() without a list: the page checks it
 *   against the host's)
 *
 * Refuses the hypervisor's default for a guest that lists CPU features
 * (libvirt needs a model for them).
 */
gboolean
vd_domain_editor_set_cpu_mode (VdDomainEditor  *self,
                               const char      *mode,
                               const char      *model,
                               GError         **error)
{
  g_autofree char *old_model = NULL;
  g_autofree char *old_mode = NULL;
  xmlNode *root;
  xmlNode *cpu;
  xmlNode *model_node;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  if (mode == NULL || !g_strv_contains (cpu_modes, mode))
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a CPU mode"), mode != NULL ? mode : "");
      return FALSE;
    }
  if (strcmp (mode, "custom") == 0 && !vd_domain_caps_check_cpu_model (NULL, model, error))
    return FALSE;
  if (strcmp (mode, "custom") != 0)
    model = NULL;

  old_mode = vd_domain_editor_get_cpu_mode (self, &old_model);
  if (strcmp (old_mode, mode) == 0 && g_strcmp0 (old_model, model) == 0)
    return TRUE;

  root = xmlDocGetRootElement (self->doc);
  cpu = _vd_xml_find_path (self->doc, "cpu");
  if (strcmp (mode, "default") == 0 && cpu != NULL && _vd_xml_find_child (cpu, "feature") != NULL)
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_NOT_SUPPORTED,
                           _("This guest’s CPU lists features, which need a CPU model or a "
                             "host mode: remove them in the XML tab first"));
      return FALSE;
    }

  if (cpu == NULL)
    cpu = _vd_xml_ensure_child (root, "cpu", _vd_domain_order);

  if (strcmp (mode, "custom") != 0)
    {
      static const char * const custom_only[] = { "model", "vendor", NULL };
      static const char * const custom_attrs[] = { "match", NULL };

      _vd_xml_remove_children (cpu, custom_only);
      _vd_xml_remove_attrs (cpu, custom_attrs);
    }
  if (strcmp (mode, "host-passthrough") != 0 && strcmp (mode, "maximum") != 0)
    {
      static const char * const passthrough_attrs[] = { "migratable", NULL };

      _vd_xml_remove_attrs (cpu, passthrough_attrs);
    }

  if (strcmp (mode, "default") == 0)
    {
      /* libvirt refuses check without a model */
      _vd_xml_set_prop (cpu, "check", NULL);
      _vd_xml_set_prop (cpu, "mode", NULL);
      if (!has_children_or_attrs (cpu))
        _vd_xml_remove_node (cpu);
      return TRUE;
    }

  _vd_xml_set_prop (cpu, "mode", mode);
  if (model == NULL)
    return TRUE;

  model_node = _vd_xml_find_child (cpu, "model");
  if (model_node == NULL)
    {
      model_node = xmlNewDocNode (self->doc, NULL, (const xmlChar *)"model", NULL);
      xmlSetProp (model_node, (const xmlChar *)"fallback", (const xmlChar *)"allow");
      _vd_xml_insert_child (cpu, model_node, cpu_order);
    }
  _vd_xml_set_text (model_node, model);

  return TRUE;
}

/* Memory backing */

static xmlNode *
ensure_backing (VdDomainEditor *self)
{
  return _vd_xml_ensure_child (xmlDocGetRootElement (self->doc), "memoryBacking",
                               _vd_domain_order);
}

static void
drop_if_empty (xmlNode *backing)
{
  if (backing != NULL && !has_children_or_attrs (backing))
    _vd_xml_remove_node (backing);
}

/**
 * vd_domain_editor_get_hugepages:
 *
 * Returns: whether the guest's memory is backed by huge pages
 */
gboolean
vd_domain_editor_get_hugepages (VdDomainEditor *self)
{
  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  return _vd_xml_find_path (self->doc, "memoryBacking/hugepages") != NULL;
}

/**
 * vd_domain_editor_set_hugepages:
 *
 * Turns huge pages on (the host's default size) or off (with any sizes
 * the guest chose); on when already on keeps those sizes.
 */
gboolean
vd_domain_editor_set_hugepages (VdDomainEditor  *self,
                                gboolean         enabled,
                                GError         **error)
{
  xmlNode *backing;
  xmlNode *hugepages;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  backing = _vd_xml_find_path (self->doc, "memoryBacking");
  hugepages = _vd_xml_find_child (backing, "hugepages");
  if (!!enabled == (hugepages != NULL))
    return TRUE;

  if (!enabled)
    {
      _vd_xml_remove_node (hugepages);
      drop_if_empty (backing);
      return TRUE;
    }

  backing = ensure_backing (self);
  _vd_xml_ensure_child (backing, "hugepages", backing_order);

  return TRUE;
}

/**
 * vd_domain_editor_get_shared_memory:
 *
 * Returns: whether the guest's memory is shared with the host
 *   (&lt;access mode='shared'/&gt;), as virtiofs needs
 */
gboolean
vd_domain_editor_get_shared_memory (VdDomainEditor *self)
{
  g_autofree char *mode = NULL;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  mode = _vd_xml_get_prop (_vd_xml_find_path (self->doc, "memoryBacking/access"), "mode");

  return g_strcmp0 (mode, "shared") == 0;
}

/**
 * vd_domain_editor_set_shared_memory:
 *
 * On: access mode shared, and a memfd source unless the guest names
 * another source. Off: the access element goes (the source stays).
 */
gboolean
vd_domain_editor_set_shared_memory (VdDomainEditor  *self,
                                    gboolean         enabled,
                                    GError         **error)
{
  xmlNode *backing;
  xmlNode *access;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  if (!!enabled == vd_domain_editor_get_shared_memory (self))
    return TRUE;

  backing = _vd_xml_find_path (self->doc, "memoryBacking");
  access = _vd_xml_find_child (backing, "access");
  if (!enabled)
    {
      _vd_xml_remove_node (access);
      drop_if_empty (backing);
      return TRUE;
    }

  backing = ensure_backing (self);
  if (_vd_xml_find_child (backing, "source") == NULL)
    {
      xmlNode *source = xmlNewDocNode (self->doc, NULL, (const xmlChar *)"source", NULL);

      xmlSetProp (source, (const xmlChar *)"type", (const xmlChar *)"memfd");
      _vd_xml_insert_child (backing, source, backing_order);
    }
  access = _vd_xml_ensure_child (backing, "access", backing_order);
  _vd_xml_set_prop (access, "mode", "shared");

  return TRUE;
}
