/* vd-domain-create.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-domain-create"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <libvirt/libvirt.h>
#include <string.h>

#include "vd-connection-host.h"
#include "vd-cpio.h"
#include "vd-domain-storage.h"
#include "vd-error.h"
#include "vd-install-spec.h"
#include "vd-iso9660.h"
#include "vd-libvirt-task.h"
#include "vd-storage-pool.h"
#include "vd-storage-volume.h"
#include "vd-storage-volume-ops-private.h"
#include "vd-url-install.h"
#include "vd-xml.h"

/*
 * Creating a new guest in one worker: the new volume (if the spec asks
 * for one), the definition, the start. A step that fails, or a Cancel
 * between steps, takes back what this call made: the guest is stopped and
 * undefined, the volume it created deleted. A volume that existed before
 * (an imported disk, or a name clash the volume step refused) is never
 * touched. The guest reaches vd_connection_get_domains() through libvirt's
 * lifecycle events, as every other guest.
 *
 * A network install (VD_INSTALL_METHOD_URL) first downloads the tree's
 * kernel and initrd (libsoup, in this worker, with progress) into
 * temporary files and uploads them as raw volumes "<guest>-kernel" and
 * "<guest>-initrd" into the boot pool through a libvirt stream (so a
 * remote host works too). The guest is defined with its INSTALL
 * configuration (direct kernel boot: <kernel>, <initrd>, <cmdline>),
 * started, and at once defined again with its FINAL configuration (no
 * kernel, boot from the disk): the running install keeps the first, the
 * next start uses the second. QEMU has read the kernel and initrd once
 * the guest runs, so both volumes are deleted right after the start; a
 * failure or Cancel before that deletes them too.
 *
 * An unattended install from a local ISO (VD_INSTALL_METHOD_MEDIA with
 * spec->script, on a connection to this machine) takes the same path,
 * with the kernel and initrd extracted from the ISO file (vd-iso9660.c,
 * at the medium's paths in spec->tree_kernel / tree_initrd) instead of
 * downloaded; its INSTALL configuration keeps the ISO as the CD-ROM, for
 * the installer to read its packages from.
 *
 * An unattended install's script (spec->script) is appended to the
 * initrd as a cpio archive before the upload: it exists only in that
 * volume (and, until the upload, in the private temporary file), and so
 * goes with it.
 */

typedef struct
{
  gatomicrefcount         ref_count;
  VdCreateDomainProgress  func;
  gpointer                data;
  GDestroyNotify          destroy;
} Progress;

typedef struct
{
  Progress           *progress;
  VdCreateDomainStep  step;
  guint64             done;
  guint64             total;
} ProgressCall;

/* The network install's two boot files. */
enum { BOOT_KERNEL, BOOT_INITRD, N_BOOT_FILES };

typedef struct
{
  virConnectPtr  conn;
  VdInstallSpec *spec;
  char          *volume_xml;     /* NULL: no new volume */
  gboolean       start;
  Progress      *progress;       /* nullable */
  GMainContext  *context;
  GCancellable  *cancellable;    /* the caller's, nullable */
  char          *created_volume; /* set by the worker: the path of the volume it made */
  char          *created_boot[N_BOOT_FILES]; /* the kernel and initrd volumes, until deleted */
  gint64         last_report;    /* download progress, at most 10 Hz */
} CreateData;

static Progress *
progress_ref (Progress *progress)
{
  g_atomic_ref_count_inc (&progress->ref_count);
  return progress;
}

static void
progress_unref (Progress *progress)
{
  if (g_atomic_ref_count_dec (&progress->ref_count))
    {
      if (progress->destroy != NULL)
        progress->destroy (progress->data);
      g_free (progress);
    }
}

static gboolean
progress_call_cb (gpointer user_data)
{
  ProgressCall *call = user_data;

  call->progress->func (call->step, call->done, call->total, call->progress->data);
  return G_SOURCE_REMOVE;
}

static void
progress_call_free (gpointer user_data)
{
  ProgressCall *call = user_data;

  progress_unref (call->progress);
  g_free (call);
}

static void
report_bytes (CreateData         *data,
              VdCreateDomainStep  step,
              guint64             done,
              guint64             total)
{
  ProgressCall *call;

  if (data->progress == NULL)
    return;
  call = g_new0 (ProgressCall, 1);
  call->progress = progress_ref (data->progress);
  call->step = step;
  call->done = done;
  call->total = total;
  vd_libvirt_task_post (data->context, progress_call_cb, call, progress_call_free);
}

