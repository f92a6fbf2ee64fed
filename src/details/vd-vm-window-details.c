/* vd-vm-window-details.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-vm-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "vd-add-hardware-dialog.h"
#include "vd-gtk-util.h"
#include "vd-hardware-page-boot.h"
#include "vd-hardware-page-cpu.h"
#include "vd-hardware-page-device.h"
#include "vd-hardware-page-memory.h"
#include "vd-hardware-page-os.h"
#include "vd-hardware-page-overview.h"
#include "vd-vm-window-private.h"
#include "vd-xml-check.h"

/*
 * The guest window's editable Details pages. The window fetches one
 * VdDomainEditor (in a worker) and hands it to every page; the editor stays
 * unedited: a page judges its fields on a scratch copy, and only Apply
 * commits the page into the editor and applies it
 * (vd_domain_editor_apply_async: a worker, the guest busy meanwhile; live
 * where libvirt can change a running guest, then defined), and the page
 * says whether the change waits for the guest's next start.
 *
 * Below the pages, a "Details | XML" switcher: the XML tab shows the whole
 * guest as Apply would define it; edited, Apply checks that it is
 * well-formed, makes a new editor from the text and defines that, and on
 * success the new editor replaces the old one. A refusal changes nothing
 * and shows libvirt's message.
 *
 * One page can hold edits at a time: leaving it (another section, the
 * other tab, or closing the window) with unapplied changes asks Apply /
 * Discard / Cancel, in a dialog answered through "response". When the
 * guest's configuration changes underneath (its properties follow libvirt's
 * events), the editor is fetched again unless there are edits.
 *
 * After Boot, one page per device of the guest in document order
 * (VdHardwarePageDevice, named "device-" and the core's device id), built
 * again whenever a new editor lists other devices. Each has Remove…, which
 * asks first, then removes the device from a copy of the editor and
 * applies that like any change: a running guest loses it live where
 * libvirt can unplug it, else at its next start (and the window says so).
 */

enum {
  LEAVE_NONE,
  LEAVE_PAGE,
  LEAVE_MODE,
  LEAVE_CLOSE,
  LEAVE_ADD_HARDWARE,
};

enum {
  RESPONSE_DISCARD = 1,
  RESPONSE_APPLY = 2,
};

static VdHardwarePage *
page_by_name (VdVmWindow *self,
              const char *name)
{
  const struct {
    const char     *name;
    VdHardwarePage *page;
  } pages[] = {
    { "overview", self->overview_page },
    { "os", self->os_page },
    { "cpus", self->cpu_page },
    { "memory", self->memory_page },
    { "boot", self->boot_page },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    if (g_strcmp0 (name, pages[i].name) == 0)
      return pages[i].page;

  if (name != NULL && g_str_has_prefix (name, "device-") && self->device_pages != NULL)
    for (guint i = 0; i < self->device_pages->len; i++)
      {
        VdHardwarePageDevice *page = self->device_pages->pdata[i];

        if (g_strcmp0 (name + strlen ("device-"),
                       vd_hardware_page_device_get_device_id (page)) == 0)
          return VD_HARDWARE_PAGE (page);
      }

  return NULL;
}

static VdHardwarePage *
current_page (VdVmWindow *self)
{
  return page_by_name (self, gtk_stack_get_visible_child_name (self->details_stack));
}

static gboolean
in_xml (VdVmWindow *self)
{
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->mode_stack), "xml") == 0;
}

static gboolean
has_edits (VdVmWindow *self)
{
  VdHardwarePage *page = current_page (self);

  return self->xml_dirty || (page != NULL && vd_hardware_page_get_dirty (page));
}

static void
show_page_message (VdVmWindow     *self,
                   GtkMessageType  type,
                   const char     *message)
{
  gtk_label_set_text (self->page_info_label, message);
  gtk_info_bar_set_message_type (self->page_info_bar, type);
  gtk_info_bar_set_revealed (self->page_info_bar, TRUE);
}

static void
update_buttons (VdVmWindow *self)
{
  VdHardwarePage *page = current_page (self);
  gboolean editable = page != NULL;
  gboolean dirty;
  gboolean valid;

  gtk_widget_set_visible (self->mode_switcher, editable);
  gtk_widget_set_visible (self->edit_bar, editable);

  /* The XML tab's own edits, or else the page's (which the tab shows). */
  if (in_xml (self) && self->xml_dirty)
    {
      dirty = TRUE;
      valid = self->xml_valid;
    }
  else
    {
      dirty = editable && vd_hardware_page_get_dirty (page);
      valid = editable && vd_hardware_page_get_valid (page);
    }

  gtk_widget_set_sensitive (self->apply_button,
                            editable && self->editor != NULL && dirty && valid &&
                            !self->applying);
  gtk_widget_set_sensitive (self->revert_button, editable && dirty && !self->applying);
  gtk_widget_set_sensitive (GTK_WIDGET (self->mode_stack), !self->applying);
  gtk_widget_set_sensitive (GTK_WIDGET (self->mode_switcher), !self->applying);
  if (self->applying)
    gtk_spinner_start (self->apply_spinner);
  else
    gtk_spinner_stop (self->apply_spinner);
}

