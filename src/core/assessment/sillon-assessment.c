/* sillon-assessment.c — pouvoir/vouloir/savoir answers, scores, degree and orientations
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-assessment.h"

#include "sillon-assessment-json.h"
#include "sillon-id-table.h"
#include "sillon-json-member.h"

#include <glib/gi18n-lib.h>

#define ANSWERS_FORMAT "sillon-answers"
#define RULES_FORMAT "sillon-orientation-rules"
/* Reasons are shown on screen and kept with the record; a bound keeps a
 * pasted document out of them. */
#define MAX_REASON_LENGTH 1000

G_DEFINE_QUARK (sillon - assessment - error - quark, sillon_assessment_error)

/* Shipped rule versions; the latest one is applied to every assessment,
 * whatever its questionnaire version, because rules name items by id. */
static const guint known_rule_versions[] = { 1 };

static const char *const known_contexts[] = { "urgent_procedure", NULL };

/* The vocabulary of La Coop de la médiation numérique
 * (resources/data/coop-cra-enums.json, API values). test-assessment checks
 * these lists against that file. */
static const char *const coop_type_activite[] = { "individuel", "collectif", NULL };
static const char *const coop_niveau_atelier[] = { "debutant", "intermediaire", "avance", NULL };
static const char *const coop_structure_de_redirection[] = {
  "administration",
  "mediation_numerique",
  "operateur_ou_organisme_en_charge",
  "aide_sociale",
  "insertion_professionnelle",
  "aide_aux_demarches_administratives",
  "autre",
  NULL,
};
static const char *const coop_thematiques[] = {
  "diagnostic_numerique",
  "prendre_en_main_du_materiel",
  "maintenance_de_materiel",
  "gere_ses_contenus_numeriques",
  "navigation_sur_internet",
  "email",
  "bureautique",
  "reseaux_sociaux",
  "sante",
  "banque_et_achats_en_ligne",
  "entrepreneuriat",
  "insertion_professionnelle",
  "securite_numerique",
  "parentalite",
  "scolarite_et_numerique",
  "creer_avec_le_numerique",
  "culture_numerique",
  "intelligence_artificielle",
  "aide_aux_demarches_administratives",
  NULL,
};

const char *
sillon_degree_to_id (SillonDegree degree)
{
  g_return_val_if_fail (degree < SILLON_DEGREE_COUNT, NULL);
  return sillon_id_table_get_id (SILLON_TYPE_DEGREE, degree);
}

gboolean
sillon_degree_from_id (const char *id, SillonDegree *out_degree)
{
  int degree;

  if (!sillon_id_table_lookup (SILLON_TYPE_DEGREE, id, &degree))
    return FALSE;
  if (out_degree != NULL)
    *out_degree = (SillonDegree) degree;
  return TRUE;
}

const char *
sillon_degree_get_label (SillonDegree degree)
{
  /* Translators: degrees of distance from digital. French: « très éloigné
   * du numérique », « éloigné du numérique », « en progression »,
   * « autonome ». */
  switch (degree)
    {
      case SILLON_DEGREE_NONE:
        return _ ("Not determined");
      case SILLON_DEGREE_TRES_ELOIGNE:
        return _ ("Very far from digital");
      case SILLON_DEGREE_ELOIGNE:
        return _ ("Far from digital");
      case SILLON_DEGREE_EN_PROGRESSION:
        return _ ("Making progress");
      case SILLON_DEGREE_AUTONOME:
        return _ ("Autonomous");
      default:
        g_return_val_if_reached (NULL);
    }
}

/* The degree describes what the person can do and has the means to do.
 * Vouloir is deliberately left out: refusing digital services is a choice
 * that shapes the orientations, not a distance to be measured. */
SillonDegree
sillon_degree_compute (gboolean has_pouvoir, guint pouvoir, gboolean has_savoir, guint savoir)
{
  SillonDegree degree;

  if (!has_savoir)
    return SILLON_DEGREE_NONE;

  if (savoir >= SILLON_DEGREE_AUTONOME_FROM)
    degree = SILLON_DEGREE_AUTONOME;
  else if (savoir >= SILLON_DEGREE_EN_PROGRESSION_FROM)
    degree = SILLON_DEGREE_EN_PROGRESSION;
  else if (savoir >= SILLON_DEGREE_ELOIGNE_FROM)
    degree = SILLON_DEGREE_ELOIGNE;
  else
    degree = SILLON_DEGREE_TRES_ELOIGNE;

  if (has_pouvoir)
    {
      if (pouvoir < SILLON_POUVOIR_CAP_ELOIGNE_BELOW)
        degree = MIN (degree, SILLON_DEGREE_ELOIGNE);
      else if (pouvoir < SILLON_POUVOIR_CAP_EN_PROGRESSION_BELOW)
        degree = MIN (degree, SILLON_DEGREE_EN_PROGRESSION);
    }
  return degree;
}

const char *const *
sillon_assessment_known_contexts (void)
{
  return known_contexts;
}

static gboolean
is_known_context (const char *key)
{
  return key != NULL && g_strv_contains (known_contexts, key);
}

const char *const *
sillon_orientation_coop_values (const char *field)
{
  if (g_strcmp0 (field, "type_activite") == 0)
    return coop_type_activite;
  if (g_strcmp0 (field, "niveau_atelier") == 0)
    return coop_niveau_atelier;
  if (g_strcmp0 (field, "structure_de_redirection") == 0)
    return coop_structure_de_redirection;
  if (g_strcmp0 (field, "thematiques") == 0)
    return coop_thematiques;
  return NULL;
}

static gboolean
parse_json (GBytes *bytes, JsonParser *parser, const char *what, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  if (!json_parser_load_from_data (parser, data != NULL ? data : "", size, &local_error))
    {
      g_set_error (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_PARSE,
                   /* Translators: %s is “the answers” or “the orientation rules”. */
                   _ ("%s: not valid JSON: %s"), what, local_error->message);
      return FALSE;
    }
  if (json_parser_get_root (parser) == NULL || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_PARSE,
                   _ ("%s: not a JSON object"), what);
      return FALSE;
    }
  return TRUE;
}

/* Orientation rules */

typedef enum
{
  COND_ALL,
  COND_ANY,
  COND_NOT,
  COND_AXIS,
  COND_ITEM,
  COND_CONTEXT,
} CondKind;

typedef struct _Cond Cond;
struct _Cond
{
  CondKind kind;
  GPtrArray *children; /* of Cond*, for all/any/not */
  SillonAxis axis;
  char *key; /* item id or context key */
  gboolean has_below;
  gint64 below;
  gboolean has_at_least;
  gint64 at_least;
  GArray *in; /* of gint64 */
};

typedef struct
{
  char *id;
  SillonAxis axis;
  char *label; /* msgid */
  JsonNode *coop;
} Orientation;

typedef struct
{
  char *id;
  Cond *when;
  GPtrArray *suggest; /* of char*, orientation ids */
} Rule;

struct _SillonOrientationRules
{
  GObject parent_instance;

  guint version;
  GPtrArray *orientations; /* of Orientation* */
  GPtrArray *rules;        /* of Rule* */
};

G_DEFINE_FINAL_TYPE (SillonOrientationRules, sillon_orientation_rules, G_TYPE_OBJECT)

static void
cond_free (Cond *cond)
{
  if (cond == NULL)
    return;
  g_clear_pointer (&cond->children, g_ptr_array_unref);
  g_clear_pointer (&cond->in, g_array_unref);
  g_free (cond->key);
  g_free (cond);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Cond, cond_free)

static void
orientation_free (gpointer data)
{
  Orientation *o = data;
  g_free (o->id);
  g_free (o->label);
  g_clear_pointer (&o->coop, json_node_unref);
  g_free (o);
}

static void
rule_free (gpointer data)
{
  Rule *r = data;
  g_free (r->id);
  cond_free (r->when);
  g_clear_pointer (&r->suggest, g_ptr_array_unref);
  g_free (r);
}

static void
sillon_orientation_rules_finalize (GObject *object)
{
  SillonOrientationRules *self = SILLON_ORIENTATION_RULES (object);

  g_clear_pointer (&self->rules, g_ptr_array_unref);
  g_clear_pointer (&self->orientations, g_ptr_array_unref);

  G_OBJECT_CLASS (sillon_orientation_rules_parent_class)->finalize (object);
}

static void
sillon_orientation_rules_class_init (SillonOrientationRulesClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sillon_orientation_rules_finalize;
}

static void
sillon_orientation_rules_init (SillonOrientationRules *self)
{
  self->orientations = g_ptr_array_new_with_free_func (orientation_free);
  self->rules = g_ptr_array_new_with_free_func (rule_free);
}

static const Orientation *
find_orientation (SillonOrientationRules *self, const char *id)
{
  for (guint i = 0; id != NULL && i < self->orientations->len; i++)
    {
      const Orientation *o = g_ptr_array_index (self->orientations, i);
      if (g_str_equal (o->id, id))
        return o;
    }
  return NULL;
}

static gboolean
parse_bound (JsonObject *object, const char *name, gboolean *has, gint64 *value, const char *rule_id, GError **error)
{
  if (!json_object_has_member (object, name))
    return TRUE;
  if (!sillon_assessment_json_member_int (object, name, value))
    {
      g_set_error (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_INVALID,
                   _ ("Rule “%s”: “%s” must be a whole number"), rule_id, name);
      return FALSE;
    }
  *has = TRUE;
  return TRUE;
}

