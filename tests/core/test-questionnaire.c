/* test-questionnaire.c — loading, validating and versioning the assessment questionnaire
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-questionnaire.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "sillon-assessment.h"
#include "sillon-questionnaire-strings.h"

#include "test-dir-util.h"

static char *
resources_data_dir (void)
{
  return g_build_filename (TEST_DATA_DIR, "..", "..", "resources", "data", NULL);
}

/* Version 1 as every executable reads it: built into the core library. */
static SillonQuestionnaire *
load_v1 (void)
{
  g_autoptr (SillonQuestionnaireRegistry) registry = sillon_questionnaire_registry_new_default ();
  g_autoptr (GError) error = NULL;
  SillonQuestionnaire *q = sillon_questionnaire_registry_get (registry, 1, &error);

  g_assert_no_error (error);
  g_assert_nonnull (q);
  return q;
}

/* Every item that docs/ASSESSMENT.md and the design brief list, by id. */
static const char *const expected_items[] = {
  "pouvoir.equipment.home",
  "pouvoir.connection.home",
  "pouvoir.cost.burden",
  "pouvoir.accessibility.limits",
  "pouvoir.accessibility.adaptation",
  "pouvoir.french.reading",
  "pouvoir.french.writing",
  "pouvoir.identity.email",
  "pouvoir.identity.franceconnect",
  "pouvoir.identity.phone",
  "pouvoir.access_point.nearby",
  "vouloir.usefulness",
  "vouloir.trust.scams",
  "vouloir.trust.mistakes",
  "vouloir.trust.data",
  "vouloir.channel",
  "vouloir.learning",
  "vouloir.past_experience",
  "savoir.device.handling",
  "savoir.web.search",
  "savoir.email.send",
  "savoir.email.attachments",
  "savoir.documents.scan",
  "savoir.documents.files",
  "savoir.documents.pdf",
  "savoir.procedures.login",
  "savoir.procedures.form",
  "savoir.procedures.follow",
  "savoir.security.passwords",
  "savoir.security.phishing",
  "savoir.security.personal_data",
  "savoir.communication.sms",
  "savoir.communication.video",
  "savoir.apps.smartphone",
};

static void
test_v1_loads_and_covers_design (void)
{
  g_autoptr (SillonQuestionnaire) q = load_v1 ();
  guint areas_seen[SILLON_AREA_COUNT] = { 0 };

  g_assert_cmpuint (sillon_questionnaire_get_version (q), ==, 1);
  g_assert_cmpuint (sillon_questionnaire_get_n_items (q), ==, G_N_ELEMENTS (expected_items));
  for (gsize i = 0; i < G_N_ELEMENTS (expected_items); i++)
    {
      const SillonQuestionnaireItem *item = sillon_questionnaire_lookup_item (q, expected_items[i]);
      SillonAxis axis;

      g_assert_nonnull (item);
      g_assert_cmpstr (sillon_questionnaire_item_get_id (item), ==, expected_items[i]);
      g_assert_true (sillon_axis_from_id (sillon_axis_to_id (sillon_questionnaire_item_get_axis (item)), &axis));
      g_assert_true (g_str_has_prefix (expected_items[i], sillon_axis_to_id (axis)));
      g_assert_true (sillon_questionnaire_item_get_question (item)[0] != '\0');
      g_assert_nonnull (sillon_questionnaire_item_get_help (item));
      if (axis == SILLON_AXIS_SAVOIR)
        {
          SillonArea area = sillon_questionnaire_item_get_area (item);
          g_assert_cmpint (area, !=, SILLON_AREA_NONE);
          areas_seen[area]++;
          g_assert_cmpuint (sillon_questionnaire_item_get_max (item), ==, 3);
          g_assert_cmpuint (sillon_questionnaire_item_get_n_choices (item), ==, 4);
          g_assert_true (sillon_questionnaire_item_is_scored (item));
        }
      else
        g_assert_cmpint (sillon_questionnaire_item_get_area (item), ==, SILLON_AREA_NONE);
    }
  g_assert_cmpuint (sillon_questionnaire_count_items (q, SILLON_AXIS_POUVOIR), ==, 11);
  g_assert_cmpuint (sillon_questionnaire_count_items (q, SILLON_AXIS_VOULOIR), ==, 7);
  g_assert_cmpuint (sillon_questionnaire_count_items (q, SILLON_AXIS_SAVOIR), ==, 16);
  /* All five CRCN areas are represented. */
  for (guint area = SILLON_AREA_INFORMATION; area < SILLON_AREA_COUNT; area++)
    g_assert_cmpuint (areas_seen[area], >, 0);

  /* The right to refuse is an answer, not scored as a failure. */
  {
    const SillonQuestionnaireItem *channel = sillon_questionnaire_lookup_item (q, "vouloir.channel");
    g_assert_false (sillon_questionnaire_item_is_scored (channel));
    g_assert_cmpstr (sillon_questionnaire_item_lookup_label (channel, 5), ==, "I refuse to use digital services");
    g_assert_null (sillon_questionnaire_item_lookup_label (channel, 6));
    g_assert_true (sillon_questionnaire_item_has_value (channel, 5));
    g_assert_false (sillon_questionnaire_item_has_value (channel, 6));
    g_assert_false (sillon_questionnaire_item_has_value (channel, -1));
  }
}

