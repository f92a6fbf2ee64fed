/* vd-host-window-networks.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-host-window"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-create-network-wizard.h"
#include "vd-dhcp-hosts-dialog.h"
#include "vd-host-window-private.h"

/*
 * The Virtual Networks page: the connection's networks in a list with
 * their state, the selected one's details and XML, and the host.network-*
 * actions on it.
 */

typedef gboolean (*NetworkFinish) (VdNetwork *, GAsyncResult *, GError **);

static const char *
forward_mode_label (const char *mode)
{
  if (mode == NULL)
    /* translators: a virtual network with no forwarding */
    return C_("forward mode", "Isolated");
  if (g_str_equal (mode, "nat"))
    return C_("forward mode", "NAT");
  if (g_str_equal (mode, "route"))
    return C_("forward mode", "Routed");
  if (g_str_equal (mode, "open"))
    return C_("forward mode", "Open");
  if (g_str_equal (mode, "bridge"))
    return C_("forward mode", "Bridge to a host bridge");
  if (g_str_equal (mode, "private") || g_str_equal (mode, "vepa") ||
      g_str_equal (mode, "passthrough"))
    /* translators: macvtap direct attachment (private, vepa, passthrough) */
    return C_("forward mode", "Direct (macvtap)");
  if (g_str_equal (mode, "hostdev"))
    return C_("forward mode", "SR-IOV pool");
  return mode;
}

static const char *
network_state_label (VdNetwork *network)
{
  return vd_network_get_active (network) ? C_("network state", "Active")
                                         : C_("network state", "Inactive");
}

/* ------------------------------------------------------------------ */
/* The list                                                            */
/* ------------------------------------------------------------------ */

static void
update_network_row (GtkWidget *row)
{
  VdNetwork *network = g_object_get_data (G_OBJECT (row), "vd-item");
  GtkImage *icon = g_object_get_data (G_OBJECT (row), "vd-icon");
  GtkLabel *name = g_object_get_data (G_OBJECT (row), "vd-name");
  GtkLabel *state = g_object_get_data (G_OBJECT (row), "vd-state");
  g_autofree char *accessible = NULL;

  gtk_image_set_from_icon_name (icon, vd_network_get_active (network)
                                        ? "media-playback-start-symbolic"
                                        : "media-playback-stop-symbolic",
                                GTK_ICON_SIZE_BUTTON);
  gtk_label_set_text (name, vd_network_get_name (network));
  gtk_label_set_text (state, network_state_label (network));
  /* translators: a network's row for screen readers: name and state */
  accessible = g_strdup_printf (_("%s: %s"), vd_network_get_name (network),
                                network_state_label (network));
  atk_object_set_name (gtk_widget_get_accessible (row), accessible);
}

static void
network_row_notify_cb (GObject    *network,
                       GParamSpec *pspec,
                       GtkWidget  *row)
{
  update_network_row (row);
}

static GtkWidget *
create_network_row (gpointer item,
                    gpointer user_data)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *state = gtk_label_new (NULL);

  g_object_set (box, "margin", 6, NULL);
  gtk_label_set_xalign (GTK_LABEL (name), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_style_context_add_class (gtk_widget_get_style_context (state), "dim-label");
  gtk_container_add (GTK_CONTAINER (box), icon);
  gtk_container_add (GTK_CONTAINER (box), name);
  gtk_container_add (GTK_CONTAINER (box), state);
  gtk_container_add (GTK_CONTAINER (row), box);
  gtk_widget_show_all (row);

  g_object_set_data (G_OBJECT (row), "vd-item", item);
  g_object_set_data (G_OBJECT (row), "vd-icon", icon);
  g_object_set_data (G_OBJECT (row), "vd-name", name);
  g_object_set_data (G_OBJECT (row), "vd-state", state);
  g_signal_connect_object (item, "notify", G_CALLBACK (network_row_notify_cb), row, 0);
  update_network_row (row);

  return row;
}

