/* vd-vm-window.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-vm-window"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-clone-dialog.h"
#include "vd-confirm-dialog.h"
#include "vd-connection.h"
#include "vd-console-view.h"
#include "vd-delete-dialog.h"
#include "vd-graph.h"
#include "vd-gtk-util.h"
#include "vd-hardware-page.h"
#include "vd-vm-window-private.h"

/*
 * One guest's window: Console | Details | Snapshots in a GtkStack, with
 * the guest's power controls in the header bar. Commands are vm.* actions
 * whose enabled state is bound to the guest's can-* properties (which
 * already include "not busy"), so nothing can be queued on a busy guest.
 *
 * Console is a VdConsoleView (the guest's screen, or why there is none),
 * whose Send Key and screenshot actions join the vm group. Details has a
 * sidebar of sections: the editable pages Overview, CPUs, Memory and Boot
 * (vd-vm-window-details.c: Apply/Revert and the XML tab) and Performance
 * (CPU, memory, disk and network graphs of the guest's stats series,
 * redrawn on its connection's stats-updated). Snapshots is a
 * VdSnapshotsPage (vd-snapshots-page.c).
 */

G_DEFINE_FINAL_TYPE (VdVmWindow, vd_vm_window, GTK_TYPE_APPLICATION_WINDOW)

typedef void     (*DomainAsync)  (VdDomain *, GCancellable *, GAsyncReadyCallback, gpointer);
typedef gboolean (*DomainFinish) (VdDomain *, GAsyncResult *, GError **);

static void
show_message (VdVmWindow     *self,
              GtkMessageType  type,
              const char     *message)
{
  gtk_label_set_text (self->info_label, message);
  gtk_info_bar_set_message_type (self->info_bar, type);
  gtk_info_bar_set_revealed (self->info_bar, TRUE);
}

static void
info_bar_response_cb (GtkInfoBar *info_bar,
                      int         response)
{
  gtk_info_bar_set_revealed (info_bar, FALSE);
}

/* ------------------------------------------------------------------ */
/* Actions                                                             */
/* ------------------------------------------------------------------ */

/* What an action's callback needs. The window is held weakly: a window
 * closed while its action runs must not be touched when the action ends. */
typedef struct
{
  GWeakRef     window;
  DomainFinish finish;
} Call;

static void
action_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  Call *call = user_data;
  g_autoptr(VdVmWindow) self = g_weak_ref_get (&call->window);
  g_autoptr(GError) error = NULL;
  gboolean ok = call->finish (VD_DOMAIN (object), result, &error);

  g_weak_ref_clear (&call->window);
  g_free (call);

  if (ok || self == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* The core's message already names the guest and carries libvirt's. */
  show_message (self, GTK_MESSAGE_ERROR, error->message);
}

static void
run (VdVmWindow   *self,
     DomainAsync   async,
     DomainFinish  finish)
{
  Call *call = g_new0 (Call, 1);

  g_weak_ref_init (&call->window, self);
  call->finish = finish;
  gtk_info_bar_set_revealed (self->info_bar, FALSE);
  async (self->domain, NULL, action_done_cb, call);
}

