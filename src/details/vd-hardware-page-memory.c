/* vd-hardware-page-memory.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-hardware-page"

#include "config.h"

#include <glib/gi18n.h>

#include "vd-connection.h"
#include "vd-domain-editor-guest.h"
#include "vd-error.h"
#include "vd-hardware-page-memory.h"

/*
 * Memory: what the guest has at boot and the most it may have, each a
 * whole number in KiB, MiB or GiB, read with vd_domain_editor_parse_size;
 * current ≤ maximum. And how the host backs it: huge pages (any page sizes
 * the guest chose are kept) and memory shared with the host, which
 * virtiofs needs; both take effect at the next boot.
 */

struct _VdHardwarePageMemory
{
  VdHardwarePage  parent_instance;

  /* Template widgets */
  GtkEntry       *memory_entry;
  GtkComboBox    *memory_unit;
  GtkLabel       *memory_message;
  GtkEntry       *max_memory_entry;
  GtkComboBox    *max_memory_unit;
  GtkLabel       *max_memory_message;
  GtkLabel       *host_label;
  GtkToggleButton *hugepages_check;
  GtkToggleButton *shared_check;
  GtkLabel       *backing_message;
};

G_DEFINE_FINAL_TYPE (VdHardwarePageMemory, vd_hardware_page_memory, VD_TYPE_HARDWARE_PAGE)

#define MIB G_GUINT64_CONSTANT (1024)
#define GIB G_GUINT64_CONSTANT (1048576)

/* The largest of GiB, MiB, KiB that shows @kib as a whole number. */
static void
show_size (GtkEntry    *entry,
           GtkComboBox *unit,
           guint64      kib)
{
  g_autofree char *text = NULL;
  const char *id;

  if (kib > 0 && kib % GIB == 0)
    {
      text = g_strdup_printf ("%" G_GUINT64_FORMAT, kib / GIB);
      id = "GiB";
    }
  else if (kib % MIB == 0)
    {
      text = g_strdup_printf ("%" G_GUINT64_FORMAT, kib / MIB);
      id = "MiB";
    }
  else
    {
      text = g_strdup_printf ("%" G_GUINT64_FORMAT, kib);
      id = "KiB";
    }

  gtk_entry_set_text (entry, text);
  gtk_combo_box_set_active_id (unit, id);
}

static void
vd_hardware_page_memory_load (VdHardwarePage *page,
                              VdDomainEditor *editor)
{
  VdHardwarePageMemory *self = VD_HARDWARE_PAGE_MEMORY (page);

  show_size (self->memory_entry, self->memory_unit, vd_domain_editor_get_memory (editor));
  show_size (self->max_memory_entry, self->max_memory_unit,
             vd_domain_editor_get_max_memory (editor));
  gtk_toggle_button_set_active (self->hugepages_check, vd_domain_editor_get_hugepages (editor));
  gtk_toggle_button_set_active (self->shared_check,
                                vd_domain_editor_get_shared_memory (editor));
  vd_hardware_page_set_field_message (self->backing_message, NULL);
}

