/* vd-console-usb-list.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-console-usb-list"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-console-usb-list.h"
#include "vd-domain-editor-devices.h"
#include "vd-domain-editor.h"

/*
 * The host's USB devices for a SPICE console, one check button each:
 * checked while the device is redirected to the guest. Toggling connects
 * or disconnects it through spice-gtk's SpiceUsbDeviceManager, whose
 * operations are asynchronous (a spinner meanwhile); why one failed (no
 * free channel, no permission, the device gone) is shown under the
 * device. Devices plugged in or pulled out come and go with the manager's
 * signals.
 *
 * States (vd_console_usb_list_get_state()):
 *   devices      the list
 *   empty        the manager lists no device
 *   no-channels  the guest has no <redirdev type='spicevmc'/>: "Add a
 *                Channel" adds one to its configuration (through
 *                VdDomainEditor, in a worker)
 *   unavailable  no SPICE session, or this computer cannot redirect USB
 */

struct _VdConsoleUsbList
{
  GtkBin                 parent_instance;

  /* Template widgets */
  GtkStack              *stack;
  GtkListBox            *list_box;
  GtkLabel              *unavailable_label;
  GtkWidget             *add_button;
  GtkSpinner            *add_spinner;
  GtkLabel              *add_result_label;

  /* Owned */
  VdConsoleSessionSpice *session;
  VdDomain              *domain;
  SpiceUsbDeviceManager *manager;     /* the session's */
  VdDomainEditor        *editor;      /* while a channel is being added */
  GCancellable          *cancellable;     /* USB operations of this session */
  GCancellable          *add_cancellable; /* adding a channel to this guest */
  char                  *add_result;
  guint                  n_redirdevs;
  gboolean               adding;
};

G_DEFINE_FINAL_TYPE (VdConsoleUsbList, vd_console_usb_list, GTK_TYPE_BIN)

/* What a row holds: the device and the widgets that show it. */
typedef struct
{
  SpiceUsbDevice *device;
  GtkWidget      *check;
  GtkWidget      *spinner;
  GtkLabel       *error_label;
  gulong          toggled_id;
  gboolean        busy;
} UsbRow;

static void
usb_row_free (UsbRow *row)
{
  g_boxed_free (spice_usb_device_get_type (), row->device);
  g_free (row);
}

static UsbRow *
row_data (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "vd-usb-row");
}

static GtkWidget *
find_row (VdConsoleUsbList *self,
          SpiceUsbDevice   *device)
{
  g_autoptr(GList) rows = gtk_container_get_children (GTK_CONTAINER (self->list_box));

  for (GList *l = rows; l != NULL; l = l->next)
    if (row_data (l->data)->device == device)
      return l->data;

  return NULL;
}

static void
update_state (VdConsoleUsbList *self)
{
  const char *page;

  if (self->manager == NULL)
    page = "unavailable";
  else if (self->n_redirdevs == 0)
    page = "no-channels";
  else if (vd_console_usb_list_get_n_devices (self) == 0)
    page = "empty";
  else
    page = "devices";

  gtk_stack_set_visible_child_name (self->stack, page);
}

/* The check shows what the manager says, without toggling anything. */
static void
sync_row (VdConsoleUsbList *self,
          GtkWidget        *widget)
{
  UsbRow *row = row_data (widget);
  gboolean connected = spice_usb_device_manager_is_device_connected (self->manager, row->device);

  g_signal_handler_block (row->check, row->toggled_id);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (row->check), connected);
  g_signal_handler_unblock (row->check, row->toggled_id);
  gtk_widget_set_sensitive (row->check, !row->busy);
  gtk_widget_set_visible (row->spinner, row->busy);
  if (row->busy)
    gtk_spinner_start (GTK_SPINNER (row->spinner));
  else
    gtk_spinner_stop (GTK_SPINNER (row->spinner));
}

static void
show_row_error (GtkWidget  *widget,
                const char *message)
{
  UsbRow *row = row_data (widget);

  gtk_label_set_text (row->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (row->error_label), message != NULL);
}

typedef struct
{
  VdConsoleUsbList *self;     /* a reference */
  GtkWidget        *row;      /* a reference */
  gboolean          connect;
} UsbOp;

static void
usb_op_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autofree UsbOp *op = user_data;
  g_autoptr(VdConsoleUsbList) self = op->self;
  g_autoptr(GtkWidget) widget = op->row;
  SpiceUsbDeviceManager *manager = SPICE_USB_DEVICE_MANAGER (object);
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (op->connect)
    ok = spice_usb_device_manager_connect_device_finish (manager, result, &error);
  else
    ok = spice_usb_device_manager_disconnect_device_finish (manager, result, &error);

  /* The list was closed, or the device went. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      manager != self->manager || gtk_widget_get_parent (widget) == NULL)
    return;

  row_data (widget)->busy = FALSE;
  if (!ok)
    {
      /* translators: %s is spice-gtk's reason, e.g. "No free USB channel" */
      g_autofree char *message = g_strdup_printf (op->connect
                                                  ? _("Could not redirect the device: %s")
                                                  : _("Could not give the device back: %s"),
                                                  error->message);
      g_debug ("%s", message);
      show_row_error (widget, message);
    }
  sync_row (self, widget);
}