/* ------------------------------------------------------------------ */
/* Details                                                             */
/* ------------------------------------------------------------------ */

static void
update_network_actions (VdHostWindow *self)
{
  VdNetwork *network = self->network;
  gboolean usable = network != NULL && vd_network_get_connection (network) != NULL &&
                    !vd_network_get_busy (network);
  GAction *autostart;

  _vd_host_window_enable (self, "network-start", usable && !vd_network_get_active (network));
  _vd_host_window_enable (self, "network-stop", usable && vd_network_get_active (network));
  _vd_host_window_enable (self, "network-delete", usable);
  /* Static hosts need an IPv4 address space to be given out of. */
  _vd_host_window_enable (self, "network-hosts",
                          usable && vd_network_get_ipv4_address (network) != NULL);
  _vd_host_window_enable (self, "network-autostart",
                          usable && vd_network_get_persistent (network));
  _vd_host_window_xml_update (self);

  autostart = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "network-autostart");
  g_simple_action_set_state (G_SIMPLE_ACTION (autostart),
                             g_variant_new_boolean (network != NULL &&
                                                    vd_network_get_autostart (network)));
}

static char *
join_lines (const char * const *entries,
            gboolean            hosts)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; entries != NULL && entries[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (entries[i], " ", 3);

      if (text->len > 0)
        g_string_append_c (text, '\n');

      if (!hosts && g_strv_length (parts) == 2)
        /* translators: a DHCP range, first and last address */
        g_string_append_printf (text, _("%s – %s"), parts[0], parts[1]);
      else if (hosts && g_strv_length (parts) == 3 && parts[2][0] != '\0')
        /* translators: a static DHCP host: name, MAC address, IP address */
        g_string_append_printf (text, _("%s: %s → %s"), parts[2], parts[0], parts[1]);
      else if (hosts && g_strv_length (parts) >= 2)
        /* translators: a static DHCP host without a name: MAC address, IP address */
        g_string_append_printf (text, _("%s → %s"), parts[0], parts[1]);
      else
        g_string_append (text, entries[i]);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
address_text (const char *address,
              guint       prefix)
{
  if (address == NULL)
    return NULL;

  return prefix > 0 ? g_strdup_printf ("%s/%u", address, prefix) : g_strdup (address);
}

static void
update_network_details (VdHostWindow *self)
{
  VdNetwork *network = self->network;
  g_autofree char *ipv4 = NULL;
  g_autofree char *ipv6 = NULL;
  g_autofree char *ranges = NULL;
  g_autofree char *hosts = NULL;
  const char *mode;
  const char *device;

  update_network_actions (self);

  if (network == NULL)
    {
      gtk_stack_set_visible_child_name (self->network_stack, "empty");
      return;
    }

  gtk_stack_set_visible_child_name (self->network_stack, "details");

  mode = vd_network_get_forward_mode (network);
  device = vd_network_get_forward_dev (network);
  if (device == NULL && (g_strcmp0 (mode, "nat") == 0 || g_strcmp0 (mode, "route") == 0))
    device = _("Any physical device");

  ipv4 = address_text (vd_network_get_ipv4_address (network),
                       vd_network_get_ipv4_prefix (network));
  ipv6 = address_text (vd_network_get_ipv6_address (network),
                       vd_network_get_ipv6_prefix (network));
  ranges = join_lines (vd_network_get_dhcp_ranges (network), FALSE);
  hosts = join_lines (vd_network_get_static_hosts (network), TRUE);

  _vd_host_window_set_value (self->network_values, "name", vd_network_get_name (network));
  _vd_host_window_set_value (self->network_values, "uuid", vd_network_get_uuid (network));
  _vd_host_window_set_value (self->network_values, "state", network_state_label (network));
  _vd_host_window_set_value (self->network_values, "persistent",
                             vd_network_get_persistent (network) ? _("Yes") : _("No"));
  _vd_host_window_set_value (self->network_values, "forward", forward_mode_label (mode));
  _vd_host_window_set_value (self->network_values, "device", device);
  _vd_host_window_set_value (self->network_values, "bridge", vd_network_get_bridge (network));
  _vd_host_window_set_value (self->network_values, "ipv4", ipv4);
  _vd_host_window_set_value (self->network_values, "ipv6", ipv6);
  _vd_host_window_set_value (self->network_values, "dhcp", ranges);
  _vd_host_window_set_value (self->network_values, "hosts", hosts);
  _vd_host_window_set_value (self->network_values, "domain", vd_network_get_dns_domain (network));
}

static void
xml_cb (GObject      *object,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(VdHostWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = vd_network_get_xml_finish (VD_NETWORK (object), result, &error);
  GtkTextBuffer *buffer;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      VD_NETWORK (object) != self->network)
    return;

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->network_xml_view));
  gtk_text_buffer_set_text (buffer, xml != NULL ? xml : error->message, -1);
}

