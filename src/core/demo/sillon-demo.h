/* sillon-demo.h — a deterministic, realistic reference dataset
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sillon-store.h"

G_BEGIN_DECLS

/* The reference dataset of the benchmarks (DESIGN.md §9). */
#define SILLON_DEMO_DEFAULT_BENEFICIARIES 20000
#define SILLON_DEMO_DEFAULT_SESSIONS 200000
#define SILLON_DEMO_DEFAULT_WORKSHOPS 2000
#define SILLON_DEMO_DEFAULT_PLACES 500

typedef struct
{
  guint64 seed;
  guint beneficiaries;
  guint sessions;
  guint workshops;
  guint places;
  /* The last day of the two years of activity, YYYY-MM-DD; NULL: today.
   * The same seed, counts and end date always give the same data. */
  const char *end_date;
} SillonDemoOptions;

/* Fills the options with the reference dataset's sizes, seed 1. */
void sillon_demo_options_init (SillonDemoOptions *options);

/* Adds mediators, places, beneficiaries with their consents, sessions with
 * their referrals, assessments and parcours of regular visitors, and
 * workshops with attendance, in one transaction. Sessions need
 * beneficiaries, at most one session per person per day. */
gboolean sillon_demo_generate (SillonStore *store,
                               const SillonDemoOptions *options,
                               GError **error);

G_END_DECLS
