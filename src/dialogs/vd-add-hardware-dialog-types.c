/* vd-add-hardware-dialog-types.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-add-hardware"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vd-add-hardware-dialog-private.h"
#include "vd-connection-host.h"
#include "vd-domain-editor-hw.h"
#include "vd-storage-volume.h"

/*
 * The Add Hardware dialog's device types and the default device of each
 * for the guest the dialog edits (self->base): see the top of
 * vd-add-hardware-dialog.c.
 */

GPtrArray *
_vd_add_hardware_devices_of (VdDomainEditor *editor,
                             VdDeviceKind    kind)
{
  g_autoptr(GPtrArray) devices = vd_domain_editor_list_devices (editor);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < devices->len; i++)
    if (vd_device_ref_get_kind (devices->pdata[i]) == kind)
      g_ptr_array_add (ids, g_strdup (vd_device_ref_get_id (devices->pdata[i])));

  return ids;
}

/* Whether the guest uses virtio already (a disk, NIC, video, ...). */
static gboolean
uses_virtio (VdAddHardwareDialog *self)
{
  g_autofree char *xml = vd_domain_editor_get_xml (self->base);

  return strstr (xml, "'virtio'") != NULL || strstr (xml, "\"virtio\"") != NULL ||
         strstr (xml, "virtio-") != NULL;
}

static gboolean
xml_contains (VdAddHardwareDialog *self,
              const char          *needle)
{
  g_autofree char *xml = vd_domain_editor_get_xml (self->base);

  return strstr (xml, needle) != NULL;
}

static gboolean
is_q35 (VdAddHardwareDialog *self)
{
  return xml_contains (self, "q35");
}

static gboolean
is_x86 (VdAddHardwareDialog *self)
{
  return xml_contains (self, "arch=\"x86_64\"") || xml_contains (self, "arch='x86_64'") ||
         xml_contains (self, "arch=\"i686\"") || xml_contains (self, "arch='i686'");
}

/* A disk target free on @bus: the first of vda, vdb, ... (sd*, hd*) no
 * disk, CD-ROM or floppy of the guest has. */
static char *
free_target (VdAddHardwareDialog *self,
             const char          *bus)
{
  g_autoptr(GPtrArray) devices = vd_domain_editor_list_devices (self->base);
  g_autoptr(GPtrArray) used = g_ptr_array_new_with_free_func (g_free);
  const char *prefix = g_strcmp0 (bus, "virtio") == 0 ? "vd"
                       : g_strcmp0 (bus, "ide") == 0 ? "hd" : "sd";

  for (guint i = 0; i < devices->len; i++)
    {
      VdDeviceKind kind = vd_device_ref_get_kind (devices->pdata[i]);

      if (kind == VD_DEVICE_KIND_DISK || kind == VD_DEVICE_KIND_CDROM ||
          kind == VD_DEVICE_KIND_FLOPPY)
        {
          char *target = vd_domain_editor_get_disk_target (self->base,
                                                           vd_device_ref_get_id (devices->pdata[i]));
          if (target != NULL)
            g_ptr_array_add (used, target);
        }
    }
  g_ptr_array_add (used, NULL);

  for (char c = 'a'; c <= 'z'; c++)
    {
      g_autofree char *name = g_strdup_printf ("%s%c", prefix, c);

      if (!g_strv_contains ((const char * const *)used->pdata, name))
        return g_steal_pointer (&name);
    }

  return NULL;
}

/* The pool a new disk image goes to: "default", else the first active
 * pool with a directory. */
static VdStoragePool *
find_pool (VdAddHardwareDialog *self)
{
  VdConnection *connection = vd_domain_get_connection (self->domain);
  GListModel *pools = connection != NULL ? vd_connection_get_pools (connection) : NULL;
  VdStoragePool *found = NULL;

  for (guint i = 0; pools != NULL && i < g_list_model_get_n_items (pools); i++)
    {
      g_autoptr(VdStoragePool) pool = g_list_model_get_item (pools, i);

      if (!vd_storage_pool_get_active (pool))
        continue;
      if (g_strcmp0 (vd_storage_pool_get_name (pool), "default") == 0)
        {
          g_clear_object (&found);
          return g_steal_pointer (&pool);
        }
      if (found == NULL && vd_storage_pool_get_target_path (pool) != NULL)
        found = g_steal_pointer (&pool);
    }

  return found;
}

