/* sillon-data.h — the read-only data files built into Sillon
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SILLON_DATA_ERROR (sillon_data_error_quark ())

typedef enum
{
  SILLON_DATA_ERROR_NOT_FOUND,    /* no such file in the bundle */
  SILLON_DATA_ERROR_INVALID_NAME, /* not a plain file name */
} SillonDataError;

GQuark sillon_data_error_quark (void);

/* Where the files of resources/data are in the GResource namespace once
 * sillon_data_ensure_registered() has run: RESOURCE_PREFIX "/data". */
#define SILLON_DATA_RESOURCE_PATH "/io/github/sillon_app/Sillon/data"

void sillon_data_ensure_registered (void);

GBytes *sillon_data_load (const char *basename,
                          GError **error) G_GNUC_WARN_UNUSED_RESULT;
GStrv sillon_data_list (void) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
