/* sillon-cli.c — command-line entry point: the one command table and its dispatcher
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-cli.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sillon-cli-common.h"
#include "sillon-core.h"

/* Every command at every level, in the order the help lists them. A row
 * without a handler is a group: its subcommands are the rows whose name is
 * the group's followed by a space. A new command is one row here and its
 * handler's prototype in sillon-cli.h. */
static const SillonCliCommand commands[] = {
  { "assess", N_ ("Score and compare pouvoir/vouloir/savoir assessments"), NULL },
  { "assess show", N_ ("Score one answer set: coverage, degree and orientations"), sillon_cli_assess_show },
  { "assess compare", N_ ("Compare two answer sets, or a person’s stored assessments"), sillon_cli_assess_compare },
  { "assess path", N_ ("A person’s path over several answer sets or their stored assessments (JSON)"), sillon_cli_assess_path },
  { "assess quick", N_ ("List the questions of the quick assessment"), sillon_cli_assess_quick },
  { "assess next", N_ ("List the questions an answer set has not asked yet"), sillon_cli_assess_next },
  { "vault", N_ ("Create, check and maintain the encrypted vault"), NULL },
  { "vault create", N_ ("Create a vault and print its recovery key"), sillon_cli_vault_create },
  { "vault info", N_ ("List the keyslots"), sillon_cli_vault_info },
  { "vault verify", N_ ("Authenticate every page and check integrity"), sillon_cli_vault_verify },
  { "vault repair", N_ ("Rewrite a stale header copy and fold the log into the vault"), sillon_cli_vault_repair },
  { "vault passwd", N_ ("Change your passphrase"), sillon_cli_vault_passwd },
  { "vault add-slot", N_ ("Add a keyslot for another mediator"), sillon_cli_vault_add_slot },
  { "vault remove-slot", N_ ("Remove a keyslot"), sillon_cli_vault_remove_slot },
  { "vault recover", N_ ("Set a new passphrase with the recovery key"), sillon_cli_vault_recover },
  { "vault backup", N_ ("Write an encrypted backup"), sillon_cli_vault_backup },
  { "vault restore", N_ ("Restore a backup into a new vault file"), sillon_cli_vault_restore },
  { "vault rotate", N_ ("Re-encrypt under a new master key"), sillon_cli_vault_rotate },
  { "vault shell", N_ ("Run SQL from standard input (expert maintenance)"), sillon_cli_vault_shell },
  { "places", N_ ("Import and search the directory of places"), NULL },
  { "places import", N_ ("Import a directory file (CSV or JSON) and print a validation report"), sillon_cli_places_import },
  { "places search", N_ ("Search the directory of places"), sillon_cli_places_search },
  { "places hours", N_ ("Check an opening_hours value: in words, and open now or when"), sillon_cli_places_hours },
  { "demo", N_ ("Fill a vault with the made-up reference dataset"), sillon_cli_demo },
  { "journal", N_ ("Verify and list the journal of sensitive actions"), NULL },
  { "journal verify", N_ ("Check that no journal entry was edited, deleted or moved"), sillon_cli_journal_verify },
  { "journal list", N_ ("List the journal entries"), sillon_cli_journal_list },
  { "person", N_ ("Search, merge, export or erase the people's records"), NULL },
  { "person search", N_ ("Search the people by name"), sillon_cli_person_search },
  { "person duplicates", N_ ("List the likely duplicates of one person"), sillon_cli_person_duplicates },
  { "person merge", N_ ("Merge two records of the same person"), sillon_cli_person_merge },
  { "person export", N_ ("Export everything about one person as JSON"), sillon_cli_person_export },
  { "person erase", N_ ("Erase one person and everything linked to them"), sillon_cli_person_erase },
  { "retention", N_ ("Anonymise people untouched for a number of months"), sillon_cli_retention },
  { "sheet", N_ ("Print the people’s sheets to PDF and verify a sheet’s code"), NULL },
  { "sheet progress", N_ ("The person’s progress sheet (“my digital journey”)"), sillon_cli_sheet_print },
  { "sheet referral", N_ ("A referral sheet: for the person and for the receiving structure"), sillon_cli_sheet_print },
  { "sheet notice", N_ ("The information notice: what is kept, why, and the person’s rights"), sillon_cli_sheet_print },
  { "sheet record", N_ ("Everything stored about the person, readable (right of access)"), sillon_cli_sheet_print },
  { "sheet verify", N_ ("Check the code printed on a sheet"), sillon_cli_sheet_verify },
  { "stats", N_ ("Statistics: publishable tables, Coop exports, site bundles"), NULL },
  { "stats tables", N_ ("Compute the publishable tables of a period"), sillon_cli_stats_tables },
  { "stats keygen", N_ ("Make a coordinator’s key pair"), sillon_cli_stats_keygen },
  { "stats site-key", N_ ("Print this site’s public key for the coordinator’s trust list"), sillon_cli_stats_site_key },
  { "stats bundle", N_ ("Write this site’s counts, signed and sealed for the coordinator"), sillon_cli_stats_bundle },
  { "stats merge", N_ ("Verify and add up the sites’ bundles, then protect the result"), sillon_cli_stats_merge },
  { "stats ledger", N_ ("List or set the privacy budget of noisy releases"), sillon_cli_stats_ledger },
  { "stats export-activities", N_ ("Export the activities as the Coop does (personal data)"), sillon_cli_stats_export_activities },
  { "stats export-beneficiaries", N_ ("Export the people in the Coop’s import template (personal data)"), sillon_cli_stats_export_beneficiaries },
  { "commune", N_ ("Find a French commune by name, postal code or code INSEE"), NULL },
  { "commune search", N_ ("Complete a commune from the start of its name or postal code"), sillon_cli_commune_search },
  { "commune show", N_ ("Show the commune with a code INSEE"), sillon_cli_commune_show },
  { NULL, NULL, NULL },
};

