/* vd-install-spec.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-install-spec"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vd-domain.h"
#include "vd-error.h"
#include "vd-install-spec.h"

/*
 * What the New Virtual Machine wizard collects, judged one field at a
 * time so each reason can stand next to its field. The XML is
 * vd-install-spec-xml.c; creating the guest, vd-domain-create.c; the OS
 * data that fills the device choices, vd-osinfo.c.
 */

G_DEFINE_BOXED_TYPE (VdInstallSpec, vd_install_spec, vd_install_spec_copy, vd_install_spec_free)

static void
set (char       **field,
     const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

/**
 * vd_install_spec_set_generic_devices:
 *
 * Sets the devices for an OS libosinfo does not know: the ones every PC
 * guest has drivers for (SATA, e1000e, VGA, an EHCI controller), BIOS.
 */
void
vd_install_spec_set_generic_devices (VdInstallSpec *spec)
{
  g_return_if_fail (spec != NULL);

  set (&spec->disk_bus, "sata");
  set (&spec->nic_model, "e1000e");
  set (&spec->video_model, "vga");
  set (&spec->usb_model, "ich9-ehci1");
  spec->tablet = TRUE;
  spec->firmware = VD_INSTALL_FIRMWARE_BIOS;
}

/**
 * vd_install_spec_new:
 *
 * Returns: (transfer full): the wizard's start: manual install, 2 GiB of
 *   memory, 2 vCPUs, a new 20 GiB qcow2 disk, the "default" network,
 *   generic devices
 */
VdInstallSpec *
vd_install_spec_new (void)
{
  VdInstallSpec *spec = g_new0 (VdInstallSpec, 1);

  spec->method = VD_INSTALL_METHOD_MANUAL;
  spec->memory = 2048;
  spec->vcpus = 2;
  spec->disk = VD_INSTALL_DISK_NEW;
  spec->disk_size = (guint64)20 << 30;
  spec->disk_format = g_strdup ("qcow2");
  spec->net = VD_INSTALL_NET_NETWORK;
  spec->net_source = g_strdup ("default");
  spec->macvtap_mode = g_strdup ("bridge");
  spec->arch = g_strdup ("x86_64");
  /* NULL: the best the host offers, chosen when the guest is created. */
  spec->domain_type = NULL;
  vd_install_spec_set_generic_devices (spec);
  return spec;
}

VdInstallSpec *
vd_install_spec_copy (const VdInstallSpec *spec)
{
  VdInstallSpec *copy;

  g_return_val_if_fail (spec != NULL, NULL);

  copy = g_new0 (VdInstallSpec, 1);
  *copy = *spec;
  copy->media_path = g_strdup (spec->media_path);
  copy->url = g_strdup (spec->url);
  copy->uuid = g_strdup (spec->uuid);
  copy->install_initrd = g_strdup (spec->install_initrd);
  copy->install_kernel = g_strdup (spec->install_kernel);
  copy->install_arg = g_strdup (spec->install_arg);
  copy->tree_initrd = g_strdup (spec->tree_initrd);
  copy->tree_kernel = g_strdup (spec->tree_kernel);
  copy->kernel_args = g_strdup (spec->kernel_args);
  copy->pxe_network = g_strdup (spec->pxe_network);
  copy->os_id = g_strdup (spec->os_id);
  copy->os_short_id = g_strdup (spec->os_short_id);
  copy->disk_pool = g_strdup (spec->disk_pool);
  copy->disk_format = g_strdup (spec->disk_format);
  copy->disk_path = g_strdup (spec->disk_path);
  copy->name = g_strdup (spec->name);
  copy->net_source = g_strdup (spec->net_source);
  copy->macvtap_mode = g_strdup (spec->macvtap_mode);
  copy->arch = g_strdup (spec->arch);
  copy->domain_type = g_strdup (spec->domain_type);
  copy->disk_bus = g_strdup (spec->disk_bus);
  copy->nic_model = g_strdup (spec->nic_model);
  copy->video_model = g_strdup (spec->video_model);
  copy->usb_model = g_strdup (spec->usb_model);
  copy->script = vd_install_script_copy (spec->script);
  return copy;
}

void
vd_install_spec_free (VdInstallSpec *spec)
{
  if (spec == NULL)
    return;

  g_free (spec->media_path);
  g_free (spec->url);
  g_free (spec->uuid);
  g_free (spec->install_initrd);
  g_free (spec->install_kernel);
  g_free (spec->install_arg);
  g_free (spec->tree_initrd);
  g_free (spec->tree_kernel);
  g_free (spec->kernel_args);
  g_free (spec->pxe_network);
  g_free (spec->os_id);
  g_free (spec->os_short_id);
  g_free (spec->disk_pool);
  g_free (spec->disk_format);
  g_free (spec->disk_path);
  g_free (spec->name);
  vd_install_script_free (spec->script);
  g_free (spec->net_source);
  g_free (spec->macvtap_mode);
  g_free (spec->arch);
  g_free (spec->domain_type);
  g_free (spec->disk_bus);
  g_free (spec->nic_model);
  g_free (spec->video_model);
  g_free (spec->usb_model);
  g_free (spec);
}

static gboolean
is_set (const char *text)
{
  return text != NULL && *text != '\0';
}

/**
 * vd_install_spec_uses_field:
 *
 * Returns: whether @field matters for what @spec says now (the media for
 *   the media method, the pool for a new disk, ...)
 */
gboolean
vd_install_spec_uses_field (const VdInstallSpec *spec,
                            VdInstallSpecField   field)
{
  g_return_val_if_fail (spec != NULL, FALSE);

  switch (field)
    {
    case VD_INSTALL_SPEC_FIELD_MEDIA:
      return spec->method == VD_INSTALL_METHOD_MEDIA;
    case VD_INSTALL_SPEC_FIELD_PXE_NETWORK:
      return spec->method == VD_INSTALL_METHOD_PXE;
    case VD_INSTALL_SPEC_FIELD_URL:
      return spec->method == VD_INSTALL_METHOD_URL;
    case VD_INSTALL_SPEC_FIELD_DISK_POOL:
    case VD_INSTALL_SPEC_FIELD_DISK_SIZE:
      return spec->disk == VD_INSTALL_DISK_NEW;
    case VD_INSTALL_SPEC_FIELD_DISK_PATH:
      return spec->disk == VD_INSTALL_DISK_EXISTING;
    case VD_INSTALL_SPEC_FIELD_NETWORK:
      return spec->net != VD_INSTALL_NET_NONE;
    case VD_INSTALL_SPEC_FIELD_MEMORY:
    case VD_INSTALL_SPEC_FIELD_VCPUS:
    case VD_INSTALL_SPEC_FIELD_NAME:
      return TRUE;
    case VD_INSTALL_SPEC_N_FIELDS:
    default:
      return FALSE;
    }
}

/* libvirt's own rules for a domain name (virDomainDefParseXML and the
 * drivers): not empty, no "/" (names become file names), no control
 * characters; the manager also refuses names virsh would take for an id
 * (all digits) and leading or trailing blanks. */
static char *
check_name (const char *name,
            GListModel *domains)
{
  guint n;

  if (!is_set (name))
    return g_strdup (_("Enter a name."));
  if (!g_utf8_validate (name, -1, NULL))
    return g_strdup (_("The name is not valid text."));
  if (g_utf8_strlen (name, -1) > 200)
    return g_strdup (_("The name is too long (at most 200 characters)."));
  if (strchr (name, '/') != NULL)
    return g_strdup (_("The name cannot contain “/”."));
  for (const char *p = name; *p != '\0'; p++)
    if (g_ascii_iscntrl (*p))
      return g_strdup (_("The name cannot contain control characters or line breaks."));
  if (g_ascii_isspace (name[0]) || g_ascii_isspace (name[strlen (name) - 1]))
    return g_strdup (_("The name cannot start or end with a space."));
  if (strspn (name, "0123456789") == strlen (name))
    return g_strdup (_("The name cannot be only digits: it would read as a guest’s ID."));

  n = domains != NULL ? g_list_model_get_n_items (domains) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VdDomain) domain = g_list_model_get_item (domains, i);

      if (g_strcmp0 (vd_domain_get_name (domain), name) == 0)
        return g_strdup_printf (_("A guest named “%s” exists already."), name);
    }
  return NULL;
}

