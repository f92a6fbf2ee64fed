/* test-domain-editor-guest.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <libvirt-gobject/libvirt-gobject.h>
#include <libvirt/libvirt.h>
#include <libvirt/virterror.h>
#include <string.h>

#include "vd-domain-caps.h"
#include "vd-domain-editor-devices.h"
#include "vd-domain-editor-guest.h"
#include "vd-error.h"
#include "../vd-test-util.h"
#include "domain-editor-test-util.h"

/*
 * The guest-wide settings of the CPUs, Memory, Boot and Overview pages
 * (CPU mode and model, huge pages, shared memory, direct kernel boot,
 * firmware and Secure Boot) over the corpus in tests/data/domains: the
 * same value written back is no change; each edit is defined on
 * test:///default and read back, where only the edited nodes differ;
 * refusals leave the XML alone. And the host's domain capabilities: the
 * parser on libvirt-shaped answers, the test driver's refusal cached
 * until the connection closes.
 */

typedef struct
{
  const char *name;
  gboolean  (*applies) (VdDomainEditor *editor);
  gboolean  (*edit) (VdDomainEditor *editor, GError **error);
  void      (*check) (VdDomainEditor *reread);
  const char *strip[8];
} Edit;

static char *
mode_of (VdDomainEditor *e)
{
  return vd_domain_editor_get_cpu_mode (e, NULL);
}

static gboolean
has_cpu_features (VdDomainEditor *e)
{
  g_autofree char *xml = vd_domain_editor_get_xml (e);

  return strstr (xml, "<feature policy=") != NULL;
}

#define CPU_STRIP "/domain/cpu/@mode", "/domain/cpu/@match", "/domain/cpu/@check", \
                  "/domain/cpu/@migratable", "/domain/cpu/model", "/domain/cpu/vendor"

static gboolean not_passthrough (VdDomainEditor *e)
{
  g_autofree char *mode = mode_of (e);
  return strcmp (mode, "host-passthrough") != 0;
}
static gboolean edit_passthrough (VdDomainEditor *e, GError **error)
{
  return vd_domain_editor_set_cpu_mode (e, "host-passthrough", NULL, error);
}
static void check_passthrough (VdDomainEditor *r)
{
  g_autofree char *mode = mode_of (r);
  g_assert_cmpstr (mode, ==, "host-passthrough");
}

static gboolean not_host_model (VdDomainEditor *e)
{
  g_autofree char *mode = mode_of (e);
  return strcmp (mode, "host-model") != 0;
}
static gboolean edit_host_model (VdDomainEditor *e, GError **error)
{
  return vd_domain_editor_set_cpu_mode (e, "host-model", NULL, error);
}
static void check_host_model (VdDomainEditor *r)
{
  g_autofree char *mode = mode_of (r);
  g_assert_cmpstr (mode, ==, "host-model");
}

static gboolean not_named (VdDomainEditor *e)
{
  g_autofree char *model = NULL;
  g_autofree char *mode = vd_domain_editor_get_cpu_mode (e, &model);
  return g_strcmp0 (model, "Haswell-noTSX") != 0;
}
static gboolean edit_named (VdDomainEditor *e, GError **error)
{
  return vd_domain_editor_set_cpu_mode (e, "custom", "Haswell-noTSX", error);
}
static void check_named (VdDomainEditor *r)
{
  g_autofree char *model = NULL;
  g_autofree char *mode = vd_domain_editor_get_cpu_mode (r, &model);
  g_assert_cmpstr (mode, ==, "custom");
  g_assert_cmpstr (model, ==, "Haswell-noTSX");
}

static gboolean can_default (VdDomainEditor *e)
{
  g_autofree char *mode = mode_of (e);
  return strcmp (mode, "default") != 0 && !has_cpu_features (e);
}
static gboolean edit_default (VdDomainEditor *e, GError **error)
{
  return vd_domain_editor_set_cpu_mode (e, "default", NULL, error);
}
static void check_default (VdDomainEditor *r)
{
  g_autofree char *mode = mode_of (r);
  g_assert_cmpstr (mode, ==, "default");
}

