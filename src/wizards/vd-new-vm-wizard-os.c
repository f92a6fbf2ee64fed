/* vd-new-vm-wizard-os.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-new-vm-wizard"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vd-new-vm-wizard-private.h"
#include "vd-os-rows.h"
#include "vd-osinfo.h"

/*
 * The New VM wizard's OS step: libosinfo's systems in a list filtered by
 * the search entry (read the first time the step comes up), the OS found
 * on an install medium or a network install tree (vd-new-vm-wizard-url.c)
 * selected in it, and the choice applied to the spec
 * (vd_osinfo_apply_os(): resources and devices).
 */

/* ------------------------------------------------------------------ */
/* The OS                                                              */
/* ------------------------------------------------------------------ */

static void
show_recommendation (VdNewVmWizard *self)
{
  g_autofree char *text = NULL;

  if (self->os != NULL)
    {
      VdOsinfoResources res;
      g_autofree char *ram = NULL;
      g_autofree char *minimum = NULL;
      guint cpus;

      vd_osinfo_get_resources (self->os, self->spec->arch, &res);
      ram = g_format_size_full (MAX (res.recommended_ram, res.min_ram), G_FORMAT_SIZE_IEC_UNITS);
      minimum = g_format_size_full (res.min_ram, G_FORMAT_SIZE_IEC_UNITS);
      cpus = MAX (MAX (res.recommended_cpus, res.min_cpus), 1);
      if (res.min_ram > 0)
        /* translators: an OS ("Debian 11"), an amount of memory, a number of vCPUs, then the
         * OS's minimum memory */
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Recommended for %s: %s of memory and %u vCPU "
                                             "(at least %s of memory).",
                                             "Recommended for %s: %s of memory and %u vCPUs "
                                             "(at least %s of memory).", cpus),
                                osinfo_product_get_name (OSINFO_PRODUCT (self->os)), ram, cpus,
                                minimum);
      else
        /* translators: an OS ("Debian 11"), an amount of memory, a number of vCPUs */
        text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "Recommended for %s: %s of memory and %u vCPU.",
                                             "Recommended for %s: %s of memory and %u vCPUs.",
                                             cpus),
                                osinfo_product_get_name (OSINFO_PRODUCT (self->os)), ram, cpus);
    }
  gtk_label_set_text (self->recommended_label, text ? text : "");
}

static void
set_os (VdNewVmWizard *self,
        OsinfoOs      *os)
{
  g_autofree char *text = NULL;

  g_set_object (&self->os, os);
  vd_osinfo_apply_os (self->spec, os);
  _vd_new_vm_wizard_show_spec_resources (self);

  /* translators: %s is an OS ("Debian 11") */
  text = g_strdup_printf (_("Chosen: %s"), os ? osinfo_product_get_name (OSINFO_PRODUCT (os))
                                             : _("Generic OS (devices every PC guest knows)"));
  gtk_label_set_text (self->os_label, text);
  show_recommendation (self);
  _vd_new_vm_wizard_revalidate (self);
}

static void
os_selected_cb (VdNewVmWizard *self,
                GtkListBoxRow *row)
{
  if (row == NULL || self->spec == NULL)
    return;
  set_os (self, vd_os_row_get_os (row));
}

static gboolean
os_filter (GtkListBoxRow *row,
           gpointer       user_data)
{
  VdNewVmWizard *self = user_data;

  return vd_os_row_matches (row, gtk_entry_get_text (GTK_ENTRY (self->os_search)));
}

static void
os_search_changed_cb (VdNewVmWizard *self)
{
  gtk_list_box_invalidate_filter (self->os_list);
}

static void
add_os_row (VdNewVmWizard *self,
            OsinfoOs      *os)
{
  gtk_list_box_insert (self->os_list, vd_os_row_new (os, _("Generic OS")), -1);
}


