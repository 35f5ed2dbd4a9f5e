/* sillon-phone-format.c — telephone numbers as people read them
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-phone-format.h"

#include <glib/gi18n-lib.h>
#include <string.h>

G_DEFINE_QUARK (sillon - phone - error - quark, sillon_phone_error)

/* E.164: at most 15 digits, country code included. */
#define E164_MAX_DIGITS 15
/* Below this, a number without "+" nor trunk "0" is a short number (15,
 * 112, 3949, 116000); longer, it is a number without its country. */
#define SHORT_MAX_DIGITS 6

/* The country calling codes of one and two digits (ITU-T E.164 list); all
 * others have three. Stable for decades: new codes are three digits. */
static const char *const short_country_codes[] = {
  "1",
  "7",
  "20",
  "27",
  "30",
  "31",
  "32",
  "33",
  "34",
  "36",
  "39",
  "40",
  "41",
  "43",
  "44",
  "45",
  "46",
  "47",
  "48",
  "49",
  "51",
  "52",
  "53",
  "54",
  "55",
  "56",
  "57",
  "58",
  "60",
  "61",
  "62",
  "63",
  "64",
  "65",
  "66",
  "81",
  "82",
  "84",
  "86",
  "90",
  "91",
  "92",
  "93",
  "94",
  "95",
  "98",
};

/* The overseas departments are in the French national numbering plan
 * (ARCEP): +262 692 12 34 56 is dialled 0692 12 34 56 from Paris. Their
 * national prefixes, and the country code each belongs to. */
static const struct
{
  const char *prefix; /* the first three digits of the national number */
  const char *country;
} overseas_prefixes[] = {
  { "262", "262" }, { "263", "262" }, { "692", "262" }, { "693", "262" }, /* La Réunion */
  { "269", "262" },
  { "639", "262" }, /* Mayotte */
  { "590", "590" },
  { "690", "590" },
  { "691", "590" }, /* Guadeloupe, Saint-Martin, Saint-Barthélemy */
  { "594", "594" },
  { "694", "594" }, /* Guyane */
  { "596", "596" },
  { "696", "596" },
  { "697", "596" }, /* Martinique */
};

/* How a country's numbers are grouped after its code, by length of the
 * national significant number: each digit of @groups is a group's size.
 * Only countries whose numbers French structures often print; the others
 * are grouped by threes, which reads well enough without their rules. */
static const struct
{
  const char *country;
  guint length;
  const char *first_digits; /* NULL: any */
  const char *groups;
} country_groups[] = {
  { "33", 9, NULL, "12222" }, /* France: +33 3 26 00 00 00 */
  { "262", 9, NULL, "3222" }, /* overseas departments: +262 692 12 34 56 */
  { "590", 9, NULL, "3222" },
  { "594", 9, NULL, "3222" },
  { "596", 9, NULL, "3222" },
  { "32", 9, NULL, "3222" },   /* Belgium, mobiles: +32 470 12 34 56 */
  { "32", 8, "2349", "1322" }, /* Belgium, one-digit areas: +32 2 123 45 67 */
  { "32", 8, NULL, "2222" },   /* Belgium, two-digit areas: +32 71 12 34 56 */
  { "41", 9, NULL, "2322" },   /* Switzerland: +41 21 123 45 67 */
  { "34", 9, NULL, "3222" },   /* Spain: +34 612 34 56 78 */
  { "351", 9, NULL, "333" },   /* Portugal: +351 912 345 678 */
  { "212", 9, NULL, "12222" }, /* Morocco: +212 6 12 34 56 78 */
  { "213", 9, NULL, "12222" }, /* Algeria, mobiles: +213 5 51 23 45 67 */
  { "213", 8, NULL, "2222" },  /* Algeria, fixed: +213 21 12 34 56 */
  { "216", 8, NULL, "233" },   /* Tunisia: +216 20 123 456 */
  { "508", 6, NULL, "222" },   /* Saint-Pierre-et-Miquelon: +508 41 12 34 */
  { "681", 6, NULL, "222" },   /* Wallis-et-Futuna */
  { "687", 6, NULL, "222" },   /* New Caledonia: +687 23 45 67 */
  { "689", 8, NULL, "2222" },  /* French Polynesia: +689 40 12 34 56 */
  { "1", 10, NULL, "334" },    /* North America: +1 212 555 0123 */
};

static gboolean
is_separator (gunichar c)
{
  return g_unichar_isspace (c) || c == '.' || c == '-' || c == '/' || c == '(' || c == ')' || c == 0x00A0 ||
         c == 0x202F || c == 0x2009 || c == 0x2010 || c == 0x2011 || c == 0x2012 || c == 0x2013;
}

static void
set_invalid (const char *text, GError **error)
{
  g_set_error (error, SILLON_PHONE_ERROR, SILLON_PHONE_ERROR_INVALID,
               /* Translators: %s is what was typed or imported as a phone number. */
               _ ("“%s” is not a telephone number: write it with its ten digits (03 26 00 00 00), "
                  "with its country code (+32 2 123 45 67), or as a short number (3949)"),
               text);
}

static guint
country_code_length (const char *digits)
{
  for (guint i = 0; i < G_N_ELEMENTS (short_country_codes); i++)
    if (g_str_has_prefix (digits, short_country_codes[i]))
      return strlen (short_country_codes[i]);
  return 3;
}

static const char *
overseas_country (const char *national_without_zero)
{
  for (guint i = 0; i < G_N_ELEMENTS (overseas_prefixes); i++)
    if (g_str_has_prefix (national_without_zero, overseas_prefixes[i].prefix))
      return overseas_prefixes[i].country;
  return NULL;
}

