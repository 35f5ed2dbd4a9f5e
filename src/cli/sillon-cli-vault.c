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
#include "sillon-cli-common.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "sillon-sheets.h"
#include "sillon-vault.h"

static void
print_recovery_key (const char *recovery_key)
{
  g_print ("\n%s\n\n", _ ("RECOVERY KEY — write it down or print it now, and keep the paper somewhere safe:"));
  g_print ("    %s\n\n", recovery_key);
  g_print ("%s\n", _ ("It is shown only this once. It opens the vault if every passphrase is forgotten,\n"
                      "and anyone who holds it can read the vault: never store it on this computer."));
}

/* ---- Subcommands -------------------------------------------------------- */

int
sillon_cli_vault_create (int argc, char **argv)
{
  g_auto (SillonCliCommonOptions) common = { 0 };
  g_autofree char *name = NULL;
  g_autofree char *dir = NULL;
  g_autoptr (SillonCliSecret) passphrase = NULL;
  g_autoptr (SillonVault) vault = NULL;
  g_autoptr (GError) error = NULL;
  SillonVaultCreateOptions options = { 0 };
  char *recovery_key = NULL;
  g_autofree char *print_recovery = NULL;
  g_autofree char *sheet_lang = NULL;
  int kdf_ms = 0;
  int page_size = 0;
  int ret;
  const GOptionEntry entries[] = {
    { "name", 'n', 0, G_OPTION_ARG_STRING, &name, N_ ("Display name of the first mediator (default: your account’s name)"), N_ ("NAME") },
    { "print-recovery", 0, 0, G_OPTION_ARG_FILENAME, &print_recovery, N_ ("Also write the recovery key on a printable sheet, as a PDF file (delete it once printed)"), N_ ("FILE") },
    { "lang", 0, 0, G_OPTION_ARG_STRING, &sheet_lang, N_ ("Language of the recovery-key sheet (default: fr)"), N_ ("CODE") },
    { "kdf-ms", 0, 0, G_OPTION_ARG_INT, &kdf_ms, N_ ("Target time of the passphrase stretching, in milliseconds (default 750; never below 64 MiB and 2 passes)"), N_ ("MS") },
    { "page-size", 0, 0, G_OPTION_ARG_INT, &page_size, N_ ("Database page size in bytes, a power of two from 1024 to 65536 (default 4096)"), N_ ("BYTES") },
    { NULL }
  };

  ret = sillon_cli_parse_options (&argc, &argv, "", _ ("Creates a new vault with a first mediator’s passphrase and a recovery key."),
                                  entries, &common);
  if (ret >= 0)
    return ret;
  if (kdf_ms < 0 || page_size < 0)
    {
      sillon_cli_error ("%s", _ ("--kdf-ms and --page-size must be positive"));
      return SILLON_CLI_EXIT_USAGE;
    }

  if (g_file_test (common.vault_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (&error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_EXISTS, "%s", "");
      return sillon_cli_report_error (error, common.vault_path);
    }
  /* A wrong language is told before the vault exists, not after. */
  if (print_recovery != NULL && sillon_sheet_language_get (sheet_lang, &error) == NULL)
    {
      sillon_cli_error ("%s", error->message);
      return SILLON_CLI_EXIT_USAGE;
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
      return SILLON_CLI_EXIT_IO;
    }

  passphrase = sillon_cli_ask_new_secret (common.passphrase_fd, _ ("New passphrase: "), &error);
  if (passphrase == NULL)
    return sillon_cli_report_error (error, common.vault_path);

  options.kdf_target_ms = (guint) kdf_ms;
  options.page_size = (guint) page_size;
  vault = sillon_vault_create (common.vault_path, name, passphrase, &options, &recovery_key, &error);
  if (vault == NULL)
    return sillon_cli_report_error (error, common.vault_path);

  /* Translators: %s is the path of the vault file. */
  g_print (_ ("Vault created at %s.\n"), common.vault_path);
  print_recovery_key (recovery_key);
  if (fflush (stdout) != 0 || ferror (stdout))
    {
      int saved = errno;
      g_autofree char *wal = g_strconcat (common.vault_path, "-wal", NULL);

      sillon_vault_free_secret (recovery_key);
      sillon_vault_lock (vault);
      /* A recovery key nobody saw is no recovery key: the new vault, empty
       * still, goes, rather than stay with a key shown to no one. Checked
       * before the sheet is written: the sheet is a copy of the key, not
       * the place where it is first shown. */
      g_unlink (wal);
      g_unlink (common.vault_path);
      /* Translators: %s is the reason. */
      sillon_cli_error (_ ("The recovery key could not be written out (%s): the vault was not created."), g_strerror (saved));
      return SILLON_CLI_EXIT_IO;
    }
  if (print_recovery != NULL)
    {
      g_autoptr (SillonSheetDoc) doc = sillon_sheet_build_recovery (recovery_key, name, sheet_lang,
                                                                    SILLON_SHEET_PAPER_A4, NULL, &error);

      /* The key was shown above whatever happens here: the vault is usable. */
      if (doc == NULL || !sillon_sheet_doc_write_pdf (doc, print_recovery, &error))
        {
          sillon_vault_free_secret (recovery_key);
          sillon_vault_lock (vault);
          sillon_cli_error ("%s", error->message);
          return SILLON_CLI_EXIT_IO;
        }
      {
        g_autofree char *display = g_filename_display_name (print_recovery);
        /* Translators: %s is a file name. */
        g_print (_ ("Wrote the recovery-key sheet to %s: print it, then delete the file.\n"), display);
      }
    }
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

/* printf's %-Ns counts bytes: "—" or "é" would push the next columns left.
 * Pads by characters instead (wide characters are not expected here). */
static void
append_column (GString *line, const char *text, glong width)
{
  glong length = g_utf8_strlen (text, -1);

  g_string_append (line, text);
  for (glong i = length; i < width; i++)
    g_string_append_c (line, ' ');
  g_string_append_c (line, ' ');
}

int
sillon_cli_vault_info (int argc, char **argv)
{
  g_auto (SillonCliCommonOptions) common = { 0 };
  g_autoptr (SillonVault) vault = NULL;
  g_autoptr (GPtrArray) slots = NULL;
  g_autoptr (GError) error = NULL;
  gint64 page_size = 0, page_count = 0;
  int ret;

  ret = sillon_cli_parse_options (&argc, &argv, "", _ ("Unlocks the vault and lists its keyslots."), NULL, &common);
  if (ret >= 0)
    return ret;

  vault = sillon_cli_unlock_vault (&common, &ret);
  if (vault == NULL)
    return ret;
  {
    g_autofree char *details = g_strdup_printf ("{\"slot\":%u,\"via\":\"cli\"}", sillon_vault_get_unlocked_slot (vault));
    if (!sillon_cli_journal_bare_vault (vault, SILLON_JOURNAL_OPEN, details, &error))
      return sillon_cli_report_error (error, common.vault_path);
  }

  slots = sillon_vault_list_slots (vault, &error);
  if (slots == NULL)
    return sillon_cli_report_error (error, common.vault_path);

  if (!sillon_vault_get_size (vault, &page_size, &page_count, &error))
    return sillon_cli_report_error (error, common.vault_path);
  g_print (_ ("Vault: %s\n"), common.vault_path);
  /* Plain C formats in translatable strings: xgettext cannot see through
   * GLib's format macros. */
  g_print (_ ("Page size: %lld bytes, %lld pages\n"),
           (long long) page_size, (long long) page_count);
  g_print (_ ("Unlocked with keyslot %u\n"), sillon_vault_get_unlocked_slot (vault));
  g_print ("\n%s\n", _ ("Keyslots:"));
  {
    g_autoptr (GString) line = g_string_new ("  ");

    /* Translators: column headings of the keyslot list; keep each within its width
     * (Slot 5, Kind 11, Label 24, Created 17 characters). */
    append_column (line, _ ("Slot"), 5);
    append_column (line, _ ("Kind"), 11);
    append_column (line, _ ("Label"), 24);
    append_column (line, _ ("Created"), 17);
    g_print ("%s%s\n", line->str, _ ("Argon2id"));
  }
  for (guint i = 0; i < slots->len; i++)
    {
      const SillonVaultSlotInfo *info = g_ptr_array_index (slots, i);
      g_autofree char *created = format_unix_time (info->created_unix);
      g_autofree char *kdf = NULL;
      g_autofree char *index = g_strdup_printf ("%u", info->index);
      g_autoptr (GString) line = g_string_new ("  ");
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
      append_column (line, index, 5);
      append_column (line, kind, 11);
      {
        /* A label is whatever was typed at add-slot. */
        g_autofree char *label = sillon_cli_escape (info->label, SILLON_CLI_ESCAPE_FIELD);

        append_column (line, label[0] != '\0' ? label : "—", 24);
      }
      append_column (line, created, 17);
      g_print ("%s%s\n", line->str, kdf);
    }
  return SILLON_CLI_EXIT_OK;
}

/* Prints what sillon_vault_verify() found; TRUE when the vault is
 * damaged in any way, repairable or not. */
static gboolean
print_report (const SillonVaultVerifyReport *report)
{
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
  if (report->header_needs_repair)
    g_print ("%s\n", _ ("Header: one copy is damaged or out of date; “sillon-cli vault repair” rewrites it"));
  /* A crash during a header change, or a modification: worth knowing. */
  if (report->header_repairs > 0)
    g_print (ngettext ("Header repairs: a damaged or out-of-date header copy was rewritten %u time when the vault was opened\n",
                       "Header repairs: a damaged or out-of-date header copy was rewritten %u times when the vault was opened\n",
                       report->header_repairs),
             report->header_repairs);
  if (report->wal_header_bad)
    g_print ("%s\n", _ ("Log: its header was altered"));
  if (report->old_log)
    g_print ("%s\n", _ ("Log: written by an earlier version of Sillon; “sillon-cli vault repair --accept-old-log” folds it into the vault"));
  if (report->bad_pages != NULL && report->bad_pages->len > 0)
    g_print ("%s\n", _ ("Integrity check: not run (bad pages)"));
  else
    g_print (_ ("Integrity check: %s\n"), report->integrity_ok ? _ ("ok") : _ ("FAILED"));

  return (report->bad_pages != NULL && report->bad_pages->len > 0) || !report->integrity_ok || !report->header_copy_a_ok || !report->header_copy_b_ok || report->wal_header_bad || report->old_log;
}

/* Verifies @vault and prints the report; returns the exit code. */
static int
verify_and_report (SillonVault *vault, const char *path)
{
  g_autoptr (SillonVaultVerifyReport) report = NULL;
  g_autoptr (GError) error = NULL;

  if (!sillon_vault_verify (vault, &report, &error))
    return sillon_cli_report_error (error, path);
  if (print_report (report))
    {
      sillon_cli_error ("%s", _ ("The vault is damaged: restore a backup, or copy out what still reads."));
      return SILLON_CLI_EXIT_DAMAGED;
    }
  g_print ("%s\n", _ ("The vault is intact."));
  return SILLON_CLI_EXIT_OK;
}

int
sillon_cli_vault_verify (int argc, char **argv)
{
  g_auto (SillonCliCommonOptions) common = { 0 };
  g_autoptr (SillonVault) vault = NULL;
  int ret;

  ret = sillon_cli_parse_options (&argc, &argv, "",
                                  _ ("Authenticates every page of the vault and its write-ahead log, then runs SQLite’s integrity check. Writes nothing: what needs repair is reported, and left to “sillon-cli vault repair”."),
                                  NULL, &common);
  if (ret >= 0)
    return ret;

  vault = sillon_cli_unlock_vault_with_flags (&common, SILLON_VAULT_OPEN_CHECK_ONLY, &ret);
  if (vault == NULL)
    return ret;

  return verify_and_report (vault, common.vault_path);
}

int
sillon_cli_vault_repair (int argc, char **argv)
{
  g_auto (SillonCliCommonOptions) common = { 0 };
  g_autoptr (SillonCliSecret) passphrase = NULL;
  g_autoptr (SillonVaultVerifyReport) report = NULL;
  g_autoptr (SillonVault) vault = NULL;
  g_autoptr (GError) error = NULL;
  SillonVaultOpenFlags flags;
  gboolean accept_old_log = FALSE;
  GOptionEntry entries[] = {
    { "accept-old-log", 0, 0, G_OPTION_ARG_NONE, &accept_old_log,
      N_ ("Read a log left by an earlier version of Sillon (only if you trust that file)"), NULL },
    { NULL },
  };
  int ret;

  ret = sillon_cli_parse_options (&argc, &argv, "",
                                  _ ("Verifies the vault first and changes nothing if it has damage that cannot be repaired (pages that fail authentication: restore a backup); otherwise rewrites a damaged or out-of-date header copy, folds the write-ahead log into the vault file and verifies the vault again."),
                                  entries, &common);
  if (ret >= 0)
    return ret;

  flags = accept_old_log ? SILLON_VAULT_OPEN_ACCEPT_OLD_LOG : SILLON_VAULT_OPEN_DEFAULT;

  /* Checked first, writing nothing: folding a log into a vault whose pages
   * fail authentication would change the file a backup or an expert may
   * still need, and mend nothing. */
  vault = sillon_cli_unlock_vault_with_flags_full (&common, flags | SILLON_VAULT_OPEN_CHECK_ONLY, &passphrase, &ret);
  if (vault == NULL)
    return ret;
  if (!sillon_vault_verify (vault, &report, &error))
    return sillon_cli_report_error (error, common.vault_path);
  if ((report->bad_pages != NULL && report->bad_pages->len > 0) || !report->integrity_ok || report->wal_header_bad)
    {
      print_report (report);
      sillon_cli_error ("%s", _ ("Nothing was changed: repair cannot mend pages that fail authentication, a failed integrity check or an altered log. Restore a backup, or copy out what still reads."));
      return SILLON_CLI_EXIT_DAMAGED;
    }
  if (report->old_log && !accept_old_log)
    {
      print_report (report);
      sillon_cli_error ("%s", _ ("Nothing was changed: the log was written by an earlier version of Sillon. If you trust this file, run “sillon-cli vault repair --accept-old-log”."));
      return SILLON_CLI_EXIT_DAMAGED;
    }
  /* What is left, a header copy to rewrite and the log to fold in, is what
   * opening for writing and a checkpoint do. */
  g_clear_object (&vault);
  vault = sillon_vault_open_full (common.vault_path, passphrase, flags, &error);
  if (vault == NULL)
    return sillon_cli_report_error (error, common.vault_path);
  if (sillon_vault_get_header_repaired (vault))
    g_print ("%s\n", _ ("Header: the damaged or out-of-date copy was rewritten"));
  if (!sillon_vault_checkpoint (vault, &error))
    return sillon_cli_report_error (error, common.vault_path);
  g_print ("%s\n", _ ("Log: folded into the vault file"));

  return verify_and_report (vault, common.vault_path);
}

/* Keyslot changes are changes of who holds a passphrase: the journal's
 * action list (fixed by the schema) files them as passphrase changes, with
 * the @event and the keyslot. Returns the command's exit status. */
static int
journal_slot_event (SillonVault *vault, const char *event, guint slot, const char *vault_path)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *details = g_strdup_printf ("{\"event\":\"%s\",\"slot\":%u}", event, slot);

  if (!sillon_cli_journal_bare_vault (vault, SILLON_JOURNAL_PASSPHRASE_CHANGE, details, &error))
    return sillon_cli_report_error (error, vault_path);
  return SILLON_CLI_EXIT_OK;
}

int
sillon_cli_vault_passwd (int argc, char **argv)
{
  g_auto (SillonCliCommonOptions) common = { 0 };
  g_autoptr (SillonCliSecret) old_passphrase = NULL;
  g_autoptr (SillonCliSecret) new_passphrase = NULL;
  g_autoptr (SillonVault) vault = NULL;
  g_autoptr (GError) error = NULL;
  int ret;

  ret = sillon_cli_parse_options (&argc, &argv, "",
                                  _ ("Changes the passphrase of the keyslot that the current passphrase opens. Nothing else is re-encrypted."),
                                  NULL, &common);
  if (ret >= 0)
    return ret;

  /* Unlock before asking for the new one, so that a typo in the old one is
   * reported at once. */
  vault = sillon_cli_unlock_vault_full (&common, TRUE, &old_passphrase, &ret);
  if (vault == NULL)
    return ret;

  new_passphrase = sillon_cli_ask_new_secret (common.passphrase_fd, _ ("New passphrase: "), &error);
  if (new_passphrase == NULL)
    return sillon_cli_report_error (error, common.vault_path);

  if (!sillon_vault_change_passphrase (vault, old_passphrase, new_passphrase, &error))
    return sillon_cli_report_error (error, common.vault_path);

  g_print (_ ("Passphrase of keyslot %u changed.\n"), sillon_vault_get_unlocked_slot (vault));
  return journal_slot_event (vault, "passphrase", sillon_vault_get_unlocked_slot (vault), common.vault_path);
}

int
sillon_cli_vault_add_slot (int argc, char **argv)
{
  g_auto (SillonCliCommonOptions) common = { 0 };
  g_autoptr (SillonCliSecret) new_passphrase = NULL;
  g_autoptr (SillonVault) vault = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL;
  int index;
  int ret;
  const GOptionEntry entries[] = {
    { "name", 'n', 0, G_OPTION_ARG_STRING, &name, N_ ("Display name of the mediator who will use the new keyslot (required)"), N_ ("NAME") },
    { NULL }
  };

  ret = sillon_cli_parse_options (&argc, &argv, "",
                                  _ ("Adds a keyslot for another mediator: unlock with an existing passphrase, then give the new one."),
                                  entries, &common);
  if (ret >= 0)
    return ret;
  if (name == NULL || name[0] == '\0')
    {
      sillon_cli_error ("%s", _ ("--name is required"));
      return SILLON_CLI_EXIT_USAGE;
    }

  vault = sillon_cli_unlock_vault (&common, &ret);
  if (vault == NULL)
    return ret;

  /* Translators: %s is a mediator's display name. */
  {
    g_autofree char *prompt = g_strdup_printf (_ ("New passphrase for %s: "), name);
    new_passphrase = sillon_cli_ask_new_secret (common.passphrase_fd, prompt, &error);
  }
  if (new_passphrase == NULL)
    return sillon_cli_report_error (error, common.vault_path);

  index = sillon_vault_add_slot (vault, name, new_passphrase, &error);
  if (index < 0)
    return sillon_cli_report_error (error, common.vault_path);

  /* Translators: %d is a keyslot number, %s a mediator's display name. */
  g_print (_ ("Added keyslot %d for “%s”.\n"), index, name);
  return journal_slot_event (vault, "slot_add", (guint) index, common.vault_path);
}

int
sillon_cli_vault_remove_slot (int argc, char **argv)
{
  g_auto (SillonCliCommonOptions) common = { 0 };
  g_autoptr (SillonVault) vault = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) slots = NULL;
  gboolean force = FALSE;
  gboolean is_recovery = FALSE;
  int slot = -1;
  int ret;
  const GOptionEntry entries[] = {
    { "slot", 's', 0, G_OPTION_ARG_INT, &slot, N_ ("Index of the keyslot to remove, as listed by “info” (required)"), N_ ("N") },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_ ("Remove the recovery keyslot even though the vault will then have no recovery key"), NULL },
    { NULL }
  };

  ret = sillon_cli_parse_options (&argc, &argv, "",
                                  _ ("Removes a mediator’s keyslot. The last passphrase keyslot cannot be removed, "
                                     "and the recovery keyslot only with --force."),
                                  entries, &common);
  if (ret >= 0)
    return ret;
  if (slot < 0 || slot >= SILLON_VAULT_MAX_SLOTS)
    {
      sillon_cli_error (_ ("--slot is required, from 0 to %d"), SILLON_VAULT_MAX_SLOTS - 1);
      return SILLON_CLI_EXIT_USAGE;
    }

  vault = sillon_cli_unlock_vault (&common, &ret);
  if (vault == NULL)
    return ret;

  slots = sillon_vault_list_slots (vault, &error);
  if (slots == NULL)
    return sillon_cli_report_error (error, common.vault_path);
  for (guint i = 0; i < slots->len; i++)
    {
      const SillonVaultSlotInfo *info = g_ptr_array_index (slots, i);
      if (info->index == (guint) slot && info->kind == SILLON_VAULT_SLOT_RECOVERY)
        is_recovery = TRUE;
    }
  /* Without the recovery slot, forgetting every passphrase loses the data:
   * only `rotate` makes a new recovery key. */
  if (is_recovery && !force)
    {
      /* Translators: %d is a keyslot number. */
      sillon_cli_error (_ ("Keyslot %d holds the recovery key: without it the vault would have no recovery key until "
                           "“sillon-cli vault rotate” makes a new one. Add --force to remove it anyway."),
                        slot);
      return SILLON_CLI_EXIT_REFUSED;
    }

  if (!sillon_vault_remove_slot (vault, (guint) slot, &error))
    return sillon_cli_report_error (error, common.vault_path);

  if (is_recovery)
    {
      /* Translators: %d is a keyslot number. */
      g_print (_ ("Removed the recovery keyslot %d.\n"), slot);
      /* The master key is unchanged: a copy made before, or its old header,
       * still opens with the old recovery key. */
      g_print ("%s\n", _ ("The vault now has no recovery key: if every passphrase is forgotten, its data cannot be recovered.\n"
                          "Anyone who kept a copy of the vault from before can still open that copy with the old recovery key.\n"
                          "To get a new recovery key, and make the old one useless, rotate the master key: “sillon-cli vault rotate”."));
    }
  else
    {
      g_print (_ ("Removed keyslot %d.\n"), slot);
      /* The master key is unchanged: a copy of the vault made before, or its
       * old header, still opens with the removed passphrase. */
      g_print ("%s\n", _ ("Anyone who kept a copy of the vault from before can still open that copy with the removed passphrase.\n"
                          "If this mediator should lose access to the data, rotate the master key now: “sillon-cli vault rotate”."));
    }
  return journal_slot_event (vault, "slot_remove", (guint) slot, common.vault_path);
}

