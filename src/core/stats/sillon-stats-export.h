/* sillon-stats-export.h — statistics and Coop-compatible exports as CSV,
 * XLSX and JSON
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sillon-stats-release.h"
#include "sillon-store.h"

G_BEGIN_DECLS

typedef enum
{
  SILLON_STATS_FORMAT_CSV,  /* UTF-8 with BOM, ";" between fields */
  SILLON_STATS_FORMAT_XLSX, /* through libxlsxwriter */
  SILLON_STATS_FORMAT_JSON,
} SillonStatsFormat;

/* From a file name's extension (.csv, .xlsx, .json); FALSE otherwise. */
gboolean sillon_stats_format_from_path (const char *path, SillonStatsFormat *out_format, GError **error);

/* The text a spreadsheet would run as a formula (first character =, +, -,
 * @, a tab or a carriage return) with an apostrophe in front; other text
 * unchanged. */
char *sillon_stats_neutralise (const char *text) G_GNUC_WARN_UNUSED_RESULT;

/* The release as published: suppressed cells as "s" in CSV/XLSX and null
 * in JSON, with metadata (period, generator, k, ε, which cells were hidden
 * and why). The file is replaced atomically. */
gboolean sillon_stats_release_write (SillonStatsRelease *release,
                                     SillonVocabulary *vocabulary,
                                     SillonStatsFormat format,
                                     const char *path,
                                     GError **error);
char *sillon_stats_release_to_json (SillonStatsRelease *release,
                                    SillonVocabulary *vocabulary) G_GNUC_WARN_UNUSED_RESULT;

/* The details of the journal entry for an export of aggregates over
 * [@from, @to] (@kind: "stats-tables", "stats-bundle"): the kind and the
 * period, nothing else. The CLI and the application journal the same. */
char *sillon_stats_export_journal_details (const char *kind,
                                           const char *from,
                                           const char *to) G_GNUC_WARN_UNUSED_RESULT;

/* Who exports, and when: the "Informations export" block at the head of
 * the Coop's activities export. */
typedef struct
{
  /* The mediator's name as Sillon keeps it (one text): its first word is
   * written as "Prénom", the rest as "Nom". NULL: both empty. */
  const char *display_name;
  /* The Coop's role; NULL: "Médiateur". */
  const char *role;
  /* When; NULL: now, in local time. */
  GDateTime *exported_at;
} SillonStatsExporter;

/* One row per accompagnement over [@from, @to], with exactly the layout,
 * columns and value conventions of the Coop's activities export (a
 * mediator's own export: with the beneficiary and the notes): the
 * "Informations export" block (@exporter, the number of rows, the date and
 * time), the "Filtres" block (the period), a blank row, then the table.
 * Personal data: the caller journals it; the file is readable by its owner
 * only. */
gboolean sillon_stats_export_activities (SillonStore *store,
                                         const char *from,
                                         const char *to,
                                         const SillonStatsExporter *exporter,
                                         SillonStatsFormat format,
                                         const char *path,
                                         guint *out_rows,
                                         GError **error);

/* The people of the vault in the Coop's import template: sheet
 * "Bénéficiaires", headers on row 3, data from row 4, its ten columns.
 * People without a last name (anonymous or anonymised) cannot be imported
 * by the Coop and are counted in @out_skipped. */
gboolean sillon_stats_export_beneficiaries (SillonStore *store,
                                            SillonStatsFormat format,
                                            const char *path,
                                            guint *out_rows,
                                            guint *out_skipped,
                                            GError **error);

G_END_DECLS
