/* test-sheets.c — the printed sheets, checked as a reader sees them
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every sheet is rendered to PDF for ordinary, minimal and extreme people,
 * then read back with poppler's tools (text, pages, fonts, rasterised ink)
 * and zbarimg (the QR code), as docs/SHEETS.md describes.
 */

#include "config.h"

#include <cairo.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <libintl.h>
#include <string.h>

#include "sillon-assessment.h"
#include "sillon-opening-hours.h"
#include "sillon-sheets.h"
#include "test-dir-util.h"
#include "test-store-util.h"

#define TWELVE_RULES "Mo 09:00-12:00; Tu 09:30-12:00; We 10:00-12:00; Th 09:00-11:00; Fr 14:00-17:00; " \
                     "Sa 09:00-10:00; Su off; Jan 01 off; May 01 off; Dec 25 off; Jul-Aug Mo-Fr 10:00-12:00; PH off"
#define BOOKING_LINK "https://rdv.exemple.fr/maison-france-services-reims?lieu=42&source=sillon"
#define SHEET_DATE "2026-06-15"

static const guint8 key_a[SILLON_SHEET_FINGERPRINT_KEY_BYTES] = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
                                                                  17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32 };
static const guint8 key_b[SILLON_SHEET_FINGERPRINT_KEY_BYTES] = { 32, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17,
                                                                  16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1 };
static const guint8 journal_key[SILLON_JOURNAL_KEY_BYTES] = { 7 };

typedef struct
{
  StoreFixture s;
  char *dir;
  gint64 mediator;
  gint64 ordinary, minimal, extreme;
  gint64 referral_place;  /* ordinary → the place with hours and a booking link */
  gint64 referral_bare;   /* ordinary → a destination only, no consent */
  gint64 referral_twelve; /* extreme → the place with twelve rules */
  gint64 referral_none;   /* extreme → the place without hours */
  char *extreme_first;
  char *extreme_last;
} Fixture;

/* ---------------------------------------------------------------------- */
/* Data */

static gint64
add_place (Fixture *f, gboolean own, const char *name, const char *hours, const char *booking)
{
  g_autoptr (SillonPlaceRecord) p = sillon_place_record_new ();
  g_autoptr (GError) error = NULL;
  const char *access[] = { "Se présenter", "Téléphoner", "Prendre un RDV en ligne", NULL };
  const char *costs[] = { "Gratuit", NULL };
  const char *emails[] = { "accueil@exemple.fr", NULL };

  p->own_structure = own;
  sillon_place_record_set (p, SILLON_PLACE_COL_NOM, name);
  sillon_place_record_set (p, SILLON_PLACE_COL_ADRESSE, "12 rue de Vesle");
  sillon_place_record_set (p, SILLON_PLACE_COL_CODE_POSTAL, "51100");
  sillon_place_record_set (p, SILLON_PLACE_COL_COMMUNE, "Reims");
  sillon_place_record_set (p, SILLON_PLACE_COL_TELEPHONE, "+33326000000");
  sillon_place_record_set_multi (p, SILLON_PLACE_COL_COURRIELS, emails);
  if (hours != NULL)
    sillon_place_record_set (p, SILLON_PLACE_COL_HORAIRES, hours);
  if (booking != NULL)
    sillon_place_record_set (p, SILLON_PLACE_COL_PRISE_RDV, booking);
  if (!own)
    {
      sillon_place_record_set_multi (p, SILLON_PLACE_COL_MODALITES_ACCES, access);
      sillon_place_record_set_multi (p, SILLON_PLACE_COL_FRAIS_A_CHARGE, costs);
    }
  g_assert_true (sillon_store_insert_place (f->s.store, p, &error));
  g_assert_no_error (error);
  return p->id;
}

static gint64
add_person (Fixture *f, const char *first, const char *last, const char *language, const char *notes)
{
  g_autoptr (SillonBeneficiary) b = sillon_beneficiary_new ();
  g_autoptr (GError) error = NULL;

  b->first_name = g_strdup (first);
  b->last_name = g_strdup (last);
  b->birth_year = 1968;
  b->sheet_language = g_strdup (language);
  b->notes = g_strdup (notes);
  b->mediator_id = f->mediator;
  g_assert_true (sillon_store_insert_beneficiary (f->s.store, b, &error));
  g_assert_no_error (error);
  return b->id;
}

static void
add_session (Fixture *f, gint64 person, const char *date, const char *const *themes)
{
  g_autoptr (SillonSession) s = sillon_session_new ();
  g_autoptr (GError) error = NULL;

  s->beneficiary_id = person;
  s->mediator_id = f->mediator;
  s->date = g_strdup (date);
  s->duration_minutes = 45;
  s->place_type = g_strdup ("lieu_activite");
  s->themes = g_strdupv ((char **) themes);
  g_assert_true (sillon_store_insert_session (f->s.store, s, &error));
  g_assert_no_error (error);
}

/* Every item answered at @level (0 to 1 of its scale). */
static void
add_assessment (Fixture *f, gint64 person, const char *date, double level)
{
  g_autoptr (SillonQuestionnaireRegistry) registry = sillon_questionnaire_registry_new_default ();
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonQuestionnaire) q = sillon_questionnaire_registry_get_latest (registry, &error);
  g_autoptr (SillonAssessment) a = NULL;
  g_autoptr (SillonAssessmentRecord) record = sillon_assessment_record_new ();
  g_autoptr (JsonNode) answers = NULL;

  g_assert_no_error (error);
  a = sillon_assessment_new (q);
  g_assert_true (sillon_assessment_set_date (a, date, &error));
  for (guint i = 0; i < sillon_questionnaire_get_n_items (q); i++)
    {
      const SillonQuestionnaireItem *item = sillon_questionnaire_get_item (q, i);
      guint n = sillon_questionnaire_item_get_n_choices (item);

      if (n == 0)
        continue;
      g_assert_true (sillon_assessment_set_answer (a, sillon_questionnaire_item_get_id (item),
                                                   sillon_questionnaire_item_get_choice_value (item, (guint) (level * (n - 1) + 0.5)),
                                                   &error));
    }
  answers = sillon_assessment_to_json (a);
  record->beneficiary_id = person;
  record->mediator_id = f->mediator;
  record->date = g_strdup (date);
  record->questionnaire_id = g_strdup ("pouvoir-vouloir-savoir");
  record->questionnaire_version = (int) sillon_questionnaire_get_version (q);
  record->answers_json = json_to_string (answers, FALSE);
  record->result_json = g_strdup ("{}");
  g_assert_true (sillon_store_insert_assessment (f->s.store, record, &error));
  g_assert_no_error (error);
}

static gint64
add_referral (Fixture *f, gint64 person, gint64 place, const char *destination, gboolean consent, const char *reason, const char *already_done)
{
  g_autoptr (SillonReferral) r = sillon_referral_new ();
  g_autoptr (GError) error = NULL;

  r->beneficiary_id = person;
  r->place_id = place;
  r->mediator_id = f->mediator;
  r->date = g_strdup ("2026-06-10");
  r->destination = g_strdup (destination);
  r->reason = g_strdup (reason);
  r->already_done = g_strdup (already_done);
  r->documents = g_strdup ("Carte d’identité, dernier avis d’imposition");
  r->consent_to_share = consent;
  g_assert_true (sillon_store_insert_referral (f->s.store, r, &error));
  g_assert_no_error (error);
  return r->id;
}

static char *
repeat_to (const char *piece, gsize chars)
{
  g_autoptr (GString) text = g_string_new (NULL);

  while (g_utf8_strlen (text->str, -1) < (glong) chars)
    g_string_append (text, piece);
  return g_utf8_substring (text->str, 0, (glong) chars);
}

