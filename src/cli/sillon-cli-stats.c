/* sillon-cli-stats.c — `sillon-cli stats`: publishable tables, Coop exports,
 * site bundles and their merge
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Exports of personal data (activities, beneficiaries) are journaled with
 * counts only and written only to the file the user names.
 */

#include "config.h"

#include "sillon-cli-common.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "sillon-cli.h"
#include "sillon-stats-dp.h"
#include "sillon-stats-export.h"
#include "sillon-stats-indicators.h"

int sillon_cli_stats (int argc, char **argv);

static void
print_subcommands (FILE *stream, const char *usage, const SillonCliCommand *commands)
{
  fprintf (stream, "%s\n\n%s\n", usage, _ ("Subcommands:"));
  for (const SillonCliCommand *c = commands; c->name != NULL; c++)
    fprintf (stream, "  %-22s %s\n", c->name, _ (c->summary));
  fprintf (stream, "\n%s", sillon_cli_exit_codes_help ());
}

static int
exit_code_for (const GError *error)
{
  if (error->domain != SILLON_STATS_ERROR)
    return sillon_cli_exit_code_for_error (error);
  switch (error->code)
    {
      case SILLON_STATS_ERROR_INVALID:
        return SILLON_CLI_EXIT_USAGE;
      case SILLON_STATS_ERROR_SQL:
        return SILLON_CLI_EXIT_SQL;
      case SILLON_STATS_ERROR_BUDGET:
        return SILLON_CLI_EXIT_REFUSED;
      case SILLON_STATS_ERROR_IO:
        return SILLON_CLI_EXIT_IO;
      default:
        return SILLON_CLI_EXIT_INVALID_INPUT;
    }
}

static int
report (const GError *error, const char *vault_path)
{
  if (error->domain != SILLON_STATS_ERROR)
    return sillon_cli_report_error (error, vault_path);
  sillon_cli_error ("%s", error->message);
  return exit_code_for (error);
}

static gboolean
parse_period_option (const char *period, char **from, char **to, int *out_exit)
{
  g_autoptr (GError) error = NULL;

  if (period == NULL)
    {
      sillon_cli_error ("%s", _ ("give the period with --period, for example --period 2026-01..2026-06"));
      *out_exit = SILLON_CLI_EXIT_USAGE;
      return FALSE;
    }
  if (!sillon_stats_parse_period (period, from, to, &error))
    {
      sillon_cli_error ("%s", error->message);
      *out_exit = SILLON_CLI_EXIT_USAGE;
      return FALSE;
    }
  return TRUE;
}

static gboolean
require_out (const char *out, int *out_exit)
{
  if (out == NULL)
    {
      sillon_cli_error ("%s", _ ("give the file to write with --out: nothing is written anywhere else"));
      *out_exit = SILLON_CLI_EXIT_USAGE;
      return FALSE;
    }
  return TRUE;
}

/* ---- tables --------------------------------------------------------------- */

