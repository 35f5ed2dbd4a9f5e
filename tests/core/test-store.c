/* test-store.c — schema, migrations and repository functions of the store
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sillon-store-private.h"
#include "test-store-util.h"

/* ── Opening and migrations ────────────────────────────────────────────── */

static void
test_open_sets_pragmas (void)
{
  g_autoptr (GError) error = NULL;
  sqlite3 *db = NULL;
  SillonStore *store;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_cmpint (store_test_query_int (db, "PRAGMA foreign_keys"), ==, 0);
  store = sillon_store_new_with_vocabulary (db, store_test_vocabulary (), &error);
  g_assert_no_error (error);
  g_assert_cmpint (store_test_query_int (db, "PRAGMA foreign_keys"), ==, 1);
  g_assert_cmpint (store_test_query_int (db, "PRAGMA secure_delete"), ==, 1);
  g_assert_cmpint (store_test_query_int (db, "PRAGMA user_version"), ==, SILLON_STORE_SCHEMA_VERSION);
  g_assert_cmpint (sillon_store_get_schema_version (store), ==, SILLON_STORE_SCHEMA_VERSION);
  g_assert_true (sillon_store_get_db (store) == db);
  sillon_store_free (store);

  /* Opening again runs no migration and keeps the data. */
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO mediators (display_name, created_unix) VALUES ('A', 1)", NULL, NULL, NULL), ==, SQLITE_OK);
  store = sillon_store_new_with_vocabulary (db, store_test_vocabulary (), &error);
  g_assert_no_error (error);
  g_assert_cmpint (store_test_query_int (db, "SELECT count(*) FROM mediators"), ==, 1);
  sillon_store_free (store);
  /* The store does not own the connection. */
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static void
test_open_default_vocabulary (void)
{
  g_autoptr (GError) error = NULL;
  sqlite3 *db = NULL;
  SillonStore *store;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  /* The vocabulary built into the library: no data directory to set. */
  store = sillon_store_new (db, &error);
  g_assert_no_error (error);
  g_assert_nonnull (sillon_store_get_vocabulary (store));
  sillon_store_free (store);
  sqlite3_close (db);
}

static void
test_schema_too_new (void)
{
  g_autoptr (GError) error = NULL;
  sqlite3 *db = NULL;
  SillonStore *store;
  g_autofree char *sql = g_strdup_printf ("PRAGMA user_version = %d", SILLON_STORE_SCHEMA_VERSION + 1);

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  store = sillon_store_new_with_vocabulary (db, store_test_vocabulary (), &error);
  g_assert_null (store);
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_SCHEMA_TOO_NEW);
  g_assert_nonnull (strstr (error->message, "newer"));
  /* Nothing was touched. */
  g_assert_cmpint (store_test_query_int (db, "PRAGMA user_version"), ==, SILLON_STORE_SCHEMA_VERSION + 1);
  g_assert_cmpint (store_test_query_int (db, "SELECT count(*) FROM sqlite_schema"), ==, 0);
  sqlite3_close (db);
}

/* A database as version 1 of Sillon left it, with rows written in its
 * shape, then opened by this version: search must find the old rows. */
static void
test_migrate_from_v1 (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) found = NULL;
  sqlite3 *db = NULL;
  SillonStore *store;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_true (sillon_store_migrate (db, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (store_test_query_int (db, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (store_test_query_int (db, "SELECT count(*) FROM sqlite_schema WHERE name = 'beneficiary_fts'"), ==, 0);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO beneficiaries (first_name, last_name, name_key, created_unix, updated_unix)"
                                 " VALUES ('Françoise', 'Dupont', 'dupont francoise', 1, 1),"
                                 "        ('Élodie', 'Martin', 'martin elodie', 1, 1);"
                                 "INSERT INTO places (nom, commune, code_postal, updated_unix)"
                                 " VALUES ('Médiathèque Jules Verne', 'Reims', '51100', 1);",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);

  store = sillon_store_new_with_vocabulary (db, store_test_vocabulary (), &error);
  g_assert_no_error (error);
  g_assert_cmpint (store_test_query_int (db, "PRAGMA user_version"), ==, SILLON_STORE_SCHEMA_VERSION);

  found = sillon_store_search_beneficiaries (store, "franc", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_clear_pointer (&found, g_ptr_array_unref);
  /* Typo search needs the trigram table the migration filled. */
  found = sillon_store_search_beneficiaries (store, "Martn", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpstr (((SillonBeneficiary *) found->pdata[0])->last_name, ==, "Martin");
  g_clear_pointer (&found, g_ptr_array_unref);
  found = sillon_store_search_places (store, "mediatheque", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  sillon_store_free (store);
  sqlite3_close (db);
}

/* A failing migration leaves the database at its previous version. */
static void
test_migration_rolls_back (void)
{
  g_autoptr (GError) error = NULL;
  sqlite3 *db = NULL;
  SillonStore *store;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_true (sillon_store_migrate (db, 1, &error));
  /* Version 2 creates this table: make that step fail. */
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE beneficiary_trigrams (x)", NULL, NULL, NULL), ==, SQLITE_OK);
  store = sillon_store_new_with_vocabulary (db, store_test_vocabulary (), &error);
  g_assert_null (store);
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_SQL);
  g_assert_cmpint (store_test_query_int (db, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (store_test_query_int (db, "SELECT count(*) FROM sqlite_schema WHERE name = 'beneficiary_fts'"), ==, 0);
  sqlite3_close (db);
}

/* ── Mediators ─────────────────────────────────────────────────────────── */

static void
test_mediators (StoreFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonMediator) m = sillon_mediator_new ();
  g_autoptr (SillonMediator) got = NULL;
  g_autoptr (GPtrArray) list = NULL;

  g_assert_false (sillon_store_insert_mediator (f->store, m, &error));
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID);
  g_clear_error (&error);

  m->display_name = g_strdup ("Zoé Lefèvre");
  m->vault_slot = 0;
  g_assert_true (sillon_store_insert_mediator (f->store, m, &error));
  g_assert_no_error (error);
  g_assert_cmpint (m->id, >, 0);

  got = sillon_store_get_mediator (f->store, m->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got->display_name, ==, "Zoé Lefèvre");
  g_assert_cmpint (got->vault_slot, ==, 0);

  g_free (m->display_name);
  m->display_name = g_strdup ("Zoé L.");
  m->vault_slot = -1;
  g_assert_true (sillon_store_update_mediator (f->store, m, &error));
  list = sillon_store_list_mediators (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((SillonMediator *) list->pdata[0])->display_name, ==, "Zoé L.");
  g_assert_cmpint (((SillonMediator *) list->pdata[0])->vault_slot, ==, -1);

  m->vault_slot = 9;
  g_assert_false (sillon_store_update_mediator (f->store, m, &error));
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (sillon_store_delete_mediator (f->store, m->id, &error));
  g_assert_null (sillon_store_get_mediator (f->store, m->id, &error));
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (sillon_store_delete_mediator (f->store, m->id, &error));
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  m->vault_slot = 1;
  g_assert_false (sillon_store_update_mediator (f->store, m, &error));
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_NOT_FOUND);
}

/* ── Beneficiaries ─────────────────────────────────────────────────────── */

static void
test_beneficiary_round_trip (StoreFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonBeneficiary) b = sillon_beneficiary_new ();
  g_autoptr (SillonBeneficiary) got = NULL;
  g_autoptr (SillonBeneficiary) anon = sillon_beneficiary_new ();
  g_autoptr (GPtrArray) list = NULL;
  GDate ref;

  b->first_name = g_strdup ("Françoise");
  b->last_name = g_strdup ("Dupont");
  b->birth_year = 1950;
  b->gender = g_strdup ("feminin");
  b->social_status = g_strdup ("retraite");
  b->commune_insee = g_strdup ("51454");
  b->phone = g_strdup ("06 12 34 56 78");
  b->email = g_strdup ("f.dupont@example.org");
  b->sheet_language = g_strdup ("fr");
  b->notes = g_strdup ("Préfère le matin.");
  g_assert_true (sillon_store_insert_beneficiary (f->store, b, &error));
  g_assert_no_error (error);
  g_assert_cmpint (b->created_unix, >, 0);

  got = sillon_store_get_beneficiary (f->store, b->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got->first_name, ==, "Françoise");
  g_assert_cmpstr (got->last_name, ==, "Dupont");
  g_assert_cmpint (got->birth_year, ==, 1950);
  g_assert_cmpstr (got->gender, ==, "feminin");
  g_assert_cmpstr (got->social_status, ==, "retraite");
  g_assert_cmpstr (got->commune_insee, ==, "51454");
  g_assert_cmpstr (got->phone, ==, "06 12 34 56 78");
  g_assert_cmpstr (got->email, ==, "f.dupont@example.org");
  g_assert_cmpstr (got->sheet_language, ==, "fr");
  g_assert_cmpstr (got->notes, ==, "Préfère le matin.");
  g_assert_false (got->anonymised);

  /* The age bracket is derived at query time. */
  g_date_set_dmy (&ref, 1, 6, 2026);
  g_assert_cmpstr (sillon_store_beneficiary_age_bracket (f->store, got, &ref, &error), ==, "soixante_dix_plus");
  g_date_set_dmy (&ref, 1, 6, 2019);
  g_assert_cmpstr (sillon_store_beneficiary_age_bracket (f->store, got, &ref, &error), ==, "soixante_soixante_neuf");
  g_date_set_dmy (&ref, 31, 12, 2009);
  g_assert_cmpstr (sillon_store_beneficiary_age_bracket (f->store, got, &ref, &error), ==, "quarante_cinquante_neuf");
  g_assert_no_error (error);

  /* Anonymous beneficiaries exist. */
  g_assert_true (sillon_store_insert_beneficiary (f->store, anon, &error));
  g_assert_no_error (error);
  g_clear_pointer (&got, sillon_beneficiary_free);
  got = sillon_store_get_beneficiary (f->store, anon->id, &error);
  g_assert_null (got->first_name);
  g_assert_null (got->last_name);
  g_assert_cmpint (got->birth_year, ==, 0);
  g_assert_cmpstr (sillon_store_beneficiary_age_bracket (f->store, got, NULL, &error), ==, "non_communique");

  g_free (b->first_name);
  b->first_name = g_strdup ("Françoise-Marie");
  g_clear_pointer (&b->phone, g_free);
  g_assert_true (sillon_store_update_beneficiary (f->store, b, &error));
  g_assert_no_error (error);
  g_clear_pointer (&got, sillon_beneficiary_free);
  got = sillon_store_get_beneficiary (f->store, b->id, &error);
  g_assert_cmpstr (got->first_name, ==, "Françoise-Marie");
  g_assert_null (got->phone);

  list = sillon_store_list_beneficiaries (f->store, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpint (sillon_store_count_beneficiaries (f->store, &error), ==, 2);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = sillon_store_list_beneficiaries (f->store, 1, 1, &error);
  g_assert_cmpuint (list->len, ==, 1);

  g_assert_true (sillon_store_delete_beneficiary (f->store, anon->id, &error));
  g_assert_false (sillon_store_delete_beneficiary (f->store, anon->id, &error));
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (sillon_store_get_beneficiary (f->store, anon->id, &error));
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  anon->first_name = g_strdup ("Nobody");
  g_assert_false (sillon_store_update_beneficiary (f->store, anon, &error));
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_NOT_FOUND);
}

typedef struct
{
  const char *field; /* expected in the message */
  void (*spoil) (SillonBeneficiary *b);
  int code;
} BadBeneficiary;

static void
spoil_gender (SillonBeneficiary *b)
{
  b->gender = g_strdup ("robot");
}
static void
spoil_status (SillonBeneficiary *b)
{
  b->social_status = g_strdup ("rentier");
}
static void
spoil_birth_1800 (SillonBeneficiary *b)
{
  b->birth_year = 1800;
}
static void
spoil_birth_future (SillonBeneficiary *b)
{
  b->birth_year = 3000;
}
static void
spoil_insee (SillonBeneficiary *b)
{
  b->commune_insee = g_strdup ("2C123");
}
static void
spoil_email (SillonBeneficiary *b)
{
  b->email = g_strdup ("nobody.example.org");
}
static void
spoil_language (SillonBeneficiary *b)
{
  b->sheet_language = g_strdup ("French; DROP TABLE");
}
static void
spoil_name_utf8 (SillonBeneficiary *b)
{
  b->last_name = g_strdup ("Du\xff\xfepont");
}

static void
spoil_notes_64k (SillonBeneficiary *b)
{
  b->notes = g_malloc (SILLON_STORE_MAX_NOTES_BYTES + 2);
  memset (b->notes, 'x', SILLON_STORE_MAX_NOTES_BYTES + 1);
  b->notes[SILLON_STORE_MAX_NOTES_BYTES + 1] = '\0';
}

static void
spoil_notes_10mb (SillonBeneficiary *b)
{
  gsize size = 10 * 1024 * 1024;

  b->notes = g_malloc (size + 1);
  memset (b->notes, 'y', size);
  b->notes[size] = '\0';
}

static void
test_beneficiary_invalid (StoreFixture *f, gconstpointer data)
{
  const BadBeneficiary cases[] = {
    { "gender", spoil_gender, SILLON_STORE_ERROR_INVALID },
    { "social status", spoil_status, SILLON_STORE_ERROR_INVALID },
    { "birth year", spoil_birth_1800, SILLON_STORE_ERROR_INVALID },
    { "birth year", spoil_birth_future, SILLON_STORE_ERROR_INVALID },
    { "INSEE", spoil_insee, SILLON_STORE_ERROR_INVALID },
    { "e-mail", spoil_email, SILLON_STORE_ERROR_INVALID },
    { "sheet language", spoil_language, SILLON_STORE_ERROR_INVALID },
    { "last name", spoil_name_utf8, SILLON_STORE_ERROR_INVALID },
    { "notes", spoil_notes_64k, SILLON_STORE_ERROR_TOO_LARGE },
    { "notes", spoil_notes_10mb, SILLON_STORE_ERROR_TOO_LARGE },
  };
  g_autoptr (GError) error = NULL;
  gint64 ok_id = store_test_add_person (f->store, "Ana", "Silva", NULL, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (SillonBeneficiary) b = sillon_beneficiary_new ();

      g_test_message ("case %" G_GSIZE_FORMAT ": %s", i, cases[i].field);
      cases[i].spoil (b);
      g_assert_false (sillon_store_insert_beneficiary (f->store, b, &error));
      g_assert_error (error, SILLON_STORE_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].field));
      g_clear_error (&error);
      g_assert_cmpint (b->id, ==, 0);

      /* Update refuses the same, and leaves the row as it was. */
      b->id = ok_id;
      g_assert_false (sillon_store_update_beneficiary (f->store, b, &error));
      g_assert_error (error, SILLON_STORE_ERROR, cases[i].code);
      g_clear_error (&error);
    }
  g_assert_cmpint (sillon_store_count_beneficiaries (f->store, &error), ==, 1);
  {
    g_autoptr (SillonBeneficiary) got = sillon_store_get_beneficiary (f->store, ok_id, &error);

    g_assert_cmpstr (got->last_name, ==, "Silva");
    g_assert_null (got->notes);
  }

  /* The exact limit is accepted. */
  {
    g_autoptr (SillonBeneficiary) b = sillon_beneficiary_new ();

    b->notes = g_malloc (SILLON_STORE_MAX_NOTES_BYTES + 1);
    memset (b->notes, 'z', SILLON_STORE_MAX_NOTES_BYTES);
    b->notes[SILLON_STORE_MAX_NOTES_BYTES] = '\0';
    g_assert_true (sillon_store_insert_beneficiary (f->store, b, &error));
    g_assert_no_error (error);
  }
}

