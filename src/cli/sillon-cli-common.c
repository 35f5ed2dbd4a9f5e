/* sillon-cli-common.c — what every sillon-cli command that opens the vault shares
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Passphrases never come from argv or the environment (both are visible to
 * other users through /proc): they are read from the controlling terminal
 * with echo off, or from a file descriptor given with --passphrase-fd.
 */

#include "config.h"

#include "sillon-cli-common.h"

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

#include "sillon-cli.h"
#include "sillon-journal.h"
#include "sillon-places-import.h"
#include "sillon-vault-session.h"
#include "sillon-store.h"

void
sillon_cli_secret_free (SillonCliSecret *secret)
{
  if (secret == NULL)
    return;
  sodium_memzero (secret, SILLON_CLI_SECRET_CAPACITY + 1);
  sodium_free (secret);
}

const char *
sillon_cli_exit_codes_help (void)
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
            "  20  verify found damage\n"
            "  21  the input file is unusable, or nothing in it could be imported\n"
            "  22  the journal failed verification (an entry was edited, deleted or moved)\n"
            "  23  no person or record with that id\n"
            "  24  the vault was written by a newer version of Sillon\n");
}

const char *
sillon_cli_passphrase_fd_help (void)
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
static SillonCliSecret *
read_secret_line (int fd, GError **error)
{
  g_autoptr (SillonCliSecret) buffer = NULL;
  gsize length = 0;
  gboolean seen_anything = FALSE;

  buffer = sodium_malloc (SILLON_CLI_SECRET_CAPACITY + 1);
  if (buffer == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                           _ ("Cannot allocate protected memory for the passphrase"));
      return NULL;
    }
  memset (buffer, 0, SILLON_CLI_SECRET_CAPACITY + 1);

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
      if (length == SILLON_CLI_SECRET_CAPACITY)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                       _ ("The passphrase is longer than %d bytes"), SILLON_CLI_SECRET_CAPACITY);
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

