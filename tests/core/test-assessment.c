/* test-assessment.c — scoring, degree, orientations, overrides and progress
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The expected results under tests/data/assessment/ were worked out by hand
 * from docs/ASSESSMENT.md; each file shows its arithmetic.
 */

#include "config.h"

#include "sillon-assessment.h"

#include <json-glib/json-glib.h>

typedef struct
{
  SillonQuestionnaireRegistry *registry;
  SillonQuestionnaire *v1;
  SillonOrientationRules *rules;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->registry = sillon_questionnaire_registry_new_default ();
  f->v1 = sillon_questionnaire_registry_get (f->registry, 1, &error);
  g_assert_no_error (error);
  f->rules = sillon_orientation_rules_load (f->registry, sillon_orientation_rules_latest_version (), &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->rules);
  g_clear_object (&f->v1);
  g_clear_object (&f->registry);
}

static JsonNode *
load_json_file (const char *path)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static SillonAssessment *
load_answers (Fixture *f, const char *path)
{
  g_autoptr (JsonNode) node = load_json_file (path);
  g_autoptr (GError) error = NULL;
  SillonAssessment *a = sillon_assessment_new_from_json (node, f->registry, &error);

  g_assert_no_error (error);
  g_assert_nonnull (a);
  return a;
}

static void
assert_string_list (const char *context, JsonArray *expected, const char *const *actual)
{
  guint n = 0;

  for (; actual[n] != NULL; n++)
    {
      if (n >= json_array_get_length (expected))
        g_error ("%s: unexpected extra “%s”", context, actual[n]);
      if (!g_str_equal (json_array_get_string_element (expected, n), actual[n]))
        g_error ("%s: position %u is “%s”, expected “%s”", context, n, actual[n],
                 json_array_get_string_element (expected, n));
    }
  if (n != json_array_get_length (expected))
    g_error ("%s: %u entries, expected %u", context, n, json_array_get_length (expected));
}

static void
check_result (const char *name, SillonAssessmentResult *result, JsonObject *expected)
{
  JsonObject *scores = json_object_get_object_member (expected, "scores");
  JsonObject *coverage = json_object_get_object_member (expected, "coverage");
  JsonObject *skills = json_object_get_object_member (expected, "skills");
  g_autoptr (JsonNode) result_json = sillon_assessment_result_to_json (result);
  JsonObject *actual_skills = json_object_get_object_member (json_node_get_object (result_json), "skills");
  g_autoptr (GList) skill_ids = json_object_get_members (skills);
  SillonDegree degree;

  for (guint axis = 0; axis < SILLON_AXIS_COUNT; axis++)
    {
      const char *axis_id = sillon_axis_to_id (axis);
      JsonObject *cov = json_object_get_object_member (coverage, axis_id);
      SillonCoverage actual;
      guint score = 0;
      gboolean has = sillon_assessment_result_get_score (result, axis, &score);

      if (json_object_get_null_member (scores, axis_id))
        {
          if (has)
            g_error ("%s: %s has score %u, expected none", name, axis_id, score);
        }
      else
        {
          if (!has)
            g_error ("%s: %s has no score", name, axis_id);
          if ((gint64) score != json_object_get_int_member (scores, axis_id))
            g_error ("%s: %s score %u, expected %" G_GINT64_FORMAT, name, axis_id, score,
                     json_object_get_int_member (scores, axis_id));
        }
      sillon_assessment_result_get_coverage (result, axis, &actual);
      g_assert_cmpint (actual.answered, ==, json_object_get_int_member (cov, "answered"));
      g_assert_cmpint (actual.skipped, ==, json_object_get_int_member (cov, "skipped"));
    }

  for (GList *l = skill_ids; l != NULL; l = l->next)
    {
      gint level = sillon_assessment_result_get_skill_level (result, l->data);
      if (level != json_object_get_int_member (skills, l->data))
        g_error ("%s: skill %s at %d, expected %" G_GINT64_FORMAT, name, (const char *) l->data, level,
                 json_object_get_int_member (skills, l->data));
    }
  /* No level for a skill the expectation leaves out. */
  g_assert_cmpuint (json_object_get_size (actual_skills), ==, json_object_get_size (skills));

  g_assert_true (sillon_degree_from_id (json_object_get_string_member (expected, "degree"), &degree));
  if (sillon_assessment_result_get_degree (result) != degree)
    g_error ("%s: degree %s, expected %s", name, sillon_degree_to_id (sillon_assessment_result_get_degree (result)),
             sillon_degree_to_id (degree));
  g_assert_true (sillon_degree_from_id (json_object_get_string_member (expected, "computed_degree"), &degree));
  g_assert_cmpstr (sillon_degree_to_id (sillon_assessment_result_get_computed_degree (result)), ==,
                   sillon_degree_to_id (degree));
  g_assert_cmpint (sillon_assessment_result_is_provisional (result), ==,
                   json_object_get_boolean_member (expected, "provisional"));
  g_assert_cmpint (sillon_assessment_result_is_degree_overridden (result), ==,
                   g_strcmp0 (json_object_get_string_member (expected, "degree"),
                              json_object_get_string_member (expected, "computed_degree")) != 0);

  {
    g_autofree char *context = g_strdup_printf ("%s orientations", name);
    assert_string_list (context, json_object_get_array_member (expected, "orientations"),
                        sillon_assessment_result_get_orientations (result));
  }
  if (json_object_has_member (expected, "dismissed"))
    {
      JsonArray *dismissed = json_object_get_array_member (json_node_get_object (result_json), "dismissed_orientations");
      JsonArray *want = json_object_get_array_member (expected, "dismissed");

      g_assert_cmpuint (json_array_get_length (dismissed), ==, json_array_get_length (want));
      for (guint i = 0; i < json_array_get_length (want); i++)
        {
          JsonObject *d = json_array_get_object_element (dismissed, i);
          g_assert_cmpstr (json_object_get_string_member (d, "id"), ==, json_array_get_string_element (want, i));
          g_assert_true (json_object_get_boolean_member (d, "suggested"));
          g_assert_cmpstr (json_object_get_string_member (d, "reason"), !=, "");
        }
    }
}

