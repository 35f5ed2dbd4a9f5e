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
 *    and otherwise the translation's pattern (07/12/2026 in French; the
 *    unambiguous 2026-12-07 in the English msgid);
 *  - the long form spells the month with Sillon's own translated month
 *    names, never LC_TIME's, so it is always in the interface's language. */

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
  g_autofree char *time_language = NULL;
  g_autofree char *interface_language = NULL;

  g_return_val_if_fail (time_locale != NULL, NULL);
  g_return_val_if_fail (ui_language != NULL, NULL);

  time_language = language_of (time_locale);
  interface_language = language_of (ui_language);
  if (!g_str_equal (time_language, "C") && g_str_equal (time_language, interface_language))
    return "%x";
  /* Translators: the numeric form of a date when the system's date settings
   * are in another language than Sillon's, in strftime notation with only
   * %d (day), %m (month) and %Y (year); e.g. “%d/%m/%Y” in French. */
  return C_ ("short date", "%Y-%m-%d");
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