int
sillon_cli_vault_backup (int argc, char **argv)
{
  g_auto (SillonCliCommonOptions) common = { 0 };
  g_autoptr (SillonVault) vault = NULL;
  g_autoptr (GError) error = NULL;
  int ret;

  ret = sillon_cli_parse_options (&argc, &argv, _ ("BACKUP-FILE"),
                                  _ ("Writes an encrypted backup of a consistent snapshot of the vault. It opens with the vault’s passphrases."),
                                  NULL, &common);
  if (ret >= 0)
    return ret;
  if (!sillon_cli_check_one_argument (argc, _ ("give exactly one backup file")))
    return SILLON_CLI_EXIT_USAGE;
  if (g_file_test (argv[1], G_FILE_TEST_EXISTS))
    {
      g_set_error (&error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_EXISTS, "%s", "");
      return sillon_cli_report_error (error, argv[1]);
    }

  vault = sillon_cli_unlock_vault (&common, &ret);
  if (vault == NULL)
    return ret;

  /* A backup takes everything out of the vault: journaled first, so that
   * the backup itself carries the entry. */
  if (!sillon_cli_journal_bare_vault (vault, SILLON_JOURNAL_EXPORT, "{\"kind\":\"backup\"}", &error))
    return sillon_cli_report_error (error, common.vault_path);
  /* Only a failure to write names the backup file: a page that fails
   * authentication is the vault's, and a message naming the backup would
   * send the user to distrust the wrong file. */
  if (!sillon_vault_backup (vault, argv[1], &error))
    return sillon_cli_report_error (error, g_error_matches (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_IO) ? argv[1] : common.vault_path);

  /* Translators: %s is the path of the backup file. */
  g_print (_ ("Backup written to %s.\n"), argv[1]);
  return SILLON_CLI_EXIT_OK;
}