static void
test_skill_levels_are_the_national_ones (void)
{
  g_autoptr (SillonQuestionnaire) q = load_v1 ();
  const SillonQuestionnaireItem *item = sillon_questionnaire_lookup_item (q, "savoir.documents.scan");
  const char *const levels[] = { "Does not know how", "With help", "Alone, with difficulty", "Autonomous" };

  for (guint i = 0; i < 4; i++)
    {
      g_assert_cmpuint (sillon_questionnaire_item_get_choice_value (item, i), ==, i);
      g_assert_cmpstr (sillon_questionnaire_item_get_choice_label (item, i), ==, levels[i]);
    }
}

static void
collect_translatable (JsonNode *node, GHashTable *out)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autoptr (GList) names = json_object_get_members (json_node_get_object (node));
      for (GList *l = names; l != NULL; l = l->next)
        {
          JsonNode *child = json_object_get_member (json_node_get_object (node), l->data);
          if (((const char *) l->data)[0] == '_' && JSON_NODE_HOLDS_VALUE (child))
            g_hash_table_add (out, g_strdup (json_node_get_string (child)));
          else
            collect_translatable (child, out);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        collect_translatable (json_array_get_element (array, i), out);
    }
}

/* The strings header exists only for xgettext; if it drifts from the data
 * files, French users get English questions without anyone noticing. */
static void
test_strings_header_matches_data (void)
{
  g_autofree char *dir = resources_data_dir ();
  g_autoptr (GHashTable) in_data = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GHashTable) in_header = g_hash_table_new (g_str_hash, g_str_equal);
  const char *files[] = { "questionnaire-v1.json", "orientation-rules-v1.json", "quick-assessment-v1.json" };
  GHashTableIter iter;
  gpointer key;

  for (gsize i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = g_build_filename (dir, files[i], NULL);
      g_autoptr (JsonParser) parser = json_parser_new ();
      g_autoptr (GError) error = NULL;

      json_parser_load_from_file (parser, path, &error);
      g_assert_no_error (error);
      collect_translatable (json_parser_get_root (parser), in_data);
    }
  for (guint i = 0; sillon_questionnaire_strings[i] != NULL; i++)
    {
      /* Listed once each: a duplicate hints at a copy-paste slip. */
      g_assert_false (g_hash_table_contains (in_header, sillon_questionnaire_strings[i]));
      g_hash_table_add (in_header, (gpointer) sillon_questionnaire_strings[i]);
    }

  g_hash_table_iter_init (&iter, in_data);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (in_header, key))
      g_error ("missing from sillon-questionnaire-strings.h: “%s”", (const char *) key);
  g_hash_table_iter_init (&iter, in_header);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (in_data, key))
      g_error ("not in any data file, remove from sillon-questionnaire-strings.h: “%s”", (const char *) key);
  g_assert_cmpuint (g_hash_table_size (in_data), ==, g_hash_table_size (in_header));
  g_assert_cmpuint (g_hash_table_size (in_data), >, 100);
}

