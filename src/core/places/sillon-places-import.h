/* sillon-places-import.h — the national open-data standard for places of digital mediation
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define SILLON_PLACES_IMPORT_ERROR (sillon_places_import_error_quark ())

typedef enum
{
  SILLON_PLACES_IMPORT_ERROR_SCHEMA,          /* the schema or typology file is unusable */
  SILLON_PLACES_IMPORT_ERROR_EMPTY,           /* nothing at all in the file */
  SILLON_PLACES_IMPORT_ERROR_ENCODING,        /* not UTF-8 (Latin-1, UTF-16…) */
  SILLON_PLACES_IMPORT_ERROR_BINARY,          /* NUL bytes or control characters */
  SILLON_PLACES_IMPORT_ERROR_SEPARATOR,       /* “;” or tab instead of “,” */
  SILLON_PLACES_IMPORT_ERROR_MISSING_COLUMNS, /* required columns absent from the header */
  SILLON_PLACES_IMPORT_ERROR_QUOTES,          /* unbalanced or misplaced quotes */
  SILLON_PLACES_IMPORT_ERROR_HEADER,          /* duplicate or empty column names */
  SILLON_PLACES_IMPORT_ERROR_TOO_LARGE,       /* a field or a header beyond any sane size */
  SILLON_PLACES_IMPORT_ERROR_JSON,            /* malformed JSON, or not an array */
  SILLON_PLACES_IMPORT_ERROR_IO,
} SillonPlacesImportError;

GQuark sillon_places_import_error_quark (void);

/* One per field of the schema, in the schema's order. */
typedef enum
{
  SILLON_PLACE_FIELD_ID,
  SILLON_PLACE_FIELD_PIVOT,
  SILLON_PLACE_FIELD_NOM,
  SILLON_PLACE_FIELD_COMMUNE,
  SILLON_PLACE_FIELD_CODE_POSTAL,
  SILLON_PLACE_FIELD_CODE_INSEE,
  SILLON_PLACE_FIELD_ADRESSE,
  SILLON_PLACE_FIELD_COMPLEMENT_ADRESSE,
  SILLON_PLACE_FIELD_LATITUDE,
  SILLON_PLACE_FIELD_LONGITUDE,
  SILLON_PLACE_FIELD_TYPOLOGIE,
  SILLON_PLACE_FIELD_TELEPHONE,
  SILLON_PLACE_FIELD_COURRIELS,
  SILLON_PLACE_FIELD_SITE_WEB,
  SILLON_PLACE_FIELD_HORAIRES,
  SILLON_PLACE_FIELD_PRESENTATION_RESUME,
  SILLON_PLACE_FIELD_PRESENTATION_DETAIL,
  SILLON_PLACE_FIELD_SOURCE,
  SILLON_PLACE_FIELD_ITINERANCE,
  SILLON_PLACE_FIELD_STRUCTURE_PARENTE,
  SILLON_PLACE_FIELD_DATE_MAJ,
  SILLON_PLACE_FIELD_SERVICES,
  SILLON_PLACE_FIELD_PUBLICS_SPECIFIQUEMENT_ADRESSES,
  SILLON_PLACE_FIELD_PRISE_EN_CHARGE_SPECIFIQUE,
  SILLON_PLACE_FIELD_FRAIS_A_CHARGE,
  SILLON_PLACE_FIELD_DISPOSITIF_PROGRAMMES_NATIONAUX,
  SILLON_PLACE_FIELD_FORMATIONS_LABELS,
  SILLON_PLACE_FIELD_AUTRES_FORMATIONS_LABELS,
  SILLON_PLACE_FIELD_MODALITES_ACCES,
  SILLON_PLACE_FIELD_MODALITES_ACCOMPAGNEMENT,
  SILLON_PLACE_FIELD_FICHE_ACCES_LIBRE,
  SILLON_PLACE_FIELD_PRISE_RDV,
  SILLON_PLACE_N_FIELDS
} SillonPlaceField;

#define SILLON_PLACE_FIELD_BIT(field) (G_GUINT64_CONSTANT (1) << (field))

