/* sillon-sheets.h — the sheets a person takes home, built from the store
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each sheet is laid out by sillon-sheet-layout.h in the person's language
 * (sillon-sheet-language.h), and the progress and referral sheets carry a
 * fingerprint (sillon-sheet-fingerprint.h) recorded in the journal when
 * printed, so that `sillon-cli sheet verify` can later say which sheet a
 * code belongs to and whether its content still matches the vault.
 */

#pragma once

#include <glib.h>

#include "sillon-journal.h"
#include "sillon-sheet-error.h"
#include "sillon-sheet-fingerprint.h"
#include "sillon-sheet-language.h"
#include "sillon-sheet-layout.h"
#include "sillon-store.h"

G_BEGIN_DECLS

typedef enum
{
  SILLON_SHEET_PROGRESS, /* "my digital journey" */
  SILLON_SHEET_REFERRAL, /* two parts: for the person, for the receiving structure */
  SILLON_SHEET_NOTICE,   /* the information notice: what is kept, why, rights */
  SILLON_SHEET_RECORD,   /* everything stored about the person (right of access) */
} SillonSheetKind;

/* "progress", "referral", "notice", "record". */
const char *sillon_sheet_kind_to_string (SillonSheetKind kind);
gboolean sillon_sheet_kind_from_string (const char *text, SillonSheetKind *out_kind);
/* Only these carry a fingerprint. */
gboolean sillon_sheet_kind_has_fingerprint (SillonSheetKind kind);

typedef struct
{
  SillonSheetKind kind;
  gint64 person_id;
  gint64 referral_id;   /* referral sheet only; 0: the person's latest referral */
  const char *language; /* NULL: the person's sheet language, else the default */
  SillonSheetPaper paper;
  const char *date; /* YYYY-MM-DD of the print; NULL: today */
} SillonSheetRequest;

#define SILLON_SHEET_REQUEST_INIT                                  \
  {                                                                \
    SILLON_SHEET_PROGRESS, 0, 0, NULL, SILLON_SHEET_PAPER_A4, NULL \
  }

/* Builds the sheet. With @fingerprint_key (sillon_sheet_fingerprint_derive_key)
 * a sheet of a kind that has one carries its fingerprint, returned in
 * @out_fingerprint (may be NULL). @out_referral_id (may be NULL) receives the
 * referral a referral sheet was made from. Fails with SILLON_STORE_ERROR_NOT_FOUND
 * for an unknown person or referral, SILLON_SHEET_ERROR_MISMATCH for a
 * referral of someone else. */
SillonSheetDoc *sillon_sheet_build (SillonStore *store,
                                    const SillonSheetRequest *request,
                                    const guint8 *fingerprint_key,
                                    char **out_fingerprint,
                                    gint64 *out_referral_id,
                                    GError **error) G_GNUC_WARN_UNUSED_RESULT;

/* Journals the print (action "print", details: kind, ids, language, paper
 * and fingerprint — never personal data) and, for a referral sheet, stores
 * the fingerprint on the referral. */
gboolean sillon_sheet_record_print (SillonStore *store,
                                    const guint8 *journal_key,
                                    gint64 mediator_id,
                                    const SillonSheetRequest *request,
                                    gint64 referral_id,
                                    const char *fingerprint,
                                    GError **error);

typedef struct
{
  char *code;
  SillonSheetKind kind;
  gint64 person_id;
  gint64 referral_id;
  char *language;
  gint64 printed_unix;
  gint64 mediator_id;       /* 0: none */
  char *mediator_name;      /* NULL: none, or no longer in the vault */
  guint n_prints;           /* how many times a sheet with this code was printed */
  gboolean still_exists;    /* the person (and referral) are still in the vault */
  gboolean content_matches; /* rebuilt today, the sheet has the same fingerprint */
} SillonSheetVerification;

void sillon_sheet_verification_free (SillonSheetVerification *v);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SillonSheetVerification, sillon_sheet_verification_free)

/* Finds the print of @code in the journal and rebuilds that sheet from the
 * vault as it is now. SILLON_SHEET_ERROR_INVALID_CODE for a malformed code,
 * SILLON_SHEET_ERROR_UNKNOWN_CODE when no sheet of this vault has it. */
SillonSheetVerification *sillon_sheet_verify (SillonStore *store,
                                              const guint8 *fingerprint_key,
                                              const char *code,
                                              GError **error) G_GNUC_WARN_UNUSED_RESULT;

/* The recovery-key sheet for the vault's owner, at its creation. */
SillonSheetDoc *sillon_sheet_build_recovery (const char *recovery_key,
                                             const char *mediator_name,
                                             const char *language,
                                             SillonSheetPaper paper,
                                             const char *date,
                                             GError **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
