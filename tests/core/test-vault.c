/* test-vault.c — the encrypted vault: round-trips, keyslots, tampering, leaks
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-vault.h"

#include "sillon-vault-header.h"
#include "sillon-vfs.h"
#include "test-dir-util.h"
#include "test-vault-util.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define PASSPHRASE "correct horse battery staple"
#define OTHER_PASSPHRASE "another mediator's passphrase"
#define MARKER_PREFIX "LEAKMARKER-"

static char *tmpdir;

/* ---- helpers ------------------------------------------------------------- */

static char *
tmp_path (const char *name)
{
  return g_build_filename (tmpdir, name, NULL);
}

static SillonVault *
create_vault (const char *path, guint page_size, char **out_recovery_key)
{
  SillonVaultCreateOptions options = { 0 };
  g_autoptr (GError) error = NULL;
  SillonVault *vault;

  options.kdf_target_ms = 1; /* the 64 MiB / 2 passes floor still applies */
  options.page_size = page_size;
  vault = sillon_vault_create (path, "Camille", PASSPHRASE, &options, out_recovery_key, &error);
  g_assert_no_error (error);
  g_assert_nonnull (vault);
  return vault;
}

/* Rows whose content is a function of their id, so that any change shows. */
static void
insert_rows (sqlite3 *db, int first, int count, const char *prefix)
{
  sqlite3_stmt *stmt = NULL;

  vault_test_exec (db, "CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, name TEXT, payload BLOB)");
  vault_test_exec (db, "BEGIN");
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO t (id, name, payload) VALUES (?1, ?2, ?3)", -1, &stmt, NULL), ==, SQLITE_OK);
  for (int i = first; i < first + count; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s%06d", prefix, i);
      guint8 payload[700];

      for (gsize k = 0; k < sizeof payload; k++)
        payload[k] = (guint8) (i * 31 + k * 7);
      sqlite3_bind_int (stmt, 1, i);
      sqlite3_bind_text (stmt, 2, name, -1, SQLITE_TRANSIENT);
      sqlite3_bind_blob (stmt, 3, payload, sizeof payload, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  vault_test_exec (db, "COMMIT");
}

/* Reads every row back. Returns the SQLite result code of the scan (with
 * extended codes), and fails the test if any row read differs. */
static int
check_rows (sqlite3 *db, int count, const char *prefix)
{
  sqlite3_stmt *stmt = NULL;
  int rc, seen = 0;

  rc = sqlite3_prepare_v2 (db, "SELECT id, name, payload FROM t ORDER BY id", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return sqlite3_extended_errcode (db);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int id = sqlite3_column_int (stmt, 0);
      g_autofree char *name = g_strdup_printf ("%s%06d", prefix, id);
      const guint8 *payload = sqlite3_column_blob (stmt, 2);

      g_assert_cmpint (id, ==, seen);
      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, name);
      g_assert_cmpint (sqlite3_column_bytes (stmt, 2), ==, 700);
      for (gsize k = 0; k < 700; k++)
        g_assert_cmpuint (payload[k], ==, (guint8) (id * 31 + k * 7));
      seen++;
    }
  if (rc == SQLITE_DONE)
    g_assert_cmpint (seen, ==, count);
  else
    rc = sqlite3_extended_errcode (db);
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static guint8 *
dup_bytes (GBytes *bytes, gsize *out_len)
{
  gsize len = 0;
  const void *data = g_bytes_get_data (bytes, &len);

  *out_len = len;
  return g_memdup2 (data, len);
}

static void
write_bytes (const char *path, const void *data, gsize len)
{
  g_autoptr (GError) error = NULL;

  g_file_set_contents (path, data, len, &error);
  g_assert_no_error (error);
}

static void
copy_file (const char *from, const char *to)
{
  g_autoptr (GBytes) bytes = vault_test_get_file (from);

  write_bytes (to, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static void
xor_byte (const char *path, gsize offset, guint8 mask)
{
  g_autoptr (GBytes) bytes = vault_test_get_file (path);
  gsize len;
  guint8 *data = dup_bytes (bytes, &len);

  g_assert_cmpuint (offset, <, len);
  data[offset] ^= mask;
  write_bytes (path, data, len);
  g_free (data);
}

/* Same, on the file SQLite has open (not a new file renamed over it). */
static void
xor_byte_in_place (const char *path, gsize offset, guint8 mask)
{
  int fd = g_open (path, O_RDWR, 0);
  guint8 byte = 0;

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (pread (fd, &byte, 1, offset), ==, 1);
  byte ^= mask;
  g_assert_cmpint (pwrite (fd, &byte, 1, offset), ==, 1);
  close (fd);
}

static gsize
file_size (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return 0;
  return st.st_size;
}

static gboolean file_contains (const char *path, const char *needle);

static SillonVault *
open_ok (const char *path, const char *passphrase)
{
  g_autoptr (GError) error = NULL;
  SillonVault *vault = sillon_vault_open (path, passphrase, &error);

  g_assert_no_error (error);
  g_assert_nonnull (vault);
  return vault;
}

static void
assert_open_fails (const char *path, const char *passphrase, gint code)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonVault) vault = sillon_vault_open (path, passphrase, &error);

  g_assert_error (error, SILLON_VAULT_ERROR, code);
  g_assert_null (vault);
}

/* A shared vault with 200 rows over many pages, checkpointed: made once,
 * copied by the tests that damage it. */
static char *shared_vault;
#define SHARED_ROWS 200

static const char *
get_shared_vault (void)
{
  if (shared_vault == NULL)
    {
      g_autoptr (SillonVault) vault = NULL;

      shared_vault = tmp_path ("shared.sillon");
      vault = create_vault (shared_vault, 4096, NULL);
      insert_rows (sillon_vault_get_db (vault), 0, SHARED_ROWS, "row-");
      sillon_vault_lock (vault);
    }
  return shared_vault;
}

static char *
copy_of_shared (const char *name)
{
  char *path = tmp_path (name);

  vault_test_remove_vault (path);
  copy_file (get_shared_vault (), path);
  return path;
}

/* Simulates a crash: a child process writes @commits transactions and exits
 * without closing, leaving the WAL behind with every commit in it. */
static void
write_in_child_and_crash (const char *path, int first, int commits, const char *prefix)
{
  pid_t pid = fork ();

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      SillonVault *vault = sillon_vault_open (path, PASSPHRASE, NULL);

      if (vault == NULL)
        _exit (2);
      for (int c = 0; c < commits; c++)
        insert_rows (sillon_vault_get_db (vault), first + c * 5, 5, prefix);
      _exit (0);
    }
  vault_test_wait_child (pid);
}

/* ---- round trips --------------------------------------------------------- */

static void
test_roundtrip (gconstpointer data)
{
  guint page_size = GPOINTER_TO_UINT (data);
  g_autofree char *name = g_strdup_printf ("roundtrip-%u.sillon", page_size);
  g_autofree char *path = tmp_path (name);
  g_autoptr (SillonVault) vault = NULL;
  sqlite3_stmt *stmt = NULL;
  int reserve = -1;

  vault_test_remove_vault (path);
  vault = create_vault (path, page_size, NULL);
  g_assert_false (sillon_vault_is_locked (vault));
  g_assert_cmpstr (sillon_vault_get_path (vault), ==, path);
  insert_rows (sillon_vault_get_db (vault), 0, 120, "rt-");
  g_assert_cmpint (check_rows (sillon_vault_get_db (vault), 120, "rt-"), ==, SQLITE_OK);
  sillon_vault_lock (vault);
  g_assert_true (sillon_vault_is_locked (vault));
  g_assert_null (sillon_vault_get_db (vault));
  g_clear_object (&vault);

  /* The file: header + whole pages, no WAL left after a clean close. */
  g_assert_cmpuint (file_size (path), >, SILLON_VFS_HEADER_SIZE);
  g_assert_cmpuint ((file_size (path) - SILLON_VFS_HEADER_SIZE) % page_size, ==, 0);

  vault = open_ok (path, PASSPHRASE);
  g_assert_cmpint (check_rows (sillon_vault_get_db (vault), 120, "rt-"), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (sillon_vault_get_db (vault), "PRAGMA page_size", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, page_size);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_prepare_v2 (sillon_vault_get_db (vault), "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_finalize (stmt);
  sqlite3_file_control (sillon_vault_get_db (vault), "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve);
  g_assert_cmpint (reserve, ==, SILLON_VFS_RESERVE);

  /* More writes after a reopen, then a third session sees everything. */
  insert_rows (sillon_vault_get_db (vault), 120, 30, "rt-");
  g_clear_object (&vault);
  vault = open_ok (path, PASSPHRASE);
  g_assert_cmpint (check_rows (sillon_vault_get_db (vault), 150, "rt-"), ==, SQLITE_OK);
}

static void
test_create_errors (void)
{
  g_autofree char *path = tmp_path ("errors.sillon");
  g_autofree char *junk = tmp_path ("junk.bin");
  g_autofree char *plain = tmp_path ("plain.sqlite");
  g_autofree char *missing = tmp_path ("missing.sillon");
  SillonVaultCreateOptions options = { 1, 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonVault) vault = NULL;
  guint8 random[8192];
  sqlite3 *db = NULL;

  vault_test_remove_vault (path);
  vault = sillon_vault_create (path, "Camille", "short", &options, NULL, &error);
  g_assert_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_WEAK_PASSPHRASE);
  g_assert_null (vault);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  options.page_size = 3000;
  vault = sillon_vault_create (path, "Camille", PASSPHRASE, &options, NULL, &error);
  g_assert_nonnull (error);
  g_assert_null (vault);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);
  options.page_size = 0;

  write_bytes (path, "x", 1);
  vault = sillon_vault_create (path, "Camille", PASSPHRASE, &options, NULL, &error);
  g_assert_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_EXISTS);
  g_clear_error (&error);
  g_unlink (path);

  assert_open_fails (missing, PASSPHRASE, SILLON_VAULT_ERROR_NOT_FOUND);

  randombytes_buf (random, sizeof random);
  write_bytes (junk, random, sizeof random);
  assert_open_fails (junk, PASSPHRASE, SILLON_VAULT_ERROR_NOT_A_VAULT);
  write_bytes (junk, random, 100);
  assert_open_fails (junk, PASSPHRASE, SILLON_VAULT_ERROR_NOT_A_VAULT);

  /* An ordinary SQLite database is not a vault either. */
  g_unlink (plain);
  g_assert_cmpint (sqlite3_open (plain, &db), ==, SQLITE_OK);
  vault_test_exec (db, "CREATE TABLE x (a); INSERT INTO x VALUES (1);");
  sqlite3_close (db);
  assert_open_fails (plain, PASSPHRASE, SILLON_VAULT_ERROR_NOT_A_VAULT);
  g_unlink (plain);
  g_unlink (junk);
}

static void
test_unsupported_version (void)
{
  g_autofree char *path = copy_of_shared ("version.sillon");

  /* Both copies say format 2. */
  xor_byte (path, 9, 0x03);
  xor_byte (path, SILLON_VAULT_HEADER_COPY_SIZE + 9, 0x03);
  assert_open_fails (path, PASSPHRASE, SILLON_VAULT_ERROR_UNSUPPORTED_VERSION);
}

/* ---- passphrases --------------------------------------------------------- */

static void
test_wrong_passphrase_reads_no_page (void)
{
  g_autofree char *path = copy_of_shared ("wrong.sillon");
  g_autoptr (GBytes) bytes = NULL;
  guint64 before;
  guint8 *data;
  gsize len;

  before = sillon_vfs_get_page_reads ();
  assert_open_fails (path, "not the right passphrase", SILLON_VAULT_ERROR_WRONG_PASSPHRASE);
  g_assert_cmpuint (sillon_vfs_get_page_reads (), ==, before);

  /* With every page destroyed the answer is the same: the pages were never
   * looked at. The right passphrase then reports the damage instead. */
  bytes = vault_test_get_file (path);
  data = dup_bytes (bytes, &len);
  for (gsize i = SILLON_VFS_HEADER_SIZE; i < len; i++)
    data[i] ^= 0x5a;
  write_bytes (path, data, len);
  g_free (data);
  assert_open_fails (path, "not the right passphrase", SILLON_VAULT_ERROR_WRONG_PASSPHRASE);
  assert_open_fails (path, PASSPHRASE, SILLON_VAULT_ERROR_TAMPERED);
}

static void
test_busy (void)
{
  g_autofree char *path = copy_of_shared ("busy.sillon");
  g_autoptr (SillonVault) first = open_ok (path, PASSPHRASE);

  assert_open_fails (path, PASSPHRASE, SILLON_VAULT_ERROR_BUSY);
  /* The first connection is unharmed and still holds the vault. */
  g_assert_cmpint (check_rows (sillon_vault_get_db (first), SHARED_ROWS, "row-"), ==, SQLITE_OK);
  insert_rows (sillon_vault_get_db (first), SHARED_ROWS, 1, "row-");
  assert_open_fails (path, PASSPHRASE, SILLON_VAULT_ERROR_BUSY);
  sillon_vault_lock (first);
  g_clear_object (&first);
  first = open_ok (path, PASSPHRASE);
  g_assert_cmpint (check_rows (sillon_vault_get_db (first), SHARED_ROWS + 1, "row-"), ==, SQLITE_OK);
}

static gboolean
rotate_keeping_key (SillonVault *vault, const char *passphrase, char **key, guint *dropped, GError **error)
{
  SillonVaultRotateCallbacks callbacks = { vault_test_keep_recovery_key, NULL, key };

  return sillon_vault_rotate (vault, passphrase, &callbacks, dropped, error);
}

static void
test_locked_operations (void)
{
  g_autofree char *path = copy_of_shared ("locked.sillon");
  g_autofree char *backup = tmp_path ("locked.backup");
  g_autoptr (SillonVault) vault = open_ok (path, PASSPHRASE);
  g_autoptr (SillonVaultVerifyReport) report = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) slots = NULL;

  sillon_vault_lock (vault);
  sillon_vault_lock (vault); /* idempotent */
  g_assert_false (sillon_vault_change_passphrase (vault, PASSPHRASE, OTHER_PASSPHRASE, &error));
  g_assert_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_cmpint (sillon_vault_add_slot (vault, "Dominique", OTHER_PASSPHRASE, &error), ==, -1);
  g_assert_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_false (sillon_vault_remove_slot (vault, 0, &error));
  g_assert_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_LOCKED);
  g_clear_error (&error);
  slots = sillon_vault_list_slots (vault, &error);
  g_assert_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_LOCKED);
  g_assert_null (slots);
  g_clear_error (&error);
  g_assert_false (sillon_vault_verify (vault, &report, &error));
  g_assert_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_false (sillon_vault_backup (vault, backup, &error));
  g_assert_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_LOCKED);
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
  g_clear_error (&error);
  {
    char *key = NULL;

    g_assert_false (rotate_keeping_key (vault, PASSPHRASE, &key, NULL, &error));
    g_assert_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_LOCKED);
    g_assert_null (key);
  }
}

