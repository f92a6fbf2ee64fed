/* vd-network.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-network"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vd-connection-private.h"
#include "vd-error.h"
#include "vd-host-private.h"
#include "vd-libvirt-task.h"
#include "vd-network.h"
#include "vd-network-spec.h"

/*
 * One virtual network. Its fields come from the network's XML, read in a
 * worker (VdNetworkInfo) and applied here on the main thread; libvirt's
 * network lifecycle events (vd-connection-host.c) and every operation's
 * own re-read keep it current. Operations follow VdDomain's pattern: busy
 * while one runs, last-error when it failed.
 */

struct _VdNetwork
{
  GObject        parent_instance;

  /* Borrowed: cleared when the network leaves the connection's list */
  VdConnection  *connection;

  /* Owned */
  virNetworkPtr  handle;
  char           uuid[VIR_UUID_STRING_BUFLEN];
  char          *name;
  char          *last_error;
  char          *forward_mode;
  char          *forward_dev;
  char          *bridge;
  char          *ipv4_address;
  char          *ipv6_address;
  GStrv          dhcp_ranges;
  GStrv          static_hosts;
  char          *dns_domain;
  guint          ipv4_prefix;
  guint          ipv6_prefix;
  guint          busy;
  guint          serial;         /* counts operations started */
  guint          active : 1;
  guint          autostart : 1;
  guint          persistent : 1;
};

