/* bench-reference.c — the targets, measured on a vault holding the reference dataset
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run by tests/bench/reference-bench.sh, which builds the vault with
 * `sillon-cli demo`. Reads the passphrase from standard input, unlocks, then
 * measures what a mediator waits for:
 *   - the first screen (recent people + today's sessions), first call and median;
 *   - search per keystroke over many realistic prefixes (median, p95);
 *   - logging one session durably (insert + commit, synchronous=FULL);
 *   - importing a file of places in one transaction.
 * Prints one "name<TAB>value" line per figure. Never part of the test suite.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "sillon-places-import.h"
#include "sillon-store.h"
#include "sillon-vault.h"

static double
now_ms (void)
{
  return (double) g_get_monotonic_time () / 1000.0;
}

static int
compare_double (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
percentile (GArray *samples, double p)
{
  guint index;

  g_array_sort (samples, compare_double);
  index = (guint) (p * (samples->len - 1) + 0.5);
  return g_array_index (samples, double, index);
}

static void
check (gboolean ok, GError *error)
{
  if (!ok)
    {
      g_printerr ("bench-reference: %s\n", error != NULL ? error->message : "failed");
      exit (1);
    }
}

static void
first_screen (SillonStore *store, const char *today)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  guint n_recent = 0, n_today = 0;

  for (int run = 0; run < 30; run++)
    {
      double start = now_ms ();
      g_autoptr (GPtrArray) recent = sillon_store_list_recent_beneficiaries (store, 20, &error);
      g_autoptr (GPtrArray) sessions = NULL;
      double elapsed;

      check (recent != NULL, error);
      sessions = sillon_store_list_sessions_on (store, today, &error);
      check (sessions != NULL, error);
      elapsed = now_ms () - start;
      if (run == 0)
        g_print ("first_screen_first_call_ms\t%.2f\n", elapsed);
      g_array_append_val (samples, elapsed);
      n_recent = recent->len;
      n_today = sessions->len;
    }
  g_print ("first_screen_rows\t%u recent, %u today\n", n_recent, n_today);
  g_print ("first_screen_median_ms\t%.2f\n", percentile (samples, 0.5));
  g_print ("first_screen_p95_ms\t%.2f\n", percentile (samples, 0.95));
}

/* Prefixes as typed: each letter of "first last" and "last" of 150 people
 * spread over the dataset, plus a typo on every fifth. */
static void
search_keystrokes (SillonStore *store)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) full_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) short_samples = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 count = sillon_store_count_beneficiaries (store, &error);
  gint64 step;

  check (count > 0, error);
  step = MAX (count / 150, 1);
  for (gint64 id = 1; id <= count; id += step)
    {
      g_autoptr (SillonBeneficiary) b = sillon_store_get_beneficiary (store, id, NULL);
      g_autofree char *typed = NULL;
      glong length;

      if (b == NULL || b->last_name == NULL)
        continue;
      typed = (id / step) % 2 == 0 || b->first_name == NULL ? g_strdup (b->last_name)
                                                            : g_strdup_printf ("%s %s", b->first_name, b->last_name);
      if ((id / step) % 5 == 0 && strlen (typed) > 4)
        typed[2] = 'q';
      length = g_utf8_strlen (typed, -1);
      for (glong n = 1; n <= length; n++)
        {
          g_autofree char *prefix = g_utf8_substring (typed, 0, n);
          double start = now_ms ();
          g_autoptr (GPtrArray) found = sillon_store_search_beneficiaries (store, prefix, 20, &error);
          double elapsed = now_ms () - start;

          check (found != NULL, error);
          g_array_append_val (samples, elapsed);
          /* Fewer than the limit found by prefix: the typo-tolerant pass ran too. */
          g_array_append_val (found->len < 20 ? short_samples : full_samples, elapsed);
        }
    }
  g_print ("search_keystrokes\t%u\n", samples->len);
  g_print ("search_median_ms\t%.2f\n", percentile (samples, 0.5));
  g_print ("search_p95_ms\t%.2f\n", percentile (samples, 0.95));
  g_print ("search_max_ms\t%.2f\n", percentile (samples, 1.0));
  if (full_samples->len > 0)
    g_print ("search_p95_limit_filled_ms\t%.2f\n", percentile (full_samples, 0.95));
  if (short_samples->len > 0)
    g_print ("search_p95_fewer_than_limit_ms\t%.2f\n", percentile (short_samples, 0.95));
  g_print ("search_fewer_than_limit\t%u\n", short_samples->len);
}

