/* vd-new-vm-wizard-private.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <osinfo/osinfo.h>

#include "vd-new-vm-wizard.h"
#include "vd-url-install.h"

G_BEGIN_DECLS

/* Shared by the wizard (vd-new-vm-wizard.c), its OS step
 * (vd-new-vm-wizard-os.c) and what it offers from the connection
 * (vd-new-vm-wizard-sources.c). */

struct _VdNewVmWizard
{
  GtkWindow        parent_instance;

  /* Template widgets */
  GtkStack        *stack;
  GtkButton       *cancel_button;
  GtkButton       *back_button;
  GtkButton       *next_button;
  GtkLabel        *step_label;
  GtkToggleButton *method_media_radio;
  GtkToggleButton *method_pxe_radio;
  GtkToggleButton *method_import_radio;
  GtkToggleButton *method_manual_radio;
  GtkToggleButton *method_url_radio;
  GtkWidget       *url_box;
  GtkEntry        *url_entry;
  GtkLabel        *url_error;
  GtkEntry        *kernel_args_entry;
  GtkSpinner      *detect_spinner;
  GtkButton       *detect_cancel_button;
  GtkButton       *detect_retry_button;
  GtkProgressBar  *progress_bar;
  GtkWidget       *media_box;
  GtkEntry        *media_entry;
  GtkComboBoxText *media_volume_combo;
  GtkLabel        *media_error;
  GtkWidget       *pxe_box;
  GtkComboBoxText *pxe_combo;
  GtkLabel        *pxe_error;
  GtkWidget       *import_box;
  GtkEntry        *import_entry;
  GtkComboBoxText *import_volume_combo;
  GtkLabel        *import_error;
  GtkLabel        *detect_label;
  GtkSearchEntry  *os_search;
  GtkListBox      *os_list;
  GtkLabel        *os_label;
  GtkSwitch       *unattended_switch;
  GtkLabel        *unattended_reason;
  GtkWidget       *unattended_grid;
  GtkEntry        *user_login_entry;
  GtkEntry        *user_realname_entry;
  GtkLabel        *user_login_error;
  GtkEntry        *user_password_entry;
  GtkEntry        *user_confirm_entry;
  GtkLabel        *user_password_error;
  GtkEntry        *admin_password_entry;
  GtkEntry        *admin_confirm_entry;
  GtkLabel        *admin_password_error;
  GtkEntry        *timezone_entry;
  GtkLabel        *timezone_error;
  GtkSpinButton   *memory_spin;
  GtkLabel        *memory_error;
  GtkSpinButton   *vcpus_spin;
  GtkLabel        *vcpus_error;
  GtkLabel        *vcpus_warning;
  GtkLabel        *recommended_label;
  GtkLabel        *host_label;
  GtkToggleButton *disk_new_radio;
  GtkToggleButton *disk_existing_radio;
  GtkToggleButton *disk_none_radio;
  GtkWidget       *new_disk_box;
  GtkComboBoxText *pool_combo;
  GtkLabel        *pool_error;
  GtkEntry        *size_entry;
  GtkComboBoxText *size_unit_combo;
  GtkLabel        *size_error;
  GtkComboBoxText *format_combo;
  GtkWidget       *existing_disk_box;
  GtkEntry        *existing_entry;
  GtkComboBoxText *existing_volume_combo;
  GtkLabel        *existing_error;
  GtkEntry        *name_entry;
  GtkLabel        *name_error;
  GtkComboBoxText *net_combo;
  GtkLabel        *net_entry_label;
  GtkEntry        *net_entry;
  GtkLabel        *macvtap_label;
  GtkComboBoxText *macvtap_combo;
  GtkLabel        *net_error;
  GtkComboBoxText *firmware_combo;
  GtkComboBoxText *hypervisor_combo;
  GtkToggleButton *customize_check;
  GtkLabel        *customize_help;
  GtkLabel        *summary_label;
  GtkLabel        *progress_label;
  GtkLabel        *error_label;

  /* Owned references */
  VdConnection    *connection;
  VdInstallSpec   *spec;
  OsinfoOs        *os;               /* nullable: generic */
  OsinfoOs        *detected_os;      /* found before the list was filled */
  GCancellable    *cancellable;      /* lookups; cancelled in dispose */
  GCancellable    *create_cancellable;
  char            *detected_path;    /* the medium last identified */
  char            *new_uuid;         /* the created guest, until its window opens */
  GStrv            cd_drives;        /* the host's CD drives, once listed */
  VdUrlTree       *tree;             /* the network install tree read last */
  GCancellable    *tree_cancellable; /* reading it; the step's Stop */

  VdInstallLimits  limits;
  guint            syncing : 1;      /* widgets being set from the spec */
  guint            name_edited : 1;
  guint            creating : 1;
  guint            closing : 1;      /* Cancel pressed during creation */
  guint            os_loaded : 1;
  guint            net_chosen : 1;   /* the user picked the network */
  guint            disposed : 1;     /* widgets gone: late results are dropped */
  guint            os_loading : 1;   /* libosinfo's database asked for */
};

void _vd_new_vm_wizard_revalidate          (VdNewVmWizard  *self);
void _vd_new_vm_wizard_show_spec_resources (VdNewVmWizard  *self);
void _vd_new_vm_wizard_os_init             (VdNewVmWizard  *self);
void _vd_new_vm_wizard_os_bind             (GtkWidgetClass *widget_class);
void _vd_new_vm_wizard_detect_os           (VdNewVmWizard  *self);
void _vd_new_vm_wizard_sources_init        (VdNewVmWizard  *self);
void _vd_new_vm_wizard_sources_bind        (GtkWidgetClass *widget_class);
void _vd_new_vm_wizard_show_detected       (VdNewVmWizard  *self,
                                            OsinfoOs       *os);
void _vd_new_vm_wizard_url_read_tree       (VdNewVmWizard  *self);
gboolean _vd_new_vm_wizard_url_tree_ready  (VdNewVmWizard  *self);
void _vd_new_vm_wizard_url_sync_spec       (VdNewVmWizard  *self);
void _vd_new_vm_wizard_url_bind            (GtkWidgetClass *widget_class);
void _vd_new_vm_wizard_start_create        (VdNewVmWizard  *self);
void _vd_new_vm_wizard_show_error          (VdNewVmWizard  *self,
                                            const char     *message);
void _vd_new_vm_wizard_unattended_init     (VdNewVmWizard  *self);
void _vd_new_vm_wizard_unattended_bind     (GtkWidgetClass *widget_class);
void _vd_new_vm_wizard_unattended_sync_spec (VdNewVmWizard *self);
gboolean _vd_new_vm_wizard_unattended_active (VdNewVmWizard *self);
gboolean _vd_new_vm_wizard_unattended_valid (VdNewVmWizard *self);
void _vd_new_vm_wizard_unattended_generate (VdNewVmWizard  *self);
void _vd_new_vm_wizard_unattended_forget   (VdNewVmWizard  *self);

G_END_DECLS
