/* sillon-cli-journal.c — `sillon-cli journal`: verify and list the journal of sensitive actions
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
sillon_cli_journal_list (int argc, char **argv)
{
  g_auto (SillonCliCommonOptions) common = { 0 };
  g_autoptr (SillonCliVault) cv = NULL;
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GError) error = NULL;
  int ret;

  cv = sillon_cli_parse_and_open (&argc, &argv,
                                  _ ("Lists the journal of sensitive actions, oldest first: sequence number, time, action, mediator id, details."),
                                  NULL, &common, &ret);
  if (cv == NULL)
    return ret;

  entries = sillon_journal_list (cv->store, &error);
  if (entries == NULL)
    return sillon_cli_report_error (error, common.vault_path);
  for (guint i = 0; i < entries->len; i++)
    {
      const SillonJournalEntry *e = g_ptr_array_index (entries, i);
      g_autofree char *when = sillon_cli_format_utc (e->at_unix);

      printf ("%" G_GINT64_FORMAT "\t%s\t%s\t%" G_GINT64_FORMAT "\t", e->seq, when,
              sillon_journal_action_to_string (e->action), e->mediator_id);
      sillon_cli_print_field (e->details);
      putchar ('\n');
    }
  return SILLON_CLI_EXIT_OK;
}

int
sillon_cli_journal_verify (int argc, char **argv)
{
  g_auto (SillonCliCommonOptions) common = { 0 };
  g_autoptr (SillonCliVault) cv = NULL;
  guint8 head[SILLON_JOURNAL_HASH_BYTES];
  guint64 n_entries = 0;
  g_autofree char *head_hex = NULL;
  int ret;

  cv = sillon_cli_parse_and_open (&argc, &argv,
                                  _ ("Walks the journal’s hash chain and reports the first entry that was edited, deleted, inserted or moved. "
                                     "It prints the hash of the newest entry: keep it elsewhere to detect that the newest entries were removed."),
                                  NULL, &common, &ret);
  if (cv == NULL)
    return ret;

  ret = sillon_cli_verify_journal (cv->store, cv->journal_key, common.vault_path, &n_entries, head);
  if (ret != SILLON_CLI_EXIT_OK)
    return ret;

  head_hex = g_malloc (SILLON_JOURNAL_HASH_BYTES * 2 + 1);
  for (guint i = 0; i < SILLON_JOURNAL_HASH_BYTES; i++)
    g_snprintf (head_hex + 2 * i, 3, "%02x", head[i]);
  g_print (ngettext ("The journal is intact: %llu entry.\n", "The journal is intact: %llu entries.\n", (gulong) n_entries),
           (unsigned long long) n_entries);
  /* Translators: %s is a hexadecimal hash. */
  g_print (_ ("Hash of the newest entry: %s\n"), head_hex);
  return SILLON_CLI_EXIT_OK;
}
