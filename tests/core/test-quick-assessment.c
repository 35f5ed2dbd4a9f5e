/* test-quick-assessment.c — the short form, its scores with their coverage, and continuing it
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-quick-assessment.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "test-dir-util.h"

typedef struct
{
  SillonQuestionnaireRegistry *registry;
  SillonOrientationRules *rules;
  SillonQuickForm *form;
} Fixture;

static void
fixture_set_up (Fixture *f,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->registry = sillon_questionnaire_registry_new_default ();
  f->rules = sillon_orientation_rules_load (f->registry, sillon_orientation_rules_latest_version (), &error);
  g_assert_no_error (error);
  f->form = sillon_quick_form_load (f->registry, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->form);
}

static void
fixture_tear_down (Fixture *f,
                   gconstpointer data)
{
  g_clear_pointer (&f->form, sillon_quick_form_free);
  g_clear_object (&f->rules);
  g_clear_object (&f->registry);
}

/* About ten questions, all of the full questionnaire, each axis scored. */
static void
test_form (Fixture *f,
           gconstpointer data)
{
  SillonQuestionnaire *q = sillon_quick_form_get_questionnaire (f->form);
  guint per_axis[SILLON_AXIS_COUNT] = { 0 };

  g_assert_cmpuint (sillon_quick_form_get_version (f->form), ==, 1);
  g_assert_cmpuint (sillon_questionnaire_get_version (q), ==, 1);
  g_assert_cmpuint (sillon_quick_form_get_n_items (f->form), ==, 10);
  g_assert_cmpstr (sillon_quick_form_get_title (f->form), ==, "Quick assessment: ten questions, about two minutes");
  g_assert_nonnull (sillon_quick_form_get_description (f->form));

  for (guint i = 0; i < sillon_quick_form_get_n_items (f->form); i++)
    {
      const SillonQuestionnaireItem *item = sillon_quick_form_get_item (f->form, i);
      const char *id = sillon_questionnaire_item_get_id (item);

      /* The very item of the full questionnaire, not a copy. */
      g_assert_true (sillon_questionnaire_lookup_item (q, id) == item);
      g_assert_true (sillon_quick_form_contains (f->form, id));
      if (sillon_questionnaire_item_is_scored (item))
        per_axis[sillon_questionnaire_item_get_axis (item)]++;
    }
  for (guint axis = 0; axis < SILLON_AXIS_COUNT; axis++)
    g_assert_cmpuint (per_axis[axis], >=, 2);
  /* The refusal of digital services stays visible in two minutes. */
  g_assert_true (sillon_quick_form_contains (f->form, "vouloir.channel"));
  g_assert_false (sillon_quick_form_contains (f->form, "savoir.security.phishing"));
}

static void
answer_quick_form (Fixture *f,
                   SillonAssessment *a,
                   guint value)
{
  const SillonQuestionnaireItem *item;
  guint asked = 0;

  /* The form asks its questions in order, each once. */
  while ((item = sillon_quick_form_next_item (f->form, a)) != NULL)
    {
      g_autoptr (GError) error = NULL;
      const char *id = sillon_questionnaire_item_get_id (item);

      g_assert_true (item == sillon_quick_form_get_item (f->form, asked));
      if (g_str_equal (id, "vouloir.channel"))
        g_assert_true (sillon_assessment_set_answer (a, id, 1, &error));
      else
        g_assert_true (sillon_assessment_set_answer (a, id, MIN (value, sillon_questionnaire_item_get_max (item)), &error));
      g_assert_no_error (error);
      asked++;
    }
  g_assert_cmpuint (asked, ==, 10);
}

