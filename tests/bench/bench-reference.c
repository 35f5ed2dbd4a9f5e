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
 *   - importing a file of places in one transaction;
 *   - place search per keystroke over the directory once imported (the
 *     places area's search: name, commune and service prefixes);
 *   - the workshops area's two lists, and opening a workshop with 30
 *     attendees (the workshop and each attendee's name).
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
#include "bench-util.h"

static void
first_screen (SillonStore *store, const char *today)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  guint n_recent = 0, n_today = 0;

  for (int run = 0; run < 30; run++)
    {
      double start = bench_now_ms ();
      g_autoptr (GPtrArray) recent = sillon_store_list_recent_beneficiaries (store, 20, &error);
      g_autoptr (GPtrArray) sessions = NULL;
      double elapsed;

      bench_check (recent != NULL, error);
      sessions = sillon_store_list_sessions_on (store, today, &error);
      bench_check (sessions != NULL, error);
      elapsed = bench_now_ms () - start;
      if (run == 0)
        g_print ("first_screen_first_call_ms\t%.2f\n", elapsed);
      g_array_append_val (samples, elapsed);
      n_recent = recent->len;
      n_today = sessions->len;
    }
  g_print ("first_screen_rows\t%u recent, %u today\n", n_recent, n_today);
  g_print ("first_screen_median_ms\t%.2f\n", bench_percentile (samples, 0.5));
  g_print ("first_screen_p95_ms\t%.2f\n", bench_percentile (samples, 0.95));
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

  bench_check (count >= 0, error);
  if (count == 0)
    {
      /* Without the reference dataset the other figures still mean something. */
      g_print ("search_keystrokes\t0 (nobody in the vault)\n");
      return;
    }
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
          double start = bench_now_ms ();
          g_autoptr (GPtrArray) found = sillon_store_search_beneficiaries (store, prefix, 20, &error);
          double elapsed = bench_now_ms () - start;

          bench_check (found != NULL, error);
          g_array_append_val (samples, elapsed);
          /* Fewer than the limit found by prefix: the typo-tolerant pass ran too. */
          g_array_append_val (found->len < 20 ? short_samples : full_samples, elapsed);
        }
    }
  g_print ("search_keystrokes\t%u\n", samples->len);
  g_print ("search_median_ms\t%.2f\n", bench_percentile (samples, 0.5));
  g_print ("search_p95_ms\t%.2f\n", bench_percentile (samples, 0.95));
  g_print ("search_max_ms\t%.2f\n", bench_percentile (samples, 1.0));
  if (full_samples->len > 0)
    g_print ("search_p95_limit_filled_ms\t%.2f\n", bench_percentile (full_samples, 0.95));
  if (short_samples->len > 0)
    g_print ("search_p95_fewer_than_limit_ms\t%.2f\n", bench_percentile (short_samples, 0.95));
  g_print ("search_fewer_than_limit\t%u\n", short_samples->len);
}

static void
log_sessions (SillonStore *store, const char *today)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
  const char *themes[] = { "email", "aide_aux_demarches_administratives", NULL };
  g_autoptr (SillonBeneficiary) person = sillon_beneficiary_new ();

  /* A person of its own: the figure does not depend on the dataset's ids. */
  person->last_name = g_strdup ("Bench");
  bench_check (sillon_store_insert_beneficiary (store, person, &error), error);
  for (int i = 0; i < 200; i++)
    {
      g_autoptr (SillonSession) s = sillon_session_new ();
      double start, elapsed;

      s->beneficiary_id = person->id;
      s->date = g_strdup (today);
      s->duration_minutes = 30;
      s->place_type = g_strdup ("lieu_activite");
      s->themes = g_strdupv ((char **) themes);
      start = bench_now_ms ();
      /* Autocommit: the insert is its own transaction, committed with
       * synchronous=FULL (the vault's setting) before it returns. */
      bench_check (sillon_store_insert_session (store, s, &error), error);
      elapsed = bench_now_ms () - start;
      g_array_append_val (samples, elapsed);
    }
  g_print ("log_session_median_ms\t%.2f\n", bench_percentile (samples, 0.5));
  g_print ("log_session_p95_ms\t%.2f\n", bench_percentile (samples, 0.95));
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

  bench_check (schema != NULL, error);
  bench_check (g_file_get_contents (path, &data, &length, &error), error);
  start = bench_now_ms ();
  bench_check (sillon_places_import_csv (schema, data, length, &places, &report, &error), error);
  parsed = bench_now_ms ();
  bench_check (sillon_store_begin (store, &error), error);
  /* What the CLI and the places area of the window call. */
  bench_check (sillon_store_import_places (store, places, NULL, NULL, NULL, &error), error);
  bench_check (sillon_store_commit (store, &error), error);
  stored = bench_now_ms ();
  g_print ("import_places_records\t%u kept, %u flagged, %u skipped\n", report->n_kept, report->n_flagged, report->n_skipped);
  g_print ("import_places_parse_ms\t%.0f\n", parsed - start);
  g_print ("import_places_total_ms\t%.0f\n", stored - start);
}

typedef GPtrArray *(*PlaceSearch) (SillonStore *store, const char *prefix, GError **error);

/* Each of @typed, letter by letter, searched with @search: prints the
 * median, p95 and slowest keystroke as figures named after @figure. */