/* The XML tab */

static void
set_xml_text (VdVmWindow *self,
              const char *text)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->xml_view));

  self->xml_loading++;
  gtk_text_buffer_set_text (buffer, text != NULL ? text : "", -1);
  self->xml_loading--;
  self->xml_dirty = FALSE;
  self->xml_valid = text != NULL;
  gtk_widget_hide (GTK_WIDGET (self->xml_message));
}

/* What Apply would define: the shown page's fields on the guest's XML. */
static void
refresh_xml (VdVmWindow *self)
{
  VdHardwarePage *page = current_page (self);
  g_autofree char *xml = NULL;

  if (self->xml_dirty)
    return;
  if (page != NULL)
    xml = vd_hardware_page_get_xml (page);
  else if (self->editor != NULL)
    xml = vd_domain_editor_get_xml (self->editor);
  set_xml_text (self, xml);
}

static char *
get_xml_text (VdVmWindow *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->xml_view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);

  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
xml_changed_cb (VdVmWindow *self)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  int line = 0, column = 0;

  if (self->xml_loading > 0)
    return;

  self->xml_dirty = TRUE;
  text = get_xml_text (self);
  self->xml_valid = vd_xml_check_well_formed (text, &line, &column, &error);
  if (self->xml_valid)
    {
      gtk_widget_hide (GTK_WIDGET (self->xml_message));
    }
  else
    {
      g_autofree char *message = NULL;

      if (line > 0)
        /* translators: where the XML parser stopped, then its message */
        message = g_strdup_printf (_("Line %d, column %d: %s"), line, column, error->message);
      else
        message = g_strdup (error->message);
      gtk_label_set_text (self->xml_message, message);
      gtk_widget_show (GTK_WIDGET (self->xml_message));
    }
  update_buttons (self);
}

/* GtkSourceView's default scheme draws a light gutter: on a dark theme,
 * use a dark scheme (as the host window's XML view does). */
static void
xml_view_style_updated_cb (GtkWidget *view)
{
  GtkSourceStyleSchemeManager *schemes = gtk_source_style_scheme_manager_get_default ();
  GtkStyleContext *context = gtk_widget_get_style_context (view);
  GtkSourceBuffer *buffer = GTK_SOURCE_BUFFER (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)));
  GdkRGBA background = { 1.0, 1.0, 1.0, 1.0 };
  gboolean dark;

  if (!gtk_style_context_lookup_color (context, "theme_base_color", &background))
    return;

  dark = 0.2126 * background.red + 0.7152 * background.green + 0.0722 * background.blue < 0.5;
  gtk_source_buffer_set_style_scheme (buffer,
                                      gtk_source_style_scheme_manager_get_scheme (
                                        schemes, dark ? "oblivion" : "classic"));
}

/* The device pages */

static void page_state_changed_cb (VdVmWindow *self);
static void remove_requested_cb   (VdHardwarePageDevice *page,
                                   VdVmWindow           *self);

static void
add_device_page (VdVmWindow        *self,
                 const VdDeviceRef *device)
{
  VdHardwarePage *page = vd_hardware_page_device_new_for (vd_device_ref_get_kind (device),
                                                          vd_device_ref_get_id (device));
  g_autofree char *name = g_strconcat ("device-", vd_device_ref_get_id (device), NULL);
  GtkWidget *scrolled = gtk_scrolled_window_new (NULL, NULL);
  GtkWidget *viewport = gtk_viewport_new (NULL, NULL);

  /* As the template's pages: no horizontal scrolling, no frame. */
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_viewport_set_shadow_type (GTK_VIEWPORT (viewport), GTK_SHADOW_NONE);
  gtk_container_add (GTK_CONTAINER (viewport), GTK_WIDGET (page));
  gtk_container_add (GTK_CONTAINER (scrolled), viewport);
  gtk_widget_show (GTK_WIDGET (page));
  gtk_widget_show (viewport);
  gtk_widget_show (scrolled);

  vd_hardware_page_set_domain (page, self->domain);
  g_signal_connect_swapped (page, "notify::dirty", G_CALLBACK (page_state_changed_cb), self);
  g_signal_connect_swapped (page, "notify::valid", G_CALLBACK (page_state_changed_cb), self);
  g_signal_connect (page, "remove-requested", G_CALLBACK (remove_requested_cb), self);
  g_ptr_array_add (self->device_pages, page);
  gtk_stack_add_titled (self->details_stack, scrolled, name, vd_device_ref_get_label (device));
}

