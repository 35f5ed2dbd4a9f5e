/* test-date-format.c — dates as the user interface's language writes them
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-date-format.h"

#include <glib/gstdio.h>
#include <libintl.h>
#include <locale.h>
#include <string.h>

#include "test-locale-util.h"

static char *
format_ok (const char *iso,
           SillonDateStyle style)
{
  g_autoptr (GError) error = NULL;
  char *text = sillon_format_iso_date (iso, style, &error);

  g_assert_no_error (error);
  g_assert_nonnull (text);
  return text;
}

/* Which short form: the locale's own when LC_TIME speaks the interface's
 * language, else the translation's. */
static void
test_short_pattern_choice (void)
{
  g_assert_cmpstr (sillon_date_short_pattern ("fr_FR.UTF-8", "fr_FR"), ==, "%x");
  g_assert_cmpstr (sillon_date_short_pattern ("fr_CA.UTF-8", "fr"), ==, "%x");
  g_assert_cmpstr (sillon_date_short_pattern ("en_GB.UTF-8", "en_GB"), ==, "%x");
  g_assert_cmpstr (sillon_date_short_pattern ("fr_FR@euro", "fr"), ==, "%x");
  /* The system's dates in English, Sillon in French, and the reverse. */
  g_assert_cmpstr (sillon_date_short_pattern ("en_US.UTF-8", "fr"), !=, "%x");
  g_assert_cmpstr (sillon_date_short_pattern ("fr_FR.UTF-8", "en"), !=, "%x");
  /* C has no date format of its own worth showing. */
  g_assert_cmpstr (sillon_date_short_pattern ("C.UTF-8", "C"), ==, "%m/%d/%Y");
  g_assert_cmpstr (sillon_date_short_pattern ("C", "C"), ==, "%m/%d/%Y");
  g_assert_cmpstr (sillon_date_short_pattern ("POSIX", "en"), ==, "%m/%d/%Y");
}

static void
test_english (void)
{
  g_autofree char *long_date = format_ok ("2026-12-07", SILLON_DATE_STYLE_LONG);
  g_autofree char *first = format_ok ("2027-01-01", SILLON_DATE_STYLE_LONG);
  g_autofree char *short_date = format_ok ("2026-12-07", SILLON_DATE_STYLE_SHORT);

  g_assert_cmpstr (long_date, ==, "7 December 2026");
  g_assert_cmpstr (first, ==, "1 January 2027");
  /* LC_ALL=C.UTF-8 in the suite: the English msgid's form, month first. */
  g_assert_cmpstr (short_date, ==, "12/07/2026");

  {
    GDate date;

    g_date_clear (&date, 1);
    g_date_set_dmy (&date, 29, G_DATE_FEBRUARY, 2028);
    g_autofree char *leap = sillon_format_date (&date, SILLON_DATE_STYLE_LONG);
    g_assert_cmpstr (leap, ==, "29 February 2028");
  }
}

/* The one list of month names that opening hours and sheets translate. */
static void
test_month_msgid (void)
{
  g_assert_cmpstr (sillon_month_msgid (G_DATE_JANUARY), ==, "January");
  g_assert_cmpstr (sillon_month_msgid (G_DATE_AUGUST), ==, "August");
  g_assert_cmpstr (sillon_month_msgid (G_DATE_DECEMBER), ==, "December");
  if (g_test_undefined ())
    {
      g_test_expect_message ("Sillon", G_LOG_LEVEL_CRITICAL, "*g_date_valid_month*");
      g_assert_null (sillon_month_msgid (G_DATE_BAD_MONTH));
      g_test_assert_expected_messages ();
      g_test_expect_message ("Sillon", G_LOG_LEVEL_CRITICAL, "*g_date_valid_month*");
      g_assert_null (sillon_month_msgid (13));
      g_test_assert_expected_messages ();
    }
}

static void
test_invalid (void)
{
  const char *bad[] = { "", "2026-13-01", "2026-02-30", "2026-2-3", "07/12/2026", "2026-12-07T10:00", "abcd-ef-gh", "0000-01-01" };

  for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *text = sillon_format_iso_date (bad[i], SILLON_DATE_STYLE_SHORT, &error);

      g_assert_null (text);
      g_assert_error (error, SILLON_DATE_FORMAT_ERROR, SILLON_DATE_FORMAT_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "YYYY-MM-DD"));
    }
}

static char *
parse_ok (const char *text)
{
  g_autoptr (GError) error = NULL;
  char *iso = sillon_parse_date (text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (iso);
  return iso;
}

static void
assert_parse_fails (const char *text,
                    SillonDateFormatError code,
                    const char *message_part)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *iso = sillon_parse_date (text, &error);

  g_assert_null (iso);
  g_assert_error (error, SILLON_DATE_FORMAT_ERROR, code);
  g_assert_nonnull (strstr (error->message, message_part));
}

/* Every date the short form writes reads back as itself. */
static void
assert_round_trip (void)
{
  const char *dates[] = { "2026-12-07", "2027-01-01", "2028-02-29", "1999-11-22", "2026-07-12" };

  for (gsize i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autofree char *shown = format_ok (dates[i], SILLON_DATE_STYLE_SHORT);
      g_autofree char *long_shown = format_ok (dates[i], SILLON_DATE_STYLE_LONG);
      g_autofree char *read = parse_ok (shown);
      g_autofree char *long_read = parse_ok (long_shown);

      g_assert_cmpstr (read, ==, dates[i]);
      g_assert_cmpstr (long_read, ==, dates[i]);
    }
}

/* What a mediator types, in English with C date settings (the suite's):
 * month first as shown, ISO, or the month in words. */
