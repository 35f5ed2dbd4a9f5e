/* sillon-version.c — the one version string every executable reports
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-version.h"

#include <sodium.h>
#include <sqlite3.h>

/* Both `sillon --version` and `sillon-cli --version` print this, so that a
 * support request names one version whichever tool the person used. */
const char *
sillon_version (void)
{
  return PACKAGE_VERSION;
}

/* The libraries that handle the vault matter when diagnosing a problem, so
 * the long form names the versions actually loaded at run time. */
char *
sillon_version_describe (void)
{
  return g_strdup_printf ("%s %s (SQLite %s, libsodium %s, GLib %u.%u.%u)",
                          PACKAGE_NAME, PACKAGE_VERSION,
                          sqlite3_libversion (),
                          sodium_version_string (),
                          glib_major_version, glib_minor_version,
                          glib_micro_version);
}
