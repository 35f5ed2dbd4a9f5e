/* sillon-opening-hours.c — OpenStreetMap opening_hours: validation and a readable rendering
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-opening-hours.h"

#include <glib/gi18n-lib.h>
#include <string.h>
#include "sillon-date-format.h"

/* A printed sheet gives the hours in the person's language, which need not be
 * the interface's: while sillon_opening_hours_render_translated() runs, every
 * string of this file goes through the translator it was given. The hook is
 * per thread, so the interface's own renderings are never affected. */
static _Thread_local SillonTranslateFunc current_translate;
static _Thread_local gpointer current_translate_data;

static const char *oh_translate (const char *context, const char *msgid) G_GNUC_FORMAT (2);

static const char *
oh_translate (const char *context, const char *msgid)
{
  if (current_translate != NULL)
    return current_translate (context, msgid, current_translate_data);
  return context != NULL ? g_dpgettext2 (GETTEXT_PACKAGE, context, msgid) : g_dgettext (GETTEXT_PACKAGE, msgid);
}

/* xgettext still reads the usual keywords; only their meaning changes here. */
#undef _
#undef C_
#define _(String) oh_translate (NULL, (String))
#define C_(Context, String) oh_translate ((Context), (String))

/* The national standard for places of digital mediation stores opening hours
 * in the OpenStreetMap `opening_hours` syntax. Directories are filled by hand,
 * so the validator follows the published grammar exactly (two-digit hours,
 * English two-letter day names, no colon after a day selector…): a value it
 * accepts can be rendered for a citizen without guessing, and a value it
 * rejects is shown verbatim and flagged for the person who maintains the
 * directory. The parts of the grammar that directories do not use
 * (variable dates such as easter, holiday offsets, repeating intervals
 * inside a time span) are rejected rather than half-understood. */

G_DEFINE_QUARK (sillon - opening - hours - error - quark, sillon_opening_hours_error)

static const char *const weekday_codes[] = { "Mo", "Tu", "We", "Th", "Fr", "Sa", "Su" };
static const char *const weekday_names[] = {
  NC_ ("weekday", "Monday"),
  NC_ ("weekday", "Tuesday"),
  NC_ ("weekday", "Wednesday"),
  NC_ ("weekday", "Thursday"),
  NC_ ("weekday", "Friday"),
  NC_ ("weekday", "Saturday"),
  NC_ ("weekday", "Sunday"),
};

static const char *const month_codes[] = {
  "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
};
static const int month_days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

static const char *const event_codes[] = { "sunrise", "sunset", "dawn", "dusk" };
static const char *const event_names[] = {
  NC_ ("time of day", "sunrise"),
  NC_ ("time of day", "sunset"),
  NC_ ("time of day", "dawn"),
  NC_ ("time of day", "dusk"),
};

typedef enum
{
  STATE_UNSET,
  STATE_OPEN,
  STATE_CLOSED,
  STATE_UNKNOWN,
} RuleState;

typedef struct
{
  GString *wide; /* years, months, dates, weeks */
  GString *days;
  GString *times;
  RuleState state;
  char *comment;
  gboolean always;
} Rule;

/* What a rule selects, kept only when evaluating (sillon_opening_hours_status):
 * the parser fills it as it reads, so that validation, rendering and
 * evaluation can never disagree on what a value means. */
typedef struct
{
  int first, last, step; /* years, weeks; last G_MAXINT for “2025+” */
} NumberRange;

typedef struct
{
  int month, day, last_month, last_day; /* months 0–11; day 0: the whole month */
} DateRange;

typedef struct
{
  int first, last; /* weekdays, 0 = Monday */
  guint8 nth;      /* bit n: the n-th such day of the month (1–5); 0: every */
  guint8 nth_last; /* bit n: the n-th from the end of the month */
} DayRange;

typedef struct
{
  int from, to;                  /* minutes from midnight; to may pass 24:00 */
  gboolean from_event, to_event; /* sunrise, sunset…: not known here */
  gboolean open_end;             /* “09:00+”, “09:00-18:00+” */
  gboolean point;                /* “10:00”, a moment, not a span */
} Span;

typedef enum
{
  RULE_NORMAL,     /* after “;” or first: replaces what earlier rules said of its days */
  RULE_ADDITIONAL, /* after “,”: adds to them */
  RULE_FALLBACK,   /* after “||”: only for days no earlier rule selected */
} RuleKind;

typedef struct
{
  RuleKind kind;
  GArray *years, *dates, *weeks, *days, *spans;
  gboolean public_holidays, school_holidays;
  gboolean holidays_and_days; /* “SH Mo-Fr”: the weekdays within the holidays */
  gboolean always;
  gboolean has_comment;
  RuleState state;
} EvalRule;

typedef struct
{
  const char *s;
  gsize pos;
  gboolean render;
  EvalRule *eval; /* the rule being read, when evaluating */
  Rule rule;
  GString *out;
  GError *error;
  gsize error_pos;
} Parser;

static gboolean G_GNUC_PRINTF (4, 5)
    fail (Parser *p,
          gsize pos,
          SillonOpeningHoursError code,
          const char *format,
          ...)
{
  g_autofree char *explanation = NULL;
  va_list args;

  /* Only the first problem is reported: later ones are usually consequences. */
  if (p->error != NULL)
    return FALSE;

  va_start (args, format);
  explanation = g_strdup_vprintf (format, args);
  va_end (args);

  p->error_pos = pos;
  p->error = g_error_new (SILLON_OPENING_HOURS_ERROR, code,
                          /* Translators: the first %ld is a character position (1 for the
                           * first character), the %s explains what is wrong there. */
                          _ ("Invalid opening hours at character %ld: %s"),
                          g_utf8_strlen (p->s, pos) + 1, explanation);
  return FALSE;
}

static gsize
word_length (const char *s)
{
  gsize n = 0;

  while (g_ascii_isalpha (s[n]))
    n++;
  return n;
}

static gboolean
at_word (Parser *p,
         const char *word)
{
  gsize n = strlen (word);

  return strncmp (p->s + p->pos, word, n) == 0 && word_length (p->s + p->pos) == n;
}

static int
lookup_word (Parser *p,
             const char *const *codes,
             gsize n_codes)
{
  for (gsize i = 0; i < n_codes; i++)
    if (at_word (p, codes[i]))
      return (int) i;
  return -1;
}

static void
skip_spaces (Parser *p)
{
  while (p->s[p->pos] == ' ')
    p->pos++;
}

static gsize
count_digits (Parser *p)
{
  gsize n = 0;

  while (g_ascii_isdigit (p->s[p->pos + n]))
    n++;
  return n;
}

static int
read_number (Parser *p,
             gsize n_digits)
{
  int value = 0;

  for (gsize i = 0; i < n_digits; i++)
    value = value * 10 + (p->s[p->pos + i] - '0');
  p->pos += n_digits;
  return value;
}

static void
append (GString *target,
        const char *separator,
        const char *text)
{
  if (target->len > 0)
    g_string_append (target, separator);
  g_string_append (target, text);
}

/* Translated names are looked up when rendering, not when the tables are
 * built, so that a sheet can be printed after the locale was switched. */
static const char *
weekday_name (int day)
{
  return oh_translate ("weekday", weekday_names[day]);
}

static const char *
month_name (int month)
{
  return oh_translate ("month", sillon_month_msgid (month + 1));
}

/* ---------------------------------------------------------------------- */
/* Selectors */

static gboolean
at_year (Parser *p)
{
  return count_digits (p) == 4 && p->s[p->pos + 4] != ':';
}

static gboolean
at_month (Parser *p)
{
  return lookup_word (p, month_codes, G_N_ELEMENTS (month_codes)) >= 0;
}

static gboolean
at_weekday (Parser *p)
{
  return lookup_word (p, weekday_codes, G_N_ELEMENTS (weekday_codes)) >= 0 ||
         at_word (p, "PH") || at_word (p, "SH");
}

