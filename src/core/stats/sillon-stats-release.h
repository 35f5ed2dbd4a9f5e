/* sillon-stats-release.h — a release of statistical tables: cells, margins, the
 * linear relations between them, and their publication (suppression or noise)
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A release is a set of tables computed over one period. Every published
 * number is a *variable* with a key ("acc|month=2026-01|type=individuel");
 * two tables that show the same margin (the accompagnements of each type,
 * the total of people) point at the same variable, so that suppressing it
 * in one table suppresses it in all of them, and so that the protection
 * check sees every relation an outsider could combine.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SILLON_STATS_ERROR (sillon_stats_error_quark ())

typedef enum
{
  SILLON_STATS_ERROR_INVALID,         /* a bad argument: the message says which */
  SILLON_STATS_ERROR_SQL,             /* the vault could not be read */
  SILLON_STATS_ERROR_BUDGET,          /* the privacy budget of the period would be exceeded */
  SILLON_STATS_ERROR_BUNDLE_FORMAT,   /* not a bundle, or truncated */
  SILLON_STATS_ERROR_BUNDLE_TAMPERED, /* the seal or the signature does not verify */
  SILLON_STATS_ERROR_WRONG_RECIPIENT, /* sealed to another coordinator */
  SILLON_STATS_ERROR_UNTRUSTED_SITE,  /* signed by a site not in the trust list */
  SILLON_STATS_ERROR_REPLAYED,        /* the same site and period twice */
  SILLON_STATS_ERROR_MISMATCH,        /* bundles of different periods or formats */
  SILLON_STATS_ERROR_KEY,             /* a key file is missing, malformed or unsafe */
  SILLON_STATS_ERROR_IO,              /* a file could not be written or read */
} SillonStatsError;

GQuark sillon_stats_error_quark (void);

/* The frequency rule: a cell counting fewer than k distinct people (but
 * more than none) is not published. */
#define SILLON_STATS_DEFAULT_K 11
#define SILLON_STATS_MIN_K 5

typedef enum
{
  SILLON_STATS_MEASURE_ACCOMPAGNEMENTS, /* one per person and activity */
  SILLON_STATS_MEASURE_ACTIVITIES,      /* one per session or workshop */
  SILLON_STATS_MEASURE_PERSONS,         /* distinct people */
  SILLON_STATS_MEASURE_REFERRALS,       /* referrals issued */
  SILLON_STATS_MEASURE_ASSESSED,        /* distinct people assessed */
  SILLON_STATS_MEASURE_COMPARED,        /* distinct people assessed twice or more */
} SillonStatsMeasure;

const char *sillon_stats_measure_to_id (SillonStatsMeasure measure);

typedef enum
{
  SILLON_STATS_CELL_PUBLISHED,
  SILLON_STATS_CELL_PRIMARY,   /* fewer than k people */
  SILLON_STATS_CELL_SECONDARY, /* hidden so that a primary cell cannot be recomputed */
} SillonStatsCellStatus;

const char *sillon_stats_cell_status_to_id (SillonStatsCellStatus status);

typedef struct
{
  char *key;
  gint64 value;   /* exact count */
  gint64 persons; /* distinct people behind it: what the frequency rule reads */
  SillonStatsCellStatus status;
  /* While counting: the last unit, person and activity added, so that a
   * margin shared by several tables counts each of them once. */
  gint64 stamp_unit;
  gint64 stamp_person;
  gint64 stamp_activity;
} SillonStatsVar;

typedef struct
{
  char *id;    /* "acc_month_type" */
  char *title; /* English; translated when shown */
  SillonStatsMeasure measure;
  char *row_dim;   /* "month" */
  char *col_dim;   /* "type", or NULL for a one-way table */
  GPtrArray *rows; /* category ids (char *) */
  GPtrArray *cols; /* category ids; empty for a one-way table */
  /* TRUE when every unit falls in exactly one row (resp. column): then the
   * column totals are the sums of the rows (resp. the row totals the sums
   * of the columns). Themes are not additive: a session has several. */
  gboolean rows_additive;
  gboolean cols_additive;
  /* FALSE when the additivity holds inside the table but not on its total
   * line: people counted once per row may fall in several columns over
   * all rows (an axis that rose while another fell). */
  gboolean margins_additive;
  /* (rows + 1) × (cols + 1) variable indices, row-major; the last row holds
   * the column totals, the last column the row totals. A one-way table has
   * cols = 0: its only column is the total column. */
  guint *grid;
  /* Values published under differential privacy, same layout (NULL
   * otherwise): noise is drawn per table. */
  gint64 *noisy;
  guint n_rows; /* rows->len + 1 */
  guint n_cols; /* cols->len + 1 */
} SillonStatsTable;

