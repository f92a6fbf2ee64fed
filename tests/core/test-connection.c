/* test-connection.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libvirt-gobject/libvirt-gobject.h>

#include "vd-connection-manager.h"
#include "vd-connection-private.h"
#include "vd-error.h"
#include "vd-libvirt-task.h"
#include "../vd-test-util.h"

static void
test_open_close (void)
{
  g_autoptr(VdConnection) connection = vd_test_open ("test:///default");
  GListModel *domains = vd_connection_get_domains (connection);
  VdDomain *domain;

  g_assert_null (vd_connection_get_last_error (connection));
  g_assert_cmpuint (g_list_model_get_n_items (domains), ==, 1);
  domain = vd_connection_find_domain_by_name (connection, "test");
  g_assert_nonnull (domain);
  g_assert_cmpint (vd_domain_get_state (domain), ==, VD_DOMAIN_STATE_RUNNING);
  g_assert_true (vd_domain_get_persistent (domain));
  g_assert_nonnull (vd_connection_get_hostname (connection));
  g_assert_nonnull (vd_connection_get_gvir (connection));

  vd_connection_disconnect (connection);
  g_assert_cmpint (vd_connection_get_state (connection), ==, VD_CONNECTION_STATE_DISCONNECTED);
  g_assert_cmpuint (g_list_model_get_n_items (domains), ==, 0);
  g_assert_null (vd_connection_get_gvir (connection));
}

static void
test_fixture_list (void)
{
  g_autofree char *uri = vd_test_fixture_uri ("basic.xml");
  g_autoptr(VdConnection) connection = vd_test_open (uri);
  GListModel *domains = vd_connection_get_domains (connection);
  g_autoptr(VdDomain) first = NULL;
  g_autoptr(VdDomain) last = NULL;
  VdDomain *alpha;

  g_assert_cmpuint (g_list_model_get_n_items (domains), ==, 3);
  first = g_list_model_get_item (domains, 0);
  last = g_list_model_get_item (domains, 2);
  /* Sorted by name. */
  g_assert_cmpstr (vd_domain_get_name (first), ==, "alpha");
  g_assert_cmpstr (vd_domain_get_name (last), ==, "charlie");

  alpha = vd_connection_find_domain_by_uuid (connection, "6695eb01-f6a4-8304-79aa-97f2502e1001");
  g_assert_true (alpha == first);
  g_assert_cmpstr (vd_domain_get_title (alpha), ==, "Web server");
  g_assert_cmpstr (vd_domain_get_description (alpha), ==, "Front end");
  g_assert_cmpuint (vd_domain_get_vcpus (alpha), ==, 2);
  g_assert_cmpuint (vd_domain_get_max_memory (alpha), ==, 524288);
  g_assert_cmpint (vd_domain_get_state (last), ==, VD_DOMAIN_STATE_PAUSED);
  g_assert_cmpint (vd_domain_get_state (vd_connection_find_domain_by_name (connection, "bravo")),
                   ==, VD_DOMAIN_STATE_SHUTOFF);
}

