/* test-places-legacy.c — places files published before v1.0 of the standard
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-places-import.h"
#include "test-places-util.h"

#include <string.h>

static void
assert_list (char **list,
             const char *expected)
{
  g_autofree char *joined = list != NULL ? g_strjoinv ("|", list) : NULL;

  g_assert_cmpstr (joined, ==, expected);
}

static gboolean
report_has (GPtrArray *names,
            const char *name)
{
  for (guint i = 0; i < names->len; i++)
    if (g_str_equal (g_ptr_array_index (names, i), name))
      return TRUE;
  return FALSE;
}

/* The four renamed fields and “;” between values come through as the
 * standard's fields, unflagged, and are not listed as ignored columns. */
static void
test_csv_old_names (void)
{
  g_autoptr (SillonPlacesSchema) schema = places_test_load_schema ();
  g_autoptr (GPtrArray) places = NULL;
  g_autoptr (SillonPlacesReport) report = NULL;
  g_autofree char *text = NULL;
  const SillonPlace *a, *b, *c;

  places_test_import_ok (schema, "avant-v1.csv", &places, &report);
  g_assert_cmpuint (report->n_records, ==, 3);
  g_assert_cmpuint (report->n_kept, ==, 3);
  g_assert_cmpuint (report->unknown_columns->len, ==, 0);
  g_assert_cmpuint (report->legacy_columns->len, ==, 4);
  g_assert_true (report_has (report->legacy_columns, "courriel"));
  g_assert_true (report_has (report->legacy_columns, "accessibilite"));
  g_assert_true (report_has (report->legacy_columns, "labels_nationaux"));
  g_assert_true (report_has (report->legacy_columns, "publics_accueillis"));
  /* Filled under an old name is not absent. */
  g_assert_false (report_has (report->absent_columns, "courriels"));
  g_assert_false (report_has (report->absent_columns, "fiche_acces_libre"));

  a = places_test_find (places, "lieu-a");
  assert_list (a->courriels, "contact@mediatheque.example|accueil@mediatheque.example");
  g_assert_cmpstr (a->fiche_acces_libre, ==,
                   "https://acceslibre.beta.gouv.fr/app/42-saint-etienne/a/bibliotheque/erp/mediatheque-du-soleil/");
  assert_list (a->dispositif_programmes_nationaux, "France Services|Conseillers numériques");
  assert_list (a->publics_specifiquement_adresses, "Jeunes|Seniors");
  assert_list (a->services, "Aide aux démarches administratives|Maîtrise des outils numériques du quotidien");
  assert_list (a->modalites_acces, "Se présenter|Téléphoner");
  /* Opening hours are text, not a list: their “;” stays. */
  g_assert_cmpstr (a->horaires, ==, "Mo-Fr 09:00-12:00,14:00-18:00; Sa 09:00-12:00");
  g_assert_cmpuint (a->flagged, ==, 0);

  /* “|” still separates, in the same file. */
  b = places_test_find (places, "lieu-b");
  assert_list (b->services, "Aide aux démarches administratives|Insertion professionnelle via le numérique");
  assert_list (b->dispositif_programmes_nationaux, "Aidants Connect");
  g_assert_cmpuint (b->flagged, ==, 0);

  /* Spaces around “;” are trimmed; a bad address under the old name is
   * flagged as the standard's field, and kept. */
  c = places_test_find (places, "lieu-c");
  assert_list (c->services, "Maîtrise des outils numériques du quotidien|Loisirs et créations numériques");
  assert_list (c->publics_specifiquement_adresses, "Femmes|Étudiants");
  assert_list (c->courriels, "pas-une-adresse");
  g_assert_true (sillon_place_is_flagged (c, SILLON_PLACE_FIELD_COURRIELS));
  g_assert_false (sillon_place_is_flagged (c, SILLON_PLACE_FIELD_SERVICES));
  g_assert_cmpuint (report->n_flagged, ==, 1);

  /* The report tells what was read under an old name. */
  text = sillon_places_report_describe (report);
  g_assert_nonnull (strstr (text, "“courriel” was read as “courriels”"));
  g_assert_nonnull (strstr (text, "“accessibilite” was read as “fiche_acces_libre”"));
}

/* Names as producers vary them (case, accents, spaces, hyphens), and a file
 * with both the old and the current column: the current one wins. */