/* The schema refuses what bypasses the repository functions. */
static void
test_beneficiary_schema_checks (StoreFixture *f, gconstpointer data)
{
  const char *bad[] = {
    "INSERT INTO beneficiaries (birth_year, created_unix, updated_unix) VALUES (1800, 1, 1)",
    "INSERT INTO beneficiaries (commune_insee, created_unix, updated_unix) VALUES ('ABCDE', 1, 1)",
    "INSERT INTO beneficiaries (notes, created_unix, updated_unix) VALUES (zeroblob(70000), 1, 1)",
    "INSERT INTO beneficiaries (mediator_id, created_unix, updated_unix) VALUES (999, 1, 1)",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      int rc = sqlite3_exec (f->db, bad[i], NULL, NULL, NULL);

      g_test_message ("%s", bad[i]);
      g_assert_cmpint (rc & 0xff, ==, SQLITE_CONSTRAINT);
    }
}

/* ── Consents ──────────────────────────────────────────────────────────── */

static void
test_consents (StoreFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 person = store_test_add_person (f->store, "Ana", "Silva", NULL, NULL);
  g_autoptr (SillonConsent) c = sillon_consent_new ();
  g_autoptr (SillonConsent) got = NULL;
  g_autoptr (GPtrArray) list = NULL;

  c->beneficiary_id = person;
  c->date = g_strdup ("2026-02-30");
  c->told = g_strdup ("Vos données restent sur ce poste.");
  c->scope = g_strdup ("suivi");
  g_assert_false (sillon_store_insert_consent (f->store, c, &error));
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "2026-02-30"));
  g_clear_error (&error);

  g_free (c->date);
  c->date = g_strdup ("2026-02-28");
  g_assert_true (sillon_store_insert_consent (f->store, c, &error));
  g_assert_no_error (error);

  got = sillon_store_get_consent (f->store, c->id, &error);
  g_assert_cmpstr (got->told, ==, "Vos données restent sur ce poste.");
  g_assert_cmpint (got->beneficiary_id, ==, person);

  g_free (c->scope);
  c->scope = g_strdup ("suivi et orientation");
  g_assert_true (sillon_store_update_consent (f->store, c, &error));
  list = sillon_store_list_consents (f->store, person, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (((SillonConsent *) list->pdata[0])->scope, ==, "suivi et orientation");

  /* A consent needs an existing person. */
  {
    g_autoptr (SillonConsent) orphan = sillon_consent_new ();

    orphan->beneficiary_id = person + 100;
    orphan->date = g_strdup ("2026-01-02");
    orphan->told = g_strdup ("x");
    orphan->scope = g_strdup ("y");
    g_assert_false (sillon_store_insert_consent (f->store, orphan, &error));
    g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_CONSTRAINT);
    g_clear_error (&error);
    orphan->beneficiary_id = person;
    g_clear_pointer (&orphan->told, g_free);
    g_assert_false (sillon_store_insert_consent (f->store, orphan, &error));
    g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID);
    g_clear_error (&error);
  }

  g_assert_true (sillon_store_delete_consent (f->store, c->id, &error));
  g_assert_false (sillon_store_delete_consent (f->store, c->id, &error));
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (sillon_store_update_consent (f->store, c, &error));
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (sillon_store_get_consent (f->store, c->id, &error));
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_NOT_FOUND);
}

/* ── Dates ─────────────────────────────────────────────────────────────── */

/* Inserts a session @days from today. Midnight may pass between the test
 * computing the date and the store comparing it with its own today: then
 * the date is computed and inserted once more (midnight does not pass twice
 * within a second). */
static gboolean
insert_session_days_ahead (SillonStore *store, gint64 person, int days, GError **error)
{
  for (int attempt = 0;; attempt++)
    {
      g_autofree char *before = store_test_date (0);
      g_autofree char *date = store_test_date (days);
      g_autoptr (SillonSession) s = store_test_session (person, date);
      g_autoptr (GError) local_error = NULL;
      g_autofree char *after = NULL;
      gboolean inserted = sillon_store_insert_session (store, s, &local_error);

      after = store_test_date (0);
      if (g_str_equal (before, after) || attempt == 1)
        {
          g_test_message ("date “%s”, %d days from today", date, days);
          if (local_error != NULL)
            g_propagate_error (error, g_steal_pointer (&local_error));
          return inserted;
        }
    }
}

