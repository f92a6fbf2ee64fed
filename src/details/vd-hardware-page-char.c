/* vd-hardware-page-char.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-hardware-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vd-domain-editor-chardev.h"
#include "vd-domain-live.h"
#include "vd-error.h"
#include "vd-hardware-page-char.h"

/*
 * A serial or parallel port, a console or a channel: where its data goes
 * (a pty, a file, a TCP or unix socket, UDP, the SPICE client), a
 * console's type, a virtio channel's name. A channel's or console's page
 * also says whether the guest has the QEMU guest agent's channel, and adds
 * it (at Apply) when asked. Other kinds of source (vc, dev, null, ...) are shown
 * but not changed here.
 *
 * The agent's own channel also shows whether the agent in the guest is
 * connected, as the guest's live XML says (read in a worker at every load,
 * each time the page is shown, and when the guest starts or stops).
 */

struct _VdHardwarePageChar
{
  VdHardwarePageDevice  parent_instance;

  gboolean              add_agent;  /* Add Agent Channel was clicked */
  gboolean              is_agent;   /* this is the agent's channel */
  GCancellable         *live_cancellable;

  /* Template widgets */
  GtkLabel             *heading_label;
  GtkWidget            *remove_button;
  GtkComboBox          *type_combo;
  GtkLabel             *type_message;
  GtkWidget            *path_entry_label;
  GtkEntry             *path_entry;
  GtkLabel             *path_message;
  GtkWidget            *host_entry_label;
  GtkEntry             *host_entry;
  GtkLabel             *host_message;
  GtkWidget            *port_entry_label;
  GtkEntry             *port_entry;
  GtkLabel             *port_message;
  GtkWidget            *mode_combo_label;
  GtkComboBox          *mode_combo;
  GtkLabel             *mode_message;
  GtkWidget            *protocol_combo_label;
  GtkComboBox          *protocol_combo;
  GtkLabel             *protocol_message;
  GtkWidget            *target_type_combo_label;
  GtkComboBox          *target_type_combo;
  GtkLabel             *target_type_message;
  GtkWidget            *name_entry_label;
  GtkEntry             *name_entry;
  GtkLabel             *name_message;
  GtkWidget            *agent_label_label;
  GtkLabel             *agent_label;
  GtkWidget            *agent_button;
  GtkWidget            *agent_state_label_label;
  GtkLabel             *agent_state_label;
};

G_DEFINE_FINAL_TYPE (VdHardwarePageChar, vd_hardware_page_char, VD_TYPE_HARDWARE_PAGE_DEVICE)

static const char * const settable_types[] = {
  "pty", "file", "tcp", "udp", "unix", "spicevmc", NULL,
};

static const char *
device_id (VdHardwarePageChar *self)
{
  return vd_hardware_page_device_get_device_id (VD_HARDWARE_PAGE_DEVICE (self));
}

static void
show_row (GtkWidget *label,
          GtkWidget *field,
          gboolean   visible)
{
  gtk_widget_set_visible (label, visible);
  gtk_widget_set_visible (field, visible);
}

/* The fields the chosen kind of source has. */
static void
type_changed_cb (VdHardwarePageChar *self)
{
  const char *type = gtk_combo_box_get_active_id (self->type_combo);
  gboolean is_file = g_strcmp0 (type, "file") == 0;
  gboolean is_tcp = g_strcmp0 (type, "tcp") == 0;
  gboolean is_udp = g_strcmp0 (type, "udp") == 0;
  gboolean is_unix = g_strcmp0 (type, "unix") == 0;

  show_row (self->path_entry_label, GTK_WIDGET (self->path_entry), is_file || is_unix);
  show_row (self->host_entry_label, GTK_WIDGET (self->host_entry), is_tcp || is_udp);
  show_row (self->port_entry_label, GTK_WIDGET (self->port_entry), is_tcp || is_udp);
  show_row (self->mode_combo_label, GTK_WIDGET (self->mode_combo), is_tcp || is_unix);
  show_row (self->protocol_combo_label, GTK_WIDGET (self->protocol_combo), is_tcp);
}

