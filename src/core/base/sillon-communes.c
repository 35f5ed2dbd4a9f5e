/* sillon-communes.c — the official list of French communes: names, codes, completion
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-communes.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "sillon-data.h"

/* The vault stores a person's commune as its code INSEE, which never changes
 * with spelling and is what the national statistics count; people see and
 * type names. This module holds the list derived from the Code officiel
 * géographique (resources/data/communes-fr.tsv, see build-aux/update-communes
 * for its source, format and licence) and answers the two questions the
 * person form asks: which commune is this code, and which communes start
 * with what the mediator has typed so far.
 *
 * Names are matched on a key that keeps only letters and digits, without
 * accents and in lower case ("Saint-Étienne" → "saintetienne"), so that
 * accents, case, hyphens, apostrophes and spaces never matter. Mediators
 * abbreviate "Saint" as "St" and "Sainte" as "Ste" as the post does, so
 * those words of the query also match the full word; the literal reading is
 * kept as well, because "st" may be the start of "Strasbourg". A name that
 * starts with an article is also found without it ("havre" for Le Havre).
 * Postal codes
 * complete from their first digits. Both indexes are sorted arrays searched
 * by bisection, so a keystroke costs a few dozen comparisons plus the
 * matching range, never a scan of the 35 000 communes. */

GQuark
sillon_communes_error_quark (void)
{
  return g_quark_from_static_string ("sillon-communes-error-quark");
}

typedef struct
{
  const char *key;
  guint index;
} SortKey;

struct _SillonCommunes
{
  GStringChunk *strings;
  SillonCommune *communes; /* sorted by code INSEE */
  guint n_communes;
  const char **postal_slots; /* every commune's NULL-terminated list */
  SortKey *names;            /* sorted by key; a name with an article twice */
  guint n_names;
  SortKey *postals; /* one per (postal code, commune), sorted */
  guint n_postals;
  SortKey *former; /* former codes → the commune they merged into, sorted */
  guint n_former;
};

/* 2A and 2B are Corsica's départements; every other code is five digits. */
static gboolean
is_code_shape (const char *code)
{
  if (strlen (code) != 5)
    return FALSE;
  for (int i = 0; i < 5; i++)
    {
      if (g_ascii_isdigit (code[i]))
        continue;
      if (i == 1 && code[0] == '2' && (code[1] == 'A' || code[1] == 'B'))
        continue;
      return FALSE;
    }
  return TRUE;
}

static gboolean
is_postal_code_shape (const char *code)
{
  if (strlen (code) != 5)
    return FALSE;
  for (int i = 0; i < 5; i++)
    if (!g_ascii_isdigit (code[i]))
      return FALSE;
  return TRUE;
}

/* Appends the key of @text to @key: its letters and digits, transliterated
 * to ASCII and lowered; with @expand_saint, the words "st" and "ste" (and
 * their plurals) count as "saint" and "sainte". */
static void
append_key (GString *key,
            const char *text,
            gboolean expand_saint)
{
  g_autofree char *ascii = g_str_to_ascii (text, "C");
  const char *p = ascii;

  while (*p != '\0')
    {
      const char *start;
      gsize len;

      while (*p != '\0' && !g_ascii_isalnum (*p))
        p++;
      start = p;
      while (g_ascii_isalnum (*p))
        p++;
      len = (gsize) (p - start);
      if (len == 0)
        break;

      if (expand_saint && g_ascii_strncasecmp (start, "st", 2) == 0 && (len == 2 || (len == 3 && (g_ascii_tolower (start[2]) == 'e' || g_ascii_tolower (start[2]) == 's')) || (len == 4 && g_ascii_strncasecmp (start + 2, "es", 2) == 0)))
        {
          g_string_append (key, "saint");
          for (gsize i = 2; i < len; i++)
            g_string_append_c (key, g_ascii_tolower (start[i]));
          continue;
        }
      for (gsize i = 0; i < len; i++)
        g_string_append_c (key, g_ascii_tolower (start[i]));
    }
}

