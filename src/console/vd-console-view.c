/* vd-console-view.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-console-view"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>
#include <unistd.h>

#include "vd-connection.h"
#include "vd-console-devices.h"
#include "vd-console-session.h"
#include "vd-console-view-private.h"
#include "vd-serial-console.h"
#include "vd-xml.h"

#ifdef HAVE_GTK_VNC
# include "vd-console-session-vnc.h"
#endif
#ifdef HAVE_SPICE_GTK
# include "vd-console-session-spice.h"
#endif

/*
 * A guest's screen, embedded: a stack of pages
 *
 *   inactive   the guest is not running (Run, bound to vm.start)
 *   connecting a socket is being obtained or the session is starting
 *   display    the protocol widget
 *   auth       the display wants a password (asked here, not in a dialog)
 *   error      why there is no display, with Retry
 *
 * When the guest becomes active the view connects by itself. The socket
 * comes from virDomainOpenGraphicsFD in a worker (it is a round trip to the
 * daemon); where that fails (a remote daemon, a driver without it) and the
 * connection is local, the worker reads the listen address and port from
 * the guest's live XML instead. This view is the only place that knows the
 * protocol: it picks the session class from the graphics type.
 *
 * A display that goes away while the guest still runs is reconnected a few
 * times (a guest reboot, QEMU restarting its server); a stopped guest shows
 * the inactive page.
 *
 * A guest without graphics but with a serial or text console shows that,
 * in a terminal (page "serial", VdSerialConsole); so does any guest with
 * one when the text-console action is on.
 */

G_DEFINE_FINAL_TYPE (VdConsoleView, vd_console_view, GTK_TYPE_BIN)

enum {
  PROP_0,
  PROP_DOMAIN,
  PROP_PAGE,
  PROP_INITIALIZED,
  PROP_FULLSCREEN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void connect_display (VdConsoleView *self,
                             gboolean       automatic);

/* ------------------------------------------------------------------ */
/* Pages                                                               */
/* ------------------------------------------------------------------ */

void
_vd_console_view_set_page (VdConsoleView *self,
                           const char    *page)
{
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), page) == 0)
    return;

  gtk_stack_set_visible_child_name (self->stack, page);
  if (g_str_equal (page, "connecting"))
    gtk_spinner_start (self->spinner);
  else
    gtk_spinner_stop (self->spinner);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
}

static void
set_initialized (VdConsoleView *self,
                 gboolean       initialized)
{
  if (self->initialized == initialized)
    return;

  self->initialized = initialized;
  g_simple_action_set_enabled (self->send_key_action, initialized);
  g_simple_action_set_enabled (self->screenshot_action, initialized);
  _vd_console_view_session_changed (self);
  _vd_console_view_usb_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INITIALIZED]);
}

static gboolean
drop_session_cb (gpointer data)
{
  VdConsoleSession *session = data;
  GtkWidget *display = GTK_WIDGET (vd_console_session_get_display (session));
  GtkWidget *parent = gtk_widget_get_parent (display);

  if (GTK_IS_OFFSCREEN_WINDOW (parent))
    gtk_widget_destroy (parent);
  else if (parent != NULL)
    gtk_container_remove (GTK_CONTAINER (parent), display);
  g_object_unref (session);

  return G_SOURCE_REMOVE;
}

static void
closed_session_cb (VdConsoleSession *session,
                   const char       *error)
{
  g_signal_handlers_disconnect_by_func (session, closed_session_cb, NULL);
  g_idle_add (drop_session_cb, session);
}

/* Ends the session and any attempt in flight; the page is the caller's. */
static void
stop (VdConsoleView *self)
{
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->retry_source, g_source_remove);

  if (self->session != NULL)
    {
      VdConsoleSession *session = g_steal_pointer (&self->session);

      /* gtk-vnc still delivers what it queued before the disconnection,
       * and its widget must be realized for that: a closing display waits
       * in an offscreen window (the view may be on its way out with its
       * window) until "disconnected", then goes from an idle, since this
       * may run inside one of the session's own signals. */
      g_signal_handlers_disconnect_by_data (session, self);
      g_signal_handlers_disconnect_by_data (vd_console_session_get_display (session), self);
      if (vd_console_session_is_open (session))
        {
          GtkWidget *display = GTK_WIDGET (vd_console_session_get_display (session));
          GtkWidget *parent = gtk_widget_get_parent (display);
          GtkWidget *offscreen = gtk_offscreen_window_new ();

          if (parent != NULL)
            gtk_container_remove (GTK_CONTAINER (parent), display);
          gtk_container_add (GTK_CONTAINER (offscreen), display);
          gtk_widget_show (offscreen);
          g_signal_connect (session, "disconnected", G_CALLBACK (closed_session_cb), NULL);
          vd_console_session_close (session);
        }
      else
        {
          g_idle_add (drop_session_cb, session);
        }
    }

  if (self->serial != NULL)
    vd_serial_console_close (self->serial);

  /* After the session: its socket ends with the tunnel's processes. */
  if (self->tunnel != NULL)
    {
      vd_console_tunnel_close (self->tunnel);
      g_clear_object (&self->tunnel);
    }

  self->credentials_sent = FALSE;
  _vd_console_view_auth_reset (self);
  set_initialized (self, FALSE);
}

static void
show_error (VdConsoleView *self,
            const char    *message)
{
  stop (self);
  g_free (self->error);
  self->error = g_strdup (message);
  gtk_label_set_text (self->error_label, message);
  g_debug ("console of %s: %s", vd_domain_get_name (self->domain), message);
  _vd_console_view_set_page (self, "error");
}

static void
show_inactive (VdConsoleView *self)
{
  stop (self);
  g_clear_pointer (&self->error, g_free);
  self->retries = 0;
  _vd_console_view_set_page (self, "inactive");
}

