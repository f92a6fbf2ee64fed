/* domain-editor-misc-edits.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/*
 * For tests/core/test-domain-editor-devices.c: the sound card, TPM and
 * panic notifier setters (src/core/vd-domain-editor-misc.c): each getter's
 * value written back is no change (misc_same_values), the edits over the
 * corpus (MISC_DEV_EDITS, rows of its DevEdit table) and the refusals
 * (MISC_BAD_DEV_EDITS, rows of BadDevEdit).
 */

#include "vd-domain-editor-misc.h"
#include "vd-error.h"

/* Returns whether @ref is of a kind this file knows. */
G_GNUC_UNUSED static gboolean
misc_same_values (VdDomainEditor    *e,
                  const VdDeviceRef *ref)
{
  const char *id = vd_device_ref_get_id (ref);
  g_autoptr(GError) error = NULL;

  switch ((int)vd_device_ref_get_kind (ref))
    {
    case VD_DEVICE_KIND_SOUND:
      {
        g_autofree char *model = vd_domain_editor_get_sound_model (e, id);

        g_assert_true (vd_domain_editor_set_sound_model (e, id, model, &error));
      }
      break;
    case VD_DEVICE_KIND_TPM:
      {
        g_autofree char *model = NULL;
        g_autofree char *backend = NULL;
        g_autofree char *device = NULL;
        g_autofree char *version = NULL;

        g_assert_true (vd_domain_editor_get_tpm (e, id, &model, &backend, &device, &version));
        g_assert_true (vd_domain_editor_set_tpm (e, id, model, backend, device, version,
                                                 &error));
      }
      break;
    case VD_DEVICE_KIND_PANIC:
      {
        g_autofree char *model = vd_domain_editor_get_panic_model (e, id);

        g_assert_true (vd_domain_editor_set_panic_model (e, id, model, &error));
      }
      break;
    default:
      return FALSE;
    }
  g_assert_no_error (error);

  return TRUE;
}

static char *misc_edited;

static gboolean misc_any (VdDomainEditor *e, const char *id) { return TRUE; }

static char *
misc_toggled (char *old, const char *a, const char *b)
{
  g_autofree char *value = old;

  return g_strdup (g_strcmp0 (value, a) == 0 ? b : a);
}

static gboolean
edit_sound_model (VdDomainEditor *e, const char *id, GError **error)
{
  g_free (misc_edited);
  misc_edited = misc_toggled (vd_domain_editor_get_sound_model (e, id), "ich9", "ac97");
  return vd_domain_editor_set_sound_model (e, id, misc_edited, error);
}
static void
check_sound_model (VdDomainEditor *r, const char *id)
{
  g_autofree char *model = vd_domain_editor_get_sound_model (r, id);
  g_assert_cmpstr (model, ==, misc_edited);
}

static gboolean tpm_emulator (VdDomainEditor *e, const char *id)
{
  g_autofree char *backend = NULL;

  vd_domain_editor_get_tpm (e, id, NULL, &backend, NULL, NULL);
  return g_strcmp0 (backend, "emulator") == 0;
}
static gboolean tpm_emulator_tis_2 (VdDomainEditor *e, const char *id)
{
  g_autofree char *model = NULL;
  g_autofree char *version = NULL;

  vd_domain_editor_get_tpm (e, id, &model, NULL, NULL, &version);
  return tpm_emulator (e, id) && g_strcmp0 (model, "tpm-tis") == 0 &&
         g_strcmp0 (version, "1.2") != 0;
}
static gboolean
edit_tpm_crb (VdDomainEditor *e, const char *id, GError **error)
{
  g_autofree char *version = NULL;

  vd_domain_editor_get_tpm (e, id, NULL, NULL, NULL, &version);
  return vd_domain_editor_set_tpm (e, id, "tpm-crb", "emulator", NULL, version, error);
}
static void
check_tpm_crb (VdDomainEditor *r, const char *id)
{
  g_autofree char *model = NULL;
  g_autofree char *backend = NULL;

  g_assert_true (vd_domain_editor_get_tpm (r, id, &model, &backend, NULL, NULL));
  g_assert_cmpstr (model, ==, "tpm-crb");
  g_assert_cmpstr (backend, ==, "emulator");
}
static gboolean
edit_tpm_version (VdDomainEditor *e, const char *id, GError **error)
{
  g_autofree char *model = NULL;
  g_autofree char *version = NULL;

  vd_domain_editor_get_tpm (e, id, &model, NULL, NULL, &version);
  g_free (misc_edited);
  misc_edited = misc_toggled (g_steal_pointer (&version), "2.0", "1.2");
  return vd_domain_editor_set_tpm (e, id, model, "emulator", NULL, misc_edited, error);
}
static void
check_tpm_version (VdDomainEditor *r, const char *id)
{
  g_autofree char *version = NULL;

  g_assert_true (vd_domain_editor_get_tpm (r, id, NULL, NULL, NULL, &version));
  g_assert_cmpstr (version, ==, misc_edited);
}
static gboolean
edit_tpm_passthrough (VdDomainEditor *e, const char *id, GError **error)
{
  g_autofree char *model = NULL;

  vd_domain_editor_get_tpm (e, id, &model, NULL, NULL, NULL);
  return vd_domain_editor_set_tpm (e, id, model, "passthrough", "/dev/tpm0", NULL, error);
}
static void
check_tpm_passthrough (VdDomainEditor *r, const char *id)
{
  g_autofree char *backend = NULL;
  g_autofree char *device = NULL;
  g_autofree char *version = NULL;

  g_assert_true (vd_domain_editor_get_tpm (r, id, NULL, &backend, &device, &version));
  g_assert_cmpstr (backend, ==, "passthrough");
  g_assert_cmpstr (device, ==, "/dev/tpm0");
  g_assert_null (version);
}

