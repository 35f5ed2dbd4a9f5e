/* test-opening-hours.c — OpenStreetMap opening_hours validation and rendering
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-opening-hours.h"

#include <glib/gstdio.h>
#include <libintl.h>
#include <locale.h>
#include <unistd.h>

#include "test-locale-util.h"

/* Values as they appear in real directories of places of digital mediation. */
static const char *const valid_values[] = {
  "Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00",
  "Mo,We 10:00-12:00",
  "Mo, We 10:00-12:00",
  "Mo-Fr 09:00-12:00, 14:00-18:00",
  "Mo-Fr 09:00-17:00;Sa 09:00-12:00",
  "Fr-Mo 10:00-12:00",
  "24/7",
  "24/7 closed",
  "off",
  "closed",
  "open",
  "unknown",
  "Mo-Fr 09:00-17:00; PH off",
  "PH off",
  "Mo-Sa 09:00-19:00; Su,PH off",
  "Mo-Fr,PH 10:00-12:00",
  "SH Mo-Fr 10:00-12:00",
  "Jan-Jun Mo-Fr 09:00-12:00",
  "Jan-Jun: Mo-Fr 09:00-12:00",
  "Jan,Mar-May Mo 09:00-12:00",
  "Dec 25 off",
  "Dec 24-26 off",
  "Dec 24-Jan 02 off",
  "Feb 29 off",
  "2026 Dec 25 off",
  "2025-2026 Mo-Fr 09:00-12:00",
  "2025+ Mo 09:00-12:00",
  "2024-2030/2 Sa 10:00-12:00",
  "week 1-53/2 Mo 09:00-12:00",
  "week 01,03 Tu 14:00-16:00",
  "week 10-20: We 14:00-17:00",
  "Jul-Aug week 28-35 Mo-Fr 10:00-12:00",
  "Mo-Fr 09:00-12:00 \"sur rendez-vous\"",
  "\"sur rendez-vous uniquement\"",
  "\"\"",
  "Mo-Fr 08:00-12:00 open",
  "Mo 10:00-12:00 unknown \"à confirmer\"",
  "Mo-Fr 22:00-02:00",
  "Fr 20:00-26:00",
  "Mo-Fr 09:00+",
  "Mo-Fr 09:00-18:00+",
  "sunrise-sunset",
  "Sa (sunrise+01:00)-(sunset-00:30)",
  "Mo[1] 09:00-12:00",
  "Sa[1,3] 10:00-12:00",
  "We[2-4] 14:00-16:00",
  "Su[-1] 10:00-12:00",
  "Mo-Fr 09:00-12:00, Sa 10:00-12:00",
  "Mo-Fr 09:00-12:00 || \"sur rendez-vous\"",
  "Mo-Fr 09:00-12:00; Sa",
  "Mo-Fr 09:00-12:00,14:00-18:00; We 09:00-12:00",
  "00:00-24:00",
  "10:00",
  "  Mo 10:00-12:00  ",
  "Tu-Th 09:30-12:30,13:30-17:00; Fr 09:30-12:30; Sa,Su off; PH off",
};

typedef struct
{
  const char *text;
  gsize offset; /* byte offset of the first problem */
  SillonOpeningHoursError code;
} InvalidCase;

