/* sillon-store.c — the data store: connection set-up, migrations, helpers,
 * mediators and places
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-store.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "sillon-communes.h"
#include "sillon-places-import.h"
#include "sillon-store-private.h"
#include "sillon-vault.h"

/* Enumerations (themes, place types, autonomy…) are checked against the
 * Coop vocabulary loaded by sillon-vocabulary.c from coop-cra-enums.json,
 * and only there: the schema has no CHECK listing Coop values, so that a
 * change of the national vocabulary is a data change, not a migration.
 * Sillon's own small enumerations (mode of help, referral status, journal
 * actions) are not in the Coop file and are CHECK constraints. */

G_DEFINE_QUARK (sillon - store - error - quark, sillon_store_error)

/* ── Helpers ───────────────────────────────────────────────────────────── */

gint64
store_now_unix (void)
{
  return g_get_real_time () / G_USEC_PER_SEC;
}

gboolean
sillon_store_error_if_tampered (int rc, GError **error)
{
  return sillon_vault_error_if_tampered (rc, error);
}

void
store_set_sql_error (sqlite3 *db, int rc, GError **error)
{
  int primary = rc & 0xff;

  if (sillon_vault_error_if_tampered (rc, error))
    return;
  if (primary == SQLITE_CONSTRAINT)
    g_set_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_CONSTRAINT,
                 _ ("The change breaks a rule of the database: %s"), sqlite3_errmsg (db));
  else if (primary == SQLITE_TOOBIG)
    g_set_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_TOO_LARGE,
                 _ ("The value is too large to be stored"));
  else
    g_set_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_SQL,
                 _ ("Database error: %s"), sqlite3_errmsg (db));
}

gboolean
store_exec (sqlite3 *db, const char *sql, GError **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      store_set_sql_error (db, rc, error);
      return FALSE;
    }
  return TRUE;
}

void
store_stmt_release (StoreStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

StoreStmt *
store_stmt (SillonStore *store, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (store->statements, sql);

  if (stmt == NULL)
    {
      int rc = sqlite3_prepare_v3 (store->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);

      if (rc != SQLITE_OK)
        {
          store_set_sql_error (store->db, rc, error);
          return NULL;
        }
      g_hash_table_insert (store->statements, g_strdup (sql), stmt);
    }
  else
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }
  return stmt;
}

gboolean
store_step_done (SillonStore *store, StoreStmt *stmt, GError **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      store_set_sql_error (store->db, rc, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
store_step_row (SillonStore *store, StoreStmt *stmt, gboolean *has_row, GError **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW || (rc == SQLITE_DONE && has_row != NULL))
    {
      if (has_row != NULL)
        *has_row = rc == SQLITE_ROW;
      return TRUE;
    }
  store_set_sql_error (store->db, rc, error);
  return FALSE;
}

void
store_set_not_found (const char *what, gint64 id, GError **error)
{
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  g_set_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_NOT_FOUND,
               /* Translators: the first %s is a kind of record (“beneficiary”,
                * “session”…), the second its number */
               _ ("Not found: %s number %s"), what, number);
}

gboolean
store_check_changed (SillonStore *store, const char *what, gint64 id, GError **error)
{
  if (sqlite3_changes (store->db) == 0)
    {
      store_set_not_found (what, id, error);
      return FALSE;
    }
  return TRUE;
}

