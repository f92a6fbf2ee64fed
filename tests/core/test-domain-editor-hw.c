/* test-domain-editor-hw.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vd-domain-editor-guest.h"
#include "vd-domain-editor-hw.h"
#include "vd-error.h"
#include "domain-editor-test-util.h"

/*
 * The controller, filesystem, smartcard and shared memory setters of
 * VdDomainEditor: each edit round-trips through libvirt's test driver and
 * touches nothing else (unknown XML kept); bad values are refused with
 * the editor unchanged; over the corpus, setting every such device's own
 * values changes no byte.
 */

static const char guest_xml[] =
  "<domain type='test'>\n"
  "  <name>hw</name>\n"
  "  <uuid>4b1c0b5e-1d0e-4c43-9a77-0a3b7c7e0001</uuid>\n"
  "  <memory unit='KiB'>262144</memory>\n"
  "  <os><type arch='x86_64' machine='pc'>hvm</type></os>\n"
  "  <devices>\n"
  "    <disk type='file' device='disk'>\n"
  "      <source file='/srv/a.img'/>\n"
  "      <target dev='sda' bus='scsi'/>\n"
  "      <address type='drive' controller='0' bus='0' target='0' unit='0'/>\n"
  "    </disk>\n"
  "    <disk type='file' device='disk'>\n"
  "      <source file='/srv/b.img'/>\n"
  "      <target dev='sdb' bus='scsi'/>\n"
  "      <address type='drive' controller='1' bus='0' target='0' unit='0'/>\n"
  "    </disk>\n"
  "    <controller type='usb' index='0' model='piix3-uhci'/>\n"
  "    <controller type='scsi' index='0' model='virtio-scsi'/>\n"
  "    <controller type='scsi' index='1' model='lsilogic'/>\n"
  "    <controller type='virtio-serial' index='0' ports='16'/>\n"
  "    <controller type='pci' index='0' model='pci-root'/>\n"
  "    <filesystem type='mount' accessmode='mapped'>\n"
  "      <driver type='path' wrpolicy='immediate'/>\n"
  "      <source dir='/srv/share'/>\n"
  "      <target dir='share'/>\n"
  "    </filesystem>\n"
  "    <channel type='unix'>\n"
  "      <target type='virtio' name='org.qemu.guest_agent.0'/>\n"
  "    </channel>\n"
  "    <input type='tablet' bus='usb'/>\n"
  "    <smartcard mode='host'/>\n"
  "    <shmem name='one'>\n"
  "      <model type='ivshmem-doorbell'/>\n"
  "      <size unit='M'>4</size>\n"
  "      <server path='/var/lib/libvirt/shmem/one-sock'/>\n"
  "    </shmem>\n"
  "    <shmem name='two'>\n"
  "      <model type='ivshmem-plain'/>\n"
  "      <size unit='M'>8</size>\n"
  "    </shmem>\n"
  "  </devices>\n"
  "</domain>\n";

static VdDomainEditor *
load_guest (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *read = define_and_read (guest_xml, NULL);
  VdDomainEditor *editor;

  g_assert_nonnull (read);
  editor = vd_domain_editor_new_from_xml (read, &error);
  g_assert_no_error (error);

  return editor;
}

/* The id of the @nth device of @kind */
static const char *
nth_id (VdDomainEditor *editor,
        VdDeviceKind    kind,
        guint           nth)
{
  static char id[64];
  g_autoptr(GPtrArray) devices = vd_domain_editor_list_devices (editor);

  for (guint i = 0; i < devices->len; i++)
    if (vd_device_ref_get_kind (devices->pdata[i]) == kind && nth-- == 0)
      {
        g_strlcpy (id, vd_device_ref_get_id (devices->pdata[i]), sizeof id);
        return id;
      }
  g_assert_not_reached ();
}

/* The controller of @type and @index */
static char *
controller_id (VdDomainEditor *editor,
               const char     *type,
               guint           index)
{
  g_autoptr(GPtrArray) devices = vd_domain_editor_list_devices (editor);

  for (guint i = 0; i < devices->len; i++)
    {
      const char *id = vd_device_ref_get_id (devices->pdata[i]);
      g_autofree char *t = NULL;
      guint n;

      if (vd_device_ref_get_kind (devices->pdata[i]) == VD_DEVICE_KIND_CONTROLLER &&
          vd_domain_editor_get_controller (editor, id, &t, &n, NULL) &&
          g_strcmp0 (t, type) == 0 && n == index)
        return g_strdup (id);
    }
  g_assert_not_reached ();
}

