/* vd-install-script.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-install-script"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vd-error.h"
#include "vd-install-script.h"

/*
 * Unattended installs: libosinfo's install scripts (kickstart for Fedora
 * and RHEL, preseed for Debian and Ubuntu) that an installer can read from
 * its initrd, filled from what the New VM wizard asks (a user, its
 * password, the administrator's password, a time zone) and generated in a
 * worker with the kernel arguments that point the installer at the file.
 * The creation (vd-domain-create.c) appends the script to the downloaded
 * initrd as a cpio archive (vd-cpio.c).
 *
 * The passwords are secrets: they are never logged, and the buffers this
 * file owns are zeroed before they are freed. libosinfo's own copies (its
 * install config's parameters) are out of reach.
 */

#define ZONEINFO_DIR "/usr/share/zoneinfo"

/**
 * vd_install_script_clear_secret:
 * @secret: (nullable): a string to forget
 *
 * Overwrites @secret with zeros and frees it.
 */
void
vd_install_script_clear_secret (char *secret)
{
  if (secret == NULL)
    return;
  /* explicit_bzero: a memset before free() may be optimized away. */
  explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

VdInstallScriptConfig *
vd_install_script_config_new (void)
{
  return g_new0 (VdInstallScriptConfig, 1);
}

VdInstallScriptConfig *
vd_install_script_config_copy (const VdInstallScriptConfig *config)
{
  VdInstallScriptConfig *copy;

  if (config == NULL)
    return NULL;
  copy = vd_install_script_config_new ();
  copy->user_login = g_strdup (config->user_login);
  copy->user_realname = g_strdup (config->user_realname);
  copy->user_password = g_strdup (config->user_password);
  copy->admin_password = g_strdup (config->admin_password);
  copy->timezone = g_strdup (config->timezone);
  copy->language = g_strdup (config->language);
  copy->hostname = g_strdup (config->hostname);
  copy->target_disk = g_strdup (config->target_disk);
  copy->installation_url = g_strdup (config->installation_url);
  return copy;
}

void
vd_install_script_config_free (VdInstallScriptConfig *config)
{
  if (config == NULL)
    return;
  g_free (config->user_login);
  g_free (config->user_realname);
  vd_install_script_clear_secret (config->user_password);
  vd_install_script_clear_secret (config->admin_password);
  g_free (config->timezone);
  g_free (config->language);
  g_free (config->hostname);
  g_free (config->target_disk);
  g_free (config->installation_url);
  g_free (config);
}

VdInstallScript *
vd_install_script_copy (const VdInstallScript *script)
{
  VdInstallScript *copy;

  if (script == NULL)
    return NULL;
  copy = g_new0 (VdInstallScript, 1);
  copy->filename = g_strdup (script->filename);
  copy->text = g_strdup (script->text);
  copy->cmdline = g_strdup (script->cmdline);
  return copy;
}

void
vd_install_script_free (VdInstallScript *script)
{
  if (script == NULL)
    return;
  g_free (script->filename);
  vd_install_script_clear_secret (script->text);
  g_free (script->cmdline);
  g_free (script);
}

/**
 * vd_install_script_find:
 * @os: (nullable): an OS of libosinfo's database
 *
 * Finds the install script of @os an installer can read from its initrd,
 * the "jeos" (server) profile before the "desktop" one.
 *
 * Returns: (transfer full) (nullable): the script, or %NULL when libosinfo
 *   has none for @os that supports initrd injection
 */
OsinfoInstallScript *
vd_install_script_find (OsinfoOs *os)
{
  g_autoptr(OsinfoInstallScriptList) list = NULL;
  OsinfoInstallScript *found = NULL;
  guint n;

  if (os == NULL)
    return NULL;
  list = osinfo_os_get_install_script_list (os);
  n = osinfo_list_get_length (OSINFO_LIST (list));
  for (guint i = 0; i < n; i++)
    {
      OsinfoInstallScript *script =
        OSINFO_INSTALL_SCRIPT (osinfo_list_get_nth (OSINFO_LIST (list), i));

      if ((osinfo_install_script_get_injection_methods (script) &
           OSINFO_INSTALL_SCRIPT_INJECTION_METHOD_INITRD) == 0)
        continue;
      if (found == NULL ||
          g_strcmp0 (osinfo_install_script_get_profile (script),
                     OSINFO_INSTALL_SCRIPT_PROFILE_JEOS) == 0)
        found = script;
    }
  return found != NULL ? g_object_ref (found) : NULL;
}

/**
 * vd_install_script_find_media:
 * @os: (nullable): an OS of libosinfo's database
 * @arch: (nullable): the guest's architecture ("x86_64")
 *
 * The installer medium a local ISO install of @os extracts its kernel and
 * initrd from: the first installer medium of @os for @arch (or for all
 * architectures) that takes install scripts and whose kernel and initrd
 * paths libosinfo knows (not a live medium).
 *
 * Returns: (transfer full) (nullable): the medium, or %NULL for none
 */
OsinfoMedia *
vd_install_script_find_media (OsinfoOs   *os,
                              const char *arch)
{
  g_autoptr(OsinfoMediaList) list = NULL;
  guint n;

  if (os == NULL)
    return NULL;
  list = osinfo_os_get_media_list (os);
  n = osinfo_list_get_length (OSINFO_LIST (list));
  for (guint i = 0; i < n; i++)
    {
      OsinfoMedia *media = OSINFO_MEDIA (osinfo_list_get_nth (OSINFO_LIST (list), i));
      const char *media_arch = osinfo_media_get_architecture (media);

      if (!osinfo_media_get_installer (media) ||
          !osinfo_media_supports_installer_script (media) ||
          osinfo_media_get_kernel_path (media) == NULL ||
          osinfo_media_get_initrd_path (media) == NULL)
        continue;
      if (arch != NULL && media_arch != NULL && g_strcmp0 (media_arch, "all") != 0 &&
          g_strcmp0 (media_arch, arch) != 0)
        continue;
      return g_object_ref (media);
    }
  return NULL;
}

/**
 * vd_install_script_media_cmdline:
 * @cmdline: (nullable): the script's kernel arguments for a medium
 * @volume_id: (nullable): the ISO's volume id
 *
 * A kickstart ("inst.ks=") install booted from the ISO's kernel directly
 * (not through the CD's boot loader, which would name it) has to be told
 * where its installer image is: "inst.stage2=hd:LABEL=<volume id>" is
 * added (spaces written "\x20", as the CD's own boot menu does) unless
 * @cmdline names a stage 2 or a repository already.
 *
 * Returns: (transfer full): the command line
 */
char *
vd_install_script_media_cmdline (const char *cmdline,
                                 const char *volume_id)
{
  g_auto(GStrv) words = g_strsplit (cmdline != NULL ? cmdline : "", " ", -1);
  gboolean kickstart = FALSE;
  GString *result;

  for (guint i = 0; words[i] != NULL; i++)
    {
      if (g_str_has_prefix (words[i], "inst.ks="))
        kickstart = TRUE;
      if (g_str_has_prefix (words[i], "inst.stage2=") || g_str_has_prefix (words[i], "inst.repo="))
        return g_strdup (cmdline);
    }
  result = g_string_new (cmdline);
  if (kickstart && volume_id != NULL && *volume_id != '\0')
    {
      if (result->len > 0)
        g_string_append_c (result, ' ');
      g_string_append (result, "inst.stage2=hd:LABEL=");
      for (const char *p = volume_id; *p != '\0'; p++)
        {
          if (*p == ' ')
            g_string_append (result, "\\x20");
          else
            g_string_append_c (result, *p);
        }
    }
  return g_string_free (result, FALSE);
}

/**
 * vd_install_script_check_login:
 *
 * Returns: (transfer full) (nullable): why @login cannot be the new user's
 *   login name, or %NULL when it can
 */
char *
vd_install_script_check_login (const char *login)
{
  static const char * const reserved[] = { "root", "bin", "daemon", "adm", "nobody", NULL };

  if (login == NULL || *login == '\0')
    return g_strdup (_("Enter the user’s login name."));
  if (strlen (login) > 32)
    return g_strdup (_("The login name can have at most 32 characters."));
  /* The rule of useradd's default NAME_REGEX. */
  if (!((*login >= 'a' && *login <= 'z') || *login == '_'))
    return g_strdup (_("The login name must start with a lowercase letter or “_”."));
  for (const char *p = login; *p != '\0'; p++)
    if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_' || *p == '-'))
      return g_strdup (_("The login name can only have lowercase letters, digits, “_” and "
                         "“-”."));
  if (g_strv_contains (reserved, login))
    /* translators: %s is a login name such as "root" */
    return g_strdup_printf (_("“%s” is a system account: choose another login name."), login);
  return NULL;
}

/**
 * vd_install_script_check_password:
 * @password: (nullable): a password as typed
 * @confirmation: (nullable): the same typed again
 *
 * Returns: (transfer full) (nullable): why @password cannot be used, or
 *   %NULL when it can
 */
char *
vd_install_script_check_password (const char *password,
                                  const char *confirmation)
{
  if (password == NULL || *password == '\0')
    return g_strdup (_("Enter a password."));
  /* The scripts quote the password in single quotes (kickstart) or put it
   * on one line (preseed): such characters would break them. */
  for (const char *p = password; *p != '\0'; p++)
    if (*p == '\'' || *p == '\\' || g_ascii_iscntrl (*p))
      return g_strdup (_("The password cannot contain ', \\ or control characters."));
  if (g_strcmp0 (password, confirmation) != 0)
    return g_strdup (_("The two passwords are not the same."));
  return NULL;
}

static void
add_zones_from (GHashTable *zones,
                const char *tab)
{
  g_autofree char *path = g_build_filename (ZONEINFO_DIR, tab, NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return;
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = NULL;

      if (lines[i][0] == '#' || lines[i][0] == '\0')
        continue;
      /* country code(s), coordinates, zone, comment */
      fields = g_strsplit (lines[i], "\t", 4);
      if (g_strv_length (fields) >= 3 && *fields[2] != '\0')
        g_hash_table_add (zones, g_strdup (fields[2]));
    }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *)a, *(const char * const *)b);
}