static Cond *
parse_cond (JsonNode *node, const char *rule_id, guint depth, GError **error)
{
  g_autoptr (Cond) cond = g_new0 (Cond, 1);
  JsonObject *object;
  guint n_kinds = 0;
  const char *text;

  /* Deeply nested conditions are a mistake, and recursion needs a bound. */
  if (depth > 16 || node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_INVALID,
                   _ ("Rule “%s”: a condition is not an object"), rule_id);
      return NULL;
    }
  object = json_node_get_object (node);

  for (guint i = 0; i < 6; i++)
    {
      static const char *const kinds[] = { "all", "any", "not", "axis", "item", "context" };
      if (json_object_has_member (object, kinds[i]))
        {
          cond->kind = (CondKind) i;
          n_kinds++;
        }
    }
  if (n_kinds != 1)
    {
      g_set_error (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_INVALID,
                   _ ("Rule “%s”: a condition needs exactly one of all, any, not, axis, item, context"),
                   rule_id);
      return NULL;
    }

  switch (cond->kind)
    {
      case COND_ALL:
      case COND_ANY:
        {
          JsonNode *list = json_object_get_member (object, cond->kind == COND_ALL ? "all" : "any");
          JsonArray *array;

          if (!JSON_NODE_HOLDS_ARRAY (list) || json_array_get_length (json_node_get_array (list)) == 0)
            {
              g_set_error (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_INVALID,
                           _ ("Rule “%s”: “all” and “any” need a non-empty list"), rule_id);
              return NULL;
            }
          array = json_node_get_array (list);
          cond->children = g_ptr_array_new_with_free_func ((GDestroyNotify) cond_free);
          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              Cond *child = parse_cond (json_array_get_element (array, i), rule_id, depth + 1, error);
              if (child == NULL)
                return NULL;
              g_ptr_array_add (cond->children, child);
            }
          return g_steal_pointer (&cond);
        }
      case COND_NOT:
        {
          Cond *child = parse_cond (json_object_get_member (object, "not"), rule_id, depth + 1, error);
          if (child == NULL)
            return NULL;
          cond->children = g_ptr_array_new_with_free_func ((GDestroyNotify) cond_free);
          g_ptr_array_add (cond->children, child);
          return g_steal_pointer (&cond);
        }
      case COND_CONTEXT:
        text = sillon_assessment_json_member_string (object, "context");
        if (!is_known_context (text))
          {
            g_set_error (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_INVALID,
                         _ ("Rule “%s”: unknown context “%s”"), rule_id, text != NULL ? text : "");
            return NULL;
          }
        cond->key = g_strdup (text);
        return g_steal_pointer (&cond);
      case COND_AXIS:
      case COND_ITEM:
        break;
      default:
        g_assert_not_reached ();
    }

  if (cond->kind == COND_AXIS)
    {
      text = sillon_assessment_json_member_string (object, "axis");
      if (!sillon_axis_from_id (text, &cond->axis))
        {
          g_set_error (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_INVALID,
                       _ ("Rule “%s”: unknown axis “%s”"), rule_id, text != NULL ? text : "");
          return NULL;
        }
    }
  else
    {
      text = sillon_assessment_json_member_string (object, "item");
      if (sillon_assessment_text_is_blank (text))
        {
          g_set_error (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_INVALID,
                       _ ("Rule “%s”: “item” must name an item"), rule_id);
          return NULL;
        }
      cond->key = g_strdup (text);
    }

  if (!parse_bound (object, "below", &cond->has_below, &cond->below, rule_id, error) || !parse_bound (object, "at_least", &cond->has_at_least, &cond->at_least, rule_id, error))
    return NULL;

  if (cond->kind == COND_ITEM && json_object_has_member (object, "in"))
    {
      JsonNode *list = json_object_get_member (object, "in");
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (list) || json_array_get_length (json_node_get_array (list)) == 0)
        {
          g_set_error (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_INVALID,
                       _ ("Rule “%s”: “in” needs a non-empty list of values"), rule_id);
          return NULL;
        }
      array = json_node_get_array (list);
      cond->in = g_array_new (FALSE, FALSE, sizeof (gint64));
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          gint64 value;

          if (!sillon_assessment_json_node_int (json_array_get_element (array, i), &value))
            {
              g_set_error (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_INVALID,
                           _ ("Rule “%s”: “in” must list whole numbers"), rule_id);
              return NULL;
            }
          g_array_append_val (cond->in, value);
        }
    }
  if (!cond->has_below && !cond->has_at_least && cond->in == NULL)
    {
      g_set_error (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_INVALID,
                   _ ("Rule “%s”: a condition on “%s” needs “below”, “at_least” or “in”"),
                   rule_id, cond->kind == COND_AXIS ? sillon_axis_to_id (cond->axis) : cond->key);
      return NULL;
    }
  if (cond->has_below && cond->has_at_least && cond->at_least >= cond->below)
    {
      g_set_error (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_INVALID,
                   _ ("Rule “%s”: the range “at_least”–“below” is empty"), rule_id);
      return NULL;
    }
  if (cond->kind == COND_AXIS && ((cond->has_below && (cond->below < 0 || cond->below > 101)) || (cond->has_at_least && (cond->at_least < 0 || cond->at_least > 100))))
    {
      g_set_error (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_INVALID,
                   _ ("Rule “%s”: axis scores run from 0 to 100"), rule_id);
      return NULL;
    }
  return g_steal_pointer (&cond);
}

static gboolean
check_coop (JsonNode *coop, const char *orientation_id, GError **error)
{
  g_autoptr (GList) names = NULL;

  if (!JSON_NODE_HOLDS_OBJECT (coop))
    {
      g_set_error (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_INVALID,
                   _ ("Orientation “%s”: “coop” must be an object"), orientation_id);
      return FALSE;
    }
  names = json_object_get_members (json_node_get_object (coop));
  for (GList *l = names; l != NULL; l = l->next)
    {
      const char *const *allowed = sillon_orientation_coop_values (l->data);
      JsonNode *value = json_object_get_member (json_node_get_object (coop), l->data);
      g_autoptr (GPtrArray) values = g_ptr_array_new ();

      if (allowed == NULL)
        {
          g_set_error (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_INVALID,
                       _ ("Orientation “%s”: unknown Coop field “%s”"), orientation_id, (const char *) l->data);
          return FALSE;
        }
      /* Only "thematiques" is multi-valued in the Coop's activity records. */
      if (g_str_equal (l->data, "thematiques") && JSON_NODE_HOLDS_ARRAY (value))
        {
          JsonArray *array = json_node_get_array (value);
          for (guint i = 0; i < json_array_get_length (array); i++)
            {
              JsonNode *element = json_array_get_element (array, i);
              g_ptr_array_add (values, (gpointer) (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING ? json_node_get_string (element) : ""));
            }
        }
      else if (!g_str_equal (l->data, "thematiques") && JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
        g_ptr_array_add (values, (gpointer) json_node_get_string (value));

      if (values->len == 0)
        {
          g_set_error (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_INVALID,
                       _ ("Orientation “%s”: malformed Coop field “%s”"), orientation_id, (const char *) l->data);
          return FALSE;
        }
      for (guint i = 0; i < values->len; i++)
        {
          if (!g_strv_contains (allowed, g_ptr_array_index (values, i)))
            {
              g_set_error (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_INVALID,
                           _ ("Orientation “%s”: “%s” is not a Coop value of “%s”"), orientation_id,
                           (const char *) g_ptr_array_index (values, i), (const char *) l->data);
              return FALSE;
            }
        }
    }
  return TRUE;
}

static gboolean
rules_parse (SillonOrientationRules *self, GBytes *bytes, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *object;
  JsonNode *node;
  JsonArray *array;
  gint64 version;
  gboolean known = FALSE;

  if (!parse_json (bytes, parser, _ ("Orientation rules"), error))
    return FALSE;
  object = json_node_get_object (json_parser_get_root (parser));

  if (g_strcmp0 (sillon_assessment_json_member_string (object, "format"), RULES_FORMAT) != 0)
    {
      g_set_error (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_PARSE,
                   _ ("Not an orientation rules file: “format” is not “%s”"), RULES_FORMAT);
      return FALSE;
    }
  if (!sillon_assessment_json_member_int (object, "version", &version))
    version = 0;
  for (gsize i = 0; i < G_N_ELEMENTS (known_rule_versions); i++)
    known = known || known_rule_versions[i] == version;
  if (!known)
    {
      g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, version);
      g_set_error (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_INVALID,
                   _ ("Unknown orientation rules version %s"), text);
      return FALSE;
    }
  self->version = (guint) version;

  node = json_object_get_member (object, "orientations");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error_literal (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_INVALID,
                           _ ("The orientation rules have no list of orientations"));
      return FALSE;
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *o_object;
      Orientation *o;
      const char *id;
      const char *text;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_set_error (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_INVALID,
                       _ ("Orientation number %u is not an object"), i + 1);
          return FALSE;
        }
      o_object = json_node_get_object (element);
      id = sillon_assessment_json_member_string (o_object, "id");
      if (sillon_assessment_text_is_blank (id))
        {
          g_set_error (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_INVALID,
                       _ ("Orientation number %u has no id"), i + 1);
          return FALSE;
        }
      if (find_orientation (self, id) != NULL)
        {
          g_set_error (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_INVALID,
                       _ ("Orientation “%s”: duplicate id"), id);
          return FALSE;
        }
      o = g_new0 (Orientation, 1);
      o->id = g_strdup (id);
      g_ptr_array_add (self->orientations, o);

      text = sillon_assessment_json_member_string (o_object, "axis");
      if (!sillon_axis_from_id (text, &o->axis))
        {
          g_set_error (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_INVALID,
                       _ ("Orientation “%s”: unknown axis “%s”"), id, text != NULL ? text : "");
          return FALSE;
        }
      text = sillon_assessment_json_member_string (o_object, "_label");
      if (sillon_assessment_text_is_blank (text))
        {
          g_set_error (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_INVALID,
                       _ ("Orientation “%s”: the label is missing"), id);
          return FALSE;
        }
      o->label = g_strdup (text);
      if (json_object_has_member (o_object, "coop"))
        {
          if (!check_coop (json_object_get_member (o_object, "coop"), id, error))
            return FALSE;
          o->coop = json_node_copy (json_object_get_member (o_object, "coop"));
        }
    }

  node = json_object_get_member (object, "rules");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error_literal (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_INVALID,
                           _ ("The orientation rules have no list of rules"));
      return FALSE;
    }
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *r_object;
      JsonNode *suggest;
      Rule *rule;
      const char *id;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_set_error (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_INVALID,
                       _ ("Rule number %u is not an object"), i + 1);
          return FALSE;
        }
      r_object = json_node_get_object (element);
      id = sillon_assessment_json_member_string (r_object, "id");
      if (sillon_assessment_text_is_blank (id))
        {
          g_set_error (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_INVALID,
                       _ ("Rule number %u has no id"), i + 1);
          return FALSE;
        }
      for (guint j = 0; j < self->rules->len; j++)
        {
          if (g_str_equal (((Rule *) g_ptr_array_index (self->rules, j))->id, id))
            {
              g_set_error (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_INVALID,
                           _ ("Rule “%s”: duplicate id"), id);
              return FALSE;
            }
        }
      rule = g_new0 (Rule, 1);
      rule->id = g_strdup (id);
      rule->suggest = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (self->rules, rule);

      rule->when = parse_cond (json_object_get_member (r_object, "when"), id, 0, error);
      if (rule->when == NULL)
        return FALSE;

      suggest = json_object_get_member (r_object, "suggest");
      if (suggest == NULL || !JSON_NODE_HOLDS_ARRAY (suggest) || json_array_get_length (json_node_get_array (suggest)) == 0)
        {
          g_set_error (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_INVALID,
                       _ ("Rule “%s”: “suggest” needs a non-empty list of orientations"), id);
          return FALSE;
        }
      for (guint j = 0; j < json_array_get_length (json_node_get_array (suggest)); j++)
        {
          JsonNode *s = json_array_get_element (json_node_get_array (suggest), j);
          const char *oid = NULL;

          if (JSON_NODE_HOLDS_VALUE (s) && json_node_get_value_type (s) == G_TYPE_STRING)
            oid = json_node_get_string (s);
          if (find_orientation (self, oid) == NULL)
            {
              g_set_error (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_INVALID,
                           _ ("Rule “%s”: unknown orientation “%s”"), id, oid != NULL ? oid : "");
              return FALSE;
            }
          g_ptr_array_add (rule->suggest, g_strdup (oid));
        }
    }
  return TRUE;
}