static gboolean no_hugepages (VdDomainEditor *e) { return !vd_domain_editor_get_hugepages (e); }
static gboolean has_hugepages (VdDomainEditor *e) { return vd_domain_editor_get_hugepages (e); }
static gboolean edit_hugepages_on (VdDomainEditor *e, GError **error)
{
  return vd_domain_editor_set_hugepages (e, TRUE, error);
}
static gboolean edit_hugepages_off (VdDomainEditor *e, GError **error)
{
  return vd_domain_editor_set_hugepages (e, FALSE, error);
}
static void check_hugepages_on (VdDomainEditor *r)
{
  g_assert_true (vd_domain_editor_get_hugepages (r));
}
static void check_hugepages_off (VdDomainEditor *r)
{
  g_assert_false (vd_domain_editor_get_hugepages (r));
}

static gboolean not_shared (VdDomainEditor *e) { return !vd_domain_editor_get_shared_memory (e); }
static gboolean is_shared (VdDomainEditor *e) { return vd_domain_editor_get_shared_memory (e); }
static gboolean edit_shared_on (VdDomainEditor *e, GError **error)
{
  return vd_domain_editor_set_shared_memory (e, TRUE, error);
}
static gboolean edit_shared_off (VdDomainEditor *e, GError **error)
{
  return vd_domain_editor_set_shared_memory (e, FALSE, error);
}
static void check_shared_on (VdDomainEditor *r)
{
  g_autofree char *xml = vd_domain_editor_get_xml (r);

  g_assert_true (vd_domain_editor_get_shared_memory (r));
  /* virtiofs needs a shareable source: memfd unless the guest had one */
  g_assert_nonnull (strstr (xml, "<source type="));
}
static void check_shared_off (VdDomainEditor *r)
{
  g_assert_false (vd_domain_editor_get_shared_memory (r));
}

static gboolean no_kernel (VdDomainEditor *e)
{
  return !vd_domain_editor_get_kernel_boot (e, NULL, NULL, NULL, NULL);
}
static gboolean has_kernel (VdDomainEditor *e)
{
  return vd_domain_editor_get_kernel_boot (e, NULL, NULL, NULL, NULL);
}
static gboolean edit_kernel (VdDomainEditor *e, GError **error)
{
  return vd_domain_editor_set_kernel_boot (e, "/var/lib/libvirt/boot/vmlinuz",
                                           "/var/lib/libvirt/boot/initrd.img",
                                           "console=ttyS0 root=/dev/vda quiet & more", NULL,
                                           error);
}
static void check_kernel (VdDomainEditor *r)
{
  g_autofree char *kernel = NULL, *initrd = NULL, *cmdline = NULL, *dtb = NULL;

  g_assert_true (vd_domain_editor_get_kernel_boot (r, &kernel, &initrd, &cmdline, &dtb));
  g_assert_cmpstr (kernel, ==, "/var/lib/libvirt/boot/vmlinuz");
  g_assert_cmpstr (initrd, ==, "/var/lib/libvirt/boot/initrd.img");
  g_assert_cmpstr (cmdline, ==, "console=ttyS0 root=/dev/vda quiet & more");
  g_assert_null (dtb);
}
static gboolean edit_no_kernel (VdDomainEditor *e, GError **error)
{
  return vd_domain_editor_set_kernel_boot (e, NULL, NULL, NULL, NULL, error);
}
static void check_no_kernel (VdDomainEditor *r)
{
  g_assert_false (vd_domain_editor_get_kernel_boot (r, NULL, NULL, NULL, NULL));
}

