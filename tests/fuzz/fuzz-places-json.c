/* fuzz-places-json.c — libFuzzer target for the JSON form of the places directory
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The open-data portal also publishes the directory as a JSON array. Any
 * input must give either a file-level error or places and a report that
 * agree with each other, the same way twice.
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-places-schema.h"
#include "sillon-places-import.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static char *
parse_once (SillonPlacesSchema *schema, const char *text, size_t size)
{
  g_autoptr (GPtrArray) places = NULL;
  g_autoptr (SillonPlacesReport) report = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *described = NULL;
  gboolean ok;

  ok = sillon_places_import_json (schema, text, size, &places, &report, &error);
  if (ok != (error == NULL) || ok != (report != NULL) || ok != (places != NULL))
    abort ();
  if (!ok)
    return g_strdup_printf ("error %d", error->code);

  /* The counts add up, and every kept place has a name (a required field). */
  if (places->len != report->n_kept || report->n_kept + report->n_skipped != report->n_records ||
      report->n_flagged > report->n_kept)
    abort ();
  for (guint i = 0; i < places->len; i++)
    {
      const SillonPlace *place = g_ptr_array_index (places, i);
      if (place->nom == NULL || !g_utf8_validate (place->nom, -1, NULL))
        abort ();
    }
  described = sillon_places_report_describe (report);
  return g_strdup_printf ("%u places\n%s", places->len, described);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  SillonPlacesSchema *schema = fuzz_places_get_schema ();
  g_autofree char *first = parse_once (schema, (const char *) data, size);
  g_autofree char *second = parse_once (schema, (const char *) data, size);

  if (strcmp (first, second) != 0)
    abort ();
  return 0;
}