static const InvalidCase invalid_values[] = {
  { "9h-12h", 0, SILLON_OPENING_HOURS_ERROR_SYNTAX },
  { "Lundi 9:00-12:00", 0, SILLON_OPENING_HOURS_ERROR_SYNTAX },
  { "Mo-Fr 25:00-26:00", 6, SILLON_OPENING_HOURS_ERROR_RANGE },
  { "", 0, SILLON_OPENING_HOURS_ERROR_EMPTY },
  { "   ", 0, SILLON_OPENING_HOURS_ERROR_EMPTY },
  { "Mo-Fr 9:00-12:00", 6, SILLON_OPENING_HOURS_ERROR_SYNTAX },
  { "Mo-Fr 09h00-12h00", 8, SILLON_OPENING_HOURS_ERROR_SYNTAX },
  { "Mo-Fr 9h-12h", 6, SILLON_OPENING_HOURS_ERROR_SYNTAX },
  { "Mo-Fr: 09:00-12:00", 5, SILLON_OPENING_HOURS_ERROR_SYNTAX },
  { "mo-fr 09:00-12:00", 0, SILLON_OPENING_HOURS_ERROR_SYNTAX },
  { "MO-FR 09:00-12:00", 0, SILLON_OPENING_HOURS_ERROR_SYNTAX },
  { "Mon-Fri 09:00-12:00", 0, SILLON_OPENING_HOURS_ERROR_SYNTAX },
  { "Mo-Fr 09:00-12:00;", 18, SILLON_OPENING_HOURS_ERROR_SYNTAX },
  { "Mo-Fr 09:00-12:00 ; ; Sa", 20, SILLON_OPENING_HOURS_ERROR_SYNTAX },
  { "Mo-Fr 09:00 - 12:00", 11, SILLON_OPENING_HOURS_ERROR_SYNTAX },
  { "Mo-Fr 09:60-12:00", 9, SILLON_OPENING_HOURS_ERROR_RANGE },
  { "Mo-Fr 09:00-49:00", 12, SILLON_OPENING_HOURS_ERROR_RANGE },
  { "Mo-Fr 24:30-25:00", 6, SILLON_OPENING_HOURS_ERROR_RANGE },
  { "Mo-Fr 09:00-12:00 Tu 10:00-11:00", 18, SILLON_OPENING_HOURS_ERROR_SYNTAX },
  { "Mo-Fr 09:00-12:00 et Sa 10:00-12:00", 18, SILLON_OPENING_HOURS_ERROR_SYNTAX },
  { "Mo-Fr 09:00-12:00 \"sur rendez-vous", 18, SILLON_OPENING_HOURS_ERROR_SYNTAX },
  { "Mo-Xy 09:00-12:00", 3, SILLON_OPENING_HOURS_ERROR_SYNTAX },
  { "Mo-Fr 12:00-", 12, SILLON_OPENING_HOURS_ERROR_SYNTAX },
  { "Mo-Fr 0900-1200", 6, SILLON_OPENING_HOURS_ERROR_SYNTAX },
  { "Mo-Fr 09:00-12:000", 15, SILLON_OPENING_HOURS_ERROR_SYNTAX },
  { "Mo-Fr 09:0-12:00", 9, SILLON_OPENING_HOURS_ERROR_SYNTAX },
  { "Mo-Fr09:00-12:00", 5, SILLON_OPENING_HOURS_ERROR_SYNTAX },
  { "Mo-Fr 09.00-12.00", 8, SILLON_OPENING_HOURS_ERROR_SYNTAX },
  { "week 54 Mo 10:00-12:00", 5, SILLON_OPENING_HOURS_ERROR_RANGE },
  { "week 0 Mo 10:00-12:00", 5, SILLON_OPENING_HOURS_ERROR_RANGE },
  { "week", 4, SILLON_OPENING_HOURS_ERROR_SYNTAX },
  { "week 1-10/0 Mo", 10, SILLON_OPENING_HOURS_ERROR_RANGE },
  { "Feb 30 off", 4, SILLON_OPENING_HOURS_ERROR_RANGE },
  { "Jan-Dex Mo 10:00", 4, SILLON_OPENING_HOURS_ERROR_SYNTAX },
  { "Jan-Mar 15 off", 4, SILLON_OPENING_HOURS_ERROR_SYNTAX },
  { "2019-2018 Mo 10:00", 0, SILLON_OPENING_HOURS_ERROR_RANGE },
  { "1850 Mo 10:00", 0, SILLON_OPENING_HOURS_ERROR_RANGE },
  { "Mo[6] 10:00-12:00", 3, SILLON_OPENING_HOURS_ERROR_RANGE },
  { "Mo[1 10:00-12:00", 4, SILLON_OPENING_HOURS_ERROR_SYNTAX },
  { "Mo-Fr 09:00-12:00,", 18, SILLON_OPENING_HOURS_ERROR_SYNTAX },
  { "Mo-Fr 09:00-12:00 | Sa", 18, SILLON_OPENING_HOURS_ERROR_SYNTAX },
  { "Mo-Fr 09:00-12:00\n", 17, SILLON_OPENING_HOURS_ERROR_SYNTAX },
  { "Mo-Fr\t09:00-12:00", 5, SILLON_OPENING_HOURS_ERROR_SYNTAX },
  { "(sunrise 10:00", 8, SILLON_OPENING_HOURS_ERROR_SYNTAX },
  { "Sa (noon+01:00)-12:00", 4, SILLON_OPENING_HOURS_ERROR_SYNTAX },
  { "24/7 09:00-12:00", 5, SILLON_OPENING_HOURS_ERROR_SYNTAX },
  { "Mo-Fr 09:00-12:00 fermé", 18, SILLON_OPENING_HOURS_ERROR_SYNTAX },
  { "Du lundi au vendredi de 9h à 12h", 0, SILLON_OPENING_HOURS_ERROR_SYNTAX },
  { "é", 0, SILLON_OPENING_HOURS_ERROR_SYNTAX },
  { "Mo-Fr 09:00-12:00 éé", 18, SILLON_OPENING_HOURS_ERROR_SYNTAX },
  { "Mo-Fr 09:00-12:00 \xff", 18, SILLON_OPENING_HOURS_ERROR_SYNTAX },
};

