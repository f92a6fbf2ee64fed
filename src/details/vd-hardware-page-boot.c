/* vd-hardware-page-boot.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-hardware-page"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-domain-editor-devices.h"
#include "vd-domain-editor-guest.h"
#include "vd-error.h"
#include "vd-hardware-page-boot.h"
#include "vd-xml.h"

/*
 * Boot: the firmware's boot menu and its timeout; which devices the guest
 * boots from and in what order (a list with a check box and up/down
 * buttons per device); and whether the guest starts with the host. The
 * last is not in the XML: the switch calls vd_domain_set_autostart_async
 * at once and follows the guest's autostart property.
 *
 * A guest with host devices, or one that already orders its boot per
 * device, gets one row per bootable device (disks, CD-ROMs, floppies, NICs,
 * host and redirected devices) instead: a host device can be booted from
 * only that way. An os/boot order is shown mapped onto the first device of
 * each type; the list is written (as <boot order='N'/> on each device,
 * without os/boot) only when the user changes it.
 *
 * Direct kernel boot: a kernel on the host (with an optional initrd,
 * arguments and device tree), absolute paths each judged next to its
 * field; turning it on without a kernel is refused, turning it off removes
 * all four.
 */

struct _VdHardwarePageBoot
{
  VdHardwarePage  parent_instance;

  /* Template widgets */
  GtkSwitch      *autostart_switch;
  GtkLabel       *autostart_message;
  GtkToggleButton *bootmenu_check;
  GtkSpinButton  *timeout_spin;
  GtkListBox     *boot_list;
  GtkLabel       *boot_message;
  GtkWidget      *boot_note;
  GtkToggleButton *kernel_check;
  GtkWidget      *kernel_grid;
  GtkEntry       *kernel_entry;
  GtkEntry       *initrd_entry;
  GtkEntry       *cmdline_entry;
  GtkEntry       *dtb_entry;
  GtkLabel       *kernel_message;
  GtkLabel       *initrd_message;
  GtkLabel       *cmdline_message;
  GtkLabel       *dtb_message;

  /* Owned references */
  GCancellable   *cancellable;
  GBinding       *autostart_binding;

  gboolean        per_device;   /* the guest orders its boot per device */
  gboolean        device_mode;  /* the list has a row per device */
  GStrv           loaded_devices; /* device_mode: the order as loaded */
};

G_DEFINE_FINAL_TYPE (VdHardwarePageBoot, vd_hardware_page_boot, VD_TYPE_HARDWARE_PAGE)

static const struct {
  const char *id;
  const char *label;
} devices[] = {
  /* translators: a boot device */
  { "hd", N_("Hard disk") },
  /* translators: a boot device */
  { "cdrom", N_("CD/DVD drive") },
  /* translators: a boot device: booting over the network (PXE) */
  { "network", N_("Network (PXE)") },
  /* translators: a boot device */
  { "fd", N_("Floppy disk") },
};

static const char *
device_label (const char *id)
{
  for (guint i = 0; i < G_N_ELEMENTS (devices); i++)
    if (g_str_equal (devices[i].id, id))
      return _(devices[i].label);

  return id;
}

static void
field_changed_cb (VdHardwarePageBoot *self)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->timeout_spin),
                            gtk_toggle_button_get_active (self->bootmenu_check));
  gtk_widget_set_sensitive (self->kernel_grid, gtk_toggle_button_get_active (self->kernel_check));
  vd_hardware_page_changed (VD_HARDWARE_PAGE (self));
}

static void
update_move_buttons (VdHardwarePageBoot *self)
{
  g_autoptr(GList) rows = gtk_container_get_children (GTK_CONTAINER (self->boot_list));

  for (const GList *l = rows; l != NULL; l = l->next)
    {
      gtk_widget_set_sensitive (g_object_get_data (l->data, "up"), l->prev != NULL);
      gtk_widget_set_sensitive (g_object_get_data (l->data, "down"), l->next != NULL);
    }
}

static void
move_row (VdHardwarePageBoot *self,
          GtkListBoxRow      *row,
          int                 delta)
{
  int index = gtk_list_box_row_get_index (row) + delta;
  g_autoptr(GtkWidget) held = g_object_ref (GTK_WIDGET (row));

  if (index < 0)
    return;
  gtk_container_remove (GTK_CONTAINER (self->boot_list), held);
  gtk_list_box_insert (self->boot_list, held, index);
  update_move_buttons (self);
  field_changed_cb (self);
}