static gboolean
retry_cb (gpointer user_data)
{
  VdConsoleView *self = user_data;

  self->retry_source = 0;
  connect_display (self, TRUE);

  return G_SOURCE_REMOVE;
}

/* An attempt failed or a display went away: try again a few times while
 * the guest runs, then say why. */
static void
attempt_failed (VdConsoleView *self,
                const char    *message,
                gboolean       may_retry)
{
  if (self->domain == NULL || !vd_domain_get_active (self->domain))
    {
      show_inactive (self);
      return;
    }

  if (!may_retry || self->retries >= MAX_RETRIES)
    {
      show_error (self, message);
      return;
    }

  stop (self);
  self->retries++;
  g_debug ("console of %s: %s; retrying (%u of %u)", vd_domain_get_name (self->domain),
           message, self->retries, MAX_RETRIES);
  _vd_console_view_set_page (self, "connecting");
  self->retry_source = g_timeout_add (RETRY_DELAY_MS, retry_cb, self);
}

/* ------------------------------------------------------------------ */
/* Session                                                             */
/* ------------------------------------------------------------------ */

static void
session_initialized_cb (VdConsoleView    *self,
                        VdConsoleSession *session)
{
  self->retries = 0;
  g_clear_pointer (&self->error, g_free);
  gtk_entry_set_text (self->password_entry, "");
  _vd_console_view_auth_accepted (self);
  set_initialized (self, TRUE);
  _vd_console_view_set_page (self, "display");
  gtk_widget_grab_focus (GTK_WIDGET (vd_console_session_get_display (session)));
}

static void
session_disconnected_cb (VdConsoleView    *self,
                         const char       *error,
                         VdConsoleSession *session)
{
  /* Credentials sent and no screen: they were refused. Asking again in a
   * loop would not help; the error page's Retry asks again. */
  gboolean refused = self->credentials_sent && !self->initialized;
  g_autofree char *message = NULL;

  if (refused)
    message = g_strdup (error != NULL ? error
                                      : _("The guest’s display did not accept the password."));
  else
    message = g_strdup (error != NULL ? error : _("The guest’s display closed the connection."));

  g_debug ("console of %s disconnected: %s", vd_domain_get_name (self->domain), message);
  if (refused && _vd_console_view_auth_refused (self, message))
    return;
  attempt_failed (self, message, !refused);
}

static void
session_auth_required_cb (VdConsoleView      *self,
                          const char * const *wanted,
                          VdConsoleSession   *session)
{
  _vd_console_view_auth_required (self, wanted);
}

static void
retry_clicked_cb (VdConsoleView *self)
{
  vd_console_view_reconnect (self);
}

/* ------------------------------------------------------------------ */
/* Finding the display (worker)                                        */
/* ------------------------------------------------------------------ */

typedef struct
{
  /* in */
  GVirDomain   *gvir;
  virDomainPtr  handle;
  gboolean      local;
  char         *uri;          /* the connection's */
  char         *wanted;       /* the text console chosen, or NULL */
  /* out */
  char         *type;
  int           fd;
  char         *host;
  char         *port;
  char         *serial;       /* the text console's alias, for type "serial" */
  gboolean      prefer_text;
  gboolean      via_ssh;      /* host:port is on the remote side of a tunnel */
  GPtrArray    *consoles;     /* VdTextConsole: what the chooser offers */
  gboolean      has_graphics;
  guint         redirdevs;    /* USB redirection channels (SPICE) */
} OpenData;

