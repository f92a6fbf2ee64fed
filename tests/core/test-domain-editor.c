/* test-domain-editor.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <string.h>

#include "vd-domain-editor.h"
#include "vd-error.h"
#include "../vd-test-util.h"
#include "domain-editor-test-util.h"

/*
 * The corpus in tests/data/domains is libvirt's own output: each file was
 * defined on test:///default and read back (tests/data/gen-domain-corpus.py);
 * test_corpus_is_libvirt_output checks it still is.
 */

static void
test_corpus_is_libvirt_output (void)
{
  g_autoptr(GPtrArray) files = corpus_files ();

  g_assert_cmpuint (files->len, >=, 30);
  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *text = read_file (files->pdata[i]);
      g_autofree char *message = NULL;
      g_autofree char *reread = define_and_read (text, &message);

      if (reread == NULL)
        g_error ("%s: refused: %s", (char *)files->pdata[i], message);
      g_assert_cmpstr (reread, ==, text);
    }
}

/* What a no-op pass through libxml2 changes, measured: the quotes around
 * attribute values; nothing else in this corpus. The editor hands back the
 * original text when nothing changed, so this never reaches libvirt. */
static void
test_round_trip (void)
{
  g_autoptr(GPtrArray) files = corpus_files ();
  guint quoted = 0;

  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *text = read_file (files->pdata[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(VdDomainEditor) editor = vd_domain_editor_new_from_xml (text, &error);
      g_autofree char *out = NULL;
      xmlDoc *doc;
      g_autofree char *libxml = NULL;
      g_autofree char *libxml_nl = NULL;
      g_autofree char *text_dq = NULL;

      g_assert_no_error (error);
      g_assert_false (vd_domain_editor_is_dirty (editor));
      out = vd_domain_editor_get_xml (editor);
      g_assert_cmpstr (out, ==, text);
      g_assert_cmpstr (vd_domain_editor_get_original_xml (editor), ==, text);

      /* Same value written back: still no change. */
      {
        g_autofree char *title = vd_domain_editor_get_title (editor);
        g_auto(GStrv) boot = vd_domain_editor_get_boot_order (editor);
        guint timeout = 0;
        gboolean menu = vd_domain_editor_get_boot_menu (editor, &timeout);
        g_autofree char *crash = vd_domain_editor_get_lifecycle (editor, "crash");
        g_autofree char *out2 = NULL;

        g_assert_true (vd_domain_editor_set_title (editor, title, &error));
        g_assert_true (vd_domain_editor_set_memory (editor, vd_domain_editor_get_memory (editor),
                                                    vd_domain_editor_get_max_memory (editor),
                                                    &error));
        g_assert_true (vd_domain_editor_set_vcpus (editor, vd_domain_editor_get_vcpus (editor),
                                                   vd_domain_editor_get_max_vcpus (editor),
                                                   &error));
        g_assert_true (vd_domain_editor_set_boot_order (editor, (const char * const *)boot,
                                                        &error));
        g_assert_true (vd_domain_editor_set_boot_menu (editor, menu, timeout, &error));
        g_assert_true (vd_domain_editor_set_lifecycle (editor, "crash", crash, &error));
        g_assert_no_error (error);
        g_assert_false (vd_domain_editor_is_dirty (editor));
        out2 = vd_domain_editor_get_xml (editor);
        g_assert_cmpstr (out2, ==, text);
      }

      /* libxml2's own serialisation of the same text */
      doc = xmlReadMemory (text, (int)strlen (text), "x.xml", NULL, 0);
      libxml = dump (doc);
      xmlFreeDoc (doc);
      libxml_nl = g_strconcat (libxml, "\n", NULL);
      if (strcmp (libxml_nl, text) != 0)
        quoted++;
      text_dq = g_strdelimit (g_strdup (text), "'", '"');
      g_strdelimit (libxml_nl, "'", '"');
      g_assert_cmpstr (libxml_nl, ==, text_dq);
    }
  g_test_message ("%u of %u files differ after a plain libxml2 round trip (quotes only)",
                  quoted, files->len);
  g_assert_cmpuint (quoted, >, 0);
}

typedef gboolean (*EditFunc) (VdDomainEditor *editor, GError **error);

typedef struct
{
  const char *name;
  gboolean  (*applies) (VdDomainEditor *editor);
  gboolean  (*edit) (VdDomainEditor *editor, GError **error);
  void      (*check) (VdDomainEditor *reread, VdDomainEditor *edited);
  const char *strip[4];
} Edit;

static gboolean always (VdDomainEditor *e) { return TRUE; }

static gboolean
edit_title (VdDomainEditor *e, GError **error)
{
  return vd_domain_editor_set_title (e, "Edited “title” & <more>", error);
}
static void
check_title (VdDomainEditor *r, VdDomainEditor *e)
{
  g_autofree char *title = vd_domain_editor_get_title (r);

  g_assert_cmpstr (title, ==, "Edited “title” & <more>");
}

static gboolean has_title (VdDomainEditor *e)
{
  g_autofree char *title = vd_domain_editor_get_title (e);
  return title != NULL;
}
static gboolean
edit_no_title (VdDomainEditor *e, GError **error)
{
  return vd_domain_editor_set_title (e, NULL, error);
}
static void
check_no_title (VdDomainEditor *r, VdDomainEditor *e)
{
  g_autofree char *title = vd_domain_editor_get_title (r);

  g_assert_null (title);
}

static gboolean
edit_description (VdDomainEditor *e, GError **error)
{
  return vd_domain_editor_set_description (e, "Line one\nline two: a & b 'q' \"d\"", error);
}
static void
check_description (VdDomainEditor *r, VdDomainEditor *e)
{
  g_autofree char *text = vd_domain_editor_get_description (r);

  g_assert_cmpstr (text, ==, "Line one\nline two: a & b 'q' \"d\"");
}

static gboolean
edit_current_memory (VdDomainEditor *e, GError **error)
{
  guint64 max = vd_domain_editor_get_max_memory (e);
  guint64 current = vd_domain_editor_get_memory (e) == max / 2 ? max / 4 : max / 2;

  return vd_domain_editor_set_memory (e, current, max, error);
}
static void
check_memory (VdDomainEditor *r, VdDomainEditor *e)
{
  g_assert_cmpuint (vd_domain_editor_get_memory (r), ==, vd_domain_editor_get_memory (e));
  g_assert_cmpuint (vd_domain_editor_get_max_memory (r), ==, vd_domain_editor_get_max_memory (e));
}

static gboolean no_numa (VdDomainEditor *e)
{
  return strstr (vd_domain_editor_get_original_xml (e), "<numa>") == NULL;
}
static gboolean
edit_max_memory (VdDomainEditor *e, GError **error)
{
  return vd_domain_editor_set_memory (e, vd_domain_editor_get_memory (e),
                                      vd_domain_editor_get_max_memory (e) + 1024 * 1024, error);
}

static gboolean
edit_current_vcpus (VdDomainEditor *e, GError **error)
{
  guint max = vd_domain_editor_get_max_vcpus (e);
  guint current = vd_domain_editor_get_vcpus (e);

  return vd_domain_editor_set_vcpus (e, current == max ? 1 : max, max, error);
}
static gboolean several_max_vcpus (VdDomainEditor *e)
{
  return vd_domain_editor_get_max_vcpus (e) > 1;
}
static void
check_vcpus (VdDomainEditor *r, VdDomainEditor *e)
{
  g_assert_cmpuint (vd_domain_editor_get_vcpus (r), ==, vd_domain_editor_get_vcpus (e));
  g_assert_cmpuint (vd_domain_editor_get_max_vcpus (r), ==, vd_domain_editor_get_max_vcpus (e));
}

static gboolean no_topology_no_numa (VdDomainEditor *e)
{
  return no_numa (e) && !vd_domain_editor_get_cpu_topology (e, NULL, NULL, NULL);
}
static gboolean
edit_max_vcpus (VdDomainEditor *e, GError **error)
{
  guint max = vd_domain_editor_get_max_vcpus (e) + 2;

  return vd_domain_editor_set_vcpus (e, max - 1, max, error);
}

static gboolean
edit_topology (VdDomainEditor *e, GError **error)
{
  guint max = vd_domain_editor_get_max_vcpus (e);

  return vd_domain_editor_set_cpu_topology (e, max, 1, 1, error);
}
static gboolean simple_topology (VdDomainEditor *e)
{
  const char *xml = vd_domain_editor_get_original_xml (e);

  return strstr (xml, "dies='2'") == NULL && strstr (xml, "clusters=") == NULL &&
         strstr (xml, "sockets='") == NULL;
}
static void
check_topology (VdDomainEditor *r, VdDomainEditor *e)
{
  guint s = 0, c = 0, t = 0;

  g_assert_true (vd_domain_editor_get_cpu_topology (r, &s, &c, &t));
  g_assert_cmpuint (s, ==, vd_domain_editor_get_max_vcpus (e));
  g_assert_cmpuint (c, ==, 1);
  g_assert_cmpuint (t, ==, 1);
}

static gboolean has_topology_no_numa (VdDomainEditor *e)
{
  return no_numa (e) && vd_domain_editor_get_cpu_topology (e, NULL, NULL, NULL);
}
static gboolean
edit_vcpus_and_topology (VdDomainEditor *e, GError **error)
{
  /* The documented way to change both: drop the topology, change the
   * count, set the new topology. */
  return vd_domain_editor_set_cpu_topology (e, 0, 0, 0, error) &&
         vd_domain_editor_set_vcpus (e, 6, 6, error) &&
         vd_domain_editor_set_cpu_topology (e, 3, 2, 1, error);
}
static void
check_vcpus_and_topology (VdDomainEditor *r, VdDomainEditor *e)
{
  guint s = 0, c = 0, t = 0;

  g_assert_cmpuint (vd_domain_editor_get_max_vcpus (r), ==, 6);
  g_assert_cmpuint (vd_domain_editor_get_vcpus (r), ==, 6);
  g_assert_true (vd_domain_editor_get_cpu_topology (r, &s, &c, &t));
  g_assert_cmpuint (s * 100 + c * 10 + t, ==, 321);
}

static gboolean
edit_lifecycle (VdDomainEditor *e, GError **error)
{
  return vd_domain_editor_set_lifecycle (e, "poweroff", "restart", error) &&
         vd_domain_editor_set_lifecycle (e, "reboot", "destroy", error) &&
         vd_domain_editor_set_lifecycle (e, "crash", "coredump-destroy", error);
}
static void
check_lifecycle (VdDomainEditor *r, VdDomainEditor *e)
{
  g_autofree char *a = vd_domain_editor_get_lifecycle (r, "poweroff");
  g_autofree char *b = vd_domain_editor_get_lifecycle (r, "reboot");
  g_autofree char *c = vd_domain_editor_get_lifecycle (r, "crash");

  g_assert_cmpstr (a, ==, "restart");
  g_assert_cmpstr (b, ==, "destroy");
  g_assert_cmpstr (c, ==, "coredump-destroy");
}

/* A guest booted by a host bootloader has no <os> boot settings that
 * libvirt keeps (guest170): the boot edits are not tried there. */
static gboolean no_bootloader (VdDomainEditor *e)
{
  return strstr (vd_domain_editor_get_original_xml (e), "<bootloader>") == NULL;
}
static gboolean no_device_boot (VdDomainEditor *e)
{
  return strstr (vd_domain_editor_get_original_xml (e), "<boot order=") == NULL &&
         no_bootloader (e);
}
static const char * const new_boot[] = { "network", "cdrom", "hd", NULL };
static gboolean
edit_boot_order (VdDomainEditor *e, GError **error)
{
  return vd_domain_editor_set_boot_order (e, new_boot, error);
}
static void
check_boot_order (VdDomainEditor *r, VdDomainEditor *e)
{
  g_auto(GStrv) order = vd_domain_editor_get_boot_order (r);

  g_assert_true (g_strv_equal ((const char * const *)order, new_boot));
}

static gboolean
edit_boot_menu (VdDomainEditor *e, GError **error)
{
  return vd_domain_editor_set_boot_menu (e, TRUE, 4321, error);
}
static void
check_boot_menu (VdDomainEditor *r, VdDomainEditor *e)
{
  guint timeout = 0;

  g_assert_true (vd_domain_editor_get_boot_menu (r, &timeout));
  g_assert_cmpuint (timeout, ==, 4321);
}

/* The OS libosinfo names, in <metadata>: set (added where missing, the
 * id changed where present, whatever its namespace prefix) or cleared. */
#define EDITED_OS "http://example.org/virt-desk/edited-os/1"
static gboolean
edit_os (VdDomainEditor *e, GError **error)
{
  return vd_domain_editor_set_os_id (e, EDITED_OS, error);
}
static void
check_os (VdDomainEditor *r, VdDomainEditor *e)
{
  g_autofree char *id = vd_domain_editor_get_os_id (r);

  g_assert_cmpstr (id, ==, EDITED_OS);
}
static gboolean has_os (VdDomainEditor *e)
{
  g_autofree char *id = vd_domain_editor_get_os_id (e);

  return id != NULL;
}
static gboolean
edit_no_os (VdDomainEditor *e, GError **error)
{
  return vd_domain_editor_set_os_id (e, NULL, error);
}
static void
check_no_os (VdDomainEditor *r, VdDomainEditor *e)
{
  g_autofree char *id = vd_domain_editor_get_os_id (r);

  g_assert_null (id);
}

static const Edit edits[] = {
  { "title", always, edit_title, check_title, { "/domain/title" } },
  { "no-title", has_title, edit_no_title, check_no_title, { "/domain/title" } },
  { "description", always, edit_description, check_description, { "/domain/description" } },
  { "current-memory", always, edit_current_memory, check_memory,
    { "/domain/currentMemory", "/domain/memory" } },
  { "max-memory", no_numa, edit_max_memory, check_memory,
    { "/domain/currentMemory", "/domain/memory" } },
  { "current-vcpus", several_max_vcpus, edit_current_vcpus, check_vcpus, { "/domain/vcpu" } },
  { "max-vcpus", no_topology_no_numa, edit_max_vcpus, check_vcpus, { "/domain/vcpu" } },
  { "topology", simple_topology, edit_topology, check_topology, { "/domain/cpu/topology" } },
  { "vcpus-topology", has_topology_no_numa, edit_vcpus_and_topology, check_vcpus_and_topology,
    { "/domain/vcpu", "/domain/cpu/topology" } },
  { "lifecycle", always, edit_lifecycle, check_lifecycle,
    { "/domain/on_poweroff", "/domain/on_reboot", "/domain/on_crash" } },
  { "boot-order", no_device_boot, edit_boot_order, check_boot_order, { "/domain/os/boot" } },
  { "boot-menu", no_bootloader, edit_boot_menu, check_boot_menu, { "/domain/os/bootmenu" } },
  { "os", always, edit_os, check_os, { "/domain/metadata/*[local-name()='libosinfo']" } },
  { "no-os", has_os, edit_no_os, check_no_os,
    { "/domain/metadata/*[local-name()='libosinfo']" } },
};

static void
test_edits (void)
{
  g_autoptr(GPtrArray) files = corpus_files ();
  guint done[G_N_ELEMENTS (edits)] = { 0 };

  for (guint i = 0; i < files->len; i++)
    {
      const char *file = files->pdata[i];
      g_autofree char *text = read_file (file);

      for (guint k = 0; k < G_N_ELEMENTS (edits); k++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(VdDomainEditor) editor = vd_domain_editor_new_from_xml (text, &error);
          g_autoptr(VdDomainEditor) reread_editor = NULL;
          g_autofree char *out = NULL;
          g_autofree char *message = NULL;
          g_autofree char *reread = NULL;
          g_autofree char *reverted = NULL;

          g_assert_no_error (error);
          if (!edits[k].applies (editor))
            continue;
          if (!edits[k].edit (editor, &error))
            g_error ("%s: edit %s refused: %s", file, edits[k].name, error->message);
          if (!vd_domain_editor_is_dirty (editor))
            g_error ("%s: edit %s is no change", file, edits[k].name);
          out = vd_domain_editor_get_xml (editor);
          assert_only_differs_in (file, text, out, edits[k].strip);

          /* libvirt takes it, and what it reads back differs from its
           * original output in the edited nodes only */
          reread = define_and_read (out, &message);
          if (reread == NULL)
            g_error ("%s: libvirt refused edit %s: %s\n%s", file, edits[k].name, message, out);
          assert_only_differs_in (file, text, reread, edits[k].strip);
          reread_editor = vd_domain_editor_new_from_xml (reread, &error);
          g_assert_no_error (error);
          edits[k].check (reread_editor, editor);
          done[k]++;

          vd_domain_editor_revert (editor);
          g_assert_false (vd_domain_editor_is_dirty (editor));
          reverted = vd_domain_editor_get_xml (editor);
          g_assert_cmpstr (reverted, ==, text);
        }

      /* put the corpus guest back as it was */
      g_free (define_and_read (text, NULL));
    }

  for (guint k = 0; k < G_N_ELEMENTS (edits); k++)
    {
      g_test_message ("edit %s: %u files", edits[k].name, done[k]);
      g_assert_cmpuint (done[k], >=, 3);
    }
}

typedef struct
{
  const char *name;
  gboolean  (*applies) (VdDomainEditor *editor);
  gboolean  (*edit) (VdDomainEditor *editor, GError **error);
  int         code;
  const char *message;  /* a piece of the expected message */
} BadEdit;

static gboolean bad_memory (VdDomainEditor *e, GError **error)
{
  return vd_domain_editor_set_memory (e, 2048, 1024, error);
}
static gboolean bad_zero_memory (VdDomainEditor *e, GError **error)
{
  return vd_domain_editor_set_memory (e, 0, 1024, error);
}
static gboolean bad_numa_memory (VdDomainEditor *e, GError **error)
{
  return vd_domain_editor_set_memory (e, 1024, vd_domain_editor_get_max_memory (e) * 2, error);
}
static gboolean has_numa (VdDomainEditor *e) { return !no_numa (e); }
static gboolean bad_vcpus (VdDomainEditor *e, GError **error)
{
  return vd_domain_editor_set_vcpus (e, 5, 4, error);
}
static gboolean bad_zero_vcpus (VdDomainEditor *e, GError **error)
{
  return vd_domain_editor_set_vcpus (e, 0, 0, error);
}
static gboolean bad_vcpus_vs_topology (VdDomainEditor *e, GError **error)
{
  guint max = vd_domain_editor_get_max_vcpus (e) + 1;

  return vd_domain_editor_set_vcpus (e, max, max, error);
}
static gboolean has_topology (VdDomainEditor *e)
{
  return vd_domain_editor_get_cpu_topology (e, NULL, NULL, NULL);
}
static gboolean bad_topology (VdDomainEditor *e, GError **error)
{
  return vd_domain_editor_set_cpu_topology (e, vd_domain_editor_get_max_vcpus (e) + 1, 1, 1,
                                            error);
}
static gboolean bad_topology_zero (VdDomainEditor *e, GError **error)
{
  return vd_domain_editor_set_cpu_topology (e, 1, 0, 1, error);
}
static gboolean bad_action (VdDomainEditor *e, GError **error)
{
  return vd_domain_editor_set_lifecycle (e, "crash", "explode", error);
}
static gboolean bad_coredump (VdDomainEditor *e, GError **error)
{
  return vd_domain_editor_set_lifecycle (e, "poweroff", "coredump-restart", error);
}
static gboolean bad_event (VdDomainEditor *e, GError **error)
{
  return vd_domain_editor_set_lifecycle (e, "suspend", "destroy", error);
}
static gboolean bad_boot_device (VdDomainEditor *e, GError **error)
{
  const char * const order[] = { "hd", "usb", NULL };

  return vd_domain_editor_set_boot_order (e, order, error);
}
static gboolean bad_boot_twice (VdDomainEditor *e, GError **error)
{
  const char * const order[] = { "cdrom", "hd", "cdrom", NULL };

  return vd_domain_editor_set_boot_order (e, order, error);
}
static gboolean bad_boot_menu (VdDomainEditor *e, GError **error)
{
  return vd_domain_editor_set_boot_menu (e, TRUE, 70000, error);
}
static gboolean bad_title (VdDomainEditor *e, GError **error)
{
  return vd_domain_editor_set_title (e, "two\nlines", error);
}

static gboolean bad_os (VdDomainEditor *e, GError **error)
{
  return vd_domain_editor_set_os_id (e, "debian 12", error);
}

static const BadEdit bad_edits[] = {
  { "os", always, bad_os, VD_ERROR_INVALID_ARGUMENT, "libosinfo id" },
  { "memory", always, bad_memory, VD_ERROR_INVALID_ARGUMENT, "more than the maximum" },
  { "zero-memory", always, bad_zero_memory, VD_ERROR_INVALID_ARGUMENT, "needs some memory" },
  { "numa-memory", has_numa, bad_numa_memory, VD_ERROR_NOT_SUPPORTED, "NUMA cells" },
  { "vcpus", always, bad_vcpus, VD_ERROR_INVALID_ARGUMENT, "more than the maximum of 4" },
  { "zero-vcpus", always, bad_zero_vcpus, VD_ERROR_INVALID_ARGUMENT, "at least one vCPU" },
  { "vcpus-topology", has_topology, bad_vcpus_vs_topology, VD_ERROR_INVALID_ARGUMENT,
    "change the topology too" },
  { "topology", always, bad_topology, VD_ERROR_INVALID_ARGUMENT, "but the guest has" },
  { "topology-zero", always, bad_topology_zero, VD_ERROR_INVALID_ARGUMENT, "at least 1" },
  { "action", always, bad_action, VD_ERROR_INVALID_ARGUMENT, "“explode” is not" },
  { "coredump", always, bad_coredump, VD_ERROR_INVALID_ARGUMENT, "on_poweroff" },
  { "event", always, bad_event, VD_ERROR_INVALID_ARGUMENT, "not a lifecycle event" },
  { "boot-device", always, bad_boot_device, VD_ERROR_INVALID_ARGUMENT, "“usb” is not" },
  { "boot-twice", always, bad_boot_twice, VD_ERROR_INVALID_ARGUMENT, "twice" },
  { "boot-menu", always, bad_boot_menu, VD_ERROR_INVALID_ARGUMENT, "65535" },
  { "title", always, bad_title, VD_ERROR_INVALID_ARGUMENT, "one line" },
};

static void
test_invalid_edits (void)
{
  g_autoptr(GPtrArray) files = corpus_files ();
  guint done[G_N_ELEMENTS (bad_edits)] = { 0 };

  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *text = read_file (files->pdata[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(VdDomainEditor) editor = vd_domain_editor_new_from_xml (text, &error);

      g_assert_no_error (error);
      /* one valid edit first: a refusal must not undo it either */
      g_assert_true (vd_domain_editor_set_description (editor, "kept", &error));
      for (guint k = 0; k < G_N_ELEMENTS (bad_edits); k++)
        {
          g_autofree char *before = vd_domain_editor_get_xml (editor);
          g_autofree char *after = NULL;

          if (!bad_edits[k].applies (editor))
            continue;
          g_assert_false (bad_edits[k].edit (editor, &error));
          g_assert_error (error, VD_ERROR, bad_edits[k].code);
          if (strstr (error->message, bad_edits[k].message) == NULL)
            g_error ("%s: %s: unexpected message: %s", (char *)files->pdata[i],
                     bad_edits[k].name, error->message);
          g_clear_error (&error);
          after = vd_domain_editor_get_xml (editor);
          g_assert_cmpstr (after, ==, before);
          done[k]++;
        }
      vd_domain_editor_revert (editor);
      g_assert_false (vd_domain_editor_is_dirty (editor));
    }
  for (guint k = 0; k < G_N_ELEMENTS (bad_edits); k++)
    g_assert_cmpuint (done[k], >=, 3);
}

static void
test_pinned_vcpu (void)
{
  g_autofree char *path = g_build_filename (VD_TEST_DATA_DIR, "domains", "guest03.xml", NULL);
  g_autofree char *text = read_file (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(VdDomainEditor) editor = vd_domain_editor_new_from_xml (text, &error);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (strstr (text, "<vcpupin vcpu='1'"));
  g_assert_true (vd_domain_editor_set_cpu_topology (editor, 0, 0, 0, &error));
  g_assert_no_error (error);
  before = vd_domain_editor_get_xml (editor);
  g_assert_false (vd_domain_editor_set_vcpus (editor, 1, 1, &error));
  g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT);
  g_assert_cmpstr (error->message, ==, "vCPU 1 is pinned: keep at least 2 vCPUs or unpin it");
  after = vd_domain_editor_get_xml (editor);
  g_assert_cmpstr (after, ==, before);
}

static void
test_not_a_domain (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(VdDomainEditor) a = vd_domain_editor_new_from_xml ("<network/>", &error);
  g_autoptr(VdDomainEditor) b = NULL;

  g_assert_null (a);
  g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  b = vd_domain_editor_new_from_xml ("<domain><name>x</name>", &error);
  g_assert_null (b);
  g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT);
}

static void
test_sizes (void)
{
  g_autoptr(GError) error = NULL;
  guint64 kib = 0;

  g_assert_true (vd_domain_editor_parse_size ("4", "GiB", &kib, &error));
  g_assert_cmpuint (kib, ==, 4194304);
  g_assert_true (vd_domain_editor_parse_size ("1", "G", &kib, &error));
  g_assert_cmpuint (kib, ==, 1048576);
  g_assert_true (vd_domain_editor_parse_size ("1000", "MB", &kib, &error));
  g_assert_cmpuint (kib, ==, 976563);
  g_assert_true (vd_domain_editor_parse_size ("1025", "bytes", &kib, &error));
  g_assert_cmpuint (kib, ==, 2);
  g_assert_true (vd_domain_editor_parse_size ("512", NULL, &kib, &error));
  g_assert_cmpuint (kib, ==, 512);
  g_assert_true (vd_domain_editor_parse_size ("2", "m", &kib, &error));
  g_assert_cmpuint (kib, ==, 2048);
  g_assert_no_error (error);
  g_assert_false (vd_domain_editor_parse_size ("1.5", "GiB", &kib, &error));
  g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (vd_domain_editor_parse_size ("1", "parsec", &kib, &error));
  g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);
  g_assert_false (vd_domain_editor_parse_size ("99999999", "EiB", &kib, &error));
  g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT);
}

