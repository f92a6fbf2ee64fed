/* vd-domain-actions.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-domain"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vd-connection-private.h"
#include "vd-domain-private.h"
#include "vd-domain-storage.h"
#include "vd-error.h"
#include "vd-libvirt-task.h"

/*
 * Lifecycle operations. Every one follows the same path (vd-libvirt-task.c):
 *
 *   main thread: mark the guest busy, copy the inputs into ActionData
 *   worker:      make the libvirt call(s), then re-read the guest
 *   main thread: apply the re-read state, clear busy, record the error,
 *                complete the caller's task
 *
 * Events usually report the new state first; the re-read makes the result
 * right even when a driver sends none. busy is cleared whether or not the
 * caller ever calls _finish.
 */

typedef enum
{
  ACTION_START,
  ACTION_SHUTDOWN,
  ACTION_REBOOT,
  ACTION_RESET,
  ACTION_FORCE_OFF,
  ACTION_PAUSE,
  ACTION_RESUME,
  ACTION_SAVE,
  ACTION_RESTORE,
  ACTION_REFRESH,
  ACTION_AUTOSTART,
  ACTION_RENAME,
  ACTION_DELETE,
} ActionKind;

typedef struct
{
  ActionKind     kind;
  virDomainPtr   handle;
  char          *name;
  gboolean       flag;        /* autostart */
  char          *new_name;    /* rename */
  guint          delete_flags;
  GStrv          volumes;     /* delete: paths of volumes to remove */
  VdDomainInfo  *after;       /* written by the worker, read in the callback */
  guint          event_serial; /* the guest's when the operation started */
} ActionData;

static void
action_data_free (gpointer user_data)
{
  ActionData *data = user_data;

  virDomainFree (data->handle);
  g_free (data->name);
  g_free (data->new_name);
  g_strfreev (data->volumes);
  g_clear_pointer (&data->after, _vd_domain_info_free);
  g_free (data);
}

/* translators: each message is followed by libvirt's explanation, e.g.
 * Failed to start “web01”: Requested operation is not valid */
static char *
failure_message (gpointer    user_data,
                 const char *detail)
{
  ActionData *data = user_data;
  const char *name = data->name;

  switch (data->kind)
    {
    case ACTION_START:
      return g_strdup_printf (_("Failed to start “%s”: %s"), name, detail);
    case ACTION_SHUTDOWN:
      return g_strdup_printf (_("Failed to shut down “%s”: %s"), name, detail);
    case ACTION_REBOOT:
      return g_strdup_printf (_("Failed to reboot “%s”: %s"), name, detail);
    case ACTION_RESET:
      return g_strdup_printf (_("Failed to reset “%s”: %s"), name, detail);
    case ACTION_FORCE_OFF:
      return g_strdup_printf (_("Failed to force off “%s”: %s"), name, detail);
    case ACTION_PAUSE:
      return g_strdup_printf (_("Failed to pause “%s”: %s"), name, detail);
    case ACTION_RESUME:
      return g_strdup_printf (_("Failed to resume “%s”: %s"), name, detail);
    case ACTION_SAVE:
      return g_strdup_printf (_("Failed to save “%s”: %s"), name, detail);
    case ACTION_RESTORE:
      return g_strdup_printf (_("Failed to restore “%s”: %s"), name, detail);
    case ACTION_REFRESH:
      return g_strdup_printf (_("Failed to read the state of “%s”: %s"), name, detail);
    case ACTION_AUTOSTART:
      return g_strdup_printf (_("Failed to change autostart of “%s”: %s"), name, detail);
    case ACTION_RENAME:
      return g_strdup_printf (_("Failed to rename “%s”: %s"), name, detail);
    case ACTION_DELETE:
      return g_strdup_printf (_("Failed to delete “%s”: %s"), name, detail);
    default:
      g_assert_not_reached ();
    }
}

