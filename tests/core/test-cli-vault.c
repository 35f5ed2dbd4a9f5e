/* test-cli-vault.c — black-box test of `sillon-cli vault …` through the built executable
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Runs the real sillon-cli as a person or a script would: passphrases
 * through --passphrase-fd, SQL on standard input, and checks exit codes,
 * messages and what ends up in the vault file.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "sillon-journal.h"
#include "sillon-vault.h"
#include "test-cli-util.h"
#include "test-vault-util.h"

/* Exit codes documented in `sillon-cli vault --help` and docs/CLI.md. */
enum
{
  EXIT_OK = 0,
  EXIT_FAILED = 1, /* EXIT_FAILURE is stdlib's */
  EXIT_USAGE = 2,
  EXIT_WRONG_SECRET = 10,
  EXIT_NOT_A_VAULT = 11,
  EXIT_BUSY = 13,
  EXIT_NOT_FOUND = 14,
  EXIT_EXISTS = 15,
  EXIT_REFUSED = 16,
  EXIT_IO = 17,
  EXIT_SQL = 18,
  EXIT_BACKUP_INVALID = 19,
  EXIT_DAMAGED = 20,
  EXIT_JOURNAL_TAMPERED = 22,
};

#define PASS_A "correct horse battery"
#define PASS_B "staple of the counter"
#define PASS_C "third mediator passphrase"
#define PASS_D "fourth mediator passphrase"

typedef struct
{
  char *dir;
  char *vault;
  char *recovery_key;
} Fixture;

/* Runs `sillon-cli vault ARGS…` up to NULL; see cli_run_va (). */
#define run_cli_env(data_home, secrets, input, ...) cli_run (data_home, secrets, input, "vault", __VA_ARGS__)
#define run_cli(secrets, input, ...) run_cli_env (NULL, secrets, input, __VA_ARGS__, NULL)

/* The recovery key is the indented line after the banner. */
static char *
extract_recovery_key (const char *out)
{
  const char *banner = strstr (out, "RECOVERY KEY");
  g_auto (GStrv) lines = NULL;

  g_assert_nonnull (banner);
  lines = g_strsplit (banner, "\n", -1);
  for (guint i = 1; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "    ") && g_strstrip (lines[i])[0] != '\0')
        return g_strdup (lines[i]);
    }
  g_assert_not_reached ();
  return NULL;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (CliResult) r = NULL;

  f->dir = test_make_tmp_dir ("sillon-cli-XXXXXX");
  f->vault = g_build_filename (f->dir, "vault.sillon", NULL);
  r = cli_expect (EXIT_OK, run_cli (PASS_A "\n", NULL, "create", "--vault", f->vault, "--name", "Ada Lovelace", "--kdf-ms", "1"));
  g_assert_true (g_file_test (f->vault, G_FILE_TEST_IS_REGULAR));
  f->recovery_key = extract_recovery_key (r->out);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->vault);
  g_free (f->recovery_key);
}

/* `sillon-cli vault recover` with @key, then @new_pass as the passphrase
 * (of keyslot @slot, unless NULL). */
static CliResult *
run_recover_with_key (Fixture *f, const char *key, const char *new_pass, const char *slot)
{
  g_autofree char *secrets = g_strdup_printf ("%s\n%s\n", key, new_pass);

  if (slot != NULL)
    return run_cli (secrets, NULL, "recover", "--vault", f->vault, "--slot", slot);
  return run_cli (secrets, NULL, "recover", "--vault", f->vault);
}

/* run_recover_with_key () with the recovery key the vault was created with. */
static CliResult *
run_recover (Fixture *f, const char *new_pass, const char *slot)
{
  return run_recover_with_key (f, f->recovery_key, new_pass, slot);
}

static void
test_create_prints_recovery_key_once (Fixture *f, gconstpointer data)
{
  g_autoptr (CliResult) again = NULL;
  g_autoptr (CliResult) info = NULL;

  /* Grouped, printable, and long enough to carry 256 bits. */
  g_assert_cmpuint (strlen (f->recovery_key), >=, 52);
  g_assert_nonnull (strchr (f->recovery_key, '-'));

  /* Creating over an existing vault is refused and leaves it alone. */
  again = cli_expect (EXIT_EXISTS, run_cli (PASS_B "\n", NULL, "create", "--vault", f->vault, "--kdf-ms", "1"));
  g_assert_nonnull (strstr (again->err, "already exists"));
  info = cli_expect (EXIT_OK, run_cli (PASS_A "\n", NULL, "info", "--vault", f->vault));
  g_assert_null (strstr (info->out, f->recovery_key));
}

static void
test_info_lists_slots (Fixture *f, gconstpointer data)
{
  g_autoptr (CliResult) r = run_cli (PASS_A "\n", NULL, "info", "--vault", f->vault);

  g_assert_cmpint (r->status, ==, EXIT_OK);
  g_assert_nonnull (strstr (r->out, "Ada Lovelace"));
  g_assert_nonnull (strstr (r->out, "passphrase"));
  g_assert_nonnull (strstr (r->out, "recovery"));
  g_assert_nonnull (strstr (r->out, "MiB"));
  g_assert_true (g_regex_match_simple ("Page size: 4096 bytes", r->out, 0, 0));
}

static void
test_verify_intact (Fixture *f, gconstpointer data)
{
  g_autoptr (CliResult) r = run_cli (PASS_A "\n", NULL, "verify", "--vault", f->vault);

  g_assert_cmpint (r->status, ==, EXIT_OK);
  g_assert_true (g_regex_match_simple ("^Pages checked: [1-9][0-9]*$", r->out, G_REGEX_MULTILINE, 0));
  g_assert_nonnull (strstr (r->out, "Bad pages: none"));
  g_assert_nonnull (strstr (r->out, "Integrity check: ok"));
}