/* Defines the editor's XML, checks that only @strip differs from before
 * and returns libvirt's copy. */
static VdDomainEditor *
apply_and_check (VdDomainEditor     *editor,
                 const char * const *strip)
{
  g_autofree char *before = g_strdup (vd_domain_editor_get_original_xml (editor));
  g_autofree char *after = vd_domain_editor_get_xml (editor);
  g_autofree char *message = NULL;
  g_autofree char *read = define_and_read (after, &message);
  g_autoptr(GError) error = NULL;
  VdDomainEditor *reread;

  if (read == NULL)
    g_error ("libvirt refused the edit: %s\n%s", message, after);
  assert_only_differs_in ("hw", before, read, strip);
  reread = vd_domain_editor_new_from_xml (read, &error);
  g_assert_no_error (error);

  return reread;
}

static void
test_controller (void)
{
  g_autoptr(VdDomainEditor) editor = load_guest ();
  g_autoptr(VdDomainEditor) reread = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *usb = controller_id (editor, "usb", 0);
  g_autofree char *scsi0 = controller_id (editor, "scsi", 0);
  g_autofree char *scsi1 = controller_id (editor, "scsi", 1);
  g_autofree char *serial = controller_id (editor, "virtio-serial", 0);
  g_autofree char *pci = controller_id (editor, "pci", 0);
  g_autofree char *model = NULL;
  g_autofree char *before = vd_domain_editor_get_xml (editor);
  g_autofree char *after = NULL;
  g_autoptr(GPtrArray) users = NULL;
  const char *strip[] = { "/domain/devices/controller[@type='usb']/@model", NULL };

  /* who uses which */
  users = vd_domain_editor_list_controller_users (editor, scsi0);
  g_assert_cmpuint (users->len, ==, 1);
  g_assert_cmpstr (users->pdata[0], ==, nth_id (editor, VD_DEVICE_KIND_DISK, 0));
  g_clear_pointer (&users, g_ptr_array_unref);
  users = vd_domain_editor_list_controller_users (editor, scsi1);
  g_assert_cmpuint (users->len, ==, 1);
  g_assert_cmpstr (users->pdata[0], ==, nth_id (editor, VD_DEVICE_KIND_DISK, 1));
  g_clear_pointer (&users, g_ptr_array_unref);
  users = vd_domain_editor_list_controller_users (editor, usb);
  g_assert_cmpuint (users->len, >=, 1);
  g_assert_true (g_ptr_array_find_with_equal_func (users, nth_id (editor, VD_DEVICE_KIND_INPUT, 0),
                                                   g_str_equal, NULL));
  g_clear_pointer (&users, g_ptr_array_unref);
  users = vd_domain_editor_list_controller_users (editor, serial);
  g_assert_true (g_ptr_array_find_with_equal_func (users,
                                                   nth_id (editor, VD_DEVICE_KIND_CHANNEL, 0),
                                                   g_str_equal, NULL));
  g_clear_pointer (&users, g_ptr_array_unref);

  g_assert_cmpuint (vd_domain_editor_next_controller_index (editor, "scsi"), ==, 2);
  g_assert_cmpuint (vd_domain_editor_next_controller_index (editor, "usb"), ==, 1);
  g_assert_cmpuint (vd_domain_editor_next_controller_index (editor, "sata"), ==, 0);
  g_assert_cmpuint (vd_domain_editor_get_controller_uint (editor, serial, "ports"), ==, 16);

  /* refused: a model of another type, PCI, too many ports */
  g_assert_false (vd_domain_editor_set_controller_model (editor, usb, "virtio-scsi", &error));
  g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (vd_domain_editor_set_controller_model (editor, pci, "pcie-root", &error));
  g_assert_error (error, VD_ERROR, VD_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);
  g_assert_false (vd_domain_editor_set_controller_ports (editor, serial, 600, 0, &error));
  g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (vd_domain_editor_set_controller_ports (editor, usb, 4, 0, &error));
  g_assert_error (error, VD_ERROR, VD_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);
  after = vd_domain_editor_get_xml (editor);
  g_assert_cmpstr (before, ==, after);

  /* the same values change nothing */
  g_assert_true (vd_domain_editor_set_controller_model (editor, usb, "piix3-uhci", &error));
  g_assert_true (vd_domain_editor_set_controller_ports (editor, serial, 16, 0, &error));
  g_assert_no_error (error);
  g_assert_false (vd_domain_editor_is_dirty (editor));

  g_assert_true (vd_domain_editor_set_controller_model (editor, usb, "qemu-xhci", &error));
  g_assert_no_error (error);
  reread = apply_and_check (editor, strip);
  g_assert_true (vd_domain_editor_get_controller (reread, usb, NULL, NULL, &model));
  g_assert_cmpstr (model, ==, "qemu-xhci");
}