static gboolean is_bios (VdDomainEditor *e)
{
  g_autofree char *firmware = vd_domain_editor_get_firmware (e);
  return strcmp (firmware, "bios") == 0;
}
static gboolean is_efi (VdDomainEditor *e) { return !is_bios (e); }
static gboolean edit_efi (VdDomainEditor *e, GError **error)
{
  return vd_domain_editor_set_firmware (e, "efi", error);
}
static void check_efi (VdDomainEditor *r)
{
  g_assert_false (is_bios (r));
  g_assert_false (vd_domain_editor_get_firmware_manual (r));
}
static gboolean edit_bios (VdDomainEditor *e, GError **error)
{
  return vd_domain_editor_set_firmware (e, "bios", error);
}
static void check_bios (VdDomainEditor *r)
{
  g_autofree char *nvram = vd_domain_editor_get_nvram (r);

  g_assert_true (is_bios (r));
  g_assert_null (nvram);
}
static gboolean can_secure (VdDomainEditor *e)
{
  return is_efi (e) && !vd_domain_editor_get_firmware_manual (e) &&
         !vd_domain_editor_get_secure_boot (e);
}
static gboolean edit_secure (VdDomainEditor *e, GError **error)
{
  return vd_domain_editor_set_secure_boot (e, TRUE, error);
}
static void check_secure (VdDomainEditor *r)
{
  g_assert_true (vd_domain_editor_get_secure_boot (r));
}

/* The first host device, then the first disk if there is one */
static GStrv
boot_devices (VdDomainEditor *e)
{
  g_autoptr(GPtrArray) devices = vd_domain_editor_list_devices (e);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const char *hostdev = NULL;
  const char *disk = NULL;

  for (guint i = 0; i < devices->len; i++)
    {
      VdDeviceKind kind = vd_device_ref_get_kind (devices->pdata[i]);

      if (kind == VD_DEVICE_KIND_HOSTDEV && hostdev == NULL)
        hostdev = vd_device_ref_get_id (devices->pdata[i]);
      if (kind == VD_DEVICE_KIND_DISK && disk == NULL)
        disk = vd_device_ref_get_id (devices->pdata[i]);
    }
  if (hostdev == NULL)
    return NULL;
  g_strv_builder_add (builder, hostdev);
  if (disk != NULL)
    g_strv_builder_add (builder, disk);
  return g_strv_builder_end (builder);
}
static gboolean has_hostdev (VdDomainEditor *e)
{
  g_auto(GStrv) ids = boot_devices (e);
  return ids != NULL;
}
static gboolean edit_device_boot (VdDomainEditor *e, GError **error)
{
  g_auto(GStrv) ids = boot_devices (e);
  return vd_domain_editor_set_device_boot_order (e, (const char * const *)ids, error);
}
static void check_device_boot (VdDomainEditor *r)
{
  g_auto(GStrv) ids = boot_devices (r);
  g_auto(GStrv) order = vd_domain_editor_get_device_boot_order (r);
  g_auto(GStrv) os_order = vd_domain_editor_get_boot_order (r);

  g_assert_cmpstrv (order, ids);
  g_assert_cmpuint (g_strv_length (os_order), ==, 0);
}

static const Edit edits[] = {
  { "device-boot", has_hostdev, edit_device_boot, check_device_boot,
    { "/domain/os/boot", "/domain/devices/*/boot" } },
  { "cpu-passthrough", not_passthrough, edit_passthrough, check_passthrough, { CPU_STRIP } },
  { "cpu-host-model", not_host_model, edit_host_model, check_host_model, { CPU_STRIP } },
  { "cpu-named", not_named, edit_named, check_named, { CPU_STRIP } },
  { "cpu-default", can_default, edit_default, check_default, { CPU_STRIP } },
  { "hugepages-on", no_hugepages, edit_hugepages_on, check_hugepages_on,
    { "/domain/memoryBacking/hugepages" } },
  { "hugepages-off", has_hugepages, edit_hugepages_off, check_hugepages_off,
    { "/domain/memoryBacking/hugepages" } },
  { "shared-on", not_shared, edit_shared_on, check_shared_on,
    { "/domain/memoryBacking/access", "/domain/memoryBacking/source" } },
  { "shared-off", is_shared, edit_shared_off, check_shared_off,
    { "/domain/memoryBacking/access" } },
  { "kernel", no_kernel, edit_kernel, check_kernel,
    { "/domain/os/kernel", "/domain/os/initrd", "/domain/os/cmdline" } },
  { "no-kernel", has_kernel, edit_no_kernel, check_no_kernel,
    { "/domain/os/kernel", "/domain/os/initrd", "/domain/os/cmdline", "/domain/os/dtb" } },
  { "efi", is_bios, edit_efi, check_efi, { "/domain/os/@firmware" } },
  { "bios", is_efi, edit_bios, check_bios,
    { "/domain/os/@firmware", "/domain/os/firmware", "/domain/os/loader", "/domain/os/nvram" } },
  { "secure-boot", can_secure, edit_secure, check_secure, { "/domain/os/firmware" } },
};

