/* vd-dhcp-hosts-dialog.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-dhcp-hosts-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-dhcp-hosts-dialog.h"

/*
 * A network's static DHCP hosts (a MAC address always given the same IP
 * address): listed, added and removed with virNetworkUpdate
 * (vd_network_add_dhcp_host_async), which changes the running network at
 * once and its definition too, so no restart is needed. A new host is
 * judged as it is typed (vd_network_check_dhcp_host), the reason shown
 * under the fields and Add off until it is right; libvirt's refusal is
 * shown in the dialog and changes nothing.
 */

enum {
  COLUMN_MAC,
  COLUMN_IP,
  COLUMN_NAME,
  COLUMN_ENTRY,
};

struct _VdDhcpHostsDialog
{
  GtkDialog     parent_instance;

  /* Template widgets */
  GtkLabel     *intro_label;
  GtkTreeView  *tree_view;
  GtkListStore *store;
  GtkWidget    *remove_button;
  GtkEntry     *mac_entry;
  GtkEntry     *ip_entry;
  GtkEntry     *name_entry;
  GtkLabel     *problem_label;
  GtkWidget    *add_button;
  GtkLabel     *failure_label;

  /* Owned references */
  VdNetwork    *network;
  GCancellable *cancellable;

  gboolean      busy;
};

G_DEFINE_FINAL_TYPE (VdDhcpHostsDialog, vd_dhcp_hosts_dialog, GTK_TYPE_DIALOG)

static void
fill (VdDhcpHostsDialog *self)
{
  const char * const *hosts = vd_network_get_static_hosts (self->network);

  gtk_list_store_clear (self->store);
  for (guint i = 0; hosts != NULL && hosts[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (hosts[i], " ", 3);
      GtkTreeIter iter;

      gtk_list_store_insert_with_values (self->store, &iter, -1,
                                         COLUMN_MAC, parts[0],
                                         COLUMN_IP, parts[0] != NULL ? parts[1] : NULL,
                                         COLUMN_NAME, parts[0] != NULL && parts[1] != NULL
                                                      ? parts[2] : NULL,
                                         COLUMN_ENTRY, hosts[i],
                                         -1);
    }
}

static void
update_cb (VdDhcpHostsDialog *self)
{
  const char *mac = gtk_entry_get_text (self->mac_entry);
  const char *ip = gtk_entry_get_text (self->ip_entry);
  const char *name = gtk_entry_get_text (self->name_entry);
  g_autofree char *problem = NULL;
  gboolean typed = mac[0] != '\0' || ip[0] != '\0' || name[0] != '\0';

  /* Nothing typed yet: no complaint, and nothing to add. */
  if (typed)
    problem = vd_network_check_dhcp_host (self->network, mac, ip, name[0] != '\0' ? name : NULL);
  gtk_label_set_text (self->problem_label, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), problem != NULL);

  gtk_widget_set_sensitive (self->add_button, typed && problem == NULL && !self->busy);
  gtk_widget_set_sensitive (self->remove_button,
                            !self->busy &&
                            gtk_tree_selection_get_selected (gtk_tree_view_get_selection (self->tree_view),
                                                             NULL, NULL));
}

static void
show_failure (VdDhcpHostsDialog *self,
              const char        *message)
{
  gtk_label_set_text (self->failure_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->failure_label), message != NULL);
}

static void
set_busy (VdDhcpHostsDialog *self,
          gboolean           busy)
{
  self->busy = busy;
  update_cb (self);
}

static void
added_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(VdDhcpHostsDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!vd_network_add_dhcp_host_finish (VD_NETWORK (object), result, &error))
    {
      if (!g_cancellable_is_cancelled (self->cancellable))
        {
          show_failure (self, error->message);
          set_busy (self, FALSE);
        }
      return;
    }

  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  /* Ready for the next one. */
  gtk_entry_set_text (self->mac_entry, "");
  gtk_entry_set_text (self->ip_entry, "");
  gtk_entry_set_text (self->name_entry, "");
  set_busy (self, FALSE);
}

static void
add_clicked_cb (VdDhcpHostsDialog *self)
{
  const char *name = gtk_entry_get_text (self->name_entry);

  show_failure (self, NULL);
  set_busy (self, TRUE);
  vd_network_add_dhcp_host_async (self->network, gtk_entry_get_text (self->mac_entry),
                                  gtk_entry_get_text (self->ip_entry),
                                  name[0] != '\0' ? name : NULL, NULL, added_cb,
                                  g_object_ref (self));
}

