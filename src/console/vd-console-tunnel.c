/* vd-console-tunnel.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "vd-console-tunnel"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "vd-console-tunnel.h"

#include <errno.h>
#include <gio/gunixinputstream.h>
#include <poll.h>
#include <string.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>
#ifdef __linux__
# include <sys/prctl.h>
#endif

/*
 * The console of a guest on a qemu+ssh:// connection: ONE SSH connection
 * per console. start runs an ssh master (-M) with a control socket in a
 * private 0700 directory; it is up once that socket exists (OpenSSH links
 * it into place only after authentication, so its existence means ready).
 * Each stream (the VNC socket, each SPICE channel) is then
 * `ssh -S sock -W address:port host`, multiplexed over the master, its
 * stdin and stdout one end of a socket pair whose other end goes to the
 * session. A stream never authenticates by itself: ProxyCommand is set to
 * /bin/false for it, so if the master is gone it fails instead of opening
 * a second connection.
 *
 * BatchMode is always on: no password is ever asked or passed, a key (the
 * URI's keyfile=, ~/.ssh or the agent) is needed. What ssh says on failure
 * (its last line on stderr) becomes the error.
 *
 * ssh is spawned from the main thread and, on Linux, told to end when
 * its parent does (PR_SET_PDEATHSIG, which follows the thread that forked:
 * hence not from a worker); the socket directories still there at exit are
 * removed then. A program that quits without disposing its windows leaves
 * no ssh behind.
 *
 * Unix-socket listens (listen type='socket') are not reached: -W forwards
 * to TCP only, and running nc on the remote host would depend on what it
 * has installed; the view says so instead.
 */

#define START_TIMEOUT_US (30 * G_USEC_PER_SEC)

struct _VdConsoleTunnel
{
  GObject       parent_instance;

  char         *uri;
  char         *host;
  char         *dir;           /* the private directory of the socket */
  char         *control_path;
  GSubprocess  *master;
  GPtrArray    *streams;       /* GSubprocess, one per stream */
  GCancellable *cancellable;   /* cancelled on close */
  gboolean      closed;
};

G_DEFINE_FINAL_TYPE (VdConsoleTunnel, vd_console_tunnel, G_TYPE_OBJECT)

/* ------------------------------------------------------------------ */
/* Pure part                                                           */
/* ------------------------------------------------------------------ */

typedef struct
{
  char *user;
  char *host;
  int   port;
  char *keyfile;
  char *known_hosts;
  gboolean no_verify;
} SshTarget;

static void
ssh_target_clear (SshTarget *target)
{
  g_free (target->user);
  g_free (target->host);
  g_free (target->keyfile);
  g_free (target->known_hosts);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SshTarget, ssh_target_clear)

static gboolean
parse_ssh_target (const char  *uri,
                  SshTarget   *target,
                  GError     **error)
{
  g_autoptr(GUri) parsed = NULL;
  g_autoptr(GHashTable) params = NULL;
  const char *query;
  const char *value;

  memset (target, 0, sizeof *target);
  parsed = g_uri_parse (uri != NULL ? uri : "", G_URI_FLAGS_NON_DNS, NULL);
  if (parsed == NULL || !vd_console_uri_is_ssh (uri) ||
      g_uri_get_host (parsed) == NULL || g_uri_get_host (parsed)[0] == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "%s",
                   _("The connection is not an SSH connection to a host."));
      return FALSE;
    }

  /* Nothing the URI holds may pass for an option of ssh. */
  if (g_uri_get_host (parsed)[0] == '-' ||
      (g_uri_get_user (parsed) != NULL && g_uri_get_user (parsed)[0] == '-'))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "%s",
                   _("The connection’s host or user name is not valid for SSH."));
      return FALSE;
    }

  target->host = g_strdup (g_uri_get_host (parsed));
  target->user = g_strdup (g_uri_get_user (parsed));
  target->port = g_uri_get_port (parsed);

  query = g_uri_get_query (parsed);
  if (query != NULL)
    params = g_uri_parse_params (query, -1, "&", G_URI_PARAMS_NONE, NULL);
  if (params != NULL)
    {
      if ((value = g_hash_table_lookup (params, "keyfile")) != NULL && value[0] != '\0')
        target->keyfile = g_strdup (value);
      if ((value = g_hash_table_lookup (params, "known_hosts")) != NULL && value[0] != '\0')
        target->known_hosts = g_strdup (value);
      if ((value = g_hash_table_lookup (params, "no_verify")) != NULL)
        target->no_verify = g_str_equal (value, "1");
    }

  return TRUE;
}

