/* vd-storage-browser.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-storage-browser"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vd-connection-host.h"
#include "vd-create-volume-dialog.h"
#include "vd-storage-browser.h"

/*
 * Choose a volume from any pool of a connection, or a local file when the
 * connection is local: what a disk or CD-ROM of a guest is made of.
 *
 * Pools on the left (a GtkListBox bound to the connection's pools), the
 * selected pool's volumes on the right (a GtkTreeView: a pool can hold
 * thousands) with their format, capacity and users, filtered as the
 * caller asked (ISO images, disk images, or all). New Volume… opens the
 * Create Volume dialog in the selected pool; the pool's re-read lists the
 * new volume here too.
 *
 * The dialog answers once, then destroys itself: #VdStorageBrowser::chosen
 * with the path (and the volume, unless a local file was chosen), or
 * nothing when cancelled or closed. vd_storage_browser_choose_async()
 * wraps that as one async call.
 */

enum {
  COLUMN_NAME,
  COLUMN_FORMAT,
  COLUMN_CAPACITY,
  COLUMN_USED_BY,
  COLUMN_PATH,
  COLUMN_VOLUME,
};

struct _VdStorageBrowser
{
  GtkDialog               parent_instance;

  /* Template widgets */
  GtkLabel               *intro_label;
  GtkListBox             *pool_list;
  GtkStack               *volume_stack;
  GtkLabel               *empty_label;
  GtkTreeView            *volume_view;
  GtkListStore           *volume_store;
  GtkButton              *new_volume_button;
  GtkButton              *browse_button;
  GtkButton              *choose_button;

  /* Owned references */
  VdConnection           *connection;
  VdStoragePool          *pool;            /* selected */
  GSignalGroup           *pool_signals;

  VdStorageBrowserFilter  filter;
  gboolean                answered;
};

G_DEFINE_FINAL_TYPE (VdStorageBrowser, vd_storage_browser, GTK_TYPE_DIALOG)

enum {
  CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gboolean
is_iso (VdStorageVolume *volume)
{
  const char *name = vd_storage_volume_get_name (volume);
  g_autofree char *lower = g_ascii_strdown (name ? name : "", -1);

  return g_strcmp0 (vd_storage_volume_get_format (volume), "iso") == 0 ||
         g_str_has_suffix (lower, ".iso");
}

static gboolean
shown (VdStorageBrowser *self,
       VdStorageVolume  *volume)
{
  switch (self->filter)
    {
    case VD_STORAGE_BROWSER_FILTER_ISO:
      return is_iso (volume);
    case VD_STORAGE_BROWSER_FILTER_DISK:
      return !is_iso (volume);
    case VD_STORAGE_BROWSER_FILTER_ALL:
    default:
      return TRUE;
    }
}

/* A local connection reaches the files of this machine: no host in the
 * URI and no remote transport (test:///, qemu:///system, qemu+unix:///). */
static gboolean
connection_is_local (VdConnection *connection)
{
  const char *uri = vd_connection_get_uri (connection);
  g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_NON_DNS, NULL);
  const char *plus;

  if (parsed == NULL)
    return FALSE;
  plus = strchr (g_uri_get_scheme (parsed), '+');
  if (plus != NULL && g_strcmp0 (plus, "+unix") != 0)
    return FALSE;
  return g_uri_get_host (parsed) == NULL || *g_uri_get_host (parsed) == '\0';
}

static VdStorageVolume *
selected_volume (VdStorageBrowser *self)
{
  GtkTreeSelection *selection = gtk_tree_view_get_selection (self->volume_view);
  g_autoptr(VdStorageVolume) volume = NULL;
  GtkTreeModel *model;
  GtkTreeIter iter;

  if (!gtk_tree_selection_get_selected (selection, &model, &iter))
    return NULL;
  gtk_tree_model_get (model, &iter, COLUMN_VOLUME, &volume, -1);

  /* The store keeps its reference while the row is there. */
  return volume;
}

