/* test-store-demo.c — the deterministic demo dataset
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "test-demo-util.h"
#include "test-store-util.h"

/* The dataset of these tests, by seed. */
static void
small_options (SillonDemoOptions *options, guint64 seed)
{
  demo_test_options (options, seed, 400, 3000, 40, 25);
}

/* A digest of everything the seed decides (the creation times of mediators
 * and places are the clock's, not the seed's). */
static char *
digest (sqlite3 *db)
{
  static const char *const queries[] = {
    "SELECT id, display_name, vault_slot FROM mediators ORDER BY id",
    ("SELECT id, first_name, last_name, birth_year, gender, social_status, commune_insee, phone,"
     " email, sheet_language, notes, mediator_id, created_unix FROM beneficiaries ORDER BY id"),
    "SELECT * FROM sessions ORDER BY id",
    "SELECT * FROM workshops ORDER BY id",
    "SELECT * FROM workshop_attendance ORDER BY workshop_id, beneficiary_id",
    "SELECT id, lieu_id, nom, commune, code_insee, services, horaires, flagged FROM places ORDER BY id",
    "SELECT * FROM assessments ORDER BY id",
    "SELECT * FROM consents ORDER BY id",
    "SELECT * FROM referrals ORDER BY id",
    "SELECT * FROM parcours ORDER BY id",
    "SELECT * FROM parcours_items ORDER BY id",
  };
  g_autoptr (GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);

  for (gsize q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, queries[q], -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (stmt); c++)
          {
            const unsigned char *text = sqlite3_column_text (stmt, c);

            g_checksum_update (checksum, text != NULL ? text : (const guchar *) "\x01", -1);
            g_checksum_update (checksum, (const guchar *) "\x1f", 1);
          }
      sqlite3_finalize (stmt);
    }
  return g_strdup (g_checksum_get_string (checksum));
}

