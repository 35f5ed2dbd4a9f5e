/* sillon-cli-places.c — `sillon-cli places …`: import the national directory of places and search it
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An import is one transaction: a file that fails half way, or a write that
 * fails, leaves the directory exactly as it was.
 */

#include "config.h"

#include "sillon-cli-common.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "sillon-cli.h"
#include "sillon-opening-hours.h"
#include "sillon-phone-format.h"
#include "sillon-places-import.h"

#define DEFAULT_MAX_ERRORS 20

typedef enum
{
  FORMAT_AUTO,
  FORMAT_CSV,
  FORMAT_JSON,
} PlacesFormat;

static gboolean
guess_json (const char *path, const char *data, gsize length)
{
  if (g_str_has_suffix (path, ".json") || g_str_has_suffix (path, ".JSON"))
    return TRUE;
  /* Skip a BOM and white space: a JSON directory is an array. */
  for (gsize i = 0; i < length; i++)
    {
      guchar c = (guchar) data[i];
      if (c == 0xEF || c == 0xBB || c == 0xBF || g_ascii_isspace (c))
        continue;
      return c == '[';
    }
  return FALSE;
}

/* Column names from a file, escaped, separated by commas. */
static char *
escaped_list (GPtrArray *names)
{
  GString *list = g_string_new (NULL);

  for (guint i = 0; i < names->len; i++)
    {
      if (i > 0)
        g_string_append (list, ", ");
      sillon_cli_escape_append (list, g_ptr_array_index (names, i), SILLON_CLI_ESCAPE_FIELD);
    }
  return g_string_free (list, FALSE);
}

static void
print_report (const SillonPlacesReport *report, guint n_new, guint n_updated, guint max_errors, gboolean dry_run)
{
  guint shown = 0;
  guint n_issues = 0;

  g_print ("%s\n", dry_run ? _ ("Validation report (dry run: nothing was written)") : _ ("Validation report"));
  g_print (_ ("  Records read: %u\n"), report->n_records);
  g_print (_ ("  Kept:         %u (of which flagged: %u)\n"), report->n_kept, report->n_flagged);
  g_print (_ ("  Skipped:      %u\n"), report->n_skipped);
  g_print (_ ("  New:          %u\n"), n_new);
  g_print (_ ("  Updated:      %u\n"), n_updated);
  if (report->unknown_columns != NULL && report->unknown_columns->len > 0)
    {
      g_autofree char *list = escaped_list (report->unknown_columns);

      /* Translators: %s is a comma-separated list of column names. */
      g_print (_ ("  Columns ignored (not in the standard): %s\n"), list);
    }
  if (report->legacy_columns != NULL && report->legacy_columns->len > 0)
    {
      g_autofree char *list = escaped_list (report->legacy_columns);

      /* Translators: %s is a comma-separated list of column names. */
      g_print (_ ("  Columns read under their name before v1.0 of the standard: %s\n"), list);
    }
  if (report->legacy_values != NULL && report->legacy_values->len > 0)
    {
      g_print ("%s\n", _ ("  Values read as their counterparts since v1.0 of the standard:"));
      for (guint i = 0; i < report->legacy_values->len; i++)
        {
          g_auto (GStrv) parts = g_strsplit (g_ptr_array_index (report->legacy_values, i), "\t", 3);
          g_autofree char *old_value = sillon_cli_escape (parts[0], SILLON_CLI_ESCAPE_FIELD);

          /* Translators: an old value, the value it is read as, and its column. */
          g_print (_ ("    %s → %s (%s)\n"), old_value, parts[2], parts[1]);
        }
    }

  for (guint i = 0; report->rows != NULL && i < report->rows->len; i++)
    n_issues += ((const SillonPlacesRowReport *) g_ptr_array_index (report->rows, i))->issues->len;
  if (n_issues == 0)
    return;

  g_print ("\n%s\n", _ ("Problems (a flagged value is kept as is; a skipped record is not imported):"));
  for (guint i = 0; i < report->rows->len && shown < max_errors; i++)
    {
      const SillonPlacesRowReport *row = g_ptr_array_index (report->rows, i);
      g_autofree char *where = NULL;

      if (row->line > 0)
        /* Translators: %u is a line number in the imported file. */
        where = g_strdup_printf (_ ("line %u"), row->line);
      else
        /* Translators: %u is the position of a record in a JSON array. */
        where = g_strdup_printf (_ ("record %u"), row->record);

      for (guint j = 0; j < row->issues->len && shown < max_errors; j++, shown++)
        {
          const SillonPlaceIssue *issue = g_ptr_array_index (row->issues, j);
          /* The id and the message quote the file: escaped like any field. */
          g_autofree char *id = sillon_cli_escape (row->id, SILLON_CLI_ESCAPE_FIELD);
          g_autofree char *id_part = row->id != NULL ? g_strdup_printf (" [%s]", id) : g_strdup ("");
          g_autofree char *message = sillon_cli_escape (issue->message, SILLON_CLI_ESCAPE_FIELD);
          gboolean record_level = issue->kind == SILLON_PLACE_ISSUE_DUPLICATE_ID || issue->kind == SILLON_PLACE_ISSUE_FIELD_COUNT ||
                                  issue->kind == SILLON_PLACE_ISSUE_NOT_AN_OBJECT;

          g_print ("  %s%s%s%s: %s%s\n", where,
                   record_level ? "" : ", ",
                   record_level ? "" : sillon_place_field_name (issue->field),
                   id_part,
                   message,
                   row->skipped ? _ (" (skipped)") : _ (" (flagged)"));
        }
    }
  if (n_issues > shown)
    /* Translators: %u is a number of problems not shown. */
    g_print (ngettext ("  … and %u more problem.\n", "  … and %u more problems.\n", n_issues - shown), n_issues - shown);
}

