/* vd-new-vm-wizard.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-new-vm-wizard"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vd-application.h"
#include "vd-connection-host.h"
#include "vd-domain.h"
#include "vd-network.h"
#include "vd-new-vm-wizard-private.h"
#include "vd-osinfo.h"
#include "vd-storage-pool.h"
#include "vd-storage-volume.h"
#include "vd-vm-window.h"
#include "vd-volume-spec.h"

/*
 * The New Virtual Machine wizard: five steps filling a VdInstallSpec
 * (install method, OS, memory and CPUs, storage, name/network/firmware),
 * each field judged by vd_install_spec_check() as it is typed with the
 * reason under it; Forward stays off while the step has a wrong field.
 * The OS comes from libosinfo: detected on an ISO or a network install
 * tree when leaving the first step, or picked from a searchable list, and it sets the recommended
 * resources and the devices. Finish runs vd_connection_create_domain_async()
 * behind a progress page; Cancel there takes back what was made. Once
 * the guest is in the connection's list its window opens on the Console
 * (or on Details, not started, for "customize before install").
 *
 * Choosing an existing volume or file: Browse… opens the storage browser
 * (a volume of any pool, or a local file); the lists under the entries
 * offer the pools' volumes (and, for install media, the host's CD drives)
 * at once.
 */

G_DEFINE_FINAL_TYPE (VdNewVmWizard, vd_new_vm_wizard, GTK_TYPE_WINDOW)

/* The pages a user steps through, in order. */
static const char * const steps[] = { "method", "os", "resources", "storage", "finish" };

static void
set_string (char       **field,
            const char  *text)
{
  g_free (*field);
  *field = g_strstrip (g_strdup (text != NULL ? text : ""));
}

static const char *
active_id (GtkComboBoxText *combo)
{
  return gtk_combo_box_get_active_id (GTK_COMBO_BOX (combo));
}

/* ------------------------------------------------------------------ */
/* Widgets → spec                                                      */
/* ------------------------------------------------------------------ */

static VdInstallMethod
read_method (VdNewVmWizard *self)
{
  if (gtk_toggle_button_get_active (self->method_media_radio))
    return VD_INSTALL_METHOD_MEDIA;
  if (gtk_toggle_button_get_active (self->method_pxe_radio))
    return VD_INSTALL_METHOD_PXE;
  if (gtk_toggle_button_get_active (self->method_import_radio))
    return VD_INSTALL_METHOD_IMPORT;
  if (gtk_toggle_button_get_active (self->method_url_radio))
    return VD_INSTALL_METHOD_URL;
  return VD_INSTALL_METHOD_MANUAL;
}

/* The size as typed, or 0 with @message saying why it is none. */
static guint64
read_size (VdNewVmWizard  *self,
           char          **message)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_entry_get_text (self->size_entry)));
  const char *unit = active_id (self->size_unit_combo);
  guint64 bytes = 0;

  if (!vd_volume_spec_parse_size (text, unit ? unit : "GiB", &bytes, message))
    return 0;
  return bytes;
}

