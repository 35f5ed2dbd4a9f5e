/* sillon-vocabulary.c — the national vocabulary of La Coop de la médiation numérique
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-vocabulary.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "sillon-data.h"

/* Every enumeration Sillon stores or exports (activity types, themes, age
 * brackets…) comes from the Coop's own definitions, kept verbatim in
 * coop-cra-enums.json, so that anonymised exports map one to one onto what
 * coordinators already use. The file is parsed, not turned into C tables:
 * when the Coop changes a label, the data file changes and the code does
 * not. */

G_DEFINE_QUARK (sillon - vocabulary - error - quark, sillon_vocabulary_error)

typedef struct
{
  char *name;
  GArray *values; /* of SillonVocabularyValue, strings in the vocabulary's chunk */
} Enumeration;

typedef struct
{
  int upper_exclusive; /* -1: no upper bound */
  const char *api;
} AgeBracket;

struct _SillonVocabulary
{
  GStringChunk *strings;
  char *source;
  GHashTable *enumerations; /* name → Enumeration, also under the file's full key */
  GPtrArray *order;         /* of Enumeration, owns them, in file order */
  GArray *age_brackets;     /* of AgeBracket, by increasing upper bound */
  const char *age_unknown;
};

static void
enumeration_free (Enumeration *e)
{
  g_free (e->name);
  g_array_unref (e->values);
  g_free (e);
}

static gboolean
is_value_array (JsonNode *node)
{
  JsonArray *array;

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return FALSE;
  array = json_node_get_array (node);
  if (json_array_get_length (array) == 0)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      JsonObject *object;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        return FALSE;
      object = json_node_get_object (element);
      if (!json_object_has_member (object, "api") || !json_object_has_member (object, "label"))
        return FALSE;
    }
  return TRUE;
}

/* The file names an enumeration after its Prisma enum, sometimes with a
 * remark: “Autonomie (individuel only)” is the enumeration “Autonomie”. */
static char *
short_name (const char *key)
{
  const char *paren = strstr (key, " (");

  return paren != NULL ? g_strndup (key, paren - key) : g_strdup (key);
}

static gboolean
add_enumeration (SillonVocabulary *self,
                 const char *key,
                 JsonArray *array,
                 GError **error)
{
  Enumeration *e = g_new0 (Enumeration, 1);
  g_autofree char *name = short_name (key);

  e->name = g_strdup (name);
  e->values = g_array_new (FALSE, FALSE, sizeof (SillonVocabularyValue));
  g_ptr_array_add (self->order, e);

  if (g_hash_table_contains (self->enumerations, name))
    {
      g_set_error (error, SILLON_VOCABULARY_ERROR, SILLON_VOCABULARY_ERROR_INVALID_DATA,
                   _ ("The vocabulary file defines the enumeration “%s” twice"), name);
      return FALSE;
    }
  g_hash_table_insert (self->enumerations, e->name, e);
  if (strcmp (key, name) != 0)
    g_hash_table_insert (self->enumerations, g_string_chunk_insert (self->strings, key), e);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      const char *api = json_object_get_string_member_with_default (object, "api", NULL);
      const char *label = json_object_get_string_member_with_default (object, "label", NULL);
      SillonVocabularyValue value;

      if (api == NULL || label == NULL || api[0] == '\0')
        {
          g_set_error (error, SILLON_VOCABULARY_ERROR, SILLON_VOCABULARY_ERROR_INVALID_DATA,
                       _ ("The vocabulary file has a value without “api” or “label” in “%s”"), name);
          return FALSE;
        }
      for (guint j = 0; j < e->values->len; j++)
        if (strcmp (g_array_index (e->values, SillonVocabularyValue, j).api, api) == 0)
          {
            g_set_error (error, SILLON_VOCABULARY_ERROR, SILLON_VOCABULARY_ERROR_INVALID_DATA,
                         _ ("The vocabulary file lists “%s” twice in “%s”"), api, name);
            return FALSE;
          }
      value.api = g_string_chunk_insert_const (self->strings, api);
      value.label = g_string_chunk_insert_const (self->strings, label);
      g_array_append_val (e->values, value);
    }
  return TRUE;
}

