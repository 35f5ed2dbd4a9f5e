/* sillon-places-import.c — the national open-data standard for places of digital mediation
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-places-import.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "sillon-data.h"
#include "sillon-opening-hours.h"

/* Directories of places are published by many producers, by hand or from
 * spreadsheets, and real files contain mistakes. The rules are:
 *
 *  - a problem with the file itself (encoding, separator, quoting, missing
 *    required columns) stops the import with an error that says what to do,
 *    because every record after it would be wrong;
 *  - a record whose required field is empty, whose id was already used, or
 *    whose number of fields differs from the header is skipped and reported
 *    with its line, because it cannot be stored or trusted;
 *  - any other bad value (opening hours, phone, email, a value outside a
 *    list…) keeps the record: the field is flagged and kept verbatim.
 *
 * What the fields must contain is read from the standard's Table Schema, not
 * written here, so a new version of the standard is a data update. The CSV
 * reader is a byte-level state machine that can be fed chunks of any size,
 * so a large file is never held in memory twice. */

G_DEFINE_QUARK (sillon - places - import - error - quark, sillon_places_import_error)

/* No real field comes close; a larger one is a broken file (a quote never
 * closed swallowing the rest of it) or not a CSV file at all. */
#define MAX_FIELD_BYTES (1024 * 1024)
#define MAX_COLUMNS 1000
/* How much of the start of a file is searched for signs of binary data. */
#define SNIFF_BYTES 512
/* Enough for a byte-order mark or the signature of a zip file. */
#define PREFIX_BYTES 4

typedef enum
{
  KIND_TEXT,
  KIND_LIST,
  KIND_NUMBER,
} FieldKind;

typedef enum
{
  CHECK_NONE,
  CHECK_EMAIL,
  CHECK_URL,
  CHECK_OPENING_HOURS,
  CHECK_TYPOLOGY,
  CHECK_LATITUDE,
  CHECK_LONGITUDE,
} FieldCheck;

typedef struct
{
  const char *name;
  FieldKind kind;
  FieldCheck check;
  gsize offset;
} FieldInfo;

#define TEXT(name, check)                                       \
  {                                                             \
#name, KIND_TEXT, check, G_STRUCT_OFFSET(SillonPlace, name) \
  }
#define LIST(name, check)                                       \
  {                                                             \
#name, KIND_LIST, check, G_STRUCT_OFFSET(SillonPlace, name) \
  }
#define NUMBER(name, check)                                       \
  {                                                               \
#name, KIND_NUMBER, check, G_STRUCT_OFFSET(SillonPlace, name) \
  }

/* The checks the schema cannot express (it has no pattern for emails, web
 * addresses or opening hours) are attached here. */
static const FieldInfo field_info[SILLON_PLACE_N_FIELDS] = {
  TEXT (id, CHECK_NONE),
  TEXT (pivot, CHECK_NONE),
  TEXT (nom, CHECK_NONE),
  TEXT (commune, CHECK_NONE),
  TEXT (code_postal, CHECK_NONE),
  TEXT (code_insee, CHECK_NONE),
  TEXT (adresse, CHECK_NONE),
  TEXT (complement_adresse, CHECK_NONE),
  NUMBER (latitude, CHECK_LATITUDE),
  NUMBER (longitude, CHECK_LONGITUDE),
  LIST (typologie, CHECK_TYPOLOGY),
  TEXT (telephone, CHECK_NONE),
  LIST (courriels, CHECK_EMAIL),
  LIST (site_web, CHECK_URL),
  TEXT (horaires, CHECK_OPENING_HOURS),
  TEXT (presentation_resume, CHECK_NONE),
  TEXT (presentation_detail, CHECK_NONE),
  TEXT (source, CHECK_NONE),
  LIST (itinerance, CHECK_NONE),
  TEXT (structure_parente, CHECK_NONE),
  TEXT (date_maj, CHECK_NONE),
  LIST (services, CHECK_NONE),
  LIST (publics_specifiquement_adresses, CHECK_NONE),
  LIST (prise_en_charge_specifique, CHECK_NONE),
  LIST (frais_a_charge, CHECK_NONE),
  LIST (dispositif_programmes_nationaux, CHECK_NONE),
  LIST (formations_labels, CHECK_NONE),
  TEXT (autres_formations_labels, CHECK_NONE),
  LIST (modalites_acces, CHECK_NONE),
  LIST (modalites_accompagnement, CHECK_NONE),
  TEXT (fiche_acces_libre, CHECK_URL),
  TEXT (prise_rdv, CHECK_URL),
};

#undef TEXT
#undef LIST
#undef NUMBER

const char *
sillon_place_field_name (SillonPlaceField field)
{
  g_return_val_if_fail (field < SILLON_PLACE_N_FIELDS, NULL);
  return field_info[field].name;
}

gboolean
sillon_place_field_from_name (const char *name,
                              SillonPlaceField *field)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (int i = 0; i < SILLON_PLACE_N_FIELDS; i++)
    if (g_ascii_strcasecmp (name, field_info[i].name) == 0)
      {
        if (field != NULL)
          *field = (SillonPlaceField) i;
        return TRUE;
      }
  return FALSE;
}

void
sillon_place_free (SillonPlace *place)
{
  if (place == NULL)
    return;
  for (int i = 0; i < SILLON_PLACE_N_FIELDS; i++)
    {
      gpointer slot = G_STRUCT_MEMBER_P (place, field_info[i].offset);

      if (field_info[i].kind == KIND_TEXT)
        g_free (*(char **) slot);
      else if (field_info[i].kind == KIND_LIST)
        g_strfreev (*(char ***) slot);
    }
  g_free (place);
}

gboolean
sillon_place_is_flagged (const SillonPlace *place,
                         SillonPlaceField field)
{
  g_return_val_if_fail (place != NULL, FALSE);
  g_return_val_if_fail (field < SILLON_PLACE_N_FIELDS, FALSE);
  return (place->flagged & SILLON_PLACE_FIELD_BIT (field)) != 0;
}

/* ---------------------------------------------------------------------- */
/* Field names, list values and separators of files published before v1.0 */

/* Directories published before v1.0 of the standard (2023 and early 2024
 * files are still online) name some fields differently and separate the
 * values of a list with “;” as often as with “|”. A mediator expects their
 * e-mail addresses, accessibility links and services to come through, so
 * such a column is read as the field it became. The table is data: a name
 * found in another producer's file is one more line, not new code. Names
 * are compared after normalize_column_name(), so “Courriel”, “accessibilité”
 * or “labels nationaux” match too. When a file has both the old and the
 * current column, the current one wins and the old one is ignored. */
static const struct
{
  const char *name; /* normalized */
  SillonPlaceField field;
} legacy_field_names[] = {
  { "courriel", SILLON_PLACE_FIELD_COURRIELS },
  { "accessibilite", SILLON_PLACE_FIELD_FICHE_ACCES_LIBRE },
  { "labels_nationaux", SILLON_PLACE_FIELD_DISPOSITIF_PROGRAMMES_NATIONAUX },
  { "publics_accueillis", SILLON_PLACE_FIELD_PUBLICS_SPECIFIQUEMENT_ADRESSES },
  { "labels_autres", SILLON_PLACE_FIELD_AUTRES_FORMATIONS_LABELS },
  { "conditions_acces", SILLON_PLACE_FIELD_FRAIS_A_CHARGE },
  /* Spelled so by some exports of the old standard. */
  { "conditions_access", SILLON_PLACE_FIELD_FRAIS_A_CHARGE },
};

/* The values of the lists of the standard before v1.0 (v0.1, 2022) that
 * have an unambiguous counterpart in v1.0, possibly in another field (the
 * old public "Surdité" is now a "prise en charge spécifique"). A value with
 * no such counterpart ("Adultes", "APTIC", "A ma place : …") is not guessed
 * at: it is kept as it was and flagged, so the directory's maintainer sees
 * it. */