static void
fill (Fixture *f)
{
  g_autoptr (SillonMediator) m = sillon_mediator_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonParcours) parcours = sillon_parcours_new ();
  SillonParcoursItem *item = sillon_parcours_item_new ();
  static const char *const themes_a[] = { "email", "navigation_sur_internet", NULL };
  static const char *const themes_b[] = { "aide_aux_demarches_administratives", "sante", NULL };
  static const char *const all_themes[] = {
    "diagnostic_numerique", "prendre_en_main_du_materiel", "maintenance_de_materiel", "gere_ses_contenus_numeriques",
    "navigation_sur_internet", "email", "bureautique", "reseaux_sociaux", "sante", "banque_et_achats_en_ligne",
    "entrepreneuriat", "insertion_professionnelle", "securite_numerique", "parentalite", "scolarite_et_numerique",
    "creer_avec_le_numerique", "culture_numerique", "intelligence_artificielle", "aide_aux_demarches_administratives", NULL
  };
  gint64 place, place_twelve, place_none;
  g_autofree char *notes = NULL;
  g_autofree char *long_done = NULL;

  m->display_name = g_strdup ("Camille Roussel");
  m->vault_slot = 0;
  g_assert_true (sillon_store_insert_mediator (f->s.store, m, &error));
  f->mediator = m->id;

  add_place (f, TRUE, "La Fabrique numérique de Reims", "Mo-Fr 09:00-17:00", NULL);
  place = add_place (f, FALSE, "Maison France Services de Reims", "Mo-Fr 09:00-12:00,14:00-17:00; Sa 09:00-12:00", BOOKING_LINK);
  place_twelve = add_place (f, FALSE, "Médiathèque Jean Falala", TWELVE_RULES, NULL);
  place_none = add_place (f, FALSE, "Point numérique du quartier Orgeval", NULL, NULL);

  /* Ordinary */
  f->ordinary = add_person (f, "Amina", "Benali", "fr", "Souhaite apprendre à faire seule ses démarches.");
  {
    g_autoptr (SillonBeneficiary) b = sillon_store_get_beneficiary (f->s.store, f->ordinary, NULL);

    /* As a mediator types it: the record sheet writes it as it is read. */
    b->phone = g_strdup ("06.12.34.56.78");
    g_assert_true (sillon_store_update_beneficiary (f->s.store, b, NULL));
  }
  add_session (f, f->ordinary, "2026-03-02", themes_a);
  add_session (f, f->ordinary, "2026-04-10", themes_b);
  add_session (f, f->ordinary, "2026-05-20", themes_a);
  add_assessment (f, f->ordinary, "2026-03-02", 0.2);
  add_assessment (f, f->ordinary, "2026-05-20", 0.7);
  parcours->beneficiary_id = f->ordinary;
  parcours->title = g_strdup ("Courriels");
  item->label = g_strdup ("Atelier courriels et pièces jointes");
  item->planned_date = g_strdup ("2026-12-15");
  g_ptr_array_add (parcours->items, item);
  /* A step done: on the sheet among what was done, not among what is next. */
  item = sillon_parcours_item_new ();
  item->label = g_strdup ("Créer une adresse e-mail");
  item->planned_date = g_strdup ("2026-04-10");
  item->done = TRUE;
  g_ptr_array_add (parcours->items, item);
  g_assert_true (sillon_store_insert_parcours (f->s.store, parcours, &error));
  g_assert_no_error (error);
  f->referral_place = add_referral (f, f->ordinary, place, NULL, TRUE, "Renouveler sa carte vitale",
                                    "Compte ameli créé ensemble.");
  {
    /* What the person agreed to share is printed for the structure. */
    g_autoptr (SillonReferral) r = sillon_store_get_referral (f->s.store, f->referral_place, &error);

    g_assert_no_error (error);
    r->consent_details = g_strdup ("Le motif et le compte ameli");
    g_assert_true (sillon_store_update_referral (f->s.store, r, &error));
    g_assert_no_error (error);
  }
  f->referral_bare = add_referral (f, f->ordinary, 0, "aide_aux_demarches_administratives", FALSE, "Question de retraite", NULL);

  /* Minimal: anonymous, nothing recorded. */
  f->minimal = add_person (f, NULL, NULL, NULL, NULL);

  /* Extreme: names of 200 characters (Arabic, Vietnamese), forty sessions,
   * every theme at once, three pages of notes. */
  f->extreme_first = repeat_to ("عائشة بنت محمد ", 200);
  f->extreme_last = repeat_to ("Nguyễn Thị Minh Khai ", 200);
  notes = repeat_to ("Note longue sur les démarches en cours, à relire avec la personne. ", 9000);
  long_done = repeat_to ("Étape déjà faite ensemble, avec les justificatifs scannés. ", 9000);
  f->extreme = add_person (f, f->extreme_first, f->extreme_last, "fr", notes);
  for (guint i = 0; i < 40; i++)
    {
      g_autofree char *date = g_strdup_printf ("2026-%02u-%02u", 1 + i / 8, 1 + (i % 8) * 3);
      add_session (f, f->extreme, date, i == 0 ? all_themes : themes_b);
    }
  add_assessment (f, f->extreme, "2026-01-01", 0.0);
  add_assessment (f, f->extreme, "2026-05-25", 1.0);
  f->referral_none = add_referral (f, f->extreme, place_none, NULL, FALSE, "Accès libre à un ordinateur", NULL);
  f->referral_twelve = add_referral (f, f->extreme, place_twelve, NULL, TRUE, "Atelier d’initiation", long_done);
}

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  store_fixture_open (&f->s, FALSE);
  f->dir = test_make_tmp_dir ("sillon-sheets-XXXXXX");
  fill (f);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  /* To look at the sheets as a reader would (docs/SHEETS.md). */
  if (g_getenv ("SILLON_TEST_KEEP_SHEETS") != NULL)
    g_printerr ("sheets kept in %s\n", f->dir);
  else
    test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->extreme_first);
  g_free (f->extreme_last);
  store_fixture_teardown (&f->s, NULL);
}

/* ---------------------------------------------------------------------- */
/* Reading PDFs back */

static char *
run (const char *const *argv)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr (GError) error = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error))
    g_error ("%s could not run (install poppler-utils and zbar-tools): %s", argv[0], error->message);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s failed: %s\n%s", argv[0], error->message, err);
  return g_steal_pointer (&out);
}

static char *
render (Fixture *f, SillonSheetKind kind, gint64 person, gint64 referral, const char *lang, SillonSheetPaper paper, char **out_code)
{
  SillonSheetRequest request = SILLON_SHEET_REQUEST_INIT;
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonSheetDoc) doc = NULL;
  static guint counter;
  g_autofree char *name = g_strdup_printf ("%s-%u.pdf", sillon_sheet_kind_to_string (kind), counter++);
  char *path = g_build_filename (f->dir, name, NULL);

  request.kind = kind;
  request.person_id = person;
  request.referral_id = referral;
  request.language = lang;
  request.paper = paper;
  request.date = SHEET_DATE;
  doc = sillon_sheet_build (f->s.store, &request, key_a, out_code, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (doc);
  g_assert_true (sillon_sheet_doc_write_pdf (doc, path, &error));
  g_assert_no_error (error);
  return path;
}

/* Every run of white space, no-break ones included, made one space. */
static char *
collapse_spaces (const char *text)
{
  g_autoptr (GRegex) spaces = g_regex_new ("[\\s\\x{00A0}\\x{202F}]+", 0, 0, NULL);

  return g_regex_replace_literal (spaces, text, -1, 0, " ", 0, NULL);
}

/* The text, white space collapsed: lines wrap anywhere. */
static char *
pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", path, "-", NULL };
  g_autofree char *text = run (argv);

  return collapse_spaces (text);
}

static guint
pdf_pages (const char *path, double *out_width, double *out_height)
{
  const char *argv[] = { "pdfinfo", path, NULL };
  g_autofree char *info = run (argv);
  const char *pages = strstr (info, "Pages:");
  const char *size = strstr (info, "Page size:");

  g_assert_nonnull (pages);
  g_assert_nonnull (size);
  g_assert_cmpint (sscanf (size, "Page size: %lf x %lf", out_width, out_height), ==, 2);
  return (guint) g_ascii_strtoull (pages + strlen ("Pages:"), NULL, 10);
}

static void
assert_fonts_embedded (const char *path)
{
  const char *argv[] = { "pdffonts", path, NULL };
  g_autofree char *out = run (argv);
  g_auto (GStrv) lines = g_strsplit (out, "\n", -1);
  guint fonts = 0;

  /* Two heading lines, then one line per font: "... emb sub uni object ID". */
  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_auto (GStrv) fields = g_strsplit_set (lines[i], " ", -1);
      g_autoptr (GPtrArray) words = g_ptr_array_new ();

      for (guint j = 0; fields[j] != NULL; j++)
        if (fields[j][0] != '\0')
          g_ptr_array_add (words, fields[j]);
      if (words->len < 6)
        continue;
      fonts++;
      if (!g_str_equal (g_ptr_array_index (words, words->len - 5), "yes"))
        g_error ("font not embedded in %s: %s", path, lines[i]);
    }
  g_assert_cmpuint (fonts, >, 0);
}

/* Rasterises every page in grey and checks that no ink lies in the 10 mm
 * that printers cannot print. */
