/* sillon-stats-indicators.c — counting a period's indicators from the vault
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * How the Coop counts (see docs/STATISTICS.md): an individual session is
 * one activity and one accompagnement; a workshop is one activity and one
 * accompagnement per participant, named or anonymous; beneficiaries are
 * distinct people, each anonymous workshop participant counting as one.
 *
 * The vault is read by a handful of queries over the period (bound
 * parameters, indexed on date), each row becoming a *unit* — one
 * accompagnement with the categories it falls in. Units are then sorted by
 * person, so that "distinct people" in any cell is simply the number of
 * times the person changes while walking the units: no set per cell. A
 * margin shared by several tables is one variable, stamped with the last
 * unit that counted in it, so that it counts each unit once.
 */

#include "config.h"

#include "sillon-stats-indicators.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "sillon-stats-private.h"
#include "sillon-vocabulary.h"

/* ── Periods ──────────────────────────────────────────────────────────── */

static gboolean
parse_bound (const char *text, gboolean end, char **out)
{
  guint year = 0, month = 0, day = 0;
  GDate date;

  if (g_regex_match_simple ("^[0-9]{4}$", text, 0, 0))
    {
      year = atoi (text);
      month = end ? 12 : 1;
      day = end ? 31 : 1;
    }
  else if (g_regex_match_simple ("^[0-9]{4}-[0-9]{2}$", text, 0, 0))
    {
      year = atoi (text);
      month = atoi (text + 5);
      if (month < 1 || month > 12)
        return FALSE;
      day = end ? g_date_get_days_in_month (month, year) : 1;
    }
  else if (g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", text, 0, 0))
    {
      year = atoi (text);
      month = atoi (text + 5);
      day = atoi (text + 8);
    }
  else
    return FALSE;
  if (year < 1900 || year > 9999 || !g_date_valid_dmy (day, month, year))
    return FALSE;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  *out = g_strdup_printf ("%04u-%02u-%02u", year, month, day);
  return TRUE;
}

static gboolean
is_day (const char *text)
{
  g_autofree char *normal = NULL;

  return strlen (text) == 10 && parse_bound (text, FALSE, &normal) && g_str_equal (normal, text);
}

gboolean
sillon_stats_parse_period (const char *text, char **out_from, char **out_to, GError **error)
{
  g_auto (GStrv) parts = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  if (text == NULL)
    text = "";
  parts = g_strsplit (text, "..", 2);
  if (parts[0] == NULL || !parse_bound (parts[0], FALSE, &from) ||
      !parse_bound (parts[1] != NULL ? parts[1] : parts[0], TRUE, &to) ||
      strcmp (from, to) > 0)
    {
      g_set_error (error, SILLON_STATS_ERROR, SILLON_STATS_ERROR_INVALID,
                   /* Translators: %s is what the user typed; keep the examples as they are */
                   _ ("“%s” is not a period: write for example 2026, 2026-03, 2026-01..2026-06 or 2026-01-15..2026-02-14"),
                   text);
      return FALSE;
    }
  *out_from = g_steal_pointer (&from);
  *out_to = g_steal_pointer (&to);
  return TRUE;
}

/* ── Dimensions ───────────────────────────────────────────────────────── */

typedef enum
{
  DIM_MONTH,
  DIM_DAY,
  DIM_TYPE,
  DIM_DURATION,
  DIM_CHANNEL,
  DIM_THEME,
  DIM_ADMIN,
  DIM_EQUIPMENT,
  DIM_AUTONOMY,
  DIM_HELP,
  DIM_REFERRAL,
  DIM_GENDER,
  DIM_AGE,
  DIM_STATUS,
  DIM_KIND,
  DIM_NOVELTY,
  DIM_DEPARTEMENT,
  DIM_COMMUNE,
  DIM_DEGREE,
  DIM_AXIS,
  DIM_AXIS_CHANGE,
  DIM_SKILL,
  DIM_SKILL_CHANGE,
  DIM_REF_DESTINATION,
  DIM_REF_STATUS,
  DIM_FIRST_BAND,
  DIM_LATEST_BAND,
  N_DIMS
} Dim;

static const char *const dim_names[N_DIMS] = {
  "month", "day", "type", "duration", "channel", "theme", "admin_theme", "equipment",
  "autonomy", "help_mode", "referral", "gender", "age", "status", "kind", "novelty",
  "departement", "commune", "degree", "axis", "axis_change", "skill", "skill_change",
  "destination", "referral_status", "first_score", "latest_score"
};

/* The vocabulary behind a dimension, NULL for Sillon's own. */
static const char *const dim_enumerations[N_DIMS] = {
  NULL, NULL, "TypeActivite", NULL, "TypeLieu", "Thematique_mediation_numerique",
  "Thematique_demarches_administratives", "Materiel", "Autonomie", NULL,
  "StructureDeRedirection", "Genre", "TrancheAge", "StatutSocial", NULL, NULL,
  NULL, NULL, NULL, NULL, NULL, NULL, NULL, "StructureDeRedirection", NULL, NULL, NULL
};

/* Axis scores (0–100) in bands that start where the degrees of distance
 * from digital start (docs/ASSESSMENT.md). */
static const char *const score_bands[] = { "0-24", "25-49", "50-79", "80-100" };

static int
score_band (gint64 score)
{
  return score < 25 ? 0 : score < 50 ? 1
                      : score < 80   ? 2
                                     : 3;
}

#define NOT_GIVEN "non_renseigne"
#define UNKNOWN_PLACE "inconnue"
#define WORKSHOP "atelier"

typedef struct
{
  GPtrArray *ids;     /* char * */
  GHashTable *lookup; /* id → index + 1 */
} Categories;

static void
categories_init (Categories *c)
{
  c->ids = g_ptr_array_new_with_free_func (g_free);
  c->lookup = g_hash_table_new (g_str_hash, g_str_equal);
}

static void
categories_clear (Categories *c)
{
  g_clear_pointer (&c->lookup, g_hash_table_unref);
  g_clear_pointer (&c->ids, g_ptr_array_unref);
}

static int
categories_add (Categories *c, const char *id)
{
  gpointer found = g_hash_table_lookup (c->lookup, id);
  char *copy;

  if (found != NULL)
    return GPOINTER_TO_INT (found) - 1;
  copy = g_strdup (id);
  g_ptr_array_add (c->ids, copy);
  g_hash_table_insert (c->lookup, copy, GINT_TO_POINTER (c->ids->len));
  return (int) c->ids->len - 1;
}

static int
categories_find (Categories *c, const char *id)
{
  gpointer found = id != NULL ? g_hash_table_lookup (c->lookup, id) : NULL;

  return found != NULL ? GPOINTER_TO_INT (found) - 1 : -1;
}

static const char *const *
categories_strv (Categories *c)
{
  if (c->ids->len == 0 || c->ids->pdata[c->ids->len - 1] != NULL)
    g_ptr_array_add (c->ids, NULL);
  return (const char *const *) c->ids->pdata;
}

/* Removes the NULL that categories_strv() appended. */
static void
categories_unterminate (Categories *c)
{
  if (c->ids->len > 0 && c->ids->pdata[c->ids->len - 1] == NULL)
    g_ptr_array_set_size (c->ids, c->ids->len - 1);
}

/* ── Units ────────────────────────────────────────────────────────────── */

#define MAX_MULTI 32

typedef struct
{
  gint64 person;                    /* > 0: a beneficiary; < 0: an anonymous participant */
  gint64 activity;                  /* session id × 2, workshop id × 2 + 1 */
  gint32 cat[N_DIMS];               /* single-valued dimensions; -1: none */
  guint32 themes, admin, equipment; /* bit masks over the categories */
  const char *commune;              /* interned; NULL: not given */
} Unit;

typedef struct
{
  SillonStore *store;
  sqlite3 *db;
  SillonVocabulary *vocabulary;
  SillonStatsRelease *release;
  const char *from, *to;
  Categories dims[N_DIMS];
  GArray *units;                /* Unit */
  GHashTable *strings;          /* interned communes */
  GHashTable *people;           /* beneficiary id → Person* */
  GHashTable *masks[N_DIMS];    /* JSON text of a multi-valued field → mask + 1 */
  GHashTable *first_seen;       /* person id → first activity date (interned) */
  const char *age_of_year[256]; /* birth year − 1900 → bracket */
  GDate reference;
  guint32 first_julian; /* of the period's first day */
  int first_month;      /* year × 12 + month of the period's first day */
  gint64 stamp;
  gint64 next_anonymous;
} Counter;

/* A query, over the period when it has parameters: ?1 and ?2 are its
 * first and last days. */
static sqlite3_stmt *
prepare_period (Counter *c, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (c->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      sillon_stats_set_sql_error (c->db, error);
      sqlite3_finalize (stmt);
      return NULL;
    }
  if (sqlite3_bind_parameter_count (stmt) > 0)
    {
      sqlite3_bind_text (stmt, 1, c->from, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, c->to, -1, SQLITE_STATIC);
    }
  return stmt;
}

typedef void (*RowFunc) (Counter *c, sqlite3_stmt *stmt, gconstpointer data);

/* Runs @sql (see prepare_period()) and hands each row to @row with @data. */
static gboolean
for_each_row (Counter *c, const char *sql, RowFunc row, gconstpointer data, GError **error)
{
  sqlite3_stmt *stmt = prepare_period (c, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    row (c, stmt, data);
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE ? TRUE : sillon_stats_set_sql_error (c->db, error);
}

static gboolean
load_vocabulary_dims (Counter *c, GError **error)
{
  for (guint d = 0; d < N_DIMS; d++)
    {
      const SillonVocabularyValue *values;
      gsize n = 0;

      categories_init (&c->dims[d]);
      if (dim_enumerations[d] == NULL)
        continue;
      values = sillon_vocabulary_get_values (c->vocabulary, dim_enumerations[d], &n, error);
      if (values == NULL)
        return FALSE;
      for (gsize i = 0; i < n; i++)
        categories_add (&c->dims[d], values[i].api);
    }
  /* Autonomy, mode of help and referral are recorded for individual
   * sessions only; workshops get a row of their own so that every table
   * still adds up to all the accompagnements. */
  categories_add (&c->dims[DIM_AUTONOMY], NOT_GIVEN);
  categories_add (&c->dims[DIM_AUTONOMY], WORKSHOP);
  categories_add (&c->dims[DIM_REFERRAL], NOT_GIVEN);
  categories_add (&c->dims[DIM_REFERRAL], "non_oriente");
  categories_add (&c->dims[DIM_REFERRAL], WORKSHOP);
  categories_add (&c->dims[DIM_REF_DESTINATION], NOT_GIVEN);
  for (guint i = 1; i <= 3; i++)
    categories_add (&c->dims[DIM_HELP], sillon_help_mode_to_string ((SillonHelpMode) i));
  categories_add (&c->dims[DIM_HELP], NOT_GIVEN);
  categories_add (&c->dims[DIM_HELP], WORKSHOP);
  categories_add (&c->dims[DIM_DURATION], "30");
  categories_add (&c->dims[DIM_DURATION], "60");
  categories_add (&c->dims[DIM_DURATION], "120");
  categories_add (&c->dims[DIM_DURATION], "more");
  categories_add (&c->dims[DIM_KIND], "suivi");
  categories_add (&c->dims[DIM_KIND], "anonyme");
  categories_add (&c->dims[DIM_NOVELTY], "nouveau");
  categories_add (&c->dims[DIM_NOVELTY], "deja_accompagne");
  for (guint i = 0; i < 3; i++)
    categories_add (&c->dims[DIM_AXIS], (const char *[]){ "pouvoir", "vouloir", "savoir" }[i]);
  for (guint i = 0; i < 3; i++)
    {
      const char *change = (const char *[]){ "up", "same", "down" }[i];
      categories_add (&c->dims[DIM_AXIS_CHANGE], change);
      categories_add (&c->dims[DIM_SKILL_CHANGE], change);
    }
  for (guint i = 0; i < 5; i++)
    categories_add (&c->dims[DIM_DEGREE],
                    (const char *[]){ "tres_eloigne", "eloigne", "en_progression", "autonome", "none" }[i]);
  for (guint i = 0; i < G_N_ELEMENTS (score_bands); i++)
    {
      categories_add (&c->dims[DIM_FIRST_BAND], score_bands[i]);
      categories_add (&c->dims[DIM_LATEST_BAND], score_bands[i]);
    }
  categories_add (&c->dims[DIM_REF_STATUS], "issued");
  categories_add (&c->dims[DIM_REF_STATUS], "honoured");
  categories_add (&c->dims[DIM_REF_STATUS], "unknown");
  categories_add (&c->dims[DIM_REF_STATUS], "not-honoured");

  /* Every month and every day of the period, zeros included. */
  {
    GDate day, last;
    char buffer[16];

    g_date_clear (&day, 1);
    g_date_clear (&last, 1);
    g_date_set_dmy (&day, atoi (c->from + 8), atoi (c->from + 5), atoi (c->from));
    g_date_set_dmy (&last, atoi (c->to + 8), atoi (c->to + 5), atoi (c->to));
    while (g_date_compare (&day, &last) <= 0)
      {
        g_snprintf (buffer, sizeof buffer, "%04u-%02u", g_date_get_year (&day), g_date_get_month (&day));
        categories_add (&c->dims[DIM_MONTH], buffer);
        g_snprintf (buffer, sizeof buffer, "%04u-%02u-%02u", g_date_get_year (&day),
                    g_date_get_month (&day), g_date_get_day (&day));
        categories_add (&c->dims[DIM_DAY], buffer);
        g_date_add_days (&day, 1);
      }
  }
  return TRUE;
}

static const char *
intern (Counter *c, const char *text)
{
  char *found;

  if (text == NULL)
    return NULL;
  found = g_hash_table_lookup (c->strings, text);
  if (found == NULL)
    {
      found = g_strdup (text);
      g_hash_table_add (c->strings, found);
    }
  return found;
}

static int
duration_band (guint minutes)
{
  return minutes <= 30 ? 0 : minutes <= 60 ? 1
                         : minutes <= 120  ? 2
                                           : 3;
}

/* The categories of a JSON array of vocabulary values, as a mask. The
 * values were checked against the vocabulary when stored; anything else is
 * ignored rather than trusted. */
static guint32
mask_of (Counter *c, Dim dim, const char *json)
{
  guint32 mask = 0;
  const char *p = json;
  gpointer cached;

  /* The same few combinations come back again and again. */
  if (json == NULL)
    return 0;
  if (c->masks[dim] == NULL)
    c->masks[dim] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  cached = g_hash_table_lookup (c->masks[dim], json);
  if (cached != NULL)
    return (guint32) (GPOINTER_TO_SIZE (cached) - 1);

  while (p != NULL && (p = strchr (p, '"')) != NULL)
    {
      const char *end = strchr (p + 1, '"');
      char value[128];
      int i;

      if (end == NULL || end - p - 1 >= (int) sizeof value)
        break;
      memcpy (value, p + 1, end - p - 1);
      value[end - p - 1] = '\0';
      i = categories_find (&c->dims[dim], value);
      if (i >= 0 && i < MAX_MULTI)
        mask |= 1u << i;
      p = end + 1;
    }
  g_hash_table_insert (c->masks[dim], g_strdup (json), GSIZE_TO_POINTER ((gsize) mask + 1));
  return mask;
}

static int
cat_or (Counter *c, Dim dim, const char *value, const char *fallback)
{
  int i = categories_find (&c->dims[dim], value);

  return i >= 0 ? i : categories_find (&c->dims[dim], fallback);
}

static int
month_of (Counter *c, const char *date)
{
  char month[8];

  memcpy (month, date, 7);
  month[7] = '\0';
  return categories_find (&c->dims[DIM_MONTH], month);
}

static const char *
age_bracket (Counter *c, int birth_year)
{
  const char *bracket;
  int slot = birth_year - 1900;

  if (birth_year <= 0 || slot < 0 || slot >= (int) G_N_ELEMENTS (c->age_of_year))
    return "non_communique";
  if (c->age_of_year[slot] != NULL)
    return c->age_of_year[slot];
  bracket = sillon_vocabulary_age_bracket (c->vocabulary, birth_year, &c->reference, NULL);
  if (bracket == NULL)
    bracket = "non_communique";
  c->age_of_year[slot] = bracket;
  return bracket;
}

/* What a unit takes from its person, worked out once per person rather
 * than once per accompagnement. */
typedef struct
{
  gint32 age, gender, status, novelty;
  const char *commune; /* interned */
} Person;

static void
person_row (Counter *c, sqlite3_stmt *stmt, gconstpointer data)
{
  Person *p = g_new0 (Person, 1);
  gint64 id = sqlite3_column_int64 (stmt, 0);
  const char *first = g_hash_table_lookup (c->first_seen, GINT_TO_POINTER ((gint) id));

  p->age = categories_find (&c->dims[DIM_AGE], age_bracket (c, sqlite3_column_int (stmt, 1)));
  p->gender = cat_or (c, DIM_GENDER, (const char *) sqlite3_column_text (stmt, 2), "non_communique");
  p->status = cat_or (c, DIM_STATUS, (const char *) sqlite3_column_text (stmt, 3), "non_communique");
  p->commune = intern (c, (const char *) sqlite3_column_text (stmt, 4));
  p->novelty = (first == NULL || strcmp (first, c->from) >= 0) ? 0 : 1;
  g_hash_table_insert (c->people, GINT_TO_POINTER ((gint) id), p);
}

static gboolean
load_people (Counter *c, GError **error)
{
  static const char sql[] = "SELECT id, birth_year, gender, social_status, commune_insee FROM beneficiaries";

  return for_each_row (c, sql, person_row, NULL, error);
}

static void
fill_person (Counter *c, Unit *u)
{
  const Person *p = g_hash_table_lookup (c->people, GINT_TO_POINTER ((gint) u->person));

  if (p == NULL)
    return; /* cannot happen: the foreign key holds */
  u->cat[DIM_AGE] = p->age;
  u->cat[DIM_GENDER] = p->gender;
  u->cat[DIM_STATUS] = p->status;
  u->commune = p->commune;
  u->cat[DIM_KIND] = 0;
  u->cat[DIM_NOVELTY] = p->novelty;
}

static void
unit_init (Unit *u)
{
  memset (u, 0, sizeof *u);
  for (guint d = 0; d < N_DIMS; d++)
    u->cat[d] = -1;
}

/* Days and months of the period are numbered from its first day: plain
 * arithmetic on the date, no lookup (this runs once per accompagnement). */
static void
fill_date (Counter *c, Unit *u, const char *date)
{
  int y = atoi (date), m = atoi (date + 5), d = atoi (date + 8);
  GDate day;

  if (strlen (date) != 10 || !g_date_valid_dmy (d, m, y))
    {
      u->cat[DIM_MONTH] = month_of (c, date);
      u->cat[DIM_DAY] = categories_find (&c->dims[DIM_DAY], date);
      return;
    }
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, d, m, y);
  u->cat[DIM_DAY] = (gint32) g_date_get_julian (&day) - (gint32) c->first_julian;
  u->cat[DIM_MONTH] = (y * 12 + m) - c->first_month;
  if (u->cat[DIM_DAY] < 0 || u->cat[DIM_DAY] >= (int) c->dims[DIM_DAY].ids->len)
    u->cat[DIM_DAY] = u->cat[DIM_MONTH] = -1;
}

static void
first_seen_row (Counter *c, sqlite3_stmt *stmt, gconstpointer data)
{
  gpointer key = GINT_TO_POINTER ((gint) sqlite3_column_int64 (stmt, 0));
  const char *date = intern (c, (const char *) sqlite3_column_text (stmt, 1));
  const char *known = g_hash_table_lookup (c->first_seen, key);

  if (date != NULL && (known == NULL || strcmp (date, known) < 0))
    g_hash_table_insert (c->first_seen, key, (gpointer) date);
}

static gboolean
load_first_seen (Counter *c, GError **error)
{
  static const char sql[] =
      "SELECT beneficiary_id, min(date) FROM sessions GROUP BY beneficiary_id "
      "UNION ALL "
      "SELECT wa.beneficiary_id, min(w.date) FROM workshop_attendance wa "
      "JOIN workshops w ON w.id = wa.workshop_id GROUP BY wa.beneficiary_id";

  return for_each_row (c, sql, first_seen_row, NULL, error);
}

/* What the rows of sessions and of workshops hold in the same order from
 * the column @first: the date, duration, place type (the channel),
 * equipment and themes. */
static void
fill_activity (Counter *c, Unit *u, sqlite3_stmt *stmt, int first)
{
  fill_date (c, u, (const char *) sqlite3_column_text (stmt, first));
  u->cat[DIM_DURATION] = duration_band (sqlite3_column_int (stmt, first + 1));
  u->cat[DIM_CHANNEL] = categories_find (&c->dims[DIM_CHANNEL], (const char *) sqlite3_column_text (stmt, first + 2));
  u->equipment = mask_of (c, DIM_EQUIPMENT, (const char *) sqlite3_column_text (stmt, first + 3));
  u->themes = mask_of (c, DIM_THEME, (const char *) sqlite3_column_text (stmt, first + 4));
}

static void
session_row (Counter *c, sqlite3_stmt *stmt, gconstpointer data)
{
  Unit u;
  const char *help = (const char *) sqlite3_column_text (stmt, 9);

  unit_init (&u);
  u.activity = sqlite3_column_int64 (stmt, 0) * 2;
  u.person = sqlite3_column_int64 (stmt, 1);
  u.cat[DIM_TYPE] = categories_find (&c->dims[DIM_TYPE], "individuel");
  fill_activity (c, &u, stmt, 2);
  u.admin = mask_of (c, DIM_ADMIN, (const char *) sqlite3_column_text (stmt, 7));
  u.cat[DIM_AUTONOMY] = cat_or (c, DIM_AUTONOMY, (const char *) sqlite3_column_text (stmt, 8), NOT_GIVEN);
  u.cat[DIM_HELP] = cat_or (c, DIM_HELP, help, NOT_GIVEN);
  if (sqlite3_column_int (stmt, 10))
    u.cat[DIM_REFERRAL] = cat_or (c, DIM_REFERRAL, (const char *) sqlite3_column_text (stmt, 11), NOT_GIVEN);
  else
    u.cat[DIM_REFERRAL] = categories_find (&c->dims[DIM_REFERRAL], "non_oriente");
  fill_person (c, &u);
  g_array_append_val (c->units, u);
}

static gboolean
load_sessions (Counter *c, GError **error)
{
  static const char sql[] =
      "SELECT id, beneficiary_id, date, duration_minutes, place_type, equipment,"
      "       themes, admin_themes, autonomy, help_mode, referred, referral_destination"
      "  FROM sessions WHERE date BETWEEN ?1 AND ?2";

  return for_each_row (c, sql, session_row, NULL, error);
}

/* The categories of the @index-th anonymous participant along one of the
 * Coop's anonymous counts (feminin, masculin, …): the first n1 get the
 * first category, the next n2 the second, the rest @rest. As in the Coop,
 * the joint distribution of anonymous people is not known; only each
 * dimension's counts are, and they are kept. */
static const char *
nth_category (guint index, const guint *counts, const char *const *ids, guint n, const char *rest)
{
  for (guint i = 0; i < n; i++)
    {
      if (index < counts[i])
        return ids[i];
      index -= counts[i];
    }
  return rest;
}

static gboolean
load_workshops (Counter *c, GError **error)
{
  static const char sql_workshops[] =
      "SELECT id, date, duration_minutes, place_type, equipment, themes, anon_total, anon_deja_accompagne,"
      "       anon_genre_feminin, anon_genre_masculin,"
      "       anon_age_moins_de_douze, anon_age_douze_dix_huit, anon_age_dix_huit_vingt_quatre,"
      "       anon_age_vingt_cinq_trente_neuf, anon_age_quarante_cinquante_neuf,"
      "       anon_age_soixante_soixante_neuf, anon_age_soixante_dix_plus,"
      "       anon_statut_scolarise, anon_statut_sans_emploi, anon_statut_en_emploi, anon_statut_retraite"
      "  FROM workshops WHERE date BETWEEN ?1 AND ?2 ORDER BY id";
  static const char sql_attendance[] =
      "SELECT wa.workshop_id, wa.beneficiary_id"
      "  FROM workshops w JOIN workshop_attendance wa ON wa.workshop_id = w.id"
      " WHERE w.date BETWEEN ?1 AND ?2 ORDER BY wa.workshop_id";
  static const char *const genders[] = { "feminin", "masculin" };
  static const char *const ages[] = { "moins_de_douze", "douze_dix_huit", "dix_huit_vingt_quatre",
                                      "vingt_cinq_trente_neuf", "quarante_cinquante_neuf",
                                      "soixante_soixante_neuf", "soixante_dix_plus" };
  static const char *const statuses[] = { "scolarise", "sans_emploi", "en_emploi", "retraite" };
  sqlite3_stmt *stmt = NULL, *attendance = NULL;
  int rc, arc;

  stmt = prepare_period (c, sql_workshops, error);
  if (stmt == NULL)
    return FALSE;
  attendance = prepare_period (c, sql_attendance, error);
  if (attendance == NULL)
    {
      sqlite3_finalize (stmt);
      return FALSE;
    }
  arc = sqlite3_step (attendance);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      Unit base;
      guint total = sqlite3_column_int (stmt, 6);
      guint deja = sqlite3_column_int (stmt, 7);
      guint gender_counts[2], age_counts[7], status_counts[4];

      unit_init (&base);
      base.activity = id * 2 + 1;
      base.cat[DIM_TYPE] = categories_find (&c->dims[DIM_TYPE], "collectif");
      fill_activity (c, &base, stmt, 1);
      base.cat[DIM_AUTONOMY] = categories_find (&c->dims[DIM_AUTONOMY], WORKSHOP);
      base.cat[DIM_HELP] = categories_find (&c->dims[DIM_HELP], WORKSHOP);
      base.cat[DIM_REFERRAL] = categories_find (&c->dims[DIM_REFERRAL], WORKSHOP);
      for (guint i = 0; i < 2; i++)
        gender_counts[i] = sqlite3_column_int (stmt, 8 + i);
      for (guint i = 0; i < 7; i++)
        age_counts[i] = sqlite3_column_int (stmt, 10 + i);
      for (guint i = 0; i < 4; i++)
        status_counts[i] = sqlite3_column_int (stmt, 17 + i);

      /* Named participants. */
      while (arc == SQLITE_ROW && sqlite3_column_int64 (attendance, 0) < id)
        arc = sqlite3_step (attendance);
      while (arc == SQLITE_ROW && sqlite3_column_int64 (attendance, 0) == id)
        {
          Unit u = base;

          u.person = sqlite3_column_int64 (attendance, 1);
          fill_person (c, &u);
          g_array_append_val (c->units, u);
          arc = sqlite3_step (attendance);
        }
      /* Anonymous participants: each one a person of their own. */
      for (guint i = 0; i < total; i++)
        {
          Unit u = base;

          u.person = -(++c->next_anonymous);
          u.cat[DIM_GENDER] = categories_find (&c->dims[DIM_GENDER],
                                               nth_category (i, gender_counts, genders, 2, "non_communique"));
          u.cat[DIM_AGE] = categories_find (&c->dims[DIM_AGE], nth_category (i, age_counts, ages, 7, "non_communique"));
          u.cat[DIM_STATUS] = categories_find (&c->dims[DIM_STATUS],
                                               nth_category (i, status_counts, statuses, 4, "non_communique"));
          u.cat[DIM_KIND] = 1;
          u.cat[DIM_NOVELTY] = i < deja ? 1 : 0;
          g_array_append_val (c->units, u);
        }
    }
  sqlite3_finalize (stmt);
  sqlite3_finalize (attendance);
  if (rc != SQLITE_DONE || (arc != SQLITE_DONE && arc != SQLITE_ROW))
    return sillon_stats_set_sql_error (c->db, error);
  return TRUE;
}

