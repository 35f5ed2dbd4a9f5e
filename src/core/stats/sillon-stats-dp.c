/* sillon-stats-dp.c — discrete Laplace noise and the privacy-budget ledger
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Floating-point Laplace samplers leak through the gaps of the doubles
 * they can produce (Mironov, 2012). The discrete Laplace law sampled
 * exactly with integers (Canonne, Kamath, Steinke, "The Discrete Gaussian
 * for Differential Privacy", 2020, algorithms 1 and 2) has no such gaps;
 * every coin comes from libsodium's randombytes (a CSPRNG), never from
 * rand() or GRand.
 */

#include "config.h"

#include "sillon-stats-dp.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "sillon-stats-private.h"

gboolean
sillon_stats_epsilon_parse (const char *text, gint64 *out_micro, GError **error)
{
  gint64 whole = 0, fraction = 0;
  guint digits = 0;
  const char *p = text;

  if (p == NULL || !g_ascii_isdigit (*p))
    goto bad;
  while (g_ascii_isdigit (*p) && whole < 1000)
    whole = whole * 10 + (*p++ - '0');
  if (whole >= 1000)
    goto bad;
  if (*p == '.')
    {
      p++;
      while (g_ascii_isdigit (*p) && digits < 6)
        {
          fraction = fraction * 10 + (*p++ - '0');
          digits++;
        }
    }
  if (*p != '\0')
    goto bad;
  for (; digits < 6; digits++)
    fraction *= 10;
  *out_micro = whole * SILLON_STATS_EPSILON_UNIT + fraction;
  if (*out_micro <= 0)
    goto bad;
  return TRUE;

bad:
  g_set_error (error, SILLON_STATS_ERROR, SILLON_STATS_ERROR_INVALID,
               /* Translators: %s is what the user typed for ε */
               _ ("“%s” is not a valid ε: give a positive number below 1000 with at most six decimals, such as 0.5"),
               text != NULL ? text : "");
  return FALSE;
}

/* ── Exact samplers ───────────────────────────────────────────────────── */

/* randombytes_buf() asks the kernel each time; the sampler needs a few
 * coins per draw and millions of draws in a large release, so it takes
 * them from a buffer that randombytes_buf() fills 4 KiB at a time. Each
 * coin is wiped once used: the noise is what hides the true counts. */
#define POOL_BYTES 4096
static __thread guint8 pool[POOL_BYTES];
static __thread gsize pool_used = POOL_BYTES;

static guint64
random64 (void)
{
  guint64 x;

  if (pool_used + sizeof x > POOL_BYTES)
    {
      randombytes_buf (pool, POOL_BYTES);
      pool_used = 0;
    }
  memcpy (&x, pool + pool_used, sizeof x);
  sodium_memzero (pool + pool_used, sizeof x);
  pool_used += sizeof x;
  return x;
}

/* Uniform in [0, n), n ≥ 1, without modulo bias (rejection sampling). */
static guint64
uniform (guint64 n)
{
  guint64 limit = G_MAXUINT64 - (G_MAXUINT64 % n), x;

  do
    x = random64 ();
  while (x >= limit);
  return x % n;
}

/* True with probability num / den. */
static gboolean
bernoulli (guint64 num, guint64 den)
{
  return uniform (den) < num;
}

/* True with probability exp(−num/den), num ≤ den. */
static gboolean
bernoulli_exp_le1 (guint64 num, guint64 den)
{
  guint64 k = 1;

  while (bernoulli (num, den * k))
    k++;
  return k % 2 == 1;
}

/* True with probability exp(−num/den). */
static gboolean
bernoulli_exp (guint64 num, guint64 den)
{
  while (num > den)
    {
      if (!bernoulli_exp_le1 (1, 1))
        return FALSE;
      num -= den;
    }
  return bernoulli_exp_le1 (num, den);
}