G_DEFINE_FINAL_TYPE (VdNetwork, vd_network, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_UUID,
  PROP_ACTIVE,
  PROP_AUTOSTART,
  PROP_PERSISTENT,
  PROP_BUSY,
  PROP_LAST_ERROR,
  PROP_FORWARD_MODE,
  PROP_FORWARD_DEV,
  PROP_BRIDGE,
  PROP_IPV4_ADDRESS,
  PROP_IPV4_PREFIX,
  PROP_IPV6_ADDRESS,
  PROP_IPV6_PREFIX,
  PROP_DHCP_RANGES,
  PROP_STATIC_HOSTS,
  PROP_DNS_DOMAIN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------ */
/* Applying (main thread)                                              */
/* ------------------------------------------------------------------ */

static void
notify (VdNetwork *self,
        guint      prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_flag (VdNetwork *self,
          guint      prop,
          gboolean   value)
{
  gboolean old;

  switch (prop)
    {
    case PROP_ACTIVE:
      old = self->active;
      self->active = !!value;
      break;
    case PROP_AUTOSTART:
      old = self->autostart;
      self->autostart = !!value;
      break;
    case PROP_PERSISTENT:
      old = self->persistent;
      self->persistent = !!value;
      break;
    default:
      g_assert_not_reached ();
    }

  if (old != !!value)
    notify (self, prop);
}

void
_vd_network_apply_info (VdNetwork           *self,
                        const VdNetworkInfo *info)
{
  g_return_if_fail (VD_IS_NETWORK (self));

  g_object_freeze_notify (G_OBJECT (self));

  if (info->handle != NULL && info->handle != self->handle)
    {
      virNetworkRef (info->handle);
      if (self->handle != NULL)
        virNetworkFree (self->handle);
      self->handle = info->handle;
    }

  if (_vd_host_set_string (&self->name, info->name))
    notify (self, PROP_NAME);
  set_flag (self, PROP_ACTIVE, info->active);
  set_flag (self, PROP_AUTOSTART, info->autostart);
  set_flag (self, PROP_PERSISTENT, info->persistent);
  if (_vd_host_set_string (&self->forward_mode, info->forward_mode))
    notify (self, PROP_FORWARD_MODE);
  if (_vd_host_set_string (&self->forward_dev, info->forward_dev))
    notify (self, PROP_FORWARD_DEV);
  if (_vd_host_set_string (&self->bridge, info->bridge))
    notify (self, PROP_BRIDGE);
  if (_vd_host_set_string (&self->ipv4_address, info->ipv4_address))
    notify (self, PROP_IPV4_ADDRESS);
  if (self->ipv4_prefix != info->ipv4_prefix)
    {
      self->ipv4_prefix = info->ipv4_prefix;
      notify (self, PROP_IPV4_PREFIX);
    }
  if (_vd_host_set_string (&self->ipv6_address, info->ipv6_address))
    notify (self, PROP_IPV6_ADDRESS);
  if (self->ipv6_prefix != info->ipv6_prefix)
    {
      self->ipv6_prefix = info->ipv6_prefix;
      notify (self, PROP_IPV6_PREFIX);
    }
  if (_vd_host_set_strv (&self->dhcp_ranges, (const char * const *)info->dhcp_ranges))
    notify (self, PROP_DHCP_RANGES);
  if (_vd_host_set_strv (&self->static_hosts, (const char * const *)info->static_hosts))
    notify (self, PROP_STATIC_HOSTS);
  if (_vd_host_set_string (&self->dns_domain, info->dns_domain))
    notify (self, PROP_DNS_DOMAIN);

  g_object_thaw_notify (G_OBJECT (self));
}

VdNetwork *
_vd_network_new (VdConnection        *connection,
                 const VdNetworkInfo *info)
{
  VdNetwork *self = g_object_new (VD_TYPE_NETWORK, NULL);

  self->connection = connection;
  g_strlcpy (self->uuid, info->uuid, sizeof self->uuid);
  _vd_network_apply_info (self, info);

  return self;
}

/* The network left the list (undefined, or the connection closed): its
 * operations fail from now on instead of reaching a stale connection. */
void
_vd_network_detach (VdNetwork *self)
{
  g_return_if_fail (VD_IS_NETWORK (self));

  self->connection = NULL;
}

guint
_vd_network_get_action_serial (VdNetwork *self)
{
  return self->serial;
}

static void
begin_busy (gpointer object)
{
  VdNetwork *self = object;

  self->serial++;
  if (self->busy++ == 0)
    notify (self, PROP_BUSY);
}

static void
end_busy (gpointer    object,
          const char *error_message)
{
  VdNetwork *self = object;

  g_return_if_fail (self->busy > 0);

  if (_vd_host_set_string (&self->last_error, error_message))
    notify (self, PROP_LAST_ERROR);
  if (--self->busy == 0)
    notify (self, PROP_BUSY);
}

/* ------------------------------------------------------------------ */
/* Operations                                                          */
/* ------------------------------------------------------------------ */

typedef enum
{
  ACTION_START,
  ACTION_STOP,
  ACTION_DELETE,
  ACTION_AUTOSTART,
  ACTION_ADD_HOST,
  ACTION_REMOVE_HOST,
} ActionKind;

typedef struct
{
  ActionKind      kind;
  virNetworkPtr   handle;
  char           *name;
  gboolean        flag;
  char           *host_xml;      /* a DHCP <host/>, for the host actions */
  char           *host;          /* its MAC address, for messages */
  VdNetworkInfo  *after;
} ActionData;

static void
action_data_free (gpointer user_data)
{
  ActionData *data = user_data;

  if (data->handle != NULL)
    virNetworkFree (data->handle);
  g_free (data->name);
  g_free (data->host_xml);
  g_free (data->host);
  g_clear_pointer (&data->after, _vd_network_info_free);
  g_free (data);
}

/* translators: followed by libvirt's explanation, e.g.
 * Failed to start the network “default”: network is already active */
static char *
failure_message (gpointer    user_data,
                 const char *detail)
{
  ActionData *data = user_data;
  const char *name = data->name;

  switch (data->kind)
    {
    case ACTION_START:
      return g_strdup_printf (_("Failed to start the network “%s”: %s"), name, detail);
    case ACTION_STOP:
      return g_strdup_printf (_("Failed to stop the network “%s”: %s"), name, detail);
    case ACTION_DELETE:
      return g_strdup_printf (_("Failed to delete the network “%s”: %s"), name, detail);
    case ACTION_AUTOSTART:
      return g_strdup_printf (_("Failed to change autostart of the network “%s”: %s"),
                              name, detail);
    case ACTION_ADD_HOST:
      /* translators: the first %s is a MAC address, the second a network */
      return g_strdup_printf (_("Failed to add the static host %s to the network “%s”: %s"),
                              data->host, name, detail);
    case ACTION_REMOVE_HOST:
      /* translators: the first %s is a MAC address, the second a network */
      return g_strdup_printf (_("Failed to remove the static host %s from the network “%s”: %s"),
                              data->host, name, detail);
    default:
      g_assert_not_reached ();
    }
}

static int
run_action (ActionData *data)
{
  switch (data->kind)
    {
    case ACTION_START:
      return virNetworkCreate (data->handle);
    case ACTION_STOP:
      return virNetworkDestroy (data->handle);
    case ACTION_DELETE:
      {
        int active = virNetworkIsActive (data->handle);

        /* Undefining a running network would leave it running, transient:
         * stop it first so Delete means gone. */
        if (active < 0 || (active == 1 && virNetworkDestroy (data->handle) < 0))
          return -1;
        if (virNetworkIsPersistent (data->handle) == 1)
          return virNetworkUndefine (data->handle);
        return 0;
      }
    case ACTION_AUTOSTART:
      return virNetworkSetAutostart (data->handle, data->flag ? 1 : 0);
    case ACTION_ADD_HOST:
    case ACTION_REMOVE_HOST:
      {
        int active = virNetworkIsActive (data->handle);
        int persistent = virNetworkIsPersistent (data->handle);
        unsigned int flags = 0;

        if (active < 0 || persistent < 0)
          return -1;
        /* The running network's dnsmasq and its definition both. */
        if (active == 1)
          flags |= VIR_NETWORK_UPDATE_AFFECT_LIVE;
        if (persistent == 1)
          flags |= VIR_NETWORK_UPDATE_AFFECT_CONFIG;
        return virNetworkUpdate (data->handle,
                                 data->kind == ACTION_ADD_HOST
                                 ? VIR_NETWORK_UPDATE_COMMAND_ADD_LAST
                                 : VIR_NETWORK_UPDATE_COMMAND_DELETE,
                                 VIR_NETWORK_SECTION_IP_DHCP_HOST, -1, data->host_xml, flags);
      }
    default:
      g_assert_not_reached ();
    }
}

static gboolean
action_worker (gpointer   user_data,
               GError   **error)
{
  ActionData *data = user_data;
  gboolean ok = run_action (data) >= 0;

  if (!ok)
    vd_libvirt_task_set_failure (error, failure_message, data);

  /* Re-read, success or not: the view shows what libvirt says now. */
  data->after = _vd_network_info_new_from_handle (data->handle);

  return ok;
}

/* The rest runs on the main thread, called by vd_libvirt_task_run(). */

static gboolean
is_connected (gpointer object)
{
  VdNetwork *self = object;

  return self->connection != NULL && self->handle != NULL;
}

static gboolean
get_busy (gpointer object)
{
  VdNetwork *self = object;

  return self->busy > 0;
}

static void
apply_result (gpointer object,
              gpointer user_data)
{
  VdNetwork *self = object;
  ActionData *data = user_data;

  if (data->after != NULL && self->connection != NULL)
    _vd_connection_apply_network_info (self->connection, data->after);
}

static const VdLibvirtTaskOps action_ops = {
  .log_domain = G_LOG_DOMAIN,
  .not_connected = N_("the network is no longer on an open connection"),
  .busy = N_("another operation on this network is still running"),
  .worker = action_worker,
  .free_data = action_data_free,
  .failure_message = failure_message,
  .is_connected = is_connected,
  .get_busy = get_busy,
  .begin_busy = begin_busy,
  .end_busy = end_busy,
  .apply = apply_result,
};

static void
start_action (VdNetwork           *self,
              ActionData          *data,
              gpointer             source_tag,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  data->name = g_strdup (self->name);
  if (self->handle != NULL)
    {
      virNetworkRef (self->handle);
      data->handle = self->handle;
    }

  vd_libvirt_task_run (self, &action_ops, VD_LIBVIRT_TASK_DEFAULT, data, source_tag,
                       cancellable, callback, user_data);
}

static gboolean
finish_action (VdNetwork     *self,
               GAsyncResult  *result,
               gpointer       source_tag,
               GError       **error)
{
  g_return_val_if_fail (VD_IS_NETWORK (self), FALSE);

  return vd_libvirt_task_finish (self, result, source_tag, error);
}

static ActionData *
action_data_new (ActionKind kind)
{
  ActionData *data = g_new0 (ActionData, 1);

  data->kind = kind;

  return data;
}

#define DEFINE_SIMPLE_ACTION(name, KIND)                                          \
  void                                                                            \
  vd_network_##name##_async (VdNetwork           *self,                           \
                             GCancellable        *cancellable,                    \
                             GAsyncReadyCallback  callback,                       \
                             gpointer             user_data)                      \
  {                                                                               \
    g_return_if_fail (VD_IS_NETWORK (self));                                      \
    g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));            \
                                                                                  \
    start_action (self, action_data_new (KIND), vd_network_##name##_async,        \
                  cancellable, callback, user_data);                              \
  }                                                                               \
                                                                                  \
  gboolean                                                                        \
  vd_network_##name##_finish (VdNetwork     *self,                                \
                              GAsyncResult  *result,                              \
                              GError       **error)                               \
  {                                                                               \
    return finish_action (self, result, vd_network_##name##_async, error);        \
  }

/**
 * vd_network_start_async:
 *
 * Starts the network (virNetworkCreate): its bridge, DHCP and DNS come up.
 */
DEFINE_SIMPLE_ACTION (start, ACTION_START)
/**
 * vd_network_stop_async:
 *
 * Stops the network (virNetworkDestroy); guests attached to it lose their
 * connectivity. A transient network is gone afterwards.
 */
DEFINE_SIMPLE_ACTION (stop, ACTION_STOP)
/**
 * vd_network_delete_async:
 *
 * Stops the network when it runs, then undefines it: its configuration is
 * removed from the host.
 */
DEFINE_SIMPLE_ACTION (delete, ACTION_DELETE)

/**
 * vd_network_set_autostart_async:
 *
 * Whether the host starts the network when libvirt starts.
 */
void
vd_network_set_autostart_async (VdNetwork           *self,
                                gboolean             autostart,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  ActionData *data;

  g_return_if_fail (VD_IS_NETWORK (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = action_data_new (ACTION_AUTOSTART);
  data->flag = !!autostart;
  start_action (self, data, vd_network_set_autostart_async, cancellable, callback, user_data);
}

gboolean
vd_network_set_autostart_finish (VdNetwork     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return finish_action (self, result, vd_network_set_autostart_async, error);
}

static void
get_xml_worker (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  char *xml = virNetworkGetXMLDesc (task_data, 0);

  if (xml == NULL)
    {
      GError *error = NULL;

      vd_error_set_from_libvirt (&error, _("Unknown error"));
      g_prefix_error (&error, _("Could not read the network’s XML: "));
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, g_strdup (xml), g_free);
  free (xml);
}

/**
 * vd_network_get_xml_async:
 *
 * Reads the network's current XML description in a worker.
 */
void
vd_network_get_xml_async (VdNetwork           *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (VD_IS_NETWORK (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vd_network_get_xml_async);

  if (self->connection == NULL || self->handle == NULL)
    {
      g_task_return_new_error (task, VD_ERROR, VD_ERROR_NOT_CONNECTED,
                               _("The network “%s” is no longer on an open connection"),
                               self->name);
      return;
    }

  virNetworkRef (self->handle);
  g_task_set_task_data (task, self->handle, (GDestroyNotify)virNetworkFree);
  g_task_run_in_thread (task, get_xml_worker);
}

/**
 * vd_network_get_xml_finish:
 *
 * Returns: (transfer full): the XML, or %NULL with @error set
 */
char *
vd_network_get_xml_finish (VdNetwork     *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (VD_IS_NETWORK (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */
/* ------------------------------------------------------------------ */

static void
vd_network_finalize (GObject *object)
{
  VdNetwork *self = (VdNetwork *)object;

  if (self->handle != NULL)
    virNetworkFree (self->handle);
  g_free (self->name);
  g_free (self->last_error);
  g_free (self->forward_mode);
  g_free (self->forward_dev);
  g_free (self->bridge);
  g_free (self->ipv4_address);
  g_free (self->ipv6_address);
  g_strfreev (self->dhcp_ranges);
  g_strfreev (self->static_hosts);
  g_free (self->dns_domain);

  G_OBJECT_CLASS (vd_network_parent_class)->finalize (object);
}

static void
vd_network_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  VdNetwork *self = VD_NETWORK (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;
    case PROP_ACTIVE:
      g_value_set_boolean (value, self->active);
      break;
    case PROP_AUTOSTART:
      g_value_set_boolean (value, self->autostart);
      break;
    case PROP_PERSISTENT:
      g_value_set_boolean (value, self->persistent);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy > 0);
      break;
    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;
    case PROP_FORWARD_MODE:
      g_value_set_string (value, self->forward_mode);
      break;
    case PROP_FORWARD_DEV:
      g_value_set_string (value, self->forward_dev);
      break;
    case PROP_BRIDGE:
      g_value_set_string (value, self->bridge);
      break;
    case PROP_IPV4_ADDRESS:
      g_value_set_string (value, self->ipv4_address);
      break;
    case PROP_IPV4_PREFIX:
      g_value_set_uint (value, self->ipv4_prefix);
      break;
    case PROP_IPV6_ADDRESS:
      g_value_set_string (value, self->ipv6_address);
      break;
    case PROP_IPV6_PREFIX:
      g_value_set_uint (value, self->ipv6_prefix);
      break;
    case PROP_DHCP_RANGES:
      g_value_set_boxed (value, self->dhcp_ranges);
      break;
    case PROP_STATIC_HOSTS:
      g_value_set_boxed (value, self->static_hosts);
      break;
    case PROP_DNS_DOMAIN:
      g_value_set_string (value, self->dns_domain);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vd_network_class_init (VdNetworkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags RO = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = vd_network_finalize;
  object_class->get_property = vd_network_get_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, RO);
  properties[PROP_UUID] = g_param_spec_string ("uuid", NULL, NULL, NULL, RO);
  properties[PROP_ACTIVE] = g_param_spec_boolean ("active", NULL, NULL, FALSE, RO);
  properties[PROP_AUTOSTART] = g_param_spec_boolean ("autostart", NULL, NULL, FALSE, RO);
  properties[PROP_PERSISTENT] = g_param_spec_boolean ("persistent", NULL, NULL, FALSE, RO);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, RO);
  properties[PROP_LAST_ERROR] = g_param_spec_string ("last-error", NULL, NULL, NULL, RO);
  /**
   * VdNetwork:forward-mode:
   *
   * libvirt's forward mode ("nat", "route", "bridge", "open", "private",
   * "passthrough", "hostdev", "vepa"), %NULL for an isolated network.
   */
  properties[PROP_FORWARD_MODE] = g_param_spec_string ("forward-mode", NULL, NULL, NULL, RO);
  properties[PROP_FORWARD_DEV] = g_param_spec_string ("forward-dev", NULL, NULL, NULL, RO);
  properties[PROP_BRIDGE] = g_param_spec_string ("bridge", NULL, NULL, NULL, RO);
  properties[PROP_IPV4_ADDRESS] = g_param_spec_string ("ipv4-address", NULL, NULL, NULL, RO);
  properties[PROP_IPV4_PREFIX] = g_param_spec_uint ("ipv4-prefix", NULL, NULL, 0, 32, 0, RO);
  properties[PROP_IPV6_ADDRESS] = g_param_spec_string ("ipv6-address", NULL, NULL, NULL, RO);
  properties[PROP_IPV6_PREFIX] = g_param_spec_uint ("ipv6-prefix", NULL, NULL, 0, 128, 0, RO);
  /**
   * VdNetwork:dhcp-ranges:
   *
   * Every DHCP range of every address, each "START END".
   */
  properties[PROP_DHCP_RANGES] = g_param_spec_boxed ("dhcp-ranges", NULL, NULL, G_TYPE_STRV, RO);
  /**
   * VdNetwork:static-hosts:
   *
   * Every static DHCP host, each "MAC IP NAME" (the name may be empty; a
   * DHCPv6 host has its DUID in place of the MAC).
   */
  properties[PROP_STATIC_HOSTS] = g_param_spec_boxed ("static-hosts", NULL, NULL, G_TYPE_STRV, RO);
  properties[PROP_DNS_DOMAIN] = g_param_spec_string ("dns-domain", NULL, NULL, NULL, RO);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
vd_network_init (VdNetwork *self)
{
}

/* ------------------------------------------------------------------ */
/* Getters                                                             */
/* ------------------------------------------------------------------ */

/**
 * vd_network_get_connection:
 *
 * Returns: (transfer none) (nullable): the connection, %NULL once the
 *   network is no longer listed
 */
VdConnection *
vd_network_get_connection (VdNetwork *self)
{
  g_return_val_if_fail (VD_IS_NETWORK (self), NULL);
  return self->connection;
}

#define DEFINE_GETTER(type, name, expr, fallback) \
  type                                            \
  vd_network_get_##name (VdNetwork *self)         \
  {                                               \
    g_return_val_if_fail (VD_IS_NETWORK (self), fallback); \
    return expr;                                  \
  }

DEFINE_GETTER (const char *, name, self->name, NULL)
DEFINE_GETTER (const char *, uuid, self->uuid, NULL)
DEFINE_GETTER (gboolean, active, self->active, FALSE)
DEFINE_GETTER (gboolean, autostart, self->autostart, FALSE)
DEFINE_GETTER (gboolean, persistent, self->persistent, FALSE)
DEFINE_GETTER (gboolean, busy, self->busy > 0, FALSE)
DEFINE_GETTER (const char *, last_error, self->last_error, NULL)
DEFINE_GETTER (const char *, forward_mode, self->forward_mode, NULL)
DEFINE_GETTER (const char *, forward_dev, self->forward_dev, NULL)
DEFINE_GETTER (const char *, bridge, self->bridge, NULL)
DEFINE_GETTER (const char *, ipv4_address, self->ipv4_address, NULL)
DEFINE_GETTER (guint, ipv4_prefix, self->ipv4_prefix, 0)
DEFINE_GETTER (const char *, ipv6_address, self->ipv6_address, NULL)
DEFINE_GETTER (guint, ipv6_prefix, self->ipv6_prefix, 0)
DEFINE_GETTER (const char * const *, dhcp_ranges, (const char * const *)self->dhcp_ranges, NULL)
DEFINE_GETTER (const char * const *, static_hosts, (const char * const *)self->static_hosts, NULL)
DEFINE_GETTER (const char *, dns_domain, self->dns_domain, NULL)

/* ------------------------------------------------------------------ */
/* Static DHCP hosts                                                   */
/* ------------------------------------------------------------------ */

/* The network as a spec, as far as judging a new static host needs. */
static VdNetworkSpec *
host_spec (VdNetwork *self)
{
  VdNetworkSpec *spec = vd_network_spec_new ();
  const char * const *hosts = vd_network_get_static_hosts (self);

  if (vd_network_get_ipv4_address (self) != NULL)
    {
      spec->ipv4_enabled = TRUE;
      g_free (spec->ipv4);
      spec->ipv4 = g_strdup_printf ("%s/%u", vd_network_get_ipv4_address (self),
                                    vd_network_get_ipv4_prefix (self));
    }
  for (guint i = 0; hosts != NULL && hosts[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (hosts[i], " ", 3);
      VdNetworkHost *host;

      if (g_strv_length (parts) < 2)
        continue;
      host = g_new0 (VdNetworkHost, 1);
      host->mac = g_strdup (parts[0]);
      host->ip = g_strdup (parts[1]);
      host->name = parts[2] != NULL && parts[2][0] != '\0' ? g_strdup (parts[2]) : NULL;
      g_ptr_array_add (spec->hosts, host);
    }

  return spec;
}

/**
 * vd_network_check_dhcp_host:
 * @mac: the guest's MAC address
 * @ip: the IPv4 address it is to get
 * @name: (nullable): a host name
 *
 * Judges a static DHCP host for this network: the MAC address's form and
 * unicast bit, the address inside the network's IPv4 space and free, the
 * name's characters, neither MAC nor address already listed.
 *
 * Returns: (transfer full) (nullable): why it cannot be added, or %NULL
 */
char *
vd_network_check_dhcp_host (VdNetwork  *self,
                            const char *mac,
                            const char *ip,
                            const char *name)
{
  g_autoptr(VdNetworkSpec) spec = NULL;

  g_return_val_if_fail (VD_IS_NETWORK (self), NULL);

  spec = host_spec (self);
  return vd_network_spec_check_host (spec, mac, ip, name);
}

static char *
host_xml (const char *mac,
          const char *ip,
          const char *name)
{
  if (name != NULL && name[0] != '\0')
    return g_markup_printf_escaped ("<host mac='%s' name='%s' ip='%s'/>", mac, name, ip);
  return g_markup_printf_escaped ("<host mac='%s' ip='%s'/>", mac, ip);
}

/**
 * vd_network_add_dhcp_host_async:
 *
 * Adds a static DHCP host (virNetworkUpdate): to the running network at
 * once (its DHCP server hands the address out from now on) and to its
 * definition. Check it first with vd_network_check_dhcp_host().
 */
void
vd_network_add_dhcp_host_async (VdNetwork           *self,
                                const char          *mac,
                                const char          *ip,
                                const char          *name,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  ActionData *data;

  g_return_if_fail (VD_IS_NETWORK (self));
  g_return_if_fail (mac != NULL && ip != NULL);

  data = action_data_new (ACTION_ADD_HOST);
  data->host = g_strdup (mac);
  data->host_xml = host_xml (mac, ip, name);
  start_action (self, data, vd_network_add_dhcp_host_async, cancellable, callback, user_data);
}

gboolean
vd_network_add_dhcp_host_finish (VdNetwork     *self,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return finish_action (self, result, vd_network_add_dhcp_host_async, error);
}

/**
 * vd_network_remove_dhcp_host_async:
 * @entry: one of vd_network_get_static_hosts()
 *
 * Removes a static DHCP host, from the running network and its
 * definition.
 */
void
vd_network_remove_dhcp_host_async (VdNetwork           *self,
                                   const char          *entry,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_auto(GStrv) parts = NULL;
  ActionData *data;

  g_return_if_fail (VD_IS_NETWORK (self));
  g_return_if_fail (entry != NULL);

  parts = g_strsplit (entry, " ", 3);
  data = action_data_new (ACTION_REMOVE_HOST);
  data->host = g_strdup (parts[0]);
  data->host_xml = host_xml (parts[0], parts[1] != NULL ? parts[1] : "",
                             parts[1] != NULL ? parts[2] : NULL);
  start_action (self, data, vd_network_remove_dhcp_host_async, cancellable, callback, user_data);
}

gboolean
vd_network_remove_dhcp_host_finish (VdNetwork     *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return finish_action (self, result, vd_network_remove_dhcp_host_async, error);
}
