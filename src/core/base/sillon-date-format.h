/* sillon-date-format.h — dates as the user interface's language writes them
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SILLON_DATE_FORMAT_ERROR (sillon_date_format_error_quark ())

typedef enum
{
  SILLON_DATE_FORMAT_ERROR_INVALID,    /* not a real date written YYYY-MM-DD */
  SILLON_DATE_FORMAT_ERROR_UNREADABLE, /* typed text that is no date at all */
  SILLON_DATE_FORMAT_ERROR_IMPOSSIBLE, /* a day the calendar lacks: 31/02/2026 */
} SillonDateFormatError;

GQuark sillon_date_format_error_quark (void);

typedef enum
{
  SILLON_DATE_STYLE_SHORT, /* digits: 07/12/2026 in French */
  SILLON_DATE_STYLE_LONG,  /* 7 décembre 2026 in French, 7 December 2026 in English */
} SillonDateStyle;

char *sillon_format_date (const GDate *date,
                          SillonDateStyle style) G_GNUC_WARN_UNUSED_RESULT;
char *sillon_format_iso_date (const char *iso_date,
                              SillonDateStyle style,
                              GError **error) G_GNUC_WARN_UNUSED_RESULT;

char *sillon_parse_date (const char *text,
                         GError **error) G_GNUC_WARN_UNUSED_RESULT;

gboolean sillon_locale_speaks_ui_language (const char *locale_name,
                                           const char *ui_language);

const char *sillon_date_short_pattern (const char *time_locale,
                                       const char *ui_language);

const char *sillon_month_msgid (GDateMonth month);

G_END_DECLS
