/* vd-new-vm-wizard-unattended.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-new-vm-wizard"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "vd-domain-storage.h"
#include "vd-install-script.h"
#include "vd-new-vm-wizard-private.h"

/*
 * The New VM wizard's unattended install, on its OS step: a switch, on
 * only for a network install, or an install from an ISO file this process
 * can read on a connection to this computer, of an OS libosinfo has an
 * install script for that its installer reads from the initrd (and, for
 * the ISO, whose install medium names a kernel and initrd); else the
 * reason beside it,
 * and the fields the script needs (a user, its password, the
 * administrator's password, a time zone), each judged as it is typed with
 * the message under it. At Finish the script is generated in a worker
 * (vd_install_script_generate_async()) with the guest's name as host name
 * and its disk bus's device as target, and put in the spec for the
 * creation to add to the initrd. The passwords stay in the entries and in
 * the spec's script only; the entries are emptied when the wizard goes.
 */

static OsinfoInstallScript *
find_script (VdNewVmWizard *self)
{
  return vd_install_script_find (self->os);
}

/* Why a local ISO install cannot be unattended, or NULL when it can. */
static const char *
media_unavailable_reason (VdNewVmWizard *self)
{
  const VdInstallSpec *spec = self->spec;
  g_autoptr(OsinfoMedia) media = NULL;

  if (self->connection != NULL &&
      !_vd_domain_storage_uri_is_local (vd_connection_get_uri (self->connection)))
    return _("An unattended install from an ISO needs a connection to this computer: the ISO "
             "must be a file on this computer.");
  /* A local file's metadata (no libvirt): cheap enough for the main loop. */
  if (spec->media_is_device || spec->media_path == NULL ||
      !g_path_is_absolute (spec->media_path) ||
      !g_file_test (spec->media_path, G_FILE_TEST_IS_REGULAR) ||
      g_access (spec->media_path, R_OK) != 0)
    return _("An unattended install from an ISO needs the ISO as a file on this computer that "
             "virt-desk can read (not a CD drive or a remote volume).");
  media = vd_install_script_find_media (self->os, spec->arch);
  if (media == NULL)
    return _("libosinfo names no install kernel and initrd on this OS’s ISO, which an "
             "unattended install needs.");
  return NULL;
}

/* The switch's sensitivity and the reason beside it. */
static gboolean
update_availability (VdNewVmWizard *self)
{
  g_autoptr(OsinfoInstallScript) script = find_script (self);
  VdInstallMethod method = self->spec->method;
  const char *media_reason = NULL;
  gboolean available;
  const char *reason;

  if (script != NULL && method == VD_INSTALL_METHOD_MEDIA)
    media_reason = media_unavailable_reason (self);
  available = script != NULL && (method == VD_INSTALL_METHOD_URL ||
                                 (method == VD_INSTALL_METHOD_MEDIA && media_reason == NULL));

  if (script == NULL)
    reason = _("libosinfo has no unattended install script for this OS.");
  else if (media_reason != NULL)
    reason = media_reason;
  else if (!available)
    reason = _("This OS’s unattended install needs a network install or an ISO file (the "
               "script goes into the installer’s initrd).");
  else
    reason = _("The installer sets the system up with these answers, without asking.");
  gtk_label_set_text (self->unattended_reason, reason);
  gtk_widget_set_sensitive (GTK_WIDGET (self->unattended_switch), available);
  if (!available && gtk_switch_get_active (self->unattended_switch))
    {
      gboolean syncing = self->syncing;

      /* Not heard as a change: this runs within the spec's sync. */
      self->syncing = TRUE;
      gtk_switch_set_active (self->unattended_switch, FALSE);
      self->syncing = syncing;
    }
  gtk_widget_set_visible (self->unattended_grid,
                          available && gtk_switch_get_active (self->unattended_switch));
  return available;
}

gboolean
_vd_new_vm_wizard_unattended_active (VdNewVmWizard *self)
{
  return update_availability (self) && gtk_switch_get_active (self->unattended_switch);
}

/* Called with the spec's sync: a script made for a Finish stays until the
 * switch goes off (the next Finish makes it again). */
void
_vd_new_vm_wizard_unattended_sync_spec (VdNewVmWizard *self)
{
  VdInstallSpec *spec = self->spec;

  if (!_vd_new_vm_wizard_unattended_active (self))
    {
      g_clear_pointer (&spec->script, vd_install_script_free);
      return;
    }
  /* A local ISO install: the kernel and initrd on the ISO, where the OS's
   * install medium has them. */
  if (spec->method == VD_INSTALL_METHOD_MEDIA)
    {
      g_autoptr(OsinfoMedia) media = vd_install_script_find_media (self->os, spec->arch);

      g_free (spec->tree_kernel);
      g_free (spec->tree_initrd);
      spec->tree_kernel = g_strdup (media ? osinfo_media_get_kernel_path (media) : NULL);
      spec->tree_initrd = g_strdup (media ? osinfo_media_get_initrd_path (media) : NULL);
    }
}

