/* sillon-stats-lp.h — a small exact-enough linear programme solver for the
 * protection check of suppressed cells
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Problems here are tiny (the suppressed cells linked to one cell, a few
 * dozen at most) and their matrices hold only 0 and ±1, so a dense
 * two-phase simplex with Bland's rule is enough: no Debian package offers
 * one small enough to justify the dependency (GLPK would, at 1 MB, for
 * twenty lines of pivoting).
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  SILLON_STATS_LP_OPTIMAL,
  SILLON_STATS_LP_UNBOUNDED,
  SILLON_STATS_LP_INFEASIBLE,
} SillonStatsLpResult;

/* Minimises @objective · x subject to A x = b and x ≥ 0. @a is m × n,
 * row-major. On SILLON_STATS_LP_OPTIMAL, *out_value is the minimum. */
SillonStatsLpResult sillon_stats_lp_minimise (guint m,
                                              guint n,
                                              const double *a,
                                              const double *b,
                                              const double *objective,
                                              double *out_value);

G_END_DECLS