static SillonCliSecret *
read_secret_from_tty (const char *prompt, GError **error)
{
  g_autoptr (SillonCliSecret) secret = NULL;
  g_autofree char *shown = NULL;
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

  /* The prompt names the vault, a path the user typed. */
  shown = sillon_cli_escape (prompt, SILLON_CLI_ESCAPE_TEXT);
  if (write (fd, shown, strlen (shown)) < 0 || tcsetattr (fd, TCSAFLUSH, &quiet) != 0)
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
SillonCliSecret *
sillon_cli_ask_secret (int passphrase_fd, const char *prompt, GError **error)
{
  if (passphrase_fd >= 0)
    return read_secret_line (passphrase_fd, error);
  return read_secret_from_tty (prompt, error);
}

/* A new secret is typed twice on a terminal: a typo there would lock the
 * person out of the vault for good. */
SillonCliSecret *
sillon_cli_ask_new_secret (int passphrase_fd, const char *prompt, GError **error)
{
  if (passphrase_fd >= 0)
    return read_secret_line (passphrase_fd, error);

  for (int attempt = 0; attempt < 3; attempt++)
    {
      g_autoptr (SillonCliSecret) first = NULL;
      g_autoptr (SillonCliSecret) second = NULL;

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

int
sillon_cli_exit_code_for_error (const GError *error)
{
  if (error != NULL && error->domain == SILLON_STORE_ERROR)
    {
      switch ((SillonStoreError) error->code)
        {
          case SILLON_STORE_ERROR_NOT_FOUND:
            return SILLON_CLI_EXIT_NO_SUCH_RECORD;
          case SILLON_STORE_ERROR_SCHEMA_TOO_NEW:
            return SILLON_CLI_EXIT_SCHEMA_TOO_NEW;
          case SILLON_STORE_ERROR_SQL:
            return SILLON_CLI_EXIT_SQL;
          default:
            return SILLON_CLI_EXIT_FAILURE;
        }
    }
  if (error != NULL && error->domain == SILLON_JOURNAL_ERROR)
    return error->code == SILLON_JOURNAL_ERROR_TAMPERED ? SILLON_CLI_EXIT_JOURNAL_TAMPERED : SILLON_CLI_EXIT_SQL;
  if (error != NULL && error->domain == SILLON_PLACES_IMPORT_ERROR)
    return error->code == SILLON_PLACES_IMPORT_ERROR_IO ? SILLON_CLI_EXIT_IO : SILLON_CLI_EXIT_INVALID_INPUT;
  if (error == NULL || error->domain != SILLON_VAULT_ERROR)
    return SILLON_CLI_EXIT_FAILURE;

  switch ((SillonVaultError) error->code)
    {
      case SILLON_VAULT_ERROR_WRONG_PASSPHRASE:
      case SILLON_VAULT_ERROR_WRONG_RECOVERY_KEY:
        return SILLON_CLI_EXIT_WRONG_SECRET;
      case SILLON_VAULT_ERROR_NOT_A_VAULT:
      case SILLON_VAULT_ERROR_UNSUPPORTED_VERSION:
        return SILLON_CLI_EXIT_NOT_A_VAULT;
      case SILLON_VAULT_ERROR_TAMPERED:
        return SILLON_CLI_EXIT_TAMPERED;
      case SILLON_VAULT_ERROR_BUSY:
        return SILLON_CLI_EXIT_BUSY;
      case SILLON_VAULT_ERROR_NOT_FOUND:
        return SILLON_CLI_EXIT_NOT_FOUND;
      case SILLON_VAULT_ERROR_EXISTS:
        return SILLON_CLI_EXIT_EXISTS;
      case SILLON_VAULT_ERROR_WEAK_PASSPHRASE:
      case SILLON_VAULT_ERROR_NO_FREE_SLOT:
      case SILLON_VAULT_ERROR_LAST_SLOT:
      case SILLON_VAULT_ERROR_SLOT_NOT_FOUND:
      case SILLON_VAULT_ERROR_ROTATION_PENDING:
      case SILLON_VAULT_ERROR_NO_PENDING_ROTATION:
        return SILLON_CLI_EXIT_REFUSED;
      case SILLON_VAULT_ERROR_IO:
        return SILLON_CLI_EXIT_IO;
      case SILLON_VAULT_ERROR_SQL:
        return SILLON_CLI_EXIT_SQL;
      case SILLON_VAULT_ERROR_BACKUP_INVALID:
        return SILLON_CLI_EXIT_BACKUP_INVALID;
      case SILLON_VAULT_ERROR_SLOT_REQUIRED:
        return SILLON_CLI_EXIT_USAGE;
      case SILLON_VAULT_ERROR_LOCKED:
      default:
        return SILLON_CLI_EXIT_FAILURE;
    }
}

/* One plain sentence per error code, then the core's detail: the person
 * reading it needs to know first whether they mistyped, picked the wrong
 * file, or have a damaged vault. */
int
sillon_cli_report_error (const GError *error, const char *path)
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
          case SILLON_VAULT_ERROR_ROTATION_PENDING:
            summary = g_strdup (_ ("A rotation of the master key was interrupted: finish it first with “sillon-cli vault rotate --resume”, which shows its recovery key again."));
            break;
          case SILLON_VAULT_ERROR_NO_PENDING_ROTATION:
            summary = g_strdup (_ ("There is no interrupted rotation to finish."));
            break;
          case SILLON_VAULT_ERROR_SLOT_REQUIRED:
            summary = g_strdup (_ ("Several mediators have a passphrase on this vault: choose the keyslot that receives the new one with --slot N (see “sillon-cli vault info”). Nothing was changed."));
            break;
          default:
            break;
        }
    }
  else if (error->domain == SILLON_STORE_ERROR && error->code == SILLON_STORE_ERROR_SCHEMA_TOO_NEW)
    {
      summary = g_strdup_printf (_ ("%s was written by a newer version of Sillon: update Sillon."), path);
    }
  else if (error->domain == SILLON_JOURNAL_ERROR && error->code == SILLON_JOURNAL_ERROR_TAMPERED)
    {
      summary = g_strdup (_ ("The journal has been tampered with."));
    }

  if (summary != NULL && error->message != NULL && error->message[0] != '\0')
    sillon_cli_error ("%s\n  (%s)", summary, error->message);
  else if (summary != NULL)
    sillon_cli_error ("%s", summary);
  else
    sillon_cli_error ("%s", error->message);

  return sillon_cli_exit_code_for_error (error);
}