/* From the worker: the step runs on the caller's main context. */
static void
report (CreateData         *data,
        VdCreateDomainStep  step)
{
  report_bytes (data, step, 0, 0);
}

static gboolean
progress_unref_cb (gpointer user_data)
{
  progress_unref (user_data);
  return G_SOURCE_REMOVE;
}

static void
create_data_free (gpointer user_data)
{
  CreateData *data = user_data;

  virConnectClose (data->conn);
  vd_install_spec_free (data->spec);
  g_free (data->volume_xml);
  /* The caller's destroy notify (the wizard or dialog dropping itself)
   * runs on its main context, never in the worker, which may hold the
   * task last. */
  if (data->progress != NULL)
    vd_libvirt_task_post (data->context, progress_unref_cb, g_steal_pointer (&data->progress),
                          NULL);
  g_main_context_unref (data->context);
  g_clear_object (&data->cancellable);
  g_free (data->created_volume);
  for (guint i = 0; i < N_BOOT_FILES; i++)
    g_free (data->created_boot[i]);
  g_free (data);
}

/* libvirt's domain type for this connection: the test driver's "test",
 * other drivers by their own name; on QEMU what @requested asks for, or
 * without a request "kvm" where the host can accelerate the guest's
 * architecture, else "qemu" (emulation). */
static char *
pick_domain_type (virConnectPtr  conn,
                  const char    *arch,
                  const char    *requested)
{
  const char *type = virConnectGetType (conn);
  g_autofree char *caps = NULL;
  char *text;

  if (type == NULL)
    return g_strdup (requested != NULL && *requested != '\0' ? requested : "kvm");
  if (g_ascii_strcasecmp (type, "QEMU") != 0)
    return g_ascii_strdown (type, -1);

  /* The user's choice on a QEMU host: KVM, or software emulation where
   * KVM is listed but does not work (nested hosts, a broken /dev/kvm);
   * libvirt refuses KVM at define time where the host has none. */
  if (requested != NULL && *requested != '\0')
    return g_strdup (requested);

  text = virConnectGetDomainCapabilities (conn, NULL, arch, NULL, "kvm", 0);
  if (text != NULL)
    {
      free (text);
      return g_strdup ("kvm");
    }
  return g_strdup ("qemu");
}

static void
undo (virDomainPtr   domain,
      virStorageVolPtr volume)
{
  /* The failed step's error is taken already: these calls overwrite
   * libvirt's last error. */
  if (domain != NULL)
    {
      if (virDomainIsActive (domain) == 1)
        virDomainDestroy (domain);
      if (virDomainUndefineFlags (domain, VIR_DOMAIN_UNDEFINE_NVRAM) < 0 &&
          virDomainUndefine (domain) < 0)
        g_debug ("Could not undefine the new guest again: %s", virGetLastErrorMessage ());
    }
  if (volume != NULL && virStorageVolDelete (volume, 0) < 0)
    g_debug ("Could not delete the new volume again: %s", virGetLastErrorMessage ());
}

/* Deletes the kernel and initrd volumes this call made (after the start,
 * or when it fails). */
static void
delete_boot_volumes (CreateData *data)
{
  for (guint i = 0; i < N_BOOT_FILES; i++)
    {
      g_autofree char *path = g_steal_pointer (&data->created_boot[i]);
      virStorageVolPtr volume = path ? virStorageVolLookupByPath (data->conn, path) : NULL;

      if (volume == NULL)
        continue;
      if (virStorageVolDelete (volume, 0) < 0)
        g_debug ("Could not delete the install volume %s: %s", path, virGetLastErrorMessage ());
      virStorageVolFree (volume);
    }
}

typedef struct
{
  CreateData         *data;
  VdCreateDomainStep  step;
} DownloadProgress;

static void
download_progress_cb (guint64  done,
                      guint64  total,
                      gpointer user_data)
{
  DownloadProgress *progress = user_data;
  gint64 now = g_get_monotonic_time ();

  if (done > 0 && (total == 0 || done < total) &&
      now - progress->data->last_report < G_USEC_PER_SEC / 10)
    return;
  progress->data->last_report = now;
  report_bytes (progress->data, progress->step, done, total);
}