static void
sync_spec (VdNewVmWizard *self)
{
  VdInstallSpec *spec = self->spec;
  const char *net = active_id (self->net_combo);

  spec->method = read_method (self);
  set_string (&spec->media_path, gtk_entry_get_text (self->media_entry));
  spec->media_is_device = g_str_has_prefix (spec->media_path, "/dev/");
  set_string (&spec->pxe_network, active_id (self->pxe_combo));
  _vd_new_vm_wizard_url_sync_spec (self);
  _vd_new_vm_wizard_unattended_sync_spec (self);

  if (spec->method == VD_INSTALL_METHOD_IMPORT)
    {
      spec->disk = VD_INSTALL_DISK_EXISTING;
      set_string (&spec->disk_path, gtk_entry_get_text (self->import_entry));
    }
  else if (gtk_toggle_button_get_active (self->disk_existing_radio))
    {
      spec->disk = VD_INSTALL_DISK_EXISTING;
      set_string (&spec->disk_path, gtk_entry_get_text (self->existing_entry));
    }
  else if (gtk_toggle_button_get_active (self->disk_none_radio))
    spec->disk = VD_INSTALL_DISK_NONE;
  else
    {
      spec->disk = VD_INSTALL_DISK_NEW;
      g_clear_pointer (&spec->disk_path, g_free);
    }
  set_string (&spec->disk_pool, active_id (self->pool_combo));
  spec->disk_size = read_size (self, NULL);
  set_string (&spec->disk_format, active_id (self->format_combo));

  set_string (&spec->name, gtk_entry_get_text (self->name_entry));
  if (net == NULL || g_str_equal (net, "none"))
    spec->net = VD_INSTALL_NET_NONE;
  else if (g_str_has_prefix (net, "network:"))
    {
      spec->net = VD_INSTALL_NET_NETWORK;
      set_string (&spec->net_source, net + strlen ("network:"));
    }
  else
    {
      spec->net = g_str_equal (net, "bridge") ? VD_INSTALL_NET_BRIDGE : VD_INSTALL_NET_MACVTAP;
      set_string (&spec->net_source, gtk_entry_get_text (self->net_entry));
      set_string (&spec->macvtap_mode, active_id (self->macvtap_combo));
    }
  spec->firmware = g_strcmp0 (active_id (self->firmware_combo), "uefi") == 0
                     ? VD_INSTALL_FIRMWARE_UEFI : VD_INSTALL_FIRMWARE_BIOS;
  /* "auto": the creation picks KVM where the host lists it. */
  g_clear_pointer (&spec->domain_type, g_free);
  if (g_strcmp0 (active_id (self->hypervisor_combo), "auto") != 0)
    spec->domain_type = g_strdup (active_id (self->hypervisor_combo));
  spec->memory = gtk_spin_button_get_value_as_int (self->memory_spin);
  spec->vcpus = gtk_spin_button_get_value_as_int (self->vcpus_spin);
}

/* Spec → the widgets the OS choice changes. */
void
_vd_new_vm_wizard_show_spec_resources (VdNewVmWizard *self)
{
  g_autofree char *size = NULL;

  self->syncing = TRUE;
  gtk_spin_button_set_value (self->memory_spin, self->spec->memory);
  gtk_spin_button_set_value (self->vcpus_spin, self->spec->vcpus);
  size = g_strdup_printf ("%" G_GUINT64_FORMAT, self->spec->disk_size >> 30);
  gtk_entry_set_text (self->size_entry, size);
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->size_unit_combo), "GiB");
  if (self->spec->firmware == VD_INSTALL_FIRMWARE_BIOS)
    gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->firmware_combo), "bios");
  self->syncing = FALSE;
}

/* ------------------------------------------------------------------ */
/* Validation and buttons                                              */
/* ------------------------------------------------------------------ */

