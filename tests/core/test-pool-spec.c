/* test-pool-spec.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libvirt-gobject/libvirt-gobject.h>

#include "vd-connection-host.h"
#include "vd-error.h"
#include "vd-pool-spec.h"
#include "vd-xml.h"
#include "../vd-test-util.h"

/* The Create Pool spec: each bad field rejected with its own message
 * (against host.xml's pools), golden XML for every pool type, each defined
 * on the test driver, creation with build/start/autostart and the undo
 * after a failed step, and source discovery. */

typedef struct
{
  VdConnection *connection;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *uri = vd_test_fixture_uri ("host.xml");

  fixture->connection = vd_test_open (uri);
  VD_TEST_WAIT_UNTIL (vd_connection_get_host_loaded (fixture->connection), 30);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  vd_connection_disconnect (fixture->connection);
  g_clear_object (&fixture->connection);
}

static void
set (char       **field,
     const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

static VdPoolSpec *
make (VdPoolType  type,
      const char *name)
{
  VdPoolSpec *spec = vd_pool_spec_new ();

  spec->type = type;
  set (&spec->name, name);
  return spec;
}

/* ------------------------------------------------------------------ */
/* One valid spec per type: the goldens                                */
/* ------------------------------------------------------------------ */

static VdPoolSpec *
spec_dir (void)
{
  VdPoolSpec *s = make (VD_POOL_TYPE_DIR, "images");

  set (&s->target_path, "/var/lib/virt-desk/images");
  return s;
}

static VdPoolSpec *
spec_fs (void)
{
  VdPoolSpec *s = make (VD_POOL_TYPE_FS, "guest_images_fs");

  set (&s->devices, "/dev/sdc1");
  set (&s->format, "ext4");
  set (&s->target_path, "/guest_images");
  return s;
}

static VdPoolSpec *
spec_netfs (void)
{
  VdPoolSpec *s = make (VD_POOL_TYPE_NETFS, "nfs-share");

  set (&s->host, "server1.example.com");
  set (&s->source_dir, "/nfstrial");
  set (&s->format, "nfs");
  set (&s->target_path, "/var/lib/libvirt/nfs");
  return s;
}

static VdPoolSpec *
spec_disk (void)
{
  VdPoolSpec *s = make (VD_POOL_TYPE_DISK, "sdb");

  set (&s->devices, "/dev/sdb");
  set (&s->format, "gpt");
  s->build = TRUE;
  return s;
}

static VdPoolSpec *
spec_logical (void)
{
  VdPoolSpec *s = make (VD_POOL_TYPE_LOGICAL, "guest_images_lvm");

  set (&s->source_name, "libvirt_lvm");
  set (&s->devices, "/dev/sdc, /dev/sdd");
  s->build = TRUE;
  return s;
}

static VdPoolSpec *
spec_iscsi (void)
{
  VdPoolSpec *s = make (VD_POOL_TYPE_ISCSI, "iscsi-lab");

  set (&s->host, "192.168.1.50");
  s->port = 3260;
  set (&s->iqn, "iqn.2010-05.com.example.server1:iscsirhel6guest");
  set (&s->initiator_iqn, "iqn.2024-01.org.example:host1");
  set (&s->auth_username, "chapuser");
  set (&s->auth_secret, "iscsi-lab-chap");
  return s;
}

static VdPoolSpec *
spec_iscsi_direct (void)
{
  VdPoolSpec *s = make (VD_POOL_TYPE_ISCSI_DIRECT, "iscsi-direct");

  set (&s->host, "storage.example.com");
  set (&s->iqn, "iqn.2013-06.com.example:iscsi-pool");
  set (&s->initiator_iqn, "iqn.2013-06.com.example:iscsi-initiator");
  return s;
}

static VdPoolSpec *
spec_scsi (void)
{
  VdPoolSpec *s = make (VD_POOL_TYPE_SCSI, "fc-vhba");

  s->vhba = TRUE;
  set (&s->parent, "scsi_host5");
  set (&s->wwnn, "20000000C9831B4B");
  set (&s->wwpn, "0x10000000c9831b4b");
  set (&s->target_path, "/dev/disk/by-id");
  return s;
}

static VdPoolSpec *
spec_mpath (void)
{
  return make (VD_POOL_TYPE_MPATH, "multipath");
}

static VdPoolSpec *
spec_rbd (void)
{
  VdPoolSpec *s = make (VD_POOL_TYPE_RBD, "ceph");

  set (&s->host, "mon1.example.com:6789, mon2.example.com [2001:db8::3]:3300");
  set (&s->source_name, "rbdpool");
  set (&s->auth_username, "libvirt");
  set (&s->auth_secret, "2ec115d7-3a88-3ceb-bc12-0ac909a6fd87");
  return s;
}

static VdPoolSpec *
spec_gluster (void)
{
  VdPoolSpec *s = make (VD_POOL_TYPE_GLUSTER, "gluster");

  set (&s->host, "gluster1.example.com");
  set (&s->source_name, "gv0");
  set (&s->source_dir, "/vms");
  return s;
}

static VdPoolSpec *
spec_zfs (void)
{
  VdPoolSpec *s = make (VD_POOL_TYPE_ZFS, "zfs");

  set (&s->source_name, "tank");
  set (&s->devices, "/dev/sde /dev/sdf");
  s->build = TRUE;
  return s;
}

static const struct
{
  VdPoolSpec *(*make) (void);
  const char  *file;
} goldens[] = {
  { spec_dir, "pool-dir.xml" },
  { spec_fs, "pool-fs.xml" },
  { spec_netfs, "pool-netfs.xml" },
  { spec_disk, "pool-disk.xml" },
  { spec_logical, "pool-logical.xml" },
  { spec_iscsi, "pool-iscsi.xml" },
  { spec_iscsi_direct, "pool-iscsi-direct.xml" },
  { spec_scsi, "pool-scsi.xml" },
  { spec_mpath, "pool-mpath.xml" },
  { spec_rbd, "pool-rbd.xml" },
  { spec_gluster, "pool-gluster.xml" },
  { spec_zfs, "pool-zfs.xml" },
};

static void
test_golden (Fixture       *fixture,
             gconstpointer  data)
{
  virConnectPtr conn = vd_connection_get_handle (fixture->connection);

  g_assert_cmpuint (G_N_ELEMENTS (goldens), ==, VD_POOL_N_TYPES);

  for (guint i = 0; i < G_N_ELEMENTS (goldens); i++)
    {
      g_autoptr(VdPoolSpec) spec = goldens[i].make ();
      g_autofree char *path = g_build_filename (VD_TEST_DATA_DIR, goldens[i].file, NULL);
      g_autofree char *expected = NULL;
      g_autofree char *xml = NULL;
      g_autoptr(GError) error = NULL;
      virStoragePoolPtr pool;

      g_test_message ("golden %s", goldens[i].file);
      g_assert_cmpuint (spec->type, ==, i);
      vd_pool_spec_validate (spec, vd_connection_get_pools (fixture->connection), &error);
      g_assert_no_error (error);
      xml = vd_pool_spec_to_xml (spec);
      g_assert_true (g_file_get_contents (path, &expected, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (xml, ==, expected);

      /* And libvirt's parser (the test driver's define) accepts it. */
      pool = virStoragePoolDefineXML (conn, xml, 0);
      if (pool == NULL)
        g_error ("%s: %s", goldens[i].file, virGetLastErrorMessage ());
      g_assert_cmpint (virStoragePoolUndefine (pool), ==, 0);
      virStoragePoolFree (pool);
    }
}

/* ------------------------------------------------------------------ */
/* One bad field at a time                                             */
/* ------------------------------------------------------------------ */

typedef struct
{
  const char         *what;
  VdPoolSpec       *(*base) (void);
  void              (*apply) (VdPoolSpec *spec);
  VdPoolSpecField     field;
  const char         *message;
} BadCase;

#define CASE(fn, body) static void fn (VdPoolSpec *s) { body; }
CASE (no_name, set (&s->name, ""))
CASE (slash_name, set (&s->name, "a/b"))
CASE (space_name, set (&s->name, "my pool"))
CASE (dot_name, set (&s->name, ".."))
CASE (used_name, set (&s->name, "default"))
CASE (no_target, set (&s->target_path, ""))
CASE (relative_target, set (&s->target_path, "images"))
CASE (root_target, set (&s->target_path, "/"))
CASE (no_device, set (&s->devices, ""))
CASE (two_devices, set (&s->devices, "/dev/sdc1 /dev/sdc2"))
CASE (relative_device, set (&s->devices, "sdc1"))
CASE (dup_device, set (&s->devices, "/dev/sdc,/dev/sdc"))
CASE (bad_format, set (&s->format, "ntfs"))
CASE (no_host, set (&s->host, " "))
CASE (bad_host, set (&s->host, "server_1.example.com"))
CASE (two_hosts, set (&s->host, "a.example.com b.example.com"))
CASE (hyphen_host, set (&s->host, "-server.example.com"))
CASE (no_export, set (&s->source_dir, ""))
CASE (relative_export, set (&s->source_dir, "nfstrial"))
CASE (cifs_share, set (&s->format, "cifs"); set (&s->source_dir, ""))
CASE (build_no_pv, set (&s->devices, ""))
CASE (bad_vg, set (&s->source_name, "my vg"))
CASE (bad_pool_as_vg, set (&s->source_name, ""); set (&s->name, "pool:1"))
CASE (port_big, s->port = 70000)
CASE (no_iqn, set (&s->iqn, ""))
CASE (bad_iqn_date, set (&s->iqn, "iqn.2010-13.com.example:x"))
CASE (bad_iqn, set (&s->iqn, "target1"))
CASE (bad_initiator, set (&s->initiator_iqn, "iqn.2024.org.example"))
CASE (half_auth, set (&s->auth_secret, ""))
CASE (bad_auth_user, set (&s->auth_username, "chap user"))
CASE (no_initiator, set (&s->initiator_iqn, ""))
CASE (no_wwnn, set (&s->wwnn, ""))
CASE (short_wwnn, set (&s->wwnn, "20000000C9831B4"))
CASE (hex_wwpn, set (&s->wwpn, "10000000c9831bxz"))
CASE (bad_parent, set (&s->parent, "host5"))
CASE (no_adapter, s->vhba = FALSE)
CASE (bad_adapter, s->vhba = FALSE; set (&s->adapter, "scsi_host3"))
CASE (no_monitor, set (&s->host, ""))
CASE (monitor_port, set (&s->host, "mon1.example.com:0"))
CASE (monitor_port_big, set (&s->host, "mon1.example.com:65536"))
CASE (monitor_port_nan, set (&s->host, "mon1.example.com:ceph"))
CASE (no_rbd_pool, set (&s->source_name, ""))
CASE (no_volume, set (&s->source_name, ""))
CASE (relative_gluster_dir, set (&s->source_dir, "vms"))
CASE (zfs_name, set (&s->source_name, "1tank"))
CASE (zfs_no_devs, set (&s->devices, ""))
CASE (overwrite_no_build, s->build = FALSE; s->overwrite = TRUE)
CASE (overwrite_dir, s->build = TRUE; s->overwrite = TRUE)

static const BadCase bad_cases[] = {
  { "no name", spec_dir, no_name, VD_POOL_SPEC_FIELD_NAME, "Enter a name for the storage pool." },
  { "slash", spec_dir, slash_name, VD_POOL_SPEC_FIELD_NAME, "A pool name cannot contain “/”." },
  { "space", spec_dir, space_name, VD_POOL_SPEC_FIELD_NAME,
    "A pool name cannot contain spaces or control characters." },
  { "dots", spec_dir, dot_name, VD_POOL_SPEC_FIELD_NAME, "A pool cannot be called “.” or “..”." },
  { "used", spec_dir, used_name, VD_POOL_SPEC_FIELD_NAME,
    "A storage pool called “default” already exists on this connection." },
  { "dir no target", spec_dir, no_target, VD_POOL_SPEC_FIELD_TARGET,
    "Enter the directory that holds the volumes, for example /var/lib/libvirt/images." },
  { "relative target", spec_dir, relative_target, VD_POOL_SPEC_FIELD_TARGET,
    "The target path must be absolute (starting with “/”)." },
  { "root target", spec_dir, root_target, VD_POOL_SPEC_FIELD_TARGET,
    "The target path cannot be the root directory." },
  { "fs no target", spec_fs, no_target, VD_POOL_SPEC_FIELD_TARGET,
    "Enter where it is mounted on the host, for example /var/lib/libvirt/pools/shared." },
  { "fs no device", spec_fs, no_device, VD_POOL_SPEC_FIELD_DEVICES,
    "Enter the block device holding the file system, for example /dev/sdc1." },
  { "fs two devices", spec_fs, two_devices, VD_POOL_SPEC_FIELD_DEVICES, "Enter one device only." },
  { "fs relative", spec_fs, relative_device, VD_POOL_SPEC_FIELD_DEVICES,
    "“sdc1” is not a device path: it must be absolute, for example /dev/sdc." },
  { "fs format", spec_fs, bad_format, VD_POOL_SPEC_FIELD_FORMAT,
    "“ntfs” is not a format of this pool type." },
  { "disk no device", spec_disk, no_device, VD_POOL_SPEC_FIELD_DEVICES,
    "Enter the disk’s device, for example /dev/sdb." },
  { "disk format", spec_disk, bad_format, VD_POOL_SPEC_FIELD_FORMAT,
    "“ntfs” is not a format of this pool type." },
  { "netfs no host", spec_netfs, no_host, VD_POOL_SPEC_FIELD_HOST,
    "Enter the file server’s host name or IP address." },
  { "netfs bad host", spec_netfs, bad_host, VD_POOL_SPEC_FIELD_HOST,
    "“server_1.example.com” is not a host name or an IP address." },
  { "netfs two hosts", spec_netfs, two_hosts, VD_POOL_SPEC_FIELD_HOST, "Enter one host only." },
  { "netfs hyphen", spec_netfs, hyphen_host, VD_POOL_SPEC_FIELD_HOST,
    "“-server.example.com” is not a host name or an IP address." },
  { "netfs no export", spec_netfs, no_export, VD_POOL_SPEC_FIELD_SOURCE_DIR,
    "Enter the exported directory, for example /srv/nfs/images." },
  { "netfs relative", spec_netfs, relative_export, VD_POOL_SPEC_FIELD_SOURCE_DIR,
    "The exported directory must be an absolute path (starting with “/”)." },
  { "cifs share", spec_netfs, cifs_share, VD_POOL_SPEC_FIELD_SOURCE_DIR,
    "Enter the share’s name." },
  { "lvm no pv", spec_logical, build_no_pv, VD_POOL_SPEC_FIELD_DEVICES,
    "To build a new volume group, enter its physical volumes, for example /dev/sdc." },
  { "lvm dup", spec_logical, dup_device, VD_POOL_SPEC_FIELD_DEVICES,
    "“/dev/sdc” is listed twice." },
  { "lvm vg", spec_logical, bad_vg, VD_POOL_SPEC_FIELD_SOURCE_NAME,
    "A volume group name may contain only letters, digits and “+”, “_”, “.”, “-” (not first)." },
  { "lvm pool as vg", spec_logical, bad_pool_as_vg, VD_POOL_SPEC_FIELD_SOURCE_NAME,
    "Without a volume group name, the pool’s name is used, and a volume group name may contain "
    "only letters, digits and “+”, “_”, “.”, “-”: enter one." },
  { "iscsi port", spec_iscsi, port_big, VD_POOL_SPEC_FIELD_PORT,
    "A port is a number between 1 and 65535, not 70000." },
  { "iscsi no host", spec_iscsi, no_host, VD_POOL_SPEC_FIELD_HOST,
    "Enter the iSCSI portal’s host name or IP address." },
  { "iscsi no iqn", spec_iscsi, no_iqn, VD_POOL_SPEC_FIELD_IQN,
    "Enter the target’s IQN, for example iqn.2024-01.com.example:storage." },
  { "iscsi iqn date", spec_iscsi, bad_iqn_date, VD_POOL_SPEC_FIELD_IQN,
    "“iqn.2010-13.com.example:x” is not an iSCSI name: use iqn.YYYY-MM.reversed.domain:name "
    "(or eui. or naa. and hex digits)." },
  { "iscsi iqn", spec_iscsi, bad_iqn, VD_POOL_SPEC_FIELD_IQN,
    "“target1” is not an iSCSI name: use iqn.YYYY-MM.reversed.domain:name (or eui. or naa. and "
    "hex digits)." },
  { "iscsi initiator", spec_iscsi, bad_initiator, VD_POOL_SPEC_FIELD_INITIATOR,
    "“iqn.2024.org.example” is not an iSCSI name: use iqn.YYYY-MM.reversed.domain:name (or "
    "eui. or naa. and hex digits)." },
  { "iscsi half auth", spec_iscsi, half_auth, VD_POOL_SPEC_FIELD_AUTH,
    "Enter both the user name and the libvirt secret holding the password, or neither." },
  { "iscsi auth user", spec_iscsi, bad_auth_user, VD_POOL_SPEC_FIELD_AUTH,
    "A user name cannot contain spaces or control characters." },
  { "direct initiator", spec_iscsi_direct, no_initiator, VD_POOL_SPEC_FIELD_INITIATOR,
    "An iSCSI direct pool needs this host’s initiator IQN." },
  { "vhba no wwnn", spec_scsi, no_wwnn, VD_POOL_SPEC_FIELD_WWNN,
    "Enter the vHBA’s WWNN: 16 hexadecimal digits." },
  { "vhba short wwnn", spec_scsi, short_wwnn, VD_POOL_SPEC_FIELD_WWNN,
    "“20000000C9831B4” is not a WWNN: 16 hexadecimal digits." },
  { "vhba wwpn", spec_scsi, hex_wwpn, VD_POOL_SPEC_FIELD_WWPN,
    "“10000000c9831bxz” is not a WWPN: 16 hexadecimal digits." },
  { "vhba parent", spec_scsi, bad_parent, VD_POOL_SPEC_FIELD_PARENT,
    "“host5” is not a host bus adapter’s device name, such as scsi_host5." },
  { "scsi no adapter", spec_scsi, no_adapter, VD_POOL_SPEC_FIELD_ADAPTER,
    "Enter the SCSI host adapter, for example host0." },
  { "scsi adapter", spec_scsi, bad_adapter, VD_POOL_SPEC_FIELD_ADAPTER,
    "“scsi_host3” is not a SCSI host adapter: “host” followed by its number, for example host0." },
  { "rbd no monitor", spec_rbd, no_monitor, VD_POOL_SPEC_FIELD_HOST,
    "Enter at least one Ceph monitor, for example mon1.example.com:6789." },
  { "rbd port 0", spec_rbd, monitor_port, VD_POOL_SPEC_FIELD_HOST,
    "“mon1.example.com:0”: a port is a number between 1 and 65535." },
  { "rbd port big", spec_rbd, monitor_port_big, VD_POOL_SPEC_FIELD_HOST,
    "“mon1.example.com:65536”: a port is a number between 1 and 65535." },
  { "rbd port nan", spec_rbd, monitor_port_nan, VD_POOL_SPEC_FIELD_HOST,
    "“mon1.example.com:ceph”: a port is a number between 1 and 65535." },
  { "rbd no pool", spec_rbd, no_rbd_pool, VD_POOL_SPEC_FIELD_SOURCE_NAME,
    "Enter the Ceph pool’s name." },
  { "gluster no volume", spec_gluster, no_volume, VD_POOL_SPEC_FIELD_SOURCE_NAME,
    "Enter the Gluster volume’s name." },
  { "gluster dir", spec_gluster, relative_gluster_dir, VD_POOL_SPEC_FIELD_SOURCE_DIR,
    "The directory inside the volume must be an absolute path, such as / for its root." },
  { "zfs name", spec_zfs, zfs_name, VD_POOL_SPEC_FIELD_SOURCE_NAME,
    "A ZFS pool name starts with a letter and may contain only letters, digits and “-”, “_”, "
    "“.”, “:”." },
  { "zfs build no devs", spec_zfs, zfs_no_devs, VD_POOL_SPEC_FIELD_DEVICES,
    "To build a new ZFS pool, enter its devices, for example /dev/sdd." },
  { "overwrite no build", spec_disk, overwrite_no_build, VD_POOL_SPEC_FIELD_BUILD,
    "Overwriting applies only when the pool is built." },
  { "overwrite dir", spec_dir, overwrite_dir, VD_POOL_SPEC_FIELD_BUILD,
    "Building this type of pool never overwrites data." },
};

static void
test_bad (Fixture       *fixture,
          gconstpointer  data)
{
  GListModel *pools = vd_connection_get_pools (fixture->connection);

  /* host.xml has a pool called "default". */
  g_assert_nonnull (vd_connection_find_pool (fixture->connection, "default"));

  for (guint i = 0; i < G_N_ELEMENTS (bad_cases); i++)
    {
      const BadCase *c = &bad_cases[i];
      g_autoptr(VdPoolSpec) spec = c->base ();
      g_autofree char *message = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("bad case: %s", c->what);
      g_assert_null (vd_pool_spec_check (spec, c->field, pools));
      c->apply (spec);
      message = vd_pool_spec_check (spec, c->field, pools);
      g_assert_cmpstr (message, ==, c->message);

      /* The whole spec fails with this field's reason or an earlier one. */
      g_assert_false (vd_pool_spec_validate (spec, pools, &error));
      g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT);

      /* Every other field of this case still passes: the message belongs to one field. */
      for (guint field = 0; field < VD_POOL_SPEC_N_FIELDS; field++)
        {
          g_autofree char *other = NULL;

          if (field == c->field)
            continue;
          other = vd_pool_spec_check (spec, field, pools);
          if (other != NULL && !(c->apply == bad_pool_as_vg && field == VD_POOL_SPEC_FIELD_NAME))
            g_error ("case %s: field %u also fails: %s", c->what, field, other);
        }
    }
}

/* What a type does not use is never judged, nor written. */
static void
test_ignores (void)
{
  g_autoptr(VdPoolSpec) spec = spec_dir ();
  g_autofree char *xml = NULL;

  set (&spec->host, "not a host");
  set (&spec->iqn, "nonsense");
  set (&spec->devices, "relative");
  spec->port = 99999;
  g_assert_true (vd_pool_spec_validate (spec, NULL, NULL));
  g_clear_pointer (&spec, vd_pool_spec_free);

  /* iSCSI pools have nothing to build: a build asked for is not judged. */
  spec = spec_iscsi ();
  spec->build = TRUE;
  g_assert_true (vd_pool_spec_validate (spec, NULL, NULL));
  g_clear_pointer (&spec, vd_pool_spec_free);

  spec = spec_dir ();
  set (&spec->host, "not a host");
  set (&spec->iqn, "nonsense");
  xml = vd_pool_spec_to_xml (spec);
  g_assert_null (strstr (xml, "<source"));
  g_assert_null (strstr (xml, "nonsense"));
}

static void
test_defaults (void)
{
  g_autoptr(VdPoolSpec) spec = make (VD_POOL_TYPE_LOGICAL, "vg0");
  g_autofree char *target = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *warning = NULL;

  /* An existing volume group: its name is the pool's, its directory /dev/VG. */
  g_assert_true (vd_pool_spec_validate (spec, NULL, NULL));
  target = vd_pool_spec_get_default_target (spec);
  g_assert_cmpstr (target, ==, "/dev/vg0");
  xml = vd_pool_spec_to_xml (spec);
  g_assert_nonnull (strstr (xml, "<name>vg0</name>\n    <format type=\"lvm2\"/>"));
  g_assert_nonnull (strstr (xml, "<path>/dev/vg0</path>"));
  g_assert_null (vd_pool_spec_get_erase_warning (spec));

  /* Building on devices names them in the warning. */
  set (&spec->devices, "/dev/sdc /dev/sdd");
  spec->build = TRUE;
  warning = vd_pool_spec_get_erase_warning (spec);
  g_assert_cmpstr (warning, ==, "Building the pool makes /dev/sdc, /dev/sdd into LVM physical "
                   "volumes of a new volume group. All data on them is destroyed.");
  g_clear_pointer (&warning, g_free);

  /* A file system is formatted only when overwriting. */
  g_clear_pointer (&spec, vd_pool_spec_free);
  spec = spec_fs ();
  spec->build = TRUE;
  g_assert_null (vd_pool_spec_get_erase_warning (spec));
  spec->overwrite = TRUE;
  warning = vd_pool_spec_get_erase_warning (spec);
  g_assert_cmpstr (warning, ==, "Building the pool formats /dev/sdc1 as ext4. Everything on it "
                   "is destroyed.");
  g_clear_pointer (&warning, g_free);

  g_clear_pointer (&spec, vd_pool_spec_free);
  spec = spec_disk ();
  warning = vd_pool_spec_get_erase_warning (spec);
  g_assert_cmpstr (warning, ==, "Building the pool writes a new gpt partition table on /dev/sdb. "
                   "Every partition and all data on it are destroyed.");

  /* A dir pool's build creates a directory, which destroys nothing. */
  g_clear_pointer (&spec, vd_pool_spec_free);
  spec = spec_dir ();
  spec->build = TRUE;
  g_assert_null (vd_pool_spec_get_erase_warning (spec));

  /* Every type has a label and a description. */
  for (guint t = 0; t < VD_POOL_N_TYPES; t++)
    {
      g_assert_nonnull (vd_pool_type_to_string (t));
      g_assert_cmpuint (strlen (vd_pool_type_get_label (t)), >, 0);
      g_assert_cmpuint (strlen (vd_pool_type_get_description (t)), >, 0);
    }
}

/* ------------------------------------------------------------------ */
/* Creating                                                            */
/* ------------------------------------------------------------------ */

static char *
pool_xml (VdConnection *connection,
          const char   *name,
          int          *active,
          int          *autostart)
{
  virStoragePoolPtr pool = virStoragePoolLookupByName (vd_connection_get_handle (connection),
                                                       name);
  char *text, *copy;

  if (pool == NULL)
    return NULL;
  *active = virStoragePoolIsActive (pool);
  virStoragePoolGetAutostart (pool, autostart);
  text = virStoragePoolGetXMLDesc (pool, 0);
  copy = g_strdup (text);
  free (text);
  virStoragePoolFree (pool);
  return copy;
}

static gboolean
create (VdConnection     *connection,
        const VdPoolSpec *spec,
        gboolean          start,
        gboolean          autostart,
        GCancellable     *cancellable,
        GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  vd_connection_create_pool_async (connection, spec, start, autostart, cancellable,
                                   vd_test_async_result_cb, &result);
  VD_TEST_WAIT_RESULT (result);
  return vd_connection_create_pool_finish (connection, result, error);
}

static void
test_create (Fixture       *fixture,
             gconstpointer  data)
{
  VdConnection *connection = fixture->connection;
  g_autoptr(VdPoolSpec) spec = spec_netfs ();
  g_autoptr(GError) error = NULL;
  g_autoptr(VdXml) xml = NULL;
  g_autofree char *text = NULL;
  g_autofree char *host = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *format = NULL;
  g_autofree char *target = NULL;
  VdStoragePool *pool;
  int active = -1, autostart = -1;

  spec->build = TRUE;
  g_assert_true (create (connection, spec, TRUE, TRUE, NULL, &error));
  g_assert_no_error (error);

  /* The list learns of it from libvirt's events. */
  VD_TEST_WAIT_UNTIL ((pool = vd_connection_find_pool (connection, "nfs-share")) != NULL &&
                      vd_storage_pool_get_active (pool) && vd_storage_pool_get_autostart (pool),
                      30);

  text = pool_xml (connection, "nfs-share", &active, &autostart);
  g_assert_nonnull (text);
  g_assert_cmpint (active, ==, 1);
  g_assert_cmpint (autostart, ==, 1);
  xml = vd_xml_new (text);
  host = vd_xml_get_string (xml, "/pool/source/host/@name");
  dir = vd_xml_get_string (xml, "/pool/source/dir/@path");
  format = vd_xml_get_string (xml, "/pool/source/format/@type");
  target = vd_xml_get_string (xml, "/pool/target/path");
  g_assert_cmpstr (host, ==, "server1.example.com");
  g_assert_cmpstr (dir, ==, "/nfstrial");
  g_assert_cmpstr (format, ==, "nfs");
  g_assert_cmpstr (target, ==, "/var/lib/libvirt/nfs");

  /* A second one by the same name is refused before libvirt. */
  g_assert_false (create (connection, spec, FALSE, FALSE, NULL, &error));
  g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (error->message, ==, "Failed to create the storage pool “nfs-share”: A storage "
                   "pool called “nfs-share” already exists on this connection.");
}

static void
test_create_defined_only (Fixture       *fixture,
                          gconstpointer  data)
{
  VdConnection *connection = fixture->connection;
  g_autoptr(VdPoolSpec) spec = make (VD_POOL_TYPE_LOGICAL, "vg0");
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  VdStoragePool *pool;
  int active = -1, autostart = -1;

  g_assert_true (create (connection, spec, FALSE, FALSE, NULL, &error));
  g_assert_no_error (error);
  VD_TEST_WAIT_UNTIL ((pool = vd_connection_find_pool (connection, "vg0")) != NULL, 30);
  g_assert_false (vd_storage_pool_get_active (pool));
  text = pool_xml (connection, "vg0", &active, &autostart);
  g_assert_cmpint (active, ==, 0);
  g_assert_cmpint (autostart, ==, 0);
  g_assert_nonnull (strstr (text, "<path>/dev/vg0</path>"));
}

/* A step after the definition fails: nothing is left. The test driver
 * refuses every build flag, so an overwriting build fails there. */
static void
test_create_undo (Fixture       *fixture,
                  gconstpointer  data)
{
  VdConnection *connection = fixture->connection;
  g_autoptr(VdPoolSpec) spec = spec_disk ();
  g_autoptr(GError) error = NULL;
  int active, autostart;

  spec->overwrite = TRUE;
  g_assert_false (create (connection, spec, TRUE, TRUE, NULL, &error));
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, "The storage pool “sdb” could not be built "
                                   "and was removed again: "));
  g_assert_null (pool_xml (connection, "sdb", &active, &autostart));

  /* Without overwriting, the same pool builds, starts and stays. */
  g_clear_error (&error);
  spec->overwrite = FALSE;
  g_assert_true (create (connection, spec, TRUE, FALSE, NULL, &error));
  g_assert_no_error (error);
  g_free (pool_xml (connection, "sdb", &active, &autostart));
  g_assert_cmpint (active, ==, 1);
}

