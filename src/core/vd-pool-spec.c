/* vd-pool-spec.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-pool-spec"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vd-error.h"
#include "vd-pool-spec.h"
#include "vd-pool-spec-private.h"
#include "vd-storage-pool.h"

/*
 * What the Create Pool wizard collects, judged one field at a time: each
 * message says what is wrong with that field only, so the form can put it
 * next to the field. The XML is vd-pool-spec-xml.c; creating the pool and
 * finding sources on a connection, vd-pool-create.c.
 */

G_DEFINE_BOXED_TYPE (VdPoolSpec, vd_pool_spec, vd_pool_spec_copy, vd_pool_spec_free)

/**
 * vd_pool_spec_new:
 *
 * Returns: (transfer full): a directory pool with no name, the wizard's
 *   starting point; started, not autostarted
 */
VdPoolSpec *
vd_pool_spec_new (void)
{
  VdPoolSpec *spec = g_new0 (VdPoolSpec, 1);

  spec->type = VD_POOL_TYPE_DIR;
  return spec;
}

VdPoolSpec *
vd_pool_spec_copy (const VdPoolSpec *spec)
{
  VdPoolSpec *copy;

  g_return_val_if_fail (spec != NULL, NULL);

  copy = g_new0 (VdPoolSpec, 1);
  *copy = *spec;
  copy->name = g_strdup (spec->name);
  copy->host = g_strdup (spec->host);
  copy->source_dir = g_strdup (spec->source_dir);
  copy->source_name = g_strdup (spec->source_name);
  copy->devices = g_strdup (spec->devices);
  copy->format = g_strdup (spec->format);
  copy->iqn = g_strdup (spec->iqn);
  copy->initiator_iqn = g_strdup (spec->initiator_iqn);
  copy->auth_username = g_strdup (spec->auth_username);
  copy->auth_secret = g_strdup (spec->auth_secret);
  copy->adapter = g_strdup (spec->adapter);
  copy->parent = g_strdup (spec->parent);
  copy->wwnn = g_strdup (spec->wwnn);
  copy->wwpn = g_strdup (spec->wwpn);
  copy->target_path = g_strdup (spec->target_path);
  return copy;
}

void
vd_pool_spec_free (VdPoolSpec *spec)
{
  if (spec == NULL)
    return;

  g_free (spec->name);
  g_free (spec->host);
  g_free (spec->source_dir);
  g_free (spec->source_name);
  g_free (spec->devices);
  g_free (spec->format);
  g_free (spec->iqn);
  g_free (spec->initiator_iqn);
  g_free (spec->auth_username);
  g_free (spec->auth_secret);
  g_free (spec->adapter);
  g_free (spec->parent);
  g_free (spec->wwnn);
  g_free (spec->wwpn);
  g_free (spec->target_path);
  g_free (spec);
}

void
vd_pool_source_free (VdPoolSource *source)
{
  if (source == NULL)
    return;

  g_free (source->host);
  g_free (source->dir);
  g_free (source->name);
  g_free (source->devices);
  g_free (source->format);
  g_free (source);
}

/* ------------------------------------------------------------------ */
/* Helpers                                                             */
/* ------------------------------------------------------------------ */

gboolean
_vd_pool_spec_is_set (const char *text)
{
  return text != NULL && *text != '\0';
}

static gboolean
chars_ok (const char *text,
          const char *extra)
{
  for (const char *p = text; *p; p++)
    if (!g_ascii_isalnum (*p) && strchr (extra, *p) == NULL)
      return FALSE;
  return TRUE;
}

static gboolean
has_control_or_space (const char *text)
{
  for (const char *p = text; *p; p++)
    if ((guchar)*p < 0x20 || *p == 0x7f || *p == ' ')
      return TRUE;
  return FALSE;
}

static gboolean
has_control (const char *text)
{
  for (const char *p = text; *p; p++)
    if ((guchar)*p < 0x20 || *p == 0x7f)
      return TRUE;
  return FALSE;
}