/* A place as published. Text is trimmed UTF-8, %NULL when empty; the
 * multi-valued fields (values separated by “|”, or “;” in files published
 * before v1.0 of the standard) are split into
 * %NULL-terminated arrays, %NULL when empty. A value that failed validation
 * is kept verbatim and its bit is set in @flagged, so that the person who
 * maintains the directory can be told and a printed sheet can show it as is. */
typedef struct
{
  char *id;
  char *pivot;
  char *nom;
  char *commune;
  char *code_postal;
  char *code_insee;
  char *adresse;
  char *complement_adresse;
  gboolean has_coordinates; /* both present and within range */
  double latitude;
  double longitude;
  char **typologie;
  char *telephone;
  char **courriels;
  char **site_web;
  char *horaires;
  char *presentation_resume;
  char *presentation_detail;
  char *source;
  char **itinerance;
  char *structure_parente;
  char *date_maj;
  char **services;
  char **publics_specifiquement_adresses;
  char **prise_en_charge_specifique;
  char **frais_a_charge;
  char **dispositif_programmes_nationaux;
  char **formations_labels;
  char *autres_formations_labels;
  char **modalites_acces;
  char **modalites_accompagnement;
  char *fiche_acces_libre;
  char *prise_rdv;

  guint64 flagged; /* SILLON_PLACE_FIELD_BIT() of the fields that failed validation */
  guint line;      /* first line of the record in a CSV file, 0 for JSON */
  guint record;    /* position among the data records, from 1 */
} SillonPlace;

void sillon_place_free (SillonPlace *place);
const char *sillon_place_field_name (SillonPlaceField field);
gboolean sillon_place_field_from_name (const char *name,
                                       SillonPlaceField *field);
gboolean sillon_place_is_flagged (const SillonPlace *place,
                                  SillonPlaceField field);

/* Why a field was flagged or a record skipped. */
typedef enum
{
  SILLON_PLACE_ISSUE_MISSING,       /* required and empty: the record is skipped */
  SILLON_PLACE_ISSUE_PATTERN,       /* does not match the schema's pattern (phone, postal code, INSEE, SIRET…) */
  SILLON_PLACE_ISSUE_ENUM,          /* a value outside the schema's list */
  SILLON_PLACE_ISSUE_TYPOLOGY,      /* a code outside the typology list */
  SILLON_PLACE_ISSUE_OPENING_HOURS, /* not valid opening_hours syntax */
  SILLON_PLACE_ISSUE_EMAIL,
  SILLON_PLACE_ISSUE_URL,
  SILLON_PLACE_ISSUE_NUMBER, /* not a decimal number (e.g. a decimal comma) */
  SILLON_PLACE_ISSUE_RANGE,  /* latitude or longitude out of range */
  SILLON_PLACE_ISSUE_DATE,   /* not a real YYYY-MM-DD date */
  SILLON_PLACE_ISSUE_TOO_LONG,
  SILLON_PLACE_ISSUE_DUPLICATE_ID,  /* the record is skipped */
  SILLON_PLACE_ISSUE_FIELD_COUNT,   /* more or fewer fields than the header: the record is skipped */
  SILLON_PLACE_ISSUE_NOT_AN_OBJECT, /* a JSON array element that is not an object: skipped */
  SILLON_PLACE_ISSUE_TYPE,          /* a JSON value of the wrong type (object, boolean…) */
} SillonPlaceIssueKind;

typedef struct
{
  SillonPlaceField field; /* meaningless for record-level issues */
  SillonPlaceIssueKind kind;
  char *value;   /* the offending value (the first bad one of a list), may be %NULL */
  char *message; /* translated, for people */
} SillonPlaceIssue;

typedef struct
{
  guint line;   /* first line of the record in a CSV file, 0 for JSON */
  guint record; /* position among the data records, from 1 */
  char *id;     /* may be %NULL */
  gboolean skipped;
  GPtrArray *issues; /* of SillonPlaceIssue */
} SillonPlacesRowReport;

