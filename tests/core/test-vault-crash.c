/* test-vault-crash.c — kill -9 during write loops: no acknowledged commit is lost
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Modelled on SQLite's crash tests. A child process opens the vault (WAL,
 * exclusive locking, synchronous=FULL) and commits numbered rows, writing the
 * number of each commit to a pipe only after the commit returned. The parent
 * kills it with SIGKILL at a random moment, reopens the vault, and checks
 * that SQLite's integrity check passes and that every row the child
 * acknowledged is there with the right content. One vault is reused across
 * trials so that later trials also crash during recovery, checkpoints and a
 * growing file.
 */

#include "config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "sillon-vault.h"
#include "test-dir-util.h"
#include "test-vault-util.h"

#define PASSPHRASE "crash test passphrase"
#define TRIALS 50
#define TRIALS_SLOW 200

/* What the child writes to the pipe. */
#define MSG_READY (-1)
#define MSG_FAILED (-2)

typedef enum
{
  SHAPE_AUTOCOMMIT, /* one row per commit */
  SHAPE_BATCH,      /* several rows per explicit transaction */
  SHAPE_LARGE,      /* rows spanning overflow pages */
  SHAPE_CHECKPOINT, /* autocommit rows with frequent explicit checkpoints */
  N_SHAPES
} Shape;

typedef struct
{
  char *dir;
  char *path;
} Fixture;

/* Deterministic content, so that the parent can tell a wrong row from a
 * right one without remembering what the child wrote. */
static char *
make_payload (int trial, int seq, Shape shape)
{
  GString *s = g_string_new (NULL);
  guint length = (guint) ((seq * 7919 + trial * 104729) % 1500) + 16;

  if (shape == SHAPE_LARGE)
    length += 9000;
  g_string_printf (s, "t%d-s%d:", trial, seq);
  while (s->len < length)
    g_string_append_c (s, (char) ('a' + (s->len * 31 + (guint) seq) % 26));
  return g_string_free (s, FALSE);
}

static void
write_all (int fd, const void *data, size_t length)
{
  const char *p = data;

  while (length > 0)
    {
      ssize_t n = write (fd, p, length);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        _exit (4);
      p += n;
      length -= (size_t) n;
    }
}

static gboolean
exec_sql (sqlite3 *db, const char *sql)
{
  return sqlite3_exec (db, sql, NULL, NULL, NULL) == SQLITE_OK;
}

/* The child never returns. It reports every commit after sqlite3_step()
 * said it was done: with synchronous=FULL that is a durability promise. */
static void G_GNUC_NORETURN
child_write_loop (const char *path, int trial, Shape shape, int fd)
{
  g_autoptr (SillonVault) vault = NULL;
  sqlite3_stmt *insert = NULL;
  sqlite3 *db;
  int message = MSG_READY;

  vault = sillon_vault_open (path, PASSPHRASE, NULL);
  if (vault == NULL)
    {
      message = MSG_FAILED;
      write_all (fd, &message, sizeof message);
      _exit (3);
    }
  db = sillon_vault_get_db (vault);
  if (sqlite3_prepare_v2 (db, "INSERT INTO rows (trial, seq, payload) VALUES (?1, ?2, ?3)", -1, &insert, NULL) != SQLITE_OK)
    {
      message = MSG_FAILED;
      write_all (fd, &message, sizeof message);
      _exit (3);
    }
  write_all (fd, &message, sizeof message);

  for (int seq = 0;; seq++)
    {
      int batch = shape == SHAPE_BATCH ? 1 + seq % 17 : 1;
      int last = seq + batch - 1;

      if (batch > 1 && !exec_sql (db, "BEGIN IMMEDIATE"))
        goto failed;
      for (int s = seq; s <= last; s++)
        {
          g_autofree char *payload = make_payload (trial, s, shape);
          sqlite3_bind_int (insert, 1, trial);
          sqlite3_bind_int (insert, 2, s);
          sqlite3_bind_text (insert, 3, payload, -1, SQLITE_TRANSIENT);
          if (sqlite3_step (insert) != SQLITE_DONE)
            goto failed;
          sqlite3_reset (insert);
        }
      if (batch > 1 && !exec_sql (db, "COMMIT"))
        goto failed;
      seq = last;
      write_all (fd, &seq, sizeof seq);

      if (shape == SHAPE_CHECKPOINT && seq % 7 == 6 && !exec_sql (db, "PRAGMA wal_checkpoint(TRUNCATE)"))
        goto failed;
    }

failed:
  message = MSG_FAILED;
  write_all (fd, &message, sizeof message);
  _exit (3);
}

