/* test-data.c — the read-only data files built into the core library
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-data.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "sillon-assessment.h"
#include "sillon-places-import.h"
#include "sillon-questionnaire.h"
#include "sillon-vocabulary.h"

#include "test-dir-util.h"

#define SOURCE_DATA_DIR TEST_DATA_DIR "/../../resources/data"

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* The files of resources/data, sorted, as the source tree has them. */
static GPtrArray *
list_source_files (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) dir = g_dir_open (SOURCE_DATA_DIR, 0, &error);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  return names;
}

static void
test_resource_path (void)
{
  g_assert_cmpstr (SILLON_DATA_RESOURCE_PATH, ==, RESOURCE_PREFIX "/data");
}

/* A file added to resources/data but not to sillon-data.gresource.xml would
 * be missing from every executable. */
static void
test_list_matches_source (void)
{
  g_auto (GStrv) bundled = sillon_data_list ();
  g_autoptr (GPtrArray) source = list_source_files ();

  g_assert_cmpuint (source->len, >, 0);
  for (guint i = 0; i < source->len; i++)
    g_test_message ("source: %s", (const char *) source->pdata[i]);
  g_assert_cmpuint (g_strv_length (bundled), ==, source->len);
  for (guint i = 0; i < source->len; i++)
    g_assert_cmpstr (bundled[i], ==, source->pdata[i]);
}

/* The build rebuilds the bundle when a data file changes; this catches a
 * bundle built from other files all the same. */
static void
test_contents_match_source (void)
{
  g_autoptr (GPtrArray) source = list_source_files ();

  for (guint i = 0; i < source->len; i++)
    {
      const char *name = source->pdata[i];
      g_autofree char *path = g_build_filename (SOURCE_DATA_DIR, name, NULL);
      g_autofree char *contents = NULL;
      g_autoptr (GBytes) bytes = NULL;
      g_autoptr (GError) error = NULL;
      const char *data;
      gsize length, size;

      g_assert_true (g_file_get_contents (path, &contents, &length, &error));
      g_assert_no_error (error);
      bytes = sillon_data_load (name, &error);
      g_assert_no_error (error);
      g_assert_nonnull (bytes);
      data = g_bytes_get_data (bytes, &size);
      g_assert_cmpmem (data, size, contents, length);
      /* Documented: text parsers may rely on it. */
      g_assert_cmpint (data[size], ==, '\0');
      g_assert_true (g_utf8_validate (data, size, NULL));
    }
}

/* Every bundled file loads through the module that uses it. */
static void
test_each_file_parses (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonVocabulary) vocabulary = NULL;
  g_autoptr (SillonPlacesSchema) schema = NULL;
  g_autoptr (SillonQuestionnaireRegistry) registry = NULL;
  g_autoptr (SillonQuestionnaire) questionnaire = NULL;
  g_autoptr (SillonOrientationRules) rules = NULL;
  g_auto (GStrv) names = sillon_data_list ();
  g_autoptr (GBytes) tsv = NULL;
  g_auto (GStrv) lines = NULL;
  guint n_json = 0;

  /* Each JSON file is well-formed JSON with an object at its root. */
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr (GBytes) bytes = NULL;
      g_autoptr (JsonParser) parser = json_parser_new ();

      if (!g_str_has_suffix (names[i], ".json"))
        continue;
      bytes = sillon_data_load (names[i], &error);
      g_assert_no_error (error);
      json_parser_load_from_data (parser, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error);
      g_assert_no_error (error);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
      n_json++;
    }
  g_assert_cmpuint (n_json, >, 0);

  vocabulary = sillon_vocabulary_new_default (&error);
  g_assert_no_error (error);
  g_assert_nonnull (vocabulary);
  g_assert_true (sillon_vocabulary_is_valid (vocabulary, "TypeActivite", "individuel"));

  schema = sillon_places_schema_new_default (&error);
  g_assert_no_error (error);
  g_assert_nonnull (schema);
  /* Every code of the bundled typology list is known to the schema. */
  tsv = sillon_data_load (SILLON_PLACES_TYPOLOGIES_DATA_FILE, &error);
  g_assert_no_error (error);
  lines = g_strsplit (g_bytes_get_data (tsv, NULL), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), >, 2);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      g_auto (GStrv) columns = NULL;

      g_strchomp (lines[i]);
      if (lines[i][0] == '\0')
        continue;
      columns = g_strsplit (lines[i], "\t", 2);
      g_assert_nonnull (columns[1]);
      g_assert_cmpstr (sillon_places_schema_typology_label (schema, columns[0]), ==, columns[1]);
    }

  registry = sillon_questionnaire_registry_new_default ();
  questionnaire = sillon_questionnaire_registry_get_latest (registry, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sillon_questionnaire_get_n_items (questionnaire), >, 0);
  rules = sillon_orientation_rules_load (registry, sillon_orientation_rules_latest_version (), &error);
  g_assert_no_error (error);
  g_assert_nonnull (rules);
}