/* Shows @message under its field (hidden when %NULL); TRUE when fine. */
static gboolean
show_message (GtkLabel *label,
              char     *message)
{
  gtk_label_set_text (label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
  g_free (message);
  return !gtk_widget_get_visible (GTK_WIDGET (label));
}

static gboolean
check (VdNewVmWizard      *self,
       VdInstallSpecField  field,
       GtkLabel           *label)
{
  return show_message (label, vd_install_spec_check (self->spec, field,
                                                     vd_connection_get_domains (self->connection),
                                                     &self->limits));
}

static gboolean
page_valid (VdNewVmWizard *self,
            const char    *page)
{
  if (g_str_equal (page, "method"))
    {
      gboolean ok = check (self, VD_INSTALL_SPEC_FIELD_MEDIA, self->media_error);

      ok &= check (self, VD_INSTALL_SPEC_FIELD_PXE_NETWORK, self->pxe_error);
      ok &= check (self, VD_INSTALL_SPEC_FIELD_URL, self->url_error);
      if (self->spec->method == VD_INSTALL_METHOD_IMPORT)
        ok &= check (self, VD_INSTALL_SPEC_FIELD_DISK_PATH, self->import_error);
      else
        show_message (self->import_error, NULL);
      return ok;
    }
  if (g_str_equal (page, "os"))
    {
      gboolean ok = _vd_new_vm_wizard_unattended_valid (self);

      return _vd_new_vm_wizard_url_tree_ready (self) && ok;
    }
  if (g_str_equal (page, "resources"))
    {
      gboolean ok = check (self, VD_INSTALL_SPEC_FIELD_MEMORY, self->memory_error);

      ok &= check (self, VD_INSTALL_SPEC_FIELD_VCPUS, self->vcpus_error);
      show_message (self->vcpus_warning,
                    vd_install_spec_get_warning (self->spec, VD_INSTALL_SPEC_FIELD_VCPUS,
                                                 &self->limits));
      return ok;
    }
  if (g_str_equal (page, "storage"))
    {
      gboolean ok = check (self, VD_INSTALL_SPEC_FIELD_DISK_POOL, self->pool_error);
      char *size_message = NULL;

      /* The parser's reason first ("not a number"), then the spec's. */
      if (self->spec->disk == VD_INSTALL_DISK_NEW && read_size (self, &size_message) == 0 &&
          size_message != NULL)
        ok &= show_message (self->size_error, size_message);
      else
        {
          g_free (size_message);
          ok &= check (self, VD_INSTALL_SPEC_FIELD_DISK_SIZE, self->size_error);
        }
      if (self->spec->method != VD_INSTALL_METHOD_IMPORT)
        ok &= check (self, VD_INSTALL_SPEC_FIELD_DISK_PATH, self->existing_error);
      return ok;
    }
  if (g_str_equal (page, "finish"))
    {
      gboolean ok = check (self, VD_INSTALL_SPEC_FIELD_NAME, self->name_error);

      ok &= check (self, VD_INSTALL_SPEC_FIELD_NETWORK, self->net_error);
      return ok && vd_install_spec_validate (self->spec,
                                             vd_connection_get_domains (self->connection),
                                             &self->limits, NULL);
    }
  return FALSE;
}

static gboolean
step_used (VdNewVmWizard *self,
           const char    *page)
{
  /* An imported image is the disk: there is nothing to choose. */
  if (g_str_equal (page, "storage"))
    return self->spec->method != VD_INSTALL_METHOD_IMPORT;
  return TRUE;
}

static int
current_step (VdNewVmWizard *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (g_strcmp0 (steps[i], page) == 0)
      return i;
  return -1;
}

static void
update_buttons (VdNewVmWizard *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  int step = current_step (self);
  guint shown = 0, position = 0;

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (step_used (self, steps[i]))
      {
        shown++;
        if ((int)i <= step)
          position = shown;
      }

  if (step >= 0)
    {
      g_autofree char *text = g_strdup_printf (_("Step %u of %u"), position, shown);
      gtk_label_set_text (self->step_label, text);
    }
  else if (!self->creating)
    gtk_label_set_text (self->step_label, "");

  gtk_widget_set_sensitive (GTK_WIDGET (self->back_button),
                            step > 0 || g_strcmp0 (page, "error") == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->next_button), step >= 0);
  gtk_button_set_label (self->next_button,
                        g_strcmp0 (page, "finish") == 0 ? _("_Finish") : _("_Forward"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button),
                            step >= 0 && page_valid (self, page));
}

static const char *
net_label (const VdInstallSpec *spec)
{
  switch (spec->method == VD_INSTALL_METHOD_PXE ? VD_INSTALL_NET_NETWORK : spec->net)
    {
    case VD_INSTALL_NET_NETWORK:
      return _("virtual network");
    case VD_INSTALL_NET_BRIDGE:
      return _("bridge");
    case VD_INSTALL_NET_MACVTAP:
      return _("macvtap");
    case VD_INSTALL_NET_NONE:
    default:
      return _("none");
    }
}

static void
update_summary (VdNewVmWizard *self)
{
  const VdInstallSpec *spec = self->spec;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *size = g_format_size_full (spec->disk_size, G_FORMAT_SIZE_IEC_UNITS);
  g_autoptr(GPtrArray) devices = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *device_list = NULL;
  const char *os = self->os ? osinfo_product_get_name (OSINFO_PRODUCT (self->os))
                            : _("Generic OS");

  g_string_append_printf (text, _("OS: %s"), os);
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("Memory: %u MiB, vCPUs: %u"), (guint)spec->memory, spec->vcpus);
  g_string_append_c (text, '\n');
  if (spec->disk == VD_INSTALL_DISK_NEW)
    g_string_append_printf (text, _("Disk: new, %s %s in “%s”"), size,
                            spec->disk_format ? spec->disk_format : "",
                            spec->disk_pool ? spec->disk_pool : "");
  else if (spec->disk == VD_INSTALL_DISK_EXISTING)
    g_string_append_printf (text, _("Disk: %s"), spec->disk_path ? spec->disk_path : "");
  else
    g_string_append (text, _("Disk: none"));
  g_string_append_c (text, '\n');
  /* Only the devices the guest gets: no disk without one, no NIC without
   * a network. */
  if (spec->disk != VD_INSTALL_DISK_NONE)
    /* translators: in the New VM summary's list of devices; %s is a disk
     * bus such as “virtio” or “sata” */
    g_ptr_array_add (devices, g_strdup_printf (_("%s disk"), spec->disk_bus));
  if (spec->method == VD_INSTALL_METHOD_PXE || spec->net != VD_INSTALL_NET_NONE)
    /* translators: in the New VM summary's list of devices; %s is a network
     * card model such as “virtio” or “e1000e” */
    g_ptr_array_add (devices, g_strdup_printf (_("%s NIC"), spec->nic_model));
  /* translators: in the New VM summary's list of devices; %s is a video
   * model such as “virtio” or “vga” */
  g_ptr_array_add (devices, g_strdup_printf (_("%s video"), spec->video_model));
  g_ptr_array_add (devices, NULL);
  /* translators: between two devices in the New VM summary's list */
  device_list = g_strjoinv (_(", "), (char **)devices->pdata);
  /* translators: %s is the list of devices, such as “virtio disk, virtio
   * NIC, virtio video” */
  g_string_append_printf (text, _("Devices: %s"), device_list);
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("Network: %s"), net_label (spec));
  gtk_label_set_text (self->summary_label, text->str);
}

