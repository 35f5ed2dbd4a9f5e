/* sillon-cli-sheet.c — `sillon-cli sheet`: print the people's sheets to PDF, verify a sheet's code
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-cli-common.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "sillon-cli.h"
#include "sillon-sheets.h"

/* Sheets built, journaled and written together by `--all`. */
#define BATCH_SIZE 50

static void
free_key (guint8 *key)
{
  if (key != NULL)
    sodium_free (key);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (guint8, free_key)

static int
report_sheet_error (const GError *error, const char *vault_path, gint64 person_id)
{
  if (g_error_matches (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_NOT_FOUND) ||
      g_error_matches (error, SILLON_SHEET_ERROR, SILLON_SHEET_ERROR_MISMATCH))
    {
      sillon_cli_error ("%s", error->message);
      return SILLON_CLI_EXIT_NO_SUCH_RECORD;
    }
  if (error->domain == SILLON_SHEET_ERROR)
    {
      sillon_cli_error ("%s", error->message);
      switch (error->code)
        {
          case SILLON_SHEET_ERROR_WRITE:
            return SILLON_CLI_EXIT_IO;
          case SILLON_SHEET_ERROR_UNKNOWN_LANGUAGE:
            return SILLON_CLI_EXIT_USAGE;
          default:
            return SILLON_CLI_EXIT_FAILURE;
        }
    }
  return sillon_cli_report_error (error, vault_path);
}

/* Opens the vault and derives from it the key of the sheets' codes, which
 * every sheet command needs; NULL, with @out_exit set, after saying why
 * not. */
static SillonCliVault *
open_with_code_key (SillonCliCommonOptions *common, guint8 **out_key, int *out_exit)
{
  g_autoptr (SillonCliVault) cv = NULL;
  g_autoptr (GError) error = NULL;

  cv = sillon_cli_vault_open (common, out_exit);
  if (cv == NULL)
    return NULL;
  *out_key = sillon_sheet_fingerprint_derive_key (cv->session, &error);
  if (*out_key == NULL)
    {
      *out_exit = sillon_cli_report_error (error, common->vault_path);
      return NULL;
    }
  return g_steal_pointer (&cv);
}

/* Builds, writes and journals one sheet. */
static int
print_one (SillonCliVault *cv, const guint8 *key, const SillonSheetRequest *request, const char *path, const char *vault_path, gboolean quiet)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonSheetDoc) doc = NULL;
  g_autofree char *fingerprint = NULL;
  gint64 referral_id = 0;

  doc = sillon_sheet_build (cv->store, request, key, &fingerprint, &referral_id, &error);
  if (doc == NULL)
    return report_sheet_error (error, vault_path, request->person_id);
  if (!sillon_sheet_doc_write_pdf (doc, path, &error))
    return report_sheet_error (error, vault_path, request->person_id);
  /* A sheet holds personal data: writing it is journaled like an export. */
  if (!sillon_sheet_record_print (cv->store, cv->journal_key, cv->mediator_id, request, referral_id, fingerprint, &error))
    {
      g_unlink (path);
      return report_sheet_error (error, vault_path, request->person_id);
    }
  if (!quiet)
    {
      g_autofree char *display = g_filename_display_name (path);

      if (fingerprint != NULL)
        /* Translators: %s is a file name, then the sheet's code. */
        g_print (_ ("Wrote %s (code %s).\n"), display, fingerprint);
      else
        /* Translators: %s is a file name. */
        g_print (_ ("Wrote %s.\n"), display);
    }
  return SILLON_CLI_EXIT_OK;
}