/**
 * sillon_communes_normalize_name:
 * @text: a commune's name or the start of one, UTF-8
 *
 * Returns: (transfer full): the key names are compared on: letters and
 *   digits only, without accents, in lower case, "st"/"ste" read as
 *   "saint"/"sainte" ("St-Étienne" → "saintetienne").
 */
char *
sillon_communes_normalize_name (const char *text)
{
  GString *key = g_string_new (NULL);

  g_return_val_if_fail (text != NULL, NULL);
  append_key (key, text, TRUE);
  return g_string_free (key, FALSE);
}

static int
compare_sort_keys (const void *a,
                   const void *b)
{
  const SortKey *x = a;
  const SortKey *y = b;
  int c = strcmp (x->key, y->key);

  if (c != 0)
    return c;
  return x->index < y->index ? -1 : x->index > y->index;
}

static gboolean
parse_population (const char *text,
                  guint *population)
{
  guint64 value = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, &value, NULL))
    return FALSE;
  *population = (guint) value;
  return TRUE;
}

static gboolean
data_error (GError **error,
            guint line,
            const char *what)
{
  g_set_error (error, SILLON_COMMUNES_ERROR, SILLON_COMMUNES_ERROR_INVALID_DATA,
               /* Translators: %u is a line number of the list of communes,
                * %s says what is wrong with that line. */
               _ ("The list of communes is damaged at line %u: %s"), line, what);
  return FALSE;
}

typedef struct
{
  GHashTable *departements; /* code → name, in the string chunk */
  GArray *communes;         /* SillonCommune, postal_codes as an offset */
  GArray *postal_offsets;   /* guint offset into slots, per commune */
  GPtrArray *slots;         /* postal codes and NULL terminators */
  GArray *former;           /* SortKey: former code, index of its commune */
} Parser;

static int
compare_code_to_commune (const void *key,
                         const void *member)
{
  return strcmp (key, ((const SillonCommune *) member)->insee);
}

/* A commune line has six fields; Paris, the most, 21 postal codes. */
#define MAX_FIELDS 6
#define MAX_POSTAL_CODES 64

/* Splits @text at each @separator, in place (35 000 lines are read at the
 * first completion: no allocation per field). Returns how many pieces
 * there are, counting at most @max of them into @pieces. */
static guint
split_in_place (char *text,
                char separator,
                char **pieces,
                guint max)
{
  guint n = 0;

  for (;;)
    {
      char *end = strchr (text, separator);

      if (n < max)
        pieces[n] = text;
      n++;
      if (end == NULL)
        return n;
      *end = '\0';
      text = end + 1;
    }
}