static void
update_visibility (VdNewVmWizard *self)
{
  const VdInstallSpec *spec = self->spec;
  const char *net = active_id (self->net_combo);
  gboolean device = net != NULL && (g_str_equal (net, "bridge") || g_str_equal (net, "macvtap"));
  gboolean macvtap = g_strcmp0 (net, "macvtap") == 0;

  gtk_widget_set_sensitive (self->media_box, spec->method == VD_INSTALL_METHOD_MEDIA);
  gtk_widget_set_sensitive (self->pxe_box, spec->method == VD_INSTALL_METHOD_PXE);
  gtk_widget_set_sensitive (self->import_box, spec->method == VD_INSTALL_METHOD_IMPORT);
  gtk_widget_set_sensitive (self->url_box, spec->method == VD_INSTALL_METHOD_URL);
  /* A network install's first boot is its install configuration: it
   * starts at once (its kernel volumes go after the start). */
  gtk_widget_set_sensitive (GTK_WIDGET (self->customize_check),
                            spec->method != VD_INSTALL_METHOD_URL);
  gtk_widget_set_sensitive (self->new_disk_box, spec->disk == VD_INSTALL_DISK_NEW);
  gtk_widget_set_sensitive (self->existing_disk_box,
                            gtk_toggle_button_get_active (self->disk_existing_radio));
  /* A PXE guest's card is on the network it boots from. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->net_combo), spec->method != VD_INSTALL_METHOD_PXE);
  gtk_widget_set_visible (GTK_WIDGET (self->net_entry_label), device);
  gtk_widget_set_visible (GTK_WIDGET (self->net_entry), device);
  gtk_widget_set_visible (GTK_WIDGET (self->macvtap_label), macvtap);
  gtk_widget_set_visible (GTK_WIDGET (self->macvtap_combo), macvtap);
  gtk_widget_set_visible (GTK_WIDGET (self->customize_help),
                          gtk_toggle_button_get_active (self->customize_check));
}

void
_vd_new_vm_wizard_revalidate (VdNewVmWizard *self)
{
  sync_spec (self);
  update_visibility (self);
  update_summary (self);
  update_buttons (self);
}

static void
field_changed_cb (VdNewVmWizard *self)
{
  if (self->spec != NULL && !self->syncing && !self->disposed)
    _vd_new_vm_wizard_revalidate (self);
}

static void
page_changed_cb (VdNewVmWizard *self)
{
  if (self->spec != NULL && !self->disposed)
    update_buttons (self);
}

/* ------------------------------------------------------------------ */
/* Name                                                                */
/* ------------------------------------------------------------------ */

static void
name_changed_cb (VdNewVmWizard *self)
{
  if (!self->syncing)
    self->name_edited = TRUE;
  field_changed_cb (self);
}

/* Until the user types one: the OS's short id, or "vm", made unique. */
static void
propose_name (VdNewVmWizard *self)
{
  const char *base = self->spec->os_short_id ? self->spec->os_short_id : "vm";
  g_autofree char *name = g_strdup (base);

  if (self->name_edited)
    return;
  for (guint n = 2; vd_connection_find_domain_by_name (self->connection, name) != NULL; n++)
    {
      g_free (name);
      name = g_strdup_printf ("%s-%u", base, n);
    }
  self->syncing = TRUE;
  gtk_entry_set_text (self->name_entry, name);
  self->syncing = FALSE;
}

/* ------------------------------------------------------------------ */
/* Navigation and creation                                             */
/* ------------------------------------------------------------------ */

static void
show_step (VdNewVmWizard *self,
           int            step,
           int            direction)
{
  while (step >= 0 && step < (int)G_N_ELEMENTS (steps) && !step_used (self, steps[step]))
    step += direction;
  if (step < 0 || step >= (int)G_N_ELEMENTS (steps))
    return;
  if (g_str_equal (steps[step], "finish"))
    propose_name (self);
  gtk_stack_set_visible_child_name (self->stack, steps[step]);
  _vd_new_vm_wizard_revalidate (self);
}

static void
open_guest_window (VdNewVmWizard *self,
                   VdDomain      *domain)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  GApplication *app = parent ? G_APPLICATION (gtk_window_get_application (parent)) : NULL;
  const char *page = gtk_toggle_button_get_active (self->customize_check) &&
                     self->spec->method != VD_INSTALL_METHOD_URL ? "details" : "console";

  if (app == NULL)
    app = g_application_get_default ();
  if (VD_IS_APPLICATION (app))
    vd_application_show_vm_window (VD_APPLICATION (app), domain, page);
  else
    {
      VdVmWindow *window = vd_vm_window_new (GTK_IS_APPLICATION (app) ? GTK_APPLICATION (app)
                                                                       : NULL, domain, NULL);

      vd_vm_window_set_page (window, page);
      gtk_window_present (GTK_WINDOW (window));
    }
}

