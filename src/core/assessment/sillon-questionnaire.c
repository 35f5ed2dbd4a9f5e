/* sillon-questionnaire.c — the versioned pouvoir/vouloir/savoir questionnaire
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-questionnaire.h"

#include "sillon-assessment-json.h"
#include "sillon-id-table.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "sillon-data.h"

#define QUESTIONNAIRE_FORMAT "sillon-questionnaire"
/* A bound on scales and weights keeps the integer scoring far from overflow
 * and catches typos such as a weight of 1000. */
#define MAX_SCALE_MAX 20
#define MAX_WEIGHT 100

G_DEFINE_QUARK (sillon - questionnaire - error - quark, sillon_questionnaire_error)

/* Shipped questionnaire versions. Never remove one: saved assessments name
 * the version they were answered with. */
static const guint known_versions[] = { 1 };

typedef struct
{
  guint value;
  char *label; /* msgid */
} Choice;

typedef struct
{
  char *id;
  guint max;
  GArray *choices; /* of Choice, sorted by value */
} Scale;

struct _SillonQuestionnaireItem
{
  char *id;
  SillonAxis axis;
  SillonArea area;
  gboolean scored;
  guint weight;
  char *question; /* msgid */
  char *help;     /* msgid, may be NULL */
  const Scale *scale;
};

struct _SillonQuestionnaire
{
  GObject parent_instance;

  guint version;
  char *title;
  GPtrArray *scales; /* of Scale*, owned */
  GPtrArray *items;  /* of SillonQuestionnaireItem*, owned */
  GHashTable *by_id; /* id → item, borrowed */
};

G_DEFINE_FINAL_TYPE (SillonQuestionnaire, sillon_questionnaire, G_TYPE_OBJECT)

const char *
sillon_axis_to_id (SillonAxis axis)
{
  g_return_val_if_fail (axis < SILLON_AXIS_COUNT, NULL);
  return sillon_id_table_get_id (SILLON_TYPE_AXIS, axis);
}

gboolean
sillon_axis_from_id (const char *id, SillonAxis *out_axis)
{
  int axis;

  if (!sillon_id_table_lookup (SILLON_TYPE_AXIS, id, &axis))
    return FALSE;
  if (out_axis != NULL)
    *out_axis = (SillonAxis) axis;
  return TRUE;
}

const char *
sillon_axis_get_label (SillonAxis axis)
{
  switch (axis)
    {
      /* Translators: the three axes keep their French names in the French
       * translation: pouvoir, vouloir, savoir. */
      case SILLON_AXIS_POUVOIR:
        return _ ("Can (access)");
      case SILLON_AXIS_VOULOIR:
        return _ ("Wants (motivation)");
      case SILLON_AXIS_SAVOIR:
        return _ ("Knows (skills)");
      default:
        g_return_val_if_reached (NULL);
    }
}

const char *
sillon_area_to_id (SillonArea area)
{
  g_return_val_if_fail (area < SILLON_AREA_COUNT, NULL);
  return sillon_id_table_get_id (SILLON_TYPE_AREA, area);
}

gboolean
sillon_area_from_id (const char *id, SillonArea *out_area)
{
  int area;

  /* "none" is not a valid area in a data file. */
  if (!sillon_id_table_lookup (SILLON_TYPE_AREA, id, &area) || area == SILLON_AREA_NONE)
    return FALSE;
  if (out_area != NULL)
    *out_area = (SillonArea) area;
  return TRUE;
}

const char *
sillon_area_get_label (SillonArea area)
{
  /* Translators: the five areas of the CRCN/Pix digital competence
   * framework; use the framework's official French names. */
  switch (area)
    {
      case SILLON_AREA_INFORMATION:
        return _ ("Information and data");
      case SILLON_AREA_COMMUNICATION:
        return _ ("Communication and collaboration");
      case SILLON_AREA_CREATION:
        return _ ("Content creation");
      case SILLON_AREA_PROTECTION:
        return _ ("Protection and security");
      case SILLON_AREA_ENVIRONMENT:
        return _ ("Digital environment");
      case SILLON_AREA_NONE:
        return "";
      default:
        g_return_val_if_reached (NULL);
    }
}

const guint *
sillon_questionnaire_known_versions (gsize *n_versions)
{
  if (n_versions != NULL)
    *n_versions = G_N_ELEMENTS (known_versions);
  return known_versions;
}

guint
sillon_questionnaire_latest_version (void)
{
  return known_versions[G_N_ELEMENTS (known_versions) - 1];
}

gboolean
sillon_questionnaire_version_is_known (guint version)
{
  for (gsize i = 0; i < G_N_ELEMENTS (known_versions); i++)
    if (known_versions[i] == version)
      return TRUE;
  return FALSE;
}

