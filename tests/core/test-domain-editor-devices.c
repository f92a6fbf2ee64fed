/* test-domain-editor-devices.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "vd-domain-editor.h"
#include "vd-domain-editor-devices.h"
#include "vd-error.h"
#include "../vd-test-util.h"
#include "domain-editor-test-util.h"
#include "domain-editor-chardev-edits.h"
#include "domain-editor-misc-edits.h"

/*
 * The device part of VdDomainEditor over the corpus in tests/data/domains:
 * the device list, every setter (each edit defined on test:///default and
 * read back; only the edited nodes may differ), every validation rule,
 * adding and removing, and applying to a running guest on the test driver
 * (tests/data/devices-live.xml).
 */

/* The position of device @id among the elements of its name, as XPath */
static char *
device_xpath (VdDomainEditor *editor,
              const char     *id)
{
  g_autoptr(GPtrArray) list = vd_domain_editor_list_devices (editor);
  const char *element = NULL;
  guint position = 0;

  for (guint i = 0; i < list->len; i++)
    if (g_strcmp0 (vd_device_ref_get_id (list->pdata[i]), id) == 0)
      element = vd_device_ref_get_element (list->pdata[i]);
  g_assert_nonnull (element);
  for (guint i = 0; i < list->len; i++)
    {
      if (strcmp (vd_device_ref_get_element (list->pdata[i]), element) == 0)
        position++;
      if (g_strcmp0 (vd_device_ref_get_id (list->pdata[i]), id) == 0)
        break;
    }

  return g_strdup_printf ("/domain/devices/%s[%u]", element, position);
}

static guint
count_devices_in_xml (const char *xml)
{
  xmlDoc *doc = parse_noblanks (xml);
  xmlXPathContext *ctx = xmlXPathNewContext (doc);
  xmlXPathObject *obj = xmlXPathEvalExpression (
    (const xmlChar *)"/domain/devices/*[name() != 'emulator']", ctx);
  guint n = obj->nodesetval != NULL ? (guint)obj->nodesetval->nodeNr : 0;

  xmlXPathFreeObject (obj);
  xmlXPathFreeContext (ctx);
  xmlFreeDoc (doc);

  return n;
}

static guint
xpath_count (const char *xml,
             const char *expression)
{
  xmlDoc *doc = parse_noblanks (xml);
  xmlXPathContext *ctx = xmlXPathNewContext (doc);
  xmlXPathObject *obj = xmlXPathEvalExpression ((const xmlChar *)expression, ctx);
  guint n = (guint)obj->floatval;

  xmlXPathFreeObject (obj);
  xmlXPathFreeContext (ctx);
  xmlFreeDoc (doc);

  return n;
}

static void
test_list (void)
{
  g_autoptr(GPtrArray) files = corpus_files ();
  guint kinds_seen[VD_DEVICE_KIND_OTHER + 1] = { 0 };

  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *text = read_file (files->pdata[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(VdDomainEditor) editor = vd_domain_editor_new_from_xml (text, &error);
      g_autoptr(GPtrArray) list = NULL;
      g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);

      g_assert_no_error (error);
      list = vd_domain_editor_list_devices (editor);
      g_assert_cmpuint (list->len, ==, count_devices_in_xml (text));
      for (guint k = 0; k < list->len; k++)
        {
          VdDeviceRef *ref = list->pdata[k];
          const char *element = vd_device_ref_get_element (ref);
          VdDeviceKind kind = vd_device_ref_get_kind (ref);
          g_autofree char *xml = vd_domain_editor_get_device_xml (editor,
                                                                  vd_device_ref_get_id (ref));
          g_autofree char *prefix = g_strdup_printf ("%s/", vd_device_kind_to_string (kind));

          g_assert_true (g_hash_table_add (ids, (gpointer)vd_device_ref_get_id (ref)));
          g_assert_true (g_str_has_prefix (vd_device_ref_get_id (ref), prefix));
          g_assert_cmpstr (vd_device_ref_get_label (ref), !=, "");
          g_assert_cmpint (vd_domain_editor_get_device_kind (editor, vd_device_ref_get_id (ref)),
                           ==, kind);
          g_assert_true (g_str_has_prefix (xml + 1, element));
          if (strcmp (element, "disk") == 0)
            g_assert_true (kind == VD_DEVICE_KIND_DISK ||
                           (kind == VD_DEVICE_KIND_CDROM && strstr (xml, "'cdrom'") == NULL &&
                            strstr (xml, "\"cdrom\"") != NULL) ||
                           (kind == VD_DEVICE_KIND_FLOPPY && strstr (xml, "\"floppy\"") != NULL));
          else if (kind != VD_DEVICE_KIND_OTHER)
            g_assert_cmpstr (element, ==, vd_device_kind_to_string (kind));
          else
            g_assert_true (g_strv_contains ((const char * const []){ "hub", "lease", "vsock",
                                                                     "redirfilter", "iommu",
                                                                     "crypto", "audio", NULL },
                                            element));
          kinds_seen[kind]++;

          /* the copy is the same */
          {
            g_autoptr(VdDeviceRef) copy = vd_device_ref_copy (ref);

            g_assert_cmpstr (vd_device_ref_get_id (copy), ==, vd_device_ref_get_id (ref));
            g_assert_cmpstr (vd_device_ref_get_label (copy), ==, vd_device_ref_get_label (ref));
          }
        }
      /* listing changes nothing */
      g_assert_false (vd_domain_editor_is_dirty (editor));
    }

  for (guint kind = 0; kind <= VD_DEVICE_KIND_OTHER; kind++)
    {
      g_test_message ("%s: %u devices", vd_device_kind_to_string (kind), kinds_seen[kind]);
      g_assert_cmpuint (kinds_seen[kind], >, 0);
    }
}

/* One file, exactly */
static void
test_list_labels (void)
{
  g_autofree char *path = g_build_filename (VD_TEST_DATA_DIR, "domains", "guest05.xml", NULL);
  g_autofree char *text = read_file (path);
  g_autoptr(VdDomainEditor) editor = vd_domain_editor_new_from_xml (text, NULL);
  g_autoptr(GPtrArray) list = vd_domain_editor_list_devices (editor);
  const char * const expected[][2] = {
    { "controller/0", "Controller usb 0" },
    { "interface/0", "NIC 52:54:00:4e:b8:a4" },
    { "interface/1", "NIC 52:54:00:e2:34:a7" },
    { "interface/2", "NIC 52:54:00:44:65:bc" },
    { "interface/3", "NIC 52:54:00:c2:e5:0a" },
    { "interface/4", "NIC 52:54:00:12:34:05" },
    { "graphics/0", "VNC display" },
    { "video/0", "Video qxl" },
    { "redirdev/0", "USB redirection" },
    { "rng/0", "Random number generator" },
  };

  g_assert_cmpuint (list->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < list->len; i++)
    {
      g_assert_cmpstr (vd_device_ref_get_id (list->pdata[i]), ==, expected[i][0]);
      g_assert_cmpstr (vd_device_ref_get_label (list->pdata[i]), ==, expected[i][1]);
    }
}

/* Ids name the same device through removals, additions and a revert */
static void
test_ids_stable (void)
{
  g_autofree char *path = g_build_filename (VD_TEST_DATA_DIR, "domains", "guest05.xml", NULL);
  g_autofree char *text = read_file (path);
  g_autoptr(VdDomainEditor) editor = vd_domain_editor_new_from_xml (text, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *mac = NULL;
  g_autofree char *added = NULL;
  g_autofree char *again = NULL;

  g_assert_true (vd_domain_editor_remove_device (editor, "interface/1", &error));
  g_assert_no_error (error);
  mac = vd_domain_editor_get_nic_mac (editor, "interface/2");
  g_assert_cmpstr (mac, ==, "52:54:00:44:65:bc");
  g_assert_null (vd_domain_editor_get_device_xml (editor, "interface/1"));
  added = vd_domain_editor_add_device_xml (editor,
                                           "<interface type='network'>"
                                           "<source network='default'/></interface>",
                                           &error);
  g_assert_no_error (error);
  g_assert_cmpstr (added, ==, "interface/5");
  g_assert_true (vd_domain_editor_remove_device (editor, added, &error));
  again = vd_domain_editor_add_device_xml (editor, "<interface type='user'/>", &error);
  g_assert_cmpstr (again, ==, "interface/6");
  vd_domain_editor_revert (editor);
  g_clear_pointer (&mac, g_free);
  mac = vd_domain_editor_get_nic_mac (editor, "interface/1");
  g_assert_cmpstr (mac, ==, "52:54:00:e2:34:a7");
  g_assert_null (vd_domain_editor_get_device_xml (editor, "interface/5"));
}

/* Every getter's value written back through its setter is no change. */
static void
same_values (VdDomainEditor *e,
             VdDeviceRef    *ref)
{
  const char *id = vd_device_ref_get_id (ref);
  g_autoptr(GError) error = NULL;

  switch (vd_device_ref_get_kind (ref))
    {
    case VD_DEVICE_KIND_DISK:
    case VD_DEVICE_KIND_CDROM:
    case VD_DEVICE_KIND_FLOPPY:
      {
        g_auto(VdDiskSource) source = { 0 };
        g_autofree char *bus = vd_domain_editor_get_disk_bus (e, id);
        g_autofree char *format = vd_domain_editor_get_disk_format (e, id);
        g_autofree char *cache = vd_domain_editor_get_disk_cache (e, id);
        g_autofree char *io = vd_domain_editor_get_disk_io (e, id);
        g_autofree char *discard = vd_domain_editor_get_disk_discard (e, id);
        g_autofree char *serial = vd_domain_editor_get_disk_serial (e, id);

        g_assert_true (vd_domain_editor_get_disk_source (e, id, &source));
        if (source.type != VD_DISK_SOURCE_OTHER &&
            !(source.type == VD_DISK_SOURCE_NETWORK && source.host == NULL))
          g_assert_true (vd_domain_editor_set_disk_source (e, id, &source, &error));
        g_assert_true (vd_domain_editor_set_disk_bus (e, id, bus, &error));
        g_assert_true (vd_domain_editor_set_disk_format (e, id, format, &error));
        g_assert_true (vd_domain_editor_set_disk_cache (e, id, cache, &error));
        g_assert_true (vd_domain_editor_set_disk_io (e, id, io, &error));
        g_assert_true (vd_domain_editor_set_disk_discard (e, id, discard, &error));
        g_assert_true (vd_domain_editor_set_disk_readonly (
          e, id, vd_domain_editor_get_disk_readonly (e, id), &error));
        g_assert_true (vd_domain_editor_set_disk_shareable (
          e, id, vd_domain_editor_get_disk_shareable (e, id), &error));
        if (vd_device_ref_get_kind (ref) == VD_DEVICE_KIND_DISK)
          g_assert_true (vd_domain_editor_set_disk_removable (
            e, id, vd_domain_editor_get_disk_removable (e, id), &error));
        g_assert_true (vd_domain_editor_set_disk_serial (e, id, serial, &error));
      }
      break;
    case VD_DEVICE_KIND_INTERFACE:
      {
        g_autofree char *type = NULL;
        g_autofree char *source = NULL;
        g_autofree char *mode = NULL;
        g_autofree char *model = vd_domain_editor_get_nic_model (e, id);
        g_autofree char *mac = vd_domain_editor_get_nic_mac (e, id);
        g_autofree char *portgroup = vd_domain_editor_get_nic_portgroup (e, id);
        guint64 average, peak, burst;

        g_assert_true (vd_domain_editor_get_nic_source (e, id, &type, &source, &mode));
        if (g_strv_contains ((const char * const []){ "network", "bridge", "direct", "user",
                                                      NULL }, type))
          g_assert_true (vd_domain_editor_set_nic_source (e, id, type, source, mode, &error));
        g_assert_true (vd_domain_editor_set_nic_model (e, id, model, &error));
        if (mac != NULL)
          g_assert_true (vd_domain_editor_set_nic_mac (e, id, mac, &error));
        g_assert_true (vd_domain_editor_set_nic_link_up (
          e, id, vd_domain_editor_get_nic_link_up (e, id), &error));
        g_assert_true (vd_domain_editor_set_nic_portgroup (e, id, portgroup, &error));
        g_assert_true (vd_domain_editor_set_nic_vlan (e, id, vd_domain_editor_get_nic_vlan (e, id),
                                                      &error));
        for (int in = 0; in < 2; in++)
          {
            vd_domain_editor_get_nic_bandwidth (e, id, in, &average, &peak, &burst);
            g_assert_true (vd_domain_editor_set_nic_bandwidth (e, id, in, average, peak, burst,
                                                               &error));
          }
      }
      break;
    case VD_DEVICE_KIND_GRAPHICS:
      {
        g_autofree char *type = vd_domain_editor_get_graphics_type (e, id);
        g_autofree char *keymap = vd_domain_editor_get_graphics_keymap (e, id);

        g_assert_true (vd_domain_editor_set_graphics_type (e, id, type, &error));
        g_assert_true (vd_domain_editor_set_graphics_port (
          e, id, vd_domain_editor_get_graphics_port (e, id), &error));
        g_assert_true (vd_domain_editor_set_graphics_keymap (e, id, keymap, &error));
        if (g_strcmp0 (type, "spice") == 0)
          g_assert_true (vd_domain_editor_set_graphics_gl (
            e, id, vd_domain_editor_get_graphics_gl (e, id), &error));
      }
      break;
    case VD_DEVICE_KIND_VIDEO:
      {
        g_autofree char *model = vd_domain_editor_get_video_model (e, id);

        g_assert_true (vd_domain_editor_set_video_model (e, id, model, &error));
        g_assert_true (vd_domain_editor_set_video_vram (
          e, id, vd_domain_editor_get_video_vram (e, id), &error));
        if (g_strcmp0 (model, "none") != 0)
          g_assert_true (vd_domain_editor_set_video_heads (
            e, id, vd_domain_editor_get_video_heads (e, id), &error));
        if (g_strcmp0 (model, "virtio") == 0)
          g_assert_true (vd_domain_editor_set_video_accel3d (
            e, id, vd_domain_editor_get_video_accel3d (e, id), &error));
      }
      break;
    case VD_DEVICE_KIND_INPUT:
      {
        g_autofree char *type = NULL;
        g_autofree char *bus = NULL;

        g_assert_true (vd_domain_editor_get_input (e, id, &type, &bus));
        g_assert_true (vd_domain_editor_set_input (e, id, type, bus, &error));
      }
      break;
    case VD_DEVICE_KIND_WATCHDOG:
      {
        g_autofree char *model = NULL;
        g_autofree char *action = NULL;

        g_assert_true (vd_domain_editor_get_watchdog (e, id, &model, &action));
        g_assert_true (vd_domain_editor_set_watchdog (e, id, model, action, &error));
      }
      break;
    case VD_DEVICE_KIND_MEMBALLOON:
      {
        g_autofree char *model = vd_domain_editor_get_memballoon_model (e, id);

        g_assert_true (vd_domain_editor_set_memballoon_model (e, id, model, &error));
      }
      break;
    case VD_DEVICE_KIND_RNG:
      {
        g_autofree char *model = NULL;
        g_autofree char *source = NULL;

        g_assert_true (vd_domain_editor_get_rng_backend (e, id, &model, &source));
        if (g_strcmp0 (model, "egd") != 0)
          g_assert_true (vd_domain_editor_set_rng_backend (e, id, model, source, &error));
      }
      break;
    case VD_DEVICE_KIND_SOUND:
    case VD_DEVICE_KIND_TPM:
    case VD_DEVICE_KIND_PANIC:
      g_assert_true (misc_same_values (e, ref));
      break;
    case VD_DEVICE_KIND_SERIAL:
    case VD_DEVICE_KIND_PARALLEL:
    case VD_DEVICE_KIND_CONSOLE:
    case VD_DEVICE_KIND_CHANNEL:
      g_assert_true (chardev_same_values (e, ref));
      break;
    case VD_DEVICE_KIND_HOSTDEV:
    case VD_DEVICE_KIND_REDIRDEV:
    case VD_DEVICE_KIND_CONTROLLER:
    case VD_DEVICE_KIND_SMARTCARD:
    case VD_DEVICE_KIND_FILESYSTEM:
    case VD_DEVICE_KIND_SHMEM:
    case VD_DEVICE_KIND_OTHER:
    default:
      break;
    }
  g_assert_no_error (error);
}

static void
test_same_values (void)
{
  g_autoptr(GPtrArray) files = corpus_files ();

  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *text = read_file (files->pdata[i]);
      g_autoptr(VdDomainEditor) editor = vd_domain_editor_new_from_xml (text, NULL);
      g_autoptr(GPtrArray) list = vd_domain_editor_list_devices (editor);
      g_autofree char *out = NULL;

      for (guint k = 0; k < list->len; k++)
        {
          same_values (editor, list->pdata[k]);
          if (vd_domain_editor_is_dirty (editor))
            {
              g_autofree char *xml = vd_domain_editor_get_xml (editor);

              g_error ("%s: writing back %s changed it:\n%s", (char *)files->pdata[i],
                       vd_device_ref_get_id (list->pdata[k]), xml);
            }
        }
      out = vd_domain_editor_get_xml (editor);
      g_assert_cmpstr (out, ==, text);
    }
}

