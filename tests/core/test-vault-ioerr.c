/* test-vault-ioerr.c — I/O errors injected below the vault's VFS shim
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A fault-injecting VFS sits between the "sillon" shim and SQLite's unix VFS.
 * It makes the Nth read short or failing, or the Nth write or fsync fail
 * (optionally after writing half the buffer, as a torn write). The vault
 * must report an error, never return wrong data, and once the faults stop it
 * must open with integrity_check "ok" and every committed row.
 *
 * The shim takes its underlying VFS with sqlite3_vfs_find ("unix") when it
 * is registered. The faulty VFS is therefore registered under the name
 * "unix" (the newest registration of a name wins the lookup) before anything
 * registers the shim: this file must not open a vault before
 * install_faulty_vfs() has run.
 */

#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "sillon-vault.h"
#include "sillon-vault-header.h"
#include "test-dir-util.h"
#include "test-vault-util.h"

#define PASSPHRASE "input output passphrase"

typedef enum
{
  FAULT_NONE,
  FAULT_SHORT_READ, /* half the bytes, the rest zeroed, SQLITE_IOERR_SHORT_READ */
  FAULT_READ,       /* SQLITE_IOERR_READ, nothing read */
  FAULT_WRITE,      /* SQLITE_IOERR_WRITE, nothing written */
  FAULT_TORN_WRITE, /* first half written, then SQLITE_IOERR_WRITE */
  FAULT_SYNC,       /* SQLITE_IOERR_FSYNC, not synced */
} FaultKind;

/* One fault configuration at a time; the tests are single-threaded. */
static struct
{
  FaultKind kind;
  int countdown;      /* matching calls to let through before the first fault */
  gboolean sticky;    /* keep failing after the first fault (a dead disk) */
  gboolean main_only; /* only the main database file, not WAL or journal */
  int injected;
} fault;

static sqlite3_vfs *real_vfs;
static sqlite3_vfs faulty_vfs;

typedef struct
{
  sqlite3_file base;
  sqlite3_file *real; /* allocated right after this struct */
  gboolean main_db;
} FaultyFile;

static void
fault_set (FaultKind kind, int countdown, gboolean sticky, gboolean main_only)
{
  fault.kind = kind;
  fault.countdown = countdown;
  fault.sticky = sticky;
  fault.main_only = main_only;
  fault.injected = 0;
}

static gboolean
fault_fires (FaultyFile *f, FaultKind kind_a, FaultKind kind_b)
{
  if (fault.kind != kind_a && fault.kind != kind_b)
    return FALSE;
  if (fault.main_only && !f->main_db)
    return FALSE;
  if (fault.injected > 0 && fault.sticky)
    {
      fault.injected++;
      return TRUE;
    }
  if (fault.injected > 0)
    return FALSE;
  if (fault.countdown-- > 0)
    return FALSE;
  fault.injected++;
  return TRUE;
}

static int
faulty_close (sqlite3_file *file)
{
  FaultyFile *f = (FaultyFile *) file;
  return f->real->pMethods->xClose (f->real);
}

static int
faulty_read (sqlite3_file *file, void *buffer, int amount, sqlite3_int64 offset)
{
  FaultyFile *f = (FaultyFile *) file;

  if (fault_fires (f, FAULT_SHORT_READ, FAULT_READ))
    {
      if (fault.kind == FAULT_READ)
        return SQLITE_IOERR_READ;
      /* What the unix VFS does at end of file: the missing part is zeroed. */
      if (f->real->pMethods->xRead (f->real, buffer, amount / 2, offset) != SQLITE_OK)
        memset (buffer, 0, (size_t) amount / 2);
      memset ((char *) buffer + amount / 2, 0, (size_t) (amount - amount / 2));
      return SQLITE_IOERR_SHORT_READ;
    }
  return f->real->pMethods->xRead (f->real, buffer, amount, offset);
}

