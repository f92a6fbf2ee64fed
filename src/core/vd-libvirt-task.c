/* vd-libvirt-task.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-libvirt-task"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-error.h"
#include "vd-libvirt-task.h"

/*
 * The one way guests, networks, pools and volumes run an operation:
 *
 *   main thread: refuse it when the object is off its connection or busy,
 *                else mark it busy
 *   worker:      the object's libvirt call(s), then its re-read
 *   main thread: apply the re-read, clear busy, record the error,
 *                complete the caller's task
 *
 * The libvirt call itself cannot be interrupted, so the caller's
 * cancellable belongs to the outer task only: the inner task runs to its
 * end even when the caller cancels, and busy is always cleared, whether
 * or not the caller ever calls _finish.
 */

typedef struct
{
  const VdLibvirtTaskOps *ops;
  VdLibvirtTaskFlags      flags;
  gpointer                data;
} TaskRun;

static void
task_run_free (TaskRun *run)
{
  run->ops->free_data (run->data);
  g_free (run);
}

static void
task_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  TaskRun *run = task_data;
  GError *error = NULL;

  if (run->ops->worker (run->data, &error))
    g_task_return_boolean (task, TRUE);
  else
    {
      g_assert (error != NULL);
      g_task_return_error (task, error);
    }
}

static void
task_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  gpointer self = g_task_get_source_object (outer);
  TaskRun *run = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;

  g_task_propagate_boolean (G_TASK (result), &error);

  run->ops->apply (self, run->data);

  if (!(run->flags & VD_LIBVIRT_TASK_READ_ONLY))
    run->ops->end_busy (self, error ? error->message : NULL);

  if (error != NULL)
    {
      if (run->ops->log_domain != NULL)
        g_log (run->ops->log_domain, G_LOG_LEVEL_DEBUG, "%s", error->message);
      g_task_return_error (outer, g_steal_pointer (&error));
    }
  else
    g_task_return_boolean (outer, TRUE);
}

static void
refuse (GTask                  *outer,
        const VdLibvirtTaskOps *ops,
        gpointer                data,
        VdError                 code,
        const char             *detail)
{
  g_autofree char *message = ops->failure_message (data, _(detail));

  g_task_return_new_error (outer, VD_ERROR, code, "%s", message);
  ops->free_data (data);
}

/**
 * vd_libvirt_task_run:
 * @self: the object the operation is on, the source object of the task
 * @ops: (not nullable): what the kind of object brings (static storage)
 * @flags: whether the operation only reads
 * @data: (transfer full): the task data, the inputs copied on the main
 *   thread; @ops->free_data frees it
 * @source_tag: the public `_async` function
 *
 * Runs @ops->worker on @data in a thread, one operation at a time per
 * object (unless @flags has %VD_LIBVIRT_TASK_READ_ONLY). Refused with
 * %VD_ERROR_NOT_CONNECTED or %VD_ERROR_BUSY, in the message
 * @ops->failure_message builds, without calling the worker.
 */
void
vd_libvirt_task_run (gpointer                 self,
                     const VdLibvirtTaskOps  *ops,
                     VdLibvirtTaskFlags       flags,
                     gpointer                 data,
                     gpointer                 source_tag,
                     GCancellable            *cancellable,
                     GAsyncReadyCallback      callback,
                     gpointer                 user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) inner = NULL;
  gboolean exclusive = !(flags & VD_LIBVIRT_TASK_READ_ONLY);
  TaskRun *run;

  g_return_if_fail (G_IS_OBJECT (self));
  g_return_if_fail (ops != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, source_tag);

  if (!ops->is_connected (self))
    {
      refuse (outer, ops, data, VD_ERROR_NOT_CONNECTED, ops->not_connected);
      return;
    }

  if (exclusive && ops->get_busy (self))
    {
      refuse (outer, ops, data, VD_ERROR_BUSY, ops->busy);
      return;
    }

  if (exclusive)
    ops->begin_busy (self);

  run = g_new0 (TaskRun, 1);
  run->ops = ops;
  run->flags = flags;
  run->data = data;

  inner = g_task_new (NULL, NULL, task_done_cb, g_steal_pointer (&outer));
  g_task_set_source_tag (inner, vd_libvirt_task_run);
  g_task_set_task_data (inner, run, (GDestroyNotify)task_run_free);
  g_task_run_in_thread (inner, task_worker);
}

/**
 * vd_libvirt_task_finish:
 * @self: the object given to vd_libvirt_task_run()
 * @source_tag: the public `_async` function the result must come from
 *
 * Returns: whether the operation succeeded
 */
gboolean
vd_libvirt_task_finish (gpointer       self,
                        GAsyncResult  *result,
                        gpointer       source_tag,
                        GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * vd_libvirt_task_set_failure:
 * @error: (nullable): return location
 * @message_func: builds the message the caller sees around libvirt's
 * @data: the task data, passed to @message_func
 *
 * Worker thread, right after the failing libvirt call: sets @error from
 * libvirt's last error (its domain and code, see
 * vd_error_set_from_libvirt()) with the message @message_func makes of
 * libvirt's.
 */
void
vd_libvirt_task_set_failure (GError   **error,
                             char     *(*message_func) (gpointer    data,
                                                        const char *detail),
                             gpointer   data)
{
  g_autoptr(GError) libvirt_error = NULL;
  g_autofree char *message = NULL;

  vd_error_set_from_libvirt (&libvirt_error, _("Unknown error"));
  message = message_func (data, libvirt_error->message);
  g_set_error_literal (error, libvirt_error->domain, libvirt_error->code, message);
}

/**
 * vd_libvirt_task_post:
 * @context: (nullable): where @func runs, %NULL for the global default
 * @func: called there; returns %G_SOURCE_REMOVE (once) or
 *   %G_SOURCE_CONTINUE (again, on the next idle)
 * @data: passed to @func
 * @notify: (nullable): frees @data after @func ran, or when @context goes
 *
 * From a worker: queues @func on @context, at default priority. Unlike
 * g_main_context_invoke_full(), it never runs @func in the calling thread,
 * which that function does whenever no thread holds @context at that
 * moment (the main thread between two iterations): a worker would then
 * touch widgets or main-thread state concurrently with the main thread.
 */
void
vd_libvirt_task_post (GMainContext   *context,
                      GSourceFunc     func,
                      gpointer        data,
                      GDestroyNotify  notify)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, notify);
  g_source_set_static_name (source, "[virt-desk] worker report");
  g_source_attach (source, context);
}