/* Age brackets are derived from the birth year with the Coop's own bounds,
 * read from the same file, so that Sillon can never disagree with the
 * national statistics about which bracket a person falls in. */
static gboolean
load_age_brackets (SillonVocabulary *self,
                   JsonArray *array,
                   GError **error)
{
  int previous = -1;
  gboolean open_bracket = FALSE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *object = json_array_get_object_element (array, i);
      const char *key = json_object_get_string_member_with_default (object, "key", "");
      const char *api = g_string_chunk_insert_const (self->strings,
                                                     json_object_get_string_member (object, "api"));
      AgeBracket bracket = { -1, api };

      if (strcmp (key, "NonCommunique") == 0)
        {
          self->age_unknown = api;
          continue;
        }
      if (json_object_has_member (object, "upper_exclusive"))
        {
          JsonNode *bound = json_object_get_member (object, "upper_exclusive");

          if (!JSON_NODE_HOLDS_VALUE (bound) || json_node_get_value_type (bound) != G_TYPE_INT64 || open_bracket ||
              json_node_get_int (bound) <= previous || json_node_get_int (bound) > 200)
            goto invalid;
          bracket.upper_exclusive = previous = (int) json_node_get_int (bound);
        }
      else if (open_bracket)
        goto invalid;
      else
        open_bracket = TRUE;
      g_array_append_val (self->age_brackets, bracket);
    }
  if (!open_bracket || self->age_unknown == NULL)
    goto invalid;
  return TRUE;

invalid:
  g_set_error (error, SILLON_VOCABULARY_ERROR, SILLON_VOCABULARY_ERROR_INVALID_DATA,
               _ ("The age brackets of the vocabulary file are not in increasing order, or lack a last open bracket or the “not given” value"));
  return FALSE;
}

/**
 * sillon_vocabulary_new_from_data:
 * @data: the contents of coop-cra-enums.json
 * @length: length of @data, or -1 if NUL-terminated
 * @error: return location for a #SILLON_VOCABULARY_ERROR
 *
 * Every top-level array of `{api, label}` objects is an enumeration, and so
 * is every such array one level down (`StructureDeRedirection` inside
 * `Orientation`). Names are the file's keys without their remark in
 * parentheses, e.g. “Autonomie”.
 *
 * Returns: (transfer full): the vocabulary, or %NULL
 */
SillonVocabulary *
sillon_vocabulary_new_from_data (const char *data,
                                 gssize length,
                                 GError **error)
{
  g_autoptr (SillonVocabulary) self = g_new0 (SillonVocabulary, 1);
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autoptr (GError) local_error = NULL;
  JsonObject *root;
  JsonNode *ages;
  g_autoptr (GList) members = NULL;

  g_return_val_if_fail (data != NULL, NULL);

  self->strings = g_string_chunk_new (4096);
  self->enumerations = g_hash_table_new (g_str_hash, g_str_equal);
  self->order = g_ptr_array_new_with_free_func ((GDestroyNotify) enumeration_free);
  self->age_brackets = g_array_new (FALSE, FALSE, sizeof (AgeBracket));

  if (!json_parser_load_from_data (parser, data, length, &local_error))
    {
      g_set_error (error, SILLON_VOCABULARY_ERROR, SILLON_VOCABULARY_ERROR_INVALID_DATA,
                   _ ("The vocabulary file is not valid JSON: %s"), local_error->message);
      return NULL;
    }
  if (json_parser_get_root (parser) == NULL || !JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error (error, SILLON_VOCABULARY_ERROR, SILLON_VOCABULARY_ERROR_INVALID_DATA,
                   _ ("The vocabulary file does not hold a JSON object"));
      return NULL;
    }
  root = json_node_get_object (json_parser_get_root (parser));
  self->source = g_strdup (json_object_get_string_member_with_default (root, "_source", NULL));

  members = json_object_get_members (root);
  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      JsonNode *node = json_object_get_member (root, key);

      if (is_value_array (node))
        {
          if (!add_enumeration (self, key, json_node_get_array (node), error))
            return NULL;
        }
      else if (JSON_NODE_HOLDS_OBJECT (node))
        {
          JsonObject *nested = json_node_get_object (node);
          g_autoptr (GList) nested_members = json_object_get_members (nested);

          for (GList *n = nested_members; n != NULL; n = n->next)
            {
              JsonNode *child = json_object_get_member (nested, n->data);

              if (is_value_array (child) &&
                  !add_enumeration (self, n->data, json_node_get_array (child), error))
                return NULL;
            }
        }
    }

  if (self->order->len == 0)
    {
      g_set_error (error, SILLON_VOCABULARY_ERROR, SILLON_VOCABULARY_ERROR_INVALID_DATA,
                   _ ("The vocabulary file defines no enumeration"));
      return NULL;
    }

  ages = json_object_get_member (root, "TrancheAge");
  if (ages != NULL && is_value_array (ages) &&
      !load_age_brackets (self, json_node_get_array (ages), error))
    return NULL;

  return g_steal_pointer (&self);
}

