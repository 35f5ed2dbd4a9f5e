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
#include <glib/gstdio.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "sillon-cli.h"
#include "sillon-core.h"

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

/* --k: a table hides its cells of fewer than K people; below
 * SILLON_STATS_MIN_K a cell could still single someone out. */
static gboolean
check_k (int k, int *out_exit)
{
  if (k < SILLON_STATS_MIN_K)
    {
      /* Translators: %d are numbers of people */
      sillon_cli_error (_ ("--k %d is too low: it must be at least %d"), k, SILLON_STATS_MIN_K);
      *out_exit = SILLON_CLI_EXIT_USAGE;
      return FALSE;
    }
  return TRUE;
}

/* The format of a personal-data export: a spreadsheet, never JSON. */
static gboolean
spreadsheet_format (const char *out, const char *message, SillonStatsFormat *format, int *out_exit)
{
  g_autoptr (GError) error = NULL;

  if (!sillon_stats_format_from_path (out, format, &error) || *format == SILLON_STATS_FORMAT_JSON)
    {
      sillon_cli_error ("%s", error != NULL ? error->message : message);
      *out_exit = SILLON_CLI_EXIT_USAGE;
      return FALSE;
    }
  return TRUE;
}

/* ---- tables --------------------------------------------------------------- */

int
sillon_cli_stats_tables (int argc, char **argv)
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
  g_autofree char *details = NULL;
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
  if (ret >= 0)
    return ret;
  if (!parse_period_option (period, &from, &to, &ret) || !check_k (k, &ret))
    return ret;
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
  /* A file that leaves the vault: journaled like every export, although
   * it holds only protected counts (standard output is not journaled: it
   * goes where the caller sends it, like any command's output). */
  details = sillon_stats_export_journal_details ("stats-tables", from, to);
  if (!sillon_cli_vault_journal (cv, SILLON_JOURNAL_EXPORT, details, &error))
    return sillon_cli_report_error (error, common.vault_path);
  return SILLON_CLI_EXIT_OK;
}

/* ---- Coop exports (personal data) ------------------------------------------ */

int
sillon_cli_stats_export_activities (int argc, char **argv)
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
  SillonStatsExporter exporter = { 0 };
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
  if (ret >= 0)
    return ret;
  if (!parse_period_option (period, &from, &to, &ret) || !require_out (out, &ret))
    return ret;
  if (!spreadsheet_format (out, _ ("the activities export is written as .csv or .xlsx"), &format, &ret))
    return ret;
  cv = sillon_cli_vault_open (&common, &ret);
  if (cv == NULL)
    return ret;
  exporter.display_name = sillon_vault_session_get_mediator_name (cv->session);
  if (!sillon_stats_export_activities (cv->store, from, to, &exporter, format, out, &rows, &error))
    return report (error, common.vault_path);
  details = g_strdup_printf ("{\"kind\":\"coop-activities\",\"from\":\"%s\",\"to\":\"%s\",\"rows\":%u}", from, to, rows);
  if (!sillon_cli_vault_journal (cv, SILLON_JOURNAL_EXPORT, details, &error))
    return sillon_cli_report_error (error, common.vault_path);
  /* Translators: %u is a number of rows, %s a file name */
  g_print (ngettext ("%u accompaniment written to %s\n", "%u accompaniments written to %s\n", rows), rows, out);
  return SILLON_CLI_EXIT_OK;
}

int
sillon_cli_stats_export_beneficiaries (int argc, char **argv)
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
  if (ret >= 0)
    return ret;
  if (!require_out (out, &ret))
    return ret;
  if (!spreadsheet_format (out, _ ("the beneficiaries export is written as .xlsx or .csv"), &format, &ret))
    return ret;
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

