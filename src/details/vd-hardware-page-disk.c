/* vd-hardware-page-disk.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-hardware-page"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-hardware-page-disk.h"
#include "vd-storage-browser.h"

/*
 * A disk, CD-ROM or floppy: its source (an image file or a host block
 * device, with Browse… through the storage browser; a storage volume by
 * pool and name; a network disk shown read only), bus, format, cache, I/O,
 * discard, the read-only / shareable / removable flags and a serial. A
 * CD-ROM or floppy may hold no medium: Eject empties the drive and
 * Insert… chooses a medium; applied to a running guest the core changes
 * the medium live.
 */

struct _VdHardwarePageDisk
{
  VdHardwarePageDevice  parent_instance;

  /* Template widgets */
  GtkLabel             *heading_label;
  GtkWidget            *remove_button;
  GtkComboBox          *source_type_combo;
  GtkLabel             *path_caption;
  GtkEntry             *path_entry;
  GtkWidget            *browse_button;
  GtkWidget            *eject_button;
  GtkLabel             *pool_caption;
  GtkEntry             *pool_entry;
  GtkLabel             *volume_caption;
  GtkEntry             *volume_entry;
  GtkLabel             *network_label;
  GtkLabel             *source_message;
  GtkComboBox          *bus_combo;
  GtkLabel             *bus_message;
  GtkComboBox          *format_combo;
  GtkLabel             *format_message;
  GtkComboBox          *cache_combo;
  GtkLabel             *cache_message;
  GtkComboBox          *io_combo;
  GtkLabel             *io_message;
  GtkComboBox          *discard_combo;
  GtkLabel             *discard_message;
  GtkToggleButton      *readonly_check;
  GtkToggleButton      *shareable_check;
  GtkToggleButton      *removable_check;
  GtkLabel             *flags_message;
  GtkEntry             *serial_entry;
  GtkLabel             *serial_message;

  /* Owned references */
  GCancellable         *cancellable;

  VdDeviceKind          kind;
  VdDiskSourceType      loaded_type;
};

G_DEFINE_FINAL_TYPE (VdHardwarePageDisk, vd_hardware_page_disk, VD_TYPE_HARDWARE_PAGE_DEVICE)

static const char * const source_ids[] = {
  [VD_DISK_SOURCE_NONE] = "none",
  [VD_DISK_SOURCE_FILE] = "file",
  [VD_DISK_SOURCE_BLOCK] = "block",
  [VD_DISK_SOURCE_VOLUME] = "volume",
  [VD_DISK_SOURCE_NETWORK] = "network",
  [VD_DISK_SOURCE_OTHER] = "other",
};

static const char *
device_id (VdHardwarePageDisk *self)
{
  return vd_hardware_page_device_get_device_id (VD_HARDWARE_PAGE_DEVICE (self));
}

static char *
entry_text (GtkEntry *entry)
{
  char *text = g_strstrip (g_strdup (gtk_entry_get_text (entry)));

  if (text[0] == '\0')
    g_clear_pointer (&text, g_free);

  return text;
}

static VdDiskSourceType
chosen_type (VdHardwarePageDisk *self)
{
  const char *id = gtk_combo_box_get_active_id (self->source_type_combo);

  for (guint i = 0; i < G_N_ELEMENTS (source_ids); i++)
    if (g_strcmp0 (id, source_ids[i]) == 0)
      return i;

  return VD_DISK_SOURCE_OTHER;
}