#define DEFINE_ACTION(name)                                                  \
  static void                                                                \
  vd_vm_window_action_##name##_cb (GSimpleAction *action,                   \
                                   GVariant      *param,                    \
                                   gpointer       user_data)                \
  {                                                                          \
    run (VD_VM_WINDOW (user_data), vd_domain_##name##_async,                \
         vd_domain_##name##_finish);                                         \
  }

DEFINE_ACTION (start)
DEFINE_ACTION (pause)
DEFINE_ACTION (resume)
DEFINE_ACTION (shutdown)
DEFINE_ACTION (reboot)
DEFINE_ACTION (save)

typedef struct
{
  VdVmWindow   *self;
  DomainAsync   async;
  DomainFinish  finish;
} Pending;

static void
confirm_response_cb (GtkDialog *dialog,
                     int        response,
                     Pending   *pending)
{
  if (response == GTK_RESPONSE_ACCEPT && !gtk_widget_in_destruction (GTK_WIDGET (pending->self)))
    run (pending->self, pending->async, pending->finish);

  gtk_widget_destroy (GTK_WIDGET (dialog));
  g_object_unref (pending->self);
  g_free (pending);
}

static void
confirm_and_run (VdVmWindow   *self,
                 const char   *key,
                 const char   *title,
                 const char   *message,
                 const char   *accept,
                 DomainAsync   async,
                 DomainFinish  finish)
{
  const char *items[] = { vd_domain_get_name (self->domain), NULL };
  GtkWidget *dialog;
  Pending *pending;

  if (self->settings != NULL && !g_settings_get_boolean (self->settings, key))
    {
      run (self, async, finish);
      return;
    }

  dialog = vd_confirm_dialog_new (GTK_WINDOW (self), title, message, items, accept,
                                  self->settings, key);
  pending = g_new0 (Pending, 1);
  pending->self = g_object_ref (self);
  pending->async = async;
  pending->finish = finish;
  g_signal_connect (dialog, "response", G_CALLBACK (confirm_response_cb), pending);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
vd_vm_window_action_force_off_cb (GSimpleAction *action,
                                  GVariant      *param,
                                  gpointer       user_data)
{
  VdVmWindow *self = user_data;
  g_autofree char *title = g_strdup_printf (_("Force off “%s”?"),
                                            vd_domain_get_name (self->domain));

  confirm_and_run (self, "confirm-force-off", title,
                   _("Forcing off is like pulling the power cord: anything the guest has not "
                     "written to disk is lost, and its file systems may need repair."),
                   _("_Force Off"), vd_domain_force_off_async, vd_domain_force_off_finish);
}

static void
vd_vm_window_action_reset_cb (GSimpleAction *action,
                              GVariant      *param,
                              gpointer       user_data)
{
  VdVmWindow *self = user_data;
  g_autofree char *title = g_strdup_printf (_("Reset “%s”?"), vd_domain_get_name (self->domain));

  confirm_and_run (self, "confirm-reset", title,
                   _("Resetting restarts the guest at once, like the reset button: anything it "
                     "has not written to disk is lost."),
                   _("_Reset"), vd_domain_reset_async, vd_domain_reset_finish);
}

/* Clone: also offered for a running guest, whose dialog says why it
 * cannot be cloned until it is paused or shut down. */
static void
vd_vm_window_action_clone_cb (GSimpleAction *action,
                              GVariant      *param,
                              gpointer       user_data)
{
  VdVmWindow *self = user_data;

  vd_clone_dialog_new (GTK_WINDOW (self), self->domain);
}

/* Add Hardware… (vd-vm-window-details.c: it asks first about unapplied
 * changes of the page shown) */
static void
vd_vm_window_action_add_hardware_cb (GSimpleAction *action,
                                     GVariant      *param,
                                     gpointer       user_data)
{
  _vd_vm_window_details_add_hardware (user_data);
}

/* Without asking (confirm-delete off): the definition and its metadata
 * go, every disk is kept; storage is deleted only from the Delete dialog. */
static void
delete_keeping_disks_async (VdDomain            *domain,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  vd_domain_delete_async (domain, VD_DOMAIN_DELETE_ALL_METADATA, NULL,
                          cancellable, callback, user_data);
}

static void
vd_vm_window_action_delete_cb (GSimpleAction *action,
                               GVariant      *param,
                               gpointer       user_data)
{
  VdVmWindow *self = user_data;
  g_autoptr(GPtrArray) domains = NULL;
  GtkWidget *dialog;

  /* The dialog is the confirmation; a running guest always gets it, as
   * it says the guest will be forced off. */
  if (self->settings != NULL && !g_settings_get_boolean (self->settings, "confirm-delete") &&
      !vd_domain_get_active (self->domain))
    {
      run (self, delete_keeping_disks_async, vd_domain_delete_finish);
      return;
    }

  domains = g_ptr_array_new ();
  g_ptr_array_add (domains, self->domain);
  dialog = vd_delete_dialog_new (GTK_WINDOW (self), domains);
  /* Its report (a disk that could not be deleted) outlives this window if
   * that is closed once the guest is gone. */
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), FALSE);
}

