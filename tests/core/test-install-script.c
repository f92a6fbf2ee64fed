/* test-install-script.c
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "vd-cpio.h"
#include "vd-error.h"
#include "vd-install-script.h"
#include "vd-install-spec.h"
#include "vd-osinfo.h"

/* Unattended installs with this host's osinfo-db: which OSes have a script
 * an installer reads from its initrd (Fedora's and RHEL's kickstart,
 * Debian's and Ubuntu's preseed; none for Windows, which takes its answer
 * file from a disk), the field rules, the values of the config in the
 * generated text and the kernel arguments, no password in any log line,
 * and the script appended to a compressed initrd parsing back as a second
 * archive at a four-byte boundary with the script inside. */

/* libosinfo's loader loses a few small blocks while reading its database
 * (tests/lsan.supp names the library); LeakSanitizer sees the library in
 * a leak's stack only when it unwinds slowly, a few frames deep. */
const char *__asan_default_options (void);

const char *
__asan_default_options (void)
{
  return "fast_unwind_on_malloc=0:malloc_context_size=8";
}

#define USER_PASSWORD "Sekr1t-User-Pw"
#define ADMIN_PASSWORD "Sekr1t-Admin-Pw"

static OsinfoDb *
db (void)
{
  static OsinfoDb *loaded;
  g_autoptr(GError) error = NULL;

  if (loaded == NULL)
    loaded = vd_osinfo_load (&error);
  g_assert_no_error (error);
  return loaded;
}

static OsinfoOs *
os (const char *short_id)
{
  g_autoptr(OsinfoOsList) all = osinfo_db_get_os_list (db ());

  for (guint i = 0; i < osinfo_list_get_length (OSINFO_LIST (all)); i++)
    {
      OsinfoOs *candidate = OSINFO_OS (osinfo_list_get_nth (OSINFO_LIST (all), i));

      if (g_strcmp0 (osinfo_product_get_short_id (OSINFO_PRODUCT (candidate)), short_id) == 0)
        return candidate;
    }
  g_error ("no OS %s in osinfo-db", short_id);
}

static void
test_find (void)
{
  static const struct { const char *os; const char *filename; } with[] = {
    { "fedora36", "fedora.ks" },
    { "rhel9.0", NULL },
    { "debian11", "preseed.cfg" },
    { "ubuntu20.04", NULL },
  };
  static const char * const without[] = { "win10", "freebsd13.0" };

  for (guint i = 0; i < G_N_ELEMENTS (with); i++)
    {
      g_autoptr(OsinfoInstallScript) script = vd_install_script_find (os (with[i].os));

      g_assert_nonnull (script);
      g_assert_true (osinfo_install_script_get_injection_methods (script) &
                     OSINFO_INSTALL_SCRIPT_INJECTION_METHOD_INITRD);
      g_assert_cmpstr (osinfo_install_script_get_profile (script), ==, "jeos");
      if (with[i].filename != NULL)
        g_assert_cmpstr (osinfo_install_script_get_expected_filename (script), ==,
                         with[i].filename);
    }
  for (guint i = 0; i < G_N_ELEMENTS (without); i++)
    g_assert_null (vd_install_script_find (os (without[i])));
  g_assert_null (vd_install_script_find (NULL));
}

static void
assert_message (char       *message,
                const char *part)
{
  g_assert_nonnull (message);
  if (strstr (message, part) == NULL)
    g_error ("“%s” does not say “%s”", message, part);
  g_free (message);
}