static int
undefine (virDomainPtr handle,
          guint        delete_flags)
{
  unsigned int flags = 0;
  virErrorPtr err;

  if (delete_flags & VD_DOMAIN_DELETE_MANAGED_SAVE)
    flags |= VIR_DOMAIN_UNDEFINE_MANAGED_SAVE;
  if (delete_flags & VD_DOMAIN_DELETE_SNAPSHOTS)
    flags |= VIR_DOMAIN_UNDEFINE_SNAPSHOTS_METADATA | VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA;
  if (delete_flags & VD_DOMAIN_DELETE_NVRAM)
    flags |= VIR_DOMAIN_UNDEFINE_NVRAM;

  if (virDomainUndefineFlags (handle, flags) == 0)
    return 0;

  /* Drivers without NVRAM or checkpoints (the test driver, for one)
   * refuse those flags outright; they have nothing of that kind to
   * remove, so retry without them. */
  err = virGetLastError ();
  if (err != NULL && err->code == VIR_ERR_INVALID_ARG &&
      (flags & (VIR_DOMAIN_UNDEFINE_NVRAM | VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA)))
    {
      virResetLastError ();
      flags &= ~(VIR_DOMAIN_UNDEFINE_NVRAM | VIR_DOMAIN_UNDEFINE_CHECKPOINTS_METADATA);
      return virDomainUndefineFlags (handle, flags);
    }

  return -1;
}

/* Deletes the volumes after the guest is gone. Returns a description of
 * the ones that could not be deleted, or NULL. */
static char *
delete_volumes (virDomainPtr        handle,
                const char * const *paths,
                gboolean            local_files)
{
  g_autoptr(GString) failures = NULL;
  virConnectPtr conn = virDomainGetConnect (handle);

  /* Never on a remote host: the path would name a file on this machine. */
  if (local_files)
    {
      char *uri = virConnectGetURI (conn);

      local_files = _vd_domain_storage_uri_is_local (uri);
      free (uri);
      virResetLastError ();
    }

  for (guint i = 0; paths != NULL && paths[i] != NULL; i++)
    {
      virStorageVolPtr vol = virStorageVolLookupByPath (conn, paths[i]);
      virErrorPtr err = vol == NULL ? virGetLastError () : NULL;

      if (vol == NULL && local_files && err != NULL && err->code == VIR_ERR_NO_STORAGE_VOL)
        {
          g_autoptr(GFile) file = g_file_new_for_path (paths[i]);
          g_autoptr(GError) file_error = NULL;

          /* In no pool: a plain file the user chose to delete. */
          virResetLastError ();
          if (g_file_delete (file, NULL, &file_error))
            continue;

          if (failures == NULL)
            failures = g_string_new (NULL);
          else
            g_string_append (failures, "; ");
          g_string_append_printf (failures, "%s: %s", paths[i], file_error->message);
          continue;
        }

      if (vol == NULL || virStorageVolDelete (vol, 0) < 0)
        {
          if (failures == NULL)
            failures = g_string_new (NULL);
          else
            g_string_append (failures, "; ");
          g_string_append_printf (failures, "%s: %s", paths[i], virGetLastErrorMessage ());
          virResetLastError ();
        }

      if (vol != NULL)
        virStorageVolFree (vol);
    }

  return failures ? g_string_free (g_steal_pointer (&failures), FALSE) : NULL;
}