static void
test_controller_ports (void)
{
  g_autoptr(VdDomainEditor) editor = load_guest ();
  g_autoptr(VdDomainEditor) reread = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *serial = controller_id (editor, "virtio-serial", 0);
  const char *strip[] = { "/domain/devices/controller[@type='virtio-serial']/@ports",
                          "/domain/devices/controller[@type='virtio-serial']/@vectors", NULL };

  g_assert_true (vd_domain_editor_set_controller_ports (editor, serial, 8, 4, &error));
  g_assert_no_error (error);
  reread = apply_and_check (editor, strip);
  g_assert_cmpuint (vd_domain_editor_get_controller_uint (reread, serial, "ports"), ==, 8);
  g_assert_cmpuint (vd_domain_editor_get_controller_uint (reread, serial, "vectors"), ==, 4);
}

static void
test_filesystem (void)
{
  g_autoptr(VdDomainEditor) editor = load_guest ();
  g_autoptr(VdDomainEditor) reread = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(VdFilesystem) fs = { 0 };
  g_auto(VdFilesystem) back = { 0 };
  const char *id = nth_id (editor, VD_DEVICE_KIND_FILESYSTEM, 0);
  g_autofree char *before = vd_domain_editor_get_xml (editor);
  g_autofree char *after = NULL;
  char *saved_target = NULL;
  const char *strip[] = { "/domain/devices/filesystem/driver", "/domain/devices/filesystem/@accessmode",
                          "/domain/devices/filesystem/readonly", "/domain/devices/filesystem/target",
                          NULL };

  g_assert_true (vd_domain_editor_get_filesystem (editor, id, &fs));
  g_assert_cmpstr (fs.driver, ==, "path");
  g_assert_cmpstr (fs.source, ==, "/srv/share");
  g_assert_cmpstr (fs.target, ==, "share");
  g_assert_cmpstr (fs.accessmode, ==, "mapped");
  g_assert_false (fs.readonly);
  g_assert_true (vd_domain_editor_set_filesystem (editor, id, &fs, &error));
  g_assert_no_error (error);
  g_assert_false (vd_domain_editor_is_dirty (editor));

  /* refused: an empty tag, virtiofs with a long tag or mapped, a relative path */
  saved_target = fs.target;
  fs.target = (char *)"";
  g_assert_false (vd_domain_editor_set_filesystem (editor, id, &fs, &error));
  g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  fs.target = saved_target;
  g_free (fs.driver);
  fs.driver = g_strdup ("virtiofs");
  g_assert_false (vd_domain_editor_set_filesystem (editor, id, &fs, &error));
  g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "passthrough"));
  g_clear_error (&error);
  g_free (fs.accessmode);
  fs.accessmode = g_strdup ("passthrough");
  fs.target = (char *)"a-tag-that-is-longer-than-thirty-six-bytes";
  g_assert_false (vd_domain_editor_set_filesystem (editor, id, &fs, &error));
  g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "36"));
  g_clear_error (&error);
  fs.target = saved_target;
  after = vd_domain_editor_get_xml (editor);
  g_assert_cmpstr (before, ==, after);

  /* 9p → virtiofs, read-only, new tag: the 9p write policy goes */
  g_free (fs.target);
  fs.target = g_strdup ("data");
  fs.readonly = TRUE;
  g_assert_true (vd_domain_editor_set_filesystem (editor, id, &fs, &error));
  g_assert_no_error (error);
  reread = apply_and_check (editor, strip);
  g_assert_true (vd_domain_editor_get_filesystem (reread, id, &back));
  g_assert_cmpstr (back.driver, ==, "virtiofs");
  g_assert_cmpstr (back.source, ==, "/srv/share");
  g_assert_cmpstr (back.target, ==, "data");
  g_assert_true (back.readonly);
  g_assert_true (back.accessmode == NULL || g_str_equal (back.accessmode, "passthrough"));
  g_free (after);
  after = vd_domain_editor_get_xml (reread);
  g_assert_null (strstr (after, "wrpolicy"));
}