static int
cmd_tables (int argc, char **argv)
{
  g_auto (SillonCliCommonOptions) common = { 0 };
  g_autoptr (SillonCliVault) cv = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonStatsRelease) release = NULL;
  g_autofree char *period = NULL;
  g_autofree char *out = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *noise = NULL;
  int k = SILLON_STATS_DEFAULT_K;
  gint64 epsilon = 0;
  SillonStatsFormat format = SILLON_STATS_FORMAT_JSON;
  int ret;
  const GOptionEntry entries[] = {
    { "period", 'p', 0, G_OPTION_ARG_STRING, &period, N_ ("The period: 2026, 2026-03, 2026-01..2026-06…"), N_ ("PERIOD") },
    { "k", 'k', 0, G_OPTION_ARG_INT, &k, N_ ("Hide cells of fewer than K distinct people (default 11, at least 5)"), N_ ("K") },
    { "noise", 0, 0, G_OPTION_ARG_STRING, &noise, N_ ("Publish the tables of people with differential privacy at this ε instead (charged to the vault’s yearly budget)"), N_ ("EPSILON") },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_ ("Write to FILE (.csv, .xlsx or .json) instead of standard output (JSON)"), N_ ("FILE") },
    { NULL }
  };

  ret = sillon_cli_parse_options (&argc, &argv, "",
                                  _ ("Computes the publishable tables of a period: the Coop’s indicators and Sillon’s own, "
                                     "with the cells of fewer than K people hidden, and enough others hidden that none can be recomputed."),
                                  entries, &common);
  if (ret >= 0 || !sillon_cli_check_no_arguments (argc, argv, &ret))
    return ret;
  if (!parse_period_option (period, &from, &to, &ret))
    return ret;
  if (k < SILLON_STATS_MIN_K)
    {
      /* Translators: %d are numbers of people */
      sillon_cli_error (_ ("--k %d is too low: it must be at least %d"), k, SILLON_STATS_MIN_K);
      return SILLON_CLI_EXIT_USAGE;
    }
  if (out != NULL && !sillon_stats_format_from_path (out, &format, &error))
    return report (error, NULL);
  if (noise != NULL && !sillon_stats_epsilon_parse (noise, &epsilon, &error))
    return report (error, NULL);

  cv = sillon_cli_vault_open (&common, &ret);
  if (cv == NULL)
    return ret;
  release = sillon_stats_compute (cv->store, from, to, &error);
  if (release == NULL)
    return report (error, common.vault_path);
  if (noise != NULL)
    {
      /* Charged before drawing: a refused release draws nothing. */
      if (!sillon_stats_dp_charge (cv->store, from, to, epsilon, &error) ||
          !sillon_stats_release_add_noise (release, epsilon, &error))
        return report (error, common.vault_path);
    }
  else if (!sillon_stats_release_suppress (release, (guint) k, &error))
    return report (error, common.vault_path);
  if (out == NULL)
    {
      g_autofree char *json = sillon_stats_release_to_json (release, sillon_store_get_vocabulary (cv->store));

      g_print ("%s\n", json);
      return sillon_cli_flush_stdout ();
    }
  if (!sillon_stats_release_write (release, sillon_store_get_vocabulary (cv->store), format, out, &error))
    return report (error, common.vault_path);
  return SILLON_CLI_EXIT_OK;
}

/* ---- Coop exports (personal data) ------------------------------------------ */

static int
cmd_export_activities (int argc, char **argv)
{
  g_auto (SillonCliCommonOptions) common = { 0 };
  g_autoptr (SillonCliVault) cv = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *period = NULL;
  g_autofree char *out = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *details = NULL;
  SillonStatsFormat format;
  guint rows = 0;
  int ret;
  const GOptionEntry entries[] = {
    { "period", 'p', 0, G_OPTION_ARG_STRING, &period, N_ ("The period: 2026, 2026-03, 2026-01..2026-06…"), N_ ("PERIOD") },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_ ("The file to write (.csv or .xlsx), readable by you only"), N_ ("FILE") },
    { NULL }
  };

  ret = sillon_cli_parse_options (&argc, &argv, "",
                                  _ ("Exports one row per accompaniment with the columns of La Coop de la médiation numérique’s "
                                     "activities export. It holds personal data: the export is journaled."),
                                  entries, &common);
  if (ret >= 0 || !sillon_cli_check_no_arguments (argc, argv, &ret))
    return ret;
  if (!parse_period_option (period, &from, &to, &ret) || !require_out (out, &ret))
    return ret;
  if (!sillon_stats_format_from_path (out, &format, &error) || format == SILLON_STATS_FORMAT_JSON)
    {
      if (error == NULL)
        sillon_cli_error ("%s", _ ("the activities export is written as .csv or .xlsx"));
      else
        sillon_cli_error ("%s", error->message);
      return SILLON_CLI_EXIT_USAGE;
    }
  cv = sillon_cli_vault_open (&common, &ret);
  if (cv == NULL)
    return ret;
  if (!sillon_stats_export_activities (cv->store, from, to, format, out, &rows, &error))
    return report (error, common.vault_path);
  details = g_strdup_printf ("{\"kind\":\"coop-activities\",\"from\":\"%s\",\"to\":\"%s\",\"rows\":%u}", from, to, rows);
  if (!sillon_cli_vault_journal (cv, SILLON_JOURNAL_EXPORT, details, &error))
    return sillon_cli_report_error (error, common.vault_path);
  /* Translators: %u is a number of rows, %s a file name */
  g_print (ngettext ("%u accompaniment written to %s\n", "%u accompaniments written to %s\n", rows), rows, out);
  return SILLON_CLI_EXIT_OK;
}