static const struct
{
  SillonPlaceField field; /* where the old value is read (after renaming) */
  const char *old_value;
  SillonPlaceField new_field;
  const char *new_value;
} legacy_values[] = {
#define SERVICE(old, new)                                              \
  {                                                                    \
    SILLON_PLACE_FIELD_SERVICES, old, SILLON_PLACE_FIELD_SERVICES, new \
  }
  SERVICE ("Devenir autonome dans les démarches administratives", "Aide aux démarches administratives"),
  SERVICE ("Réaliser des démarches administratives avec un accompagnement", "Aide aux démarches administratives"),
  SERVICE ("Accompagner les démarches de santé", "Aide aux démarches administratives"),
  SERVICE ("Prendre en main un smartphone ou une tablette", "Maîtrise des outils numériques du quotidien"),
  SERVICE ("Prendre en main un ordinateur", "Maîtrise des outils numériques du quotidien"),
  SERVICE ("Utiliser le numérique au quotidien", "Maîtrise des outils numériques du quotidien"),
  SERVICE ("Approfondir ma culture numérique", "Compréhension du monde numérique"),
  SERVICE ("Promouvoir la citoyenneté numérique", "Compréhension du monde numérique"),
  SERVICE ("Favoriser mon insertion professionnelle", "Insertion professionnelle via le numérique"),
  SERVICE ("Créer et développer mon entreprise", "Insertion professionnelle via le numérique"),
  SERVICE ("Accéder à une connexion internet", "Accès internet et matériel informatique"),
  SERVICE ("Accéder à du matériel", "Accès internet et matériel informatique"),
  SERVICE ("S'équiper en matériel informatique", "Acquisition de matériel informatique à prix solidaire"),
  SERVICE ("Créer avec le numérique", "Loisirs et créations numériques"),
  SERVICE ("Soutenir la parentalité et l'éducation avec le numérique", "Parentalité et éducation avec le numérique"),
#undef SERVICE
#define PUBLIC(old, field, new)                                         \
  {                                                                     \
    SILLON_PLACE_FIELD_PUBLICS_SPECIFIQUEMENT_ADRESSES, old, field, new \
  }
  PUBLIC ("Seniors (+ 65 ans)", SILLON_PLACE_FIELD_PUBLICS_SPECIFIQUEMENT_ADRESSES, "Seniors"),
  PUBLIC ("Familles/enfants", SILLON_PLACE_FIELD_PUBLICS_SPECIFIQUEMENT_ADRESSES, "Familles et/ou enfants"),
  PUBLIC ("Jeunes (16-26 ans)", SILLON_PLACE_FIELD_PUBLICS_SPECIFIQUEMENT_ADRESSES, "Jeunes"),
  PUBLIC ("Uniquement femmes", SILLON_PLACE_FIELD_PUBLICS_SPECIFIQUEMENT_ADRESSES, "Femmes"),
  PUBLIC ("Déficience visuelle", SILLON_PLACE_FIELD_PRISE_EN_CHARGE_SPECIFIQUE, "Déficience visuelle"),
  PUBLIC ("Surdité", SILLON_PLACE_FIELD_PRISE_EN_CHARGE_SPECIFIQUE, "Surdité"),
  PUBLIC ("Handicaps mentaux : déficiences limitant les activités d'une personne", SILLON_PLACE_FIELD_PRISE_EN_CHARGE_SPECIFIQUE, "Handicaps mentaux"),
  PUBLIC ("Personnes en situation d'illettrisme", SILLON_PLACE_FIELD_PRISE_EN_CHARGE_SPECIFIQUE, "Illettrisme"),
#undef PUBLIC
#define FEES(old, new)                                                             \
  {                                                                                \
    SILLON_PLACE_FIELD_FRAIS_A_CHARGE, old, SILLON_PLACE_FIELD_FRAIS_A_CHARGE, new \
  }
  FEES ("Gratuit : Je peux accéder gratuitement au lieu et à ses services", "Gratuit"),
  FEES ("Gratuit sous condition : La gratuité est conditionnée à des critères (situation familiale, convention avec un organisme social...)", "Gratuit sous condition"),
  FEES ("Payant : L'accès au lieu et/ou à ses services est payant", "Payant"),
#undef FEES
#define LABEL(old, field, new)                                          \
  {                                                                     \
    SILLON_PLACE_FIELD_DISPOSITIF_PROGRAMMES_NATIONAUX, old, field, new \
  }
  LABEL ("CNFS", SILLON_PLACE_FIELD_DISPOSITIF_PROGRAMMES_NATIONAUX, "Conseillers numériques"),
  LABEL ("Grandes écoles du numérique", SILLON_PLACE_FIELD_DISPOSITIF_PROGRAMMES_NATIONAUX, "Grande école du numérique"),
  LABEL ("Point numérique CAF", SILLON_PLACE_FIELD_DISPOSITIF_PROGRAMMES_NATIONAUX, "Point d'accès numérique CAF"),
  LABEL ("Fabriques de Territoire", SILLON_PLACE_FIELD_FORMATIONS_LABELS, "Fabriques de Territoire"),
#undef LABEL
#define SUPPORT(old, new)                                                                              \
  {                                                                                                    \
    SILLON_PLACE_FIELD_MODALITES_ACCOMPAGNEMENT, old, SILLON_PLACE_FIELD_MODALITES_ACCOMPAGNEMENT, new \
  }
  SUPPORT ("Seul : j'ai accès à du matériel et une connexion", "En autonomie"),
  SUPPORT ("Avec de l'aide : je suis accompagné seul dans l'usage du numérique", "Accompagnement individuel"),
  SUPPORT ("Dans un atelier : j'apprends collectivement à utiliser le numérique", "Dans un atelier collectif"),
#undef SUPPORT
};

/* Between the values of a multi-valued field: “|” in the standard, “;” in
 * files published before it settled. Neither appears inside the values of
 * the standard's enumerated lists; a web address holding a “;” would be
 * cut in two (and flagged), which no published file was seen to need. */
#define LIST_SEPARATORS "|;"

/* A column name as producers vary it: no accents, lower case, spaces,
 * hyphens and dots as underscores, none doubled or at either end. */
static char *
normalize_column_name (const char *name)
{
  g_autofree char *ascii = g_str_to_ascii (name, "C");
  GString *normalized = g_string_new (NULL);

  for (const char *p = ascii; *p != '\0'; p++)
    {
      char c = g_ascii_tolower (*p);

      if (c == ' ' || c == '-' || c == '.' || c == '_')
        {
          if (normalized->len > 0 && normalized->str[normalized->len - 1] != '_')
            g_string_append_c (normalized, '_');
        }
      else
        g_string_append_c (normalized, c);
    }
  if (normalized->len > 0 && normalized->str[normalized->len - 1] == '_')
    g_string_truncate (normalized, normalized->len - 1);
  return g_string_free (normalized, FALSE);
}

/* The field a column (CSV) or member (JSON) named @name fills, whether under
 * its current name or one it had before v1.0; @legacy says which. */
static gboolean
resolve_column_name (const char *name,
                     SillonPlaceField *field,
                     gboolean *legacy)
{
  g_autofree char *normalized = NULL;

  *legacy = FALSE;
  if (sillon_place_field_from_name (name, field))
    return TRUE;
  normalized = normalize_column_name (name);
  if (sillon_place_field_from_name (normalized, field))
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (legacy_field_names); i++)
    if (g_str_equal (normalized, legacy_field_names[i].name))
      {
        *field = legacy_field_names[i].field;
        *legacy = TRUE;
        return TRUE;
      }
  return FALSE;
}

/* Notes in the report that the column @name was read as @field. */
static void
report_legacy_column (SillonPlacesReport *report,
                      const char *name)
{
  for (guint i = 0; i < report->legacy_columns->len; i++)
    if (g_str_equal (g_ptr_array_index (report->legacy_columns, i), name))
      return;
  g_ptr_array_add (report->legacy_columns, g_strdup (name));
}

/* Header columns of a CSV file: which one fills each field. A column under
 * an old name gives way to one under the current name, wherever each is. */
typedef struct
{
  int column[SILLON_PLACE_N_FIELDS]; /* -1 while no column fills it */
  gboolean legacy[SILLON_PLACE_N_FIELDS];
} ColumnClaims;

static void
column_claims_init (ColumnClaims *claims)
{
  for (int i = 0; i < SILLON_PLACE_N_FIELDS; i++)
    {
      claims->column[i] = -1;
      claims->legacy[i] = FALSE;
    }
}

/* Returns: the column that must now be ignored (the old-named one that
 * gave way, possibly @column itself), -1 if none, or -2 if @column names
 * the same field as another column under the same kind of name. */
static int
column_claims_add (ColumnClaims *claims,
                   SillonPlaceField field,
                   gboolean legacy,
                   int column)
{
  int previous = claims->column[field];

  if (previous < 0)
    {
      claims->column[field] = column;
      claims->legacy[field] = legacy;
      return -1;
    }
  if (claims->legacy[field] == legacy)
    return -2;
  if (legacy)
    return column;
  claims->column[field] = column;
  claims->legacy[field] = FALSE;
  return previous;
}

/* Whether a JSON place also has @field under a current name, which then
 * wins over an old one whatever the members' order. */
static gboolean
json_object_has_current_name (JsonObject *object,
                              SillonPlaceField field)
{
  g_autoptr (GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      SillonPlaceField other;
      gboolean legacy;

      if (resolve_column_name (l->data, &other, &legacy) && other == field && !legacy)
        return TRUE;
    }
  return FALSE;
}

/* A record's values after the old list values were read as current ones:
 * the fields that changed point to strings owned here, the others to the
 * caller's. */
typedef struct
{
  char *values[SILLON_PLACE_N_FIELDS];
  char *owned[SILLON_PLACE_N_FIELDS];
} LegacyValues;

static void
legacy_values_clear (LegacyValues *legacy)
{
  for (int i = 0; i < SILLON_PLACE_N_FIELDS; i++)
    g_clear_pointer (&legacy->owned[i], g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LegacyValues, legacy_values_clear)

static void
report_legacy_value (SillonPlacesReport *report,
                     const char *old_value,
                     SillonPlaceField new_field,
                     const char *new_value)
{
  g_autofree char *entry = g_strdup_printf ("%s\t%s\t%s", old_value, field_info[new_field].name, new_value);

  for (guint i = 0; i < report->legacy_values->len; i++)
    if (g_str_equal (g_ptr_array_index (report->legacy_values, i), entry))
      return;
  g_ptr_array_add (report->legacy_values, g_steal_pointer (&entry));
}

static void
add_unique (GPtrArray *list,
            const char *value)
{
  for (guint i = 0; i < list->len; i++)
    if (g_str_equal (g_ptr_array_index (list, i), value))
      return;
  g_ptr_array_add (list, g_strdup (value));
}

/* Returns: the values to read: @values itself when no list holds an old
 * value, else @legacy->values. */
static char **
map_legacy_values (SillonPlacesReport *report,
                   char **values,
                   LegacyValues *legacy)
{
  GPtrArray *lists[SILLON_PLACE_N_FIELDS] = { NULL };
  gboolean touched[SILLON_PLACE_N_FIELDS] = { FALSE };
  gboolean changed = FALSE;

  for (int f = 0; f < SILLON_PLACE_N_FIELDS; f++)
    {
      g_auto (GStrv) pieces = NULL;

      if (values[f] == NULL || field_info[f].kind != KIND_LIST)
        continue;
      pieces = g_strsplit_set (values[f], LIST_SEPARATORS, -1);
      for (guint i = 0; pieces[i] != NULL; i++)
        {
          const char *value = g_strstrip (pieces[i]);
          SillonPlaceField target = (SillonPlaceField) f;

          if (value[0] == '\0')
            continue;
          for (guint k = 0; k < G_N_ELEMENTS (legacy_values); k++)
            if ((int) legacy_values[k].field == f && g_str_equal (legacy_values[k].old_value, value))
              {
                report_legacy_value (report, value, legacy_values[k].new_field, legacy_values[k].new_value);
                target = legacy_values[k].new_field;
                value = legacy_values[k].new_value;
                touched[f] = touched[target] = changed = TRUE;
                break;
              }
          if (lists[target] == NULL)
            lists[target] = g_ptr_array_new_with_free_func (g_free);
          add_unique (lists[target], value);
        }
      /* A field whose every value moved elsewhere still has a list. */
      if (lists[f] == NULL)
        lists[f] = g_ptr_array_new_with_free_func (g_free);
    }

  for (int f = 0; f < SILLON_PLACE_N_FIELDS; f++)
    {
      legacy->values[f] = values[f];
      if (lists[f] == NULL)
        continue;
      /* Only the lists an old value left or joined are written anew. */
      if (touched[f])
        {
          g_ptr_array_add (lists[f], NULL);
          legacy->owned[f] = lists[f]->len > 1 ? g_strjoinv ("|", (char **) lists[f]->pdata) : NULL;
          legacy->values[f] = legacy->owned[f];
        }
      g_ptr_array_unref (lists[f]);
    }
  return changed ? legacy->values : values;
}

/* ---------------------------------------------------------------------- */
/* Report */

static void
issue_free (SillonPlaceIssue *issue)
{
  g_free (issue->value);
  g_free (issue->message);
  g_free (issue);
}

static void
row_report_free (SillonPlacesRowReport *row)
{
  g_free (row->id);
  g_ptr_array_unref (row->issues);
  g_free (row);
}

static SillonPlacesReport *
report_new (void)
{
  SillonPlacesReport *report = g_new0 (SillonPlacesReport, 1);

  report->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_report_free);
  report->unknown_columns = g_ptr_array_new_with_free_func (g_free);
  report->absent_columns = g_ptr_array_new_with_free_func (g_free);
  report->legacy_columns = g_ptr_array_new_with_free_func (g_free);
  report->legacy_values = g_ptr_array_new_with_free_func (g_free);
  return report;
}