static GStrv
read_timezones (void)
{
  g_autoptr(GHashTable) zones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) sorted = NULL;
  GHashTableIter iter;
  gpointer key;

  add_zones_from (zones, "zone1970.tab");
  add_zones_from (zones, "zone.tab");
  g_hash_table_add (zones, g_strdup ("UTC"));

  sorted = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, zones);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      g_ptr_array_add (sorted, key);
      g_hash_table_iter_steal (&iter);
    }
  g_ptr_array_sort (sorted, compare_strings);
  g_ptr_array_add (sorted, NULL);
  return (GStrv)g_ptr_array_free (g_steal_pointer (&sorted), FALSE);
}

/* The host's list, read once (each field check asks for it). */
static const char * const *
timezones (void)
{
  static GStrv zones;

  if (g_once_init_enter (&zones))
    g_once_init_leave (&zones, read_timezones ());
  return (const char * const *)zones;
}

/**
 * vd_install_script_list_timezones:
 *
 * The host's time zones (/usr/share/zoneinfo's zone1970.tab and zone.tab,
 * and "UTC"), read the first time they are asked for.
 *
 * Returns: (transfer full): the zones, sorted
 */
GStrv
vd_install_script_list_timezones (void)
{
  return g_strdupv ((GStrv)timezones ());
}