/* The three axes and the degree, each with what it rests on. */
static void
test_scores_with_coverage (Fixture *f,
                           gconstpointer data)
{
  g_autoptr (SillonAssessment) a = sillon_quick_form_new_assessment (f->form);
  g_autoptr (SillonAssessmentResult) result = NULL;
  g_autoptr (GError) error = NULL;
  SillonCoverage coverage;
  guint score;

  g_assert_false (sillon_quick_form_is_complete (f->form, a));
  answer_quick_form (f, a, 2);
  g_assert_true (sillon_quick_form_is_complete (f->form, a));

  result = sillon_assessment_evaluate (a, f->rules, &error);
  g_assert_no_error (error);

  /* pouvoir: equipment 2/3 (w2), connection 2/3 (w2), reading 2/3 (w2). */
  g_assert_true (sillon_assessment_result_get_score (result, SILLON_AXIS_POUVOIR, &score));
  g_assert_cmpuint (score, ==, 67);
  sillon_assessment_result_get_coverage (result, SILLON_AXIS_POUVOIR, &coverage);
  g_assert_cmpuint (coverage.answered, ==, 3);
  g_assert_cmpuint (coverage.total, ==, 11);
  g_assert_cmpuint (coverage.scored_answered, ==, 3);
  g_assert_cmpuint (coverage.scored_total, ==, 10);

  g_assert_true (sillon_assessment_result_get_score (result, SILLON_AXIS_VOULOIR, &score));
  g_assert_cmpuint (score, ==, 67);
  sillon_assessment_result_get_coverage (result, SILLON_AXIS_VOULOIR, &coverage);
  g_assert_cmpuint (coverage.answered, ==, 3); /* the channel is answered, not scored */
  g_assert_cmpuint (coverage.scored_answered, ==, 2);

  g_assert_true (sillon_assessment_result_get_score (result, SILLON_AXIS_SAVOIR, &score));
  g_assert_cmpuint (score, ==, 67);
  sillon_assessment_result_get_coverage (result, SILLON_AXIS_SAVOIR, &coverage);
  g_assert_cmpuint (coverage.scored_answered, ==, 4);
  g_assert_cmpuint (coverage.scored_total, ==, 16);

  /* Savoir 67 under a pouvoir of 67: making progress, provisional on 4 of
   * 16 skills. */
  g_assert_cmpint (sillon_assessment_result_get_degree (result), ==, SILLON_DEGREE_EN_PROGRESSION);
  g_assert_true (sillon_assessment_result_is_provisional (result));

  {
    g_autofree char *savoir = sillon_assessment_result_describe_coverage (result, SILLON_AXIS_SAVOIR);
    g_autofree char *pouvoir = sillon_assessment_result_describe_coverage (result, SILLON_AXIS_POUVOIR);

    g_assert_cmpstr (savoir, ==, "Based on 4 of 16 scored questions (12 of 16 questions not asked yet)");
    g_assert_cmpstr (pouvoir, ==, "Based on 3 of 10 scored questions (8 of 11 questions not asked yet)");
  }
}

/* The full questionnaire continues where the quick one stopped; the quick
 * answers carry over, through a save and a reload too. */