static int
run_action (ActionData *data)
{
  virDomainPtr handle = data->handle;

  switch (data->kind)
    {
    case ACTION_START:
    case ACTION_RESTORE:
      /* virDomainCreate resumes from a managed save image when there is
       * one: Run on a saved guest restores it. */
      return virDomainCreate (handle);
    case ACTION_SHUTDOWN:
      /* Flags 0 = the hypervisor's choice: QEMU uses the guest agent when
       * one is connected and falls back to the ACPI power button. */
      return virDomainShutdown (handle);
    case ACTION_REBOOT:
      return virDomainReboot (handle, 0);
    case ACTION_RESET:
      return virDomainReset (handle, 0);
    case ACTION_FORCE_OFF:
      return virDomainDestroy (handle);
    case ACTION_PAUSE:
      return virDomainSuspend (handle);
    case ACTION_RESUME:
      {
        int state = 0;

        if (virDomainGetState (handle, &state, NULL, 0) == 0 && state == VIR_DOMAIN_PMSUSPENDED)
          return virDomainPMWakeup (handle, 0);
        return virDomainResume (handle);
      }
    case ACTION_SAVE:
      return virDomainManagedSave (handle, 0);
    case ACTION_REFRESH:
      return 0;
    case ACTION_AUTOSTART:
      return virDomainSetAutostart (handle, data->flag ? 1 : 0);
    case ACTION_RENAME:
      return virDomainRename (handle, data->new_name, 0);
    case ACTION_DELETE:
      return undefine (handle, data->delete_flags);
    default:
      g_assert_not_reached ();
    }
}

static gboolean
action_worker (gpointer   user_data,
               GError   **error)
{
  ActionData *data = user_data;
  g_autofree char *volume_failures = NULL;
  gboolean ok = run_action (data) >= 0;

  if (!ok)
    vd_libvirt_task_set_failure (error, failure_message, data);
  else if (data->kind == ACTION_DELETE)
    volume_failures = delete_volumes (data->handle, (const char * const *)data->volumes,
                                      data->delete_flags & VD_DOMAIN_DELETE_LOCAL_FILES);

  /* A handle keeps the name and id it was looked up with (libvirt caches
   * them client-side): look the guest up again so the re-read sees its new
   * name after a rename and its new id after a start or stop. */
  if (data->kind != ACTION_DELETE || !ok)
    {
      unsigned char uuid[VIR_UUID_BUFLEN];
      virDomainPtr fresh = NULL;

      if (virDomainGetUUID (data->handle, uuid) == 0)
        fresh = virDomainLookupByUUID (virDomainGetConnect (data->handle), uuid);
      if (fresh != NULL)
        {
          virDomainFree (data->handle);
          data->handle = fresh;
        }
      virResetLastError ();
    }

  /* Re-read, success or not: a failed call can still have changed the
   * guest, and the view must show what libvirt says now. */
  data->after = _vd_domain_info_new_from_handle (data->handle);

  if (volume_failures != NULL)
    {
      g_set_error (error, VD_ERROR, VD_ERROR_FAILED,
                   _("“%s” was deleted, but some of its storage was not: %s"),
                   data->name, volume_failures);
      return FALSE;
    }

  return ok;
}

/* The rest runs on the main thread, called by vd_libvirt_task_run(). */

static gboolean
is_connected (gpointer self)
{
  return vd_domain_get_connection (self) != NULL;
}

static gboolean
get_busy (gpointer self)
{
  return vd_domain_get_busy (self);
}

static void
begin_busy (gpointer self)
{
  _vd_domain_begin_busy (self);
}

static void
end_busy (gpointer    self,
          const char *error_message)
{
  _vd_domain_end_busy (self, error_message);
}

static void
apply_result (gpointer self,
              gpointer user_data)
{
  ActionData *data = user_data;
  VdConnection *connection = vd_domain_get_connection (self);

  if (data->after == NULL || connection == NULL)
    return;

  /* A lifecycle event that came while the operation ran (the guest shut
   * down as the call returned) may be newer than the re-read: the re-read
   * would put the old state back (a guest shown running again after Shut
   * Down). Read once more instead; the event's state stays until then. */
  if (_vd_domain_read_is_stale (self, data->after, data->event_serial))
    {
      _vd_connection_queue_refresh (connection, vd_domain_get_handle (self));
      return;
    }

  _vd_connection_apply_domain_info (connection, data->after);
}