/**
 * vd_install_script_check_timezone:
 *
 * Returns: (transfer full) (nullable): why @timezone is not one of the
 *   host's time zones, or %NULL when it is
 */
char *
vd_install_script_check_timezone (const char *timezone)
{
  if (timezone == NULL || *timezone == '\0')
    return g_strdup (_("Enter a time zone, such as “Europe/Berlin” or “UTC”."));
  if (!g_strv_contains (timezones (), timezone))
    /* translators: %s is what the user typed as a time zone */
    return g_strdup_printf (_("“%s” is not a time zone this host knows, such as "
                              "“Europe/Berlin” or “UTC”."), timezone);
  return NULL;
}

/**
 * vd_install_script_host_timezone:
 *
 * Returns: (transfer full): the host's own time zone when it is in the
 *   list of vd_install_script_list_timezones(), else "UTC"
 */
char *
vd_install_script_host_timezone (void)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  const char *id = g_time_zone_get_identifier (local);

  /* /etc/localtime as a path ("/usr/share/zoneinfo/Europe/Berlin"). */
  if (id != NULL && g_str_has_prefix (id, ZONEINFO_DIR "/"))
    id += strlen (ZONEINFO_DIR "/");
  if (id != NULL && g_strv_contains (timezones (), id))
    return g_strdup (id);
  return g_strdup ("UTC");
}

/**
 * vd_install_script_host_language:
 *
 * Returns: (transfer full): the language of this session's locale as the
 *   install scripts take it ("zh_CN"), "en_US" for the C locale
 */