static void
update_visibility (VdHardwarePageDisk *self)
{
  VdDiskSourceType type = chosen_type (self);
  gboolean drive = self->kind == VD_DEVICE_KIND_CDROM || self->kind == VD_DEVICE_KIND_FLOPPY;
  gboolean path = type == VD_DISK_SOURCE_FILE || type == VD_DISK_SOURCE_BLOCK ||
                  type == VD_DISK_SOURCE_NONE;
  gboolean volume = type == VD_DISK_SOURCE_VOLUME;
  gboolean fixed = self->loaded_type == VD_DISK_SOURCE_NETWORK ||
                   self->loaded_type == VD_DISK_SOURCE_OTHER;

  /* A network (or other) source is shown, not edited. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->source_type_combo), !fixed);
  gtk_widget_set_visible (GTK_WIDGET (self->path_caption), path && !fixed);
  gtk_widget_set_visible (gtk_widget_get_parent (GTK_WIDGET (self->path_entry)), path && !fixed);
  gtk_widget_set_sensitive (GTK_WIDGET (self->path_entry), type != VD_DISK_SOURCE_NONE);
  gtk_widget_set_visible (self->eject_button, drive);
  gtk_widget_set_sensitive (self->eject_button, type != VD_DISK_SOURCE_NONE);
  gtk_widget_set_visible (GTK_WIDGET (self->pool_caption), volume);
  gtk_widget_set_visible (GTK_WIDGET (self->pool_entry), volume);
  gtk_widget_set_visible (GTK_WIDGET (self->volume_caption), volume);
  gtk_widget_set_visible (GTK_WIDGET (self->volume_entry), volume);
  gtk_widget_set_visible (GTK_WIDGET (self->network_label), fixed);
  gtk_widget_set_sensitive (GTK_WIDGET (self->readonly_check),
                            self->kind != VD_DEVICE_KIND_CDROM);
}

static void
vd_hardware_page_disk_load (VdHardwarePage *page,
                            VdDomainEditor *editor)
{
  VdHardwarePageDisk *self = VD_HARDWARE_PAGE_DISK (page);
  const char *id = device_id (self);
  g_autofree char *label = vd_hardware_page_device_get_label (VD_HARDWARE_PAGE_DEVICE (self),
                                                              editor);
  g_auto(VdDiskSource) source = { 0 };
  g_autofree char *bus = vd_domain_editor_get_disk_bus (editor, id);
  g_autofree char *format = vd_domain_editor_get_disk_format (editor, id);
  g_autofree char *cache = vd_domain_editor_get_disk_cache (editor, id);
  g_autofree char *io = vd_domain_editor_get_disk_io (editor, id);
  g_autofree char *discard = vd_domain_editor_get_disk_discard (editor, id);
  g_autofree char *serial = vd_domain_editor_get_disk_serial (editor, id);

  self->kind = vd_domain_editor_get_device_kind (editor, id);
  gtk_label_set_text (self->heading_label, label);
  gtk_button_set_label (GTK_BUTTON (self->browse_button),
                        self->kind == VD_DEVICE_KIND_DISK ? _("_Browse…") : _("_Insert…"));

  vd_domain_editor_get_disk_source (editor, id, &source);
  self->loaded_type = source.type;
  if (source.type == VD_DISK_SOURCE_NETWORK)
    {
      g_autofree char *text = NULL;

      if (source.port > 0)
        text = g_strdup_printf ("%s://%s:%u/%s", source.protocol ? source.protocol : "",
                                source.host ? source.host : "", source.port,
                                source.name ? source.name : "");
      else
        text = g_strdup_printf ("%s://%s/%s", source.protocol ? source.protocol : "",
                                source.host ? source.host : "", source.name ? source.name : "");
      gtk_label_set_text (self->network_label, text);
      vd_hardware_page_device_set_combo (self->source_type_combo, "network");
    }
  else if (source.type == VD_DISK_SOURCE_OTHER)
    {
      gtk_label_set_text (self->network_label, _("A kind of source this page does not edit: "
                                                 "see the XML tab."));
      vd_hardware_page_device_set_combo (self->source_type_combo, "other");
    }
  else
    {
      gtk_label_set_text (self->network_label, "");
      vd_hardware_page_device_set_combo (self->source_type_combo, source_ids[source.type]);
    }
  gtk_entry_set_text (self->path_entry, source.path != NULL ? source.path : "");
  gtk_entry_set_text (self->pool_entry, source.pool != NULL ? source.pool : "");
  gtk_entry_set_text (self->volume_entry, source.volume != NULL ? source.volume : "");

  vd_hardware_page_device_set_combo (self->bus_combo, bus);
  vd_hardware_page_device_set_combo (self->format_combo, format);
  vd_hardware_page_device_set_combo (self->cache_combo, cache);
  vd_hardware_page_device_set_combo (self->io_combo, io);
  vd_hardware_page_device_set_combo (self->discard_combo, discard);
  gtk_toggle_button_set_active (self->readonly_check,
                                vd_domain_editor_get_disk_readonly (editor, id));
  gtk_toggle_button_set_active (self->shareable_check,
                                vd_domain_editor_get_disk_shareable (editor, id));
  gtk_toggle_button_set_active (self->removable_check,
                                vd_domain_editor_get_disk_removable (editor, id));
  gtk_entry_set_text (self->serial_entry, serial != NULL ? serial : "");
  update_visibility (self);
}

static gboolean
commit_source (VdHardwarePageDisk  *self,
               VdDomainEditor      *editor,
               GError             **error)
{
  const char *id = device_id (self);
  g_auto(VdDiskSource) old = { 0 };
  g_autofree char *path = entry_text (self->path_entry);
  g_autofree char *pool = entry_text (self->pool_entry);
  g_autofree char *volume = entry_text (self->volume_entry);
  VdDiskSource wanted = { 0 };
  GError *local_error = NULL;

  vd_domain_editor_get_disk_source (editor, id, &old);
  wanted.type = chosen_type (self);
  if (wanted.type == VD_DISK_SOURCE_NETWORK || wanted.type == VD_DISK_SOURCE_OTHER)
    return TRUE;
  if (wanted.type == VD_DISK_SOURCE_FILE || wanted.type == VD_DISK_SOURCE_BLOCK)
    wanted.path = path;
  else if (wanted.type == VD_DISK_SOURCE_VOLUME)
    {
      wanted.pool = pool;
      wanted.volume = volume;
    }

  if (wanted.type == old.type && g_strcmp0 (wanted.path, old.path) == 0 &&
      g_strcmp0 (wanted.pool, old.pool) == 0 && g_strcmp0 (wanted.volume, old.volume) == 0)
    return TRUE;
  if (!vd_domain_editor_set_disk_source (editor, id, &wanted, &local_error))
    return vd_hardware_page_device_field_error (self->source_message, local_error, error);

  return TRUE;
}

typedef gboolean (*SetString) (VdDomainEditor *editor,
                               const char     *id,
                               const char     *value,
                               GError        **error);
typedef char *   (*GetString) (VdDomainEditor *editor,
                               const char     *id);

/* Writes @value when it differs from what @get reads. */
static gboolean
commit_string (VdHardwarePageDisk  *self,
               VdDomainEditor      *editor,
               GetString            get,
               SetString            set,
               const char          *value,
               GtkLabel            *message,
               GError             **error)
{
  g_autofree char *old = get (editor, device_id (self));
  GError *local_error = NULL;

  if (g_strcmp0 (old, value) == 0)
    return TRUE;
  if (!set (editor, device_id (self), value, &local_error))
    return vd_hardware_page_device_field_error (message, local_error, error);

  return TRUE;
}

typedef gboolean (*SetFlag) (VdDomainEditor *editor,
                             const char     *id,
                             gboolean        value,
                             GError        **error);
typedef gboolean (*GetFlag) (VdDomainEditor *editor,
                             const char     *id);

static gboolean
commit_flag (VdHardwarePageDisk  *self,
             VdDomainEditor      *editor,
             GetFlag              get,
             SetFlag              set,
             GtkToggleButton     *check,
             GError             **error)
{
  gboolean value = gtk_toggle_button_get_active (check);
  GError *local_error = NULL;

  if (!get (editor, device_id (self)) == !value)
    return TRUE;
  if (!set (editor, device_id (self), value, &local_error))
    return vd_hardware_page_device_field_error (self->flags_message, local_error, error);

  return TRUE;
}

static gboolean
vd_hardware_page_disk_commit (VdHardwarePage  *page,
                              VdDomainEditor  *editor,
                              GError         **error)
{
  VdHardwarePageDisk *self = VD_HARDWARE_PAGE_DISK (page);
  g_autofree char *serial = entry_text (self->serial_entry);
  gboolean ok = TRUE;

  update_visibility (self);
  for (GtkLabel **m = (GtkLabel *[]) { self->source_message, self->bus_message,
                                       self->format_message, self->cache_message,
                                       self->io_message, self->discard_message,
                                       self->flags_message, self->serial_message, NULL };
       *m != NULL; m++)
    vd_hardware_page_set_field_message (*m, NULL);

  /* Every field is judged, so every message is up to date; the first
   * error is the one handed on. */
  ok = commit_source (self, editor, error);
#define STRING_FIELD(name, value)                                                         \
  if (!commit_string (self, editor, vd_domain_editor_get_disk_##name,                    \
                      vd_domain_editor_set_disk_##name, (value), self->name##_message,   \
                      ok ? error : NULL))                                                \
    ok = FALSE;
  STRING_FIELD (bus, gtk_combo_box_get_active_id (self->bus_combo));
  STRING_FIELD (format, vd_hardware_page_device_get_combo (self->format_combo));
  STRING_FIELD (cache, vd_hardware_page_device_get_combo (self->cache_combo));
  STRING_FIELD (io, vd_hardware_page_device_get_combo (self->io_combo));
  STRING_FIELD (discard, vd_hardware_page_device_get_combo (self->discard_combo));
  STRING_FIELD (serial, serial);
#undef STRING_FIELD
  if (!commit_flag (self, editor, vd_domain_editor_get_disk_readonly,
                    vd_domain_editor_set_disk_readonly, self->readonly_check, ok ? error : NULL))
    ok = FALSE;
  if (!commit_flag (self, editor, vd_domain_editor_get_disk_shareable,
                    vd_domain_editor_set_disk_shareable, self->shareable_check,
                    ok ? error : NULL))
    ok = FALSE;
  if (!commit_flag (self, editor, vd_domain_editor_get_disk_removable,
                    vd_domain_editor_set_disk_removable, self->removable_check,
                    ok ? error : NULL))
    ok = FALSE;

  return ok;
}

/* Browse… / Insert… */

static void
browse_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(VdHardwarePageDisk) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = vd_storage_browser_choose_finish (result, NULL, &error);

  /* Nothing chosen (closed, or the page went) is no error. */
  if (path == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("%s", error->message);
      return;
    }
  if (g_cancellable_is_cancelled (self->cancellable))
    return;

  if (chosen_type (self) != VD_DISK_SOURCE_BLOCK)
    gtk_combo_box_set_active_id (self->source_type_combo, "file");
  gtk_entry_set_text (self->path_entry, path);
}