void
sillon_places_report_free (SillonPlacesReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_unref (report->rows);
  g_ptr_array_unref (report->unknown_columns);
  g_ptr_array_unref (report->absent_columns);
  g_ptr_array_unref (report->legacy_columns);
  g_ptr_array_unref (report->legacy_values);
  g_free (report);
}

/**
 * sillon_places_report_find_record:
 * @record: a record number, from 1
 *
 * Returns: (nullable) (transfer none): the issues of that record, or %NULL
 * if it had none
 */
const SillonPlacesRowReport *
sillon_places_report_find_record (const SillonPlacesReport *report,
                                  guint record)
{
  g_return_val_if_fail (report != NULL, NULL);

  for (guint i = 0; i < report->rows->len; i++)
    {
      const SillonPlacesRowReport *row = g_ptr_array_index (report->rows, i);

      if (row->record == record)
        return row;
    }
  return NULL;
}

/**
 * sillon_places_report_describe:
 *
 * Returns: (transfer full): the report as translated text, one line per
 * issue, for the command line and the import dialog
 */
char *
sillon_places_report_describe (const SillonPlacesReport *report)
{
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (report != NULL, NULL);

  g_string_append_printf (text, _ ("Records read: %u; kept: %u (with flagged fields: %u); skipped: %u"),
                          report->n_records, report->n_kept, report->n_flagged, report->n_skipped);
  g_string_append_c (text, '\n');
  for (guint i = 0; i < report->unknown_columns->len; i++)
    {
      g_string_append_printf (text, _ ("Column “%s” is not part of the standard and was ignored"),
                              (const char *) g_ptr_array_index (report->unknown_columns, i));
      g_string_append_c (text, '\n');
    }
  for (guint i = 0; i < report->legacy_columns->len; i++)
    {
      const char *name = g_ptr_array_index (report->legacy_columns, i);
      SillonPlaceField field;
      gboolean legacy;

      if (!resolve_column_name (name, &field, &legacy))
        continue;
      g_string_append_printf (text,
                              /* Translators: the first %s is a column name of a file, the
                               * second the name the places standard gives it since v1.0. */
                              _ ("Column “%s” was read as “%s”, its name since v1.0 of the standard"),
                              name, field_info[field].name);
      g_string_append_c (text, '\n');
    }
  for (guint i = 0; i < report->legacy_values->len; i++)
    {
      g_auto (GStrv) parts = g_strsplit (g_ptr_array_index (report->legacy_values, i), "\t", 3);

      g_string_append_printf (text,
                              /* Translators: a value of a file published before v1.0 of the
                               * places standard, the value it is read as, then its field. */
                              _ ("Value “%s” was read as “%s” in “%s”, its name since v1.0 of the standard"),
                              parts[0], parts[2], parts[1]);
      g_string_append_c (text, '\n');
    }
  for (guint i = 0; i < report->rows->len; i++)
    {
      const SillonPlacesRowReport *row = g_ptr_array_index (report->rows, i);

      for (guint j = 0; j < row->issues->len; j++)
        {
          const SillonPlaceIssue *issue = g_ptr_array_index (row->issues, j);
          g_autofree char *where = row->line > 0 ? g_strdup_printf (_ ("Line %u"), row->line)
                                                 : g_strdup_printf (_ ("Record %u"), row->record);

          /* Translators: “Line 12 (skipped): The required field “nom” is empty”. */
          g_string_append_printf (text, row->skipped ? _ ("%s (skipped): %s") : _ ("%s: %s"),
                                  where, issue->message);
          g_string_append_c (text, '\n');
        }
    }
  return g_string_free (text, FALSE);
}

/* ---------------------------------------------------------------------- */
/* Schema */

typedef struct
{
  gboolean in_schema;
  gboolean required;
  gboolean is_date;
  int max_length; /* in characters, -1 for none */
  GRegex *pattern;
  GHashTable *allowed; /* the list a multi-valued field's values come from */
} FieldRule;

struct _SillonPlacesSchema
{
  FieldRule rules[SILLON_PLACE_N_FIELDS];
  char *version;
  GHashTable *typologies; /* code → label */
};

void
sillon_places_schema_free (SillonPlacesSchema *schema)
{
  if (schema == NULL)
    return;
  for (int i = 0; i < SILLON_PLACE_N_FIELDS; i++)
    {
      g_clear_pointer (&schema->rules[i].pattern, g_regex_unref);
      g_clear_pointer (&schema->rules[i].allowed, g_hash_table_unref);
    }
  g_clear_pointer (&schema->typologies, g_hash_table_unref);
  g_free (schema->version);
  g_free (schema);
}

/* The standard writes its closed lists as patterns of the form
 * `(?:(?:^|\|)(A|B|C))+$`: any number of values from A, B, C separated by
 * “|”. Reading the list back lets the importer name the one bad value of a
 * field instead of rejecting the whole field. Returns %NULL for any other
 * pattern. */
static GHashTable *
list_from_pattern (const char *pattern)
{
  static const char prefix[] = "(?:(?:^|\\|)(";
  static const char suffix[] = "))+$";
  gsize length = strlen (pattern);
  g_autoptr (GHashTable) values = NULL;
  g_autoptr (GString) value = g_string_new (NULL);
  int depth = 0;

  if (length <= strlen (prefix) + strlen (suffix) || !g_str_has_prefix (pattern, prefix) ||
      !g_str_has_suffix (pattern, suffix))
    return NULL;

  values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (const char *p = pattern + strlen (prefix); p < pattern + length - strlen (suffix); p++)
    {
      if (*p == '\\' && p[1] != '\0')
        {
          p++;
          g_string_append_c (value, *p);
        }
      else if (*p == '(')
        {
          /* Nested groups would make this more than a list. */
          depth++;
          return NULL;
        }
      else if (*p == '|' && depth == 0)
        {
          g_hash_table_add (values, g_strdup (value->str));
          g_string_truncate (value, 0);
        }
      else if (strchr ("[]*+?{}^$)", *p) != NULL)
        return NULL;
      else
        g_string_append_c (value, *p);
    }
  g_hash_table_add (values, g_strdup (value->str));
  return g_steal_pointer (&values);
}

static gboolean
load_schema_fields (SillonPlacesSchema *schema,
                    JsonArray *fields,
                    GError **error)
{
  for (guint i = 0; i < json_array_get_length (fields); i++)
    {
      JsonNode *node = json_array_get_element (fields, i);
      JsonObject *field, *constraints = NULL;
      const char *name, *type, *pattern;
      SillonPlaceField id;
      FieldRule *rule;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      field = json_node_get_object (node);
      name = json_object_get_string_member_with_default (field, "name", NULL);
      if (name == NULL || !sillon_place_field_from_name (name, &id))
        {
          /* A field of a later version of the standard: read and ignored. */
          g_debug ("Places schema field “%s” is not known to this version of Sillon", name);
          continue;
        }
      rule = &schema->rules[id];
      rule->in_schema = TRUE;
      rule->max_length = -1;
      type = json_object_get_string_member_with_default (field, "type", "string");
      rule->is_date = g_strcmp0 (type, "date") == 0;

      if (json_object_has_member (field, "constraints") &&
          JSON_NODE_HOLDS_OBJECT (json_object_get_member (field, "constraints")))
        constraints = json_object_get_object_member (field, "constraints");
      if (constraints == NULL)
        continue;

      rule->required = json_object_get_boolean_member_with_default (constraints, "required", FALSE);
      rule->max_length = (int) json_object_get_int_member_with_default (constraints, "maxLength", -1);
      pattern = json_object_get_string_member_with_default (constraints, "pattern", NULL);
      if (pattern == NULL)
        continue;

      rule->allowed = list_from_pattern (pattern);
      if (rule->allowed == NULL)
        {
          g_autoptr (GError) local_error = NULL;
          /* Table Schema patterns match the whole value. G_REGEX_RAW keeps
           * \d to ASCII digits, as the schema's own validators do. */
          g_autofree char *anchored = g_strdup_printf ("^(?:%s)$", pattern);

          rule->pattern = g_regex_new (anchored, G_REGEX_RAW | G_REGEX_OPTIMIZE, 0, &local_error);
          if (rule->pattern == NULL)
            {
              g_set_error (error, SILLON_PLACES_IMPORT_ERROR, SILLON_PLACES_IMPORT_ERROR_SCHEMA,
                           _ ("The places schema has an invalid pattern for “%s”: %s"),
                           name, local_error->message);
              return FALSE;
            }
        }
    }
  return TRUE;
}

static gboolean
load_typologies (SillonPlacesSchema *schema,
                 const char *data,
                 gssize length,
                 GError **error)
{
  g_autofree char *copy = length < 0 ? g_strdup (data) : g_strndup (data, length);
  g_auto (GStrv) lines = g_strsplit (copy, "\n", -1);

  schema->typologies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto (GStrv) columns = NULL;

      g_strchomp (lines[i]);
      if (lines[i][0] == '\0')
        continue;
      columns = g_strsplit (lines[i], "\t", 2);
      if (columns[1] == NULL || !g_utf8_validate (lines[i], -1, NULL))
        {
          g_set_error (error, SILLON_PLACES_IMPORT_ERROR, SILLON_PLACES_IMPORT_ERROR_SCHEMA,
                       _ ("Line %u of the place type list is not a code and a label separated by a tab"),
                       i + 1);
          return FALSE;
        }
      if (i == 0 && g_strcmp0 (columns[0], "code") == 0)
        continue;
      g_hash_table_replace (schema->typologies, g_strdup (columns[0]), g_strdup (columns[1]));
    }
  return TRUE;
}

