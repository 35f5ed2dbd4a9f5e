/* sillon-cli-common.h — what every sillon-cli command that opens the vault shares
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sillon-journal.h"
#include "sillon-vault-session.h"
#include "sillon-store.h"
#include "sillon-vault.h"

G_BEGIN_DECLS

/* Exit codes beyond SillonCliExit. Scripts and the black-box tests rely on
 * them: keep them stable and in step with docs/CLI.md. */
enum
{
  SILLON_CLI_EXIT_WRONG_SECRET = 10,
  SILLON_CLI_EXIT_NOT_A_VAULT = 11,
  SILLON_CLI_EXIT_TAMPERED = 12,
  SILLON_CLI_EXIT_BUSY = 13,
  SILLON_CLI_EXIT_NOT_FOUND = 14,
  SILLON_CLI_EXIT_EXISTS = 15,
  SILLON_CLI_EXIT_REFUSED = 16,
  SILLON_CLI_EXIT_IO = 17,
  SILLON_CLI_EXIT_SQL = 18,
  SILLON_CLI_EXIT_BACKUP_INVALID = 19,
  SILLON_CLI_EXIT_DAMAGED = 20,
  SILLON_CLI_EXIT_INVALID_INPUT = 21,    /* an input file is unusable, or nothing in it could be used */
  SILLON_CLI_EXIT_JOURNAL_TAMPERED = 22, /* journal verify found an edited, deleted or moved entry */
  SILLON_CLI_EXIT_NO_SUCH_RECORD = 23,   /* no person (or other record) with that id */
  SILLON_CLI_EXIT_SCHEMA_TOO_NEW = 24,   /* the vault was written by a newer Sillon */
};

/* Long enough for any sensible passphrase or a recovery key; the buffer is
 * fixed-size so that it can be wiped whole whatever was typed. */
#define SILLON_CLI_SECRET_CAPACITY 1024

typedef char SillonCliSecret;

void sillon_cli_secret_free (SillonCliSecret *secret);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SillonCliSecret, sillon_cli_secret_free)

const char *sillon_cli_exit_codes_help (void);
const char *sillon_cli_passphrase_fd_help (void);

/* No core dumps (they could hold the master key) and libsodium ready.
 * Returns FALSE after printing why. */
gboolean sillon_cli_init_secure (void);

/* @passphrase_fd < 0 means the terminal, with echo off. */
SillonCliSecret *sillon_cli_ask_secret (int passphrase_fd, const char *prompt, GError **error);
/* Typed twice on a terminal. */
SillonCliSecret *sillon_cli_ask_new_secret (int passphrase_fd, const char *prompt, GError **error);

int sillon_cli_exit_code_for_error (const GError *error);
/* Prints a plain sentence for @error (about the file @path) and returns the
 * exit code. */
int sillon_cli_report_error (const GError *error, const char *path);
/* The same for a command about person @id: when the store has no such
 * person, says so with the id and returns SILLON_CLI_EXIT_NO_SUCH_RECORD. */
int sillon_cli_report_person_error (const GError *error, gint64 id, const char *path);

typedef struct
{
  char *vault_path;
  int passphrase_fd;
} SillonCliCommonOptions;

void sillon_cli_common_options_clear (SillonCliCommonOptions *common);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SillonCliCommonOptions, sillon_cli_common_options_clear)

/* Parses argv with --vault and --passphrase-fd plus @extra, then fills
 * defaults. An empty @parameter_string means the command takes no
 * argument: any is refused. Returns -1 on success, otherwise the exit code
 * to return. */
int sillon_cli_parse_options (int *argc,
                              char ***argv,
                              const char *parameter_string,
                              const char *summary,
                              const GOptionEntry *extra,
                              SillonCliCommonOptions *common);

/* Asks for the passphrase and unlocks the bare vault, for the maintenance
 * commands that work below the store (sillon_cli_vault_open() opens a
 * session for the data commands); on failure prints why and sets
 * @out_exit. */
SillonVault *sillon_cli_unlock_vault (SillonCliCommonOptions *common, int *out_exit);
/* The same; @current asks for the "current" passphrase (before a change),
 * and @out_passphrase keeps it for commands that need it again. */
