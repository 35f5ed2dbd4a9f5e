/* bench-store.c — the reference dataset: generation time and
 * search-as-you-type latency (DESIGN.md §9). Run on demand, never in the
 * test suite; tests/bench/store-bench.sh builds and runs it:
 *
 *   bench-store [--vault] [--seed N] [--beneficiaries N] [--sessions N]
 *               [--workshops N] [--places N] [--runs N]
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sillon-demo.h"
#include "sillon-store.h"
#include "sillon-vault.h"
#include "bench-util.h"
#include "../core/test-dir-util.h"

/* Every prefix of a name as typed letter by letter, with and without its
 * accents, plus the whole name with one letter swapped (a typo). */
static void
keystrokes (const char *name, GPtrArray *queries)
{
  g_autofree char *ascii = g_str_to_ascii (name, "C");

  bench_add_prefixes (queries, name);
  bench_add_prefixes (queries, ascii);
  if (strlen (ascii) > 4)
    {
      char *typo = g_strdup (ascii);
      char t = typo[2];

      typo[2] = typo[3];
      typo[3] = t;
      g_ptr_array_add (queries, typo);
    }
}

int
main (int argc, char **argv)
{
  gboolean use_vault = FALSE;
  gint64 seed = 1, beneficiaries = SILLON_DEMO_DEFAULT_BENEFICIARIES, sessions = SILLON_DEMO_DEFAULT_SESSIONS;
  gint64 workshops = SILLON_DEMO_DEFAULT_WORKSHOPS, places = SILLON_DEMO_DEFAULT_PLACES, runs = 3;
  GOptionEntry entries[] = {
    { "vault", 0, 0, G_OPTION_ARG_NONE, &use_vault, "Use an encrypted vault", NULL },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &seed, "Seed", "N" },
    { "beneficiaries", 0, 0, G_OPTION_ARG_INT64, &beneficiaries, "Beneficiaries", "N" },
    { "sessions", 0, 0, G_OPTION_ARG_INT64, &sessions, "Sessions", "N" },
    { "workshops", 0, 0, G_OPTION_ARG_INT64, &workshops, "Workshops", "N" },
    { "places", 0, 0, G_OPTION_ARG_INT64, &places, "Places", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT64, &runs, "Search runs", "N" },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autoptr (SillonVault) vault = NULL;
  g_autoptr (SillonStore) store = NULL;
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) queries = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  sqlite3 *db = NULL;
  SillonDemoOptions options;
  gint64 start;
  sqlite3_stmt *stmt = NULL;
  guint64 total_hits = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  dir = g_dir_make_tmp ("sillon-bench-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, use_vault ? "vault.sillon" : "plain.db", NULL);
  if (use_vault)
    {
      SillonVaultCreateOptions vopts = { .kdf_target_ms = 1 };

      vault = sillon_vault_create (path, "Bench", "bench passphrase 1234", &vopts, NULL, &error);
      g_assert_no_error (error);
      db = sillon_vault_get_db (vault);
    }
  else
    {
      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      sqlite3_exec (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL", NULL, NULL, NULL);
    }
  store = sillon_store_new (db, &error);
  g_assert_no_error (error);

  sillon_demo_options_init (&options);
  options.seed = seed;
  options.beneficiaries = beneficiaries;
  options.sessions = sessions;
  options.workshops = workshops;
  options.places = places;
  start = g_get_monotonic_time ();
  if (!sillon_demo_generate (store, &options, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  printf ("engine: %s\n", use_vault ? "vault" : "plain SQLite (WAL)");
  printf ("generate %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT ": %.2f s\n",
          beneficiaries, sessions, workshops, places, (g_get_monotonic_time () - start) / 1e6);

  /* 200 names from the data, typed as people type them. */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT last_name FROM beneficiaries WHERE last_name IS NOT NULL ORDER BY (id * 7919) % 20011 LIMIT 200", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  for (guint i = 0; i < names->len; i++)
    keystrokes (names->pdata[i], queries);

  for (gint64 r = 0; r < runs; r++)
    for (guint i = 0; i < queries->len; i++)
      {
        gint64 t0 = g_get_monotonic_time ();
        g_autoptr (GPtrArray) found = sillon_store_search_beneficiaries (store, queries->pdata[i], 20, &error);
        double ms = (g_get_monotonic_time () - t0) / 1000.0;

        g_assert_no_error (error);
        total_hits += found->len;
        g_array_append_val (times, ms);
      }
  {
    /* The slowest keystrokes of the last run, to know what to improve. */
    guint base = times->len - queries->len;

    for (int k = 0; k < 5; k++)
      {
        guint worst = base;

        for (guint i = base; i < times->len; i++)
          if (g_array_index (times, double, i) > g_array_index (times, double, worst))
            worst = i;
        printf ("  slow: “%s” %.3f ms\n", (const char *) queries->pdata[worst - base], g_array_index (times, double, worst));
        g_array_index (times, double, worst) = -1;
      }
  }
  printf ("search: %u keystrokes x %" G_GINT64_FORMAT " runs, median %.3f ms, p95 %.3f ms, p99 %.3f ms, max %.3f ms (%" G_GUINT64_FORMAT " results)\n",
          queries->len, runs, bench_percentile (times, 0.5), bench_percentile (times, 0.95), bench_percentile (times, 0.99),
          g_array_index (times, double, times->len - 1), total_hits);

  g_array_set_size (times, 0);
  for (guint i = 0; i < queries->len; i++)
    {
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr (GPtrArray) found = sillon_store_search_places (store, queries->pdata[i], 20, &error);

      g_assert_no_error (error);
      g_array_append_val (times, (double){ (g_get_monotonic_time () - t0) / 1000.0 });
    }
  printf ("place search: median %.3f ms, p95 %.3f ms\n", bench_percentile (times, 0.5), bench_percentile (times, 0.95));

  {
    g_autoptr (SillonBeneficiary) b = sillon_store_get_beneficiary (store, 1, &error);
    g_autoptr (GArray) dup_times = g_array_new (FALSE, FALSE, sizeof (double));

    for (int i = 0; i < 50; i++)
      {
        g_autoptr (SillonBeneficiary) p = sillon_store_get_beneficiary (store, 1 + i * 37, NULL);
        gint64 t0 = g_get_monotonic_time ();
        g_autoptr (GPtrArray) d = p != NULL ? sillon_store_find_duplicates (store, p, &error) : NULL;

        g_array_append_val (dup_times, (double){ (g_get_monotonic_time () - t0) / 1000.0 });
      }
    printf ("duplicates of one person: median %.3f ms, p95 %.3f ms\n", bench_percentile (dup_times, 0.5), bench_percentile (dup_times, 0.95));
    (void) b;
  }

  {
    gint64 t0 = g_get_monotonic_time ();

    g_assert_true (sillon_store_erase_beneficiary (store, 2, &error));
    printf ("erase one person (with index purge and checkpoint): %.1f ms\n", (g_get_monotonic_time () - t0) / 1000.0);
  }

  g_clear_pointer (&store, sillon_store_free);
  if (vault != NULL)
    sillon_vault_lock (vault);
  else
    sqlite3_close (db);
  {
    GStatBuf st;

    if (g_stat (path, &st) == 0)
      printf ("file size: %.1f MiB\n", st.st_size / 1048576.0);
  }
  test_remove_tree (dir);
  return 0;
}