static void
test_bad_uri (void)
{
  g_autoptr(VdConnection) connection = vd_connection_new ("bogus:///nowhere");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  vd_connection_open_async (connection, NULL, vd_test_async_result_cb, &result);
  g_assert_cmpint (vd_connection_get_state (connection), ==, VD_CONNECTION_STATE_CONNECTING);
  VD_TEST_WAIT_RESULT (result);

  g_assert_false (vd_connection_open_finish (connection, result, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (vd_connection_get_state (connection), ==, VD_CONNECTION_STATE_FAILED);
  g_assert_nonnull (vd_connection_get_last_error (connection));
  g_assert_cmpstr (vd_connection_get_last_error (connection), ==, error->message);
  g_assert_cmpstr (vd_connection_get_state_label (connection), ==, error->message);
  /* Not autoconnect: no retry planned. */
  g_assert_cmpuint (vd_connection_get_reconnect_delay (connection), ==, 0);
}

static void
test_reconnect_backoff (void)
{
  g_autoptr(VdConnection) connection = vd_connection_new ("bogus:///nowhere");

  vd_connection_set_autoconnect (connection, TRUE);
  vd_connection_connect (connection);
  VD_TEST_WAIT_UNTIL (vd_connection_get_state (connection) == VD_CONNECTION_STATE_FAILED, 10);
  g_assert_cmpuint (vd_connection_get_reconnect_delay (connection), ==, 1);

  /* The retry fails again and doubles the delay. */
  VD_TEST_WAIT_UNTIL (vd_connection_get_reconnect_delay (connection) == 2, 10);

  vd_connection_set_autoconnect (connection, FALSE);
  g_assert_cmpuint (vd_connection_get_reconnect_delay (connection), ==, 0);
}

static void
test_events_add_remove (void)
{
  g_autofree char *uri = vd_test_fixture_uri ("basic.xml");
  g_autoptr(VdConnection) connection = vd_test_open (uri);
  GListModel *domains = vd_connection_get_domains (connection);
  virConnectPtr conn = vd_connection_get_handle (connection);
  const char *xml =
    "<domain type='test'><name>delta</name><memory>65536</memory>"
    "<os><type arch='x86_64'>hvm</type></os></domain>";
  virDomainPtr dom;
  VdDomain *delta;

  /* Changes made behind the app's back (another client) arrive as events. */
  dom = virDomainDefineXML (conn, xml);
  g_assert_nonnull (dom);
  VD_TEST_WAIT_UNTIL (vd_connection_find_domain_by_name (connection, "delta") != NULL, 10);
  g_assert_cmpuint (g_list_model_get_n_items (domains), ==, 4);
  delta = vd_connection_find_domain_by_name (connection, "delta");
  g_assert_cmpint (vd_domain_get_state (delta), ==, VD_DOMAIN_STATE_SHUTOFF);

  g_assert_cmpint (virDomainCreate (dom), ==, 0);
  VD_TEST_WAIT_UNTIL (vd_domain_get_state (delta) == VD_DOMAIN_STATE_RUNNING, 10);
  g_assert_cmpint (virDomainSuspend (dom), ==, 0);
  VD_TEST_WAIT_UNTIL (vd_domain_get_state (delta) == VD_DOMAIN_STATE_PAUSED, 10);
  g_assert_cmpint (virDomainResume (dom), ==, 0);
  VD_TEST_WAIT_UNTIL (vd_domain_get_state (delta) == VD_DOMAIN_STATE_RUNNING, 10);
  g_assert_cmpint (virDomainDestroy (dom), ==, 0);
  VD_TEST_WAIT_UNTIL (vd_domain_get_state (delta) == VD_DOMAIN_STATE_SHUTOFF, 10);

  g_assert_cmpint (virDomainUndefine (dom), ==, 0);
  VD_TEST_WAIT_UNTIL (vd_connection_find_domain_by_name (connection, "delta") == NULL, 10);
  g_assert_cmpuint (g_list_model_get_n_items (domains), ==, 3);
  virDomainFree (dom);

  /* A transient guest appears while it runs and goes when it stops. */
  dom = virDomainCreateXML (conn,
                            "<domain type='test'><name>echo</name><memory>65536</memory>"
                            "<os><type arch='x86_64'>hvm</type></os></domain>", 0);
  g_assert_nonnull (dom);
  VD_TEST_WAIT_UNTIL (vd_connection_find_domain_by_name (connection, "echo") != NULL, 10);
  g_assert_false (vd_domain_get_persistent (vd_connection_find_domain_by_name (connection, "echo")));
  g_assert_cmpint (virDomainDestroy (dom), ==, 0);
  VD_TEST_WAIT_UNTIL (vd_connection_find_domain_by_name (connection, "echo") == NULL, 10);
  virDomainFree (dom);
}

static void
test_refresh_domains (void)
{
  g_autofree char *uri = vd_test_fixture_uri ("basic.xml");
  g_autoptr(VdConnection) connection = vd_test_open (uri);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  vd_connection_refresh_domains_async (connection, NULL, vd_test_async_result_cb, &result);
  VD_TEST_WAIT_RESULT (result);
  g_assert_true (vd_connection_refresh_domains_finish (connection, result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (vd_connection_get_domains (connection)), ==, 3);
}

/* A refresh read while the guest existed, whose result arrives after the
 * guest was removed (its undefine event came while the worker read it),
 * must not bring the guest back: the e2e lifecycle test saw a deleted
 * guest stay listed for good. The removal is made here at the moment the
 * worker runs, as the event would. */
static void
test_stale_refresh_after_removal (void)
{
  g_autofree char *uri = vd_test_fixture_uri ("basic.xml");
  g_autoptr(VdConnection) connection = vd_test_open (uri);
  VdDomain *alpha = vd_connection_find_domain_by_name (connection, "alpha");
  guint n = g_list_model_get_n_items (vd_connection_get_domains (connection));

  g_assert_nonnull (alpha);
  _vd_connection_queue_refresh (connection, vd_domain_get_handle (alpha));
  /* One iteration at a time: the one that starts the worker cannot also
   * deliver its result. */
  while (!connection->refresh_running)
    g_main_context_iteration (NULL, TRUE);
  _vd_connection_remove_domain (connection, alpha);
  g_assert_null (vd_connection_find_domain_by_name (connection, "alpha"));

  VD_TEST_WAIT_UNTIL (!connection->refresh_running && connection->refresh_source == 0, 10);
  g_assert_null (vd_connection_find_domain_by_name (connection, "alpha"));
  g_assert_cmpuint (g_list_model_get_n_items (vd_connection_get_domains (connection)), ==, n - 1);
}

/* Waits, without dispatching anything, until @context has something to
 * run: a worker's result, there. */
static void
wait_pending (GMainContext *context)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!g_main_context_pending (context))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("timed out waiting for a worker's result");
      g_usleep (1000);
    }
}