int
sillon_cli_stats_ledger (int argc, char **argv)
{
  g_auto (SillonCliCommonOptions) common = { 0 };
  g_autoptr (SillonCliVault) cv = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *budget = NULL;
  int year = 0;
  int ret;
  g_autoptr (GPtrArray) ledger = NULL;
  const GOptionEntry entries[] = {
    { "year", 'y', 0, G_OPTION_ARG_INT, &year, N_ ("With --set-budget: the year"), N_ ("YEAR") },
    { "set-budget", 0, 0, G_OPTION_ARG_STRING, &budget, N_ ("Set the year’s privacy budget ε (default 1)"), N_ ("EPSILON") },
    { NULL }
  };

  cv = sillon_cli_parse_and_open (&argc, &argv,
                                  _ ("Lists the differentially private releases charged to each year’s privacy budget: "
                                     "year, period, ε spent, time. A release over budget is refused."),
                                  entries, &common, &ret);
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
  ledger = sillon_stats_dp_list_ledger (cv->store, &error);
  if (ledger == NULL)
    return report (error, common.vault_path);
  for (guint i = 0; i < ledger->len; i++)
    {
      const SillonStatsLedgerEntry *entry = g_ptr_array_index (ledger, i);
      g_autofree char *when = sillon_cli_format_utc (entry->released_unix);

      g_print ("%d\t%s..%s\t%" G_GINT64_FORMAT ".%06" G_GINT64_FORMAT "\t%s\n", entry->year, entry->period_from,
               entry->period_to, entry->epsilon_micro / SILLON_STATS_EPSILON_UNIT,
               entry->epsilon_micro % SILLON_STATS_EPSILON_UNIT, when);
    }
  return sillon_cli_flush_stdout ();
}

/* ---- keys, bundles, merge --------------------------------------------------- */

int
sillon_cli_stats_keygen (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *public_path = NULL;
  g_autofree char *secret_path = NULL;
  g_autoptr (GOptionContext) context = NULL;
  const GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_ ("Write PREFIX.pub (for the sites) and PREFIX.key (yours only)"), N_ ("PREFIX") },
    { NULL }
  };

  context = g_option_context_new ("");
  g_option_context_set_summary (context, _ ("Makes a coordinator’s key pair. Give PREFIX.pub to the sites: their bundles are "
                                            "sealed to it. Keep PREFIX.key to yourself: it opens them. Neither file is overwritten."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      sillon_cli_error ("%s", error->message);
      return SILLON_CLI_EXIT_USAGE;
    }
  if (argc > 1 || !require_out (out, &(int){ 0 }))
    {
      sillon_cli_error ("%s", _ ("usage: sillon-cli stats keygen --out PREFIX"));
      return SILLON_CLI_EXIT_USAGE;
    }
  public_path = g_strconcat (out, ".pub", NULL);
  secret_path = g_strconcat (out, ".key", NULL);
  if (!sillon_stats_coordinator_keygen (public_path, secret_path, &error))
    {
      sillon_cli_error ("%s", error->message);
      return g_error_matches (error, SILLON_STATS_ERROR, SILLON_STATS_ERROR_KEY) ? SILLON_CLI_EXIT_EXISTS : SILLON_CLI_EXIT_IO;
    }
  /* Translators: %s are file names */
  g_print (_ ("Public key (give it to the sites): %s\nSecret key (keep it private): %s\n"), public_path, secret_path);
  return SILLON_CLI_EXIT_OK;
}

int
sillon_cli_stats_site_key (int argc, char **argv)
{
  g_auto (SillonCliCommonOptions) common = { 0 };
  g_autoptr (SillonCliVault) cv = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *text = NULL;
  guint8 pk[SILLON_STATS_KEY_BYTES];
  int ret;

  cv = sillon_cli_parse_and_open (&argc, &argv,
                                  _ ("Prints this site’s public signing key, made on first use and kept in the vault: "
                                     "the line to add to the coordinator’s trust list."),
                                  NULL, &common, &ret);
  if (cv == NULL)
    return ret;
  if (!sillon_stats_site_key (cv->store, pk, NULL, &error))
    return report (error, common.vault_path);
  text = sillon_stats_key_to_text (pk);
  g_print ("%s\n", text);
  return sillon_cli_flush_stdout ();
}