static gboolean
show (GtkLabel *label,
      char     *message)
{
  gtk_label_set_text (label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
  g_free (message);
  return !gtk_widget_get_visible (GTK_WIDGET (label));
}

gboolean
_vd_new_vm_wizard_unattended_valid (VdNewVmWizard *self)
{
  gboolean ok = TRUE;

  if (!_vd_new_vm_wizard_unattended_active (self))
    return TRUE;
  ok &= show (self->user_login_error,
              vd_install_script_check_login (gtk_entry_get_text (self->user_login_entry)));
  ok &= show (self->user_password_error,
              vd_install_script_check_password (gtk_entry_get_text (self->user_password_entry),
                                                gtk_entry_get_text (self->user_confirm_entry)));
  ok &= show (self->admin_password_error,
              vd_install_script_check_password (gtk_entry_get_text (self->admin_password_entry),
                                                gtk_entry_get_text (self->admin_confirm_entry)));
  ok &= show (self->timezone_error,
              vd_install_script_check_timezone (gtk_entry_get_text (self->timezone_entry)));
  return ok;
}

static void
generated_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(VdNewVmWizard) self = user_data;
  g_autoptr(GError) error = NULL;
  VdInstallScript *script = vd_install_script_generate_finish (result, &error);

  if (self->disposed)
    {
      vd_install_script_free (script);
      return;
    }
  if (script == NULL)
    {
      if (self->closing || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gtk_widget_destroy (GTK_WIDGET (self));
          return;
        }
      _vd_new_vm_wizard_show_error (self, error->message);
      return;
    }
  g_clear_pointer (&self->spec->script, vd_install_script_free);
  self->spec->script = script;
  _vd_new_vm_wizard_start_create (self);
}

/* At Finish: the script, then the creation. */
void
_vd_new_vm_wizard_unattended_generate (VdNewVmWizard *self)
{
  g_autoptr(VdInstallScriptConfig) config = vd_install_script_config_new ();
  const VdInstallSpec *spec = self->spec;
  g_autoptr(OsinfoMedia) media = NULL;

  config->user_login = g_strdup (gtk_entry_get_text (self->user_login_entry));
  config->user_realname = g_strstrip (g_strdup (gtk_entry_get_text (self->user_realname_entry)));
  config->user_password = g_strdup (gtk_entry_get_text (self->user_password_entry));
  config->admin_password = g_strdup (gtk_entry_get_text (self->admin_password_entry));
  config->timezone = g_strdup (gtk_entry_get_text (self->timezone_entry));
  config->language = vd_install_script_host_language ();
  config->hostname = g_strdup (spec->name);
  config->target_disk = g_strdup (vd_install_script_disk_for_bus (spec->disk_bus));
  config->installation_url = g_strdup (spec->url);

  gtk_label_set_text (self->progress_label, _("Making the unattended install script…"));
  if (spec->method == VD_INSTALL_METHOD_MEDIA)
    media = vd_install_script_find_media (self->os, spec->arch);
  vd_install_script_generate_for_media_async (self->os, media, config, self->create_cancellable,
                                              generated_cb, g_object_ref (self));
}

/* The wizard goes: the passwords leave the entries. */
void
_vd_new_vm_wizard_unattended_forget (VdNewVmWizard *self)
{
  GtkEntry *secrets[] = { self->user_password_entry, self->user_confirm_entry,
                          self->admin_password_entry, self->admin_confirm_entry };

  for (guint i = 0; i < G_N_ELEMENTS (secrets); i++)
    if (secrets[i] != NULL)
      gtk_entry_set_text (secrets[i], "");
  if (self->spec != NULL)
    g_clear_pointer (&self->spec->script, vd_install_script_free);
}

void
_vd_new_vm_wizard_unattended_init (VdNewVmWizard *self)
{
  g_autoptr(GtkListStore) store = gtk_list_store_new (1, G_TYPE_STRING);
  g_autoptr(GtkEntryCompletion) completion = gtk_entry_completion_new ();
  g_auto(GStrv) zones = vd_install_script_list_timezones ();
  g_autofree char *host = vd_install_script_host_timezone ();

  for (guint i = 0; zones[i] != NULL; i++)
    gtk_list_store_insert_with_values (store, NULL, -1, 0, zones[i], -1);
  gtk_entry_completion_set_model (completion, GTK_TREE_MODEL (store));
  gtk_entry_completion_set_text_column (completion, 0);
  gtk_entry_completion_set_minimum_key_length (completion, 2);
  gtk_entry_set_completion (self->timezone_entry, completion);
  gtk_entry_set_text (self->timezone_entry, host);
}

void
_vd_new_vm_wizard_unattended_bind (GtkWidgetClass *widget_class)
{
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, VdNewVmWizard, name)
  CHILD (unattended_switch);
  CHILD (unattended_reason);
  CHILD (unattended_grid);
  CHILD (user_login_entry);
  CHILD (user_realname_entry);
  CHILD (user_login_error);
  CHILD (user_password_entry);
  CHILD (user_confirm_entry);
  CHILD (user_password_error);
  CHILD (admin_password_entry);
  CHILD (admin_confirm_entry);
  CHILD (admin_password_error);
  CHILD (timezone_entry);
  CHILD (timezone_error);
#undef CHILD
}