static void
test_shell_insert_select (Fixture *f, gconstpointer data)
{
  g_autoptr (CliResult) insert = NULL;
  g_autoptr (CliResult) select = NULL;
  g_autoptr (CliResult) bad = NULL;

  insert = run_cli (PASS_A "\n",
                    "CREATE TABLE people (id INTEGER PRIMARY KEY, name TEXT, note TEXT);\n"
                    "INSERT INTO people (name, note) VALUES ('Zoé', NULL), ('Martin', 'appel CAF');\n",
                    "shell", "--vault", f->vault);
  g_assert_cmpint (insert->status, ==, EXIT_OK);
  g_assert_cmpstr (insert->out, ==, "");

  select = run_cli (PASS_A "\n", "SELECT id, name, note FROM people ORDER BY id; SELECT count(*) FROM people;",
                    "shell", "--header", "--vault", f->vault);
  g_assert_cmpint (select->status, ==, EXIT_OK);
  g_assert_cmpstr (select->out, ==,
                   "id\tname\tnote\n"
                   "1\tZoé\t\n"
                   "2\tMartin\tappel CAF\n"
                   "count(*)\n"
                   "2\n");

  /* An SQL error is reported with SQLite's message and its own exit code. */
  bad = cli_expect (EXIT_SQL, run_cli (PASS_A "\n", "SELECT nope FROM people;", "shell", "--vault", f->vault));
  g_assert_nonnull (strstr (bad->err, "no such column"));
}

static void
test_wrong_passphrase (Fixture *f, gconstpointer data)
{
  g_autoptr (CliResult) r = run_cli ("not the passphrase\n", NULL, "info", "--vault", f->vault);

  g_assert_cmpint (r->status, ==, EXIT_WRONG_SECRET);
  g_assert_nonnull (strstr (r->err, "Wrong passphrase"));
  g_assert_cmpstr (r->out, ==, "");
}

static void
test_passwd (Fixture *f, gconstpointer data)
{
  g_autoptr (CliResult) change = NULL;
  g_autoptr (CliResult) old = NULL;
  g_autoptr (CliResult) new_works = NULL;
  g_autoptr (CliResult) wrong_old = NULL;
  g_autoptr (CliResult) too_short = NULL;
  g_autoptr (CliResult) data_rows = NULL;
  g_autoptr (CliResult) insert = NULL;

  insert = cli_expect (EXIT_OK, run_cli (PASS_A "\n", "CREATE TABLE t (x); INSERT INTO t VALUES ('kept across passwd');", "shell", "--vault", f->vault));

  /* A wrong current passphrase stops before asking for the new one. */
  wrong_old = cli_expect (EXIT_WRONG_SECRET, run_cli ("wrong wrong wrong\n" PASS_B "\n", NULL, "passwd", "--vault", f->vault));

  too_short = cli_expect (EXIT_REFUSED, run_cli (PASS_A "\nshort\n", NULL, "passwd", "--vault", f->vault));
  g_assert_nonnull (strstr (too_short->err, "too short"));

  change = cli_expect (EXIT_OK, run_cli (PASS_A "\n" PASS_B "\n", NULL, "passwd", "--vault", f->vault));

  old = cli_expect (EXIT_WRONG_SECRET, run_cli (PASS_A "\n", NULL, "info", "--vault", f->vault));
  g_assert_nonnull (strstr (old->err, "Wrong passphrase"));

  new_works = cli_expect (EXIT_OK, run_cli (PASS_B "\n", NULL, "info", "--vault", f->vault));
  g_assert_nonnull (strstr (new_works->out, "Ada Lovelace"));

  data_rows = cli_expect (EXIT_OK, run_cli (PASS_B "\n", "SELECT x FROM t;", "shell", "--vault", f->vault));
  g_assert_cmpstr (data_rows->out, ==, "kept across passwd\n");
}

static void
test_add_and_remove_slot (Fixture *f, gconstpointer data)
{
  g_autoptr (CliResult) add = NULL;
  g_autoptr (CliResult) info = NULL;
  g_autoptr (CliResult) remove = NULL;
  g_autoptr (CliResult) gone = NULL;
  g_autoptr (CliResult) last = NULL;
  g_autoptr (CliResult) missing = NULL;
  g_autoptr (CliResult) no_name = NULL;
  g_autoptr (GMatchInfo) match = NULL;
  g_autoptr (GRegex) regex = NULL;
  g_autofree char *slot = NULL;
  g_autofree char *first_slot = NULL;

  no_name = cli_expect (EXIT_USAGE, run_cli (PASS_A "\n" PASS_C "\n", NULL, "add-slot", "--vault", f->vault));

  add = cli_expect (EXIT_OK, run_cli (PASS_A "\n" PASS_C "\n", NULL, "add-slot", "--vault", f->vault, "--name", "Bea"));
  regex = g_regex_new ("Added keyslot ([0-9]+)", 0, 0, NULL);
  g_assert_true (g_regex_match (regex, add->out, 0, &match));
  slot = g_match_info_fetch (match, 1);

  info = cli_expect (EXIT_OK, run_cli (PASS_C "\n", NULL, "info", "--vault", f->vault));
  g_assert_nonnull (strstr (info->out, "Bea"));
  g_assert_nonnull (strstr (info->out, "Ada Lovelace"));

  missing = cli_expect (EXIT_REFUSED, run_cli (PASS_A "\n", NULL, "remove-slot", "--vault", f->vault, "--slot", "6"));

  remove = cli_expect (EXIT_OK, run_cli (PASS_A "\n", NULL, "remove-slot", "--vault", f->vault, "--slot", slot));
  /* Removing a slot revokes nothing already copied: rotation is advised. */
  g_assert_nonnull (strstr (remove->out, "vault rotate"));
  gone = cli_expect (EXIT_WRONG_SECRET, run_cli (PASS_C "\n", NULL, "info", "--vault", f->vault));

  /* Ada's slot is now the only passphrase slot: it stays. */
  g_clear_pointer (&info, cli_result_free);
  info = cli_expect (EXIT_OK, run_cli (PASS_A "\n", NULL, "info", "--vault", f->vault));
  g_clear_pointer (&match, g_match_info_free);
  g_clear_pointer (&regex, g_regex_unref);
  regex = g_regex_new ("Unlocked with keyslot ([0-9]+)", 0, 0, NULL);
  g_assert_true (g_regex_match (regex, info->out, 0, &match));
  first_slot = g_match_info_fetch (match, 1);
  last = cli_expect (EXIT_REFUSED, run_cli (PASS_A "\n", NULL, "remove-slot", "--vault", f->vault, "--slot", first_slot));
  g_assert_nonnull (strstr (last->err, "last passphrase keyslot"));
}

static void
flip_byte (const char *path, goffset offset)
{
  guint8 byte;
  int fd = g_open (path, O_RDWR, 0);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (pread (fd, &byte, 1, offset), ==, 1);
  byte ^= 0x5a;
  g_assert_cmpint (pwrite (fd, &byte, 1, offset), ==, 1);
  close (fd);
}

static goffset
file_size (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_size;
}