static void
db_loaded_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(VdNewVmWizard) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OsinfoDb) db = vd_osinfo_load_finish (result, &error);
  g_autoptr(GPtrArray) all = NULL;

  if (self->disposed)
    return;
  if (db == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_label_set_text (self->detect_label, error->message);
      return;
    }

  all = vd_osinfo_search (db, NULL);
  for (guint i = 0; i < all->len; i++)
    add_os_row (self, all->pdata[i]);
  self->os_loaded = TRUE;
  if (self->detected_os != NULL)
    {
      g_autoptr(OsinfoOs) detected = g_steal_pointer (&self->detected_os);

      _vd_new_vm_wizard_show_detected (self, detected);
    }
}

/* Selects the detected OS in the list (which sets it) and says so. */
void
_vd_new_vm_wizard_show_detected (VdNewVmWizard *self,
                                 OsinfoOs      *os)
{
  GtkListBoxRow *row = os ? vd_os_rows_find (self->os_list, os) : NULL;
  g_autofree char *text = NULL;

  if (row == NULL)
    {
      gtk_label_set_text (self->detect_label,
                          self->spec->method == VD_INSTALL_METHOD_URL
                            ? _("libosinfo does not know the OS of this install tree: choose it "
                                "from the list.")
                            : _("No known OS was found on this medium: choose it from the list."));
      return;
    }

  /* translators: %s is an OS ("Debian 11") found on the install medium */
  text = g_strdup_printf (_("Detected: %s. Choose another from the list to override it."),
                          osinfo_product_get_name (OSINFO_PRODUCT (os)));
  gtk_label_set_text (self->detect_label, text);
  gtk_list_box_select_row (self->os_list, row);
}

static void
identify_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(VdNewVmWizard) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(OsinfoOs) os = vd_osinfo_identify_media_finish (result, &error);

  if (self->disposed || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error != NULL)
    {
      gtk_label_set_text (self->detect_label, error->message);
      return;
    }
  /* The list may still be filling: the OS is chosen once it is. */
  if (os != NULL && !self->os_loaded)
    {
      g_set_object (&self->detected_os, os);
      return;
    }
  _vd_new_vm_wizard_show_detected (self, os);
}

/* libosinfo's database is read the first time the OS step comes up (it
 * takes a moment; a wizard closed on its first step never needs it). */
static void
ensure_os_list (VdNewVmWizard *self)
{
  if (self->os_loading)
    return;
  self->os_loading = TRUE;
  vd_osinfo_load_async (self->cancellable, db_loaded_cb, g_object_ref (self));
}

/* On leaving the first step: look for the OS on a new medium. */
void
_vd_new_vm_wizard_detect_os (VdNewVmWizard *self)
{
  const VdInstallSpec *spec = self->spec;

  ensure_os_list (self);

  if (spec->method == VD_INSTALL_METHOD_URL)
    {
      _vd_new_vm_wizard_url_read_tree (self);
      return;
    }
  if (spec->method != VD_INSTALL_METHOD_MEDIA)
    {
      gtk_label_set_text (self->detect_label,
                          spec->method == VD_INSTALL_METHOD_IMPORT
                            ? _("Choose the OS on the disk image.")
                            : _("Choose the OS you will install."));
      return;
    }
  if (g_strcmp0 (self->detected_path, spec->media_path) == 0)
    return;

  g_free (self->detected_path);
  self->detected_path = g_strdup (spec->media_path);
  g_clear_object (&self->detected_os);
  gtk_label_set_text (self->detect_label, _("Looking for the OS on this medium…"));
  vd_osinfo_identify_media_async (spec->media_path, self->cancellable, identify_cb,
                                  g_object_ref (self));
}

/* The generic entry, the list's filter, its template callbacks. */
void
_vd_new_vm_wizard_os_init (VdNewVmWizard *self)
{
  gtk_list_box_set_filter_func (self->os_list, os_filter, self, NULL);
  add_os_row (self, NULL);
  gtk_list_box_select_row (self->os_list, gtk_list_box_get_row_at_index (self->os_list, 0));
}

void
_vd_new_vm_wizard_os_bind (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, os_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, os_search_changed_cb);
}
