/* vd-new-vm-wizard-sources.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-new-vm-wizard"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-connection-host.h"
#include "vd-host-info.h"
#include "vd-network.h"
#include "vd-new-vm-wizard-private.h"
#include "vd-storage-browser.h"
#include "vd-storage-pool.h"
#include "vd-storage-volume.h"

/*
 * What the New VM wizard offers from its connection, kept up to date: the
 * active pools and their volumes (ISO images as install media, the others
 * as disks), the host's CD drives, the networks, and the host's CPUs and
 * memory as limits. Browse… opens the storage browser (VdStorageBrowser):
 * any pool's volume, or a local file.
 */

static const char *
active_id (GtkComboBoxText *combo)
{
  return gtk_combo_box_get_active_id (GTK_COMBO_BOX (combo));
}

/* ------------------------------------------------------------------ */
/* Host, pools, networks                                               */
/* ------------------------------------------------------------------ */

static void
show_host_limits (VdNewVmWizard *self)
{
  g_autofree char *memory = NULL;
  g_autofree char *text = NULL;

  if (self->limits.host_cpus == 0 || self->limits.host_memory == 0)
    return;
  memory = g_format_size_full (self->limits.host_memory, G_FORMAT_SIZE_IEC_UNITS);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The host has %u CPU and %s of memory.",
                                       "The host has %u CPUs and %s of memory.",
                                       self->limits.host_cpus),
                          self->limits.host_cpus, memory);
  gtk_label_set_text (self->host_label, text);
  gtk_adjustment_set_upper (gtk_spin_button_get_adjustment (self->memory_spin),
                            self->limits.host_memory / (1024 * 1024));
}

static void
host_info_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(VdNewVmWizard) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(VdHostInfo) info = vd_connection_get_host_info_finish (VD_CONNECTION (object),
                                                                   result, &error);

  if (self->disposed)
    return;
  if (info == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No host limits: %s", error->message);
      return;
    }
  self->limits.host_cpus = info->cpus;
  self->limits.host_memory = info->memory;
  show_host_limits (self);
  _vd_new_vm_wizard_revalidate (self);
}

/* Refills @combo keeping its choice (or @fallback's) where it still exists. */
static void
refill_begin (GtkComboBoxText  *combo,
              char            **keep)
{
  *keep = g_strdup (active_id (combo));
  gtk_combo_box_text_remove_all (combo);
}

static void
refill_end (GtkComboBoxText *combo,
            const char      *keep,
            const char      *fallback)
{
  if (keep == NULL || !gtk_combo_box_set_active_id (GTK_COMBO_BOX (combo), keep))
    if (fallback == NULL || !gtk_combo_box_set_active_id (GTK_COMBO_BOX (combo), fallback))
      gtk_combo_box_set_active (GTK_COMBO_BOX (combo), 0);
}

static void
fill_pools (VdNewVmWizard *self)
{
  GListModel *pools = vd_connection_get_pools (self->connection);
  g_autofree char *keep_pool = NULL;
  g_autofree char *keep_media = NULL;
  g_autofree char *keep_import = NULL;
  g_autofree char *keep_existing = NULL;
  const char *fallback = NULL;

  self->syncing = TRUE;
  refill_begin (self->pool_combo, &keep_pool);
  refill_begin (self->media_volume_combo, &keep_media);
  refill_begin (self->import_volume_combo, &keep_import);
  refill_begin (self->existing_volume_combo, &keep_existing);
  for (guint i = 0; i < g_list_model_get_n_items (pools); i++)
    {
      g_autoptr(VdStoragePool) pool = g_list_model_get_item (pools, i);
      const char *pool_name = vd_storage_pool_get_name (pool);
      GListModel *volumes = vd_storage_pool_get_volumes (pool);

      if (!vd_storage_pool_get_active (pool))
        continue;
      gtk_combo_box_text_append (self->pool_combo, pool_name, pool_name);
      if (g_str_equal (pool_name, "default"))
        fallback = "default";

      for (guint j = 0; j < g_list_model_get_n_items (volumes); j++)
        {
          g_autoptr(VdStorageVolume) volume = g_list_model_get_item (volumes, j);
          const char *path = vd_storage_volume_get_path (volume);
          g_autofree char *text = g_strdup_printf ("%s / %s", pool_name,
                                                   vd_storage_volume_get_name (volume));

          if (path == NULL)
            continue;
          if (g_str_has_suffix (path, ".iso"))
            gtk_combo_box_text_append (self->media_volume_combo, path, text);
          else
            {
              gtk_combo_box_text_append (self->import_volume_combo, path, text);
              gtk_combo_box_text_append (self->existing_volume_combo, path, text);
            }
        }
    }
  for (guint i = 0; self->cd_drives != NULL && self->cd_drives[i] != NULL; i++)
    {
      /* translators: %s is a host device ("/dev/sr0") */
      g_autofree char *text = g_strdup_printf (_("CD drive %s"), self->cd_drives[i]);

      gtk_combo_box_text_append (self->media_volume_combo, self->cd_drives[i], text);
    }
  refill_end (self->pool_combo, keep_pool, fallback);
  /* The volume lists only fill the entries when picked. */
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->media_volume_combo), keep_media);
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->import_volume_combo), keep_import);
  gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->existing_volume_combo), keep_existing);
  self->syncing = FALSE;
  _vd_new_vm_wizard_revalidate (self);
}