static void
test_csv_name_variants (void)
{
  g_autoptr (SillonPlacesSchema) schema = places_test_load_schema ();
  g_autoptr (GPtrArray) places = NULL;
  g_autoptr (SillonPlacesReport) report = NULL;
  const SillonPlace *x;

  places_test_import_ok (schema, "avant-v1-variantes.csv", &places, &report);
  g_assert_cmpuint (report->n_kept, ==, 1);
  x = places_test_find (places, "lieu-x");
  g_assert_cmpstr (x->code_postal, ==, "42600");
  g_assert_cmpstr (x->date_maj, ==, "2024-01-15");
  assert_list (x->courriels, "nouvelle@mairie.example");
  g_assert_nonnull (x->fiche_acces_libre);
  assert_list (x->dispositif_programmes_nationaux, "France Services");
  assert_list (x->publics_specifiquement_adresses, "Seniors");

  g_assert_cmpuint (report->unknown_columns->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (report->unknown_columns, 0), ==, "Courriel");
  g_assert_false (report_has (report->legacy_columns, "Courriel"));
  g_assert_true (report_has (report->legacy_columns, "Accessibilité"));
  g_assert_true (report_has (report->legacy_columns, "Labels nationaux"));
}

/* Whichever comes first, the current column wins; two columns under the
 * same kind of name are still refused. */
static void
test_csv_header_conflicts (void)
{
  static const struct
  {
    const char *columns; /* after the columns every case has */
    const char *values;
    gboolean ok;
    const char *courriels; /* what the one place holds, NULL for nothing */
    const char *unknown;   /* a column reported as unknown */
  } cases[] = {
    { "courriels,courriel", "new@x.example,old@x.example", TRUE, "new@x.example", "courriel" },
    { "courriel,courriels", "old@x.example,new@x.example", TRUE, "new@x.example", "courriel" },
    /* Two old names for one field (with different spellings). */
    { "courriel,Courriel", "a@x.example,b@x.example", FALSE, NULL, NULL },
    /* A name close to an old one is not guessed at. */
    { "courriel_contact", "a@x.example", TRUE, NULL, "courriel_contact" },
  };
  g_autoptr (SillonPlacesSchema) schema = places_test_load_schema ();
  const char *head = "id,pivot,nom,commune,code_postal,adresse,date_maj,";
  const char *row = "a,123456789,Espace,Reims,51100,1 rue,2024-01-31,";

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *data = g_strconcat (head, cases[i].columns, "\n", row, cases[i].values, "\n", NULL);
      g_autoptr (GPtrArray) places = NULL;
      g_autoptr (SillonPlacesReport) report = NULL;
      g_autoptr (GError) error = NULL;

      g_test_message ("columns %s", cases[i].columns);
      if (!cases[i].ok)
        {
          g_assert_false (sillon_places_import_csv (schema, data, strlen (data), &places, &report, &error));
          g_assert_error (error, SILLON_PLACES_IMPORT_ERROR, SILLON_PLACES_IMPORT_ERROR_HEADER);
          continue;
        }
      g_assert_true (sillon_places_import_csv (schema, data, strlen (data), &places, &report, &error));
      g_assert_no_error (error);
      assert_list (((SillonPlace *) g_ptr_array_index (places, 0))->courriels, cases[i].courriels);
      g_assert_cmpuint (report->legacy_columns->len, ==, 0);
      g_assert_true (report_has (report->unknown_columns, cases[i].unknown));
    }
}

static void
test_json_old_names (void)
{
  g_autoptr (SillonPlacesSchema) schema = places_test_load_schema ();
  g_autoptr (GPtrArray) places = NULL;
  g_autoptr (SillonPlacesReport) report = NULL;
  const SillonPlace *j1, *j2;

  places_test_import_ok (schema, "avant-v1.json", &places, &report);
  g_assert_cmpuint (report->n_kept, ==, 3);
  g_assert_cmpuint (report->n_flagged, ==, 0);

  j1 = places_test_find (places, "lieu-j1");
  assert_list (j1->courriels, "bonjour@forges.example|atelier@forges.example");
  g_assert_true (g_str_has_prefix (j1->fiche_acces_libre, "https://acceslibre.beta.gouv.fr/"));
  assert_list (j1->dispositif_programmes_nationaux, "Conseillers numériques|Aidants Connect");
  assert_list (j1->publics_specifiquement_adresses, "Jeunes|Seniors");
  assert_list (j1->services, "Aide aux démarches administratives|Loisirs et créations numériques");

  /* The current name wins even when the old one comes first. */
  j2 = places_test_find (places, "lieu-j2");
  assert_list (j2->courriels, "nouvelle@forges.example");
  g_assert_true (report_has (report->unknown_columns, "courriel"));
  g_assert_true (report_has (report->legacy_columns, "courriel"));
  g_assert_true (report_has (report->legacy_columns, "publics_accueillis"));

  /* Old values given as JSON arrays. */
  {
    const SillonPlace *j3 = places_test_find (places, "lieu-j3");

    assert_list (j3->services, "Maîtrise des outils numériques du quotidien|Loisirs et créations numériques");
    assert_list (j3->publics_specifiquement_adresses, "Seniors");
    assert_list (j3->prise_en_charge_specifique, "Déficience visuelle");
    assert_list (j3->dispositif_programmes_nationaux, "Conseillers numériques");
    g_assert_cmpuint (j3->flagged, ==, 0);
  }
}