/* An absolute path libvirt will take as it is. */
static gboolean
path_ok (const char *path)
{
  return path[0] == '/' && !has_control (path);
}

/* Splits a list typed as "a, b c" into its items. */
GStrv
_vd_pool_spec_split_list (const char *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) parts = g_strsplit_set (text ? text : "", ", \t\n", -1);

  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      g_strv_builder_add (builder, parts[i]);
  return g_strv_builder_end (builder);
}

/**
 * vd_pool_spec_get_devices:
 *
 * Returns: (transfer full): the devices of @spec, one per item
 */
GStrv
vd_pool_spec_get_devices (const VdPoolSpec *spec)
{
  g_return_val_if_fail (spec != NULL, NULL);

  return _vd_pool_spec_split_list (spec->devices);
}

static gboolean
hostname_ok (const char *host)
{
  g_auto(GStrv) labels = NULL;

  if (g_hostname_is_ip_address (host))
    return TRUE;
  if (strlen (host) > 253 || !chars_ok (host, "-."))
    return FALSE;
  labels = g_strsplit (host, ".", -1);
  for (guint i = 0; labels[i] != NULL; i++)
    {
      gsize len = strlen (labels[i]);

      /* A trailing dot (fully qualified) leaves one empty last label. */
      if (len == 0 && labels[i + 1] == NULL && i > 0)
        continue;
      if (len == 0 || len > 63 || labels[i][0] == '-' || labels[i][len - 1] == '-')
        return FALSE;
    }
  return TRUE;
}

/* Parses "HOST", "HOST:PORT", "[V6]:PORT" or a bare IPv6 address; @port
 * is 0 when none was given and G_MAXUINT when it is not a number. */
char *
_vd_pool_spec_parse_host_port (const char *item,
                 guint      *port)
{
  const char *colon;
  guint64 value;

  *port = 0;
  if (item[0] == '[')
    {
      const char *end = strchr (item, ']');

      if (end == NULL)
        return NULL;
      if (end[1] == ':')
        *port = g_ascii_string_to_unsigned (end + 2, 10, 0, G_MAXUINT - 1, &value, NULL)
                  ? (guint)value : G_MAXUINT;
      else if (end[1] != '\0')
        return NULL;
      return g_strndup (item + 1, end - item - 1);
    }

  colon = strchr (item, ':');
  if (colon == NULL || strchr (colon + 1, ':') != NULL)
    return g_strdup (item);     /* a name, or a bare IPv6 address */
  *port = g_ascii_string_to_unsigned (colon + 1, 10, 0, G_MAXUINT - 1, &value, NULL)
            ? (guint)value : G_MAXUINT;
  return g_strndup (item, colon - item);
}

/* "iqn.YYYY-MM.reversed.domain[:anything]", "eui." + 16 hex digits or
 * "naa." + 16 or 32 hex digits (RFC 3720 and 3980), case-insensitive. */
static gboolean
iqn_ok (const char *text)
{
  if (g_ascii_strncasecmp (text, "eui.", 4) == 0)
    return strlen (text + 4) == 16 && chars_ok (text + 4, "") &&
           strspn (text + 4, "0123456789abcdefABCDEF") == 16;
  if (g_ascii_strncasecmp (text, "naa.", 4) == 0)
    {
      gsize len = strlen (text + 4);

      return (len == 16 || len == 32) && strspn (text + 4, "0123456789abcdefABCDEF") == len;
    }
  if (g_ascii_strncasecmp (text, "iqn.", 4) == 0)
    {
      const char *p = text + 4;
      const char *colon;
      g_autofree char *domain = NULL;
      int month;

      if (strlen (p) < 8 || !g_ascii_isdigit (p[0]) || !g_ascii_isdigit (p[1]) ||
          !g_ascii_isdigit (p[2]) || !g_ascii_isdigit (p[3]) || p[4] != '-' ||
          !g_ascii_isdigit (p[5]) || !g_ascii_isdigit (p[6]) || p[7] != '.')
        return FALSE;
      month = (p[5] - '0') * 10 + (p[6] - '0');
      if (month < 1 || month > 12)
        return FALSE;
      p += 8;
      colon = strchr (p, ':');
      domain = colon ? g_strndup (p, colon - p) : g_strdup (p);
      if (*domain == '\0' || !chars_ok (domain, "-.") || domain[0] == '.' || domain[0] == '-')
        return FALSE;
      return !has_control_or_space (text) && (colon == NULL || colon[1] != '\0');
    }
  return FALSE;
}