static void
test_dates (StoreFixture *f, gconstpointer data)
{
  const char *bad[] = { "2026-02-30", "2025-02-29", "1899-12-31", "2026-13-01", "2026-00-10",
                        "2026-1-01", "26-01-01", "2026/01/01", "2026-01-01x", "", "hier" };
  const char *good[] = { "2024-02-29", "1900-01-01" };
  gint64 person = store_test_add_person (f->store, "Ana", "Silva", NULL, NULL);
  g_autoptr (GError) dated_error = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (SillonSession) s = store_test_session (person, bad[i]);
      g_autoptr (GError) error = NULL;

      g_test_message ("bad date “%s”", bad[i]);
      g_assert_false (sillon_store_insert_session (f->store, s, &error));
      g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "session date"));
    }
  /* Two days ahead is in the future; today and tomorrow are not. */
  g_assert_false (insert_session_days_ahead (f->store, person, 2, &dated_error));
  g_assert_error (dated_error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (dated_error->message, "session date"));
  g_clear_error (&dated_error);
  for (int days = 0; days <= 1; days++)
    {
      g_assert_true (insert_session_days_ahead (f->store, person, days, &dated_error));
      g_assert_no_error (dated_error);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr (SillonSession) s = store_test_session (person, good[i]);
      g_autoptr (GError) error = NULL;

      g_test_message ("good date “%s”", good[i]);
      g_assert_true (sillon_store_insert_session (f->store, s, &error));
      g_assert_no_error (error);
    }
}

/* ── Assessments ───────────────────────────────────────────────────────── */

static void
test_assessments (StoreFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 person = store_test_add_person (f->store, "Ana", "Silva", NULL, NULL);
  g_autoptr (SillonAssessmentRecord) a = sillon_assessment_record_new ();
  g_autoptr (SillonAssessmentRecord) second = sillon_assessment_record_new ();
  g_autoptr (SillonAssessmentRecord) got = NULL;
  g_autoptr (GPtrArray) list = NULL;

  a->beneficiary_id = person;
  a->date = g_strdup ("2025-03-01");
  a->questionnaire_id = g_strdup ("pouvoir-vouloir-savoir");
  a->questionnaire_version = 1;
  a->answers_json = g_strdup ("{\"equipment\": \"none\"}");
  a->result_json = g_strdup ("{\"pouvoir\": 0.2, \"vouloir\": 0.8, \"savoir\": 0.1}");
  g_assert_true (sillon_store_insert_assessment (f->store, a, &error));
  g_assert_no_error (error);

  second->beneficiary_id = person;
  second->date = g_strdup ("2025-09-01");
  second->questionnaire_id = g_strdup ("pouvoir-vouloir-savoir");
  second->questionnaire_version = 2;
  second->answers_json = g_strdup ("{}");
  second->result_json = g_strdup ("{\"pouvoir\": 0.6}");
  second->override_json = g_strdup ("{\"distance\": \"eloigne\"}");
  g_assert_false (sillon_store_insert_assessment (f->store, second, &error));
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "override"));
  g_clear_error (&error);
  second->override_reason = g_strdup ("Connaît mieux la situation après l’entretien.");
  g_assert_true (sillon_store_insert_assessment (f->store, second, &error));
  g_assert_no_error (error);

  got = sillon_store_get_assessment (f->store, second->id, &error);
  g_assert_cmpint (got->questionnaire_version, ==, 2);
  g_assert_cmpstr (got->override_json, ==, "{\"distance\": \"eloigne\"}");
  g_assert_cmpstr (got->override_reason, ==, "Connaît mieux la situation après l’entretien.");

  list = sillon_store_list_assessments (f->store, person, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (((SillonAssessmentRecord *) list->pdata[0])->date, ==, "2025-03-01");

  g_free (a->answers_json);
  a->answers_json = g_strdup ("{not json");
  g_assert_false (sillon_store_update_assessment (f->store, a, &error));
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "answers"));
  g_clear_error (&error);
  g_free (a->answers_json);
  a->answers_json = g_strdup ("[1, 2]");
  a->questionnaire_version = 0;
  g_assert_false (sillon_store_update_assessment (f->store, a, &error));
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID);
  g_clear_error (&error);
  a->questionnaire_version = 3;
  g_assert_true (sillon_store_update_assessment (f->store, a, &error));
  g_assert_no_error (error);

  g_assert_true (sillon_store_delete_assessment (f->store, a->id, &error));
  g_assert_false (sillon_store_delete_assessment (f->store, a->id, &error));
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (sillon_store_get_assessment (f->store, a->id, &error));
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_NOT_FOUND);
}

/* ── Sessions ──────────────────────────────────────────────────────────── */

static void
test_sessions (StoreFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 person = store_test_add_person (f->store, "Ana", "Silva", NULL, NULL);
  g_autoptr (SillonSession) s = store_test_session (person, "2025-05-12");
  g_autoptr (SillonSession) got = NULL;
  g_autoptr (GPtrArray) list = NULL;
  const char *themes[] = { "aide_aux_demarches_administratives", "email", NULL };
  const char *admin[] = { "social_sante", NULL };
  const char *equipment[] = { "ordinateur", "telephone", NULL };
  const char *skills[] = { "savoir.email.attachments", NULL };
  g_autoptr (SillonMediator) m = sillon_mediator_new ();

  m->display_name = g_strdup ("Karim");
  g_assert_true (sillon_store_insert_mediator (f->store, m, &error));

  g_strfreev (s->themes);
  s->themes = g_strdupv ((char **) themes);
  s->admin_themes = g_strdupv ((char **) admin);
  s->admin_detail = g_strdup ("Demande de carte Vitale");
  s->equipment = g_strdupv ((char **) equipment);
  s->skills = g_strdupv ((char **) skills);
  s->autonomy = g_strdup ("partiellement_autonome");
  s->help_mode = SILLON_HELP_MODE_FAIRE_AVEC;
  s->referred = TRUE;
  s->referral_destination = g_strdup ("aide_sociale");
  s->notes = g_strdup ("Revenir avec l’attestation.");
  s->mediator_id = m->id;
  g_assert_true (sillon_store_insert_session (f->store, s, &error));
  g_assert_no_error (error);

  got = sillon_store_get_session (f->store, s->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got->date, ==, "2025-05-12");
  g_assert_cmpuint (got->duration_minutes, ==, 45);
  g_assert_cmpstr (got->place_type, ==, "lieu_activite");
  g_assert_cmpstrv (got->themes, themes);
  g_assert_cmpstrv (got->admin_themes, admin);
  g_assert_cmpstrv (got->equipment, equipment);
  g_assert_cmpstrv (got->skills, skills);
  g_assert_cmpstr (got->admin_detail, ==, "Demande de carte Vitale");
  g_assert_cmpstr (got->autonomy, ==, "partiellement_autonome");
  g_assert_cmpint (got->help_mode, ==, SILLON_HELP_MODE_FAIRE_AVEC);
  g_assert_true (got->referred);
  g_assert_cmpstr (got->referral_destination, ==, "aide_sociale");
  g_assert_cmpstr (got->notes, ==, "Revenir avec l’attestation.");
  g_assert_cmpint (got->mediator_id, ==, m->id);

  s->help_mode = SILLON_HELP_MODE_LAISSER_FAIRE;
  s->duration_minutes = 90;
  g_assert_true (sillon_store_update_session (f->store, s, &error));
  g_assert_no_error (error);
  list = sillon_store_list_sessions (f->store, person, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (((SillonSession *) list->pdata[0])->help_mode, ==, SILLON_HELP_MODE_LAISSER_FAIRE);
  g_assert_cmpuint (((SillonSession *) list->pdata[0])->duration_minutes, ==, 90);

  /* Deleting the mediator keeps the session. */
  g_assert_true (sillon_store_delete_mediator (f->store, m->id, &error));
  g_clear_pointer (&got, sillon_session_free);
  got = sillon_store_get_session (f->store, s->id, &error);
  g_assert_cmpint (got->mediator_id, ==, 0);

  g_assert_true (sillon_store_delete_session (f->store, s->id, &error));
  g_assert_false (sillon_store_delete_session (f->store, s->id, &error));
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (sillon_store_update_session (f->store, s, &error));
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (sillon_store_get_session (f->store, s->id, &error));
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_NOT_FOUND);
}

typedef struct
{
  const char *field;
  void (*spoil) (SillonSession *s);
} BadSession;

static void
set_strv (GStrv *target, const char *a, const char *b)
{
  const char *v[] = { a, b, NULL };

  g_strfreev (*target);
  *target = g_strdupv ((char **) v);
}

static void
bad_place_type (SillonSession *s)
{
  g_free (s->place_type);
  s->place_type = g_strdup ("sur_la_lune");
}
static void
no_place_type (SillonSession *s)
{
  g_clear_pointer (&s->place_type, g_free);
}
static void
bad_theme (SillonSession *s)
{
  set_strv (&s->themes, "email", "astrologie");
}
static void
no_theme (SillonSession *s)
{
  g_clear_pointer (&s->themes, g_strfreev);
}
static void
twice_theme (SillonSession *s)
{
  set_strv (&s->themes, "email", "email");
}
static void
bad_equipment (SillonSession *s)
{
  set_strv (&s->equipment, "minitel", NULL);
}
static void
admin_without_theme (SillonSession *s)
{
  set_strv (&s->admin_themes, "logement", NULL);
}
static void
detail_without_theme (SillonSession *s)
{
  s->admin_detail = g_strdup ("CAF");
}
static void
bad_admin (SillonSession *s)
{
  set_strv (&s->themes, "aide_aux_demarches_administratives", NULL);
  set_strv (&s->admin_themes, "chasse", NULL);
}
static void
bad_autonomy (SillonSession *s)
{
  s->autonomy = g_strdup ("expert");
}
static void
bad_destination (SillonSession *s)
{
  s->referred = TRUE;
  s->referral_destination = g_strdup ("nulle_part");
}
static void
destination_not_referred (SillonSession *s)
{
  s->referral_destination = g_strdup ("autre");
}
static void
zero_duration (SillonSession *s)
{
  s->duration_minutes = 0;
}
static void
long_duration (SillonSession *s)
{
  s->duration_minutes = 24 * 60 + 1;
}
static void
bad_help_mode (SillonSession *s)
{
  s->help_mode = 17;
}
static void
big_notes (SillonSession *s)
{
  s->notes = g_strnfill (SILLON_STORE_MAX_NOTES_BYTES + 1, 'n');
}

