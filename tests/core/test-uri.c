/* test-uri.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "vd-error.h"
#include "vd-uri.h"

/* What the Add Connection dialog's fields accept and refuse. */

static void
test_uri_host (void)
{
  static const char * const good[] = {
    "kvm1", "kvm1.example.org", "10.0.0.7", "fe80::1", "2001:db8::42", "host_under", NULL
  };
  static const char * const bad[] = {
    "", "has space", "-leading", ".leading", "trailing-", "user@host", "host/path",
    "host:22", NULL
  };

  for (guint i = 0; good[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (vd_uri_validate_host (good[i], &error));
      g_assert_no_error (error);
    }

  for (guint i = 0; bad[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("host “%s”", bad[i]);
      g_assert_false (vd_uri_validate_host (bad[i], &error));
      g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT);
      g_assert_cmpstr (error->message, !=, "");
    }

  {
    g_autofree char *long_name = g_strnfill (254, 'a');
    g_autoptr(GError) error = NULL;

    g_assert_false (vd_uri_validate_host (long_name, &error));
    g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT);
  }
}

static void
test_uri_port (void)
{
  static const struct { const char *text; gboolean ok; guint port; } cases[] = {
    { "", TRUE, 0 },
    { "1", TRUE, 1 },
    { "22", TRUE, 22 },
    { "65535", TRUE, 65535 },
    { "0", FALSE, 0 },
    { "65536", FALSE, 0 },
    { "-1", FALSE, 0 },
    { "+22", FALSE, 0 },
    { "22 ", FALSE, 0 },
    { "0x16", FALSE, 0 },
    { "000022", FALSE, 0 },
    { "99999999999999999999", FALSE, 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      guint port = 12345;
      gboolean ok;

      g_test_message ("port “%s”", cases[i].text);
      ok = vd_uri_validate_port (cases[i].text, &port, &error);
      g_assert_cmpint (ok, ==, cases[i].ok);
      g_assert_cmpuint (port, ==, cases[i].port);
      if (ok)
        g_assert_no_error (error);
      else
        g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT);
    }
}

static void
test_uri_user (void)
{
  static const char * const bad[] = { "a b", "a@b", "a/b", "a:b", "a?b", "a#b", "\tadmin", NULL };
  g_autoptr(GError) error = NULL;

  g_assert_true (vd_uri_validate_user (NULL, &error));
  g_assert_true (vd_uri_validate_user ("", &error));
  g_assert_true (vd_uri_validate_user ("root", &error));
  g_assert_true (vd_uri_validate_user ("ops.admin-2", &error));
  g_assert_no_error (error);

  for (guint i = 0; bad[i] != NULL; i++)
    {
      g_autoptr(GError) user_error = NULL;

      g_assert_false (vd_uri_validate_user (bad[i], &user_error));
      g_assert_error (user_error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT);
    }
}

