/* vd-hardware-page-overview.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-hardware-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vd-connection.h"
#include "vd-domain-caps.h"
#include "vd-domain-editor-guest.h"
#include "vd-domain-live.h"
#include "vd-error.h"
#include "vd-hardware-page-overview.h"
#include "vd-xml.h"

/*
 * Overview: who the guest is (name, UUID, state, and the hypervisor,
 * architecture, machine type and emulator its XML names: read-only), its
 * title and description, and what libvirt does when it powers off, reboots
 * or crashes.
 *
 * Renaming is not an edit of the XML: the Rename button calls
 * vd_domain_rename_async() at once (virDomainRename in a worker), for a
 * shut-off guest only, with a new name that is not empty, has only allowed
 * characters and is not taken by another guest of the connection (its
 * cached guest list). The window's title and the manager's row follow the
 * guest's name; the window reads the configuration again.
 *
 * Firmware: BIOS, or UEFI selected by libvirt, with Secure Boot where the
 * host's domain capabilities say its UEFI firmware can do it (else the box
 * is off with the reason). Leaving UEFI, or changing Secure Boot, on a
 * guest with an NVRAM file says what becomes of it before Apply.
 *
 * Facts of the running guest, read-only and never part of Apply: its ID,
 * OS type, current vCPUs and memory, CPU time and persistence follow the
 * VdDomain's properties (CPU time as of its last refresh, which loading the
 * page asks for, as does showing it); the security labels come from the
 * live XML, read in a worker at every load, each time the page is shown and
 * whenever the guest starts or stops.
 */

struct _VdHardwarePageOverview
{
  VdHardwarePage  parent_instance;

  /* Template widgets */
  GtkLabel       *name_label;
  GtkLabel       *uuid_label;
  GtkLabel       *state_label;
  GtkLabel       *hypervisor_label;
  GtkLabel       *arch_label;
  GtkLabel       *machine_label;
  GtkLabel       *emulator_label;
  GtkLabel       *id_label;
  GtkLabel       *os_type_label;
  GtkLabel       *vcpus_label;
  GtkLabel       *memory_label;
  GtkLabel       *cpu_time_label;
  GtkLabel       *persistent_label;
  GtkLabel       *security_label;
  GtkEntry       *title_entry;
  GtkLabel       *title_message;
  GtkTextView    *description_view;
  GtkLabel       *description_message;
  GtkComboBox    *poweroff_combo;
  GtkComboBox    *reboot_combo;
  GtkComboBox    *crash_combo;
  GtkLabel       *lifecycle_message;
  GtkEntry       *rename_entry;
  GtkButton      *rename_button;
  GtkLabel       *rename_message;
  GtkComboBox    *firmware_combo;
  GtkToggleButton *secure_check;
  GtkLabel       *secure_reason;
  GtkLabel       *firmware_message;
  GtkLabel       *nvram_warning;

  /* Owned references */
  GBinding       *state_binding;
  GCancellable   *cancellable;
  GCancellable   *live_cancellable; /* the running live-XML read */
  VdDomainCaps   *caps;            /* NULL until read */
  char           *loaded_firmware;
  char           *nvram;           /* the loaded guest's NVRAM file, if named */
  gboolean        loaded_secure;
  gboolean        manual_firmware;
  gboolean        renaming;
};

G_DEFINE_FINAL_TYPE (VdHardwarePageOverview, vd_hardware_page_overview,
                     VD_TYPE_HARDWARE_PAGE)

static const struct {
  const char *id;
  const char *label;
  gboolean    crash_only;
} actions[] = {
  /* translators: what libvirt does when the guest powers off, reboots or
   * crashes (libvirt's "destroy") */
  { "destroy", N_("Stop the guest"), FALSE },
  /* translators: libvirt's "restart" lifecycle action */
  { "restart", N_("Start the guest again"), FALSE },
  /* translators: libvirt's "rename-restart": the old guest is kept under a
   * new name and a new one starts */
  { "rename-restart", N_("Start again under a new name"), FALSE },
  /* translators: libvirt's "preserve": the stopped guest's resources are
   * kept for inspection */
  { "preserve", N_("Keep it stopped for inspection"), FALSE },
  /* translators: libvirt's "coredump-destroy" */
  { "coredump-destroy", N_("Save a memory dump, then stop"), TRUE },
  /* translators: libvirt's "coredump-restart" */
  { "coredump-restart", N_("Save a memory dump, then start again"), TRUE },
};