static void
test_session_invalid (StoreFixture *f, gconstpointer data)
{
  const BadSession cases[] = {
    { "place type", bad_place_type },
    { "place type", no_place_type },
    { "themes", bad_theme },
    { "themes", no_theme },
    { "themes", twice_theme },
    { "equipment", bad_equipment },
    { "administrative themes", admin_without_theme },
    { "administrative themes", detail_without_theme },
    { "administrative themes", bad_admin },
    { "autonomy", bad_autonomy },
    { "referral destination", bad_destination },
    { "referral destination", destination_not_referred },
    { "duration", zero_duration },
    { "duration", long_duration },
    { "mode of help", bad_help_mode },
    { "notes", big_notes },
  };
  gint64 person = store_test_add_person (f->store, "Ana", "Silva", NULL, NULL);
  g_autoptr (GError) error = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (SillonSession) s = store_test_session (person, "2025-01-15");

      g_test_message ("case %" G_GSIZE_FORMAT ": %s", i, cases[i].field);
      cases[i].spoil (s);
      g_assert_false (sillon_store_insert_session (f->store, s, &error));
      g_assert_nonnull (error);
      g_assert_true (error->domain == SILLON_STORE_ERROR);
      g_assert_nonnull (strstr (error->message, cases[i].field));
      g_clear_error (&error);
    }

  /* A session for nobody. */
  {
    g_autoptr (SillonSession) s = store_test_session (person + 1000, "2025-01-15");

    g_assert_false (sillon_store_insert_session (f->store, s, &error));
    g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_CONSTRAINT);
  }
}

/* ── Workshops ─────────────────────────────────────────────────────────── */

static SillonWorkshop *
make_workshop (const char *date)
{
  SillonWorkshop *w = sillon_workshop_new ();
  const char *themes[] = { "securite_numerique", NULL };

  w->title = g_strdup ("Déjouer les arnaques");
  w->level = g_strdup ("debutant");
  w->themes = g_strdupv ((char **) themes);
  w->date = g_strdup (date);
  w->duration_minutes = 120;
  w->place_type = g_strdup ("lieu_activite");
  return w;
}

/* The names of a list of people, "First Last" joined by commas. */
static char *
people_names (GPtrArray *people)
{
  GString *names = g_string_new (NULL);

  for (guint i = 0; i < people->len; i++)
    {
      const SillonBeneficiary *b = people->pdata[i];

      g_string_append_printf (names, "%s%s %s", i > 0 ? ", " : "", b->first_name, b->last_name);
    }
  return g_string_free (names, FALSE);
}

static gint64
insert_workshop_with (SillonStore *store, const char *title, const char *date, const gint64 *attendees, guint n)
{
  g_autoptr (SillonWorkshop) w = make_workshop (date);
  g_autoptr (GError) error = NULL;

  g_free (w->title);
  w->title = g_strdup (title);
  g_array_append_vals (w->attendees, attendees, n);
  g_assert_true (sillon_store_insert_workshop (store, w, &error));
  g_assert_no_error (error);
  return w->id;
}

static void
assert_expected (SillonStore *store, gint64 workshop_id, const char *title, const char *date, const char *names)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) people = sillon_store_list_expected_attendees (store, workshop_id, title, date, &error);
  g_autofree char *got = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (people);
  got = people_names (people);
  g_assert_cmpstr (got, ==, names);
}

/* Who is expected at a workshop: the trainees with a parcours step on it
 * and the people of the previous workshop of its series (same title). */
static void
test_workshops_expected (StoreFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonParcours) parcours = sillon_parcours_new ();
  SillonParcoursItem *step = sillon_parcours_item_new ();
  g_autoptr (GPtrArray) people = NULL;
  g_autofree char *names = NULL;
  gint64 ana = store_test_add_person (f->store, "Ana", "Silva", NULL, NULL);
  gint64 bob = store_test_add_person (f->store, "Bob", "Martin", NULL, NULL);
  gint64 cara = store_test_add_person (f->store, "Cara", "Diop", NULL, NULL);
  gint64 dan = store_test_add_person (f->store, "Dan", "Roux", NULL, NULL);
  gint64 eve = store_test_add_person (f->store, "Eve", "Blanc", NULL, NULL);
  gint64 zoe = store_test_add_person (f->store, "Zoé", "Petit", NULL, NULL);
  const gint64 first_people[] = { ana, bob, dan };
  const gint64 second_people[] = { cara };
  const gint64 other_people[] = { zoe };
  gint64 first = insert_workshop_with (f->store, "Scams", "2025-04-03", first_people, 3);
  gint64 second = insert_workshop_with (f->store, "Scams", "2025-04-10", second_people, 1);
  /* Nobody recorded at the one before: the one before it counts. */
  gint64 empty = insert_workshop_with (f->store, "Scams", "2025-04-14", NULL, 0);
  gint64 third = insert_workshop_with (f->store, "Scams", "2025-04-17", NULL, 0);
  /* Another series, closer in time, and the same day later on. */
  insert_workshop_with (f->store, "E-mail", "2025-04-16", other_people, 1);
  gint64 afternoon = insert_workshop_with (f->store, "Scams", "2025-04-17", NULL, 0);
  g_autofree char *dan_sql = g_strdup_printf ("UPDATE beneficiaries SET anonymised = 1 WHERE id = %" G_GINT64_FORMAT, dan);

  g_assert_cmpint (empty, >, 0);
  /* Eve's parcours has the third workshop as a step. */
  parcours->beneficiary_id = eve;
  parcours->title = g_strdup ("Scams and passwords");
  parcours->created_unix = 1;
  step->label = g_strdup ("Scams");
  step->workshop_id = third;
  g_ptr_array_add (parcours->items, step);
  g_assert_true (sillon_store_insert_parcours (f->store, parcours, &error));
  g_assert_no_error (error);
  /* Anonymised people have no name to be called by. */
  g_assert_cmpint (sqlite3_exec (sillon_store_get_db (f->store), dan_sql, NULL, NULL, NULL), ==, SQLITE_OK);

  /* By last name: the second workshop's, then the trainee's. */
  assert_expected (f->store, third, "Scams", "2025-04-17", "Eve Blanc, Cara Diop");
  assert_expected (f->store, second, "Scams", "2025-04-10", "Bob Martin, Ana Silva");
  assert_expected (f->store, first, "Scams", "2025-04-03", "");
  /* The same day: the one planned earlier is the previous. */
  assert_expected (f->store, afternoon, "Scams", "2025-04-17", "Cara Diop");
  /* Not saved yet (a copy): only earlier days, and no parcours. */
  assert_expected (f->store, 0, "Scams", "2025-04-17", "Cara Diop");
  assert_expected (f->store, 0, "Scams", "2025-04-11", "Cara Diop");
  assert_expected (f->store, 0, "E-mail", "2025-04-20", "Zoé Petit");
  assert_expected (f->store, 0, "Sending files", "2025-04-20", "");
  /* Without a title, the parcours alone. */
  assert_expected (f->store, third, NULL, "2025-04-17", "Eve Blanc");

  g_assert_null (sillon_store_list_expected_attendees (f->store, third, "Scams", "2025-02-31", &error));
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (sillon_store_list_expected_attendees (f->store, third, "Scams", NULL, &error));
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* A workshop's participants as people, in the order of its attendees. */
  people = sillon_store_list_workshop_attendees (f->store, first, &error);
  g_assert_no_error (error);
  names = people_names (people);
  g_assert_cmpstr (names, ==, "Ana Silva, Bob Martin, Dan Roux");
  g_clear_pointer (&people, g_ptr_array_unref);
  people = sillon_store_list_workshop_attendees (f->store, third, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (people->len, ==, 0);
}