/* 16 hex digits, optionally after "0x", as libvirt's virValidateWWN. */
static gboolean
wwn_ok (const char *text)
{
  if (g_ascii_strncasecmp (text, "0x", 2) == 0)
    text += 2;
  return strlen (text) == 16 && strspn (text, "0123456789abcdefABCDEF") == 16;
}

/* "PREFIX" followed by a number. */
static gboolean
numbered_ok (const char *text,
             const char *prefix)
{
  gsize len = strlen (prefix);

  return strncmp (text, prefix, len) == 0 && text[len] != '\0' &&
         strspn (text + len, "0123456789") == strlen (text + len);
}

const char *
_vd_pool_spec_format (const VdPoolSpec *spec)
{
  return _vd_pool_spec_is_set (spec->format) ? spec->format : vd_pool_type_get_formats (spec->type)[0];
}

/* The volume group a logical pool names: its own, or the pool's name. */
const char *
_vd_pool_spec_vg_name (const VdPoolSpec *spec)
{
  return _vd_pool_spec_is_set (spec->source_name) ? spec->source_name : spec->name;
}

/**
 * vd_pool_spec_get_default_target:
 *
 * Returns: (transfer full) (nullable): the target path the pool gets when
 *   @spec gives none, %NULL when the type needs one given (dir, fs, netfs)
 *   or has none (iscsi-direct, rbd, gluster, zfs)
 */
char *
vd_pool_spec_get_default_target (const VdPoolSpec *spec)
{
  g_return_val_if_fail (spec != NULL, NULL);

  switch (spec->type)
    {
    case VD_POOL_TYPE_DISK:
      return g_strdup ("/dev");
    case VD_POOL_TYPE_LOGICAL:
      return _vd_pool_spec_is_set (_vd_pool_spec_vg_name (spec)) ? g_strdup_printf ("/dev/%s", _vd_pool_spec_vg_name (spec)) : NULL;
    case VD_POOL_TYPE_ISCSI:
    case VD_POOL_TYPE_SCSI:
      return g_strdup ("/dev/disk/by-path");
    case VD_POOL_TYPE_MPATH:
      return g_strdup ("/dev/mapper");
    case VD_POOL_TYPE_DIR:
    case VD_POOL_TYPE_FS:
    case VD_POOL_TYPE_NETFS:
    case VD_POOL_TYPE_ISCSI_DIRECT:
    case VD_POOL_TYPE_RBD:
    case VD_POOL_TYPE_GLUSTER:
    case VD_POOL_TYPE_ZFS:
    case VD_POOL_N_TYPES:
    default:
      return NULL;
    }
}

/**
 * vd_pool_spec_get_erase_warning:
 *
 * Returns: (transfer full) (nullable): the translated warning, naming the
 *   devices, when building @spec destroys what is on them; %NULL when it
 *   destroys nothing
 */
