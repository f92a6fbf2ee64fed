/* test-domain.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libvirt-gobject/libvirt-gobject.h>

#include "vd-error.h"
#include "../vd-test-util.h"

typedef void     (*ActionAsync)  (VdDomain *, GCancellable *, GAsyncReadyCallback, gpointer);
typedef gboolean (*ActionFinish) (VdDomain *, GAsyncResult *, GError **);

typedef struct
{
  VdConnection *connection;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *uri = vd_test_fixture_uri ("basic.xml");

  fixture->connection = vd_test_open (uri);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  vd_connection_disconnect (fixture->connection);
  g_clear_object (&fixture->connection);
}

/* Runs one action to its end; checks busy was set while it ran and is
 * clear afterwards. */
static gboolean
run (VdDomain      *domain,
     ActionAsync    async,
     ActionFinish   finish,
     GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(VdDomain) keep = g_object_ref (domain);
  gboolean ret;

  async (domain, NULL, vd_test_async_result_cb, &result);
  /* One operation at a time: every can-* is off while busy. A guest that
   * lost its connection fails without starting anything. */
  if (vd_domain_get_connection (domain) != NULL)
    {
      g_assert_true (vd_domain_get_busy (domain));
      g_assert_false (vd_domain_get_can_start (domain));
      g_assert_false (vd_domain_get_can_force_off (domain));
    }
  VD_TEST_WAIT_RESULT (result);
  ret = finish (domain, result, error);
  g_assert_false (vd_domain_get_busy (domain));

  return ret;
}