/* The options master and streams share. */
static void
add_common_args (GPtrArray       *args,
                 const SshTarget *target,
                 const char      *control_path)
{
  g_ptr_array_add (args, g_strdup ("ssh"));
  g_ptr_array_add (args, g_strdup ("-S"));
  g_ptr_array_add (args, g_strdup (control_path));
  g_ptr_array_add (args, g_strdup ("-o"));
  g_ptr_array_add (args, g_strdup ("BatchMode=yes"));
  g_ptr_array_add (args, g_strdup ("-o"));
  g_ptr_array_add (args, g_strdup ("LogLevel=ERROR"));
  if (target->port > 0)
    {
      g_ptr_array_add (args, g_strdup ("-p"));
      g_ptr_array_add (args, g_strdup_printf ("%d", target->port));
    }
  if (target->user != NULL)
    {
      g_ptr_array_add (args, g_strdup ("-l"));
      g_ptr_array_add (args, g_strdup (target->user));
    }
}

/**
 * vd_console_tunnel_master_argv:
 * @uri: a qemu+ssh:// URI (user, port, keyfile=, known_hosts=, no_verify=1)
 * @control_path: the control socket's path
 *
 * Returns: (transfer full): the ssh master's command line
 */
char **
vd_console_tunnel_master_argv (const char  *uri,
                               const char  *control_path,
                               GError     **error)
{
  g_auto(SshTarget) target = { 0 };
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);

  if (!parse_ssh_target (uri, &target, error))
    return NULL;

  add_common_args (args, &target, control_path);
  g_ptr_array_add (args, g_strdup ("-M"));
  g_ptr_array_add (args, g_strdup ("-N"));
  g_ptr_array_add (args, g_strdup ("-o"));
  g_ptr_array_add (args, g_strdup ("ExitOnForwardFailure=yes"));
  g_ptr_array_add (args, g_strdup ("-o"));
  g_ptr_array_add (args, g_strdup ("ControlPersist=no"));
  if (target.keyfile != NULL)
    {
      g_ptr_array_add (args, g_strdup ("-i"));
      g_ptr_array_add (args, g_strdup (target.keyfile));
    }
  if (target.known_hosts != NULL)
    {
      g_ptr_array_add (args, g_strdup ("-o"));
      g_ptr_array_add (args, g_strdup_printf ("UserKnownHostsFile=%s", target.known_hosts));
    }
  if (target.no_verify)
    {
      g_ptr_array_add (args, g_strdup ("-o"));
      g_ptr_array_add (args, g_strdup ("StrictHostKeyChecking=no"));
    }
  g_ptr_array_add (args, g_strdup ("--"));
  g_ptr_array_add (args, g_strdup (target.host));
  g_ptr_array_add (args, NULL);

  return (char **)g_ptr_array_free (g_steal_pointer (&args), FALSE);
}

/**
 * vd_console_tunnel_stream_argv:
 * @host: the address to reach from the remote host
 * @port: its port
 *
 * Returns: (transfer full): one stream's command line, through the master
 */