static void
set_value (GtkLabel   *label,
           const char *text)
{
  gtk_label_set_text (label, text != NULL && text[0] != '\0' ? text : "—");
}

static void
fill_actions (GtkComboBox *combo,
              gboolean     crash)
{
  gtk_combo_box_text_remove_all (GTK_COMBO_BOX_TEXT (combo));
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    if (crash || !actions[i].crash_only)
      gtk_combo_box_text_append (GTK_COMBO_BOX_TEXT (combo), actions[i].id, _(actions[i].label));
}

static void
load_action (GtkComboBox    *combo,
             VdDomainEditor *editor,
             const char     *event)
{
  g_autofree char *action = vd_domain_editor_get_lifecycle (editor, event);

  fill_actions (combo, g_str_equal (event, "crash"));
  if (action != NULL && !gtk_combo_box_set_active_id (combo, action))
    {
      /* An action this version does not name: shown as libvirt writes it. */
      gtk_combo_box_text_append (GTK_COMBO_BOX_TEXT (combo), action, action);
      gtk_combo_box_set_active_id (combo, action);
    }
}

static char *
get_description (VdHardwarePageOverview *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->description_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Rename */

static const char *
current_name (VdHardwarePageOverview *self)
{
  VdDomain *domain = vd_hardware_page_get_domain (VD_HARDWARE_PAGE (self));

  return domain != NULL ? vd_domain_get_name (domain) : NULL;
}

/* Why @name cannot be the guest's new name, or NULL when it can. */
static char *
check_new_name (VdHardwarePageOverview *self,
                const char             *name)
{
  VdDomain *domain = vd_hardware_page_get_domain (VD_HARDWARE_PAGE (self));
  VdConnection *connection = domain != NULL ? vd_domain_get_connection (domain) : NULL;
  VdDomain *other;

  if (name[0] == '\0')
    return g_strdup (_("Type the guest’s new name"));
  for (const char *p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isalnum (c) && strchr ("-_.+:@", (int)c) == NULL)
        return g_strdup (_("A name may have letters, digits and - _ . + : @, "
                           "no spaces or other signs"));
    }
  if (connection == NULL)
    return g_strdup (_("The guest is no longer on an open connection"));
  other = vd_connection_find_domain_by_name (connection, name);
  if (other != NULL && other != domain)
    return g_strdup_printf (_("Another guest on this connection is called “%s”"), name);

  return NULL;
}

static void
update_rename (VdHardwarePageOverview *self)
{
  VdDomain *domain = vd_hardware_page_get_domain (VD_HARDWARE_PAGE (self));
  const char *text = gtk_entry_get_text (self->rename_entry);
  g_autofree char *problem = NULL;
  /* Edits on this page are XML with the old name: applied after a rename
   * they would define another guest's name, so they go first. */
  gboolean edited = vd_hardware_page_get_dirty (VD_HARDWARE_PAGE (self));
  gboolean can = domain != NULL && vd_domain_get_can_rename (domain) && !self->renaming &&
                 !edited;

  gtk_widget_set_sensitive (GTK_WIDGET (self->rename_entry), can);
  if (domain != NULL && !self->renaming && !vd_domain_get_can_rename (domain))
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->rename_entry),
                                 _("Only a guest that is shut off can be renamed"));
  else if (edited)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->rename_entry),
                                 _("Apply or revert the changes on this page first"));
  else
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->rename_entry), NULL);

  /* An empty entry is no request: no message until something is typed. */
  if (text[0] != '\0' && g_strcmp0 (text, current_name (self)) != 0)
    problem = check_new_name (self, text);
  if (!self->renaming)
    vd_hardware_page_set_field_message (self->rename_message, problem);
  gtk_widget_set_sensitive (GTK_WIDGET (self->rename_button),
                            can && text[0] != '\0' && problem == NULL &&
                            g_strcmp0 (text, current_name (self)) != 0);
}