#define RUN_OK(domain, name)                                                      \
  G_STMT_START {                                                                  \
    g_autoptr(GError) _error = NULL;                                              \
    g_assert_true (run (domain, vd_domain_##name##_async, vd_domain_##name##_finish, &_error)); \
    g_assert_no_error (_error);                                                   \
    g_assert_null (vd_domain_get_last_error (domain));                            \
  } G_STMT_END

static void
test_lifecycle (Fixture       *fixture,
                gconstpointer  data)
{
  VdDomain *bravo = vd_connection_find_domain_by_name (fixture->connection, "bravo");

  g_assert_cmpint (vd_domain_get_state (bravo), ==, VD_DOMAIN_STATE_SHUTOFF);
  g_assert_true (vd_domain_get_can_start (bravo));
  g_assert_false (vd_domain_get_can_shutdown (bravo));
  g_assert_false (vd_domain_get_can_pause (bravo));

  RUN_OK (bravo, start);
  g_assert_cmpint (vd_domain_get_state (bravo), ==, VD_DOMAIN_STATE_RUNNING);
  g_assert_cmpint (vd_domain_get_id (bravo), >, 0);
  g_assert_false (vd_domain_get_can_start (bravo));
  g_assert_true (vd_domain_get_can_pause (bravo));

  RUN_OK (bravo, pause);
  g_assert_cmpint (vd_domain_get_state (bravo), ==, VD_DOMAIN_STATE_PAUSED);
  g_assert_true (vd_domain_get_can_resume (bravo));
  g_assert_false (vd_domain_get_can_pause (bravo));

  RUN_OK (bravo, resume);
  g_assert_cmpint (vd_domain_get_state (bravo), ==, VD_DOMAIN_STATE_RUNNING);

  RUN_OK (bravo, reboot);
  g_assert_cmpint (vd_domain_get_state (bravo), ==, VD_DOMAIN_STATE_RUNNING);

  RUN_OK (bravo, reset);
  g_assert_cmpint (vd_domain_get_state (bravo), ==, VD_DOMAIN_STATE_RUNNING);

  RUN_OK (bravo, shutdown);
  g_assert_cmpint (vd_domain_get_state (bravo), ==, VD_DOMAIN_STATE_SHUTOFF);
  g_assert_cmpint (vd_domain_get_id (bravo), ==, -1);

  RUN_OK (bravo, start);
  RUN_OK (bravo, force_off);
  g_assert_cmpint (vd_domain_get_state (bravo), ==, VD_DOMAIN_STATE_SHUTOFF);
}

static void
test_save_restore (Fixture       *fixture,
                   gconstpointer  data)
{
  VdDomain *alpha = vd_connection_find_domain_by_name (fixture->connection, "alpha");

  g_assert_true (vd_domain_get_can_save (alpha));
  RUN_OK (alpha, save);
  g_assert_cmpint (vd_domain_get_state (alpha), ==, VD_DOMAIN_STATE_SAVED);
  g_assert_true (vd_domain_get_has_managed_save (alpha));
  g_assert_true (vd_domain_get_can_start (alpha));
  g_assert_cmpstr (vd_domain_get_state_label (alpha), ==, "Saved");

  RUN_OK (alpha, restore);
  g_assert_cmpint (vd_domain_get_state (alpha), ==, VD_DOMAIN_STATE_RUNNING);
  g_assert_false (vd_domain_get_has_managed_save (alpha));

  /* Run on a saved guest restores it too. */
  RUN_OK (alpha, save);
  RUN_OK (alpha, start);
  g_assert_cmpint (vd_domain_get_state (alpha), ==, VD_DOMAIN_STATE_RUNNING);
  g_assert_false (vd_domain_get_has_managed_save (alpha));
}

static void
test_failure_sets_error (Fixture       *fixture,
                         gconstpointer  data)
{
  VdDomain *alpha = vd_connection_find_domain_by_name (fixture->connection, "alpha");
  g_autoptr(GError) error = NULL;

  /* Already running: libvirt refuses. */
  g_assert_false (run (alpha, vd_domain_start_async, vd_domain_start_finish, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == VD_ERROR);
  g_assert_true (g_str_has_prefix (error->message, "Failed to start “alpha”: "));
  /* libvirt's own explanation follows the prefix. */
  g_assert_nonnull (strstr (error->message, "already running"));
  g_assert_cmpstr (vd_domain_get_last_error (alpha), ==, error->message);
  g_assert_false (vd_domain_get_busy (alpha));
  g_assert_cmpint (vd_domain_get_state (alpha), ==, VD_DOMAIN_STATE_RUNNING);

  /* The next success clears it. */
  RUN_OK (alpha, pause);
}

static void
set_autostart (VdDomain *domain,
               gboolean  autostart)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  vd_domain_set_autostart_async (domain, autostart, NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_RESULT (result);
  g_assert_true (vd_domain_set_autostart_finish (domain, result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (vd_domain_get_autostart (domain), ==, autostart);
}

static void
test_autostart (Fixture       *fixture,
                gconstpointer  data)
{
  VdDomain *bravo = vd_connection_find_domain_by_name (fixture->connection, "bravo");
  int autostart = -1;

  set_autostart (bravo, TRUE);
  virDomainGetAutostart (vd_domain_get_handle (bravo), &autostart);
  g_assert_cmpint (autostart, ==, 1);
  set_autostart (bravo, FALSE);
  virDomainGetAutostart (vd_domain_get_handle (bravo), &autostart);
  g_assert_cmpint (autostart, ==, 0);
}

static gboolean
rename_domain (VdDomain    *domain,
               const char  *name,
               GError     **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  vd_domain_rename_async (domain, name, NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_RESULT (result);
  return vd_domain_rename_finish (domain, result, error);
}

static void
test_rename (Fixture       *fixture,
             gconstpointer  data)
{
  VdDomain *bravo = vd_connection_find_domain_by_name (fixture->connection, "bravo");
  GListModel *domains = vd_connection_get_domains (fixture->connection);
  g_autoptr(VdDomain) last = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (vd_domain_get_can_rename (bravo));
  g_assert_true (rename_domain (bravo, "zulu", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (vd_domain_get_name (bravo), ==, "zulu");
  g_assert_null (vd_connection_find_domain_by_name (fixture->connection, "bravo"));
  /* Re-sorted under its new name, still one row. */
  g_assert_cmpuint (g_list_model_get_n_items (domains), ==, 3);
  last = g_list_model_get_item (domains, 2);
  g_assert_true (last == bravo);

  /* Bad names are refused before libvirt is asked, and change nothing. */
  g_assert_false (rename_domain (bravo, "", &error));
  g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (rename_domain (bravo, "a/b", &error));
  g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_cmpstr (vd_domain_get_name (bravo), ==, "zulu");

  /* A running guest cannot be renamed: libvirt's message comes through. */
  g_assert_false (rename_domain (vd_connection_find_domain_by_name (fixture->connection, "alpha"),
                                 "other", &error));
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, "Failed to rename “alpha”: "));
}

static gboolean
delete_domain (VdDomain            *domain,
               VdDomainDeleteFlags  flags,
               const char * const  *volumes,
               GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  vd_domain_delete_async (domain, flags, volumes, NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_RESULT (result);
  return vd_domain_delete_finish (domain, result, error);
}

static void
test_delete (Fixture       *fixture,
             gconstpointer  data)
{
  VdConnection *connection = fixture->connection;
  g_autoptr(VdDomain) bravo = g_object_ref (vd_connection_find_domain_by_name (connection, "bravo"));
  VdDomain *alpha = vd_connection_find_domain_by_name (connection, "alpha");
  const char *volumes[] = { "/var/lib/libvirt/images/bravo.img", NULL };
  virStorageVolPtr vol;
  g_autoptr(GError) error = NULL;

  /* Running guests are refused. */
  g_assert_false (vd_domain_get_can_delete (alpha));
  g_assert_false (delete_domain (alpha, VD_DOMAIN_DELETE_ALL_METADATA, NULL, &error));
  g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_STATE);
  g_clear_error (&error);
  g_assert_nonnull (vd_connection_find_domain_by_name (connection, "alpha"));

  g_assert_true (vd_domain_get_can_delete (bravo));
  g_assert_true (delete_domain (bravo, VD_DOMAIN_DELETE_ALL_METADATA, volumes, &error));
  g_assert_no_error (error);
  g_assert_null (vd_connection_find_domain_by_name (connection, "bravo"));
  g_assert_null (vd_domain_get_connection (bravo));
  g_assert_cmpuint (g_list_model_get_n_items (vd_connection_get_domains (connection)), ==, 2);

  /* The listed volume is gone, the other guest's is not. */
  vol = virStorageVolLookupByPath (vd_connection_get_handle (connection), volumes[0]);
  g_assert_null (vol);
  virResetLastError ();
  vol = virStorageVolLookupByPath (vd_connection_get_handle (connection),
                                   "/var/lib/libvirt/images/alpha.img");
  g_assert_nonnull (vol);
  virStorageVolFree (vol);
}

static void
test_delete_missing_volume (Fixture       *fixture,
                            gconstpointer  data)
{
  VdDomain *bravo = vd_connection_find_domain_by_name (fixture->connection, "bravo");
  const char *volumes[] = { "/nonexistent/disk.img", NULL };
  g_autoptr(GError) error = NULL;

  /* The guest goes; the volume failure is reported, not hidden. */
  g_assert_false (delete_domain (bravo, VD_DOMAIN_DELETE_NONE, volumes, &error));
  g_assert_error (error, VD_ERROR, VD_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "/nonexistent/disk.img"));
  g_assert_null (vd_connection_find_domain_by_name (fixture->connection, "bravo"));
}

static void
test_search (Fixture       *fixture,
             gconstpointer  data)
{
  VdDomain *alpha = vd_connection_find_domain_by_name (fixture->connection, "alpha");
  g_autofree char *web = g_utf8_casefold ("WEB", -1);
  g_autofree char *run = g_utf8_casefold ("Running", -1);

  g_assert_true (vd_domain_matches (alpha, ""));
  g_assert_true (vd_domain_matches (alpha, "alp"));
  g_assert_true (vd_domain_matches (alpha, web));
  g_assert_true (vd_domain_matches (alpha, run));
  g_assert_true (vd_domain_matches (alpha, "97f2502e1001"));
  g_assert_false (vd_domain_matches (alpha, "bravo"));
  g_assert_false (vd_domain_matches (alpha, "paused"));
}

static void
test_detached (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(VdDomain) bravo =
    g_object_ref (vd_connection_find_domain_by_name (fixture->connection, "bravo"));
  g_autoptr(GError) error = NULL;

  vd_connection_disconnect (fixture->connection);
  g_assert_null (vd_domain_get_connection (bravo));
  g_assert_false (vd_domain_get_can_start (bravo));
  g_assert_false (run (bravo, vd_domain_start_async, vd_domain_start_finish, &error));
  g_assert_error (error, VD_ERROR, VD_ERROR_NOT_CONNECTED);
}

/* One operation at a time: a second one is refused while the first runs,
 * a refresh (it only reads) is not, and a caller that gives up on the
 * first does not leave the guest busy. */
static void
test_busy (Fixture       *fixture,
           gconstpointer  data)
{
  VdDomain *bravo = vd_connection_find_domain_by_name (fixture->connection, "bravo");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(GAsyncResult) refresh = NULL;
  g_autoptr(GError) error = NULL;

  vd_domain_set_autostart_async (bravo, TRUE, cancellable, vd_test_async_result_cb, &first);
  g_assert_true (vd_domain_get_busy (bravo));
  vd_domain_pause_async (bravo, NULL, vd_test_async_result_cb, &second);
  vd_domain_refresh_async (bravo, NULL, vd_test_async_result_cb, &refresh);
  g_cancellable_cancel (cancellable);

  VD_TEST_WAIT_RESULT (second);
  g_assert_false (vd_domain_pause_finish (bravo, second, &error));
  g_assert_error (error, VD_ERROR, VD_ERROR_BUSY);
  g_assert_cmpstr (error->message, ==,
                   "Failed to pause “bravo”: another operation on this guest is still running");
  g_clear_error (&error);

  VD_TEST_WAIT_RESULT (refresh);
  g_assert_true (vd_domain_refresh_finish (bravo, refresh, &error));
  g_assert_no_error (error);

  VD_TEST_WAIT_RESULT (first);
  g_assert_false (vd_domain_set_autostart_finish (bravo, first, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (vd_domain_get_busy (bravo));
  /* The call itself ran to its end, and succeeded. */
  g_assert_null (vd_domain_get_last_error (bravo));
  g_assert_true (vd_domain_get_autostart (bravo));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  gvir_init_object_check (NULL, NULL, NULL);

#define ADD(path, func) \
  g_test_add ("/vd/domain/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("lifecycle", test_lifecycle);
  ADD ("save-restore", test_save_restore);
  ADD ("failure-sets-error", test_failure_sets_error);
  ADD ("autostart", test_autostart);
  ADD ("rename", test_rename);
  ADD ("delete", test_delete);
  ADD ("delete-missing-volume", test_delete_missing_volume);
  ADD ("search", test_search);
  ADD ("detached", test_detached);
  ADD ("busy", test_busy);

  return g_test_run ();
}