static void
test_verify_reports_flipped_byte (Fixture *f, gconstpointer data)
{
  g_autoptr (CliResult) fill = NULL;
  g_autoptr (CliResult) verify = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *wal = NULL;
  goffset size;
  guint pages;
  guint bad_page;

  fill = run_cli (PASS_A "\n",
                  "CREATE TABLE filler (id INTEGER PRIMARY KEY, data BLOB);\n"
                  "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 120)\n"
                  "INSERT INTO filler (data) SELECT randomblob (600) FROM n;\n",
                  "shell", "--vault", f->vault);
  g_assert_cmpint (fill->status, ==, EXIT_OK);
  /* A clean exit checkpoints the WAL into the main file. */
  wal = g_strconcat (f->vault, "-wal", NULL);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS) && file_size (wal) > 0);

  size = file_size (f->vault);
  g_assert_cmpint ((size - 4096) % 4096, ==, 0);
  pages = (guint) ((size - 4096) / 4096);
  g_assert_cmpuint (pages, >=, 10);

  /* A page in the middle of the table, inside its ciphertext. */
  bad_page = pages / 2 + 1;
  flip_byte (f->vault, 4096 + (goffset) (bad_page - 1) * 4096 + 123);

  verify = cli_expect (EXIT_DAMAGED, run_cli (PASS_A "\n", NULL, "verify", "--vault", f->vault));
  expected = g_strdup_printf ("Bad pages: 1 (%u)", bad_page);
  g_assert_nonnull (strstr (verify->out, expected));
  g_assert_nonnull (strstr (verify->err, "damaged"));
}

static void
test_not_a_vault (Fixture *f, gconstpointer data)
{
  g_autoptr (CliResult) missing = NULL;
  g_autoptr (CliResult) garbage = NULL;
  g_autofree char *missing_path = g_build_filename (f->dir, "nowhere.sillon", NULL);
  g_autofree char *garbage_path = g_build_filename (f->dir, "garbage.sillon", NULL);
  g_autofree char *noise = g_malloc (3 * 4096);

  missing = cli_expect (EXIT_NOT_FOUND, run_cli (PASS_A "\n", NULL, "info", "--vault", missing_path));
  g_assert_nonnull (strstr (missing->err, "There is no vault"));

  for (guint i = 0; i < 3 * 4096; i++)
    noise[i] = (char) g_test_rand_int_range (0, 256);
  g_assert_true (g_file_set_contents (garbage_path, noise, 3 * 4096, NULL));
  garbage = cli_expect (EXIT_NOT_A_VAULT, run_cli (PASS_A "\n", NULL, "info", "--vault", garbage_path));
  g_assert_nonnull (strstr (garbage->err, "not a Sillon vault"));
}

/* Paths are typed, or tab-completed from a downloaded archive: whatever
 * the commands print about them is escaped, never written raw to the
 * terminal (ESC would start a terminal sequence, BEL ring, and so on). */
static void
test_paths_printed_escaped (Fixture *f, gconstpointer data)
{
  g_autofree char *vault = g_build_filename (f->dir, "v\x1b]0;X\x07.sillon", NULL);
  g_autofree char *backup = g_build_filename (f->dir, "b\x1b[2J.backup", NULL);
  g_autofree char *data_home = g_build_filename (f->dir, "home\x1b[31m", NULL);

  {
    g_autoptr (CliResult) r = run_cli (PASS_A "\n", NULL, "create", "--vault", vault, "--kdf-ms", "1");

    g_assert_cmpint (r->status, ==, EXIT_OK);
    g_assert_nonnull (strstr (r->out, "v\\u001b]0;X\\u0007.sillon"));
    g_assert_null (strchr (r->out, '\x1b'));
    g_assert_null (strchr (r->out, '\x07'));
  }
  {
    g_autoptr (CliResult) r = run_cli (PASS_A "\n", NULL, "backup", "--vault", vault, backup);

    g_assert_cmpint (r->status, ==, EXIT_OK);
    g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));
    g_assert_nonnull (strstr (r->out, "b\\u001b[2J.backup"));
    g_assert_null (strchr (r->out, '\x1b'));
  }
  /* The default vault, in the help, comes from the environment. */
  {
    g_autoptr (CliResult) r = run_cli_env (data_home, NULL, NULL, "info", "--help", NULL);

    g_assert_cmpint (r->status, ==, EXIT_OK);
    g_assert_nonnull (strstr (r->out, "home\\u001b[31m"));
    g_assert_null (strchr (r->out, '\x1b'));
  }
}

