/* vd-domain-editor-apply.c
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
#include "vd-connection-private.h"
#include "vd-domain-editor-private.h"
#include "vd-domain-private.h"
#include "vd-error.h"
#include "vd-libvirt-task.h"

/*
 * Where the editor meets libvirt: reading a guest's inactive XML into an
 * editor, and defining the edited XML (vd-libvirt-task.c's path: busy
 * while the worker runs, the guest re-read whether or not libvirt took it).
 *
 * For a running guest, what libvirt can change live is changed live as
 * well: a CD-ROM's or floppy's medium and a NIC's link state
 * (virDomainUpdateDeviceFlags, LIVE|CONFIG), the current memory through the
 * balloon (not with memballoon model none) and the current vCPUs
 * (SetMemoryFlags / SetVcpusFlags, LIVE, when the maximum stays), and added or removed devices of a kind that
 * hot-plugs (Attach/DetachDeviceFlags, LIVE|CONFIG). The plan is made on
 * the main thread by comparing the edited document with the original, device
 * by device (their ids match, vd-domain-editor-devices.c); anything else
 * only reaches the configuration, through virDomainDefineXML, and makes
 * the apply report "needs restart".
 *
 * Order and failure: the live calls run first, then the definition. When
 * a live call fails, nothing is defined, the configuration is put back to
 * what libvirt had before the live steps (a device call with CONFIG may
 * already have touched it), and the error says so; live calls that
 * succeeded before it stay in effect on the running guest (the message
 * names the failed step). When
 * the definition itself fails after live calls, the configuration is put
 * back likewise and the error says the running guest was changed.
 */

/* Reading a guest's XML */

static void
fetch_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  virDomainPtr handle = task_data;
  g_autofree char *name = g_strdup (virDomainGetName (handle));
  char *xml;
  VdDomainEditor *editor;
  GError *error = NULL;

  xml = virDomainGetXMLDesc (handle, VIR_DOMAIN_XML_INACTIVE | VIR_DOMAIN_XML_SECURE);
  if (xml == NULL)
    {
      g_autoptr(GError) libvirt_error = NULL;

      vd_error_set_from_libvirt (&libvirt_error, _("Unknown error"));
      g_task_return_new_error (task, libvirt_error->domain, libvirt_error->code,
                               _("Failed to read the configuration of “%s”: %s"),
                               name, libvirt_error->message);
      return;
    }

  editor = vd_domain_editor_new_from_xml (xml, &error);
  free (xml);
  if (editor == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, editor, g_object_unref);
}

/**
 * vd_domain_fetch_editor_async:
 *
 * Reads @domain's inactive XML (with secure fields) in a worker and makes
 * an editor over it. Reading only: the domain does not become busy.
 */
void
vd_domain_fetch_editor_async (VdDomain            *domain,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  virDomainPtr handle;

  g_return_if_fail (VD_IS_DOMAIN (domain));

  task = g_task_new (domain, cancellable, callback, user_data);
  g_task_set_source_tag (task, vd_domain_fetch_editor_async);

  if (vd_domain_get_connection (domain) == NULL)
    {
      g_task_return_new_error (task, VD_ERROR, VD_ERROR_NOT_CONNECTED,
                               _("Failed to read the configuration of “%s”: %s"),
                               vd_domain_get_name (domain),
                               _("the guest is no longer on an open connection"));
      return;
    }

  handle = vd_domain_get_handle (domain);
  virDomainRef (handle);
  g_task_set_task_data (task, handle, (GDestroyNotify)virDomainFree);
  g_task_run_in_thread (task, fetch_worker);
}

/**
 * vd_domain_fetch_editor_finish:
 *
 * Returns: (transfer full): the editor, or %NULL with @error set
 */
VdDomainEditor *
vd_domain_fetch_editor_finish (VdDomain      *domain,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, domain), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        vd_domain_fetch_editor_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Applying */

typedef enum
{
  LIVE_UPDATE,
  LIVE_DETACH,
  LIVE_ATTACH,
  LIVE_MEMORY,
  LIVE_VCPUS,
} LiveKind;

typedef struct
{
  LiveKind  kind;
  char     *xml;     /* the device, for the device calls */
  guint64   value;   /* KiB or vCPUs */
} LiveOp;

static void
live_op_free (gpointer user_data)
{
  LiveOp *op = user_data;

  g_free (op->xml);
  g_free (op);
}