/* An element virt-desk does not know stays where it was. */
static void
test_unknown_kept (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VdDomainEditor) editor = NULL;
  g_auto(VdFilesystem) fs = { 0 };
  g_autofree char *xml = NULL;
  g_autofree char *model = NULL;
  const char *id;

  editor = vd_domain_editor_new_from_xml (
    "<domain type='test'><name>x</name><devices>"
    "<filesystem type='mount'><driver type='virtiofs' queue='1024'/>"
    "<binary path='/usr/libexec/virtiofsd'><future-thing/></binary>"
    "<source dir='/srv/s'/><target dir='s'/><alias name='fs0'/></filesystem>"
    "<shmem name='a' role='master'><model type='ivshmem-doorbell'/><size unit='M'>2</size>"
    "<server path='/tmp/sock'/><msi vectors='4'/></shmem>"
    "<smartcard mode='passthrough' type='tcp'><source mode='connect' host='127.0.0.1' "
    "service='2001'/><protocol type='raw'/><address type='ccid' controller='0' slot='0'/>"
    "</smartcard>"
    "</devices></domain>", &error);
  g_assert_no_error (error);

  id = nth_id (editor, VD_DEVICE_KIND_FILESYSTEM, 0);
  g_assert_true (vd_domain_editor_get_filesystem (editor, id, &fs));
  fs.readonly = TRUE;
  g_assert_true (vd_domain_editor_set_filesystem (editor, id, &fs, &error));
  g_assert_no_error (error);
  xml = vd_domain_editor_get_xml (editor);
  g_assert_nonnull (strstr (xml, "<future-thing/>"));
  g_assert_nonnull (strstr (xml, "queue=\"1024\""));
  g_assert_nonnull (strstr (xml, "<alias name=\"fs0\"/>"));
  g_assert_nonnull (strstr (xml, "<readonly/>"));
  g_clear_pointer (&xml, g_free);

  /* 9p: virtiofsd's binary and queue go */
  g_free (fs.driver);
  fs.driver = g_strdup ("path");
  g_assert_true (vd_domain_editor_set_filesystem (editor, id, &fs, &error));
  g_assert_no_error (error);
  xml = vd_domain_editor_get_xml (editor);
  g_assert_null (strstr (xml, "future-thing"));
  g_assert_null (strstr (xml, "queue="));
  g_clear_pointer (&xml, g_free);

  /* shmem: the role attribute stays; plain has no server or msi */
  id = nth_id (editor, VD_DEVICE_KIND_SHMEM, 0);
  g_assert_true (vd_domain_editor_set_shmem (editor, id, "a", 16, "ivshmem-plain", &error));
  g_assert_no_error (error);
  xml = vd_domain_editor_get_xml (editor);
  g_assert_nonnull (strstr (xml, "role=\"master\""));
  g_assert_nonnull (strstr (xml, "<size unit=\"M\">16</size>"));
  g_assert_null (strstr (xml, "<server"));
  g_assert_null (strstr (xml, "<msi"));
  g_clear_pointer (&xml, g_free);

  /* smartcard: tcp → spicevmc drops the channel, keeps the address */
  id = nth_id (editor, VD_DEVICE_KIND_SMARTCARD, 0);
  g_assert_true (vd_domain_editor_set_smartcard (editor, id, "passthrough", "spicevmc", NULL, 0,
                                                 &error));
  g_assert_no_error (error);
  xml = vd_domain_editor_get_xml (editor);
  g_assert_nonnull (strstr (xml, "type=\"spicevmc\""));
  g_assert_nonnull (strstr (xml, "<address type=\"ccid\""));
  g_assert_null (strstr (xml, "<protocol"));
  g_assert_null (strstr (xml, "service="));
  (void)model;
}

