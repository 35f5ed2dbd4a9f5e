/* test-vault-rotation.c — a rotation of the master key cut short at every step
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A child process rotates the vault and ends itself with _exit() at one
 * step of the rotation (sillon_vault_set_fault_hook(), test-only), as a
 * crash or a power cut would: no cleanup, no checkpoint. It passes every
 * recovery key the rotation shows to the parent through a pipe, as the
 * user would read it on the screen. The parent then checks what the user
 * holds: the passphrase opens the vault, the journal verifies, and a
 * recovery key the user was shown (or, if none was, the old one) works,
 * either at once or by finishing the rotation, with the passphrase or
 * with the new recovery key alone.
 */

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sodium.h>

#include "sillon-journal.h"
#include "sillon-store.h"
#include "sillon-vault.h"
#include "test-dir-util.h"
#include "test-vault-util.h"

#define PASSPHRASE "rotation test passphrase"
#define NEW_PASSPHRASE "passphrase set by a recovery"
#define ROWS 300

typedef enum
{
  FINISH_WITH_PASSPHRASE,
  FINISH_WITH_RECOVERY_KEY,
} FinishMode;

typedef struct
{
  SillonVaultRotationStep step;
  FinishMode mode;
} Case;

static char *template_path;
static char *template_recovery_key;
static guint64 template_journal_entries;

static guint64
verified_journal_entries (SillonVault *vault)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonStore) store = sillon_store_new (sillon_vault_get_db (vault), &error);
  guint8 *key = NULL;
  guint64 n = 0;

  g_assert_no_error (error);
  key = sillon_journal_derive_key (vault, &error);
  g_assert_no_error (error);
  g_assert_true (sillon_journal_verify (store, key, NULL, &n, NULL, &error));
  g_assert_no_error (error);
  sodium_free (key);
  return n;
}