static void
open_data_free (OpenData *data)
{
  g_clear_object (&data->gvir);
  g_clear_pointer (&data->handle, virDomainFree);
  g_free (data->type);
  g_free (data->host);
  g_free (data->port);
  g_free (data->serial);
  g_free (data->uri);
  g_free (data->wanted);
  g_clear_pointer (&data->consoles, g_ptr_array_unref);
  if (data->fd >= 0)
    close (data->fd);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (OpenData, open_data_free)

static void
open_display_worker (GTask        *task,
                     gpointer      source_object,
                     gpointer      task_data,
                     GCancellable *cancellable)
{
  OpenData *data = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(VdXml) xml = NULL;
  g_autofree char *text = NULL;
  g_autofree char *listen = NULL;
  g_autofree char *port = NULL;
  guint64 port_number = 0;

  text = virDomainGetXMLDesc (data->handle, 0);
  if (text == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("Could not read the guest’s configuration: %s"),
                               virGetLastErrorMessage ());
      return;
    }

  xml = vd_xml_new (text);
  data->type = xml != NULL ? vd_xml_get_string (xml, "string(devices/graphics[1]/@type)") : NULL;
  data->has_graphics = data->type != NULL;
  data->consoles = vd_console_devices_text_consoles (text);
  if (xml != NULL)
    {
      g_autoptr(GPtrArray) redirdevs = vd_xml_get_nodes (xml,
                                                         "devices/redirdev[@type='spicevmc']");

      data->redirdevs = redirdevs->len;
    }

  /* The text console chosen, while the guest has it. */
  for (guint i = 0; data->wanted != NULL && i < data->consoles->len; i++)
    {
      VdTextConsole *console = g_ptr_array_index (data->consoles, i);

      if (g_str_equal (console->alias, data->wanted))
        {
          g_free (data->type);
          data->type = g_strdup ("serial");
          data->serial = g_strdup (console->alias);
          g_task_return_boolean (task, TRUE);
          return;
        }
    }

  /* The text console: asked for, or the only one there is. */
  if (xml != NULL && (data->type == NULL || data->prefer_text))
    {
      g_autofree char *alias = vd_xml_get_string (xml, "string(devices/console[1]/alias/@name)");

      if (alias == NULL)
        alias = vd_xml_get_string (xml, "string(devices/serial[1]/alias/@name)");
      if (alias != NULL)
        {
          g_free (data->type);
          data->type = g_strdup ("serial");
          data->serial = g_steal_pointer (&alias);
          g_task_return_boolean (task, TRUE);
          return;
        }
      if (data->prefer_text)
        {
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s",
                                   _("This guest has no text console."));
          return;
        }
    }

  if (data->type == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "%s",
                               _("This guest has no graphical display."));
      return;
    }

  if (!g_str_equal (data->type, "vnc")
#ifdef HAVE_SPICE_GTK
      && !g_str_equal (data->type, "spice")
#endif
     )
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                               /* translators: %s is a display protocol, e.g. "spice" */
                               _("This guest’s display uses the %s protocol, which this "
                                 "version of Virt Desk cannot show."), data->type);
      return;
    }

  if (vd_console_uri_passes_fds (data->uri))
    {
      data->fd = gvir_domain_open_graphics_fd (data->gvir, 0, 0, &error);
      if (data->fd >= 0)
        {
          g_task_return_boolean (task, TRUE);
          return;
        }

      g_debug ("virDomainOpenGraphicsFD: %s", error != NULL ? error->message : "?");
      data->fd = -1;
    }

  /* A daemon that cannot hand out the socket (a remote one): connect to
   * where the display listens, directly or through SSH. */
  listen = vd_xml_get_string (xml, "string(devices/graphics[1]/@listen)");
  if (listen == NULL)
    listen = vd_xml_get_string (xml,
                                "string(devices/graphics[1]/listen[@type='address']/@address)");
  port = vd_xml_get_string (xml, "string(devices/graphics[1]/@port)");

  if (port == NULL || !g_ascii_string_to_unsigned (port, 10, 1, 65535, &port_number, NULL))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("The guest’s display has no port to connect to (%s)."),
                               error != NULL ? error->message : _("no reason given"));
      return;
    }

  if (!data->local)
    {
      g_autofree char *listen_type = vd_xml_get_string (xml,
                                                        "string(devices/graphics[1]/listen[1]/@type)");
      g_autoptr(GError) target_error = NULL;

      if (!vd_console_remote_target (data->uri, listen_type, listen, &data->via_ssh, &data->host,
                                     &target_error))
        {
          g_task_return_error (task, g_steal_pointer (&target_error));
          return;
        }
    }
  else if (listen == NULL || g_str_equal (listen, "0.0.0.0") || g_str_equal (listen, "::"))
    data->host = g_strdup ("127.0.0.1");
  else
    data->host = g_steal_pointer (&listen);
  data->port = g_strdup_printf ("%" G_GUINT64_FORMAT, port_number);

  g_task_return_boolean (task, TRUE);
}

/* Whether the guest's display can be reached at the address in its XML:
 * the daemon is on this machine (no host, or a loopback one, and no SSH). */
static gboolean
connection_is_local (VdDomain *domain)
{
  VdConnection *connection = vd_domain_get_connection (domain);
  g_autoptr(GUri) uri = NULL;
  const char *host;

  if (connection == NULL)
    return FALSE;

  uri = g_uri_parse (vd_connection_get_uri (connection), G_URI_FLAGS_NON_DNS, NULL);
  if (uri == NULL)
    return FALSE;

  if (strstr (g_uri_get_scheme (uri), "+ssh") != NULL ||
      strstr (g_uri_get_scheme (uri), "+ext") != NULL)
    return FALSE;

  host = g_uri_get_host (uri);
  return host == NULL || host[0] == '\0' || g_str_equal (host, "localhost") ||
         g_str_equal (host, "127.0.0.1") || g_str_equal (host, "::1");
}

/* More sockets to the same display (SPICE wants one per channel), made as
 * the first one was, in a worker. */
typedef struct
{
  GVirDomain           *gvir;
  VdConsoleFdReadyFunc  ready;
  gpointer              ready_data;
  int                   fd;
  char                 *error;
} FdData;

static void
fd_data_free (FdData *data)
{
  g_clear_object (&data->gvir);
  if (data->fd >= 0)
    close (data->fd);
  g_free (data->error);
  g_free (data);
}

static void
open_fd_worker (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  FdData *data = task_data;
  g_autoptr(GError) error = NULL;

  data->fd = gvir_domain_open_graphics_fd (data->gvir, 0, 0, &error);
  if (data->fd < 0)
    data->error = g_strdup_printf (_("The guest’s display cannot be reached from this computer: %s"),
                                   error != NULL ? error->message : _("no reason given"));
  g_task_return_boolean (task, TRUE);
}

static void
open_fd_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  FdData *data = g_task_get_task_data (G_TASK (result));
  int fd = data->fd;

  data->fd = -1;
  data->ready (fd, data->error, data->ready_data);
}

static void
session_fd_func (VdConsoleSession     *session,
                 VdConsoleFdReadyFunc  ready,
                 gpointer              ready_data,
                 gpointer              user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, open_fd_done_cb, NULL);
  FdData *data = g_new0 (FdData, 1);

  data->gvir = g_object_ref (user_data);
  data->ready = ready;
  data->ready_data = ready_data;
  data->fd = -1;
  g_task_set_source_tag (task, session_fd_func);
  g_task_set_task_data (task, data, (GDestroyNotify)fd_data_free);
  g_task_run_in_thread (task, open_fd_worker);
}

static VdConsoleSession *
new_session (VdConsoleView *self,
             const char    *type)
{
#ifdef HAVE_SPICE_GTK
  if (g_str_equal (type, "spice"))
    return vd_console_session_spice_new ();
#endif
#ifdef HAVE_GTK_VNC
  if (g_str_equal (type, "vnc"))
    return vd_console_session_vnc_new ();
#endif
  return NULL;
}

static void
serial_opened_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(VdConsoleView) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!vd_serial_console_open_finish (VD_SERIAL_CONSOLE (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        attempt_failed (self, error->message, TRUE);
      return;
    }

  self->retries = 0;
  _vd_console_view_set_page (self, "serial");
}