char **
vd_console_tunnel_stream_argv (const char  *uri,
                               const char  *control_path,
                               const char  *host,
                               const char  *port,
                               GError     **error)
{
  g_auto(SshTarget) target = { 0 };
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  guint64 number = 0;

  if (!parse_ssh_target (uri, &target, error))
    return NULL;

  if (host == NULL || host[0] == '\0' || host[0] == '-' || port == NULL ||
      !g_ascii_string_to_unsigned (port, 10, 1, 65535, &number, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "%s",
                   _("The guest’s display has no address to connect to."));
      return NULL;
    }

  add_common_args (args, &target, control_path);
  g_ptr_array_add (args, g_strdup ("-o"));
  g_ptr_array_add (args, g_strdup ("ControlMaster=no"));
  /* Without the master, fail rather than log in a second time. */
  g_ptr_array_add (args, g_strdup ("-o"));
  g_ptr_array_add (args, g_strdup ("ProxyCommand=/bin/false"));
  g_ptr_array_add (args, g_strdup ("-W"));
  if (strchr (host, ':') != NULL)
    g_ptr_array_add (args, g_strdup_printf ("[%s]:%" G_GUINT64_FORMAT, host, number));
  else
    g_ptr_array_add (args, g_strdup_printf ("%s:%" G_GUINT64_FORMAT, host, number));
  g_ptr_array_add (args, g_strdup ("--"));
  g_ptr_array_add (args, g_strdup (target.host));
  g_ptr_array_add (args, NULL);

  return (char **)g_ptr_array_free (g_steal_pointer (&args), FALSE);
}

/**
 * vd_console_uri_is_ssh:
 *
 * Returns: whether @uri is a libvirt URI over the ssh transport (the
 *   OpenSSH client: "+ssh", not "+libssh"/"+libssh2")
 */
gboolean
vd_console_uri_is_ssh (const char *uri)
{
  const char *colon;
  const char *plus;

  if (uri == NULL || (colon = strchr (uri, ':')) == NULL)
    return FALSE;

  plus = memchr (uri, '+', colon - uri);
  return plus != NULL && colon - plus == 4 && strncmp (plus, "+ssh", 4) == 0;
}

/**
 * vd_console_uri_passes_fds:
 *
 * Returns: whether a connection to @uri can receive file descriptors
 *   (virDomainOpenGraphicsFD): only over the daemon's local unix socket.
 *   Over SSH or TCP libvirt's client drops the whole connection when the
 *   daemon sends one, so the call must not even be tried.
 */
gboolean
vd_console_uri_passes_fds (const char *uri)
{
  g_autoptr(GUri) parsed = g_uri_parse (uri != NULL ? uri : "", G_URI_FLAGS_NON_DNS, NULL);
  const char *plus;

  if (parsed == NULL)
    return FALSE;
  if (g_uri_get_host (parsed) != NULL && g_uri_get_host (parsed)[0] != '\0')
    return FALSE;

  plus = strchr (g_uri_get_scheme (parsed), '+');
  return plus == NULL || g_str_equal (plus, "+unix");
}

static gboolean
is_loopback (const char *address)
{
  return g_str_equal (address, "localhost") || g_str_equal (address, "::1") ||
         g_str_has_prefix (address, "127.");
}

/**
 * vd_console_remote_target:
 * @uri: the connection's URI (a remote one)
 * @listen_type: (nullable): the graphics' listen type ("address", "network",
 *   "socket", "none")
 * @listen: (nullable): the graphics' listen address
 * @via_ssh: (out): whether to go through a #VdConsoleTunnel
 * @host: (out) (transfer full): the address to reach: on the remote side
 *   for SSH (its loopback for a wildcard listen), else the URI's host
 *
 * Where a remote guest's display can be reached from here, or why not.
 */
