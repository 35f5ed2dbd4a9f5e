/* test-store-referrals.c — referral outcomes, the schema step that brought
 * "not honoured", the list of referrals to follow up, and places nearest
 * to a person's commune
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sillon-communes.h"
#include "sillon-store-private.h"
#include "test-store-util.h"

static gint64
add_referral (SillonStore *store, gint64 person, gint64 place, const char *date, SillonReferralStatus status)
{
  g_autoptr (SillonReferral) r = sillon_referral_new ();
  g_autoptr (GError) error = NULL;

  r->beneficiary_id = person;
  r->place_id = place;
  r->date = g_strdup (date);
  r->reason = g_strdup ("Dossier de retraite");
  r->status = status;
  g_assert_true (sillon_store_insert_referral (store, r, &error));
  g_assert_no_error (error);
  return r->id;
}

static gint64
add_place (SillonStore *store, const char *nom, const char *commune, const char *insee, const char *service)
{
  g_autoptr (SillonPlaceRecord) p = sillon_place_record_new ();
  g_autoptr (GError) error = NULL;
  const char *services[] = { service, NULL };

  sillon_place_record_set (p, SILLON_PLACE_COL_NOM, nom);
  sillon_place_record_set (p, SILLON_PLACE_COL_COMMUNE, commune);
  sillon_place_record_set (p, SILLON_PLACE_COL_CODE_INSEE, insee);
  sillon_place_record_set_multi (p, SILLON_PLACE_COL_SERVICES, services);
  g_assert_true (sillon_store_insert_place (store, p, &error));
  g_assert_no_error (error);
  return p->id;
}

/* ── The schema step ───────────────────────────────────────────────────── */

/* A vault at version 3 holds referrals in each of the three statuses it
 * knew; version 4 keeps every row and field, and takes "not-honoured". */
