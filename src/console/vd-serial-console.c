/* vd-serial-console.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-serial-console"

#include "config.h"

#include <glib/gi18n.h>
#include <libvirt/virterror.h>
#include <string.h>

#include "vd-serial-console.h"

/*
 * A guest's serial or text console in a VTE terminal, over a libvirt
 * stream from virDomainOpenConsole.
 *
 * Opening is a round trip to the daemon: a worker. After that the stream
 * is non-blocking and driven by libvirt's stream events on the GLib main
 * loop (the connection registered libvirt-glib's event loop): a readable
 * stream is read until it would block and fed to the terminal; what the
 * user types is queued and sent as the stream can take it. Neither ever
 * waits. Closing aborts the stream in a worker too (for a remote daemon
 * it is another round trip).
 */

#define CHUNK 4096

struct _VdSerialConsole
{
  GtkBin        parent_instance;

  VteTerminal  *terminal;
  virStreamPtr  stream;
  GByteArray   *pending;       /* typed, not yet sent */
  GCancellable *cancellable;   /* the running open */
  char         *device;
  gboolean      watching_writable;
};

G_DEFINE_FINAL_TYPE (VdSerialConsole, vd_serial_console, GTK_TYPE_BIN)

enum {
  CLOSED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_CONNECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Closing */

static void
abort_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  virStreamPtr stream = task_data;

  if (virStreamAbort (stream) < 0)
    virResetLastError ();
  g_task_return_boolean (task, TRUE);
}

static void
release_stream (virStreamPtr stream)
{
  g_autoptr(GTask) task = g_task_new (NULL, NULL, NULL, NULL);

  g_task_set_source_tag (task, release_stream);
  g_task_set_task_data (task, stream, (GDestroyNotify)virStreamFree);
  g_task_run_in_thread (task, abort_worker);
}

static void
drop_stream (VdSerialConsole *self)
{
  virStreamPtr stream = g_steal_pointer (&self->stream);

  if (stream == NULL)
    return;

  if (virStreamEventRemoveCallback (stream) < 0)
    virResetLastError ();
  release_stream (stream);
  g_byte_array_set_size (self->pending, 0);
  self->watching_writable = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTED]);
}

static void
close_with (VdSerialConsole *self,
            const char      *error)
{
  if (self->stream == NULL)
    return;

  drop_stream (self);
  g_signal_emit (self, signals[CLOSED], 0, error);
}

/* Talking */

static void
update_events (VdSerialConsole *self)
{
  gboolean want_writable = self->pending->len > 0;
  int events = VIR_STREAM_EVENT_READABLE | VIR_STREAM_EVENT_ERROR | VIR_STREAM_EVENT_HANGUP;

  if (self->stream == NULL || want_writable == self->watching_writable)
    return;

  if (want_writable)
    events |= VIR_STREAM_EVENT_WRITABLE;
  if (virStreamEventUpdateCallback (self->stream, events) < 0)
    virResetLastError ();
  self->watching_writable = want_writable;
}

/* Sends what is queued until the stream would block; FALSE when the stream
 * failed (and was closed). */
static gboolean
flush_pending (VdSerialConsole *self)
{
  while (self->stream != NULL && self->pending->len > 0)
    {
      int sent = virStreamSend (self->stream, (const char *)self->pending->data,
                                MIN (self->pending->len, CHUNK));

      if (sent == -2)
        break;
      if (sent < 0)
        {
          g_autofree char *message = g_strdup_printf (_("Sending to the guest’s console failed: %s"),
                                                      virGetLastErrorMessage ());

          virResetLastError ();
          close_with (self, message);
          return FALSE;
        }
      g_byte_array_remove_range (self->pending, 0, sent);
    }

  update_events (self);
  return TRUE;
}

static void
receive (VdSerialConsole *self)
{
  char buffer[CHUNK];

  while (self->stream != NULL)
    {
      int got = virStreamRecv (self->stream, buffer, sizeof buffer);

      if (got > 0)
        {
          vte_terminal_feed (self->terminal, buffer, got);
          continue;
        }
      if (got == -2)
        return;
      if (got == 0)
        {
          /* The guest stopped, or another client took the console. */
          close_with (self, NULL);
          return;
        }

      {
        g_autofree char *message = g_strdup_printf (_("Reading the guest’s console failed: %s"),
                                                    virGetLastErrorMessage ());

        virResetLastError ();
        close_with (self, message);
        return;
      }
    }
}