static void
assert_ink_inside (Fixture *f, const char *path)
{
  const int dpi = 40;
  const double safe = SILLON_SHEET_SAFE_MARGIN * dpi / 72.0;
  g_autofree char *prefix = g_strconcat (path, "-ink", NULL);
  const char *argv[] = { "pdftoppm", "-r", "40", "-gray", path, prefix, NULL };
  g_autoptr (GDir) dir = NULL;
  g_autofree char *base = g_path_get_basename (prefix);
  const char *name;
  guint pages = 0;

  g_free (run (argv));
  dir = g_dir_open (f->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = NULL;
      g_autofree char *data = NULL;
      gsize length;
      int w, h, max, offset = 0;
      int xmin = G_MAXINT, ymin = G_MAXINT, xmax = -1, ymax = -1;

      if (!g_str_has_prefix (name, base) || !g_str_has_suffix (name, ".pgm"))
        continue;
      file = g_build_filename (f->dir, name, NULL);
      g_assert_true (g_file_get_contents (file, &data, &length, NULL));
      g_assert_cmpint (sscanf (data, "P5 %d %d %d%n", &w, &h, &max, &offset), ==, 3);
      offset++; /* the single white space after the header */
      g_assert_cmpuint (length, >=, (gsize) offset + (gsize) w * h);
      for (int y = 0; y < h; y++)
        for (int x = 0; x < w; x++)
          if ((guint8) data[offset + y * w + x] < 200)
            {
              xmin = MIN (xmin, x);
              xmax = MAX (xmax, x);
              ymin = MIN (ymin, y);
              ymax = MAX (ymax, y);
            }
      g_assert_cmpint (xmax, >=, 0); /* no blank page */
      if (xmin < safe || ymin < safe || xmax > w - safe || ymax > h - safe)
        g_error ("%s: ink at (%d,%d)-(%d,%d) on a %dx%d page, outside the printable area", name, xmin, ymin, xmax, ymax, w, h);
      g_unlink (file);
      pages++;
    }
  g_assert_cmpuint (pages, >, 0);
}

/* Checks every sheet must pass; returns the page count. */
static guint
check_sheet (Fixture *f, const char *path, SillonSheetPaper paper)
{
  double w, h, want_w, want_h;
  guint pages = pdf_pages (path, &w, &h);

  sillon_sheet_paper_get_size (paper, &want_w, &want_h);
  g_assert_cmpfloat_with_epsilon (w, want_w, 0.5);
  g_assert_cmpfloat_with_epsilon (h, want_h, 0.5);
  assert_fonts_embedded (path);
  assert_ink_inside (f, path);
  return pages;
}

static void
assert_contains (const char *text, const char *fragment)
{
  if (strstr (text, fragment) == NULL)
    g_error ("“%s” is not on the sheet:\n%.3000s", fragment, text);
}

static guint
count_occurrences (const char *text, const char *word)
{
  guint n = 0;

  for (const char *p = text; (p = strstr (p, word)) != NULL; p += strlen (word))
    n++;
  return n;
}

/* A name mixing scripts is reordered by pdftotext line by line: count its
 * words instead of looking for it whole. */
static void
assert_all_words (const char *text, const char *name, const char *word)
{
  g_assert_cmpuint (count_occurrences (name, word), >, 0);
  g_assert_cmpuint (count_occurrences (text, word), >=, count_occurrences (name, word));
}

static guint
count_arabic (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (c >= 0x0600 && c <= 0x06FF)
        n++;
    }
  return n;
}

/* ---------------------------------------------------------------------- */
/* Sheets */

static void
test_progress (Fixture *f, gconstpointer data)
{
  g_autofree char *code = NULL;
  g_autofree char *path = render (f, SILLON_SHEET_PROGRESS, f->ordinary, 0, NULL, SILLON_SHEET_PAPER_A4, &code);
  g_autofree char *text = pdf_text (path);
  g_autofree char *footer = g_strdup_printf ("Code %s", code);

  g_assert_cmpuint (check_sheet (f, path, SILLON_SHEET_PAPER_A4), >=, 1);
  assert_contains (text, "Mon parcours numérique");
  assert_contains (text, "Amina");
  g_assert_null (strstr (text, "Benali")); /* the first name only */
  assert_contains (text, "Où j’en suis");
  assert_contains (text, "Premier diagnostic (2 mars 2026)");
  assert_contains (text, "Dernier diagnostic (20 mai 2026)");
  assert_contains (text, "Ce que j’ai appris");
  assert_contains (text, "Lire et envoyer des courriels");
  assert_contains (text, "10 avril 2026");
  assert_contains (text, "Aide aux démarches administratives");
  assert_contains (text, "Étapes de mon parcours déjà faites");
  assert_contains (text, "10 avril 2026 : Créer une adresse e-mail");
  /* Done, it is no longer among the next steps. */
  g_assert_true (strstr (text, "Créer une adresse e-mail") < strstr (text, "Mes prochaines étapes"));
  g_assert_null (strstr (strstr (text, "Mes prochaines étapes"), "Créer une adresse e-mail"));
  assert_contains (text, "Mes prochaines étapes");
  assert_contains (text, "Atelier courriels et pièces jointes");
  assert_contains (text, "Prochain rendez-vous");
  assert_contains (text, "15 décembre 2026");
  assert_contains (text, "La Fabrique numérique de Reims");
  assert_contains (text, "Camille Roussel");
  assert_contains (text, footer);
  assert_contains (text, "Imprimée le 15 juin 2026");
}

static void
test_progress_english (Fixture *f, gconstpointer data)
{
  g_autofree char *path = render (f, SILLON_SHEET_PROGRESS, f->ordinary, 0, "en", SILLON_SHEET_PAPER_LETTER, NULL);
  g_autofree char *text = pdf_text (path);

  /* Letter paper, and the person's French is overridden. */
  check_sheet (f, path, SILLON_SHEET_PAPER_LETTER);
  assert_contains (text, "My digital journey");
  assert_contains (text, "First assessment (2 March 2026)");
  assert_contains (text, "Reading and sending emails");
  assert_contains (text, "Where to find help");
  assert_contains (text, "Page 1 of");
  g_assert_null (strstr (text, "Mon parcours"));
}

static void
test_progress_minimal (Fixture *f, gconstpointer data)
{
  g_autofree char *path = render (f, SILLON_SHEET_PROGRESS, f->minimal, 0, NULL, SILLON_SHEET_PAPER_A4, NULL);
  g_autofree char *text = pdf_text (path);

  g_assert_cmpuint (check_sheet (f, path, SILLON_SHEET_PAPER_A4), ==, 1);
  assert_contains (text, "Mon parcours numérique");
  assert_contains (text, "Pas encore de diagnostic");
  assert_contains (text, "Nous choisirons ensemble vos prochaines étapes.");
  assert_contains (text, "Aucun rendez-vous n’est prévu");
  g_assert_null (strstr (text, "Mes rendez-vous"));
}

static void
test_progress_extreme (Fixture *f, gconstpointer data)
{
  g_autofree char *path = render (f, SILLON_SHEET_PROGRESS, f->extreme, 0, NULL, SILLON_SHEET_PAPER_A4, NULL);
  g_autofree char *text = pdf_text (path);
  guint pages = check_sheet (f, path, SILLON_SHEET_PAPER_A4);
  g_autofree char *page_2 = g_strdup_printf ("Page 2 sur %u", pages);

  /* Forty sessions do not fit one page: the table goes on with its
   * heading row repeated. */
  g_assert_cmpuint (pages, >=, 2);
  assert_contains (text, page_2);
  {
    guint headings = 0;
    for (const char *p = text; (p = strstr (p, "Ce que nous avons travaillé")) != NULL; p++)
      headings++;
    g_assert_cmpuint (headings, >=, 2);
  }
  /* Every theme, and the whole Arabic first name (shaped, so counted). */
  assert_contains (text, "Intelligence artificielle (IA)");
  assert_contains (text, "Prévention en sécurité numérique");
  g_assert_cmpuint (count_arabic (text), >=, g_utf8_strlen (f->extreme_first, -1) * 3 / 4);
}

