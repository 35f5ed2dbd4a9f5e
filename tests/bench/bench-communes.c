/* bench-communes.c — the list of communes: first load and completion per
 * keystroke (issue: the person form completes a commune as it is typed,
 * within one frame, 16 ms). Run on demand, never in the test suite;
 * tests/bench/communes-bench.sh builds and runs it:
 *
 *   bench-communes [--runs N]
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sillon-communes.h"
#include "sillon-data.h"
#include "bench-util.h"

/* Resident memory in kB, from /proc/self/statm. */
static long
resident_kb (void)
{
  long size = 0, resident = 0;
  FILE *f = fopen ("/proc/self/statm", "r");

  if (f == NULL)
    return -1;
  if (fscanf (f, "%ld %ld", &size, &resident) != 2)
    resident = -1;
  fclose (f);
  return resident * (sysconf (_SC_PAGESIZE) / 1024);
}

/* Every prefix of a name as typed letter by letter, with its accents and
 * without them, then "st " for the names starting with Saint. */
static void
keystrokes (const char *name, GPtrArray *queries)
{
  g_autofree char *ascii = g_str_to_ascii (name, "C");
  g_autofree char *lower = g_ascii_strdown (ascii, -1);

  bench_add_prefixes (queries, name);
  bench_add_prefixes (queries, lower);
  if (g_str_has_prefix (ascii, "Saint-"))
    {
      g_autofree char *abbreviated = g_strconcat ("st ", ascii + 6, NULL);

      bench_add_prefixes (queries, abbreviated);
    }
}

int
main (int argc, char **argv)
{
  guint runs = 7;
  g_autoptr (GPtrArray) queries = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) per_keystroke = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree double *loads = NULL;
  g_autofree double *medians = NULL;
  g_autoptr (GError) error = NULL;
  SillonCommunes *communes;
  long rss_before, rss_after;
  double first_load;
  double slowest = 0;
  const char *slowest_query = "";
  gint64 start;
  guint n;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--runs") && i + 1 < argc)
        runs = (guint) atoi (argv[++i]);
      else
        {
          fprintf (stderr, "usage: bench-communes [--runs N]\n");
          return 2;
        }
    }
  if (runs == 0)
    runs = 1;

  /* The first use, as the application pays it: the resource is decompressed
   * and parsed, the indexes sorted. */
  sillon_data_ensure_registered ();
  rss_before = resident_kb ();
  start = g_get_monotonic_time ();
  communes = sillon_communes_get_default (&error);
  first_load = (g_get_monotonic_time () - start) / 1000.0;
  rss_after = resident_kb ();
  if (communes == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  n = sillon_communes_get_n_communes (communes);

  /* The load again, several times, for a median. */
  loads = g_new (double, runs);
  for (guint r = 0; r < runs; r++)
    {
      g_autoptr (GBytes) bytes = NULL;
      g_autoptr (SillonCommunes) again = NULL;
      gsize size;
      const char *data;

      start = g_get_monotonic_time ();
      bytes = sillon_data_load (SILLON_COMMUNES_DATA_FILE, NULL);
      data = g_bytes_get_data (bytes, &size);
      again = sillon_communes_new_from_data (data, size, NULL);
      loads[r] = (g_get_monotonic_time () - start) / 1000.0;
      g_assert (again != NULL);
    }

  /* Queries: the three largest communes of every two-letter start, typed
   * letter by letter (with and without accents, and "st " for Saint-), and
   * the postal code of the largest digit by digit. */
  for (char a = 'a'; a <= 'z'; a++)
    for (char b = 'a'; b <= 'z'; b++)
      {
        char prefix[3] = { a, b, '\0' };
        g_autoptr (GPtrArray) found = sillon_communes_complete (communes, prefix, 3, NULL);
        for (guint i = 0; found != NULL && i < found->len; i++)
          keystrokes (((const SillonCommune *) g_ptr_array_index (found, i))->name, queries);
        if (found != NULL && found->len > 0)
          {
            const SillonCommune *c = g_ptr_array_index (found, 0);
            if (c->postal_codes[0] != NULL)
              for (gsize d = 1; d <= 5; d++)
                g_ptr_array_add (queries, g_strndup (c->postal_codes[0], d));
          }
      }

  medians = g_new (double, runs);
  for (guint r = 0; r < runs; r++)
    {
      g_autoptr (GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
      for (guint q = 0; q < queries->len; q++)
        {
          g_autoptr (GPtrArray) found = NULL;
          double ms;

          double t0 = bench_now_ms ();
          found = sillon_communes_complete (communes, g_ptr_array_index (queries, q), 20, NULL);
          ms = bench_now_ms () - t0;
          if (ms > slowest)
            {
              slowest = ms;
              slowest_query = g_ptr_array_index (queries, q);
            }
          g_array_append_val (times, ms);
          if (r == 0)
            g_array_append_val (per_keystroke, ms);
        }
      medians[r] = bench_percentile (times, 0.5);
    }

  printf ("communes: %u\n", n);
  printf ("first load (decompress, parse, index): %.1f ms; resident memory +%ld kB\n",
          first_load, rss_after - rss_before);
  printf ("load, median of %u runs: %.1f ms\n", runs, bench_median (loads, runs));
  printf ("completion per keystroke, %u queries (top 20), first run: median %.4f ms, p95 %.4f ms, p99 %.4f ms\n",
          queries->len, bench_percentile (per_keystroke, 0.5), bench_percentile (per_keystroke, 0.95),
          bench_percentile (per_keystroke, 0.99));
  printf ("median of the %u runs' medians: %.4f ms; slowest single query over all runs: %.3f ms (“%s”)\n",
          runs, bench_median (medians, runs), slowest, slowest_query);
  return 0;
}