static void
test_unknown_names (void)
{
  const char *invalid[] = { "", ".", "..", "../data/coop-cra-enums.json", "data/coop-cra-enums.json", "/coop-cra-enums.json" };
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) bytes = NULL;

  bytes = sillon_data_load ("questionnaire-v999.json", &error);
  g_assert_null (bytes);
  g_assert_error (error, SILLON_DATA_ERROR, SILLON_DATA_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "questionnaire-v999.json"));
  g_clear_error (&error);

  /* Names are case-sensitive, as on disk. */
  bytes = sillon_data_load ("COOP-CRA-ENUMS.JSON", &error);
  g_assert_null (bytes);
  g_assert_error (error, SILLON_DATA_ERROR, SILLON_DATA_ERROR_NOT_FOUND);
  g_clear_error (&error);

  for (gsize i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      bytes = sillon_data_load (invalid[i], &error);
      g_test_message ("“%s”: %s", invalid[i], error != NULL ? error->message : "(loaded)");
      g_assert_null (bytes);
      g_assert_error (error, SILLON_DATA_ERROR, SILLON_DATA_ERROR_INVALID_NAME);
      g_clear_error (&error);
    }
}

/* $SILLON_DATA_DIR, which earlier versions searched, changes nothing: the
 * data is the one built in (see sillon-data.c for why). */
static void
test_environment_ignored (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *tmp = test_make_tmp_dir ("sillon-data-XXXXXX");
  g_autofree char *path = NULL;
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GBytes) after = NULL;
  g_autoptr (SillonVocabulary) vocabulary = NULL;

  before = sillon_data_load (SILLON_VOCABULARY_DATA_FILE, &error);
  g_assert_no_error (error);
  path = g_build_filename (tmp, SILLON_VOCABULARY_DATA_FILE, NULL);
  g_assert_true (g_file_set_contents (path, "{\"not\": \"the vocabulary\"}", -1, &error));
  g_assert_no_error (error);
  g_setenv ("SILLON_DATA_DIR", tmp, TRUE);

  after = sillon_data_load (SILLON_VOCABULARY_DATA_FILE, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (before, after));
  vocabulary = sillon_vocabulary_new_default (&error);
  g_assert_no_error (error);
  g_assert_nonnull (vocabulary);

  g_unsetenv ("SILLON_DATA_DIR");
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (tmp), ==, 0);
}

/* Registration is idempotent and the files are also reachable through the
 * global resource namespace, as the user interface reads them. */
static void
test_registered_globally (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) global = NULL;
  g_autoptr (GBytes) direct = NULL;

  sillon_data_ensure_registered ();
  sillon_data_ensure_registered ();
  global = g_resources_lookup_data (SILLON_DATA_RESOURCE_PATH "/orientation-rules-v1.json",
                                    G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  direct = sillon_data_load ("orientation-rules-v1.json", &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (global, direct));
}

/* In a fresh process nothing is registered until the core needs it: the
 * bundle is registered by hand (see sillon-data.c), and sillon_data_load()
 * does it itself. */
static void
test_load_registers (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GBytes) loaded = NULL;
  g_autoptr (GBytes) after = NULL;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  before = g_resources_lookup_data (SILLON_DATA_RESOURCE_PATH "/coop-cra-enums.json",
                                    G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_null (before);
  g_assert_error (error, G_RESOURCE_ERROR, G_RESOURCE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  loaded = sillon_data_load (SILLON_VOCABULARY_DATA_FILE, &error);
  g_assert_no_error (error);
  after = g_resources_lookup_data (SILLON_DATA_RESOURCE_PATH "/coop-cra-enums.json",
                                   G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (loaded, after));
}

static gpointer
load_in_thread (gpointer data)
{
  return sillon_data_load (data, NULL);
}

/* The first uses may come from several threads at once (the store opening
 * on a worker while the window builds): in a fresh process, concurrent first
 * loads all succeed. */
static void
test_concurrent_first_use (void)
{
  GThread *threads[8];

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("load", load_in_thread, (gpointer) SILLON_PLACES_SCHEMA_DATA_FILE);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    {
      g_autoptr (GBytes) bytes = g_thread_join (threads[i]);
      g_autoptr (GBytes) expected = sillon_data_load (SILLON_PLACES_SCHEMA_DATA_FILE, NULL);

      g_assert_nonnull (bytes);
      g_assert_true (g_bytes_equal (bytes, expected));
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/data/resource-path", test_resource_path);
  g_test_add_func ("/data/list-matches-source", test_list_matches_source);
  g_test_add_func ("/data/contents-match-source", test_contents_match_source);
  g_test_add_func ("/data/each-file-parses", test_each_file_parses);
  g_test_add_func ("/data/unknown-names", test_unknown_names);
  g_test_add_func ("/data/environment-ignored", test_environment_ignored);
  g_test_add_func ("/data/registered-globally", test_registered_globally);
  g_test_add_func ("/data/load-registers", test_load_registers);
  g_test_add_func ("/data/concurrent-first-use", test_concurrent_first_use);
  return g_test_run ();
}
