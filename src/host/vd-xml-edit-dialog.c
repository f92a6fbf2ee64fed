/* vd-xml-edit-dialog.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-xml-edit-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "vd-network.h"
#include "vd-storage-pool.h"
#include "vd-xml-check.h"
#include "vd-xml-edit-dialog.h"

/*
 * The XML of a virtual network or a storage pool, in a GtkSourceView:
 * its persistent definition, read in a worker. Each change is checked for
 * well-formedness (line and column under the text) and Apply stays off
 * until the text is well-formed and differs from what was read. Apply
 * redefines in a worker (vd_network_define_xml_async(),
 * vd_storage_pool_define_xml_async()); a refusal is shown, text kept, and
 * nothing changed; success closes the dialog. For a running object a note
 * says the change waits for its next start.
 */

struct _VdXmlEditDialog
{
  GtkDialog       parent_instance;

  /* Template widgets */
  GtkLabel       *intro_label;
  GtkLabel       *note_label;
  GtkSourceView  *xml_view;
  GtkLabel       *problem_label;
  GtkRevealer    *failure_revealer;
  GtkLabel       *failure_label;
  GtkButton      *apply_button;

  /* Owned references */
  GObject        *object;          /* VdNetwork or VdStoragePool */
  GCancellable   *cancellable;     /* cancelled in dispose */
  char           *original;        /* the XML as read */

  gboolean        busy;
  gboolean        well_formed;
  guint           loading;
};

G_DEFINE_FINAL_TYPE (VdXmlEditDialog, vd_xml_edit_dialog, GTK_TYPE_DIALOG)

static gboolean
is_network (VdXmlEditDialog *self)
{
  return VD_IS_NETWORK (self->object);
}

static char *
get_text (VdXmlEditDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->xml_view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
update_buttons (VdXmlEditDialog *self)
{
  g_autofree char *text = get_text (self);

  gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button),
                            self->original != NULL && !self->busy && self->well_formed &&
                            g_strcmp0 (text, self->original) != 0);
}

static void
update_note (VdXmlEditDialog *self)
{
  gboolean active = is_network (self) ? vd_network_get_active (VD_NETWORK (self->object))
                                      : vd_storage_pool_get_active (VD_STORAGE_POOL (self->object));

  gtk_label_set_text (self->note_label,
                      is_network (self)
                        ? _("The network is running: a change takes effect the next time it "
                            "starts.")
                        : _("The pool is running: a change takes effect the next time it "
                            "starts."));
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), active);
}

static void
text_changed_cb (VdXmlEditDialog *self)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  int line = 0, column = 0;

  if (self->loading > 0)
    return;

  text = get_text (self);
  self->well_formed = vd_xml_check_well_formed (text, &line, &column, &error);
  if (self->well_formed)
    gtk_widget_hide (GTK_WIDGET (self->problem_label));
  else
    {
      g_autofree char *message = NULL;

      if (line > 0)
        /* translators: where the XML parser stopped, then its message */
        message = g_strdup_printf (_("Line %d, column %d: %s"), line, column, error->message);
      else
        message = g_strdup (error->message);
      gtk_label_set_text (self->problem_label, message);
      gtk_widget_show (GTK_WIDGET (self->problem_label));
    }
  update_buttons (self);
}

static void
set_text (VdXmlEditDialog *self,
          const char      *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->xml_view));

  self->loading++;
  gtk_text_buffer_set_text (buffer, text, -1);
  self->loading--;
  self->well_formed = TRUE;
}

static void
show_failure (VdXmlEditDialog *self,
              const char      *message)
{
  gtk_label_set_text (self->failure_label, message);
  gtk_revealer_set_reveal_child (self->failure_revealer, TRUE);
}

static void
loaded_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(VdXmlEditDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = NULL;

  if (VD_IS_NETWORK (object))
    xml = vd_network_get_config_xml_finish (VD_NETWORK (object), result, &error);
  else
    xml = vd_storage_pool_get_config_xml_finish (VD_STORAGE_POOL (object), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (xml == NULL)
    {
      show_failure (self, error->message);
      return;
    }

  self->original = g_steal_pointer (&xml);
  set_text (self, self->original);
  gtk_text_view_set_editable (GTK_TEXT_VIEW (self->xml_view), TRUE);
  update_buttons (self);
}

static void
defined_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(VdXmlEditDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (VD_IS_NETWORK (object))
    ok = vd_network_define_xml_finish (VD_NETWORK (object), result, &error);
  else
    ok = vd_storage_pool_define_xml_finish (VD_STORAGE_POOL (object), result, &error);

  if (ok)
    {
      gtk_widget_destroy (GTK_WIDGET (self));
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->busy = FALSE;
  show_failure (self, error->message);
  update_buttons (self);
}

static void
response_cb (GtkDialog *dialog,
             int        response)
{
  VdXmlEditDialog *self = VD_XML_EDIT_DIALOG (dialog);
  g_autofree char *text = NULL;

  if (response != GTK_RESPONSE_APPLY)
    {
      gtk_widget_destroy (GTK_WIDGET (self));
      return;
    }

  update_buttons (self);
  if (!gtk_widget_get_sensitive (GTK_WIDGET (self->apply_button)))
    return;

  text = get_text (self);
  self->busy = TRUE;
  gtk_revealer_set_reveal_child (self->failure_revealer, FALSE);
  update_buttons (self);
  if (is_network (self))
    vd_network_define_xml_async (VD_NETWORK (self->object), text, self->cancellable, defined_cb,
                                 g_object_ref (self));
  else
    vd_storage_pool_define_xml_async (VD_STORAGE_POOL (self->object), text, self->cancellable,
                                      defined_cb, g_object_ref (self));
}

/* A dark theme gets a dark scheme (GtkSourceView's default gutter is
 * light). */
static void
style_updated_cb (GtkWidget *view)
{
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  GtkSourceBuffer *buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)));
  GdkRGBA background;
  gboolean dark;

  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (view), "theme_base_color",
                                       &background))
    return;
  dark = 0.2126 * background.red + 0.7152 * background.green + 0.0722 * background.blue < 0.5;
  gtk_source_buffer_set_style_scheme (buffer,
                                      gtk_source_style_scheme_manager_get_scheme (
                                        schemes, dark ? "oblivion" : "classic"));
}