SillonOrientationRules *
sillon_orientation_rules_new_from_bytes (GBytes *bytes, GError **error)
{
  g_autoptr (SillonOrientationRules) self = NULL;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (SILLON_TYPE_ORIENTATION_RULES, NULL);
  if (!rules_parse (self, bytes, error))
    return NULL;
  return g_steal_pointer (&self);
}

guint
sillon_orientation_rules_latest_version (void)
{
  return known_rule_versions[G_N_ELEMENTS (known_rule_versions) - 1];
}

SillonOrientationRules *
sillon_orientation_rules_load (SillonQuestionnaireRegistry *registry, guint version, GError **error)
{
  g_autoptr (SillonOrientationRules) rules = NULL;
  g_autoptr (SillonQuestionnaire) questionnaire = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *basename = g_strdup_printf ("orientation-rules-v%u.json", version);

  g_return_val_if_fail (SILLON_IS_QUESTIONNAIRE_REGISTRY (registry), NULL);

  bytes = sillon_questionnaire_registry_load_data (registry, basename, error);
  if (bytes == NULL)
    return NULL;
  rules = sillon_orientation_rules_new_from_bytes (bytes, error);
  if (rules == NULL)
    return NULL;
  if (rules->version != version)
    {
      g_set_error (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_INVALID,
                   _ ("“%s” holds orientation rules version %u"), basename, rules->version);
      return NULL;
    }
  /* A rule naming an item or a value the questionnaire does not have would
   * silently never fire: an edited rules file is refused instead. */
  questionnaire = sillon_questionnaire_registry_get_latest (registry, error);
  if (questionnaire == NULL)
    return NULL;
  if (!sillon_orientation_rules_check (rules, questionnaire, error))
    {
      g_prefix_error (error, "%s: ", basename);
      return NULL;
    }
  return g_steal_pointer (&rules);
}

guint
sillon_orientation_rules_get_version (SillonOrientationRules *self)
{
  g_return_val_if_fail (SILLON_IS_ORIENTATION_RULES (self), 0);
  return self->version;
}

guint
sillon_orientation_rules_get_n_orientations (SillonOrientationRules *self)
{
  g_return_val_if_fail (SILLON_IS_ORIENTATION_RULES (self), 0);
  return self->orientations->len;
}

const char *
sillon_orientation_rules_get_orientation_id (SillonOrientationRules *self, guint index)
{
  g_return_val_if_fail (SILLON_IS_ORIENTATION_RULES (self), NULL);
  g_return_val_if_fail (index < self->orientations->len, NULL);
  return ((Orientation *) g_ptr_array_index (self->orientations, index))->id;
}

gboolean
sillon_orientation_rules_has_orientation (SillonOrientationRules *self, const char *id)
{
  g_return_val_if_fail (SILLON_IS_ORIENTATION_RULES (self), FALSE);
  return find_orientation (self, id) != NULL;
}

const char *
sillon_orientation_rules_get_orientation_label (SillonOrientationRules *self, const char *id)
{
  const Orientation *o;

  g_return_val_if_fail (SILLON_IS_ORIENTATION_RULES (self), NULL);
  o = find_orientation (self, id);
  return o != NULL ? g_dgettext (GETTEXT_PACKAGE, o->label) : NULL;
}

static gboolean
check_cond (const Cond *cond, const char *rule_id, SillonQuestionnaire *questionnaire, GError **error)
{
  const SillonQuestionnaireItem *item;

  if (cond->children != NULL)
    {
      for (guint i = 0; i < cond->children->len; i++)
        if (!check_cond (g_ptr_array_index (cond->children, i), rule_id, questionnaire, error))
          return FALSE;
      return TRUE;
    }
  if (cond->kind != COND_ITEM)
    return TRUE;

  item = sillon_questionnaire_lookup_item (questionnaire, cond->key);
  if (item == NULL)
    {
      g_set_error (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_UNKNOWN_ITEM,
                   _ ("Rule “%s”: item “%s” is not in questionnaire version %u"), rule_id, cond->key,
                   sillon_questionnaire_get_version (questionnaire));
      return FALSE;
    }
  for (guint i = 0; cond->in != NULL && i < cond->in->len; i++)
    {
      if (!sillon_questionnaire_item_has_value (item, g_array_index (cond->in, gint64, i)))
        {
          g_set_error (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_BAD_VALUE,
                       _ ("Rule “%s”: item “%s” has no choice %d"), rule_id, cond->key,
                       (int) CLAMP (g_array_index (cond->in, gint64, i), G_MININT, G_MAXINT));
          return FALSE;
        }
    }
  /* A bound outside the scale makes the condition always or never true. */
  if ((cond->has_below && (cond->below <= 0 || cond->below > sillon_questionnaire_item_get_max (item))) || (cond->has_at_least && (cond->at_least <= 0 || cond->at_least > sillon_questionnaire_item_get_max (item))))
    {
      g_set_error (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_BAD_VALUE,
                   _ ("Rule “%s”: the bound on item “%s” is outside its scale"), rule_id, cond->key);
      return FALSE;
    }
  return TRUE;
}

gboolean
sillon_orientation_rules_check (SillonOrientationRules *self,
                                SillonQuestionnaire *questionnaire,
                                GError **error)
{
  g_return_val_if_fail (SILLON_IS_ORIENTATION_RULES (self), FALSE);
  g_return_val_if_fail (SILLON_IS_QUESTIONNAIRE (questionnaire), FALSE);

  for (guint i = 0; i < self->rules->len; i++)
    {
      const Rule *rule = g_ptr_array_index (self->rules, i);
      if (!check_cond (rule->when, rule->id, questionnaire, error))
        return FALSE;
    }
  return TRUE;
}

/* Assessment */

typedef struct
{
  SillonAnswerState state;
  guint value;
} Answer;

typedef struct
{
  char *id;
  gboolean add; /* FALSE: dismiss */
  char *reason;
  char *by;
} OrientationOverride;

struct _SillonAssessment
{
  GObject parent_instance;

  SillonQuestionnaire *questionnaire;
  char *date;
  GHashTable *answers;  /* item id → Answer */
  GHashTable *contexts; /* set of context keys that are true */

  gboolean degree_overridden;
  SillonDegree degree;
  char *degree_reason;
  char *degree_by;
  GPtrArray *orientation_overrides; /* of OrientationOverride* */
};

G_DEFINE_FINAL_TYPE (SillonAssessment, sillon_assessment, G_TYPE_OBJECT)

static void
orientation_override_free (gpointer data)
{
  OrientationOverride *o = data;
  g_free (o->id);
  g_free (o->reason);
  g_free (o->by);
  g_free (o);
}

static void
sillon_assessment_finalize (GObject *object)
{
  SillonAssessment *self = SILLON_ASSESSMENT (object);

  g_clear_object (&self->questionnaire);
  g_free (self->date);
  g_clear_pointer (&self->answers, g_hash_table_unref);
  g_clear_pointer (&self->contexts, g_hash_table_unref);
  g_free (self->degree_reason);
  g_free (self->degree_by);
  g_clear_pointer (&self->orientation_overrides, g_ptr_array_unref);

  G_OBJECT_CLASS (sillon_assessment_parent_class)->finalize (object);
}

