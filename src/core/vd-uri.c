/* vd-uri.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-uri"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vd-error.h"
#include "vd-uri.h"

/*
 * libvirt connection URIs: building one from the Add Connection dialog's
 * fields, checking one typed by hand, and naming one for people. Pure
 * functions, no libvirt calls.
 *
 * driver[+transport]://[user@][host][:port]/path[?params]
 */

static const char * const known_transports[] = {
  "ssh", "libssh", "libssh2", "tls", "tcp", "unix", "ext", NULL
};

static const char * const known_drivers[] = {
  "qemu", "test", "xen", "lxc", "bhyve", "vz", "vbox", "vmwareplayer", "vmwarews",
  "vmwarefusion", "esx", "gsx", "vpx", "hyperv", "openvz", "ch", "remote", "network",
  "storage", "nodedev", "nwfilter", "secret", "interface", NULL
};

static gboolean
invalid (GError     **error,
         const char  *message)
{
  g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT, message);
  return FALSE;
}

static gboolean
is_ipv6_literal (const char *host)
{
  guint colons = 0;

  for (const char *p = host; *p != '\0'; p++)
    {
      if (*p == ':')
        colons++;
      else if (!g_ascii_isxdigit (*p) && *p != '.')
        return FALSE;
    }

  return colons >= 2;
}

/**
 * vd_uri_validate_host:
 *
 * A host name, an IPv4 address or an IPv6 address (without brackets).
 */
gboolean
vd_uri_validate_host (const char  *host,
                      GError     **error)
{
  if (host == NULL || host[0] == '\0')
    return invalid (error, _("Enter the host name or address of the remote host."));

  if (is_ipv6_literal (host))
    return TRUE;

  if (strlen (host) > 253)
    return invalid (error, _("The host name is too long."));

  for (const char *p = host; *p != '\0'; p++)
    {
      if (!g_ascii_isalnum (*p) && *p != '-' && *p != '.' && *p != '_')
        return invalid (error, _("A host name may contain only letters, digits, “-”, “_” and “.”."));
    }

  if (host[0] == '-' || host[0] == '.' || g_str_has_suffix (host, "-"))
    return invalid (error, _("A host name may not start with “-” or “.”, nor end with “-”."));

  return TRUE;
}

/**
 * vd_uri_validate_port:
 * @text: what the user typed; empty means the method's default
 * @port_out: (out) (optional): the port, 0 for the default
 */
gboolean
vd_uri_validate_port (const char  *text,
                      guint       *port_out,
                      GError     **error)
{
  guint64 value = 0;

  if (port_out != NULL)
    *port_out = 0;

  if (text == NULL || text[0] == '\0')
    return TRUE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (!g_ascii_isdigit (*p))
        return invalid (error, _("The port must be a number from 1 to 65535."));
    }

  if (strlen (text) > 5 || !g_ascii_string_to_unsigned (text, 10, 1, 65535, &value, NULL))
    return invalid (error, _("The port must be a number from 1 to 65535."));

  if (port_out != NULL)
    *port_out = (guint)value;

  return TRUE;
}

/**
 * vd_uri_validate_user:
 *
 * Empty is allowed (the remote side's default user).
 */
gboolean
vd_uri_validate_user (const char  *user,
                      GError     **error)
{
  if (user == NULL)
    return TRUE;

  for (const char *p = user; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p) || *p == '@' || *p == '/' || *p == ':' || *p == '?' || *p == '#')
        return invalid (error, _("A user name may not contain spaces or “@”, “/”, “:”, “?”, “#”."));
    }

  return TRUE;
}

/**
 * vd_uri_validate:
 *
 * Checks a complete libvirt URI as typed in the Custom URI field.
 */
gboolean
vd_uri_validate (const char  *uri,
                 GError     **error)
{
  g_autoptr(GUri) parsed = NULL;
  g_autofree char *driver = NULL;
  const char *scheme;
  const char *plus;
  const char *path;

  if (uri == NULL || uri[0] == '\0')
    return invalid (error, _("Enter a libvirt URI such as qemu:///system."));

  parsed = g_uri_parse (uri, G_URI_FLAGS_NON_DNS | G_URI_FLAGS_ENCODED, NULL);
  if (parsed == NULL || strstr (uri, "://") == NULL)
    return invalid (error, _("This is not a URI: use the form driver[+transport]://[user@][host][:port]/path."));

  scheme = g_uri_get_scheme (parsed);
  plus = strchr (scheme, '+');
  driver = plus ? g_strndup (scheme, plus - scheme) : g_strdup (scheme);

  if (!g_strv_contains (known_drivers, driver))
    return invalid (error, _("Unknown hypervisor driver in the URI."));

  if (plus != NULL && !g_strv_contains (known_transports, plus + 1))
    return invalid (error, _("Unknown transport in the URI: use ssh, libssh, libssh2, tls, tcp, unix or ext."));

  if (plus != NULL && g_strcmp0 (plus + 1, "unix") != 0 &&
      (g_uri_get_host (parsed) == NULL || g_uri_get_host (parsed)[0] == '\0'))
    return invalid (error, _("A remote transport needs a host name in the URI."));

  path = g_uri_get_path (parsed);
  if (g_str_equal (driver, "qemu") &&
      !g_str_equal (path, "/system") && !g_str_equal (path, "/session") &&
      !g_str_has_prefix (path, "/embed"))
    return invalid (error, _("A QEMU URI ends in /system or /session."));

  if (g_str_equal (driver, "test") && (path[0] != '/' || path[1] == '\0'))
    return invalid (error, _("A test driver URI is test:///default or test:///absolute/path.xml."));

  return TRUE;
}