/* Edits over the corpus */

typedef struct
{
  const char *name;
  VdDeviceKind kind;
  gboolean  (*applies) (VdDomainEditor *e, const char *id);
  gboolean  (*edit) (VdDomainEditor *e, const char *id, GError **error);
  void      (*check) (VdDomainEditor *reread, const char *id);
  const char *strip[5];   /* %s: the device's XPath */
  const char *reread_strip[5];   /* for libvirt's copy, when it differs */
} DevEdit;

static gboolean any (VdDomainEditor *e, const char *id) { return TRUE; }

static gboolean
has_source_type (VdDomainEditor   *e,
                 const char       *id,
                 VdDiskSourceType  type)
{
  g_auto(VdDiskSource) source = { 0 };

  return vd_domain_editor_get_disk_source (e, id, &source) && source.type == type;
}
static gboolean is_file_disk (VdDomainEditor *e, const char *id)
{
  return has_source_type (e, id, VD_DISK_SOURCE_FILE);
}
static gboolean is_lun (VdDomainEditor *e, const char *id)
{
  g_autofree char *xml = vd_domain_editor_get_device_xml (e, id);
  return strstr (xml, "device=\"lun\"") != NULL;
}
static gboolean not_other_source (VdDomainEditor *e, const char *id)
{
  return !has_source_type (e, id, VD_DISK_SOURCE_OTHER) && !is_lun (e, id);
}
static gboolean not_lun (VdDomainEditor *e, const char *id)
{
  return !is_lun (e, id);
}
static gboolean bad_lun_format (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_disk_format (e, id, "qcow2", error);
}
static gboolean bad_lun_file (VdDomainEditor *e, const char *id, GError **error)
{
  VdDiskSource source = { VD_DISK_SOURCE_FILE, .path = (char *)"/srv/x.img" };

  return vd_domain_editor_set_disk_source (e, id, &source, error);
}
static gboolean has_medium (VdDomainEditor *e, const char *id)
{
  return has_source_type (e, id, VD_DISK_SOURCE_FILE);
}
static gboolean no_medium (VdDomainEditor *e, const char *id)
{
  return has_source_type (e, id, VD_DISK_SOURCE_NONE);
}

static gboolean
edit_source_file (VdDomainEditor *e, const char *id, GError **error)
{
  VdDiskSource source = { VD_DISK_SOURCE_FILE, .path = (char *)"/srv/images/edited disk.qcow2" };

  return vd_domain_editor_set_disk_source (e, id, &source, error);
}
static void
check_source_file (VdDomainEditor *r, const char *id)
{
  g_auto(VdDiskSource) source = { 0 };

  g_assert_true (vd_domain_editor_get_disk_source (r, id, &source));
  g_assert_cmpint (source.type, ==, VD_DISK_SOURCE_FILE);
  g_assert_cmpstr (source.path, ==, "/srv/images/edited disk.qcow2");
}

static gboolean
edit_source_block (VdDomainEditor *e, const char *id, GError **error)
{
  VdDiskSource source = { VD_DISK_SOURCE_BLOCK, .path = (char *)"/dev/vg0/edited" };

  return vd_domain_editor_set_disk_source (e, id, &source, error);
}
static void
check_source_block (VdDomainEditor *r, const char *id)
{
  g_auto(VdDiskSource) source = { 0 };

  g_assert_true (vd_domain_editor_get_disk_source (r, id, &source));
  g_assert_cmpint (source.type, ==, VD_DISK_SOURCE_BLOCK);
  g_assert_cmpstr (source.path, ==, "/dev/vg0/edited");
}

static gboolean
edit_source_volume (VdDomainEditor *e, const char *id, GError **error)
{
  VdDiskSource source = { VD_DISK_SOURCE_VOLUME, .pool = (char *)"default",
                          .volume = (char *)"edited.qcow2" };

  return vd_domain_editor_set_disk_source (e, id, &source, error);
}
static void
check_source_volume (VdDomainEditor *r, const char *id)
{
  g_auto(VdDiskSource) source = { 0 };

  g_assert_true (vd_domain_editor_get_disk_source (r, id, &source));
  g_assert_cmpint (source.type, ==, VD_DISK_SOURCE_VOLUME);
  g_assert_cmpstr (source.pool, ==, "default");
  g_assert_cmpstr (source.volume, ==, "edited.qcow2");
}

static gboolean
edit_source_network (VdDomainEditor *e, const char *id, GError **error)
{
  VdDiskSource source = { VD_DISK_SOURCE_NETWORK, .protocol = (char *)"rbd",
                          .name = (char *)"pool/edited", .host = (char *)"ceph2.example.org",
                          .port = 6790 };

  return vd_domain_editor_set_disk_source (e, id, &source, error);
}
static void
check_source_network (VdDomainEditor *r, const char *id)
{
  g_auto(VdDiskSource) source = { 0 };

  g_assert_true (vd_domain_editor_get_disk_source (r, id, &source));
  g_assert_cmpint (source.type, ==, VD_DISK_SOURCE_NETWORK);
  g_assert_cmpstr (source.protocol, ==, "rbd");
  g_assert_cmpstr (source.name, ==, "pool/edited");
  g_assert_cmpstr (source.host, ==, "ceph2.example.org");
  g_assert_cmpuint (source.port, ==, 6790);
}

static gboolean
edit_eject (VdDomainEditor *e, const char *id, GError **error)
{
  VdDiskSource source = { VD_DISK_SOURCE_NONE };

  return vd_domain_editor_set_disk_source (e, id, &source, error);
}
static void
check_eject (VdDomainEditor *r, const char *id)
{
  g_auto(VdDiskSource) source = { 0 };

  g_assert_true (vd_domain_editor_get_disk_source (r, id, &source));
  g_assert_cmpint (source.type, ==, VD_DISK_SOURCE_NONE);
}

static gboolean
edit_insert (VdDomainEditor *e, const char *id, GError **error)
{
  VdDiskSource source = { VD_DISK_SOURCE_FILE, .path = (char *)"/srv/images/edited disk.qcow2" };

  return vd_domain_editor_set_disk_source (e, id, &source, error);
}

static gboolean virtio_options (VdDomainEditor *e, const char *id)
{
  g_autofree char *xml = vd_domain_editor_get_device_xml (e, id);
  return strstr (xml, "ioeventfd=") != NULL || strstr (xml, "event_idx=") != NULL ||
         strstr (xml, "iothread=") != NULL || strstr (xml, "queues=") != NULL;
}
static gboolean bus_virtio (VdDomainEditor *e, const char *id)
{
  g_autofree char *bus = vd_domain_editor_get_disk_bus (e, id);
  return g_strcmp0 (bus, "virtio") == 0 && !virtio_options (e, id);
}
static gboolean bad_virtio_only (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_disk_bus (e, id, "sata", error);
}
static char *edited_value;
static gboolean
edit_bus (VdDomainEditor *e, const char *id, GError **error)
{
  gboolean ok = vd_domain_editor_set_disk_bus (e, id, "sata", error);

  /* renamed after the bus */
  g_free (edited_value);
  edited_value = vd_domain_editor_get_disk_target (e, id);
  g_assert_true (g_str_has_prefix (edited_value, "sd"));

  return ok;
}
/* libvirt may have moved it among the disks: found by its target */
static void
check_bus (VdDomainEditor *r, const char *id)
{
  g_autoptr(GPtrArray) list = vd_domain_editor_list_devices (r);
  guint found = 0;

  for (guint i = 0; i < list->len; i++)
    {
      const char *other = vd_device_ref_get_id (list->pdata[i]);
      g_autofree char *target = vd_domain_editor_get_disk_target (r, other);
      g_autofree char *bus = vd_domain_editor_get_disk_bus (r, other);

      if (g_strcmp0 (target, edited_value) == 0)
        {
          g_assert_cmpstr (bus, ==, "sata");
          found++;
        }
    }
  g_assert_cmpuint (found, ==, 1);
}

static char *
toggled (char *old, const char *a, const char *b)
{
  g_autofree char *value = old;

  return g_strdup (g_strcmp0 (value, a) == 0 ? b : a);
}

static gboolean
edit_format (VdDomainEditor *e, const char *id, GError **error)
{
  g_autofree char *value = toggled (vd_domain_editor_get_disk_format (e, id), "qcow2", "raw");

  return vd_domain_editor_set_disk_format (e, id, value, error);
}
static gboolean
edit_cache (VdDomainEditor *e, const char *id, GError **error)
{
  g_autofree char *value = toggled (vd_domain_editor_get_disk_cache (e, id), "writeback",
                                    "none");

  return vd_domain_editor_set_disk_cache (e, id, value, error);
}
static gboolean
edit_io (VdDomainEditor *e, const char *id, GError **error)
{
  g_autofree char *value = toggled (vd_domain_editor_get_disk_io (e, id), "threads", "native");

  return vd_domain_editor_set_disk_io (e, id, value, error);
}
static gboolean
edit_discard (VdDomainEditor *e, const char *id, GError **error)
{
  g_autofree char *value = toggled (vd_domain_editor_get_disk_discard (e, id), "unmap",
                                    "ignore");

  return vd_domain_editor_set_disk_discard (e, id, value, error);
}
/* The reread's driver has the value the edited one had: checked by the
 * caller through the original editor; here libvirt's copy is read. */
static void
check_format (VdDomainEditor *r, const char *id)
{
  g_autofree char *value = vd_domain_editor_get_disk_format (r, id);
  g_assert_cmpstr (value, ==, edited_value);
}
static void
check_cache (VdDomainEditor *r, const char *id)
{
  g_autofree char *value = vd_domain_editor_get_disk_cache (r, id);
  g_assert_cmpstr (value, ==, edited_value);
}
static void
check_io (VdDomainEditor *r, const char *id)
{
  g_autofree char *value = vd_domain_editor_get_disk_io (r, id);
  g_assert_cmpstr (value, ==, edited_value);
}
static void
check_discard (VdDomainEditor *r, const char *id)
{
  g_autofree char *value = vd_domain_editor_get_disk_discard (r, id);
  g_assert_cmpstr (value, ==, edited_value);
}

static gboolean edited_flag;
static gboolean
edit_readonly (VdDomainEditor *e, const char *id, GError **error)
{
  edited_flag = !vd_domain_editor_get_disk_readonly (e, id);
  return vd_domain_editor_set_disk_readonly (e, id, edited_flag, error);
}
static void
check_readonly (VdDomainEditor *r, const char *id)
{
  g_assert_cmpint (vd_domain_editor_get_disk_readonly (r, id), ==, edited_flag);
}
static gboolean
edit_shareable (VdDomainEditor *e, const char *id, GError **error)
{
  edited_flag = !vd_domain_editor_get_disk_shareable (e, id);
  return vd_domain_editor_set_disk_shareable (e, id, edited_flag, error);
}
static void
check_shareable (VdDomainEditor *r, const char *id)
{
  g_assert_cmpint (vd_domain_editor_get_disk_shareable (r, id), ==, edited_flag);
}
static gboolean usb_disk (VdDomainEditor *e, const char *id)
{
  g_autofree char *bus = vd_domain_editor_get_disk_bus (e, id);
  return g_strcmp0 (bus, "usb") == 0;
}
static gboolean
edit_removable (VdDomainEditor *e, const char *id, GError **error)
{
  edited_flag = !vd_domain_editor_get_disk_removable (e, id);
  return vd_domain_editor_set_disk_removable (e, id, edited_flag, error);
}
static void
check_removable (VdDomainEditor *r, const char *id)
{
  g_assert_cmpint (vd_domain_editor_get_disk_removable (r, id), ==, edited_flag);
}
static gboolean
edit_serial (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_disk_serial (e, id, "VD-EDITED 1.0+x_y", error);
}
static void
check_serial (VdDomainEditor *r, const char *id)
{
  g_autofree char *serial = vd_domain_editor_get_disk_serial (r, id);
  g_assert_cmpstr (serial, ==, "VD-EDITED 1.0+x_y");
}

