/* sillon-quick-assessment.c — the short form of the assessment, and continuing to the full one
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-quick-assessment.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

/* A mediator often has two minutes at a counter, not twenty. The quick form
 * (resources/data/quick-assessment-v1.json) is a list of items of the full
 * questionnaire, not questions of its own: a quick answer is an answer of
 * the full questionnaire, saved in the same answer set, so it is scored by
 * the same rules, compared with later assessments by item id, and the full
 * assessment continues from where the quick one stopped by asking only
 * what is still unasked. The quick result is an ordinary result: its
 * coverage says on how many questions each score rests, and the degree is
 * provisional, as it is for any assessment with few savoir answers
 * (docs/ASSESSMENT.md). */

#define QUICK_FORMAT "sillon-quick-assessment"

static const guint known_quick_versions[] = { 1 };

GQuark
sillon_quick_assessment_error_quark (void)
{
  return g_quark_from_static_string ("sillon-quick-assessment-error-quark");
}

struct _SillonQuickForm
{
  guint version;
  SillonQuestionnaire *questionnaire;
  char *title;
  char *description;
  GPtrArray *items; /* of const SillonQuestionnaireItem *, owned by the questionnaire */
};

void
sillon_quick_form_free (SillonQuickForm *form)
{
  if (form == NULL)
    return;
  g_clear_object (&form->questionnaire);
  g_free (form->title);
  g_free (form->description);
  if (form->items != NULL)
    g_ptr_array_unref (form->items);
  g_free (form);
}

static gboolean
is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
member_version (JsonObject *object,
                const char *name,
                guint *out)
{
  JsonNode *node = json_object_get_member (object, name);
  gint64 value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;
  value = json_node_get_int (node);
  if (value <= 0 || value > G_MAXUINT)
    return FALSE;
  *out = (guint) value;
  return TRUE;
}

static gboolean
invalid (GError **error,
         const char *format,
         ...) G_GNUC_PRINTF (2, 3);

