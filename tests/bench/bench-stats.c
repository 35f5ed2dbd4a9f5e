/* bench-stats.c — the statistics' targets on a vault holding the reference dataset
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run by tests/bench/stats-bench.sh. Reads the passphrase from standard
 * input, unlocks, then times (each the median of RUNS runs):
 *   - all publishable tables of one year: compute + suppression;
 *   - the same, written as JSON, CSV and XLSX;
 *   - one bundle: compute + sign + seal;
 *   - merging 100 bundles from 100 site keys: read, open, verify, add up;
 *     then the same plus suppression of the merged tables.
 * Prints one "name<TAB>value" line per figure: the median wall-clock time
 * and, in brackets, the median CPU time of the process, which a machine
 * shared with other work inflates less. Never part of the test suite.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "sillon-stats-bundle.h"
#include "sillon-stats-export.h"
#include "sillon-stats-indicators.h"
#include "sillon-store.h"
#include "sillon-vault.h"
#include "bench-util.h"

#define RUNS 7
#define SITES 100

static double cpu[RUNS];
static double cpu_start;

#define START(run)                \
  double start = bench_now_ms (); \
  cpu_start = bench_clock_ms (CLOCK_PROCESS_CPUTIME_ID)
#define STOP(run)                   \
  t[run] = bench_now_ms () - start; \
  cpu[run] = bench_clock_ms (CLOCK_PROCESS_CPUTIME_ID) - cpu_start

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonVault) vault = NULL;
  g_autoptr (SillonStore) store = NULL;
  g_autofree char *dir = NULL;
  char passphrase[256];
  const char *from, *to;
  double t[RUNS];
  guint8 coordinator_pk[32], coordinator_sk[32];
  g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) trust = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  guint cells = 0, hidden = 0;
  gsize bundle_bytes = 0;

  g_set_prgname ("bench-stats");

  if (argc != 4 || !bench_read_passphrase (passphrase, sizeof passphrase))
    {
      g_printerr ("usage: bench-stats VAULT FROM TO < passphrase\n");
      return 2;
    }
  from = argv[2];
  to = argv[3];
  store = bench_open_store (argv[1], passphrase, &vault);
  dir = g_dir_make_tmp ("sillon-bench-stats-XXXXXX", &error);
  bench_check (dir != NULL, error);

  /* All publishable tables of the period. */
  for (int run = 0; run < RUNS; run++)
    {
      START (run);
      g_autoptr (SillonStatsRelease) release = sillon_stats_compute (store, from, to, &error);

      bench_check (release != NULL, error);
      bench_check (sillon_stats_release_suppress (release, SILLON_STATS_DEFAULT_K, &error), error);
      STOP (run);
      if (run == 0)
        for (guint i = 0; i < release->vars->len; i++)
          {
            cells++;
            hidden += sillon_stats_release_get_var (release, i)->status != SILLON_STATS_CELL_PUBLISHED;
          }
    }
  g_print ("tables_year_compute_and_suppress_ms\t%.1f (cpu %.1f)\n", bench_median (t, RUNS), bench_median (cpu, RUNS));
  g_print ("tables_year_cells\t%u (hidden %u)\n", cells, hidden);
  for (int run = 0; run < RUNS; run++)
    {
      START (run);
      g_autoptr (SillonStatsRelease) release = sillon_stats_compute (store, from, to, &error);
      const char *names[] = { "s.json", "s.csv", "s.xlsx" };

      bench_check (release != NULL, error);
      bench_check (sillon_stats_release_suppress (release, SILLON_STATS_DEFAULT_K, &error), error);
      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          g_autofree char *path = g_build_filename (dir, names[i], NULL);
          SillonStatsFormat format;

          bench_check (sillon_stats_format_from_path (path, &format, &error), error);
          bench_check (sillon_stats_release_write (release, sillon_store_get_vocabulary (store), format, path, &error), error);
          g_remove (path);
        }
      STOP (run);
    }
  g_print ("tables_year_with_json_csv_xlsx_ms\t%.1f (cpu %.1f)\n", bench_median (t, RUNS), bench_median (cpu, RUNS));

  /* One bundle, as `stats bundle` makes it (the site key is read from the
   * vault each time). */
  crypto_box_keypair (coordinator_pk, coordinator_sk);
  for (int run = 0; run < RUNS; run++)
    {
      START (run);
      g_autoptr (SillonStatsRelease) release = sillon_stats_compute (store, from, to, &error);
      g_autoptr (GBytes) bytes = NULL;
      guint8 pk[32];
      guint8 *sk = NULL;

      bench_check (release != NULL, error);
      bench_check (sillon_stats_site_key (store, pk, &sk, &error), error);
      bytes = sillon_stats_bundle_build (release, pk, sk, coordinator_pk, &error);
      sodium_free (sk);
      bench_check (bytes != NULL, error);
      STOP (run);
      bundle_bytes = g_bytes_get_size (bytes);
    }
  g_print ("bundle_one_ms\t%.1f (cpu %.1f)\n", bench_median (t, RUNS), bench_median (cpu, RUNS));
  g_print ("bundle_bytes\t%zu\n", bundle_bytes);

  /* 100 sites: the same counts signed by 100 site keys. */
  {
    g_autoptr (SillonStatsRelease) release = sillon_stats_compute (store, from, to, &error);

    bench_check (release != NULL, error);
    for (guint i = 0; i < SITES; i++)
      {
        guint8 pk[32], sk[64];
        g_autoptr (GBytes) bytes = NULL;
        char *path = g_strdup_printf ("%s/site-%03u.bundle", dir, i);

        crypto_sign_keypair (pk, sk);
        bytes = sillon_stats_bundle_build (release, pk, sk, coordinator_pk, &error);
        bench_check (bytes != NULL, error);
        bench_check (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes), &error), error);
        g_hash_table_insert (trust, sillon_stats_key_to_text (pk), g_strdup (""));
        g_ptr_array_add (paths, path);
      }
    g_ptr_array_add (paths, NULL);
  }
  for (int run = 0; run < RUNS; run++)
    {
      START (run);
      g_autoptr (SillonStatsRelease) merged = sillon_stats_merge ((const char *const *) paths->pdata, trust, coordinator_sk, &error);

      bench_check (merged != NULL, error);
      STOP (run);
    }
  g_print ("merge_100_bundles_ms\t%.1f (cpu %.1f)\n", bench_median (t, RUNS), bench_median (cpu, RUNS));
  for (int run = 0; run < RUNS; run++)
    {
      START (run);
      g_autoptr (SillonStatsRelease) merged = sillon_stats_merge ((const char *const *) paths->pdata, trust, coordinator_sk, &error);

      bench_check (merged != NULL, error);
      bench_check (sillon_stats_release_suppress (merged, SILLON_STATS_DEFAULT_K, &error), error);
      STOP (run);
    }
  g_print ("merge_100_bundles_and_suppress_ms\t%.1f (cpu %.1f)\n", bench_median (t, RUNS), bench_median (cpu, RUNS));

  for (guint i = 0; i + 1 < paths->len; i++)
    g_remove (g_ptr_array_index (paths, i));
  g_rmdir (dir);
  sodium_memzero (coordinator_sk, sizeof coordinator_sk);
  g_clear_pointer (&store, sillon_store_free);
  sillon_vault_lock (vault);
  return 0;
}