/**
 * sillon_places_schema_new_from_data:
 * @schema_json: the Table Schema of the standard
 * @typologies_tsv: (nullable): the place type codes and labels, tab-separated;
 *   %NULL not to check the codes of “typologie”
 *
 * Returns: (transfer full): the schema, or %NULL
 */
SillonPlacesSchema *
sillon_places_schema_new_from_data (const char *schema_json,
                                    gssize schema_length,
                                    const char *typologies_tsv,
                                    gssize typologies_length,
                                    GError **error)
{
  g_autoptr (SillonPlacesSchema) schema = g_new0 (SillonPlacesSchema, 1);
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autoptr (GError) local_error = NULL;
  JsonObject *root;
  JsonNode *fields;

  g_return_val_if_fail (schema_json != NULL, NULL);

  if (!json_parser_load_from_data (parser, schema_json, schema_length, &local_error))
    {
      g_set_error (error, SILLON_PLACES_IMPORT_ERROR, SILLON_PLACES_IMPORT_ERROR_SCHEMA,
                   _ ("The places schema is not valid JSON: %s"), local_error->message);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    goto invalid;
  root = json_node_get_object (json_parser_get_root (parser));
  fields = json_object_get_member (root, "fields");
  if (fields == NULL || !JSON_NODE_HOLDS_ARRAY (fields))
    goto invalid;
  schema->version = g_strdup (json_object_get_string_member_with_default (root, "version", NULL));
  if (!load_schema_fields (schema, json_node_get_array (fields), error))
    return NULL;
  if (!schema->rules[SILLON_PLACE_FIELD_ID].in_schema)
    goto invalid;

  if (typologies_tsv != NULL && !load_typologies (schema, typologies_tsv, typologies_length, error))
    return NULL;

  return g_steal_pointer (&schema);

invalid:
  g_set_error (error, SILLON_PLACES_IMPORT_ERROR, SILLON_PLACES_IMPORT_ERROR_SCHEMA,
               _ ("The places schema is not a Table Schema with the fields of the standard"));
  return NULL;
}

/**
 * sillon_places_schema_new_default:
 *
 * Loads the schema and the place type list built into Sillon (see
 * sillon_data_load()).
 *
 * Returns: (transfer full): the schema, or %NULL
 */
SillonPlacesSchema *
sillon_places_schema_new_default (GError **error)
{
  g_autoptr (GBytes) schema_json = NULL;
  g_autoptr (GBytes) typologies = NULL;
  gsize schema_length, typologies_length;
  const char *schema_data, *typologies_data;

  schema_json = sillon_data_load (SILLON_PLACES_SCHEMA_DATA_FILE, error);
  if (schema_json == NULL)
    return NULL;
  typologies = sillon_data_load (SILLON_PLACES_TYPOLOGIES_DATA_FILE, error);
  if (typologies == NULL)
    return NULL;
  schema_data = g_bytes_get_data (schema_json, &schema_length);
  typologies_data = g_bytes_get_data (typologies, &typologies_length);
  return sillon_places_schema_new_from_data (schema_data, schema_length,
                                             typologies_data, typologies_length, error);
}

const char *
sillon_places_schema_get_version (SillonPlacesSchema *schema)
{
  g_return_val_if_fail (schema != NULL, NULL);
  return schema->version;
}

/* Returns: (nullable): the label of a place type code (“CCAS” → “Centres
 * communaux d’action sociale (CCAS)”), %NULL if unknown */
const char *
sillon_places_schema_typology_label (SillonPlacesSchema *schema,
                                     const char *code)
{
  g_return_val_if_fail (schema != NULL, NULL);
  if (schema->typologies == NULL || code == NULL)
    return NULL;
  return g_hash_table_lookup (schema->typologies, code);
}

gboolean
sillon_places_schema_is_required (SillonPlacesSchema *schema,
                                  SillonPlaceField field)
{
  g_return_val_if_fail (schema != NULL, FALSE);
  g_return_val_if_fail (field < SILLON_PLACE_N_FIELDS, FALSE);
  return schema->rules[field].required;
}

/* ---------------------------------------------------------------------- */
/* Validation of one record */

static gboolean
is_valid_email (const char *value)
{
  const char *at = strchr (value, '@');
  const char *domain;

  if (at == NULL || at == value || strchr (at + 1, '@') != NULL)
    return FALSE;
  for (const char *p = value; *p != '\0'; p++)
    if (g_ascii_isspace (*p) || *p == ',' || *p == ';' || *p == '<' || *p == '>' || *p == '"')
      return FALSE;
  domain = at + 1;
  /* A domain with at least one dot, no empty label, no label starting or
   * ending with a hyphen. */
  if (strchr (domain, '.') == NULL || domain[0] == '.' || g_str_has_suffix (domain, ".") ||
      strstr (domain, "..") != NULL || domain[0] == '-' || strstr (domain, "-.") != NULL ||
      strstr (domain, ".-") != NULL)
    return FALSE;
  return TRUE;
}

static gboolean
is_valid_url (const char *value)
{
  g_autoptr (GUri) uri = NULL;
  const char *scheme;

  for (const char *p = value; *p != '\0'; p++)
    if (g_ascii_isspace (*p))
      return FALSE;
  uri = g_uri_parse (value, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL)
    return FALSE;
  scheme = g_uri_get_scheme (uri);
  return (g_ascii_strcasecmp (scheme, "https") == 0 || g_ascii_strcasecmp (scheme, "http") == 0) &&
         g_uri_get_host (uri) != NULL && strchr (g_uri_get_host (uri), '.') != NULL;
}

static gboolean
is_valid_date (const char *value)
{
  unsigned year, month, day;
  int consumed = 0;

  if (strlen (value) != 10 || value[4] != '-' || value[7] != '-')
    return FALSE;
  for (int i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (value[i]))
      return FALSE;
  if (sscanf (value, "%4u-%2u-%2u%n", &year, &month, &day, &consumed) != 3 || consumed != 10)
    return FALSE;
  return year >= 1900 && g_date_valid_dmy (day, month, year);
}

static SillonPlacesRowReport *
row_report_new (guint line,
                guint record,
                const char *id)
{
  SillonPlacesRowReport *row = g_new0 (SillonPlacesRowReport, 1);

  row->line = line;
  row->record = record;
  row->id = g_strdup (id);
  row->issues = g_ptr_array_new_with_free_func ((GDestroyNotify) issue_free);
  return row;
}

static void G_GNUC_PRINTF (5, 6)
    add_issue (SillonPlacesRowReport *row,
               SillonPlaceField field,
               SillonPlaceIssueKind kind,
               const char *value,
               const char *format,
               ...)
{
  SillonPlaceIssue *issue = g_new0 (SillonPlaceIssue, 1);
  va_list args;

  issue->field = field;
  issue->kind = kind;
  issue->value = g_strdup (value);
  va_start (args, format);
  issue->message = g_strdup_vprintf (format, args);
  va_end (args);
  g_ptr_array_add (row->issues, issue);
}

typedef struct
{
  SillonPlacesSchema *schema;
  SillonPlaceFunc func;
  gpointer user_data;
  SillonPlacesReport *report;
  GHashTable *seen_ids; /* id → first line (CSV) or record (JSON) */
  gboolean json;
} Sink;

static void
sink_init (Sink *sink,
           SillonPlacesSchema *schema,
           SillonPlaceFunc func,
           gpointer user_data,
           gboolean json)
{
  sink->schema = schema;
  sink->func = func;
  sink->user_data = user_data;
  sink->json = json;
  sink->report = report_new ();
  sink->seen_ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
sink_clear (Sink *sink)
{
  g_clear_pointer (&sink->report, sillon_places_report_free);
  g_clear_pointer (&sink->seen_ids, g_hash_table_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Sink, sink_clear)

static void
check_value (Sink *sink,
             SillonPlaceField field,
             const char *value,
             SillonPlacesRowReport *row)
{
  const FieldRule *rule = &sink->schema->rules[field];
  const char *name = field_info[field].name;

  if (rule->allowed != NULL && !g_hash_table_contains (rule->allowed, value))
    {
      add_issue (row, field, SILLON_PLACE_ISSUE_ENUM, value,
                 /* Translators: the first %s is a value, the second a column name. */
                 _ ("“%s” is not one of the values allowed in “%s”"), value, name);
      return;
    }
  if (rule->pattern != NULL && !g_regex_match (rule->pattern, value, 0, NULL))
    {
      add_issue (row, field, SILLON_PLACE_ISSUE_PATTERN, value,
                 _ ("“%s” does not have the format required in “%s”"), value, name);
      return;
    }
  if (rule->is_date && !is_valid_date (value))
    {
      add_issue (row, field, SILLON_PLACE_ISSUE_DATE, value,
                 _ ("“%s” in “%s” is not a date written YYYY-MM-DD"), value, name);
      return;
    }
  if (rule->max_length >= 0 && g_utf8_strlen (value, -1) > rule->max_length)
    {
      add_issue (row, field, SILLON_PLACE_ISSUE_TOO_LONG, value,
                 _ ("The text of “%s” is longer than %d characters"), name, rule->max_length);
      return;
    }

  switch (field_info[field].check)
    {
      case CHECK_EMAIL:
        if (!is_valid_email (value))
          add_issue (row, field, SILLON_PLACE_ISSUE_EMAIL, value,
                     _ ("“%s” is not a valid email address"), value);
        break;
      case CHECK_URL:
        if (!is_valid_url (value))
          add_issue (row, field, SILLON_PLACE_ISSUE_URL, value,
                     _ ("“%s” is not a web address starting with https:// or http://"), value);
        break;
      case CHECK_OPENING_HOURS:
        {
          g_autoptr (GError) error = NULL;

          if (!sillon_opening_hours_validate (value, NULL, &error))
            add_issue (row, field, SILLON_PLACE_ISSUE_OPENING_HOURS, value, "%s", error->message);
        }
        break;
      case CHECK_TYPOLOGY:
        if (sink->schema->typologies != NULL && !g_hash_table_contains (sink->schema->typologies, value))
          add_issue (row, field, SILLON_PLACE_ISSUE_TYPOLOGY, value,
                     _ ("“%s” is not a known place type code"), value);
        break;
      case CHECK_NONE:
      case CHECK_LATITUDE:
      case CHECK_LONGITUDE:
      default:
        break;
    }
}

static gboolean
parse_coordinate (Sink *sink,
                  SillonPlaceField field,
                  const char *value,
                  double *number,
                  SillonPlacesRowReport *row)
{
  double limit = field_info[field].check == CHECK_LATITUDE ? 90.0 : 180.0;
  char *end = NULL;

  errno = 0;
  *number = g_ascii_strtod (value, &end);
  if (end == value || *end != '\0' || errno != 0 || !isfinite (*number) ||
      g_ascii_isspace (value[0]))
    {
      add_issue (row, field, SILLON_PLACE_ISSUE_NUMBER, value,
                 _ ("“%s” in “%s” is not a number written with a decimal point"),
                 value, field_info[field].name);
      return FALSE;
    }
  if (*number < -limit || *number > limit)
    {
      add_issue (row, field, SILLON_PLACE_ISSUE_RANGE, value,
                 /* Translators: “%s” is a coordinate, then a column name, then its limit (90 or 180). */
                 _ ("“%s” in “%s” is outside −%g…%g"), value, field_info[field].name, limit, limit);
      return FALSE;
    }
  return TRUE;
}

static char **
split_list (const char *value)
{
  g_auto (GStrv) pieces = g_strsplit_set (value, LIST_SEPARATORS, -1);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  gboolean any = FALSE;

  for (guint i = 0; pieces[i] != NULL; i++)
    {
      g_strstrip (pieces[i]);
      if (pieces[i][0] == '\0')
        continue;
      g_strv_builder_add (builder, pieces[i]);
      any = TRUE;
    }
  return any ? g_strv_builder_end (builder) : NULL;
}

/* @values are trimmed, %NULL when empty, indexed by SillonPlaceField;
 * @wrong_type has the fields whose JSON value was neither text nor a number
 * (they count as empty). The place goes to the sink's function unless the
 * record is skipped. */
static void
process_record (Sink *sink,
                char **values,
                guint64 wrong_type,
                guint line,
                guint record)
{
  SillonPlacesReport *report = sink->report;
  g_auto (LegacyValues) legacy = { { NULL } };
  g_autoptr (SillonPlace) place = NULL;
  SillonPlacesRowReport *row;
  gboolean has_latitude = FALSE, has_longitude = FALSE;
  gboolean skip = FALSE;

  /* Files of the standard before v1.0: their list values as current ones. */
  values = map_legacy_values (sink->report, values, &legacy);
  row = row_report_new (line, record, values[SILLON_PLACE_FIELD_ID]);

  report->n_records++;

  for (int i = 0; i < SILLON_PLACE_N_FIELDS; i++)
    if ((wrong_type & SILLON_PLACE_FIELD_BIT (i)) != 0)
      add_issue (row, (SillonPlaceField) i, SILLON_PLACE_ISSUE_TYPE, NULL,
                 _ ("The value of “%s” must be text"), field_info[i].name);

  for (int i = 0; i < SILLON_PLACE_N_FIELDS; i++)
    if (sink->schema->rules[i].required && values[i] == NULL)
      {
        add_issue (row, (SillonPlaceField) i, SILLON_PLACE_ISSUE_MISSING, NULL,
                   _ ("The required field “%s” is empty"), field_info[i].name);
        skip = TRUE;
      }

  if (!skip)
    {
      const char *id = values[SILLON_PLACE_FIELD_ID];
      gpointer first = NULL;

      if (id != NULL && g_hash_table_lookup_extended (sink->seen_ids, id, NULL, &first))
        {
          skip = TRUE;
          report->n_duplicate_ids++;
          if (sink->json)
            add_issue (row, SILLON_PLACE_FIELD_ID, SILLON_PLACE_ISSUE_DUPLICATE_ID, id,
                       _ ("The identifier “%s” was already used by record %u"),
                       id, GPOINTER_TO_UINT (first));
          else
            add_issue (row, SILLON_PLACE_FIELD_ID, SILLON_PLACE_ISSUE_DUPLICATE_ID, id,
                       _ ("The identifier “%s” was already used on line %u"),
                       id, GPOINTER_TO_UINT (first));
        }
      else if (id != NULL)
        g_hash_table_insert (sink->seen_ids, g_strdup (id),
                             GUINT_TO_POINTER (sink->json ? record : line));
    }

  if (skip)
    {
      row->skipped = TRUE;
      report->n_skipped++;
      g_ptr_array_add (report->rows, row);
      return;
    }

  place = g_new0 (SillonPlace, 1);
  place->line = line;
  place->record = record;
  place->flagged = wrong_type;
  for (int i = 0; i < SILLON_PLACE_N_FIELDS; i++)
    {
      SillonPlaceField field = (SillonPlaceField) i;
      gpointer slot = G_STRUCT_MEMBER_P (place, field_info[i].offset);
      guint issues_before = row->issues->len;

      if (values[i] == NULL)
        continue;

      switch (field_info[i].kind)
        {
          case KIND_TEXT:
            *(char **) slot = g_strdup (values[i]);
            check_value (sink, field, values[i], row);
            break;
          case KIND_LIST:
            {
              char **list = split_list (values[i]);

              *(char ***) slot = list;
              /* One issue per field: the first bad value names the problem. */
              for (guint j = 0; list != NULL && list[j] != NULL && row->issues->len == issues_before; j++)
                check_value (sink, field, list[j], row);
            }
            break;
          case KIND_NUMBER:
            if (parse_coordinate (sink, field, values[i], slot, row))
              {
                if (field_info[i].check == CHECK_LATITUDE)
                  has_latitude = TRUE;
                else
                  has_longitude = TRUE;
              }
            break;
          default:
            g_assert_not_reached ();
        }
      if (row->issues->len > issues_before)
        place->flagged |= SILLON_PLACE_FIELD_BIT (field);
    }
  place->has_coordinates = has_latitude && has_longitude;
  if (!place->has_coordinates)
    place->latitude = place->longitude = 0.0;

  report->n_kept++;
  if (row->issues->len > 0)
    {
      report->n_flagged++;
      g_ptr_array_add (report->rows, row);
    }
  else
    row_report_free (row);

  sink->func (g_steal_pointer (&place), sink->user_data);
}

/* ---------------------------------------------------------------------- */
/* CSV */

typedef enum
{
  STATE_FIELD_START,
  STATE_UNQUOTED,
  STATE_QUOTED,
  STATE_QUOTED_CR,    /* a CR inside quotes: a following LF is the same line break */
  STATE_QUOTE_QUOTED, /* a quote inside quotes: doubled, or the end of the field */
  STATE_AFTER_CR,     /* a CR ended a record: a following LF belongs to it */
} CsvState;

struct _SillonPlacesParser
{
  Sink sink;
  CsvState state;
  GString *field;
  gboolean field_quoted;
  gboolean row_quoted;
  guint field_line;
  GPtrArray *row; /* of char*, the fields of the record being read */
  guint line;     /* current line, from 1 */
  guint record_line;
  guint record;
  gboolean header_done;
  int column_field[MAX_COLUMNS]; /* column → SillonPlaceField, or -1 */
  guint n_columns;
  GByteArray *prefix; /* the first bytes, until the encoding is known */
  gboolean prefix_done;
  gsize bytes_seen;
  gboolean finished;
  gboolean any_data;
  GError *error; /* sticky: once failed, the parser stays failed */
};

static void
ignore_place (SillonPlace *place,
              gpointer user_data)
{
  sillon_place_free (place);
}

/**
 * sillon_places_parser_new:
 * @func: (nullable): called with each place kept
 *
 * Returns: (transfer full): a CSV parser
 */
SillonPlacesParser *
sillon_places_parser_new (SillonPlacesSchema *schema,
                          SillonPlaceFunc func,
                          gpointer user_data)
{
  SillonPlacesParser *parser = g_new0 (SillonPlacesParser, 1);

  g_return_val_if_fail (schema != NULL, NULL);

  sink_init (&parser->sink, schema, func != NULL ? func : ignore_place, user_data, FALSE);
  parser->field = g_string_sized_new (256);
  parser->row = g_ptr_array_new_with_free_func (g_free);
  parser->line = 1;
  parser->record_line = 1;
  parser->field_line = 1;
  parser->prefix = g_byte_array_new ();
  return parser;
}

void
sillon_places_parser_free (SillonPlacesParser *parser)
{
  if (parser == NULL)
    return;
  sink_clear (&parser->sink);
  g_string_free (parser->field, TRUE);
  g_ptr_array_unref (parser->row);
  g_byte_array_unref (parser->prefix);
  g_clear_error (&parser->error);
  g_free (parser);
}

static gboolean G_GNUC_PRINTF (3, 4)
    parser_fail (SillonPlacesParser *parser,
                 SillonPlacesImportError code,
                 const char *format,
                 ...)
{
  va_list args;

  if (parser->error != NULL)
    return FALSE;
  va_start (args, format);
  parser->error = g_error_new_valist (SILLON_PLACES_IMPORT_ERROR, code, format, args);
  va_end (args);
  return FALSE;
}

/* Counts the line breaks (LF, CR LF or lone CR) before @end. */
static guint
count_lines (const char *text,
             const char *end)
{
  guint n = 0;

  for (const char *p = text; p < end; p++)
    if (*p == '\n' || (*p == '\r' && !(p + 1 < end && p[1] == '\n')))
      n++;
  return n;
}

/* Translators: %u is a line number, U+%04X the code of a character (such
 * as U+001B, the escape character). */
#define CONTROL_CHARACTER_MESSAGE _ ("Line %u contains a control character (U+%04X), which no text of a places file may hold.")

/* The one rule for the text of a places file, CSV and JSON alike: tabs and
 * line breaks are text (an address may span lines); every other C0
 * control, DEL and every C1 control is refused. None belongs in a place,
 * and each would reach a terminal through every listing of places (ESC
 * starts a terminal sequence; NUL would cut a value short). */
static gboolean
is_forbidden_control (gunichar c)
{
  return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7f && c <= 0x9f);
}

/* Offset of the first forbidden control character in @text (@length bytes,
 * UTF-8; an invalid sequence is no control character), or -1; the character in @out_char. With @json_escapes,
 * an escape (\u001b, \b, \f…) counts as the character it stands for, so
 * that a JSON file is judged on what it says, exactly as a CSV file. */
static gssize
find_control_character (const char *text,
                        gsize length,
                        gboolean json_escapes,
                        gunichar *out_char)
{
  for (gsize i = 0; i < length; i++)
    {
      guchar c = text[i];
      gsize at = i;
      gunichar u = c;

      if (c == 0xc2 && i + 1 < length && ((guchar) text[i + 1] & 0xc0) == 0x80)
        {
          /* U+0080…U+00BF, which holds the C1 controls. */
          u = 0x80 | ((guchar) text[i + 1] & 0x3f);
          i++;
        }
      else if (c >= 0x80)
        u = 0x100; /* any other byte of a multi-byte character */
      else if (json_escapes && c == '\\' && i + 1 < length)
        {
          char e = text[++i];

          if (e == 'b')
            u = '\b';
          else if (e == 'f')
            u = '\f';
          else if (e == 'u' && i + 4 < length && g_ascii_isxdigit (text[i + 1]) && g_ascii_isxdigit (text[i + 2]) &&
                   g_ascii_isxdigit (text[i + 3]) && g_ascii_isxdigit (text[i + 4]))
            {
              u = 0;
              for (int k = 1; k <= 4; k++)
                u = u * 16 + g_ascii_xdigit_value (text[i + k]);
              i += 4;
            }
          else
            u = ' '; /* \\, \", \n, \t…: the escaped character is not another escape */
        }
      if (is_forbidden_control (u))
        {
          *out_char = u;
          return at;
        }
    }
  return -1;
}

static gboolean
end_field (SillonPlacesParser *parser)
{
  GString *field = parser->field;
  const char *invalid = NULL;
  gunichar control = 0;
  gssize bad;

  /* Control characters first: binary data is rarely valid UTF-8 either,
   * and is better named as what it is. */
  bad = find_control_character (field->str, field->len, FALSE, &control);
  if (bad >= 0)
    return parser_fail (parser, SILLON_PLACES_IMPORT_ERROR_BINARY, CONTROL_CHARACTER_MESSAGE,
                        parser->field_line + count_lines (field->str, field->str + bad), control);
  if (!g_utf8_validate_len (field->str, field->len, &invalid))
    return parser_fail (parser, SILLON_PLACES_IMPORT_ERROR_ENCODING,
                        _ ("Line %u is not valid UTF-8 text. Save the file as CSV encoded in UTF-8 and import it again."),
                        parser->field_line + count_lines (field->str, invalid));
  if (parser->row->len >= MAX_COLUMNS)
    return parser_fail (parser, SILLON_PLACES_IMPORT_ERROR_TOO_LARGE,
                        _ ("Line %u has more than %d fields: this is not a file of the places standard."),
                        parser->record_line, MAX_COLUMNS);

  g_ptr_array_add (parser->row, g_strndup (field->str, field->len));
  g_string_truncate (field, 0);
  parser->row_quoted |= parser->field_quoted;
  parser->field_quoted = FALSE;
  return TRUE;
}

static gboolean
looks_like_other_separator (GPtrArray *row,
                            char separator)
{
  guint known = 0;

  if (row->len != 1)
    return FALSE;
  {
    char sep[2] = { separator, '\0' };
    g_auto (GStrv) names = g_strsplit (g_ptr_array_index (row, 0), sep, -1);

    for (guint i = 0; names[i] != NULL; i++)
      {
        g_autofree char *name = g_strdup (names[i]);

        g_strstrip (name);
        /* Unquoted: a header written with “;” by a spreadsheet keeps its own quotes. */
        if (name[0] == '"' && g_str_has_suffix (name, "\"") && strlen (name) >= 2)
          {
            name[strlen (name) - 1] = '\0';
            memmove (name, name + 1, strlen (name));
          }
        if (sillon_place_field_from_name (name, NULL))
          known++;
      }
  }
  return known >= 2;
}

static gboolean
process_header (SillonPlacesParser *parser)
{
  SillonPlacesSchema *schema = parser->sink.schema;
  SillonPlacesReport *report = parser->sink.report;
  gboolean seen[SILLON_PLACE_N_FIELDS] = { FALSE };
  g_autoptr (GString) missing = g_string_new (NULL);
  guint n_missing = 0;
  ColumnClaims claims;

  if (looks_like_other_separator (parser->row, ';'))
    return parser_fail (parser, SILLON_PLACES_IMPORT_ERROR_SEPARATOR,
                        _ ("Line %u: the columns are separated by semicolons (“;”), but the places standard uses commas. Export the file again as CSV with a comma as separator."),
                        parser->record_line);
  if (looks_like_other_separator (parser->row, '\t'))
    return parser_fail (parser, SILLON_PLACES_IMPORT_ERROR_SEPARATOR,
                        _ ("Line %u: the columns are separated by tabs, but the places standard uses commas. Export the file again as CSV with a comma as separator."),
                        parser->record_line);

  parser->n_columns = parser->row->len;
  column_claims_init (&claims);
  for (guint i = 0; i < parser->row->len; i++)
    {
      char *name = g_strstrip ((char *) g_ptr_array_index (parser->row, i));
      SillonPlaceField field;
      gboolean legacy;
      int ignored;

      parser->column_field[i] = -1;
      if (name[0] == '\0')
        continue;
      if (!resolve_column_name (name, &field, &legacy) || !schema->rules[field].in_schema)
        {
          g_ptr_array_add (report->unknown_columns, g_strdup (name));
          continue;
        }
      ignored = column_claims_add (&claims, field, legacy, (int) i);
      if (ignored == -2)
        return parser_fail (parser, SILLON_PLACES_IMPORT_ERROR_HEADER,
                            _ ("Line %u: the column “%s” appears twice in the header."),
                            parser->record_line, name);
      seen[field] = TRUE;
      parser->column_field[i] = field;
      if (ignored >= 0)
        {
          parser->column_field[ignored] = -1;
          g_ptr_array_add (report->unknown_columns, g_strdup (g_ptr_array_index (parser->row, (guint) ignored)));
        }
    }
  for (int i = 0; i < SILLON_PLACE_N_FIELDS; i++)
    if (claims.column[i] >= 0 && claims.legacy[i])
      report_legacy_column (report, g_ptr_array_index (parser->row, (guint) claims.column[i]));

  for (int i = 0; i < SILLON_PLACE_N_FIELDS; i++)
    {
      if (!schema->rules[i].in_schema || seen[i])
        continue;
      if (schema->rules[i].required)
        {
          if (missing->len > 0)
            g_string_append (missing, ", ");
          g_string_append (missing, field_info[i].name);
          n_missing++;
        }
      else
        g_ptr_array_add (report->absent_columns, g_strdup (field_info[i].name));
    }
  if (n_missing > 0)
    return parser_fail (parser, SILLON_PLACES_IMPORT_ERROR_MISSING_COLUMNS,
                        g_dngettext (GETTEXT_PACKAGE,
                                     "Line %u: the header lacks the required column %s. Is this a file of the places of digital mediation standard?",
                                     "Line %u: the header lacks the required columns %s. Is this a file of the places of digital mediation standard?",
                                     n_missing),
                        parser->record_line, missing->str);
  parser->header_done = TRUE;
  return TRUE;
}

static gboolean
end_record (SillonPlacesParser *parser)
{
  GPtrArray *row = parser->row;
  gboolean ok = TRUE;

  /* A blank line is not a record (many exports end with one). */
  if (row->len == 1 && !parser->row_quoted && g_strstrip ((char *) g_ptr_array_index (row, 0))[0] == '\0')
    {
      g_ptr_array_set_size (row, 0);
      return TRUE;
    }

  if (!parser->header_done)
    ok = process_header (parser);
  else if (row->len != parser->n_columns)
    {
      SillonPlacesRowReport *report_row;
      const char *id = NULL;

      for (guint i = 0; i < MIN (row->len, parser->n_columns); i++)
        if (parser->column_field[i] == SILLON_PLACE_FIELD_ID)
          id = g_strstrip ((char *) g_ptr_array_index (row, i));
      report_row = row_report_new (parser->record_line, ++parser->record, id != NULL && id[0] != '\0' ? id : NULL);
      report_row->skipped = TRUE;
      add_issue (report_row, SILLON_PLACE_FIELD_ID, SILLON_PLACE_ISSUE_FIELD_COUNT, NULL,
                 _ ("This record has %u fields but the header has %u columns"),
                 row->len, parser->n_columns);
      parser->sink.report->n_records++;
      parser->sink.report->n_skipped++;
      g_ptr_array_add (parser->sink.report->rows, report_row);
    }
  else
    {
      char *values[SILLON_PLACE_N_FIELDS] = { NULL };

      for (guint i = 0; i < row->len; i++)
        {
          int field = parser->column_field[i];
          char *value;

          if (field < 0)
            continue;
          value = g_strstrip ((char *) g_ptr_array_index (row, i));
          values[field] = value[0] != '\0' ? value : NULL;
        }
      process_record (&parser->sink, values, 0, parser->record_line, ++parser->record);
    }

  g_ptr_array_set_size (row, 0);
  parser->row_quoted = FALSE;
  return ok;
}

static gboolean
start_data (SillonPlacesParser *parser,
            const guint8 *data,
            gsize length,
            gsize *skip)
{
  *skip = 0;
  if (length >= 3 && data[0] == 0xEF && data[1] == 0xBB && data[2] == 0xBF)
    *skip = 3;
  else if (length >= 2 && ((data[0] == 0xFF && data[1] == 0xFE) || (data[0] == 0xFE && data[1] == 0xFF)))
    return parser_fail (parser, SILLON_PLACES_IMPORT_ERROR_ENCODING,
                        _ ("Line 1: the file is encoded in UTF-16. Save it as CSV encoded in UTF-8 and import it again."));
  else if (length >= 4 && memcmp (data, "PK\x03\x04", 4) == 0)
    return parser_fail (parser, SILLON_PLACES_IMPORT_ERROR_BINARY,
                        _ ("Line 1: this is a compressed file, such as a spreadsheet, not a CSV file. Export the sheet as CSV (UTF-8, comma-separated) and import that."));
  return TRUE;
}

static gboolean feed_bytes (SillonPlacesParser *parser,
                            const char *data,
                            gsize length);

static gboolean
fail_binary (SillonPlacesParser *parser, guint line)
{
  return parser_fail (parser, SILLON_PLACES_IMPORT_ERROR_BINARY,
                      _ ("Line %u contains binary data: this is not a CSV text file."), line);
}

/* Text never holds NUL bytes; binary files and UTF-16 text without a
 * byte-order mark have some early on. Looking for them before anything is
 * parsed names the real problem instead of a consequence (invalid UTF-8). */
static gboolean
consume (SillonPlacesParser *parser,
         const char *data,
         gsize length)
{
  if (length == 0)
    return TRUE;
  if (parser->bytes_seen < SNIFF_BYTES)
    {
      const char *nul = memchr (data, '\0', MIN (length, SNIFF_BYTES - parser->bytes_seen));

      if (nul != NULL)
        return fail_binary (parser, parser->line + count_lines (data, nul));
    }
  parser->bytes_seen += length;
  return feed_bytes (parser, data, length);
}

static gboolean
check_field_size (SillonPlacesParser *parser)
{
  if (parser->field->len > MAX_FIELD_BYTES)
    {
      if (parser->state == STATE_QUOTED || parser->state == STATE_QUOTED_CR)
        return parser_fail (parser, SILLON_PLACES_IMPORT_ERROR_QUOTES,
                            _ ("Line %u: a quote opens a field that is never closed. Check the quotes on that line."),
                            parser->field_line);
      return parser_fail (parser, SILLON_PLACES_IMPORT_ERROR_TOO_LARGE,
                          _ ("Line %u has a field longer than %d bytes: this is not a file of the places standard."),
                          parser->field_line, MAX_FIELD_BYTES);
    }
  return TRUE;
}

/* Appends to the field the characters from @data[*@i] up to @stop, a line
 * break, a NUL or the end of @data, and moves *@i past them. */
static gboolean
append_plain_run (SillonPlacesParser *parser, const char *data, gsize length, gsize *i, char stop)
{
  gsize start = *i;

  while (*i < length && data[*i] != stop && data[*i] != '\n' && data[*i] != '\r' && data[*i] != '\0')
    (*i)++;
  g_string_append_len (parser->field, data + start, *i - start);
  return check_field_size (parser);
}

/* Ends the record that the line break @c (CR or LF) closes. */
static gboolean
end_line (SillonPlacesParser *parser, char c)
{
  if (!end_record (parser))
    return FALSE;
  parser->line++;
  parser->record_line = parser->line;
  if (c == '\r')
    parser->state = STATE_AFTER_CR;
  return TRUE;
}

static gboolean
feed_bytes (SillonPlacesParser *parser,
            const char *data,
            gsize length)
{
  gsize i = 0;

  if (length > 0)
    parser->any_data = TRUE;

  while (i < length)
    {
      char c = data[i];

      switch (parser->state)
        {
          case STATE_AFTER_CR:
            parser->state = STATE_FIELD_START;
            parser->record_line = parser->field_line = parser->line;
            if (c == '\n')
              i++;
            break;

          case STATE_FIELD_START:
            parser->field_line = parser->line;
            if (c == '"')
              {
                parser->state = STATE_QUOTED;
                parser->field_quoted = TRUE;
                i++;
                break;
              }
            parser->state = STATE_UNQUOTED;
            G_GNUC_FALLTHROUGH;

          case STATE_UNQUOTED:
            {
              if (!append_plain_run (parser, data, length, &i, ','))
                return FALSE;
              if (i == length)
                break;
              c = data[i++];
              if (c == '\0')
                return fail_binary (parser, parser->line);
              if (!end_field (parser))
                return FALSE;
              parser->state = STATE_FIELD_START;
              if ((c == '\n' || c == '\r') && !end_line (parser, c))
                return FALSE;
            }
            break;

          case STATE_QUOTED_CR:
            parser->state = STATE_QUOTED;
            if (c == '\n')
              {
                i++;
                break;
              }
            G_GNUC_FALLTHROUGH;

          case STATE_QUOTED:
            {
              if (!append_plain_run (parser, data, length, &i, '"'))
                return FALSE;
              if (i == length)
                break;
              c = data[i++];
              if (c == '"')
                parser->state = STATE_QUOTE_QUOTED;
              else if (c == '\0')
                return fail_binary (parser, parser->line);
              else
                {
                  /* Line breaks inside a value are kept, always as LF. */
                  g_string_append_c (parser->field, '\n');
                  parser->line++;
                  if (c == '\r')
                    parser->state = STATE_QUOTED_CR;
                }
            }
            break;

          case STATE_QUOTE_QUOTED:
            if (c == '"')
              {
                g_string_append_c (parser->field, '"');
                parser->state = STATE_QUOTED;
                i++;
              }
            else if (c == ',' || c == '\n' || c == '\r')
              {
                i++;
                if (!end_field (parser))
                  return FALSE;
                parser->state = STATE_FIELD_START;
                if (c != ',' && !end_line (parser, c))
                  return FALSE;
              }
            else if (!parser->header_done && (c == ';' || c == '\t'))
              return parser_fail (parser, SILLON_PLACES_IMPORT_ERROR_SEPARATOR,
                                  c == ';' ? _ ("Line %u: the columns are separated by semicolons (“;”), but the places standard uses commas. Export the file again as CSV with a comma as separator.")
                                           : _ ("Line %u: the columns are separated by tabs, but the places standard uses commas. Export the file again as CSV with a comma as separator."),
                                  parser->line);
            else if (parser->field_line != parser->line)
              return parser_fail (parser, SILLON_PLACES_IMPORT_ERROR_QUOTES,
                                  _ ("Line %u: text follows the closing quote of a field that started on line %u. Check the quotes from line %u: a quote inside a quoted value must be doubled (\"\")."),
                                  parser->line, parser->field_line, parser->field_line);
            else
              return parser_fail (parser, SILLON_PLACES_IMPORT_ERROR_QUOTES,
                                  _ ("Line %u: text follows the closing quote of a field. A quote inside a quoted value must be doubled (\"\")."),
                                  parser->line);
            break;

          default:
            g_assert_not_reached ();
        }
    }
  return TRUE;
}

/**
 * sillon_places_parser_feed:
 * @data: the next bytes of a CSV file, any number of them
 *
 * Returns: %FALSE on a file-level error; the parser then stays failed
 */
gboolean
sillon_places_parser_feed (SillonPlacesParser *parser,
                           const char *data,
                           gsize length,
                           GError **error)
{
  g_return_val_if_fail (parser != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);
  g_return_val_if_fail (!parser->finished, FALSE);

  if (parser->error == NULL && !parser->prefix_done)
    {
      gsize take = MIN (length, PREFIX_BYTES - parser->prefix->len);
      gsize skip;

      /* The byte-order mark and the signs of binary data may straddle chunks. */
      g_byte_array_append (parser->prefix, (const guint8 *) data, take);
      data += take;
      length -= take;
      if (parser->prefix->len < PREFIX_BYTES)
        return TRUE;
      parser->prefix_done = TRUE;
      if (start_data (parser, parser->prefix->data, parser->prefix->len, &skip) && parser->prefix->len > skip)
        consume (parser, (const char *) parser->prefix->data + skip, parser->prefix->len - skip);
    }

  if (parser->error == NULL)
    consume (parser, data, length);

  if (parser->error != NULL)
    {
      if (error != NULL)
        *error = g_error_copy (parser->error);
      return FALSE;
    }
  return TRUE;
}

/**
 * sillon_places_parser_finish:
 *
 * Ends the input: the last record need not end with a line break.
 *
 * Returns: %FALSE on a file-level error (an empty file is one)
 */
gboolean
sillon_places_parser_finish (SillonPlacesParser *parser,
                             GError **error)
{
  g_return_val_if_fail (parser != NULL, FALSE);

  /* Finishing twice must not read the last record twice. */
  if (parser->finished)
    goto out;
  parser->finished = TRUE;

  if (parser->error == NULL && !parser->prefix_done)
    {
      gsize skip;

      parser->prefix_done = TRUE;
      if (start_data (parser, parser->prefix->data, parser->prefix->len, &skip) && parser->prefix->len > skip)
        consume (parser, (const char *) parser->prefix->data + skip, parser->prefix->len - skip);
    }

  if (parser->error == NULL)
    {
      switch (parser->state)
        {
          case STATE_QUOTED:
          case STATE_QUOTED_CR:
            parser_fail (parser, SILLON_PLACES_IMPORT_ERROR_QUOTES,
                         _ ("Line %u: a quote opens a field that is never closed. Check the quotes on that line."),
                         parser->field_line);
            break;
          case STATE_UNQUOTED:
          case STATE_QUOTE_QUOTED:
            if (end_field (parser))
              end_record (parser);
            break;
          case STATE_FIELD_START:
            /* After a comma the last field is empty; after a line break there is none. */
            if (parser->row->len > 0 && end_field (parser))
              end_record (parser);
            break;
          case STATE_AFTER_CR:
          default:
            break;
        }
    }

  if (parser->error == NULL && !parser->header_done)
    parser_fail (parser, SILLON_PLACES_IMPORT_ERROR_EMPTY,
                 _ ("The file is empty: it has no header line."));

out:
  if (parser->error != NULL)
    {
      if (error != NULL)
        *error = g_error_copy (parser->error);
      return FALSE;
    }
  return TRUE;
}

/**
 * sillon_places_parser_steal_report:
 *
 * Returns: (transfer full): the report of what was read so far
 */
SillonPlacesReport *
sillon_places_parser_steal_report (SillonPlacesParser *parser)
{
  SillonPlacesReport *report;

  g_return_val_if_fail (parser != NULL, NULL);

  report = g_steal_pointer (&parser->sink.report);
  parser->sink.report = report_new ();
  return report;
}

static void
collect_place (SillonPlace *place,
               gpointer user_data)
{
  g_ptr_array_add (user_data, place);
}

gboolean
sillon_places_import_csv (SillonPlacesSchema *schema,
                          const char *data,
                          gsize length,
                          GPtrArray **places,
                          SillonPlacesReport **report,
                          GError **error)
{
  g_autoptr (GPtrArray) collected = g_ptr_array_new_with_free_func ((GDestroyNotify) sillon_place_free);
  g_autoptr (SillonPlacesParser) parser = sillon_places_parser_new (schema, collect_place, collected);

  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  if (!sillon_places_parser_feed (parser, data, length, error) ||
      !sillon_places_parser_finish (parser, error))
    return FALSE;

  if (places != NULL)
    *places = g_steal_pointer (&collected);
  if (report != NULL)
    *report = sillon_places_parser_steal_report (parser);
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* JSON */

static char *
json_value_to_text (JsonNode *node,
                    gboolean *bad_type)
{
  *bad_type = FALSE;

  if (JSON_NODE_HOLDS_NULL (node))
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_STRING)
        return g_strdup (json_node_get_string (node));
      if (type == G_TYPE_INT64)
        return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
      if (type == G_TYPE_DOUBLE)
        {
          char buffer[G_ASCII_DTOSTR_BUF_SIZE];

          return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, json_node_get_double (node)));
        }
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      /* Multi-valued fields may come as arrays instead of “|”-joined text. */
      JsonArray *array = json_node_get_array (node);
      g_autoptr (GString) joined = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
            {
              *bad_type = TRUE;
              return NULL;
            }
          if (i > 0)
            g_string_append_c (joined, '|');
          g_string_append (joined, json_node_get_string (element));
        }
      return g_string_free (g_steal_pointer (&joined), FALSE);
    }
  *bad_type = TRUE;
  return NULL;
}