/* "<guest>-1.qcow2", or the next number no volume of the pool has. */
static char *
new_volume_name (VdAddHardwareDialog *self)
{
  for (guint n = 1; n < 1000; n++)
    {
      g_autofree char *name = g_strdup_printf ("%s-%u.qcow2", vd_domain_get_name (self->domain),
                                               n);
      VdStorageVolume *volume = vd_storage_pool_find_volume (self->pool, name);

      if (volume == NULL)
        return g_steal_pointer (&name);
    }

  return NULL;
}

static char *
build_disk (VdAddHardwareDialog  *self,
            char                **reason)
{
  const char *bus = uses_virtio (self) ? "virtio" : "sata";
  g_autofree char *target = free_target (self, bus);

  if (target == NULL)
    {
      *reason = g_strdup (_("Every disk name on the bus is taken"));
      return NULL;
    }
  g_clear_object (&self->pool);
  g_clear_pointer (&self->volume_name, g_free);
  self->pool = find_pool (self);
  if (self->pool != NULL)
    self->volume_name = new_volume_name (self);
  if (self->volume_name == NULL)
    {
      *reason = g_strdup (_("The host has no active storage pool for a new disk image"));
      return NULL;
    }

  return g_markup_printf_escaped ("<disk type='volume' device='disk'>"
                                  "<driver name='qemu' type='qcow2'/>"
                                  "<source pool='%s' volume='%s'/>"
                                  "<target dev='%s' bus='%s'/>"
                                  "</disk>",
                                  vd_storage_pool_get_name (self->pool), self->volume_name,
                                  target, bus);
}

/* A random locally administered MAC in QEMU's range that no NIC of the
 * guest has. */
static char *
new_mac (VdAddHardwareDialog *self)
{
  g_autoptr(GPtrArray) nics = _vd_add_hardware_devices_of (self->base, VD_DEVICE_KIND_INTERFACE);

  for (guint attempt = 0; attempt < 100; attempt++)
    {
      g_autofree char *mac = g_strdup_printf ("52:54:00:%02x:%02x:%02x",
                                              g_random_int_range (0, 256),
                                              g_random_int_range (0, 256),
                                              g_random_int_range (0, 256));
      gboolean taken = FALSE;

      for (guint i = 0; i < nics->len && !taken; i++)
        {
          g_autofree char *other = vd_domain_editor_get_nic_mac (self->base, nics->pdata[i]);

          taken = other != NULL && g_ascii_strcasecmp (other, mac) == 0;
        }
      if (!taken)
        return g_steal_pointer (&mac);
    }

  return NULL;
}

static char *
build_nic (VdAddHardwareDialog  *self,
           char                **reason)
{
  g_autofree char *mac = new_mac (self);
  g_autoptr(GPtrArray) nics = _vd_add_hardware_devices_of (self->base, VD_DEVICE_KIND_INTERFACE);
  g_autofree char *model = NULL;

  /* The model of the guest's other NICs, else virtio where it uses
   * virtio, else e1000e. */
  for (guint i = 0; i < nics->len && model == NULL; i++)
    model = vd_domain_editor_get_nic_model (self->base, nics->pdata[i]);
  if (model == NULL)
    model = g_strdup (uses_virtio (self) ? "virtio" : "e1000e");

  return g_markup_printf_escaped ("<interface type='network'>"
                                  "<mac address='%s'/>"
                                  "<source network='default'/>"
                                  "<model type='%s'/>"
                                  "</interface>", mac, model);
}

static char *
build_graphics (VdAddHardwareDialog  *self,
                char                **reason)
{
  g_autoptr(GPtrArray) displays = _vd_add_hardware_devices_of (self->base, VD_DEVICE_KIND_GRAPHICS);
  gboolean has_vnc = FALSE, has_spice = FALSE;

  for (guint i = 0; i < displays->len; i++)
    {
      g_autofree char *type = vd_domain_editor_get_graphics_type (self->base,
                                                                  displays->pdata[i]);

      has_vnc |= g_strcmp0 (type, "vnc") == 0;
      has_spice |= g_strcmp0 (type, "spice") == 0;
    }
  if (has_vnc && has_spice)
    {
      *reason = g_strdup (_("The guest has a VNC and a SPICE display already"));
      return NULL;
    }

  return g_strdup_printf ("<graphics type='%s' port='-1' autoport='yes'>"
                          "<listen type='address' address='127.0.0.1'/>"
                          "</graphics>", has_vnc ? "spice" : "vnc");
}

