/* vd-install-script.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <osinfo/osinfo.h>

G_BEGIN_DECLS

/**
 * VdInstallScriptConfig:
 * @user_login: the first user's login name
 * @user_realname: (nullable): its full name
 * @user_password: its password (secret: zeroed when freed)
 * @admin_password: the administrator's (root's) password (secret)
 * @timezone: a time zone of the host's list ("Europe/Berlin")
 * @language: the installed system's language ("en_US")
 * @hostname: the guest's host name (the guest's name)
 * @target_disk: the disk to install to ("/dev/vda")
 * @installation_url: (nullable): the network install tree
 *
 * What an unattended install asks of libosinfo's install script.
 */
typedef struct
{
  char *user_login;
  char *user_realname;
  char *user_password;
  char *admin_password;
  char *timezone;
  char *language;
  char *hostname;
  char *target_disk;
  char *installation_url;
} VdInstallScriptConfig;

/**
 * VdInstallScript:
 * @filename: the name the installer looks for ("fedora.ks")
 * @text: the script (secret: it holds the passwords; zeroed when freed)
 * @cmdline: (nullable): the kernel arguments that make the installer
 *   read it from the initrd ("inst.ks=file:/fedora.ks")
 *
 * A generated install script, to be put into a network install's initrd.
 */
typedef struct
{
  char *filename;
  char *text;
  char *cmdline;
} VdInstallScript;

VdInstallScriptConfig *vd_install_script_config_new    (void);
VdInstallScriptConfig *vd_install_script_config_copy   (const VdInstallScriptConfig *config);
void                   vd_install_script_config_free   (VdInstallScriptConfig       *config);
void                   vd_install_script_free          (VdInstallScript             *script);
VdInstallScript       *vd_install_script_copy          (const VdInstallScript       *script);
void                   vd_install_script_clear_secret  (char                        *secret);

OsinfoInstallScript   *vd_install_script_find          (OsinfoOs                    *os);
OsinfoMedia           *vd_install_script_find_media    (OsinfoOs                    *os,
                                                        const char                  *arch);
char                  *vd_install_script_media_cmdline (const char                  *cmdline,
                                                        const char                  *volume_id);
char                  *vd_install_script_check_login   (const char                  *login);
char                  *vd_install_script_check_password (const char                 *password,
                                                         const char                 *confirmation);
char                  *vd_install_script_check_timezone (const char                 *timezone);
GStrv                  vd_install_script_list_timezones (void);
char                  *vd_install_script_host_timezone  (void);
char                  *vd_install_script_host_language  (void);
const char            *vd_install_script_disk_for_bus   (const char                 *bus);

VdInstallScript       *vd_install_script_generate       (OsinfoOs                    *os,
                                                         const VdInstallScriptConfig *config,
                                                         GCancellable                *cancellable,
                                                         GError                     **error);
VdInstallScript       *vd_install_script_generate_for_media (OsinfoOs                *os,
                                                             OsinfoMedia             *media,
                                                             const VdInstallScriptConfig *config,
                                                             GCancellable            *cancellable,
                                                             GError                 **error);
void                   vd_install_script_generate_for_media_async (OsinfoOs          *os,
                                                                   OsinfoMedia       *media,
                                                                   const VdInstallScriptConfig *config,
                                                                   GCancellable      *cancellable,
                                                                   GAsyncReadyCallback callback,
                                                                   gpointer           user_data);
void                   vd_install_script_generate_async (OsinfoOs                    *os,
                                                         const VdInstallScriptConfig *config,
                                                         GCancellable                *cancellable,
                                                         GAsyncReadyCallback          callback,
                                                         gpointer                     user_data);
VdInstallScript       *vd_install_script_generate_finish (GAsyncResult               *result,
                                                          GError                    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VdInstallScriptConfig, vd_install_script_config_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VdInstallScript, vd_install_script_free)

G_END_DECLS