static void
choice_clear (gpointer data)
{
  Choice *c = data;
  g_free (c->label);
}

static void
scale_free (gpointer data)
{
  Scale *s = data;
  g_free (s->id);
  g_clear_pointer (&s->choices, g_array_unref);
  g_free (s);
}

static void
item_free (gpointer data)
{
  SillonQuestionnaireItem *item = data;
  g_free (item->id);
  g_free (item->question);
  g_free (item->help);
  g_free (item);
}

static void
sillon_questionnaire_finalize (GObject *object)
{
  SillonQuestionnaire *self = SILLON_QUESTIONNAIRE (object);

  g_free (self->title);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->scales, g_ptr_array_unref);

  G_OBJECT_CLASS (sillon_questionnaire_parent_class)->finalize (object);
}

static void
sillon_questionnaire_class_init (SillonQuestionnaireClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sillon_questionnaire_finalize;
}

static void
sillon_questionnaire_init (SillonQuestionnaire *self)
{
  self->scales = g_ptr_array_new_with_free_func (scale_free);
  self->items = g_ptr_array_new_with_free_func (item_free);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
}

/* Item ids are stored with every answer and compared across versions, so
 * they must stay simple: dot-separated lower-case words. */
static gboolean
is_valid_id (const char *id)
{
  gboolean word_start = TRUE;

  if (id == NULL || *id == '\0')
    return FALSE;
  for (const char *p = id; *p != '\0'; p++)
    {
      if (*p == '.')
        {
          if (word_start)
            return FALSE;
          word_start = TRUE;
        }
      else if (g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '_')
        word_start = FALSE;
      else
        return FALSE;
    }
  return !word_start;
}

static gint
compare_choices (gconstpointer a, gconstpointer b)
{
  const Choice *ca = a;
  const Choice *cb = b;

  return (ca->value > cb->value) - (ca->value < cb->value);
}

/* Parses {"max": N, "choices": [{"value": V, "_label": L}, …]}. @where
 * names the item (or the scale) in error messages. */
static Scale *
parse_scale (JsonObject *object, const char *id, const char *where, GError **error)
{
  g_autoptr (GArray) choices = NULL;
  JsonNode *choices_node;
  JsonArray *array;
  gint64 max;
  Scale *scale;

  if (!sillon_assessment_json_member_int (object, "max", &max) || max < 1 || max > MAX_SCALE_MAX)
    {
      g_set_error (error, SILLON_QUESTIONNAIRE_ERROR, SILLON_QUESTIONNAIRE_ERROR_INVALID,
                   /* Translators: the first %s is “Item “id”” or “Scale “id””. */
                   _ ("%s: “max” must be an integer from 1 to %d"), where, MAX_SCALE_MAX);
      return NULL;
    }

  choices_node = json_object_get_member (object, "choices");
  if (choices_node == NULL || !JSON_NODE_HOLDS_ARRAY (choices_node) || json_array_get_length (json_node_get_array (choices_node)) == 0)
    {
      g_set_error (error, SILLON_QUESTIONNAIRE_ERROR, SILLON_QUESTIONNAIRE_ERROR_INVALID,
                   _ ("%s: “choices” must be a non-empty list"), where);
      return NULL;
    }
  array = json_node_get_array (choices_node);

  choices = g_array_new (FALSE, TRUE, sizeof (Choice));
  g_array_set_clear_func (choices, choice_clear);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      JsonObject *choice_object;
      const char *label;
      gint64 value;
      Choice choice;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, SILLON_QUESTIONNAIRE_ERROR, SILLON_QUESTIONNAIRE_ERROR_INVALID,
                       _ ("%s: choice %u is not an object"), where, i + 1);
          return NULL;
        }
      choice_object = json_node_get_object (node);
      if (!sillon_assessment_json_member_int (choice_object, "value", &value))
        {
          g_set_error (error, SILLON_QUESTIONNAIRE_ERROR, SILLON_QUESTIONNAIRE_ERROR_INVALID,
                       _ ("%s: choice %u has no integer “value”"), where, i + 1);
          return NULL;
        }
      if (value < 0 || value > max)
        {
          g_autofree char *value_text = g_strdup_printf ("%" G_GINT64_FORMAT, value);

          g_set_error (error, SILLON_QUESTIONNAIRE_ERROR, SILLON_QUESTIONNAIRE_ERROR_INVALID,
                       /* Translators: e.g. “Item “x”: choice value 4 is out of range 0–3” */
                       _ ("%s: choice value %s is out of range 0–%d"),
                       where, value_text, (int) max);
          return NULL;
        }
      for (guint j = 0; j < choices->len; j++)
        {
          if (g_array_index (choices, Choice, j).value == (guint) value)
            {
              g_set_error (error, SILLON_QUESTIONNAIRE_ERROR, SILLON_QUESTIONNAIRE_ERROR_INVALID,
                           _ ("%s: choice value %d appears twice"), where, (int) value);
              return NULL;
            }
        }
      label = sillon_assessment_json_member_string (choice_object, "_label");
      if (sillon_assessment_text_is_blank (label))
        {
          g_set_error (error, SILLON_QUESTIONNAIRE_ERROR, SILLON_QUESTIONNAIRE_ERROR_INVALID,
                       _ ("%s: choice value %d has no label"), where, (int) value);
          return NULL;
        }
      choice.value = (guint) value;
      choice.label = g_strdup (label);
      g_array_append_val (choices, choice);
    }
  g_array_sort (choices, compare_choices);

  scale = g_new0 (Scale, 1);
  scale->id = g_strdup (id);
  scale->max = (guint) max;
  scale->choices = g_steal_pointer (&choices);
  return scale;
}