static void
test_backup_restore_round_trip (Fixture *f, gconstpointer data)
{
  g_autoptr (CliResult) fill = NULL;
  g_autoptr (CliResult) backup = NULL;
  g_autoptr (CliResult) backup_again = NULL;
  g_autoptr (CliResult) restore = NULL;
  g_autoptr (CliResult) restore_exists = NULL;
  g_autoptr (CliResult) restore_wrong = NULL;
  g_autoptr (CliResult) restore_bad = NULL;
  g_autoptr (CliResult) original = NULL;
  g_autoptr (CliResult) copy = NULL;
  g_autofree char *backup_path = g_build_filename (f->dir, "vault.backup", NULL);
  g_autofree char *damaged_path = g_build_filename (f->dir, "damaged.backup", NULL);
  g_autofree char *restored = g_build_filename (f->dir, "restored", "vault.sillon", NULL);
  g_autofree char *restored_bad = g_build_filename (f->dir, "restored-bad.sillon", NULL);
  g_autofree char *contents = NULL;
  const char *query = "SELECT id, hex (data) FROM t ORDER BY id;";
  gsize length;

  fill = run_cli (PASS_A "\n",
                  "CREATE TABLE t (id INTEGER PRIMARY KEY, data BLOB);\n"
                  "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50)\n"
                  "INSERT INTO t (data) SELECT randomblob (300) FROM n;\n",
                  "shell", "--vault", f->vault);
  g_assert_cmpint (fill->status, ==, EXIT_OK);

  backup = cli_expect (EXIT_OK, run_cli (PASS_A "\n", NULL, "backup", "--vault", f->vault, backup_path));
  g_assert_true (g_file_test (backup_path, G_FILE_TEST_IS_REGULAR));
  backup_again = cli_expect (EXIT_EXISTS, run_cli (PASS_A "\n", NULL, "backup", "--vault", f->vault, backup_path));

  restore_wrong = cli_expect (EXIT_WRONG_SECRET, run_cli (PASS_C "\n", NULL, "restore", "--vault", restored, backup_path));
  g_assert_false (g_file_test (restored, G_FILE_TEST_EXISTS));

  restore = cli_expect (EXIT_OK, run_cli (PASS_A "\n", NULL, "restore", "--vault", restored, backup_path));
  restore_exists = cli_expect (EXIT_EXISTS, run_cli (PASS_A "\n", NULL, "restore", "--vault", restored, backup_path));

  original = run_cli (PASS_A "\n", query, "shell", "--vault", f->vault);
  copy = run_cli (PASS_A "\n", query, "shell", "--vault", restored);
  g_assert_cmpint (original->status, ==, EXIT_OK);
  g_assert_cmpint (copy->status, ==, EXIT_OK);
  g_assert_cmpuint (strlen (original->out), >, 50 * 600);
  g_assert_cmpstr (copy->out, ==, original->out);

  /* A damaged backup is refused, and nothing is left at the destination. */
  g_assert_true (g_file_get_contents (backup_path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 8192);
  contents[length / 2] ^= 0x01;
  g_assert_true (g_file_set_contents (damaged_path, contents, (gssize) length, NULL));
  restore_bad = cli_expect (EXIT_BACKUP_INVALID, run_cli (PASS_A "\n", NULL, "restore", "--vault", restored_bad, damaged_path));
  g_assert_nonnull (strstr (restore_bad->err, "not a valid Sillon backup"));
  g_assert_false (g_file_test (restored_bad, G_FILE_TEST_EXISTS));
}

static void
test_recover_and_rotate (Fixture *f, gconstpointer data)
{
  g_autoptr (CliResult) recover = NULL;
  g_autoptr (CliResult) wrong_key = NULL;
  g_autoptr (CliResult) old = NULL;
  g_autoptr (CliResult) fill = NULL;
  g_autoptr (CliResult) add = NULL;
  g_autoptr (CliResult) refused = NULL;
  g_autoptr (CliResult) rotate = NULL;
  g_autoptr (CliResult) rows = NULL;
  g_autoptr (CliResult) old_key = NULL;
  g_autofree char *new_key = NULL;

  fill = cli_expect (EXIT_OK, run_cli (PASS_A "\n", "CREATE TABLE t (x); INSERT INTO t VALUES ('survives rotation');", "shell", "--vault", f->vault));

  wrong_key = cli_expect (EXIT_WRONG_SECRET, run_cli ("AAAA-BBBB-CCCC\n" PASS_B "\n", NULL, "recover", "--vault", f->vault));
  g_assert_nonnull (strstr (wrong_key->err, "Wrong recovery key"));

  recover = cli_expect (EXIT_OK, run_recover (f, PASS_B, "0"));
  old = cli_expect (EXIT_WRONG_SECRET, run_cli (PASS_A "\n", NULL, "info", "--vault", f->vault));

  /* Rotation drops the other mediators' slots only when asked to. */
  add = cli_expect (EXIT_OK, run_cli (PASS_B "\n" PASS_C "\n", NULL, "add-slot", "--vault", f->vault, "--name", "Bea"));
  refused = cli_expect (EXIT_REFUSED, run_cli (PASS_B "\n", NULL, "rotate", "--vault", f->vault));
  g_assert_nonnull (strstr (refused->err, "--force"));

  rotate = cli_expect (EXIT_OK, run_cli (PASS_B "\n", NULL, "rotate", "--force", "--vault", f->vault));
  new_key = extract_recovery_key (rotate->out);
  g_assert_cmpstr (new_key, !=, f->recovery_key);

  rows = cli_expect (EXIT_OK, run_cli (PASS_B "\n", "SELECT x FROM t;", "shell", "--vault", f->vault));
  g_assert_cmpstr (rows->out, ==, "survives rotation\n");

  /* The old recovery key belonged to the old master key. */
  old_key = cli_expect (EXIT_WRONG_SECRET, run_recover (f, PASS_C, NULL));
}

/* Runs `sillon-cli journal ARGS…` up to NULL, unlocking with PASS_A. */
#define run_journal(f, ...) cli_run (NULL, PASS_A "\n", NULL, "journal", __VA_ARGS__, "--vault", (f)->vault, NULL)

/* The journal's key follows the master key: rotation re-keys the chain, so
 * that it still verifies and keeps every entry as it was. */
static void
test_rotate_keeps_journal (Fixture *f, gconstpointer data)
{
  g_autoptr (CliResult) first = NULL;
  g_autoptr (CliResult) info = NULL;
  g_autoptr (CliResult) before = NULL;
  g_autoptr (CliResult) rotate = NULL;
  g_autoptr (CliResult) verify = NULL;
  g_autoptr (CliResult) after = NULL;
  g_auto (GStrv) lines = NULL;

  /* The first data command creates Sillon's tables and the journal. */
  first = cli_expect (EXIT_OK, run_journal (f, "verify"));
  info = cli_expect (EXIT_OK, run_cli (PASS_A "\n", NULL, "info", "--vault", f->vault));
  before = cli_expect (EXIT_OK, run_journal (f, "list"));
  /* Three opens: journal verify, vault info, journal list. */
  g_assert_true (g_str_has_prefix (before->out, "1\t"));
  g_assert_nonnull (strstr (before->out, "\n3\t"));

  rotate = cli_expect (EXIT_OK, run_cli (PASS_A "\n", NULL, "rotate", "--vault", f->vault));
  g_assert_null (strstr (rotate->err, "re-keyed"));

  verify = cli_expect (EXIT_OK, run_journal (f, "verify"));
  g_assert_nonnull (strstr (verify->out, "The journal is intact"));

  /* The same entries, unchanged, then the rotation itself and the opens
   * that came after. */
  after = cli_expect (EXIT_OK, run_journal (f, "list"));
  g_assert_true (g_str_has_prefix (after->out, before->out));
  lines = g_strsplit (after->out + strlen (before->out), "\n", -1);
  g_assert_nonnull (lines[0]);
  g_assert_nonnull (strstr (lines[0], "\tpassphrase_change\t"));
  g_assert_nonnull (strstr (lines[0], "\"event\":\"rotate\""));
  g_assert_nonnull (strstr (lines[1], "\topen\t"));
  g_assert_nonnull (strstr (lines[2], "\topen\t"));
}

/* A tampered journal is not laundered by a rotation: the rotation is
 * refused, while the old chain can still be examined. */
static void
test_rotate_refuses_tampered_journal (Fixture *f, gconstpointer data)
{
  g_autoptr (CliResult) first = NULL;
  g_autoptr (CliResult) tamper = NULL;
  g_autoptr (CliResult) rotate = NULL;
  g_autoptr (CliResult) verify = NULL;
  g_autoptr (CliResult) recover = NULL;

  first = cli_expect (EXIT_OK, run_journal (f, "verify"));
  tamper = run_cli (PASS_A "\n",
                    "DROP TRIGGER journal_no_update; UPDATE journal SET details = '{}' WHERE seq = 1;",
                    "shell", "--vault", f->vault);
  g_assert_cmpint (tamper->status, ==, EXIT_OK);

  rotate = cli_expect (EXIT_JOURNAL_TAMPERED, run_cli (PASS_A "\n", NULL, "rotate", "--vault", f->vault));
  g_assert_nonnull (strstr (rotate->err, "entry 1 is the first"));
  g_assert_nonnull (strstr (rotate->err, "not rotated"));
  g_assert_null (strstr (rotate->out, "RECOVERY KEY"));

  verify = cli_expect (EXIT_JOURNAL_TAMPERED, run_journal (f, "verify"));
  /* Still the same master key: the old recovery key opens it. */
  recover = cli_expect (EXIT_OK, run_recover (f, PASS_B, NULL));
}

/* A chain that verifies but whose append-only trigger was dropped passes
 * the check before the rotation, and re-keying, which runs in the copy
 * before it replaces the vault, then refuses the altered schema: the
 * rotation is abandoned before any key is shown, and the vault, its
 * journal and its recovery key are as they were. */
static void
test_rotate_rekey_failure_reported (Fixture *f, gconstpointer data)
{
  g_autoptr (CliResult) first = NULL;
  g_autoptr (CliResult) drop = NULL;
  g_autoptr (CliResult) rotate = NULL;
  g_autoptr (CliResult) info = NULL;
  g_autoptr (CliResult) verify = NULL;
  g_autoptr (CliResult) recover = NULL;
  g_autofree char *leftover = g_strconcat (f->vault, ".rotating", NULL);
  g_autofree char *record = g_strconcat (f->vault, ".rotation", NULL);

  first = cli_expect (EXIT_OK, run_journal (f, "verify"));
  drop = cli_expect (EXIT_OK, run_cli (PASS_A "\n", "DROP TRIGGER journal_no_update;", "shell", "--vault", f->vault));

  rotate = cli_expect (EXIT_JOURNAL_TAMPERED, run_cli (PASS_A "\n", NULL, "rotate", "--vault", f->vault));
  g_assert_null (strstr (rotate->out, "RECOVERY KEY"));
  g_assert_nonnull (strstr (rotate->err, "cannot be re-keyed"));
  g_assert_nonnull (strstr (rotate->err, "not rotated"));
  g_assert_false (g_file_test (leftover, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (record, G_FILE_TEST_EXISTS));

  /* Nothing changed: the journal verifies, the old recovery key opens. */
  info = cli_expect (EXIT_OK, run_cli (PASS_A "\n", NULL, "info", "--vault", f->vault));
  verify = cli_expect (EXIT_OK, run_journal (f, "verify"));
  recover = cli_expect (EXIT_OK, run_recover (f, PASS_B, NULL));
}

/* A rotation cut short once its key was shown: every command warns, a new
 * rotation is refused, and `rotate --resume` finishes it with the same key
 * and a journal that verifies. */
static void
test_rotate_resume (Fixture *f, gconstpointer data)
{
  g_autoptr (CliResult) first = NULL;
  g_autoptr (CliResult) info = NULL;
  g_autoptr (CliResult) again = NULL;
  g_autoptr (CliResult) resume = NULL;
  g_autoptr (CliResult) verify = NULL;
  g_autoptr (CliResult) list = NULL;
  g_autoptr (CliResult) nothing = NULL;
  g_autoptr (CliResult) recover = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *reshown = NULL;

  first = cli_expect (EXIT_OK, run_journal (f, "verify"));
  shown = vault_test_rotate_and_crash (f->vault, PASS_A, SILLON_VAULT_ROTATION_OLD_CLOSED);
  g_assert_nonnull (shown);

  info = cli_expect (EXIT_OK, run_cli (PASS_A "\n", NULL, "info", "--vault", f->vault));
  g_assert_nonnull (strstr (info->err, "rotate --resume"));
  again = cli_expect (EXIT_REFUSED, run_cli (PASS_A "\n", NULL, "rotate", "--vault", f->vault));
  g_assert_null (strstr (again->out, "RECOVERY KEY"));

  resume = cli_expect (EXIT_OK, run_cli (PASS_A "\n", NULL, "rotate", "--resume", "--vault", f->vault));
  reshown = extract_recovery_key (resume->out);
  g_assert_cmpstr (reshown, ==, shown);
  g_assert_nonnull (strstr (resume->out, "new master key"));

  verify = cli_expect (EXIT_OK, run_journal (f, "verify"));
  g_assert_null (strstr (verify->err, "interrupted"));
  list = run_journal (f, "list");
  g_assert_nonnull (strstr (list->out, "\"event\":\"rotate\""));
  nothing = cli_expect (EXIT_REFUSED, run_cli (PASS_A "\n", NULL, "rotate", "--resume", "--vault", f->vault));
  recover = cli_expect (EXIT_OK, run_recover_with_key (f, shown, PASS_B, NULL));
}

/* The same, finished by someone who holds only the new recovery key:
 * `recover` finishes the rotation and sets the new passphrase. */
static void
test_rotate_finished_by_recover (Fixture *f, gconstpointer data)
{
  g_autoptr (CliResult) first = NULL;
  g_autoptr (CliResult) recover = NULL;
  g_autoptr (CliResult) old_pass = NULL;
  g_autoptr (CliResult) verify = NULL;
  g_autoptr (CliResult) old_key = NULL;
  g_autofree char *shown = NULL;

  first = cli_expect (EXIT_OK, run_journal (f, "verify"));
  shown = vault_test_rotate_and_crash (f->vault, PASS_A, SILLON_VAULT_ROTATION_KEY_SHOWN);
  g_assert_nonnull (shown);

  recover = cli_expect (EXIT_OK, run_recover_with_key (f, shown, PASS_B, NULL));
  g_assert_nonnull (strstr (recover->out, "interrupted rotation"));
  old_pass = cli_expect (EXIT_WRONG_SECRET, run_cli (PASS_A "\n", NULL, "info", "--vault", f->vault));
  verify = cli_expect (EXIT_OK, cli_run (NULL, PASS_B "\n", NULL, "journal", "verify", "--vault", f->vault, NULL));
  old_key = cli_expect (EXIT_WRONG_SECRET, run_recover (f, PASS_C, NULL));
}

/* Cut short before its key was shown: the old recovery key still opens,
 * and the rotation can be abandoned (or resumed, which shows the key). */
static void
test_rotate_abandon (Fixture *f, gconstpointer data)
{
  g_autoptr (CliResult) first = NULL;
  g_autoptr (CliResult) early = NULL;
  g_autoptr (CliResult) both = NULL;
  g_autoptr (CliResult) abandon = NULL;
  g_autoptr (CliResult) info = NULL;
  g_autoptr (CliResult) recover = NULL;
  g_autoptr (CliResult) rotate = NULL;
  g_autofree char *shown = NULL;

  first = cli_expect (EXIT_OK, run_journal (f, "verify"));
  shown = vault_test_rotate_and_crash (f->vault, PASS_A, SILLON_VAULT_ROTATION_RECORDED);
  g_assert_null (shown);
  /* The old recovery key still opens the vault, and says what waits. */
  early = cli_expect (EXIT_OK, run_recover (f, PASS_A, NULL));
  g_assert_nonnull (strstr (early->err, "rotate --abandon"));

  both = cli_expect (EXIT_USAGE, run_cli (PASS_A "\n", NULL, "rotate", "--resume", "--abandon", "--vault", f->vault));
  abandon = cli_expect (EXIT_OK, run_cli (PASS_A "\n", NULL, "rotate", "--abandon", "--vault", f->vault));
  info = cli_expect (EXIT_OK, run_cli (PASS_A "\n", NULL, "info", "--vault", f->vault));
  g_assert_null (strstr (info->err, "interrupted"));
  recover = cli_expect (EXIT_OK, run_recover (f, PASS_A, NULL));
  rotate = cli_expect (EXIT_OK, run_cli (PASS_A "\n", NULL, "rotate", "--vault", f->vault));
}

/* Runs `sillon-cli vault ARGS…` (up to NULL) with standard output on a full
 * disk, @secrets on fd 3; returns the exit status, standard error in @err. */
static int
run_cli_stdout_full (const char *secrets, char **err, ...)
{
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  size_t length = strlen (secrets);
  const char *a;
  int fds[2];
  va_list ap;

  g_ptr_array_add (args, cli_path ());
  g_ptr_array_add (args, g_strdup ("vault"));
  va_start (ap, err);
  while ((a = va_arg (ap, const char *)) != NULL)
    g_ptr_array_add (args, g_strdup (a));
  va_end (ap);
  g_ptr_array_add (args, g_strdup ("--passphrase-fd"));
  g_ptr_array_add (args, g_strdup ("3"));
  g_ptr_array_add (args, NULL);
  g_assert_cmpint (pipe (fds), ==, 0);
  g_assert_cmpint (write (fds[1], secrets, length), ==, (gssize) length);
  close (fds[1]);
  g_subprocess_launcher_take_fd (launcher, fds[0], 3);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_set_stdout_file_path (launcher, "/dev/full");
  process = g_subprocess_launcher_spawnv (launcher, (const char *const *) args->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_test_message ("stderr: %s", *err);
  return g_subprocess_get_exit_status (process);
}

/* A recovery key that cannot be written out (standard output on a full
 * disk) is one nobody saw: creation removes the new vault, and a rotation
 * is abandoned, leaving the vault and its old recovery key as they were. */
static void
test_recovery_key_not_written (Fixture *f, gconstpointer data)
{
  g_autofree char *other = g_build_filename (f->dir, "other.sillon", NULL);
  g_autofree char *record = g_strconcat (f->vault, ".rotation", NULL);
  g_autofree char *create_err = NULL;
  g_autofree char *rotate_err = NULL;
  g_autoptr (CliResult) info = NULL;
  g_autoptr (CliResult) recover = NULL;

  if (!g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/full here");
      return;
    }
  g_assert_cmpint (run_cli_stdout_full (PASS_A "\n", &create_err, "create", "--vault", other, "--kdf-ms", "1", NULL), ==, EXIT_IO);
  g_assert_nonnull (strstr (create_err, "could not be written out"));
  g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));

  g_assert_cmpint (run_cli_stdout_full (PASS_A "\n", &rotate_err, "rotate", "--vault", f->vault, NULL), ==, EXIT_FAILED);
  g_assert_nonnull (strstr (rotate_err, "could not be written out"));
  g_assert_nonnull (strstr (rotate_err, "not rotated"));
  g_assert_false (g_file_test (record, G_FILE_TEST_EXISTS));
  info = cli_expect (EXIT_OK, run_cli (PASS_A "\n", NULL, "info", "--vault", f->vault));
  g_assert_null (strstr (info->err, "interrupted"));
  recover = cli_expect (EXIT_OK, run_recover (f, PASS_B, NULL));
}

/* Adds a keyslot for @name with @new_pass (unlocking with PASS_A); returns its index. */
static char *
add_slot (Fixture *f, const char *name, const char *new_pass)
{
  g_autofree char *secrets = g_strdup_printf ("%s\n%s\n", PASS_A, new_pass);
  g_autoptr (CliResult) add = run_cli (secrets, NULL, "add-slot", "--vault", f->vault, "--name", name);
  g_autoptr (GRegex) regex = g_regex_new ("Added keyslot ([0-9]+)", 0, 0, NULL);
  g_autoptr (GMatchInfo) match = NULL;

  g_assert_cmpint (add->status, ==, EXIT_OK);
  g_assert_true (g_regex_match (regex, add->out, 0, &match));
  return g_match_info_fetch (match, 1);
}

static void
assert_opens (Fixture *f, const char *passphrase, int expected)
{
  g_autofree char *secrets = g_strdup_printf ("%s\n", passphrase);
  g_autoptr (CliResult) r = run_cli (secrets, NULL, "info", "--vault", f->vault);

  g_assert_cmpint (r->status, ==, expected);
}

static void
test_recover_picks_only_slot (Fixture *f, gconstpointer data)
{
  g_autoptr (CliResult) r = run_recover (f, PASS_B, NULL);

  g_assert_cmpint (r->status, ==, EXIT_OK);
  g_assert_nonnull (strstr (r->out, "New passphrase set on keyslot 0."));
  assert_opens (f, PASS_A, EXIT_WRONG_SECRET);
  assert_opens (f, PASS_B, EXIT_OK);
}

static void
test_recover_several_slots_needs_slot (Fixture *f, gconstpointer data)
{
  g_autofree char *bob = add_slot (f, "Bob", PASS_C);
  g_autofree char *header_before = NULL;
  g_autofree char *header_after = NULL;
  g_autoptr (CliResult) refused = NULL;
  g_autoptr (CliResult) chosen = NULL;
  g_autofree char *expected = NULL;
  gsize length;

  g_assert_cmpstr (bob, ==, "1");
  g_assert_true (g_file_get_contents (f->vault, &header_before, &length, NULL));
  g_assert_cmpuint (length, >=, 4096);

  /* Guessing would lock one of the two mediators out. */
  refused = run_recover (f, PASS_D, NULL);
  g_assert_cmpint (refused->status, ==, EXIT_USAGE);
  g_assert_nonnull (strstr (refused->err, "--slot N"));
  g_assert_nonnull (strstr (refused->err, "sillon-cli vault info"));
  g_assert_null (strstr (refused->out, "New passphrase set"));
  g_assert_true (g_file_get_contents (f->vault, &header_after, &length, NULL));
  g_assert_cmpuint (length, >=, 4096);
  g_assert_cmpmem (header_before, 4096, header_after, 4096);
  assert_opens (f, PASS_A, EXIT_OK);
  assert_opens (f, PASS_C, EXIT_OK);
  assert_opens (f, PASS_D, EXIT_WRONG_SECRET);

  /* Named, only that slot changes. */
  chosen = run_recover (f, PASS_D, bob);
  g_assert_cmpint (chosen->status, ==, EXIT_OK);
  expected = g_strdup_printf ("New passphrase set on keyslot %s.", bob);
  g_assert_nonnull (strstr (chosen->out, expected));
  assert_opens (f, PASS_A, EXIT_OK);
  assert_opens (f, PASS_C, EXIT_WRONG_SECRET);
  assert_opens (f, PASS_D, EXIT_OK);
}

static char *
recovery_slot_index (Fixture *f)
{
  g_autoptr (CliResult) info = run_cli (PASS_A "\n", NULL, "info", "--vault", f->vault);
  g_autoptr (GRegex) regex = g_regex_new ("^ +([0-9]+) +recovery ", G_REGEX_MULTILINE, 0, NULL);
  g_autoptr (GMatchInfo) match = NULL;

  g_assert_cmpint (info->status, ==, EXIT_OK);
  if (!g_regex_match (regex, info->out, 0, &match))
    return NULL;
  return g_match_info_fetch (match, 1);
}

static void
test_remove_recovery_slot_needs_force (Fixture *f, gconstpointer data)
{
  g_autofree char *slot = recovery_slot_index (f);
  g_autofree char *still = NULL;
  g_autofree char *gone = NULL;
  g_autoptr (CliResult) refused = NULL;
  g_autoptr (CliResult) forced = NULL;
  g_autoptr (CliResult) old_key = NULL;

  g_assert_nonnull (slot);
  refused = cli_expect (EXIT_REFUSED, run_cli (PASS_A "\n", NULL, "remove-slot", "--vault", f->vault, "--slot", slot));
  g_assert_nonnull (strstr (refused->err, "recovery key"));
  g_assert_nonnull (strstr (refused->err, "--force"));
  g_assert_nonnull (strstr (refused->err, "vault rotate"));
  g_assert_cmpstr (refused->out, ==, "");
  still = recovery_slot_index (f);
  g_assert_cmpstr (still, ==, slot);

  forced = cli_expect (EXIT_OK, run_cli (PASS_A "\n", NULL, "remove-slot", "--force", "--vault", f->vault, "--slot", slot));
  g_assert_nonnull (strstr (forced->out, "Removed the recovery keyslot"));
  g_assert_nonnull (strstr (forced->out, "no recovery key"));
  g_assert_nonnull (strstr (forced->out, "vault rotate"));
  g_assert_null (strstr (forced->out, "removed passphrase"));
  gone = recovery_slot_index (f);
  g_assert_null (gone);

  /* The key no longer opens anything, and the passphrase is untouched. */
  old_key = run_recover (f, PASS_B, NULL);
  g_assert_cmpint (old_key->status, ==, EXIT_WRONG_SECRET);
  assert_opens (f, PASS_A, EXIT_OK);
}

/* Character offset of the end of @regex's first match in @line, or -1. */
static glong
column_after (const char *line, const char *pattern)
{
  g_autoptr (GRegex) regex = g_regex_new (pattern, 0, 0, NULL);
  g_autoptr (GMatchInfo) match = NULL;
  int end;

  if (!g_regex_match (regex, line, 0, &match) || !g_match_info_fetch_pos (match, 0, NULL, &end))
    return -1;
  return g_utf8_pointer_to_offset (line, line + end);
}

static void
test_info_aligns_utf8 (Fixture *f, gconstpointer data)
{
  g_autofree char *slot = add_slot (f, "Hélène Dupré", PASS_C);
  g_autoptr (CliResult) info = run_cli (PASS_A "\n", NULL, "info", "--vault", f->vault);
  g_auto (GStrv) lines = NULL;
  glong created = -1, kdf = -1;
  guint rows = 0;
  gboolean in_table = FALSE;

  g_assert_cmpint (info->status, ==, EXIT_OK);
  g_assert_nonnull (strstr (info->out, "Hélène Dupré"));
  lines = g_strsplit (info->out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "  Slot "))
        {
          in_table = TRUE;
          /* Where the Created and Argon2id columns start. */
          created = column_after (lines[i], "^.*Label +");
          kdf = column_after (lines[i], "^.*Created +");
          g_assert_cmpint (created, >, 0);
          g_assert_cmpint (kdf, >, created);
          continue;
        }
      if (!in_table || lines[i][0] == '\0')
        continue;
      /* Every row: the date, then the Argon2id cost, at the headings' columns. */
      g_assert_cmpint (column_after (lines[i], "^.*?(?=[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2})"), ==, created);
      g_assert_cmpint (column_after (lines[i], "[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2} +"), ==, kdf);
      rows++;
    }
  /* Ada, Hélène, and the recovery slot (whose label and cost are "—"). */
  g_assert_cmpuint (rows, ==, 3);
}