static const char valid_mini[] =
    "{\"format\":\"sillon-questionnaire\",\"version\":1,\"_title\":\"Mini\","
    "\"scales\":{\"skill\":{\"max\":3,\"choices\":[{\"value\":0,\"_label\":\"a\"},{\"value\":1,\"_label\":\"b\"},"
    "{\"value\":2,\"_label\":\"c\"},{\"value\":3,\"_label\":\"d\"}]}},"
    "\"items\":["
    "{\"id\":\"pouvoir.equipment.home\",\"axis\":\"pouvoir\",\"weight\":2,\"_question\":\"Q1\",\"max\":2,"
    "\"choices\":[{\"value\":0,\"_label\":\"x\"},{\"value\":1,\"_label\":\"y\"},{\"value\":2,\"_label\":\"z\"}]},"
    "{\"id\":\"vouloir.channel\",\"axis\":\"vouloir\",\"scored\":false,\"_question\":\"Q2\",\"max\":1,"
    "\"choices\":[{\"value\":1,\"_label\":\"x\"}]},"
    "{\"id\":\"savoir.web.search\",\"axis\":\"savoir\",\"area\":\"information\",\"weight\":1,\"scale\":\"skill\","
    "\"_question\":\"Q3\",\"_help\":\"H3\"}]}";

static void
test_from_bytes_and_accessors (void)
{
  g_autoptr (GBytes) bytes = g_bytes_new_static (valid_mini, strlen (valid_mini));
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonQuestionnaire) q = sillon_questionnaire_new_from_bytes (bytes, &error);
  const SillonQuestionnaireItem *item;

  g_assert_no_error (error);
  g_assert_cmpstr (sillon_questionnaire_get_title (q), ==, "Mini");
  g_assert_cmpuint (sillon_questionnaire_get_n_items (q), ==, 3);
  item = sillon_questionnaire_get_item (q, 0);
  g_assert_cmpuint (sillon_questionnaire_item_get_weight (item), ==, 2);
  g_assert_cmpuint (sillon_questionnaire_item_get_max (item), ==, 2);
  g_assert_null (sillon_questionnaire_item_get_help (item));
  item = sillon_questionnaire_lookup_item (q, "vouloir.channel");
  g_assert_false (sillon_questionnaire_item_is_scored (item));
  g_assert_cmpuint (sillon_questionnaire_item_get_weight (item), ==, 0);
  item = sillon_questionnaire_lookup_item (q, "savoir.web.search");
  g_assert_cmpint (sillon_questionnaire_item_get_area (item), ==, SILLON_AREA_INFORMATION);
  g_assert_cmpstr (sillon_questionnaire_item_get_help (item), ==, "H3");
  g_assert_null (sillon_questionnaire_lookup_item (q, "savoir.nope"));
}

/* Each file under questionnaire-broken/ carries "expect_error": {"code",
 * "mentions"}; a file that is not JSON at all must fail to parse. */
static void
test_broken_questionnaires (void)
{
  g_autofree char *dir_path = g_build_filename (TEST_DATA_DIR, "questionnaire-broken", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) dir = g_dir_open (dir_path, 0, &error);
  guint n = 0;
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, name, NULL);
      g_autoptr (GFile) file = g_file_new_for_path (path);
      g_autoptr (JsonParser) parser = json_parser_new ();
      g_autoptr (SillonQuestionnaire) q = NULL;
      g_autoptr (GError) load_error = NULL;
      const char *code = "parse";
      const char *mentions = "JSON";
      gint expected_code;

      if (!g_str_has_suffix (name, ".json"))
        continue;
      if (json_parser_load_from_file (parser, path, NULL))
        {
          JsonObject *expect = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                                              "expect_error");
          g_assert_nonnull (expect);
          code = json_object_get_string_member (expect, "code");
          mentions = json_object_get_string_member (expect, "mentions");
        }
      if (g_str_equal (code, "parse"))
        expected_code = SILLON_QUESTIONNAIRE_ERROR_PARSE;
      else if (g_str_equal (code, "invalid"))
        expected_code = SILLON_QUESTIONNAIRE_ERROR_INVALID;
      else if (g_str_equal (code, "unknown_version"))
        expected_code = SILLON_QUESTIONNAIRE_ERROR_UNKNOWN_VERSION;
      else
        g_error ("%s: unknown expected code %s", name, code);

      q = sillon_questionnaire_new_from_file (file, &load_error);
      g_test_message ("%s: %s", name, load_error != NULL ? load_error->message : "(loaded)");
      g_assert_null (q);
      g_assert_error (load_error, SILLON_QUESTIONNAIRE_ERROR, expected_code);
      if (strstr (load_error->message, mentions) == NULL)
        g_error ("%s: error “%s” does not mention “%s”", name, load_error->message, mentions);
      n++;
    }
  g_assert_cmpuint (n, >=, 25);
}

