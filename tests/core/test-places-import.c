/* test-places-import.c — reading the national standard for places of digital mediation
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-places-import.h"
#include "test-places-util.h"

#include <json-glib/json-glib.h>

#define DATA_DIR TEST_DATA_DIR "/../../resources/data"

static char *
read_test_file (const char *name,
                gsize *length)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (PLACES_TEST_DIR, name, NULL);
  char *contents = NULL;

  g_file_get_contents (path, &contents, length, &error);
  g_assert_no_error (error);
  return contents;
}

/* Every field of a place as text, to compare places read in different ways. */
static char *
describe_place (const SillonPlace *p)
{
  GString *s = g_string_new (NULL);

#define TEXT(f) g_string_append_printf (s, #f "=%s\n", p->f != NULL ? p->f : "(null)")
#define LIST(f)                                                                                   \
  G_STMT_START                                                                                    \
  {                                                                                               \
    g_autofree char *joined = p->f != NULL ? g_strjoinv ("|", p->f) : g_strdup ("(null)");        \
    g_string_append_printf (s, #f "=%s (%u)\n", joined, p->f != NULL ? g_strv_length (p->f) : 0); \
  }                                                                                               \
  G_STMT_END

  TEXT (id);
  TEXT (pivot);
  TEXT (nom);
  TEXT (commune);
  TEXT (code_postal);
  TEXT (code_insee);
  TEXT (adresse);
  TEXT (complement_adresse);
  g_string_append_printf (s, "coordinates=%d %.6f %.6f\n", p->has_coordinates, p->latitude, p->longitude);
  LIST (typologie);
  TEXT (telephone);
  LIST (courriels);
  LIST (site_web);
  TEXT (horaires);
  TEXT (presentation_resume);
  TEXT (presentation_detail);
  TEXT (source);
  LIST (itinerance);
  TEXT (structure_parente);
  TEXT (date_maj);
  LIST (services);
  LIST (publics_specifiquement_adresses);
  LIST (prise_en_charge_specifique);
  LIST (frais_a_charge);
  LIST (dispositif_programmes_nationaux);
  LIST (formations_labels);
  TEXT (autres_formations_labels);
  LIST (modalites_acces);
  LIST (modalites_accompagnement);
  TEXT (fiche_acces_libre);
  TEXT (prise_rdv);
  g_string_append_printf (s, "flagged=%" G_GINT64_MODIFIER "x\n", p->flagged);

#undef TEXT
#undef LIST
  return g_string_free (s, FALSE);
}

/* @place holds, field by field, what the record of exemple-valide.csv
 * holds. */
static void
assert_reads_as_example (SillonPlacesSchema *schema, const SillonPlace *place)
{
  g_autoptr (GPtrArray) example = NULL;
  g_autofree char *got = describe_place (place);
  g_autofree char *expected = NULL;

  places_test_import_ok (schema, "exemple-valide.csv", &example, NULL);
  expected = describe_place (g_ptr_array_index (example, 0));
  g_assert_cmpstr (got, ==, expected);
}

static const SillonPlacesRowReport *
find_row_by_line (const SillonPlacesReport *report,
                  guint line)
{
  for (guint i = 0; i < report->rows->len; i++)
    {
      const SillonPlacesRowReport *row = g_ptr_array_index (report->rows, i);

      if (row->line == line)
        return row;
    }
  return NULL;
}

/* The issues of a row, as “field:kind” in order, e.g. "telephone:1,courriels:5". */
static char *
describe_issues (const SillonPlacesRowReport *row)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < row->issues->len; i++)
    {
      const SillonPlaceIssue *issue = g_ptr_array_index (row->issues, i);

      g_assert_nonnull (issue->message);
      g_assert_cmpstr (issue->message, !=, "");
      if (s->len > 0)
        g_string_append_c (s, ',');
      g_string_append_printf (s, "%s:%d", sillon_place_field_name (issue->field), issue->kind);
    }
  return g_string_free (s, FALSE);
}

static guint64
flags_of (const SillonPlacesRowReport *row)
{
  guint64 flags = 0;

  for (guint i = 0; i < row->issues->len; i++)
    flags |= SILLON_PLACE_FIELD_BIT (((SillonPlaceIssue *) g_ptr_array_index (row->issues, i))->field);
  return flags;
}

/* The report's counts of records read, kept, kept with a flagged field,
 * and skipped. */
static void
assert_counts (const SillonPlacesReport *report,
               guint records,
               guint kept,
               guint flagged,
               guint skipped)
{
  g_assert_cmpuint (report->n_records, ==, records);
  g_assert_cmpuint (report->n_kept, ==, kept);
  g_assert_cmpuint (report->n_flagged, ==, flagged);
  g_assert_cmpuint (report->n_skipped, ==, skipped);
}

/* An import refused with @code and a message that contains @in_message,
 * which returned no places. @ok is the import's result; @error and @places
 * are where it put its error and places, read once it has run. */
static void
assert_refused (gboolean ok,
                GError **error,
                SillonPlacesImportError code,
                const char *in_message,
                GPtrArray **places)
{
  g_assert_false (ok);
  g_assert_error (*error, SILLON_PLACES_IMPORT_ERROR, (int) code);
  g_assert_nonnull (strstr ((*error)->message, in_message));
  g_assert_null (*places);
}

/* ---------------------------------------------------------------------- */

static void
test_schema (void)
{
  g_autoptr (SillonPlacesSchema) schema = places_test_load_schema ();
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  JsonArray *fields;

  json_parser_load_from_file (parser, DATA_DIR "/" SILLON_PLACES_SCHEMA_DATA_FILE, &error);
  g_assert_no_error (error);
  fields = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "fields");

  /* The field list, its order and what is required come from the schema. */
  g_assert_cmpuint (json_array_get_length (fields), ==, SILLON_PLACE_N_FIELDS);
  for (guint i = 0; i < json_array_get_length (fields); i++)
    {
      JsonObject *field = json_array_get_object_element (fields, i);
      JsonObject *constraints = json_object_get_object_member (field, "constraints");
      SillonPlaceField id;

      g_assert_true (sillon_place_field_from_name (json_object_get_string_member (field, "name"), &id));
      g_assert_cmpint (id, ==, i);
      g_assert_cmpstr (sillon_place_field_name (id), ==, json_object_get_string_member (field, "name"));
      g_assert_cmpint (sillon_places_schema_is_required (schema, id), ==,
                       json_object_get_boolean_member_with_default (constraints, "required", FALSE));
    }
  g_assert_true (sillon_places_schema_is_required (schema, SILLON_PLACE_FIELD_DATE_MAJ));
  g_assert_false (sillon_places_schema_is_required (schema, SILLON_PLACE_FIELD_HORAIRES));
  g_assert_false (sillon_place_field_from_name ("remarque", NULL));
  g_assert_true (sillon_place_field_from_name ("Code_Postal", NULL));

  g_assert_cmpstr (sillon_places_schema_get_version (schema), ==, "v1.0.2");
  g_assert_cmpstr (sillon_places_schema_typology_label (schema, "TIERS_LIEUX"), ==, "Tiers lieu & coworking");
  g_assert_null (sillon_places_schema_typology_label (schema, "code"));
  g_assert_null (sillon_places_schema_typology_label (schema, "INCONNU"));
}