static void
fixture_set_up (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (SillonVault) vault = NULL;

  fixture->dir = test_make_tmp_dir ("sillon-crash-XXXXXX");
  fixture->path = g_build_filename (fixture->dir, "vault.sillon", NULL);

  /* The smallest Argon2id cost the vault allows: each trial unlocks twice. */
  vault = vault_test_create (fixture->path, "Crash", PASSPHRASE, 0);

  g_assert_cmpint (sqlite3_exec (sillon_vault_get_db (vault),
                                 "CREATE TABLE rows (trial INTEGER NOT NULL, seq INTEGER NOT NULL, payload TEXT NOT NULL,"
                                 " PRIMARY KEY (trial, seq));"
                                 "CREATE INDEX rows_prefix ON rows (substr (payload, 1, 24));",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  sillon_vault_lock (vault);
}

static void
fixture_tear_down (Fixture *fixture, gconstpointer user_data)
{
  test_remove_tree (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* Reads every int the child wrote; returns FALSE at end of file. */
static gboolean
read_messages (int fd, int timeout_ms, int *last_ack, gboolean *ready, gboolean *failed)
{
  struct pollfd p = { .fd = fd, .events = POLLIN };
  int value;
  ssize_t n;

  if (poll (&p, 1, timeout_ms) <= 0)
    return TRUE;
  /* A partial int only happens if the child died inside write(2), which
   * SIGKILL cannot split for 4 bytes on a pipe (writes ≤ PIPE_BUF are atomic). */
  n = read (fd, &value, sizeof value);
  if (n == 0)
    return FALSE;
  if (n < 0)
    return errno == EINTR || errno == EAGAIN;
  g_assert_cmpint (n, ==, sizeof value);
  if (value == MSG_READY)
    *ready = TRUE;
  else if (value == MSG_FAILED)
    *failed = TRUE;
  else
    {
      g_assert_cmpint (value, >, *last_ack);
      *last_ack = value;
    }
  return TRUE;
}

/* Returns a description of the first problem found, or NULL. */
static char *
check_vault (const char *path, int trials_done, const int *acked, const Shape *shapes)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonVault) vault = NULL;
  sqlite3_stmt *stmt = NULL;
  char *problem = NULL;
  sqlite3 *db;

  vault = sillon_vault_open (path, PASSPHRASE, &error);
  if (vault == NULL)
    return g_strdup_printf ("cannot reopen the vault: %s", error->message);
  db = sillon_vault_get_db (vault);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) != SQLITE_ROW || g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
    problem = g_strdup_printf ("integrity_check: %s", sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  if (problem != NULL)
    return problem;

  /* Every trial so far, not only the last one: a crash during recovery or a
   * checkpoint must not lose what earlier trials committed either. */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT seq, payload FROM rows WHERE trial = ?1 ORDER BY seq", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  for (int trial = 0; trial < trials_done && problem == NULL; trial++)
    {
      int expected_seq = 0;
      int rc;

      sqlite3_bind_int (stmt, 1, trial);
      while (problem == NULL && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          g_autofree char *payload = make_payload (trial, expected_seq, shapes[trial]);
          /* Commits happen in order, so the rows present form a prefix. */
          if (sqlite3_column_int (stmt, 0) != expected_seq)
            problem = g_strdup_printf ("trial %d: row %d missing before row %d", trial, expected_seq, sqlite3_column_int (stmt, 0));
          else if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), payload) != 0)
            problem = g_strdup_printf ("trial %d: row %d has wrong content", trial, expected_seq);
          expected_seq++;
        }
      if (problem == NULL && rc != SQLITE_DONE)
        problem = g_strdup_printf ("trial %d: reading failed: %s", trial, sqlite3_errmsg (db));
      if (problem == NULL && expected_seq - 1 < acked[trial])
        problem = g_strdup_printf ("trial %d: row %d was acknowledged but only rows up to %d are in the vault",
                                   trial, acked[trial], expected_seq - 1);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  sillon_vault_lock (vault);
  return problem;
}

