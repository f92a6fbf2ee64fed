/* vd-url-install.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <osinfo/osinfo.h>

G_BEGIN_DECLS

/**
 * VdUrlTree:
 * @url: the tree's URL as given
 * @os: (nullable): the OS libosinfo identified, %NULL for a tree it does
 *   not know
 * @kernel: the kernel's path relative to @url ("images/pxeboot/vmlinuz")
 * @initrd: the initrd's path relative to @url
 * @install_arg: (nullable): the kernel argument naming the tree for the
 *   installer of @os ("inst.repo"), %NULL when libosinfo says none
 *
 * What an install tree on a server holds, read from its .treeinfo.
 */
typedef struct
{
  char     *url;
  OsinfoOs *os;
  char     *kernel;
  char     *initrd;
  char     *install_arg;
} VdUrlTree;

typedef void (*VdUrlDownloadProgress) (guint64  done,
                                       guint64  total,
                                       gpointer user_data);

void       vd_url_tree_free         (VdUrlTree            *tree);
void       vd_url_tree_read_async   (const char           *url,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
VdUrlTree *vd_url_tree_read_finish  (GAsyncResult         *result,
                                     GError              **error);
char      *vd_url_resolve           (const char           *base,
                                     const char           *relative);
gboolean   vd_url_download          (const char           *url,
                                     GOutputStream        *output,
                                     VdUrlDownloadProgress progress,
                                     gpointer              progress_data,
                                     GCancellable         *cancellable,
                                     GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (VdUrlTree, vd_url_tree_free)

G_END_DECLS
