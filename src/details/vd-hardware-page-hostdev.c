/* vd-hardware-page-hostdev.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-hardware-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vd-hardware-page-hostdev.h"
#include "vd-domain-editor-hostdev.h"
#include "vd-error.h"
#include "vd-node-devices.h"

/*
 * A USB or PCI device of the host passed through to the guest: which
 * device (its vendor and product names and where it sits on the host, as
 * the host's node devices say), and Change… to pick another from the
 * host's list (searchable; a device another guest has already is marked
 * with a warning). A USB device has a startup policy (what happens when
 * it is missing as the guest starts); a PCI device is managed or not and
 * has its ROM BAR. Other kinds of host device (SCSI, mediated devices)
 * are shown read only.
 *
 * In Add Hardware (new-device) the list is shown at once and the page is
 * invalid until a device is picked. The host's devices are read in a
 * worker (vd_connection_list_node_devices_async) when the page first
 * loads.
 */

enum {
  COL_TITLE,
  COL_ADDRESS,
  COL_DRIVER,
  COL_USED_BY,
  COL_INDEX,
  N_COLUMNS
};

struct _VdHardwarePageHostdev
{
  VdHardwarePageDevice  parent_instance;

  /* Template widgets */
  GtkLabel             *heading_label;
  GtkWidget            *remove_button;
  GtkLabel             *device_label;
  GtkLabel             *address_label;
  GtkWidget            *change_button;
  GtkWidget            *chooser_box;
  GtkSearchEntry       *search_entry;
  GtkTreeView          *device_view;
  GtkListStore         *device_store;
  GtkTreeModelFilter   *device_filter;
  GtkLabel             *device_message;
  GtkWidget            *used_box;
  GtkLabel             *used_label;
  GtkWidget            *policy_title;
  GtkComboBox          *policy_combo;
  GtkLabel             *policy_message;
  GtkWidget            *managed_check;
  GtkWidget            *rom_title;
  GtkComboBox          *rom_combo;
  GtkLabel             *other_label;

  /* Owned references */
  GPtrArray            *devices;   /* the host's, VdNodeDevice */
  VdNodeDevice         *picked;    /* chosen in the list, NULL: unchanged */
  GCancellable         *cancellable;
  VdHostdevType         type;
  gboolean              listing;
};

G_DEFINE_FINAL_TYPE (VdHardwarePageHostdev, vd_hardware_page_hostdev,
                     VD_TYPE_HARDWARE_PAGE_DEVICE)