int
sillon_cli_vault_restore (int argc, char **argv)
{
  g_auto (SillonCliCommonOptions) common = { 0 };
  g_autoptr (SillonCliSecret) passphrase = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL;
  int ret;

  ret = sillon_cli_parse_options (&argc, &argv, _ ("BACKUP-FILE"),
                                  _ ("Restores a backup into a new vault file (--vault, which must not exist yet). Give one of the passphrases the vault had when it was backed up."),
                                  NULL, &common);
  if (ret >= 0)
    return ret;
  if (!sillon_cli_check_one_argument (argc, _ ("give exactly one backup file")))
    return SILLON_CLI_EXIT_USAGE;
  if (!g_file_test (argv[1], G_FILE_TEST_EXISTS))
    {
      /* Translators: %s is the path of the backup file. */
      sillon_cli_error (_ ("There is no backup at %s."), argv[1]);
      return SILLON_CLI_EXIT_NOT_FOUND;
    }
  if (g_file_test (common.vault_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (&error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_EXISTS, "%s", "");
      return sillon_cli_report_error (error, common.vault_path);
    }
  dir = g_path_get_dirname (common.vault_path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;
      sillon_cli_error (_ ("Cannot create the directory %s: %s"), dir, g_strerror (saved_errno));
      return SILLON_CLI_EXIT_IO;
    }

  /* Translators: %s is the path of the backup file. */
  {
    g_autofree char *prompt = g_strdup_printf (_ ("Passphrase of the backup %s: "), argv[1]);
    passphrase = sillon_cli_ask_secret (common.passphrase_fd, prompt, &error);
  }
  if (passphrase == NULL)
    return sillon_cli_report_error (error, argv[1]);

  if (!sillon_vault_restore (argv[1], passphrase, common.vault_path, &error))
    {
      /* A wrong passphrase or a bad backup concerns the backup file; the
       * rest concerns the destination. */
      if (g_error_matches (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_BACKUP_INVALID) || g_error_matches (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_WRONG_PASSPHRASE) || g_error_matches (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_TAMPERED))
        return sillon_cli_report_error (error, argv[1]);
      return sillon_cli_report_error (error, common.vault_path);
    }

  /* Translators: the first %s is a backup file, the second a vault file. */
  g_print (_ ("Restored %s into %s.\n"), argv[1], common.vault_path);
  return SILLON_CLI_EXIT_OK;
}

/* The journal key lives in sodium_malloc memory. */
typedef guint8 *JournalKey;
G_DEFINE_AUTO_CLEANUP_FREE_FUNC (JournalKey, sodium_free, NULL)

/* The journal's hashes are keyed with a key derived from the master key:
 * checked under the old key before the rotation, re-keyed after it. */
static JournalKey
check_journal_before_rotation (SillonVault *vault, const char *path, int *out_exit)
{
  g_autoptr (SillonStore) store = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (JournalKey) key = NULL;
  int ret;

  store = sillon_store_new (sillon_vault_get_db (vault), &error);
  if (store != NULL)
    key = sillon_journal_derive_key (vault, &error);
  if (key == NULL)
    {
      *out_exit = sillon_cli_report_error (error, path);
      return NULL;
    }
  /* Once rotated, nothing can check the old chain any more: a tampered
   * journal is reported now, while it can still be examined, and the
   * rotation does not happen. */
  ret = sillon_cli_verify_journal (store, key, path, NULL, NULL);
  if (ret != SILLON_CLI_EXIT_OK)
    {
      if (ret == SILLON_CLI_EXIT_JOURNAL_TAMPERED)
        sillon_cli_error ("%s", _ ("The vault was not rotated: afterwards the journal could no longer be checked at all. "
                                   "Examine it with “sillon-cli journal list” first."));
      *out_exit = ret;
      return NULL;
    }
  return g_steal_pointer (&key);
}

typedef struct
{
  gboolean journaled;
  gboolean shown;
  guint dropped;
} RotateContext;

/* The new recovery key is printed, and flushed, before the old master key
 * is given up: a key that could not be written out is a key nobody has,
 * and the rotation is then abandoned. */
static gboolean
show_new_recovery_key (const char *recovery_key, gpointer user_data, GError **error)
{
  RotateContext *ctx = user_data;

  print_recovery_key (recovery_key);
  if (fflush (stdout) != 0 || ferror (stdout))
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   /* Translators: %s is the reason. */
                   _ ("The new recovery key could not be written out (%s): the vault was not rotated."), g_strerror (saved));
      return FALSE;
    }
  ctx->shown = TRUE;
  return TRUE;
}