static void
test_change_passphrase (void)
{
  g_autofree char *path = copy_of_shared ("change.sillon");
  g_autoptr (SillonVault) vault = open_ok (path, PASSPHRASE);
  g_autoptr (GError) error = NULL;

  g_assert_false (sillon_vault_change_passphrase (vault, "wrong old passphrase", OTHER_PASSPHRASE, &error));
  g_assert_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);
  g_assert_false (sillon_vault_change_passphrase (vault, PASSPHRASE, "too short", &error));
  g_assert_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_WEAK_PASSPHRASE);
  g_clear_error (&error);

  g_assert_true (sillon_vault_change_passphrase (vault, PASSPHRASE, OTHER_PASSPHRASE, &error));
  g_assert_no_error (error);
  /* The open connection keeps working: no page was re-encrypted. */
  g_assert_cmpint (check_rows (sillon_vault_get_db (vault), SHARED_ROWS, "row-"), ==, SQLITE_OK);
  g_clear_object (&vault);

  assert_open_fails (path, PASSPHRASE, SILLON_VAULT_ERROR_WRONG_PASSPHRASE);
  vault = open_ok (path, OTHER_PASSPHRASE);
  g_assert_cmpint (check_rows (sillon_vault_get_db (vault), SHARED_ROWS, "row-"), ==, SQLITE_OK);
}

/* A passphrase change interrupted between the two header copies: the copy
 * still holding the old slot must not open the vault any more. */
static void
test_stale_copy_does_not_unlock (void)
{
  g_autofree char *path = copy_of_shared ("stale.sillon");
  g_autoptr (GBytes) before = vault_test_get_file (path);
  g_autoptr (SillonVault) vault = open_ok (path, PASSPHRASE);
  g_autoptr (GBytes) after = NULL;
  g_autoptr (GError) error = NULL;
  guint8 *data;
  gsize len;

  g_assert_true (sillon_vault_change_passphrase (vault, PASSPHRASE, OTHER_PASSPHRASE, &error));
  g_assert_no_error (error);
  g_clear_object (&vault);

  after = vault_test_get_file (path);
  data = dup_bytes (after, &len);
  for (guint copy = 0; copy < 2; copy++)
    {
      /* Put the old generation back into one copy only. */
      memcpy (data, g_bytes_get_data (after, NULL), SILLON_VAULT_HEADER_SIZE);
      memcpy (data + copy * SILLON_VAULT_HEADER_COPY_SIZE,
              (const guint8 *) g_bytes_get_data (before, NULL) + copy * SILLON_VAULT_HEADER_COPY_SIZE,
              SILLON_VAULT_HEADER_COPY_SIZE);
      write_bytes (path, data, len);
      assert_open_fails (path, PASSPHRASE, SILLON_VAULT_ERROR_WRONG_PASSPHRASE);
      vault = open_ok (path, OTHER_PASSPHRASE);
      g_assert_cmpint (check_rows (sillon_vault_get_db (vault), SHARED_ROWS, "row-"), ==, SQLITE_OK);
      g_clear_object (&vault);
    }
  g_free (data);
}

static void
test_slots (void)
{
  g_autofree char *path = copy_of_shared ("slots.sillon");
  g_autoptr (SillonVault) vault = open_ok (path, PASSPHRASE);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) slots = NULL;
  SillonVaultSlotInfo *info;
  int index, last = -1;

  slots = sillon_vault_list_slots (vault, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (slots->len, ==, 2); /* Camille + recovery */
  info = g_ptr_array_index (slots, 0);
  g_assert_cmpuint (info->index, ==, 0);
  g_assert_cmpint (info->kind, ==, SILLON_VAULT_SLOT_PASSPHRASE);
  g_assert_cmpstr (info->label, ==, "Camille");
  g_assert_cmpuint (info->kdf_opslimit, >=, 2);
  g_assert_cmpuint (info->kdf_memlimit, >=, 64 * 1024 * 1024);
  g_assert_cmpint (info->created_unix, >, 1700000000);
  info = g_ptr_array_index (slots, 1);
  g_assert_cmpint (info->kind, ==, SILLON_VAULT_SLOT_RECOVERY);
  g_assert_cmpstr (info->label, ==, "");
  g_assert_cmpuint (info->kdf_opslimit, ==, 0);
  g_clear_pointer (&slots, g_ptr_array_unref);

  g_assert_cmpint (sillon_vault_add_slot (vault, "Dominique", "short", &error), ==, -1);
  g_assert_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_WEAK_PASSPHRASE);
  g_clear_error (&error);

  index = sillon_vault_add_slot (vault, "Dominique", OTHER_PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (index, ==, 1);
  g_clear_object (&vault);

  vault = open_ok (path, OTHER_PASSPHRASE);
  g_assert_cmpuint (sillon_vault_get_unlocked_slot (vault), ==, 1);
  g_assert_cmpint (check_rows (sillon_vault_get_db (vault), SHARED_ROWS, "row-"), ==, SQLITE_OK);

  /* Removing: unknown and empty slots, then the real thing. */
  g_assert_false (sillon_vault_remove_slot (vault, 5, &error));
  g_assert_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_SLOT_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (sillon_vault_remove_slot (vault, 99, &error));
  g_assert_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_SLOT_NOT_FOUND);
  g_clear_error (&error);
  g_assert_true (sillon_vault_remove_slot (vault, 0, &error));
  g_assert_no_error (error);
  g_clear_object (&vault);
  assert_open_fails (path, PASSPHRASE, SILLON_VAULT_ERROR_WRONG_PASSPHRASE);

  vault = open_ok (path, OTHER_PASSPHRASE);
  g_assert_false (sillon_vault_remove_slot (vault, 1, &error));
  g_assert_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_LAST_SLOT);
  g_clear_error (&error);

  /* Fill every free slot, then one more. */
  for (int i = 0; i < SILLON_VAULT_MAX_SLOTS - 2; i++)
    {
      g_autofree char *label = g_strdup_printf ("Médiateur %d", i);
      g_autofree char *pass = g_strdup_printf ("passphrase number %d", i);

      last = sillon_vault_add_slot (vault, label, pass, &error);
      g_assert_no_error (error);
      g_assert_cmpint (last, >=, 0);
    }
  g_assert_cmpint (sillon_vault_add_slot (vault, "Extra", "one passphrase too many", &error), ==, -1);
  g_assert_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_NO_FREE_SLOT);
  g_clear_error (&error);
  slots = sillon_vault_list_slots (vault, &error);
  g_assert_cmpuint (slots->len, ==, SILLON_VAULT_MAX_SLOTS);
  g_clear_object (&vault);

  /* A slot added late opens the vault, with its UTF-8 label intact. */
  {
    g_autofree char *pass = g_strdup_printf ("passphrase number %d", SILLON_VAULT_MAX_SLOTS - 3);

    vault = open_ok (path, pass);
    g_assert_cmpint (sillon_vault_get_unlocked_slot (vault), ==, last);
    g_clear_pointer (&slots, g_ptr_array_unref);
    slots = sillon_vault_list_slots (vault, &error);
    for (guint i = 0; i < slots->len; i++)
      {
        info = g_ptr_array_index (slots, i);
        if ((int) info->index == last)
          g_assert_cmpstr (info->label, ==, "Médiateur 5");
      }
  }
}