static void
test_referral (Fixture *f, gconstpointer data)
{
  g_autofree char *path = render (f, SILLON_SHEET_REFERRAL, f->ordinary, f->referral_place, NULL, SILLON_SHEET_PAPER_A4, NULL);
  g_autofree char *text = pdf_text (path);
  g_autofree char *png_prefix = g_strconcat (path, "-qr", NULL);
  g_autofree char *png = g_strconcat (png_prefix, ".png", NULL);
  const char *raster[] = { "pdftoppm", "-r", "150", "-png", "-singlefile", "-f", "1", "-l", "1", path, png_prefix, NULL };
  const char *zbar[] = { "zbarimg", "--raw", "-q", png, NULL };
  g_autofree char *decoded = NULL;

  check_sheet (f, path, SILLON_SHEET_PAPER_A4);
  assert_contains (text, "Où aller maintenant");
  assert_contains (text, "Maison France Services de Reims");
  assert_contains (text, "12 rue de Vesle, 51100 Reims");
  /* The hours in words, from the OSM value. */
  assert_contains (text, "lundi au vendredi");
  {
    g_autofree char *hours = collapse_spaces ("9 h–12 h, 14 h–17 h");
    assert_contains (text, hours);
  }
  assert_contains (text, "Prendre un rendez-vous en ligne");
  assert_contains (text, "Gratuit");
  assert_contains (text, "Carte d’identité, dernier avis d’imposition");
  assert_contains (text, "https://rdv.exemple.fr/maison-france-services-reims");
  /* Numbers as they are dialled from France, never in E.164. */
  assert_contains (text, "Téléphone 03 26 00 00 00");
  assert_contains (text, "Une question ? Appelez le 03 26 00 00 00");
  g_assert_null (strstr (text, "+33"));
  /* Part 2, with consent: why, what was done, the profile, signatures.
   * Too long to go under part 1, it has its own page, whole. */
  assert_contains (text, "La page suivante est pour la structure où vous allez : donnez-la-lui.");
  g_assert_null (strstr (text, "Découpez ici"));
  {
    const char *page_2[] = { "pdftotext", "-f", "2", "-l", "2", "-enc", "UTF-8", path, "-", NULL };
    g_autofree char *second = run (page_2);

    g_assert_true (g_str_has_prefix (second, "Orientation : pour la structure d’accueil"));
    assert_contains (second, "Signature de la personne");
  }
  assert_contains (text, "Orientation : pour la structure d’accueil");
  assert_contains (text, "Amina Benali");
  assert_contains (text, "Compte ameli créé ensemble.");
  assert_contains (text, "Ce que la personne accepte de transmettre");
  assert_contains (text, "Le motif et le compte ameli");
  assert_contains (text, "Profil numérique (sur 100)");
  assert_contains (text, "J’accepte que les informations");
  assert_contains (text, "Signature de la personne");

  /* The QR code decodes to exactly the booking link. */
  g_free (run (raster));
  decoded = run (zbar);
  g_strchomp (decoded);
  g_assert_cmpstr (decoded, ==, BOOKING_LINK);
}

static void
test_referral_bare (Fixture *f, gconstpointer data)
{
  g_autofree char *path = render (f, SILLON_SHEET_REFERRAL, f->ordinary, f->referral_bare, "en", SILLON_SHEET_PAPER_A4, NULL);
  g_autofree char *text = pdf_text (path);

  /* Both parts on one page, a line to cut them apart. */
  g_assert_cmpuint (check_sheet (f, path, SILLON_SHEET_PAPER_A4), ==, 1);
  assert_contains (text, "Cut here.");
  assert_contains (text, "Where to go next");
  assert_contains (text, "Structure d’aide aux démarches administratives");
  /* Without consent, part 2 holds the name and nothing more. */
  assert_contains (text, "did not agree to share more than their name");
  g_assert_null (strstr (text, "Question de retraite\nWhy"));
  g_assert_null (strstr (text, "Digital profile"));
}

static void
test_referral_extreme (Fixture *f, gconstpointer data)
{
  g_autofree char *path = render (f, SILLON_SHEET_REFERRAL, f->extreme, f->referral_twelve, NULL, SILLON_SHEET_PAPER_A4, NULL);
  g_autofree char *text = pdf_text (path);
  g_autoptr (SillonSheetLanguage) fr = NULL;
  g_autofree char *hours = NULL;
  g_auto (GStrv) rules = NULL;
  g_autoptr (GError) error = NULL;

  /* Three pages of "already done" flow over several pages. */
  g_assert_cmpuint (check_sheet (f, path, SILLON_SHEET_PAPER_A4), >=, 3);
  /* The twelve rules, one by one, in words. */
  g_assert_true (sillon_opening_hours_validate (TWELVE_RULES, NULL, &error));
  g_assert_no_error (error);
  hours = sillon_opening_hours_render_translated (TWELVE_RULES, sillon_sheet_language_translate,
                                                  sillon_sheet_language_get ("fr", &error), &error);
  g_assert_no_error (error);
  rules = g_strsplit (hours, "; ", -1);
  g_assert_cmpuint (g_strv_length (rules), ==, 12);
  for (guint i = 0; rules[i] != NULL; i++)
    {
      g_autofree char *rule = collapse_spaces (rules[i]);
      assert_contains (text, rule);
    }
  assert_all_words (text, f->extreme_last, "Nguyễn");
}

static void
test_referral_no_hours (Fixture *f, gconstpointer data)
{
  g_autofree char *path = render (f, SILLON_SHEET_REFERRAL, f->extreme, f->referral_none, "en", SILLON_SHEET_PAPER_A4, NULL);
  g_autofree char *text = pdf_text (path);

  check_sheet (f, path, SILLON_SHEET_PAPER_A4);
  assert_contains (text, "Not known: call before you go.");
  assert_contains (text, "Point numérique du quartier Orgeval");
}

static void
test_referral_errors (Fixture *f, gconstpointer data)
{
  SillonSheetRequest request = SILLON_SHEET_REQUEST_INIT;
  g_autoptr (GError) error = NULL;
  SillonSheetDoc *doc;

  /* The minimal person has no referral. */
  request.kind = SILLON_SHEET_REFERRAL;
  request.person_id = f->minimal;
  doc = sillon_sheet_build (f->s.store, &request, key_a, NULL, NULL, &error);
  g_assert_null (doc);
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Someone else's referral. */
  request.referral_id = f->referral_place;
  doc = sillon_sheet_build (f->s.store, &request, key_a, NULL, NULL, &error);
  g_assert_null (doc);
  g_assert_error (error, SILLON_SHEET_ERROR, SILLON_SHEET_ERROR_MISMATCH);
  g_clear_error (&error);

  /* An unknown person, an unknown language. */
  request.kind = SILLON_SHEET_PROGRESS;
  request.person_id = 999999;
  request.referral_id = 0;
  doc = sillon_sheet_build (f->s.store, &request, key_a, NULL, NULL, &error);
  g_assert_null (doc);
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  request.person_id = f->ordinary;
  request.language = "xx";
  doc = sillon_sheet_build (f->s.store, &request, key_a, NULL, NULL, &error);
  g_assert_null (doc);
  g_assert_error (error, SILLON_SHEET_ERROR, SILLON_SHEET_ERROR_UNKNOWN_LANGUAGE);
}

static void
test_notice (Fixture *f, gconstpointer data)
{
  g_autoptr (SillonConsent) consent = sillon_consent_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *text = NULL;
  g_autofree char *code = NULL;

  consent->beneficiary_id = f->ordinary;
  consent->date = g_strdup ("2026-03-02");
  consent->told = g_strdup ("Informée oralement des données gardées");
  consent->scope = g_strdup ("Suivi et statistiques anonymes");
  g_assert_true (sillon_store_insert_consent (f->s.store, consent, &error));

  path = render (f, SILLON_SHEET_NOTICE, f->ordinary, 0, NULL, SILLON_SHEET_PAPER_A4, &code);
  text = pdf_text (path);
  g_assert_null (code); /* no fingerprint on a notice */
  check_sheet (f, path, SILLON_SHEET_PAPER_A4);
  assert_contains (text, "Vos informations et vos droits");
  assert_contains (text, "Amina Benali");
  assert_contains (text, "La Fabrique numérique de Reims");
  assert_contains (text, "12 mois");
  assert_contains (text, "www.cnil.fr");
  assert_contains (text, "Informée oralement des données gardées");
  assert_contains (text, "2 mars 2026");
}

static void
test_notice_minimal_and_extreme (Fixture *f, gconstpointer data)
{
  g_autofree char *minimal = render (f, SILLON_SHEET_NOTICE, f->minimal, 0, "en", SILLON_SHEET_PAPER_A4, NULL);
  g_autofree char *extreme = render (f, SILLON_SHEET_NOTICE, f->extreme, 0, NULL, SILLON_SHEET_PAPER_A4, NULL);
  g_autofree char *text = pdf_text (minimal);
  g_autofree char *text_extreme = pdf_text (extreme);

  check_sheet (f, minimal, SILLON_SHEET_PAPER_A4);
  check_sheet (f, extreme, SILLON_SHEET_PAPER_A4);
  assert_contains (text, "Your information and your rights");
  assert_contains (text, "Your rights");
  assert_all_words (text_extreme, f->extreme_last, "Nguyễn");
}

