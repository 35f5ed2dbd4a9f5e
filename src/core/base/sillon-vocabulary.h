/* sillon-vocabulary.h — the national vocabulary of La Coop de la médiation numérique
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SILLON_VOCABULARY_ERROR (sillon_vocabulary_error_quark ())

typedef enum
{
  SILLON_VOCABULARY_ERROR_DATA_NOT_FOUND,
  SILLON_VOCABULARY_ERROR_INVALID_DATA,
  SILLON_VOCABULARY_ERROR_UNKNOWN_ENUMERATION,
  SILLON_VOCABULARY_ERROR_UNKNOWN_VALUE,
  SILLON_VOCABULARY_ERROR_INVALID_BIRTH_YEAR,
} SillonVocabularyError;

GQuark sillon_vocabulary_error_quark (void);

/* The file name of the Coop enumerations among Sillon's data files
 * (sillon-data.h). */
#define SILLON_VOCABULARY_DATA_FILE "coop-cra-enums.json"

/* The age bracket of a person whose birth year is not known. */
#define SILLON_VOCABULARY_BIRTH_YEAR_UNKNOWN 0

typedef struct
{
  const char *api;   /* the value stored and exported, e.g. "a_distance" */
  const char *label; /* the French label of the national vocabulary, for exports;
                      * sillon_vocabulary_get_display_label() for the screen */
} SillonVocabularyValue;

typedef struct _SillonVocabulary SillonVocabulary;

SillonVocabulary *sillon_vocabulary_new_from_data (const char *data,
                                                   gssize length,
                                                   GError **error) G_GNUC_WARN_UNUSED_RESULT;
SillonVocabulary *sillon_vocabulary_new_from_file (const char *path,
                                                   GError **error) G_GNUC_WARN_UNUSED_RESULT;
SillonVocabulary *sillon_vocabulary_new_default (GError **error) G_GNUC_WARN_UNUSED_RESULT;
void sillon_vocabulary_free (SillonVocabulary *vocabulary);

const char *sillon_vocabulary_get_source (SillonVocabulary *vocabulary);
GStrv sillon_vocabulary_list_enumerations (SillonVocabulary *vocabulary) G_GNUC_WARN_UNUSED_RESULT;
const SillonVocabularyValue *sillon_vocabulary_get_values (SillonVocabulary *vocabulary,
                                                           const char *enumeration,
                                                           gsize *n_values,
                                                           GError **error);
const char *sillon_vocabulary_get_label (SillonVocabulary *vocabulary,
                                         const char *enumeration,
                                         const char *api,
                                         GError **error);
const char *sillon_vocabulary_get_display_label (SillonVocabulary *vocabulary,
                                                 const char *enumeration,
                                                 const char *api,
                                                 GError **error);
gboolean sillon_vocabulary_has_display_label (const char *enumeration,
                                              const char *api);
gboolean sillon_vocabulary_is_valid (SillonVocabulary *vocabulary,
                                     const char *enumeration,
                                     const char *api);
gboolean sillon_vocabulary_check (SillonVocabulary *vocabulary,
                                  const char *enumeration,
                                  const char *api,
                                  GError **error);

const char *sillon_vocabulary_age_bracket (SillonVocabulary *vocabulary,
                                           int birth_year,
                                           const GDate *reference_date,
                                           GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SillonVocabulary, sillon_vocabulary_free)

G_END_DECLS
