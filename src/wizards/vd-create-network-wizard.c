/* vd-create-network-wizard.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-create-network-wizard"

#include "config.h"

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "vd-connection-host.h"
#include "vd-create-network-wizard.h"

/*
 * The Create Network wizard: a stack of pages filling a VdNetworkSpec
 * (name, connectivity, IPv4, IPv6, advanced, summary), each field judged
 * by vd_network_spec_check() as it is typed, its reason shown under it;
 * Next and Create stay off while the page has a wrong field. Create runs
 * vd_connection_create_network_async() behind a progress page; a failure
 * shows libvirt's message, and Back returns to the summary with every
 * field as it was. The IP pages are skipped for the modes that have no
 * addresses of their own (bridge, passthrough, hostdev).
 */

struct _VdCreateNetworkWizard
{
  GtkWindow       parent_instance;

  /* Template widgets */
  GtkStack       *stack;
  GtkButton      *cancel_button;
  GtkButton      *back_button;
  GtkButton      *next_button;
  GtkLabel       *step_label;
  GtkEntry       *name_entry;
  GtkLabel       *name_error;
  GtkComboBoxText *mode_combo;
  GtkLabel       *mode_help;
  GtkLabel       *device_label;
  GtkComboBoxText *device_combo;
  GtkEntry       *device_entry;
  GtkLabel       *device_error;
  GtkToggleButton *ipv4_check;
  GtkGrid        *ipv4_grid;
  GtkEntry       *ipv4_entry;
  GtkLabel       *ipv4_error;
  GtkEntry       *dhcp4_start_entry;
  GtkEntry       *dhcp4_end_entry;
  GtkLabel       *dhcp4_error;
  GtkListBox     *host_list;
  GtkEntry       *host_mac_entry;
  GtkEntry       *host_ip_entry;
  GtkEntry       *host_name_entry;
  GtkButton      *host_add_button;
  GtkLabel       *host_error;
  GtkLabel       *hosts_error;
  GtkToggleButton *ipv6_check;
  GtkGrid        *ipv6_grid;
  GtkEntry       *ipv6_entry;
  GtkLabel       *ipv6_error;
  GtkEntry       *dhcp6_start_entry;
  GtkEntry       *dhcp6_end_entry;
  GtkLabel       *dhcp6_error;
  GtkGrid        *dns_grid;
  GtkEntry       *dns_entry;
  GtkLabel       *dns_error;
  GtkSpinButton  *in_average_spin;
  GtkSpinButton  *in_peak_spin;
  GtkSpinButton  *in_burst_spin;
  GtkSpinButton  *out_average_spin;
  GtkSpinButton  *out_peak_spin;
  GtkSpinButton  *out_burst_spin;
  GtkLabel       *bandwidth_error;
  GtkListBox     *pg_list;
  GtkEntry       *pg_name_entry;
  GtkSpinButton  *pg_vlan_spin;
  GtkToggleButton *pg_default_check;
  GtkButton      *pg_add_button;
  GtkLabel       *pg_error;
  GtkLabel       *portgroups_error;
  GtkToggleButton *start_check;
  GtkToggleButton *autostart_check;
  GtkSourceView  *xml_view;
  GtkLabel       *error_label;

  /* Owned references */
  VdConnection   *connection;
  VdNetworkSpec  *spec;
  GCancellable   *cancellable;     /* cancelled in dispose */
  gboolean        creating;
};

G_DEFINE_FINAL_TYPE (VdCreateNetworkWizard, vd_create_network_wizard, GTK_TYPE_WINDOW)

/* The pages a user steps through, in order. */
static const char * const steps[] = { "name", "forward", "ipv4", "ipv6", "advanced", "summary" };

static const VdNetworkForwardMode mode_by_index[] = {
  VD_NETWORK_FORWARD_NAT,
  VD_NETWORK_FORWARD_ROUTE,
  VD_NETWORK_FORWARD_ISOLATED,
  VD_NETWORK_FORWARD_OPEN,
  VD_NETWORK_FORWARD_BRIDGE,
  VD_NETWORK_FORWARD_PASSTHROUGH,
  VD_NETWORK_FORWARD_HOSTDEV,
};