static int
compare_units (gconstpointer a, gconstpointer b)
{
  const Unit *x = a, *y = b;

  if (x->person != y->person)
    return x->person < y->person ? -1 : 1;
  return x->activity < y->activity ? -1 : x->activity > y->activity;
}

/* ── Tables ───────────────────────────────────────────────────────────── */

typedef struct
{
  SillonStatsTable *table;
  Dim row, col; /* col = N_DIMS: a one-way table */
  gboolean individual_only;
} Binding;

static char *
departement_of (const char *insee)
{
  if (insee == NULL || strlen (insee) < 2)
    return g_strdup (UNKNOWN_PLACE);
  /* Overseas départements have three digits (971…976). */
  if (g_str_has_prefix (insee, "97") && strlen (insee) >= 3)
    return g_strndup (insee, 3);
  return g_strndup (insee, 2);
}

static int
compare_strings (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/* Communes and départements seen in the period, sorted, so that two
 * sites' tables list them in the same order. */
static void
collect_places (Counter *c)
{
  g_autoptr (GPtrArray) communes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) deps = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) seen_deps = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < c->units->len; i++)
    {
      Unit *u = &g_array_index (c->units, Unit, i);

      /* Anonymous participants have no commune; nor do some people. */
      if (u->commune == NULL)
        continue;
      if (g_hash_table_add (seen, (gpointer) u->commune))
        {
          char *dep = departement_of (u->commune);

          g_ptr_array_add (communes, g_strdup (u->commune));
          if (!g_hash_table_contains (seen_deps, dep))
            {
              g_hash_table_add (seen_deps, g_strdup (dep));
              g_ptr_array_add (deps, dep);
            }
          else
            g_free (dep);
        }
    }
  g_ptr_array_sort (communes, compare_strings);
  g_ptr_array_sort (deps, compare_strings);
  for (guint i = 0; i < communes->len; i++)
    categories_add (&c->dims[DIM_COMMUNE], g_ptr_array_index (communes, i));
  for (guint i = 0; i < deps->len; i++)
    categories_add (&c->dims[DIM_DEPARTEMENT], g_ptr_array_index (deps, i));
  /* A row for people with no commune, anonymous participants among them,
   * so that the rows add up to the total. */
  categories_add (&c->dims[DIM_COMMUNE], UNKNOWN_PLACE);
  categories_add (&c->dims[DIM_DEPARTEMENT], UNKNOWN_PLACE);

  /* Each unit's commune and département as category numbers, looked up
   * once per commune (the communes are interned: their pointers compare). */
  {
    g_autoptr (GHashTable) of_commune = g_hash_table_new (NULL, NULL);
    g_autofree int *dep_of = g_new0 (int, c->dims[DIM_COMMUNE].ids->len);
    int unknown_commune = categories_find (&c->dims[DIM_COMMUNE], UNKNOWN_PLACE);
    int unknown_dep = categories_find (&c->dims[DIM_DEPARTEMENT], UNKNOWN_PLACE);

    for (guint i = 0; i < c->units->len; i++)
      {
        Unit *u = &g_array_index (c->units, Unit, i);
        gpointer found;

        if (u->commune == NULL)
          {
            u->cat[DIM_COMMUNE] = unknown_commune;
            u->cat[DIM_DEPARTEMENT] = unknown_dep;
            continue;
          }
        found = g_hash_table_lookup (of_commune, u->commune);
        if (found == NULL)
          {
            g_autofree char *dep = departement_of (u->commune);
            int commune = categories_find (&c->dims[DIM_COMMUNE], u->commune);

            dep_of[commune] = categories_find (&c->dims[DIM_DEPARTEMENT], dep);
            found = GINT_TO_POINTER (commune + 1);
            g_hash_table_insert (of_commune, (gpointer) u->commune, found);
          }
        u->cat[DIM_COMMUNE] = GPOINTER_TO_INT (found) - 1;
        u->cat[DIM_DEPARTEMENT] = dep_of[u->cat[DIM_COMMUNE]];
      }
  }
}

