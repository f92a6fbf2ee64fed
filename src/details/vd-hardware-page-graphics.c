/* vd-hardware-page-graphics.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-hardware-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vd-connection-host.h"
#include "vd-domain.h"
#include "vd-hardware-page-graphics.h"
#include "vd-network.h"

/*
 * A VNC or SPICE display: what it listens on (an address, with a warning
 * when it is every interface; one of the connection's virtual networks; a
 * UNIX socket; none: local clients only), its port or an automatic one, a password, the keymap and SPICE's
 * OpenGL. The password is never shown nor read back into the entry: an
 * empty entry keeps the one the guest has, text replaces it, and "Remove
 * the password" drops it.
 */

struct _VdHardwarePageGraphics
{
  VdHardwarePageDevice  parent_instance;

  /* Template widgets */
  GtkLabel             *heading_label;
  GtkWidget            *remove_button;
  GtkComboBox          *type_combo;
  GtkLabel             *type_message;
  GtkComboBox          *listen_type_combo;
  GtkEntry             *listen_entry;
  GtkComboBoxText      *listen_network_combo;
  GtkEntry             *listen_socket_entry;
  GtkLabel             *listen_message;
  GtkLabel             *listen_warning;
  GtkToggleButton      *autoport_check;
  GtkSpinButton        *port_spin;
  GtkLabel             *port_message;
  GtkEntry             *password_entry;
  GtkToggleButton      *no_password_check;
  GtkLabel             *password_message;
  GtkEntry             *keymap_entry;
  GtkLabel             *keymap_message;
  GtkToggleButton      *gl_check;
  GtkLabel             *gl_message;

  GListModel           *networks;  /* the connection's, once watched */
};

G_DEFINE_FINAL_TYPE (VdHardwarePageGraphics, vd_hardware_page_graphics,
                     VD_TYPE_HARDWARE_PAGE_DEVICE)

static const char *
device_id (VdHardwarePageGraphics *self)
{
  return vd_hardware_page_device_get_device_id (VD_HARDWARE_PAGE_DEVICE (self));
}

static char *
entry_text (GtkEntry *entry)
{
  char *text = g_strstrip (g_strdup (gtk_entry_get_text (entry)));

  if (text[0] == '\0')
    g_clear_pointer (&text, g_free);

  return text;
}

/* 0.0.0.0, :: and the like: every interface of the host */
static gboolean
is_any_address (const char *text)
{
  g_autoptr(GInetAddress) address = NULL;

  if (text == NULL)
    return FALSE;
  address = g_inet_address_new_from_string (text);

  return address != NULL && g_inet_address_get_is_any (address);
}

static void
update_sensitivity (VdHardwarePageGraphics *self)
{
  const char *listen = gtk_combo_box_get_active_id (self->listen_type_combo);
  g_autofree char *address = entry_text (self->listen_entry);
  gboolean has_port = g_strcmp0 (listen, "socket") != 0 && g_strcmp0 (listen, "none") != 0;

  gtk_widget_set_visible (GTK_WIDGET (self->listen_entry), g_strcmp0 (listen, "address") == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->listen_network_combo),
                          g_strcmp0 (listen, "network") == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->listen_socket_entry),
                          g_strcmp0 (listen, "socket") == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->listen_warning),
                          g_strcmp0 (listen, "address") == 0 && is_any_address (address));
  gtk_widget_set_sensitive (GTK_WIDGET (self->autoport_check), has_port);
  gtk_widget_set_sensitive (GTK_WIDGET (self->port_spin),
                            has_port && !gtk_toggle_button_get_active (self->autoport_check));
  gtk_widget_set_sensitive (GTK_WIDGET (self->gl_check),
                            g_strcmp0 (gtk_combo_box_get_active_id (self->type_combo),
                                       "spice") == 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->password_entry),
                            !gtk_toggle_button_get_active (self->no_password_check));
}

static void networks_changed_cb (VdHardwarePageGraphics *self);

/* The connection's virtual networks (followed as they come and go), and
 * @current even when it has none by that name. The combo's own signal is
 * held meanwhile. */