static void
test_recovery_key (void)
{
  g_autofree char *path = tmp_path ("recovery.sillon");
  g_autofree char *recovery = NULL;
  g_autofree char *sloppy = NULL;
  g_autoptr (SillonVault) vault = NULL;
  g_autoptr (GError) error = NULL;
  char *key = NULL;
  char wrong[SILLON_VAULT_RECOVERY_KEY_SIZE * 2 + 40];

  vault_test_remove_vault (path);
  vault = create_vault (path, 4096, &key);
  g_assert_nonnull (key);
  recovery = g_strdup (key);
  sillon_vault_free_secret (key);
  insert_rows (sillon_vault_get_db (vault), 0, 20, "rec-");
  g_clear_object (&vault);

  /* A typing mistake is caught by the check character, not by a KDF. */
  {
    g_autofree char *typo = g_strdup (recovery);

    typo[3] = typo[3] == 'A' ? 'B' : 'A';
    vault = sillon_vault_open_with_recovery_key (path, typo, 0, OTHER_PASSPHRASE, &error);
    g_assert_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_WRONG_RECOVERY_KEY);
    g_assert_null (vault);
    g_clear_error (&error);
  }

  /* A well-formed key of another vault. */
  {
    g_autofree char *other_path = tmp_path ("recovery-other.sillon");
    g_autoptr (SillonVault) other = NULL;

    vault_test_remove_vault (other_path);
    other = create_vault (other_path, 4096, &key);
    g_strlcpy (wrong, key, sizeof wrong);
    sillon_vault_free_secret (key);
  }
  vault = sillon_vault_open_with_recovery_key (path, wrong, 0, OTHER_PASSPHRASE, &error);
  g_assert_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_WRONG_RECOVERY_KEY);
  g_assert_null (vault);
  g_clear_error (&error);

  /* The recovery slot itself cannot receive a passphrase. */
  vault = sillon_vault_open_with_recovery_key (path, recovery, SILLON_VAULT_MAX_SLOTS - 1, OTHER_PASSPHRASE, &error);
  g_assert_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_SLOT_NOT_FOUND);
  g_assert_null (vault);
  g_clear_error (&error);
  vault = sillon_vault_open_with_recovery_key (path, recovery, 0, "short", &error);
  g_assert_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_WEAK_PASSPHRASE);
  g_assert_null (vault);
  g_clear_error (&error);

  /* Lower case, spaces instead of dashes: still accepted. */
  sloppy = g_ascii_strdown (recovery, -1);
  g_strdelimit (sloppy, "-", ' ');
  vault = sillon_vault_open_with_recovery_key (path, sloppy, 0, OTHER_PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (vault);
  g_assert_cmpuint (sillon_vault_get_unlocked_slot (vault), ==, 0);
  g_assert_cmpint (check_rows (sillon_vault_get_db (vault), 20, "rec-"), ==, SQLITE_OK);
  g_clear_object (&vault);

  /* The forced new passphrase replaced the old one. */
  assert_open_fails (path, PASSPHRASE, SILLON_VAULT_ERROR_WRONG_PASSPHRASE);
  vault = open_ok (path, OTHER_PASSPHRASE);
  g_clear_object (&vault);

  /* The recovery key keeps working, and can fill an empty slot. */
  vault = sillon_vault_open_with_recovery_key (path, recovery, 3, "a third passphrase", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sillon_vault_get_unlocked_slot (vault), ==, 3);
  g_clear_object (&vault);
  vault = open_ok (path, "a third passphrase");
  g_clear_object (&vault);
  vault = open_ok (path, OTHER_PASSPHRASE);
}

/* ---- header damage ------------------------------------------------------- */

static void
test_torn_header (void)
{
  g_autofree char *path = copy_of_shared ("torn.sillon");
  g_autoptr (GBytes) original = vault_test_get_file (path);

  /* An intact header was never repaired. */
  {
    g_autoptr (SillonVault) vault = open_ok (path, PASSPHRASE);
    g_autoptr (SillonVaultVerifyReport) report = NULL;

    g_assert_true (sillon_vault_verify (vault, &report, NULL));
    g_assert_cmpuint (report->header_repairs, ==, 0);
  }

  for (guint copy = 0; copy < 2; copy++)
    {
      g_autoptr (SillonVault) vault = NULL;
      g_autoptr (SillonVaultVerifyReport) report = NULL;
      g_autoptr (GError) error = NULL;
      gsize len;
      guint8 *data = dup_bytes (original, &len);

      /* A write torn half-way through one copy. */
      memset (data + copy * SILLON_VAULT_HEADER_COPY_SIZE + 700, 0, 1000);
      write_bytes (path, data, len);
      g_free (data);

      vault = open_ok (path, PASSPHRASE);
      g_assert_cmpint (check_rows (sillon_vault_get_db (vault), SHARED_ROWS, "row-"), ==, SQLITE_OK);
      /* Opening repaired the damaged copy. */
      g_assert_true (sillon_vault_verify (vault, &report, &error));
      g_assert_no_error (error);
      g_assert_true (report->header_copy_a_ok);
      g_assert_true (report->header_copy_b_ok);
      /* ... and left a trace of it. */
      g_assert_cmpuint (report->header_repairs, ==, 1);
      g_clear_object (&vault);
      vault = open_ok (path, PASSPHRASE);
      g_clear_pointer (&report, sillon_vault_verify_report_free);
      g_assert_true (sillon_vault_verify (vault, &report, &error));
      g_assert_cmpuint (report->header_repairs, ==, 1);
    }

  /* Both copies gone: not a vault any more. */
  {
    gsize len;
    guint8 *data = dup_bytes (original, &len);

    memset (data, 0, 300);
    memset (data + SILLON_VAULT_HEADER_COPY_SIZE, 0, 300);
    write_bytes (path, data, len);
    g_free (data);
    assert_open_fails (path, PASSPHRASE, SILLON_VAULT_ERROR_NOT_A_VAULT);
  }
}

static void
test_tampered_slot_parameters (void)
{
  g_autofree char *path = copy_of_shared ("params.sillon");
  g_autoptr (GBytes) original = vault_test_get_file (path);
  /* Slot 0 starts at 64; its opslimit is at +16 (8 bytes), memlimit at +24. */
  const gsize ops_low = 64 + 16 + 7, mem_byte = 64 + 24 + 4;
  const gsize label_byte = 64 + 48;

  /* In-range change of the passes in both copies: the slot no longer opens. */
  xor_byte (path, ops_low, 0x01);
  xor_byte (path, SILLON_VAULT_HEADER_COPY_SIZE + ops_low, 0x01);
  {
    g_autoptr (GError) error = NULL;
    g_autoptr (SillonVault) vault = sillon_vault_open (path, PASSPHRASE, &error);

    g_assert_null (vault);
    g_assert_true (g_error_matches (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_WRONG_PASSPHRASE) || g_error_matches (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_TAMPERED));
  }

  /* Out-of-range memory (a forged header asking for terabytes): refused
   * before any KDF runs. */
  write_bytes (path, g_bytes_get_data (original, NULL), g_bytes_get_size (original));
  xor_byte (path, mem_byte - 2, 0x40);
  xor_byte (path, SILLON_VAULT_HEADER_COPY_SIZE + mem_byte - 2, 0x40);
  assert_open_fails (path, PASSPHRASE, SILLON_VAULT_ERROR_NOT_A_VAULT);

  /* Memory under the 64 MiB floor: refused as well. */
  write_bytes (path, g_bytes_get_data (original, NULL), g_bytes_get_size (original));
  xor_byte (path, mem_byte, 0x04);
  xor_byte (path, SILLON_VAULT_HEADER_COPY_SIZE + mem_byte, 0x04);
  assert_open_fails (path, PASSPHRASE, SILLON_VAULT_ERROR_NOT_A_VAULT);

  /* A label changed in one copy only: the other copy opens, and the
   * damaged one is rewritten, both copies then counting the repair. */
  write_bytes (path, g_bytes_get_data (original, NULL), g_bytes_get_size (original));
  xor_byte (path, label_byte, 0x20);
  {
    g_autoptr (SillonVault) vault = open_ok (path, PASSPHRASE);
    g_autoptr (GBytes) repaired = NULL;
    SillonVaultHeader header;

    g_clear_object (&vault);
    repaired = vault_test_get_file (path);
    g_assert_true (sillon_vault_header_parse (g_bytes_get_data (repaired, NULL), SILLON_VAULT_HEADER_SIZE, &header, NULL));
    for (guint c = 0; c < 2; c++)
      {
        g_assert_true (header.copies[c].valid);
        g_assert_cmpuint (header.copies[c].repairs, ==, 1);
        g_assert_cmpmem (header.copies[c].raw + 64, SILLON_VAULT_MAX_SLOTS * SILLON_VAULT_HEADER_SLOT_SIZE,
                         (const guint8 *) g_bytes_get_data (original, NULL) + 64, SILLON_VAULT_MAX_SLOTS * SILLON_VAULT_HEADER_SLOT_SIZE);
      }
    g_assert_cmpuint (header.copies[0].generation, ==, header.copies[1].generation);
  }

  /* The generation counter raised in one copy: its MAC fails, it loses. */
  xor_byte (path, 40, 0x80);
  g_object_unref (open_ok (path, PASSPHRASE));

  /* The same in both copies: the slot opens but no copy is authentic. */
  write_bytes (path, g_bytes_get_data (original, NULL), g_bytes_get_size (original));
  xor_byte (path, 40, 0x80);
  xor_byte (path, SILLON_VAULT_HEADER_COPY_SIZE + 40, 0x80);
  assert_open_fails (path, PASSPHRASE, SILLON_VAULT_ERROR_TAMPERED);
  /* A wrong passphrase still says so, even on a tampered header. */
  assert_open_fails (path, "not the right passphrase", SILLON_VAULT_ERROR_WRONG_PASSPHRASE);
}

/* ---- page tampering ------------------------------------------------------ */

static gsize
page_offset (guint32 pgno, guint page_size)
{
  return SILLON_VFS_HEADER_SIZE + (gsize) (pgno - 1) * page_size;
}

/* Opens (if it can) and reads everything: some error must come out, and it
 * must be the tamper error. Never different data: check_rows asserts it. */