static void
stream_event_cb (virStreamPtr stream,
                 int          events,
                 void        *opaque)
{
  VdSerialConsole *self = opaque;

  if (stream != self->stream)
    return;

  if (events & VIR_STREAM_EVENT_READABLE)
    receive (self);
  if (self->stream != NULL && (events & VIR_STREAM_EVENT_WRITABLE))
    flush_pending (self);
  if (self->stream != NULL && (events & (VIR_STREAM_EVENT_ERROR | VIR_STREAM_EVENT_HANGUP)))
    {
      /* Whatever is still readable first. */
      receive (self);
      close_with (self, (events & VIR_STREAM_EVENT_ERROR)
                        ? _("The connection to the guest’s console was lost.") : NULL);
    }
}

static void
terminal_commit_cb (VteTerminal     *terminal,
                    const char      *text,
                    guint            size,
                    VdSerialConsole *self)
{
  if (self->stream == NULL)
    return;

  g_byte_array_append (self->pending, (const guint8 *)text, size);
  flush_pending (self);
}

/* Opening */

typedef struct
{
  virDomainPtr  domain;
  char         *device;
  virStreamPtr  stream;
} OpenData;

static void
open_data_free (OpenData *data)
{
  if (data->stream != NULL)
    {
      if (virStreamAbort (data->stream) < 0)
        virResetLastError ();
      virStreamFree (data->stream);
    }
  virDomainFree (data->domain);
  g_free (data->device);
  g_free (data);
}

static void
open_worker (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  OpenData *data = task_data;
  virConnectPtr conn = virDomainGetConnect (data->domain);

  data->stream = virStreamNew (conn, VIR_STREAM_NONBLOCK);
  if (data->stream == NULL ||
      virDomainOpenConsole (data->domain, data->device, data->stream,
                            VIR_DOMAIN_CONSOLE_FORCE) < 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                               _("Could not open the guest’s text console: %s"),
                               virGetLastErrorMessage ());
      virResetLastError ();
      return;
    }

  g_task_return_boolean (task, TRUE);
}

/**
 * vd_serial_console_open_async:
 * @domain: a running guest's handle
 * @device: (nullable): the console's alias (e.g. "serial0"); NULL for the
 *   guest's first console
 *
 * Connects the terminal to the guest's console, taking it from another
 * client that has it (as `virsh console --force` does).
 */
void
vd_serial_console_open_async (VdSerialConsole     *self,
                              virDomainPtr         domain,
                              const char          *device,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  OpenData *data;

  g_return_if_fail (VD_IS_SERIAL_CONSOLE (self));
  g_return_if_fail (domain != NULL);

  vd_serial_console_close (self);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vd_serial_console_open_async);
  data = g_new0 (OpenData, 1);
  data->domain = domain;
  virDomainRef (domain);
  data->device = g_strdup (device);
  g_task_set_task_data (task, data, (GDestroyNotify)open_data_free);
  g_task_run_in_thread (task, open_worker);
}

gboolean
vd_serial_console_open_finish (VdSerialConsole  *self,
                               GAsyncResult     *result,
                               GError          **error)
{
  OpenData *data;

  g_return_val_if_fail (VD_IS_SERIAL_CONSOLE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  /* Cancelled after the worker succeeded: the stream goes with the task. */
  if (g_cancellable_set_error_if_cancelled (g_task_get_cancellable (G_TASK (result)), error))
    return FALSE;

  vd_serial_console_close (self);
  data = g_task_get_task_data (G_TASK (result));
  self->stream = g_steal_pointer (&data->stream);
  g_free (self->device);
  self->device = g_strdup (data->device);
  if (virStreamEventAddCallback (self->stream,
                                 VIR_STREAM_EVENT_READABLE | VIR_STREAM_EVENT_ERROR |
                                 VIR_STREAM_EVENT_HANGUP,
                                 stream_event_cb, self, NULL) < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   _("Could not watch the guest’s text console: %s"), virGetLastErrorMessage ());
      virResetLastError ();
      release_stream (g_steal_pointer (&self->stream));
      return FALSE;
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTED]);
  gtk_widget_grab_focus (GTK_WIDGET (self->terminal));
  return TRUE;
}