static void
update_buttons (VdStorageBrowser *self)
{
  gboolean active = self->pool != NULL && vd_storage_pool_get_active (self->pool);

  gtk_widget_set_sensitive (GTK_WIDGET (self->choose_button), selected_volume (self) != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->new_volume_button),
                            active && !vd_storage_pool_get_busy (self->pool));
}

static void
fill_volumes (VdStorageBrowser *self)
{
  g_autofree char *keep = NULL;
  VdStorageVolume *previous = selected_volume (self);
  GListModel *volumes;
  guint n_shown = 0;

  if (previous != NULL)
    keep = g_strdup (vd_storage_volume_get_name (previous));

  gtk_list_store_clear (self->volume_store);

  if (self->pool == NULL)
    {
      gtk_label_set_text (self->empty_label, _("Select a storage pool."));
      gtk_stack_set_visible_child (self->volume_stack, GTK_WIDGET (self->empty_label));
      update_buttons (self);
      return;
    }

  volumes = vd_storage_pool_get_volumes (self->pool);
  for (guint i = 0; i < g_list_model_get_n_items (volumes); i++)
    {
      g_autoptr(VdStorageVolume) volume = g_list_model_get_item (volumes, i);
      g_autofree char *capacity = NULL;
      g_autofree char *users = NULL;
      const char * const *used_by;
      GtkTreeIter iter;

      if (!shown (self, volume))
        continue;

      capacity = g_format_size_full (vd_storage_volume_get_capacity (volume),
                                     G_FORMAT_SIZE_IEC_UNITS);
      used_by = vd_storage_volume_get_used_by (volume);
      users = used_by != NULL ? g_strjoinv (", ", (char **)used_by) : g_strdup ("");
      gtk_list_store_insert_with_values (self->volume_store, &iter, -1,
                                         COLUMN_NAME, vd_storage_volume_get_name (volume),
                                         COLUMN_FORMAT, vd_storage_volume_get_format (volume),
                                         COLUMN_CAPACITY, capacity,
                                         COLUMN_USED_BY, users,
                                         COLUMN_PATH, vd_storage_volume_get_path (volume),
                                         COLUMN_VOLUME, volume,
                                         -1);
      if (keep != NULL && g_strcmp0 (keep, vd_storage_volume_get_name (volume)) == 0)
        gtk_tree_selection_select_iter (gtk_tree_view_get_selection (self->volume_view), &iter);
      n_shown++;
    }

  if (n_shown > 0)
    gtk_stack_set_visible_child (self->volume_stack,
                                 gtk_widget_get_parent (GTK_WIDGET (self->volume_view)));
  else
    {
      if (!vd_storage_pool_get_active (self->pool))
        gtk_label_set_text (self->empty_label,
                            _("This pool is not running: start it in Connection Details to "
                              "see its volumes."));
      else if (self->filter == VD_STORAGE_BROWSER_FILTER_ISO)
        gtk_label_set_text (self->empty_label, _("This pool holds no ISO images."));
      else if (self->filter == VD_STORAGE_BROWSER_FILTER_DISK)
        gtk_label_set_text (self->empty_label, _("This pool holds no disk images."));
      else
        gtk_label_set_text (self->empty_label, _("This pool holds no volumes."));
      gtk_stack_set_visible_child (self->volume_stack, GTK_WIDGET (self->empty_label));
    }
  update_buttons (self);
}

static void
update_pool_label (GtkLabel      *label,
                   GParamSpec    *pspec,
                   VdStoragePool *pool)
{
  g_autofree char *text = NULL;

  if (vd_storage_pool_get_active (pool))
    text = g_strdup (vd_storage_pool_get_name (pool));
  else
    /* translators: a pool's name, then that it is stopped */
    text = g_strdup_printf (_("%s (not running)"), vd_storage_pool_get_name (pool));
  gtk_label_set_text (label, text);
}

static void
pool_active_cb (VdStoragePool *pool,
                GParamSpec    *pspec,
                GtkLabel      *label)
{
  update_pool_label (label, pspec, pool);
}