static void
load_xml (VdHostWindow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->network_xml_view));

  g_cancellable_cancel (self->xml_cancellable);
  g_clear_object (&self->xml_cancellable);
  gtk_text_buffer_set_text (buffer, "", -1);

  if (self->network == NULL || vd_network_get_connection (self->network) == NULL)
    return;

  self->xml_cancellable = g_cancellable_new ();
  vd_network_get_xml_async (self->network, self->xml_cancellable, xml_cb, g_object_ref (self));
}

static void
network_notify_cb (VdHostWindow *self,
                   GParamSpec   *pspec)
{
  update_network_details (self);

  /* A running network's XML carries more (its live bridge, connections). */
  if (g_strcmp0 (pspec->name, "active") == 0)
    load_xml (self);
}

static void
network_row_selected_cb (GtkListBox    *list,
                         GtkListBoxRow *row,
                         VdHostWindow  *self)
{
  VdNetwork *network = row ? g_object_get_data (G_OBJECT (row), "vd-item") : NULL;

  if (network == self->network)
    return;

  g_set_object (&self->network, network);
  g_signal_group_set_target (self->network_signals, network);
  update_network_details (self);
  load_xml (self);
}

/* ------------------------------------------------------------------ */
/* Actions                                                             */
/* ------------------------------------------------------------------ */

typedef struct
{
  GWeakRef      window;
  NetworkFinish finish;
} Call;

static void
network_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Call *call = user_data;
  g_autoptr(VdHostWindow) self = g_weak_ref_get (&call->window);
  g_autoptr(GError) error = NULL;
  gboolean ok = call->finish (VD_NETWORK (object), result, &error);

  g_weak_ref_clear (&call->window);
  g_free (call);

  if (self == NULL)
    return;

  update_network_actions (self);
  if (!ok && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _vd_host_window_show_error (self, error->message);
}

static Call *
call_new (VdHostWindow  *self,
          NetworkFinish  finish)
{
  Call *call = g_new0 (Call, 1);

  g_weak_ref_init (&call->window, self);
  call->finish = finish;
  gtk_info_bar_set_revealed (self->info_bar, FALSE);

  return call;
}

static void
vd_host_window_action_network_start_cb (GSimpleAction *action,
                                        GVariant      *param,
                                        gpointer       user_data)
{
  VdHostWindow *self = user_data;

  if (self->network != NULL)
    vd_network_start_async (self->network, NULL, network_done_cb,
                            call_new (self, vd_network_start_finish));
}

static void
vd_host_window_action_network_stop_cb (GSimpleAction *action,
                                       GVariant      *param,
                                       gpointer       user_data)
{
  VdHostWindow *self = user_data;

  if (self->network != NULL)
    vd_network_stop_async (self->network, NULL, network_done_cb,
                           call_new (self, vd_network_stop_finish));
}

static void
delete_network (VdHostWindow *self,
                gpointer      network,
                gboolean      option)
{
  vd_network_delete_async (network, NULL, network_done_cb,
                           call_new (self, vd_network_delete_finish));
}

