/* sillon-cli-vault.c — `sillon-cli vault …`: create, inspect and maintain the encrypted vault
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Passphrases never come from argv or the environment (both are visible to
 * other users through /proc): they are read from the controlling terminal
 * with echo off, or from a file descriptor given with --passphrase-fd.
 */

#include "config.h"

#include "sillon-cli.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <termios.h>
#include <unistd.h>

#include "sillon-vault.h"

int sillon_cli_vault (int argc, char **argv);

/* Exit codes beyond SillonCliExit. Scripts and tests/cli/test-cli-vault.sh
 * rely on them: keep them stable and in step with docs/CLI.md. */
enum
{
  EXIT_WRONG_SECRET = 10,
  EXIT_NOT_A_VAULT = 11,
  EXIT_TAMPERED = 12,
  EXIT_BUSY = 13,
  EXIT_NOT_FOUND = 14,
  EXIT_EXISTS = 15,
  EXIT_REFUSED = 16,
  EXIT_IO = 17,
  EXIT_SQL = 18,
  EXIT_BACKUP_INVALID = 19,
  EXIT_DAMAGED = 20,
};

/* Long enough for any sensible passphrase or a recovery key; the buffer is
 * fixed-size so that it can be wiped whole whatever was typed. */
#define SECRET_CAPACITY 1024

typedef char CliSecret;

static void
cli_secret_free (CliSecret *secret)
{
  if (secret == NULL)
    return;
  sodium_memzero (secret, SECRET_CAPACITY + 1);
  sodium_free (secret);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CliSecret, cli_secret_free)

static const char *
exit_codes_help (void)
{
  return _ ("Exit status:\n"
            "   0  success\n"
            "   1  other failure\n"
            "   2  invalid command line\n"
            "  10  wrong passphrase or recovery key\n"
            "  11  not a Sillon vault, or a format this version cannot read\n"
            "  12  the vault failed authentication (damaged or tampered with)\n"
            "  13  the vault is open in another program\n"
            "  14  no vault at that path\n"
            "  15  the destination already exists\n"
            "  16  request refused (passphrase too short, no free keyslot, last keyslot, no such keyslot)\n"
            "  17  input/output error\n"
            "  18  SQL error\n"
            "  19  not a valid Sillon backup\n"
            "  20  verify found damage\n");
}

static const char *
passphrase_fd_help (void)
{
  return _ ("Passphrases are read from the terminal without echo. With --passphrase-fd N\n"
            "they are read from file descriptor N instead, one per line: commands that\n"
            "need two (the current one and a new one: passwd, add-slot) read two lines,\n"
            "in that order; “recover” reads the recovery key, then the new passphrase.\n"
            "Passphrases are never taken from the command line or the environment.\n");
}

/* ---- Reading secrets ---------------------------------------------------- */

static int tty_fd_for_signal = -1;
static struct termios tty_saved;

static void
on_signal_restore_tty (int signum)
{
  /* Leaving the terminal without echo after Ctrl-C would look like a hang. */
  if (tty_fd_for_signal >= 0)
    tcsetattr (tty_fd_for_signal, TCSAFLUSH, &tty_saved);
  signal (signum, SIG_DFL);
  raise (signum);
}

/* Reads one line byte by byte: a buffered reader would leave copies of the
 * secret in its buffer and would swallow the next line meant for a later
 * read from the same descriptor. */
static CliSecret *
read_secret_line (int fd, GError **error)
{
  g_autoptr (CliSecret) buffer = NULL;
  gsize length = 0;
  gboolean seen_anything = FALSE;

  buffer = sodium_malloc (SECRET_CAPACITY + 1);
  if (buffer == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                           _ ("Cannot allocate protected memory for the passphrase"));
      return NULL;
    }
  memset (buffer, 0, SECRET_CAPACITY + 1);

  for (;;)
    {
      char c = 0;
      ssize_t n = read (fd, &c, 1);

      if (n < 0)
        {
          int saved_errno = errno;
          if (saved_errno == EINTR)
            continue;
          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       _ ("Cannot read the passphrase: %s"), g_strerror (saved_errno));
          return NULL;
        }
      if (n == 0)
        break;
      seen_anything = TRUE;
      if (c == '\n')
        break;
      if (length == SECRET_CAPACITY)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _ ("The passphrase is longer than %d bytes"), SECRET_CAPACITY);
          return NULL;
        }
      buffer[length++] = c;
    }

  if (!seen_anything)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _ ("No passphrase given: end of input"));
      return NULL;
    }
  if (length > 0 && buffer[length - 1] == '\r')
    buffer[--length] = '\0';
  if (!g_utf8_validate (buffer, length, NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _ ("The passphrase is not valid UTF-8"));
      return NULL;
    }
  return g_steal_pointer (&buffer);
}

static CliSecret *
read_secret_from_tty (const char *prompt, GError **error)
{
  g_autoptr (CliSecret) secret = NULL;
  struct termios quiet;
  int fd;

  fd = open ("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (fd < 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                           _ ("No terminal to ask for the passphrase: use --passphrase-fd"));
      return NULL;
    }
  if (tcgetattr (fd, &tty_saved) != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           _ ("Cannot turn off echo on the terminal: use --passphrase-fd"));
      close (fd);
      return NULL;
    }

  quiet = tty_saved;
  quiet.c_lflag &= ~(tcflag_t) ECHO;
  quiet.c_lflag |= ECHONL;
  tty_fd_for_signal = fd;
  signal (SIGINT, on_signal_restore_tty);
  signal (SIGTERM, on_signal_restore_tty);
  signal (SIGQUIT, on_signal_restore_tty);
  signal (SIGHUP, on_signal_restore_tty);

  if (write (fd, prompt, strlen (prompt)) < 0 || tcsetattr (fd, TCSAFLUSH, &quiet) != 0)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                           _ ("Cannot turn off echo on the terminal: use --passphrase-fd"));
    }
  else
    {
      secret = read_secret_line (fd, error);
      tcsetattr (fd, TCSAFLUSH, &tty_saved);
    }

  tty_fd_for_signal = -1;
  signal (SIGINT, SIG_DFL);
  signal (SIGTERM, SIG_DFL);
  signal (SIGQUIT, SIG_DFL);
  signal (SIGHUP, SIG_DFL);
  close (fd);
  return g_steal_pointer (&secret);
}