/* Every getter's value written back through its setter: no change. */
static void
test_round_trip (void)
{
  g_autoptr(GPtrArray) files = corpus_files ();

  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *text = read_file (files->pdata[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(VdDomainEditor) editor = vd_domain_editor_new_from_xml (text, &error);
      g_autofree char *model = NULL;
      g_autofree char *mode = NULL;
      g_autofree char *kernel = NULL, *initrd = NULL, *cmdline = NULL, *dtb = NULL;
      g_autofree char *firmware = NULL;
      g_autofree char *out = NULL;

      g_assert_no_error (error);
      mode = vd_domain_editor_get_cpu_mode (editor, &model);
      g_assert_true (vd_domain_editor_set_cpu_mode (editor, mode, model, &error));
      g_assert_true (vd_domain_editor_set_hugepages (editor,
                                                     vd_domain_editor_get_hugepages (editor),
                                                     &error));
      g_assert_true (vd_domain_editor_set_shared_memory (editor,
                                                         vd_domain_editor_get_shared_memory (editor),
                                                         &error));
      vd_domain_editor_get_kernel_boot (editor, &kernel, &initrd, &cmdline, &dtb);
      g_assert_true (vd_domain_editor_set_kernel_boot (editor, kernel, initrd, cmdline, dtb,
                                                       &error));
      {
        g_auto(GStrv) order = vd_domain_editor_get_device_boot_order (editor);

        if (order[0] != NULL)
          g_assert_true (vd_domain_editor_set_device_boot_order (editor,
                                                                 (const char * const *)order,
                                                                 &error));
      }
      firmware = vd_domain_editor_get_firmware (editor);
      g_assert_true (vd_domain_editor_set_firmware (editor, firmware, &error));
      g_assert_true (vd_domain_editor_set_secure_boot (editor,
                                                       vd_domain_editor_get_secure_boot (editor),
                                                       &error));
      g_assert_no_error (error);
      g_assert_false (vd_domain_editor_is_dirty (editor));
      out = vd_domain_editor_get_xml (editor);
      g_assert_cmpstr (out, ==, text);
    }
}

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

          reread = define_and_read (out, &message);
          if (reread == NULL)
            g_error ("%s: libvirt refused edit %s: %s\n%s", file, edits[k].name, message, out);
          assert_only_differs_in (file, text, reread, edits[k].strip);
          reread_editor = vd_domain_editor_new_from_xml (reread, &error);
          g_assert_no_error (error);
          edits[k].check (reread_editor);
          done[k]++;

          vd_domain_editor_revert (editor);
          reverted = vd_domain_editor_get_xml (editor);
          g_assert_cmpstr (reverted, ==, text);
        }
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
  const char *message;
} BadEdit;