/**
 * vd_serial_console_close:
 *
 * Disconnects the terminal (without #VdSerialConsole::closed); what it
 * shows stays.
 */
void
vd_serial_console_close (VdSerialConsole *self)
{
  g_return_if_fail (VD_IS_SERIAL_CONSOLE (self));

  drop_stream (self);
}

gboolean
vd_serial_console_get_connected (VdSerialConsole *self)
{
  g_return_val_if_fail (VD_IS_SERIAL_CONSOLE (self), FALSE);

  return self->stream != NULL;
}

/**
 * vd_serial_console_get_terminal:
 *
 * Returns: (transfer none): the terminal
 */
VteTerminal *
vd_serial_console_get_terminal (VdSerialConsole *self)
{
  g_return_val_if_fail (VD_IS_SERIAL_CONSOLE (self), NULL);

  return self->terminal;
}

/**
 * vd_serial_console_get_text:
 *
 * Returns: (transfer full): what the terminal shows, as text
 */
char *
vd_serial_console_get_text (VdSerialConsole *self)
{
  g_return_val_if_fail (VD_IS_SERIAL_CONSOLE (self), NULL);

  return vte_terminal_get_text_range (self->terminal, 0, 0,
                                      vte_terminal_get_row_count (self->terminal) +
                                      (glong)vte_terminal_get_scrollback_lines (self->terminal),
                                      vte_terminal_get_column_count (self->terminal),
                                      NULL, NULL, NULL);
}

/* GObject */

static void
vd_serial_console_dispose (GObject *object)
{
  VdSerialConsole *self = (VdSerialConsole *)object;

  drop_stream (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (vd_serial_console_parent_class)->dispose (object);
}

static void
vd_serial_console_finalize (GObject *object)
{
  VdSerialConsole *self = (VdSerialConsole *)object;

  g_byte_array_unref (self->pending);
  g_free (self->device);

  G_OBJECT_CLASS (vd_serial_console_parent_class)->finalize (object);
}

static void
vd_serial_console_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  VdSerialConsole *self = VD_SERIAL_CONSOLE (object);

  switch (prop_id)
    {
    case PROP_CONNECTED:
      g_value_set_boolean (value, self->stream != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
vd_serial_console_class_init (VdSerialConsoleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vd_serial_console_dispose;
  object_class->finalize = vd_serial_console_finalize;
  object_class->get_property = vd_serial_console_get_property;

  properties[PROP_CONNECTED] =
    g_param_spec_boolean ("connected", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * VdSerialConsole::closed:
   * @error: (nullable): why, or NULL when the guest or daemon ended it
   *
   * The stream ended by itself (not by vd_serial_console_close()).
   */
  signals[CLOSED] =
    g_signal_new ("closed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
vd_serial_console_init (VdSerialConsole *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new (NULL, NULL);

  self->pending = g_byte_array_new ();
  self->terminal = VTE_TERMINAL (vte_terminal_new ());
  vte_terminal_set_scrollback_lines (self->terminal, 10000);
  vte_terminal_set_size (self->terminal, 80, 25);
  /* The guest echoes; nothing is run here. */
  vte_terminal_set_input_enabled (self->terminal, TRUE);
  atk_object_set_name (gtk_widget_get_accessible (GTK_WIDGET (self->terminal)),
                       _("Guest text console"));
  g_signal_connect (self->terminal, "commit", G_CALLBACK (terminal_commit_cb), self);

  gtk_widget_set_hexpand (scrolled, TRUE);
  gtk_widget_set_vexpand (scrolled, TRUE);
  gtk_container_add (GTK_CONTAINER (scrolled), GTK_WIDGET (self->terminal));
  gtk_container_add (GTK_CONTAINER (self), scrolled);
  gtk_widget_show_all (scrolled);
}

GtkWidget *
vd_serial_console_new (void)
{
  return g_object_new (VD_TYPE_SERIAL_CONSOLE, NULL);
}
