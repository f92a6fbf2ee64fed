/* domain-editor-chardev-edits.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * For tests/core/test-domain-editor-devices.c: the character device
 * setters (src/core/vd-domain-editor-chardev.c): each getter's value
 * written back is no change (chardev_same_values), the edits over the
 * corpus (CHAR_DEV_EDITS, rows of its DevEdit table), the refusals
 * (CHAR_BAD_DEV_EDITS, rows of BadDevEdit) and the guest agent's channel
 * (test_guest_agent).
 */

#include "vd-domain-editor-chardev.h"
#include "vd-error.h"

G_GNUC_UNUSED static gboolean
chardev_same_values (VdDomainEditor    *e,
                     const VdDeviceRef *ref)
{
  static const char * const settable[] = { "pty", "file", "tcp", "udp", "unix", "spicevmc",
                                           NULL };
  const char *id = vd_device_ref_get_id (ref);
  VdDeviceKind kind = vd_device_ref_get_kind (ref);
  g_auto(VdCharSource) source = { 0 };
  g_autofree char *type = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;

  if (kind != VD_DEVICE_KIND_SERIAL && kind != VD_DEVICE_KIND_PARALLEL &&
      kind != VD_DEVICE_KIND_CONSOLE && kind != VD_DEVICE_KIND_CHANNEL)
    return FALSE;

  g_assert_true (vd_domain_editor_get_char_source (e, id, &source));
  g_assert_nonnull (source.type);
  /* every value read back is taken, also of a type that cannot be set */
  g_assert_true (vd_domain_editor_set_char_source (e, id, &source, &error));
  g_assert_no_error (error);
  g_assert_true (g_strv_contains (settable, source.type) || source.path == NULL);
  g_assert_true (vd_domain_editor_get_char_target (e, id, &type, &name));
  if (kind == VD_DEVICE_KIND_CONSOLE && type != NULL)
    g_assert_true (vd_domain_editor_set_console_target (e, id, type, &error));
  if (kind == VD_DEVICE_KIND_CHANNEL && g_strcmp0 (type, "virtio") == 0)
    g_assert_true (vd_domain_editor_set_channel_name (e, id, name, &error));
  g_assert_no_error (error);

  return TRUE;
}

static gboolean char_any (VdDomainEditor *e, const char *id) { return TRUE; }

static gboolean
char_of_type (VdDomainEditor *e, const char *id, const char *type)
{
  g_auto(VdCharSource) source = { 0 };

  vd_domain_editor_get_char_source (e, id, &source);
  return g_strcmp0 (source.type, type) == 0;
}

static gboolean char_tcp (VdDomainEditor *e, const char *id) { return char_of_type (e, id, "tcp"); }
static gboolean char_unix (VdDomainEditor *e, const char *id) { return char_of_type (e, id, "unix"); }
static gboolean char_pty (VdDomainEditor *e, const char *id) { return char_of_type (e, id, "pty"); }
static gboolean char_not_vc (VdDomainEditor *e, const char *id) { return !char_of_type (e, id, "vc"); }

static gboolean
edit_char_file (VdDomainEditor *e, const char *id, GError **error)
{
  VdCharSource source = { .type = (char *)"file", .path = (char *)"/var/log/vd-serial.log" };

  return vd_domain_editor_set_char_source (e, id, &source, error);
}
static void
check_char_file (VdDomainEditor *r, const char *id)
{
  g_auto(VdCharSource) source = { 0 };

  g_assert_true (vd_domain_editor_get_char_source (r, id, &source));
  g_assert_cmpstr (source.type, ==, "file");
  g_assert_cmpstr (source.path, ==, "/var/log/vd-serial.log");
}

static gboolean
edit_char_tcp (VdDomainEditor *e, const char *id, GError **error)
{
  g_auto(VdCharSource) source = { 0 };
  g_autofree char *old_protocol = NULL;

  vd_domain_editor_get_char_source (e, id, &source);
  old_protocol = g_steal_pointer (&source.protocol);

  source.port = source.port == 4999 ? 4998 : 4999;
  source.protocol = g_strdup (g_strcmp0 (old_protocol, "telnet") == 0 ? "raw" : "telnet");
  g_free (source.mode);
  source.mode = g_strdup ("connect");
  return vd_domain_editor_set_char_source (e, id, &source, error);
}
static void
check_char_tcp (VdDomainEditor *r, const char *id)
{
  g_auto(VdCharSource) source = { 0 };

  g_assert_true (vd_domain_editor_get_char_source (r, id, &source));
  g_assert_cmpstr (source.type, ==, "tcp");
  g_assert_cmpuint (source.port, >=, 4998);
  g_assert_cmpstr (source.mode, ==, "connect");
}