static void
import_json_object (Sink *sink,
                    JsonObject *object,
                    guint record,
                    GHashTable *unknown)
{
  char *values[SILLON_PLACE_N_FIELDS] = { NULL };
  g_autoptr (GList) members = json_object_get_members (object);
  guint64 wrong_type = 0;

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *name = l->data;
      SillonPlaceField field;
      gboolean bad_type;
      gboolean legacy;
      char *text;

      if (!resolve_column_name (name, &field, &legacy) || !sink->schema->rules[field].in_schema || (legacy && json_object_has_current_name (object, field)))
        {
          if (!g_hash_table_contains (unknown, name))
            {
              g_hash_table_add (unknown, g_strdup (name));
              g_ptr_array_add (sink->report->unknown_columns, g_strdup (name));
            }
          continue;
        }
      if (legacy)
        report_legacy_column (sink->report, name);
      text = json_value_to_text (json_object_get_member (object, name), &bad_type);
      if (bad_type)
        wrong_type |= SILLON_PLACE_FIELD_BIT (field);
      if (text != NULL)
        {
          g_strstrip (text);
          if (text[0] == '\0')
            g_clear_pointer (&text, g_free);
        }
      g_free (values[field]);
      values[field] = text;
    }

  process_record (sink, values, wrong_type, 0, record);

  for (int i = 0; i < SILLON_PLACE_N_FIELDS; i++)
    g_free (values[i]);
}