static const VdLibvirtTaskOps action_ops = {
  .log_domain = G_LOG_DOMAIN,
  .not_connected = N_("the guest is no longer on an open connection"),
  .busy = N_("another operation on this guest is still running"),
  .worker = action_worker,
  .free_data = action_data_free,
  .failure_message = failure_message,
  .is_connected = is_connected,
  .get_busy = get_busy,
  .begin_busy = begin_busy,
  .end_busy = end_busy,
  .apply = apply_result,
};

static void
start_action (VdDomain            *self,
              ActionData          *data,
              gpointer             source_tag,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  data->handle = vd_domain_get_handle (self);
  virDomainRef (data->handle);
  data->name = g_strdup (vd_domain_get_name (self));
  data->event_serial = _vd_domain_get_event_serial (self);

  /* A refresh only reads: it never marks the guest busy, and its failure
   * (the guest went away meanwhile) is not an operation that failed. */
  vd_libvirt_task_run (self, &action_ops,
                       data->kind == ACTION_REFRESH ? VD_LIBVIRT_TASK_READ_ONLY
                                                    : VD_LIBVIRT_TASK_DEFAULT,
                       data, source_tag, cancellable, callback, user_data);
}

static gboolean
finish_action (VdDomain      *self,
               GAsyncResult  *result,
               gpointer       source_tag,
               GError       **error)
{
  g_return_val_if_fail (VD_IS_DOMAIN (self), FALSE);

  return vd_libvirt_task_finish (self, result, source_tag, error);
}

static ActionData *
action_data_new (ActionKind kind)
{
  ActionData *data = g_new0 (ActionData, 1);

  data->kind = kind;

  return data;
}