int
sillon_cli_places_import (int argc, char **argv)
{
  g_auto (SillonCliCommonOptions) common = { 0 };
  g_autoptr (SillonCliVault) cv = NULL;
  /* Declared after cv: it goes first, while the store is still open. */
  g_autoptr (SillonStoreTransaction) tx = NULL;
  g_autoptr (SillonPlacesSchema) schema = NULL;
  g_autoptr (SillonPlacesReport) report = NULL;
  g_autoptr (GPtrArray) places = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *format_name = NULL;
  g_autofree char *data = NULL;
  g_autofree char *details = NULL;
  gboolean dry_run = FALSE;
  int max_errors = DEFAULT_MAX_ERRORS;
  PlacesFormat format = FORMAT_AUTO;
  guint n_new = 0, n_updated = 0;
  gsize length = 0;
  gboolean ok;
  int ret;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_name, N_ ("csv or json (default: guessed from the file)"), N_ ("FORMAT") },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run, N_ ("Check the file and report, without changing the vault"), NULL },
    { "max-errors", 0, 0, G_OPTION_ARG_INT, &max_errors, N_ ("Show at most N problems (default 20)"), N_ ("N") },
    { NULL }
  };

  ret = sillon_cli_parse_options (&argc, &argv, _ ("FILE"),
                                  _ ("Imports a directory of places in the national open-data standard (CSV or JSON), in one transaction. "
                                     "A place already imported (same id and source) is updated. Invalid values are kept and flagged; "
                                     "records without a required field are skipped."),
                                  entries, &common);
  if (ret >= 0)
    return ret;
  if (!sillon_cli_check_one_argument (argc, _ ("give exactly one file to import")))
    return SILLON_CLI_EXIT_USAGE;
  if (format_name != NULL)
    {
      if (g_ascii_strcasecmp (format_name, "csv") == 0)
        format = FORMAT_CSV;
      else if (g_ascii_strcasecmp (format_name, "json") == 0)
        format = FORMAT_JSON;
      else
        {
          /* Translators: %s is what the user gave to --format. */
          sillon_cli_error (_ ("unknown format “%s”: use csv or json"), format_name);
          return SILLON_CLI_EXIT_USAGE;
        }
    }
  if (max_errors < 0)
    max_errors = 0;

  /* The file is checked before the vault is unlocked: a wrong file should
   * not cost a passphrase. */
  if (!g_file_get_contents (argv[1], &data, &length, &error))
    {
      /* Translators: the first %s is a file path, the second the reason. */
      sillon_cli_error (_ ("Cannot read %s: %s"), argv[1], error->message);
      return SILLON_CLI_EXIT_INVALID_INPUT;
    }
  schema = sillon_places_schema_new_default (&error);
  if (schema == NULL)
    return sillon_cli_report_error (error, argv[1]);
  if (format == FORMAT_AUTO)
    format = guess_json (argv[1], data, length) ? FORMAT_JSON : FORMAT_CSV;
  if (format == FORMAT_JSON)
    ok = sillon_places_import_json (schema, data, length, &places, &report, &error);
  else
    ok = sillon_places_import_csv (schema, data, length, &places, &report, &error);
  if (!ok)
    {
      /* Translators: the first %s is a file path, the second the reason. */
      sillon_cli_error (_ ("%s cannot be imported: %s"), argv[1], error->message);
      sillon_cli_error ("%s", _ ("Nothing was imported."));
      return SILLON_CLI_EXIT_INVALID_INPUT;
    }

  if (places->len == 0)
    {
      print_report (report, 0, 0, (guint) max_errors, dry_run);
      sillon_cli_error ("%s", _ ("No record of the file can be imported: nothing was imported."));
      return SILLON_CLI_EXIT_INVALID_INPUT;
    }

  cv = sillon_cli_vault_open (&common, &ret);
  if (cv == NULL)
    return ret;

  tx = sillon_store_transaction_begin (cv->store, &error);
  if (tx == NULL)
    return sillon_cli_report_error (error, common.vault_path);
  {
    const SillonPlace *place = NULL;

    /* Re-importing replaces a place: the report tells new from updated. */
    if (!sillon_store_import_places (cv->store, places, &n_new, &n_updated, &place, &error))
      {
        if (place != NULL && place->line > 0)
          /* Translators: %u is a line number, %s the reason. */
          sillon_cli_error (_ ("line %u cannot be stored: %s"), place->line, error->message);
        else if (place != NULL)
          sillon_cli_error (_ ("record %u cannot be stored: %s"), place->record, error->message);
        sillon_cli_error ("%s", _ ("Nothing was imported."));
        /* A value the store refuses comes from the file. */
        if (g_error_matches (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID) ||
            g_error_matches (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_TOO_LARGE) ||
            g_error_matches (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_CONSTRAINT))
          return SILLON_CLI_EXIT_INVALID_INPUT;
        return sillon_cli_exit_code_for_error (error);
      }
  }

  if (dry_run)
    {
      g_clear_pointer (&tx, sillon_store_transaction_free);
      print_report (report, n_new, n_updated, (guint) max_errors, TRUE);
      return SILLON_CLI_EXIT_OK;
    }

  details = g_strdup_printf ("{\"kind\":\"places\",\"new\":%u,\"updated\":%u,\"flagged\":%u,\"skipped\":%u}",
                             n_new, n_updated, report->n_flagged, report->n_skipped);
  if (!sillon_cli_vault_journal (cv, SILLON_JOURNAL_IMPORT, details, &error) || !sillon_store_transaction_commit (tx, &error))
    {
      sillon_cli_error ("%s", _ ("Nothing was imported."));
      return sillon_cli_report_error (error, common.vault_path);
    }
  print_report (report, n_new, n_updated, (guint) max_errors, FALSE);
  return SILLON_CLI_EXIT_OK;
}