static void
sillon_assessment_class_init (SillonAssessmentClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sillon_assessment_finalize;
}

static void
sillon_assessment_init (SillonAssessment *self)
{
  self->answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->contexts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->orientation_overrides = g_ptr_array_new_with_free_func (orientation_override_free);
}

SillonAssessment *
sillon_assessment_new (SillonQuestionnaire *questionnaire)
{
  SillonAssessment *self;

  g_return_val_if_fail (SILLON_IS_QUESTIONNAIRE (questionnaire), NULL);
  self = g_object_new (SILLON_TYPE_ASSESSMENT, NULL);
  self->questionnaire = g_object_ref (questionnaire);
  return self;
}

SillonQuestionnaire *
sillon_assessment_get_questionnaire (SillonAssessment *self)
{
  g_return_val_if_fail (SILLON_IS_ASSESSMENT (self), NULL);
  return self->questionnaire;
}

const char *
sillon_assessment_get_date (SillonAssessment *self)
{
  g_return_val_if_fail (SILLON_IS_ASSESSMENT (self), NULL);
  return self->date;
}

static gboolean
is_iso_date (const char *date)
{
  guint year = 0, month = 0, day = 0;

  if (strlen (date) != 10 || date[4] != '-' || date[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    {
      if (i == 4 || i == 7)
        continue;
      if (!g_ascii_isdigit (date[i]))
        return FALSE;
      if (i < 4)
        year = year * 10 + (guint) (date[i] - '0');
      else if (i < 7)
        month = month * 10 + (guint) (date[i] - '0');
      else
        day = day * 10 + (guint) (date[i] - '0');
    }
  return g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

gboolean
sillon_assessment_set_date (SillonAssessment *self, const char *date, GError **error)
{
  g_return_val_if_fail (SILLON_IS_ASSESSMENT (self), FALSE);

  if (date != NULL && !is_iso_date (date))
    {
      g_set_error (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_INVALID,
                   _ ("“%s” is not a date of the form YYYY-MM-DD"), date);
      return FALSE;
    }
  g_free (self->date);
  self->date = g_strdup (date);
  return TRUE;
}

static const SillonQuestionnaireItem *
lookup_item_or_error (SillonAssessment *self, const char *item_id, GError **error)
{
  const SillonQuestionnaireItem *item = sillon_questionnaire_lookup_item (self->questionnaire, item_id);

  if (item == NULL)
    g_set_error (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_UNKNOWN_ITEM,
                 _ ("Item “%s” is not in questionnaire version %u"), item_id,
                 sillon_questionnaire_get_version (self->questionnaire));
  return item;
}

gboolean
sillon_assessment_set_answer (SillonAssessment *self, const char *item_id, guint value, GError **error)
{
  const SillonQuestionnaireItem *item;
  Answer *answer;

  g_return_val_if_fail (SILLON_IS_ASSESSMENT (self), FALSE);
  g_return_val_if_fail (item_id != NULL, FALSE);

  item = lookup_item_or_error (self, item_id, error);
  if (item == NULL)
    return FALSE;
  if (!sillon_questionnaire_item_has_value (item, value))
    {
      g_set_error (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_BAD_VALUE,
                   _ ("Item “%s”: %u is not one of its answers"), item_id, value);
      return FALSE;
    }
  answer = g_new0 (Answer, 1);
  answer->state = SILLON_ANSWER_GIVEN;
  answer->value = value;
  g_hash_table_replace (self->answers, g_strdup (item_id), answer);
  return TRUE;
}

gboolean
sillon_assessment_skip (SillonAssessment *self, const char *item_id, GError **error)
{
  Answer *answer;

  g_return_val_if_fail (SILLON_IS_ASSESSMENT (self), FALSE);
  g_return_val_if_fail (item_id != NULL, FALSE);

  if (lookup_item_or_error (self, item_id, error) == NULL)
    return FALSE;
  answer = g_new0 (Answer, 1);
  answer->state = SILLON_ANSWER_SKIPPED;
  g_hash_table_replace (self->answers, g_strdup (item_id), answer);
  return TRUE;
}

void
sillon_assessment_clear_answer (SillonAssessment *self, const char *item_id)
{
  g_return_if_fail (SILLON_IS_ASSESSMENT (self));
  g_hash_table_remove (self->answers, item_id);
}

SillonAnswerState
sillon_assessment_get_answer (SillonAssessment *self, const char *item_id, guint *out_value)
{
  const Answer *answer;

  g_return_val_if_fail (SILLON_IS_ASSESSMENT (self), SILLON_ANSWER_NONE);
  answer = item_id != NULL ? g_hash_table_lookup (self->answers, item_id) : NULL;
  if (answer == NULL)
    return SILLON_ANSWER_NONE;
  if (out_value != NULL && answer->state == SILLON_ANSWER_GIVEN)
    *out_value = answer->value;
  return answer->state;
}

gboolean
sillon_assessment_set_context (SillonAssessment *self, const char *key, gboolean value, GError **error)
{
  g_return_val_if_fail (SILLON_IS_ASSESSMENT (self), FALSE);

  if (!is_known_context (key))
    {
      g_set_error (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_INVALID,
                   _ ("Unknown context “%s”"), key != NULL ? key : "");
      return FALSE;
    }
  if (value)
    g_hash_table_add (self->contexts, g_strdup (key));
  else
    g_hash_table_remove (self->contexts, key);
  return TRUE;
}

gboolean
sillon_assessment_get_context (SillonAssessment *self, const char *key)
{
  g_return_val_if_fail (SILLON_IS_ASSESSMENT (self), FALSE);
  return key != NULL && g_hash_table_contains (self->contexts, key);
}

static gboolean
check_reason (const char *reason, GError **error)
{
  /* An override without a reason cannot be reviewed later, which is the
   * whole point of recording it. */
  if (sillon_assessment_text_is_blank (reason))
    {
      g_set_error_literal (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_OVERRIDE,
                           _ ("An override needs a reason"));
      return FALSE;
    }
  if (strlen (reason) > MAX_REASON_LENGTH || !g_utf8_validate (reason, -1, NULL))
    {
      g_set_error (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_OVERRIDE,
                   _ ("The reason must be valid text of at most %d bytes"), MAX_REASON_LENGTH);
      return FALSE;
    }
  return TRUE;
}

gboolean
sillon_assessment_override_degree (SillonAssessment *self,
                                   SillonDegree degree,
                                   const char *reason,
                                   const char *by,
                                   GError **error)
{
  g_return_val_if_fail (SILLON_IS_ASSESSMENT (self), FALSE);

  if (degree == SILLON_DEGREE_NONE || degree >= SILLON_DEGREE_COUNT)
    {
      g_set_error_literal (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_OVERRIDE,
                           _ ("The degree can only be overridden with one of the four degrees"));
      return FALSE;
    }
  if (!check_reason (reason, error))
    return FALSE;
  self->degree_overridden = TRUE;
  self->degree = degree;
  g_free (self->degree_reason);
  self->degree_reason = g_strdup (reason);
  g_free (self->degree_by);
  self->degree_by = g_strdup (by);
  return TRUE;
}

static gboolean
override_orientation (SillonAssessment *self,
                      const char *orientation_id,
                      gboolean add,
                      const char *reason,
                      const char *by,
                      GError **error)
{
  OrientationOverride *o;

  g_return_val_if_fail (SILLON_IS_ASSESSMENT (self), FALSE);

  if (sillon_assessment_text_is_blank (orientation_id))
    {
      g_set_error_literal (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_OVERRIDE,
                           _ ("An orientation override needs an orientation id"));
      return FALSE;
    }
  if (!check_reason (reason, error))
    return FALSE;

  /* The latest decision about an orientation replaces the earlier one. */
  for (guint i = 0; i < self->orientation_overrides->len; i++)
    {
      OrientationOverride *old = g_ptr_array_index (self->orientation_overrides, i);
      if (g_str_equal (old->id, orientation_id))
        {
          g_ptr_array_remove_index (self->orientation_overrides, i);
          break;
        }
    }
  o = g_new0 (OrientationOverride, 1);
  o->id = g_strdup (orientation_id);
  o->add = add;
  o->reason = g_strdup (reason);
  o->by = g_strdup (by);
  g_ptr_array_add (self->orientation_overrides, o);
  return TRUE;
}

gboolean
sillon_assessment_add_orientation (SillonAssessment *self,
                                   const char *orientation_id,
                                   const char *reason,
                                   const char *by,
                                   GError **error)
{
  return override_orientation (self, orientation_id, TRUE, reason, by, error);
}

gboolean
sillon_assessment_dismiss_orientation (SillonAssessment *self,
                                       const char *orientation_id,
                                       const char *reason,
                                       const char *by,
                                       GError **error)
{
  return override_orientation (self, orientation_id, FALSE, reason, by, error);
}

void
sillon_assessment_clear_overrides (SillonAssessment *self)
{
  g_return_if_fail (SILLON_IS_ASSESSMENT (self));
  self->degree_overridden = FALSE;
  g_clear_pointer (&self->degree_reason, g_free);
  g_clear_pointer (&self->degree_by, g_free);
  g_ptr_array_set_size (self->orientation_overrides, 0);
}

/* JSON form of an answer set:
 * {"format": "sillon-answers", "questionnaire_version": 1, "date": "…",
 *  "context": {"urgent_procedure": true}, "answers": {"id": 2, "id2": null},
 *  "overrides": {"degree": {"value", "reason", "by"},
 *                "orientations": [{"action": "add"|"dismiss", "id", "reason", "by"}]}}
 * null marks a skipped question. */

static gboolean
parse_override_object (JsonNode *node, const char **reason, const char **by, GError **error)
{
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_OVERRIDE,
                           _ ("An override must be an object"));
      return FALSE;
    }
  object = json_node_get_object (node);
  *reason = sillon_assessment_json_member_string (object, "reason");
  *by = sillon_assessment_json_member_string (object, "by");
  if (json_object_has_member (object, "by") && *by == NULL && !JSON_NODE_HOLDS_NULL (json_object_get_member (object, "by")))
    {
      g_set_error_literal (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_OVERRIDE,
                           _ ("An override’s “by” must be a name"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_overrides (SillonAssessment *self, JsonNode *node, GError **error)
{
  JsonObject *object;
  JsonNode *member;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_OVERRIDE,
                           _ ("“overrides” must be an object"));
      return FALSE;
    }
  object = json_node_get_object (node);

  member = json_object_get_member (object, "degree");
  if (member != NULL)
    {
      const char *reason, *by, *value;
      SillonDegree degree;

      if (!parse_override_object (member, &reason, &by, error))
        return FALSE;
      value = sillon_assessment_json_member_string (json_node_get_object (member), "value");
      if (!sillon_degree_from_id (value, &degree))
        {
          g_set_error (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_OVERRIDE,
                       _ ("Unknown degree “%s”"), value != NULL ? value : "");
          return FALSE;
        }
      if (!sillon_assessment_override_degree (self, degree, reason, by, error))
        return FALSE;
    }

  member = json_object_get_member (object, "orientations");
  if (member != NULL)
    {
      JsonArray *array;

      if (!JSON_NODE_HOLDS_ARRAY (member))
        {
          g_set_error_literal (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_OVERRIDE,
                               _ ("Orientation overrides must be a list"));
          return FALSE;
        }
      array = json_node_get_array (member);
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);
          const char *reason, *by, *action, *id;

          if (!parse_override_object (element, &reason, &by, error))
            return FALSE;
          action = sillon_assessment_json_member_string (json_node_get_object (element), "action");
          id = sillon_assessment_json_member_string (json_node_get_object (element), "id");
          if (g_strcmp0 (action, "add") != 0 && g_strcmp0 (action, "dismiss") != 0)
            {
              g_set_error (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_OVERRIDE,
                           _ ("Orientation override “%s”: the action must be “add” or “dismiss”"),
                           id != NULL ? id : "");
              return FALSE;
            }
          if (!override_orientation (self, id, g_str_equal (action, "add"), reason, by, error))
            return FALSE;
        }
    }
  return TRUE;
}

SillonAssessment *
sillon_assessment_new_from_json (JsonNode *node, SillonQuestionnaireRegistry *registry, GError **error)
{
  g_autoptr (SillonQuestionnaire) questionnaire = NULL;
  g_autoptr (SillonAssessment) self = NULL;
  g_autoptr (GList) names = NULL;
  JsonObject *object;
  JsonNode *member;
  gint64 version;

  g_return_val_if_fail (SILLON_IS_QUESTIONNAIRE_REGISTRY (registry), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node) || g_strcmp0 (sillon_assessment_json_member_string (json_node_get_object (node), "format"), ANSWERS_FORMAT) != 0)
    {
      g_set_error (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_PARSE,
                   _ ("Not an answer set: “format” is not “%s”"), ANSWERS_FORMAT);
      return NULL;
    }
  object = json_node_get_object (node);

  if (!sillon_assessment_json_member_int (object, "questionnaire_version", &version) || version <= 0 || version > G_MAXUINT)
    {
      g_set_error_literal (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_PARSE,
                           _ ("The answer set does not say which questionnaire version it answers"));
      return NULL;
    }
  questionnaire = sillon_questionnaire_registry_get (registry, (guint) version, error);
  if (questionnaire == NULL)
    return NULL;
  self = sillon_assessment_new (questionnaire);

  member = json_object_get_member (object, "date");
  if (member != NULL && !JSON_NODE_HOLDS_NULL (member))
    {
      const char *date = sillon_assessment_json_member_string (object, "date");
      if (!sillon_assessment_set_date (self, date != NULL ? date : "?", error))
        return NULL;
    }

  member = json_object_get_member (object, "answers");
  if (member == NULL || !JSON_NODE_HOLDS_OBJECT (member))
    {
      g_set_error_literal (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_PARSE,
                           _ ("The answer set has no “answers” object"));
      return NULL;
    }
  names = json_object_get_members (json_node_get_object (member));
  for (GList *l = names; l != NULL; l = l->next)
    {
      JsonNode *value_node = json_object_get_member (json_node_get_object (member), l->data);
      gint64 value;

      if (JSON_NODE_HOLDS_NULL (value_node))
        {
          if (!sillon_assessment_skip (self, l->data, error))
            return NULL;
          continue;
        }
      if (!sillon_assessment_json_node_int (value_node, &value) || value < 0 || value > G_MAXUINT)
        {
          g_set_error (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_BAD_VALUE,
                       _ ("Item “%s”: the answer must be a whole number or null"), (const char *) l->data);
          return NULL;
        }
      if (!sillon_assessment_set_answer (self, l->data, (guint) value, error))
        return NULL;
    }

  member = json_object_get_member (object, "context");
  if (member != NULL)
    {
      g_autoptr (GList) keys = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (member))
        {
          g_set_error_literal (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_PARSE,
                               _ ("“context” must be an object"));
          return NULL;
        }
      keys = json_object_get_members (json_node_get_object (member));
      for (GList *l = keys; l != NULL; l = l->next)
        {
          JsonNode *flag = json_object_get_member (json_node_get_object (member), l->data);

          if (!JSON_NODE_HOLDS_VALUE (flag) || json_node_get_value_type (flag) != G_TYPE_BOOLEAN)
            {
              g_set_error (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_PARSE,
                           _ ("Context “%s” must be true or false"), (const char *) l->data);
              return NULL;
            }
          if (!sillon_assessment_set_context (self, l->data, json_node_get_boolean (flag), error))
            return NULL;
        }
    }

  member = json_object_get_member (object, "overrides");
  if (member != NULL && !parse_overrides (self, member, error))
    return NULL;

  return g_steal_pointer (&self);
}