static void
test_workshops (StoreFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 ana = store_test_add_person (f->store, "Ana", "Silva", NULL, NULL);
  gint64 bob = store_test_add_person (f->store, "Bob", "Martin", NULL, NULL);
  g_autoptr (SillonWorkshop) w = make_workshop ("2025-04-03");
  g_autoptr (SillonWorkshop) later = make_workshop ("2025-06-03");
  g_autoptr (SillonWorkshop) got = NULL;
  g_autoptr (GPtrArray) list = NULL;

  g_array_append_val (w->attendees, ana);
  g_array_append_val (w->attendees, bob);
  w->anon[SILLON_ANON_TOTAL] = 5;
  w->anon[SILLON_ANON_GENRE_FEMININ] = 3;
  w->anon[SILLON_ANON_GENRE_MASCULIN] = 2;
  w->anon[SILLON_ANON_AGE_SOIXANTE_DIX_PLUS] = 4;
  w->anon[SILLON_ANON_STATUT_RETRAITE] = 5;
  w->anon[SILLON_ANON_DEJA_ACCOMPAGNE] = 1;
  g_assert_true (sillon_store_insert_workshop (f->store, w, &error));
  g_assert_no_error (error);
  g_assert_true (sillon_store_insert_workshop (f->store, later, &error));

  got = sillon_store_get_workshop (f->store, w->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got->title, ==, "Déjouer les arnaques");
  g_assert_cmpstr (got->level, ==, "debutant");
  g_assert_cmpuint (got->attendees->len, ==, 2);
  for (guint i = 0; i < SILLON_ANON_N_COUNTS; i++)
    g_assert_cmpuint (got->anon[i], ==, w->anon[i]);
  g_assert_cmpstr (sillon_anon_count_name (SILLON_ANON_GENRE_FEMININ), ==, "genreFeminin");

  /* Update replaces the attendance. */
  g_array_set_size (w->attendees, 0);
  g_array_append_val (w->attendees, bob);
  g_assert_true (sillon_store_update_workshop (f->store, w, &error));
  g_assert_no_error (error);
  list = sillon_store_list_workshops_of (f->store, ana, &error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = sillon_store_list_workshops_of (f->store, bob, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);

  list = sillon_store_list_workshops (f->store, "2025-05-01", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (((SillonWorkshop *) list->pdata[0])->id, ==, later->id);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = sillon_store_list_workshops (f->store, NULL, NULL, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_clear_pointer (&list, g_ptr_array_unref);
  g_assert_null (sillon_store_list_workshops (f->store, "2025-02-31", NULL, &error));
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* The most recent on or before a date, at most @limit, and how many in all. */
  {
    guint total = 0;

    list = sillon_store_list_workshops_before (f->store, "2025-12-31", 1, &total, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (list->len, ==, 1);
    g_assert_cmpuint (total, ==, 2);
    g_assert_cmpint (((SillonWorkshop *) list->pdata[0])->id, ==, later->id);
    g_clear_pointer (&list, g_ptr_array_unref);
    list = sillon_store_list_workshops_before (f->store, "2025-05-01", 10, &total, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (list->len, ==, 1);
    g_assert_cmpuint (total, ==, 1);
    g_assert_cmpint (((SillonWorkshop *) list->pdata[0])->id, ==, w->id);
    /* With its attendance, as the full list has it. */
    g_assert_cmpuint (((SillonWorkshop *) list->pdata[0])->attendees->len, ==, 1);
    g_clear_pointer (&list, g_ptr_array_unref);
    list = sillon_store_list_workshops_before (f->store, "2025-01-01", 10, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (list->len, ==, 0);
    g_clear_pointer (&list, g_ptr_array_unref);
    g_assert_null (sillon_store_list_workshops_before (f->store, "2025-13-01", 10, &total, &error));
    g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_null (sillon_store_list_workshops_before (f->store, NULL, 10, &total, &error));
    g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID);
    g_clear_error (&error);
  }

  /* Erasing a participant removes them from the list. */
  g_assert_true (sillon_store_delete_beneficiary (f->store, bob, &error));
  g_clear_pointer (&got, sillon_workshop_free);
  got = sillon_store_get_workshop (f->store, w->id, &error);
  g_assert_cmpuint (got->attendees->len, ==, 0);

  g_assert_true (sillon_store_delete_workshop (f->store, w->id, &error));
  g_assert_false (sillon_store_delete_workshop (f->store, w->id, &error));
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (sillon_store_update_workshop (f->store, w, &error));
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (sillon_store_get_workshop (f->store, w->id, &error));
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_NOT_FOUND);
}

static void
test_workshop_counts (StoreFixture *f, gconstpointer data)
{
  const struct
  {
    SillonAnonCount a, b;
    guint va, vb;
  } bad[] = {
    { SILLON_ANON_GENRE_FEMININ, SILLON_ANON_GENRE_MASCULIN, 3, 3 },
    { SILLON_ANON_AGE_MOINS_DE_DOUZE, SILLON_ANON_AGE_NON_COMMUNIQUE, 5, 1 },
    { SILLON_ANON_STATUT_SCOLARISE, SILLON_ANON_STATUT_RETRAITE, 4, 4 },
    { SILLON_ANON_DEJA_ACCOMPAGNE, SILLON_ANON_DEJA_ACCOMPAGNE, 6, 6 },
  };
  g_autoptr (GError) error = NULL;

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (SillonWorkshop) w = make_workshop ("2025-04-03");

      w->anon[SILLON_ANON_TOTAL] = 5;
      w->anon[bad[i].a] = bad[i].va;
      w->anon[bad[i].b] = bad[i].vb;
      g_assert_false (sillon_store_insert_workshop (f->store, w, &error));
      g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, sillon_anon_count_name (bad[i].a)));
      g_clear_error (&error);
    }
  {
    g_autoptr (SillonWorkshop) w = make_workshop ("2025-04-03");

    w->anon[SILLON_ANON_TOTAL] = 10001;
    g_assert_false (sillon_store_insert_workshop (f->store, w, &error));
    g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID);
    g_clear_error (&error);
    w->anon[SILLON_ANON_TOTAL] = 1;
    g_free (w->level);
    w->level = g_strdup ("expert");
    g_assert_false (sillon_store_insert_workshop (f->store, w, &error));
    g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID);
    g_assert_nonnull (strstr (error->message, "level"));
    g_clear_error (&error);
  }

  /* The schema enforces the same rules below the repository functions. */
  g_assert_cmpint (sqlite3_exec (f->db,
                                 "INSERT INTO workshops (title, themes, date, duration_minutes, place_type,"
                                 " anon_total, anon_genre_feminin, anon_genre_masculin)"
                                 " VALUES ('x', '[\"email\"]', '2025-01-01', 60, 'autre', 2, 2, 1)",
                                 NULL, NULL, NULL) &
                       0xff,
                   ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (f->db,
                                 "INSERT INTO workshops (title, themes, date, duration_minutes, place_type,"
                                 " anon_total, anon_age_moins_de_douze, anon_age_soixante_dix_plus)"
                                 " VALUES ('x', '[\"email\"]', '2025-01-01', 60, 'autre', 2, 1, 2)",
                                 NULL, NULL, NULL) &
                       0xff,
                   ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (f->db,
                                 "INSERT INTO workshops (title, themes, date, duration_minutes, place_type,"
                                 " anon_total, anon_statut_retraite)"
                                 " VALUES ('x', '[\"email\"]', '2025-01-01', 60, 'autre', 2, -1)",
                                 NULL, NULL, NULL) &
                       0xff,
                   ==, SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (f->db,
                                 "INSERT INTO workshops (title, themes, date, duration_minutes, place_type,"
                                 " anon_total, anon_genre_feminin, anon_genre_masculin)"
                                 " VALUES ('x', '[\"email\"]', '2025-01-01', 60, 'autre', 3, 2, 1)",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
}

/* ── Parcours ──────────────────────────────────────────────────────────── */

static void
test_parcours (StoreFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 person = store_test_add_person (f->store, "Ana", "Silva", NULL, NULL);
  g_autoptr (SillonWorkshop) w = make_workshop ("2025-04-03");
  g_autoptr (SillonParcours) p = sillon_parcours_new ();
  g_autoptr (SillonParcours) got = NULL;
  g_autoptr (GPtrArray) list = NULL;
  SillonParcoursItem *item;

  g_assert_true (sillon_store_insert_workshop (f->store, w, &error));
  p->beneficiary_id = person;
  p->title = g_strdup ("Mes démarches en ligne");
  p->goal = g_strdup ("Déclarer ses revenus seule");
  item = sillon_parcours_item_new ();
  item->label = g_strdup ("Atelier arnaques");
  item->workshop_id = w->id;
  item->planned_date = g_strdup ("2025-04-03");
  g_ptr_array_add (p->items, item);
  item = sillon_parcours_item_new ();
  item->label = g_strdup ("Rendez-vous impots.gouv.fr");
  item->planned_date = g_strdup ("2025-05-10");
  g_ptr_array_add (p->items, item);
  g_assert_true (sillon_store_insert_parcours (f->store, p, &error));
  g_assert_no_error (error);

  got = sillon_store_get_parcours (f->store, p->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got->title, ==, "Mes démarches en ligne");
  g_assert_cmpuint (got->items->len, ==, 2);
  g_assert_cmpint (((SillonParcoursItem *) got->items->pdata[0])->workshop_id, ==, w->id);
  g_assert_cmpstr (((SillonParcoursItem *) got->items->pdata[1])->label, ==, "Rendez-vous impots.gouv.fr");

  ((SillonParcoursItem *) p->items->pdata[0])->done = TRUE;
  g_ptr_array_remove_index (p->items, 1);
  g_assert_true (sillon_store_update_parcours (f->store, p, &error));
  list = sillon_store_list_parcours (f->store, person, &error);
  g_assert_cmpuint (list->len, ==, 1);
  {
    SillonParcours *listed = list->pdata[0];

    g_assert_cmpuint (listed->items->len, ==, 1);
    g_assert_true (((SillonParcoursItem *) listed->items->pdata[0])->done);
  }
  g_clear_pointer (&got, sillon_parcours_free);

  /* Deleting the workshop keeps the plan, without the link. */
  g_assert_true (sillon_store_delete_workshop (f->store, w->id, &error));
  got = sillon_store_get_parcours (f->store, p->id, &error);
  g_assert_cmpint (((SillonParcoursItem *) got->items->pdata[0])->workshop_id, ==, 0);

  item = sillon_parcours_item_new ();
  item->planned_date = g_strdup ("2025-02-30");
  g_ptr_array_add (p->items, item);
  g_assert_false (sillon_store_update_parcours (f->store, p, &error));
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_ptr_array_remove_index (p->items, p->items->len - 1);
  g_clear_pointer (&p->title, g_free);
  g_assert_false (sillon_store_update_parcours (f->store, p, &error));
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID);
  g_clear_error (&error);
  p->title = g_strdup ("t");

  g_assert_true (sillon_store_delete_parcours (f->store, p->id, &error));
  g_assert_false (sillon_store_delete_parcours (f->store, p->id, &error));
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (sillon_store_update_parcours (f->store, p, &error));
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_pointer (&got, sillon_parcours_free);
  g_assert_null (sillon_store_get_parcours (f->store, p->id, &error));
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_NOT_FOUND);
  g_clear_pointer (&got, sillon_parcours_free);
}

