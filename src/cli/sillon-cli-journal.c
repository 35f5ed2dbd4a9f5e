/* sillon-cli-journal.c — `sillon-cli journal`, `person` and `retention`: accountability and people's rights
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

int sillon_cli_journal (int argc, char **argv);
int sillon_cli_person (int argc, char **argv);
int sillon_cli_retention (int argc, char **argv);

static void
print_subcommands (FILE *stream, const char *usage, const SillonCliCommand *commands)
{
  fprintf (stream, "%s\n\n%s\n", usage, _ ("Subcommands:"));
  for (const SillonCliCommand *c = commands; c->name != NULL; c++)
    fprintf (stream, "  %-12s %s\n", c->name, _ (c->summary));
  fprintf (stream, "\n%s", sillon_cli_exit_codes_help ());
}

static int
dispatch (int argc, char **argv, const char *usage, const SillonCliCommand *commands)
{
  const char *name;

  if (!sillon_cli_init_secure ())
    return SILLON_CLI_EXIT_FAILURE;
  if (argc < 2)
    {
      print_subcommands (stderr, usage, commands);
      return SILLON_CLI_EXIT_USAGE;
    }
  name = argv[1];
  if (g_str_equal (name, "--help") || g_str_equal (name, "-h") || g_str_equal (name, "help"))
    {
      print_subcommands (stdout, usage, commands);
      return SILLON_CLI_EXIT_OK;
    }
  for (const SillonCliCommand *c = commands; c->name != NULL; c++)
    {
      if (g_str_equal (name, c->name))
        {
          g_autofree char *prgname = g_strdup_printf ("%s %s", argv[0], c->name);
          argv[1] = prgname;
          g_set_prgname (prgname);
          return c->handler (argc - 1, argv + 1);
        }
    }
  /* Translators: %s is the subcommand the user typed. */
  sillon_cli_error (_ ("unknown subcommand “%s”"), name);
  print_subcommands (stderr, usage, commands);
  return SILLON_CLI_EXIT_USAGE;
}

/* A positive record id, as printed by the other commands. */
static gboolean
parse_id (const char *text, gint64 *out_id)
{
  guint64 value = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    {
      /* Translators: %s is what the user typed instead of a number. */
      sillon_cli_error (_ ("“%s” is not a valid id: give a positive number"), text);
      return FALSE;
    }
  *out_id = (gint64) value;
  return TRUE;
}

/* ---- journal ------------------------------------------------------------ */

static int
cmd_journal_list (int argc, char **argv)
{
  g_auto (SillonCliCommonOptions) common = { 0 };
  g_autoptr (SillonCliVault) cv = NULL;
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GError) error = NULL;
  int ret;

  ret = sillon_cli_parse_options (&argc, &argv, "",
                                  _ ("Lists the journal of sensitive actions, oldest first: sequence number, time, action, mediator id, details."),
                                  NULL, &common);
  if (ret >= 0 || !sillon_cli_check_no_arguments (argc, argv, &ret))
    return ret;
  cv = sillon_cli_vault_open (&common, &ret);
  if (cv == NULL)
    return ret;

  entries = sillon_journal_list (cv->store, &error);
  if (entries == NULL)
    return sillon_cli_report_error (error, common.vault_path);
  for (guint i = 0; i < entries->len; i++)
    {
      const SillonJournalEntry *e = g_ptr_array_index (entries, i);
      g_autoptr (GDateTime) at = g_date_time_new_from_unix_utc (e->at_unix);
      g_autofree char *when = at != NULL ? g_date_time_format_iso8601 (at) : g_strdup ("?");

      printf ("%" G_GINT64_FORMAT "\t%s\t%s\t%" G_GINT64_FORMAT "\t", e->seq, when,
              sillon_journal_action_to_string (e->action), e->mediator_id);
      sillon_cli_print_field (e->details);
      putchar ('\n');
    }
  return SILLON_CLI_EXIT_OK;
}