static gboolean
scale_has_value (const Scale *scale, guint value)
{
  for (guint i = 0; i < scale->choices->len; i++)
    if (g_array_index (scale->choices, Choice, i).value == value)
      return TRUE;
  return FALSE;
}

static SillonQuestionnaireItem *
parse_item (SillonQuestionnaire *self,
            JsonNode *node,
            guint index,
            GHashTable *scales,
            GError **error)
{
  SillonQuestionnaireItem *item;
  JsonObject *object;
  const char *id;
  const char *axis_id;
  const char *scale_id;
  const char *area_id;
  const char *text;
  g_autofree char *axis_prefix = NULL;
  JsonNode *scored_node;
  gint64 weight = 0;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, SILLON_QUESTIONNAIRE_ERROR, SILLON_QUESTIONNAIRE_ERROR_INVALID,
                   _ ("Item number %u is not an object"), index + 1);
      return NULL;
    }
  object = json_node_get_object (node);

  id = sillon_assessment_json_member_string (object, "id");
  if (!is_valid_id (id))
    {
      g_set_error (error, SILLON_QUESTIONNAIRE_ERROR, SILLON_QUESTIONNAIRE_ERROR_INVALID,
                   _ ("Item number %u has a missing or malformed id “%s”"), index + 1,
                   id != NULL ? id : "");
      return NULL;
    }
  if (g_hash_table_contains (self->by_id, id))
    {
      g_set_error (error, SILLON_QUESTIONNAIRE_ERROR, SILLON_QUESTIONNAIRE_ERROR_INVALID,
                   _ ("Item “%s”: duplicate id"), id);
      return NULL;
    }

  item = g_new0 (SillonQuestionnaireItem, 1);
  item->id = g_strdup (id);

  axis_id = sillon_assessment_json_member_string (object, "axis");
  if (!sillon_axis_from_id (axis_id, &item->axis))
    {
      g_set_error (error, SILLON_QUESTIONNAIRE_ERROR, SILLON_QUESTIONNAIRE_ERROR_INVALID,
                   _ ("Item “%s”: unknown axis “%s”"), id, axis_id != NULL ? axis_id : "");
      goto fail;
    }
  /* The id's first word repeats the axis so that a saved answer set can be
   * read by a person without the questionnaire at hand. */
  axis_prefix = g_strconcat (axis_id, ".", NULL);
  if (!g_str_has_prefix (id, axis_prefix))
    {
      g_set_error (error, SILLON_QUESTIONNAIRE_ERROR, SILLON_QUESTIONNAIRE_ERROR_INVALID,
                   _ ("Item “%s”: the id must start with its axis “%s”"), id, axis_prefix);
      goto fail;
    }

  scored_node = json_object_get_member (object, "scored");
  item->scored = TRUE;
  if (scored_node != NULL)
    {
      if (!JSON_NODE_HOLDS_VALUE (scored_node) || json_node_get_value_type (scored_node) != G_TYPE_BOOLEAN)
        {
          g_set_error (error, SILLON_QUESTIONNAIRE_ERROR, SILLON_QUESTIONNAIRE_ERROR_INVALID,
                       _ ("Item “%s”: “scored” must be true or false"), id);
          goto fail;
        }
      item->scored = json_node_get_boolean (scored_node);
    }

  if (json_object_has_member (object, "weight"))
    {
      if (!sillon_assessment_json_member_int (object, "weight", &weight))
        {
          g_set_error (error, SILLON_QUESTIONNAIRE_ERROR, SILLON_QUESTIONNAIRE_ERROR_INVALID,
                       _ ("Item “%s”: the weight must be a whole number"), id);
          goto fail;
        }
      if (weight <= 0 || weight > MAX_WEIGHT)
        {
          g_set_error (error, SILLON_QUESTIONNAIRE_ERROR, SILLON_QUESTIONNAIRE_ERROR_INVALID,
                       _ ("Item “%s”: the weight must be from 1 to %d"), id, MAX_WEIGHT);
          goto fail;
        }
    }
  else if (item->scored)
    {
      g_set_error (error, SILLON_QUESTIONNAIRE_ERROR, SILLON_QUESTIONNAIRE_ERROR_INVALID,
                   _ ("Item “%s”: a scored item needs a weight"), id);
      goto fail;
    }
  item->weight = (guint) weight;

  text = sillon_assessment_json_member_string (object, "_question");
  if (sillon_assessment_text_is_blank (text))
    {
      g_set_error (error, SILLON_QUESTIONNAIRE_ERROR, SILLON_QUESTIONNAIRE_ERROR_INVALID,
                   _ ("Item “%s”: the question text is missing"), id);
      goto fail;
    }
  item->question = g_strdup (text);
  if (json_object_has_member (object, "_help"))
    {
      text = sillon_assessment_json_member_string (object, "_help");
      if (sillon_assessment_text_is_blank (text))
        {
          g_set_error (error, SILLON_QUESTIONNAIRE_ERROR, SILLON_QUESTIONNAIRE_ERROR_INVALID,
                       _ ("Item “%s”: the help text is empty"), id);
          goto fail;
        }
      item->help = g_strdup (text);
    }

  scale_id = sillon_assessment_json_member_string (object, "scale");
  if (scale_id != NULL)
    {
      item->scale = g_hash_table_lookup (scales, scale_id);
      if (item->scale == NULL)
        {
          g_set_error (error, SILLON_QUESTIONNAIRE_ERROR, SILLON_QUESTIONNAIRE_ERROR_INVALID,
                       _ ("Item “%s”: unknown scale “%s”"), id, scale_id);
          goto fail;
        }
    }
  else if (json_object_has_member (object, "choices"))
    {
      g_autofree char *where = g_strdup_printf (_ ("Item “%s”"), id);
      Scale *inline_scale = parse_scale (object, id, where, error);

      if (inline_scale == NULL)
        goto fail;
      g_ptr_array_add (self->scales, inline_scale);
      item->scale = inline_scale;
    }
  else
    {
      g_set_error (error, SILLON_QUESTIONNAIRE_ERROR, SILLON_QUESTIONNAIRE_ERROR_INVALID,
                   _ ("Item “%s”: no “scale” and no “choices”"), id);
      goto fail;
    }
  /* A score is value / max: the best answer must exist, or 100 is out of reach. */
  if (item->scored && !scale_has_value (item->scale, item->scale->max))
    {
      g_set_error (error, SILLON_QUESTIONNAIRE_ERROR, SILLON_QUESTIONNAIRE_ERROR_INVALID,
                   _ ("Item “%s”: no choice has the highest value %u"), id, item->scale->max);
      goto fail;
    }

  area_id = sillon_assessment_json_member_string (object, "area");
  if (item->axis == SILLON_AXIS_SAVOIR)
    {
      if (area_id == NULL)
        {
          g_set_error (error, SILLON_QUESTIONNAIRE_ERROR, SILLON_QUESTIONNAIRE_ERROR_INVALID,
                       _ ("Item “%s”: a savoir item needs a competence area"), id);
          goto fail;
        }
      if (!sillon_area_from_id (area_id, &item->area))
        {
          g_set_error (error, SILLON_QUESTIONNAIRE_ERROR, SILLON_QUESTIONNAIRE_ERROR_INVALID,
                       _ ("Item “%s”: unknown competence area “%s”"), id, area_id);
          goto fail;
        }
      if (!item->scored)
        {
          g_set_error (error, SILLON_QUESTIONNAIRE_ERROR, SILLON_QUESTIONNAIRE_ERROR_INVALID,
                       _ ("Item “%s”: a savoir item must be scored"), id);
          goto fail;
        }
      /* Levels mirror the national autonomy levels: all four must exist. */
      if (item->scale->max != SILLON_SKILL_LEVEL_MAX || item->scale->choices->len != SILLON_SKILL_LEVEL_MAX + 1)
        {
          g_set_error (error, SILLON_QUESTIONNAIRE_ERROR, SILLON_QUESTIONNAIRE_ERROR_INVALID,
                       _ ("Item “%s”: a savoir item must offer exactly the levels 0 to 3"), id);
          goto fail;
        }
    }
  else if (area_id != NULL || json_object_has_member (object, "area"))
    {
      g_set_error (error, SILLON_QUESTIONNAIRE_ERROR, SILLON_QUESTIONNAIRE_ERROR_INVALID,
                   _ ("Item “%s”: only savoir items have a competence area"), id);
      goto fail;
    }

  return item;