static gboolean
edit_char_udp (VdDomainEditor *e, const char *id, GError **error)
{
  VdCharSource source = { .type = (char *)"udp", .host = (char *)"192.0.2.7", .port = 2445 };

  return vd_domain_editor_set_char_source (e, id, &source, error);
}
static void
check_char_udp (VdDomainEditor *r, const char *id)
{
  g_auto(VdCharSource) source = { 0 };

  g_assert_true (vd_domain_editor_get_char_source (r, id, &source));
  g_assert_cmpstr (source.type, ==, "udp");
  g_assert_cmpstr (source.host, ==, "192.0.2.7");
  g_assert_cmpuint (source.port, ==, 2445);
}

static gboolean
edit_char_unix (VdDomainEditor *e, const char *id, GError **error)
{
  VdCharSource source = { .type = (char *)"unix", .path = (char *)"/run/vd-test/chan.sock",
                          .mode = (char *)"bind" };

  return vd_domain_editor_set_char_source (e, id, &source, error);
}
static void
check_char_unix (VdDomainEditor *r, const char *id)
{
  g_auto(VdCharSource) source = { 0 };

  g_assert_true (vd_domain_editor_get_char_source (r, id, &source));
  g_assert_cmpstr (source.type, ==, "unix");
  g_assert_cmpstr (source.path, ==, "/run/vd-test/chan.sock");
  g_assert_cmpstr (source.mode, ==, "bind");
}

static gboolean
console_serial (VdDomainEditor *e, const char *id)
{
  g_autofree char *type = NULL;

  vd_domain_editor_get_char_target (e, id, &type, NULL);
  return g_strcmp0 (type, "serial") == 0;
}
static gboolean
edit_console_virtio (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_console_target (e, id, "virtio", error);
}
/* libvirt puts the serial port's console back first: the virtio one is
 * another */
static void
check_console_virtio (VdDomainEditor *r, const char *id)
{
  g_autoptr(GPtrArray) devices = vd_domain_editor_list_devices (r);
  guint virtio = 0;

  for (guint i = 0; i < devices->len; i++)
    if (vd_device_ref_get_kind (devices->pdata[i]) == VD_DEVICE_KIND_CONSOLE)
      {
        g_autofree char *type = NULL;

        g_assert_true (vd_domain_editor_get_char_target (r, vd_device_ref_get_id (devices->pdata[i]),
                                                         &type, NULL));
        if (g_strcmp0 (type, "virtio") == 0)
          virtio++;
      }
  g_assert_cmpuint (virtio, >=, 1);
}

static gboolean
channel_virtio (VdDomainEditor *e, const char *id)
{
  g_autofree char *type = NULL;

  vd_domain_editor_get_char_target (e, id, &type, NULL);
  return g_strcmp0 (type, "virtio") == 0;
}
static gboolean
edit_channel_name (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_channel_name (e, id, "org.example.vd_test-1", error);
}
static void
check_channel_name (VdDomainEditor *r, const char *id)
{
  g_autofree char *name = NULL;

  g_assert_true (vd_domain_editor_get_char_target (r, id, NULL, &name));
  g_assert_cmpstr (name, ==, "org.example.vd_test-1");
}

/* libvirt writes a console that is serial port 0 from that port (and a
 * virtio console wants a virtio-serial controller): its copy is compared
 * without the serial ports, consoles (and controllers) */
