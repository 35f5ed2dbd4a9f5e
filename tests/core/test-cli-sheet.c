/* test-cli-sheet.c — black-box test of `sillon-cli sheet` and `vault create --print-recovery`
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "test-cli-util.h"

/* Exit codes documented in docs/CLI.md. */
enum
{
  EXIT_OK = 0,
  EXIT_CHANGED = 1, /* the sheet no longer matches */
  EXIT_USAGE = 2,
  EXIT_NOT_FOUND = 14,
  EXIT_IO = 17,
  EXIT_INVALID_INPUT = 21,
  EXIT_NO_SUCH_RECORD = 23,
};

#define PASS_LINE "correct horse battery\n"
#define DEMO_SMALL "--beneficiaries", "12", "--sessions", "80", "--workshops", "2", "--places", "4", "--end-date", "2026-06-30"

typedef struct
{
  char *dir;
  char *vault;
  char *other;
} Fixture;

#define run(secrets, ...) cli_run (NULL, secrets, NULL, __VA_ARGS__)
#define RUN(f, ...) run (PASS_LINE, __VA_ARGS__, "--vault", (f)->vault, NULL)

static void
make_vault (const char *path)
{
  g_autoptr (CliResult) demo = NULL;

  cli_create_vault (path, PASS_LINE, "Ada");
  demo = cli_expect (EXIT_OK, run (PASS_LINE, "demo", DEMO_SMALL, "--vault", path, NULL));
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->dir = test_make_tmp_dir ("sillon-cli-sheet-XXXXXX");
  f->vault = g_build_filename (f->dir, "vault.sillon", NULL);
  f->other = g_build_filename (f->dir, "other.sillon", NULL);
  make_vault (f->vault);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->vault);
  g_free (f->other);
}

static gboolean
contains (const char *haystack, const char *needle)
{
  return haystack != NULL && strstr (haystack, needle) != NULL;
}

/* The code in "Wrote FILE (code XXXXX-XXXXX)." */
static char *
code_of (const char *out)
{
  const char *start = strstr (out, "(code ");

  g_assert_nonnull (start);
  return g_strndup (start + strlen ("(code "), 11);
}

static void
test_print_and_verify (Fixture *f, gconstpointer data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "progress.pdf", NULL);
  g_autoptr (CliResult) print = NULL;
  g_autoptr (CliResult) verify = NULL;
  g_autoptr (CliResult) changed = NULL;
  g_autoptr (CliResult) malformed = NULL;
  g_autoptr (CliResult) other = NULL;
  g_autoptr (CliResult) journal = NULL;
  g_autofree char *code = NULL;

  print = cli_expect (EXIT_OK, RUN (f, "sheet", "progress", "--person", "1", "--lang", "en", "--out", pdf));
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  code = code_of (print->out);

  verify = cli_expect (EXIT_OK, RUN (f, "sheet", "verify", code));
  g_assert_true (contains (verify->out, "progress sheet"));
  g_assert_true (contains (verify->out, "Person: 1\n"));
  g_assert_true (contains (verify->out, "Language: en"));
  /* The mediator who holds the keyslot that unlocked (the demonstration
   * data names one). */
  g_assert_true (contains (verify->out, "Printed by: "));
  g_assert_false (contains (verify->out, "Printed by: unknown"));
  g_assert_true (contains (verify->out, "Content: matches the vault."));
  {
    /* The mediator's name is as typed: printed escaped, never raw. */
    g_autoptr (CliResult) rename = cli_run (NULL, PASS_LINE,
                                            "UPDATE mediators SET display_name = 'Ada' || char(8238) || 'evil'"
                                            " || char(27) || '[2J' || char(8233) || 'x';",
                                            "vault", "shell", "--vault", f->vault, NULL);
    g_autoptr (CliResult) again = NULL;

    g_assert_cmpint (rename->status, ==, EXIT_OK);
    again = RUN (f, "sheet", "verify", code);
    g_assert_true (contains (again->out, "Printed by: Ada\\u202eevil\\u001b[2J\\u2029x\n"));
    g_assert_false (contains (again->out, "\u202e"));
    g_assert_false (contains (again->out, "\x1b"));
  }

  /* The print is journaled, with the code and no personal data. */
  journal = cli_expect (EXIT_OK, RUN (f, "journal", "list"));
  g_assert_true (contains (journal->out, "print"));
  g_assert_true (contains (journal->out, code));
  {
    /* Prints are chained in the journal like every other entry. */
    g_autoptr (CliResult) chain = RUN (f, "journal", "verify");
    g_assert_cmpint (chain->status, ==, EXIT_OK);
  }

  /* One character changed: unknown. */
  code[0] = code[0] == 'A' ? 'B' : 'A';
  changed = cli_expect (EXIT_NOT_FOUND, RUN (f, "sheet", "verify", code));
  g_assert_true (contains (changed->err, "No sheet with the code"));
  code[0] = print->out[strstr (print->out, "(code ") - print->out + 6];

  /* Not a code: said before the passphrase is asked. */
  malformed = cli_expect (EXIT_INVALID_INPUT, run (NULL, "sheet", "verify", "XYZ", "--vault", f->vault, NULL));

  /* The same made-up data in another vault: its key differs, the code is
   * unknown there. */
  make_vault (f->other);
  other = cli_expect (EXIT_NOT_FOUND, run (PASS_LINE, "sheet", "verify", code, "--vault", f->other, NULL));
}