/* A refresh that read a guest running, whose result lands after the
 * guest was forced off and its "stopped" event applied, must not show it
 * running again (seen once in e2e-console: after Force Off the console
 * went back to connecting). The refresh's result is held in a context of
 * its own until the real event has been delivered on the default one. */
static void
test_stale_refresh_after_event (void)
{
  g_autofree char *uri = vd_test_fixture_uri ("basic.xml");
  g_autoptr(VdConnection) connection = vd_test_open (uri);
  g_autoptr(GMainContext) held = g_main_context_new ();
  VdDomain *alpha = vd_connection_find_domain_by_name (connection, "alpha");

  g_assert_nonnull (alpha);
  g_assert_cmpint (vd_domain_get_state (alpha), ==, VD_DOMAIN_STATE_RUNNING);

  g_main_context_push_thread_default (held);
  _vd_connection_queue_refresh (connection, vd_domain_get_handle (alpha));
  while (!connection->refresh_running)
    g_main_context_iteration (NULL, TRUE);
  g_main_context_pop_thread_default (held);
  /* The worker has read "running". */
  wait_pending (held);

  g_assert_cmpint (virDomainDestroy (vd_domain_get_handle (alpha)), ==, 0);
  VD_TEST_WAIT_UNTIL (vd_domain_get_state (alpha) == VD_DOMAIN_STATE_SHUTOFF, 10);

  while (connection->refresh_running)
    g_main_context_iteration (held, TRUE);
  g_assert_cmpint (vd_domain_get_state (alpha), ==, VD_DOMAIN_STATE_SHUTOFF);
  g_assert_false (vd_domain_get_active (alpha));

  /* The read made again says so too. */
  VD_TEST_WAIT_UNTIL (!connection->refresh_running && connection->refresh_source == 0 &&
                      g_hash_table_size (connection->refresh_pending) == 0, 10);
  g_assert_cmpint (vd_domain_get_state (alpha), ==, VD_DOMAIN_STATE_SHUTOFF);
}

/* The same for an operation's own re-read (Shut Down, Force Off, any
 * action re-reads the guest when its call returns): one older than the
 * guest's "stopped" event is read again, not applied. */
