/* test-opening-hours-status.c — open now, and when a place next opens or closes
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-opening-hours.h"

#include <glib/gstdio.h>
#include <libintl.h>
#include <locale.h>
#include <string.h>

#include "test-locale-util.h"
/* French writes 9 h 30 with no-break spaces. */
#define NBSP "\u00a0"

#define CLOSED SILLON_OPENING_STATE_CLOSED
#define OPEN SILLON_OPENING_STATE_OPEN
#define UNKNOWN SILLON_OPENING_STATE_UNKNOWN

/* Monday 7 December 2026 is a Monday; times are UTC unless said. */
static GDateTime *
at (const char *iso)
{
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  GDateTime *when = g_date_time_new_from_iso8601 (iso, utc);

  g_assert_nonnull (when);
  return when;
}

/* Checks the state at @iso and the next change: @next is "YYYY-MM-DD HH:MM"
 * or NULL for none within the search. */
static void
check (const char *hours,
       const char *iso,
       SillonOpeningState state,
       const char *next,
       SillonOpeningState next_state)
{
  g_autoptr (GDateTime) when = at (iso);
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonOpeningStatus) status = sillon_opening_hours_status (hours, when, &error);
  g_autofree char *got_next = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (status);
  if (status->state != state)
    g_error ("“%s” at %s: state %d, expected %d", hours, iso, status->state, state);
  if (status->next_change != NULL)
    got_next = g_date_time_format (status->next_change, "%Y-%m-%d %H:%M");
  if (g_strcmp0 (got_next, next) != 0)
    g_error ("“%s” at %s: next change %s, expected %s", hours, iso, got_next, next);
  if (next != NULL && status->next_state != next_state)
    g_error ("“%s” at %s: next state %d, expected %d", hours, iso, status->next_state, next_state);
}

/* One row a moment: the hours, the moment, and what Sillon must say of it,
 * its next change included. Each GTest path runs the rows that name it. */
typedef struct
{
  const char *test;
  const char *hours;
  const char *iso;
  SillonOpeningState state;
  const char *next;
  SillonOpeningState next_state;
} StatusCase;