char *
vd_pool_spec_get_erase_warning (const VdPoolSpec *spec)
{
  g_auto(GStrv) devices = NULL;
  g_autofree char *list = NULL;

  g_return_val_if_fail (spec != NULL, NULL);

  if (!spec->build || !vd_pool_type_can_build (spec->type))
    return NULL;
  devices = _vd_pool_spec_split_list (spec->devices);
  if (devices[0] == NULL)
    return NULL;
  list = g_strjoinv (", ", devices);

  switch (spec->type)
    {
    case VD_POOL_TYPE_FS:
      if (!spec->overwrite)
        return NULL;
      return g_strdup_printf (_("Building the pool formats %s as %s. Everything on it is "
                                "destroyed."), list, _vd_pool_spec_format (spec));
    case VD_POOL_TYPE_DISK:
      return g_strdup_printf (_("Building the pool writes a new %s partition table on %s. "
                                "Every partition and all data on it are destroyed."),
                              _vd_pool_spec_format (spec), list);
    case VD_POOL_TYPE_LOGICAL:
      return g_strdup_printf (_("Building the pool makes %s into LVM physical volumes of a new "
                                "volume group. All data on them is destroyed."), list);
    case VD_POOL_TYPE_ZFS:
      return g_strdup_printf (_("Building the pool creates a ZFS pool on %s. All data on them "
                                "is destroyed."), list);
    case VD_POOL_TYPE_DIR:
    case VD_POOL_TYPE_NETFS:
    case VD_POOL_TYPE_ISCSI:
    case VD_POOL_TYPE_ISCSI_DIRECT:
    case VD_POOL_TYPE_SCSI:
    case VD_POOL_TYPE_MPATH:
    case VD_POOL_TYPE_RBD:
    case VD_POOL_TYPE_GLUSTER:
    case VD_POOL_N_TYPES:
    default:
      return NULL;
    }
}

/* ------------------------------------------------------------------ */
/* Checks, one field each                                              */
/* ------------------------------------------------------------------ */

static char *
check_name (const VdPoolSpec *spec,
            GListModel       *pools)
{
  if (!_vd_pool_spec_is_set (spec->name))
    return g_strdup (_("Enter a name for the storage pool."));
  if (strchr (spec->name, '/') != NULL)
    return g_strdup (_("A pool name cannot contain “/”."));
  if (has_control_or_space (spec->name))
    return g_strdup (_("A pool name cannot contain spaces or control characters."));
  if (g_str_equal (spec->name, ".") || g_str_equal (spec->name, ".."))
    return g_strdup (_("A pool cannot be called “.” or “..”."));
  if (strlen (spec->name) > 255)
    return g_strdup (_("The name is longer than 255 bytes."));

  for (guint i = 0; pools != NULL && i < g_list_model_get_n_items (pools); i++)
    {
      g_autoptr(VdStoragePool) pool = g_list_model_get_item (pools, i);

      if (g_strcmp0 (vd_storage_pool_get_name (pool), spec->name) == 0)
        return g_strdup_printf (_("A storage pool called “%s” already exists on this "
                                  "connection."), spec->name);
    }
  return NULL;
}

static char *
check_one_host (const char *host)
{
  if (!hostname_ok (host))
    return g_strdup_printf (_("“%s” is not a host name or an IP address."), host);
  return NULL;
}

static char *
check_host (const VdPoolSpec *spec)
{
  g_auto(GStrv) items = _vd_pool_spec_split_list (spec->host);

  if (items[0] == NULL)
    {
      switch (spec->type)
        {
        case VD_POOL_TYPE_NETFS:
          return g_strdup (_("Enter the file server’s host name or IP address."));
        case VD_POOL_TYPE_ISCSI:
        case VD_POOL_TYPE_ISCSI_DIRECT:
          return g_strdup (_("Enter the iSCSI portal’s host name or IP address."));
        case VD_POOL_TYPE_RBD:
          return g_strdup (_("Enter at least one Ceph monitor, for example "
                             "mon1.example.com:6789."));
        case VD_POOL_TYPE_GLUSTER:
          return g_strdup (_("Enter a Gluster server’s host name or IP address."));
        case VD_POOL_TYPE_DIR:
        case VD_POOL_TYPE_FS:
        case VD_POOL_TYPE_DISK:
        case VD_POOL_TYPE_LOGICAL:
        case VD_POOL_TYPE_SCSI:
        case VD_POOL_TYPE_MPATH:
        case VD_POOL_TYPE_ZFS:
        case VD_POOL_N_TYPES:
        default:
          return NULL;
        }
    }

  if (spec->type != VD_POOL_TYPE_RBD)
    {
      if (items[1] != NULL)
        return g_strdup (_("Enter one host only."));
      return check_one_host (items[0]);
    }

  /* Ceph monitors, each with its own optional port. */
  for (guint i = 0; items[i] != NULL; i++)
    {
      guint port;
      g_autofree char *host = _vd_pool_spec_parse_host_port (items[i], &port);
      char *message;

      if (host == NULL)
        return g_strdup_printf (_("“%s” is not a host name or an IP address."), items[i]);
      if ((message = check_one_host (host)) != NULL)
        return message;
      if (port == G_MAXUINT || (port == 0 && strchr (items[i], ':') != NULL &&
                                !g_hostname_is_ip_address (items[i])) || port > 65535)
        return g_strdup_printf (_("“%s”: a port is a number between 1 and 65535."), items[i]);
    }
  return NULL;
}