static char *
build_video (VdAddHardwareDialog  *self,
             char                **reason)
{
  g_autoptr(GPtrArray) videos = _vd_add_hardware_devices_of (self->base, VD_DEVICE_KIND_VIDEO);

  /* A second card is no VGA card. */
  return g_strdup_printf ("<video><model type='%s' heads='1'/></video>",
                          videos->len > 0 || uses_virtio (self) ? "virtio" : "vga");
}

static char *
build_input (VdAddHardwareDialog  *self,
             char                **reason)
{
  /* vd_domain_editor_add_device_xml() refuses it on a guest without USB. */
  return g_strdup ("<input type='tablet' bus='usb'/>");
}

static char *
build_sound (VdAddHardwareDialog  *self,
             char                **reason)
{
  return g_strdup_printf ("<sound model='%s'/>", is_q35 (self) ? "ich9" : "ich6");
}

static char *
build_serial (VdAddHardwareDialog  *self,
              char                **reason)
{
  return g_strdup ("<serial type='pty'/>");
}

static char *
build_console (VdAddHardwareDialog  *self,
               char                **reason)
{
  return g_strdup ("<console type='pty'><target type='virtio'/></console>");
}

static gboolean
has_channel (VdAddHardwareDialog *self,
             const char          *name)
{
  g_autofree char *single = g_strdup_printf ("name='%s'", name);
  g_autofree char *dbl = g_strdup_printf ("name=\"%s\"", name);

  return xml_contains (self, single) || xml_contains (self, dbl);
}

static char *
build_agent_channel (VdAddHardwareDialog  *self,
                     char                **reason)
{
  if (has_channel (self, "org.qemu.guest_agent.0"))
    {
      *reason = g_strdup (_("The guest has a QEMU guest agent channel already"));
      return NULL;
    }

  return g_strdup ("<channel type='unix'>"
                   "<target type='virtio' name='org.qemu.guest_agent.0'/>"
                   "</channel>");
}

static char *
build_spice_channel (VdAddHardwareDialog  *self,
                     char                **reason)
{
  if (has_channel (self, "com.redhat.spice.0"))
    {
      *reason = g_strdup (_("The guest has a SPICE agent channel already"));
      return NULL;
    }

  return g_strdup ("<channel type='spicevmc'>"
                   "<target type='virtio' name='com.redhat.spice.0'/>"
                   "</channel>");
}

static char *
build_watchdog (VdAddHardwareDialog  *self,
                char                **reason)
{
  g_autoptr(GPtrArray) watchdogs = _vd_add_hardware_devices_of (self->base, VD_DEVICE_KIND_WATCHDOG);

  if (watchdogs->len > 0)
    {
      *reason = g_strdup (_("The guest has a watchdog already"));
      return NULL;
    }

  return g_strdup ("<watchdog model='i6300esb' action='reset'/>");
}

static char *
build_rng (VdAddHardwareDialog  *self,
           char                **reason)
{
  return g_strdup ("<rng model='virtio'><backend model='random'>/dev/urandom</backend></rng>");
}

static char *
build_tpm (VdAddHardwareDialog  *self,
           char                **reason)
{
  g_autoptr(GPtrArray) tpms = _vd_add_hardware_devices_of (self->base, VD_DEVICE_KIND_TPM);

  if (tpms->len > 0)
    {
      *reason = g_strdup (_("The guest has a TPM already"));
      return NULL;
    }

  return g_strdup_printf ("<tpm model='%s'><backend type='emulator' version='2.0'/></tpm>",
                          is_q35 (self) ? "tpm-crb" : "tpm-tis");
}

static char *
build_panic (VdAddHardwareDialog  *self,
             char                **reason)
{
  g_autoptr(GPtrArray) panics = _vd_add_hardware_devices_of (self->base, VD_DEVICE_KIND_PANIC);

  if (!is_x86 (self))
    {
      *reason = g_strdup (_("Only x86 guests get a panic notifier here"));
      return NULL;
    }
  if (panics->len > 0)
    {
      *reason = g_strdup (_("The guest has a panic notifier already"));
      return NULL;
    }

  return g_strdup ("<panic model='isa'/>");
}

