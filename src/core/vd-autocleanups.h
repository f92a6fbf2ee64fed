/* vd-autocleanups.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libvirt/libvirt.h>
#include <libvirt-gobject/libvirt-gobject.h>
#include <libvirt-gconfig/libvirt-gconfig.h>

/* None of libvirt, libvirt-gobject or libvirt-gconfig define g_autoptr
 * cleanups: declare them once here. */

G_BEGIN_DECLS

#ifndef __GI_SCANNER__
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GVirConnection, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GVirDomain, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GVirStoragePool, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GVirStorageVol, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GVirNetwork, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GVirConfigDomain, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GVirConfigObject, g_object_unref)

/* Raw libvirt handles used from workers. */
typedef struct _virConnect VdVirConnect;
typedef struct _virDomain VdVirDomain;
typedef struct _virStorageVol VdVirStorageVol;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VdVirConnect, virConnectClose)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VdVirDomain, virDomainFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (VdVirStorageVol, virStorageVolFree)
#endif

G_END_DECLS