static void
test_registry_versions (void)
{
  g_autoptr (SillonQuestionnaireRegistry) registry = sillon_questionnaire_registry_new_default ();
  g_autoptr (SillonQuestionnaire) a = NULL;
  g_autoptr (SillonQuestionnaire) b = NULL;
  g_autoptr (SillonQuestionnaire) c = NULL;
  g_autoptr (GError) error = NULL;
  gsize n_versions;
  const guint *versions = sillon_questionnaire_known_versions (&n_versions);

  g_assert_cmpuint (n_versions, >=, 1);
  g_assert_cmpuint (versions[0], ==, 1);
  g_assert_cmpuint (sillon_questionnaire_latest_version (), ==, versions[n_versions - 1]);
  g_assert_true (sillon_questionnaire_version_is_known (1));
  g_assert_false (sillon_questionnaire_version_is_known (0));
  g_assert_false (sillon_questionnaire_version_is_known (999));

  /* Every known version stays loadable. */
  for (gsize i = 0; i < n_versions; i++)
    {
      g_autoptr (SillonQuestionnaire) q = sillon_questionnaire_registry_get (registry, versions[i], &error);
      g_assert_no_error (error);
      g_assert_cmpuint (sillon_questionnaire_get_version (q), ==, versions[i]);
    }

  a = sillon_questionnaire_registry_get (registry, 1, &error);
  g_assert_no_error (error);
  b = sillon_questionnaire_registry_get_latest (registry, &error);
  g_assert_no_error (error);
  /* Loaded once and shared. */
  g_assert_true (a == b);

  c = sillon_questionnaire_registry_get (registry, 999, &error);
  g_assert_null (c);
  g_assert_error (error, SILLON_QUESTIONNAIRE_ERROR, SILLON_QUESTIONNAIRE_ERROR_UNKNOWN_VERSION);
  g_assert_nonnull (strstr (error->message, "999"));
}