static gboolean
report_has_value (SillonPlacesReport *report,
                  const char *entry)
{
  return report_has (report->legacy_values, entry);
}

/* A file of the standard's v0.1 (2022): its list values are read as the
 * v1.0 values they became, in the field they moved to; values with no
 * counterpart are kept and flagged, never dropped. */
static void
test_csv_old_values (void)
{
  g_autoptr (SillonPlacesSchema) schema = places_test_load_schema ();
  g_autoptr (GPtrArray) places = NULL;
  g_autoptr (SillonPlacesReport) report = NULL;
  g_autofree char *text = NULL;
  const SillonPlace *a, *b;

  places_test_import_ok (schema, "standard-v0.1.csv", &places, &report);
  g_assert_cmpuint (report->n_kept, ==, 2);
  g_assert_true (report_has (report->unknown_columns, "cle_ban"));
  g_assert_true (report_has (report->legacy_columns, "conditions_acces"));
  g_assert_true (report_has (report->legacy_columns, "labels_autres"));

  a = places_test_find (places, "v01-a");
  /* Four old services, three current ones (two old ones became one). */
  assert_list (a->services, "Aide aux démarches administratives|Maîtrise des outils numériques du quotidien|"
                            "Accès internet et matériel informatique");
  g_assert_false (sillon_place_is_flagged (a, SILLON_PLACE_FIELD_SERVICES));
  /* Publics: three read as current ones, two moved to their own field;
   * “Adultes” has no counterpart: kept, flagged. */
  assert_list (a->publics_specifiquement_adresses, "Seniors|Familles et/ou enfants|Adultes");
  g_assert_true (sillon_place_is_flagged (a, SILLON_PLACE_FIELD_PUBLICS_SPECIFIQUEMENT_ADRESSES));
  assert_list (a->prise_en_charge_specifique, "Surdité|Illettrisme");
  g_assert_false (sillon_place_is_flagged (a, SILLON_PLACE_FIELD_PRISE_EN_CHARGE_SPECIFIQUE));
  assert_list (a->frais_a_charge, "Gratuit|Accepte le Pass numérique : Il est possible d'utiliser un Pass numérique pour accéder au lieu");
  g_assert_true (sillon_place_is_flagged (a, SILLON_PLACE_FIELD_FRAIS_A_CHARGE));
  assert_list (a->dispositif_programmes_nationaux, "France Services|Conseillers numériques");
  assert_list (a->formations_labels, "Fabriques de Territoire");
  g_assert_false (sillon_place_is_flagged (a, SILLON_PLACE_FIELD_FORMATIONS_LABELS));
  g_assert_cmpstr (a->autres_formations_labels, ==, "SudLabs;Nièvre médiation numérique");
  assert_list (a->modalites_accompagnement, "En autonomie|Accompagnement individuel");
  assert_list (a->typologie, "TIERS_LIEUX|ASSO");
  assert_list (a->site_web, "https://cret.example/|https://social.example/cret");
  assert_list (a->courriels, "epn@cret.example");
  g_assert_nonnull (a->fiche_acces_libre);

  /* Every old value had a counterpart: nothing flagged. */
  b = places_test_find (places, "v01-b");
  assert_list (b->services, "Maîtrise des outils numériques du quotidien|Parentalité et éducation avec le numérique");
  assert_list (b->publics_specifiquement_adresses, "Jeunes|Femmes");
  assert_list (b->frais_a_charge, "Payant");
  assert_list (b->dispositif_programmes_nationaux, "Grande école du numérique|Point d'accès numérique CAF");
  assert_list (b->modalites_accompagnement, "Dans un atelier collectif");
  g_assert_cmpuint (b->flagged, ==, 0);

  g_assert_true (report_has_value (report, "Prendre en main un ordinateur\tservices\tMaîtrise des outils numériques du quotidien"));
  g_assert_true (report_has_value (report, "Surdité\tprise_en_charge_specifique\tSurdité"));
  text = sillon_places_report_describe (report);
  g_assert_nonnull (strstr (text, "Value “CNFS” was read as “Conseillers numériques” in “dispositif_programmes_nationaux”"));
}

/* Current files are read exactly as before: a current value is never
 * rewritten, and a list without old values is left alone. */
