/* vd-create-pool-wizard.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-create-pool-wizard"

#include "config.h"

#include <glib/gi18n.h>
#include <gtksourceview/gtksource.h>

#include "vd-connection-host.h"
#include "vd-create-pool-wizard.h"

/*
 * The Create Pool wizard: name and type, then the fields of that type only
 * (each judged by vd_pool_spec_check() as it is typed, its reason shown
 * under it), then build/start/autostart. Next and Create stay off while a
 * field is wrong. A build that writes on devices names them in a warning
 * whose box must be ticked before Create (then "Format and Create") is
 * on. The XML below follows every field. Create runs
 * vd_connection_create_pool_async() behind a progress page; a failure
 * shows libvirt's message (the pool is undefined again), and Back returns
 * to the options with every field as it was. "Find Sources" asks libvirt
 * for NFS exports, iSCSI targets or volume groups and fills the fields
 * from the one picked.
 */

typedef struct
{
  GtkLabel  *label;
  GtkWidget *widget;
  GtkLabel  *error;             /* nullable: shares another field's */
} FieldRow;

struct _VdCreatePoolWizard
{
  GtkWindow        parent_instance;

  /* Template widgets */
  GtkStack        *stack;
  GtkButton       *cancel_button;
  GtkButton       *back_button;
  GtkButton       *next_button;
  GtkLabel        *step_label;
  GtkEntry        *name_entry;
  GtkLabel        *name_error;
  GtkComboBoxText *type_combo;
  GtkLabel        *type_help;
  GtkLabel        *source_heading;
  GtkLabel        *host_label;
  GtkEntry        *host_entry;
  GtkLabel        *host_error;
  GtkLabel        *port_label;
  GtkSpinButton   *port_spin;
  GtkLabel        *port_error;
  GtkLabel        *source_dir_label;
  GtkEntry        *source_dir_entry;
  GtkLabel        *source_dir_error;
  GtkLabel        *source_name_label;
  GtkEntry        *source_name_entry;
  GtkLabel        *source_name_error;
  GtkLabel        *devices_label;
  GtkEntry        *devices_entry;
  GtkLabel        *devices_error;
  GtkLabel        *format_label;
  GtkComboBoxText *format_combo;
  GtkLabel        *format_error;
  GtkLabel        *iqn_label;
  GtkEntry        *iqn_entry;
  GtkLabel        *iqn_error;
  GtkLabel        *initiator_label;
  GtkEntry        *initiator_entry;
  GtkLabel        *initiator_error;
  GtkLabel        *auth_user_label;
  GtkEntry        *auth_user_entry;
  GtkLabel        *auth_secret_label;
  GtkEntry        *auth_secret_entry;
  GtkLabel        *auth_secret_error;
  GtkToggleButton *vhba_check;
  GtkLabel        *adapter_label;
  GtkEntry        *adapter_entry;
  GtkLabel        *adapter_error;
  GtkLabel        *parent_label;
  GtkEntry        *parent_entry;
  GtkLabel        *parent_error;
  GtkLabel        *wwnn_label;
  GtkEntry        *wwnn_entry;
  GtkLabel        *wwnn_error;
  GtkLabel        *wwpn_label;
  GtkEntry        *wwpn_entry;
  GtkLabel        *wwpn_error;
  GtkLabel        *target_label;
  GtkEntry        *target_entry;
  GtkLabel        *target_error;
  GtkWidget       *find_box;
  GtkButton       *find_button;
  GtkSpinner      *find_spinner;
  GtkButton       *find_cancel_button;
  GtkLabel        *find_status;
  GtkLabel        *find_error;
  GtkWidget       *sources_scroll;
  GtkListBox      *sources_list;
  GtkToggleButton *build_check;
  GtkLabel        *build_help;
  GtkToggleButton *overwrite_check;
  GtkLabel        *build_error;
  GtkWidget       *erase_frame;
  GtkLabel        *erase_label;
  GtkToggleButton *erase_check;
  GtkToggleButton *start_check;
  GtkToggleButton *autostart_check;
  GtkLabel        *progress_label;
  GtkLabel        *error_label;
  GtkSourceView   *xml_view;

  /* Owned references */
  VdConnection    *connection;
  VdPoolSpec      *spec;
  GCancellable    *cancellable;     /* cancelled in dispose */
  GCancellable    *find_cancellable; /* the running search, if any */
  GPtrArray       *sources;         /* (element-type VdPoolSource) of the list */
  char            *erase_confirmed; /* the warning the user ticked */

  FieldRow         rows[VD_POOL_SPEC_N_FIELDS];
  VdPoolType       shown_type;
  gboolean         loading;         /* filling widgets: no revalidation */
};

G_DEFINE_FINAL_TYPE (VdCreatePoolWizard, vd_create_pool_wizard, GTK_TYPE_WINDOW)

static const char * const steps[] = { "type", "source", "options" };

static void revalidate (VdCreatePoolWizard *self);

static void
set_string (char     **field,
            GtkEntry  *entry)
{
  g_free (*field);
  *field = g_strstrip (g_strdup (gtk_entry_get_text (entry)));
}