fail:
  item_free (item);
  return NULL;
}

/* A broken shared scale is reported with the first item that uses it: the
 * person fixing the file looks for an item id first. */
static char *
describe_scale_user (JsonObject *root, const char *scale_id)
{
  JsonNode *items = json_object_get_member (root, "items");

  if (items != NULL && JSON_NODE_HOLDS_ARRAY (items))
    {
      JsonArray *array = json_node_get_array (items);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *node = json_array_get_element (array, i);
          const char *id;

          if (!JSON_NODE_HOLDS_OBJECT (node))
            continue;
          id = sillon_assessment_json_member_string (json_node_get_object (node), "id");
          if (id != NULL && g_strcmp0 (sillon_assessment_json_member_string (json_node_get_object (node), "scale"), scale_id) == 0)
            /* Translators: “Item “savoir.web.search” (scale “skill”)” */
            return g_strdup_printf (_ ("Item “%s” (scale “%s”)"), id, scale_id);
        }
    }
  return g_strdup_printf (_ ("Scale “%s”"), scale_id);
}

static gboolean
sillon_questionnaire_parse (SillonQuestionnaire *self, GBytes *bytes, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GHashTable) scales = g_hash_table_new (g_str_hash, g_str_equal);
  JsonNode *root;
  JsonObject *object;
  JsonNode *node;
  const char *format;
  const char *title;
  gint64 version;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  if (!json_parser_load_from_data (parser, data != NULL ? data : "", size, &local_error))
    {
      g_set_error (error, SILLON_QUESTIONNAIRE_ERROR, SILLON_QUESTIONNAIRE_ERROR_PARSE,
                   _ ("The questionnaire is not valid JSON: %s"), local_error->message);
      return FALSE;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, SILLON_QUESTIONNAIRE_ERROR, SILLON_QUESTIONNAIRE_ERROR_PARSE,
                           _ ("The questionnaire is not a JSON object"));
      return FALSE;
    }
  object = json_node_get_object (root);

  format = sillon_assessment_json_member_string (object, "format");
  if (g_strcmp0 (format, QUESTIONNAIRE_FORMAT) != 0)
    {
      g_set_error (error, SILLON_QUESTIONNAIRE_ERROR, SILLON_QUESTIONNAIRE_ERROR_PARSE,
                   _ ("Not a questionnaire file: “format” is not “%s”"), QUESTIONNAIRE_FORMAT);
      return FALSE;
    }
  if (!sillon_assessment_json_member_int (object, "version", &version))
    {
      g_set_error_literal (error, SILLON_QUESTIONNAIRE_ERROR, SILLON_QUESTIONNAIRE_ERROR_INVALID,
                           _ ("The questionnaire has no integer “version”"));
      return FALSE;
    }
  if (version <= 0 || version > G_MAXUINT || !sillon_questionnaire_version_is_known ((guint) version))
    {
      g_autofree char *version_text = g_strdup_printf ("%" G_GINT64_FORMAT, version);
      g_set_error (error, SILLON_QUESTIONNAIRE_ERROR, SILLON_QUESTIONNAIRE_ERROR_UNKNOWN_VERSION,
                   _ ("Unknown questionnaire version %s"), version_text);
      return FALSE;
    }
  self->version = (guint) version;

  title = sillon_assessment_json_member_string (object, "_title");
  if (sillon_assessment_text_is_blank (title))
    {
      g_set_error_literal (error, SILLON_QUESTIONNAIRE_ERROR, SILLON_QUESTIONNAIRE_ERROR_INVALID,
                           _ ("The questionnaire has no title"));
      return FALSE;
    }
  self->title = g_strdup (title);

  node = json_object_get_member (object, "scales");
  if (node != NULL)
    {
      g_autoptr (GList) names = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error_literal (error, SILLON_QUESTIONNAIRE_ERROR, SILLON_QUESTIONNAIRE_ERROR_INVALID,
                               _ ("“scales” must be an object"));
          return FALSE;
        }
      names = json_object_get_members (json_node_get_object (node));
      for (GList *l = names; l != NULL; l = l->next)
        {
          JsonNode *scale_node = json_object_get_member (json_node_get_object (node), l->data);
          g_autofree char *where = NULL;
          Scale *scale;

          if (!JSON_NODE_HOLDS_OBJECT (scale_node))
            {
              g_set_error (error, SILLON_QUESTIONNAIRE_ERROR, SILLON_QUESTIONNAIRE_ERROR_INVALID,
                           _ ("Scale “%s” is not an object"), (const char *) l->data);
              return FALSE;
            }
          where = describe_scale_user (object, l->data);
          scale = parse_scale (json_node_get_object (scale_node), l->data, where, error);
          if (scale == NULL)
            return FALSE;
          g_ptr_array_add (self->scales, scale);
          g_hash_table_insert (scales, scale->id, scale);
        }
    }

  node = json_object_get_member (object, "items");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (json_node_get_array (node)) == 0)
    {
      g_set_error_literal (error, SILLON_QUESTIONNAIRE_ERROR, SILLON_QUESTIONNAIRE_ERROR_INVALID,
                           _ ("The questionnaire has no items"));
      return FALSE;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
    {
      SillonQuestionnaireItem *item;

      item = parse_item (self, json_array_get_element (json_node_get_array (node), i), i, scales, error);
      if (item == NULL)
        return FALSE;
      g_ptr_array_add (self->items, item);
      g_hash_table_insert (self->by_id, item->id, item);
    }

  return TRUE;
}