/**
 * vd_uri_default_port:
 *
 * Returns: the port a remote method uses when none is given
 */
guint
vd_uri_default_port (VdTransport transport)
{
  switch (transport)
    {
    case VD_TRANSPORT_SSH:
      return 22;
    case VD_TRANSPORT_TLS:
      return 16514;
    case VD_TRANSPORT_TCP:
      return 16509;
    default:
      return 0;
    }
}

/**
 * vd_uri_build:
 * @port: 0 for the method's default (left out of the URI)
 * @custom_uri: used, after checking, with %VD_HYPERVISOR_CUSTOM
 *
 * Returns: (transfer full) (nullable): the URI, or %NULL with @error set
 *   naming the field that is wrong
 */
char *
vd_uri_build (VdHypervisor   hypervisor,
              gboolean       remote,
              VdTransport    transport,
              const char    *user,
              const char    *host,
              guint          port,
              const char    *custom_uri,
              GError       **error)
{
  g_autoptr(GString) uri = g_string_new (NULL);
  const char *driver;
  const char *path;
  const char *suffix;

  switch (hypervisor)
    {
    case VD_HYPERVISOR_CUSTOM:
      if (!vd_uri_validate (custom_uri, error))
        return NULL;
      return g_strdup (custom_uri);
    case VD_HYPERVISOR_QEMU_SESSION:
      driver = "qemu";
      path = "/session";
      break;
    case VD_HYPERVISOR_TEST:
      driver = "test";
      path = "/default";
      break;
    case VD_HYPERVISOR_QEMU_SYSTEM:
    default:
      driver = "qemu";
      path = "/system";
      break;
    }

  if (!remote)
    return g_strdup_printf ("%s://%s", driver, path);

  if (!vd_uri_validate_user (user, error) || !vd_uri_validate_host (host, error))
    return NULL;

  switch (transport)
    {
    case VD_TRANSPORT_TLS:
      suffix = "tls";
      break;
    case VD_TRANSPORT_TCP:
      suffix = "tcp";
      break;
    case VD_TRANSPORT_SSH:
    default:
      suffix = "ssh";
      break;
    }

  g_string_append_printf (uri, "%s+%s://", driver, suffix);
  if (user != NULL && user[0] != '\0')
    g_string_append_printf (uri, "%s@", user);
  if (is_ipv6_literal (host))
    g_string_append_printf (uri, "[%s]", host);
  else
    g_string_append (uri, host);
  if (port != 0)
    g_string_append_printf (uri, ":%u", port);
  g_string_append (uri, path);

  return g_string_free (g_steal_pointer (&uri), FALSE);
}

/**
 * vd_uri_get_friendly_name:
 *
 * Returns: (transfer full): a name for people: "QEMU/KVM",
 *   "QEMU/KVM on host (SSH)", "Demo (libvirt test driver)", or the URI
 */
char *
vd_uri_get_friendly_name (const char *uri)
{
  g_autoptr(GUri) parsed = NULL;
  g_autofree char *driver = NULL;
  const char *scheme;
  const char *transport = NULL;
  const char *host;
  const char *path;
  const char *plus;

  if (uri == NULL)
    return g_strdup ("");

  if (g_str_equal (uri, "test:///default"))
    /* translators: the embedded connection that needs no hypervisor */
    return g_strdup (_("Demo (libvirt test driver)"));

  parsed = g_uri_parse (uri, G_URI_FLAGS_NON_DNS | G_URI_FLAGS_ENCODED, NULL);
  if (parsed == NULL)
    return g_strdup (uri);

  scheme = g_uri_get_scheme (parsed);
  plus = strchr (scheme, '+');
  driver = plus ? g_strndup (scheme, plus - scheme) : g_strdup (scheme);
  if (plus != NULL)
    transport = plus + 1;
  host = g_uri_get_host (parsed);
  path = g_uri_get_path (parsed);

  if (g_str_equal (driver, "test") && (host == NULL || host[0] == '\0'))
    {
      g_autofree char *base = g_path_get_basename (path);

      /* translators: %s is the file name of a test driver host description */
      return g_strdup_printf (_("Test driver (%s)"), base);
    }

  if (!g_str_equal (driver, "qemu"))
    return g_strdup (uri);

  if (host == NULL || host[0] == '\0' || g_strcmp0 (transport, "unix") == 0)
    {
      if (g_str_equal (path, "/session"))
        return g_strdup (_("QEMU/KVM user session"));
      return g_strdup (_("QEMU/KVM"));
    }

  if (g_strcmp0 (transport, "ssh") == 0 || g_strcmp0 (transport, "libssh") == 0 ||
      g_strcmp0 (transport, "libssh2") == 0)
    {
      if (g_str_equal (path, "/session"))
        /* translators: %s is a host name */
        return g_strdup_printf (_("QEMU/KVM user session on %s (SSH)"), host);
      /* translators: %s is a host name */
      return g_strdup_printf (_("QEMU/KVM on %s (SSH)"), host);
    }

  if (g_strcmp0 (transport, "tcp") == 0)
    /* translators: %s is a host name; TCP is unencrypted */
    return g_strdup_printf (_("QEMU/KVM on %s (TCP)"), host);

  /* qemu://host/ and qemu+tls://host/ are both TLS. */
  /* translators: %s is a host name */
  return g_strdup_printf (_("QEMU/KVM on %s (TLS)"), host);
}