static void
clear_device_pages (VdVmWindow *self)
{
  g_autoptr(GPtrArray) old = g_steal_pointer (&self->device_pages);

  /* Forgotten first: leaving a page that is going is no leaving. */
  self->device_pages = g_ptr_array_new ();
  for (guint i = 0; old != NULL && i < old->len; i++)
    {
      GtkWidget *scrolled = gtk_widget_get_ancestor (old->pdata[i], GTK_TYPE_SCROLLED_WINDOW);

      g_signal_handlers_disconnect_by_data (old->pdata[i], self);
      gtk_container_remove (GTK_CONTAINER (self->details_stack), scrolled);
    }
}

/* One page per device of @editor, built again only when the devices (or
 * their names) differ from those the pages show. */
static void
update_device_pages (VdVmWindow     *self,
                     VdDomainEditor *editor)
{
  g_autoptr(GPtrArray) devices = editor != NULL ? vd_domain_editor_list_devices (editor) : NULL;
  g_autoptr(GString) signature = g_string_new (NULL);
  g_autofree char *shown = NULL;

  for (guint i = 0; devices != NULL && i < devices->len; i++)
    g_string_append_printf (signature, "%s\t%s\n", vd_device_ref_get_id (devices->pdata[i]),
                            vd_device_ref_get_label (devices->pdata[i]));
  if (self->device_pages != NULL && g_strcmp0 (signature->str, self->device_signature) == 0)
    return;

  g_free (self->device_signature);
  self->device_signature = g_strdup (signature->str);
  shown = g_strdup (gtk_stack_get_visible_child_name (self->details_stack));
  clear_device_pages (self);
  for (guint i = 0; devices != NULL && i < devices->len; i++)
    add_device_page (self, devices->pdata[i]);
  /* Back on the page shown before, unless its device went. */
  if (shown != NULL && gtk_stack_get_child_by_name (self->details_stack, shown) != NULL)
    gtk_stack_set_visible_child_name (self->details_stack, shown);
}

/* The editor */

static void
set_editor (VdVmWindow     *self,
            VdDomainEditor *editor)
{
  VdHardwarePage *pages[] = { self->overview_page, self->os_page, self->cpu_page,
                              self->memory_page, self->boot_page };

  g_set_object (&self->editor, editor);
  if (self->device_pages == NULL)
    return;
  update_device_pages (self, editor);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    vd_hardware_page_set_editor (pages[i], editor);
  for (guint i = 0; i < self->device_pages->len; i++)
    vd_hardware_page_set_editor (self->device_pages->pdata[i], editor);
  self->xml_dirty = FALSE;
  refresh_xml (self);
  update_buttons (self);
}

static void
fetch_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(VdVmWindow) self = user_data;
  g_autoptr(VdDomainEditor) editor = NULL;
  g_autoptr(GError) error = NULL;

  editor = vd_domain_fetch_editor_finish (VD_DOMAIN (object), result, &error);
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  if (editor == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_page_message (self, GTK_MESSAGE_ERROR, error->message);
      return;
    }

  /* Edits made while the fetch ran win: the next change fetches again. */
  if (self->editor != NULL && (has_edits (self) || self->applying))
    return;

  set_editor (self, editor);
}

static void
fetch_editor (VdVmWindow *self)
{
  if (vd_domain_get_connection (self->domain) == NULL)
    return;

  g_cancellable_cancel (self->fetch_cancellable);
  g_clear_object (&self->fetch_cancellable);
  self->fetch_cancellable = g_cancellable_new ();
  vd_domain_fetch_editor_async (self->domain, self->fetch_cancellable, fetch_done_cb,
                                g_object_ref (self));
}

static gboolean
reload_cb (gpointer user_data)
{
  VdVmWindow *self = user_data;

  self->reload_source = 0;
  if (!has_edits (self) && !self->applying)
    fetch_editor (self);

  return G_SOURCE_REMOVE;
}

/* The guest's properties follow libvirt's events: one of them changing
 * may mean its configuration changed (another tool defined it). */
static void
domain_config_changed_cb (VdVmWindow *self)
{
  if (self->reload_source == 0 && !self->applying)
    self->reload_source = g_timeout_add (200, reload_cb, self);
}

/* Apply */

typedef struct
{
  VdVmWindow     *self;
  VdDomainEditor *editor;   /* what was defined */
} ApplyCall;

static void leave_now (VdVmWindow *self);