gboolean
vd_console_remote_target (const char  *uri,
                          const char  *listen_type,
                          const char  *listen,
                          gboolean    *via_ssh,
                          char       **host,
                          GError     **error)
{
  g_autoptr(GUri) parsed = NULL;
  const char *uri_host;

  *via_ssh = FALSE;
  *host = NULL;

  if (g_strcmp0 (listen_type, "socket") == 0 || g_strcmp0 (listen_type, "none") == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s",
                   _("The guest’s display listens on a local socket of the remote host, "
                     "which cannot be reached from this computer: make it listen on an "
                     "address."));
      return FALSE;
    }

  if (vd_console_uri_is_ssh (uri))
    {
      *via_ssh = TRUE;
      if (listen == NULL || listen[0] == '\0' || g_str_equal (listen, "0.0.0.0") ||
          g_str_equal (listen, "::"))
        *host = g_strdup ("127.0.0.1");
      else
        *host = g_strdup (listen);
      return TRUE;
    }

  parsed = g_uri_parse (uri != NULL ? uri : "", G_URI_FLAGS_NON_DNS, NULL);
  uri_host = parsed != NULL ? g_uri_get_host (parsed) : NULL;
  if (uri_host == NULL || uri_host[0] == '\0' || strstr (g_uri_get_scheme (parsed), "+ext"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s",
                   _("The guest’s display cannot be reached through this kind of "
                     "connection."));
      return FALSE;
    }

  if (listen == NULL || listen[0] == '\0' || is_loopback (listen))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "%s",
                   _("The guest’s display listens only on the remote host’s loopback: "
                     "use an SSH connection to reach it."));
      return FALSE;
    }

  *host = g_strdup (uri_host);
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Processes                                                           */
/* ------------------------------------------------------------------ */

static void
kill_process (GSubprocess *process)
{
  /* GLib reaps it (its child watch), so nothing is left behind. */
  if (g_subprocess_get_identifier (process) != NULL)
    g_subprocess_force_exit (process);
}

static void
remove_dir (const char *dir,
            const char *control_path)
{
  if (control_path != NULL)
    g_unlink (control_path);
  if (dir != NULL && g_rmdir (dir) != 0 && errno != ENOENT)
    g_debug ("could not remove %s: %s", dir, g_strerror (errno));
}

static void
child_setup (gpointer user_data)
{
#ifdef __linux__
  prctl (PR_SET_PDEATHSIG, SIGTERM);
#endif
}

/* Main thread only (see the top of the file). */
static GSubprocess *
spawn_ssh (GSubprocessLauncher  *launcher,
           char                **argv,
           GError              **error)
{
  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);
  return g_subprocess_launcher_spawnv (launcher, (const char * const *)argv, error);
}

/* Directories of tunnels in use, removed at exit if still there. Locked:
 * a start's data may be freed in its worker (GTask drops its last
 * reference where it pleases). */
static GPtrArray *live_dirs;
G_LOCK_DEFINE_STATIC (live_dirs);

static void
remove_live_dirs (void)
{
  G_LOCK (live_dirs);
  for (guint i = 0; live_dirs != NULL && i < live_dirs->len; i++)
    {
      g_autofree char *control = g_build_filename (g_ptr_array_index (live_dirs, i), "control",
                                                   NULL);

      remove_dir (g_ptr_array_index (live_dirs, i), control);
    }
  G_UNLOCK (live_dirs);
}

static void
track_dir (const char *dir,
           gboolean    live)
{
  G_LOCK (live_dirs);
  if (live_dirs == NULL)
    {
      live_dirs = g_ptr_array_new_with_free_func (g_free);
      atexit (remove_live_dirs);
    }

  if (live)
    {
      g_ptr_array_add (live_dirs, g_strdup (dir));
    }
  else
    {
      for (guint i = 0; i < live_dirs->len; i++)
        if (g_str_equal (g_ptr_array_index (live_dirs, i), dir))
          {
            g_ptr_array_remove_index_fast (live_dirs, i);
            break;
          }
    }
  G_UNLOCK (live_dirs);
}

/* The last line ssh printed, without its trailing newline. */
static char *
last_line (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);

  for (int i = (int)g_strv_length (lines) - 1; i >= 0; i--)
    {
      g_strstrip (lines[i]);
      if (lines[i][0] != '\0')
        return g_strdup (lines[i]);
    }

  return NULL;
}

typedef struct
{
  char        **argv;
  char         *host;
  char         *dir;
  char         *control_path;
  GSubprocess  *master;
} StartData;

static void
start_data_free (StartData *data)
{
  g_strfreev (data->argv);
  g_free (data->host);
  if (data->master != NULL)
    {
      kill_process (data->master);
      g_object_unref (data->master);
    }
  /* Still ours: the tunnel did not take it. */
  remove_dir (data->dir, data->control_path);
  if (data->dir != NULL)
    track_dir (data->dir, FALSE);
  g_free (data->dir);
  g_free (data->control_path);
  g_free (data);
}

