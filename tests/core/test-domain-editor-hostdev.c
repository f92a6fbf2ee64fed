/* test-domain-editor-hostdev.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libvirt-gobject/libvirt-gobject.h>

#include "vd-domain-editor-hostdev.h"
#include "vd-error.h"
#include "vd-node-devices.h"
#include "domain-editor-test-util.h"
#include "../vd-test-util.h"

/*
 * The host device, USB redirection and redirection filter getters and
 * setters of the domain editor; the host's node devices (parsed, marked
 * as used by other guests, listed from a test-driver host).
 */

static const char guest_xml[] =
  "<domain type='test'>\n"
  "  <name>hostdev-edit</name>\n"
  "  <uuid>6695eb01-f6a4-8304-79aa-97f2502e5101</uuid>\n"
  "  <memory unit='KiB'>131072</memory>\n"
  "  <os><type arch='x86_64'>hvm</type></os>\n"
  "  <devices>\n"
  "    <controller type='usb' index='0' model='qemu-xhci'/>\n"
  "    <graphics type='spice' autoport='yes'/>\n"
  "    <hostdev mode='subsystem' type='usb' managed='yes'>\n"
  "      <source startupPolicy='optional' vd-unknown='kept'>\n"
  "        <vendor id='0x1234'/>\n"
  "        <product id='0x5678'/>\n"
  "        <vd-extra/>\n"
  "      </source>\n"
  "      <boot order='2'/>\n"
  "    </hostdev>\n"
  "    <hostdev mode='subsystem' type='pci' managed='yes'>\n"
  "      <driver name='vfio'/>\n"
  "      <source>\n"
  "        <address domain='0x0000' bus='0x02' slot='0x00' function='0x0'/>\n"
  "      </source>\n"
  "      <rom bar='on' file='/usr/share/vd/nic.rom'/>\n"
  "      <address type='pci' domain='0x0000' bus='0x00' slot='0x07' function='0x0'/>\n"
  "    </hostdev>\n"
  "    <hostdev mode='subsystem' type='scsi'>\n"
  "      <source><adapter name='scsi_host0'/><address bus='0' target='0' unit='0'/></source>\n"
  "    </hostdev>\n"
  "    <redirdev bus='usb' type='tcp'>\n"
  "      <source mode='connect' host='usbhost.example.com' service='4000'/>\n"
  "      <protocol type='raw'/>\n"
  "      <boot order='3'/>\n"
  "    </redirdev>\n"
  "    <redirdev bus='usb' type='spicevmc'/>\n"
  "    <redirfilter>\n"
  "      <usbdev class='0x08' vendor='0x1234' product='0x5678' version='2.00' allow='yes'/>\n"
  "      <usbdev allow='no'/>\n"
  "    </redirfilter>\n"
  "  </devices>\n"
  "</domain>\n";

static VdDomainEditor *
new_editor (void)
{
  g_autoptr(GError) error = NULL;
  VdDomainEditor *editor = vd_domain_editor_new_from_xml (guest_xml, &error);

  g_assert_no_error (error);
  g_assert_nonnull (editor);

  return editor;
}

/* The id of the @n-th device of @kind. */
static char *
nth_id (VdDomainEditor *editor,
        VdDeviceKind    kind,
        guint           n)
{
  g_autoptr(GPtrArray) devices = vd_domain_editor_list_devices (editor);

  for (guint i = 0; i < devices->len; i++)
    if (vd_device_ref_get_kind (devices->pdata[i]) == kind && n-- == 0)
      return g_strdup (vd_device_ref_get_id (devices->pdata[i]));

  g_assert_not_reached ();
}

