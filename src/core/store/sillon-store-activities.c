/* sillon-store-activities.c — assessments, sessions, workshops, parcours and
 * referrals
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-store.h"

#include "sillon-id-table.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sillon-store-private.h"

/* A session logged for tomorrow happens when the counter works past
 * midnight or across time zones; anything later is a typing error. */
#define MAX_DAYS_AHEAD 1

static gboolean
check_duration (guint minutes, GError **error)
{
  if (minutes == 0 || minutes > 24 * 60)
    {
      g_set_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID,
                   _ ("%u is not a valid value for the field “%s”: it must be between 1 and 1440 minutes"),
                   minutes, _ ("duration"));
      return FALSE;
    }
  return TRUE;
}

/* ── Assessments ───────────────────────────────────────────────────────── */

SillonAssessmentRecord *
sillon_assessment_record_new (void)
{
  return g_new0 (SillonAssessmentRecord, 1);
}

void
sillon_assessment_record_free (SillonAssessmentRecord *a)
{
  if (a == NULL)
    return;
  g_free (a->date);
  g_free (a->questionnaire_id);
  g_free (a->answers_json);
  g_free (a->result_json);
  g_free (a->override_json);
  g_free (a->override_reason);
  g_free (a);
}

static gboolean
check_assessment (const SillonAssessmentRecord *a, GError **error)
{
  if (!store_check_date (_ ("assessment date"), a->date, TRUE, MAX_DAYS_AHEAD, error) ||
      !store_check_text (_ ("questionnaire"), a->questionnaire_id, 256, TRUE, error) ||
      !store_check_json (_ ("answers"), a->answers_json, TRUE, error) ||
      !store_check_json (_ ("result"), a->result_json, TRUE, error) ||
      !store_check_json (_ ("overridden result"), a->override_json, FALSE, error) ||
      !store_check_text (_ ("reason for the override"), a->override_reason, SILLON_STORE_MAX_NOTES_BYTES,
                         a->override_json != NULL && *a->override_json != '\0', error))
    return FALSE;
  if (a->questionnaire_version < 1)
    {
      g_set_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID,
                   _ ("%d is not a valid value for the field “%s”"), a->questionnaire_version,
                   _ ("questionnaire version"));
      return FALSE;
    }
  return TRUE;
}

static void
bind_assessment (StoreStmt *stmt, const SillonAssessmentRecord *a)
{
  sqlite3_bind_int64 (stmt, 1, a->beneficiary_id);
  store_bind_id (stmt, 2, a->mediator_id);
  store_bind_text (stmt, 3, a->date);
  store_bind_text (stmt, 4, a->questionnaire_id);
  sqlite3_bind_int (stmt, 5, a->questionnaire_version);
  store_bind_text (stmt, 6, a->answers_json);
  store_bind_text (stmt, 7, a->result_json);
  store_bind_text (stmt, 8, a->override_json != NULL && *a->override_json != '\0' ? a->override_json : NULL);
  store_bind_text (stmt, 9, a->override_reason != NULL && *a->override_reason != '\0' ? a->override_reason : NULL);
}

gboolean
sillon_store_insert_assessment (SillonStore *store, SillonAssessmentRecord *a, GError **error)
{
  return check_assessment (a, error) &&
         store_insert (store, "INSERT INTO assessments (beneficiary_id, mediator_id, date, questionnaire_id,"
                              " questionnaire_version, answers_json, result_json, override_json, override_reason)"
                              " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       (StoreBindFunc) bind_assessment, a, &a->id, error);
}

gboolean
sillon_store_update_assessment (SillonStore *store, const SillonAssessmentRecord *a, GError **error)
{
  if (!check_assessment (a, error))
    return FALSE;
  return store_update (store, "UPDATE assessments SET beneficiary_id = ?, mediator_id = ?, date = ?, questionnaire_id = ?,"
                              " questionnaire_version = ?, answers_json = ?, result_json = ?, override_json = ?,"
                              " override_reason = ? WHERE id = ?",
                       (StoreBindFunc) bind_assessment, a, _ ("assessment"), a->id, error);
}

#define ASSESSMENT_COLUMNS \
  "id, beneficiary_id, mediator_id, date, questionnaire_id, questionnaire_version, answers_json, result_json, override_json, override_reason"

static gpointer
assessment_from_row (StoreStmt *stmt)
{
  SillonAssessmentRecord *a = sillon_assessment_record_new ();

  a->id = sqlite3_column_int64 (stmt, 0);
  a->beneficiary_id = sqlite3_column_int64 (stmt, 1);
  a->mediator_id = store_column_id (stmt, 2);
  a->date = store_column_text (stmt, 3);
  a->questionnaire_id = store_column_text (stmt, 4);
  a->questionnaire_version = sqlite3_column_int (stmt, 5);
  a->answers_json = store_column_text (stmt, 6);
  a->result_json = store_column_text (stmt, 7);
  a->override_json = store_column_text (stmt, 8);
  a->override_reason = store_column_text (stmt, 9);
  return a;
}

SillonAssessmentRecord *
sillon_store_get_assessment (SillonStore *store, gint64 id, GError **error)
{
  return store_get_one (store, "SELECT " ASSESSMENT_COLUMNS " FROM assessments WHERE id = ?",
                        assessment_from_row, _ ("assessment"), id, error);
}

GPtrArray *
sillon_store_list_assessments (SillonStore *store, gint64 beneficiary_id, GError **error)
{
  return store_list_by_id (store, "SELECT " ASSESSMENT_COLUMNS " FROM assessments WHERE beneficiary_id = ? ORDER BY date, id",
                           assessment_from_row, (GDestroyNotify) sillon_assessment_record_free, beneficiary_id, error);
}

gboolean
sillon_store_delete_assessment (SillonStore *store, gint64 id, GError **error)
{
  return store_delete_by_id (store, "DELETE FROM assessments WHERE id = ?", _ ("assessment"), id, error);
}

/* ── Sessions ──────────────────────────────────────────────────────────── */

const char *
sillon_help_mode_to_string (SillonHelpMode mode)
{
  /* Unset has no id (it is skipped): it is never written as text. */
  return sillon_id_table_get_id (SILLON_TYPE_HELP_MODE, mode);
}

SillonHelpMode
sillon_help_mode_from_string (const char *text)
{
  int mode;

  return sillon_id_table_lookup (SILLON_TYPE_HELP_MODE, text, &mode) ? (SillonHelpMode) mode : SILLON_HELP_MODE_UNSET;
}

SillonSession *
sillon_session_new (void)
{
  return g_new0 (SillonSession, 1);
}

void
sillon_session_free (SillonSession *s)
{
  if (s == NULL)
    return;
  g_free (s->date);
  g_free (s->place_type);
  g_strfreev (s->equipment);
  g_strfreev (s->themes);
  g_strfreev (s->admin_themes);
  g_free (s->admin_detail);
  g_free (s->autonomy);
  g_strfreev (s->skills);
  g_free (s->referral_destination);
  g_free (s->notes);
  g_free (s);
}

#define ADMIN_THEME "aide_aux_demarches_administratives"

static gboolean
check_session (SillonStore *store, const SillonSession *s, GError **error)
{
  gboolean admin;

  if (!store_check_date (_ ("session date"), s->date, TRUE, MAX_DAYS_AHEAD, error) ||
      !check_duration (s->duration_minutes, error) ||
      !store_check_enum (store, "TypeLieu", _ ("place type"), s->place_type, TRUE, error) ||
      !store_check_enum_strv (store, "Materiel", _ ("equipment"), (const char *const *) s->equipment, error) ||
      !store_check_enum_strv (store, "Thematique_mediation_numerique", _ ("themes"), (const char *const *) s->themes, error) ||
      !store_check_enum_strv (store, "Thematique_demarches_administratives", _ ("administrative themes"), (const char *const *) s->admin_themes, error) ||
      !store_check_text (_ ("administrative procedure"), s->admin_detail, SILLON_STORE_MAX_TEXT_BYTES, FALSE, error) ||
      !store_check_enum (store, "Autonomie", _ ("autonomy"), s->autonomy, FALSE, error) ||
      !store_check_enum (store, "StructureDeRedirection", _ ("referral destination"), s->referral_destination, FALSE, error) ||
      !store_check_text (_ ("notes"), s->notes, SILLON_STORE_MAX_NOTES_BYTES, FALSE, error))
    return FALSE;
  for (gsize i = 0; s->skills != NULL && s->skills[i] != NULL; i++)
    if (!store_check_text (_ ("skills"), s->skills[i], 256, TRUE, error))
      return FALSE;

  if (s->themes == NULL || s->themes[0] == NULL)
    {
      g_set_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID,
                   _ ("The field “%s” is required"), _ ("themes"));
      return FALSE;
    }
  /* The Coop's rules: administrative sub-themes and the procedure's name
   * only go with the theme “aide aux démarches administratives”. */
  admin = g_strv_contains ((const char *const *) s->themes, ADMIN_THEME);
  if (!admin && ((s->admin_themes != NULL && s->admin_themes[0] != NULL) ||
                 (s->admin_detail != NULL && *s->admin_detail != '\0')))
    {
      g_set_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID,
                   _ ("The field “%s” is only allowed with the theme of administrative procedures"),
                   _ ("administrative themes"));
      return FALSE;
    }
  if (!s->referred && s->referral_destination != NULL && *s->referral_destination != '\0')
    {
      g_set_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID,
                   _ ("The field “%s” is only allowed when the person was referred"),
                   _ ("referral destination"));
      return FALSE;
    }
  if (s->help_mode != SILLON_HELP_MODE_UNSET && sillon_help_mode_to_string (s->help_mode) == NULL)
    {
      g_set_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID,
                   _ ("“%d” is not a valid value for the field “%s”"), (int) s->help_mode, _ ("mode of help"));
      return FALSE;
    }
  return TRUE;
}

