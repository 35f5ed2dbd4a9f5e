/* fuzz-opening-hours.c — libFuzzer target for the opening_hours validator
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opening hours come from directories anyone can publish. Beyond "no
 * crash", this checks that validation and rendering agree: a value is
 * rendered exactly when it is valid.
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
  return 0;
}