static void
expect_schema_error (const char *json,
                     const char *typologies)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonPlacesSchema) schema = sillon_places_schema_new_from_data (json, -1, typologies, -1, &error);

  g_assert_null (schema);
  g_assert_error (error, SILLON_PLACES_IMPORT_ERROR, SILLON_PLACES_IMPORT_ERROR_SCHEMA);
}

static void
test_schema_errors (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonPlacesSchema) schema = NULL;

  expect_schema_error ("", NULL);
  expect_schema_error ("{\"fields\": ", NULL);
  expect_schema_error ("[]", NULL);
  expect_schema_error ("{\"fields\": {}}", NULL);
  expect_schema_error ("{\"fields\": [{\"name\": \"nom\"}]}", NULL);
  expect_schema_error ("{\"fields\": [{\"name\": \"id\", \"constraints\": {\"pattern\": \"(\"}}]}", NULL);
  expect_schema_error ("{\"fields\": [{\"name\": \"id\"}]}", "code\tlibelle\nCCAS\n");

  /* The smallest usable schema: unknown fields of a later version are ignored. */
  schema = sillon_places_schema_new_from_data ("{\"fields\": [{\"name\": \"id\", \"constraints\": {\"required\": true}},"
                                               " {\"name\": \"futur_champ\"}]}",
                                               -1, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_nonnull (schema);
  g_assert_null (sillon_places_schema_get_version (schema));
  g_assert_true (sillon_places_schema_is_required (schema, SILLON_PLACE_FIELD_ID));
  g_assert_false (sillon_places_schema_is_required (schema, SILLON_PLACE_FIELD_NOM));
  g_assert_null (sillon_places_schema_typology_label (schema, "CCAS"));
}

static void
test_example (void)
{
  g_autoptr (SillonPlacesSchema) schema = places_test_load_schema ();
  g_autoptr (GPtrArray) places = NULL;
  g_autoptr (SillonPlacesReport) report = NULL;
  const SillonPlace *place;

  places_test_import_ok (schema, "exemple-valide.csv", &places, &report);

  g_assert_cmpuint (places->len, ==, 1);
  assert_counts (report, 1, 1, 0, 0);
  g_assert_cmpuint (report->n_duplicate_ids, ==, 0);
  g_assert_cmpuint (report->rows->len, ==, 0);
  g_assert_cmpuint (report->unknown_columns->len, ==, 0);
  g_assert_cmpuint (report->absent_columns->len, ==, 0);

  place = g_ptr_array_index (places, 0);
  g_assert_cmpuint (place->line, ==, 2);
  g_assert_cmpuint (place->record, ==, 1);
  g_assert_cmphex (place->flagged, ==, 0);
  g_assert_cmpstr (place->id, ==, "structure-1");
  g_assert_cmpstr (place->pivot, ==, "43493312300029");
  g_assert_cmpstr (place->nom, ==, "Anonymal");
  g_assert_cmpstr (place->code_insee, ==, "51454");
  g_assert_cmpstr (place->complement_adresse, ==, "Le patio du bois de l'Aulne");
  g_assert_true (place->has_coordinates);
  g_assert_cmpfloat_with_epsilon (place->latitude, 43.52609, 1e-9);
  g_assert_cmpfloat_with_epsilon (place->longitude, 5.41423, 1e-9);
  g_assert_cmpuint (g_strv_length (place->typologie), ==, 2);
  g_assert_cmpstr (place->typologie[0], ==, "TIERS_LIEUX");
  g_assert_cmpstr (place->typologie[1], ==, "ASSO");
  g_assert_cmpstr (place->telephone, ==, "+33180059880");
  g_assert_cmpuint (g_strv_length (place->courriels), ==, 2);
  g_assert_cmpstr (place->courriels[1], ==, "responsable@laquincaillerie.tl");
  g_assert_cmpuint (g_strv_length (place->site_web), ==, 2);
  g_assert_cmpstr (place->horaires, ==, "Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00");
  g_assert_cmpstr (place->date_maj, ==, "2024-04-02");
  g_assert_cmpuint (g_strv_length (place->itinerance), ==, 1);
  g_assert_cmpuint (g_strv_length (place->services), ==, 3);
  g_assert_cmpuint (g_strv_length (place->prise_en_charge_specifique), ==, 3);
  g_assert_cmpstr (place->prise_en_charge_specifique[2], ==, "Langues étrangères (anglais)");
  g_assert_cmpuint (g_strv_length (place->formations_labels), ==, 2);
  g_assert_cmpstr (place->formations_labels[0], ==, "Formé à « Mon Espace Santé »");
  g_assert_cmpstr (place->autres_formations_labels, ==, "Label et la bête");
  g_assert_cmpuint (g_strv_length (place->modalites_accompagnement), ==, 4);
  g_assert_cmpstr (place->prise_rdv, ==, "https://www.rdv-solidarites.fr/");
  for (int f = 0; f < SILLON_PLACE_N_FIELDS; f++)
    g_assert_false (sillon_place_is_flagged (place, f));
}

typedef struct
{
  guint line;
  const char *id;
  gboolean skipped;
  const char *issues;
} ExpectedRow;