static void
test_valid (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (valid_values); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *rendered = NULL;
      gsize offset = G_MAXSIZE;

      g_test_message ("valid: %s", valid_values[i]);
      g_assert_true (sillon_opening_hours_validate (valid_values[i], &offset, &error));
      g_assert_no_error (error);
      /* The offset is only written on failure. */
      g_assert_cmpuint (offset, ==, G_MAXSIZE);

      rendered = sillon_opening_hours_render (valid_values[i], &error);
      g_assert_no_error (error);
      g_assert_nonnull (rendered);
      g_assert_true (g_utf8_validate (rendered, -1, NULL));
    }
}

static void
test_invalid (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (invalid_values); i++)
    {
      const InvalidCase *c = &invalid_values[i];
      g_autoptr (GError) error = NULL;
      g_autoptr (GError) render_error = NULL;
      g_autofree char *rendered = NULL;
      gsize offset = G_MAXSIZE;
      g_autofree char *escaped = g_strescape (c->text, NULL);

      g_test_message ("invalid: %s", escaped);
      g_assert_false (sillon_opening_hours_validate (c->text, &offset, &error));
      g_assert_error (error, SILLON_OPENING_HOURS_ERROR, (int) c->code);
      g_assert_cmpuint (offset, ==, c->offset);
      /* Messages name the position, counted in characters from 1. */
      if (c->code != SILLON_OPENING_HOURS_ERROR_EMPTY && g_utf8_validate (c->text, -1, NULL))
        {
          g_autofree char *position = g_strdup_printf ("character %ld:",
                                                       g_utf8_strlen (c->text, c->offset) + 1);
          g_assert_nonnull (strstr (error->message, position));
        }

      rendered = sillon_opening_hours_render (c->text, &render_error);
      g_assert_null (rendered);
      g_assert_error (render_error, SILLON_OPENING_HOURS_ERROR, (int) c->code);
    }
}

static void
test_validate_without_out_arguments (void)
{
  g_assert_true (sillon_opening_hours_validate ("Mo 10:00-12:00", NULL, NULL));
  g_assert_false (sillon_opening_hours_validate ("Lundi", NULL, NULL));
}

static void
test_error_message_position_in_characters (void)
{
  g_autoptr (GError) error = NULL;
  gsize offset = 0;

  /* The comment holds multi-byte characters: the offset counts bytes, the
   * message counts characters so that a person can find the place. */
  g_assert_false (sillon_opening_hours_validate ("\"été\" Lu", &offset, &error));
  g_assert_cmpuint (offset, ==, 8);
  g_assert_nonnull (strstr (error->message, "character 7:"));
  g_assert_nonnull (strstr (error->message, "“Lu”"));
}

typedef struct
{
  const char *text;
  const char *expected;
} RenderCase;

static const RenderCase render_cases[] = {
  { "Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00",
    "Monday to Friday: 9:00–12:00, 14:00–18:30; Saturday: 8:30–12:00" },
  { "PH off", "public holidays: closed" },
  { "Mo-Sa 09:00-19:00; Su,PH off", "Monday to Saturday: 9:00–19:00; Sunday, public holidays: closed" },
  { "24/7", "every day: open 24 hours a day" },
  { "Jan-Jun Mo,We 10:00-12:00", "January to June, Monday, Wednesday: 10:00–12:00" },
  { "\"sur rendez-vous\"", "sur rendez-vous" },
  { "Mo-Fr 09:00-12:00 \"sur rendez-vous\"", "Monday to Friday: 9:00–12:00 (sur rendez-vous)" },
  { "09:00-18:00", "every day: 9:00–18:00" },
  { "Sa", "Saturday: open" },
  { "off", "closed" },
  { "Dec 25 off", "December 25: closed" },
  { "Dec 24-Jan 02 off", "December 24 to January 2: closed" },
  { "week 1-53/2 Mo 09:00-12:00", "weeks 1 to 53, every 2 weeks, Monday: 9:00–12:00" },
  { "Fr 20:00-26:00", "Friday: 20:00–2:00" },
  { "Mo-Fr 09:00+", "Monday to Friday: from 9:00" },
  { "Su[-1] 10:00-12:00", "Sunday (-1 of the month): 10:00–12:00" },
  { "SH Mo-Fr 10:00-12:00", "school holidays, Monday to Friday: 10:00–12:00" },
  { "Mo 10:00-12:00 unknown", "Monday: hours not known" },
  { "Sa (sunrise+01:00)-sunset", "Saturday: sunrise + 1:00–sunset" },
  { "Mo-Fr 09:00-12:00, Sa 10:00-12:00", "Monday to Friday: 9:00–12:00; Saturday: 10:00–12:00" },
};

