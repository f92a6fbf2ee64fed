/* vd-libvirt-task.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * VdLibvirtTaskFlags:
 * @VD_LIBVIRT_TASK_DEFAULT: an operation: refused while another one runs,
 *   and marks the object busy until its worker ends
 * @VD_LIBVIRT_TASK_READ_ONLY: only reads: neither refused while the object
 *   is busy nor marking it busy (a failure is not recorded either)
 */
typedef enum
{
  VD_LIBVIRT_TASK_DEFAULT   = 0,
  VD_LIBVIRT_TASK_READ_ONLY = 1 << 0,
} VdLibvirtTaskFlags;

/**
 * VdLibvirtTaskOps:
 * @log_domain: where a failed operation is logged at debug level, %NULL
 *   for nowhere
 * @not_connected: detail for an object that is no longer on an open
 *   connection, marked with N_() (translated when used)
 * @busy: detail for an object on which another operation still runs, marked
 *   with N_()
 * @worker: worker thread: makes the libvirt call(s) and re-reads the object
 *   into the task data, success or not; returns %FALSE with @error set to
 *   the message the caller sees
 * @free_data: frees the task data (any thread)
 * @failure_message: builds the translated message for an operation refused
 *   before it started, from the task data and one of the details above
 * @is_connected: whether the object can still reach libvirt
 * @get_busy: whether an operation on the object is running
 * @begin_busy: marks the object busy (and notifies)
 * @end_busy: clears busy, recording @error_message (%NULL on success) as
 *   the object's last error
 * @apply: applies what the worker re-read; runs before @end_busy
 *
 * What one kind of object brings to vd_libvirt_task_run(): its worker, its
 * messages and its busy state. Every function but @worker and @free_data is
 * called on the main thread with the object passed to vd_libvirt_task_run().
 */
typedef struct
{
  const char      *log_domain;
  const char      *not_connected;
  const char      *busy;
  gboolean       (*worker)          (gpointer      data,
                                     GError      **error);
  GDestroyNotify   free_data;
  char          *(*failure_message) (gpointer      data,
                                     const char   *detail);
  gboolean       (*is_connected)    (gpointer      self);
  gboolean       (*get_busy)        (gpointer      self);
  void           (*begin_busy)      (gpointer      self);
  void           (*end_busy)        (gpointer      self,
                                     const char   *error_message);
  void           (*apply)           (gpointer      self,
                                     gpointer      data);
} VdLibvirtTaskOps;

void     vd_libvirt_task_run         (gpointer                 self,
                                      const VdLibvirtTaskOps  *ops,
                                      VdLibvirtTaskFlags       flags,
                                      gpointer                 data,
                                      gpointer                 source_tag,
                                      GCancellable            *cancellable,
                                      GAsyncReadyCallback      callback,
                                      gpointer                 user_data);
gboolean vd_libvirt_task_finish      (gpointer                 self,
                                      GAsyncResult            *result,
                                      gpointer                 source_tag,
                                      GError                 **error);
void     vd_libvirt_task_set_failure (GError                 **error,
                                      char                  *(*message_func) (gpointer    data,
                                                                              const char *detail),
                                      gpointer                 data);
void     vd_libvirt_task_post        (GMainContext            *context,
                                      GSourceFunc              func,
                                      gpointer                 data,
                                      GDestroyNotify           notify);

G_END_DECLS