static int
cmd_print (SillonSheetKind kind, int argc, char **argv)
{
  g_auto (SillonCliCommonOptions) common = { 0 };
  g_autoptr (SillonCliVault) cv = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (guint8) key = NULL;
  g_autofree char *out = NULL;
  g_autofree char *lang = NULL;
  g_autofree char *paper_name = NULL;
  g_autofree char *date = NULL;
  g_autofree char *summary = NULL;
  g_auto (GStrv) codes = NULL;
  g_autofree char *codes_text = NULL;
  gint64 person = 0;
  gint64 referral = 0;
  gboolean all = FALSE;
  SillonSheetRequest request = SILLON_SHEET_REQUEST_INIT;
  int ret;
  const GOptionEntry entries[] = {
    { "person", 'p', 0, G_OPTION_ARG_INT64, &person, N_ ("The person’s id (required, unless --all)"), N_ ("ID") },
    { "referral", 'r', 0, G_OPTION_ARG_INT64, &referral, N_ ("The referral to print (default: the person’s latest)"), N_ ("ID") },
    { "all", 'a', 0, G_OPTION_ARG_NONE, &all, N_ ("Every person’s sheet, one file each in the folder given to --out"), NULL },
    { "lang", 'l', 0, G_OPTION_ARG_STRING, &lang, N_ ("Language of the sheet (default: the person’s)"), N_ ("CODE") },
    { "paper", 0, 0, G_OPTION_ARG_STRING, &paper_name, N_ ("Paper size: a4 (default) or letter"), N_ ("SIZE") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_ ("Date printed on the sheet, YYYY-MM-DD (default: today)"), N_ ("DATE") },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_ ("The PDF file to write (a folder with --all)"), N_ ("FILE") },
    { NULL }
  };

  codes = sillon_sheet_language_list_codes (NULL);
  codes_text = codes != NULL ? g_strjoinv (", ", codes) : g_strdup ("fr, en");
  /* Translators: %s is the list of language codes, e.g. "fr, en". */
  summary = g_strdup_printf (_ ("Writes the sheet as a PDF file, in the person’s language or the one given (%s), "
                                "and journals it. Progress and referral sheets carry a code that “sillon-cli sheet verify” checks."),
                             codes_text);
  ret = sillon_cli_parse_options (&argc, &argv, "", summary, entries, &common);
  if (ret >= 0)
    return ret;
  if (out == NULL)
    {
      sillon_cli_error ("%s", _ ("give the file to write with --out"));
      return SILLON_CLI_EXIT_USAGE;
    }
  if (all ? (person != 0 || referral != 0) : person <= 0)
    {
      sillon_cli_error ("%s", _ ("give one person with --person ID, or --all (progress sheets only)"));
      return SILLON_CLI_EXIT_USAGE;
    }
  if (all && kind != SILLON_SHEET_PROGRESS)
    {
      sillon_cli_error ("%s", _ ("--all prints progress sheets only"));
      return SILLON_CLI_EXIT_USAGE;
    }
  if (referral != 0 && kind != SILLON_SHEET_REFERRAL)
    {
      sillon_cli_error ("%s", _ ("--referral goes with the referral sheet only"));
      return SILLON_CLI_EXIT_USAGE;
    }
  if (paper_name != NULL && !sillon_sheet_paper_from_name (paper_name, &request.paper))
    {
      /* Translators: %s is what the user gave to --paper. */
      sillon_cli_error (_ ("unknown paper size “%s”: use a4 or letter"), paper_name);
      return SILLON_CLI_EXIT_USAGE;
    }
  if (date != NULL && !sillon_cli_check_date (date))
    return SILLON_CLI_EXIT_USAGE;
  if (lang != NULL && sillon_sheet_language_get (lang, &error) == NULL)
    return report_sheet_error (error, common.vault_path, person);

  cv = open_with_code_key (&common, &key, &ret);
  if (cv == NULL)
    return ret;

  request.kind = kind;
  request.person_id = person;
  request.referral_id = referral;
  request.language = lang;
  request.date = date;

  if (!all)
    return print_one (cv, key, &request, out, common.vault_path, FALSE);

  {
    g_autoptr (GPtrArray) people = NULL;
    gint64 start = g_get_monotonic_time ();
    guint written = 0;

    if (g_mkdir_with_parents (out, 0700) != 0)
      {
        g_autofree char *display = g_filename_display_name (out);
        /* Translators: %s is a folder name, then the system's reason. */
        sillon_cli_error (_ ("Cannot create the folder “%s”: %s"), display, g_strerror (errno));
        return SILLON_CLI_EXIT_IO;
      }
    people = sillon_store_list_beneficiaries (cv->store, 0, 0, &error);
    if (people == NULL)
      return sillon_cli_report_error (error, common.vault_path);

    /* By batches: the sheets of a batch are built, their prints journaled in
     * one transaction (one flush to the disk instead of one per sheet),
     * then written. The journal is written first, so that a crash can
     * leave a journaled sheet unwritten but never a written sheet
     * unjournaled. */
    for (guint first = 0; first < people->len; first += BATCH_SIZE)
      {
        guint n = MIN (BATCH_SIZE, people->len - first);
        g_autoptr (GPtrArray) docs = g_ptr_array_new_with_free_func ((GDestroyNotify) sillon_sheet_doc_free);
        g_autoptr (GPtrArray) codes_of = g_ptr_array_new_with_free_func (g_free);

        for (guint i = 0; i < n; i++)
          {
            const SillonBeneficiary *b = g_ptr_array_index (people, first + i);
            char *fingerprint = NULL;
            SillonSheetDoc *doc;

            request.person_id = b->id;
            doc = sillon_sheet_build (cv->store, &request, key, &fingerprint, NULL, &error);
            if (doc == NULL)
              return report_sheet_error (error, common.vault_path, b->id);
            g_ptr_array_add (docs, doc);
            g_ptr_array_add (codes_of, fingerprint);
          }
        if (!sillon_store_begin (cv->store, &error))
          return sillon_cli_report_error (error, common.vault_path);
        for (guint i = 0; i < n; i++)
          {
            request.person_id = ((const SillonBeneficiary *) g_ptr_array_index (people, first + i))->id;
            if (!sillon_sheet_record_print (cv->store, cv->journal_key, cv->mediator_id, &request, 0,
                                            g_ptr_array_index (codes_of, i), &error))
              {
                sillon_store_rollback (cv->store);
                return report_sheet_error (error, common.vault_path, request.person_id);
              }
          }
        if (!sillon_store_commit (cv->store, &error))
          {
            sillon_store_rollback (cv->store);
            return sillon_cli_report_error (error, common.vault_path);
          }
        for (guint i = 0; i < n; i++)
          {
            const SillonBeneficiary *b = g_ptr_array_index (people, first + i);
            g_autofree char *name = g_strdup_printf ("progress-%" G_GINT64_FORMAT ".pdf", b->id);
            g_autofree char *path = g_build_filename (out, name, NULL);

            if (!sillon_sheet_doc_write_pdf (g_ptr_array_index (docs, i), path, &error))
              return report_sheet_error (error, common.vault_path, b->id);
            written++;
          }
      }
    g_print (ngettext ("Wrote %u progress sheet in %.1f s.\n", "Wrote %u progress sheets in %.1f s.\n", written),
             written, (g_get_monotonic_time () - start) / 1e6);
  }
  return SILLON_CLI_EXIT_OK;
}