gint64
sillon_stats_discrete_laplace (guint64 num, guint64 den)
{
  /* Scale t/s with s = num, t = den: P(y) ∝ exp(−|y| s / t). */
  guint64 s = num, t = den;

  g_return_val_if_fail (num > 0 && den > 0, 0);
  for (;;)
    {
      guint64 u = uniform (t), v = 0, x, y;
      gboolean negative;

      if (!bernoulli_exp (u, t))
        continue;
      while (bernoulli_exp_le1 (1, 1))
        v++;
      x = u + t * v;
      y = x / s;
      negative = bernoulli (1, 2);
      if (negative && y == 0)
        continue;
      return negative ? -(gint64) y : (gint64) y;
    }
}

/* ── Noisy release ────────────────────────────────────────────────────── */

static gboolean
is_person_table (const SillonStatsTable *table)
{
  return table->measure == SILLON_STATS_MEASURE_PERSONS || table->measure == SILLON_STATS_MEASURE_ASSESSED ||
         table->measure == SILLON_STATS_MEASURE_COMPARED;
}

/* How the table's lines are obtained, and how many noisy cells one person
 * can change: what calibrates the noise (the L1 sensitivity). */
typedef struct
{
  gboolean row_totals_derived;    /* x[r][C] = Σc x[r][c] */
  gboolean column_totals_derived; /* x[R][c] = Σr x[r][c] */
  gboolean grand_derived;
  guint64 sensitivity;
} Plan;

static Plan
plan_of (const SillonStatsTable *t)
{
  Plan p = { 0 };
  guint64 nr = t->n_rows - 1, nc = t->n_cols - 1;
  guint64 per_row = t->rows_additive ? 1 : nr; /* rows one person can be in */
  guint64 per_col = t->cols_additive ? 1 : MAX (nc, 1);

  if (nc == 0)
    {
      /* One-way: the rows are the inner cells. */
      p.sensitivity = per_row;
      p.grand_derived = t->rows_additive;
      if (!p.grand_derived)
        p.sensitivity += 1;
      return p;
    }
  p.sensitivity = per_row * per_col;
  p.row_totals_derived = t->cols_additive;
  if (!p.row_totals_derived)
    p.sensitivity += per_row;
  p.column_totals_derived = t->rows_additive && t->margins_additive;
  if (!p.column_totals_derived)
    p.sensitivity += t->margins_additive ? per_col : MAX (nc, 1);
  p.grand_derived = (p.row_totals_derived && t->rows_additive && t->margins_additive) ||
                    (p.column_totals_derived && t->cols_additive && t->margins_additive);
  if (!p.grand_derived)
    p.sensitivity += 1;
  return p;
}

static gint64
noisy (SillonStatsRelease *release, const SillonStatsTable *t, guint r, guint c, gint64 epsilon_micro, guint64 sensitivity)
{
  gint64 value = sillon_stats_release_get_var (release, sillon_stats_table_cell (t, r, c))->value;

  value += sillon_stats_discrete_laplace ((guint64) epsilon_micro, sensitivity * (guint64) SILLON_STATS_EPSILON_UNIT);
  /* Post-processing keeps the guarantee: a count is never negative. */
  return MAX (value, 0);
}