static void
check_toggled_cb (GtkToggleButton *check,
                  GtkWidget       *widget)
{
  VdConsoleUsbList *self = VD_CONSOLE_USB_LIST (gtk_widget_get_ancestor (widget,
                                                                          VD_TYPE_CONSOLE_USB_LIST));
  UsbRow *row = row_data (widget);
  UsbOp *op;

  if (self == NULL || self->manager == NULL || row->busy)
    return;

  op = g_new0 (UsbOp, 1);
  op->self = g_object_ref (self);
  op->row = g_object_ref (widget);
  op->connect = gtk_toggle_button_get_active (check);
  row->busy = TRUE;
  show_row_error (widget, NULL);
  sync_row (self, widget);
  /* sync_row() shows the state before the operation; the check shows the
   * one asked for while the spinner turns. */
  g_signal_handler_block (row->check, row->toggled_id);
  gtk_toggle_button_set_active (check, op->connect);
  g_signal_handler_unblock (row->check, row->toggled_id);

  if (op->connect)
    spice_usb_device_manager_connect_device_async (self->manager, row->device, self->cancellable,
                                                   usb_op_done_cb, op);
  else
    spice_usb_device_manager_disconnect_device_async (self->manager, row->device,
                                                      self->cancellable, usb_op_done_cb, op);
}

static void
add_device_row (VdConsoleUsbList *self,
                SpiceUsbDevice   *device)
{
  g_autofree char *description = NULL;
  GtkWidget *widget;
  GtkWidget *box;
  GtkWidget *line;
  UsbRow *row;

  if (find_row (self, device) != NULL)
    return;

  /* translators: a USB device: manufacturer, product, [vendor:product
   * ids], then the bus and address it is at */
  description = spice_usb_device_get_description (device, _("%s %s %s at %d-%d"));

  row = g_new0 (UsbRow, 1);
  row->device = g_boxed_copy (spice_usb_device_get_type (), device);
  row->check = gtk_check_button_new_with_label (description);
  row->spinner = gtk_spinner_new ();
  row->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_line_wrap (row->error_label, TRUE);
  gtk_label_set_max_width_chars (row->error_label, 44);
  gtk_label_set_xalign (row->error_label, 0);
  gtk_widget_set_margin_start (GTK_WIDGET (row->error_label), 24);
  gtk_style_context_add_class (gtk_widget_get_style_context (GTK_WIDGET (row->error_label)),
                               "error");

  line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  gtk_widget_set_hexpand (row->check, TRUE);
  gtk_container_add (GTK_CONTAINER (line), row->check);
  gtk_container_add (GTK_CONTAINER (line), row->spinner);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  gtk_widget_set_margin_top (box, 3);
  gtk_widget_set_margin_bottom (box, 3);
  gtk_container_add (GTK_CONTAINER (box), line);
  gtk_container_add (GTK_CONTAINER (box), GTK_WIDGET (row->error_label));

  widget = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (widget), FALSE);
  gtk_container_add (GTK_CONTAINER (widget), box);
  g_object_set_data_full (G_OBJECT (widget), "vd-usb-row", row, (GDestroyNotify)usb_row_free);
  row->toggled_id = g_signal_connect (row->check, "toggled", G_CALLBACK (check_toggled_cb), widget);
  gtk_widget_show_all (widget);
  gtk_widget_hide (GTK_WIDGET (row->error_label));
  gtk_container_add (GTK_CONTAINER (self->list_box), widget);
  sync_row (self, widget);
}

static void
device_added_cb (VdConsoleUsbList *self,
                 SpiceUsbDevice   *device)
{
  add_device_row (self, device);
  update_state (self);
}

static void
device_removed_cb (VdConsoleUsbList *self,
                   SpiceUsbDevice   *device)
{
  GtkWidget *widget = find_row (self, device);

  if (widget != NULL)
    gtk_widget_destroy (widget);
  update_state (self);
}

static void
device_error_cb (VdConsoleUsbList *self,
                 SpiceUsbDevice   *device,
                 GError           *error)
{
  GtkWidget *widget = find_row (self, device);

  if (widget == NULL)
    return;

  show_row_error (widget, error->message);
  sync_row (self, widget);
}

