/* fuzz-places-csv.c — libFuzzer target for the places directory import
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Directories of places are downloaded from the open-data portal and
 * imported as they come. The input goes through the CSV reader (whole, and
 * fed in two chunks split at a point taken from the input, which must give
 * the same result) and through the JSON reader.
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz-places-schema.h"
#include "sillon-places-import.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static char *
outcome (gboolean ok, GPtrArray *places, SillonPlacesReport *report, GError *error)
{
  g_autofree char *text = NULL;

  if (!ok)
    return g_strdup_printf ("error %d", error->code);
  text = sillon_places_report_describe (report);
  return g_strdup_printf ("%u places\n%s", places->len, text);
}

static void
collect (SillonPlace *place, gpointer user_data)
{
  g_ptr_array_add (user_data, place);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  SillonPlacesSchema *schema = fuzz_places_get_schema ();
  const char *text = (const char *) data;

  {
    g_autoptr (GPtrArray) places = NULL;
    g_autoptr (SillonPlacesReport) report = NULL;
    g_autoptr (GError) error = NULL;
    g_autoptr (GPtrArray) chunked_places = g_ptr_array_new_with_free_func ((GDestroyNotify) sillon_place_free);
    g_autoptr (SillonPlacesParser) parser = sillon_places_parser_new (schema, collect, chunked_places);
    g_autoptr (SillonPlacesReport) chunked_report = NULL;
    g_autoptr (GError) chunked_error = NULL;
    g_autofree char *whole = NULL;
    g_autofree char *chunked = NULL;
    gboolean ok;
    size_t split = size > 0 ? data[0] % (size + 1) : 0;

    ok = sillon_places_import_csv (schema, text, size, &places, &report, &error);
    whole = outcome (ok, places, report, error);

    ok = sillon_places_parser_feed (parser, text, split, &chunked_error) &&
         sillon_places_parser_feed (parser, text + split, size - split, &chunked_error) &&
         sillon_places_parser_finish (parser, &chunked_error);
    if (ok)
      chunked_report = sillon_places_parser_steal_report (parser);
    chunked = outcome (ok, chunked_places, chunked_report, chunked_error);

    /* Binary data is detected in the first bytes of each chunk as it
     * arrives, so only the error code may differ on such input. */
    if ((error == NULL) != (chunked_error == NULL) || (error == NULL && strcmp (whole, chunked) != 0))
      abort ();
  }

  {
    g_autoptr (GPtrArray) places = NULL;
    g_autoptr (SillonPlacesReport) report = NULL;
    g_autoptr (GError) error = NULL;

    gboolean ok = sillon_places_import_json (schema, text, size, &places, &report, &error);

    if (ok != (error == NULL) || ok != (report != NULL))
      abort ();
  }
  return 0;
}