static int
cmd_journal_verify (int argc, char **argv)
{
  g_auto (SillonCliCommonOptions) common = { 0 };
  g_autoptr (SillonCliVault) cv = NULL;
  g_autoptr (GError) error = NULL;
  guint8 head[SILLON_JOURNAL_HASH_BYTES];
  gint64 first_bad = 0;
  guint64 n_entries = 0;
  g_autofree char *head_hex = NULL;
  int ret;

  ret = sillon_cli_parse_options (&argc, &argv, "",
                                  _ ("Walks the journal’s hash chain and reports the first entry that was edited, deleted, inserted or moved. "
                                     "It prints the hash of the newest entry: keep it elsewhere to detect that the newest entries were removed."),
                                  NULL, &common);
  if (ret >= 0 || !sillon_cli_check_no_arguments (argc, argv, &ret))
    return ret;
  cv = sillon_cli_vault_open (&common, &ret);
  if (cv == NULL)
    return ret;

  if (!sillon_journal_verify (cv->store, cv->journal_key, &first_bad, &n_entries, head, &error))
    {
      if (g_error_matches (error, SILLON_JOURNAL_ERROR, SILLON_JOURNAL_ERROR_TAMPERED))
        {
          /* Translators: %lld is the sequence number of a journal entry. */
          sillon_cli_error (_ ("The journal has been tampered with: entry %lld is the first that does not verify."),
                            (long long) first_bad);
          sillon_cli_error ("  (%s)", error->message);
          return SILLON_CLI_EXIT_JOURNAL_TAMPERED;
        }
      return sillon_cli_report_error (error, common.vault_path);
    }

  head_hex = g_malloc (SILLON_JOURNAL_HASH_BYTES * 2 + 1);
  for (guint i = 0; i < SILLON_JOURNAL_HASH_BYTES; i++)
    g_snprintf (head_hex + 2 * i, 3, "%02x", head[i]);
  g_print (ngettext ("The journal is intact: %llu entry.\n", "The journal is intact: %llu entries.\n", (gulong) n_entries),
           (unsigned long long) n_entries);
  /* Translators: %s is a hexadecimal hash. */
  g_print (_ ("Hash of the newest entry: %s\n"), head_hex);
  return SILLON_CLI_EXIT_OK;
}

static const SillonCliCommand journal_commands[] = {
  { "verify", N_ ("Check that no journal entry was edited, deleted or moved"), cmd_journal_verify },
  { "list", N_ ("List the journal entries"), cmd_journal_list },
  { NULL, NULL, NULL },
};

int
sillon_cli_journal (int argc, char **argv)
{
  return dispatch (argc, argv, _ ("Usage: sillon-cli journal SUBCOMMAND [--vault PATH] [--passphrase-fd N]"),
                   journal_commands);
}

/* ---- person --------------------------------------------------------------- */

static int
cmd_person_export (int argc, char **argv)
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
  if (argc != 2)
    {
      sillon_cli_error ("%s", _ ("give exactly one person id"));
      return SILLON_CLI_EXIT_USAGE;
    }
  if (!parse_id (argv[1], &id))
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
    {
      if (g_error_matches (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_NOT_FOUND))
        {
          /* Translators: %lld is a person's id. */
          sillon_cli_error (_ ("There is no person with id %lld."), (long long) id);
          return SILLON_CLI_EXIT_NO_SUCH_RECORD;
        }
      return sillon_cli_report_error (error, common.vault_path);
    }

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

static int
cmd_person_erase (int argc, char **argv)
{
  g_auto (SillonCliCommonOptions) common = { 0 };
  g_autoptr (SillonCliVault) cv = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *details = NULL;
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
  if (argc != 2)
    {
      sillon_cli_error ("%s", _ ("give exactly one person id"));
      return SILLON_CLI_EXIT_USAGE;
    }
  if (!parse_id (argv[1], &id))
    return SILLON_CLI_EXIT_USAGE;
  if (!yes)
    {
      sillon_cli_error ("%s", _ ("Erasing cannot be undone: add --yes to confirm."));
      return SILLON_CLI_EXIT_REFUSED;
    }

  cv = sillon_cli_vault_open (&common, &ret);
  if (cv == NULL)
    return ret;

  /* The erasure and its journal entry commit together. */
  details = g_strdup_printf ("{\"beneficiary\":%" G_GINT64_FORMAT "}", id);
  if (!sillon_store_begin (cv->store, &error))
    return sillon_cli_report_error (error, common.vault_path);
  if (!sillon_store_erase_beneficiary (cv->store, id, &error) ||
      !sillon_cli_vault_journal (cv, SILLON_JOURNAL_ERASE, details, &error) ||
      !sillon_store_commit (cv->store, &error))
    {
      sillon_store_rollback (cv->store);
      if (g_error_matches (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_NOT_FOUND))
        {
          sillon_cli_error (_ ("There is no person with id %lld."), (long long) id);
          return SILLON_CLI_EXIT_NO_SUCH_RECORD;
        }
      return sillon_cli_report_error (error, common.vault_path);
    }
  /* Translators: %lld is a person's id. */
  g_print (_ ("Erased person %lld and everything linked to them.\n"), (long long) id);
  return SILLON_CLI_EXIT_OK;
}