static void
test_get (void)
{
  g_autoptr(VdDomainEditor) editor = new_editor ();
  g_autofree char *usb = nth_id (editor, VD_DEVICE_KIND_HOSTDEV, 0);
  g_autofree char *pci = nth_id (editor, VD_DEVICE_KIND_HOSTDEV, 1);
  g_autofree char *scsi = nth_id (editor, VD_DEVICE_KIND_HOSTDEV, 2);
  g_autofree char *tcp = nth_id (editor, VD_DEVICE_KIND_REDIRDEV, 0);
  g_autofree char *spice = nth_id (editor, VD_DEVICE_KIND_REDIRDEV, 1);
  g_autofree char *type = NULL;
  g_autofree char *host = NULL;
  g_autoptr(GPtrArray) rules = NULL;
  guint port = 0;

  {
    g_auto(VdHostdev) hostdev = { 0 };

    g_assert_true (vd_domain_editor_get_hostdev (editor, usb, &hostdev));
    g_assert_cmpint (hostdev.type, ==, VD_HOSTDEV_USB);
    g_assert_true (hostdev.managed);
    g_assert_cmphex (hostdev.vendor, ==, 0x1234);
    g_assert_cmphex (hostdev.product, ==, 0x5678);
    g_assert_false (hostdev.has_address);
    g_assert_cmpstr (hostdev.startup_policy, ==, "optional");
  }
  {
    g_auto(VdHostdev) hostdev = { 0 };

    g_assert_true (vd_domain_editor_get_hostdev (editor, pci, &hostdev));
    g_assert_cmpint (hostdev.type, ==, VD_HOSTDEV_PCI);
    g_assert_true (hostdev.has_address);
    g_assert_cmpuint (hostdev.domain, ==, 0);
    g_assert_cmpuint (hostdev.bus, ==, 2);
    g_assert_cmpuint (hostdev.slot, ==, 0);
    g_assert_cmpuint (hostdev.function, ==, 0);
    g_assert_cmpint (hostdev.rom_bar, ==, 1);
  }
  {
    g_auto(VdHostdev) hostdev = { 0 };

    g_assert_true (vd_domain_editor_get_hostdev (editor, scsi, &hostdev));
    g_assert_cmpint (hostdev.type, ==, VD_HOSTDEV_OTHER);
  }

  g_assert_true (vd_domain_editor_get_redirdev (editor, tcp, &type, &host, &port));
  g_assert_cmpstr (type, ==, "tcp");
  g_assert_cmpstr (host, ==, "usbhost.example.com");
  g_assert_cmpuint (port, ==, 4000);
  g_clear_pointer (&type, g_free);
  g_clear_pointer (&host, g_free);
  g_assert_true (vd_domain_editor_get_redirdev (editor, spice, &type, &host, &port));
  g_assert_cmpstr (type, ==, "spicevmc");
  g_assert_null (host);
  g_assert_cmpuint (port, ==, 0);

  rules = vd_domain_editor_list_redirfilter (editor);
  g_assert_cmpuint (rules->len, ==, 2);
  {
    VdRedirRule *first = rules->pdata[0];
    VdRedirRule *second = rules->pdata[1];

    g_assert_true (first->allow);
    g_assert_cmpstr (first->usb_class, ==, "0x08");
    g_assert_cmpstr (first->vendor, ==, "0x1234");
    g_assert_cmpstr (first->product, ==, "0x5678");
    g_assert_cmpstr (first->version, ==, "2.00");
    g_assert_false (second->allow);
    g_assert_null (second->usb_class);
    g_assert_null (second->vendor);
  }
}

typedef gboolean (*EditFunc) (VdDomainEditor *editor,
                              const char     *id,
                              GError        **error);

static gboolean
edit_usb_ids (VdDomainEditor *editor, const char *id, GError **error)
{
  return vd_domain_editor_set_hostdev_usb_ids (editor, id, 0x046d, 0xc52b, error);
}

static gboolean
edit_usb_address (VdDomainEditor *editor, const char *id, GError **error)
{
  return vd_domain_editor_set_hostdev_usb_address (editor, id, 2, 5, error);
}

static gboolean
edit_startup_policy (VdDomainEditor *editor, const char *id, GError **error)
{
  return vd_domain_editor_set_hostdev_startup_policy (editor, id, "requisite", error);
}

static gboolean
edit_pci_address (VdDomainEditor *editor, const char *id, GError **error)
{
  return vd_domain_editor_set_hostdev_pci_address (editor, id, 0, 0, 0x1f, 3, error);
}

static gboolean
edit_managed (VdDomainEditor *editor, const char *id, GError **error)
{
  return vd_domain_editor_set_hostdev_managed (editor, id, FALSE, error);
}