enum {
  PROP_0,
  PROP_LISTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char *
device_id (VdHardwarePageHostdev *self)
{
  return vd_hardware_page_device_get_device_id (VD_HARDWARE_PAGE_DEVICE (self));
}

/* The host device the guest's definition names, if the host has it. */
static const VdNodeDevice *
find_listed (VdHardwarePageHostdev *self,
             const VdHostdev       *hostdev)
{
  for (guint i = 0; self->devices != NULL && i < self->devices->len; i++)
    if (vd_node_device_matches (self->devices->pdata[i], hostdev))
      return self->devices->pdata[i];

  return NULL;
}

static void
show_used (VdHardwarePageHostdev *self,
           const VdNodeDevice    *device)
{
  g_autofree char *text = NULL;

  if (device != NULL && device->used_by != NULL)
    /* translators: %s is one or more guests' names */
    text = g_strdup_printf (_("The guest “%s” has this device too: only one running guest "
                              "can use it at a time."), device->used_by);
  gtk_label_set_text (self->used_label, text != NULL ? text : "");
  gtk_widget_set_visible (self->used_box, text != NULL);
}

/* The device and address labels: the picked device, else the one the
 * editor names. */
static void
show_device (VdHardwarePageHostdev *self,
             const VdHostdev       *hostdev)
{
  const VdNodeDevice *device = self->picked != NULL ? self->picked : find_listed (self, hostdev);
  g_autofree char *title = NULL;
  g_autofree char *address = NULL;

  if (device != NULL)
    {
      g_autofree char *where = vd_node_device_get_address (device);

      title = vd_node_device_get_title (device);
      if (device->type == VD_HOSTDEV_USB)
        /* translators: where a USB device is on the host: bus:device, then its ids */
        address = g_strdup_printf (_("USB %s (%04x:%04x)"), where, device->vendor_id,
                                   device->product_id);
      else
        /* translators: a PCI address (0000:02:00.0), then the device's ids */
        address = g_strdup_printf (_("PCI %s (%04x:%04x)"), where, device->vendor_id,
                                   device->product_id);
    }
  else if (hostdev->type == VD_HOSTDEV_USB && hostdev->vendor != 0)
    {
      title = g_strdup (_("A USB device the host does not list now"));
      /* translators: a USB device's vendor and product ids */
      address = g_strdup_printf (_("Vendor %04x, product %04x"), hostdev->vendor,
                                 hostdev->product);
    }
  else if (hostdev->type == VD_HOSTDEV_USB && hostdev->has_address)
    {
      title = g_strdup (_("A USB device the host does not list now"));
      /* translators: where a USB device is plugged in on the host */
      address = g_strdup_printf (_("USB bus %u, device %u"), hostdev->bus, hostdev->device);
    }
  else if (hostdev->type == VD_HOSTDEV_PCI && hostdev->has_address)
    {
      title = g_strdup (_("A PCI device the host does not list now"));
      address = g_strdup_printf ("PCI %04x:%02x:%02x.%x", hostdev->domain, hostdev->bus,
                                 hostdev->slot, hostdev->function);
    }
  else
    title = g_strdup (_("None chosen yet"));

  gtk_label_set_text (self->device_label, title);
  gtk_label_set_text (self->address_label, address != NULL ? address : "");
  show_used (self, device);
}

static void
fill_store (VdHardwarePageHostdev *self)
{
  gtk_list_store_clear (self->device_store);
  for (guint i = 0; self->devices != NULL && i < self->devices->len; i++)
    {
      VdNodeDevice *device = self->devices->pdata[i];
      g_autofree char *title = NULL;
      g_autofree char *address = NULL;

      if (device->type != self->type)
        continue;
      title = vd_node_device_get_title (device);
      address = vd_node_device_get_address (device);
      gtk_list_store_insert_with_values (self->device_store, NULL, -1,
                                         COL_TITLE, title,
                                         COL_ADDRESS, address,
                                         COL_DRIVER, device->driver != NULL ? device->driver : "",
                                         COL_USED_BY, device->used_by != NULL ? device->used_by : "",
                                         COL_INDEX, i,
                                         -1);
    }
}

static void
list_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(VdHardwarePageHostdev) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) devices = NULL;
  VdDomainEditor *editor;

  devices = vd_connection_list_node_devices_finish (VD_CONNECTION (object), result, &error);
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  self->listing = FALSE;
  if (devices == NULL)
    {
      vd_hardware_page_set_field_message (self->device_message, error->message);
      return;
    }
  g_clear_pointer (&self->devices, g_ptr_array_unref);
  self->devices = g_steal_pointer (&devices);
  fill_store (self);

  editor = vd_hardware_page_get_editor (VD_HARDWARE_PAGE (self));
  if (editor != NULL)
    {
      g_auto(VdHostdev) hostdev = { 0 };

      vd_domain_editor_get_hostdev (editor, device_id (self), &hostdev);
      show_device (self, &hostdev);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LISTED]);
}

static void
start_listing (VdHardwarePageHostdev *self)
{
  VdDomain *domain = vd_hardware_page_get_domain (VD_HARDWARE_PAGE (self));
  VdConnection *connection = domain != NULL ? vd_domain_get_connection (domain) : NULL;

  if (self->listing || self->devices != NULL || connection == NULL ||
      self->type == VD_HOSTDEV_OTHER)
    return;
  self->listing = TRUE;
  vd_connection_list_node_devices_async (connection,
                                         self->type == VD_HOSTDEV_USB ? VD_NODE_DEVICE_USB
                                                                      : VD_NODE_DEVICE_PCI,
                                         vd_domain_get_uuid (domain), self->cancellable,
                                         list_done_cb, g_object_ref (self));
}