/* id, name, postal code, commune and phone: the columns of `search`. */
static void
print_place (gconstpointer record)
{
  const SillonPlaceRecord *p = record;
  /* As it is dialled from France ("03 26 00 00 00"), as the sheets
   * and the places page write it; empty when the directory has none. */
  g_autofree char *phone = sillon_phone_format (p->values[SILLON_PLACE_COL_TELEPHONE], SILLON_PHONE_HOME_REGION);
  /* A name from an imported file may hold tabs or line breaks: escaped
   * as every field is, one place is still one line. */
  const char *fields[] = {
    p->values[SILLON_PLACE_COL_NOM],
    p->values[SILLON_PLACE_COL_CODE_POSTAL],
    p->values[SILLON_PLACE_COL_COMMUNE],
    phone,
  };

  sillon_cli_print_record (p->id, fields, G_N_ELEMENTS (fields));
}

static const SillonCliSearchCommand places_search = {
  .summary = N_ ("Searches the directory of places by name, commune, postal code, INSEE code and services. "
                 "Prints id, name, postal code, commune and phone, tab-separated."),
  .limit_description = N_ ("Show at most N places (default 20)"),
  .limit_too_low = NULL, /* a --limit below 1 counts as 1 */
  .search = sillon_store_search_places,
  .print_row = print_place,
  .none = N_ ("No place matches."),
};