/* The guest is made: its window opens once the connection lists it
 * (libvirt's event, or the refresh asked for below). */
static gboolean
try_open_guest (VdNewVmWizard *self)
{
  VdDomain *domain;

  if (self->new_uuid == NULL)
    return FALSE;
  domain = vd_connection_find_domain_by_uuid (self->connection, self->new_uuid);
  if (domain == NULL)
    return FALSE;

  g_clear_pointer (&self->new_uuid, g_free);
  open_guest_window (self, domain);
  gtk_widget_destroy (GTK_WIDGET (self));
  return TRUE;
}

static void
domains_changed_cb (VdNewVmWizard *self)
{
  if (!try_open_guest (self))
    field_changed_cb (self);
}

static void
refresh_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(VdNewVmWizard) self = user_data;
  g_autoptr(GError) error = NULL;

  vd_connection_refresh_domains_finish (VD_CONNECTION (object), result, &error);
  if (self->disposed)
    return;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || try_open_guest (self))
    return;
  if (self->new_uuid != NULL)
    {
      /* Made, but not listed: say so rather than wait for ever. */
      gtk_label_set_text (self->error_label,
                          _("The guest was created but the connection does not list it yet. "
                            "Close this window and open it from the list."));
      gtk_stack_set_visible_child_name (self->stack, "error");
      gtk_widget_set_visible (GTK_WIDGET (self->back_button), FALSE);
    }
}

/* A creation that failed: its message on the error page, Back to fix it. */
void
_vd_new_vm_wizard_show_error (VdNewVmWizard *self,
                              const char    *message)
{
  self->creating = FALSE;
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), TRUE);
  gtk_label_set_text (self->error_label, message);
  gtk_stack_set_visible_child_name (self->stack, "error");
  update_buttons (self);
}

static void
create_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(VdNewVmWizard) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = vd_connection_create_domain_finish (VD_CONNECTION (object), result,
                                                              &error);

  self->creating = FALSE;
  /* Destroyed while creating: the creation was cancelled with it. */
  if (self->disposed)
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), TRUE);
  if (self->closing || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Cancelled: what was made is gone again. */
      gtk_widget_destroy (GTK_WIDGET (self));
      return;
    }
  if (uuid == NULL)
    {
      _vd_new_vm_wizard_show_error (self, error->message);
      return;
    }

  self->new_uuid = g_steal_pointer (&uuid);
  gtk_label_set_text (self->progress_label, _("Opening the guest’s window…"));
  if (!try_open_guest (self))
    vd_connection_refresh_domains_async (self->connection, self->cancellable, refresh_cb,
                                         g_object_ref (self));
}