/* The journal is re-keyed, and the rotation journaled, in the copy before
 * it replaces the vault: the vault and its journal key change at once. */
static gboolean
prepare_rotated_copy (SillonVault *old, SillonVault *copy, gpointer user_data, GError **error)
{
  RotateContext *ctx = user_data;
  g_autofree char *details = NULL;

  if (!ctx->journaled)
    return TRUE;
  if (!sillon_journal_rekey_rotated_copy (old, copy, error))
    return FALSE;
  /* No action of its own: the action list is fixed by the schema's CHECK
   * constraint, and a rotation changes who can unlock the vault, as
   * keyslot changes do, which are filed as passphrase changes. */
  details = g_strdup_printf ("{\"event\":\"rotate\",\"slot\":%u,\"dropped\":%u}",
                             sillon_vault_get_unlocked_slot (copy), ctx->dropped);
  return sillon_cli_journal_bare_vault (copy, SILLON_JOURNAL_PASSPHRASE_CHANGE, details, error);
}

/* After a failed rotation: what the user holds now. */
static int
report_rotation_failure (const GError *error, const RotateContext *ctx, const char *path)
{
  int ret;

  if (!ctx->shown)
    {
      ret = sillon_cli_report_error (error, path);
      sillon_cli_error ("%s", _ ("The vault was not rotated: its passphrases and its recovery key are unchanged."));
      return ret;
    }
  ret = sillon_cli_report_error (error, path);
  sillon_cli_error ("%s", _ ("The rotation was interrupted after the new recovery key above was shown: keep it. "
                             "Finish the rotation with “sillon-cli vault rotate --resume” (or, without the passphrase, "
                             "with “sillon-cli vault recover” and the new recovery key). Until then the vault opens as before."));
  return ret;
}