/* @passphrase_fd < 0 means the terminal. */
static CliSecret *
ask_secret (int passphrase_fd, const char *prompt, GError **error)
{
  if (passphrase_fd >= 0)
    return read_secret_line (passphrase_fd, error);
  return read_secret_from_tty (prompt, error);
}

/* A new secret is typed twice on a terminal: a typo there would lock the
 * person out of the vault for good. */
static CliSecret *
ask_new_secret (int passphrase_fd, const char *prompt, GError **error)
{
  if (passphrase_fd >= 0)
    return read_secret_line (passphrase_fd, error);

  for (int attempt = 0; attempt < 3; attempt++)
    {
      g_autoptr (CliSecret) first = NULL;
      g_autoptr (CliSecret) second = NULL;

      first = read_secret_from_tty (prompt, error);
      if (first == NULL)
        return NULL;
      second = read_secret_from_tty (_ ("Type it again: "), error);
      if (second == NULL)
        return NULL;
      if (strcmp (first, second) == 0)
        return g_steal_pointer (&first);
      g_printerr ("%s\n", _ ("The two passphrases differ. Try again."));
    }
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _ ("The two passphrases differed three times"));
  return NULL;
}

/* ---- Errors ------------------------------------------------------------- */

static int
exit_code_for_error (const GError *error)
{
  if (error == NULL || error->domain != SILLON_VAULT_ERROR)
    {
      if (error != NULL && error->domain == G_IO_ERROR)
        return SILLON_CLI_EXIT_FAILURE;
      return SILLON_CLI_EXIT_FAILURE;
    }

  switch ((SillonVaultError) error->code)
    {
      case SILLON_VAULT_ERROR_WRONG_PASSPHRASE:
      case SILLON_VAULT_ERROR_WRONG_RECOVERY_KEY:
        return EXIT_WRONG_SECRET;
      case SILLON_VAULT_ERROR_NOT_A_VAULT:
      case SILLON_VAULT_ERROR_UNSUPPORTED_VERSION:
        return EXIT_NOT_A_VAULT;
      case SILLON_VAULT_ERROR_TAMPERED:
        return EXIT_TAMPERED;
      case SILLON_VAULT_ERROR_BUSY:
        return EXIT_BUSY;
      case SILLON_VAULT_ERROR_NOT_FOUND:
        return EXIT_NOT_FOUND;
      case SILLON_VAULT_ERROR_EXISTS:
        return EXIT_EXISTS;
      case SILLON_VAULT_ERROR_WEAK_PASSPHRASE:
      case SILLON_VAULT_ERROR_NO_FREE_SLOT:
      case SILLON_VAULT_ERROR_LAST_SLOT:
      case SILLON_VAULT_ERROR_SLOT_NOT_FOUND:
        return EXIT_REFUSED;
      case SILLON_VAULT_ERROR_IO:
        return EXIT_IO;
      case SILLON_VAULT_ERROR_SQL:
        return EXIT_SQL;
      case SILLON_VAULT_ERROR_BACKUP_INVALID:
        return EXIT_BACKUP_INVALID;
      case SILLON_VAULT_ERROR_LOCKED:
      default:
        return SILLON_CLI_EXIT_FAILURE;
    }
}

/* One plain sentence per error code, then the core's detail: the person
 * reading it needs to know first whether they mistyped, picked the wrong
 * file, or have a damaged vault. */