/* Widgets → spec. */
static void
sync_spec (VdCreatePoolWizard *self)
{
  VdPoolSpec *spec = self->spec;
  int type = gtk_combo_box_get_active (GTK_COMBO_BOX (self->type_combo));

  set_string (&spec->name, self->name_entry);
  spec->type = CLAMP (type, 0, VD_POOL_N_TYPES - 1);
  set_string (&spec->host, self->host_entry);
  spec->port = gtk_spin_button_get_value_as_int (self->port_spin);
  set_string (&spec->source_dir, self->source_dir_entry);
  set_string (&spec->source_name, self->source_name_entry);
  set_string (&spec->devices, self->devices_entry);
  g_free (spec->format);
  spec->format = gtk_combo_box_text_get_active_text (self->format_combo);
  set_string (&spec->iqn, self->iqn_entry);
  set_string (&spec->initiator_iqn, self->initiator_entry);
  set_string (&spec->auth_username, self->auth_user_entry);
  set_string (&spec->auth_secret, self->auth_secret_entry);
  spec->vhba = gtk_toggle_button_get_active (self->vhba_check);
  set_string (&spec->adapter, self->adapter_entry);
  set_string (&spec->parent, self->parent_entry);
  set_string (&spec->wwnn, self->wwnn_entry);
  set_string (&spec->wwpn, self->wwpn_entry);
  set_string (&spec->target_path, self->target_entry);
  spec->build = vd_pool_type_can_build (spec->type) && gtk_toggle_button_get_active (self->build_check);
  spec->overwrite = spec->build && vd_pool_type_can_overwrite (spec->type) &&
                    gtk_toggle_button_get_active (self->overwrite_check);
}

/* ------------------------------------------------------------------ */
/* What each type shows                                                */
/* ------------------------------------------------------------------ */

/* The label of @field's row for the current type (with a mnemonic). */
static const char *
field_label (VdPoolType      type,
             VdPoolSpecField field)
{
  switch (field)
    {
    case VD_POOL_SPEC_FIELD_HOST:
      if (type == VD_POOL_TYPE_RBD)
        return _("_Monitors");
      if (type == VD_POOL_TYPE_ISCSI || type == VD_POOL_TYPE_ISCSI_DIRECT)
        return _("_Portal host");
      return _("_Server");
    case VD_POOL_SPEC_FIELD_PORT:
      return _("P_ort");
    case VD_POOL_SPEC_FIELD_SOURCE_DIR:
      return type == VD_POOL_TYPE_GLUSTER ? _("_Directory") : _("_Export");
    case VD_POOL_SPEC_FIELD_SOURCE_NAME:
      if (type == VD_POOL_TYPE_LOGICAL)
        return _("_Volume group");
      if (type == VD_POOL_TYPE_GLUSTER)
        return _("_Volume");
      return type == VD_POOL_TYPE_RBD ? _("Ceph _pool") : _("ZFS _pool");
    case VD_POOL_SPEC_FIELD_DEVICES:
      if (type == VD_POOL_TYPE_DISK)
        return _("_Disk");
      if (type == VD_POOL_TYPE_FS)
        return _("_Device");
      return type == VD_POOL_TYPE_LOGICAL ? _("_Physical volumes") : _("_Devices");
    case VD_POOL_SPEC_FIELD_FORMAT:
      /* translators: a disk pool's format is its partition table */
      return type == VD_POOL_TYPE_DISK ? _("Partition _table") : _("_Format");
    case VD_POOL_SPEC_FIELD_IQN:
      return _("Target _IQN");
    case VD_POOL_SPEC_FIELD_INITIATOR:
      return _("_Initiator IQN");
    case VD_POOL_SPEC_FIELD_AUTH:
      return _("_User name");
    case VD_POOL_SPEC_FIELD_ADAPTER:
      return _("_Adapter");
    case VD_POOL_SPEC_FIELD_PARENT:
      return _("_Parent HBA");
    case VD_POOL_SPEC_FIELD_WWNN:
      return _("WW_NN");
    case VD_POOL_SPEC_FIELD_WWPN:
      return _("WW_PN");
    case VD_POOL_SPEC_FIELD_TARGET:
      if (type == VD_POOL_TYPE_DIR)
        return _("_Directory");
      if (type == VD_POOL_TYPE_FS || type == VD_POOL_TYPE_NETFS)
        return _("_Mount point");
      return _("_Target path");
    case VD_POOL_SPEC_FIELD_NAME:
    case VD_POOL_SPEC_FIELD_BUILD:
    case VD_POOL_SPEC_N_FIELDS:
    default:
      return NULL;
    }
}

