/* sillon-date-format.c — dates as the user interface's language writes them
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-date-format.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <string.h>

/* The store keeps dates as YYYY-MM-DD, which sorts and exports well but is
 * not how a French mediator reads a date. What the screen shows follows the
 * language of the user interface, not only the date settings (LC_TIME):
 * the two differ more often than one would think (an English desktop with
 * Sillon in French, a test run with LANGUAGE=fr and LC_ALL=C.UTF-8), and a
 * page mixing French words with an American date reads badly. So:
 *
 *  - the short, numeric form is the locale's own (%x) when LC_TIME speaks
 *    the interface's language (fr_FR, fr_CA, en_GB… each its own order),
 *    and otherwise the translation's pattern (07/12/2026 in French;
 *    12/07/2026, month first, in the English msgid);
 *  - the long form spells the month with Sillon's own translated month
 *    names, never LC_TIME's, so it is always in the interface's language;
 *  - what the mediator types is read back in the short form's own order
 *    (sillon_parse_date()), as ISO, or with the month in words. */

GQuark
sillon_date_format_error_quark (void)
{
  return g_quark_from_static_string ("sillon-date-format-error-quark");
}

/* The one list of month names: opening hours and printed sheets translate
 * these same msgids each in their own way. */
static const char *const month_names[] = {
  NC_ ("month", "January"),
  NC_ ("month", "February"),
  NC_ ("month", "March"),
  NC_ ("month", "April"),
  NC_ ("month", "May"),
  NC_ ("month", "June"),
  NC_ ("month", "July"),
  NC_ ("month", "August"),
  NC_ ("month", "September"),
  NC_ ("month", "October"),
  NC_ ("month", "November"),
  NC_ ("month", "December"),
};

/* "fr" of "fr_FR.UTF-8", "fr@euro"; "C" for C, C.UTF-8 and POSIX. */
static char *
language_of (const char *locale_name)
{
  gsize n = strcspn (locale_name, "_.@");

  if (n == 0 || g_str_equal (locale_name, "POSIX") || strncmp (locale_name, "C", n) == 0)
    return g_strdup ("C");
  return g_ascii_strdown (locale_name, (gssize) n);
}

/**
 * sillon_locale_speaks_ui_language:
 * @locale_name: a locale of one category, as setlocale (LC_TIME, NULL) or
 *   setlocale (LC_NUMERIC, NULL) names it
 * @ui_language: the interface's language, as g_get_language_names() gives
 *   it first ("fr", "fr_FR", "C")
 *
 * Returns: whether the locale is a real one (not C or POSIX) of the
 *   interface's language, whose own conventions the screen may then use.
 */
gboolean
sillon_locale_speaks_ui_language (const char *locale_name,
                                  const char *ui_language)
{
  g_autofree char *locale_language = NULL;
  g_autofree char *interface_language = NULL;

  g_return_val_if_fail (locale_name != NULL, FALSE);
  g_return_val_if_fail (ui_language != NULL, FALSE);

  locale_language = language_of (locale_name);
  interface_language = language_of (ui_language);
  return !g_str_equal (locale_language, "C") && g_str_equal (locale_language, interface_language);
}

/**
 * sillon_date_short_pattern:
 * @time_locale: the LC_TIME locale, as setlocale (LC_TIME, NULL) names it
 * @ui_language: the interface's language, as g_get_language_names() gives
 *   it first ("fr", "fr_FR", "C")
 *
 * Returns: (transfer none): the strftime-style pattern of a short date:
 *   "%x" when the two agree on a language, else the translation's pattern.
 */
const char *
sillon_date_short_pattern (const char *time_locale,
                           const char *ui_language)
{
  g_return_val_if_fail (time_locale != NULL, NULL);
  g_return_val_if_fail (ui_language != NULL, NULL);

  if (sillon_locale_speaks_ui_language (time_locale, ui_language))
    return "%x";
  /* Translators: the numeric form of a date when the system's date settings
   * are in another language than Sillon's, in strftime notation with only
   * %d (day), %m (month) and %Y (year); e.g. “%d/%m/%Y” in French. */
  return C_ ("short date", "%m/%d/%Y");
}