static void
start_worker (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  StartData *data = task_data;
  g_autoptr(GString) output = g_string_new (NULL);
  g_autofree char *reason = NULL;
  GInputStream *stderr_stream;
  gint64 deadline;
  struct pollfd pfd;
  gboolean eof = FALSE;

  stderr_stream = g_subprocess_get_stderr_pipe (data->master);
  pfd.fd = g_unix_input_stream_get_fd (G_UNIX_INPUT_STREAM (stderr_stream));
  pfd.events = POLLIN;
  deadline = g_get_monotonic_time () + START_TIMEOUT_US;

  /* Up once the control socket appears; failed once ssh closes stderr
   * (it exited). */
  while (!eof)
    {
      if (g_file_test (data->control_path, G_FILE_TEST_EXISTS))
        {
          g_task_return_boolean (task, TRUE);
          return;
        }
      if (g_cancellable_is_cancelled (cancellable))
        {
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s",
                                   _("Cancelled"));
          return;
        }
      if (g_get_monotonic_time () > deadline)
        {
          g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                                   /* translators: %s is a host name */
                                   _("SSH: no answer from %s within 30 seconds."), data->host);
          return;
        }

      pfd.revents = 0;
      if (poll (&pfd, 1, 50) > 0)
        {
          char buffer[512];
          ssize_t n = read (pfd.fd, buffer, sizeof buffer);

          if (n > 0)
            g_string_append_len (output, buffer, n);
          else if (n == 0 || errno != EINTR)
            eof = TRUE;
        }
    }

  g_subprocess_wait (data->master, NULL, NULL);
  reason = last_line (output->str);
  g_debug ("ssh master for %s exited: %s", data->host, output->str);
  if (reason != NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, _("SSH: %s"), reason);
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED,
                             /* translators: %s is a host name */
                             _("SSH: the connection to %s ended."), data->host);
}

static void
start_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  VdConsoleTunnel *self = VD_CONSOLE_TUNNEL (object);
  g_autoptr(GTask) outer = user_data;
  StartData *data = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;

  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      g_task_return_error (outer, error);
      return;
    }

  if (self->closed)
    {
      /* start_data_free ends the master and removes the directory. */
      g_task_return_new_error (outer, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("Cancelled"));
      return;
    }

  self->master = g_steal_pointer (&data->master);
  self->dir = g_steal_pointer (&data->dir);
  self->control_path = g_steal_pointer (&data->control_path);
  g_debug ("ssh master for %s up at %s", self->host, self->control_path);
  g_task_return_boolean (outer, TRUE);
}

/* ------------------------------------------------------------------ */
/* Streams                                                             */
/* ------------------------------------------------------------------ */

/* ------------------------------------------------------------------ */
/* Object                                                              */
/* ------------------------------------------------------------------ */

static void
vd_console_tunnel_dispose (GObject *object)
{
  vd_console_tunnel_close (VD_CONSOLE_TUNNEL (object));

  G_OBJECT_CLASS (vd_console_tunnel_parent_class)->dispose (object);
}

static void
vd_console_tunnel_finalize (GObject *object)
{
  VdConsoleTunnel *self = (VdConsoleTunnel *)object;

  g_clear_pointer (&self->streams, g_ptr_array_unref);
  g_clear_object (&self->cancellable);
  g_free (self->uri);
  g_free (self->host);

  G_OBJECT_CLASS (vd_console_tunnel_parent_class)->finalize (object);
}

static void
vd_console_tunnel_class_init (VdConsoleTunnelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = vd_console_tunnel_dispose;
  object_class->finalize = vd_console_tunnel_finalize;
}

static void
vd_console_tunnel_init (VdConsoleTunnel *self)
{
  self->streams = g_ptr_array_new_with_free_func (g_object_unref);
  self->cancellable = g_cancellable_new ();
}