static int
count_rows (SillonVault *vault)
{
  sqlite3_stmt *stmt = NULL;
  int n;

  g_assert_cmpint (sqlite3_prepare_v2 (sillon_vault_get_db (vault), "SELECT count(*) FROM kept WHERE x LIKE 'row %'", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static void
make_template (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = test_make_tmp_dir ("sillon-rotation-XXXXXX");
  SillonVaultCreateOptions options = { 0 };
  g_autoptr (SillonVault) vault = NULL;
  g_autoptr (SillonStore) store = NULL;
  char *key = NULL;
  guint8 *journal_key = NULL;
  sqlite3 *db;

  template_path = g_build_filename (dir, "template.sillon", NULL);
  options.kdf_target_ms = 1; /* the floor of the key derivation still applies */
  vault = sillon_vault_create (template_path, "Camille", PASSPHRASE, &options, &key, &error);
  g_assert_no_error (error);
  template_recovery_key = g_strdup (key);
  sillon_vault_free_secret (key);
  db = sillon_vault_get_db (vault);
  store = sillon_store_new (db, &error);
  g_assert_no_error (error);
  journal_key = sillon_journal_derive_key (vault, &error);
  g_assert_no_error (error);
  for (int i = 0; i < 5; i++)
    g_assert_true (sillon_journal_append (store, journal_key, SILLON_JOURNAL_OPEN, 0, "{\"via\":\"test\"}", NULL, &error));
  sodium_free (journal_key);
  g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE kept (x TEXT)", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 300)"
                                 " INSERT INTO kept SELECT 'row ' || i || ' ' || hex(randomblob(40)) FROM n",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  template_journal_entries = verified_journal_entries (vault);
  g_assert_cmpuint (template_journal_entries, ==, 5);
}

static char *
copy_template (const char *dir)
{
  g_autofree char *contents = NULL;
  char *path = g_build_filename (dir, "vault.sillon", NULL);
  gsize length = 0;

  g_assert_true (g_file_get_contents (template_path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  return path;
}

static void
test_interrupted (gconstpointer data)
{
  const Case *c = data;
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = test_make_tmp_dir ("sillon-rotation-XXXXXX");
  g_autofree char *path = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *final_key = NULL;
  g_autofree char *record = NULL;
  g_autofree char *copy = NULL;
  g_autoptr (SillonVault) vault = NULL;
  const char *passphrase = PASSPHRASE;
  SillonVaultRotateCallbacks callbacks = { vault_test_keep_recovery_key, vault_test_rekey_journal, NULL };
  gboolean pending;

  path = copy_template (dir);
  record = g_strconcat (path, ".rotation", NULL);
  copy = g_strconcat (path, ".rotating", NULL);

  shown = vault_test_rotate_and_crash (path, PASSPHRASE, c->step);
  /* The key is shown once the rotation can be finished, and before the old
   * master key is given up. */
  if (c->step >= SILLON_VAULT_ROTATION_KEY_SHOWN)
    g_assert_nonnull (shown);
  else
    g_assert_null (shown);

  /* The passphrase always opens the vault, old or new, and its journal
   * always verifies. */
  vault = sillon_vault_open (path, PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (vault), ==, ROWS);
  g_assert_cmpuint (verified_journal_entries (vault), ==, template_journal_entries);
  pending = sillon_vault_has_pending_rotation (vault);
  g_assert_cmpint (pending, ==, c->step >= SILLON_VAULT_ROTATION_RECORDED && c->step < SILLON_VAULT_ROTATION_RENAMED);
  if (c->step >= SILLON_VAULT_ROTATION_RENAMED)
    /* Done but for the record, which the check above removed. */
    g_assert_false (g_file_test (record, G_FILE_TEST_EXISTS));

  if (!pending)
    final_key = g_strdup (c->step >= SILLON_VAULT_ROTATION_RENAMED ? shown : template_recovery_key);
  else if (c->mode == FINISH_WITH_PASSPHRASE)
    {
      /* Another rotation is refused: it would make the shown key useless. */
      g_assert_false (sillon_vault_rotate (vault, PASSPHRASE, &callbacks, NULL, &error));
      g_assert_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_ROTATION_PENDING);
      g_clear_error (&error);
      g_assert_false (sillon_vault_resume_rotation (vault, "not the passphrase", &callbacks, NULL, &error));
      g_assert_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_WRONG_PASSPHRASE);
      g_clear_error (&error);

      callbacks.user_data = &final_key;
      g_assert_true (sillon_vault_resume_rotation (vault, PASSPHRASE, &callbacks, NULL, &error));
      g_assert_no_error (error);
      /* Shown again, and the same key as before if it had been shown. */
      g_assert_nonnull (final_key);
      if (shown != NULL)
        g_assert_cmpstr (final_key, ==, shown);
      g_assert_cmpint (count_rows (vault), ==, ROWS);
      g_assert_cmpuint (verified_journal_entries (vault), ==, template_journal_entries);
      g_assert_false (sillon_vault_has_pending_rotation (vault));
    }
  else if (shown != NULL)
    {
      /* Only the new recovery key at hand: it finishes the rotation. */
      g_autofree char *again = NULL;

      g_clear_object (&vault);
      callbacks.user_data = &again;
      vault = sillon_vault_resume_rotation_with_recovery_key (path, template_recovery_key, NEW_PASSPHRASE, &callbacks, &error);
      g_assert_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_WRONG_RECOVERY_KEY);
      g_assert_null (vault);
      g_clear_error (&error);
      vault = sillon_vault_resume_rotation_with_recovery_key (path, shown, NEW_PASSPHRASE, &callbacks, &error);
      g_assert_no_error (error);
      g_assert_nonnull (vault);
      g_assert_cmpstr (again, ==, shown);
      g_assert_cmpint (count_rows (vault), ==, ROWS);
      g_assert_cmpuint (verified_journal_entries (vault), ==, template_journal_entries);
      final_key = g_strdup (shown);
      passphrase = NEW_PASSPHRASE;
    }
  else
    {
      /* Never shown: the user holds the old recovery key, which opens the
       * vault as before, and the rotation can be abandoned. */
      g_clear_object (&vault);
      vault = sillon_vault_open_with_recovery_key (path, template_recovery_key, SILLON_VAULT_SLOT_AUTO, NEW_PASSPHRASE, &error);
      g_assert_no_error (error);
      g_assert_true (sillon_vault_has_pending_rotation (vault));
      g_assert_true (sillon_vault_abandon_rotation (vault, &error));
      g_assert_no_error (error);
      g_assert_false (sillon_vault_has_pending_rotation (vault));
      final_key = g_strdup (template_recovery_key);
      passphrase = NEW_PASSPHRASE;
    }
  g_clear_object (&vault);
  g_assert_false (g_file_test (record, G_FILE_TEST_EXISTS));
  /* No copy is left behind either (it is as large as the vault). */
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));

  /* Whatever happened, the key the user holds and the passphrase open the
   * vault, with its data and a journal that verifies. */
  vault = sillon_vault_open (path, passphrase, &error);
  g_assert_no_error (error);
  g_clear_object (&vault);
  vault = sillon_vault_open_with_recovery_key (path, final_key, SILLON_VAULT_SLOT_AUTO, PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (vault), ==, ROWS);
  g_assert_cmpuint (verified_journal_entries (vault), ==, template_journal_entries);
  g_clear_object (&vault);
  if (g_strcmp0 (final_key, template_recovery_key) != 0)
    {
      /* Rotated: the old recovery key is gone with the old master key. */
      vault = sillon_vault_open_with_recovery_key (path, template_recovery_key, SILLON_VAULT_SLOT_AUTO, PASSPHRASE, &error);
      g_assert_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_WRONG_RECOVERY_KEY);
      g_assert_null (vault);
    }
  test_remove_tree (dir);
}

