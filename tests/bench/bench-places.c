/* bench-places.c — where a keystroke of the place search spends its time
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Imports a directory of places into a vault, then types the places area's
 * searches letter by letter (the same texts as bench-reference.c) and
 * measures each keystroke's store call at the places area's limit (50) and
 * the workshop's place chooser's (8), repeated RUNS times; prints medians
 * and p95 of each run and the slowest prefixes, so that a slow keystroke
 * can be traced to what was typed. tests/bench/places-bench.sh runs it.
 *
 *   bench-places VAULT PLACES-CSV RUNS < passphrase
 */

#include <locale.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sillon-places-import.h"
#include "sillon-store.h"
#include "sillon-vault.h"
#include "bench-util.h"

typedef struct
{
  double ms;      /* the first try, as the mediator waits for it */
  double cpu_ms;  /* the first try's processor time: the work itself */
  double best_ms; /* the quickest of three tries: the pages in cache */
  char *prefix;
} Sample;

static gsize sort_offset;

static int
compare_sample (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) ((const char *) a + sort_offset);
  double y = *(const double *) ((const char *) b + sort_offset);
  return x < y ? -1 : x > y;
}

static void
print_figure (GArray *samples, const char *name, gsize offset)
{
  sort_offset = offset;
  g_array_sort (samples, compare_sample);
#define AT(i) (*(const double *) ((const char *) &g_array_index (samples, Sample, (i)) + offset))
  g_print ("\t%s median %.2f p95 %.2f max %.2f", name, AT (samples->len / 2),
           AT ((guint) (0.95 * (samples->len - 1) + 0.5)), AT (samples->len - 1));
#undef AT
}

static void
clear_sample (gpointer data)
{
  g_free (((Sample *) data)->prefix);
}

static void
type_all (SillonStore *store, guint limit, guint run)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) samples = g_array_new (FALSE, FALSE, sizeof (Sample));
  gsize n_typed;
  const char *const *typed = bench_place_searches (&n_typed);

  g_array_set_clear_func (samples, clear_sample);
  for (gsize i = 0; i < n_typed; i++)
    for (glong n = 1; n <= g_utf8_strlen (typed[i], -1); n++)
      {
        Sample s = { 0, 0, G_MAXDOUBLE, g_utf8_substring (typed[i], 0, n) };

        /* The processor time of this thread: what the search costs. */
        for (int k = 0; k < 3; k++)
          {
            double start = bench_now_ms (), start_cpu = bench_clock_ms (CLOCK_THREAD_CPUTIME_ID);
            g_autoptr (GPtrArray) found = sillon_store_search_places (store, s.prefix, limit, &error);
            double elapsed = bench_now_ms () - start;

            bench_check (found != NULL, error);
            if (k == 0)
              {
                s.ms = elapsed;
                s.cpu_ms = bench_clock_ms (CLOCK_THREAD_CPUTIME_ID) - start_cpu;
              }
            s.best_ms = MIN (s.best_ms, elapsed);
          }
        g_array_append_val (samples, s);
      }
  g_print ("run %u limit %u keystrokes %u ms:", run, limit, samples->len);
  print_figure (samples, "cpu", G_STRUCT_OFFSET (Sample, cpu_ms));
  print_figure (samples, "best-of-3", G_STRUCT_OFFSET (Sample, best_ms));
  print_figure (samples, "first", G_STRUCT_OFFSET (Sample, ms));
  g_print ("\n");
  if (run == 1)
    for (guint i = samples->len; i > samples->len - 5; i--)
      g_print ("  slowest first try: %.2f ms (cpu %.2f ms)\t“%s”\n", g_array_index (samples, Sample, i - 1).ms,
               g_array_index (samples, Sample, i - 1).cpu_ms, g_array_index (samples, Sample, i - 1).prefix);
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonVault) vault = NULL;
  g_autoptr (SillonStore) store = NULL;
  g_autoptr (SillonPlacesSchema) schema = NULL;
  g_autoptr (GPtrArray) places = NULL;
  g_autoptr (SillonPlacesReport) report = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;
  char passphrase[256] = { 0 };
  guint runs;

  if (argc != 4)
    {
      g_printerr ("usage: bench-places VAULT PLACES-CSV RUNS < passphrase\n");
      return 2;
    }
  g_set_prgname ("bench-places");
  runs = (guint) g_ascii_strtoull (argv[3], NULL, 10);
  setlocale (LC_ALL, "");
  if (!bench_read_passphrase (passphrase, sizeof passphrase))
    return 1;
  store = bench_open_store (argv[1], passphrase, &vault);

  schema = sillon_places_schema_new_default (&error);
  bench_check (schema != NULL, error);
  bench_check (g_file_get_contents (argv[2], &data, &length, &error), error);
  bench_check (sillon_places_import_csv (schema, data, length, &places, &report, &error), error);
  bench_check (sillon_store_import_places (store, places, NULL, NULL, NULL, &error), error);
  g_print ("places\t%u\n", places->len);

  for (guint run = 1; run <= runs; run++)
    {
      type_all (store, 50, run);
      type_all (store, 8, run);
    }
  g_clear_pointer (&store, sillon_store_free);
  sillon_vault_lock (vault);
  return 0;
}