static void
test_smartcard (void)
{
  g_autoptr(VdDomainEditor) editor = load_guest ();
  g_autoptr(VdDomainEditor) reread = NULL;
  g_autoptr(GError) error = NULL;
  const char *id = nth_id (editor, VD_DEVICE_KIND_SMARTCARD, 0);
  g_autofree char *mode = NULL, *type = NULL, *host = NULL;
  guint port = 0;
  const char *strip[] = { "/domain/devices/smartcard/@mode", "/domain/devices/smartcard/@type",
                          "/domain/devices/smartcard/source", "/domain/devices/smartcard/protocol",
                          NULL };

  g_assert_true (vd_domain_editor_get_smartcard (editor, id, &mode, &type, &host, &port));
  g_assert_cmpstr (mode, ==, "host");
  g_assert_null (type);
  g_assert_true (vd_domain_editor_set_smartcard (editor, id, "host", NULL, NULL, 0, &error));
  g_assert_false (vd_domain_editor_is_dirty (editor));
  g_assert_false (vd_domain_editor_set_smartcard (editor, id, "passthrough", "tcp", "", 2001,
                                                  &error));
  g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (vd_domain_editor_set_smartcard (editor, id, "passthrough", "tcp", "localhost",
                                                  70000, &error));
  g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (vd_domain_editor_set_smartcard (editor, id, "passthrough", "pty", NULL, 0,
                                                  &error));
  g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (vd_domain_editor_is_dirty (editor));

  g_assert_true (vd_domain_editor_set_smartcard (editor, id, "passthrough", "tcp", "127.0.0.1",
                                                 2001, &error));
  g_assert_no_error (error);
  reread = apply_and_check (editor, strip);
  g_clear_pointer (&mode, g_free);
  g_clear_pointer (&type, g_free);
  g_assert_true (vd_domain_editor_get_smartcard (reread, id, &mode, &type, &host, &port));
  g_assert_cmpstr (mode, ==, "passthrough");
  g_assert_cmpstr (type, ==, "tcp");
  g_assert_cmpstr (host, ==, "127.0.0.1");
  g_assert_cmpuint (port, ==, 2001);
}

static void
test_shmem (void)
{
  g_autoptr(VdDomainEditor) editor = load_guest ();
  g_autoptr(VdDomainEditor) reread = NULL;
  g_autoptr(GError) error = NULL;
  const char *id = nth_id (editor, VD_DEVICE_KIND_SHMEM, 0);
  g_autofree char *name = NULL, *model = NULL;
  guint64 size = 0;
  const char *strip[] = { "/domain/devices/shmem[1]/size", "/domain/devices/shmem[1]/@name", NULL };

  g_assert_true (vd_domain_editor_get_shmem (editor, id, &name, &size, &model));
  g_assert_cmpstr (name, ==, "one");
  g_assert_cmpuint (size, ==, 4);
  g_assert_cmpstr (model, ==, "ivshmem-doorbell");
  g_assert_true (vd_domain_editor_set_shmem (editor, id, "one", 4, "ivshmem-doorbell", &error));
  g_assert_no_error (error);
  g_assert_false (vd_domain_editor_is_dirty (editor));

  g_assert_false (vd_domain_editor_set_shmem (editor, id, "two", 4, "ivshmem-doorbell", &error));
  g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "two"));
  g_clear_error (&error);
  g_assert_false (vd_domain_editor_set_shmem (editor, id, "one", 6, "ivshmem-doorbell", &error));
  g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "power of two"));
  g_clear_error (&error);
  g_assert_false (vd_domain_editor_set_shmem (editor, id, "a b", 4, "ivshmem-doorbell", &error));
  g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (vd_domain_editor_is_dirty (editor));

  g_assert_true (vd_domain_editor_set_shmem (editor, id, "three", 32, "ivshmem-doorbell",
                                             &error));
  g_assert_no_error (error);
  reread = apply_and_check (editor, strip);
  g_clear_pointer (&name, g_free);
  g_assert_true (vd_domain_editor_get_shmem (reread, id, &name, &size, NULL));
  g_assert_cmpstr (name, ==, "three");
  g_assert_cmpuint (size, ==, 32);
}

/* Over the corpus: each of these devices set to its own values changes
 * nothing. */