static void
test_migrate_from_v3 (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonReferral) got = NULL;
  sqlite3 *db = NULL;
  SillonStore *store;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_true (sillon_store_migrate (db, 3, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO beneficiaries (id, first_name, last_name, name_key, created_unix, updated_unix)"
                                 " VALUES (1, 'Ana', 'Silva', 'silva ana', 1, 1);"
                                 "INSERT INTO places (id, nom, commune, updated_unix) VALUES (7, 'CCAS', 'Reims', 1);"
                                 "INSERT INTO sessions (id, beneficiary_id, date, duration_minutes, place_type, themes,"
                                 "  referred, referral_destination)"
                                 " VALUES (5, 1, '2025-03-01', 30, 'lieu_activite', '[\"email\"]', 1, NULL);"
                                 "INSERT INTO referrals (id, beneficiary_id, session_id, place_id, date, reason, already_done,"
                                 "  documents, consent_to_share, status, sheet_fingerprint)"
                                 " VALUES (10, 1, 5, 7, '2025-03-01', 'RSA', 'compte créé', 'avis', 1, 'honoured', 'AAAA-BBBB');"
                                 "INSERT INTO referrals (id, beneficiary_id, place_id, date, reason, already_done, documents,"
                                 "  consent_to_share, status, sheet_fingerprint)"
                                 " VALUES"
                                 "        (11, 1, NULL, '2025-03-02', NULL, NULL, NULL, 0, 'issued', NULL),"
                                 "        (12, 1, NULL, '2025-03-03', NULL, NULL, NULL, 0, 'unknown', NULL);",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  /* Version 3 refused the new status. */
  g_assert_cmpint (sqlite3_exec (db, "UPDATE referrals SET status = 'not-honoured' WHERE id = 11", NULL, NULL, NULL),
                   ==, SQLITE_CONSTRAINT);

  store = sillon_store_new_with_vocabulary (db, store_test_vocabulary (), &error);
  g_assert_no_error (error);
  g_assert_cmpint (store_test_query_int (db, "PRAGMA user_version"), ==, 4);
  g_assert_cmpint (store_test_query_int (db, "SELECT count(*) FROM referrals"), ==, 3);
  g_assert_cmpint (store_test_query_int (db, "SELECT count(*) FROM sqlite_schema WHERE name = 'referrals_v4'"), ==, 0);
  g_assert_cmpint (store_test_query_int (db, "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'referrals'"
                                             " AND name IN ('referrals_beneficiary', 'referrals_session', 'referrals_place',"
                                             " 'referrals_status_date')"),
                   ==, 4);
  g_assert_cmpint (store_test_query_int (db, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);

  got = sillon_store_get_referral (store, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpint (got->beneficiary_id, ==, 1);
  g_assert_cmpint (got->place_id, ==, 7);
  g_assert_cmpstr (got->date, ==, "2025-03-01");
  g_assert_cmpstr (got->already_done, ==, "compte créé");
  g_assert_true (got->consent_to_share);
  g_assert_null (got->consent_details);
  g_assert_cmpint (got->status, ==, SILLON_REFERRAL_HONOURED);
  g_assert_cmpstr (got->sheet_fingerprint, ==, "AAAA-BBBB");
  /* The session it followed came through the rebuild. */
  g_assert_cmpint (got->session_id, ==, 5);
  g_clear_pointer (&got, sillon_referral_free);

  /* The new status is written and read back. */
  got = sillon_store_get_referral (store, 11, &error);
  g_assert_no_error (error);
  got->status = SILLON_REFERRAL_NOT_HONOURED;
  g_assert_true (sillon_store_update_referral (store, got, &error));
  g_assert_no_error (error);
  g_clear_pointer (&got, sillon_referral_free);
  got = sillon_store_get_referral (store, 11, &error);
  g_assert_cmpint (got->status, ==, SILLON_REFERRAL_NOT_HONOURED);
  g_assert_cmpint (store_test_query_int (db, "SELECT count(*) FROM referrals WHERE status = 'not-honoured'"), ==, 1);
  /* The CHECK still refuses made-up statuses. */
  g_assert_cmpint (sqlite3_exec (db, "UPDATE referrals SET status = 'lost' WHERE id = 12", NULL, NULL, NULL),
                   ==, SQLITE_CONSTRAINT);
  /* Deleting the session keeps its referral, unlinked (that foreign key
   * survived the rebuild too). */
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM sessions WHERE id = 5", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (store_test_query_int (db, "SELECT count(*) FROM referrals WHERE id = 10 AND session_id IS NULL"), ==, 1);
  /* Erasing the person still takes their referrals (the foreign key
   * survived the rebuild). */
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM beneficiaries WHERE id = 1", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (store_test_query_int (db, "SELECT count(*) FROM referrals"), ==, 0);
  sillon_store_free (store);
  sqlite3_close (db);
}

/* A failing step 4 leaves the vault at version 3 with its referrals. */
static void
test_migrate_v4_rolls_back (void)
{
  g_autoptr (GError) error = NULL;
  sqlite3 *db = NULL;
  SillonStore *store;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_true (sillon_store_migrate (db, 3, &error));
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO beneficiaries (id, first_name, name_key, created_unix, updated_unix)"
                                 " VALUES (1, 'Ana', 'ana', 1, 1);"
                                 "INSERT INTO referrals (beneficiary_id, date) VALUES (1, '2025-03-01');"
                                 /* Step 4 creates this table: make it fail. */
                                 "CREATE TABLE referrals_v4 (x);",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  store = sillon_store_new_with_vocabulary (db, store_test_vocabulary (), &error);
  g_assert_null (store);
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_SQL);
  g_assert_nonnull (strstr (error->message, "version 4"));
  g_assert_cmpint (store_test_query_int (db, "PRAGMA user_version"), ==, 3);
  g_assert_cmpint (store_test_query_int (db, "SELECT count(*) FROM referrals"), ==, 1);
  g_assert_cmpint (store_test_query_int (db, "SELECT count(*) FROM sqlite_schema WHERE name = 'referrals_status_date'"), ==, 0);
  sqlite3_close (db);
}

/* ── The session a referral follows ────────────────────────────────────── */

static gint64
add_session (SillonStore *store, gint64 person, const char *date)
{
  g_autoptr (SillonSession) s = store_test_session (person, date);
  g_autoptr (GError) error = NULL;

  s->referred = TRUE;
  g_assert_true (sillon_store_insert_session (store, s, &error));
  g_assert_no_error (error);
  return s->id;
}

/* A referral made at the end of a session names it; it must be the same
 * person's; deleting the session keeps the referral, unlinked. */
static void
test_session_link (StoreFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 ana = store_test_add_person (f->store, "Ana", "Silva", NULL, NULL);
  gint64 bruno = store_test_add_person (f->store, "Bruno", "Martin", NULL, NULL);
  gint64 session = add_session (f->store, ana, "2025-05-02");
  gint64 other_session = add_session (f->store, ana, "2025-05-09");
  gint64 brunos_session = add_session (f->store, bruno, "2025-05-02");
  g_autoptr (SillonReferral) r = sillon_referral_new ();
  g_autoptr (SillonReferral) got = NULL;
  g_autoptr (GPtrArray) linked = NULL;

  /* One made from the person page, after no session. */
  add_referral (f->store, ana, 0, "2025-05-01", SILLON_REFERRAL_ISSUED);
  r->beneficiary_id = ana;
  r->session_id = session;
  r->date = g_strdup ("2025-05-02");
  g_assert_true (sillon_store_insert_referral (f->store, r, &error));
  g_assert_no_error (error);
  got = sillon_store_get_referral (f->store, r->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (got->session_id, ==, session);
  g_clear_pointer (&got, sillon_referral_free);

  linked = sillon_store_list_session_referrals (f->store, session, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (linked->len, ==, 1);
  g_assert_cmpint (((SillonReferral *) linked->pdata[0])->id, ==, r->id);
  g_clear_pointer (&linked, g_ptr_array_unref);
  linked = sillon_store_list_session_referrals (f->store, other_session, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (linked->len, ==, 0);
  g_clear_pointer (&linked, g_ptr_array_unref);

  /* Another person's session: refused, and the referral keeps its own. */
  r->session_id = brunos_session;
  g_assert_false (sillon_store_update_referral (f->store, r, &error));
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "another person"));
  g_clear_error (&error);
  got = sillon_store_get_referral (f->store, r->id, &error);
  g_assert_cmpint (got->session_id, ==, session);
  g_clear_pointer (&got, sillon_referral_free);
  /* A session that does not exist: refused on insert too. */
  r->session_id = brunos_session + 1000;
  r->id = 0;
  g_assert_false (sillon_store_insert_referral (f->store, r, &error));
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "not in the vault"));
  g_clear_error (&error);
  g_assert_cmpint (store_test_query_int (f->db, "SELECT count(*) FROM referrals"), ==, 2);

  /* The session deleted: the referral stays, linked to no session. */
  g_assert_true (sillon_store_delete_session (f->store, session, &error));
  g_assert_no_error (error);
  linked = sillon_store_list_referrals (f->store, ana, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (linked->len, ==, 2);
  for (guint i = 0; i < linked->len; i++)
    g_assert_cmpint (((SillonReferral *) linked->pdata[i])->session_id, ==, 0);
  g_clear_pointer (&linked, g_ptr_array_unref);
  linked = sillon_store_list_session_referrals (f->store, session, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (linked->len, ==, 0);
}

/* ── Statuses and consent ──────────────────────────────────────────────── */

static void
test_status_and_consent (StoreFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 person = store_test_add_person (f->store, "Ana", "Silva", NULL, NULL);
  g_autoptr (SillonReferral) r = sillon_referral_new ();
  g_autoptr (SillonReferral) got = NULL;

  g_assert_cmpstr (sillon_referral_status_to_string (SILLON_REFERRAL_NOT_HONOURED), ==, "not-honoured");
  r->beneficiary_id = person;
  r->date = g_strdup ("2025-04-01");
  r->status = SILLON_REFERRAL_NOT_HONOURED;
  r->consent_to_share = TRUE;
  r->consent_details = g_strdup ("Son numéro de téléphone et le motif");
  g_assert_true (sillon_store_insert_referral (f->store, r, &error));
  g_assert_no_error (error);
  got = sillon_store_get_referral (f->store, r->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (got->status, ==, SILLON_REFERRAL_NOT_HONOURED);
  g_assert_cmpstr (got->consent_details, ==, "Son numéro de téléphone et le motif");
  g_clear_pointer (&got, sillon_referral_free);

  /* What may be shared, without consent: refused, and nothing changes. */
  r->consent_to_share = FALSE;
  g_assert_false (sillon_store_update_referral (f->store, r, &error));
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "did not agree"));
  g_clear_error (&error);
  got = sillon_store_get_referral (f->store, r->id, &error);
  g_assert_true (got->consent_to_share);
  g_assert_cmpstr (got->consent_details, ==, "Son numéro de téléphone et le motif");
  g_clear_pointer (&got, sillon_referral_free);
  /* The database refuses it too, whoever writes. */
  g_assert_cmpint (sqlite3_exec (f->db, "UPDATE referrals SET consent_to_share = 0", NULL, NULL, NULL), ==, SQLITE_CONSTRAINT);

  /* Withdrawn consent with its details cleared is fine; an empty text
   * is stored as none. */
  g_free (r->consent_details);
  r->consent_details = g_strdup ("");
  g_assert_true (sillon_store_update_referral (f->store, r, &error));
  g_assert_no_error (error);
  got = sillon_store_get_referral (f->store, r->id, &error);
  g_assert_false (got->consent_to_share);
  g_assert_null (got->consent_details);
  g_clear_pointer (&got, sillon_referral_free);

  /* A status outside the enumeration. */
  r->status = (SillonReferralStatus) 42;
  g_assert_false (sillon_store_update_referral (f->store, r, &error));
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID);
  g_clear_error (&error);
  /* Too long a text. */
  r->status = SILLON_REFERRAL_ISSUED;
  r->consent_to_share = TRUE;
  g_free (r->consent_details);
  r->consent_details = g_strnfill (SILLON_STORE_MAX_NOTES_BYTES + 1, 'x');
  g_assert_false (sillon_store_update_referral (f->store, r, &error));
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_TOO_LARGE);
  g_clear_error (&error);
}

