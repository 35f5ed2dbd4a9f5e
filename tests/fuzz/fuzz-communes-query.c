/* fuzz-communes-query.c — libFuzzer target for completing a commune
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a mediator types in the person form goes to the completion on every
 * keystroke, and a code read from a record to the lookup. Beyond "no
 * crash", this checks that a query gives either communes (at most as many
 * as asked, each one whose name or postal code the query starts) or an
 * error of the module saying what is valid, never both or neither.
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sillon-communes.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Whether @commune is a fair answer to @query: its name (or, for a name
 * with an article, the rest of it) starts as typed, with "st" read as
 * "saint" or literally, or one of its postal codes starts with the digits
 * typed. */
static gboolean
matches (const SillonCommune *commune,
         const char *query)
{
  static const char *const articles[] = { "Le ", "La ", "Les ", "L'", "L’" };
  g_autofree char *typed = sillon_communes_normalize_name (query);
  g_autoptr (GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString) literal = g_string_new (NULL);
  g_autoptr (GString) digits = g_string_new (NULL);

  /* Transliteration of non-ASCII letters may differ between the query and
   * the keys in ways these checks do not model. */
  if (!g_str_is_ascii (query))
    return TRUE;

  g_ptr_array_add (keys, sillon_communes_normalize_name (commune->name));
  for (gsize i = 0; i < G_N_ELEMENTS (articles); i++)
    if (g_str_has_prefix (commune->name, articles[i]))
      g_ptr_array_add (keys, sillon_communes_normalize_name (commune->name + strlen (articles[i])));
  for (const char *p = query; *p != '\0'; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (literal, g_ascii_tolower (*p));

  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);

      if (g_str_has_prefix (key, typed) || (literal->len > 0 && g_str_has_prefix (key, literal->str)))
        return TRUE;
    }

  for (const char *p = query; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
  for (const char *const *p = commune->postal_codes; *p != NULL; p++)
    if (digits->len > 0 && g_str_has_prefix (*p, digits->str))
      return TRUE;
  return FALSE;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autofree char *text = g_strndup ((const char *) data, MIN (size, 200));
  SillonCommunes *communes = sillon_communes_get_default (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) found = NULL;

  if (communes == NULL)
    abort ();

  found = sillon_communes_complete (communes, text, 20, &error);
  if ((found == NULL) == (error == NULL))
    abort ();
  if (error != NULL && (error->domain != SILLON_COMMUNES_ERROR || error->code != SILLON_COMMUNES_ERROR_INVALID_QUERY))
    abort ();
  for (guint i = 0; found != NULL && i < found->len; i++)
    if (!matches (g_ptr_array_index (found, i), text))
      abort ();
  if (found != NULL && found->len > 20)
    abort ();

  {
    g_autoptr (GError) lookup_error = NULL;
    const SillonCommune *commune = sillon_communes_lookup (communes, text, &lookup_error);
    g_autofree char *described = sillon_communes_describe_code (communes, text);

    if ((commune == NULL) == (lookup_error == NULL))
      abort ();
    if (text[0] != '\0' && described == NULL)
      abort ();
  }
  return 0;
}