int
sillon_cli_report_person_error (const GError *error, gint64 id, const char *path)
{
  if (g_error_matches (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_NOT_FOUND))
    {
      /* Translators: %lld is a person's id. */
      sillon_cli_error (_ ("There is no person with id %lld."), (long long) id);
      return SILLON_CLI_EXIT_NO_SUCH_RECORD;
    }
  return sillon_cli_report_error (error, path);
}

/* ---- Common options ----------------------------------------------------- */

void
sillon_cli_common_options_clear (SillonCliCommonOptions *common)
{
  g_clear_pointer (&common->vault_path, g_free);
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

/* Parses argv with the common options plus @extra, then fills defaults.
 * Returns -1 on success, otherwise the exit code to return. */
int
sillon_cli_parse_options (int *argc,
                          char ***argv,
                          const char *parameter_string,
                          const char *summary,
                          const GOptionEntry *extra,
                          SillonCliCommonOptions *common)
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *default_path = sillon_vault_session_get_default_path ();
  /* Translators: %s is the default path of the vault file. */
  g_autofree char *vault_help = g_strdup_printf (_ ("The vault file (default: %s)"), default_path);
  g_autofree char *description = NULL;
  int exit_code;
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
  description = g_strconcat (sillon_cli_passphrase_fd_help (), "\n", sillon_cli_exit_codes_help (), NULL);
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, common_entries, GETTEXT_PACKAGE);
  if (extra != NULL)
    g_option_context_add_main_entries (context, extra, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      sillon_cli_error ("%s", error->message);
      return SILLON_CLI_EXIT_USAGE;
    }
  if (parameter_string[0] == '\0' && !check_no_arguments (*argc, *argv, &exit_code))
    return exit_code;
  if (common->passphrase_fd < -1)
    {
      sillon_cli_error ("%s", _ ("--passphrase-fd must be a file descriptor number"));
      return SILLON_CLI_EXIT_USAGE;
    }
  if (common->vault_path == NULL)
    common->vault_path = g_steal_pointer (&default_path);
  return -1;
}

gboolean
sillon_cli_check_vault_exists (SillonCliCommonOptions *common, int *out_exit)
{
  g_autoptr (GError) error = NULL;

  if (g_file_test (common->vault_path, G_FILE_TEST_EXISTS))
    return TRUE;
  g_set_error (&error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_NOT_FOUND, "%s", "");
  *out_exit = sillon_cli_report_error (error, common->vault_path);
  return FALSE;
}

/* Checks that the vault is there (no point asking for a passphrase
 * otherwise), then asks for it. */
static SillonCliSecret *
ask_passphrase (SillonCliCommonOptions *common,
                gboolean current,
                int *out_exit)
{
  g_autoptr (SillonCliSecret) passphrase = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *prompt = NULL;

  if (!sillon_cli_check_vault_exists (common, out_exit))
    return NULL;

  if (current)
    /* Translators: %s is the path of the vault file; asked before a change of passphrase. */
    prompt = g_strdup_printf (_ ("Current passphrase for %s: "), common->vault_path);
  else
    /* Translators: %s is the path of the vault file. */
    prompt = g_strdup_printf (_ ("Passphrase for %s: "), common->vault_path);
  passphrase = sillon_cli_ask_secret (common->passphrase_fd, prompt, &error);
  if (passphrase == NULL)
    {
      *out_exit = sillon_cli_report_error (error, common->vault_path);
      return NULL;
    }
  return g_steal_pointer (&passphrase);
}