gboolean
sillon_stats_release_add_noise (SillonStatsRelease *release, gint64 epsilon_micro, GError **error)
{
  guint n_tables = 0;
  gint64 per_table;

  for (guint i = 0; i < release->tables->len; i++)
    n_tables += is_person_table (g_ptr_array_index (release->tables, i)) ? 1 : 0;
  if (n_tables == 0 || epsilon_micro < n_tables)
    {
      g_set_error (error, SILLON_STATS_ERROR, SILLON_STATS_ERROR_INVALID,
                   _ ("ε is too small to be shared among the tables"));
      return FALSE;
    }
  /* Sequential composition: each table gets its share; the sum of the
   * shares never exceeds ε. */
  per_table = epsilon_micro / n_tables;
  release->mode = SILLON_STATS_MODE_NOISE;
  release->epsilon_micro = per_table * n_tables;
  for (guint i = 0; i < release->tables->len; i++)
    {
      SillonStatsTable *t = g_ptr_array_index (release->tables, i);
      guint R = t->n_rows - 1, C = t->n_cols - 1;
      Plan plan;
      gint64 *x;

      g_clear_pointer (&t->noisy, g_free);
      if (!is_person_table (t))
        continue;
      plan = plan_of (t);
      x = g_new0 (gint64, t->n_rows * t->n_cols);
      if (C == 0)
        {
          gint64 sum = 0;

          for (guint r = 0; r < R; r++)
            sum += x[r] = noisy (release, t, r, 0, per_table, plan.sensitivity);
          x[R] = plan.grand_derived ? sum : noisy (release, t, R, 0, per_table, plan.sensitivity);
        }
      else
        {
          for (guint r = 0; r < R; r++)
            for (guint c = 0; c < C; c++)
              x[r * t->n_cols + c] = noisy (release, t, r, c, per_table, plan.sensitivity);
          for (guint r = 0; r < R; r++)
            {
              gint64 sum = 0;

              for (guint c = 0; c < C; c++)
                sum += x[r * t->n_cols + c];
              x[r * t->n_cols + C] = plan.row_totals_derived ? sum : noisy (release, t, r, C, per_table, plan.sensitivity);
            }
          for (guint c = 0; c < C; c++)
            {
              gint64 sum = 0;

              for (guint r = 0; r < R; r++)
                sum += x[r * t->n_cols + c];
              x[R * t->n_cols + c] = plan.column_totals_derived ? sum : noisy (release, t, R, c, per_table, plan.sensitivity);
            }
          if (plan.grand_derived)
            {
              gint64 sum = 0;

              if (plan.row_totals_derived && t->rows_additive && t->margins_additive)
                for (guint r = 0; r < R; r++)
                  sum += x[r * t->n_cols + C];
              else
                for (guint c = 0; c < C; c++)
                  sum += x[R * t->n_cols + c];
              x[R * t->n_cols + C] = sum;
            }
          else
            x[R * t->n_cols + C] = noisy (release, t, R, C, per_table, plan.sensitivity);
        }
      t->noisy = x;
    }
  return TRUE;
}

/* ── Ledger ───────────────────────────────────────────────────────────── */

static gint64
query_one (SillonStore *store, const char *sql, int year, gint64 fallback, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = fallback;
  int rc;

  if (sqlite3_prepare_v2 (sillon_store_get_db (store), sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      sillon_stats_set_sql_error (sillon_store_get_db (store), error);
      return -1;
    }
  sqlite3_bind_int (stmt, 1, year);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      sillon_stats_set_sql_error (sillon_store_get_db (store), error);
      value = -1;
    }
  sqlite3_finalize (stmt);
  return value;
}

gint64
sillon_stats_dp_spent (SillonStore *store, int year, GError **error)
{
  return query_one (store, "SELECT coalesce(sum(epsilon_micro), 0) FROM stats_dp_ledger WHERE year = ?1", year, 0, error);
}

gint64
sillon_stats_dp_budget (SillonStore *store, int year, GError **error)
{
  return query_one (store, "SELECT epsilon_micro FROM stats_dp_budget WHERE year = ?1", year,
                    SILLON_STATS_DEFAULT_YEAR_BUDGET, error);
}

gboolean
sillon_stats_dp_set_budget (SillonStore *store, int year, gint64 epsilon_micro, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (epsilon_micro <= 0)
    {
      g_set_error (error, SILLON_STATS_ERROR, SILLON_STATS_ERROR_INVALID, _ ("A privacy budget must be positive"));
      return FALSE;
    }
  if (sqlite3_prepare_v2 (sillon_store_get_db (store),
                          "INSERT INTO stats_dp_budget (year, epsilon_micro) VALUES (?1, ?2)"
                          " ON CONFLICT (year) DO UPDATE SET epsilon_micro = excluded.epsilon_micro",
                          -1, &stmt, NULL) != SQLITE_OK)
    return sillon_stats_set_sql_error (sillon_store_get_db (store), error);
  sqlite3_bind_int (stmt, 1, year);
  sqlite3_bind_int64 (stmt, 2, epsilon_micro);
  rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE ? TRUE : sillon_stats_set_sql_error (sillon_store_get_db (store), error);
}