static void
test_changed_content (Fixture *f, gconstpointer data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "notice.pdf", NULL);
  g_autofree char *progress = g_build_filename (f->dir, "p.pdf", NULL);
  g_autoptr (CliResult) print = NULL;
  g_autoptr (CliResult) notice = NULL;
  g_autoptr (CliResult) erase = NULL;
  g_autoptr (CliResult) verify = NULL;
  g_autofree char *code = NULL;

  print = cli_expect (EXIT_OK, RUN (f, "sheet", "progress", "--person", "2", "--out", progress));
  code = code_of (print->out);
  /* A notice has no code. */
  notice = cli_expect (EXIT_OK, RUN (f, "sheet", "notice", "--person", "2", "--out", pdf));
  g_assert_false (contains (notice->out, "(code"));

  erase = cli_expect (EXIT_OK, RUN (f, "person", "erase", "2", "--yes"));
  verify = cli_expect (EXIT_CHANGED, RUN (f, "sheet", "verify", code));
  g_assert_true (contains (verify->out, "no longer in the vault"));
}

static void
test_all (Fixture *f, gconstpointer data)
{
  g_autofree char *out = g_build_filename (f->dir, "all", NULL);
  g_autofree char *twelfth = g_build_filename (out, "progress-12.pdf", NULL);
  g_autoptr (CliResult) r = RUN (f, "sheet", "progress", "--all", "--out", out);

  g_assert_cmpint (r->status, ==, EXIT_OK);
  g_assert_true (contains (r->out, "Wrote 12 progress sheets"));
  g_assert_true (g_file_test (twelfth, G_FILE_TEST_IS_REGULAR));
}

#define EXPECT(want, ...)                                                                   \
  G_STMT_START                                                                              \
  {                                                                                         \
    g_autoptr (CliResult) r_ = RUN (f, "sheet", __VA_ARGS__);                               \
    if (r_->status != (want))                                                               \
      g_error ("sheet %s: exit %d, not %d\n%s", #__VA_ARGS__, r_->status, (want), r_->err); \
    g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));                                 \
  }                                                                                         \
  G_STMT_END

static void
test_errors (Fixture *f, gconstpointer data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "x.pdf", NULL);
  g_autofree char *unwritable = g_build_filename (f->dir, "missing", "x.pdf", NULL);

  EXPECT (EXIT_USAGE, "progress", "--person", "1");     /* no --out */
  EXPECT (EXIT_USAGE, "progress", "--out", pdf);        /* no person */
  EXPECT (EXIT_USAGE, "notice", "--all", "--out", pdf); /* --all is for progress sheets */
  EXPECT (EXIT_USAGE, "progress", "--person", "1", "--referral", "1", "--out", pdf);
  EXPECT (EXIT_USAGE, "progress", "--person", "1", "--lang", "xx", "--out", pdf);
  EXPECT (EXIT_USAGE, "progress", "--person", "1", "--paper", "a5", "--out", pdf);
  EXPECT (EXIT_USAGE, "progress", "--person", "1", "--date", "hier", "--out", pdf);
  EXPECT (EXIT_USAGE, "nonsense");
  EXPECT (EXIT_NO_SUCH_RECORD, "record", "--person", "999", "--out", pdf);
  EXPECT (EXIT_IO, "progress", "--person", "1", "--lang", "en", "--out", unwritable);
}