int
sillon_cli_places_search (int argc, char **argv)
{
  return sillon_cli_search_command (argc, argv, &places_search);
}

/* One opening_hours value, as a directory holds it: what a sheet prints,
 * and whether the place is open at a moment. No vault: the value is given. */
int
sillon_cli_places_hours (int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new (_ ("VALUE"));
  g_autoptr (GError) error = NULL;
  g_autoptr (GDateTime) when = NULL;
  g_autoptr (SillonOpeningStatus) status = NULL;
  g_autofree char *at = NULL;
  g_autofree char *rendered = NULL;
  g_autofree char *words = NULL;
  g_autofree char *escaped = NULL;
  const GOptionEntry entries[] = {
    { "at", 0, 0, G_OPTION_ARG_STRING, &at, N_ ("The moment asked about, local time (default: now)"), N_ ("YYYY-MM-DDTHH:MM") },
    { NULL }
  };

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _ ("Checks an opening_hours value of the directory: prints it in words, then "
                                            "whether the place is open and when that changes."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      sillon_cli_error ("%s", error->message);
      return SILLON_CLI_EXIT_USAGE;
    }
  if (!sillon_cli_check_one_argument (argc, _ ("give one opening_hours value, for example \"Mo-Fr 09:00-12:00\"")))
    return SILLON_CLI_EXIT_USAGE;
  if (at != NULL)
    {
      g_autoptr (GTimeZone) local = g_time_zone_new_local ();
      /* GLib wants the seconds; people do not type them. */
      g_autofree char *full = strlen (at) == 16 ? g_strconcat (at, ":00", NULL) : g_strdup (at);

      when = g_date_time_new_from_iso8601 (full, local);
      if (when == NULL)
        {
          /* Translators: %s is what was given after --at. */
          sillon_cli_error (_ ("“%s” is not a moment written YYYY-MM-DDTHH:MM, such as 2026-12-07T10:30"), at);
          return SILLON_CLI_EXIT_USAGE;
        }
    }
  else
    when = g_date_time_new_now_local ();

  rendered = sillon_opening_hours_render (argv[1], &error);
  if (rendered == NULL || (status = sillon_opening_hours_status (argv[1], when, &error)) == NULL)
    {
      sillon_cli_error ("%s", error->message);
      return SILLON_CLI_EXIT_USAGE;
    }
  words = sillon_opening_status_describe (status, when);
  /* The rendering quotes parts of the value as typed: escaped. */
  escaped = sillon_cli_escape (rendered, SILLON_CLI_ESCAPE_TEXT);
  printf ("%s\n%s\n", escaped, words);
  return sillon_cli_flush_stdout ();
}