static void
rename_changed_cb (VdHardwarePageOverview *self)
{
  update_rename (self);
}

static void
rename_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(VdHardwarePageOverview) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = vd_domain_rename_finish (VD_DOMAIN (object), result, &error);

  if (g_cancellable_is_cancelled (self->cancellable) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->renaming = FALSE;
  if (ok)
    {
      gtk_entry_set_text (self->rename_entry, "");
      set_value (self->name_label, vd_domain_get_name (VD_DOMAIN (object)));
    }
  update_rename (self);
  if (!ok)
    vd_hardware_page_set_field_message (self->rename_message, error->message);
}

static void
rename_clicked_cb (VdHardwarePageOverview *self)
{
  VdDomain *domain = vd_hardware_page_get_domain (VD_HARDWARE_PAGE (self));

  if (domain == NULL || !gtk_widget_get_sensitive (GTK_WIDGET (self->rename_button)))
    return;
  self->renaming = TRUE;
  vd_hardware_page_set_field_message (self->rename_message, NULL);
  update_rename (self);
  vd_domain_rename_async (domain, gtk_entry_get_text (self->rename_entry), self->cancellable,
                          rename_done_cb, g_object_ref (self));
}

/* Firmware */

static void
update_firmware (VdHardwarePageOverview *self)
{
  const char *firmware = gtk_combo_box_get_active_id (self->firmware_combo);
  gboolean efi = g_strcmp0 (firmware, "efi") == 0;
  gboolean secure = gtk_toggle_button_get_active (self->secure_check);
  g_autofree char *reason = NULL;
  g_autofree char *warning = NULL;
  gboolean offered = FALSE;

  if (!efi)
    reason = g_strdup (_("Secure Boot needs UEFI firmware."));
  else if (self->manual_firmware)
    reason = g_strdup (_("This guest names its UEFI loader itself: change Secure Boot in the "
                         "XML tab."));
  else if (self->caps == NULL)
    reason = g_strdup (_("Asking the host whether its UEFI firmware can do Secure Boot…"));
  else if (!self->caps->known)
    reason = g_strdup_printf (_("The host does not say whether its UEFI firmware can do Secure "
                                "Boot (%s)."),
                              self->caps->reason != NULL ? self->caps->reason : _("no answer"));
  else if (!self->caps->secure_boot)
    reason = g_strdup (_("The host’s UEFI firmware cannot do Secure Boot for this guest."));
  else
    offered = TRUE;

  /* Turning off is always possible: only turning on needs the host. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->secure_check),
                            efi && !self->manual_firmware && (offered || secure));
  vd_hardware_page_set_field_message (self->secure_reason, reason);

  if (g_strcmp0 (self->loaded_firmware, "efi") == 0 && !efi)
    warning = self->nvram != NULL
      ? g_strdup_printf (_("With BIOS the guest no longer uses its UEFI variables file %s: "
                           "libvirt keeps the file, but boot entries and keys stored there "
                           "are lost to the guest."), self->nvram)
      : g_strdup (_("With BIOS the guest no longer uses its UEFI variables: boot entries and "
                    "keys stored there are lost to the guest."));
  else if (efi && g_strcmp0 (self->loaded_firmware, "efi") == 0 && self->nvram != NULL &&
           !!secure != !!self->loaded_secure)
    warning = g_strdup_printf (_("The guest keeps its UEFI variables file %s, made for the old "
                                 "setting: libvirt does not make it again, so the keys in it "
                                 "stay as they are."), self->nvram);
  vd_hardware_page_set_field_message (self->nvram_warning, warning);
}

static void
caps_ready_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(VdHardwarePageOverview) self = user_data;
  g_autoptr(GError) error = NULL;
  VdDomainCaps *caps = vd_connection_get_domain_caps_finish (VD_CONNECTION (object), result,
                                                             &error);

  if (g_cancellable_is_cancelled (self->cancellable))
    {
      g_clear_pointer (&caps, vd_domain_caps_unref);
      return;
    }
  if (caps == NULL)
    caps = vd_domain_caps_new_unknown (error->message);
  g_clear_pointer (&self->caps, vd_domain_caps_unref);
  self->caps = caps;
  update_firmware (self);
}

static void
request_caps (VdHardwarePageOverview *self,
              VdDomainEditor         *editor)
{
  VdDomain *domain = vd_hardware_page_get_domain (VD_HARDWARE_PAGE (self));
  VdConnection *connection = domain != NULL ? vd_domain_get_connection (domain) : NULL;
  g_autofree char *xml = NULL;
  g_autofree char *type = NULL, *emulator = NULL, *arch = NULL, *machine = NULL;
  VdDomainCaps *cached;

  if (connection == NULL || self->caps != NULL)
    return;
  xml = vd_domain_editor_get_xml (editor);
  vd_domain_caps_names_from_xml (xml, &type, &emulator, &arch, &machine);
  cached = vd_connection_peek_domain_caps (connection, type, emulator, arch, machine);
  if (cached != NULL)
    {
      self->caps = vd_domain_caps_ref (cached);
      return;
    }
  vd_connection_get_domain_caps_async (connection, type, emulator, arch, machine,
                                       self->cancellable, caps_ready_cb, g_object_ref (self));
}

static void
load_firmware (VdHardwarePageOverview *self,
               VdDomainEditor         *editor)
{
  g_free (self->loaded_firmware);
  self->loaded_firmware = vd_domain_editor_get_firmware (editor);
  g_free (self->nvram);
  self->nvram = vd_domain_editor_get_nvram (editor);
  self->loaded_secure = vd_domain_editor_get_secure_boot (editor);
  self->manual_firmware = vd_domain_editor_get_firmware_manual (editor);
  gtk_combo_box_set_active_id (self->firmware_combo, self->loaded_firmware);
  gtk_toggle_button_set_active (self->secure_check, self->loaded_secure);
  vd_hardware_page_set_field_message (self->firmware_message, NULL);
  request_caps (self, editor);
  update_firmware (self);
}

static gboolean
commit_firmware (VdHardwarePageOverview  *self,
                 VdDomainEditor          *editor,
                 GError                 **error)
{
  const char *firmware = gtk_combo_box_get_active_id (self->firmware_combo);
  gboolean secure = gtk_toggle_button_get_active (self->secure_check);
  g_autoptr(GError) local_error = NULL;

  update_firmware (self);
  if (firmware == NULL)
    return TRUE;
  if (g_strcmp0 (firmware, "efi") == 0 && g_strcmp0 (self->loaded_firmware, "efi") != 0 &&
      self->caps != NULL && self->caps->known && !self->caps->efi)
    g_set_error_literal (&local_error, VD_ERROR, VD_ERROR_NOT_SUPPORTED,
                         _("The host has no UEFI firmware for this guest"));
  else if (secure && !self->loaded_secure && self->caps != NULL && self->caps->known &&
           !self->caps->secure_boot)
    g_set_error_literal (&local_error, VD_ERROR, VD_ERROR_NOT_SUPPORTED,
                         _("The host’s UEFI firmware cannot do Secure Boot for this guest"));

  /* BIOS drops every UEFI request, Secure Boot with it; for UEFI the
   * firmware goes first, as Secure Boot needs it. */
  if (local_error == NULL && g_strcmp0 (firmware, "efi") == 0)
    {
      if (vd_domain_editor_set_firmware (editor, "efi", &local_error))
        vd_domain_editor_set_secure_boot (editor, secure, &local_error);
    }
  else if (local_error == NULL)
    vd_domain_editor_set_firmware (editor, firmware, &local_error);

  if (local_error != NULL)
    {
      vd_hardware_page_set_field_message (self->firmware_message, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  vd_hardware_page_set_field_message (self->firmware_message, NULL);

  return TRUE;
}

/* Facts of the running guest */

static void
update_facts (VdHardwarePageOverview *self)
{
  VdDomain *domain = vd_hardware_page_get_domain (VD_HARDWARE_PAGE (self));
  g_autofree char *id = NULL;
  g_autofree char *vcpus = NULL;
  g_autofree char *memory = NULL;
  g_autofree char *cpu_time = NULL;

  if (domain == NULL)
    return;
  if (vd_domain_get_active (domain) && vd_domain_get_id (domain) >= 0)
    id = g_strdup_printf ("%d", vd_domain_get_id (domain));
  set_value (self->id_label, id);
  if (vd_domain_get_vcpus (domain) > 0)
    vcpus = g_strdup_printf ("%u", vd_domain_get_vcpus (domain));
  set_value (self->vcpus_label, vcpus);
  if (vd_domain_get_memory (domain) > 0)
    memory = g_format_size_full (vd_domain_get_memory (domain) * 1024, G_FORMAT_SIZE_IEC_UNITS);
  set_value (self->memory_label, memory);
  if (vd_domain_get_active (domain))
    cpu_time = vd_format_cpu_time (vd_domain_get_cpu_time (domain));
  set_value (self->cpu_time_label, cpu_time);
  gtk_label_set_text (self->persistent_label,
                      vd_domain_get_persistent (domain)
                      /* translators: the guest's definition stays when it stops */
                      ? _("Persistent")
                      /* translators: the guest's definition goes away when it stops */
                      : _("Transient (gone when it stops)"));
}

static void
live_xml_ready_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(VdHardwarePageOverview) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = vd_domain_read_live_xml_finish (VD_DOMAIN (object), result, &error);
  g_autofree char *security = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (xml == NULL)
    {
      gtk_label_set_text (self->security_label, error->message);
      return;
    }
  security = vd_live_xml_get_security (xml);
  gtk_label_set_text (self->security_label, security);
}

static void
refresh_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  /* The properties it changes are followed through notify. */
  vd_domain_refresh_finish (VD_DOMAIN (object), result, NULL);
}