typedef struct
{
  virConnectPtr   conn;
  char           *name;
  char           *uuid;
  char           *xml;
  GPtrArray      *live;        /* LiveOp, in the order to run them */
  gboolean        beyond_live; /* some change only reaches the configuration */
  VdDomainEditor *editor;      /* only touched on the main thread */
  VdDomainInfo   *after;       /* written by the worker */
  char           *new_xml;     /* written by the worker */
  gboolean        needs_restart; /* written by the worker */
} ApplyData;

static void
apply_data_free (gpointer user_data)
{
  ApplyData *data = user_data;

  if (data->conn != NULL)
    virConnectClose (data->conn);
  g_free (data->name);
  g_free (data->uuid);
  g_free (data->xml);
  g_clear_pointer (&data->live, g_ptr_array_unref);
  g_clear_object (&data->editor);
  g_clear_pointer (&data->after, _vd_domain_info_free);
  g_free (data->new_xml);
  g_free (data);
}

static char *
apply_failure_message (gpointer    user_data,
                       const char *detail)
{
  ApplyData *data = user_data;

  return g_strdup_printf (_("Failed to change the configuration of “%s”: %s"),
                          data->name, detail);
}

static const char *
live_step_name (LiveKind kind)
{
  switch (kind)
    {
    case LIVE_UPDATE:
      return _("changing a device");
    case LIVE_DETACH:
      return _("removing a device");
    case LIVE_ATTACH:
      return _("adding a device");
    case LIVE_MEMORY:
      return _("changing the memory");
    case LIVE_VCPUS:
      return _("changing the vCPUs");
    default:
      g_assert_not_reached ();
    }
}

/* Runs the live steps; on a failure returns FALSE with @error set and
 * *touched_config saying whether a device call may have changed the
 * configuration already. */
static gboolean
apply_live (ApplyData     *data,
            virDomainPtr   handle,
            gboolean      *touched_config,
            GError       **error)
{
  const unsigned int both = VIR_DOMAIN_AFFECT_LIVE | VIR_DOMAIN_AFFECT_CONFIG;

  *touched_config = FALSE;
  for (guint i = 0; i < data->live->len; i++)
    {
      LiveOp *op = data->live->pdata[i];
      int ret = -1;

      switch (op->kind)
        {
        case LIVE_UPDATE:
          ret = virDomainUpdateDeviceFlags (handle, op->xml, both);
          break;
        case LIVE_DETACH:
          ret = virDomainDetachDeviceFlags (handle, op->xml, both);
          break;
        case LIVE_ATTACH:
          ret = virDomainAttachDeviceFlags (handle, op->xml, both);
          break;
        case LIVE_MEMORY:
          ret = virDomainSetMemoryFlags (handle, (unsigned long)op->value,
                                         VIR_DOMAIN_AFFECT_LIVE);
          break;
        case LIVE_VCPUS:
          ret = virDomainSetVcpusFlags (handle, (unsigned int)op->value,
                                        VIR_DOMAIN_AFFECT_LIVE);
          break;
        default:
          g_assert_not_reached ();
        }
      if (ret < 0)
        {
          g_autoptr(GError) libvirt_error = NULL;

          vd_error_set_from_libvirt (&libvirt_error, _("Unknown error"));
          /* Translators: the first %s is a guest, the second a step
           * ("changing a device"), the third libvirt's message */
          g_set_error (error, libvirt_error->domain, libvirt_error->code,
                       _("Failed to change the running guest “%s” (%s): %s. "
                         "Its configuration was not changed."),
                       data->name, live_step_name (op->kind), libvirt_error->message);
          return FALSE;
        }
      if (op->kind == LIVE_UPDATE || op->kind == LIVE_DETACH || op->kind == LIVE_ATTACH)
        *touched_config = TRUE;
    }

  return TRUE;
}

/* Puts the configuration back as it was before the live steps (@saved,
 * read from libvirt then). */
static void
restore_config (ApplyData  *data,
                const char *saved)
{
  virDomainPtr restored;

  if (saved == NULL)
    return;
  restored = virDomainDefineXML (data->conn, saved);

  if (restored == NULL)
    g_warning ("Could not restore the configuration of %s: %s", data->name,
               virGetLastErrorMessage ());
  else
    virDomainFree (restored);
}

