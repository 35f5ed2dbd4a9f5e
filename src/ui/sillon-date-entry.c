/* sillon-date-entry.c — dates as the mediator reads and types them
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store keeps ISO dates; people read "7 December 2026" in a label and
 * type "07/12/2026" (in French) in an entry, never "2026-12-07". Both forms,
 * and the reading of what was typed, are the core's (sillon-date-format.c,
 * shared with the sheets), so every page writes a date the same way and
 * reads back what it wrote.
 */

#include "config.h"

#include "sillon-date-entry.h"

#include "sillon-date-format.h"

#include <stdio.h>

static char *
format_or_keep (const char *iso,
                SillonDateStyle style)
{
  char *text = NULL;

  /* A record without a date (a workshop being planned) shows an empty
   * entry, not a warning. */
  if (iso == NULL)
    return g_strdup ("");
  text = sillon_format_iso_date (iso, style, NULL);
  return text != NULL ? text : g_strdup (iso);
}

char *
sillon_date_format (const char *iso)
{
  return format_or_keep (iso, SILLON_DATE_STYLE_LONG);
}

char *
sillon_date_entry_text (const char *iso)
{
  return format_or_keep (iso, SILLON_DATE_STYLE_SHORT);
}

char *
sillon_date_entry_text_today (void)
{
  g_autofree char *iso = sillon_date_today (0);

  return sillon_date_entry_text (iso);
}

char *
sillon_date_entry_parse (const char *text,
                         GError **error)
{
  return sillon_parse_date (text != NULL ? text : "", error);
}

static gboolean
parse_iso (const char *iso,
           GDate *date)
{
  int year, month, day;
  char end;

  g_date_clear (date, 1);
  if (iso == NULL || sscanf (iso, "%4d-%2d-%2d%c", &year, &month, &day, &end) != 3 ||
      !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  return TRUE;
}

static char *
to_iso (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date), g_date_get_day (date));
}

static void
add_days (GDate *date,
          int days)
{
  if (days > 0)
    g_date_add_days (date, (guint) days);
  else if (days < 0)
    g_date_subtract_days (date, (guint) -days);
}

char *
sillon_date_today (int days_ahead)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) g_date_time_get_day_of_month (now), (GDateMonth) g_date_time_get_month (now),
                  (GDateYear) g_date_time_get_year (now));
  add_days (&date, days_ahead);
  return to_iso (&date);
}

char *
sillon_date_add_days (const char *iso,
                      int days)
{
  GDate date;

  if (!parse_iso (iso, &date))
    return NULL;
  add_days (&date, days);
  return to_iso (&date);
}