static int
report_error (const GError *error, const char *path)
{
  g_autofree char *summary = NULL;

  if (error->domain == SILLON_VAULT_ERROR)
    {
      switch ((SillonVaultError) error->code)
        {
          case SILLON_VAULT_ERROR_WRONG_PASSPHRASE:
            /* Translators: %s is the path of the vault file. */
            summary = g_strdup_printf (_ ("Wrong passphrase: no keyslot of %s opens with it."), path);
            break;
          case SILLON_VAULT_ERROR_WRONG_RECOVERY_KEY:
            summary = g_strdup_printf (_ ("Wrong recovery key: it is mistyped or belongs to another vault than %s."), path);
            break;
          case SILLON_VAULT_ERROR_NOT_A_VAULT:
            summary = g_strdup_printf (_ ("%s is not a Sillon vault, or both copies of its header are destroyed."), path);
            break;
          case SILLON_VAULT_ERROR_UNSUPPORTED_VERSION:
            summary = g_strdup_printf (_ ("%s uses a vault format this version of Sillon cannot read: update Sillon."), path);
            break;
          case SILLON_VAULT_ERROR_TAMPERED:
            summary = g_strdup_printf (_ ("%s failed authentication: it is damaged or has been tampered with. Restore a backup."), path);
            break;
          case SILLON_VAULT_ERROR_EXISTS:
            summary = g_strdup_printf (_ ("%s already exists: choose another path or move that file away first."), path);
            break;
          case SILLON_VAULT_ERROR_NOT_FOUND:
            summary = g_strdup_printf (_ ("There is no vault at %s (create one with “sillon-cli vault create”)."), path);
            break;
          case SILLON_VAULT_ERROR_LOCKED:
            summary = g_strdup (_ ("The vault is locked."));
            break;
          case SILLON_VAULT_ERROR_WEAK_PASSPHRASE:
            summary = g_strdup_printf (_ ("The passphrase is too short: use at least %d characters."),
                                       SILLON_VAULT_MIN_PASSPHRASE_LENGTH);
            break;
          case SILLON_VAULT_ERROR_NO_FREE_SLOT:
            summary = g_strdup_printf (_ ("All %d keyslots are in use: remove one first."), SILLON_VAULT_MAX_SLOTS);
            break;
          case SILLON_VAULT_ERROR_LAST_SLOT:
            summary = g_strdup (_ ("That is the last passphrase keyslot: without it nobody could open the vault."));
            break;
          case SILLON_VAULT_ERROR_SLOT_NOT_FOUND:
            summary = g_strdup (_ ("There is no such keyslot (see “sillon-cli vault info”)."));
            break;
          case SILLON_VAULT_ERROR_BUSY:
            summary = g_strdup_printf (_ ("%s is open in another program (Sillon or sillon-cli): close it and try again."), path);
            break;
          case SILLON_VAULT_ERROR_IO:
            summary = g_strdup_printf (_ ("Input/output error on %s."), path);
            break;
          case SILLON_VAULT_ERROR_SQL:
            summary = g_strdup (_ ("Database error."));
            break;
          case SILLON_VAULT_ERROR_BACKUP_INVALID:
            summary = g_strdup_printf (_ ("%s is not a valid Sillon backup: it is truncated, damaged or tampered with."), path);
            break;
          default:
            break;
        }
    }

  if (summary != NULL && error->message != NULL && error->message[0] != '\0')
    sillon_cli_error ("%s\n  (%s)", summary, error->message);
  else if (summary != NULL)
    sillon_cli_error ("%s", summary);
  else
    sillon_cli_error ("%s", error->message);

  return exit_code_for_error (error);
}

/* ---- Common options ----------------------------------------------------- */

typedef struct
{
  char *vault_path;
  int passphrase_fd;
} CommonOptions;

static void
common_options_clear (CommonOptions *common)
{
  g_clear_pointer (&common->vault_path, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CommonOptions, common_options_clear)

static char *
default_vault_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "sillon", "vault.sillon", NULL);
}

/* Parses argv with the common options plus @extra, then fills defaults.
 * Returns -1 on success, otherwise the exit code to return. */
static int
parse_options (int *argc,
               char ***argv,
               const char *parameter_string,
               const char *summary,
               const GOptionEntry *extra,
               CommonOptions *common)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *default_path = default_vault_path ();
  /* Translators: %s is the default path of the vault file. */
  g_autofree char *vault_help = g_strdup_printf (_ ("The vault file (default: %s)"), default_path);
  g_autofree char *description = NULL;
  const GOptionEntry common_entries[] = {
    { "vault", 0, 0, G_OPTION_ARG_FILENAME, &common->vault_path, vault_help, N_ ("PATH") },
    { "passphrase-fd", 0, 0, G_OPTION_ARG_INT, &common->passphrase_fd,
      N_ ("Read passphrases from file descriptor N, one per line, instead of the terminal"), N_ ("N") },
    { NULL }
  };

  common->passphrase_fd = -1;
  context = g_option_context_new (parameter_string);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, summary);
  description = g_strconcat (passphrase_fd_help (), "\n", exit_codes_help (), NULL);
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, common_entries, GETTEXT_PACKAGE);
  if (extra != NULL)
    g_option_context_add_main_entries (context, extra, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      sillon_cli_error ("%s", error->message);
      return SILLON_CLI_EXIT_USAGE;
    }
  if (common->passphrase_fd < -1)
    {
      sillon_cli_error ("%s", _ ("--passphrase-fd must be a file descriptor number"));
      return SILLON_CLI_EXIT_USAGE;
    }
  if (common->vault_path == NULL)
    common->vault_path = g_steal_pointer (&default_path);
  return -1;
}