static gboolean
apply_worker (gpointer   user_data,
              GError   **error)
{
  ApplyData *data = user_data;
  virDomainPtr defined;
  virDomainPtr handle;
  gboolean ok = TRUE;
  gboolean active = FALSE;
  gboolean touched_config = FALSE;
  char *saved = NULL;

  handle = virDomainLookupByUUIDString (data->conn, data->uuid);
  if (handle != NULL)
    {
      active = virDomainIsActive (handle) == 1;
      if (active && data->live->len > 0)
        {
          saved = virDomainGetXMLDesc (handle, VIR_DOMAIN_XML_INACTIVE | VIR_DOMAIN_XML_SECURE);
          if (!apply_live (data, handle, &touched_config, error))
            {
              if (touched_config)
                restore_config (data, saved);
              ok = FALSE;
            }
        }
      virDomainFree (handle);
    }
  virResetLastError ();

  if (ok)
    {
      defined = virDomainDefineXML (data->conn, data->xml);
      if (defined == NULL)
        {
          if (active && data->live->len > 0)
            {
              g_autoptr(GError) libvirt_error = NULL;

              vd_error_set_from_libvirt (&libvirt_error, _("Unknown error"));
              g_set_error (error, libvirt_error->domain, libvirt_error->code,
                           _("The running guest “%s” was changed, but its configuration "
                             "could not be: %s"), data->name, libvirt_error->message);
              if (touched_config)
                restore_config (data, saved);
            }
          else
            vd_libvirt_task_set_failure (error, apply_failure_message, data);
          ok = FALSE;
        }
      else
        {
          virDomainFree (defined);
          data->needs_restart = active && data->beyond_live;
        }
    }
  free (saved);

  /* Re-read, success or not. */
  handle = virDomainLookupByUUIDString (data->conn, data->uuid);
  if (handle != NULL)
    {
      data->after = _vd_domain_info_new_from_handle (handle);
      if (ok)
        {
          char *xml = virDomainGetXMLDesc (handle, VIR_DOMAIN_XML_INACTIVE |
                                                   VIR_DOMAIN_XML_SECURE);

          data->new_xml = g_strdup (xml);
          free (xml);
        }
      virDomainFree (handle);
    }
  virResetLastError ();

  return ok;
}

static gboolean
apply_is_connected (gpointer self)
{
  return vd_domain_get_connection (self) != NULL;
}

static gboolean
apply_get_busy (gpointer self)
{
  return vd_domain_get_busy (self);
}

static void
apply_begin_busy (gpointer self)
{
  _vd_domain_begin_busy (self);
}

static void
apply_end_busy (gpointer    self,
                const char *error_message)
{
  _vd_domain_end_busy (self, error_message);
}

static void
apply_result (gpointer self,
              gpointer user_data)
{
  ApplyData *data = user_data;
  VdConnection *connection = vd_domain_get_connection (self);

  if (data->after != NULL && connection != NULL)
    _vd_connection_apply_domain_info (connection, data->after);
  data->editor->needs_restart = data->needs_restart;

  /* The editor now starts from what libvirt made of the new XML. */
  if (data->new_xml != NULL && !_vd_domain_editor_load (data->editor, data->new_xml, NULL))
    g_warning ("libvirt returned a configuration that does not parse");
}

static const VdLibvirtTaskOps apply_ops = {
  .log_domain = G_LOG_DOMAIN,
  .not_connected = N_("the guest is no longer on an open connection"),
  .busy = N_("another operation on this guest is still running"),
  .worker = apply_worker,
  .free_data = apply_data_free,
  .failure_message = apply_failure_message,
  .is_connected = apply_is_connected,
  .get_busy = apply_get_busy,
  .begin_busy = apply_begin_busy,
  .end_busy = apply_end_busy,
  .apply = apply_result,
};

/* Planning the live part (main thread) */

typedef struct
{
  const char *skip_child;   /* an element of the node (not deeper) left out */
  const char *skip_attr;    /* an attribute of the node left out */
} CanonSkip;