static char *
check_port (const VdPoolSpec *spec)
{
  if (spec->port > 65535)
    return g_strdup_printf (_("A port is a number between 1 and 65535, not %u."), spec->port);
  return NULL;
}

static char *
check_source_dir (const VdPoolSpec *spec)
{
  const char *dir = spec->source_dir;

  if (spec->type == VD_POOL_TYPE_GLUSTER)
    {
      if (_vd_pool_spec_is_set (dir) && !path_ok (dir))
        return g_strdup (_("The directory inside the volume must be an absolute path, "
                           "such as / for its root."));
      return NULL;
    }

  /* netfs: a path on an NFS server; a share's or volume's name otherwise. */
  if (g_strcmp0 (_vd_pool_spec_format (spec), "cifs") == 0)
    {
      if (!_vd_pool_spec_is_set (dir))
        return g_strdup (_("Enter the share’s name."));
      if (has_control (dir))
        return g_strdup (_("A share name cannot contain control characters."));
      return NULL;
    }
  if (g_strcmp0 (_vd_pool_spec_format (spec), "glusterfs") == 0)
    {
      if (!_vd_pool_spec_is_set (dir))
        return g_strdup (_("Enter the Gluster volume’s name."));
      if (has_control_or_space (dir))
        return g_strdup (_("A volume name cannot contain spaces or control characters."));
      return NULL;
    }
  if (!_vd_pool_spec_is_set (dir))
    return g_strdup (_("Enter the exported directory, for example /srv/nfs/images."));
  if (!path_ok (dir))
    return g_strdup (_("The exported directory must be an absolute path (starting with “/”)."));
  return NULL;
}

static char *
check_source_name (const VdPoolSpec *spec)
{
  const char *name = spec->source_name;

  switch (spec->type)
    {
    case VD_POOL_TYPE_LOGICAL:
      if (!_vd_pool_spec_is_set (name))
        {
          /* The pool's own name stands for the group; its message says why it is wrong. */
          if (!_vd_pool_spec_is_set (spec->name) || chars_ok (spec->name, "+_.-"))
            return NULL;
          return g_strdup (_("Without a volume group name, the pool’s name is used, and a "
                             "volume group name may contain only letters, digits and “+”, "
                             "“_”, “.”, “-”: enter one."));
        }
      if (!chars_ok (name, "+_.-") || name[0] == '-' || g_str_equal (name, ".") ||
          g_str_equal (name, ".."))
        return g_strdup (_("A volume group name may contain only letters, digits and “+”, "
                           "“_”, “.”, “-” (not first)."));
      if (strlen (name) > 127)
        return g_strdup (_("A volume group name is at most 127 characters long."));
      return NULL;
    case VD_POOL_TYPE_RBD:
      if (!_vd_pool_spec_is_set (name))
        return g_strdup (_("Enter the Ceph pool’s name."));
      if (has_control_or_space (name) || strchr (name, '/') != NULL)
        return g_strdup (_("A Ceph pool name cannot contain spaces, “/” or control "
                           "characters."));
      return NULL;
    case VD_POOL_TYPE_GLUSTER:
      if (!_vd_pool_spec_is_set (name))
        return g_strdup (_("Enter the Gluster volume’s name."));
      if (!chars_ok (name, "-_."))
        return g_strdup (_("A Gluster volume name may contain only letters, digits and "
                           "“-”, “_”, “.”."));
      return NULL;
    case VD_POOL_TYPE_ZFS:
      if (!_vd_pool_spec_is_set (name))
        return g_strdup (_("Enter the ZFS pool’s name."));
      if (!g_ascii_isalpha (name[0]) || !chars_ok (name, "-_.:"))
        return g_strdup (_("A ZFS pool name starts with a letter and may contain only "
                           "letters, digits and “-”, “_”, “.”, “:”."));
      return NULL;
    case VD_POOL_TYPE_DIR:
    case VD_POOL_TYPE_FS:
    case VD_POOL_TYPE_NETFS:
    case VD_POOL_TYPE_DISK:
    case VD_POOL_TYPE_ISCSI:
    case VD_POOL_TYPE_ISCSI_DIRECT:
    case VD_POOL_TYPE_SCSI:
    case VD_POOL_TYPE_MPATH:
    case VD_POOL_N_TYPES:
    default:
      return NULL;
    }
}

