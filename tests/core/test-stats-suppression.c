/* test-stats-suppression.c — publishable tables: no small cell visible, no
 * hidden cell recoverable
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The check is independent of the code under test: the relations are
 * rebuilt here from the tables' layout (every row and every column sums
 * to its total), and every integer solution consistent with what is
 * published is enumerated, which gives the exact interval an outsider can
 * deduce for each hidden cell.
 */

#include "config.h"

#include <string.h>

#include "sillon-stats-lp.h"
#include "sillon-stats-release.h"

#define K 5

typedef struct
{
  guint whole;
  GArray *parts;
} Rel;

static void
rel_free (gpointer p)
{
  Rel *r = p;

  g_array_unref (r->parts);
  g_free (r);
}

/* The relations of a two-way table with margins, straight from its layout. */
static void
relations_of_table (GPtrArray *rels, SillonStatsTable *t)
{
  guint R = t->n_rows - 1, C = t->n_cols - 1;

  for (guint r = 0; r <= R && C > 0; r++)
    {
      Rel *rel = g_new0 (Rel, 1);

      rel->whole = sillon_stats_table_cell (t, r, C);
      rel->parts = g_array_new (FALSE, FALSE, sizeof (guint));
      for (guint c = 0; c < C; c++)
        {
          guint v = sillon_stats_table_cell (t, r, c);
          g_array_append_val (rel->parts, v);
        }
      g_ptr_array_add (rels, rel);
    }
  for (guint c = 0; c <= C; c++)
    {
      Rel *rel = g_new0 (Rel, 1);

      rel->whole = sillon_stats_table_cell (t, R, c);
      rel->parts = g_array_new (FALSE, FALSE, sizeof (guint));
      for (guint r = 0; r < R; r++)
        {
          guint v = sillon_stats_table_cell (t, r, c);
          g_array_append_val (rel->parts, v);
        }
      g_ptr_array_add (rels, rel);
    }
}

typedef struct
{
  SillonStatsRelease *release;
  GPtrArray *rels;
  GArray *hidden;  /* variable indices */
  gint64 *assign;  /* per variable; -1: unknown */
  gint64 *lo, *hi; /* per hidden position */
  gint64 limit;
  guint64 solutions;
} Enum;

static gboolean
consistent (Enum *e)
{
  for (guint i = 0; i < e->rels->len; i++)
    {
      Rel *rel = g_ptr_array_index (e->rels, i);
      gint64 sum = 0;
      gboolean complete = TRUE;

      for (guint j = 0; j < rel->parts->len; j++)
        {
          gint64 v = e->assign[g_array_index (rel->parts, guint, j)];

          if (v < 0)
            complete = FALSE;
          else
            sum += v;
        }
      if (e->assign[rel->whole] >= 0)
        {
          if (sum > e->assign[rel->whole] || (complete && sum != e->assign[rel->whole]))
            return FALSE;
        }
    }
  return TRUE;
}

static void
enumerate (Enum *e, guint depth)
{
  guint var;

  if (depth == e->hidden->len)
    {
      e->solutions++;
      for (guint i = 0; i < e->hidden->len; i++)
        {
          gint64 v = e->assign[g_array_index (e->hidden, guint, i)];

          e->lo[i] = MIN (e->lo[i], v);
          e->hi[i] = MAX (e->hi[i], v);
        }
      return;
    }
  var = g_array_index (e->hidden, guint, depth);
  for (gint64 v = 0; v <= e->limit; v++)
    {
      e->assign[var] = v;
      if (consistent (e))
        enumerate (e, depth + 1);
    }
  e->assign[var] = -1;
}

/* Enumerates and checks: nothing small is visible, the truth is a
 * solution, and every hidden cell has at least two possible values, a
 * primary one values on both sides of the truth. */
