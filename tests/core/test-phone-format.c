/* test-phone-format.c — telephone numbers as people read them
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-phone-format.h"

#include <string.h>

static void
assert_format (const char *text, const char *home, const char *expected)
{
  g_autofree char *got = sillon_phone_format (text, home);

  g_assert_cmpstr (got, ==, expected);
}

static void
assert_normalise (const char *text, const char *expected)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *got = sillon_phone_normalise (text, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (got, ==, expected);
}

static void
assert_invalid (const char *text)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *got = sillon_phone_normalise (text, &error);

  g_assert_null (got);
  g_assert_error (error, SILLON_PHONE_ERROR, SILLON_PHONE_ERROR_INVALID);
  /* The message quotes what was given, so the mediator sees what to fix. */
  if (text != NULL && g_utf8_validate (text, -1, NULL))
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (text));

      g_assert_nonnull (strstr (error->message, trimmed));
    }
}

/* Every way a French number is written reads back as the same E.164. */
static void
test_normalise (void)
{
  assert_normalise ("+33326000000", "+33326000000");
  assert_normalise ("03 26 00 00 00", "+33326000000");
  assert_normalise ("03.26.00.00.00", "+33326000000");
  assert_normalise ("03-26-00-00-00", "+33326000000");
  assert_normalise ("0033 3 26 00 00 00", "+33326000000");
  assert_normalise ("+33 (0)3 26 00 00 00", "+33326000000");
  assert_normalise ("+33 0326000000", "+33326000000");
  assert_normalise ("  06\u00a012\u00a034\u00a056\u00a078 ", "+33612345678");
  assert_normalise ("+32 2 123 45 67", "+3221234567");
  /* Overseas departments: national numbers belong to their own country code. */
  assert_normalise ("0262 12 34 56", "+262262123456");
  assert_normalise ("0692 12 34 56", "+262692123456");
  assert_normalise ("0639 12 34 56", "+262639123456");
  assert_normalise ("0590 12 34 56", "+590590123456");
  assert_normalise ("0694 12 34 56", "+594694123456");
  assert_normalise ("0696 12 34 56", "+596696123456");
  /* Short numbers stay as they are. */
  assert_normalise ("3949", "3949");
  assert_normalise ("39 49", "3949");
  assert_normalise ("115", "115");
  assert_normalise ("116 000", "116000");
}

static void
test_normalise_invalid (void)
{
  assert_invalid (NULL);
  assert_invalid ("");
  assert_invalid ("   ");
  assert_invalid ("call the reception");
  assert_invalid ("03 26 00 00 00 poste 12");
  assert_invalid ("+33 3 26 00");         /* too short for France */
  assert_invalid ("+33 3 26 00 00 00 0"); /* too long for France */
  assert_invalid ("+262 12 34 56");       /* too short for La Réunion */
  assert_invalid ("0326 00 00");          /* a national number without all its digits */
  assert_invalid ("00 00 00 00 00");
  assert_invalid ("+0 123 456 789");    /* no country code starts with 0 */
  assert_invalid ("+1234567890123456"); /* longer than E.164 allows */
  assert_invalid ("+");
  assert_invalid ("3+949");
  assert_invalid ("\xff\xfe 03");
}

/* From France: French numbers as the French read them. */
static void
test_format_from_france (void)
{
  const char *fr = SILLON_PHONE_HOME_REGION;

  assert_format ("+33326000000", fr, "03 26 00 00 00");
  assert_format ("+33612345678", fr, "06 12 34 56 78");
  assert_format ("+33 1 23 45 67 89", fr, "01 23 45 67 89");
  assert_format ("0033 9 70 00 00 00", fr, "09 70 00 00 00");
  assert_format ("03.26.00.00.00", fr, "03 26 00 00 00");
  /* Overseas departments, dialled nationally, their prefix kept whole. */
  assert_format ("+262262123456", fr, "0262 12 34 56");
  assert_format ("+262692123456", fr, "0692 12 34 56");
  assert_format ("+262269612345", fr, "0269 61 23 45");
  assert_format ("+590590123456", fr, "0590 12 34 56");
  assert_format ("+590690123456", fr, "0690 12 34 56");
  assert_format ("+594594123456", fr, "0594 12 34 56");
  assert_format ("+596696123456", fr, "0696 12 34 56");
  /* Collectivities with plans of their own are abroad, for dialling. */
  assert_format ("+687234567", fr, "+687 23 45 67");
  assert_format ("+68940123456", fr, "+689 40 12 34 56");
  assert_format ("+508411234", fr, "+508 41 12 34");
  /* Other countries, in international grouping. */
  assert_format ("+3221234567", fr, "+32 2 123 45 67");
  assert_format ("+3271123456", fr, "+32 71 12 34 56");
  assert_format ("+32470123456", fr, "+32 470 12 34 56");
  assert_format ("+41211234567", fr, "+41 21 123 45 67");
  assert_format ("+212612345678", fr, "+212 6 12 34 56 78");
  assert_format ("+21621123456", fr, "+216 21 123 456");
  assert_format ("+12125550123", fr, "+1 212 555 0123");
  /* A country without rules here: by threes, never a lone digit at the end. */
  assert_format ("+4930123456", fr, "+49 301 234 56");
  assert_format ("+493012345678", fr, "+49 301 234 5678");
  assert_format ("+35227123456", fr, "+352 271 234 56");
  /* Short numbers are dialled as they are. */
  assert_format ("3949", fr, "3949");
  assert_format ("39 39", fr, "3939");
  assert_format ("112", fr, "112");
}

/* From abroad, a French number carries its country code. */
static void
test_format_from_abroad (void)
{
  assert_format ("+33326000000", NULL, "+33 3 26 00 00 00");
  assert_format ("03 26 00 00 00", NULL, "+33 3 26 00 00 00");
  assert_format ("+262692123456", NULL, "+262 692 12 34 56");
  assert_format ("+33326000000", "BE", "+33 3 26 00 00 00");
  assert_format ("+3221234567", NULL, "+32 2 123 45 67");
}

/* What cannot be read is printed as given: a sheet never loses a number. */
static void
test_format_malformed (void)
{
  assert_format (NULL, "FR", NULL);
  assert_format ("", "FR", NULL);
  assert_format ("  \t ", "FR", NULL);
  assert_format ("  03 26 00 00 00 poste 12 ", "FR", "03 26 00 00 00 poste 12");
  assert_format ("+33 3 26 00", "FR", "+33 3 26 00");
  assert_format ("ask at the desk", "FR", "ask at the desk");
  assert_format ("0326", "FR", "0326");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/phone/normalise", test_normalise);
  g_test_add_func ("/phone/normalise/invalid", test_normalise_invalid);
  g_test_add_func ("/phone/format/from-france", test_format_from_france);
  g_test_add_func ("/phone/format/from-abroad", test_format_from_abroad);
  g_test_add_func ("/phone/format/malformed", test_format_malformed);
  return g_test_run ();
}