/* The JSON parser recurses once per level of nesting, so a crafted file of
 * a million “[” would exhaust the stack. Places need three levels (the
 * array, a place, a list of values); anything much deeper is refused before
 * parsing. */
#define MAX_JSON_DEPTH 32

static gboolean
check_json_depth (const char *data,
                  gsize length)
{
  gboolean in_string = FALSE;
  int depth = 0;

  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > MAX_JSON_DEPTH)
            return FALSE;
        }
      else if (c == ']' || c == '}')
        depth--;
    }
  return TRUE;
}

/**
 * sillon_places_import_json:
 *
 * Reads a JSON array of objects whose members are the columns of the
 * standard. Values may be strings, numbers, null, or arrays of strings for
 * the multi-valued fields. Records are numbered from 1; there are no lines.
 */
gboolean
sillon_places_import_json (SillonPlacesSchema *schema,
                           const char *data,
                           gsize length,
                           GPtrArray **places,
                           SillonPlacesReport **report,
                           GError **error)
{
  g_autoptr (GPtrArray) collected = g_ptr_array_new_with_free_func ((GDestroyNotify) sillon_place_free);
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autoptr (GHashTable) unknown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GError) local_error = NULL;
  g_auto (Sink) sink = { NULL };
  JsonArray *array;
  gsize start = 0;

  g_return_val_if_fail (schema != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    start = 3;
  while (start < length && g_ascii_isspace (data[start]))
    start++;
  if (start == length)
    {
      g_set_error (error, SILLON_PLACES_IMPORT_ERROR, SILLON_PLACES_IMPORT_ERROR_EMPTY,
                   _ ("The file is empty."));
      return FALSE;
    }
  if (memchr (data, '\0', length) != NULL)
    {
      g_set_error (error, SILLON_PLACES_IMPORT_ERROR, SILLON_PLACES_IMPORT_ERROR_BINARY,
                   _ ("The file contains NUL bytes: this is not a JSON text file."));
      return FALSE;
    }
  if (!g_utf8_validate_len (data + start, length - start, NULL))
    {
      const char *invalid = NULL;

      g_utf8_validate_len (data, length, &invalid);
      g_set_error (error, SILLON_PLACES_IMPORT_ERROR, SILLON_PLACES_IMPORT_ERROR_ENCODING,
                   _ ("Line %u is not valid UTF-8 text. Save the file encoded in UTF-8 and import it again."),
                   1 + count_lines (data, invalid));
      return FALSE;
    }
  {
    gunichar control = 0;
    gssize bad = find_control_character (data + start, length - start, TRUE, &control);

    if (bad >= 0)
      {
        g_set_error (error, SILLON_PLACES_IMPORT_ERROR, SILLON_PLACES_IMPORT_ERROR_BINARY, CONTROL_CHARACTER_MESSAGE,
                     1 + count_lines (data, data + start + bad), control);
        return FALSE;
      }
  }
  if (!check_json_depth (data + start, length - start))
    {
      g_set_error (error, SILLON_PLACES_IMPORT_ERROR, SILLON_PLACES_IMPORT_ERROR_JSON,
                   _ ("The file is not a list of places: its arrays and objects are nested too deeply."));
      return FALSE;
    }
  if (!json_parser_load_from_data (parser, data + start, length - start, &local_error))
    {
      g_set_error (error, SILLON_PLACES_IMPORT_ERROR, SILLON_PLACES_IMPORT_ERROR_JSON,
                   /* Translators: %s is the JSON parser's message, which names the line. */
                   _ ("The file is not valid JSON: %s"), local_error->message);
      return FALSE;
    }
  if (json_parser_get_root (parser) == NULL || !JSON_NODE_HOLDS_ARRAY (json_parser_get_root (parser)))
    {
      g_set_error (error, SILLON_PLACES_IMPORT_ERROR, SILLON_PLACES_IMPORT_ERROR_JSON,
                   _ ("The JSON file does not hold an array of places."));
      return FALSE;
    }

  sink_init (&sink, schema, collect_place, collected, TRUE);
  array = json_node_get_array (json_parser_get_root (parser));
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_OBJECT (element))
        import_json_object (&sink, json_node_get_object (element), i + 1, unknown);
      else
        {
          SillonPlacesRowReport *row = row_report_new (0, i + 1, NULL);

          row->skipped = TRUE;
          add_issue (row, SILLON_PLACE_FIELD_ID, SILLON_PLACE_ISSUE_NOT_AN_OBJECT, NULL,
                     _ ("This element of the array is not an object"));
          sink.report->n_records++;
          sink.report->n_skipped++;
          g_ptr_array_add (sink.report->rows, row);
        }
    }

  if (places != NULL)
    *places = g_steal_pointer (&collected);
  if (report != NULL)
    *report = g_steal_pointer (&sink.report);
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Files */