void
sillon_cli_error (const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;
  g_autofree char *escaped = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* Messages quote file names, values and other programs' words. */
  escaped = sillon_cli_escape (message, SILLON_CLI_ESCAPE_TEXT);
  g_printerr ("sillon-cli: %s\n", escaped);
}

/* The last word of @c's name when @c sits directly under @group (NULL: the
 * top level), else NULL. */
static const char *
name_under (const SillonCliCommand *c, const char *group)
{
  const char *rest = c->name;

  if (group != NULL)
    {
      size_t length = strlen (group);

      if (strncmp (c->name, group, length) != 0 || c->name[length] != ' ')
        return NULL;
      rest = c->name + length + 1;
    }
  return strchr (rest, ' ') == NULL ? rest : NULL;
}

static void
print_usage (FILE *stream, const SillonCliCommand *table, const char *group)
{
  if (group == NULL)
    {
      fprintf (stream, "%s\n\n", _ ("Usage: sillon-cli [--version] [--help] COMMAND [ARGUMENTS…]"));
      fprintf (stream, "%s\n", _ ("Sillon’s command-line tool: the same vault and data as the application."));
      fprintf (stream, "\n%s\n", _ ("Commands:"));
    }
  else
    {
      /* Translators: %s is a command that has subcommands, such as “vault”. */
      fprintf (stream, _ ("Usage: sillon-cli %s SUBCOMMAND [--vault PATH] [--passphrase-fd N] [OPTIONS…]\n\n"), group);
      fprintf (stream, "%s\n", _ ("Subcommands:"));
    }
  /* The summaries in one column, after the level's longest name
   * (“export-beneficiaries” under “stats”). */
  int width = 12;
  for (const SillonCliCommand *c = table; c->name != NULL; c++)
    {
      const char *name = name_under (c, group);
      if (name != NULL)
        width = MAX (width, (int) strlen (name));
    }
  for (const SillonCliCommand *c = table; c->name != NULL; c++)
    {
      const char *name = name_under (c, group);
      if (name != NULL)
        fprintf (stream, "  %-*s %s\n", width, name, _ (c->summary));
    }
  if (group == NULL)
    {
      fprintf (stream, "\n%s\n", _ ("Run “sillon-cli COMMAND --help” for the options of one command."));
      return;
    }
  fputc ('\n', stream);
  /* Translators: %s is a command that has subcommands, such as “vault”. */
  fprintf (stream, _ ("Run “sillon-cli %s SUBCOMMAND --help” for its options.\n"), group);
  fprintf (stream, "\n%s\n%s", sillon_cli_passphrase_fd_help (), sillon_cli_exit_codes_help ());
}