static void
test_crash_kill9_wal (Fixture *fixture, gconstpointer user_data)
{
  int trials = g_test_slow () ? TRIALS_SLOW : TRIALS;
  g_autofree int *acked = g_new0 (int, trials);
  g_autofree Shape *shapes = g_new0 (Shape, trials);
  int total_acked = 0;
  int killed_before_ready = 0;

  for (int trial = 0; trial < trials; trial++)
    {
      int fds[2];
      pid_t pid;
      int status = 0;
      gboolean ready = FALSE;
      gboolean failed = FALSE;
      gboolean early_kill;
      gint64 deadline;
      gint64 start;
      g_autofree char *problem = NULL;

      acked[trial] = -1;
      shapes[trial] = (Shape) g_test_rand_int_range (0, N_SHAPES);
      /* One trial in eight is killed at any moment after the fork, which
       * includes the unlock and the WAL recovery of the previous crash. */
      early_kill = g_test_rand_int_range (0, 8) == 0;

      g_assert_cmpint (pipe (fds), ==, 0);
      pid = fork ();
      g_assert_cmpint (pid, >=, 0);
      if (pid == 0)
        {
          close (fds[0]);
          child_write_loop (fixture->path, trial, shapes[trial], fds[1]);
        }
      close (fds[1]);

      start = g_get_monotonic_time ();
      if (early_kill)
        deadline = start + g_test_rand_int_range (0, 400) * 1000;
      else
        {
          /* Wait for the unlock; the random delay counts from there. */
          while (!ready && !failed && read_messages (fds[0], 100, &acked[trial], &ready, &failed))
            ;
          deadline = g_get_monotonic_time () + g_test_rand_int_range (1, 120) * 1000;
        }

      while (!failed)
        {
          gint64 now = g_get_monotonic_time ();
          if (now >= deadline)
            break;
          if (!read_messages (fds[0], (int) MAX (1, (deadline - now) / 1000), &acked[trial], &ready, &failed))
            break;
        }
      kill (pid, SIGKILL);
      g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
      /* Drain what the child acknowledged before it died. */
      while (read_messages (fds[0], 0, &acked[trial], &ready, &failed))
        ;
      close (fds[0]);

      if (failed)
        g_error ("trial %d: the writer failed on its own (shape %d) instead of being killed", trial, shapes[trial]);
      g_assert_true (WIFSIGNALED (status));
      g_assert_cmpint (WTERMSIG (status), ==, SIGKILL);
      if (!ready)
        killed_before_ready++;

      total_acked += acked[trial] + 1;
      g_test_message ("trial %d: shape %d, %s, %d commits acknowledged", trial, shapes[trial],
                      ready ? "killed while writing" : "killed while opening", acked[trial] + 1);
      problem = check_vault (fixture->path, trial + 1, acked, shapes);
      g_assert_cmpstr (problem, ==, NULL);
    }

  g_test_message ("%d trials, %d killed before the unlock finished, %d rows acknowledged",
                  trials, killed_before_ready, total_acked);
  /* The test would prove nothing if the children never got to write. */
  g_assert_cmpint (total_acked, >, trials);
}

/* The checker itself must be able to fail: a vault that lost an
 * acknowledged row, or holds a wrong one, is reported. */