static void
test_stale_action_read_after_event (void)
{
  g_autofree char *uri = vd_test_fixture_uri ("basic.xml");
  g_autoptr(VdConnection) connection = vd_test_open (uri);
  g_autoptr(GMainContext) held = g_main_context_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  VdDomain *alpha = vd_connection_find_domain_by_name (connection, "alpha");

  g_assert_nonnull (alpha);
  g_assert_cmpint (vd_domain_get_state (alpha), ==, VD_DOMAIN_STATE_RUNNING);

  g_main_context_push_thread_default (held);
  vd_domain_refresh_async (alpha, NULL, vd_test_async_result_cb, &result);
  g_main_context_pop_thread_default (held);
  wait_pending (held);

  g_assert_cmpint (virDomainDestroy (vd_domain_get_handle (alpha)), ==, 0);
  VD_TEST_WAIT_UNTIL (vd_domain_get_state (alpha) == VD_DOMAIN_STATE_SHUTOFF, 10);

  while (result == NULL)
    g_main_context_iteration (held, TRUE);
  g_assert_true (vd_domain_refresh_finish (alpha, result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (vd_domain_get_state (alpha), ==, VD_DOMAIN_STATE_SHUTOFF);

  VD_TEST_WAIT_UNTIL (!connection->refresh_running && connection->refresh_source == 0 &&
                      g_hash_table_size (connection->refresh_pending) == 0, 10);
  g_assert_cmpint (vd_domain_get_state (alpha), ==, VD_DOMAIN_STATE_SHUTOFF);
  g_assert_cmpint (vd_domain_get_id (alpha), ==, -1);
}

/* And for a full re-listing (vd_connection_refresh_domains_async()). */
static void
test_stale_list_after_event (void)
{
  g_autofree char *uri = vd_test_fixture_uri ("basic.xml");
  g_autoptr(VdConnection) connection = vd_test_open (uri);
  g_autoptr(GMainContext) held = g_main_context_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  VdDomain *alpha = vd_connection_find_domain_by_name (connection, "alpha");

  g_assert_nonnull (alpha);
  g_assert_cmpint (vd_domain_get_state (alpha), ==, VD_DOMAIN_STATE_RUNNING);

  g_main_context_push_thread_default (held);
  vd_connection_refresh_domains_async (connection, NULL, vd_test_async_result_cb, &result);
  g_main_context_pop_thread_default (held);
  wait_pending (held);

  g_assert_cmpint (virDomainDestroy (vd_domain_get_handle (alpha)), ==, 0);
  VD_TEST_WAIT_UNTIL (vd_domain_get_state (alpha) == VD_DOMAIN_STATE_SHUTOFF, 10);

  while (result == NULL)
    g_main_context_iteration (held, TRUE);
  g_assert_true (vd_connection_refresh_domains_finish (connection, result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (vd_domain_get_state (alpha), ==, VD_DOMAIN_STATE_SHUTOFF);
  g_assert_cmpuint (g_list_model_get_n_items (vd_connection_get_domains (connection)), ==, 3);

  VD_TEST_WAIT_UNTIL (!connection->refresh_running && connection->refresh_source == 0 &&
                      g_hash_table_size (connection->refresh_pending) == 0, 10);
  g_assert_cmpint (vd_domain_get_state (alpha), ==, VD_DOMAIN_STATE_SHUTOFF);
}

static void
count_cb (gpointer  instance,
          guint    *count)
{
  (*count)++;
}

static void
test_stats_cpu (void)
{
  g_autofree char *uri = vd_test_fixture_uri ("basic.xml");
  g_autoptr(VdConnection) connection = vd_test_open (uri);
  VdDomain *alpha = vd_connection_find_domain_by_name (connection, "alpha");
  VdDomain *bravo = vd_connection_find_domain_by_name (connection, "bravo");
  guint updates = 0;

  g_signal_connect (connection, "stats-updated", G_CALLBACK (count_cb), &updates);

  /* The first tick runs at once and only records counters; the second
   * (one interval later) gives a rate. */
  VD_TEST_WAIT_UNTIL (vd_domain_get_cpu_usage (alpha) >= 0, 10);
  g_assert_cmpuint (updates, >=, 2);
  g_assert_cmpfloat (vd_domain_get_cpu_usage (alpha), <=, 100.0);
  /* Shut off: no number. */
  g_assert_cmpfloat (vd_domain_get_cpu_usage (bravo), ==, -1);
}

static void
test_manager (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.virtdesk.VirtDesk");
  g_autoptr(VdConnectionManager) manager = vd_connection_manager_new (settings);
  g_autoptr(VdConnectionManager) again = NULL;
  g_autoptr(VdConnection) first = NULL;
  g_autoptr(GVariant) saved = NULL;
  VdConnection *added;

  g_settings_reset (settings, "connections");

  /* Nothing saved: the demo connection, not saved itself. */
  vd_connection_manager_load (manager);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (manager)), ==, 1);
  first = g_list_model_get_item (G_LIST_MODEL (manager), 0);
  g_assert_cmpstr (vd_connection_get_uri (first), ==, VD_DEMO_URI);
  g_assert_true (vd_connection_get_autoconnect (first));
  vd_connection_manager_save (manager);
  saved = g_settings_get_value (settings, "connections");
  g_assert_cmpuint (g_variant_n_children (saved), ==, 0);
  g_clear_pointer (&saved, g_variant_unref);

  added = vd_connection_manager_add (manager, "qemu+ssh://root@example.com/system", FALSE);
  g_assert_true (vd_connection_manager_lookup (manager, "qemu+ssh://root@example.com/system") == added);
  g_assert_true (vd_connection_manager_add (manager, "qemu+ssh://root@example.com/system", TRUE) == added);
  g_assert_true (vd_connection_get_autoconnect (added));
  vd_connection_set_display_name (added, "Rack 4");

  saved = g_settings_get_value (settings, "connections");
  g_assert_cmpuint (g_variant_n_children (saved), ==, 1);

  /* A second start reads them back, without the demo. */
  again = vd_connection_manager_new (settings);
  vd_connection_manager_load (again);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 1);
  added = vd_connection_manager_lookup (again, "qemu+ssh://root@example.com/system");
  g_assert_nonnull (added);
  g_assert_cmpstr (vd_connection_get_display_name (added), ==, "Rack 4");
  g_assert_true (vd_connection_get_autoconnect (added));

  vd_connection_manager_remove (again, added);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (again)), ==, 0);
  g_clear_pointer (&saved, g_variant_unref);
  saved = g_settings_get_value (settings, "connections");
  g_assert_cmpuint (g_variant_n_children (saved), ==, 0);
}

