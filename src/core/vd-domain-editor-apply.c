/* vd-domain-editor-apply.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-domain-editor"

#include "config.h"

#include <glib/gi18n.h>

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

typedef struct
{
  virConnectPtr   conn;
  char           *name;
  char           *uuid;
  char           *xml;
  VdDomainEditor *editor;      /* only touched on the main thread */
  VdDomainInfo   *after;       /* written by the worker */
  char           *new_xml;     /* written by the worker */
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

static gboolean
apply_worker (gpointer   user_data,
              GError   **error)
{
  ApplyData *data = user_data;
  virDomainPtr defined;
  virDomainPtr handle;
  gboolean ok = TRUE;

  defined = virDomainDefineXML (data->conn, data->xml);
  if (defined == NULL)
    {
      vd_libvirt_task_set_failure (error, apply_failure_message, data);
      ok = FALSE;
    }
  else
    virDomainFree (defined);

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

/**
 * vd_domain_editor_apply_async:
 * @domain: the guest the editor was made from
 *
 * Defines the edited XML (virDomainDefineXML) in a worker: @domain is busy
 * meanwhile; then re-reads it and restarts the editor from libvirt's new
 * XML. When libvirt refuses, the guest keeps its configuration, its
 * last-error holds the message, and the editor keeps its edits.
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
  data->editor = g_object_ref (self);
  handle = vd_domain_get_handle (domain);
  if (handle != NULL)
    {
      data->conn = virDomainGetConnect (handle);
      virConnectRef (data->conn);
    }

  vd_libvirt_task_run (domain, &apply_ops, VD_LIBVIRT_TASK_DEFAULT, data,
                       vd_domain_editor_apply_async, cancellable, callback, user_data);
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