/* Reads the live XML (security labels) and the guest's counters again. */
static void
read_live (VdHardwarePageOverview *self)
{
  VdDomain *domain = vd_hardware_page_get_domain (VD_HARDWARE_PAGE (self));

  g_cancellable_cancel (self->live_cancellable);
  g_clear_object (&self->live_cancellable);
  if (domain == NULL || vd_domain_get_connection (domain) == NULL)
    return;
  self->live_cancellable = g_cancellable_new ();
  vd_domain_read_live_xml_async (domain, self->live_cancellable, live_xml_ready_cb,
                                 g_object_ref (self));
  vd_domain_refresh_async (domain, self->live_cancellable, refresh_done_cb, NULL);
}

static void
active_changed_cb (VdHardwarePageOverview *self)
{
  update_facts (self);
  read_live (self);
}

static void
vd_hardware_page_overview_load (VdHardwarePage *page,
                                VdDomainEditor *editor)
{
  VdHardwarePageOverview *self = VD_HARDWARE_PAGE_OVERVIEW (page);
  g_autofree char *xml = vd_domain_editor_get_xml (editor);
  g_autoptr(VdXml) doc = vd_xml_new (xml);
  g_autofree char *title = vd_domain_editor_get_title (editor);
  g_autofree char *description = vd_domain_editor_get_description (editor);

  if (doc != NULL)
    {
      g_autofree char *name = vd_xml_get_string (doc, "/domain/name");
      g_autofree char *uuid = vd_xml_get_string (doc, "/domain/uuid");
      g_autofree char *type = vd_xml_get_string (doc, "/domain/@type");
      g_autofree char *arch = vd_xml_get_string (doc, "/domain/os/type/@arch");
      g_autofree char *machine = vd_xml_get_string (doc, "/domain/os/type/@machine");
      g_autofree char *emulator = vd_xml_get_string (doc, "/domain/devices/emulator");
      g_autofree char *os_type = vd_live_xml_get_os_type (xml);

      set_value (self->name_label, name);
      set_value (self->uuid_label, uuid);
      set_value (self->hypervisor_label, type);
      set_value (self->arch_label, arch);
      set_value (self->machine_label, machine);
      set_value (self->emulator_label, emulator);
      set_value (self->os_type_label, os_type);
    }

  gtk_entry_set_text (self->title_entry, title != NULL ? title : "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->description_view),
                            description != NULL ? description : "", -1);
  load_action (self->poweroff_combo, editor, "poweroff");
  load_action (self->reboot_combo, editor, "reboot");
  load_action (self->crash_combo, editor, "crash");
  load_firmware (self, editor);
  update_rename (self);
  update_facts (self);
  read_live (self);
}