#define CHAR_DEV_EDITS \
  { "serial-file", VD_DEVICE_KIND_SERIAL, char_pty, edit_char_file, check_char_file, \
    { "%s/@type", "%s/source", "%s/protocol" }, \
    { "/domain/devices/serial", "/domain/devices/console" } }, \
  { "serial-tcp", VD_DEVICE_KIND_SERIAL, char_tcp, edit_char_tcp, check_char_tcp, \
    { "%s/source", "%s/protocol" }, { "/domain/devices/serial", "/domain/devices/console" } }, \
  { "serial-udp", VD_DEVICE_KIND_SERIAL, char_tcp, edit_char_udp, check_char_udp, \
    { "%s/@type", "%s/source", "%s/protocol" }, \
    { "/domain/devices/serial", "/domain/devices/console" } }, \
  { "channel-unix", VD_DEVICE_KIND_CHANNEL, char_unix, edit_char_unix, check_char_unix, \
    { "%s/source" } }, \
  { "parallel-file", VD_DEVICE_KIND_PARALLEL, char_pty, edit_char_file, check_char_file, \
    { "%s/@type", "%s/source" } }, \
  { "console-virtio", VD_DEVICE_KIND_CONSOLE, console_serial, edit_console_virtio, \
    check_console_virtio, { "%s/target/@type" }, \
    { "/domain/devices/serial", "/domain/devices/console", "/domain/devices/controller" } }, \
  { "channel-name", VD_DEVICE_KIND_CHANNEL, channel_virtio, edit_channel_name, \
    check_channel_name, { "%s/target/@name" } },

#define BAD_CHAR_SOURCE(fn, ...)                                            \
  static gboolean fn (VdDomainEditor *e, const char *id, GError **error)    \
  {                                                                         \
    VdCharSource source = { __VA_ARGS__ };                                  \
    return vd_domain_editor_set_char_source (e, id, &source, error);        \
  }

BAD_CHAR_SOURCE (bad_char_relative, .type = (char *)"file", .path = (char *)"log/serial.log")
BAD_CHAR_SOURCE (bad_char_no_file, .type = (char *)"file")
BAD_CHAR_SOURCE (bad_char_type, .type = (char *)"vc")
BAD_CHAR_SOURCE (bad_char_spicevmc, .type = (char *)"spicevmc")
BAD_CHAR_SOURCE (bad_char_unix_path, .type = (char *)"unix", .mode = (char *)"bind")
BAD_CHAR_SOURCE (bad_char_port_0, .type = (char *)"tcp", .host = (char *)"127.0.0.1", .port = 0)
BAD_CHAR_SOURCE (bad_char_port_high, .type = (char *)"udp", .host = (char *)"127.0.0.1",
                 .port = 65536)
BAD_CHAR_SOURCE (bad_char_host, .type = (char *)"tcp", .host = (char *)"", .port = 4555)
BAD_CHAR_SOURCE (bad_char_host_chars, .type = (char *)"tcp", .host = (char *)"a b", .port = 4555)
BAD_CHAR_SOURCE (bad_char_mode, .type = (char *)"tcp", .host = (char *)"::1", .port = 4555,
                 .mode = (char *)"listen")
BAD_CHAR_SOURCE (bad_char_protocol, .type = (char *)"tcp", .host = (char *)"::1", .port = 4555,
                 .protocol = (char *)"tls")

static gboolean bad_console_target (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_console_target (e, id, "sclp", error);
}
static gboolean bad_channel_name (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_channel_name (e, id, "org qemu", error);
}
static gboolean bad_channel_no_name (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_channel_name (e, id, "", error);
}
static gboolean channel_not_virtio (VdDomainEditor *e, const char *id)
{
  return !channel_virtio (e, id);
}