/* The node as text without blank text, for comparing two versions */
static void
canonical (xmlNode         *node,
           const CanonSkip *skip,
           GString         *out)
{
  if (node->type == XML_ELEMENT_NODE)
    {
      if (node->ns != NULL && node->ns->prefix != NULL)
        g_string_append_printf (out, "<%s:%s", node->ns->prefix, node->name);
      else
        g_string_append_printf (out, "<%s", node->name);
      for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
        {
          xmlChar *value;

          if (skip != NULL && skip->skip_attr != NULL &&
              strcmp ((const char *)attr->name, skip->skip_attr) == 0)
            continue;
          value = xmlNodeListGetString (node->doc, attr->children, 1);
          g_string_append_printf (out, " %s=\"%s\"", attr->name,
                                  value != NULL ? (char *)value : "");
          xmlFree (value);
        }
      g_string_append_c (out, '>');
      for (xmlNode *child = node->children; child != NULL; child = child->next)
        {
          if (skip != NULL && skip->skip_child != NULL && child->type == XML_ELEMENT_NODE &&
              strcmp ((const char *)child->name, skip->skip_child) == 0)
            continue;
          canonical (child, NULL, out);
        }
      g_string_append (out, "</>");
    }
  else if (node->type == XML_TEXT_NODE || node->type == XML_CDATA_SECTION_NODE)
    {
      if (!xmlIsBlankNode (node))
        g_string_append (out, (const char *)node->content);
    }
  else if (node->type == XML_COMMENT_NODE)
    g_string_append_printf (out, "<!--%s-->", node->content);
}

static gboolean
same_node (xmlNode         *a,
           xmlNode         *b,
           const CanonSkip *skip)
{
  g_autoptr(GString) text_a = g_string_new (NULL);
  g_autoptr(GString) text_b = g_string_new (NULL);

  canonical (a, skip, text_a);
  canonical (b, skip, text_b);

  return g_string_equal (text_a, text_b);
}

/* What of the domain is neither a device, nor the current memory, nor the
 * current vCPU count */
static char *
canonical_rest (xmlDoc *doc)
{
  xmlNode *root = xmlDocGetRootElement (doc);
  GString *out = g_string_new (NULL);
  static const CanonSkip vcpu_skip = { NULL, "current" };

  for (xmlNode *child = root->children; child != NULL; child = child->next)
    {
      if (_vd_xml_is_element (child, "devices") || _vd_xml_is_element (child, "currentMemory"))
        continue;
      canonical (child, _vd_xml_is_element (child, "vcpu") ? &vcpu_skip : NULL, out);
    }

  return g_string_free (out, FALSE);
}

static char *
node_xml (xmlNode *node)
{
  xmlBuffer *buffer = xmlBufferCreate ();
  char *ret;

  xmlNodeDump (buffer, node->doc, node, 0, 0);
  ret = g_strdup ((const char *)xmlBufferContent (buffer));
  xmlBufferFree (buffer);

  return ret;
}

static void
add_op (ApplyData *data,
        LiveKind   kind,
        xmlNode   *node,
        guint64    value)
{
  LiveOp *op = g_new0 (LiveOp, 1);

  op->kind = kind;
  op->xml = node != NULL ? node_xml (node) : NULL;
  op->value = value;
  g_ptr_array_add (data->live, op);
}

/* A changed device: updated live when only its medium (a CD-ROM or
 * floppy) or its link state (a NIC) changed. */
static gboolean
is_live_update (xmlNode *before,
                xmlNode *after)
{
  static const CanonSkip medium = { "source", "type" };
  static const CanonSkip link = { "link", NULL };

  switch (_vd_device_node_get_kind (before))
    {
    case VD_DEVICE_KIND_CDROM:
    case VD_DEVICE_KIND_FLOPPY:
      return same_node (before, after, &medium);
    case VD_DEVICE_KIND_INTERFACE:
      return same_node (before, after, &link);
    case VD_DEVICE_KIND_DISK:
    case VD_DEVICE_KIND_GRAPHICS:
    case VD_DEVICE_KIND_VIDEO:
    case VD_DEVICE_KIND_SOUND:
    case VD_DEVICE_KIND_INPUT:
    case VD_DEVICE_KIND_SERIAL:
    case VD_DEVICE_KIND_PARALLEL:
    case VD_DEVICE_KIND_CONSOLE:
    case VD_DEVICE_KIND_CHANNEL:
    case VD_DEVICE_KIND_HOSTDEV:
    case VD_DEVICE_KIND_REDIRDEV:
    case VD_DEVICE_KIND_CONTROLLER:
    case VD_DEVICE_KIND_RNG:
    case VD_DEVICE_KIND_WATCHDOG:
    case VD_DEVICE_KIND_TPM:
    case VD_DEVICE_KIND_SMARTCARD:
    case VD_DEVICE_KIND_FILESYSTEM:
    case VD_DEVICE_KIND_MEMBALLOON:
    case VD_DEVICE_KIND_PANIC:
    case VD_DEVICE_KIND_SHMEM:
    case VD_DEVICE_KIND_OTHER:
    default:
      return FALSE;
    }
}

