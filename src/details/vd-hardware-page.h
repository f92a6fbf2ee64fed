/* vd-hardware-page.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "vd-domain.h"
#include "vd-domain-editor.h"

G_BEGIN_DECLS

#define VD_TYPE_HARDWARE_PAGE (vd_hardware_page_get_type ())

G_DECLARE_DERIVABLE_TYPE (VdHardwarePage, vd_hardware_page, VD, HARDWARE_PAGE, GtkBox)

/**
 * VdHardwarePageClass:
 * @load: fill the page's widgets from @editor (the guest's configuration
 *   as libvirt returned it)
 * @commit: write the widgets' values into @editor through its setters; on
 *   bad input, put a message next to the field at fault and return %FALSE
 *   with @error set. Called on a scratch copy at every change (to judge
 *   #VdHardwarePage:valid and #VdHardwarePage:dirty) and on the real editor
 *   at Apply.
 */
struct _VdHardwarePageClass
{
  GtkBoxClass parent_class;

  void     (*load)   (VdHardwarePage  *self,
                      VdDomainEditor  *editor);
  gboolean (*commit) (VdHardwarePage  *self,
                      VdDomainEditor  *editor,
                      GError         **error);

  gpointer padding[8];
};

VdDomain       *vd_hardware_page_get_domain  (VdHardwarePage  *self);
void            vd_hardware_page_set_domain  (VdHardwarePage  *self,
                                              VdDomain        *domain);
VdDomainEditor *vd_hardware_page_get_editor  (VdHardwarePage  *self);
void            vd_hardware_page_set_editor  (VdHardwarePage  *self,
                                              VdDomainEditor  *editor);
gboolean        vd_hardware_page_get_valid   (VdHardwarePage  *self);
gboolean        vd_hardware_page_get_dirty   (VdHardwarePage  *self);
char           *vd_hardware_page_get_xml     (VdHardwarePage  *self);
void            vd_hardware_page_load        (VdHardwarePage  *self);
gboolean        vd_hardware_page_commit      (VdHardwarePage  *self,
                                              VdDomainEditor  *editor,
                                              GError         **error);
void            vd_hardware_page_changed     (VdHardwarePage  *self);
gboolean        vd_hardware_page_is_loading  (VdHardwarePage  *self);

/* For subclasses: a message next to a field (NULL hides it). */
void            vd_hardware_page_set_field_message (GtkLabel   *label,
                                                    const char *message);

G_END_DECLS
