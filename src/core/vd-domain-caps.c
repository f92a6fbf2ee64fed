/* vd-domain-caps.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-domain-caps"

#include "config.h"

#include <glib/gi18n.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>

#include "vd-domain-caps.h"
#include "vd-error.h"
#include "vd-xml.h"

/*
 * A host's domain capabilities (virConnectGetDomainCapabilities) for the
 * emulator, architecture, machine type and virtualisation type a guest
 * names: which CPU modes and models it offers, whether it selects UEFI
 * firmware itself and whether that firmware can do Secure Boot.
 *
 * Read in a worker and kept per connection (on the VdConnection, keyed by
 * the four names, until it closes), answered or not: a driver without domain capabilities
 * (libvirt's test driver, for one) is asked once, and the pages say that
 * the host does not tell instead of inventing a list.
 */

#define CACHE_KEY "vd-domain-caps-cache"

static void
vd_domain_caps_clear (VdDomainCaps *caps)
{
  g_free (caps->reason);
  g_strfreev (caps->cpu_models);
}

VdDomainCaps *
vd_domain_caps_ref (VdDomainCaps *caps)
{
  return g_atomic_rc_box_acquire (caps);
}

void
vd_domain_caps_unref (VdDomainCaps *caps)
{
  g_atomic_rc_box_release_full (caps, (GDestroyNotify)vd_domain_caps_clear);
}

/**
 * vd_domain_caps_new_unknown:
 * @reason: (nullable): why the host does not tell
 *
 * Returns: (transfer full): capabilities that know nothing
 */
VdDomainCaps *
vd_domain_caps_new_unknown (const char *reason)
{
  VdDomainCaps *caps = g_atomic_rc_box_new0 (VdDomainCaps);

  caps->reason = g_strdup (reason);
  caps->cpu_models = g_new0 (char *, 1);

  return caps;
}

static gboolean
mode_supported (VdXml      *doc,
                const char *mode)
{
  g_autofree char *expr = g_strdup_printf ("string(/domainCapabilities/cpu/mode[@name='%s']"
                                           "/@supported)", mode);
  g_autofree char *value = vd_xml_get_string (doc, expr);

  return g_strcmp0 (value, "yes") == 0;
}

static gboolean
has_value (VdXml      *doc,
           const char *expr)
{
  g_autoptr(GPtrArray) nodes = vd_xml_get_nodes (doc, expr);

  return nodes->len > 0;
}

static int
compare_names (const void *a,
               const void *b)
{
  return g_strcmp0 (*(const char * const *)a, *(const char * const *)b);
}

/**
 * vd_domain_caps_new_from_xml:
 * @xml: a domainCapabilities document
 *
 * Returns: (transfer full): what @xml says, or %NULL with @error set when it
 *   is not domain capabilities
 */
VdDomainCaps *
vd_domain_caps_new_from_xml (const char  *xml,
                             GError     **error)
{
  g_autoptr(VdXml) doc = NULL;
  g_autoptr(GPtrArray) models = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  VdDomainCaps *caps;

  g_return_val_if_fail (xml != NULL, NULL);

  doc = vd_xml_new (xml);
  if (doc == NULL || !has_value (doc, "/domainCapabilities"))
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                           _("The host’s answer is not a description of domain capabilities"));
      return NULL;
    }

  caps = g_atomic_rc_box_new0 (VdDomainCaps);
  caps->known = TRUE;
  caps->host_passthrough = mode_supported (doc, "host-passthrough");
  caps->host_model = mode_supported (doc, "host-model");
  caps->maximum = mode_supported (doc, "maximum");
  caps->custom = mode_supported (doc, "custom");

  models = vd_xml_get_nodes (doc, "/domainCapabilities/cpu/mode[@name='custom']"
                                  "/model[@usable='yes']");
  for (guint i = 0; i < models->len; i++)
    {
      g_autofree char *name = vd_xml_node_get_string (doc, models->pdata[i], "string(.)");

      if (name != NULL && (name = g_strstrip (name))[0] != '\0')
        g_strv_builder_add (builder, name);
    }
  caps->cpu_models = g_strv_builder_end (builder);
  qsort (caps->cpu_models, g_strv_length (caps->cpu_models), sizeof (char *), compare_names);
  caps->efi = has_value (doc, "/domainCapabilities/os[@supported='yes']"
                              "/enum[@name='firmware']/value[.='efi']");
  caps->secure_boot = has_value (doc, "/domainCapabilities/os[@supported='yes']"
                                      "/loader[@supported='yes']/enum[@name='secure']"
                                      "/value[.='yes']");

  return caps;
}