static void
plan_devices (ApplyData *data,
              xmlDoc    *before,
              xmlDoc    *after)
{
  g_autoptr(GPtrArray) updates = g_ptr_array_new ();
  g_autoptr(GPtrArray) detaches = g_ptr_array_new ();
  g_autoptr(GPtrArray) attaches = g_ptr_array_new ();
  xmlNode *devices = _vd_xml_find_path (before, "devices");

  for (xmlNode *node = devices != NULL ? devices->children : NULL; node != NULL;
       node = node->next)
    {
      xmlNode *edited;

      if (node->type != XML_ELEMENT_NODE || _vd_device_node_get_id (node) == NULL)
        continue;
      edited = _vd_device_find_by_id (after, _vd_device_node_get_id (node));
      if (edited == NULL)
        {
          if (_vd_device_kind_is_hotpluggable (node))
            g_ptr_array_add (detaches, node);
          else
            data->beyond_live = TRUE;
        }
      else if (!same_node (node, edited, NULL))
        {
          if (is_live_update (node, edited))
            g_ptr_array_add (updates, edited);
          else
            data->beyond_live = TRUE;
        }
    }

  /* <emulator> is no device */
  {
    xmlNode *emulator_before = _vd_xml_find_child (devices, "emulator");
    xmlNode *emulator_after = _vd_xml_find_child (_vd_xml_find_path (after, "devices"),
                                                  "emulator");

    if ((emulator_before == NULL) != (emulator_after == NULL) ||
        (emulator_before != NULL && !same_node (emulator_before, emulator_after, NULL)))
      data->beyond_live = TRUE;
  }

  devices = _vd_xml_find_path (after, "devices");
  for (xmlNode *node = devices != NULL ? devices->children : NULL; node != NULL;
       node = node->next)
    {
      const char *id = _vd_device_node_get_id (node);

      if (node->type != XML_ELEMENT_NODE || id == NULL ||
          _vd_device_find_by_id (before, id) != NULL)
        continue;
      if (_vd_device_kind_is_hotpluggable (node))
        g_ptr_array_add (attaches, node);
      else
        data->beyond_live = TRUE;
    }

  for (guint i = 0; i < updates->len; i++)
    add_op (data, LIVE_UPDATE, updates->pdata[i], 0);
  for (guint i = 0; i < detaches->len; i++)
    add_op (data, LIVE_DETACH, detaches->pdata[i], 0);
  for (guint i = 0; i < attaches->len; i++)
    add_op (data, LIVE_ATTACH, attaches->pdata[i], 0);
}

/* The running guest's memory changes through its balloon, if it has one */
static gboolean
has_balloon (xmlDoc *doc)
{
  xmlNode *balloon = _vd_xml_find_child (_vd_xml_find_path (doc, "devices"), "memballoon");
  g_autofree char *model = _vd_xml_get_prop (balloon, "model");

  /* libvirt gives a QEMU guest a virtio balloon when it names none */
  return balloon == NULL || g_strcmp0 (model, "none") != 0;
}

/* Fills data->live and data->beyond_live from what the editor changed. */
static void
plan_live (VdDomainEditor *self,
           ApplyData      *data)
{
  g_autoptr(VdDomainEditor) before = NULL;
  g_autofree char *rest_before = NULL;
  g_autofree char *rest_after = NULL;

  before = vd_domain_editor_new_from_xml (self->original, NULL);
  if (before == NULL)
    {
      data->beyond_live = TRUE;
      return;
    }

  plan_devices (data, before->doc, self->doc);

  if (vd_domain_editor_get_memory (before) != vd_domain_editor_get_memory (self) &&
      (vd_domain_editor_get_max_memory (before) != vd_domain_editor_get_max_memory (self) ||
       !has_balloon (self->doc)))
    data->beyond_live = TRUE;
  else if (vd_domain_editor_get_memory (before) != vd_domain_editor_get_memory (self))
    {
      LiveOp *op = g_new0 (LiveOp, 1);

      op->kind = LIVE_MEMORY;
      op->value = vd_domain_editor_get_memory (self);
      g_ptr_array_add (data->live, op);
    }
  if (vd_domain_editor_get_max_vcpus (before) == vd_domain_editor_get_max_vcpus (self) &&
      vd_domain_editor_get_vcpus (before) != vd_domain_editor_get_vcpus (self))
    {
      LiveOp *op = g_new0 (LiveOp, 1);

      op->kind = LIVE_VCPUS;
      op->value = vd_domain_editor_get_vcpus (self);
      g_ptr_array_add (data->live, op);
    }

  rest_before = canonical_rest (before->doc);
  rest_after = canonical_rest (self->doc);
  if (strcmp (rest_before, rest_after) != 0)
    data->beyond_live = TRUE;
}