static void
vd_host_window_action_network_delete_cb (GSimpleAction *action,
                                         GVariant      *param,
                                         gpointer       user_data)
{
  VdHostWindow *self = user_data;
  g_autofree char *title = NULL;

  if (self->network == NULL)
    return;

  title = g_strdup_printf (_("Delete the network “%s”?"), vd_network_get_name (self->network));
  _vd_host_window_ask (self, title,
                       vd_network_get_active (self->network)
                         ? _("The network is stopped first: guests attached to it lose their "
                             "connection. Its configuration is removed from the host.")
                         : _("Its configuration is removed from the host."),
                       vd_network_get_name (self->network), _("_Delete"), FALSE, NULL,
                       delete_network, self->network);
}

static void
vd_host_window_action_network_autostart_cb (GSimpleAction *action,
                                            GVariant      *state,
                                            gpointer       user_data)
{
  VdHostWindow *self = user_data;

  if (self->network == NULL)
    return;

  /* Shown at once; the network's autostart puts it right when the call
   * ends (or fails). */
  g_simple_action_set_state (action, state);
  vd_network_set_autostart_async (self->network, g_variant_get_boolean (state), NULL,
                                  network_done_cb,
                                  call_new (self, vd_network_set_autostart_finish));
}

static void
vd_host_window_action_network_hosts_cb (GSimpleAction *action,
                                        GVariant      *param,
                                        gpointer       user_data)
{
  VdHostWindow *self = user_data;

  if (self->network == NULL)
    return;

  gtk_window_present (GTK_WINDOW (vd_dhcp_hosts_dialog_new (GTK_WINDOW (self), self->network)));
}

static void
vd_host_window_action_network_create_cb (GSimpleAction *action,
                                         GVariant      *param,
                                         gpointer       user_data)
{
  VdHostWindow *self = user_data;
  GtkWidget *wizard = vd_create_network_wizard_new (GTK_WINDOW (self), self->connection);

  gtk_window_present (GTK_WINDOW (wizard));
}

/* A new network needs an open connection, whatever is selected. */
static void
update_create_action (VdHostWindow *self)
{
  gboolean connected = vd_connection_get_state (self->connection) == VD_CONNECTION_STATE_CONNECTED;

  _vd_host_window_enable (self, "network-create",
                          connected && !vd_connection_get_read_only (self->connection));
}

static const GActionEntry network_actions[] = {
  { "network-create", vd_host_window_action_network_create_cb },
  { "network-start", vd_host_window_action_network_start_cb },
  { "network-stop", vd_host_window_action_network_stop_cb },
  { "network-delete", vd_host_window_action_network_delete_cb },
  { "network-hosts", vd_host_window_action_network_hosts_cb },
  { "network-autostart", NULL, NULL, "false", vd_host_window_action_network_autostart_cb },
};

/* ------------------------------------------------------------------ */
/* Setup                                                               */
/* ------------------------------------------------------------------ */

/* GtkSourceView's default scheme draws a light line-number gutter: on a
 * dark theme, use a dark scheme. */
static void
xml_view_style_updated_cb (GtkWidget *view)
{
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  GtkStyleContext *context = gtk_widget_get_style_context (view);
  GtkSourceBuffer *buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)));
  GdkRGBA background = { 1.0, 1.0, 1.0, 1.0 };
  gboolean dark;

  if (!gtk_style_context_lookup_color (context, "theme_base_color", &background))
    return;

  dark = 0.2126 * background.red + 0.7152 * background.green + 0.0722 * background.blue < 0.5;
  gtk_source_buffer_set_style_scheme (buffer,
                                      gtk_source_style_scheme_manager_get_scheme (
                                        schemes, dark ? "oblivion" : "classic"));
}