gpointer
store_get_one (SillonStore *store, const char *sql, StoreRowFunc from_row, const char *what, gint64 id, GError **error)
{
  g_autoptr (StoreStmt) stmt = store_stmt (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return from_row (stmt);
  if (rc == SQLITE_DONE)
    store_set_not_found (what, id, error);
  else
    store_set_sql_error (store->db, rc, error);
  return NULL;
}

GPtrArray *
store_collect (SillonStore *store, StoreStmt *stmt, StoreRowFunc from_row, GDestroyNotify free_func, GError **error)
{
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func (free_func);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      store_set_sql_error (store->db, rc, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

GPtrArray *
store_list_by_id (SillonStore *store, const char *sql, StoreRowFunc from_row, GDestroyNotify free_func, gint64 id, GError **error)
{
  g_autoptr (StoreStmt) stmt = store_stmt (store, sql, error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  return store_collect (store, stmt, from_row, free_func, error);
}

gboolean
store_insert (SillonStore *store, const char *sql, StoreBindFunc bind, gconstpointer entity, gint64 *out_id, GError **error)
{
  g_autoptr (StoreStmt) stmt = store_stmt (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  bind (stmt, entity);
  if (!store_step_done (store, stmt, error))
    return FALSE;
  *out_id = sqlite3_last_insert_rowid (store->db);
  return TRUE;
}

gboolean
store_update (SillonStore *store, const char *sql, StoreBindFunc bind, gconstpointer entity, const char *what, gint64 id, GError **error)
{
  g_autoptr (StoreStmt) stmt = store_stmt (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  bind (stmt, entity);
  sqlite3_bind_int64 (stmt, sqlite3_bind_parameter_count (stmt), id);
  return store_step_done (store, stmt, error) && store_check_changed (store, what, id, error);
}

gboolean
store_delete_by_id (SillonStore *store, const char *sql, const char *what, gint64 id, GError **error)
{
  g_autoptr (StoreStmt) stmt = store_stmt (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return store_step_done (store, stmt, error) && store_check_changed (store, what, id, error);
}

void
store_bind_text (StoreStmt *stmt, int index, const char *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

void
store_bind_id (StoreStmt *stmt, int index, gint64 id)
{
  if (id <= 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_int64 (stmt, index, id);
}

char *
store_strv_to_json (const char *const *values)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;

  json_builder_begin_array (builder);
  for (gsize i = 0; values != NULL && values[i] != NULL; i++)
    json_builder_add_string_value (builder, values[i]);
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

void
store_bind_strv (StoreStmt *stmt, int index, const char *const *values)
{
  char *json = store_strv_to_json (values);

  sqlite3_bind_text (stmt, index, json, -1, g_free);
}

char *
store_column_text (StoreStmt *stmt, int column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

gint64
store_column_id (StoreStmt *stmt, int column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? 0 : sqlite3_column_int64 (stmt, column);
}

GStrv
store_column_strv (StoreStmt *stmt, int column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (GStrvBuilder) builder = NULL;
  JsonNode *root;
  JsonArray *array;

  if (text == NULL)
    return NULL;
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, text, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return NULL;
  array = json_node_get_array (root);
  if (json_array_get_length (array) == 0)
    return NULL;
  builder = g_strv_builder_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      const char *s = json_array_get_string_element (array, i);

      if (s != NULL)
        g_strv_builder_add (builder, s);
    }
  return g_strv_builder_end (builder);
}

/* An empty value counts as absent: fine unless the field is required. */
static gboolean
check_absent (const char *field, gboolean required, GError **error)
{
  if (required)
    {
      g_set_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID,
                   _ ("The field “%s” is required"), field);
      return FALSE;
    }
  return TRUE;
}

gboolean
store_check_text (const char *field,
                  const char *value,
                  gsize max_bytes,
                  gboolean required,
                  GError **error)
{
  if (value == NULL || *value == '\0')
    return check_absent (field, required, error);
  if (strlen (value) > max_bytes)
    {
      g_set_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_TOO_LARGE,
                   _ ("The field “%s” is too long: at most %u KiB may be stored"),
                   field, (guint) (max_bytes / 1024));
      return FALSE;
    }
  if (!g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID,
                   _ ("The field “%s” is not valid UTF-8 text"), field);
      return FALSE;
    }
  return TRUE;
}

gboolean
store_check_date (const char *field,
                  const char *value,
                  gboolean required,
                  int max_days_ahead,
                  GError **error)
{
  unsigned year, month, day;
  int consumed = 0;

  if (value == NULL || *value == '\0')
    return check_absent (field, required, error);

  if (strlen (value) != 10 ||
      sscanf (value, "%4u-%2u-%2u%n", &year, &month, &day, &consumed) != 3 ||
      consumed != 10 || value[4] != '-' || value[7] != '-' ||
      !g_ascii_isdigit (value[5]) || !g_ascii_isdigit (value[8]) ||
      year < 1900 || !g_date_valid_dmy (day, month, year))
    {
      g_set_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID,
                   /* Translators: %s are a date as typed and a field name */
                   _ ("“%s” is not a valid date for the field “%s” (expected an existing day, YYYY-MM-DD, from 1900 on)"),
                   value, field);
      return FALSE;
    }

  if (max_days_ahead >= 0)
    {
      g_autoptr (GDateTime) now = g_date_time_new_now_local ();
      GDate today, date;

      g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                      g_date_time_get_year (now));
      g_date_set_dmy (&date, day, month, year);
      if (g_date_days_between (&today, &date) > max_days_ahead)
        {
          g_set_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID,
                       _ ("The date %s of the field “%s” is in the future"), value, field);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
store_check_enum (SillonStore *store,
                  const char *enumeration,
                  const char *field,
                  const char *value,
                  gboolean required,
                  GError **error)
{
  if (value == NULL || *value == '\0')
    return check_absent (field, required, error);
  if (!sillon_vocabulary_is_valid (store->vocabulary, enumeration, value))
    {
      g_set_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID,
                   /* Translators: the first %s is a value such as “a_distance”, the second a field name */
                   _ ("“%s” is not a valid value for the field “%s”"), value, field);
      return FALSE;
    }
  return TRUE;
}

gboolean
store_check_enum_strv (SillonStore *store,
                       const char *enumeration,
                       const char *field,
                       const char *const *values,
                       GError **error)
{
  for (gsize i = 0; values != NULL && values[i] != NULL; i++)
    {
      if (!store_check_enum (store, enumeration, field, values[i], TRUE, error))
        return FALSE;
      for (gsize j = 0; j < i; j++)
        if (g_strcmp0 (values[i], values[j]) == 0)
          {
            g_set_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID,
                         _ ("“%s” appears twice in the field “%s”"), values[i], field);
            return FALSE;
          }
    }
  return TRUE;
}

gboolean
store_check_json (const char *field, const char *json, gboolean required, GError **error)
{
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (GError) local_error = NULL;

  if (!store_check_text (field, json, SILLON_STORE_MAX_JSON_BYTES, required, error))
    return FALSE;
  if (json == NULL || *json == '\0')
    return TRUE;
  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, json, -1, &local_error) ||
      json_parser_get_root (parser) == NULL)
    {
      g_set_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID,
                   _ ("The field “%s” is not valid JSON"), field);
      return FALSE;
    }
  return TRUE;
}

/* ── Migrations ────────────────────────────────────────────────────────── */

/* Version 1: the domain model. Frozen: never edit a shipped migration, add
 * a new one, so that a vault created by an older Sillon opens in this one. */
static const char migration_1[] =
    "CREATE TABLE mediators ("
    "  id INTEGER PRIMARY KEY,"
    "  display_name TEXT NOT NULL CHECK (length(display_name) BETWEEN 1 AND 4096),"
    "  vault_slot INTEGER CHECK (vault_slot IS NULL OR vault_slot BETWEEN 0 AND 7),"
    "  created_unix INTEGER NOT NULL);"

    "CREATE TABLE places ("
    "  id INTEGER PRIMARY KEY,"
    "  own_structure INTEGER NOT NULL DEFAULT 0 CHECK (own_structure IN (0, 1)),"
    "  lieu_id TEXT, pivot TEXT, nom TEXT NOT NULL, commune TEXT, code_postal TEXT,"
    "  code_insee TEXT, adresse TEXT, complement_adresse TEXT, latitude TEXT, longitude TEXT,"
    "  typologie TEXT CHECK (typologie IS NULL OR json_type(typologie) = 'array'),"
    "  telephone TEXT,"
    "  courriels TEXT CHECK (courriels IS NULL OR json_type(courriels) = 'array'),"
    "  site_web TEXT CHECK (site_web IS NULL OR json_type(site_web) = 'array'),"
    "  horaires TEXT, presentation_resume TEXT, presentation_detail TEXT, source TEXT,"
    "  itinerance TEXT CHECK (itinerance IS NULL OR json_type(itinerance) = 'array'),"
    "  structure_parente TEXT, date_maj TEXT,"
    "  services TEXT CHECK (services IS NULL OR json_type(services) = 'array'),"
    "  publics_specifiquement_adresses TEXT CHECK (publics_specifiquement_adresses IS NULL OR json_type(publics_specifiquement_adresses) = 'array'),"
    "  prise_en_charge_specifique TEXT CHECK (prise_en_charge_specifique IS NULL OR json_type(prise_en_charge_specifique) = 'array'),"
    "  frais_a_charge TEXT CHECK (frais_a_charge IS NULL OR json_type(frais_a_charge) = 'array'),"
    "  dispositif_programmes_nationaux TEXT CHECK (dispositif_programmes_nationaux IS NULL OR json_type(dispositif_programmes_nationaux) = 'array'),"
    "  formations_labels TEXT CHECK (formations_labels IS NULL OR json_type(formations_labels) = 'array'),"
    "  autres_formations_labels TEXT,"
    "  modalites_acces TEXT CHECK (modalites_acces IS NULL OR json_type(modalites_acces) = 'array'),"
    "  modalites_accompagnement TEXT CHECK (modalites_accompagnement IS NULL OR json_type(modalites_accompagnement) = 'array'),"
    "  fiche_acces_libre TEXT, prise_rdv TEXT,"
    "  flagged TEXT NOT NULL DEFAULT '[]' CHECK (json_type(flagged) = 'array'),"
    "  updated_unix INTEGER NOT NULL);"
    "CREATE UNIQUE INDEX places_lieu_id ON places (lieu_id, coalesce(source, '')) WHERE lieu_id IS NOT NULL;"

    "CREATE TABLE beneficiaries ("
    "  id INTEGER PRIMARY KEY,"
    "  first_name TEXT CHECK (first_name IS NULL OR length(CAST(first_name AS BLOB)) <= 4096),"
    "  last_name TEXT CHECK (last_name IS NULL OR length(CAST(last_name AS BLOB)) <= 4096),"
    "  birth_year INTEGER CHECK (birth_year IS NULL OR birth_year >= 1900),"
    "  gender TEXT, social_status TEXT,"
    "  commune_insee TEXT CHECK (commune_insee IS NULL OR commune_insee GLOB '[0-9][0-9AB][0-9][0-9][0-9]'),"
    "  phone TEXT, email TEXT, sheet_language TEXT,"
    "  notes TEXT CHECK (notes IS NULL OR length(CAST(notes AS BLOB)) <= 65536),"
    "  mediator_id INTEGER REFERENCES mediators (id) ON DELETE SET NULL,"
    "  anonymised INTEGER NOT NULL DEFAULT 0 CHECK (anonymised IN (0, 1)),"
    "  name_key TEXT NOT NULL DEFAULT '',"
    "  phone_key TEXT, email_key TEXT,"
    "  created_unix INTEGER NOT NULL, updated_unix INTEGER NOT NULL);"
    "CREATE INDEX beneficiaries_name_key ON beneficiaries (name_key);"
    "CREATE INDEX beneficiaries_phone_key ON beneficiaries (phone_key) WHERE phone_key IS NOT NULL;"
    "CREATE INDEX beneficiaries_email_key ON beneficiaries (email_key) WHERE email_key IS NOT NULL;"
    "CREATE INDEX beneficiaries_updated ON beneficiaries (updated_unix);"

    "CREATE TABLE consents ("
    "  id INTEGER PRIMARY KEY,"
    "  beneficiary_id INTEGER NOT NULL REFERENCES beneficiaries (id) ON DELETE CASCADE,"
    "  date TEXT NOT NULL, told TEXT NOT NULL, scope TEXT NOT NULL);"
    "CREATE INDEX consents_beneficiary ON consents (beneficiary_id);"

    "CREATE TABLE assessments ("
    "  id INTEGER PRIMARY KEY,"
    "  beneficiary_id INTEGER NOT NULL REFERENCES beneficiaries (id) ON DELETE CASCADE,"
    "  mediator_id INTEGER REFERENCES mediators (id) ON DELETE SET NULL,"
    "  date TEXT NOT NULL, questionnaire_id TEXT NOT NULL,"
    "  questionnaire_version INTEGER NOT NULL CHECK (questionnaire_version >= 1),"
    "  answers_json TEXT NOT NULL CHECK (json_valid(answers_json)),"
    "  result_json TEXT NOT NULL CHECK (json_valid(result_json)),"
    "  override_json TEXT CHECK (override_json IS NULL OR json_valid(override_json)),"
    "  override_reason TEXT,"
    "  CHECK (override_json IS NULL OR override_reason IS NOT NULL));"
    "CREATE INDEX assessments_beneficiary ON assessments (beneficiary_id, date);"

    "CREATE TABLE sessions ("
    "  id INTEGER PRIMARY KEY,"
    "  beneficiary_id INTEGER NOT NULL REFERENCES beneficiaries (id) ON DELETE CASCADE,"
    "  mediator_id INTEGER REFERENCES mediators (id) ON DELETE SET NULL,"
    "  date TEXT NOT NULL,"
    "  duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 1 AND 1440),"
    "  place_type TEXT NOT NULL,"
    "  place_id INTEGER REFERENCES places (id) ON DELETE SET NULL,"
    "  equipment TEXT NOT NULL DEFAULT '[]' CHECK (json_type(equipment) = 'array'),"
    "  themes TEXT NOT NULL CHECK (json_type(themes) = 'array' AND json_array_length(themes) >= 1),"
    "  admin_themes TEXT NOT NULL DEFAULT '[]' CHECK (json_type(admin_themes) = 'array'),"
    "  admin_detail TEXT, autonomy TEXT,"
    "  help_mode TEXT CHECK (help_mode IS NULL OR help_mode IN ('faire_pour', 'faire_avec', 'laisser_faire')),"
    "  skills TEXT NOT NULL DEFAULT '[]' CHECK (json_type(skills) = 'array'),"
    "  referred INTEGER NOT NULL DEFAULT 0 CHECK (referred IN (0, 1)),"
    "  referral_destination TEXT CHECK (referred = 1 OR referral_destination IS NULL),"
    "  notes TEXT CHECK (notes IS NULL OR length(CAST(notes AS BLOB)) <= 65536));"
    "CREATE INDEX sessions_beneficiary ON sessions (beneficiary_id, date);"
    "CREATE INDEX sessions_date ON sessions (date);"

    "CREATE TABLE workshops ("
    "  id INTEGER PRIMARY KEY,"
    "  mediator_id INTEGER REFERENCES mediators (id) ON DELETE SET NULL,"
    "  title TEXT NOT NULL CHECK (length(title) >= 1),"
    "  level TEXT,"
    "  themes TEXT NOT NULL CHECK (json_type(themes) = 'array' AND json_array_length(themes) >= 1),"
    "  date TEXT NOT NULL,"
    "  duration_minutes INTEGER NOT NULL CHECK (duration_minutes BETWEEN 1 AND 1440),"
    "  place_type TEXT NOT NULL,"
    "  place_id INTEGER REFERENCES places (id) ON DELETE SET NULL,"
    "  equipment TEXT NOT NULL DEFAULT '[]' CHECK (json_type(equipment) = 'array'),"
    "  notes TEXT CHECK (notes IS NULL OR length(CAST(notes AS BLOB)) <= 65536),"
    "  anon_total INTEGER NOT NULL DEFAULT 0,"
    "  anon_deja_accompagne INTEGER NOT NULL DEFAULT 0,"
    "  anon_genre_feminin INTEGER NOT NULL DEFAULT 0,"
    "  anon_genre_masculin INTEGER NOT NULL DEFAULT 0,"
    "  anon_genre_non_communique INTEGER NOT NULL DEFAULT 0,"
    "  anon_age_moins_de_douze INTEGER NOT NULL DEFAULT 0,"
    "  anon_age_douze_dix_huit INTEGER NOT NULL DEFAULT 0,"
    "  anon_age_dix_huit_vingt_quatre INTEGER NOT NULL DEFAULT 0,"
    "  anon_age_vingt_cinq_trente_neuf INTEGER NOT NULL DEFAULT 0,"
    "  anon_age_quarante_cinquante_neuf INTEGER NOT NULL DEFAULT 0,"
    "  anon_age_soixante_soixante_neuf INTEGER NOT NULL DEFAULT 0,"
    "  anon_age_soixante_dix_plus INTEGER NOT NULL DEFAULT 0,"
    "  anon_age_non_communique INTEGER NOT NULL DEFAULT 0,"
    "  anon_statut_scolarise INTEGER NOT NULL DEFAULT 0,"
    "  anon_statut_sans_emploi INTEGER NOT NULL DEFAULT 0,"
    "  anon_statut_en_emploi INTEGER NOT NULL DEFAULT 0,"
    "  anon_statut_retraite INTEGER NOT NULL DEFAULT 0,"
    "  anon_statut_non_communique INTEGER NOT NULL DEFAULT 0,"
    /* The Coop's rules: each count ≤ 10 000, each dimension's sum ≤ total. */
    "  CHECK (min(anon_total, anon_deja_accompagne, anon_genre_feminin, anon_genre_masculin,"
    "             anon_genre_non_communique, anon_age_moins_de_douze, anon_age_douze_dix_huit,"
    "             anon_age_dix_huit_vingt_quatre, anon_age_vingt_cinq_trente_neuf,"
    "             anon_age_quarante_cinquante_neuf, anon_age_soixante_soixante_neuf,"
    "             anon_age_soixante_dix_plus, anon_age_non_communique, anon_statut_scolarise,"
    "             anon_statut_sans_emploi, anon_statut_en_emploi, anon_statut_retraite,"
    "             anon_statut_non_communique) >= 0),"
    "  CHECK (anon_total <= 10000),"
    "  CHECK (anon_deja_accompagne <= anon_total),"
    "  CHECK (anon_genre_feminin + anon_genre_masculin + anon_genre_non_communique <= anon_total),"
    "  CHECK (anon_age_moins_de_douze + anon_age_douze_dix_huit + anon_age_dix_huit_vingt_quatre"
    "         + anon_age_vingt_cinq_trente_neuf + anon_age_quarante_cinquante_neuf"
    "         + anon_age_soixante_soixante_neuf + anon_age_soixante_dix_plus"
    "         + anon_age_non_communique <= anon_total),"
    "  CHECK (anon_statut_scolarise + anon_statut_sans_emploi + anon_statut_en_emploi"
    "         + anon_statut_retraite + anon_statut_non_communique <= anon_total));"
    "CREATE INDEX workshops_date ON workshops (date);"
    "CREATE TABLE workshop_attendance ("
    "  workshop_id INTEGER NOT NULL REFERENCES workshops (id) ON DELETE CASCADE,"
    "  beneficiary_id INTEGER NOT NULL REFERENCES beneficiaries (id) ON DELETE CASCADE,"
    "  PRIMARY KEY (workshop_id, beneficiary_id)) WITHOUT ROWID;"
    "CREATE INDEX workshop_attendance_beneficiary ON workshop_attendance (beneficiary_id);"

    "CREATE TABLE parcours ("
    "  id INTEGER PRIMARY KEY,"
    "  beneficiary_id INTEGER NOT NULL REFERENCES beneficiaries (id) ON DELETE CASCADE,"
    "  title TEXT NOT NULL CHECK (length(title) >= 1), goal TEXT,"
    "  created_unix INTEGER NOT NULL);"
    "CREATE INDEX parcours_beneficiary ON parcours (beneficiary_id);"
    "CREATE TABLE parcours_items ("
    "  id INTEGER PRIMARY KEY,"
    "  parcours_id INTEGER NOT NULL REFERENCES parcours (id) ON DELETE CASCADE,"
    "  position INTEGER NOT NULL, planned_date TEXT, label TEXT,"
    "  workshop_id INTEGER REFERENCES workshops (id) ON DELETE SET NULL,"
    "  session_id INTEGER REFERENCES sessions (id) ON DELETE SET NULL,"
    "  done INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),"
    "  UNIQUE (parcours_id, position));"
    "CREATE INDEX parcours_items_workshop ON parcours_items (workshop_id);"
    "CREATE INDEX parcours_items_session ON parcours_items (session_id);"

    "CREATE TABLE referrals ("
    "  id INTEGER PRIMARY KEY,"
    "  beneficiary_id INTEGER NOT NULL REFERENCES beneficiaries (id) ON DELETE CASCADE,"
    "  session_id INTEGER REFERENCES sessions (id) ON DELETE SET NULL,"
    "  place_id INTEGER REFERENCES places (id) ON DELETE SET NULL,"
    "  mediator_id INTEGER REFERENCES mediators (id) ON DELETE SET NULL,"
    "  date TEXT NOT NULL, destination TEXT, reason TEXT, already_done TEXT, documents TEXT,"
    "  consent_to_share INTEGER NOT NULL DEFAULT 0 CHECK (consent_to_share IN (0, 1)),"
    "  status TEXT NOT NULL DEFAULT 'issued' CHECK (status IN ('issued', 'honoured', 'unknown')),"
    "  sheet_fingerprint TEXT UNIQUE);"
    "CREATE INDEX referrals_beneficiary ON referrals (beneficiary_id);"
    "CREATE INDEX referrals_session ON referrals (session_id);"
    "CREATE INDEX referrals_place ON referrals (place_id);"
    "CREATE INDEX sessions_place ON sessions (place_id);"
    "CREATE INDEX workshops_place ON workshops (place_id);"

    /* Append-only: the triggers refuse changes through SQL; the hash chain
     * (sillon-journal.c) detects changes made below SQL. No foreign key to
     * mediators: entries outlive the people they name. */
    "CREATE TABLE journal ("
    "  seq INTEGER PRIMARY KEY,"
    "  at_unix INTEGER NOT NULL,"
    "  action TEXT NOT NULL CHECK (action IN ('open', 'export', 'print', 'erase',"
    "                                         'passphrase_change', 'import', 'shell')),"
    "  mediator_id INTEGER,"
    "  details TEXT NOT NULL DEFAULT '',"
    "  prev_hash BLOB NOT NULL, hash BLOB NOT NULL);"
    "CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal"
    "  BEGIN SELECT RAISE (ABORT, 'the journal is append-only'); END;"
    "CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal"
    "  BEGIN SELECT RAISE (ABORT, 'the journal is append-only'); END;";

/* Version 2: search. Names are folded in C (accents, case, ligatures: “Œ”
 * becomes “oe”, which no SQLite tokenizer does) into beneficiaries.name_key,
 * last name first, and every search structure reads that one column, so rows
 * and queries are folded alike. Three structures, because a keystroke must
 * cost well under 10 ms with 20 000 people whatever is typed:
 *  - the B-tree index on name_key answers the commonest case, the start of
 *    a last name, as an ordered range, even for one letter;
 *  - FTS5 (unicode61 remove_diacritics 2, prefix indexes 1–3) answers the
 *    start of any word, first names and several words, in any order;
 *  - a trigram table answers typos (“Dupond” for “Dupont”, “Martn”): count
 *    shared trigrams through its index, then check the few candidates with
 *    an edit distance. FTS5's own trigram tokenizer would need the typed
 *    text to occur verbatim, which a typo prevents. */
static const char migration_2[] =
    "CREATE VIRTUAL TABLE beneficiary_fts USING fts5 ("
    "  name_key, content = 'beneficiaries', content_rowid = 'id',"
    "  tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3');"
    "CREATE TRIGGER beneficiary_fts_insert AFTER INSERT ON beneficiaries BEGIN"
    "  INSERT INTO beneficiary_fts (rowid, name_key) VALUES (new.id, new.name_key); END;"
    "CREATE TRIGGER beneficiary_fts_delete AFTER DELETE ON beneficiaries BEGIN"
    "  INSERT INTO beneficiary_fts (beneficiary_fts, rowid, name_key) VALUES ('delete', old.id, old.name_key); END;"
    "CREATE TRIGGER beneficiary_fts_update AFTER UPDATE OF name_key ON beneficiaries BEGIN"
    "  INSERT INTO beneficiary_fts (beneficiary_fts, rowid, name_key) VALUES ('delete', old.id, old.name_key);"
    "  INSERT INTO beneficiary_fts (rowid, name_key) VALUES (new.id, new.name_key); END;"
    "INSERT INTO beneficiary_fts (beneficiary_fts) VALUES ('rebuild');"
    "CREATE TABLE beneficiary_trigrams ("
    "  trigram TEXT NOT NULL,"
    "  beneficiary_id INTEGER NOT NULL REFERENCES beneficiaries (id) ON DELETE CASCADE,"
    "  PRIMARY KEY (trigram, beneficiary_id)) WITHOUT ROWID;"
    "CREATE INDEX beneficiary_trigrams_beneficiary ON beneficiary_trigrams (beneficiary_id);"
    "CREATE VIRTUAL TABLE place_fts USING fts5 ("
    "  nom, commune, code_postal, code_insee, services, content = 'places', content_rowid = 'id',"
    "  tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2 3');"
    "CREATE TRIGGER place_fts_insert AFTER INSERT ON places BEGIN"
    "  INSERT INTO place_fts (rowid, nom, commune, code_postal, code_insee, services)"
    "  VALUES (new.id, new.nom, new.commune, new.code_postal, new.code_insee, new.services); END;"
    "CREATE TRIGGER place_fts_delete AFTER DELETE ON places BEGIN"
    "  INSERT INTO place_fts (place_fts, rowid, nom, commune, code_postal, code_insee, services)"
    "  VALUES ('delete', old.id, old.nom, old.commune, old.code_postal, old.code_insee, old.services); END;"
    "CREATE TRIGGER place_fts_update AFTER UPDATE ON places BEGIN"
    "  INSERT INTO place_fts (place_fts, rowid, nom, commune, code_postal, code_insee, services)"
    "  VALUES ('delete', old.id, old.nom, old.commune, old.code_postal, old.code_insee, old.services);"
    "  INSERT INTO place_fts (rowid, nom, commune, code_postal, code_insee, services)"
    "  VALUES (new.id, new.nom, new.commune, new.code_postal, new.code_insee, new.services); END;"
    "INSERT INTO place_fts (place_fts) VALUES ('rebuild');";

/* Version 1 stored name_key already; fill the trigram table for the people
 * a version-1 vault holds. */
static gboolean
migrate_2_fill_trigrams (sqlite3 *db, GError **error)
{
  g_autoptr (SillonStore) store = g_new0 (SillonStore, 1);
  sqlite3_stmt *stmt = NULL;
  int rc;

  store->db = db;
  store->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) sqlite3_finalize);
  rc = sqlite3_prepare_v2 (db, "SELECT id, first_name, last_name FROM beneficiaries", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      store_set_sql_error (db, rc, error);
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *key = store_name_key ((const char *) sqlite3_column_text (stmt, 1),
                                             (const char *) sqlite3_column_text (stmt, 2));

      if (!store_index_beneficiary (store, sqlite3_column_int64 (stmt, 0), key, error))
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      store_set_sql_error (db, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* Version 3: statistics. The privacy-budget ledger of differentially
 * private releases (ε in millionths, charged to each calendar year a
 * release covers; append-only like the journal, since a forgotten release
 * would let the budget be spent twice), the budget of a year when it is
 * not the default, and the site's Ed25519 key that signs its statistics
 * bundles (kept here, encrypted with the rest of the vault). */
static const char migration_3[] =
    "CREATE TABLE stats_dp_ledger ("
    "  id INTEGER PRIMARY KEY,"
    "  year INTEGER NOT NULL CHECK (year BETWEEN 1900 AND 9999),"
    "  period_from TEXT NOT NULL, period_to TEXT NOT NULL,"
    "  epsilon_micro INTEGER NOT NULL CHECK (epsilon_micro > 0),"
    "  released_unix INTEGER NOT NULL);"
    "CREATE INDEX stats_dp_ledger_year ON stats_dp_ledger (year);"
    "CREATE TRIGGER stats_dp_ledger_no_update BEFORE UPDATE ON stats_dp_ledger"
    "  BEGIN SELECT RAISE (ABORT, 'the privacy ledger is append-only'); END;"
    "CREATE TRIGGER stats_dp_ledger_no_delete BEFORE DELETE ON stats_dp_ledger"
    "  BEGIN SELECT RAISE (ABORT, 'the privacy ledger is append-only'); END;"
    "CREATE TABLE stats_dp_budget ("
    "  year INTEGER PRIMARY KEY CHECK (year BETWEEN 1900 AND 9999),"
    "  epsilon_micro INTEGER NOT NULL CHECK (epsilon_micro > 0));"
    "CREATE TABLE stats_site_key ("
    "  id INTEGER PRIMARY KEY CHECK (id = 1),"
    "  public_key BLOB NOT NULL CHECK (length(public_key) = 32),"
    "  secret_key BLOB NOT NULL CHECK (length(secret_key) = 64),"
    "  created_unix INTEGER NOT NULL);";

/* Version 4: referrals. A referral can end "not honoured" (the person did
 * not go, or the place could not help), and says what the person agreed to
 * share when they agreed. SQLite cannot change a CHECK constraint in place:
 * the table is rebuilt and its rows copied (no other table refers to
 * referrals, so nothing points at the old one), and an index serves the
 * list of referrals still waiting for news. */
static const char migration_4[] =
    "CREATE TABLE referrals_v4 ("
    "  id INTEGER PRIMARY KEY,"
    "  beneficiary_id INTEGER NOT NULL REFERENCES beneficiaries (id) ON DELETE CASCADE,"
    "  session_id INTEGER REFERENCES sessions (id) ON DELETE SET NULL,"
    "  place_id INTEGER REFERENCES places (id) ON DELETE SET NULL,"
    "  mediator_id INTEGER REFERENCES mediators (id) ON DELETE SET NULL,"
    "  date TEXT NOT NULL, destination TEXT, reason TEXT, already_done TEXT, documents TEXT,"
    "  consent_to_share INTEGER NOT NULL DEFAULT 0 CHECK (consent_to_share IN (0, 1)),"
    "  consent_details TEXT CHECK (consent_to_share = 1 OR consent_details IS NULL),"
    "  status TEXT NOT NULL DEFAULT 'issued'"
    "    CHECK (status IN ('issued', 'honoured', 'not-honoured', 'unknown')),"
    "  sheet_fingerprint TEXT UNIQUE);"
    "INSERT INTO referrals_v4 (id, beneficiary_id, session_id, place_id, mediator_id, date, destination,"
    "  reason, already_done, documents, consent_to_share, status, sheet_fingerprint)"
    "  SELECT id, beneficiary_id, session_id, place_id, mediator_id, date, destination,"
    "  reason, already_done, documents, consent_to_share, status, sheet_fingerprint FROM referrals;"
    "DROP TABLE referrals;"
    "ALTER TABLE referrals_v4 RENAME TO referrals;"
    "CREATE INDEX referrals_beneficiary ON referrals (beneficiary_id);"
    "CREATE INDEX referrals_session ON referrals (session_id);"
    "CREATE INDEX referrals_place ON referrals (place_id);"
    "CREATE INDEX referrals_status_date ON referrals (status, date);";

typedef struct
{
  const char *sql;
  gboolean (*run) (sqlite3 *db, GError **error);
} Migration;

static const Migration migrations[] = {
  { migration_1, NULL },
  { migration_2, migrate_2_fill_trigrams },
  { migration_3, NULL },
  { migration_4, NULL },
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == SILLON_STORE_SCHEMA_VERSION);

gboolean
sillon_store_read_schema_version (sqlite3 *db, int *out_version, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);

  if (rc != SQLITE_OK || (rc = sqlite3_step (stmt)) != SQLITE_ROW)
    {
      store_set_sql_error (db, rc, error);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  *out_version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return TRUE;
}

gboolean
sillon_store_migrate (sqlite3 *db, int target_version, GError **error)
{
  int version;

  if (!sillon_store_read_schema_version (db, &version, error))
    return FALSE;
  if (version > SILLON_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_SCHEMA_TOO_NEW,
                   _ ("This vault was written by a newer version of Sillon (data version %d; this "
                      "version reads up to %d). Update Sillon to open it."),
                   version, SILLON_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  while (version < target_version)
    {
      const Migration *m = &migrations[version];
      /* A constant integer, not user text: PRAGMA cannot take a parameter. */
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", version + 1);

      if (!store_exec (db, "BEGIN IMMEDIATE", error))
        return FALSE;
      if (!store_exec (db, m->sql, error) ||
          (m->run != NULL && !m->run (db, error)) ||
          !store_exec (db, set_version, error) ||
          !store_exec (db, "COMMIT", error))
        {
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          g_prefix_error (error, _ ("Could not upgrade the data to version %d: "), version + 1);
          return FALSE;
        }
      version++;
    }
  return TRUE;
}

/* ── The store ─────────────────────────────────────────────────────────── */

SillonStore *
sillon_store_new_with_vocabulary (sqlite3 *db, SillonVocabulary *vocabulary, GError **error)
{
  g_autoptr (SillonStore) store = NULL;
  sqlite3_stmt *stmt = NULL;
  int foreign_keys = 0;

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (vocabulary != NULL, NULL);

  store = g_new0 (SillonStore, 1);
  store->db = db;
  store->vocabulary = vocabulary;
  store->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                             (GDestroyNotify) sqlite3_finalize);

  /* secure_delete zeroes deleted content, which erasure relies on;
   * foreign keys carry deletions to everything linked to a person. Both are
   * per connection and must be set outside a transaction. */
  if (!store_exec (db, "PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON", error))
    return NULL;
  if (sqlite3_prepare_v2 (db, "PRAGMA foreign_keys", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    foreign_keys = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  if (!foreign_keys)
    {
      g_set_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_SQL,
                   _ ("Could not enable foreign keys on the database (is a transaction open?)"));
      return NULL;
    }

  if (!sillon_store_migrate (db, SILLON_STORE_SCHEMA_VERSION, error))
    return NULL;
  store->schema_version = SILLON_STORE_SCHEMA_VERSION;
  return g_steal_pointer (&store);
}

SillonStore *
sillon_store_new (sqlite3 *db, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  SillonVocabulary *vocabulary = sillon_vocabulary_new_default (&local_error);

  g_return_val_if_fail (db != NULL, NULL);

  if (vocabulary == NULL)
    {
      g_set_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_VOCABULARY,
                   _ ("Could not load the national vocabulary: %s"), local_error->message);
      return NULL;
    }
  return sillon_store_new_with_vocabulary (db, vocabulary, error);
}

void
sillon_store_free (SillonStore *store)
{
  if (store == NULL)
    return;
  g_clear_pointer (&store->statements, g_hash_table_unref);
  g_clear_pointer (&store->vocabulary, sillon_vocabulary_free);
  g_free (store);
}

sqlite3 *
sillon_store_get_db (SillonStore *store)
{
  return store->db;
}

SillonVocabulary *
sillon_store_get_vocabulary (SillonStore *store)
{
  return store->vocabulary;
}

int
sillon_store_get_schema_version (SillonStore *store)
{
  return store->schema_version;
}

/* The outermost level is a real transaction, taken IMMEDIATE so that a
 * write never fails half-way on a lock upgrade; inner levels are savepoints.
 * If the caller already opened a transaction on the connection, every
 * level is a savepoint inside it. */
gboolean
sillon_store_begin (SillonStore *store, GError **error)
{
  gboolean outer = store->transaction_depth == 0;

  if (outer)
    store->outer_savepoint = !sqlite3_get_autocommit (store->db);
  if (!store_exec (store->db, outer && !store->outer_savepoint ? "BEGIN IMMEDIATE" : "SAVEPOINT sillon", error))
    return FALSE;
  store->transaction_depth++;
  return TRUE;
}

static gboolean
at_real_transaction (SillonStore *store)
{
  return store->transaction_depth == 1 && !store->outer_savepoint;
}

gboolean
sillon_store_commit (SillonStore *store, GError **error)
{
  g_return_val_if_fail (store->transaction_depth > 0, FALSE);

  if (!store_exec (store->db, at_real_transaction (store) ? "COMMIT" : "RELEASE sillon", error))
    {
      sillon_store_rollback (store);
      return FALSE;
    }
  store->transaction_depth--;
  return TRUE;
}

void
sillon_store_rollback (SillonStore *store)
{
  g_return_if_fail (store->transaction_depth > 0);

  if (at_real_transaction (store))
    sqlite3_exec (store->db, "ROLLBACK", NULL, NULL, NULL);
  else
    sqlite3_exec (store->db, "ROLLBACK TO sillon; RELEASE sillon", NULL, NULL, NULL);
  store->transaction_depth--;
}

struct _SillonStoreTransaction
{
  SillonStore *store;
  gboolean finished; /* committed, or rolled back by a failed commit */
};

SillonStoreTransaction *
sillon_store_transaction_begin (SillonStore *store, GError **error)
{
  SillonStoreTransaction *tx;

  g_return_val_if_fail (store != NULL, NULL);

  if (!sillon_store_begin (store, error))
    return NULL;
  tx = g_new0 (SillonStoreTransaction, 1);
  tx->store = store;
  return tx;
}

gboolean
sillon_store_transaction_commit (SillonStoreTransaction *tx, GError **error)
{
  g_return_val_if_fail (tx != NULL && !tx->finished, FALSE);

  /* A failed commit has rolled back already: nothing is left to undo. */
  tx->finished = TRUE;
  return sillon_store_commit (tx->store, error);
}

void
sillon_store_transaction_free (SillonStoreTransaction *tx)
{
  if (tx == NULL)
    return;
  if (!tx->finished)
    sillon_store_rollback (tx->store);
  g_free (tx);
}

/* ── Mediators ─────────────────────────────────────────────────────────── */

SillonMediator *
sillon_mediator_new (void)
{
  SillonMediator *m = g_new0 (SillonMediator, 1);

  m->vault_slot = -1;
  return m;
}

void
sillon_mediator_free (SillonMediator *m)
{
  if (m == NULL)
    return;
  g_free (m->display_name);
  g_free (m);
}

static gboolean
check_mediator (const SillonMediator *m, GError **error)
{
  if (!store_check_text (_ ("display name"), m->display_name, SILLON_STORE_MAX_TEXT_BYTES, TRUE, error))
    return FALSE;
  if (m->vault_slot >= 8)
    {
      g_set_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID,
                   _ ("“%d” is not a valid value for the field “%s”"), m->vault_slot, _ ("vault slot"));
      return FALSE;
    }
  return TRUE;
}

gboolean
sillon_store_insert_mediator (SillonStore *store, SillonMediator *m, GError **error)
{
  g_autoptr (StoreStmt) stmt = NULL;

  if (!check_mediator (m, error))
    return FALSE;
  stmt = store_stmt (store, "INSERT INTO mediators (display_name, vault_slot, created_unix) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  if (m->created_unix == 0)
    m->created_unix = store_now_unix ();
  store_bind_text (stmt, 1, m->display_name);
  if (m->vault_slot >= 0)
    sqlite3_bind_int (stmt, 2, m->vault_slot);
  sqlite3_bind_int64 (stmt, 3, m->created_unix);
  if (!store_step_done (store, stmt, error))
    return FALSE;
  m->id = sqlite3_last_insert_rowid (store->db);
  return TRUE;
}

gboolean
sillon_store_update_mediator (SillonStore *store, const SillonMediator *m, GError **error)
{
  g_autoptr (StoreStmt) stmt = NULL;

  if (!check_mediator (m, error))
    return FALSE;
  stmt = store_stmt (store, "UPDATE mediators SET display_name = ?, vault_slot = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  store_bind_text (stmt, 1, m->display_name);
  if (m->vault_slot >= 0)
    sqlite3_bind_int (stmt, 2, m->vault_slot);
  sqlite3_bind_int64 (stmt, 3, m->id);
  return store_step_done (store, stmt, error) &&
         store_check_changed (store, _ ("mediator"), m->id, error);
}

static gpointer
mediator_from_row (StoreStmt *stmt)
{
  SillonMediator *m = sillon_mediator_new ();

  m->id = sqlite3_column_int64 (stmt, 0);
  m->display_name = store_column_text (stmt, 1);
  m->vault_slot = sqlite3_column_type (stmt, 2) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 2);
  m->created_unix = sqlite3_column_int64 (stmt, 3);
  return m;
}

SillonMediator *
sillon_store_get_mediator (SillonStore *store, gint64 id, GError **error)
{
  return store_get_one (store, "SELECT id, display_name, vault_slot, created_unix FROM mediators WHERE id = ?",
                        mediator_from_row, _ ("mediator"), id, error);
}

GPtrArray *
sillon_store_list_mediators (SillonStore *store, GError **error)
{
  g_autoptr (StoreStmt) stmt = store_stmt (store, "SELECT id, display_name, vault_slot, created_unix FROM mediators ORDER BY display_name, id", error);

  if (stmt == NULL)
    return NULL;
  return store_collect (store, stmt, mediator_from_row, (GDestroyNotify) sillon_mediator_free, error);
}

gboolean
sillon_store_delete_mediator (SillonStore *store, gint64 id, GError **error)
{
  return store_delete_by_id (store, "DELETE FROM mediators WHERE id = ?", _ ("mediator"), id, error);
}

/* ── Places ────────────────────────────────────────────────────────────── */

typedef struct
{
  const char *name;   /* in the national schema */
  const char *column; /* in our table */
  gboolean multi;
} PlaceColumn;

static const PlaceColumn place_columns[SILLON_PLACE_N_COLUMNS] = {
  { "id", "lieu_id", FALSE },
  { "pivot", "pivot", FALSE },
  { "nom", "nom", FALSE },
  { "commune", "commune", FALSE },
  { "code_postal", "code_postal", FALSE },
  { "code_insee", "code_insee", FALSE },
  { "adresse", "adresse", FALSE },
  { "complement_adresse", "complement_adresse", FALSE },
  { "latitude", "latitude", FALSE },
  { "longitude", "longitude", FALSE },
  { "typologie", "typologie", TRUE },
  { "telephone", "telephone", FALSE },
  { "courriels", "courriels", TRUE },
  { "site_web", "site_web", TRUE },
  { "horaires", "horaires", FALSE },
  { "presentation_resume", "presentation_resume", FALSE },
  { "presentation_detail", "presentation_detail", FALSE },
  { "source", "source", FALSE },
  { "itinerance", "itinerance", TRUE },
  { "structure_parente", "structure_parente", FALSE },
  { "date_maj", "date_maj", FALSE },
  { "services", "services", TRUE },
  { "publics_specifiquement_adresses", "publics_specifiquement_adresses", TRUE },
  { "prise_en_charge_specifique", "prise_en_charge_specifique", TRUE },
  { "frais_a_charge", "frais_a_charge", TRUE },
  { "dispositif_programmes_nationaux", "dispositif_programmes_nationaux", TRUE },
  { "formations_labels", "formations_labels", TRUE },
  { "autres_formations_labels", "autres_formations_labels", FALSE },
  { "modalites_acces", "modalites_acces", TRUE },
  { "modalites_accompagnement", "modalites_accompagnement", TRUE },
  { "fiche_acces_libre", "fiche_acces_libre", FALSE },
  { "prise_rdv", "prise_rdv", FALSE },
};

/* Built once from place_columns: the column list is our own constant text. */
#define PLACE_COLUMNS                                                                        \
  "lieu_id, pivot, nom, commune, code_postal, code_insee, adresse, complement_adresse, "     \
  "latitude, longitude, typologie, telephone, courriels, site_web, horaires, "               \
  "presentation_resume, presentation_detail, source, itinerance, structure_parente, "        \
  "date_maj, services, publics_specifiquement_adresses, prise_en_charge_specifique, "        \
  "frais_a_charge, dispositif_programmes_nationaux, formations_labels, "                     \
  "autres_formations_labels, modalites_acces, modalites_accompagnement, fiche_acces_libre, " \
  "prise_rdv"
#define PLACE_PARAMS "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?"

const char *
sillon_place_column_name (SillonPlaceColumn field)
{
  g_return_val_if_fail (field < SILLON_PLACE_N_COLUMNS, NULL);
  return place_columns[field].name;
}

int
sillon_place_column_from_name (const char *name)
{
  for (int i = 0; i < SILLON_PLACE_N_COLUMNS; i++)
    if (g_strcmp0 (place_columns[i].name, name) == 0)
      return i;
  return -1;
}

gboolean
sillon_place_column_is_multi (SillonPlaceColumn field)
{
  g_return_val_if_fail (field < SILLON_PLACE_N_COLUMNS, FALSE);
  return place_columns[field].multi;
}

SillonPlaceRecord *
sillon_place_record_new (void)
{
  return g_new0 (SillonPlaceRecord, 1);
}

void
sillon_place_record_free (SillonPlaceRecord *p)
{
  if (p == NULL)
    return;
  for (int i = 0; i < SILLON_PLACE_N_COLUMNS; i++)
    {
      g_free (p->values[i]);
      g_strfreev (p->multi[i]);
    }
  g_strfreev (p->flagged);
  g_free (p);
}

void
sillon_place_record_set (SillonPlaceRecord *p, SillonPlaceColumn field, const char *value)
{
  g_return_if_fail (field < SILLON_PLACE_N_COLUMNS && !place_columns[field].multi);
  g_free (p->values[field]);
  p->values[field] = (value != NULL && *value != '\0') ? g_strdup (value) : NULL;
}

void
sillon_place_record_set_multi (SillonPlaceRecord *p, SillonPlaceColumn field, const char *const *values)
{
  g_return_if_fail (field < SILLON_PLACE_N_COLUMNS && place_columns[field].multi);
  g_strfreev (p->multi[field]);
  p->multi[field] = (values != NULL && values[0] != NULL) ? g_strdupv ((char **) values) : NULL;
}

gboolean
sillon_place_record_is_flagged (const SillonPlaceRecord *p, SillonPlaceColumn field)
{
  g_return_val_if_fail (field < SILLON_PLACE_N_COLUMNS, FALSE);
  return p->flagged != NULL && g_strv_contains ((const char *const *) p->flagged, place_columns[field].name);
}

void
sillon_place_record_flag (SillonPlaceRecord *p, SillonPlaceColumn field)
{
  guint n;

  g_return_if_fail (field < SILLON_PLACE_N_COLUMNS);
  if (sillon_place_record_is_flagged (p, field))
    return;
  n = p->flagged != NULL ? g_strv_length (p->flagged) : 0;
  p->flagged = g_renew (char *, p->flagged, n + 2);
  p->flagged[n] = g_strdup (place_columns[field].name);
  p->flagged[n + 1] = NULL;
}

static gboolean
check_place (const SillonPlaceRecord *p, GError **error)
{
  for (int i = 0; i < SILLON_PLACE_N_COLUMNS; i++)
    {
      gsize max = i == SILLON_PLACE_COL_PRESENTATION_DETAIL ? SILLON_STORE_MAX_NOTES_BYTES : SILLON_STORE_MAX_TEXT_BYTES;

      if (!place_columns[i].multi)
        {
          if (!store_check_text (place_columns[i].name, p->values[i], max, i == SILLON_PLACE_COL_NOM, error))
            return FALSE;
        }
      else
        for (gsize j = 0; p->multi[i] != NULL && p->multi[i][j] != NULL; j++)
          if (!store_check_text (place_columns[i].name, p->multi[i][j], max, TRUE, error))
            return FALSE;
    }
  return TRUE;
}

static void
bind_place (StoreStmt *stmt, const SillonPlaceRecord *p)
{
  for (int i = 0; i < SILLON_PLACE_N_COLUMNS; i++)
    {
      if (!place_columns[i].multi)
        store_bind_text (stmt, i + 1, p->values[i]);
      else if (p->multi[i] != NULL)
        store_bind_strv (stmt, i + 1, (const char *const *) p->multi[i]);
    }
  sqlite3_bind_int (stmt, SILLON_PLACE_N_COLUMNS + 1, p->own_structure ? 1 : 0);
  store_bind_strv (stmt, SILLON_PLACE_N_COLUMNS + 2, (const char *const *) p->flagged);
  sqlite3_bind_int64 (stmt, SILLON_PLACE_N_COLUMNS + 3, store_now_unix ());
}

gboolean
sillon_store_insert_place (SillonStore *store, SillonPlaceRecord *p, GError **error)
{
  return check_place (p, error) &&
         store_insert (store, "INSERT INTO places (" PLACE_COLUMNS ", own_structure, flagged, updated_unix) VALUES (" PLACE_PARAMS ", ?, ?, ?)",
                       (StoreBindFunc) bind_place, p, &p->id, error);
}

gboolean
sillon_store_find_place (SillonStore *store, const SillonPlaceRecord *p, gint64 *out_id, GError **error)
{
  g_autoptr (StoreStmt) find = NULL;
  gboolean found;

  *out_id = 0;
  if (p->values[SILLON_PLACE_COL_ID] == NULL)
    return TRUE;
  find = store_stmt (store, "SELECT id FROM places WHERE lieu_id = ? AND coalesce(source, '') = coalesce(?, '')", error);
  if (find == NULL)
    return FALSE;
  store_bind_text (find, 1, p->values[SILLON_PLACE_COL_ID]);
  store_bind_text (find, 2, p->values[SILLON_PLACE_COL_SOURCE]);
  if (!store_step_row (store, find, &found, error))
    return FALSE;
  if (found)
    *out_id = sqlite3_column_int64 (find, 0);
  return TRUE;
}

gboolean
sillon_store_upsert_place (SillonStore *store, SillonPlaceRecord *p, GError **error)
{
  gint64 id = 0;

  if (!sillon_store_find_place (store, p, &id, error))
    return FALSE;
  if (id == 0)
    return sillon_store_insert_place (store, p, error);
  p->id = id;
  return sillon_store_update_place (store, p, error);
}

gboolean
sillon_store_import_places (SillonStore *store,
                            GPtrArray *places,
                            guint *out_new,
                            guint *out_updated,
                            const SillonPlace **out_failed,
                            GError **error)
{
  guint n_new = 0, n_updated = 0;

  g_return_val_if_fail (places != NULL, FALSE);

  if (out_failed != NULL)
    *out_failed = NULL;
  for (guint i = 0; i < places->len; i++)
    {
      g_autoptr (SillonPlaceRecord) record = sillon_place_record_new_from_import (g_ptr_array_index (places, i));
      gint64 existing = 0;

      if (!sillon_store_find_place (store, record, &existing, error) || !sillon_store_upsert_place (store, record, error))
        {
          if (out_failed != NULL)
            *out_failed = g_ptr_array_index (places, i);
          return FALSE;
        }
      if (existing != 0)
        n_updated++;
      else
        n_new++;
    }
  if (out_new != NULL)
    *out_new = n_new;
  if (out_updated != NULL)
    *out_updated = n_updated;
  return TRUE;
}

gboolean
sillon_store_update_place (SillonStore *store, const SillonPlaceRecord *p, GError **error)
{
  if (!check_place (p, error))
    return FALSE;
  /* Delete-then-insert under the same id would fire the cascades; update
   * every column in place instead. */
  return store_update (store, "UPDATE places SET (" PLACE_COLUMNS ", own_structure, flagged, updated_unix) = (" PLACE_PARAMS ", ?, ?, ?) WHERE id = ?",
                       (StoreBindFunc) bind_place, p, _ ("place"), p->id, error);
}

static gpointer
place_from_row (StoreStmt *stmt)
{
  SillonPlaceRecord *p = sillon_place_record_new ();

  p->id = sqlite3_column_int64 (stmt, 0);
  p->own_structure = sqlite3_column_int (stmt, 1);
  p->flagged = store_column_strv (stmt, 2);
  for (int i = 0; i < SILLON_PLACE_N_COLUMNS; i++)
    {
      if (place_columns[i].multi)
        p->multi[i] = store_column_strv (stmt, i + 3);
      else
        p->values[i] = store_column_text (stmt, i + 3);
    }
  return p;
}

SillonPlaceRecord *
sillon_store_get_place (SillonStore *store, gint64 id, GError **error)
{
  return store_get_one (store, "SELECT id, own_structure, flagged, " PLACE_COLUMNS " FROM places WHERE id = ?",
                        place_from_row, _ ("place"), id, error);
}

static GPtrArray *
collect_places (SillonStore *store, StoreStmt *stmt, GError **error)
{
  return store_collect (store, stmt, place_from_row, (GDestroyNotify) sillon_place_record_free, error);
}

GPtrArray *
sillon_store_list_places (SillonStore *store, GError **error)
{
  g_autoptr (StoreStmt) stmt = store_stmt (store, "SELECT id, own_structure, flagged, " PLACE_COLUMNS " FROM places ORDER BY own_structure DESC, nom, id", error);

  if (stmt == NULL)
    return NULL;
  return collect_places (store, stmt, error);
}

gboolean
sillon_store_get_own_structure (SillonStore *store, SillonPlaceRecord **out_place, GError **error)
{
  g_autoptr (StoreStmt) stmt = NULL;
  gboolean found;

  g_return_val_if_fail (out_place != NULL, FALSE);
  *out_place = NULL;
  stmt = store_stmt (store, "SELECT id, own_structure, flagged, " PLACE_COLUMNS " FROM places WHERE own_structure = 1 ORDER BY id LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  if (!store_step_row (store, stmt, &found, error))
    return FALSE;
  if (found)
    *out_place = place_from_row (stmt);
  return TRUE;
}

gboolean
sillon_store_delete_place (SillonStore *store, gint64 id, GError **error)
{
  return store_delete_by_id (store, "DELETE FROM places WHERE id = ?", _ ("place"), id, error);
}

char *
store_fts_prefix_query (const char *text)
{
  g_autofree char *folded = sillon_store_fold (text);
  g_auto (GStrv) words = NULL;
  g_autoptr (GString) query = g_string_new (NULL);

  if (folded == NULL || *folded == '\0')
    return NULL;
  words = g_strsplit (folded, " ", 8);
  for (gsize i = 0; words[i] != NULL; i++)
    {
      if (*words[i] == '\0')
        continue;
      if (query->len > 0)
        g_string_append (query, " AND ");
      g_string_append_printf (query, "\"%s\"*", words[i]);
    }
  return query->len > 0 ? g_string_free (g_steal_pointer (&query), FALSE) : NULL;
}

GPtrArray *
sillon_store_search_places (SillonStore *store, const char *query, guint limit, GError **error)
{
  g_autofree char *match = store_fts_prefix_query (query);
  g_autoptr (StoreStmt) stmt = NULL;

  if (match == NULL)
    return g_ptr_array_new_with_free_func ((GDestroyNotify) sillon_place_record_free);
  stmt = store_stmt (store,
                     /* Every word must match as a prefix, so the hits
                      * differ little in relevance: the first @limit are
                      * taken as FTS5 finds them, which stops early, instead
                      * of ranking every place a short prefix matches (one
                      * letter matches most of a directory), then sorted by
                      * name, the structure's own place first. */
                     "WITH hits AS (SELECT rowid AS hit FROM place_fts WHERE place_fts MATCH ?1 LIMIT ?2)"
                     " SELECT id, own_structure, flagged, " PLACE_COLUMNS
                     " FROM hits JOIN places ON places.id = hits.hit ORDER BY own_structure DESC, nom, id",
                     error);
  if (stmt == NULL)
    return NULL;
  store_bind_text (stmt, 1, match);
  sqlite3_bind_int (stmt, 2, limit > 0 ? (int) limit : -1);
  return collect_places (store, stmt, error);
}

/* The département of a code INSEE: three characters overseas (971…989),
 * two elsewhere (2A and 2B for Corsica). */
#define PLACE_DEPARTEMENT_SQL                                                        \
  "CASE WHEN substr(code_insee, 1, 2) IN ('97', '98') THEN substr(code_insee, 1, 3)" \
  " ELSE substr(code_insee, 1, 2) END"

static int
compare_places_by_name (gconstpointer a, gconstpointer b)
{
  const SillonPlaceRecord *p = *(SillonPlaceRecord *const *) a;
  const SillonPlaceRecord *q = *(SillonPlaceRecord *const *) b;

  if (p->own_structure != q->own_structure)
    return p->own_structure ? -1 : 1;
  if (g_strcmp0 (p->values[SILLON_PLACE_COL_NOM], q->values[SILLON_PLACE_COL_NOM]) != 0)
    return g_strcmp0 (p->values[SILLON_PLACE_COL_NOM], q->values[SILLON_PLACE_COL_NOM]);
  return p->id < q->id ? -1 : p->id > q->id;
}

GPtrArray *
sillon_store_search_places_near (SillonStore *store, const char *query, const char *commune_insee, guint limit, GError **error)
{
  /* The three rings, nearest first: the commune, the rest of its
   * département, the others (a place without a code INSEE among them). */
  static const char *const rings[] = {
    "WITH hits AS (SELECT rowid AS hit FROM place_fts WHERE place_fts MATCH ?1)"
    " SELECT id, own_structure, flagged, " PLACE_COLUMNS " FROM hits JOIN places ON places.id = hits.hit WHERE code_insee = ?3 LIMIT ?2",
    "WITH hits AS (SELECT rowid AS hit FROM place_fts WHERE place_fts MATCH ?1)"
    " SELECT id, own_structure, flagged, " PLACE_COLUMNS " FROM hits JOIN places ON places.id = hits.hit WHERE code_insee IS NOT ?3 AND (" PLACE_DEPARTEMENT_SQL ") = ?4 LIMIT ?2",
    "WITH hits AS (SELECT rowid AS hit FROM place_fts WHERE place_fts MATCH ?1)"
    " SELECT id, own_structure, flagged, " PLACE_COLUMNS " FROM hits JOIN places ON places.id = hits.hit WHERE code_insee IS NOT ?3 AND (" PLACE_DEPARTEMENT_SQL ") IS NOT ?4 LIMIT ?2",
  };
  g_autofree char *match = NULL;
  g_autofree char *departement = NULL;
  g_autoptr (GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) sillon_place_record_free);

  if (commune_insee == NULL || *commune_insee == '\0')
    return sillon_store_search_places (store, query, limit, error);
  if (!sillon_communes_check_code (commune_insee, error))
    return NULL;
  match = store_fts_prefix_query (query);
  if (match == NULL)
    return g_steal_pointer (&found);
  departement = g_strndup (commune_insee, g_str_has_prefix (commune_insee, "97") || g_str_has_prefix (commune_insee, "98") ? 3 : 2);
  /* Each ring takes its first matches as FTS5 finds them and stops at the
   * limit, as the plain search does, instead of ranking every place a
   * short prefix matches (one letter matches most of a directory); the
   * few kept are then sorted by name within their ring. */
  for (gsize i = 0; i < G_N_ELEMENTS (rings) && (limit == 0 || found->len < limit); i++)
    {
      g_autoptr (StoreStmt) stmt = store_stmt (store, rings[i], error);
      g_autoptr (GPtrArray) ring = NULL;

      if (stmt == NULL)
        return NULL;
      store_bind_text (stmt, 1, match);
      sqlite3_bind_int (stmt, 2, limit > 0 ? (int) (limit - found->len) : -1);
      store_bind_text (stmt, 3, commune_insee);
      store_bind_text (stmt, 4, departement);
      ring = collect_places (store, stmt, error);
      if (ring == NULL)
        return NULL;
      g_ptr_array_sort (ring, compare_places_by_name);
      g_ptr_array_extend_and_steal (found, g_steal_pointer (&ring));
    }
  return g_steal_pointer (&found);
}

/* The importer and the store number the fields of the national schema the
 * same way, in the schema's order. */
G_STATIC_ASSERT ((int) SILLON_PLACE_N_FIELDS == (int) SILLON_PLACE_N_COLUMNS);

SillonPlaceRecord *
sillon_place_record_new_from_import (const SillonPlace *place)
{
  SillonPlaceRecord *p = sillon_place_record_new ();
  const char *single[SILLON_PLACE_N_COLUMNS] = { NULL };
  char **multi[SILLON_PLACE_N_COLUMNS] = { NULL };

  g_return_val_if_fail (place != NULL, NULL);

  single[SILLON_PLACE_COL_ID] = place->id;
  single[SILLON_PLACE_COL_PIVOT] = place->pivot;
  single[SILLON_PLACE_COL_NOM] = place->nom;
  single[SILLON_PLACE_COL_COMMUNE] = place->commune;
  single[SILLON_PLACE_COL_CODE_POSTAL] = place->code_postal;
  single[SILLON_PLACE_COL_CODE_INSEE] = place->code_insee;
  single[SILLON_PLACE_COL_ADRESSE] = place->adresse;
  single[SILLON_PLACE_COL_COMPLEMENT_ADRESSE] = place->complement_adresse;
  multi[SILLON_PLACE_COL_TYPOLOGIE] = place->typologie;
  single[SILLON_PLACE_COL_TELEPHONE] = place->telephone;
  multi[SILLON_PLACE_COL_COURRIELS] = place->courriels;
  multi[SILLON_PLACE_COL_SITE_WEB] = place->site_web;
  single[SILLON_PLACE_COL_HORAIRES] = place->horaires;
  single[SILLON_PLACE_COL_PRESENTATION_RESUME] = place->presentation_resume;
  single[SILLON_PLACE_COL_PRESENTATION_DETAIL] = place->presentation_detail;
  single[SILLON_PLACE_COL_SOURCE] = place->source;
  multi[SILLON_PLACE_COL_ITINERANCE] = place->itinerance;
  single[SILLON_PLACE_COL_STRUCTURE_PARENTE] = place->structure_parente;
  single[SILLON_PLACE_COL_DATE_MAJ] = place->date_maj;
  multi[SILLON_PLACE_COL_SERVICES] = place->services;
  multi[SILLON_PLACE_COL_PUBLICS_SPECIFIQUEMENT_ADRESSES] = place->publics_specifiquement_adresses;
  multi[SILLON_PLACE_COL_PRISE_EN_CHARGE_SPECIFIQUE] = place->prise_en_charge_specifique;
  multi[SILLON_PLACE_COL_FRAIS_A_CHARGE] = place->frais_a_charge;
  multi[SILLON_PLACE_COL_DISPOSITIF_PROGRAMMES_NATIONAUX] = place->dispositif_programmes_nationaux;
  multi[SILLON_PLACE_COL_FORMATIONS_LABELS] = place->formations_labels;
  single[SILLON_PLACE_COL_AUTRES_FORMATIONS_LABELS] = place->autres_formations_labels;
  multi[SILLON_PLACE_COL_MODALITES_ACCES] = place->modalites_acces;
  multi[SILLON_PLACE_COL_MODALITES_ACCOMPAGNEMENT] = place->modalites_accompagnement;
  single[SILLON_PLACE_COL_FICHE_ACCES_LIBRE] = place->fiche_acces_libre;
  single[SILLON_PLACE_COL_PRISE_RDV] = place->prise_rdv;

  for (int i = 0; i < SILLON_PLACE_N_COLUMNS; i++)
    {
      if (place_columns[i].multi)
        sillon_place_record_set_multi (p, i, (const char *const *) multi[i]);
      else if (single[i] != NULL)
        sillon_place_record_set (p, i, single[i]);
      if (sillon_place_is_flagged (place, (SillonPlaceField) i))
        sillon_place_record_flag (p, i);
    }
  if (place->has_coordinates)
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      sillon_place_record_set (p, SILLON_PLACE_COL_LATITUDE, g_ascii_dtostr (buffer, sizeof buffer, place->latitude));
      sillon_place_record_set (p, SILLON_PLACE_COL_LONGITUDE, g_ascii_dtostr (buffer, sizeof buffer, place->longitude));
    }
  return p;
}