static gboolean
edit_rom_bar (VdDomainEditor *editor, const char *id, GError **error)
{
  return vd_domain_editor_set_hostdev_rom_bar (editor, id, 0, error);
}

static gboolean
edit_redir_tcp (VdDomainEditor *editor, const char *id, GError **error)
{
  return vd_domain_editor_set_redirdev (editor, id, "tcp", "192.0.2.7", 4444, error);
}

static gboolean
edit_redir_spice (VdDomainEditor *editor, const char *id, GError **error)
{
  return vd_domain_editor_set_redirdev (editor, id, "spicevmc", NULL, 0, error);
}

typedef struct
{
  const char   *name;
  VdDeviceKind  kind;
  guint         index;
  EditFunc      edit;
  const char   *expect;   /* in the editor's XML afterwards */
  const char   *strip[4]; /* what the edit may change */
} Edit;

static const Edit edits[] = {
  { "usb-ids", VD_DEVICE_KIND_HOSTDEV, 0, edit_usb_ids, "<vendor id=\"0x046d\"/>",
    { "//hostdev[@type='usb']/source/vendor", "//hostdev[@type='usb']/source/product" } },
  { "usb-address", VD_DEVICE_KIND_HOSTDEV, 0, edit_usb_address,
    "<address bus=\"2\" device=\"5\"/>",
    { "//hostdev[@type='usb']/source/vendor", "//hostdev[@type='usb']/source/product",
      "//hostdev[@type='usb']/source/address" } },
  { "startup-policy", VD_DEVICE_KIND_HOSTDEV, 0, edit_startup_policy,
    "startupPolicy=\"requisite\"", { "//hostdev[@type='usb']/source/@startupPolicy" } },
  { "pci-address", VD_DEVICE_KIND_HOSTDEV, 1, edit_pci_address,
    "<address domain=\"0x0000\" bus=\"0x00\" slot=\"0x1f\" function=\"0x3\"/>",
    { "//hostdev[@type='pci']/source/address/@slot",
      "//hostdev[@type='pci']/source/address/@bus",
      "//hostdev[@type='pci']/source/address/@function" } },
  { "managed", VD_DEVICE_KIND_HOSTDEV, 1, edit_managed, "type=\"pci\" managed=\"no\"",
    { "//hostdev[@type='pci']/@managed" } },
  { "rom-bar", VD_DEVICE_KIND_HOSTDEV, 1, edit_rom_bar,
    "<rom bar=\"off\" file=\"/usr/share/vd/nic.rom\"/>", { "//hostdev[@type='pci']/rom/@bar" } },
  { "redirdev-tcp", VD_DEVICE_KIND_REDIRDEV, 0, edit_redir_tcp,
    "host=\"192.0.2.7\" service=\"4444\"",
    { "//redirdev[@type='tcp']/source/@host", "//redirdev[@type='tcp']/source/@service" } },
  { "redirdev-spice", VD_DEVICE_KIND_REDIRDEV, 0, edit_redir_spice,
    "<redirdev bus=\"usb\" type=\"spicevmc\">",
    { "//redirdev[1]/source", "//redirdev[1]/protocol", "//redirdev[1]/@type" } },
};

/* Each edit changes what it names and nothing else, keeps what the
 * editor does not know (an unknown attribute and element in the USB
 * device's source), and libvirt takes the result. */
