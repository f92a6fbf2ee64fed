/* vd-test-util.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vd-connection.h"
#include "vd-domain.h"

G_BEGIN_DECLS

/* Spins the default main context until @cond is true, failing the test
 * after @seconds. Never sleeps: events and worker results arrive on the
 * loop. */
#define VD_TEST_WAIT_UNTIL(cond, seconds)                                    \
  G_STMT_START {                                                             \
    gint64 _deadline = g_get_monotonic_time () + (seconds) * G_USEC_PER_SEC; \
    while (!(cond))                                                          \
      {                                                                      \
        if (g_get_monotonic_time () > _deadline)                             \
          g_error ("timed out after %d s waiting for: %s", (int)(seconds), #cond); \
        g_main_context_iteration (NULL, FALSE);                              \
        g_usleep (1000);                                                     \
      }                                                                      \
  } G_STMT_END

/* A private copy of a fixture host in tests/data (each connection to a
 * test:///PATH URI gets its own copy of the guests). */
static inline char *
vd_test_fixture_uri (const char *name)
{
  return g_strdup_printf ("test://%s/%s", VD_TEST_DATA_DIR, name);
}

static inline void
vd_test_async_result_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  *(GAsyncResult **)user_data = g_object_ref (result);
}

/* Runs the loop until the async call whose callback is
 * vd_test_async_result_cb with &result completes. */
#define VD_TEST_WAIT_RESULT(result) VD_TEST_WAIT_UNTIL ((result) != NULL, 30)

static inline VdConnection *
vd_test_open (const char *uri)
{
  g_autoptr(VdConnection) connection = vd_connection_new (uri);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  vd_connection_open_async (connection, NULL, vd_test_async_result_cb, &result);
  /* Generous: the 1,000-guest fixture under AddressSanitizer on a loaded
   * machine takes tens of seconds (speed is tests/bench's business). */
  VD_TEST_WAIT_UNTIL (result != NULL, 180);
  vd_connection_open_finish (connection, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (vd_connection_get_state (connection), ==, VD_CONNECTION_STATE_CONNECTED);

  return g_steal_pointer (&connection);
}

G_END_DECLS