static gboolean nic_of_type (VdDomainEditor *e, const char *id, const char *want)
{
  g_autofree char *type = NULL;

  vd_domain_editor_get_nic_source (e, id, &type, NULL, NULL);
  return g_strcmp0 (type, want) == 0;
}
static gboolean network_nic (VdDomainEditor *e, const char *id)
{
  return nic_of_type (e, id, "network");
}
static gboolean has_floor (VdDomainEditor *e, const char *id)
{
  g_autofree char *xml = vd_domain_editor_get_device_xml (e, id);
  return strstr (xml, "floor=") != NULL;
}
static gboolean network_nic_no_floor (VdDomainEditor *e, const char *id)
{
  return network_nic (e, id) && !has_floor (e, id);
}
static gboolean has_filter (VdDomainEditor *e, const char *id)
{
  g_autofree char *xml = vd_domain_editor_get_device_xml (e, id);
  return strstr (xml, "<filterref") != NULL;
}
static gboolean network_nic_plain (VdDomainEditor *e, const char *id)
{
  return network_nic_no_floor (e, id) && !has_filter (e, id);
}
static gboolean bad_filter_direct (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_nic_source (e, id, "direct", "eth0", NULL, error);
}
static gboolean bad_floor_bridge (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_nic_source (e, id, "bridge", "br0", NULL, error);
}
static gboolean
edit_nic_bridge (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_nic_source (e, id, "bridge", "br-edited", NULL, error);
}
static void
check_nic_bridge (VdDomainEditor *r, const char *id)
{
  g_autofree char *type = NULL;
  g_autofree char *source = NULL;

  g_assert_true (vd_domain_editor_get_nic_source (r, id, &type, &source, NULL));
  g_assert_cmpstr (type, ==, "bridge");
  g_assert_cmpstr (source, ==, "br-edited");
}
static gboolean
edit_nic_direct (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_nic_source (e, id, "direct", "eth7", "passthrough", error);
}
static void
check_nic_direct (VdDomainEditor *r, const char *id)
{
  g_autofree char *type = NULL;
  g_autofree char *source = NULL;
  g_autofree char *mode = NULL;

  g_assert_true (vd_domain_editor_get_nic_source (r, id, &type, &source, &mode));
  g_assert_cmpstr (type, ==, "direct");
  g_assert_cmpstr (source, ==, "eth7");
  g_assert_cmpstr (mode, ==, "passthrough");
}
static gboolean bridge_nic (VdDomainEditor *e, const char *id)
{
  return nic_of_type (e, id, "bridge");
}
static gboolean
edit_nic_network (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_nic_source (e, id, "network", "default", NULL, error);
}
static void
check_nic_network (VdDomainEditor *r, const char *id)
{
  g_autofree char *type = NULL;
  g_autofree char *source = NULL;

  g_assert_true (vd_domain_editor_get_nic_source (r, id, &type, &source, NULL));
  g_assert_cmpstr (type, ==, "network");
  g_assert_cmpstr (source, ==, "default");
}
static gboolean nic_driver (VdDomainEditor *e, const char *id)
{
  g_autofree char *xml = vd_domain_editor_get_device_xml (e, id);
  return strstr (xml, "<driver") != NULL;
}
static gboolean not_vhostuser (VdDomainEditor *e, const char *id)
{
  return !nic_of_type (e, id, "vhostuser") && !nic_driver (e, id);
}
static gboolean vhostuser (VdDomainEditor *e, const char *id)
{
  return nic_of_type (e, id, "vhostuser");
}
static gboolean bad_vhostuser_model (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_nic_model (e, id, "e1000e", error);
}
static gboolean
edit_nic_model (VdDomainEditor *e, const char *id, GError **error)
{
  g_free (edited_value);
  edited_value = toggled (vd_domain_editor_get_nic_model (e, id), "e1000e", "virtio");
  return vd_domain_editor_set_nic_model (e, id, edited_value, error);
}
static void
check_nic_model (VdDomainEditor *r, const char *id)
{
  g_autofree char *model = vd_domain_editor_get_nic_model (r, id);
  g_assert_cmpstr (model, ==, edited_value);
}
static gboolean
edit_nic_mac (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_nic_mac (e, id, "52:54:00:AB:cd:EF", error);
}
static void
check_nic_mac (VdDomainEditor *r, const char *id)
{
  g_autofree char *mac = vd_domain_editor_get_nic_mac (r, id);
  g_assert_cmpstr (mac, ==, "52:54:00:ab:cd:ef");
}
static gboolean
edit_nic_link (VdDomainEditor *e, const char *id, GError **error)
{
  edited_flag = !vd_domain_editor_get_nic_link_up (e, id);
  return vd_domain_editor_set_nic_link_up (e, id, edited_flag, error);
}
static void
check_nic_link (VdDomainEditor *r, const char *id)
{
  g_assert_cmpint (vd_domain_editor_get_nic_link_up (r, id), ==, edited_flag);
}
static gboolean
edit_nic_portgroup (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_nic_portgroup (e, id, "engineering", error);
}
static void
check_nic_portgroup (VdDomainEditor *r, const char *id)
{
  g_autofree char *pg = vd_domain_editor_get_nic_portgroup (r, id);
  g_assert_cmpstr (pg, ==, "engineering");
}
static gboolean
edit_nic_vlan (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_nic_vlan (e, id, 4095, error);
}
static void
check_nic_vlan (VdDomainEditor *r, const char *id)
{
  g_assert_cmpint (vd_domain_editor_get_nic_vlan (r, id), ==, 4095);
}
static gboolean
edit_nic_bandwidth (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_nic_bandwidth (e, id, TRUE, 1000, 2000, 512, error) &&
         vd_domain_editor_set_nic_bandwidth (e, id, FALSE, 300, 0, 0, error);
}
static void
check_nic_bandwidth (VdDomainEditor *r, const char *id)
{
  guint64 a = 0, p = 0, b = 0;

  g_assert_true (vd_domain_editor_get_nic_bandwidth (r, id, TRUE, &a, &p, &b));
  g_assert_cmpuint (a * 1000000 + p * 1000 + b, ==, 1000ull * 1000000 + 2000 * 1000 + 512);
  g_assert_true (vd_domain_editor_get_nic_bandwidth (r, id, FALSE, &a, &p, &b));
  g_assert_cmpuint (a, ==, 300);
  g_assert_cmpuint (p + b, ==, 0);
}
static gboolean has_bandwidth (VdDomainEditor *e, const char *id)
{
  return vd_domain_editor_get_nic_bandwidth (e, id, TRUE, NULL, NULL, NULL);
}
static gboolean
edit_nic_no_bandwidth (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_nic_bandwidth (e, id, TRUE, 0, 0, 0, error) &&
         vd_domain_editor_set_nic_bandwidth (e, id, FALSE, 0, 0, 0, error);
}
static void
check_nic_no_bandwidth (VdDomainEditor *r, const char *id)
{
  guint64 a = 1, p = 1, b = 1;

  /* a floor (virtual networks) stays: it is not the limit */
  vd_domain_editor_get_nic_bandwidth (r, id, TRUE, &a, &p, &b);
  g_assert_cmpuint (a + p + b, ==, 0);
  g_assert_false (vd_domain_editor_get_nic_bandwidth (r, id, FALSE, NULL, NULL, NULL));
}

/* Graphics, video, input, watchdog, balloon, RNG */

static gboolean
graphics_of_type (VdDomainEditor *e, const char *id, const char *want)
{
  g_autofree char *type = vd_domain_editor_get_graphics_type (e, id);

  return g_strcmp0 (type, want) == 0;
}
static gboolean vnc (VdDomainEditor *e, const char *id) { return graphics_of_type (e, id, "vnc"); }
static gboolean spice (VdDomainEditor *e, const char *id)
{
  return graphics_of_type (e, id, "spice");
}
static gboolean vnc_or_spice (VdDomainEditor *e, const char *id)
{
  return vnc (e, id) || spice (e, id);
}
static gboolean
edit_graphics_type (VdDomainEditor *e, const char *id, GError **error)
{
  g_free (edited_value);
  edited_value = g_strdup (vnc (e, id) ? "spice" : "vnc");
  return vd_domain_editor_set_graphics_type (e, id, edited_value, error);
}
static void
check_graphics_type (VdDomainEditor *r, const char *id)
{
  g_autofree char *type = vd_domain_editor_get_graphics_type (r, id);
  g_assert_cmpstr (type, ==, edited_value);
}
static gboolean listen_not_all (VdDomainEditor *e, const char *id)
{
  g_autofree char *listen = vd_domain_editor_get_graphics_listen (e, id);
  return vnc_or_spice (e, id) && g_strcmp0 (listen, "0.0.0.0") != 0 &&
         !vd_domain_editor_get_graphics_gl (e, id);
}
static gboolean listen_not_none (VdDomainEditor *e, const char *id)
{
  g_autofree char *xml = vd_domain_editor_get_device_xml (e, id);
  return vnc_or_spice (e, id) && strstr (xml, "<listen type=\"none\"") == NULL;
}
static gboolean port_not_5942 (VdDomainEditor *e, const char *id)
{
  g_autofree char *xml = vd_domain_editor_get_device_xml (e, id);

  return vnc_or_spice (e, id) && vd_domain_editor_get_graphics_port (e, id) != 5942 &&
         strstr (xml, "<listen type=\"none\"") == NULL &&
         strstr (xml, "<listen type=\"socket\"") == NULL;
}
static gboolean keymap_not_de_ch (VdDomainEditor *e, const char *id)
{
  g_autofree char *keymap = vd_domain_editor_get_graphics_keymap (e, id);
  return vnc_or_spice (e, id) && g_strcmp0 (keymap, "de-ch") != 0;
}
static gboolean
edit_listen (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_graphics_listen (e, id, "0.0.0.0", error);
}
static void
check_listen (VdDomainEditor *r, const char *id)
{
  g_autofree char *listen = vd_domain_editor_get_graphics_listen (r, id);
  g_assert_cmpstr (listen, ==, "0.0.0.0");
}
static gboolean
edit_listen_none (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_graphics_listen (e, id, NULL, error);
}
static void
check_listen_none (VdDomainEditor *r, const char *id)
{
  g_autofree char *listen = vd_domain_editor_get_graphics_listen (r, id);
  g_assert_null (listen);
}
static gboolean listen_not_network (VdDomainEditor *e, const char *id)
{
  g_autofree char *type = vd_domain_editor_get_graphics_listen_type (e, id, NULL);
  return vnc_or_spice (e, id) && g_strcmp0 (type, "network") != 0 &&
         !vd_domain_editor_get_graphics_gl (e, id);
}
static gboolean
edit_listen_network (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_graphics_listen_type (e, id, "network", "default", error);
}
static void
check_listen_network (VdDomainEditor *r, const char *id)
{
  g_autofree char *value = NULL;
  g_autofree char *type = vd_domain_editor_get_graphics_listen_type (r, id, &value);
  g_autofree char *xml = vd_domain_editor_get_device_xml (r, id);
  g_autofree char *legacy = vd_domain_editor_get_graphics_listen (r, id);

  g_assert_cmpstr (type, ==, "network");
  g_assert_cmpstr (value, ==, "default");
  /* libvirt's inactive XML has no legacy listen= for a network */
  g_assert_null (strstr (xml, " listen=\""));
  g_assert_null (legacy);
}
static gboolean listen_not_socket (VdDomainEditor *e, const char *id)
{
  g_autofree char *type = vd_domain_editor_get_graphics_listen_type (e, id, NULL);
  return vnc_or_spice (e, id) && g_strcmp0 (type, "socket") != 0;
}
static gboolean
edit_listen_socket (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_graphics_listen_type (e, id, "socket", "/run/vd-test/display.sock",
                                                    error);
}
static void
check_listen_socket (VdDomainEditor *r, const char *id)
{
  g_autofree char *value = NULL;
  g_autofree char *type = vd_domain_editor_get_graphics_listen_type (r, id, &value);
  g_autofree char *xml = vd_domain_editor_get_device_xml (r, id);
  g_autofree char *display = vd_domain_editor_get_graphics_type (r, id);

  g_assert_cmpstr (type, ==, "socket");
  g_assert_cmpstr (value, ==, "/run/vd-test/display.sock");
  g_assert_null (strstr (xml, " listen=\""));
  /* libvirt writes a VNC socket's path as the legacy socket= too */
  if (g_strcmp0 (display, "vnc") == 0)
    g_assert_nonnull (strstr (xml, " socket=\"/run/vd-test/display.sock\""));
}
static gboolean
edit_listen_socket_auto (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_graphics_listen_type (e, id, "socket", NULL, error);
}
static void
check_listen_socket_auto (VdDomainEditor *r, const char *id)
{
  g_autofree char *value = NULL;
  g_autofree char *type = vd_domain_editor_get_graphics_listen_type (r, id, &value);

  g_assert_cmpstr (type, ==, "socket");
  g_assert_null (value);
}
static gboolean
edit_listen_address_type (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_graphics_listen_type (e, id, "address", "::", error);
}
static void
check_listen_address_type (VdDomainEditor *r, const char *id)
{
  g_autofree char *value = NULL;
  g_autofree char *type = vd_domain_editor_get_graphics_listen_type (r, id, &value);
  g_autofree char *legacy = vd_domain_editor_get_graphics_listen (r, id);

  g_assert_cmpstr (type, ==, "address");
  g_assert_cmpstr (value, ==, "::");
  /* and libvirt keeps the legacy attribute the same */
  g_assert_cmpstr (legacy, ==, "::");
}
static gboolean listen_not_any6 (VdDomainEditor *e, const char *id)
{
  g_autofree char *value = NULL;
  g_autofree char *type = vd_domain_editor_get_graphics_listen_type (e, id, &value);
  return vnc_or_spice (e, id) && g_strcmp0 (value, "::") != 0 &&
         !vd_domain_editor_get_graphics_gl (e, id);
}
static gboolean
edit_listen_none_type (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_graphics_listen_type (e, id, "none", NULL, error);
}
static void
check_listen_none_type (VdDomainEditor *r, const char *id)
{
  g_autofree char *value = NULL;
  g_autofree char *type = vd_domain_editor_get_graphics_listen_type (r, id, &value);
  g_autofree char *xml = vd_domain_editor_get_device_xml (r, id);

  g_assert_cmpstr (type, ==, "none");
  g_assert_null (value);
  g_assert_null (strstr (xml, " listen=\""));
  g_assert_null (strstr (xml, " socket=\""));
}
static gboolean
edit_port (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_graphics_port (e, id, 5942, error);
}
static void
check_port (VdDomainEditor *r, const char *id)
{
  g_assert_cmpint (vd_domain_editor_get_graphics_port (r, id), ==, 5942);
}
static gboolean fixed_port (VdDomainEditor *e, const char *id)
{
  return vnc_or_spice (e, id) && vd_domain_editor_get_graphics_port (e, id) != -1;
}
static gboolean
edit_autoport (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_graphics_port (e, id, -1, error);
}
static void
check_autoport (VdDomainEditor *r, const char *id)
{
  g_assert_cmpint (vd_domain_editor_get_graphics_port (r, id), ==, -1);
}
static gboolean
edit_keymap (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_graphics_keymap (e, id, "de-ch", error);
}
static void
check_keymap (VdDomainEditor *r, const char *id)
{
  g_autofree char *keymap = vd_domain_editor_get_graphics_keymap (r, id);
  g_assert_cmpstr (keymap, ==, "de-ch");
}
static gboolean
edit_gl (VdDomainEditor *e, const char *id, GError **error)
{
  edited_flag = !vd_domain_editor_get_graphics_gl (e, id);
  return vd_domain_editor_set_graphics_gl (e, id, edited_flag, error);
}
static void
check_gl (VdDomainEditor *r, const char *id)
{
  g_assert_cmpint (vd_domain_editor_get_graphics_gl (r, id), ==, edited_flag);
}
static gboolean
edit_password (VdDomainEditor *e, const char *id, GError **error)
{
  edited_flag = !vd_domain_editor_get_graphics_has_password (e, id);
  return vd_domain_editor_set_graphics_password (e, id, edited_flag ? "pa55 w0" : NULL, error);
}
static void
check_password (VdDomainEditor *r, const char *id)
{
  g_assert_cmpint (vd_domain_editor_get_graphics_has_password (r, id), ==, edited_flag);
}