int
sillon_cli_vault_rotate (int argc, char **argv)
{
  g_auto (SillonCliCommonOptions) common = { 0 };
  g_autoptr (SillonCliSecret) passphrase = NULL;
  g_autoptr (SillonVault) vault = NULL;
  g_autoptr (GPtrArray) slots = NULL;
  g_autoptr (GError) error = NULL;
  g_auto (JournalKey) old_journal_key = NULL;
  RotateContext ctx = { FALSE, FALSE, 0 };
  SillonVaultRotateCallbacks callbacks = { show_new_recovery_key, prepare_rotated_copy, &ctx };
  gboolean force = FALSE;
  gboolean resume = FALSE;
  gboolean abandon = FALSE;
  guint dropped = 0;
  guint others = 0;
  guint unlocked;
  gboolean ok;
  int ret;
  const GOptionEntry entries[] = {
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force, N_ ("Rotate even though the other mediators’ keyslots will be dropped"), NULL },
    { "resume", 0, 0, G_OPTION_ARG_NONE, &resume, N_ ("Finish a rotation that was interrupted, with the recovery key it showed"), NULL },
    { "abandon", 0, 0, G_OPTION_ARG_NONE, &abandon, N_ ("Abandon a rotation that was interrupted: the recovery key it showed will never work"), NULL },
    { NULL }
  };

  ret = sillon_cli_parse_options (&argc, &argv, "",
                                  _ ("Re-encrypts the whole vault under a new master key and prints a new recovery key. "
                                     "Only your keyslot is kept: the other mediators must be added again."),
                                  entries, &common);
  if (ret >= 0)
    return ret;

  if (resume && abandon)
    {
      sillon_cli_error ("%s", _ ("--resume and --abandon cannot be given together"));
      return SILLON_CLI_EXIT_USAGE;
    }

  vault = sillon_cli_unlock_vault_full (&common, FALSE, &passphrase, &ret);
  if (vault == NULL)
    return ret;

  if (abandon)
    {
      if (!sillon_vault_abandon_rotation (vault, &error))
        return sillon_cli_report_error (error, common.vault_path);
      g_print ("%s\n", _ ("The interrupted rotation was abandoned: the vault keeps its master key, its passphrases and its old recovery key; "
                          "the recovery key that rotation showed will never work."));
      return SILLON_CLI_EXIT_OK;
    }

  slots = sillon_vault_list_slots (vault, &error);
  if (slots == NULL)
    return sillon_cli_report_error (error, common.vault_path);
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
      return SILLON_CLI_EXIT_REFUSED;
    }
  ctx.dropped = others;

  /* Once rotated, nothing can check the old chain any more: it is checked
   * now, so that a tampered journal is reported while it can still be
   * examined. Re-keying checks it again, in the copy. */
  ctx.journaled = sillon_cli_vault_has_journal (vault);
  if (ctx.journaled)
    {
      old_journal_key = check_journal_before_rotation (vault, common.vault_path, &ret);
      if (old_journal_key == NULL)
        return ret;
    }

  if (resume)
    ok = sillon_vault_resume_rotation (vault, passphrase, &callbacks, &dropped, &error);
  else
    ok = sillon_vault_rotate (vault, passphrase, &callbacks, &dropped, &error);
  if (!ok)
    return report_rotation_failure (error, &ctx, common.vault_path);

  g_print ("%s\n", _ ("The vault is now encrypted under a new master key; the old recovery key no longer works."));
  if (dropped > 0)
    g_print (ngettext (
                 "%u keyslot was dropped: add it again with “sillon-cli vault add-slot”.\n",
                 "%u keyslots were dropped: add them again with “sillon-cli vault add-slot”.\n",
                 dropped),
             dropped);
  return SILLON_CLI_EXIT_OK;
}

