/* test-stats-export.c — the CSV, XLSX and JSON exports, and what a real
 * spreadsheet (LibreOffice Calc, headless) reads in them
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * /stats-spreadsheet/libreoffice converts the files with soffice and compares
 * the cells: accents, dates, numbers, and a note that looks like a formula
 * kept as text. It is slow (LibreOffice starts twice), so meson runs it as
 * its own test, stats-spreadsheet, with a generous timeout.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <sys/stat.h>

#include "sillon-stats-export.h"
#include "sillon-stats-indicators.h"
#include "test-store-util.h"

#define FORMULA_NOTE "=HYPERLINK(\"http://example.org\";\"clic\")"

typedef struct
{
  StoreFixture store;
  char *dir;
} Fixture;

static gint64
add_place (SillonStore *store)
{
  g_autoptr (SillonPlaceRecord) p = sillon_place_record_new ();
  g_autoptr (GError) error = NULL;

  sillon_place_record_set (p, SILLON_PLACE_COL_NOM, "Médiathèque Émile-Zola");
  sillon_place_record_set (p, SILLON_PLACE_COL_ADRESSE, "2 place de la Gare");
  sillon_place_record_set (p, SILLON_PLACE_COL_COMMUNE, "Charleville-Mézières");
  sillon_place_record_set (p, SILLON_PLACE_COL_CODE_POSTAL, "08000");
  sillon_place_record_set (p, SILLON_PLACE_COL_CODE_INSEE, "08105");
  g_assert_true (sillon_store_insert_place (store, p, &error));
  g_assert_no_error (error);
  return p->id;
}

static gint64
add_person (SillonStore *store, const char *first, const char *last, const char *notes)
{
  g_autoptr (SillonBeneficiary) b = sillon_beneficiary_new ();
  g_autoptr (GError) error = NULL;

  b->first_name = g_strdup (first);
  b->last_name = g_strdup (last);
  b->birth_year = 1950;
  b->gender = g_strdup ("feminin");
  b->social_status = g_strdup ("retraite");
  b->commune_insee = g_strdup ("08105");
  b->phone = g_strdup ("+33 6 12 34 56 78");
  b->notes = g_strdup (notes);
  g_assert_true (sillon_store_insert_beneficiary (store, b, &error));
  g_assert_no_error (error);
  return b->id;
}

static void
add_session (SillonStore *store, gint64 person, gint64 place, const char *date, guint minutes, const char *notes)
{
  g_autoptr (SillonSession) s = sillon_session_new ();
  g_autoptr (GError) error = NULL;
  const char *themes[] = { "email", "sante", NULL };
  const char *equipment[] = { "ordinateur", "telephone", NULL };

  s->beneficiary_id = person;
  s->date = g_strdup (date);
  s->duration_minutes = minutes;
  s->place_type = g_strdup ("lieu_activite");
  s->place_id = place;
  s->themes = g_strdupv ((char **) themes);
  s->equipment = g_strdupv ((char **) equipment);
  s->autonomy = g_strdup ("partiellement_autonome");
  s->referred = TRUE;
  s->referral_destination = g_strdup ("aide_sociale");
  s->notes = g_strdup (notes);
  g_assert_true (sillon_store_insert_session (store, s, &error));
  g_assert_no_error (error);
}

/* A workshop on 2026-01-25: one named participant and two anonymous. */
static void
add_workshop (SillonStore *store, gint64 person, gint64 place)
{
  g_autoptr (SillonWorkshop) w = sillon_workshop_new ();
  g_autoptr (GError) error = NULL;
  const char *themes[] = { "securite_numerique", NULL };

  w->title = g_strdup ("Atelier « arnaques » — niveau 1");
  w->level = g_strdup ("debutant");
  w->themes = g_strdupv ((char **) themes);
  w->date = g_strdup ("2026-01-25");
  w->duration_minutes = 90;
  w->place_type = g_strdup ("lieu_activite");
  w->place_id = place;
  w->anon[SILLON_ANON_TOTAL] = 2;
  g_array_append_val (w->attendees, person);
  g_assert_true (sillon_store_insert_workshop (store, w, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  gint64 place, zoe, anon;

  store_fixture_open (&f->store, FALSE);
  f->dir = test_make_tmp_dir ("sillon-export-XXXXXX");
  place = add_place (f->store.store);
  zoe = add_person (f->store.store, "Zoé", "Lefèvre-Dupré", "@appeler le lundi");
  anon = add_person (f->store.store, NULL, NULL, NULL);
  add_session (f->store.store, zoe, place, "2026-01-05", 45, FORMULA_NOTE);
  add_session (f->store.store, anon, 0, "2026-01-20", 120, "-");
  add_workshop (f->store.store, zoe, place);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *quoted = g_shell_quote (f->dir);
  g_autofree char *command = g_strdup_printf ("rm -rf %s", quoted);

  store_fixture_teardown (&f->store, NULL);
  g_spawn_command_line_sync (command, NULL, NULL, NULL, &error);
  g_free (f->dir);
}

/* ── A small CSV reader (RFC 4180: quotes, doubled quotes, line breaks
 * inside quotes) for the files LibreOffice writes. ── */

static GPtrArray *
read_csv (const char *path, char separator)
{
  g_autofree char *contents = NULL;
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *row = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  const char *p;
  gboolean quoted = FALSE;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  p = contents;
  if (g_str_has_prefix (p, "\xEF\xBB\xBF"))
    p += 3;
  for (; *p != '\0'; p++)
    {
      if (quoted)
        {
          if (*p == '"' && p[1] == '"')
            {
              g_string_append_c (field, '"');
              p++;
            }
          else if (*p == '"')
            quoted = FALSE;
          else
            g_string_append_c (field, *p);
        }
      else if (*p == '"')
        quoted = TRUE;
      else if (*p == separator)
        {
          g_ptr_array_add (row, g_strdup (field->str));
          g_string_truncate (field, 0);
        }
      else if (*p == '\r')
        continue;
      else if (*p == '\n')
        {
          g_ptr_array_add (row, g_strdup (field->str));
          g_string_truncate (field, 0);
          g_ptr_array_add (rows, row);
          row = g_ptr_array_new_with_free_func (g_free);
        }
      else
        g_string_append_c (field, *p);
    }
  if (field->len > 0 || row->len > 0)
    {
      g_ptr_array_add (row, g_strdup (field->str));
      g_ptr_array_add (rows, row);
    }
  else
    g_ptr_array_unref (row);
  g_string_free (field, TRUE);
  return rows;
}

static const char *
cell (GPtrArray *rows, guint r, guint c)
{
  GPtrArray *row;

  g_assert_cmpuint (r, <, rows->len);
  row = g_ptr_array_index (rows, r);
  return c < row->len ? g_ptr_array_index (row, c) : "";
}

static int
column_of (GPtrArray *rows, guint header_row, const char *name)
{
  GPtrArray *row = g_ptr_array_index (rows, header_row);

  for (guint c = 0; c < row->len; c++)
    if (g_str_equal (g_ptr_array_index (row, c), name))
      return (int) c;
  g_error ("no column “%s”", name);
  return -1;
}

static char *
path_in (Fixture *f, const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

/* ── Without a spreadsheet ── */

static void
test_neutralise (void)
{
  static const char *const cases[][2] = {
    { "=1+1", "'=1+1" },
    { "+33 6", "'+33 6" },
    { "-", "'-" },
    { "@SUM(A1)", "'@SUM(A1)" },
    { "\tx", "'\tx" },
    { "Zoé", "Zoé" },
    { "1+1", "1+1" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *out = sillon_stats_neutralise (cases[i][0]);
      g_assert_cmpstr (out, ==, cases[i][1]);
    }
  g_assert_null (sillon_stats_neutralise (NULL));
}

/* The row of the activities export's headers: after the "Informations
 * export" block (7 rows), a blank row, the "Filtres" block (3 rows) and a
 * blank row, as in the Coop's own export. */
#define ACT 12

/* @date: the export's date as the file says it, or NULL when a spreadsheet
 * has read the dates as dates (then written in its own format). */
static void
check_export_information (GPtrArray *rows, const char *total, const char *date)
{
  static const char *const labels[][2] = {
    { "Informations export", NULL },
    { "Nom", "Martin-Durand" },
    { "Prénom", NULL },
    { "Rôle", "Médiateur" },
    { "Total", NULL },
    { "Date d'export", NULL },
    { "Heure d'export", NULL },
  };

  for (guint r = 0; r < G_N_ELEMENTS (labels); r++)
    {
      g_assert_cmpstr (cell (rows, r, 0), ==, labels[r][0]);
      if (labels[r][1] != NULL)
        g_assert_cmpstr (cell (rows, r, 1), ==, labels[r][1]);
    }
  g_assert_cmpstr (cell (rows, 4, 1), ==, total);
  if (date != NULL)
    g_assert_cmpstr (cell (rows, 5, 1), ==, date);
  g_assert_cmpstr (cell (rows, 7, 0), ==, "");
  g_assert_cmpstr (cell (rows, 8, 0), ==, "Filtres :");
  g_assert_cmpstr (cell (rows, 9, 0), ==, "Début de période");
  if (date != NULL)
    g_assert_cmpstr (cell (rows, 9, 1), ==, "01/01/2026");
  g_assert_cmpstr (cell (rows, 10, 0), ==, "Fin de période");
  if (date != NULL)
    g_assert_cmpstr (cell (rows, 10, 1), ==, "31/01/2026");
  g_assert_cmpstr (cell (rows, 11, 0), ==, "");
  g_assert_cmpstr (cell (rows, ACT, 0), ==, "Date");
}

static void
test_activities_csv (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = path_in (f, "activities.csv");
  g_autofree char *raw = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  struct stat st;
  guint rows_written = 0;

  g_autoptr (GDateTime) when = g_date_time_new_local (2026, 2, 3, 9, 5, 0);
  SillonStatsExporter exporter = { "Camille  Martin-Durand", NULL, when };

  g_assert_true (sillon_stats_export_activities (f->store.store, "2026-01-01", "2026-01-31", &exporter,
                                                 SILLON_STATS_FORMAT_CSV, path, &rows_written, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (rows_written, ==, 5);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (path, &raw, NULL, NULL));
  g_assert_true (g_str_has_prefix (raw, "\xEF\xBB\xBF"
                                        "Informations export\r\nNom;Martin-Durand\r\n"));

  rows = read_csv (path, ';');
  /* The Coop's head: who, how many, when; the filters; a blank row. */
  check_export_information (rows, "5", "03/02/2026");
  g_assert_cmpstr (cell (rows, 2, 1), ==, "Camille");
  g_assert_cmpstr (cell (rows, 6, 1), ==, "09:05");
  g_assert_true (g_str_has_prefix (strstr (raw, "\r\n\r\nDate;"), "\r\n\r\nDate;Enregistré le;"));
  g_assert_cmpuint (rows->len, ==, ACT + 6);
  g_assert_cmpstr (cell (rows, ACT + 0, column_of (rows, ACT, "Canaux d’accompagnement")), ==, "Canaux d’accompagnement");
  g_assert_cmpstr (cell (rows, ACT + 1, 0), ==, "05/01/2026");
  g_assert_cmpstr (cell (rows, ACT + 1, column_of (rows, ACT, "Bénéficiaire")), ==, "Zoé Lefèvre-Dupré");
  g_assert_cmpstr (cell (rows, ACT + 1, column_of (rows, ACT, "Participants")), ==, "1");
  g_assert_cmpstr (cell (rows, ACT + 1, column_of (rows, ACT, "Durée (min)")), ==, "45");
  g_assert_cmpstr (cell (rows, ACT + 1, column_of (rows, ACT, "Niveau d’autonomie (ou de l’atelier)")), ==, "2/3");
  g_assert_cmpstr (cell (rows, ACT + 1, column_of (rows, ACT, "Bénéficiaire réorienté")), ==, "Oui");
  g_assert_cmpstr (cell (rows, ACT + 1, column_of (rows, ACT, "Matériel numérique utilisé")), ==, "Ordinateur\nTéléphone");
  g_assert_cmpstr (cell (rows, ACT + 1, column_of (rows, ACT, "Notes supplémentaires")), ==, "'" FORMULA_NOTE);
  g_assert_cmpstr (cell (rows, ACT + 2, column_of (rows, ACT, "Bénéficiaire")), ==, "Anonyme");
  g_assert_cmpstr (cell (rows, ACT + 2, column_of (rows, ACT, "Notes supplémentaires")), ==, "'-");
  g_assert_cmpstr (cell (rows, ACT + 2, column_of (rows, ACT, "Durée (min)")), ==, "120");
  /* The workshop: one row per participant, named first, "i/N". */
  for (guint r = ACT + 3; r < ACT + 6; r++)
    {
      g_autofree char *expected = g_strdup_printf ("%u/3", r - ACT - 2);

      g_assert_cmpstr (cell (rows, r, column_of (rows, ACT, "Type")), ==, "Collectif");
      g_assert_cmpstr (cell (rows, r, column_of (rows, ACT, "Participants")), ==, expected);
      g_assert_cmpstr (cell (rows, r, column_of (rows, ACT, "Nom de l’atelier")), ==, "Atelier « arnaques » — niveau 1");
      g_assert_cmpstr (cell (rows, r, column_of (rows, ACT, "Niveau d’autonomie (ou de l’atelier)")), ==, "1/3");
      g_assert_cmpstr (cell (rows, r, column_of (rows, ACT, "ID CRA")), ==, cell (rows, ACT + 3, column_of (rows, ACT, "ID CRA")));
    }
  g_assert_cmpstr (cell (rows, ACT + 3, column_of (rows, ACT, "Bénéficiaire")), ==, "Zoé Lefèvre-Dupré");
  /* A session and a workshop read their place, date and duration from
   * other columns of their queries. */
  for (guint r = ACT + 1; r < ACT + 6; r += 2)
    {
      gboolean session = r == ACT + 1;

      g_assert_cmpstr (cell (rows, r, column_of (rows, ACT, "Date")), ==, session ? "05/01/2026" : "25/01/2026");
      g_assert_cmpstr (cell (rows, r, column_of (rows, ACT, "Durée (min)")), ==, session ? "45" : "90");
      g_assert_cmpstr (cell (rows, r, column_of (rows, ACT, "Nom du lieu")), ==, "Médiathèque Émile-Zola");
      g_assert_cmpstr (cell (rows, r, column_of (rows, ACT, "Adresse")), ==, "2 place de la Gare");
      g_assert_cmpstr (cell (rows, r, column_of (rows, ACT, "Commune")), ==, "Charleville-Mézières");
      g_assert_cmpstr (cell (rows, r, column_of (rows, ACT, "Code postal")), ==, "08000");
      g_assert_cmpstr (cell (rows, r, column_of (rows, ACT, "Code Insee")), ==, "08105");
    }
  g_assert_cmpstr (cell (rows, ACT + 4, column_of (rows, ACT, "Bénéficiaire")), ==, "Anonyme");
  g_assert_cmpstr (cell (rows, ACT + 5, column_of (rows, ACT, "Bénéficiaire")), ==, "Anonyme");

  /* Where nothing can be written: a clear error, nothing left behind. */
  g_assert_false (sillon_stats_export_activities (f->store.store, "2026-01-01", "2026-01-31", &exporter,
                                                  SILLON_STATS_FORMAT_CSV, "/nonexistent-folder/a.csv", NULL, &error));
  g_assert_error (error, SILLON_STATS_ERROR, SILLON_STATS_ERROR_IO);
}

static void
test_beneficiaries_csv (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = path_in (f, "people.csv");
  g_autoptr (GPtrArray) rows = NULL;
  guint written = 0, skipped = 0;

  g_assert_true (sillon_stats_export_beneficiaries (f->store.store, SILLON_STATS_FORMAT_CSV, path, &written, &skipped, &error));
  g_assert_cmpuint (written, ==, 1);
  g_assert_cmpuint (skipped, ==, 1);
  rows = read_csv (path, ';');
  /* Headers on row 3, data from row 4, the template's ten columns. */
  g_assert_cmpuint (rows->len, ==, 4);
  g_assert_cmpuint (((GPtrArray *) g_ptr_array_index (rows, 2))->len, ==, 10);
  g_assert_cmpstr (cell (rows, 2, 0), ==, "Nom");
  g_assert_cmpstr (cell (rows, 2, 9), ==, "Notes");
  g_assert_cmpstr (cell (rows, 3, 0), ==, "Lefèvre-Dupré");
  g_assert_cmpstr (cell (rows, 3, 2), ==, "1950");
  g_assert_cmpstr (cell (rows, 3, 4), ==, "08105");
  g_assert_cmpstr (cell (rows, 3, 6), ==, "'+33 6 12 34 56 78");
  g_assert_cmpstr (cell (rows, 3, 8), ==, "Féminin");
  g_assert_cmpstr (cell (rows, 3, 9), ==, "'@appeler le lundi");
}

static void
test_release_files (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonStatsRelease) release = sillon_stats_compute (f->store.store, "2026-01-01", "2026-01-31", &error);
  g_autofree char *csv = path_in (f, "stats.csv");
  g_autofree char *json_path = path_in (f, "stats.json");
  g_autofree char *xlsx = path_in (f, "stats.xlsx");
  g_autofree char *raw = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *root, *table = NULL;
  JsonArray *tables;
  SillonStatsFormat format;

  g_assert_true (sillon_stats_release_suppress (release, 11, &error));
  g_assert_true (sillon_stats_release_write (release, sillon_store_get_vocabulary (f->store.store), SILLON_STATS_FORMAT_CSV, csv, &error));
  g_assert_true (sillon_stats_release_write (release, sillon_store_get_vocabulary (f->store.store), SILLON_STATS_FORMAT_JSON, json_path, &error));
  g_assert_true (sillon_stats_release_write (release, sillon_store_get_vocabulary (f->store.store), SILLON_STATS_FORMAT_XLSX, xlsx, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_get_contents (csv, &raw, NULL, NULL));
  g_assert_true (g_str_has_prefix (raw, "\xEF\xBB\xBF"));
  g_assert_nonnull (strstr (raw, "semicolon (;)"));
  /* Four people: every non-zero cell is under k and hidden; zeros (no
   * referral at all) are nobody and stay published. */
  g_assert_nonnull (strstr (raw, "\r\nTotal;s\r\n"));
  g_assert_nonnull (strstr (raw, "\r\nTotal;0;0;0;0\r\n"));
  g_clear_pointer (&raw, g_free);
  g_assert_true (g_file_get_contents (xlsx, &raw, NULL, NULL));
  g_assert_true (g_str_has_prefix (raw, "PK"));

  g_assert_true (json_parser_load_from_file (parser, json_path, &error));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "protection"), ==, "suppression");
  g_assert_cmpint (json_object_get_int_member (root, "k"), ==, 11);
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "period"), "from"), ==, "2026-01-01");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (root, "generator"), "Sillon "));
  tables = json_object_get_array_member (root, "tables");
  for (guint i = 0; i < json_array_get_length (tables); i++)
    if (g_str_equal (json_object_get_string_member (json_array_get_object_element (tables, i), "id"), "ben_gender_age"))
      table = json_array_get_object_element (tables, i);
  g_assert_nonnull (table);
  /* Hidden cells are null, and listed with their reason. */
  g_assert_true (json_node_is_null (json_array_get_element (
      json_array_get_array_element (json_object_get_array_member (table, "cells"), 3), 8)));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (table, "suppressed")), >, 0);

  g_assert_false (sillon_stats_format_from_path ("stats.ods", &format, &error));
  g_assert_error (error, SILLON_STATS_ERROR, SILLON_STATS_ERROR_INVALID);
}

