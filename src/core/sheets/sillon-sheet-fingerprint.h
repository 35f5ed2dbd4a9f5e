/* sillon-sheet-fingerprint.h — the short code printed on a sheet, to verify it later
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The code is a keyed BLAKE2b of the sheet's canonical content (every text
 * it prints, with its kind, person, referral and language), cut to 50 bits
 * and written as ten characters of Crockford's base32 in two groups of
 * five: "K7QF2-MXA9R". The key is derived from the vault's master key
 * (libsodium's KDF, context "SillonSF"), so a code cannot be made for a
 * forged sheet without the vault, and a sheet of another vault never
 * verifies. Nothing is stored but the journal entry of each print.
 */

#pragma once

#include <glib.h>

#include "sillon-vault-session.h"

G_BEGIN_DECLS

#define SILLON_SHEET_FINGERPRINT_KEY_BYTES 32
#define SILLON_SHEET_FINGERPRINT_CHARS 10
/* The ten characters and the dash. */
#define SILLON_SHEET_FINGERPRINT_TEXT_LENGTH 11

/* The key of @session's vault, in sodium_malloc memory: free it with
 * sodium_free(). */
guint8 *sillon_sheet_fingerprint_derive_key (SillonVaultSession *session, GError **error) G_GNUC_WARN_UNUSED_RESULT;

void sillon_sheet_fingerprint_compute (const guint8 *key,
                                       const char *canonical,
                                       char out[SILLON_SHEET_FINGERPRINT_TEXT_LENGTH + 1]);

/* Reads a code typed by hand: case, spaces and dashes do not matter, and
 * the letters O, I and L are read as 0, 1 and 1. */
gboolean sillon_sheet_fingerprint_normalize (const char *text,
                                             char out[SILLON_SHEET_FINGERPRINT_TEXT_LENGTH + 1],
                                             GError **error);

G_END_DECLS