static GtkWidget *
create_pool_row (gpointer item,
                 gpointer user_data)
{
  VdStoragePool *pool = item;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *label = gtk_label_new (NULL);

  update_pool_label (GTK_LABEL (label), NULL, pool);
  /* The label follows the pool while the row shows it. */
  g_signal_connect_object (pool, "notify::active", G_CALLBACK (pool_active_cb), label, 0);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  g_object_set (label, "margin", 6, NULL);
  gtk_container_add (GTK_CONTAINER (row), label);
  g_object_set_data_full (G_OBJECT (row), "pool", g_object_ref (pool), g_object_unref);
  gtk_widget_show_all (row);

  return row;
}

static void
pool_row_selected_cb (GtkListBox       *list,
                      GtkListBoxRow    *row,
                      VdStorageBrowser *self)
{
  VdStoragePool *pool = row != NULL ? g_object_get_data (G_OBJECT (row), "pool") : NULL;

  if (g_set_object (&self->pool, pool))
    g_signal_group_set_target (self->pool_signals, pool);
  fill_volumes (self);
}

static void
volume_selection_changed_cb (VdStorageBrowser *self)
{
  update_buttons (self);
}

static void
answer (VdStorageBrowser *self,
        const char       *path,
        VdStorageVolume  *volume)
{
  g_autoptr(VdStorageBrowser) hold = g_object_ref (self);

  if (self->answered)
    return;
  self->answered = TRUE;
  g_signal_emit (self, signals[CHOSEN], 0, path, volume);
  gtk_widget_destroy (GTK_WIDGET (self));
}

static void
choose_selected (VdStorageBrowser *self)
{
  VdStorageVolume *volume = selected_volume (self);

  if (volume != NULL && vd_storage_volume_get_path (volume) != NULL)
    answer (self, vd_storage_volume_get_path (volume), volume);
}

static void
row_activated_cb (VdStorageBrowser *self)
{
  choose_selected (self);
}

static void
local_response_cb (GtkNativeDialog *chooser,
                   int              response,
                   gpointer         user_data)
{
  g_autoptr(VdStorageBrowser) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT && !self->answered)
    {
      g_autofree char *path = gtk_file_chooser_get_filename (GTK_FILE_CHOOSER (chooser));

      if (path != NULL)
        answer (self, path, NULL);
    }
  g_object_unref (chooser);
}