static void
progress_cb (VdCreateDomainStep step,
             guint64            done,
             guint64            total,
             gpointer           user_data)
{
  VdNewVmWizard *self = user_data;
  g_autofree char *bytes = NULL;
  const char *text;
  gboolean download = step == VD_CREATE_DOMAIN_STEP_DOWNLOAD_KERNEL ||
                      step == VD_CREATE_DOMAIN_STEP_DOWNLOAD_INITRD;

  if (!self->creating || self->closing || self->disposed)
    return;
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), download);
  if (download)
    {
      g_autofree char *so_far = g_format_size_full (done, G_FORMAT_SIZE_IEC_UNITS);

      if (total > 0)
        {
          g_autofree char *size = g_format_size_full (total, G_FORMAT_SIZE_IEC_UNITS);

          /* translators: bytes downloaded so far, of the file's size ("1.2 MB of 60 MB") */
          bytes = g_strdup_printf (_("%s of %s"), so_far, size);
          gtk_progress_bar_set_fraction (self->progress_bar, (double)MIN (done, total) / total);
        }
      else
        {
          bytes = g_steal_pointer (&so_far);
          gtk_progress_bar_pulse (self->progress_bar);
        }
      gtk_progress_bar_set_text (self->progress_bar, bytes);
    }
  switch (step)
    {
    case VD_CREATE_DOMAIN_STEP_DOWNLOAD_KERNEL:
      text = _("Downloading the install kernel…");
      break;
    case VD_CREATE_DOMAIN_STEP_DOWNLOAD_INITRD:
      text = _("Downloading the install initrd…");
      break;
    case VD_CREATE_DOMAIN_STEP_EXTRACT_KERNEL:
      text = _("Reading the install kernel from the ISO…");
      break;
    case VD_CREATE_DOMAIN_STEP_EXTRACT_INITRD:
      text = _("Reading the install initrd from the ISO…");
      break;
    case VD_CREATE_DOMAIN_STEP_UPLOAD:
      text = _("Copying the install kernel and initrd into the storage pool…");
      break;
    case VD_CREATE_DOMAIN_STEP_VOLUME:
      text = _("Creating the disk…");
      break;
    case VD_CREATE_DOMAIN_STEP_DEFINE:
      text = _("Defining the guest…");
      break;
    case VD_CREATE_DOMAIN_STEP_START:
    default:
      text = _("Starting the guest…");
      break;
    }
  gtk_label_set_text (self->progress_label, text);
}