static Binding
bind (Counter *c,
      const char *id,
      const char *title,
      SillonStatsMeasure measure,
      Dim row,
      gboolean rows_additive,
      Dim col,
      gboolean cols_additive)
{
  Binding b = { 0 };
  const char *const *rows = categories_strv (&c->dims[row]);
  const char *const *cols = col < N_DIMS ? categories_strv (&c->dims[col]) : NULL;

  b.table = sillon_stats_release_add_table (c->release, id, title, measure, dim_names[row], rows, rows_additive,
                                            col < N_DIMS ? dim_names[col] : NULL, cols, cols_additive);
  categories_unterminate (&c->dims[row]);
  if (col < N_DIMS)
    categories_unterminate (&c->dims[col]);
  b.row = row;
  b.col = col;
  return b;
}

static void
touch (Counter *c, SillonStatsMeasure measure, guint index, gint64 unit, gint64 person)
{
  SillonStatsVar *var = c->release->vars->pdata[index];

  if (var->stamp_unit == unit)
    return;
  var->stamp_unit = unit;
  if (measure == SILLON_STATS_MEASURE_ACCOMPAGNEMENTS || measure == SILLON_STATS_MEASURE_REFERRALS)
    var->value++;
  if (var->stamp_person != person)
    {
      var->stamp_person = person;
      var->persons++;
      if (measure != SILLON_STATS_MEASURE_ACCOMPAGNEMENTS && measure != SILLON_STATS_MEASURE_REFERRALS &&
          measure != SILLON_STATS_MEASURE_ACTIVITIES)
        var->value++;
    }
}