static void
clear_rows (VdConsoleUsbList *self)
{
  g_autoptr(GList) rows = gtk_container_get_children (GTK_CONTAINER (self->list_box));

  for (GList *l = rows; l != NULL; l = l->next)
    gtk_widget_destroy (l->data);
}

/* ------------------------------------------------------------------ */
/* Add a channel                                                       */
/* ------------------------------------------------------------------ */

static void
set_adding (VdConsoleUsbList *self,
            gboolean          adding,
            const char       *result)
{
  self->adding = adding;
  g_free (self->add_result);
  self->add_result = g_strdup (result);
  gtk_widget_set_sensitive (self->add_button, !adding && result == NULL);
  if (adding)
    gtk_spinner_start (self->add_spinner);
  else
    gtk_spinner_stop (self->add_spinner);
  gtk_label_set_text (self->add_result_label, result != NULL ? result : "");
  gtk_widget_set_visible (GTK_WIDGET (self->add_result_label), result != NULL);
}

static void
add_failed (VdConsoleUsbList *self,
            const GError     *error)
{
  /* translators: %s is why the channel could not be added */
  g_autofree char *message = g_strdup_printf (_("Could not add a channel: %s"), error->message);

  set_adding (self, FALSE, message);
  /* Another try is allowed after a failure. */
  gtk_widget_set_sensitive (self->add_button, TRUE);
}

static void
applied_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(VdConsoleUsbList) self = user_data;
  g_autoptr(VdDomainEditor) editor = g_steal_pointer (&self->editor);
  g_autoptr(GError) error = NULL;
  gboolean needs_restart = FALSE;

  if (editor == NULL)
    return;

  if (!vd_domain_editor_apply_finish_full (editor, result, &needs_restart, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        add_failed (self, error);
      return;
    }

  set_adding (self, FALSE,
              needs_restart || !vd_domain_get_active (VD_DOMAIN (object))
              ? _("A USB redirection channel was added. It takes effect the next time the "
                  "guest starts.")
              : _("A USB redirection channel was added to the running guest. It takes effect "
                  "when the console connects again or the guest restarts."));
}

static void
editor_fetched_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(VdConsoleUsbList) self = user_data;
  g_autoptr(VdDomainEditor) editor = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;

  editor = vd_domain_fetch_editor_finish (VD_DOMAIN (object), result, &error);
  if (editor == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        add_failed (self, error);
      return;
    }

  if (g_cancellable_is_cancelled (self->add_cancellable) || VD_DOMAIN (object) != self->domain)
    return;

  id = vd_domain_editor_add_device_xml (editor, "<redirdev bus='usb' type='spicevmc'/>", &error);
  if (id == NULL)
    {
      add_failed (self, error);
      return;
    }

  g_set_object (&self->editor, editor);
  vd_domain_editor_apply_async (editor, self->domain, self->add_cancellable, applied_cb,
                                g_object_ref (self));
}

static void
add_clicked_cb (VdConsoleUsbList *self)
{
  if (self->domain == NULL || self->adding)
    return;

  set_adding (self, TRUE, NULL);
  vd_domain_fetch_editor_async (self->domain, self->add_cancellable, editor_fetched_cb,
                                g_object_ref (self));
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */
/* ------------------------------------------------------------------ */

static void
vd_console_usb_list_dispose (GObject *object)
{
  VdConsoleUsbList *self = (VdConsoleUsbList *)object;

  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->add_cancellable);
  if (self->manager != NULL)
    g_signal_handlers_disconnect_by_data (self->manager, self);
  g_clear_object (&self->manager);
  g_clear_object (&self->editor);
  g_clear_object (&self->session);
  g_clear_object (&self->domain);

  G_OBJECT_CLASS (vd_console_usb_list_parent_class)->dispose (object);
}

static void
vd_console_usb_list_finalize (GObject *object)
{
  VdConsoleUsbList *self = (VdConsoleUsbList *)object;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->add_cancellable);
  g_free (self->add_result);

  G_OBJECT_CLASS (vd_console_usb_list_parent_class)->finalize (object);
}

static void
vd_console_usb_list_class_init (VdConsoleUsbListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vd_console_usb_list_dispose;
  object_class->finalize = vd_console_usb_list_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/console/vd-console-usb-list.ui");
  gtk_widget_class_bind_template_child (widget_class, VdConsoleUsbList, stack);
  gtk_widget_class_bind_template_child (widget_class, VdConsoleUsbList, list_box);
  gtk_widget_class_bind_template_child (widget_class, VdConsoleUsbList, unavailable_label);
  gtk_widget_class_bind_template_child (widget_class, VdConsoleUsbList, add_button);
  gtk_widget_class_bind_template_child (widget_class, VdConsoleUsbList, add_spinner);
  gtk_widget_class_bind_template_child (widget_class, VdConsoleUsbList, add_result_label);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);
}