static void revalidate (VdCreateNetworkWizard *self);

static void
set_string (char       **field,
            GtkEntry    *entry)
{
  g_free (*field);
  *field = g_strdup (gtk_entry_get_text (entry));
  g_strstrip (*field);
}

/* Widgets → spec. Hosts and portgroups live in the spec already. */
static void
sync_spec (VdCreateNetworkWizard *self)
{
  VdNetworkSpec *spec = self->spec;
  int mode = gtk_combo_box_get_active (GTK_COMBO_BOX (self->mode_combo));

  set_string (&spec->name, self->name_entry);
  spec->forward_mode = mode_by_index[CLAMP (mode, 0, (int)G_N_ELEMENTS (mode_by_index) - 1)];
  set_string (&spec->device, self->device_entry);
  spec->ipv4_enabled = gtk_toggle_button_get_active (self->ipv4_check);
  set_string (&spec->ipv4, self->ipv4_entry);
  set_string (&spec->dhcp4_start, self->dhcp4_start_entry);
  set_string (&spec->dhcp4_end, self->dhcp4_end_entry);
  spec->ipv6_enabled = gtk_toggle_button_get_active (self->ipv6_check);
  set_string (&spec->ipv6, self->ipv6_entry);
  set_string (&spec->dhcp6_start, self->dhcp6_start_entry);
  set_string (&spec->dhcp6_end, self->dhcp6_end_entry);
  set_string (&spec->dns_domain, self->dns_entry);
  spec->inbound.average = gtk_spin_button_get_value_as_int (self->in_average_spin);
  spec->inbound.peak = gtk_spin_button_get_value_as_int (self->in_peak_spin);
  spec->inbound.burst = gtk_spin_button_get_value_as_int (self->in_burst_spin);
  spec->outbound.average = gtk_spin_button_get_value_as_int (self->out_average_spin);
  spec->outbound.peak = gtk_spin_button_get_value_as_int (self->out_peak_spin);
  spec->outbound.burst = gtk_spin_button_get_value_as_int (self->out_burst_spin);
}

/* Shows @message under its field (hidden when %NULL); TRUE when fine. */
static gboolean
show_message (GtkLabel *label,
              char     *message)
{
  gtk_label_set_text (label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
  g_free (message);
  return gtk_widget_get_visible (GTK_WIDGET (label)) == FALSE;
}

/* The same for the row being typed (a host, a portgroup), whose line stays
 * reserved: the entries do not jump under the pointer while typing. */
static void
show_reserved (GtkLabel *label,
               char     *message)
{
  gtk_label_set_text (label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), TRUE);
  g_free (message);
}

static gboolean
check (VdCreateNetworkWizard *self,
       VdNetworkSpecField     field,
       GtkLabel              *label)
{
  GListModel *networks = vd_connection_get_networks (self->connection);

  return show_message (label, vd_network_spec_check (self->spec, field, networks));
}

static gboolean
page_valid (VdCreateNetworkWizard *self,
            const char            *page)
{
  if (g_str_equal (page, "name"))
    return check (self, VD_NETWORK_SPEC_FIELD_NAME, self->name_error);
  if (g_str_equal (page, "forward"))
    return check (self, VD_NETWORK_SPEC_FIELD_DEVICE, self->device_error);
  if (g_str_equal (page, "ipv4"))
    {
      gboolean ok = check (self, VD_NETWORK_SPEC_FIELD_IPV4, self->ipv4_error);

      ok &= check (self, VD_NETWORK_SPEC_FIELD_DHCP4, self->dhcp4_error);
      ok &= check (self, VD_NETWORK_SPEC_FIELD_HOSTS, self->hosts_error);
      return ok;
    }
  if (g_str_equal (page, "ipv6"))
    {
      gboolean ok = check (self, VD_NETWORK_SPEC_FIELD_IPV6, self->ipv6_error);

      ok &= check (self, VD_NETWORK_SPEC_FIELD_DHCP6, self->dhcp6_error);
      return ok;
    }
  if (g_str_equal (page, "advanced"))
    {
      gboolean ok = check (self, VD_NETWORK_SPEC_FIELD_DNS_DOMAIN, self->dns_error);

      ok &= check (self, VD_NETWORK_SPEC_FIELD_BANDWIDTH, self->bandwidth_error);
      ok &= check (self, VD_NETWORK_SPEC_FIELD_PORTGROUPS, self->portgroups_error);
      return ok;
    }
  if (g_str_equal (page, "summary"))
    return vd_network_spec_validate (self->spec, vd_connection_get_networks (self->connection),
                                     NULL);
  return FALSE;
}