/**
 * vd_domain_caps_check_cpu_model:
 * @caps: (nullable): the host's capabilities, %NULL when not read yet
 * @model: a CPU model name
 *
 * Refuses an empty name or one with spaces or a '/', and, when the host's
 * list of usable models is known, a name not in it.
 */
gboolean
vd_domain_caps_check_cpu_model (VdDomainCaps  *caps,
                                const char    *model,
                                GError       **error)
{
  if (model == NULL || model[0] == '\0')
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                           _("Name the CPU model"));
      return FALSE;
    }
  for (const char *p = model; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
      {
        g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                     _("“%s” is not a CPU model name: use letters, digits, “-”, “_” and “.”"),
                     model);
        return FALSE;
      }
  if (caps != NULL && caps->known && !caps->custom)
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_NOT_SUPPORTED,
                           _("The host offers no named CPU models for this guest"));
      return FALSE;
    }
  if (caps != NULL && caps->known && caps->custom &&
      !g_strv_contains ((const char * const *)caps->cpu_models, model))
    {
      g_set_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                   _("The host does not offer the CPU model “%s”: pick one from the list"),
                   model);
      return FALSE;
    }

  return TRUE;
}

/**
 * vd_domain_caps_names_from_xml:
 * @domain_xml: a guest's XML
 * @virt_type: (out) (transfer full) (nullable): its domain type
 * @emulator: (out) (transfer full) (nullable): its emulator
 * @arch: (out) (transfer full) (nullable): its architecture
 * @machine: (out) (transfer full) (nullable): its machine type
 *
 * What to ask vd_connection_get_domain_caps_async() about for this guest.
 */
void
vd_domain_caps_names_from_xml (const char  *domain_xml,
                               char       **virt_type,
                               char       **emulator,
                               char       **arch,
                               char       **machine)
{
  g_autoptr(VdXml) doc = domain_xml != NULL ? vd_xml_new (domain_xml) : NULL;

  *virt_type = doc != NULL ? vd_xml_get_string (doc, "string(/domain/@type)") : NULL;
  *emulator = doc != NULL ? vd_xml_get_string (doc, "string(/domain/devices/emulator)") : NULL;
  *arch = doc != NULL ? vd_xml_get_string (doc, "string(/domain/os/type/@arch)") : NULL;
  *machine = doc != NULL ? vd_xml_get_string (doc, "string(/domain/os/type/@machine)") : NULL;
}

/* The cache, on the connection (main thread only) */

static char *
cache_key (const char *virt_type,
           const char *emulator,
           const char *arch,
           const char *machine)
{
  return g_strjoin ("\n", virt_type != NULL ? virt_type : "", emulator != NULL ? emulator : "",
                    arch != NULL ? arch : "", machine != NULL ? machine : "", NULL);
}

/* A connection that closes may come back to an upgraded host: what it
 * said is forgotten. */
static void
state_changed_cb (VdConnection *self)
{
  GHashTable *cache = g_object_get_data (G_OBJECT (self), CACHE_KEY);

  if (cache != NULL && vd_connection_get_state (self) != VD_CONNECTION_STATE_CONNECTED)
    g_hash_table_remove_all (cache);
}

static GHashTable *
get_cache (VdConnection *self)
{
  GHashTable *cache = g_object_get_data (G_OBJECT (self), CACHE_KEY);

  if (cache == NULL)
    {
      cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                     (GDestroyNotify)vd_domain_caps_unref);
      g_object_set_data_full (G_OBJECT (self), CACHE_KEY, cache,
                              (GDestroyNotify)g_hash_table_unref);
      g_signal_connect (self, "notify::state", G_CALLBACK (state_changed_cb), NULL);
    }

  return cache;
}

/**
 * vd_connection_peek_domain_caps:
 *
 * Returns: (transfer none) (nullable): the capabilities read before for
 *   these names, %NULL when they were not read yet
 */