static void
create (VdNewVmWizard *self)
{
  g_autofree char *text = NULL;

  sync_spec (self);
  /* translators: %s is the new guest's name */
  text = g_strdup_printf (_("Creating the guest “%s”…"), self->spec->name);
  gtk_label_set_text (self->step_label, text);
  gtk_label_set_text (self->progress_label, text);
  gtk_label_set_text (self->error_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
  gtk_stack_set_visible_child_name (self->stack, "progress");
  gtk_widget_set_sensitive (GTK_WIDGET (self->back_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->next_button), FALSE);

  self->creating = TRUE;
  g_clear_object (&self->create_cancellable);
  self->create_cancellable = g_cancellable_new ();
  if (_vd_new_vm_wizard_unattended_active (self))
    _vd_new_vm_wizard_unattended_generate (self);
  else
    _vd_new_vm_wizard_start_create (self);
}

/* The creation itself (after an unattended install's script is made). */
void
_vd_new_vm_wizard_start_create (VdNewVmWizard *self)
{
  vd_connection_create_domain_async (self->connection, self->spec,
                                     self->spec->method == VD_INSTALL_METHOD_URL ||
                                     !gtk_toggle_button_get_active (self->customize_check),
                                     progress_cb, g_object_ref (self), g_object_unref,
                                     self->create_cancellable, create_cb, g_object_ref (self));
}

static void
next_cb (VdNewVmWizard *self)
{
  int step = current_step (self);

  _vd_new_vm_wizard_revalidate (self);
  if (step < 0 || !page_valid (self, steps[step]))
    return;
  if (g_str_equal (steps[step], "method"))
    _vd_new_vm_wizard_detect_os (self);
  if (g_str_equal (steps[step], "finish"))
    create (self);
  else
    show_step (self, step + 1, +1);
}

static void
back_cb (VdNewVmWizard *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  if (g_strcmp0 (page, "error") == 0)
    show_step (self, G_N_ELEMENTS (steps) - 1, -1);
  else if (current_step (self) > 0)
    show_step (self, current_step (self) - 1, -1);
}

/* During creation, Cancel stops after the running libvirt call and takes
 * back what was made; the wizard closes when that is done. */
static void
cancel_cb (VdNewVmWizard *self)
{
  if (self->creating)
    {
      self->closing = TRUE;
      g_cancellable_cancel (self->create_cancellable);
      gtk_label_set_text (self->progress_label, _("Cancelling and removing what was made…"));
      gtk_widget_set_sensitive (GTK_WIDGET (self->cancel_button), FALSE);
      return;
    }
  gtk_widget_destroy (GTK_WIDGET (self));
}

static gboolean
delete_event_cb (VdNewVmWizard *self)
{
  if (!self->creating)
    return FALSE;
  cancel_cb (self);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */
/* ------------------------------------------------------------------ */

static void
vd_new_vm_wizard_dispose (GObject *object)
{
  VdNewVmWizard *self = VD_NEW_VM_WIZARD (object);

  self->disposed = TRUE;
  /* The models outlive the widgets (a running creation keeps this object
   * until it is undone): stop hearing them now, not at finalize. */
  if (self->connection != NULL)
    {
      g_signal_handlers_disconnect_by_data (vd_connection_get_pools (self->connection), self);
      g_signal_handlers_disconnect_by_data (vd_connection_get_networks (self->connection), self);
      g_signal_handlers_disconnect_by_data (vd_connection_get_domains (self->connection), self);
    }
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->create_cancellable != NULL)
    g_cancellable_cancel (self->create_cancellable);
  if (self->tree_cancellable != NULL)
    g_cancellable_cancel (self->tree_cancellable);
  g_clear_object (&self->tree_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->create_cancellable);
  g_clear_object (&self->connection);
  g_clear_object (&self->os);
  g_clear_object (&self->detected_os);
  _vd_new_vm_wizard_unattended_forget (self);

  G_OBJECT_CLASS (vd_new_vm_wizard_parent_class)->dispose (object);
}

static void
vd_new_vm_wizard_finalize (GObject *object)
{
  VdNewVmWizard *self = VD_NEW_VM_WIZARD (object);

  g_clear_pointer (&self->spec, vd_install_spec_free);
  g_free (self->detected_path);
  g_free (self->new_uuid);
  g_strfreev (self->cd_drives);
  g_clear_pointer (&self->tree, vd_url_tree_free);

  G_OBJECT_CLASS (vd_new_vm_wizard_parent_class)->finalize (object);
}

static void
vd_new_vm_wizard_class_init (VdNewVmWizardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vd_new_vm_wizard_dispose;
  object_class->finalize = vd_new_vm_wizard_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/virtdesk/VirtDesk/wizards/"
                                               "vd-new-vm-wizard.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, VdNewVmWizard, name)
  CHILD (stack);
  CHILD (cancel_button);
  CHILD (back_button);
  CHILD (next_button);
  CHILD (step_label);
  CHILD (method_media_radio);
  CHILD (method_pxe_radio);
  CHILD (method_import_radio);
  CHILD (method_manual_radio);
  CHILD (method_url_radio);
  CHILD (url_box);
  CHILD (url_entry);
  CHILD (url_error);
  CHILD (kernel_args_entry);
  CHILD (detect_spinner);
  CHILD (detect_cancel_button);
  CHILD (detect_retry_button);
  CHILD (progress_bar);
  CHILD (media_box);
  CHILD (media_entry);
  CHILD (media_volume_combo);
  CHILD (media_error);
  CHILD (pxe_box);
  CHILD (pxe_combo);
  CHILD (pxe_error);
  CHILD (import_box);
  CHILD (import_entry);
  CHILD (import_volume_combo);
  CHILD (import_error);
  CHILD (detect_label);
  CHILD (os_search);
  CHILD (os_list);
  CHILD (os_label);
  CHILD (memory_spin);
  CHILD (memory_error);
  CHILD (vcpus_spin);
  CHILD (vcpus_error);
  CHILD (vcpus_warning);
  CHILD (recommended_label);
  CHILD (host_label);
  CHILD (disk_new_radio);
  CHILD (disk_existing_radio);
  CHILD (disk_none_radio);
  CHILD (new_disk_box);
  CHILD (pool_combo);
  CHILD (pool_error);
  CHILD (size_entry);
  CHILD (size_unit_combo);
  CHILD (size_error);
  CHILD (format_combo);
  CHILD (existing_disk_box);
  CHILD (existing_entry);
  CHILD (existing_volume_combo);
  CHILD (existing_error);
  CHILD (name_entry);
  CHILD (name_error);
  CHILD (net_combo);
  CHILD (net_entry_label);
  CHILD (net_entry);
  CHILD (macvtap_label);
  CHILD (macvtap_combo);
  CHILD (net_error);
  CHILD (firmware_combo);
  CHILD (hypervisor_combo);
  CHILD (customize_check);
  CHILD (customize_help);
  CHILD (summary_label);
  CHILD (progress_label);
  CHILD (error_label);
#undef CHILD
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, page_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, next_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_cb);
  gtk_widget_class_bind_template_callback (widget_class, delete_event_cb);
  _vd_new_vm_wizard_os_bind (widget_class);
  _vd_new_vm_wizard_sources_bind (widget_class);
  _vd_new_vm_wizard_url_bind (widget_class);
  _vd_new_vm_wizard_unattended_bind (widget_class);
}

