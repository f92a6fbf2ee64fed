/* vd-host-window-xml.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-host-window"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-host-window-private.h"
#include "vd-xml-edit-dialog.h"

/*
 * host.network-edit-xml and host.pool-edit-xml: the selected network's or
 * pool's definition in a VdXmlEditDialog.
 */

/* Called by the networks and storage pages when their selection or its
 * state changes. */
void
_vd_host_window_xml_update (VdHostWindow *self)
{
  gboolean network = self->network != NULL && vd_network_get_connection (self->network) != NULL &&
                     !vd_network_get_busy (self->network);
  gboolean pool = self->pool != NULL && vd_storage_pool_get_connection (self->pool) != NULL &&
                  !vd_storage_pool_get_busy (self->pool);

  _vd_host_window_enable (self, "network-edit-xml", network);
  _vd_host_window_enable (self, "pool-edit-xml", pool);
}

static void
open_editor (VdHostWindow *self,
             gpointer      object)
{
  if (object != NULL)
    gtk_window_present (GTK_WINDOW (vd_xml_edit_dialog_new (GTK_WINDOW (self), object)));
}

static void
vd_host_window_action_network_edit_xml_cb (GSimpleAction *action,
                                           GVariant      *param,
                                           gpointer       user_data)
{
  VdHostWindow *self = user_data;

  open_editor (self, self->network);
}

static void
vd_host_window_action_pool_edit_xml_cb (GSimpleAction *action,
                                        GVariant      *param,
                                        gpointer       user_data)
{
  VdHostWindow *self = user_data;

  open_editor (self, self->pool);
}

static const GActionEntry xml_actions[] = {
  { "network-edit-xml", vd_host_window_action_network_edit_xml_cb },
  { "pool-edit-xml", vd_host_window_action_pool_edit_xml_cb },
};

void
_vd_host_window_xml_init (VdHostWindow *self)
{
  g_action_map_add_action_entries (G_ACTION_MAP (self->actions), xml_actions,
                                   G_N_ELEMENTS (xml_actions), self);
  _vd_host_window_xml_update (self);
}
