/* vd-domain-editor-devices.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "vd-domain-editor.h"

G_BEGIN_DECLS

/**
 * VdDeviceKind:
 *
 * What a child of &lt;devices&gt; is. A &lt;disk&gt; is a disk, a CD-ROM or a
 * floppy after its device attribute (a LUN counts as a disk); anything the
 * editor does not know is %VD_DEVICE_KIND_OTHER and is never changed.
 */
typedef enum
{
  VD_DEVICE_KIND_DISK,
  VD_DEVICE_KIND_CDROM,
  VD_DEVICE_KIND_FLOPPY,
  VD_DEVICE_KIND_INTERFACE,
  VD_DEVICE_KIND_GRAPHICS,
  VD_DEVICE_KIND_VIDEO,
  VD_DEVICE_KIND_SOUND,
  VD_DEVICE_KIND_INPUT,
  VD_DEVICE_KIND_SERIAL,
  VD_DEVICE_KIND_PARALLEL,
  VD_DEVICE_KIND_CONSOLE,
  VD_DEVICE_KIND_CHANNEL,
  VD_DEVICE_KIND_HOSTDEV,
  VD_DEVICE_KIND_REDIRDEV,
  VD_DEVICE_KIND_CONTROLLER,
  VD_DEVICE_KIND_RNG,
  VD_DEVICE_KIND_WATCHDOG,
  VD_DEVICE_KIND_TPM,
  VD_DEVICE_KIND_SMARTCARD,
  VD_DEVICE_KIND_FILESYSTEM,
  VD_DEVICE_KIND_MEMBALLOON,
  VD_DEVICE_KIND_PANIC,
  VD_DEVICE_KIND_SHMEM,
  VD_DEVICE_KIND_OTHER,
} VdDeviceKind;

#define VD_TYPE_DEVICE_REF (vd_device_ref_get_type ())

typedef struct _VdDeviceRef VdDeviceRef;

GType         vd_device_ref_get_type    (void) G_GNUC_CONST;
VdDeviceRef  *vd_device_ref_copy        (const VdDeviceRef *self);
void          vd_device_ref_free        (VdDeviceRef       *self);
VdDeviceKind  vd_device_ref_get_kind    (const VdDeviceRef *self);
const char   *vd_device_ref_get_id      (const VdDeviceRef *self);
const char   *vd_device_ref_get_label   (const VdDeviceRef *self);
const char   *vd_device_ref_get_element (const VdDeviceRef *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VdDeviceRef, vd_device_ref_free)

const char   *vd_device_kind_to_string  (VdDeviceKind       kind);

GPtrArray    *vd_domain_editor_list_devices   (VdDomainEditor  *self);
VdDeviceKind  vd_domain_editor_get_device_kind (VdDomainEditor *self,
                                               const char      *id);
char         *vd_domain_editor_get_device_xml (VdDomainEditor  *self,
                                               const char      *id);
char         *vd_domain_editor_add_device_xml (VdDomainEditor  *self,
                                               const char      *xml,
                                               GError         **error);
gboolean      vd_domain_editor_remove_device  (VdDomainEditor  *self,
                                               const char      *id,
                                               GError         **error);

/* Disks, CD-ROMs and floppies */

/**
 * VdDiskSourceType:
 * @VD_DISK_SOURCE_NONE: no medium (a CD-ROM or floppy only)
 * @VD_DISK_SOURCE_FILE: an image file (@path)
 * @VD_DISK_SOURCE_BLOCK: a host block device (@path)
 * @VD_DISK_SOURCE_VOLUME: a storage volume (@pool, @volume)
 * @VD_DISK_SOURCE_NETWORK: a network disk (@protocol, @name, @host, @port)
 * @VD_DISK_SOURCE_OTHER: something else (nvme, vhost-user, ...): read only
 */
typedef enum
{
  VD_DISK_SOURCE_NONE,
  VD_DISK_SOURCE_FILE,
  VD_DISK_SOURCE_BLOCK,
  VD_DISK_SOURCE_VOLUME,
  VD_DISK_SOURCE_NETWORK,
  VD_DISK_SOURCE_OTHER,
} VdDiskSourceType;

typedef struct
{
  VdDiskSourceType  type;
  char             *path;
  char             *pool;
  char             *volume;
  char             *protocol;
  char             *name;
  char             *host;
  guint             port;      /* 0: the protocol's default */
} VdDiskSource;

void     vd_disk_source_clear              (VdDiskSource        *source);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (VdDiskSource, vd_disk_source_clear)

gboolean vd_domain_editor_get_disk_source  (VdDomainEditor      *self,
                                            const char          *id,
                                            VdDiskSource        *source);
gboolean vd_domain_editor_set_disk_source  (VdDomainEditor      *self,
                                            const char          *id,
                                            const VdDiskSource  *source,
                                            GError             **error);