static char *
result_to_string (SillonAssessmentResult *result)
{
  g_autoptr (JsonNode) node = sillon_assessment_result_to_json (result);
  return json_to_string (node, FALSE);
}

static void
test_data_driven (Fixture *f, gconstpointer data)
{
  g_autofree char *dir_path = g_build_filename (TEST_DATA_DIR, "assessment", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GDir) dir = g_dir_open (dir_path, 0, &error);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, ".answers.json"))
      g_ptr_array_add (names, g_strndup (name, strlen (name) - strlen (".answers.json")));
  g_ptr_array_sort (names, (GCompareFunc) g_strcmp0);
  g_assert_cmpuint (names->len, >=, 7);

  for (guint i = 0; i < names->len; i++)
    {
      const char *base = g_ptr_array_index (names, i);
      g_autofree char *answers_name = g_strconcat (base, ".answers.json", NULL);
      g_autofree char *expected_name = g_strconcat (base, ".expected.json", NULL);
      g_autofree char *answers_path = g_build_filename (dir_path, answers_name, NULL);
      g_autofree char *expected_path = g_build_filename (dir_path, expected_name, NULL);
      g_autoptr (JsonNode) expected = load_json_file (expected_path);
      g_autoptr (SillonAssessment) assessment = load_answers (f, answers_path);
      g_autoptr (SillonAssessmentResult) result = NULL;
      g_autoptr (JsonNode) saved = NULL;
      g_autofree char *saved_text = NULL;
      g_autoptr (GBytes) saved_bytes = NULL;
      g_autoptr (SillonAssessment) reloaded = NULL;
      g_autoptr (SillonAssessmentResult) reloaded_result = NULL;
      g_autofree char *first = NULL;
      g_autofree char *second = NULL;

      g_test_message ("case %s", base);
      result = sillon_assessment_evaluate (assessment, f->rules, &error);
      g_assert_no_error (error);
      check_result (base, result, json_node_get_object (expected));

      /* Saving and reloading the answers gives the same result, overrides included. */
      saved = sillon_assessment_to_json (assessment);
      saved_text = json_to_string (saved, TRUE);
      saved_bytes = g_bytes_new (saved_text, strlen (saved_text));
      reloaded = sillon_assessment_new_from_bytes (saved_bytes, f->registry, &error);
      g_assert_no_error (error);
      reloaded_result = sillon_assessment_evaluate (reloaded, f->rules, &error);
      g_assert_no_error (error);
      check_result (base, reloaded_result, json_node_get_object (expected));
      first = result_to_string (result);
      second = result_to_string (reloaded_result);
      g_assert_cmpstr (first, ==, second);
    }
}

