/* sillon-stats-indicators.h — the indicators of a period, counted the way
 * La Coop de la médiation numérique counts them, plus Sillon's own
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sillon-stats-release.h"
#include "sillon-store.h"

G_BEGIN_DECLS

/* Parses "2026", "2026-03", "2026-01..2026-06" or "2026-01-15..2026-02-14"
 * into inclusive YYYY-MM-DD bounds. */
gboolean sillon_stats_parse_period (const char *text,
                                    char **out_from,
                                    char **out_to,
                                    GError **error);

/* Every table of docs/STATISTICS.md over [@from, @to], exact (nothing
 * suppressed yet). Reads the vault with bound parameters only. */
SillonStatsRelease *sillon_stats_compute (SillonStore *store,
                                          const char *from,
                                          const char *to,
                                          GError **error) G_GNUC_WARN_UNUSED_RESULT;

/* The relations between tables that no single table shows (days within
 * their month, communes within their département); called by
 * sillon_stats_compute() and again on a merged release. */
void sillon_stats_link_hierarchies (SillonStatsRelease *release);

/* The translated name of a dimension ("month" → "Month"), or itself. */
const char *sillon_stats_dimension_label (const char *dimension);

/* The French label of a category of a dimension (from the national
 * vocabulary when it has one), or the category itself. */
const char *sillon_stats_category_label (SillonVocabulary *vocabulary,
                                         const char *dimension,
                                         const char *category);

G_END_DECLS
