/* vd-host-window.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-host-window"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-confirm-dialog.h"
#include "vd-gtk-util.h"
#include "vd-host-graphs.h"
#include "vd-host-window-private.h"

/*
 * Connection Details: one window per connection with Overview, Virtual
 * Networks and Storage pages in a GtkStack. Commands are host.* actions
 * whose enabled state follows the selection and the selected object's
 * state (busy included). Failures of what the user just did show in the
 * info bar with libvirt's message.
 *
 * This file holds the window and the Overview page; the Virtual Networks
 * page is in vd-host-window-networks.c, Storage in vd-host-window-storage.c.
 */

G_DEFINE_FINAL_TYPE (VdHostWindow, vd_host_window, GTK_TYPE_APPLICATION_WINDOW)

/* ------------------------------------------------------------------ */
/* Shared helpers                                                      */
/* ------------------------------------------------------------------ */

void
_vd_host_window_show_error (VdHostWindow *self,
                            const char   *message)
{
  gtk_label_set_text (self->info_label, message);
  gtk_info_bar_set_message_type (self->info_bar, GTK_MESSAGE_ERROR);
  gtk_info_bar_set_revealed (self->info_bar, TRUE);
}

static void
info_bar_response_cb (GtkInfoBar *info_bar,
                      int         response)
{
  gtk_info_bar_set_revealed (info_bar, FALSE);
}

GtkLabel *
_vd_host_window_add_row (GtkGrid    *grid,
                         GHashTable *values,
                         const char *key,
                         const char *title,
                         const char *accessible_name)
{
  GtkWidget *name = gtk_label_new (title);
  GtkWidget *value = gtk_label_new ("—");
  guint row = g_hash_table_size (values);

  gtk_label_set_xalign (GTK_LABEL (name), 1.0);
  gtk_label_set_yalign (GTK_LABEL (name), 0.0);
  gtk_style_context_add_class (gtk_widget_get_style_context (name), "dim-label");
  gtk_label_set_xalign (GTK_LABEL (value), 0.0);
  gtk_label_set_yalign (GTK_LABEL (value), 0.0);
  gtk_label_set_selectable (GTK_LABEL (value), TRUE);
  gtk_label_set_line_wrap (GTK_LABEL (value), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (value), 50);
  gtk_widget_set_hexpand (value, TRUE);
  /* Labels are not focusable until selected: nothing takes the focus. */
  gtk_widget_set_can_focus (value, FALSE);
  atk_object_set_name (gtk_widget_get_accessible (value), accessible_name);

  gtk_grid_attach (grid, name, 0, row, 1, 1);
  gtk_grid_attach (grid, value, 1, row, 1, 1);
  gtk_widget_show (name);
  gtk_widget_show (value);
  g_hash_table_insert (values, (gpointer)key, value);

  return GTK_LABEL (value);
}

void
_vd_host_window_set_value (GHashTable *values,
                           const char *key,
                           const char *text)
{
  GtkLabel *label = g_hash_table_lookup (values, key);

  g_return_if_fail (label != NULL);

  gtk_label_set_text (label, text != NULL && text[0] != '\0' ? text : "—");
}

char *
_vd_host_window_format_size (guint64 bytes)
{
  return g_format_size_full (bytes, G_FORMAT_SIZE_IEC_UNITS);
}

void
_vd_host_window_enable (VdHostWindow *self,
                        const char   *action,
                        gboolean      enabled)
{
  GAction *found = g_action_map_lookup_action (G_ACTION_MAP (self->actions), action);

  g_return_if_fail (found != NULL);

  g_simple_action_set_enabled (G_SIMPLE_ACTION (found), enabled);
}

typedef struct
{
  VdHostWindow    *self;
  GObject         *object;
  GtkToggleButton *option;
  VdHostConfirmed  accepted;
} Pending;

static void
confirm_response_cb (GtkDialog *dialog,
                     int        response,
                     Pending   *pending)
{
  gboolean option = pending->option != NULL && gtk_toggle_button_get_active (pending->option);

  if (response == GTK_RESPONSE_ACCEPT && !gtk_widget_in_destruction (GTK_WIDGET (pending->self)))
    pending->accepted (pending->self, pending->object, option);

  gtk_widget_destroy (GTK_WIDGET (dialog));
  g_object_unref (pending->self);
  g_object_unref (pending->object);
  g_free (pending);
}

/**
 * _vd_host_window_ask:
 * @item: what is lost, named in the dialog's list
 * @always_ask: ask even when "confirm-delete" is off (a volume a guest
 *   uses), and offer no "Don't ask again"
 * @option: (nullable): the label of an extra check box, off by default
 *
 * Asks before a destructive action and runs @accepted on @object when the
 * user agrees. Without a confirmation to ask (the "confirm-delete" key is
 * off) @accepted runs at once, with the extra option off: the safe choice.
 */