static void
bind_session (StoreStmt *stmt, const SillonSession *s)
{
  sqlite3_bind_int64 (stmt, 1, s->beneficiary_id);
  store_bind_id (stmt, 2, s->mediator_id);
  store_bind_text (stmt, 3, s->date);
  sqlite3_bind_int (stmt, 4, (int) s->duration_minutes);
  store_bind_text (stmt, 5, s->place_type);
  store_bind_id (stmt, 6, s->place_id);
  store_bind_strv (stmt, 7, (const char *const *) s->equipment);
  store_bind_strv (stmt, 8, (const char *const *) s->themes);
  store_bind_strv (stmt, 9, (const char *const *) s->admin_themes);
  store_bind_text (stmt, 10, s->admin_detail != NULL && *s->admin_detail != '\0' ? s->admin_detail : NULL);
  store_bind_text (stmt, 11, s->autonomy != NULL && *s->autonomy != '\0' ? s->autonomy : NULL);
  store_bind_text (stmt, 12, sillon_help_mode_to_string (s->help_mode));
  store_bind_strv (stmt, 13, (const char *const *) s->skills);
  sqlite3_bind_int (stmt, 14, s->referred ? 1 : 0);
  store_bind_text (stmt, 15, s->referral_destination != NULL && *s->referral_destination != '\0' ? s->referral_destination : NULL);
  store_bind_text (stmt, 16, s->notes != NULL && *s->notes != '\0' ? s->notes : NULL);
}

/* Retention reads the dates of activities; a parcours has none of its own,
 * so planning one touches the person. */