static void
test_edits (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (edits); i++)
    {
      g_autoptr(VdDomainEditor) editor = new_editor ();
      g_autofree char *id = nth_id (editor, edits[i].kind, edits[i].index);
      g_autofree char *before = vd_domain_editor_get_xml (editor);
      g_autofree char *after = NULL;
      g_autofree char *again = NULL;
      g_autofree char *defined = NULL;
      g_autofree char *message = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(VdDomainEditor) check = NULL;
      g_autoptr(VdDomainEditor) defined_editor = NULL;

      g_test_message ("edit %s", edits[i].name);
      g_assert_true (edits[i].edit (editor, id, &error));
      g_assert_no_error (error);
      after = vd_domain_editor_get_xml (editor);
      if (strstr (after, edits[i].expect) == NULL)
        g_error ("%s: no %s in\n%s", edits[i].name, edits[i].expect, after);
      g_assert_nonnull (strstr (after, "vd-unknown=\"kept\""));
      g_assert_nonnull (strstr (after, "<vd-extra/>"));
      assert_only_differs_in (edits[i].name, before, after, edits[i].strip);

      /* The same value again changes nothing. */
      g_assert_true (edits[i].edit (editor, id, &error));
      again = vd_domain_editor_get_xml (editor);
      g_assert_cmpstr (again, ==, after);

      /* libvirt takes it, and reads it back the same way. */
      defined = define_and_read (after, &message);
      if (defined == NULL)
        g_error ("%s: libvirt refused the edit: %s", edits[i].name, message);
      defined_editor = vd_domain_editor_new_from_xml (defined, &error);
      g_assert_no_error (error);
      {
        g_autofree char *check_id = nth_id (defined_editor, edits[i].kind, edits[i].index);
        g_autofree char *before_edit = vd_domain_editor_get_xml (defined_editor);
        g_autofree char *after_edit = NULL;

        g_assert_true (edits[i].edit (defined_editor, check_id, &error));
        after_edit = vd_domain_editor_get_xml (defined_editor);
        g_assert_cmpstr (after_edit, ==, before_edit);
      }
    }
}

static void
assert_refused (VdDomainEditor *editor,
                gboolean        result,
                GError         *error,
                const char     *before)
{
  g_autofree char *after = vd_domain_editor_get_xml (editor);

  g_assert_false (result);
  g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (after, ==, before);
}

static void
test_invalid (void)
{
  g_autoptr(VdDomainEditor) editor = new_editor ();
  g_autofree char *usb = nth_id (editor, VD_DEVICE_KIND_HOSTDEV, 0);
  g_autofree char *pci = nth_id (editor, VD_DEVICE_KIND_HOSTDEV, 1);
  g_autofree char *scsi = nth_id (editor, VD_DEVICE_KIND_HOSTDEV, 2);
  g_autofree char *tcp = nth_id (editor, VD_DEVICE_KIND_REDIRDEV, 0);
  g_autofree char *before = vd_domain_editor_get_xml (editor);

#define REFUSED(call) \
  G_STMT_START { \
    g_autoptr(GError) error = NULL; \
    gboolean result = call; \
    assert_refused (editor, result, error, before); \
  } G_STMT_END

  REFUSED (vd_domain_editor_set_hostdev_usb_ids (editor, usb, 0, 1, &error));
  REFUSED (vd_domain_editor_set_hostdev_usb_ids (editor, usb, 0x10000, 1, &error));
  REFUSED (vd_domain_editor_set_hostdev_usb_ids (editor, pci, 0x1234, 1, &error));
  REFUSED (vd_domain_editor_set_hostdev_usb_address (editor, usb, 0, 3, &error));
  REFUSED (vd_domain_editor_set_hostdev_usb_address (editor, usb, 1, 128, &error));
  REFUSED (vd_domain_editor_set_hostdev_startup_policy (editor, usb, "sometimes", &error));
  REFUSED (vd_domain_editor_set_hostdev_startup_policy (editor, pci, "optional", &error));
  REFUSED (vd_domain_editor_set_hostdev_pci_address (editor, pci, 0, 0, 0x20, 0, &error));
  REFUSED (vd_domain_editor_set_hostdev_pci_address (editor, pci, 0, 0x100, 0, 0, &error));
  REFUSED (vd_domain_editor_set_hostdev_pci_address (editor, pci, 0, 0, 0, 8, &error));
  REFUSED (vd_domain_editor_set_hostdev_pci_address (editor, usb, 0, 0, 1, 0, &error));
  REFUSED (vd_domain_editor_set_hostdev_rom_bar (editor, pci, 2, &error));
  REFUSED (vd_domain_editor_set_hostdev_rom_bar (editor, usb, 1, &error));
  REFUSED (vd_domain_editor_set_hostdev_managed (editor, scsi, FALSE, &error));
  REFUSED (vd_domain_editor_set_redirdev (editor, tcp, "tcp", "usbhost.example.com", 0, &error));
  REFUSED (vd_domain_editor_set_redirdev (editor, tcp, "tcp", "usbhost.example.com", 65536,
                                          &error));
  REFUSED (vd_domain_editor_set_redirdev (editor, tcp, "tcp", "", 4000, &error));
  REFUSED (vd_domain_editor_set_redirdev (editor, tcp, "tcp", "bad host'", 4000, &error));
  REFUSED (vd_domain_editor_set_redirdev (editor, tcp, "pty", NULL, 0, &error));
#undef REFUSED

  {
    guint port = 0;
    g_autoptr(GError) error = NULL;

    g_assert_true (vd_redirdev_parse_port ("4000", &port, &error));
    g_assert_cmpuint (port, ==, 4000);
    g_assert_false (vd_redirdev_parse_port ("65536", &port, &error));
    g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);
    g_assert_false (vd_redirdev_parse_port ("0", &port, &error));
    g_clear_error (&error);
    g_assert_false (vd_redirdev_parse_port ("40x", &port, &error));
    g_clear_error (&error);
    g_assert_true (vd_redirdev_check_host ("::1", NULL));
    g_assert_true (vd_redirdev_check_host ("usb-1.example.org", NULL));
    g_assert_false (vd_redirdev_check_host ("-x", NULL));
  }
}