int
sillon_cli_stats_bundle (int argc, char **argv)
{
  g_auto (SillonCliCommonOptions) common = { 0 };
  g_autoptr (SillonCliVault) cv = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonStatsRelease) release = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *to_path = NULL;
  g_autofree char *period = NULL;
  g_autofree char *out = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *details = NULL;
  guint8 coordinator[SILLON_STATS_KEY_BYTES];
  guint8 site[SILLON_STATS_KEY_BYTES];
  guint8 *secret = NULL;
  int ret;
  const GOptionEntry entries[] = {
    { "to", 0, 0, G_OPTION_ARG_FILENAME, &to_path, N_ ("The coordinator’s public key file (COORD.pub)"), N_ ("FILE") },
    { "period", 'p', 0, G_OPTION_ARG_STRING, &period, N_ ("The period: 2026, 2026-03, 2026-01..2026-06…"), N_ ("PERIOD") },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_ ("The bundle file to write"), N_ ("FILE") },
    { NULL }
  };

  ret = sillon_cli_parse_options (&argc, &argv, "",
                                  _ ("Writes this site’s exact aggregate counts for a period (never a row per person), "
                                     "signed with the site’s key and sealed so that only the coordinator can open them."),
                                  entries, &common);
  if (ret >= 0)
    return ret;
  if (to_path == NULL)
    {
      sillon_cli_error ("%s", _ ("give the coordinator’s public key with --to COORD.pub"));
      return SILLON_CLI_EXIT_USAGE;
    }
  if (!parse_period_option (period, &from, &to, &ret) || !require_out (out, &ret))
    return ret;
  if (!sillon_stats_coordinator_load_public (to_path, coordinator, &error))
    {
      sillon_cli_error ("%s", error->message);
      return SILLON_CLI_EXIT_INVALID_INPUT;
    }
  cv = sillon_cli_vault_open (&common, &ret);
  if (cv == NULL)
    return ret;
  release = sillon_stats_compute (cv->store, from, to, &error);
  if (release == NULL || !sillon_stats_site_key (cv->store, site, &secret, &error))
    return report (error, common.vault_path);
  bytes = sillon_stats_bundle_build (release, site, secret, coordinator, &error);
  sodium_free (secret);
  if (bytes == NULL)
    return report (error, common.vault_path);
  if (!g_file_set_contents_full (out, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes),
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
    {
      sillon_cli_error ("%s", error->message);
      return SILLON_CLI_EXIT_IO;
    }
  details = sillon_stats_export_journal_details ("stats-bundle", from, to);
  if (!sillon_cli_vault_journal (cv, SILLON_JOURNAL_EXPORT, details, &error))
    return sillon_cli_report_error (error, common.vault_path);
  /* Translators: %s is a file name */
  g_print (_ ("Bundle written to %s\n"), out);
  return SILLON_CLI_EXIT_OK;
}