int
sillon_cli_vault_recover (int argc, char **argv)
{
  g_auto (SillonCliCommonOptions) common = { 0 };
  g_autoptr (SillonCliSecret) recovery_key = NULL;
  g_autoptr (SillonCliSecret) new_passphrase = NULL;
  g_autoptr (SillonVault) vault = NULL;
  g_autoptr (GError) error = NULL;
  /* Tells "no --slot" apart from any value that can be typed. */
  int slot = G_MININT;
  guint slot_index = SILLON_VAULT_SLOT_AUTO;
  int ret;
  const GOptionEntry entries[] = {
    { "slot", 's', 0, G_OPTION_ARG_INT, &slot, N_ ("Keyslot that receives the new passphrase (default: the vault’s only passphrase keyslot)"), N_ ("N") },
    { NULL }
  };

  ret = sillon_cli_parse_options (&argc, &argv, "",
                                  _ ("Unlocks the vault with its recovery key and sets a new passphrase on a keyslot."),
                                  entries, &common);
  if (ret >= 0)
    return ret;
  if (slot != G_MININT)
    {
      if (slot < 0 || slot >= SILLON_VAULT_MAX_SLOTS)
        {
          sillon_cli_error (_ ("--slot must be from 0 to %d"), SILLON_VAULT_MAX_SLOTS - 1);
          return SILLON_CLI_EXIT_USAGE;
        }
      slot_index = (guint) slot;
    }
  if (!sillon_cli_check_vault_exists (&common, &ret))
    return ret;

  recovery_key = sillon_cli_ask_secret (common.passphrase_fd, _ ("Recovery key: "), &error);
  if (recovery_key == NULL)
    return sillon_cli_report_error (error, common.vault_path);
  new_passphrase = sillon_cli_ask_new_secret (common.passphrase_fd, _ ("New passphrase: "), &error);
  if (new_passphrase == NULL)
    return sillon_cli_report_error (error, common.vault_path);

  /* Without --slot the core picks the only passphrase slot, or refuses when
   * there are several: which one is whose is only known once unlocked. */
  vault = sillon_vault_open_with_recovery_key (common.vault_path, recovery_key, slot_index, new_passphrase, &error);
  if (vault == NULL && g_error_matches (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_WRONG_RECOVERY_KEY))
    {
      /* It may be the key shown by a rotation that was interrupted: that
       * key finishes it. */
      g_autoptr (GError) resume_error = NULL;
      RotateContext ctx = { FALSE, FALSE, 0 };
      SillonVaultRotateCallbacks callbacks = { show_new_recovery_key, prepare_rotated_copy, &ctx };

      /* The journal is re-keyed with the rotation if the old vault has one;
       * whether it has is only known once the rotation has opened it. */
      ctx.journaled = TRUE;
      vault = sillon_vault_resume_rotation_with_recovery_key (common.vault_path, recovery_key, new_passphrase, &callbacks, &resume_error);
      if (vault == NULL && !g_error_matches (resume_error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_NO_PENDING_ROTATION) &&
          !g_error_matches (resume_error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_WRONG_RECOVERY_KEY))
        return report_rotation_failure (resume_error, &ctx, common.vault_path);
      if (vault != NULL)
        g_print ("%s\n", _ ("This recovery key belonged to an interrupted rotation of the master key, which is now finished: "
                            "the old recovery key no longer works."));
    }
  if (vault == NULL)
    return sillon_cli_report_error (error, common.vault_path);
  /* The old recovery key opened the old vault: a rotation still waits,
   * sealed with the passphrase it began with, which this recovery has just
   * replaced. */
  if (sillon_vault_has_pending_rotation (vault))
    sillon_cli_error ("%s", _ ("A rotation of the master key was interrupted: finish it with the new recovery key it showed "
                               "(“sillon-cli vault recover”), or with the passphrase it began with (“sillon-cli vault rotate --resume”), "
                               "or give it up with “sillon-cli vault rotate --abandon”."));

  g_print (_ ("New passphrase set on keyslot %u.\n"), sillon_vault_get_unlocked_slot (vault));
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
        /* Escaped as every listing of the CLI: one row stays one line, and
         * no control character reaches the terminal. */
        sillon_cli_print_field ((const char *) sqlite3_column_text (stmt, column));
        break;
    }
}