/* Example text in an empty field. */
static const char *
field_placeholder (VdPoolType      type,
                   VdPoolSpecField field)
{
  switch (field)
    {
    case VD_POOL_SPEC_FIELD_HOST:
      return type == VD_POOL_TYPE_RBD ? _("mon1.example.com:6789, mon2.example.com")
                                      : _("server.example.com");
    case VD_POOL_SPEC_FIELD_SOURCE_DIR:
      return type == VD_POOL_TYPE_GLUSTER ? _("/ (the volume’s root)") : _("/srv/nfs/images");
    case VD_POOL_SPEC_FIELD_SOURCE_NAME:
      return type == VD_POOL_TYPE_LOGICAL ? _("the pool’s name") : NULL;
    case VD_POOL_SPEC_FIELD_DEVICES:
      if (type == VD_POOL_TYPE_FS)
        return "/dev/sdc1";
      if (type == VD_POOL_TYPE_DISK)
        return "/dev/sdb";
      return _("/dev/sdc, /dev/sdd (to build)");
    case VD_POOL_SPEC_FIELD_IQN:
      return "iqn.2024-01.com.example:storage";
    case VD_POOL_SPEC_FIELD_INITIATOR:
      return type == VD_POOL_TYPE_ISCSI ? _("the host’s own (optional)") : NULL;
    case VD_POOL_SPEC_FIELD_AUTH:
      return _("none");
    case VD_POOL_SPEC_FIELD_ADAPTER:
      return "host0";
    case VD_POOL_SPEC_FIELD_PARENT:
      return _("any capable HBA");
    case VD_POOL_SPEC_FIELD_WWNN:
    case VD_POOL_SPEC_FIELD_WWPN:
      return "20000000c9831b4b";
    case VD_POOL_SPEC_FIELD_TARGET:
      return type == VD_POOL_TYPE_DIR ? "/var/lib/libvirt/images" : "/var/lib/libvirt/pools";
    case VD_POOL_SPEC_FIELD_NAME:
    case VD_POOL_SPEC_FIELD_PORT:
    case VD_POOL_SPEC_FIELD_FORMAT:
    case VD_POOL_SPEC_FIELD_BUILD:
    case VD_POOL_SPEC_N_FIELDS:
    default:
      return NULL;
    }
}

static const char *
build_help (VdPoolType type)
{
  switch (type)
    {
    case VD_POOL_TYPE_DIR:
      return _("Creates the directory if it is missing.");
    case VD_POOL_TYPE_FS:
      return _("Creates the mount point; with “Overwrite”, also makes a new file system on "
               "the device.");
    case VD_POOL_TYPE_NETFS:
      return _("Creates the mount point if it is missing.");
    case VD_POOL_TYPE_DISK:
      return _("Writes a new partition table on the disk. Without “Overwrite”, libvirt "
               "refuses a disk that already has one.");
    case VD_POOL_TYPE_LOGICAL:
      return _("Creates the volume group on the physical volumes. Leave it off to use an "
               "existing volume group.");
    case VD_POOL_TYPE_ZFS:
      return _("Creates the ZFS pool on the devices. Leave it off to use an existing pool.");
    case VD_POOL_TYPE_ISCSI:
    case VD_POOL_TYPE_ISCSI_DIRECT:
    case VD_POOL_TYPE_SCSI:
    case VD_POOL_TYPE_MPATH:
    case VD_POOL_TYPE_RBD:
    case VD_POOL_TYPE_GLUSTER:
    case VD_POOL_N_TYPES:
    default:
      return _("This type of pool has nothing to build: its storage exists already.");
    }
}

static void
set_row_visible (FieldRow *row,
                 gboolean  visible)
{
  if (row->label != NULL)
    gtk_widget_set_visible (GTK_WIDGET (row->label), visible);
  gtk_widget_set_visible (row->widget, visible);
  if (row->error != NULL && !visible)
    gtk_widget_set_visible (GTK_WIDGET (row->error), FALSE);
}