static void
browse_clicked_cb (VdHardwarePageDisk *self)
{
  VdDomain *domain = vd_hardware_page_get_domain (VD_HARDWARE_PAGE (self));
  GtkWidget *toplevel = gtk_widget_get_toplevel (GTK_WIDGET (self));

  if (domain == NULL || vd_domain_get_connection (domain) == NULL)
    return;
  vd_storage_browser_choose_async (GTK_IS_WINDOW (toplevel) ? GTK_WINDOW (toplevel) : NULL,
                                   vd_domain_get_connection (domain),
                                   self->kind == VD_DEVICE_KIND_CDROM
                                   ? VD_STORAGE_BROWSER_FILTER_ISO
                                   : self->kind == VD_DEVICE_KIND_DISK
                                   ? VD_STORAGE_BROWSER_FILTER_DISK
                                   : VD_STORAGE_BROWSER_FILTER_ALL,
                                   self->cancellable, browse_done_cb, g_object_ref (self));
}

static void
eject_clicked_cb (VdHardwarePageDisk *self)
{
  gtk_combo_box_set_active_id (self->source_type_combo, "none");
  gtk_entry_set_text (self->path_entry, "");
}

static void
vd_hardware_page_disk_dispose (GObject *object)
{
  VdHardwarePageDisk *self = (VdHardwarePageDisk *)object;

  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (vd_hardware_page_disk_parent_class)->dispose (object);
}