static void
test_mixed (void)
{
  g_autoptr (SillonPlacesSchema) schema = places_test_load_schema ();
  g_autoptr (GPtrArray) places = NULL;
  g_autoptr (SillonPlacesReport) report = NULL;
  g_autofree char *issues_3 = g_strdup_printf ("horaires:%d", SILLON_PLACE_ISSUE_OPENING_HOURS);
  g_autofree char *issues_4 = g_strdup_printf ("services:%d", SILLON_PLACE_ISSUE_ENUM);
  g_autofree char *issues_5 = g_strdup_printf ("telephone:%d,courriels:%d,site_web:%d", SILLON_PLACE_ISSUE_PATTERN,
                                               SILLON_PLACE_ISSUE_EMAIL, SILLON_PLACE_ISSUE_URL);
  g_autofree char *issues_6 = g_strdup_printf ("nom:%d", SILLON_PLACE_ISSUE_MISSING);
  g_autofree char *issues_7 = g_strdup_printf ("id:%d", SILLON_PLACE_ISSUE_DUPLICATE_ID);
  g_autofree char *issues_8 = g_strdup_printf ("code_postal:%d,code_insee:%d,latitude:%d,longitude:%d",
                                               SILLON_PLACE_ISSUE_PATTERN, SILLON_PLACE_ISSUE_PATTERN,
                                               SILLON_PLACE_ISSUE_RANGE, SILLON_PLACE_ISSUE_NUMBER);
  g_autofree char *issues_12 = g_strdup_printf ("id:%d", SILLON_PLACE_ISSUE_FIELD_COUNT);
  g_autofree char *issues_13 = g_strdup_printf ("typologie:%d,date_maj:%d", SILLON_PLACE_ISSUE_TYPOLOGY,
                                                SILLON_PLACE_ISSUE_DATE);
  g_autofree char *issues_14 = g_strdup_printf ("presentation_resume:%d,itinerance:%d",
                                                SILLON_PLACE_ISSUE_TOO_LONG, SILLON_PLACE_ISSUE_ENUM);
  const ExpectedRow expected[] = {
    { 3, "lieu-2", FALSE, issues_3 },
    { 4, "lieu-3", FALSE, issues_4 },
    { 5, "lieu-4", FALSE, issues_5 },
    { 6, "lieu-5", TRUE, issues_6 },
    { 7, "lieu-1", TRUE, issues_7 },
    { 8, "lieu-7", FALSE, issues_8 },
    { 12, "lieu-9", TRUE, issues_12 },
    { 13, "lieu-10", FALSE, issues_13 },
    { 14, "lieu-11", FALSE, issues_14 },
  };
  const char *kept[] = { "lieu-1", "lieu-2", "lieu-3", "lieu-4", "lieu-7", "lieu-8", "lieu-10", "lieu-11", "lieu-12" };
  const SillonPlace *place;
  const SillonPlaceIssue *issue;

  places_test_import_ok (schema, "mixte.csv", &places, &report);

  assert_counts (report, 12, 9, 6, 3);
  g_assert_cmpuint (report->n_duplicate_ids, ==, 1);
  g_assert_cmpuint (places->len, ==, G_N_ELEMENTS (kept));
  for (gsize i = 0; i < G_N_ELEMENTS (kept); i++)
    g_assert_cmpstr (((SillonPlace *) g_ptr_array_index (places, i))->id, ==, kept[i]);

  g_assert_cmpuint (report->unknown_columns->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (report->unknown_columns, 0), ==, "remarque_interne");
  /* 19 of the 32 columns of the standard are in the file. */
  g_assert_cmpuint (report->absent_columns->len, ==, SILLON_PLACE_N_FIELDS - 19);

  g_assert_cmpuint (report->rows->len, ==, G_N_ELEMENTS (expected));
  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const SillonPlacesRowReport *row = g_ptr_array_index (report->rows, i);
      g_autofree char *issues = describe_issues (row);

      g_assert_cmpuint (row->line, ==, expected[i].line);
      g_assert_cmpstr (row->id, ==, expected[i].id);
      g_assert_cmpint (row->skipped, ==, expected[i].skipped);
      g_assert_cmpstr (issues, ==, expected[i].issues);
      g_assert_true (sillon_places_report_find_record (report, row->record) == row);
      /* A kept record's place carries exactly the flags of its report. */
      if (!row->skipped)
        g_assert_cmphex (places_test_find (places, row->id)->flagged, ==, flags_of (row));
    }
  g_assert_null (find_row_by_line (report, 2));
  g_assert_null (sillon_places_report_find_record (report, 1));

  /* The offending value is named, the first bad one of a list. */
  issue = g_ptr_array_index (((SillonPlacesRowReport *) g_ptr_array_index (report->rows, 1))->issues, 0);
  g_assert_cmpstr (issue->value, ==, "Cours de cuisine");
  issue = g_ptr_array_index (((SillonPlacesRowReport *) g_ptr_array_index (report->rows, 2))->issues, 1);
  g_assert_cmpstr (issue->value, ==, "accueil@");
  g_assert_nonnull (strstr (issue->message, "accueil@"));
  issue = g_ptr_array_index (find_row_by_line (report, 7)->issues, 0);
  g_assert_nonnull (strstr (issue->message, "line 2"));

  /* Flagged values are kept as they were. */
  place = places_test_find (places, "lieu-2");
  g_assert_cmpstr (place->horaires, ==, "9h-12h");
  g_assert_true (sillon_place_is_flagged (place, SILLON_PLACE_FIELD_HORAIRES));
  g_assert_false (sillon_place_is_flagged (place, SILLON_PLACE_FIELD_NOM));
  place = places_test_find (places, "lieu-3");
  g_assert_cmpuint (g_strv_length (place->services), ==, 2);
  place = places_test_find (places, "lieu-7");
  g_assert_false (place->has_coordinates);
  g_assert_cmpstr (place->code_postal, ==, "5110");

  /* Quoted values keep their quotes, commas and line breaks. */
  place = places_test_find (places, "lieu-8");
  g_assert_cmpuint (place->line, ==, 9);
  g_assert_cmpstr (place->presentation_detail, ==, "Il a dit \"bonjour\", puis\nest reparti, content.\nFin.");
  g_assert_cmphex (place->flagged, ==, 0);

  /* List values are trimmed and empty ones dropped. */
  place = places_test_find (places, "lieu-12");
  g_assert_cmpuint (place->line, ==, 15);
  g_assert_cmpuint (place->record, ==, 12);
  g_assert_cmpuint (g_strv_length (place->services), ==, 2);
  g_assert_cmpstr (place->services[0], ==, "Aide aux démarches administratives");
  g_assert_cmpstr (place->services[1], ==, "Loisirs et créations numériques");
  g_assert_null (place->courriels);
  g_assert_null (place->complement_adresse);
  g_assert_cmphex (place->flagged, ==, 0);
}

static void
test_describe_report (void)
{
  g_autoptr (SillonPlacesSchema) schema = places_test_load_schema ();
  g_autoptr (SillonPlacesReport) report = NULL;
  g_autofree char *text = NULL;

  places_test_import_ok (schema, "mixte.csv", NULL, &report);
  text = sillon_places_report_describe (report);
  g_assert_true (g_str_has_prefix (text, "Records read: 12; kept: 9 (with flagged fields: 6); skipped: 3\n"));
  g_assert_nonnull (strstr (text, "remarque_interne"));
  g_assert_nonnull (strstr (text, "\nLine 6 (skipped): The required field “nom” is empty\n"));
  g_assert_nonnull (strstr (text, "\nLine 3: Invalid opening hours at character 1"));
}

static void
collect_place (SillonPlace *place,
               gpointer user_data)
{
  g_ptr_array_add (user_data, place);
}

