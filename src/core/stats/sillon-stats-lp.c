/* sillon-stats-lp.c — two-phase dense simplex with Bland's rule
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-stats-lp.h"

#include <math.h>
#include <string.h>

#define EPS 1e-9

typedef struct
{
  guint m, width; /* width = n + m + 1 (last column: right-hand side) */
  double *t;      /* (m + 1) rows; row m is the objective */
  guint *basis;   /* basic column of each row */
} Tableau;

static inline double *
row_of (Tableau *tab, guint i)
{
  return tab->t + (gsize) i * tab->width;
}

static void
pivot (Tableau *tab, guint r, guint c)
{
  double *pr = row_of (tab, r);
  double p = pr[c];

  for (guint j = 0; j < tab->width; j++)
    pr[j] /= p;
  for (guint i = 0; i <= tab->m; i++)
    {
      double *ri;
      double f;

      if (i == r)
        continue;
      ri = row_of (tab, i);
      f = ri[c];
      if (fabs (f) < EPS)
        continue;
      for (guint j = 0; j < tab->width; j++)
        ri[j] -= f * pr[j];
      ri[c] = 0.0;
    }
  tab->basis[r] = c;
}

/* Runs the simplex on the objective row; columns >= @n_allowed never
 * enter. Returns FALSE when unbounded. */
static gboolean
run (Tableau *tab, guint n_allowed)
{
  double *obj = row_of (tab, tab->m);
  guint rhs = tab->width - 1;

  for (;;)
    {
      guint enter = G_MAXUINT, leave = G_MAXUINT;
      double best = 0.0;

      /* Bland: the lowest-numbered column with a negative reduced cost. */
      for (guint j = 0; j < n_allowed; j++)
        if (obj[j] < -EPS)
          {
            enter = j;
            break;
          }
      if (enter == G_MAXUINT)
        return TRUE;
      for (guint i = 0; i < tab->m; i++)
        {
          double a = row_of (tab, i)[enter];
          double ratio;

          if (a <= EPS)
            continue;
          ratio = row_of (tab, i)[rhs] / a;
          if (leave == G_MAXUINT || ratio < best - EPS ||
              (fabs (ratio - best) <= EPS && tab->basis[i] < tab->basis[leave]))
            {
              leave = i;
              best = ratio;
            }
        }
      if (leave == G_MAXUINT)
        return FALSE;
      pivot (tab, leave, enter);
    }
}

SillonStatsLpResult
sillon_stats_lp_minimise (guint m,
                          guint n,
                          const double *a,
                          const double *b,
                          const double *objective,
                          double *out_value)
{
  Tableau tab;
  g_autofree double *t = NULL;
  g_autofree guint *basis = NULL;
  double *obj;
  guint rhs;
  SillonStatsLpResult result = SILLON_STATS_LP_OPTIMAL;

  tab.m = m;
  tab.width = n + m + 1;
  t = g_new0 (double, (gsize) (m + 1) * tab.width);
  basis = g_new (guint, m > 0 ? m : 1);
  tab.t = t;
  tab.basis = basis;
  rhs = tab.width - 1;

  /* Phase I: one artificial variable per row, right-hand sides made
   * non-negative. */
  for (guint i = 0; i < m; i++)
    {
      double sign = b[i] < 0 ? -1.0 : 1.0;
      double *ri = row_of (&tab, i);

      for (guint j = 0; j < n; j++)
        ri[j] = sign * a[(gsize) i * n + j];
      ri[n + i] = 1.0;
      ri[rhs] = sign * b[i];
      basis[i] = n + i;
    }
  obj = row_of (&tab, m);
  for (guint i = 0; i < m; i++)
    {
      double *ri = row_of (&tab, i);

      for (guint j = 0; j < n; j++)
        obj[j] -= ri[j];
      obj[rhs] -= ri[rhs];
    }
  run (&tab, n);
  if (-obj[rhs] > 1e-6)
    return SILLON_STATS_LP_INFEASIBLE;

  /* Drive the artificial variables out of the basis where a real column
   * can replace them; the rows where none can are redundant. */
  for (guint i = 0; i < m; i++)
    {
      if (basis[i] < n)
        continue;
      for (guint j = 0; j < n; j++)
        if (fabs (row_of (&tab, i)[j]) > EPS)
          {
            pivot (&tab, i, j);
            break;
          }
    }

  /* Phase II. */
  memset (obj, 0, sizeof (double) * tab.width);
  for (guint j = 0; j < n; j++)
    obj[j] = objective[j];
  for (guint i = 0; i < m; i++)
    {
      guint c = basis[i];
      double f = c < n ? obj[c] : 0.0;

      if (fabs (f) < EPS)
        continue;
      for (guint j = 0; j < tab.width; j++)
        obj[j] -= f * row_of (&tab, i)[j];
    }
  if (!run (&tab, n))
    result = SILLON_STATS_LP_UNBOUNDED;
  else if (out_value != NULL)
    *out_value = -obj[rhs];
  return result;
}
