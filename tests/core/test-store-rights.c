/* test-store-rights.c — access (export), erasure and retention
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "test-store-util.h"

/* Strings that only the erased person's data contains. */
static const char *const markers[] = {
  "Quenouillard",
  "quenouillard",
  "Zéphyrine",
  "zephyrine",
  "0698765432",
  "zephyrine@marker.example",
  "MARKER-NOTE-7f3a",
  "MARKER-SESSION-1c9d",
  "MARKER-PROCEDURE-a1b2",
  "MARKER-REFERRAL-44e0",
  "MARKER-DONE-9911",
  "MARKER-DOCS-5b5b",
  "MARKER-SHARE-4a4a",
  "MARKER-CONSENT-2d2d",
  "MARKER-GOAL-8c8c",
  "MARKER-STEP-3e3e",
  "MARKER-ANSWER-6f6f",
  "MARKER-TITLE-5d5d",
  "MARKER-OVERRIDE-4a4a",
  "MARKER-OVERRIDE-JSON-7b7b",
};

typedef struct
{
  gint64 person;
  gint64 other;
  gint64 workshop;
  gint64 place;
} Scenario;

/* Someone with something in every table, next to someone else. */
static Scenario
build_scenario (StoreFixture *f)
{
  g_autoptr (GError) error = NULL;
  Scenario sc = { 0 };
  g_autoptr (SillonBeneficiary) b = sillon_beneficiary_new ();
  g_autoptr (SillonSession) s = NULL;
  g_autoptr (SillonConsent) c = sillon_consent_new ();
  g_autoptr (SillonReferral) r = sillon_referral_new ();
  g_autoptr (SillonParcours) p = sillon_parcours_new ();
  g_autoptr (SillonParcoursItem) item = sillon_parcours_item_new ();
  g_autoptr (SillonAssessmentRecord) a = sillon_assessment_record_new ();
  g_autoptr (SillonWorkshop) w = sillon_workshop_new ();
  g_autoptr (SillonPlaceRecord) place = sillon_place_record_new ();
  g_autoptr (SillonMediator) m = sillon_mediator_new ();
  const char *themes[] = { "aide_aux_demarches_administratives", NULL };
  const char *admin[] = { "logement", NULL };
  const char *wthemes[] = { "email", NULL };

  m->display_name = g_strdup ("Karim B.");
  g_assert_true (sillon_store_insert_mediator (f->store, m, &error));
  sillon_place_record_set (place, SILLON_PLACE_COL_NOM, "CCAS de Reims");
  sillon_place_record_set (place, SILLON_PLACE_COL_COMMUNE, "Reims");
  g_assert_true (sillon_store_insert_place (f->store, place, &error));
  sc.place = place->id;

  sc.other = store_test_add_person (f->store, "Bernadette", "Autrepersonne", "0611111111", NULL);
  for (int i = 0; i < 40; i++)
    {
      g_autofree char *first = g_strdup_printf ("Voisin%d", i);

      store_test_add_person (f->store, first, "Durand", NULL, NULL);
    }

  b->first_name = g_strdup ("Zéphyrine");
  b->last_name = g_strdup ("Quenouillard");
  b->birth_year = 1961;
  b->gender = g_strdup ("feminin");
  b->social_status = g_strdup ("sans_emploi");
  b->commune_insee = g_strdup ("51454");
  b->phone = g_strdup ("0698765432");
  b->email = g_strdup ("zephyrine@marker.example");
  b->sheet_language = g_strdup ("fr");
  b->notes = g_strdup ("MARKER-NOTE-7f3a");
  b->mediator_id = m->id;
  g_assert_true (sillon_store_insert_beneficiary (f->store, b, &error));
  sc.person = b->id;

  s = store_test_session (sc.person, "2025-06-02");
  g_strfreev (s->themes);
  s->themes = g_strdupv ((char **) themes);
  s->admin_themes = g_strdupv ((char **) admin);
  s->admin_detail = g_strdup ("MARKER-PROCEDURE-a1b2");
  s->notes = g_strdup ("MARKER-SESSION-1c9d");
  s->place_id = sc.place;
  s->mediator_id = m->id;
  s->help_mode = SILLON_HELP_MODE_FAIRE_POUR;
  g_assert_true (sillon_store_insert_session (f->store, s, &error));

  c->beneficiary_id = sc.person;
  c->date = g_strdup ("2025-06-02");
  c->told = g_strdup ("MARKER-CONSENT-2d2d");
  c->scope = g_strdup ("suivi");
  g_assert_true (sillon_store_insert_consent (f->store, c, &error));

  r->beneficiary_id = sc.person;
  r->session_id = s->id;
  r->place_id = sc.place;
  r->date = g_strdup ("2025-06-02");
  r->destination = g_strdup ("aide_sociale");
  r->reason = g_strdup ("MARKER-REFERRAL-44e0");
  r->already_done = g_strdup ("MARKER-DONE-9911");
  r->documents = g_strdup ("MARKER-DOCS-5b5b");
  r->consent_to_share = TRUE;
  r->consent_details = g_strdup ("MARKER-SHARE-4a4a");
  r->sheet_fingerprint = g_strdup ("FP-1234");
  g_assert_true (sillon_store_insert_referral (f->store, r, &error));

  p->beneficiary_id = sc.person;
  p->title = g_strdup ("MARKER-TITLE-5d5d");
  p->goal = g_strdup ("MARKER-GOAL-8c8c");
  item->label = g_strdup ("MARKER-STEP-3e3e");
  item->planned_date = g_strdup ("2025-07-01");
  g_ptr_array_add (p->items, g_steal_pointer (&item));
  g_assert_true (sillon_store_insert_parcours (f->store, p, &error));

  a->beneficiary_id = sc.person;
  a->date = g_strdup ("2025-06-02");
  a->questionnaire_id = g_strdup ("pouvoir-vouloir-savoir");
  a->questionnaire_version = 1;
  a->answers_json = g_strdup ("{\"remark\": \"MARKER-ANSWER-6f6f\", \"q1\": 2}");
  a->result_json = g_strdup ("{\"pouvoir\": 0.5}");
  a->override_json = g_strdup ("{\"degree\": {\"value\": \"eloigne\", \"reason\": \"MARKER-OVERRIDE-JSON-7b7b\"}}");
  a->override_reason = g_strdup ("MARKER-OVERRIDE-4a4a");
  g_assert_true (sillon_store_insert_assessment (f->store, a, &error));

  w->title = g_strdup ("Courriel");
  w->themes = g_strdupv ((char **) wthemes);
  w->date = g_strdup ("2025-06-10");
  w->duration_minutes = 90;
  w->place_type = g_strdup ("lieu_activite");
  g_array_append_val (w->attendees, sc.person);
  g_array_append_val (w->attendees, sc.other);
  g_assert_true (sillon_store_insert_workshop (f->store, w, &error));
  g_assert_no_error (error);
  sc.workshop = w->id;
  return sc;
}