static void
browse_clicked_cb (VdStorageBrowser *self)
{
  GtkFileChooserNative *chooser =
    gtk_file_chooser_native_new (_("Choose a File on This Computer"), GTK_WINDOW (self),
                                 GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), NULL);
  GtkFileFilter *filter;

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_local_only (GTK_FILE_CHOOSER (chooser), TRUE);

  if (self->filter != VD_STORAGE_BROWSER_FILTER_ALL)
    {
      filter = gtk_file_filter_new ();
      if (self->filter == VD_STORAGE_BROWSER_FILTER_ISO)
        {
          gtk_file_filter_set_name (filter, _("ISO images"));
          gtk_file_filter_add_pattern (filter, "*.iso");
          gtk_file_filter_add_pattern (filter, "*.ISO");
        }
      else
        {
          static const char * const patterns[] = {
            "*.qcow2", "*.qcow", "*.img", "*.raw", "*.vmdk", "*.vdi", "*.vhd", "*.vhdx", "*.qed",
          };

          gtk_file_filter_set_name (filter, _("Disk images"));
          for (guint i = 0; i < G_N_ELEMENTS (patterns); i++)
            gtk_file_filter_add_pattern (filter, patterns[i]);
        }
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);

      filter = gtk_file_filter_new ();
      gtk_file_filter_set_name (filter, _("All files"));
      gtk_file_filter_add_pattern (filter, "*");
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
    }

  g_signal_connect (chooser, "response", G_CALLBACK (local_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
new_volume_clicked_cb (VdStorageBrowser *self)
{
  GtkWidget *dialog;

  if (self->pool == NULL)
    return;

  dialog = vd_create_volume_dialog_new (GTK_WINDOW (self), self->pool);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
response_cb (GtkDialog *dialog,
             int        response)
{
  VdStorageBrowser *self = VD_STORAGE_BROWSER (dialog);

  if (response == GTK_RESPONSE_OK)
    {
      choose_selected (self);
      return;
    }
  gtk_widget_destroy (GTK_WIDGET (self));
}

static void
vd_storage_browser_dispose (GObject *object)
{
  VdStorageBrowser *self = VD_STORAGE_BROWSER (object);

  /* Closed: a file chooser still open answers nothing any more. */
  self->answered = TRUE;
  if (self->pool_signals != NULL)
    g_signal_group_set_target (self->pool_signals, NULL);
  if (self->pool_list != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->pool_list, pool_row_selected_cb, self);
      gtk_list_box_bind_model (self->pool_list, NULL, NULL, NULL, NULL);
    }
  g_clear_object (&self->pool_signals);
  g_clear_object (&self->pool);
  g_clear_object (&self->connection);

  G_OBJECT_CLASS (vd_storage_browser_parent_class)->dispose (object);
}

static void
vd_storage_browser_class_init (VdStorageBrowserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vd_storage_browser_dispose;

  /**
   * VdStorageBrowser::chosen:
   * @self: the browser
   * @path: the chosen volume's path, or the local file
   * @volume: (nullable): the chosen volume, %NULL for a local file
   *
   * The user chose; the browser destroys itself right after. It is not
   * emitted when the user cancels or closes the browser.
   */
  signals[CHOSEN] = g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                  NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING,
                                  VD_TYPE_STORAGE_VOLUME);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/virtdesk/VirtDesk/dialogs/"
                                               "vd-storage-browser.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, VdStorageBrowser, name)
  CHILD (intro_label);
  CHILD (pool_list);
  CHILD (volume_stack);
  CHILD (empty_label);
  CHILD (volume_view);
  CHILD (volume_store);
  CHILD (new_volume_button);
  CHILD (browse_button);
  CHILD (choose_button);
#undef CHILD
  gtk_widget_class_bind_template_callback (widget_class, volume_selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, browse_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, new_volume_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, response_cb);
}

static void
vd_storage_browser_init (VdStorageBrowser *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->pool_signals = g_signal_group_new (VD_TYPE_STORAGE_POOL);
  g_signal_group_connect_swapped (self->pool_signals, "volumes-updated",
                                  G_CALLBACK (fill_volumes), self);
  g_signal_group_connect_swapped (self->pool_signals, "notify::active",
                                  G_CALLBACK (fill_volumes), self);
  g_signal_group_connect_swapped (self->pool_signals, "notify::busy",
                                  G_CALLBACK (update_buttons), self);
}

/**
 * vd_storage_browser_new:
 * @parent: (nullable): the window it is transient for
 * @connection: whose pools to show
 * @filter: which volumes and files to offer
 *
 * The browser, not yet shown; the first pool is selected. Connect to
 * #VdStorageBrowser::chosen, then present it. Browse Local… is offered
 * only for a local connection, where a guest can use this machine's files.
 *
 * Returns: (transfer floating): the browser
 */
GtkWidget *
vd_storage_browser_new (GtkWindow              *parent,
                        VdConnection           *connection,
                        VdStorageBrowserFilter  filter)
{
  VdStorageBrowser *self;
  GtkListBoxRow *first;

  g_return_val_if_fail (VD_IS_CONNECTION (connection), NULL);

  self = g_object_new (VD_TYPE_STORAGE_BROWSER, "transient-for", parent, NULL);
  self->connection = g_object_ref (connection);
  self->filter = filter;

  switch (filter)
    {
    case VD_STORAGE_BROWSER_FILTER_ISO:
      gtk_window_set_title (GTK_WINDOW (self), _("Choose an ISO Image"));
      gtk_label_set_text (self->intro_label, _("Choose the installation medium or CD image."));
      break;
    case VD_STORAGE_BROWSER_FILTER_DISK:
      gtk_window_set_title (GTK_WINDOW (self), _("Choose a Disk Image"));
      gtk_label_set_text (self->intro_label, _("Choose the volume the disk is made of."));
      break;
    case VD_STORAGE_BROWSER_FILTER_ALL:
    default:
      gtk_window_set_title (GTK_WINDOW (self), _("Choose Storage"));
      gtk_label_set_text (self->intro_label, _("Choose a storage volume."));
      break;
    }

  gtk_widget_set_visible (GTK_WIDGET (self->browse_button), connection_is_local (connection));
  gtk_list_box_bind_model (self->pool_list, vd_connection_get_pools (connection),
                           create_pool_row, NULL, NULL);
  g_signal_connect (self->pool_list, "row-selected", G_CALLBACK (pool_row_selected_cb), self);

  first = gtk_list_box_get_row_at_index (self->pool_list, 0);
  if (first != NULL)
    gtk_list_box_select_row (self->pool_list, first);
  else
    fill_volumes (self);

  return GTK_WIDGET (self);
}

VdStorageBrowserFilter
vd_storage_browser_get_filter (VdStorageBrowser *self)
{
  g_return_val_if_fail (VD_IS_STORAGE_BROWSER (self), VD_STORAGE_BROWSER_FILTER_ALL);

  return self->filter;
}

/**
 * vd_storage_browser_select_pool:
 *
 * Returns: whether a pool called @name is listed (and now selected)
 */
gboolean
vd_storage_browser_select_pool (VdStorageBrowser *self,
                                const char       *name)
{
  g_return_val_if_fail (VD_IS_STORAGE_BROWSER (self), FALSE);

  for (int i = 0;; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->pool_list, i);
      VdStoragePool *pool;

      if (row == NULL)
        return FALSE;
      pool = g_object_get_data (G_OBJECT (row), "pool");
      if (g_strcmp0 (vd_storage_pool_get_name (pool), name) == 0)
        {
          gtk_list_box_select_row (self->pool_list, row);
          return TRUE;
        }
    }
}

