/* test-recovery-key.c — the printed form of the recovery key
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-recovery-key.h"

#include <sodium.h>
#include <string.h>

#define ALPHABET "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"

static void
test_roundtrip (void)
{
  for (int i = 0; i < 200; i++)
    {
      guint8 key[SILLON_RECOVERY_KEY_SIZE], back[SILLON_RECOVERY_KEY_SIZE];
      char text[SILLON_RECOVERY_KEY_TEXT_LENGTH + 1];
      g_autoptr (GError) error = NULL;

      if (i == 0)
        memset (key, 0, sizeof key);
      else if (i == 1)
        memset (key, 0xff, sizeof key);
      else
        randombytes_buf (key, sizeof key);
      sillon_recovery_key_format (key, text);
      g_assert_cmpuint (strlen (text), ==, SILLON_RECOVERY_KEY_TEXT_LENGTH);
      g_assert_true (g_regex_match_simple ("^([A-Z2-7]{4}-){12}[A-Z2-7]{5}$", text, 0, 0));
      g_assert_true (sillon_recovery_key_parse (text, back, &error));
      g_assert_no_error (error);
      g_assert_cmpmem (key, sizeof key, back, sizeof back);
    }
}

static void
test_lenient_input (void)
{
  guint8 key[SILLON_RECOVERY_KEY_SIZE], back[SILLON_RECOVERY_KEY_SIZE];
  char text[SILLON_RECOVERY_KEY_TEXT_LENGTH + 1];
  g_autoptr (GString) sloppy = g_string_new ("  ");
  g_autoptr (GError) error = NULL;

  randombytes_buf (key, sizeof key);
  sillon_recovery_key_format (key, text);
  /* Lower case, spaces and dashes anywhere, a trailing newline. */
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '-')
        g_string_append (sloppy, (p - text) % 2 ? " " : " - ");
      else
        g_string_append_c (sloppy, g_ascii_tolower (*p));
    }
  g_string_append (sloppy, "\n");
  g_assert_true (sillon_recovery_key_parse (sloppy->str, back, &error));
  g_assert_no_error (error);
  g_assert_cmpmem (key, sizeof key, back, sizeof back);
}

/* Every single mistyped character is caught by the check character. */
static void
test_every_typo_detected (void)
{
  guint8 key[SILLON_RECOVERY_KEY_SIZE], back[SILLON_RECOVERY_KEY_SIZE];
  char text[SILLON_RECOVERY_KEY_TEXT_LENGTH + 1];
  guint tried = 0;

  randombytes_buf (key, sizeof key);
  sillon_recovery_key_format (key, text);
  memset (back, 0xaa, sizeof back);
  for (gsize i = 0; text[i] != '\0'; i++)
    {
      char original = text[i];

      if (original == '-')
        continue;
      for (const char *c = ALPHABET; *c != '\0'; c++)
        {
          g_autoptr (GError) error = NULL;

          if (*c == original)
            continue;
          text[i] = *c;
          g_assert_false (sillon_recovery_key_parse (text, back, &error));
          g_assert_error (error, SILLON_RECOVERY_KEY_ERROR, SILLON_RECOVERY_KEY_ERROR_BAD_CHECK_DIGIT);
          tried++;
        }
      text[i] = original;
    }
  g_assert_cmpuint (tried, ==, 53 * 31);
  /* Nothing was written on failure. */
  for (gsize i = 0; i < sizeof back; i++)
    g_assert_cmpuint (back[i], ==, 0xaa);
}

static void
test_swapped_neighbours_mostly_detected (void)
{
  guint caught = 0, swaps = 0;

  for (int round = 0; round < 20; round++)
    {
      guint8 key[SILLON_RECOVERY_KEY_SIZE], back[SILLON_RECOVERY_KEY_SIZE];
      char text[SILLON_RECOVERY_KEY_TEXT_LENGTH + 1];

      randombytes_buf (key, sizeof key);
      sillon_recovery_key_format (key, text);
      for (gsize i = 0; text[i + 1] != '\0'; i++)
        {
          char a = text[i], b = text[i + 1];

          if (a == '-' || b == '-' || a == b)
            continue;
          text[i] = b;
          text[i + 1] = a;
          swaps++;
          if (!sillon_recovery_key_parse (text, back, NULL))
            caught++;
          text[i] = a;
          text[i + 1] = b;
        }
    }
  g_test_message ("%u of %u swaps of neighbours caught", caught, swaps);
  g_assert_cmpuint (caught * 100, >=, swaps * 90);
}

static void
test_malformed (void)
{
  guint8 key[SILLON_RECOVERY_KEY_SIZE], back[SILLON_RECOVERY_KEY_SIZE];
  char text[SILLON_RECOVERY_KEY_TEXT_LENGTH + 1];
  g_autofree char *longer = NULL;
  g_autofree char *shorter = NULL;
  g_autoptr (GError) error = NULL;

  randombytes_buf (key, sizeof key);
  sillon_recovery_key_format (key, text);

  g_assert_false (sillon_recovery_key_parse ("", back, &error));
  g_assert_error (error, SILLON_RECOVERY_KEY_ERROR, SILLON_RECOVERY_KEY_ERROR_WRONG_LENGTH);
  g_clear_error (&error);

  shorter = g_strndup (text, SILLON_RECOVERY_KEY_TEXT_LENGTH - 1);
  g_assert_false (sillon_recovery_key_parse (shorter, back, &error));
  g_assert_error (error, SILLON_RECOVERY_KEY_ERROR, SILLON_RECOVERY_KEY_ERROR_WRONG_LENGTH);
  g_clear_error (&error);

  longer = g_strconcat (text, "A", NULL);
  g_assert_false (sillon_recovery_key_parse (longer, back, &error));
  g_assert_error (error, SILLON_RECOVERY_KEY_ERROR, SILLON_RECOVERY_KEY_ERROR_WRONG_LENGTH);
  g_clear_error (&error);

  /* 0, 1, 8 and 9 are not in the alphabet; neither is anything else. */
  for (const char *bad = "0189@é_"; *bad != '\0'; bad++)
    {
      char copy[SILLON_RECOVERY_KEY_TEXT_LENGTH + 1];

      memcpy (copy, text, sizeof copy);
      copy[5] = *bad;
      g_assert_false (sillon_recovery_key_parse (copy, back, &error));
      g_assert_error (error, SILLON_RECOVERY_KEY_ERROR, SILLON_RECOVERY_KEY_ERROR_INVALID_CHARACTER);
      g_clear_error (&error);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (sodium_init (), >=, 0);
  g_test_add_func ("/recovery-key/roundtrip", test_roundtrip);
  g_test_add_func ("/recovery-key/lenient-input", test_lenient_input);
  g_test_add_func ("/recovery-key/every-typo-detected", test_every_typo_detected);
  g_test_add_func ("/recovery-key/swapped-neighbours", test_swapped_neighbours_mostly_detected);
  g_test_add_func ("/recovery-key/malformed", test_malformed);
  return g_test_run ();
}
