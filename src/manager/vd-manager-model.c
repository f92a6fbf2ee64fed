/* vd-manager-model.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-manager-model"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-manager-model.h"

/*
 * Adapts the connection manager (a GListModel of VdConnection, each with a
 * GListModel of VdDomain) to the connection → guest tree the manager
 * window's GtkTreeView shows. The store holds one column: the object.
 * Cells read its properties through cell data functions, so a property
 * change only needs a row-changed. A GtkTreeModelFilter on top applies the
 * search.
 *
 * GtkTreeStore iters stay valid while their row exists, so each object's
 * iter is kept in a hash table: finding a row never walks the tree.
 */

struct _VdManagerModel
{
  GObject              parent_instance;

  VdConnectionManager *manager;
  GtkTreeStore        *store;
  GtkTreeModel        *filter;
  GHashTable          *iters;     /* VdConnection or VdDomain → GtkTreeIter* */
  GPtrArray           *connections;
  char                *needle;    /* casefolded search text, NULL when empty */
  guint                n_domains;
};

G_DEFINE_FINAL_TYPE (VdManagerModel, vd_manager_model, G_TYPE_OBJECT)

static void
row_changed (VdManagerModel *self,
             gpointer        object)
{
  GtkTreeIter *iter = g_hash_table_lookup (self->iters, object);
  g_autoptr(GtkTreePath) path = NULL;

  if (iter == NULL)
    return;

  path = gtk_tree_model_get_path (GTK_TREE_MODEL (self->store), iter);
  gtk_tree_model_row_changed (GTK_TREE_MODEL (self->store), path, iter);
}

static void
domain_notify_cb (VdDomain       *domain,
                  GParamSpec     *pspec,
                  VdManagerModel *self)
{
  row_changed (self, domain);
}

static void
remove_row (VdManagerModel *self,
            gpointer        object)
{
  GtkTreeIter *iter = g_hash_table_lookup (self->iters, object);

  if (iter == NULL)
    return;

  if (VD_IS_DOMAIN (object))
    self->n_domains--;
  g_signal_handlers_disconnect_by_data (object, self);
  gtk_tree_store_remove (self->store, iter);
  g_hash_table_remove (self->iters, object);
}

static void
domains_changed_cb (GListModel     *list,
                    guint           position,
                    guint           removed,
                    guint           added,
                    VdManagerModel *self)
{
  VdConnection *connection = g_object_get_data (G_OBJECT (list), "vd-manager-model-connection");
  GtkTreeIter *parent = g_hash_table_lookup (self->iters, connection);
  GtkTreeIter sibling;
  GtkTreeIter prev;
  gboolean have_sibling;

  if (parent == NULL)
    return;

  /* Rows mirror the list one to one: row i under the connection is item i. */
  for (guint i = 0; i < removed; i++)
    {
      GtkTreeIter child;
      g_autoptr(GObject) object = NULL;

      if (!gtk_tree_model_iter_nth_child (GTK_TREE_MODEL (self->store), &child, parent, position))
        break;
      gtk_tree_model_get (GTK_TREE_MODEL (self->store), &child, 0, &object, -1);
      remove_row (self, object);
    }

  have_sibling = gtk_tree_model_iter_nth_child (GTK_TREE_MODEL (self->store), &sibling,
                                                parent, position);

  for (guint i = 0; i < added; i++)
    {
      g_autoptr(VdDomain) domain = g_list_model_get_item (list, position + i);
      GtkTreeIter iter;

      /* After the first row, insert after the previous one: appending to
       * a GtkTreeStore walks all siblings, inserting after does not. */
      if (i == 0)
        gtk_tree_store_insert_before (self->store, &iter, parent, have_sibling ? &sibling : NULL);
      else
        gtk_tree_store_insert_after (self->store, &iter, parent, &prev);
      gtk_tree_store_set (self->store, &iter, 0, domain, -1);
      prev = iter;

      g_hash_table_insert (self->iters, domain, gtk_tree_iter_copy (&iter));
      self->n_domains++;
      g_signal_connect_object (domain, "notify", G_CALLBACK (domain_notify_cb), self, 0);
    }
}

static void
connection_notify_cb (VdConnection   *connection,
                      GParamSpec     *pspec,
                      VdManagerModel *self)
{
  row_changed (self, connection);
}

static void
add_connection (VdManagerModel *self,
                VdConnection   *connection,
                guint           position)
{
  GListModel *domains = vd_connection_get_domains (connection);
  GtkTreeIter iter;

  gtk_tree_store_insert (self->store, &iter, NULL, position);
  gtk_tree_store_set (self->store, &iter, 0, connection, -1);
  g_hash_table_insert (self->iters, connection, gtk_tree_iter_copy (&iter));
  g_ptr_array_insert (self->connections, position, g_object_ref (connection));

  g_object_set_data (G_OBJECT (domains), "vd-manager-model-connection", connection);
  g_signal_connect_object (domains, "items-changed", G_CALLBACK (domains_changed_cb), self, 0);
  g_signal_connect_object (connection, "notify", G_CALLBACK (connection_notify_cb), self, 0);

  domains_changed_cb (domains, 0, 0, g_list_model_get_n_items (domains), self);
}

static void
remove_connection (VdManagerModel *self,
                   VdConnection   *connection)
{
  GListModel *domains = vd_connection_get_domains (connection);
  guint n = g_list_model_get_n_items (domains);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(VdDomain) domain = g_list_model_get_item (domains, i);
      remove_row (self, domain);
    }

  g_signal_handlers_disconnect_by_data (domains, self);
  remove_row (self, connection);
  g_ptr_array_remove (self->connections, connection);
}

