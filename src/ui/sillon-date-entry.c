/* sillon-date-entry.c — dates as the mediator reads and types them
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store keeps ISO dates; people read "7 December 2026", never
 * "2026-12-07", and French readers never "12/7/2026". Month names come
 * from Sillon's translations, not from the C library's LC_TIME, so that a
 * date is in the UI's language even when the system's time locale differs.
 */

#include "config.h"

#include "sillon-date-entry.h"

#include "sillon-date-format.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "sillon-store.h"

static const char *const months[] = {
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

static const char *
month_name (int month)
{
  return g_dpgettext2 (GETTEXT_PACKAGE, "month", months[month - 1]);
}

char *
sillon_date_format (const char *iso)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (iso != NULL, NULL);

  text = sillon_format_iso_date (iso, SILLON_DATE_STYLE_LONG, NULL);
  return text != NULL ? g_steal_pointer (&text) : g_strdup (iso);
}

char *
sillon_date_format_today (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *iso = g_date_time_format (now, "%Y-%m-%d");

  return sillon_date_format (iso);
}

/* A month written in full or as its first three letters, in the UI's
 * language or in English, accents and case aside. */
static int
parse_month (const char *word)
{
  g_autofree char *folded = sillon_store_fold (word);

  if (strlen (folded) < 3)
    return 0;
  for (int m = 1; m <= 12; m++)
    {
      g_autofree char *translated = sillon_store_fold (month_name (m));
      g_autofree char *english = sillon_store_fold (months[m - 1]);

      if (g_str_has_prefix (translated, folded) || g_str_has_prefix (english, folded))
        return m;
    }
  return 0;
}

char *
sillon_date_parse (const char *text)
{
  g_auto (GStrv) words = NULL;
  int y = 0, m = 0, d = 0;
  char end;

  g_return_val_if_fail (text != NULL, NULL);

  if (sscanf (text, " %4d-%2d-%2d %c", &y, &m, &d, &end) == 3)
    return g_date_valid_dmy (d, m, y) ? g_strdup_printf ("%04d-%02d-%02d", y, m, d) : NULL;
  /* Numbers separated by "/" or "." read day first, as in France. */
  if (sscanf (text, " %2d/%2d/%4d %c", &d, &m, &y, &end) == 3 || sscanf (text, " %2d.%2d.%4d %c", &d, &m, &y, &end) == 3)
    return y >= 1900 && g_date_valid_dmy (d, m, y) ? g_strdup_printf ("%04d-%02d-%02d", y, m, d) : NULL;

  /* "7 December 2026", "December 7, 2026", "7 déc. 2026". */
  words = g_strsplit_set (text, " ,.", -1);
  d = m = y = 0;
  for (guint i = 0; words[i] != NULL; i++)
    {
      char *word = words[i];
      char *rest = NULL;
      gint64 number;

      if (word[0] == '\0')
        continue;
      number = g_ascii_strtoll (word, &rest, 10);
      if (rest != word && (*rest == '\0' || g_str_equal (rest, "er")))
        {
          if (number >= 1900 && y == 0)
            y = (int) number;
          else if (number >= 1 && number <= 31 && d == 0)
            d = (int) number;
          else
            return NULL;
        }
      else if (m == 0 && (m = parse_month (word)) != 0)
        ;
      else
        return NULL;
    }
  if (y == 0 || m == 0 || d == 0 || !g_date_valid_dmy (d, m, y))
    return NULL;
  return g_strdup_printf ("%04d-%02d-%02d", y, m, d);
}