static void
up_clicked_cb (GtkButton *button,
               VdHardwarePageBoot *self)
{
  move_row (self, GTK_LIST_BOX_ROW (gtk_widget_get_ancestor (GTK_WIDGET (button),
                                                             GTK_TYPE_LIST_BOX_ROW)), -1);
}

static void
down_clicked_cb (GtkButton          *button,
                 VdHardwarePageBoot *self)
{
  move_row (self, GTK_LIST_BOX_ROW (gtk_widget_get_ancestor (GTK_WIDGET (button),
                                                             GTK_TYPE_LIST_BOX_ROW)), 1);
}

static GtkWidget *
move_button (const char *icon,
             const char *accessible,
             const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon, GTK_ICON_SIZE_BUTTON);

  gtk_widget_set_tooltip_text (button, tooltip);
  atk_object_set_name (gtk_widget_get_accessible (button), accessible);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);

  return button;
}

static void
add_row (VdHardwarePageBoot *self,
         const char         *id,
         const char         *label,
         gboolean            enabled)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *check = gtk_check_button_new_with_label (label);
  g_autofree char *up_name = g_strdup_printf (_("Move %s up"), label);
  g_autofree char *down_name = g_strdup_printf (_("Move %s down"), label);
  GtkWidget *up = move_button ("go-up-symbolic", up_name, _("Try this device earlier"));
  GtkWidget *down = move_button ("go-down-symbolic", down_name, _("Try this device later"));

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_selectable (GTK_LIST_BOX_ROW (row), FALSE);
  g_object_set (box, "margin", 6, NULL);
  gtk_widget_set_hexpand (check, TRUE);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (check), enabled);
  gtk_container_add (GTK_CONTAINER (box), check);
  gtk_container_add (GTK_CONTAINER (box), up);
  gtk_container_add (GTK_CONTAINER (box), down);
  gtk_container_add (GTK_CONTAINER (row), box);
  g_object_set_data_full (G_OBJECT (row), "device", g_strdup (id), g_free);
  g_object_set_data (G_OBJECT (row), "check", check);
  g_object_set_data (G_OBJECT (row), "up", up);
  g_object_set_data (G_OBJECT (row), "down", down);
  g_signal_connect_swapped (check, "toggled", G_CALLBACK (field_changed_cb), self);
  g_signal_connect (up, "clicked", G_CALLBACK (up_clicked_cb), self);
  g_signal_connect (down, "clicked", G_CALLBACK (down_clicked_cb), self);
  gtk_widget_show_all (row);
  gtk_container_add (GTK_CONTAINER (self->boot_list), row);
}

static void
load_kernel (VdHardwarePageBoot *self,
             VdDomainEditor     *editor)
{
  g_autofree char *kernel = NULL, *initrd = NULL, *cmdline = NULL, *dtb = NULL;
  gboolean on = vd_domain_editor_get_kernel_boot (editor, &kernel, &initrd, &cmdline, &dtb);

  gtk_toggle_button_set_active (self->kernel_check, on);
  gtk_entry_set_text (self->kernel_entry, kernel != NULL ? kernel : "");
  gtk_entry_set_text (self->initrd_entry, initrd != NULL ? initrd : "");
  gtk_entry_set_text (self->cmdline_entry, cmdline != NULL ? cmdline : "");
  gtk_entry_set_text (self->dtb_entry, dtb != NULL ? dtb : "");
  gtk_widget_set_sensitive (self->kernel_grid, on);
  vd_hardware_page_set_field_message (self->kernel_message, NULL);
  vd_hardware_page_set_field_message (self->initrd_message, NULL);
  vd_hardware_page_set_field_message (self->cmdline_message, NULL);
  vd_hardware_page_set_field_message (self->dtb_message, NULL);
}

static char *
entry_text (GtkEntry *entry)
{
  return g_strstrip (g_strdup (gtk_entry_get_text (entry)));
}