static void
connections_changed_cb (GListModel     *list,
                        guint           position,
                        guint           removed,
                        guint           added,
                        VdManagerModel *self)
{
  for (guint i = 0; i < removed; i++)
    remove_connection (self, g_ptr_array_index (self->connections, position));

  for (guint i = 0; i < added; i++)
    {
      g_autoptr(VdConnection) connection = g_list_model_get_item (list, position + i);
      add_connection (self, connection, position + i);
    }
}

static gboolean
visible_func (GtkTreeModel *model,
              GtkTreeIter  *iter,
              gpointer      user_data)
{
  VdManagerModel *self = user_data;
  gpointer object = vd_manager_model_get_object (model, iter);

  if (self->needle == NULL || object == NULL)
    return TRUE;

  if (VD_IS_DOMAIN (object))
    return vd_domain_matches (object, self->needle);

  /* A connection shows while any of its guests matches. */
  if (VD_IS_CONNECTION (object))
    {
      GListModel *domains = vd_connection_get_domains (object);
      guint n = g_list_model_get_n_items (domains);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(VdDomain) domain = g_list_model_get_item (domains, i);

          if (vd_domain_matches (domain, self->needle))
            return TRUE;
        }
    }

  return FALSE;
}

static void
vd_manager_model_dispose (GObject *object)
{
  VdManagerModel *self = (VdManagerModel *)object;

  if (self->manager != NULL)
    {
      while (self->connections->len > 0)
        remove_connection (self, g_ptr_array_index (self->connections, 0));
      g_signal_handlers_disconnect_by_data (self->manager, self);
    }
  g_clear_object (&self->manager);
  g_clear_object (&self->filter);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (vd_manager_model_parent_class)->dispose (object);
}

static void
vd_manager_model_finalize (GObject *object)
{
  VdManagerModel *self = (VdManagerModel *)object;

  g_clear_pointer (&self->iters, g_hash_table_unref);
  g_clear_pointer (&self->connections, g_ptr_array_unref);
  g_clear_pointer (&self->needle, g_free);

  G_OBJECT_CLASS (vd_manager_model_parent_class)->finalize (object);
}

static void
vd_manager_model_class_init (VdManagerModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vd_manager_model_dispose;
  object_class->finalize = vd_manager_model_finalize;
}

static void
vd_manager_model_init (VdManagerModel *self)
{
  self->store = gtk_tree_store_new (1, G_TYPE_OBJECT);
  self->filter = gtk_tree_model_filter_new (GTK_TREE_MODEL (self->store), NULL);
  gtk_tree_model_filter_set_visible_func (GTK_TREE_MODEL_FILTER (self->filter),
                                          visible_func, self, NULL);
  self->iters = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify)gtk_tree_iter_free);
  self->connections = g_ptr_array_new_with_free_func (g_object_unref);
}

VdManagerModel *
vd_manager_model_new (VdConnectionManager *manager)
{
  VdManagerModel *self;
  guint n;

  g_return_val_if_fail (VD_IS_CONNECTION_MANAGER (manager), NULL);

  self = g_object_new (VD_TYPE_MANAGER_MODEL, NULL);
  self->manager = g_object_ref (manager);
  g_signal_connect_object (manager, "items-changed", G_CALLBACK (connections_changed_cb), self, 0);

  n = g_list_model_get_n_items (G_LIST_MODEL (manager));
  connections_changed_cb (G_LIST_MODEL (manager), 0, 0, n, self);

  return self;
}

/**
 * vd_manager_model_get_model:
 *
 * Returns: (transfer none): the filtered tree the view shows
 */
GtkTreeModel *
vd_manager_model_get_model (VdManagerModel *self)
{
  g_return_val_if_fail (VD_IS_MANAGER_MODEL (self), NULL);

  return self->filter;
}

/**
 * vd_manager_model_set_search:
 * @text: (nullable): what to look for in names, titles, UUIDs and states
 */
void
vd_manager_model_set_search (VdManagerModel *self,
                             const char     *text)
{
  g_autofree char *stripped = NULL;
  char *needle = NULL;

  g_return_if_fail (VD_IS_MANAGER_MODEL (self));

  stripped = g_strstrip (g_strdup (text ? text : ""));
  if (stripped[0] != '\0')
    needle = g_utf8_casefold (stripped, -1);

  if (g_strcmp0 (needle, self->needle) == 0)
    {
      g_free (needle);
      return;
    }

  g_free (self->needle);
  self->needle = needle;
  gtk_tree_model_filter_refilter (GTK_TREE_MODEL_FILTER (self->filter));
}

guint
vd_manager_model_get_n_domains (VdManagerModel *self)
{
  g_return_val_if_fail (VD_IS_MANAGER_MODEL (self), 0);

  return self->n_domains;
}

/**
 * vd_manager_model_get_object:
 *
 * Returns: (transfer none) (nullable): the VdConnection or VdDomain of a
 *   row of this model or its filter
 */
gpointer
vd_manager_model_get_object (GtkTreeModel *model,
                             GtkTreeIter  *iter)
{
  GObject *object = NULL;

  gtk_tree_model_get (model, iter, 0, &object, -1);

  /* The store keeps its reference; the caller borrows. */
  if (object != NULL)
    g_object_unref (object);

  return object;
}

/**
 * vd_manager_model_find_domain:
 * @iter: (out): the guest's row in the filtered model
 *
 * Returns: %TRUE if the guest has a visible row
 */
gboolean
vd_manager_model_find_domain (VdManagerModel *self,
                              VdDomain       *domain,
                              GtkTreeIter    *iter)
{
  GtkTreeIter *child = g_hash_table_lookup (self->iters, domain);

  if (child == NULL)
    return FALSE;

  return gtk_tree_model_filter_convert_child_iter_to_iter (GTK_TREE_MODEL_FILTER (self->filter),
                                                           iter, child);
}