static gboolean video_with_model (VdDomainEditor *e, const char *id)
{
  g_autofree char *model = vd_domain_editor_get_video_model (e, id);
  return model != NULL && strcmp (model, "none") != 0;
}
static gboolean
edit_video_model (VdDomainEditor *e, const char *id, GError **error)
{
  g_free (edited_value);
  edited_value = toggled (vd_domain_editor_get_video_model (e, id), "virtio", "vga");
  return vd_domain_editor_set_video_model (e, id, edited_value, error);
}
static void
check_video_model (VdDomainEditor *r, const char *id)
{
  g_autofree char *model = vd_domain_editor_get_video_model (r, id);
  g_assert_cmpstr (model, ==, edited_value);
}
static gboolean video_has_vram (VdDomainEditor *e, const char *id)
{
  g_autofree char *model = vd_domain_editor_get_video_model (e, id);
  return g_strcmp0 (model, "vga") == 0 || g_strcmp0 (model, "qxl") == 0;
}
static gboolean
edit_vram (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_video_vram (e, id, 32768, error);
}
static void
check_vram (VdDomainEditor *r, const char *id)
{
  g_assert_cmpuint (vd_domain_editor_get_video_vram (r, id), ==, 32768);
}
static gboolean
edit_heads (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_video_heads (e, id, 2, error);
}
static void
check_heads (VdDomainEditor *r, const char *id)
{
  g_assert_cmpuint (vd_domain_editor_get_video_heads (r, id), ==, 2);
}
static gboolean video_virtio (VdDomainEditor *e, const char *id)
{
  g_autofree char *model = vd_domain_editor_get_video_model (e, id);
  return g_strcmp0 (model, "virtio") == 0;
}
static gboolean
edit_accel3d (VdDomainEditor *e, const char *id, GError **error)
{
  edited_flag = !vd_domain_editor_get_video_accel3d (e, id);
  return vd_domain_editor_set_video_accel3d (e, id, edited_flag, error);
}
static void
check_accel3d (VdDomainEditor *r, const char *id)
{
  g_assert_cmpint (vd_domain_editor_get_video_accel3d (r, id), ==, edited_flag);
}

static gboolean not_ps2 (VdDomainEditor *e, const char *id)
{
  g_autofree char *type = NULL;
  g_autofree char *bus = NULL;

  vd_domain_editor_get_input (e, id, &type, &bus);
  return g_strcmp0 (bus, "ps2") != 0 &&
         g_strv_contains ((const char * const []){ "mouse", "tablet", "keyboard", NULL },
                          type != NULL ? type : "");
}
static gboolean
edit_input (VdDomainEditor *e, const char *id, GError **error)
{
  g_autofree char *bus = NULL;

  vd_domain_editor_get_input (e, id, NULL, &bus);
  g_free (edited_value);
  edited_value = toggled (g_steal_pointer (&bus), "usb", "virtio");
  return vd_domain_editor_set_input (e, id, "tablet", edited_value, error);
}
static void
check_input (VdDomainEditor *r, const char *id)
{
  g_autofree char *type = NULL;
  g_autofree char *bus = NULL;

  g_assert_true (vd_domain_editor_get_input (r, id, &type, &bus));
  g_assert_cmpstr (type, ==, "tablet");
  g_assert_cmpstr (bus, ==, edited_value);
}
static gboolean
edit_watchdog (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_watchdog (e, id, "ib700", "inject-nmi", error);
}
static void
check_watchdog (VdDomainEditor *r, const char *id)
{
  g_autofree char *model = NULL;
  g_autofree char *action = NULL;

  g_assert_true (vd_domain_editor_get_watchdog (r, id, &model, &action));
  g_assert_cmpstr (model, ==, "ib700");
  g_assert_cmpstr (action, ==, "inject-nmi");
}
static gboolean balloon_virtio (VdDomainEditor *e, const char *id)
{
  g_autofree char *model = vd_domain_editor_get_memballoon_model (e, id);
  return g_strcmp0 (model, "virtio") == 0;
}
static gboolean
edit_balloon (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_memballoon_model (e, id, "none", error);
}
static void
check_balloon (VdDomainEditor *r, const char *id)
{
  g_autofree char *model = vd_domain_editor_get_memballoon_model (r, id);
  g_assert_cmpstr (model, ==, "none");
}
static gboolean rng_random (VdDomainEditor *e, const char *id)
{
  g_autofree char *model = NULL;

  vd_domain_editor_get_rng_backend (e, id, &model, NULL);
  return g_strcmp0 (model, "random") == 0;
}
static gboolean rng_not_hwrng (VdDomainEditor *e, const char *id)
{
  g_autofree char *source = NULL;

  vd_domain_editor_get_rng_backend (e, id, NULL, &source);
  return rng_random (e, id) && g_strcmp0 (source, "/dev/hwrng") != 0;
}
static gboolean
edit_rng_source (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_rng_backend (e, id, "random", "/dev/hwrng", error);
}
static void
check_rng_source (VdDomainEditor *r, const char *id)
{
  g_autofree char *model = NULL;
  g_autofree char *source = NULL;

  g_assert_true (vd_domain_editor_get_rng_backend (r, id, &model, &source));
  g_assert_cmpstr (model, ==, "random");
  g_assert_cmpstr (source, ==, "/dev/hwrng");
}
static gboolean
edit_rng_builtin (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_rng_backend (e, id, "builtin", NULL, error);
}
static void
check_rng_builtin (VdDomainEditor *r, const char *id)
{
  g_autofree char *model = NULL;
  g_autofree char *source = NULL;

  g_assert_true (vd_domain_editor_get_rng_backend (r, id, &model, &source));
  g_assert_cmpstr (model, ==, "builtin");
  g_assert_null (source);
}

#define MORE_DEV_EDITS \
  { "graphics-type", VD_DEVICE_KIND_GRAPHICS, vnc_or_spice, edit_graphics_type, \
    check_graphics_type, { "%s" } }, \
  /* libvirt writes a SPICE display's autoport after its listen type */ \
  { "graphics-listen", VD_DEVICE_KIND_GRAPHICS, listen_not_all, edit_listen, check_listen, \
    { "%s/@listen", "%s/listen", "%s/@socket" }, { "/domain/devices/graphics" } }, \
  { "graphics-listen-none", VD_DEVICE_KIND_GRAPHICS, listen_not_none, edit_listen_none, \
    check_listen_none, { "%s/@listen", "%s/listen", "%s/@socket" }, \
    { "/domain/devices/graphics" } }, \
  { "graphics-listen-network", VD_DEVICE_KIND_GRAPHICS, listen_not_network, \
    edit_listen_network, check_listen_network, { "%s/@listen", "%s/listen", "%s/@socket" }, \
    { "/domain/devices/graphics" } }, \
  { "graphics-listen-socket", VD_DEVICE_KIND_GRAPHICS, listen_not_socket, edit_listen_socket, \
    check_listen_socket, { "%s/@listen", "%s/listen", "%s/@socket" }, \
    { "/domain/devices/graphics" } }, \
  { "graphics-listen-socket-auto", VD_DEVICE_KIND_GRAPHICS, listen_not_socket, \
    edit_listen_socket_auto, check_listen_socket_auto, \
    { "%s/@listen", "%s/listen", "%s/@socket" }, { "/domain/devices/graphics" } }, \
  { "graphics-listen-address", VD_DEVICE_KIND_GRAPHICS, listen_not_any6, \
    edit_listen_address_type, check_listen_address_type, \
    { "%s/@listen", "%s/listen", "%s/@socket" }, { "/domain/devices/graphics" } }, \
  { "graphics-listen-none-type", VD_DEVICE_KIND_GRAPHICS, listen_not_none, \
    edit_listen_none_type, check_listen_none_type, \
    { "%s/@listen", "%s/listen", "%s/@socket" }, { "/domain/devices/graphics" } }, \
  { "graphics-port", VD_DEVICE_KIND_GRAPHICS, port_not_5942, edit_port, check_port, \
    { "%s/@port", "%s/@autoport" } }, \
  { "graphics-autoport", VD_DEVICE_KIND_GRAPHICS, fixed_port, edit_autoport, check_autoport, \
    { "%s/@port", "%s/@autoport", "%s/@tlsPort" } }, \
  { "graphics-keymap", VD_DEVICE_KIND_GRAPHICS, keymap_not_de_ch, edit_keymap, check_keymap, \
    { "%s/@keymap" } }, \
  { "graphics-gl", VD_DEVICE_KIND_GRAPHICS, spice, edit_gl, check_gl, { "%s/gl" } }, \
  { "graphics-password", VD_DEVICE_KIND_GRAPHICS, vnc_or_spice, edit_password, \
    check_password, { "%s/@passwd" } }, \
  { "video-model", VD_DEVICE_KIND_VIDEO, video_with_model, edit_video_model, \
    check_video_model, { "%s/model" } }, \
  { "video-vram", VD_DEVICE_KIND_VIDEO, video_has_vram, edit_vram, check_vram, \
    { "%s/model/@vram" } }, \
  { "video-heads", VD_DEVICE_KIND_VIDEO, video_with_model, edit_heads, check_heads, \
    { "%s/model/@heads" } }, \
  { "video-accel3d", VD_DEVICE_KIND_VIDEO, video_virtio, edit_accel3d, check_accel3d, \
    { "%s/model/acceleration" } }, \
  { "input", VD_DEVICE_KIND_INPUT, not_ps2, edit_input, check_input, \
    { "%s/@type", "%s/@bus", "%s/address" } }, \
  { "watchdog", VD_DEVICE_KIND_WATCHDOG, any, edit_watchdog, check_watchdog, \
    { "%s/@model", "%s/@action", "%s/address" } }, \
  { "memballoon", VD_DEVICE_KIND_MEMBALLOON, balloon_virtio, edit_balloon, check_balloon, \
    { "%s/@model", "%s/stats", "%s/address" } }, \
  { "rng-source", VD_DEVICE_KIND_RNG, rng_not_hwrng, edit_rng_source, check_rng_source, \
    { "%s/backend" } }, \
  { "rng-builtin", VD_DEVICE_KIND_RNG, rng_random, edit_rng_builtin, check_rng_builtin, \
    { "%s/backend" } },