static void
serial_closed_cb (VdConsoleView *self,
                  const char    *error)
{
  /* The guest went (the inactive page comes with its state), or the
   * console was lost while it runs: connect again. */
  attempt_failed (self, error != NULL ? error : _("The guest’s text console closed."), TRUE);
}

/* ------------------------------------------------------------------ */
/* Through SSH (qemu+ssh): one tunnel per console, one stream per socket */
/* ------------------------------------------------------------------ */

static gboolean create_session (VdConsoleView *self,
                                const char    *type);

typedef struct
{
  VdConsoleView *view;        /* a reference */
  char          *type;
  char          *host;
  char          *port;
} TunnelStart;

static void
tunnel_start_free (TunnelStart *start)
{
  g_object_unref (start->view);
  g_free (start->type);
  g_free (start->host);
  g_free (start->port);
  g_free (start);
}

/* SPICE's further channels: more streams over the same master. */
typedef struct
{
  VdConsoleTunnel      *tunnel;
  char                 *host;
  char                 *port;
} TunnelTarget;

static void
tunnel_target_free (gpointer user_data)
{
  TunnelTarget *target = user_data;

  g_object_unref (target->tunnel);
  g_free (target->host);
  g_free (target->port);
  g_free (target);
}

typedef struct
{
  VdConsoleFdReadyFunc  ready;
  gpointer              ready_data;
} StreamRequest;

static void
tunnel_stream_for_session_cb (GObject      *object,
                              GAsyncResult *result,
                              gpointer      user_data)
{
  g_autofree StreamRequest *request = user_data;
  g_autoptr(GError) error = NULL;
  int fd = vd_console_tunnel_open_stream_finish (VD_CONSOLE_TUNNEL (object), result, &error);

  request->ready (fd, fd < 0 ? error->message : NULL, request->ready_data);
}

static void
session_tunnel_fd_func (VdConsoleSession     *session,
                        VdConsoleFdReadyFunc  ready,
                        gpointer              ready_data,
                        gpointer              user_data)
{
  TunnelTarget *target = user_data;
  StreamRequest *request = g_new0 (StreamRequest, 1);

  request->ready = ready;
  request->ready_data = ready_data;
  vd_console_tunnel_open_stream_async (target->tunnel, target->host, target->port, NULL,
                                       tunnel_stream_for_session_cb, request);
}

static void
tunnel_stream_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  TunnelStart *start = user_data;
  VdConsoleView *self = start->view;
  VdConsoleTunnel *tunnel = VD_CONSOLE_TUNNEL (object);
  g_autoptr(GError) error = NULL;
  TunnelTarget *target;
  int fd;

  fd = vd_console_tunnel_open_stream_finish (tunnel, result, &error);
  /* A stale attempt (Retry, the guest stopped): its tunnel is closed. */
  if (self->tunnel != tunnel)
    {
      if (fd >= 0)
        close (fd);
      tunnel_start_free (start);
      return;
    }

  if (fd < 0)
    {
      attempt_failed (self, error->message, TRUE);
      tunnel_start_free (start);
      return;
    }

  if (!create_session (self, start->type))
    {
      close (fd);
      tunnel_start_free (start);
      return;
    }

  target = g_new0 (TunnelTarget, 1);
  target->tunnel = g_object_ref (tunnel);
  target->host = g_strdup (start->host);
  target->port = g_strdup (start->port);
  vd_console_session_set_fd_func (self->session, session_tunnel_fd_func, target,
                                  tunnel_target_free);
  tunnel_start_free (start);

  if (!vd_console_session_open_fd (self->session, fd, &error))
    attempt_failed (self, error->message, TRUE);
}

static void
tunnel_started_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  TunnelStart *start = user_data;
  VdConsoleView *self = start->view;
  VdConsoleTunnel *tunnel = VD_CONSOLE_TUNNEL (object);
  g_autoptr(GError) error = NULL;

  if (!vd_console_tunnel_start_finish (tunnel, result, &error))
    {
      /* ssh's reason (a refused key, an unknown host) will not change by
       * itself: the error page, with Retry. */
      if (self->tunnel == tunnel && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        attempt_failed (self, error->message, FALSE);
      tunnel_start_free (start);
      return;
    }

  if (self->tunnel != tunnel)
    {
      tunnel_start_free (start);
      return;
    }

  vd_console_tunnel_open_stream_async (tunnel, start->host, start->port, NULL,
                                       tunnel_stream_cb, start);
}

static void
start_tunnel (VdConsoleView *self,
              OpenData      *data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  TunnelStart *start;

  self->tunnel = vd_console_tunnel_new (data->uri, &error);
  if (self->tunnel == NULL)
    {
      show_error (self, error->message);
      return;
    }

  /* translators: %s is the remote host's name */
  label = g_strdup_printf (_("Opening an SSH tunnel to %s…"),
                           vd_console_tunnel_get_host (self->tunnel));
  gtk_label_set_text (self->connecting_label, label);

  start = g_new0 (TunnelStart, 1);
  start->view = g_object_ref (self);
  start->type = g_strdup (data->type);
  start->host = g_strdup (data->host);
  start->port = g_strdup (data->port);
  vd_console_tunnel_start_async (self->tunnel, self->cancellable, tunnel_started_cb, start);
}

/* @widget and everything in it (gtk_widget_realize() does one widget). */
static void
realize_all (GtkWidget *widget,
             gpointer   user_data)
{
  gtk_widget_realize (widget);
  if (GTK_IS_CONTAINER (widget))
    gtk_container_forall (GTK_CONTAINER (widget), realize_all, NULL);
}

/* The session and its widget in the view; FALSE (and the error page)
 * when this build cannot show @type. */