static gboolean
invalid (GError **error,
         const char *format,
         ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, SILLON_QUICK_ASSESSMENT_ERROR, SILLON_QUICK_ASSESSMENT_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
version_is_known (guint version)
{
  for (gsize i = 0; i < G_N_ELEMENTS (known_quick_versions); i++)
    if (known_quick_versions[i] == version)
      return TRUE;
  return FALSE;
}

/* Every axis needs a scored item, or the quick result would lack a score
 * the form promises; savoir also makes the degree. */
static gboolean
check_axes (SillonQuickForm *form,
            GError **error)
{
  gboolean scored[SILLON_AXIS_COUNT] = { FALSE };

  for (guint i = 0; i < form->items->len; i++)
    {
      const SillonQuestionnaireItem *item = g_ptr_array_index (form->items, i);

      if (sillon_questionnaire_item_is_scored (item))
        scored[sillon_questionnaire_item_get_axis (item)] = TRUE;
    }
  for (guint axis = 0; axis < SILLON_AXIS_COUNT; axis++)
    if (!scored[axis])
      /* Translators: %s is an axis id: pouvoir, vouloir or savoir. */
      return invalid (error, _ ("The quick assessment has no scored question on the axis “%s”"),
                      sillon_axis_to_id (axis));
  return TRUE;
}

static gboolean
parse_form (SillonQuickForm *form,
            GBytes *bytes,
            SillonQuestionnaireRegistry *registry,
            GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  gsize size = 0;
  const char *data = g_bytes_get_data (bytes, &size);
  JsonObject *object;
  JsonNode *root, *node;
  JsonArray *items;
  guint questionnaire_version;

  if (!json_parser_load_from_data (parser, data != NULL ? data : "", (gssize) size, &local_error))
    {
      g_set_error (error, SILLON_QUICK_ASSESSMENT_ERROR, SILLON_QUICK_ASSESSMENT_ERROR_PARSE,
                   _ ("The quick assessment is not valid JSON: %s"), local_error->message);
      return FALSE;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) || g_strcmp0 (member_string (json_node_get_object (root), "format"), QUICK_FORMAT) != 0)
    {
      g_set_error (error, SILLON_QUICK_ASSESSMENT_ERROR, SILLON_QUICK_ASSESSMENT_ERROR_PARSE,
                   _ ("Not a quick assessment file: “format” is not “%s”"), QUICK_FORMAT);
      return FALSE;
    }
  object = json_node_get_object (root);

  if (!member_version (object, "version", &form->version) || !version_is_known (form->version))
    {
      g_set_error_literal (error, SILLON_QUICK_ASSESSMENT_ERROR, SILLON_QUICK_ASSESSMENT_ERROR_UNKNOWN_VERSION,
                           _ ("The quick assessment’s “version” is not one this version of Sillon knows"));
      return FALSE;
    }
  if (!member_version (object, "questionnaire_version", &questionnaire_version))
    return invalid (error, "%s", _ ("The quick assessment does not say which questionnaire version its items belong to"));
  form->questionnaire = sillon_questionnaire_registry_get (registry, questionnaire_version, &local_error);
  if (form->questionnaire == NULL)
    /* Translators: %s says why the questionnaire could not be read. */
    return invalid (error, _ ("The quick assessment’s questionnaire cannot be read: %s"), local_error->message);

  if (is_blank (member_string (object, "_title")))
    return invalid (error, "%s", _ ("The quick assessment has no title"));
  form->title = g_strdup (member_string (object, "_title"));
  if (json_object_has_member (object, "_description"))
    {
      if (is_blank (member_string (object, "_description")))
        return invalid (error, "%s", _ ("The quick assessment’s description is blank"));
      form->description = g_strdup (member_string (object, "_description"));
    }

  node = json_object_get_member (object, "items");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) == 0)
    return invalid (error, "%s", _ ("The quick assessment needs a non-empty list “items” of question ids"));
  items = json_node_get_array (node);
  if (json_array_get_length (items) > SILLON_QUICK_ASSESSMENT_MAX_ITEMS)
    return invalid (error, _ ("The quick assessment has %u questions; a quick one has at most %d"),
                    json_array_get_length (items), SILLON_QUICK_ASSESSMENT_MAX_ITEMS);

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *element = json_array_get_element (items, i);
      const SillonQuestionnaireItem *item;
      const char *id;

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        return invalid (error, _ ("Entry %u of the quick assessment’s “items” is not a question id"), i + 1);
      id = json_node_get_string (element);
      item = sillon_questionnaire_lookup_item (form->questionnaire, id);
      if (item == NULL)
        /* Translators: %s is an item id, %u a questionnaire version. */
        return invalid (error, _ ("The quick assessment asks “%s”, which questionnaire version %u does not have"),
                        id, questionnaire_version);
      if (!g_hash_table_add (seen, (gpointer) sillon_questionnaire_item_get_id (item)))
        return invalid (error, _ ("The quick assessment asks “%s” twice"), id);
      g_ptr_array_add (form->items, (gpointer) item);
    }
  return check_axes (form, error);
}

/**
 * sillon_quick_form_new_from_bytes:
 * @bytes: a quick assessment file
 * @registry: where its questionnaire is read from
 * @error: return location for a #SILLON_QUICK_ASSESSMENT_ERROR
 *
 * Returns: (transfer full): the form, or %NULL if the file is not one or
 *   names an item its questionnaire lacks.
 */