static void
test_rules_v1_consistent (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (sillon_orientation_rules_check (f->rules, f->v1, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (sillon_orientation_rules_get_version (f->rules), ==, 1);
  g_assert_cmpuint (sillon_orientation_rules_get_n_orientations (f->rules), >=, 12);
  for (guint i = 0; i < sillon_orientation_rules_get_n_orientations (f->rules); i++)
    {
      const char *id = sillon_orientation_rules_get_orientation_id (f->rules, i);
      g_assert_true (sillon_orientation_rules_has_orientation (f->rules, id));
      g_assert_nonnull (sillon_orientation_rules_get_orientation_label (f->rules, id));
    }
  g_assert_false (sillon_orientation_rules_has_orientation (f->rules, "nope"));
  g_assert_null (sillon_orientation_rules_get_orientation_label (f->rules, "nope"));
}

/* The Coop values the rules may use are a copy of the national vocabulary:
 * check the copy against the reference file shipped in resources/data. */
static void
test_coop_vocabulary_matches_reference (void)
{
  g_autofree char *path = g_build_filename (TEST_DATA_DIR, "..", "..", "resources", "data", "coop-cra-enums.json",
                                            NULL);
  g_autoptr (JsonNode) root = load_json_file (path);
  JsonObject *o = json_node_get_object (root);
  struct
  {
    const char *field;
    JsonArray *reference;
  } pairs[] = {
    { "type_activite", json_object_get_array_member (o, "TypeActivite") },
    { "niveau_atelier", json_object_get_array_member (o, "NiveauAtelier (collectif only)") },
    { "structure_de_redirection",
      json_object_get_array_member (json_object_get_object_member (o, "Orientation (individuel only)"),
                                    "StructureDeRedirection") },
    { "thematiques", json_object_get_array_member (o, "Thematique_mediation_numerique") },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (pairs); i++)
    {
      const char *const *values = sillon_orientation_coop_values (pairs[i].field);
      guint n = values != NULL ? g_strv_length ((char **) values) : 0;

      g_assert_nonnull (pairs[i].reference);
      g_assert_cmpuint (n, ==, json_array_get_length (pairs[i].reference));
      for (guint j = 0; j < n; j++)
        g_assert_cmpstr (values[j], ==,
                         json_object_get_string_member (json_array_get_object_element (pairs[i].reference, j), "api"));
    }
  g_assert_null (sillon_orientation_coop_values ("genre"));
}

typedef struct
{
  const char *name;
  const char *json;
  const char *mentions;
} BrokenRules;

#define RULES_HEAD "{\"format\":\"sillon-orientation-rules\",\"version\":1,"
#define ONE_ORIENTATION "\"orientations\":[{\"id\":\"o1\",\"axis\":\"savoir\",\"_label\":\"L\"}],"

static void
test_broken_rules (void)
{
  const BrokenRules cases[] = {
    { "not json", "{", "JSON" },
    { "wrong format", "{\"format\":\"x\",\"version\":1}", "sillon-orientation-rules" },
    { "unknown version", RULES_HEAD "\"version\":5}", "version" },
    { "duplicate orientation",
      RULES_HEAD "\"orientations\":[{\"id\":\"o1\",\"axis\":\"savoir\",\"_label\":\"L\"},"
                 "{\"id\":\"o1\",\"axis\":\"savoir\",\"_label\":\"L\"}],\"rules\":[]}",
      "o1" },
    { "orientation without label", RULES_HEAD "\"orientations\":[{\"id\":\"o2\",\"axis\":\"savoir\"}],\"rules\":[]}",
      "o2" },
    { "orientation bad axis", RULES_HEAD "\"orientations\":[{\"id\":\"o3\",\"axis\":\"x\",\"_label\":\"L\"}],\"rules\":[]}",
      "o3" },
    { "bad coop value",
      RULES_HEAD "\"orientations\":[{\"id\":\"o4\",\"axis\":\"savoir\",\"_label\":\"L\","
                 "\"coop\":{\"niveau_atelier\":\"expert\"}}],\"rules\":[]}",
      "expert" },
    { "unknown coop field",
      RULES_HEAD "\"orientations\":[{\"id\":\"o5\",\"axis\":\"savoir\",\"_label\":\"L\","
                 "\"coop\":{\"genre\":\"feminin\"}}],\"rules\":[]}",
      "genre" },
    { "unknown suggestion",
      RULES_HEAD ONE_ORIENTATION "\"rules\":[{\"id\":\"r1\",\"when\":{\"axis\":\"savoir\",\"below\":5},"
                                 "\"suggest\":[\"o9\"]}]}",
      "r1" },
    { "empty suggestion",
      RULES_HEAD ONE_ORIENTATION "\"rules\":[{\"id\":\"r2\",\"when\":{\"axis\":\"savoir\",\"below\":5},"
                                 "\"suggest\":[]}]}",
      "r2" },
    { "duplicate rule",
      RULES_HEAD ONE_ORIENTATION "\"rules\":[{\"id\":\"r3\",\"when\":{\"axis\":\"savoir\",\"below\":5},"
                                 "\"suggest\":[\"o1\"]},{\"id\":\"r3\",\"when\":{\"axis\":\"savoir\",\"below\":5},"
                                 "\"suggest\":[\"o1\"]}]}",
      "r3" },
    { "unknown axis",
      RULES_HEAD ONE_ORIENTATION "\"rules\":[{\"id\":\"r4\",\"when\":{\"axis\":\"envie\",\"below\":5},"
                                 "\"suggest\":[\"o1\"]}]}",
      "r4" },
    { "two kinds",
      RULES_HEAD ONE_ORIENTATION "\"rules\":[{\"id\":\"r5\",\"when\":{\"axis\":\"savoir\",\"item\":\"x\","
                                 "\"below\":5},\"suggest\":[\"o1\"]}]}",
      "r5" },
    { "no bound",
      RULES_HEAD ONE_ORIENTATION "\"rules\":[{\"id\":\"r6\",\"when\":{\"item\":\"savoir.web.search\"},"
                                 "\"suggest\":[\"o1\"]}]}",
      "r6" },
    { "empty range",
      RULES_HEAD ONE_ORIENTATION "\"rules\":[{\"id\":\"r7\",\"when\":{\"axis\":\"savoir\",\"at_least\":50,"
                                 "\"below\":50},\"suggest\":[\"o1\"]}]}",
      "r7" },
    { "axis out of range",
      RULES_HEAD ONE_ORIENTATION "\"rules\":[{\"id\":\"r8\",\"when\":{\"axis\":\"savoir\",\"below\":500},"
                                 "\"suggest\":[\"o1\"]}]}",
      "r8" },
    { "unknown context",
      RULES_HEAD ONE_ORIENTATION "\"rules\":[{\"id\":\"r9\",\"when\":{\"context\":\"urgent\"},"
                                 "\"suggest\":[\"o1\"]}]}",
      "r9" },
    { "empty any",
      RULES_HEAD ONE_ORIENTATION "\"rules\":[{\"id\":\"r10\",\"when\":{\"any\":[]},\"suggest\":[\"o1\"]}]}", "r10" },
    { "bad not",
      RULES_HEAD ONE_ORIENTATION "\"rules\":[{\"id\":\"r11\",\"when\":{\"not\":3},\"suggest\":[\"o1\"]}]}", "r11" },
    { "in not numbers",
      RULES_HEAD ONE_ORIENTATION "\"rules\":[{\"id\":\"r12\",\"when\":{\"item\":\"vouloir.channel\",\"in\":[\"5\"]},"
                                 "\"suggest\":[\"o1\"]}]}",
      "r12" },
    { "no rules list", RULES_HEAD ONE_ORIENTATION "\"x\":1}", "rules" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GBytes) bytes = g_bytes_new_static (cases[i].json, strlen (cases[i].json));
      g_autoptr (GError) error = NULL;
      g_autoptr (SillonOrientationRules) rules = sillon_orientation_rules_new_from_bytes (bytes, &error);

      g_test_message ("%s: %s", cases[i].name, error != NULL ? error->message : "(loaded)");
      g_assert_null (rules);
      g_assert_nonnull (error);
      g_assert_true (error->domain == SILLON_ASSESSMENT_ERROR);
      if (strstr (error->message, cases[i].mentions) == NULL)
        g_error ("%s: “%s” does not mention “%s”", cases[i].name, error->message, cases[i].mentions);
    }
}

static void
test_rules_check_against_questionnaire (Fixture *f, gconstpointer data)
{
  const struct
  {
    const char *when;
    gint code;
    const char *mentions;
  } cases[] = {
    { "{\"item\":\"savoir.cooking\",\"below\":2}", SILLON_ASSESSMENT_ERROR_UNKNOWN_ITEM, "savoir.cooking" },
    { "{\"item\":\"vouloir.channel\",\"in\":[9]}", SILLON_ASSESSMENT_ERROR_BAD_VALUE, "vouloir.channel" },
    { "{\"not\":{\"item\":\"savoir.web.search\",\"below\":7}}", SILLON_ASSESSMENT_ERROR_BAD_VALUE, "savoir.web.search" },
    { "{\"all\":[{\"axis\":\"savoir\",\"below\":10},{\"item\":\"pouvoir.identity.email\",\"at_least\":0}]}",
      SILLON_ASSESSMENT_ERROR_BAD_VALUE, "pouvoir.identity.email" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = g_strdup_printf (RULES_HEAD ONE_ORIENTATION
                                               "\"rules\":[{\"id\":\"rc\",\"when\":%s,\"suggest\":[\"o1\"]}]}",
                                               cases[i].when);
      g_autoptr (GBytes) bytes = g_bytes_new_take (g_strdup (json), strlen (json));
      g_autoptr (GError) error = NULL;
      g_autoptr (SillonOrientationRules) rules = sillon_orientation_rules_new_from_bytes (bytes, &error);

      g_assert_no_error (error);
      g_assert_false (sillon_orientation_rules_check (rules, f->v1, &error));
      g_assert_error (error, SILLON_ASSESSMENT_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].mentions));
      g_assert_nonnull (strstr (error->message, "rc"));
    }
}

static void
test_answers_errors (Fixture *f, gconstpointer data)
{
  const struct
  {
    const char *json;
    GQuark domain;
    gint code;
    const char *mentions;
  } cases[] = {
    { "[]", SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_PARSE, "JSON object" },
    { "{\"format\":\"sillon-answers\",\"answers\":{}}", SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_PARSE,
      "version" },
    { "{\"format\":\"sillon-answers\",\"questionnaire_version\":42,\"answers\":{}}", SILLON_QUESTIONNAIRE_ERROR,
      SILLON_QUESTIONNAIRE_ERROR_UNKNOWN_VERSION, "42" },
    { "{\"format\":\"sillon-answers\",\"questionnaire_version\":1}", SILLON_ASSESSMENT_ERROR,
      SILLON_ASSESSMENT_ERROR_PARSE, "answers" },
    { "{\"format\":\"sillon-answers\",\"questionnaire_version\":1,\"answers\":{\"savoir.cooking\":2}}",
      SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_UNKNOWN_ITEM, "savoir.cooking" },
    { "{\"format\":\"sillon-answers\",\"questionnaire_version\":1,\"answers\":{\"savoir.web.search\":4}}",
      SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_BAD_VALUE, "savoir.web.search" },
    { "{\"format\":\"sillon-answers\",\"questionnaire_version\":1,\"answers\":{\"savoir.web.search\":-1}}",
      SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_BAD_VALUE, "savoir.web.search" },
    { "{\"format\":\"sillon-answers\",\"questionnaire_version\":1,\"answers\":{\"savoir.web.search\":\"2\"}}",
      SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_BAD_VALUE, "savoir.web.search" },
    { "{\"format\":\"sillon-answers\",\"questionnaire_version\":1,\"answers\":{\"pouvoir.identity.email\":3}}",
      SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_BAD_VALUE, "pouvoir.identity.email" },
    { "{\"format\":\"sillon-answers\",\"questionnaire_version\":1,\"date\":\"2026-02-30\",\"answers\":{}}",
      SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_INVALID, "2026-02-30" },
    { "{\"format\":\"sillon-answers\",\"questionnaire_version\":1,\"context\":{\"urgent\":true},\"answers\":{}}",
      SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_INVALID, "urgent" },
    { "{\"format\":\"sillon-answers\",\"questionnaire_version\":1,\"answers\":{},"
      "\"overrides\":{\"degree\":{\"value\":\"autonome\",\"reason\":\" \"}}}",
      SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_OVERRIDE, "reason" },
    { "{\"format\":\"sillon-answers\",\"questionnaire_version\":1,\"answers\":{},"
      "\"overrides\":{\"degree\":{\"value\":\"loin\",\"reason\":\"r\"}}}",
      SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_OVERRIDE, "loin" },
    { "{\"format\":\"sillon-answers\",\"questionnaire_version\":1,\"answers\":{},"
      "\"overrides\":{\"orientations\":[{\"action\":\"keep\",\"id\":\"equipment\",\"reason\":\"r\"}]}}",
      SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_OVERRIDE, "equipment" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GBytes) bytes = g_bytes_new_static (cases[i].json, strlen (cases[i].json));
      g_autoptr (GError) error = NULL;
      g_autoptr (SillonAssessment) a = sillon_assessment_new_from_bytes (bytes, f->registry, &error);

      g_test_message ("%s → %s", cases[i].json, error != NULL ? error->message : "(loaded)");
      g_assert_null (a);
      g_assert_error (error, cases[i].domain, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].mentions));
    }
}