static void
check_release (SillonStatsRelease *release, GPtrArray *rels, gint64 limit)
{
  Enum e = { 0 };

  e.release = release;
  e.rels = rels;
  e.hidden = g_array_new (FALSE, FALSE, sizeof (guint));
  e.assign = g_new (gint64, release->vars->len);
  /* Above any true value, so that reaching it means "unbounded". */
  e.limit = 2 * limit + 3;
  for (guint i = 0; i < release->vars->len; i++)
    {
      SillonStatsVar *v = sillon_stats_release_get_var (release, i);

      if (v->persons > 0 && v->persons < K)
        g_assert_cmpint (v->status, !=, SILLON_STATS_CELL_PUBLISHED);
      if (v->status == SILLON_STATS_CELL_PUBLISHED)
        e.assign[i] = v->value;
      else
        {
          e.assign[i] = -1;
          g_array_append_val (e.hidden, i);
        }
    }
  e.lo = g_new (gint64, MAX (e.hidden->len, 1));
  e.hi = g_new (gint64, MAX (e.hidden->len, 1));
  for (guint i = 0; i < e.hidden->len; i++)
    {
      e.lo[i] = G_MAXINT64;
      e.hi[i] = G_MININT64;
    }
  enumerate (&e, 0);
  if (e.hidden->len > 0)
    g_assert_cmpuint (e.solutions, >=, 1);
  for (guint i = 0; i < e.hidden->len; i++)
    {
      SillonStatsVar *v = sillon_stats_release_get_var (release, g_array_index (e.hidden, guint, i));
      double lp_lo, lp_hi;

      g_assert_cmpint (e.lo[i], <=, v->value);
      g_assert_cmpint (e.hi[i], >=, v->value);
      if (v->status == SILLON_STATS_CELL_PRIMARY)
        {
          g_assert_cmpint (e.lo[i], <, v->value);
          g_assert_cmpint (e.hi[i], >, v->value);
        }
      else
        g_assert_cmpint (e.lo[i], <, e.hi[i]);

      /* Tables with margins are totally unimodular: the linear programme's
       * bounds are the integer ones (up to the enumeration's ceiling). */
      g_assert_true (sillon_stats_release_bounds (release, g_array_index (e.hidden, guint, i), &lp_lo, &lp_hi));
      g_assert_cmpfloat_with_epsilon (lp_lo, (double) e.lo[i], 1e-6);
      if (e.hi[i] < e.limit)
        g_assert_cmpfloat_with_epsilon (lp_hi, (double) e.hi[i], 1e-6);
    }
  g_array_unref (e.hidden);
  g_free (e.assign);
  g_free (e.lo);
  g_free (e.hi);
}

static const char *const row_ids[] = { "r0", "r1", "r2", "r3", NULL };
static const char *const col_ids[] = { "c0", "c1", "c2", "c3", NULL };
static const char *const other_ids[] = { "d0", "d1", "d2", NULL };

/* The variable of table @t's cell at row @r, column @c. */
static SillonStatsVar *
cell (SillonStatsRelease *release, SillonStatsTable *t, guint r, guint c)
{
  return sillon_stats_release_get_var (release, sillon_stats_table_cell (t, r, c));
}

/* Fills a table's inner cells with @values (row-major) and its margins
 * with their sums; one person per unit. */
static void
fill_table (SillonStatsRelease *release, SillonStatsTable *t, const gint64 *values)
{
  guint R = t->n_rows - 1, C = t->n_cols - 1;

  for (guint r = 0; r <= R; r++)
    for (guint c = 0; c <= C; c++)
      {
        SillonStatsVar *v = cell (release, t, r, c);
        gint64 sum = 0;

        for (guint i = 0; i < R; i++)
          for (guint j = 0; j < C; j++)
            if ((r == R || r == i) && (c == C || c == j))
              sum += values[i * C + j];
        v->value = v->persons = sum;
      }
}

static gint64
random_value (GRand *rand)
{
  /* Many small cells, some zeros, a few large ones. */
  switch (g_rand_int_range (rand, 0, 5))
    {
      case 0:
        return 0;
      case 1:
      case 2:
        return g_rand_int_range (rand, 1, K);
      default:
        return g_rand_int_range (rand, K, 14);
    }
}

