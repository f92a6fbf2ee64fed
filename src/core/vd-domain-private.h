/* vd-domain-private.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vd-domain.h"

G_BEGIN_DECLS

/*
 * Everything a worker learns about one guest, applied to a VdDomain on the
 * main thread. Workers fill it from a virDomainPtr; they never touch the
 * VdDomain itself.
 */
typedef struct
{
  virDomainPtr  handle;          /* owned reference */
  char         *name;
  char          uuid[VIR_UUID_STRING_BUFLEN];
  int           id;
  int           state;           /* virDomainState */
  int           reason;
  gboolean      persistent;
  gboolean      autostart;
  gboolean      managed_save;
  char         *title;
  char         *description;
  guint64       memory;          /* KiB */
  guint64       max_memory;      /* KiB */
  guint         vcpus;
  guint64       cpu_time;        /* ns, virDomainInfo.cpuTime */
  gboolean      gone;            /* the guest vanished while we looked */
} VdDomainInfo;

VdDomainInfo *_vd_domain_info_new_from_handle (virDomainPtr        handle);
void          _vd_domain_info_free            (VdDomainInfo       *info);
void          _vd_domain_info_fill_state      (VdDomainInfo       *info);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VdDomainInfo, _vd_domain_info_free)

VdDomain     *_vd_domain_new                  (VdConnection       *connection,
                                               const VdDomainInfo *info);
void          _vd_domain_apply_info           (VdDomain           *self,
                                               const VdDomainInfo *info);
void          _vd_domain_set_state            (VdDomain           *self,
                                               VdDomainState       state,
                                               int                 reason);
void          _vd_domain_set_persistent       (VdDomain           *self,
                                               gboolean            persistent);
void          _vd_domain_clear_current_stats  (VdDomain           *self);
guint         _vd_domain_get_action_serial    (VdDomain           *self);
guint         _vd_domain_get_event_serial     (VdDomain           *self);
void          _vd_domain_note_event           (VdDomain           *self);
gboolean      _vd_domain_read_is_stale        (VdDomain           *self,
                                               const VdDomainInfo *info,
                                               guint               event_serial);
void          _vd_domain_add_stats_sample     (VdDomain           *self,
                                               const double       *values,
                                               guint               span);
void          _vd_domain_set_history_length   (VdDomain           *self,
                                               guint               length);
void          _vd_domain_detach               (VdDomain           *self);
void          _vd_domain_begin_busy           (VdDomain           *self);
void          _vd_domain_end_busy             (VdDomain           *self,
                                               const char         *error_message);
VdDomainState _vd_domain_state_from_libvirt   (int                 state,
                                               gboolean            managed_save);

G_END_DECLS