static void
vd_new_vm_wizard_init (VdNewVmWizard *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  _vd_new_vm_wizard_unattended_init (self);
  self->cancellable = g_cancellable_new ();
}

/**
 * vd_new_vm_wizard_new:
 * @parent: (nullable): the window it is transient for; the guest's window
 *   opens through its application
 *
 * Returns: (transfer floating): the wizard for a new guest on
 *   @connection, on its first step
 */
GtkWidget *
vd_new_vm_wizard_new (GtkWindow    *parent,
                      VdConnection *connection)
{
  VdNewVmWizard *self;

  g_return_val_if_fail (VD_IS_CONNECTION (connection), NULL);

  self = g_object_new (VD_TYPE_NEW_VM_WIZARD, "transient-for", parent, NULL);
  self->connection = g_object_ref (connection);
  self->limits.host_cpus = vd_connection_get_host_cpus (connection);
  self->limits.host_memory = vd_connection_get_host_memory_total (connection);

  /* The spec's defaults fill the fields, then the fields fill the spec. */
  self->spec = vd_install_spec_new ();
  self->syncing = TRUE;
  gtk_toggle_button_set_active (self->method_manual_radio, TRUE);
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->format_combo), self->spec->disk_format);
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->macvtap_combo), self->spec->macvtap_mode);
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->firmware_combo), "bios");
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->hypervisor_combo), "auto");
  self->syncing = FALSE;
  _vd_new_vm_wizard_show_spec_resources (self);
  _vd_new_vm_wizard_os_init (self);
  _vd_new_vm_wizard_sources_init (self);
  gtk_stack_set_visible_child_name (self->stack, "method");
  _vd_new_vm_wizard_revalidate (self);

  /* Names are judged against the connection's guests; a created guest's
   * window opens once it is listed. */
  g_signal_connect_object (vd_connection_get_domains (connection), "items-changed",
                           G_CALLBACK (domains_changed_cb), self, G_CONNECT_SWAPPED);

  return GTK_WIDGET (self);
}

/**
 * vd_new_vm_wizard_get_page:
 *
 * Returns: the visible page: "method", "os", "resources", "storage",
 *   "finish", "progress" or "error"
 */
const char *
vd_new_vm_wizard_get_page (VdNewVmWizard *self)
{
  g_return_val_if_fail (VD_IS_NEW_VM_WIZARD (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * vd_new_vm_wizard_get_spec:
 *
 * Returns: (transfer none): what the fields say now
 */
const VdInstallSpec *
vd_new_vm_wizard_get_spec (VdNewVmWizard *self)
{
  g_return_val_if_fail (VD_IS_NEW_VM_WIZARD (self), NULL);

  return self->spec;
}

/**
 * vd_new_vm_wizard_get_cd_drives_listed:
 *
 * Returns: whether the host's CD drives are in the media list yet
 */
gboolean
vd_new_vm_wizard_get_cd_drives_listed (VdNewVmWizard *self)
{
  g_return_val_if_fail (VD_IS_NEW_VM_WIZARD (self), FALSE);

  return self->cd_drives != NULL;
}

/**
 * vd_new_vm_wizard_get_os_loaded:
 *
 * Returns: whether the OS list holds libosinfo's entries yet
 */
gboolean
vd_new_vm_wizard_get_os_loaded (VdNewVmWizard *self)
{
  g_return_val_if_fail (VD_IS_NEW_VM_WIZARD (self), FALSE);

  return self->os_loaded;
}