static gboolean
touch_beneficiary (SillonStore *store, gint64 id, GError **error)
{
  g_autoptr (StoreStmt) stmt = store_stmt (store, "UPDATE beneficiaries SET updated_unix = max(updated_unix, ?) WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, store_now_unix ());
  sqlite3_bind_int64 (stmt, 2, id);
  return store_step_done (store, stmt, error);
}

gboolean
sillon_store_insert_session (SillonStore *store, SillonSession *s, GError **error)
{
  return check_session (store, s, error) &&
         store_insert (store, "INSERT INTO sessions (beneficiary_id, mediator_id, date, duration_minutes, place_type,"
                              " place_id, equipment, themes, admin_themes, admin_detail, autonomy, help_mode, skills,"
                              " referred, referral_destination, notes)"
                              " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       (StoreBindFunc) bind_session, s, &s->id, error);
}

gboolean
sillon_store_update_session (SillonStore *store, const SillonSession *s, GError **error)
{
  if (!check_session (store, s, error))
    return FALSE;
  return store_update (store, "UPDATE sessions SET beneficiary_id = ?, mediator_id = ?, date = ?, duration_minutes = ?,"
                              " place_type = ?, place_id = ?, equipment = ?, themes = ?, admin_themes = ?,"
                              " admin_detail = ?, autonomy = ?, help_mode = ?, skills = ?, referred = ?,"
                              " referral_destination = ?, notes = ? WHERE id = ?",
                       (StoreBindFunc) bind_session, s, _ ("session"), s->id, error);
}

#define SESSION_COLUMNS                                                                        \
  "id, beneficiary_id, mediator_id, date, duration_minutes, place_type, place_id, equipment, " \
  "themes, admin_themes, admin_detail, autonomy, help_mode, skills, referred, "                \
  "referral_destination, notes"

static gpointer
session_from_row (StoreStmt *stmt)
{
  SillonSession *s = sillon_session_new ();

  s->id = sqlite3_column_int64 (stmt, 0);
  s->beneficiary_id = sqlite3_column_int64 (stmt, 1);
  s->mediator_id = store_column_id (stmt, 2);
  s->date = store_column_text (stmt, 3);
  s->duration_minutes = sqlite3_column_int (stmt, 4);
  s->place_type = store_column_text (stmt, 5);
  s->place_id = store_column_id (stmt, 6);
  s->equipment = store_column_strv (stmt, 7);
  s->themes = store_column_strv (stmt, 8);
  s->admin_themes = store_column_strv (stmt, 9);
  s->admin_detail = store_column_text (stmt, 10);
  s->autonomy = store_column_text (stmt, 11);
  s->help_mode = sillon_help_mode_from_string ((const char *) sqlite3_column_text (stmt, 12));
  s->skills = store_column_strv (stmt, 13);
  s->referred = sqlite3_column_int (stmt, 14);
  s->referral_destination = store_column_text (stmt, 15);
  s->notes = store_column_text (stmt, 16);
  return s;
}

SillonSession *
sillon_store_get_session (SillonStore *store, gint64 id, GError **error)
{
  return store_get_one (store, "SELECT " SESSION_COLUMNS " FROM sessions WHERE id = ?",
                        session_from_row, _ ("session"), id, error);
}

GPtrArray *
sillon_store_list_sessions (SillonStore *store, gint64 beneficiary_id, GError **error)
{
  return store_list_by_id (store, "SELECT " SESSION_COLUMNS " FROM sessions WHERE beneficiary_id = ? ORDER BY date DESC, id DESC",
                           session_from_row, (GDestroyNotify) sillon_session_free, beneficiary_id, error);
}

GPtrArray *
sillon_store_list_sessions_on (SillonStore *store, const char *date, GError **error)
{
  g_autoptr (StoreStmt) stmt = NULL;

  if (!store_check_date ("date", date, TRUE, 366, error))
    return NULL;
  stmt = store_stmt (store, "SELECT " SESSION_COLUMNS " FROM sessions WHERE date = ? ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, date, -1, SQLITE_TRANSIENT);
  return store_collect (store, stmt, session_from_row, (GDestroyNotify) sillon_session_free, error);
}

gboolean
sillon_store_delete_session (SillonStore *store, gint64 id, GError **error)
{
  return store_delete_by_id (store, "DELETE FROM sessions WHERE id = ?", _ ("session"), id, error);
}

char *
sillon_store_last_session_place_type (SillonStore *store, GError **error)
{
  /* The rowid order is the order of logging, and the primary key answers at
   * once whatever the number of sessions. */
  g_autoptr (StoreStmt) stmt = store_stmt (store, "SELECT place_type FROM sessions ORDER BY id DESC LIMIT 1", error);
  gboolean found;

  if (stmt == NULL || !store_step_row (store, stmt, &found, error) || !found)
    return NULL;
  return store_column_text (stmt, 0);
}

/* ── Timeline ──────────────────────────────────────────────────────────── */

void
sillon_timeline_entry_free (SillonTimelineEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->date);
  g_free (entry);
}

/* Each branch reads its table through the index on beneficiary_id
 * (assessments_beneficiary, sessions_beneficiary,
 * workshop_attendance_beneficiary, referrals_beneficiary); only the
 * person's own rows are then sorted. The kind order breaks ties on one day
 * the way a day goes: an assessment first, the session, then a referral. */
#define TIMELINE_UNION                                                                                    \
  "SELECT 0 AS kind, id, date FROM assessments WHERE beneficiary_id = ?1"                                 \
  " UNION ALL SELECT 1, id, date FROM sessions WHERE beneficiary_id = ?1"                                 \
  " UNION ALL SELECT 2, w.id, w.date FROM workshop_attendance a JOIN workshops w ON w.id = a.workshop_id" \
  "   WHERE a.beneficiary_id = ?1"                                                                        \
  " UNION ALL SELECT 3, id, date FROM referrals WHERE beneficiary_id = ?1"

static gpointer
timeline_entry_from_row (StoreStmt *stmt)
{
  SillonTimelineEntry *entry = g_new0 (SillonTimelineEntry, 1);

  entry->kind = (SillonTimelineKind) sqlite3_column_int (stmt, 0);
  entry->id = sqlite3_column_int64 (stmt, 1);
  entry->date = store_column_text (stmt, 2);
  return entry;
}

GPtrArray *
sillon_store_list_timeline (SillonStore *store,
                            gint64 beneficiary_id,
                            guint limit,
                            guint offset,
                            GError **error)
{
  g_autoptr (StoreStmt) stmt = store_stmt (store, TIMELINE_UNION " ORDER BY date DESC, kind DESC, id DESC LIMIT ?2 OFFSET ?3", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, beneficiary_id);
  sqlite3_bind_int64 (stmt, 2, limit == 0 ? -1 : (sqlite3_int64) limit);
  sqlite3_bind_int64 (stmt, 3, offset);
  return store_collect (store, stmt, timeline_entry_from_row, (GDestroyNotify) sillon_timeline_entry_free, error);
}

gint64
sillon_store_count_timeline (SillonStore *store, gint64 beneficiary_id, GError **error)
{
  g_autoptr (StoreStmt) stmt = store_stmt (store, "SELECT count(*) FROM (" TIMELINE_UNION ")", error);

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, beneficiary_id);
  if (!store_step_row (store, stmt, NULL, error))
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}

/* ── Workshops ─────────────────────────────────────────────────────────── */

static const char *const anon_names[SILLON_ANON_N_COUNTS] = {
  "total", "dejaAccompagne", "genreFeminin", "genreMasculin", "genreNonCommunique",
  "trancheAgeMoinsDeDouze", "trancheAgeDouzeDixHuit", "trancheAgeDixHuitVingtQuatre",
  "trancheAgeVingtCinqTrenteNeuf", "trancheAgeQuaranteCinquanteNeuf",
  "trancheAgeSoixanteSoixanteNeuf", "trancheAgeSoixanteDixPlus", "trancheAgeNonCommunique",
  "statutSocialScolarise", "statutSocialSansEmploi", "statutSocialEnEmploi",
  "statutSocialRetraite", "statutSocialNonCommunique"
};

#define ANON_COLUMNS                                                              \
  "anon_total, anon_deja_accompagne, anon_genre_feminin, anon_genre_masculin, "   \
  "anon_genre_non_communique, anon_age_moins_de_douze, anon_age_douze_dix_huit, " \
  "anon_age_dix_huit_vingt_quatre, anon_age_vingt_cinq_trente_neuf, "             \
  "anon_age_quarante_cinquante_neuf, anon_age_soixante_soixante_neuf, "           \
  "anon_age_soixante_dix_plus, anon_age_non_communique, anon_statut_scolarise, "  \
  "anon_statut_sans_emploi, anon_statut_en_emploi, anon_statut_retraite, anon_statut_non_communique"

const char *
sillon_anon_count_name (SillonAnonCount count)
{
  g_return_val_if_fail (count < SILLON_ANON_N_COUNTS, NULL);
  return anon_names[count];
}

SillonWorkshop *
sillon_workshop_new (void)
{
  SillonWorkshop *w = g_new0 (SillonWorkshop, 1);

  w->attendees = g_array_new (FALSE, FALSE, sizeof (gint64));
  return w;
}

void
sillon_workshop_free (SillonWorkshop *w)
{
  if (w == NULL)
    return;
  g_free (w->title);
  g_free (w->level);
  g_strfreev (w->themes);
  g_free (w->date);
  g_free (w->place_type);
  g_strfreev (w->equipment);
  g_free (w->notes);
  g_array_unref (w->attendees);
  g_free (w);
}

static gboolean
check_dimension (const SillonWorkshop *w, SillonAnonCount first, SillonAnonCount last, GError **error)
{
  guint sum = 0;

  for (guint i = first; i <= last; i++)
    sum += w->anon[i];
  if (sum > w->anon[SILLON_ANON_TOTAL])
    {
      g_set_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID,
                   _ ("The anonymous participants counted by “%s” (%u) outnumber the total (%u)"),
                   anon_names[first], sum, w->anon[SILLON_ANON_TOTAL]);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_workshop (SillonStore *store, const SillonWorkshop *w, GError **error)
{
  if (!store_check_text (_ ("title"), w->title, SILLON_STORE_MAX_TEXT_BYTES, TRUE, error) ||
      !store_check_enum (store, "NiveauAtelier", _ ("level"), w->level, FALSE, error) ||
      !store_check_enum_strv (store, "Thematique_mediation_numerique", _ ("themes"), (const char *const *) w->themes, error) ||
      !store_check_date (_ ("workshop date"), w->date, TRUE, -1, error) ||
      !check_duration (w->duration_minutes, error) ||
      !store_check_enum (store, "TypeLieu", _ ("place type"), w->place_type, TRUE, error) ||
      !store_check_enum_strv (store, "Materiel", _ ("equipment"), (const char *const *) w->equipment, error) ||
      !store_check_text (_ ("notes"), w->notes, SILLON_STORE_MAX_NOTES_BYTES, FALSE, error))
    return FALSE;
  if (w->themes == NULL || w->themes[0] == NULL)
    {
      g_set_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID,
                   _ ("The field “%s” is required"), _ ("themes"));
      return FALSE;
    }
  for (guint i = 0; i < SILLON_ANON_N_COUNTS; i++)
    if (w->anon[i] > 10000)
      {
        g_set_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID,
                     _ ("%u is not a valid value for the field “%s”: it must be at most 10000"),
                     w->anon[i], anon_names[i]);
        return FALSE;
      }
  if (w->anon[SILLON_ANON_DEJA_ACCOMPAGNE] > w->anon[SILLON_ANON_TOTAL])
    return check_dimension (w, SILLON_ANON_DEJA_ACCOMPAGNE, SILLON_ANON_DEJA_ACCOMPAGNE, error);
  return check_dimension (w, SILLON_ANON_GENRE_FEMININ, SILLON_ANON_GENRE_NON_COMMUNIQUE, error) &&
         check_dimension (w, SILLON_ANON_AGE_MOINS_DE_DOUZE, SILLON_ANON_AGE_NON_COMMUNIQUE, error) &&
         check_dimension (w, SILLON_ANON_STATUT_SCOLARISE, SILLON_ANON_STATUT_NON_COMMUNIQUE, error);
}