static void
fill_networks (VdHardwarePageGraphics *self,
               const char             *current)
{
  VdDomain *domain = vd_hardware_page_get_domain (VD_HARDWARE_PAGE (self));
  VdConnection *connection = domain != NULL ? vd_domain_get_connection (domain) : NULL;
  GListModel *networks = connection != NULL ? vd_connection_get_networks (connection) : NULL;
  gboolean listed = current == NULL;

  if (networks != NULL && self->networks == NULL)
    {
      self->networks = g_object_ref (networks);
      g_signal_connect_object (networks, "items-changed", G_CALLBACK (networks_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  g_signal_handlers_block_matched (self->listen_network_combo, G_SIGNAL_MATCH_DATA,
                                   0, 0, NULL, NULL, self);
  gtk_combo_box_text_remove_all (self->listen_network_combo);
  for (guint i = 0; networks != NULL && i < g_list_model_get_n_items (networks); i++)
    {
      g_autoptr(VdNetwork) network = g_list_model_get_item (networks, i);
      const char *name = vd_network_get_name (network);

      gtk_combo_box_text_append (self->listen_network_combo, name, name);
      listed = listed || g_strcmp0 (name, current) == 0;
    }
  if (!listed)
    gtk_combo_box_text_append (self->listen_network_combo, current, current);
  if (current != NULL)
    gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->listen_network_combo), current);
  else
    gtk_combo_box_set_active (GTK_COMBO_BOX (self->listen_network_combo), -1);
  g_signal_handlers_unblock_matched (self->listen_network_combo, G_SIGNAL_MATCH_DATA,
                                     0, 0, NULL, NULL, self);
}

static void
networks_changed_cb (VdHardwarePageGraphics *self)
{
  g_autofree char *current = g_strdup (gtk_combo_box_get_active_id (
                                         GTK_COMBO_BOX (self->listen_network_combo)));

  fill_networks (self, current);
}

static void
vd_hardware_page_graphics_load (VdHardwarePage *page,
                                VdDomainEditor *editor)
{
  VdHardwarePageGraphics *self = VD_HARDWARE_PAGE_GRAPHICS (page);
  const char *id = device_id (self);
  g_autofree char *label = vd_hardware_page_device_get_label (VD_HARDWARE_PAGE_DEVICE (self),
                                                              editor);
  g_autofree char *type = vd_domain_editor_get_graphics_type (editor, id);
  g_autofree char *listen = NULL;
  g_autofree char *listen_type = vd_domain_editor_get_graphics_listen_type (editor, id, &listen);
  g_autofree char *keymap = vd_domain_editor_get_graphics_keymap (editor, id);
  int port = vd_domain_editor_get_graphics_port (editor, id);
  gboolean has_password = vd_domain_editor_get_graphics_has_password (editor, id);

  gtk_label_set_text (self->heading_label, label);
  vd_hardware_page_device_set_combo (self->type_combo, type);
  vd_hardware_page_device_set_combo (self->listen_type_combo, listen_type);
  gtk_entry_set_text (self->listen_entry,
                      strcmp (listen_type, "address") == 0 && listen != NULL ? listen : "");
  fill_networks (self, strcmp (listen_type, "network") == 0 ? listen : NULL);
  gtk_entry_set_text (self->listen_socket_entry,
                      strcmp (listen_type, "socket") == 0 && listen != NULL ? listen : "");
  gtk_toggle_button_set_active (self->autoport_check, port < 0);
  gtk_spin_button_set_value (self->port_spin, port < 0 ? 5900 : port);
  gtk_entry_set_text (self->password_entry, "");
  gtk_entry_set_placeholder_text (self->password_entry,
                                  has_password ? _("Unchanged") : _("None"));
  gtk_toggle_button_set_active (self->no_password_check, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->no_password_check), has_password);
  gtk_entry_set_text (self->keymap_entry, keymap != NULL ? keymap : "");
  gtk_toggle_button_set_active (self->gl_check, vd_domain_editor_get_graphics_gl (editor, id));
  update_sensitivity (self);
}