static gboolean
create_session (VdConsoleView *self,
                const char    *type)
{
  VdConsoleDisplay *display;

  self->session = new_session (self, type);
  g_free (self->protocol);
  self->protocol = g_strdup (type);
  if (self->session == NULL)
    {
      /* translators: %s is a display protocol, e.g. "vnc" */
      g_autofree char *message = g_strdup_printf (_("This version of Virt Desk was built "
                                                    "without %s support."), type);

      show_error (self, message);
      return FALSE;
    }

  g_signal_connect_object (self->session, "initialized", G_CALLBACK (session_initialized_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "disconnected",
                           G_CALLBACK (session_disconnected_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "auth-required",
                           G_CALLBACK (session_auth_required_cb), self, G_CONNECT_SWAPPED);

  display = vd_console_session_get_display (self->session);
  gtk_widget_set_hexpand (GTK_WIDGET (display), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (display), TRUE);
  gtk_container_add (GTK_CONTAINER (self->display_box), GTK_WIDGET (display));
  gtk_widget_show (GTK_WIDGET (display));
  /* gtk-vnc draws into its own window from its first signals on: in a page
   * not shown (a background tab, the Details page) it would have none. */
  if (gtk_widget_is_toplevel (gtk_widget_get_toplevel (GTK_WIDGET (self))))
    realize_all (GTK_WIDGET (display), NULL);
  _vd_console_view_session_changed (self);

  return TRUE;
}

static void
start_session (VdConsoleView *self,
               OpenData      *data)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  g_free (self->shown_alias);
  self->shown_alias = g_strdup (data->serial);
  self->usb_redirdevs = data->redirdevs;
  if (g_str_equal (data->type, "serial"))
    {
      vd_serial_console_open_async (self->serial, data->handle, data->serial, self->cancellable,
                                    serial_opened_cb, g_object_ref (self));
      return;
    }

  if (data->via_ssh)
    {
      start_tunnel (self, data);
      return;
    }

  if (!create_session (self, data->type))
    return;

  if (data->fd >= 0)
    {
      int fd = data->fd;

      data->fd = -1;
      vd_console_session_set_fd_func (self->session, session_fd_func,
                                      g_object_ref (data->gvir), g_object_unref);
      ok = vd_console_session_open_fd (self->session, fd, &error);
    }
  else
    {
      ok = vd_console_session_open_host (self->session, data->host, data->port, &error);
    }

  if (!ok)
    attempt_failed (self, error->message, TRUE);
}

static void
open_display_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(VdConsoleView) self = user_data;
  g_autoptr(GError) error = NULL;
  GTask *task = G_TASK (result);
  OpenData *data = g_task_get_task_data (task);

  if (g_task_get_cancellable (task) == self->cancellable)
    _vd_console_view_chooser_update (self, data->consoles, data->has_graphics, data->serial);

  if (!g_task_propagate_boolean (task, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
          g_task_get_cancellable (task) != self->cancellable)
        return;

      /* No display, or one this version cannot show: retrying won't help. */
      attempt_failed (self, error->message,
                      self->retries > 0 &&
                      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND) &&
                      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED));
      return;
    }

  if (g_task_get_cancellable (task) != self->cancellable ||
      g_cancellable_is_cancelled (self->cancellable))
    return;

  start_session (self, g_task_get_task_data (task));
}

/* @automatic: a reconnection, which spends one of the bounded retries;
 * otherwise (the guest started, Retry) the count starts over. */
static void
connect_display (VdConsoleView *self,
                 gboolean       automatic)
{
  g_autoptr(GTask) task = NULL;
  OpenData *data;

  stop (self);
  if (!automatic)
    self->retries = 0;

  if (self->domain == NULL)
    return;

  if (!vd_domain_get_active (self->domain))
    {
      show_inactive (self);
      return;
    }

  if (vd_domain_get_handle (self->domain) == NULL || vd_domain_get_connection (self->domain) == NULL)
    {
      show_error (self, _("This guest is no longer available."));
      return;
    }

  _vd_console_view_set_page (self, "connecting");
  gtk_label_set_text (self->connecting_label, _("Connecting to the guest’s display…"));
  self->cancellable = g_cancellable_new ();

  data = g_new0 (OpenData, 1);
  data->fd = -1;
  data->gvir = g_object_ref (vd_domain_get_gvir (self->domain));
  data->handle = vd_domain_get_handle (self->domain);
  virDomainRef (data->handle);
  data->local = connection_is_local (self->domain);
  data->uri = g_strdup (vd_connection_get_uri (vd_domain_get_connection (self->domain)));
  {
    g_autoptr(GVariant) text = g_action_get_state (G_ACTION (self->text_console_action));

    data->prefer_text = g_variant_get_boolean (text);
  }
  data->wanted = g_strdup (self->console_device);

  task = g_task_new (NULL, self->cancellable, open_display_cb, g_object_ref (self));
  g_task_set_source_tag (task, connect_display);
  g_task_set_task_data (task, data, (GDestroyNotify)open_data_free);
  g_task_run_in_thread (task, open_display_worker);
}

/* ------------------------------------------------------------------ */
/* Domain                                                              */
/* ------------------------------------------------------------------ */

static void
domain_active_cb (VdConsoleView *self)
{
  gboolean active = vd_domain_get_active (self->domain);

  if (!active)
    show_inactive (self);
  else if (self->session == NULL && self->cancellable == NULL && self->retry_source == 0)
    connect_display (self, FALSE);
}

/* ------------------------------------------------------------------ */
/* Actions                                                             */
/* ------------------------------------------------------------------ */