static gboolean bad_graphics_type (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_graphics_type (e, id, "rdp", error);
}
static gboolean bad_listen (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_graphics_listen (e, id, "localhost", error);
}
static gboolean bad_listen_network (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_graphics_listen_type (e, id, "network", NULL, error);
}
static gboolean bad_listen_network_name (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_graphics_listen_type (e, id, "network", "a/b", error);
}
static gboolean bad_listen_socket (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_graphics_listen_type (e, id, "socket", "run/display.sock", error);
}
static gboolean bad_listen_socket_long (VdDomainEditor *e, const char *id, GError **error)
{
  g_autofree char *tail = g_strnfill (120, 'x');
  g_autofree char *path = g_strconcat ("/run/", tail, NULL);

  return vd_domain_editor_set_graphics_listen_type (e, id, "socket", path, error);
}
static gboolean bad_listen_type (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_graphics_listen_type (e, id, "tcp", NULL, error);
}
static gboolean bad_listen_type_address (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_graphics_listen_type (e, id, "address", "host.example", error);
}
static gboolean bad_listen_network_gl (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_graphics_listen_type (e, id, "network", "default", error);
}
static gboolean gl_on (VdDomainEditor *e, const char *id)
{
  return vd_domain_editor_get_graphics_gl (e, id);
}
static gboolean bad_listen_gl (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_graphics_listen (e, id, "127.0.0.1", error);
}
static gboolean has_tls_port (VdDomainEditor *e, const char *id)
{
  g_autofree char *xml = vd_domain_editor_get_device_xml (e, id);
  return strstr (xml, "tlsPort=\"5931\"") != NULL;
}
static gboolean bad_tls_port (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_graphics_port (e, id, 5931, error);
}
static gboolean listen_none (VdDomainEditor *e, const char *id)
{
  g_autofree char *xml = vd_domain_editor_get_device_xml (e, id);
  return strstr (xml, "<listen type=\"none\"") != NULL;
}
static gboolean bad_port_no_listen (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_graphics_port (e, id, 5990, error);
}
static gboolean bad_port_low (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_graphics_port (e, id, 5899, error);
}
static gboolean bad_port_high (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_graphics_port (e, id, 65536, error);
}
static gboolean bad_keymap (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_graphics_keymap (e, id, "tlh", error);
}
static gboolean bad_gl_vnc (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_graphics_gl (e, id, TRUE, error);
}
static gboolean bad_vnc_password (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_graphics_password (e, id, "123456789", error);
}
static gboolean bad_password_control (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_graphics_password (e, id, "a\tb", error);
}
static gboolean bad_video_model (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_video_model (e, id, "voodoo", error);
}
static gboolean bad_vram_model (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_video_vram (e, id, 16384, error);
}
static gboolean bad_vram (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_video_vram (e, id, 1000, error);
}
static gboolean bad_heads (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_video_heads (e, id, 17, error);
}
static gboolean not_virtio_video (VdDomainEditor *e, const char *id)
{
  return !video_virtio (e, id);
}
static gboolean bad_accel (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_video_accel3d (e, id, TRUE, error);
}
static gboolean changeable_input (VdDomainEditor *e, const char *id)
{
  g_autofree char *type = NULL;

  vd_domain_editor_get_input (e, id, &type, NULL);
  return g_strv_contains ((const char * const []){ "mouse", "tablet", "keyboard", NULL },
                          type != NULL ? type : "");
}
static gboolean fixed_input (VdDomainEditor *e, const char *id)
{
  return !changeable_input (e, id);
}
static gboolean bad_input_type (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_input (e, id, "joystick", "usb", error);
}
static gboolean bad_input_bus (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_input (e, id, "mouse", "serial", error);
}
static gboolean bad_tablet_ps2 (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_input (e, id, "tablet", "ps2", error);
}
static gboolean bad_watchdog_model (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_watchdog (e, id, "cerberus", "reset", error);
}
static gboolean bad_watchdog_action (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_watchdog (e, id, "i6300esb", "explode", error);
}
static gboolean bad_balloon (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_memballoon_model (e, id, "xen-pv", error);
}
static gboolean bad_rng_model (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_rng_backend (e, id, "egd", NULL, error);
}
static gboolean bad_rng_builtin (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_rng_backend (e, id, "builtin", "/dev/random", error);
}
static gboolean bad_rng_source (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_rng_backend (e, id, "random", "/tmp/entropy", error);
}

#define MORE_BAD_DEV_EDITS \
  { "graphics-type", VD_DEVICE_KIND_GRAPHICS, any, bad_graphics_type, \
    VD_ERROR_INVALID_ARGUMENT, "“rdp” is not a kind of display" }, \
  { "listen", VD_DEVICE_KIND_GRAPHICS, any, bad_listen, VD_ERROR_INVALID_ARGUMENT, \
    "“localhost” is not an IP address" }, \
  { "listen-network", VD_DEVICE_KIND_GRAPHICS, any, bad_listen_network, \
    VD_ERROR_INVALID_ARGUMENT, "Choose the virtual network" }, \
  { "listen-network-name", VD_DEVICE_KIND_GRAPHICS, any, bad_listen_network_name, \
    VD_ERROR_INVALID_ARGUMENT, "“a/b” is not a virtual network’s name" }, \
  { "listen-socket", VD_DEVICE_KIND_GRAPHICS, any, bad_listen_socket, \
    VD_ERROR_INVALID_ARGUMENT, "starting with /" }, \
  { "listen-socket-long", VD_DEVICE_KIND_GRAPHICS, any, bad_listen_socket_long, \
    VD_ERROR_INVALID_ARGUMENT, "at most 107 bytes" }, \
  { "listen-type", VD_DEVICE_KIND_GRAPHICS, any, bad_listen_type, \
    VD_ERROR_INVALID_ARGUMENT, "“tcp” is not a way to listen" }, \
  { "listen-type-address", VD_DEVICE_KIND_GRAPHICS, any, bad_listen_type_address, \
    VD_ERROR_INVALID_ARGUMENT, "“host.example” is not an IP address" }, \
  { "listen-network-gl", VD_DEVICE_KIND_GRAPHICS, gl_on, bad_listen_network_gl, \
    VD_ERROR_INVALID_ARGUMENT, "takes local clients only" }, \
  { "listen-gl", VD_DEVICE_KIND_GRAPHICS, gl_on, bad_listen_gl, VD_ERROR_INVALID_ARGUMENT, \
    "takes local clients only" }, \
  { "tls-port", VD_DEVICE_KIND_GRAPHICS, has_tls_port, bad_tls_port, VD_ERROR_INVALID_ARGUMENT, \
    "Port 5931 is the display’s TLS port" }, \
  { "port-no-listen", VD_DEVICE_KIND_GRAPHICS, listen_none, bad_port_no_listen, \
    VD_ERROR_INVALID_ARGUMENT, "listens on no address has no port" }, \
  { "port-low", VD_DEVICE_KIND_GRAPHICS, any, bad_port_low, VD_ERROR_INVALID_ARGUMENT, \
    "between 5900 and 65535, not 5899" }, \
  { "port-high", VD_DEVICE_KIND_GRAPHICS, any, bad_port_high, VD_ERROR_INVALID_ARGUMENT, \
    "not 65536" }, \
  { "keymap", VD_DEVICE_KIND_GRAPHICS, any, bad_keymap, VD_ERROR_INVALID_ARGUMENT, \
    "“tlh” is not a keyboard layout" }, \
  { "gl-vnc", VD_DEVICE_KIND_GRAPHICS, vnc, bad_gl_vnc, VD_ERROR_NOT_SUPPORTED, \
    "Only a SPICE display can use OpenGL" }, \
  { "vnc-password", VD_DEVICE_KIND_GRAPHICS, vnc, bad_vnc_password, \
    VD_ERROR_INVALID_ARGUMENT, "at most 8 characters" }, \
  { "password-control", VD_DEVICE_KIND_GRAPHICS, any, bad_password_control, \
    VD_ERROR_INVALID_ARGUMENT, "control characters" }, \
  { "video-model", VD_DEVICE_KIND_VIDEO, any, bad_video_model, VD_ERROR_INVALID_ARGUMENT, \
    "“voodoo” is not a video model" }, \
  { "vram-model", VD_DEVICE_KIND_VIDEO, video_virtio, bad_vram_model, VD_ERROR_NOT_SUPPORTED, \
    "A virtio video card has no video memory setting" }, \
  { "vram", VD_DEVICE_KIND_VIDEO, video_has_vram, bad_vram, VD_ERROR_INVALID_ARGUMENT, \
    "not 1000 KiB" }, \
  { "heads", VD_DEVICE_KIND_VIDEO, any, bad_heads, VD_ERROR_INVALID_ARGUMENT, \
    "1 to 16 heads, not 17" }, \
  { "accel3d", VD_DEVICE_KIND_VIDEO, not_virtio_video, bad_accel, VD_ERROR_NOT_SUPPORTED, \
    "Only a virtio video card" }, \
  { "input-fixed", VD_DEVICE_KIND_INPUT, fixed_input, bad_input_bus, VD_ERROR_NOT_SUPPORTED, \
    "cannot be changed here" }, \
  { "input-type", VD_DEVICE_KIND_INPUT, changeable_input, bad_input_type, \
    VD_ERROR_INVALID_ARGUMENT, \
    "“joystick” is not a kind of input device" }, \
  { "input-bus", VD_DEVICE_KIND_INPUT, changeable_input, bad_input_bus, \
    VD_ERROR_INVALID_ARGUMENT, \
    "“serial” is not a bus for an input device" }, \
  { "tablet-ps2", VD_DEVICE_KIND_INPUT, changeable_input, bad_tablet_ps2, \
    VD_ERROR_INVALID_ARGUMENT, \
    "PS/2" }, \
  { "watchdog-model", VD_DEVICE_KIND_WATCHDOG, any, bad_watchdog_model, \
    VD_ERROR_INVALID_ARGUMENT, "“cerberus” is not a watchdog model" }, \
  { "watchdog-action", VD_DEVICE_KIND_WATCHDOG, any, bad_watchdog_action, \
    VD_ERROR_INVALID_ARGUMENT, "“explode” is not something a watchdog can do" }, \
  { "balloon", VD_DEVICE_KIND_MEMBALLOON, any, bad_balloon, VD_ERROR_INVALID_ARGUMENT, \
    "“xen-pv” is not a memory balloon model" }, \
  { "rng-model", VD_DEVICE_KIND_RNG, any, bad_rng_model, VD_ERROR_INVALID_ARGUMENT, \
    "“egd” is not a random number source" }, \
  { "rng-builtin", VD_DEVICE_KIND_RNG, any, bad_rng_builtin, VD_ERROR_INVALID_ARGUMENT, \
    "takes no host device" }, \
  { "rng-source", VD_DEVICE_KIND_RNG, any, bad_rng_source, VD_ERROR_INVALID_ARGUMENT, \
    "“/tmp/entropy” is not a host device under /dev" },

static const DevEdit dev_edits[] = {
  { "disk-source-file", VD_DEVICE_KIND_DISK, is_file_disk, edit_source_file, check_source_file,
    { "%s/source" } },
  { "disk-source-block", VD_DEVICE_KIND_DISK, not_other_source, edit_source_block,
    check_source_block, { "%s/@type", "%s/source" } },
  { "disk-source-volume", VD_DEVICE_KIND_DISK, not_other_source, edit_source_volume,
    check_source_volume, { "%s/@type", "%s/source" } },
  { "disk-source-network", VD_DEVICE_KIND_DISK, not_other_source, edit_source_network,
    check_source_network, { "%s/@type", "%s/source" } },
  { "cdrom-eject", VD_DEVICE_KIND_CDROM, has_medium, edit_eject, check_eject,
    { "%s/source" } },
  { "cdrom-insert", VD_DEVICE_KIND_CDROM, no_medium, edit_insert, check_source_file,
    { "%s/source" } },
  { "floppy-eject", VD_DEVICE_KIND_FLOPPY, has_medium, edit_eject, check_eject,
    { "%s/source" } },
  /* libvirt sorts disks by bus: its copy is compared without them */
  { "disk-bus", VD_DEVICE_KIND_DISK, bus_virtio, edit_bus, check_bus,
    { "%s/target", "%s/address" },
    { "/domain/devices/disk", "/domain/devices/controller" } },
  { "disk-format", VD_DEVICE_KIND_DISK, not_lun, edit_format, check_format, { "%s/driver" } },
  { "disk-cache", VD_DEVICE_KIND_DISK, any, edit_cache, check_cache, { "%s/driver" } },
  { "disk-io", VD_DEVICE_KIND_DISK, any, edit_io, check_io, { "%s/driver" } },
  { "disk-discard", VD_DEVICE_KIND_DISK, any, edit_discard, check_discard, { "%s/driver" } },
  { "disk-readonly", VD_DEVICE_KIND_DISK, any, edit_readonly, check_readonly,
    { "%s/readonly" } },
  { "disk-shareable", VD_DEVICE_KIND_DISK, any, edit_shareable, check_shareable,
    { "%s/shareable" } },
  { "disk-removable", VD_DEVICE_KIND_DISK, usb_disk, edit_removable, check_removable,
    { "%s/target/@removable" } },
  { "disk-serial", VD_DEVICE_KIND_DISK, any, edit_serial, check_serial, { "%s/serial" } },
  { "cdrom-serial", VD_DEVICE_KIND_CDROM, any, edit_serial, check_serial, { "%s/serial" } },
  { "nic-bridge", VD_DEVICE_KIND_INTERFACE, network_nic_no_floor, edit_nic_bridge, check_nic_bridge,
    { "%s/@type", "%s/source" } },
  { "nic-direct", VD_DEVICE_KIND_INTERFACE, network_nic_plain, edit_nic_direct, check_nic_direct,
    { "%s/@type", "%s/source" } },
  { "nic-network", VD_DEVICE_KIND_INTERFACE, bridge_nic, edit_nic_network, check_nic_network,
    { "%s/@type", "%s/source" } },
  { "nic-model", VD_DEVICE_KIND_INTERFACE, not_vhostuser, edit_nic_model, check_nic_model,
    { "%s/model" } },
  { "nic-mac", VD_DEVICE_KIND_INTERFACE, any, edit_nic_mac, check_nic_mac, { "%s/mac" } },
  { "nic-link", VD_DEVICE_KIND_INTERFACE, any, edit_nic_link, check_nic_link, { "%s/link" } },
  { "nic-portgroup", VD_DEVICE_KIND_INTERFACE, network_nic, edit_nic_portgroup,
    check_nic_portgroup, { "%s/source/@portgroup" } },
  { "nic-vlan", VD_DEVICE_KIND_INTERFACE, any, edit_nic_vlan, check_nic_vlan, { "%s/vlan" } },
  { "nic-bandwidth", VD_DEVICE_KIND_INTERFACE, any, edit_nic_bandwidth, check_nic_bandwidth,
    { "%s/bandwidth" } },
  { "nic-no-bandwidth", VD_DEVICE_KIND_INTERFACE, has_bandwidth, edit_nic_no_bandwidth,
    check_nic_no_bandwidth, { "%s/bandwidth" } },
  MORE_DEV_EDITS
  MISC_DEV_EDITS
  CHAR_DEV_EDITS
};