static void
fill_networks (VdNewVmWizard *self)
{
  GListModel *networks = vd_connection_get_networks (self->connection);
  g_autofree char *keep_pxe = NULL;
  g_autofree char *keep_net = NULL;

  self->syncing = TRUE;
  refill_begin (self->pxe_combo, &keep_pxe);
  refill_begin (self->net_combo, &keep_net);
  for (guint i = 0; i < g_list_model_get_n_items (networks); i++)
    {
      g_autoptr(VdNetwork) network = g_list_model_get_item (networks, i);
      const char *name = vd_network_get_name (network);
      g_autofree char *id = g_strdup_printf ("network:%s", name);
      /* translators: %s is a libvirt network's name */
      g_autofree char *text = g_strdup_printf (_("Virtual network “%s”"), name);

      gtk_combo_box_text_append (self->pxe_combo, name, name);
      gtk_combo_box_text_append (self->net_combo, id, text);
    }
  gtk_combo_box_text_append (self->net_combo, "bridge", _("Host bridge"));
  gtk_combo_box_text_append (self->net_combo, "macvtap", _("Host device (macvtap)"));
  gtk_combo_box_text_append (self->net_combo, "none", _("No network"));
  refill_end (self->pxe_combo, keep_pxe, "default");
  /* Until the user picks one, the "default" network once it is listed. */
  refill_end (self->net_combo, self->net_chosen ? keep_net : NULL, "network:default");
  self->syncing = FALSE;
  _vd_new_vm_wizard_revalidate (self);
}

static void
net_changed_cb (VdNewVmWizard *self)
{
  if (self->syncing || self->disposed)
    return;
  self->net_chosen = TRUE;
  _vd_new_vm_wizard_revalidate (self);
}

static void
cd_drives_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(VdNewVmWizard) self = user_data;
  g_autoptr(GError) error = NULL;
  GStrv drives = vd_connection_list_cd_drives_finish (VD_CONNECTION (object), result, &error);

  if (self->disposed)
    {
      g_strfreev (drives);
      return;
    }
  if (drives == NULL)
    {
      /* No drives to offer: a path can still be typed. */
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("%s", error->message);
      return;
    }
  g_strfreev (self->cd_drives);
  self->cd_drives = drives;
  fill_pools (self);
}

static void
pools_changed_cb (VdNewVmWizard *self)
{
  fill_pools (self);
}

static void
networks_changed_cb (VdNewVmWizard *self)
{
  fill_networks (self);
}

/* A picked volume fills its entry, which is what counts. */
static void
volume_picked (VdNewVmWizard   *self,
               GtkComboBoxText *combo,
               GtkEntry        *entry)
{
  const char *path = active_id (combo);

  if (path != NULL && !self->syncing)
    gtk_entry_set_text (entry, path);
}

static void
media_volume_changed_cb (VdNewVmWizard *self)
{
  volume_picked (self, self->media_volume_combo, self->media_entry);
}

static void
import_volume_changed_cb (VdNewVmWizard *self)
{
  volume_picked (self, self->import_volume_combo, self->import_entry);
}

static void
existing_volume_changed_cb (VdNewVmWizard *self)
{
  volume_picked (self, self->existing_volume_combo, self->existing_entry);
}

typedef struct
{
  VdNewVmWizard *self;
  GtkEntry      *entry;        /* a template child of self */
} Browse;

static void
browse_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Browse *browse = user_data;
  g_autoptr(VdNewVmWizard) self = browse->self;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = vd_storage_browser_choose_finish (result, NULL, &error);

  /* Nothing chosen (closed, or the wizard went) is no error. */
  if (path != NULL && !self->disposed)
    gtk_entry_set_text (browse->entry, path);
  else if (path == NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("%s", error->message);
  g_free (browse);
}

/* The storage browser: a volume of any pool of the connection, or a local
 * file through its Browse Local…; the choice fills @entry. */
static void
browse (VdNewVmWizard          *self,
        GtkEntry               *entry,
        VdStorageBrowserFilter  filter)
{
  Browse *data = g_new0 (Browse, 1);

  data->self = g_object_ref (self);
  data->entry = entry;
  vd_storage_browser_choose_async (GTK_WINDOW (self), self->connection, filter,
                                   self->cancellable, browse_cb, data);
}

static void
media_browse_cb (VdNewVmWizard *self)
{
  browse (self, self->media_entry, VD_STORAGE_BROWSER_FILTER_ISO);
}

static void
import_browse_cb (VdNewVmWizard *self)
{
  browse (self, self->import_entry, VD_STORAGE_BROWSER_FILTER_DISK);
}

static void
existing_browse_cb (VdNewVmWizard *self)
{
  browse (self, self->existing_entry, VD_STORAGE_BROWSER_FILTER_DISK);
}

/* The pools, networks, CD drives and host limits the steps offer, kept
 * up to date with the connection. */
void
_vd_new_vm_wizard_sources_init (VdNewVmWizard *self)
{
  VdConnection *connection = self->connection;

  fill_pools (self);
  fill_networks (self);
  show_host_limits (self);
  g_signal_connect_object (vd_connection_get_pools (connection), "items-changed",
                           G_CALLBACK (pools_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (vd_connection_get_networks (connection), "items-changed",
                           G_CALLBACK (networks_changed_cb), self, G_CONNECT_SWAPPED);
  vd_connection_get_host_info_async (connection, self->cancellable, host_info_cb,
                                     g_object_ref (self));
  vd_connection_list_cd_drives_async (connection, self->cancellable, cd_drives_cb,
                                      g_object_ref (self));
}

void
_vd_new_vm_wizard_sources_bind (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, net_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, media_volume_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, import_volume_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, existing_volume_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, media_browse_cb);
  gtk_widget_class_bind_template_callback (widget_class, import_browse_cb);
  gtk_widget_class_bind_template_callback (widget_class, existing_browse_cb);
}