static int
faulty_write (sqlite3_file *file, const void *buffer, int amount, sqlite3_int64 offset)
{
  FaultyFile *f = (FaultyFile *) file;

  if (fault_fires (f, FAULT_WRITE, FAULT_TORN_WRITE))
    {
      if (fault.kind == FAULT_TORN_WRITE && amount > 1)
        f->real->pMethods->xWrite (f->real, buffer, amount / 2, offset);
      return SQLITE_IOERR_WRITE;
    }
  return f->real->pMethods->xWrite (f->real, buffer, amount, offset);
}

static int
faulty_truncate (sqlite3_file *file, sqlite3_int64 size)
{
  FaultyFile *f = (FaultyFile *) file;
  return f->real->pMethods->xTruncate (f->real, size);
}

static int
faulty_sync (sqlite3_file *file, int flags)
{
  FaultyFile *f = (FaultyFile *) file;

  if (fault_fires (f, FAULT_SYNC, FAULT_SYNC))
    return SQLITE_IOERR_FSYNC;
  return f->real->pMethods->xSync (f->real, flags);
}

static int
faulty_file_size (sqlite3_file *file, sqlite3_int64 *size)
{
  FaultyFile *f = (FaultyFile *) file;
  return f->real->pMethods->xFileSize (f->real, size);
}

/* Runs once, right before the next lock of a main database file is taken:
 * what another program could do just before SQLite gets the file. */
static void (*before_next_lock) (gpointer data);
static gpointer before_next_lock_data;

static int
faulty_lock (sqlite3_file *file, int level)
{
  FaultyFile *f = (FaultyFile *) file;

  if (f->main_db && before_next_lock != NULL)
    {
      void (*hook) (gpointer) = before_next_lock;

      before_next_lock = NULL;
      hook (before_next_lock_data);
    }
  return f->real->pMethods->xLock (f->real, level);
}

static int
faulty_unlock (sqlite3_file *file, int level)
{
  FaultyFile *f = (FaultyFile *) file;
  return f->real->pMethods->xUnlock (f->real, level);
}

static int
faulty_check_reserved_lock (sqlite3_file *file, int *out)
{
  FaultyFile *f = (FaultyFile *) file;
  return f->real->pMethods->xCheckReservedLock (f->real, out);
}

static int
faulty_file_control (sqlite3_file *file, int op, void *arg)
{
  FaultyFile *f = (FaultyFile *) file;
  return f->real->pMethods->xFileControl (f->real, op, arg);
}

static int
faulty_sector_size (sqlite3_file *file)
{
  FaultyFile *f = (FaultyFile *) file;
  return f->real->pMethods->xSectorSize (f->real);
}

static int
faulty_device_characteristics (sqlite3_file *file)
{
  FaultyFile *f = (FaultyFile *) file;
  return f->real->pMethods->xDeviceCharacteristics (f->real);
}

static int
faulty_shm_map (sqlite3_file *file, int page, int size, int extend, void volatile **out)
{
  FaultyFile *f = (FaultyFile *) file;
  return f->real->pMethods->xShmMap (f->real, page, size, extend, out);
}

static int
faulty_shm_lock (sqlite3_file *file, int offset, int n, int flags)
{
  FaultyFile *f = (FaultyFile *) file;
  return f->real->pMethods->xShmLock (f->real, offset, n, flags);
}

static void
faulty_shm_barrier (sqlite3_file *file)
{
  FaultyFile *f = (FaultyFile *) file;
  f->real->pMethods->xShmBarrier (f->real);
}

static int
faulty_shm_unmap (sqlite3_file *file, int delete_flag)
{
  FaultyFile *f = (FaultyFile *) file;
  return f->real->pMethods->xShmUnmap (f->real, delete_flag);
}

/* No memory mapping: every page goes through xRead, where faults happen. */
static int
faulty_fetch (sqlite3_file *file, sqlite3_int64 offset, int amount, void **out)
{
  *out = NULL;
  return SQLITE_OK;
}

static int
faulty_unfetch (sqlite3_file *file, sqlite3_int64 offset, void *page)
{
  return SQLITE_OK;
}

static const sqlite3_io_methods faulty_io_methods = {
  3,
  faulty_close,
  faulty_read,
  faulty_write,
  faulty_truncate,
  faulty_sync,
  faulty_file_size,
  faulty_lock,
  faulty_unlock,
  faulty_check_reserved_lock,
  faulty_file_control,
  faulty_sector_size,
  faulty_device_characteristics,
  faulty_shm_map,
  faulty_shm_lock,
  faulty_shm_barrier,
  faulty_shm_unmap,
  faulty_fetch,
  faulty_unfetch,
};