static void
test_edits (void)
{
  g_autoptr(GPtrArray) files = corpus_files ();
  guint done[G_N_ELEMENTS (dev_edits)] = { 0 };

  for (guint i = 0; i < files->len; i++)
    {
      const char *file = files->pdata[i];
      g_autofree char *text = read_file (file);

      for (guint k = 0; k < G_N_ELEMENTS (dev_edits); k++)
        {
          const DevEdit *edit = &dev_edits[k];
          g_autoptr(GError) error = NULL;
          g_autoptr(VdDomainEditor) editor = vd_domain_editor_new_from_xml (text, &error);
          g_autoptr(VdDomainEditor) reread_editor = NULL;
          g_autoptr(GPtrArray) list = vd_domain_editor_list_devices (editor);
          g_autofree char *out = NULL;
          g_autofree char *message = NULL;
          g_autofree char *reread = NULL;
          g_autofree char *xpath = NULL;
          g_autofree char *reverted = NULL;
          char *strip[G_N_ELEMENTS (edit->strip) + 1] = { NULL };
          const char *id = NULL;

          /* the first device of the kind on which the edit is a change
           * (a value it already has is no edit) */
          for (guint d = 0; d < list->len && id == NULL; d++)
            if (vd_device_ref_get_kind (list->pdata[d]) == edit->kind &&
                edit->applies (editor, vd_device_ref_get_id (list->pdata[d])))
              {
                g_autoptr(VdDomainEditor) scratch = vd_domain_editor_new_from_xml (text, NULL);

                if (edit->edit (scratch, vd_device_ref_get_id (list->pdata[d]), NULL) &&
                    vd_domain_editor_is_dirty (scratch))
                  id = vd_device_ref_get_id (list->pdata[d]);
              }
          if (id == NULL)
            continue;

          if (!edit->edit (editor, id, &error))
            g_error ("%s: edit %s of %s refused: %s", file, edit->name, id, error->message);
          if (!vd_domain_editor_is_dirty (editor))
            g_error ("%s: edit %s of %s is no change", file, edit->name, id);
          /* the value the edit wrote, for the checks that compare */
          if (g_str_has_prefix (edit->name, "disk-") && g_str_has_suffix (edit->name, "format"))
            {
              g_free (edited_value);
              edited_value = vd_domain_editor_get_disk_format (editor, id);
            }
          else if (strcmp (edit->name, "disk-cache") == 0)
            {
              g_free (edited_value);
              edited_value = vd_domain_editor_get_disk_cache (editor, id);
            }
          else if (strcmp (edit->name, "disk-io") == 0)
            {
              g_free (edited_value);
              edited_value = vd_domain_editor_get_disk_io (editor, id);
            }
          else if (strcmp (edit->name, "disk-discard") == 0)
            {
              g_free (edited_value);
              edited_value = vd_domain_editor_get_disk_discard (editor, id);
            }

          xpath = device_xpath (editor, id);
          for (guint s = 0; s < G_N_ELEMENTS (edit->strip) && edit->strip[s] != NULL; s++)
            {
              g_auto(GStrv) parts = g_strsplit (edit->strip[s], "%s", -1);

              strip[s] = g_strjoinv (xpath, parts);
            }
          out = vd_domain_editor_get_xml (editor);
          assert_only_differs_in (file, text, out, (const char * const *)strip);

          reread = define_and_read (out, &message);
          if (reread == NULL)
            g_error ("%s: libvirt refused edit %s: %s\n%s", file, edit->name, message, out);
          if (edit->reread_strip[0] != NULL)
            assert_only_differs_in (file, text, reread, edit->reread_strip);
          else
            assert_only_differs_in (file, text, reread, (const char * const *)strip);
          reread_editor = vd_domain_editor_new_from_xml (reread, &error);
          g_assert_no_error (error);
          edit->check (reread_editor, id);
          done[k]++;

          vd_domain_editor_revert (editor);
          reverted = vd_domain_editor_get_xml (editor);
          g_assert_cmpstr (reverted, ==, text);
          for (guint s = 0; strip[s] != NULL; s++)
            g_free (strip[s]);
        }

      g_free (define_and_read (text, NULL));
    }

  for (guint k = 0; k < G_N_ELEMENTS (dev_edits); k++)
    {
      g_test_message ("edit %s: %u files", dev_edits[k].name, done[k]);
      g_assert_cmpuint (done[k], >=, 1);
    }
  g_clear_pointer (&edited_value, g_free);
}

/* Refusals */

typedef struct
{
  const char *name;
  VdDeviceKind kind;
  gboolean  (*applies) (VdDomainEditor *e, const char *id);
  gboolean  (*edit) (VdDomainEditor *e, const char *id, GError **error);
  int         code;
  const char *message;
} BadDevEdit;

#define BAD_DISK_SOURCE(fn, ...)                                            \
  static gboolean fn (VdDomainEditor *e, const char *id, GError **error)    \
  {                                                                         \
    VdDiskSource source = { __VA_ARGS__ };                                  \
    return vd_domain_editor_set_disk_source (e, id, &source, error);        \
  }

BAD_DISK_SOURCE (bad_relative, VD_DISK_SOURCE_FILE, .path = (char *)"images/x.qcow2")
BAD_DISK_SOURCE (bad_empty_path, VD_DISK_SOURCE_BLOCK, .path = (char *)"")
BAD_DISK_SOURCE (bad_control, VD_DISK_SOURCE_FILE, .path = (char *)"/srv/a\nb")
BAD_DISK_SOURCE (bad_empty_disk, VD_DISK_SOURCE_NONE)
BAD_DISK_SOURCE (bad_pool, VD_DISK_SOURCE_VOLUME, .pool = (char *)"a/b", .volume = (char *)"v")
BAD_DISK_SOURCE (bad_volume, VD_DISK_SOURCE_VOLUME, .pool = (char *)"p", .volume = (char *)"")
BAD_DISK_SOURCE (bad_protocol, VD_DISK_SOURCE_NETWORK, .protocol = (char *)"smb",
                 .name = (char *)"x", .host = (char *)"h")
BAD_DISK_SOURCE (bad_net_name, VD_DISK_SOURCE_NETWORK, .protocol = (char *)"rbd",
                 .host = (char *)"h")
BAD_DISK_SOURCE (bad_host, VD_DISK_SOURCE_NETWORK, .protocol = (char *)"nbd",
                 .host = (char *)"bad host!")
BAD_DISK_SOURCE (bad_port, VD_DISK_SOURCE_NETWORK, .protocol = (char *)"nbd",
                 .host = (char *)"10.0.0.1", .port = 70000)
BAD_DISK_SOURCE (bad_other, VD_DISK_SOURCE_OTHER)

static gboolean bad_disk_bus (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_disk_bus (e, id, "pcie", error);
}
static gboolean bad_cdrom_bus (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_disk_bus (e, id, "virtio", error);
}
static gboolean bad_floppy_bus (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_disk_bus (e, id, "sata", error);
}
static gboolean bad_format (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_disk_format (e, id, "qcow3", error);
}
static gboolean bad_cache (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_disk_cache (e, id, "always", error);
}
static gboolean bad_io (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_disk_io (e, id, "async", error);
}
static gboolean bad_discard (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_disk_discard (e, id, "trim", error);
}
static gboolean bad_cdrom_rw (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_disk_readonly (e, id, FALSE, error);
}
static gboolean not_usb_scsi (VdDomainEditor *e, const char *id)
{
  g_autofree char *bus = vd_domain_editor_get_disk_bus (e, id);
  return g_strcmp0 (bus, "usb") != 0 && g_strcmp0 (bus, "scsi") != 0;
}
static gboolean bad_removable (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_disk_removable (e, id, TRUE, error);
}
static gboolean bad_serial (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_disk_serial (e, id, "a/b", error);
}
static gboolean bad_serial_long (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_disk_serial (e, id, "0123456789012345678901234567890123456", error);
}
static gboolean bad_nic_type (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_nic_source (e, id, "vde", "x", NULL, error);
}
static gboolean bad_nic_network (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_nic_source (e, id, "network", "", NULL, error);
}
static gboolean bad_nic_bridge (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_nic_source (e, id, "bridge", "br 0", NULL, error);
}
static gboolean bad_nic_mode (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_nic_source (e, id, "direct", "eth0", "hairpin", error);
}
static gboolean bad_nic_model (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_nic_model (e, id, "virtio-net-pci-9000", error);
}
static gboolean bad_mac_format (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_nic_mac (e, id, "52:54:00:12:34", error);
}
static gboolean bad_mac_hex (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_nic_mac (e, id, "52:54:00:12:34:zz", error);
}
static gboolean bad_mac_multicast (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_nic_mac (e, id, "01:00:5e:00:00:01", error);
}
static gboolean bad_mac_zero (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_nic_mac (e, id, "00:00:00:00:00:00", error);
}
static gboolean not_network_nic (VdDomainEditor *e, const char *id)
{
  return !network_nic (e, id);
}
static gboolean bad_portgroup_type (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_nic_portgroup (e, id, "pg", error);
}
static gboolean bad_portgroup (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_nic_portgroup (e, id, "a b", error);
}
static gboolean bad_vlan (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_nic_vlan (e, id, 4096, error);
}
static gboolean bad_vlan_negative (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_nic_vlan (e, id, -2, error);
}
static gboolean bad_bandwidth_average (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_nic_bandwidth (e, id, TRUE, 0, 100, 0, error);
}
static gboolean bad_bandwidth_peak (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_nic_bandwidth (e, id, FALSE, 1000, 10, 0, error);
}
static gboolean bad_bandwidth_big (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_nic_bandwidth (e, id, TRUE, 1ull << 33, 0, 0, error);
}
static gboolean bad_wrong_kind (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_nic_model (e, id, "virtio", error);
}
static gboolean bad_no_device (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_disk_cache (e, "disk/99", "none", error);
}
static gboolean bad_remove_other (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_remove_device (e, id, error);
}

static const BadDevEdit bad_dev_edits[] = {
  { "relative", VD_DEVICE_KIND_DISK, any, bad_relative, VD_ERROR_INVALID_ARGUMENT,
    "“images/x.qcow2” is not an absolute path" },
  { "empty-path", VD_DEVICE_KIND_DISK, any, bad_empty_path, VD_ERROR_INVALID_ARGUMENT,
    "Enter the path" },
  { "control", VD_DEVICE_KIND_CDROM, any, bad_control, VD_ERROR_INVALID_ARGUMENT,
    "control characters" },
  { "empty-disk", VD_DEVICE_KIND_DISK, any, bad_empty_disk, VD_ERROR_INVALID_ARGUMENT,
    "Only a CD-ROM or a floppy can be empty" },
  { "pool", VD_DEVICE_KIND_DISK, any, bad_pool, VD_ERROR_INVALID_ARGUMENT,
    "“a/b” is not a storage pool name" },
  { "volume", VD_DEVICE_KIND_DISK, any, bad_volume, VD_ERROR_INVALID_ARGUMENT,
    "is not a volume name" },
  { "protocol", VD_DEVICE_KIND_DISK, any, bad_protocol, VD_ERROR_INVALID_ARGUMENT,
    "“smb” is not a network disk protocol" },
  { "net-name", VD_DEVICE_KIND_DISK, any, bad_net_name, VD_ERROR_INVALID_ARGUMENT,
    "name of the image" },
  { "host", VD_DEVICE_KIND_DISK, any, bad_host, VD_ERROR_INVALID_ARGUMENT,
    "“bad host!” is not a host name" },
  { "port", VD_DEVICE_KIND_DISK, any, bad_port, VD_ERROR_INVALID_ARGUMENT,
    "Port 70000 is not between 1 and 65535" },
  { "other-source", VD_DEVICE_KIND_DISK, any, bad_other, VD_ERROR_NOT_SUPPORTED,
    "cannot be set here" },
  { "disk-bus", VD_DEVICE_KIND_DISK, any, bad_disk_bus, VD_ERROR_INVALID_ARGUMENT,
    "“pcie” is not a bus for a disk" },
  { "cdrom-bus", VD_DEVICE_KIND_CDROM, any, bad_cdrom_bus, VD_ERROR_INVALID_ARGUMENT,
    "“virtio” is not a bus for a CD-ROM" },
  { "floppy-bus", VD_DEVICE_KIND_FLOPPY, any, bad_floppy_bus, VD_ERROR_INVALID_ARGUMENT,
    "“sata” is not a bus for a floppy" },
  { "virtio-only", VD_DEVICE_KIND_DISK, virtio_options, bad_virtio_only, VD_ERROR_NOT_SUPPORTED,
    "which only a virtio disk has" },
  { "lun-file", VD_DEVICE_KIND_DISK, is_lun, bad_lun_file, VD_ERROR_INVALID_ARGUMENT,
    "A LUN is a host block device or an iSCSI LUN" },
  { "lun-format", VD_DEVICE_KIND_DISK, is_lun, bad_lun_format, VD_ERROR_INVALID_ARGUMENT,
    "A LUN is always raw" },
  { "format", VD_DEVICE_KIND_DISK, any, bad_format, VD_ERROR_INVALID_ARGUMENT,
    "“qcow3” is not a disk format" },
  { "cache", VD_DEVICE_KIND_DISK, any, bad_cache, VD_ERROR_INVALID_ARGUMENT,
    "“always” is not a cache mode" },
  { "io", VD_DEVICE_KIND_DISK, any, bad_io, VD_ERROR_INVALID_ARGUMENT,
    "“async” is not an I/O mode" },
  { "discard", VD_DEVICE_KIND_DISK, any, bad_discard, VD_ERROR_INVALID_ARGUMENT,
    "“trim” is not a discard mode" },
  { "cdrom-rw", VD_DEVICE_KIND_CDROM, any, bad_cdrom_rw, VD_ERROR_INVALID_ARGUMENT,
    "always read-only" },
  { "removable", VD_DEVICE_KIND_DISK, not_usb_scsi, bad_removable, VD_ERROR_INVALID_ARGUMENT,
    "Only a USB or SCSI disk" },
  { "serial", VD_DEVICE_KIND_DISK, any, bad_serial, VD_ERROR_INVALID_ARGUMENT, "not “/”" },
  { "serial-long", VD_DEVICE_KIND_DISK, any, bad_serial_long, VD_ERROR_INVALID_ARGUMENT,
    "at most 36" },
  { "nic-type", VD_DEVICE_KIND_INTERFACE, any, bad_nic_type, VD_ERROR_INVALID_ARGUMENT,
    "“vde” is not a kind of network connection" },
  { "nic-network", VD_DEVICE_KIND_INTERFACE, any, bad_nic_network, VD_ERROR_INVALID_ARGUMENT,
    "is not a virtual network name" },
  { "nic-bridge", VD_DEVICE_KIND_INTERFACE, any, bad_nic_bridge, VD_ERROR_INVALID_ARGUMENT,
    "“br 0” is not a bridge name" },
  { "nic-mode", VD_DEVICE_KIND_INTERFACE, any, bad_nic_mode, VD_ERROR_INVALID_ARGUMENT,
    "“hairpin” is not a mode" },
  { "nic-model", VD_DEVICE_KIND_INTERFACE, any, bad_nic_model, VD_ERROR_INVALID_ARGUMENT,
    "is not a network card model" },
  { "floor-bridge", VD_DEVICE_KIND_INTERFACE, has_floor, bad_floor_bridge,
    VD_ERROR_NOT_SUPPORTED, "An inbound floor works on a virtual network only" },
  { "filter-direct", VD_DEVICE_KIND_INTERFACE, has_filter, bad_filter_direct,
    VD_ERROR_NOT_SUPPORTED, "remove the filter first" },
  { "nic-driver-model", VD_DEVICE_KIND_INTERFACE, nic_driver, bad_vhostuser_model,
    VD_ERROR_NOT_SUPPORTED, "are for virtio only" },
  { "vhostuser-model", VD_DEVICE_KIND_INTERFACE, vhostuser, bad_vhostuser_model,
    VD_ERROR_INVALID_ARGUMENT, "A vhost-user NIC needs a virtio model" },
  { "mac-format", VD_DEVICE_KIND_INTERFACE, any, bad_mac_format, VD_ERROR_INVALID_ARGUMENT,
    "“52:54:00:12:34” is not a MAC address" },
  { "mac-hex", VD_DEVICE_KIND_INTERFACE, any, bad_mac_hex, VD_ERROR_INVALID_ARGUMENT,
    "is not a MAC address" },
  { "mac-multicast", VD_DEVICE_KIND_INTERFACE, any, bad_mac_multicast,
    VD_ERROR_INVALID_ARGUMENT, "01:00:5e:00:00:01 is a multicast address" },
  { "mac-zero", VD_DEVICE_KIND_INTERFACE, any, bad_mac_zero, VD_ERROR_INVALID_ARGUMENT,
    "all zeros" },
  { "portgroup-type", VD_DEVICE_KIND_INTERFACE, not_network_nic, bad_portgroup_type,
    VD_ERROR_INVALID_ARGUMENT, "Only a NIC on a virtual network" },
  { "portgroup", VD_DEVICE_KIND_INTERFACE, network_nic, bad_portgroup,
    VD_ERROR_INVALID_ARGUMENT, "“a b” is not a port group name" },
  { "vlan", VD_DEVICE_KIND_INTERFACE, any, bad_vlan, VD_ERROR_INVALID_ARGUMENT,
    "from 0 to 4095, not 4096" },
  { "vlan-negative", VD_DEVICE_KIND_INTERFACE, any, bad_vlan_negative,
    VD_ERROR_INVALID_ARGUMENT, "not -2" },
  { "bandwidth-average", VD_DEVICE_KIND_INTERFACE, any, bad_bandwidth_average,
    VD_ERROR_INVALID_ARGUMENT, "Set an average rate" },
  { "bandwidth-peak", VD_DEVICE_KIND_INTERFACE, any, bad_bandwidth_peak,
    VD_ERROR_INVALID_ARGUMENT, "The peak rate (10 KiB/s) is below the average rate (1000 KiB/s)" },
  { "bandwidth-big", VD_DEVICE_KIND_INTERFACE, any, bad_bandwidth_big,
    VD_ERROR_INVALID_ARGUMENT, "at most 4294967295" },
  { "wrong-kind", VD_DEVICE_KIND_DISK, any, bad_wrong_kind, VD_ERROR_NOT_SUPPORTED,
    "has no such setting" },
  { "no-device", VD_DEVICE_KIND_DISK, any, bad_no_device, VD_ERROR_INVALID_ARGUMENT,
    "The guest has no device “disk/99”" },
  { "remove-other", VD_DEVICE_KIND_OTHER, any, bad_remove_other, VD_ERROR_NOT_SUPPORTED,
    "has no such setting" },
  MORE_BAD_DEV_EDITS
  MISC_BAD_DEV_EDITS
  CHAR_BAD_DEV_EDITS
};