static void
update_delete_enabled (VdVmWindow *self)
{
  gboolean enabled = vd_domain_get_persistent (self->domain) &&
                     (vd_domain_get_can_delete (self->domain) ||
                      vd_domain_get_can_force_off (self->domain));

  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self->actions),
                                                                            "delete")),
                               enabled);
}

static void
vd_vm_window_action_close_cb (GSimpleAction *action,
                              GVariant      *param,
                              gpointer       user_data)
{
  gtk_window_close (GTK_WINDOW (user_data));
}

static const GActionEntry vm_actions[] = {
  { "start", vd_vm_window_action_start_cb },
  { "pause", vd_vm_window_action_pause_cb },
  { "resume", vd_vm_window_action_resume_cb },
  { "shutdown", vd_vm_window_action_shutdown_cb },
  { "reboot", vd_vm_window_action_reboot_cb },
  { "reset", vd_vm_window_action_reset_cb },
  { "force-off", vd_vm_window_action_force_off_cb },
  { "save", vd_vm_window_action_save_cb },
  { "delete", vd_vm_window_action_delete_cb },
  { "clone", vd_vm_window_action_clone_cb },
  { "add-hardware", vd_vm_window_action_add_hardware_cb },
};

static const GActionEntry win_actions[] = {
  { "close", vd_vm_window_action_close_cb },
};

/* ------------------------------------------------------------------ */
/* Bindings                                                            */
/* ------------------------------------------------------------------ */

static void
update_title (VdVmWindow *self)
{
  gtk_header_bar_set_title (self->header_bar, vd_domain_get_name (self->domain));
  gtk_header_bar_set_subtitle (self->header_bar, vd_domain_get_title (self->domain));
  gtk_window_set_title (GTK_WINDOW (self), vd_domain_get_name (self->domain));
}

static void
domain_changed_cb (VdVmWindow *self)
{
  update_title (self);

  if (vd_domain_get_connection (self->domain) == NULL)
    show_message (self, GTK_MESSAGE_WARNING,
                  _("This guest is no longer available: it was deleted, or its connection "
                    "was closed."));
}

/* ------------------------------------------------------------------ */
/* Performance                                                         */
/* ------------------------------------------------------------------ */

static void
update_memory_maximum (VdVmWindow *self)
{
  /* The guest's current allocation, in KiB; 0 (not read yet) scales the
   * graph to its samples. */
  vd_graph_set_maximum (self->memory_graph, (double)vd_domain_get_memory (self->domain) * 1024);
}

static void
stats_updated_cb (VdVmWindow *self)
{
  VdGraph *graphs[] = { self->cpu_graph, self->memory_graph, self->disk_graph,
                        self->network_graph };
  VdConnection *connection = vd_domain_get_connection (self->domain);
  guint interval = connection != NULL ? vd_connection_get_stats_interval (connection) : 1;

  for (guint i = 0; i < G_N_ELEMENTS (graphs); i++)
    {
      vd_graph_set_interval (graphs[i], interval);
      vd_graph_refresh (graphs[i]);
    }
}