/**
 * vd_domain_editor_apply_async:
 * @domain: the guest the editor was made from
 *
 * Defines the edited XML (virDomainDefineXML) in a worker: @domain is busy
 * meanwhile; then re-reads it and restarts the editor from libvirt's new
 * XML. When libvirt refuses, the guest keeps its configuration, its
 * last-error holds the message, and the editor keeps its edits.
 *
 * A running guest first gets live what libvirt can change live (media,
 * link state, balloon, vCPUs, hot-plugged devices; see the top of this
 * file); a failed live step defines nothing and leaves the configuration
 * as it was. vd_domain_editor_apply_finish_full() or
 * vd_domain_editor_get_needs_restart() then say whether the rest waits for
 * the next boot.
 */
void
vd_domain_editor_apply_async (VdDomainEditor      *self,
                              VdDomain            *domain,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  ApplyData *data;
  g_autofree char *uuid = NULL;
  virDomainPtr handle;

  g_return_if_fail (VD_IS_DOMAIN_EDITOR (self));
  g_return_if_fail (VD_IS_DOMAIN (domain));

  uuid = _vd_domain_editor_get_uuid (self);
  if (g_strcmp0 (uuid, vd_domain_get_uuid (domain)) != 0)
    {
      g_task_report_new_error (domain, callback, user_data, vd_domain_editor_apply_async,
                               VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                               _("Failed to change the configuration of “%s”: %s"),
                               vd_domain_get_name (domain),
                               _("the configuration belongs to another guest"));
      return;
    }

  data = g_new0 (ApplyData, 1);
  data->name = g_strdup (vd_domain_get_name (domain));
  data->uuid = g_steal_pointer (&uuid);
  data->xml = vd_domain_editor_get_xml (self);
  data->live = g_ptr_array_new_with_free_func (live_op_free);
  plan_live (self, data);
  data->editor = g_object_ref (self);
  self->needs_restart = FALSE;
  handle = vd_domain_get_handle (domain);
  if (handle != NULL)
    {
      data->conn = virDomainGetConnect (handle);
      virConnectRef (data->conn);
    }

  vd_libvirt_task_run (domain, &apply_ops, VD_LIBVIRT_TASK_DEFAULT, data,
                       vd_domain_editor_apply_async, cancellable, callback, user_data);
}

/**
 * vd_domain_editor_apply_finish_full:
 * @needs_restart: (out) (optional): whether some change waits for the
 *   guest's next boot (a running guest got only part of it live)
 *
 * Like vd_domain_editor_apply_finish(), and says what the running guest
 * did not take.
 */
gboolean
vd_domain_editor_apply_finish_full (VdDomainEditor  *self,
                                    GAsyncResult    *result,
                                    gboolean        *needs_restart,
                                    GError         **error)
{
  gboolean ok;

  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  ok = vd_domain_editor_apply_finish (self, result, error);
  if (needs_restart != NULL)
    *needs_restart = ok && self->needs_restart;

  return ok;
}

/**
 * vd_domain_editor_get_needs_restart:
 *
 * Returns: after an apply finished: whether some change waits for the
 *   guest's next boot; %FALSE before any apply and after a failed one
 */
gboolean
vd_domain_editor_get_needs_restart (VdDomainEditor *self)
{
  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);

  return self->needs_restart;
}

gboolean
vd_domain_editor_apply_finish (VdDomainEditor  *self,
                               GAsyncResult    *result,
                               GError         **error)
{
  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (self), FALSE);
  g_return_val_if_fail (G_IS_TASK (result), FALSE);

  return vd_libvirt_task_finish (g_task_get_source_object (G_TASK (result)), result,
                                 vd_domain_editor_apply_async, error);
}
