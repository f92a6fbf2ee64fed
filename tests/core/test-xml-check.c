/* test-xml-check.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib.h>
#include <string.h>

#include "vd-error.h"
#include "vd-xml-check.h"

/* What the guest window's XML tab shows next to the view: whether the text
 * is well-formed, and where libxml2 first found it was not. */

static void
test_well_formed (void)
{
  g_autoptr(GError) error = NULL;
  int line = -1, column = -1;

  g_assert_true (vd_xml_check_well_formed ("<domain type='test'>\n  <name>a</name>\n</domain>\n",
                                           &line, &column, &error));
  g_assert_no_error (error);
  g_assert_cmpint (line, ==, 0);
  g_assert_cmpint (column, ==, 0);

  /* Well-formed is all it checks: libvirt judges the rest. */
  g_assert_true (vd_xml_check_well_formed ("<network/>", NULL, NULL, NULL));
}

static void
test_malformed (void)
{
  const struct {
    const char *text;
    int         line;
    int         column;
    const char *message;
  } cases[] = {
    /* The first error, not libxml2's later "Premature end of data". */
    { "<domain>\n  <name>a</name>\n  <uuid>\n</domain>\n", 4, 10, "tag mismatch: uuid" },
    { "<domain>\n  <title>a & b</title>\n</domain>\n", 2, 13, "xmlParseEntityRef" },
    { "<domain>\n", 2, 1, "Premature end of data" },
    { "", 1, 1, "Document is empty" },
    { "<a/><b/>", 1, 5, "Extra content" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      int line = 0, column = 0;

      g_assert_false (vd_xml_check_well_formed (cases[i].text, &line, &column, &error));
      g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT);
      g_test_message ("%u: %d:%d %s", i, line, column, error->message);
      g_assert_nonnull (strstr (error->message, cases[i].message));
      g_assert_cmpint (line, ==, cases[i].line);
      g_assert_cmpint (column, ==, cases[i].column);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/vd/xml-check/well-formed", test_well_formed);
  g_test_add_func ("/vd/xml-check/malformed", test_malformed);

  return g_test_run ();
}