/* Without a crash: one rotation shows its key once, leaves no file behind,
 * and abandoning or resuming with nothing pending is refused. */
static void
test_uninterrupted (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = test_make_tmp_dir ("sillon-rotation-XXXXXX");
  g_autofree char *path = copy_template (dir);
  g_autofree char *key = NULL;
  g_autofree char *record = g_strconcat (path, ".rotation", NULL);
  g_autoptr (SillonVault) vault = sillon_vault_open (path, PASSPHRASE, &error);
  SillonVaultRotateCallbacks callbacks = { vault_test_keep_recovery_key, vault_test_rekey_journal, &key };

  g_assert_no_error (error);
  g_assert_false (sillon_vault_resume_rotation (vault, PASSPHRASE, &callbacks, NULL, &error));
  g_assert_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_NO_PENDING_ROTATION);
  g_clear_error (&error);
  g_assert_false (sillon_vault_abandon_rotation (vault, &error));
  g_assert_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_NO_PENDING_ROTATION);
  g_clear_error (&error);
  g_assert_null (key);

  g_assert_true (sillon_vault_rotate (vault, PASSPHRASE, &callbacks, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (key);
  g_assert_cmpstr (key, !=, template_recovery_key);
  g_assert_false (g_file_test (record, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (verified_journal_entries (vault), ==, template_journal_entries);
  g_clear_object (&vault);
  vault = sillon_vault_open_with_recovery_key (path, key, SILLON_VAULT_SLOT_AUTO, PASSPHRASE, &error);
  g_assert_no_error (error);
  g_clear_object (&vault);
  test_remove_tree (dir);
}

static gboolean
refuse_to_show (const char *recovery_key, gpointer user_data, GError **error)
{
  gboolean *called = user_data;

  *called = TRUE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE, "standard output is closed");
  return FALSE;
}

static gboolean
fail_to_prepare (SillonVault *old, SillonVault *copy, gpointer user_data, GError **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "disk full");
  return FALSE;
}

/* A key that could not be shown, or a copy that could not be prepared,
 * abandons the rotation: no record, no copy, and the old vault with its
 * old recovery key as it was. */
static void
test_abandoned_before_shown (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = test_make_tmp_dir ("sillon-rotation-XXXXXX");
  g_autofree char *path = copy_template (dir);
  g_autofree char *record = g_strconcat (path, ".rotation", NULL);
  g_autofree char *copy = g_strconcat (path, ".rotating", NULL);
  g_autoptr (SillonVault) vault = sillon_vault_open (path, PASSPHRASE, &error);
  gboolean called = FALSE;
  g_autofree char *key = NULL;
  SillonVaultRotateCallbacks unshown = { refuse_to_show, vault_test_rekey_journal, &called };
  SillonVaultRotateCallbacks unprepared = { vault_test_keep_recovery_key, fail_to_prepare, &key };

  g_assert_no_error (error);
  g_assert_false (sillon_vault_rotate (vault, PASSPHRASE, &unshown, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE);
  g_assert_true (called);
  g_clear_error (&error);
  g_assert_false (sillon_vault_rotate (vault, PASSPHRASE, &unprepared, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_null (key);
  g_clear_error (&error);

  g_assert_false (sillon_vault_is_locked (vault));
  g_assert_false (sillon_vault_has_pending_rotation (vault));
  g_assert_false (g_file_test (record, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (copy, G_FILE_TEST_EXISTS));
  g_assert_cmpint (count_rows (vault), ==, ROWS);
  g_assert_cmpuint (verified_journal_entries (vault), ==, template_journal_entries);
  g_clear_object (&vault);
  vault = sillon_vault_open_with_recovery_key (path, template_recovery_key, SILLON_VAULT_SLOT_AUTO, PASSPHRASE, &error);
  g_assert_no_error (error);
  g_clear_object (&vault);
  test_remove_tree (dir);
}

/* A record that does not authenticate is never used to replace the vault. */
static void
test_damaged_record (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = test_make_tmp_dir ("sillon-rotation-XXXXXX");
  g_autofree char *path = copy_template (dir);
  g_autofree char *record = g_strconcat (path, ".rotation", NULL);
  g_autofree char *shown = NULL;
  g_autofree char *again = NULL;
  g_autofree char *contents = NULL;
  g_autoptr (SillonVault) vault = NULL;
  SillonVaultRotateCallbacks callbacks = { vault_test_keep_recovery_key, vault_test_rekey_journal, &again };
  gsize length = 0;

  shown = vault_test_rotate_and_crash (path, PASSPHRASE, SILLON_VAULT_ROTATION_KEY_SHOWN);
  g_assert_nonnull (shown);
  g_assert_true (g_file_get_contents (record, &contents, &length, NULL));
  /* The sealed old master key and recovery key, at the end of the record. */
  contents[length - 20] ^= 0x01;
  g_assert_true (g_file_set_contents (record, contents, length, NULL));

  vault = sillon_vault_open (path, PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_true (sillon_vault_has_pending_rotation (vault));
  g_assert_false (sillon_vault_resume_rotation (vault, PASSPHRASE, &callbacks, NULL, &error));
  g_assert_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_TAMPERED);
  g_assert_null (again);
  g_clear_error (&error);
  /* The old vault is untouched and still works. */
  g_assert_cmpint (count_rows (vault), ==, ROWS);
  g_assert_cmpuint (verified_journal_entries (vault), ==, template_journal_entries);
  g_clear_object (&vault);

  /* Put there instead of the record: a huge (sparse) file, a pipe. Each is
   * refused as damaged without being read, on every unlock as on resume:
   * neither the memory nor a read that never ends. */
  g_assert_cmpint (g_unlink (record), ==, 0);
  {
    int fd = g_open (record, O_WRONLY | O_CREAT, 0600);

    g_assert_cmpint (fd, >=, 0);
    g_assert_cmpint (ftruncate (fd, G_GINT64_CONSTANT (64) << 30), ==, 0);
    close (fd);
  }
  vault = sillon_vault_open (path, PASSPHRASE, &error);
  g_assert_no_error (error);
  g_assert_true (sillon_vault_has_pending_rotation (vault));
  g_assert_false (sillon_vault_resume_rotation (vault, PASSPHRASE, &callbacks, NULL, &error));
  g_assert_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_TAMPERED);
  g_clear_error (&error);
  g_assert_cmpint (g_unlink (record), ==, 0);
  g_assert_cmpint (mkfifo (record, 0600), ==, 0);
  g_assert_true (sillon_vault_has_pending_rotation (vault));
  g_assert_false (sillon_vault_resume_rotation (vault, PASSPHRASE, &callbacks, NULL, &error));
  g_assert_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_TAMPERED);
  g_clear_error (&error);
  g_assert_null (again);
  g_assert_true (sillon_vault_abandon_rotation (vault, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (record, G_FILE_TEST_EXISTS));
  g_assert_cmpint (count_rows (vault), ==, ROWS);
  g_clear_object (&vault);
  test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  static const char *const step_names[] = {
    "copy-written",
    "copy-prepared",
    "copy-synced",
    "recorded",
    "key-shown",
    "old-closed",
    "renamed",
    "finished",
  };
  g_autoptr (GPtrArray) cases = g_ptr_array_new_with_free_func (g_free);
  int ret;

  G_STATIC_ASSERT (G_N_ELEMENTS (step_names) == SILLON_VAULT_ROTATION_N_STEPS);
  g_test_init (&argc, &argv, NULL);
  if (sodium_init () < 0)
    return 1;
  make_template ();

  for (int step = 0; step < SILLON_VAULT_ROTATION_N_STEPS; step++)
    for (int mode = FINISH_WITH_PASSPHRASE; mode <= FINISH_WITH_RECOVERY_KEY; mode++)
      {
        Case *c;
        g_autofree char *name = NULL;

        /* The recovery key alone matters only where a rotation waits. */
        if (mode == FINISH_WITH_RECOVERY_KEY && (step < SILLON_VAULT_ROTATION_RECORDED || step >= SILLON_VAULT_ROTATION_RENAMED))
          continue;
        c = g_new0 (Case, 1);
        c->step = step;
        c->mode = mode;
        g_ptr_array_add (cases, c);
        name = g_strdup_printf ("/vault/rotation/interrupted/%s/%s", step_names[step],
                                mode == FINISH_WITH_PASSPHRASE ? "passphrase" : "recovery-key");
        g_test_add_data_func (name, c, test_interrupted);
      }
  g_test_add_func ("/vault/rotation/uninterrupted", test_uninterrupted);
  g_test_add_func ("/vault/rotation/abandoned-before-shown", test_abandoned_before_shown);
  g_test_add_func ("/vault/rotation/damaged-record", test_damaged_record);
  ret = g_test_run ();

  {
    g_autofree char *dir = g_path_get_dirname (template_path);

    test_remove_tree (dir);
  }
  g_free (template_path);
  g_free (template_recovery_key);
  return ret;
}