/**
 * vd_console_tunnel_new:
 * @uri: a qemu+ssh:// connection URI
 *
 * Returns: (transfer full): a tunnel, not started, or %NULL if @uri is
 *   not an SSH URI with a host
 */
VdConsoleTunnel *
vd_console_tunnel_new (const char  *uri,
                       GError     **error)
{
  g_auto(SshTarget) target = { 0 };
  VdConsoleTunnel *self;

  if (!parse_ssh_target (uri, &target, error))
    return NULL;

  self = g_object_new (VD_TYPE_CONSOLE_TUNNEL, NULL);
  self->uri = g_strdup (uri);
  self->host = g_steal_pointer (&target.host);

  return self;
}

const char *
vd_console_tunnel_get_host (VdConsoleTunnel *self)
{
  g_return_val_if_fail (VD_IS_CONSOLE_TUNNEL (self), NULL);

  return self->host;
}

/**
 * vd_console_tunnel_get_control_path:
 *
 * Returns: (nullable): the master's control socket, once started
 */
const char *
vd_console_tunnel_get_control_path (VdConsoleTunnel *self)
{
  g_return_val_if_fail (VD_IS_CONSOLE_TUNNEL (self), NULL);

  return self->control_path;
}

/**
 * vd_console_tunnel_start_async:
 *
 * Starts the ssh master and completes once it is logged in, or with ssh's
 * reason ("SSH: Permission denied (publickey).").
 */
void
vd_console_tunnel_start_async (VdConsoleTunnel     *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) outer = NULL;
  g_autoptr(GTask) inner = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) both = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  StartData *data;

  g_return_if_fail (VD_IS_CONSOLE_TUNNEL (self));

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, vd_console_tunnel_start_async);

  if (self->closed || self->master != NULL)
    {
      g_task_return_new_error (outer, G_IO_ERROR, G_IO_ERROR_FAILED, "%s",
                               _("SSH: this tunnel was already used."));
      return;
    }

  data = g_new0 (StartData, 1);
  data->host = g_strdup (self->host);
  /* A short path: sun_path holds 108 bytes. */
  data->dir = g_dir_make_tmp ("vd-ssh-XXXXXX", &error);
  if (data->dir == NULL)
    {
      start_data_free (data);
      g_task_return_new_error (outer, G_IO_ERROR, G_IO_ERROR_FAILED, _("SSH: %s"),
                               error->message);
      return;
    }
  data->control_path = g_build_filename (data->dir, "control", NULL);
  track_dir (data->dir, TRUE);
  data->argv = vd_console_tunnel_master_argv (self->uri, data->control_path, &error);
  if (data->argv == NULL)
    {
      start_data_free (data);
      g_task_return_error (outer, g_steal_pointer (&error));
      return;
    }

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_INHERIT |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  data->master = spawn_ssh (launcher, data->argv, &error);
  if (data->master == NULL)
    {
      start_data_free (data);
      /* translators: %s is what ssh (or the system) said, e.g.
       * "Permission denied (publickey)." */
      g_task_return_new_error (outer, G_IO_ERROR, G_IO_ERROR_FAILED, _("SSH: %s"),
                               error->message);
      return;
    }

  /* The worker stops on the caller's cancellable or on close. */
  both = g_cancellable_new ();
  g_signal_connect_object (self->cancellable, "cancelled", G_CALLBACK (g_cancellable_cancel),
                           both, G_CONNECT_SWAPPED);
  if (cancellable != NULL)
    g_signal_connect_object (cancellable, "cancelled", G_CALLBACK (g_cancellable_cancel),
                             both, G_CONNECT_SWAPPED);
  if (g_cancellable_is_cancelled (self->cancellable) ||
      (cancellable != NULL && g_cancellable_is_cancelled (cancellable)))
    g_cancellable_cancel (both);

  inner = g_task_new (self, both, start_done_cb, g_steal_pointer (&outer));
  g_task_set_source_tag (inner, start_worker);
  g_task_set_task_data (inner, data, (GDestroyNotify)start_data_free);
  g_task_run_in_thread (inner, start_worker);
}