static gboolean
step_used (VdCreateNetworkWizard *self,
           const char            *page)
{
  if (g_str_equal (page, "ipv4") || g_str_equal (page, "ipv6"))
    return vd_network_forward_mode_uses_ip (self->spec->forward_mode);
  return TRUE;
}

static int
current_step (VdCreateNetworkWizard *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (g_strcmp0 (steps[i], page) == 0)
      return i;
  return -1;
}

static void
update_buttons (VdCreateNetworkWizard *self)
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
  else
    gtk_label_set_text (self->step_label, "");

  gtk_widget_set_sensitive (GTK_WIDGET (self->back_button),
                            step > 0 || g_strcmp0 (page, "error") == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->next_button), step >= 0);
  gtk_button_set_label (self->next_button,
                        g_strcmp0 (page, "summary") == 0 ? _("C_reate") : _("_Next"));
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button),
                            step >= 0 && page_valid (self, page));
}

static void
update_xml (VdCreateNetworkWizard *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->xml_view));
  g_autofree char *xml = vd_network_spec_to_xml (self->spec);

  gtk_text_buffer_set_text (buffer, xml, -1);
}

static void
update_pending_host (VdCreateNetworkWizard *self)
{
  const char *mac = gtk_entry_get_text (self->host_mac_entry);
  const char *ip = gtk_entry_get_text (self->host_ip_entry);
  const char *name = gtk_entry_get_text (self->host_name_entry);
  gboolean empty = *mac == '\0' && *ip == '\0' && *name == '\0';
  g_autofree char *stripped_mac = g_strstrip (g_strdup (mac));
  g_autofree char *stripped_ip = g_strstrip (g_strdup (ip));
  g_autofree char *stripped_name = g_strstrip (g_strdup (name));
  /* Judged as host_add_cb() will add it: trimmed. */
  char *message = empty ? NULL : vd_network_spec_check_host (self->spec, stripped_mac,
                                                              stripped_ip, stripped_name);

  gtk_widget_set_sensitive (GTK_WIDGET (self->host_add_button), !empty && message == NULL);
  show_reserved (self->host_error, message);
}

static char *
check_pending_portgroup (VdCreateNetworkWizard *self)
{
  g_autoptr(VdNetworkSpec) trial = vd_network_spec_copy (self->spec);
  g_autofree char *name = g_strstrip (g_strdup (gtk_entry_get_text (self->pg_name_entry)));

  vd_network_spec_add_portgroup (trial, name, gtk_spin_button_get_value_as_int (self->pg_vlan_spin),
                                 gtk_toggle_button_get_active (self->pg_default_check));
  return vd_network_spec_check (trial, VD_NETWORK_SPEC_FIELD_PORTGROUPS, NULL);
}

static void
update_pending_portgroup (VdCreateNetworkWizard *self)
{
  gboolean empty = *gtk_entry_get_text (self->pg_name_entry) == '\0';
  char *message = empty ? NULL : check_pending_portgroup (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->pg_add_button), !empty && message == NULL);
  show_reserved (self->pg_error, message);
}