static gboolean panic_with_model (VdDomainEditor *e, const char *id)
{
  g_autofree char *model = vd_domain_editor_get_panic_model (e, id);
  return model != NULL;
}
static gboolean
edit_panic_model (VdDomainEditor *e, const char *id, GError **error)
{
  g_free (misc_edited);
  misc_edited = misc_toggled (vd_domain_editor_get_panic_model (e, id), "isa", "hyperv");
  return vd_domain_editor_set_panic_model (e, id, misc_edited, error);
}
static void
check_panic_model (VdDomainEditor *r, const char *id)
{
  g_autofree char *model = vd_domain_editor_get_panic_model (r, id);
  g_assert_cmpstr (model, ==, misc_edited);
}

#define MISC_DEV_EDITS \
  { "sound-model", VD_DEVICE_KIND_SOUND, misc_any, edit_sound_model, check_sound_model, \
    { "%s/@model", "%s/address", "%s/codec" } }, \
  { "tpm-crb", VD_DEVICE_KIND_TPM, tpm_emulator_tis_2, edit_tpm_crb, check_tpm_crb, \
    { "%s/@model", "%s/address" } }, \
  { "tpm-version", VD_DEVICE_KIND_TPM, tpm_emulator_tis_2, edit_tpm_version, check_tpm_version, \
    { "%s/backend/@version" } }, \
  { "tpm-passthrough", VD_DEVICE_KIND_TPM, tpm_emulator, edit_tpm_passthrough, \
    check_tpm_passthrough, { "%s/backend" } }, \
  { "panic-model", VD_DEVICE_KIND_PANIC, panic_with_model, edit_panic_model, \
    check_panic_model, { "%s/@model", "%s/address" } },

static gboolean bad_sound_model (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_sound_model (e, id, "beeper", error);
}
static gboolean bad_tpm_model (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_tpm (e, id, "tpm-lpc", "emulator", NULL, NULL, error);
}
static gboolean bad_tpm_backend (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_tpm (e, id, "tpm-tis", "external", NULL, NULL, error);
}
static gboolean bad_tpm_no_device (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_tpm (e, id, "tpm-tis", "passthrough", NULL, NULL, error);
}
static gboolean bad_tpm_device (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_tpm (e, id, "tpm-tis", "passthrough", "/tmp/tpm", NULL, error);
}
static gboolean bad_tpm_version (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_tpm (e, id, "tpm-tis", "emulator", NULL, "3.0", error);
}
static gboolean bad_tpm_crb_12 (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_tpm (e, id, "tpm-crb", "emulator", NULL, "1.2", error);
}
static gboolean bad_panic_model (VdDomainEditor *e, const char *id, GError **error)
{
  return vd_domain_editor_set_panic_model (e, id, "bluescreen", error);
}

#define MISC_BAD_DEV_EDITS \
  { "sound-model", VD_DEVICE_KIND_SOUND, misc_any, bad_sound_model, VD_ERROR_INVALID_ARGUMENT, \
    "“beeper” is not a sound card model" }, \
  { "tpm-model", VD_DEVICE_KIND_TPM, misc_any, bad_tpm_model, VD_ERROR_INVALID_ARGUMENT, \
    "“tpm-lpc” is not a TPM model" }, \
  { "tpm-backend", VD_DEVICE_KIND_TPM, misc_any, bad_tpm_backend, VD_ERROR_INVALID_ARGUMENT, \
    "“external” is not a TPM backend" }, \
  { "tpm-no-device", VD_DEVICE_KIND_TPM, misc_any, bad_tpm_no_device, \
    VD_ERROR_INVALID_ARGUMENT, "needs the host’s TPM device" }, \
  { "tpm-device", VD_DEVICE_KIND_TPM, misc_any, bad_tpm_device, VD_ERROR_INVALID_ARGUMENT, \
    "“/tmp/tpm” is not a host device under /dev" }, \
  { "tpm-version", VD_DEVICE_KIND_TPM, misc_any, bad_tpm_version, VD_ERROR_INVALID_ARGUMENT, \
    "“3.0” is not a TPM version" }, \
  { "tpm-crb-1.2", VD_DEVICE_KIND_TPM, misc_any, bad_tpm_crb_12, VD_ERROR_INVALID_ARGUMENT, \
    "cannot emulate version 1.2" }, \
  { "panic-model", VD_DEVICE_KIND_PANIC, misc_any, bad_panic_model, VD_ERROR_INVALID_ARGUMENT, \
    "“bluescreen” is not a panic notifier model" },
