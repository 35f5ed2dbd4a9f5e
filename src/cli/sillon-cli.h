/* sillon-cli.h — sillon-cli's commands: the table's type, the dispatcher, every handler
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit codes: scripts and the black-box tests rely on them. */
typedef enum
{
  SILLON_CLI_EXIT_OK = 0,
  SILLON_CLI_EXIT_FAILURE = 1,
  SILLON_CLI_EXIT_USAGE = 2,
} SillonCliExit;

/* A command receives its own argv: argv[0] is "sillon-cli NAME" (or
 * "sillon-cli GROUP NAME"), the rest its options and arguments. */
typedef int (*SillonCliHandler) (int argc, char **argv);

/* One row of the command table (sillon-cli.c), for every level: "vault" is a
 * group, "vault create" one of its subcommands. */
typedef struct
{
  const char *name;         /* "vault", or "vault create" for a subcommand of the group "vault" */
  const char *summary;      /* untranslated; translated when printed */
  SillonCliHandler handler; /* NULL for a group: its subcommands are the rows named "GROUP …" */
} SillonCliCommand;

/* Runs the command that argv[1] names among the rows of @commands directly
 * under @group (NULL: the top level), or prints the level's help. argv[0]
 * is the command line so far ("sillon-cli", "sillon-cli vault"). Returns
 * the exit code. */
int sillon_cli_dispatch (const SillonCliCommand *commands,
                         const char *group,
                         int argc,
                         char **argv);

/* Prints "sillon-cli: MESSAGE" on stderr. */
void sillon_cli_error (const char *format, ...) G_GNUC_PRINTF (1, 2);

/* The handlers, one file per group: sillon-cli-GROUP.c. */
int sillon_cli_assess_show (int argc, char **argv);
int sillon_cli_assess_compare (int argc, char **argv);
int sillon_cli_assess_path (int argc, char **argv);
int sillon_cli_assess_quick (int argc, char **argv);
int sillon_cli_assess_next (int argc, char **argv);

int sillon_cli_vault_create (int argc, char **argv);
int sillon_cli_vault_info (int argc, char **argv);
int sillon_cli_vault_verify (int argc, char **argv);
int sillon_cli_vault_repair (int argc, char **argv);
int sillon_cli_vault_passwd (int argc, char **argv);
int sillon_cli_vault_add_slot (int argc, char **argv);
int sillon_cli_vault_remove_slot (int argc, char **argv);
int sillon_cli_vault_recover (int argc, char **argv);
int sillon_cli_vault_backup (int argc, char **argv);
int sillon_cli_vault_restore (int argc, char **argv);
int sillon_cli_vault_rotate (int argc, char **argv);
int sillon_cli_vault_shell (int argc, char **argv);

int sillon_cli_places_import (int argc, char **argv);
int sillon_cli_places_search (int argc, char **argv);
int sillon_cli_places_hours (int argc, char **argv);

int sillon_cli_demo (int argc, char **argv);

int sillon_cli_journal_verify (int argc, char **argv);
int sillon_cli_journal_list (int argc, char **argv);

int sillon_cli_person_search (int argc, char **argv);
int sillon_cli_person_duplicates (int argc, char **argv);
int sillon_cli_person_merge (int argc, char **argv);
int sillon_cli_person_export (int argc, char **argv);
int sillon_cli_person_erase (int argc, char **argv);

int sillon_cli_retention (int argc, char **argv);

int sillon_cli_stats_tables (int argc, char **argv);
int sillon_cli_stats_keygen (int argc, char **argv);
int sillon_cli_stats_site_key (int argc, char **argv);
int sillon_cli_stats_bundle (int argc, char **argv);
int sillon_cli_stats_merge (int argc, char **argv);
int sillon_cli_stats_ledger (int argc, char **argv);
int sillon_cli_stats_export_activities (int argc, char **argv);
int sillon_cli_stats_export_beneficiaries (int argc, char **argv);

/* progress, referral, notice and record: the kind of sheet is the name. */
int sillon_cli_sheet_print (int argc, char **argv);
int sillon_cli_sheet_verify (int argc, char **argv);
int sillon_cli_commune_search (int argc, char **argv);
int sillon_cli_commune_show (int argc, char **argv);

G_END_DECLS