static void
vd_console_usb_list_init (VdConsoleUsbList *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->add_cancellable = g_cancellable_new ();
  gtk_label_set_text (self->unavailable_label,
                      _("USB devices can be redirected while the guest’s SPICE display is shown."));
  update_state (self);
}

GtkWidget *
vd_console_usb_list_new (void)
{
  return g_object_new (VD_TYPE_CONSOLE_USB_LIST, NULL);
}

/**
 * vd_console_usb_list_set_session:
 * @session: (nullable): the SPICE session whose guest gets the devices
 * @domain: (nullable): its guest (for "Add a Channel")
 * @n_redirdevs: how many <redirdev type='spicevmc'/> the running guest has
 *
 * Lists the host's devices from @session's USB device manager.
 */
void
vd_console_usb_list_set_session (VdConsoleUsbList      *self,
                                 VdConsoleSessionSpice *session,
                                 VdDomain              *domain,
                                 guint                  n_redirdevs)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) devices = NULL;

  g_return_if_fail (VD_IS_CONSOLE_USB_LIST (self));
  g_return_if_fail (session == NULL || VD_IS_CONSOLE_SESSION_SPICE (session));
  g_return_if_fail (domain == NULL || VD_IS_DOMAIN (domain));

  self->n_redirdevs = n_redirdevs;
  if (session == self->session && domain == self->domain)
    {
      update_state (self);
      return;
    }

  /* Operations of the old session or guest end here. */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  if (self->manager != NULL)
    g_signal_handlers_disconnect_by_data (self->manager, self);
  g_clear_object (&self->manager);
  clear_rows (self);
  if (domain != self->domain)
    {
      g_cancellable_cancel (self->add_cancellable);
      g_clear_object (&self->add_cancellable);
      self->add_cancellable = g_cancellable_new ();
      g_clear_object (&self->editor);
      set_adding (self, FALSE, NULL);
    }
  g_set_object (&self->session, session);
  g_set_object (&self->domain, domain);

  if (session != NULL)
    {
      SpiceUsbDeviceManager *manager = vd_console_session_spice_get_usb_manager (session, &error);

      if (manager == NULL)
        {
          /* translators: %s is spice-gtk's reason */
          g_autofree char *message = g_strdup_printf (_("This computer cannot redirect USB "
                                                        "devices: %s"), error->message);
          gtk_label_set_text (self->unavailable_label, message);
        }
      else
        {
          self->manager = g_object_ref (manager);
          g_signal_connect_object (manager, "device-added", G_CALLBACK (device_added_cb), self,
                                   G_CONNECT_SWAPPED);
          g_signal_connect_object (manager, "device-removed", G_CALLBACK (device_removed_cb),
                                   self, G_CONNECT_SWAPPED);
          g_signal_connect_object (manager, "device-error", G_CALLBACK (device_error_cb), self,
                                   G_CONNECT_SWAPPED);
          devices = spice_usb_device_manager_get_devices (manager);
          for (guint i = 0; i < devices->len; i++)
            add_device_row (self, g_ptr_array_index (devices, i));
        }
    }
  else
    {
      gtk_label_set_text (self->unavailable_label,
                          _("USB devices can be redirected while the guest’s SPICE display is "
                            "shown."));
    }

  update_state (self);
}

/**
 * vd_console_usb_list_get_state:
 *
 * Returns: "devices", "empty", "no-channels" or "unavailable"
 */
const char *
vd_console_usb_list_get_state (VdConsoleUsbList *self)
{
  g_return_val_if_fail (VD_IS_CONSOLE_USB_LIST (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

guint
vd_console_usb_list_get_n_devices (VdConsoleUsbList *self)
{
  g_autoptr(GList) rows = NULL;

  g_return_val_if_fail (VD_IS_CONSOLE_USB_LIST (self), 0);

  rows = gtk_container_get_children (GTK_CONTAINER (self->list_box));
  return g_list_length (rows);
}

/**
 * vd_console_usb_list_get_row:
 *
 * Returns: (transfer none) (nullable): the device's check button at
 *   @position, in the order shown
 */
GtkWidget *
vd_console_usb_list_get_row (VdConsoleUsbList *self,
                             guint             position)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (VD_IS_CONSOLE_USB_LIST (self), NULL);

  row = gtk_list_box_get_row_at_index (self->list_box, (int)position);
  return row != NULL ? row_data (GTK_WIDGET (row))->check : NULL;
}

/**
 * vd_console_usb_list_get_add_result:
 *
 * Returns: (nullable): what "Add a Channel" did, as shown
 */
const char *
vd_console_usb_list_get_add_result (VdConsoleUsbList *self)
{
  g_return_val_if_fail (VD_IS_CONSOLE_USB_LIST (self), NULL);

  return self->add_result;
}