static void
update_mode (VdCreateNetworkWizard *self)
{
  VdNetworkForwardMode mode = self->spec->forward_mode;
  gboolean takes = vd_network_forward_mode_takes_device (mode);
  const char *help = NULL;
  const char *device = NULL;

  switch (mode)
    {
    case VD_NETWORK_FORWARD_NAT:
      help = _("Guests reach the outside through the host’s address (the usual choice). "
               "Optionally only through one device.");
      device = _("_Forward to");
      break;
    case VD_NETWORK_FORWARD_ROUTE:
      help = _("Guests’ traffic is routed without NAT: other hosts need a route to this "
               "network (a DMZ, hosted servers).");
      device = _("_Forward to");
      break;
    case VD_NETWORK_FORWARD_ISOLATED:
      help = _("Guests reach each other and the host only.");
      break;
    case VD_NETWORK_FORWARD_OPEN:
      help = _("Routed like “Routed”, but libvirt adds no firewall rules: the host’s own "
               "firewall decides.");
      break;
    case VD_NETWORK_FORWARD_BRIDGE:
      help = _("Guests join an existing host bridge and the LAN behind it; the LAN gives "
               "their addresses.");
      device = _("_Bridge");
      break;
    case VD_NETWORK_FORWARD_PASSTHROUGH:
      help = _("Each guest gets a macvtap interface on the physical device.");
      device = _("_Device");
      break;
    case VD_NETWORK_FORWARD_HOSTDEV:
    default:
      help = _("Each guest gets a free SR-IOV virtual function of this physical function.");
      device = _("_Physical function");
      break;
    }

  gtk_label_set_text (self->mode_help, help);
  gtk_widget_set_visible (GTK_WIDGET (self->device_label), takes);
  gtk_widget_set_visible (GTK_WIDGET (self->device_combo), takes);
  if (takes)
    gtk_label_set_text_with_mnemonic (self->device_label, device);
  gtk_entry_set_placeholder_text (self->device_entry,
                                  vd_network_forward_mode_needs_device (mode)
                                    ? NULL : _("any device"));
}

static void
revalidate (VdCreateNetworkWizard *self)
{
  sync_spec (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->ipv4_grid), self->spec->ipv4_enabled);
  gtk_widget_set_sensitive (GTK_WIDGET (self->ipv6_grid), self->spec->ipv6_enabled);
  update_mode (self);
  update_pending_host (self);
  update_pending_portgroup (self);
  update_xml (self);
  update_buttons (self);
}

static void
field_changed_cb (VdCreateNetworkWizard *self)
{
  if (self->spec != NULL)
    revalidate (self);
}

static void
mode_changed_cb (VdCreateNetworkWizard *self)
{
  field_changed_cb (self);
}

static void
pg_fields_changed_cb (VdCreateNetworkWizard *self)
{
  field_changed_cb (self);
}

static void
noop_cb (VdCreateNetworkWizard *self)
{
  /* Start and autostart are read when Create is pressed. */
}

static void
page_changed_cb (VdCreateNetworkWizard *self)
{
  if (self->spec != NULL)
    update_buttons (self);
}

/* ------------------------------------------------------------------ */
/* Lists of hosts and portgroups                                       */
/* ------------------------------------------------------------------ */

typedef void (*RemoveFunc) (VdCreateNetworkWizard *self,
                            guint                  index);

static void
remove_clicked_cb (GtkButton *button,
                   gpointer   user_data)
{
  VdCreateNetworkWizard *self = user_data;
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);
  GtkWidget *list = gtk_widget_get_parent (row);
  guint index = gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row));

  if (list == GTK_WIDGET (self->host_list))
    g_ptr_array_remove_index (self->spec->hosts, index);
  else
    g_ptr_array_remove_index (self->spec->portgroups, index);
  gtk_widget_destroy (row);
  revalidate (self);
}

static void
add_list_row (VdCreateNetworkWizard *self,
              GtkListBox            *list,
              const char            *text,
              const char            *remove_name)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *remove = gtk_button_new_from_icon_name ("list-remove-symbolic", GTK_ICON_SIZE_BUTTON);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_set_tooltip_text (remove, remove_name);
  atk_object_set_name (gtk_widget_get_accessible (remove), remove_name);
  gtk_button_set_relief (GTK_BUTTON (remove), GTK_RELIEF_NONE);
  g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked_cb), self);
  gtk_container_add (GTK_CONTAINER (box), label);
  gtk_container_add (GTK_CONTAINER (box), remove);
  g_object_set (box, "margin", 4, NULL);
  gtk_widget_show_all (box);
  gtk_list_box_insert (list, box, -1);
}