/* ── Places ────────────────────────────────────────────────────────────── */

static SillonPlaceRecord *
make_place (const char *id, const char *nom, const char *commune, const char *cp)
{
  SillonPlaceRecord *p = sillon_place_record_new ();
  const char *services[] = { "Aide aux démarches administratives", "Maîtrise des outils numériques du quotidien", NULL };

  sillon_place_record_set (p, SILLON_PLACE_COL_ID, id);
  sillon_place_record_set (p, SILLON_PLACE_COL_NOM, nom);
  sillon_place_record_set (p, SILLON_PLACE_COL_COMMUNE, commune);
  sillon_place_record_set (p, SILLON_PLACE_COL_CODE_POSTAL, cp);
  sillon_place_record_set_multi (p, SILLON_PLACE_COL_SERVICES, services);
  return p;
}

static void
test_places (StoreFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonPlaceRecord) p = make_place ("structure-1", "Médiathèque Jules Verne", "Reims", "51100");
  g_autoptr (SillonPlaceRecord) got = NULL;
  g_autoptr (GPtrArray) list = NULL;
  const char *courriels[] = { "a@example.org", "b@example.org", NULL };
  const char *flagged[] = { "horaires", NULL };

  g_assert_cmpint (SILLON_PLACE_N_COLUMNS, ==, 32);
  g_assert_cmpstr (sillon_place_column_name (SILLON_PLACE_COL_CODE_POSTAL), ==, "code_postal");
  g_assert_cmpint (sillon_place_column_from_name ("prise_rdv"), ==, SILLON_PLACE_COL_PRISE_RDV);
  g_assert_cmpint (sillon_place_column_from_name ("nope"), ==, -1);
  g_assert_true (sillon_place_column_is_multi (SILLON_PLACE_COL_TYPOLOGIE));
  g_assert_false (sillon_place_column_is_multi (SILLON_PLACE_COL_HORAIRES));

  sillon_place_record_set (p, SILLON_PLACE_COL_LATITUDE, "49.25");
  sillon_place_record_set (p, SILLON_PLACE_COL_HORAIRES, "Mo-Fr 25:00-26:00");
  sillon_place_record_set_multi (p, SILLON_PLACE_COL_COURRIELS, courriels);
  sillon_place_record_flag (p, SILLON_PLACE_COL_HORAIRES);
  sillon_place_record_flag (p, SILLON_PLACE_COL_HORAIRES);
  g_assert_true (sillon_store_insert_place (f->store, p, &error));
  g_assert_no_error (error);

  got = sillon_store_get_place (f->store, p->id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got->values[SILLON_PLACE_COL_ID], ==, "structure-1");
  g_assert_cmpstr (got->values[SILLON_PLACE_COL_NOM], ==, "Médiathèque Jules Verne");
  g_assert_cmpstr (got->values[SILLON_PLACE_COL_LATITUDE], ==, "49.25");
  g_assert_cmpstr (got->values[SILLON_PLACE_COL_HORAIRES], ==, "Mo-Fr 25:00-26:00");
  g_assert_cmpstrv (got->multi[SILLON_PLACE_COL_COURRIELS], courriels);
  g_assert_cmpstrv (got->flagged, flagged);
  g_assert_true (sillon_place_record_is_flagged (got, SILLON_PLACE_COL_HORAIRES));
  g_assert_false (sillon_place_record_is_flagged (got, SILLON_PLACE_COL_NOM));
  g_assert_null (got->multi[SILLON_PLACE_COL_TYPOLOGIE]);

  /* Upsert by the standard's id replaces in place. */
  {
    g_autoptr (SillonPlaceRecord) again = make_place ("structure-1", "Médiathèque J. Verne", "Reims", "51100");
    g_autoptr (SillonPlaceRecord) unknown = make_place ("structure-9", "Ailleurs", "Reims", "51100");
    g_autoptr (SillonPlaceRecord) no_id = make_place (NULL, "Sans identifiant", "Reims", "51100");
    gint64 found = -1;

    g_assert_true (sillon_store_find_place (f->store, again, &found, &error));
    g_assert_no_error (error);
    g_assert_cmpint (found, ==, p->id);
    g_assert_true (sillon_store_find_place (f->store, unknown, &found, &error));
    g_assert_cmpint (found, ==, 0);
    g_assert_true (sillon_store_find_place (f->store, no_id, &found, &error));
    g_assert_cmpint (found, ==, 0);
    /* Another source is another place. */
    sillon_place_record_set (unknown, SILLON_PLACE_COL_ID, "structure-1");
    sillon_place_record_set (unknown, SILLON_PLACE_COL_SOURCE, "another-directory");
    g_assert_true (sillon_store_find_place (f->store, unknown, &found, &error));
    g_assert_cmpint (found, ==, 0);

    g_assert_true (sillon_store_upsert_place (f->store, again, &error));
    g_assert_no_error (error);
    g_assert_cmpint (again->id, ==, p->id);
  }
  {
    g_autoptr (SillonPlaceRecord) other = make_place ("structure-2", "France Services", "Épernay", "51200");

    other->own_structure = TRUE;
    g_assert_true (sillon_store_upsert_place (f->store, other, &error));
    g_assert_cmpint (other->id, !=, p->id);
  }
  list = sillon_store_list_places (f->store, &error);
  g_assert_cmpuint (list->len, ==, 2);
  /* The owner's structure comes first. */
  g_assert_true (((SillonPlaceRecord *) list->pdata[0])->own_structure);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* The name is required. */
  sillon_place_record_set (p, SILLON_PLACE_COL_NOM, NULL);
  g_assert_false (sillon_store_update_place (f->store, p, &error));
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "nom"));
  g_clear_error (&error);

  /* Deleting a place keeps the sessions held there. */
  {
    gint64 person = store_test_add_person (f->store, "Ana", "Silva", NULL, NULL);
    g_autoptr (SillonSession) s = store_test_session (person, "2025-01-10");
    g_autoptr (SillonSession) s2 = NULL;

    s->place_id = p->id;
    g_assert_true (sillon_store_insert_session (f->store, s, &error));
    g_assert_true (sillon_store_delete_place (f->store, p->id, &error));
    s2 = sillon_store_get_session (f->store, s->id, &error);
    g_assert_cmpint (s2->place_id, ==, 0);
  }
  g_assert_false (sillon_store_delete_place (f->store, p->id, &error));
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (sillon_store_get_place (f->store, p->id, &error));
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_NOT_FOUND);
}

/* The owner's structure is a store query, so the sheets never read SQL:
 * none marked is not an error, the oldest of several marked is the one,
 * and a database that cannot be read is an error, not "no structure". */
static void
test_own_structure (StoreFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonPlaceRecord) other = make_place ("structure-1", "Médiathèque Jules Verne", "Reims", "51100");
  g_autoptr (SillonPlaceRecord) first = make_place ("structure-2", "France Services", "Épernay", "51200");
  g_autoptr (SillonPlaceRecord) second = make_place ("structure-3", "Espace numérique", "Sézanne", "51120");
  SillonPlaceRecord *found = (SillonPlaceRecord *) 0x1;

  g_assert_true (sillon_store_get_own_structure (f->store, &found, &error));
  g_assert_no_error (error);
  g_assert_null (found);

  g_assert_true (sillon_store_insert_place (f->store, other, &error));
  g_assert_true (sillon_store_get_own_structure (f->store, &found, &error));
  g_assert_null (found);

  first->own_structure = TRUE;
  second->own_structure = TRUE;
  g_assert_true (sillon_store_insert_place (f->store, first, &error));
  g_assert_true (sillon_store_insert_place (f->store, second, &error));
  g_assert_no_error (error);
  g_assert_true (sillon_store_get_own_structure (f->store, &found, &error));
  g_assert_no_error (error);
  g_assert_nonnull (found);
  g_assert_cmpint (found->id, ==, first->id);
  g_assert_true (found->own_structure);
  g_assert_cmpstr (found->values[SILLON_PLACE_COL_NOM], ==, "France Services");
  g_assert_cmpstr (found->values[SILLON_PLACE_COL_COMMUNE], ==, "Épernay");
  g_clear_pointer (&found, sillon_place_record_free);

  /* Unmarking it hands the role to the next one. */
  first->own_structure = FALSE;
  g_assert_true (sillon_store_update_place (f->store, first, &error));
  g_assert_true (sillon_store_get_own_structure (f->store, &found, &error));
  g_assert_nonnull (found);
  g_assert_cmpint (found->id, ==, second->id);
  g_clear_pointer (&found, sillon_place_record_free);

  /* An unreadable database is reported, never taken for "none". */
  g_assert_cmpint (sqlite3_exec (f->db, "ALTER TABLE places RENAME TO places_gone", NULL, NULL, NULL), ==, SQLITE_OK);
  found = (SillonPlaceRecord *) 0x1;
  g_assert_false (sillon_store_get_own_structure (f->store, &found, &error));
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_SQL);
  g_assert_null (found);
}

