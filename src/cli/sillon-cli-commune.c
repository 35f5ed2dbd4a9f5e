/* sillon-cli-commune.c — `sillon-cli commune …`: the built-in list of French communes
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "sillon-cli-common.h"
#include "sillon-cli.h"
#include "sillon-communes.h"

/* No vault: the list is public data built into Sillon. */

static void
print_commune (const SillonCommune *c)
{
  g_autofree char *postal = g_strjoinv (" ", (char **) c->postal_codes);

  const char *fields[] = { c->insee, c->name, c->departement, c->departement_name, postal };

  /* Built-in data, yet printed like every other value: one escaped field
   * per column, so that a line is always one commune. */
  sillon_cli_print_fields (fields, G_N_ELEMENTS (fields));
  fputc ('\n', stdout);
}

/* The list built into Sillon; NULL, after saying why, when it cannot be
 * read (a damaged installation). */
static SillonCommunes *
load_communes (void)
{
  g_autoptr (GError) error = NULL;
  SillonCommunes *communes = sillon_communes_get_default (&error);

  if (communes == NULL)
    sillon_cli_error ("%s", error->message);
  return communes;
}

static int
parse (int *argc,
       char ***argv,
       const char *parameters,
       const char *summary,
       const GOptionEntry *entries)
{
  g_autoptr (GOptionContext) context = g_option_context_new (parameters);
  g_autoptr (GError) error = NULL;

  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      sillon_cli_error ("%s", error->message);
      return SILLON_CLI_EXIT_USAGE;
    }
  return -1;
}

int
sillon_cli_commune_search (int argc, char **argv)
{
  g_autoptr (GPtrArray) found = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *query = NULL;
  SillonCommunes *communes;
  int limit = 20;
  int ret;
  const GOptionEntry entries[] = {
    { "limit", 'l', 0, G_OPTION_ARG_INT, &limit, N_ ("Show at most N communes (default 20)"), N_ ("N") },
    { NULL }
  };

  ret = parse (&argc, &argv, _ ("TEXT…"),
               _ ("Completes a commune from the start of its name (accents, case and “St” for “Saint” do not "
                  "matter) or of its postal code. Prints code INSEE, name, département code, département "
                  "and postal codes, tab-separated, the best match first."),
               entries);
  if (ret >= 0)
    return ret;
  if (argc < 2)
    {
      sillon_cli_error ("%s", _ ("give the start of a commune’s name or of its postal code"));
      return SILLON_CLI_EXIT_USAGE;
    }
  if (limit < 1)
    limit = 1;
  query = g_strjoinv (" ", argv + 1);

  communes = load_communes ();
  if (communes == NULL)
    return SILLON_CLI_EXIT_FAILURE;
  found = sillon_communes_complete (communes, query, (guint) limit, &error);
  if (found == NULL)
    {
      sillon_cli_error ("%s", error->message);
      return SILLON_CLI_EXIT_USAGE;
    }
  for (guint i = 0; i < found->len; i++)
    print_commune (g_ptr_array_index (found, i));
  if (found->len == 0)
    g_printerr ("%s\n", _ ("No commune matches."));
  return sillon_cli_flush_stdout ();
}

int
sillon_cli_commune_show (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  const SillonCommune *commune;
  SillonCommunes *communes;
  int ret;
  const GOptionEntry entries[] = { { NULL } };

  ret = parse (&argc, &argv, _ ("CODE"),
               _ ("Prints the commune with that code INSEE: code, name, département code, département "
                  "and postal codes, tab-separated."),
               entries);
  if (ret >= 0)
    return ret;
  if (!sillon_cli_check_one_argument (argc, _ ("give one code INSEE, for example 42218")))
    return SILLON_CLI_EXIT_USAGE;
  communes = load_communes ();
  if (communes == NULL)
    return SILLON_CLI_EXIT_FAILURE;
  commune = sillon_communes_lookup (communes, argv[1], &error);
  if (commune == NULL)
    {
      sillon_cli_error ("%s", error->message);
      return g_error_matches (error, SILLON_COMMUNES_ERROR, SILLON_COMMUNES_ERROR_INVALID_CODE)
                 ? SILLON_CLI_EXIT_USAGE
                 : SILLON_CLI_EXIT_FAILURE;
    }
  print_commune (commune);
  return sillon_cli_flush_stdout ();
}