SillonVocabulary *
sillon_vocabulary_new_from_file (const char *path,
                                 GError **error)
{
  g_autofree char *contents = NULL;
  gsize length;
  g_autoptr (GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, SILLON_VOCABULARY_ERROR, SILLON_VOCABULARY_ERROR_DATA_NOT_FOUND,
                   _ ("Could not read the vocabulary file: %s"), local_error->message);
      return NULL;
    }
  return sillon_vocabulary_new_from_data (contents, length, error);
}

/**
 * sillon_vocabulary_new_default:
 * @error: return location for a #SILLON_VOCABULARY_ERROR, or a
 *   #SILLON_DATA_ERROR if the file is missing from the build
 *
 * Loads the Coop enumerations built into Sillon (see sillon_data_load()).
 *
 * Returns: (transfer full): the vocabulary, or %NULL
 */
SillonVocabulary *
sillon_vocabulary_new_default (GError **error)
{
  g_autoptr (GBytes) bytes = sillon_data_load (SILLON_VOCABULARY_DATA_FILE, error);
  gsize length;
  const char *data;

  if (bytes == NULL)
    return NULL;
  data = g_bytes_get_data (bytes, &length);
  return sillon_vocabulary_new_from_data (data, length, error);
}

void
sillon_vocabulary_free (SillonVocabulary *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->enumerations, g_hash_table_unref);
  g_clear_pointer (&self->order, g_ptr_array_unref);
  g_clear_pointer (&self->age_brackets, g_array_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);
  g_free (self->source);
  g_free (self);
}

/* Where the file says it was taken from (repository and commit), for the
 * metadata of exports. */
const char *
sillon_vocabulary_get_source (SillonVocabulary *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->source;
}

GStrv
sillon_vocabulary_list_enumerations (SillonVocabulary *self)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; i < self->order->len; i++)
    g_strv_builder_add (builder, ((Enumeration *) g_ptr_array_index (self->order, i))->name);
  return g_strv_builder_end (builder);
}

static Enumeration *
lookup (SillonVocabulary *self,
        const char *enumeration,
        GError **error)
{
  Enumeration *e = g_hash_table_lookup (self->enumerations, enumeration);

  if (e == NULL)
    g_set_error (error, SILLON_VOCABULARY_ERROR, SILLON_VOCABULARY_ERROR_UNKNOWN_ENUMERATION,
                 _ ("“%s” is not an enumeration of the national vocabulary"), enumeration);
  return e;
}

/**
 * sillon_vocabulary_get_values:
 * @n_values: (out): the number of values
 *
 * Returns: (array length=n_values) (transfer none): the values in the
 * order of the national vocabulary, or %NULL for an unknown enumeration
 */