/* spicevmc → tcp makes a source that connects, raw protocol; libvirt
 * takes it. */
static void
test_redirdev_spice_to_tcp (void)
{
  g_autoptr(VdDomainEditor) editor = new_editor ();
  g_autofree char *spice = nth_id (editor, VD_DEVICE_KIND_REDIRDEV, 1);
  g_autofree char *xml = NULL;
  g_autofree char *defined = NULL;
  g_autofree char *message = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (vd_domain_editor_set_redirdev (editor, spice, "tcp", "localhost", 4001, &error));
  g_assert_no_error (error);
  xml = vd_domain_editor_get_device_xml (editor, spice);
  g_assert_nonnull (strstr (xml, "type=\"tcp\""));
  g_assert_nonnull (strstr (xml, "<source mode=\"connect\" host=\"localhost\" service=\"4001\"/>"));
  g_assert_nonnull (strstr (xml, "<protocol type=\"raw\"/>"));
  g_clear_pointer (&xml, g_free);
  xml = vd_domain_editor_get_xml (editor);
  defined = define_and_read (xml, &message);
  g_assert_nonnull (defined);
  g_assert_nonnull (strstr (defined, "host='localhost' service='4001'"));
}

/* Over the corpus: every guest's USB and PCI host devices and
 * redirections take an edit that libvirt accepts and that changes only
 * the edited device. */
static void
test_corpus (void)
{
  g_autoptr(GPtrArray) files = corpus_files ();
  guint edited = 0;

  for (guint f = 0; f < files->len; f++)
    {
      g_autofree char *text = read_file (files->pdata[f]);
      g_autofree char *message = NULL;
      g_autofree char *original = define_and_read (text, &message);
      g_autoptr(VdDomainEditor) editor = NULL;
      g_autoptr(GPtrArray) devices = NULL;

      if (original == NULL)
        continue;
      editor = vd_domain_editor_new_from_xml (original, NULL);
      g_assert_nonnull (editor);
      devices = vd_domain_editor_list_devices (editor);
      for (guint i = 0; i < devices->len; i++)
        {
          const char *id = vd_device_ref_get_id (devices->pdata[i]);
          VdDeviceKind kind = vd_device_ref_get_kind (devices->pdata[i]);
          g_autoptr(VdDomainEditor) copy = vd_domain_editor_new_from_xml (original, NULL);
          g_auto(VdHostdev) hostdev = { 0 };
          g_autoptr(GError) error = NULL;
          g_autofree char *after = NULL;
          g_autofree char *read_back = NULL;
          const char *strip[] = { NULL, NULL, NULL, NULL };
          gboolean ok;

          if (kind == VD_DEVICE_KIND_HOSTDEV)
            {
              vd_domain_editor_get_hostdev (copy, id, &hostdev);
              if (hostdev.type == VD_HOSTDEV_OTHER)
                continue;
              ok = vd_domain_editor_set_hostdev_managed (copy, id, !hostdev.managed, &error);
              strip[0] = "/domain/devices/hostdev/@managed";
            }
          else if (kind == VD_DEVICE_KIND_REDIRDEV)
            {
              ok = vd_domain_editor_set_redirdev (copy, id, "tcp", "vd-corpus.example.com", 4999,
                                                  &error);
              strip[0] = "/domain/devices/redirdev";
            }
          else
            continue;
          g_assert_no_error (error);
          g_assert_true (ok);
          after = vd_domain_editor_get_xml (copy);
          g_clear_pointer (&message, g_free);
          read_back = define_and_read (after, &message);
          if (read_back == NULL)
            g_error ("%s: libvirt refused the edit of %s: %s", (char *)files->pdata[f], id,
                     message);
          assert_only_differs_in (files->pdata[f], original, read_back, strip);
          edited++;
        }
    }

  g_assert_cmpuint (edited, >, 10);
}