static guint
unit_categories (Counter *c, const Unit *u, Dim dim, int *out)
{
  guint32 mask;
  guint n = 0;

  switch (dim)
    {
      case DIM_THEME:
        mask = u->themes;
        break;
      case DIM_ADMIN:
        mask = u->admin;
        break;
      case DIM_EQUIPMENT:
        mask = u->equipment;
        break;
      case DIM_COMMUNE:
        out[0] = categories_find (&c->dims[dim], u->commune != NULL ? u->commune : UNKNOWN_PLACE);
        return out[0] >= 0 ? 1 : 0;
      case DIM_DEPARTEMENT:
        {
          g_autofree char *dep = departement_of (u->commune);
          out[0] = categories_find (&c->dims[dim], dep);
          return out[0] >= 0 ? 1 : 0;
        }
      default:
        out[0] = u->cat[dim];
        return out[0] >= 0 ? 1 : 0;
    }
  for (guint i = 0; i < MAX_MULTI; i++)
    if (mask & (1u << i))
      out[n++] = (int) i;
  return n;
}

/* Counts @u in every cell of @b's table it falls in, margins included. */
static void
count_unit (Counter *c, const Binding *b, const Unit *u, gint64 unit, gint64 person)
{
  SillonStatsTable *t = b->table;
  int rows[MAX_MULTI], cols[MAX_MULTI];
  guint n_rows, n_cols = 0;
  guint R = t->n_rows - 1, C = t->n_cols - 1;

  n_rows = unit_categories (c, u, b->row, rows);
  if (b->col < N_DIMS)
    n_cols = unit_categories (c, u, b->col, cols);
  for (guint i = 0; i < n_rows; i++)
    {
      for (guint j = 0; j < n_cols; j++)
        touch (c, t->measure, sillon_stats_table_cell (t, rows[i], cols[j]), unit, person);
      touch (c, t->measure, sillon_stats_table_cell (t, rows[i], C), unit, person);
    }
  for (guint j = 0; j < n_cols; j++)
    touch (c, t->measure, sillon_stats_table_cell (t, R, cols[j]), unit, person);
  touch (c, t->measure, sillon_stats_table_cell (t, R, C), unit, person);
}