typedef struct
{
  guint n_records; /* data records read (blank lines are not records) */
  guint n_kept;    /* including flagged ones */
  guint n_flagged;
  guint n_skipped;
  guint n_duplicate_ids;
  GPtrArray *rows;            /* of SillonPlacesRowReport, only records with issues, in file order */
  GPtrArray *unknown_columns; /* of char*, header columns that are not in the schema (ignored) */
  GPtrArray *absent_columns;  /* of char*, optional schema columns absent from the header */
  GPtrArray *legacy_columns;  /* of char*, columns read under their name before v1.0 of the standard */
  GPtrArray *legacy_values;   /* of char*, "old value\tfield\tnew value": list values of
                               * before v1.0 read as the current ones, once each */
} SillonPlacesReport;

void sillon_places_report_free (SillonPlacesReport *report);
const SillonPlacesRowReport *sillon_places_report_find_record (const SillonPlacesReport *report,
                                                               guint record);
char *sillon_places_report_describe (const SillonPlacesReport *report) G_GNUC_WARN_UNUSED_RESULT;

/* What a file must look like: fields, required ones, patterns and lists,
 * read from the Table Schema of the standard, plus the typology codes. */
typedef struct _SillonPlacesSchema SillonPlacesSchema;

#define SILLON_PLACES_SCHEMA_DATA_FILE "lieux-schema.json"
#define SILLON_PLACES_TYPOLOGIES_DATA_FILE "typologies-coop-labels.tsv"

SillonPlacesSchema *sillon_places_schema_new_from_data (const char *schema_json,
                                                        gssize schema_length,
                                                        const char *typologies_tsv,
                                                        gssize typologies_length,
                                                        GError **error) G_GNUC_WARN_UNUSED_RESULT;
SillonPlacesSchema *sillon_places_schema_new_default (GError **error) G_GNUC_WARN_UNUSED_RESULT;
void sillon_places_schema_free (SillonPlacesSchema *schema);
const char *sillon_places_schema_get_version (SillonPlacesSchema *schema);
const char *sillon_places_schema_typology_label (SillonPlacesSchema *schema,
                                                 const char *code);
gboolean sillon_places_schema_is_required (SillonPlacesSchema *schema,
                                           SillonPlaceField field);

/* Streaming parser: feed CSV bytes in chunks of any size; each place is
 * handed to @func as soon as its record is complete. */
typedef struct _SillonPlacesParser SillonPlacesParser;

/* Takes ownership of @place. */
typedef void (*SillonPlaceFunc) (SillonPlace *place,
                                 gpointer user_data);

SillonPlacesParser *sillon_places_parser_new (SillonPlacesSchema *schema,
                                              SillonPlaceFunc func,
                                              gpointer user_data);
void sillon_places_parser_free (SillonPlacesParser *parser);
gboolean sillon_places_parser_feed (SillonPlacesParser *parser,
                                    const char *data,
                                    gsize length,
                                    GError **error);
gboolean sillon_places_parser_finish (SillonPlacesParser *parser,
                                      GError **error);
SillonPlacesReport *sillon_places_parser_steal_report (SillonPlacesParser *parser);

/* Whole documents. On success @places (of SillonPlace) and @report are set;
 * on a file-level error nothing is returned. */
gboolean sillon_places_import_csv (SillonPlacesSchema *schema,
                                   const char *data,
                                   gsize length,
                                   GPtrArray **places,
                                   SillonPlacesReport **report,
                                   GError **error);
gboolean sillon_places_import_json (SillonPlacesSchema *schema,
                                    const char *data,
                                    gsize length,
                                    GPtrArray **places,
                                    SillonPlacesReport **report,
                                    GError **error);
gboolean sillon_places_import_file (SillonPlacesSchema *schema,
                                    GFile *file,
                                    GCancellable *cancellable,
                                    GPtrArray **places,
                                    SillonPlacesReport **report,
                                    GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SillonPlace, sillon_place_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SillonPlacesReport, sillon_places_report_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SillonPlacesSchema, sillon_places_schema_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SillonPlacesParser, sillon_places_parser_free)

G_END_DECLS