static void
setup_performance (VdVmWindow *self)
{
  VdConnection *connection = vd_domain_get_connection (self->domain);

  /* translators: CPU graph legend: the guest's use of its own vCPUs */
  vd_graph_set_series (self->cpu_graph, 0, vd_domain_get_history (self->domain, VD_STATS_CPU),
                       C_("cpu graph", "Guest"));
  /* translators: CPU graph legend: the guest's use as a share of all the
   * host's CPUs */
  vd_graph_set_series (self->cpu_graph, 1,
                       vd_domain_get_history (self->domain, VD_STATS_HOST_CPU),
                       C_("cpu graph", "Host share"));
  /* translators: memory graph legend: memory the guest uses */
  vd_graph_set_series (self->memory_graph, 0,
                       vd_domain_get_history (self->domain, VD_STATS_MEMORY), _("In use"));
  /* translators: disk graph legend: bytes per second read from the disks */
  vd_graph_set_series (self->disk_graph, 0,
                       vd_domain_get_history (self->domain, VD_STATS_DISK_READ),
                       C_("disk graph", "Read"));
  /* translators: disk graph legend: bytes per second written to the disks */
  vd_graph_set_series (self->disk_graph, 1,
                       vd_domain_get_history (self->domain, VD_STATS_DISK_WRITE),
                       C_("disk graph", "Write"));
  /* translators: network graph legend: bytes per second received */
  vd_graph_set_series (self->network_graph, 0,
                       vd_domain_get_history (self->domain, VD_STATS_NET_RX),
                       C_("network graph", "Received"));
  /* translators: network graph legend: bytes per second sent */
  vd_graph_set_series (self->network_graph, 1,
                       vd_domain_get_history (self->domain, VD_STATS_NET_TX),
                       C_("network graph", "Sent"));

  update_memory_maximum (self);
  g_signal_connect_object (self->domain, "notify::memory", G_CALLBACK (update_memory_maximum),
                           self, G_CONNECT_SWAPPED);
  g_object_bind_property (self->domain, "active", self->performance_note_label, "visible",
                          G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);

  if (connection != NULL)
    {
      g_signal_connect_object (connection, "stats-updated", G_CALLBACK (stats_updated_cb), self,
                               G_CONNECT_SWAPPED);
      stats_updated_cb (self);
    }
}

static void
refresh_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The re-read only fills memory and vCPUs in: a failure leaves what
   * the list already knew. */
  if (!vd_domain_refresh_finish (VD_DOMAIN (object), result, &error))
    g_debug ("%s", error->message);
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */
/* ------------------------------------------------------------------ */

static gboolean
vd_vm_window_delete_event (GtkWidget   *widget,
                           GdkEventAny *event)
{
  VdVmWindow *self = VD_VM_WINDOW (widget);

  /* Unapplied changes: the window closes once the user has answered. */
  if (_vd_vm_window_details_ask_close (self))
    return GDK_EVENT_STOP;

  if (self->settings != NULL && !gtk_window_is_maximized (GTK_WINDOW (self)))
    {
      int width, height;

      gtk_window_get_size (GTK_WINDOW (self), &width, &height);
      g_settings_set_int (self->settings, "vm-window-width", width);
      g_settings_set_int (self->settings, "vm-window-height", height);
    }

  /* GtkWindow has no handler of its own to chain to. */
  if (GTK_WIDGET_CLASS (vd_vm_window_parent_class)->delete_event != NULL)
    return GTK_WIDGET_CLASS (vd_vm_window_parent_class)->delete_event (widget, event);

  return GDK_EVENT_PROPAGATE;
}

static void
vd_vm_window_dispose (GObject *object)
{
  VdVmWindow *self = (VdVmWindow *)object;

  g_cancellable_cancel (self->cancellable);
  _vd_vm_window_details_dispose (self);
  if (self->domain != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->domain, self);
      if (self->watching_stats)
        vd_domain_unwatch_stats (self->domain);
      self->watching_stats = FALSE;
    }

  G_OBJECT_CLASS (vd_vm_window_parent_class)->dispose (object);
}

static void
vd_vm_window_finalize (GObject *object)
{
  VdVmWindow *self = (VdVmWindow *)object;

  g_clear_object (&self->domain);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->actions);
  _vd_vm_window_details_finalize (self);

  G_OBJECT_CLASS (vd_vm_window_parent_class)->finalize (object);
}