static gboolean
parse_key_combination (const char *name,
                       guint       keyvals[3])
{
  guint64 n = 0;

  keyvals[0] = GDK_KEY_Control_L;
  keyvals[1] = GDK_KEY_Alt_L;

  if (g_str_equal (name, "ctrl-alt-delete"))
    keyvals[2] = GDK_KEY_Delete;
  else if (g_str_equal (name, "ctrl-alt-backspace"))
    keyvals[2] = GDK_KEY_BackSpace;
  else if (g_str_has_prefix (name, "ctrl-alt-f") &&
           g_ascii_string_to_unsigned (name + strlen ("ctrl-alt-f"), 10, 1, 12, &n, NULL))
    keyvals[2] = GDK_KEY_F1 + (guint)n - 1;
  else
    return FALSE;

  return TRUE;
}

static void
vd_console_view_action_send_key_cb (GSimpleAction *action,
                                    GVariant      *param,
                                    gpointer       user_data)
{
  VdConsoleView *self = user_data;
  const char *name = g_variant_get_string (param, NULL);
  guint keyvals[3];

  if (self->session == NULL || !self->initialized)
    return;

  if (!parse_key_combination (name, keyvals))
    {
      g_warning ("unknown key combination “%s”", name);
      return;
    }

  vd_console_display_send_keys (vd_console_session_get_display (self->session), keyvals,
                                G_N_ELEMENTS (keyvals));
}

static void
vd_console_view_action_text_console_cb (GSimpleAction *action,
                                        GVariant      *state,
                                        gpointer       user_data)
{
  VdConsoleView *self = user_data;

  g_simple_action_set_state (action, state);
  /* The usual text console, or the screen: not one chosen before. */
  g_clear_pointer (&self->console_device, g_free);
  /* The other console, if the guest runs. */
  if (self->domain != NULL && vd_domain_get_active (self->domain))
    connect_display (self, FALSE);
}

static void
screenshot_saved_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  VdConsoleView *self = VD_CONSOLE_VIEW (object);
  g_autoptr(GError) error = NULL;
  GtkWidget *toplevel;
  GtkWidget *dialog;

  if (vd_console_view_save_screenshot_finish (self, result, &error) ||
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  toplevel = gtk_widget_get_toplevel (GTK_WIDGET (self));
  dialog = gtk_message_dialog_new (GTK_IS_WINDOW (toplevel) ? GTK_WINDOW (toplevel) : NULL,
                                   GTK_DIALOG_DESTROY_WITH_PARENT | GTK_DIALOG_MODAL,
                                   GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE,
                                   _("Failed to save the screenshot"));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", error->message);
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_widget_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
screenshot_response_cb (GtkNativeDialog *chooser,
                        int              response,
                        gpointer         user_data)
{
  g_autoptr(VdConsoleView) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT && !gtk_widget_in_destruction (GTK_WIDGET (self)))
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      vd_console_view_save_screenshot_async (self, file, NULL, screenshot_saved_cb, NULL);
    }

  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