static void
test_uri_validate (void)
{
  static const char * const good[] = {
    "qemu:///system", "qemu:///session", "qemu+ssh://root@kvm1/system",
    "qemu+ssh://kvm1:2222/system?keyfile=/root/.ssh/id_ed25519",
    "qemu+tls://kvm1/system", "qemu+tcp://10.0.0.7:16509/system",
    "qemu+unix:///system?socket=/run/libvirt/libvirt-sock", "qemu://kvm1/system",
    "test:///default", "test:///srv/fixtures/host.xml", "qemu+ssh://[fe80::1]/system",
    "qemu:///embed?root=/tmp/vd", "lxc:///", NULL
  };
  static const char * const bad[] = {
    "", "system", "qemu:/system", "qemu://", "foo:///system", "qemu+pigeon://kvm1/system",
    "qemu+ssh:///system", "qemu:///", "qemu:///sytem", "test://", "test:///",
    "qemu+tcp:///session", NULL
  };

  for (guint i = 0; good[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("good URI “%s”", good[i]);
      g_assert_true (vd_uri_validate (good[i], &error));
      g_assert_no_error (error);
    }

  for (guint i = 0; bad[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("bad URI “%s”", bad[i]);
      g_assert_false (vd_uri_validate (bad[i], &error));
      g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT);
    }
}

static void
test_uri_build (void)
{
  static const struct {
    VdHypervisor hypervisor;
    gboolean remote;
    VdTransport transport;
    const char *user;
    const char *host;
    guint port;
    const char *expected;
  } cases[] = {
    { VD_HYPERVISOR_QEMU_SYSTEM, FALSE, VD_TRANSPORT_SSH, "ignored", "ignored", 1, "qemu:///system" },
    { VD_HYPERVISOR_QEMU_SESSION, FALSE, VD_TRANSPORT_SSH, NULL, NULL, 0, "qemu:///session" },
    { VD_HYPERVISOR_TEST, FALSE, VD_TRANSPORT_SSH, NULL, NULL, 0, "test:///default" },
    { VD_HYPERVISOR_QEMU_SYSTEM, TRUE, VD_TRANSPORT_SSH, "root", "kvm1", 0, "qemu+ssh://root@kvm1/system" },
    { VD_HYPERVISOR_QEMU_SYSTEM, TRUE, VD_TRANSPORT_SSH, "", "kvm1", 2222, "qemu+ssh://kvm1:2222/system" },
    { VD_HYPERVISOR_QEMU_SESSION, TRUE, VD_TRANSPORT_TLS, NULL, "kvm1.example.org", 0, "qemu+tls://kvm1.example.org/session" },
    { VD_HYPERVISOR_QEMU_SYSTEM, TRUE, VD_TRANSPORT_TCP, "ops", "10.0.0.7", 16509, "qemu+tcp://ops@10.0.0.7:16509/system" },
    { VD_HYPERVISOR_QEMU_SYSTEM, TRUE, VD_TRANSPORT_SSH, NULL, "2001:db8::42", 0, "qemu+ssh://[2001:db8::42]/system" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *uri = NULL;

      uri = vd_uri_build (cases[i].hypervisor, cases[i].remote, cases[i].transport,
                          cases[i].user, cases[i].host, cases[i].port, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (uri, ==, cases[i].expected);
      /* Whatever the dialog builds, the Custom URI field accepts. */
      g_assert_true (vd_uri_validate (uri, NULL));
    }

  {
    g_autoptr(GError) error = NULL;
    g_autofree char *uri = NULL;

    uri = vd_uri_build (VD_HYPERVISOR_QEMU_SYSTEM, TRUE, VD_TRANSPORT_SSH, "ro ot", "kvm1", 0, NULL, &error);
    g_assert_null (uri);
    g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT);
  }

  {
    g_autoptr(GError) error = NULL;
    g_autofree char *uri = NULL;

    uri = vd_uri_build (VD_HYPERVISOR_QEMU_SYSTEM, TRUE, VD_TRANSPORT_TLS, NULL, "", 0, NULL, &error);
    g_assert_null (uri);
    g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT);
  }

  {
    g_autoptr(GError) error = NULL;
    g_autofree char *uri = NULL;

    uri = vd_uri_build (VD_HYPERVISOR_CUSTOM, TRUE, VD_TRANSPORT_SSH, "x", "y", 0,
                        "qemu+ssh://admin@kvm2/system", &error);
    g_assert_no_error (error);
    g_assert_cmpstr (uri, ==, "qemu+ssh://admin@kvm2/system");

    g_clear_pointer (&uri, g_free);
    uri = vd_uri_build (VD_HYPERVISOR_CUSTOM, FALSE, VD_TRANSPORT_SSH, NULL, NULL, 0, "nonsense", &error);
    g_assert_null (uri);
    g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT);
  }

  g_assert_cmpuint (vd_uri_default_port (VD_TRANSPORT_SSH), ==, 22);
  g_assert_cmpuint (vd_uri_default_port (VD_TRANSPORT_TLS), ==, 16514);
  g_assert_cmpuint (vd_uri_default_port (VD_TRANSPORT_TCP), ==, 16509);
}

static void
test_uri_friendly_name (void)
{
  static const struct { const char *uri; const char *name; } cases[] = {
    { "test:///default", "Demo (libvirt test driver)" },
    { "test:///srv/fixtures/host.xml", "Test driver (host.xml)" },
    { "qemu:///system", "QEMU/KVM" },
    { "qemu:///session", "QEMU/KVM user session" },
    { "qemu+ssh://root@kvm1/system", "QEMU/KVM on kvm1 (SSH)" },
    { "qemu+ssh://kvm1/session", "QEMU/KVM user session on kvm1 (SSH)" },
    { "qemu+tcp://kvm1/system", "QEMU/KVM on kvm1 (TCP)" },
    { "qemu+tls://kvm1/system", "QEMU/KVM on kvm1 (TLS)" },
    { "qemu://kvm1/system", "QEMU/KVM on kvm1 (TLS)" },
    { "lxc:///", "lxc:///" },
    { "not a uri", "not a uri" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = vd_uri_get_friendly_name (cases[i].uri);

      g_assert_cmpstr (name, ==, cases[i].name);
    }
}

int
main (int   argc,
      char *argv[])
{
  /* English messages whatever the environment. */
  g_setenv ("LANGUAGE", "C", TRUE);
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/uri/host", test_uri_host);
  g_test_add_func ("/uri/port", test_uri_port);
  g_test_add_func ("/uri/user", test_uri_user);
  g_test_add_func ("/uri/validate", test_uri_validate);
  g_test_add_func ("/uri/build", test_uri_build);
  g_test_add_func ("/uri/friendly-name", test_uri_friendly_name);

  return g_test_run ();
}