static void
test_record (Fixture *f, gconstpointer data)
{
  g_autofree char *path = render (f, SILLON_SHEET_RECORD, f->ordinary, 0, NULL, SILLON_SHEET_PAPER_A4, NULL);
  g_autofree char *text = pdf_text (path);

  check_sheet (f, path, SILLON_SHEET_PAPER_A4);
  assert_contains (text, "Tout ce que nous gardons sur vous");
  /* What the JSON export holds, in words. */
  assert_contains (text, "Benali");
  assert_contains (text, "Souhaite apprendre à faire seule ses démarches.");
  assert_contains (text, "Diagnostics");
  assert_contains (text, "Accompagnements");
  assert_contains (text, "Orientations");
  assert_contains (text, "Renouveler sa carte vitale");
  assert_contains (text, "Parcours prévus");
  assert_contains (text, "Atelier courriels et pièces jointes");
  assert_contains (text, "Savez-vous lire vos e-mails et en envoyer un ?");
  assert_contains (text, "Lieu d’activité");
  g_assert_null (strstr (text, "{\""));
  /* The person's own number grouped, the sheet language by its name. */
  assert_contains (text, "06 12 34 56 78");
  g_assert_null (strstr (text, "06.12.34.56.78"));
  assert_contains (text, "Langue des fiches Français");
}

/* An English record shows the national values in English, not with the
 * French labels of the national vocabulary. */
static void
test_record_english_labels (Fixture *f, gconstpointer data)
{
  /* The age is this year's less the birth year, not the sheet's date's. */
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *path = render (f, SILLON_SHEET_RECORD, f->ordinary, 0, "en", SILLON_SHEET_PAPER_A4, NULL);
  g_autofree char *text = pdf_text (path);
  int age = g_date_time_get_year (now) - 1968;
  const char *english = age < 60 ? "40 to 59" : age < 70 ? "60 to 69"
                                                         : "70 and over";
  const char *french = age < 60 ? "40 - 59" : age < 70 ? "60 - 69"
                                                       : "70 ans et plus";

  check_sheet (f, path, SILLON_SHEET_PAPER_A4);
  assert_contains (text, "Everything we keep about you");
  assert_contains (text, "Activity venue");
  g_assert_null (strstr (text, "Lieu d’activité"));
  /* Born in 1968: the age bracket, in English too. */
  assert_contains (text, english);
  g_assert_null (strstr (text, french));
}

static void
test_record_minimal_and_extreme (Fixture *f, gconstpointer data)
{
  g_autofree char *minimal = render (f, SILLON_SHEET_RECORD, f->minimal, 0, "en", SILLON_SHEET_PAPER_A4, NULL);
  g_autofree char *extreme = render (f, SILLON_SHEET_RECORD, f->extreme, 0, NULL, SILLON_SHEET_PAPER_A4, NULL);
  g_autofree char *text = pdf_text (minimal);
  g_autofree char *text_extreme = pdf_text (extreme);
  g_autofree char *note_start = g_utf8_substring (f->extreme_last, 0, 60);

  g_assert_cmpuint (check_sheet (f, minimal, SILLON_SHEET_PAPER_A4), <=, 2);
  g_assert_cmpuint (check_sheet (f, extreme, SILLON_SHEET_PAPER_A4), >=, 5);
  assert_contains (text, "Everything we keep about you");
  assert_contains (text, "Nothing.");
  /* Three pages of notes, whole. */
  assert_contains (text_extreme, "Note longue sur les démarches en cours, à relire avec la personne. Note longue");
  assert_contains (text_extreme, note_start);
}

static void
test_recovery (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonSheetDoc) doc = NULL;
  g_autofree char *path = g_build_filename (f->dir, "recovery.pdf", NULL);
  g_autofree char *text = NULL;
  const char *key = "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567-ABCD-EFGH-IJKL-MNOP-QRST2";

  doc = sillon_sheet_build_recovery (key, "Camille Roussel", "fr", SILLON_SHEET_PAPER_A4, SHEET_DATE, &error);
  g_assert_no_error (error);
  g_assert_true (sillon_sheet_doc_write_pdf (doc, path, &error));
  g_assert_no_error (error);
  text = pdf_text (path);
  g_assert_cmpuint (check_sheet (f, path, SILLON_SHEET_PAPER_A4), ==, 1);
  assert_contains (text, "Clé de secours du coffre Sillon");
  /* The key, on two lines cut between groups. */
  assert_contains (text, "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23");
  assert_contains (text, "4567-ABCD-EFGH-IJKL-MNOP-QRST2");
  assert_contains (text, "Camille Roussel");
  assert_contains (text, "15 juin 2026");

  g_clear_pointer (&doc, sillon_sheet_doc_free);
  doc = sillon_sheet_build_recovery (key, "Camille Roussel", "xx", SILLON_SHEET_PAPER_A4, NULL, &error);
  g_assert_null (doc);
  g_assert_error (error, SILLON_SHEET_ERROR, SILLON_SHEET_ERROR_UNKNOWN_LANGUAGE);
}

/* ---------------------------------------------------------------------- */
/* Right to left */

typedef struct
{
  char *text;
  double x_min, x_max;
} Word;

static void
word_free (Word *w)
{
  g_free (w->text);
  g_free (w);
}

static GPtrArray *
pdf_words (const char *path, guint page)
{
  g_autofree char *first = g_strdup_printf ("%u", page);
  const char *argv[] = { "pdftotext", "-bbox", "-enc", "UTF-8", "-f", first, "-l", first, path, "-", NULL };
  g_autofree char *html = run (argv);
  g_autoptr (GRegex) re = g_regex_new ("<word xMin=\"([0-9.]+)\" yMin=\"[0-9.]+\" xMax=\"([0-9.]+)\" yMax=\"[0-9.]+\">([^<]*)</word>",
                                       0, 0, NULL);
  g_autoptr (GMatchInfo) match = NULL;
  GPtrArray *words = g_ptr_array_new_with_free_func ((GDestroyNotify) word_free);

  g_regex_match (re, html, 0, &match);
  while (g_match_info_matches (match))
    {
      Word *w = g_new0 (Word, 1);
      g_autofree char *x0 = g_match_info_fetch (match, 1);
      g_autofree char *x1 = g_match_info_fetch (match, 2);

      w->x_min = g_ascii_strtod (x0, NULL);
      w->x_max = g_ascii_strtod (x1, NULL);
      w->text = g_match_info_fetch (match, 3);
      g_ptr_array_add (words, w);
      g_match_info_next (match, NULL);
    }
  return words;
}

/* A right-to-left sheet language made of test strings: Arabic is not a
 * complete sheet language, but one added as data must lay out mirrored.
 * Registered once for the process. */
static void
register_arabic_test_language (void)
{
  static const char *const messages[][2] = {
    { "My digital journey", "مساري الرقمي" },
    { "Where I stand", "أين أنا" },
    { "Where to find help", "أين أجد المساعدة" },
    { "Where to go next", "إلى أين أذهب الآن" },
    { "Referral: for the receiving structure", "التوجيه: للجهة المستقبلة" },
    { "Your information and your rights", "معلوماتك وحقوقك" },
    { "Everything we keep about you", "كل ما نحتفظ به عنك" },
    { "Go to", "اذهب إلى" },
    { "Address", "العنوان" },
    { "Phone", "الهاتف" },
    { "A question? Call", "سؤال؟ اتصل بـ" },
  };
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      SillonSheetLanguage *ar = sillon_sheet_language_new ("ar-test", TRUE, "{day} {month} {year}");

      for (guint i = 0; i < G_N_ELEMENTS (messages); i++)
        sillon_sheet_language_add_message (ar, NULL, messages[i][0], messages[i][1]);
      g_assert_true (sillon_sheet_language_register (ar));
      g_once_init_leave (&once, 1);
    }
}

/* Every sheet lays out right to left inside the printable area, with its
 * fonts embedded, and a telephone number keeps its digits in reading
 * order: groups of digits are neutral, and without the left-to-right mark
 * the layout gives a number, an RTL paragraph would print
 * "00 00 00 26 03". */