static void
bind_workshop (StoreStmt *stmt, const SillonWorkshop *w)
{
  store_bind_id (stmt, 1, w->mediator_id);
  store_bind_text (stmt, 2, w->title);
  store_bind_text (stmt, 3, w->level != NULL && *w->level != '\0' ? w->level : NULL);
  store_bind_strv (stmt, 4, (const char *const *) w->themes);
  store_bind_text (stmt, 5, w->date);
  sqlite3_bind_int (stmt, 6, (int) w->duration_minutes);
  store_bind_text (stmt, 7, w->place_type);
  store_bind_id (stmt, 8, w->place_id);
  store_bind_strv (stmt, 9, (const char *const *) w->equipment);
  store_bind_text (stmt, 10, w->notes != NULL && *w->notes != '\0' ? w->notes : NULL);
  for (guint i = 0; i < SILLON_ANON_N_COUNTS; i++)
    sqlite3_bind_int (stmt, 11 + i, (int) w->anon[i]);
}

static gboolean
write_attendance (SillonStore *store, gint64 workshop_id, GArray *attendees, GError **error)
{
  g_autoptr (StoreStmt) del = store_stmt (store, "DELETE FROM workshop_attendance WHERE workshop_id = ?", error);

  if (del == NULL)
    return FALSE;
  sqlite3_bind_int64 (del, 1, workshop_id);
  if (!store_step_done (store, del, error))
    return FALSE;
  for (guint i = 0; attendees != NULL && i < attendees->len; i++)
    {
      g_autoptr (StoreStmt) ins = store_stmt (store, "INSERT OR IGNORE INTO workshop_attendance (workshop_id, beneficiary_id) VALUES (?, ?)", error);
      gint64 id = g_array_index (attendees, gint64, i);

      if (ins == NULL)
        return FALSE;
      sqlite3_bind_int64 (ins, 1, workshop_id);
      sqlite3_bind_int64 (ins, 2, id);
      if (!store_step_done (store, ins, error))
        return FALSE;
    }
  return TRUE;
}

/* What bind_workshop() binds, in its order, for both insert and update. */
#define WORKSHOP_WRITTEN_COLUMNS                                                      \
  "(mediator_id, title, level, themes, date, duration_minutes, place_type, place_id," \
  " equipment, notes, " ANON_COLUMNS ")"
#define WORKSHOP_WRITTEN_VALUES \
  "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"

/* Insert and update write the same columns and replace the attendance
 * within one transaction. A new workshop's id goes to @inserted_id; an
 * existing one is updated when @inserted_id is NULL. */