/* Cancelled before the worker's first step after define: undefined again. */
static void
test_create_cancelled (Fixture       *fixture,
                       gconstpointer  data)
{
  VdConnection *connection = fixture->connection;
  g_autoptr(VdPoolSpec) spec = spec_dir ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  int active, autostart;

  g_cancellable_cancel (cancellable);
  g_assert_false (create (connection, spec, TRUE, FALSE, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (pool_xml (connection, "images", &active, &autostart));
}

static void
test_create_not_connected (void)
{
  g_autofree char *uri = vd_test_fixture_uri ("host.xml");
  g_autoptr(VdConnection) connection = vd_connection_new (uri);
  g_autoptr(VdPoolSpec) spec = spec_dir ();
  g_autoptr(GError) error = NULL;

  g_assert_false (create (connection, spec, TRUE, FALSE, NULL, &error));
  g_assert_error (error, VD_ERROR, VD_ERROR_NOT_CONNECTED);
  g_assert_cmpstr (error->message, ==,
                   "Failed to create the storage pool “images”: the connection is not open");
}

/* ------------------------------------------------------------------ */
/* Source discovery                                                    */
/* ------------------------------------------------------------------ */

static GPtrArray *
find (VdConnection     *connection,
      const VdPoolSpec *spec,
      GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  vd_connection_find_pool_sources_async (connection, spec, NULL, vd_test_async_result_cb,
                                         &result);
  VD_TEST_WAIT_RESULT (result);
  return vd_connection_find_pool_sources_finish (connection, result, error);
}

static void
test_find_sources (Fixture       *fixture,
                   gconstpointer  data)
{
  VdConnection *connection = fixture->connection;
  g_autoptr(VdPoolSpec) spec = make (VD_POOL_TYPE_LOGICAL, "x");
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *source_xml = NULL;
  VdPoolSource *source;

  /* The test driver's canned volume groups. */
  sources = find (connection, spec, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sources->len, ==, 2);
  source = sources->pdata[0];
  g_assert_cmpstr (source->name, ==, "testvg1");
  g_assert_cmpstr (source->devices, ==, "/dev/sda20");
  g_assert_cmpstr (source->format, ==, "lvm2");
  g_clear_pointer (&sources, g_ptr_array_unref);

  /* A server's NFS exports: the test driver answers for any host. */
  g_clear_pointer (&spec, vd_pool_spec_free);
  spec = spec_netfs ();
  set (&spec->format, NULL);
  source_xml = vd_pool_spec_to_source_xml (spec);
  g_assert_cmpstr (source_xml, ==, "<source>\n  <host name=\"server1.example.com\"/>\n</source>\n");
  sources = find (connection, spec, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sources->len, ==, 1);
  source = sources->pdata[0];
  g_assert_cmpstr (source->host, ==, "server1.example.com");
  g_assert_cmpstr (source->dir, ==, "/testshare");
  g_assert_cmpstr (source->format, ==, "nfs");
  g_clear_pointer (&sources, g_ptr_array_unref);

  /* No server yet: refused with the host field's reason. */
  set (&spec->host, "");
  g_assert_null (find (connection, spec, &error));
  g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (error->message, ==,
                   "Failed to find sources: Enter the file server’s host name or IP address.");
  g_clear_error (&error);

  /* iSCSI: libvirt's test driver cannot search; its reason comes through. */
  g_clear_pointer (&spec, vd_pool_spec_free);
  spec = spec_iscsi ();
  g_assert_null (find (connection, spec, &error));
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, "Failed to find sources: "));
  g_clear_error (&error);

  /* Gluster: the server's volumes; the test driver cannot search either. */
  g_clear_pointer (&spec, vd_pool_spec_free);
  spec = spec_gluster ();
  g_clear_pointer (&source_xml, g_free);
  source_xml = vd_pool_spec_to_source_xml (spec);
  g_assert_cmpstr (source_xml, ==, "<source>\n  <host name=\"gluster1.example.com\"/>\n</source>\n");
  g_assert_true (vd_pool_type_can_find_sources (VD_POOL_TYPE_GLUSTER));
  g_assert_null (find (connection, spec, &error));
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, "Failed to find sources: "));
  g_clear_error (&error);

  /* Types libvirt never searches are refused at once. */
  g_clear_pointer (&spec, vd_pool_spec_free);
  spec = spec_dir ();
  g_assert_null (find (connection, spec, &error));
  g_assert_error (error, VD_ERROR, VD_ERROR_NOT_SUPPORTED);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  gvir_init_object_check (NULL, NULL, NULL);

#define ADD(path, func) \
  g_test_add ("/vd/pool-spec/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("golden", test_golden);
  ADD ("bad", test_bad);
  ADD ("create", test_create);
  ADD ("create-defined-only", test_create_defined_only);
  ADD ("create-undo", test_create_undo);
  ADD ("create-cancelled", test_create_cancelled);
  ADD ("find-sources", test_find_sources);
  g_test_add_func ("/vd/pool-spec/ignores", test_ignores);
  g_test_add_func ("/vd/pool-spec/defaults", test_defaults);
  g_test_add_func ("/vd/pool-spec/create-not-connected", test_create_not_connected);

  return g_test_run ();
}