/* Activities are counted once each, whatever the number of participants:
 * their values come from the units in load order, where a workshop's
 * participants follow one another. */
static void
count_activity (Counter *c, const Binding *b, const Unit *u)
{
  SillonStatsTable *t = b->table;
  guint R = t->n_rows - 1, C = t->n_cols - 1;
  guint cells[4];
  int r = u->cat[b->row], col = u->cat[b->col];

  if (r < 0 || col < 0)
    return;
  cells[0] = sillon_stats_table_cell (t, r, col);
  cells[1] = sillon_stats_table_cell (t, r, C);
  cells[2] = sillon_stats_table_cell (t, R, col);
  cells[3] = sillon_stats_table_cell (t, R, C);
  for (guint i = 0; i < 4; i++)
    {
      SillonStatsVar *var = c->release->vars->pdata[cells[i]];

      if (var->stamp_activity != u->activity)
        {
          var->stamp_activity = u->activity;
          var->value++;
        }
    }
}

static void
empty_workshop_row (Counter *c, sqlite3_stmt *stmt, gconstpointer data)
{
  const Binding *b = data;
  Unit u;

  unit_init (&u);
  u.activity = sqlite3_column_int64 (stmt, 0) * 2 + 1;
  fill_date (c, &u, (const char *) sqlite3_column_text (stmt, 1));
  u.cat[DIM_TYPE] = categories_find (&c->dims[DIM_TYPE], "collectif");
  count_activity (c, b, &u);
}

static gboolean
count_workshops_without_participants (Counter *c, const Binding *b, GError **error)
{
  static const char sql[] =
      "SELECT w.id, w.date FROM workshops w WHERE w.date BETWEEN ?1 AND ?2 AND w.anon_total = 0"
      "   AND NOT EXISTS (SELECT 1 FROM workshop_attendance wa WHERE wa.workshop_id = w.id)";

  return for_each_row (c, sql, empty_workshop_row, b, error);
}

/* ── Referrals and assessments ────────────────────────────────────────── */

static void
referral_row (Counter *c, sqlite3_stmt *stmt, gconstpointer data)
{
  const Binding *b = data;
  Unit u;

  unit_init (&u);
  u.person = sqlite3_column_int64 (stmt, 0);
  u.cat[DIM_REF_DESTINATION] = cat_or (c, DIM_REF_DESTINATION, (const char *) sqlite3_column_text (stmt, 1), NOT_GIVEN);
  u.cat[DIM_REF_STATUS] = categories_find (&c->dims[DIM_REF_STATUS], (const char *) sqlite3_column_text (stmt, 2));
  count_unit (c, b, &u, ++c->stamp, u.person);
}

