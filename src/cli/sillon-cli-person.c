/* sillon-cli-person.c — `sillon-cli person`: search, duplicates, merge, export and erasure
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every command here that reads or removes a person's data journals it,
 * with ids and counts only: the journal itself must never become a second
 * copy of the personal data.
 */

#include "config.h"

#include "sillon-cli-common.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "sillon-cli.h"

/* The one person id the command takes, after its options; FALSE, the
 * reason printed, when there is not exactly one valid id. */
static gboolean
parse_person_id (int argc, char **argv, gint64 *out_id)
{
  if (!sillon_cli_check_one_argument (argc, _ ("give exactly one person id")))
    return FALSE;
  return sillon_cli_parse_id (argv[1], out_id);
}

int
sillon_cli_person_export (int argc, char **argv)
{
  g_auto (SillonCliCommonOptions) common = { 0 };
  g_autoptr (SillonCliVault) cv = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *output = NULL;
  g_autofree char *json = NULL;
  g_autofree char *details = NULL;
  gint64 id = 0;
  int ret;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_ ("Write the JSON to FILE (readable by you only) instead of standard output"), N_ ("FILE") },
    { NULL }
  };

  ret = sillon_cli_parse_options (&argc, &argv, _ ("ID"),
                                  _ ("Exports everything stored about one person, as JSON (see docs/DATA-EXPORT.md), for their right of access. "
                                     "The export is journaled."),
                                  entries, &common);
  if (ret >= 0)
    return ret;
  if (!parse_person_id (argc, argv, &id))
    return SILLON_CLI_EXIT_USAGE;
  if (output != NULL && g_file_test (output, G_FILE_TEST_EXISTS))
    {
      /* Translators: %s is a file path. */
      sillon_cli_error (_ ("%s already exists: choose another file."), output);
      return SILLON_CLI_EXIT_EXISTS;
    }

  cv = sillon_cli_vault_open (&common, &ret);
  if (cv == NULL)
    return ret;
  json = sillon_store_export_beneficiary (cv->store, id, &error);
  if (json == NULL)
    return sillon_cli_report_person_error (error, id, common.vault_path);

  /* Journaled before the data leaves the vault: an export that fails half
   * way has still been asked for. */
  details = g_strdup_printf ("{\"beneficiary\":%" G_GINT64_FORMAT ",\"to\":\"%s\"}", id, output != NULL ? "file" : "stdout");
  if (!sillon_cli_vault_journal (cv, SILLON_JOURNAL_EXPORT, details, &error))
    return sillon_cli_report_error (error, common.vault_path);

  if (output != NULL)
    {
      if (!g_file_set_contents_full (output, json, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
        {
          sillon_cli_error ("%s", error->message);
          return SILLON_CLI_EXIT_IO;
        }
      /* Translators: %lld is a person's id, %s a file path. */
      g_printerr (_ ("Exported person %lld to %s.\n"), (long long) id, output);
    }
  else
    {
      /* JSON escapes C0 controls itself, but not DEL and C1: written as
       * \u00XX they mean the same to a JSON reader and nothing to a
       * terminal. */
      g_autofree char *escaped = sillon_cli_escape (json, SILLON_CLI_ESCAPE_TEXT);

      fputs (escaped, stdout);
      fputc ('\n', stdout);
      return sillon_cli_flush_stdout ();
    }
  return SILLON_CLI_EXIT_OK;
}

/* Erase and merge both remove person @id for good (merge first moves
 * their data to @merged_into; 0: a plain erasure). Either is journaled as
 * an erasure, in the same transaction: the change and its journal entry
 * commit together or not at all. */
static gboolean
erase_journaled (SillonCliVault *cv, gint64 id, gint64 merged_into, GError **error)
{
  g_autoptr (SillonStoreTransaction) tx = NULL;
  g_autofree char *details = NULL;
  gboolean changed;

  if (merged_into != 0)
    details = g_strdup_printf ("{\"beneficiary\":%" G_GINT64_FORMAT ",\"merged_into\":%" G_GINT64_FORMAT "}", id, merged_into);
  else
    details = g_strdup_printf ("{\"beneficiary\":%" G_GINT64_FORMAT "}", id);
  tx = sillon_store_transaction_begin (cv->store, error);
  if (tx == NULL)
    return FALSE;
  if (merged_into != 0)
    changed = sillon_store_merge_beneficiaries (cv->store, merged_into, id, error);
  else
    changed = sillon_store_erase_beneficiary (cv->store, id, error);
  return changed && sillon_cli_vault_journal (cv, SILLON_JOURNAL_ERASE, details, error) &&
         sillon_store_transaction_commit (tx, error);
}

int
sillon_cli_person_erase (int argc, char **argv)
{
  g_auto (SillonCliCommonOptions) common = { 0 };
  g_autoptr (SillonCliVault) cv = NULL;
  g_autoptr (GError) error = NULL;
  gboolean yes = FALSE;
  gint64 id = 0;
  int ret;
  const GOptionEntry entries[] = {
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &yes, N_ ("Confirm: the erasure cannot be undone"), NULL },
    { NULL }
  };

  ret = sillon_cli_parse_options (&argc, &argv, _ ("ID"),
                                  _ ("Erases one person and everything linked to them (sessions, assessments, consents, referrals, parcours, "
                                     "workshop attendance), for their right to erasure. Nothing is left in the file. The erasure is journaled."),
                                  entries, &common);
  if (ret >= 0)
    return ret;
  if (!parse_person_id (argc, argv, &id))
    return SILLON_CLI_EXIT_USAGE;
  if (!yes)
    {
      sillon_cli_error ("%s", _ ("Erasing cannot be undone: add --yes to confirm."));
      return SILLON_CLI_EXIT_REFUSED;
    }

  cv = sillon_cli_vault_open (&common, &ret);
  if (cv == NULL)
    return ret;
  if (!erase_journaled (cv, id, 0, &error))
    return sillon_cli_report_person_error (error, id, common.vault_path);
  /* Translators: %lld is a person's id. */
  g_print (_ ("Erased person %lld and everything linked to them.\n"), (long long) id);
  return SILLON_CLI_EXIT_OK;
}