static gboolean always (VdDomainEditor *e) { return TRUE; }
static gboolean bad_mode (VdDomainEditor *e, GError **error)
{
  return vd_domain_editor_set_cpu_mode (e, "turbo", NULL, error);
}
static gboolean bad_no_model (VdDomainEditor *e, GError **error)
{
  return vd_domain_editor_set_cpu_mode (e, "custom", "", error);
}
static gboolean bad_model_name (VdDomainEditor *e, GError **error)
{
  return vd_domain_editor_set_cpu_mode (e, "custom", "Sky lake</model>", error);
}
static gboolean bad_default (VdDomainEditor *e, GError **error)
{
  return vd_domain_editor_set_cpu_mode (e, "default", NULL, error);
}
static gboolean bad_relative_kernel (VdDomainEditor *e, GError **error)
{
  return vd_domain_editor_set_kernel_boot (e, "boot/vmlinuz", NULL, NULL, NULL, error);
}
static gboolean bad_relative_initrd (VdDomainEditor *e, GError **error)
{
  return vd_domain_editor_set_kernel_boot (e, "/boot/vmlinuz", "initrd.img", NULL, NULL, error);
}
static gboolean bad_no_kernel (VdDomainEditor *e, GError **error)
{
  return vd_domain_editor_set_kernel_boot (e, "", "/boot/initrd.img", "quiet", NULL, error);
}
static gboolean bad_cmdline (VdDomainEditor *e, GError **error)
{
  return vd_domain_editor_set_kernel_boot (e, "/boot/vmlinuz", NULL, "a\nb", NULL, error);
}
static gboolean bad_firmware (VdDomainEditor *e, GError **error)
{
  return vd_domain_editor_set_firmware (e, "coreboot", error);
}
static gboolean bios_not_secure (VdDomainEditor *e)
{
  return is_bios (e) && !vd_domain_editor_get_secure_boot (e);
}
static gboolean bad_secure_bios (VdDomainEditor *e, GError **error)
{
  return vd_domain_editor_set_secure_boot (e, TRUE, error);
}
static gboolean manual_not_secure (VdDomainEditor *e)
{
  return vd_domain_editor_get_firmware_manual (e) && !vd_domain_editor_get_secure_boot (e);
}

static gboolean bad_boot_device (VdDomainEditor *e, GError **error)
{
  const char *ids[] = { "graphics/0", NULL };
  return vd_domain_editor_set_device_boot_order (e, ids, error);
}
static gboolean has_graphics (VdDomainEditor *e)
{
  return vd_domain_editor_get_device_kind (e, "graphics/0") == VD_DEVICE_KIND_GRAPHICS;
}
static gboolean bad_boot_twice (VdDomainEditor *e, GError **error)
{
  g_auto(GStrv) ids = boot_devices (e);
  const char *twice[] = { ids[0], ids[0], NULL };
  return vd_domain_editor_set_device_boot_order (e, twice, error);
}

static const BadEdit bad_edits[] = {
  { "boot-graphics", has_graphics, bad_boot_device, VD_ERROR_INVALID_ARGUMENT, "boot from" },
  { "boot-twice", has_hostdev, bad_boot_twice, VD_ERROR_INVALID_ARGUMENT, "twice" },
  { "mode", always, bad_mode, VD_ERROR_INVALID_ARGUMENT, "not a CPU mode" },
  { "no-model", always, bad_no_model, VD_ERROR_INVALID_ARGUMENT, "Name the CPU model" },
  { "model-name", always, bad_model_name, VD_ERROR_INVALID_ARGUMENT, "not a CPU model name" },
  { "default-features", has_cpu_features, bad_default, VD_ERROR_NOT_SUPPORTED, "features" },
  { "relative-kernel", always, bad_relative_kernel, VD_ERROR_INVALID_ARGUMENT, "absolute" },
  { "relative-initrd", always, bad_relative_initrd, VD_ERROR_INVALID_ARGUMENT, "initrd" },
  { "no-kernel", always, bad_no_kernel, VD_ERROR_INVALID_ARGUMENT, "kernel’s path" },
  { "cmdline", always, bad_cmdline, VD_ERROR_INVALID_ARGUMENT, "one line" },
  { "firmware", always, bad_firmware, VD_ERROR_INVALID_ARGUMENT, "not a firmware" },
  { "secure-bios", bios_not_secure, bad_secure_bios, VD_ERROR_INVALID_ARGUMENT, "needs UEFI" },
  { "secure-manual", manual_not_secure, bad_secure_bios, VD_ERROR_NOT_SUPPORTED, "XML tab" },
};