const SillonVocabularyValue *
sillon_vocabulary_get_values (SillonVocabulary *self,
                              const char *enumeration,
                              gsize *n_values,
                              GError **error)
{
  Enumeration *e;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (enumeration != NULL, NULL);
  g_return_val_if_fail (n_values != NULL, NULL);

  *n_values = 0;
  e = lookup (self, enumeration, error);
  if (e == NULL)
    return NULL;
  *n_values = e->values->len;
  return (const SillonVocabularyValue *) (gpointer) e->values->data;
}

/**
 * sillon_vocabulary_get_label:
 *
 * Returns: (transfer none): the French label of @api in @enumeration, or
 * %NULL with an error if either is unknown
 */
const char *
sillon_vocabulary_get_label (SillonVocabulary *self,
                             const char *enumeration,
                             const char *api,
                             GError **error)
{
  Enumeration *e;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (enumeration != NULL, NULL);

  e = lookup (self, enumeration, error);
  if (e == NULL)
    return NULL;
  for (guint i = 0; api != NULL && i < e->values->len; i++)
    {
      const SillonVocabularyValue *value = &g_array_index (e->values, SillonVocabularyValue, i);

      if (strcmp (value->api, api) == 0)
        return value->label;
    }
  g_set_error (error, SILLON_VOCABULARY_ERROR, SILLON_VOCABULARY_ERROR_UNKNOWN_VALUE,
               /* Translators: the first %s is a value such as “a_distance”, the second an enumeration name such as “TypeLieu”. */
               _ ("“%s” is not a value of the enumeration “%s”"),
               api != NULL ? api : "", e->name);
  return NULL;
}

/* The national labels are French and stay so in exports and statistics,
 * which the Coop reads. A person's page shows them in the language of the
 * user interface instead: these are the values a person's identity is
 * described with, each with an English msgid (contexts keep “Not given”
 * apart between enumerations) whose French translation is the national
 * label. test-vocabulary checks that every value of these enumerations in
 * the data file has one, and that the French translation is the national
 * label, so a value added to the file cannot silently show in French. */
static const struct
{
  const char *enumeration;
  const char *api;
  const char *context;
  const char *display;
} display_labels[] = {
  { "TrancheAge", "moins_de_douze", "age bracket", NC_ ("age bracket", "Under 12") },
  { "TrancheAge", "douze_dix_huit", "age bracket", NC_ ("age bracket", "12 to 17") },
  { "TrancheAge", "dix_huit_vingt_quatre", "age bracket", NC_ ("age bracket", "18 to 24") },
  { "TrancheAge", "vingt_cinq_trente_neuf", "age bracket", NC_ ("age bracket", "25 to 39") },
  { "TrancheAge", "quarante_cinquante_neuf", "age bracket", NC_ ("age bracket", "40 to 59") },
  { "TrancheAge", "soixante_soixante_neuf", "age bracket", NC_ ("age bracket", "60 to 69") },
  { "TrancheAge", "soixante_dix_plus", "age bracket", NC_ ("age bracket", "70 and over") },
  { "TrancheAge", "non_communique", "age bracket", NC_ ("age bracket", "Not given") },
  { "Genre", "masculin", "gender", NC_ ("gender", "Male") },
  { "Genre", "feminin", "gender", NC_ ("gender", "Female") },
  { "Genre", "non_communique", "gender", NC_ ("gender", "Not given") },
  { "StatutSocial", "retraite", "social status", NC_ ("social status", "Retired") },
  { "StatutSocial", "sans_emploi", "social status", NC_ ("social status", "Unemployed") },
  { "StatutSocial", "en_emploi", "social status", NC_ ("social status", "In work") },
  { "StatutSocial", "scolarise", "social status", NC_ ("social status", "In education") },
  { "StatutSocial", "non_communique", "social status", NC_ ("social status", "Not given or mixed") },
};

/**
 * sillon_vocabulary_has_display_label:
 *
 * Whether @api of @enumeration has a label in the language of the user
 * interface (sillon_vocabulary_get_display_label()) rather than only its
 * French national label.
 */