static gboolean
count_referrals (Counter *c, const Binding *b, GError **error)
{
  static const char sql[] =
      "SELECT beneficiary_id, destination, status FROM referrals"
      " WHERE date BETWEEN ?1 AND ?2 ORDER BY beneficiary_id, id";

  return for_each_row (c, sql, referral_row, b, error);
}

typedef struct
{
  gint64 person;
  char *last_date;
  guint n;
  gboolean has_first[3], has_last[3];
  gint64 first[3], last[3];
  char *degree;
  GHashTable *first_skills; /* item id → level */
  GHashTable *last_skills;
} Assessed;

static void
assessed_clear (Assessed *a)
{
  g_free (a->last_date);
  g_free (a->degree);
  g_clear_pointer (&a->first_skills, g_hash_table_unref);
  g_clear_pointer (&a->last_skills, g_hash_table_unref);
}

static GHashTable *
skills_of (JsonNode *node)
{
  GHashTable *skills = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonObjectIter iter;
  const char *name;
  JsonNode *value;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return skills;
  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &name, &value))
    if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_INT64)
      g_hash_table_insert (skills, g_strdup (name), GINT_TO_POINTER ((gint) json_node_get_int (value) + 1));
  return skills;
}

/* For each person whose latest assessment up to the end of the period
 * falls in the period: that assessment, and the first one ever. Both are
 * found on the index (beneficiary_id, date), which holds the row id too
 * (SQLite gives the id of the row that holds the max() of a group); only
 * those two assessments per person have their JSON read, once each. */
static gboolean
load_assessments (Counter *c, GArray *out, GError **error)
{
  static const char sql[] =
      "WITH latest AS ("
      "  SELECT beneficiary_id, max(date) AS last_date, count(*) AS n, id AS last_id"
      "    FROM assessments WHERE date <= ?2 GROUP BY beneficiary_id HAVING max(date) >= ?1),"
      " chosen AS ("
      "  SELECT last_id AS id, n FROM latest"
      "  UNION"
      "  SELECT (SELECT f.id FROM assessments f WHERE f.beneficiary_id = latest.beneficiary_id"
      "           ORDER BY f.date, f.id LIMIT 1), n FROM latest)"
      "SELECT a.beneficiary_id, a.date, chosen.n,"
      /* One parse of the document for the five values. */
      "       json_extract(a.result_json, '$.axes.pouvoir.score', '$.axes.vouloir.score',"
      "                    '$.axes.savoir.score', '$.degree.id', '$.skills')"
      "  FROM chosen JOIN assessments a ON a.id = chosen.id"
      " ORDER BY a.beneficiary_id, a.date, a.id";
  sqlite3_stmt *stmt = NULL;
  Assessed current = { 0 };
  int rc;

  stmt = prepare_period (c, sql, error);
  if (stmt == NULL)
    return FALSE;
  for (;;)
    {
      gint64 person;

      rc = sqlite3_step (stmt);
      person = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
      if (current.person != 0 && (rc != SQLITE_ROW || person != current.person))
        {
          if (current.n < 2)
            g_clear_pointer (&current.first_skills, g_hash_table_unref);
          g_array_append_val (out, current);
          memset (&current, 0, sizeof current);
        }
      if (rc != SQLITE_ROW)
        break;
      {
        /* [pouvoir, vouloir, savoir, degree, {skills}] */
        g_autoptr (JsonParser) parser = json_parser_new ();
        const char *text = (const char *) sqlite3_column_text (stmt, 3);
        JsonNode *root;
        JsonArray *values = NULL;
        gboolean has[3] = { FALSE, FALSE, FALSE };
        gint64 score[3] = { 0, 0, 0 };
        const char *degree = NULL;
        GHashTable *skills;

        if (text != NULL && json_parser_load_from_data (parser, text, -1, NULL) &&
            (root = json_parser_get_root (parser)) != NULL && JSON_NODE_HOLDS_ARRAY (root) &&
            json_array_get_length (json_node_get_array (root)) == 5)
          values = json_node_get_array (root);
        for (guint a = 0; values != NULL && a < 3; a++)
          {
            JsonNode *n = json_array_get_element (values, a);

            has[a] = JSON_NODE_HOLDS_VALUE (n) && json_node_get_value_type (n) == G_TYPE_INT64;
            score[a] = has[a] ? json_node_get_int (n) : 0;
          }
        if (values != NULL && JSON_NODE_HOLDS_VALUE (json_array_get_element (values, 3)))
          degree = json_array_get_string_element (values, 3);
        skills = skills_of (values != NULL ? json_array_get_element (values, 4) : NULL);

        if (current.person == 0)
          {
            /* The first assessment ever (also the latest when alone). */
            current.person = person;
            current.n = (guint) sqlite3_column_int64 (stmt, 2);
            memcpy (current.has_first, has, sizeof has);
            memcpy (current.first, score, sizeof score);
            current.first_skills = g_hash_table_ref (skills);
          }
        /* The latest: the person's last row. */
        memcpy (current.has_last, has, sizeof has);
        memcpy (current.last, score, sizeof score);
        g_free (current.degree);
        current.degree = g_strdup (degree);
        g_clear_pointer (&current.last_skills, g_hash_table_unref);
        current.last_skills = skills;
      }
    }
  sqlite3_finalize (stmt);
  assessed_clear (&current);
  return rc == SQLITE_DONE ? TRUE : sillon_stats_set_sql_error (c->db, error);
}

static int
change_of (gint64 before, gint64 after)
{
  return after > before ? 0 : after == before ? 1
                                              : 2;
}

static void
count_assessments (Counter *c,
                   GArray *assessed,
                   const Binding *degrees,
                   const Binding *axes,
                   const Binding *scores, /* first and latest */
                   const Binding *skills)
{
  for (guint i = 0; i < assessed->len; i++)
    {
      Assessed *a = &g_array_index (assessed, Assessed, i);
      Unit u;
      GHashTableIter iter;
      gpointer key, value;

      unit_init (&u);
      u.cat[DIM_DEGREE] = cat_or (c, DIM_DEGREE, a->degree, "none");
      count_unit (c, degrees, &u, ++c->stamp, a->person);
      if (a->n < 2)
        continue;
      for (guint axis = 0; axis < 3; axis++)
        {
          if (!a->has_first[axis] || !a->has_last[axis])
            continue;
          unit_init (&u);
          u.cat[DIM_AXIS] = axis;
          u.cat[DIM_AXIS_CHANGE] = change_of (a->first[axis], a->last[axis]);
          u.cat[DIM_FIRST_BAND] = score_band (a->first[axis]);
          u.cat[DIM_LATEST_BAND] = score_band (a->last[axis]);
          ++c->stamp;
          count_unit (c, axes, &u, c->stamp, a->person);
          count_unit (c, &scores[0], &u, c->stamp, a->person);
          count_unit (c, &scores[1], &u, c->stamp, a->person);
        }
      g_hash_table_iter_init (&iter, a->last_skills);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          gpointer before = g_hash_table_lookup (a->first_skills, key);

          if (before == NULL)
            continue;
          unit_init (&u);
          u.cat[DIM_SKILL] = categories_find (&c->dims[DIM_SKILL], key);
          u.cat[DIM_SKILL_CHANGE] = change_of (GPOINTER_TO_INT (before), GPOINTER_TO_INT (value));
          count_unit (c, skills, &u, ++c->stamp, a->person);
        }
    }
}

/* ── The release ──────────────────────────────────────────────────────── */