static void
assert_tamper_detected (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonVault) vault = sillon_vault_open (path, PASSPHRASE, &error);
  int rc;

  if (vault == NULL)
    {
      g_assert_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_TAMPERED);
      return;
    }
  rc = check_rows (sillon_vault_get_db (vault), SHARED_ROWS, "row-");
  g_assert_cmpint (rc, ==, SQLITE_IOERR_DATA);
}

static void
test_tamper_pages (void)
{
  g_autofree char *path = tmp_path ("tamper.sillon");
  gsize size;
  guint32 n_pages;

  size = file_size (get_shared_vault ());
  n_pages = (size - SILLON_VFS_HEADER_SIZE) / 4096;
  g_assert_cmpuint (n_pages, >, 10);

  {
    guint32 pages[] = { 1, n_pages / 2, n_pages };
    /* ciphertext (start, middle), nonce, tag */
    gsize where[] = { 0, 2000, 4096 - 40, 4096 - 30, 4096 - 16, 4096 - 1 };

    for (guint p = 0; p < G_N_ELEMENTS (pages); p++)
      for (guint w = 0; w < G_N_ELEMENTS (where); w++)
        {
          vault_test_remove_vault (path);
          copy_file (get_shared_vault (), path);
          xor_byte (path, page_offset (pages[p], 4096) + where[w], 0x01);
          assert_tamper_detected (path);
        }
  }
}

static void
test_verify_reports_bad_pages (void)
{
  g_autofree char *path = copy_of_shared ("verify.sillon");
  g_autoptr (SillonVault) vault = NULL;
  g_autoptr (SillonVaultVerifyReport) report = NULL;
  g_autoptr (GError) error = NULL;
  guint32 n_pages = (file_size (path) - SILLON_VFS_HEADER_SIZE) / 4096;
  guint32 victim = n_pages - 2;

  vault = open_ok (path, PASSPHRASE);
  report = vault_test_verify_sound (vault);
  g_assert_cmpuint (report->pages_checked, >=, n_pages);
  g_assert_true (report->header_copy_a_ok);
  g_assert_true (report->header_copy_b_ok);
  g_clear_pointer (&report, sillon_vault_verify_report_free);
  g_clear_object (&vault);

  xor_byte (path, page_offset (victim, 4096) + 123, 0x10);
  vault = open_ok (path, PASSPHRASE);
  g_assert_true (sillon_vault_verify (vault, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->bad_pages->len, ==, 1);
  g_assert_cmpuint (g_array_index (report->bad_pages, guint32, 0), ==, victim);
  g_assert_false (report->integrity_ok);
  g_clear_pointer (&report, sillon_vault_verify_report_free);

  /* A frame of the live WAL damaged under a running vault. */
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    const gsize frame = 4096 + 24;
    guint8 header[24];
    g_autoptr (GBytes) bytes = NULL;

    for (int c = 0; c < 3; c++)
      insert_rows (sillon_vault_get_db (vault), SHARED_ROWS + c * 5, 5, "row-");
    g_assert_cmpuint (file_size (wal), >, 32 + 4 * frame);
    bytes = vault_test_get_file (wal);
    memcpy (header, (const guint8 *) g_bytes_get_data (bytes, NULL) + 32 + frame, sizeof header);
    xor_byte_in_place (wal, 32 + frame + 24 + 500, 0x01);
    g_assert_true (sillon_vault_verify (vault, &report, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (report->bad_pages->len, ==, 2);
    g_assert_cmpuint (g_array_index (report->bad_pages, guint32, 0), ==, victim);
    g_assert_cmpuint (g_array_index (report->bad_pages, guint32, 1), ==,
                      ((guint32) header[0] << 24) | (header[1] << 16) | (header[2] << 8) | header[3]);
  }
}

static void
test_swap_pages (void)
{
  g_autofree char *path = copy_of_shared ("swap.sillon");
  g_autoptr (GBytes) bytes = vault_test_get_file (path);
  gsize len;
  guint8 *data = dup_bytes (bytes, &len);
  guint8 tmp[4096];

  memcpy (tmp, data + page_offset (3, 4096), 4096);
  memcpy (data + page_offset (3, 4096), data + page_offset (4, 4096), 4096);
  memcpy (data + page_offset (4, 4096), tmp, 4096);
  write_bytes (path, data, len);
  g_free (data);
  assert_tamper_detected (path);
}

static void
test_page_from_other_vault (void)
{
  g_autofree char *path = copy_of_shared ("transplant.sillon");
  g_autofree char *other_path = tmp_path ("transplant-donor.sillon");
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GBytes) donor = NULL;
  gsize len;
  guint8 *data;

  /* Same passphrase, same schema, same rows: only the vault differs. */
  vault_test_remove_vault (other_path);
  {
    g_autoptr (SillonVault) other = create_vault (other_path, 4096, NULL);

    insert_rows (sillon_vault_get_db (other), 0, SHARED_ROWS, "row-");
  }
  bytes = vault_test_get_file (path);
  donor = vault_test_get_file (other_path);
  data = dup_bytes (bytes, &len);
  memcpy (data + page_offset (5, 4096), (const guint8 *) g_bytes_get_data (donor, NULL) + page_offset (5, 4096), 4096);
  write_bytes (path, data, len);
  g_free (data);
  assert_tamper_detected (path);

  /* Even the donor's header with its own passphrase does not help. */
  data = dup_bytes (bytes, &len);
  memcpy (data, g_bytes_get_data (donor, NULL), SILLON_VFS_HEADER_SIZE);
  write_bytes (path, data, len);
  g_free (data);
  assert_open_fails (path, PASSPHRASE, SILLON_VAULT_ERROR_TAMPERED);
}

/* Replaying an older version of a page of the same vault is NOT detected:
 * the documented limitation (docs/VAULT-FORMAT.md). This test passes while
 * the limitation holds; if replay protection is ever added it fails, and
 * must then be turned into a detection test. */
static void
test_replay_is_known_limitation (void)
{
  g_autofree char *path = copy_of_shared ("replay.sillon");
  g_autoptr (GBytes) old_bytes = vault_test_get_file (path);
  g_autoptr (GBytes) new_bytes = NULL;
  g_autoptr (SillonVault) vault = NULL;
  sqlite3_stmt *stmt = NULL;
  const guint8 *old_data, *new_data;
  gsize len, changed = 0;
  guint8 *data;
  guint32 changed_page = 0;

  /* Change one value in place: one leaf page changes. */
  vault = open_ok (path, PASSPHRASE);
  vault_test_exec (sillon_vault_get_db (vault), "UPDATE t SET name = 'ROW-000100' WHERE id = 100");
  g_clear_object (&vault);

  new_bytes = vault_test_get_file (path);
  old_data = g_bytes_get_data (old_bytes, NULL);
  new_data = g_bytes_get_data (new_bytes, &len);
  g_assert_cmpuint (len, ==, g_bytes_get_size (old_bytes));
  data = g_memdup2 (new_data, len);
  for (guint32 pgno = 2; page_offset (pgno + 1, 4096) <= len; pgno++)
    if (memcmp (old_data + page_offset (pgno, 4096), new_data + page_offset (pgno, 4096), 4096) != 0)
      {
        changed++;
        changed_page = pgno;
      }
  g_assert_cmpuint (changed, ==, 1);

  memcpy (data + page_offset (changed_page, 4096), old_data + page_offset (changed_page, 4096), 4096);
  write_bytes (path, data, len);
  g_free (data);

  g_test_message ("Replay of page %u of the same vault is accepted (known limitation)", changed_page);
  vault = open_ok (path, PASSPHRASE);
  g_assert_cmpint (sqlite3_prepare_v2 (sillon_vault_get_db (vault), "SELECT name FROM t WHERE id = 100", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "row-000100");
  sqlite3_finalize (stmt);
}

/* ---- WAL ------------------------------------------------------------------ */

/* Opens the vault at @path, which must open, and reads its @count rows
 * named @prefix (check_rows). */
static void
assert_opens_with_rows (const char *path, int count, const char *prefix)
{
  g_autoptr (SillonVault) vault = open_ok (path, PASSPHRASE);

  g_assert_cmpint (check_rows (sillon_vault_get_db (vault), count, prefix), ==, SQLITE_OK);
}

/* The same, and every page of it authenticates and SQLite finds it
 * whole. */
static void
assert_opens_sound_with_rows (const char *path, int count, const char *prefix)
{
  g_autoptr (SillonVault) vault = open_ok (path, PASSPHRASE);

  g_assert_cmpint (check_rows (sillon_vault_get_db (vault), count, prefix), ==, SQLITE_OK);
  vault_test_assert_sound (vault);
}

/* Puts back the vault and its log as they were saved, to tamper anew. */
static void
put_back_saved (const char *saved, const char *saved_wal, const char *path, const char *wal)
{
  copy_file (saved, path);
  copy_file (saved_wal, wal);
}

static void
test_wal_recovery_and_tamper (void)
{
  g_autofree char *path = copy_of_shared ("wal.sillon");
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *saved = tmp_path ("wal-saved.sillon");
  g_autofree char *saved_wal = tmp_path ("wal-saved.sillon-wal");
  const gsize frame = 4096 + 24;
  gsize wal_size, n_frames;

  guint64 torn_before;

  /* Four commits left in the WAL by a crashed writer: all are recovered,
   * and no frame is dropped as torn. */
  write_in_child_and_crash (path, SHARED_ROWS, 4, "row-");
  torn_before = sillon_vfs_get_torn_frames ();
  wal_size = file_size (wal);
  g_assert_cmpuint (wal_size, >, 32 + 4 * frame);
  n_frames = (wal_size - 32) / frame;
  copy_file (path, saved);
  copy_file (wal, saved_wal);
  {
    g_autoptr (SillonVault) vault = open_ok (path, PASSPHRASE);
    g_autoptr (SillonVaultVerifyReport) report = vault_test_verify_sound (vault);

    g_assert_cmpuint (report->pages_checked, >, n_frames);
    g_assert_cmpint (check_rows (sillon_vault_get_db (vault), SHARED_ROWS + 20, "row-"), ==, SQLITE_OK);
  }
  g_assert_cmpuint (sillon_vfs_get_torn_frames (), ==, torn_before);

  /* A frame in the middle of the log: ciphertext, nonce or tag changed. */
  {
    gsize where[] = { 24 + 10, 24 + 4096 - 40, 24 + 4096 - 1 };

    for (guint w = 0; w < G_N_ELEMENTS (where); w++)
      {
        put_back_saved (saved, saved_wal, path, wal);
        xor_byte (wal, 32 + 1 * frame + where[w], 0x04);
        assert_tamper_detected (path);
      }
  }

  /* The very last frame: indistinguishable from a write torn by a crash,
   * so the last commit is dropped, as after a crash (see the replay and
   * rollback limitation). Never wrong data: the earlier commits are intact. */
  put_back_saved (saved, saved_wal, path, wal);
  xor_byte (wal, 32 + (n_frames - 1) * frame + 24 + 100, 0x04);
  torn_before = sillon_vfs_get_torn_frames ();
  assert_opens_with_rows (path, SHARED_ROWS + 15, "row-");
  g_assert_cmpuint (sillon_vfs_get_torn_frames (), >, torn_before);

  /* The WAL cut in the middle of its last frame (a crash during the write):
   * the last commit is gone, the rest is there. */
  copy_file (saved, path);
  {
    g_autoptr (GBytes) bytes = vault_test_get_file (saved_wal);

    write_bytes (wal, g_bytes_get_data (bytes, NULL), 32 + (n_frames - 1) * frame + 24 + 2000);
  }
  assert_opens_with_rows (path, SHARED_ROWS + 15, "row-");

  /* A frame header's page number changed: the page no longer authenticates
   * under it, and the log visibly goes on after it. */
  put_back_saved (saved, saved_wal, path, wal);
  xor_byte (wal, 32 + 1 * frame + 3, 0x01);
  assert_tamper_detected (path);

  /* A frame's stored checksum changed: the chain breaks there. Complete
   * transactions follow it, chained from the checksum it should hold: an
   * edit, not a crash. */
  put_back_saved (saved, saved_wal, path, wal);
  xor_byte (wal, 32 + 1 * frame + 17, 0x01);
  assert_tamper_detected (path);

  /* The same in the last frame: nothing follows it, so it is the torn end
   * of the log, as after a crash: the last commit is dropped. */
  put_back_saved (saved, saved_wal, path, wal);
  xor_byte (wal, 32 + (n_frames - 1) * frame + 17, 0x01);
  assert_opens_with_rows (path, SHARED_ROWS + 15, "row-");
  g_unlink (saved);
  g_unlink (saved_wal);
}

/* A checkpoint writes each page back with the bytes of its WAL frame, which
 * already authenticate as that page: no page is decrypted or encrypted
 * again, and the reopened vault holds every row. A frame changed before the
 * checkpoint stops it instead of reaching the database. */
static void
test_checkpoint_copies_frames (void)
{
  g_autofree char *path = tmp_path ("checkpoint.sillon");
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *saved = tmp_path ("checkpoint-saved.sillon");
  g_autofree char *saved_wal = tmp_path ("checkpoint-saved.sillon-wal");
  const gsize frame = 4096 + 24;

  {
    g_autoptr (SillonVault) vault = create_vault (path, 4096, NULL);
    sqlite3 *db = sillon_vault_get_db (vault);
    guint64 before, decryptions_before;
    int log_frames = -1, checkpointed = -1;
    sqlite3_stmt *stmt = NULL;

    vault_test_exec (db, "PRAGMA wal_autocheckpoint = 0");
    insert_rows (db, 0, 200, "cp-");
    g_assert_cmpuint (file_size (wal), >, 32 + 30 * frame);

    /* A copy with the frames still in the WAL, for the tampered case. */
    copy_file (path, saved);
    copy_file (wal, saved_wal);

    before = sillon_vfs_get_page_encryptions ();
    decryptions_before = sillon_vfs_get_page_decryptions ();
    g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA wal_checkpoint (PASSIVE)", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
    log_frames = sqlite3_column_int (stmt, 1);
    checkpointed = sqlite3_column_int (stmt, 2);
    sqlite3_finalize (stmt);
    g_assert_cmpint (log_frames, >, 30);
    g_assert_cmpint (checkpointed, ==, log_frames);
    g_assert_cmpuint (sillon_vfs_get_page_encryptions (), ==, before);
    g_assert_cmpuint (sillon_vfs_get_page_decryptions (), ==, decryptions_before);

    /* Writes after the checkpoint are encrypted as usual. */
    insert_rows (db, 200, 10, "cp-");
    g_assert_cmpuint (sillon_vfs_get_page_encryptions (), >, before);
  }

  /* Reopened (closing checkpoints the last rows too): every row reads back
   * and every page authenticates. */
  assert_opens_sound_with_rows (path, 210, "cp-");

  /* A frame body changed after the WAL was recovered, before the
   * checkpoint: the checkpoint stops with a data error instead of writing
   * the page. (What a reopening makes of it is the torn-last-transaction
   * case above, see docs/VAULT-FORMAT.md,
   * "Known limitations".) */
  put_back_saved (saved, saved_wal, path, wal);
  {
    g_autoptr (SillonVault) vault = open_ok (path, PASSPHRASE);
    sqlite3 *db = sillon_vault_get_db (vault);

    vault_test_exec (db, "PRAGMA wal_autocheckpoint = 0");
    g_assert_cmpint (check_rows (db, 200, "cp-"), ==, SQLITE_OK);
    xor_byte_in_place (wal, 32 + 3 * frame + 24 + 200, 0x10);
    g_assert_cmpint (sqlite3_exec (db, "PRAGMA wal_checkpoint (TRUNCATE)", NULL, NULL, NULL), ==, SQLITE_IOERR_DATA);
  }
  g_unlink (saved);
  g_unlink (saved_wal);
  vault_test_remove_vault (path);
}

/* A backup or a rotation copies every page: one that fails authentication
 * stops it, instead of reaching the copy as an authentic page of zeros. */
static void
test_copy_of_tampered_vault (void)
{
  g_autofree char *path = copy_of_shared ("copy-tampered.sillon");
  g_autofree char *backup = tmp_path ("copy-tampered.sillon-backup");
  g_autofree char *rotating = g_strconcat (path, ".rotating", NULL);
  g_autoptr (SillonVault) vault = NULL;
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GError) error = NULL;
  char *key = NULL;

  /* Page 5, in the middle of table t; opening does not read it. */
  xor_byte (path, SILLON_VFS_HEADER_SIZE + 4 * 4096 + 100, 0x01);
  before = vault_test_get_file (path);
  vault = open_ok (path, PASSPHRASE);

  g_unlink (backup);
  g_assert_false (sillon_vault_backup (vault, backup, &error));
  g_assert_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_TAMPERED);
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_false (rotate_keeping_key (vault, PASSPHRASE, &key, NULL, &error));
  g_assert_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_TAMPERED);
  g_assert_null (key);
  g_assert_false (g_file_test (rotating, G_FILE_TEST_EXISTS));
  g_clear_error (&error);
  g_assert_false (sillon_vault_is_locked (vault));
  g_clear_object (&vault);
  vault_test_assert_file_unchanged (path, before);
  vault_test_remove_vault (path);
}

