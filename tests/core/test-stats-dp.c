/* test-stats-dp.c — the discrete Laplace sampler against its exact law, noisy
 * releases, and the privacy-budget ledger
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <sodium.h>
#include <string.h>

#include "sillon-stats-dp.h"
#include "sillon-stats-indicators.h"
#include "test-demo-util.h"
#include "test-store-util.h"

#define DRAWS 1000000

/* Pearson's chi-square of 10⁶ draws against P(y) = (1−p)/(1+p) p^|y|,
 * p = exp(−num/den), bins holding at least 20 expected draws, the two
 * tails pooled. The threshold is the 1 − 10⁻⁶ quantile (Wilson–Hilferty),
 * so a correct sampler fails once in a million runs. */
static void
check_law (guint64 num, guint64 den)
{
  double p = exp (-(double) num / (double) den);
  double p0 = (1 - p) / (1 + p);
  int K = 0;
  g_autofree guint64 *counts = NULL;
  guint64 below = 0, above = 0;
  double chi2 = 0, tail;
  int df;
  double z = 4.753424, crit;
  double sum = 0;

  while (DRAWS * p0 * pow (p, K + 1) >= 20)
    K++;
  counts = g_new0 (guint64, 2 * K + 1);
  for (guint i = 0; i < DRAWS; i++)
    {
      gint64 y = sillon_stats_discrete_laplace (num, den);

      sum += (double) y;
      if (y < -K)
        below++;
      else if (y > K)
        above++;
      else
        counts[y + K]++;
    }
  for (int y = -K; y <= K; y++)
    {
      double expected = DRAWS * p0 * pow (p, abs (y));
      double d = (double) counts[y + K] - expected;

      chi2 += d * d / expected;
    }
  /* P(Y > K) = p^(K+1) / (1 + p). */
  tail = DRAWS * pow (p, K + 1) / (1 + p);
  chi2 += ((double) below - tail) * ((double) below - tail) / tail;
  chi2 += ((double) above - tail) * ((double) above - tail) / tail;
  df = 2 * K + 3 - 1;
  crit = df * pow (1 - 2.0 / (9 * df) + z * sqrt (2.0 / (9 * df)), 3);
  g_test_message ("num %" G_GUINT64_FORMAT " den %" G_GUINT64_FORMAT ": chi2 %.2f, df %d, threshold %.2f", num, den, chi2, df, crit);
  g_assert_cmpfloat (chi2, <, crit);
  /* Symmetric: the mean is 0 within 6 standard errors. */
  g_assert_cmpfloat (fabs (sum / DRAWS), <, 6 * sqrt (2 * p / ((1 - p) * (1 - p)) / DRAWS));
}

static void
test_law_scale_two (void)
{
  check_law (1, 2);
}

static void
test_law_floor_path (void)
{
  /* num > 1 exercises the division of the geometric draw. */
  check_law (3, 2);
}

/* The test must be able to fail: a law with a different parameter is
 * rejected by the same statistic. */
static void
test_law_detects_wrong_scale (void)
{
  double p = exp (-0.5), p0 = (1 - p) / (1 + p);
  guint64 zeros = 0;

  for (guint i = 0; i < 200000; i++)
    zeros += sillon_stats_discrete_laplace (1, 1) == 0;
  /* At scale 1 P(0) = (1−e⁻¹)/(1+e⁻¹) ≈ 0.462, far from 0.245 at scale 2. */
  g_assert_cmpfloat (fabs ((double) zeros / 200000 - p0), >, 0.1);
}

static void
test_epsilon_parse (void)
{
  static const struct
  {
    const char *text;
    gint64 micro;
  } good[] = { { "1", 1000000 }, { "0.5", 500000 }, { "0.000001", 1 }, { "2.25", 2250000 } };
  static const char *const bad[] = { "", "0", "0.0000001", "-1", "1e-3", ".5", "abc", "1.5x", "5000" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      gint64 micro = 0;
      g_autoptr (GError) error = NULL;

      g_assert_true (sillon_stats_epsilon_parse (good[i].text, &micro, &error));
      g_assert_cmpint (micro, ==, good[i].micro);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      gint64 micro = 0;
      g_autoptr (GError) error = NULL;

      g_assert_false (sillon_stats_epsilon_parse (bad[i], &micro, &error));
      g_assert_error (error, SILLON_STATS_ERROR, SILLON_STATS_ERROR_INVALID);
    }
}

static void
demo_setup (StoreFixture *f, gconstpointer data)
{
  store_fixture_open (f, FALSE);
  demo_test_generate (f->store, 1, 300, 2000, 30, 10);
}