/* Controllers get the next free index of their type. */
static char *
build_controller (VdAddHardwareDialog  *self,
                  char                **reason)
{
  return g_strdup_printf ("<controller type='scsi' index='%u' model='virtio-scsi'/>",
                          vd_domain_editor_next_controller_index (self->base, "scsi"));
}

static char *
build_usb_controller (VdAddHardwareDialog  *self,
                      char                **reason)
{
  return g_strdup_printf ("<controller type='usb' index='%u' model='qemu-xhci'/>",
                          vd_domain_editor_next_controller_index (self->base, "usb"));
}

static char *
build_serial_controller (VdAddHardwareDialog  *self,
                         char                **reason)
{
  return g_strdup_printf ("<controller type='virtio-serial' index='%u'/>",
                          vd_domain_editor_next_controller_index (self->base, "virtio-serial"));
}

/* A mount tag no other shared folder of the guest has: share, share1, ... */
static char *
build_filesystem (VdAddHardwareDialog  *self,
                  char                **reason)
{
  g_autoptr(GPtrArray) folders = _vd_add_hardware_devices_of (self->base,
                                                              VD_DEVICE_KIND_FILESYSTEM);

  for (guint n = 0; n < 1000; n++)
    {
      g_autofree char *tag = n == 0 ? g_strdup ("share") : g_strdup_printf ("share%u", n);
      gboolean taken = FALSE;

      for (guint i = 0; i < folders->len && !taken; i++)
        {
          g_auto(VdFilesystem) fs = { 0 };

          vd_domain_editor_get_filesystem (self->base, folders->pdata[i], &fs);
          taken = g_strcmp0 (fs.target, tag) == 0;
        }
      /* no source yet: the page asks for the folder */
      if (!taken)
        return g_markup_printf_escaped ("<filesystem type='mount' accessmode='passthrough'>"
                                        "<driver type='virtiofs'/>"
                                        "<source dir=''/>"
                                        "<target dir='%s'/>"
                                        "</filesystem>", tag);
    }

  return NULL;
}

static char *
build_smartcard (VdAddHardwareDialog  *self,
                 char                **reason)
{
  g_autoptr(GPtrArray) cards = _vd_add_hardware_devices_of (self->base, VD_DEVICE_KIND_SMARTCARD);

  if (cards->len > 0)
    {
      *reason = g_strdup (_("The guest has a smartcard reader already"));
      return NULL;
    }
  if (xml_contains (self, "<graphics type=\"spice\"") ||
      xml_contains (self, "<graphics type='spice'"))
    return g_strdup ("<smartcard mode='passthrough' type='spicevmc'/>");

  return g_strdup ("<smartcard mode='host'/>");
}

/* A name no other shared memory region of the guest has: shmem0, ... */
static char *
build_shmem (VdAddHardwareDialog  *self,
             char                **reason)
{
  g_autoptr(GPtrArray) regions = _vd_add_hardware_devices_of (self->base, VD_DEVICE_KIND_SHMEM);

  for (guint n = 0; n < 1000; n++)
    {
      g_autofree char *name = g_strdup_printf ("shmem%u", n);
      gboolean taken = FALSE;

      for (guint i = 0; i < regions->len && !taken; i++)
        {
          g_autofree char *other = NULL;

          vd_domain_editor_get_shmem (self->base, regions->pdata[i], &other, NULL, NULL);
          taken = g_strcmp0 (other, name) == 0;
        }
      if (!taken)
        return g_markup_printf_escaped ("<shmem name='%s'><model type='ivshmem-plain'/>"
                                        "<size unit='M'>4</size></shmem>", name);
    }

  return NULL;
}

static char *
build_redirdev (VdAddHardwareDialog  *self,
                char                **reason)
{
  if (!xml_contains (self, "<graphics type=\"spice\"") &&
      !xml_contains (self, "<graphics type='spice'"))
    {
      *reason = g_strdup (_("USB redirection needs a SPICE display"));
      return NULL;
    }

  return g_strdup ("<redirdev bus='usb' type='spicevmc'/>");
}

/* A host device passed through: none chosen yet; the page lists the
 * host's devices and is invalid until one is picked. A USB one needs a
 * guest with USB (vd_domain_editor_add_device_xml() refuses it else). */