void
_vd_host_window_ask (VdHostWindow    *self,
                     const char      *title,
                     const char      *message,
                     const char      *item,
                     const char      *accept,
                     gboolean         always_ask,
                     const char      *option,
                     VdHostConfirmed  accepted,
                     gpointer         object)
{
  const char *items[] = { item, NULL };
  GtkWidget *dialog;
  Pending *pending;

  if (!always_ask && self->settings != NULL &&
      !g_settings_get_boolean (self->settings, "confirm-delete"))
    {
      accepted (self, object, FALSE);
      return;
    }

  dialog = vd_confirm_dialog_new (GTK_WINDOW (self), title, message, items, accept,
                                  always_ask ? NULL : self->settings,
                                  always_ask ? NULL : "confirm-delete");
  pending = g_new0 (Pending, 1);
  pending->self = g_object_ref (self);
  pending->object = g_object_ref (object);
  pending->accepted = accepted;

  if (option != NULL)
    {
      GtkWidget *check = gtk_check_button_new_with_mnemonic (option);
      GtkWidget *dont_ask = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (dialog),
                                                                       VD_TYPE_CONFIRM_DIALOG,
                                                                       "dont_ask_check"));
      GtkWidget *column = gtk_widget_get_parent (dont_ask);
      g_autoptr(GList) children = gtk_container_get_children (GTK_CONTAINER (column));

      /* In the message's column, above "Don't ask me again": it belongs
       * to this deletion, that one to every later one. */
      gtk_widget_show (check);
      gtk_box_pack_start (GTK_BOX (column), check, FALSE, FALSE, 0);
      gtk_box_reorder_child (GTK_BOX (column), check, g_list_index (children, dont_ask));
      pending->option = GTK_TOGGLE_BUTTON (check);
    }

  g_signal_connect (dialog, "response", G_CALLBACK (confirm_response_cb), pending);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ------------------------------------------------------------------ */
/* Overview                                                            */
/* ------------------------------------------------------------------ */

static void
clear_overview (VdHostWindow *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->overview_values);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    gtk_label_set_text (value, "—");
  gtk_label_set_text (self->numa_label, "—");
}

static void
show_host_info (VdHostWindow     *self,
                const VdHostInfo *info)
{
  g_autofree char *hypervisor = NULL;
  g_autofree char *cpus = NULL;
  g_autofree char *sockets = g_strdup_printf ("%u", info->sockets);
  g_autofree char *cores = g_strdup_printf ("%u", info->cores);
  g_autofree char *threads = g_strdup_printf ("%u", info->threads);
  g_autofree char *memory = _vd_host_window_format_size (info->memory);
  g_autoptr(GString) numa = g_string_new (NULL);

  if (info->hypervisor != NULL && info->hypervisor_version != NULL)
    hypervisor = g_strdup_printf ("%s %s", info->hypervisor, info->hypervisor_version);
  else
    hypervisor = g_strdup (info->hypervisor);

  if (info->mhz > 0)
    /* translators: a CPU count and each one's clock, e.g. "8 × 2600 MHz" */
    cpus = g_strdup_printf (_("%u × %u MHz"), info->cpus, info->mhz);
  else
    cpus = g_strdup_printf ("%u", info->cpus);

  _vd_host_window_set_value (self->overview_values, "hostname", info->hostname);
  _vd_host_window_set_value (self->overview_values, "uri", info->uri);
  _vd_host_window_set_value (self->overview_values, "hypervisor", hypervisor);
  _vd_host_window_set_value (self->overview_values, "libvirt", info->libvirt_version);
  _vd_host_window_set_value (self->overview_values, "cpu-model", info->cpu_model);
  _vd_host_window_set_value (self->overview_values, "arch", info->arch);
  _vd_host_window_set_value (self->overview_values, "cpus", cpus);
  _vd_host_window_set_value (self->overview_values, "sockets", sockets);
  _vd_host_window_set_value (self->overview_values, "cores", cores);
  _vd_host_window_set_value (self->overview_values, "threads", threads);
  _vd_host_window_set_value (self->overview_values, "memory", memory);

  for (guint i = 0; i < info->cells->len; i++)
    {
      const VdHostNumaCell *cell = &g_array_index (info->cells, VdHostNumaCell, i);
      g_autofree char *total = _vd_host_window_format_size (cell->memory);

      if (numa->len > 0)
        g_string_append_c (numa, '\n');
      if (cell->free_memory != G_MAXUINT64)
        {
          g_autofree char *free_text = _vd_host_window_format_size (cell->free_memory);

          /* translators: a NUMA cell's number, its free and total memory */
          g_string_append_printf (numa, _("Cell %u: %s free of %s"), cell->id, free_text, total);
        }
      else
        {
          /* translators: a NUMA cell's number and its memory */
          g_string_append_printf (numa, _("Cell %u: %s"), cell->id, total);
        }
    }
  gtk_label_set_text (self->numa_label,
                      numa->len > 0 ? numa->str : _("The host reports no NUMA cells."));
}

