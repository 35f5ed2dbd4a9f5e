/* sillon-data.c — the read-only data files built into Sillon
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-data.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "sillon-data-resources.h"

/* The vocabulary, the places schema, the questionnaires and the orientation
 * rules are compiled into the core library (resources/sillon-data.gresource.xml)
 * so that every executable that links it, installed or not, reads the very
 * files it was built and tested with: there is no search path to get wrong
 * and no installed copy to drift from the code.
 *
 * There is deliberately no environment override. The questionnaire's strings
 * are translated through sillon-questionnaire-strings.h and its versions are
 * listed in the code, so a questionnaire shipped outside a release would not
 * be translated and could not add a version; a forgotten variable would
 * silently score people or validate records against other rules. Loading
 * other files is explicit instead: `sillon-cli assess --data-dir`,
 * sillon_questionnaire_registry_new_for_directory(),
 * sillon_vocabulary_new_from_file() and sillon_places_schema_new_from_data(),
 * which the tests use for broken variants. */

GQuark
sillon_data_error_quark (void)
{
  return g_quark_from_static_string ("sillon-data-error-quark");
}

/* The bundle is generated with --manual-register: an automatically
 * registered resource is an object file nothing refers to, which the linker
 * leaves out of the executables that link the static core library. */
/* The bundle, created once. GLib creates a manually registered resource
 * lazily, on its first lookup, and publishes "nothing left to create"
 * before the resource itself: a second thread looking it up at that moment
 * got NULL. Creating it here, inside the once-block, makes every thread see
 * it made. */
static GResource *
data_bundle (void)
{
  static GResource *bundle = NULL;

  if (g_once_init_enter (&bundle))
    {
      GResource *created;

      sillon_data_bundle_register_resource ();
      created = sillon_data_bundle_get_resource ();
      g_assert (created != NULL);
      g_once_init_leave (&bundle, created);
    }
  return bundle;
}

void
sillon_data_ensure_registered (void)
{
  (void) data_bundle ();
}

static gboolean
is_plain_file_name (const char *name)
{
  return name[0] != '\0' && strchr (name, '/') == NULL && strcmp (name, ".") != 0 && strcmp (name, "..") != 0;
}

/**
 * sillon_data_load:
 * @basename: a file name of resources/data, e.g. "coop-cra-enums.json"
 * @error: return location for a #SILLON_DATA_ERROR
 *
 * Returns: (transfer full): the file's contents as built into Sillon, or
 *   %NULL. The data is followed by a NUL byte that g_bytes_get_size() does
 *   not count.
 */
GBytes *
sillon_data_load (const char *basename,
                  GError **error)
{
  g_autofree char *path = NULL;
  GBytes *bytes;

  g_return_val_if_fail (basename != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!is_plain_file_name (basename))
    {
      g_set_error (error, SILLON_DATA_ERROR, SILLON_DATA_ERROR_INVALID_NAME,
                   /* Translators: %s is what was asked for instead of a file name. */
                   _ ("“%s” is not the name of one of Sillon’s data files"), basename);
      return NULL;
    }

  /* Looked up in this bundle rather than among every registered resource,
   * so that no other bundle can shadow a file. */
  path = g_build_path ("/", SILLON_DATA_RESOURCE_PATH, basename, NULL);
  bytes = g_resource_lookup_data (data_bundle (), path,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (bytes == NULL)
    {
      g_set_error (error, SILLON_DATA_ERROR, SILLON_DATA_ERROR_NOT_FOUND,
                   /* Translators: %s is a file name, e.g. questionnaire-v2.json. */
                   _ ("Sillon has no data file named “%s”"), basename);
      return NULL;
    }
  return bytes;
}

static int
compare_names (const void *a,
               const void *b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* Returns: (transfer full): the names of the bundled files, sorted. */
GStrv
sillon_data_list (void)
{
  char **names;

  names = g_resource_enumerate_children (data_bundle (), SILLON_DATA_RESOURCE_PATH,
                                         G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  if (names == NULL)
    return g_new0 (char *, 1);
  qsort (names, g_strv_length (names), sizeof (char *), compare_names);
  return names;
}