static int
faulty_open (sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *file, int flags, int *out_flags)
{
  FaultyFile *f = (FaultyFile *) file;
  int rc;

  f->real = (sqlite3_file *) (f + 1);
  f->main_db = (flags & SQLITE_OPEN_MAIN_DB) != 0;
  rc = real_vfs->xOpen (real_vfs, name, f->real, flags, out_flags);
  /* SQLite calls xClose only if pMethods is set. */
  file->pMethods = f->real->pMethods != NULL ? &faulty_io_methods : NULL;
  return rc;
}

static int
faulty_delete (sqlite3_vfs *vfs, const char *name, int sync_dir)
{
  return real_vfs->xDelete (real_vfs, name, sync_dir);
}

static int
faulty_access (sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
  return real_vfs->xAccess (real_vfs, name, flags, out);
}

static int
faulty_full_pathname (sqlite3_vfs *vfs, const char *name, int n, char *out)
{
  return real_vfs->xFullPathname (real_vfs, name, n, out);
}

static void *
faulty_dl_open (sqlite3_vfs *vfs, const char *name)
{
  return real_vfs->xDlOpen (real_vfs, name);
}

static void
faulty_dl_error (sqlite3_vfs *vfs, int n, char *out)
{
  real_vfs->xDlError (real_vfs, n, out);
}

static void (*faulty_dl_sym (sqlite3_vfs *vfs, void *handle, const char *symbol)) (void)
{
  return real_vfs->xDlSym (real_vfs, handle, symbol);
}

static void
faulty_dl_close (sqlite3_vfs *vfs, void *handle)
{
  real_vfs->xDlClose (real_vfs, handle);
}

static int
faulty_randomness (sqlite3_vfs *vfs, int n, char *out)
{
  return real_vfs->xRandomness (real_vfs, n, out);
}

static int
faulty_sleep (sqlite3_vfs *vfs, int microseconds)
{
  return real_vfs->xSleep (real_vfs, microseconds);
}

static int
faulty_current_time (sqlite3_vfs *vfs, double *out)
{
  return real_vfs->xCurrentTime (real_vfs, out);
}

static int
faulty_get_last_error (sqlite3_vfs *vfs, int n, char *out)
{
  return real_vfs->xGetLastError (real_vfs, n, out);
}

static int
faulty_current_time_int64 (sqlite3_vfs *vfs, sqlite3_int64 *out)
{
  return real_vfs->xCurrentTimeInt64 (real_vfs, out);
}

static void
install_faulty_vfs (void)
{
  sqlite3_vfs *shim;

  real_vfs = sqlite3_vfs_find ("unix");
  g_assert_nonnull (real_vfs);
  faulty_vfs = (sqlite3_vfs){
    .iVersion = 2,
    .szOsFile = (int) sizeof (FaultyFile) + real_vfs->szOsFile,
    .mxPathname = real_vfs->mxPathname,
    .zName = "unix",
    .xOpen = faulty_open,
    .xDelete = faulty_delete,
    .xAccess = faulty_access,
    .xFullPathname = faulty_full_pathname,
    .xDlOpen = faulty_dl_open,
    .xDlError = faulty_dl_error,
    .xDlSym = faulty_dl_sym,
    .xDlClose = faulty_dl_close,
    .xRandomness = faulty_randomness,
    .xSleep = faulty_sleep,
    .xCurrentTime = faulty_current_time,
    .xGetLastError = faulty_get_last_error,
    .xCurrentTimeInt64 = faulty_current_time_int64,
  };
  g_assert_cmpint (sqlite3_vfs_register (&faulty_vfs, 1), ==, SQLITE_OK);
  g_assert_true (sqlite3_vfs_find ("unix") == &faulty_vfs);

  sillon_vault_register_vfs ();
  shim = sqlite3_vfs_find ("sillon");
  g_assert_nonnull (shim);
  /* The whole test rests on this: the shim must sit over the faulty VFS. */
  g_assert_true (shim->pAppData == &faulty_vfs);
}