static int
cmd_export_beneficiaries (int argc, char **argv)
{
  g_auto (SillonCliCommonOptions) common = { 0 };
  g_autoptr (SillonCliVault) cv = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *details = NULL;
  SillonStatsFormat format;
  guint rows = 0, skipped = 0;
  int ret;
  const GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_ ("The file to write (.xlsx or .csv), readable by you only"), N_ ("FILE") },
    { NULL }
  };

  ret = sillon_cli_parse_options (&argc, &argv, "",
                                  _ ("Exports the people of the vault in the import template of La Coop de la médiation numérique "
                                     "(sheet “Bénéficiaires”, data from row 4). It holds personal data: the export is journaled."),
                                  entries, &common);
  if (ret >= 0 || !sillon_cli_check_no_arguments (argc, argv, &ret))
    return ret;
  if (!require_out (out, &ret))
    return ret;
  if (!sillon_stats_format_from_path (out, &format, &error) || format == SILLON_STATS_FORMAT_JSON)
    {
      if (error == NULL)
        sillon_cli_error ("%s", _ ("the beneficiaries export is written as .xlsx or .csv"));
      else
        sillon_cli_error ("%s", error->message);
      return SILLON_CLI_EXIT_USAGE;
    }
  cv = sillon_cli_vault_open (&common, &ret);
  if (cv == NULL)
    return ret;
  if (!sillon_stats_export_beneficiaries (cv->store, format, out, &rows, &skipped, &error))
    return report (error, common.vault_path);
  details = g_strdup_printf ("{\"kind\":\"coop-beneficiaries\",\"rows\":%u,\"skipped\":%u}", rows, skipped);
  if (!sillon_cli_vault_journal (cv, SILLON_JOURNAL_EXPORT, details, &error))
    return sillon_cli_report_error (error, common.vault_path);
  /* Translators: %u is a number of people, %s a file name */
  g_print (ngettext ("%u person written to %s\n", "%u people written to %s\n", rows), rows, out);
  if (skipped > 0)
    /* Translators: %u is a number of people */
    g_print (ngettext ("%u person without a name was left out: the Coop requires a last and a first name.\n",
                       "%u people without a name were left out: the Coop requires a last and a first name.\n", skipped),
             skipped);
  return SILLON_CLI_EXIT_OK;
}

/* ---- the privacy ledger ------------------------------------------------------ */

