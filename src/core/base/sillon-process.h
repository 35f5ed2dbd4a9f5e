/* sillon-process.h — process-wide set-up every Sillon executable does first
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Initialises libsodium, forbids core dumps, which would write the
 * unlocked vault's keys and plaintext pages to disk, and makes SQLite wipe
 * every block of its heap when it frees it (decrypted pages, query
 * results). Call it in main() before anything else touches a secret or
 * SQLite. Returns FALSE only if libsodium cannot be initialised (no usable
 * random source). */
gboolean sillon_process_init (GError **error);

/* How many bytes of SQLite's heap were wiped when freed since the process
 * started: 0 when sillon_process_init () came after SQLite's first use. */
gsize sillon_process_get_sqlite_bytes_wiped (void);

/* Sets the locale and binds Sillon's text domain. Translations come from
 * $SILLON_LOCALEDIR when it is set (build-aux/run points it at the build
 * tree, so an uninstalled Sillon speaks French too), else from LOCALEDIR. */
void sillon_process_init_i18n (void);

G_END_DECLS
