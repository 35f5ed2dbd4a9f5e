/* test-number-format.c — counts as the user interface's language writes them
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-number-format.h"

#include "test-locale-util.h"

/* Whose grouping: the locale's own when LC_NUMERIC speaks the interface's
 * language, else the translation's separator. */
static void
test_separator_choice (void)
{
  g_assert_null (sillon_count_separator ("fr_FR.UTF-8", "fr_FR"));
  g_assert_null (sillon_count_separator ("fr_BE.UTF-8", "fr"));
  g_assert_null (sillon_count_separator ("en_GB.UTF-8", "en_GB"));
  /* The system's numbers in English, Sillon in French, and the reverse. */
  g_assert_nonnull (sillon_count_separator ("en_US.UTF-8", "fr"));
  g_assert_nonnull (sillon_count_separator ("fr_FR.UTF-8", "en"));
  /* C groups nothing: the translation's separator. */
  g_assert_cmpstr (sillon_count_separator ("C.UTF-8", "C"), ==, ",");
  g_assert_cmpstr (sillon_count_separator ("POSIX", "en"), ==, ",");
}

static void
assert_count (gint64 value,
              const char *expected)
{
  g_autofree char *text = sillon_format_count (value);

  g_assert_cmpstr (text, ==, expected);
}

/* LC_ALL=C.UTF-8 in the suite: the English msgid's separator. */
static void
test_english (void)
{
  assert_count (0, "0");
  assert_count (7, "7");
  assert_count (999, "999");
  assert_count (1000, "1,000");
  assert_count (20000, "20,000");
  assert_count (200000, "200,000");
  assert_count (1234567, "1,234,567");
  assert_count (-1234, "-1,234");
  assert_count (-999, "-999");
  assert_count (G_MAXINT64, "9,223,372,036,854,775,807");
  assert_count (G_MININT64, "-9,223,372,036,854,775,808");
}

/* With Sillon's French translation and number settings that are not
 * French, as in the interface tests: a narrow no-break space. */
static void
test_french (void)
{
  char *catalogue = test_enter_french (TEST_FRENCH_PO);

  if (catalogue == NULL)
    return;
  assert_count (999, "999");
  assert_count (20000, "20\u202f000");
  assert_count (1234567, "1\u202f234\u202f567");
  assert_count (-1000, "-1\u202f000");
  test_leave_french (catalogue);
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/number-format/separator-choice", test_separator_choice);
  g_test_add_func ("/number-format/english", test_english);
  g_test_add_func ("/number-format/french", test_french);

  return g_test_run ();
}