/* ---- Fixture and data model --------------------------------------------- */

typedef struct
{
  char *dir;
  char *path;
  GHashTable *committed; /* id → payload of every acknowledged row */
  GHashTable *maybe;     /* id → payload of rows of a transaction that failed */
  int next_id;
} Fixture;

static char *
payload_for (int id)
{
  GString *s = g_string_new (NULL);
  guint length = 40 + (guint) (id * 2654435761u % 2500);

  g_string_printf (s, "row %d:", id);
  while (s->len < length)
    g_string_append_c (s, (char) ('A' + (s->len + (guint) id) % 26));
  return g_string_free (s, FALSE);
}

/* Commits @count rows in one transaction. Returns the SQLite result of the
 * first failing step, or SQLITE_OK; the model is updated accordingly. */
static int
insert_rows (Fixture *fx, sqlite3 *db, int count)
{
  sqlite3_stmt *stmt = NULL;
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (int));
  int rc;

  rc = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "INSERT INTO rows (id, payload) VALUES (?1, ?2)", -1, &stmt, NULL);
  for (int i = 0; i < count && rc == SQLITE_OK; i++)
    {
      g_autofree char *payload = payload_for (fx->next_id);
      sqlite3_bind_int (stmt, 1, fx->next_id);
      sqlite3_bind_text (stmt, 2, payload, -1, SQLITE_TRANSIENT);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        rc = SQLITE_OK;
      sqlite3_reset (stmt);
      g_array_append_val (ids, fx->next_id);
      fx->next_id++;
    }
  sqlite3_finalize (stmt);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);

  for (guint i = 0; i < ids->len; i++)
    {
      int id = g_array_index (ids, int, i);
      g_hash_table_insert (rc == SQLITE_OK ? fx->committed : fx->maybe, GINT_TO_POINTER (id), payload_for (id));
    }
  return rc;
}

static void
fixture_set_up (Fixture *fx, gconstpointer data)
{
  g_autoptr (SillonVault) vault = NULL;

  fault_set (FAULT_NONE, 0, FALSE, FALSE);
  fx->dir = test_make_tmp_dir ("sillon-ioerr-XXXXXX");
  fx->path = g_build_filename (fx->dir, "vault.sillon", NULL);
  fx->committed = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  fx->maybe = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  fx->next_id = 1;

  vault = vault_test_create (fx->path, "Disk", PASSPHRASE, 0);
  g_assert_cmpint (sqlite3_exec (sillon_vault_get_db (vault),
                                 "CREATE TABLE rows (id INTEGER PRIMARY KEY, payload TEXT NOT NULL);"
                                 "CREATE INDEX rows_payload ON rows (payload);",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  for (int i = 0; i < 8; i++)
    g_assert_cmpint (insert_rows (fx, sillon_vault_get_db (vault), 25), ==, SQLITE_OK);
  sillon_vault_lock (vault);
}

static void
fixture_tear_down (Fixture *fx, gconstpointer data)
{
  fault_set (FAULT_NONE, 0, FALSE, FALSE);
  test_remove_tree (fx->dir);
  g_hash_table_unref (fx->committed);
  g_hash_table_unref (fx->maybe);
  g_free (fx->path);
  g_free (fx->dir);
}

/* With faults off: opens, checks integrity, and compares every row with
 * the model. Rows of failed transactions may be there or not, but whole. */
static void
check_after_faults (Fixture *fx)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonVault) vault = NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new (NULL, NULL);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db;
  GHashTableIter iter;
  gpointer key;
  int rc;

  fault_set (FAULT_NONE, 0, FALSE, FALSE);
  vault = sillon_vault_open (fx->path, PASSPHRASE, &error);
  g_assert_no_error (error);
  db = sillon_vault_get_db (vault);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id, payload FROM rows", -1, &stmt, NULL), ==, SQLITE_OK);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int id = sqlite3_column_int (stmt, 0);
      g_autofree char *expected = payload_for (id);

      g_assert_true (g_hash_table_contains (fx->committed, GINT_TO_POINTER (id)) || g_hash_table_contains (fx->maybe, GINT_TO_POINTER (id)));
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, expected);
      g_hash_table_add (seen, GINT_TO_POINTER (id));
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  g_hash_table_iter_init (&iter, fx->committed);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      if (!g_hash_table_contains (seen, key))
        g_error ("committed row %d is missing after the faults stopped", GPOINTER_TO_INT (key));
    }

  /* What survived is now known: later checks need no guesses about it. */
  g_hash_table_iter_init (&iter, fx->maybe);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      if (g_hash_table_contains (seen, key))
        g_hash_table_insert (fx->committed, key, payload_for (GPOINTER_TO_INT (key)));
    }
  g_hash_table_remove_all (fx->maybe);
  sillon_vault_lock (vault);
}