static gboolean
at_time (Parser *p)
{
  return g_ascii_isdigit (p->s[p->pos]) || p->s[p->pos] == '(' ||
         lookup_word (p, event_codes, G_N_ELEMENTS (event_codes)) >= 0;
}

static gboolean
parse_year (Parser *p,
            int *year)
{
  gsize start = p->pos;

  if (count_digits (p) != 4)
    return fail (p, p->pos, SILLON_OPENING_HOURS_ERROR_SYNTAX,
                 _ ("a year is written with four digits"));
  *year = read_number (p, 4);
  if (*year < 1900)
    return fail (p, start, SILLON_OPENING_HOURS_ERROR_RANGE,
                 _ ("the year %d is out of range"), *year);
  return TRUE;
}

static gboolean
parse_year_selector (Parser *p)
{
  for (;;)
    {
      g_autofree char *text = NULL;
      int first, last, step;
      gsize start = p->pos;

      if (!parse_year (p, &first))
        return FALSE;
      last = first;
      if (p->s[p->pos] == '-')
        {
          p->pos++;
          if (!parse_year (p, &last))
            return FALSE;
          if (last < first)
            return fail (p, start, SILLON_OPENING_HOURS_ERROR_RANGE,
                         _ ("a range of years must go forward"));
        }
      if (p->s[p->pos] == '+')
        {
          p->pos++;
          last = G_MAXINT;
          text = g_strdup_printf (C_ ("years", "from %d"), first);
        }
      else if (last != first)
        text = g_strdup_printf (C_ ("years", "%d to %d"), first, last);
      else
        text = g_strdup_printf ("%d", first);

      step = 1;
      if (p->s[p->pos] == '/')
        {
          gsize n;

          p->pos++;
          n = count_digits (p);
          if (n == 0 || n > 3)
            return fail (p, p->pos, SILLON_OPENING_HOURS_ERROR_SYNTAX,
                         _ ("expected a number of years after “/”"));
          step = read_number (p, n);
          if (step < 1)
            return fail (p, p->pos - n, SILLON_OPENING_HOURS_ERROR_RANGE,
                         _ ("a repetition step must be at least 1"));
          if (p->render)
            {
              char *with_step = g_strdup_printf (C_ ("years", "%s, every %d years"), text, step);
              g_free (text);
              text = with_step;
            }
        }
      if (p->eval != NULL)
        {
          NumberRange range = { first, last, step };
          g_array_append_val (p->eval->years, range);
        }
      if (p->render)
        append (p->rule.wide, ", ", text);
      if (p->s[p->pos] != ',' || !at_year (&(Parser){ .s = p->s, .pos = p->pos + 1 }))
        break;
      p->pos++;
    }
  return TRUE;
}

/* A day of the month: one or two digits after a month name, but not the
 * hours of a time that follows the month (“Dec 10:00-12:00” is invalid
 * anyway, and is reported when the time is read). */
static gboolean
at_month_day (Parser *p)
{
  gsize n;

  if (p->s[p->pos] != ' ')
    return FALSE;
  n = count_digits (&(Parser){ .s = p->s, .pos = p->pos + 1 });
  return n > 0 && p->s[p->pos + 1 + n] != ':';
}

static gboolean
parse_month_day (Parser *p,
                 int month,
                 int *day)
{
  gsize n = count_digits (p);
  gsize start = p->pos;

  if (n == 0 || n > 2)
    return fail (p, p->pos, SILLON_OPENING_HOURS_ERROR_SYNTAX,
                 _ ("a day of the month is written with one or two digits"));
  *day = read_number (p, n);
  if (*day < 1 || *day > month_days[month])
    return fail (p, start, SILLON_OPENING_HOURS_ERROR_RANGE,
                 _ ("%s has no day %d"), month_codes[month], *day);
  return TRUE;
}

static char *
format_date (int month,
             int day)
{
  if (day == 0)
    return g_strdup (month_name (month));
  /* Translators: a day of a month, as in “December 25”; %1$s is the month name,
   * %2$d the day. Reorder with the positional forms, e.g. “%2$d %1$s”. */
  return g_strdup_printf (C_ ("date", "%1$s %2$d"), month_name (month), day);
}

static gboolean
parse_monthday_selector (Parser *p)
{
  for (;;)
    {
      g_autofree char *text = NULL;
      int month = lookup_word (p, month_codes, G_N_ELEMENTS (month_codes));
      int day = 0;
      DateRange range;

      if (month < 0)
        return fail (p, p->pos, SILLON_OPENING_HOURS_ERROR_SYNTAX,
                     _ ("expected a month (Jan, Feb, … Dec)"));
      p->pos += 3;
      if (at_month_day (p))
        {
          p->pos++;
          if (!parse_month_day (p, month, &day))
            return FALSE;
        }
      text = format_date (month, day);
      range = (DateRange){ month, day, month, day };

      if (p->s[p->pos] == '-')
        {
          g_autofree char *last_text = NULL;
          int last_month = month, last_day = 0;

          p->pos++;
          if (g_ascii_isdigit (p->s[p->pos]))
            {
              /* “Dec 24-26”: the second day is in the same month. */
              if (day == 0)
                return fail (p, p->pos, SILLON_OPENING_HOURS_ERROR_SYNTAX,
                             _ ("a range that starts with a whole month must end with a month"));
              if (!parse_month_day (p, month, &last_day))
                return FALSE;
              last_text = g_strdup_printf ("%d", last_day);
            }
          else
            {
              gsize last_start = p->pos;

              last_month = lookup_word (p, month_codes, G_N_ELEMENTS (month_codes));
              if (last_month < 0)
                return fail (p, p->pos, SILLON_OPENING_HOURS_ERROR_SYNTAX,
                             _ ("expected a month (Jan, Feb, … Dec) after “-”"));
              p->pos += 3;
              if (at_month_day (p))
                {
                  p->pos++;
                  if (!parse_month_day (p, last_month, &last_day))
                    return FALSE;
                }
              if ((day == 0) != (last_day == 0))
                return fail (p, last_start, SILLON_OPENING_HOURS_ERROR_SYNTAX,
                             _ ("both ends of a date range need a day, or neither"));
              last_text = format_date (last_month, last_day);
            }
          range.last_month = last_month;
          range.last_day = last_day;
          if (p->render)
            {
              char *joined = g_strdup_printf (C_ ("month range", "%s to %s"), text, last_text);
              g_free (text);
              text = joined;
            }
        }
      if (p->eval != NULL)
        g_array_append_val (p->eval->dates, range);
      if (p->render)
        append (p->rule.wide, ", ", text);

      if (p->s[p->pos] != ',' || !at_month (&(Parser){ .s = p->s, .pos = p->pos + 1 }))
        break;
      p->pos++;
    }
  return TRUE;
}

static gboolean
parse_week_number (Parser *p,
                   int *week)
{
  gsize n = count_digits (p);
  gsize start = p->pos;

  if (n == 0 || n > 2)
    return fail (p, p->pos, SILLON_OPENING_HOURS_ERROR_SYNTAX,
                 _ ("expected a week number from 01 to 53"));
  *week = read_number (p, n);
  if (*week < 1 || *week > 53)
    return fail (p, start, SILLON_OPENING_HOURS_ERROR_RANGE,
                 _ ("week numbers go from 01 to 53"));
  return TRUE;
}