static void
test_continue_with_full_questionnaire (Fixture *f,
                                       gconstpointer data)
{
  g_autoptr (SillonAssessment) a = sillon_quick_form_new_assessment (f->form);
  SillonQuestionnaire *q = sillon_quick_form_get_questionnaire (f->form);
  g_autoptr (GPtrArray) unasked = NULL;
  g_autoptr (GError) error = NULL;
  guint previous = 0;

  unasked = sillon_assessment_list_unasked_items (a);
  g_assert_cmpuint (unasked->len, ==, sillon_questionnaire_get_n_items (q));
  g_clear_pointer (&unasked, g_ptr_array_unref);

  /* Stopped after three quick questions, one of them skipped. */
  g_assert_true (sillon_assessment_set_answer (a, "pouvoir.equipment.home", 3, &error));
  g_assert_true (sillon_assessment_skip (a, "pouvoir.connection.home", &error));
  g_assert_true (sillon_assessment_set_answer (a, "pouvoir.french.reading", 1, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sillon_questionnaire_item_get_id (sillon_quick_form_next_item (f->form, a)), ==, "vouloir.usefulness");

  unasked = sillon_assessment_list_unasked_items (a);
  g_assert_cmpuint (unasked->len, ==, sillon_questionnaire_get_n_items (q) - 3);
  for (guint i = 0; i < unasked->len; i++)
    {
      const SillonQuestionnaireItem *item = g_ptr_array_index (unasked, i);
      const char *id = sillon_questionnaire_item_get_id (item);
      guint index = 0;

      g_assert_cmpstr (id, !=, "pouvoir.equipment.home");
      g_assert_cmpstr (id, !=, "pouvoir.connection.home");
      g_assert_cmpstr (id, !=, "pouvoir.french.reading");
      /* In the questionnaire's order. */
      while (sillon_questionnaire_get_item (q, index) != item)
        index++;
      g_assert_cmpuint (index, >=, previous);
      previous = index;
    }
  g_assert_cmpstr (sillon_questionnaire_item_get_id (g_ptr_array_index (unasked, 0)), ==, "pouvoir.cost.burden");

  /* Saved as the store saves it, reloaded, continued: the answers are there. */
  {
    g_autoptr (JsonNode) json = sillon_assessment_to_json (a);
    g_autoptr (SillonAssessment) reloaded = sillon_assessment_new_from_json (json, f->registry, &error);
    g_autoptr (GPtrArray) again = NULL;
    guint value = 0;

    g_assert_no_error (error);
    again = sillon_assessment_list_unasked_items (reloaded);
    g_assert_cmpuint (again->len, ==, unasked->len);
    g_assert_cmpint (sillon_assessment_get_answer (reloaded, "pouvoir.equipment.home", &value), ==, SILLON_ANSWER_GIVEN);
    g_assert_cmpuint (value, ==, 3);
    g_assert_cmpint (sillon_assessment_get_answer (reloaded, "pouvoir.connection.home", NULL), ==, SILLON_ANSWER_SKIPPED);

    /* Answer everything still unasked: nothing left, and the full result
     * rests on every answer, the quick ones included. */
    for (guint i = 0; i < again->len; i++)
      {
        const SillonQuestionnaireItem *item = g_ptr_array_index (again, i);
        g_assert_true (sillon_assessment_set_answer (reloaded, sillon_questionnaire_item_get_id (item),
                                                     sillon_questionnaire_item_get_choice_value (item, 0), &error));
        g_assert_no_error (error);
      }
    g_clear_pointer (&again, g_ptr_array_unref);
    again = sillon_assessment_list_unasked_items (reloaded);
    g_assert_cmpuint (again->len, ==, 0);
    {
      g_autoptr (SillonAssessmentResult) result = sillon_assessment_evaluate (reloaded, f->rules, &error);
      g_autofree char *words = NULL;
      SillonCoverage coverage;

      g_assert_no_error (error);
      sillon_assessment_result_get_coverage (result, SILLON_AXIS_POUVOIR, &coverage);
      g_assert_cmpuint (coverage.answered, ==, coverage.total - 1);
      g_assert_cmpuint (coverage.skipped, ==, 1);
      words = sillon_assessment_result_describe_coverage (result, SILLON_AXIS_SAVOIR);
      g_assert_cmpstr (words, ==, "Based on 16 of 16 scored questions");
    }
  }
}

static void
test_describe_no_score (Fixture *f,
                        gconstpointer data)
{
  g_autoptr (SillonAssessment) a = sillon_quick_form_new_assessment (f->form);
  g_autoptr (SillonAssessmentResult) result = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *words = NULL;

  g_assert_true (sillon_assessment_skip (a, "savoir.web.search", &error));
  result = sillon_assessment_evaluate (a, f->rules, &error);
  g_assert_no_error (error);
  words = sillon_assessment_result_describe_coverage (result, SILLON_AXIS_SAVOIR);
  g_assert_cmpstr (words, ==, "No score: no scored question answered (15 of 16 questions not asked yet)");
}

static SillonQuickForm *
form_from_text (Fixture *f,
                const char *text,
                GError **error)
{
  g_autoptr (GBytes) bytes = g_bytes_new (text, strlen (text));

  return sillon_quick_form_new_from_bytes (bytes, f->registry, error);
}

#define HEAD "{\"format\": \"sillon-quick-assessment\", \"version\": 1, \"questionnaire_version\": 1, \"_title\": \"Quick\", "
#define AXES "\"pouvoir.equipment.home\", \"vouloir.usefulness\", \"savoir.web.search\""

/* Every inconsistency is refused with a message that names it. */
static void
test_invalid_forms (Fixture *f,
                    gconstpointer data)
{
  const struct
  {
    const char *text;
    int code;
    const char *mentions;
  } cases[] = {
    { "not json", SILLON_QUICK_ASSESSMENT_ERROR_PARSE, "JSON" },
    { "[]", SILLON_QUICK_ASSESSMENT_ERROR_PARSE, "sillon-quick-assessment" },
    { "{\"format\": \"sillon-questionnaire\", \"version\": 1}", SILLON_QUICK_ASSESSMENT_ERROR_PARSE, "format" },
    { "{\"format\": \"sillon-quick-assessment\", \"version\": 2, \"questionnaire_version\": 1, \"_title\": \"Q\", \"items\": [" AXES "]}",
      SILLON_QUICK_ASSESSMENT_ERROR_UNKNOWN_VERSION, "version" },
    { "{\"format\": \"sillon-quick-assessment\", \"version\": 1, \"_title\": \"Q\", \"items\": [" AXES "]}",
      SILLON_QUICK_ASSESSMENT_ERROR_INVALID, "questionnaire version" },
    { "{\"format\": \"sillon-quick-assessment\", \"version\": 1, \"questionnaire_version\": 9, \"_title\": \"Q\", \"items\": [" AXES "]}",
      SILLON_QUICK_ASSESSMENT_ERROR_INVALID, "questionnaire" },
    { "{\"format\": \"sillon-quick-assessment\", \"version\": 1, \"questionnaire_version\": 1, \"_title\": \" \", \"items\": [" AXES "]}",
      SILLON_QUICK_ASSESSMENT_ERROR_INVALID, "title" },
    { HEAD "\"_description\": \"\", \"items\": [" AXES "]}", SILLON_QUICK_ASSESSMENT_ERROR_INVALID, "description" },
    { HEAD "\"items\": []}", SILLON_QUICK_ASSESSMENT_ERROR_INVALID, "items" },
    { HEAD "\"items\": \"savoir.web.search\"}", SILLON_QUICK_ASSESSMENT_ERROR_INVALID, "items" },
    { HEAD "\"items\": [" AXES ", 3]}", SILLON_QUICK_ASSESSMENT_ERROR_INVALID, "Entry 4" },
    { HEAD "\"items\": [" AXES ", \"savoir.web.surf\"]}", SILLON_QUICK_ASSESSMENT_ERROR_INVALID, "savoir.web.surf" },
    { HEAD "\"items\": [" AXES ", \"savoir.web.search\"]}", SILLON_QUICK_ASSESSMENT_ERROR_INVALID, "twice" },
    /* Vouloir only through the informative channel: no vouloir score. */
    { HEAD "\"items\": [\"pouvoir.equipment.home\", \"vouloir.channel\", \"savoir.web.search\"]}",
      SILLON_QUICK_ASSESSMENT_ERROR_INVALID, "vouloir" },
    { HEAD "\"items\": [\"pouvoir.equipment.home\", \"vouloir.usefulness\"]}", SILLON_QUICK_ASSESSMENT_ERROR_INVALID, "savoir" },
    { HEAD "\"items\": [" AXES ", \"pouvoir.connection.home\", \"pouvoir.cost.burden\", \"pouvoir.french.reading\", "
           "\"pouvoir.french.writing\", \"pouvoir.identity.email\", \"pouvoir.identity.phone\", \"vouloir.learning\", "
           "\"vouloir.trust.scams\", \"savoir.email.send\", \"savoir.device.handling\", \"savoir.procedures.login\", "
           "\"savoir.procedures.form\", \"savoir.security.passwords\"]}",
      SILLON_QUICK_ASSESSMENT_ERROR_INVALID, "at most" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (SillonQuickForm) form = form_from_text (f, cases[i].text, &error);

      if (form != NULL)
        g_error ("case %u was accepted", i);
      g_assert_error (error, SILLON_QUICK_ASSESSMENT_ERROR, cases[i].code);
      if (strstr (error->message, cases[i].mentions) == NULL)
        g_error ("case %u: “%s” does not mention “%s”", i, error->message, cases[i].mentions);
    }

  {
    /* The smallest valid form. */
    g_autoptr (GError) error = NULL;
    g_autoptr (SillonQuickForm) form = form_from_text (f, HEAD "\"items\": [" AXES "]}", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (sillon_quick_form_get_n_items (form), ==, 3);
    g_assert_null (sillon_quick_form_get_description (form));
  }
}

/* The form's file is found in a --data-dir folder like the questionnaire. */
static void
test_missing_file (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *empty = test_make_tmp_dir ("sillon-quick-XXXXXX");
  g_autoptr (SillonQuestionnaireRegistry) registry = NULL;
  g_autoptr (SillonQuickForm) form = NULL;

  registry = sillon_questionnaire_registry_new_for_directory (empty);
  form = sillon_quick_form_load (registry, &error);
  g_assert_null (form);
  g_assert_error (error, SILLON_QUESTIONNAIRE_ERROR, SILLON_QUESTIONNAIRE_ERROR_NOT_FOUND);
  g_rmdir (empty);
}

int
main (int argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/quick-assessment/form", Fixture, NULL, fixture_set_up, test_form, fixture_tear_down);
  g_test_add ("/quick-assessment/scores-with-coverage", Fixture, NULL, fixture_set_up, test_scores_with_coverage,
              fixture_tear_down);
  g_test_add ("/quick-assessment/continue-with-full-questionnaire", Fixture, NULL, fixture_set_up,
              test_continue_with_full_questionnaire, fixture_tear_down);
  g_test_add ("/quick-assessment/describe-no-score", Fixture, NULL, fixture_set_up, test_describe_no_score,
              fixture_tear_down);
  g_test_add ("/quick-assessment/invalid-forms", Fixture, NULL, fixture_set_up, test_invalid_forms, fixture_tear_down);
  g_test_add_func ("/quick-assessment/missing-file", test_missing_file);
  return g_test_run ();
}