static void
test_checks (void)
{
  g_auto(GStrv) zones = vd_install_script_list_timezones ();
  g_autofree char *host = vd_install_script_host_timezone ();

  g_assert_null (vd_install_script_check_login ("alice"));
  g_assert_null (vd_install_script_check_login ("_svc-2"));
  assert_message (vd_install_script_check_login (""), "Enter");
  assert_message (vd_install_script_check_login ("Alice"), "start with a lowercase");
  assert_message (vd_install_script_check_login ("2bob"), "start with a lowercase");
  assert_message (vd_install_script_check_login ("bob smith"), "only have lowercase");
  assert_message (vd_install_script_check_login ("root"), "system account");
  assert_message (vd_install_script_check_login ("abcdefghijklmnopqrstuvwxyz0123456"),
                  "at most 32");

  g_assert_null (vd_install_script_check_password ("pw", "pw"));
  assert_message (vd_install_script_check_password ("", ""), "Enter a password");
  assert_message (vd_install_script_check_password (NULL, NULL), "Enter a password");
  assert_message (vd_install_script_check_password ("pw", "pW"), "not the same");
  assert_message (vd_install_script_check_password ("it's", "it's"), "cannot contain");
  assert_message (vd_install_script_check_password ("a\nb", "a\nb"), "cannot contain");

  g_assert_true (g_strv_contains ((const char * const *)zones, "Europe/Berlin"));
  g_assert_true (g_strv_contains ((const char * const *)zones, "UTC"));
  g_assert_null (vd_install_script_check_timezone ("Asia/Shanghai"));
  g_assert_null (vd_install_script_check_timezone (host));
  assert_message (vd_install_script_check_timezone (""), "Enter a time zone");
  assert_message (vd_install_script_check_timezone ("Mars/Olympus"), "not a time zone");

  g_assert_cmpstr (vd_install_script_disk_for_bus ("virtio"), ==, "/dev/vda");
  g_assert_cmpstr (vd_install_script_disk_for_bus ("sata"), ==, "/dev/sda");
}

static VdInstallScriptConfig *
make_config (void)
{
  VdInstallScriptConfig *config = vd_install_script_config_new ();

  config->user_login = g_strdup ("alice");
  config->user_realname = g_strdup ("Alice Liddell");
  config->user_password = g_strdup (USER_PASSWORD);
  config->admin_password = g_strdup (ADMIN_PASSWORD);
  config->timezone = g_strdup ("Europe/Berlin");
  config->language = g_strdup ("de_DE");
  config->hostname = g_strdup ("wonderland");
  config->target_disk = g_strdup ("/dev/vda");
  config->installation_url = g_strdup ("http://mirror.example.org/fedora/36/os/");
  return config;
}