static void
vd_vm_window_class_init (VdVmWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vd_vm_window_dispose;
  object_class->finalize = vd_vm_window_finalize;
  widget_class->delete_event = vd_vm_window_delete_event;

  g_type_ensure (VD_TYPE_CONSOLE_VIEW);
  g_type_ensure (VD_TYPE_GRAPH);
  g_type_ensure (VD_TYPE_SNAPSHOTS_PAGE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/details/vd-vm-window.ui");
  gtk_widget_class_bind_template_child (widget_class, VdVmWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, VdVmWindow, shutdown_menu_button);
  gtk_widget_class_bind_template_child (widget_class, VdVmWindow, console_menu_button);
  gtk_widget_class_bind_template_child (widget_class, VdVmWindow, pause_button);
  gtk_widget_class_bind_template_child (widget_class, VdVmWindow, resume_button);
  gtk_widget_class_bind_template_child (widget_class, VdVmWindow, info_bar);
  gtk_widget_class_bind_template_child (widget_class, VdVmWindow, info_label);
  gtk_widget_class_bind_template_child (widget_class, VdVmWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, VdVmWindow, console_view);
  gtk_widget_class_bind_template_child (widget_class, VdVmWindow, details_stack);
  gtk_widget_class_bind_template_child (widget_class, VdVmWindow, performance_note_label);
  gtk_widget_class_bind_template_child (widget_class, VdVmWindow, cpu_graph);
  gtk_widget_class_bind_template_child (widget_class, VdVmWindow, memory_graph);
  gtk_widget_class_bind_template_child (widget_class, VdVmWindow, disk_graph);
  gtk_widget_class_bind_template_child (widget_class, VdVmWindow, network_graph);
  gtk_widget_class_bind_template_child (widget_class, VdVmWindow, snapshots_page);
  gtk_widget_class_bind_template_callback (widget_class, info_bar_response_cb);
  _vd_vm_window_details_class_init (widget_class);
}

/* Full screen is for the guest's screen. */
static void
console_fullscreen_cb (VdVmWindow *self)
{
  gboolean fullscreen = FALSE;

  g_object_get (self->console_view, "fullscreen", &fullscreen, NULL);
  if (fullscreen)
    vd_vm_window_set_page (self, "console");
  /* The menu bar gives way too (the floating toolbar has the console's
   * commands); it comes back with the window. */
  gtk_application_window_set_show_menubar (GTK_APPLICATION_WINDOW (self), !fullscreen);
}

static void
vd_vm_window_init (VdVmWindow *self)
{
  g_autoptr(GtkBuilder) builder = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  vd_name_close_buttons (GTK_WIDGET (self->info_bar), _("Close message"));
  self->cancellable = g_cancellable_new ();

  self->actions = g_simple_action_group_new ();
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), vm_actions,
                                   G_N_ELEMENTS (vm_actions), self);
  gtk_widget_insert_action_group (GTK_WIDGET (self), "vm", G_ACTION_GROUP (self->actions));
  g_action_map_add_action_entries (G_ACTION_MAP (self), win_actions,
                                   G_N_ELEMENTS (win_actions), self);

  builder = gtk_builder_new_from_resource (RESOURCE_BASE "/details/vd-vm-window-menu.ui");
  gtk_menu_button_set_menu_model (self->shutdown_menu_button,
                                  G_MENU_MODEL (gtk_builder_get_object (builder, "power-menu")));
  gtk_menu_button_set_menu_model (self->console_menu_button,
                                  G_MENU_MODEL (gtk_builder_get_object (builder, "console-menu")));
  vd_console_view_set_menu_model (self->console_view,
                                  G_MENU_MODEL (gtk_builder_get_object (builder, "console-menu")));
  vd_console_view_add_actions (self->console_view, G_ACTION_MAP (self->actions));
  g_signal_connect_object (self->console_view, "notify::fullscreen",
                           G_CALLBACK (console_fullscreen_cb), self, G_CONNECT_SWAPPED);
}

/**
 * vd_vm_window_new:
 * @application: (nullable): the application
 * @settings: (nullable): window size and confirmations; without it every
 *   destructive action asks
 */