/* Locking must cut access even through statements the caller forgot to
 * finalize: they stay valid objects, but every step fails. */
static void
test_lock_with_open_statements (void)
{
  g_autofree char *path = NULL;
  g_autoptr (SillonVault) vault = NULL;
  sqlite3 *db;
  sqlite3_stmt *idle = NULL, *running = NULL;
  int rc, rows = 0;

  /* The warning about the running statement is the expected outcome: it
   * is checked on the subprocess's stderr. */
  if (!g_test_subprocess ())
    {
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDOUT);
      g_test_trap_assert_passed ();
      g_test_trap_assert_stderr ("*Locking the vault*while a statement is still running*");
      return;
    }
  g_log_set_always_fatal (G_LOG_FATAL_MASK);
  path = copy_of_shared ("lock-statements.sillon");
  vault = open_ok (path, PASSPHRASE);
  db = sillon_vault_get_db (vault);

  /* Some pages in the WAL, some in the database file. */
  insert_rows (db, SHARED_ROWS, 10, "row-");
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM t ORDER BY id", -1, &idle, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (idle), ==, SQLITE_ROW);
  sqlite3_reset (idle);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT payload FROM t ORDER BY id DESC", -1, &running, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (running), ==, SQLITE_ROW);

  sillon_vault_lock (vault);
  g_assert_true (sillon_vault_is_locked (vault));

  g_assert_cmpint (sqlite3_step (idle), !=, SQLITE_ROW);
  sqlite3_reset (idle);
  g_assert_cmpint (sqlite3_step (idle), !=, SQLITE_ROW);
  /* The scan under way may finish the page it holds, never the table. */
  while ((rc = sqlite3_step (running)) == SQLITE_ROW)
    rows++;
  g_assert_cmpint (rc, !=, SQLITE_DONE);
  g_assert_cmpint (rows, <, SHARED_ROWS);
  sqlite3_reset (running);
  g_assert_cmpint (sqlite3_step (running), !=, SQLITE_ROW);
  sqlite3_finalize (idle);
  sqlite3_finalize (running);

  /* Nothing was lost: the WAL is recovered at the next unlock. */
  g_clear_object (&vault);
  vault = open_ok (path, PASSPHRASE);
  g_assert_cmpint (check_rows (sillon_vault_get_db (vault), SHARED_ROWS + 10, "row-"), ==, SQLITE_OK);
  g_clear_object (&vault);
  vault_test_remove_vault (path);
}

/* ---- rollback journal ------------------------------------------------------ */

/* What someone without the keys can write: a journal header and one record
 * for page @pgno, with garbage content and the record checksum SQLite
 * expects for an all-zero page (cksumInit). Playing it back would overwrite
 * the page and truncate the database to @n_pages. */
static void
plant_journal (const char *path, guint32 pgno, guint32 n_pages)
{
  static const guint8 magic[8] = { 0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7 };
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  g_autoptr (GError) error = NULL;
  guint8 data[512 + 4 + 4096 + 4] = { 0 };

  memcpy (data, magic, sizeof magic);
  vault_test_put_be32 (data + 8, 1);           /* nRec */
  vault_test_put_be32 (data + 12, 0x11223344); /* cksumInit */
  vault_test_put_be32 (data + 16, n_pages);    /* mxPg */
  vault_test_put_be32 (data + 20, 512);        /* sector size */
  vault_test_put_be32 (data + 24, 4096);       /* page size */
  vault_test_put_be32 (data + 512, pgno);
  memset (data + 516, 0x5a, 4096);
  vault_test_put_be32 (data + 516 + 4096, 0x11223344);
  g_file_set_contents (journal, (const char *) data, sizeof data, &error);
  g_assert_no_error (error);
}

/* Vaults never use a rollback journal: one next to a vault was planted, and
 * is refused (by open, and by the VFS for ATTACH) without touching the
 * vault. */