static void
generate_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  VdInstallScript **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = vd_install_script_generate_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_generate (void)
{
  g_autoptr(VdInstallScriptConfig) config = make_config ();
  g_autoptr(VdInstallScript) script = NULL;
  g_autoptr(VdInstallScript) preseed = NULL;
  g_autoptr(VdInstallSpec) spec = vd_install_spec_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *cmdline = NULL;

  /* Fedora's kickstart, made in a worker. */
  vd_install_script_generate_async (os ("fedora36"), config, NULL, generate_cb, &script);
  while (script == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (script->filename, ==, "fedora.ks");
  g_assert_cmpstr (script->cmdline, ==, "inst.ks=file:/fedora.ks");
  g_assert_nonnull (strstr (script->text, "timezone --utc Europe/Berlin"));
  g_assert_nonnull (strstr (script->text, "lang de_DE"));
  g_assert_nonnull (strstr (script->text, "--hostname=wonderland"));
  g_assert_nonnull (strstr (script->text, "rootpw '" ADMIN_PASSWORD "'"));
  g_assert_nonnull (strstr (script->text, "useradd -G wheel alice"));
  g_assert_nonnull (strstr (script->text, "passwd --stdin alice"));
  g_assert_nonnull (strstr (script->text, "clearpart --all --drives=/dev/vda"));

  /* Its arguments on the install command line, before the user's. */
  spec->method = VD_INSTALL_METHOD_URL;
  spec->url = g_strdup ("http://mirror.example.org/fedora/36/os/");
  spec->install_arg = g_strdup ("inst.repo");
  spec->kernel_args = g_strdup ("console=ttyS0");
  spec->script = vd_install_script_copy (script);
  cmdline = vd_install_spec_get_cmdline (spec);
  g_assert_cmpstr (cmdline, ==, "inst.repo=http://mirror.example.org/fedora/36/os/ "
                                "inst.ks=file:/fedora.ks console=ttyS0");

  /* Debian's preseed. */
  preseed = vd_install_script_generate (os ("debian11"), config, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (preseed->filename, ==, "preseed.cfg");
  g_assert_cmpstr (preseed->cmdline, ==, "keyboard-configuration/xkb-keymap=us "
                                         "debconf/priority=critical");
  g_assert_nonnull (strstr (preseed->text, "d-i time/zone select Europe/Berlin"));
  g_assert_nonnull (strstr (preseed->text, "d-i passwd/username alice"));
  g_assert_nonnull (strstr (preseed->text, "d-i passwd/user-fullname string Alice Liddell"));
  g_assert_nonnull (strstr (preseed->text, "d-i netcfg/get_hostname string wonderland"));
  g_assert_nonnull (strstr (preseed->text, "d-i debian-installer/locale select de_DE"));

  /* No script for Windows' initrd (it has none). */
  g_assert_null (vd_install_script_generate (os ("win10"), config, NULL, &error));
  g_assert_error (error, VD_ERROR, VD_ERROR_NOT_SUPPORTED);
}

/* A local ISO install: the installer medium of the OS (for the guest's
 * architecture) whose kernel and initrd the creation extracts, the
 * script's media variant, the stage 2 a kickstart booted directly needs,
 * and the spec's checks. */
static void
test_media (void)
{
  g_autoptr(VdInstallScriptConfig) config = make_config ();
  g_autoptr(VdInstallScript) script = NULL;
  g_autoptr(OsinfoMedia) media = vd_install_script_find_media (os ("fedora36"), "x86_64");
  g_autoptr(OsinfoMedia) arm = vd_install_script_find_media (os ("fedora36"), "aarch64");
  g_autoptr(OsinfoMedia) none = vd_install_script_find_media (os ("fedora36"), "sparc64");
  g_autoptr(VdInstallSpec) spec = vd_install_spec_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *cmdline = NULL;
  g_autofree char *spaced = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *other = NULL;

  g_assert_nonnull (media);
  g_assert_cmpstr (osinfo_media_get_architecture (media), ==, "x86_64");
  g_assert_cmpstr (osinfo_media_get_kernel_path (media), ==, "isolinux/vmlinuz");
  g_assert_cmpstr (osinfo_media_get_initrd_path (media), ==, "isolinux/initrd.img");
  /* Fedora 36's aarch64 media take no install script. */
  g_assert_null (arm);
  g_assert_null (none);
  g_assert_null (vd_install_script_find_media (NULL, "x86_64"));

  g_clear_pointer (&config->installation_url, g_free);
  vd_install_script_generate_for_media_async (os ("fedora36"), media, config, NULL, generate_cb,
                                              &script);
  while (script == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (script->filename, ==, "fedora.ks");
  /* From the CD: no network repository. */
  g_assert_cmpstr (script->cmdline, ==, "inst.ks=file:/fedora.ks");
  g_assert_null (strstr (script->text, "mirror.example.org"));
  g_assert_null (strstr (script->text, "url --url"));
  g_assert_false (osinfo_media_get_live (media));
  g_assert_nonnull (strstr (script->text, "rootpw '" ADMIN_PASSWORD "'"));

  cmdline = vd_install_script_media_cmdline (script->cmdline, "Fedora-S-dvd-x86_64-36");
  g_assert_cmpstr (cmdline, ==, "inst.ks=file:/fedora.ks "
                                "inst.stage2=hd:LABEL=Fedora-S-dvd-x86_64-36");
  spaced = vd_install_script_media_cmdline ("inst.ks=file:/fedora.ks", "My Fedora 36");
  g_assert_cmpstr (spaced, ==, "inst.ks=file:/fedora.ks inst.stage2=hd:LABEL=My\\x20Fedora\\x2036");
  kept = vd_install_script_media_cmdline ("inst.ks=file:/a.ks inst.stage2=hd:LABEL=X", "Y");
  g_assert_cmpstr (kept, ==, "inst.ks=file:/a.ks inst.stage2=hd:LABEL=X");
  other = vd_install_script_media_cmdline ("debconf/priority=critical", "Debian 11");
  g_assert_cmpstr (other, ==, "debconf/priority=critical");

  /* The spec: an ISO file with the medium's paths passes; a CD drive, a
   * relative path or unknown paths do not. */
  spec->method = VD_INSTALL_METHOD_MEDIA;
  spec->media_path = g_strdup ("/var/lib/libvirt/images/fedora.iso");
  spec->memory = 2048;
  spec->vcpus = 1;
  spec->disk = VD_INSTALL_DISK_NONE;
  spec->net = VD_INSTALL_NET_NONE;
  spec->name = g_strdup ("fedora-iso");
  spec->script = vd_install_script_copy (script);
  spec->tree_kernel = g_strdup (osinfo_media_get_kernel_path (media));
  spec->tree_initrd = g_strdup (osinfo_media_get_initrd_path (media));
  g_assert_true (vd_install_spec_validate (spec, NULL, NULL, &error));
  g_assert_no_error (error);

  g_clear_pointer (&spec->tree_initrd, g_free);
  g_assert_false (vd_install_spec_validate (spec, NULL, NULL, &error));
  g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "initrd"));
  g_clear_error (&error);
  spec->tree_initrd = g_strdup ("isolinux/initrd.img");

  g_free (spec->media_path);
  spec->media_path = g_strdup ("/dev/sr0");
  spec->media_is_device = TRUE;
  g_assert_false (vd_install_spec_validate (spec, NULL, NULL, &error));
  g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT);
  g_assert_nonnull (strstr (error->message, "file on this computer"));
  g_clear_error (&error);

  spec->media_is_device = FALSE;
  spec->method = VD_INSTALL_METHOD_PXE;
  spec->pxe_network = g_strdup ("default");
  g_assert_false (vd_install_spec_validate (spec, NULL, NULL, &error));
  g_assert_error (error, VD_ERROR, VD_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  /* The INSTALL configuration boots the extracted kernel with the ISO
   * still the CD-ROM; the FINAL one boots the disk first. */
  {
    g_autofree char *install_xml = NULL;
    g_autofree char *final_xml = NULL;

    spec->method = VD_INSTALL_METHOD_MEDIA;
    g_free (spec->media_path);
    spec->media_path = g_strdup ("/var/lib/libvirt/images/fedora.iso");
    g_free (spec->script->cmdline);
    spec->script->cmdline = g_strdup (cmdline);
    spec->install_kernel = g_strdup ("/pool/fedora-iso-kernel");
    spec->install_initrd = g_strdup ("/pool/fedora-iso-initrd");
    install_xml = vd_install_spec_to_xml (spec);
    g_assert_nonnull (strstr (install_xml, "<kernel>/pool/fedora-iso-kernel</kernel>"));
    g_assert_nonnull (strstr (install_xml, "<initrd>/pool/fedora-iso-initrd</initrd>"));
    g_assert_nonnull (strstr (install_xml, "<cmdline>inst.ks=file:/fedora.ks "
                                           "inst.stage2=hd:LABEL=Fedora-S-dvd-x86_64-36"
                                           "</cmdline>"));
    g_assert_nonnull (strstr (install_xml, "file=\"/var/lib/libvirt/images/fedora.iso\""));
    g_assert_nonnull (strstr (install_xml, "<on_reboot>destroy</on_reboot>"));
    g_clear_pointer (&spec->install_kernel, g_free);
    g_clear_pointer (&spec->install_initrd, g_free);
    final_xml = vd_install_spec_to_xml (spec);
    g_assert_null (strstr (final_xml, "<kernel>"));
    g_assert_nonnull (strstr (final_xml, "<boot dev=\"hd\"/>"));
    g_assert_true (strstr (final_xml, "<boot dev=\"hd\"/>") <
                   strstr (final_xml, "<boot dev=\"cdrom\"/>"));
  }
}

/* The newc entries from @data on, the kernel's way: zeros between archives
 * are skipped, an archive begins only at a multiple of four. Returns the
 * file names; @wanted's contents in @contents. */
static GPtrArray *
parse_newc (const guchar *data,
            gsize         length,
            gsize         start,
            const char   *wanted,
            char        **contents)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  gsize at = start;

  while (at < length)
    {
      char field[9] = { 0 };
      guint64 size, name_size;
      const char *name;

      if (data[at] == 0)
        {
          at++;
          continue;
        }
      g_assert_cmpuint (at % 4, ==, 0);
      g_assert_cmpint (memcmp (data + at, "070701", 6), ==, 0);
      memcpy (field, data + at + 6 + 6 * 8, 8);
      size = g_ascii_strtoull (field, NULL, 16);
      memcpy (field, data + at + 6 + 11 * 8, 8);
      name_size = g_ascii_strtoull (field, NULL, 16);
      name = (const char *)data + at + 110;
      g_assert_cmpuint (name[name_size - 1], ==, 0);
      at = (at + 110 + name_size + 3) & ~(gsize)3;
      if (!g_str_equal (name, "TRAILER!!!"))
        g_ptr_array_add (names, g_strdup (name));
      if (wanted != NULL && g_str_equal (name, wanted))
        *contents = g_strndup ((const char *)data + at, size);
      at = (at + size + 3) & ~(gsize)3;
    }
  return names;
}

