/* bench-opening-hours.c — “open now / opens at …” for a list of places:
 * the cost of sillon_opening_hours_status() per value. Run on demand,
 * never in the test suite; tests/bench/opening-hours-bench.sh builds and
 * runs it:
 *
 *   bench-opening-hours [--runs N]
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "sillon-opening-hours.h"
#include "bench-util.h"

/* Values as directories publish them, the common ones first, and the ones
 * that make the evaluation look far ahead (dated, holidays, never open). */
static const char *const values[] = {
  "Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00",
  "Mo-Fr 09:00-17:00; PH off",
  "Tu-Th 09:30-12:30,13:30-17:00; Fr 09:30-12:30; Sa,Su off; PH off",
  "Mo,We 10:00-12:00",
  "Mo-Fr 09:00-12:00 || \"sur rendez-vous\"",
  "Mo-Fr 09:00-18:00; SH off",
  "Sa[1] 10:00-12:00",
  "Jan-Jun Mo-Fr 09:00-12:00",
  "24/7",
  "off",
  "2025-2026 Mo-Fr 09:00-12:00",
};

int
main (int argc, char **argv)
{
  guint runs = 7;
  const guint calls = 200;
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--runs") && i + 1 < argc)
        {
          /* Not inside MAX (), which would read the argument twice. */
          int n = atoi (argv[++i]);

          runs = (guint) MAX (1, n);
        }
      else
        {
          fprintf (stderr, "usage: bench-opening-hours [--runs N]\n");
          return 2;
        }
    }

  printf ("%-66s %12s %12s\n", "value (Monday 2026-12-07, 10:30)", "median ms", "max of runs");
  for (gsize v = 0; v < G_N_ELEMENTS (values); v++)
    {
      g_autofree double *per_run = g_new (double, runs);

      for (guint r = 0; r < runs; r++)
        {
          double start = bench_now_ms ();

          for (guint c = 0; c < calls; c++)
            {
              /* A different moment each call, over a week. */
              g_autoptr (GDateTime) when = g_date_time_new (utc, 2026, 12, 7 + c % 7, (c * 7) % 24, (c * 13) % 60, 0);
              g_autoptr (SillonOpeningStatus) status = sillon_opening_hours_status (values[v], when, NULL);

              if (status == NULL)
                {
                  fprintf (stderr, "invalid: %s\n", values[v]);
                  return 1;
                }
            }
          per_run[r] = (bench_now_ms () - start) / calls;
        }
      qsort (per_run, runs, sizeof (double), bench_compare_double);
      printf ("%-66s %12.4f %12.4f\n", values[v], per_run[runs / 2], per_run[runs - 1]);
    }
  return 0;
}
