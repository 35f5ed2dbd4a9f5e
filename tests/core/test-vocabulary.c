/* test-vocabulary.c — the Coop enumerations and the age brackets derived from them
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-vocabulary.h"

#include <json-glib/json-glib.h>

#include "sillon-data.h"

#define DATA_DIR TEST_DATA_DIR "/../../resources/data"

static SillonVocabulary *
load_default (void)
{
  g_autoptr (GError) error = NULL;
  SillonVocabulary *vocabulary = sillon_vocabulary_new_default (&error);

  g_assert_no_error (error);
  g_assert_nonnull (vocabulary);
  return vocabulary;
}

/* The file as json-glib reads it, to check the vocabulary against the data
 * itself rather than against values copied into the test. */
static JsonObject *
load_raw (JsonParser *parser)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (DATA_DIR, SILLON_VOCABULARY_DATA_FILE, NULL);

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

/* The default vocabulary is the one built into the library, byte for byte
 * the file of the source tree. */
static void
test_default_is_built_in (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bundled = sillon_data_load (SILLON_VOCABULARY_DATA_FILE, &error);
  g_autoptr (GBytes) missing = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_no_error (error);
  g_assert_nonnull (bundled);
  g_assert_true (g_file_get_contents (DATA_DIR "/" SILLON_VOCABULARY_DATA_FILE, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (bundled, NULL), g_bytes_get_size (bundled), contents, length);

  missing = sillon_data_load ("no-such-file.json", &error);
  g_assert_null (missing);
  g_assert_error (error, SILLON_DATA_ERROR, SILLON_DATA_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no-such-file.json"));
}

static void
test_enumerations_match_file (void)
{
  g_autoptr (SillonVocabulary) vocabulary = load_default ();
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *raw = load_raw (parser);
  g_auto (GStrv) names = sillon_vocabulary_list_enumerations (vocabulary);
  const char *expected[] = {
    "TypeActivite", "TypeLieu", "Materiel", "Thematique_mediation_numerique",
    "Thematique_demarches_administratives", "Autonomie", "NiveauAtelier",
    "StructureDeRedirection", "Genre", "TrancheAge", "StatutSocial"
  };

  g_assert_cmpuint (g_strv_length (names), ==, G_N_ELEMENTS (expected));
  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_true (g_strv_contains ((const char *const *) names, expected[i]));

  /* Every value of every top-level enumeration, in the file's order. */
  for (gsize i = 0; names[i] != NULL; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GList) members = json_object_get_members (raw);
      JsonArray *array = NULL;
      const SillonVocabularyValue *values;
      gsize n_values = 0;

      for (GList *l = members; l != NULL && array == NULL; l = l->next)
        {
          JsonNode *node = json_object_get_member (raw, l->data);

          if (JSON_NODE_HOLDS_ARRAY (node) && g_str_has_prefix (l->data, names[i]) &&
              (strlen (l->data) == strlen (names[i]) || ((char *) l->data)[strlen (names[i])] == ' '))
            array = json_node_get_array (node);
          else if (JSON_NODE_HOLDS_OBJECT (node) &&
                   json_object_has_member (json_node_get_object (node), names[i]))
            array = json_object_get_array_member (json_node_get_object (node), names[i]);
        }
      g_assert_nonnull (array);

      values = sillon_vocabulary_get_values (vocabulary, names[i], &n_values, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (n_values, ==, json_array_get_length (array));
      for (guint j = 0; j < n_values; j++)
        {
          JsonObject *object = json_array_get_object_element (array, j);
          const char *label;

          g_assert_cmpstr (values[j].api, ==, json_object_get_string_member (object, "api"));
          g_assert_cmpstr (values[j].label, ==, json_object_get_string_member (object, "label"));
          label = sillon_vocabulary_get_label (vocabulary, names[i], values[j].api, &error);
          g_assert_no_error (error);
          g_assert_cmpstr (label, ==, values[j].label);
          g_assert_true (sillon_vocabulary_is_valid (vocabulary, names[i], values[j].api));
        }
    }
}

static void
test_labels (void)
{
  g_autoptr (SillonVocabulary) vocabulary = load_default ();
  g_autoptr (GError) error = NULL;
  const SillonVocabularyValue *values;
  gsize n_values = 0;

  g_assert_cmpstr (sillon_vocabulary_get_label (vocabulary, "TypeLieu", "a_distance", &error), ==, "À distance");
  g_assert_cmpstr (sillon_vocabulary_get_label (vocabulary, "Genre", "feminin", &error), ==, "Féminin");
  g_assert_cmpstr (sillon_vocabulary_get_label (vocabulary, "StructureDeRedirection", "aide_sociale", &error),
                   ==, "Structure d’aide sociale (maison des solidarités, centre social…)");
  /* The file's full key is accepted too. */
  g_assert_cmpstr (sillon_vocabulary_get_label (vocabulary, "Autonomie (individuel only)", "autonome", &error),
                   ==, "Autonome");
  g_assert_no_error (error);

  values = sillon_vocabulary_get_values (vocabulary, "Materiel", &n_values, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_values, ==, 5);
  g_assert_cmpstr (values[0].api, ==, "ordinateur");
  g_assert_cmpstr (values[4].label, ==, "Pas de matériel");

  g_assert_cmpstr (sillon_vocabulary_get_source (vocabulary), !=, NULL);
  g_assert_true (g_str_has_prefix (sillon_vocabulary_get_source (vocabulary),
                                   "inclusion-numerique/coop-mediation-numerique"));
}

static void
test_unknown_values (void)
{
  g_autoptr (SillonVocabulary) vocabulary = load_default ();
  g_autoptr (GError) error = NULL;
  gsize n_values = 42;

  /* A value removed from the national vocabulary in 2025. */
  g_assert_null (sillon_vocabulary_get_label (vocabulary, "TypeActivite", "demarche", &error));
  g_assert_error (error, SILLON_VOCABULARY_ERROR, SILLON_VOCABULARY_ERROR_UNKNOWN_VALUE);
  g_assert_nonnull (strstr (error->message, "“demarche”"));
  g_assert_nonnull (strstr (error->message, "“TypeActivite”"));
  g_clear_error (&error);

  g_assert_false (sillon_vocabulary_check (vocabulary, "Genre", "Feminin", &error));
  g_assert_error (error, SILLON_VOCABULARY_ERROR, SILLON_VOCABULARY_ERROR_UNKNOWN_VALUE);
  g_clear_error (&error);

  g_assert_false (sillon_vocabulary_check (vocabulary, "Genre", "", &error));
  g_assert_error (error, SILLON_VOCABULARY_ERROR, SILLON_VOCABULARY_ERROR_UNKNOWN_VALUE);
  g_clear_error (&error);

  g_assert_false (sillon_vocabulary_is_valid (vocabulary, "Genre", NULL));
  g_assert_false (sillon_vocabulary_is_valid (vocabulary, "TypeLieu", "LieuActivite"));
  g_assert_true (sillon_vocabulary_is_valid (vocabulary, "TypeLieu", "lieu_activite"));

  g_assert_null (sillon_vocabulary_get_label (vocabulary, "Couleur", "rouge", &error));
  g_assert_error (error, SILLON_VOCABULARY_ERROR, SILLON_VOCABULARY_ERROR_UNKNOWN_ENUMERATION);
  g_assert_nonnull (strstr (error->message, "“Couleur”"));
  g_clear_error (&error);

  g_assert_null (sillon_vocabulary_get_values (vocabulary, "Duree", &n_values, &error));
  g_assert_error (error, SILLON_VOCABULARY_ERROR, SILLON_VOCABULARY_ERROR_UNKNOWN_ENUMERATION);
  g_assert_cmpuint (n_values, ==, 0);
  g_clear_error (&error);

  g_assert_false (sillon_vocabulary_is_valid (vocabulary, "Couleur", "rouge"));
}

static const char *
bracket (SillonVocabulary *vocabulary,
         int birth_year,
         const GDate *reference)
{
  g_autoptr (GError) error = NULL;
  const char *api = sillon_vocabulary_age_bracket (vocabulary, birth_year, reference, &error);

  g_assert_no_error (error);
  g_assert_nonnull (api);
  g_assert_true (sillon_vocabulary_is_valid (vocabulary, "TrancheAge", api));
  return api;
}

static void
test_age_brackets_follow_file (void)
{
  g_autoptr (SillonVocabulary) vocabulary = load_default ();
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonArray *brackets = json_object_get_array_member (load_raw (parser), "TrancheAge");
  g_autoptr (GDate) reference = g_date_new_dmy (15, G_DATE_JUNE, 2026);
  guint n_bounded = 0;

  /* Each bound of the file: one year below is in the bracket, the bound
   * itself is in the next one. */
  for (guint i = 0; i + 1 < json_array_get_length (brackets); i++)
    {
      JsonObject *object = json_array_get_object_element (brackets, i);
      JsonObject *next = json_array_get_object_element (brackets, i + 1);
      int upper;

      if (!json_object_has_member (object, "upper_exclusive"))
        continue;
      upper = (int) json_object_get_int_member (object, "upper_exclusive");
      n_bounded++;
      g_assert_cmpstr (bracket (vocabulary, 2026 - (upper - 1), reference), ==,
                       json_object_get_string_member (object, "api"));
      g_assert_cmpstr (bracket (vocabulary, 2026 - upper, reference), ==,
                       json_object_get_string_member (next, "api"));
    }
  g_assert_cmpuint (n_bounded, ==, 6);
}

static void
test_age_brackets (void)
{
  g_autoptr (SillonVocabulary) vocabulary = load_default ();
  g_autoptr (GDate) reference = g_date_new_dmy (1, G_DATE_JANUARY, 2026);
  g_autoptr (GDate) later = g_date_new_dmy (31, G_DATE_DECEMBER, 2030);
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  const struct
  {
    int birth_year;
    const char *api;
  } cases[] = {
    { 2026, "moins_de_douze" },
    { 2015, "moins_de_douze" },
    { 2014, "douze_dix_huit" },
    { 2009, "douze_dix_huit" },
    { 2008, "dix_huit_vingt_quatre" },
    { 2001, "vingt_cinq_trente_neuf" },
    { 1986, "quarante_cinquante_neuf" },
    { 1966, "soixante_soixante_neuf" },
    { 1957, "soixante_soixante_neuf" },
    { 1956, "soixante_dix_plus" },
    { 1900, "soixante_dix_plus" },
    { SILLON_VOCABULARY_BIRTH_YEAR_UNKNOWN, "non_communique" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpstr (bracket (vocabulary, cases[i].birth_year, reference), ==, cases[i].api);

  /* The bracket depends on the reference date, not on when it is computed. */
  g_assert_cmpstr (bracket (vocabulary, 2015, later), ==, "douze_dix_huit");
  g_assert_cmpstr (bracket (vocabulary, g_date_time_get_year (now) - 30, NULL), ==, "vingt_cinq_trente_neuf");

  g_assert_null (sillon_vocabulary_age_bracket (vocabulary, 1899, reference, &error));
  g_assert_error (error, SILLON_VOCABULARY_ERROR, SILLON_VOCABULARY_ERROR_INVALID_BIRTH_YEAR);
  g_clear_error (&error);
  g_assert_null (sillon_vocabulary_age_bracket (vocabulary, 2027, reference, &error));
  g_assert_error (error, SILLON_VOCABULARY_ERROR, SILLON_VOCABULARY_ERROR_INVALID_BIRTH_YEAR);
  g_assert_nonnull (strstr (error->message, "2027"));
  g_clear_error (&error);
  g_assert_null (sillon_vocabulary_age_bracket (vocabulary, -5, reference, &error));
  g_assert_error (error, SILLON_VOCABULARY_ERROR, SILLON_VOCABULARY_ERROR_INVALID_BIRTH_YEAR);
}

static void
expect_invalid (const char *data,
                SillonVocabularyError code)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonVocabulary) vocabulary = sillon_vocabulary_new_from_data (data, -1, &error);

  g_assert_null (vocabulary);
  g_assert_error (error, SILLON_VOCABULARY_ERROR, (int) code);
}

static void
test_invalid_data (void)
{
  expect_invalid ("", SILLON_VOCABULARY_ERROR_INVALID_DATA);
  expect_invalid ("{\"Genre\": [", SILLON_VOCABULARY_ERROR_INVALID_DATA);
  expect_invalid ("[1, 2]", SILLON_VOCABULARY_ERROR_INVALID_DATA);
  expect_invalid ("{\"_source\": \"x\"}", SILLON_VOCABULARY_ERROR_INVALID_DATA);
  expect_invalid ("{\"Genre\": [{\"api\": \"a\", \"label\": \"A\"}, {\"api\": \"a\", \"label\": \"B\"}]}",
                  SILLON_VOCABULARY_ERROR_INVALID_DATA);
  expect_invalid ("{\"Genre\": [{\"api\": 3, \"label\": \"A\"}]}", SILLON_VOCABULARY_ERROR_INVALID_DATA);
  expect_invalid ("{\"Genre\": [{\"api\": \"a\", \"label\": \"A\"}],"
                  " \"Genre (bis)\": [{\"api\": \"b\", \"label\": \"B\"}]}",
                  SILLON_VOCABULARY_ERROR_INVALID_DATA);
  /* Age bounds out of order, no open last bracket, no “not given”. */
  expect_invalid ("{\"TrancheAge\": [{\"key\": \"A\", \"api\": \"a\", \"label\": \"A\", \"upper_exclusive\": 20},"
                  " {\"key\": \"B\", \"api\": \"b\", \"label\": \"B\", \"upper_exclusive\": 10},"
                  " {\"key\": \"C\", \"api\": \"c\", \"label\": \"C\"},"
                  " {\"key\": \"NonCommunique\", \"api\": \"nc\", \"label\": \"NC\"}]}",
                  SILLON_VOCABULARY_ERROR_INVALID_DATA);
  expect_invalid ("{\"TrancheAge\": [{\"key\": \"A\", \"api\": \"a\", \"label\": \"A\", \"upper_exclusive\": 20},"
                  " {\"key\": \"NonCommunique\", \"api\": \"nc\", \"label\": \"NC\"}]}",
                  SILLON_VOCABULARY_ERROR_INVALID_DATA);
  expect_invalid ("{\"TrancheAge\": [{\"key\": \"A\", \"api\": \"a\", \"label\": \"A\", \"upper_exclusive\": 20},"
                  " {\"key\": \"B\", \"api\": \"b\", \"label\": \"B\"}]}",
                  SILLON_VOCABULARY_ERROR_INVALID_DATA);
}

static void
test_minimal_data (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonVocabulary) vocabulary = NULL;
  g_autoptr (GDate) reference = g_date_new_dmy (1, G_DATE_JANUARY, 2026);

  vocabulary = sillon_vocabulary_new_from_data ("{\"Genre\": [{\"api\": \"a\", \"label\": \"A\"}], \"Notes\": \"x\"}",
                                                -1, &error);
  g_assert_no_error (error);
  g_assert_nonnull (vocabulary);
  g_assert_null (sillon_vocabulary_get_source (vocabulary));
  g_assert_true (sillon_vocabulary_is_valid (vocabulary, "Genre", "a"));

  /* Without age brackets in the file, none is invented. */
  g_assert_null (sillon_vocabulary_age_bracket (vocabulary, 1990, reference, &error));
  g_assert_error (error, SILLON_VOCABULARY_ERROR, SILLON_VOCABULARY_ERROR_UNKNOWN_ENUMERATION);
}

static void
test_file_errors (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonVocabulary) vocabulary = NULL;

  vocabulary = sillon_vocabulary_new_from_file (DATA_DIR "/no-such-file.json", &error);
  g_assert_null (vocabulary);
  g_assert_error (error, SILLON_VOCABULARY_ERROR, SILLON_VOCABULARY_ERROR_DATA_NOT_FOUND);
  g_clear_error (&error);

  /* A JSON file that is not the vocabulary. */
  vocabulary = sillon_vocabulary_new_from_file (DATA_DIR "/lieux-schema.json", &error);
  g_assert_null (vocabulary);
  g_assert_error (error, SILLON_VOCABULARY_ERROR, SILLON_VOCABULARY_ERROR_INVALID_DATA);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/vocabulary/default-is-built-in", test_default_is_built_in);
  g_test_add_func ("/vocabulary/enumerations-match-file", test_enumerations_match_file);
  g_test_add_func ("/vocabulary/labels", test_labels);
  g_test_add_func ("/vocabulary/unknown-values", test_unknown_values);
  g_test_add_func ("/vocabulary/age-brackets-follow-file", test_age_brackets_follow_file);
  g_test_add_func ("/vocabulary/age-brackets", test_age_brackets);
  g_test_add_func ("/vocabulary/invalid-data", test_invalid_data);
  g_test_add_func ("/vocabulary/minimal-data", test_minimal_data);
  g_test_add_func ("/vocabulary/file-errors", test_file_errors);
  return g_test_run ();
}