static void
apply_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  ApplyCall *call = user_data;
  g_autoptr(VdVmWindow) self = call->self;
  g_autoptr(VdDomainEditor) editor = call->editor;
  g_autoptr(GError) error = NULL;
  gboolean needs_restart = FALSE;
  gboolean ok;

  g_free (call);
  ok = vd_domain_editor_apply_finish_full (editor, result, &needs_restart, &error);
  if (g_cancellable_is_cancelled (self->cancellable) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->applying = FALSE;
  if (!ok)
    {
      /* libvirt kept the guest as it was; the page (or the XML) keeps the
       * user's input, and the shared editor its unedited state. */
      if (editor == self->editor)
        vd_domain_editor_revert (self->editor);
      self->leave_kind = LEAVE_NONE;
      g_clear_pointer (&self->leave_target, g_free);
      show_page_message (self, GTK_MESSAGE_ERROR, error->message);
      update_buttons (self);
      return;
    }

  /* The editor restarted from what libvirt made of the new XML. */
  set_editor (self, editor);
  /* The core applies to a running guest what libvirt can change live and
   * says whether anything waits for the next boot. */
  if (needs_restart)
    show_page_message (self, GTK_MESSAGE_INFO,
                       _("The changes are saved: they take effect the next time the guest "
                         "starts."));
  else if (vd_domain_get_active (self->domain))
    show_page_message (self, GTK_MESSAGE_INFO,
                       _("The changes are saved and in effect now."));
  else
    gtk_info_bar_set_revealed (self->page_info_bar, FALSE);

  if (self->leave_kind != LEAVE_NONE)
    leave_now (self);
}

/* Defines @editor (the window's, changed, or a new one from the XML tab). */
static void
run_apply (VdVmWindow     *self,
           VdDomainEditor *editor)
{
  ApplyCall *call;

  gtk_info_bar_set_revealed (self->page_info_bar, FALSE);
  self->applying = TRUE;
  update_buttons (self);

  call = g_new0 (ApplyCall, 1);
  call->self = g_object_ref (self);
  call->editor = g_object_ref (editor);
  vd_domain_editor_apply_async (editor, self->domain, self->cancellable, apply_done_cb, call);
}

static void
start_apply (VdVmWindow *self)
{
  VdHardwarePage *page = current_page (self);
  g_autoptr(VdDomainEditor) editor = NULL;
  g_autoptr(GError) error = NULL;

  if (self->editor == NULL || page == NULL || self->applying)
    return;

  if (in_xml (self) && self->xml_dirty)
    {
      g_autofree char *text = get_xml_text (self);
      int line = 0, column = 0;

      if (!vd_xml_check_well_formed (text, &line, &column, &error) ||
          (editor = vd_domain_editor_new_from_xml (text, &error)) == NULL)
        {
          gtk_label_set_text (self->xml_message, error->message);
          gtk_widget_show (GTK_WIDGET (self->xml_message));
          self->leave_kind = LEAVE_NONE;
          return;
        }
    }
  else
    {
      editor = g_object_ref (self->editor);
      vd_domain_editor_revert (editor);
      if (!vd_hardware_page_commit (page, editor, &error))
        {
          vd_domain_editor_revert (editor);
          show_page_message (self, GTK_MESSAGE_ERROR, error->message);
          self->leave_kind = LEAVE_NONE;
          return;
        }
    }

  run_apply (self, editor);
}

static void
apply_clicked_cb (VdVmWindow *self)
{
  self->leave_kind = LEAVE_NONE;
  start_apply (self);
}

static void
discard (VdVmWindow *self)
{
  VdHardwarePage *page = current_page (self);

  if (self->xml_dirty)
    {
      self->xml_dirty = FALSE;
      refresh_xml (self);
    }
  else if (page != NULL)
    {
      vd_hardware_page_load (page);
      refresh_xml (self);
    }
  gtk_info_bar_set_revealed (self->page_info_bar, FALSE);
  update_buttons (self);
}

static void
revert_clicked_cb (VdVmWindow *self)
{
  discard (self);
}

/* Remove… */

static void
remove_response_cb (GtkDialog  *dialog,
                    int         response,
                    VdVmWindow *self)
{
  g_autofree char *id = g_strdup (g_object_get_data (G_OBJECT (dialog), "vd-device-id"));
  g_autoptr(VdDomainEditor) editor = NULL;
  g_autoptr(GError) error = NULL;

  gtk_widget_destroy (GTK_WIDGET (dialog));
  self->remove_dialog = NULL;
  if (response != GTK_RESPONSE_ACCEPT || self->editor == NULL || self->applying)
    return;

  /* The page's unapplied edits go with the device. */
  editor = g_object_ref (self->editor);
  vd_domain_editor_revert (editor);
  if (!vd_domain_editor_remove_device (editor, id, &error))
    {
      vd_domain_editor_revert (editor);
      show_page_message (self, GTK_MESSAGE_ERROR, error->message);
      return;
    }
  self->leave_kind = LEAVE_NONE;
  run_apply (self, editor);
}