static char *
boot_volume_xml (const char *name,
                 guint64     size)
{
  g_autofree char *escaped = g_markup_escape_text (name, -1);

  return g_strdup_printf ("<volume><name>%s</name>"
                          "<capacity unit='bytes'>%" G_GUINT64_FORMAT "</capacity>"
                          "<allocation unit='bytes'>0</allocation></volume>",
                          escaped, size);
}

/* One boot file: downloaded to a temporary file, a volume of its size in
 * @pool, uploaded with the storage code's stream. Sets its path in the
 * spec and data->created_boot[@which]. */
static gboolean
fetch_boot_file (CreateData        *data,
                 virStoragePoolPtr  pool,
                 guint              which,
                 GError           **error)
{
  VdInstallSpec *spec = data->spec;
  const char *relative = which == BOOT_KERNEL ? spec->tree_kernel : spec->tree_initrd;
  DownloadProgress progress = { data, which == BOOT_KERNEL ? VD_CREATE_DOMAIN_STEP_DOWNLOAD_KERNEL
                                                           : VD_CREATE_DOMAIN_STEP_DOWNLOAD_INITRD };
  g_autofree char *url = spec->url != NULL ? vd_url_resolve (spec->url, relative ? relative : "")
                                            : NULL;
  g_autofree char *volume_name = g_strdup_printf (which == BOOT_KERNEL ? "%s-kernel" : "%s-initrd",
                                                  spec->name);
  g_autofree char *pool_name = g_strdup (virStoragePoolGetName (pool));
  g_autofree char *local_path = NULL;
  g_autofree char *xml = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileIOStream) io = NULL;
  g_autoptr(GFileInfo) info = NULL;
  virStorageVolPtr volume = NULL;
  gboolean ok = FALSE;
  guint64 size;
  OpData upload = { 0 };

  file = g_file_new_tmp ("virt-desk-netinst-XXXXXX", &io, error);
  if (file == NULL)
    return FALSE;
  local_path = g_file_get_path (file);
  if (spec->method == VD_INSTALL_METHOD_MEDIA)
    {
      g_autoptr(GFile) iso = g_file_new_for_path (spec->media_path);

      report (data, which == BOOT_KERNEL ? VD_CREATE_DOMAIN_STEP_EXTRACT_KERNEL
                                         : VD_CREATE_DOMAIN_STEP_EXTRACT_INITRD);
      if (!vd_iso9660_extract (iso, relative ? relative : "",
                               g_io_stream_get_output_stream (G_IO_STREAM (io)),
                               data->cancellable, error) ||
          !g_io_stream_close (G_IO_STREAM (io), NULL, error))
        {
          if (error != NULL && *error != NULL &&
              !g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            {
              if (which == BOOT_KERNEL)
                /* translators: the kernel's path on the ISO, the ISO's path, then why */
                g_prefix_error (error, _("The install kernel %s could not be read from %s: "),
                                relative, spec->media_path);
              else
                /* translators: the initrd's path on the ISO, the ISO's path, then why */
                g_prefix_error (error, _("The install initrd %s could not be read from %s: "),
                                relative, spec->media_path);
            }
          goto out;
        }
    }
  else if (report_bytes (data, progress.step, 0, 0),
           !vd_url_download (url, g_io_stream_get_output_stream (G_IO_STREAM (io)),
                             download_progress_cb, &progress, data->cancellable, error) ||
           !g_io_stream_close (G_IO_STREAM (io), NULL, error))
    {
      if (error != NULL && *error != NULL &&
          !g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          if (which == BOOT_KERNEL)
            /* translators: the kernel's URL, then why */
            g_prefix_error (error, _("The install kernel could not be downloaded from %s: "), url);
          else
            /* translators: the initrd's URL, then why */
            g_prefix_error (error, _("The install initrd could not be downloaded from %s: "), url);
        }
      goto out;
    }
  /* An unattended install: its script goes into the initrd as a second
   * cpio archive, for the installer to find at "/<filename>". The
   * temporary file (mode 0600) is deleted below; the volume after the
   * start, or when the creation fails. */
  if (which == BOOT_INITRD && spec->script != NULL)
    {
      g_autoptr(GBytes) script = g_bytes_new_static (spec->script->text,
                                                     strlen (spec->script->text));

      if (!vd_cpio_append_newc (local_path, spec->script->filename, script, 0644,
                                data->cancellable, error))
        {
          if (error != NULL && *error != NULL &&
              !g_error_matches (*error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
            g_prefix_error (error, _("The unattended install script could not be added to the "
                                     "initrd: "));
          goto out;
        }
    }
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE, NULL,
                            error);
  if (info == NULL)
    goto out;
  size = g_file_info_get_size (info);

  report (data, VD_CREATE_DOMAIN_STEP_UPLOAD);
  if (g_cancellable_set_error_if_cancelled (data->cancellable, error))
    goto out;
  xml = boot_volume_xml (volume_name, MAX (size, 1));
  volume = virStorageVolCreateXML (pool, xml, 0);
  if (volume == NULL)
    {
      vd_error_set_from_libvirt (error, _("Unknown error"));
      /* translators: a volume's name, a pool's name, then libvirt's explanation */
      g_prefix_error (error, _("The volume “%s” could not be created in the pool “%s”: "),
                      volume_name, pool_name);
      goto out;
    }
  {
    char *path = virStorageVolGetPath (volume);

    data->created_boot[which] = g_strdup (path);
    free (path);
  }

  upload.kind = OP_UPLOAD;
  upload.pool = pool;
  upload.name = volume_name;
  upload.pool_name = pool_name;
  upload.cancellable = data->cancellable;
  upload.local_path = local_path;
  if (!_vd_volume_op_upload (NULL, &upload, volume, error))
    goto out;

  if (which == BOOT_KERNEL)
    {
      g_free (spec->install_kernel);
      spec->install_kernel = g_strdup (data->created_boot[which]);
    }
  else
    {
      g_free (spec->install_initrd);
      spec->install_initrd = g_strdup (data->created_boot[which]);
    }
  ok = TRUE;

out:
  if (volume != NULL)
    virStorageVolFree (volume);
  if (local_path != NULL)
    g_unlink (local_path);
  return ok;
}

static gboolean
fetch_boot_files (CreateData  *data,
                  GError     **error)
{
  g_autofree char *pool_name = vd_install_spec_get_boot_pool (data->spec);
  virStoragePoolPtr pool = virStoragePoolLookupByName (data->conn, pool_name);
  gboolean ok = TRUE;

  if (pool == NULL)
    {
      vd_error_set_from_libvirt (error, _("Unknown error"));
      /* translators: a pool's name, then libvirt's explanation */
      g_prefix_error (error, _("The storage pool “%s” for the install kernel and initrd is not "
                               "there: "), pool_name);
      return FALSE;
    }
  for (guint i = 0; ok && i < N_BOOT_FILES; i++)
    ok = fetch_boot_file (data, pool, i, error);
  virStoragePoolFree (pool);
  return ok;
}

static void
create_worker (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  CreateData *data = task_data;
  VdInstallSpec *spec = data->spec;
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = NULL;

  cancellable = data->cancellable;
  virStorageVolPtr volume = NULL;
  virDomainPtr domain = NULL;
  char uuid[VIR_UUID_STRING_BUFLEN];
  /* Both boot their first time from a kernel and initrd made volumes. */
  gboolean url_install = spec->method == VD_INSTALL_METHOD_URL ||
                         (spec->method == VD_INSTALL_METHOD_MEDIA && spec->script != NULL);

  if (spec->method == VD_INSTALL_METHOD_MEDIA && spec->script != NULL)
    {
      g_autoptr(GFile) iso = g_file_new_for_path (spec->media_path);
      g_autofree char *volume_id = vd_iso9660_get_volume_id (iso, cancellable, &error);
      char *cmdline;

      if (volume_id == NULL)
        goto failed;
      cmdline = vd_install_script_media_cmdline (spec->script->cmdline, volume_id);
      g_free (spec->script->cmdline);
      spec->script->cmdline = cmdline;
    }
  if (url_install && !fetch_boot_files (data, &error))
    goto failed;

  if (data->volume_xml != NULL)
    {
      virStoragePoolPtr pool;

      report (data, VD_CREATE_DOMAIN_STEP_VOLUME);
      if (g_cancellable_set_error_if_cancelled (cancellable, &error))
        goto failed;
      pool = virStoragePoolLookupByName (data->conn, spec->disk_pool);
      if (pool != NULL)
        {
          volume = virStorageVolCreateXML (pool, data->volume_xml, 0);
          virStoragePoolFree (pool);
        }
      if (volume == NULL)
        {
          vd_error_set_from_libvirt (&error, _("Unknown error"));
          /* translators: followed by libvirt's explanation */
          g_prefix_error (&error, _("The disk could not be created in the pool “%s”: "),
                          spec->disk_pool);
          goto failed;
        }
      g_free (spec->disk_path);
      {
        char *path = virStorageVolGetPath (volume);

        spec->disk_path = g_strdup (path);
        data->created_volume = g_strdup (path);
        free (path);
      }
    }

  {
    char *picked = pick_domain_type (data->conn, spec->arch, spec->domain_type);

    g_free (spec->domain_type);
    spec->domain_type = picked;
  }
  xml = vd_install_spec_to_xml (spec);

  report (data, VD_CREATE_DOMAIN_STEP_DEFINE);
  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    goto failed;
  domain = virDomainDefineXML (data->conn, xml);
  if (domain == NULL)
    {
      vd_error_set_from_libvirt (&error, _("Unknown error"));
      g_prefix_error (&error, _("The guest could not be defined: "));
      goto failed;
    }

  if (data->start || url_install)
    {
      report (data, VD_CREATE_DOMAIN_STEP_START);
      if (g_cancellable_set_error_if_cancelled (cancellable, &error))
        goto failed;
      if (virDomainCreate (domain) < 0)
        {
          vd_error_set_from_libvirt (&error, _("Unknown error"));
          g_prefix_error (&error, _("The guest could not be started: "));
          goto failed;
        }
    }

  if (url_install)
    {
      virDomainPtr redefined;

      /* The install runs; the next start boots from the disk. The same
       * guest: its UUID, or libvirt would see a second one of that name. */
      if (virDomainGetUUIDString (domain, uuid) < 0)
        {
          vd_error_set_from_libvirt (&error, _("Unknown error"));
          goto failed;
        }
      g_free (spec->uuid);
      spec->uuid = g_strdup (uuid);
      g_clear_pointer (&spec->install_kernel, g_free);
      g_clear_pointer (&spec->install_initrd, g_free);
      g_free (xml);
      xml = vd_install_spec_to_xml (spec);
      redefined = virDomainDefineXML (data->conn, xml);
      if (redefined == NULL)
        {
          vd_error_set_from_libvirt (&error, _("Unknown error"));
          g_prefix_error (&error, _("The guest’s configuration after the install could not be "
                                    "defined: "));
          goto failed;
        }
      virDomainFree (redefined);
      delete_boot_volumes (data);
    }

  /* A Cancel during the last call still takes everything back: the
   * caller was told it would. */
  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    goto failed;

  if (virDomainGetUUIDString (domain, uuid) < 0)
    uuid[0] = '\0';
  virDomainFree (domain);
  if (volume != NULL)
    virStorageVolFree (volume);
  g_task_return_pointer (task, g_strdup (uuid), g_free);
  return;

failed:
  undo (domain, volume);
  delete_boot_volumes (data);
  if (domain != NULL)
    virDomainFree (domain);
  if (volume != NULL)
    virStorageVolFree (volume);
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_prefix_error (&error, _("Failed to create the guest “%s”: "), spec->name);
  g_task_return_error (task, g_steal_pointer (&error));
}

/* A Cancel that arrives after the worker's last check, while its result
 * is on its way to the main thread: the guest is taken back all the same,
 * in a second worker, and the caller hears "cancelled". */
static void
undo_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  CreateData *data = task_data;
  const char *uuid = g_object_get_data (G_OBJECT (task), "uuid");
  virDomainPtr domain = virDomainLookupByUUIDString (data->conn, uuid);
  virStorageVolPtr volume = NULL;

  if (data->created_volume != NULL)
    volume = virStorageVolLookupByPath (data->conn, data->created_volume);
  undo (domain, volume);
  delete_boot_volumes (data);
  if (domain != NULL)
    virDomainFree (domain);
  if (volume != NULL)
    virStorageVolFree (volume);
  g_task_return_boolean (task, TRUE);
}