static gboolean
parse_week_selector (Parser *p)
{
  p->pos += 4;
  if (p->s[p->pos] != ' ')
    return fail (p, p->pos, SILLON_OPENING_HOURS_ERROR_SYNTAX,
                 _ ("expected a space and a week number after “week”"));
  p->pos++;

  for (;;)
    {
      g_autofree char *text = NULL;
      int first, last, step = 0;

      if (!parse_week_number (p, &first))
        return FALSE;
      last = first;
      if (p->s[p->pos] == '-')
        {
          p->pos++;
          if (!parse_week_number (p, &last))
            return FALSE;
          if (p->s[p->pos] == '/')
            {
              gsize n;

              p->pos++;
              n = count_digits (p);
              if (n == 0 || n > 2)
                return fail (p, p->pos, SILLON_OPENING_HOURS_ERROR_SYNTAX,
                             _ ("expected a number of weeks after “/”"));
              step = read_number (p, n);
              if (step < 1)
                return fail (p, p->pos - n, SILLON_OPENING_HOURS_ERROR_RANGE,
                             _ ("a repetition step must be at least 1"));
            }
        }
      if (p->eval != NULL)
        {
          NumberRange range = { first, last, step > 0 ? step : 1 };
          g_array_append_val (p->eval->weeks, range);
        }
      if (p->render)
        {
          if (step > 1)
            text = g_strdup_printf (_ ("weeks %d to %d, every %d weeks"), first, last, step);
          else if (last != first)
            text = g_strdup_printf (_ ("weeks %d to %d"), first, last);
          else
            text = g_strdup_printf (_ ("week %d"), first);
          append (p->rule.wide, ", ", text);
        }
      if (p->s[p->pos] != ',')
        break;
      p->pos++;
    }
  return TRUE;
}

static gboolean
parse_nth (Parser *p,
           GString *text,
           DayRange *range)
{
  /* “Mo[1]”, “Su[-1]”, “Sa[1,3]”, “We[2-4]”: which occurrences in the month. */
  p->pos++;
  for (;;)
    {
      gsize start = p->pos;
      gboolean negative = FALSE;
      int first, last;

      if (p->s[p->pos] == '-')
        {
          negative = TRUE;
          p->pos++;
        }
      if (count_digits (p) != 1)
        return fail (p, p->pos, SILLON_OPENING_HOURS_ERROR_SYNTAX,
                     _ ("expected a number from 1 to 5 between brackets"));
      first = read_number (p, 1);
      if (first < 1 || first > 5)
        return fail (p, start, SILLON_OPENING_HOURS_ERROR_RANGE,
                     _ ("expected a number from 1 to 5 between brackets"));
      last = first;
      if (!negative && p->s[p->pos] == '-')
        {
          p->pos++;
          if (count_digits (p) != 1)
            return fail (p, p->pos, SILLON_OPENING_HOURS_ERROR_SYNTAX,
                         _ ("expected a number from 1 to 5 between brackets"));
          last = read_number (p, 1);
          if (last < first || last > 5)
            return fail (p, start, SILLON_OPENING_HOURS_ERROR_RANGE,
                         _ ("expected a number from 1 to 5 between brackets"));
        }
      for (int n = first; n <= last; n++)
        {
          if (negative)
            range->nth_last |= 1 << n;
          else
            range->nth |= 1 << n;
        }
      if (text->len > 0)
        g_string_append (text, ", ");
      if (negative)
        g_string_append_printf (text, "-%d", first);
      else if (last != first)
        g_string_append_printf (text, "%d–%d", first, last);
      else
        g_string_append_printf (text, "%d", first);

      if (p->s[p->pos] == ']')
        {
          p->pos++;
          return TRUE;
        }
      if (p->s[p->pos] != ',')
        return fail (p, p->pos, SILLON_OPENING_HOURS_ERROR_SYNTAX,
                     _ ("expected “]” to close the brackets"));
      p->pos++;
    }
}

static gboolean
parse_weekday_selector (Parser *p)
{
  for (;;)
    {
      g_autofree char *text = NULL;
      int day = lookup_word (p, weekday_codes, G_N_ELEMENTS (weekday_codes));

      if (at_word (p, "PH") || at_word (p, "SH"))
        {
          gboolean public = p->s[p->pos] == 'P';

          p->pos += 2;
          if (p->eval != NULL)
            {
              if (public)
                p->eval->public_holidays = TRUE;
              else
                p->eval->school_holidays = TRUE;
            }
          text = g_strdup (public ? _ ("public holidays") : _ ("school holidays"));
          /* “SH Mo-Fr”: the days within the holidays. */
          if (p->s[p->pos] == ' ' &&
              lookup_word (&(Parser){ .s = p->s, .pos = p->pos + 1 }, weekday_codes, G_N_ELEMENTS (weekday_codes)) >= 0)
            {
              if (p->render)
                append (p->rule.days, ", ", text);
              if (p->eval != NULL)
                p->eval->holidays_and_days = TRUE;
              g_clear_pointer (&text, g_free);
              p->pos++;
              continue;
            }
        }
      else if (day >= 0)
        {
          DayRange range = { day, day, 0, 0 };

          p->pos += 2;
          if (p->s[p->pos] == '[')
            {
              g_autoptr (GString) nth = g_string_new (NULL);

              if (!parse_nth (p, nth, &range))
                return FALSE;
              /* Translators: a weekday and which of its occurrences in the
               * month, as in “Monday (1, 3 of the month)”. */
              text = g_strdup_printf (_ ("%s (%s of the month)"), weekday_name (day), nth->str);
            }
          else if (p->s[p->pos] == '-')
            {
              int last;

              p->pos++;
              last = lookup_word (p, weekday_codes, G_N_ELEMENTS (weekday_codes));
              if (last < 0)
                return fail (p, p->pos, SILLON_OPENING_HOURS_ERROR_SYNTAX,
                             _ ("expected a day (Mo, Tu, We, Th, Fr, Sa, Su) after “-”"));
              p->pos += 2;
              range.last = last;
              /* Translators: a range of weekdays, as in “Monday to Friday”. */
              text = g_strdup_printf (C_ ("weekday range", "%s to %s"), weekday_name (day), weekday_name (last));
            }
          else
            text = g_strdup (weekday_name (day));
          if (p->eval != NULL)
            g_array_append_val (p->eval->days, range);
        }
      else
        return fail (p, p->pos, SILLON_OPENING_HOURS_ERROR_SYNTAX,
                     _ ("expected a day (Mo, Tu, We, Th, Fr, Sa, Su) or PH"));

      if (p->render)
        append (p->rule.days, ", ", text);

      if (p->s[p->pos] != ',')
        break;
      /* “Mo,We” and, as often typed, “Mo, We”; a comma followed by anything
       * else separates two rules and is left for the caller. */
      {
        Parser ahead = { .s = p->s, .pos = p->pos + 1 };

        skip_spaces (&ahead);
        if (!at_weekday (&ahead))
          break;
        p->pos = ahead.pos;
      }
    }
  return TRUE;
}

static char *
format_clock (int minutes)
{
  int hours = minutes / 60;

  /* Times after midnight of the next day (“22:00-02:00” is also written
   * “22:00-26:00”) read as the clock shows them. */
  if (hours > 24)
    hours -= 24;
  if (minutes % 60 == 0)
    /* Translators: a time on the hour, in a list of opening hours; e.g. “%d h” in French. */
    return g_strdup_printf (C_ ("clock", "%d:00"), hours);
  /* Translators: a time with minutes, in a list of opening hours; e.g. “%d h %02d” in French. */
  return g_strdup_printf (C_ ("clock", "%d:%02d"), hours, minutes % 60);
}

