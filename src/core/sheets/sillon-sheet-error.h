/* sillon-sheet-error.h — the errors of the printed sheets
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SILLON_SHEET_ERROR (sillon_sheet_error_quark ())

typedef enum
{
  SILLON_SHEET_ERROR_UNKNOWN_LANGUAGE, /* no sheet language with that code */
  SILLON_SHEET_ERROR_NO_TRANSLATION,   /* the language's translation is not installed or unreadable */
  SILLON_SHEET_ERROR_INVALID_DATA,     /* a data file of the sheets is malformed */
  SILLON_SHEET_ERROR_WRITE,            /* the PDF could not be drawn or written */
  SILLON_SHEET_ERROR_QR,               /* a link too long for a QR code */
  SILLON_SHEET_ERROR_INVALID_CODE,     /* not a fingerprint: wrong length or characters */
  SILLON_SHEET_ERROR_UNKNOWN_CODE,     /* no sheet with that fingerprint was printed from this vault */
  SILLON_SHEET_ERROR_MISMATCH,         /* a referral that belongs to another person */
} SillonSheetError;

GQuark sillon_sheet_error_quark (void);

G_END_DECLS
