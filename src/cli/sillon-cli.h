/* sillon-cli.h — subcommand table shared by the sillon-cli sources
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

/* A subcommand receives its own argv: argv[0] is "sillon-cli NAME". */
typedef int (*SillonCliHandler) (int argc, char **argv);

typedef struct
{
  const char *name;
  const char *summary; /* untranslated; translated when printed */
  SillonCliHandler handler;
} SillonCliCommand;

/* Prints "sillon-cli: MESSAGE" on stderr. */
void sillon_cli_error (const char *format, ...) G_GNUC_PRINTF (1, 2);

G_END_DECLS