static void
host_info_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(VdHostWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(VdHostInfo) info = NULL;

  info = vd_connection_get_host_info_finish (VD_CONNECTION (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (info == NULL)
    {
      /* Read on its own when the window opens or the host reconnects: a
       * persistent condition of this page, not a failed command. */
      g_debug ("%s", error->message);
      _vd_host_window_show_error (self, error->message);
      return;
    }

  show_host_info (self, info);
}

static void
connection_state_cb (VdHostWindow *self)
{
  VdConnectionState state = vd_connection_get_state (self->connection);
  g_autofree char *title = g_strdup_printf (_("%s — Connection Details"),
                                            vd_connection_get_display_name (self->connection));

  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_header_bar_set_subtitle (self->header_bar,
                               vd_connection_get_display_name (self->connection));

  if (state == VD_CONNECTION_STATE_CONNECTED)
    {
      gtk_info_bar_set_revealed (self->info_bar, FALSE);
      vd_connection_get_host_info_async (self->connection, self->cancellable, host_info_cb,
                                         g_object_ref (self));
    }
  else
    {
      clear_overview (self);
      if (state != VD_CONNECTION_STATE_CONNECTING)
        {
          const char *label = vd_connection_get_state_label (self->connection);
          g_autofree char *message = g_strdup_printf (_("“%s” is not connected: %s"),
                                                      vd_connection_get_display_name (self->connection),
                                                      label);

          gtk_label_set_text (self->info_label, message);
          gtk_info_bar_set_message_type (self->info_bar, GTK_MESSAGE_WARNING);
          gtk_info_bar_set_revealed (self->info_bar, TRUE);
        }
    }
}

static void
setup_overview (VdHostWindow *self)
{
  static const struct {
    const char *key;
    const char *title;
  } rows[] = {
    { "hostname", N_("Host name") },
    { "uri", N_("Connection URI") },
    { "hypervisor", N_("Hypervisor") },
    { "libvirt", N_("libvirt version") },
    { "cpu-model", N_("CPU model") },
    { "arch", N_("Architecture") },
    { "cpus", N_("CPUs") },
    { "sockets", N_("Sockets") },
    { "cores", N_("Cores per socket") },
    { "threads", N_("Threads per core") },
    { "memory", N_("Memory") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    _vd_host_window_add_row (self->overview_grid, self->overview_values, rows[i].key,
                             _(rows[i].title), _(rows[i].title));
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */
/* ------------------------------------------------------------------ */

static void
vd_host_window_dispose (GObject *object)
{
  VdHostWindow *self = (VdHostWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->xml_cancellable);
  if (self->connection != NULL)
    g_signal_handlers_disconnect_by_data (self->connection, self);
  _vd_host_window_networks_dispose (self);
  _vd_host_window_storage_dispose (self);

  G_OBJECT_CLASS (vd_host_window_parent_class)->dispose (object);
}

static void
vd_host_window_finalize (GObject *object)
{
  VdHostWindow *self = (VdHostWindow *)object;

  g_clear_object (&self->connection);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->xml_cancellable);
  g_clear_object (&self->actions);
  g_clear_object (&self->network_signals);
  g_clear_object (&self->pool_signals);
  g_clear_pointer (&self->overview_values, g_hash_table_unref);
  g_clear_pointer (&self->network_values, g_hash_table_unref);
  g_clear_pointer (&self->pool_values, g_hash_table_unref);

  G_OBJECT_CLASS (vd_host_window_parent_class)->finalize (object);
}

static void
volume_selection_changed_cb (VdHostWindow *self)
{
  _vd_host_window_volume_selection_changed (self);
}

static void
vd_host_window_class_init (VdHostWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vd_host_window_dispose;
  object_class->finalize = vd_host_window_finalize;

  /* The template names GtkSourceView: register it before parsing. */
  g_type_ensure (GTK_SOURCE_TYPE_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/host/vd-host-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VdHostWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, VdHostWindow, info_bar);
  gtk_widget_class_bind_template_child (widget_class, VdHostWindow, info_label);
  gtk_widget_class_bind_template_child (widget_class, VdHostWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, VdHostWindow, overview_grid);
  gtk_widget_class_bind_template_child (widget_class, VdHostWindow, autoconnect_switch);
  gtk_widget_class_bind_template_child (widget_class, VdHostWindow, numa_label);
  gtk_widget_class_bind_template_child (widget_class, VdHostWindow, graphs_box);
  gtk_widget_class_bind_template_child (widget_class, VdHostWindow, network_list);
  gtk_widget_class_bind_template_child (widget_class, VdHostWindow, network_stack);
  gtk_widget_class_bind_template_child (widget_class, VdHostWindow, network_grid);
  gtk_widget_class_bind_template_child (widget_class, VdHostWindow, network_xml_view);
  gtk_widget_class_bind_template_child (widget_class, VdHostWindow, pool_list);
  gtk_widget_class_bind_template_child (widget_class, VdHostWindow, pool_stack);
  gtk_widget_class_bind_template_child (widget_class, VdHostWindow, pool_grid);
  gtk_widget_class_bind_template_child (widget_class, VdHostWindow, volume_view);
  gtk_widget_class_bind_template_child (widget_class, VdHostWindow, volume_store);
  gtk_widget_class_bind_template_callback (widget_class, info_bar_response_cb);
  gtk_widget_class_bind_template_callback (widget_class, volume_selection_changed_cb);
}

static void
vd_host_window_init (VdHostWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  vd_name_close_buttons (GTK_WIDGET (self->info_bar), _("Close message"));

  self->cancellable = g_cancellable_new ();
  self->overview_values = g_hash_table_new (g_str_hash, g_str_equal);
  self->network_values = g_hash_table_new (g_str_hash, g_str_equal);
  self->pool_values = g_hash_table_new (g_str_hash, g_str_equal);
  self->actions = g_simple_action_group_new ();
  gtk_widget_insert_action_group (GTK_WIDGET (self), "host", G_ACTION_GROUP (self->actions));

  setup_overview (self);
  /* First: the networks and storage pages enable its actions. */
  _vd_host_window_xml_init (self);
  _vd_host_window_networks_init (self);
  _vd_host_window_storage_init (self);
}

/**
 * vd_host_window_new:
 * @application: (nullable): the application
 * @settings: (nullable): where "confirm-delete" lives; without it every
 *   deletion asks
 *
 * The details of @connection's host. Works on a connection that is not
 * open yet: the pages fill when it connects.
 */
VdHostWindow *
vd_host_window_new (GtkApplication *application,
                    VdConnection   *connection,
                    GSettings      *settings)
{
  VdHostWindow *self;
  GtkWidget *graphs;

  g_return_val_if_fail (VD_IS_CONNECTION (connection), NULL);

  /* The manager's menus act on its selection, not here. show-menubar is a
   * construct property: a template cannot turn it off. */
  self = g_object_new (VD_TYPE_HOST_WINDOW,
                       "application", application,
                       "show-menubar", FALSE,
                       NULL);
  self->connection = g_object_ref (connection);
  g_set_object (&self->settings, settings);

  g_object_bind_property (connection, "autoconnect", self->autoconnect_switch, "active",
                          G_BINDING_SYNC_CREATE | G_BINDING_BIDIRECTIONAL);
  graphs = vd_host_graphs_new (connection);
  gtk_widget_show (graphs);
  gtk_box_pack_start (self->graphs_box, graphs, TRUE, TRUE, 0);

  g_signal_connect_object (connection, "notify::state", G_CALLBACK (connection_state_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (connection, "notify::display-name", G_CALLBACK (connection_state_cb),
                           self, G_CONNECT_SWAPPED);
  connection_state_cb (self);

  _vd_host_window_networks_bind (self);
  _vd_host_window_storage_bind (self);

  /* No size keys of its own yet (the schema is not ours to change). */
  gtk_window_set_default_size (GTK_WINDOW (self), 960, 680);

  return self;
}

/**
 * vd_host_window_get_connection:
 *
 * Returns: (transfer none): the connection shown
 */
VdConnection *
vd_host_window_get_connection (VdHostWindow *self)
{
  g_return_val_if_fail (VD_IS_HOST_WINDOW (self), NULL);

  return self->connection;
}

/**
 * vd_host_window_set_page:
 * @page: "overview", "networks" or "storage"
 */
void
vd_host_window_set_page (VdHostWindow *self,
                         const char   *page)
{
  g_return_if_fail (VD_IS_HOST_WINDOW (self));
  g_return_if_fail (page != NULL);

  if (gtk_stack_get_child_by_name (self->stack, page) != NULL)
    gtk_stack_set_visible_child_name (self->stack, page);
}

const char *
vd_host_window_get_page (VdHostWindow *self)
{
  g_return_val_if_fail (VD_IS_HOST_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * vd_host_window_get_message:
 *
 * Returns: (nullable): the info bar's text while it is shown
 */
const char *
vd_host_window_get_message (VdHostWindow *self)
{
  g_return_val_if_fail (VD_IS_HOST_WINDOW (self), NULL);

  if (!gtk_info_bar_get_revealed (self->info_bar))
    return NULL;

  return gtk_label_get_text (self->info_label);
}