static void
link_children (SillonStatsRelease *release,
               const char *child_table,
               char *(*parent_of) (const char *child),
               const char *parent_prefix)
{
  SillonStatsTable *table = sillon_stats_release_find_table (release, child_table);
  g_autoptr (GHashTable) groups = NULL;
  GHashTableIter iter;
  gpointer key, value;

  if (table == NULL)
    return;
  groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_array_unref);
  for (guint r = 0; r < table->rows->len; r++)
    {
      char *parent = parent_of (g_ptr_array_index (table->rows, r));
      GArray *parts = g_hash_table_lookup (groups, parent);
      guint var = sillon_stats_table_cell (table, r, table->n_cols - 1);

      if (parts == NULL)
        {
          parts = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (groups, parent, parts);
        }
      else
        g_free (parent);
      g_array_append_val (parts, var);
    }
  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GArray *parts = value;
      g_autofree char *parent_key = g_strconcat (parent_prefix, (const char *) key, NULL);
      gint whole = sillon_stats_release_lookup (release, parent_key);

      if (whole >= 0)
        sillon_stats_release_add_relation (release, (guint) whole, (const guint *) parts->data, parts->len);
    }
}

static char *
month_of_day (const char *day)
{
  return g_strndup (day, 7);
}

static char *
departement_of_commune (const char *commune)
{
  return departement_of (g_str_equal (commune, UNKNOWN_PLACE) ? NULL : commune);
}

void
sillon_stats_link_hierarchies (SillonStatsRelease *release)
{
  link_children (release, "acc_day", month_of_day, "acc|month=");
  link_children (release, "ben_commune", departement_of_commune, "ben|departement=");
}

SillonStatsRelease *
sillon_stats_compute (SillonStore *store, const char *from, const char *to, GError **error)
{
  g_autoptr (SillonStatsRelease) release = NULL;
  g_autoptr (GArray) assessed = g_array_new (FALSE, FALSE, sizeof (Assessed));
  g_autoptr (GHashTable) skill_ids = g_hash_table_new (g_str_hash, g_str_equal);
  Counter c = { 0 };
  gboolean ok = FALSE;
  Binding act, per_person[32], degrees, axes, scores[2], skills, referrals;
  guint n_per_person = 0;

  g_return_val_if_fail (store != NULL, NULL);
  g_return_val_if_fail (from != NULL && to != NULL, NULL);
  /* The bounds must be well-formed dates: they are compared as text. */
  if (!is_day (from) || !is_day (to) || strcmp (from, to) > 0)
    {
      g_set_error (error, SILLON_STATS_ERROR, SILLON_STATS_ERROR_INVALID,
                   _ ("“%s..%s” is not a period"), from, to);
      return NULL;
    }

  release = sillon_stats_release_new (from, to);
  c.store = store;
  c.db = sillon_store_get_db (store);
  c.vocabulary = sillon_store_get_vocabulary (store);
  c.release = release;
  c.from = release->from;
  c.to = release->to;
  c.units = g_array_new (FALSE, FALSE, sizeof (Unit));
  c.strings = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  c.first_seen = g_hash_table_new (NULL, NULL);
  c.people = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_date_clear (&c.reference, 1);
  /* Age brackets at the end of the period, as the Coop derives them from
   * the birth year. */
  g_date_set_dmy (&c.reference, atoi (to + 8), atoi (to + 5), atoi (to));
  {
    GDate first;

    g_date_clear (&first, 1);
    g_date_set_dmy (&first, atoi (from + 8), atoi (from + 5), atoi (from));
    c.first_julian = g_date_get_julian (&first);
    c.first_month = atoi (from) * 12 + atoi (from + 5);
  }

  if (!load_vocabulary_dims (&c, error) || !load_first_seen (&c, error) || !load_people (&c, error) ||
      !load_sessions (&c, error) || !load_workshops (&c, error) ||
      !load_assessments (&c, assessed, error))
    goto out;
  collect_places (&c);
  for (guint i = 0; i < assessed->len; i++)
    {
      Assessed *a = &g_array_index (assessed, Assessed, i);
      GHashTableIter iter;
      gpointer key;

      if (a->last_skills == NULL || a->n < 2)
        continue;
      g_hash_table_iter_init (&iter, a->last_skills);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_hash_table_add (skill_ids, key);
    }
  {
    g_autofree gpointer *ids = (gpointer *) g_hash_table_get_keys_as_array (skill_ids, NULL);
    guint n = g_hash_table_size (skill_ids);

    qsort (ids, n, sizeof (gpointer), compare_strings);
    for (guint i = 0; i < n; i++)
      categories_add (&c.dims[DIM_SKILL], ids[i]);
  }

  /* Translators: titles of statistical tables */
  act = bind (&c, "act_month_type", N_ ("Activities by month and type"), SILLON_STATS_MEASURE_ACTIVITIES,
              DIM_MONTH, TRUE, DIM_TYPE, TRUE);
  per_person[n_per_person++] = act;
  per_person[n_per_person++] = bind (&c, "acc_month_type", N_ ("Accompaniments by month and type"),
                                     SILLON_STATS_MEASURE_ACCOMPAGNEMENTS, DIM_MONTH, TRUE, DIM_TYPE, TRUE);
  per_person[n_per_person++] = bind (&c, "acc_day", N_ ("Accompaniments by day"),
                                     SILLON_STATS_MEASURE_ACCOMPAGNEMENTS, DIM_DAY, TRUE, N_DIMS, TRUE);
  per_person[n_per_person++] = bind (&c, "acc_duration_type", N_ ("Accompaniments by duration and type"),
                                     SILLON_STATS_MEASURE_ACCOMPAGNEMENTS, DIM_DURATION, TRUE, DIM_TYPE, TRUE);
  per_person[n_per_person++] = bind (&c, "acc_channel_type", N_ ("Accompaniments by channel and type"),
                                     SILLON_STATS_MEASURE_ACCOMPAGNEMENTS, DIM_CHANNEL, TRUE, DIM_TYPE, TRUE);
  per_person[n_per_person++] = bind (&c, "acc_theme_type", N_ ("Accompaniments by mediation theme and type"),
                                     SILLON_STATS_MEASURE_ACCOMPAGNEMENTS, DIM_THEME, FALSE, DIM_TYPE, TRUE);
  per_person[n_per_person++] = bind (&c, "acc_admin_theme_type", N_ ("Accompaniments by administrative theme and type"),
                                     SILLON_STATS_MEASURE_ACCOMPAGNEMENTS, DIM_ADMIN, FALSE, DIM_TYPE, TRUE);
  per_person[n_per_person++] = bind (&c, "acc_equipment_type", N_ ("Accompaniments by equipment and type"),
                                     SILLON_STATS_MEASURE_ACCOMPAGNEMENTS, DIM_EQUIPMENT, FALSE, DIM_TYPE, TRUE);
  per_person[n_per_person++] = bind (&c, "acc_autonomy", N_ ("Accompaniments by autonomy reached"),
                                     SILLON_STATS_MEASURE_ACCOMPAGNEMENTS, DIM_AUTONOMY, TRUE, N_DIMS, TRUE);
  per_person[n_per_person++] = bind (&c, "acc_help_mode", N_ ("Accompaniments by mode of help"),
                                     SILLON_STATS_MEASURE_ACCOMPAGNEMENTS, DIM_HELP, TRUE, N_DIMS, TRUE);
  per_person[n_per_person++] = bind (&c, "acc_referral", N_ ("Accompaniments by referral destination"),
                                     SILLON_STATS_MEASURE_ACCOMPAGNEMENTS, DIM_REFERRAL, TRUE, N_DIMS, TRUE);
  per_person[n_per_person++] = bind (&c, "ben_kind", N_ ("Beneficiaries followed and anonymous"),
                                     SILLON_STATS_MEASURE_PERSONS, DIM_KIND, TRUE, N_DIMS, TRUE);
  per_person[n_per_person++] = bind (&c, "ben_novelty", N_ ("New beneficiaries in the period"),
                                     SILLON_STATS_MEASURE_PERSONS, DIM_NOVELTY, TRUE, N_DIMS, TRUE);
  per_person[n_per_person++] = bind (&c, "ben_month", N_ ("Beneficiaries by month"),
                                     SILLON_STATS_MEASURE_PERSONS, DIM_MONTH, FALSE, N_DIMS, TRUE);
  per_person[n_per_person++] = bind (&c, "ben_gender_age", N_ ("Beneficiaries by gender and age bracket"),
                                     SILLON_STATS_MEASURE_PERSONS, DIM_GENDER, TRUE, DIM_AGE, TRUE);
  per_person[n_per_person++] = bind (&c, "ben_status", N_ ("Beneficiaries by social status"),
                                     SILLON_STATS_MEASURE_PERSONS, DIM_STATUS, TRUE, N_DIMS, TRUE);
  per_person[n_per_person++] = bind (&c, "ben_departement", N_ ("Beneficiaries by département of residence"),
                                     SILLON_STATS_MEASURE_PERSONS, DIM_DEPARTEMENT, TRUE, N_DIMS, TRUE);
  per_person[n_per_person++] = bind (&c, "ben_commune", N_ ("Beneficiaries by commune of residence"),
                                     SILLON_STATS_MEASURE_PERSONS, DIM_COMMUNE, TRUE, N_DIMS, TRUE);
  degrees = bind (&c, "asm_degree", N_ ("People assessed, by degree of distance from digital"),
                  SILLON_STATS_MEASURE_ASSESSED, DIM_DEGREE, TRUE, N_DIMS, TRUE);
  axes = bind (&c, "prg_axis", N_ ("Progress between the first and the latest assessment, by axis"),
               SILLON_STATS_MEASURE_COMPARED, DIM_AXIS, FALSE, DIM_AXIS_CHANGE, TRUE);
  axes.table->margins_additive = FALSE;
  scores[0] = bind (&c, "prg_first_score", N_ ("Axis scores at the first assessment"),
                    SILLON_STATS_MEASURE_COMPARED, DIM_AXIS, FALSE, DIM_FIRST_BAND, TRUE);
  scores[0].table->margins_additive = FALSE;
  scores[1] = bind (&c, "prg_latest_score", N_ ("Axis scores at the latest assessment"),
                    SILLON_STATS_MEASURE_COMPARED, DIM_AXIS, FALSE, DIM_LATEST_BAND, TRUE);
  scores[1].table->margins_additive = FALSE;
  skills = bind (&c, "prg_skill", N_ ("Skills that moved between the first and the latest assessment"),
                 SILLON_STATS_MEASURE_COMPARED, DIM_SKILL, FALSE, DIM_SKILL_CHANGE, TRUE);
  skills.table->margins_additive = FALSE;
  referrals = bind (&c, "ref_destination_status", N_ ("Referrals by destination and outcome"),
                    SILLON_STATS_MEASURE_REFERRALS, DIM_REF_DESTINATION, TRUE, DIM_REF_STATUS, TRUE);

  /* Activities, in load order: a workshop's participants are together. */
  for (guint i = 0; i < c.units->len; i++)
    count_activity (&c, &act, &g_array_index (c.units, Unit, i));
  if (!count_workshops_without_participants (&c, &act, error))
    goto out;

  /* Everything else, person by person. */
  g_array_sort (c.units, compare_units);
  for (guint i = 0; i < c.units->len; i++)
    {
      const Unit *u = &g_array_index (c.units, Unit, i);
      gint64 stamp = ++c.stamp;

      for (guint t = 0; t < n_per_person; t++)
        count_unit (&c, &per_person[t], u, stamp, u->person);
    }
  count_assessments (&c, assessed, &degrees, &axes, scores, &skills);
  if (!count_referrals (&c, &referrals, error))
    goto out;

  sillon_stats_link_hierarchies (release);
  ok = TRUE;

out:
  for (guint i = 0; i < assessed->len; i++)
    assessed_clear (&g_array_index (assessed, Assessed, i));
  for (guint d = 0; d < N_DIMS; d++)
    categories_clear (&c.dims[d]);
  g_array_unref (c.units);
  g_hash_table_unref (c.strings);
  g_hash_table_unref (c.first_seen);
  g_hash_table_unref (c.people);
  for (guint d = 0; d < N_DIMS; d++)
    g_clear_pointer (&c.masks[d], g_hash_table_unref);
  return ok ? g_steal_pointer (&release) : NULL;
}