static void
check_chunked (SillonPlacesSchema *schema,
               const char *name)
{
  g_autoptr (GPtrArray) whole_places = NULL;
  g_autoptr (SillonPlacesReport) whole_report = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *whole_text = NULL;
  gsize length;
  g_autofree char *data = read_test_file (name, &length);
  const gsize chunk_sizes[] = { 1, 2, 3, 5, 7, 64, 511, 513, 4096 };

  g_assert_true (sillon_places_import_csv (schema, data, length, &whole_places, &whole_report, &error));
  g_assert_no_error (error);
  whole_text = sillon_places_report_describe (whole_report);

  for (gsize c = 0; c < G_N_ELEMENTS (chunk_sizes); c++)
    {
      g_autoptr (GPtrArray) places = g_ptr_array_new_with_free_func ((GDestroyNotify) sillon_place_free);
      g_autoptr (SillonPlacesParser) parser = sillon_places_parser_new (schema, collect_place, places);
      g_autoptr (SillonPlacesReport) report = NULL;
      g_autofree char *text = NULL;

      for (gsize offset = 0; offset < length; offset += chunk_sizes[c])
        {
          g_assert_true (sillon_places_parser_feed (parser, data + offset, MIN (chunk_sizes[c], length - offset), &error));
          g_assert_no_error (error);
        }
      g_assert_true (sillon_places_parser_finish (parser, &error));
      g_assert_no_error (error);
      report = sillon_places_parser_steal_report (parser);
      text = sillon_places_report_describe (report);
      g_assert_cmpstr (text, ==, whole_text);
      g_assert_cmpuint (places->len, ==, whole_places->len);
      for (guint i = 0; i < places->len; i++)
        {
          g_autofree char *a = describe_place (g_ptr_array_index (places, i));
          g_autofree char *b = describe_place (g_ptr_array_index (whole_places, i));

          g_assert_cmpstr (a, ==, b);
          g_assert_cmpuint (((SillonPlace *) g_ptr_array_index (places, i))->line, ==,
                            ((SillonPlace *) g_ptr_array_index (whole_places, i))->line);
        }
    }
}

static void
test_streaming (void)
{
  g_autoptr (SillonPlacesSchema) schema = places_test_load_schema ();

  check_chunked (schema, "mixte.csv");
  check_chunked (schema, "bom-crlf.csv");
  check_chunked (schema, "exemple-valide.csv");
  check_chunked (schema, "horaires-invalides.csv");
}

static void
test_bom_crlf (void)
{
  g_autoptr (SillonPlacesSchema) schema = places_test_load_schema ();
  g_autoptr (GPtrArray) places = NULL;
  g_autoptr (SillonPlacesReport) report = NULL;
  const SillonPlace *second;

  places_test_import_ok (schema, "bom-crlf.csv", &places, &report);

  g_assert_cmpuint (places->len, ==, 2);
  g_assert_cmpuint (report->n_records, ==, 2);
  g_assert_cmpuint (report->n_flagged, ==, 0);
  g_assert_cmpuint (report->unknown_columns->len, ==, 0);

  /* The byte-order mark is not part of the first column name, and CR LF
   * line ends leave nothing behind: the record reads as the plain example. */
  assert_reads_as_example (schema, g_ptr_array_index (places, 0));

  second = g_ptr_array_index (places, 1);
  g_assert_cmpuint (second->line, ==, 3);
  g_assert_cmpstr (second->id, ==, "structure-2");
  g_assert_cmpstr (second->nom, ==, "Le \"Cyber\" Espace, annexe");
  g_assert_cmpstr (second->complement_adresse, ==, "Bâtiment B\n2e étage");
}

static void
test_opening_hours_flags (void)
{
  g_autoptr (SillonPlacesSchema) schema = places_test_load_schema ();
  g_autoptr (GPtrArray) places = NULL;
  g_autoptr (SillonPlacesReport) report = NULL;

  places_test_import_ok (schema, "horaires-invalides.csv", &places, &report);
  assert_counts (report, 6, 6, 3, 0);
  g_assert_cmpuint (report->rows->len, ==, 3);

  for (guint line = 3; line <= 5; line++)
    {
      const SillonPlacesRowReport *row = find_row_by_line (report, line);
      const SillonPlaceIssue *issue;

      g_assert_nonnull (row);
      g_assert_false (row->skipped);
      g_assert_cmpuint (row->issues->len, ==, 1);
      issue = g_ptr_array_index (row->issues, 0);
      g_assert_cmpint (issue->field, ==, SILLON_PLACE_FIELD_HORAIRES);
      g_assert_cmpint (issue->kind, ==, SILLON_PLACE_ISSUE_OPENING_HOURS);
      g_assert_cmphex (places_test_find (places, row->id)->flagged, ==, SILLON_PLACE_FIELD_BIT (SILLON_PLACE_FIELD_HORAIRES));
    }
  g_assert_cmpstr (places_test_find (places, "h-3")->horaires, ==, "Lundi 9:00-12:00");
  g_assert_null (places_test_find (places, "h-5")->horaires);
  g_assert_false (sillon_place_is_flagged (places_test_find (places, "h-5"), SILLON_PLACE_FIELD_HORAIRES));
  g_assert_false (sillon_place_is_flagged (places_test_find (places, "h-6"), SILLON_PLACE_FIELD_HORAIRES));
}

typedef struct
{
  const char *file;
  SillonPlacesImportError code;
  const char *in_message;
} FileError;

static void
test_file_errors (void)
{
  g_autoptr (SillonPlacesSchema) schema = places_test_load_schema ();
  const FileError cases[] = {
    { "colonnes-manquantes.csv", SILLON_PLACES_IMPORT_ERROR_MISSING_COLUMNS, "Line 1: the header lacks the required columns pivot, date_maj." },
    { "guillemets.csv", SILLON_PLACES_IMPORT_ERROR_QUOTES, "Line 3: text follows the closing quote" },
    { "guillemet-ouvert.csv", SILLON_PLACES_IMPORT_ERROR_QUOTES, "started on line 3" },
    { "point-virgule.csv", SILLON_PLACES_IMPORT_ERROR_SEPARATOR, "Line 1: the columns are separated by semicolons" },
    { "point-virgule-sans-guillemets.csv", SILLON_PLACES_IMPORT_ERROR_SEPARATOR, "semicolons" },
    { "binaire.csv", SILLON_PLACES_IMPORT_ERROR_BINARY, "contains a control character" },
    { "latin1.csv", SILLON_PLACES_IMPORT_ERROR_ENCODING, "Line 2 is not valid UTF-8" },
    { "vide.csv", SILLON_PLACES_IMPORT_ERROR_EMPTY, "empty" },
    { "malforme.json", SILLON_PLACES_IMPORT_ERROR_JSON, "not valid JSON" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GPtrArray) places = NULL;
      g_autoptr (SillonPlacesReport) report = NULL;
      g_autoptr (GError) error = NULL;

      g_test_message ("%s", cases[i].file);
      assert_refused (places_test_import_file (schema, cases[i].file, &places, &report, &error), &error, cases[i].code,
                      cases[i].in_message, &places);
      g_assert_null (report);
    }
}

