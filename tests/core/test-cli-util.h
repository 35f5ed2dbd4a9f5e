/* test-cli-util.h — running the built sillon-cli from the black-box tests
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdarg.h>
#include <string.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "test-dir-util.h"

typedef struct
{
  int status;
  char *out;
  char *err;
} CliResult;

static inline void
cli_result_free (CliResult *r)
{
  g_free (r->out);
  g_free (r->err);
  g_free (r);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CliResult, cli_result_free)

/* Evaluates @run, a run of sillon-cli, and asserts that it exited with
 * @expected: its CliResult. A macro, so that a failure names the caller's
 * line. */
#define cli_expect(expected, run)                                 \
  ({                                                              \
    CliResult *cli_expect_result_ = (run);                        \
    g_assert_cmpint (cli_expect_result_->status, ==, (expected)); \
    cli_expect_result_;                                           \
  })

static inline char *
cli_path (void)
{
  return g_test_build_filename (G_TEST_BUILT, "..", "src", "cli", "sillon-cli", NULL);
}

/* Runs sillon-cli with FIRST and the arguments in @ap up to NULL. @secrets
 * (lines) go to --passphrase-fd 3, appended after the arguments, when not
 * NULL; @input goes to standard input; @data_home, when not NULL, replaces
 * XDG_DATA_HOME. */
static inline CliResult *
cli_run_va (const char *data_home, const char *secrets, const char *input, const char *first, va_list ap)
{
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  CliResult *r = g_new0 (CliResult, 1);

  g_ptr_array_add (args, cli_path ());
  for (const char *a = first; a != NULL; a = va_arg (ap, const char *))
    g_ptr_array_add (args, g_strdup (a));

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  if (data_home != NULL)
    g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", data_home, TRUE);
  if (secrets != NULL)
    {
      int fds[2];
      size_t length = strlen (secrets);

      g_assert_cmpint (pipe (fds), ==, 0);
      /* Test passphrases are a few bytes: far below the pipe's capacity. */
      g_assert_cmpint (write (fds[1], secrets, length), ==, (gssize) length);
      close (fds[1]);
      g_subprocess_launcher_take_fd (launcher, fds[0], 3);
      g_ptr_array_add (args, g_strdup ("--passphrase-fd"));
      g_ptr_array_add (args, g_strdup ("3"));
    }
  g_ptr_array_add (args, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char *const *) args->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input != NULL ? input : "", NULL, &r->out, &r->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  r->status = g_subprocess_get_exit_status (process);
  g_test_message ("exit %d\nstdout: %s\nstderr: %s", r->status, r->out, r->err);
  return r;
}

static inline CliResult *
cli_run (const char *data_home, const char *secrets, const char *input, const char *first, ...)
{
  va_list ap;
  CliResult *r;

  va_start (ap, first);
  r = cli_run_va (data_home, secrets, input, first, ap);
  va_end (ap);
  return r;
}

/* Creates a vault at @path with `sillon-cli vault create`, the passphrase
 * line @secrets and a fast key derivation, for @mediator (NULL: unnamed);
 * it must succeed. */
static inline void
cli_create_vault (const char *path, const char *secrets, const char *mediator)
{
  g_autoptr (CliResult) r = NULL;

  if (mediator != NULL)
    r = cli_run (NULL, secrets, NULL, "vault", "create", "--vault", path, "--name", mediator, "--kdf-ms", "1", NULL);
  else
    r = cli_run (NULL, secrets, NULL, "vault", "create", "--vault", path, "--kdf-ms", "1", NULL);
  g_assert_cmpint (r->status, ==, 0);
}

/* The same, then the first data command, which creates Sillon's tables. */
static inline void
cli_create_data_vault (const char *path, const char *secrets, const char *mediator)
{
  g_autoptr (CliResult) open = NULL;

  cli_create_vault (path, secrets, mediator);
  open = cli_run (NULL, secrets, NULL, "journal", "verify", "--vault", path, NULL);
  g_assert_cmpint (open->status, ==, 0);
}