const char *
sillon_stats_dimension_label (const char *dimension)
{
  /* Translators: names of the dimensions of statistical tables, shown as
   * the header of their first column */
  static const char *const labels[N_DIMS] = {
    N_ ("Month"), N_ ("Day"), N_ ("Type"), N_ ("Duration"), N_ ("Channel"), N_ ("Mediation theme"),
    N_ ("Administrative theme"), N_ ("Equipment"), N_ ("Autonomy reached"), N_ ("Mode of help"),
    N_ ("Referral"), N_ ("Gender"), N_ ("Age bracket"), N_ ("Social status"), N_ ("Beneficiaries"),
    N_ ("Novelty"), N_ ("Département"), N_ ("Commune"), N_ ("Degree"), N_ ("Axis"), N_ ("Change"),
    N_ ("Skill"), N_ ("Change"), N_ ("Destination"), N_ ("Outcome"), N_ ("Score at the first assessment"),
    N_ ("Score at the latest assessment")
  };

  for (guint d = 0; d < N_DIMS; d++)
    if (g_strcmp0 (dim_names[d], dimension) == 0)
      return _ (labels[d]);
  return dimension;
}

const char *
sillon_stats_category_label (SillonVocabulary *vocabulary, const char *dimension, const char *category)
{
  static const struct
  {
    const char *id;
    const char *label;
  } own[] = {
    { NOT_GIVEN, N_ ("Not given") },
    { WORKSHOP, N_ ("Workshop (not applicable)") },
    { UNKNOWN_PLACE, N_ ("Unknown") },
    { "non_oriente", N_ ("Not referred") },
    { "faire_pour", N_ ("Doing it for the person") },
    { "faire_avec", N_ ("Doing it with the person") },
    { "laisser_faire", N_ ("Letting the person do it") },
    { "suivi", N_ ("Followed") },
    { "anonyme", N_ ("Anonymous") },
    { "nouveau", N_ ("New") },
    { "deja_accompagne", N_ ("Already accompanied") },
    { "up", N_ ("Rose") },
    { "same", N_ ("Unchanged") },
    { "down", N_ ("Fell") },
    { "issued", N_ ("Issued") },
    { "honoured", N_ ("Honoured") },
    { "unknown", N_ ("Outcome unknown") },
    { "not-honoured", N_ ("Not honoured") },
    { "none", N_ ("Not determined") },
    { "tres_eloigne", N_ ("Very far from digital") },
    { "eloigne", N_ ("Far from digital") },
    { "en_progression", N_ ("Making progress") },
    { "autonome", N_ ("Autonomous") },
    { "pouvoir", N_ ("Can (pouvoir)") },
    { "vouloir", N_ ("Wants (vouloir)") },
    { "savoir", N_ ("Knows (savoir)") },
    { "30", N_ ("Less than 30 min") },
    { "60", N_ ("30 min to 1 h") },
    { "120", N_ ("1 h to 2 h") },
    { "more", N_ ("2 h and more") },
  };

  for (guint d = 0; d < N_DIMS; d++)
    if (dim_enumerations[d] != NULL && g_strcmp0 (dim_names[d], dimension) == 0)
      {
        const char *label = sillon_vocabulary_get_label (vocabulary, dim_enumerations[d], category, NULL);

        if (label != NULL)
          return label;
      }
  if (g_strcmp0 (dimension, "degree") != 0 && g_strcmp0 (category, "autonome") == 0)
    return category;
  for (guint i = 0; i < G_N_ELEMENTS (own); i++)
    if (g_str_equal (own[i].id, category))
      return _ (own[i].label);
  return category;
}
