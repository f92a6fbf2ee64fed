/* vd-host-window-storage.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-host-window"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-create-pool-wizard.h"
#include "vd-create-volume-dialog.h"
#include "vd-host-window-private.h"

/*
 * The Storage page: pools with a usage bar, the selected pool's details
 * and volumes (a GtkTreeView: a pool can hold thousands), and the
 * host.pool-* and host.volume-delete actions.
 */

enum {
  COLUMN_NAME,
  COLUMN_FORMAT,
  COLUMN_CAPACITY,
  COLUMN_ALLOCATION,
  COLUMN_USED_BY,
  COLUMN_PATH,
  COLUMN_VOLUME,
};

typedef gboolean (*PoolFinish) (VdStoragePool *, GAsyncResult *, GError **);

static const char *
pool_type_label (const char *type)
{
  static const struct {
    const char *type;
    const char *label;
  } types[] = {
    { "dir", N_("Directory") },
    { "fs", N_("Pre-formatted block device") },
    { "netfs", N_("Network file system") },
    { "logical", N_("LVM volume group") },
    { "disk", N_("Physical disk") },
    { "iscsi", N_("iSCSI target") },
    { "iscsi-direct", N_("iSCSI target (direct)") },
    { "scsi", N_("SCSI host adapter") },
    { "mpath", N_("Multipath devices") },
    { "rbd", N_("Ceph RBD") },
    { "sheepdog", N_("Sheepdog") },
    { "gluster", N_("GlusterFS") },
    { "zfs", N_("ZFS pool") },
    { "vstorage", N_("Virtuozzo storage") },
  };

  for (guint i = 0; type != NULL && i < G_N_ELEMENTS (types); i++)
    if (g_str_equal (types[i].type, type))
      return _(types[i].label);

  return type;
}

static const char *
pool_state_label (VdStoragePool *pool)
{
  switch (vd_storage_pool_get_state (pool))
    {
    case VD_STORAGE_POOL_STATE_BUILDING:
      return C_("pool state", "Building");
    case VD_STORAGE_POOL_STATE_RUNNING:
      return C_("pool state", "Active");
    case VD_STORAGE_POOL_STATE_DEGRADED:
      return C_("pool state", "Degraded");
    case VD_STORAGE_POOL_STATE_INACCESSIBLE:
      return C_("pool state", "Inaccessible");
    case VD_STORAGE_POOL_STATE_INACTIVE:
    default:
      return C_("pool state", "Inactive");
    }
}

static char *
usage_text (VdStoragePool *pool)
{
  g_autofree char *allocation = _vd_host_window_format_size (vd_storage_pool_get_allocation (pool));
  g_autofree char *capacity = _vd_host_window_format_size (vd_storage_pool_get_capacity (pool));

  if (!vd_storage_pool_get_active (pool))
    return g_strdup (pool_state_label (pool));

  /* translators: a pool's allocation and capacity, "30.0 GiB of 100.0 GiB used" */
  return g_strdup_printf (_("%s of %s used"), allocation, capacity);
}

/* ------------------------------------------------------------------ */
/* The pool list                                                       */
/* ------------------------------------------------------------------ */

static void
update_pool_row (GtkWidget *row)
{
  VdStoragePool *pool = g_object_get_data (G_OBJECT (row), "vd-item");
  GtkImage *icon = g_object_get_data (G_OBJECT (row), "vd-icon");
  GtkLabel *name = g_object_get_data (G_OBJECT (row), "vd-name");
  GtkLabel *type = g_object_get_data (G_OBJECT (row), "vd-type");
  GtkLevelBar *bar = g_object_get_data (G_OBJECT (row), "vd-bar");
  GtkLabel *usage = g_object_get_data (G_OBJECT (row), "vd-usage");
  guint64 capacity = vd_storage_pool_get_capacity (pool);
  g_autofree char *text = usage_text (pool);
  g_autofree char *accessible = NULL;

  gtk_image_set_from_icon_name (icon, vd_storage_pool_get_active (pool)
                                        ? "drive-harddisk-symbolic"
                                        : "media-playback-stop-symbolic",
                                GTK_ICON_SIZE_BUTTON);
  gtk_label_set_text (name, vd_storage_pool_get_name (pool));
  gtk_label_set_text (type, pool_type_label (vd_storage_pool_get_pool_type (pool)));
  gtk_level_bar_set_value (bar, capacity > 0 && vd_storage_pool_get_active (pool)
                                  ? (double)vd_storage_pool_get_allocation (pool) / capacity
                                  : 0.0);
  gtk_label_set_text (usage, text);

  /* translators: a storage pool's row for screen readers: name and state */
  accessible = g_strdup_printf (_("%s: %s"), vd_storage_pool_get_name (pool),
                                pool_state_label (pool));
  atk_object_set_name (gtk_widget_get_accessible (row), accessible);
}