static gboolean
parse_line (SillonCommunes *self,
            Parser *parser,
            char *line,
            guint line_number,
            GError **error)
{
  char *fields[MAX_FIELDS + 1] = { NULL };
  guint n_fields;

  if (line[0] == '\0' || line[0] == '#')
    return TRUE;
  if (!g_utf8_validate (line, -1, NULL))
    return data_error (error, line_number, _ ("not UTF-8 text"));

  n_fields = split_in_place (line, '\t', fields, MAX_FIELDS + 1);

  if (g_str_equal (fields[0], "D"))
    {
      if (n_fields != 3 || fields[1][0] == '\0' || fields[2][0] == '\0')
        return data_error (error, line_number, _ ("a département needs a code and a name"));
      g_hash_table_insert (parser->departements,
                           g_string_chunk_insert_const (self->strings, fields[1]),
                           g_string_chunk_insert_const (self->strings, fields[2]));
      return TRUE;
    }

  if (g_str_equal (fields[0], "C") && parser->former->len > 0)
    return data_error (error, line_number, _ ("a commune after the former codes"));

  if (g_str_equal (fields[0], "A"))
    {
      const SillonCommune *current;
      SortKey former;

      if (n_fields != 3 || !is_code_shape (fields[1]) || !is_code_shape (fields[2]))
        return data_error (error, line_number, _ ("a former code needs its code and the code of its commune"));
      if (parser->former->len > 0 && strcmp (g_array_index (parser->former, SortKey, parser->former->len - 1).key, fields[1]) >= 0)
        return data_error (error, line_number, _ ("the former codes are not in increasing order"));
      if (bsearch (fields[1], parser->communes->data, parser->communes->len, sizeof (SillonCommune),
                   compare_code_to_commune) != NULL)
        return data_error (error, line_number, _ ("a former code that is a current commune’s code"));
      current = bsearch (fields[2], parser->communes->data, parser->communes->len, sizeof (SillonCommune),
                         compare_code_to_commune);
      if (current == NULL)
        return data_error (error, line_number, _ ("a former code whose commune is not listed before it"));
      former.key = g_string_chunk_insert (self->strings, fields[1]);
      former.index = (guint) (current - (const SillonCommune *) (gpointer) parser->communes->data);
      g_array_append_val (parser->former, former);
      return TRUE;
    }

  if (g_str_equal (fields[0], "C"))
    {
      SillonCommune commune = { 0 };
      const char *dep_name;
      guint offset = parser->slots->len;

      if (n_fields != 6)
        return data_error (error, line_number, _ ("a commune needs six fields"));
      if (!is_code_shape (fields[1]))
        return data_error (error, line_number, _ ("not a code INSEE"));
      if (parser->communes->len > 0 && strcmp (g_array_index (parser->communes, SillonCommune, parser->communes->len - 1).insee, fields[1]) >= 0)
        return data_error (error, line_number, _ ("the codes are not in increasing order"));
      if (fields[2][0] == '\0')
        return data_error (error, line_number, _ ("a commune without a name"));
      dep_name = g_hash_table_lookup (parser->departements, fields[3]);
      if (dep_name == NULL)
        return data_error (error, line_number, _ ("a département not listed before its communes"));
      if (!parse_population (fields[4], &commune.population))
        return data_error (error, line_number, _ ("the population is not a number"));

      commune.insee = g_string_chunk_insert (self->strings, fields[1]);
      commune.name = g_string_chunk_insert (self->strings, fields[2]);
      /* The département's code as stored once, shared by its communes. */
      {
        gpointer dep_code = NULL;
        g_hash_table_lookup_extended (parser->departements, fields[3], &dep_code, NULL);
        commune.departement = dep_code;
      }
      commune.departement_name = dep_name;

      if (fields[5][0] != '\0')
        {
          char *postal[MAX_POSTAL_CODES + 1] = { NULL };
          guint n_postal = split_in_place (fields[5], ' ', postal, MAX_POSTAL_CODES + 1);

          if (n_postal > MAX_POSTAL_CODES)
            return data_error (error, line_number, _ ("too many postal codes"));
          for (guint i = 0; i < n_postal; i++)
            {
              if (!is_postal_code_shape (postal[i]))
                return data_error (error, line_number, _ ("a postal code is not five digits"));
              g_ptr_array_add (parser->slots, g_string_chunk_insert_const (self->strings, postal[i]));
            }
        }
      g_ptr_array_add (parser->slots, NULL);
      g_array_append_val (parser->communes, commune);
      g_array_append_val (parser->postal_offsets, offset);
      return TRUE;
    }

  return data_error (error, line_number, _ ("a line that is neither a département nor a commune"));
}

/* The rest of a name that starts with an article (“Le Havre”, “La
 * Rochelle”, “L’Haÿ-les-Roses”), or %NULL: people type “havre” as often as
 * “le havre”, so such a name is found both ways. */
static const char *
after_article (const char *name)
{
  static const char *const articles[] = { "Le ", "La ", "Les ", "L'", "L’" };

  for (gsize i = 0; i < G_N_ELEMENTS (articles); i++)
    if (g_str_has_prefix (name, articles[i]) && name[strlen (articles[i])] != '\0')
      return name + strlen (articles[i]);
  return NULL;
}