/**
 * sillon_questionnaire_new_from_bytes:
 *
 * Parses and validates a questionnaire. An inconsistent file is rejected as a
 * whole: a half-loaded questionnaire would score people wrongly without
 * anyone noticing.
 */
SillonQuestionnaire *
sillon_questionnaire_new_from_bytes (GBytes *bytes, GError **error)
{
  g_autoptr (SillonQuestionnaire) self = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (SILLON_TYPE_QUESTIONNAIRE, NULL);
  if (!sillon_questionnaire_parse (self, bytes, error))
    return NULL;
  return g_steal_pointer (&self);
}

SillonQuestionnaire *
sillon_questionnaire_new_from_file (GFile *file, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GBytes) bytes = NULL;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  bytes = g_file_load_bytes (file, NULL, NULL, &local_error);
  if (bytes == NULL)
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_set_error (error, SILLON_QUESTIONNAIRE_ERROR, SILLON_QUESTIONNAIRE_ERROR_NOT_FOUND,
                   _ ("Cannot read the questionnaire “%s”: %s"), name, local_error->message);
      return NULL;
    }
  return sillon_questionnaire_new_from_bytes (bytes, error);
}

SillonQuestionnaire *
sillon_questionnaire_new_from_resource (const char *path, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GBytes) bytes = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  sillon_data_ensure_registered ();
  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &local_error);
  if (bytes == NULL)
    {
      g_set_error (error, SILLON_QUESTIONNAIRE_ERROR, SILLON_QUESTIONNAIRE_ERROR_NOT_FOUND,
                   _ ("Cannot read the questionnaire “%s”: %s"), path, local_error->message);
      return NULL;
    }
  return sillon_questionnaire_new_from_bytes (bytes, error);
}