static void
update_agent (VdHardwarePageChar *self,
              VdDomainEditor     *editor)
{
  gboolean present = vd_domain_editor_has_guest_agent (editor);

  if (present)
    gtk_label_set_text (self->agent_label, _("This guest has a QEMU guest agent channel."));
  else if (self->add_agent)
    gtk_label_set_text (self->agent_label,
                        _("A QEMU guest agent channel is added when you apply."));
  else
    gtk_label_set_text (self->agent_label,
                        _("This guest has no QEMU guest agent channel: libvirt cannot ask "
                          "the guest for its addresses or to shut down cleanly."));
  gtk_widget_set_sensitive (self->agent_button, !present && !self->add_agent);
}

static void
agent_clicked_cb (VdHardwarePageChar *self)
{
  VdDomainEditor *editor = vd_hardware_page_get_editor (VD_HARDWARE_PAGE (self));

  self->add_agent = TRUE;
  if (editor != NULL)
    update_agent (self, editor);
  vd_hardware_page_changed (VD_HARDWARE_PAGE (self));
}

/* The agent's state */

static void
live_xml_ready_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(VdHardwarePageChar) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = vd_domain_read_live_xml_finish (VD_DOMAIN (object), result, &error);
  VdAgentState state;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (xml == NULL)
    {
      gtk_label_set_text (self->agent_state_label, error->message);
      return;
    }
  state = vd_live_xml_get_agent_state (xml);
  gtk_label_set_text (self->agent_state_label,
                      vd_agent_state_describe (state, vd_domain_get_active (VD_DOMAIN (object))));
}

static void
read_agent_state (VdHardwarePageChar *self)
{
  VdDomain *domain = vd_hardware_page_get_domain (VD_HARDWARE_PAGE (self));

  g_cancellable_cancel (self->live_cancellable);
  g_clear_object (&self->live_cancellable);
  show_row (self->agent_state_label_label, GTK_WIDGET (self->agent_state_label),
            self->is_agent);
  if (!self->is_agent || domain == NULL || vd_domain_get_connection (domain) == NULL)
    return;
  if (!vd_domain_get_active (domain))
    {
      /* Nothing to ask: a shut-off guest's agent is not there. */
      gtk_label_set_text (self->agent_state_label,
                          vd_agent_state_describe (VD_AGENT_STATE_UNKNOWN, FALSE));
      return;
    }
  /* translators: while the guest agent's state is read */
  gtk_label_set_text (self->agent_state_label, _("Reading…"));
  self->live_cancellable = g_cancellable_new ();
  vd_domain_read_live_xml_async (domain, self->live_cancellable, live_xml_ready_cb,
                                 g_object_ref (self));
}

static void
domain_changed_cb (VdHardwarePageChar *self)
{
  VdDomain *domain = vd_hardware_page_get_domain (VD_HARDWARE_PAGE (self));

  if (domain != NULL)
    g_signal_connect_object (domain, "notify::active", G_CALLBACK (read_agent_state), self,
                             G_CONNECT_SWAPPED);
}

static void
vd_hardware_page_char_load (VdHardwarePage *page,
                            VdDomainEditor *editor)
{
  VdHardwarePageChar *self = VD_HARDWARE_PAGE_CHAR (page);
  const char *id = device_id (self);
  VdDeviceKind kind = vd_domain_editor_get_device_kind (editor, id);
  g_autofree char *label = vd_hardware_page_device_get_label (VD_HARDWARE_PAGE_DEVICE (self),
                                                              editor);
  g_auto(VdCharSource) source = { 0 };
  g_autofree char *target_type = NULL;
  g_autofree char *name = NULL;
  g_autofree char *port = NULL;
  gboolean changeable;
  gboolean named;

  vd_domain_editor_get_char_source (editor, id, &source);
  vd_domain_editor_get_char_target (editor, id, &target_type, &name);
  changeable = source.type != NULL && g_strv_contains (settable_types, source.type);
  named = kind == VD_DEVICE_KIND_CHANNEL && g_strcmp0 (target_type, "virtio") == 0;

  gtk_label_set_text (self->heading_label, label);
  vd_hardware_page_device_set_combo (self->type_combo, source.type);
  gtk_widget_set_sensitive (GTK_WIDGET (self->type_combo), changeable);
  gtk_entry_set_text (self->path_entry, source.path != NULL ? source.path : "");
  gtk_entry_set_text (self->host_entry, source.host != NULL ? source.host : "");
  if (source.port > 0)
    port = g_strdup_printf ("%u", source.port);
  gtk_entry_set_text (self->port_entry, port != NULL ? port : "");
  vd_hardware_page_device_set_combo (self->mode_combo, source.mode);
  vd_hardware_page_device_set_combo (self->protocol_combo,
                                     source.protocol != NULL ? source.protocol : "raw");
  type_changed_cb (self);

  show_row (self->target_type_combo_label, GTK_WIDGET (self->target_type_combo),
            kind == VD_DEVICE_KIND_CONSOLE);
  vd_hardware_page_device_set_combo (self->target_type_combo, target_type);
  gtk_widget_set_sensitive (GTK_WIDGET (self->target_type_combo),
                            g_strcmp0 (target_type, "serial") == 0 ||
                            g_strcmp0 (target_type, "virtio") == 0);
  show_row (self->name_entry_label, GTK_WIDGET (self->name_entry), named);
  gtk_entry_set_text (self->name_entry, name != NULL ? name : "");

  self->add_agent = FALSE;
  /* A guest without a channel yet has a console (libvirt gives every
   * guest with a serial port one): both offer the agent's channel. */
  show_row (self->agent_label_label, gtk_widget_get_parent (GTK_WIDGET (self->agent_label)),
            kind == VD_DEVICE_KIND_CHANNEL || kind == VD_DEVICE_KIND_CONSOLE);
  update_agent (self, editor);
  self->is_agent = named && g_strcmp0 (name, "org.qemu.guest_agent.0") == 0;
  read_agent_state (self);
}

