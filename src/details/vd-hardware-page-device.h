/* vd-hardware-page-device.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vd-domain-editor-devices.h"
#include "vd-hardware-page.h"

G_BEGIN_DECLS

#define VD_TYPE_HARDWARE_PAGE_DEVICE (vd_hardware_page_device_get_type ())

G_DECLARE_DERIVABLE_TYPE (VdHardwarePageDevice, vd_hardware_page_device, VD,
                          HARDWARE_PAGE_DEVICE, VdHardwarePage)

struct _VdHardwarePageDeviceClass
{
  VdHardwarePageClass parent_class;

  gpointer padding[4];
};

VdHardwarePage *vd_hardware_page_device_new_for      (VdDeviceKind          kind,
                                                      const char           *id);
const char     *vd_hardware_page_device_get_device_id (VdHardwarePageDevice *self);
void            vd_hardware_page_device_request_remove (VdHardwarePageDevice *self);
gboolean        vd_hardware_page_device_get_new_device (VdHardwarePageDevice *self);
void            vd_hardware_page_device_set_new_device (VdHardwarePageDevice *self,
                                                        gboolean              new_device);
char           *vd_hardware_page_device_get_label    (VdHardwarePageDevice *self,
                                                      VdDomainEditor       *editor);

/* For subclasses */
void            vd_hardware_page_device_class_set_template (GtkWidgetClass *widget_class,
                                                            const char     *resource);
void            vd_hardware_page_device_set_combo    (GtkComboBox          *combo,
                                                      const char           *value);
const char     *vd_hardware_page_device_get_combo    (GtkComboBox          *combo);
gboolean        vd_hardware_page_device_field_error  (GtkLabel             *message,
                                                      GError               *local_error,
                                                      GError              **error);

G_END_DECLS