static gboolean
parse_clock (Parser *p,
             gboolean closing,
             int *minutes)
{
  gsize start = p->pos;
  int hours, mins;

  if (!g_ascii_isdigit (p->s[p->pos]))
    return fail (p, p->pos, SILLON_OPENING_HOURS_ERROR_SYNTAX,
                 _ ("expected a time such as 09:00"));
  if (!g_ascii_isdigit (p->s[p->pos + 1]))
    return fail (p, p->pos, SILLON_OPENING_HOURS_ERROR_SYNTAX,
                 _ ("hours are written with two digits, as in 09:00"));
  if (g_ascii_isdigit (p->s[p->pos + 2]))
    return fail (p, p->pos, SILLON_OPENING_HOURS_ERROR_SYNTAX,
                 _ ("expected a time such as 09:00"));
  hours = read_number (p, 2);
  if (p->s[p->pos] != ':')
    return fail (p, p->pos, SILLON_OPENING_HOURS_ERROR_SYNTAX,
                 _ ("expected “:” between hours and minutes, as in 09:00"));
  p->pos++;
  if (count_digits (p) != 2)
    return fail (p, p->pos, SILLON_OPENING_HOURS_ERROR_SYNTAX,
                 _ ("minutes are written with two digits, as in 09:00"));
  mins = read_number (p, 2);
  if (mins > 59)
    return fail (p, start + 3, SILLON_OPENING_HOURS_ERROR_RANGE,
                 _ ("minutes go from 00 to 59"));
  *minutes = hours * 60 + mins;
  /* A span may close after midnight (up to 48:00) but must open within the day. */
  if (!closing && *minutes > 24 * 60)
    return fail (p, start, SILLON_OPENING_HOURS_ERROR_RANGE,
                 _ ("an opening time must be between 00:00 and 24:00"));
  if (closing && *minutes > 48 * 60)
    return fail (p, start, SILLON_OPENING_HOURS_ERROR_RANGE,
                 _ ("a closing time must be between 00:00 and 48:00"));
  return TRUE;
}

/* @minutes is set to the time, or -1 for a sunrise, sunset… */
static gboolean
parse_time (Parser *p,
            gboolean closing,
            char **text,
            int *minutes_out)
{
  int event;

  *minutes_out = -1;

  if (p->s[p->pos] == '(')
    {
      /* “(sunrise+01:00)” */
      g_autofree char *offset = NULL;
      gboolean plus;
      int minutes;

      p->pos++;
      event = lookup_word (p, event_codes, G_N_ELEMENTS (event_codes));
      if (event < 0)
        return fail (p, p->pos, SILLON_OPENING_HOURS_ERROR_SYNTAX,
                     _ ("expected sunrise, sunset, dawn or dusk after “(”"));
      p->pos += strlen (event_codes[event]);
      if (p->s[p->pos] != '+' && p->s[p->pos] != '-')
        return fail (p, p->pos, SILLON_OPENING_HOURS_ERROR_SYNTAX,
                     _ ("expected “+” or “-” and an offset such as 01:00"));
      plus = p->s[p->pos] == '+';
      p->pos++;
      if (!parse_clock (p, FALSE, &minutes))
        return FALSE;
      if (p->s[p->pos] != ')')
        return fail (p, p->pos, SILLON_OPENING_HOURS_ERROR_SYNTAX,
                     _ ("expected “)”"));
      p->pos++;
      offset = g_strdup_printf ("%d:%02d", minutes / 60, minutes % 60);
      *text = g_strdup_printf (plus ? C_ ("time of day", "%s + %s") : C_ ("time of day", "%s − %s"),
                               oh_translate ("time of day", event_names[event]), offset);
      return TRUE;
    }

  event = lookup_word (p, event_codes, G_N_ELEMENTS (event_codes));
  if (event >= 0)
    {
      p->pos += strlen (event_codes[event]);
      *text = g_strdup (oh_translate ("time of day", event_names[event]));
      return TRUE;
    }
  else
    {
      int minutes;

      if (!parse_clock (p, closing, &minutes))
        return FALSE;
      *text = format_clock (minutes);
      *minutes_out = minutes;
      return TRUE;
    }
}

static gboolean
parse_time_selector (Parser *p)
{
  for (;;)
    {
      g_autofree char *from = NULL;
      g_autofree char *text = NULL;
      Span span = { 0 };

      if (!parse_time (p, FALSE, &from, &span.from))
        return FALSE;
      if (p->s[p->pos] == ' ' && (p->s[p->pos + 1] == '-' || p->s[p->pos + 1] == '\xe2'))
        return fail (p, p->pos, SILLON_OPENING_HOURS_ERROR_SYNTAX,
                     _ ("no spaces around “-” in a time span: write 09:00-12:00"));
      if (p->s[p->pos] == '-')
        {
          g_autofree char *to = NULL;

          p->pos++;
          if (!parse_time (p, TRUE, &to, &span.to))
            return FALSE;
          if (p->s[p->pos] == '+')
            {
              p->pos++;
              span.open_end = TRUE;
              /* Translators: a span whose closing time is only an estimate. */
              text = g_strdup_printf (_ ("%s–%s or later"), from, to);
            }
          else
            text = g_strdup_printf ("%s–%s", from, to);
        }
      else if (p->s[p->pos] == '+')
        {
          p->pos++;
          span.to = span.from;
          span.open_end = TRUE;
          /* Translators: open from a time with no known closing time. */
          text = g_strdup_printf (_ ("from %s"), from);
        }
      else
        {
          span.to = span.from;
          span.point = TRUE;
          text = g_steal_pointer (&from);
        }
      if (p->eval != NULL)
        {
          span.from_event = span.from < 0;
          span.to_event = span.to < 0;
          g_array_append_val (p->eval->spans, span);
        }

      if (p->render)
        append (p->rule.times, ", ", text);

      if (p->s[p->pos] != ',')
        break;
      {
        Parser ahead = { .s = p->s, .pos = p->pos + 1 };

        skip_spaces (&ahead);
        if (!at_time (&ahead))
          break;
        p->pos = ahead.pos;
      }
    }
  return TRUE;
}

/* After a selector comes a space, the end of the rule, or a separator. */
static gboolean
end_selector (Parser *p)
{
  char c = p->s[p->pos];

  if (c == ' ')
    {
      skip_spaces (p);
      return TRUE;
    }
  if (c == '\0' || c == ';' || c == ',' || c == '|')
    return TRUE;
  if (c == ':')
    return fail (p, p->pos, SILLON_OPENING_HOURS_ERROR_SYNTAX,
                 _ ("no colon after days: write “Mo-Fr 09:00-12:00”"));
  if (c == 'h' || c == 'H')
    return fail (p, p->pos, SILLON_OPENING_HOURS_ERROR_SYNTAX,
                 _ ("times are written 09:00, not 9h"));
  return fail (p, p->pos, SILLON_OPENING_HOURS_ERROR_SYNTAX,
               _ ("expected a space"));
}

static gboolean
fail_unexpected (Parser *p)
{
  gsize n = word_length (p->s + p->pos);

  if (n > 0)
    {
      g_autofree char *word = g_strndup (p->s + p->pos, n);

      return fail (p, p->pos, SILLON_OPENING_HOURS_ERROR_SYNTAX,
                   _ ("unknown word “%s” (days are Mo, Tu, We, Th, Fr, Sa, Su, PH; months Jan … Dec)"),
                   word);
    }
  if (p->s[p->pos] == '\0')
    return fail (p, p->pos, SILLON_OPENING_HOURS_ERROR_SYNTAX,
                 _ ("unexpected end of text"));
  {
    g_autofree char *character = g_utf8_substring (p->s + p->pos, 0, 1);

    return fail (p, p->pos, SILLON_OPENING_HOURS_ERROR_SYNTAX,
                 _ ("unexpected “%s”"), character);
  }
}