static void
test_empty_and_partial (Fixture *f, gconstpointer data)
{
  g_autoptr (SillonAssessment) a = sillon_assessment_new (f->v1);
  g_autoptr (SillonAssessmentResult) empty = NULL;
  g_autoptr (SillonAssessmentResult) partial = NULL;
  g_autoptr (GError) error = NULL;
  SillonCoverage coverage;
  guint score = 12345;
  guint value = 7;

  empty = sillon_assessment_evaluate (a, f->rules, &error);
  g_assert_no_error (error);
  for (guint axis = 0; axis < SILLON_AXIS_COUNT; axis++)
    {
      g_assert_false (sillon_assessment_result_get_score (empty, axis, &score));
      sillon_assessment_result_get_coverage (empty, axis, &coverage);
      g_assert_cmpuint (coverage.answered, ==, 0);
      g_assert_cmpuint (coverage.total, ==, sillon_questionnaire_count_items (f->v1, axis));
    }
  g_assert_cmpuint (score, ==, 12345);
  g_assert_cmpint (sillon_assessment_result_get_degree (empty), ==, SILLON_DEGREE_NONE);
  g_assert_false (sillon_assessment_result_is_provisional (empty));
  g_assert_null (sillon_assessment_result_get_orientations (empty)[0]);

  /* Skipping every pouvoir question still gives no score, not 0. */
  for (guint i = 0; i < sillon_questionnaire_get_n_items (f->v1); i++)
    {
      const SillonQuestionnaireItem *item = sillon_questionnaire_get_item (f->v1, i);
      if (sillon_questionnaire_item_get_axis (item) == SILLON_AXIS_POUVOIR)
        g_assert_true (sillon_assessment_skip (a, sillon_questionnaire_item_get_id (item), &error));
    }
  /* One savoir answer at level 0 is a score of 0, unlike no answer. */
  g_assert_true (sillon_assessment_set_answer (a, "savoir.web.search", 0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sillon_assessment_get_answer (a, "savoir.web.search", &value), ==, SILLON_ANSWER_GIVEN);
  g_assert_cmpuint (value, ==, 0);
  g_assert_cmpint (sillon_assessment_get_answer (a, "pouvoir.cost.burden", NULL), ==, SILLON_ANSWER_SKIPPED);
  g_assert_cmpint (sillon_assessment_get_answer (a, "vouloir.channel", NULL), ==, SILLON_ANSWER_NONE);

  partial = sillon_assessment_evaluate (a, f->rules, &error);
  g_assert_no_error (error);
  g_assert_false (sillon_assessment_result_get_score (partial, SILLON_AXIS_POUVOIR, NULL));
  sillon_assessment_result_get_coverage (partial, SILLON_AXIS_POUVOIR, &coverage);
  g_assert_cmpuint (coverage.skipped, ==, 11);
  g_assert_true (sillon_assessment_result_get_score (partial, SILLON_AXIS_SAVOIR, &score));
  g_assert_cmpuint (score, ==, 0);
  g_assert_true (sillon_assessment_result_get_area_score (partial, SILLON_AREA_INFORMATION, &score));
  g_assert_cmpuint (score, ==, 0);
  g_assert_false (sillon_assessment_result_get_area_score (partial, SILLON_AREA_PROTECTION, NULL));
  g_assert_cmpint (sillon_assessment_result_get_degree (partial), ==, SILLON_DEGREE_TRES_ELOIGNE);
  g_assert_true (sillon_assessment_result_is_provisional (partial));
  g_assert_cmpint (sillon_assessment_result_get_skill_level (partial, "savoir.web.search"), ==, 0);
  g_assert_cmpint (sillon_assessment_result_get_skill_level (partial, "savoir.email.send"), ==, -1);
  g_assert_cmpint (sillon_assessment_result_get_skill_level (partial, "pouvoir.cost.burden"), ==, -1);

  sillon_assessment_clear_answer (a, "savoir.web.search");
  g_assert_cmpint (sillon_assessment_get_answer (a, "savoir.web.search", NULL), ==, SILLON_ANSWER_NONE);

  /* Setter errors. */
  g_assert_false (sillon_assessment_set_answer (a, "savoir.web.search", 4, &error));
  g_assert_error (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_BAD_VALUE);
  g_clear_error (&error);
  g_assert_false (sillon_assessment_skip (a, "savoir.nope", &error));
  g_assert_error (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_UNKNOWN_ITEM);
  g_clear_error (&error);
  g_assert_false (sillon_assessment_set_date (a, "2026-1-05", &error));
  g_assert_error (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (sillon_assessment_set_date (a, "2024-02-29", &error));
  g_assert_cmpstr (sillon_assessment_get_date (a), ==, "2024-02-29");
  g_assert_false (sillon_assessment_set_context (a, "soon", TRUE, &error));
  g_assert_error (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (sillon_assessment_set_context (a, "urgent_procedure", TRUE, &error));
  g_assert_true (sillon_assessment_get_context (a, "urgent_procedure"));
  g_assert_true (sillon_assessment_set_context (a, "urgent_procedure", FALSE, &error));
  g_assert_false (sillon_assessment_get_context (a, "urgent_procedure"));
}

static void
test_overrides_api (Fixture *f, gconstpointer data)
{
  g_autoptr (SillonAssessment) a = sillon_assessment_new (f->v1);
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonAssessmentResult) r1 = NULL;
  g_autoptr (SillonAssessmentResult) r2 = NULL;
  g_autoptr (SillonAssessmentResult) r3 = NULL;
  g_autoptr (SillonAssessmentResult) r4 = NULL;
  g_autoptr (JsonNode) json = NULL;
  JsonObject *degree;

  /* savoir.web.search at 3 alone: savoir 100 → autonome, no suggestion. */
  g_assert_true (sillon_assessment_set_answer (a, "savoir.web.search", 3, &error));

  g_assert_false (sillon_assessment_override_degree (a, SILLON_DEGREE_ELOIGNE, "", NULL, &error));
  g_assert_error (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_OVERRIDE);
  g_clear_error (&error);
  g_assert_false (sillon_assessment_override_degree (a, SILLON_DEGREE_ELOIGNE, NULL, NULL, &error));
  g_assert_error (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_OVERRIDE);
  g_clear_error (&error);
  g_assert_false (sillon_assessment_override_degree (a, SILLON_DEGREE_NONE, "reason", NULL, &error));
  g_assert_error (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_OVERRIDE);
  g_clear_error (&error);
  g_assert_false (sillon_assessment_add_orientation (a, "equipment", "   ", NULL, &error));
  g_assert_error (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_OVERRIDE);
  g_clear_error (&error);

  g_assert_true (sillon_assessment_override_degree (a, SILLON_DEGREE_ELOIGNE, "Was helped to answer.", "Sam", &error));
  g_assert_true (sillon_assessment_add_orientation (a, "equipment", "Old phone broke.", NULL, &error));
  g_assert_no_error (error);
  r1 = sillon_assessment_evaluate (a, f->rules, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sillon_assessment_result_get_computed_degree (r1), ==, SILLON_DEGREE_AUTONOME);
  g_assert_cmpint (sillon_assessment_result_get_degree (r1), ==, SILLON_DEGREE_ELOIGNE);
  g_assert_true (sillon_assessment_result_is_degree_overridden (r1));
  g_assert_cmpstr (sillon_assessment_result_get_orientations (r1)[0], ==, "equipment");
  g_assert_null (sillon_assessment_result_get_orientations (r1)[1]);
  json = sillon_assessment_result_to_json (r1);
  degree = json_object_get_object_member (json_node_get_object (json), "degree");
  g_assert_cmpstr (json_object_get_string_member (degree, "reason"), ==, "Was helped to answer.");
  g_assert_cmpstr (json_object_get_string_member (degree, "by"), ==, "Sam");
  {
    JsonArray *orientations = json_object_get_array_member (json_node_get_object (json), "orientations");
    JsonObject *o = json_array_get_object_element (orientations, 0);
    g_assert_cmpstr (json_object_get_string_member (o, "source"), ==, "mediator");
    g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (o, "override"), "reason"), ==,
                     "Old phone broke.");
  }

  /* The latest decision on an orientation wins. */
  g_assert_true (sillon_assessment_dismiss_orientation (a, "equipment", "Found one after all.", NULL, &error));
  r2 = sillon_assessment_evaluate (a, f->rules, &error);
  g_assert_no_error (error);
  g_assert_null (sillon_assessment_result_get_orientations (r2)[0]);

  /* An unknown orientation is reported when the rules are known. */
  g_assert_true (sillon_assessment_add_orientation (a, "teleport", "Because.", NULL, &error));
  r3 = sillon_assessment_evaluate (a, f->rules, &error);
  g_assert_null (r3);
  g_assert_error (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_OVERRIDE);
  g_assert_nonnull (strstr (error->message, "teleport"));
  g_clear_error (&error);

  sillon_assessment_clear_overrides (a);
  r4 = sillon_assessment_evaluate (a, f->rules, &error);
  g_assert_no_error (error);
  g_assert_false (sillon_assessment_result_is_degree_overridden (r4));
  g_assert_cmpint (sillon_assessment_result_get_degree (r4), ==, SILLON_DEGREE_AUTONOME);
}

