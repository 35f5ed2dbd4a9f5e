/* sillon-date-entry.h — dates as the mediator reads and types them
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @iso (YYYY-MM-DD) with the month in words, in the UI's language, for a
 * label: "7 December 2026", "7 décembre 2026"; @iso itself when it is not
 * a date, "" when it is NULL. */
char *sillon_date_format (const char *iso) G_GNUC_WARN_UNUSED_RESULT;
/* @iso as a date entry shows it, the UI's short form: "07/12/2026" in
 * French, "12/07/2026" in English, the locale's own where its date
 * settings speak the UI's language; @iso itself when it is not a date,
 * "" when it is NULL. */
char *sillon_date_entry_text (const char *iso) G_GNUC_WARN_UNUSED_RESULT;
/* Today, as a date entry shows it. */
char *sillon_date_entry_text_today (void) G_GNUC_WARN_UNUSED_RESULT;
/* What the mediator typed in a date entry (the short form, ISO, or the
 * month in words) as YYYY-MM-DD; NULL with a translated error that says
 * what a date looks like (SILLON_DATE_FORMAT_ERROR). */
char *sillon_date_entry_parse (const char *text,
                               GError **error) G_GNUC_WARN_UNUSED_RESULT;
/* Today as stored (YYYY-MM-DD), @days_ahead later. */
char *sillon_date_today (int days_ahead) G_GNUC_WARN_UNUSED_RESULT;
/* @iso + @days as stored, NULL when @iso is not a date. */
char *sillon_date_add_days (const char *iso,
                            int days) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
