/* test-cli-vault-check.c — `sillon-cli vault verify` and `vault repair` on
 * damaged vaults, through the built executable
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The vaults are made with the core (a log left beside the vault, as after
 * a crash, is not something the command line can leave on purpose), then
 * damaged the way someone holding the files could, and checked with the
 * real sillon-cli: exit codes, messages, and what the files hold after.
 */

#include "config.h"

#include "sillon-vault.h"

#include "sillon-vfs.h"

#include "test-vault-util.h"

#include <string.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "test-cli-util.h"

/* Exit codes documented in `sillon-cli vault --help` and docs/CLI.md. */
enum
{
  EXIT_OK = 0,
  EXIT_TAMPERED = 12,
  EXIT_DAMAGED = 20,
};

#define PASSPHRASE "correct horse battery"
#define WAL_HEADER 32

#define run_cli(secrets, ...) cli_run (NULL, secrets, NULL, "vault", __VA_ARGS__, NULL)

typedef struct
{
  char *dir;
  char *vault;
  char *wal;
} Fixture;

/* A vault with one row checkpointed and one left in its log. */
static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->dir = test_make_tmp_dir ("sillon-cli-check-XXXXXX");
  f->vault = g_build_filename (f->dir, "vault.sillon", NULL);
  f->wal = g_strconcat (f->vault, "-wal", NULL);
  vault_test_create_with_wal (f->vault, "Ada", PASSPHRASE);
  g_assert_true (g_file_test (f->wal, G_FILE_TEST_IS_REGULAR));
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->vault);
  g_free (f->wal);
}

static void
set_file (const char *path, const void *data, gsize len)
{
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
}

/* Flips the bits of @mask in the byte at @offset of @path, counted from
 * the end when negative. */
static void
flip_byte (const char *path, goffset offset, guint8 mask)
{
  g_autoptr (GBytes) bytes = vault_test_get_file (path);
  gsize len = g_bytes_get_size (bytes);
  g_autofree guint8 *copy = g_memdup2 (g_bytes_get_data (bytes, NULL), len);

  copy[offset >= 0 ? (gsize) offset : len - (gsize) -offset] ^= mask;
  set_file (path, copy, len);
}

static void
assert_tampered_naming_file (Fixture *f, const char *command)
{
  g_autoptr (CliResult) r = run_cli (PASSPHRASE "\n", command, "--vault", f->vault);

  g_assert_cmpint (r->status, ==, EXIT_TAMPERED);
  g_assert_nonnull (strstr (r->err, f->vault));
  g_assert_null (strstr (r->err, "Input/output"));
}

/* Keyless edits that used to read as a disk fault (exit 17): exit 12, and
 * a message that names the file. */
static void
test_keyless_tampering_is_tampering (Fixture *f, gconstpointer data)
{
  g_autoptr (GBytes) main_bytes = vault_test_get_file (f->vault);
  g_autoptr (GBytes) wal_bytes = vault_test_get_file (f->wal);
  gsize len = g_bytes_get_size (wal_bytes);
  g_autofree guint8 *wal = g_memdup2 (g_bytes_get_data (wal_bytes, NULL), len);

  /* The log's format version, checksum recomputed. */
  vault_test_put_be32 (wal + 4, 3007001);
  vault_test_rechecksum_wal_header (wal);
  set_file (f->wal, wal, len);
  assert_tampered_naming_file (f, "verify");
  assert_tampered_naming_file (f, "info");

  /* The log's page size. */
  memcpy (wal, g_bytes_get_data (wal_bytes, NULL), WAL_HEADER);
  vault_test_put_be32 (wal + 8, 1024);
  vault_test_rechecksum_wal_header (wal);
  set_file (f->wal, wal, len);
  assert_tampered_naming_file (f, "verify");

  /* The vault cut to its 4096-byte header, with and without its log. */
  set_file (f->wal, g_bytes_get_data (wal_bytes, NULL), len);
  set_file (f->vault, g_bytes_get_data (main_bytes, NULL), SILLON_VFS_HEADER_SIZE);
  assert_tampered_naming_file (f, "verify");
  vault_test_assert_file_unchanged (f->wal, wal_bytes);
  g_unlink (f->wal);
  assert_tampered_naming_file (f, "verify");
}

/* verify reports and writes nothing; repair rewrites the stale header copy
 * and folds the log in; verify then finds the vault intact. */
static void
test_verify_then_repair (Fixture *f, gconstpointer data)
{
  g_autoptr (GBytes) main_before = NULL;
  g_autoptr (GBytes) wal_before = NULL;

  flip_byte (f->vault, SILLON_VFS_HEADER_SIZE / 2 + 200, 0x01); /* header copy B */
  main_before = vault_test_get_file (f->vault);
  wal_before = vault_test_get_file (f->wal);

  {
    g_autoptr (CliResult) r = run_cli (PASSPHRASE "\n", "verify", "--vault", f->vault);

    g_assert_cmpint (r->status, ==, EXIT_DAMAGED);
    g_assert_nonnull (strstr (r->out, "Header copy B: damaged"));
    g_assert_nonnull (strstr (r->out, "vault repair"));
    g_assert_nonnull (strstr (r->out, "Bad pages: none"));
  }
  vault_test_assert_file_unchanged (f->vault, main_before);
  vault_test_assert_file_unchanged (f->wal, wal_before);

  {
    g_autoptr (CliResult) r = run_cli (PASSPHRASE "\n", "repair", "--vault", f->vault);

    g_assert_cmpint (r->status, ==, EXIT_OK);
    g_assert_nonnull (strstr (r->out, "rewritten"));
    g_assert_nonnull (strstr (r->out, "The vault is intact."));
  }
  g_assert_false (g_file_test (f->wal, G_FILE_TEST_EXISTS));
  {
    g_autoptr (CliResult) r = run_cli (PASSPHRASE "\n", "verify", "--vault", f->vault);

    g_assert_cmpint (r->status, ==, EXIT_OK);
    g_assert_nonnull (strstr (r->out, "The vault is intact."));
  }
  {
    g_autoptr (CliResult) r = cli_run (NULL, PASSPHRASE "\n", "SELECT count(*) FROM t;\n", "vault", "shell", "--vault", f->vault, NULL);

    g_assert_cmpint (r->status, ==, EXIT_OK);
    g_assert_cmpstr (r->out, ==, "2\n");
  }
}

