/* sillon-stats-export.c — CSV, XLSX and JSON writers for statistics and for
 * the Coop-compatible exports
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * XLSX goes through libxlsxwriter (Debian's libxlsxwriter-dev): a small,
 * well-kept C library that writes what Excel and LibreOffice expect, which
 * a hand-made ZIP of XML would only approximate. It assembles the file
 * from temporary files: they are created in the folder of the file the
 * user chose (and unlinked at once), never in /tmp, so that personal data
 * only ever lands where the user decided to put it.
 */

#include "config.h"

#include "sillon-stats-export.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "sillon-json-member.h"
#include "sillon-stats-indicators.h"
#include "sillon-stats-private.h"
#include "sillon-version.h"
#include "sillon-vocabulary.h"

gboolean
sillon_stats_format_from_path (const char *path, SillonStatsFormat *out_format, GError **error)
{
  g_autofree char *lower = g_ascii_strdown (path, -1);

  if (g_str_has_suffix (lower, ".csv"))
    *out_format = SILLON_STATS_FORMAT_CSV;
  else if (g_str_has_suffix (lower, ".xlsx"))
    *out_format = SILLON_STATS_FORMAT_XLSX;
  else if (g_str_has_suffix (lower, ".json"))
    *out_format = SILLON_STATS_FORMAT_JSON;
  else
    {
      g_set_error (error, SILLON_STATS_ERROR, SILLON_STATS_ERROR_INVALID,
                   /* Translators: %s is a file name */
                   _ ("“%s”: the file name must end in .csv, .xlsx or .json"), path);
      return FALSE;
    }
  return TRUE;
}

char *
sillon_stats_neutralise (const char *text)
{
  if (text != NULL && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' ||
                       text[0] == '\t' || text[0] == '\r'))
    return g_strconcat ("'", text, NULL);
  return g_strdup (text);
}

/* ── One writer, two formats ──────────────────────────────────────────── */

typedef struct
{
  SillonStatsFormat format;
  char *path;
  char *partial; /* CSV: written here, renamed over @path when complete */
  FILE *csv;
  guint csv_sheets;
  gboolean row_started;
  lxw_workbook *book;
  lxw_worksheet *sheet;
  lxw_format *date_format;
  lxw_format *bold;
  lxw_format *wrap;
  guint row, col;
} Writer;

static void
set_io_error (GError **error, const char *path, const char *why)
{
  g_set_error (error, SILLON_STATS_ERROR, SILLON_STATS_ERROR_IO,
               /* Translators: %s are a file name and the reason */
               _ ("Could not write “%s”: %s"), path, why);
}