static void
test_registry_missing_files (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *tmp = test_make_tmp_dir ("sillon-questionnaire-XXXXXX");
  g_autoptr (SillonQuestionnaireRegistry) registry = NULL;
  g_autoptr (SillonQuestionnaireRegistry) resources = NULL;
  g_autoptr (SillonQuestionnaire) q = NULL;
  g_autofree char *path = NULL;

  registry = sillon_questionnaire_registry_new_for_directory (tmp);
  g_assert_cmpstr (sillon_questionnaire_registry_get_data_dir (registry), ==, tmp);
  q = sillon_questionnaire_registry_get (registry, 1, &error);
  g_assert_null (q);
  g_assert_error (error, SILLON_QUESTIONNAIRE_ERROR, SILLON_QUESTIONNAIRE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A file named for version 1 that holds something else is refused. */
  path = g_build_filename (tmp, "questionnaire-v1.json", NULL);
  g_assert_true (g_file_set_contents (path, "{\"format\":\"sillon-questionnaire\",\"version\":7}", -1, &error));
  q = sillon_questionnaire_registry_get (registry, 1, &error);
  g_assert_null (q);
  g_assert_error (error, SILLON_QUESTIONNAIRE_ERROR, SILLON_QUESTIONNAIRE_ERROR_UNKNOWN_VERSION);
  g_clear_error (&error);
  g_assert_cmpint (g_remove (path), ==, 0);
  g_assert_cmpint (g_rmdir (tmp), ==, 0);

  resources = sillon_questionnaire_registry_new_for_resource ("/io/github/sillon_app/Sillon/nowhere");
  q = sillon_questionnaire_registry_get (resources, 1, &error);
  g_assert_null (q);
  g_assert_error (error, SILLON_QUESTIONNAIRE_ERROR, SILLON_QUESTIONNAIRE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  q = sillon_questionnaire_new_from_resource ("/io/github/sillon_app/Sillon/nowhere.json", &error);
  g_assert_null (q);
  g_assert_error (error, SILLON_QUESTIONNAIRE_ERROR, SILLON_QUESTIONNAIRE_ERROR_NOT_FOUND);
}

/* The application bundles the data files in its GResource; build a bundle
 * from the same files here and read everything through it. */
static void
test_registry_from_resource (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *tmp = test_make_tmp_dir ("sillon-resource-XXXXXX");
  g_autofree char *dir = resources_data_dir ();
  g_autofree char *xml = NULL;
  g_autofree char *bundle = NULL;
  g_autofree char *compiler = g_find_program_in_path ("glib-compile-resources");
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GResource) resource = NULL;
  g_autoptr (SillonQuestionnaireRegistry) registry = NULL;
  g_autoptr (SillonQuestionnaire) q = NULL;
  g_autoptr (SillonQuestionnaire) direct = NULL;
  g_autoptr (GBytes) rules = NULL;
  int status = -1;

  if (compiler == NULL)
    {
      g_assert_cmpint (g_rmdir (tmp), ==, 0);
      g_test_skip ("glib-compile-resources is not installed");
      return;
    }
  xml = g_build_filename (tmp, "test.gresource.xml", NULL);
  bundle = g_build_filename (tmp, "test.gresource", NULL);
  g_assert_true (g_file_set_contents (xml,
                                      "<gresources><gresource prefix=\"/org/example/SillonTest/data\">"
                                      "<file>questionnaire-v1.json</file><file>orientation-rules-v1.json</file>"
                                      "</gresource></gresources>",
                                      -1, &error));
  {
    g_autofree char *sourcedir = g_strconcat ("--sourcedir=", dir, NULL);
    g_autofree char *target = g_strconcat ("--target=", bundle, NULL);
    const char *argv[] = { compiler, sourcedir, target, xml, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, &error));
    g_assert_no_error (error);
  }
  resource = g_resource_load (bundle, &error);
  g_assert_no_error (error);
  g_resources_register (resource);

  registry = sillon_questionnaire_registry_new_for_resource ("/org/example/SillonTest/data");
  g_assert_null (sillon_questionnaire_registry_get_data_dir (registry));
  q = sillon_questionnaire_registry_get (registry, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sillon_questionnaire_get_n_items (q), ==, G_N_ELEMENTS (expected_items));
  rules = sillon_questionnaire_registry_load_data (registry, "orientation-rules-v1.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_bytes_get_size (rules), >, 0);
  direct = sillon_questionnaire_new_from_resource ("/org/example/SillonTest/data/questionnaire-v1.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sillon_questionnaire_get_n_items (direct), ==, G_N_ELEMENTS (expected_items));

  g_resources_unregister (resource);
  g_assert_cmpint (g_remove (bundle), ==, 0);
  g_assert_cmpint (g_remove (xml), ==, 0);
  g_assert_cmpint (g_rmdir (tmp), ==, 0);
}

/* The default registry reads the files built into the library, the same
 * files as the source tree's, and a directory given explicitly yields the
 * same questionnaire. */
static void
test_registry_default (void)
{
  g_autofree char *dir = resources_data_dir ();
  g_autoptr (SillonQuestionnaireRegistry) builtin = sillon_questionnaire_registry_new_default ();
  g_autoptr (SillonQuestionnaireRegistry) from_dir = sillon_questionnaire_registry_new_for_directory (dir);
  g_autoptr (SillonQuestionnaire) a = NULL;
  g_autoptr (SillonQuestionnaire) b = NULL;
  g_autoptr (GError) error = NULL;
  const char *files[] = { "questionnaire-v1.json", "orientation-rules-v1.json", "quick-assessment-v1.json" };

  g_assert_null (sillon_questionnaire_registry_get_data_dir (builtin));
  g_assert_cmpstr (sillon_questionnaire_registry_get_data_dir (from_dir), ==, dir);
  a = sillon_questionnaire_registry_get (builtin, 1, &error);
  g_assert_no_error (error);
  b = sillon_questionnaire_registry_get (from_dir, 1, &error);
  g_assert_no_error (error);
  g_assert_true (a != b);
  g_assert_cmpuint (sillon_questionnaire_get_n_items (a), ==, sillon_questionnaire_get_n_items (b));
  for (guint i = 0; i < sillon_questionnaire_get_n_items (a); i++)
    g_assert_cmpstr (sillon_questionnaire_item_get_id (sillon_questionnaire_get_item (a, i)), ==,
                     sillon_questionnaire_item_get_id (sillon_questionnaire_get_item (b, i)));

  for (gsize i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr (GBytes) x = sillon_questionnaire_registry_load_data (builtin, files[i], &error);
      g_autoptr (GBytes) y = NULL;

      g_assert_no_error (error);
      y = sillon_questionnaire_registry_load_data (from_dir, files[i], &error);
      g_assert_no_error (error);
      g_assert_true (g_bytes_equal (x, y));
    }

  g_assert_null (sillon_questionnaire_registry_load_data (builtin, "questionnaire-v999.json", &error));
  g_assert_error (error, SILLON_QUESTIONNAIRE_ERROR, SILLON_QUESTIONNAIRE_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "questionnaire-v999.json"));
}

/* Code that names the resource path itself (the user interface) finds the
 * data once any registry exists, even in a process that has touched no other
 * part of the core: a statically linked bundle is not registered on its own.
 * Each case runs in a fresh process, where nothing is registered yet. */
static void
test_resource_registration (gconstpointer data)
{
  const char *how = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) before = NULL;
  g_autoptr (SillonQuestionnaire) q = NULL;

  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      g_test_trap_assert_passed ();
      return;
    }

  before = g_resources_lookup_data (RESOURCE_PREFIX "/data/questionnaire-v1.json", G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_null (before);
  g_assert_error (error, G_RESOURCE_ERROR, G_RESOURCE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  if (g_str_equal (how, "registry"))
    {
      g_autoptr (SillonQuestionnaireRegistry) registry = sillon_questionnaire_registry_new_for_resource (RESOURCE_PREFIX "/data");
      q = sillon_questionnaire_registry_get (registry, 1, &error);
    }
  else
    q = sillon_questionnaire_new_from_resource (RESOURCE_PREFIX "/data/questionnaire-v1.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sillon_questionnaire_get_n_items (q), ==, G_N_ELEMENTS (expected_items));
}

static void
test_ids_round_trip (void)
{
  for (guint axis = 0; axis < SILLON_AXIS_COUNT; axis++)
    {
      SillonAxis back;
      g_assert_true (sillon_axis_from_id (sillon_axis_to_id (axis), &back));
      g_assert_cmpint (back, ==, axis);
      g_assert_nonnull (sillon_axis_get_label (axis));
    }
  g_assert_false (sillon_axis_from_id ("Pouvoir", NULL));
  g_assert_false (sillon_axis_from_id (NULL, NULL));
  for (guint area = SILLON_AREA_INFORMATION; area < SILLON_AREA_COUNT; area++)
    {
      SillonArea back;
      g_assert_true (sillon_area_from_id (sillon_area_to_id (area), &back));
      g_assert_cmpint (back, ==, area);
      g_assert_cmpstr (sillon_area_get_label (area), !=, "");
    }
  g_assert_false (sillon_area_from_id ("none", NULL));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/questionnaire/v1/loads-and-covers-design", test_v1_loads_and_covers_design);
  g_test_add_func ("/questionnaire/v1/skill-levels", test_skill_levels_are_the_national_ones);
  g_test_add_func ("/questionnaire/v1/strings-header-matches-data", test_strings_header_matches_data);
  g_test_add_func ("/questionnaire/from-bytes", test_from_bytes_and_accessors);
  g_test_add_func ("/questionnaire/broken-files", test_broken_questionnaires);
  g_test_add_func ("/questionnaire/registry/versions", test_registry_versions);
  g_test_add_func ("/questionnaire/registry/missing-files", test_registry_missing_files);
  g_test_add_func ("/questionnaire/registry/from-resource", test_registry_from_resource);
  g_test_add_func ("/questionnaire/registry/default", test_registry_default);
  g_test_add_data_func ("/questionnaire/resource-registration/registry", "registry", test_resource_registration);
  g_test_add_data_func ("/questionnaire/resource-registration/file", "file", test_resource_registration);
  g_test_add_func ("/questionnaire/ids-round-trip", test_ids_round_trip);
  return g_test_run ();
}