char    *vd_domain_editor_get_disk_target  (VdDomainEditor      *self,
                                            const char          *id);
char    *vd_domain_editor_get_disk_bus     (VdDomainEditor      *self,
                                            const char          *id);
gboolean vd_domain_editor_set_disk_bus     (VdDomainEditor      *self,
                                            const char          *id,
                                            const char          *bus,
                                            GError             **error);
char    *vd_domain_editor_get_disk_format  (VdDomainEditor      *self,
                                            const char          *id);
gboolean vd_domain_editor_set_disk_format  (VdDomainEditor      *self,
                                            const char          *id,
                                            const char          *format,
                                            GError             **error);
char    *vd_domain_editor_get_disk_cache   (VdDomainEditor      *self,
                                            const char          *id);
gboolean vd_domain_editor_set_disk_cache   (VdDomainEditor      *self,
                                            const char          *id,
                                            const char          *cache,
                                            GError             **error);
char    *vd_domain_editor_get_disk_io      (VdDomainEditor      *self,
                                            const char          *id);
gboolean vd_domain_editor_set_disk_io      (VdDomainEditor      *self,
                                            const char          *id,
                                            const char          *io,
                                            GError             **error);
char    *vd_domain_editor_get_disk_discard (VdDomainEditor      *self,
                                            const char          *id);
gboolean vd_domain_editor_set_disk_discard (VdDomainEditor      *self,
                                            const char          *id,
                                            const char          *discard,
                                            GError             **error);
gboolean vd_domain_editor_get_disk_readonly  (VdDomainEditor    *self,
                                              const char        *id);
gboolean vd_domain_editor_set_disk_readonly  (VdDomainEditor    *self,
                                              const char        *id,
                                              gboolean           readonly,
                                              GError           **error);
gboolean vd_domain_editor_get_disk_shareable (VdDomainEditor    *self,
                                              const char        *id);
gboolean vd_domain_editor_set_disk_shareable (VdDomainEditor    *self,
                                              const char        *id,
                                              gboolean           shareable,
                                              GError           **error);
gboolean vd_domain_editor_get_disk_removable (VdDomainEditor    *self,
                                              const char        *id);
gboolean vd_domain_editor_set_disk_removable (VdDomainEditor    *self,
                                              const char        *id,
                                              gboolean           removable,
                                              GError           **error);
char    *vd_domain_editor_get_disk_serial  (VdDomainEditor      *self,
                                            const char          *id);
gboolean vd_domain_editor_set_disk_serial  (VdDomainEditor      *self,
                                            const char          *id,
                                            const char          *serial,
                                            GError             **error);

/* Network interfaces */

gboolean vd_domain_editor_get_nic_source   (VdDomainEditor      *self,
                                            const char          *id,
                                            char               **type,
                                            char               **source,
                                            char               **mode);
gboolean vd_domain_editor_set_nic_source   (VdDomainEditor      *self,
                                            const char          *id,
                                            const char          *type,
                                            const char          *source,
                                            const char          *mode,
                                            GError             **error);
char    *vd_domain_editor_get_nic_model    (VdDomainEditor      *self,
                                            const char          *id);
gboolean vd_domain_editor_set_nic_model    (VdDomainEditor      *self,
                                            const char          *id,
                                            const char          *model,
                                            GError             **error);
char    *vd_domain_editor_get_nic_mac      (VdDomainEditor      *self,
                                            const char          *id);
gboolean vd_domain_editor_set_nic_mac      (VdDomainEditor      *self,
                                            const char          *id,
                                            const char          *mac,
                                            GError             **error);
gboolean vd_domain_editor_get_nic_link_up  (VdDomainEditor      *self,
                                            const char          *id);
gboolean vd_domain_editor_set_nic_link_up  (VdDomainEditor      *self,
                                            const char          *id,
                                            gboolean             up,
                                            GError             **error);
char    *vd_domain_editor_get_nic_portgroup (VdDomainEditor     *self,
                                             const char         *id);
gboolean vd_domain_editor_set_nic_portgroup (VdDomainEditor     *self,
                                             const char         *id,
                                             const char         *portgroup,
                                             GError            **error);
int      vd_domain_editor_get_nic_vlan     (VdDomainEditor      *self,
                                            const char          *id);
gboolean vd_domain_editor_set_nic_vlan     (VdDomainEditor      *self,
                                            const char          *id,
                                            int                  tag,
                                            GError             **error);
gboolean vd_domain_editor_get_nic_bandwidth (VdDomainEditor     *self,
                                             const char         *id,
                                             gboolean            inbound,
                                             guint64            *average,
                                             guint64            *peak,
                                             guint64            *burst);
