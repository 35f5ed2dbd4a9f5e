/* test-places-util.h — reading the test files of places
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sillon-places-import.h"

/* tests/data/lieux: files in the national standard, current and older. */
#define PLACES_TEST_DIR TEST_DATA_DIR "/lieux"

/* The standard's schema as Sillon ships it; it must load. */
static inline SillonPlacesSchema *
places_test_load_schema (void)
{
  g_autoptr (GError) error = NULL;
  SillonPlacesSchema *schema = sillon_places_schema_new_default (&error);

  g_assert_no_error (error);
  g_assert_nonnull (schema);
  return schema;
}

/* Imports @name, a file of tests/data/lieux, as the places page does. */
static inline gboolean
places_test_import_file (SillonPlacesSchema *schema,
                         const char *name,
                         GPtrArray **places,
                         SillonPlacesReport **report,
                         GError **error)
{
  g_autofree char *path = g_build_filename (PLACES_TEST_DIR, name, NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);

  return sillon_places_import_file (schema, file, NULL, places, report, error);
}

/* Imports @name, which must succeed. */
static inline void
places_test_import_ok (SillonPlacesSchema *schema,
                       const char *name,
                       GPtrArray **places,
                       SillonPlacesReport **report)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (places_test_import_file (schema, name, places, report, &error));
  g_assert_no_error (error);
}

/* The place of @places with the id @id, which must be there. */
static inline const SillonPlace *
places_test_find (GPtrArray *places,
                  const char *id)
{
  for (guint i = 0; i < places->len; i++)
    {
      const SillonPlace *place = g_ptr_array_index (places, i);

      if (g_strcmp0 (place->id, id) == 0)
        return place;
    }
  g_error ("no place “%s”", id);
  return NULL;
}