static void
remove_requested_cb (VdHardwarePageDevice *page,
                     VdVmWindow           *self)
{
  const char *id = vd_hardware_page_device_get_device_id (page);
  g_autofree char *label = NULL;
  GtkWidget *dialog;
  GtkWidget *button;
  const char *detail;

  if (self->editor == NULL || self->applying)
    return;
  if (self->remove_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->remove_dialog));
      return;
    }

  label = vd_hardware_page_device_get_label (page, self->editor);
  switch (vd_domain_editor_get_device_kind (self->editor, id))
    {
    case VD_DEVICE_KIND_DISK:
    case VD_DEVICE_KIND_FLOPPY:
    case VD_DEVICE_KIND_CDROM:
      detail = vd_domain_get_active (self->domain)
               ? _("The disk image itself is kept. A running guest loses the drive now if it "
                   "can be unplugged, else when it next starts.")
               : _("The disk image itself is kept.");
      break;

    case VD_DEVICE_KIND_INTERFACE:
    case VD_DEVICE_KIND_GRAPHICS:
    case VD_DEVICE_KIND_VIDEO:
    case VD_DEVICE_KIND_SOUND:
    case VD_DEVICE_KIND_INPUT:
    case VD_DEVICE_KIND_SERIAL:
    case VD_DEVICE_KIND_PARALLEL:
    case VD_DEVICE_KIND_CONSOLE:
    case VD_DEVICE_KIND_CHANNEL:
    case VD_DEVICE_KIND_HOSTDEV:
    case VD_DEVICE_KIND_REDIRDEV:
    case VD_DEVICE_KIND_CONTROLLER:
    case VD_DEVICE_KIND_RNG:
    case VD_DEVICE_KIND_WATCHDOG:
    case VD_DEVICE_KIND_TPM:
    case VD_DEVICE_KIND_SMARTCARD:
    case VD_DEVICE_KIND_FILESYSTEM:
    case VD_DEVICE_KIND_MEMBALLOON:
    case VD_DEVICE_KIND_PANIC:
    case VD_DEVICE_KIND_SHMEM:
    case VD_DEVICE_KIND_OTHER:
    default:
      detail = vd_domain_get_active (self->domain)
               ? _("A running guest loses the device now if it can be unplugged, else when it "
                   "next starts.")
               : _("The guest will start without this device.");
      break;
    }

  /* translators: the first %s is a device ("Disk vda"), the second a guest */
  dialog = gtk_message_dialog_new (GTK_WINDOW (self),
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                   _("Remove “%s” from “%s”?"), label,
                                   vd_domain_get_name (self->domain));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", detail);
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL);
  /* translators: the button that removes a device from a guest */
  button = gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Remove"), GTK_RESPONSE_ACCEPT);
  gtk_style_context_add_class (gtk_widget_get_style_context (button), "destructive-action");
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  gtk_window_set_title (GTK_WINDOW (dialog), _("Remove Hardware"));
  g_object_set_data_full (G_OBJECT (dialog), "vd-device-id", g_strdup (id), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (remove_response_cb), self);
  self->remove_dialog = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The sidebar's context menu: Remove… on a device's row. GtkStackSidebar
 * lists the stack's children in order in a GtkListBox (one row each, the
 * rows of hidden children hidden), so a row's index is its child's. */