/**
 * sillon_format_date:
 * @date: a valid date
 * @style: digits only, or the month in words
 *
 * Returns: (transfer full): @date as the interface's language writes it.
 */
char *
sillon_format_date (const GDate *date,
                    SillonDateStyle style)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  if (style == SILLON_DATE_STYLE_LONG)
    {
      const char *month = g_dpgettext2 (GETTEXT_PACKAGE, "month", sillon_month_msgid (g_date_get_month (date)));

      return g_strdup_printf (
          /* Translators: a date with the month in words: %1$s is the month's
           * name, %2$d the day, %3$d the year; “7 December 2026”. Keep the
           * positions (“%2$d %1$s %3$d” in French). */
          C_ ("long date", "%2$d %1$s %3$d"), month, g_date_get_day (date), g_date_get_year (date));
    }

  {
    const char *time_locale = setlocale (LC_TIME, NULL);
    const char *pattern = sillon_date_short_pattern (time_locale != NULL ? time_locale : "C",
                                                     g_get_language_names ()[0]);
    g_autoptr (GDateTime) noon = g_date_time_new_utc (g_date_get_year (date), g_date_get_month (date),
                                                      g_date_get_day (date), 12, 0, 0);
    char *text = g_date_time_format (noon, pattern);

    /* A translation with a pattern GLib cannot use must not blank a date. */
    return text != NULL ? text : g_date_time_format (noon, "%Y-%m-%d");
  }
}

/**
 * sillon_format_iso_date:
 * @iso_date: a date as the store keeps it, YYYY-MM-DD
 * @error: return location for a #SILLON_DATE_FORMAT_ERROR_INVALID
 *
 * Returns: (transfer full): the date as the interface's language writes
 *   it, or %NULL if @iso_date is not a real date written YYYY-MM-DD.
 */