static int
cmd_ledger (int argc, char **argv)
{
  g_auto (SillonCliCommonOptions) common = { 0 };
  g_autoptr (SillonCliVault) cv = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *budget = NULL;
  int year = 0;
  int ret;
  sqlite3_stmt *stmt = NULL;
  const GOptionEntry entries[] = {
    { "year", 'y', 0, G_OPTION_ARG_INT, &year, N_ ("With --set-budget: the year"), N_ ("YEAR") },
    { "set-budget", 0, 0, G_OPTION_ARG_STRING, &budget, N_ ("Set the year’s privacy budget ε (default 1)"), N_ ("EPSILON") },
    { NULL }
  };

  ret = sillon_cli_parse_options (&argc, &argv, "",
                                  _ ("Lists the differentially private releases charged to each year’s privacy budget: "
                                     "year, period, ε spent, time. A release over budget is refused."),
                                  entries, &common);
  if (ret >= 0 || !sillon_cli_check_no_arguments (argc, argv, &ret))
    return ret;
  cv = sillon_cli_vault_open (&common, &ret);
  if (cv == NULL)
    return ret;
  if (budget != NULL)
    {
      gint64 micro = 0;

      if (year < 1900 || year > 9999)
        {
          sillon_cli_error ("%s", _ ("give the year of the budget with --year"));
          return SILLON_CLI_EXIT_USAGE;
        }
      if (!sillon_stats_epsilon_parse (budget, &micro, &error) ||
          !sillon_stats_dp_set_budget (cv->store, year, micro, &error))
        return report (error, common.vault_path);
    }
  if (sqlite3_prepare_v2 (sillon_store_get_db (cv->store),
                          "SELECT year, period_from, period_to, epsilon_micro, released_unix FROM stats_dp_ledger ORDER BY id",
                          -1, &stmt, NULL) != SQLITE_OK)
    {
      sillon_cli_error ("%s", sqlite3_errmsg (sillon_store_get_db (cv->store)));
      return SILLON_CLI_EXIT_SQL;
    }
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 micro = sqlite3_column_int64 (stmt, 3);
      g_autoptr (GDateTime) at = g_date_time_new_from_unix_utc (sqlite3_column_int64 (stmt, 4));
      g_autofree char *when = at != NULL ? g_date_time_format_iso8601 (at) : g_strdup ("?");

      g_print ("%d\t%s..%s\t%" G_GINT64_FORMAT ".%06" G_GINT64_FORMAT "\t%s\n", sqlite3_column_int (stmt, 0),
               (const char *) sqlite3_column_text (stmt, 1), (const char *) sqlite3_column_text (stmt, 2),
               micro / SILLON_STATS_EPSILON_UNIT, micro % SILLON_STATS_EPSILON_UNIT, when);
    }
  sqlite3_finalize (stmt);
  return sillon_cli_flush_stdout ();
}

static const SillonCliCommand stats_commands[] = {
  { "tables", N_ ("Compute the publishable tables of a period"), cmd_tables },
  { "ledger", N_ ("List or set the privacy budget of noisy releases"), cmd_ledger },
  { "export-activities", N_ ("Export the activities as the Coop does (personal data)"), cmd_export_activities },
  { "export-beneficiaries", N_ ("Export the people in the Coop’s import template (personal data)"), cmd_export_beneficiaries },
  { NULL, NULL, NULL },
};

int
sillon_cli_stats (int argc, char **argv)
{
  const char *usage = _ ("Usage: sillon-cli stats SUBCOMMAND [OPTIONS…]");
  const char *name;

  if (!sillon_cli_init_secure ())
    return SILLON_CLI_EXIT_FAILURE;
  if (argc < 2)
    {
      print_subcommands (stderr, usage, stats_commands);
      return SILLON_CLI_EXIT_USAGE;
    }
  name = argv[1];
  if (g_str_equal (name, "--help") || g_str_equal (name, "-h") || g_str_equal (name, "help"))
    {
      print_subcommands (stdout, usage, stats_commands);
      return SILLON_CLI_EXIT_OK;
    }
  for (const SillonCliCommand *c = stats_commands; c->name != NULL; c++)
    if (g_str_equal (name, c->name))
      {
        g_autofree char *prgname = g_strdup_printf ("%s %s", argv[0], c->name);
        argv[1] = prgname;
        g_set_prgname (prgname);
        return c->handler (argc - 1, argv + 1);
      }
  /* Translators: %s is the subcommand the user typed. */
  sillon_cli_error (_ ("unknown subcommand “%s”"), name);
  print_subcommands (stderr, usage, stats_commands);
  return SILLON_CLI_EXIT_USAGE;
}