guint
sillon_questionnaire_get_version (SillonQuestionnaire *self)
{
  g_return_val_if_fail (SILLON_IS_QUESTIONNAIRE (self), 0);
  return self->version;
}

const char *
sillon_questionnaire_get_title (SillonQuestionnaire *self)
{
  g_return_val_if_fail (SILLON_IS_QUESTIONNAIRE (self), NULL);
  return g_dgettext (GETTEXT_PACKAGE, self->title);
}

guint
sillon_questionnaire_get_n_items (SillonQuestionnaire *self)
{
  g_return_val_if_fail (SILLON_IS_QUESTIONNAIRE (self), 0);
  return self->items->len;
}

const SillonQuestionnaireItem *
sillon_questionnaire_get_item (SillonQuestionnaire *self, guint index)
{
  g_return_val_if_fail (SILLON_IS_QUESTIONNAIRE (self), NULL);
  g_return_val_if_fail (index < self->items->len, NULL);
  return g_ptr_array_index (self->items, index);
}

const SillonQuestionnaireItem *
sillon_questionnaire_lookup_item (SillonQuestionnaire *self, const char *id)
{
  g_return_val_if_fail (SILLON_IS_QUESTIONNAIRE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  return g_hash_table_lookup (self->by_id, id);
}

guint
sillon_questionnaire_count_items (SillonQuestionnaire *self, SillonAxis axis)
{
  guint n = 0;

  g_return_val_if_fail (SILLON_IS_QUESTIONNAIRE (self), 0);
  for (guint i = 0; i < self->items->len; i++)
    if (((SillonQuestionnaireItem *) g_ptr_array_index (self->items, i))->axis == axis)
      n++;
  return n;
}

const char *
sillon_questionnaire_item_get_id (const SillonQuestionnaireItem *item)
{
  g_return_val_if_fail (item != NULL, NULL);
  return item->id;
}

SillonAxis
sillon_questionnaire_item_get_axis (const SillonQuestionnaireItem *item)
{
  g_return_val_if_fail (item != NULL, SILLON_AXIS_POUVOIR);
  return item->axis;
}

SillonArea
sillon_questionnaire_item_get_area (const SillonQuestionnaireItem *item)
{
  g_return_val_if_fail (item != NULL, SILLON_AREA_NONE);
  return item->area;
}

const char *
sillon_questionnaire_item_get_question (const SillonQuestionnaireItem *item)
{
  g_return_val_if_fail (item != NULL, NULL);
  return g_dgettext (GETTEXT_PACKAGE, item->question);
}

const char *
sillon_questionnaire_item_get_help (const SillonQuestionnaireItem *item)
{
  g_return_val_if_fail (item != NULL, NULL);
  return item->help != NULL ? g_dgettext (GETTEXT_PACKAGE, item->help) : NULL;
}

gboolean
sillon_questionnaire_item_is_scored (const SillonQuestionnaireItem *item)
{
  g_return_val_if_fail (item != NULL, FALSE);
  return item->scored;
}

guint
sillon_questionnaire_item_get_weight (const SillonQuestionnaireItem *item)
{
  g_return_val_if_fail (item != NULL, 0);
  return item->weight;
}

guint
sillon_questionnaire_item_get_max (const SillonQuestionnaireItem *item)
{
  g_return_val_if_fail (item != NULL, 0);
  return item->scale->max;
}

guint
sillon_questionnaire_item_get_n_choices (const SillonQuestionnaireItem *item)
{
  g_return_val_if_fail (item != NULL, 0);
  return item->scale->choices->len;
}

guint
sillon_questionnaire_item_get_choice_value (const SillonQuestionnaireItem *item, guint index)
{
  g_return_val_if_fail (item != NULL, 0);
  g_return_val_if_fail (index < item->scale->choices->len, 0);
  return g_array_index (item->scale->choices, Choice, index).value;
}

const char *
sillon_questionnaire_item_get_choice_label (const SillonQuestionnaireItem *item, guint index)
{
  g_return_val_if_fail (item != NULL, NULL);
  g_return_val_if_fail (index < item->scale->choices->len, NULL);
  return g_dgettext (GETTEXT_PACKAGE, g_array_index (item->scale->choices, Choice, index).label);
}

gboolean
sillon_questionnaire_item_has_value (const SillonQuestionnaireItem *item, gint64 value)
{
  g_return_val_if_fail (item != NULL, FALSE);
  if (value < 0 || value > item->scale->max)
    return FALSE;
  return scale_has_value (item->scale, (guint) value);
}

const char *
sillon_questionnaire_item_lookup_label (const SillonQuestionnaireItem *item, guint value)
{
  g_return_val_if_fail (item != NULL, NULL);
  for (guint i = 0; i < item->scale->choices->len; i++)
    {
      const Choice *c = &g_array_index (item->scale->choices, Choice, i);
      if (c->value == value)
        return g_dgettext (GETTEXT_PACKAGE, c->label);
    }
  return NULL;
}

/* Registry */

struct _SillonQuestionnaireRegistry
{
  GObject parent_instance;

  char *data_dir;        /* NULL when reading from resources */
  char *resource_prefix; /* NULL when reading from a directory */
  GHashTable *loaded;    /* version → SillonQuestionnaire */
};

G_DEFINE_FINAL_TYPE (SillonQuestionnaireRegistry, sillon_questionnaire_registry, G_TYPE_OBJECT)

static void
sillon_questionnaire_registry_finalize (GObject *object)
{
  SillonQuestionnaireRegistry *self = SILLON_QUESTIONNAIRE_REGISTRY (object);

  g_free (self->data_dir);
  g_free (self->resource_prefix);
  g_clear_pointer (&self->loaded, g_hash_table_unref);

  G_OBJECT_CLASS (sillon_questionnaire_registry_parent_class)->finalize (object);
}

static void
sillon_questionnaire_registry_class_init (SillonQuestionnaireRegistryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sillon_questionnaire_registry_finalize;
}

static void
sillon_questionnaire_registry_init (SillonQuestionnaireRegistry *self)
{
  self->loaded = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, g_object_unref);
}