#define DEFINE_SIMPLE_ACTION(name, KIND)                                          \
  void                                                                            \
  vd_domain_##name##_async (VdDomain            *self,                            \
                            GCancellable        *cancellable,                     \
                            GAsyncReadyCallback  callback,                        \
                            gpointer             user_data)                       \
  {                                                                               \
    g_return_if_fail (VD_IS_DOMAIN (self));                                       \
    g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));            \
                                                                                  \
    start_action (self, action_data_new (KIND), vd_domain_##name##_async,         \
                  cancellable, callback, user_data);                              \
  }                                                                               \
                                                                                  \
  gboolean                                                                        \
  vd_domain_##name##_finish (VdDomain      *self,                                 \
                             GAsyncResult  *result,                               \
                             GError       **error)                                \
  {                                                                               \
    return finish_action (self, result, vd_domain_##name##_async, error);         \
  }

/**
 * vd_domain_start_async:
 *
 * Starts the guest (virDomainCreate); a saved guest is restored.
 */
DEFINE_SIMPLE_ACTION (start, ACTION_START)
/**
 * vd_domain_shutdown_async:
 *
 * Asks the guest to shut down: through the guest agent when QEMU has one
 * connected, else the ACPI power button.
 */
DEFINE_SIMPLE_ACTION (shutdown, ACTION_SHUTDOWN)
/**
 * vd_domain_reboot_async:
 *
 * Asks the guest to reboot (agent or ACPI, the hypervisor's choice).
 */
DEFINE_SIMPLE_ACTION (reboot, ACTION_REBOOT)
/**
 * vd_domain_reset_async:
 *
 * Hard reset, like the reset button: unsaved data in the guest is lost.
 */
DEFINE_SIMPLE_ACTION (reset, ACTION_RESET)
/**
 * vd_domain_force_off_async:
 *
 * Stops the guest at once (virDomainDestroy): unsaved data is lost.
 */
DEFINE_SIMPLE_ACTION (force_off, ACTION_FORCE_OFF)
/**
 * vd_domain_pause_async:
 *
 * Suspends the guest's vCPUs; memory stays allocated.
 */
DEFINE_SIMPLE_ACTION (pause, ACTION_PAUSE)
/**
 * vd_domain_resume_async:
 *
 * Resumes a paused guest, or wakes a guest that suspended itself.
 */
DEFINE_SIMPLE_ACTION (resume, ACTION_RESUME)
/**
 * vd_domain_save_async:
 *
 * Managed save: writes memory to the host's disk and stops the guest; the
 * next start restores it.
 */
DEFINE_SIMPLE_ACTION (save, ACTION_SAVE)
/**
 * vd_domain_restore_async:
 *
 * Restores a guest from its managed save image.
 */
DEFINE_SIMPLE_ACTION (restore, ACTION_RESTORE)
/**
 * vd_domain_refresh_async:
 *
 * Re-reads the guest's state, flags, memory and vCPUs.
 */
DEFINE_SIMPLE_ACTION (refresh, ACTION_REFRESH)

/**
 * vd_domain_set_autostart_async:
 *
 * Whether the host starts the guest when it boots.
 */
void
vd_domain_set_autostart_async (VdDomain            *self,
                               gboolean             autostart,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  ActionData *data;

  g_return_if_fail (VD_IS_DOMAIN (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  data = action_data_new (ACTION_AUTOSTART);
  data->flag = !!autostart;
  start_action (self, data, vd_domain_set_autostart_async, cancellable, callback, user_data);
}

gboolean
vd_domain_set_autostart_finish (VdDomain      *self,
                                GAsyncResult  *result,
                                GError       **error)
{
  return finish_action (self, result, vd_domain_set_autostart_async, error);
}

/**
 * vd_domain_rename_async:
 * @new_name: the new name
 *
 * Renames a shut-off guest. An empty name or one with a '/' is refused
 * before libvirt is asked.
 */
void
vd_domain_rename_async (VdDomain            *self,
                        const char          *new_name,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  ActionData *data;

  g_return_if_fail (VD_IS_DOMAIN (self));
  g_return_if_fail (new_name != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  if (new_name[0] == '\0' || strchr (new_name, '/') != NULL)
    {
      g_task_report_new_error (self, callback, user_data, vd_domain_rename_async,
                               VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                               _("Failed to rename “%s”: %s"), vd_domain_get_name (self),
                               _("a name must not be empty or contain “/”"));
      return;
    }

  data = action_data_new (ACTION_RENAME);
  data->new_name = g_strdup (new_name);
  start_action (self, data, vd_domain_rename_async, cancellable, callback, user_data);
}

gboolean
vd_domain_rename_finish (VdDomain      *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  return finish_action (self, result, vd_domain_rename_async, error);
}

/**
 * vd_domain_delete_async:
 * @flags: what else to remove with the definition
 * @volume_paths: (nullable) (array zero-terminated=1): storage volumes to
 *   delete once the guest is undefined (paths as the disks name them)
 *
 * Undefines a guest that is not running. Volumes are deleted only after
 * the undefine succeeded; a volume that cannot be deleted is reported in
 * the error while the guest stays deleted.
 */
void
vd_domain_delete_async (VdDomain            *self,
                        VdDomainDeleteFlags  flags,
                        const char * const  *volume_paths,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  ActionData *data;

  g_return_if_fail (VD_IS_DOMAIN (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  if (vd_domain_get_active (self))
    {
      g_task_report_new_error (self, callback, user_data, vd_domain_delete_async,
                               VD_ERROR, VD_ERROR_INVALID_STATE,
                               _("Failed to delete “%s”: %s"), vd_domain_get_name (self),
                               _("the guest is running; shut it down first"));
      return;
    }

  data = action_data_new (ACTION_DELETE);
  data->delete_flags = flags;
  data->volumes = g_strdupv ((char **)volume_paths);
  start_action (self, data, vd_domain_delete_async, cancellable, callback, user_data);
}

gboolean
vd_domain_delete_finish (VdDomain      *self,
                         GAsyncResult  *result,
                         GError       **error)
{
  return finish_action (self, result, vd_domain_delete_async, error);
}