static gboolean
file_is_locked (const char *path)
{
  struct flock lock = { .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0 };
  int fd = g_open (path, O_RDONLY, 0);
  int rc;

  g_assert_cmpint (fd, >=, 0);
  rc = fcntl (fd, F_GETLK, &lock);
  close (fd);
  g_assert_cmpint (rc, ==, 0);
  return lock.l_type != F_UNLCK;
}

static void
test_busy (Fixture *f, gconstpointer data)
{
  g_autoptr (GSubprocess) holder = NULL;
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *cli = cli_path ();
  g_autoptr (CliResult) busy = NULL;
  GOutputStream *holder_stdin;
  int fds[2];

  /* A shell waiting for its standard input keeps the vault open. */
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_assert_cmpint (pipe (fds), ==, 0);
  g_assert_cmpint (write (fds[1], PASS_A "\n", strlen (PASS_A "\n")), >, 0);
  close (fds[1]);
  g_subprocess_launcher_take_fd (launcher, fds[0], 3);
  holder = g_subprocess_launcher_spawn (launcher, &error, cli, "vault", "shell", "--vault", f->vault, "--passphrase-fd", "3", NULL);
  g_assert_no_error (error);

  /* The holder needs a moment to unlock. Probing with sillon-cli before it
   * holds the lock could make the holder the one that finds the vault busy,
   * so wait (bounded) until some process holds a POSIX lock on the file:
   * with exclusive locking SQLite keeps it until the connection closes. */
  for (int attempt = 0; attempt < 400 && !file_is_locked (f->vault); attempt++)
    g_usleep (25 * 1000);
  g_assert_true (file_is_locked (f->vault));

  busy = cli_expect (EXIT_BUSY, run_cli (PASS_A "\n", NULL, "info", "--vault", f->vault));
  g_assert_nonnull (strstr (busy->err, "open in another program"));

  holder_stdin = g_subprocess_get_stdin_pipe (holder);
  g_assert_true (g_output_stream_close (holder_stdin, NULL, &error));
  g_assert_true (g_subprocess_wait_check (holder, NULL, &error));
  g_assert_no_error (error);
}