static void
undo_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;

  g_task_return_new_error (outer, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s",
                           _("The creation was cancelled"));
}

static void
created_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  CreateData *data = g_task_get_task_data (outer);
  g_autoptr(GError) error = NULL;
  char *uuid = g_task_propagate_pointer (G_TASK (result), &error);

  if (uuid == NULL)
    g_task_return_error (outer, g_steal_pointer (&error));
  else if (data->cancellable != NULL && g_cancellable_is_cancelled (data->cancellable))
    {
      g_autoptr(GTask) undo_task = g_task_new (NULL, NULL, undo_done_cb, g_object_ref (outer));

      g_object_set_data_full (G_OBJECT (undo_task), "uuid", uuid, g_free);
      g_task_set_task_data (undo_task, data, NULL);
      g_task_run_in_thread (undo_task, undo_worker);
    }
  else
    g_task_return_pointer (outer, uuid, g_free);
}

static gboolean
pool_has_file_volumes (VdStoragePool *pool)
{
  static const char * const types[] = { "dir", "fs", "netfs", "gluster" };
  const char *type = vd_storage_pool_get_pool_type (pool);

  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_strcmp0 (type, types[i]) == 0)
      return TRUE;
  return FALSE;
}

/**
 * vd_connection_create_domain_async:
 * @spec: the guest; copied at once
 * @start: start the guest once defined (%FALSE for "customize before
 *   install"); a network install always starts (see the top of this file)
 * @progress: (nullable) (scope notified): called on the caller's main
 *   context as each step begins
 * @progress_destroy: (nullable): frees @progress_data once no call is
 *   pending
 *
 * In a worker: for a network install, downloads the tree's kernel and
 * initrd and uploads them as volumes; creates the new volume in
 * @spec->disk_pool when @spec asks for one (virStorageVolCreateXML),
 * defines the guest (virDomainDefineXML) and starts it when @start is set;
 * a network install's guest is started with its install configuration and
 * defined again at once with its final one (boot from the disk), and its
 * kernel and initrd volumes are deleted. When a step fails or @cancellable is
 * cancelled, what was made is removed again (never a volume that existed
 * before). The spec is validated first against the connection's guests:
 * an invalid one fails with %VD_ERROR_INVALID_ARGUMENT before libvirt.
 */