static char *
check_path (const char *path,
            const char *empty_message)
{
  if (!is_set (path))
    return g_strdup (empty_message);
  if (!g_path_is_absolute (path))
    return g_strdup (_("Enter an absolute path (starting with “/”)."));
  return NULL;
}

static char *
check_url (const char *url)
{
  /* What the kernel and initrd can be downloaded from. */
  static const char * const schemes[] = { "http", "https", "ftp", NULL };
  g_autoptr(GUri) uri = NULL;

  if (!is_set (url))
    return g_strdup (_("Enter the URL of an install tree."));
  for (const char *p = url; *p != '\0'; p++)
    if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p))
      return g_strdup (_("The URL cannot contain spaces or line breaks."));
  uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return g_strdup (_("This is not a URL (for example http://deb.debian.org/debian/)."));
  if (!g_strv_contains (schemes, g_uri_get_scheme (uri)))
    return g_strdup (_("The URL must start with http://, https:// or ftp://."));
  if (g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    return g_strdup (_("The URL has no server name."));
  return NULL;
}

static char *
check_memory (const VdInstallSpec   *spec,
              const VdInstallLimits *limits)
{
  guint64 host_mib = limits != NULL ? limits->host_memory / (1024 * 1024) : 0;
  g_autofree char *amount = NULL;

  if (spec->memory == 0)
    return g_strdup (_("The guest needs some memory."));
  if (spec->min_memory > 0 && spec->memory < spec->min_memory)
    {
      amount = g_strdup_printf ("%" G_GUINT64_FORMAT, spec->min_memory);
      /* translators: %s is an amount of memory in MiB */
      return g_strdup_printf (_("This OS needs at least %s MiB."), amount);
    }
  if (host_mib > 0 && spec->memory > host_mib)
    {
      amount = g_strdup_printf ("%" G_GUINT64_FORMAT, host_mib);
      /* translators: %s is an amount of memory in MiB */
      return g_strdup_printf (_("The host has only %s MiB."), amount);
    }
  return NULL;
}