SillonAssessment *
sillon_assessment_new_from_bytes (GBytes *bytes, SillonQuestionnaireRegistry *registry, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();

  g_return_val_if_fail (bytes != NULL, NULL);
  if (!parse_json (bytes, parser, _ ("Answer set"), error))
    return NULL;
  return sillon_assessment_new_from_json (json_parser_get_root (parser), registry, error);
}

static void
add_override_members (JsonBuilder *builder, const char *reason, const char *by)
{
  sillon_json_add_string_member (builder, "reason", reason);
  if (by != NULL)
    {
      sillon_json_add_string_member (builder, "by", by);
    }
}

JsonNode *
sillon_assessment_to_json (SillonAssessment *self)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (GList) contexts = NULL;

  g_return_val_if_fail (SILLON_IS_ASSESSMENT (self), NULL);

  json_builder_begin_object (builder);
  sillon_json_add_string_member (builder, "format", ANSWERS_FORMAT);
  sillon_json_add_int_member (builder, "questionnaire_version", sillon_questionnaire_get_version (self->questionnaire));
  if (self->date != NULL)
    {
      sillon_json_add_string_member (builder, "date", self->date);
    }

  contexts = g_list_sort (g_hash_table_get_keys (self->contexts), (GCompareFunc) g_strcmp0);
  if (contexts != NULL)
    {
      json_builder_set_member_name (builder, "context");
      json_builder_begin_object (builder);
      for (GList *l = contexts; l != NULL; l = l->next)
        {
          sillon_json_add_boolean_member (builder, l->data, TRUE);
        }
      json_builder_end_object (builder);
    }

  /* Questionnaire order, so that saved files are stable and diffable. */
  json_builder_set_member_name (builder, "answers");
  json_builder_begin_object (builder);
  for (guint i = 0; i < sillon_questionnaire_get_n_items (self->questionnaire); i++)
    {
      const char *id = sillon_questionnaire_item_get_id (sillon_questionnaire_get_item (self->questionnaire, i));
      const Answer *answer = g_hash_table_lookup (self->answers, id);

      if (answer == NULL)
        continue;
      json_builder_set_member_name (builder, id);
      if (answer->state == SILLON_ANSWER_SKIPPED)
        json_builder_add_null_value (builder);
      else
        json_builder_add_int_value (builder, answer->value);
    }
  json_builder_end_object (builder);

  if (self->degree_overridden || self->orientation_overrides->len > 0)
    {
      json_builder_set_member_name (builder, "overrides");
      json_builder_begin_object (builder);
      if (self->degree_overridden)
        {
          json_builder_set_member_name (builder, "degree");
          json_builder_begin_object (builder);
          sillon_json_add_string_member (builder, "value", sillon_degree_to_id (self->degree));
          add_override_members (builder, self->degree_reason, self->degree_by);
          json_builder_end_object (builder);
        }
      if (self->orientation_overrides->len > 0)
        {
          json_builder_set_member_name (builder, "orientations");
          json_builder_begin_array (builder);
          for (guint i = 0; i < self->orientation_overrides->len; i++)
            {
              const OrientationOverride *o = g_ptr_array_index (self->orientation_overrides, i);

              json_builder_begin_object (builder);
              sillon_json_add_string_member (builder, "action", o->add ? "add" : "dismiss");
              sillon_json_add_string_member (builder, "id", o->id);
              add_override_members (builder, o->reason, o->by);
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
        }
      json_builder_end_object (builder);
    }

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* Scoring */

static guint
gcd (guint a, guint b)
{
  while (b != 0)
    {
      guint t = a % b;
      a = b;
      b = t;
    }
  return a;
}

/* Weighted mean of value/max over the scored items answered on @axis
 * (restricted to @area and to the ids in @only when given), as a 0–100
 * integer rounded half up. Integer arithmetic over a common denominator
 * makes the result exact, so it can be checked by hand. */
static gboolean
compute_score (SillonAssessment *self,
               SillonAxis axis,
               SillonArea area,
               GHashTable *only,
               guint *out_score,
               guint *out_n)
{
  guint64 lcm = 1;
  guint64 numerator = 0;
  guint64 weights = 0;
  guint n = 0;
  guint n_items = sillon_questionnaire_get_n_items (self->questionnaire);

  for (int pass = 0; pass < 2; pass++)
    {
      for (guint i = 0; i < n_items; i++)
        {
          const SillonQuestionnaireItem *item = sillon_questionnaire_get_item (self->questionnaire, i);
          const char *id = sillon_questionnaire_item_get_id (item);
          const Answer *answer;
          guint max;

          if (sillon_questionnaire_item_get_axis (item) != axis || !sillon_questionnaire_item_is_scored (item))
            continue;
          if (area != SILLON_AREA_NONE && sillon_questionnaire_item_get_area (item) != area)
            continue;
          if (only != NULL && !g_hash_table_contains (only, id))
            continue;
          answer = g_hash_table_lookup (self->answers, id);
          if (answer == NULL || answer->state != SILLON_ANSWER_GIVEN)
            continue;

          max = sillon_questionnaire_item_get_max (item);
          if (pass == 0)
            {
              lcm = lcm / gcd ((guint) lcm, max) * max;
              n++;
            }
          else
            {
              numerator += (guint64) sillon_questionnaire_item_get_weight (item) * answer->value * (lcm / max);
              weights += sillon_questionnaire_item_get_weight (item);
            }
        }
    }

  if (out_n != NULL)
    *out_n = n;
  if (n == 0)
    return FALSE;
  *out_score = (guint) ((200 * numerator + lcm * weights) / (2 * lcm * weights));
  return TRUE;
}

struct _SillonAssessmentResult
{
  SillonAssessment *assessment;
  SillonOrientationRules *rules; /* may be NULL */

  gboolean has_score[SILLON_AXIS_COUNT];
  guint score[SILLON_AXIS_COUNT];
  SillonCoverage coverage[SILLON_AXIS_COUNT];
  gboolean has_area_score[SILLON_AREA_COUNT];
  guint area_score[SILLON_AREA_COUNT];
  guint area_answered[SILLON_AREA_COUNT];
  guint area_total[SILLON_AREA_COUNT];

  SillonDegree computed_degree;
  SillonDegree degree;
  gboolean provisional;

  GPtrArray *orientations; /* final ids, NULL-terminated (borrowed from rules) */
  GHashTable *fired;       /* orientation id → GPtrArray of rule ids (borrowed) */
};

void
sillon_assessment_result_free (SillonAssessmentResult *result)
{
  if (result == NULL)
    return;
  g_clear_object (&result->assessment);
  g_clear_object (&result->rules);
  g_clear_pointer (&result->orientations, g_ptr_array_unref);
  g_clear_pointer (&result->fired, g_hash_table_unref);
  g_free (result);
}

typedef struct
{
  SillonAssessment *assessment;
  const SillonAssessmentResult *result;
} EvalContext;

static gboolean
in_bounds (const Cond *cond, gint64 value)
{
  if (cond->has_below && value >= cond->below)
    return FALSE;
  if (cond->has_at_least && value < cond->at_least)
    return FALSE;
  if (cond->in != NULL)
    {
      gboolean found = FALSE;
      for (guint i = 0; i < cond->in->len && !found; i++)
        found = g_array_index (cond->in, gint64, i) == value;
      if (!found)
        return FALSE;
    }
  return TRUE;
}

/* Missing data never triggers a rule: an unanswered item or an axis with no
 * score makes its condition false (and its negation true). */
static gboolean
cond_eval (const Cond *cond, const EvalContext *ctx)
{
  switch (cond->kind)
    {
      case COND_ALL:
        for (guint i = 0; i < cond->children->len; i++)
          if (!cond_eval (g_ptr_array_index (cond->children, i), ctx))
            return FALSE;
        return TRUE;
      case COND_ANY:
        for (guint i = 0; i < cond->children->len; i++)
          if (cond_eval (g_ptr_array_index (cond->children, i), ctx))
            return TRUE;
        return FALSE;
      case COND_NOT:
        return !cond_eval (g_ptr_array_index (cond->children, 0), ctx);
      case COND_CONTEXT:
        return sillon_assessment_get_context (ctx->assessment, cond->key);
      case COND_AXIS:
        return ctx->result->has_score[cond->axis] && in_bounds (cond, ctx->result->score[cond->axis]);
      case COND_ITEM:
        {
          guint value = 0;
          if (sillon_assessment_get_answer (ctx->assessment, cond->key, &value) != SILLON_ANSWER_GIVEN)
            return FALSE;
          return in_bounds (cond, value);
        }
      default:
        g_assert_not_reached ();
    }
}

static const OrientationOverride *
find_orientation_override (SillonAssessment *self, const char *id)
{
  for (guint i = 0; i < self->orientation_overrides->len; i++)
    {
      const OrientationOverride *o = g_ptr_array_index (self->orientation_overrides, i);
      if (g_str_equal (o->id, id))
        return o;
    }
  return NULL;
}

static gboolean
apply_rules (SillonAssessmentResult *result, GError **error)
{
  SillonOrientationRules *rules = result->rules;
  SillonAssessment *self = result->assessment;
  EvalContext ctx = { self, result };

  for (guint i = 0; i < self->orientation_overrides->len; i++)
    {
      const OrientationOverride *o = g_ptr_array_index (self->orientation_overrides, i);
      if (find_orientation (rules, o->id) == NULL)
        {
          g_set_error (error, SILLON_ASSESSMENT_ERROR, SILLON_ASSESSMENT_ERROR_OVERRIDE,
                       _ ("Orientation override: unknown orientation “%s”"), o->id);
          return FALSE;
        }
    }

  for (guint i = 0; i < rules->rules->len; i++)
    {
      const Rule *rule = g_ptr_array_index (rules->rules, i);

      if (!cond_eval (rule->when, &ctx))
        continue;
      for (guint j = 0; j < rule->suggest->len; j++)
        {
          const char *oid = g_ptr_array_index (rule->suggest, j);
          GPtrArray *by_rules = g_hash_table_lookup (result->fired, oid);

          if (by_rules == NULL)
            {
              by_rules = g_ptr_array_new ();
              g_hash_table_insert (result->fired, (gpointer) oid, by_rules);
            }
          if (!g_ptr_array_find_with_equal_func (by_rules, rule->id, g_str_equal, NULL))
            g_ptr_array_add (by_rules, rule->id);
        }
    }

  for (guint i = 0; i < rules->orientations->len; i++)
    {
      const Orientation *o = g_ptr_array_index (rules->orientations, i);
      const OrientationOverride *override = find_orientation_override (self, o->id);
      gboolean suggested = g_hash_table_contains (result->fired, o->id);

      if (override != NULL ? override->add : suggested)
        g_ptr_array_add (result->orientations, o->id);
    }
  return TRUE;
}

SillonAssessmentResult *
sillon_assessment_evaluate (SillonAssessment *self, SillonOrientationRules *rules, GError **error)
{
  g_autoptr (SillonAssessmentResult) result = NULL;
  guint n_items;

  g_return_val_if_fail (SILLON_IS_ASSESSMENT (self), NULL);
  g_return_val_if_fail (rules == NULL || SILLON_IS_ORIENTATION_RULES (rules), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  result = g_new0 (SillonAssessmentResult, 1);
  result->assessment = g_object_ref (self);
  result->rules = rules != NULL ? g_object_ref (rules) : NULL;
  result->orientations = g_ptr_array_new ();
  result->fired = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_ptr_array_unref);

  n_items = sillon_questionnaire_get_n_items (self->questionnaire);
  for (guint i = 0; i < n_items; i++)
    {
      const SillonQuestionnaireItem *item = sillon_questionnaire_get_item (self->questionnaire, i);
      SillonCoverage *coverage = &result->coverage[sillon_questionnaire_item_get_axis (item)];
      SillonAnswerState state = sillon_assessment_get_answer (self, sillon_questionnaire_item_get_id (item), NULL);
      SillonArea area = sillon_questionnaire_item_get_area (item);

      coverage->total++;
      if (sillon_questionnaire_item_is_scored (item))
        coverage->scored_total++;
      if (state == SILLON_ANSWER_GIVEN)
        {
          coverage->answered++;
          if (sillon_questionnaire_item_is_scored (item))
            coverage->scored_answered++;
        }
      else if (state == SILLON_ANSWER_SKIPPED)
        coverage->skipped++;

      if (area != SILLON_AREA_NONE)
        {
          result->area_total[area]++;
          if (state == SILLON_ANSWER_GIVEN)
            result->area_answered[area]++;
        }
    }

  for (guint axis = 0; axis < SILLON_AXIS_COUNT; axis++)
    result->has_score[axis] = compute_score (self, axis, SILLON_AREA_NONE, NULL, &result->score[axis], NULL);
  for (guint area = SILLON_AREA_INFORMATION; area < SILLON_AREA_COUNT; area++)
    result->has_area_score[area] = compute_score (self, SILLON_AXIS_SAVOIR, area, NULL,
                                                  &result->area_score[area], NULL);

  result->computed_degree = sillon_degree_compute (result->has_score[SILLON_AXIS_POUVOIR],
                                                   result->score[SILLON_AXIS_POUVOIR],
                                                   result->has_score[SILLON_AXIS_SAVOIR],
                                                   result->score[SILLON_AXIS_SAVOIR]);
  result->degree = self->degree_overridden ? self->degree : result->computed_degree;
  result->provisional = result->computed_degree != SILLON_DEGREE_NONE && (result->coverage[SILLON_AXIS_SAVOIR].scored_answered * 2 < result->coverage[SILLON_AXIS_SAVOIR].scored_total || !result->has_score[SILLON_AXIS_POUVOIR]);

  if (rules != NULL && !apply_rules (result, error))
    return NULL;
  g_ptr_array_add (result->orientations, NULL);

  return g_steal_pointer (&result);
}

gboolean
sillon_assessment_result_get_score (SillonAssessmentResult *result, SillonAxis axis, guint *out_score)
{
  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (axis < SILLON_AXIS_COUNT, FALSE);
  if (result->has_score[axis] && out_score != NULL)
    *out_score = result->score[axis];
  return result->has_score[axis];
}

void
sillon_assessment_result_get_coverage (SillonAssessmentResult *result, SillonAxis axis, SillonCoverage *out_coverage)
{
  g_return_if_fail (result != NULL);
  g_return_if_fail (axis < SILLON_AXIS_COUNT);
  g_return_if_fail (out_coverage != NULL);
  *out_coverage = result->coverage[axis];
}

gint
sillon_assessment_result_get_skill_level (SillonAssessmentResult *result, const char *item_id)
{
  const SillonQuestionnaireItem *item;
  guint value;

  g_return_val_if_fail (result != NULL, -1);
  item = sillon_questionnaire_lookup_item (result->assessment->questionnaire, item_id);
  if (item == NULL || sillon_questionnaire_item_get_axis (item) != SILLON_AXIS_SAVOIR)
    return -1;
  if (sillon_assessment_get_answer (result->assessment, item_id, &value) != SILLON_ANSWER_GIVEN)
    return -1;
  return (gint) value;
}

gboolean
sillon_assessment_result_get_area_score (SillonAssessmentResult *result, SillonArea area, guint *out_score)
{
  g_return_val_if_fail (result != NULL, FALSE);
  g_return_val_if_fail (area < SILLON_AREA_COUNT, FALSE);
  if (result->has_area_score[area] && out_score != NULL)
    *out_score = result->area_score[area];
  return result->has_area_score[area];
}

SillonDegree
sillon_assessment_result_get_degree (SillonAssessmentResult *result)
{
  g_return_val_if_fail (result != NULL, SILLON_DEGREE_NONE);
  return result->degree;
}

SillonDegree
sillon_assessment_result_get_computed_degree (SillonAssessmentResult *result)
{
  g_return_val_if_fail (result != NULL, SILLON_DEGREE_NONE);
  return result->computed_degree;
}

gboolean
sillon_assessment_result_is_degree_overridden (SillonAssessmentResult *result)
{
  g_return_val_if_fail (result != NULL, FALSE);
  return result->assessment->degree_overridden;
}

gboolean
sillon_assessment_result_is_provisional (SillonAssessmentResult *result)
{
  g_return_val_if_fail (result != NULL, FALSE);
  return result->provisional;
}

const char *const *
sillon_assessment_result_get_orientations (SillonAssessmentResult *result)
{
  g_return_val_if_fail (result != NULL, NULL);
  return (const char *const *) result->orientations->pdata;
}

static void
add_score_member (JsonBuilder *builder, const char *name, gboolean has, guint score)
{
  json_builder_set_member_name (builder, name);
  if (has)
    json_builder_add_int_value (builder, score);
  else
    json_builder_add_null_value (builder);
}

JsonNode *
sillon_assessment_result_to_json (SillonAssessmentResult *result)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  SillonAssessment *self;
  SillonQuestionnaire *questionnaire;

  g_return_val_if_fail (result != NULL, NULL);
  self = result->assessment;
  questionnaire = self->questionnaire;

  json_builder_begin_object (builder);
  sillon_json_add_string_member (builder, "format", "sillon-assessment-result");
  sillon_json_add_int_member (builder, "questionnaire_version", sillon_questionnaire_get_version (questionnaire));
  if (result->rules != NULL)
    {
      sillon_json_add_int_member (builder, "rules_version", result->rules->version);
    }
  if (self->date != NULL)
    {
      sillon_json_add_string_member (builder, "date", self->date);
    }

  json_builder_set_member_name (builder, "axes");
  json_builder_begin_object (builder);
  for (guint axis = 0; axis < SILLON_AXIS_COUNT; axis++)
    {
      const SillonCoverage *c = &result->coverage[axis];

      json_builder_set_member_name (builder, sillon_axis_to_id (axis));
      json_builder_begin_object (builder);
      add_score_member (builder, "score", result->has_score[axis], result->score[axis]);
      sillon_json_add_int_member (builder, "answered", c->answered);
      sillon_json_add_int_member (builder, "skipped", c->skipped);
      sillon_json_add_int_member (builder, "total", c->total);
      sillon_json_add_int_member (builder, "scored_answered", c->scored_answered);
      sillon_json_add_int_member (builder, "scored_total", c->scored_total);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "skills");
  json_builder_begin_object (builder);
  for (guint i = 0; i < sillon_questionnaire_get_n_items (questionnaire); i++)
    {
      const char *id = sillon_questionnaire_item_get_id (sillon_questionnaire_get_item (questionnaire, i));
      gint level = sillon_assessment_result_get_skill_level (result, id);

      if (level < 0)
        continue;
      sillon_json_add_int_member (builder, id, level);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "areas");
  json_builder_begin_object (builder);
  for (guint area = SILLON_AREA_INFORMATION; area < SILLON_AREA_COUNT; area++)
    {
      json_builder_set_member_name (builder, sillon_area_to_id (area));
      json_builder_begin_object (builder);
      add_score_member (builder, "score", result->has_area_score[area], result->area_score[area]);
      sillon_json_add_int_member (builder, "answered", result->area_answered[area]);
      sillon_json_add_int_member (builder, "total", result->area_total[area]);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "degree");
  json_builder_begin_object (builder);
  sillon_json_add_string_member (builder, "id", sillon_degree_to_id (result->degree));
  sillon_json_add_string_member (builder, "label", sillon_degree_get_label (result->degree));
  sillon_json_add_string_member (builder, "computed", sillon_degree_to_id (result->computed_degree));
  sillon_json_add_boolean_member (builder, "provisional", result->provisional);
  sillon_json_add_boolean_member (builder, "overridden", self->degree_overridden);
  if (self->degree_overridden)
    add_override_members (builder, self->degree_reason, self->degree_by);
  json_builder_end_object (builder);

  if (result->rules != NULL)
    {
      json_builder_set_member_name (builder, "orientations");
      json_builder_begin_array (builder);
      for (guint i = 0; i + 1 < result->orientations->len; i++)
        {
          const char *id = g_ptr_array_index (result->orientations, i);
          const Orientation *o = find_orientation (result->rules, id);
          const OrientationOverride *override = find_orientation_override (self, id);
          GPtrArray *by_rules = g_hash_table_lookup (result->fired, id);

          json_builder_begin_object (builder);
          sillon_json_add_string_member (builder, "id", id);
          sillon_json_add_string_member (builder, "label", g_dgettext (GETTEXT_PACKAGE, o->label));
          sillon_json_add_string_member (builder, "axis", sillon_axis_to_id (o->axis));
          sillon_json_add_string_member (builder, "source", by_rules != NULL ? "rules" : "mediator");
          json_builder_set_member_name (builder, "rules");
          json_builder_begin_array (builder);
          for (guint j = 0; by_rules != NULL && j < by_rules->len; j++)
            json_builder_add_string_value (builder, g_ptr_array_index (by_rules, j));
          json_builder_end_array (builder);
          if (override != NULL)
            {
              json_builder_set_member_name (builder, "override");
              json_builder_begin_object (builder);
              add_override_members (builder, override->reason, override->by);
              json_builder_end_object (builder);
            }
          if (o->coop != NULL)
            {
              json_builder_set_member_name (builder, "coop");
              json_builder_add_value (builder, json_node_copy (o->coop));
            }
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);

      /* Dismissed suggestions stay visible with their reason: a reviewer
       * must see what the rules said and why the mediator disagreed. */
      json_builder_set_member_name (builder, "dismissed_orientations");
      json_builder_begin_array (builder);
      for (guint i = 0; i < self->orientation_overrides->len; i++)
        {
          const OrientationOverride *override = g_ptr_array_index (self->orientation_overrides, i);

          if (override->add)
            continue;
          json_builder_begin_object (builder);
          sillon_json_add_string_member (builder, "id", override->id);
          sillon_json_add_string_member (builder, "label", sillon_orientation_rules_get_orientation_label (result->rules, override->id));
          sillon_json_add_boolean_member (builder, "suggested", g_hash_table_contains (result->fired, override->id));
          add_override_members (builder, override->reason, override->by);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

/* Comparison */

struct _SillonAssessmentComparison
{
  SillonAssessment *before;
  SillonAssessment *after;
  gboolean has[SILLON_AXIS_COUNT];
  guint from[SILLON_AXIS_COUNT];
  guint to[SILLON_AXIS_COUNT];
  guint n_common[SILLON_AXIS_COUNT];
  GPtrArray *skills_up;   /* borrowed ids, NULL-terminated */
  GPtrArray *skills_down; /* borrowed ids, NULL-terminated */
  guint skills_same;
  GPtrArray *only_before; /* answered in one assessment only */
  GPtrArray *only_after;
};

void
sillon_assessment_comparison_free (SillonAssessmentComparison *comparison)
{
  if (comparison == NULL)
    return;
  g_clear_object (&comparison->before);
  g_clear_object (&comparison->after);
  g_clear_pointer (&comparison->skills_up, g_ptr_array_unref);
  g_clear_pointer (&comparison->skills_down, g_ptr_array_unref);
  g_clear_pointer (&comparison->only_before, g_ptr_array_unref);
  g_clear_pointer (&comparison->only_after, g_ptr_array_unref);
  g_free (comparison);
}

static void
list_only_in (SillonAssessment *self, SillonAssessment *other, GPtrArray *out)
{
  for (guint i = 0; i < sillon_questionnaire_get_n_items (self->questionnaire); i++)
    {
      const char *id = sillon_questionnaire_item_get_id (sillon_questionnaire_get_item (self->questionnaire, i));

      if (sillon_assessment_get_answer (self, id, NULL) == SILLON_ANSWER_GIVEN && sillon_assessment_get_answer (other, id, NULL) != SILLON_ANSWER_GIVEN)
        g_ptr_array_add (out, (gpointer) id);
    }
}

SillonAssessmentComparison *
sillon_assessment_compare (SillonAssessment *before, SillonAssessment *after)
{
  SillonAssessmentComparison *c;
  g_autoptr (GHashTable) common = g_hash_table_new (g_str_hash, g_str_equal);
  SillonQuestionnaire *qa;
  SillonQuestionnaire *qb;

  g_return_val_if_fail (SILLON_IS_ASSESSMENT (before), NULL);
  g_return_val_if_fail (SILLON_IS_ASSESSMENT (after), NULL);

  qa = before->questionnaire;
  qb = after->questionnaire;
  c = g_new0 (SillonAssessmentComparison, 1);
  c->before = g_object_ref (before);
  c->after = g_object_ref (after);
  c->skills_up = g_ptr_array_new ();
  c->skills_down = g_ptr_array_new ();
  c->only_before = g_ptr_array_new ();
  c->only_after = g_ptr_array_new ();

  /* An item counts as common only if both versions put it on the same axis
   * and score it: otherwise the two scores would not measure the same thing. */
  for (guint i = 0; i < sillon_questionnaire_get_n_items (qb); i++)
    {
      const SillonQuestionnaireItem *item_b = sillon_questionnaire_get_item (qb, i);
      const char *id = sillon_questionnaire_item_get_id (item_b);
      const SillonQuestionnaireItem *item_a = sillon_questionnaire_lookup_item (qa, id);
      guint level_a = 0, level_b = 0;

      if (item_a == NULL || sillon_questionnaire_item_get_axis (item_a) != sillon_questionnaire_item_get_axis (item_b) || sillon_questionnaire_item_is_scored (item_a) != sillon_questionnaire_item_is_scored (item_b))
        continue;
      if (sillon_assessment_get_answer (before, id, &level_a) != SILLON_ANSWER_GIVEN || sillon_assessment_get_answer (after, id, &level_b) != SILLON_ANSWER_GIVEN)
        continue;
      g_hash_table_add (common, (gpointer) id);

      if (sillon_questionnaire_item_get_axis (item_b) != SILLON_AXIS_SAVOIR)
        continue;
      if (level_b > level_a)
        g_ptr_array_add (c->skills_up, (gpointer) id);
      else if (level_b < level_a)
        g_ptr_array_add (c->skills_down, (gpointer) id);
      else
        c->skills_same++;
    }
  g_ptr_array_add (c->skills_up, NULL);
  g_ptr_array_add (c->skills_down, NULL);

  for (guint axis = 0; axis < SILLON_AXIS_COUNT; axis++)
    {
      guint n_before = 0;
      gboolean has_before = compute_score (before, axis, SILLON_AREA_NONE, common, &c->from[axis], &n_before);
      gboolean has_after = compute_score (after, axis, SILLON_AREA_NONE, common, &c->to[axis], NULL);

      c->has[axis] = has_before && has_after;
      c->n_common[axis] = c->has[axis] ? n_before : 0;
    }

  list_only_in (before, after, c->only_before);
  list_only_in (after, before, c->only_after);
  return c;
}

gboolean
sillon_assessment_comparison_get_axis (SillonAssessmentComparison *comparison,
                                       SillonAxis axis,
                                       guint *out_before,
                                       guint *out_after,
                                       gint *out_delta,
                                       guint *out_n_common)
{
  g_return_val_if_fail (comparison != NULL, FALSE);
  g_return_val_if_fail (axis < SILLON_AXIS_COUNT, FALSE);

  if (out_n_common != NULL)
    *out_n_common = comparison->n_common[axis];
  if (!comparison->has[axis])
    return FALSE;
  if (out_before != NULL)
    *out_before = comparison->from[axis];
  if (out_after != NULL)
    *out_after = comparison->to[axis];
  if (out_delta != NULL)
    *out_delta = (gint) comparison->to[axis] - (gint) comparison->from[axis];
  return TRUE;
}

const char *const *
sillon_assessment_comparison_get_skills_up (SillonAssessmentComparison *comparison)
{
  g_return_val_if_fail (comparison != NULL, NULL);
  return (const char *const *) comparison->skills_up->pdata;
}

const char *const *
sillon_assessment_comparison_get_skills_down (SillonAssessmentComparison *comparison)
{
  g_return_val_if_fail (comparison != NULL, NULL);
  return (const char *const *) comparison->skills_down->pdata;
}

static void
add_skill_moves (JsonBuilder *builder, SillonAssessmentComparison *c, const char *name, GPtrArray *ids)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i + 1 < ids->len; i++)
    {
      const char *id = g_ptr_array_index (ids, i);
      guint from = 0, to = 0;

      sillon_assessment_get_answer (c->before, id, &from);
      sillon_assessment_get_answer (c->after, id, &to);
      json_builder_begin_object (builder);
      sillon_json_add_string_member (builder, "id", id);
      sillon_json_add_int_member (builder, "from", from);
      sillon_json_add_int_member (builder, "to", to);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
add_id_list (JsonBuilder *builder, const char *name, GPtrArray *ids)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; i < ids->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (ids, i));
  json_builder_end_array (builder);
}

static void
build_comparison (JsonBuilder *builder, SillonAssessmentComparison *c)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "before");
  json_builder_begin_object (builder);
  sillon_json_add_int_member (builder, "questionnaire_version", sillon_questionnaire_get_version (c->before->questionnaire));
  if (c->before->date != NULL)
    {
      sillon_json_add_string_member (builder, "date", c->before->date);
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "after");
  json_builder_begin_object (builder);
  sillon_json_add_int_member (builder, "questionnaire_version", sillon_questionnaire_get_version (c->after->questionnaire));
  if (c->after->date != NULL)
    {
      sillon_json_add_string_member (builder, "date", c->after->date);
    }
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "axes");
  json_builder_begin_object (builder);
  for (guint axis = 0; axis < SILLON_AXIS_COUNT; axis++)
    {
      json_builder_set_member_name (builder, sillon_axis_to_id (axis));
      json_builder_begin_object (builder);
      add_score_member (builder, "before", c->has[axis], c->from[axis]);
      add_score_member (builder, "after", c->has[axis], c->to[axis]);
      json_builder_set_member_name (builder, "delta");
      if (c->has[axis])
        json_builder_add_int_value (builder, (gint) c->to[axis] - (gint) c->from[axis]);
      else
        json_builder_add_null_value (builder);
      sillon_json_add_int_member (builder, "common_items", c->n_common[axis]);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);

  add_skill_moves (builder, c, "skills_up", c->skills_up);
  add_skill_moves (builder, c, "skills_down", c->skills_down);
  sillon_json_add_int_member (builder, "skills_unchanged", c->skills_same);
  add_id_list (builder, "only_before", c->only_before);
  add_id_list (builder, "only_after", c->only_after);
  json_builder_end_object (builder);
}

