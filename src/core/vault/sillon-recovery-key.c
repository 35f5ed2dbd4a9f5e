/* sillon-recovery-key.c — the printable form of a vault's recovery key
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-recovery-key.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#define ALPHABET "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
#define N_CHARS (SILLON_RECOVERY_KEY_DATA_CHARS + 1)

GQuark
sillon_recovery_key_error_quark (void)
{
  return g_quark_from_static_string ("sillon-recovery-key-error-quark");
}

/* Luhn mod 32: catches every single mistyped character and most swaps of
 * two neighbours, the mistakes people make when copying from paper. */
static guint
luhn_sum (const guint8 *values, gsize n, guint first_factor)
{
  guint factor = first_factor;
  guint sum = 0;

  for (gsize i = n; i-- > 0;)
    {
      guint addend = factor * values[i];

      factor = factor == 2 ? 1 : 2;
      sum += addend / 32 + addend % 32;
    }
  return sum % 32;
}

void
sillon_recovery_key_format (const guint8 key[SILLON_RECOVERY_KEY_SIZE],
                            char out[SILLON_RECOVERY_KEY_TEXT_LENGTH + 1])
{
  guint8 values[N_CHARS];
  guint bit = 0;
  gsize pos = 0;

  for (guint i = 0; i < SILLON_RECOVERY_KEY_DATA_CHARS; i++, bit += 5)
    {
      guint v = 0;

      for (guint b = 0; b < 5; b++)
        {
          guint k = bit + b;

          v <<= 1;
          if (k < SILLON_RECOVERY_KEY_SIZE * 8)
            v |= (key[k / 8] >> (7 - k % 8)) & 1;
        }
      values[i] = v;
    }
  values[SILLON_RECOVERY_KEY_DATA_CHARS] = (32 - luhn_sum (values, SILLON_RECOVERY_KEY_DATA_CHARS, 2)) % 32;

  for (guint i = 0; i < N_CHARS; i++)
    {
      if (i > 0 && i % 4 == 0 && i < SILLON_RECOVERY_KEY_DATA_CHARS)
        out[pos++] = '-';
      out[pos++] = ALPHABET[values[i]];
    }
  out[pos] = '\0';
  g_assert (pos == SILLON_RECOVERY_KEY_TEXT_LENGTH);
  sodium_memzero (values, sizeof values);
}

gboolean
sillon_recovery_key_parse (const char *text,
                           guint8 out_key[SILLON_RECOVERY_KEY_SIZE],
                           GError **error)
{
  guint8 values[N_CHARS];
  guint8 key[SILLON_RECOVERY_KEY_SIZE] = { 0 };
  gsize n = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (text != NULL, FALSE);

  for (const char *p = text; *p != '\0'; p++)
    {
      char c = g_ascii_toupper (*p);
      const char *found;

      if (c == ' ' || c == '-' || c == '\t' || c == '\n' || c == '\r')
        continue;
      found = c != '\0' ? strchr (ALPHABET, c) : NULL;
      if (found == NULL)
        {
          g_set_error (error, SILLON_RECOVERY_KEY_ERROR, SILLON_RECOVERY_KEY_ERROR_INVALID_CHARACTER,
                       _ ("The recovery key contains a character that cannot be in it"));
          goto out;
        }
      if (n == N_CHARS)
        {
          n++;
          break;
        }
      values[n++] = found - ALPHABET;
    }

  if (n != N_CHARS)
    {
      g_set_error (error, SILLON_RECOVERY_KEY_ERROR, SILLON_RECOVERY_KEY_ERROR_WRONG_LENGTH,
                   _ ("A recovery key has %d letters and digits; this one has a different number"),
                   N_CHARS);
      goto out;
    }
  /* The last data character carries one bit of key and four zero bits. */
  if (luhn_sum (values, N_CHARS, 1) != 0 || (values[SILLON_RECOVERY_KEY_DATA_CHARS - 1] & 0x0f) != 0)
    {
      g_set_error (error, SILLON_RECOVERY_KEY_ERROR, SILLON_RECOVERY_KEY_ERROR_BAD_CHECK_DIGIT,
                   _ ("The recovery key has a typing mistake (its check character does not match)"));
      goto out;
    }

  for (guint i = 0, bit = 0; i < SILLON_RECOVERY_KEY_DATA_CHARS; i++)
    for (guint b = 0; b < 5; b++, bit++)
      if (bit < SILLON_RECOVERY_KEY_SIZE * 8 && (values[i] >> (4 - b)) & 1)
        key[bit / 8] |= 1 << (7 - bit % 8);
  memcpy (out_key, key, sizeof key);
  ok = TRUE;

out:
  sodium_memzero (values, sizeof values);
  sodium_memzero (key, sizeof key);
  return ok;
}