static const StatusCase status_cases[] = {
  { "weekdays-and-lunch-break", "Mo-Fr 09:00-12:00,14:00-18:00", "2026-12-07T08:59:00Z", CLOSED, "2026-12-07 09:00", OPEN },
  { "weekdays-and-lunch-break", "Mo-Fr 09:00-12:00,14:00-18:00", "2026-12-07T09:00:00Z", OPEN, "2026-12-07 12:00", CLOSED },
  { "weekdays-and-lunch-break", "Mo-Fr 09:00-12:00,14:00-18:00", "2026-12-07T10:30:00Z", OPEN, "2026-12-07 12:00", CLOSED },
  { "weekdays-and-lunch-break", "Mo-Fr 09:00-12:00,14:00-18:00", "2026-12-07T12:00:00Z", CLOSED, "2026-12-07 14:00", OPEN },
  { "weekdays-and-lunch-break", "Mo-Fr 09:00-12:00,14:00-18:00", "2026-12-07T12:30:00Z", CLOSED, "2026-12-07 14:00", OPEN },
  { "weekdays-and-lunch-break", "Mo-Fr 09:00-12:00,14:00-18:00", "2026-12-07T18:00:00Z", CLOSED, "2026-12-08 09:00", OPEN },
  /* Friday evening and the weekend: Monday. */
  { "weekdays-and-lunch-break", "Mo-Fr 09:00-12:00,14:00-18:00", "2026-12-11T19:00:00Z", CLOSED, "2026-12-14 09:00", OPEN },
  { "weekdays-and-lunch-break", "Mo-Fr 09:00-12:00,14:00-18:00", "2026-12-12T11:00:00Z", CLOSED, "2026-12-14 09:00", OPEN },
  /* Open once a week: the next opening is a whole week ahead. */
  { "weekdays-and-lunch-break", "Mo 10:00-12:00", "2026-12-07T12:30:00Z", CLOSED, "2026-12-14 10:00", OPEN },
  { "weekdays-and-lunch-break", "Mo 10:00-12:00", "2026-12-07T09:59:00Z", CLOSED, "2026-12-07 10:00", OPEN },
  /* A range of days across the week's end. */
  { "weekdays-and-lunch-break", "Fr-Mo 10:00-12:00", "2026-12-08T11:00:00Z", CLOSED, "2026-12-11 10:00", OPEN },
  { "weekdays-and-lunch-break", "Fr-Mo 10:00-12:00", "2026-12-13T11:00:00Z", OPEN, "2026-12-13 12:00", CLOSED },
  /* Each day its own hours; the later rule replaces for its days. */
  { "weekdays-and-lunch-break", "Mo-Fr 09:00-12:00,14:00-18:00; We 09:00-12:00", "2026-12-09T15:00:00Z", CLOSED, "2026-12-10 09:00", OPEN },
  { "weekdays-and-lunch-break", "Mo-Fr 09:00-12:00; Sa 10:00-12:00", "2026-12-12T10:00:00Z", OPEN, "2026-12-12 12:00", CLOSED },
  /* An ordinary Monday is no holiday. */
  { "public-holidays", "Mo-Fr 09:00-17:00; PH off", "2026-12-07T10:00:00Z", OPEN, "2026-12-07 17:00", CLOSED },
  /* Christmas is a Friday: closed until Monday. */
  { "public-holidays", "Mo-Fr 09:00-17:00; PH off", "2026-12-24T16:00:00Z", OPEN, "2026-12-24 17:00", CLOSED },
  { "public-holidays", "Mo-Fr 09:00-17:00; PH off", "2026-12-25T10:00:00Z", CLOSED, "2026-12-28 09:00", OPEN },
  /* Easter Monday, Ascension and Whit Monday 2027 (Easter: 28 March). */
  { "public-holidays", "Mo-Fr 09:00-17:00; PH off", "2027-03-29T10:00:00Z", CLOSED, "2027-03-30 09:00", OPEN },
  { "public-holidays", "Mo-Fr 09:00-17:00; PH off", "2027-05-06T10:00:00Z", CLOSED, "2027-05-07 09:00", OPEN },
  { "public-holidays", "Mo-Fr 09:00-17:00; PH off", "2027-05-17T10:00:00Z", CLOSED, "2027-05-18 09:00", OPEN },
  /* Good Friday is a holiday in Alsace-Moselle only: it depends on where
   * the place is. */
  { "public-holidays", "Mo-Fr 09:00-17:00; PH off", "2027-03-26T10:00:00Z", UNKNOWN, "2027-03-26 17:00", CLOSED },
  { "public-holidays", "Mo-Fr 09:00-17:00; PH off", "2027-03-25T16:00:00Z", OPEN, "2027-03-25 17:00", CLOSED },
  /* 26 December is regional too, but a Saturday is closed either way. */
  { "public-holidays", "Mo-Fr 09:00-17:00; PH off", "2026-12-26T10:00:00Z", CLOSED, "2026-12-28 09:00", OPEN },
  /* Open on holidays as well. */
  { "public-holidays", "Mo-Fr,PH 10:00-12:00", "2026-12-26T11:00:00Z", UNKNOWN, "2026-12-26 12:00", CLOSED },
  { "public-holidays", "Mo-Fr,PH 10:00-12:00", "2027-01-01T11:00:00Z", OPEN, "2027-01-01 12:00", CLOSED },
  /* School holidays depend on the zone. */
  { "cannot-tell", "Mo-Fr 09:00-18:00; SH off", "2026-12-07T10:00:00Z", UNKNOWN, "2026-12-07 18:00", CLOSED },
  { "cannot-tell", "Mo-Fr 09:00-18:00; SH off", "2026-12-12T10:00:00Z", CLOSED, "2026-12-14 09:00", UNKNOWN },
  { "cannot-tell", "SH Mo-Fr 10:00-12:00", "2026-12-12T11:00:00Z", CLOSED, "2026-12-14 10:00", UNKNOWN },
  { "cannot-tell", "Mo 10:00-12:00 unknown \"à confirmer\"", "2026-12-07T11:00:00Z", UNKNOWN, "2026-12-07 12:00", CLOSED },
  { "cannot-tell", "Sa (sunrise+01:00)-18:00", "2026-12-12T12:00:00Z", UNKNOWN, "2026-12-12 18:00", CLOSED },
  /* An open end: open from, closing not known. */
  { "cannot-tell", "Mo-Fr 09:00+", "2026-12-07T08:00:00Z", CLOSED, "2026-12-07 09:00", UNKNOWN },
  { "cannot-tell", "Mo-Fr 09:00-18:00+", "2026-12-07T17:00:00Z", OPEN, "2026-12-07 18:00", UNKNOWN },
  /* Days with a comment instead of hours: maybe open, not known when. */
  { "cannot-tell", "Mo-Fr 09:00-12:00; Sa \"sur rendez-vous\"", "2026-12-12T10:00:00Z", UNKNOWN, "2026-12-13 00:00", CLOSED },
  { "cannot-tell", "Mo-Fr 09:00-12:00; Sa \"sur rendez-vous\"", "2026-12-11T10:00:00Z", OPEN, "2026-12-11 12:00", CLOSED },
  /* A comment beside hours does not make them unknown. */
  { "cannot-tell", "Mo-Fr 09:00-12:00 \"sur rendez-vous\"", "2026-12-07T10:00:00Z", OPEN, "2026-12-07 12:00", CLOSED },
  /* “;” replaces the whole day (as the specification says), “,” adds. */
  { "rule-separators", "Mo-Fr 09:00-18:00; We 12:00-14:00 off", "2026-12-09T10:00:00Z", CLOSED, "2026-12-10 09:00", OPEN },
  { "rule-separators", "Mo-Fr 09:00-18:00, We 12:00-14:00 off", "2026-12-09T10:00:00Z", OPEN, "2026-12-09 12:00", CLOSED },
  { "rule-separators", "Mo-Fr 09:00-18:00, We 12:00-14:00 off", "2026-12-09T12:30:00Z", CLOSED, "2026-12-09 14:00", OPEN },
  /* “||” for the days nothing else selects. */
  { "rule-separators", "Mo-Fr 09:00-12:00 || \"sur rendez-vous\"", "2026-12-07T10:00:00Z", OPEN, "2026-12-07 12:00", CLOSED },
  { "rule-separators", "Mo-Fr 09:00-12:00 || \"sur rendez-vous\"", "2026-12-07T13:00:00Z", CLOSED, "2026-12-08 09:00", OPEN },
  { "rule-separators", "Mo-Fr 09:00-12:00 || \"sur rendez-vous\"", "2026-12-12T10:00:00Z", UNKNOWN, "2026-12-14 00:00", CLOSED },
  { "past-midnight", "Fr 22:00-02:00", "2026-12-11T23:00:00Z", OPEN, "2026-12-12 02:00", CLOSED },
  { "past-midnight", "Fr 22:00-02:00", "2026-12-12T01:00:00Z", OPEN, "2026-12-12 02:00", CLOSED },
  { "past-midnight", "Fr 20:00-26:00", "2026-12-12T01:59:00Z", OPEN, "2026-12-12 02:00", CLOSED },
  { "past-midnight", "Fr 22:00-02:00", "2026-12-12T03:00:00Z", CLOSED, "2026-12-18 22:00", OPEN },
  /* The first Saturday of the month. */
  { "dates-and-weeks", "Sa[1] 10:00-12:00", "2026-12-05T11:00:00Z", OPEN, "2026-12-05 12:00", CLOSED },
  { "dates-and-weeks", "Sa[1] 10:00-12:00", "2026-12-12T11:00:00Z", CLOSED, "2027-01-02 10:00", OPEN },
  { "dates-and-weeks", "Su[-1] 10:00-12:00", "2026-12-07T11:00:00Z", CLOSED, "2026-12-27 10:00", OPEN },
  /* Only in the first half of the year: next 1 January, a Friday. */
  { "dates-and-weeks", "Jan-Jun Mo-Fr 09:00-12:00", "2026-12-07T10:00:00Z", CLOSED, "2027-01-01 09:00", OPEN },
  /* Closed over the end of the year. */
  { "dates-and-weeks", "Mo-Fr 09:00-12:00; Dec 24-Jan 02 off", "2026-12-28T10:00:00Z", CLOSED, "2027-01-04 09:00", OPEN },
  { "dates-and-weeks", "Mo-Fr 09:00-12:00; Dec 25 off", "2026-12-24T10:00:00Z", OPEN, "2026-12-24 12:00", CLOSED },
  /* Odd ISO weeks: 7 December 2026 is in week 50. */
  { "dates-and-weeks", "week 1-53/2 Mo 09:00-12:00", "2026-12-07T10:00:00Z", CLOSED, "2026-12-14 09:00", OPEN },
};