static void
test_rtl_every_sheet (Fixture *f, gconstpointer data)
{
  const SillonSheetKind kinds[] = { SILLON_SHEET_PROGRESS, SILLON_SHEET_REFERRAL, SILLON_SHEET_NOTICE, SILLON_SHEET_RECORD };
  const char *titles[] = { "مساري الرقمي", "إلى أين أذهب الآن", "معلوماتك وحقوقك", "كل ما نحتفظ به عنك" };

  register_arabic_test_language ();
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      gint64 referral = kinds[i] == SILLON_SHEET_REFERRAL ? f->referral_place : 0;
      g_autofree char *path = render (f, kinds[i], f->ordinary, referral, "ar-test", SILLON_SHEET_PAPER_A4, NULL);
      g_autofree char *text = pdf_text (path);

      check_sheet (f, path, SILLON_SHEET_PAPER_A4);
      g_assert_cmpuint (count_arabic (text), >=, g_utf8_strlen (titles[i], -1) - 2);
      assert_contains (text, "03 26 00 00 00");
      g_assert_null (strstr (text, "00 00 26 03"));
    }
}

static void
test_rtl (Fixture *f, gconstpointer data)
{
  g_autofree char *path = NULL;
  g_autofree char *french = NULL;
  g_autoptr (GPtrArray) words = NULL;
  double w, h;
  gboolean found_title = FALSE;
  double title_min = G_MAXDOUBLE, title_max = 0.0;

  register_arabic_test_language ();

  path = render (f, SILLON_SHEET_PROGRESS, f->ordinary, 0, "ar-test", SILLON_SHEET_PAPER_A4, NULL);
  check_sheet (f, path, SILLON_SHEET_PAPER_A4);
  pdf_pages (path, &w, &h);
  words = pdf_words (path, 1);
  for (guint i = 0; i < words->len; i++)
    {
      const Word *word = g_ptr_array_index (words, i);

      /* The Arabic title ends at the right margin, not the left one. */
      if (count_arabic (word->text) > 0 && strstr ("مساري الرقمي", word->text) != NULL)
        {
          found_title = TRUE;
          title_min = MIN (title_min, word->x_min);
          title_max = MAX (title_max, word->x_max);
        }
      /* A Latin word of a right-to-left sheet: the mediator's name, in
       * the mirrored field column, on the left half. */
      if (g_str_equal (word->text, "Roussel"))
        g_assert_cmpfloat (word->x_max, <, w / 2);
    }
  g_assert_true (found_title);
  g_assert_cmpfloat (title_min, >, w / 2);
  g_assert_cmpfloat (title_max, >, w - 48.0 - 12.0);

  /* In a left-to-right sheet, an Arabic name is right-aligned. */
  french = render (f, SILLON_SHEET_PROGRESS, f->extreme, 0, "fr", SILLON_SHEET_PAPER_A4, NULL);
  g_ptr_array_unref (g_steal_pointer (&words));
  words = pdf_words (french, 1);
  {
    double right = 0.0;
    for (guint i = 0; i < words->len; i++)
      {
        const Word *word = g_ptr_array_index (words, i);
        if (count_arabic (word->text) > 0)
          right = MAX (right, word->x_max);
      }
    g_assert_cmpfloat (right, >, w - 48.0 - 12.0);
  }
}

/* ---------------------------------------------------------------------- */
/* Reference image */

static cairo_surface_t *
rasterise_first_page (SillonSheetDoc *doc, double dpi)
{
  double w, h;
  cairo_surface_t *surface;
  cairo_t *cr;

  sillon_sheet_paper_get_size (sillon_sheet_doc_get_paper (doc), &w, &h);
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, (int) (w * dpi / 72.0), (int) (h * dpi / 72.0));
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_scale (cr, dpi / 72.0, dpi / 72.0);
  sillon_sheet_doc_draw_page (doc, cr, 0);
  cairo_destroy (cr);
  cairo_surface_flush (surface);
  return surface;
}

/* The lowest row of ink between @x0 and @x1 (pixels), -1 for none. */
static int
lowest_ink (cairo_surface_t *surface, int x0, int x1)
{
  const unsigned char *data = cairo_image_surface_get_data (surface);
  int stride = cairo_image_surface_get_stride (surface);

  for (int y = cairo_image_surface_get_height (surface) - 1; y >= 0; y--)
    for (int x = x0; x < x1; x++)
      if ((((const guint32 *) (data + y * stride))[x] & 0xff) < 0x80)
        return y;
  return -1;
}

/* A label and its value share their first baseline whatever their
 * scripts: Noto Sans Arabic's taller lines used to push an Arabic value a
 * few points below its label. "x" sits on the baseline, and so does the
 * Arabic tatweel. */
static void
test_layout_row_baseline (void)
{
  const double dpi = 150.0;

  for (int rtl = 0; rtl <= 1; rtl++)
    {
      g_autoptr (SillonSheetDoc) doc = sillon_sheet_doc_new (SILLON_SHEET_PAPER_A4, rtl);
      cairo_surface_t *page;
      double w, h;
      int middle, label_bottom, value_bottom;

      sillon_sheet_doc_add_field (doc, rtl ? "\u0640\u0640\u0640\u0640" : "xxxx", rtl ? "xxxx" : "\u0640\u0640\u0640\u0640");
      page = rasterise_first_page (doc, dpi);
      sillon_sheet_paper_get_size (SILLON_SHEET_PAPER_A4, &w, &h);
      /* The label's column is the first 36 % of the body (48 pt margins),
       * at the right in a right-to-left sheet. */
      middle = (int) ((rtl ? w - (48.0 + 0.36 * (w - 96.0)) : 48.0 + 0.36 * (w - 96.0)) * dpi / 72.0);
      label_bottom = lowest_ink (page, 0, middle);
      value_bottom = lowest_ink (page, middle, cairo_image_surface_get_width (page));
      g_assert_cmpint (label_bottom, >, 0);
      g_assert_cmpint (value_bottom, >, 0);
      /* Within a point (about 2 pixels at 150 dpi). */
      g_assert_cmpint (ABS (label_bottom - value_bottom), <=, (int) (1.0 * dpi / 72.0));
      cairo_surface_destroy (page);
    }
}

static void
test_reference_image (Fixture *f, gconstpointer data)
{
  SillonSheetRequest request = SILLON_SHEET_REQUEST_INIT;
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonSheetDoc) doc = NULL;
  g_autofree char *reference = g_build_filename (TEST_DATA_DIR, "sheets", "progress-fr-page1.png", NULL);
  cairo_surface_t *page, *expected;
  int w, h, stride;
  guint differing = 0;
  const guint8 *a, *b;

  request.kind = SILLON_SHEET_PROGRESS;
  request.person_id = f->ordinary;
  request.date = SHEET_DATE;
  doc = sillon_sheet_build (f->s.store, &request, key_a, NULL, NULL, &error);
  g_assert_no_error (error);
  page = rasterise_first_page (doc, 60.0);

  if (g_getenv ("SILLON_UPDATE_SHEET_REFERENCE") != NULL)
    {
      g_assert_cmpint (cairo_surface_write_to_png (page, reference), ==, CAIRO_STATUS_SUCCESS);
      cairo_surface_destroy (page);
      g_test_skip ("reference image written: look at it before committing it");
      return;
    }
  expected = cairo_image_surface_create_from_png (reference);
  g_assert_cmpint (cairo_surface_status (expected), ==, CAIRO_STATUS_SUCCESS);
  w = cairo_image_surface_get_width (page);
  h = cairo_image_surface_get_height (page);
  g_assert_cmpint (cairo_image_surface_get_width (expected), ==, w);
  g_assert_cmpint (cairo_image_surface_get_height (expected), ==, h);
  g_assert_cmpint (cairo_image_surface_get_stride (expected), ==, cairo_image_surface_get_stride (page));
  stride = cairo_image_surface_get_stride (page);
  a = cairo_image_surface_get_data (page);
  b = cairo_image_surface_get_data (expected);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++)
      for (int c = 0; c < 3; c++)
        if (ABS ((int) a[y * stride + 4 * x + c] - (int) b[y * stride + 4 * x + c]) > 64)
          {
            differing++;
            break;
          }
  /* Anti-aliasing may differ a little between builds of the libraries; a
   * moved block or a missing line changes far more than 0.5 % of pixels. */
  if (differing > (guint) (w * h / 200))
    {
      g_autofree char *actual = g_build_filename (f->dir, "actual.png", NULL);
      cairo_surface_write_to_png (page, actual);
      g_error ("%u of %d pixels differ from %s", differing, w * h, reference);
    }
  cairo_surface_destroy (page);
  cairo_surface_destroy (expected);
}