/**
 * vd_install_spec_check:
 * @domains: (nullable): the connection's guests, for a unique name
 * @limits: (nullable): the host's memory and CPUs
 *
 * Judges one field of @spec (whatever the others say).
 *
 * Returns: (transfer full) (nullable): why @field is wrong, %NULL when it
 *   is fine or not used
 */
char *
vd_install_spec_check (const VdInstallSpec   *spec,
                       VdInstallSpecField     field,
                       GListModel            *domains,
                       const VdInstallLimits *limits)
{
  g_return_val_if_fail (spec != NULL, NULL);

  if (!vd_install_spec_uses_field (spec, field))
    return NULL;

  switch (field)
    {
    case VD_INSTALL_SPEC_FIELD_MEDIA:
      return check_path (spec->media_path,
                         _("Choose an installer ISO image, a volume or a CD drive."));
    case VD_INSTALL_SPEC_FIELD_PXE_NETWORK:
      return is_set (spec->pxe_network)
               ? NULL : g_strdup (_("Choose the virtual network to boot from."));
    case VD_INSTALL_SPEC_FIELD_URL:
      return check_url (spec->url);
    case VD_INSTALL_SPEC_FIELD_MEMORY:
      return check_memory (spec, limits);
    case VD_INSTALL_SPEC_FIELD_VCPUS:
      return spec->vcpus == 0 ? g_strdup (_("The guest needs at least one vCPU.")) : NULL;
    case VD_INSTALL_SPEC_FIELD_DISK_POOL:
      return is_set (spec->disk_pool) ? NULL : g_strdup (_("Choose a storage pool."));
    case VD_INSTALL_SPEC_FIELD_DISK_SIZE:
      return spec->disk_size == 0 ? g_strdup (_("Enter a size greater than zero.")) : NULL;
    case VD_INSTALL_SPEC_FIELD_DISK_PATH:
      return check_path (spec->disk_path, _("Choose a volume or a disk image file."));
    case VD_INSTALL_SPEC_FIELD_NAME:
      return check_name (spec->name, domains);
    case VD_INSTALL_SPEC_FIELD_NETWORK:
      if (is_set (spec->net_source))
        return NULL;
      if (spec->net == VD_INSTALL_NET_NETWORK)
        return g_strdup (_("Choose a virtual network."));
      if (spec->net == VD_INSTALL_NET_BRIDGE)
        return g_strdup (_("Enter the host bridge (for example br0)."));
      return g_strdup (_("Enter the host device (for example eth0)."));
    case VD_INSTALL_SPEC_N_FIELDS:
    default:
      return NULL;
    }
}

/**
 * vd_install_spec_get_warning:
 *
 * Returns: (transfer full) (nullable): a caution about @field that does
 *   not stop the creation: more vCPUs than the host has
 */
char *
vd_install_spec_get_warning (const VdInstallSpec   *spec,
                             VdInstallSpecField     field,
                             const VdInstallLimits *limits)
{
  g_return_val_if_fail (spec != NULL, NULL);

  if (field == VD_INSTALL_SPEC_FIELD_VCPUS && limits != NULL && limits->host_cpus > 0 &&
      spec->vcpus > limits->host_cpus)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "The host has only %u CPU: the guest will run slowly.",
                                         "The host has only %u CPUs: the guest will run slowly.",
                                         limits->host_cpus),
                            limits->host_cpus);
  return NULL;
}