static gboolean
parse_rule (Parser *p)
{
  gboolean any = FALSE;
  gboolean wide = FALSE;

  if (at_year (p))
    {
      if (!parse_year_selector (p))
        return FALSE;
      wide = TRUE;
      /* A year followed directly by a month is a date: “2026 Dec 25”. */
      if (p->s[p->pos] == ' ' && at_month (&(Parser){ .s = p->s, .pos = p->pos + 1 }))
        p->pos++;
      else if (p->s[p->pos] != ':' && !end_selector (p))
        return FALSE;
    }
  if (at_month (p))
    {
      if (!parse_monthday_selector (p))
        return FALSE;
      wide = TRUE;
      if (p->s[p->pos] != ':' && !end_selector (p))
        return FALSE;
    }
  if (at_word (p, "week"))
    {
      if (!parse_week_selector (p))
        return FALSE;
      wide = TRUE;
      if (p->s[p->pos] != ':' && !end_selector (p))
        return FALSE;
    }
  if (wide && p->s[p->pos] == ':')
    {
      p->pos++;
      if (!end_selector (p))
        return FALSE;
    }
  any = wide;

  if (strncmp (p->s + p->pos, "24/7", 4) == 0)
    {
      p->pos += 4;
      p->rule.always = TRUE;
      if (p->eval != NULL)
        p->eval->always = TRUE;
      any = TRUE;
      if (!end_selector (p))
        return FALSE;
    }
  else
    {
      if (at_weekday (p))
        {
          if (!parse_weekday_selector (p) || !end_selector (p))
            return FALSE;
          any = TRUE;
        }
      if (at_time (p))
        {
          if (!parse_time_selector (p) || !end_selector (p))
            return FALSE;
          any = TRUE;
        }
    }

  if (at_word (p, "open") || at_word (p, "closed") || at_word (p, "off") || at_word (p, "unknown"))
    {
      gsize n = word_length (p->s + p->pos);

      p->rule.state = p->s[p->pos] == 'o' && n == 4 ? STATE_OPEN : p->s[p->pos] == 'u' ? STATE_UNKNOWN
                                                                                       : STATE_CLOSED;
      if (p->eval != NULL)
        p->eval->state = p->rule.state;
      p->pos += n;
      if (!end_selector (p))
        return FALSE;
      any = TRUE;
    }

  if (p->s[p->pos] == '"')
    {
      const char *close = strchr (p->s + p->pos + 1, '"');

      if (close == NULL)
        return fail (p, p->pos, SILLON_OPENING_HOURS_ERROR_SYNTAX,
                     _ ("a comment opened with “\"” is not closed"));
      p->rule.comment = g_strndup (p->s + p->pos + 1, close - (p->s + p->pos + 1));
      if (p->eval != NULL)
        p->eval->has_comment = TRUE;
      p->pos = close - p->s + 1;
      skip_spaces (p);
      any = TRUE;
    }

  if (!any)
    return fail_unexpected (p);
  return TRUE;
}

/* ---------------------------------------------------------------------- */
/* Rendering */

static void
rule_clear (Rule *rule)
{
  g_string_truncate (rule->wide, 0);
  g_string_truncate (rule->days, 0);
  g_string_truncate (rule->times, 0);
  rule->state = STATE_UNSET;
  g_clear_pointer (&rule->comment, g_free);
  rule->always = FALSE;
}

static void
rule_render (Rule *rule,
             GString *out)
{
  g_autoptr (GString) when = g_string_new (rule->wide->str);
  g_autofree char *body = NULL;
  g_autofree char *text = NULL;

  if (rule->days->len > 0)
    append (when, ", ", rule->days->str);

  if (rule->state == STATE_CLOSED && rule->times->len > 0)
    /* Translators: closed during the listed hours. */
    body = g_strdup_printf (_ ("closed %s"), rule->times->str);
  else if (rule->state == STATE_CLOSED)
    body = g_strdup (_ ("closed"));
  else if (rule->state == STATE_UNKNOWN)
    body = g_strdup (_ ("hours not known"));
  else if (rule->times->len > 0)
    body = g_strdup (rule->times->str);
  else if (rule->always)
    body = g_strdup (_ ("open 24 hours a day"));
  else if (rule->comment == NULL)
    body = g_strdup (_ ("open"));

  if (rule->comment != NULL)
    {
      char *with_comment = body != NULL
                               /* Translators: opening hours followed by a remark in the directory, e.g. “9:00–12:00 (by appointment)”. */
                               ? g_strdup_printf (_ ("%s (%s)"), body, rule->comment)
                               : g_strdup (rule->comment);
      g_free (body);
      body = with_comment;
    }

  if (when->len == 0 && (rule->always || rule->times->len > 0))
    g_string_assign (when, _ ("every day"));

  if (when->len > 0)
    /* Translators: when, then the hours: “Monday to Friday: 9:00–12:00”. French uses a space before the colon. */
    text = g_strdup_printf (_ ("%s: %s"), when->str, body);
  else
    text = g_steal_pointer (&body);

  /* Translators: between two rules of opening hours, as in “Monday to
   * Friday: 9:00–12:00; Saturday: 8:30–12:00”. French puts a no-break
   * space before the semicolon. */
  append (out, C_ ("opening hours", "; "), text);
}

static EvalRule *
eval_rule_new (RuleKind kind)
{
  EvalRule *rule = g_new0 (EvalRule, 1);

  rule->kind = kind;
  rule->years = g_array_new (FALSE, FALSE, sizeof (NumberRange));
  rule->dates = g_array_new (FALSE, FALSE, sizeof (DateRange));
  rule->weeks = g_array_new (FALSE, FALSE, sizeof (NumberRange));
  rule->days = g_array_new (FALSE, FALSE, sizeof (DayRange));
  rule->spans = g_array_new (FALSE, FALSE, sizeof (Span));
  rule->state = STATE_UNSET;
  return rule;
}

static void
eval_rule_free (EvalRule *rule)
{
  g_array_unref (rule->years);
  g_array_unref (rule->dates);
  g_array_unref (rule->weeks);
  g_array_unref (rule->days);
  g_array_unref (rule->spans);
  g_free (rule);
}

/* @eval_rules: when not %NULL, receives an EvalRule per rule. */
static gboolean
parse (const char *text,
       gboolean render,
       GString **rendering,
       GPtrArray *eval_rules,
       gsize *error_offset,
       GError **error)
{
  Parser p = { .s = text, .render = render };
  const char *invalid = NULL;
  gboolean ok = TRUE;
  RuleKind kind = RULE_NORMAL;

  g_return_val_if_fail (text != NULL, FALSE);

  if (!g_utf8_validate (text, -1, &invalid))
    {
      if (error_offset != NULL)
        *error_offset = invalid - text;
      g_set_error (error, SILLON_OPENING_HOURS_ERROR, SILLON_OPENING_HOURS_ERROR_SYNTAX,
                   _ ("Invalid opening hours: the text is not valid UTF-8"));
      return FALSE;
    }

  p.rule.wide = g_string_new (NULL);
  p.rule.days = g_string_new (NULL);
  p.rule.times = g_string_new (NULL);
  p.out = g_string_new (NULL);

  skip_spaces (&p);
  if (p.s[p.pos] == '\0')
    {
      g_set_error (&p.error, SILLON_OPENING_HOURS_ERROR, SILLON_OPENING_HOURS_ERROR_EMPTY,
                   _ ("Invalid opening hours: the text is empty"));
      p.error_pos = 0;
      ok = FALSE;
    }

  while (ok)
    {
      const char *separator;

      if (eval_rules != NULL)
        {
          p.eval = eval_rule_new (kind);
          g_ptr_array_add (eval_rules, p.eval);
        }
      if (!parse_rule (&p))
        {
          ok = FALSE;
          break;
        }
      if (render)
        rule_render (&p.rule, p.out);
      rule_clear (&p.rule);

      skip_spaces (&p);
      if (p.s[p.pos] == '\0')
        break;
      if (p.s[p.pos] == ';')
        {
          separator = ";";
          kind = RULE_NORMAL;
        }
      else if (p.s[p.pos] == '|' && p.s[p.pos + 1] == '|')
        {
          separator = "||";
          kind = RULE_FALLBACK;
        }
      else if (p.s[p.pos] == ',')
        {
          separator = ",";
          kind = RULE_ADDITIONAL;
        }
      else if (g_ascii_isalpha (p.s[p.pos]) && !at_weekday (&p) && !at_month (&p) && !at_word (&p, "week"))
        {
          ok = fail_unexpected (&p);
          break;
        }
      else
        {
          ok = fail (&p, p.pos, SILLON_OPENING_HOURS_ERROR_SYNTAX,
                     _ ("expected “;” between two rules"));
          break;
        }
      p.pos += strlen (separator);
      skip_spaces (&p);
      if (p.s[p.pos] == '\0')
        {
          ok = fail (&p, p.pos, SILLON_OPENING_HOURS_ERROR_SYNTAX,
                     _ ("nothing follows “%s”"), separator);
          break;
        }
    }

  rule_clear (&p.rule);
  g_string_free (p.rule.wide, TRUE);
  g_string_free (p.rule.days, TRUE);
  g_string_free (p.rule.times, TRUE);

  if (!ok)
    {
      g_string_free (p.out, TRUE);
      if (error_offset != NULL)
        *error_offset = p.error_pos;
      g_propagate_error (error, p.error);
      return FALSE;
    }

  if (rendering != NULL)
    *rendering = p.out;
  else
    g_string_free (p.out, TRUE);
  return TRUE;
}