static void
test_degree_thresholds (void)
{
  const struct
  {
    gboolean has_p;
    guint p;
    gboolean has_s;
    guint s;
    SillonDegree expected;
  } cases[] = {
    { FALSE, 0, FALSE, 0, SILLON_DEGREE_NONE },
    { TRUE, 100, FALSE, 0, SILLON_DEGREE_NONE },
    { FALSE, 0, TRUE, 0, SILLON_DEGREE_TRES_ELOIGNE },
    { FALSE, 0, TRUE, 24, SILLON_DEGREE_TRES_ELOIGNE },
    { FALSE, 0, TRUE, 25, SILLON_DEGREE_ELOIGNE },
    { FALSE, 0, TRUE, 49, SILLON_DEGREE_ELOIGNE },
    { FALSE, 0, TRUE, 50, SILLON_DEGREE_EN_PROGRESSION },
    { FALSE, 0, TRUE, 79, SILLON_DEGREE_EN_PROGRESSION },
    { FALSE, 0, TRUE, 80, SILLON_DEGREE_AUTONOME },
    { FALSE, 0, TRUE, 100, SILLON_DEGREE_AUTONOME },
    { TRUE, 0, TRUE, 100, SILLON_DEGREE_ELOIGNE },
    { TRUE, 39, TRUE, 100, SILLON_DEGREE_ELOIGNE },
    { TRUE, 40, TRUE, 100, SILLON_DEGREE_EN_PROGRESSION },
    { TRUE, 69, TRUE, 100, SILLON_DEGREE_EN_PROGRESSION },
    { TRUE, 70, TRUE, 100, SILLON_DEGREE_AUTONOME },
    { TRUE, 0, TRUE, 10, SILLON_DEGREE_TRES_ELOIGNE },
    { TRUE, 39, TRUE, 60, SILLON_DEGREE_ELOIGNE },
    { TRUE, 50, TRUE, 30, SILLON_DEGREE_ELOIGNE },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpstr (sillon_degree_to_id (sillon_degree_compute (cases[i].has_p, cases[i].p, cases[i].has_s,
                                                                 cases[i].s)),
                     ==, sillon_degree_to_id (cases[i].expected));

  for (guint d = 0; d < SILLON_DEGREE_COUNT; d++)
    {
      SillonDegree back;
      g_assert_true (sillon_degree_from_id (sillon_degree_to_id (d), &back));
      g_assert_cmpint (back, ==, d);
      g_assert_nonnull (sillon_degree_get_label (d));
    }
  g_assert_false (sillon_degree_from_id ("loin", NULL));
}

/* A small questionnaire whose scores fall on x.5 and on thirds, to pin
 * the rounding (half up) and the exact arithmetic across different maxima. */
static const char rounding_questionnaire[] =
    "{\"format\":\"sillon-questionnaire\",\"version\":1,\"_title\":\"R\",\"items\":["
    "{\"id\":\"savoir.a\",\"axis\":\"savoir\",\"area\":\"information\",\"weight\":1,\"_question\":\"A\",\"max\":3,"
    "\"choices\":[{\"value\":0,\"_label\":\"0\"},{\"value\":1,\"_label\":\"1\"},{\"value\":2,\"_label\":\"2\"},"
    "{\"value\":3,\"_label\":\"3\"}]},"
    "{\"id\":\"pouvoir.eighths\",\"axis\":\"pouvoir\",\"weight\":1,\"_question\":\"E\",\"max\":8,"
    "\"choices\":[{\"value\":0,\"_label\":\"0\"},{\"value\":1,\"_label\":\"1\"},{\"value\":3,\"_label\":\"3\"},"
    "{\"value\":8,\"_label\":\"8\"}]},"
    "{\"id\":\"pouvoir.thirds\",\"axis\":\"pouvoir\",\"weight\":1,\"_question\":\"T\",\"max\":3,"
    "\"choices\":[{\"value\":0,\"_label\":\"0\"},{\"value\":1,\"_label\":\"1\"},{\"value\":2,\"_label\":\"2\"},"
    "{\"value\":3,\"_label\":\"3\"}]}]}";

static guint
pouvoir_score (SillonQuestionnaire *q, gint eighths, gint thirds)
{
  g_autoptr (SillonAssessment) a = sillon_assessment_new (q);
  g_autoptr (SillonAssessmentResult) r = NULL;
  g_autoptr (GError) error = NULL;
  guint score = 0;

  if (eighths >= 0)
    g_assert_true (sillon_assessment_set_answer (a, "pouvoir.eighths", (guint) eighths, &error));
  if (thirds >= 0)
    g_assert_true (sillon_assessment_set_answer (a, "pouvoir.thirds", (guint) thirds, &error));
  r = sillon_assessment_evaluate (a, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (sillon_assessment_result_get_score (r, SILLON_AXIS_POUVOIR, &score));
  return score;
}

static void
test_rounding (void)
{
  g_autoptr (GBytes) bytes = g_bytes_new_static (rounding_questionnaire, strlen (rounding_questionnaire));
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonQuestionnaire) q = sillon_questionnaire_new_from_bytes (bytes, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (pouvoir_score (q, 1, -1), ==, 13); /* 12.5 */
  g_assert_cmpuint (pouvoir_score (q, 3, -1), ==, 38); /* 37.5 */
  g_assert_cmpuint (pouvoir_score (q, -1, 1), ==, 33); /* 33.33 */
  g_assert_cmpuint (pouvoir_score (q, -1, 2), ==, 67); /* 66.67 */
  g_assert_cmpuint (pouvoir_score (q, 1, 2), ==, 40);  /* (1/8 + 2/3) / 2 = 19/48 = 39.58 */
  g_assert_cmpuint (pouvoir_score (q, 0, 0), ==, 0);
  g_assert_cmpuint (pouvoir_score (q, 8, 3), ==, 100);
}

static void
assert_comparison_matches (SillonAssessmentComparison *c, JsonObject *expected)
{
  JsonObject *axes = json_object_get_object_member (expected, "axes");
  g_autoptr (JsonNode) json = sillon_assessment_comparison_to_json (c);
  JsonObject *actual = json_node_get_object (json);

  for (guint axis = 0; axis < SILLON_AXIS_COUNT; axis++)
    {
      JsonObject *e = json_object_get_object_member (axes, sillon_axis_to_id (axis));
      guint before, after, n;
      gint delta;

      g_assert_true (sillon_assessment_comparison_get_axis (c, axis, &before, &after, &delta, &n));
      g_assert_cmpint (before, ==, json_object_get_int_member (e, "before"));
      g_assert_cmpint (after, ==, json_object_get_int_member (e, "after"));
      g_assert_cmpint (delta, ==, json_object_get_int_member (e, "delta"));
      g_assert_cmpint (n, ==, json_object_get_int_member (e, "common_items"));
    }
  assert_string_list ("skills up", json_object_get_array_member (expected, "skills_up"),
                      sillon_assessment_comparison_get_skills_up (c));
  assert_string_list ("skills down", json_object_get_array_member (expected, "skills_down"),
                      sillon_assessment_comparison_get_skills_down (c));
  g_assert_cmpint (json_object_get_int_member (actual, "skills_unchanged"), ==,
                   json_object_get_int_member (expected, "skills_unchanged"));
  {
    const char *lists[] = { "only_before", "only_after" };
    for (gsize i = 0; i < G_N_ELEMENTS (lists); i++)
      {
        JsonArray *want = json_object_get_array_member (expected, lists[i]);
        JsonArray *got = json_object_get_array_member (actual, lists[i]);
        g_assert_cmpuint (json_array_get_length (got), ==, json_array_get_length (want));
        for (guint j = 0; j < json_array_get_length (want); j++)
          g_assert_cmpstr (json_array_get_string_element (got, j), ==, json_array_get_string_element (want, j));
      }
  }
  /* Skill moves carry both levels. */
  {
    JsonArray *down = json_object_get_array_member (actual, "skills_down");
    if (json_array_get_length (down) > 0)
      g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (down, 0), "from"), >,
                       json_object_get_int_member (json_array_get_object_element (down, 0), "to"));
  }
}