static GtkWidget *
find_list_box (GtkWidget *widget)
{
  g_autoptr(GList) children = NULL;

  if (GTK_IS_LIST_BOX (widget))
    return widget;
  if (!GTK_IS_CONTAINER (widget))
    return NULL;
  children = gtk_container_get_children (GTK_CONTAINER (widget));
  for (const GList *l = children; l != NULL; l = l->next)
    {
      GtkWidget *found = find_list_box (l->data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static VdHardwarePageDevice *
device_page_of_row (VdVmWindow    *self,
                    GtkListBoxRow *row)
{
  g_autoptr(GList) children = NULL;
  GtkWidget *child;
  GtkWidget *page;

  if (row == NULL || gtk_list_box_row_get_index (row) < 0)
    return NULL;
  children = gtk_container_get_children (GTK_CONTAINER (self->details_stack));
  child = g_list_nth_data (children, (guint)gtk_list_box_row_get_index (row));
  if (!GTK_IS_SCROLLED_WINDOW (child))
    return NULL;
  page = gtk_bin_get_child (GTK_BIN (child));
  page = GTK_IS_VIEWPORT (page) ? gtk_bin_get_child (GTK_BIN (page)) : NULL;
  for (guint i = 0; self->device_pages != NULL && i < self->device_pages->len; i++)
    if (self->device_pages->pdata[i] == (gpointer)page)
      return self->device_pages->pdata[i];

  return NULL;
}

static gboolean
popup_device_menu (VdVmWindow    *self,
                   GtkWidget     *list,
                   GtkListBoxRow *row,
                   const GdkEvent *event)
{
  VdHardwarePageDevice *page = device_page_of_row (self, row);
  GtkWidget *item;

  if (page == NULL || self->applying)
    return GDK_EVENT_PROPAGATE;

  /* Kept until the next one or the window goes: a menu destroyed when it
   * closes would go before its item's activate. */
  if (self->device_menu != NULL)
    gtk_widget_destroy (self->device_menu);
  g_clear_object (&self->device_menu);
  self->device_menu = g_object_ref_sink (gtk_menu_new ());
  /* translators: in a device's context menu in the Details sidebar */
  item = gtk_menu_item_new_with_mnemonic (_("_Remove…"));
  g_signal_connect_object (item, "activate", G_CALLBACK (vd_hardware_page_device_request_remove),
                           page, G_CONNECT_SWAPPED);
  gtk_widget_show (item);
  gtk_menu_shell_append (GTK_MENU_SHELL (self->device_menu), item);
  gtk_menu_attach_to_widget (GTK_MENU (self->device_menu), list, NULL);
  if (event != NULL)
    gtk_menu_popup_at_pointer (GTK_MENU (self->device_menu), event);
  else
    gtk_menu_popup_at_widget (GTK_MENU (self->device_menu), GTK_WIDGET (row),
                              GDK_GRAVITY_SOUTH_WEST, GDK_GRAVITY_NORTH_WEST, NULL);

  return GDK_EVENT_STOP;
}

static gboolean
sidebar_button_press_cb (GtkWidget      *list,
                         GdkEventButton *event,
                         VdVmWindow     *self)
{
  if (!gdk_event_triggers_context_menu ((GdkEvent *)event))
    return GDK_EVENT_PROPAGATE;

  return popup_device_menu (self, list,
                            gtk_list_box_get_row_at_y (GTK_LIST_BOX (list), (int)event->y),
                            (GdkEvent *)event);
}

/* Shift+F10 or the Menu key on the focused row */
static gboolean
sidebar_popup_menu_cb (GtkWidget  *list,
                       VdVmWindow *self)
{
  GtkWidget *focus = gtk_window_get_focus (GTK_WINDOW (self));

  if (!GTK_IS_LIST_BOX_ROW (focus))
    return FALSE;

  return popup_device_menu (self, list, GTK_LIST_BOX_ROW (focus), NULL);
}

/* Leaving a page with edits */

/* Goes where the user was going when asked. */
static void
leave_now (VdVmWindow *self)
{
  guint kind = self->leave_kind;
  g_autofree char *target = g_steal_pointer (&self->leave_target);

  self->leave_kind = LEAVE_NONE;
  switch (kind)
    {
    case LEAVE_PAGE:
      gtk_stack_set_visible_child_name (self->details_stack, target);
      break;

    case LEAVE_MODE:
      gtk_stack_set_visible_child_name (self->mode_stack, target);
      break;

    case LEAVE_CLOSE:
      gtk_window_close (GTK_WINDOW (self));
      break;

    case LEAVE_ADD_HARDWARE:
      _vd_vm_window_details_add_hardware (self);
      break;

    default:
      break;
    }
}

static void
leave_response_cb (GtkDialog  *dialog,
                   int         response,
                   VdVmWindow *self)
{
  gtk_widget_destroy (GTK_WIDGET (dialog));
  self->leave_dialog = NULL;

  switch (response)
    {
    case RESPONSE_APPLY:
      /* leave_now runs when libvirt has taken the changes. */
      start_apply (self);
      break;

    case RESPONSE_DISCARD:
      discard (self);
      leave_now (self);
      break;

    default:
      self->leave_kind = LEAVE_NONE;
      g_clear_pointer (&self->leave_target, g_free);
      break;
    }
}

static void
ask_leave (VdVmWindow *self,
           guint       kind,
           const char *target)
{
  GtkWidget *dialog;

  self->leave_kind = kind;
  g_free (self->leave_target);
  self->leave_target = g_strdup (target);
  if (self->leave_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->leave_dialog));
      return;
    }

  dialog = gtk_message_dialog_new (GTK_WINDOW (self),
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                   _("Apply the changes to “%s”?"),
                                   vd_domain_get_name (self->domain));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                            _("This page has changes that are not applied "
                                              "yet. Discarded changes are lost."));
  gtk_dialog_add_buttons (GTK_DIALOG (dialog),
                          _("_Cancel"), GTK_RESPONSE_CANCEL,
                          _("_Discard"), RESPONSE_DISCARD,
                          _("_Apply"), RESPONSE_APPLY,
                          NULL);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), RESPONSE_APPLY);
  gtk_window_set_title (GTK_WINDOW (dialog), _("Unapplied Changes"));
  g_signal_connect (dialog, "response", G_CALLBACK (leave_response_cb), self);
  self->leave_dialog = dialog;
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
page_shown_cb (VdVmWindow *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->details_stack);

  if (self->switching_back || name == NULL)
    return;

  if (self->current_page != NULL && g_strcmp0 (name, self->current_page) != 0 &&
      !self->applying)
    {
      VdHardwarePage *left = page_by_name (self, self->current_page);

      if (self->xml_dirty || (left != NULL && vd_hardware_page_get_dirty (left)))
        {
          /* Back to the page being left while the user answers. */
          self->switching_back = TRUE;
          gtk_stack_set_visible_child_name (self->details_stack, self->current_page);
          self->switching_back = FALSE;
          ask_leave (self, LEAVE_PAGE, name);
          return;
        }
    }

  g_free (self->current_page);
  self->current_page = g_strdup (name);
  gtk_info_bar_set_revealed (self->page_info_bar, FALSE);
  if (current_page (self) == NULL && in_xml (self))
    gtk_stack_set_visible_child_name (self->mode_stack, "form");
  refresh_xml (self);
  update_buttons (self);
}