/* One path: empty, or absolute. Sets the field's message. */
static gboolean
check_path (GtkEntry   *entry,
            GtkLabel   *message,
            gboolean    required,
            GError    **error)
{
  g_autofree char *path = entry_text (entry);
  GError *local_error = NULL;

  if (path[0] == '\0' && required)
    local_error = g_error_new_literal (VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                                       _("A direct kernel boot needs the kernel’s path"));
  else if (path[0] != '\0' && !g_path_is_absolute (path))
    local_error = g_error_new (VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                               _("Give the whole path, starting with “/”"));
  vd_hardware_page_set_field_message (message, local_error != NULL ? local_error->message : NULL);
  if (local_error == NULL)
    return TRUE;
  if (error != NULL && *error == NULL)
    g_propagate_error (error, local_error);
  else
    g_error_free (local_error);

  return FALSE;
}

static gboolean
commit_kernel (VdHardwarePageBoot  *self,
               VdDomainEditor      *editor,
               GError             **error)
{
  g_autofree char *kernel = entry_text (self->kernel_entry);
  g_autofree char *initrd = entry_text (self->initrd_entry);
  g_autofree char *cmdline = entry_text (self->cmdline_entry);
  g_autofree char *dtb = entry_text (self->dtb_entry);
  g_autoptr(GError) local_error = NULL;
  gboolean ok = TRUE;

  vd_hardware_page_set_field_message (self->cmdline_message, NULL);
  if (!gtk_toggle_button_get_active (self->kernel_check))
    {
      vd_hardware_page_set_field_message (self->kernel_message, NULL);
      vd_hardware_page_set_field_message (self->initrd_message, NULL);
      vd_hardware_page_set_field_message (self->dtb_message, NULL);
      return vd_domain_editor_set_kernel_boot (editor, NULL, NULL, NULL, NULL, error);
    }

  /* Every field is judged, so every message is up to date. */
  ok = check_path (self->kernel_entry, self->kernel_message, TRUE, error) && ok;
  ok = check_path (self->initrd_entry, self->initrd_message, FALSE, error) && ok;
  ok = check_path (self->dtb_entry, self->dtb_message, FALSE, error) && ok;
  if (!ok)
    return FALSE;

  if (!vd_domain_editor_set_kernel_boot (editor, kernel, initrd, cmdline, dtb, &local_error))
    {
      vd_hardware_page_set_field_message (self->cmdline_message, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

static gboolean
has_hostdev (VdDomainEditor *editor)
{
  g_autoptr(GPtrArray) refs = vd_domain_editor_list_devices (editor);

  for (guint i = 0; i < refs->len; i++)
    if (vd_device_ref_get_kind (refs->pdata[i]) == VD_DEVICE_KIND_HOSTDEV)
      return TRUE;

  return FALSE;
}

/* The device an os/boot entry means: the first of its type. */
static VdDeviceKind
boot_dev_kind (const char *dev)
{
  if (g_strcmp0 (dev, "hd") == 0)
    return VD_DEVICE_KIND_DISK;
  if (g_strcmp0 (dev, "cdrom") == 0)
    return VD_DEVICE_KIND_CDROM;
  if (g_strcmp0 (dev, "fd") == 0)
    return VD_DEVICE_KIND_FLOPPY;
  if (g_strcmp0 (dev, "network") == 0)
    return VD_DEVICE_KIND_INTERFACE;
  return VD_DEVICE_KIND_OTHER;
}

static void
load_device_rows (VdHardwarePageBoot *self,
                  VdDomainEditor     *editor,
                  const char * const *os_order)
{
  g_autoptr(GPtrArray) refs = vd_domain_editor_list_devices (editor);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) order = NULL;

  if (self->per_device)
    order = vd_domain_editor_get_device_boot_order (editor);
  else
    {
      for (guint i = 0; os_order[i] != NULL; i++)
        for (guint j = 0; j < refs->len; j++)
          if (vd_device_ref_get_kind (refs->pdata[j]) == boot_dev_kind (os_order[i]))
            {
              g_strv_builder_add (builder, vd_device_ref_get_id (refs->pdata[j]));
              break;
            }
      order = g_strv_builder_end (builder);
    }

  for (guint i = 0; order[i] != NULL; i++)
    for (guint j = 0; j < refs->len; j++)
      if (g_strcmp0 (vd_device_ref_get_id (refs->pdata[j]), order[i]) == 0)
        add_row (self, order[i], vd_device_ref_get_label (refs->pdata[j]), TRUE);
  for (guint j = 0; j < refs->len; j++)
    {
      const char *id = vd_device_ref_get_id (refs->pdata[j]);

      if (vd_domain_editor_device_can_boot (editor, id) &&
          !g_strv_contains ((const char * const *)order, id))
        add_row (self, id, vd_device_ref_get_label (refs->pdata[j]), FALSE);
    }
  self->loaded_devices = g_steal_pointer (&order);
}

static void
vd_hardware_page_boot_load (VdHardwarePage *page,
                            VdDomainEditor *editor)
{
  VdHardwarePageBoot *self = VD_HARDWARE_PAGE_BOOT (page);
  g_auto(GStrv) order = vd_domain_editor_get_boot_order (editor);
  g_autofree char *xml = vd_domain_editor_get_xml (editor);
  g_autoptr(VdXml) doc = vd_xml_new (xml);
  g_autoptr(GList) rows = gtk_container_get_children (GTK_CONTAINER (self->boot_list));
  guint timeout = 0;
  gboolean menu = vd_domain_editor_get_boot_menu (editor, &timeout);

  gtk_toggle_button_set_active (self->bootmenu_check, menu);
  gtk_spin_button_set_value (self->timeout_spin, timeout);
  gtk_widget_set_sensitive (GTK_WIDGET (self->timeout_spin), menu);

  for (const GList *l = rows; l != NULL; l = l->next)
    gtk_widget_destroy (l->data);
  self->per_device = FALSE;
  if (doc != NULL)
    {
      g_autoptr(GPtrArray) boots = vd_xml_get_nodes (doc, "/domain/devices/*/boot");

      self->per_device = boots->len > 0;
    }
  g_clear_pointer (&self->loaded_devices, g_strfreev);
  self->device_mode = self->per_device || has_hostdev (editor);
  if (self->device_mode)
    load_device_rows (self, editor, (const char * const *)order);
  else
    {
      for (guint i = 0; order[i] != NULL; i++)
        add_row (self, order[i], device_label (order[i]), TRUE);
      for (guint i = 0; i < G_N_ELEMENTS (devices); i++)
        if (!g_strv_contains ((const char * const *)order, devices[i].id))
          add_row (self, devices[i].id, device_label (devices[i].id), FALSE);
    }
  update_move_buttons (self);
  gtk_widget_set_visible (self->boot_note, self->device_mode && !self->per_device);

  load_kernel (self, editor);
  vd_hardware_page_set_field_message (self->boot_message, NULL);
}

static gboolean
vd_hardware_page_boot_commit (VdHardwarePage  *page,
                              VdDomainEditor  *editor,
                              GError         **error)
{
  VdHardwarePageBoot *self = VD_HARDWARE_PAGE_BOOT (page);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) order = NULL;
  g_autoptr(GList) rows = gtk_container_get_children (GTK_CONTAINER (self->boot_list));
  g_autoptr(GError) local_error = NULL;

  if (!vd_domain_editor_set_boot_menu (editor, gtk_toggle_button_get_active (self->bootmenu_check),
                                       (guint)gtk_spin_button_get_value_as_int (self->timeout_spin),
                                       &local_error))
    {
      vd_hardware_page_set_field_message (self->boot_message, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!commit_kernel (self, editor, error))
    return FALSE;

  for (const GList *l = rows; l != NULL; l = l->next)
    if (gtk_toggle_button_get_active (g_object_get_data (l->data, "check")))
      g_strv_builder_add (builder, g_object_get_data (l->data, "device"));
  order = g_strv_builder_end (builder);

  /* Per device: written only when changed, so an os/boot order shown
   * mapped onto devices stays as it is. */
  if (self->device_mode)
    {
      if (g_strv_equal ((const char * const *)order,
                        (const char * const *)self->loaded_devices))
        return TRUE;
      if (!vd_domain_editor_set_device_boot_order (editor, (const char * const *)order,
                                                   &local_error))
        {
          vd_hardware_page_set_field_message (self->boot_message, local_error->message);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      vd_hardware_page_set_field_message (self->boot_message, NULL);
      return TRUE;
    }

  if (!vd_domain_editor_set_boot_order (editor, (const char * const *)order, &local_error))
    {
      vd_hardware_page_set_field_message (self->boot_message, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  vd_hardware_page_set_field_message (self->boot_message, NULL);

  return TRUE;
}

/* Autostart */

static void
autostart_done_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(VdHardwarePageBoot) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!vd_domain_set_autostart_finish (VD_DOMAIN (object), result, &error) ||
      g_cancellable_is_cancelled (self->cancellable))
    {
      /* A page disposed meanwhile has no widgets left to update. */
      if (g_cancellable_is_cancelled (self->cancellable) ||
          g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      vd_hardware_page_set_field_message (self->autostart_message, error->message);
    }

  /* Whatever happened, the switch shows what libvirt now says. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->autostart_switch), TRUE);
  g_signal_handlers_block_matched (self->autostart_switch, G_SIGNAL_MATCH_DATA, 0, 0, NULL,
                                   NULL, self);
  gtk_switch_set_active (self->autostart_switch, vd_domain_get_autostart (VD_DOMAIN (object)));
  g_signal_handlers_unblock_matched (self->autostart_switch, G_SIGNAL_MATCH_DATA, 0, 0, NULL,
                                     NULL, self);
}

static gboolean
autostart_state_set_cb (GtkSwitch          *widget,
                        gboolean            state,
                        VdHardwarePageBoot *self)
{
  VdDomain *domain = vd_hardware_page_get_domain (VD_HARDWARE_PAGE (self));

  if (domain == NULL || state == vd_domain_get_autostart (domain))
    return GDK_EVENT_PROPAGATE;

  vd_hardware_page_set_field_message (self->autostart_message, NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (widget), FALSE);
  vd_domain_set_autostart_async (domain, state, self->cancellable, autostart_done_cb,
                                 g_object_ref (self));

  return GDK_EVENT_PROPAGATE;
}

static void
autostart_notify_cb (VdHardwarePageBoot *self)
{
  VdDomain *domain = vd_hardware_page_get_domain (VD_HARDWARE_PAGE (self));

  if (domain == NULL || !gtk_widget_get_sensitive (GTK_WIDGET (self->autostart_switch)))
    return;
  g_signal_handlers_block_matched (self->autostart_switch, G_SIGNAL_MATCH_DATA, 0, 0, NULL,
                                   NULL, self);
  gtk_switch_set_active (self->autostart_switch, vd_domain_get_autostart (domain));
  g_signal_handlers_unblock_matched (self->autostart_switch, G_SIGNAL_MATCH_DATA, 0, 0, NULL,
                                     NULL, self);
}

static void
domain_changed_cb (VdHardwarePageBoot *self)
{
  VdDomain *domain = vd_hardware_page_get_domain (VD_HARDWARE_PAGE (self));

  if (domain != NULL)
    g_signal_connect_object (domain, "notify::autostart", G_CALLBACK (autostart_notify_cb),
                             self, G_CONNECT_SWAPPED);
  autostart_notify_cb (self);
}

static void
vd_hardware_page_boot_dispose (GObject *object)
{
  VdHardwarePageBoot *self = (VdHardwarePageBoot *)object;

  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (vd_hardware_page_boot_parent_class)->dispose (object);
}

static void
vd_hardware_page_boot_finalize (GObject *object)
{
  VdHardwarePageBoot *self = (VdHardwarePageBoot *)object;

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->loaded_devices, g_strfreev);

  G_OBJECT_CLASS (vd_hardware_page_boot_parent_class)->finalize (object);
}

static void
vd_hardware_page_boot_class_init (VdHardwarePageBootClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  VdHardwarePageClass *page_class = VD_HARDWARE_PAGE_CLASS (klass);

  object_class->dispose = vd_hardware_page_boot_dispose;
  object_class->finalize = vd_hardware_page_boot_finalize;
  page_class->load = vd_hardware_page_boot_load;
  page_class->commit = vd_hardware_page_boot_commit;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/details/vd-hardware-page-boot.ui");
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageBoot, autostart_switch);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageBoot, autostart_message);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageBoot, bootmenu_check);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageBoot, timeout_spin);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageBoot, boot_list);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageBoot, boot_message);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageBoot, boot_note);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageBoot, kernel_check);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageBoot, kernel_grid);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageBoot, kernel_entry);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageBoot, initrd_entry);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageBoot, cmdline_entry);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageBoot, dtb_entry);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageBoot, kernel_message);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageBoot, initrd_message);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageBoot, cmdline_message);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageBoot, dtb_message);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, autostart_state_set_cb);
}

static void
vd_hardware_page_boot_init (VdHardwarePageBoot *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  g_signal_connect (self, "notify::domain", G_CALLBACK (domain_changed_cb), NULL);
}

GtkWidget *
vd_hardware_page_boot_new (void)
{
  return g_object_new (VD_TYPE_HARDWARE_PAGE_BOOT, NULL);
}