/* Through VdDomain on a fixture host */

static VdDomainEditor *
fetch (VdDomain *domain)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  VdDomainEditor *editor;

  vd_domain_fetch_editor_async (domain, NULL, vd_test_async_result_cb, &result);
  g_assert_false (vd_domain_get_busy (domain));
  VD_TEST_WAIT_RESULT (result);
  editor = vd_domain_fetch_editor_finish (domain, result, &error);
  g_assert_no_error (error);

  return editor;
}

static gboolean
apply (VdDomainEditor  *editor,
       VdDomain        *domain,
       GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  gboolean ok;

  vd_domain_editor_apply_async (editor, domain, NULL, vd_test_async_result_cb, &result);
  g_assert_true (vd_domain_get_busy (domain));
  VD_TEST_WAIT_RESULT (result);
  ok = vd_domain_editor_apply_finish (editor, result, error);
  g_assert_false (vd_domain_get_busy (domain));

  return ok;
}

static void
test_apply (void)
{
  g_autofree char *uri = vd_test_fixture_uri ("basic.xml");
  g_autoptr(VdConnection) connection = vd_test_open (uri);
  VdDomain *bravo = vd_connection_find_domain_by_name (connection, "bravo");
  g_autoptr(VdDomainEditor) editor = NULL;
  g_autoptr(VdDomainEditor) again = NULL;
  g_autoptr(VdDomainEditor) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *applied = NULL;
  g_autofree char *renamed = NULL;
  g_autofree char *title = NULL;
  g_autofree char *before = NULL;
  g_autofree char *foreign = NULL;
  g_auto(GStrv) parts = NULL;

  g_assert_nonnull (bravo);
  editor = fetch (bravo);
  g_assert_cmpstr (vd_domain_get_title (bravo), ==, NULL);
  g_assert_true (vd_domain_editor_set_title (editor, "Build box", &error));
  g_assert_true (vd_domain_editor_set_memory (editor, 262144, 524288, &error));
  g_assert_no_error (error);

  g_assert_true (apply (editor, bravo, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (vd_domain_get_title (bravo), ==, "Build box");
  g_assert_cmpuint (vd_domain_get_max_memory (bravo), ==, 524288);
  g_assert_null (vd_domain_get_last_error (bravo));
  /* the editor starts again from libvirt's new XML */
  g_assert_false (vd_domain_editor_is_dirty (editor));
  applied = vd_domain_editor_get_xml (editor);
  again = fetch (bravo);
  g_assert_cmpstr (vd_domain_editor_get_original_xml (again), ==, applied);

  /* libvirt refuses: same UUID, another name */
  before = g_strdup (vd_domain_editor_get_original_xml (again));
  parts = g_strsplit (before, "<name>bravo</name>", 2);
  g_assert_cmpuint (g_strv_length (parts), ==, 2);
  renamed = g_strjoin ("<name>bravo-two</name>", parts[0], parts[1], NULL);
  other = vd_domain_editor_new_from_xml (renamed, &error);
  g_assert_no_error (error);
  g_assert_true (vd_domain_editor_set_title (other, "Not applied", &error));
  g_assert_false (apply (other, bravo, &error));
  g_assert_nonnull (error);
  g_assert_true (strstr (error->message, "“bravo”") != NULL);
  g_assert_true (strstr (error->message, "already") != NULL);
  g_assert_cmpstr (vd_domain_get_last_error (bravo), ==, error->message);
  g_clear_error (&error);
  g_assert_cmpstr (vd_domain_get_title (bravo), ==, "Build box");
  g_assert_true (vd_domain_editor_is_dirty (other));
  {
    g_autoptr(VdDomainEditor) third = fetch (bravo);

    g_assert_cmpstr (vd_domain_editor_get_original_xml (third), ==, before);
  }

  /* another guest's configuration is refused before libvirt sees it */
  foreign = g_strdup (vd_domain_editor_get_original_xml (again));
  {
    char *uuid = strstr (foreign, "6695eb01-f6a4-8304-79aa-97f2502e1002");

    g_assert_nonnull (uuid);
    uuid[strlen ("6695eb01-f6a4-8304-79aa-97f2502e100")] = '9';
  }
  {
    g_autoptr(VdDomainEditor) wrong = vd_domain_editor_new_from_xml (foreign, &error);
    g_autoptr(GAsyncResult) result = NULL;

    g_assert_no_error (error);
    vd_domain_editor_apply_async (wrong, bravo, NULL, vd_test_async_result_cb, &result);
    g_assert_false (vd_domain_get_busy (bravo));
    VD_TEST_WAIT_RESULT (result);
    g_assert_false (vd_domain_editor_apply_finish (wrong, result, &error));
    g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT);
    g_clear_error (&error);
  }
  title = g_strdup (vd_domain_get_title (bravo));
  g_assert_cmpstr (title, ==, "Build box");

  vd_connection_disconnect (connection);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);
  gvir_init_object_check (NULL, NULL, NULL);
  virSetErrorFunc (NULL, quiet_libvirt_cb);
  test_conn = virConnectOpen ("test:///default");
  g_assert_nonnull (test_conn);

  g_test_add_func ("/domain-editor/corpus-is-libvirt-output", test_corpus_is_libvirt_output);
  g_test_add_func ("/domain-editor/round-trip", test_round_trip);
  g_test_add_func ("/domain-editor/edits", test_edits);
  g_test_add_func ("/domain-editor/invalid-edits", test_invalid_edits);
  g_test_add_func ("/domain-editor/pinned-vcpu", test_pinned_vcpu);
  g_test_add_func ("/domain-editor/not-a-domain", test_not_a_domain);
  g_test_add_func ("/domain-editor/sizes", test_sizes);
  g_test_add_func ("/domain-editor/apply", test_apply);

  ret = g_test_run ();
  virConnectClose (test_conn);

  return ret;
}
