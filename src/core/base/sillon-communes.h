/* sillon-communes.h — the official list of French communes: names, codes, completion
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SILLON_COMMUNES_ERROR (sillon_communes_error_quark ())

typedef enum
{
  /* The data file is missing or does not follow its format. */
  SILLON_COMMUNES_ERROR_INVALID_DATA,
  /* Not the shape of a code INSEE (five characters, 2A/2B for Corsica). */
  SILLON_COMMUNES_ERROR_INVALID_CODE,
  /* Well formed, but no current commune has that code. */
  SILLON_COMMUNES_ERROR_NOT_FOUND,
  /* Neither the start of a name nor the start of a postal code. */
  SILLON_COMMUNES_ERROR_INVALID_QUERY,
} SillonCommunesError;

GQuark sillon_communes_error_quark (void);

/* The file name among Sillon's data files (sillon-data.h), derived by
 * build-aux/update-communes. */
#define SILLON_COMMUNES_DATA_FILE "communes-fr.tsv"

typedef struct
{
  const char *insee;               /* code officiel géographique, e.g. "42218" */
  const char *name;                /* official name, e.g. "Saint-Étienne" */
  const char *departement;         /* département code, e.g. "42", "2A", "974" */
  const char *departement_name;    /* e.g. "Loire" */
  const char *const *postal_codes; /* NULL-terminated, possibly empty */
  guint population;                /* only orders completions; 0 if unknown */
} SillonCommune;

typedef struct _SillonCommunes SillonCommunes;

SillonCommunes *sillon_communes_new_from_data (const char *data,
                                               gsize length,
                                               GError **error) G_GNUC_WARN_UNUSED_RESULT;
void sillon_communes_free (SillonCommunes *communes);

SillonCommunes *sillon_communes_get_default (GError **error);

guint sillon_communes_get_n_communes (SillonCommunes *communes);

gboolean sillon_communes_check_code (const char *code,
                                     GError **error);

const SillonCommune *sillon_communes_lookup (SillonCommunes *communes,
                                             const char *code,
                                             GError **error);

GPtrArray *sillon_communes_complete (SillonCommunes *communes,
                                     const char *query,
                                     guint max_results,
                                     GError **error) G_GNUC_WARN_UNUSED_RESULT;

char *sillon_communes_normalize_name (const char *text) G_GNUC_WARN_UNUSED_RESULT;

char *sillon_communes_describe_code (SillonCommunes *communes,
                                     const char *code) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SillonCommunes, sillon_communes_free)

G_END_DECLS