static void
test_refusals (void)
{
  g_autoptr(GPtrArray) files = corpus_files ();
  guint done[G_N_ELEMENTS (bad_edits)] = { 0 };

  for (guint i = 0; i < files->len; i++)
    {
      g_autofree char *text = read_file (files->pdata[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(VdDomainEditor) editor = vd_domain_editor_new_from_xml (text, &error);

      g_assert_no_error (error);
      for (guint k = 0; k < G_N_ELEMENTS (bad_edits); k++)
        {
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
          g_assert_cmpstr (after, ==, text);
          done[k]++;
        }
    }
  for (guint k = 0; k < G_N_ELEMENTS (bad_edits); k++)
    {
      g_test_message ("refusal %s: %u files", bad_edits[k].name, done[k]);
      g_assert_cmpuint (done[k], >=, 1);
    }
}

/* Only the mode changes: topology, features, NUMA and cache stay. */
static void
test_mode_keeps_the_rest (void)
{
  const char *xml =
    "<domain type='test'>\n"
    "  <name>modes</name>\n"
    "  <memory unit='KiB'>1048576</memory>\n"
    "  <vcpu placement='static'>4</vcpu>\n"
    "  <os>\n"
    "    <type arch='x86_64'>hvm</type>\n"
    "  </os>\n"
    "  <cpu mode='custom' match='exact' check='partial'>\n"
    "    <model fallback='forbid'>Skylake-Client</model>\n"
    "    <vendor>Intel</vendor>\n"
    "    <topology sockets='1' dies='1' cores='2' threads='2'/>\n"
    "    <cache level='3' mode='emulate'/>\n"
    "    <feature policy='require' name='vmx'/>\n"
    "    <numa>\n"
    "      <cell id='0' cpus='0-3' memory='1048576' unit='KiB'/>\n"
    "    </numa>\n"
    "  </cpu>\n"
    "</domain>\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(VdDomainEditor) editor = vd_domain_editor_new_from_xml (xml, &error);
  g_autofree char *out = NULL;
  g_autofree char *model = NULL;
  g_autofree char *mode = NULL;
  g_autofree char *reread = NULL;
  g_autofree char *message = NULL;

  g_assert_no_error (error);
  mode = vd_domain_editor_get_cpu_mode (editor, &model);
  g_assert_cmpstr (mode, ==, "custom");
  g_assert_cmpstr (model, ==, "Skylake-Client");

  /* A new model keeps its fallback attribute. */
  g_assert_true (vd_domain_editor_set_cpu_mode (editor, "custom", "qemu64", &error));
  out = vd_domain_editor_get_xml (editor);
  g_assert_nonnull (strstr (out, "<model fallback=\"forbid\">qemu64</model>"));
  g_clear_pointer (&out, g_free);

  g_assert_true (vd_domain_editor_set_cpu_mode (editor, "host-model", NULL, &error));
  out = vd_domain_editor_get_xml (editor);
  g_assert_null (strstr (out, "<model"));
  g_assert_null (strstr (out, "<vendor"));
  g_assert_null (strstr (out, "match="));
  g_assert_nonnull (strstr (out, "<cpu mode=\"host-model\" check=\"partial\">"));
  g_assert_nonnull (strstr (out, "<topology sockets=\"1\" dies=\"1\" cores=\"2\" threads=\"2\"/>"));
  g_assert_nonnull (strstr (out, "<cache level=\"3\" mode=\"emulate\"/>"));
  g_assert_nonnull (strstr (out, "<feature policy=\"require\" name=\"vmx\"/>"));
  g_assert_nonnull (strstr (out, "<cell id=\"0\" cpus=\"0-3\""));
  reread = define_and_read (out, &message);
  if (reread == NULL)
    g_error ("libvirt refused: %s\n%s", message, out);
  g_clear_pointer (&reread, g_free);

  /* Default is refused with features; without them, an empty <cpu> goes. */
  g_assert_false (vd_domain_editor_set_cpu_mode (editor, "default", NULL, &error));
  g_assert_error (error, VD_ERROR, VD_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);
  g_clear_object (&editor);

  editor = vd_domain_editor_new_from_xml ("<domain type='test'>\n  <name>m</name>\n"
                                          "  <cpu mode='host-passthrough' check='none' "
                                          "migratable='on'/>\n"
                                          "  <on_crash>destroy</on_crash>\n</domain>\n", &error);
  g_assert_no_error (error);
  g_assert_true (vd_domain_editor_set_cpu_mode (editor, "default", NULL, &error));
  g_clear_pointer (&out, g_free);
  out = vd_domain_editor_get_xml (editor);
  /* migratable and check need a host mode or a model: nothing is left */
  g_assert_null (strstr (out, "<cpu"));
  g_assert_nonnull (strstr (out, "<on_crash>destroy</on_crash>"));
  g_assert_no_error (error);
  g_clear_object (&editor);

  editor = vd_domain_editor_new_from_xml ("<domain type='test'>\n  <name>m</name>\n"
                                          "  <cpu mode='host-model'/>\n"
                                          "</domain>\n", &error);
  g_assert_true (vd_domain_editor_set_cpu_mode (editor, "default", NULL, &error));
  g_clear_pointer (&out, g_free);
  out = vd_domain_editor_get_xml (editor);
  g_assert_null (strstr (out, "<cpu"));
}

/* Huge page sizes the guest chose stay while huge pages stay on; shared
 * memory keeps a source the guest names. */
static void
test_backing_keeps_the_rest (void)
{
  const char *xml =
    "<domain type='test'>\n"
    "  <name>backing</name>\n"
    "  <memoryBacking>\n"
    "    <hugepages>\n"
    "      <page size='2048' unit='KiB'/>\n"
    "    </hugepages>\n"
    "    <source type='file'/>\n"
    "  </memoryBacking>\n"
    "</domain>\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(VdDomainEditor) editor = vd_domain_editor_new_from_xml (xml, &error);
  g_autofree char *out = NULL;

  g_assert_true (vd_domain_editor_get_hugepages (editor));
  g_assert_true (vd_domain_editor_set_hugepages (editor, TRUE, &error));
  g_assert_false (vd_domain_editor_is_dirty (editor));
  g_assert_true (vd_domain_editor_set_shared_memory (editor, TRUE, &error));
  out = vd_domain_editor_get_xml (editor);
  g_assert_nonnull (strstr (out, "<page size=\"2048\" unit=\"KiB\"/>"));
  g_assert_nonnull (strstr (out, "<source type=\"file\"/>"));
  g_assert_null (strstr (out, "memfd"));
  g_assert_nonnull (strstr (out, "<access mode=\"shared\"/>"));

  /* Both off: nothing left, so no memoryBacking. */
  g_assert_true (vd_domain_editor_set_hugepages (editor, FALSE, &error));
  g_assert_true (vd_domain_editor_set_shared_memory (editor, FALSE, &error));
  g_clear_pointer (&out, g_free);
  out = vd_domain_editor_get_xml (editor);
  g_assert_null (strstr (out, "hugepages"));
  g_assert_null (strstr (out, "access"));
  g_assert_nonnull (strstr (out, "<source type=\"file\"/>"));
  g_assert_no_error (error);
}

static VdDomainCaps *
caps_from_file (const char *name)
{
  g_autofree char *path = g_build_filename (VD_TEST_DATA_DIR, name, NULL);
  g_autofree char *text = read_file (path);
  g_autoptr(GError) error = NULL;
  VdDomainCaps *caps = vd_domain_caps_new_from_xml (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (caps);
  return caps;
}

static void
test_caps_parse (void)
{
  g_autoptr(VdDomainCaps) kvm = caps_from_file ("domcaps-kvm-q35.xml");
  g_autoptr(VdDomainCaps) tcg = caps_from_file ("domcaps-tcg-pc.xml");
  g_autoptr(GError) error = NULL;
  const char *usable[] = { "Haswell-noTSX", "Skylake-Client", "qemu32", "qemu64", NULL };

  g_assert_true (kvm->known);
  g_assert_true (kvm->host_passthrough && kvm->host_model && kvm->maximum && kvm->custom);
  /* usable only, sorted */
  g_assert_cmpstrv (kvm->cpu_models, usable);
  g_assert_true (kvm->efi);
  g_assert_true (kvm->secure_boot);

  g_assert_true (vd_domain_caps_check_cpu_model (kvm, "Skylake-Client", &error));
  g_assert_false (vd_domain_caps_check_cpu_model (kvm, "EPYC-Milan", &error));
  g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "does not offer"));
  g_clear_error (&error);

  g_assert_true (tcg->known);
  g_assert_false (tcg->host_passthrough || tcg->host_model || tcg->custom);
  g_assert_true (tcg->maximum);
  g_assert_cmpuint (g_strv_length (tcg->cpu_models), ==, 0);
  g_assert_false (tcg->efi);
  g_assert_false (tcg->secure_boot);
  g_assert_false (vd_domain_caps_check_cpu_model (tcg, "qemu64", &error));
  g_assert_error (error, VD_ERROR, VD_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);

  /* Nothing known: any well-formed name */
  {
    g_autoptr(VdDomainCaps) unknown = vd_domain_caps_new_unknown ("no");

    g_assert_true (vd_domain_caps_check_cpu_model (unknown, "Whatever-v2", &error));
    g_assert_true (vd_domain_caps_check_cpu_model (NULL, "Whatever-v2", &error));
    g_assert_false (vd_domain_caps_check_cpu_model (NULL, "a/b", &error));
    g_clear_error (&error);
  }

  g_assert_null (vd_domain_caps_new_from_xml ("<capabilities/>", &error));
  g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT);
}