/**
 * sillon_communes_new_from_data:
 * @data: the text of a list in the format of communes-fr.tsv
 * @length: its length in bytes
 * @error: return location for a #SILLON_COMMUNES_ERROR_INVALID_DATA
 *
 * Returns: (transfer full): the list with its indexes, or %NULL.
 */
SillonCommunes *
sillon_communes_new_from_data (const char *data,
                               gsize length,
                               GError **error)
{
  g_autoptr (SillonCommunes) self = g_new0 (SillonCommunes, 1);
  g_autofree char *text = g_strndup (data, length);
  g_autoptr (GHashTable) departements = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GArray) communes = g_array_new (FALSE, FALSE, sizeof (SillonCommune));
  g_autoptr (GArray) offsets = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GPtrArray) slots = g_ptr_array_new ();
  g_autoptr (GArray) former = g_array_new (FALSE, FALSE, sizeof (SortKey));
  Parser parser = { departements, communes, offsets, slots, former };
  g_autoptr (GArray) postals = g_array_new (FALSE, FALSE, sizeof (SortKey));
  g_autoptr (GArray) names = NULL;
  char *line = text;
  guint line_number = 0;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  self->strings = g_string_chunk_new (1 << 16);

  if (strlen (text) != length)
    {
      data_error (error, 1, _ ("a NUL byte in the text"));
      return NULL;
    }

  while (line != NULL && *line != '\0')
    {
      /* memchr over what is left, not strchr: a string function may look
       * at the whole rest of the text each time (ASan's strict string
       * checks do), which made reading the list quadratic. */
      char *end = memchr (line, '\n', (gsize) (text + length - line));

      if (end != NULL)
        *end = '\0';
      line_number++;
      if (!parse_line (self, &parser, line, line_number, error))
        return NULL;
      line = end != NULL ? end + 1 : NULL;
    }

  if (communes->len == 0)
    {
      data_error (error, line_number, _ ("no commune at all"));
      return NULL;
    }

  self->n_communes = communes->len;
  self->communes = (SillonCommune *) g_array_free (g_steal_pointer (&communes), FALSE);
  self->postal_slots = (const char **) g_ptr_array_free (g_steal_pointer (&slots), FALSE);
  names = g_array_sized_new (FALSE, FALSE, sizeof (SortKey), self->n_communes + self->n_communes / 8);

  for (guint i = 0; i < self->n_communes; i++)
    {
      SillonCommune *c = &self->communes[i];
      g_autofree char *key = sillon_communes_normalize_name (c->name);

      c->postal_codes = self->postal_slots + g_array_index (offsets, guint, i);
      const char *without_article = after_article (c->name);
      SortKey name = { g_string_chunk_insert (self->strings, key), i };

      g_array_append_val (names, name);
      if (without_article != NULL)
        {
          g_autofree char *short_key = sillon_communes_normalize_name (without_article);
          SortKey alias = { g_string_chunk_insert (self->strings, short_key), i };

          g_array_append_val (names, alias);
        }
      for (const char *const *p = c->postal_codes; *p != NULL; p++)
        {
          SortKey k = { *p, i };
          g_array_append_val (postals, k);
        }
    }
  g_array_sort (names, compare_sort_keys);
  self->n_names = names->len;
  self->names = (SortKey *) g_array_free (g_steal_pointer (&names), FALSE);
  g_array_sort (postals, compare_sort_keys);
  self->n_postals = postals->len;
  self->postals = (SortKey *) g_array_free (g_steal_pointer (&postals), FALSE);
  self->n_former = former->len;
  self->former = (SortKey *) g_array_free (g_steal_pointer (&former), FALSE);

  return g_steal_pointer (&self);
}

void
sillon_communes_free (SillonCommunes *self)
{
  if (self == NULL)
    return;
  if (self->strings != NULL)
    g_string_chunk_free (self->strings);
  g_free (self->communes);
  g_free (self->postal_slots);
  g_free (self->names);
  g_free (self->postals);
  g_free (self->former);
  g_free (self);
}

