/* test-store-fixture.c — a real encrypted vault written at schema version 1 opens and migrates
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * tests/data/fixtures/vault-schema-v1.sillon is a committed vault file, as
 * a first release of Sillon left it: schema version 1, rows in that
 * version's shape. Its passphrase is FIXTURE_PASSPHRASE below (it protects
 * made-up test data only). The test works on a copy: the committed file is
 * never changed.
 *
 * To regenerate it (only if the vault *format* changes; a schema change must
 * NOT regenerate it, since the point is to open what an old Sillon wrote):
 *
 *   rm tests/data/fixtures/vault-schema-v1.sillon
 *   _build/tests/core/test-store-fixture --generate tests/data/fixtures/vault-schema-v1.sillon
 */

#include "config.h"

#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <sodium.h>

#include "sillon-journal.h"
#include "sillon-stats-dp.h"
#include "sillon-store-private.h"
#include "sillon-store.h"
#include "sillon-vault.h"
#include "test-dir-util.h"
#include "test-store-util.h"

#define FIXTURE_PASSPHRASE "fixture passphrase v1"
#define FIXTURE_NAME "vault-schema-v1.sillon"

/* Exactly what version 1 of the schema holds: written with plain SQL so that
 * no code of a later version shapes the rows. */
static const char fixture_rows[] =
    "INSERT INTO mediators (id, display_name, vault_slot, created_unix) VALUES (1, 'Médiatrice Fixture', 0, 1735689600);"
    "INSERT INTO places (id, lieu_id, nom, commune, code_postal, code_insee, typologie, source, flagged, updated_unix)"
    "  VALUES (1, 'fixture-lieu-1', 'Médiathèque du Fixture', 'Épernay', '51200', '51230', '[\"BIB\"]', 'fixture',"
    "          '[\"horaires\"]', 1735689600);"
    "INSERT INTO beneficiaries (id, first_name, last_name, birth_year, commune_insee, mediator_id, name_key,"
    "                           created_unix, updated_unix)"
    "  VALUES (1, 'Zoé', 'Dupré', 1950, '51230', 1, 'dupre zoe', 1735689600, 1735689600),"
    "         (2, 'Œdipe', 'Lefèvre', 1988, NULL, 1, 'lefevre oedipe', 1735689600, 1735689600);"
    "INSERT INTO sessions (id, beneficiary_id, mediator_id, date, duration_minutes, place_type, place_id, themes)"
    "  VALUES (1, 1, 1, '2025-01-15', 45, 'lieu_activite', 1, '[\"email\"]'),"
    "         (2, 1, 1, '2025-02-03', 30, 'lieu_activite', 1, '[\"email\"]'),"
    "         (3, 2, 1, '2025-02-04', 60, 'lieu_activite', NULL, '[\"email\"]');";

static char *
fixture_path (void)
{
  return g_build_filename (TEST_DATA_DIR, "fixtures", FIXTURE_NAME, NULL);
}