static void
test_default_path_and_usage (void)
{
  g_autofree char *home = test_make_tmp_dir ("sillon-cli-home-XXXXXX");
  g_autofree char *expected = NULL;
  g_autoptr (CliResult) create = NULL;
  g_autoptr (CliResult) info = NULL;
  g_autoptr (CliResult) help = NULL;
  g_autoptr (CliResult) unknown = NULL;
  g_autoptr (CliResult) create_help = NULL;
  g_autoptr (CliResult) no_input = NULL;

  expected = g_build_filename (home, "sillon", "vault.sillon", NULL);

  create = cli_expect (EXIT_OK, run_cli_env (home, PASS_A "\n", NULL, "create", "--kdf-ms", "1", NULL));
  g_assert_true (g_file_test (expected, G_FILE_TEST_IS_REGULAR));
  info = cli_expect (EXIT_OK, run_cli_env (home, PASS_A "\n", NULL, "info", NULL));
  g_assert_nonnull (strstr (info->out, expected));

  /* No passphrase at all (end of input on the descriptor). */
  no_input = run_cli_env (home, "", NULL, "info", NULL);
  g_assert_cmpint (no_input->status, !=, EXIT_OK);
  g_assert_nonnull (strstr (no_input->err, "No passphrase given"));

  help = cli_expect (EXIT_OK, run_cli_env (home, NULL, NULL, "--help", NULL));
  g_assert_nonnull (strstr (help->out, "shell"));
  g_assert_nonnull (strstr (help->out, "--passphrase-fd"));
  g_assert_nonnull (strstr (help->out, "20  verify found damage"));

  create_help = cli_expect (EXIT_OK, run_cli_env (home, NULL, NULL, "shell", "--help", NULL));
  g_assert_nonnull (strstr (create_help->out, "Expert maintenance tool"));
  g_assert_nonnull (strstr (create_help->out, "10  wrong passphrase"));

  unknown = cli_expect (EXIT_USAGE, run_cli_env (home, NULL, NULL, "frobnicate", NULL));

  test_remove_tree (home);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli/vault/create-prints-recovery-key-once", test_create_prints_recovery_key_once);
  ADD ("/cli/vault/info-lists-slots", test_info_lists_slots);
  ADD ("/cli/vault/verify-intact", test_verify_intact);
  ADD ("/cli/vault/shell-insert-select", test_shell_insert_select);
  ADD ("/cli/vault/wrong-passphrase", test_wrong_passphrase);
  ADD ("/cli/vault/passwd", test_passwd);
  ADD ("/cli/vault/add-and-remove-slot", test_add_and_remove_slot);
  ADD ("/cli/vault/verify-reports-flipped-byte", test_verify_reports_flipped_byte);
  ADD ("/cli/vault/not-a-vault", test_not_a_vault);
  ADD ("/cli/vault/backup-restore-round-trip", test_backup_restore_round_trip);
  ADD ("/cli/vault/paths-printed-escaped", test_paths_printed_escaped);
  ADD ("/cli/vault/recover-and-rotate", test_recover_and_rotate);
  ADD ("/cli/vault/rotate-keeps-journal", test_rotate_keeps_journal);
  ADD ("/cli/vault/rotate-refuses-tampered-journal", test_rotate_refuses_tampered_journal);
  ADD ("/cli/vault/rotate-rekey-failure-reported", test_rotate_rekey_failure_reported);
  ADD ("/cli/vault/rotate-resume", test_rotate_resume);
  ADD ("/cli/vault/rotate-finished-by-recover", test_rotate_finished_by_recover);
  ADD ("/cli/vault/rotate-abandon", test_rotate_abandon);
  ADD ("/cli/vault/recovery-key-not-written", test_recovery_key_not_written);
  ADD ("/cli/vault/busy", test_busy);
  ADD ("/cli/vault/recover-picks-only-slot", test_recover_picks_only_slot);
  ADD ("/cli/vault/recover-several-slots-needs-slot", test_recover_several_slots_needs_slot);
  ADD ("/cli/vault/remove-recovery-slot-needs-force", test_remove_recovery_slot_needs_force);
  ADD ("/cli/vault/info-aligns-utf8", test_info_aligns_utf8);
#undef ADD
  g_test_add_func ("/cli/vault/default-path-and-usage", test_default_path_and_usage);

  return g_test_run ();
}