/* Shows the rows of the chosen type only, relabelled for it. */
static void
update_type (VdCreatePoolWizard *self)
{
  VdPoolType type = self->spec->type;
  gboolean changed = type != self->shown_type;
  g_autofree char *heading = NULL;
  g_autofree char *fallback = NULL;

  gtk_label_set_text (self->type_help, vd_pool_type_get_description (type));
  /* translators: the heading of the second page; %s is a pool type's label */
  heading = g_strdup_printf (_("Source and Target: %s"), vd_pool_type_get_label (type));
  gtk_label_set_text (self->source_heading, heading);

  for (guint f = VD_POOL_SPEC_FIELD_HOST; f <= VD_POOL_SPEC_FIELD_TARGET; f++)
    {
      FieldRow *row = &self->rows[f];
      gboolean used = vd_pool_type_uses_field (type, f);
      const char *placeholder = field_placeholder (type, f);

      /* The scsi adapter and the vHBA's fields take turns. */
      if (type == VD_POOL_TYPE_SCSI && f == VD_POOL_SPEC_FIELD_ADAPTER)
        used = !self->spec->vhba;
      else if (type == VD_POOL_TYPE_SCSI && f >= VD_POOL_SPEC_FIELD_PARENT &&
               f <= VD_POOL_SPEC_FIELD_WWPN)
        used = self->spec->vhba;

      set_row_visible (row, used);
      if (used && row->label != NULL && field_label (type, f) != NULL)
        gtk_label_set_text_with_mnemonic (row->label, field_label (type, f));
      if (GTK_IS_ENTRY (row->widget))
        gtk_entry_set_placeholder_text (GTK_ENTRY (row->widget), placeholder);
    }

  /* Auth is two rows (user name, secret) with one message. */
  gtk_widget_set_visible (GTK_WIDGET (self->auth_secret_label),
                          vd_pool_type_uses_field (type, VD_POOL_SPEC_FIELD_AUTH));
  gtk_widget_set_visible (GTK_WIDGET (self->auth_secret_entry),
                          vd_pool_type_uses_field (type, VD_POOL_SPEC_FIELD_AUTH));
  gtk_label_set_text_with_mnemonic (self->auth_secret_label, _("_Secret"));
  gtk_entry_set_placeholder_text (self->auth_secret_entry,
                                  _("a libvirt secret’s usage name or UUID"));
  gtk_widget_set_visible (GTK_WIDGET (self->vhba_check), type == VD_POOL_TYPE_SCSI);

  /* The target's default where the type has one. */
  fallback = vd_pool_spec_get_default_target (self->spec);
  if (fallback != NULL)
    gtk_entry_set_placeholder_text (self->target_entry, fallback);

  gtk_widget_set_visible (self->find_box, vd_pool_type_can_find_sources (type));
  gtk_widget_set_visible (GTK_WIDGET (self->build_check), vd_pool_type_can_build (type));
  gtk_widget_set_visible (GTK_WIDGET (self->overwrite_check), vd_pool_type_can_overwrite (type));
  gtk_widget_set_sensitive (GTK_WIDGET (self->overwrite_check), self->spec->build);
  gtk_label_set_text (self->build_help, build_help (type));

  if (!changed)
    return;

  /* A new type: its own formats, no sources of the old one. */
  self->shown_type = type;
  self->loading = TRUE;
  gtk_combo_box_text_remove_all (self->format_combo);
  for (const char * const *format = vd_pool_type_get_formats (type); *format; format++)
    gtk_combo_box_text_append (self->format_combo, *format, *format);
  gtk_combo_box_set_active (GTK_COMBO_BOX (self->format_combo), 0);
  gtk_container_foreach (GTK_CONTAINER (self->sources_list), (GtkCallback)gtk_widget_destroy, NULL);
  g_ptr_array_set_size (self->sources, 0);
  gtk_widget_set_visible (self->sources_scroll, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->find_error), FALSE);
  gtk_label_set_text (self->find_status, "");
  /* A disk pool's partition table is written by its build, the usual
   * reason to make one; a directory pool's is harmless. */
  gtk_toggle_button_set_active (self->build_check, type == VD_POOL_TYPE_DIR ||
                                                   type == VD_POOL_TYPE_NETFS);
  gtk_toggle_button_set_active (self->overwrite_check, FALSE);
  self->loading = FALSE;
}

/* ------------------------------------------------------------------ */
/* Validation                                                          */
/* ------------------------------------------------------------------ */

static gboolean
show_message (GtkLabel *label,
              char     *message)
{
  gboolean ok = message == NULL;

  gtk_label_set_text (label, message ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), !ok);
  g_free (message);
  return ok;
}

static gboolean
check (VdCreatePoolWizard *self,
       VdPoolSpecField     field)
{
  GListModel *pools = vd_connection_get_pools (self->connection);
  GtkLabel *label = field == VD_POOL_SPEC_FIELD_NAME ? self->name_error
                  : field == VD_POOL_SPEC_FIELD_BUILD ? self->build_error
                  : self->rows[field].error;

  return show_message (label, vd_pool_spec_check (self->spec, field, pools));
}

/* Whether the erase warning (if any) is the one the user confirmed. */
static gboolean
erase_confirmed (VdCreatePoolWizard *self)
{
  g_autofree char *warning = vd_pool_spec_get_erase_warning (self->spec);

  return warning == NULL || (gtk_toggle_button_get_active (self->erase_check) &&
                             g_strcmp0 (warning, self->erase_confirmed) == 0);
}

static gboolean
page_valid (VdCreatePoolWizard *self,
            const char         *page)
{
  if (g_str_equal (page, "type"))
    return check (self, VD_POOL_SPEC_FIELD_NAME);
  if (g_str_equal (page, "source"))
    {
      gboolean ok = TRUE;

      for (guint f = VD_POOL_SPEC_FIELD_HOST; f <= VD_POOL_SPEC_FIELD_TARGET; f++)
        ok &= check (self, f);
      return ok;
    }
  if (g_str_equal (page, "options"))
    return check (self, VD_POOL_SPEC_FIELD_BUILD) &&
           vd_pool_spec_validate (self->spec, vd_connection_get_pools (self->connection), NULL) &&
           erase_confirmed (self);
  return FALSE;
}

static int
current_step (VdCreatePoolWizard *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (g_strcmp0 (steps[i], page) == 0)
      return i;
  return -1;
}

static void
update_erase (VdCreatePoolWizard *self)
{
  g_autofree char *warning = vd_pool_spec_get_erase_warning (self->spec);
  g_auto(GStrv) devices = vd_pool_spec_get_devices (self->spec);
  g_autofree char *list = NULL;
  g_autofree char *confirm = NULL;

  gtk_widget_set_visible (self->erase_frame, warning != NULL);
  if (warning == NULL)
    return;

  /* A changed warning (other devices) must be confirmed again. */
  if (g_strcmp0 (warning, gtk_label_get_text (self->erase_label)) != 0)
    {
      gtk_label_set_text (self->erase_label, warning);
      self->loading = TRUE;
      gtk_toggle_button_set_active (self->erase_check, FALSE);
      self->loading = FALSE;
    }
  list = g_strjoinv (", ", devices);
  /* translators: %s lists devices, e.g. “/dev/sdb” */
  confirm = g_strdup_printf (_("_Erase everything on %s"), list);
  gtk_button_set_label (GTK_BUTTON (self->erase_check), confirm);
  g_free (self->erase_confirmed);
  self->erase_confirmed = gtk_toggle_button_get_active (self->erase_check) ? g_strdup (warning)
                                                                           : NULL;
}

