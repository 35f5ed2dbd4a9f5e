/* sillon-store-rights.c — the rights of the people in the vault: access
 * (export), erasure and retention
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The export format is documented in docs/DATA-EXPORT.md: keep both in step.
 */

#include "config.h"

#include "sillon-store.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sillon-json-member.h"
#include "sillon-store-private.h"

#define EXPORT_FORMAT "sillon-beneficiary-export"
#define EXPORT_VERSION 1

/* ── Export ────────────────────────────────────────────────────────────── */

static void
add_id (JsonBuilder *b, const char *name, gint64 id)
{
  json_builder_set_member_name (b, name);
  if (id > 0)
    json_builder_add_int_value (b, id);
  else
    json_builder_add_null_value (b);
}

static void
add_strv (JsonBuilder *b, const char *name, GStrv values)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (gsize i = 0; values != NULL && values[i] != NULL; i++)
    json_builder_add_string_value (b, values[i]);
  json_builder_end_array (b);
}

static void
add_time (JsonBuilder *b, const char *name, gint64 unix_time)
{
  g_autoptr (GDateTime) dt = g_date_time_new_from_unix_utc (unix_time);
  g_autofree char *text = dt != NULL ? g_date_time_format_iso8601 (dt) : NULL;

  sillon_json_add_string_member (b, name, text);
}

/* Stored JSON goes into the export as JSON, not as a string in a string. */
static void
add_json (JsonBuilder *b, const char *name, const char *json)
{
  g_autoptr (JsonParser) parser = json_parser_new ();

  json_builder_set_member_name (b, name);
  if (json != NULL && json_parser_load_from_data (parser, json, -1, NULL) &&
      json_parser_get_root (parser) != NULL)
    json_builder_add_value (b, json_node_copy (json_parser_get_root (parser)));
  else
    json_builder_add_null_value (b);
}

static void
add_place_summary (SillonStore *store, JsonBuilder *b, const char *name, gint64 place_id)
{
  g_autoptr (SillonPlaceRecord) place = place_id > 0 ? sillon_store_get_place (store, place_id, NULL) : NULL;

  json_builder_set_member_name (b, name);
  if (place == NULL)
    {
      json_builder_add_null_value (b);
      return;
    }
  json_builder_begin_object (b);
  add_id (b, "id", place->id);
  sillon_json_add_string_member (b, "nom", place->values[SILLON_PLACE_COL_NOM]);
  sillon_json_add_string_member (b, "adresse", place->values[SILLON_PLACE_COL_ADRESSE]);
  sillon_json_add_string_member (b, "code_postal", place->values[SILLON_PLACE_COL_CODE_POSTAL]);
  sillon_json_add_string_member (b, "commune", place->values[SILLON_PLACE_COL_COMMUNE]);
  sillon_json_add_string_member (b, "telephone", place->values[SILLON_PLACE_COL_TELEPHONE]);
  json_builder_end_object (b);
}

static void
add_mediator (SillonStore *store, JsonBuilder *b, const char *name, gint64 mediator_id)
{
  g_autoptr (SillonMediator) m = mediator_id > 0 ? sillon_store_get_mediator (store, mediator_id, NULL) : NULL;

  json_builder_set_member_name (b, name);
  if (m == NULL)
    {
      json_builder_add_null_value (b);
      return;
    }
  json_builder_begin_object (b);
  add_id (b, "id", m->id);
  sillon_json_add_string_member (b, "display_name", m->display_name);
  json_builder_end_object (b);
}

typedef void (*AddRecordFunc) (JsonBuilder *b, SillonStore *store, gconstpointer record);

