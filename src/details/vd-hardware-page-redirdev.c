/* vd-hardware-page-redirdev.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-hardware-page"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-hardware-page-redirdev.h"
#include "vd-domain-editor-hostdev.h"

/*
 * A USB redirection: a USB device of the viewer's machine sent to the
 * guest through the SPICE display (spicevmc), or one a usbredir server
 * shares over TCP (host and port, checked as typed). Another character
 * device type is shown but cannot be changed here. Below, the guest's
 * redirection filter (which devices may be redirected), read only.
 */

struct _VdHardwarePageRedirdev
{
  VdHardwarePageDevice  parent_instance;

  /* Template widgets */
  GtkLabel             *heading_label;
  GtkWidget            *remove_button;
  GtkComboBox          *type_combo;
  GtkLabel             *type_message;
  GtkWidget            *host_title;
  GtkEntry             *host_entry;
  GtkLabel             *host_message;
  GtkWidget            *port_title;
  GtkEntry             *port_entry;
  GtkLabel             *port_message;
  GtkLabel             *filter_label;
};

G_DEFINE_FINAL_TYPE (VdHardwarePageRedirdev, vd_hardware_page_redirdev,
                     VD_TYPE_HARDWARE_PAGE_DEVICE)

static const char *
device_id (VdHardwarePageRedirdev *self)
{
  return vd_hardware_page_device_get_device_id (VD_HARDWARE_PAGE_DEVICE (self));
}

static gboolean
is_changeable (const char *type)
{
  return g_strcmp0 (type, "spicevmc") == 0 || g_strcmp0 (type, "tcp") == 0;
}

/* Host and port only mean something over TCP. */
static void
type_changed_cb (VdHardwarePageRedirdev *self)
{
  gboolean tcp = g_strcmp0 (gtk_combo_box_get_active_id (self->type_combo), "tcp") == 0;

  gtk_widget_set_visible (self->host_title, tcp);
  gtk_widget_set_visible (GTK_WIDGET (self->host_entry), tcp);
  gtk_widget_set_visible (self->port_title, tcp);
  gtk_widget_set_visible (GTK_WIDGET (self->port_entry), tcp);
  if (!tcp)
    {
      vd_hardware_page_set_field_message (self->host_message, NULL);
      vd_hardware_page_set_field_message (self->port_message, NULL);
    }
}

/* One rule of the filter as a line: "Allow class 0x08, vendor 0x1234…". */
static char *
describe_rule (const VdRedirRule *rule)
{
  const char *any = C_("USB redirection filter value", "any");

  /* translators: a rule of the USB redirection filter; the %s are the USB
   * class, vendor id, product id and device version, each a number or "any" */
  return g_strdup_printf (rule->allow ? _("Allow: class %s, vendor %s, product %s, version %s")
                                      : _("Deny: class %s, vendor %s, product %s, version %s"),
                          rule->usb_class != NULL ? rule->usb_class : any,
                          rule->vendor != NULL ? rule->vendor : any,
                          rule->product != NULL ? rule->product : any,
                          rule->version != NULL ? rule->version : any);
}

static void
show_filter (VdHardwarePageRedirdev *self,
             VdDomainEditor         *editor)
{
  g_autoptr(GPtrArray) rules = vd_domain_editor_list_redirfilter (editor);
  g_autoptr(GString) text = g_string_new (NULL);

  if (rules->len == 0)
    {
      gtk_label_set_text (self->filter_label,
                          _("No filter: any USB device may be redirected."));
      return;
    }
  g_string_append (text, _("The first rule that matches a device decides (change them in the "
                           "XML tab):"));
  for (guint i = 0; i < rules->len; i++)
    {
      g_autofree char *line = describe_rule (rules->pdata[i]);

      g_string_append_printf (text, "\n%s", line);
    }
  gtk_label_set_text (self->filter_label, text->str);
}