static char *
generate (guint64 seed, gint64 *out_twins)
{
  StoreFixture f = { 0 };
  SillonDemoOptions options;
  g_autoptr (GError) error = NULL;
  char *result;

  store_fixture_open (&f, FALSE);
  small_options (&options, seed);
  g_assert_true (sillon_demo_generate (f.store, &options, &error));
  g_assert_no_error (error);

  g_assert_cmpint (store_test_query_int (f.db, "SELECT count(*) FROM beneficiaries"), ==, options.beneficiaries);
  g_assert_cmpint (store_test_query_int (f.db, "SELECT count(*) FROM sessions"), ==, options.sessions);
  g_assert_cmpint (store_test_query_int (f.db, "SELECT count(*) FROM workshops"), ==, options.workshops);
  g_assert_cmpint (store_test_query_int (f.db, "SELECT count(*) FROM places"), ==, options.places);
  g_assert_cmpint (store_test_query_int (f.db, "SELECT count(*) FROM places WHERE own_structure = 1"), ==, 1);
  g_assert_cmpint (store_test_query_int (f.db, "SELECT count(*) FROM workshop_attendance"), >, options.workshops);
  /* Two years of activity ending on the given day. */
  g_assert_cmpint (store_test_query_int (f.db, "SELECT count(*) FROM sessions WHERE date > '2026-06-30' OR date < '2024-06-30'"), ==, 0);
  g_assert_cmpint (store_test_query_int (f.db, "SELECT count(DISTINCT substr(date, 1, 7)) FROM sessions"), >=, 24);
  /* Accents, anonymous people, administrative procedures: the cases the
   * interface must show. */
  g_assert_cmpint (store_test_query_int (f.db, "SELECT count(*) FROM beneficiaries WHERE first_name <> name_key AND first_name GLOB '*[^ -~]*'"), >, 0);
  g_assert_cmpint (store_test_query_int (f.db, "SELECT count(*) FROM beneficiaries WHERE first_name IS NULL"), >, 0);
  g_assert_cmpint (store_test_query_int (f.db, "SELECT count(*) FROM sessions WHERE json_array_length(admin_themes) > 0"), >, 0);
  g_assert_cmpint (store_test_query_int (f.db, "SELECT count(*) FROM places WHERE flagged <> '[]'"), >=, 0);
  g_assert_cmpint (store_test_query_int (f.db, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
  /* Follow-up records, all linked to real people and sessions. */
  g_assert_cmpint (store_test_query_int (f.db, "SELECT count(*) FROM assessments"), >, 0);
  g_assert_cmpint (store_test_query_int (f.db, "SELECT count(*) FROM consents"), >, 0);
  g_assert_cmpint (store_test_query_int (f.db, "SELECT count(*) FROM parcours"), >, 0);
  g_assert_cmpint (store_test_query_int (f.db, "SELECT count(*) FROM referrals"), ==,
                   store_test_query_int (f.db, "SELECT count(*) FROM sessions WHERE referred = 1"));
  g_assert_cmpint (store_test_query_int (f.db, "SELECT count(*) FROM referrals r JOIN sessions s ON s.id = r.session_id"
                                               " WHERE s.referred = 1 AND s.beneficiary_id = r.beneficiary_id AND s.date = r.date"),
                   ==, store_test_query_int (f.db, "SELECT count(*) FROM referrals"));
  if (out_twins != NULL)
    *out_twins = store_test_query_int (f.db, "SELECT count(*) FROM beneficiaries a JOIN beneficiaries b"
                                             " ON a.id < b.id AND a.phone_key = b.phone_key AND a.first_name = b.first_name");

  /* The data is searchable like any other. */
  {
    g_autoptr (GPtrArray) found = sillon_store_search_beneficiaries (f.store, "mar", 10, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (found->len, >, 0);
  }
  result = digest (f.db);
  store_fixture_teardown (&f, NULL);
  return result;
}

static void
test_deterministic (void)
{
  gint64 twins = 0;
  g_autofree char *a = generate (42, &twins);
  g_autofree char *b = generate (42, NULL);
  g_autofree char *c = generate (43, NULL);

  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, !=, c);
  g_test_message ("%" G_GINT64_FORMAT " registered-twice pairs", twins);
}

/* What the follow-up of people looks like over two years. */
static void
test_progression (StoreFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  SillonDemoOptions options;
  sqlite3_stmt *stmt = NULL;
  gint64 regulars, compared = 0, improved = 0;
  double first_share, last_share;

  small_options (&options, 7);
  g_assert_true (sillon_demo_generate (f->store, &options, &error));
  g_assert_no_error (error);

  /* Nobody comes twice on one day, and most people come a few times. */
  g_assert_cmpint (store_test_query_int (f->db, "SELECT count(*) FROM (SELECT 1 FROM sessions GROUP BY beneficiary_id, date HAVING count(*) > 1)"), ==, 0);
  g_assert_cmpint (store_test_query_int (f->db, "SELECT count(*) FROM (SELECT beneficiary_id FROM sessions GROUP BY beneficiary_id HAVING count(*) <= 3)"), >,
                   store_test_query_int (f->db, "SELECT count(*) FROM (SELECT beneficiary_id FROM sessions GROUP BY beneficiary_id HAVING count(*) > 3)"));
  g_assert_cmpint (store_test_query_int (f->db, "SELECT max(n) FROM (SELECT count(*) AS n FROM sessions GROUP BY beneficiary_id)"), <=, 100);

  /* The share of autonomous sessions rises from the first quarter of the
   * period (from 2024-06-30) to the last (up to 2026-06-30). */
  first_share = (double) store_test_query_int (f->db, "SELECT count(*) FROM sessions WHERE autonomy = 'autonome' AND date < '2024-10-01'") /
                MAX (1, store_test_query_int (f->db, "SELECT count(*) FROM sessions WHERE autonomy IS NOT NULL AND date < '2024-10-01'"));
  last_share = (double) store_test_query_int (f->db, "SELECT count(*) FROM sessions WHERE autonomy = 'autonome' AND date >= '2026-04-01'") /
               MAX (1, store_test_query_int (f->db, "SELECT count(*) FROM sessions WHERE autonomy IS NOT NULL AND date >= '2026-04-01'"));
  g_test_message ("autonomous sessions: %.1f %% in the first quarter, %.1f %% in the last", 100 * first_share, 100 * last_share);
  g_assert_cmpfloat (last_share, >, first_share);

  /* Every regular has an assessment, and most of those assessed twice
   * know more at the last one than at the first. */
  regulars = store_test_query_int (f->db, "SELECT count(*) FROM (SELECT beneficiary_id FROM sessions GROUP BY beneficiary_id HAVING count(*) >= 4)");
  g_assert_cmpint (regulars, >, 0);
  g_assert_cmpint (store_test_query_int (f->db, "SELECT count(*) FROM (SELECT beneficiary_id FROM sessions GROUP BY beneficiary_id HAVING count(*) >= 4)"
                                                " WHERE beneficiary_id NOT IN (SELECT beneficiary_id FROM assessments)"),
                   ==, 0);
  g_assert_cmpint (sqlite3_prepare_v2 (f->db,
                                       "SELECT (SELECT json_extract(result_json, '$.axes.savoir.score') FROM assessments"
                                       "         WHERE beneficiary_id = a.beneficiary_id ORDER BY date, id LIMIT 1),"
                                       "       (SELECT json_extract(result_json, '$.axes.savoir.score') FROM assessments"
                                       "         WHERE beneficiary_id = a.beneficiary_id ORDER BY date DESC, id DESC LIMIT 1)"
                                       " FROM assessments a GROUP BY beneficiary_id HAVING count(*) >= 2",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_assert_cmpint (sqlite3_column_type (stmt, 0), !=, SQLITE_NULL);
      g_assert_cmpint (sqlite3_column_type (stmt, 1), !=, SQLITE_NULL);
      compared++;
      if (sqlite3_column_int (stmt, 1) >= sqlite3_column_int (stmt, 0))
        improved++;
    }
  sqlite3_finalize (stmt);
  g_test_message ("%" G_GINT64_FORMAT " of %" G_GINT64_FORMAT " people assessed twice or more did not fall back", improved, compared);
  g_assert_cmpint (compared, >, 0);
  g_assert_cmpint (improved * 4, >=, compared * 3);

  /* Every named person has a consent; anonymous people have none. */
  g_assert_cmpint (store_test_query_int (f->db, "SELECT count(*) FROM beneficiaries WHERE (first_name IS NOT NULL OR last_name IS NOT NULL)"
                                                " AND id NOT IN (SELECT beneficiary_id FROM consents)"),
                   ==, 0);
  g_assert_cmpint (store_test_query_int (f->db, "SELECT count(*) FROM consents c JOIN beneficiaries b ON b.id = c.beneficiary_id"
                                                " WHERE b.first_name IS NULL AND b.last_name IS NULL"),
                   ==, 0);
  /* Parcours steps point at the person's own sessions. */
  g_assert_cmpint (store_test_query_int (f->db, "SELECT count(*) FROM parcours_items i JOIN parcours p ON p.id = i.parcours_id"
                                                " JOIN sessions s ON s.id = i.session_id WHERE s.beneficiary_id <> p.beneficiary_id"),
                   ==, 0);
}

/* French elides "de" before a vowel or a mute h: "CCAS d’Épernay". */
static void
test_place_names (StoreFixture *f, gconstpointer data)
{
  demo_test_generate (f->store, 3, 0, 0, 0, 300);
  g_assert_cmpint (store_test_query_int (f->db, "SELECT count(*) FROM places"), ==, 300);
  g_assert_cmpint (store_test_query_int (f->db, "SELECT count(*) FROM places WHERE nom GLOB '*de [AEIOUYHÉÈÊÂÎÔÛaeiouyhéèêâîôû]*'"
                                                " OR nom GLOB '*de Le *' OR nom GLOB '*de Les *'"),
                   ==, 0);
  /* The rule was applied, not merely avoided. */
  g_assert_cmpint (store_test_query_int (f->db, "SELECT count(*) FROM places WHERE nom GLOB '*d’[AEIOUYHÉÈÊÂÎÔÛ]*'"), >, 0);
  g_assert_cmpint (store_test_query_int (f->db, "SELECT count(*) FROM places WHERE nom GLOB '*du Mans*'"), >, 0);
}

/* The generator refuses @options as invalid. */
static void
assert_refused (SillonStore *store, const SillonDemoOptions *options)
{
  g_autoptr (GError) error = NULL;

  g_assert_false (sillon_demo_generate (store, options, &error));
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID);
}

/* One session per person per day at most: more than that cannot be made. */
static void
test_too_many_sessions (StoreFixture *f, gconstpointer data)
{
  SillonDemoOptions options;

  small_options (&options, 1);
  options.beneficiaries = 1;
  options.sessions = 800;
  assert_refused (f->store, &options);
  g_assert_cmpint (sillon_store_count_beneficiaries (f->store, NULL), ==, 0);
}

static void
test_invalid_options (StoreFixture *f, gconstpointer data)
{
  SillonDemoOptions options;

  small_options (&options, 1);
  options.beneficiaries = 0;
  assert_refused (f->store, &options);

  small_options (&options, 1);
  options.end_date = "2026-02-30";
  assert_refused (f->store, &options);

  /* Activity cannot end in the future: the store refuses the sessions,
   * and nothing is left behind. */
  small_options (&options, 1);
  options.end_date = "2099-01-01";
  assert_refused (f->store, &options);
  g_assert_cmpint (sillon_store_count_beneficiaries (f->store, NULL), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/demo/deterministic", test_deterministic);
  g_test_add ("/store/demo/progression", StoreFixture, NULL, store_fixture_setup, test_progression, store_fixture_teardown);
  g_test_add ("/store/demo/place-names", StoreFixture, NULL, store_fixture_setup, test_place_names, store_fixture_teardown);
  g_test_add ("/store/demo/too-many-sessions", StoreFixture, NULL, store_fixture_setup, test_too_many_sessions, store_fixture_teardown);
  g_test_add ("/store/demo/invalid-options", StoreFixture, NULL, store_fixture_setup, test_invalid_options, store_fixture_teardown);
  return g_test_run ();
}