void
sillon_stats_ledger_entry_free (SillonStatsLedgerEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->period_from);
  g_free (entry->period_to);
  g_free (entry);
}

GPtrArray *
sillon_stats_dp_list_ledger (SillonStore *store, GError **error)
{
  g_autoptr (GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) sillon_stats_ledger_entry_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (sillon_store_get_db (store),
                          "SELECT year, period_from, period_to, epsilon_micro, released_unix FROM stats_dp_ledger ORDER BY id",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      sillon_stats_set_sql_error (sillon_store_get_db (store), error);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SillonStatsLedgerEntry *entry = g_new0 (SillonStatsLedgerEntry, 1);

      entry->year = sqlite3_column_int (stmt, 0);
      entry->period_from = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      entry->period_to = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      entry->epsilon_micro = sqlite3_column_int64 (stmt, 3);
      entry->released_unix = sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (entries, entry);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      sillon_stats_set_sql_error (sillon_store_get_db (store), error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

gboolean
sillon_stats_dp_charge (SillonStore *store, const char *from, const char *to, gint64 epsilon_micro, GError **error)
{
  int first = atoi (from), last = atoi (to);
  g_autoptr (SillonStoreTransaction) tx = NULL;
  sqlite3_stmt *stmt = NULL;

  if (epsilon_micro <= 0 || first < 1900 || last < first)
    {
      g_set_error (error, SILLON_STATS_ERROR, SILLON_STATS_ERROR_INVALID, _ ("Invalid period or ε for the privacy ledger"));
      return FALSE;
    }
  /* Every year is charged, or none. */
  tx = sillon_store_transaction_begin (store, error);
  if (tx == NULL)
    return FALSE;
  for (int year = first; year <= last; year++)
    {
      gint64 spent = sillon_stats_dp_spent (store, year, error);
      gint64 budget = spent < 0 ? -1 : sillon_stats_dp_budget (store, year, error);

      if (spent < 0 || budget < 0)
        goto fail;
      if (spent + epsilon_micro > budget)
        {
          g_set_error (error, SILLON_STATS_ERROR, SILLON_STATS_ERROR_BUDGET,
                       /* Translators: %d is a year; the numbers are values of ε such as 0.25 */
                       _ ("Refused: this release would spend ε = %.6g of %d’s privacy budget, which has %.6g left of %.6g. "
                          "Publish fewer releases, a smaller ε, or use suppression instead."),
                       (double) epsilon_micro / SILLON_STATS_EPSILON_UNIT, year,
                       (double) (budget - spent) / SILLON_STATS_EPSILON_UNIT, (double) budget / SILLON_STATS_EPSILON_UNIT);
          goto fail;
        }
      if (sqlite3_prepare_v2 (sillon_store_get_db (store),
                              "INSERT INTO stats_dp_ledger (year, period_from, period_to, epsilon_micro, released_unix)"
                              " VALUES (?1, ?2, ?3, ?4, ?5)",
                              -1, &stmt, NULL) != SQLITE_OK)
        {
          sillon_stats_set_sql_error (sillon_store_get_db (store), error);
          goto fail;
        }
      sqlite3_bind_int (stmt, 1, year);
      sqlite3_bind_text (stmt, 2, from, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, to, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 4, epsilon_micro);
      sqlite3_bind_int64 (stmt, 5, g_get_real_time () / G_USEC_PER_SEC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          sillon_stats_set_sql_error (sillon_store_get_db (store), error);
          goto fail;
        }
      g_clear_pointer (&stmt, sqlite3_finalize);
    }
  return sillon_store_transaction_commit (tx, error);

fail:
  /* Finalized before the guard rolls back. */
  sqlite3_finalize (stmt);
  return FALSE;
}