static void
mode_shown_cb (VdVmWindow *self)
{
  const char *name = gtk_stack_get_visible_child_name (self->mode_stack);

  if (self->switching_back || name == NULL)
    return;

  if (g_strcmp0 (self->current_mode, "xml") == 0 && g_strcmp0 (name, "xml") != 0 &&
      self->xml_dirty)
    {
      self->switching_back = TRUE;
      gtk_stack_set_visible_child_name (self->mode_stack, "xml");
      self->switching_back = FALSE;
      ask_leave (self, LEAVE_MODE, name);
      return;
    }

  g_free (self->current_mode);
  self->current_mode = g_strdup (name);
  refresh_xml (self);
  update_buttons (self);
}

static void
page_state_changed_cb (VdVmWindow *self)
{
  if (in_xml (self))
    refresh_xml (self);
  update_buttons (self);
}

/* Private API */

void
_vd_vm_window_details_class_init (GtkWidgetClass *widget_class)
{
  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  g_type_ensure (VD_TYPE_HARDWARE_PAGE_OVERVIEW);
  g_type_ensure (VD_TYPE_HARDWARE_PAGE_CPU);
  g_type_ensure (VD_TYPE_HARDWARE_PAGE_MEMORY);
  g_type_ensure (VD_TYPE_HARDWARE_PAGE_OS);
  g_type_ensure (VD_TYPE_HARDWARE_PAGE_BOOT);
  g_type_ensure (VD_TYPE_HARDWARE_PAGE_DEVICE);

  gtk_widget_class_bind_template_child (widget_class, VdVmWindow, mode_switcher);
  gtk_widget_class_bind_template_child (widget_class, VdVmWindow, mode_stack);
  gtk_widget_class_bind_template_child (widget_class, VdVmWindow, xml_view);
  gtk_widget_class_bind_template_child (widget_class, VdVmWindow, xml_message);
  gtk_widget_class_bind_template_child (widget_class, VdVmWindow, page_info_bar);
  gtk_widget_class_bind_template_child (widget_class, VdVmWindow, page_info_label);
  gtk_widget_class_bind_template_child (widget_class, VdVmWindow, edit_bar);
  gtk_widget_class_bind_template_child (widget_class, VdVmWindow, apply_spinner);
  gtk_widget_class_bind_template_child (widget_class, VdVmWindow, apply_button);
  gtk_widget_class_bind_template_child (widget_class, VdVmWindow, revert_button);
  gtk_widget_class_bind_template_child (widget_class, VdVmWindow, overview_page);
  gtk_widget_class_bind_template_child (widget_class, VdVmWindow, os_page);
  gtk_widget_class_bind_template_child (widget_class, VdVmWindow, cpu_page);
  gtk_widget_class_bind_template_child (widget_class, VdVmWindow, memory_page);
  gtk_widget_class_bind_template_child (widget_class, VdVmWindow, boot_page);
  gtk_widget_class_bind_template_child (widget_class, VdVmWindow, details_sidebar);
  gtk_widget_class_bind_template_callback (widget_class, apply_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, revert_clicked_cb);
}

