/* vd-network-spec.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vd-connection.h"

G_BEGIN_DECLS

/**
 * VdNetworkForwardMode:
 * @VD_NETWORK_FORWARD_NAT: NAT to the host's networks (optionally one device)
 * @VD_NETWORK_FORWARD_ROUTE: routed, no NAT (optionally one device)
 * @VD_NETWORK_FORWARD_ISOLATED: no forwarding (no `<forward>`)
 * @VD_NETWORK_FORWARD_OPEN: routed, libvirt adds no firewall rules
 * @VD_NETWORK_FORWARD_BRIDGE: an existing host bridge (the device is its name)
 * @VD_NETWORK_FORWARD_PASSTHROUGH: macvtap (direct) passthrough to a
 *   physical device
 * @VD_NETWORK_FORWARD_HOSTDEV: an SR-IOV VF pool on a physical function
 */
typedef enum
{
  VD_NETWORK_FORWARD_NAT,
  VD_NETWORK_FORWARD_ROUTE,
  VD_NETWORK_FORWARD_ISOLATED,
  VD_NETWORK_FORWARD_OPEN,
  VD_NETWORK_FORWARD_BRIDGE,
  VD_NETWORK_FORWARD_PASSTHROUGH,
  VD_NETWORK_FORWARD_HOSTDEV,
} VdNetworkForwardMode;

/**
 * VdNetworkSpecField:
 *
 * The fields vd_network_spec_check() judges one at a time, so a form can
 * show each reason next to its field.
 */
typedef enum
{
  VD_NETWORK_SPEC_FIELD_NAME,
  VD_NETWORK_SPEC_FIELD_DEVICE,
  VD_NETWORK_SPEC_FIELD_IPV4,
  VD_NETWORK_SPEC_FIELD_DHCP4,
  VD_NETWORK_SPEC_FIELD_HOSTS,
  VD_NETWORK_SPEC_FIELD_IPV6,
  VD_NETWORK_SPEC_FIELD_DHCP6,
  VD_NETWORK_SPEC_FIELD_DNS_DOMAIN,
  VD_NETWORK_SPEC_FIELD_BANDWIDTH,
  VD_NETWORK_SPEC_FIELD_PORTGROUPS,
  VD_NETWORK_SPEC_N_FIELDS
} VdNetworkSpecField;

typedef struct
{
  char *mac;
  char *ip;
  char *name;                   /* optional */
} VdNetworkHost;

typedef struct
{
  guint average;                /* KiB/s, 0 = unset */
  guint peak;                   /* KiB/s, 0 = unset */
  guint burst;                  /* KiB, 0 = unset */
} VdNetworkBandwidth;

typedef struct
{
  char     *name;
  guint     vlan_tag;           /* 0 = no VLAN */
  gboolean  is_default;
} VdNetworkPortgroup;

/**
 * VdNetworkSpec:
 * @device: the bridge for %VD_NETWORK_FORWARD_BRIDGE, the physical device
 *   for passthrough and hostdev (its PF), the optional outgoing device for
 *   NAT and routed networks
 * @ipv4: "ADDRESS/PREFIX", the host's address on the network; ignored
 *   when @ipv4_enabled is %FALSE
 * @dhcp4_start, @dhcp4_end: empty for no DHCP
 * @hosts: (element-type VdNetworkHost): static DHCP hosts (IPv4)
 * @portgroups: (element-type VdNetworkPortgroup)
 *
 * What the Create Network wizard collects: a plain struct, no libvirt.
 * Strings may be %NULL or empty for "unset".
 */
typedef struct
{
  char                 *name;
  VdNetworkForwardMode  forward_mode;
  char                 *device;
  gboolean              ipv4_enabled;
  char                 *ipv4;
  char                 *dhcp4_start;
  char                 *dhcp4_end;
  GPtrArray            *hosts;
  gboolean              ipv6_enabled;
  char                 *ipv6;
  char                 *dhcp6_start;
  char                 *dhcp6_end;
  char                 *dns_domain;
  VdNetworkBandwidth    inbound;
  VdNetworkBandwidth    outbound;
  GPtrArray            *portgroups;
} VdNetworkSpec;

#define VD_TYPE_NETWORK_SPEC (vd_network_spec_get_type ())

GType          vd_network_spec_get_type        (void) G_GNUC_CONST;
VdNetworkSpec *vd_network_spec_new             (void);
VdNetworkSpec *vd_network_spec_copy            (const VdNetworkSpec  *spec);
void           vd_network_spec_free            (VdNetworkSpec        *spec);
void           vd_network_spec_add_host        (VdNetworkSpec        *spec,
                                                const char           *mac,
                                                const char           *ip,
                                                const char           *name);
void           vd_network_spec_add_portgroup   (VdNetworkSpec        *spec,
                                                const char           *name,
                                                guint                 vlan_tag,
                                                gboolean              is_default);
const char    *vd_network_forward_mode_to_string (VdNetworkForwardMode mode);
gboolean       vd_network_forward_mode_uses_ip   (VdNetworkForwardMode mode);
gboolean       vd_network_forward_mode_needs_device (VdNetworkForwardMode mode);
gboolean       vd_network_forward_mode_takes_device (VdNetworkForwardMode mode);

char          *vd_network_spec_check           (const VdNetworkSpec  *spec,
                                                VdNetworkSpecField    field,
                                                GListModel           *networks);
char          *vd_network_spec_check_host      (const VdNetworkSpec  *spec,
                                                const char           *mac,
                                                const char           *ip,
                                                const char           *name);
gboolean       vd_network_spec_validate        (const VdNetworkSpec  *spec,
                                                GListModel           *networks,
                                                GError              **error);
char          *vd_network_spec_to_xml          (const VdNetworkSpec  *spec);

void           vd_connection_create_network_async  (VdConnection         *self,
                                                    const VdNetworkSpec  *spec,
                                                    gboolean              start,
                                                    gboolean              autostart,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean       vd_connection_create_network_finish (VdConnection         *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);

void           vd_connection_list_interfaces_async  (VdConnection         *self,
                                                     GCancellable         *cancellable,
                                                     GAsyncReadyCallback   callback,
                                                     gpointer              user_data);
GStrv          vd_connection_list_interfaces_finish (VdConnection         *self,
                                                     GAsyncResult         *result,
                                                     GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VdNetworkSpec, vd_network_spec_free)

G_END_DECLS