static void
test_parse_english (void)
{
  struct
  {
    const char *typed;
    const char *iso;
  } good[] = {
    { "12/07/2026", "2026-12-07" },
    { " 12/07/2026 ", "2026-12-07" },
    { "2026-12-07", "2026-12-07" },
    { "1/2/2026", "2026-01-02" },
    { "12/07/26", "2026-12-07" },
    { "12.07.2026", "2026-12-07" },
    { "7 December 2026", "2026-12-07" },
    { "December 7, 2026", "2026-12-07" },
    { "dec 7 2026", "2026-12-07" },
    { "02/29/2028", "2028-02-29" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autofree char *iso = parse_ok (good[i].typed);

      g_assert_cmpstr (iso, ==, good[i].iso);
    }
  assert_round_trip ();

  /* Days the calendar does not have, in every order. */
  assert_parse_fails ("02/31/2026", SILLON_DATE_FORMAT_ERROR_IMPOSSIBLE, "no such day");
  assert_parse_fails ("2026-02-31", SILLON_DATE_FORMAT_ERROR_IMPOSSIBLE, "no such day");
  assert_parse_fails ("31 February 2026", SILLON_DATE_FORMAT_ERROR_IMPOSSIBLE, "no such day");
  assert_parse_fails ("02/29/2026", SILLON_DATE_FORMAT_ERROR_IMPOSSIBLE, "no such day");
  assert_parse_fails ("13/07/2026", SILLON_DATE_FORMAT_ERROR_IMPOSSIBLE, "no such day");
  assert_parse_fails ("12/07/0026", SILLON_DATE_FORMAT_ERROR_IMPOSSIBLE, "no such day");
  assert_parse_fails ("2026-00-10", SILLON_DATE_FORMAT_ERROR_IMPOSSIBLE, "no such day");
  /* Text that is no date, with an example of one. */
  {
    const char *bad[] = { "", "   ", "not a date", "12/07", "12/07/2026/1", "12/07/202", "123/07/2026",
                          "12/07/2026 10:00", "7 Decembre", "7 xyz 2026", "2026-12-07T10:00", "1er December 2026x" };

    for (gsize i = 0; i < G_N_ELEMENTS (bad); i++)
      assert_parse_fails (bad[i], SILLON_DATE_FORMAT_ERROR_UNREADABLE, "is not a date. Type the day, month and year");
  }
  {
    g_autoptr (GError) error = NULL;
    g_autofree char *iso = sillon_parse_date ("yesterday", &error);
    g_autoptr (GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *today = g_date_time_format (now, "%m/%d/%Y");

    g_assert_null (iso);
    /* The example is today, as the mediator would type it. */
    g_assert_nonnull (strstr (error->message, today));
    g_assert_nonnull (strstr (error->message, "“yesterday”"));
  }
}

/* With Sillon's French translation (po/fr.po compiled for the test) and
 * date settings that are not French, as in the interface tests. */
static void
test_french (void)
{
  char *catalogue = test_enter_french (TEST_FRENCH_PO);

  if (catalogue == NULL)
    return;

  {
    g_autofree char *long_date = format_ok ("2026-12-07", SILLON_DATE_STYLE_LONG);
    g_autofree char *short_date = format_ok ("2026-12-07", SILLON_DATE_STYLE_SHORT);
    g_autofree char *august = format_ok ("2027-08-15", SILLON_DATE_STYLE_LONG);

    g_assert_cmpstr (long_date, ==, "7 décembre 2026");
    g_assert_cmpstr (short_date, ==, "07/12/2026");
    g_assert_cmpstr (august, ==, "15 août 2027");
  }
  {
    /* Day first, as shown; ISO too; French month names, accents aside. */
    g_autofree char *typed = parse_ok ("07/12/2026");
    g_autofree char *iso = parse_ok ("2026-12-07");
    g_autofree char *first = parse_ok ("1er déc. 2026");
    g_autofree char *august = parse_ok ("15 aout 2027");
    g_autofree char *february = parse_ok ("28 février 2026");

    g_assert_cmpstr (typed, ==, "2026-12-07");
    g_assert_cmpstr (iso, ==, "2026-12-07");
    g_assert_cmpstr (first, ==, "2026-12-01");
    g_assert_cmpstr (august, ==, "2027-08-15");
    g_assert_cmpstr (february, ==, "2026-02-28");
    assert_round_trip ();
    assert_parse_fails ("31/02/2026", SILLON_DATE_FORMAT_ERROR_IMPOSSIBLE, "ce jour n’existe pas");
    assert_parse_fails ("12/31/2026", SILLON_DATE_FORMAT_ERROR_IMPOSSIBLE, "ce jour n’existe pas");
    assert_parse_fails ("pas une date", SILLON_DATE_FORMAT_ERROR_UNREADABLE, "n’est pas une date. Tapez");
  }
  {
    g_autoptr (GError) invalid = NULL;
    g_autofree char *text = sillon_format_iso_date ("2026-02-30", SILLON_DATE_STYLE_LONG, &invalid);

    g_assert_null (text);
    g_assert_nonnull (strstr (invalid->message, "AAAA-MM-JJ"));
  }

  test_leave_french (catalogue);
}

int
main (int argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/date-format/short-pattern-choice", test_short_pattern_choice);
  g_test_add_func ("/date-format/english", test_english);
  g_test_add_func ("/date-format/month-msgid", test_month_msgid);
  g_test_add_func ("/date-format/invalid", test_invalid);
  g_test_add_func ("/date-format/parse-english", test_parse_english);
  g_test_add_func ("/date-format/french", test_french);
  return g_test_run ();
}