JsonNode *
sillon_assessment_comparison_to_json (SillonAssessmentComparison *comparison)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (comparison != NULL, NULL);
  build_comparison (builder, comparison);
  return json_builder_get_root (builder);
}

JsonNode *
sillon_assessment_path_to_json (SillonAssessment *const *assessments,
                                guint n_assessments,
                                SillonOrientationRules *rules,
                                GError **error)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (assessments != NULL || n_assessments == 0, NULL);

  json_builder_begin_object (builder);
  sillon_json_add_string_member (builder, "format", "sillon-assessment-path");
  json_builder_set_member_name (builder, "steps");
  json_builder_begin_array (builder);
  for (guint i = 0; i < n_assessments; i++)
    {
      g_autoptr (SillonAssessmentResult) result = sillon_assessment_evaluate (assessments[i], rules, error);

      if (result == NULL)
        return NULL;
      json_builder_begin_object (builder);
      if (assessments[i]->date != NULL)
        {
          sillon_json_add_string_member (builder, "date", assessments[i]->date);
        }
      sillon_json_add_int_member (builder, "questionnaire_version", sillon_questionnaire_get_version (assessments[i]->questionnaire));
      json_builder_set_member_name (builder, "scores");
      json_builder_begin_object (builder);
      for (guint axis = 0; axis < SILLON_AXIS_COUNT; axis++)
        add_score_member (builder, sillon_axis_to_id (axis), result->has_score[axis], result->score[axis]);
      json_builder_end_object (builder);
      sillon_json_add_string_member (builder, "degree", sillon_degree_to_id (result->degree));
      if (rules != NULL)
        {
          json_builder_set_member_name (builder, "orientations");
          json_builder_begin_array (builder);
          for (guint j = 0; j + 1 < result->orientations->len; j++)
            json_builder_add_string_value (builder, g_ptr_array_index (result->orientations, j));
          json_builder_end_array (builder);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "changes");
  json_builder_begin_array (builder);
  for (guint i = 1; i < n_assessments; i++)
    {
      g_autoptr (SillonAssessmentComparison) c = sillon_assessment_compare (assessments[i - 1], assessments[i]);
      build_comparison (builder, c);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "overall");
  if (n_assessments >= 2)
    {
      g_autoptr (SillonAssessmentComparison) c = sillon_assessment_compare (assessments[0],
                                                                            assessments[n_assessments - 1]);
      build_comparison (builder, c);
    }
  else
    json_builder_add_null_value (builder);

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}