/* Moments after which nothing changes within the search: no next change. */
typedef struct
{
  const char *test;
  const char *hours;
  const char *iso;
  SillonOpeningState state;
} SteadyCase;

static const SteadyCase steady_cases[] = {
  { "always-and-never", "24/7", "2026-12-07T03:00:00Z", OPEN },
  { "always-and-never", "00:00-24:00", "2026-12-07T23:59:00Z", OPEN },
  { "always-and-never", "off", "2026-12-07T10:00:00Z", CLOSED },
  { "always-and-never", "closed", "2026-12-07T10:00:00Z", CLOSED },
  { "always-and-never", "24/7 closed", "2026-12-07T10:00:00Z", CLOSED },
  { "always-and-never", "open", "2026-12-07T10:00:00Z", OPEN },
  /* Within dated years only: nothing after them. */
  { "always-and-never", "2025-2026 Mo-Fr 09:00-12:00", "2026-12-31T13:00:00Z", CLOSED },
  { "cannot-tell", "unknown", "2026-12-07T10:00:00Z", UNKNOWN },
  { "cannot-tell", "\"sur rendez-vous\"", "2026-12-07T10:00:00Z", UNKNOWN },
  { "cannot-tell", "sunrise-sunset", "2026-12-07T12:00:00Z", UNKNOWN },
  { "dates-and-weeks", "2026 Dec 25 off", "2026-12-25T10:00:00Z", CLOSED },
};