/**
 * sillon_opening_hours_validate:
 * @text: a value in the OpenStreetMap opening_hours syntax
 * @error_offset: (out) (optional): byte offset of the first problem
 * @error: return location for a #SILLON_OPENING_HOURS_ERROR
 *
 * Returns: %TRUE if @text is valid. The error message names the character
 * position (counting from 1) and what was expected there.
 */
gboolean
sillon_opening_hours_validate (const char *text,
                               gsize *error_offset,
                               GError **error)
{
  return parse (text, FALSE, NULL, NULL, error_offset, error);
}

/**
 * sillon_opening_hours_render:
 * @text: a value in the OpenStreetMap opening_hours syntax
 * @error: return location for a #SILLON_OPENING_HOURS_ERROR
 *
 * Renders valid opening hours for a printed sheet in the language of the
 * current message locale, e.g. “Monday to Friday: 9:00–12:00, 14:00–18:30;
 * Saturday: 8:30–12:00”.
 *
 * Returns: (transfer full): the text, or %NULL if @text is invalid
 */
char *
sillon_opening_hours_render (const char *text,
                             GError **error)
{
  GString *out = NULL;

  if (!parse (text, TRUE, &out, NULL, NULL, error))
    return NULL;
  return g_string_free (out, FALSE);
}

/**
 * sillon_opening_hours_render_translated:
 * @text: a value in the OpenStreetMap opening_hours syntax
 * @translate: gives the text of each message in the wanted language
 * @user_data: passed to @translate
 * @error: return location for a #SILLON_OPENING_HOURS_ERROR
 *
 * Like sillon_opening_hours_render(), in the language of @translate rather
 * than of the current message locale (a sheet is printed in the person's
 * language).
 *
 * Returns: (transfer full): the text, or %NULL if @text is invalid
 */
char *
sillon_opening_hours_render_translated (const char *text,
                                        SillonTranslateFunc translate,
                                        gpointer user_data,
                                        GError **error)
{
  SillonTranslateFunc saved = current_translate;
  gpointer saved_data = current_translate_data;
  char *rendering;

  g_return_val_if_fail (translate != NULL, NULL);

  current_translate = translate;
  current_translate_data = user_data;
  rendering = sillon_opening_hours_render (text, error);
  current_translate = saved;
  current_translate_data = saved_data;
  return rendering;
}

/* ---------------------------------------------------------------------- */
/* Evaluation: open now, and when it next opens or closes */

/* A day's states are computed minute by minute: simple, exact for every
 * combination of rules, and cheap (a few thousand bytes a day, a year at
 * most searched ahead). Minutes 1440–2879 are the spans that go past
 * midnight (“Fr 22:00-02:00”), which belong to the next day. */
#define MINUTES_PER_DAY (24 * 60)
#define DAY_SLOTS (2 * MINUTES_PER_DAY)
/* How far ahead the next change is looked for. */
#define SEARCH_DAYS 400
/* Hours that depend on the weekday only repeat every week: a change, if
 * any, comes within eight days (the rest of today, then a whole week). */
#define SEARCH_DAYS_WEEKLY 8
/* Each rule whose days cannot be told (school holidays, a holiday of some
 * regions only) doubles the cases computed; beyond this the day is unknown. */
#define MAX_UNCERTAIN_RULES 4

enum
{
  SLOT_CLOSED = SILLON_OPENING_STATE_CLOSED,
  SLOT_OPEN = SILLON_OPENING_STATE_OPEN,
  SLOT_UNKNOWN = SILLON_OPENING_STATE_UNKNOWN,
};

typedef enum
{
  MATCH_NO,
  MATCH_YES,
  MATCH_MAYBE,
} Match;