gboolean
vd_console_tunnel_start_finish (VdConsoleTunnel  *self,
                                GAsyncResult     *result,
                                GError          **error)
{
  g_return_val_if_fail (VD_IS_CONSOLE_TUNNEL (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * vd_console_tunnel_open_stream_async:
 * @host: the address to reach, as seen from the remote host
 * @port: its TCP port
 *
 * Opens one more stream over the master (the tunnel must be started).
 * The finish function returns a socket the caller owns.
 */
void
vd_console_tunnel_open_stream_async (VdConsoleTunnel     *self,
                                     const char          *host,
                                     const char          *port,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_auto(GStrv) argv = NULL;
  GSubprocess *process;
  int pair[2];
  int other;

  g_return_if_fail (VD_IS_CONSOLE_TUNNEL (self));

  /* Done here, not in a worker: a socket pair and a spawn do not wait on
   * anything, and the spawn must come from this thread. GTask still
   * completes in a later main loop iteration. */
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, vd_console_tunnel_open_stream_async);
  /* The socket must reach the caller, cancelled or not. */
  g_task_set_check_cancellable (task, FALSE);

  if (self->closed || self->master == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CLOSED, "%s",
                               _("SSH: the tunnel is not open."));
      return;
    }

  argv = vd_console_tunnel_stream_argv (self->uri, self->control_path, host, port, &error);
  if (argv == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  if (socketpair (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0)
    {
      int saved = errno;

      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved), _("SSH: %s"),
                               g_strerror (saved));
      return;
    }
  if ((other = dup (pair[1])) < 0)
    {
      int saved = errno;

      close (pair[0]);
      close (pair[1]);
      g_task_return_new_error (task, G_IO_ERROR, g_io_error_from_errno (saved), _("SSH: %s"),
                               g_strerror (saved));
      return;
    }

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  /* ssh reads the guest's bytes from its stdin and writes to its stdout:
   * both are the same end of the pair. The launcher closes them here. */
  g_subprocess_launcher_take_stdin_fd (launcher, pair[1]);
  g_subprocess_launcher_take_stdout_fd (launcher, other);
  process = spawn_ssh (launcher, argv, &error);
  g_clear_object (&launcher);

  if (process == NULL)
    {
      close (pair[0]);
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, _("SSH: %s"),
                               error->message);
      return;
    }

  g_ptr_array_add (self->streams, process);
  g_task_return_int (task, pair[0]);
}

/**
 * vd_console_tunnel_open_stream_finish:
 *
 * Returns: a connected socket (the caller owns it), or -1 with @error set
 */
int
vd_console_tunnel_open_stream_finish (VdConsoleTunnel  *self,
                                      GAsyncResult     *result,
                                      GError          **error)
{
  g_return_val_if_fail (VD_IS_CONSOLE_TUNNEL (self), -1);
  g_return_val_if_fail (g_task_is_valid (result, self), -1);

  return (int)g_task_propagate_int (G_TASK (result), error);
}

/**
 * vd_console_tunnel_close:
 *
 * Ends every stream and the master and removes the socket's directory.
 * Idempotent; a start or stream in flight fails and cleans up after itself.
 */
void
vd_console_tunnel_close (VdConsoleTunnel *self)
{
  g_return_if_fail (VD_IS_CONSOLE_TUNNEL (self));

  if (self->closed)
    return;

  self->closed = TRUE;
  g_cancellable_cancel (self->cancellable);

  for (guint i = 0; i < self->streams->len; i++)
    kill_process (g_ptr_array_index (self->streams, i));
  g_ptr_array_set_size (self->streams, 0);

  /* The master's own socket is not needed for this: killing it is
   * immediate, where `ssh -O exit` would be another process to wait for. */
  if (self->master != NULL)
    {
      g_debug ("closing the ssh master for %s", self->host);
      kill_process (self->master);
      g_clear_object (&self->master);
    }

  remove_dir (self->dir, self->control_path);
  if (self->dir != NULL)
    track_dir (self->dir, FALSE);
  g_clear_pointer (&self->dir, g_free);
  g_clear_pointer (&self->control_path, g_free);
}