/* A page of the file that fails authentication, and a log beside it:
 * repair verifies before writing, refuses, and leaves both files as they
 * were (it used to fold the log in first); verify still finds the log. */
static void
test_repair_refuses_damage_before_folding (Fixture *f, gconstpointer data)
{
  g_autoptr (GBytes) main_before = NULL;
  g_autoptr (GBytes) wal_before = NULL;

  /* The table "later" is the file's last page, and not in the log. */
  vault_test_log_after_checkpointed_table (f->vault, PASSPHRASE);
  flip_byte (f->vault, -1000, 0x40);
  main_before = vault_test_get_file (f->vault);
  wal_before = vault_test_get_file (f->wal);
  g_assert_cmpuint (g_bytes_get_size (wal_before), >, WAL_HEADER);

  {
    g_autoptr (CliResult) r = run_cli (PASSPHRASE "\n", "repair", "--vault", f->vault);

    g_assert_cmpint (r->status, ==, EXIT_DAMAGED);
    g_assert_nonnull (strstr (r->out, "Bad pages: 1 ("));
    g_assert_nonnull (strstr (r->err, "Nothing was changed"));
    g_assert_null (strstr (r->out, "folded"));
  }
  vault_test_assert_file_unchanged (f->vault, main_before);
  vault_test_assert_file_unchanged (f->wal, wal_before);
  /* --accept-old-log does not lift the refusal. */
  {
    g_autoptr (CliResult) r = run_cli (PASSPHRASE "\n", "repair", "--accept-old-log", "--vault", f->vault);

    g_assert_cmpint (r->status, ==, EXIT_DAMAGED);
    g_assert_nonnull (strstr (r->err, "Nothing was changed"));
    vault_test_assert_file_unchanged (f->vault, main_before);
    vault_test_assert_file_unchanged (f->wal, wal_before);
  }
}

/* A page cut off the file, read by `vault shell`: the same tampering error
 * as every other command (exit 12, the file named), not a disk fault; and
 * the log is not folded into the damaged file when the shell closes. */
static void
test_shell_reports_cut_page (Fixture *f, gconstpointer data)
{
  g_autoptr (GBytes) wal_before = NULL;

  vault_test_log_after_checkpointed_table (f->vault, PASSPHRASE);
  {
    g_autoptr (GBytes) whole = vault_test_get_file (f->vault);

    set_file (f->vault, g_bytes_get_data (whole, NULL), g_bytes_get_size (whole) - 4096);
  }
  wal_before = vault_test_get_file (f->wal);

  {
    g_autoptr (CliResult) r = cli_run (NULL, PASSPHRASE "\n", "SELECT v FROM later;\n", "vault", "shell", "--vault", f->vault, NULL);

    g_assert_cmpint (r->status, ==, EXIT_TAMPERED);
    g_assert_nonnull (strstr (r->err, f->vault));
    g_assert_nonnull (strstr (r->err, "tampered"));
    g_assert_cmpstr (r->out, ==, "");
  }
  vault_test_assert_file_unchanged (f->wal, wal_before);
}

/* A backup of a vault with a page cut off: refused as tampering, and the
 * message names the vault, not the backup file that was never written. */
static void
test_backup_names_the_tampered_vault (Fixture *f, gconstpointer data)
{
  g_autofree char *backup = g_build_filename (f->dir, "copy.sillonbak", NULL);

  vault_test_log_after_checkpointed_table (f->vault, PASSPHRASE);
  {
    g_autoptr (GBytes) whole = vault_test_get_file (f->vault);

    set_file (f->vault, g_bytes_get_data (whole, NULL), g_bytes_get_size (whole) - 4096);
  }

  {
    g_autoptr (CliResult) r = run_cli (PASSPHRASE "\n", "backup", "--vault", f->vault, backup);

    g_assert_cmpint (r->status, ==, EXIT_TAMPERED);
    g_assert_nonnull (strstr (r->err, f->vault));
    g_assert_nonnull (strstr (r->err, "tampered"));
    g_assert_null (strstr (r->err, backup));
  }
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  sillon_vault_register_vfs ();

  g_test_add ("/cli/vault-check/keyless-tampering-is-tampering", Fixture, NULL, fixture_set_up, test_keyless_tampering_is_tampering, fixture_tear_down);
  g_test_add ("/cli/vault-check/verify-then-repair", Fixture, NULL, fixture_set_up, test_verify_then_repair, fixture_tear_down);
  g_test_add ("/cli/vault-check/repair-refuses-damage-before-folding", Fixture, NULL, fixture_set_up, test_repair_refuses_damage_before_folding, fixture_tear_down);
  g_test_add ("/cli/vault-check/shell-reports-cut-page", Fixture, NULL, fixture_set_up, test_shell_reports_cut_page, fixture_tear_down);
  g_test_add ("/cli/vault-check/backup-names-the-tampered-vault", Fixture, NULL, fixture_set_up, test_backup_names_the_tampered_vault, fixture_tear_down);
  return g_test_run ();
}