/* id, name, birth year, commune (INSEE code): the columns of `search`. */
static void
print_person (const SillonBeneficiary *b)
{
  g_autofree char *name = NULL;

  if (b->first_name != NULL && b->last_name != NULL)
    name = g_strconcat (b->first_name, " ", b->last_name, NULL);
  else
    name = g_strdup (b->first_name != NULL ? b->first_name : b->last_name);
  printf ("%" G_GINT64_FORMAT "\t", b->id);
  sillon_cli_print_field (name);
  fputc ('\t', stdout);
  if (b->birth_year != 0)
    printf ("%d", b->birth_year);
  fputc ('\t', stdout);
  sillon_cli_print_field (b->commune_insee);
}

static int
cmd_person_search (int argc, char **argv)
{
  g_auto (SillonCliCommonOptions) common = { 0 };
  g_autoptr (SillonCliVault) cv = NULL;
  g_autoptr (GPtrArray) found = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *query = NULL;
  int limit = 20;
  int ret;
  const GOptionEntry entries[] = {
    { "limit", 'l', 0, G_OPTION_ARG_INT, &limit, N_ ("Show at most N people (default 20)"), N_ ("N") },
    { NULL }
  };

  ret = sillon_cli_parse_options (&argc, &argv, _ ("TEXT…"),
                                  _ ("Searches the people by name, ignoring accents and case, tolerating typos. "
                                     "Prints id, name, birth year and commune (INSEE code), tab-separated, one person per line."),
                                  entries, &common);
  if (ret >= 0)
    return ret;
  if (argc < 2)
    {
      sillon_cli_error ("%s", _ ("give the text to search for"));
      return SILLON_CLI_EXIT_USAGE;
    }
  if (limit < 1)
    {
      sillon_cli_error ("%s", _ ("--limit must be at least 1"));
      return SILLON_CLI_EXIT_USAGE;
    }
  query = g_strjoinv (" ", argv + 1);

  cv = sillon_cli_vault_open (&common, &ret);
  if (cv == NULL)
    return ret;
  found = sillon_store_search_beneficiaries (cv->store, query, (guint) limit, &error);
  if (found == NULL)
    return sillon_cli_report_error (error, common.vault_path);
  for (guint i = 0; i < found->len; i++)
    {
      print_person (g_ptr_array_index (found, i));
      fputc ('\n', stdout);
    }
  if (found->len == 0)
    g_printerr ("%s\n", _ ("No person matches."));
  return sillon_cli_flush_stdout ();
}

static int
cmd_person_duplicates (int argc, char **argv)
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
  if (argc != 2)
    {
      sillon_cli_error ("%s", _ ("give exactly one person id"));
      return SILLON_CLI_EXIT_USAGE;
    }
  if (!parse_id (argv[1], &id))
    return SILLON_CLI_EXIT_USAGE;

  cv = sillon_cli_vault_open (&common, &ret);
  if (cv == NULL)
    return ret;
  b = sillon_store_get_beneficiary (cv->store, id, &error);
  if (b == NULL)
    {
      if (g_error_matches (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_NOT_FOUND))
        {
          sillon_cli_error (_ ("There is no person with id %lld."), (long long) id);
          return SILLON_CLI_EXIT_NO_SUCH_RECORD;
        }
      return sillon_cli_report_error (error, common.vault_path);
    }
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