static gboolean
write_workshop (SillonStore *store, const SillonWorkshop *w, gint64 *inserted_id, GError **error)
{
  g_autoptr (SillonStoreTransaction) tx = NULL;
  gboolean written;

  if (!check_workshop (store, w, error))
    return FALSE;
  tx = sillon_store_transaction_begin (store, error);
  if (tx == NULL)
    return FALSE;
  if (inserted_id != NULL)
    written = store_insert (store, "INSERT INTO workshops " WORKSHOP_WRITTEN_COLUMNS " VALUES " WORKSHOP_WRITTEN_VALUES,
                            (StoreBindFunc) bind_workshop, w, inserted_id, error);
  else
    written = store_update (store, "UPDATE workshops SET " WORKSHOP_WRITTEN_COLUMNS " = " WORKSHOP_WRITTEN_VALUES " WHERE id = ?",
                            (StoreBindFunc) bind_workshop, w, _ ("workshop"), w->id, error);
  if (!written || !write_attendance (store, w->id, w->attendees, error))
    return FALSE;
  return sillon_store_transaction_commit (tx, error);
}

gboolean
sillon_store_insert_workshop (SillonStore *store, SillonWorkshop *w, GError **error)
{
  return write_workshop (store, w, &w->id, error);
}

gboolean
sillon_store_update_workshop (SillonStore *store, const SillonWorkshop *w, GError **error)
{
  return write_workshop (store, w, NULL, error);
}

#define WORKSHOP_COLUMNS                                                                  \
  "id, mediator_id, title, level, themes, date, duration_minutes, place_type, place_id, " \
  "equipment, notes, " ANON_COLUMNS

static gpointer
workshop_from_row (StoreStmt *stmt)
{
  SillonWorkshop *w = sillon_workshop_new ();

  w->id = sqlite3_column_int64 (stmt, 0);
  w->mediator_id = store_column_id (stmt, 1);
  w->title = store_column_text (stmt, 2);
  w->level = store_column_text (stmt, 3);
  w->themes = store_column_strv (stmt, 4);
  w->date = store_column_text (stmt, 5);
  w->duration_minutes = sqlite3_column_int (stmt, 6);
  w->place_type = store_column_text (stmt, 7);
  w->place_id = store_column_id (stmt, 8);
  w->equipment = store_column_strv (stmt, 9);
  w->notes = store_column_text (stmt, 10);
  for (guint i = 0; i < SILLON_ANON_N_COUNTS; i++)
    w->anon[i] = sqlite3_column_int (stmt, 11 + i);
  return w;
}

