/* vd-domain-live.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-domain"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-domain-live.h"
#include "vd-error.h"
#include "vd-xml.h"

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

/*
 * What the guest's live XML (virDomainGetXMLDesc without flags: the running
 * guest as libvirt sees it now, or the definition of a shut-off one) says
 * and the editable, inactive XML does not: the security labels libvirt gave
 * it and the state of its guest agent channel. Read in a worker; the
 * parsers are pure and run anywhere.
 */

static void
read_live_xml_worker (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  virDomainPtr handle = task_data;
  char *xml = virDomainGetXMLDesc (handle, 0);

  if (xml == NULL)
    {
      g_task_return_new_error (task, VD_ERROR, VD_ERROR_FAILED,
                               _("Failed to read the configuration of “%s”: %s"),
                               virDomainGetName (handle), virGetLastErrorMessage ());
      virResetLastError ();
      return;
    }
  g_task_return_pointer (task, g_strdup (xml), g_free);
  free (xml);
}

/**
 * vd_domain_read_live_xml_async:
 *
 * Reads the guest's live XML in a worker.
 */
void
vd_domain_read_live_xml_async (VdDomain            *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  virDomainPtr handle;

  g_return_if_fail (VD_IS_DOMAIN (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vd_domain_read_live_xml_async);
  handle = vd_domain_get_handle (self);
  virDomainRef (handle);
  g_task_set_task_data (task, handle, (GDestroyNotify)virDomainFree);
  g_task_run_in_thread (task, read_live_xml_worker);
}

/**
 * vd_domain_read_live_xml_finish:
 *
 * Returns: (transfer full): the live XML, or %NULL with @error set
 */
char *
vd_domain_read_live_xml_finish (VdDomain      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (VD_IS_DOMAIN (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * vd_live_xml_get_os_type:
 *
 * Returns: (transfer full) (nullable): the text of <os><type> ("hvm")
 */
char *
vd_live_xml_get_os_type (const char *xml)
{
  g_autoptr(VdXml) doc = xml != NULL ? vd_xml_new (xml) : NULL;
  char *type;

  if (doc == NULL)
    return NULL;
  type = vd_xml_get_string (doc, "normalize-space(/domain/os/type)");
  if (type != NULL && type[0] == '\0')
    g_clear_pointer (&type, g_free);

  return type;
}

/**
 * vd_live_xml_get_security:
 *
 * One line per <seclabel> of the domain: its model, its type and the label
 * libvirt gave (or was given), e.g. "selinux, static:
 * system_u:system_r:svirt_t:s0:c1,c2"; "none" when there is none.
 *
 * Returns: (transfer full): the text to show
 */
char *
vd_live_xml_get_security (const char *xml)
{
  g_autoptr(VdXml) doc = xml != NULL ? vd_xml_new (xml) : NULL;
  g_autoptr(GPtrArray) nodes = NULL;
  g_autoptr(GString) text = g_string_new (NULL);

  if (doc != NULL)
    nodes = vd_xml_get_nodes (doc, "/domain/seclabel");
  for (guint i = 0; nodes != NULL && i < nodes->len; i++)
    {
      xmlNodePtr node = g_ptr_array_index (nodes, i);
      g_autofree char *model = vd_xml_node_get_string (doc, node, "string(@model)");
      g_autofree char *type = vd_xml_node_get_string (doc, node, "string(@type)");
      g_autofree char *label = vd_xml_node_get_string (doc, node, "string(label)");
      const char *shown_model = model != NULL && model[0] != '\0' ? model : NULL;

      if (text->len > 0)
        g_string_append_c (text, '\n');
      /* translators: the security model of a guest's label (selinux,
       * apparmor, dac) when its XML names none */
      g_string_append (text, shown_model != NULL ? shown_model : _("default model"));
      if (type != NULL && type[0] != '\0')
        g_string_append_printf (text, ", %s", type);
      if (label != NULL && label[0] != '\0')
        g_string_append_printf (text, ": %s", label);
    }
  if (text->len == 0)
    /* translators: the guest has no security label (sVirt) */
    g_string_append (text, C_("security label", "none"));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * vd_live_xml_get_agent_state:
 *
 * The state libvirt gives the QEMU guest agent's channel
 * (<target type='virtio' name='org.qemu.guest_agent.0' state='...'/>).
 */
VdAgentState
vd_live_xml_get_agent_state (const char *xml)
{
  g_autoptr(VdXml) doc = xml != NULL ? vd_xml_new (xml) : NULL;
  g_autofree char *found = NULL;
  g_autofree char *state = NULL;
  const char *target = "/domain/devices/channel/target[@type='virtio']"
                       "[@name='org.qemu.guest_agent.0']";
  g_autofree char *count_expr = g_strdup_printf ("count(%s)", target);
  g_autofree char *state_expr = g_strdup_printf ("string(%s/@state)", target);

  if (doc == NULL)
    return VD_AGENT_STATE_NONE;
  found = vd_xml_get_string (doc, count_expr);
  if (found == NULL || g_strcmp0 (found, "0") == 0)
    return VD_AGENT_STATE_NONE;
  state = vd_xml_get_string (doc, state_expr);
  if (g_strcmp0 (state, "connected") == 0)
    return VD_AGENT_STATE_CONNECTED;
  if (g_strcmp0 (state, "disconnected") == 0)
    return VD_AGENT_STATE_DISCONNECTED;

  return VD_AGENT_STATE_UNKNOWN;
}

/**
 * vd_agent_state_describe:
 * @active: whether the guest runs
 *
 * Returns: what to show for the agent's state
 */
const char *
vd_agent_state_describe (VdAgentState state,
                         gboolean     active)
{
  if (state == VD_AGENT_STATE_NONE)
    /* translators: the guest has no guest agent channel */
    return _("No agent channel");
  if (!active)
    /* translators: the guest agent's state while the guest is shut off */
    return _("Unknown (guest not running)");

  switch (state)
    {
    case VD_AGENT_STATE_CONNECTED:
      /* translators: the QEMU guest agent in the guest answers */
      return _("Connected");
    case VD_AGENT_STATE_DISCONNECTED:
      return _("Not connected (is qemu-guest-agent running in the guest?)");
    case VD_AGENT_STATE_UNKNOWN:
    case VD_AGENT_STATE_NONE:
    default:
      /* translators: the guest runs, but libvirt does not report whether
       * its guest agent is connected */
      return _("Unknown (libvirt does not report it)");
    }
}

/**
 * vd_format_cpu_time:
 *
 * Formats a CPU time like "1 h 2 min 3 s" ("0 s" for none).
 *
 * Returns: (transfer full): the text
 */
char *
vd_format_cpu_time (guint64 nanoseconds)
{
  guint64 seconds = nanoseconds / G_GUINT64_CONSTANT (1000000000);
  guint64 hours = seconds / 3600;
  guint minutes = (guint)((seconds / 60) % 60);
  guint secs = (guint)(seconds % 60);
  g_autoptr(GString) text = g_string_new (NULL);

  if (hours > 0)
    {
      g_autofree char *number = g_strdup_printf ("%" G_GUINT64_FORMAT, hours);

      /* translators: hours of CPU time, as in "1 h 2 min 3 s" (%s is the
       * number) */
      g_string_append_printf (text, _("%s h"), number);
    }
  if (hours > 0 || minutes > 0)
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      /* translators: minutes of CPU time, as in "1 h 2 min 3 s" */
      g_string_append_printf (text, _("%u min"), minutes);
    }
  if (text->len > 0)
    g_string_append_c (text, ' ');
  /* translators: seconds of CPU time, as in "1 h 2 min 3 s" */
  g_string_append_printf (text, _("%u s"), secs);

  return g_string_free (g_steal_pointer (&text), FALSE);
}