typedef enum
{
  SILLON_STATS_MODE_EXACT,       /* nothing protected: for bundles and tests only */
  SILLON_STATS_MODE_SUPPRESSION, /* frequency rule + secondary suppression */
  SILLON_STATS_MODE_NOISE,       /* differential privacy (person tables only) */
} SillonStatsMode;

typedef struct
{
  char *from;        /* YYYY-MM-DD, inclusive */
  char *to;          /* YYYY-MM-DD, inclusive */
  GPtrArray *vars;   /* SillonStatsVar* */
  GHashTable *index; /* key → GUINT_TO_POINTER (index + 1) */
  GPtrArray *tables; /* SillonStatsTable* */
  /* Publication */
  SillonStatsMode mode;
  guint k;
  gint64 epsilon_micro; /* ε × 10⁶, noise mode only */
  guint n_sites;        /* 0: one vault; otherwise the number of merged bundles */
} SillonStatsRelease;

SillonStatsRelease *sillon_stats_release_new (const char *from, const char *to);
void sillon_stats_release_free (SillonStatsRelease *release);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SillonStatsRelease, sillon_stats_release_free)

/* The variable of @key, created (zero) when absent. */
guint sillon_stats_release_var (SillonStatsRelease *release, const char *key);
/* -1 when absent. */
gint sillon_stats_release_lookup (SillonStatsRelease *release, const char *key);
SillonStatsVar *sillon_stats_release_get_var (SillonStatsRelease *release, guint index);

/* Adds a table whose cells are the variables "MEASURE|ROWDIM=r|COLDIM=c",
 * margins "MEASURE|ROWDIM=r", "MEASURE|COLDIM=c" and "MEASURE|". */
SillonStatsTable *sillon_stats_release_add_table (SillonStatsRelease *release,
                                                  const char *id,
                                                  const char *title,
                                                  SillonStatsMeasure measure,
                                                  const char *row_dim,
                                                  const char *const *rows,
                                                  gboolean rows_additive,
                                                  const char *col_dim,
                                                  const char *const *cols,
                                                  gboolean cols_additive);
SillonStatsTable *sillon_stats_release_find_table (SillonStatsRelease *release, const char *id);

/* The variable of a cell; @row == n_rows - 1 is the total row, likewise for
 * columns. */
static inline guint
sillon_stats_table_cell (const SillonStatsTable *table, guint row, guint col)
{
  return table->grid[row * table->n_cols + col];
}

/* The key of a cell, built the way the tables build theirs. */
char *sillon_stats_cell_key (SillonStatsMeasure measure,
                             const char *row_dim,
                             const char *row,
                             const char *col_dim,
                             const char *col);

/* ── Linear relations ─────────────────────────────────────────────────── */

/* A relation: the sum of the parts equals the whole. Every relation any
 * table of the release implies (row sums, column sums, the totals), each
 * once. */
typedef struct
{
  guint whole;
  GArray *parts; /* guint variable indices */
} SillonStatsRelation;

/* Element type: SillonStatsRelation*. */
GPtrArray *sillon_stats_release_relations (SillonStatsRelease *release);

/* Extra relations beyond the tables' own (e.g. communes within a
 * département), which the protection must also respect. */
void sillon_stats_release_add_relation (SillonStatsRelease *release,
                                        guint whole,
                                        const guint *parts,
                                        guint n_parts);

/* ── Publication ──────────────────────────────────────────────────────── */

/* Primary suppression (0 < persons < k) and secondary suppression until
 * every primary cell passes the protection check. @k below
 * SILLON_STATS_MIN_K is refused. Resets any earlier suppression. */
gboolean sillon_stats_release_suppress (SillonStatsRelease *release,
                                        guint k,
                                        GError **error);

/* The interval an outsider can deduce for variable @var from every
 * published value and every relation, with counts ≥ 0 (a linear
 * programme). Published variables give [value, value]. @out_hi is
 * G_MAXINT64 when unbounded. */
gboolean sillon_stats_release_bounds (SillonStatsRelease *release,
                                      guint var,
                                      double *out_lo,
                                      double *out_hi);

/* Sums of every relation hold on the exact values (a self-check used after
 * a merge). */
gboolean sillon_stats_release_check_consistent (SillonStatsRelease *release, GError **error);

/* Adds the values and person counts of @other into @release (same period);
 * variables absent from @release are created, tables are taken from
 * @release's definitions. */
void sillon_stats_release_add (SillonStatsRelease *release, const SillonStatsRelease *other);

G_END_DECLS