static GMutex default_lock;
static SillonCommunes *default_communes;

/**
 * sillon_communes_get_default:
 * @error: return location for a #SILLON_COMMUNES_ERROR_INVALID_DATA
 *
 * The list built into Sillon, read on first use only (it takes a few
 * megabytes and some milliseconds that a session without a person form
 * need not pay), then kept for the life of the process.
 *
 * Returns: (transfer none): the list, or %NULL if it could not be read.
 */
SillonCommunes *
sillon_communes_get_default (GError **error)
{
  SillonCommunes *result;

  g_mutex_lock (&default_lock);
  if (default_communes == NULL)
    {
      g_autoptr (GError) local_error = NULL;
      g_autoptr (GBytes) bytes = sillon_data_load (SILLON_COMMUNES_DATA_FILE, &local_error);

      if (bytes != NULL)
        {
          gsize size = 0;
          const char *data = g_bytes_get_data (bytes, &size);
          default_communes = sillon_communes_new_from_data (data, size, &local_error);
        }
      if (default_communes == NULL)
        {
          g_set_error (error, SILLON_COMMUNES_ERROR, SILLON_COMMUNES_ERROR_INVALID_DATA,
                       /* Translators: %s says why the list could not be read. */
                       _ ("Sillon could not read its list of communes: %s"), local_error->message);
        }
    }
  result = default_communes;
  g_mutex_unlock (&default_lock);
  return result;
}

guint
sillon_communes_get_n_communes (SillonCommunes *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->n_communes;
}

/**
 * sillon_communes_check_code:
 * @code: what should be a code INSEE
 * @error: return location for a #SILLON_COMMUNES_ERROR_INVALID_CODE
 *
 * Checks the shape only: five digits, or 2A/2B and three digits in Corsica.
 */
gboolean
sillon_communes_check_code (const char *code,
                            GError **error)
{
  g_return_val_if_fail (code != NULL, FALSE);

  if (is_code_shape (code))
    return TRUE;
  g_set_error (error, SILLON_COMMUNES_ERROR, SILLON_COMMUNES_ERROR_INVALID_CODE,
               /* Translators: %s is what was given as a commune's code. */
               _ ("“%s” is not a commune code: a code INSEE has five characters, digits "
                  "except 2A or 2B for Corsica, for example 42218 (Saint-Étienne) or 2A004 (Ajaccio)"),
               code);
  return FALSE;
}

/* The first position whose key is >= @prefix. */
static guint
lower_bound (const SortKey *keys,
             guint n_keys,
             const char *prefix)
{
  guint low = 0, high = n_keys;

  while (low < high)
    {
      guint mid = low + (high - low) / 2;
      if (strcmp (keys[mid].key, prefix) < 0)
        low = mid + 1;
      else
        high = mid;
    }
  return low;
}

/**
 * sillon_communes_lookup:
 * @code: a code INSEE, e.g. "42218" (lower-case 2a/2b and surrounding
 *   spaces are accepted)
 *
 * A former code (of a commune that has since merged into another, as
 * communes do every January) gives the commune it became: a record saved
 * years ago still names a commune. The result's @insee then differs from
 * @code, which tells the caller to store the current code on the next save.
 *
 * Returns: (transfer none): the commune, or %NULL with
 *   #SILLON_COMMUNES_ERROR_INVALID_CODE or #SILLON_COMMUNES_ERROR_NOT_FOUND.
 */