static void
removed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(VdDhcpHostsDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!vd_network_remove_dhcp_host_finish (VD_NETWORK (object), result, &error) &&
      !g_cancellable_is_cancelled (self->cancellable))
    show_failure (self, error->message);
  if (!g_cancellable_is_cancelled (self->cancellable))
    set_busy (self, FALSE);
}

static void
remove_clicked_cb (VdDhcpHostsDialog *self)
{
  g_autofree char *entry = NULL;
  GtkTreeModel *model;
  GtkTreeIter iter;

  if (!gtk_tree_selection_get_selected (gtk_tree_view_get_selection (self->tree_view),
                                        &model, &iter))
    return;

  gtk_tree_model_get (model, &iter, COLUMN_ENTRY, &entry, -1);
  show_failure (self, NULL);
  set_busy (self, TRUE);
  vd_network_remove_dhcp_host_async (self->network, entry, NULL, removed_cb, g_object_ref (self));
}

static void
response_cb (GtkDialog *dialog,
             int        response)
{
  gtk_widget_destroy (GTK_WIDGET (dialog));
}

static void
vd_dhcp_hosts_dialog_dispose (GObject *object)
{
  VdDhcpHostsDialog *self = (VdDhcpHostsDialog *)object;

  /* A call still running ends by itself; its result is not shown. */
  g_cancellable_cancel (self->cancellable);
  if (self->network != NULL)
    g_signal_handlers_disconnect_by_data (self->network, self);
  g_clear_object (&self->network);

  G_OBJECT_CLASS (vd_dhcp_hosts_dialog_parent_class)->dispose (object);
}

static void
vd_dhcp_hosts_dialog_finalize (GObject *object)
{
  VdDhcpHostsDialog *self = (VdDhcpHostsDialog *)object;

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (vd_dhcp_hosts_dialog_parent_class)->finalize (object);
}

static void
vd_dhcp_hosts_dialog_class_init (VdDhcpHostsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vd_dhcp_hosts_dialog_dispose;
  object_class->finalize = vd_dhcp_hosts_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/host/vd-dhcp-hosts-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, VdDhcpHostsDialog, intro_label);
  gtk_widget_class_bind_template_child (widget_class, VdDhcpHostsDialog, tree_view);
  gtk_widget_class_bind_template_child (widget_class, VdDhcpHostsDialog, store);
  gtk_widget_class_bind_template_child (widget_class, VdDhcpHostsDialog, remove_button);
  gtk_widget_class_bind_template_child (widget_class, VdDhcpHostsDialog, mac_entry);
  gtk_widget_class_bind_template_child (widget_class, VdDhcpHostsDialog, ip_entry);
  gtk_widget_class_bind_template_child (widget_class, VdDhcpHostsDialog, name_entry);
  gtk_widget_class_bind_template_child (widget_class, VdDhcpHostsDialog, problem_label);
  gtk_widget_class_bind_template_child (widget_class, VdDhcpHostsDialog, add_button);
  gtk_widget_class_bind_template_child (widget_class, VdDhcpHostsDialog, failure_label);
  gtk_widget_class_bind_template_callback (widget_class, update_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, remove_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, response_cb);
}

static void
vd_dhcp_hosts_dialog_init (VdDhcpHostsDialog *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * vd_dhcp_hosts_dialog_new:
 * @parent: (nullable): the window it is transient for
 * @network: a network with an IPv4 address space
 *
 * Returns: (transfer floating): the dialog
 */
GtkWidget *
vd_dhcp_hosts_dialog_new (GtkWindow *parent,
                          VdNetwork *network)
{
  VdDhcpHostsDialog *self;
  g_autofree char *intro = NULL;

  g_return_val_if_fail (VD_IS_NETWORK (network), NULL);

  self = g_object_new (VD_TYPE_DHCP_HOSTS_DIALOG, "transient-for", parent,
                       "use-header-bar", FALSE, NULL);
  self->network = g_object_ref (network);
  gtk_window_set_title (GTK_WINDOW (self), _("Static Hosts"));
  /* translators: %s is a network's name */
  intro = g_strdup_printf (_("Guests with these MAC addresses always get the same address on "
                             "the network “%s”. Changes apply to the running network at once "
                             "and to its definition."), vd_network_get_name (network));
  gtk_label_set_text (self->intro_label, intro);

  g_signal_connect_object (network, "notify::static-hosts", G_CALLBACK (fill), self,
                           G_CONNECT_SWAPPED);
  fill (self);
  update_cb (self);

  return GTK_WIDGET (self);
}