static void
update_buttons (VdCreatePoolWizard *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  int step = current_step (self);
  gboolean last = g_strcmp0 (page, "options") == 0;
  g_autofree char *warning = vd_pool_spec_get_erase_warning (self->spec);
  GtkStyleContext *style = gtk_widget_get_style_context (GTK_WIDGET (self->next_button));
  const char *label;

  if (step >= 0)
    {
      g_autofree char *text = g_strdup_printf (_("Step %d of %u"), step + 1,
                                               (guint)G_N_ELEMENTS (steps));
      gtk_label_set_text (self->step_label, text);
    }
  else if (g_strcmp0 (page, "error") == 0)
    gtk_label_set_text (self->step_label, "");

  gtk_widget_set_sensitive (GTK_WIDGET (self->back_button),
                            step > 0 || g_strcmp0 (page, "error") == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->next_button), step >= 0);
  /* Formatting is said on the button itself, in the destructive style. */
  label = !last ? _("_Next") : warning != NULL ? _("_Format and Create") : _("C_reate");
  gtk_button_set_label (self->next_button, label);
  atk_object_set_name (gtk_widget_get_accessible (GTK_WIDGET (self->next_button)),
                       !last ? _("Next") : warning != NULL ? _("Format and Create") : _("Create"));
  if (last && warning != NULL)
    {
      gtk_style_context_remove_class (style, "suggested-action");
      gtk_style_context_add_class (style, "destructive-action");
    }
  else
    {
      gtk_style_context_remove_class (style, "destructive-action");
      gtk_style_context_add_class (style, "suggested-action");
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->next_button), step >= 0 && page_valid (self, page));
}

static void
update_xml (VdCreatePoolWizard *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->xml_view));
  g_autofree char *xml = vd_pool_spec_to_xml (self->spec);

  gtk_text_buffer_set_text (buffer, xml, -1);
}

static void
revalidate (VdCreatePoolWizard *self)
{
  sync_spec (self);
  update_type (self);
  sync_spec (self);             /* the type's new format and build defaults */
  update_erase (self);
  update_xml (self);
  update_buttons (self);
}

static void
field_changed_cb (VdCreatePoolWizard *self)
{
  if (self->spec != NULL && !self->loading)
    revalidate (self);
}

static void
type_changed_cb (VdCreatePoolWizard *self)
{
  field_changed_cb (self);
}

static void
page_changed_cb (VdCreatePoolWizard *self)
{
  if (self->spec != NULL)
    update_buttons (self);
}

/* ------------------------------------------------------------------ */
/* Source discovery                                                    */
/* ------------------------------------------------------------------ */

static void
set_finding (VdCreatePoolWizard *self,
             gboolean            finding)
{
  gtk_widget_set_visible (GTK_WIDGET (self->find_spinner), finding);
  if (finding)
    gtk_spinner_start (self->find_spinner);
  else
    gtk_spinner_stop (self->find_spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->find_cancel_button), finding);
  gtk_widget_set_sensitive (GTK_WIDGET (self->find_button), !finding);
}

/* One line for a source, as the user knows it. */
static char *
source_text (const VdPoolSource *source)
{
  GString *text = g_string_new (NULL);

  if (source->host != NULL)
    g_string_append (text, source->host);
  if (source->dir != NULL)
    g_string_append_printf (text, "%s%s", text->len ? ":" : "", source->dir);
  if (source->name != NULL)
    g_string_append_printf (text, "%s%s", text->len ? "  " : "", source->name);
  if (source->devices != NULL)
    g_string_append_printf (text, "%s%s", text->len ? "  " : "", source->devices);
  if (source->format != NULL)
    g_string_append_printf (text, "  (%s)", source->format);
  return g_string_free (text, FALSE);
}

static void
find_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(VdCreatePoolWizard) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sources =
    vd_connection_find_pool_sources_finish (VD_CONNECTION (object), result, &error);
  g_autofree char *status = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->find_cancellable);
  set_finding (self, FALSE);

  if (sources == NULL)
    {
      gtk_label_set_text (self->find_status, "");
      gtk_label_set_text (self->find_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->find_error), TRUE);
      return;
    }

  for (guint i = 0; i < sources->len; i++)
    {
      g_autofree char *text = source_text (sources->pdata[i]);
      GtkWidget *label = gtk_label_new (text);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      g_object_set (label, "margin", 4, NULL);
      gtk_widget_show (label);
      gtk_list_box_insert (self->sources_list, label, -1);
    }
  g_ptr_array_extend_and_steal (self->sources, g_steal_pointer (&sources));
  gtk_widget_set_visible (self->sources_scroll, self->sources->len > 0);
  status = self->sources->len == 0
             ? g_strdup (_("No sources found."))
             : g_strdup_printf (ngettext ("%u source found: pick one to fill in the fields.",
                                          "%u sources found: pick one to fill in the fields.",
                                          self->sources->len), self->sources->len);
  gtk_label_set_text (self->find_status, status);
}

