/* vd-new-vm-wizard-url.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-new-vm-wizard"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-new-vm-wizard-private.h"
#include "vd-osinfo.h"

/*
 * The New VM wizard's network install: the tree at the URL of the first
 * step is read in a worker when leaving it (vd_url_tree_read_async(), a
 * spinner and Stop on the OS step), its OS selected in the list when
 * libosinfo knows it, and its kernel and initrd paths put in the spec for
 * the creation to download. The OS step's Forward stays off until the
 * tree at the URL as typed now has been read.
 */

static gboolean
tree_matches (VdNewVmWizard *self)
{
  return self->tree != NULL && g_strcmp0 (self->tree->url, self->spec->url) == 0;
}

/* The entries and the tree → the spec. */
void
_vd_new_vm_wizard_url_sync_spec (VdNewVmWizard *self)
{
  VdInstallSpec *spec = self->spec;
  const char *arg = NULL;

  g_free (spec->url);
  g_free (spec->kernel_args);
  g_clear_pointer (&spec->tree_kernel, g_free);
  g_clear_pointer (&spec->tree_initrd, g_free);
  g_clear_pointer (&spec->install_arg, g_free);
  spec->url = NULL;
  spec->kernel_args = NULL;
  if (spec->method != VD_INSTALL_METHOD_URL)
    return;
  spec->url = g_strstrip (g_strdup (gtk_entry_get_text (self->url_entry)));
  spec->kernel_args = g_strstrip (g_strdup (gtk_entry_get_text (self->kernel_args_entry)));
  if (!tree_matches (self))
    return;
  spec->tree_kernel = g_strdup (self->tree->kernel);
  spec->tree_initrd = g_strdup (self->tree->initrd);
  /* The installer of the OS chosen (maybe not the one detected) says how
   * it takes the tree; else the detected one's. */
  if (self->os != NULL)
    arg = osinfo_os_get_kernel_url_argument (self->os);
  if (arg == NULL)
    arg = self->tree->install_arg;
  spec->install_arg = g_strdup (arg);
}

gboolean
_vd_new_vm_wizard_url_tree_ready (VdNewVmWizard *self)
{
  return self->spec->method != VD_INSTALL_METHOD_URL || tree_matches (self);
}

static void
show_reading (VdNewVmWizard *self,
              gboolean       reading,
              gboolean       failed)
{
  gtk_widget_set_visible (GTK_WIDGET (self->detect_spinner), reading);
  gtk_widget_set_visible (GTK_WIDGET (self->detect_cancel_button), reading);
  gtk_widget_set_visible (GTK_WIDGET (self->detect_retry_button), failed);
}

static void
tree_read_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(VdNewVmWizard) self = user_data;
  g_autoptr(GError) error = NULL;
  VdUrlTree *tree = vd_url_tree_read_finish (result, &error);

  if (self->disposed)
    {
      vd_url_tree_free (tree);
      return;
    }
  /* A newer read replaced this one: its own callback speaks. */
  if (tree == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      self->tree_cancellable != NULL && !g_cancellable_is_cancelled (self->tree_cancellable))
    return;
  g_clear_object (&self->tree_cancellable);

  if (tree == NULL)
    {
      show_reading (self, FALSE, TRUE);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_label_set_text (self->detect_label,
                            _("Reading the install tree was stopped. Try again, or go back to "
                              "change the URL."));
      else
        gtk_label_set_text (self->detect_label, error->message);
      _vd_new_vm_wizard_revalidate (self);
      return;
    }

  show_reading (self, FALSE, FALSE);
  g_clear_pointer (&self->tree, vd_url_tree_free);
  self->tree = tree;
  g_clear_object (&self->detected_os);
  if (tree->os != NULL && !self->os_loaded)
    g_set_object (&self->detected_os, tree->os);
  else
    _vd_new_vm_wizard_show_detected (self, tree->os);
  _vd_new_vm_wizard_revalidate (self);
}

/* On leaving the first step: read the tree at the URL, unless it was. */
void
_vd_new_vm_wizard_url_read_tree (VdNewVmWizard *self)
{
  g_autofree char *text = NULL;

  if (tree_matches (self))
    return;
  if (self->tree_cancellable != NULL)
    g_cancellable_cancel (self->tree_cancellable);
  g_clear_object (&self->tree_cancellable);
  self->tree_cancellable = g_cancellable_new ();

  show_reading (self, TRUE, FALSE);
  /* translators: %s is a URL */
  text = g_strdup_printf (_("Reading the install tree at %s…"), self->spec->url);
  gtk_label_set_text (self->detect_label, text);
  vd_url_tree_read_async (self->spec->url, self->tree_cancellable, tree_read_cb,
                          g_object_ref (self));
}

static void
detect_cancel_cb (VdNewVmWizard *self)
{
  if (self->tree_cancellable != NULL)
    g_cancellable_cancel (self->tree_cancellable);
}

static void
detect_retry_cb (VdNewVmWizard *self)
{
  _vd_new_vm_wizard_url_read_tree (self);
}

void
_vd_new_vm_wizard_url_bind (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, detect_cancel_cb);
  gtk_widget_class_bind_template_callback (widget_class, detect_retry_cb);
}