/* Every field the places importer produces survives the store. */
static void
test_places_from_import (StoreFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonPlacesSchema) schema = NULL;
  g_autoptr (GFile) file = g_file_new_for_path (TEST_DATA_DIR "/lieux/exemple-valide.csv");
  g_autoptr (GPtrArray) places = NULL;
  g_autoptr (SillonPlacesReport) report = NULL;

  schema = sillon_places_schema_new_default (&error);
  g_assert_no_error (error);
  g_assert_true (sillon_places_import_file (schema, file, NULL, &places, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (places->len, >, 0);

  for (guint i = 0; i < places->len; i++)
    {
      SillonPlace *in = places->pdata[i];
      g_autoptr (SillonPlaceRecord) record = NULL;
      g_autoptr (SillonPlaceRecord) got = NULL;

      /* As if the opening hours had failed validation. */
      in->flagged |= SILLON_PLACE_FIELD_BIT (SILLON_PLACE_FIELD_HORAIRES);
      record = sillon_place_record_new_from_import (in);
      g_assert_true (sillon_store_upsert_place (f->store, record, &error));
      g_assert_no_error (error);
      got = sillon_store_get_place (f->store, record->id, &error);
      g_assert_no_error (error);

      g_assert_cmpstr (got->values[SILLON_PLACE_COL_ID], ==, in->id);
      g_assert_cmpstr (got->values[SILLON_PLACE_COL_NOM], ==, in->nom);
      g_assert_cmpstr (got->values[SILLON_PLACE_COL_COMMUNE], ==, in->commune);
      g_assert_cmpstr (got->values[SILLON_PLACE_COL_CODE_POSTAL], ==, in->code_postal);
      g_assert_cmpstr (got->values[SILLON_PLACE_COL_CODE_INSEE], ==, in->code_insee);
      g_assert_cmpstr (got->values[SILLON_PLACE_COL_ADRESSE], ==, in->adresse);
      g_assert_cmpstr (got->values[SILLON_PLACE_COL_HORAIRES], ==, in->horaires);
      g_assert_cmpstr (got->values[SILLON_PLACE_COL_DATE_MAJ], ==, in->date_maj);
      g_assert_cmpstr (got->values[SILLON_PLACE_COL_PRISE_RDV], ==, in->prise_rdv);
      g_assert_cmpstr (got->values[SILLON_PLACE_COL_PRESENTATION_DETAIL], ==, in->presentation_detail);
      g_assert_cmpstrv (got->multi[SILLON_PLACE_COL_TYPOLOGIE], in->typologie);
      g_assert_cmpstrv (got->multi[SILLON_PLACE_COL_SERVICES], in->services);
      g_assert_cmpstrv (got->multi[SILLON_PLACE_COL_COURRIELS], in->courriels);
      g_assert_cmpstrv (got->multi[SILLON_PLACE_COL_MODALITES_ACCOMPAGNEMENT], in->modalites_accompagnement);
      g_assert_cmpstrv (got->multi[SILLON_PLACE_COL_FRAIS_A_CHARGE], in->frais_a_charge);
      if (in->has_coordinates)
        g_assert_cmpfloat_with_epsilon (g_ascii_strtod (got->values[SILLON_PLACE_COL_LATITUDE], NULL), in->latitude, 1e-9);
      for (int field = 0; field < SILLON_PLACE_N_FIELDS; field++)
        g_assert_cmpint (sillon_place_record_is_flagged (got, field), ==, sillon_place_is_flagged (in, field));
      g_assert_true (sillon_place_record_is_flagged (got, SILLON_PLACE_COL_HORAIRES));
    }
}

/* ── Referrals ─────────────────────────────────────────────────────────── */

static void
test_referrals (StoreFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 person = store_test_add_person (f->store, "Ana", "Silva", NULL, NULL);
  g_autoptr (SillonPlaceRecord) place = make_place ("s-9", "CCAS", "Reims", "51100");
  g_autoptr (SillonReferral) r = sillon_referral_new ();
  g_autoptr (SillonReferral) got = NULL;
  g_autoptr (GPtrArray) list = NULL;

  g_assert_true (sillon_store_insert_place (f->store, place, &error));
  r->beneficiary_id = person;
  r->place_id = place->id;
  r->date = g_strdup ("2025-07-01");
  r->destination = g_strdup ("aide_sociale");
  r->reason = g_strdup ("Dossier RSA");
  r->already_done = g_strdup ("Création du compte");
  r->documents = g_strdup ("Avis d’imposition");
  r->consent_to_share = TRUE;
  g_assert_true (sillon_store_insert_referral (f->store, r, &error));
  g_assert_no_error (error);

  got = sillon_store_get_referral (f->store, r->id, &error);
  g_assert_cmpint (got->status, ==, SILLON_REFERRAL_ISSUED);
  g_assert_cmpstr (got->documents, ==, "Avis d’imposition");
  g_assert_true (got->consent_to_share);
  g_assert_null (got->sheet_fingerprint);

  r->status = SILLON_REFERRAL_HONOURED;
  r->sheet_fingerprint = g_strdup ("K7Q2-9XMB");
  g_assert_true (sillon_store_update_referral (f->store, r, &error));
  g_clear_pointer (&got, sillon_referral_free);
  got = sillon_store_find_referral_by_fingerprint (f->store, "K7Q2-9XMB", &error);
  g_assert_no_error (error);
  g_assert_cmpint (got->id, ==, r->id);
  g_assert_cmpint (got->status, ==, SILLON_REFERRAL_HONOURED);
  g_assert_cmpstr (sillon_referral_status_to_string (got->status), ==, "honoured");
  g_assert_null (sillon_store_find_referral_by_fingerprint (f->store, "NOPE", &error));
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Two sheets cannot share a fingerprint. */
  {
    g_autoptr (SillonReferral) twin = sillon_referral_new ();

    twin->beneficiary_id = person;
    twin->date = g_strdup ("2025-07-02");
    twin->sheet_fingerprint = g_strdup ("K7Q2-9XMB");
    g_assert_false (sillon_store_insert_referral (f->store, twin, &error));
    g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_CONSTRAINT);
    g_clear_error (&error);
    g_free (twin->sheet_fingerprint);
    twin->sheet_fingerprint = NULL;
    twin->destination = g_strdup ("chez_le_voisin");
    g_assert_false (sillon_store_insert_referral (f->store, twin, &error));
    g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID);
    g_clear_error (&error);
    g_clear_pointer (&twin->destination, g_free);
    twin->status = 42;
    g_assert_false (sillon_store_insert_referral (f->store, twin, &error));
    g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID);
    g_clear_error (&error);
  }

  list = sillon_store_list_referrals (f->store, person, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_true (sillon_store_delete_referral (f->store, r->id, &error));
  g_assert_false (sillon_store_delete_referral (f->store, r->id, &error));
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (sillon_store_update_referral (f->store, r, &error));
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (sillon_store_get_referral (f->store, r->id, &error));
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_NOT_FOUND);
}

/* ── Transactions ──────────────────────────────────────────────────────── */