/* `sheet progress`, `sheet referral`, `sheet notice` and `sheet record`:
 * each is a row of the command table with this handler, and its name is
 * the kind of sheet (sillon_sheet_kind_to_string()). argv[0] is
 * "sillon-cli sheet NAME" (see SillonCliHandler). */
int
sillon_cli_sheet_print (int argc, char **argv)
{
  const char *name = strrchr (argv[0], ' ');
  SillonSheetKind kind;

  if (name == NULL || !sillon_sheet_kind_from_string (name + 1, &kind))
    g_return_val_if_reached (SILLON_CLI_EXIT_FAILURE);
  return cmd_print (kind, argc, argv);
}

static const char *
kind_label (SillonSheetKind kind)
{
  switch (kind)
    {
      case SILLON_SHEET_PROGRESS:
        return _ ("progress sheet");
      case SILLON_SHEET_REFERRAL:
        return _ ("referral sheet");
      case SILLON_SHEET_NOTICE:
        return _ ("information notice");
      case SILLON_SHEET_RECORD:
        return _ ("personal record");
      default:
        return "";
    }
}

int
sillon_cli_sheet_verify (int argc, char **argv)
{
  g_auto (SillonCliCommonOptions) common = { 0 };
  g_autoptr (SillonCliVault) cv = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (guint8) key = NULL;
  g_autoptr (SillonSheetVerification) v = NULL;
  g_autoptr (GDateTime) at = NULL;
  g_autofree char *when = NULL;
  g_autofree char *language = NULL;
  g_autofree char *mediator = NULL;
  char normalized[SILLON_SHEET_FINGERPRINT_TEXT_LENGTH + 1];
  int ret;

  ret = sillon_cli_parse_options (&argc, &argv, _ ("CODE"),
                                  _ ("Says which sheet carries CODE, when and by whom it was printed, and whether the vault would still "
                                     "print the same content. Exit status 0: the sheet matches; 1: it no longer matches the vault; "
                                     "14: no sheet of this vault has that code."),
                                  NULL, &common);
  if (ret >= 0)
    return ret;
  if (!sillon_cli_check_one_argument (argc, _ ("give exactly one sheet code")))
    return SILLON_CLI_EXIT_USAGE;
  /* A mistyped code is told before the passphrase is asked. */
  if (!sillon_sheet_fingerprint_normalize (argv[1], normalized, &error))
    {
      sillon_cli_error ("%s", error->message);
      return SILLON_CLI_EXIT_INVALID_INPUT;
    }

  cv = open_with_code_key (&common, &key, &ret);
  if (cv == NULL)
    return ret;
  v = sillon_sheet_verify (cv->store, key, normalized, &error);
  if (v == NULL)
    {
      if (g_error_matches (error, SILLON_SHEET_ERROR, SILLON_SHEET_ERROR_UNKNOWN_CODE))
        {
          sillon_cli_error ("%s", error->message);
          return SILLON_CLI_EXIT_NOT_FOUND;
        }
      return sillon_cli_report_error (error, common.vault_path);
    }

  at = g_date_time_new_from_unix_local (v->printed_unix);
  when = g_date_time_format (at, "%Y-%m-%d %H:%M");
  /* Translators: %s is a sheet code; then the kind of sheet, e.g. "referral sheet". */
  g_print (_ ("Code %s: %s\n"), v->code, kind_label (v->kind));
  g_print (_ ("Person: %lld\n"), (long long) v->person_id);
  if (v->referral_id != 0)
    g_print (_ ("Referral: %lld\n"), (long long) v->referral_id);
  /* The language and the mediator's name come from the vault: escaped. */
  language = sillon_cli_escape (v->language, SILLON_CLI_ESCAPE_FIELD);
  g_print (_ ("Language: %s\n"), language);
  g_print (_ ("Printed: %s\n"), when);
  mediator = v->mediator_name != NULL ? sillon_cli_escape (v->mediator_name, SILLON_CLI_ESCAPE_FIELD) : g_strdup (_ ("unknown"));
  g_print (_ ("Printed by: %s\n"), mediator);
  if (v->n_prints > 1)
    g_print (ngettext ("Printed %u time\n", "Printed %u times\n", v->n_prints), v->n_prints);
  if (!v->still_exists)
    {
      g_print ("%s\n", _ ("Content: the person or the referral is no longer in the vault."));
      return SILLON_CLI_EXIT_FAILURE;
    }
  if (!v->content_matches)
    {
      g_print ("%s\n", _ ("Content: changed since it was printed (the vault would print a different sheet today)."));
      return SILLON_CLI_EXIT_FAILURE;
    }
  g_print ("%s\n", _ ("Content: matches the vault."));
  return sillon_cli_flush_stdout ();
}
