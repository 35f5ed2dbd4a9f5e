/* sillon-date-entry.h — dates as the mediator reads and types them
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* @iso (YYYY-MM-DD) in the UI's language, e.g. "7 December 2026" or
 * "7 décembre 2026" (the core's sillon_format_iso_date(), long style);
 * @iso itself when it is not a date. */
char *sillon_date_format (const char *iso) G_GNUC_WARN_UNUSED_RESULT;
/* Today, as sillon_date_format() writes it. */
char *sillon_date_format_today (void) G_GNUC_WARN_UNUSED_RESULT;
/* Reads a date written as sillon_date_format() writes it, as YYYY-MM-DD,
 * or in the locale's numeric form; NULL when @text is not a date. */
char *sillon_date_parse (const char *text) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