static void
test_invalid_edits (void)
{
  g_autoptr(GPtrArray) files = corpus_files ();
  guint done[G_N_ELEMENTS (bad_dev_edits)] = { 0 };

  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *text = read_file (files->pdata[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(VdDomainEditor) editor = vd_domain_editor_new_from_xml (text, &error);
      g_autoptr(GPtrArray) list = vd_domain_editor_list_devices (editor);

      g_assert_no_error (error);
      g_assert_true (vd_domain_editor_set_description (editor, "kept", &error));
      for (guint k = 0; k < G_N_ELEMENTS (bad_dev_edits); k++)
        for (guint d = 0; d < list->len; d++)
          {
            const char *id = vd_device_ref_get_id (list->pdata[d]);
            g_autofree char *before = NULL;
            g_autofree char *after = NULL;

            if (vd_device_ref_get_kind (list->pdata[d]) != bad_dev_edits[k].kind ||
                !bad_dev_edits[k].applies (editor, id))
              continue;
            before = vd_domain_editor_get_xml (editor);
            g_assert_false (bad_dev_edits[k].edit (editor, id, &error));
            g_assert_error (error, VD_ERROR, bad_dev_edits[k].code);
            if (strstr (error->message, bad_dev_edits[k].message) == NULL)
              g_error ("%s: %s on %s: unexpected message: %s", (char *)files->pdata[i],
                       bad_dev_edits[k].name, id, error->message);
            g_clear_error (&error);
            after = vd_domain_editor_get_xml (editor);
            g_assert_cmpstr (after, ==, before);
            done[k]++;
          }
    }
  for (guint k = 0; k < G_N_ELEMENTS (bad_dev_edits); k++)
    {
      g_test_message ("refusal %s: %u devices", bad_dev_edits[k].name, done[k]);
      g_assert_cmpuint (done[k], >=, 1);
    }
}

/* Adding and removing */

typedef struct
{
  const char *xml;
  VdDeviceKind kind;
  const char *after;    /* the element the new device must follow, NULL: first device */
} Addition;

static const Addition additions[] = {
  { "<disk type='file' device='disk'><source file='/srv/new.qcow2'/>"
    "<target dev='vdz' bus='virtio'/></disk>", VD_DEVICE_KIND_DISK, "disk" },
  { "<disk type='file' device='cdrom'><target dev='sdz' bus='sata'/><readonly/></disk>",
    VD_DEVICE_KIND_CDROM, "disk" },
  { "<interface type='network'><mac address='52:54:00:fe:00:01'/>"
    "<source network='default'/><model type='virtio'/></interface>",
    VD_DEVICE_KIND_INTERFACE, "interface" },
  { "<rng model='virtio'><backend model='random'>/dev/urandom</backend></rng>",
    VD_DEVICE_KIND_RNG, "rng" },
  { "<watchdog model='i6300esb' action='poweroff'/>", VD_DEVICE_KIND_WATCHDOG, "watchdog" },
  { "<sound model='ich9'/>", VD_DEVICE_KIND_SOUND, "sound" },
  { "<input type='tablet' bus='usb'/>", VD_DEVICE_KIND_INPUT, "input" },
  { "<channel type='unix'>\n  <target type='virtio' name='org.example.test'/>\n</channel>",
    VD_DEVICE_KIND_CHANNEL, "channel" },
};

static void
test_add_remove (void)
{
  g_autoptr(GPtrArray) files = corpus_files ();
  guint added = 0;
  guint refused = 0;
  guint removed = 0;

  for (guint i = 0; i < files->len; i++)
    {
      const char *file = files->pdata[i];
      g_autofree char *text = read_file (file);

      for (guint k = 0; k < G_N_ELEMENTS (additions); k++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(VdDomainEditor) editor = vd_domain_editor_new_from_xml (text, NULL);
          g_autoptr(GPtrArray) list = NULL;
          g_autofree char *id = NULL;
          g_autofree char *out = NULL;
          g_autofree char *reread = NULL;
          g_autofree char *message = NULL;
          g_autofree char *xpath = NULL;
          const char *strip[2] = { NULL };
          guint position = G_MAXUINT;

          if (additions[k].kind == VD_DEVICE_KIND_WATCHDOG &&
              strstr (text, "<watchdog") != NULL)
            {
              /* libvirt takes one */
              g_assert_null (vd_domain_editor_add_device_xml (editor, additions[k].xml, &error));
              g_assert_error (error, VD_ERROR, VD_ERROR_NOT_SUPPORTED);
              g_assert_cmpstr (error->message, ==, "The guest has a watchdog already");
              refused++;
              continue;
            }
          if (strstr (additions[k].xml, "'usb'") != NULL &&
              strstr (text, "<controller type='usb' index='0' model='none'/>") != NULL)
            {
              g_assert_null (vd_domain_editor_add_device_xml (editor, additions[k].xml, &error));
              g_assert_error (error, VD_ERROR, VD_ERROR_NOT_SUPPORTED);
              g_assert_nonnull (strstr (error->message, "has no USB"));
              refused++;
              continue;
            }
          id = vd_domain_editor_add_device_xml (editor, additions[k].xml, &error);
          g_assert_no_error (error);
          g_assert_cmpint (vd_domain_editor_get_device_kind (editor, id), ==, additions[k].kind);
          list = vd_domain_editor_list_devices (editor);
          for (guint d = 0; d < list->len; d++)
            if (strcmp (vd_device_ref_get_id (list->pdata[d]), id) == 0)
              position = d;
          g_assert_cmpuint (position, <, list->len);
          /* after every device of its own element, before every later kind */
          for (guint d = position + 1; d < list->len; d++)
            g_assert_cmpstr (vd_device_ref_get_element (list->pdata[d]), !=,
                             vd_device_ref_get_element (list->pdata[position]));

          xpath = device_xpath (editor, id);
          strip[0] = xpath;
          out = vd_domain_editor_get_xml (editor);
          /* indented as libvirt would: the new device opens on its own line */
          g_assert_nonnull (strstr (out, "\n    <"));
          assert_only_differs_in (file, text, out, strip);
          reread = define_and_read (out, &message);
          if (reread == NULL)
            g_error ("%s: libvirt refused the added %s: %s", file, id, message);
          /* libvirt adds the controllers the new device needs, and sorts
           * disks by bus: its copy is compared without those */
          {
            g_autofree char *same_kind = g_strdup_printf (
              "/domain/devices/%s", vd_device_ref_get_element (list->pdata[position]));
            const char *reread_strip[] = { same_kind, "/domain/devices/controller", NULL };
            g_autofree char *count_xpath = g_strdup_printf ("count(%s)", same_kind);

            assert_only_differs_in (file, text, reread, reread_strip);
            g_assert_cmpuint (xpath_count (reread, count_xpath), ==,
                              xpath_count (text, count_xpath) + 1);
          }
          added++;

          /* and away again: the same text as before */
          g_assert_true (vd_domain_editor_remove_device (editor, id, &error));
          g_assert_no_error (error);
          g_clear_pointer (&out, g_free);
          out = vd_domain_editor_get_xml (editor);
          g_assert_cmpstr (out, ==, text);
        }

      /* removing each known device changes only that device */
      {
        g_autoptr(VdDomainEditor) editor = vd_domain_editor_new_from_xml (text, NULL);
        g_autoptr(GPtrArray) list = vd_domain_editor_list_devices (editor);

        for (guint d = 0; d < list->len; d++)
          {
            const char *id = vd_device_ref_get_id (list->pdata[d]);
            VdDeviceKind kind = vd_device_ref_get_kind (list->pdata[d]);
            g_autoptr(GError) error = NULL;
            g_autofree char *xpath = device_xpath (editor, id);
            g_autofree char *out = NULL;
            const char *strip[2] = { xpath, NULL };

            if (kind == VD_DEVICE_KIND_OTHER)
              {
                g_assert_false (vd_domain_editor_remove_device (editor, id, &error));
                g_assert_error (error, VD_ERROR, VD_ERROR_NOT_SUPPORTED);
                continue;
              }
            g_assert_true (vd_domain_editor_remove_device (editor, id, &error));
            out = vd_domain_editor_get_xml (editor);
            /* the text without that device is the new text */
            {
              xmlDoc *before = parse_noblanks (text);
              xmlDoc *after = parse_noblanks (out);
              g_autofree char *before_text = NULL;
              g_autofree char *after_text = NULL;

              strip_nodes (before, strip);
              before_text = dump (before);
              after_text = dump (after);
              g_assert_cmpstr (after_text, ==, before_text);
              xmlFreeDoc (before);
              xmlFreeDoc (after);
            }
            g_assert_cmpuint (count_devices_in_xml (out), ==, count_devices_in_xml (text) - 1);
            vd_domain_editor_revert (editor);
            removed++;
          }
      }
      g_free (define_and_read (text, NULL));
    }
  g_assert_cmpuint (added + refused, ==, files->len * G_N_ELEMENTS (additions));
  g_assert_cmpuint (refused, >, 0);
  g_assert_cmpuint (removed, >, files->len);
}

static void
test_add_refused (void)
{
  g_autofree char *path = g_build_filename (VD_TEST_DATA_DIR, "domains", "guest05.xml", NULL);
  g_autofree char *text = read_file (path);
  g_autoptr(VdDomainEditor) editor = vd_domain_editor_new_from_xml (text, NULL);
  const char * const bad[] = {
    "<disk type='file'", "not xml", "<hub type='usb'/>", "<emulator>/bin/sh</emulator>",
    "<x:disk xmlns:x='urn:x'/>", "<domain/>",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *id = vd_domain_editor_add_device_xml (editor, bad[i], &error);
      g_autofree char *out = NULL;

      g_assert_null (id);
      g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT);
      g_assert_true (strstr (error->message, "well-formed") != NULL ||
                     strstr (error->message, "is not a device virt-desk can add") != NULL);
      out = vd_domain_editor_get_xml (editor);
      g_assert_cmpstr (out, ==, text);
    }
}

/* Applying to a running guest on the test driver */

static VdDomainEditor *
fetch (VdDomain *domain)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  VdDomainEditor *editor;

  vd_domain_fetch_editor_async (domain, NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_RESULT (result);
  editor = vd_domain_fetch_editor_finish (domain, result, &error);
  g_assert_no_error (error);

  return editor;
}

static gboolean
apply (VdDomainEditor  *editor,
       VdDomain        *domain,
       gboolean        *needs_restart,
       GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  gboolean ok;

  vd_domain_editor_apply_async (editor, domain, NULL, vd_test_async_result_cb, &result);
  g_assert_true (vd_domain_get_busy (domain));
  VD_TEST_WAIT_RESULT (result);
  ok = vd_domain_editor_apply_finish_full (editor, result, needs_restart, error);
  g_assert_false (vd_domain_get_busy (domain));
  g_assert_cmpint (vd_domain_editor_get_needs_restart (editor), ==, *needs_restart);

  return ok;
}