static gboolean
read_size (GtkEntry     *entry,
           GtkComboBox  *unit,
           GtkLabel     *message,
           guint64      *kib,
           GError      **error)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_entry_get_text (entry)));
  g_autoptr(GError) local_error = NULL;

  if (!vd_domain_editor_parse_size (text, gtk_combo_box_get_active_id (unit), kib,
                                    &local_error))
    {
      vd_hardware_page_set_field_message (message, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (*kib == 0)
    {
      g_set_error_literal (&local_error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT,
                           _("A guest needs some memory"));
      vd_hardware_page_set_field_message (message, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  vd_hardware_page_set_field_message (message, NULL);

  return TRUE;
}

static void
update_host_label (VdHardwarePageMemory *self)
{
  VdDomain *domain = vd_hardware_page_get_domain (VD_HARDWARE_PAGE (self));
  VdConnection *connection = domain != NULL ? vd_domain_get_connection (domain) : NULL;
  guint64 host = connection != NULL ? vd_connection_get_host_memory_total (connection) : 0;
  g_autofree char *size = NULL;
  g_autofree char *text = NULL;

  if (host == 0)
    {
      vd_hardware_page_set_field_message (self->host_label, NULL);
      return;
    }
  size = g_format_size_full (host, G_FORMAT_SIZE_IEC_UNITS);
  /* translators: %s is a size such as "7.8 GiB" */
  text = g_strdup_printf (_("The host has %s of memory."), size);
  vd_hardware_page_set_field_message (self->host_label, text);
}

static gboolean
vd_hardware_page_memory_commit (VdHardwarePage  *page,
                                VdDomainEditor  *editor,
                                GError         **error)
{
  VdHardwarePageMemory *self = VD_HARDWARE_PAGE_MEMORY (page);
  g_autoptr(GError) local_error = NULL;
  guint64 current = 0;
  guint64 maximum = 0;
  gboolean ok;

  update_host_label (self);

  /* Both fields are read, so both messages are up to date. */
  ok = read_size (self->memory_entry, self->memory_unit, self->memory_message, &current,
                  error);
  if (!read_size (self->max_memory_entry, self->max_memory_unit, self->max_memory_message,
                  &maximum, ok ? error : NULL))
    ok = FALSE;
  if (!ok)
    return FALSE;

  if (!vd_domain_editor_set_memory (editor, current, maximum, &local_error))
    {
      vd_hardware_page_set_field_message (self->memory_message, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (!vd_domain_editor_set_hugepages (editor, gtk_toggle_button_get_active (self->hugepages_check),
                                       &local_error) ||
      !vd_domain_editor_set_shared_memory (editor,
                                           gtk_toggle_button_get_active (self->shared_check),
                                           &local_error))
    {
      vd_hardware_page_set_field_message (self->backing_message, local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  vd_hardware_page_set_field_message (self->backing_message, NULL);

  return TRUE;
}

/* The host's memory size arrives with the first statistics tick. */
static void
domain_changed_cb (VdHardwarePageMemory *self)
{
  VdDomain *domain = vd_hardware_page_get_domain (VD_HARDWARE_PAGE (self));
  VdConnection *connection = domain != NULL ? vd_domain_get_connection (domain) : NULL;

  if (connection != NULL)
    g_signal_connect_object (connection, "stats-updated", G_CALLBACK (update_host_label), self,
                             G_CONNECT_SWAPPED);
}

static void
field_changed_cb (VdHardwarePageMemory *self)
{
  vd_hardware_page_changed (VD_HARDWARE_PAGE (self));
}

static void
vd_hardware_page_memory_class_init (VdHardwarePageMemoryClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  VdHardwarePageClass *page_class = VD_HARDWARE_PAGE_CLASS (klass);

  page_class->load = vd_hardware_page_memory_load;
  page_class->commit = vd_hardware_page_memory_commit;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE
                                               "/details/vd-hardware-page-memory.ui");
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageMemory, memory_entry);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageMemory, memory_unit);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageMemory, memory_message);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageMemory, max_memory_entry);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageMemory, max_memory_unit);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageMemory, max_memory_message);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageMemory, host_label);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageMemory, hugepages_check);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageMemory, shared_check);
  gtk_widget_class_bind_template_child (widget_class, VdHardwarePageMemory, backing_message);
  /* no field: named for tests and accessibility checks only */
  gtk_widget_class_bind_template_child_full (widget_class, "backing_note", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
}

static void
vd_hardware_page_memory_init (VdHardwarePageMemory *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect (self, "notify::domain", G_CALLBACK (domain_changed_cb), NULL);
}

GtkWidget *
vd_hardware_page_memory_new (void)
{
  return g_object_new (VD_TYPE_HARDWARE_PAGE_MEMORY, NULL);
}