static void
vd_hardware_page_disk_finalize (GObject *object)
{
  VdHardwarePageDisk *self = (VdHardwarePageDisk *)object;

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (vd_hardware_page_disk_parent_class)->finalize (object);
}

static void
vd_hardware_page_disk_class_init (VdHardwarePageDiskClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  VdHardwarePageClass *page_class = VD_HARDWARE_PAGE_CLASS (klass);

  object_class->dispose = vd_hardware_page_disk_dispose;
  object_class->finalize = vd_hardware_page_disk_finalize;
  page_class->load = vd_hardware_page_disk_load;
  page_class->commit = vd_hardware_page_disk_commit;

  vd_hardware_page_device_class_set_template (widget_class,
                                              RESOURCE_BASE "/details/vd-hardware-page-disk.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, VdHardwarePageDisk, name)
  BIND (heading_label);
  BIND (remove_button);
  BIND (source_type_combo);
  BIND (path_caption);
  BIND (path_entry);
  BIND (browse_button);
  BIND (eject_button);
  BIND (pool_caption);
  BIND (pool_entry);
  BIND (volume_caption);
  BIND (volume_entry);
  BIND (network_label);
  BIND (source_message);
  BIND (bus_combo);
  BIND (bus_message);
  BIND (format_combo);
  BIND (format_message);
  BIND (cache_combo);
  BIND (cache_message);
  BIND (io_combo);
  BIND (io_message);
  BIND (discard_combo);
  BIND (discard_message);
  BIND (readonly_check);
  BIND (shareable_check);
  BIND (removable_check);
  BIND (flags_message);
  BIND (serial_entry);
  BIND (serial_message);
#undef BIND
  gtk_widget_class_bind_template_callback (widget_class, browse_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, eject_clicked_cb);
}

static void
vd_hardware_page_disk_init (VdHardwarePageDisk *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}