static void
test_compare_and_path (Fixture *f, gconstpointer data)
{
  g_autofree char *dir = g_build_filename (TEST_DATA_DIR, "assessment", "compare", NULL);
  g_autofree char *expected_path = g_build_filename (dir, "very-far.expected.json", NULL);
  g_autoptr (JsonNode) expected_node = load_json_file (expected_path);
  JsonObject *expected = json_node_get_object (expected_node);
  g_autofree char *before_path = g_build_filename (dir, json_object_get_string_member (expected, "before"), NULL);
  g_autofree char *after_path = g_build_filename (dir, json_object_get_string_member (expected, "after"), NULL);
  g_autoptr (SillonAssessment) before = load_answers (f, before_path);
  g_autoptr (SillonAssessment) after = load_answers (f, after_path);
  g_autoptr (SillonAssessmentComparison) c = sillon_assessment_compare (before, after);
  g_autoptr (SillonAssessmentComparison) reverse = sillon_assessment_compare (after, before);
  g_autoptr (SillonAssessmentComparison) same = sillon_assessment_compare (before, before);
  SillonAssessment *list[] = { before, after };
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) path = NULL;
  JsonArray *steps;
  JsonArray *expected_steps = json_object_get_array_member (expected, "path_steps");
  gint delta;

  assert_comparison_matches (c, expected);

  /* Reversed, the deltas change sign and ups become downs. */
  for (guint axis = 0; axis < SILLON_AXIS_COUNT; axis++)
    {
      gint forward;
      g_assert_true (sillon_assessment_comparison_get_axis (c, axis, NULL, NULL, &forward, NULL));
      g_assert_true (sillon_assessment_comparison_get_axis (reverse, axis, NULL, NULL, &delta, NULL));
      g_assert_cmpint (delta, ==, -forward);
      g_assert_true (sillon_assessment_comparison_get_axis (same, axis, NULL, NULL, &delta, NULL));
      g_assert_cmpint (delta, ==, 0);
    }
  assert_string_list ("reverse down", json_object_get_array_member (expected, "skills_up"),
                      sillon_assessment_comparison_get_skills_down (reverse));
  g_assert_null (sillon_assessment_comparison_get_skills_up (same)[0]);

  path = sillon_assessment_path_to_json (list, G_N_ELEMENTS (list), f->rules, &error);
  g_assert_no_error (error);
  steps = json_object_get_array_member (json_node_get_object (path), "steps");
  g_assert_cmpuint (json_array_get_length (steps), ==, json_array_get_length (expected_steps));
  for (guint i = 0; i < json_array_get_length (steps); i++)
    {
      JsonObject *step = json_array_get_object_element (steps, i);
      JsonObject *want = json_array_get_object_element (expected_steps, i);
      JsonObject *scores = json_object_get_object_member (step, "scores");
      JsonObject *want_scores = json_object_get_object_member (want, "scores");

      for (guint axis = 0; axis < SILLON_AXIS_COUNT; axis++)
        g_assert_cmpint (json_object_get_int_member (scores, sillon_axis_to_id (axis)), ==,
                         json_object_get_int_member (want_scores, sillon_axis_to_id (axis)));
      g_assert_cmpstr (json_object_get_string_member (step, "degree"), ==,
                       json_object_get_string_member (want, "degree"));
    }
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (json_node_get_object (path), "changes")), ==,
                    1);
  g_assert_cmpint (
      json_object_get_int_member (
          json_object_get_object_member (
              json_object_get_object_member (json_object_get_object_member (json_node_get_object (path), "overall"), "axes"),
              "savoir"),
          "delta"),
      ==, 22);

  /* A single assessment is a path without changes. */
  {
    g_autoptr (JsonNode) single = sillon_assessment_path_to_json (list, 1, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (json_object_get_null_member (json_node_get_object (single), "overall"));
  }
}