static void
find_cb (VdCreatePoolWizard *self)
{
  sync_spec (self);
  gtk_container_foreach (GTK_CONTAINER (self->sources_list), (GtkCallback)gtk_widget_destroy, NULL);
  g_ptr_array_set_size (self->sources, 0);
  gtk_widget_set_visible (self->sources_scroll, FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->find_error), FALSE);
  gtk_label_set_text (self->find_status, _("Searching…"));
  set_finding (self, TRUE);

  /* Its own cancellable: Stop ends the search, not the wizard's work. */
  g_clear_object (&self->find_cancellable);
  self->find_cancellable = g_cancellable_new ();
  g_signal_connect_object (self->cancellable, "cancelled", G_CALLBACK (g_cancellable_cancel),
                           self->find_cancellable, G_CONNECT_SWAPPED);
  vd_connection_find_pool_sources_async (self->connection, self->spec, self->find_cancellable,
                                         find_done_cb, g_object_ref (self));
}

/* The call itself cannot be interrupted; its answer is dropped. */
static void
find_cancel_cb (VdCreatePoolWizard *self)
{
  if (self->find_cancellable != NULL)
    g_cancellable_cancel (self->find_cancellable);
  g_clear_object (&self->find_cancellable);
  set_finding (self, FALSE);
  gtk_label_set_text (self->find_status, _("Search stopped."));
}

static void
fill_entry (GtkEntry   *entry,
            const char *text)
{
  if (text != NULL)
    gtk_entry_set_text (entry, text);
}

static void
source_selected_cb (VdCreatePoolWizard *self,
                    GtkListBoxRow      *row)
{
  const VdPoolSource *source;

  if (row == NULL || gtk_list_box_row_get_index (row) >= (int)self->sources->len)
    return;
  source = g_ptr_array_index (self->sources, gtk_list_box_row_get_index (row));

  switch (self->spec->type)
    {
    case VD_POOL_TYPE_NETFS:
      fill_entry (self->host_entry, source->host);
      fill_entry (self->source_dir_entry, source->dir);
      if (source->format != NULL)
        gtk_combo_box_set_active_id (GTK_COMBO_BOX (self->format_combo), source->format);
      break;
    case VD_POOL_TYPE_ISCSI:
      /* An iSCSI target comes back as its IQN in <device path>. */
      fill_entry (self->host_entry, source->host);
      fill_entry (self->iqn_entry, source->devices);
      break;
    case VD_POOL_TYPE_LOGICAL:
      /* An existing volume group: nothing to build. */
      fill_entry (self->source_name_entry, source->name);
      fill_entry (self->devices_entry, source->devices);
      gtk_toggle_button_set_active (self->build_check, FALSE);
      break;
    case VD_POOL_TYPE_GLUSTER:
      /* A volume the server serves, by name. */
      fill_entry (self->host_entry, source->host);
      fill_entry (self->source_name_entry, source->name);
      break;
    case VD_POOL_TYPE_DIR:
    case VD_POOL_TYPE_FS:
    case VD_POOL_TYPE_DISK:
    case VD_POOL_TYPE_ISCSI_DIRECT:
    case VD_POOL_TYPE_SCSI:
    case VD_POOL_TYPE_MPATH:
    case VD_POOL_TYPE_RBD:
    case VD_POOL_TYPE_ZFS:
    case VD_POOL_N_TYPES:
    default:
      break;
    }
  revalidate (self);
}

static void
source_activated_cb (VdCreatePoolWizard *self,
                     GtkListBoxRow      *row)
{
  source_selected_cb (self, row);
}

/* ------------------------------------------------------------------ */
/* Navigation and creation                                             */
/* ------------------------------------------------------------------ */

static void
create_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(VdCreatePoolWizard) self = user_data;
  g_autoptr(GError) error = NULL;

  if (vd_connection_create_pool_finish (VD_CONNECTION (object), result, &error))
    {
      gtk_widget_destroy (GTK_WIDGET (self));
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  gtk_label_set_text (self->error_label, error->message);
  gtk_stack_set_visible_child_name (self->stack, "error");
  update_buttons (self);
}

static void
create (VdCreatePoolWizard *self)
{
  g_autofree char *text = NULL;

  sync_spec (self);
  if (self->spec->build && gtk_toggle_button_get_active (self->start_check))
    text = g_strdup_printf (_("Defining, building and starting the storage pool “%s”…"),
                            self->spec->name);
  else if (self->spec->build)
    text = g_strdup_printf (_("Defining and building the storage pool “%s”…"), self->spec->name);
  else
    text = g_strdup_printf (_("Creating the storage pool “%s”…"), self->spec->name);
  gtk_label_set_text (self->progress_label, text);
  gtk_label_set_text (self->error_label, "");
  gtk_stack_set_visible_child_name (self->stack, "progress");
  gtk_widget_set_sensitive (GTK_WIDGET (self->back_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->next_button), FALSE);
  gtk_label_set_text (self->step_label, "");

  vd_connection_create_pool_async (self->connection, self->spec,
                                   gtk_toggle_button_get_active (self->start_check),
                                   gtk_toggle_button_get_active (self->autostart_check),
                                   self->cancellable, create_cb, g_object_ref (self));
}