static SillonVault *
unlock_vault (SillonCliCommonOptions *common,
              gboolean current,
              SillonVaultOpenFlags flags,
              SillonCliSecret **out_passphrase,
              int *out_exit)
{
  g_autoptr (SillonCliSecret) passphrase = NULL;
  g_autoptr (GError) error = NULL;
  SillonVault *vault;

  passphrase = ask_passphrase (common, current, out_exit);
  if (passphrase == NULL)
    return NULL;
  vault = sillon_vault_open_full (common->vault_path, passphrase, flags, &error);
  if (vault == NULL)
    {
      *out_exit = sillon_cli_report_error (error, common->vault_path);
      return NULL;
    }
  /* Said on every unlock until it is done: the recovery key that rotation
   * showed does not open this vault yet. */
  if (sillon_vault_has_pending_rotation (vault))
    sillon_cli_error ("%s", _ ("A rotation of the master key was interrupted: the vault still uses its old master key and old recovery key. "
                               "Finish the rotation with “sillon-cli vault rotate --resume”."));
  if (out_passphrase != NULL)
    *out_passphrase = g_steal_pointer (&passphrase);
  return vault;
}

SillonVault *
sillon_cli_unlock_vault_full (SillonCliCommonOptions *common,
                              gboolean current,
                              SillonCliSecret **out_passphrase,
                              int *out_exit)
{
  return unlock_vault (common, current, SILLON_VAULT_OPEN_DEFAULT, out_passphrase, out_exit);
}

SillonVault *
sillon_cli_unlock_vault_with_flags (SillonCliCommonOptions *common,
                                    SillonVaultOpenFlags flags,
                                    int *out_exit)
{
  return unlock_vault (common, FALSE, flags, NULL, out_exit);
}

SillonVault *
sillon_cli_unlock_vault_with_flags_full (SillonCliCommonOptions *common,
                                         SillonVaultOpenFlags flags,
                                         SillonCliSecret **out_passphrase,
                                         int *out_exit)
{
  return unlock_vault (common, FALSE, flags, out_passphrase, out_exit);
}

SillonVault *
sillon_cli_unlock_vault (SillonCliCommonOptions *common, int *out_exit)
{
  return sillon_cli_unlock_vault_full (common, FALSE, NULL, out_exit);
}

gboolean
sillon_cli_parse_id (const char *text, gint64 *out_id)
{
  guint64 value = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT64, &value, NULL))
    {
      /* Translators: %s is what the user typed instead of a number. */
      sillon_cli_error (_ ("“%s” is not a valid id: give a positive number"), text);
      return FALSE;
    }
  *out_id = (gint64) value;
  return TRUE;
}

gboolean
sillon_cli_check_date (const char *text)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_parse (&date, text);
  if (!g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2}$", text, 0, 0) || !g_date_valid (&date))
    {
      /* Translators: %s is what the user gave as a date (to --date or --end-date). */
      sillon_cli_error (_ ("“%s” is not a date: use YYYY-MM-DD"), text);
      return FALSE;
    }
  return TRUE;
}

gboolean
sillon_cli_check_one_argument (int argc, const char *message)
{
  if (argc != 2)
    {
      sillon_cli_error ("%s", message);
      return FALSE;
    }
  return TRUE;
}

char *
sillon_cli_search_text (int argc, char **argv)
{
  if (argc < 2)
    {
      sillon_cli_error ("%s", _ ("give the text to search for"));
      return NULL;
    }
  return g_strjoinv (" ", argv + 1);
}

char *
sillon_cli_format_utc (gint64 unix_time)
{
  g_autoptr (GDateTime) at = g_date_time_new_from_unix_utc (unix_time);

  return at != NULL ? g_date_time_format_iso8601 (at) : g_strdup ("?");
}

gboolean
sillon_cli_init_secure (void)
{
  const struct rlimit no_core = { 0, 0 };

  /* A core dump of this process could hold the master key. */
  setrlimit (RLIMIT_CORE, &no_core);

  if (sodium_init () < 0)
    {
      sillon_cli_error ("%s", _ ("Cannot initialise the cryptography library"));
      return FALSE;
    }
  return TRUE;
}

/* ---- The vault with its store and journal -------------------------------- */

void
sillon_cli_vault_close (SillonCliVault *cv)
{
  if (cv == NULL)
    return;
  if (cv->session != NULL)
    sillon_vault_session_lock (cv->session);
  g_clear_object (&cv->session);
  g_free (cv->vault_path);
  g_free (cv);
}

