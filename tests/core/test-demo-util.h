/* test-demo-util.h — small datasets of the demo generator for the tests
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sillon-demo.h"

/* The half year that the statistics tests read ends on this day. */
#define DEMO_TEST_END_DATE "2026-06-30"

/* Options for a dataset of the given size ending on DEMO_TEST_END_DATE:
 * @seed and the counts decide all of it. */
static inline void
demo_test_options (SillonDemoOptions *options,
                   guint64 seed,
                   guint beneficiaries,
                   guint sessions,
                   guint workshops,
                   guint places)
{
  sillon_demo_options_init (options);
  options->seed = seed;
  options->beneficiaries = beneficiaries;
  options->sessions = sessions;
  options->workshops = workshops;
  options->places = places;
  options->end_date = DEMO_TEST_END_DATE;
}

/* Fills @store with that dataset; it must succeed. */
static inline void
demo_test_generate (SillonStore *store,
                    guint64 seed,
                    guint beneficiaries,
                    guint sessions,
                    guint workshops,
                    guint places)
{
  g_autoptr (GError) error = NULL;
  SillonDemoOptions options;

  demo_test_options (&options, seed, beneficiaries, sessions, workshops, places);
  g_assert_true (sillon_demo_generate (store, &options, &error));
  g_assert_no_error (error);
}