static void
next_cb (VdCreatePoolWizard *self)
{
  int step = current_step (self);

  revalidate (self);
  if (step < 0 || !page_valid (self, steps[step]))
    return;
  if (step == (int)G_N_ELEMENTS (steps) - 1)
    create (self);
  else
    gtk_stack_set_visible_child_name (self->stack, steps[step + 1]);
  update_buttons (self);
}

static void
back_cb (VdCreatePoolWizard *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);
  int step = current_step (self);

  if (g_strcmp0 (page, "error") == 0)
    gtk_stack_set_visible_child_name (self->stack, "options");
  else if (step > 0)
    gtk_stack_set_visible_child_name (self->stack, steps[step - 1]);
  update_buttons (self);
}

/* Cancel during creation: the worker stops before its next step and
 * undefines what it defined. */
static void
cancel_cb (VdCreatePoolWizard *self)
{
  gtk_widget_destroy (GTK_WIDGET (self));
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */
/* ------------------------------------------------------------------ */

static void
vd_create_pool_wizard_dispose (GObject *object)
{
  VdCreatePoolWizard *self = VD_CREATE_POOL_WIZARD (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->find_cancellable);
  g_clear_object (&self->connection);

  G_OBJECT_CLASS (vd_create_pool_wizard_parent_class)->dispose (object);
}

static void
vd_create_pool_wizard_finalize (GObject *object)
{
  VdCreatePoolWizard *self = VD_CREATE_POOL_WIZARD (object);

  g_clear_pointer (&self->spec, vd_pool_spec_free);
  g_clear_pointer (&self->sources, g_ptr_array_unref);
  g_free (self->erase_confirmed);

  G_OBJECT_CLASS (vd_create_pool_wizard_parent_class)->finalize (object);
}

static void
vd_create_pool_wizard_class_init (VdCreatePoolWizardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vd_create_pool_wizard_dispose;
  object_class->finalize = vd_create_pool_wizard_finalize;

  g_type_ensure (GTK_SOURCE_TYPE_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/virtdesk/VirtDesk/wizards/"
                                               "vd-create-pool-wizard.ui");
#define CHILD(name) gtk_widget_class_bind_template_child (widget_class, VdCreatePoolWizard, name)
  CHILD (stack);
  CHILD (cancel_button);
  CHILD (back_button);
  CHILD (next_button);
  CHILD (step_label);
  CHILD (name_entry);
  CHILD (name_error);
  CHILD (type_combo);
  CHILD (type_help);
  CHILD (source_heading);
  CHILD (host_label);
  CHILD (host_entry);
  CHILD (host_error);
  CHILD (port_label);
  CHILD (port_spin);
  CHILD (port_error);
  CHILD (source_dir_label);
  CHILD (source_dir_entry);
  CHILD (source_dir_error);
  CHILD (source_name_label);
  CHILD (source_name_entry);
  CHILD (source_name_error);
  CHILD (devices_label);
  CHILD (devices_entry);
  CHILD (devices_error);
  CHILD (format_label);
  CHILD (format_combo);
  CHILD (format_error);
  CHILD (iqn_label);
  CHILD (iqn_entry);
  CHILD (iqn_error);
  CHILD (initiator_label);
  CHILD (initiator_entry);
  CHILD (initiator_error);
  CHILD (auth_user_label);
  CHILD (auth_user_entry);
  CHILD (auth_secret_label);
  CHILD (auth_secret_entry);
  CHILD (auth_secret_error);
  CHILD (vhba_check);
  CHILD (adapter_label);
  CHILD (adapter_entry);
  CHILD (adapter_error);
  CHILD (parent_label);
  CHILD (parent_entry);
  CHILD (parent_error);
  CHILD (wwnn_label);
  CHILD (wwnn_entry);
  CHILD (wwnn_error);
  CHILD (wwpn_label);
  CHILD (wwpn_entry);
  CHILD (wwpn_error);
  CHILD (target_label);
  CHILD (target_entry);
  CHILD (target_error);
  CHILD (find_box);
  CHILD (find_button);
  CHILD (find_spinner);
  CHILD (find_cancel_button);
  CHILD (find_status);
  CHILD (find_error);
  CHILD (sources_scroll);
  CHILD (sources_list);
  CHILD (build_check);
  CHILD (build_help);
  CHILD (overwrite_check);
  CHILD (build_error);
  CHILD (erase_frame);
  CHILD (erase_label);
  CHILD (erase_check);
  CHILD (start_check);
  CHILD (autostart_check);
  CHILD (progress_label);
  CHILD (error_label);
  CHILD (xml_view);
#undef CHILD
  gtk_widget_class_bind_template_callback (widget_class, field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, type_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, page_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, find_cb);
  gtk_widget_class_bind_template_callback (widget_class, find_cancel_cb);
  gtk_widget_class_bind_template_callback (widget_class, source_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, source_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, next_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_cb);
}

static void
set_row (VdCreatePoolWizard *self,
         VdPoolSpecField     field,
         GtkLabel           *label,
         gpointer            widget,
         GtkLabel           *error)
{
  self->rows[field] = (FieldRow) { label, GTK_WIDGET (widget), error };
}

static void
vd_create_pool_wizard_init (VdCreatePoolWizard *self)
{
  GtkSourceLanguage *xml;
  GtkTextBuffer *buffer;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->sources = g_ptr_array_new_with_free_func ((GDestroyNotify)vd_pool_source_free);
  self->shown_type = VD_POOL_N_TYPES;

  set_row (self, VD_POOL_SPEC_FIELD_HOST, self->host_label, self->host_entry, self->host_error);
  set_row (self, VD_POOL_SPEC_FIELD_PORT, self->port_label, self->port_spin, self->port_error);
  set_row (self, VD_POOL_SPEC_FIELD_SOURCE_DIR, self->source_dir_label, self->source_dir_entry,
           self->source_dir_error);
  set_row (self, VD_POOL_SPEC_FIELD_SOURCE_NAME, self->source_name_label,
           self->source_name_entry, self->source_name_error);
  set_row (self, VD_POOL_SPEC_FIELD_DEVICES, self->devices_label, self->devices_entry,
           self->devices_error);
  set_row (self, VD_POOL_SPEC_FIELD_FORMAT, self->format_label, self->format_combo,
           self->format_error);
  set_row (self, VD_POOL_SPEC_FIELD_IQN, self->iqn_label, self->iqn_entry, self->iqn_error);
  set_row (self, VD_POOL_SPEC_FIELD_INITIATOR, self->initiator_label, self->initiator_entry,
           self->initiator_error);
  set_row (self, VD_POOL_SPEC_FIELD_AUTH, self->auth_user_label, self->auth_user_entry,
           self->auth_secret_error);
  set_row (self, VD_POOL_SPEC_FIELD_ADAPTER, self->adapter_label, self->adapter_entry,
           self->adapter_error);
  set_row (self, VD_POOL_SPEC_FIELD_PARENT, self->parent_label, self->parent_entry,
           self->parent_error);
  set_row (self, VD_POOL_SPEC_FIELD_WWNN, self->wwnn_label, self->wwnn_entry, self->wwnn_error);
  set_row (self, VD_POOL_SPEC_FIELD_WWPN, self->wwpn_label, self->wwpn_entry, self->wwpn_error);
  set_row (self, VD_POOL_SPEC_FIELD_TARGET, self->target_label, self->target_entry,
           self->target_error);

  for (guint t = 0; t < VD_POOL_N_TYPES; t++)
    {
      /* translators: a pool type in the list: libvirt's name, then ours */
      g_autofree char *text = g_strdup_printf (_("%s: %s"), vd_pool_type_to_string (t),
                                               vd_pool_type_get_label (t));
      gtk_combo_box_text_append (self->type_combo, vd_pool_type_to_string (t), text);
    }

  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (self->xml_view));
  xml = gtk_source_language_manager_get_language (gtk_source_language_manager_get_default (),
                                                  "xml");
  if (GTK_SOURCE_IS_BUFFER (buffer) && xml != NULL)
    gtk_source_buffer_set_language (GTK_SOURCE_BUFFER (buffer), xml);
}