static void
test_print_recovery (Fixture *f, gconstpointer data)
{
  g_autofree char *vault = g_build_filename (f->dir, "new.sillon", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "recovery.pdf", NULL);
  g_autoptr (CliResult) r = NULL;
  g_autoptr (CliResult) bad = NULL;
  g_autofree char *text = NULL;
  g_autofree char *key = NULL;
  g_autofree char *out = NULL;
  const char *line;
  const char *argv[] = { "pdftotext", pdf, "-", NULL };
  g_autoptr (GError) error = NULL;
  int status;

  /* A wrong language is refused before the vault is made. */
  bad = cli_expect (EXIT_USAGE, run (PASS_LINE, "vault", "create", "--vault", vault, "--kdf-ms", "1", "--print-recovery", pdf, "--lang", "xx", NULL));
  g_assert_false (g_file_test (vault, G_FILE_TEST_EXISTS));

  r = cli_expect (EXIT_OK, run (PASS_LINE, "vault", "create", "--vault", vault, "--name", "Ada", "--kdf-ms", "1", "--print-recovery", pdf,
                                "--lang", "en", NULL));
  g_assert_true (contains (r->out, "Wrote the recovery-key sheet"));
  /* The key shown on the terminal is the one on the sheet. */
  line = strstr (r->out, "\n    ");
  g_assert_nonnull (line);
  key = g_strndup (line + 5, 65);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (contains (out, "Recovery key of the Sillon vault"));
  /* pdftotext joins the two lines the key is cut into. */
  {
    g_autoptr (GString) joined = g_string_new (out);
    g_autofree char *first = g_strndup (key, 34); /* pdftotext drops the dash at the line end */
    g_string_replace (joined, "\n", "", 0);
    g_assert_true (contains (joined->str, first));
    g_assert_true (contains (joined->str, key + 35));
  }
}

/* The recovery key goes to the terminal first; the sheet is a copy. When
 * the key cannot be written out there (standard output on a full disk),
 * the new vault is removed, and no sheet of a vault that no longer exists
 * is left behind either. */
static void
test_print_recovery_stdout_full (Fixture *f, gconstpointer data)
{
  g_autofree char *vault = g_build_filename (f->dir, "unseen.sillon", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "unseen.pdf", NULL);
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *cli = cli_path ();
  g_autofree char *err = NULL;
  const char *argv[] = { cli, "vault", "create", "--vault", vault, "--name", "Ada", "--kdf-ms", "1",
                         "--print-recovery", pdf, "--passphrase-fd", "3", NULL };
  int fds[2];

  if (!g_file_test ("/dev/full", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("no /dev/full here");
      return;
    }
  g_assert_cmpint (pipe (fds), ==, 0);
  g_assert_cmpint (write (fds[1], PASS_LINE, strlen (PASS_LINE)), ==, (gssize) strlen (PASS_LINE));
  close (fds[1]);
  g_subprocess_launcher_take_fd (launcher, fds[0], 3);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "en", TRUE);
  g_subprocess_launcher_set_stdout_file_path (launcher, "/dev/full");
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, NULL, &err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, EXIT_IO);
  g_assert_true (contains (err, "could not be written out"));
  g_assert_false (g_file_test (vault, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* French sheets read the catalogue built in the tree. */
  g_setenv ("SILLON_LOCALEDIR", TEST_LOCALE_DIR, TRUE);
  g_test_add ("/cli-sheet/print-and-verify", Fixture, NULL, fixture_set_up, test_print_and_verify, fixture_tear_down);
  g_test_add ("/cli-sheet/changed-content", Fixture, NULL, fixture_set_up, test_changed_content, fixture_tear_down);
  g_test_add ("/cli-sheet/all", Fixture, NULL, fixture_set_up, test_all, fixture_tear_down);
  g_test_add ("/cli-sheet/errors", Fixture, NULL, fixture_set_up, test_errors, fixture_tear_down);
  g_test_add ("/cli-sheet/print-recovery", Fixture, NULL, fixture_set_up, test_print_recovery, fixture_tear_down);
  g_test_add ("/cli-sheet/print-recovery-stdout-full", Fixture, NULL, fixture_set_up, test_print_recovery_stdout_full,
              fixture_tear_down);
  return g_test_run ();
}