/* ---- Tests -------------------------------------------------------------- */

static const struct
{
  FaultKind kind;
  const char *name;
} write_faults[] = {
  { FAULT_WRITE, "EIO on write" },
  { FAULT_TORN_WRITE, "torn write" },
  { FAULT_SYNC, "EIO on fsync" },
};

/* Writes through a checkpoint with one fault at the Nth write or fsync, for
 * growing N: the fault lands in WAL appends, commits, checkpoints and the
 * main file in turn. */
static void
test_write_faults (Fixture *fx, gconstpointer data)
{
  int errors_seen = 0;

  for (guint k = 0; k < G_N_ELEMENTS (write_faults); k++)
    {
      for (int countdown = 0; countdown < 60; countdown += 1 + countdown / 4)
        {
          g_autoptr (GError) error = NULL;
          g_autoptr (SillonVault) vault = NULL;
          sqlite3 *db;
          int rc = SQLITE_OK;

          vault = sillon_vault_open (fx->path, PASSPHRASE, &error);
          g_assert_no_error (error);
          db = sillon_vault_get_db (vault);

          fault_set (write_faults[k].kind, countdown, g_test_rand_bit (), FALSE);
          for (int t = 0; t < 6 && rc == SQLITE_OK; t++)
            {
              rc = insert_rows (fx, db, 1 + t * 7);
              if (rc == SQLITE_OK && t == 3)
                rc = sqlite3_exec (db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
            }
          if (rc != SQLITE_OK)
            {
              /* An I/O failure must surface as one, not as corruption or a
               * wrong result. */
              g_assert_cmpint (rc & 0xff, ==, SQLITE_IOERR);
              g_assert_cmpint (fault.injected, >, 0);
              errors_seen++;
            }
          g_test_message ("%s at %d: %s (%d faults injected)", write_faults[k].name, countdown,
                          rc == SQLITE_OK ? "no error" : sqlite3_errstr (rc), fault.injected);
          fault_set (FAULT_NONE, 0, FALSE, FALSE);
          sillon_vault_lock (vault);
          check_after_faults (fx);
        }
    }
  /* Otherwise the countdowns were all beyond the writes made. */
  g_assert_cmpint (errors_seen, >, 10);
}

/* Reads of a populated vault with the Nth read short or failing: the query
 * fails, or it returns exactly the committed rows. */
static void
test_read_faults (Fixture *fx, gconstpointer data)
{
  int errors_seen = 0;
  int wrong_passphrase_reports = 0;

  for (int variant = 0; variant < 2; variant++)
    {
      FaultKind kind = variant == 0 ? FAULT_SHORT_READ : FAULT_READ;

      for (int countdown = 0; countdown < 80; countdown += 1 + countdown / 3)
        {
          g_autoptr (GError) error = NULL;
          g_autoptr (SillonVault) vault = NULL;
          sqlite3_stmt *stmt = NULL;
          int rc;
          int rows = 0;

          /* The fault may hit the header, the keyslot check or a page. */
          fault_set (kind, countdown, g_test_rand_bit (), TRUE);
          vault = sillon_vault_open (fx->path, PASSPHRASE, &error);
          if (vault == NULL)
            {
              g_assert_cmpint (fault.injected, >, 0);
              g_assert_true (error->domain == SILLON_VAULT_ERROR);
              g_test_message ("read fault %d at %d during open: %s", kind, countdown, error->message);
              if (g_error_matches (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_WRONG_PASSPHRASE))
                wrong_passphrase_reports++;
              errors_seen++;
              continue;
            }

          g_assert_cmpint (sqlite3_prepare_v2 (sillon_vault_get_db (vault), "SELECT id, payload FROM rows ORDER BY id", -1, &stmt, NULL),
                           ==, SQLITE_OK);
          while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
            {
              int id = sqlite3_column_int (stmt, 0);
              g_autofree char *expected = payload_for (id);

              /* Never wrong data. */
              g_assert_true (g_hash_table_contains (fx->committed, GINT_TO_POINTER (id)));
              g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, expected);
              rows++;
            }
          sqlite3_finalize (stmt);
          if (rc != SQLITE_DONE)
            {
              g_assert_cmpint (fault.injected, >, 0);
              g_assert_true ((rc & 0xff) == SQLITE_IOERR || rc == SQLITE_CORRUPT);
              errors_seen++;
            }
          else
            {
              /* A scan that "succeeded" saw every row. */
              g_assert_cmpint (rows, ==, g_hash_table_size (fx->committed));
            }
          fault_set (FAULT_NONE, 0, FALSE, FALSE);
          sillon_vault_lock (vault);
        }
    }
  check_after_faults (fx);
  g_assert_cmpint (errors_seen, >, 5);
  /* A failing disk must not look like a typo in the passphrase. */
  g_assert_cmpint (wrong_passphrase_reports, ==, 0);
}