gboolean
sillon_vocabulary_has_display_label (const char *enumeration,
                                     const char *api)
{
  g_return_val_if_fail (enumeration != NULL, FALSE);
  g_return_val_if_fail (api != NULL, FALSE);

  for (gsize i = 0; i < G_N_ELEMENTS (display_labels); i++)
    if (g_str_equal (display_labels[i].enumeration, enumeration) && g_str_equal (display_labels[i].api, api))
      return TRUE;
  return FALSE;
}

/**
 * sillon_vocabulary_get_display_label:
 *
 * For the screen, not for exports: the label of @api in the language of
 * the user interface for the values that describe a person (age bracket,
 * gender, social status), the French national label for the others.
 *
 * Returns: (transfer none): the label, or %NULL with the same errors as
 * sillon_vocabulary_get_label()
 */
const char *
sillon_vocabulary_get_display_label (SillonVocabulary *self,
                                     const char *enumeration,
                                     const char *api,
                                     GError **error)
{
  const char *national = sillon_vocabulary_get_label (self, enumeration, api, error);

  if (national == NULL)
    return NULL;
  for (gsize i = 0; i < G_N_ELEMENTS (display_labels); i++)
    if (g_str_equal (display_labels[i].enumeration, enumeration) && g_str_equal (display_labels[i].api, api))
      return g_dpgettext2 (GETTEXT_PACKAGE, display_labels[i].context, display_labels[i].display);
  return national;
}

gboolean
sillon_vocabulary_check (SillonVocabulary *self,
                         const char *enumeration,
                         const char *api,
                         GError **error)
{
  return sillon_vocabulary_get_label (self, enumeration, api, error) != NULL;
}

gboolean
sillon_vocabulary_is_valid (SillonVocabulary *self,
                            const char *enumeration,
                            const char *api)
{
  return sillon_vocabulary_check (self, enumeration, api, NULL);
}

/**
 * sillon_vocabulary_age_bracket:
 * @birth_year: the year of birth, or %SILLON_VOCABULARY_BIRTH_YEAR_UNKNOWN
 * @reference_date: (nullable): the date the age is computed at (that of an
 *   activity, of an export…), %NULL for today
 *
 * As the Coop does, the age is the difference of the years, whatever the
 * day of birth; a birth year is valid from 1900 to the reference year.
 *
 * Returns: (transfer none): the `api` value of the TrancheAge bracket
 */
const char *
sillon_vocabulary_age_bracket (SillonVocabulary *self,
                               int birth_year,
                               const GDate *reference_date,
                               GError **error)
{
  int reference_year;
  int age;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (reference_date == NULL || g_date_valid (reference_date), NULL);

  if (self->age_brackets->len == 0)
    {
      g_set_error (error, SILLON_VOCABULARY_ERROR, SILLON_VOCABULARY_ERROR_UNKNOWN_ENUMERATION,
                   _ ("“%s” is not an enumeration of the national vocabulary"), "TrancheAge");
      return NULL;
    }

  if (reference_date != NULL)
    reference_year = g_date_get_year (reference_date);
  else
    {
      g_autoptr (GDateTime) now = g_date_time_new_now_local ();
      reference_year = g_date_time_get_year (now);
    }

  if (birth_year == SILLON_VOCABULARY_BIRTH_YEAR_UNKNOWN)
    return self->age_unknown;
  if (birth_year < 1900 || birth_year > reference_year)
    {
      g_set_error (error, SILLON_VOCABULARY_ERROR, SILLON_VOCABULARY_ERROR_INVALID_BIRTH_YEAR,
                   _ ("The birth year %d is not between 1900 and %d"), birth_year, reference_year);
      return NULL;
    }

  age = reference_year - birth_year;
  for (guint i = 0; i < self->age_brackets->len; i++)
    {
      const AgeBracket *bracket = &g_array_index (self->age_brackets, AgeBracket, i);

      if (bracket->upper_exclusive < 0 || age < bracket->upper_exclusive)
        return bracket->api;
    }
  g_assert_not_reached ();
  return NULL;
}