/* A worker's report runs on the main thread, even when the main thread
 * holds no iteration of its context when the worker posts it (where
 * g_main_context_invoke() would run it in the worker). */
typedef struct
{
  GThread *ran_in;
  gboolean freed;
} PostData;

static gboolean
post_cb (gpointer user_data)
{
  PostData *data = user_data;

  data->ran_in = g_thread_self ();
  return G_SOURCE_REMOVE;
}

static void
post_free (gpointer user_data)
{
  PostData *data = user_data;

  data->freed = TRUE;
}

static gpointer
post_thread (gpointer user_data)
{
  vd_libvirt_task_post (NULL, post_cb, user_data, post_free);
  return NULL;
}

static void
test_post_from_worker (void)
{
  PostData data = { NULL, FALSE };
  GThread *worker = g_thread_new ("post", post_thread, &data);

  /* The main thread does not iterate while the worker posts. */
  g_thread_join (worker);
  g_assert_null (data.ran_in);
  g_assert_false (data.freed);
  while (!data.freed)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (data.ran_in == g_thread_self ());
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  gvir_init_object_check (NULL, NULL, NULL);

  g_test_add_func ("/vd/connection/open-close", test_open_close);
  g_test_add_func ("/vd/connection/fixture-list", test_fixture_list);
  g_test_add_func ("/vd/connection/bad-uri", test_bad_uri);
  g_test_add_func ("/vd/connection/reconnect-backoff", test_reconnect_backoff);
  g_test_add_func ("/vd/connection/events", test_events_add_remove);
  g_test_add_func ("/vd/connection/refresh", test_refresh_domains);
  g_test_add_func ("/vd/connection/stale-refresh-after-removal", test_stale_refresh_after_removal);
  g_test_add_func ("/vd/connection/stale-refresh-after-event", test_stale_refresh_after_event);
  g_test_add_func ("/vd/connection/stale-action-read-after-event",
                   test_stale_action_read_after_event);
  g_test_add_func ("/vd/connection/stale-list-after-event", test_stale_list_after_event);
  g_test_add_func ("/vd/connection/stats-cpu", test_stats_cpu);
  g_test_add_func ("/vd/connection-manager/persist", test_manager);
  g_test_add_func ("/vd/libvirt-task/post-from-worker", test_post_from_worker);

  return g_test_run ();
}