/* Once the window has its domain. */
void
_vd_vm_window_details_init (VdVmWindow *self)
{
  static const char * const config_properties[] = {
    "notify::name", "notify::title", "notify::description", "notify::memory",
    "notify::max-memory", "notify::vcpus", "notify::persistent",
  };
  VdHardwarePage *pages[] = { self->overview_page, self->os_page, self->cpu_page,
                              self->memory_page, self->boot_page };
  GtkSourceLanguageManager *languages = gtk_source_language_manager_get_default ();
  g_autoptr(GtkSourceBuffer) buffer = NULL;

  vd_name_close_buttons (GTK_WIDGET (self->page_info_bar), _("Close message"));
  buffer = gtk_source_buffer_new_with_language (
             gtk_source_language_manager_get_language (languages, "xml"));
  gtk_text_view_set_buffer (GTK_TEXT_VIEW (self->xml_view), GTK_TEXT_BUFFER (buffer));
  g_signal_connect (self->xml_view, "style-updated", G_CALLBACK (xml_view_style_updated_cb),
                    NULL);
  xml_view_style_updated_cb (GTK_WIDGET (self->xml_view));
  g_signal_connect_swapped (buffer, "changed", G_CALLBACK (xml_changed_cb), self);

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      vd_hardware_page_set_domain (pages[i], self->domain);
      vd_hardware_page_set_editor (pages[i], NULL);
      g_signal_connect_swapped (pages[i], "notify::dirty", G_CALLBACK (page_state_changed_cb),
                                self);
      g_signal_connect_swapped (pages[i], "notify::valid", G_CALLBACK (page_state_changed_cb),
                                self);
    }

  self->device_pages = g_ptr_array_new ();
  {
    GtkWidget *list = find_list_box (self->details_sidebar);

    if (list != NULL)
      {
        g_signal_connect (list, "button-press-event", G_CALLBACK (sidebar_button_press_cb), self);
        g_signal_connect (list, "popup-menu", G_CALLBACK (sidebar_popup_menu_cb), self);
      }
  }
  self->current_page = g_strdup (gtk_stack_get_visible_child_name (self->details_stack));
  self->current_mode = g_strdup (gtk_stack_get_visible_child_name (self->mode_stack));
  g_signal_connect_swapped (self->details_stack, "notify::visible-child",
                            G_CALLBACK (page_shown_cb), self);
  g_signal_connect_swapped (self->mode_stack, "notify::visible-child",
                            G_CALLBACK (mode_shown_cb), self);

  for (guint i = 0; i < G_N_ELEMENTS (config_properties); i++)
    g_signal_connect_object (self->domain, config_properties[i],
                             G_CALLBACK (domain_config_changed_cb), self, G_CONNECT_SWAPPED);

  update_buttons (self);
  fetch_editor (self);
}

/* Add Hardware */

static void
device_added_cb (VdVmWindow     *self,
                 VdDomainEditor *editor,
                 const char     *id,
                 gboolean        needs_restart)
{
  g_autofree char *name = g_strconcat ("device-", id, NULL);

  /* The dialog applied a new editor: the device pages follow it, and the
   * new device's page is shown. */
  set_editor (self, editor);
  if (id != NULL && gtk_stack_get_child_by_name (self->details_stack, name) != NULL)
    gtk_stack_set_visible_child_name (self->details_stack, name);
  if (needs_restart)
    show_page_message (self, GTK_MESSAGE_INFO,
                       _("The device is added: it takes effect the next time the guest "
                         "starts."));
  else if (vd_domain_get_active (self->domain))
    show_page_message (self, GTK_MESSAGE_INFO, _("The device is added and in use now."));
}

/* vm.add-hardware: with unapplied changes on the page shown, asks Apply /
 * Discard / Cancel first (the new device is applied over what libvirt
 * has). */
void
_vd_vm_window_details_add_hardware (VdVmWindow *self)
{
  GtkWidget *dialog;

  if (self->domain == NULL || self->applying)
    return;
  if (has_edits (self))
    {
      ask_leave (self, LEAVE_ADD_HARDWARE, NULL);
      return;
    }

  dialog = vd_add_hardware_dialog_new (GTK_WINDOW (self), self->domain);
  g_signal_connect_object (dialog, "device-added", G_CALLBACK (device_added_cb), self,
                           G_CONNECT_SWAPPED);
}

/* From delete-event: TRUE when the window must stay while the user
 * answers. */
gboolean
_vd_vm_window_details_ask_close (VdVmWindow *self)
{
  if (self->domain == NULL)
    return FALSE;
  if (self->applying)
    {
      /* Closes when libvirt has taken the changes (stays if it refuses). */
      self->leave_kind = LEAVE_CLOSE;
      return TRUE;
    }
  if (!has_edits (self))
    return FALSE;

  ask_leave (self, LEAVE_CLOSE, NULL);

  return TRUE;
}

void
_vd_vm_window_details_dispose (VdVmWindow *self)
{
  g_cancellable_cancel (self->fetch_cancellable);
  g_clear_handle_id (&self->reload_source, g_source_remove);
  if (self->leave_dialog != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->leave_dialog, self);
      gtk_widget_destroy (g_steal_pointer (&self->leave_dialog));
    }
  if (self->remove_dialog != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->remove_dialog, self);
      gtk_widget_destroy (g_steal_pointer (&self->remove_dialog));
    }
  if (self->device_menu != NULL)
    gtk_widget_destroy (self->device_menu);
  g_clear_object (&self->device_menu);
  for (guint i = 0; self->device_pages != NULL && i < self->device_pages->len; i++)
    g_signal_handlers_disconnect_by_data (self->device_pages->pdata[i], self);
  g_clear_pointer (&self->device_pages, g_ptr_array_unref);
  g_clear_object (&self->editor);
}

void
_vd_vm_window_details_finalize (VdVmWindow *self)
{
  g_clear_object (&self->fetch_cancellable);
  g_clear_pointer (&self->current_page, g_free);
  g_clear_pointer (&self->current_mode, g_free);
  g_clear_pointer (&self->leave_target, g_free);
  g_clear_pointer (&self->device_signature, g_free);
}