/* Runs every statement of @sql; counts those that were started in @n_run. */
/* A statement failed: a page that fails authentication (or a structure
 * SQLite finds corrupt) is the vault's damage, reported as every other
 * command reports it (exit 12, the file named), whether preparing the
 * statement read it (the schema) or stepping did. */
static int
statement_failed (sqlite3 *db, const char *path)
{
  int extended = sqlite3_extended_errcode (db);

  if (extended == SQLITE_IOERR_DATA || (extended & 0xff) == SQLITE_CORRUPT)
    {
      g_autoptr (GError) error = g_error_new (SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_TAMPERED,
                                              /* Translators: %s is SQLite's own message. */
                                              _ ("SQL error: %s"), sqlite3_errmsg (db));

      return sillon_cli_report_error (error, path);
    }
  /* Translators: %s is SQLite's own message. */
  sillon_cli_error (_ ("SQL error: %s"), sqlite3_errmsg (db));
  return SILLON_CLI_EXIT_SQL;
}

static int
run_statements (sqlite3 *db, const char *path, const char *sql, gboolean header, guint *n_run)
{
  const char *tail;

  tail = sql;
  while (tail != NULL && *tail != '\0')
    {
      sqlite3_stmt *stmt = NULL;
      const char *next = NULL;
      int rc;
      gboolean first_row = TRUE;

      rc = sqlite3_prepare_v2 (db, tail, -1, &stmt, &next);
      if (rc != SQLITE_OK)
        return statement_failed (db, path);
      tail = next;
      if (stmt == NULL)
        continue; /* only whitespace or a comment */
      (*n_run)++;

      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          int columns = sqlite3_column_count (stmt);
          if (header && first_row)
            {
              for (int c = 0; c < columns; c++)
                {
                  if (c > 0)
                    putchar ('\t');
                  sillon_cli_print_field (sqlite3_column_name (stmt, c));
                }
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
          int ret = statement_failed (db, path);

          sqlite3_finalize (stmt);
          return ret;
        }
      sqlite3_finalize (stmt);
    }
  return SILLON_CLI_EXIT_OK;
}