gboolean vd_domain_editor_set_nic_bandwidth (VdDomainEditor     *self,
                                             const char         *id,
                                             gboolean            inbound,
                                             guint64             average,
                                             guint64             peak,
                                             guint64             burst,
                                             GError            **error);

/* Graphics */

char    *vd_domain_editor_get_graphics_type    (VdDomainEditor  *self,
                                                const char      *id);
gboolean vd_domain_editor_set_graphics_type    (VdDomainEditor  *self,
                                                const char      *id,
                                                const char      *type,
                                                GError         **error);
char    *vd_domain_editor_get_graphics_listen  (VdDomainEditor  *self,
                                                const char      *id);
gboolean vd_domain_editor_set_graphics_listen  (VdDomainEditor  *self,
                                                const char      *id,
                                                const char      *address,
                                                GError         **error);
char    *vd_domain_editor_get_graphics_listen_type (VdDomainEditor *self,
                                                    const char     *id,
                                                    char          **value);
gboolean vd_domain_editor_set_graphics_listen_type (VdDomainEditor *self,
                                                    const char     *id,
                                                    const char     *type,
                                                    const char     *value,
                                                    GError        **error);
int      vd_domain_editor_get_graphics_port    (VdDomainEditor  *self,
                                                const char      *id);
gboolean vd_domain_editor_set_graphics_port    (VdDomainEditor  *self,
                                                const char      *id,
                                                int              port,
                                                GError         **error);
char    *vd_domain_editor_get_graphics_keymap  (VdDomainEditor  *self,
                                                const char      *id);
gboolean vd_domain_editor_set_graphics_keymap  (VdDomainEditor  *self,
                                                const char      *id,
                                                const char      *keymap,
                                                GError         **error);
gboolean vd_domain_editor_get_graphics_gl      (VdDomainEditor  *self,
                                                const char      *id);
gboolean vd_domain_editor_set_graphics_gl      (VdDomainEditor  *self,
                                                const char      *id,
                                                gboolean         enabled,
                                                GError         **error);
gboolean vd_domain_editor_get_graphics_has_password (VdDomainEditor *self,
                                                     const char     *id);
gboolean vd_domain_editor_set_graphics_password (VdDomainEditor *self,
                                                 const char     *id,
                                                 const char     *password,
                                                 GError        **error);

/* Video */

char    *vd_domain_editor_get_video_model  (VdDomainEditor      *self,
                                            const char          *id);
gboolean vd_domain_editor_set_video_model  (VdDomainEditor      *self,
                                            const char          *id,
                                            const char          *model,
                                            GError             **error);
guint    vd_domain_editor_get_video_vram   (VdDomainEditor      *self,
                                            const char          *id);
gboolean vd_domain_editor_set_video_vram   (VdDomainEditor      *self,
                                            const char          *id,
                                            guint                vram_kib,
                                            GError             **error);
guint    vd_domain_editor_get_video_heads  (VdDomainEditor      *self,
                                            const char          *id);
gboolean vd_domain_editor_set_video_heads  (VdDomainEditor      *self,
                                            const char          *id,
                                            guint                heads,
                                            GError             **error);
gboolean vd_domain_editor_get_video_accel3d (VdDomainEditor     *self,
                                             const char         *id);
gboolean vd_domain_editor_set_video_accel3d (VdDomainEditor     *self,
                                             const char         *id,
                                             gboolean            enabled,
                                             GError            **error);

/* Input, watchdog, memory balloon, random number generator */

gboolean vd_domain_editor_get_input        (VdDomainEditor      *self,
                                            const char          *id,
                                            char               **type,
                                            char               **bus);
gboolean vd_domain_editor_set_input        (VdDomainEditor      *self,
                                            const char          *id,
                                            const char          *type,
                                            const char          *bus,
                                            GError             **error);
gboolean vd_domain_editor_get_watchdog     (VdDomainEditor      *self,
                                            const char          *id,
                                            char               **model,
                                            char               **action);
gboolean vd_domain_editor_set_watchdog     (VdDomainEditor      *self,
                                            const char          *id,
                                            const char          *model,
                                            const char          *action,
                                            GError             **error);
char    *vd_domain_editor_get_memballoon_model (VdDomainEditor  *self,
                                                const char      *id);
gboolean vd_domain_editor_set_memballoon_model (VdDomainEditor  *self,
                                                const char      *id,
                                                const char      *model,
                                                GError         **error);
gboolean vd_domain_editor_get_rng_backend  (VdDomainEditor      *self,
                                            const char          *id,
                                            char               **model,
                                            char               **source);
gboolean vd_domain_editor_set_rng_backend  (VdDomainEditor      *self,
                                            const char          *id,
                                            const char          *model,
                                            const char          *source,
                                            GError             **error);

G_END_DECLS