/* @data_dir: the directory holding questionnaire-vN.json and the rules, used
 * instead of the files built into Sillon (`sillon-cli assess --data-dir`,
 * tests of broken or future files). */
SillonQuestionnaireRegistry *
sillon_questionnaire_registry_new_for_directory (const char *data_dir)
{
  SillonQuestionnaireRegistry *self;

  g_return_val_if_fail (data_dir != NULL, NULL);
  self = g_object_new (SILLON_TYPE_QUESTIONNAIRE_REGISTRY, NULL);
  self->data_dir = g_strdup (data_dir);
  return self;
}

/* Registers the core's data bundle first, so that a prefix under
 * SILLON_DATA_RESOURCE_PATH resolves even in a process where nothing else
 * has touched the data yet. */
SillonQuestionnaireRegistry *
sillon_questionnaire_registry_new_for_resource (const char *prefix)
{
  SillonQuestionnaireRegistry *self;

  g_return_val_if_fail (prefix != NULL, NULL);
  sillon_data_ensure_registered ();
  self = g_object_new (SILLON_TYPE_QUESTIONNAIRE_REGISTRY, NULL);
  self->resource_prefix = g_strdup (prefix);
  return self;
}

/* The questionnaires and rules built into Sillon (sillon-data.h). */
SillonQuestionnaireRegistry *
sillon_questionnaire_registry_new_default (void)
{
  return sillon_questionnaire_registry_new_for_resource (SILLON_DATA_RESOURCE_PATH);
}