/* Another questionnaire (standing for a later version) that keeps one
 * savoir item, drops another and adds a new one: only the kept id counts. */
static const char other_version[] =
    "{\"format\":\"sillon-questionnaire\",\"version\":1,\"_title\":\"Other\",\"items\":["
    "{\"id\":\"savoir.web.search\",\"axis\":\"savoir\",\"area\":\"information\",\"weight\":5,\"_question\":\"S\","
    "\"max\":3,\"choices\":[{\"value\":0,\"_label\":\"0\"},{\"value\":1,\"_label\":\"1\"},{\"value\":2,\"_label\":\"2\"},"
    "{\"value\":3,\"_label\":\"3\"}]},"
    "{\"id\":\"savoir.new.item\",\"axis\":\"savoir\",\"area\":\"creation\",\"weight\":1,\"_question\":\"N\","
    "\"max\":3,\"choices\":[{\"value\":0,\"_label\":\"0\"},{\"value\":1,\"_label\":\"1\"},{\"value\":2,\"_label\":\"2\"},"
    "{\"value\":3,\"_label\":\"3\"}]}]}";

static void
test_compare_across_questionnaires (Fixture *f, gconstpointer data)
{
  g_autoptr (GBytes) bytes = g_bytes_new_static (other_version, strlen (other_version));
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonQuestionnaire) other = sillon_questionnaire_new_from_bytes (bytes, &error);
  g_autoptr (SillonAssessment) before = sillon_assessment_new (f->v1);
  g_autoptr (SillonAssessment) after = NULL;
  g_autoptr (SillonAssessmentComparison) c = NULL;
  g_autoptr (JsonNode) json = NULL;
  guint from, to, n;
  gint delta;

  g_assert_no_error (error);
  after = sillon_assessment_new (other);
  g_assert_true (sillon_assessment_set_answer (before, "savoir.web.search", 1, &error));
  g_assert_true (sillon_assessment_set_answer (before, "savoir.email.send", 3, &error));
  g_assert_true (sillon_assessment_set_answer (before, "pouvoir.cost.burden", 3, &error));
  g_assert_true (sillon_assessment_set_answer (after, "savoir.web.search", 3, &error));
  g_assert_true (sillon_assessment_set_answer (after, "savoir.new.item", 0, &error));
  g_assert_false (sillon_assessment_set_answer (after, "savoir.email.send", 3, &error));
  g_assert_error (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_UNKNOWN_ITEM);
  g_clear_error (&error);

  c = sillon_assessment_compare (before, after);
  /* Savoir on savoir.web.search only: 1/3 → 33, 3/3 → 100. */
  g_assert_true (sillon_assessment_comparison_get_axis (c, SILLON_AXIS_SAVOIR, &from, &to, &delta, &n));
  g_assert_cmpuint (from, ==, 33);
  g_assert_cmpuint (to, ==, 100);
  g_assert_cmpint (delta, ==, 67);
  g_assert_cmpuint (n, ==, 1);
  g_assert_false (sillon_assessment_comparison_get_axis (c, SILLON_AXIS_POUVOIR, NULL, NULL, NULL, &n));
  g_assert_cmpuint (n, ==, 0);
  g_assert_cmpstr (sillon_assessment_comparison_get_skills_up (c)[0], ==, "savoir.web.search");
  g_assert_null (sillon_assessment_comparison_get_skills_up (c)[1]);
  g_assert_null (sillon_assessment_comparison_get_skills_down (c)[0]);

  json = sillon_assessment_comparison_to_json (c);
  {
    JsonObject *o = json_node_get_object (json);
    JsonArray *only_before = json_object_get_array_member (o, "only_before");
    JsonArray *only_after = json_object_get_array_member (o, "only_after");
    g_assert_cmpuint (json_array_get_length (only_before), ==, 2);
    g_assert_cmpstr (json_array_get_string_element (only_before, 0), ==, "pouvoir.cost.burden");
    g_assert_cmpstr (json_array_get_string_element (only_before, 1), ==, "savoir.email.send");
    g_assert_cmpuint (json_array_get_length (only_after), ==, 1);
    g_assert_cmpstr (json_array_get_string_element (only_after, 0), ==, "savoir.new.item");
    g_assert_true (json_object_get_null_member (json_object_get_object_member (json_object_get_object_member (o, "axes"),
                                                                               "pouvoir"),
                                                "delta"));
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/assessment/data-driven", Fixture, NULL, fixture_set_up, test_data_driven, fixture_tear_down);
  g_test_add ("/assessment/rules/v1-consistent", Fixture, NULL, fixture_set_up, test_rules_v1_consistent,
              fixture_tear_down);
  g_test_add_func ("/assessment/rules/coop-vocabulary", test_coop_vocabulary_matches_reference);
  g_test_add_func ("/assessment/rules/broken", test_broken_rules);
  g_test_add ("/assessment/rules/check-against-questionnaire", Fixture, NULL, fixture_set_up,
              test_rules_check_against_questionnaire, fixture_tear_down);
  g_test_add ("/assessment/answers/errors", Fixture, NULL, fixture_set_up, test_answers_errors, fixture_tear_down);
  g_test_add ("/assessment/empty-and-partial", Fixture, NULL, fixture_set_up, test_empty_and_partial,
              fixture_tear_down);
  g_test_add ("/assessment/overrides", Fixture, NULL, fixture_set_up, test_overrides_api, fixture_tear_down);
  g_test_add_func ("/assessment/degree-thresholds", test_degree_thresholds);
  g_test_add_func ("/assessment/rounding", test_rounding);
  g_test_add ("/assessment/compare-and-path", Fixture, NULL, fixture_set_up, test_compare_and_path,
              fixture_tear_down);
  g_test_add ("/assessment/compare-across-questionnaires", Fixture, NULL, fixture_set_up,
              test_compare_across_questionnaires, fixture_tear_down);
  return g_test_run ();
}