char *
vd_install_script_host_language (void)
{
  const char * const *names = g_get_language_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *name = names[i];
      gsize length = strcspn (name, ".@");

      /* The first full "ll_CC" name. */
      if (length == 5 && name[2] == '_')
        return g_strndup (name, length);
    }
  return g_strdup ("en_US");
}

/**
 * vd_install_script_disk_for_bus:
 * @bus: (nullable): the guest's disk bus ("virtio", "sata", "scsi")
 *
 * Returns: the device the installer sees the guest's first disk as
 */
const char *
vd_install_script_disk_for_bus (const char *bus)
{
  if (g_strcmp0 (bus, "virtio") == 0)
    return "/dev/vda";
  /* libata (sata, ide) and SCSI disks are sdX for today's kernels. */
  return "/dev/sda";
}

static OsinfoInstallConfig *
make_config (const VdInstallScriptConfig *config)
{
  OsinfoInstallConfig *osinfo = osinfo_install_config_new ("http://virt-desk.example/config");

  if (config->user_login != NULL)
    osinfo_install_config_set_user_login (osinfo, config->user_login);
  osinfo_install_config_set_user_realname (osinfo, config->user_realname != NULL &&
                                                   *config->user_realname != '\0'
                                                     ? config->user_realname
                                                     : config->user_login);
  if (config->user_password != NULL)
    osinfo_install_config_set_user_password (osinfo, config->user_password);
  if (config->admin_password != NULL)
    osinfo_install_config_set_admin_password (osinfo, config->admin_password);
  if (config->timezone != NULL)
    osinfo_install_config_set_l10n_timezone (osinfo, config->timezone);
  if (config->language != NULL)
    osinfo_install_config_set_l10n_language (osinfo, config->language);
  if (config->hostname != NULL)
    osinfo_install_config_set_hostname (osinfo, config->hostname);
  if (config->target_disk != NULL)
    osinfo_install_config_set_target_disk (osinfo, config->target_disk);
  if (config->installation_url != NULL)
    osinfo_install_config_set_installation_url (osinfo, config->installation_url);
  return osinfo;
}

/**
 * vd_install_script_generate:
 * @os: the OS to install
 * @config: what the script is to set up
 *
 * Generates @os's install script for initrd injection (blocking: libosinfo
 * runs a main loop of its own; for a worker thread).
 *
 * Returns: (transfer full): the script, its file name and kernel
 *   arguments, or %NULL with @error set (%VD_ERROR_NOT_SUPPORTED when
 *   libosinfo has no such script for @os)
 */
VdInstallScript *
vd_install_script_generate (OsinfoOs                    *os,
                            const VdInstallScriptConfig *config,
                            GCancellable                *cancellable,
                            GError                     **error)
{
  return vd_install_script_generate_for_media (os, NULL, config, cancellable, error);
}

/**
 * vd_install_script_generate_for_media:
 * @os: the OS to install
 * @media: (nullable): the installer medium it is installed from (a local
 *   ISO install: the script then reads the packages from the CD), or
 *   %NULL for a network install
 * @config: what the script is to set up
 *
 * Like vd_install_script_generate(), with libosinfo's media variants
 * (osinfo_install_script_generate_for_media(),
 * osinfo_install_script_generate_command_line_for_media()) when @media is
 * set.
 *
 * Returns: (transfer full): the script, or %NULL with @error set
 */
