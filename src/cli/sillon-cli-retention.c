/* sillon-cli-retention.c — `sillon-cli retention`: anonymise people untouched for a number of months
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-cli-common.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#include "sillon-cli.h"

int
sillon_cli_retention (int argc, char **argv)
{
  g_auto (SillonCliCommonOptions) common = { 0 };
  g_autoptr (SillonCliVault) cv = NULL;
  /* Declared after cv: it goes first, while the store is still open. */
  g_autoptr (SillonStoreTransaction) tx = NULL;
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

  ret = sillon_cli_parse_options (&argc, &argv, "",
                                  _ ("Applies the retention period: people with no update and no activity for N months are anonymised "
                                     "(identity, contact and free text removed; the statistics are kept). Journaled."),
                                  entries, &common);
  if (ret >= 0)
    return ret;
  if (months < 1 || months > 1200)
    {
      sillon_cli_error ("%s", _ ("--months must be from 1 to 1200"));
      return SILLON_CLI_EXIT_USAGE;
    }

  cv = sillon_cli_vault_open (&common, &ret);
  if (cv == NULL)
    return ret;

  tx = sillon_store_transaction_begin (cv->store, &error);
  if (tx == NULL || !sillon_store_apply_retention (cv->store, (guint) months, NULL, &anonymised, &error))
    return sillon_cli_report_error (error, common.vault_path);
  if (dry_run)
    {
      /* The same code path as the real run, undone: the count cannot
       * drift from what a real run would do. */
      g_clear_pointer (&tx, sillon_store_transaction_free);
      g_print (ngettext ("%u person would be anonymised (dry run: nothing changed).\n",
                         "%u people would be anonymised (dry run: nothing changed).\n", anonymised),
               anonymised);
      return SILLON_CLI_EXIT_OK;
    }
  details = g_strdup_printf ("{\"retention_months\":%d,\"anonymised\":%u}", months, anonymised);
  if (!sillon_cli_vault_journal (cv, SILLON_JOURNAL_ERASE, details, &error) ||
      !sillon_store_transaction_commit (tx, &error))
    return sillon_cli_report_error (error, common.vault_path);
  g_print (ngettext ("%u person anonymised.\n", "%u people anonymised.\n", anonymised), anonymised);
  return SILLON_CLI_EXIT_OK;
}
