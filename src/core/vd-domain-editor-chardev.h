/* vd-domain-editor-chardev.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vd-domain-editor-devices.h"

G_BEGIN_DECLS

/* Character devices: serial and parallel ports, consoles and channels */

#define VD_GUEST_AGENT_CHANNEL "org.qemu.guest_agent.0"

/**
 * VdCharSource:
 * @type: pty, file, tcp, udp, unix or spicevmc (a channel's); others (vc,
 *   dev, null, ...) are read but not set
 * @path: a file's, or a unix socket's (%NULL: libvirt picks one, channels
 *   only)
 * @host: the TCP host, or the UDP host sent to
 * @port: the TCP or UDP port, 1–65535
 * @mode: tcp and unix: bind (listen) or connect; %NULL for libvirt's
 *   default
 * @protocol: tcp: raw or telnet; %NULL for raw
 */
typedef struct
{
  char  *type;
  char  *path;
  char  *host;
  guint  port;
  char  *mode;
  char  *protocol;
} VdCharSource;

void     vd_char_source_clear                   (VdCharSource        *source);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (VdCharSource, vd_char_source_clear)

gboolean vd_domain_editor_get_char_source       (VdDomainEditor      *self,
                                                 const char          *id,
                                                 VdCharSource        *source);
gboolean vd_domain_editor_set_char_source       (VdDomainEditor      *self,
                                                 const char          *id,
                                                 const VdCharSource  *source,
                                                 GError             **error);
gboolean vd_domain_editor_get_char_target       (VdDomainEditor      *self,
                                                 const char          *id,
                                                 char               **type,
                                                 char               **name);
gboolean vd_domain_editor_set_console_target    (VdDomainEditor      *self,
                                                 const char          *id,
                                                 const char          *type,
                                                 GError             **error);
gboolean vd_domain_editor_set_channel_name      (VdDomainEditor      *self,
                                                 const char          *id,
                                                 const char          *name,
                                                 GError             **error);
gboolean vd_domain_editor_has_guest_agent       (VdDomainEditor      *self);
char    *vd_domain_editor_add_guest_agent       (VdDomainEditor      *self,
                                                 GError             **error);

G_END_DECLS