/**
 * sillon_places_import_file:
 *
 * Reads a CSV or JSON file of places; JSON is recognised by its first
 * character (after a byte-order mark and white space) being “[”. CSV is read
 * in chunks and never held whole in memory.
 */
gboolean
sillon_places_import_file (SillonPlacesSchema *schema,
                           GFile *file,
                           GCancellable *cancellable,
                           GPtrArray **places,
                           SillonPlacesReport **report,
                           GError **error)
{
  g_autoptr (GFileInputStream) stream = NULL;
  g_autoptr (GPtrArray) collected = g_ptr_array_new_with_free_func ((GDestroyNotify) sillon_place_free);
  g_autoptr (SillonPlacesParser) parser = NULL;
  g_autoptr (GByteArray) head = g_byte_array_new ();
  g_autoptr (GError) local_error = NULL;
  g_autofree char *buffer = g_malloc (64 * 1024);
  gboolean decided = FALSE;

  g_return_val_if_fail (schema != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  stream = g_file_read (file, cancellable, &local_error);
  if (stream == NULL)
    {
      g_set_error (error, SILLON_PLACES_IMPORT_ERROR, SILLON_PLACES_IMPORT_ERROR_IO,
                   _ ("Could not open the file of places: %s"), local_error->message);
      return FALSE;
    }

  for (;;)
    {
      gssize n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, 64 * 1024, cancellable, &local_error);

      if (n < 0)
        {
          g_set_error (error, SILLON_PLACES_IMPORT_ERROR, SILLON_PLACES_IMPORT_ERROR_IO,
                       _ ("Could not read the file of places: %s"), local_error->message);
          return FALSE;
        }

      if (!decided)
        {
          gsize i = 0;

          g_byte_array_append (head, (const guint8 *) buffer, n);
          if (head->len >= 3 && memcmp (head->data, "\xEF\xBB\xBF", 3) == 0)
            i = 3;
          while (i < head->len && g_ascii_isspace (head->data[i]))
            i++;
          if (i == head->len && n > 0)
            continue;
          decided = TRUE;
          if (i < head->len && head->data[i] == '[')
            {
              /* JSON is parsed as a whole document: read the rest. */
              while (n > 0)
                {
                  n = g_input_stream_read (G_INPUT_STREAM (stream), buffer, 64 * 1024, cancellable, &local_error);
                  if (n < 0)
                    {
                      g_set_error (error, SILLON_PLACES_IMPORT_ERROR, SILLON_PLACES_IMPORT_ERROR_IO,
                                   _ ("Could not read the file of places: %s"), local_error->message);
                      return FALSE;
                    }
                  g_byte_array_append (head, (const guint8 *) buffer, n);
                }
              return sillon_places_import_json (schema, (const char *) head->data, head->len,
                                                places, report, error);
            }
          parser = sillon_places_parser_new (schema, collect_place, collected);
          if (!sillon_places_parser_feed (parser, (const char *) head->data, head->len, error))
            return FALSE;
        }
      else if (n > 0 && !sillon_places_parser_feed (parser, buffer, n, error))
        return FALSE;

      if (n == 0)
        break;
    }

  if (!sillon_places_parser_finish (parser, error))
    return FALSE;
  if (places != NULL)
    *places = g_steal_pointer (&collected);
  if (report != NULL)
    *report = sillon_places_parser_steal_report (parser);
  return TRUE;
}