SillonQuickForm *
sillon_quick_form_new_from_bytes (GBytes *bytes,
                                  SillonQuestionnaireRegistry *registry,
                                  GError **error)
{
  g_autoptr (SillonQuickForm) form = g_new0 (SillonQuickForm, 1);

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (SILLON_IS_QUESTIONNAIRE_REGISTRY (registry), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  form->items = g_ptr_array_new ();
  if (!parse_form (form, bytes, registry, error))
    return NULL;
  return g_steal_pointer (&form);
}

/**
 * sillon_quick_form_load:
 * @registry: where the data files are read from (built into Sillon, or a
 *   --data-dir folder)
 *
 * Returns: (transfer full): the quick form of this version of Sillon
 */
SillonQuickForm *
sillon_quick_form_load (SillonQuestionnaireRegistry *registry,
                        GError **error)
{
  g_autoptr (GBytes) bytes = NULL;

  g_return_val_if_fail (SILLON_IS_QUESTIONNAIRE_REGISTRY (registry), NULL);

  bytes = sillon_questionnaire_registry_load_data (registry, SILLON_QUICK_ASSESSMENT_DATA_FILE, error);
  if (bytes == NULL)
    return NULL;
  return sillon_quick_form_new_from_bytes (bytes, registry, error);
}

guint
sillon_quick_form_get_version (SillonQuickForm *form)
{
  g_return_val_if_fail (form != NULL, 0);
  return form->version;
}

/* Returns: (transfer none): the questionnaire the form's items belong to. */
SillonQuestionnaire *
sillon_quick_form_get_questionnaire (SillonQuickForm *form)
{
  g_return_val_if_fail (form != NULL, NULL);
  return form->questionnaire;
}

/* Translated, like the questionnaire's strings. */
const char *
sillon_quick_form_get_title (SillonQuickForm *form)
{
  g_return_val_if_fail (form != NULL, NULL);
  return g_dgettext (GETTEXT_PACKAGE, form->title);
}

/* Translated; may be %NULL. */
const char *
sillon_quick_form_get_description (SillonQuickForm *form)
{
  g_return_val_if_fail (form != NULL, NULL);
  return form->description != NULL ? g_dgettext (GETTEXT_PACKAGE, form->description) : NULL;
}

guint
sillon_quick_form_get_n_items (SillonQuickForm *form)
{
  g_return_val_if_fail (form != NULL, 0);
  return form->items->len;
}

/* Returns: (transfer none): the @index-th question, in the form's order. */
const SillonQuestionnaireItem *
sillon_quick_form_get_item (SillonQuickForm *form,
                            guint index)
{
  g_return_val_if_fail (form != NULL, NULL);
  g_return_val_if_fail (index < form->items->len, NULL);
  return g_ptr_array_index (form->items, index);
}

gboolean
sillon_quick_form_contains (SillonQuickForm *form,
                            const char *item_id)
{
  g_return_val_if_fail (form != NULL, FALSE);
  g_return_val_if_fail (item_id != NULL, FALSE);

  for (guint i = 0; i < form->items->len; i++)
    if (g_str_equal (sillon_questionnaire_item_get_id (g_ptr_array_index (form->items, i)), item_id))
      return TRUE;
  return FALSE;
}

/* Returns: (transfer full): an empty answer set of the form's
 *   questionnaire, which the full assessment can later continue. */
SillonAssessment *
sillon_quick_form_new_assessment (SillonQuickForm *form)
{
  g_return_val_if_fail (form != NULL, NULL);
  return sillon_assessment_new (form->questionnaire);
}

static gboolean
same_questionnaire (SillonQuickForm *form,
                    SillonAssessment *assessment)
{
  return sillon_questionnaire_get_version (sillon_assessment_get_questionnaire (assessment)) == sillon_questionnaire_get_version (form->questionnaire);
}

/**
 * sillon_quick_form_next_item:
 * @assessment: the answers so far
 *
 * Returns: (transfer none) (nullable): the first question of the form not
 *   yet asked (neither answered nor skipped), or %NULL when the quick form
 *   is done. An answer set of another questionnaire version has nothing to
 *   ask: %NULL.
 */
const SillonQuestionnaireItem *
sillon_quick_form_next_item (SillonQuickForm *form,
                             SillonAssessment *assessment)
{
  g_return_val_if_fail (form != NULL, NULL);
  g_return_val_if_fail (SILLON_IS_ASSESSMENT (assessment), NULL);

  if (!same_questionnaire (form, assessment))
    return NULL;
  for (guint i = 0; i < form->items->len; i++)
    {
      const SillonQuestionnaireItem *item = g_ptr_array_index (form->items, i);

      if (sillon_assessment_get_answer (assessment, sillon_questionnaire_item_get_id (item), NULL) == SILLON_ANSWER_NONE)
        return item;
    }
  return NULL;
}

gboolean
sillon_quick_form_is_complete (SillonQuickForm *form,
                               SillonAssessment *assessment)
{
  g_return_val_if_fail (form != NULL, FALSE);
  g_return_val_if_fail (SILLON_IS_ASSESSMENT (assessment), FALSE);

  return same_questionnaire (form, assessment) && sillon_quick_form_next_item (form, assessment) == NULL;
}

/**
 * sillon_assessment_list_unasked_items:
 * @assessment: answers so far, from a quick form or an interrupted full one
 *
 * What the full questionnaire still has to ask: where the quick form (or a
 * full assessment cut short) stopped. A skipped question was asked, so it
 * is not asked again.
 *
 * Returns: (transfer container) (element-type SillonQuestionnaireItem):
 *   the items never asked, in the questionnaire's order.
 */
GPtrArray *
sillon_assessment_list_unasked_items (SillonAssessment *assessment)
{
  SillonQuestionnaire *questionnaire;
  GPtrArray *unasked;

  g_return_val_if_fail (SILLON_IS_ASSESSMENT (assessment), NULL);

  questionnaire = sillon_assessment_get_questionnaire (assessment);
  unasked = g_ptr_array_new ();
  for (guint i = 0; i < sillon_questionnaire_get_n_items (questionnaire); i++)
    {
      const SillonQuestionnaireItem *item = sillon_questionnaire_get_item (questionnaire, i);

      if (sillon_assessment_get_answer (assessment, sillon_questionnaire_item_get_id (item), NULL) == SILLON_ANSWER_NONE)
        g_ptr_array_add (unasked, (gpointer) item);
    }
  return unasked;
}

/**
 * sillon_assessment_result_describe_coverage:
 * @axis: one of the three axes
 *
 * Returns: (transfer full): what the axis's score rests on, in the current
 *   message locale: “Based on 3 of 10 scored questions (2 of 11 questions
 *   not asked yet)”, or that there is no score.
 */
char *
sillon_assessment_result_describe_coverage (SillonAssessmentResult *result,
                                            SillonAxis axis)
{
  SillonCoverage coverage;
  guint score, not_asked;
  g_autofree char *basis = NULL;

  g_return_val_if_fail (result != NULL, NULL);
  g_return_val_if_fail (axis < SILLON_AXIS_COUNT, NULL);

  sillon_assessment_result_get_coverage (result, axis, &coverage);
  not_asked = coverage.total - coverage.answered - coverage.skipped;
  if (!sillon_assessment_result_get_score (result, axis, &score))
    basis = g_strdup (_ ("No score: no scored question answered"));
  else
    basis = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          /* Translators: the first %u is how many scored questions were answered. */
                                          "Based on %u of %u scored question",
                                          "Based on %u of %u scored questions", coverage.scored_total),
                             coverage.scored_answered, coverage.scored_total);
  if (not_asked == 0)
    return g_steal_pointer (&basis);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       /* Translators: the first %s is “Based on 3 of 10 scored
                                        * questions” or “No score…”; then how many of the axis's
                                        * questions the full assessment still has to ask. */
                                       "%s (%u of %u question not asked yet)",
                                       "%s (%u of %u questions not asked yet)", coverage.total),
                          basis, not_asked, coverage.total);
}