/* As the setter takes them: letters, digits and . - : _ [ ] */
static gboolean
is_host_name (const char *host)
{
  if (host == NULL)
    return FALSE;
  for (const char *p = host; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && strchr (".-:_[]", *p) == NULL)
      return FALSE;

  return TRUE;
}

static char *
entry_text (GtkEntry *entry)
{
  char *text = g_strstrip (g_strdup (gtk_entry_get_text (entry)));

  if (text[0] == '\0')
    g_clear_pointer (&text, g_free);

  return text;
}

static gboolean
commit_source (VdHardwarePageChar  *self,
               VdDomainEditor      *editor,
               GError             **error)
{
  const char *id = device_id (self);
  g_auto(VdCharSource) source = { 0 };
  g_autofree char *port_text = entry_text (self->port_entry);
  GError *local_error = NULL;
  guint64 port = 0;
  GtkLabel *at_fault;
  const char *type = vd_hardware_page_device_get_combo (self->type_combo);
  gboolean is_tcp = g_strcmp0 (type, "tcp") == 0;
  gboolean is_udp = g_strcmp0 (type, "udp") == 0;
  gboolean is_unix = g_strcmp0 (type, "unix") == 0;
  g_auto(VdCharSource) old = { 0 };

  vd_domain_editor_get_char_source (editor, id, &old);
  if (g_strcmp0 (type, old.type) == 0 && !g_strv_contains (settable_types, old.type))
    return TRUE;

  /* Only the fields of the chosen kind count. */
  source.type = g_strdup (type);
  if (g_strcmp0 (type, "file") == 0 || is_unix)
    source.path = entry_text (self->path_entry);
  if (is_tcp || is_udp)
    {
      source.host = entry_text (self->host_entry);
      if (port_text != NULL &&
          !g_ascii_string_to_unsigned (port_text, 10, 0, G_MAXUINT, &port, NULL))
        {
          local_error = g_error_new (VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                                     /* translators: %s is what the user typed */
                                     _("“%s” is not a port number"), port_text);
          return vd_hardware_page_device_field_error (self->port_message, local_error, error);
        }
      source.port = (guint)MIN (port, (guint64)G_MAXUINT);
    }
  if (is_tcp || is_unix)
    source.mode = g_strdup (vd_hardware_page_device_get_combo (self->mode_combo));
  if (is_tcp)
    source.protocol = g_strdup (vd_hardware_page_device_get_combo (self->protocol_combo));

  if (vd_domain_editor_set_char_source (editor, id, &source, &local_error))
    return TRUE;

  /* The field at fault, in the setter's order of checks: the type, the
   * path, the host, the port (the combos offer valid values only). */
  if (!g_strv_contains (settable_types, type != NULL ? type : "") ||
      g_strcmp0 (type, "spicevmc") == 0)
    at_fault = self->type_message;
  else if (g_strcmp0 (type, "file") == 0 || is_unix)
    at_fault = self->path_message;
  else if (!is_host_name (source.host))
    at_fault = self->host_message;
  else
    at_fault = self->port_message;

  return vd_hardware_page_device_field_error (at_fault, local_error, error);
}