static void
test_current_values_untouched (void)
{
  g_autoptr (SillonPlacesSchema) schema = places_test_load_schema ();
  const char *data = "id,pivot,nom,commune,code_postal,adresse,date_maj,services,publics_specifiquement_adresses\n"
                     "a,123456789,Espace,Reims,51100,1 rue,2024-01-31,"
                     "Aide aux démarches administratives|Aide aux démarches administratives,Seniors\n";
  g_autoptr (GPtrArray) places = NULL;
  g_autoptr (SillonPlacesReport) report = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (sillon_places_import_csv (schema, data, strlen (data), &places, &report, &error));
  g_assert_no_error (error);
  assert_list (((SillonPlace *) g_ptr_array_index (places, 0))->services,
               "Aide aux démarches administratives|Aide aux démarches administratives");
  g_assert_cmpuint (report->legacy_values->len, ==, 0);
}

/* Without the mapping, the same files lose their e-mail addresses and
 * flag every list: this is what files of the current standard must not
 * be confused with. */
static void
test_current_files_unchanged (void)
{
  g_autoptr (SillonPlacesSchema) schema = places_test_load_schema ();
  g_autoptr (GPtrArray) places = NULL;
  g_autoptr (SillonPlacesReport) report = NULL;

  places_test_import_ok (schema, "exemple-valide.csv", &places, &report);
  g_assert_cmpuint (report->legacy_columns->len, ==, 0);
  g_assert_cmpuint (report->unknown_columns->len, ==, 0);
}

/* The old names and the “;” separator change nothing to what a file may
 * hold: a control character in a “;”-separated list, in an old column's
 * name or in a JSON value under an old name is refused like anywhere else,
 * and nothing is imported. */
static void
test_control_characters (void)
{
  g_autoptr (SillonPlacesSchema) schema = places_test_load_schema ();
  g_autofree char *path = g_build_filename (PLACES_TEST_DIR, "avant-v1.csv", NULL);
  g_autofree char *json_path = g_build_filename (PLACES_TEST_DIR, "avant-v1.json", NULL);
  g_autofree char *csv = NULL;
  g_autofree char *json = NULL;
  struct
  {
    const char *text; /* inside the file */
    const char *with; /* the same with a control character */
    gboolean is_json;
  } cases[] = {
    { "contact@mediatheque.example;accueil", "contact@mediatheque.example;\x1b[2Jaccueil", FALSE },
    { "France Services;Conseillers", "France Services;\xc2\x9b"
                                     "Conseillers",
      FALSE },
    { ",courriel,", ",courriel\x07,", FALSE },
    { "\"courriel\"", "\"courriel\\u001b\"", TRUE },
  };

  g_assert_true (g_file_get_contents (path, &csv, NULL, NULL));
  g_assert_true (g_file_get_contents (json_path, &json, NULL, NULL));
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *original = cases[i].is_json ? json : csv;
      g_auto (GStrv) parts = g_strsplit (original, cases[i].text, 2);
      g_autofree char *edited = NULL;
      g_autoptr (GPtrArray) places = NULL;
      g_autoptr (SillonPlacesReport) report = NULL;
      g_autoptr (GError) error = NULL;
      gboolean ok;

      g_test_message ("case %" G_GSIZE_FORMAT, i);
      /* The text to edit is in the file once, so the edit is the only change. */
      g_assert_cmpuint (g_strv_length (parts), ==, 2);
      edited = g_strconcat (parts[0], cases[i].with, parts[1], NULL);
      if (cases[i].is_json)
        ok = sillon_places_import_json (schema, edited, strlen (edited), &places, &report, &error);
      else
        ok = sillon_places_import_csv (schema, edited, strlen (edited), &places, &report, &error);
      g_assert_false (ok);
      g_assert_error (error, SILLON_PLACES_IMPORT_ERROR, SILLON_PLACES_IMPORT_ERROR_BINARY);
      g_assert_nonnull (strstr (error->message, "contains a control character"));
      g_assert_null (places);
    }
}

int
main (int argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/places-legacy/csv-old-names", test_csv_old_names);
  g_test_add_func ("/places-legacy/csv-name-variants", test_csv_name_variants);
  g_test_add_func ("/places-legacy/csv-header-conflicts", test_csv_header_conflicts);
  g_test_add_func ("/places-legacy/json-old-names", test_json_old_names);
  g_test_add_func ("/places-legacy/csv-old-values", test_csv_old_values);
  g_test_add_func ("/places-legacy/current-values-untouched", test_current_values_untouched);
  g_test_add_func ("/places-legacy/current-files-unchanged", test_current_files_unchanged);
  g_test_add_func ("/places-legacy/control-characters", test_control_characters);
  return g_test_run ();
}