static void
test_noisy_release (StoreFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonStatsRelease) release = sillon_stats_compute (f->store, "2026-01-01", "2026-06-30", &error);
  guint noisy_tables = 0, differ = 0;

  g_assert_nonnull (release);
  g_assert_true (sillon_stats_release_add_noise (release, 500000, &error));
  g_assert_no_error (error);
  g_assert_cmpint (release->mode, ==, SILLON_STATS_MODE_NOISE);
  g_assert_cmpint (release->epsilon_micro, <=, 500000);
  g_assert_cmpint (release->epsilon_micro, >, 490000);
  for (guint t = 0; t < release->tables->len; t++)
    {
      SillonStatsTable *table = g_ptr_array_index (release->tables, t);
      guint R = table->n_rows - 1, C = table->n_cols - 1;

      if (table->measure == SILLON_STATS_MEASURE_ACCOMPAGNEMENTS || table->measure == SILLON_STATS_MEASURE_ACTIVITIES ||
          table->measure == SILLON_STATS_MEASURE_REFERRALS)
        {
          /* Unbounded contributions per person: not released with noise. */
          g_assert_null (table->noisy);
          continue;
        }
      g_assert_nonnull (table->noisy);
      noisy_tables++;
      for (guint i = 0; i < table->n_rows * table->n_cols; i++)
        {
          g_assert_cmpint (table->noisy[i], >=, 0);
          differ += table->noisy[i] != sillon_stats_release_get_var (release, table->grid[i])->value;
        }
      /* Consistent margins wherever the table adds up. */
      if (C > 0 && table->cols_additive)
        for (guint r = 0; r < R; r++)
          {
            gint64 sum = 0;

            for (guint c = 0; c < C; c++)
              sum += table->noisy[r * table->n_cols + c];
            g_assert_cmpint (sum, ==, table->noisy[r * table->n_cols + C]);
          }
      if (table->rows_additive && table->margins_additive)
        for (guint c = 0; c <= C; c++)
          {
            gint64 sum = 0;

            for (guint r = 0; r < R; r++)
              sum += table->noisy[r * table->n_cols + c];
            g_assert_cmpint (sum, ==, table->noisy[R * table->n_cols + c]);
          }
    }
  g_assert_cmpuint (noisy_tables, >=, 8);
  g_assert_cmpuint (differ, >, 10);
}

static void
test_ledger (StoreFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (sillon_stats_dp_budget (f->store, 2026, &error), ==, SILLON_STATS_DEFAULT_YEAR_BUDGET);
  g_assert_cmpint (sillon_stats_dp_spent (f->store, 2026, &error), ==, 0);
  g_assert_true (sillon_stats_dp_charge (f->store, "2026-01-01", "2026-06-30", 400000, &error));
  g_assert_true (sillon_stats_dp_charge (f->store, "2026-07-01", "2026-12-31", 400000, &error));
  g_assert_cmpint (sillon_stats_dp_spent (f->store, 2026, &error), ==, 800000);

  /* Over budget: refused, nothing charged. */
  g_assert_false (sillon_stats_dp_charge (f->store, "2026-03-01", "2026-03-31", 400000, &error));
  g_assert_error (error, SILLON_STATS_ERROR, SILLON_STATS_ERROR_BUDGET);
  g_clear_error (&error);
  g_assert_cmpint (sillon_stats_dp_spent (f->store, 2026, &error), ==, 800000);

  /* A period over two years is charged to both, or to neither. */
  g_assert_false (sillon_stats_dp_charge (f->store, "2025-10-01", "2026-03-31", 300000, &error));
  g_assert_error (error, SILLON_STATS_ERROR, SILLON_STATS_ERROR_BUDGET);
  g_clear_error (&error);
  g_assert_cmpint (sillon_stats_dp_spent (f->store, 2025, &error), ==, 0);
  g_assert_true (sillon_stats_dp_charge (f->store, "2025-10-01", "2026-03-31", 200000, &error));
  g_assert_cmpint (sillon_stats_dp_spent (f->store, 2025, &error), ==, 200000);
  g_assert_cmpint (sillon_stats_dp_spent (f->store, 2026, &error), ==, 1000000);

  /* A larger budget, set on purpose, lets one more through. */
  g_assert_true (sillon_stats_dp_set_budget (f->store, 2026, 1500000, &error));
  g_assert_true (sillon_stats_dp_charge (f->store, "2026-03-01", "2026-03-31", 400000, &error));
  g_assert_false (sillon_stats_dp_set_budget (f->store, 2026, 0, &error));
  g_clear_error (&error);

  /* Append-only: the past cannot be erased to spend it again. */
  g_assert_cmpint (sqlite3_exec (f->db, "DELETE FROM stats_dp_ledger", NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (f->db, "UPDATE stats_dp_ledger SET epsilon_micro = 1", NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (sillon_stats_dp_spent (f->store, 2026, &error), ==, 1400000);
}

int
main (int argc, char **argv)
{
  if (sodium_init () < 0)
    return 1;
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/stats-dp/epsilon-parse", test_epsilon_parse);
  g_test_add_func ("/stats-dp/law-scale-two", test_law_scale_two);
  g_test_add_func ("/stats-dp/law-floor-path", test_law_floor_path);
  g_test_add_func ("/stats-dp/law-detects-wrong-scale", test_law_detects_wrong_scale);
  g_test_add ("/stats-dp/noisy-release", StoreFixture, NULL, demo_setup, test_noisy_release, store_fixture_teardown);
  g_test_add ("/stats-dp/ledger", StoreFixture, NULL, store_fixture_setup, test_ledger, store_fixture_teardown);
  return g_test_run ();
}