static char *
check_devices (const VdPoolSpec *spec)
{
  g_auto(GStrv) devices = _vd_pool_spec_split_list (spec->devices);

  if (devices[0] == NULL)
    {
      switch (spec->type)
        {
        case VD_POOL_TYPE_FS:
          return g_strdup (_("Enter the block device holding the file system, for example "
                             "/dev/sdc1."));
        case VD_POOL_TYPE_DISK:
          return g_strdup (_("Enter the disk’s device, for example /dev/sdb."));
        case VD_POOL_TYPE_LOGICAL:
          return spec->build ? g_strdup (_("To build a new volume group, enter its physical "
                                           "volumes, for example /dev/sdc."))
                             : NULL;
        case VD_POOL_TYPE_ZFS:
          return spec->build ? g_strdup (_("To build a new ZFS pool, enter its devices, for "
                                           "example /dev/sdd."))
                             : NULL;
        case VD_POOL_TYPE_DIR:
        case VD_POOL_TYPE_NETFS:
        case VD_POOL_TYPE_ISCSI:
        case VD_POOL_TYPE_ISCSI_DIRECT:
        case VD_POOL_TYPE_SCSI:
        case VD_POOL_TYPE_MPATH:
        case VD_POOL_TYPE_RBD:
        case VD_POOL_TYPE_GLUSTER:
        case VD_POOL_N_TYPES:
        default:
          return NULL;
        }
    }

  if ((spec->type == VD_POOL_TYPE_FS || spec->type == VD_POOL_TYPE_DISK) && devices[1] != NULL)
    return g_strdup (_("Enter one device only."));

  for (guint i = 0; devices[i] != NULL; i++)
    {
      if (!path_ok (devices[i]))
        return g_strdup_printf (_("“%s” is not a device path: it must be absolute, for "
                                  "example /dev/sdc."), devices[i]);
      for (guint j = 0; j < i; j++)
        if (g_str_equal (devices[i], devices[j]))
          return g_strdup_printf (_("“%s” is listed twice."), devices[i]);
    }
  return NULL;
}

static char *
check_format (const VdPoolSpec *spec)
{
  const char * const *formats = vd_pool_type_get_formats (spec->type);

  if (!_vd_pool_spec_is_set (spec->format) || formats[0] == NULL)
    return NULL;
  if (!g_strv_contains (formats, spec->format))
    return g_strdup_printf (_("“%s” is not a format of this pool type."), spec->format);
  return NULL;
}

static char *
check_iqn (const VdPoolSpec *spec)
{
  if (!_vd_pool_spec_is_set (spec->iqn))
    return g_strdup (_("Enter the target’s IQN, for example "
                       "iqn.2024-01.com.example:storage."));
  if (!iqn_ok (spec->iqn))
    return g_strdup_printf (_("“%s” is not an iSCSI name: use iqn.YYYY-MM.reversed.domain"
                              ":name (or eui. or naa. and hex digits)."), spec->iqn);
  return NULL;
}