/* A passphrase change hit by a write or fsync fault leaves a vault that
 * opens with the old or the new passphrase, with its data. */
static void
test_passphrase_change_faults (Fixture *fx, gconstpointer data)
{
  const char *current = PASSPHRASE;
  static const char *const candidates[] = { PASSPHRASE, "second passphrase here", "third passphrase here" };

  for (int attempt = 0; attempt < 4; attempt++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (SillonVault) vault = NULL;
      const char *next = candidates[(attempt + 1) % 3];
      SillonVault *reopened = NULL;
      gboolean changed;

      vault = sillon_vault_open (fx->path, current, &error);
      g_assert_no_error (error);
      fault_set (attempt % 2 ? FAULT_SYNC : FAULT_TORN_WRITE, attempt / 2, FALSE, TRUE);
      changed = sillon_vault_change_passphrase (vault, current, next, &error);
      g_test_message ("passphrase change with fault %d: %s", fault.kind, changed ? "succeeded" : error->message);
      if (!changed)
        g_assert_true (g_error_matches (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_IO));
      fault_set (FAULT_NONE, 0, FALSE, FALSE);
      sillon_vault_lock (vault);
      g_clear_error (&error);

      /* Exactly the promised passphrase works when the change succeeded;
       * one of the two when it failed midway. */
      reopened = sillon_vault_open (fx->path, next, &error);
      if (reopened != NULL)
        current = next;
      else
        {
          g_test_message ("the new passphrase does not open it: %s", error->message);
          g_assert_false (changed);
          /* A copy torn mid-write may hold the new slot but fail its MAC:
           * reported as tampering, which is what it looks like. */
          g_assert_true (g_error_matches (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_WRONG_PASSPHRASE) || g_error_matches (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_TAMPERED));
          g_clear_error (&error);
          reopened = sillon_vault_open (fx->path, current, &error);
          g_assert_no_error (error);
        }
      g_assert_nonnull (reopened);
      sillon_vault_lock (reopened);
      g_object_unref (reopened);
    }

  /* Put the fixture's passphrase back for the final check. */
  if (g_strcmp0 (current, PASSPHRASE) != 0)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (SillonVault) vault = sillon_vault_open (fx->path, current, &error);
      g_assert_no_error (error);
      g_assert_true (sillon_vault_change_passphrase (vault, current, PASSPHRASE, &error));
      sillon_vault_lock (vault);
    }
  check_after_faults (fx);
}

typedef struct
{
  const char *path;
  GBytes *header; /* the header another program writes */
} HeaderSwap;