static SillonVault *
unlock_vault (CommonOptions *common, int *out_exit)
{
  g_autoptr (CliSecret) passphrase = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *prompt = NULL;
  SillonVault *vault;

  if (!g_file_test (common->vault_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (&error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_NOT_FOUND, "%s", "");
      *out_exit = report_error (error, common->vault_path);
      return NULL;
    }

  /* Translators: %s is the path of the vault file. */
  prompt = g_strdup_printf (_ ("Passphrase for %s: "), common->vault_path);
  passphrase = ask_secret (common->passphrase_fd, prompt, &error);
  if (passphrase == NULL)
    {
      *out_exit = report_error (error, common->vault_path);
      return NULL;
    }

  vault = sillon_vault_open (common->vault_path, passphrase, &error);
  if (vault == NULL)
    {
      *out_exit = report_error (error, common->vault_path);
      return NULL;
    }
  return vault;
}

static gboolean
check_no_arguments (int argc, char **argv, int *out_exit)
{
  if (argc > 1)
    {
      /* Translators: %s is an argument the command does not expect. */
      sillon_cli_error (_ ("unexpected argument “%s”"), argv[1]);
      *out_exit = SILLON_CLI_EXIT_USAGE;
      return FALSE;
    }
  return TRUE;
}

static void
print_recovery_key (const char *recovery_key)
{
  g_print ("\n%s\n\n", _ ("RECOVERY KEY — write it down or print it now, and keep the paper somewhere safe:"));
  g_print ("    %s\n\n", recovery_key);
  g_print ("%s\n", _ ("It is shown only this once. It opens the vault if every passphrase is forgotten,\n"
                      "and anyone who holds it can read the vault: never store it on this computer."));
}

/* ---- Subcommands -------------------------------------------------------- */

static int
cmd_create (int argc, char **argv)
{
  g_auto (CommonOptions) common = { 0 };
  g_autofree char *name = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (CliSecret) passphrase = NULL;
  g_autoptr (SillonVault) vault = NULL;
  g_autoptr (GError) error = NULL;
  SillonVaultCreateOptions options = { 0 };
  char *recovery_key = NULL;
  int kdf_ms = 0;
  int page_size = 0;
  int ret;
  const GOptionEntry entries[] = {
    { "name", 'n', 0, G_OPTION_ARG_STRING, &name, N_ ("Display name of the first mediator (default: your account’s name)"), N_ ("NAME") },
    { "kdf-ms", 0, 0, G_OPTION_ARG_INT, &kdf_ms, N_ ("Target time of the passphrase stretching, in milliseconds (default 750; never below 64 MiB and 2 passes)"), N_ ("MS") },
    { "page-size", 0, 0, G_OPTION_ARG_INT, &page_size, N_ ("Database page size in bytes, a power of two from 1024 to 65536 (default 4096)"), N_ ("BYTES") },
    { NULL }
  };

  ret = parse_options (&argc, &argv, "", _ ("Creates a new vault with a first mediator’s passphrase and a recovery key."),
                       entries, &common);
  if (ret >= 0 || !check_no_arguments (argc, argv, &ret))
    return ret;
  if (kdf_ms < 0 || page_size < 0)
    {
      sillon_cli_error ("%s", _ ("--kdf-ms and --page-size must be positive"));
      return SILLON_CLI_EXIT_USAGE;
    }

  if (g_file_test (common.vault_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (&error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_EXISTS, "%s", "");
      return report_error (error, common.vault_path);
    }

  if (name == NULL)
    {
      const char *real_name = g_get_real_name ();
      name = g_strdup (g_strcmp0 (real_name, "Unknown") != 0 && real_name[0] != '\0' ? real_name : g_get_user_name ());
    }

  /* The vault holds personal data: its directory is private. */
  dir = g_path_get_dirname (common.vault_path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      /* Translators: the first %s is a directory, the second the system’s reason. */
      sillon_cli_error (_ ("Cannot create the directory %s: %s"), dir, g_strerror (saved_errno));
      return EXIT_IO;
    }

  passphrase = ask_new_secret (common.passphrase_fd, _ ("New passphrase: "), &error);
  if (passphrase == NULL)
    return report_error (error, common.vault_path);

  options.kdf_target_ms = (guint) kdf_ms;
  options.page_size = (guint) page_size;
  vault = sillon_vault_create (common.vault_path, name, passphrase, &options, &recovery_key, &error);
  if (vault == NULL)
    return report_error (error, common.vault_path);

  /* Translators: %s is the path of the vault file. */
  g_print (_ ("Vault created at %s.\n"), common.vault_path);
  print_recovery_key (recovery_key);
  sillon_vault_free_secret (recovery_key);
  sillon_vault_lock (vault);
  return SILLON_CLI_EXIT_OK;
}

static char *
format_unix_time (gint64 t)
{
  g_autoptr (GDateTime) dt = g_date_time_new_from_unix_local (t);

  if (dt == NULL)
    return g_strdup ("?");
  return g_date_time_format (dt, "%Y-%m-%d %H:%M");
}

static gint64
pragma_int (sqlite3 *db, const char *pragma)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  if (sqlite3_prepare_v2 (db, pragma, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static int
cmd_info (int argc, char **argv)
{
  g_auto (CommonOptions) common = { 0 };
  g_autoptr (SillonVault) vault = NULL;
  g_autoptr (GPtrArray) slots = NULL;
  g_autoptr (GError) error = NULL;
  sqlite3 *db;
  int ret;

  ret = parse_options (&argc, &argv, "", _ ("Unlocks the vault and lists its keyslots."), NULL, &common);
  if (ret >= 0 || !check_no_arguments (argc, argv, &ret))
    return ret;

  vault = unlock_vault (&common, &ret);
  if (vault == NULL)
    return ret;

  slots = sillon_vault_list_slots (vault, &error);
  if (slots == NULL)
    return report_error (error, common.vault_path);

  db = sillon_vault_get_db (vault);
  g_print (_ ("Vault: %s\n"), common.vault_path);
  /* Plain C formats in translatable strings: xgettext cannot see through
   * GLib's format macros. */
  g_print (_ ("Page size: %lld bytes, %lld pages\n"),
           (long long) pragma_int (db, "PRAGMA page_size"), (long long) pragma_int (db, "PRAGMA page_count"));
  g_print (_ ("Unlocked with keyslot %u\n"), sillon_vault_get_unlocked_slot (vault));
  g_print ("\n%s\n", _ ("Keyslots:"));
  /* Translators: column headings of the keyslot list; keep each within its width. */
  g_print ("  %-5s %-11s %-24s %-17s %s\n", _ ("Slot"), _ ("Kind"), _ ("Label"), _ ("Created"), _ ("Argon2id"));
  for (guint i = 0; i < slots->len; i++)
    {
      const SillonVaultSlotInfo *info = g_ptr_array_index (slots, i);
      g_autofree char *created = format_unix_time (info->created_unix);
      g_autofree char *kdf = NULL;
      const char *kind;

      switch (info->kind)
        {
          case SILLON_VAULT_SLOT_PASSPHRASE:
            kind = _ ("passphrase");
            /* Translators: Argon2id cost: number of passes, then memory in MiB. */
            kdf = g_strdup_printf (_ ("%llu passes, %llu MiB"),
                                   (unsigned long long) info->kdf_opslimit,
                                   (unsigned long long) (info->kdf_memlimit / (1024 * 1024)));
            break;
          case SILLON_VAULT_SLOT_RECOVERY:
            kind = _ ("recovery");
            kdf = g_strdup ("—");
            break;
          case SILLON_VAULT_SLOT_EMPTY:
          default:
            kind = _ ("unknown");
            kdf = g_strdup ("—");
            break;
        }
      g_print ("  %-5u %-11s %-24s %-17s %s\n", info->index, kind,
               info->label != NULL && info->label[0] != '\0' ? info->label : "—", created, kdf);
    }
  return SILLON_CLI_EXIT_OK;
}

static int
cmd_verify (int argc, char **argv)
{
  g_auto (CommonOptions) common = { 0 };
  g_autoptr (SillonVault) vault = NULL;
  g_autoptr (SillonVaultVerifyReport) report = NULL;
  g_autoptr (GError) error = NULL;
  gboolean damaged;
  int ret;

  ret = parse_options (&argc, &argv, "",
                       _ ("Authenticates every page of the vault and its write-ahead log, then runs SQLite’s integrity check."),
                       NULL, &common);
  if (ret >= 0 || !check_no_arguments (argc, argv, &ret))
    return ret;

  vault = unlock_vault (&common, &ret);
  if (vault == NULL)
    return ret;

  if (!sillon_vault_verify (vault, &report, &error))
    return report_error (error, common.vault_path);

  g_print (_ ("Pages checked: %llu\n"), (unsigned long long) report->pages_checked);
  if (report->bad_pages == NULL || report->bad_pages->len == 0)
    {
      g_print ("%s\n", _ ("Bad pages: none"));
    }
  else
    {
      g_autoptr (GString) list = g_string_new (NULL);
      for (guint i = 0; i < report->bad_pages->len; i++)
        g_string_append_printf (list, "%s%u", i > 0 ? ", " : "", g_array_index (report->bad_pages, guint32, i));
      /* Translators: %u is a count, %s a comma-separated list of page numbers. */
      g_print (_ ("Bad pages: %u (%s)\n"), report->bad_pages->len, list->str);
    }
  g_print (_ ("Header copy A: %s\n"), report->header_copy_a_ok ? _ ("ok") : _ ("damaged"));
  g_print (_ ("Header copy B: %s\n"), report->header_copy_b_ok ? _ ("ok") : _ ("damaged"));
  if (report->bad_pages != NULL && report->bad_pages->len > 0)
    g_print ("%s\n", _ ("Integrity check: not run (bad pages)"));
  else
    g_print (_ ("Integrity check: %s\n"), report->integrity_ok ? _ ("ok") : _ ("FAILED"));

  damaged = (report->bad_pages != NULL && report->bad_pages->len > 0) || !report->integrity_ok || !report->header_copy_a_ok || !report->header_copy_b_ok;
  if (damaged)
    {
      sillon_cli_error ("%s", _ ("The vault is damaged: restore a backup, or copy out what still reads."));
      return EXIT_DAMAGED;
    }
  g_print ("%s\n", _ ("The vault is intact."));
  return SILLON_CLI_EXIT_OK;
}

static int
cmd_passwd (int argc, char **argv)
{
  g_auto (CommonOptions) common = { 0 };
  g_autoptr (CliSecret) old_passphrase = NULL;
  g_autoptr (CliSecret) new_passphrase = NULL;
  g_autoptr (SillonVault) vault = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *prompt = NULL;
  int ret;

  ret = parse_options (&argc, &argv, "",
                       _ ("Changes the passphrase of the keyslot that the current passphrase opens. Nothing else is re-encrypted."),
                       NULL, &common);
  if (ret >= 0 || !check_no_arguments (argc, argv, &ret))
    return ret;

  if (!g_file_test (common.vault_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (&error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_NOT_FOUND, "%s", "");
      return report_error (error, common.vault_path);
    }
  /* Translators: %s is the path of the vault file. */
  prompt = g_strdup_printf (_ ("Current passphrase for %s: "), common.vault_path);
  old_passphrase = ask_secret (common.passphrase_fd, prompt, &error);
  if (old_passphrase == NULL)
    return report_error (error, common.vault_path);

  /* Unlock before asking for the new one, so that a typo in the old one is
   * reported at once. */
  vault = sillon_vault_open (common.vault_path, old_passphrase, &error);
  if (vault == NULL)
    return report_error (error, common.vault_path);

  new_passphrase = ask_new_secret (common.passphrase_fd, _ ("New passphrase: "), &error);
  if (new_passphrase == NULL)
    return report_error (error, common.vault_path);

  if (!sillon_vault_change_passphrase (vault, old_passphrase, new_passphrase, &error))
    return report_error (error, common.vault_path);

  g_print (_ ("Passphrase of keyslot %u changed.\n"), sillon_vault_get_unlocked_slot (vault));
  return SILLON_CLI_EXIT_OK;
}

static int
cmd_add_slot (int argc, char **argv)
{
  g_auto (CommonOptions) common = { 0 };
  g_autoptr (CliSecret) new_passphrase = NULL;
  g_autoptr (SillonVault) vault = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL;
  int index;
  int ret;
  const GOptionEntry entries[] = {
    { "name", 'n', 0, G_OPTION_ARG_STRING, &name, N_ ("Display name of the mediator who will use the new keyslot (required)"), N_ ("NAME") },
    { NULL }
  };

  ret = parse_options (&argc, &argv, "",
                       _ ("Adds a keyslot for another mediator: unlock with an existing passphrase, then give the new one."),
                       entries, &common);
  if (ret >= 0 || !check_no_arguments (argc, argv, &ret))
    return ret;
  if (name == NULL || name[0] == '\0')
    {
      sillon_cli_error ("%s", _ ("--name is required"));
      return SILLON_CLI_EXIT_USAGE;
    }

  vault = unlock_vault (&common, &ret);
  if (vault == NULL)
    return ret;

  /* Translators: %s is a mediator's display name. */
  {
    g_autofree char *prompt = g_strdup_printf (_ ("New passphrase for %s: "), name);
    new_passphrase = ask_new_secret (common.passphrase_fd, prompt, &error);
  }
  if (new_passphrase == NULL)
    return report_error (error, common.vault_path);

  index = sillon_vault_add_slot (vault, name, new_passphrase, &error);
  if (index < 0)
    return report_error (error, common.vault_path);

  /* Translators: %d is a keyslot number, %s a mediator's display name. */
  g_print (_ ("Added keyslot %d for “%s”.\n"), index, name);
  return SILLON_CLI_EXIT_OK;
}

static int
cmd_remove_slot (int argc, char **argv)
{
  g_auto (CommonOptions) common = { 0 };
  g_autoptr (SillonVault) vault = NULL;
  g_autoptr (GError) error = NULL;
  int slot = -1;
  int ret;
  const GOptionEntry entries[] = {
    { "slot", 's', 0, G_OPTION_ARG_INT, &slot, N_ ("Index of the keyslot to remove, as listed by “info” (required)"), N_ ("N") },
    { NULL }
  };

  ret = parse_options (&argc, &argv, "", _ ("Removes a mediator’s keyslot. The last passphrase keyslot cannot be removed."),
                       entries, &common);
  if (ret >= 0 || !check_no_arguments (argc, argv, &ret))
    return ret;
  if (slot < 0 || slot >= SILLON_VAULT_MAX_SLOTS)
    {
      sillon_cli_error (_ ("--slot is required, from 0 to %d"), SILLON_VAULT_MAX_SLOTS - 1);
      return SILLON_CLI_EXIT_USAGE;
    }

  vault = unlock_vault (&common, &ret);
  if (vault == NULL)
    return ret;

  if (!sillon_vault_remove_slot (vault, (guint) slot, &error))
    return report_error (error, common.vault_path);

  g_print (_ ("Removed keyslot %d.\n"), slot);
  return SILLON_CLI_EXIT_OK;
}

static int
cmd_backup (int argc, char **argv)
{
  g_auto (CommonOptions) common = { 0 };
  g_autoptr (SillonVault) vault = NULL;
  g_autoptr (GError) error = NULL;
  int ret;

  ret = parse_options (&argc, &argv, _ ("BACKUP-FILE"),
                       _ ("Writes an encrypted backup of a consistent snapshot of the vault. It opens with the vault’s passphrases."),
                       NULL, &common);
  if (ret >= 0)
    return ret;
  if (argc != 2)
    {
      sillon_cli_error ("%s", _ ("give exactly one backup file"));
      return SILLON_CLI_EXIT_USAGE;
    }
  if (g_file_test (argv[1], G_FILE_TEST_EXISTS))
    {
      g_set_error (&error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_EXISTS, "%s", "");
      return report_error (error, argv[1]);
    }

  vault = unlock_vault (&common, &ret);
  if (vault == NULL)
    return ret;

  if (!sillon_vault_backup (vault, argv[1], &error))
    return report_error (error, argv[1]);

  /* Translators: %s is the path of the backup file. */
  g_print (_ ("Backup written to %s.\n"), argv[1]);
  return SILLON_CLI_EXIT_OK;
}

static int
cmd_restore (int argc, char **argv)
{
  g_auto (CommonOptions) common = { 0 };
  g_autoptr (CliSecret) passphrase = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  int ret;

  ret = parse_options (&argc, &argv, _ ("BACKUP-FILE"),
                       _ ("Restores a backup into a new vault file (--vault, which must not exist yet). Give one of the passphrases the vault had when it was backed up."),
                       NULL, &common);
  if (ret >= 0)
    return ret;
  if (argc != 2)
    {
      sillon_cli_error ("%s", _ ("give exactly one backup file"));
      return SILLON_CLI_EXIT_USAGE;
    }
  if (!g_file_test (argv[1], G_FILE_TEST_EXISTS))
    {
      /* Translators: %s is the path of the backup file. */
      sillon_cli_error (_ ("There is no backup at %s."), argv[1]);
      return EXIT_NOT_FOUND;
    }
  if (g_file_test (common.vault_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (&error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_EXISTS, "%s", "");
      return report_error (error, common.vault_path);
    }
  dir = g_path_get_dirname (common.vault_path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      sillon_cli_error (_ ("Cannot create the directory %s: %s"), dir, g_strerror (saved_errno));
      return EXIT_IO;
    }

  /* Translators: %s is the path of the backup file. */
  {
    g_autofree char *prompt = g_strdup_printf (_ ("Passphrase of the backup %s: "), argv[1]);
    passphrase = ask_secret (common.passphrase_fd, prompt, &error);
  }
  if (passphrase == NULL)
    return report_error (error, argv[1]);

  if (!sillon_vault_restore (argv[1], passphrase, common.vault_path, &error))
    {
      /* A wrong passphrase or a bad backup concerns the backup file; the
       * rest concerns the destination. */
      if (g_error_matches (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_BACKUP_INVALID) || g_error_matches (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_WRONG_PASSPHRASE) || g_error_matches (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_TAMPERED))
        return report_error (error, argv[1]);
      return report_error (error, common.vault_path);
    }

  /* Translators: the first %s is a backup file, the second a vault file. */
  g_print (_ ("Restored %s into %s.\n"), argv[1], common.vault_path);
  return SILLON_CLI_EXIT_OK;
}

static int
cmd_rotate (int argc, char **argv)
{
  g_auto (CommonOptions) common = { 0 };
  g_autoptr (CliSecret) passphrase = NULL;
  g_autoptr (SillonVault) vault = NULL;
  g_autoptr (GPtrArray) slots = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *prompt = NULL;
  gboolean force = FALSE;
  char *recovery_key = NULL;
  guint dropped = 0;
  guint others = 0;
  guint unlocked;
  int ret;
  const GOptionEntry entries[] = {
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_ ("Rotate even though the other mediators’ keyslots will be dropped"), NULL },
    { NULL }
  };

  ret = parse_options (&argc, &argv, "",
                       _ ("Re-encrypts the whole vault under a new master key and prints a new recovery key. "
                          "Only your keyslot is kept: the other mediators must be added again."),
                       entries, &common);
  if (ret >= 0 || !check_no_arguments (argc, argv, &ret))
    return ret;

  if (!g_file_test (common.vault_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (&error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_NOT_FOUND, "%s", "");
      return report_error (error, common.vault_path);
    }
  prompt = g_strdup_printf (_ ("Passphrase for %s: "), common.vault_path);
  passphrase = ask_secret (common.passphrase_fd, prompt, &error);
  if (passphrase == NULL)
    return report_error (error, common.vault_path);
  vault = sillon_vault_open (common.vault_path, passphrase, &error);
  if (vault == NULL)
    return report_error (error, common.vault_path);

  slots = sillon_vault_list_slots (vault, &error);
  if (slots == NULL)
    return report_error (error, common.vault_path);
  unlocked = sillon_vault_get_unlocked_slot (vault);
  for (guint i = 0; i < slots->len; i++)
    {
      const SillonVaultSlotInfo *info = g_ptr_array_index (slots, i);
      if (info->kind == SILLON_VAULT_SLOT_PASSPHRASE && info->index != unlocked)
        others++;
    }
  if (others > 0 && !force)
    {
      sillon_cli_error (ngettext (
                            "%u other mediator’s keyslot would be dropped: add --force to rotate anyway.",
                            "%u other mediators’ keyslots would be dropped: add --force to rotate anyway.",
                            others),
                        others);
      return EXIT_REFUSED;
    }

  if (!sillon_vault_rotate (vault, passphrase, &recovery_key, &dropped, &error))
    return report_error (error, common.vault_path);

  g_print ("%s\n", _ ("The vault is now encrypted under a new master key; the old recovery key no longer works."));
  if (dropped > 0)
    g_print (ngettext (
                 "%u keyslot was dropped: add it again with “sillon-cli vault add-slot”.\n",
                 "%u keyslots were dropped: add them again with “sillon-cli vault add-slot”.\n",
                 dropped),
             dropped);
  print_recovery_key (recovery_key);
  sillon_vault_free_secret (recovery_key);
  return SILLON_CLI_EXIT_OK;
}

static int
cmd_recover (int argc, char **argv)
{
  g_auto (CommonOptions) common = { 0 };
  g_autoptr (CliSecret) recovery_key = NULL;
  g_autoptr (CliSecret) new_passphrase = NULL;
  g_autoptr (SillonVault) vault = NULL;
  g_autoptr (GError) error = NULL;
  int slot = 0;
  int ret;
  const GOptionEntry entries[] = {
    { "slot", 's', 0, G_OPTION_ARG_INT, &slot, N_ ("Keyslot that receives the new passphrase (default 0)"), N_ ("N") },
    { NULL }
  };

  ret = parse_options (&argc, &argv, "",
                       _ ("Unlocks the vault with its recovery key and sets a new passphrase on a keyslot."),
                       entries, &common);
  if (ret >= 0 || !check_no_arguments (argc, argv, &ret))
    return ret;
  if (slot < 0 || slot >= SILLON_VAULT_MAX_SLOTS)
    {
      sillon_cli_error (_ ("--slot must be from 0 to %d"), SILLON_VAULT_MAX_SLOTS - 1);
      return SILLON_CLI_EXIT_USAGE;
    }
  if (!g_file_test (common.vault_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (&error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_NOT_FOUND, "%s", "");
      return report_error (error, common.vault_path);
    }

  recovery_key = ask_secret (common.passphrase_fd, _ ("Recovery key: "), &error);
  if (recovery_key == NULL)
    return report_error (error, common.vault_path);
  new_passphrase = ask_new_secret (common.passphrase_fd, _ ("New passphrase: "), &error);
  if (new_passphrase == NULL)
    return report_error (error, common.vault_path);

  vault = sillon_vault_open_with_recovery_key (common.vault_path, recovery_key, (guint) slot, new_passphrase, &error);
  if (vault == NULL)
    return report_error (error, common.vault_path);

  g_print (_ ("New passphrase set on keyslot %d.\n"), slot);
  return SILLON_CLI_EXIT_OK;
}

static void
print_value (sqlite3_stmt *stmt, int column)
{
  switch (sqlite3_column_type (stmt, column))
    {
      case SQLITE_NULL:
        break;
      case SQLITE_BLOB:
        {
          const guint8 *blob = sqlite3_column_blob (stmt, column);
          int length = sqlite3_column_bytes (stmt, column);
          fputs ("X'", stdout);
          for (int i = 0; i < length; i++)
            printf ("%02X", blob[i]);
          fputc ('\'', stdout);
        }
        break;
      default:
        fputs ((const char *) sqlite3_column_text (stmt, column), stdout);
        break;
    }
}

static int
cmd_shell (int argc, char **argv)
{
  g_auto (CommonOptions) common = { 0 };
  g_autoptr (SillonVault) vault = NULL;
  g_autoptr (GString) sql = g_string_new (NULL);
  gboolean header = FALSE;
  const char *tail;
  sqlite3 *db;
  char chunk[4096];
  size_t n;
  int ret;
  const GOptionEntry entries[] = {
    { "header", 0, 0, G_OPTION_ARG_NONE, &header, N_ ("Print column names before the rows of each statement"), NULL },
    { NULL }
  };

  ret = parse_options (&argc, &argv, "",
                       _ ("Expert maintenance tool: reads SQL statements from standard input, runs them on the "
                          "unlocked vault and prints the rows tab-separated (NULL as an empty field, blobs as X'…'). "
                          "Nothing checks what the statements do: a wrong one can destroy data that Sillon needs. "
                          "Make a backup first."),
                       entries, &common);
  if (ret >= 0 || !check_no_arguments (argc, argv, &ret))
    return ret;

  vault = unlock_vault (&common, &ret);
  if (vault == NULL)
    return ret;
  db = sillon_vault_get_db (vault);

  while ((n = fread (chunk, 1, sizeof chunk, stdin)) > 0)
    g_string_append_len (sql, chunk, (gssize) n);
  if (ferror (stdin))
    {
      sillon_cli_error ("%s", _ ("Cannot read standard input"));
      return SILLON_CLI_EXIT_FAILURE;
    }

  tail = sql->str;
  while (tail != NULL && *tail != '\0')
    {
      sqlite3_stmt *stmt = NULL;
      const char *next = NULL;
      int rc;
      gboolean first_row = TRUE;

      rc = sqlite3_prepare_v2 (db, tail, -1, &stmt, &next);
      if (rc != SQLITE_OK)
        {
          /* Translators: %s is SQLite's own message. */
          sillon_cli_error (_ ("SQL error: %s"), sqlite3_errmsg (db));
          return EXIT_SQL;
        }
      tail = next;
      if (stmt == NULL)
        continue; /* only whitespace or a comment */

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          int columns = sqlite3_column_count (stmt);
          if (header && first_row)
            {
              for (int c = 0; c < columns; c++)
                printf ("%s%s", c > 0 ? "\t" : "", sqlite3_column_name (stmt, c));
              putchar ('\n');
            }
          first_row = FALSE;
          for (int c = 0; c < columns; c++)
            {
              if (c > 0)
                putchar ('\t');
              print_value (stmt, c);
            }
          putchar ('\n');
        }
      if (rc != SQLITE_DONE)
        {
          int extended = sqlite3_extended_errcode (db);
          sillon_cli_error (_ ("SQL error: %s"), sqlite3_errmsg (db));
          sqlite3_finalize (stmt);
          if (extended == SQLITE_IOERR_DATA || (extended & 0xff) == SQLITE_CORRUPT)
            return EXIT_TAMPERED;
          return EXIT_SQL;
        }
      sqlite3_finalize (stmt);
    }
  fflush (stdout);
  return SILLON_CLI_EXIT_OK;
}

/* ---- Dispatch ----------------------------------------------------------- */

typedef struct
{
  const char *name;
  const char *summary;
  SillonCliHandler handler;
} VaultCommand;

static const VaultCommand vault_commands[] = {
  { "create", N_ ("Create a vault and print its recovery key"), cmd_create },
  { "info", N_ ("List the keyslots"), cmd_info },
  { "verify", N_ ("Authenticate every page and check integrity"), cmd_verify },
  { "passwd", N_ ("Change your passphrase"), cmd_passwd },
  { "add-slot", N_ ("Add a keyslot for another mediator"), cmd_add_slot },
  { "remove-slot", N_ ("Remove a keyslot"), cmd_remove_slot },
  { "recover", N_ ("Set a new passphrase with the recovery key"), cmd_recover },
  { "backup", N_ ("Write an encrypted backup"), cmd_backup },
  { "restore", N_ ("Restore a backup into a new vault file"), cmd_restore },
  { "rotate", N_ ("Re-encrypt under a new master key"), cmd_rotate },
  { "shell", N_ ("Run SQL from standard input (expert maintenance)"), cmd_shell },
  { NULL, NULL, NULL },
};

static void
print_vault_usage (FILE *stream)
{
  fprintf (stream, "%s\n\n", _ ("Usage: sillon-cli vault SUBCOMMAND [--vault PATH] [--passphrase-fd N] [OPTIONS…]"));
  fprintf (stream, "%s\n", _ ("Subcommands:"));
  for (const VaultCommand *c = vault_commands; c->name != NULL; c++)
    fprintf (stream, "  %-12s %s\n", c->name, _ (c->summary));
  fprintf (stream, "\n%s\n", _ ("Run “sillon-cli vault SUBCOMMAND --help” for its options."));
  fprintf (stream, "\n%s\n%s", passphrase_fd_help (), exit_codes_help ());
}

int
sillon_cli_vault (int argc, char **argv)
{
  const struct rlimit no_core = { 0, 0 };
  const char *name;

  /* A core dump of this process could hold the master key. */
  setrlimit (RLIMIT_CORE, &no_core);

  if (sodium_init () < 0)
    {
      sillon_cli_error ("%s", _ ("Cannot initialise the cryptography library"));
      return SILLON_CLI_EXIT_FAILURE;
    }

  if (argc < 2)
    {
      print_vault_usage (stderr);
      return SILLON_CLI_EXIT_USAGE;
    }
  name = argv[1];
  if (g_str_equal (name, "--help") || g_str_equal (name, "-h") || g_str_equal (name, "help"))
    {
      print_vault_usage (stdout);
      return SILLON_CLI_EXIT_OK;
    }

  for (const VaultCommand *c = vault_commands; c->name != NULL; c++)
    {
      if (g_str_equal (name, c->name))
        {
          g_autofree char *prgname = g_strdup_printf ("%s %s", argv[0], c->name);
          argv[1] = prgname;
          g_set_prgname (prgname);
          return c->handler (argc - 1, argv + 1);
        }
    }

  /* Translators: %s is the subcommand the user typed. */
  sillon_cli_error (_ ("unknown vault subcommand “%s”"), name);
  print_vault_usage (stderr);
  return SILLON_CLI_EXIT_USAGE;
}
