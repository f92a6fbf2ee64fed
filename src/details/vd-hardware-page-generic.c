/* vd-hardware-page-generic.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-hardware-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vd-hardware-page-generic.h"

/*
 * Any device without a page of its own (sound, input, controllers,
 * channels, host devices, ...): what it is and its definition, read only.
 * The XML tab below edits it like the rest of the guest, and Remove…
 * removes it.
 */

struct _VdHardwarePageGeneric
{
  VdHardwarePageDevice  parent_instance;

  /* Template widgets */
  GtkLabel             *heading_label;
  GtkWidget            *remove_button;
  GtkLabel             *kind_label;
  GtkLabel             *note_label;
  GtkLabel             *xml_label;
};

G_DEFINE_FINAL_TYPE (VdHardwarePageGeneric, vd_hardware_page_generic,
                     VD_TYPE_HARDWARE_PAGE_DEVICE)

static void
vd_hardware_page_generic_load (VdHardwarePage *page,
                               VdDomainEditor *editor)
{
  VdHardwarePageGeneric *self = VD_HARDWARE_PAGE_GENERIC (page);
  const char *id = vd_hardware_page_device_get_device_id (VD_HARDWARE_PAGE_DEVICE (self));
  g_autofree char *label = vd_hardware_page_device_get_label (VD_HARDWARE_PAGE_DEVICE (self),
                                                              editor);
  g_autofree char *xml = vd_domain_editor_get_device_xml (editor, id);
  g_autofree char *element = NULL;
  g_autofree char *kind = NULL;

  gtk_label_set_text (self->heading_label, label);
  /* The element's name, from its definition: "<sound". */
  if (xml != NULL && xml[0] == '<')
    element = g_strndup (xml, strcspn (xml, " \t\n/>"));
  kind = g_strdup_printf ("%s>", element != NULL ? element : "<");
  gtk_label_set_text (self->kind_label, kind);
  gtk_label_set_text (self->note_label,
                      _("This kind of device has no fields here: change it in the XML tab."));
  gtk_label_set_text (self->xml_label, xml != NULL ? g_strstrip (xml) : "");
}

static void
vd_hardware_page_generic_class_init (VdHardwarePageGenericClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  VdHardwarePageClass *page_class = VD_HARDWARE_PAGE_CLASS (klass);

  page_class->load = vd_hardware_page_generic_load;

  vd_hardware_page_device_class_set_template (widget_class,
                                              RESOURCE_BASE
                                              "/details/vd-hardware-page-generic.ui");
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageGeneric, heading_label);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageGeneric, remove_button);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageGeneric, kind_label);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageGeneric, note_label);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageGeneric, xml_label);
}

static void
vd_hardware_page_generic_init (VdHardwarePageGeneric *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