static void
time_place_keystrokes (SillonStore *store,
                       const char *const *typed,
                       gsize n_typed,
                       PlaceSearch search,
                       const char *figure)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));

  for (gsize i = 0; i < n_typed; i++)
    {
      glong length = g_utf8_strlen (typed[i], -1);

      for (glong n = 1; n <= length; n++)
        {
          g_autofree char *prefix = g_utf8_substring (typed[i], 0, n);
          double start = bench_now_ms ();
          g_autoptr (GPtrArray) found = search (store, prefix, &error);
          double elapsed = bench_now_ms () - start;

          bench_check (found != NULL, error);
          g_array_append_val (samples, elapsed);
        }
    }
  g_print ("%s_keystrokes\t%u\n", figure, samples->len);
  g_print ("%s_median_ms\t%.2f\n", figure, bench_percentile (samples, 0.5));
  g_print ("%s_p95_ms\t%.2f\n", figure, bench_percentile (samples, 0.95));
  g_print ("%s_max_ms\t%.2f\n", figure, bench_percentile (samples, 1.0));
}

/* 50: what the places area shows. */
static GPtrArray *
search_places_area (SillonStore *store,
                    const char *prefix,
                    GError **error)
{
  return sillon_store_search_places (store, prefix, 50, error);
}

/* The referral dialog, for a person of Reims, also shows 50: every match is
 * ranked (commune, then département) before the limit applies, so a short
 * prefix costs more than in the places area. */
static GPtrArray *
search_places_referral (SillonStore *store,
                        const char *prefix,
                        GError **error)
{
  return sillon_store_search_places_near (store, prefix, "51454", 50, error);
}

/* The places area's searches letter by letter, then shorter ones in the
 * referral dialog. */
static void
search_places_keystrokes (SillonStore *store)
{
  static const char *const referral_typed[] = {
    "Médiathèque",
    "France services",
    "aide aux démarches",
    "numérique",
    "Troyes",
    "Sedan",
    "impression",
  };
  gsize n_typed;
  const char *const *typed = bench_place_searches (&n_typed);

  time_place_keystrokes (store, typed, n_typed, search_places_area, "place_search");
  time_place_keystrokes (store, referral_typed, G_N_ELEMENTS (referral_typed), search_places_referral,
                         "place_search_near");
}

/* The workshops area reads upcoming and past workshops; a workshop page
 * reads the workshop and the name of each attendee. */
static void
open_workshops (SillonStore *store, const char *today)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) list_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) open_samples = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (SillonWorkshop) w = sillon_workshop_new ();
  const char *themes[] = { "email", NULL };
  guint listed = 0, total = 0;

  w->title = g_strdup ("Thirty attendees");
  w->date = g_strdup (today);
  w->duration_minutes = 90;
  w->place_type = g_strdup ("lieu_activite");
  w->themes = g_strdupv ((char **) themes);
  /* Thirty people of its own, so that the figure does not depend on the
   * dataset's ids. */
  for (int i = 0; i < 30; i++)
    {
      g_autoptr (SillonBeneficiary) b = sillon_beneficiary_new ();

      b->first_name = g_strdup_printf ("Attendee %d", i + 1);
      b->last_name = g_strdup ("Bench");
      bench_check (sillon_store_insert_beneficiary (store, b, &error), error);
      g_array_append_val (w->attendees, b->id);
    }
  bench_check (sillon_store_insert_workshop (store, w, &error), error);

  for (int i = 0; i < 20; i++)
    {
      double start = bench_now_ms ();
      g_autoptr (GPtrArray) upcoming = sillon_store_list_workshops (store, today, NULL, &error);
      g_autoptr (GPtrArray) past = NULL;
      double elapsed;

      bench_check (upcoming != NULL, error);
      /* As the workshops area reads them: the 100 most recent past
       * workshops, the others counted. */
      past = sillon_store_list_workshops_before (store, today, 100, &total, &error);
      bench_check (past != NULL, error);
      elapsed = bench_now_ms () - start;
      listed = upcoming->len + total;
      g_array_append_val (list_samples, elapsed);
    }
  for (int i = 0; i < 30; i++)
    {
      double start = bench_now_ms ();
      g_autoptr (SillonWorkshop) opened = sillon_store_get_workshop (store, w->id, &error);
      double elapsed;

      bench_check (opened != NULL, error);
      for (guint a = 0; a < opened->attendees->len; a++)
        {
          g_autoptr (SillonBeneficiary) b = sillon_store_get_beneficiary (store, g_array_index (opened->attendees, gint64, a), &error);
          bench_check (b != NULL, error);
        }
      elapsed = bench_now_ms () - start;
      g_array_append_val (open_samples, elapsed);
    }
  g_print ("workshops_listed\t%u\n", listed);
  g_print ("workshops_lists_median_ms\t%.2f\n", bench_percentile (list_samples, 0.5));
  g_print ("workshops_lists_p95_ms\t%.2f\n", bench_percentile (list_samples, 0.95));
  g_print ("workshop_30_attendees_open_median_ms\t%.2f\n", bench_percentile (open_samples, 0.5));
  g_print ("workshop_30_attendees_open_p95_ms\t%.2f\n", bench_percentile (open_samples, 0.95));
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

  g_set_prgname ("bench-reference");

  if (argc != 3)
    {
      g_printerr ("usage: bench-reference VAULT PLACES-CSV < passphrase\n");
      return 2;
    }
  if (!bench_read_passphrase (passphrase, sizeof passphrase))
    return 1;
  sillon_vault_register_vfs ();

  start = bench_now_ms ();
  vault = sillon_vault_open (argv[1], passphrase, &error);
  bench_check (vault != NULL, error);
  g_print ("unlock_ms\t%.0f\n", bench_now_ms () - start);
  start = bench_now_ms ();
  store = sillon_store_new (sillon_vault_get_db (vault), &error);
  bench_check (store != NULL, error);
  g_print ("store_open_ms\t%.1f\n", bench_now_ms () - start);
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
  search_places_keystrokes (store);
  open_workshops (store, today);

  g_clear_pointer (&store, sillon_store_free);
  sillon_vault_lock (vault);
  return 0;
}