static Writer *
writer_new (SillonStatsFormat format, const char *path, GError **error)
{
  Writer *w = g_new0 (Writer, 1);

  w->format = format;
  w->path = g_strdup (path);
  if (format == SILLON_STATS_FORMAT_CSV)
    {
      int fd;

      w->partial = g_strconcat (path, ".part", NULL);
      /* Readable by the owner only: these files may hold personal data. */
      fd = g_open (w->partial, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
      if (fd < 0 || (w->csv = fdopen (fd, "w")) == NULL)
        {
          set_io_error (error, path, g_strerror (errno));
          if (fd >= 0)
            close (fd);
          g_free (w->partial);
          g_free (w->path);
          g_free (w);
          return NULL;
        }
      /* The BOM tells spreadsheets the file is UTF-8. */
      fputs ("\xEF\xBB\xBF", w->csv);
    }
  else
    {
      g_autofree char *dir = g_path_get_dirname (path);
      lxw_workbook_options options = { 0 };
      int fd;

      /* Created 0600 first: libxlsxwriter keeps the mode of an existing
       * file it truncates. */
      fd = g_open (path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
      if (fd < 0)
        {
          set_io_error (error, path, g_strerror (errno));
          g_free (w->path);
          g_free (w);
          return NULL;
        }
      close (fd);
      options.tmpdir = dir;
      w->book = workbook_new_opt (path, &options);
      if (w->book == NULL)
        {
          set_io_error (error, path, g_strerror (errno));
          g_free (w->path);
          g_free (w);
          return NULL;
        }
      w->date_format = workbook_add_format (w->book);
      format_set_num_format (w->date_format, "dd/mm/yyyy");
      w->bold = workbook_add_format (w->book);
      format_set_bold (w->bold);
      w->wrap = workbook_add_format (w->book);
      format_set_text_wrap (w->wrap);
    }
  return w;
}

/* Excel's limit: 31 characters, none of []:*?/\ . */
static char *
sheet_name (const char *name)
{
  GString *s = g_string_new (NULL);

  for (const char *p = name; *p != '\0' && g_utf8_strlen (s->str, -1) < 31; p = g_utf8_next_char (p))
    {
      gunichar ch = g_utf8_get_char (p);

      if (strchr ("[]:*?/\\", (int) ch) != NULL && ch < 128)
        ch = '_';
      g_string_append_unichar (s, ch);
    }
  return g_string_free (s, FALSE);
}

static void
writer_sheet (Writer *w, const char *name)
{
  if (w->format == SILLON_STATS_FORMAT_CSV)
    {
      if (w->csv_sheets++ > 0)
        fputs ("\r\n", w->csv);
    }
  else
    {
      g_autofree char *safe = sheet_name (name);

      w->sheet = workbook_add_worksheet (w->book, safe);
    }
  w->row = 0;
  w->col = 0;
}

static void
csv_separator (Writer *w)
{
  if (w->col > 0)
    fputc (';', w->csv);
}

static void
csv_field (Writer *w, const char *text)
{
  csv_separator (w);
  if (strpbrk (text, ";\"\r\n") != NULL || (text[0] == ' ') ||
      (text[0] != '\0' && text[strlen (text) - 1] == ' '))
    {
      fputc ('"', w->csv);
      for (const char *p = text; *p != '\0'; p++)
        {
          if (*p == '"')
            fputc ('"', w->csv);
          fputc (*p, w->csv);
        }
      fputc ('"', w->csv);
    }
  else
    fputs (text, w->csv);
}

/* @user_text: free text someone typed, which may look like a formula. */
static void
writer_text (Writer *w, const char *text, gboolean user_text)
{
  if (text == NULL)
    text = "";
  if (w->format == SILLON_STATS_FORMAT_CSV)
    {
      g_autofree char *safe = user_text ? sillon_stats_neutralise (text) : g_strdup (text);
      csv_field (w, safe);
    }
  else if (*text != '\0')
    /* A string cell is never evaluated, whatever its first character. */
    worksheet_write_string (w->sheet, w->row, w->col, text, strchr (text, '\n') != NULL ? w->wrap : NULL);
  w->col++;
}

static void
writer_bold (Writer *w, const char *text)
{
  if (w->format == SILLON_STATS_FORMAT_CSV)
    csv_field (w, text);
  else
    worksheet_write_string (w->sheet, w->row, w->col, text, w->bold);
  w->col++;
}

static void
writer_number (Writer *w, gint64 value)
{
  if (w->format == SILLON_STATS_FORMAT_CSV)
    {
      char buffer[32];

      g_snprintf (buffer, sizeof buffer, "%" G_GINT64_FORMAT, value);
      csv_field (w, buffer);
    }
  else
    worksheet_write_number (w->sheet, w->row, w->col, (double) value, NULL);
  w->col++;
}

/* @iso: YYYY-MM-DD; written as a date (dd/mm/yyyy, as the Coop does). */
static void
writer_date (Writer *w, const char *iso)
{
  if (iso == NULL || strlen (iso) < 10)
    {
      writer_text (w, NULL, FALSE);
      return;
    }
  if (w->format == SILLON_STATS_FORMAT_CSV)
    {
      char buffer[16];

      g_snprintf (buffer, sizeof buffer, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
      csv_field (w, buffer);
    }
  else
    {
      lxw_datetime dt = { 0 };

      dt.year = atoi (iso);
      dt.month = atoi (iso + 5);
      dt.day = atoi (iso + 8);
      worksheet_write_datetime (w->sheet, w->row, w->col, &dt, w->date_format);
    }
  w->col++;
}

static void
writer_end_row (Writer *w)
{
  if (w->format == SILLON_STATS_FORMAT_CSV)
    fputs ("\r\n", w->csv);
  w->row++;
  w->col = 0;
}

static void
writer_abort (Writer *w)
{
  if (w == NULL)
    return;
  if (w->csv != NULL)
    {
      fclose (w->csv);
      g_remove (w->partial);
    }
  if (w->book != NULL)
    {
      /* libxlsxwriter has no way to drop a workbook but closing it. */
      workbook_close (w->book);
      g_remove (w->path);
    }
  g_free (w->partial);
  g_free (w->path);
  g_free (w);
}

static gboolean
writer_close (Writer *w, GError **error)
{
  gboolean ok = TRUE;

  if (w->format == SILLON_STATS_FORMAT_CSV)
    {
      if (fflush (w->csv) != 0 || fsync (fileno (w->csv)) != 0 || ferror (w->csv))
        {
          set_io_error (error, w->path, g_strerror (errno));
          ok = FALSE;
        }
      fclose (w->csv);
      w->csv = NULL;
      if (ok && g_rename (w->partial, w->path) != 0)
        {
          set_io_error (error, w->path, g_strerror (errno));
          ok = FALSE;
        }
      if (!ok)
        g_remove (w->partial);
    }
  else
    {
      lxw_error rc = workbook_close (w->book);

      w->book = NULL;
      if (rc != LXW_NO_ERROR)
        {
          set_io_error (error, w->path, lxw_strerror (rc));
          g_remove (w->path);
          ok = FALSE;
        }
    }
  g_free (w->partial);
  g_free (w->path);
  g_free (w);
  return ok;
}

/* Closes @w if @all_read, every row having been read from @db; otherwise
 * drops what @w wrote and sets @db's error. Frees @w either way. */
static gboolean
writer_finish (Writer *w, sqlite3 *db, gboolean all_read, GError **error)
{
  if (!all_read)
    {
      sillon_stats_set_sql_error (db, error);
      writer_abort (w);
      return FALSE;
    }
  return writer_close (w, error);
}

static gboolean
write_text_file (const char *path, const char *contents, GError **error)
{
  g_autoptr (GError) local = NULL;

  if (!g_file_set_contents_full (path, contents, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &local))
    {
      set_io_error (error, path, local->message);
      return FALSE;
    }
  return TRUE;
}

/* ── Publishable tables ───────────────────────────────────────────────── */

static const char *
mode_id (SillonStatsMode mode)
{
  return mode == SILLON_STATS_MODE_NOISE         ? "differential-privacy"
         : mode == SILLON_STATS_MODE_SUPPRESSION ? "suppression"
                                                 : "exact";
}

/* What is published in a cell: FALSE when hidden. */
static gboolean
published_value (SillonStatsRelease *release, SillonStatsTable *table, guint r, guint c, gint64 *out)
{
  SillonStatsVar *var = sillon_stats_release_get_var (release, sillon_stats_table_cell (table, r, c));

  if (release->mode == SILLON_STATS_MODE_NOISE)
    {
      if (table->noisy == NULL)
        return FALSE;
      *out = table->noisy[r * table->n_cols + c];
      return TRUE;
    }
  if (release->mode == SILLON_STATS_MODE_SUPPRESSION && var->status != SILLON_STATS_CELL_PUBLISHED)
    return FALSE;
  *out = var->value;
  return TRUE;
}

static gboolean
table_is_published (SillonStatsRelease *release, SillonStatsTable *table)
{
  return release->mode != SILLON_STATS_MODE_NOISE || table->noisy != NULL;
}

static char *
epsilon_text (gint64 micro)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ".%06" G_GINT64_FORMAT, micro / 1000000, micro % 1000000);
}

char *
sillon_stats_release_to_json (SillonStatsRelease *release, SillonVocabulary *vocabulary)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *generator_name = g_strdup_printf ("Sillon %s", sillon_version ());

  json_builder_begin_object (b);
  sillon_json_add_string_member (b, "format", "sillon-statistics");
  sillon_json_add_int_member (b, "format_version", 1);
  sillon_json_add_string_member (b, "generator", generator_name);
  json_builder_set_member_name (b, "period");
  json_builder_begin_object (b);
  sillon_json_add_string_member (b, "from", release->from);
  sillon_json_add_string_member (b, "to", release->to);
  json_builder_end_object (b);
  sillon_json_add_string_member (b, "protection", mode_id (release->mode));
  if (release->mode == SILLON_STATS_MODE_SUPPRESSION)
    {
      sillon_json_add_int_member (b, "k", release->k);
      sillon_json_add_string_member (b, "method", "frequency rule on distinct people; secondary suppression audited by linear programming");
    }
  if (release->mode == SILLON_STATS_MODE_NOISE)
    {
      g_autofree char *eps = epsilon_text (release->epsilon_micro);

      sillon_json_add_string_member (b, "epsilon", eps);
      sillon_json_add_string_member (b, "mechanism", "discrete Laplace (two-sided geometric), libsodium CSPRNG, budget split evenly over the tables");
    }
  sillon_json_add_int_member (b, "sites", release->n_sites);

  json_builder_set_member_name (b, "tables");
  json_builder_begin_array (b);
  for (guint t = 0; t < release->tables->len; t++)
    {
      SillonStatsTable *table = g_ptr_array_index (release->tables, t);

      if (!table_is_published (release, table))
        continue;
      json_builder_begin_object (b);
      sillon_json_add_string_member (b, "id", table->id);
      sillon_json_add_string_member (b, "title", _ (table->title));
      sillon_json_add_string_member (b, "measure", sillon_stats_measure_to_id (table->measure));
      for (guint axis = 0; axis < 2; axis++)
        {
          GPtrArray *cats = axis == 0 ? table->rows : table->cols;
          const char *dim = axis == 0 ? table->row_dim : table->col_dim;

          json_builder_set_member_name (b, axis == 0 ? "rows" : "columns");
          json_builder_begin_object (b);
          sillon_json_add_string_member (b, "dimension", dim);
          json_builder_set_member_name (b, "categories");
          json_builder_begin_array (b);
          for (guint i = 0; i < cats->len; i++)
            {
              json_builder_begin_object (b);
              sillon_json_add_string_member (b, "id", g_ptr_array_index (cats, i));
              sillon_json_add_string_member (b, "label", sillon_stats_category_label (vocabulary, dim, g_ptr_array_index (cats, i)));
              json_builder_end_object (b);
            }
          json_builder_end_array (b);
          json_builder_end_object (b);
        }
      /* Cells row by row; the last row and column are the totals. */
      json_builder_set_member_name (b, "cells");
      json_builder_begin_array (b);
      for (guint r = 0; r < table->n_rows; r++)
        {
          json_builder_begin_array (b);
          for (guint c = 0; c < table->n_cols; c++)
            {
              gint64 value;

              if (published_value (release, table, r, c, &value))
                json_builder_add_int_value (b, value);
              else
                json_builder_add_null_value (b);
            }
          json_builder_end_array (b);
        }
      json_builder_end_array (b);
      if (release->mode == SILLON_STATS_MODE_SUPPRESSION)
        {
          json_builder_set_member_name (b, "suppressed");
          json_builder_begin_array (b);
          for (guint r = 0; r < table->n_rows; r++)
            for (guint c = 0; c < table->n_cols; c++)
              {
                SillonStatsVar *var = sillon_stats_release_get_var (release, sillon_stats_table_cell (table, r, c));

                if (var->status == SILLON_STATS_CELL_PUBLISHED)
                  continue;
                json_builder_begin_object (b);
                sillon_json_add_int_member (b, "row", r);
                sillon_json_add_int_member (b, "column", c);
                sillon_json_add_string_member (b, "reason", var->status == SILLON_STATS_CELL_PRIMARY ? "primary: fewer than k people" : "secondary: protects a primary cell");
                json_builder_end_object (b);
              }
          json_builder_end_array (b);
        }
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}

static void
write_metadata (Writer *w, SillonStatsRelease *release)
{
  g_autofree char *generator = g_strdup_printf ("Sillon %s", sillon_version ());
  char k[16];

  writer_bold (w, _ ("Sillon — statistics"));
  writer_end_row (w);
  writer_text (w, _ ("Period"), FALSE);
  writer_date (w, release->from);
  writer_date (w, release->to);
  writer_end_row (w);
  writer_text (w, _ ("Generator"), FALSE);
  writer_text (w, generator, FALSE);
  writer_end_row (w);
  if (w->format == SILLON_STATS_FORMAT_CSV)
    {
      writer_text (w, _ ("Field separator"), FALSE);
      writer_text (w, _ ("semicolon (;), UTF-8"), FALSE);
      writer_end_row (w);
    }
  writer_text (w, _ ("Protection"), FALSE);
  writer_text (w, mode_id (release->mode), FALSE);
  writer_end_row (w);
  if (release->mode == SILLON_STATS_MODE_SUPPRESSION)
    {
      g_snprintf (k, sizeof k, "%u", release->k);
      writer_text (w, _ ("Threshold k (distinct people)"), FALSE);
      writer_text (w, k, FALSE);
      writer_end_row (w);
      writer_text (w, "s", FALSE);
      writer_text (w, _ ("hidden to protect people (fewer than k, or would let one be recomputed)"), FALSE);
      writer_end_row (w);
    }
  if (release->mode == SILLON_STATS_MODE_NOISE)
    {
      g_autofree char *eps = epsilon_text (release->epsilon_micro);

      writer_text (w, _ ("Differential privacy ε"), FALSE);
      writer_text (w, eps, FALSE);
      writer_end_row (w);
    }
  if (release->n_sites > 0)
    {
      writer_text (w, _ ("Sites merged"), FALSE);
      writer_number (w, release->n_sites);
      writer_end_row (w);
    }
}

static void
write_table (Writer *w, SillonStatsRelease *release, SillonVocabulary *vocabulary, SillonStatsTable *table)
{
  writer_bold (w, _ (table->title));
  writer_end_row (w);
  writer_text (w, sillon_stats_dimension_label (table->row_dim), FALSE);
  for (guint c = 0; c < table->cols->len; c++)
    writer_text (w, sillon_stats_category_label (vocabulary, table->col_dim, g_ptr_array_index (table->cols, c)), FALSE);
  writer_text (w, _ ("Total"), FALSE);
  writer_end_row (w);
  for (guint r = 0; r < table->n_rows; r++)
    {
      writer_text (w, r < table->rows->len ? sillon_stats_category_label (vocabulary, table->row_dim, g_ptr_array_index (table->rows, r)) : _ ("Total"),
                   FALSE);
      for (guint c = 0; c < table->n_cols; c++)
        {
          gint64 value;

          if (published_value (release, table, r, c, &value))
            writer_number (w, value);
          else
            writer_text (w, "s", FALSE);
        }
      writer_end_row (w);
    }
}

gboolean
sillon_stats_release_write (SillonStatsRelease *release,
                            SillonVocabulary *vocabulary,
                            SillonStatsFormat format,
                            const char *path,
                            GError **error)
{
  Writer *w;

  if (format == SILLON_STATS_FORMAT_JSON)
    {
      g_autofree char *json = sillon_stats_release_to_json (release, vocabulary);
      return write_text_file (path, json, error);
    }
  w = writer_new (format, path, error);
  if (w == NULL)
    return FALSE;
  /* Translators: a spreadsheet sheet name, at most 31 characters */
  writer_sheet (w, _ ("About"));
  write_metadata (w, release);
  for (guint t = 0; t < release->tables->len; t++)
    {
      SillonStatsTable *table = g_ptr_array_index (release->tables, t);

      if (!table_is_published (release, table))
        continue;
      if (format == SILLON_STATS_FORMAT_XLSX)
        writer_sheet (w, table->id);
      else
        writer_end_row (w);
      write_table (w, release, vocabulary, table);
    }
  return writer_close (w, error);
}

/* ── The Coop's activities export ─────────────────────────────────────── */

/* The Coop's headers, typographic apostrophes (U+2019) included. */
static const char *const activity_headers[] = {
  "Date",
  "Enregistré le",
  "Dernière modification le",
  "Type",
  "Participants",
  "Bénéficiaire",
  "Canaux d’accompagnement",
  "Nom du lieu",
  "Adresse",
  "Commune",
  "Code postal",
  "Code Insee",
  "Durée (min)",
  "Nom de l’atelier",
  "Matériel numérique utilisé",
  "Thématique(s) d’accompagnement",
  "Tags",
  "Nom de la démarche administrative",
  "Niveau d’autonomie (ou de l’atelier)",
  "Bénéficiaire réorienté",
  "Structure de redirection",
  "Commune du bénéficiaire",
  "Code postal du bénéficiaire",
  "Code Insee du bénéficiaire",
  "Genre du bénéficiaire",
  "Tranche d’âge du bénéficiaire",
  "Statut du bénéficiaire",
  "Notes supplémentaires",
  "ID CRA",
};

typedef struct
{
  SillonVocabulary *vocabulary;
  GDate reference;
} Labels;

static const char *
label_of (Labels *l, const char *enumeration, const char *api)
{
  const char *label;

  if (api == NULL)
    return NULL;
  label = sillon_vocabulary_get_label (l->vocabulary, enumeration, api, NULL);
  return label != NULL ? label : api;
}

/* Multi-valued cells: one value per line, as the Coop writes them. */
static char *
labels_of_json (Labels *l, const char *enumeration, const char *json, const char *enumeration2, const char *json2)
{
  GString *s = g_string_new (NULL);

  for (guint k = 0; k < 2; k++)
    {
      const char *text = k == 0 ? json : json2;
      const char *e = k == 0 ? enumeration : enumeration2;
      g_autoptr (JsonParser) parser = json_parser_new ();
      JsonNode *root;

      if (text == NULL || e == NULL || !json_parser_load_from_data (parser, text, -1, NULL) ||
          (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_ARRAY (root))
        continue;
      for (guint i = 0; i < json_array_get_length (json_node_get_array (root)); i++)
        {
          const char *api = json_array_get_string_element (json_node_get_array (root), i);

          if (api == NULL)
            continue;
          if (s->len > 0)
            g_string_append_c (s, '\n');
          g_string_append (s, label_of (l, e, api));
        }
    }
  return g_string_free (s, FALSE);
}

static const char *
stars_of (const char *enumeration, const char *api)
{
  static const char *const levels[][2] = {
    { "entierement_accompagne", "1/3" },
    { "partiellement_autonome", "2/3" },
    { "autonome", "3/3" },
    { "debutant", "1/3" },
    { "intermediaire", "2/3" },
    { "avance", "3/3" },
  };

  for (guint i = 0; api != NULL && i < G_N_ELEMENTS (levels); i++)
    if (g_str_equal (levels[i][0], api))
      return levels[i][1];
  return NULL;
}

typedef struct
{
  const char *date;
  const char *type;
  char *participants;
  char *beneficiary;
  const char *place_type;
  const char *place_name, *address, *commune, *postal_code, *insee;
  gint64 duration;
  const char *workshop;
  const char *equipment_json;
  const char *themes_json;
  const char *admin_json;
  const char *admin_detail;
  const char *level;
  gboolean referred;
  const char *destination;
  const char *b_insee;
  const char *gender;
  const char *age;
  const char *status;
  const char *notes;
  char *id;
} ActivityRow;

static void
write_activity (Writer *w, Labels *l, ActivityRow *a)
{
  g_autofree char *equipment = labels_of_json (l, "Materiel", a->equipment_json, NULL, NULL);
  g_autofree char *themes = labels_of_json (l, "Thematique_mediation_numerique", a->themes_json,
                                            "Thematique_demarches_administratives", a->admin_json);

  writer_date (w, a->date);
  /* Sillon does not keep when a session was typed in nor last changed. */
  writer_text (w, NULL, FALSE);
  writer_text (w, NULL, FALSE);
  writer_text (w, a->type, FALSE);
  writer_text (w, a->participants, FALSE);
  writer_text (w, a->beneficiary, TRUE);
  writer_text (w, label_of (l, "TypeLieu", a->place_type), FALSE);
  writer_text (w, a->place_name, TRUE);
  writer_text (w, a->address, TRUE);
  writer_text (w, a->commune, TRUE);
  writer_text (w, a->postal_code, TRUE);
  writer_text (w, a->insee, TRUE);
  writer_number (w, a->duration);
  writer_text (w, a->workshop, TRUE);
  writer_text (w, equipment, FALSE);
  writer_text (w, themes, FALSE);
  writer_text (w, NULL, FALSE); /* Sillon has no tags */
  writer_text (w, a->admin_detail, TRUE);
  writer_text (w, a->level, FALSE);
  writer_text (w, a->referred ? "Oui" : "Non", FALSE);
  writer_text (w, label_of (l, "StructureDeRedirection", a->destination), FALSE);
  /* Sillon keeps the INSEE code only; the commune's name and postal code
   * are left to the Coop's own lookup. */
  writer_text (w, NULL, FALSE);
  writer_text (w, NULL, FALSE);
  writer_text (w, a->b_insee, TRUE);
  writer_text (w, label_of (l, "Genre", a->gender), FALSE);
  writer_text (w, label_of (l, "TrancheAge", a->age), FALSE);
  writer_text (w, label_of (l, "StatutSocial", a->status), FALSE);
  writer_text (w, a->notes, TRUE);
  writer_text (w, a->id, FALSE);
  writer_end_row (w);
}

static char *
person_name (sqlite3_stmt *stmt, int col)
{
  const char *first = (const char *) sqlite3_column_text (stmt, col);
  const char *last = (const char *) sqlite3_column_text (stmt, col + 1);

  if (first == NULL && last == NULL)
    return g_strdup ("Anonyme");
  return g_strstrip (g_strdup_printf ("%s %s", first != NULL ? first : "", last != NULL ? last : ""));
}

static const char *
age_of (Labels *l, sqlite3_stmt *stmt, int col)
{
  int year = sqlite3_column_type (stmt, col) == SQLITE_NULL ? 0 : sqlite3_column_int (stmt, col);

  return sillon_vocabulary_age_bracket (l->vocabulary, year > 0 ? year : SILLON_VOCABULARY_BIRTH_YEAR_UNKNOWN,
                                        &l->reference, NULL);
}

/* The number of rows the export will have: the sessions, and each
 * workshop's named and anonymous participants. */
static gboolean
count_accompaniments (sqlite3 *db, const char *from, const char *to, gint64 *out_total, GError **error)
{
  static const char sql[] =
      "SELECT (SELECT count(*) FROM sessions s JOIN beneficiaries b ON b.id = s.beneficiary_id"
      "         WHERE s.date BETWEEN ?1 AND ?2)"
      "     + (SELECT count(*) FROM workshop_attendance wa JOIN workshops w ON w.id = wa.workshop_id"
      "          JOIN beneficiaries b ON b.id = wa.beneficiary_id WHERE w.date BETWEEN ?1 AND ?2)"
      "     + (SELECT coalesce(sum(anon_total), 0) FROM workshops WHERE date BETWEEN ?1 AND ?2)";
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  ok = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK &&
       sqlite3_bind_text (stmt, 1, from, -1, SQLITE_STATIC) == SQLITE_OK &&
       sqlite3_bind_text (stmt, 2, to, -1, SQLITE_STATIC) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW;
  if (ok)
    *out_total = sqlite3_column_int64 (stmt, 0);
  else
    sillon_stats_set_sql_error (db, error);
  sqlite3_finalize (stmt);
  return ok;
}

/* A label and its value, as the Coop's blocks are laid out. */
static void
write_pair (Writer *w, const char *label, const char *value)
{
  writer_text (w, label, FALSE);
  writer_text (w, value, TRUE);
  writer_end_row (w);
}

/* The head of the Coop's activities export: who exported how many rows
 * and when, then the filters (here the period), then a blank row. */
static void
write_export_information (Writer *w,
                          const SillonStatsExporter *exporter,
                          const char *from,
                          const char *to,
                          gint64 total)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  GDateTime *when = exporter != NULL && exporter->exported_at != NULL ? exporter->exported_at : now;
  g_autofree char *date = g_date_time_format (when, "%d/%m/%Y");
  g_autofree char *first_day = g_strdup_printf ("%.2s/%.2s/%.4s", from + 8, from + 5, from);
  g_autofree char *last_day = g_strdup_printf ("%.2s/%.2s/%.4s", to + 8, to + 5, to);
  g_autofree char *time = g_date_time_format (when, "%H:%M");
  g_autofree char *name = g_strdup (exporter != NULL && exporter->display_name != NULL ? exporter->display_name : "");
  const char *role = exporter != NULL && exporter->role != NULL ? exporter->role : "Médiateur";
  char *space;
  const char *first = "", *last;

  /* Sillon keeps one name per mediator: the first word is taken for the
   * first name, the rest for the last name. */
  g_strstrip (name);
  space = strchr (name, ' ');
  if (space != NULL)
    {
      *space = '\0';
      first = name;
      last = g_strchug (space + 1);
    }
  else
    last = name;

  writer_bold (w, "Informations export");
  writer_end_row (w);
  write_pair (w, "Nom", last);
  write_pair (w, "Prénom", first);
  write_pair (w, "Rôle", role);
  writer_text (w, "Total", FALSE);
  writer_number (w, total);
  writer_end_row (w);
  /* The block's dates and time are text, as the Coop writes them. */
  write_pair (w, "Date d'export", date);
  write_pair (w, "Heure d'export", time);
  writer_end_row (w);
  writer_bold (w, "Filtres :");
  writer_end_row (w);
  write_pair (w, "Début de période", first_day);
  write_pair (w, "Fin de période", last_day);
  writer_end_row (w);
}

#define T(col) ((const char *) sqlite3_column_text (stmt, (col)))
#define TW(col) ((const char *) sqlite3_column_text (ws, (col)))

/* What a session's row and a workshop's have in the same columns: the
 * date, duration, place type, equipment and themes (1 to 5), and the
 * place's name, address, commune, postal code and INSEE code from
 * @place_col on. */
static void
fill_activity_columns (ActivityRow *a, sqlite3_stmt *stmt, int place_col)
{
  a->date = T (1);
  a->duration = sqlite3_column_int64 (stmt, 2);
  a->place_type = T (3);
  a->equipment_json = T (4);
  a->themes_json = T (5);
  a->place_name = T (place_col);
  a->address = T (place_col + 1);
  a->commune = T (place_col + 2);
  a->postal_code = T (place_col + 3);
  a->insee = T (place_col + 4);
}

gboolean
sillon_stats_export_activities (SillonStore *store,
                                const char *from,
                                const char *to,
                                const SillonStatsExporter *exporter,
                                SillonStatsFormat format,
                                const char *path,
                                guint *out_rows,
                                GError **error)
{
  static const char sql_sessions[] =
      "SELECT s.id, s.date, s.duration_minutes, s.place_type, s.equipment, s.themes, s.admin_themes,"
      "       s.admin_detail, s.autonomy, s.referred, s.referral_destination, s.notes,"
      "       b.first_name, b.last_name, b.birth_year, b.gender, b.social_status, b.commune_insee,"
      "       p.nom, p.adresse, p.commune, p.code_postal, p.code_insee"
      "  FROM sessions s JOIN beneficiaries b ON b.id = s.beneficiary_id"
      "  LEFT JOIN places p ON p.id = s.place_id"
      " WHERE s.date BETWEEN ?1 AND ?2 ORDER BY s.date, s.id";
  static const char sql_workshops[] =
      "SELECT w.id, w.date, w.duration_minutes, w.place_type, w.equipment, w.themes, w.title, w.level,"
      "       w.notes, w.anon_total, p.nom, p.adresse, p.commune, p.code_postal, p.code_insee"
      "  FROM workshops w LEFT JOIN places p ON p.id = w.place_id"
      " WHERE w.date BETWEEN ?1 AND ?2 ORDER BY w.date, w.id";
  static const char sql_attendees[] =
      "SELECT b.first_name, b.last_name, b.birth_year, b.gender, b.social_status, b.commune_insee"
      "  FROM workshop_attendance wa JOIN beneficiaries b ON b.id = wa.beneficiary_id"
      " WHERE wa.workshop_id = ?1 ORDER BY b.id";
  sqlite3 *db = sillon_store_get_db (store);
  sqlite3_stmt *stmt = NULL, *ws = NULL, *att = NULL;
  Writer *w = NULL;
  Labels l;
  int src = SQLITE_ROW, wrc = SQLITE_ROW;
  guint rows = 0;
  gint64 expected_rows = 0;
  gboolean ok = FALSE;

  l.vocabulary = sillon_store_get_vocabulary (store);
  g_date_clear (&l.reference, 1);
  g_date_set_dmy (&l.reference, atoi (to + 8), atoi (to + 5), atoi (to));

  if (sqlite3_prepare_v2 (db, sql_sessions, -1, &stmt, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, sql_workshops, -1, &ws, NULL) != SQLITE_OK ||
      sqlite3_prepare_v2 (db, sql_attendees, -1, &att, NULL) != SQLITE_OK)
    {
      sillon_stats_set_sql_error (db, error);
      goto out;
    }
  if (!count_accompaniments (db, from, to, &expected_rows, error))
    goto out;
  w = writer_new (format == SILLON_STATS_FORMAT_XLSX ? format : SILLON_STATS_FORMAT_CSV, path, error);
  if (w == NULL)
    goto out;
  writer_sheet (w, "Activités");
  write_export_information (w, exporter, from, to, expected_rows);
  for (guint i = 0; i < G_N_ELEMENTS (activity_headers); i++)
    writer_bold (w, activity_headers[i]);
  writer_end_row (w);

  for (sqlite3_stmt *s = stmt; s != NULL; s = s == stmt ? ws : NULL)
    {
      sqlite3_bind_text (s, 1, from, -1, SQLITE_STATIC);
      sqlite3_bind_text (s, 2, to, -1, SQLITE_STATIC);
    }
  src = sqlite3_step (stmt);
  wrc = sqlite3_step (ws);
  /* Sessions and workshops merged by date. */
  while (src == SQLITE_ROW || wrc == SQLITE_ROW)
    {
      gboolean session = src == SQLITE_ROW && (wrc != SQLITE_ROW || strcmp (T (1), TW (1)) <= 0);

      if (session)
        {
          ActivityRow a = { 0 };
          char *bracket = (char *) age_of (&l, stmt, 14);

          fill_activity_columns (&a, stmt, 18);
          a.type = "Individuel";
          a.participants = g_strdup ("1");
          a.beneficiary = person_name (stmt, 12);
          a.admin_json = T (6);
          a.admin_detail = T (7);
          a.level = stars_of ("Autonomie", T (8));
          a.referred = sqlite3_column_int (stmt, 9) != 0;
          a.destination = T (10);
          a.notes = T (11);
          a.b_insee = T (17);
          a.gender = T (15);
          a.age = bracket;
          a.status = T (16);
          a.id = g_strdup_printf ("sillon-session-%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 0));
          write_activity (w, &l, &a);
          g_free (a.participants);
          g_free (a.beneficiary);
          g_free (a.id);
          rows++;
          src = sqlite3_step (stmt);
        }
      else
        {
          gint64 id = sqlite3_column_int64 (ws, 0);
          guint anonymous = sqlite3_column_int (ws, 9);
          g_autoptr (GPtrArray) named = g_ptr_array_new_with_free_func (g_free);
          guint total;
          int arc;
          ActivityRow a = { 0 };

          fill_activity_columns (&a, ws, 10);
          a.type = "Collectif";
          a.workshop = TW (6);
          a.level = stars_of ("NiveauAtelier", TW (7));
          a.notes = TW (8);
          a.id = g_strdup_printf ("sillon-atelier-%" G_GINT64_FORMAT, id);

          sqlite3_reset (att);
          sqlite3_bind_int64 (att, 1, id);
          /* The count first: "i/N" needs N. */
          while ((arc = sqlite3_step (att)) == SQLITE_ROW)
            g_ptr_array_add (named, NULL);
          if (arc != SQLITE_DONE)
            {
              g_free (a.id);
              sillon_stats_set_sql_error (db, error);
              goto out;
            }
          total = named->len + anonymous;
          sqlite3_reset (att);
          /* The named participants first, then the anonymous ones. A
           * finished statement is not stepped again: SQLite would run it
           * anew. */
          for (guint i = 0, named_left = named->len; i < total; i++)
            {
              sqlite3_stmt *p = NULL;

              if (named_left > 0 && sqlite3_step (att) == SQLITE_ROW)
                {
                  p = att;
                  named_left--;
                }
              else
                named_left = 0;
              a.participants = g_strdup_printf ("%u/%u", i + 1, total);
              a.beneficiary = p != NULL ? person_name (p, 0) : g_strdup ("Anonyme");
              a.age = p != NULL ? age_of (&l, p, 2) : "non_communique";
              a.gender = p != NULL ? (const char *) sqlite3_column_text (p, 3) : NULL;
              a.status = p != NULL ? (const char *) sqlite3_column_text (p, 4) : NULL;
              a.b_insee = p != NULL ? (const char *) sqlite3_column_text (p, 5) : NULL;
              write_activity (w, &l, &a);
              g_clear_pointer (&a.participants, g_free);
              g_clear_pointer (&a.beneficiary, g_free);
              rows++;
            }
          g_free (a.id);
          wrc = sqlite3_step (ws);
        }
    }
  ok = writer_finish (g_steal_pointer (&w), db, src == SQLITE_DONE && wrc == SQLITE_DONE, error);

out:
  writer_abort (w);
  sqlite3_finalize (stmt);
  sqlite3_finalize (ws);
  sqlite3_finalize (att);
  if (ok && out_rows != NULL)
    *out_rows = rows;
  return ok;
}

/* ── The Coop's beneficiaries import template ─────────────────────────── */

static const char *const import_headers[] = {
  "Nom",
  "Prénom",
  "Année de naissance",
  "Commune",
  "Code INSEE",
  "Code postal",
  "N° de téléphone",
  "E-mail",
  "Genre",
  "Notes",
};

gboolean
sillon_stats_export_beneficiaries (SillonStore *store,
                                   SillonStatsFormat format,
                                   const char *path,
                                   guint *out_rows,
                                   guint *out_skipped,
                                   GError **error)
{
  static const char sql[] =
      "SELECT last_name, first_name, birth_year, commune_insee, phone, email, gender, notes"
      "  FROM beneficiaries ORDER BY last_name, first_name, id";
  sqlite3 *db = sillon_store_get_db (store);
  sqlite3_stmt *stmt = NULL;
  Writer *w = NULL;
  Labels l = { sillon_store_get_vocabulary (store) };
  guint rows = 0, skipped = 0;
  gboolean ok = FALSE;
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      sillon_stats_set_sql_error (db, error);
      goto out;
    }
  w = writer_new (format == SILLON_STATS_FORMAT_XLSX ? format : SILLON_STATS_FORMAT_CSV, path, error);
  if (w == NULL)
    goto out;
  writer_sheet (w, "Bénéficiaires");
  /* Rows 1–2: what the template says; row 3: the headers; data from row 4. */
  writer_bold (w, "Import des bénéficiaires — La Coop de la médiation numérique");
  writer_end_row (w);
  writer_text (w, "Exporté par Sillon. Nom et Prénom obligatoires ; le genre est lu sur sa première lettre (F, M, N).", FALSE);
  writer_end_row (w);
  for (guint i = 0; i < G_N_ELEMENTS (import_headers); i++)
    writer_bold (w, import_headers[i]);
  writer_end_row (w);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *last = T (0), *first = T (1);

      if (last == NULL || *last == '\0' || first == NULL || *first == '\0')
        {
          skipped++;
          continue;
        }
      writer_text (w, last, TRUE);
      writer_text (w, first, TRUE);
      if (sqlite3_column_type (stmt, 2) == SQLITE_NULL)
        writer_text (w, NULL, FALSE);
      else
        writer_number (w, sqlite3_column_int64 (stmt, 2));
      /* The Coop checks the commune against INSEE: its code is enough. */
      writer_text (w, NULL, FALSE);
      writer_text (w, T (3), TRUE);
      writer_text (w, NULL, FALSE);
      writer_text (w, T (4), TRUE);
      writer_text (w, T (5), TRUE);
      writer_text (w, label_of (&l, "Genre", T (6)), FALSE);
      writer_text (w, T (7), TRUE);
      writer_end_row (w);
      rows++;
    }
  ok = writer_finish (g_steal_pointer (&w), db, rc == SQLITE_DONE, error);

out:
  writer_abort (w);
  sqlite3_finalize (stmt);
  if (ok)
    {
      if (out_rows != NULL)
        *out_rows = rows;
      if (out_skipped != NULL)
        *out_skipped = skipped;
    }
  return ok;
}

char *
sillon_stats_export_journal_details (const char *kind, const char *from, const char *to)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;

  g_return_val_if_fail (kind != NULL && from != NULL && to != NULL, NULL);

  json_builder_begin_object (builder);
  sillon_json_add_string_member (builder, "kind", kind);
  sillon_json_add_string_member (builder, "from", from);
  sillon_json_add_string_member (builder, "to", to);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}