/* ── With LibreOffice ── */

static GPtrArray *
convert (Fixture *f, const char *name, gboolean from_csv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *input = path_in (f, name);
  g_autofree char *out_dir = path_in (f, from_csv ? "from-csv" : "from-xlsx");
  g_autofree char *profile = path_in (f, "lo-profile");
  g_autofree char *profile_arg = g_strconcat ("-env:UserInstallation=file://", profile, NULL);
  g_autofree char *base = g_strndup (name, strrchr (name, '.') - name);
  g_autofree char *output_name = g_strconcat (base, ".csv", NULL);
  g_autofree char *output = g_build_filename (out_dir, output_name, NULL);
  g_autofree char *errors = NULL;
  g_autofree char *output_text = NULL; /* kept off the TAP stream */
  int status = 0;
  /* Comma, double quote, UTF-8, cells "as shown" (dates as formatted). */
  const char *to_csv = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false";
  const char *argv_csv[] = { "soffice", profile_arg, "--headless", "--norestore", "--infilter=CSV:59,34,76,1",
                             "--convert-to", to_csv, "--outdir", out_dir, input, NULL };
  const char *argv_xlsx[] = { "soffice", profile_arg, "--headless", "--norestore",
                              "--convert-to", to_csv, "--outdir", out_dir, input, NULL };

  g_assert_true (g_spawn_sync (NULL, (char **) (from_csv ? argv_csv : argv_xlsx), NULL, G_SPAWN_SEARCH_PATH,
                               NULL, NULL, &output_text, &errors, &status, &error));
  g_assert_no_error (error);
  if (!g_file_test (output, G_FILE_TEST_EXISTS))
    g_error ("LibreOffice did not convert %s: %s", name, errors);
  return read_csv (output, ',');
}