SillonVault *sillon_cli_unlock_vault_full (SillonCliCommonOptions *common,
                                           gboolean current,
                                           SillonCliSecret **out_passphrase,
                                           int *out_exit);
/* The same with SillonVaultOpenFlags (a check that writes nothing, …). */
SillonVault *sillon_cli_unlock_vault_with_flags (SillonCliCommonOptions *common,
                                                 SillonVaultOpenFlags flags,
                                                 int *out_exit);
/* The same, keeping the passphrase in @out_passphrase for a command that
 * opens the vault a second time (repair: checked first, then written). */
SillonVault *sillon_cli_unlock_vault_with_flags_full (SillonCliCommonOptions *common,
                                                      SillonVaultOpenFlags flags,
                                                      SillonCliSecret **out_passphrase,
                                                      int *out_exit);
/* FALSE, with the "no vault here" message printed and @out_exit set, when
 * the vault file does not exist. */
gboolean sillon_cli_check_vault_exists (SillonCliCommonOptions *common, int *out_exit);

/* TRUE when the command was given exactly one argument after its options;
 * otherwise FALSE after printing @message, which says what to give. */
gboolean sillon_cli_check_one_argument (int argc, const char *message);

/* A positive record id, as printed by the other commands; FALSE after
 * saying why not. */
gboolean sillon_cli_parse_id (const char *text, gint64 *out_id);
/* TRUE when @text is a day written YYYY-MM-DD (the options --date,
 * --end-date); otherwise FALSE after saying so. */
gboolean sillon_cli_check_date (const char *text);
/* The text a search command was given: its arguments after the options,
 * joined by spaces (g_free it); NULL after saying that there is none. */
char *sillon_cli_search_text (int argc, char **argv) G_GNUC_WARN_UNUSED_RESULT;

/* @unix_time as an ISO 8601 UTC time, as the listings print it, or "?"
 * when it is out of GDateTime's range (g_free it). */
char *sillon_cli_format_utc (gint64 unix_time) G_GNUC_WARN_UNUSED_RESULT;

/* Text from a vault or from an imported file may hold control characters
 * (ESC starts terminal sequences that clear the screen, retitle the window
 * or fake output): nothing of it reaches the terminal raw. With
 * SILLON_CLI_ESCAPE_FIELD, tabs, line breaks and the backslash itself are
 * written as \t, \n, \r and \\, so that one record stays one line of a
 * tab-separated listing; with SILLON_CLI_ESCAPE_TEXT, tabs and line feeds
 * are kept (a message's own layout) and backslashes too. Either way every
 * other C0 control, DEL and every C1 control is written \u00XX (\u001b for
 * ESC), the bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E,
 * U+200F, U+061C) and the line and paragraph separators (U+2028, U+2029)
 * \uXXXX (\u202e), and a byte that is not UTF-8 \xHH. */
typedef enum
{
  SILLON_CLI_ESCAPE_FIELD,
  SILLON_CLI_ESCAPE_TEXT,
} SillonCliEscapeMode;

void sillon_cli_escape_append (GString *out, const char *value, SillonCliEscapeMode mode);
/* A newly allocated escaped copy of @value (NULL: ""). */
char *sillon_cli_escape (const char *value, SillonCliEscapeMode mode);

/* Writes @value (NULL: nothing) as one field of a tab-separated line on
 * standard output, escaped with SILLON_CLI_ESCAPE_FIELD. */
void sillon_cli_print_field (const char *value);
/* Writes @n_fields fields (NULL: an empty field) as one tab-separated line
 * on standard output, each escaped as sillon_cli_print_field() does,
 * without the newline. */
void sillon_cli_print_fields (const char *const *fields, gsize n_fields);
/* The same, after the record's @id as the first field. */
void sillon_cli_print_record (gint64 id, const char *const *fields, gsize n_fields);

/* Flushes standard output: SILLON_CLI_EXIT_OK, or SILLON_CLI_EXIT_IO with
 * the reason printed when the output could not be written (a full disk, a
 * closed pipe). */