/**
 * vd_storage_browser_select_volume:
 *
 * Returns: whether the selected pool shows a volume called @name (and now
 *   selects it)
 */
gboolean
vd_storage_browser_select_volume (VdStorageBrowser *self,
                                  const char       *name)
{
  GtkTreeModel *model;
  GtkTreeIter iter;

  g_return_val_if_fail (VD_IS_STORAGE_BROWSER (self), FALSE);

  model = GTK_TREE_MODEL (self->volume_store);
  if (!gtk_tree_model_get_iter_first (model, &iter))
    return FALSE;
  do
    {
      g_autofree char *listed = NULL;

      gtk_tree_model_get (model, &iter, COLUMN_NAME, &listed, -1);
      if (g_strcmp0 (listed, name) == 0)
        {
          gtk_tree_selection_select_iter (gtk_tree_view_get_selection (self->volume_view), &iter);
          return TRUE;
        }
    }
  while (gtk_tree_model_iter_next (model, &iter));

  return FALSE;
}

/**
 * vd_storage_browser_get_selected_volume:
 *
 * Returns: (transfer none) (nullable): the volume selected in the list
 */
VdStorageVolume *
vd_storage_browser_get_selected_volume (VdStorageBrowser *self)
{
  g_return_val_if_fail (VD_IS_STORAGE_BROWSER (self), NULL);

  return selected_volume (self);
}

/**
 * vd_storage_browser_get_n_shown:
 *
 * Returns: how many volumes of the selected pool pass the filter
 */
guint
vd_storage_browser_get_n_shown (VdStorageBrowser *self)
{
  g_return_val_if_fail (VD_IS_STORAGE_BROWSER (self), 0);

  return gtk_tree_model_iter_n_children (GTK_TREE_MODEL (self->volume_store), NULL);
}