/* Easter Sunday of @year (Gregorian calendar; the anonymous algorithm). */
static void
easter (int year,
        GDate *date)
{
  int a = year % 19, b = year / 100, c = year % 100;
  int d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
  int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4;
  int l = (32 + 2 * e + 2 * i - h - k) % 7, m = (a + 11 * h + 22 * l) / 451;
  int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;

  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

static int
days_from_easter (const GDate *date)
{
  GDate e;

  easter (g_date_get_year (date), &e);
  return g_date_days_between (&e, date);
}

/* The public holidays of France. The eleven national ones are certain; the
 * days that are holidays in some regions only (Alsace-Moselle's Good Friday
 * and 26 December, the abolition of slavery overseas…) depend on where the
 * place is, which opening hours do not say: “maybe”. */
static Match
is_public_holiday (const GDate *date)
{
  static const int national[][2] = { { 1, 1 }, { 5, 1 }, { 5, 8 }, { 7, 14 }, { 8, 15 }, { 11, 1 }, { 11, 11 }, { 12, 25 } };
  static const int regional[][2] = { { 12, 26 }, { 4, 27 }, { 5, 22 }, { 5, 27 }, { 6, 10 }, { 7, 21 }, { 10, 9 }, { 12, 20 } };
  int month = g_date_get_month (date), day = g_date_get_day (date);
  int from_easter = days_from_easter (date);

  for (gsize i = 0; i < G_N_ELEMENTS (national); i++)
    if (national[i][0] == month && national[i][1] == day)
      return MATCH_YES;
  /* Easter Monday, Ascension, Whit Monday. */
  if (from_easter == 1 || from_easter == 39 || from_easter == 50)
    return MATCH_YES;
  for (gsize i = 0; i < G_N_ELEMENTS (regional); i++)
    if (regional[i][0] == month && regional[i][1] == day)
      return MATCH_MAYBE;
  if (from_easter == -2)
    return MATCH_MAYBE;
  return MATCH_NO;
}

static gboolean
number_ranges_match (GArray *ranges,
                     int value)
{
  for (guint i = 0; i < ranges->len; i++)
    {
      const NumberRange *r = &g_array_index (ranges, NumberRange, i);

      if (value >= r->first && value <= r->last && (value - r->first) % r->step == 0)
        return TRUE;
    }
  return FALSE;
}

static gboolean
dates_match (GArray *ranges,
             const GDate *date)
{
  int here = (int) g_date_get_month (date) * 100 + g_date_get_day (date);

  for (guint i = 0; i < ranges->len; i++)
    {
      const DateRange *r = &g_array_index (ranges, DateRange, i);
      int start = (r->month + 1) * 100 + (r->day > 0 ? r->day : 1);
      int end = (r->last_month + 1) * 100 + (r->last_day > 0 ? r->last_day : 31);

      if (start <= end ? (here >= start && here <= end) : (here >= start || here <= end))
        return TRUE;
    }
  return FALSE;
}

static gboolean
weekdays_match (GArray *ranges,
                const GDate *date)
{
  int weekday = (int) g_date_get_weekday (date) - 1; /* 0 = Monday */
  int day = g_date_get_day (date);
  int month_length = g_date_get_days_in_month (g_date_get_month (date), g_date_get_year (date));
  int nth = (day - 1) / 7 + 1;
  int nth_last = (month_length - day) / 7 + 1;

  for (guint i = 0; i < ranges->len; i++)
    {
      const DayRange *r = &g_array_index (ranges, DayRange, i);
      gboolean in_range = r->first <= r->last ? (weekday >= r->first && weekday <= r->last)
                                              : (weekday >= r->first || weekday <= r->last);

      if (!in_range)
        continue;
      if (r->nth == 0 && r->nth_last == 0)
        return TRUE;
      if ((r->nth & (1 << nth)) != 0 || (r->nth_last & (1 << nth_last)) != 0)
        return TRUE;
    }
  return FALSE;
}

static Match
rule_matches (const EvalRule *rule,
              const GDate *date)
{
  Match holidays = MATCH_NO;
  gboolean any_holiday = rule->public_holidays || rule->school_holidays;

  if (rule->years->len > 0 && !number_ranges_match (rule->years, g_date_get_year (date)))
    return MATCH_NO;
  if (rule->dates->len > 0 && !dates_match (rule->dates, date))
    return MATCH_NO;
  if (rule->weeks->len > 0 && !number_ranges_match (rule->weeks, (int) g_date_get_iso8601_week_of_year (date)))
    return MATCH_NO;
  if (rule->days->len == 0 && !any_holiday)
    return MATCH_YES;

  if (rule->public_holidays)
    holidays = is_public_holiday (date);
  /* School holidays differ between the three zones and are not in the
   * value: any day may be one. */
  if (rule->school_holidays && holidays != MATCH_YES)
    holidays = MATCH_MAYBE;

  if (rule->holidays_and_days)
    return weekdays_match (rule->days, date) ? holidays : MATCH_NO;
  if (rule->days->len > 0 && weekdays_match (rule->days, date))
    return MATCH_YES;
  return holidays;
}

static void
fill (guint8 *slots,
      int from,
      int to,
      guint8 value)
{
  from = CLAMP (from, 0, DAY_SLOTS);
  to = CLAMP (to, 0, DAY_SLOTS);
  if (to > from)
    memset (slots + from, value, (gsize) (to - from));
}

/* What @rule says of the day it selected, into @slots. */
static void
apply_rule (const EvalRule *rule,
            guint8 *slots)
{
  guint8 value;

  switch (rule->state)
    {
      case STATE_CLOSED:
        value = SLOT_CLOSED;
        break;
      case STATE_UNKNOWN:
        value = SLOT_UNKNOWN;
        break;
      case STATE_OPEN:
        value = SLOT_OPEN;
        break;
      case STATE_UNSET:
      default:
        /* A comment instead of hours (“"sur rendez-vous"”, “Sa "sur
         * rendez-vous"”) says the place may be open, not when. */
        value = rule->has_comment && rule->spans->len == 0 && !rule->always ? SLOT_UNKNOWN : SLOT_OPEN;
        break;
    }

  if (rule->spans->len == 0)
    {
      fill (slots, 0, MINUTES_PER_DAY, value);
      return;
    }
  for (guint i = 0; i < rule->spans->len; i++)
    {
      const Span *span = &g_array_index (rule->spans, Span, i);
      int from = span->from, to = span->to;

      if (span->from_event || span->to_event)
        {
          /* Sunrise and sunset move with the seasons and the place: what
           * they bound is not known, the rest of the day is. */
          fill (slots, span->from_event ? 0 : from, span->to_event ? MINUTES_PER_DAY : to,
                value == SLOT_CLOSED ? SLOT_CLOSED : SLOT_UNKNOWN);
          continue;
        }
      if (span->point)
        to = from + 1;
      else if (to <= from && !span->open_end)
        to += MINUTES_PER_DAY; /* “22:00-02:00” */
      fill (slots, from, to, value);
      if (span->open_end && value != SLOT_CLOSED)
        /* Open until an unknown time: unknown after the last known one. */
        fill (slots, MAX (from, to), MINUTES_PER_DAY, SLOT_UNKNOWN);
    }
}

/* One day (and the part of its spans past midnight) in one case of the
 * uncertain rules: bit i of @world says whether the i-th uncertain rule
 * selects the day. */
static void
compute_day_world (GPtrArray *rules,
                   const Match *matches,
                   guint world,
                   guint8 *slots)
{
  gboolean any_selected = FALSE;
  guint uncertain = 0;

  memset (slots, SLOT_CLOSED, DAY_SLOTS);
  for (guint i = 0; i < rules->len; i++)
    {
      const EvalRule *rule = g_ptr_array_index (rules, i);
      gboolean selected;

      if (matches[i] == MATCH_MAYBE)
        selected = (world & (1u << uncertain++)) != 0;
      else
        selected = matches[i] == MATCH_YES;
      if (!selected)
        continue;
      if (rule->kind == RULE_FALLBACK && any_selected)
        continue;
      if (rule->kind != RULE_ADDITIONAL)
        memset (slots, SLOT_CLOSED, DAY_SLOTS);
      any_selected = TRUE;
      apply_rule (rule, slots);
    }
}

/* @slots: DAY_SLOTS states of @date, where every case of the uncertain
 * rules agrees, and unknown where they do not. */
static void
compute_day (GPtrArray *rules,
             const GDate *date,
             guint8 *slots)
{
  g_autofree Match *matches = g_new (Match, MAX (rules->len, 1));
  guint8 world_slots[DAY_SLOTS];
  guint n_uncertain = 0;

  for (guint i = 0; i < rules->len; i++)
    {
      matches[i] = rule_matches (g_ptr_array_index (rules, i), date);
      if (matches[i] == MATCH_MAYBE)
        n_uncertain++;
    }
  if (n_uncertain > MAX_UNCERTAIN_RULES)
    {
      memset (slots, SLOT_UNKNOWN, DAY_SLOTS);
      return;
    }

  compute_day_world (rules, matches, 0, slots);
  for (guint world = 1; world < (1u << n_uncertain); world++)
    {
      compute_day_world (rules, matches, world, world_slots);
      for (int m = 0; m < DAY_SLOTS; m++)
        if (world_slots[m] != slots[m])
          slots[m] = SLOT_UNKNOWN;
    }
}

/* The 1440 states of a day: its own, and what the day before left open
 * past midnight. */
static void
merge_spill (const guint8 *previous,
             const guint8 *today,
             guint8 *states)
{
  for (int m = 0; m < MINUTES_PER_DAY; m++)
    {
      guint8 own = today[m], spill = previous[MINUTES_PER_DAY + m];

      if (spill == SLOT_CLOSED)
        states[m] = own;
      else if (own == SLOT_CLOSED)
        states[m] = spill;
      else
        states[m] = (own == SLOT_OPEN || spill == SLOT_OPEN) ? SLOT_OPEN : SLOT_UNKNOWN;
    }
}

/* Whether the rules say the same of every week: no years, dates, week
 * numbers, holidays or n-th weekday of the month. */
static int
search_days (GPtrArray *rules)
{
  for (guint i = 0; i < rules->len; i++)
    {
      const EvalRule *rule = g_ptr_array_index (rules, i);

      if (rule->years->len > 0 || rule->dates->len > 0 || rule->weeks->len > 0 || rule->public_holidays || rule->school_holidays)
        return SEARCH_DAYS;
      for (guint j = 0; j < rule->days->len; j++)
        {
          const DayRange *range = &g_array_index (rule->days, DayRange, j);

          if (range->nth != 0 || range->nth_last != 0)
            return SEARCH_DAYS;
        }
    }
  return SEARCH_DAYS_WEEKLY;
}

void
sillon_opening_status_free (SillonOpeningStatus *status)
{
  if (status == NULL)
    return;
  g_clear_pointer (&status->next_change, g_date_time_unref);
  g_free (status);
}

/**
 * sillon_opening_hours_status:
 * @text: a value in the OpenStreetMap opening_hours syntax
 * @when: the moment asked about, in the place's time zone
 * @error: return location for a #SILLON_OPENING_HOURS_ERROR
 *
 * Whether a place is open at @when, and when that next changes (looked for
 * up to 400 days ahead). Rules follow the specification: a rule after “;”
 * replaces what earlier rules said of the days it selects (so “Mo-Fr
 * 09:00-18:00; We 12:00-14:00 off” closes all Wednesday, and “, We
 * 12:00-14:00 off” only its lunch time), a rule after “,” adds to them, a
 * rule after “||” applies to the days no earlier rule selected. France's
 * eleven national public holidays are known (PH); school holidays (SH),
 * holidays of some regions only, sunrise and sunset, “unknown”, an open
 * end and a rule that is only a comment give %SILLON_OPENING_STATE_UNKNOWN
 * for the times they decide.
 *
 * Returns: (transfer full): the status, or %NULL if @text is invalid
 */
SillonOpeningStatus *
sillon_opening_hours_status (const char *text,
                             GDateTime *when,
                             GError **error)
{
  g_autoptr (GPtrArray) rules = g_ptr_array_new_with_free_func ((GDestroyNotify) eval_rule_free);
  SillonOpeningStatus *status;
  guint8 previous[DAY_SLOTS], today[DAY_SLOTS], states[MINUTES_PER_DAY];
  GDate date;
  int minute;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (when != NULL, NULL);

  if (!parse (text, FALSE, NULL, rules, NULL, error))
    return NULL;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) g_date_time_get_day_of_month (when),
                  (GDateMonth) g_date_time_get_month (when), (GDateYear) g_date_time_get_year (when));
  minute = g_date_time_get_hour (when) * 60 + g_date_time_get_minute (when);

  {
    GDate yesterday = date;

    g_date_subtract_days (&yesterday, 1);
    compute_day (rules, &yesterday, previous);
  }
  compute_day (rules, &date, today);
  merge_spill (previous, today, states);

  status = g_new0 (SillonOpeningStatus, 1);
  status->state = (SillonOpeningState) states[minute];
  status->next_state = status->state;

  for (int day = 0, horizon = search_days (rules); day < horizon; day++)
    {
      for (int m = day == 0 ? minute + 1 : 0; m < MINUTES_PER_DAY; m++)
        if (states[m] != status->state)
          {
            g_autoptr (GTimeZone) tz = g_date_time_get_timezone (when) != NULL
                                           ? g_time_zone_ref (g_date_time_get_timezone (when))
                                           : g_time_zone_new_local ();

            status->next_state = (SillonOpeningState) states[m];
            status->next_change = g_date_time_new (tz, g_date_get_year (&date), g_date_get_month (&date),
                                                   g_date_get_day (&date), m / 60, m % 60, 0);
            return status;
          }
      memcpy (previous, today, DAY_SLOTS);
      g_date_add_days (&date, 1);
      compute_day (rules, &date, today);
      merge_spill (previous, today, states);
    }
  return status;
}

