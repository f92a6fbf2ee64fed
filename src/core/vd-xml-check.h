/* vd-xml-check.h
 *
 * Copyright 2026 The virt-desk authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean vd_xml_check_well_formed (const char  *text,
                                   int         *line,
                                   int         *column,
                                   GError     **error);

G_END_DECLS