int sillon_cli_flush_stdout (void);

/* An open session and, borrowed from it for the commands' convenience, the
 * vault, its store, the journal key and the mediator who unlocked it: what
 * the data commands work on. */
typedef struct
{
  char *vault_path;
  SillonVaultSession *session;
  SillonVault *vault;
  SillonStore *store;
  const guint8 *journal_key;
  gint64 mediator_id; /* 0: no mediator holds the slot that unlocked */
} SillonCliVault;

/* Asks for the passphrase and opens a session on the vault (unlock, store,
 * journal: see sillon_vault_session_open()). On failure prints why and sets
 * @out_exit. */
SillonCliVault *sillon_cli_vault_open (SillonCliCommonOptions *common, int *out_exit);
/* For a command that needs nothing but its options before it opens the
 * vault: sillon_cli_parse_options(), then sillon_cli_vault_open(). NULL,
 * with @out_exit set, when the command ends there (--help, a usage error,
 * a vault that does not open). */
SillonCliVault *sillon_cli_parse_and_open (int *argc,
                                           char ***argv,
                                           const char *summary,
                                           const GOptionEntry *extra,
                                           SillonCliCommonOptions *common,
                                           int *out_exit);
void sillon_cli_vault_close (SillonCliVault *cv);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SillonCliVault, sillon_cli_vault_close)

/* A search of the store: at most @limit records that match @query. */
typedef GPtrArray *(*SillonCliSearchFunc) (SillonStore *store, const char *query, guint limit, GError **error);
/* Prints one record found, as the fields of a line without its newline. */
typedef void (*SillonCliPrintFunc) (gconstpointer record);

/* A command that searches the store: `GROUP search [--limit N] TEXT…`.
 * The texts are untranslated (N_()): they are translated when used. */
typedef struct
{
  const char *summary;           /* the command's --help summary */
  const char *limit_description; /* --limit's help, "Show at most N … (default 20)" */
  /* The error for a --limit below 1; NULL: such a limit counts as 1. */
  const char *limit_too_low;
  SillonCliSearchFunc search;
  SillonCliPrintFunc print_row; /* one record found, as the fields of a line */
  const char *none;             /* on standard error when nothing matches */
} SillonCliSearchCommand;

/* Runs @command: reads its options and text, opens the vault, runs the
 * search and prints each record found, one a line. Returns the command's
 * exit status. */
int sillon_cli_search_command (int argc, char **argv, const SillonCliSearchCommand *command);

/* Appends to the journal; @details holds ids and counts only. */
gboolean sillon_cli_vault_journal (SillonCliVault *cv,
                                   SillonJournalAction action,
                                   const char *details,
                                   GError **error);

/* Walks the journal's hash chain (sillon_journal_verify(); @out_n_entries
 * and @out_head_hash may be NULL). When an entry was edited, deleted,
 * inserted or moved, says which is the first that does not verify and
 * returns SILLON_CLI_EXIT_JOURNAL_TAMPERED; another failure is reported
 * as sillon_cli_report_error() does (about the vault @path). Returns
 * SILLON_CLI_EXIT_OK when the whole chain verifies. */
int sillon_cli_verify_journal (SillonStore *store,
                               const guint8 *key,
                               const char *path,
                               guint64 *out_n_entries,
                               guint8 out_head_hash[SILLON_JOURNAL_HASH_BYTES]);

/* Whether the bare @vault holds Sillon's tables in a schema version this
 * Sillon writes: only then has it a journal this version can append to,
 * check or re-key (a vault Sillon never opened, or one written by a newer
 * Sillon, has none it may touch). */
gboolean sillon_cli_vault_has_journal (SillonVault *vault);

/* For the vault maintenance commands, which work on the bare vault: journals
 * @action when the vault already holds Sillon's data (a vault that Sillon
 * never opened has no journal yet, and is not given one behind the back of
 * whoever uses it as a plain encrypted database). */
gboolean sillon_cli_journal_bare_vault (SillonVault *vault,
                                        SillonJournalAction action,
                                        const char *details,
                                        GError **error);

G_END_DECLS