/**
 * vd_install_spec_validate:
 *
 * Checks every field in order.
 *
 * Returns: %TRUE when @spec can be created; otherwise @error
 *   (%VD_ERROR_INVALID_ARGUMENT) says the first field's reason
 */
gboolean
vd_install_spec_validate (const VdInstallSpec   *spec,
                          GListModel            *domains,
                          const VdInstallLimits *limits,
                          GError               **error)
{
  g_return_val_if_fail (spec != NULL, FALSE);

  for (int field = 0; field < VD_INSTALL_SPEC_N_FIELDS; field++)
    {
      g_autofree char *message = vd_install_spec_check (spec, field, domains, limits);

      if (message != NULL)
        {
          g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT, message);
          return FALSE;
        }
    }
  if (spec->method == VD_INSTALL_METHOD_URL && (!is_set (spec->tree_kernel) ||
                                                !is_set (spec->tree_initrd)))
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                           _("The install tree’s kernel and initrd are not known yet: the tree "
                             "has to be read first."));
      return FALSE;
    }
  if (spec->script != NULL && spec->method == VD_INSTALL_METHOD_MEDIA)
    {
      /* A local ISO install: the kernel and initrd are extracted from the
       * ISO by this process (vd-domain-create.c), at the paths libosinfo
       * names for its medium. */
      if (spec->media_is_device || !is_set (spec->media_path) ||
          !g_path_is_absolute (spec->media_path))
        {
          g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                               _("An unattended install from an ISO needs the ISO as a file on "
                                 "this computer."));
          return FALSE;
        }
      if (!is_set (spec->tree_kernel) || !is_set (spec->tree_initrd))
        {
          g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                               _("libosinfo names no kernel and initrd on this OS’s install "
                                 "media: an unattended install needs them."));
          return FALSE;
        }
    }
  else if (spec->script != NULL && spec->method != VD_INSTALL_METHOD_URL)
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                           _("An unattended install needs a network install or an ISO file."));
      return FALSE;
    }
  return TRUE;
}

/**
 * vd_install_spec_get_volume_name:
 *
 * Returns: (transfer full): the new disk's volume name: the guest's name
 *   with the format as extension ("debian.qcow2")
 */
char *
vd_install_spec_get_volume_name (const VdInstallSpec *spec)
{
  g_return_val_if_fail (spec != NULL, NULL);

  if (!is_set (spec->disk_format) || g_str_equal (spec->disk_format, "raw"))
    return g_strdup_printf ("%s.img", spec->name ? spec->name : "");
  return g_strdup_printf ("%s.%s", spec->name ? spec->name : "", spec->disk_format);
}

/**
 * vd_install_spec_get_cmdline:
 *
 * The kernel command line of a network install's first boot: the OS's
 * argument naming the tree ("inst.repo=URL"), an unattended install's
 * script arguments ("inst.ks=file:/fedora.ks"), then the user's arguments
 * (last: the user's word wins).
 *
 * Returns: (transfer full): the command line
 */
char *
vd_install_spec_get_cmdline (const VdInstallSpec *spec)
{
  GString *cmdline;

  g_return_val_if_fail (spec != NULL, NULL);

  cmdline = g_string_new (NULL);
  if (is_set (spec->url))
    g_string_append_printf (cmdline, "%s=%s",
                            is_set (spec->install_arg) ? spec->install_arg : "inst.repo",
                            spec->url);
  if (spec->script != NULL && is_set (spec->script->cmdline))
    {
      if (cmdline->len > 0)
        g_string_append_c (cmdline, ' ');
      g_string_append (cmdline, spec->script->cmdline);
    }
  if (is_set (spec->kernel_args))
    {
      g_autofree char *args = g_strstrip (g_strdup (spec->kernel_args));

      if (cmdline->len > 0 && *args != '\0')
        g_string_append_c (cmdline, ' ');
      g_string_append (cmdline, args);
    }
  return g_string_free (cmdline, FALSE);
}

/**
 * vd_install_spec_get_boot_pool:
 *
 * Returns: (transfer full): the pool a network install's kernel and initrd
 *   volumes go to: the new disk's, else "default"
 */
char *
vd_install_spec_get_boot_pool (const VdInstallSpec *spec)
{
  g_return_val_if_fail (spec != NULL, NULL);

  if (spec->disk == VD_INSTALL_DISK_NEW && is_set (spec->disk_pool))
    return g_strdup (spec->disk_pool);
  return g_strdup ("default");
}