static void
log_sessions (SillonStore *store, const char *today)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  const char *themes[] = { "email", "aide_aux_demarches_administratives", NULL };

  for (int i = 0; i < 200; i++)
    {
      g_autoptr (SillonSession) s = sillon_session_new ();
      double start, elapsed;

      s->beneficiary_id = 1 + i;
      s->date = g_strdup (today);
      s->duration_minutes = 30;
      s->place_type = g_strdup ("lieu_activite");
      s->themes = g_strdupv ((char **) themes);
      start = now_ms ();
      /* Autocommit: the insert is its own transaction, committed with
       * synchronous=FULL (the vault's setting) before it returns. */
      check (sillon_store_insert_session (store, s, &error), error);
      elapsed = now_ms () - start;
      g_array_append_val (samples, elapsed);
    }
  g_print ("log_session_median_ms\t%.2f\n", percentile (samples, 0.5));
  g_print ("log_session_p95_ms\t%.2f\n", percentile (samples, 0.95));
}

static void
import_places (SillonStore *store, const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonPlacesSchema) schema = sillon_places_schema_new_default (&error);
  g_autoptr (GPtrArray) places = NULL;
  g_autoptr (SillonPlacesReport) report = NULL;
  g_autofree char *data = NULL;
  gsize length = 0;
  double start, parsed, stored;

  check (schema != NULL, error);
  check (g_file_get_contents (path, &data, &length, &error), error);
  start = now_ms ();
  check (sillon_places_import_csv (schema, data, length, &places, &report, &error), error);
  parsed = now_ms ();
  check (sillon_store_begin (store, &error), error);
  for (guint i = 0; i < places->len; i++)
    {
      g_autoptr (SillonPlaceRecord) record = sillon_place_record_new_from_import (g_ptr_array_index (places, i));
      check (sillon_store_upsert_place (store, record, &error), error);
    }
  check (sillon_store_commit (store, &error), error);
  stored = now_ms ();
  g_print ("import_places_records\t%u kept, %u flagged, %u skipped\n", report->n_kept, report->n_flagged, report->n_skipped);
  g_print ("import_places_parse_ms\t%.0f\n", parsed - start);
  g_print ("import_places_total_ms\t%.0f\n", stored - start);
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonVault) vault = NULL;
  g_autoptr (SillonStore) store = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  char passphrase[256] = { 0 };
  double start;

  if (argc != 3)
    {
      g_printerr ("usage: bench-reference VAULT PLACES-CSV < passphrase\n");
      return 2;
    }
  if (sodium_init () < 0 || fgets (passphrase, sizeof passphrase, stdin) == NULL)
    return 1;
  passphrase[strcspn (passphrase, "\n")] = '\0';
  sillon_vault_register_vfs ();

  start = now_ms ();
  vault = sillon_vault_open (argv[1], passphrase, &error);
  check (vault != NULL, error);
  g_print ("unlock_ms\t%.0f\n", now_ms () - start);
  start = now_ms ();
  store = sillon_store_new (sillon_vault_get_db (vault), &error);
  check (store != NULL, error);
  g_print ("store_open_ms\t%.1f\n", now_ms () - start);
  {
    sqlite3_stmt *stmt = NULL;
    /* The durability the session figures are measured with. */
    if (sqlite3_prepare_v2 (sillon_vault_get_db (vault), "SELECT * FROM pragma_synchronous, pragma_journal_mode", -1, &stmt, NULL) == SQLITE_OK &&
        sqlite3_step (stmt) == SQLITE_ROW)
      g_print ("synchronous_journal_mode\t%d %s\n", sqlite3_column_int (stmt, 0), sqlite3_column_text (stmt, 1));
    sqlite3_finalize (stmt);
  }

  first_screen (store, today);
  search_keystrokes (store);
  log_sessions (store, today);
  import_places (store, argv[2]);

  g_clear_pointer (&store, sillon_store_free);
  sillon_vault_lock (vault);
  return 0;
}