static void
swap_header (gpointer data)
{
  HeaderSwap *swap = data;
  int fd = g_open (swap->path, O_WRONLY, 0);

  /* No lock is held yet: this descriptor can be closed safely. */
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (pwrite (fd, g_bytes_get_data (swap->header, NULL), SILLON_VAULT_HEADER_SIZE, 0), ==, SILLON_VAULT_HEADER_SIZE);
  close (fd);
}

static GBytes *
read_header_bytes (const char *path)
{
  g_autofree char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  g_assert_cmpuint (len, >=, SILLON_VAULT_HEADER_SIZE);
  return g_bytes_new (data, SILLON_VAULT_HEADER_SIZE);
}

/* Another program changes the passphrase between the moment the header is
 * read and the moment SQLite locks the file: the open must go by the new
 * header, and must not write the old one back. */
static void
test_header_changed_before_lock (Fixture *fx, gconstpointer data)
{
  const char *new_passphrase = "changed by someone else";
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonVault) vault = NULL;
  g_autoptr (GBytes) old_header = read_header_bytes (fx->path);
  g_autoptr (GBytes) new_header = NULL;
  g_autoptr (GBytes) after = NULL;
  HeaderSwap swap = { fx->path, NULL };

  vault = sillon_vault_open (fx->path, PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_true (sillon_vault_change_passphrase (vault, PASSPHRASE, new_passphrase, &error));
  g_clear_object (&vault);
  new_header = read_header_bytes (fx->path);
  swap.header = old_header;
  swap_header (&swap);

  /* The old passphrase matched the header read first, not the one locked. */
  swap.header = new_header;
  before_next_lock = swap_header;
  before_next_lock_data = &swap;
  vault = sillon_vault_open (fx->path, PASSPHRASE, &error);
  g_assert_null (before_next_lock);
  g_assert_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_WRONG_PASSPHRASE);
  g_assert_null (vault);
  g_clear_error (&error);
  after = read_header_bytes (fx->path);
  g_assert_true (g_bytes_equal (after, new_header));

  /* The new passphrase opens, and the vault is intact. */
  vault = sillon_vault_open (fx->path, new_passphrase, &error);
  g_assert_no_error (error);
  g_assert_nonnull (vault);
  g_assert_true (sillon_vault_change_passphrase (vault, new_passphrase, PASSPHRASE, &error));
  sillon_vault_lock (vault);
  check_after_faults (fx);
}

/* The injector itself: with faults off everything passes, and a sticky
 * fault makes every later write fail. */
static void
test_injector_works (Fixture *fx, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonVault) vault = NULL;
  sqlite3 *db;

  vault = sillon_vault_open (fx->path, PASSPHRASE, &error);
  g_assert_no_error (error);
  db = sillon_vault_get_db (vault);
  g_assert_cmpint (insert_rows (fx, db, 3), ==, SQLITE_OK);
  fault_set (FAULT_WRITE, 0, TRUE, FALSE);
  g_assert_cmpint (insert_rows (fx, db, 3) & 0xff, ==, SQLITE_IOERR);
  g_assert_cmpint (insert_rows (fx, db, 3) & 0xff, !=, SQLITE_OK);
  g_assert_cmpint (fault.injected, >=, 2);
  fault_set (FAULT_NONE, 0, FALSE, FALSE);
  sillon_vault_lock (vault);
  check_after_faults (fx);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  install_faulty_vfs ();

  g_test_add ("/vault/ioerr/injector-works", Fixture, NULL, fixture_set_up, test_injector_works, fixture_tear_down);
  g_test_add ("/vault/ioerr/write-faults", Fixture, NULL, fixture_set_up, test_write_faults, fixture_tear_down);
  g_test_add ("/vault/ioerr/read-faults", Fixture, NULL, fixture_set_up, test_read_faults, fixture_tear_down);
  g_test_add ("/vault/ioerr/passphrase-change-faults", Fixture, NULL, fixture_set_up, test_passphrase_change_faults, fixture_tear_down);
  g_test_add ("/vault/ioerr/header-changed-before-lock", Fixture, NULL, fixture_set_up, test_header_changed_before_lock, fixture_tear_down);
  return g_test_run ();
}