char *
sillon_format_iso_date (const char *iso_date,
                        SillonDateStyle style,
                        GError **error)
{
  guint64 year = 0, month = 0, day = 0;
  GDate date;

  g_return_val_if_fail (iso_date != NULL, NULL);

  g_date_clear (&date, 1);
  if (strlen (iso_date) == 10 && iso_date[4] == '-' && iso_date[7] == '-')
    {
      g_autofree char *y = g_strndup (iso_date, 4);
      g_autofree char *m = g_strndup (iso_date + 5, 2);
      g_autofree char *d = g_strndup (iso_date + 8, 2);

      if (g_ascii_string_to_unsigned (y, 10, 1, 9999, &year, NULL) && g_ascii_string_to_unsigned (m, 10, 1, 12, &month, NULL) && g_ascii_string_to_unsigned (d, 10, 1, 31, &day, NULL) && g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
        g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
    }
  if (!g_date_valid (&date))
    {
      g_set_error (error, SILLON_DATE_FORMAT_ERROR, SILLON_DATE_FORMAT_ERROR_INVALID,
                   /* Translators: %s is what was given as a date. */
                   _ ("“%s” is not a date written YYYY-MM-DD, such as 2026-12-07"), iso_date);
      return NULL;
    }
  return sillon_format_date (&date, style);
}

/* The order in which the short form writes the day ('d'), the month ('m')
 * and the year ('y'), so that a date typed as the screen shows it reads
 * back the same: "dmy" in French, "mdy" in the English msgid, whatever
 * %x writes when LC_TIME speaks the interface's language. */
static void
short_order (char order[4])
{
  const char *time_locale = setlocale (LC_TIME, NULL);
  const char *pattern = sillon_date_short_pattern (time_locale != NULL ? time_locale : "C",
                                                   g_get_language_names ()[0]);
  g_autofree char *probe = NULL;
  struct
  {
    const char *at;
    char field;
  } fields[3] = { { NULL, 'd' }, { NULL, 'm' }, { NULL, 'y' } };

  if (g_str_equal (pattern, "%x"))
    {
      /* No field of this probe can be mistaken for another. */
      g_autoptr (GDateTime) noon = g_date_time_new_utc (1999, 11, 22, 12, 0, 0);

      probe = g_date_time_format (noon, "%x");
      if (probe != NULL)
        {
          fields[0].at = strstr (probe, "22");
          fields[1].at = strstr (probe, "11");
          fields[2].at = strstr (probe, "99");
        }
    }
  else
    {
      fields[0].at = strstr (pattern, "%d") != NULL ? strstr (pattern, "%d") : strstr (pattern, "%e");
      fields[1].at = strstr (pattern, "%m");
      fields[2].at = strstr (pattern, "%Y") != NULL ? strstr (pattern, "%Y") : strstr (pattern, "%y");
    }
  if (fields[0].at == NULL || fields[1].at == NULL || fields[2].at == NULL)
    {
      /* A pattern without digits for each field: day first, as most of
       * the world writes. */
      strcpy (order, "dmy");
      return;
    }
  for (int i = 0; i < 3; i++)
    for (int j = i + 1; j < 3; j++)
      if (fields[j].at < fields[i].at)
        {
          const char *at = fields[i].at;
          char field = fields[i].field;

          fields[i] = fields[j];
          fields[j].at = at;
          fields[j].field = field;
        }
  for (int i = 0; i < 3; i++)
    order[i] = fields[i].field;
  order[3] = '\0';
}

/* 1 to 4 ASCII digits (and an optional French "er": "1er décembre"). */
static gboolean
read_number (const char *token,
             gboolean ordinal_allowed,
             int *value,
             gsize *digits)
{
  gsize n = 0;

  while (g_ascii_isdigit (token[n]))
    n++;
  if (n == 0 || n > 4 || (token[n] != '\0' && !(ordinal_allowed && g_str_equal (token + n, "er"))))
    return FALSE;
  *value = (int) g_ascii_strtoll (token, NULL, 10);
  *digits = n;
  return TRUE;
}

/* Three groups of digits: YYYY first is ISO's order, any other follows
 * the short form's; a two-digit year (%x writes some) is this century's. */
static gboolean
read_digits (const char *const tokens[3],
             int *day,
             int *month,
             int *year)
{
  char order[4];
  int values[3];
  gsize digits[3];

  for (int i = 0; i < 3; i++)
    if (!read_number (tokens[i], FALSE, &values[i], &digits[i]))
      return FALSE;
  if (digits[0] == 4)
    strcpy (order, "ymd");
  else
    short_order (order);
  for (int i = 0; i < 3; i++)
    {
      if (order[i] == 'y')
        {
          if (digits[i] != 2 && digits[i] != 4)
            return FALSE;
          *year = digits[i] == 2 ? 2000 + values[i] : values[i];
        }
      else if (digits[i] > 2)
        return FALSE;
      else if (order[i] == 'm')
        *month = values[i];
      else
        *day = values[i];
    }
  return TRUE;
}

/* A word folded for comparison: lower case, without accents ("Déc" and
 * "dec" are the same). */
static char *
fold (const char *word)
{
  g_autofree char *ascii = g_str_to_ascii (word, "C");

  return g_ascii_strdown (ascii, -1);
}

/* A month written in full or by its first three letters or more, in the
 * interface's language or in English. */
static int
read_month (const char *word)
{
  g_autofree char *folded = fold (word);

  if (strlen (folded) < 3)
    return 0;
  for (int m = 1; m <= 12; m++)
    {
      g_autofree char *translated = fold (g_dpgettext2 (GETTEXT_PACKAGE, "month", month_names[m - 1]));
      g_autofree char *english = fold (month_names[m - 1]);

      if (g_str_has_prefix (translated, folded) || g_str_has_prefix (english, folded))
        return m;
    }
  return 0;
}

/* "7 December 2026", "December 7, 2026", "1er déc. 2026": the long form,
 * which the other pages show, read back in any order. */
static gboolean
read_words (const char *const tokens[3],
            int *day,
            int *month,
            int *year)
{
  *day = *month = *year = 0;
  for (int i = 0; i < 3; i++)
    {
      int value;
      gsize digits;

      if (read_number (tokens[i], TRUE, &value, &digits))
        {
          if (digits == 4 && *year == 0)
            *year = value;
          else if (digits <= 2 && *day == 0)
            *day = value;
          else
            return FALSE;
        }
      else if (*month == 0 && (*month = read_month (tokens[i])) != 0)
        ;
      else
        return FALSE;
    }
  return *day != 0 && *month != 0 && *year != 0;
}

/* Today in the short form: what an error shows as a date to type. */
static char *
today_example (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, (GDateDay) g_date_time_get_day_of_month (now), (GDateMonth) g_date_time_get_month (now),
                  (GDateYear) g_date_time_get_year (now));
  return sillon_format_date (&today, SILLON_DATE_STYLE_SHORT);
}