static void
vd_xml_edit_dialog_dispose (GObject *object)
{
  VdXmlEditDialog *self = VD_XML_EDIT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->object != NULL)
    g_signal_handlers_disconnect_by_func (self->object, update_note, self);
  g_clear_object (&self->object);

  G_OBJECT_CLASS (vd_xml_edit_dialog_parent_class)->dispose (object);
}

static void
vd_xml_edit_dialog_finalize (GObject *object)
{
  VdXmlEditDialog *self = VD_XML_EDIT_DIALOG (object);

  g_free (self->original);

  G_OBJECT_CLASS (vd_xml_edit_dialog_parent_class)->finalize (object);
}

static void
vd_xml_edit_dialog_class_init (VdXmlEditDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vd_xml_edit_dialog_dispose;
  object_class->finalize = vd_xml_edit_dialog_finalize;

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/virtdesk/VirtDesk/host/"
                                               "vd-xml-edit-dialog.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, VdXmlEditDialog, name)
  CHILD (intro_label);
  CHILD (note_label);
  CHILD (xml_view);
  CHILD (problem_label);
  CHILD (failure_revealer);
  CHILD (failure_label);
  CHILD (apply_button);
#undef CHILD
  gtk_widget_class_bind_template_callback (widget_class, response_cb);
}

static void
vd_xml_edit_dialog_init (VdXmlEditDialog *self)
{
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();
  g_autoptr(GtkSourceBuffer) buffer = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();

  buffer = gtk_source_buffer_new_with_language (
             gtk_source_language_manager_get_language (languages, "xml"));
  gtk_text_view_set_buffer (GTK_TEXT_VIEW (self->xml_view), GTK_TEXT_BUFFER (buffer));
  g_signal_connect_swapped (buffer, "changed", G_CALLBACK (text_changed_cb), self);
  g_signal_connect (self->xml_view, "style-updated", G_CALLBACK (style_updated_cb), NULL);
  style_updated_cb (GTK_WIDGET (self->xml_view));
}

/**
 * vd_xml_edit_dialog_new:
 * @parent: (nullable): the window it is transient for
 * @object: a #VdNetwork or a #VdStoragePool
 *
 * Returns: (transfer floating): the dialog, reading the XML
 */
GtkWidget *
vd_xml_edit_dialog_new (GtkWindow *parent,
                        gpointer   object)
{
  VdXmlEditDialog *self;
  g_autofree char *intro = NULL;

  g_return_val_if_fail (VD_IS_NETWORK (object) || VD_IS_STORAGE_POOL (object), NULL);

  self = g_object_new (VD_TYPE_XML_EDIT_DIALOG, "transient-for", parent, NULL);
  self->object = g_object_ref (object);

  if (is_network (self))
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Network XML"));
      /* translators: a network's name */
      intro = g_strdup_printf (_("The definition of the network “%s”. Apply replaces it as a "
                                 "whole; its name and UUID stay."),
                               vd_network_get_name (object));
      vd_network_get_config_xml_async (object, self->cancellable, loaded_cb, g_object_ref (self));
    }
  else
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Storage Pool XML"));
      /* translators: a pool's name */
      intro = g_strdup_printf (_("The definition of the storage pool “%s”. Apply replaces it "
                                 "as a whole; its name and UUID stay."),
                               vd_storage_pool_get_name (object));
      vd_storage_pool_get_config_xml_async (object, self->cancellable, loaded_cb,
                                            g_object_ref (self));
    }
  gtk_label_set_text (self->intro_label, intro);

  g_signal_connect_swapped (object, "notify::active", G_CALLBACK (update_note), self);
  update_note (self);
  update_buttons (self);

  return GTK_WIDGET (self);
}

/**
 * vd_xml_edit_dialog_get_busy:
 *
 * Returns: whether Apply runs
 */
gboolean
vd_xml_edit_dialog_get_busy (VdXmlEditDialog *self)
{
  g_return_val_if_fail (VD_IS_XML_EDIT_DIALOG (self), FALSE);

  return self->busy;
}

/**
 * vd_xml_edit_dialog_get_loaded:
 *
 * Returns: whether the XML was read
 */
gboolean
vd_xml_edit_dialog_get_loaded (VdXmlEditDialog *self)
{
  g_return_val_if_fail (VD_IS_XML_EDIT_DIALOG (self), FALSE);

  return self->original != NULL;
}