static void
pool_row_notify_cb (GObject    *pool,
                    GParamSpec *pspec,
                    GtkWidget  *row)
{
  update_pool_row (row);
}

static GtkWidget *
create_pool_row (gpointer item,
                 gpointer user_data)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *grid = gtk_grid_new ();
  GtkWidget *icon = gtk_image_new ();
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *type = gtk_label_new (NULL);
  GtkWidget *bar = gtk_level_bar_new ();
  GtkWidget *usage = gtk_label_new (NULL);

  g_object_set (grid, "margin", 6, "column-spacing", 6, "row-spacing", 3, NULL);
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_label_set_xalign (GTK_LABEL (name), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_label_set_xalign (GTK_LABEL (type), 1.0);
  gtk_label_set_ellipsize (GTK_LABEL (type), PANGO_ELLIPSIZE_END);
  gtk_style_context_add_class (gtk_widget_get_style_context (type), "dim-label");
  gtk_label_set_xalign (GTK_LABEL (usage), 0.0);
  gtk_style_context_add_class (gtk_widget_get_style_context (usage), "dim-label");
  /* The bar shows space used: the theme's accent up to 90 %, the error
   * colour above (GTK's own offsets would paint a full pool green). */
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_LOW);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH);
  gtk_level_bar_remove_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_FULL);
  gtk_level_bar_add_offset_value (GTK_LEVEL_BAR (bar), GTK_LEVEL_BAR_OFFSET_HIGH, 0.9);
  gtk_level_bar_add_offset_value (GTK_LEVEL_BAR (bar), "vd-nearly-full", 1.0);
  gtk_style_context_add_class (gtk_widget_get_style_context (bar), "vd-pool-usage");

  gtk_grid_attach (GTK_GRID (grid), icon, 0, 0, 1, 3);
  gtk_grid_attach (GTK_GRID (grid), name, 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), type, 2, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), bar, 1, 1, 2, 1);
  gtk_grid_attach (GTK_GRID (grid), usage, 1, 2, 2, 1);
  gtk_container_add (GTK_CONTAINER (row), grid);
  gtk_widget_show_all (row);

  g_object_set_data (G_OBJECT (row), "vd-item", item);
  g_object_set_data (G_OBJECT (row), "vd-icon", icon);
  g_object_set_data (G_OBJECT (row), "vd-name", name);
  g_object_set_data (G_OBJECT (row), "vd-type", type);
  g_object_set_data (G_OBJECT (row), "vd-bar", bar);
  g_object_set_data (G_OBJECT (row), "vd-usage", usage);
  g_signal_connect_object (item, "notify", G_CALLBACK (pool_row_notify_cb), row, 0);
  update_pool_row (row);

  return row;
}

/* ------------------------------------------------------------------ */
/* Details and volumes                                                 */
/* ------------------------------------------------------------------ */

static VdStorageVolume *
selected_volume (VdHostWindow *self)
{
  GtkTreeSelection *selection = gtk_tree_view_get_selection (self->volume_view);
  g_autoptr(VdStorageVolume) volume = NULL;
  GtkTreeModel *model;
  GtkTreeIter iter;

  if (!gtk_tree_selection_get_selected (selection, &model, &iter))
    return NULL;

  gtk_tree_model_get (model, &iter, COLUMN_VOLUME, &volume, -1);

  /* The store holds a reference until the row goes. */
  return volume;
}