/**
 * sillon_parse_date:
 * @text: a date as the mediator typed it
 * @error: return location for a #SILLON_DATE_FORMAT_ERROR_UNREADABLE or
 *   #SILLON_DATE_FORMAT_ERROR_IMPOSSIBLE, with a translated message
 *
 * Reads a date written as the short form shows it (07/12/2026 in French,
 * in the locale's own order where %x is used), as YYYY-MM-DD, or with the
 * month in words.
 *
 * Returns: (transfer full): the date as the store keeps it, YYYY-MM-DD,
 *   or %NULL with @error saying what a date looks like.
 */
char *
sillon_parse_date (const char *text,
                   GError **error)
{
  g_autofree char *stripped = NULL;
  g_auto (GStrv) parts = NULL;
  const char *tokens[3] = { NULL, NULL, NULL };
  guint n = 0;
  int day = 0, month = 0, year = 0;

  g_return_val_if_fail (text != NULL, NULL);

  stripped = g_strstrip (g_strdup (text));
  parts = g_strsplit_set (stripped, " \t/.-,", -1);
  for (guint i = 0; parts[i] != NULL && n <= 3; i++)
    if (parts[i][0] != '\0')
      {
        if (n < 3)
          tokens[n] = parts[i];
        n++;
      }
  if (n != 3 || !(read_digits (tokens, &day, &month, &year) || read_words (tokens, &day, &month, &year)))
    {
      g_autofree char *example = today_example ();

      g_set_error (error, SILLON_DATE_FORMAT_ERROR, SILLON_DATE_FORMAT_ERROR_UNREADABLE,
                   /* Translators: the first %s is what was typed, the
                    * second today's date as the mediator would type it. */
                   _ ("“%s” is not a date. Type the day, month and year, for example %s."), stripped, example);
      return NULL;
    }
  if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1 || day > 31 ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    {
      g_autofree char *example = today_example ();

      g_set_error (error, SILLON_DATE_FORMAT_ERROR, SILLON_DATE_FORMAT_ERROR_IMPOSSIBLE,
                   /* Translators: the first %s is what was typed (31/02/2026),
                    * the second today's date as the mediator would type it. */
                   _ ("“%s” is not a date: the calendar has no such day. Type a real date, for example %s."),
                   stripped, example);
      return NULL;
    }
  return g_strdup_printf ("%04d-%02d-%02d", year, month, day);
}

/**
 * sillon_month_msgid:
 * @month: a valid month, G_DATE_JANUARY to G_DATE_DECEMBER
 *
 * The untranslated name of @month, for the caller to translate in the
 * "month" context with the catalogue it needs (the interface's, or a
 * sheet's own language).
 *
 * Returns: (transfer none): the msgid, "January" to "December".
 */
const char *
sillon_month_msgid (GDateMonth month)
{
  g_return_val_if_fail (g_date_valid_month (month), NULL);

  return month_names[month - 1];
}