static void
test_planted_journal (void)
{
  g_autofree char *path = copy_of_shared ("journal.sillon");
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  g_autoptr (GBytes) before = vault_test_get_file (path);
  guint32 n_pages = (file_size (path) - SILLON_VFS_HEADER_SIZE) / 4096;
  g_autoptr (GError) error = NULL;

  g_assert_cmpuint (n_pages, >, 4);
  plant_journal (path, 3, n_pages - 2);
  assert_open_fails (path, PASSPHRASE, SILLON_VAULT_ERROR_TAMPERED);
  g_assert_true (g_file_test (journal, G_FILE_TEST_EXISTS));

  /* Through ATTACH only the VFS stands in the way. */
  {
    g_autofree char *main_path = tmp_path ("journal-main.sillon");
    g_autoptr (SillonVault) main_vault = NULL;

    vault_test_remove_vault (main_path);
    main_vault = create_vault (main_path, 4096, NULL);
    g_assert_false (sillon_vault_attach (main_vault, path, PASSPHRASE, "other", &error));
    g_assert_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_TAMPERED);
    g_clear_error (&error);
    g_clear_object (&main_vault);
    vault_test_remove_vault (main_path);
  }

  vault_test_assert_file_unchanged (path, before);
  g_unlink (journal);
  assert_opens_sound_with_rows (path, SHARED_ROWS, "row-");
  vault_test_remove_vault (path);
}

/* Leaving WAL mode would need a rollback journal: the switch is refused, and
 * the vault stays writable and in WAL mode. */
static void
test_journal_mode_stays_wal (void)
{
  g_autofree char *path = copy_of_shared ("journal-mode.sillon");
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  const char *modes[] = { "DELETE", "truncate", "PERSIST", "MEMORY", "OFF" };

  {
    g_autoptr (SillonVault) vault = open_ok (path, PASSPHRASE);
    sqlite3 *db = sillon_vault_get_db (vault);
    sqlite3_stmt *stmt = NULL;

    for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
      {
        g_autofree char *sql = g_strdup_printf ("PRAGMA journal_mode=%s", modes[i]);
        g_autofree char *main_sql = g_strdup_printf ("PRAGMA main.journal_mode=%s", modes[i]);

        g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_ERROR);
        g_assert_cmpint (sqlite3_exec (db, main_sql, NULL, NULL, NULL), ==, SQLITE_ERROR);
      }
    vault_test_exec (db, "PRAGMA journal_mode=WAL");
    g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
    sqlite3_finalize (stmt);
    insert_rows (db, SHARED_ROWS, 10, "row-");
    g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  }
  assert_opens_with_rows (path, SHARED_ROWS + 10, "row-");
  vault_test_remove_vault (path);
}

/* Another process holding the vault: BUSY, without disturbing it. */
static void
test_busy_other_process (void)
{
  g_autofree char *path = copy_of_shared ("busy-process.sillon");
  int ready[2], done[2];
  pid_t pid;
  char c = 0;

  g_assert_cmpint (pipe (ready), ==, 0);
  g_assert_cmpint (pipe (done), ==, 0);
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      SillonVault *vault = sillon_vault_open (path, PASSPHRASE, NULL);
      char ok = vault != NULL ? 'y' : 'n';

      if (write (ready[1], &ok, 1) != 1 || read (done[0], &ok, 1) != 1)
        _exit (2);
      if (vault == NULL)
        _exit (3);
      insert_rows (sillon_vault_get_db (vault), SHARED_ROWS, 1, "row-");
      g_object_unref (vault);
      _exit (0);
    }
  g_assert_cmpint (read (ready[0], &c, 1), ==, 1);
  g_assert_cmpint (c, ==, 'y');
  assert_open_fails (path, PASSPHRASE, SILLON_VAULT_ERROR_BUSY);
  g_assert_cmpint (write (done[1], &c, 1), ==, 1);
  vault_test_wait_child (pid);
  close (ready[0]);
  close (ready[1]);
  close (done[0]);
  close (done[1]);
  assert_opens_with_rows (path, SHARED_ROWS + 1, "row-");
}

/* ---- the VFS on its own ----------------------------------------------------- */

/* A file with a blank 4096-byte header, opened with random keys through a
 * key handle, the way ATTACH and VACUUM INTO reach the VFS. */
static sqlite3 *
open_raw (const char *path, guint64 *out_handle)
{
  SillonVfsKeys keys;
  guint8 header[SILLON_VFS_HEADER_SIZE] = { 0 };
  g_autofree char *uri = NULL;
  sqlite3 *db = NULL;

  sillon_vault_register_vfs ();
  vault_test_remove_vault (path);
  write_bytes (path, header, sizeof header);
  randombytes_buf (&keys, sizeof keys);
  keys.page_size = 4096;
  *out_handle = sillon_vfs_add_keys (&keys);
  g_assert_cmpuint (*out_handle, >, 0);
  uri = g_strdup_printf ("file:%s?vfs=sillon&kh=%" G_GUINT64_FORMAT, path, *out_handle);
  g_assert_cmpint (sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI, NULL), ==, SQLITE_OK);
  sqlite3_extended_result_codes (db, 1);
  return db;
}

static void
test_vfs_page1_needs_reserve (void)
{
  g_autofree char *path = tmp_path ("raw-reserve.sillon");
  guint64 handle;
  sqlite3 *db = open_raw (path, &handle);

  /* No SQLITE_FCNTL_RESERVE_BYTES: page 1 would announce no reserve. */
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE x (a)", NULL, NULL, NULL), !=, SQLITE_OK);
  sqlite3_close (db);
  g_assert_cmpuint (file_size (path), ==, SILLON_VFS_HEADER_SIZE);
  sillon_vfs_remove_keys (handle);
  vault_test_remove_vault (path);
}

static void
test_vfs_refuses_temp_files_and_mmap (void)
{
  g_autofree char *path = tmp_path ("raw-temp.sillon");
  guint64 handle;
  sqlite3 *db = open_raw (path, &handle);
  sqlite3_stmt *stmt = NULL;
  int reserve = SILLON_VFS_RESERVE;

  sqlite3_file_control (db, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve);
  vault_test_exec (db, "PRAGMA locking_mode=EXCLUSIVE; PRAGMA journal_mode=MEMORY; PRAGMA journal_mode=WAL; CREATE TABLE x (a)");
  vault_test_exec (db, "INSERT INTO x VALUES ('" MARKER_PREFIX "raw')");
  vault_test_exec (db, "INSERT INTO x WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) "
                       "SELECT '" MARKER_PREFIX "' || printf ('%0500d', i) FROM n");

  /* A temporary table spilled to disk would hold plaintext. */
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA temp_store=FILE; CREATE TEMP TABLE tt (a); PRAGMA temp.cache_size=5;"
                                     "INSERT INTO tt SELECT * FROM x",
                                 NULL, NULL, NULL),
                   ==, SQLITE_CANTOPEN);

  /* Memory mapping would bypass decryption: it stays off. */
  vault_test_exec (db, "PRAGMA mmap_size=1000000");
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA mmap_size", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, 0);
  sqlite3_finalize (stmt);

  /* The handle is needed only while SQLite opens the file. */
  sillon_vfs_remove_keys (handle);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT a FROM x ORDER BY rowid", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, MARKER_PREFIX "raw");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_false (file_contains (path, MARKER_PREFIX));
  vault_test_remove_vault (path);
}

static void
test_vfs_unknown_key_handle (void)
{
  g_autofree char *path = tmp_path ("raw-handle.sillon");
  g_autofree char *uri = NULL;
  guint64 handle;
  sqlite3 *db = open_raw (path, &handle);

  sqlite3_close (db);
  sillon_vfs_remove_keys (handle);
  uri = g_strdup_printf ("file:%s?vfs=sillon&kh=%" G_GUINT64_FORMAT, path, handle);
  db = NULL;
  g_assert_cmpint (sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI, NULL), ==, SQLITE_CANTOPEN);
  sqlite3_close (db);
  vault_test_remove_vault (path);
}

/* Enough writes for SQLite to checkpoint and restart the WAL from its
 * beginning with new salts (leaving older frames behind it), then a crash:
 * recovery must stop at the end of the current log, frames of the previous
 * generation must not count as damage. */
static void
test_wal_restart (void)
{
  g_autofree char *path = copy_of_shared ("wal-restart.sillon");
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  gsize biggest = 0;
  pid_t pid;

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      SillonVault *vault = sillon_vault_open (path, PASSPHRASE, NULL);

      if (vault == NULL)
        _exit (2);
      for (int c = 0; c < 14; c++)
        insert_rows (sillon_vault_get_db (vault), SHARED_ROWS + c * 400, 400, "row-");
      /* A few small commits at the start of the restarted WAL. */
      insert_rows (sillon_vault_get_db (vault), SHARED_ROWS + 14 * 400, 3, "row-");
      insert_rows (sillon_vault_get_db (vault), SHARED_ROWS + 14 * 400 + 3, 3, "row-");
      _exit (0);
    }
  vault_test_wait_child (pid);
  biggest = file_size (wal);
  /* The WAL went past SQLite's 1000-page checkpoint threshold. */
  g_assert_cmpuint (biggest, >, 1000 * (4096 + 24));

  assert_opens_sound_with_rows (path, SHARED_ROWS + 14 * 400 + 6, "row-");
  vault_test_remove_vault (path);
}

/* Paths with characters that mean something in a URI. */
static void
test_odd_path (void)
{
  g_autofree char *dir = g_build_filename (tmpdir, "dossier é #1?x=%20&kh=1", NULL);
  g_autofree char *path = g_build_filename (dir, "coffre ?#%.sillon", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  {
    g_autoptr (SillonVault) vault = create_vault (path, 4096, NULL);

    insert_rows (sillon_vault_get_db (vault), 0, 10, "odd-");
    /* Exclusive locking: the WAL index lives in memory, no -shm file. */
    g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
  }
  {
    g_autoptr (SillonVault) vault = open_ok (path, PASSPHRASE);

    g_assert_cmpint (check_rows (sillon_vault_get_db (vault), 10, "odd-"), ==, SQLITE_OK);
    g_assert_false (g_file_test (shm, G_FILE_TEST_EXISTS));
  }
  vault_test_remove_vault (path);
  g_rmdir (dir);
}

/* ---- SQL features --------------------------------------------------------- */

static void
test_attach (void)
{
  g_autofree char *path = copy_of_shared ("attach-main.sillon");
  g_autofree char *second = tmp_path ("attach-second.sillon");
  g_autoptr (SillonVault) vault = NULL;
  g_autoptr (GError) error = NULL;
  sqlite3_stmt *stmt = NULL;

  vault_test_remove_vault (second);
  {
    g_autoptr (SillonVault) other = create_vault (second, 1024, NULL);

    vault_test_exec (sillon_vault_get_db (other), "CREATE TABLE notes (body TEXT)");
    g_assert_true (sillon_vault_change_passphrase (other, PASSPHRASE, OTHER_PASSPHRASE, &error));
  }

  vault = open_ok (path, PASSPHRASE);
  g_assert_false (sillon_vault_attach (vault, second, PASSPHRASE, "other", &error));
  g_assert_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_WRONG_PASSPHRASE);
  g_clear_error (&error);

  g_assert_true (sillon_vault_attach (vault, second, OTHER_PASSPHRASE, "other", &error));
  g_assert_no_error (error);
  vault_test_exec (sillon_vault_get_db (vault), "INSERT INTO other.notes SELECT name FROM main.t WHERE id < 50");
  vault_test_exec (sillon_vault_get_db (vault), "DETACH other");
  g_clear_object (&vault);

  vault = open_ok (second, OTHER_PASSPHRASE);
  g_assert_cmpint (sqlite3_prepare_v2 (sillon_vault_get_db (vault), "SELECT count(*), min(body) FROM notes", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 50);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "row-000000");
  sqlite3_finalize (stmt);
}