static char *
check_initiator (const VdPoolSpec *spec)
{
  if (!_vd_pool_spec_is_set (spec->initiator_iqn))
    {
      if (spec->type == VD_POOL_TYPE_ISCSI_DIRECT)
        return g_strdup (_("An iSCSI direct pool needs this host’s initiator IQN."));
      return NULL;
    }
  if (!iqn_ok (spec->initiator_iqn))
    return g_strdup_printf (_("“%s” is not an iSCSI name: use iqn.YYYY-MM.reversed.domain"
                              ":name (or eui. or naa. and hex digits)."), spec->initiator_iqn);
  return NULL;
}

static char *
check_auth (const VdPoolSpec *spec)
{
  gboolean user = _vd_pool_spec_is_set (spec->auth_username);
  gboolean secret = _vd_pool_spec_is_set (spec->auth_secret);

  if (user != secret)
    return g_strdup (_("Enter both the user name and the libvirt secret holding the "
                       "password, or neither."));
  if (user && has_control_or_space (spec->auth_username))
    return g_strdup (_("A user name cannot contain spaces or control characters."));
  if (secret && (has_control (spec->auth_secret) || strlen (spec->auth_secret) > 256))
    return g_strdup (_("Enter the usage name or UUID of a libvirt secret (not the password)."));
  return NULL;
}

static char *
check_adapter (const VdPoolSpec *spec)
{
  if (spec->vhba)
    return NULL;
  if (!_vd_pool_spec_is_set (spec->adapter))
    return g_strdup (_("Enter the SCSI host adapter, for example host0."));
  if (!numbered_ok (spec->adapter, "host"))
    return g_strdup_printf (_("“%s” is not a SCSI host adapter: “host” followed by its "
                              "number, for example host0."), spec->adapter);
  return NULL;
}

static char *
check_parent (const VdPoolSpec *spec)
{
  if (!spec->vhba || !_vd_pool_spec_is_set (spec->parent))
    return NULL;
  if (!numbered_ok (spec->parent, "scsi_host"))
    return g_strdup_printf (_("“%s” is not a host bus adapter’s device name, such as "
                              "scsi_host5."), spec->parent);
  return NULL;
}

static char *
check_wwn (const VdPoolSpec *spec,
           const char       *wwn,
           gboolean          is_node)
{
  if (!spec->vhba)
    return NULL;
  if (!_vd_pool_spec_is_set (wwn))
    return g_strdup (is_node ? _("Enter the vHBA’s WWNN: 16 hexadecimal digits.")
                             : _("Enter the vHBA’s WWPN: 16 hexadecimal digits."));
  if (!wwn_ok (wwn))
    return g_strdup_printf (is_node ? _("“%s” is not a WWNN: 16 hexadecimal digits.")
                                    : _("“%s” is not a WWPN: 16 hexadecimal digits."), wwn);
  return NULL;
}

static char *
check_target (const VdPoolSpec *spec)
{
  g_autofree char *fallback = NULL;

  if (_vd_pool_spec_is_set (spec->target_path))
    {
      if (!path_ok (spec->target_path))
        return g_strdup (_("The target path must be absolute (starting with “/”)."));
      if (g_str_equal (spec->target_path, "/"))
        return g_strdup (_("The target path cannot be the root directory."));
      return NULL;
    }

  if ((fallback = vd_pool_spec_get_default_target (spec)) != NULL)
    return NULL;

  switch (spec->type)
    {
    case VD_POOL_TYPE_DIR:
      return g_strdup (_("Enter the directory that holds the volumes, for example "
                         "/var/lib/libvirt/images."));
    case VD_POOL_TYPE_FS:
    case VD_POOL_TYPE_NETFS:
      return g_strdup (_("Enter where it is mounted on the host, for example "
                         "/var/lib/libvirt/pools/shared."));
    case VD_POOL_TYPE_LOGICAL:
      return g_strdup (_("Enter the volume group’s directory, /dev/ and its name."));
    case VD_POOL_TYPE_DISK:
    case VD_POOL_TYPE_ISCSI:
    case VD_POOL_TYPE_ISCSI_DIRECT:
    case VD_POOL_TYPE_SCSI:
    case VD_POOL_TYPE_MPATH:
    case VD_POOL_TYPE_RBD:
    case VD_POOL_TYPE_GLUSTER:
    case VD_POOL_TYPE_ZFS:
    case VD_POOL_N_TYPES:
    default:
      return NULL;
    }
}

