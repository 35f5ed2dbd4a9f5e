/* sillon-phone-format.h — telephone numbers as people read them
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The national standard of places stores numbers in E.164 (+33326000000),
 * which nobody reads aloud or dials from France. A sheet writes them the
 * way the reader dials them: a French number (metropolitan or overseas
 * department) in French national grouping ("03 26 00 00 00",
 * "0262 12 34 56"), any other in international grouping ("+32 2 123 45 67"),
 * a short number as it is ("3949"). docs/SHEETS.md says why this is not
 * libphonenumber.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SILLON_PHONE_ERROR (sillon_phone_error_quark ())

typedef enum
{
  SILLON_PHONE_ERROR_INVALID, /* not a number Sillon can read */
} SillonPhoneError;

GQuark sillon_phone_error_quark (void);

/* The region whose numbers the sheets write nationally: the structures
 * that use Sillon are French, and their people dial from France whatever
 * the language of their sheet. */
#define SILLON_PHONE_HOME_REGION "FR"

/* @text (E.164, "00" international, a French national number such as
 * "03.26.00.00.00" or "+33 (0)3 26 00 00 00", or a short number such as
 * "3949") in its canonical form: "+" and digits, or the short number's
 * digits. NULL and SILLON_PHONE_ERROR_INVALID for anything else. */
char *sillon_phone_normalise (const char *text, GError **error) G_GNUC_WARN_UNUSED_RESULT;

/* @text grouped as it is read when dialling from @home_region (an ISO
 * 3166 code; only "FR" has a national form today; NULL: from abroad, every
 * number international). Groups are separated by single spaces. A text
 * that sillon_phone_normalise() refuses comes back as given, trimmed: a
 * sheet never loses what the directory says. NULL for NULL or blank. */
char *sillon_phone_format (const char *text, const char *home_region) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