/* An array of objects, one a record, whose members @add writes. */
static void
add_records (JsonBuilder *b, SillonStore *store, const char *name, GPtrArray *records, AddRecordFunc add)
{
  json_builder_set_member_name (b, name);
  json_builder_begin_array (b);
  for (guint i = 0; i < records->len; i++)
    {
      json_builder_begin_object (b);
      add (b, store, records->pdata[i]);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
add_consent (JsonBuilder *b, SillonStore *store, gconstpointer record)
{
  const SillonConsent *c = record;

  add_id (b, "id", c->id);
  sillon_json_add_string_member (b, "date", c->date);
  sillon_json_add_string_member (b, "told", c->told);
  sillon_json_add_string_member (b, "scope", c->scope);
}

static void
add_assessment (JsonBuilder *b, SillonStore *store, gconstpointer record)
{
  const SillonAssessmentRecord *a = record;

  add_id (b, "id", a->id);
  sillon_json_add_string_member (b, "date", a->date);
  sillon_json_add_string_member (b, "questionnaire_id", a->questionnaire_id);
  sillon_json_add_int_member (b, "questionnaire_version", a->questionnaire_version);
  add_json (b, "answers", a->answers_json);
  add_json (b, "result", a->result_json);
  add_json (b, "override", a->override_json);
  sillon_json_add_string_member (b, "override_reason", a->override_reason);
  add_mediator (store, b, "mediator", a->mediator_id);
}

static void
add_session (JsonBuilder *b, SillonStore *store, gconstpointer record)
{
  const SillonSession *s = record;

  add_id (b, "id", s->id);
  sillon_json_add_string_member (b, "date", s->date);
  sillon_json_add_int_member (b, "duration_minutes", s->duration_minutes);
  sillon_json_add_string_member (b, "place_type", s->place_type);
  add_place_summary (store, b, "place", s->place_id);
  add_strv (b, "equipment", s->equipment);
  add_strv (b, "themes", s->themes);
  add_strv (b, "administrative_themes", s->admin_themes);
  sillon_json_add_string_member (b, "administrative_procedure", s->admin_detail);
  sillon_json_add_string_member (b, "autonomy", s->autonomy);
  sillon_json_add_string_member (b, "help_mode", sillon_help_mode_to_string (s->help_mode));
  add_strv (b, "skills", s->skills);
  sillon_json_add_boolean_member (b, "referred", s->referred);
  sillon_json_add_string_member (b, "referral_destination", s->referral_destination);
  sillon_json_add_string_member (b, "notes", s->notes);
  add_mediator (store, b, "mediator", s->mediator_id);
}

/* Only the workshop itself: the other participants are other people. */
static void
add_workshop (JsonBuilder *b, SillonStore *store, gconstpointer record)
{
  const SillonWorkshop *w = record;

  add_id (b, "id", w->id);
  sillon_json_add_string_member (b, "title", w->title);
  sillon_json_add_string_member (b, "level", w->level);
  add_strv (b, "themes", w->themes);
  sillon_json_add_string_member (b, "date", w->date);
  sillon_json_add_int_member (b, "duration_minutes", w->duration_minutes);
  sillon_json_add_string_member (b, "place_type", w->place_type);
  add_place_summary (store, b, "place", w->place_id);
  add_mediator (store, b, "mediator", w->mediator_id);
}

static void
add_parcours_item (JsonBuilder *b, SillonStore *store, gconstpointer record)
{
  const SillonParcoursItem *item = record;

  sillon_json_add_int_member (b, "position", item->position);
  sillon_json_add_string_member (b, "planned_date", item->planned_date);
  sillon_json_add_string_member (b, "label", item->label);
  add_id (b, "workshop_id", item->workshop_id);
  add_id (b, "session_id", item->session_id);
  sillon_json_add_boolean_member (b, "done", item->done);
}

static void
add_parcours (JsonBuilder *b, SillonStore *store, gconstpointer record)
{
  const SillonParcours *p = record;

  add_id (b, "id", p->id);
  sillon_json_add_string_member (b, "title", p->title);
  sillon_json_add_string_member (b, "goal", p->goal);
  add_time (b, "created_at", p->created_unix);
  add_records (b, store, "items", p->items, add_parcours_item);
}

static void
add_referral (JsonBuilder *b, SillonStore *store, gconstpointer record)
{
  const SillonReferral *r = record;

  add_id (b, "id", r->id);
  sillon_json_add_string_member (b, "date", r->date);
  add_place_summary (store, b, "place", r->place_id);
  sillon_json_add_string_member (b, "destination", r->destination);
  add_id (b, "session_id", r->session_id);
  sillon_json_add_string_member (b, "reason", r->reason);
  sillon_json_add_string_member (b, "already_done", r->already_done);
  sillon_json_add_string_member (b, "documents", r->documents);
  sillon_json_add_boolean_member (b, "consent_to_share", r->consent_to_share);
  sillon_json_add_string_member (b, "consent_details", r->consent_details);
  sillon_json_add_string_member (b, "status", sillon_referral_status_to_string (r->status));
  sillon_json_add_string_member (b, "sheet_fingerprint", r->sheet_fingerprint);
  add_mediator (store, b, "mediator", r->mediator_id);
}

char *
sillon_store_export_beneficiary (SillonStore *store, gint64 beneficiary_id, GError **error)
{
  g_autoptr (SillonStoreTransaction) tx = NULL;
  g_autoptr (SillonBeneficiary) ben = NULL;
  g_autoptr (GPtrArray) consents = NULL;
  g_autoptr (GPtrArray) assessments = NULL;
  g_autoptr (GPtrArray) sessions = NULL;
  g_autoptr (GPtrArray) workshops = NULL;
  g_autoptr (GPtrArray) parcours = NULL;
  g_autoptr (GPtrArray) referrals = NULL;
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  const char *bracket;

  /* One read transaction: the parts of the export agree with each other.
   * It only reads: never committed, it ends when the guard goes. */
  tx = sillon_store_transaction_begin (store, error);
  if (tx == NULL)
    return NULL;
  ben = sillon_store_get_beneficiary (store, beneficiary_id, error);
  if (ben == NULL ||
      (consents = sillon_store_list_consents (store, beneficiary_id, error)) == NULL ||
      (assessments = sillon_store_list_assessments (store, beneficiary_id, error)) == NULL ||
      (sessions = sillon_store_list_sessions (store, beneficiary_id, error)) == NULL ||
      (workshops = sillon_store_list_workshops_of (store, beneficiary_id, error)) == NULL ||
      (parcours = sillon_store_list_parcours (store, beneficiary_id, error)) == NULL ||
      (referrals = sillon_store_list_referrals (store, beneficiary_id, error)) == NULL)
    return NULL;

  json_builder_begin_object (b);
  sillon_json_add_string_member (b, "format", EXPORT_FORMAT);
  sillon_json_add_int_member (b, "format_version", EXPORT_VERSION);
  add_time (b, "exported_at", store_now_unix ());
  sillon_json_add_string_member (b, "vocabulary", "La Coop de la médiation numérique (api values)");

  json_builder_set_member_name (b, "beneficiary");
  json_builder_begin_object (b);
  add_id (b, "id", ben->id);
  sillon_json_add_string_member (b, "first_name", ben->first_name);
  sillon_json_add_string_member (b, "last_name", ben->last_name);
  json_builder_set_member_name (b, "birth_year");
  if (ben->birth_year != 0)
    json_builder_add_int_value (b, ben->birth_year);
  else
    json_builder_add_null_value (b);
  bracket = sillon_store_beneficiary_age_bracket (store, ben, NULL, NULL);
  sillon_json_add_string_member (b, "age_bracket", bracket);
  sillon_json_add_string_member (b, "gender", ben->gender);
  sillon_json_add_string_member (b, "social_status", ben->social_status);
  sillon_json_add_string_member (b, "commune_insee", ben->commune_insee);
  sillon_json_add_string_member (b, "phone", ben->phone);
  sillon_json_add_string_member (b, "email", ben->email);
  sillon_json_add_string_member (b, "sheet_language", ben->sheet_language);
  sillon_json_add_string_member (b, "notes", ben->notes);
  add_mediator (store, b, "mediator", ben->mediator_id);
  sillon_json_add_boolean_member (b, "anonymised", ben->anonymised);
  add_time (b, "created_at", ben->created_unix);
  add_time (b, "updated_at", ben->updated_unix);
  json_builder_end_object (b);

  add_records (b, store, "consents", consents, add_consent);
  add_records (b, store, "assessments", assessments, add_assessment);
  add_records (b, store, "sessions", sessions, add_session);
  add_records (b, store, "workshops", workshops, add_workshop);
  add_records (b, store, "parcours", parcours, add_parcours);

  add_records (b, store, "referrals", referrals, add_referral);
  json_builder_end_object (b);
  g_clear_pointer (&tx, sillon_store_transaction_free);

  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

/* ── Erasure ───────────────────────────────────────────────────────────── */

/* Where a text is required (a parcours title, an override's reason), what
 * the mediator typed is replaced by this constant, which says nothing about
 * anyone. */
#define ANONYMISED_TEXT "-"

/* The free text typed about the person in the records an anonymisation
 * keeps. An erasure blanks it too, before the rows go, so that no copy of it
 * survives in a page that a later change would only have moved. */
static const char *const free_text_statements[] = {
  "UPDATE sessions SET notes = NULL, admin_detail = NULL WHERE beneficiary_id = ?1",
  "UPDATE referrals SET reason = NULL, already_done = NULL, documents = NULL, consent_details = NULL WHERE beneficiary_id = ?1",
  "UPDATE parcours SET title = '" ANONYMISED_TEXT "', goal = NULL WHERE beneficiary_id = ?1",
  "UPDATE parcours_items SET label = NULL WHERE parcours_id IN (SELECT id FROM parcours WHERE beneficiary_id = ?1)",
  "UPDATE consents SET told = '', scope = '' WHERE beneficiary_id = ?1",
};

/* What an erasure blanks besides, before the rows go. */
static const char *const scrub_statements[] = {
  /* The reason for an override is also copied into the three JSON
   * documents; the row goes, so they can all be emptied. */
  ("UPDATE assessments SET override_reason = NULL, override_json = NULL, answers_json = '{}',"
   " result_json = '{}' WHERE beneficiary_id = ?1"),
  ("UPDATE beneficiaries SET notes = NULL, first_name = NULL, last_name = NULL, phone = NULL,"
   " email = NULL, name_key = '', phone_key = NULL, email_key = NULL WHERE id = ?1"),
};

/* Runs the @n_statements @statements in turn, each with ?1 bound to @id. */
static gboolean
run_for_id (SillonStore *store, const char *const *statements, gsize n_statements, gint64 id, GError **error)
{
  for (gsize i = 0; i < n_statements; i++)
    {
      g_autoptr (StoreStmt) stmt = store_stmt (store, statements[i], error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      if (!store_step_done (store, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
delete_beneficiary_rows (SillonStore *store, gint64 id, GError **error)
{
  g_autoptr (StoreStmt) del = NULL;

  if (!run_for_id (store, free_text_statements, G_N_ELEMENTS (free_text_statements), id, error) ||
      !run_for_id (store, scrub_statements, G_N_ELEMENTS (scrub_statements), id, error))
    return FALSE;
  /* Sessions, assessments, consents, referrals, parcours, attendance and
   * search trigrams follow by ON DELETE CASCADE. */
  del = store_stmt (store, "DELETE FROM beneficiaries WHERE id = ?", error);
  if (del == NULL)
    return FALSE;
  sqlite3_bind_int64 (del, 1, id);
  return store_step_done (store, del, error) &&
         store_check_changed (store, _ ("beneficiary"), id, error);
}

/* The full-text index keeps deleted terms until its segments are merged,
 * and the write-ahead log keeps old pages until a checkpoint. */
static gboolean
purge_traces (SillonStore *store, GError **error)
{
  if (!store_exec (store->db, "INSERT INTO beneficiary_fts (beneficiary_fts) VALUES ('optimize')", error))
    return FALSE;
  return TRUE;
}

static void
checkpoint_if_outermost (SillonStore *store)
{
  /* Not fatal: the next checkpoint will do it, and the log is encrypted. */
  if (store->transaction_depth == 0)
    sqlite3_wal_checkpoint_v2 (store->db, NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL);
}

gboolean
store_erase_beneficiary_rows (SillonStore *store, gint64 id, GError **error)
{
  return delete_beneficiary_rows (store, id, error) && purge_traces (store, error);
}

/* Commits @tx, then checkpoints so the erased pages leave the log (when
 * @tx is the outermost transaction). */
gboolean
store_commit_erasure (SillonStore *store, SillonStoreTransaction *tx, GError **error)
{
  if (!sillon_store_transaction_commit (tx, error))
    return FALSE;
  checkpoint_if_outermost (store);
  return TRUE;
}

gboolean
sillon_store_erase_beneficiary (SillonStore *store, gint64 beneficiary_id, GError **error)
{
  g_autoptr (SillonStoreTransaction) tx = sillon_store_transaction_begin (store, error);

  return tx != NULL &&
         store_erase_beneficiary_rows (store, beneficiary_id, error) &&
         store_commit_erasure (store, tx, error);
}

/* ── Retention ─────────────────────────────────────────────────────────── */

/* What an anonymisation does besides blanking the free text. */
static const char *const anonymise_statements[] = {
  /* The override itself stays (it made the result the statistics count);
   * its reason goes, here and below in the JSON documents. The CHECK, and
   * the answer-set format when the assessment is read again (a path, a
   * comparison), want a reason whenever there is an override: a dash. */
  ("UPDATE assessments SET override_reason = CASE WHEN override_json IS NULL THEN NULL ELSE '" ANONYMISED_TEXT "' END"
   " WHERE beneficiary_id = ?1"),
  "DELETE FROM consents WHERE beneficiary_id = ?1",
  "DELETE FROM beneficiary_trigrams WHERE beneficiary_id = ?1",
  ("UPDATE beneficiaries SET first_name = NULL, last_name = NULL, phone = NULL, email = NULL,"
   " notes = NULL, name_key = '', phone_key = NULL, email_key = NULL, anonymised = 1 WHERE id = ?1"),
};

/* The assessment documents repeat the override reasons typed by the
 * mediator (answers: "overrides"; result: "degree" and the orientations;
 * override: all of it), as "reason" members at depths that vary. Each run
 * replaces one reason per row of @column, a JSON document that
 * @condition says is there, by a dash (an answer set with an override
 * and no reason would no longer load); they are run until nothing
 * changes. */
#define REPLACE_ONE_REASON(column, condition)                                                                      \
  ("UPDATE assessments SET " column " = json_replace (" column ","                                                 \
   "   (SELECT fullkey FROM json_tree (assessments." column ")"                                                    \
   "    WHERE key = 'reason' AND type = 'text' AND atom <> '" ANONYMISED_TEXT "' LIMIT 1), '" ANONYMISED_TEXT "')" \
   " WHERE beneficiary_id = ?1" condition " AND EXISTS (SELECT 1 FROM json_tree (assessments." column ")"          \
   "   WHERE key = 'reason' AND type = 'text' AND atom <> '" ANONYMISED_TEXT "')")

static const char *const anonymise_reason_statements[] = {
  REPLACE_ONE_REASON ("answers_json", ""),
  REPLACE_ONE_REASON ("result_json", ""),
  REPLACE_ONE_REASON ("override_json", " AND override_json IS NOT NULL"),
};

#undef REPLACE_ONE_REASON

static gboolean
anonymise_reasons (SillonStore *store, gint64 id, GError **error)
{
  for (gsize i = 0; i < G_N_ELEMENTS (anonymise_reason_statements); i++)
    do
      {
        if (!run_for_id (store, &anonymise_reason_statements[i], 1, id, error))
          return FALSE;
      }
    while (sqlite3_changes (store->db) > 0);
  return TRUE;
}

gboolean
sillon_store_apply_retention (SillonStore *store,
                              guint months,
                              GDateTime *now,
                              guint *out_anonymised,
                              GError **error)
{
  g_autoptr (SillonStoreTransaction) tx = NULL;
  g_autoptr (GDateTime) current = now != NULL ? g_date_time_ref (now) : g_date_time_new_now_utc ();
  g_autoptr (GDateTime) cutoff = NULL;
  g_autofree char *cutoff_date = NULL;
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  if (out_anonymised != NULL)
    *out_anonymised = 0;
  if (months == 0)
    {
      g_set_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID,
                   _ ("%u is not a valid value for the field “%s”"), months, _ ("retention period"));
      return FALSE;
    }
  cutoff = g_date_time_add_months (current, -(int) months);
  cutoff_date = g_date_time_format (cutoff, "%Y-%m-%d");

  tx = sillon_store_transaction_begin (store, error);
  if (tx == NULL)
    return FALSE;
  {
    /* Untouched: no change to the record and no activity dated after the
     * cut-off, whatever the record's timestamps say. */
    g_autoptr (StoreStmt) stmt = store_stmt (store,
                                             "SELECT id FROM beneficiaries b WHERE anonymised = 0 AND updated_unix < ?1"
                                             " AND NOT EXISTS (SELECT 1 FROM sessions WHERE beneficiary_id = b.id AND date >= ?2)"
                                             " AND NOT EXISTS (SELECT 1 FROM assessments WHERE beneficiary_id = b.id AND date >= ?2)"
                                             " AND NOT EXISTS (SELECT 1 FROM referrals WHERE beneficiary_id = b.id AND date >= ?2)"
                                             " AND NOT EXISTS (SELECT 1 FROM workshop_attendance a JOIN workshops w ON w.id = a.workshop_id"
                                             "                 WHERE a.beneficiary_id = b.id AND w.date >= ?2)",
                                             error);
    if (stmt == NULL)
      return FALSE;
    sqlite3_bind_int64 (stmt, 1, g_date_time_to_unix (cutoff));
    store_bind_text (stmt, 2, cutoff_date);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        gint64 id = sqlite3_column_int64 (stmt, 0);

        g_array_append_val (ids, id);
      }
    if (rc != SQLITE_DONE)
      {
        store_set_sql_error (store->db, rc, error);
        return FALSE;
      }
  }

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      if (!run_for_id (store, free_text_statements, G_N_ELEMENTS (free_text_statements), id, error) ||
          !run_for_id (store, anonymise_statements, G_N_ELEMENTS (anonymise_statements), id, error) ||
          !anonymise_reasons (store, id, error))
        return FALSE;
    }
  if (ids->len > 0 && !purge_traces (store, error))
    return FALSE;
  if (!store_commit_erasure (store, tx, error))
    return FALSE;
  if (out_anonymised != NULL)
    *out_anonymised = ids->len;
  return TRUE;
}
