/* sillon-opening-hours.h — OpenStreetMap opening_hours: validation, a readable rendering, open now
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SILLON_OPENING_HOURS_ERROR (sillon_opening_hours_error_quark ())

typedef enum
{
  /* Nothing but white space. */
  SILLON_OPENING_HOURS_ERROR_EMPTY,
  /* The text does not follow the grammar (unknown word, missing separator…). */
  SILLON_OPENING_HOURS_ERROR_SYNTAX,
  /* Well formed but out of range (25:00, minute 75, week 54, 31 February…). */
  SILLON_OPENING_HOURS_ERROR_RANGE,
} SillonOpeningHoursError;

GQuark sillon_opening_hours_error_quark (void);

gboolean sillon_opening_hours_validate (const char *text,
                                        gsize *error_offset,
                                        GError **error);

char *sillon_opening_hours_render (const char *text,
                                   GError **error) G_GNUC_WARN_UNUSED_RESULT;

/* Returns the text of @msgid (in @context when not NULL) in some language. */
typedef const char *(*SillonTranslateFunc) (const char *context,
                                            const char *msgid,
                                            gpointer user_data);

char *sillon_opening_hours_render_translated (const char *text,
                                              SillonTranslateFunc translate,
                                              gpointer user_data,
                                              GError **error) G_GNUC_WARN_UNUSED_RESULT;
typedef enum
{
  SILLON_OPENING_STATE_CLOSED,
  SILLON_OPENING_STATE_OPEN,
  /* The value cannot tell: school holidays, a regional holiday, sunrise,
   * “unknown”, a comment instead of hours… */
  SILLON_OPENING_STATE_UNKNOWN,
} SillonOpeningState;

typedef struct
{
  SillonOpeningState state;      /* at the moment asked about */
  GDateTime *next_change;        /* when it changes, %NULL if not within 400 days */
  SillonOpeningState next_state; /* the state from @next_change */
} SillonOpeningStatus;

SillonOpeningStatus *sillon_opening_hours_status (const char *text,
                                                  GDateTime *when,
                                                  GError **error) G_GNUC_WARN_UNUSED_RESULT;
void sillon_opening_status_free (SillonOpeningStatus *status);

char *sillon_opening_status_describe (const SillonOpeningStatus *status,
                                      GDateTime *when) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SillonOpeningStatus, sillon_opening_status_free)

G_END_DECLS