/* ── To follow up ──────────────────────────────────────────────────────── */

static void
test_follow_up (StoreFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = NULL;
  gint64 ana = store_test_add_person (f->store, "Ana", "Silva", NULL, NULL);
  gint64 anonymous = store_test_add_person (f->store, NULL, NULL, NULL, NULL);
  gint64 place = add_place (f->store, "France services de Reims", "Reims", "51454", "Aide aux démarches administratives");
  gint64 old = add_referral (f->store, ana, place, "2025-01-10", SILLON_REFERRAL_ISSUED);
  gint64 recent = add_referral (f->store, anonymous, 0, "2025-02-27", SILLON_REFERRAL_ISSUED);
  gint64 same_day = add_referral (f->store, ana, 0, "2025-02-27", SILLON_REFERRAL_ISSUED);
  SillonReferralFollowUp *first;

  add_referral (f->store, ana, place, "2025-01-05", SILLON_REFERRAL_HONOURED);
  add_referral (f->store, ana, place, "2025-01-06", SILLON_REFERRAL_NOT_HONOURED);
  add_referral (f->store, ana, place, "2025-01-07", SILLON_REFERRAL_UNKNOWN);

  /* Every issued one, newest first (same day: the latest recorded first). */
  list = sillon_store_list_referrals_to_follow_up (f->store, 0, "2025-03-01", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpint (((SillonReferralFollowUp *) list->pdata[0])->referral->id, ==, same_day);
  g_assert_cmpint (((SillonReferralFollowUp *) list->pdata[1])->referral->id, ==, recent);
  g_assert_cmpint (((SillonReferralFollowUp *) list->pdata[2])->referral->id, ==, old);
  first = list->pdata[0];
  g_assert_cmpstr (first->first_name, ==, "Ana");
  g_assert_cmpstr (first->last_name, ==, "Silva");
  g_assert_null (first->place_name);
  g_assert_null (((SillonReferralFollowUp *) list->pdata[1])->first_name);
  g_assert_cmpstr (((SillonReferralFollowUp *) list->pdata[2])->place_name, ==, "France services de Reims");
  g_assert_cmpstr (((SillonReferralFollowUp *) list->pdata[2])->place_commune, ==, "Reims");
  g_assert_cmpstr (((SillonReferralFollowUp *) list->pdata[2])->referral->reason, ==, "Dossier de retraite");
  g_clear_pointer (&list, g_ptr_array_unref);

  /* At least two days old on 1 March: 27 February is exactly two days. */
  list = sillon_store_list_referrals_to_follow_up (f->store, 2, "2025-03-01", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = sillon_store_list_referrals_to_follow_up (f->store, 3, "2025-03-01", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (((SillonReferralFollowUp *) list->pdata[0])->referral->id, ==, old);
  g_clear_pointer (&list, g_ptr_array_unref);
  /* Across a year's end. */
  list = sillon_store_list_referrals_to_follow_up (f->store, 30, "2025-02-09", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = sillon_store_list_referrals_to_follow_up (f->store, 31, "2025-02-09", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Marked honoured, it leaves the list. */
  {
    g_autoptr (SillonReferral) r = sillon_store_get_referral (f->store, old, &error);

    r->status = SILLON_REFERRAL_HONOURED;
    g_assert_true (sillon_store_update_referral (f->store, r, &error));
    g_assert_no_error (error);
  }
  list = sillon_store_list_referrals_to_follow_up (f->store, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  for (guint i = 0; i < list->len; i++)
    g_assert_cmpint (((SillonReferralFollowUp *) list->pdata[i])->referral->id, !=, old);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* The list reads the index on status and date. */
  {
    sqlite3_stmt *stmt = NULL;
    g_autoptr (GString) plan = g_string_new (NULL);

    g_assert_cmpint (sqlite3_prepare_v2 (f->db,
                                         "EXPLAIN QUERY PLAN SELECT id FROM referrals"
                                         " WHERE status = 'issued' AND ('2025-01-01' IS NULL OR date <= '2025-01-01')",
                                         -1, &stmt, NULL),
                     ==, SQLITE_OK);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_string_append_printf (plan, "%s\n", sqlite3_column_text (stmt, 3));
    sqlite3_finalize (stmt);
    g_assert_nonnull (strstr (plan->str, "referrals_status_date"));
  }

  /* Error paths: a reference day that does not exist, a delay beyond
   * reason. */
  g_assert_null (sillon_store_list_referrals_to_follow_up (f->store, 0, "2025-02-30", &error));
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (sillon_store_list_referrals_to_follow_up (f->store, 0, "1 March", &error));
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (sillon_store_list_referrals_to_follow_up (f->store, 100000, "2025-03-01", &error));
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID);
  g_clear_error (&error);
  /* A table gone reports an SQL error, not an empty list. */
  g_assert_cmpint (sqlite3_exec (f->db, "ALTER TABLE referrals RENAME TO gone", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_null (sillon_store_list_referrals_to_follow_up (f->store, 0, "2025-03-01", &error));
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_SQL);
  g_clear_error (&error);
}

/* ── Places nearest first ──────────────────────────────────────────────── */

static void
test_search_near (StoreFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = NULL;
  /* Saint-Étienne (42218), another commune of the Loire (Roanne, 42187),
   * Lyon (69123) and Guadeloupe (Pointe-à-Pitre, 97120). */
  gint64 lyon = add_place (f->store, "Atelier A", "Lyon", "69123", "Aide aux démarches administratives");
  gint64 roanne = add_place (f->store, "Atelier B", "Roanne", "42187", "Aide aux démarches administratives");
  gint64 stetienne = add_place (f->store, "Atelier C", "Saint-Étienne", "42218", "Aide aux démarches administratives");
  gint64 guadeloupe = add_place (f->store, "Atelier D", "Pointe-à-Pitre", "97120", "Aide aux démarches administratives");

  list = sillon_store_search_places_near (f->store, "atelier", "42218", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 4);
  g_assert_cmpint (((SillonPlaceRecord *) list->pdata[0])->id, ==, stetienne);
  g_assert_cmpint (((SillonPlaceRecord *) list->pdata[1])->id, ==, roanne);
  /* The others by name. */
  g_assert_cmpint (((SillonPlaceRecord *) list->pdata[2])->id, ==, lyon);
  g_assert_cmpint (((SillonPlaceRecord *) list->pdata[3])->id, ==, guadeloupe);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* The limit applies after ranking: the nearest is kept. */
  list = sillon_store_search_places_near (f->store, "atelier", "42218", 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (((SillonPlaceRecord *) list->pdata[0])->id, ==, stetienne);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Overseas départements have three digits: Basse-Terre (97105) is near
   * Pointe-à-Pitre (971), Fort-de-France (97209, 972) is not. */
  list = sillon_store_search_places_near (f->store, "atelier", "97105", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpint (((SillonPlaceRecord *) list->pdata[0])->id, ==, guadeloupe);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = sillon_store_search_places_near (f->store, "atelier", "97209", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpint (((SillonPlaceRecord *) list->pdata[0])->id, ==, lyon);
  g_assert_cmpint (((SillonPlaceRecord *) list->pdata[3])->id, ==, guadeloupe);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* By service and commune name together. */
  list = sillon_store_search_places_near (f->store, "demarches roanne", "69123", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (((SillonPlaceRecord *) list->pdata[0])->id, ==, roanne);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* No commune: the plain search. */
  list = sillon_store_search_places_near (f->store, "atelier", NULL, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 4);
  g_clear_pointer (&list, g_ptr_array_unref);
  /* Nothing to search for. */
  list = sillon_store_search_places_near (f->store, "  ", "42218", 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Not a code INSEE: refused with the communes' error. */
  g_assert_null (sillon_store_search_places_near (f->store, "atelier", "42'; DROP", 10, &error));
  g_assert_error (error, SILLON_COMMUNES_ERROR, SILLON_COMMUNES_ERROR_INVALID_CODE);
  g_clear_error (&error);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store-referrals/migrate/from-v3", test_migrate_from_v3);
  g_test_add_func ("/store-referrals/migrate/rollback", test_migrate_v4_rolls_back);
#define ADD(path, func) g_test_add (path, StoreFixture, NULL, store_fixture_setup, func, store_fixture_teardown)
  ADD ("/store-referrals/session-link", test_session_link);
  ADD ("/store-referrals/status-and-consent", test_status_and_consent);
  ADD ("/store-referrals/follow-up", test_follow_up);
  ADD ("/store-referrals/search-near", test_search_near);
#undef ADD
  return g_test_run ();
}
