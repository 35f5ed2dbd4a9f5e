/* test-vocabulary-display.c — the national vocabulary on screen, in the language of the user interface
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-vocabulary.h"

#include <glib/gstdio.h>
#include <libintl.h>
#include <locale.h>

#include "test-locale-util.h"

/* The values that describe a person, and a session's place and equipment. */
static const char *const person_enumerations[] = { "TrancheAge", "Genre", "StatutSocial", "TypeLieu", "Materiel" };

static SillonVocabulary *
load_default (void)
{
  g_autoptr (GError) error = NULL;
  SillonVocabulary *vocabulary = sillon_vocabulary_new_default (&error);

  g_assert_no_error (error);
  return vocabulary;
}

/* Every value a person is described with has a label for the screen: a
 * value added to the data file without one fails here. */
static void
test_every_person_value_has_one (void)
{
  g_autoptr (SillonVocabulary) vocabulary = load_default ();

  for (gsize e = 0; e < G_N_ELEMENTS (person_enumerations); e++)
    {
      g_autoptr (GError) error = NULL;
      gsize n = 0;
      const SillonVocabularyValue *values = sillon_vocabulary_get_values (vocabulary, person_enumerations[e], &n, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (n, >, 1);
      for (gsize i = 0; i < n; i++)
        if (!sillon_vocabulary_has_display_label (person_enumerations[e], values[i].api))
          g_error ("%s “%s” has no label for the screen", person_enumerations[e], values[i].api);
    }
  /* Themes and the like keep their national label. */
  g_assert_false (sillon_vocabulary_has_display_label ("Thematique_mediation_numerique", "securite_numerique"));
}

/* In English: English on screen, the national French label for exports. */
static void
test_english (void)
{
  g_autoptr (SillonVocabulary) vocabulary = load_default ();
  g_autoptr (GError) error = NULL;
  const char *bracket;

  bracket = sillon_vocabulary_age_bracket (vocabulary, 1960, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sillon_vocabulary_get_display_label (vocabulary, "TrancheAge", "soixante_soixante_neuf", &error), ==,
                   "60 to 69");
  g_assert_cmpstr (sillon_vocabulary_get_label (vocabulary, "TrancheAge", "soixante_soixante_neuf", &error), ==,
                   "60 - 69 ans");
  g_assert_cmpstr (sillon_vocabulary_get_display_label (vocabulary, "TrancheAge", "moins_de_douze", &error), ==,
                   "Under 12");
  g_assert_cmpstr (sillon_vocabulary_get_display_label (vocabulary, "TrancheAge", "non_communique", &error), ==,
                   "Not given");
  g_assert_cmpstr (sillon_vocabulary_get_display_label (vocabulary, "StatutSocial", "non_communique", &error), ==,
                   "Not given or mixed");
  g_assert_cmpstr (sillon_vocabulary_get_display_label (vocabulary, "Genre", "feminin", &error), ==, "Female");
  g_assert_no_error (error);
  g_assert_nonnull (sillon_vocabulary_get_display_label (vocabulary, "TrancheAge", bracket, &error));

  /* Other enumerations: the national label. */
  g_assert_cmpstr (sillon_vocabulary_get_display_label (vocabulary, "Thematique_mediation_numerique", "securite_numerique", &error), ==,
                   sillon_vocabulary_get_label (vocabulary, "Thematique_mediation_numerique", "securite_numerique", NULL));
  g_assert_no_error (error);
}

static void
test_errors (void)
{
  g_autoptr (SillonVocabulary) vocabulary = load_default ();
  g_autoptr (GError) error = NULL;

  g_assert_null (sillon_vocabulary_get_display_label (vocabulary, "TrancheAge", "cent_ans", &error));
  g_assert_error (error, SILLON_VOCABULARY_ERROR, SILLON_VOCABULARY_ERROR_UNKNOWN_VALUE);
  g_clear_error (&error);
  g_assert_null (sillon_vocabulary_get_display_label (vocabulary, "Couleur", "rouge", &error));
  g_assert_error (error, SILLON_VOCABULARY_ERROR, SILLON_VOCABULARY_ERROR_UNKNOWN_ENUMERATION);
}

/* With Sillon's own French translation (po/fr.po, compiled for the test),
 * the screen shows exactly the national labels. */
static void
test_french_is_the_national_label (void)
{
  g_autoptr (SillonVocabulary) vocabulary = load_default ();
  char *catalogue = test_enter_french (TEST_FRENCH_PO);

  if (catalogue == NULL)
    return;

  for (gsize e = 0; e < G_N_ELEMENTS (person_enumerations); e++)
    {
      gsize n = 0;
      const SillonVocabularyValue *values = sillon_vocabulary_get_values (vocabulary, person_enumerations[e], &n, NULL);

      for (gsize i = 0; i < n; i++)
        g_assert_cmpstr (sillon_vocabulary_get_display_label (vocabulary, person_enumerations[e], values[i].api, NULL), ==,
                         values[i].label);
    }

  test_leave_french (catalogue);
}

int
main (int argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/vocabulary-display/every-person-value-has-one", test_every_person_value_has_one);
  g_test_add_func ("/vocabulary-display/english", test_english);
  g_test_add_func ("/vocabulary-display/errors", test_errors);
  g_test_add_func ("/vocabulary-display/french-is-the-national-label", test_french_is_the_national_label);
  return g_test_run ();
}