int
sillon_cli_search_command (int argc, char **argv, const SillonCliSearchCommand *command)
{
  g_auto (SillonCliCommonOptions) common = { 0 };
  g_autoptr (SillonCliVault) cv = NULL;
  g_autoptr (GPtrArray) found = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *query = NULL;
  int limit = 20;
  int ret;
  const GOptionEntry entries[] = {
    { "limit", 'l', 0, G_OPTION_ARG_INT, &limit, command->limit_description, N_ ("N") },
    { NULL }
  };

  ret = sillon_cli_parse_options (&argc, &argv, _ ("TEXT…"), _ (command->summary), entries, &common);
  if (ret >= 0)
    return ret;
  query = sillon_cli_search_text (argc, argv);
  if (query == NULL)
    return SILLON_CLI_EXIT_USAGE;
  if (limit < 1 && command->limit_too_low != NULL)
    {
      sillon_cli_error ("%s", _ (command->limit_too_low));
      return SILLON_CLI_EXIT_USAGE;
    }
  if (limit < 1)
    limit = 1;

  cv = sillon_cli_vault_open (&common, &ret);
  if (cv == NULL)
    return ret;
  found = command->search (cv->store, query, (guint) limit, &error);
  if (found == NULL)
    return sillon_cli_report_error (error, common.vault_path);
  for (guint i = 0; i < found->len; i++)
    {
      command->print_row (g_ptr_array_index (found, i));
      fputc ('\n', stdout);
    }
  if (found->len == 0)
    g_printerr ("%s\n", _ (command->none));
  return sillon_cli_flush_stdout ();
}

SillonCliVault *
sillon_cli_vault_open (SillonCliCommonOptions *common, int *out_exit)
{
  g_autoptr (SillonCliVault) cv = g_new0 (SillonCliVault, 1);
  g_autoptr (SillonCliSecret) passphrase = NULL;
  g_autoptr (GError) error = NULL;

  cv->vault_path = g_strdup (common->vault_path);
  passphrase = ask_passphrase (common, FALSE, out_exit);
  if (passphrase == NULL)
    return NULL;
  cv->session = sillon_vault_session_open (common->vault_path, passphrase, "cli", NULL, &error);
  if (cv->session == NULL)
    {
      *out_exit = sillon_cli_report_error (error, cv->vault_path);
      return NULL;
    }
  /* Borrowed from the session, which outlives them (see
   * sillon_cli_vault_close()). */
  cv->vault = sillon_vault_session_get_vault (cv->session);
  cv->store = sillon_vault_session_get_store (cv->session);
  cv->journal_key = sillon_vault_session_get_journal_key (cv->session);
  cv->mediator_id = sillon_vault_session_get_mediator_id (cv->session);
  return g_steal_pointer (&cv);
}

SillonCliVault *
sillon_cli_parse_and_open (int *argc,
                           char ***argv,
                           const char *summary,
                           const GOptionEntry *extra,
                           SillonCliCommonOptions *common,
                           int *out_exit)
{
  *out_exit = sillon_cli_parse_options (argc, argv, "", summary, extra, common);
  if (*out_exit >= 0)
    return NULL;
  return sillon_cli_vault_open (common, out_exit);
}

gboolean
sillon_cli_vault_journal (SillonCliVault *cv,
                          SillonJournalAction action,
                          const char *details,
                          GError **error)
{
  return sillon_vault_session_journal (cv->session, action, details, error);
}

int
sillon_cli_verify_journal (SillonStore *store,
                           const guint8 *key,
                           const char *path,
                           guint64 *out_n_entries,
                           guint8 out_head_hash[SILLON_JOURNAL_HASH_BYTES])
{
  g_autoptr (GError) error = NULL;
  gint64 first_bad = 0;

  if (sillon_journal_verify (store, key, &first_bad, out_n_entries, out_head_hash, &error))
    return SILLON_CLI_EXIT_OK;
  if (g_error_matches (error, SILLON_JOURNAL_ERROR, SILLON_JOURNAL_ERROR_TAMPERED))
    {
      /* Translators: %lld is the sequence number of a journal entry. */
      sillon_cli_error (_ ("The journal has been tampered with: entry %lld is the first that does not verify."),
                        (long long) first_bad);
      sillon_cli_error ("  (%s)", error->message);
      return SILLON_CLI_EXIT_JOURNAL_TAMPERED;
    }
  return sillon_cli_report_error (error, path);
}