static SillonStatsTable *
add_table (SillonStatsRelease *release, const char *id, guint n_rows, guint n_cols, const char *col_dim, const char *const *cols)
{
  g_autofree char **rows = g_new0 (char *, n_rows + 1);
  g_autofree char **cs = g_new0 (char *, n_cols + 1);

  memcpy (rows, row_ids, n_rows * sizeof (char *));
  memcpy (cs, cols, n_cols * sizeof (char *));
  return sillon_stats_release_add_table (release, id, id, SILLON_STATS_MEASURE_PERSONS, "a",
                                         (const char *const *) rows, TRUE, col_dim, (const char *const *) cs, TRUE);
}

/* A table of @values (row-major), margins summed, as most tests want. */
static SillonStatsTable *
add_filled_table (SillonStatsRelease *release, guint n_rows, guint n_cols, const gint64 *values)
{
  SillonStatsTable *t = add_table (release, "t", n_rows, n_cols, "b", col_ids);

  fill_table (release, t, values);
  return t;
}

/* Suppresses with K and checks the release against @rels, bounded by the
 * grand total of @t. */
static void
suppress_and_check (SillonStatsRelease *release, GPtrArray *rels, SillonStatsTable *t)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (sillon_stats_release_suppress (release, K, &error));
  g_assert_no_error (error);
  check_release (release, rels, cell (release, t, t->n_rows - 1, t->n_cols - 1)->value);
}

static void
test_random_tables (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (20260101);

  for (guint round = 0; round < 60; round++)
    {
      g_autoptr (SillonStatsRelease) release = sillon_stats_release_new ("2026-01-01", "2026-12-31");
      g_autoptr (GPtrArray) rels = g_ptr_array_new_with_free_func (rel_free);
      guint n_rows = g_rand_int_range (rand, 2, 4), n_cols = g_rand_int_range (rand, 2, 4);
      gint64 values[16];
      SillonStatsTable *t;

      for (guint i = 0; i < n_rows * n_cols; i++)
        values[i] = random_value (rand);
      t = add_filled_table (release, n_rows, n_cols, values);
      relations_of_table (rels, t);
      suppress_and_check (release, rels, t);
    }
}

/* Two tables of one release share their row margins and grand total: a
 * cell hidden in one must not be recomputable through the other. */
static void
test_shared_margin (void)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (77);

  for (guint round = 0; round < 40; round++)
    {
      g_autoptr (SillonStatsRelease) release = sillon_stats_release_new ("2026-01-01", "2026-12-31");
      g_autoptr (GPtrArray) rels = g_ptr_array_new_with_free_func (rel_free);
      gint64 a[4], b[4];
      SillonStatsTable *t1, *t2;

      /* Same row totals in both: each row's people split two ways. */
      for (guint r = 0; r < 2; r++)
        {
          gint64 total = g_rand_int_range (rand, 1, 16);

          a[r * 2] = g_rand_int_range (rand, 0, total + 1);
          a[r * 2 + 1] = total - a[r * 2];
          b[r * 2] = g_rand_int_range (rand, 0, total + 1);
          b[r * 2 + 1] = total - b[r * 2];
        }
      t1 = add_table (release, "t1", 2, 2, "b", col_ids);
      t2 = add_table (release, "t2", 2, 2, "d", other_ids);
      fill_table (release, t1, a);
      fill_table (release, t2, b);
      /* The margins are the same variables. */
      g_assert_cmpuint (sillon_stats_table_cell (t1, 0, 2), ==, sillon_stats_table_cell (t2, 0, 2));
      g_assert_cmpuint (sillon_stats_table_cell (t1, 2, 2), ==, sillon_stats_table_cell (t2, 2, 2));
      relations_of_table (rels, t1);
      relations_of_table (rels, t2);
      /* A hidden margin is hidden in both tables, being one variable. */
      suppress_and_check (release, rels, t1);
    }
}

/* A worked case: one small cell needs three more hidden to form a
 * rectangle, and the margins stay published. */