int
sillon_cli_dispatch (const SillonCliCommand *table, const char *group, int argc, char **argv)
{
  g_autofree char *full_name = NULL;
  g_autofree char *prgname = NULL;
  const char *name;

  if (argc < 2)
    {
      print_usage (stderr, table, group);
      return SILLON_CLI_EXIT_USAGE;
    }

  name = argv[1];
  if (g_str_equal (name, "--help") || g_str_equal (name, "-h") || g_str_equal (name, "help"))
    {
      print_usage (stdout, table, group);
      return SILLON_CLI_EXIT_OK;
    }
  if (group == NULL && (g_str_equal (name, "--version") || g_str_equal (name, "-V")))
    {
      g_print ("sillon-cli %s\n", sillon_version ());
      return SILLON_CLI_EXIT_OK;
    }

  full_name = group != NULL ? g_strdup_printf ("%s %s", group, name) : g_strdup (name);
  for (const SillonCliCommand *c = table; c->name != NULL; c++)
    {
      if (!g_str_equal (c->name, full_name))
        continue;
      /* The command's own help then reads "Usage: sillon-cli vault create …". */
      prgname = g_strdup_printf ("%s %s", group != NULL ? argv[0] : "sillon-cli", name);
      argv[1] = prgname;
      g_set_prgname (prgname);
      if (c->handler != NULL)
        return c->handler (argc - 1, argv + 1);
      return sillon_cli_dispatch (table, c->name, argc - 1, argv + 1);
    }

  if (group == NULL)
    /* Translators: %s is the command the user typed. */
    sillon_cli_error (_ ("unknown command “%s”"), name);
  else
    /* Translators: %s is the subcommand the user typed. */
    sillon_cli_error (_ ("unknown subcommand “%s”"), name);
  print_usage (stderr, table, group);
  return SILLON_CLI_EXIT_USAGE;
}

/* Whatever a command prints through g_print () or g_printerr () reaches a
 * terminal: a report, a message, a path the user typed or tab-completed
 * from a downloaded archive. Every control character is escaped on the
 * way (\u001b for ESC), as the listings escape their fields, so that no
 * file name or value can move the cursor, retitle the window or hide a
 * line; tabs and line feeds are the messages' own layout and stay. Then
 * it is written as GLib writes it: converted when the console is not
 * UTF-8, and flushed. */
static void
write_escaped (FILE *stream, const char *string)
{
  g_autofree char *escaped = sillon_cli_escape (string, SILLON_CLI_ESCAPE_TEXT);
  g_autofree char *converted = NULL;
  const char *charset;

  if (!g_get_console_charset (&charset))
    converted = g_convert_with_fallback (escaped, -1, charset, "UTF-8", "?", NULL, NULL, NULL);
  if (fputs (converted != NULL ? converted : escaped, stream) != EOF)
    fflush (stream);
}

static void
print_escaped (const char *string)
{
  write_escaped (stdout, string);
}

static void
printerr_escaped (const char *string)
{
  write_escaped (stderr, string);
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;

  g_set_print_handler (print_escaped);
  g_set_printerr_handler (printerr_escaped);
  sillon_process_init_i18n ();
  if (!sillon_process_init (&error))
    {
      sillon_cli_error ("%s", error->message);
      return SILLON_CLI_EXIT_FAILURE;
    }
  /* No core dumps (they could hold the master key) and libsodium ready,
   * before any command reads a secret. */
  if (!sillon_cli_init_secure ())
    return SILLON_CLI_EXIT_FAILURE;

  return sillon_cli_dispatch (commands, NULL, argc, argv);
}
