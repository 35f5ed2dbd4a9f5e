/* sillon-number-format.c — counts as the user interface's language writes them
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-number-format.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <string.h>

#include "sillon-date-format.h"

/* The statistics count tens of thousands of sessions and a places file
 * holds thousands of records: "20000" is hard to read, and the grouping
 * differs by language (20,000 in English, 20 000 in French, where
 * "20,000" reads as twenty). As with dates (sillon-date-format.c), the
 * screen follows the interface's language, not only the number settings
 * (LC_NUMERIC): the locale's own grouping when LC_NUMERIC speaks the
 * interface's language, else the translation's separator. */

/**
 * sillon_count_separator:
 * @numeric_locale: the LC_NUMERIC locale, as setlocale (LC_NUMERIC, NULL)
 *   names it
 * @ui_language: the interface's language, as g_get_language_names() gives
 *   it first ("fr", "fr_FR", "C")
 *
 * Returns: (transfer none) (nullable): %NULL when the locale's own grouping
 *   applies (the two agree on a language), else the translation's
 *   thousands separator.
 */
const char *
sillon_count_separator (const char *numeric_locale,
                        const char *ui_language)
{
  g_return_val_if_fail (numeric_locale != NULL, NULL);
  g_return_val_if_fail (ui_language != NULL, NULL);

  if (sillon_locale_speaks_ui_language (numeric_locale, ui_language))
    return NULL;
  /* Translators: what separates groups of three digits in a count when the
   * system's number settings are in another language than Sillon's:
   * “20,000” in English; in French a narrow no-break space (U+202F),
   * “20 000”. */
  return C_ ("thousands separator", ",");
}

/**
 * sillon_format_count:
 * @value: a count
 *
 * Returns: (transfer full): @value with its digits grouped by thousands as
 *   the interface's language writes them.
 */
char *
sillon_format_count (gint64 value)
{
  const char *numeric_locale = setlocale (LC_NUMERIC, NULL);
  const char *separator = sillon_count_separator (numeric_locale != NULL ? numeric_locale : "C",
                                                  g_get_language_names ()[0]);
  g_autofree char *digits = NULL;
  GString *text;
  gsize n, first;

  if (separator == NULL)
    /* The ' flag: the locale's thousands separator. */
    return g_strdup_printf ("%'" G_GINT64_FORMAT, value);

  /* The magnitude's digits, without its sign: G_MININT64 has no positive
   * counterpart in a gint64. */
  digits = g_strdup_printf ("%" G_GUINT64_FORMAT, value < 0 ? (guint64) 0 - (guint64) value : (guint64) value);
  n = strlen (digits);
  text = g_string_new (value < 0 ? "-" : "");
  first = n % 3 != 0 ? n % 3 : 3;
  g_string_append_len (text, digits, (gssize) first);
  for (gsize i = first; i < n; i += 3)
    {
      g_string_append (text, separator);
      g_string_append_len (text, digits + i, 3);
    }
  return g_string_free (text, FALSE);
}