static void
test_libreoffice (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *act_csv = path_in (f, "activities.csv");
  g_autofree char *act_xlsx = path_in (f, "activities.xlsx");
  g_autofree char *people_xlsx = path_in (f, "people.xlsx");
  g_autoptr (GPtrArray) rows = NULL;
  g_autofree char *soffice = g_find_program_in_path ("soffice");
  int note, place, duration, people_notes;
  g_autoptr (GDateTime) when = g_date_time_new_local (2026, 2, 3, 9, 5, 0);
  SillonStatsExporter exporter = { "Camille Martin-Durand", NULL, when };

  if (soffice == NULL)
    {
      g_test_skip ("LibreOffice (soffice) is not installed: build-aux/test installs libreoffice-calc-nogui");
      return;
    }
  g_assert_true (sillon_stats_export_activities (f->store.store, "2026-01-01", "2026-01-31", &exporter,
                                                 SILLON_STATS_FORMAT_CSV, act_csv, NULL, &error));
  g_assert_true (sillon_stats_export_activities (f->store.store, "2026-01-01", "2026-01-31", &exporter,
                                                 SILLON_STATS_FORMAT_XLSX, act_xlsx, NULL, &error));
  g_assert_true (sillon_stats_export_beneficiaries (f->store.store, SILLON_STATS_FORMAT_XLSX, people_xlsx, NULL, NULL, &error));
  g_assert_no_error (error);

  /* The XLSX: typed cells. */
  rows = convert (f, "activities.xlsx", FALSE);
  check_export_information (rows, "5", "03/02/2026"); /* a number, a date */
  note = column_of (rows, ACT, "Notes supplémentaires");
  place = column_of (rows, ACT, "Nom du lieu");
  duration = column_of (rows, ACT, "Durée (min)");
  g_assert_cmpuint (rows->len, ==, ACT + 6);
  g_assert_cmpstr (cell (rows, ACT + 1, 0), ==, "05/01/2026");                               /* a date, dd/mm/yyyy */
  g_assert_cmpstr (cell (rows, ACT + 1, duration), ==, "45");                                /* a number */
  g_assert_cmpstr (cell (rows, ACT + 1, place), ==, "Médiathèque Émile-Zola");               /* accents */
  g_assert_cmpstr (cell (rows, ACT + 1, column_of (rows, ACT, "Code postal")), ==, "08000"); /* text: the zero stays */
  g_assert_cmpstr (cell (rows, ACT + 1, note), ==, FORMULA_NOTE);                            /* text, never run */
  g_assert_cmpstr (cell (rows, ACT + 2, note), ==, "-");
  g_assert_cmpstr (cell (rows, ACT + 1, column_of (rows, ACT, "Thématique(s) d’accompagnement")), ==,
                   "E-mail\nSanté");
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* The beneficiaries' template: sheet "Bénéficiaires", data from row 4. */
  rows = convert (f, "people.xlsx", FALSE);
  g_assert_cmpuint (rows->len, ==, 4);
  people_notes = column_of (rows, 2, "Notes");
  g_assert_cmpstr (cell (rows, 3, 0), ==, "Lefèvre-Dupré");
  g_assert_cmpstr (cell (rows, 3, 1), ==, "Zoé");
  g_assert_cmpstr (cell (rows, 3, 2), ==, "1950");
  g_assert_cmpstr (cell (rows, 3, 6), ==, "+33 6 12 34 56 78");
  g_assert_cmpstr (cell (rows, 3, people_notes), ==, "@appeler le lundi");
  g_clear_pointer (&rows, g_ptr_array_unref);

  /* The CSV, as a French spreadsheet reads it (";", UTF-8): the note's
   * apostrophe keeps it text. */
  rows = convert (f, "activities.csv", TRUE);
  check_export_information (rows, "5", NULL); /* Calc reads the dates as dates */
  g_assert_cmpuint (rows->len, ==, ACT + 6);
  g_assert_cmpstr (cell (rows, ACT + 1, place), ==, "Médiathèque Émile-Zola");
  g_assert_cmpstr (cell (rows, ACT + 1, duration), ==, "45");
  g_assert_cmpstr (cell (rows, ACT + 1, note), ==, "'" FORMULA_NOTE);
  g_assert_cmpstr (cell (rows, ACT + 2, note), ==, "'-");
  g_assert_cmpstr (cell (rows, ACT + 1, column_of (rows, ACT, "Bénéficiaire")), ==, "Zoé Lefèvre-Dupré");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/stats-export/neutralise", test_neutralise);
  g_test_add ("/stats-export/activities-csv", Fixture, NULL, fixture_set_up, test_activities_csv, fixture_tear_down);
  g_test_add ("/stats-export/beneficiaries-csv", Fixture, NULL, fixture_set_up, test_beneficiaries_csv, fixture_tear_down);
  g_test_add ("/stats-export/release-files", Fixture, NULL, fixture_set_up, test_release_files, fixture_tear_down);
  g_test_add ("/stats-spreadsheet/libreoffice", Fixture, NULL, fixture_set_up, test_libreoffice, fixture_tear_down);
  return g_test_run ();
}