int
sillon_cli_stats_merge (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GHashTable) trust = NULL;
  g_autoptr (SillonStatsRelease) merged = NULL;
  g_autoptr (SillonVocabulary) vocabulary = NULL;
  g_autofree char *trust_path = NULL;
  g_autofree char *key_path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *noise = NULL;
  g_autofree char *vault_path = NULL;
  int k = SILLON_STATS_DEFAULT_K;
  int passphrase_fd = -1;
  guint8 *secret;
  const GOptionEntry entries[] = {
    { "trust", 't', 0, G_OPTION_ARG_FILENAME, &trust_path, N_ ("The sites’ public keys, one per line"), N_ ("SITES.txt") },
    { "key", 0, 0, G_OPTION_ARG_FILENAME, &key_path, N_ ("Your secret key (default: coordinator.key)"), N_ ("FILE") },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out, N_ ("The folder to write statistics.json, .csv and .xlsx into"), N_ ("DIR") },
    { "k", 'k', 0, G_OPTION_ARG_INT, &k, N_ ("Hide cells of fewer than K distinct people (default 11, at least 5)"), N_ ("K") },
    { "noise", 0, 0, G_OPTION_ARG_STRING, &noise, N_ ("Differential privacy at this ε instead, charged to the budget of your own vault (--vault)"), N_ ("EPSILON") },
    { "vault", 0, 0, G_OPTION_ARG_FILENAME, &vault_path, N_ ("With --noise: the vault whose ledger holds the budget"), N_ ("PATH") },
    { "passphrase-fd", 0, 0, G_OPTION_ARG_INT, &passphrase_fd, N_ ("Read the passphrase from file descriptor N"), N_ ("N") },
    { NULL }
  };
  const char *formats[] = { "statistics.json", "statistics.csv", "statistics.xlsx" };
  gint64 epsilon = 0;
  int ret;

  context = g_option_context_new (_ ("BUNDLE…"));
  g_option_context_set_summary (context, _ ("Opens the sites’ bundles, checks every seal and signature against the trust list, "
                                            "refuses any bundle altered, truncated, given twice, from an unknown site or sealed "
                                            "for someone else, adds them up, and only then hides small cells (or adds noise)."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      sillon_cli_error ("%s", error->message);
      return SILLON_CLI_EXIT_USAGE;
    }
  if (argc < 2 || trust_path == NULL || out == NULL)
    {
      sillon_cli_error ("%s", _ ("usage: sillon-cli stats merge BUNDLE… --trust SITES.txt --key COORD.key --out DIR"));
      return SILLON_CLI_EXIT_USAGE;
    }
  if (!check_k (k, &ret))
    return ret;
  if (noise != NULL && !sillon_stats_epsilon_parse (noise, &epsilon, &error))
    return report (error, NULL);
  trust = sillon_stats_trust_load (trust_path, &error);
  if (trust == NULL)
    {
      sillon_cli_error ("%s", error->message);
      return SILLON_CLI_EXIT_INVALID_INPUT;
    }
  secret = sillon_stats_coordinator_load_secret (key_path != NULL ? key_path : "coordinator.key", &error);
  if (secret == NULL)
    {
      sillon_cli_error ("%s", error->message);
      return SILLON_CLI_EXIT_INVALID_INPUT;
    }
  merged = sillon_stats_merge ((const char *const *) argv + 1, trust, secret, &error);
  sodium_free (secret);
  if (merged == NULL)
    {
      sillon_cli_error ("%s", error->message);
      return SILLON_CLI_EXIT_INVALID_INPUT;
    }
  vocabulary = sillon_vocabulary_new_default (&error);
  if (vocabulary == NULL)
    {
      sillon_cli_error ("%s", error->message);
      return SILLON_CLI_EXIT_FAILURE;
    }
  if (noise != NULL)
    {
      SillonCliCommonOptions common = { .vault_path = vault_path, .passphrase_fd = passphrase_fd };
      g_autoptr (SillonCliVault) cv = NULL;

      if (vault_path == NULL)
        {
          sillon_cli_error ("%s", _ ("--noise needs the privacy ledger of your vault: give --vault"));
          return SILLON_CLI_EXIT_USAGE;
        }
      cv = sillon_cli_vault_open (&common, &ret);
      if (cv == NULL)
        return ret;
      if (!sillon_stats_dp_charge (cv->store, merged->from, merged->to, epsilon, &error) ||
          !sillon_stats_release_add_noise (merged, epsilon, &error))
        return report (error, vault_path);
    }
  else if (!sillon_stats_release_suppress (merged, (guint) k, &error))
    return report (error, NULL);
  if (g_mkdir_with_parents (out, 0700) != 0)
    {
      sillon_cli_error (_ ("Could not create the folder %s"), out);
      return SILLON_CLI_EXIT_IO;
    }
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autofree char *path = g_build_filename (out, formats[i], NULL);
      SillonStatsFormat format;

      if (!sillon_stats_format_from_path (path, &format, &error) ||
          !sillon_stats_release_write (merged, vocabulary, format, path, &error))
        return report (error, NULL);
    }
  /* Translators: %u is a number of bundles, %s a folder */
  g_print (ngettext ("%u bundle merged into %s\n", "%u bundles merged into %s\n", merged->n_sites), merged->n_sites, out);
  return SILLON_CLI_EXIT_OK;
}
