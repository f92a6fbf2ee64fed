/* vd-hardware-page-device.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-hardware-page"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-hardware-page-device.h"
#include "vd-hardware-page-balloon.h"
#include "vd-hardware-page-char.h"
#include "vd-hardware-page-controller.h"
#include "vd-hardware-page-disk.h"
#include "vd-hardware-page-filesystem.h"
#include "vd-hardware-page-generic.h"
#include "vd-hardware-page-graphics.h"
#include "vd-hardware-page-hostdev.h"
#include "vd-hardware-page-input.h"
#include "vd-hardware-page-nic.h"
#include "vd-hardware-page-panic.h"
#include "vd-hardware-page-redirdev.h"
#include "vd-hardware-page-rng.h"
#include "vd-hardware-page-shmem.h"
#include "vd-hardware-page-smartcard.h"
#include "vd-hardware-page-sound.h"
#include "vd-hardware-page-tpm.h"
#include "vd-hardware-page-video.h"
#include "vd-hardware-page-watchdog.h"

/*
 * The page of one device of the guest, named by its id in the domain
 * editor ("disk/0", "interface/1"); the id names the same device in the
 * scratch copies the page commits into, as they are made from the same
 * XML. Every device page has a Remove… button, which asks the window
 * (VdHardwarePageDevice::remove-requested) to confirm and remove the
 * device.
 *
 * Subclasses write a field only when its value differs from the editor's:
 * a page opened and applied without change leaves the XML as it was.
 */

typedef struct
{
  char     *device_id;
  gboolean  new_device;
} VdHardwarePageDevicePrivate;

G_DEFINE_TYPE_WITH_PRIVATE (VdHardwarePageDevice, vd_hardware_page_device,
                            VD_TYPE_HARDWARE_PAGE)

enum {
  PROP_0,
  PROP_DEVICE_ID,
  PROP_NEW_DEVICE,
  N_PROPS
};

enum {
  REMOVE_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
vd_hardware_page_device_finalize (GObject *object)
{
  VdHardwarePageDevice *self = (VdHardwarePageDevice *)object;
  VdHardwarePageDevicePrivate *priv = vd_hardware_page_device_get_instance_private (self);

  g_clear_pointer (&priv->device_id, g_free);

  G_OBJECT_CLASS (vd_hardware_page_device_parent_class)->finalize (object);
}

static void
vd_hardware_page_device_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  VdHardwarePageDevice *self = VD_HARDWARE_PAGE_DEVICE (object);
  VdHardwarePageDevicePrivate *priv = vd_hardware_page_device_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_DEVICE_ID:
      g_value_set_string (value, priv->device_id);
      break;

    case PROP_NEW_DEVICE:
      g_value_set_boolean (value, priv->new_device);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vd_hardware_page_device_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  VdHardwarePageDevice *self = VD_HARDWARE_PAGE_DEVICE (object);
  VdHardwarePageDevicePrivate *priv = vd_hardware_page_device_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_DEVICE_ID:
      g_free (priv->device_id);
      priv->device_id = g_value_dup_string (value);
      break;