static void
host_add_cb (VdCreateNetworkWizard *self)
{
  g_autofree char *mac = g_strstrip (g_strdup (gtk_entry_get_text (self->host_mac_entry)));
  g_autofree char *ip = g_strstrip (g_strdup (gtk_entry_get_text (self->host_ip_entry)));
  g_autofree char *name = g_strstrip (g_strdup (gtk_entry_get_text (self->host_name_entry)));
  g_autofree char *message = vd_network_spec_check_host (self->spec, mac, ip, name);
  g_autofree char *text = NULL;
  g_autofree char *remove = NULL;

  if (message != NULL)
    return;

  vd_network_spec_add_host (self->spec, mac, ip, *name ? name : NULL);
  text = g_strdup_printf ("%s   %s   %s", mac, ip, name);
  /* translators: the accessible name of a button removing a static host; %s is its MAC */
  remove = g_strdup_printf (_("Remove the host %s"), mac);
  add_list_row (self, self->host_list, text, remove);

  gtk_entry_set_text (self->host_mac_entry, "");
  gtk_entry_set_text (self->host_ip_entry, "");
  gtk_entry_set_text (self->host_name_entry, "");
  gtk_widget_grab_focus (GTK_WIDGET (self->host_mac_entry));
  revalidate (self);
}

static void
pg_add_cb (VdCreateNetworkWizard *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_entry_get_text (self->pg_name_entry)));
  g_autofree char *message = check_pending_portgroup (self);
  g_autofree char *text = NULL;
  g_autofree char *remove = NULL;
  guint vlan = gtk_spin_button_get_value_as_int (self->pg_vlan_spin);
  gboolean is_default = gtk_toggle_button_get_active (self->pg_default_check);

  if (message != NULL)
    return;

  vd_network_spec_add_portgroup (self->spec, name, vlan, is_default);
  if (vlan != 0)
    /* translators: a portgroup in the list: its name, VLAN tag, and maybe “(default)” */
    text = g_strdup_printf (_("%s   VLAN %u%s"), name, vlan, is_default ? _("   (default)") : "");
  else
    text = g_strdup_printf ("%s%s", name, is_default ? _("   (default)") : "");
  /* translators: the accessible name of a button removing a portgroup */
  remove = g_strdup_printf (_("Remove the portgroup %s"), name);
  add_list_row (self, self->pg_list, text, remove);

  gtk_entry_set_text (self->pg_name_entry, "");
  gtk_spin_button_set_value (self->pg_vlan_spin, 0);
  gtk_toggle_button_set_active (self->pg_default_check, FALSE);
  revalidate (self);
}

/* ------------------------------------------------------------------ */
/* Navigation and creation                                             */
/* ------------------------------------------------------------------ */

static void
show_step (VdCreateNetworkWizard *self,
           int                    step,
           int                    direction)
{
  while (step >= 0 && step < (int)G_N_ELEMENTS (steps) && !step_used (self, steps[step]))
    step += direction;
  if (step < 0 || step >= (int)G_N_ELEMENTS (steps))
    return;
  gtk_stack_set_visible_child_name (self->stack, steps[step]);
  update_buttons (self);
}

static void
create_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(VdCreateNetworkWizard) self = user_data;
  g_autoptr(GError) error = NULL;

  self->creating = FALSE;
  if (vd_connection_create_network_finish (VD_CONNECTION (object), result, &error))
    {
      gtk_widget_destroy (GTK_WIDGET (self));
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_label_set_text (self->error_label, error->message);
  gtk_stack_set_visible_child_name (self->stack, "error");
  update_buttons (self);
}