vd_console_view_action_screenshot_cb (GSimpleAction *action,
                                      GVariant      *param,
                                      gpointer       user_data)
{
  VdConsoleView *self = user_data;
  GtkWidget *toplevel = gtk_widget_get_toplevel (GTK_WIDGET (self));
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y-%m-%d-%H%M%S");
  g_autofree char *name = NULL;
  GtkFileChooserNative *chooser;
  GtkFileFilter *filter;

  if (!self->initialized)
    return;

  chooser = gtk_file_chooser_native_new (_("Save Screenshot"),
                                         GTK_IS_WINDOW (toplevel) ? GTK_WINDOW (toplevel) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_do_overwrite_confirmation (GTK_FILE_CHOOSER (chooser), TRUE);
  name = g_strdup_printf ("%s-%s.png", vd_domain_get_name (self->domain), stamp);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  filter = gtk_file_filter_new ();
  gtk_file_filter_set_name (filter, _("PNG images"));
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect (chooser, "response", G_CALLBACK (screenshot_response_cb), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */
/* ------------------------------------------------------------------ */

static void
vd_console_view_dispose (GObject *object)
{
  VdConsoleView *self = (VdConsoleView *)object;

  if (self->domain != NULL)
    g_signal_handlers_disconnect_by_data (self->domain, self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_clear_pointer (&self->state_binding, g_binding_unbind);
  g_clear_pointer (&self->run_binding, g_binding_unbind);
  _vd_console_view_viewing_dispose (self);
  _vd_console_view_usb_dispose (self);
  stop (self);
  g_clear_object (&self->domain);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (vd_console_view_parent_class)->dispose (object);
}

static void
vd_console_view_finalize (GObject *object)
{
  VdConsoleView *self = (VdConsoleView *)object;

  g_clear_object (&self->send_key_action);
  g_clear_object (&self->screenshot_action);
  g_clear_object (&self->text_console_action);
  g_clear_object (&self->fullscreen_action);
  g_clear_object (&self->zoom_in_action);
  g_clear_object (&self->zoom_out_action);
  g_clear_object (&self->zoom_normal_action);
  g_clear_object (&self->zoom_fit_action);
  _vd_console_view_usb_finalize (self);
  g_clear_object (&self->serial);
  g_free (self->error);
  g_free (self->console_device);
  g_free (self->shown_alias);
  _vd_console_view_auth_finalize (self);

  G_OBJECT_CLASS (vd_console_view_parent_class)->finalize (object);
}

static void
vd_console_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  VdConsoleView *self = VD_CONSOLE_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOMAIN:
      g_value_set_object (value, self->domain);
      break;

    case PROP_PAGE:
      g_value_set_string (value, vd_console_view_get_page (self));
      break;

    case PROP_INITIALIZED:
      g_value_set_boolean (value, self->initialized);
      break;

    case PROP_FULLSCREEN:
      g_value_set_boolean (value, self->fullscreen);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vd_console_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  VdConsoleView *self = VD_CONSOLE_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOMAIN:
      vd_console_view_set_domain (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vd_console_view_class_init (VdConsoleViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = vd_console_view_dispose;
  object_class->finalize = vd_console_view_finalize;
  object_class->get_property = vd_console_view_get_property;
  object_class->set_property = vd_console_view_set_property;

  properties[PROP_DOMAIN] =
    g_param_spec_object ("domain", NULL, NULL, VD_TYPE_DOMAIN,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PAGE] =
    g_param_spec_string ("page", NULL, NULL, NULL, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_INITIALIZED] =
    g_param_spec_boolean ("initialized", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /* Whether its window is in full screen (the floating toolbar is on). */
  properties[PROP_FULLSCREEN] =
    g_param_spec_boolean ("fullscreen", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/console/vd-console-view.ui");
  gtk_widget_class_bind_template_child (widget_class, VdConsoleView, stack);
  gtk_widget_class_bind_template_child (widget_class, VdConsoleView, inactive_label);
  gtk_widget_class_bind_template_child (widget_class, VdConsoleView, state_label);
  gtk_widget_class_bind_template_child (widget_class, VdConsoleView, run_button);
  gtk_widget_class_bind_template_child (widget_class, VdConsoleView, spinner);
  gtk_widget_class_bind_template_child (widget_class, VdConsoleView, display_box);
  gtk_widget_class_bind_template_child (widget_class, VdConsoleView, username_label);
  gtk_widget_class_bind_template_child (widget_class, VdConsoleView, username_entry);
  gtk_widget_class_bind_template_child (widget_class, VdConsoleView, password_entry);
  gtk_widget_class_bind_template_child (widget_class, VdConsoleView, error_label);
  gtk_widget_class_bind_template_child (widget_class, VdConsoleView, connecting_label);
  _vd_console_view_auth_class_init (widget_class);
  _vd_console_view_chooser_class_init (widget_class);
  gtk_widget_class_bind_template_callback (widget_class, retry_clicked_cb);
  _vd_console_view_viewing_class_init (widget_class);
}

static void
vd_console_view_init (VdConsoleView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->send_key_action = g_simple_action_new ("send-key", G_VARIANT_TYPE_STRING);
  g_simple_action_set_enabled (self->send_key_action, FALSE);
  g_signal_connect_object (self->send_key_action, "activate",
                           G_CALLBACK (vd_console_view_action_send_key_cb), self, 0);
  self->screenshot_action = g_simple_action_new ("screenshot", NULL);
  g_simple_action_set_enabled (self->screenshot_action, FALSE);
  g_signal_connect_object (self->screenshot_action, "activate",
                           G_CALLBACK (vd_console_view_action_screenshot_cb), self, 0);
  /* Show the text console instead of the screen (a guest without graphics
   * shows it anyway). */
  self->text_console_action = g_simple_action_new_stateful ("text-console", NULL,
                                                            g_variant_new_boolean (FALSE));
  g_signal_connect_object (self->text_console_action, "change-state",
                           G_CALLBACK (vd_console_view_action_text_console_cb), self, 0);

  /* Our own reference: stop() runs after the template's children go. */
  self->serial = g_object_ref_sink (VD_SERIAL_CONSOLE (vd_serial_console_new ()));
  g_signal_connect_object (self->serial, "closed", G_CALLBACK (serial_closed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_show (GTK_WIDGET (self->serial));
  gtk_stack_add_named (self->stack, GTK_WIDGET (self->serial), "serial");

  _vd_console_view_viewing_init (self);
  _vd_console_view_usb_init (self);
  _vd_console_view_auth_init (self);
  _vd_console_view_chooser_init (self);
}

GtkWidget *
vd_console_view_new (void)
{
  return g_object_new (VD_TYPE_CONSOLE_VIEW, NULL);
}

/**
 * vd_console_view_get_domain:
 *
 * Returns: (transfer none) (nullable): the guest shown
 */
VdDomain *
vd_console_view_get_domain (VdConsoleView *self)
{
  g_return_val_if_fail (VD_IS_CONSOLE_VIEW (self), NULL);

  return self->domain;
}

void
vd_console_view_set_domain (VdConsoleView *self,
                            VdDomain      *domain)
{
  g_return_if_fail (VD_IS_CONSOLE_VIEW (self));
  g_return_if_fail (domain == NULL || VD_IS_DOMAIN (domain));

  if (self->domain == domain)
    return;

  stop (self);
  if (self->domain != NULL)
    g_signal_handlers_disconnect_by_data (self->domain, self);
  g_clear_pointer (&self->state_binding, g_binding_unbind);
  g_clear_pointer (&self->run_binding, g_binding_unbind);
  g_set_object (&self->domain, domain);
  _vd_console_view_auth_domain_changed (self);
  _vd_console_view_chooser_reset (self);

  if (domain != NULL)
    {
      self->state_binding = g_object_bind_property (domain, "state-label", self->state_label,
                                                    "label", G_BINDING_SYNC_CREATE);
      self->run_binding = g_object_bind_property (domain, "can-start", self->run_button,
                                                  "visible", G_BINDING_SYNC_CREATE);
      g_signal_connect_object (domain, "notify::active", G_CALLBACK (domain_active_cb), self,
                               G_CONNECT_SWAPPED);
      connect_display (self, FALSE);
    }
  else
    {
      _vd_console_view_set_page (self, "inactive");
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOMAIN]);
}

/**
 * vd_console_view_set_settings:
 * @settings: (nullable): where the console options come from
 *   ("console-scaling", "console-resize-guest", "console-grab-keys");
 *   without it the guest's screen is scaled to the view, the guest is not
 *   resized and Ctrl+Alt releases a grab
 */
void
vd_console_view_set_settings (VdConsoleView *self,
                              GSettings     *settings)
{
  g_return_if_fail (VD_IS_CONSOLE_VIEW (self));
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));

  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  g_set_object (&self->settings, settings);
  _vd_console_view_watch_settings (self);
}

/**
 * vd_console_view_get_page:
 *
 * Returns: "inactive", "connecting", "display", "auth" or "error"
 */
const char *
vd_console_view_get_page (VdConsoleView *self)
{
  g_return_val_if_fail (VD_IS_CONSOLE_VIEW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/**
 * vd_console_view_get_error:
 *
 * Returns: (nullable): why the error page is shown
 */
const char *
vd_console_view_get_error (VdConsoleView *self)
{
  g_return_val_if_fail (VD_IS_CONSOLE_VIEW (self), NULL);

  return self->error;
}

/**
 * vd_console_view_get_initialized:
 *
 * Returns: whether the guest's screen is shown (the display's first frame
 *   description arrived)
 */
gboolean
vd_console_view_get_initialized (VdConsoleView *self)
{
  g_return_val_if_fail (VD_IS_CONSOLE_VIEW (self), FALSE);

  return self->initialized;
}

/**
 * vd_console_view_get_display:
 *
 * Returns: (transfer none) (nullable): the protocol widget while a session
 *   exists
 */
VdConsoleDisplay *
vd_console_view_get_display (VdConsoleView *self)
{
  g_return_val_if_fail (VD_IS_CONSOLE_VIEW (self), NULL);

  return self->session != NULL ? vd_console_session_get_display (self->session) : NULL;
}

/**
 * vd_console_view_reconnect:
 *
 * Drops the current session, if any, and connects again (what Retry does).
 */
void
vd_console_view_reconnect (VdConsoleView *self)
{
  g_return_if_fail (VD_IS_CONSOLE_VIEW (self));

  connect_display (self, FALSE);
}

/**
 * vd_console_view_add_actions:
 * @map: the window's `vm` group
 *
 * Adds "send-key" (a string: "ctrl-alt-delete", "ctrl-alt-backspace",
 * "ctrl-alt-f1" … "ctrl-alt-f12") and "screenshot", enabled while the
 * guest's screen is shown; "text-console" (a boolean state); "fullscreen"
 * (a boolean state), "zoom-in", "zoom-out", "zoom-normal" and "zoom-fit";
 * "forget-password" (removes the guest's saved display passwords from the
 * keyring; on when a keyring answers); "usb-devices" (opens the list of
 * the host's USB devices to redirect; on while a SPICE screen is shown).
 */
void
vd_console_view_add_actions (VdConsoleView *self,
                             GActionMap    *map)
{
  g_return_if_fail (VD_IS_CONSOLE_VIEW (self));
  g_return_if_fail (G_IS_ACTION_MAP (map));

  g_action_map_add_action (map, G_ACTION (self->send_key_action));
  g_action_map_add_action (map, G_ACTION (self->screenshot_action));
  g_action_map_add_action (map, G_ACTION (self->text_console_action));
  _vd_console_view_viewing_add_actions (self, map);
  _vd_console_view_usb_add_actions (self, map);
  _vd_console_view_auth_add_actions (self, map);
}

/**
 * vd_console_view_get_serial:
 *
 * Returns: (transfer none): the text console's terminal widget (shown on
 *   the "serial" page)
 */
VdSerialConsole *
vd_console_view_get_serial (VdConsoleView *self)
{
  g_return_val_if_fail (VD_IS_CONSOLE_VIEW (self), NULL);

  return self->serial;
}

/* Screenshot: replace the file, write the PNG, close, all async. */

static void
screenshot_closed_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  if (!g_output_stream_close_finish (G_OUTPUT_STREAM (object), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
screenshot_written_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GOutputStream *stream = G_OUTPUT_STREAM (g_task_get_task_data (task));
  GError *error = NULL;

  if (!gdk_pixbuf_save_to_stream_finish (result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  g_output_stream_close_async (stream, G_PRIORITY_DEFAULT, g_task_get_cancellable (task),
                               screenshot_closed_cb, g_object_ref (task));
}

static void
screenshot_replaced_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GFileOutputStream *stream;
  GdkPixbuf *pixbuf;
  GError *error = NULL;

  stream = g_file_replace_finish (G_FILE (object), result, &error);
  if (stream == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  pixbuf = g_object_get_data (G_OBJECT (task), "pixbuf");
  g_task_set_task_data (task, stream, g_object_unref);
  gdk_pixbuf_save_to_stream_async (pixbuf, G_OUTPUT_STREAM (stream), "png",
                                   g_task_get_cancellable (task), screenshot_written_cb,
                                   g_object_ref (task), NULL);
}

/**
 * vd_console_view_save_screenshot_async:
 * @file: where the PNG goes (replaced if it exists)
 *
 * Saves the guest's screen as it is now. Fails with %G_IO_ERROR_NOT_INITIALIZED
 * while no screen is shown.
 */
void
vd_console_view_save_screenshot_async (VdConsoleView       *self,
                                       GFile               *file,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GdkPixbuf *pixbuf = NULL;

  g_return_if_fail (VD_IS_CONSOLE_VIEW (self));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vd_console_view_save_screenshot_async);

  if (self->initialized && self->session != NULL)
    pixbuf = vd_console_display_get_pixbuf (vd_console_session_get_display (self->session));

  if (pixbuf == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED, "%s",
                               _("The guest’s screen is not shown."));
      return;
    }

  g_object_set_data_full (G_OBJECT (task), "pixbuf", pixbuf, g_object_unref);
  g_file_replace_async (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION,
                        G_PRIORITY_DEFAULT, cancellable, screenshot_replaced_cb,
                        g_object_ref (task));
}

gboolean
vd_console_view_save_screenshot_finish (VdConsoleView  *self,
                                        GAsyncResult   *result,
                                        GError        **error)
{
  g_return_val_if_fail (VD_IS_CONSOLE_VIEW (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
