/* sillon-recovery-key.h — the printable form of a vault's recovery key
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * 32 random bytes are shown once, as 52 base32 characters (RFC 4648
 * alphabet) followed by one Luhn mod 32 check character, in groups of four
 * separated by dashes (the last group has five characters):
 *   ABCD-EFGH-…-WXYZ2
 * Input is read leniently: case, spaces and dashes do not matter.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SILLON_RECOVERY_KEY_SIZE 32
#define SILLON_RECOVERY_KEY_DATA_CHARS 52
#define SILLON_RECOVERY_KEY_TEXT_LENGTH 65 /* 53 characters + 12 dashes */

#define SILLON_RECOVERY_KEY_ERROR (sillon_recovery_key_error_quark ())

typedef enum
{
  SILLON_RECOVERY_KEY_ERROR_INVALID_CHARACTER,
  SILLON_RECOVERY_KEY_ERROR_WRONG_LENGTH,
  SILLON_RECOVERY_KEY_ERROR_BAD_CHECK_DIGIT,
} SillonRecoveryKeyError;

GQuark sillon_recovery_key_error_quark (void);

/* Writes the text form of @key into @out (NUL-terminated; the caller owns the
 * buffer, typically sodium_malloc'd). */
void sillon_recovery_key_format (const guint8 key[SILLON_RECOVERY_KEY_SIZE],
                                 char out[SILLON_RECOVERY_KEY_TEXT_LENGTH + 1]);

/* Parses the text form into @out_key. Nothing is written to @out_key on
 * error. */
gboolean sillon_recovery_key_parse (const char *text,
                                    guint8 out_key[SILLON_RECOVERY_KEY_SIZE],
                                    GError **error);

G_END_DECLS