/* The tests the rows above name, in the order they run. */
static const char *const status_tests[] = {
  "weekdays-and-lunch-break",
  "always-and-never",
  "public-holidays",
  "cannot-tell",
  "rule-separators",
  "past-midnight",
  "dates-and-weeks",
};

static void
test_status_cases (gconstpointer data)
{
  const char *test = data;
  guint checked = 0;

  for (gsize i = 0; i < G_N_ELEMENTS (status_cases); i++)
    {
      const StatusCase *c = &status_cases[i];

      if (!g_str_equal (c->test, test))
        continue;
      check (c->hours, c->iso, c->state, c->next, c->next_state);
      checked++;
    }
  for (gsize i = 0; i < G_N_ELEMENTS (steady_cases); i++)
    {
      const SteadyCase *c = &steady_cases[i];

      if (!g_str_equal (c->test, test))
        continue;
      check (c->hours, c->iso, c->state, NULL, c->state);
      checked++;
    }
  g_assert_cmpuint (checked, >, 0);
}

static void
test_time_zone (void)
{
  g_autoptr (GTimeZone) paris = g_time_zone_new_identifier ("Europe/Paris");
  g_autoptr (GDateTime) when = NULL;
  g_autoptr (SillonOpeningStatus) status = NULL;

  if (paris == NULL)
    {
      g_test_skip ("no time zone data for Europe/Paris");
      return;
    }
  /* Local hours, in the time zone of the moment given. */
  when = g_date_time_new (paris, 2026, 12, 7, 11, 30, 0);
  status = sillon_opening_hours_status ("Mo-Fr 09:00-12:00", when, NULL);
  g_assert_nonnull (status);
  g_assert_cmpint (status->state, ==, OPEN);
  g_assert_cmpint (g_date_time_get_hour (status->next_change), ==, 12);
  g_assert_cmpint (g_date_time_get_utc_offset (status->next_change), ==, G_TIME_SPAN_HOUR);
}