void
vd_connection_create_domain_async (VdConnection           *self,
                                   const VdInstallSpec    *spec,
                                   gboolean                start,
                                   VdCreateDomainProgress  progress,
                                   gpointer                progress_data,
                                   GDestroyNotify          progress_destroy,
                                   GCancellable           *cancellable,
                                   GAsyncReadyCallback     callback,
                                   gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  virConnectPtr conn;
  CreateData *data;

  g_return_if_fail (VD_IS_CONNECTION (self));
  g_return_if_fail (spec != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vd_connection_create_domain_async);
  /* The worker's verdict is final: it undoes what a Cancel interrupts. */
  g_task_set_check_cancellable (task, FALSE);

  data = g_new0 (CreateData, 1);
  data->spec = vd_install_spec_copy (spec);
  data->start = start;
  data->context = g_main_context_ref_thread_default ();
  g_set_object (&data->cancellable, cancellable);
  if (progress != NULL)
    {
      data->progress = g_new0 (Progress, 1);
      g_atomic_ref_count_init (&data->progress->ref_count);
      data->progress->func = progress;
      data->progress->data = progress_data;
      data->progress->destroy = progress_destroy;
    }
  else if (progress_destroy != NULL)
    progress_destroy (progress_data);
  conn = vd_connection_get_handle (self);
  if (conn != NULL)
    virConnectRef (conn);
  data->conn = conn;
  g_task_set_task_data (task, data, create_data_free);

  if (conn == NULL)
    {
      g_task_return_new_error (task, VD_ERROR, VD_ERROR_NOT_CONNECTED,
                               _("Failed to create the guest “%s”: the connection is not open"),
                               spec->name ? spec->name : "");
      return;
    }
  if (!vd_install_spec_validate (spec, vd_connection_get_domains (self), NULL, &error))
    {
      g_prefix_error (&error, _("Failed to create the guest “%s”: "), spec->name ? spec->name : "");
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* This process reads the ISO: it has to be a file here. */
  if (spec->method == VD_INSTALL_METHOD_MEDIA && spec->script != NULL &&
      !_vd_domain_storage_uri_is_local (vd_connection_get_uri (self)))
    {
      g_task_return_new_error (task, VD_ERROR, VD_ERROR_NOT_SUPPORTED,
                               _("Failed to create the guest “%s”: an unattended install from "
                                 "an ISO needs a connection to this computer (the ISO must be a "
                                 "file on this computer)"), spec->name ? spec->name : "");
      return;
    }

  if (spec->disk == VD_INSTALL_DISK_NEW)
    {
      VdStoragePool *pool = vd_connection_find_pool (self, spec->disk_pool);

      /* An unknown pool still goes to libvirt, which says so (and the
       * file-ness of its volumes is then moot). */
      data->volume_xml = vd_install_spec_to_volume_xml (spec, pool == NULL ||
                                                        pool_has_file_volumes (pool));
    }

  /* The worker answers an inner task; created_cb judges its result against
   * a Cancel that came too late for the worker to see. The data stays the
   * outer task's. */
  {
    g_autoptr(GTask) inner = g_task_new (NULL, NULL, created_cb, g_object_ref (task));

    g_task_set_task_data (inner, data, NULL);
    g_task_run_in_thread (inner, create_worker);
  }
}

/**
 * vd_connection_create_domain_finish:
 *
 * Returns: (transfer full): the new guest's UUID, or %NULL with @error set
 */
char *
vd_connection_create_domain_finish (VdConnection  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        vd_connection_create_domain_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ------------------------------------------------------------------ */
/* The host's CD drives                                                */
/* ------------------------------------------------------------------ */

static void
list_cd_drives_worker (GTask        *task,
                       gpointer      source_object,
                       gpointer      task_data,
                       GCancellable *cancellable)
{
  virConnectPtr conn = task_data;
  g_autoptr(GStrvBuilder) drives = g_strv_builder_new ();
  g_autoptr(GError) error = NULL;
  virNodeDevicePtr *devices = NULL;
  int n;

  /* Storage devices only where the driver can filter (the test driver
   * takes no flags). */
  n = virConnectListAllNodeDevices (conn, &devices, VIR_CONNECT_LIST_NODE_DEVICES_CAP_STORAGE);
  if (n < 0)
    n = virConnectListAllNodeDevices (conn, &devices, 0);
  if (n < 0)
    {
      vd_error_set_from_libvirt (&error, _("Unknown error"));
      g_prefix_error (&error, _("Failed to list the host’s CD drives: "));
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  for (int i = 0; i < n; i++)
    {
      char *text = virNodeDeviceGetXMLDesc (devices[i], 0);
      g_autoptr(VdXml) xml = text ? vd_xml_new (text) : NULL;
      g_autofree char *type = NULL;
      g_autofree char *block = NULL;

      free (text);
      virNodeDeviceFree (devices[i]);
      if (xml == NULL)
        continue;
      type = vd_xml_get_string (xml, "/device/capability[@type='storage']/drive_type");
      block = vd_xml_get_string (xml, "/device/capability[@type='storage']/block");
      if (g_strcmp0 (type, "cdrom") == 0 && block != NULL)
        g_strv_builder_add (drives, block);
    }
  free (devices);
  g_task_return_pointer (task, g_strv_builder_end (drives), (GDestroyNotify)g_strfreev);
}

/**
 * vd_connection_list_cd_drives_async:
 *
 * Lists the host's CD/DVD drives in a worker (the node devices whose
 * storage capability is a cdrom), for installing from a disc.
 */
void
vd_connection_list_cd_drives_async (VdConnection        *self,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  virConnectPtr conn;

  g_return_if_fail (VD_IS_CONNECTION (self));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vd_connection_list_cd_drives_async);
  conn = vd_connection_get_handle (self);
  if (conn == NULL)
    {
      g_task_return_new_error (task, VD_ERROR, VD_ERROR_NOT_CONNECTED, "%s",
                               _("Failed to list the host’s CD drives: the connection is not "
                                 "open"));
      return;
    }
  virConnectRef (conn);
  g_task_set_task_data (task, conn, (GDestroyNotify)virConnectClose);
  g_task_run_in_thread (task, list_cd_drives_worker);
}

/**
 * vd_connection_list_cd_drives_finish:
 *
 * Returns: (transfer full): the drives' device paths ("/dev/sr0"), maybe
 *   none, or %NULL with @error set
 */
GStrv
vd_connection_list_cd_drives_finish (VdConnection  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
