/* sillon-date-text.c — dates as the mediator reads and types them
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store keeps dates as YYYY-MM-DD; the window shows and reads them in
 * the locale's own order, through GDate (which follows the locale's
 * strftime and its order of day, month and year).
 */

#include "config.h"

#include "sillon-date-text.h"

#include "sillon-date-format.h"

#include <glib/gi18n.h>
#include <stdio.h>

G_DEFINE_QUARK (sillon - date - text - error - quark, sillon_date_text_error)

static gboolean
parse_iso (const char *iso_date,
           GDate *date)
{
  int year, month, day;
  char end;

  g_date_clear (date, 1);
  if (iso_date == NULL || sscanf (iso_date, "%4d-%2d-%2d%c", &year, &month, &day, &end) != 3)
    return FALSE;
  if (!g_date_valid_dmy (day, month, year))
    return FALSE;
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

static char *
to_iso (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
}

/* The core's formatting, shared with the sheets and the other pages: the
 * UI language's order even where the C locale is in force. */
char *
sillon_date_text_format (const char *iso_date)
{
  char *text = iso_date != NULL ? sillon_format_iso_date (iso_date, SILLON_DATE_STYLE_SHORT, NULL) : NULL;

  return text != NULL ? text : g_strdup (iso_date != NULL ? iso_date : "");
}

char *
sillon_date_text_parse (const char *text,
                        GError **error)
{
  GDate date;
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (!parse_iso (stripped, &date))
    {
      g_date_clear (&date, 1);
      if (stripped[0] != '\0')
        g_date_set_parse (&date, stripped);
    }
  if (!g_date_valid (&date) || g_date_get_year (&date) < 1900 || g_date_get_year (&date) > 2999)
    {
      g_autofree char *example = sillon_date_text_today (0);
      g_autofree char *shown = sillon_date_text_format (example);

      /* Translators: %s is today's date as the mediator would type it. */
      g_set_error (error, SILLON_DATE_TEXT_ERROR, SILLON_DATE_TEXT_ERROR_INVALID,
                   _ ("This is not a date. Type a day, month and year, for example %s."), shown);
      return NULL;
    }
  return to_iso (&date);
}

char *
sillon_date_text_today (int days_ahead)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_time_t (&date, time (NULL));
  if (days_ahead > 0)
    g_date_add_days (&date, (guint) days_ahead);
  else if (days_ahead < 0)
    g_date_subtract_days (&date, (guint) -days_ahead);
  return to_iso (&date);
}

char *
sillon_date_text_add_days (const char *iso_date,
                           int days)
{
  GDate date;

  if (!parse_iso (iso_date, &date))
    return NULL;
  if (days > 0)
    g_date_add_days (&date, (guint) days);
  else if (days < 0)
    g_date_subtract_days (&date, (guint) -days);
  return to_iso (&date);
}