    case PROP_NEW_DEVICE:
      vd_hardware_page_device_set_new_device (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vd_hardware_page_device_class_init (VdHardwarePageDeviceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = vd_hardware_page_device_finalize;
  object_class->get_property = vd_hardware_page_device_get_property;
  object_class->set_property = vd_hardware_page_device_set_property;

  properties[PROP_DEVICE_ID] =
    g_param_spec_string ("device-id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * VdHardwarePageDevice:new-device:
   *
   * The page edits a device that is not added yet (Add Hardware): it has
   * no Remove… button, and a page may show its choices differently (a
   * host device page lists the host's devices at once).
   */
  properties[PROP_NEW_DEVICE] =
    g_param_spec_boolean ("new-device", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VdHardwarePageDevice::remove-requested:
   *
   * The user asked to remove the page's device (Remove…); the window asks
   * for confirmation and removes it.
   */
  signals[REMOVE_REQUESTED] =
    g_signal_new ("remove-requested", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
vd_hardware_page_device_init (VdHardwarePageDevice *self)
{
}

/**
 * vd_hardware_page_device_new_for:
 * @kind: the device's kind
 * @id: the device's id in the domain editor
 *
 * Returns: (transfer floating): the page for that kind of device: an
 *   editing page for disks, NICs, graphics, video, input devices,
 *   watchdogs, the memory balloon, random number generators, sound cards,
 *   TPMs, panic notifiers, character devices (serial, parallel,
 *   console, channel), controllers, shared folders, smartcards and shared
 *   memory, else the generic one
 */
VdHardwarePage *
vd_hardware_page_device_new_for (VdDeviceKind  kind,
                                 const char   *id)
{
  GType type;

  g_return_val_if_fail (id != NULL, NULL);

  switch (kind)
    {
    case VD_DEVICE_KIND_DISK:
    case VD_DEVICE_KIND_CDROM:
    case VD_DEVICE_KIND_FLOPPY:
      type = VD_TYPE_HARDWARE_PAGE_DISK;
      break;

    case VD_DEVICE_KIND_INTERFACE:
      type = VD_TYPE_HARDWARE_PAGE_NIC;
      break;

    case VD_DEVICE_KIND_GRAPHICS:
      type = VD_TYPE_HARDWARE_PAGE_GRAPHICS;
      break;

    case VD_DEVICE_KIND_VIDEO:
      type = VD_TYPE_HARDWARE_PAGE_VIDEO;
      break;

    case VD_DEVICE_KIND_INPUT:
      type = VD_TYPE_HARDWARE_PAGE_INPUT;
      break;

    case VD_DEVICE_KIND_WATCHDOG:
      type = VD_TYPE_HARDWARE_PAGE_WATCHDOG;
      break;

    case VD_DEVICE_KIND_MEMBALLOON:
      type = VD_TYPE_HARDWARE_PAGE_BALLOON;
      break;

    case VD_DEVICE_KIND_RNG:
      type = VD_TYPE_HARDWARE_PAGE_RNG;
      break;

    case VD_DEVICE_KIND_SOUND:
      type = VD_TYPE_HARDWARE_PAGE_SOUND;
      break;

    case VD_DEVICE_KIND_TPM:
      type = VD_TYPE_HARDWARE_PAGE_TPM;
      break;

    case VD_DEVICE_KIND_PANIC:
      type = VD_TYPE_HARDWARE_PAGE_PANIC;
      break;

    case VD_DEVICE_KIND_HOSTDEV:
      type = VD_TYPE_HARDWARE_PAGE_HOSTDEV;
      break;

    case VD_DEVICE_KIND_REDIRDEV:
      type = VD_TYPE_HARDWARE_PAGE_REDIRDEV;
      break;

    case VD_DEVICE_KIND_CONTROLLER:
      type = VD_TYPE_HARDWARE_PAGE_CONTROLLER;
      break;

    case VD_DEVICE_KIND_FILESYSTEM:
      type = VD_TYPE_HARDWARE_PAGE_FILESYSTEM;
      break;

    case VD_DEVICE_KIND_SMARTCARD:
      type = VD_TYPE_HARDWARE_PAGE_SMARTCARD;
      break;

    case VD_DEVICE_KIND_SHMEM:
      type = VD_TYPE_HARDWARE_PAGE_SHMEM;
      break;

    case VD_DEVICE_KIND_SERIAL:
    case VD_DEVICE_KIND_PARALLEL:
    case VD_DEVICE_KIND_CONSOLE:
    case VD_DEVICE_KIND_CHANNEL:
      type = VD_TYPE_HARDWARE_PAGE_CHAR;
      break;

    case VD_DEVICE_KIND_OTHER:
    default:
      type = VD_TYPE_HARDWARE_PAGE_GENERIC;
      break;
    }

  return g_object_new (type, "device-id", id, NULL);
}

const char *
vd_hardware_page_device_get_device_id (VdHardwarePageDevice *self)
{
  VdHardwarePageDevicePrivate *priv = vd_hardware_page_device_get_instance_private (self);

  g_return_val_if_fail (VD_IS_HARDWARE_PAGE_DEVICE (self), NULL);

  return priv->device_id;
}

gboolean
vd_hardware_page_device_get_new_device (VdHardwarePageDevice *self)
{
  VdHardwarePageDevicePrivate *priv = vd_hardware_page_device_get_instance_private (self);

  g_return_val_if_fail (VD_IS_HARDWARE_PAGE_DEVICE (self), FALSE);

  return priv->new_device;
}

/**
 * vd_hardware_page_device_set_new_device:
 *
 * See #VdHardwarePageDevice:new-device. Hides the Remove… button, which
 * every device page's template names remove_button and binds.
 */
void
vd_hardware_page_device_set_new_device (VdHardwarePageDevice *self,
                                        gboolean              new_device)
{
  VdHardwarePageDevicePrivate *priv = vd_hardware_page_device_get_instance_private (self);
  GObject *remove_button;

  g_return_if_fail (VD_IS_HARDWARE_PAGE_DEVICE (self));

  new_device = !!new_device;
  if (priv->new_device == new_device)
    return;
  priv->new_device = new_device;
  remove_button = gtk_widget_get_template_child (GTK_WIDGET (self), G_OBJECT_TYPE (self),
                                                 "remove_button");
  if (GTK_IS_WIDGET (remove_button))
    {
      gtk_widget_set_visible (GTK_WIDGET (remove_button), !new_device);
      gtk_widget_set_no_show_all (GTK_WIDGET (remove_button), new_device);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NEW_DEVICE]);
}

void
vd_hardware_page_device_request_remove (VdHardwarePageDevice *self)
{
  g_return_if_fail (VD_IS_HARDWARE_PAGE_DEVICE (self));

  g_signal_emit (self, signals[REMOVE_REQUESTED], 0);
}

/**
 * vd_hardware_page_device_get_label:
 *
 * Returns: (transfer full): the device's name in the list of devices
 *   ("Disk vda"), "" when @editor has no such device
 */
char *
vd_hardware_page_device_get_label (VdHardwarePageDevice *self,
                                   VdDomainEditor       *editor)
{
  VdHardwarePageDevicePrivate *priv = vd_hardware_page_device_get_instance_private (self);
  g_autoptr(GPtrArray) devices = NULL;

  g_return_val_if_fail (VD_IS_HARDWARE_PAGE_DEVICE (self), NULL);
  g_return_val_if_fail (VD_IS_DOMAIN_EDITOR (editor), NULL);

  devices = vd_domain_editor_list_devices (editor);
  for (guint i = 0; i < devices->len; i++)
    if (g_strcmp0 (vd_device_ref_get_id (devices->pdata[i]), priv->device_id) == 0)
      return g_strdup (vd_device_ref_get_label (devices->pdata[i]));

  return g_strdup ("");
}

static void
remove_clicked_cb (VdHardwarePageDevice *self)
{
  vd_hardware_page_device_request_remove (self);
}

static void
field_changed_cb (VdHardwarePage *self)
{
  vd_hardware_page_changed (self);
}

/**
 * vd_hardware_page_device_class_set_template:
 *
 * Sets a subclass's template and binds the callbacks every device page's
 * template may use: remove_clicked_cb (Remove…) and field_changed_cb.
 */
void
vd_hardware_page_device_class_set_template (GtkWidgetClass *widget_class,
                                            const char     *resource)
{
  gtk_widget_class_set_template_from_resource (widget_class, resource);
  gtk_widget_class_bind_template_callback (widget_class, remove_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
}

/**
 * vd_hardware_page_device_set_combo:
 * @value: (nullable): the id to show; %NULL shows the item of id ""
 *   (the default)
 *
 * A value the combo does not list yet is added, so a page shows (and
 * keeps) whatever libvirt wrote.
 */
void
vd_hardware_page_device_set_combo (GtkComboBox *combo,
                                   const char  *value)
{
  const char *id = value != NULL ? value : "";

  if (!gtk_combo_box_set_active_id (combo, id))
    {
      gtk_combo_box_text_append (GTK_COMBO_BOX_TEXT (combo), id, id);
      gtk_combo_box_set_active_id (combo, id);
    }
}

/**
 * vd_hardware_page_device_get_combo:
 *
 * Returns: (nullable): the chosen id; %NULL for "" (the default)
 */
const char *
vd_hardware_page_device_get_combo (GtkComboBox *combo)
{
  const char *id = gtk_combo_box_get_active_id (combo);

  return id != NULL && id[0] != '\0' ? id : NULL;
}

/**
 * vd_hardware_page_device_field_error:
 * @local_error: (transfer full): why the field's value was refused
 *
 * Shows @local_error next to the field and hands it on.
 *
 * Returns: %FALSE
 */
gboolean
vd_hardware_page_device_field_error (GtkLabel  *message,
                                     GError    *local_error,
                                     GError   **error)
{
  vd_hardware_page_set_field_message (message, local_error->message);
  g_propagate_error (error, local_error);

  return FALSE;
}