static const char usb_node_xml[] =
  "<device><name>usb_1_3</name><driver><name>usb-storage</name></driver>"
  "<capability type='usb_device'><bus>1</bus><device>3</device>"
  "<product id='0x5678'>Flash Stick</product><vendor id='0x1234'>Example Co.</vendor>"
  "</capability></device>";
static const char pci_node_xml[] =
  "<device><name>pci_0000_00_1f_3</name><driver><name>snd_hda_intel</name></driver>"
  "<capability type='pci'><class>0x040300</class><domain>0</domain><bus>0</bus>"
  "<slot>31</slot><function>3</function><product id='0xa348'/>"
  "<vendor id='0x8086'>Intel Corporation</vendor></capability></device>";

static void
test_node_device_parse (void)
{
  g_autoptr(VdNodeDevice) usb = vd_node_device_new_from_xml (usb_node_xml, NULL);
  g_autoptr(VdNodeDevice) pci = vd_node_device_new_from_xml (pci_node_xml, NULL);
  g_autoptr(VdNodeDevice) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) devices = g_ptr_array_new ();
  g_autofree char *address = NULL;
  g_autofree char *title = NULL;
  g_autofree char *hostdev_xml = NULL;
  VdNodeDevice *none;

  g_assert_nonnull (usb);
  g_assert_cmpint (usb->type, ==, VD_HOSTDEV_USB);
  g_assert_cmphex (usb->vendor_id, ==, 0x1234);
  g_assert_cmphex (usb->product_id, ==, 0x5678);
  g_assert_cmpstr (usb->vendor_name, ==, "Example Co.");
  g_assert_cmpstr (usb->product_name, ==, "Flash Stick");
  g_assert_cmpstr (usb->driver, ==, "usb-storage");
  address = vd_node_device_get_address (usb);
  g_assert_cmpstr (address, ==, "001:003");
  g_clear_pointer (&address, g_free);

  g_assert_nonnull (pci);
  g_assert_cmpint (pci->type, ==, VD_HOSTDEV_PCI);
  g_assert_cmpuint (pci->slot, ==, 31);
  address = vd_node_device_get_address (pci);
  g_assert_cmpstr (address, ==, "0000:00:1f.3");
  /* no product name: the title is the ids */
  title = vd_node_device_get_title (pci);
  g_assert_cmpstr (title, ==, "8086:a348");
  hostdev_xml = vd_node_device_to_hostdev_xml (pci);
  g_assert_cmpstr (hostdev_xml, ==,
                   "<hostdev mode='subsystem' type='pci' managed='yes'><source>"
                   "<address domain='0x0000' bus='0x00' slot='0x1f' function='0x3'/>"
                   "</source></hostdev>");

  none = vd_node_device_new_from_xml ("<device><name>computer</name>"
                                      "<capability type='system'/></device>", &error);
  g_assert_null (none);
  g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT);

  /* Marked once per guest, by the ids or the address. */
  g_ptr_array_add (devices, usb);
  g_ptr_array_add (devices, pci);
  vd_node_devices_mark_users (devices, "a", guest_xml);
  vd_node_devices_mark_users (devices, "a", guest_xml);
  vd_node_devices_mark_users (devices, "b",
                              "<domain><devices><hostdev mode='subsystem' type='usb'><source>"
                              "<address bus='1' device='3'/></source></hostdev>"
                              "<hostdev mode='subsystem' type='pci'><source>"
                              "<address domain='0x0000' bus='0x00' slot='0x1f' function='0x2'/>"
                              "</source></hostdev></devices></domain>");
  g_assert_cmpstr (usb->used_by, ==, "a, b");
  g_assert_null (pci->used_by);

  copy = vd_node_device_copy (usb);
  g_assert_cmpstr (copy->used_by, ==, "a, b");
  g_assert_cmpstr (copy->name, ==, "usb_1_3");
}