static char *
build_usb_hostdev (VdAddHardwareDialog  *self,
                   char                **reason)
{
  return g_strdup ("<hostdev mode='subsystem' type='usb' managed='yes'/>");
}

static char *
build_pci_hostdev (VdAddHardwareDialog  *self,
                   char                **reason)
{
  return g_strdup ("<hostdev mode='subsystem' type='pci' managed='yes'/>");
}

static const HwType types[] = {
  /* translators: a type of device in Add Hardware */
  { "disk", "drive-harddisk-symbolic", N_("Storage"), VD_DEVICE_KIND_DISK, build_disk },
  { "interface", "network-wired-symbolic", N_("Network interface"), VD_DEVICE_KIND_INTERFACE,
    build_nic },
  { "graphics", "video-display-symbolic", N_("Graphics"), VD_DEVICE_KIND_GRAPHICS,
    build_graphics },
  { "video", "video-display-symbolic", N_("Video"), VD_DEVICE_KIND_VIDEO, build_video },
  { "input", "input-tablet-symbolic", N_("Input (tablet)"), VD_DEVICE_KIND_INPUT, build_input },
  { "sound", "audio-card-symbolic", N_("Sound"), VD_DEVICE_KIND_SOUND, build_sound },
  { "serial", "utilities-terminal-symbolic", N_("Serial port"), VD_DEVICE_KIND_SERIAL,
    build_serial },
  { "console", "utilities-terminal-symbolic", N_("Console"), VD_DEVICE_KIND_CONSOLE,
    build_console },
  { "channel-agent", "network-transmit-receive-symbolic", N_("Channel: QEMU guest agent"),
    VD_DEVICE_KIND_CHANNEL, build_agent_channel },
  { "channel-spice", "network-transmit-receive-symbolic", N_("Channel: SPICE agent"),
    VD_DEVICE_KIND_CHANNEL, build_spice_channel },
  { "watchdog", "dialog-warning-symbolic", N_("Watchdog"), VD_DEVICE_KIND_WATCHDOG,
    build_watchdog },
  { "rng", "dialog-password-symbolic", N_("Random number generator"), VD_DEVICE_KIND_RNG,
    build_rng },
  { "tpm", "channel-secure-symbolic", N_("TPM"), VD_DEVICE_KIND_TPM, build_tpm },
  { "panic", "dialog-error-symbolic", N_("Panic notifier"), VD_DEVICE_KIND_PANIC, build_panic },
  { "controller", "drive-multidisk-symbolic", N_("SCSI controller"), VD_DEVICE_KIND_CONTROLLER,
    build_controller },
  { "controller-usb", "media-removable-symbolic", N_("USB controller"), VD_DEVICE_KIND_CONTROLLER,
    build_usb_controller },
  { "controller-virtio-serial", "utilities-terminal-symbolic", N_("Virtio-serial controller"),
    VD_DEVICE_KIND_CONTROLLER, build_serial_controller },
  { "filesystem", "folder-remote-symbolic", N_("Shared folder"), VD_DEVICE_KIND_FILESYSTEM,
    build_filesystem },
  { "smartcard", "auth-smartcard-symbolic", N_("Smartcard reader"), VD_DEVICE_KIND_SMARTCARD,
    build_smartcard },
  { "shmem", "drive-multidisk-symbolic", N_("Shared memory"), VD_DEVICE_KIND_SHMEM,
    build_shmem },
  { "redirdev", "media-removable-symbolic", N_("USB redirection"), VD_DEVICE_KIND_REDIRDEV,
    build_redirdev },
  { "usb-hostdev", "media-removable-symbolic", N_("USB host device"), VD_DEVICE_KIND_HOSTDEV,
    build_usb_hostdev },
  { "pci-hostdev", "drive-multidisk-symbolic", N_("PCI host device"), VD_DEVICE_KIND_HOSTDEV,
    build_pci_hostdev },
};

const HwType *
_vd_add_hardware_find_type (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_strcmp0 (types[i].id, id) == 0)
      return &types[i];

  return NULL;
}

/* Returns: (array length=n): every type, in the list's order */
const HwType *
_vd_add_hardware_get_types (guint *n)
{
  *n = G_N_ELEMENTS (types);

  return types;
}