static void
test_rectangle (void)
{
  g_autoptr (SillonStatsRelease) release = sillon_stats_release_new ("2026-01-01", "2026-12-31");
  g_autoptr (GPtrArray) rels = g_ptr_array_new_with_free_func (rel_free);
  g_autoptr (GError) error = NULL;
  const gint64 values[] = { 2, 20, 30, 25, 40, 50, 35, 45, 60 };
  SillonStatsTable *t = add_filled_table (release, 3, 3, values);
  guint hidden = 0;

  relations_of_table (rels, t);
  g_assert_true (sillon_stats_release_suppress (release, K, &error));
  for (guint r = 0; r < 4; r++)
    for (guint c = 0; c < 4; c++)
      {
        SillonStatsVar *v = cell (release, t, r, c);

        if (v->status != SILLON_STATS_CELL_PUBLISHED)
          {
            hidden++;
            g_assert_cmpuint (r, <, 3);
            g_assert_cmpuint (c, <, 3);
          }
      }
  g_assert_cmpuint (hidden, ==, 4);
  g_assert_cmpint (cell (release, t, 0, 0)->status, ==, SILLON_STATS_CELL_PRIMARY);
  check_release (release, rels, 60);
}

static void
test_zeros_and_k (void)
{
  g_autoptr (SillonStatsRelease) release = sillon_stats_release_new ("2026-01-01", "2026-12-31");
  g_autoptr (GError) error = NULL;
  const gint64 values[] = { 0, 20, 30, 25 };
  SillonStatsTable *t = add_filled_table (release, 2, 2, values);

  /* Below the floor of 5 people: refused, nothing changed. */
  g_assert_false (sillon_stats_release_suppress (release, 4, &error));
  g_assert_error (error, SILLON_STATS_ERROR, SILLON_STATS_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (sillon_stats_release_suppress (release, 11, &error));
  /* A zero is nobody: published, and so is everything else here. */
  for (guint r = 0; r < 3; r++)
    for (guint c = 0; c < 3; c++)
      g_assert_cmpint (cell (release, t, r, c)->status, ==, SILLON_STATS_CELL_PUBLISHED);
}

/* A hierarchy outside any table (communes within a département) is a
 * relation too: the last small commune of a département is protected. */
static void
test_extra_relation (void)
{
  g_autoptr (SillonStatsRelease) release = sillon_stats_release_new ("2026-01-01", "2026-12-31");
  g_autoptr (GPtrArray) rels = g_ptr_array_new_with_free_func (rel_free);
  g_autoptr (GError) error = NULL;
  static const char *const communes[] = { "51001", "51002", "51003", "08001", NULL };
  static const char *const deps[] = { "51", "08", NULL };
  const gint64 commune_values[] = { 3, 40, 30, 50 };
  SillonStatsTable *tc = sillon_stats_release_add_table (release, "c", "c", SILLON_STATS_MEASURE_PERSONS, "commune",
                                                         communes, TRUE, NULL, NULL, TRUE);
  SillonStatsTable *td = sillon_stats_release_add_table (release, "d", "d", SILLON_STATS_MEASURE_PERSONS, "dep",
                                                         deps, TRUE, NULL, NULL, TRUE);
  guint parts[3];
  Rel *rel;

  for (guint i = 0; i < 4; i++)
    {
      SillonStatsVar *v = cell (release, tc, i, 0);
      v->value = v->persons = commune_values[i];
    }
  cell (release, td, 0, 0)->value = 73;
  cell (release, td, 1, 0)->value = 50;
  cell (release, tc, 4, 0)->value = 123;
  for (guint i = 0; i < 2; i++)
    cell (release, td, i, 0)->persons = cell (release, td, i, 0)->value;
  cell (release, tc, 4, 0)->persons = 123;
  /* Both tables end in the same total. */
  g_assert_cmpuint (sillon_stats_table_cell (tc, 4, 0), ==, sillon_stats_table_cell (td, 2, 0));
  for (guint i = 0; i < 3; i++)
    parts[i] = sillon_stats_table_cell (tc, i, 0);
  sillon_stats_release_add_relation (release, sillon_stats_table_cell (td, 0, 0), parts, 3);
  g_assert_true (sillon_stats_release_check_consistent (release, &error));

  relations_of_table (rels, tc);
  relations_of_table (rels, td);
  rel = g_new0 (Rel, 1);
  rel->whole = sillon_stats_table_cell (td, 0, 0);
  rel->parts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_append_vals (rel->parts, parts, 3);
  g_ptr_array_add (rels, rel);

  g_assert_true (sillon_stats_release_suppress (release, K, &error));
  g_assert_cmpint (sillon_stats_release_get_var (release, parts[0])->status, ==, SILLON_STATS_CELL_PRIMARY);
  check_release (release, rels, 123);
}

static void
test_inconsistent (void)
{
  g_autoptr (SillonStatsRelease) release = sillon_stats_release_new ("2026-01-01", "2026-12-31");
  g_autoptr (GError) error = NULL;
  const gint64 values[] = { 1, 2, 3, 4 };
  SillonStatsTable *t = add_filled_table (release, 2, 2, values);

  g_assert_true (sillon_stats_release_check_consistent (release, &error));
  cell (release, t, 0, 0)->value++;
  g_assert_false (sillon_stats_release_check_consistent (release, &error));
  g_assert_error (error, SILLON_STATS_ERROR, SILLON_STATS_ERROR_MISMATCH);
}

/* The simplex on problems whose answers are known. */
static void
test_lp (void)
{
  /* x0 + x1 = 5, x0 − x2 = 2, x ≥ 0: x0 ∈ [2, 5]. */
  const double a[] = { 1, 1, 0, 1, 0, -1 };
  const double b[] = { 5, 2 };
  const double min_x0[] = { 1, 0, 0 }, max_x0[] = { -1, 0, 0 };
  /* x0 − x1 = 0: x0 unbounded above. */
  const double a2[] = { 1, -1 };
  const double b2[] = { 0 };
  const double max2[] = { -1, 0 };
  /* x0 + x1 = −1 with x ≥ 0: no solution. */
  const double a3[] = { 1, 1 };
  const double b3[] = { -1 };
  /* A redundant row (twice the same relation) and a degenerate vertex. */
  const double a4[] = { 1, 1, 1, 1, 1, 1, 1, 0, 0 };
  const double b4[] = { 3, 3, 0 };
  const double max4[] = { 0, -1, 0 };
  double value = -1;

  g_assert_cmpint (sillon_stats_lp_minimise (2, 3, a, b, min_x0, &value), ==, SILLON_STATS_LP_OPTIMAL);
  g_assert_cmpfloat_with_epsilon (value, 2.0, 1e-9);
  g_assert_cmpint (sillon_stats_lp_minimise (2, 3, a, b, max_x0, &value), ==, SILLON_STATS_LP_OPTIMAL);
  g_assert_cmpfloat_with_epsilon (value, -5.0, 1e-9);
  g_assert_cmpint (sillon_stats_lp_minimise (1, 2, a2, b2, max2, &value), ==, SILLON_STATS_LP_UNBOUNDED);
  g_assert_cmpint (sillon_stats_lp_minimise (1, 2, a3, b3, min_x0, &value), ==, SILLON_STATS_LP_INFEASIBLE);
  g_assert_cmpint (sillon_stats_lp_minimise (3, 3, a4, b4, max4, &value), ==, SILLON_STATS_LP_OPTIMAL);
  g_assert_cmpfloat_with_epsilon (value, -3.0, 1e-9);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/stats-suppression/lp", test_lp);
  g_test_add_func ("/stats-suppression/random-tables", test_random_tables);
  g_test_add_func ("/stats-suppression/shared-margin", test_shared_margin);
  g_test_add_func ("/stats-suppression/rectangle", test_rectangle);
  g_test_add_func ("/stats-suppression/zeros-and-k", test_zeros_and_k);
  g_test_add_func ("/stats-suppression/extra-relation", test_extra_relation);
  g_test_add_func ("/stats-suppression/inconsistent", test_inconsistent);
  return g_test_run ();
}
