/* vd-console-view-private.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "vd-console-session.h"
#include "vd-console-tunnel.h"
#include "vd-console-view.h"

G_BEGIN_DECLS

#define MAX_RETRIES 3
#define RETRY_DELAY_MS 1000

struct _VdConsoleView
{
  GtkBin              parent_instance;

  /* Template widgets */
  GtkStack           *stack;
  GtkLabel           *inactive_label;
  GtkLabel           *state_label;
  GtkWidget          *run_button;
  GtkSpinner         *spinner;
  GtkBox             *display_box;
  GtkWidget          *username_label;
  GtkEntry           *username_entry;
  GtkEntry           *password_entry;
  GtkToggleButton    *remember_check;
  GtkLabel           *auth_reason_label;
  GtkWidget          *chooser_bar;
  GtkComboBoxText    *console_chooser;
  GtkLabel           *error_label;
  GtkLabel           *connecting_label;
  GtkWidget          *status_bar;
  GtkLabel           *status_label;
  GtkLabel           *zoom_label;
  GtkRevealer        *osd_revealer;
  GtkWidget          *osd_edge;
  GtkMenuButton      *osd_menu_button;
  GtkLabel           *osd_zoom_label;
  VdSerialConsole    *serial;

  /* Owned */
  VdDomain           *domain;
  GSettings          *settings;
  GCancellable       *cancellable;      /* the current connection attempt */
  VdConsoleSession   *session;
  VdConsoleTunnel    *tunnel;           /* qemu+ssh: the SSH connection */
  GSimpleAction      *send_key_action;
  GSimpleAction      *screenshot_action;
  GSimpleAction      *text_console_action;
  GSimpleAction      *fullscreen_action;
  GSimpleAction      *zoom_in_action;
  GSimpleAction      *zoom_out_action;
  GSimpleAction      *zoom_normal_action;
  GSimpleAction      *zoom_fit_action;
  GSimpleAction      *forget_password_action;
  GSimpleAction      *usb_action;
  GtkWidget          *usb_popover;      /* made when first shown */
  GtkWidget          *usb_list;
  GtkWidget          *toplevel;         /* watched for its state and keys */
  GBinding           *state_binding;
  GBinding           *run_binding;
  char               *error;
  char               *protocol;         /* the session's: "vnc", "spice" */
  char               *pending_password; /* typed with Remember on, until accepted */
  char               *auth_reason;      /* shown with the next prompt */
  char               *console_device;   /* the text console chosen, or NULL */
  char               *shown_alias;      /* the text console open, or NULL */

  guint               usb_redirdevs;    /* the running guest's spicevmc redirdevs */
  guint               retries;
  guint               retry_source;
  guint               osd_hide_source;
  int                 scale_override;   /* -1: as the setting says; else on/off */
  guint               zoom;             /* percent, when not scaled */
  gboolean            fullscreen;
  gboolean            initialized;
  gboolean            credentials_sent;
  gboolean            auth_wants_username;
  gboolean            keyring;          /* a secret service answered */
  gboolean            tried_saved;      /* this attempt sent the saved password */
  gboolean            skip_saved;       /* the next prompt asks, no lookup */
  gboolean            chooser_choices;  /* more than one text console */
  gboolean            chooser_updating;
};

/* vd-console-view-chooser.c: which console (screen, serial 0, 1, …) */
void _vd_console_view_chooser_class_init    (GtkWidgetClass *widget_class);
void _vd_console_view_chooser_init          (VdConsoleView  *self);
void _vd_console_view_chooser_reset         (VdConsoleView  *self);
void _vd_console_view_chooser_update        (VdConsoleView  *self,
                                             GPtrArray      *consoles,
                                             gboolean        has_graphics,
                                             const char     *shown);

void _vd_console_view_set_page              (VdConsoleView  *self,
                                             const char     *page);

/* vd-console-view-auth.c: the password prompt and the keyring */
void     _vd_console_view_auth_class_init     (GtkWidgetClass     *widget_class);
void     _vd_console_view_auth_init           (VdConsoleView      *self);
void     _vd_console_view_auth_finalize       (VdConsoleView      *self);
void     _vd_console_view_auth_add_actions    (VdConsoleView      *self,
                                               GActionMap         *map);
void     _vd_console_view_auth_required       (VdConsoleView      *self,
                                               const char * const *wanted);
gboolean _vd_console_view_auth_refused        (VdConsoleView      *self,
                                               const char         *message);
void     _vd_console_view_auth_accepted       (VdConsoleView      *self);
void     _vd_console_view_auth_reset          (VdConsoleView      *self);
void     _vd_console_view_auth_domain_changed (VdConsoleView      *self);

/* vd-console-view-viewing.c: scaling, zoom, guest resizing, the keys that
 * release a grab, the status line, full screen and its floating toolbar */
void _vd_console_view_viewing_class_init  (GtkWidgetClass *widget_class);
void _vd_console_view_viewing_init        (VdConsoleView  *self);
void _vd_console_view_viewing_dispose     (VdConsoleView  *self);
void _vd_console_view_viewing_add_actions (VdConsoleView  *self,
                                           GActionMap     *map);
void _vd_console_view_watch_settings      (VdConsoleView  *self);
void _vd_console_view_apply_options       (VdConsoleView  *self);
void _vd_console_view_session_changed     (VdConsoleView  *self);

/* vd-console-view-usb.c: redirecting the host's USB devices (SPICE) */
void _vd_console_view_usb_init        (VdConsoleView  *self);
void _vd_console_view_usb_dispose     (VdConsoleView  *self);
void _vd_console_view_usb_finalize    (VdConsoleView  *self);
void _vd_console_view_usb_add_actions (VdConsoleView  *self,
                                       GActionMap     *map);
void _vd_console_view_usb_update      (VdConsoleView  *self);

G_END_DECLS
