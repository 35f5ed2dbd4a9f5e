/* test-vault-util.h — file helpers shared by the tests that damage vaults
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <errno.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sillon-journal.h"
#include "sillon-vault.h"

/* Runs @sql, which must succeed: a failure ends the test with SQLite's
 * message. */
static inline void
vault_test_exec (sqlite3 *db, const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* Removes the vault at @path with its write-ahead log and rollback journal,
 * whichever of them exist. */
static inline void
vault_test_remove_vault (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (journal);
}

/* Verifies @vault, which must be sound: every page authenticates and
 * SQLite's integrity check passes. Returns the report for the checks a test
 * adds (free it with sillon_vault_verify_report_free). */
static inline SillonVaultVerifyReport *
vault_test_verify_sound (SillonVault *vault)
{
  g_autoptr (GError) error = NULL;
  SillonVaultVerifyReport *report = NULL;

  g_assert_true (sillon_vault_verify (vault, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->bad_pages->len, ==, 0);
  g_assert_true (report->integrity_ok);
  return report;
}

/* The same, for a test that needs nothing more from the report. */
static inline void
vault_test_assert_sound (SillonVault *vault)
{
  sillon_vault_verify_report_free (vault_test_verify_sound (vault));
}

/* Waits for @pid, a child that wrote to a vault (and often crashed on
 * purpose by leaving with _exit): it must have exited with status 0. */
static inline void
vault_test_wait_child (pid_t pid)
{
  int status = 0;

  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

/* A new vault at @path for @mediator, with the quickest key derivation the
 * vault allows (its floor still applies; the tests are not about it) and
 * pages of @page_size bytes (0: the default). It must be created; its
 * recovery key is not kept. */
static inline SillonVault *
vault_test_create (const char *path, const char *mediator, const char *passphrase, guint page_size)
{
  SillonVaultCreateOptions options = { 0 };
  g_autoptr (GError) error = NULL;
  SillonVault *vault;

  options.kdf_target_ms = 1;
  options.page_size = page_size;
  vault = sillon_vault_create (path, mediator, passphrase, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (vault);
  return vault;
}

/* Creates a vault at @path (quick key derivation) whose table t has one
 * row checkpointed into the file and one left in the log, and locks it as
 * a crash would leave it: the log stays beside the file. */
static inline void
vault_test_create_with_wal (const char *path, const char *mediator, const char *passphrase)
{
  g_autoptr (SillonVault) vault = vault_test_create (path, mediator, passphrase, 0);
  sqlite3 *db = sillon_vault_get_db (vault);

  vault_test_exec (db, "CREATE TABLE t (v TEXT); INSERT INTO t VALUES ('checkpointed')");
  vault_test_exec (db, "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA wal_autocheckpoint=0");
  vault_test_exec (db, "INSERT INTO t VALUES ('in the log')");
  sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
  sillon_vault_lock (vault);
}

/* Opens the vault at @path, which has a table t, and leaves it with a table
 * "later" checkpointed into the file (its page the file's last) and a row
 * of t in the log, which closing does not fold back: the set-up for cutting
 * a page off a vault whose log must stay as it was. */
static inline void
vault_test_log_after_checkpointed_table (const char *path, const char *passphrase)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonVault) vault = sillon_vault_open (path, passphrase, &error);
  sqlite3 *db;

  g_assert_no_error (error);
  db = sillon_vault_get_db (vault);
  vault_test_exec (db, "CREATE TABLE later (v); INSERT INTO later VALUES ('cut off');"
                       "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA wal_autocheckpoint=0;"
                       "INSERT INTO t VALUES ('again')");
  sqlite3_db_config (db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
}

static inline GBytes *
vault_test_get_file (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *data = NULL;
  gsize len = 0;

  g_file_get_contents (path, &data, &len, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (data, len);
}

/* Fails unless @path holds @before to the byte. */
static inline void
vault_test_assert_file_unchanged (const char *path,
                                  GBytes *before)
{
  g_autoptr (GBytes) after = vault_test_get_file (path);

  g_assert_true (g_bytes_equal (before, after));
}

static inline void
vault_test_put_be32 (guint8 *p, guint32 v)
{
  p[0] = v >> 24;
  p[1] = v >> 16;
  p[2] = v >> 8;
  p[3] = v;
}

/* SQLite's WAL header checksum over its first 24 bytes, recomputed as anyone
 * without the keys can, in the byte order the magic's low bit names. */
static inline void
vault_test_rechecksum_wal_header (guint8 *h)
{
  gboolean big = h[3] & 1;
  guint32 s0 = 0, s1 = 0;

  for (int i = 0; i < 24; i += 8)
    {
      guint32 a = big ? ((guint32) h[i] << 24 | h[i + 1] << 16 | h[i + 2] << 8 | h[i + 3])
                      : ((guint32) h[i + 3] << 24 | h[i + 2] << 16 | h[i + 1] << 8 | h[i]);
      guint32 b = big ? ((guint32) h[i + 4] << 24 | h[i + 5] << 16 | h[i + 6] << 8 | h[i + 7])
                      : ((guint32) h[i + 7] << 24 | h[i + 6] << 16 | h[i + 5] << 8 | h[i + 4]);

      s0 += a + s1;
      s1 += b + s0;
    }
  vault_test_put_be32 (h + 24, s0);
  vault_test_put_be32 (h + 28, s1);
}

/* A rotation's recovery-key callback (SillonVaultRotateCallbacks): keeps
 * the new key in the char * that @user_data points to (g_free it), as
 * sillon-cli prints it. */
static inline gboolean
vault_test_keep_recovery_key (const char *recovery_key,
                              gpointer user_data,
                              GError **error)
{
  char **out = user_data;

  g_free (*out);
  *out = g_strdup (recovery_key);
  return TRUE;
}

/* A rotation's re-keying callback: carries the journal over to the copy,
 * as sillon-cli does. */
static inline gboolean
vault_test_rekey_journal (SillonVault *old, SillonVault *copy, gpointer user_data, GError **error)
{
  return sillon_journal_rekey_rotated_copy (old, copy, error);
}

/* In the child of vault_test_rotate_and_crash(): shows the key to "the
 * user", a line on the write end of a pipe. */
static inline gboolean
vault_test_show_to_pipe (const char *recovery_key, gpointer user_data, GError **error)
{
  int fd = GPOINTER_TO_INT (user_data);
  g_autofree char *line = g_strconcat (recovery_key, "\n", NULL);
  gsize done = 0, length = strlen (line);

  while (done < length)
    {
      ssize_t n = write (fd, line + done, length - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        _exit (5);
      done += n;
    }
  return TRUE;
}

/* The fault hook of that child: it dies at the step @user_data names, as
 * in a power cut. */
static inline void
vault_test_crash_hook (SillonVaultRotationStep step, gpointer user_data)
{
  if (step == (SillonVaultRotationStep) GPOINTER_TO_INT (user_data))
    _exit (0);
}

/* Runs a rotation of the vault at @path in a child that dies at @step;
 * returns the recovery key it showed (once), or NULL. */
static inline char *
vault_test_rotate_and_crash (const char *path, const char *passphrase, SillonVaultRotationStep step)
{
  g_autoptr (GString) shown = g_string_new (NULL);
  int fds[2];
  pid_t pid;
  char buffer[256];
  ssize_t n;

  g_assert_cmpint (pipe (fds), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      SillonVaultRotateCallbacks callbacks = { vault_test_show_to_pipe, vault_test_rekey_journal, GINT_TO_POINTER (fds[1]) };
      SillonVault *vault;

      close (fds[0]);
      vault = sillon_vault_open (path, passphrase, NULL);
      if (vault == NULL)
        _exit (2);
      sillon_vault_set_fault_hook (vault_test_crash_hook, GINT_TO_POINTER (step));
      sillon_vault_rotate (vault, passphrase, &callbacks, NULL, NULL);
      _exit (3); /* the hook did not end it */
    }
  close (fds[1]);
  while ((n = read (fds[0], buffer, sizeof buffer)) != 0)
    {
      if (n < 0 && errno == EINTR)
        continue;
      g_assert_cmpint (n, >, 0);
      g_string_append_len (shown, buffer, n);
    }
  close (fds[0]);
  vault_test_wait_child (pid);
  if (shown->len == 0)
    return NULL;
  g_assert_true (g_str_has_suffix (shown->str, "\n"));
  g_string_truncate (shown, shown->len - 1);
  g_assert_null (strchr (shown->str, '\n')); /* shown once */
  return g_strdup (shown->str);
}
