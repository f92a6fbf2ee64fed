/* vd-domain-live.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vd-domain.h"

G_BEGIN_DECLS

/**
 * VdAgentState:
 * @VD_AGENT_STATE_NONE: the guest has no QEMU guest agent channel
 * @VD_AGENT_STATE_UNKNOWN: it has one, but libvirt does not say its state
 * @VD_AGENT_STATE_CONNECTED: the agent in the guest is connected
 * @VD_AGENT_STATE_DISCONNECTED: nothing in the guest answers on the channel
 */
typedef enum
{
  VD_AGENT_STATE_NONE,
  VD_AGENT_STATE_UNKNOWN,
  VD_AGENT_STATE_CONNECTED,
  VD_AGENT_STATE_DISCONNECTED,
} VdAgentState;

void          vd_domain_read_live_xml_async  (VdDomain             *self,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
char         *vd_domain_read_live_xml_finish (VdDomain             *self,
                                              GAsyncResult         *result,
                                              GError              **error);

char         *vd_live_xml_get_os_type        (const char           *xml);
char         *vd_live_xml_get_security       (const char           *xml);
VdAgentState  vd_live_xml_get_agent_state    (const char           *xml);
const char   *vd_agent_state_describe        (VdAgentState          state,
                                              gboolean              active);
char         *vd_format_cpu_time             (guint64               nanoseconds);

G_END_DECLS