typedef enum
{
  WHEN_TODAY,
  WHEN_TOMORROW,
  WHEN_THIS_WEEK,
  WHEN_LATER,
} WhenDay;

/* Which day @next is, seen from @when, and that day's name when it is
 * neither today nor tomorrow (a weekday within the week, else a date in
 * the locale's format). */
static WhenDay
when_day (GDateTime *when,
          GDateTime *next,
          char **day_name)
{
  GDate a, b;
  int days;

  g_date_clear (&a, 1);
  g_date_clear (&b, 1);
  g_date_set_dmy (&a, (GDateDay) g_date_time_get_day_of_month (when), (GDateMonth) g_date_time_get_month (when),
                  (GDateYear) g_date_time_get_year (when));
  g_date_set_dmy (&b, (GDateDay) g_date_time_get_day_of_month (next), (GDateMonth) g_date_time_get_month (next),
                  (GDateYear) g_date_time_get_year (next));
  days = g_date_days_between (&a, &b);
  *day_name = NULL;
  if (days <= 0)
    return WHEN_TODAY;
  if (days == 1)
    return WHEN_TOMORROW;
  if (days < 7)
    {
      *day_name = g_strdup (weekday_name (g_date_time_get_day_of_week (next) - 1));
      return WHEN_THIS_WEEK;
    }
  *day_name = g_date_time_format (next, "%x");
  return WHEN_LATER;
}

/**
 * sillon_opening_status_describe:
 * @status: what sillon_opening_hours_status() said of @when
 * @when: the same moment
 *
 * Returns: (transfer full): a short sentence in the current message
 *   locale for a list of places, e.g. “Open now, closes at 12:00” or
 *   “Closed now, opens on Monday at 9:00”.
 */
char *
sillon_opening_status_describe (const SillonOpeningStatus *status,
                                GDateTime *when)
{
  g_autofree char *clock = NULL;
  g_autofree char *day = NULL;
  WhenDay which;

  g_return_val_if_fail (status != NULL, NULL);
  g_return_val_if_fail (when != NULL, NULL);

  if (status->state == SILLON_OPENING_STATE_UNKNOWN)
    return g_strdup (_ ("Opening hours not known for now"));
  if (status->next_change == NULL)
    return g_strdup (status->state == SILLON_OPENING_STATE_OPEN ? _ ("Open now") : _ ("Closed now"));

  clock = format_clock (g_date_time_get_hour (status->next_change) * 60 + g_date_time_get_minute (status->next_change));
  which = when_day (when, status->next_change, &day);

  if (status->next_state == SILLON_OPENING_STATE_UNKNOWN)
    {
      g_autofree char *moment = NULL;

      if (which == WHEN_TODAY)
        moment = g_strdup (clock);
      else if (which == WHEN_TOMORROW)
        /* Translators: %s is a time, e.g. “tomorrow 9:00”. */
        moment = g_strdup_printf (_ ("tomorrow %s"), clock);
      else
        /* Translators: a day (a weekday or a date), then a time: “Monday 9:00”. */
        moment = g_strdup_printf (C_ ("day and time", "%s %s"), day, clock);
      return g_strdup_printf (status->state == SILLON_OPENING_STATE_OPEN
                                  /* Translators: %s is a time, possibly with a day. */
                                  ? _ ("Open now; hours not known from %s")
                                  /* Translators: %s is a time, possibly with a day. */
                                  : _ ("Closed now; hours not known from %s"),
                              moment);
    }

  if (status->state == SILLON_OPENING_STATE_OPEN)
    switch (which)
      {
        case WHEN_TODAY:
          /* Translators: %s is a time, e.g. “12:00”. */
          return g_strdup_printf (_ ("Open now, closes at %s"), clock);
        case WHEN_TOMORROW:
          return g_strdup_printf (_ ("Open now, closes tomorrow at %s"), clock);
        case WHEN_THIS_WEEK:
        case WHEN_LATER:
        default:
          /* Translators: a weekday or a date, then a time: “Open now, closes on Monday at 2:00”. */
          return g_strdup_printf (_ ("Open now, closes on %s at %s"), day, clock);
      }
  switch (which)
    {
      case WHEN_TODAY:
        return g_strdup_printf (_ ("Closed now, opens at %s"), clock);
      case WHEN_TOMORROW:
        return g_strdup_printf (_ ("Closed now, opens tomorrow at %s"), clock);
      case WHEN_THIS_WEEK:
      case WHEN_LATER:
      default:
        /* Translators: a weekday or a date, then a time: “Closed now, opens on Monday at 9:00”. */
        return g_strdup_printf (_ ("Closed now, opens on %s at %s"), day, clock);
    }
}
