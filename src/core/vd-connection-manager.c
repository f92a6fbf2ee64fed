/* vd-connection-manager.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-connection-manager"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-connection-manager.h"

/*
 * The list of connections the manager window shows. Saved connections live
 * in the GSettings key "connections" as (uri, display name, autoconnect).
 * With none saved, the embedded demo connection (libvirt's test driver,
 * in process) is added, not saved, so a first start shows guests at once
 * without any hypervisor.
 */

struct _VdConnectionManager
{
  GObject     parent_instance;

  GSettings  *settings;     /* nullable: tests run without persistence */
  GPtrArray  *connections;  /* VdConnection */
  guint       loading : 1;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (VdConnectionManager, vd_connection_manager, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
get_item_type (GListModel *model)
{
  return VD_TYPE_CONNECTION;
}

static guint
get_n_items (GListModel *model)
{
  return VD_CONNECTION_MANAGER (model)->connections->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  VdConnectionManager *self = VD_CONNECTION_MANAGER (model);

  if (position >= self->connections->len)
    return NULL;

  return g_object_ref (g_ptr_array_index (self->connections, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static gboolean
is_demo (VdConnection *connection)
{
  return g_object_get_data (G_OBJECT (connection), "vd-demo") != NULL;
}

static void
connection_changed_cb (VdConnection        *connection,
                       GParamSpec          *pspec,
                       VdConnectionManager *self)
{
  if (!self->loading && !is_demo (connection))
    vd_connection_manager_save (self);
}

static void
append (VdConnectionManager *self,
        VdConnection        *connection)
{
  g_ptr_array_add (self->connections, g_object_ref (connection));
  g_signal_connect_object (connection, "notify::autoconnect",
                           G_CALLBACK (connection_changed_cb), self, 0);
  g_signal_connect_object (connection, "notify::display-name",
                           G_CALLBACK (connection_changed_cb), self, 0);
  g_list_model_items_changed (G_LIST_MODEL (self), self->connections->len - 1, 0, 1);
}

static void
vd_connection_manager_dispose (GObject *object)
{
  VdConnectionManager *self = (VdConnectionManager *)object;

  for (guint i = 0; self->connections != NULL && i < self->connections->len; i++)
    vd_connection_disconnect (g_ptr_array_index (self->connections, i));
  g_clear_pointer (&self->connections, g_ptr_array_unref);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (vd_connection_manager_parent_class)->dispose (object);
}

static void
vd_connection_manager_class_init (VdConnectionManagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vd_connection_manager_dispose;
}

static void
vd_connection_manager_init (VdConnectionManager *self)
{
  self->connections = g_ptr_array_new_with_free_func (g_object_unref);
}

/**
 * vd_connection_manager_new:
 * @settings: (nullable): the application's settings, or %NULL to keep
 *   nothing
 */
VdConnectionManager *
vd_connection_manager_new (GSettings *settings)
{
  VdConnectionManager *self = g_object_new (VD_TYPE_CONNECTION_MANAGER, NULL);

  g_set_object (&self->settings, settings);

  return self;
}

/**
 * vd_connection_manager_load:
 *
 * Reads the saved connections; adds the demo connection when there are
 * none. Connects nothing (see vd_connection_manager_autoconnect()).
 */
void
vd_connection_manager_load (VdConnectionManager *self)
{
  g_autoptr(GVariant) saved = NULL;
  GVariantIter iter;
  const char *uri;
  const char *name;
  gboolean autoconnect;

  g_return_if_fail (VD_IS_CONNECTION_MANAGER (self));

  self->loading = TRUE;

  if (self->settings != NULL)
    {
      saved = g_settings_get_value (self->settings, "connections");
      g_variant_iter_init (&iter, saved);
      while (g_variant_iter_next (&iter, "(&s&sb)", &uri, &name, &autoconnect))
        {
          g_autoptr(VdConnection) connection = NULL;

          if (uri[0] == '\0' || vd_connection_manager_lookup (self, uri) != NULL)
            continue;

          connection = vd_connection_new (uri);
          vd_connection_set_display_name (connection, name[0] ? name : NULL);
          vd_connection_set_autoconnect (connection, autoconnect);
          append (self, connection);
        }
    }

  if (self->connections->len == 0)
    {
      g_autoptr(VdConnection) demo = vd_connection_new (VD_DEMO_URI);

      g_object_set_data (G_OBJECT (demo), "vd-demo", GINT_TO_POINTER (TRUE));
      vd_connection_set_autoconnect (demo, TRUE);
      append (self, demo);
    }

  self->loading = FALSE;
}

/**
 * vd_connection_manager_autoconnect:
 *
 * Starts opening every connection marked autoconnect.
 */
void
vd_connection_manager_autoconnect (VdConnectionManager *self)
{
  g_return_if_fail (VD_IS_CONNECTION_MANAGER (self));

  for (guint i = 0; i < self->connections->len; i++)
    {
      VdConnection *connection = g_ptr_array_index (self->connections, i);

      if (vd_connection_get_autoconnect (connection))
        vd_connection_connect (connection);
    }
}

/**
 * vd_connection_manager_lookup:
 *
 * Returns: (transfer none) (nullable): the connection for @uri
 */
VdConnection *
vd_connection_manager_lookup (VdConnectionManager *self,
                              const char          *uri)
{
  g_return_val_if_fail (VD_IS_CONNECTION_MANAGER (self), NULL);
  g_return_val_if_fail (uri != NULL, NULL);

  for (guint i = 0; i < self->connections->len; i++)
    {
      VdConnection *connection = g_ptr_array_index (self->connections, i);

      if (g_strcmp0 (vd_connection_get_uri (connection), uri) == 0)
        return connection;
    }

  return NULL;
}

/**
 * vd_connection_manager_add:
 *
 * Adds and saves a connection, or returns the existing one for @uri (its
 * autoconnect updated). Does not connect it.
 *
 * Returns: (transfer none): the connection
 */
VdConnection *
vd_connection_manager_add (VdConnectionManager *self,
                           const char          *uri,
                           gboolean             autoconnect)
{
  VdConnection *connection;
  g_autoptr(VdConnection) created = NULL;

  g_return_val_if_fail (VD_IS_CONNECTION_MANAGER (self), NULL);
  g_return_val_if_fail (uri != NULL, NULL);

  connection = vd_connection_manager_lookup (self, uri);
  if (connection != NULL)
    {
      /* Adding the demo URI on purpose makes it a saved connection. */
      g_object_set_data (G_OBJECT (connection), "vd-demo", NULL);
      vd_connection_set_autoconnect (connection, autoconnect);
      vd_connection_manager_save (self);
      return connection;
    }

  created = vd_connection_new (uri);
  vd_connection_set_autoconnect (created, autoconnect);
  append (self, created);
  vd_connection_manager_save (self);

  return created;
}

/**
 * vd_connection_manager_remove:
 *
 * Disconnects and forgets a connection.
 */
void
vd_connection_manager_remove (VdConnectionManager *self,
                              VdConnection        *connection)
{
  guint position;

  g_return_if_fail (VD_IS_CONNECTION_MANAGER (self));
  g_return_if_fail (VD_IS_CONNECTION (connection));

  if (!g_ptr_array_find (self->connections, connection, &position))
    return;

  g_object_ref (connection);
  vd_connection_disconnect (connection);
  g_signal_handlers_disconnect_by_data (connection, self);
  g_ptr_array_remove_index (self->connections, position);
  g_list_model_items_changed (G_LIST_MODEL (self), position, 1, 0);
  g_object_unref (connection);

  vd_connection_manager_save (self);
}

/**
 * vd_connection_manager_save:
 *
 * Writes every connection but the demo one to GSettings.
 */
void
vd_connection_manager_save (VdConnectionManager *self)
{
  GVariantBuilder builder;

  g_return_if_fail (VD_IS_CONNECTION_MANAGER (self));

  if (self->settings == NULL)
    return;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(ssb)"));
  for (guint i = 0; i < self->connections->len; i++)
    {
      VdConnection *connection = g_ptr_array_index (self->connections, i);
      const char *display_name;

      if (is_demo (connection))
        continue;

      /* Save only a name the user chose, so a derived one follows the
       * URI's translation. */
      display_name = vd_connection_get_custom_name (connection);

      g_variant_builder_add (&builder, "(ssb)",
                             vd_connection_get_uri (connection),
                             display_name ? display_name : "",
                             vd_connection_get_autoconnect (connection));
    }

  g_settings_set_value (self->settings, "connections", g_variant_builder_end (&builder));
}