static gboolean
commit_action (GtkComboBox     *combo,
               VdDomainEditor  *editor,
               const char      *event,
               GError         **error)
{
  const char *action = gtk_combo_box_get_active_id (combo);

  if (action == NULL)
    return TRUE;

  return vd_domain_editor_set_lifecycle (editor, event, action, error);
}

static gboolean
vd_hardware_page_overview_commit (VdHardwarePage  *page,
                                  VdDomainEditor  *editor,
                                  GError         **error)
{
  VdHardwarePageOverview *self = VD_HARDWARE_PAGE_OVERVIEW (page);
  g_autofree char *description = get_description (self);
  g_autoptr(GError) local_error = NULL;
  gboolean ok = TRUE;

  /* Every field is judged, so every message is up to date. */
  if (!vd_domain_editor_set_title (editor, gtk_entry_get_text (self->title_entry),
                                   &local_error))
    {
      vd_hardware_page_set_field_message (self->title_message, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      ok = FALSE;
    }
  else
    vd_hardware_page_set_field_message (self->title_message, NULL);

  if (!vd_domain_editor_set_description (editor, description, &local_error))
    {
      vd_hardware_page_set_field_message (self->description_message, local_error->message);
      if (ok)
        g_propagate_error (error, g_steal_pointer (&local_error));
      g_clear_error (&local_error);
      ok = FALSE;
    }
  else
    vd_hardware_page_set_field_message (self->description_message, NULL);

  if (!commit_action (self->poweroff_combo, editor, "poweroff", &local_error) ||
      !commit_action (self->reboot_combo, editor, "reboot", &local_error) ||
      !commit_action (self->crash_combo, editor, "crash", &local_error))
    {
      vd_hardware_page_set_field_message (self->lifecycle_message, local_error->message);
      if (ok)
        g_propagate_error (error, g_steal_pointer (&local_error));
      ok = FALSE;
    }
  else
    vd_hardware_page_set_field_message (self->lifecycle_message, NULL);

  if (!commit_firmware (self, editor, ok ? error : NULL))
    ok = FALSE;

  return ok;
}

static void
field_changed_cb (VdHardwarePageOverview *self)
{
  vd_hardware_page_changed (VD_HARDWARE_PAGE (self));
}

static void
firmware_changed_cb (VdHardwarePageOverview *self)
{
  update_firmware (self);
  vd_hardware_page_changed (VD_HARDWARE_PAGE (self));
}

static void
domain_changed_cb (VdHardwarePageOverview *self)
{
  VdDomain *domain = vd_hardware_page_get_domain (VD_HARDWARE_PAGE (self));

  g_clear_pointer (&self->state_binding, g_binding_unbind);
  if (domain != NULL)
    {
      self->state_binding = g_object_bind_property (domain, "state-label", self->state_label,
                                                    "label", G_BINDING_SYNC_CREATE);
      g_signal_connect_object (domain, "notify::can-rename", G_CALLBACK (update_rename), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (domain, "notify::id", G_CALLBACK (update_facts), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (domain, "notify::vcpus", G_CALLBACK (update_facts), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (domain, "notify::memory", G_CALLBACK (update_facts), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (domain, "notify::cpu-time", G_CALLBACK (update_facts), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (domain, "notify::persistent", G_CALLBACK (update_facts), self,
                               G_CONNECT_SWAPPED);
      /* Starting gives the guest new (dynamic) labels, stopping takes them. */
      g_signal_connect_object (domain, "notify::active", G_CALLBACK (active_changed_cb), self,
                               G_CONNECT_SWAPPED);
      update_facts (self);
    }
  update_rename (self);
}

static void
vd_hardware_page_overview_dispose (GObject *object)
{
  VdHardwarePageOverview *self = (VdHardwarePageOverview *)object;

  g_clear_pointer (&self->state_binding, g_binding_unbind);
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->live_cancellable);

  G_OBJECT_CLASS (vd_hardware_page_overview_parent_class)->dispose (object);
}

static void
vd_hardware_page_overview_finalize (GObject *object)
{
  VdHardwarePageOverview *self = (VdHardwarePageOverview *)object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->live_cancellable);
  g_clear_pointer (&self->caps, vd_domain_caps_unref);
  g_clear_pointer (&self->loaded_firmware, g_free);
  g_clear_pointer (&self->nvram, g_free);

  G_OBJECT_CLASS (vd_hardware_page_overview_parent_class)->finalize (object);
}

static void
vd_hardware_page_overview_class_init (VdHardwarePageOverviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  VdHardwarePageClass *page_class = VD_HARDWARE_PAGE_CLASS (klass);

  object_class->dispose = vd_hardware_page_overview_dispose;
  object_class->finalize = vd_hardware_page_overview_finalize;
  page_class->load = vd_hardware_page_overview_load;
  page_class->commit = vd_hardware_page_overview_commit;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE
                                               "/details/vd-hardware-page-overview.ui");
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageOverview, name_label);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageOverview, uuid_label);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageOverview, state_label);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageOverview, hypervisor_label);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageOverview, arch_label);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageOverview, machine_label);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageOverview, emulator_label);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageOverview, id_label);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageOverview, os_type_label);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageOverview, vcpus_label);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageOverview, memory_label);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageOverview, cpu_time_label);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageOverview, persistent_label);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageOverview, security_label);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageOverview, title_entry);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageOverview, title_message);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageOverview, description_view);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageOverview,
                                        description_message);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageOverview, poweroff_combo);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageOverview, reboot_combo);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageOverview, crash_combo);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageOverview,
                                        lifecycle_message);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageOverview, rename_entry);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageOverview, rename_button);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageOverview, rename_message);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageOverview, firmware_combo);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageOverview, secure_check);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageOverview, secure_reason);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageOverview, firmware_message);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageOverview, nvram_warning);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, firmware_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, rename_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, rename_clicked_cb);
}

static void
vd_hardware_page_overview_init (VdHardwarePageOverview *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();

  g_signal_connect_swapped (gtk_text_view_get_buffer (self->description_view), "changed",
                            G_CALLBACK (field_changed_cb), self);
  g_signal_connect (self, "notify::domain", G_CALLBACK (domain_changed_cb), NULL);
  g_signal_connect (self, "notify::dirty", G_CALLBACK (update_rename), NULL);
  /* CPU time and labels as of when the page is shown. */
  g_signal_connect (self, "map", G_CALLBACK (read_live), NULL);
  fill_actions (self->poweroff_combo, FALSE);
  fill_actions (self->reboot_combo, FALSE);
  fill_actions (self->crash_combo, TRUE);
}

GtkWidget *
vd_hardware_page_overview_new (void)
{
  return g_object_new (VD_TYPE_HARDWARE_PAGE_OVERVIEW, NULL);
}