static void
test_initrd (void)
{
  g_autofree char *dir = g_dir_make_tmp ("vd-initrd-XXXXXX", NULL);
  g_autofree char *cpio_path = g_build_filename (dir, "inner.cpio", NULL);
  g_autofree char *initrd = g_build_filename (dir, "initrd.img", NULL);
  g_autoptr(VdInstallScriptConfig) config = make_config ();
  g_autoptr(VdInstallScript) script = NULL;
  g_autoptr(GBytes) init = g_bytes_new_static ("#!/bin/sh\n", 10);
  g_autoptr(GBytes) text = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) second = NULL;
  g_autofree guchar *inner = NULL;
  g_autofree guchar *whole = NULL;
  g_autofree char *found = NULL;
  gsize inner_length = 0, whole_length = 0, compressed = 0;

  script = vd_install_script_generate (os ("fedora36"), config, NULL, &error);
  g_assert_no_error (error);
  text = g_bytes_new_static (script->text, strlen (script->text));

  /* A gzip-compressed initrd with /init, an odd length. */
  {
    g_autoptr(GFile) file = g_file_new_for_path (cpio_path);
    g_autoptr(GFileOutputStream) output = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE,
                                                          NULL, &error);

    g_assert_no_error (error);
    g_assert_true (vd_cpio_write_newc (G_OUTPUT_STREAM (output), "init", init, 0755, NULL,
                                       &error));
    g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (output), NULL, &error));
    g_assert_true (g_file_get_contents (cpio_path, (char **)&inner, &inner_length, &error));
  }
  {
    g_autoptr(GZlibCompressor) gzip = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP, 9);
    g_autoptr(GOutputStream) memory = g_memory_output_stream_new_resizable ();
    g_autoptr(GOutputStream) out = g_converter_output_stream_new (memory, G_CONVERTER (gzip));
    g_autoptr(GBytes) bytes = NULL;

    g_assert_true (g_output_stream_write_all (out, inner, inner_length, NULL, NULL, &error));
    g_assert_true (g_output_stream_close (out, NULL, &error));
    bytes = g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (memory));
    compressed = g_bytes_get_size (bytes);
    /* An initrd whose length is not a multiple of four (a zero byte more
     * where it happens to be: the kernel skips zeros). */
    {
      g_autoptr(GByteArray) file = g_byte_array_new ();

      g_byte_array_append (file, g_bytes_get_data (bytes, NULL), compressed);
      if (compressed % 4 == 0)
        g_byte_array_append (file, (const guint8 *)"", 1);
      g_assert_true (g_file_set_contents (initrd, (const char *)file->data, file->len, &error));
    }
  }

  g_assert_true (vd_cpio_append_newc (initrd, script->filename, text, 0644, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (initrd, (char **)&whole, &whole_length, &error));

  /* The first archive: gzip's member, then zeros to a multiple of four,
   * then the second archive. */
  g_assert_cmpuint (whole[0], ==, 0x1f);
  g_assert_cmpuint (whole[1], ==, 0x8b);
  g_assert_cmpuint (whole_length, >, compressed);
  for (gsize i = compressed; i < (compressed + 3) / 4 * 4; i++)
    g_assert_cmpuint (whole[i], ==, 0);
  second = parse_newc (whole, whole_length, compressed, "fedora.ks", &found);
  g_assert_cmpuint (second->len, ==, 1);
  g_assert_cmpstr (second->pdata[0], ==, "fedora.ks");
  g_assert_cmpstr (found, ==, script->text);
  g_assert_nonnull (strstr (found, "timezone --utc Europe/Berlin"));

  /* The first one still unpacks to /init, gzip's member ending where it
   * did. */
  {
    g_autoptr(GZlibDecompressor) gunzip = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
    g_autofree guchar *out = g_malloc (inner_length + 64);
    gsize read = 0, written = 0;
    GConverterResult res;

    res = g_converter_convert (G_CONVERTER (gunzip), whole, compressed, out, inner_length + 64,
                               G_CONVERTER_INPUT_AT_END, &read, &written, &error);
    g_assert_no_error (error);
    g_assert_cmpint (res, ==, G_CONVERTER_FINISHED);
    g_assert_cmpuint (read, ==, compressed);
    g_assert_cmpuint (written, ==, inner_length);
    {
      g_autoptr(GPtrArray) first = parse_newc (out, written, 0, NULL, NULL);

      g_assert_cmpuint (first->len, ==, 1);
      g_assert_cmpstr (first->pdata[0], ==, "init");
    }
  }

  g_unlink (cpio_path);
  g_unlink (initrd);
  g_rmdir (dir);
}

/* Every log line of this test program: none may hold a password. */
static GLogWriterOutput
no_password_writer (GLogLevelFlags   level,
                    const GLogField *fields,
                    gsize            n_fields,
                    gpointer         user_data)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0 &&
        (strstr (fields[i].value, USER_PASSWORD) != NULL ||
         strstr (fields[i].value, ADMIN_PASSWORD) != NULL))
      {
        g_printerr ("A log line holds a password\n");
        abort ();
      }
  if (level & G_LOG_LEVEL_DEBUG)
    return G_LOG_WRITER_HANDLED;
  return g_log_writer_default (level, fields, n_fields, user_data);
}

int
main (int   argc,
      char *argv[])
{
  g_log_set_writer_func (no_password_writer, NULL, NULL);
  g_setenv ("G_MESSAGES_DEBUG", "all", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/vd/install-script/find", test_find);
  g_test_add_func ("/vd/install-script/checks", test_checks);
  g_test_add_func ("/vd/install-script/generate", test_generate);
  g_test_add_func ("/vd/install-script/media", test_media);
  g_test_add_func ("/vd/install-script/initrd", test_initrd);

  return g_test_run ();
}