static void
test_vacuum (void)
{
  g_autofree char *path = copy_of_shared ("vacuum.sillon");
  g_autoptr (SillonVault) vault = open_ok (path, PASSPHRASE);
  gsize before = file_size (path);

  insert_rows (sillon_vault_get_db (vault), SHARED_ROWS, 100, "row-");
  vault_test_exec (sillon_vault_get_db (vault), "DELETE FROM t WHERE id >= " G_STRINGIFY (SHARED_ROWS));
  vault_test_exec (sillon_vault_get_db (vault), "VACUUM");
  g_assert_cmpint (check_rows (sillon_vault_get_db (vault), SHARED_ROWS, "row-"), ==, SQLITE_OK);
  vault_test_assert_sound (vault);
  g_clear_object (&vault);
  g_assert_cmpuint (file_size (path), <=, before + 4096);

  vault = open_ok (path, PASSPHRASE);
  g_assert_cmpint (check_rows (sillon_vault_get_db (vault), SHARED_ROWS, "row-"), ==, SQLITE_OK);
}

static gboolean
file_contains (const char *path, const char *needle)
{
  g_autoptr (GBytes) bytes = NULL;
  char *data = NULL;
  gsize len = 0;

  if (!g_file_get_contents (path, &data, &len, NULL))
    return FALSE;
  bytes = g_bytes_new_take (data, len);
  return memmem (data, len, needle, strlen (needle)) != NULL;
}

/* VACUUM INTO a plain file would write plaintext: the VFS refuses it. */
static void
test_vacuum_into_plain_refused (void)
{
  g_autofree char *path = copy_of_shared ("vacuum-into.sillon");
  g_autofree char *plain = tmp_path ("vacuum-into-plain.db");
  g_autoptr (SillonVault) vault = open_ok (path, PASSPHRASE);
  sqlite3_stmt *stmt = NULL;

  g_unlink (plain);
  g_assert_cmpint (sqlite3_prepare_v2 (sillon_vault_get_db (vault), "VACUUM INTO ?1", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, plain, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), !=, SQLITE_DONE);
  sqlite3_finalize (stmt);
  g_assert_false (file_contains (plain, "row-000001"));
  g_assert_false (file_contains (plain, "SQLite format 3"));
  g_assert_cmpint (check_rows (sillon_vault_get_db (vault), SHARED_ROWS, "row-"), ==, SQLITE_OK);
  vault_test_remove_vault (plain);
}

/* Once the new vault has taken the name, its recovery key is the only one:
 * it is returned even when reopening the new vault fails (here because of
 * a planted journal). */
static void
test_rotate_reopen_fails (void)
{
  g_autofree char *path = copy_of_shared ("rotate-reopen.sillon");
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  g_autoptr (SillonVault) vault = open_ok (path, PASSPHRASE);
  g_autoptr (GError) error = NULL;
  char *key = NULL;
  guint dropped = 99;

  plant_journal (path, 2, 3);
  g_assert_false (rotate_keeping_key (vault, PASSPHRASE, &key, &dropped, &error));
  g_assert_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_TAMPERED);
  g_clear_error (&error);
  g_assert_nonnull (key);
  g_assert_cmpuint (dropped, ==, 0);
  g_assert_true (sillon_vault_is_locked (vault));
  g_clear_object (&vault);

  g_unlink (journal);
  vault = sillon_vault_open_with_recovery_key (path, key, 0, OTHER_PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (vault);
  g_assert_cmpint (check_rows (sillon_vault_get_db (vault), SHARED_ROWS, "row-"), ==, SQLITE_OK);
  g_free (key);
  g_clear_object (&vault);
  vault_test_remove_vault (path);
}

/* Rotation with a statement still prepared on the old connection: that
 * connection closes only when the statement is finalized, after the new
 * vault took the name. It must not checkpoint into, or delete, what is now
 * the new vault's WAL. */
static void
test_rotate_with_open_statement (void)
{
  g_autofree char *path = copy_of_shared ("rotate-statement.sillon");
  g_autoptr (SillonVault) vault = NULL;
  sqlite3_stmt *stmt = NULL;
  pid_t pid;

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      SillonVault *child = sillon_vault_open (path, PASSPHRASE, NULL);
      sqlite3_stmt *forgotten = NULL;
      char *key = NULL;

      if (child == NULL || sqlite3_prepare_v2 (sillon_vault_get_db (child), "SELECT count(*) FROM t", -1, &forgotten, NULL) != SQLITE_OK)
        _exit (2);
      if (!rotate_keeping_key (child, PASSPHRASE, &key, NULL, NULL))
        _exit (3);
      g_free (key);
      if (sqlite3_exec (sillon_vault_get_db (child), "INSERT INTO t (id, name) VALUES (100000, 'after rotation')", NULL, NULL, NULL) != SQLITE_OK)
        _exit (4);
      /* The old connection closes now. */
      sqlite3_finalize (forgotten);
      if (sqlite3_exec (sillon_vault_get_db (child), "INSERT INTO t (id, name) VALUES (100001, 'after the old connection closed')", NULL, NULL, NULL) != SQLITE_OK)
        _exit (5);
      /* A crash: both commits are in the WAL only. */
      _exit (0);
    }
  vault_test_wait_child (pid);

  vault = open_ok (path, PASSPHRASE);
  g_assert_cmpint (sqlite3_prepare_v2 (sillon_vault_get_db (vault), "SELECT count(*) FROM t WHERE id >= 100000", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 2);
  sqlite3_finalize (stmt);
  g_clear_object (&vault);
  vault_test_remove_vault (path);
}

static void
test_rotate (void)
{
  g_autofree char *path = copy_of_shared ("rotate.sillon");
  g_autofree char *old_copy = tmp_path ("rotate-old.sillon");
  g_autofree char *recovery = NULL;
  g_autoptr (SillonVault) vault = open_ok (path, PASSPHRASE);
  g_autoptr (GBytes) old_bytes = NULL;
  g_autoptr (GBytes) new_bytes = NULL;
  g_autoptr (GError) error = NULL;
  char *key = NULL;
  guint dropped = 99;
  gsize len;
  guint8 *data;

  g_assert_cmpint (sillon_vault_add_slot (vault, "Dominique", OTHER_PASSPHRASE, &error), ==, 1);
  old_bytes = vault_test_get_file (path);

  g_assert_false (rotate_keeping_key (vault, "not the passphrase", &key, &dropped, &error));
  g_assert_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_WRONG_PASSPHRASE);
  g_assert_null (key);
  g_clear_error (&error);

  g_assert_true (rotate_keeping_key (vault, PASSPHRASE, &key, &dropped, &error));
  g_assert_no_error (error);
  g_assert_nonnull (key);
  recovery = g_strdup (key);
  g_free (key);
  g_assert_cmpuint (dropped, ==, 1);
  g_assert_false (sillon_vault_is_locked (vault));
  g_assert_cmpint (check_rows (sillon_vault_get_db (vault), SHARED_ROWS, "row-"), ==, SQLITE_OK);
  insert_rows (sillon_vault_get_db (vault), SHARED_ROWS, 5, "row-");
  g_clear_object (&vault);
  {
    g_autofree char *leftover = g_strconcat (path, ".rotating", NULL);

    g_assert_false (g_file_test (leftover, G_FILE_TEST_EXISTS));
  }

  vault = open_ok (path, PASSPHRASE);
  g_assert_cmpint (check_rows (sillon_vault_get_db (vault), SHARED_ROWS + 5, "row-"), ==, SQLITE_OK);
  g_clear_object (&vault);
  assert_open_fails (path, OTHER_PASSPHRASE, SILLON_VAULT_ERROR_WRONG_PASSPHRASE);
  vault = sillon_vault_open_with_recovery_key (path, recovery, 2, "passphrase after rotation", &error);
  g_assert_no_error (error);
  g_clear_object (&vault);

  /* The old header's master key decrypts none of the new pages. */
  new_bytes = vault_test_get_file (path);
  data = dup_bytes (new_bytes, &len);
  memcpy (data, g_bytes_get_data (old_bytes, NULL), SILLON_VFS_HEADER_SIZE);
  write_bytes (old_copy, data, len);
  g_free (data);
  assert_open_fails (old_copy, PASSPHRASE, SILLON_VAULT_ERROR_TAMPERED);
  vault_test_remove_vault (old_copy);
}

/* ---- backup --------------------------------------------------------------- */

static void
test_backup_restore (void)
{
  g_autofree char *path = copy_of_shared ("backup.sillon");
  g_autofree char *backup = tmp_path ("backup.sillon-backup");
  g_autofree char *damaged = tmp_path ("backup-damaged.sillon-backup");
  g_autofree char *restored = tmp_path ("restored.sillon");
  g_autoptr (SillonVault) vault = open_ok (path, PASSPHRASE);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (GError) error = NULL;
  gsize len;

  g_assert_cmpint (sillon_vault_add_slot (vault, "Dominique", OTHER_PASSPHRASE, &error), ==, 1);
  /* Uncheckpointed changes are part of the snapshot. */
  insert_rows (sillon_vault_get_db (vault), SHARED_ROWS, 10, "row-");
  g_unlink (backup);
  /* Not in the middle of a transaction: it would leak uncommitted rows. */
  vault_test_exec (sillon_vault_get_db (vault), "BEGIN; DELETE FROM t;");
  g_assert_false (sillon_vault_backup (vault, backup, &error));
  g_assert_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_SQL);
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
  g_clear_error (&error);
  vault_test_exec (sillon_vault_get_db (vault), "ROLLBACK");
  g_assert_true (sillon_vault_backup (vault, backup, &error));
  g_assert_no_error (error);
  g_assert_false (file_contains (backup, "row-000001"));
  g_assert_false (file_contains (backup, "SQLite format 3"));
  g_clear_object (&vault);

  vault_test_remove_vault (restored);
  g_assert_false (sillon_vault_restore (backup, "not the passphrase", restored, &error));
  g_assert_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_WRONG_PASSPHRASE);
  g_assert_false (g_file_test (restored, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  g_assert_true (sillon_vault_restore (backup, OTHER_PASSPHRASE, restored, &error));
  g_assert_no_error (error);
  vault = open_ok (restored, PASSPHRASE);
  g_assert_cmpint (check_rows (sillon_vault_get_db (vault), SHARED_ROWS + 10, "row-"), ==, SQLITE_OK);
  g_clear_object (&vault);
  vault = open_ok (restored, OTHER_PASSPHRASE);
  g_clear_object (&vault);

  /* Never over an existing file. */
  g_assert_false (sillon_vault_restore (backup, PASSPHRASE, restored, &error));
  g_assert_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_EXISTS);
  g_clear_error (&error);
  vault_test_remove_vault (restored);

  bytes = vault_test_get_file (backup);
  len = g_bytes_get_size (bytes);
  {
    /* Damage in the header, in the stream, near the end; truncation at
     * several points, including a whole missing last chunk. */
    gsize flips[] = { 20, 12 + 64 + 8, 4200, len / 2, len - 1 };
    gsize cuts[] = { 10, 4200, len / 2, len - 1, len - 17, 4108 + 24 + 65536 + 17 };

    for (guint i = 0; i < G_N_ELEMENTS (flips) + G_N_ELEMENTS (cuts); i++)
      {
        guint8 *data = g_memdup2 (g_bytes_get_data (bytes, NULL), len);
        gsize n = len;

        if (i < G_N_ELEMENTS (flips))
          data[flips[i]] ^= 0x02;
        else
          n = MIN (cuts[i - G_N_ELEMENTS (flips)], len - 1);
        write_bytes (damaged, data, n);
        g_free (data);
        g_assert_false (sillon_vault_restore (damaged, PASSPHRASE, restored, &error));
        if (!g_error_matches (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_BACKUP_INVALID))
          g_error ("case %u: %s", i, error->message);
        g_assert_false (g_file_test (restored, G_FILE_TEST_EXISTS));
        g_clear_error (&error);
      }
  }
  write_bytes (damaged, "SQLite format 3", 16);
  g_assert_false (sillon_vault_restore (damaged, PASSPHRASE, restored, &error));
  g_assert_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_BACKUP_INVALID);
  g_clear_error (&error);
  g_unlink (damaged);
}