static gboolean
vd_hardware_page_char_commit (VdHardwarePage  *page,
                              VdDomainEditor  *editor,
                              GError         **error)
{
  VdHardwarePageChar *self = VD_HARDWARE_PAGE_CHAR (page);
  const char *id = device_id (self);
  VdDeviceKind kind = vd_domain_editor_get_device_kind (editor, id);
  GError *local_error = NULL;
  g_autofree char *old_target = NULL;
  g_autofree char *old_name = NULL;
  gboolean ok;

  for (GtkLabel **m = (GtkLabel *[]) { self->type_message, self->path_message,
                                       self->host_message, self->port_message,
                                       self->mode_message, self->protocol_message,
                                       self->target_type_message, self->name_message, NULL };
       *m != NULL; m++)
    vd_hardware_page_set_field_message (*m, NULL);

  ok = commit_source (self, editor, error);

  vd_domain_editor_get_char_target (editor, id, &old_target, &old_name);
  if (kind == VD_DEVICE_KIND_CONSOLE)
    {
      const char *target = vd_hardware_page_device_get_combo (self->target_type_combo);

      if (g_strcmp0 (target, old_target) != 0 &&
          !vd_domain_editor_set_console_target (editor, id, target, &local_error))
        ok = vd_hardware_page_device_field_error (self->target_type_message, local_error,
                                                  ok ? error : NULL);
    }
  if (kind == VD_DEVICE_KIND_CHANNEL && g_strcmp0 (old_target, "virtio") == 0)
    {
      g_autofree char *name = entry_text (self->name_entry);

      if (g_strcmp0 (name, old_name) != 0 &&
          !vd_domain_editor_set_channel_name (editor, id, name, &local_error))
        ok = vd_hardware_page_device_field_error (self->name_message, local_error,
                                                  ok ? error : NULL);
    }
  if (ok && self->add_agent && !vd_domain_editor_has_guest_agent (editor))
    {
      g_autofree char *agent = vd_domain_editor_add_guest_agent (editor, error);

      ok = agent != NULL;
    }

  return ok;
}

static void
vd_hardware_page_char_dispose (GObject *object)
{
  VdHardwarePageChar *self = (VdHardwarePageChar *)object;

  g_cancellable_cancel (self->live_cancellable);
  g_clear_object (&self->live_cancellable);

  G_OBJECT_CLASS (vd_hardware_page_char_parent_class)->dispose (object);
}

static void
vd_hardware_page_char_class_init (VdHardwarePageCharClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  VdHardwarePageClass *page_class = VD_HARDWARE_PAGE_CLASS (klass);

  object_class->dispose = vd_hardware_page_char_dispose;
  page_class->load = vd_hardware_page_char_load;
  page_class->commit = vd_hardware_page_char_commit;

  vd_hardware_page_device_class_set_template (widget_class,
                                              RESOURCE_BASE "/details/vd-hardware-page-char.ui");
  gtk_widget_class_bind_template_callback (widget_class, agent_clicked_cb);
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, VdHardwarePageChar, name)
  BIND (heading_label);
  BIND (remove_button);
  BIND (type_combo);
  BIND (type_message);
  BIND (path_entry_label);
  BIND (path_entry);
  BIND (path_message);
  BIND (host_entry_label);
  BIND (host_entry);
  BIND (host_message);
  BIND (port_entry_label);
  BIND (port_entry);
  BIND (port_message);
  BIND (mode_combo_label);
  BIND (mode_combo);
  BIND (mode_message);
  BIND (protocol_combo_label);
  BIND (protocol_combo);
  BIND (protocol_message);
  BIND (target_type_combo_label);
  BIND (target_type_combo);
  BIND (target_type_message);
  BIND (name_entry_label);
  BIND (name_entry);
  BIND (name_message);
  BIND (agent_label_label);
  BIND (agent_label);
  BIND (agent_button);
  BIND (agent_state_label_label);
  BIND (agent_state_label);
#undef BIND
}

static void
vd_hardware_page_char_init (VdHardwarePageChar *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->type_combo, "changed", G_CALLBACK (type_changed_cb), self);
  g_signal_connect (self, "notify::domain", G_CALLBACK (domain_changed_cb), NULL);
  /* libvirt's agent events are not followed: the state is read again each
   * time the page is shown. */
  g_signal_connect (self, "map", G_CALLBACK (read_agent_state), NULL);
}