static void
live_info (VdDomain *domain,
           guint64  *memory,
           guint    *vcpus)
{
  virDomainInfo info;

  g_assert_cmpint (virDomainGetInfo (vd_domain_get_handle (domain), &info), ==, 0);
  *memory = info.memory;
  *vcpus = info.nrVirtCpu;
}

static void
test_apply_live (void)
{
  g_autofree char *uri = vd_test_fixture_uri ("devices-live.xml");
  g_autoptr(VdConnection) connection = vd_test_open (uri);
  VdDomain *delta = vd_connection_find_domain_by_name (connection, "delta");
  VdDomain *echo = vd_connection_find_domain_by_name (connection, "echo");
  g_autoptr(GError) error = NULL;
  gboolean restart = TRUE;
  guint64 memory = 0;
  guint vcpus = 0;

  g_assert_nonnull (delta);
  g_assert_nonnull (echo);

  /* balloon and vCPUs: live, and in the configuration, nothing waits */
  {
    g_autoptr(VdDomainEditor) editor = fetch (delta);
    g_autoptr(VdDomainEditor) again = NULL;

    live_info (delta, &memory, &vcpus);
    g_assert_cmpuint (memory, ==, 524288);
    g_assert_cmpuint (vcpus, ==, 2);
    g_assert_true (vd_domain_editor_set_memory (editor, 786432, 1048576, &error));
    g_assert_true (vd_domain_editor_set_vcpus (editor, 3, 4, &error));
    g_assert_true (apply (editor, delta, &restart, &error));
    g_assert_no_error (error);
    g_assert_false (restart);
    live_info (delta, &memory, &vcpus);
    g_assert_cmpuint (memory, ==, 786432);
    g_assert_cmpuint (vcpus, ==, 3);
    again = fetch (delta);
    g_assert_cmpuint (vd_domain_editor_get_memory (again), ==, 786432);
    g_assert_cmpuint (vd_domain_editor_get_vcpus (again), ==, 3);
  }

  /* a change libvirt cannot make live: the configuration only, and the
   * guest needs a restart */
  {
    g_autoptr(VdDomainEditor) editor = fetch (delta);
    g_autoptr(VdDomainEditor) again = NULL;
    g_autofree char *cache = NULL;

    g_assert_true (vd_domain_editor_set_disk_cache (editor, "disk/0", "writeback", &error));
    g_assert_true (apply (editor, delta, &restart, &error));
    g_assert_no_error (error);
    g_assert_true (restart);
    again = fetch (delta);
    cache = vd_domain_editor_get_disk_cache (again, "disk/0");
    g_assert_cmpstr (cache, ==, "writeback");
  }

  /* raising the maximum waits for a restart too; the current count that
   * came with it is not set live */
  {
    g_autoptr(VdDomainEditor) editor = fetch (delta);

    g_assert_true (vd_domain_editor_set_vcpus (editor, 4, 6, &error));
    g_assert_true (apply (editor, delta, &restart, &error));
    g_assert_true (restart);
    live_info (delta, &memory, &vcpus);
    g_assert_cmpuint (vcpus, ==, 3);
  }

  /* a medium change is a live device update, which the test driver does
   * not have: the apply fails, and neither the configuration nor the
   * running guest's memory (a later step) changed */
  {
    g_autoptr(VdDomainEditor) editor = fetch (delta);
    g_autoptr(VdDomainEditor) again = NULL;
    g_autofree char *before = g_strdup (vd_domain_editor_get_original_xml (editor));
    VdDiskSource iso = { VD_DISK_SOURCE_FILE, .path = (char *)"/srv/iso/second.iso" };

    g_assert_true (vd_domain_editor_set_disk_source (editor, "cdrom/0", &iso, &error));
    g_assert_true (vd_domain_editor_set_memory (editor, 262144, 1048576, &error));
    g_assert_false (apply (editor, delta, &restart, &error));
    g_assert_error (error, VD_ERROR, VD_ERROR_NOT_SUPPORTED);
    g_assert_nonnull (strstr (error->message, "Failed to change the running guest “delta” "
                                              "(changing a device)"));
    g_assert_nonnull (strstr (error->message, "Its configuration was not changed."));
    g_assert_cmpstr (vd_domain_get_last_error (delta), ==, error->message);
    g_clear_error (&error);
    g_assert_false (restart);
    g_assert_true (vd_domain_editor_is_dirty (editor));
    again = fetch (delta);
    g_assert_cmpstr (vd_domain_editor_get_original_xml (again), ==, before);
    live_info (delta, &memory, &vcpus);
    g_assert_cmpuint (memory, ==, 786432);
  }

  /* so is a NIC's link state; and plugging in a NIC (attach) */
  {
    g_autoptr(VdDomainEditor) editor = fetch (delta);
    g_autofree char *id = NULL;

    g_assert_true (vd_domain_editor_set_nic_link_up (editor, "interface/0", FALSE, &error));
    g_assert_false (apply (editor, delta, &restart, &error));
    g_assert_nonnull (strstr (error->message, "(changing a device)"));
    g_clear_error (&error);

    vd_domain_editor_revert (editor);
    id = vd_domain_editor_add_device_xml (editor, "<interface type='network'>"
                                          "<source network='default'/></interface>", &error);
    g_assert_no_error (error);
    g_assert_false (apply (editor, delta, &restart, &error));
    g_assert_nonnull (strstr (error->message, "(adding a device)"));
    g_clear_error (&error);

    vd_domain_editor_revert (editor);
    g_assert_true (vd_domain_editor_remove_device (editor, "interface/0", &error));
    g_assert_false (apply (editor, delta, &restart, &error));
    g_assert_nonnull (strstr (error->message, "(removing a device)"));
    g_clear_error (&error);
  }

  /* the live step succeeds, the definition fails (another guest's name):
   * the error says the running guest changed; its configuration stays */
  {
    g_autoptr(VdDomainEditor) current = fetch (delta);
    g_autoptr(VdDomainEditor) other = NULL;
    g_autoptr(VdDomainEditor) again = NULL;
    g_autofree char *before = g_strdup (vd_domain_editor_get_original_xml (current));
    g_auto(GStrv) parts = g_strsplit (before, "<name>delta</name>", 2);
    g_autofree char *renamed = NULL;

    g_assert_cmpuint (g_strv_length (parts), ==, 2);
    renamed = g_strjoin ("<name>echo</name>", parts[0], parts[1], NULL);
    other = vd_domain_editor_new_from_xml (renamed, &error);
    g_assert_no_error (error);
    g_assert_true (vd_domain_editor_set_memory (other, 655360, 1048576, &error));
    g_assert_false (apply (other, delta, &restart, &error));
    g_assert_nonnull (strstr (error->message, "The running guest “delta” was changed, but its "
                                              "configuration could not be"));
    g_clear_error (&error);
    g_assert_false (restart);
    live_info (delta, &memory, &vcpus);
    g_assert_cmpuint (memory, ==, 655360);
    again = fetch (delta);
    g_assert_cmpstr (vd_domain_editor_get_original_xml (again), ==, before);
  }

  /* a device that does not hot-plug goes to the configuration only */
  {
    g_autoptr(VdDomainEditor) editor = fetch (delta);
    g_autoptr(VdDomainEditor) again = NULL;
    g_autofree char *id = vd_domain_editor_add_device_xml (editor, "<sound model='ich9'/>",
                                                           &error);

    g_assert_no_error (error);
    g_assert_true (apply (editor, delta, &restart, &error));
    g_assert_no_error (error);
    g_assert_true (restart);
    again = fetch (delta);
    g_assert_cmpint (vd_domain_editor_get_device_kind (again, "sound/0"), ==,
                     VD_DEVICE_KIND_SOUND);
  }

  /* without a balloon the memory waits for the next boot */
  {
    VdDomain *foxtrot = vd_connection_find_domain_by_name (connection, "foxtrot");
    g_autoptr(VdDomainEditor) editor = fetch (foxtrot);
    g_autoptr(VdDomainEditor) again = NULL;

    g_assert_true (vd_domain_editor_set_memory (editor, 262144, 1048576, &error));
    g_assert_true (apply (editor, foxtrot, &restart, &error));
    g_assert_no_error (error);
    g_assert_true (restart);
    live_info (foxtrot, &memory, &vcpus);
    g_assert_cmpuint (memory, ==, 524288);
    again = fetch (foxtrot);
    g_assert_cmpuint (vd_domain_editor_get_memory (again), ==, 262144);
  }

  /* a shut-off guest: no live step, nothing waits */
  {
    g_autoptr(VdDomainEditor) editor = fetch (echo);
    g_autoptr(VdDomainEditor) again = NULL;
    g_auto(VdDiskSource) source = { 0 };
    VdDiskSource iso = { VD_DISK_SOURCE_FILE, .path = (char *)"/srv/iso/second.iso" };

    g_assert_true (vd_domain_editor_set_disk_source (editor, "cdrom/0", &iso, &error));
    g_assert_true (vd_domain_editor_set_nic_link_up (editor, "interface/0", FALSE, &error));
    g_assert_true (vd_domain_editor_set_memory (editor, 262144, 1048576, &error));
    g_assert_true (apply (editor, echo, &restart, &error));
    g_assert_no_error (error);
    g_assert_false (restart);
    again = fetch (echo);
    g_assert_true (vd_domain_editor_get_disk_source (again, "cdrom/0", &source));
    g_assert_cmpstr (source.path, ==, "/srv/iso/second.iso");
    g_assert_false (vd_domain_editor_get_nic_link_up (again, "interface/0"));
  }

  vd_connection_disconnect (connection);
}

/* The corpus through VdDomain: each guest defined, fetched, applied with
 * no change (libvirt's text comes back the same), then with one change of
 * a disk's cache or a NIC's model (only that node differs). */
static void
test_corpus_apply (void)
{
  g_autoptr(GPtrArray) files = corpus_files ();
  g_autoptr(VdConnection) connection = vd_test_open ("test:///default");
  guint changed = 0;

  for (guint i = 0; i < files->len; i++)
    {
      const char *file = files->pdata[i];
      g_autofree char *text = read_file (file);
      g_autofree char *defined = define_and_read (text, NULL);
      g_autoptr(VdDomainEditor) editor = NULL;
      g_autoptr(VdDomainEditor) again = NULL;
      g_autoptr(VdDomainEditor) third = NULL;
      g_autoptr(GPtrArray) list = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *name = NULL;
      g_autofree char *xpath = NULL;
      g_autofree char *strip_text = NULL;
      const char *strip[2] = { NULL };
      const char *id = NULL;
      gboolean restart = TRUE;
      VdDomain *domain;

      g_assert_cmpstr (defined, ==, text);
      name = g_path_get_basename (file);
      *strstr (name, ".xml") = '\0';
      VD_TEST_WAIT_UNTIL (vd_connection_find_domain_by_name (connection, name) != NULL, 10);
      domain = vd_connection_find_domain_by_name (connection, name);

      editor = fetch (domain);
      g_assert_cmpstr (vd_domain_editor_get_original_xml (editor), ==, text);
      g_assert_true (apply (editor, domain, &restart, &error));
      g_assert_no_error (error);
      g_assert_false (restart);
      again = fetch (domain);
      g_assert_cmpstr (vd_domain_editor_get_original_xml (again), ==, text);

      list = vd_domain_editor_list_devices (again);
      for (guint d = 0; d < list->len && id == NULL; d++)
        {
          const char *candidate = vd_device_ref_get_id (list->pdata[d]);
          VdDeviceKind kind = vd_device_ref_get_kind (list->pdata[d]);

          if (kind == VD_DEVICE_KIND_DISK && !is_lun (again, candidate))
            {
              g_autofree char *cache = vd_domain_editor_get_disk_cache (again, candidate);

              g_assert_true (vd_domain_editor_set_disk_cache (
                again, candidate, g_strcmp0 (cache, "unsafe") == 0 ? "none" : "unsafe", &error));
              id = candidate;
              strip_text = g_strdup ("%s/driver");
            }
          else if (kind == VD_DEVICE_KIND_INTERFACE && not_vhostuser (again, candidate))
            {
              g_autofree char *model = vd_domain_editor_get_nic_model (again, candidate);

              g_assert_true (vd_domain_editor_set_nic_model (
                again, candidate, g_strcmp0 (model, "e1000") == 0 ? "rtl8139" : "e1000",
                &error));
              id = candidate;
              strip_text = g_strdup ("%s/model");
            }
        }
      g_assert_no_error (error);
      if (id == NULL)
        continue;
      xpath = device_xpath (again, id);
      {
        g_auto(GStrv) parts = g_strsplit (strip_text, "%s", -1);

        g_free (strip_text);
        strip_text = g_strjoinv (xpath, parts);
      }
      strip[0] = strip_text;
      g_assert_true (apply (again, domain, &restart, &error));
      g_assert_no_error (error);
      g_assert_false (restart);
      third = fetch (domain);
      assert_only_differs_in (file, text, vd_domain_editor_get_original_xml (third), strip);
      changed++;
    }
  g_assert_cmpuint (changed, >, files->len / 2);
  vd_connection_disconnect (connection);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  gvir_init_object_check (NULL, NULL, NULL);
  virSetErrorFunc (NULL, quiet_libvirt_cb);
  test_conn = virConnectOpen ("test:///default");
  g_assert_nonnull (test_conn);

  g_test_add_func ("/domain-editor-devices/list", test_list);
  g_test_add_func ("/domain-editor-devices/list-labels", test_list_labels);
  g_test_add_func ("/domain-editor-devices/ids-stable", test_ids_stable);
  g_test_add_func ("/domain-editor-devices/same-values", test_same_values);
  g_test_add_func ("/domain-editor-devices/edits", test_edits);
  g_test_add_func ("/domain-editor-devices/invalid-edits", test_invalid_edits);
  g_test_add_func ("/domain-editor-devices/add-remove", test_add_remove);
  g_test_add_func ("/domain-editor-devices/add-refused", test_add_refused);
  g_test_add_func ("/domain-editor-devices/guest-agent", test_guest_agent);
  g_test_add_func ("/domain-editor-devices/apply-live", test_apply_live);
  g_test_add_func ("/domain-editor-devices/corpus-apply", test_corpus_apply);

  ret = g_test_run ();
  virConnectClose (test_conn);

  return ret;
}