/* ------------------------------------------------------------------ */
/* One async call                                                      */
/* ------------------------------------------------------------------ */

typedef struct
{
  char            *path;
  VdStorageVolume *volume;
} Choice;

static void
choice_free (Choice *choice)
{
  g_free (choice->path);
  g_clear_object (&choice->volume);
  g_free (choice);
}

/* The task's data marks it answered: the browser answers once, by
 * "chosen" or by going away without a choice. */
static void
chosen_cb (VdStorageBrowser *browser,
           const char       *path,
           VdStorageVolume  *volume,
           GTask            *task)
{
  Choice *choice;

  if (g_task_get_task_data (task) != NULL)
    return;
  g_task_set_task_data (task, GINT_TO_POINTER (1), NULL);

  choice = g_new0 (Choice, 1);
  choice->path = g_strdup (path);
  choice->volume = volume != NULL ? g_object_ref (volume) : NULL;
  g_task_return_pointer (task, choice, (GDestroyNotify)choice_free);
}

static void
browser_destroyed_cb (GtkWidget *browser,
                      GTask     *task)
{
  /* Closed, cancelled, or by the caller's cancellable: no choice. */
  if (g_task_get_task_data (task) != NULL)
    return;
  g_task_set_task_data (task, GINT_TO_POINTER (1), NULL);
  g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s",
                           _("No storage was chosen"));
}

/**
 * vd_storage_browser_choose_async:
 * @parent: (nullable): the window the browser is transient for
 * @connection: whose pools to show
 * @filter: which volumes and files to offer
 * @cancellable: (nullable): closes the browser when cancelled
 *
 * Shows a #VdStorageBrowser and completes when the user chose (see
 * vd_storage_browser_choose_finish()) or closed it
 * (%G_IO_ERROR_CANCELLED).
 */
void
vd_storage_browser_choose_async (GtkWindow              *parent,
                                 VdConnection           *connection,
                                 VdStorageBrowserFilter  filter,
                                 GCancellable           *cancellable,
                                 GAsyncReadyCallback     callback,
                                 gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  GtkWidget *browser;

  g_return_if_fail (VD_IS_CONNECTION (connection));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, vd_storage_browser_choose_async);
  /* The browser's answer is the result, even if the cancellable fires
   * after it. */
  g_task_set_check_cancellable (task, FALSE);

  browser = vd_storage_browser_new (parent, connection, filter);
  /* Each handler holds the task; the browser's destruction drops them. */
  g_signal_connect_data (browser, "chosen", G_CALLBACK (chosen_cb), g_object_ref (task),
                         (GClosureNotify)(void (*) (void))g_object_unref, 0);
  g_signal_connect_data (browser, "destroy", G_CALLBACK (browser_destroyed_cb),
                         g_object_ref (task), (GClosureNotify)(void (*) (void))g_object_unref, 0);
  if (cancellable != NULL)
    g_signal_connect_object (cancellable, "cancelled", G_CALLBACK (gtk_widget_destroy), browser,
                             G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (browser));
}

/**
 * vd_storage_browser_choose_finish:
 * @volume: (out) (optional) (transfer full) (nullable): the chosen volume,
 *   %NULL for a local file
 *
 * Returns: (transfer full): the chosen path (a volume's target path or a
 *   local file), %NULL with %G_IO_ERROR_CANCELLED when nothing was chosen
 */
char *
vd_storage_browser_choose_finish (GAsyncResult     *result,
                                  VdStorageVolume **volume,
                                  GError          **error)
{
  Choice *choice;
  char *path;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        vd_storage_browser_choose_async, NULL);

  choice = g_task_propagate_pointer (G_TASK (result), error);
  if (volume != NULL)
    *volume = choice != NULL ? g_steal_pointer (&choice->volume) : NULL;
  if (choice == NULL)
    return NULL;

  path = g_steal_pointer (&choice->path);
  choice_free (choice);
  return path;
}