/* ── Export ────────────────────────────────────────────────────────────── */

static JsonObject *
member_object (JsonObject *o, const char *name)
{
  g_assert_true (json_object_has_member (o, name));
  return json_object_get_object_member (o, name);
}

static JsonObject *
only_element (JsonObject *o, const char *name)
{
  JsonArray *array = json_object_get_array_member (o, name);

  g_assert_nonnull (array);
  g_assert_cmpuint (json_array_get_length (array), ==, 1);
  return json_array_get_object_element (array, 0);
}

static void
test_export (StoreFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  Scenario sc = build_scenario (f);
  g_autofree char *json = sillon_store_export_beneficiary (f->store, sc.person, &error);
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *root, *ben, *o;
  gint64 session_id;

  g_assert_no_error (error);
  g_assert_nonnull (json);
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "sillon-beneficiary-export");
  g_assert_cmpint (json_object_get_int_member (root, "format_version"), ==, 1);

  ben = member_object (root, "beneficiary");
  g_assert_cmpint (json_object_get_int_member (ben, "id"), ==, sc.person);
  g_assert_cmpstr (json_object_get_string_member (ben, "first_name"), ==, "Zéphyrine");
  g_assert_cmpstr (json_object_get_string_member (ben, "last_name"), ==, "Quenouillard");
  g_assert_cmpint (json_object_get_int_member (ben, "birth_year"), ==, 1961);
  g_assert_nonnull (json_object_get_string_member (ben, "age_bracket"));
  g_assert_cmpstr (json_object_get_string_member (ben, "gender"), ==, "feminin");
  g_assert_cmpstr (json_object_get_string_member (ben, "social_status"), ==, "sans_emploi");
  g_assert_cmpstr (json_object_get_string_member (ben, "commune_insee"), ==, "51454");
  g_assert_cmpstr (json_object_get_string_member (ben, "phone"), ==, "0698765432");
  g_assert_cmpstr (json_object_get_string_member (ben, "email"), ==, "zephyrine@marker.example");
  g_assert_cmpstr (json_object_get_string_member (ben, "notes"), ==, "MARKER-NOTE-7f3a");
  g_assert_cmpstr (json_object_get_string_member (member_object (ben, "mediator"), "display_name"), ==, "Karim B.");

  o = only_element (root, "consents");
  g_assert_cmpstr (json_object_get_string_member (o, "told"), ==, "MARKER-CONSENT-2d2d");
  o = only_element (root, "sessions");
  g_assert_cmpstr (json_object_get_string_member (o, "notes"), ==, "MARKER-SESSION-1c9d");
  g_assert_cmpstr (json_object_get_string_member (o, "administrative_procedure"), ==, "MARKER-PROCEDURE-a1b2");
  g_assert_cmpstr (json_object_get_string_member (o, "help_mode"), ==, "faire_pour");
  g_assert_cmpstr (json_object_get_string_member (member_object (o, "place"), "nom"), ==, "CCAS de Reims");
  o = only_element (root, "assessments");
  /* Stored JSON is exported as JSON. */
  g_assert_cmpstr (json_object_get_string_member (member_object (o, "answers"), "remark"), ==, "MARKER-ANSWER-6f6f");
  session_id = json_object_get_int_member (only_element (root, "sessions"), "id");
  o = only_element (root, "referrals");
  g_assert_cmpstr (json_object_get_string_member (o, "reason"), ==, "MARKER-REFERRAL-44e0");
  /* The referral names the session it was made at the end of. */
  g_assert_cmpint (session_id, >, 0);
  g_assert_cmpint (json_object_get_int_member (o, "session_id"), ==, session_id);
  g_assert_cmpstr (json_object_get_string_member (o, "documents"), ==, "MARKER-DOCS-5b5b");
  g_assert_cmpstr (json_object_get_string_member (o, "consent_details"), ==, "MARKER-SHARE-4a4a");
  g_assert_cmpstr (json_object_get_string_member (o, "status"), ==, "issued");
  g_assert_cmpstr (json_object_get_string_member (o, "sheet_fingerprint"), ==, "FP-1234");
  o = only_element (root, "parcours");
  g_assert_cmpstr (json_object_get_string_member (o, "goal"), ==, "MARKER-GOAL-8c8c");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (o, "items")), ==, 1);
  o = only_element (root, "workshops");
  g_assert_cmpstr (json_object_get_string_member (o, "title"), ==, "Courriel");

  /* Nothing about the other participant of the workshop. */
  g_assert_null (strstr (json, "Bernadette"));
  g_assert_null (strstr (json, "Autrepersonne"));
  g_assert_null (strstr (json, "0611111111"));

  g_free (g_steal_pointer (&json));
  json = sillon_store_export_beneficiary (f->store, sc.person + 1000, &error);
  g_assert_null (json);
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_NOT_FOUND);
}