static void
test_header_only (void)
{
  g_autoptr (SillonPlacesSchema) schema = places_test_load_schema ();
  g_autoptr (GPtrArray) places = NULL;
  g_autoptr (SillonPlacesReport) report = NULL;

  places_test_import_ok (schema, "entete-seule.csv", &places, &report);
  g_assert_cmpuint (places->len, ==, 0);
  assert_counts (report, 0, 0, 0, 0);
  g_assert_cmpuint (report->rows->len, ==, 0);
}

static void
test_json (void)
{
  g_autoptr (SillonPlacesSchema) schema = places_test_load_schema ();
  g_autoptr (GPtrArray) places = NULL;
  g_autoptr (SillonPlacesReport) report = NULL;
  g_autofree char *issues = NULL;
  const SillonPlacesRowReport *row;
  const SillonPlace *place;

  places_test_import_ok (schema, "exemple.json", &places, &report);

  assert_counts (report, 6, 3, 2, 3);
  g_assert_cmpuint (report->n_duplicate_ids, ==, 1);
  g_assert_cmpuint (places->len, ==, 3);
  g_assert_cmpuint (report->unknown_columns->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (report->unknown_columns, 0), ==, "champ_maison");

  /* Numbers and arrays read as the CSV's text and “|” lists. */
  place = g_ptr_array_index (places, 0);
  g_assert_cmpuint (place->line, ==, 0);
  g_assert_cmpuint (place->record, ==, 1);
  assert_reads_as_example (schema, place);

  place = places_test_find (places, "structure-2");
  g_assert_cmphex (place->flagged, ==, SILLON_PLACE_FIELD_BIT (SILLON_PLACE_FIELD_HORAIRES));
  g_assert_null (place->complement_adresse);

  row = sillon_places_report_find_record (report, 3);
  g_assert_true (row->skipped);
  issues = describe_issues (row);
  g_assert_cmpint (((SillonPlaceIssue *) g_ptr_array_index (row->issues, 0))->kind, ==, SILLON_PLACE_ISSUE_MISSING);
  g_assert_cmpint (((SillonPlaceIssue *) g_ptr_array_index (row->issues, 0))->field, ==, SILLON_PLACE_FIELD_NOM);

  row = sillon_places_report_find_record (report, 4);
  g_assert_true (row->skipped);
  g_assert_cmpint (((SillonPlaceIssue *) g_ptr_array_index (row->issues, 0))->kind, ==, SILLON_PLACE_ISSUE_NOT_AN_OBJECT);

  row = sillon_places_report_find_record (report, 5);
  g_assert_false (row->skipped);
  g_assert_cmpuint (row->issues->len, ==, 1);
  g_assert_cmpint (((SillonPlaceIssue *) g_ptr_array_index (row->issues, 0))->kind, ==, SILLON_PLACE_ISSUE_TYPE);
  place = places_test_find (places, "structure-4");
  g_assert_null (place->telephone);
  g_assert_cmphex (place->flagged, ==, SILLON_PLACE_FIELD_BIT (SILLON_PLACE_FIELD_TELEPHONE));

  row = sillon_places_report_find_record (report, 6);
  g_assert_true (row->skipped);
  g_assert_cmpint (((SillonPlaceIssue *) g_ptr_array_index (row->issues, 0))->kind, ==, SILLON_PLACE_ISSUE_DUPLICATE_ID);
  g_assert_nonnull (strstr (((SillonPlaceIssue *) g_ptr_array_index (row->issues, 0))->message, "record 1"));
}

static void
test_json_inline (void)
{
  g_autoptr (SillonPlacesSchema) schema = places_test_load_schema ();
  const struct
  {
    const char *data;
    gsize length;
    int code; /* -1: success */
    guint n_records;
  } cases[] = {
    { "", 0, SILLON_PLACES_IMPORT_ERROR_EMPTY, 0 },
    { " \n\t", 3, SILLON_PLACES_IMPORT_ERROR_EMPTY, 0 },
    { "\xEF\xBB\xBF", 3, SILLON_PLACES_IMPORT_ERROR_EMPTY, 0 },
    { "{}", 2, SILLON_PLACES_IMPORT_ERROR_JSON, 0 },
    { "\"lieux\"", 7, SILLON_PLACES_IMPORT_ERROR_JSON, 0 },
    { "[", 1, SILLON_PLACES_IMPORT_ERROR_JSON, 0 },
    { "[{\"id\": \"a\"},]", 14, SILLON_PLACES_IMPORT_ERROR_JSON, 0 },
    { "[\"\xff\"]", 5, SILLON_PLACES_IMPORT_ERROR_ENCODING, 0 },
    { "[\"a\0\"]", 6, SILLON_PLACES_IMPORT_ERROR_BINARY, 0 },
    { "[]", 2, -1, 0 },
    { "\xEF\xBB\xBF [ ]", 7, -1, 0 },
    { "[1, null, [], {}]", 17, -1, 4 },
  };

  g_autofree char *deep = g_strnfill (100000, '[');
  /* A value full of brackets, with an escaped quote before its end. */
  const char *tricky = "[{\"id\": \"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\\\"\"}]";
  g_autofree char *shallow = g_strdup ("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"x\"]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]");

  /* Nested far beyond any list of places: refused before parsing. */
  {
    g_autoptr (GError) error = NULL;

    g_assert_false (sillon_places_import_json (schema, deep, strlen (deep), NULL, NULL, &error));
    g_assert_error (error, SILLON_PLACES_IMPORT_ERROR, SILLON_PLACES_IMPORT_ERROR_JSON);
    g_assert_nonnull (strstr (error->message, "nested too deeply"));
  }
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (SillonPlacesReport) report = NULL;

    /* 32 levels, the most that is read; brackets inside strings do not count. */
    g_assert_true (sillon_places_import_json (schema, shallow, strlen (shallow), NULL, &report, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (report->n_skipped, ==, 1);
    g_clear_pointer (&report, sillon_places_report_free);
    g_assert_true (sillon_places_import_json (schema, tricky, strlen (tricky), NULL, &report, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (report->n_records, ==, 1);
  }

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GPtrArray) places = NULL;
      g_autoptr (SillonPlacesReport) report = NULL;
      g_autoptr (GError) error = NULL;
      gboolean ok = sillon_places_import_json (schema, cases[i].data, cases[i].length, &places, &report, &error);

      if (cases[i].code < 0)
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpuint (report->n_records, ==, cases[i].n_records);
          g_assert_cmpuint (report->n_skipped, ==, cases[i].n_records);
          g_assert_cmpuint (places->len, ==, 0);
        }
      else
        {
          g_assert_false (ok);
          g_assert_error (error, SILLON_PLACES_IMPORT_ERROR, cases[i].code);
        }
    }
}

static const char *const minimal_header = "id,pivot,nom,commune,code_postal,adresse,date_maj";