VdDomainCaps *
vd_connection_peek_domain_caps (VdConnection *self,
                                const char   *virt_type,
                                const char   *emulator,
                                const char   *arch,
                                const char   *machine)
{
  g_autofree char *key = cache_key (virt_type, emulator, arch, machine);

  g_return_val_if_fail (VD_IS_CONNECTION (self), NULL);

  return g_hash_table_lookup (get_cache (self), key);
}

typedef struct
{
  virConnectPtr  conn;
  char          *key;
  char          *virt_type;
  char          *emulator;
  char          *arch;
  char          *machine;
} CapsRequest;

static void
caps_request_free (CapsRequest *request)
{
  if (request->conn != NULL)
    virConnectClose (request->conn);
  g_free (request->key);
  g_free (request->virt_type);
  g_free (request->emulator);
  g_free (request->arch);
  g_free (request->machine);
  g_free (request);
}

static void
caps_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  CapsRequest *request = task_data;
  char *xml;
  VdDomainCaps *caps;
  g_autoptr(GError) error = NULL;

  xml = virConnectGetDomainCapabilities (request->conn, request->emulator, request->arch,
                                         request->machine, request->virt_type, 0);
  if (xml == NULL)
    {
      /* Not an error to the caller: the host just does not tell. */
      vd_error_set_from_libvirt (&error, _("Unknown error"));
      g_debug ("no domain capabilities: %s", error->message);
      g_task_return_pointer (task, vd_domain_caps_new_unknown (error->message),
                             (GDestroyNotify)vd_domain_caps_unref);
      return;
    }

  caps = vd_domain_caps_new_from_xml (xml, &error);
  free (xml);
  if (caps == NULL)
    caps = vd_domain_caps_new_unknown (error->message);
  g_task_return_pointer (task, caps, (GDestroyNotify)vd_domain_caps_unref);
}

/**
 * vd_connection_get_domain_caps_async:
 * @virt_type: (nullable): the domain type ("kvm", "qemu", "test")
 * @emulator: (nullable): the emulator's path
 * @arch: (nullable): the guest's architecture
 * @machine: (nullable): the guest's machine type
 *
 * Reads the host's domain capabilities for these names in a worker, or
 * answers at once from the connection's cache. A driver that does not
 * report them gives capabilities with #VdDomainCaps.known %FALSE, not an
 * error; only a connection that is not open fails.
 */
void
vd_connection_get_domain_caps_async (VdConnection        *self,
                                     const char          *virt_type,
                                     const char          *emulator,
                                     const char          *arch,
                                     const char          *machine,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CapsRequest *request;
  VdDomainCaps *cached;
  virConnectPtr conn;

  g_return_if_fail (VD_IS_CONNECTION (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vd_connection_get_domain_caps_async);

  cached = vd_connection_peek_domain_caps (self, virt_type, emulator, arch, machine);
  if (cached != NULL)
    {
      g_task_return_pointer (task, vd_domain_caps_ref (cached),
                             (GDestroyNotify)vd_domain_caps_unref);
      return;
    }

  conn = vd_connection_get_handle (self);
  if (conn == NULL)
    {
      g_task_return_new_error (task, VD_ERROR, VD_ERROR_NOT_CONNECTED,
                               _("“%s” is not connected"), vd_connection_get_display_name (self));
      return;
    }

  request = g_new0 (CapsRequest, 1);
  virConnectRef (conn);
  request->conn = conn;
  request->key = cache_key (virt_type, emulator, arch, machine);
  request->virt_type = g_strdup (virt_type);
  request->emulator = g_strdup (emulator);
  request->arch = g_strdup (arch);
  request->machine = g_strdup (machine);
  g_task_set_task_data (task, request, (GDestroyNotify)caps_request_free);
  g_task_run_in_thread (task, caps_worker);
}

/**
 * vd_connection_get_domain_caps_finish:
 *
 * Returns: (transfer full): the capabilities (known or not), or %NULL with
 *   @error set
 */
VdDomainCaps *
vd_connection_get_domain_caps_finish (VdConnection  *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  CapsRequest *request;
  VdDomainCaps *caps;

  g_return_val_if_fail (VD_IS_CONNECTION (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  caps = g_task_propagate_pointer (G_TASK (result), error);
  request = g_task_get_task_data (G_TASK (result));
  /* finish runs on the main thread: the cache is only touched there. */
  if (caps != NULL && request != NULL)
    g_hash_table_replace (get_cache (self), g_strdup (request->key), vd_domain_caps_ref (caps));

  return caps;
}
