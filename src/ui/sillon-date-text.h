/* sillon-date-text.h — dates as the mediator reads and types them
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SILLON_DATE_TEXT_ERROR (sillon_date_text_error_quark ())

typedef enum
{
  SILLON_DATE_TEXT_ERROR_INVALID,
} SillonDateTextError;

GQuark sillon_date_text_error_quark (void);

/* A stored date (YYYY-MM-DD) in the UI's locale ("14/12/2026" in French);
 * an unreadable one as it is. */
char *sillon_date_text_format (const char *iso_date) G_GNUC_WARN_UNUSED_RESULT;
/* What the mediator typed, in the locale's order or as YYYY-MM-DD, as a
 * stored date; NULL with an error saying what a valid date looks like. */
char *sillon_date_text_parse (const char *text,
                              GError **error) G_GNUC_WARN_UNUSED_RESULT;
/* Today, as stored, with @days_ahead added. */
char *sillon_date_text_today (int days_ahead) G_GNUC_WARN_UNUSED_RESULT;
/* @iso_date + @days (YYYY-MM-DD), NULL if @iso_date is not a date. */
char *sillon_date_text_add_days (const char *iso_date,
                                 int days) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