const SillonCommune *
sillon_communes_lookup (SillonCommunes *self,
                        const char *code,
                        GError **error)
{
  g_autofree char *canonical = NULL;
  const SillonCommune *found;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (code != NULL, NULL);

  canonical = g_ascii_strup (code, -1);
  g_strstrip (canonical);
  if (!sillon_communes_check_code (canonical, error))
    return NULL;

  found = bsearch (canonical, self->communes, self->n_communes, sizeof (SillonCommune),
                   compare_code_to_commune);
  if (found == NULL)
    {
      guint i = lower_bound (self->former, self->n_former, canonical);

      if (i < self->n_former && g_str_equal (self->former[i].key, canonical))
        return &self->communes[self->former[i].index];
    }
  if (found == NULL)
    {
      g_set_error (error, SILLON_COMMUNES_ERROR, SILLON_COMMUNES_ERROR_NOT_FOUND,
                   /* Translators: %s is a code INSEE, e.g. 42218. */
                   _ ("No commune has, or had, the code INSEE %s"),
                   canonical);
      return NULL;
    }
  return found;
}

/* The best @max communes seen so far, best first. */
typedef struct
{
  SillonCommunes *communes;
  guint *indexes;
  gboolean *exact;
  guint n;
  guint max;
} Ranking;

/* Whole-name matches first (typing "Paris" wants Paris, not the larger
 * commune whose name only starts so), then the larger population, then the
 * code for a stable order. */
static gboolean
ranks_before (Ranking *r,
              guint a,
              gboolean a_exact,
              guint b,
              gboolean b_exact)
{
  const SillonCommune *x = &r->communes->communes[a];
  const SillonCommune *y = &r->communes->communes[b];

  if (a_exact != b_exact)
    return a_exact;
  if (x->population != y->population)
    return x->population > y->population;
  return strcmp (x->insee, y->insee) < 0;
}

static void
ranking_offer (Ranking *r,
               guint index,
               gboolean exact)
{
  guint pos;

  for (guint i = 0; i < r->n; i++)
    if (r->indexes[i] == index)
      {
        if (exact && !r->exact[i])
          {
            /* Seen again as a whole-name match: take it out, offer again. */
            memmove (r->indexes + i, r->indexes + i + 1, (r->n - i - 1) * sizeof (guint));
            memmove (r->exact + i, r->exact + i + 1, (r->n - i - 1) * sizeof (gboolean));
            r->n--;
            break;
          }
        return;
      }

  pos = r->n;
  while (pos > 0 && ranks_before (r, index, exact, r->indexes[pos - 1], r->exact[pos - 1]))
    pos--;
  if (pos >= r->max)
    return;
  if (r->n == r->max)
    r->n--;
  memmove (r->indexes + pos + 1, r->indexes + pos, (r->n - pos) * sizeof (guint));
  memmove (r->exact + pos + 1, r->exact + pos, (r->n - pos) * sizeof (gboolean));
  r->indexes[pos] = index;
  r->exact[pos] = exact;
  r->n++;
}

static void
offer_prefix_range (Ranking *r,
                    const SortKey *keys,
                    guint n_keys,
                    const char *prefix,
                    gboolean whole_counts)
{
  gsize len = strlen (prefix);

  for (guint i = lower_bound (keys, n_keys, prefix); i < n_keys; i++)
    {
      if (strncmp (keys[i].key, prefix, len) != 0)
        break;
      ranking_offer (r, keys[i].index, whole_counts && keys[i].key[len] == '\0');
    }
}

static gboolean
is_abbreviation_alone (const char *literal_key)
{
  return g_str_equal (literal_key, "st") || g_str_equal (literal_key, "ste") || g_str_equal (literal_key, "sts") || g_str_equal (literal_key, "stes");
}

static gboolean
query_error (GError **error,
             const char *query)
{
  g_set_error (error, SILLON_COMMUNES_ERROR, SILLON_COMMUNES_ERROR_INVALID_QUERY,
               /* Translators: %s is what the user typed to find a commune. */
               _ ("“%s” is neither the start of a commune’s name nor of a postal code: type a name "
                  "such as “Saint-Étienne” (or “st etienne”), or a postal code of five digits such as 42000"),
               query);
  return FALSE;
}