/* The test driver has no domain capabilities: known FALSE with libvirt's
 * reason, asked once per connection. */
static void
test_caps_test_driver (void)
{
  g_autoptr(VdConnection) connection = vd_test_open ("test:///default");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) again = NULL;
  g_autoptr(VdDomainCaps) caps = NULL;
  g_autoptr(VdDomainCaps) cached = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_null (vd_connection_peek_domain_caps (connection, "test", NULL, "x86_64", NULL));
  vd_connection_get_domain_caps_async (connection, "test", NULL, "x86_64", NULL, NULL,
                                       vd_test_async_result_cb, &result);
  VD_TEST_WAIT_RESULT (result);
  caps = vd_connection_get_domain_caps_finish (connection, result, &error);
  g_assert_no_error (error);
  g_assert_false (caps->known);
  g_assert_nonnull (caps->reason);
  g_assert_nonnull (strstr (caps->reason, "not supported"));
  g_assert_true (vd_connection_peek_domain_caps (connection, "test", NULL, "x86_64", NULL) ==
                 caps);

  /* The second answer comes from the cache, at once. */
  vd_connection_get_domain_caps_async (connection, "test", NULL, "x86_64", NULL, NULL,
                                       vd_test_async_result_cb, &again);
  VD_TEST_WAIT_RESULT (again);
  cached = vd_connection_get_domain_caps_finish (connection, again, &error);
  g_assert_true (cached == caps);

  /* Closed, it forgets: the host may be another one when it comes back. */
  vd_connection_disconnect (connection);
  VD_TEST_WAIT_UNTIL (vd_connection_get_state (connection) != VD_CONNECTION_STATE_CONNECTED, 30);
  g_assert_null (vd_connection_peek_domain_caps (connection, "test", NULL, "x86_64", NULL));
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

  g_test_add_func ("/domain-editor-guest/round-trip", test_round_trip);
  g_test_add_func ("/domain-editor-guest/edits", test_edits);
  g_test_add_func ("/domain-editor-guest/refusals", test_refusals);
  g_test_add_func ("/domain-editor-guest/mode-keeps-the-rest", test_mode_keeps_the_rest);
  g_test_add_func ("/domain-editor-guest/backing-keeps-the-rest", test_backing_keeps_the_rest);
  g_test_add_func ("/domain-editor-guest/caps-parse", test_caps_parse);
  g_test_add_func ("/domain-editor-guest/caps-test-driver", test_caps_test_driver);

  ret = g_test_run ();
  virConnectClose (test_conn);

  return ret;
}