static int
generate (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonVault) vault = NULL;
  SillonVaultCreateOptions options = { 0 };
  char *recovery = NULL;
  char *sql_error = NULL;

  /* Small pages keep the file small; a cheap KDF keeps the test fast. */
  options.kdf_target_ms = 1;
  options.page_size = 1024;
  vault = sillon_vault_create (path, "Médiatrice Fixture", FIXTURE_PASSPHRASE, &options, &recovery, &error);
  if (vault == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  sillon_vault_free_secret (recovery);
  if (!sillon_store_migrate (sillon_vault_get_db (vault), 1, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (sqlite3_exec (sillon_vault_get_db (vault), fixture_rows, NULL, NULL, &sql_error) != SQLITE_OK)
    {
      g_printerr ("%s\n", sql_error);
      sqlite3_free (sql_error);
      return 1;
    }
  sillon_vault_lock (vault);
  g_print ("Wrote %s (schema version 1, passphrase “%s”)\n", path, FIXTURE_PASSPHRASE);
  return 0;
}

typedef struct
{
  char *dir;
  char *copy;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *source = fixture_path ();
  g_autoptr (GFile) from = g_file_new_for_path (source);
  g_autoptr (GFile) to = NULL;

  f->dir = test_make_tmp_dir ("sillon-fixture-XXXXXX");
  f->copy = g_build_filename (f->dir, FIXTURE_NAME, NULL);
  to = g_file_new_for_path (f->copy);
  g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->copy);
}

static void
test_fixture_is_small_and_old (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonVault) vault = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  /* A real encrypted vault: no plaintext of the rows inside. */
  g_assert_true (g_file_get_contents (f->copy, &contents, &length, &error));
  g_assert_cmpuint (length, <, 200 * 1024);
  g_assert_null (g_strstr_len (contents, (gssize) length, "Dupr"));
  g_assert_null (g_strstr_len (contents, (gssize) length, "SQLite format 3"));

  vault = sillon_vault_open (f->copy, FIXTURE_PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (store_test_query_int (sillon_vault_get_db (vault), "PRAGMA user_version"), ==, 1);
  sillon_vault_lock (vault);
}

static void
test_fixture_migrates (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonVault) vault = NULL;
  g_autoptr (SillonStore) store = NULL;
  g_autoptr (SillonBeneficiary) zoe = NULL;
  g_autoptr (GPtrArray) found = NULL;
  g_autoptr (GPtrArray) sessions = NULL;
  g_autoptr (SillonPlaceRecord) place = NULL;
  g_autoptr (SillonReferral) referral = sillon_referral_new ();
  guint8 key[SILLON_JOURNAL_KEY_BYTES];
  guint64 n_entries = 0;

  vault = sillon_vault_open (f->copy, FIXTURE_PASSPHRASE, &error);
  g_assert_no_error (error);
  store = sillon_store_new (sillon_vault_get_db (vault), &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpint (sillon_store_get_schema_version (store), ==, SILLON_STORE_SCHEMA_VERSION);
  g_assert_cmpint (store_test_query_int (sillon_vault_get_db (vault), "PRAGMA user_version"), ==, SILLON_STORE_SCHEMA_VERSION);

  zoe = sillon_store_get_beneficiary (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (zoe->first_name, ==, "Zoé");
  g_assert_cmpstr (zoe->last_name, ==, "Dupré");
  g_assert_cmpint (zoe->birth_year, ==, 1950);
  g_assert_cmpint (sillon_store_count_beneficiaries (store, &error), ==, 2);

  sessions = sillon_store_list_sessions (store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sessions->len, ==, 2);
  /* Most recent first. */
  g_assert_cmpstr (((SillonSession *) sessions->pdata[0])->date, ==, "2025-02-03");

  /* The search index did not exist in version 1: the migration built it. */
  found = sillon_store_search_beneficiaries (store, "dupre", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (((SillonBeneficiary *) found->pdata[0])->id, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = sillon_store_search_beneficiaries (store, "Lefvre", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (((SillonBeneficiary *) found->pdata[0])->id, ==, 2);
  g_clear_pointer (&found, g_ptr_array_unref);
  found = sillon_store_search_places (store, "epernay", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);

  /* Version 3 added the statistics' privacy ledger and site key: empty,
   * and usable. */
  g_assert_cmpint (sillon_stats_dp_spent (store, 2025, &error), ==, 0);
  g_assert_true (sillon_stats_dp_charge (store, "2025-01-01", "2025-12-31", 250000, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sillon_stats_dp_spent (store, 2025, &error), ==, 250000);
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (sillon_vault_get_db (vault), "SELECT count(*) FROM stats_site_key", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
    sqlite3_finalize (stmt);
  }

  /* A referral made at the end of one of Zoé's sessions names it, not one
   * of Œdipe's; deleting the session keeps it, unlinked: the vault an old
   * Sillon wrote has the link's column and its ON DELETE SET NULL. */
  referral->beneficiary_id = 1;
  referral->session_id = 3;
  referral->date = g_strdup ("2025-02-03");
  g_assert_false (sillon_store_insert_referral (store, referral, &error));
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID);
  g_clear_error (&error);
  referral->session_id = 2;
  g_assert_true (sillon_store_insert_referral (store, referral, &error));
  g_assert_no_error (error);
  g_assert_true (sillon_store_delete_session (store, 2, &error));
  g_assert_no_error (error);
  {
    g_autoptr (SillonReferral) got = sillon_store_get_referral (store, referral->id, &error);

    g_assert_no_error (error);
    g_assert_cmpint (got->session_id, ==, 0);
  }

  /* The flags of a place survive. */
  place = sillon_store_get_place (store, 1, &error);
  g_assert_no_error (error);
  g_assert_true (sillon_place_record_is_flagged (place, SILLON_PLACE_COL_HORAIRES));

  /* The migrated vault takes new entries in its (empty) journal. */
  g_assert_true (sillon_vault_derive_subkey (vault, "SillonJK", 1, key, sizeof key, &error));
  g_assert_true (sillon_journal_append (store, key, SILLON_JOURNAL_OPEN, 1, "{}", NULL, &error));
  g_assert_true (sillon_journal_verify (store, key, NULL, &n_entries, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_entries, ==, 1);
  g_clear_pointer (&store, sillon_store_free);
  sillon_vault_lock (vault);
  g_clear_object (&vault);

  /* Reopened: already at the current version, nothing to migrate. */
  vault = sillon_vault_open (f->copy, FIXTURE_PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (store_test_query_int (sillon_vault_get_db (vault), "PRAGMA user_version"), ==, SILLON_STORE_SCHEMA_VERSION);
  store = sillon_store_new (sillon_vault_get_db (vault), &error);
  g_assert_no_error (error);
  g_assert_cmpint (sillon_store_count_beneficiaries (store, &error), ==, 2);
  /* The ledger's entry was committed with the rest. */
  g_assert_cmpint (sillon_stats_dp_spent (store, 2025, &error), ==, 250000);
  g_clear_pointer (&store, sillon_store_free);
  sillon_vault_lock (vault);
}

static void
test_fixture_wrong_passphrase (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonVault) vault = NULL;

  vault = sillon_vault_open (f->copy, "not the fixture passphrase", &error);
  g_assert_null (vault);
  g_assert_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_WRONG_PASSPHRASE);
}

/* The journal key comes from the master key: the same vault always gives
 * the same key, another context another key. */
static void
test_derive_subkey (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonVault) vault = NULL;
  guint8 a[32], b[32], c[32], d[32];

  vault = sillon_vault_open (f->copy, FIXTURE_PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_true (sillon_vault_derive_subkey (vault, "SillonJK", 1, a, sizeof a, &error));
  g_assert_true (sillon_vault_derive_subkey (vault, "SillonJK", 1, b, sizeof b, &error));
  g_assert_true (sillon_vault_derive_subkey (vault, "SillonJK", 2, c, sizeof c, &error));
  g_assert_true (sillon_vault_derive_subkey (vault, "SillonXX", 1, d, sizeof d, &error));
  g_assert_cmpmem (a, sizeof a, b, sizeof b);
  g_assert_true (memcmp (a, c, sizeof a) != 0);
  g_assert_true (memcmp (a, d, sizeof a) != 0);

  sillon_vault_lock (vault);
  g_assert_false (sillon_vault_derive_subkey (vault, "SillonJK", 1, a, sizeof a, &error));
  g_assert_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_LOCKED);
}

int
main (int argc, char **argv)
{
  if (sodium_init () < 0)
    return 1;
  sillon_vault_register_vfs ();

  if (argc == 3 && g_str_equal (argv[1], "--generate"))
    return generate (argv[2]);

  g_test_init (&argc, &argv, NULL);
  g_test_add ("/store-fixture/small-and-old", Fixture, NULL, fixture_set_up, test_fixture_is_small_and_old, fixture_tear_down);
  g_test_add ("/store-fixture/migrates", Fixture, NULL, fixture_set_up, test_fixture_migrates, fixture_tear_down);
  g_test_add ("/store-fixture/wrong-passphrase", Fixture, NULL, fixture_set_up, test_fixture_wrong_passphrase, fixture_tear_down);
  g_test_add ("/store-fixture/derive-subkey", Fixture, NULL, fixture_set_up, test_derive_subkey, fixture_tear_down);
  return g_test_run ();
}
