/* sillon-sheet-fingerprint.c — the short code printed on a sheet, to verify it later
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-sheet-fingerprint.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "sillon-sheet-error.h"

#define FINGERPRINT_KDF_CONTEXT "SillonSF"
#define FINGERPRINT_SUBKEY_ID 1

/* Crockford's base32: no I, L, O or U, so that a code read aloud or copied
 * by hand is not mistaken. */
static const char alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

guint8 *
sillon_sheet_fingerprint_derive_key (SillonVaultSession *session, GError **error)
{
  guint8 *key = sodium_malloc (SILLON_SHEET_FINGERPRINT_KEY_BYTES);

  if (key == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                           _ ("Cannot allocate protected memory for the sheet key"));
      return NULL;
    }
  if (!sillon_vault_session_derive_key (session, FINGERPRINT_KDF_CONTEXT, FINGERPRINT_SUBKEY_ID, key,
                                        SILLON_SHEET_FINGERPRINT_KEY_BYTES, error))
    {
      sodium_free (key);
      return NULL;
    }
  return key;
}

void
sillon_sheet_fingerprint_compute (const guint8 *key,
                                  const char *canonical,
                                  char out[SILLON_SHEET_FINGERPRINT_TEXT_LENGTH + 1])
{
  guint8 hash[crypto_generichash_BYTES];
  guint64 bits = 0;

  crypto_generichash (hash, sizeof hash, (const guint8 *) canonical, strlen (canonical), key,
                      SILLON_SHEET_FINGERPRINT_KEY_BYTES);
  for (guint i = 0; i < 7; i++)
    bits = (bits << 8) | hash[i];
  bits >>= 6; /* 56 bits read, 50 kept */
  for (int i = SILLON_SHEET_FINGERPRINT_CHARS - 1; i >= 0; i--)
    {
      guint index = (guint) i + (i >= 5 ? 1 : 0);
      out[index] = alphabet[bits & 31];
      bits >>= 5;
    }
  out[5] = '-';
  out[SILLON_SHEET_FINGERPRINT_TEXT_LENGTH] = '\0';
  sodium_memzero (hash, sizeof hash);
}

gboolean
sillon_sheet_fingerprint_normalize (const char *text,
                                    char out[SILLON_SHEET_FINGERPRINT_TEXT_LENGTH + 1],
                                    GError **error)
{
  char chars[SILLON_SHEET_FINGERPRINT_CHARS];
  guint n = 0;

  for (const char *p = text; p != NULL && *p != '\0'; p++)
    {
      char c = g_ascii_toupper (*p);

      if (c == ' ' || c == '-' || c == '\t')
        continue;
      if (c == 'O')
        c = '0';
      else if (c == 'I' || c == 'L')
        c = '1';
      if (strchr (alphabet, c) == NULL || c == '\0')
        {
          g_set_error (error, SILLON_SHEET_ERROR, SILLON_SHEET_ERROR_INVALID_CODE,
                       /* Translators: %s is what the user typed. */
                       _ ("“%s” is not a sheet code: it has letters or signs that a code never has"), text);
          return FALSE;
        }
      if (n == SILLON_SHEET_FINGERPRINT_CHARS)
        {
          n++;
          break;
        }
      chars[n++] = c;
    }
  if (n != SILLON_SHEET_FINGERPRINT_CHARS)
    {
      g_set_error (error, SILLON_SHEET_ERROR, SILLON_SHEET_ERROR_INVALID_CODE,
                   /* Translators: %s is what the user typed; %d the number of characters of a code. */
                   _ ("“%s” is not a sheet code: a code has %d letters and digits, like K7QF2-MXA9R"),
                   text != NULL ? text : "", SILLON_SHEET_FINGERPRINT_CHARS);
      return FALSE;
    }
  memcpy (out, chars, 5);
  out[5] = '-';
  memcpy (out + 6, chars + 5, 5);
  out[SILLON_SHEET_FINGERPRINT_TEXT_LENGTH] = '\0';
  return TRUE;
}