const char *
sillon_questionnaire_registry_get_data_dir (SillonQuestionnaireRegistry *self)
{
  g_return_val_if_fail (SILLON_IS_QUESTIONNAIRE_REGISTRY (self), NULL);
  return self->data_dir;
}

GBytes *
sillon_questionnaire_registry_load_data (SillonQuestionnaireRegistry *self,
                                         const char *basename,
                                         GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autofree char *path = NULL;
  GBytes *bytes;

  g_return_val_if_fail (SILLON_IS_QUESTIONNAIRE_REGISTRY (self), NULL);
  g_return_val_if_fail (basename != NULL, NULL);

  if (self->resource_prefix != NULL)
    {
      path = g_build_path ("/", self->resource_prefix, basename, NULL);
      bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &local_error);
    }
  else
    {
      g_autoptr (GFile) file = NULL;

      path = g_build_filename (self->data_dir, basename, NULL);
      file = g_file_new_for_path (path);
      bytes = g_file_load_bytes (file, NULL, NULL, &local_error);
    }
  if (bytes == NULL)
    {
      g_set_error (error, SILLON_QUESTIONNAIRE_ERROR, SILLON_QUESTIONNAIRE_ERROR_NOT_FOUND,
                   _ ("Cannot read “%s”: %s"), path, local_error->message);
      return NULL;
    }
  return bytes;
}

/**
 * sillon_questionnaire_registry_get:
 *
 * Returns: (transfer full): questionnaire @version, loaded once and shared.
 */
SillonQuestionnaire *
sillon_questionnaire_registry_get (SillonQuestionnaireRegistry *self,
                                   guint version,
                                   GError **error)
{
  g_autoptr (SillonQuestionnaire) questionnaire = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *basename = NULL;

  g_return_val_if_fail (SILLON_IS_QUESTIONNAIRE_REGISTRY (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  questionnaire = g_hash_table_lookup (self->loaded, GUINT_TO_POINTER (version));
  if (questionnaire != NULL)
    return g_object_ref (g_steal_pointer (&questionnaire));

  if (!sillon_questionnaire_version_is_known (version))
    {
      g_set_error (error, SILLON_QUESTIONNAIRE_ERROR, SILLON_QUESTIONNAIRE_ERROR_UNKNOWN_VERSION,
                   _ ("Unknown questionnaire version %u"), version);
      return NULL;
    }

  basename = g_strdup_printf ("questionnaire-v%u.json", version);
  bytes = sillon_questionnaire_registry_load_data (self, basename, error);
  if (bytes == NULL)
    return NULL;
  questionnaire = sillon_questionnaire_new_from_bytes (bytes, error);
  if (questionnaire == NULL)
    return NULL;
  /* A renamed or copied file must not pass for another version. */
  if (questionnaire->version != version)
    {
      g_set_error (error, SILLON_QUESTIONNAIRE_ERROR, SILLON_QUESTIONNAIRE_ERROR_INVALID,
                   _ ("“%s” holds questionnaire version %u"), basename, questionnaire->version);
      return NULL;
    }

  g_hash_table_insert (self->loaded, GUINT_TO_POINTER (version), g_object_ref (questionnaire));
  return g_steal_pointer (&questionnaire);
}

SillonQuestionnaire *
sillon_questionnaire_registry_get_latest (SillonQuestionnaireRegistry *self, GError **error)
{
  return sillon_questionnaire_registry_get (self, sillon_questionnaire_latest_version (), error);
}