/* ---------------------------------------------------------------------- */
/* Fingerprints */

static SillonSheetDoc *
build_with (Fixture *f, SillonStore *store, const guint8 *key, SillonSheetKind kind, gint64 person, gint64 referral, char **code, gint64 *out_referral)
{
  SillonSheetRequest request = SILLON_SHEET_REQUEST_INIT;
  g_autoptr (GError) error = NULL;
  SillonSheetDoc *doc;

  request.kind = kind;
  request.person_id = person;
  request.referral_id = referral;
  doc = sillon_sheet_build (store, &request, key, code, out_referral, &error);
  g_assert_no_error (error);
  return doc;
}

static void
record (Fixture *f, SillonStore *store, SillonSheetKind kind, gint64 person, gint64 referral, const char *code)
{
  SillonSheetRequest request = SILLON_SHEET_REQUEST_INIT;
  g_autoptr (GError) error = NULL;

  request.kind = kind;
  request.person_id = person;
  g_assert_true (sillon_sheet_record_print (store, journal_key, f->mediator, &request, referral, code, &error));
  g_assert_no_error (error);
}

static void
test_fingerprint (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *code = NULL;
  g_autofree char *progress_code = NULL;
  g_autofree char *typed = NULL;
  g_autoptr (SillonSheetDoc) doc = NULL;
  g_autoptr (SillonSheetDoc) progress = NULL;
  g_autoptr (SillonSheetVerification) v = NULL;
  g_autoptr (SillonReferral) referral = NULL;
  gint64 referral_id = 0;
  char changed[SILLON_SHEET_FINGERPRINT_TEXT_LENGTH + 1];

  doc = build_with (f, f->s.store, key_a, SILLON_SHEET_REFERRAL, f->ordinary, f->referral_place, &code, &referral_id);
  g_assert_nonnull (code);
  g_assert_cmpint (strlen (code), ==, SILLON_SHEET_FINGERPRINT_TEXT_LENGTH);
  g_assert_cmpint (referral_id, ==, f->referral_place);
  record (f, f->s.store, SILLON_SHEET_REFERRAL, f->ordinary, referral_id, code);

  /* The journal says which sheet, when, by whom; the content matches. */
  v = sillon_sheet_verify (f->s.store, key_a, code, &error);
  g_assert_no_error (error);
  g_assert_cmpint (v->kind, ==, SILLON_SHEET_REFERRAL);
  g_assert_cmpint (v->person_id, ==, f->ordinary);
  g_assert_cmpint (v->referral_id, ==, f->referral_place);
  g_assert_cmpstr (v->language, ==, "fr");
  g_assert_cmpstr (v->mediator_name, ==, "Camille Roussel");
  g_assert_cmpuint (v->n_prints, ==, 1);
  g_assert_true (v->still_exists);
  g_assert_true (v->content_matches);
  g_clear_pointer (&v, sillon_sheet_verification_free);

  /* The referral remembers its printed sheet. */
  referral = sillon_store_get_referral (f->s.store, f->referral_place, &error);
  g_assert_cmpstr (referral->sheet_fingerprint, ==, code);

  /* Typed by hand: case, dashes and look-alike letters do not matter. */
  typed = g_ascii_strdown (code, -1);
  typed[5] = ' ';
  v = sillon_sheet_verify (f->s.store, key_a, typed, &error);
  g_assert_no_error (error);
  g_assert_true (v->content_matches);
  g_clear_pointer (&v, sillon_sheet_verification_free);

  /* One character changed: no such sheet. */
  strcpy (changed, code);
  changed[3] = changed[3] == '7' ? '8' : '7';
  v = sillon_sheet_verify (f->s.store, key_a, changed, &error);
  g_assert_null (v);
  g_assert_error (error, SILLON_SHEET_ERROR, SILLON_SHEET_ERROR_UNKNOWN_CODE);
  g_clear_error (&error);

  /* Not a code at all. */
  v = sillon_sheet_verify (f->s.store, key_a, "ABC", &error);
  g_assert_null (v);
  g_assert_error (error, SILLON_SHEET_ERROR, SILLON_SHEET_ERROR_INVALID_CODE);
  g_clear_error (&error);
  v = sillon_sheet_verify (f->s.store, key_a, "ABCDE-FGHU!", &error);
  g_assert_null (v);
  g_assert_error (error, SILLON_SHEET_ERROR, SILLON_SHEET_ERROR_INVALID_CODE);
  g_clear_error (&error);

  /* A progress sheet has its own code. */
  progress = build_with (f, f->s.store, key_a, SILLON_SHEET_PROGRESS, f->ordinary, 0, &progress_code, NULL);
  g_assert_cmpstr (progress_code, !=, code);
  record (f, f->s.store, SILLON_SHEET_PROGRESS, f->ordinary, 0, progress_code);
  v = sillon_sheet_verify (f->s.store, key_a, progress_code, &error);
  g_assert_no_error (error);
  g_assert_cmpint (v->kind, ==, SILLON_SHEET_PROGRESS);
  g_assert_true (v->content_matches);
  g_clear_pointer (&v, sillon_sheet_verification_free);

  /* The referral is edited after printing: the sheet no longer matches. */
  g_free (referral->reason);
  referral->reason = g_strdup ("Autre raison");
  g_assert_true (sillon_store_update_referral (f->s.store, referral, &error));
  v = sillon_sheet_verify (f->s.store, key_a, code, &error);
  g_assert_no_error (error);
  g_assert_true (v->still_exists);
  g_assert_false (v->content_matches);
  g_clear_pointer (&v, sillon_sheet_verification_free);

  /* The person is erased: the print is still known, the sheet is gone. */
  g_assert_true (sillon_store_erase_beneficiary (f->s.store, f->ordinary, &error));
  g_assert_no_error (error);
  v = sillon_sheet_verify (f->s.store, key_a, progress_code, &error);
  g_assert_no_error (error);
  g_assert_false (v->still_exists);
  g_assert_false (v->content_matches);
}

static void
test_fingerprint_other_vault (Fixture *f, gconstpointer data)
{
  Fixture other = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *code_a = NULL;
  g_autofree char *code_b = NULL;
  g_autoptr (SillonSheetDoc) doc_a = NULL;
  g_autoptr (SillonSheetDoc) doc_b = NULL;
  SillonSheetVerification *v;

  /* The same people in another vault, with that vault's key. */
  fixture_setup (&other, NULL);
  doc_a = build_with (f, f->s.store, key_a, SILLON_SHEET_REFERRAL, f->ordinary, f->referral_place, &code_a, NULL);
  doc_b = build_with (&other, other.s.store, key_b, SILLON_SHEET_REFERRAL, other.ordinary, other.referral_place, &code_b, NULL);
  g_assert_cmpstr (sillon_sheet_doc_get_canonical (doc_a), ==, sillon_sheet_doc_get_canonical (doc_b));
  g_assert_cmpstr (code_a, !=, code_b);
  record (f, f->s.store, SILLON_SHEET_REFERRAL, f->ordinary, f->referral_place, code_a);
  record (&other, other.s.store, SILLON_SHEET_REFERRAL, other.ordinary, other.referral_place, code_b);

  v = sillon_sheet_verify (other.s.store, key_b, code_a, &error);
  g_assert_null (v);
  g_assert_error (error, SILLON_SHEET_ERROR, SILLON_SHEET_ERROR_UNKNOWN_CODE);
  fixture_teardown (&other, NULL);
}

/* ---------------------------------------------------------------------- */
/* Layout engine and languages */

static void
test_layout_errors (Fixture *f, gconstpointer data)
{
  g_autoptr (SillonSheetDoc) doc = sillon_sheet_doc_new (SILLON_SHEET_PAPER_A4, FALSE);
  g_autoptr (GError) error = NULL;
  g_autofree char *huge = repeat_to ("https://exemple.fr/", 5000);
  g_autofree char *missing = g_build_filename (f->dir, "no-such-folder", "sheet.pdf", NULL);
  SillonSheetPaper paper;

  g_assert_false (sillon_sheet_doc_add_qr (doc, huge, "x", 90.0, &error));
  g_assert_error (error, SILLON_SHEET_ERROR, SILLON_SHEET_ERROR_QR);
  g_clear_error (&error);

  sillon_sheet_doc_add_text (doc, SILLON_SHEET_TEXT_BODY, "Texte");
  g_assert_false (sillon_sheet_doc_write_pdf (doc, missing, &error));
  g_assert_error (error, SILLON_SHEET_ERROR, SILLON_SHEET_ERROR_WRITE);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  g_assert_true (sillon_sheet_paper_from_name ("Letter", &paper));
  g_assert_cmpint (paper, ==, SILLON_SHEET_PAPER_LETTER);
  g_assert_false (sillon_sheet_paper_from_name ("a5", &paper));
}

