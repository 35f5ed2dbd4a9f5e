/* sillon-stats-private.h — what the modules of the statistics layer share
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#if !defined(SILLON_STATS_COMPILATION)
#error "sillon-stats-private.h is private to the stats layer (src/core/stats)"
#endif

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Sets @error to SILLON_STATS_ERROR_SQL with SQLite's last message on @db,
 * the one error every query of the statistics gives, or to the vault's
 * TAMPERED error when a page failed authentication; returns FALSE. */
gboolean sillon_stats_set_sql_error (sqlite3 *db, GError **error);

G_END_DECLS
