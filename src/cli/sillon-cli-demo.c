/* sillon-cli-demo.c — `sillon-cli demo`: fill a vault with the deterministic reference dataset
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For demonstrations, training and the benchmarks: every person in it is
 * made up, and the same seed and sizes always give the same data.
 */

#include "config.h"

#include "sillon-cli-common.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "sillon-cli.h"
#include "sillon-demo.h"

int
sillon_cli_demo (int argc, char **argv)
{
  g_auto (SillonCliCommonOptions) common = { 0 };
  g_autoptr (SillonCliVault) cv = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *details = NULL;
  g_autofree char *end_date = NULL;
  SillonDemoOptions options;
  gint64 seed = 1;
  int beneficiaries = SILLON_DEMO_DEFAULT_BENEFICIARIES;
  int sessions = SILLON_DEMO_DEFAULT_SESSIONS;
  int workshops = SILLON_DEMO_DEFAULT_WORKSHOPS;
  int places = SILLON_DEMO_DEFAULT_PLACES;
  gboolean force = FALSE;
  gint64 existing;
  gint64 start;
  double seconds;
  int ret;
  const GOptionEntry entries[] = {
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, N_ ("Seed of the generator (default 1)"), N_ ("N") },
    { "beneficiaries", 0, 0, G_OPTION_ARG_INT, &beneficiaries, N_ ("Number of people (default 20000)"), N_ ("N") },
    { "sessions", 0, 0, G_OPTION_ARG_INT, &sessions, N_ ("Number of individual sessions (default 200000)"), N_ ("N") },
    { "workshops", 0, 0, G_OPTION_ARG_INT, &workshops, N_ ("Number of workshops (default 2000)"), N_ ("N") },
    { "places", 0, 0, G_OPTION_ARG_INT, &places, N_ ("Number of places (default 500)"), N_ ("N") },
    { "end-date", 0, 0, G_OPTION_ARG_STRING, &end_date, N_ ("Last day of the two years of activity, YYYY-MM-DD (default: today)"), N_ ("DATE") },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_ ("Add the data even though the vault already holds people"), NULL },
    { NULL }
  };

  ret = sillon_cli_parse_options (&argc, &argv, "",
                                  _ ("Fills the vault with a realistic, made-up and deterministic dataset: mediators, places, people, "
                                     "sessions and workshops over two years. The defaults are the reference dataset of the benchmarks."),
                                  entries, &common);
  if (ret >= 0)
    return ret;
  if (seed < 0 || beneficiaries < 0 || sessions < 0 || workshops < 0 || places < 0)
    {
      sillon_cli_error ("%s", _ ("--seed and the sizes must not be negative"));
      return SILLON_CLI_EXIT_USAGE;
    }
  if (sessions > 0 && beneficiaries == 0)
    {
      sillon_cli_error ("%s", _ ("sessions need people: give --beneficiaries"));
      return SILLON_CLI_EXIT_USAGE;
    }
  if (end_date != NULL && !sillon_cli_check_date (end_date))
    return SILLON_CLI_EXIT_USAGE;

  cv = sillon_cli_vault_open (&common, &ret);
  if (cv == NULL)
    return ret;

  existing = sillon_store_count_beneficiaries (cv->store, &error);
  if (existing < 0)
    return sillon_cli_report_error (error, common.vault_path);
  if (existing > 0 && !force)
    {
      /* Translators: %lld is a number of people. */
      sillon_cli_error (ngettext ("The vault already holds %lld person: add --force to add the demonstration data anyway.",
                                  "The vault already holds %lld people: add --force to add the demonstration data anyway.",
                                  (gulong) existing),
                        (long long) existing);
      return SILLON_CLI_EXIT_REFUSED;
    }

  sillon_demo_options_init (&options);
  options.seed = (guint64) seed;
  options.beneficiaries = (guint) beneficiaries;
  options.sessions = (guint) sessions;
  options.workshops = (guint) workshops;
  options.places = (guint) places;
  options.end_date = end_date;

  start = g_get_monotonic_time ();
  if (!sillon_demo_generate (cv->store, &options, &error))
    return sillon_cli_report_error (error, common.vault_path);
  seconds = (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC;

  details = g_strdup_printf ("{\"kind\":\"demo\",\"seed\":%" G_GINT64_FORMAT ",\"beneficiaries\":%d,\"sessions\":%d,"
                             "\"workshops\":%d,\"places\":%d}",
                             seed, beneficiaries, sessions, workshops, places);
  if (!sillon_cli_vault_journal (cv, SILLON_JOURNAL_IMPORT, details, &error))
    return sillon_cli_report_error (error, common.vault_path);

  /* Translators: %lld is the seed. */
  g_print (_ ("Demonstration data generated with seed %lld:\n"), (long long) seed);
  g_print (_ ("  People:     %d\n"), beneficiaries);
  g_print (_ ("  Sessions:   %d\n"), sessions);
  g_print (_ ("  Workshops:  %d\n"), workshops);
  g_print (_ ("  Places:     %d\n"), places);
  /* Translators: %.1f is a duration in seconds. */
  g_print (_ ("Generated in %.1f s.\n"), seconds);
  return SILLON_CLI_EXIT_OK;
}