/* id, name, birth year, commune (INSEE code): the columns of `search`. */
static void
print_person (gconstpointer record)
{
  const SillonBeneficiary *b = record;
  g_autofree char *name = NULL;
  g_autofree char *birth_year = b->birth_year != 0 ? g_strdup_printf ("%d", b->birth_year) : NULL;

  if (b->first_name != NULL && b->last_name != NULL)
    name = g_strconcat (b->first_name, " ", b->last_name, NULL);
  else
    name = g_strdup (b->first_name != NULL ? b->first_name : b->last_name);
  {
    const char *fields[] = { name, birth_year, b->commune_insee };

    sillon_cli_print_record (b->id, fields, G_N_ELEMENTS (fields));
  }
}

static const SillonCliSearchCommand person_search = {
  .summary = N_ ("Searches the people by name, ignoring accents and case, tolerating typos. "
                 "Prints id, name, birth year and commune (INSEE code), tab-separated, one person per line."),
  .limit_description = N_ ("Show at most N people (default 20)"),
  .limit_too_low = N_ ("--limit must be at least 1"),
  .search = sillon_store_search_beneficiaries,
  .print_row = print_person,
  .none = N_ ("No person matches."),
};

int
sillon_cli_person_search (int argc, char **argv)
{
  return sillon_cli_search_command (argc, argv, &person_search);
}