static void
create (VdCreateNetworkWizard *self)
{
  g_autofree char *text = NULL;

  sync_spec (self);
  text = g_strdup_printf (_("Creating the network “%s”…"), self->spec->name);
  gtk_label_set_text (self->error_label, "");
  gtk_stack_set_visible_child_name (self->stack, "progress");
  gtk_widget_set_sensitive (GTK_WIDGET (self->back_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->next_button), FALSE);
  gtk_label_set_text (self->step_label, text);

  self->creating = TRUE;
  vd_connection_create_network_async (self->connection, self->spec,
                                      gtk_toggle_button_get_active (self->start_check),
                                      gtk_toggle_button_get_active (self->autostart_check),
                                      self->cancellable, create_cb, g_object_ref (self));
}

static void
next_cb (VdCreateNetworkWizard *self)
{
  int step = current_step (self);

  revalidate (self);
  if (step < 0 || !page_valid (self, steps[step]))
    return;
  if (g_str_equal (steps[step], "summary"))
    create (self);
  else
    show_step (self, step + 1, +1);
}

static void
back_cb (VdCreateNetworkWizard *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  if (g_strcmp0 (page, "error") == 0)
    show_step (self, G_N_ELEMENTS (steps) - 1, -1);
  else if (current_step (self) > 0)
    show_step (self, current_step (self) - 1, -1);
}

/* Closing during creation does not undo it (a libvirt call cannot be
 * interrupted): the network may still appear in the list. */
static void
cancel_cb (VdCreateNetworkWizard *self)
{
  gtk_widget_destroy (GTK_WIDGET (self));
}

static void
interfaces_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(VdCreateNetworkWizard) self = user_data;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = vd_connection_list_interfaces_finish (VD_CONNECTION (object), result,
                                                               &error);

  if (names == NULL)
    {
      /* Drivers without interface support: the entry stays free. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("%s", error->message);
      return;
    }
  for (guint i = 0; names[i] != NULL; i++)
    gtk_combo_box_text_append (self->device_combo, names[i], names[i]);
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */
/* ------------------------------------------------------------------ */

static void
vd_create_network_wizard_dispose (GObject *object)
{
  VdCreateNetworkWizard *self = VD_CREATE_NETWORK_WIZARD (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->connection);

  G_OBJECT_CLASS (vd_create_network_wizard_parent_class)->dispose (object);
}

static void
vd_create_network_wizard_finalize (GObject *object)
{
  VdCreateNetworkWizard *self = VD_CREATE_NETWORK_WIZARD (object);

  g_clear_pointer (&self->spec, vd_network_spec_free);

  G_OBJECT_CLASS (vd_create_network_wizard_parent_class)->finalize (object);
}

static void
vd_create_network_wizard_class_init (VdCreateNetworkWizardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vd_create_network_wizard_dispose;
  object_class->finalize = vd_create_network_wizard_finalize;

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/virtdesk/VirtDesk/wizards/"
                                               "vd-create-network-wizard.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, VdCreateNetworkWizard, name)
  CHILD (stack);
  CHILD (cancel_button);
  CHILD (back_button);
  CHILD (next_button);
  CHILD (step_label);
  CHILD (name_entry);
  CHILD (name_error);
  CHILD (mode_combo);
  CHILD (mode_help);
  CHILD (device_label);
  CHILD (device_combo);
  CHILD (device_entry);
  CHILD (device_error);
  CHILD (ipv4_check);
  CHILD (ipv4_grid);
  CHILD (ipv4_entry);
  CHILD (ipv4_error);
  CHILD (dhcp4_start_entry);
  CHILD (dhcp4_end_entry);
  CHILD (dhcp4_error);
  CHILD (host_list);
  CHILD (host_mac_entry);
  CHILD (host_ip_entry);
  CHILD (host_name_entry);
  CHILD (host_add_button);
  CHILD (host_error);
  CHILD (hosts_error);
  CHILD (ipv6_check);
  CHILD (ipv6_grid);
  CHILD (ipv6_entry);
  CHILD (ipv6_error);
  CHILD (dhcp6_start_entry);
  CHILD (dhcp6_end_entry);
  CHILD (dhcp6_error);
  CHILD (dns_grid);
  CHILD (dns_entry);
  CHILD (dns_error);
  CHILD (in_average_spin);
  CHILD (in_peak_spin);
  CHILD (in_burst_spin);
  CHILD (out_average_spin);
  CHILD (out_peak_spin);
  CHILD (out_burst_spin);
  CHILD (bandwidth_error);
  CHILD (pg_list);
  CHILD (pg_name_entry);
  CHILD (pg_vlan_spin);
  CHILD (pg_default_check);
  CHILD (pg_add_button);
  CHILD (pg_error);
  CHILD (portgroups_error);
  CHILD (start_check);
  CHILD (autostart_check);
  CHILD (xml_view);
  CHILD (error_label);
#undef CHILD
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, mode_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, pg_fields_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, noop_cb);
  gtk_widget_class_bind_template_callback (widget_class, page_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, host_add_cb);
  gtk_widget_class_bind_template_callback (widget_class, pg_add_cb);
  gtk_widget_class_bind_template_callback (widget_class, next_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_cb);
}