gboolean
sillon_cli_vault_has_journal (SillonVault *vault)
{
  int version = 0;

  return sillon_store_read_schema_version (sillon_vault_get_db (vault), &version, NULL) &&
         version >= 1 && version <= SILLON_STORE_SCHEMA_VERSION;
}

gboolean
sillon_cli_journal_bare_vault (SillonVault *vault,
                               SillonJournalAction action,
                               const char *details,
                               GError **error)
{
  g_autoptr (SillonStore) store = NULL;
  guint8 *key;
  gboolean ok;

  /* A vault written by a newer Sillon has a journal this version does not
   * know how to write: the maintenance commands still work on it. */
  if (!sillon_cli_vault_has_journal (vault))
    return TRUE;

  store = sillon_store_new (sillon_vault_get_db (vault), error);
  if (store == NULL)
    return FALSE;
  key = sillon_journal_derive_key (vault, error);
  if (key == NULL)
    return FALSE;
  ok = sillon_journal_append (store, key, action, sillon_journal_mediator_of_slot (store, sillon_vault_get_unlocked_slot (vault)),
                              details, NULL, error);
  sodium_free (key);
  return ok;
}

/* Characters that are no control to GLib's eyes yet change what the
 * terminal shows around them: the bidirectional embeddings, overrides and
 * isolates (U+202A–U+202E, U+2066–U+2069) and marks (U+200E, U+200F,
 * U+061C) reorder the rest of the line, so a name can make a listing read
 * differently from what it holds ("Trojan Source"); the line and paragraph
 * separators (U+2028, U+2029) break a record's line. Joiners (U+200C,
 * U+200D) stay: Arabic, Indic and emoji text needs them and they reorder
 * nothing. */
static gboolean
is_layout_control (gunichar c)
{
  return c == 0x061c || c == 0x200e || c == 0x200f || (c >= 0x2028 && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

void
sillon_cli_escape_append (GString *out, const char *value, SillonCliEscapeMode mode)
{
  const char *p = value != NULL ? value : "";
  const char *end = p + strlen (p);

  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          /* Not UTF-8: a lone byte such as 0x9B is CSI to an 8-bit terminal. */
          g_string_append_printf (out, "\\x%02x", (guchar) *p);
          p++;
          continue;
        }
      if (mode == SILLON_CLI_ESCAPE_FIELD && (c == '\t' || c == '\n' || c == '\r' || c == '\\'))
        g_string_append (out, c == '\t' ? "\\t" : c == '\n' ? "\\n"
                                              : c == '\r'   ? "\\r"
                                                            : "\\\\");
      else if ((c < 0x20 && c != '\t' && c != '\n') || (c >= 0x7f && c <= 0x9f) || is_layout_control (c))
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      p = g_utf8_next_char (p);
    }
}

char *
sillon_cli_escape (const char *value, SillonCliEscapeMode mode)
{
  GString *out = g_string_new (NULL);

  sillon_cli_escape_append (out, value, mode);
  return g_string_free (out, FALSE);
}

void
sillon_cli_print_field (const char *value)
{
  g_autofree char *escaped = sillon_cli_escape (value, SILLON_CLI_ESCAPE_FIELD);

  fputs (escaped, stdout);
}

void
sillon_cli_print_fields (const char *const *fields, gsize n_fields)
{
  for (gsize i = 0; i < n_fields; i++)
    {
      if (i > 0)
        fputc ('\t', stdout);
      sillon_cli_print_field (fields[i]);
    }
}

void
sillon_cli_print_record (gint64 id, const char *const *fields, gsize n_fields)
{
  printf ("%" G_GINT64_FORMAT "\t", id);
  sillon_cli_print_fields (fields, n_fields);
}

int
sillon_cli_flush_stdout (void)
{
  if (fflush (stdout) != 0)
    {
      sillon_cli_error ("%s", g_strerror (errno));
      return SILLON_CLI_EXIT_IO;
    }
  return SILLON_CLI_EXIT_OK;
}