static void
test_render (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (render_cases); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *rendered = sillon_opening_hours_render (render_cases[i].text, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (rendered, ==, render_cases[i].expected);
    }
}

/* The catalogue a French translation provides for the strings the rendering
 * uses, compiled for the test: it shows that every piece of the printed text
 * goes through gettext, including the order of words in a date. */
static const char french_po[] =
    "msgid \"\"\n"
    "msgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n"
    "msgctxt \"weekday\"\nmsgid \"Monday\"\nmsgstr \"lundi\"\n"
    "msgctxt \"weekday\"\nmsgid \"Friday\"\nmsgstr \"vendredi\"\n"
    "msgctxt \"weekday\"\nmsgid \"Saturday\"\nmsgstr \"samedi\"\n"
    "msgctxt \"weekday range\"\nmsgid \"%s to %s\"\nmsgstr \"%s au %s\"\n"
    "msgctxt \"clock\"\nmsgid \"%d:00\"\nmsgstr \"%d h\"\n"
    "msgctxt \"clock\"\nmsgid \"%d:%02d\"\nmsgstr \"%d h %02d\"\n"
    "msgid \"%s: %s\"\nmsgstr \"%s : %s\"\n"
    "msgctxt \"month\"\nmsgid \"December\"\nmsgstr \"décembre\"\n"
    "msgctxt \"date\"\nmsgid \"%1$s %2$d\"\nmsgstr \"%2$d %1$s\"\n"
    "msgid \"closed\"\nmsgstr \"fermé\"\n"
    "msgid \"public holidays\"\nmsgstr \"jours fériés\"\n"
    "msgid \"Invalid opening hours at character %ld: %s\"\nmsgstr \"Horaires invalides au caractère %ld : %s\"\n";

static void
test_render_french (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *po = NULL;
  g_autofree char *rendered = NULL;
  g_autofree char *dates = NULL;
  char *catalogue = NULL;
  int fd = g_file_open_tmp ("sillon-test-XXXXXX.po", &po, &error);

  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (po, french_po, -1, &error);
  g_assert_no_error (error);
  catalogue = test_enter_french (po);
  g_remove (po);
  if (catalogue == NULL)
    return;

  rendered = sillon_opening_hours_render ("Mo-Fr 09:00-12:00,14:00-18:30; Sa 08:30-12:00", &error);
  dates = sillon_opening_hours_render ("Dec 25 off; PH off", &error);
  g_assert_no_error (error);
  g_assert_false (sillon_opening_hours_validate ("Lundi", NULL, &error));

  test_leave_french (catalogue);

  g_assert_cmpstr (rendered, ==, "lundi au vendredi : 9 h–12 h, 14 h–18 h 30; samedi : 8 h 30–12 h");
  g_assert_cmpstr (dates, ==, "25 décembre : fermé; jours fériés : fermé");
  g_assert_true (g_str_has_prefix (error->message, "Horaires invalides au caractère 1 : "));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/opening-hours/valid", test_valid);
  g_test_add_func ("/opening-hours/invalid", test_invalid);
  g_test_add_func ("/opening-hours/validate-without-out-arguments", test_validate_without_out_arguments);
  g_test_add_func ("/opening-hours/error-position-in-characters", test_error_message_position_in_characters);
  g_test_add_func ("/opening-hours/render", test_render);
  /* Last: it switches the message catalogue. */
  g_test_add_func ("/opening-hours/render-french", test_render_french);
  return g_test_run ();
}