#define CHAR_BAD_DEV_EDITS \
  { "char-relative", VD_DEVICE_KIND_SERIAL, char_any, bad_char_relative, \
    VD_ERROR_INVALID_ARGUMENT, "“log/serial.log” is not an absolute path" }, \
  { "char-no-file", VD_DEVICE_KIND_PARALLEL, char_any, bad_char_no_file, \
    VD_ERROR_INVALID_ARGUMENT, "Type the file’s path" }, \
  { "char-type", VD_DEVICE_KIND_CONSOLE, char_not_vc, bad_char_type, VD_ERROR_INVALID_ARGUMENT, \
    "“vc” is not a kind of character device" }, \
  { "char-spicevmc", VD_DEVICE_KIND_SERIAL, char_any, bad_char_spicevmc, \
    VD_ERROR_INVALID_ARGUMENT, "Only a channel" }, \
  { "char-unix-path", VD_DEVICE_KIND_SERIAL, char_any, bad_char_unix_path, \
    VD_ERROR_INVALID_ARGUMENT, "Type the socket’s path" }, \
  { "char-port-0", VD_DEVICE_KIND_SERIAL, char_any, bad_char_port_0, VD_ERROR_INVALID_ARGUMENT, \
    "from 1 to 65535, not 0" }, \
  { "char-port-high", VD_DEVICE_KIND_CHANNEL, char_any, bad_char_port_high, \
    VD_ERROR_INVALID_ARGUMENT, "from 1 to 65535, not 65536" }, \
  { "char-host", VD_DEVICE_KIND_SERIAL, char_any, bad_char_host, VD_ERROR_INVALID_ARGUMENT, \
    "“” is not a host name or address" }, \
  { "char-host-chars", VD_DEVICE_KIND_CONSOLE, char_any, bad_char_host_chars, \
    VD_ERROR_INVALID_ARGUMENT, "“a b” is not a host name" }, \
  { "char-mode", VD_DEVICE_KIND_SERIAL, char_any, bad_char_mode, VD_ERROR_INVALID_ARGUMENT, \
    "“listen” is not a socket mode" }, \
  { "char-protocol", VD_DEVICE_KIND_SERIAL, char_any, bad_char_protocol, \
    VD_ERROR_INVALID_ARGUMENT, "“tls” is not a TCP protocol" }, \
  { "console-target", VD_DEVICE_KIND_CONSOLE, char_any, bad_console_target, \
    VD_ERROR_INVALID_ARGUMENT, "“sclp” is not a console type" }, \
  { "channel-name", VD_DEVICE_KIND_CHANNEL, channel_virtio, bad_channel_name, \
    VD_ERROR_INVALID_ARGUMENT, "“org qemu” is not a channel name" }, \
  { "channel-no-name", VD_DEVICE_KIND_CHANNEL, channel_virtio, bad_channel_no_name, \
    VD_ERROR_INVALID_ARGUMENT, "Type the channel’s name" }, \
  { "channel-not-virtio", VD_DEVICE_KIND_CHANNEL, channel_not_virtio, bad_channel_name, \
    VD_ERROR_NOT_SUPPORTED, "Only a virtio channel has a name" },

/* The guest agent's channel: added to every corpus guest without one (a
 * unix channel whose socket libvirt names), defined on the test driver and
 * read back; a guest with one gets no second. */
G_GNUC_UNUSED static void
test_guest_agent (void)
{
  g_autoptr(GPtrArray) files = corpus_files ();
  guint added = 0;
  guint kept = 0;

  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *text = read_file (files->pdata[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(VdDomainEditor) editor = vd_domain_editor_new_from_xml (text, &error);
      g_autoptr(VdDomainEditor) reread_editor = NULL;
      g_autofree char *id = NULL;
      g_autofree char *out = NULL;
      g_autofree char *reread = NULL;
      g_autofree char *message = NULL;
      g_autofree char *type = NULL;
      g_autofree char *name = NULL;
      g_auto(VdCharSource) source = { 0 };
      gboolean had = vd_domain_editor_has_guest_agent (editor);

      g_assert_no_error (error);
      id = vd_domain_editor_add_guest_agent (editor, &error);
      g_assert_no_error (error);
      g_assert_nonnull (id);
      g_assert_true (vd_domain_editor_has_guest_agent (editor));
      if (had)
        {
          g_assert_false (vd_domain_editor_is_dirty (editor));
          kept++;
          continue;
        }
      g_assert_true (vd_domain_editor_get_char_target (editor, id, &type, &name));
      g_assert_cmpstr (type, ==, "virtio");
      g_assert_cmpstr (name, ==, VD_GUEST_AGENT_CHANNEL);
      g_assert_true (vd_domain_editor_get_char_source (editor, id, &source));
      g_assert_cmpstr (source.type, ==, "unix");
      g_assert_null (source.path);

      out = vd_domain_editor_get_xml (editor);
      reread = define_and_read (out, &message);
      if (reread == NULL)
        g_error ("%s: libvirt refused the guest agent's channel: %s\n%s",
                 (char *)files->pdata[i], message, out);
      reread_editor = vd_domain_editor_new_from_xml (reread, &error);
      g_assert_no_error (error);
      g_assert_true (vd_domain_editor_has_guest_agent (reread_editor));
      g_free (define_and_read (text, NULL));
      added++;
    }
  g_assert_cmpuint (added, >, 0);
  g_assert_cmpuint (kept, >, 0);
}
