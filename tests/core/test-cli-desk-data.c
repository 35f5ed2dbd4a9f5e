/* test-cli-desk-data.c — black-box test of `sillon-cli commune …`, `assess quick|next` and `places hours`
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "test-cli-util.h"

#define RUN(...) cli_run (NULL, NULL, NULL, __VA_ARGS__, NULL)

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    n += *p == '\n';
  return n;
}

static void
test_commune_search (void)
{
  g_autoptr (CliResult) r = RUN ("commune", "search", "st", "etienne", "--limit", "3");

  g_assert_cmpint (r->status, ==, 0);
  g_assert_true (g_str_has_prefix (r->out, "42218\tSaint-Étienne\t42\tLoire\t42000 42100 42230\n"));
  g_assert_cmpuint (count_lines (r->out), ==, 3);

  g_clear_pointer (&r, cli_result_free);
  r = cli_expect (0, RUN ("commune", "search", "42 000"));
  g_assert_cmpstr (r->out, ==, "42218\tSaint-Étienne\t42\tLoire\t42000 42100 42230\n");

  /* Nothing matches: not an error. */
  g_clear_pointer (&r, cli_result_free);
  r = cli_expect (0, RUN ("commune", "search", "zzzz"));
  g_assert_cmpstr (r->out, ==, "");
  g_assert_nonnull (strstr (r->err, "No commune matches"));

  /* Neither a name nor a postal code: says what is valid. */
  g_clear_pointer (&r, cli_result_free);
  r = cli_expect (2, RUN ("commune", "search", "420000"));
  g_assert_nonnull (strstr (r->err, "five digits"));

  g_clear_pointer (&r, cli_result_free);
  r = cli_expect (2, RUN ("commune", "search"));
}

static void
test_commune_show (void)
{
  g_autoptr (CliResult) r = RUN ("commune", "show", "2A004");

  g_assert_cmpint (r->status, ==, 0);
  g_assert_cmpstr (r->out, ==, "2A004\tAjaccio\t2A\tCorse-du-Sud\t20000 20090 20167\n");

  /* A former commune: the one it became. */
  g_clear_pointer (&r, cli_result_free);
  r = cli_expect (0, RUN ("commune", "show", "01126"));
  g_assert_cmpstr (r->out, ==, "01033\tValserhône\t01\tAin\t01200\n");

  g_clear_pointer (&r, cli_result_free);
  r = cli_expect (2, RUN ("commune", "show", "4221"));
  g_assert_nonnull (strstr (r->err, "for example 42218"));

  g_clear_pointer (&r, cli_result_free);
  r = cli_expect (1, RUN ("commune", "show", "99999"));
  g_assert_nonnull (strstr (r->err, "99999"));

  g_clear_pointer (&r, cli_result_free);
  r = cli_expect (2, RUN ("commune", "frobnicate"));
}

static void
test_assess_quick (void)
{
  g_autoptr (CliResult) r = RUN ("assess", "quick");

  g_assert_cmpint (r->status, ==, 0);
  g_assert_cmpuint (count_lines (r->out), ==, 10);
  g_assert_true (g_str_has_prefix (r->out, "pouvoir.equipment.home\tpouvoir\t"));

  g_clear_pointer (&r, cli_result_free);
  r = cli_expect (2, RUN ("assess", "quick", "extra.json"));
}

static void
test_assess_next (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = test_make_tmp_dir ("sillon-cli-next-XXXXXX");
  g_autofree char *answers = g_build_filename (dir, "a.json", NULL);
  g_autofree char *broken = g_build_filename (dir, "broken.json", NULL);
  g_autoptr (CliResult) r = NULL;

  /* Two quick questions asked, one of them skipped. */
  g_file_set_contents (answers,
                       "{\"format\": \"sillon-answers\", \"questionnaire_version\": 1, \"answers\": "
                       "{\"pouvoir.equipment.home\": 2, \"pouvoir.connection.home\": null}}",
                       -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (broken, "{\"format\": \"sillon-answers\", \"questionnaire_version\": 1, \"answers\": {\"no.such\": 1}}",
                       -1, &error);
  g_assert_no_error (error);

  r = cli_expect (0, RUN ("assess", "next", "--quick", answers));
  g_assert_cmpuint (count_lines (r->out), ==, 8);
  g_assert_true (g_str_has_prefix (r->out, "pouvoir.french.reading\t"));

  g_clear_pointer (&r, cli_result_free);
  r = cli_expect (0, RUN ("assess", "next", answers));
  g_assert_cmpuint (count_lines (r->out), ==, 34 - 2);
  g_assert_true (g_str_has_prefix (r->out, "pouvoir.cost.burden\t"));
  g_assert_null (strstr (r->out, "pouvoir.connection.home"));

  g_clear_pointer (&r, cli_result_free);
  r = cli_expect (1, RUN ("assess", "next", broken));
  g_assert_nonnull (strstr (r->err, "no.such"));

  g_clear_pointer (&r, cli_result_free);
  r = cli_expect (2, RUN ("assess", "next"));

  g_remove (answers);
  g_remove (broken);
  g_rmdir (dir);
}

static void
test_places_hours (void)
{
  g_autoptr (CliResult) r = RUN ("places", "hours", "Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00", "--at", "2026-12-11T19:00");

  g_assert_cmpint (r->status, ==, 0);
  g_assert_cmpstr (r->out, ==, "Monday to Friday: 9:00–12:00, 14:00–18:30; Saturday: 8:30–12:00\n"
                               "Closed now, opens tomorrow at 8:30\n");

  g_clear_pointer (&r, cli_result_free);
  r = cli_expect (2, RUN ("places", "hours", "Mo-Fr 9h-12h"));
  g_assert_nonnull (strstr (r->err, "09:00"));

  g_clear_pointer (&r, cli_result_free);
  r = cli_expect (2, RUN ("places", "hours", "24/7", "--at", "yesterday"));
  g_assert_nonnull (strstr (r->err, "2026-12-07T10:30"));

  g_clear_pointer (&r, cli_result_free);
  r = cli_expect (2, RUN ("places", "hours"));
}

int
main (int argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli-desk-data/commune-search", test_commune_search);
  g_test_add_func ("/cli-desk-data/commune-show", test_commune_show);
  g_test_add_func ("/cli-desk-data/assess-quick", test_assess_quick);
  g_test_add_func ("/cli-desk-data/assess-next", test_assess_next);
  g_test_add_func ("/cli-desk-data/places-hours", test_places_hours);
  return g_test_run ();
}