/* ── Erasure ───────────────────────────────────────────────────────────── */

static gboolean
file_contains (const char *path, const char *needle)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  gsize n = strlen (needle);

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;
  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (contents + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static guint
count_markers (StoreFixture *f)
{
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  guint found = 0;

  for (gsize i = 0; i < G_N_ELEMENTS (markers); i++)
    if (file_contains (f->path, markers[i]) || file_contains (wal, markers[i]))
      {
        g_test_message ("marker “%s” is in the file", markers[i]);
        found++;
      }
  return found;
}

static void
test_erase (StoreFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  Scenario sc = build_scenario (f);
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (SillonWorkshop) w = NULL;
  g_autoptr (SillonPlaceRecord) place = NULL;

  /* The markers are really written, so the scan below can fail. */
  g_assert_cmpint (sqlite3_wal_checkpoint_v2 (f->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpuint (count_markers (f), ==, G_N_ELEMENTS (markers));

  g_assert_true (sillon_store_erase_beneficiary (f->store, sc.person, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_wal_checkpoint_v2 (f->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpuint (count_markers (f), ==, 0);

  /* Everything linked went; everyone else stayed. */
  g_assert_null (sillon_store_get_beneficiary (f->store, sc.person, &error));
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  list = sillon_store_list_sessions (f->store, sc.person, &error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = sillon_store_search_beneficiaries (f->store, "quenouil", 10, &error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = sillon_store_search_beneficiaries (f->store, "Quenoulliard", 10, &error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = sillon_store_search_beneficiaries (f->store, "bernadette", 10, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpint (sillon_store_count_beneficiaries (f->store, &error), ==, 41);
  w = sillon_store_get_workshop (f->store, sc.workshop, &error);
  g_assert_cmpuint (w->attendees->len, ==, 1);
  place = sillon_store_get_place (f->store, sc.place, &error);
  g_assert_nonnull (place);
  g_assert_cmpint (sqlite3_exec (f->db, "PRAGMA integrity_check", NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_false (sillon_store_erase_beneficiary (f->store, sc.person, &error));
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_NOT_FOUND);
}

/* ── Retention ─────────────────────────────────────────────────────────── */

static void
backdate (StoreFixture *f, gint64 id, gint64 unix_time)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (f->db, "UPDATE beneficiaries SET updated_unix = ?, created_unix = ? WHERE id = ?", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, unix_time);
  sqlite3_bind_int64 (stmt, 2, unix_time);
  sqlite3_bind_int64 (stmt, 3, id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

static void
add_session (StoreFixture *f, gint64 person, const char *date, const char *notes)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonSession) s = store_test_session (person, date);

  s->notes = g_strdup (notes);
  g_assert_true (sillon_store_insert_session (f->store, s, &error));
  g_assert_no_error (error);
}

static void
test_retention (StoreFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_utc (2026, 6, 15, 12, 0, 0);
  gint64 long_ago = g_date_time_to_unix (now) - 2 * 365 * 86400;
  gint64 recently = g_date_time_to_unix (now) - 30 * 86400;
  gint64 stale = store_test_add_person (f->store, "Odile", "Ancienne", "0612000000", "odile@example.org");
  gint64 active = store_test_add_person (f->store, "Paul", "Actif", NULL, NULL);
  gint64 fresh = store_test_add_person (f->store, "Rita", "Récente", NULL, NULL);
  gint64 workshop_goer = store_test_add_person (f->store, "Sami", "Atelier", NULL, NULL);
  g_autoptr (SillonBeneficiary) b = NULL;
  g_autoptr (SillonWorkshop) w = sillon_workshop_new ();
  g_autoptr (GPtrArray) list = NULL;
  const char *themes[] = { "email", NULL };
  guint n = 99;

  b = sillon_store_get_beneficiary (f->store, stale, &error);
  b->birth_year = 1950;
  b->gender = g_strdup ("feminin");
  b->commune_insee = g_strdup ("51454");
  b->notes = g_strdup ("Notes d’Odile");
  g_assert_true (sillon_store_update_beneficiary (f->store, b, &error));
  g_clear_pointer (&b, sillon_beneficiary_free);

  backdate (f, stale, long_ago);
  backdate (f, active, long_ago);
  backdate (f, fresh, recently);
  backdate (f, workshop_goer, long_ago);
  add_session (f, stale, "2024-03-01", "Séance d’Odile");
  add_session (f, active, "2024-03-01", NULL);
  add_session (f, active, "2026-02-01", NULL); /* recent activity */
  w->title = g_strdup ("Atelier");
  w->themes = g_strdupv ((char **) themes);
  w->date = g_strdup ("2026-05-01");
  w->duration_minutes = 60;
  w->place_type = g_strdup ("lieu_activite");
  g_array_append_val (w->attendees, workshop_goer);
  g_assert_true (sillon_store_insert_workshop (f->store, w, &error));

  g_assert_false (sillon_store_apply_retention (f->store, 0, now, &n, &error));
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (sillon_store_apply_retention (f->store, SILLON_STORE_DEFAULT_RETENTION_MONTHS, now, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);

  b = sillon_store_get_beneficiary (f->store, stale, &error);
  g_assert_true (b->anonymised);
  g_assert_null (b->first_name);
  g_assert_null (b->last_name);
  g_assert_null (b->phone);
  g_assert_null (b->email);
  g_assert_null (b->notes);
  /* Statistics are kept. */
  g_assert_cmpint (b->birth_year, ==, 1950);
  g_assert_cmpstr (b->gender, ==, "feminin");
  g_assert_cmpstr (b->commune_insee, ==, "51454");
  list = sillon_store_list_sessions (f->store, stale, &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_null (((SillonSession *) list->pdata[0])->notes);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = sillon_store_search_beneficiaries (f->store, "Ancienne", 10, &error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = sillon_store_search_beneficiaries (f->store, "Ancinne", 10, &error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);
  {
    g_autoptr (SillonBeneficiary) probe = sillon_beneficiary_new ();
    g_autoptr (GPtrArray) dups = NULL;

    probe->first_name = g_strdup ("Odile");
    probe->last_name = g_strdup ("Ancienne");
    probe->phone = g_strdup ("0612000000");
    dups = sillon_store_find_duplicates (f->store, probe, &error);
    g_assert_cmpuint (dups->len, ==, 0);
  }

  for (gint64 *id = (gint64[]){ active, fresh, workshop_goer, 0 }; *id != 0; id++)
    {
      g_autoptr (SillonBeneficiary) kept = sillon_store_get_beneficiary (f->store, *id, &error);

      g_assert_false (kept->anonymised);
      g_assert_nonnull (kept->last_name);
    }

  /* Running again finds nobody new. */
  g_assert_true (sillon_store_apply_retention (f->store, 12, now, &n, &error));
  g_assert_cmpuint (n, ==, 0);
  /* A shorter period catches more people. */
  {
    g_autoptr (GDateTime) later = g_date_time_add_years (now, 3);

    g_assert_true (sillon_store_apply_retention (f->store, 12, later, &n, &error));
    g_assert_cmpuint (n, ==, 3);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/store/rights/export", StoreFixture, NULL, store_fixture_setup, test_export, store_fixture_teardown);
  g_test_add ("/store/rights/erase", StoreFixture, NULL, store_fixture_setup_disk, test_erase, store_fixture_teardown);
  g_test_add ("/store/rights/retention", StoreFixture, NULL, store_fixture_setup, test_retention, store_fixture_teardown);
  return g_test_run ();
}