int
sillon_cli_vault_shell (int argc, char **argv)
{
  g_auto (SillonCliCommonOptions) common = { 0 };
  g_autoptr (SillonVault) vault = NULL;
  g_autoptr (GString) sql = g_string_new (NULL);
  gboolean header = FALSE;
  sqlite3 *db;
  char chunk[4096];
  size_t n;
  guint n_run = 0;
  int ret;
  const GOptionEntry entries[] = {
    { "header", 0, 0, G_OPTION_ARG_NONE, &header, N_ ("Print column names before the rows of each statement"), NULL },
    { NULL }
  };

  ret = sillon_cli_parse_options (&argc, &argv, "",
                                  _ ("Expert maintenance tool: reads SQL statements from standard input, runs them on the "
                                     "unlocked vault and prints the rows tab-separated (NULL as an empty field, blobs as X'…'). "
                                     "Nothing checks what the statements do: a wrong one can destroy data that Sillon needs. "
                                     "Make a backup first."),
                                  entries, &common);
  if (ret >= 0)
    return ret;

  vault = sillon_cli_unlock_vault (&common, &ret);
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

  ret = run_statements (db, common.vault_path, sql->str, header, &n_run);
  fflush (stdout);

  /* The statements themselves may quote people's names: the journal gets
   * only how many ran and whether they all succeeded. */
  {
    g_autoptr (GError) error = NULL;
    g_autofree char *details = g_strdup_printf ("{\"statements\":%u,\"ok\":%s}", n_run,
                                                ret == SILLON_CLI_EXIT_OK ? "true" : "false");
    if (!sillon_cli_journal_bare_vault (vault, SILLON_JOURNAL_SHELL, details, &error))
      {
        int journal_ret = sillon_cli_report_error (error, common.vault_path);
        if (ret == SILLON_CLI_EXIT_OK)
          ret = journal_ret;
      }
  }
  return ret;
}