static char *
check_build (const VdPoolSpec *spec)
{
  if (spec->overwrite && !spec->build)
    return g_strdup (_("Overwriting applies only when the pool is built."));
  if (spec->overwrite && !vd_pool_type_can_overwrite (spec->type))
    return g_strdup (_("Building this type of pool never overwrites data."));
  return NULL;
}

/**
 * vd_pool_spec_check:
 * @pools: (nullable): the connection's #VdStoragePool list, for the name's
 *   uniqueness
 *
 * Judges one field of @spec. Fields the type does not use are always
 * fine.
 *
 * Returns: (transfer full) (nullable): the translated reason the field is
 *   wrong, or %NULL
 */
char *
vd_pool_spec_check (const VdPoolSpec *spec,
                    VdPoolSpecField   field,
                    GListModel       *pools)
{
  g_return_val_if_fail (spec != NULL, NULL);
  g_return_val_if_fail (spec->type < VD_POOL_N_TYPES, NULL);

  if (!vd_pool_type_uses_field (spec->type, field))
    return NULL;

  switch (field)
    {
    case VD_POOL_SPEC_FIELD_NAME:
      return check_name (spec, pools);
    case VD_POOL_SPEC_FIELD_HOST:
      return check_host (spec);
    case VD_POOL_SPEC_FIELD_PORT:
      return check_port (spec);
    case VD_POOL_SPEC_FIELD_SOURCE_DIR:
      return check_source_dir (spec);
    case VD_POOL_SPEC_FIELD_SOURCE_NAME:
      return check_source_name (spec);
    case VD_POOL_SPEC_FIELD_DEVICES:
      return check_devices (spec);
    case VD_POOL_SPEC_FIELD_FORMAT:
      return check_format (spec);
    case VD_POOL_SPEC_FIELD_IQN:
      return check_iqn (spec);
    case VD_POOL_SPEC_FIELD_INITIATOR:
      return check_initiator (spec);
    case VD_POOL_SPEC_FIELD_AUTH:
      return check_auth (spec);
    case VD_POOL_SPEC_FIELD_ADAPTER:
      return check_adapter (spec);
    case VD_POOL_SPEC_FIELD_PARENT:
      return check_parent (spec);
    case VD_POOL_SPEC_FIELD_WWNN:
      return check_wwn (spec, spec->wwnn, TRUE);
    case VD_POOL_SPEC_FIELD_WWPN:
      return check_wwn (spec, spec->wwpn, FALSE);
    case VD_POOL_SPEC_FIELD_TARGET:
      return check_target (spec);
    case VD_POOL_SPEC_FIELD_BUILD:
      return check_build (spec);
    case VD_POOL_SPEC_N_FIELDS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * vd_pool_spec_validate:
 *
 * Every field at once.
 *
 * Returns: %FALSE with %VD_ERROR_INVALID_ARGUMENT and the first field's
 *   reason when a field is wrong
 */
gboolean
vd_pool_spec_validate (const VdPoolSpec  *spec,
                       GListModel        *pools,
                       GError           **error)
{
  g_return_val_if_fail (spec != NULL, FALSE);

  if (spec->type >= VD_POOL_N_TYPES)
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                           _("Unknown storage pool type."));
      return FALSE;
    }

  for (guint field = 0; field < VD_POOL_SPEC_N_FIELDS; field++)
    {
      g_autofree char *message = vd_pool_spec_check (spec, field, pools);

      if (message != NULL)
        {
          g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT, message);
          return FALSE;
        }
    }
  return TRUE;
}