VdVmWindow *
vd_vm_window_new (GtkApplication *application,
                  VdDomain       *domain,
                  GSettings      *settings)
{
  static const struct {
    const char *action;
    const char *property;
  } bindings[] = {
    { "start", "can-start" },
    { "pause", "can-pause" },
    { "resume", "can-resume" },
    { "shutdown", "can-shutdown" },
    { "reboot", "can-reboot" },
    { "reset", "can-reset" },
    { "force-off", "can-force-off" },
    { "save", "can-save" },
  };
  VdVmWindow *self;

  g_return_val_if_fail (VD_IS_DOMAIN (domain), NULL);

  self = g_object_new (VD_TYPE_VM_WINDOW, "application", application, NULL);
  self->domain = g_object_ref (domain);
  g_set_object (&self->settings, settings);
  /* Its Performance graphs: measured at every tick, also on a host with
   * many guests (see vd_domain_watch_stats()). */
  vd_domain_watch_stats (domain);
  self->watching_stats = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (bindings); i++)
    g_object_bind_property (domain, bindings[i].property,
                            g_action_map_lookup_action (G_ACTION_MAP (self->actions),
                                                        bindings[i].action),
                            "enabled", G_BINDING_SYNC_CREATE);

  g_object_bind_property (domain, "busy",
                          g_action_map_lookup_action (G_ACTION_MAP (self->actions), "clone"),
                          "enabled", G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);

  g_object_bind_property (domain, "busy",
                          g_action_map_lookup_action (G_ACTION_MAP (self->actions),
                                                      "add-hardware"),
                          "enabled", G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);

  /* Delete: also a running guest, which the dialog forces off first. */
  update_delete_enabled (self);
  g_signal_connect_object (domain, "notify::can-delete", G_CALLBACK (update_delete_enabled),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (domain, "notify::can-force-off", G_CALLBACK (update_delete_enabled),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (domain, "notify::persistent", G_CALLBACK (update_delete_enabled),
                           self, G_CONNECT_SWAPPED);

  /* One Pause/Resume place in the header bar. */
  g_object_bind_property (domain, "can-resume", self->resume_button, "visible",
                          G_BINDING_SYNC_CREATE);
  g_object_bind_property (domain, "can-resume", self->pause_button, "visible",
                          G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);

  vd_console_view_set_settings (self->console_view, settings);
  vd_console_view_set_domain (self->console_view, domain);

  setup_performance (self);
  _vd_vm_window_details_init (self);
  vd_snapshots_page_set_settings (self->snapshots_page, settings);
  vd_snapshots_page_set_domain (self->snapshots_page, domain);

  update_title (self);
  g_signal_connect_object (domain, "notify::name", G_CALLBACK (domain_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (domain, "notify::title", G_CALLBACK (domain_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (domain, "notify::can-start", G_CALLBACK (domain_changed_cb), self,
                           G_CONNECT_SWAPPED);

  if (settings != NULL)
    gtk_window_set_default_size (GTK_WINDOW (self),
                                 g_settings_get_int (settings, "vm-window-width"),
                                 g_settings_get_int (settings, "vm-window-height"));
  else
    gtk_window_set_default_size (GTK_WINDOW (self), 1024, 600);

  /* Memory and vCPUs as they are now. */
  if (vd_domain_get_connection (domain) != NULL)
    vd_domain_refresh_async (domain, self->cancellable, refresh_done_cb, NULL);

  return self;
}

/**
 * vd_vm_window_get_domain:
 *
 * Returns: (transfer none): the guest shown
 */
VdDomain *
vd_vm_window_get_domain (VdVmWindow *self)
{
  g_return_val_if_fail (VD_IS_VM_WINDOW (self), NULL);

  return self->domain;
}

/**
 * vd_vm_window_set_page:
 * @page: "console", "details" or "snapshots"; or a section of Details
 *   ("overview", "os", "performance", "cpus", "memory", "boot", or a
 *   device's page: "device-" and the domain editor's device id,
 *   "device-disk/0"), which shows Details at that section
 */
void
vd_vm_window_set_page (VdVmWindow *self,
                       const char *page)
{
  g_return_if_fail (VD_IS_VM_WINDOW (self));
  g_return_if_fail (page != NULL);

  if (gtk_stack_get_child_by_name (self->stack, page) != NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, page);
    }
  else if (gtk_stack_get_child_by_name (self->details_stack, page) != NULL)
    {
      gtk_stack_set_visible_child_name (self->details_stack, page);
      gtk_stack_set_visible_child_name (self->stack, "details");
    }
}

const char *
vd_vm_window_get_page (VdVmWindow *self)
{
  g_return_val_if_fail (VD_IS_VM_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * vd_vm_window_get_details_page:
 *
 * Returns: the section of Details shown: "overview", "performance",
 *   "os", "cpus", "memory", "boot" or a device's ("device-interface/0")
 */
const char *
vd_vm_window_get_details_page (VdVmWindow *self)
{
  g_return_val_if_fail (VD_IS_VM_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->details_stack);
}