static void
test_list_node_devices (void)
{
  g_autofree char *uri = vd_test_fixture_uri ("hostdev.xml");
  g_autoptr(VdConnection) connection = vd_test_open (uri);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) devices = NULL;
  g_autofree char *names = NULL;
  GString *text = g_string_new (NULL);

  /* "hd" is the guest asked about: its own devices are not used by another */
  vd_connection_list_node_devices_async (connection, VD_NODE_DEVICE_USB | VD_NODE_DEVICE_PCI,
                                         "6695eb01-f6a4-8304-79aa-97f2502e5001", NULL,
                                         vd_test_async_result_cb, &result);
  VD_TEST_WAIT_RESULT (result);
  devices = vd_connection_list_node_devices_finish (connection, result, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < devices->len; i++)
    {
      VdNodeDevice *device = devices->pdata[i];

      g_string_append_printf (text, "%s=%s;", device->name,
                              device->used_by != NULL ? device->used_by : "");
    }
  names = g_string_free (text, FALSE);
  g_assert_cmpstr (names, ==,
                   "usb_1_3=;usb_2_5=;pci_0000_00_1f_3=other;pci_0000_02_00_0=;");
  g_clear_object (&result);
  g_clear_pointer (&devices, g_ptr_array_unref);

  /* Only PCI, asked for no guest: hd's devices count */
  vd_connection_list_node_devices_async (connection, VD_NODE_DEVICE_PCI, NULL, NULL,
                                         vd_test_async_result_cb, &result);
  VD_TEST_WAIT_RESULT (result);
  devices = vd_connection_list_node_devices_finish (connection, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (devices->len, ==, 2);
  g_assert_cmpstr (((VdNodeDevice *)devices->pdata[0])->product_name, ==,
                   "Cannon Lake PCH cAVS");
  g_assert_cmpstr (((VdNodeDevice *)devices->pdata[1])->used_by, ==, "hd");

  vd_connection_disconnect (connection);
  g_clear_object (&result);
  vd_connection_list_node_devices_async (connection, VD_NODE_DEVICE_PCI, NULL, NULL,
                                         vd_test_async_result_cb, &result);
  VD_TEST_WAIT_RESULT (result);
  g_assert_null (vd_connection_list_node_devices_finish (connection, result, &error));
  g_assert_error (error, VD_ERROR, VD_ERROR_NOT_CONNECTED);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  gvir_init_object_check (NULL, NULL, NULL);
  virSetErrorFunc (NULL, quiet_libvirt_cb);
  test_conn = virConnectOpen ("test:///default");
  g_assert_nonnull (test_conn);

  g_test_add_func ("/domain-editor-hostdev/get", test_get);
  g_test_add_func ("/domain-editor-hostdev/edits", test_edits);
  g_test_add_func ("/domain-editor-hostdev/invalid", test_invalid);
  g_test_add_func ("/domain-editor-hostdev/redirdev-spice-to-tcp", test_redirdev_spice_to_tcp);
  g_test_add_func ("/domain-editor-hostdev/corpus", test_corpus);
  g_test_add_func ("/node-devices/parse", test_node_device_parse);
  g_test_add_func ("/node-devices/list", test_list_node_devices);

  ret = g_test_run ();
  virConnectClose (test_conn);

  return ret;
}