static void
update_pool_actions (VdHostWindow *self)
{
  VdStoragePool *pool = self->pool;
  VdStorageVolume *volume = selected_volume (self);
  gboolean usable = pool != NULL && vd_storage_pool_get_connection (pool) != NULL &&
                    !vd_storage_pool_get_busy (pool);
  GAction *autostart;

  _vd_host_window_enable (self, "pool-start", usable && !vd_storage_pool_get_active (pool));
  _vd_host_window_enable (self, "pool-stop", usable && vd_storage_pool_get_active (pool));
  _vd_host_window_enable (self, "pool-refresh", usable && vd_storage_pool_get_active (pool));
  _vd_host_window_enable (self, "pool-delete", usable);
  _vd_host_window_enable (self, "pool-autostart",
                          usable && vd_storage_pool_get_persistent (pool));
  _vd_host_window_enable (self, "volume-create", usable && vd_storage_pool_get_active (pool));
  _vd_host_window_enable (self, "volume-delete",
                          usable && volume != NULL && vd_storage_volume_get_pool (volume) == pool &&
                          !vd_storage_volume_get_busy (volume));
  _vd_host_window_volumes_update (self, usable && vd_storage_pool_get_active (pool) &&
                                        volume != NULL &&
                                        vd_storage_volume_get_pool (volume) == pool &&
                                        !vd_storage_volume_get_busy (volume));
  _vd_host_window_xml_update (self);

  autostart = g_action_map_lookup_action (G_ACTION_MAP (self->actions), "pool-autostart");
  g_simple_action_set_state (G_SIMPLE_ACTION (autostart),
                             g_variant_new_boolean (pool != NULL &&
                                                    vd_storage_pool_get_autostart (pool)));
}

void
_vd_host_window_volume_selection_changed (VdHostWindow *self)
{
  if (self->actions != NULL)
    update_pool_actions (self);
}

static char *
used_by_text (VdStorageVolume *volume)
{
  const char * const *users = vd_storage_volume_get_used_by (volume);

  if (users == NULL || users[0] == NULL)
    return g_strdup ("");

  /* translators: the separator between guest names in "Used By" */
  return g_strjoinv (_(", "), (char **)users);
}