void
_vd_host_window_networks_init (VdHostWindow *self)
{
  static const struct {
    const char *key;
    const char *title;
    const char *accessible;
  } rows[] = {
    { "name", N_("Name"), N_("Network name") },
    { "state", N_("State"), N_("Network state") },
    { "forward", N_("Forwarding"), N_("Network forwarding") },
    { "device", N_("Forward device"), N_("Network forward device") },
    { "bridge", N_("Bridge"), N_("Network bridge") },
    { "ipv4", N_("IPv4 network"), N_("Network IPv4 address") },
    { "ipv6", N_("IPv6 network"), N_("Network IPv6 address") },
    { "dhcp", N_("DHCP ranges"), N_("Network DHCP ranges") },
    { "hosts", N_("Static hosts"), N_("Network static hosts") },
    { "domain", N_("DNS domain"), N_("Network DNS domain") },
    { "persistent", N_("Persistent"), N_("Network persistent") },
    { "uuid", N_("UUID"), N_("Network UUID") },
  };
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();
  g_autoptr(GtkSourceBuffer) buffer = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    _vd_host_window_add_row (self->network_grid, self->network_values, rows[i].key,
                             _(rows[i].title), _(rows[i].accessible));

  buffer = gtk_source_buffer_new_with_language (
             gtk_source_language_manager_get_language (languages, "xml"));
  gtk_text_view_set_buffer (GTK_TEXT_VIEW (self->network_xml_view), GTK_TEXT_BUFFER (buffer));
  g_signal_connect (self->network_xml_view, "style-updated",
                    G_CALLBACK (xml_view_style_updated_cb), NULL);
  xml_view_style_updated_cb (GTK_WIDGET (self->network_xml_view));

  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), network_actions,
                                   G_N_ELEMENTS (network_actions), self);

  self->network_signals = g_signal_group_new (VD_TYPE_NETWORK);
  g_signal_group_connect_swapped (self->network_signals, "notify",
                                  G_CALLBACK (network_notify_cb), self);
  g_signal_connect (self->network_list, "row-selected", G_CALLBACK (network_row_selected_cb),
                    self);
  update_network_details (self);
}

void
_vd_host_window_networks_bind (VdHostWindow *self)
{
  gtk_list_box_bind_model (self->network_list, vd_connection_get_networks (self->connection),
                           create_network_row, NULL, NULL);
  g_signal_connect_object (self->connection, "notify::state", G_CALLBACK (update_create_action),
                           self, G_CONNECT_SWAPPED);
  update_create_action (self);
}

void
_vd_host_window_networks_dispose (VdHostWindow *self)
{
  if (self->network_signals != NULL)
    g_signal_group_set_target (self->network_signals, NULL);
  if (self->network_list != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->network_list, network_row_selected_cb, self);
      gtk_list_box_bind_model (self->network_list, NULL, NULL, NULL, NULL);
    }
  g_clear_object (&self->network);
}

/* ------------------------------------------------------------------ */
/* Public                                                              */
/* ------------------------------------------------------------------ */

/**
 * vd_host_window_select_network:
 *
 * Shows the Virtual Networks page with @name selected.
 *
 * Returns: whether the network is listed
 */
gboolean
vd_host_window_select_network (VdHostWindow *self,
                               const char   *name)
{
  GListModel *model;

  g_return_val_if_fail (VD_IS_HOST_WINDOW (self), FALSE);

  model = vd_connection_get_networks (self->connection);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(VdNetwork) network = g_list_model_get_item (model, i);

      if (g_strcmp0 (vd_network_get_name (network), name) == 0)
        {
          vd_host_window_set_page (self, "networks");
          gtk_list_box_select_row (self->network_list,
                                   gtk_list_box_get_row_at_index (self->network_list, i));
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * vd_host_window_get_selected_network:
 *
 * Returns: (transfer none) (nullable): the network whose details are shown
 */
VdNetwork *
vd_host_window_get_selected_network (VdHostWindow *self)
{
  g_return_val_if_fail (VD_IS_HOST_WINDOW (self), NULL);

  return self->network;
}