/* ---- leaks ---------------------------------------------------------------- */

static void
scan_dir_for (const char *dir, const char *const *needles)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *child = g_build_filename (dir, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        scan_dir_for (child, needles);
      else
        for (guint i = 0; needles[i] != NULL; i++)
          if (file_contains (child, needles[i]))
            g_error ("%s contains \"%s\"", child, needles[i]);
    }
}

static void
test_leak_scan (void)
{
  g_autofree char *dir = g_build_filename (tmpdir, "leak", NULL);
  g_autofree char *path = g_build_filename (dir, "leak.sillon", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *recovery = NULL;
  g_autoptr (SillonVault) vault = NULL;
  char *key = NULL;
  g_autofree char *backup = g_build_filename (dir, "leak.sillon-backup", NULL);
  /* Mediators' names too: they are labels of the keyslots. */
  const char *needles[] = { MARKER_PREFIX, PASSPHRASE, "SQLite format 3", NULL, "Camille", "Dominique", NULL };
  g_autoptr (GError) error = NULL;

  g_mkdir_with_parents (dir, 0700);
  vault_test_remove_vault (path);
  vault = create_vault (path, 4096, &key);
  recovery = g_strdup (key);
  sillon_vault_free_secret (key);
  needles[3] = recovery;

  /* Checkpointed: in the main file. */
  insert_rows (sillon_vault_get_db (vault), 0, 50, MARKER_PREFIX);
  vault_test_exec (sillon_vault_get_db (vault), "PRAGMA wal_checkpoint(TRUNCATE)");
  scan_dir_for (dir, needles);
  scan_dir_for (tmpdir, needles);
  sillon_vault_lock (vault);
  g_clear_object (&vault);

  /* Not checkpointed: in the WAL left by a crashed writer. */
  write_in_child_and_crash (path, 50, 6, MARKER_PREFIX);
  g_assert_cmpuint (file_size (wal), >, 32);
  scan_dir_for (dir, needles);
  scan_dir_for (tmpdir, needles);

  /* Recovery, a big sort, and a change of passphrase leave nothing either. */
  vault = open_ok (path, PASSPHRASE);
  vault_test_exec (sillon_vault_get_db (vault), "CREATE INDEX t_payload ON t (payload, name)");
  vault_test_exec (sillon_vault_get_db (vault), "SELECT * FROM t ORDER BY payload DESC, name");
  g_assert_cmpint (sillon_vault_add_slot (vault, "Dominique", OTHER_PASSPHRASE, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_true (sillon_vault_backup (vault, backup, &error));
  g_assert_no_error (error);
  scan_dir_for (dir, needles);
  g_assert_cmpint (check_rows (sillon_vault_get_db (vault), 80, MARKER_PREFIX), ==, SQLITE_OK);
  sillon_vault_lock (vault);
  scan_dir_for (dir, needles);
  scan_dir_for (tmpdir, needles);
}

/* ---- main ----------------------------------------------------------------- */

static void
test_recovery_auto_slot (void)
{
  g_autofree char *path = tmp_path ("recovery-auto.sillon");
  g_autofree char *recovery = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr (SillonVault) vault = NULL;
  g_autoptr (GError) error = NULL;
  char *key = NULL;
  gsize length;

  vault_test_remove_vault (path);
  vault = create_vault (path, 4096, &key);
  recovery = g_strdup (key);
  sillon_vault_free_secret (key);
  g_clear_object (&vault);

  /* One passphrase slot: it is the one replaced. */
  vault = sillon_vault_open_with_recovery_key (path, recovery, SILLON_VAULT_SLOT_AUTO, OTHER_PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sillon_vault_get_unlocked_slot (vault), ==, 0);
  g_assert_cmpint (sillon_vault_add_slot (vault, "Bob", "a third passphrase", &error), ==, 1);
  g_assert_no_error (error);
  g_clear_object (&vault);
  assert_open_fails (path, PASSPHRASE, SILLON_VAULT_ERROR_WRONG_PASSPHRASE);

  /* Two: refused, and the header is left as it was. */
  g_assert_true (g_file_get_contents (path, &before, &length, NULL));
  g_assert_cmpuint (length, >=, 4096);
  vault = sillon_vault_open_with_recovery_key (path, recovery, SILLON_VAULT_SLOT_AUTO, "a fourth passphrase", &error);
  g_assert_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_SLOT_REQUIRED);
  g_assert_null (vault);
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (path, &after, &length, NULL));
  g_assert_cmpuint (length, >=, 4096);
  g_assert_cmpmem (before, 4096, after, 4096);
  vault = open_ok (path, OTHER_PASSPHRASE);
  g_clear_object (&vault);
  vault = open_ok (path, "a third passphrase");
  g_clear_object (&vault);
  assert_open_fails (path, "a fourth passphrase", SILLON_VAULT_ERROR_WRONG_PASSPHRASE);
}

int
main (int argc, char **argv)
{
  int result;

  g_test_init (&argc, &argv, NULL);
  tmpdir = test_make_tmp_dir ("sillon-test-vault-XXXXXX");
  /* SQLite and everything else must leave nothing outside this directory,
   * and the leak scan looks at all of it. */
  g_setenv ("TMPDIR", tmpdir, TRUE);
  g_assert_cmpint (sodium_init (), >=, 0);

  g_test_add_data_func ("/vault/roundtrip/page-1024", GUINT_TO_POINTER (1024), test_roundtrip);
  g_test_add_data_func ("/vault/roundtrip/page-4096", GUINT_TO_POINTER (4096), test_roundtrip);
  g_test_add_data_func ("/vault/roundtrip/page-65536", GUINT_TO_POINTER (65536), test_roundtrip);
  g_test_add_func ("/vault/create-errors", test_create_errors);
  g_test_add_func ("/vault/unsupported-version", test_unsupported_version);
  g_test_add_func ("/vault/wrong-passphrase-reads-no-page", test_wrong_passphrase_reads_no_page);
  g_test_add_func ("/vault/busy", test_busy);
  g_test_add_func ("/vault/busy-other-process", test_busy_other_process);
  g_test_add_func ("/vault/planted-journal", test_planted_journal);
  g_test_add_func ("/vault/journal-mode-stays-wal", test_journal_mode_stays_wal);
  g_test_add_func ("/vault/locked-operations", test_locked_operations);
  g_test_add_func ("/vault/lock-with-open-statements", test_lock_with_open_statements);
  g_test_add_func ("/vault/change-passphrase", test_change_passphrase);
  g_test_add_func ("/vault/stale-copy-does-not-unlock", test_stale_copy_does_not_unlock);
  g_test_add_func ("/vault/slots", test_slots);
  g_test_add_func ("/vault/recovery-key", test_recovery_key);
  g_test_add_func ("/vault/header/torn", test_torn_header);
  g_test_add_func ("/vault/header/tampered-slot-parameters", test_tampered_slot_parameters);
  g_test_add_func ("/vault/tamper/pages", test_tamper_pages);
  g_test_add_func ("/vault/tamper/swap-pages", test_swap_pages);
  g_test_add_func ("/vault/tamper/page-from-other-vault", test_page_from_other_vault);
  g_test_add_func ("/vault/tamper/replay-is-known-limitation", test_replay_is_known_limitation);
  g_test_add_func ("/vault/tamper/wal", test_wal_recovery_and_tamper);
  g_test_add_func ("/vault/checkpoint-copies-frames", test_checkpoint_copies_frames);
  g_test_add_func ("/vault/verify", test_verify_reports_bad_pages);
  g_test_add_func ("/vault/attach", test_attach);
  g_test_add_func ("/vault/odd-path", test_odd_path);
  g_test_add_func ("/vault/wal-restart", test_wal_restart);
  g_test_add_func ("/vault/vfs/page1-needs-reserve", test_vfs_page1_needs_reserve);
  g_test_add_func ("/vault/vfs/refuses-temp-files-and-mmap", test_vfs_refuses_temp_files_and_mmap);
  g_test_add_func ("/vault/vfs/unknown-key-handle", test_vfs_unknown_key_handle);
  g_test_add_func ("/vault/vacuum", test_vacuum);
  g_test_add_func ("/vault/vacuum-into-plain-refused", test_vacuum_into_plain_refused);
  g_test_add_func ("/vault/rotate", test_rotate);
  g_test_add_func ("/vault/rotate-reopen-fails", test_rotate_reopen_fails);
  g_test_add_func ("/vault/rotate-with-open-statement", test_rotate_with_open_statement);
  g_test_add_func ("/vault/backup-restore", test_backup_restore);
  g_test_add_func ("/vault/copy-of-tampered-vault", test_copy_of_tampered_vault);
  g_test_add_func ("/vault/leak-scan", test_leak_scan);
  g_test_add_func ("/vault/recovery-auto-slot", test_recovery_auto_slot);

  result = g_test_run ();

  g_free (shared_vault);
  test_remove_tree (tmpdir);
  g_free (tmpdir);
  return result;
}
