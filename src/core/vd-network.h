/* vd-network.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <libvirt/libvirt.h>

G_BEGIN_DECLS

typedef struct _VdConnection VdConnection;

#define VD_TYPE_NETWORK (vd_network_get_type ())

G_DECLARE_FINAL_TYPE (VdNetwork, vd_network, VD, NETWORK, GObject)

VdConnection       *vd_network_get_connection    (VdNetwork            *self);
const char         *vd_network_get_name          (VdNetwork            *self);
const char         *vd_network_get_uuid          (VdNetwork            *self);
gboolean            vd_network_get_active        (VdNetwork            *self);
gboolean            vd_network_get_autostart     (VdNetwork            *self);
gboolean            vd_network_get_persistent    (VdNetwork            *self);
gboolean            vd_network_get_busy          (VdNetwork            *self);
const char         *vd_network_get_last_error    (VdNetwork            *self);
const char         *vd_network_get_forward_mode  (VdNetwork            *self);
const char         *vd_network_get_forward_dev   (VdNetwork            *self);
const char         *vd_network_get_bridge        (VdNetwork            *self);
const char         *vd_network_get_ipv4_address  (VdNetwork            *self);
guint               vd_network_get_ipv4_prefix   (VdNetwork            *self);
const char         *vd_network_get_ipv6_address  (VdNetwork            *self);
guint               vd_network_get_ipv6_prefix   (VdNetwork            *self);
const char * const *vd_network_get_dhcp_ranges   (VdNetwork            *self);
const char * const *vd_network_get_static_hosts  (VdNetwork            *self);
const char         *vd_network_get_dns_domain    (VdNetwork            *self);

void                vd_network_start_async       (VdNetwork            *self,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean            vd_network_start_finish      (VdNetwork            *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
void                vd_network_stop_async        (VdNetwork            *self,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean            vd_network_stop_finish       (VdNetwork            *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
void                vd_network_delete_async      (VdNetwork            *self,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
gboolean            vd_network_delete_finish     (VdNetwork            *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);
void                vd_network_set_autostart_async  (VdNetwork         *self,
                                                     gboolean           autostart,
                                                     GCancellable      *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer           user_data);
gboolean            vd_network_set_autostart_finish (VdNetwork         *self,
                                                     GAsyncResult      *result,
                                                     GError           **error);
void                vd_network_get_xml_async     (VdNetwork            *self,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
char               *vd_network_get_xml_finish    (VdNetwork            *self,
                                                  GAsyncResult         *result,
                                                  GError              **error);

/* vd-host-xml.c */
void                vd_network_get_config_xml_async  (VdNetwork           *self,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
char               *vd_network_get_config_xml_finish (VdNetwork           *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);
void                vd_network_define_xml_async      (VdNetwork           *self,
                                                      const char          *xml,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean            vd_network_define_xml_finish     (VdNetwork           *self,
                                                      GAsyncResult        *result,
                                                      GError             **error);

char               *vd_network_check_dhcp_host   (VdNetwork            *self,
                                                  const char           *mac,
                                                  const char           *ip,
                                                  const char           *name);
void                vd_network_add_dhcp_host_async    (VdNetwork           *self,
                                                       const char          *mac,
                                                       const char          *ip,
                                                       const char          *name,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean            vd_network_add_dhcp_host_finish   (VdNetwork           *self,
                                                       GAsyncResult        *result,
                                                       GError             **error);
void                vd_network_remove_dhcp_host_async (VdNetwork           *self,
                                                       const char          *entry,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);
gboolean            vd_network_remove_dhcp_host_finish (VdNetwork          *self,
                                                        GAsyncResult       *result,
                                                        GError            **error);

G_END_DECLS
