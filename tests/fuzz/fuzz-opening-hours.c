/* fuzz-opening-hours.c — libFuzzer target for the opening_hours validator
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opening hours come from directories anyone can publish. Beyond "no
 * crash", this checks that validation, rendering and evaluation agree: a
 * value is rendered, and evaluated, exactly when it is valid.
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sillon-opening-hours.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  /* Values reach the validator as NUL-terminated strings. */
  g_autofree char *text = g_strndup ((const char *) data, size);
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) render_error = NULL;
  g_autofree char *rendered = NULL;
  gsize offset = 0;
  gboolean valid;

  valid = sillon_opening_hours_validate (text, &offset, &error);
  if (!valid && (error == NULL || offset > strlen (text)))
    abort ();
  rendered = sillon_opening_hours_render (text, &render_error);
  if (valid != (rendered != NULL))
    abort ();
  {
    g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
    g_autoptr (GDateTime) when = g_date_time_new (utc, 2026, 12, 7, 10, 30, 0);
    g_autoptr (SillonOpeningStatus) status = sillon_opening_hours_status (text, when, NULL);

    if (valid != (status != NULL))
      abort ();
    if (status != NULL && status->next_change != NULL && g_date_time_compare (status->next_change, when) <= 0)
      abort ();
  }
  return 0;
}