int
sillon_cli_person_duplicates (int argc, char **argv)
{
  g_auto (SillonCliCommonOptions) common = { 0 };
  g_autoptr (SillonCliVault) cv = NULL;
  g_autoptr (SillonBeneficiary) b = NULL;
  g_autoptr (GPtrArray) found = NULL;
  g_autoptr (GError) error = NULL;
  gint64 id = 0;
  int ret;

  ret = sillon_cli_parse_options (&argc, &argv, _ ("ID"),
                                  _ ("Lists the people who look like person ID (similar names, same phone or e-mail), most alike first. "
                                     "Prints id, name, birth year, commune and the signals that matched "
                                     "(last-name, first-name, phone, email), tab-separated."),
                                  NULL, &common);
  if (ret >= 0)
    return ret;
  if (!parse_person_id (argc, argv, &id))
    return SILLON_CLI_EXIT_USAGE;

  cv = sillon_cli_vault_open (&common, &ret);
  if (cv == NULL)
    return ret;
  b = sillon_store_get_beneficiary (cv->store, id, &error);
  if (b == NULL)
    return sillon_cli_report_person_error (error, id, common.vault_path);
  found = sillon_store_find_duplicates (cv->store, b, &error);
  if (found == NULL)
    return sillon_cli_report_error (error, common.vault_path);
  for (guint i = 0; i < found->len; i++)
    {
      const SillonDuplicate *d = g_ptr_array_index (found, i);
      g_autoptr (SillonBeneficiary) other = sillon_store_get_beneficiary (cv->store, d->beneficiary_id, &error);
      g_autoptr (GPtrArray) signals = g_ptr_array_new ();

      if (other == NULL)
        return sillon_cli_report_error (error, common.vault_path);
      /* Fixed keywords, not translated: scripts read them. */
      if (d->last_name_similar)
        g_ptr_array_add (signals, "last-name");
      if (d->first_name_similar)
        g_ptr_array_add (signals, "first-name");
      if (d->phone_equal)
        g_ptr_array_add (signals, "phone");
      if (d->email_equal)
        g_ptr_array_add (signals, "email");
      g_ptr_array_add (signals, NULL);
      print_person (other);
      fputc ('\t', stdout);
      {
        g_autofree char *joined = g_strjoinv (",", (char **) signals->pdata);
        fputs (joined, stdout);
      }
      fputc ('\n', stdout);
    }
  if (found->len == 0)
    g_printerr ("%s\n", _ ("No likely duplicate."));
  return sillon_cli_flush_stdout ();
}

int
sillon_cli_person_merge (int argc, char **argv)
{
  g_auto (SillonCliCommonOptions) common = { 0 };
  g_autoptr (SillonCliVault) cv = NULL;
  g_autoptr (GError) error = NULL;
  gboolean yes = FALSE;
  gint64 keep = 0;
  gint64 drop = 0;
  int ret;
  const GOptionEntry entries[] = {
    { "yes", 'y', 0, G_OPTION_ARG_NONE, &yes, N_ ("Confirm: the merge cannot be undone"), NULL },
    { NULL }
  };

  ret = sillon_cli_parse_options (&argc, &argv, _ ("KEEP DROP"),
                                  _ ("Merges two records of the same person: every session, assessment, consent, referral, parcours and "
                                     "workshop attendance of DROP moves to KEEP, KEEP's empty fields are filled from DROP, then DROP is erased. "
                                     "The merge is journaled."),
                                  entries, &common);
  if (ret >= 0)
    return ret;
  if (argc != 3)
    {
      sillon_cli_error ("%s", _ ("give two person ids: the one to keep, then the one to merge into it"));
      return SILLON_CLI_EXIT_USAGE;
    }
  if (!sillon_cli_parse_id (argv[1], &keep) || !sillon_cli_parse_id (argv[2], &drop))
    return SILLON_CLI_EXIT_USAGE;
  if (keep == drop)
    {
      sillon_cli_error ("%s", _ ("A person cannot be merged with themselves: give two different ids."));
      return SILLON_CLI_EXIT_USAGE;
    }
  if (!yes)
    {
      sillon_cli_error ("%s", _ ("Merging cannot be undone: add --yes to confirm."));
      return SILLON_CLI_EXIT_REFUSED;
    }

  cv = sillon_cli_vault_open (&common, &ret);
  if (cv == NULL)
    return ret;
  /* The merge erases DROP. */
  if (!erase_journaled (cv, drop, keep, &error))
    {
      if (g_error_matches (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_NOT_FOUND))
        {
          /* Translators: both %lld are person ids. */
          sillon_cli_error (_ ("There is no person with id %lld or %lld."), (long long) keep, (long long) drop);
          return SILLON_CLI_EXIT_NO_SUCH_RECORD;
        }
      return sillon_cli_report_error (error, common.vault_path);
    }
  /* Translators: the first %lld is the erased record's id, the second the kept one's. */
  g_print (_ ("Merged person %lld into person %lld.\n"), (long long) drop, (long long) keep);
  return SILLON_CLI_EXIT_OK;
}