static gboolean
vd_hardware_page_graphics_commit (VdHardwarePage  *page,
                                  VdDomainEditor  *editor,
                                  GError         **error)
{
  VdHardwarePageGraphics *self = VD_HARDWARE_PAGE_GRAPHICS (page);
  const char *id = device_id (self);
  GError *local_error = NULL;
  const char *type = gtk_combo_box_get_active_id (self->type_combo);
  g_autofree char *old_type = vd_domain_editor_get_graphics_type (editor, id);
  const char *listen_type = gtk_combo_box_get_active_id (self->listen_type_combo);
  g_autofree char *listen = NULL;
  g_autofree char *old_listen = NULL;
  g_autofree char *old_listen_type = NULL;
  g_autofree char *keymap = entry_text (self->keymap_entry);
  g_autofree char *old_keymap = vd_domain_editor_get_graphics_keymap (editor, id);
  const char *password = gtk_entry_get_text (self->password_entry);
  int port = gtk_toggle_button_get_active (self->autoport_check)
             ? -1 : gtk_spin_button_get_value_as_int (self->port_spin);
  gboolean gl = gtk_toggle_button_get_active (self->gl_check);
  gboolean ok = TRUE;

  update_sensitivity (self);
  if (g_strcmp0 (listen_type, "address") == 0)
    listen = entry_text (self->listen_entry);
  else if (g_strcmp0 (listen_type, "network") == 0)
    listen = g_strdup (gtk_combo_box_get_active_id (GTK_COMBO_BOX (self->listen_network_combo)));
  else if (g_strcmp0 (listen_type, "socket") == 0)
    listen = entry_text (self->listen_socket_entry);
  for (GtkLabel **m = (GtkLabel *[]) { self->type_message, self->listen_message,
                                       self->port_message, self->password_message,
                                       self->keymap_message, self->gl_message, NULL };
       *m != NULL; m++)
    vd_hardware_page_set_field_message (*m, NULL);

  /* The type first: it decides what else the display may have. */
  if (g_strcmp0 (type, old_type) != 0 &&
      !vd_domain_editor_set_graphics_type (editor, id, type, &local_error))
    ok = vd_hardware_page_device_field_error (self->type_message, local_error, error);
  local_error = NULL;

  old_listen_type = vd_domain_editor_get_graphics_listen_type (editor, id, &old_listen);
  if ((g_strcmp0 (listen_type, old_listen_type) != 0 || g_strcmp0 (listen, old_listen) != 0) &&
      !vd_domain_editor_set_graphics_listen_type (editor, id, listen_type, listen, &local_error))
    ok = vd_hardware_page_device_field_error (self->listen_message, local_error,
                                              ok ? error : NULL);
  local_error = NULL;

  if (port != vd_domain_editor_get_graphics_port (editor, id) &&
      !vd_domain_editor_set_graphics_port (editor, id, port, &local_error))
    ok = vd_hardware_page_device_field_error (self->port_message, local_error,
                                              ok ? error : NULL);
  local_error = NULL;

  if (gtk_toggle_button_get_active (self->no_password_check))
    password = NULL;
  if ((password == NULL || password[0] != '\0') &&
      (password != NULL || vd_domain_editor_get_graphics_has_password (editor, id)) &&
      !vd_domain_editor_set_graphics_password (editor, id, password, &local_error))
    ok = vd_hardware_page_device_field_error (self->password_message, local_error,
                                              ok ? error : NULL);
  local_error = NULL;

  if (g_strcmp0 (keymap, old_keymap) != 0 &&
      !vd_domain_editor_set_graphics_keymap (editor, id, keymap, &local_error))
    ok = vd_hardware_page_device_field_error (self->keymap_message, local_error,
                                              ok ? error : NULL);
  local_error = NULL;

  if (!gl != !vd_domain_editor_get_graphics_gl (editor, id) &&
      !vd_domain_editor_set_graphics_gl (editor, id, gl, &local_error))
    ok = vd_hardware_page_device_field_error (self->gl_message, local_error,
                                              ok ? error : NULL);

  return ok;
}

static void
vd_hardware_page_graphics_dispose (GObject *object)
{
  VdHardwarePageGraphics *self = VD_HARDWARE_PAGE_GRAPHICS (object);

  if (self->networks != NULL)
    g_signal_handlers_disconnect_by_data (self->networks, self);
  g_clear_object (&self->networks);

  G_OBJECT_CLASS (vd_hardware_page_graphics_parent_class)->dispose (object);
}

static void
vd_hardware_page_graphics_class_init (VdHardwarePageGraphicsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  VdHardwarePageClass *page_class = VD_HARDWARE_PAGE_CLASS (klass);

  object_class->dispose = vd_hardware_page_graphics_dispose;

  page_class->load = vd_hardware_page_graphics_load;
  page_class->commit = vd_hardware_page_graphics_commit;

  vd_hardware_page_device_class_set_template (widget_class,
                                              RESOURCE_BASE
                                              "/details/vd-hardware-page-graphics.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, VdHardwarePageGraphics, name)
  BIND (heading_label);
  BIND (remove_button);
  BIND (type_combo);
  BIND (type_message);
  BIND (listen_type_combo);
  BIND (listen_entry);
  BIND (listen_network_combo);
  BIND (listen_socket_entry);
  BIND (listen_message);
  BIND (listen_warning);
  BIND (autoport_check);
  BIND (port_spin);
  BIND (port_message);
  BIND (password_entry);
  BIND (no_password_check);
  BIND (password_message);
  BIND (keymap_entry);
  BIND (keymap_message);
  BIND (gl_check);
  BIND (gl_message);
#undef BIND
}

static void
vd_hardware_page_graphics_init (VdHardwarePageGraphics *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}