static void
fill_volumes (VdHostWindow *self)
{
  VdStorageVolume *selected = selected_volume (self);
  g_autofree char *selected_name = selected ? g_strdup (vd_storage_volume_get_name (selected))
                                            : NULL;
  GtkTreeSelection *selection = gtk_tree_view_get_selection (self->volume_view);
  GListModel *volumes;

  /* Rebuilt whole on each re-read; the selection follows the name. */
  g_signal_handlers_block_matched (selection, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_list_store_clear (self->volume_store);

  volumes = self->pool ? vd_storage_pool_get_volumes (self->pool) : NULL;
  for (guint i = 0; volumes != NULL && i < g_list_model_get_n_items (volumes); i++)
    {
      g_autoptr(VdStorageVolume) volume = g_list_model_get_item (volumes, i);
      g_autofree char *capacity = _vd_host_window_format_size (vd_storage_volume_get_capacity (volume));
      g_autofree char *allocation =
        _vd_host_window_format_size (vd_storage_volume_get_allocation (volume));
      g_autofree char *users = used_by_text (volume);
      GtkTreeIter iter;

      gtk_list_store_insert_with_values (self->volume_store, &iter, -1,
                                         COLUMN_NAME, vd_storage_volume_get_name (volume),
                                         COLUMN_FORMAT, vd_storage_volume_get_format (volume),
                                         COLUMN_CAPACITY, capacity,
                                         COLUMN_ALLOCATION, allocation,
                                         COLUMN_USED_BY, users,
                                         COLUMN_PATH, vd_storage_volume_get_path (volume),
                                         COLUMN_VOLUME, volume,
                                         -1);
      if (selected_name != NULL && g_strcmp0 (selected_name, vd_storage_volume_get_name (volume)) == 0)
        gtk_tree_selection_select_iter (selection, &iter);
    }

  g_signal_handlers_unblock_matched (selection, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  update_pool_actions (self);
}

static void
update_pool_details (VdHostWindow *self)
{
  VdStoragePool *pool = self->pool;
  g_autofree char *capacity = NULL;
  g_autofree char *allocation = NULL;
  g_autofree char *available = NULL;

  update_pool_actions (self);

  if (pool == NULL)
    {
      gtk_stack_set_visible_child_name (self->pool_stack, "empty");
      return;
    }

  gtk_stack_set_visible_child_name (self->pool_stack, "details");

  if (vd_storage_pool_get_active (pool))
    {
      capacity = _vd_host_window_format_size (vd_storage_pool_get_capacity (pool));
      allocation = _vd_host_window_format_size (vd_storage_pool_get_allocation (pool));
      available = _vd_host_window_format_size (vd_storage_pool_get_available (pool));
    }

  _vd_host_window_set_value (self->pool_values, "name", vd_storage_pool_get_name (pool));
  _vd_host_window_set_value (self->pool_values, "type",
                             pool_type_label (vd_storage_pool_get_pool_type (pool)));
  _vd_host_window_set_value (self->pool_values, "state", pool_state_label (pool));
  _vd_host_window_set_value (self->pool_values, "location",
                             vd_storage_pool_get_target_path (pool));
  _vd_host_window_set_value (self->pool_values, "capacity", capacity);
  _vd_host_window_set_value (self->pool_values, "allocation", allocation);
  _vd_host_window_set_value (self->pool_values, "available", available);
  _vd_host_window_set_value (self->pool_values, "persistent",
                             vd_storage_pool_get_persistent (pool) ? _("Yes") : _("No"));
  _vd_host_window_set_value (self->pool_values, "uuid", vd_storage_pool_get_uuid (pool));
}

static void
pool_row_selected_cb (GtkListBox    *list,
                      GtkListBoxRow *row,
                      VdHostWindow  *self)
{
  VdStoragePool *pool = row ? g_object_get_data (G_OBJECT (row), "vd-item") : NULL;

  if (pool == self->pool)
    return;

  g_set_object (&self->pool, pool);
  g_signal_group_set_target (self->pool_signals, pool);
  gtk_tree_selection_unselect_all (gtk_tree_view_get_selection (self->volume_view));
  update_pool_details (self);
  fill_volumes (self);
}

/* ------------------------------------------------------------------ */
/* Actions                                                             */
/* ------------------------------------------------------------------ */

typedef struct
{
  GWeakRef    window;
  PoolFinish  finish;
} Call;

static void
pool_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  Call *call = user_data;
  g_autoptr(VdHostWindow) self = g_weak_ref_get (&call->window);
  g_autoptr(GError) error = NULL;
  gboolean ok = call->finish (VD_STORAGE_POOL (object), result, &error);

  g_weak_ref_clear (&call->window);
  g_free (call);

  if (self == NULL)
    return;

  update_pool_actions (self);
  if (!ok && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _vd_host_window_show_error (self, error->message);
}

static Call *
call_new (VdHostWindow *self,
          PoolFinish    finish)
{
  Call *call = g_new0 (Call, 1);

  g_weak_ref_init (&call->window, self);
  call->finish = finish;
  gtk_info_bar_set_revealed (self->info_bar, FALSE);

  return call;
}

#define DEFINE_POOL_ACTION(name)                                                   \
  static void                                                                      \
  vd_host_window_action_pool_##name##_cb (GSimpleAction *action,                   \
                                          GVariant      *param,                    \
                                          gpointer       user_data)                \
  {                                                                                \
    VdHostWindow *self = user_data;                                                \
                                                                                   \
    if (self->pool != NULL)                                                        \
      vd_storage_pool_##name##_async (self->pool, NULL, pool_done_cb,              \
                                      call_new (self, vd_storage_pool_##name##_finish)); \
  }

DEFINE_POOL_ACTION (start)
DEFINE_POOL_ACTION (stop)
DEFINE_POOL_ACTION (refresh)

static void
delete_pool (VdHostWindow *self,
             gpointer      pool,
             gboolean      option)
{
  vd_storage_pool_delete_async (pool, option ? VD_STORAGE_POOL_DELETE_UNDERLYING
                                             : VD_STORAGE_POOL_DELETE_NONE,
                                NULL, pool_done_cb,
                                call_new (self, vd_storage_pool_delete_finish));
}

static void
vd_host_window_action_pool_delete_cb (GSimpleAction *action,
                                      GVariant      *param,
                                      gpointer       user_data)
{
  VdHostWindow *self = user_data;
  VdStoragePool *pool = self->pool;
  g_autofree char *title = NULL;
  g_autofree char *option = NULL;
  const char *path;

  if (pool == NULL)
    return;

  title = g_strdup_printf (_("Delete the storage pool “%s”?"), vd_storage_pool_get_name (pool));
  path = vd_storage_pool_get_target_path (pool);
  if (vd_storage_pool_get_can_delete_underlying (pool))
    {
      /* The label has a mnemonic: underscores in the path are literal. */
      g_auto(GStrv) parts = g_strsplit (path ? path : vd_storage_pool_get_name (pool), "_", -1);
      g_autofree char *escaped = g_strjoinv ("__", parts);

      /* What virStoragePoolDelete removes depends on the type: a directory
       * (dir, fs, netfs) only when it is empty; a volume group or a ZFS
       * pool with every volume in it. */
      if (g_strcmp0 (vd_storage_pool_get_pool_type (pool), "logical") == 0)
        /* translators: %s is the volume group's path, /dev/NAME */
        option = g_strdup_printf (_("Also delete the _volume group (%s) and every volume in it"),
                                  escaped);
      else if (g_strcmp0 (vd_storage_pool_get_pool_type (pool), "zfs") == 0)
        /* translators: %s is the ZFS pool's path */
        option = g_strdup_printf (_("Also destroy the _ZFS pool (%s) and every volume in it"),
                                  escaped);
      else
        /* translators: %s is the pool's directory */
        option = g_strdup_printf (_("Also remove the pool’s _directory (%s) if it is empty"),
                                  escaped);
    }

  _vd_host_window_ask (self, title,
                       _("The pool is stopped and its definition removed from the host. The "
                         "volumes in it are kept unless the choice below deletes them."),
                       vd_storage_pool_get_name (pool), _("_Delete"), FALSE, option,
                       delete_pool, pool);
}

static void
vd_host_window_action_pool_autostart_cb (GSimpleAction *action,
                                         GVariant      *state,
                                         gpointer       user_data)
{
  VdHostWindow *self = user_data;

  if (self->pool == NULL)
    return;

  g_simple_action_set_state (action, state);
  vd_storage_pool_set_autostart_async (self->pool, g_variant_get_boolean (state), NULL,
                                       pool_done_cb,
                                       call_new (self, vd_storage_pool_set_autostart_finish));
}

static void
volume_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(VdHostWindow) self = g_weak_ref_get (user_data);
  g_autoptr(GError) error = NULL;
  gboolean ok = vd_storage_volume_delete_finish (VD_STORAGE_VOLUME (object), result, &error);

  g_weak_ref_clear (user_data);
  g_free (user_data);

  if (self == NULL)
    return;

  update_pool_actions (self);
  if (!ok && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    _vd_host_window_show_error (self, error->message);
}

static void
delete_volume (VdHostWindow *self,
               gpointer      volume,
               gboolean      option)
{
  GWeakRef *window = g_new0 (GWeakRef, 1);

  g_weak_ref_init (window, self);
  gtk_info_bar_set_revealed (self->info_bar, FALSE);
  vd_storage_volume_delete_async (volume, NULL, volume_done_cb, window);
  update_pool_actions (self);
}

static void
vd_host_window_action_volume_delete_cb (GSimpleAction *action,
                                        GVariant      *param,
                                        gpointer       user_data)
{
  VdHostWindow *self = user_data;
  VdStorageVolume *volume = selected_volume (self);
  const char * const *users;
  g_autofree char *title = NULL;
  g_autofree char *message = NULL;

  if (volume == NULL)
    return;

  users = vd_storage_volume_get_used_by (volume);
  title = g_strdup_printf (_("Delete the volume “%s”?"), vd_storage_volume_get_name (volume));

  if (users != NULL && users[0] != NULL)
    {
      g_autofree char *names = used_by_text (volume);

      /* In use: always ask, whatever "Don't ask again" said before. */
      message = g_strdup_printf (_("Used by: %s. These guests will not find this disk again, "
                                   "and the volume’s data is lost."), names);
      _vd_host_window_ask (self, title, message, vd_storage_volume_get_path (volume),
                           _("_Delete"), TRUE, NULL, delete_volume, volume);
    }
  else
    {
      _vd_host_window_ask (self, title, _("No guest uses this volume. Its data is lost."),
                           vd_storage_volume_get_path (volume), _("_Delete"), FALSE, NULL,
                           delete_volume, volume);
    }
}

static void
vd_host_window_action_volume_create_cb (GSimpleAction *action,
                                        GVariant      *param,
                                        gpointer       user_data)
{
  VdHostWindow *self = user_data;
  GtkWidget *dialog;

  if (self->pool == NULL)
    return;

  dialog = vd_create_volume_dialog_new (GTK_WINDOW (self), self->pool);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
vd_host_window_action_pool_create_cb (GSimpleAction *action,
                                      GVariant      *param,
                                      gpointer       user_data)
{
  VdHostWindow *self = user_data;
  GtkWidget *wizard = vd_create_pool_wizard_new (GTK_WINDOW (self), self->connection);

  gtk_window_present (GTK_WINDOW (wizard));
}

/* A new pool needs an open, writable connection, whatever is selected. */
static void
update_pool_create_action (VdHostWindow *self)
{
  gboolean connected = vd_connection_get_state (self->connection) == VD_CONNECTION_STATE_CONNECTED;

  _vd_host_window_enable (self, "pool-create",
                          connected && !vd_connection_get_read_only (self->connection));
}

static const GActionEntry pool_actions[] = {
  { "pool-create", vd_host_window_action_pool_create_cb },
  { "pool-start", vd_host_window_action_pool_start_cb },
  { "pool-stop", vd_host_window_action_pool_stop_cb },
  { "pool-refresh", vd_host_window_action_pool_refresh_cb },
  { "pool-delete", vd_host_window_action_pool_delete_cb },
  { "pool-autostart", NULL, NULL, "false", vd_host_window_action_pool_autostart_cb },
  { "volume-create", vd_host_window_action_volume_create_cb },
  { "volume-delete", vd_host_window_action_volume_delete_cb },
};

/* ------------------------------------------------------------------ */
/* Setup                                                               */
/* ------------------------------------------------------------------ */

void
_vd_host_window_storage_init (VdHostWindow *self)
{
  static const struct {
    const char *key;
    const char *title;
    const char *accessible;
  } rows[] = {
    { "name", N_("Name"), N_("Pool name") },
    { "type", N_("Type"), N_("Pool type") },
    { "state", N_("State"), N_("Pool state") },
    { "location", N_("Location"), N_("Pool location") },
    { "capacity", N_("Capacity"), N_("Pool capacity") },
    { "allocation", N_("Allocation"), N_("Pool allocation") },
    { "available", N_("Available"), N_("Pool available space") },
    { "persistent", N_("Persistent"), N_("Pool persistent") },
    { "uuid", N_("UUID"), N_("Pool UUID") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    _vd_host_window_add_row (self->pool_grid, self->pool_values, rows[i].key,
                             _(rows[i].title), _(rows[i].accessible));

  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), pool_actions,
                                   G_N_ELEMENTS (pool_actions), self);
  _vd_host_window_volumes_init (self);

  self->pool_signals = g_signal_group_new (VD_TYPE_STORAGE_POOL);
  g_signal_group_connect_swapped (self->pool_signals, "notify",
                                  G_CALLBACK (update_pool_details), self);
  g_signal_group_connect_swapped (self->pool_signals, "volumes-updated",
                                  G_CALLBACK (fill_volumes), self);
  g_signal_connect (self->pool_list, "row-selected", G_CALLBACK (pool_row_selected_cb), self);
  update_pool_details (self);
}

void
_vd_host_window_storage_bind (VdHostWindow *self)
{
  gtk_list_box_bind_model (self->pool_list, vd_connection_get_pools (self->connection),
                           create_pool_row, NULL, NULL);
  g_signal_connect_object (self->connection, "notify::state",
                           G_CALLBACK (update_pool_create_action), self, G_CONNECT_SWAPPED);
  update_pool_create_action (self);
}

void
_vd_host_window_storage_dispose (VdHostWindow *self)
{
  if (self->pool_signals != NULL)
    g_signal_group_set_target (self->pool_signals, NULL);
  if (self->pool_list != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->pool_list, pool_row_selected_cb, self);
      gtk_list_box_bind_model (self->pool_list, NULL, NULL, NULL, NULL);
    }
  if (self->volume_store != NULL)
    gtk_list_store_clear (self->volume_store);
  g_clear_object (&self->pool);
}

/* ------------------------------------------------------------------ */
/* Public                                                              */
/* ------------------------------------------------------------------ */

/**
 * vd_host_window_select_pool:
 *
 * Shows the Storage page with the pool @name selected.
 *
 * Returns: whether the pool is listed
 */
gboolean
vd_host_window_select_pool (VdHostWindow *self,
                            const char   *name)
{
  GListModel *model;

  g_return_val_if_fail (VD_IS_HOST_WINDOW (self), FALSE);

  model = vd_connection_get_pools (self->connection);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(VdStoragePool) pool = g_list_model_get_item (model, i);

      if (g_strcmp0 (vd_storage_pool_get_name (pool), name) == 0)
        {
          vd_host_window_set_page (self, "storage");
          gtk_list_box_select_row (self->pool_list,
                                   gtk_list_box_get_row_at_index (self->pool_list, i));
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * vd_host_window_get_selected_pool:
 *
 * Returns: (transfer none) (nullable): the pool whose details are shown
 */
VdStoragePool *
vd_host_window_get_selected_pool (VdHostWindow *self)
{
  g_return_val_if_fail (VD_IS_HOST_WINDOW (self), NULL);

  return self->pool;
}

/**
 * vd_host_window_select_volume:
 *
 * Selects the volume @name of the selected pool in the volume list.
 *
 * Returns: whether it is listed
 */
gboolean
vd_host_window_select_volume (VdHostWindow *self,
                              const char   *name)
{
  GtkTreeModel *model;
  GtkTreeIter iter;
  gboolean valid;

  g_return_val_if_fail (VD_IS_HOST_WINDOW (self), FALSE);

  model = GTK_TREE_MODEL (self->volume_store);
  for (valid = gtk_tree_model_get_iter_first (model, &iter); valid;
       valid = gtk_tree_model_iter_next (model, &iter))
    {
      g_autofree char *row_name = NULL;

      gtk_tree_model_get (model, &iter, COLUMN_NAME, &row_name, -1);
      if (g_strcmp0 (row_name, name) == 0)
        {
          gtk_tree_selection_select_iter (gtk_tree_view_get_selection (self->volume_view), &iter);
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * vd_host_window_get_selected_volume:
 *
 * Returns: (transfer none) (nullable): the volume selected in the list
 */
VdStorageVolume *
vd_host_window_get_selected_volume (VdHostWindow *self)
{
  g_return_val_if_fail (VD_IS_HOST_WINDOW (self), NULL);

  return selected_volume (self);
}