/**
 * sillon_communes_complete:
 * @query: what the mediator typed: the start of a commune's name, or the
 *   first digits of a postal code (spaces allowed, "42 000")
 * @max_results: how many communes to return at most (> 0)
 * @error: return location for a #SILLON_COMMUNES_ERROR_INVALID_QUERY
 *
 * Returns: (transfer container) (element-type SillonCommune): the best
 *   matching communes, whole-name matches and larger communes first. An
 *   empty query (or one of spaces) gives an empty array: nothing was typed
 *   yet. %NULL with an error for text that can be neither a name nor a
 *   postal code.
 */
GPtrArray *
sillon_communes_complete (SillonCommunes *self,
                          const char *query,
                          guint max_results,
                          GError **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree guint *indexes = NULL;
  g_autofree gboolean *exact = NULL;
  Ranking ranking = { self, NULL, NULL, 0, max_results };
  GPtrArray *result;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (max_results > 0, NULL);

  if (!g_utf8_validate (query, -1, NULL))
    {
      query_error (error, "");
      return NULL;
    }
  trimmed = g_strstrip (g_strdup (query));
  if (trimmed[0] == '\0')
    return g_ptr_array_new ();

  indexes = g_new (guint, max_results);
  exact = g_new (gboolean, max_results);
  ranking.indexes = indexes;
  ranking.exact = exact;

  if (g_ascii_isdigit (trimmed[0]))
    {
      g_autoptr (GString) prefix = g_string_new (NULL);

      /* Only digits and spaces ("42 000"), at most five digits. */
      for (const char *p = trimmed; *p != '\0'; p++)
        {
          if (g_ascii_isdigit (*p) && prefix->len < 5)
            g_string_append_c (prefix, *p);
          else if (*p != ' ')
            {
              g_set_error (error, SILLON_COMMUNES_ERROR, SILLON_COMMUNES_ERROR_INVALID_QUERY,
                           /* Translators: %s is what the user typed as a postal code. */
                           _ ("“%s” is not a postal code: a French postal code has five digits, "
                              "for example 42000; or type the start of the commune’s name"),
                           trimmed);
              return NULL;
            }
        }
      offer_prefix_range (&ranking, self->postals, self->n_postals, prefix->str, TRUE);
    }
  else
    {
      g_autoptr (GString) literal = g_string_new (NULL);
      g_autoptr (GString) expanded = g_string_new (NULL);

      append_key (literal, trimmed, FALSE);
      append_key (expanded, trimmed, TRUE);
      if (literal->len == 0)
        {
          query_error (error, trimmed);
          return NULL;
        }
      /* "st" alone is the start of many names, not the commune "Le Saint"
       * that it spells out: no precedence for a whole name then. */
      offer_prefix_range (&ranking, self->names, self->n_names, expanded->str,
                          !is_abbreviation_alone (literal->str));
      if (!g_str_equal (literal->str, expanded->str))
        offer_prefix_range (&ranking, self->names, self->n_names, literal->str, TRUE);
    }

  result = g_ptr_array_sized_new (ranking.n);
  for (guint i = 0; i < ranking.n; i++)
    g_ptr_array_add (result, &self->communes[indexes[i]]);
  return result;
}

/**
 * sillon_communes_describe_code:
 * @code: (nullable): a code INSEE as a record stores it
 *
 * What a screen shows for a person's commune: its name with its
 * département, which tells namesakes apart (“Saint-Denis (93)”, “Saint-Denis
 * (974)”). A code no current commune has (a former commune, a typing
 * mistake in an old record) is shown as it is rather than hidden.
 *
 * Returns: (transfer full) (nullable): the text, or %NULL for no code.
 */
char *
sillon_communes_describe_code (SillonCommunes *self,
                               const char *code)
{
  const SillonCommune *commune;

  g_return_val_if_fail (self != NULL, NULL);

  if (code == NULL || code[0] == '\0')
    return NULL;
  commune = sillon_communes_lookup (self, code, NULL);
  if (commune == NULL)
    return g_strdup (code);
  /* Translators: a commune's name and, between brackets, its département's
   * code: “Saint-Étienne (42)”. */
  return g_strdup_printf (C_ ("commune", "%s (%s)"), commune->name, commune->departement);
}
