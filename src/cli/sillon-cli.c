/* sillon-cli.c — command-line entry point: global options and subcommand dispatch
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-cli.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>

#include "sillon-process.h"
#include "sillon-version.h"

int sillon_cli_assess (int argc, char **argv);
int sillon_cli_vault (int argc, char **argv);
int sillon_cli_places (int argc, char **argv);
int sillon_cli_demo (int argc, char **argv);
int sillon_cli_journal (int argc, char **argv);
int sillon_cli_person (int argc, char **argv);
int sillon_cli_retention (int argc, char **argv);
int sillon_cli_stats (int argc, char **argv);

static const SillonCliCommand commands[] = {
  { "assess", N_ ("Score and compare pouvoir/vouloir/savoir assessments"), sillon_cli_assess },
  { "vault", N_ ("Create, check and maintain the encrypted vault"), sillon_cli_vault },
  { "places", N_ ("Import and search the directory of places"), sillon_cli_places },
  { "demo", N_ ("Fill a vault with the made-up reference dataset"), sillon_cli_demo },
  { "journal", N_ ("Verify and list the journal of sensitive actions"), sillon_cli_journal },
  { "person", N_ ("Search, merge, export or erase the people's records"), sillon_cli_person },
  { "retention", N_ ("Anonymise people untouched for a number of months"), sillon_cli_retention },
  { "stats", N_ ("Statistics: publishable tables, Coop exports, site bundles"), sillon_cli_stats },
  { NULL, NULL, NULL },
};

void
sillon_cli_error (const char *format, ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("sillon-cli: %s\n", message);
}

static void
print_usage (FILE *stream)
{
  fprintf (stream, "%s\n\n", _ ("Usage: sillon-cli [--version] [--help] COMMAND [ARGUMENTS…]"));
  fprintf (stream, "%s\n", _ ("Sillon’s command-line tool: the same vault and data as the application."));
  fprintf (stream, "\n%s\n", _ ("Commands:"));
  for (const SillonCliCommand *c = commands; c->name != NULL; c++)
    fprintf (stream, "  %-12s %s\n", c->name, _ (c->summary));
  fprintf (stream, "\n%s\n", _ ("Run “sillon-cli COMMAND --help” for the options of one command."));
}

int
main (int argc, char **argv)
{
  const char *name;

  sillon_process_init_i18n ();

  {
    g_autoptr (GError) error = NULL;
    if (!sillon_process_init (&error))
      {
        sillon_cli_error ("%s", error->message);
        return SILLON_CLI_EXIT_FAILURE;
      }
  }

  if (argc < 2)
    {
      print_usage (stderr);
      return SILLON_CLI_EXIT_USAGE;
    }

  name = argv[1];
  if (g_str_equal (name, "--version") || g_str_equal (name, "-V"))
    {
      g_print ("sillon-cli %s\n", sillon_version ());
      return SILLON_CLI_EXIT_OK;
    }
  if (g_str_equal (name, "--help") || g_str_equal (name, "-h") || g_str_equal (name, "help"))
    {
      print_usage (stdout);
      return SILLON_CLI_EXIT_OK;
    }

  for (const SillonCliCommand *c = commands; c->name != NULL; c++)
    {
      if (g_str_equal (name, c->name))
        {
          g_autofree char *prgname = g_strdup_printf ("sillon-cli %s", c->name);
          argv[1] = prgname;
          return c->handler (argc - 1, argv + 1);
        }
    }

  /* Translators: %s is the command the user typed. */
  sillon_cli_error (_ ("unknown command “%s”"), name);
  print_usage (stderr);
  return SILLON_CLI_EXIT_USAGE;
}
