/* sillon-sheet-language.h — the language of a printed sheet, independent of the interface's
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A sheet is printed in the person's language while the interface stays in
 * the mediator's. Rather than switching the process locale (which a running
 * GTK application must not do from under its widgets, and which needs the
 * system locale installed), each sheet language reads its own gettext
 * catalogue (the installed LOCALEDIR/CODE/LC_MESSAGES/sillon.mo) into a
 * table once. The list of sheet languages is data:
 * resources/data/sheet-languages.json.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _SillonSheetLanguage SillonSheetLanguage;

/* The language used when a person has none: French, the users' language. */
#define SILLON_SHEET_LANGUAGE_DEFAULT "fr"

/* The codes of the sheet languages, in the data file's order. */
GStrv sillon_sheet_language_list_codes (GError **error) G_GNUC_WARN_UNUSED_RESULT;

/* The name of the sheet language @code as the data file gives it, in that
 * language ("Français"); NULL for a code that is not a sheet language. */
char *sillon_sheet_language_dup_name (const char *code) G_GNUC_WARN_UNUSED_RESULT;

/* Loads @code (NULL: the default) and its catalogue, read from the
 * directory the text domain is bound to. Loaded languages are kept for the
 * life of the process (a batch of sheets reads each catalogue once); the
 * result must not be freed. */
SillonSheetLanguage *sillon_sheet_language_get (const char *code, GError **error);

/* A language built by hand, without catalogue (tests, and languages whose
 * catalogue is added with sillon_sheet_language_add_message()). Free it
 * with sillon_sheet_language_free(). */
SillonSheetLanguage *sillon_sheet_language_new (const char *code, gboolean rtl, const char *date_format);
void sillon_sheet_language_add_message (SillonSheetLanguage *language,
                                        const char *context,
                                        const char *msgid,
                                        const char *msgstr);
void sillon_sheet_language_free (SillonSheetLanguage *language);
/* Makes @language (built by hand) available to sillon_sheet_language_get()
 * under its code, replacing none that is loaded already; takes it. Returns
 * FALSE (and frees it) when that code is taken. */
gboolean sillon_sheet_language_register (SillonSheetLanguage *language);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SillonSheetLanguage, sillon_sheet_language_free)

const char *sillon_sheet_language_get_code (SillonSheetLanguage *language);
gboolean sillon_sheet_language_is_rtl (SillonSheetLanguage *language);

/* @msgid in the language; @msgid itself when it has no translation. */
const char *sillon_sheet_language_gettext (SillonSheetLanguage *language, const char *msgid) G_GNUC_FORMAT (2);
const char *sillon_sheet_language_pgettext (SillonSheetLanguage *language,
                                            const char *context,
                                            const char *msgid) G_GNUC_FORMAT (3);
/* A SillonTranslateFunc (sillon-opening-hours.h) for @user_data, a language. */
const char *sillon_sheet_language_translate (const char *context, const char *msgid, gpointer user_data);

/* "2026-12-07" → "7 December 2026" in the language; NULL or an invalid
 * date gives NULL. */
char *sillon_sheet_language_format_date (SillonSheetLanguage *language, const char *iso_date) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