static void
test_corpus_same_values (void)
{
  g_autoptr(GPtrArray) files = corpus_files ();
  guint seen[VD_DEVICE_KIND_OTHER + 1] = { 0 };

  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *xml = read_file (files->pdata[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(VdDomainEditor) editor = vd_domain_editor_new_from_xml (xml, &error);
      g_autoptr(GPtrArray) devices = NULL;

      g_assert_no_error (error);
      devices = vd_domain_editor_list_devices (editor);
      for (guint j = 0; j < devices->len; j++)
        {
          const char *id = vd_device_ref_get_id (devices->pdata[j]);
          VdDeviceKind kind = vd_device_ref_get_kind (devices->pdata[j]);
          g_autofree char *a = NULL, *b = NULL, *c = NULL;
          guint n = 0;
          guint64 size = 0;
          g_auto(VdFilesystem) fs = { 0 };
          gboolean ok = TRUE;

          switch ((int)kind)
            {
            case VD_DEVICE_KIND_CONTROLLER:
              vd_domain_editor_get_controller (editor, id, &a, &n, &b);
              ok = vd_domain_editor_set_controller_model (editor, id, b, &error);
              if (g_strcmp0 (a, "virtio-serial") == 0)
                ok = ok && vd_domain_editor_set_controller_ports (
                  editor, id, vd_domain_editor_get_controller_uint (editor, id, "ports"),
                  vd_domain_editor_get_controller_uint (editor, id, "vectors"), &error);
              break;
            case VD_DEVICE_KIND_FILESYSTEM:
              if (vd_domain_editor_get_filesystem (editor, id, &fs))
                ok = vd_domain_editor_set_filesystem (editor, id, &fs, &error);
              break;
            case VD_DEVICE_KIND_SMARTCARD:
              vd_domain_editor_get_smartcard (editor, id, &a, &b, &c, &n);
              ok = vd_domain_editor_set_smartcard (editor, id, a, b, c, n, &error);
              break;
            case VD_DEVICE_KIND_SHMEM:
              vd_domain_editor_get_shmem (editor, id, &a, &size, &b);
              ok = vd_domain_editor_set_shmem (editor, id, a, size, b, &error);
              break;
            default:
              continue;
            }
          if (!ok)
            g_error ("%s, %s: its own values refused: %s", (char *)files->pdata[i], id,
                     error->message);
          seen[kind]++;
        }
      if (vd_domain_editor_is_dirty (editor))
        g_error ("%s: setting its own values changed the XML", (char *)files->pdata[i]);
    }
  g_assert_cmpuint (seen[VD_DEVICE_KIND_CONTROLLER], >, 0);
  g_assert_cmpuint (seen[VD_DEVICE_KIND_FILESYSTEM], >, 0);
  g_assert_cmpuint (seen[VD_DEVICE_KIND_SMARTCARD], >, 0);
  g_assert_cmpuint (seen[VD_DEVICE_KIND_SHMEM], >, 0);
}

/* virtiofs needs shared memory: the Memory page's setter */
static void
test_shared_memory (void)
{
  g_autoptr(VdDomainEditor) editor = load_guest ();
  g_autoptr(VdDomainEditor) reread = NULL;
  g_autoptr(GError) error = NULL;
  const char *strip[] = { "/domain/memoryBacking", NULL };

  g_assert_false (vd_domain_editor_get_shared_memory (editor));
  g_assert_true (vd_domain_editor_set_shared_memory (editor, TRUE, &error));
  g_assert_no_error (error);
  reread = apply_and_check (editor, strip);
  g_assert_true (vd_domain_editor_get_shared_memory (reread));
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  virSetErrorFunc (NULL, quiet_libvirt_cb);
  test_conn = virConnectOpen ("test:///default");
  g_assert_nonnull (test_conn);

  g_test_add_func ("/domain-editor-hw/controller", test_controller);
  g_test_add_func ("/domain-editor-hw/controller-ports", test_controller_ports);
  g_test_add_func ("/domain-editor-hw/filesystem", test_filesystem);
  g_test_add_func ("/domain-editor-hw/unknown-kept", test_unknown_kept);
  g_test_add_func ("/domain-editor-hw/smartcard", test_smartcard);
  g_test_add_func ("/domain-editor-hw/shmem", test_shmem);
  g_test_add_func ("/domain-editor-hw/shared-memory", test_shared_memory);
  g_test_add_func ("/domain-editor-hw/corpus-same-values", test_corpus_same_values);

  ret = g_test_run ();
  virConnectClose (test_conn);

  return ret;
}