static void
show_chooser (VdHardwarePageHostdev *self,
              gboolean               shown)
{
  gtk_widget_set_visible (self->chooser_box, shown);
  gtk_widget_set_visible (self->change_button,
                          !shown && self->type != VD_HOSTDEV_OTHER &&
                          !vd_hardware_page_device_get_new_device (VD_HARDWARE_PAGE_DEVICE (self)));
  if (shown)
    start_listing (self);
}

static void
change_clicked_cb (VdHardwarePageHostdev *self)
{
  show_chooser (self, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
search_changed_cb (VdHardwarePageHostdev *self)
{
  gtk_tree_model_filter_refilter (self->device_filter);
}

static gboolean
visible_func (GtkTreeModel *model,
              GtkTreeIter  *iter,
              gpointer      user_data)
{
  VdHardwarePageHostdev *self = user_data;
  g_autofree char *needle = NULL;
  g_autofree char *haystack = NULL;
  g_autofree char *title = NULL;
  g_autofree char *address = NULL;
  g_autofree char *driver = NULL;
  const char *search = gtk_entry_get_text (GTK_ENTRY (self->search_entry));
  guint index = 0;
  VdNodeDevice *device;

  if (search == NULL || search[0] == '\0')
    return TRUE;
  gtk_tree_model_get (model, iter, COL_TITLE, &title, COL_ADDRESS, &address,
                      COL_DRIVER, &driver, COL_INDEX, &index, -1);
  if (self->devices == NULL || index >= self->devices->len)
    return FALSE;
  device = self->devices->pdata[index];
  haystack = g_strdup_printf ("%s %s %s %04x:%04x %s", title, address, driver,
                              device->vendor_id, device->product_id,
                              device->name != NULL ? device->name : "");
  needle = g_utf8_casefold (search, -1);
  {
    g_autofree char *folded = g_utf8_casefold (haystack, -1);

    return strstr (folded, needle) != NULL;
  }
}

static void
selection_changed_cb (VdHardwarePageHostdev *self,
                      GtkTreeSelection      *selection)
{
  GtkTreeModel *model = NULL;
  GtkTreeIter iter;
  guint index = 0;

  if (vd_hardware_page_is_loading (VD_HARDWARE_PAGE (self)) ||
      !gtk_tree_selection_get_selected (selection, &model, &iter))
    return;
  gtk_tree_model_get (model, &iter, COL_INDEX, &index, -1);
  if (self->devices == NULL || index >= self->devices->len)
    return;
  g_clear_pointer (&self->picked, vd_node_device_free);
  self->picked = vd_node_device_copy (self->devices->pdata[index]);
  {
    g_auto(VdHostdev) none = { 0 };

    show_device (self, &none);
  }
  vd_hardware_page_changed (VD_HARDWARE_PAGE (self));
}

static void
vd_hardware_page_hostdev_load (VdHardwarePage *page,
                               VdDomainEditor *editor)
{
  VdHardwarePageHostdev *self = VD_HARDWARE_PAGE_HOSTDEV (page);
  g_autofree char *label = vd_hardware_page_device_get_label (VD_HARDWARE_PAGE_DEVICE (self),
                                                              editor);
  g_auto(VdHostdev) hostdev = { 0 };
  gboolean usb, pci;
  gboolean new_device = vd_hardware_page_device_get_new_device (VD_HARDWARE_PAGE_DEVICE (self));
  VdHostdevType old_type = self->type;

  vd_domain_editor_get_hostdev (editor, device_id (self), &hostdev);
  self->type = hostdev.type;
  usb = hostdev.type == VD_HOSTDEV_USB;
  pci = hostdev.type == VD_HOSTDEV_PCI;
  if (old_type != self->type && self->devices != NULL)
    fill_store (self);

  gtk_label_set_text (self->heading_label, label);
  g_clear_pointer (&self->picked, vd_node_device_free);
  gtk_tree_selection_unselect_all (gtk_tree_view_get_selection (self->device_view));
  show_device (self, &hostdev);
  vd_hardware_page_set_field_message (self->device_message, NULL);

  gtk_widget_set_visible (self->policy_title, usb);
  gtk_widget_set_visible (GTK_WIDGET (self->policy_combo), usb);
  vd_hardware_page_device_set_combo (self->policy_combo, hostdev.startup_policy);
  gtk_widget_set_visible (self->managed_check, pci);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (self->managed_check), hostdev.managed);
  gtk_widget_set_visible (self->rom_title, pci);
  gtk_widget_set_visible (GTK_WIDGET (self->rom_combo), pci);
  gtk_combo_box_set_active_id (self->rom_combo, hostdev.rom_bar > 0 ? "on"
                                                : hostdev.rom_bar == 0 ? "off" : "");
  gtk_widget_set_visible (GTK_WIDGET (self->other_label), hostdev.type == VD_HOSTDEV_OTHER);
  gtk_widget_set_visible (GTK_WIDGET (self->address_label), hostdev.type != VD_HOSTDEV_OTHER);

  /* Revert closes the list again (Details); Add Hardware always shows it. */
  show_chooser (self, new_device && hostdev.type != VD_HOSTDEV_OTHER);
  start_listing (self);
}

static gboolean
vd_hardware_page_hostdev_commit (VdHardwarePage  *page,
                                 VdDomainEditor  *editor,
                                 GError         **error)
{
  VdHardwarePageHostdev *self = VD_HARDWARE_PAGE_HOSTDEV (page);
  const char *id = device_id (self);
  g_auto(VdHostdev) hostdev = { 0 };
  GError *local_error = NULL;

  vd_hardware_page_set_field_message (self->device_message, NULL);
  vd_hardware_page_set_field_message (self->policy_message, NULL);
  if (!vd_domain_editor_get_hostdev (editor, id, &hostdev) || hostdev.type == VD_HOSTDEV_OTHER)
    return TRUE;

  if (self->picked != NULL && !vd_node_device_matches (self->picked, &hostdev))
    {
      gboolean ok;

      if (self->picked->type == VD_HOSTDEV_USB)
        ok = vd_domain_editor_set_hostdev_usb_ids (editor, id, self->picked->vendor_id,
                                                   self->picked->product_id, &local_error);
      else
        ok = vd_domain_editor_set_hostdev_pci_address (editor, id, self->picked->domain,
                                                       self->picked->bus, self->picked->slot,
                                                       self->picked->function, &local_error);
      if (!ok)
        return vd_hardware_page_device_field_error (self->device_message, local_error, error);
    }
  else if (self->picked == NULL && hostdev.vendor == 0 && !hostdev.has_address)
    {
      local_error = g_error_new_literal (VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                                         _("Pick one of the host’s devices in the list."));
      return vd_hardware_page_device_field_error (self->device_message, local_error, error);
    }

  if (hostdev.type == VD_HOSTDEV_USB)
    {
      const char *policy = vd_hardware_page_device_get_combo (self->policy_combo);

      if (g_strcmp0 (policy, hostdev.startup_policy) != 0 &&
          !vd_domain_editor_set_hostdev_startup_policy (editor, id, policy, &local_error))
        return vd_hardware_page_device_field_error (self->policy_message, local_error, error);
    }
  else
    {
      gboolean managed = gtk_toggle_button_get_active (GTK_TOGGLE_BUTTON (self->managed_check));
      const char *bar = gtk_combo_box_get_active_id (self->rom_combo);
      int rom_bar = g_strcmp0 (bar, "on") == 0 ? 1 : g_strcmp0 (bar, "off") == 0 ? 0 : -1;

      if (managed != hostdev.managed &&
          !vd_domain_editor_set_hostdev_managed (editor, id, managed, error))
        return FALSE;
      if (rom_bar != hostdev.rom_bar &&
          !vd_domain_editor_set_hostdev_rom_bar (editor, id, rom_bar, error))
        return FALSE;
    }

  return TRUE;
}

static void
vd_hardware_page_hostdev_dispose (GObject *object)
{
  VdHardwarePageHostdev *self = (VdHardwarePageHostdev *)object;

  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (vd_hardware_page_hostdev_parent_class)->dispose (object);
}

static void
vd_hardware_page_hostdev_finalize (GObject *object)
{
  VdHardwarePageHostdev *self = (VdHardwarePageHostdev *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->devices, g_ptr_array_unref);
  g_clear_pointer (&self->picked, vd_node_device_free);

  G_OBJECT_CLASS (vd_hardware_page_hostdev_parent_class)->finalize (object);
}

static void
vd_hardware_page_hostdev_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  VdHardwarePageHostdev *self = VD_HARDWARE_PAGE_HOSTDEV (object);

  switch (prop_id)
    {
    case PROP_LISTED:
      g_value_set_boolean (value, vd_hardware_page_hostdev_get_listed (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vd_hardware_page_hostdev_class_init (VdHardwarePageHostdevClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  VdHardwarePageClass *page_class = VD_HARDWARE_PAGE_CLASS (klass);

  object_class->dispose = vd_hardware_page_hostdev_dispose;
  object_class->finalize = vd_hardware_page_hostdev_finalize;
  object_class->get_property = vd_hardware_page_hostdev_get_property;
  page_class->load = vd_hardware_page_hostdev_load;
  page_class->commit = vd_hardware_page_hostdev_commit;

  /**
   * VdHardwarePageHostdev:listed:
   *
   * The host's devices have been read.
   */
  properties[PROP_LISTED] =
    g_param_spec_boolean ("listed", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  vd_hardware_page_device_class_set_template (widget_class,
                                              RESOURCE_BASE
                                              "/details/vd-hardware-page-hostdev.ui");
#define BIND(name) \
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageHostdev, name)
  BIND (heading_label);
  BIND (remove_button);
  BIND (device_label);
  BIND (address_label);
  BIND (change_button);
  BIND (chooser_box);
  BIND (search_entry);
  BIND (device_view);
  BIND (device_store);
  BIND (device_filter);
  BIND (device_message);
  BIND (used_box);
  BIND (used_label);
  BIND (policy_title);
  BIND (policy_combo);
  BIND (policy_message);
  BIND (managed_check);
  BIND (rom_title);
  BIND (rom_combo);
  BIND (other_label);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, change_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
}

static void
vd_hardware_page_hostdev_init (VdHardwarePageHostdev *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  gtk_tree_model_filter_set_visible_func (self->device_filter, visible_func, self, NULL);
  g_signal_connect_object (gtk_tree_view_get_selection (self->device_view), "changed",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
}

/**
 * vd_hardware_page_hostdev_get_listed:
 *
 * Returns: whether the host's devices have been read
 */
gboolean
vd_hardware_page_hostdev_get_listed (VdHardwarePageHostdev *self)
{
  g_return_val_if_fail (VD_IS_HARDWARE_PAGE_HOSTDEV (self), FALSE);

  return self->devices != NULL;
}

/**
 * vd_hardware_page_hostdev_select_device:
 * @name: a node device's name (usb_1_3)
 *
 * Selects that device's row in the host's list (as a click would).
 *
 * Returns: whether the list shows it
 */
gboolean
vd_hardware_page_hostdev_select_device (VdHardwarePageHostdev *self,
                                        const char            *name)
{
  GtkTreeModel *model;
  GtkTreeIter iter;
  gboolean valid;

  g_return_val_if_fail (VD_IS_HARDWARE_PAGE_HOSTDEV (self), FALSE);

  model = GTK_TREE_MODEL (self->device_filter);
  for (valid = gtk_tree_model_get_iter_first (model, &iter); valid;
       valid = gtk_tree_model_iter_next (model, &iter))
    {
      guint index = 0;

      gtk_tree_model_get (model, &iter, COL_INDEX, &index, -1);
      if (self->devices != NULL && index < self->devices->len &&
          g_strcmp0 (((VdNodeDevice *)self->devices->pdata[index])->name, name) == 0)
        {
          gtk_tree_selection_select_iter (gtk_tree_view_get_selection (self->device_view), &iter);
          return TRUE;
        }
    }

  return FALSE;
}