static void
test_invalid (void)
{
  g_autoptr (GDateTime) when = at ("2026-12-07T10:00:00Z");
  const char *bad[] = { "", "Mo-Fr 9h-12h", "Lu-Ve 09:00-12:00", "Mo-Fr 25:00-26:00" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (SillonOpeningStatus) status = sillon_opening_hours_status (bad[i], when, &error);

      g_assert_null (status);
      g_assert_nonnull (error);
      g_assert_true (error->domain == SILLON_OPENING_HOURS_ERROR);
    }
}

static void
check_words (const char *hours,
             const char *iso,
             const char *expected)
{
  g_autoptr (GDateTime) when = at (iso);
  g_autoptr (SillonOpeningStatus) status = sillon_opening_hours_status (hours, when, NULL);
  g_autofree char *words = NULL;

  g_assert_nonnull (status);
  words = sillon_opening_status_describe (status, when);
  g_assert_cmpstr (words, ==, expected);
}

static void
test_describe (void)
{
  const char *hours = "Mo-Fr 09:00-12:00,14:00-18:30";

  check_words (hours, "2026-12-07T10:00:00Z", "Open now, closes at 12:00");
  check_words (hours, "2026-12-07T12:15:00Z", "Closed now, opens at 14:00");
  check_words (hours, "2026-12-07T19:00:00Z", "Closed now, opens tomorrow at 9:00");
  check_words (hours, "2026-12-11T19:00:00Z", "Closed now, opens on Monday at 9:00");
  check_words ("Fr 22:00-02:00", "2026-12-11T23:00:00Z", "Open now, closes tomorrow at 2:00");
  check_words ("24/7", "2026-12-07T10:00:00Z", "Open now");
  check_words ("off", "2026-12-07T10:00:00Z", "Closed now");
  check_words ("unknown", "2026-12-07T10:00:00Z", "Opening hours not known for now");
  check_words ("Mo-Fr 09:00-18:00+", "2026-12-07T17:00:00Z", "Open now; hours not known from 18:00");
}

/* With Sillon's French translation (po/fr.po, compiled for the test). */
static void
test_describe_french (void)
{
  char *catalogue = test_enter_french (TEST_FRENCH_PO);

  if (catalogue == NULL)
    return;

  check_words ("Mo-Fr 09:00-12:00,14:00-18:30", "2026-12-07T10:00:00Z", "Ouvert, ferme à 12" NBSP "h");
  check_words ("Mo-Fr 09:00-12:00,14:00-18:30", "2026-12-07T19:00:00Z", "Fermé, ouvre demain à 9" NBSP "h");
  check_words ("Mo-Fr 09:00-12:00,14:00-18:30", "2026-12-11T19:00:00Z", "Fermé, ouvre lundi à 9" NBSP "h");
  check_words ("Mo-Fr 08:30-12:00", "2026-12-07T07:00:00Z", "Fermé, ouvre à 8" NBSP "h" NBSP "30");
  check_words ("unknown", "2026-12-07T10:00:00Z", "Horaires inconnus pour l’instant");

  test_leave_french (catalogue);
}

int
main (int argc,
      char **argv)
{
  /* English, whatever the machine's locale. */
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);
  for (gsize i = 0; i < G_N_ELEMENTS (status_tests); i++)
    {
      g_autofree char *path = g_strconcat ("/opening-hours-status/", status_tests[i], NULL);

      g_test_add_data_func (path, status_tests[i], test_status_cases);
    }
  g_test_add_func ("/opening-hours-status/time-zone", test_time_zone);
  g_test_add_func ("/opening-hours-status/invalid", test_invalid);
  g_test_add_func ("/opening-hours-status/describe", test_describe);
  g_test_add_func ("/opening-hours-status/describe-french", test_describe_french);
  return g_test_run ();
}