static void
test_layout_long_paragraph (Fixture *f, gconstpointer data)
{
  g_autoptr (SillonSheetDoc) doc = sillon_sheet_doc_new (SILLON_SHEET_PAPER_A4, FALSE);
  g_autofree char *long_text = repeat_to ("Une phrase courte et claire. ", 12000);
  g_autofree char *no_space = repeat_to ("x", 600);
  g_autofree char *path = g_build_filename (f->dir, "long.pdf", NULL);
  g_autofree char *text = NULL;
  g_autoptr (GError) error = NULL;

  sillon_sheet_doc_add_text (doc, SILLON_SHEET_TEXT_BODY, long_text);
  sillon_sheet_doc_add_field (doc, no_space, no_space);
  sillon_sheet_doc_set_footer (doc, "pied", "{page}/{pages}");
  g_assert_cmpuint (sillon_sheet_doc_get_n_pages (doc), >=, 4);
  g_assert_true (sillon_sheet_doc_write_pdf (doc, path, &error));
  g_assert_no_error (error);
  text = pdf_text (path);
  check_sheet (f, path, SILLON_SHEET_PAPER_A4);
  /* Nothing lost: every sentence and the 600 unbroken characters. */
  g_assert_cmpuint (strlen (text), >, strlen (long_text));
  {
    g_autoptr (GRegex) xs = g_regex_new ("x+", 0, 0, NULL);
    g_autoptr (GMatchInfo) match = NULL;
    guint total = 0;

    g_regex_match (xs, text, 0, &match);
    while (g_match_info_matches (match))
      {
        g_autofree char *run_of_x = g_match_info_fetch (match, 0);
        total += strlen (run_of_x);
        g_match_info_next (match, NULL);
      }
    g_assert_cmpuint (total, ==, 1200);
  }
}

static void
test_language_catalogue (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = test_make_tmp_dir ("sillon-mo-XXXXXX");
  g_autofree char *lc = g_build_filename (dir, "fr", "LC_MESSAGES", NULL);
  g_autofree char *mo = g_build_filename (lc, GETTEXT_PACKAGE ".mo", NULL);
  g_auto (GStrv) codes = NULL;

  /* Before any test loads French: a missing, then a damaged catalogue. */
  bindtextdomain (GETTEXT_PACKAGE, dir);
  g_assert_null (sillon_sheet_language_get ("fr", &error));
  g_assert_error (error, SILLON_SHEET_ERROR, SILLON_SHEET_ERROR_NO_TRANSLATION);
  g_clear_error (&error);

  g_assert_cmpint (g_mkdir_with_parents (lc, 0700), ==, 0);
  g_assert_true (g_file_set_contents (mo, "\xde\x12\x04\x95\x00\x00\x00\x00\xff\xff\xff\x7f\x00\x00\x00\x10", 16, NULL));
  g_assert_null (sillon_sheet_language_get ("fr", &error));
  g_assert_error (error, SILLON_SHEET_ERROR, SILLON_SHEET_ERROR_NO_TRANSLATION);
  g_clear_error (&error);
  g_unlink (mo);
  g_rmdir (lc);
  {
    g_autofree char *fr = g_build_filename (dir, "fr", NULL);
    g_rmdir (fr);
  }
  g_rmdir (dir);

  /* The built catalogue. */
  bindtextdomain (GETTEXT_PACKAGE, TEST_LOCALE_DIR);
  g_assert_nonnull (sillon_sheet_language_get ("fr", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sillon_sheet_language_gettext (sillon_sheet_language_get ("fr", NULL), "My digital journey"), ==,
                   "Mon parcours numérique");
  g_assert_cmpstr (sillon_sheet_language_gettext (sillon_sheet_language_get ("en", NULL), "My digital journey"), ==,
                   "My digital journey");
  codes = sillon_sheet_language_list_codes (&error);
  g_assert_no_error (error);
  g_assert_true (g_strv_contains ((const char *const *) codes, "fr"));
  g_assert_true (g_strv_contains ((const char *const *) codes, "en"));

  /* Dates in words, and nonsense refused. */
  {
    g_autofree char *fr = sillon_sheet_language_format_date (sillon_sheet_language_get ("fr", NULL), "2026-02-07");
    g_autofree char *en = sillon_sheet_language_format_date (sillon_sheet_language_get ("en", NULL), "2026-02-07");
    g_assert_cmpstr (fr, ==, "7 février 2026");
    g_assert_cmpstr (en, ==, "7 February 2026");
    g_assert_null (sillon_sheet_language_format_date (sillon_sheet_language_get ("fr", NULL), "2026-02-30"));
    g_assert_null (sillon_sheet_language_format_date (sillon_sheet_language_get ("fr", NULL), "hier"));
  }
}

static void
test_fingerprint_format (void)
{
  char code[SILLON_SHEET_FINGERPRINT_TEXT_LENGTH + 1];
  char again[SILLON_SHEET_FINGERPRINT_TEXT_LENGTH + 1];
  char other[SILLON_SHEET_FINGERPRINT_TEXT_LENGTH + 1];
  g_autoptr (GError) error = NULL;

  sillon_sheet_fingerprint_compute (key_a, "contenu", code);
  sillon_sheet_fingerprint_compute (key_a, "contenu", again);
  sillon_sheet_fingerprint_compute (key_b, "contenu", other);
  g_assert_cmpstr (code, ==, again);
  g_assert_cmpstr (code, !=, other);
  g_assert_cmpint (code[5], ==, '-');
  sillon_sheet_fingerprint_compute (key_a, "contenu.", again);
  g_assert_cmpstr (code, !=, again);

  g_assert_true (sillon_sheet_fingerprint_normalize ("abcde fghjk", again, &error));
  g_assert_cmpstr (again, ==, "ABCDE-FGHJK");
  g_assert_true (sillon_sheet_fingerprint_normalize ("oil00-11111", again, &error));
  g_assert_cmpstr (again, ==, "01100-11111");
  g_assert_false (sillon_sheet_fingerprint_normalize ("ABCDE-FGHJKM", again, &error));
  g_assert_error (error, SILLON_SHEET_ERROR, SILLON_SHEET_ERROR_INVALID_CODE);
  g_clear_error (&error);
  g_assert_false (sillon_sheet_fingerprint_normalize ("", again, &error));
  g_assert_error (error, SILLON_SHEET_ERROR, SILLON_SHEET_ERROR_INVALID_CODE);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* The sheets read the French catalogue built in the tree. */
  bindtextdomain (GETTEXT_PACKAGE, TEST_LOCALE_DIR);

  /* First: it needs French not to be loaded yet. */
  g_test_add_func ("/sheets/language/catalogue", test_language_catalogue);
  g_test_add_func ("/sheets/fingerprint/format", test_fingerprint_format);
#define ADD(path, fn) g_test_add ("/sheets/" path, Fixture, NULL, fixture_setup, fn, fixture_teardown)
  ADD ("progress/ordinary", test_progress);
  ADD ("progress/english-letter", test_progress_english);
  ADD ("progress/minimal", test_progress_minimal);
  ADD ("progress/extreme", test_progress_extreme);
  ADD ("progress/reference-image", test_reference_image);
  ADD ("referral/ordinary", test_referral);
  ADD ("referral/bare", test_referral_bare);
  ADD ("referral/extreme", test_referral_extreme);
  ADD ("referral/no-hours", test_referral_no_hours);
  ADD ("referral/errors", test_referral_errors);
  ADD ("notice/ordinary", test_notice);
  ADD ("notice/minimal-extreme", test_notice_minimal_and_extreme);
  ADD ("record/ordinary", test_record);
  ADD ("record/minimal-extreme", test_record_minimal_and_extreme);
  ADD ("record/english-labels", test_record_english_labels);
  ADD ("recovery/fr", test_recovery);
  ADD ("rtl/progress", test_rtl);
  ADD ("rtl/every-sheet", test_rtl_every_sheet);
  ADD ("fingerprint/verify", test_fingerprint);
  ADD ("fingerprint/other-vault", test_fingerprint_other_vault);
  ADD ("layout/errors", test_layout_errors);
  g_test_add_func ("/sheets/layout/row-baseline", test_layout_row_baseline);
  ADD ("layout/long-paragraph", test_layout_long_paragraph);
#undef ADD
  return g_test_run ();
}