static void
test_crash_checker_detects_loss (Fixture *fixture, gconstpointer user_data)
{
  g_autoptr (SillonVault) vault = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *problem = NULL;
  sqlite3_stmt *stmt = NULL;
  int acked[1] = { 4 };
  Shape shapes[1] = { SHAPE_AUTOCOMMIT };

  vault = sillon_vault_open (fixture->path, PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (sillon_vault_get_db (vault), "INSERT INTO rows VALUES (0, ?1, ?2)", -1, &stmt, NULL), ==, SQLITE_OK);
  for (int seq = 0; seq < 4; seq++)
    {
      g_autofree char *text = make_payload (0, seq, SHAPE_AUTOCOMMIT);
      sqlite3_bind_int (stmt, 1, seq);
      sqlite3_bind_text (stmt, 2, text, -1, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  sillon_vault_lock (vault);

  /* Rows 0…3 are there, row 4 was "acknowledged": lost. */
  problem = check_vault (fixture->path, 1, acked, shapes);
  g_assert_nonnull (problem);
  g_assert_nonnull (strstr (problem, "row 4 was acknowledged"));
  g_clear_pointer (&problem, g_free);

  /* Acknowledging only what is there passes. */
  acked[0] = 3;
  problem = check_vault (fixture->path, 1, acked, shapes);
  g_assert_cmpstr (problem, ==, NULL);

  /* A row with other content than the writer's is reported. */
  g_clear_object (&vault);
  vault = sillon_vault_open (fixture->path, PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (sillon_vault_get_db (vault), "UPDATE rows SET payload = 'x' WHERE seq = 2", NULL, NULL, NULL), ==, SQLITE_OK);
  sillon_vault_lock (vault);
  problem = check_vault (fixture->path, 1, acked, shapes);
  g_assert_nonnull (problem);
  g_assert_nonnull (strstr (problem, "row 2 has wrong content"));
}

/* ---- power loss ----------------------------------------------------------
 * A power cut is not a kill -9: the page cache writes back the blocks of the
 * last, unacknowledged transaction in any order, so its commit frame may
 * reach the disk while one block of an earlier frame of it does not. */

typedef struct
{
  guint page_size;
  guint block_size;  /* the block the power cut loses */
  gboolean followed; /* a further complete transaction comes after */
} PowerLoss;

static const PowerLoss power_loss_8k = { 8192, 4096, FALSE };
static const PowerLoss power_loss_512 = { 4096, 512, FALSE };
static const PowerLoss power_loss_followed = { 4096, 512, TRUE };

static guint32
be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static gint64
count_rows (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static void
test_crash_power_loss (gconstpointer user_data)
{
  const PowerLoss *loss = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonVault) vault = NULL;
  g_autofree char *dir = test_make_tmp_dir ("sillon-power-XXXXXX");
  g_autofree char *path = NULL;
  g_autofree char *wal_path = NULL;
  g_autofree char *wal = NULL;
  gsize frame = loss->page_size + 24, len = 0, n_frames, target, block;
  guint commits[256], n_commits = 0, t2_first;
  pid_t pid;

  path = g_build_filename (dir, "vault.sillon", NULL);
  wal_path = g_strconcat (path, "-wal", NULL);
  vault = vault_test_create (path, "Power", PASSPHRASE, loss->page_size);
  g_assert_cmpint (sqlite3_exec (sillon_vault_get_db (vault), "CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT)", NULL, NULL, NULL), ==, SQLITE_OK);
  g_clear_object (&vault);

  /* T1 is acknowledged; T2 spans many frames; T3, if any, is one more
   * complete transaction. The child exits without closing: the WAL stays. */
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      SillonVault *v = sillon_vault_open (path, PASSPHRASE, NULL);
      sqlite3 *db = v != NULL ? sillon_vault_get_db (v) : NULL;

      if (db == NULL || sqlite3_exec (db, "INSERT INTO t VALUES (1, 'T1 acknowledged')", NULL, NULL, NULL) != SQLITE_OK || sqlite3_exec (db, "WITH RECURSIVE c(i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM c WHERE i < 300) INSERT INTO t SELECT i, hex (randomblob (200)) FROM c", NULL, NULL, NULL) != SQLITE_OK)
        _exit (2);
      if (loss->followed && sqlite3_exec (db, "INSERT INTO t VALUES (1000, 'T3')", NULL, NULL, NULL) != SQLITE_OK)
        _exit (3);
      _exit (0);
    }
  vault_test_wait_child (pid);

  g_file_get_contents (wal_path, &wal, &len, &error);
  g_assert_no_error (error);
  n_frames = (len - 32) / frame;
  for (gsize i = 0; i < n_frames && n_commits < G_N_ELEMENTS (commits); i++)
    if (be32 ((const guint8 *) wal + 32 + i * frame + 4) != 0)
      commits[n_commits++] = i;
  g_assert_cmpuint (n_commits, ==, loss->followed ? 3 : 2);
  t2_first = commits[0] + 1;
  g_assert_cmpuint (commits[1], >, t2_first + 4);

  /* One file block lost, the first one wholly inside the body of the fourth
   * frame of T2 (the frame header stays). */
  target = 32 + (t2_first + 3) * frame + 24;
  block = (target + loss->block_size - 1) / loss->block_size * loss->block_size;
  g_assert_cmpuint (block + loss->block_size, <=, target + loss->page_size);
  memset (wal + block, 0, loss->block_size);
  g_file_set_contents (wal_path, wal, len, &error);
  g_assert_no_error (error);

  vault = sillon_vault_open (path, PASSPHRASE, &error);
  if (loss->followed)
    {
      /* T2 was synced before T3 began: its damage is no power cut. */
      g_assert_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_TAMPERED);
      g_assert_null (vault);
    }
  else
    {
      sqlite3 *db;

      /* The torn transaction is dropped as a whole; T1 stays. */
      g_assert_no_error (error);
      g_assert_nonnull (vault);
      db = sillon_vault_get_db (vault);
      g_assert_cmpint (count_rows (db, "SELECT count(*) FROM t WHERE id = 1 AND s = 'T1 acknowledged'"), ==, 1);
      g_assert_cmpint (count_rows (db, "SELECT count(*) FROM t"), ==, 1);
      vault_test_assert_sound (vault);
      g_clear_object (&vault);
    }
  test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/vault/crash/kill9-wal", Fixture, NULL, fixture_set_up, test_crash_kill9_wal, fixture_tear_down);
  g_test_add ("/vault/crash/checker-detects-loss", Fixture, NULL, fixture_set_up, test_crash_checker_detects_loss, fixture_tear_down);
  g_test_add_data_func ("/vault/crash/power-loss/page-8k-block-4k", &power_loss_8k, test_crash_power_loss);
  g_test_add_data_func ("/vault/crash/power-loss/page-4k-sector-512", &power_loss_512, test_crash_power_loss);
  g_test_add_data_func ("/vault/crash/power-loss/followed-is-tampering", &power_loss_followed, test_crash_power_loss);
  return g_test_run ();
}