static void
vd_create_network_wizard_init (VdCreateNetworkWizard *self)
{
  GtkSourceLanguage *xml;
  GtkTextBuffer *buffer;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->xml_view));
  xml = gtk_source_language_manager_get_language (gtk_source_language_manager_get_default (),
                                                  "xml");
  if (GTK_SOURCE_IS_BUFFER (buffer) && xml != NULL)
    gtk_source_buffer_set_language (GTK_SOURCE_BUFFER (buffer), xml);
}

/**
 * vd_create_network_wizard_new:
 * @parent: (nullable): the window it is transient for
 *
 * Returns: (transfer floating): the wizard for a new network on
 *   @connection, on its first page
 */
GtkWidget *
vd_create_network_wizard_new (GtkWindow    *parent,
                              VdConnection *connection)
{
  VdCreateNetworkWizard *self;
  VdNetworkSpec *spec;

  g_return_val_if_fail (VD_IS_CONNECTION (connection), NULL);

  self = g_object_new (VD_TYPE_CREATE_NETWORK_WIZARD, "transient-for", parent, NULL);
  self->connection = g_object_ref (connection);

  /* The spec's defaults fill the fields, then the fields fill the spec. */
  spec = vd_network_spec_new ();
  gtk_entry_set_text (self->ipv4_entry, spec->ipv4);
  gtk_entry_set_text (self->dhcp4_start_entry, spec->dhcp4_start);
  gtk_entry_set_text (self->dhcp4_end_entry, spec->dhcp4_end);
  gtk_combo_box_set_active (GTK_COMBO_BOX (self->mode_combo), 0);
  gtk_widget_set_sensitive (GTK_WIDGET (self->host_add_button), FALSE);
  self->spec = spec;
  gtk_stack_set_visible_child_name (self->stack, "name");
  revalidate (self);
  /* An empty name is the expected start, not a mistake yet. */
  gtk_widget_set_visible (GTK_WIDGET (self->name_error), FALSE);

  /* Names and subnets are judged against the connection's networks. */
  g_signal_connect_object (vd_connection_get_networks (connection), "items-changed",
                           G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);
  vd_connection_list_interfaces_async (connection, self->cancellable, interfaces_cb,
                                       g_object_ref (self));

  return GTK_WIDGET (self);
}

/**
 * vd_create_network_wizard_get_page:
 *
 * Returns: the visible page: "name", "forward", "ipv4", "ipv6",
 *   "advanced", "summary", "progress" or "error"
 */
const char *
vd_create_network_wizard_get_page (VdCreateNetworkWizard *self)
{
  g_return_val_if_fail (VD_IS_CREATE_NETWORK_WIZARD (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * vd_create_network_wizard_get_spec:
 *
 * Returns: (transfer none): what the fields say now
 */
const VdNetworkSpec *
vd_create_network_wizard_get_spec (VdCreateNetworkWizard *self)
{
  g_return_val_if_fail (VD_IS_CREATE_NETWORK_WIZARD (self), NULL);

  return self->spec;
}