static gboolean
is_french_plan (const char *country)
{
  return g_str_equal (country, "33") || g_str_equal (country, "262") || g_str_equal (country, "590") ||
         g_str_equal (country, "594") || g_str_equal (country, "596");
}

char *
sillon_phone_normalise (const char *text, GError **error)
{
  g_autoptr (GString) digits = g_string_new (NULL);
  g_autofree char *trimmed = NULL;
  gboolean international = FALSE;
  const char *p;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    {
      g_autofree char *shown = text != NULL ? g_utf8_make_valid (text, -1) : g_strdup ("");

      set_invalid (shown, error);
      return NULL;
    }
  trimmed = g_strstrip (g_strdup (text));
  p = trimmed;
  if (*p == '+')
    {
      international = TRUE;
      p++;
    }
  for (; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* "+33 (0)3 26 00 00 00": the bracketed trunk zero is for national
       * callers only. */
      if (international && digits->len > 0 && g_str_has_prefix (p, "(0)"))
        {
          p += 2;
          continue;
        }
      if (c >= '0' && c <= '9')
        g_string_append_c (digits, (char) c);
      else if (!is_separator (c))
        {
          set_invalid (trimmed, error);
          return NULL;
        }
    }
  if (!international && g_str_has_prefix (digits->str, "00"))
    {
      international = TRUE;
      g_string_erase (digits, 0, 2);
    }

  if (!international)
    {
      if (digits->len >= 2 && digits->len <= SHORT_MAX_DIGITS && digits->str[0] != '0')
        return g_string_free (g_steal_pointer (&digits), FALSE);
      /* A French national number: trunk zero and nine digits. */
      if (digits->len == 10 && digits->str[0] == '0' && digits->str[1] != '0')
        {
          const char *country = overseas_country (digits->str + 1);

          if (country == NULL)
            return g_strconcat ("+33", digits->str + 1, NULL);
          return g_strconcat ("+", country, digits->str + 1, NULL);
        }
      set_invalid (trimmed, error);
      return NULL;
    }

  if (digits->len < 7 || digits->len > E164_MAX_DIGITS || digits->str[0] == '0')
    {
      set_invalid (trimmed, error);
      return NULL;
    }
  {
    guint cc_len = country_code_length (digits->str);
    g_autofree char *country = g_strndup (digits->str, cc_len);
    const char *national = digits->str + cc_len;

    /* "+330326…": a trunk zero kept after the country code by mistake. */
    if (is_french_plan (country) && strlen (national) == 10 && national[0] == '0')
      national++;
    if (is_french_plan (country) && (strlen (national) != 9 || national[0] == '0'))
      {
        set_invalid (trimmed, error);
        return NULL;
      }
    return g_strconcat ("+", country, national, NULL);
  }
}

static void
append_grouped (GString *out, const char *digits, const char *groups)
{
  const char *p = digits;

  for (const char *g = groups; *g != '\0' && *p != '\0'; g++)
    {
      guint size = (guint) (*g - '0');

      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append_len (out, p, MIN (size, strlen (p)));
      p += MIN (size, strlen (p));
    }
  if (*p != '\0')
    g_string_append_printf (out, "%s%s", out->len > 0 ? " " : "", p);
}

/* By threes, with no group of one at the end (3 3 4, 3 3 2). */
static void
append_by_threes (GString *out, const char *digits)
{
  gsize len = strlen (digits);

  for (gsize i = 0; i < len;)
    {
      gsize left = len - i;
      gsize size = left == 4 ? 4 : MIN (left, 3);

      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append_len (out, digits + i, size);
      i += size;
    }
}

static const char *
groups_for (const char *country, const char *national)
{
  for (guint i = 0; i < G_N_ELEMENTS (country_groups); i++)
    if (g_str_equal (country_groups[i].country, country) && strlen (national) == country_groups[i].length &&
        (country_groups[i].first_digits == NULL || strchr (country_groups[i].first_digits, national[0]) != NULL))
      return country_groups[i].groups;
  return NULL;
}

char *
sillon_phone_format (const char *text, const char *home_region)
{
  g_autofree char *canonical = NULL;
  g_autoptr (GString) out = NULL;
  const char *national;
  const char *groups;
  guint cc_len;
  g_autofree char *country = NULL;

  if (text == NULL)
    return NULL;
  canonical = sillon_phone_normalise (text, NULL);
  if (canonical == NULL)
    {
      char *trimmed = g_strstrip (g_strdup (text));

      if (*trimmed == '\0')
        g_clear_pointer (&trimmed, g_free);
      return trimmed;
    }
  if (canonical[0] != '+')
    return g_steal_pointer (&canonical); /* a short number: 3949 */

  cc_len = country_code_length (canonical + 1);
  country = g_strndup (canonical + 1, cc_len);
  national = canonical + 1 + cc_len;
  out = g_string_new (NULL);
  if (g_strcmp0 (home_region, "FR") == 0 && is_french_plan (country))
    {
      /* Dialled with the trunk zero; overseas numbers keep their four-digit
       * prefix together, as they are written there (0262 12 34 56). */
      g_autofree char *with_zero = g_strconcat ("0", national, NULL);

      append_grouped (out, with_zero, g_str_equal (country, "33") ? "22222" : "4222");
      return g_string_free (g_steal_pointer (&out), FALSE);
    }
  g_string_append_printf (out, "+%s", country);
  groups = groups_for (country, national);
  if (groups != NULL)
    append_grouped (out, national, groups);
  else
    append_by_threes (out, national);
  return g_string_free (g_steal_pointer (&out), FALSE);
}