static void
vd_hardware_page_redirdev_load (VdHardwarePage *page,
                                VdDomainEditor *editor)
{
  VdHardwarePageRedirdev *self = VD_HARDWARE_PAGE_REDIRDEV (page);
  g_autofree char *label = vd_hardware_page_device_get_label (VD_HARDWARE_PAGE_DEVICE (self),
                                                              editor);
  g_autofree char *type = NULL;
  g_autofree char *host = NULL;
  g_autofree char *port_text = NULL;
  guint port = 0;

  vd_domain_editor_get_redirdev (editor, device_id (self), &type, &host, &port);
  gtk_label_set_text (self->heading_label, label);
  vd_hardware_page_device_set_combo (self->type_combo, type);
  gtk_widget_set_sensitive (GTK_WIDGET (self->type_combo), is_changeable (type));
  gtk_entry_set_text (self->host_entry, host != NULL ? host : "");
  port_text = port > 0 ? g_strdup_printf ("%u", port) : g_strdup ("");
  gtk_entry_set_text (self->port_entry, port_text);
  type_changed_cb (self);
  show_filter (self, editor);
}

static gboolean
vd_hardware_page_redirdev_commit (VdHardwarePage  *page,
                                  VdDomainEditor  *editor,
                                  GError         **error)
{
  VdHardwarePageRedirdev *self = VD_HARDWARE_PAGE_REDIRDEV (page);
  const char *id = device_id (self);
  const char *type = gtk_combo_box_get_active_id (self->type_combo);
  g_autofree char *host = g_strstrip (g_strdup (gtk_entry_get_text (self->host_entry)));
  g_autofree char *port_text = g_strstrip (g_strdup (gtk_entry_get_text (self->port_entry)));
  g_autofree char *old_type = NULL;
  g_autoptr(GError) host_error = NULL;
  GError *local_error = NULL;
  guint port = 0;

  vd_hardware_page_set_field_message (self->type_message, NULL);
  vd_hardware_page_set_field_message (self->host_message, NULL);
  vd_hardware_page_set_field_message (self->port_message, NULL);

  vd_domain_editor_get_redirdev (editor, id, &old_type, NULL, NULL);
  if (!is_changeable (type))
    return TRUE;
  if (g_strcmp0 (type, "spicevmc") == 0)
    {
      if (g_strcmp0 (old_type, type) == 0)
        return TRUE;
      if (!vd_domain_editor_set_redirdev (editor, id, type, NULL, 0, &local_error))
        return vd_hardware_page_device_field_error (self->type_message, local_error, error);
      return TRUE;
    }

  /* Both fields get their message at once. */
  if (!vd_redirdev_check_host (host, &host_error))
    vd_hardware_page_set_field_message (self->host_message, host_error->message);
  if (!vd_redirdev_parse_port (port_text, &port, &local_error))
    return vd_hardware_page_device_field_error (self->port_message, local_error, error);
  if (host_error != NULL)
    return vd_hardware_page_device_field_error (self->host_message,
                                                g_steal_pointer (&host_error), error);
  if (!vd_domain_editor_set_redirdev (editor, id, type, host, port, &local_error))
    return vd_hardware_page_device_field_error (self->type_message, local_error, error);

  return TRUE;
}

static void
vd_hardware_page_redirdev_class_init (VdHardwarePageRedirdevClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  VdHardwarePageClass *page_class = VD_HARDWARE_PAGE_CLASS (klass);

  page_class->load = vd_hardware_page_redirdev_load;
  page_class->commit = vd_hardware_page_redirdev_commit;

  vd_hardware_page_device_class_set_template (widget_class,
                                              RESOURCE_BASE
                                              "/details/vd-hardware-page-redirdev.ui");
#define BIND(name) \
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageRedirdev, name)
  BIND (heading_label);
  BIND (remove_button);
  BIND (type_combo);
  BIND (type_message);
  BIND (host_title);
  BIND (host_entry);
  BIND (host_message);
  BIND (port_title);
  BIND (port_entry);
  BIND (port_message);
  BIND (filter_label);
#undef BIND
}

static void
vd_hardware_page_redirdev_init (VdHardwarePageRedirdev *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->type_combo, "changed", G_CALLBACK (type_changed_cb), self);
}