static gboolean
load_attendance (SillonStore *store, SillonWorkshop *w, GError **error)
{
  g_autoptr (StoreStmt) stmt = store_stmt (store, "SELECT beneficiary_id FROM workshop_attendance WHERE workshop_id = ? ORDER BY beneficiary_id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, w->id);
  g_array_set_size (w->attendees, 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (w->attendees, id);
    }
  if (rc != SQLITE_DONE)
    {
      store_set_sql_error (store->db, rc, error);
      return FALSE;
    }
  return TRUE;
}

SillonWorkshop *
sillon_store_get_workshop (SillonStore *store, gint64 id, GError **error)
{
  g_autoptr (SillonWorkshop) w = NULL;

  w = store_get_one (store, "SELECT " WORKSHOP_COLUMNS " FROM workshops WHERE id = ?",
                     workshop_from_row, _ ("workshop"), id, error);
  if (w == NULL || !load_attendance (store, w, error))
    return NULL;
  return g_steal_pointer (&w);
}

static GPtrArray *
with_attendance (SillonStore *store, GPtrArray *list, GError **error)
{
  g_autoptr (GPtrArray) owned = list;

  if (owned == NULL)
    return NULL;
  for (guint i = 0; i < owned->len; i++)
    if (!load_attendance (store, owned->pdata[i], error))
      return NULL;
  return g_steal_pointer (&owned);
}

GPtrArray *
sillon_store_list_workshops (SillonStore *store, const char *from, const char *to, GError **error)
{
  GPtrArray *list;

  if (!store_check_date (_ ("from"), from, FALSE, -1, error) ||
      !store_check_date (_ ("to"), to, FALSE, -1, error))
    return NULL;
  {
    g_autoptr (StoreStmt) stmt = store_stmt (store,
                                             "SELECT " WORKSHOP_COLUMNS " FROM workshops"
                                             " WHERE (?1 IS NULL OR date >= ?1) AND (?2 IS NULL OR date <= ?2)"
                                             " ORDER BY date DESC, id DESC",
                                             error);
    if (stmt == NULL)
      return NULL;
    store_bind_text (stmt, 1, from);
    store_bind_text (stmt, 2, to);
    list = store_collect (store, stmt, workshop_from_row, (GDestroyNotify) sillon_workshop_free, error);
  }
  return with_attendance (store, list, error);
}

GPtrArray *
sillon_store_list_workshops_before (SillonStore *store, const char *to, guint limit, guint *out_total, GError **error)
{
  GPtrArray *list;

  g_return_val_if_fail (limit > 0, NULL);

  if (!store_check_date (_ ("to"), to, TRUE, -1, error))
    return NULL;
  /* Only the workshops shown, newest first, through the date index: the
   * others are only counted, without reading their attendance. */
  {
    g_autoptr (StoreStmt) stmt = store_stmt (store,
                                             "SELECT " WORKSHOP_COLUMNS " FROM workshops WHERE date <= ?1"
                                             " ORDER BY date DESC, id DESC LIMIT ?2",
                                             error);
    if (stmt == NULL)
      return NULL;
    store_bind_text (stmt, 1, to);
    sqlite3_bind_int64 (stmt, 2, limit);
    list = store_collect (store, stmt, workshop_from_row, (GDestroyNotify) sillon_workshop_free, error);
  }
  list = with_attendance (store, list, error);
  if (list == NULL)
    return NULL;
  if (out_total != NULL)
    {
      g_autoptr (StoreStmt) count = store_stmt (store, "SELECT count(*) FROM workshops WHERE date <= ?1", error);
      int rc = SQLITE_ERROR;

      if (count != NULL)
        {
          store_bind_text (count, 1, to);
          rc = sqlite3_step (count);
          if (rc != SQLITE_ROW)
            store_set_sql_error (sillon_store_get_db (store), rc, error);
        }
      if (rc != SQLITE_ROW)
        {
          g_ptr_array_unref (list);
          return NULL;
        }
      *out_total = (guint) sqlite3_column_int64 (count, 0);
    }
  return list;
}

GPtrArray *
sillon_store_list_workshops_of (SillonStore *store, gint64 beneficiary_id, GError **error)
{
  GPtrArray *list = store_list_by_id (store,
                                      "SELECT " WORKSHOP_COLUMNS " FROM workshops WHERE id IN"
                                      " (SELECT workshop_id FROM workshop_attendance WHERE beneficiary_id = ?)"
                                      " ORDER BY date DESC, id DESC",
                                      workshop_from_row, (GDestroyNotify) sillon_workshop_free, beneficiary_id, error);

  return with_attendance (store, list, error);
}

gboolean
sillon_store_delete_workshop (SillonStore *store, gint64 id, GError **error)
{
  return store_delete_by_id (store, "DELETE FROM workshops WHERE id = ?", _ ("workshop"), id, error);
}

/* ── Parcours ──────────────────────────────────────────────────────────── */

SillonParcoursItem *
sillon_parcours_item_new (void)
{
  return g_new0 (SillonParcoursItem, 1);
}

void
sillon_parcours_item_free (SillonParcoursItem *item)
{
  if (item == NULL)
    return;
  g_free (item->planned_date);
  g_free (item->label);
  g_free (item);
}

SillonParcours *
sillon_parcours_new (void)
{
  SillonParcours *p = g_new0 (SillonParcours, 1);

  p->items = g_ptr_array_new_with_free_func ((GDestroyNotify) sillon_parcours_item_free);
  return p;
}

void
sillon_parcours_free (SillonParcours *p)
{
  if (p == NULL)
    return;
  g_free (p->title);
  g_free (p->goal);
  g_ptr_array_unref (p->items);
  g_free (p);
}

static gboolean
check_parcours (const SillonParcours *p, GError **error)
{
  if (!store_check_text (_ ("title"), p->title, SILLON_STORE_MAX_TEXT_BYTES, TRUE, error) ||
      !store_check_text (_ ("goal"), p->goal, SILLON_STORE_MAX_NOTES_BYTES, FALSE, error))
    return FALSE;
  for (guint i = 0; i < p->items->len; i++)
    {
      const SillonParcoursItem *item = p->items->pdata[i];

      if (!store_check_date (_ ("planned date"), item->planned_date, FALSE, -1, error) ||
          !store_check_text (_ ("label"), item->label, SILLON_STORE_MAX_TEXT_BYTES, FALSE, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
write_parcours_items (SillonStore *store, SillonParcours *p, GError **error)
{
  g_autoptr (StoreStmt) del = store_stmt (store, "DELETE FROM parcours_items WHERE parcours_id = ?", error);

  if (del == NULL)
    return FALSE;
  sqlite3_bind_int64 (del, 1, p->id);
  if (!store_step_done (store, del, error))
    return FALSE;
  for (guint i = 0; i < p->items->len; i++)
    {
      SillonParcoursItem *item = p->items->pdata[i];
      g_autoptr (StoreStmt) ins = store_stmt (store,
                                              "INSERT INTO parcours_items (parcours_id, position, planned_date, label,"
                                              " workshop_id, session_id, done) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                              error);
      if (ins == NULL)
        return FALSE;
      item->parcours_id = p->id;
      item->position = i;
      sqlite3_bind_int64 (ins, 1, p->id);
      sqlite3_bind_int (ins, 2, (int) i);
      store_bind_text (ins, 3, item->planned_date);
      store_bind_text (ins, 4, item->label);
      store_bind_id (ins, 5, item->workshop_id);
      store_bind_id (ins, 6, item->session_id);
      sqlite3_bind_int (ins, 7, item->done ? 1 : 0);
      if (!store_step_done (store, ins, error))
        return FALSE;
      item->id = sqlite3_last_insert_rowid (store->db);
    }
  return TRUE;
}

/* Insert and update write the same columns, replace the steps and touch
 * the person within one transaction; they differ only in their SQL and in
 * what the 4th parameter is (the creation time of a new row, the id of an
 * existing one). */
static gboolean
write_parcours (SillonStore *store, SillonParcours *p, gboolean inserting, GError **error)
{
  g_autoptr (SillonStoreTransaction) tx = NULL;
  g_autoptr (StoreStmt) stmt = NULL;

  if (!check_parcours (p, error))
    return FALSE;
  tx = sillon_store_transaction_begin (store, error);
  if (tx == NULL)
    return FALSE;
  stmt = store_stmt (store,
                     inserting ? "INSERT INTO parcours (beneficiary_id, title, goal, created_unix) VALUES (?, ?, ?, ?)"
                               : "UPDATE parcours SET beneficiary_id = ?, title = ?, goal = ? WHERE id = ?",
                     error);
  if (stmt == NULL)
    return FALSE;
  if (inserting && p->created_unix == 0)
    p->created_unix = store_now_unix ();
  sqlite3_bind_int64 (stmt, 1, p->beneficiary_id);
  store_bind_text (stmt, 2, p->title);
  store_bind_text (stmt, 3, p->goal);
  sqlite3_bind_int64 (stmt, 4, inserting ? p->created_unix : p->id);
  if (!store_step_done (store, stmt, error))
    return FALSE;
  if (inserting)
    p->id = sqlite3_last_insert_rowid (store->db);
  else if (!store_check_changed (store, _ ("parcours"), p->id, error))
    return FALSE;
  if (!write_parcours_items (store, p, error) || !touch_beneficiary (store, p->beneficiary_id, error))
    return FALSE;
  return sillon_store_transaction_commit (tx, error);
}

gboolean
sillon_store_insert_parcours (SillonStore *store, SillonParcours *p, GError **error)
{
  return write_parcours (store, p, TRUE, error);
}

gboolean
sillon_store_update_parcours (SillonStore *store, SillonParcours *p, GError **error)
{
  return write_parcours (store, p, FALSE, error);
}

static gpointer
parcours_from_row (StoreStmt *stmt)
{
  SillonParcours *p = sillon_parcours_new ();

  p->id = sqlite3_column_int64 (stmt, 0);
  p->beneficiary_id = sqlite3_column_int64 (stmt, 1);
  p->title = store_column_text (stmt, 2);
  p->goal = store_column_text (stmt, 3);
  p->created_unix = sqlite3_column_int64 (stmt, 4);
  return p;
}

static gboolean
load_parcours_items (SillonStore *store, SillonParcours *p, GError **error)
{
  g_autoptr (StoreStmt) stmt = store_stmt (store,
                                           "SELECT id, position, planned_date, label, workshop_id, session_id, done"
                                           " FROM parcours_items WHERE parcours_id = ? ORDER BY position",
                                           error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, p->id);
  g_ptr_array_set_size (p->items, 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SillonParcoursItem *item = sillon_parcours_item_new ();

      item->id = sqlite3_column_int64 (stmt, 0);
      item->parcours_id = p->id;
      item->position = sqlite3_column_int (stmt, 1);
      item->planned_date = store_column_text (stmt, 2);
      item->label = store_column_text (stmt, 3);
      item->workshop_id = store_column_id (stmt, 4);
      item->session_id = store_column_id (stmt, 5);
      item->done = sqlite3_column_int (stmt, 6);
      g_ptr_array_add (p->items, item);
    }
  if (rc != SQLITE_DONE)
    {
      store_set_sql_error (store->db, rc, error);
      return FALSE;
    }
  return TRUE;
}

SillonParcours *
sillon_store_get_parcours (SillonStore *store, gint64 id, GError **error)
{
  g_autoptr (SillonParcours) p = NULL;

  p = store_get_one (store, "SELECT id, beneficiary_id, title, goal, created_unix FROM parcours WHERE id = ?",
                     parcours_from_row, _ ("parcours"), id, error);
  if (p == NULL || !load_parcours_items (store, p, error))
    return NULL;
  return g_steal_pointer (&p);
}

GPtrArray *
sillon_store_list_parcours (SillonStore *store, gint64 beneficiary_id, GError **error)
{
  g_autoptr (GPtrArray) list = store_list_by_id (store, "SELECT id, beneficiary_id, title, goal, created_unix FROM parcours WHERE beneficiary_id = ? ORDER BY created_unix, id",
                                                 parcours_from_row, (GDestroyNotify) sillon_parcours_free, beneficiary_id, error);

  if (list == NULL)
    return NULL;
  for (guint i = 0; i < list->len; i++)
    if (!load_parcours_items (store, list->pdata[i], error))
      return NULL;
  return g_steal_pointer (&list);
}

gboolean
sillon_store_delete_parcours (SillonStore *store, gint64 id, GError **error)
{
  return store_delete_by_id (store, "DELETE FROM parcours WHERE id = ?", _ ("parcours"), id, error);
}

/* ── Referrals ─────────────────────────────────────────────────────────── */

const char *
sillon_referral_status_to_string (SillonReferralStatus status)
{
  return sillon_id_table_get_id (SILLON_TYPE_REFERRAL_STATUS, status);
}

static SillonReferralStatus
referral_status_from_string (const char *text)
{
  int status;

  return sillon_id_table_lookup (SILLON_TYPE_REFERRAL_STATUS, text, &status) ? (SillonReferralStatus) status : SILLON_REFERRAL_UNKNOWN;
}

SillonReferral *
sillon_referral_new (void)
{
  return g_new0 (SillonReferral, 1);
}

void
sillon_referral_free (SillonReferral *r)
{
  if (r == NULL)
    return;
  g_free (r->date);
  g_free (r->destination);
  g_free (r->reason);
  g_free (r->already_done);
  g_free (r->documents);
  g_free (r->consent_details);
  g_free (r->sheet_fingerprint);
  g_free (r);
}

/* The session a referral follows is one of the same person's: the foreign
 * key alone would let a referral point at someone else's session, which
 * the person's story and their data export would then show. */
static gboolean
check_referral_session (SillonStore *store, const SillonReferral *r, GError **error)
{
  g_autoptr (StoreStmt) stmt = NULL;
  g_autofree char *number = NULL;
  gboolean found;

  if (r->session_id == 0)
    return TRUE;
  stmt = store_stmt (store, "SELECT beneficiary_id FROM sessions WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, r->session_id);
  if (!store_step_row (store, stmt, &found, error))
    return FALSE;
  number = g_strdup_printf ("%" G_GINT64_FORMAT, r->session_id);
  if (!found)
    {
      g_set_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID,
                   /* Translators: %s is a session's number. */
                   _ ("The session the referral follows (number %s) is not in the vault"), number);
      return FALSE;
    }
  if (sqlite3_column_int64 (stmt, 0) != r->beneficiary_id)
    {
      g_set_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID,
                   /* Translators: %s is a session's number. */
                   _ ("The session the referral follows (number %s) is another person’s"), number);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_referral (SillonStore *store, const SillonReferral *r, GError **error)
{
  if (!store_check_date (_ ("referral date"), r->date, TRUE, MAX_DAYS_AHEAD, error) ||
      !store_check_enum (store, "StructureDeRedirection", _ ("referral destination"), r->destination, FALSE, error) ||
      !store_check_text (_ ("reason"), r->reason, SILLON_STORE_MAX_NOTES_BYTES, FALSE, error) ||
      !store_check_text (_ ("already done"), r->already_done, SILLON_STORE_MAX_NOTES_BYTES, FALSE, error) ||
      !store_check_text (_ ("documents to bring"), r->documents, SILLON_STORE_MAX_NOTES_BYTES, FALSE, error) ||
      !store_check_text (_ ("what may be shared"), r->consent_details, SILLON_STORE_MAX_NOTES_BYTES, FALSE, error) ||
      !store_check_text (_ ("sheet fingerprint"), r->sheet_fingerprint, 128, FALSE, error))
    return FALSE;
  if (!r->consent_to_share && r->consent_details != NULL && *r->consent_details != '\0')
    {
      g_set_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID,
                   _ ("What may be shared is given, but the person did not agree to share anything"));
      return FALSE;
    }
  if (sillon_referral_status_to_string (r->status) == NULL)
    {
      g_set_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID,
                   _ ("“%d” is not a valid value for the field “%s”"), (int) r->status, _ ("status"));
      return FALSE;
    }
  return check_referral_session (store, r, error);
}

static void
bind_referral (StoreStmt *stmt, const SillonReferral *r)
{
  sqlite3_bind_int64 (stmt, 1, r->beneficiary_id);
  store_bind_id (stmt, 2, r->session_id);
  store_bind_id (stmt, 3, r->place_id);
  store_bind_id (stmt, 4, r->mediator_id);
  store_bind_text (stmt, 5, r->date);
  store_bind_text (stmt, 6, r->destination != NULL && *r->destination != '\0' ? r->destination : NULL);
  store_bind_text (stmt, 7, r->reason);
  store_bind_text (stmt, 8, r->already_done);
  store_bind_text (stmt, 9, r->documents);
  sqlite3_bind_int (stmt, 10, r->consent_to_share ? 1 : 0);
  store_bind_text (stmt, 11, sillon_referral_status_to_string (r->status));
  store_bind_text (stmt, 12, r->sheet_fingerprint != NULL && *r->sheet_fingerprint != '\0' ? r->sheet_fingerprint : NULL);
  store_bind_text (stmt, 13, r->consent_details != NULL && *r->consent_details != '\0' ? r->consent_details : NULL);
}

gboolean
sillon_store_insert_referral (SillonStore *store, SillonReferral *r, GError **error)
{
  return check_referral (store, r, error) &&
         store_insert (store, "INSERT INTO referrals (beneficiary_id, session_id, place_id, mediator_id, date, destination,"
                              " reason, already_done, documents, consent_to_share, status, sheet_fingerprint,"
                              " consent_details) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       (StoreBindFunc) bind_referral, r, &r->id, error);
}

gboolean
sillon_store_update_referral (SillonStore *store, const SillonReferral *r, GError **error)
{
  if (!check_referral (store, r, error))
    return FALSE;
  return store_update (store, "UPDATE referrals SET beneficiary_id = ?, session_id = ?, place_id = ?, mediator_id = ?,"
                              " date = ?, destination = ?, reason = ?, already_done = ?, documents = ?,"
                              " consent_to_share = ?, status = ?, sheet_fingerprint = ?, consent_details = ?"
                              " WHERE id = ?",
                       (StoreBindFunc) bind_referral, r, _ ("referral"), r->id, error);
}

#define REFERRAL_COLUMNS                                                               \
  "id, beneficiary_id, session_id, place_id, mediator_id, date, destination, reason, " \
  "already_done, documents, consent_to_share, status, sheet_fingerprint, consent_details"

static gpointer
referral_from_row (StoreStmt *stmt)
{
  SillonReferral *r = sillon_referral_new ();

  r->id = sqlite3_column_int64 (stmt, 0);
  r->beneficiary_id = sqlite3_column_int64 (stmt, 1);
  r->session_id = store_column_id (stmt, 2);
  r->place_id = store_column_id (stmt, 3);
  r->mediator_id = store_column_id (stmt, 4);
  r->date = store_column_text (stmt, 5);
  r->destination = store_column_text (stmt, 6);
  r->reason = store_column_text (stmt, 7);
  r->already_done = store_column_text (stmt, 8);
  r->documents = store_column_text (stmt, 9);
  r->consent_to_share = sqlite3_column_int (stmt, 10);
  r->status = referral_status_from_string ((const char *) sqlite3_column_text (stmt, 11));
  r->sheet_fingerprint = store_column_text (stmt, 12);
  r->consent_details = store_column_text (stmt, 13);
  return r;
}

SillonReferral *
sillon_store_get_referral (SillonStore *store, gint64 id, GError **error)
{
  return store_get_one (store, "SELECT " REFERRAL_COLUMNS " FROM referrals WHERE id = ?",
                        referral_from_row, _ ("referral"), id, error);
}

SillonReferral *
sillon_store_find_referral_by_fingerprint (SillonStore *store, const char *fingerprint, GError **error)
{
  g_autoptr (StoreStmt) stmt = store_stmt (store, "SELECT " REFERRAL_COLUMNS " FROM referrals WHERE sheet_fingerprint = ?", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  store_bind_text (stmt, 1, fingerprint);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return referral_from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_NOT_FOUND,
                 _ ("No referral sheet has the fingerprint “%s”"), fingerprint);
  else
    store_set_sql_error (store->db, rc, error);
  return NULL;
}

GPtrArray *
sillon_store_list_referrals (SillonStore *store, gint64 beneficiary_id, GError **error)
{
  return store_list_by_id (store, "SELECT " REFERRAL_COLUMNS " FROM referrals WHERE beneficiary_id = ? ORDER BY date DESC, id DESC",
                           referral_from_row, (GDestroyNotify) sillon_referral_free, beneficiary_id, error);
}

GPtrArray *
sillon_store_list_session_referrals (SillonStore *store, gint64 session_id, GError **error)
{
  return store_list_by_id (store, "SELECT " REFERRAL_COLUMNS " FROM referrals WHERE session_id = ? ORDER BY id",
                           referral_from_row, (GDestroyNotify) sillon_referral_free, session_id, error);
}

gboolean
sillon_store_delete_referral (SillonStore *store, gint64 id, GError **error)
{
  return store_delete_by_id (store, "DELETE FROM referrals WHERE id = ?", _ ("referral"), id, error);
}

/* ── Referrals to follow up ────────────────────────────────────────────── */

void
sillon_referral_follow_up_free (SillonReferralFollowUp *f)
{
  if (f == NULL)
    return;
  sillon_referral_free (f->referral);
  g_free (f->first_name);
  g_free (f->last_name);
  g_free (f->place_name);
  g_free (f->place_commune);
  g_free (f);
}

static gpointer
follow_up_from_row (StoreStmt *stmt)
{
  SillonReferralFollowUp *f = g_new0 (SillonReferralFollowUp, 1);

  f->referral = referral_from_row (stmt);
  f->first_name = store_column_text (stmt, 14);
  f->last_name = store_column_text (stmt, 15);
  f->place_name = store_column_text (stmt, 16);
  f->place_commune = store_column_text (stmt, 17);
  return f;
}

GPtrArray *
sillon_store_list_referrals_to_follow_up (SillonStore *store,
                                          guint min_age_days,
                                          const char *today,
                                          GError **error)
{
  g_autoptr (StoreStmt) stmt = NULL;
  g_autofree char *local_today = NULL;
  g_autofree char *cutoff = NULL;
  GDate date;

  g_return_val_if_fail (store != NULL, NULL);

  if (today == NULL)
    {
      g_autoptr (GDateTime) now = g_date_time_new_now_local ();

      today = local_today = g_date_time_format (now, "%Y-%m-%d");
    }
  /* No limit ahead: the reference day of a follow-up may be any day. */
  if (!store_check_date (_ ("reference date"), today, TRUE, -1, error))
    return NULL;
  if (min_age_days > 36600)
    {
      g_set_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID,
                   /* Translators: %u is a number of days. */
                   _ ("%u days is too long a delay for following up a referral"), min_age_days);
      return NULL;
    }
  if (min_age_days > 0)
    {
      char text[16];

      /* store_check_date() accepted it as an existing YYYY-MM-DD: read it
       * field by field (g_date_set_parse() would follow the locale). */
      g_date_clear (&date, 1);
      g_date_set_dmy (&date, (GDateDay) g_ascii_strtoull (today + 8, NULL, 10),
                      (GDateMonth) g_ascii_strtoull (today + 5, NULL, 10),
                      (GDateYear) g_ascii_strtoull (today, NULL, 10));
      g_date_subtract_days (&date, min_age_days);
      g_snprintf (text, sizeof text, "%04u-%02u-%02u", g_date_get_year (&date), g_date_get_month (&date),
                  g_date_get_day (&date));
      cutoff = g_strdup (text);
    }

  stmt = store_stmt (store,
                     "SELECT r.id, r.beneficiary_id, r.session_id, r.place_id, r.mediator_id, r.date,"
                     " r.destination, r.reason, r.already_done, r.documents, r.consent_to_share, r.status,"
                     " r.sheet_fingerprint, r.consent_details, b.first_name, b.last_name, p.nom, p.commune"
                     " FROM referrals AS r JOIN beneficiaries AS b ON b.id = r.beneficiary_id"
                     " LEFT JOIN places AS p ON p.id = r.place_id"
                     " WHERE r.status = 'issued' AND (?1 IS NULL OR r.date <= ?1)"
                     " ORDER BY r.date DESC, r.id DESC",
                     error);
  if (stmt == NULL)
    return NULL;
  store_bind_text (stmt, 1, cutoff);
  return store_collect (store, stmt, follow_up_from_row, (GDestroyNotify) sillon_referral_follow_up_free, error);
}