static void
test_transactions (StoreFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (sillon_store_begin (f->store, &error));
  store_test_add_person (f->store, "Ana", "Silva", NULL, NULL);
  g_assert_true (sillon_store_begin (f->store, &error));
  store_test_add_person (f->store, "Bob", "Martin", NULL, NULL);
  sillon_store_rollback (f->store);
  g_assert_true (sillon_store_commit (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sillon_store_count_beneficiaries (f->store, &error), ==, 1);

  g_assert_true (sillon_store_begin (f->store, &error));
  store_test_add_person (f->store, "Chloé", "Durand", NULL, NULL);
  sillon_store_rollback (f->store);
  g_assert_cmpint (sillon_store_count_beneficiaries (f->store, &error), ==, 1);
}

/* The guard rolls back whatever was not committed, at every depth, and
 * never twice: a failed commit has rolled back already (a second rollback
 * would be a critical, fatal under the test environment). */
static void
test_transaction_guard (StoreFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  {
    g_autoptr (SillonStoreTransaction) tx = sillon_store_transaction_begin (f->store, &error);

    g_assert_no_error (error);
    g_assert_nonnull (tx);
    store_test_add_person (f->store, "Ana", "Silva", NULL, NULL);
    g_assert_false (sqlite3_get_autocommit (f->db));
  }
  g_assert_true (sqlite3_get_autocommit (f->db));
  g_assert_cmpint (sillon_store_count_beneficiaries (f->store, NULL), ==, 0);

  {
    g_autoptr (SillonStoreTransaction) tx = sillon_store_transaction_begin (f->store, &error);

    store_test_add_person (f->store, "Bob", "Martin", NULL, NULL);
    g_assert_true (sillon_store_transaction_commit (tx, &error));
    g_assert_no_error (error);
  }
  g_assert_true (sqlite3_get_autocommit (f->db));
  g_assert_cmpint (sillon_store_count_beneficiaries (f->store, NULL), ==, 1);

  {
    g_autoptr (SillonStoreTransaction) outer = sillon_store_transaction_begin (f->store, &error);

    store_test_add_person (f->store, "Chloé", "Durand", NULL, NULL);
    {
      g_autoptr (SillonStoreTransaction) inner = sillon_store_transaction_begin (f->store, &error);

      store_test_add_person (f->store, "Dan", "Petit", NULL, NULL);
      g_assert_true (sillon_store_transaction_commit (inner, &error));
    }
    g_assert_cmpint (sillon_store_count_beneficiaries (f->store, NULL), ==, 3);
  }
  g_assert_true (sqlite3_get_autocommit (f->db));
  g_assert_cmpint (sillon_store_count_beneficiaries (f->store, NULL), ==, 1);

  /* A foreign key checked at commit time makes the commit fail. */
  g_assert_cmpint (sqlite3_exec (f->db, "CREATE TABLE parent (id INTEGER PRIMARY KEY);"
                                        "CREATE TABLE child (parent_id INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED)",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  {
    g_autoptr (SillonStoreTransaction) tx = sillon_store_transaction_begin (f->store, &error);

    store_test_add_person (f->store, "Eve", "Moreau", NULL, NULL);
    g_assert_cmpint (sqlite3_exec (f->db, "INSERT INTO child VALUES (42)", NULL, NULL, NULL), ==, SQLITE_OK);
    g_assert_false (sillon_store_transaction_commit (tx, &error));
    g_assert_nonnull (error);
    g_assert_true (error->domain == SILLON_STORE_ERROR);
    g_assert_true (sqlite3_get_autocommit (f->db));
  }
  g_clear_error (&error);
  g_assert_cmpint (sillon_store_count_beneficiaries (f->store, NULL), ==, 1);

  /* And the store goes on. */
  {
    g_autoptr (SillonStoreTransaction) tx = sillon_store_transaction_begin (f->store, &error);

    store_test_add_person (f->store, "Fred", "Roux", NULL, NULL);
    g_assert_true (sillon_store_transaction_commit (tx, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (sillon_store_count_beneficiaries (f->store, NULL), ==, 2);
}

/* Inside a transaction the caller opened, the store nests in it. */
static void
test_caller_transaction (StoreFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonBeneficiary) bad = sillon_beneficiary_new ();

  g_assert_cmpint (sqlite3_exec (f->db, "BEGIN", NULL, NULL, NULL), ==, SQLITE_OK);
  store_test_add_person (f->store, "Ana", "Silva", NULL, NULL);
  /* A failing insert rolls back its own savepoint only. */
  g_assert_cmpint (sqlite3_exec (f->db, "CREATE TRIGGER refuse BEFORE INSERT ON beneficiary_trigrams"
                                        " WHEN new.trigram = 'zzz' BEGIN SELECT RAISE (ABORT, 'no'); END",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  bad->last_name = g_strdup ("Zzz");
  g_assert_false (sillon_store_insert_beneficiary (f->store, bad, &error));
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_CONSTRAINT);
  g_assert_false (sqlite3_get_autocommit (f->db));
  g_assert_cmpint (sillon_store_count_beneficiaries (f->store, NULL), ==, 1);
  g_assert_cmpint (sqlite3_exec (f->db, "ROLLBACK", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sillon_store_count_beneficiaries (f->store, NULL), ==, 0);
}

static void
add_timeline_assessment (SillonStore *store, gint64 person, const char *date)
{
  g_autoptr (SillonAssessmentRecord) a = sillon_assessment_record_new ();
  g_autoptr (GError) error = NULL;

  a->beneficiary_id = person;
  a->date = g_strdup (date);
  a->questionnaire_id = g_strdup ("pouvoir-vouloir-savoir");
  a->questionnaire_version = 1;
  a->answers_json = g_strdup ("{}");
  a->result_json = g_strdup ("{}");
  g_assert_true (sillon_store_insert_assessment (store, a, &error));
  g_assert_no_error (error);
}

static gint64
add_timeline_session (SillonStore *store, gint64 person, const char *date, const char *place_type)
{
  g_autoptr (SillonSession) s = store_test_session (person, date);
  g_autoptr (GError) error = NULL;

  g_free (s->place_type);
  s->place_type = g_strdup (place_type);
  g_assert_true (sillon_store_insert_session (store, s, &error));
  g_assert_no_error (error);
  return s->id;
}

static void
test_timeline (StoreFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 ana = store_test_add_person (f->store, "Ana", "Silva", NULL, NULL);
  gint64 bob = store_test_add_person (f->store, "Bob", "Martin", NULL, NULL);
  g_autoptr (SillonWorkshop) w = make_workshop ("2025-04-03");
  g_autoptr (SillonReferral) r = sillon_referral_new ();
  g_autoptr (GPtrArray) all = NULL;
  g_autoptr (GPtrArray) page = NULL;
  g_autofree char *place_type = NULL;
  const struct
  {
    SillonTimelineKind kind;
    const char *date;
  } expected[] = {
    { SILLON_TIMELINE_REFERRAL, "2025-05-02" },
    { SILLON_TIMELINE_SESSION, "2025-05-02" },
    { SILLON_TIMELINE_SESSION, "2025-05-02" },
    { SILLON_TIMELINE_ASSESSMENT, "2025-05-02" },
    { SILLON_TIMELINE_WORKSHOP, "2025-04-03" },
    { SILLON_TIMELINE_ASSESSMENT, "2025-01-10" },
  };
  gint64 first_session, second_session;

  /* Nothing logged yet: no place type to offer, and no error. */
  place_type = sillon_store_last_session_place_type (f->store, &error);
  g_assert_no_error (error);
  g_assert_null (place_type);
  g_assert_cmpint (sillon_store_count_timeline (f->store, ana, &error), ==, 0);
  g_assert_no_error (error);

  add_timeline_assessment (f->store, ana, "2025-01-10");
  add_timeline_assessment (f->store, ana, "2025-05-02");
  first_session = add_timeline_session (f->store, ana, "2025-05-02", "lieu_activite");
  second_session = add_timeline_session (f->store, ana, "2025-05-02", "domicile");
  g_array_append_val (w->attendees, ana);
  g_assert_true (sillon_store_insert_workshop (f->store, w, &error));
  g_assert_no_error (error);
  r->beneficiary_id = ana;
  r->date = g_strdup ("2025-05-02");
  r->destination = g_strdup ("aide_sociale");
  g_assert_true (sillon_store_insert_referral (f->store, r, &error));
  g_assert_no_error (error);
  /* Someone else's records never show. */
  add_timeline_assessment (f->store, bob, "2025-06-01");
  add_timeline_session (f->store, bob, "2025-03-01", "a_distance");

  all = sillon_store_list_timeline (f->store, ana, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, G_N_ELEMENTS (expected));
  g_assert_cmpint (sillon_store_count_timeline (f->store, ana, &error), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < all->len; i++)
    {
      SillonTimelineEntry *entry = all->pdata[i];

      g_assert_cmpint (entry->kind, ==, expected[i].kind);
      g_assert_cmpstr (entry->date, ==, expected[i].date);
    }
  /* On one day, the session logged last comes first. */
  g_assert_cmpint (((SillonTimelineEntry *) all->pdata[1])->id, ==, second_session);
  g_assert_cmpint (((SillonTimelineEntry *) all->pdata[2])->id, ==, first_session);
  g_assert_cmpint (((SillonTimelineEntry *) all->pdata[4])->id, ==, w->id);
  g_assert_cmpint (((SillonTimelineEntry *) all->pdata[0])->id, ==, r->id);

  /* Pages follow each other without a gap or a repeat. */
  page = sillon_store_list_timeline (f->store, ana, 4, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 4);
  for (guint i = 0; i < page->len; i++)
    {
      SillonTimelineEntry *a = page->pdata[i], *b = all->pdata[i + 2];

      g_assert_cmpint (a->kind, ==, b->kind);
      g_assert_cmpint (a->id, ==, b->id);
    }
  g_clear_pointer (&page, g_ptr_array_unref);
  page = sillon_store_list_timeline (f->store, ana, 10, 6, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 0);

  /* Nobody: an empty story, not an error. */
  g_clear_pointer (&page, g_ptr_array_unref);
  page = sillon_store_list_timeline (f->store, bob + 100, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->len, ==, 0);

  /* The last place type is the last logged, whoever it was for. */
  place_type = sillon_store_last_session_place_type (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (place_type, ==, "a_distance");
}

static void
test_timeline_uses_indexes (StoreFixture *f, gconstpointer data)
{
  /* The timeline of one person must never scan a whole table: the reference
   * vault holds 200 000 sessions. */
  const char *sql = "EXPLAIN QUERY PLAN SELECT 0 AS kind, id, date FROM assessments WHERE beneficiary_id = ?1"
                    " UNION ALL SELECT 1, id, date FROM sessions WHERE beneficiary_id = ?1"
                    " UNION ALL SELECT 2, w.id, w.date FROM workshop_attendance a JOIN workshops w ON w.id = a.workshop_id"
                    "   WHERE a.beneficiary_id = ?1"
                    " UNION ALL SELECT 3, id, date FROM referrals WHERE beneficiary_id = ?1";
  sqlite3_stmt *stmt = NULL;
  g_autoptr (GString) plan = g_string_new (NULL);

  g_assert_cmpint (sqlite3_prepare_v2 (f->db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *detail = (const char *) sqlite3_column_text (stmt, 3);

      g_string_append_printf (plan, "%s\n", detail);
      if (g_str_has_prefix (detail, "SCAN "))
        g_error ("the timeline scans a table: %s", detail);
    }
  sqlite3_finalize (stmt);
  g_assert_nonnull (strstr (plan->str, "sessions_beneficiary"));
  g_assert_nonnull (strstr (plan->str, "referrals_beneficiary"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/open/pragmas", test_open_sets_pragmas);
  g_test_add_func ("/store/open/default-vocabulary", test_open_default_vocabulary);
  g_test_add_func ("/store/open/schema-too-new", test_schema_too_new);
  g_test_add_func ("/store/migrate/from-v1", test_migrate_from_v1);
  g_test_add_func ("/store/migrate/rollback", test_migration_rolls_back);
#define ADD(path, func) g_test_add (path, StoreFixture, NULL, store_fixture_setup, func, store_fixture_teardown)
  ADD ("/store/mediators", test_mediators);
  ADD ("/store/beneficiaries/round-trip", test_beneficiary_round_trip);
  ADD ("/store/beneficiaries/invalid", test_beneficiary_invalid);
  ADD ("/store/beneficiaries/schema-checks", test_beneficiary_schema_checks);
  ADD ("/store/consents", test_consents);
  ADD ("/store/dates", test_dates);
  ADD ("/store/assessments", test_assessments);
  ADD ("/store/sessions/round-trip", test_sessions);
  ADD ("/store/sessions/invalid", test_session_invalid);
  ADD ("/store/workshops/round-trip", test_workshops);
  ADD ("/store/workshops/expected", test_workshops_expected);
  ADD ("/store/workshops/counts", test_workshop_counts);
  ADD ("/store/parcours", test_parcours);
  ADD ("/store/places", test_places);
  ADD ("/store/places/from-import", test_places_from_import);
  ADD ("/store/places/own-structure", test_own_structure);
  ADD ("/store/referrals", test_referrals);
  ADD ("/store/timeline", test_timeline);
  ADD ("/store/timeline/indexes", test_timeline_uses_indexes);
  ADD ("/store/transactions", test_transactions);
  ADD ("/store/transactions/guard", test_transaction_guard);
  ADD ("/store/transactions/caller", test_caller_transaction);
#undef ADD
  return g_test_run ();
}