/**
 * vd_create_pool_wizard_new:
 * @parent: (nullable): the window it is transient for
 *
 * Returns: (transfer floating): the wizard for a new storage pool on
 *   @connection, on its first page
 */
GtkWidget *
vd_create_pool_wizard_new (GtkWindow    *parent,
                           VdConnection *connection)
{
  VdCreatePoolWizard *self;

  g_return_val_if_fail (VD_IS_CONNECTION (connection), NULL);

  self = g_object_new (VD_TYPE_CREATE_POOL_WIZARD, "transient-for", parent, NULL);
  self->connection = g_object_ref (connection);

  gtk_combo_box_set_active (GTK_COMBO_BOX (self->type_combo), VD_POOL_TYPE_DIR);
  self->spec = vd_pool_spec_new ();
  gtk_stack_set_visible_child_name (self->stack, "type");
  revalidate (self);
  /* An empty name is the expected start, not a mistake yet. */
  gtk_widget_set_visible (GTK_WIDGET (self->name_error), FALSE);

  /* Names are judged against the connection's pools. */
  g_signal_connect_object (vd_connection_get_pools (connection), "items-changed",
                           G_CALLBACK (field_changed_cb), self, G_CONNECT_SWAPPED);

  return GTK_WIDGET (self);
}

/**
 * vd_create_pool_wizard_get_page:
 *
 * Returns: the visible page: "type", "source", "options", "progress" or
 *   "error"
 */
const char *
vd_create_pool_wizard_get_page (VdCreatePoolWizard *self)
{
  g_return_val_if_fail (VD_IS_CREATE_POOL_WIZARD (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * vd_create_pool_wizard_get_spec:
 *
 * Returns: (transfer none): what the fields say now
 */
const VdPoolSpec *
vd_create_pool_wizard_get_spec (VdCreatePoolWizard *self)
{
  g_return_val_if_fail (VD_IS_CREATE_POOL_WIZARD (self), NULL);

  return self->spec;
}
