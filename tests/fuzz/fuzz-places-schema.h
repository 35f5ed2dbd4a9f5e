/* fuzz-places-schema.h — the schema the places import targets read with
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdlib.h>

#include "sillon-places-import.h"

/* Used when the data files are not found (SILLON_DATA_DIR unset and Sillon
 * not installed): the same kinds of constraints as the standard's schema,
 * with the fields that the CSV and the JSON targets each relied on. */
static const char fuzz_places_fallback_schema[] =
    "{\"version\": \"fuzz\", \"fields\": ["
    "{\"name\": \"id\", \"constraints\": {\"required\": true}},"
    "{\"name\": \"pivot\", \"constraints\": {\"required\": true, \"pattern\": \"^[a-zA-Z0-9]{9,14}$\"}},"
    "{\"name\": \"nom\", \"constraints\": {\"required\": true}},"
    "{\"name\": \"code_postal\", \"constraints\": {\"pattern\": \"^\\\\d{5}$\"}},"
    "{\"name\": \"latitude\", \"type\": \"number\"},"
    "{\"name\": \"longitude\", \"type\": \"number\"},"
    "{\"name\": \"typologie\"},"
    "{\"name\": \"courriels\"},"
    "{\"name\": \"site_web\"},"
    "{\"name\": \"horaires\"},"
    "{\"name\": \"presentation_resume\", \"constraints\": {\"maxLength\": 280}},"
    "{\"name\": \"itinerance\", \"constraints\": {\"pattern\": \"(?:(?:^|\\\\|)(Itinérant|Fixe))+$\"}},"
    "{\"name\": \"services\", \"constraints\": {\"pattern\": \"(?:(?:^|\\\\|)(Aide|Maîtrise))+$\"}},"
    "{\"name\": \"date_maj\", \"type\": \"date\", \"constraints\": {\"required\": true}}]}";

/* The standard's schema when the data files are found, else the fallback;
 * loaded once for the whole run. */
static inline SillonPlacesSchema *
fuzz_places_get_schema (void)
{
  static SillonPlacesSchema *schema = NULL;

  if (schema == NULL)
    {
      schema = sillon_places_schema_new_default (NULL);
      if (schema == NULL)
        schema = sillon_places_schema_new_from_data (fuzz_places_fallback_schema, -1, "code\tlibelle\nBIB\tBibliothèque\n", -1, NULL);
      if (schema == NULL)
        abort ();
    }
  return schema;
}