static gboolean
import_string (SillonPlacesSchema *schema,
               const char *data,
               GPtrArray **places,
               SillonPlacesReport **report,
               GError **error)
{
  return sillon_places_import_csv (schema, data, strlen (data), places, report, error);
}

static void
test_csv_variants (void)
{
  g_autoptr (SillonPlacesSchema) schema = places_test_load_schema ();
  const char *row = "a,123456789,Espace,Reims,51100,1 rue,2024-01-31";
  const char *line_ends[] = { "\n", "\r\n", "\r" };

  /* Whatever the line ends, with or without a last one, with blank lines. */
  for (gsize i = 0; i < G_N_ELEMENTS (line_ends); i++)
    for (int final = 0; final < 2; final++)
      {
        g_autoptr (GPtrArray) places = NULL;
        g_autoptr (SillonPlacesReport) report = NULL;
        g_autoptr (GError) error = NULL;
        g_autofree char *data = g_strconcat (minimal_header, line_ends[i], line_ends[i], row, line_ends[i],
                                             "b,123456789,Autre,Reims,51100,2 rue,2024-01-31",
                                             final ? line_ends[i] : "", NULL);

        g_assert_true (import_string (schema, data, &places, &report, &error));
        g_assert_no_error (error);
        g_assert_cmpuint (places->len, ==, 2);
        g_assert_cmpuint (report->n_records, ==, 2);
        g_assert_cmpuint (((SillonPlace *) g_ptr_array_index (places, 0))->line, ==, 3);
        g_assert_cmpuint (((SillonPlace *) g_ptr_array_index (places, 1))->line, ==, 4);
        g_assert_cmpstr (((SillonPlace *) g_ptr_array_index (places, 1))->date_maj, ==, "2024-01-31");
      }

  /* Columns in any order, names trimmed and in any case, values trimmed. */
  {
    g_autoptr (GPtrArray) places = NULL;
    g_autoptr (SillonPlacesReport) report = NULL;
    g_autoptr (GError) error = NULL;
    const SillonPlace *place;

    g_assert_true (import_string (schema, " Date_Maj ,adresse,code_postal,commune,nom,pivot,\"id\"\n"
                                          "2024-01-31,\" 1 rue \",51100,Reims,Espace,123456789,a\n",
                                  &places, &report, &error));
    g_assert_no_error (error);
    place = g_ptr_array_index (places, 0);
    g_assert_cmpstr (place->id, ==, "a");
    g_assert_cmpstr (place->adresse, ==, "1 rue");
    g_assert_cmpstr (place->date_maj, ==, "2024-01-31");
    g_assert_cmphex (place->flagged, ==, 0);
  }

  /* Too many or too few fields: skipped; a quoted empty required field too. */
  {
    g_autoptr (GPtrArray) places = NULL;
    g_autoptr (SillonPlacesReport) report = NULL;
    g_autoptr (GError) error = NULL;
    g_autofree char *data = g_strconcat (minimal_header, "\n", row, ",\n", "a,123456789\n",
                                         "\"\",123456789,Espace,Reims,51100,1 rue,2024-01-31\n", row, "\n", NULL);

    g_assert_true (import_string (schema, data, &places, &report, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (report->n_records, ==, 4);
    g_assert_cmpuint (report->n_skipped, ==, 3);
    g_assert_cmpuint (places->len, ==, 1);
    g_assert_cmpint (((SillonPlaceIssue *) g_ptr_array_index (find_row_by_line (report, 2)->issues, 0))->kind, ==, SILLON_PLACE_ISSUE_FIELD_COUNT);
    g_assert_cmpint (((SillonPlaceIssue *) g_ptr_array_index (find_row_by_line (report, 3)->issues, 0))->kind, ==, SILLON_PLACE_ISSUE_FIELD_COUNT);
    g_assert_cmpint (((SillonPlaceIssue *) g_ptr_array_index (find_row_by_line (report, 4)->issues, 0))->kind, ==, SILLON_PLACE_ISSUE_MISSING);
    g_assert_cmpuint (((SillonPlace *) g_ptr_array_index (places, 0))->line, ==, 5);
  }

  /* A bare quote inside an unquoted value is kept as it is. */
  {
    g_autoptr (GPtrArray) places = NULL;
    g_autoptr (GError) error = NULL;
    g_autofree char *data = g_strconcat (minimal_header, "\n", "a,123456789,Espace 5\" Ecran,Reims,51100,1 rue,2024-01-31", NULL);

    g_assert_true (import_string (schema, data, &places, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (((SillonPlace *) g_ptr_array_index (places, 0))->nom, ==, "Espace 5\" Ecran");
  }
}

static void
test_csv_errors (void)
{
  g_autoptr (SillonPlacesSchema) schema = places_test_load_schema ();
  g_autofree char *huge = g_strnfill (1024 * 1024 + 10, 'x');
  g_autofree char *huge_row = g_strconcat (minimal_header, "\n", huge, ",1,2,3,4,5,6\n", NULL);
  g_autofree char *huge_quote = g_strconcat (minimal_header, "\n\"", huge, NULL);
  g_autofree char *many_columns = NULL;
  const struct
  {
    const char *data;
    gsize length;
    SillonPlacesImportError code;
    const char *in_message;
  } cases[] = {
    { "", 0, SILLON_PLACES_IMPORT_ERROR_EMPTY, "empty" },
    { "\n\n\r\n", 4, SILLON_PLACES_IMPORT_ERROR_EMPTY, "empty" },
    { "\xEF\xBB\xBF", 3, SILLON_PLACES_IMPORT_ERROR_EMPTY, "empty" },
    { "\xFF\xFEi\0d\0", 6, SILLON_PLACES_IMPORT_ERROR_ENCODING, "UTF-16" },
    { "PK\x03\x04\x14\0\0\0", 8, SILLON_PLACES_IMPORT_ERROR_BINARY, "spreadsheet" },
    { "id,nom\0,x", 9, SILLON_PLACES_IMPORT_ERROR_BINARY, "Line 1 contains binary data" },
    { "id,pivot,nom,commune,code_postal,adresse,date_maj\na,1,\x01,c,d,e,f\n", 0, SILLON_PLACES_IMPORT_ERROR_BINARY, "Line 2" },
    { "id,pivot,nom,commune,code_postal,adresse,date_maj\na,1,\"x\ny\nz\xe9\",c,d,e,f\n", 0, SILLON_PLACES_IMPORT_ERROR_ENCODING, "Line 4" },
    { "id\tpivot\tnom\tcommune\tcode_postal\tadresse\tdate_maj\n", 0, SILLON_PLACES_IMPORT_ERROR_SEPARATOR, "tabs" },
    { "\"id\"\t\"pivot\"\n", 0, SILLON_PLACES_IMPORT_ERROR_SEPARATOR, "tabs" },
    { "id,pivot,nom,commune,code_postal,adresse,date_maj,nom\n", 0, SILLON_PLACES_IMPORT_ERROR_HEADER, "“nom” appears twice" },
    { "nom,prenom\nA,B\n", 0, SILLON_PLACES_IMPORT_ERROR_MISSING_COLUMNS, "id, pivot, commune, code_postal, adresse, date_maj" },
    { "id,pivot,nom,commune,code_postal,adresse\n", 0, SILLON_PLACES_IMPORT_ERROR_MISSING_COLUMNS, "the required column date_maj." },
    { "id,pivot,nom,commune,code_postal,adresse,date_maj\n\"a\"b,1,2,3,4,5,6\n", 0, SILLON_PLACES_IMPORT_ERROR_QUOTES, "Line 2" },
    { "id,pivot,nom,commune,code_postal,adresse,date_maj\na,1,2,3,4,5,6\nb,\"1,2,3,4,5,6\n", 0, SILLON_PLACES_IMPORT_ERROR_QUOTES, "Line 3: a quote opens a field that is never closed" },
    { huge_row, 0, SILLON_PLACES_IMPORT_ERROR_TOO_LARGE, "Line 2" },
    { huge_quote, 0, SILLON_PLACES_IMPORT_ERROR_QUOTES, "Line 2" },
    { NULL, 0, SILLON_PLACES_IMPORT_ERROR_TOO_LARGE, "Line 1" },
  };

  {
    GString *columns = g_string_new ("id");

    for (int i = 0; i < 1200; i++)
      g_string_append (columns, ",x");
    many_columns = g_string_free (columns, FALSE);
  }

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GPtrArray) places = NULL;
      g_autoptr (SillonPlacesReport) report = NULL;
      g_autoptr (GError) error = NULL;
      const char *data = cases[i].data != NULL ? cases[i].data : many_columns;
      gsize length = cases[i].length > 0 ? cases[i].length : strlen (data);

      g_test_message ("case %" G_GSIZE_FORMAT, i);
      assert_refused (sillon_places_import_csv (schema, data, length, &places, &report, &error), &error, cases[i].code,
                      cases[i].in_message, &places);
      g_assert_null (report);
    }
}

/* A control character other than tab and line breaks never belongs in a
 * place, and would reach a terminal through every listing: the CSV and the
 * JSON paths refuse the same ones (C0, DEL, C1), raw or, in JSON, as a
 * \u escape, including \u0000, which must not cut a value short. */
static void
test_control_characters (void)
{
  g_autoptr (SillonPlacesSchema) schema = places_test_load_schema ();
  static const struct
  {
    const char *raw;  /* as bytes in the file */
    const char *json; /* as a JSON escape */
  } controls[] = {
    { "\x1b", "\\u001b" },     /* ESC: starts terminal sequences */
    { "\x1b", "\\u001B" },     /* the same, upper case */
    { "\x07", "\\u0007" },     /* BEL */
    { "\x7f", "\\u007f" },     /* DEL */
    { "\xc2\x9b", "\\u009b" }, /* C1 CSI */
    { "\xc2\x85", "\\u0085" }, /* C1 NEL */
    { "\xc2\x80", "\\u0080" }, /* first of C1 */
    { "\xc2\x9f", "\\u009F" }, /* last of C1 */
    { NULL, "\\u0000" },       /* NUL: a raw one is binary data already */
    { NULL, "\\b" },           /* backspace, in JSON's own short form */
    { NULL, "\\f" },           /* form feed */
  };
  const char *const fields = "\"pivot\": \"1\", \"commune\": \"c\", \"code_postal\": \"75001\", \"adresse\": \"a\", \"date_maj\": \"2024-01-01\"";

  for (gsize i = 0; i < G_N_ELEMENTS (controls); i++)
    {
      g_autofree char *json = g_strdup_printf ("[\n{\"id\": \"a\", \"nom\": \"A%sB\", %s}\n]", controls[i].json, fields);
      g_autoptr (GPtrArray) places = NULL;
      g_autoptr (SillonPlacesReport) report = NULL;
      g_autoptr (GError) error = NULL;

      g_test_message ("JSON case %s", controls[i].json);
      assert_refused (sillon_places_import_json (schema, json, strlen (json), &places, &report, &error), &error,
                      SILLON_PLACES_IMPORT_ERROR_BINARY, "Line 2 contains a control character", &places);

      if (controls[i].raw != NULL)
        {
          g_autofree char *csv = g_strdup_printf ("%s\na,1,A%sB,c,75001,a,2024-01-01\n", minimal_header, controls[i].raw);
          g_autofree char *raw_json = g_strdup_printf ("[\n{\"id\": \"a\", \"nom\": \"A%sB\", %s}\n]", controls[i].raw, fields);

          g_clear_error (&error);
          g_clear_pointer (&report, sillon_places_report_free);
          assert_refused (sillon_places_import_csv (schema, csv, strlen (csv), &places, &report, &error), &error,
                          SILLON_PLACES_IMPORT_ERROR_BINARY, "Line 2 contains a control character", &places);

          g_clear_error (&error);
          g_clear_pointer (&report, sillon_places_report_free);
          assert_refused (sillon_places_import_json (schema, raw_json, strlen (raw_json), &places, &report, &error),
                          &error, SILLON_PLACES_IMPORT_ERROR_BINARY, "Line 2 contains a control character", &places);
        }
    }

  /* A member name is checked as a value is: unknown columns are printed. */
  {
    g_autofree char *json = g_strdup_printf ("[{\"id\": \"a\", \"nom\": \"A\", \"x\\u001b[2J\": \"1\", %s}]", fields);
    g_autoptr (GError) error = NULL;

    g_assert_false (sillon_places_import_json (schema, json, strlen (json), NULL, NULL, &error));
    g_assert_error (error, SILLON_PLACES_IMPORT_ERROR, SILLON_PLACES_IMPORT_ERROR_BINARY);
  }

  /* Tabs and line breaks are text, and an escaped backslash followed by
   * “u001b” is six plain characters, not an escape. Characters just outside
   * the refused ranges pass. */
  {
    g_autofree char *json = g_strdup_printf ("[{\"id\": \"a\", \"nom\": \"A\\tB\\nC\\\\u001b \\u00a0\\u007e\\u0020\", %s}]", fields);
    g_autofree char *csv = g_strdup_printf ("%s\na,1,\"A\tB\nC \xc2\xa0~\",c,75001,a,2024-01-01\n", minimal_header);
    g_autoptr (GPtrArray) places = NULL;
    g_autoptr (GError) error = NULL;

    g_assert_true (sillon_places_import_json (schema, json, strlen (json), &places, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (places->len, ==, 1);
    g_assert_cmpstr (((SillonPlace *) g_ptr_array_index (places, 0))->nom, ==, "A\tB\nC\\u001b \xc2\xa0~");
    g_clear_pointer (&places, g_ptr_array_unref);
    g_assert_true (sillon_places_import_csv (schema, csv, strlen (csv), &places, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (places->len, ==, 1);
    g_assert_cmpstr (((SillonPlace *) g_ptr_array_index (places, 0))->nom, ==, "A\tB\nC \xc2\xa0~");
  }
}

static void
test_parser_error_is_final (void)
{
  g_autoptr (SillonPlacesSchema) schema = places_test_load_schema ();
  g_autoptr (SillonPlacesParser) parser = sillon_places_parser_new (schema, NULL, NULL);
  g_autoptr (GError) error = NULL;
  const char *bad = "id;pivot;nom;commune;code_postal;adresse;date_maj\n";
  const char *good = "id,pivot,nom,commune,code_postal,adresse,date_maj\n";
  g_autoptr (SillonPlacesReport) report = NULL;

  g_assert_false (sillon_places_parser_feed (parser, bad, strlen (bad), &error));
  g_assert_error (error, SILLON_PLACES_IMPORT_ERROR, SILLON_PLACES_IMPORT_ERROR_SEPARATOR);
  g_clear_error (&error);
  g_assert_false (sillon_places_parser_feed (parser, good, strlen (good), &error));
  g_assert_error (error, SILLON_PLACES_IMPORT_ERROR, SILLON_PLACES_IMPORT_ERROR_SEPARATOR);
  g_clear_error (&error);
  g_assert_false (sillon_places_parser_finish (parser, &error));
  g_assert_error (error, SILLON_PLACES_IMPORT_ERROR, SILLON_PLACES_IMPORT_ERROR_SEPARATOR);
  g_assert_false (sillon_places_parser_finish (parser, NULL));

  report = sillon_places_parser_steal_report (parser);
  g_assert_cmpuint (report->n_records, ==, 0);
}

static void
test_parser_finish_twice (void)
{
  g_autoptr (SillonPlacesSchema) schema = places_test_load_schema ();
  g_autoptr (GPtrArray) places = g_ptr_array_new_with_free_func ((GDestroyNotify) sillon_place_free);
  g_autoptr (SillonPlacesParser) parser = sillon_places_parser_new (schema, collect_place, places);
  g_autoptr (SillonPlacesReport) report = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *data = g_strconcat (minimal_header, "\n", "a,123456789,Espace,Reims,51100,1 rue,2024-01-31", NULL);

  g_assert_true (sillon_places_parser_feed (parser, data, strlen (data), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (places->len, ==, 0);
  g_assert_true (sillon_places_parser_finish (parser, &error));
  g_assert_true (sillon_places_parser_finish (parser, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (places->len, ==, 1);
  report = sillon_places_parser_steal_report (parser);
  g_assert_cmpuint (report->n_records, ==, 1);
}

static void
count_place (SillonPlace *place,
             gpointer user_data)
{
  guint *count = user_data;

  (*count)++;
  sillon_place_free (place);
}

/* Ten thousand records, one in a hundred with invalid opening hours. The
 * time is printed for information; the benchmark proper is not a test. */
static void
test_large_file (void)
{
  g_autoptr (SillonPlacesSchema) schema = places_test_load_schema ();
  g_autoptr (SillonPlacesParser) parser = NULL;
  g_autoptr (SillonPlacesReport) report = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GString) data = g_string_new (NULL);
  gsize length;
  g_autofree char *example = read_test_file ("exemple-valide.csv", &length);
  const char *newline = strchr (example, '\n');
  g_autofree char *header = g_strndup (example, newline - example + 1);
  const char *row = newline + 1;
  guint count = 0;
  GTimer *timer;

  g_string_append (data, header);
  for (guint i = 0; i < 10000; i++)
    {
      g_autofree char *id = g_strdup_printf ("\"structure-%u\"", i);
      g_autofree char *line = g_strdup (row);
      GString *record = g_string_new (line);

      g_string_replace (record, "\"structure-1\"", id, 1);
      if (i % 100 == 0)
        g_string_replace (record, "Mo-Fr 09:00-12:00", "Lu-Ve 9h-12h", 1);
      g_string_append (data, record->str);
      if (!g_str_has_suffix (record->str, "\n"))
        g_string_append_c (data, '\n');
      g_string_free (record, TRUE);
    }

  parser = sillon_places_parser_new (schema, count_place, &count);
  timer = g_timer_new ();
  g_assert_true (sillon_places_parser_feed (parser, data->str, data->len, &error));
  g_assert_true (sillon_places_parser_finish (parser, &error));
  g_assert_no_error (error);
  g_test_message ("%u records (%" G_GSIZE_FORMAT " bytes) in %.3f s", 10000u, data->len, g_timer_elapsed (timer, NULL));
  g_timer_destroy (timer);

  report = sillon_places_parser_steal_report (parser);
  g_assert_cmpuint (count, ==, 10000);
  g_assert_cmpuint (report->n_records, ==, 10000);
  g_assert_cmpuint (report->n_kept, ==, 10000);
  g_assert_cmpuint (report->n_flagged, ==, 100);
  g_assert_cmpuint (report->n_duplicate_ids, ==, 0);
  g_assert_cmpuint (((SillonPlacesRowReport *) g_ptr_array_index (report->rows, 1))->line, ==, 102);
}

static void
test_missing_file (void)
{
  g_autoptr (SillonPlacesSchema) schema = places_test_load_schema ();
  g_autoptr (GPtrArray) places = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_false (places_test_import_file (schema, "absent.csv", &places, NULL, &error));
  g_assert_error (error, SILLON_PLACES_IMPORT_ERROR, SILLON_PLACES_IMPORT_ERROR_IO);
  g_assert_null (places);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/places-import/schema", test_schema);
  g_test_add_func ("/places-import/schema-errors", test_schema_errors);
  g_test_add_func ("/places-import/example", test_example);
  g_test_add_func ("/places-import/mixed", test_mixed);
  g_test_add_func ("/places-import/describe-report", test_describe_report);
  g_test_add_func ("/places-import/streaming", test_streaming);
  g_test_add_func ("/places-import/bom-crlf", test_bom_crlf);
  g_test_add_func ("/places-import/opening-hours", test_opening_hours_flags);
  g_test_add_func ("/places-import/file-errors", test_file_errors);
  g_test_add_func ("/places-import/header-only", test_header_only);
  g_test_add_func ("/places-import/json", test_json);
  g_test_add_func ("/places-import/json-inline", test_json_inline);
  g_test_add_func ("/places-import/csv-variants", test_csv_variants);
  g_test_add_func ("/places-import/csv-errors", test_csv_errors);
  g_test_add_func ("/places-import/control-characters", test_control_characters);
  g_test_add_func ("/places-import/parser-error-is-final", test_parser_error_is_final);
  g_test_add_func ("/places-import/parser-finish-twice", test_parser_finish_twice);
  g_test_add_func ("/places-import/large-file", test_large_file);
  g_test_add_func ("/places-import/missing-file", test_missing_file);
  return g_test_run ();
}