static int
cmd_person_merge (int argc, char **argv)
{
  g_auto (SillonCliCommonOptions) common = { 0 };
  g_autoptr (SillonCliVault) cv = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *details = NULL;
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
  if (!parse_id (argv[1], &keep) || !parse_id (argv[2], &drop))
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

  /* The merge erases DROP: it is journaled as an erasure, and both commit
   * together. */
  details = g_strdup_printf ("{\"beneficiary\":%" G_GINT64_FORMAT ",\"merged_into\":%" G_GINT64_FORMAT "}", drop, keep);
  if (!sillon_store_begin (cv->store, &error))
    return sillon_cli_report_error (error, common.vault_path);
  if (!sillon_store_merge_beneficiaries (cv->store, keep, drop, &error) ||
      !sillon_cli_vault_journal (cv, SILLON_JOURNAL_ERASE, details, &error) ||
      !sillon_store_commit (cv->store, &error))
    {
      sillon_store_rollback (cv->store);
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

static const SillonCliCommand person_commands[] = {
  { "search", N_ ("Search the people by name"), cmd_person_search },
  { "duplicates", N_ ("List the likely duplicates of one person"), cmd_person_duplicates },
  { "merge", N_ ("Merge two records of the same person"), cmd_person_merge },
  { "export", N_ ("Export everything about one person as JSON"), cmd_person_export },
  { "erase", N_ ("Erase one person and everything linked to them"), cmd_person_erase },
  { NULL, NULL, NULL },
};

int
sillon_cli_person (int argc, char **argv)
{
  return dispatch (argc, argv, _ ("Usage: sillon-cli person SUBCOMMAND [--vault PATH] [--passphrase-fd N] ARGUMENTS…"),
                   person_commands);
}

/* ---- retention ------------------------------------------------------------ */

int
sillon_cli_retention (int argc, char **argv)
{
  g_auto (SillonCliCommonOptions) common = { 0 };
  g_autoptr (SillonCliVault) cv = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *details = NULL;
  gboolean dry_run = FALSE;
  int months = SILLON_STORE_DEFAULT_RETENTION_MONTHS;
  guint anonymised = 0;
  int ret;
  const GOptionEntry entries[] = {
    { "months", 'm', 0, G_OPTION_ARG_INT, &months, N_ ("Anonymise people untouched for N months (default 12)"), N_ ("N") },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run, N_ ("Count the people concerned and change nothing"), NULL },
    { NULL }
  };

  if (!sillon_cli_init_secure ())
    return SILLON_CLI_EXIT_FAILURE;
  ret = sillon_cli_parse_options (&argc, &argv, "",
                                  _ ("Applies the retention period: people with no update and no activity for N months are anonymised "
                                     "(identity, contact and free text removed; the statistics are kept). Journaled."),
                                  entries, &common);
  if (ret >= 0 || !sillon_cli_check_no_arguments (argc, argv, &ret))
    return ret;
  if (months < 1 || months > 1200)
    {
      sillon_cli_error ("%s", _ ("--months must be from 1 to 1200"));
      return SILLON_CLI_EXIT_USAGE;
    }

  cv = sillon_cli_vault_open (&common, &ret);
  if (cv == NULL)
    return ret;

  if (!sillon_store_begin (cv->store, &error))
    return sillon_cli_report_error (error, common.vault_path);
  if (!sillon_store_apply_retention (cv->store, (guint) months, NULL, &anonymised, &error))
    {
      sillon_store_rollback (cv->store);
      return sillon_cli_report_error (error, common.vault_path);
    }
  if (dry_run)
    {
      /* The same code path as the real run, undone: the count cannot
       * drift from what a real run would do. */
      sillon_store_rollback (cv->store);
      g_print (ngettext ("%u person would be anonymised (dry run: nothing changed).\n",
                         "%u people would be anonymised (dry run: nothing changed).\n", anonymised),
               anonymised);
      return SILLON_CLI_EXIT_OK;
    }
  details = g_strdup_printf ("{\"retention_months\":%d,\"anonymised\":%u}", months, anonymised);
  if (!sillon_cli_vault_journal (cv, SILLON_JOURNAL_ERASE, details, &error) ||
      !sillon_store_commit (cv->store, &error))
    {
      sillon_store_rollback (cv->store);
      return sillon_cli_report_error (error, common.vault_path);
    }
  g_print (ngettext ("%u person anonymised.\n", "%u people anonymised.\n", anonymised), anonymised);
  return SILLON_CLI_EXIT_OK;
}