VdInstallScript *
vd_install_script_generate_for_media (OsinfoOs                    *os,
                                      OsinfoMedia                 *media,
                                      const VdInstallScriptConfig *config,
                                      GCancellable                *cancellable,
                                      GError                     **error)
{
  g_autoptr(OsinfoInstallScript) script = NULL;
  g_autoptr(OsinfoInstallConfig) osinfo = NULL;
  g_autoptr(GMainContext) context = NULL;
  g_autoptr(VdInstallScript) result = NULL;
  g_autoptr(GError) local_error = NULL;
  char *text;

  g_return_val_if_fail (OSINFO_IS_OS (os), NULL);
  g_return_val_if_fail (media == NULL || OSINFO_IS_MEDIA (media), NULL);
  g_return_val_if_fail (config != NULL, NULL);

  script = vd_install_script_find (os);
  if (script == NULL)
    {
      /* translators: %s is an OS ("Debian 11") */
      g_set_error (error, VD_ERROR, VD_ERROR_NOT_SUPPORTED,
                   _("libosinfo has no unattended install script for %s."),
                   osinfo_product_get_name (OSINFO_PRODUCT (os)));
      return NULL;
    }
  osinfo_install_script_set_preferred_injection_method (script,
                                                        OSINFO_INSTALL_SCRIPT_INJECTION_METHOD_INITRD);
  osinfo = make_config (config);

  /* The blocking call runs a main loop on the thread-default context:
   * this thread's own, never the GTK thread's. */
  context = g_main_context_new ();
  g_main_context_push_thread_default (context);
  if (media != NULL)
    text = osinfo_install_script_generate_for_media (script, media, osinfo, cancellable,
                                                     &local_error);
  else
    text = osinfo_install_script_generate (script, os, osinfo, cancellable, &local_error);
  g_main_context_pop_thread_default (context);
  if (text == NULL)
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        /* translators: followed by libosinfo's reason */
        g_set_error (error, VD_ERROR, VD_ERROR_FAILED,
                     _("The unattended install script could not be made: %s"),
                     local_error != NULL ? local_error->message : _("Unknown error"));
      return NULL;
    }

  result = g_new0 (VdInstallScript, 1);
  result->text = text;
  result->filename = g_strdup (osinfo_install_script_get_expected_filename (script));
  if (media != NULL)
    result->cmdline = osinfo_install_script_generate_command_line_for_media (script, media,
                                                                            osinfo);
  else
    result->cmdline = osinfo_install_script_generate_command_line (script, os, osinfo);
  if (result->cmdline != NULL)
    g_strstrip (result->cmdline);
  if (result->filename == NULL || *result->filename == '\0')
    {
      g_set_error_literal (error, VD_ERROR, VD_ERROR_FAILED,
                           _("The unattended install script has no file name to give the "
                             "installer."));
      return NULL;
    }
  return g_steal_pointer (&result);
}

typedef struct
{
  OsinfoOs              *os;
  OsinfoMedia           *media;
  VdInstallScriptConfig *config;
} GenerateData;

static void
generate_data_free (gpointer user_data)
{
  GenerateData *data = user_data;

  g_clear_object (&data->os);
  g_clear_object (&data->media);
  vd_install_script_config_free (data->config);
  g_free (data);
}

static void
generate_worker (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GenerateData *data = task_data;
  GError *error = NULL;
  VdInstallScript *script = vd_install_script_generate_for_media (data->os, data->media,
                                                                  data->config, cancellable,
                                                                  &error);

  if (script == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, script, (GDestroyNotify)vd_install_script_free);
}

/**
 * vd_install_script_generate_async:
 * @os: the OS to install
 * @config: what the script sets up; copied at once
 *
 * Runs vd_install_script_generate() in a worker.
 */
void
vd_install_script_generate_async (OsinfoOs                    *os,
                                  const VdInstallScriptConfig *config,
                                  GCancellable                *cancellable,
                                  GAsyncReadyCallback          callback,
                                  gpointer                     user_data)
{
  vd_install_script_generate_for_media_async (os, NULL, config, cancellable, callback,
                                              user_data);
}

/**
 * vd_install_script_generate_for_media_async:
 * @os: the OS to install
 * @media: (nullable): its installer medium (a local ISO install)
 * @config: what the script sets up; copied at once
 *
 * Runs vd_install_script_generate_for_media() in a worker; finish with
 * vd_install_script_generate_finish().
 */
void
vd_install_script_generate_for_media_async (OsinfoOs                    *os,
                                            OsinfoMedia                 *media,
                                            const VdInstallScriptConfig *config,
                                            GCancellable                *cancellable,
                                            GAsyncReadyCallback          callback,
                                            gpointer                     user_data)
{
  g_autoptr(GTask) task = NULL;
  GenerateData *data;

  g_return_if_fail (OSINFO_IS_OS (os));
  g_return_if_fail (media == NULL || OSINFO_IS_MEDIA (media));
  g_return_if_fail (config != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, vd_install_script_generate_async);
  data = g_new0 (GenerateData, 1);
  data->os = g_object_ref (os);
  data->media = media != NULL ? g_object_ref (media) : NULL;
  data->config = vd_install_script_config_copy (config);
  g_task_set_task_data (task, data, generate_data_free);
  g_task_run_in_thread (task, generate_worker);
}

/**
 * vd_install_script_generate_finish:
 *
 * Returns: (transfer full): the script, or %NULL with @error set
 */
VdInstallScript *
vd_install_script_generate_finish (GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
