/* test-store-vault.c — the store on a real encrypted vault: erasure leaves
 * nothing in the decrypted pages, and nothing readable in the files
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "sillon-journal.h"
#include "sillon-vault.h"
#include "test-store-util.h"

#define PASSPHRASE "correct horse battery staple"

static const char *const markers[] = {
  "Quenouillard",
  "quenouillard",
  "MARKER-NOTE-7f3a",
  "MARKER-SESSION-1c9d",
  "MARKER-REFERRAL-44e0",
  "zephyrine@marker.example",
};

static gboolean
contains (const guint8 *data, gsize length, const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static int
pragma_int (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int v;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  v = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return v;
}

/* Reads every page of the main database through the vault's own file
 * handle, i.e. decrypted, as an attacker holding the key would see them,
 * and counts the markers found. */
static guint
markers_in_decrypted_pages (sqlite3 *db)
{
  sqlite3_file *file = NULL;
  int page_size = pragma_int (db, "PRAGMA page_size");
  int page_count = pragma_int (db, "PRAGMA page_count");
  g_autofree guint8 *page = g_malloc (page_size);
  gboolean seen[G_N_ELEMENTS (markers)] = { FALSE };
  guint found = 0;

  g_assert_cmpint (sqlite3_file_control (db, "main", SQLITE_FCNTL_FILE_POINTER, &file), ==, SQLITE_OK);
  g_assert_nonnull (file);
  for (int i = 0; i < page_count; i++)
    {
      g_assert_cmpint (file->pMethods->xRead (file, page, page_size, (sqlite3_int64) i * page_size), ==, SQLITE_OK);
      for (gsize m = 0; m < G_N_ELEMENTS (markers); m++)
        seen[m] |= contains (page, page_size, markers[m]);
    }
  for (gsize m = 0; m < G_N_ELEMENTS (markers); m++)
    if (seen[m])
      {
        g_test_message ("marker “%s” is in a decrypted page", markers[m]);
        found++;
      }
  return found;
}

static guint
markers_in_files (const char *dir)
{
  g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;
  guint found = 0;

  g_assert_nonnull (d);
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_autofree char *contents = NULL;
      gsize length = 0;

      if (!g_file_get_contents (path, &contents, &length, NULL))
        continue;
      for (gsize m = 0; m < G_N_ELEMENTS (markers); m++)
        if (contains ((const guint8 *) contents, length, markers[m]))
          {
            g_test_message ("marker “%s” is readable in %s", markers[m], name);
            found++;
          }
    }
  return found;
}

static gint64
add_marked_person (SillonStore *store)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonBeneficiary) b = sillon_beneficiary_new ();
  g_autoptr (SillonSession) s = NULL;
  g_autoptr (SillonReferral) r = sillon_referral_new ();

  b->first_name = g_strdup ("Zéphyrine");
  b->last_name = g_strdup ("Quenouillard");
  b->email = g_strdup ("zephyrine@marker.example");
  b->notes = g_strdup ("MARKER-NOTE-7f3a");
  g_assert_true (sillon_store_insert_beneficiary (store, b, &error));
  g_assert_no_error (error);
  s = store_test_session (b->id, "2025-06-02");
  s->notes = g_strdup ("MARKER-SESSION-1c9d");
  g_assert_true (sillon_store_insert_session (store, s, &error));
  r->beneficiary_id = b->id;
  r->date = g_strdup ("2025-06-02");
  r->reason = g_strdup ("MARKER-REFERRAL-44e0");
  g_assert_true (sillon_store_insert_referral (store, r, &error));
  g_assert_no_error (error);
  return b->id;
}

static void
test_erase_in_vault (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sillon-store-vault-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "vault.sillon", NULL);
  SillonVaultCreateOptions options = { 0 };
  g_autoptr (SillonVault) vault = NULL;
  g_autoptr (SillonStore) store = NULL;
  gint64 person;
  guint8 journal_key[SILLON_JOURNAL_KEY_BYTES] = { 7 };
  g_autofree char *details = NULL;

  g_assert_no_error (error);
  options.kdf_target_ms = 1; /* the floor of the key derivation still applies */
  vault = sillon_vault_create (path, "Camille", PASSPHRASE, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (vault);

  store = sillon_store_new_with_vocabulary (sillon_vault_get_db (vault), store_test_vocabulary (), &error);
  g_assert_no_error (error);
  g_assert_true (sillon_store_begin (store, &error));
  for (int i = 0; i < 200; i++)
    {
      g_autofree char *first = g_strdup_printf ("Voisin%d", i);

      store_test_add_person (store, first, "Durand", NULL, NULL);
    }
  g_assert_true (sillon_store_commit (store, &error));
  person = add_marked_person (store);
  g_assert_cmpint (sqlite3_wal_checkpoint_v2 (sillon_vault_get_db (vault), NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL), ==, SQLITE_OK);

  /* Control: the markers are in the decrypted pages, never in the files. */
  g_assert_cmpuint (markers_in_decrypted_pages (sillon_vault_get_db (vault)), ==, G_N_ELEMENTS (markers));
  g_assert_cmpuint (markers_in_files (dir), ==, 0);

  g_assert_true (sillon_store_erase_beneficiary (store, person, &error));
  g_assert_no_error (error);
  details = g_strdup_printf ("beneficiary=%" G_GINT64_FORMAT, person);
  g_assert_true (sillon_journal_append (store, journal_key, SILLON_JOURNAL_ERASE, 0, details, NULL, &error));
  g_assert_cmpint (sqlite3_wal_checkpoint_v2 (sillon_vault_get_db (vault), NULL, SQLITE_CHECKPOINT_TRUNCATE, NULL, NULL), ==, SQLITE_OK);

  g_assert_cmpuint (markers_in_decrypted_pages (sillon_vault_get_db (vault)), ==, 0);
  g_assert_cmpuint (markers_in_files (dir), ==, 0);
  g_assert_cmpint (sillon_store_count_beneficiaries (store, &error), ==, 200);

  /* The vault reopens with the data and the journal intact. */
  g_clear_pointer (&store, sillon_store_free);
  sillon_vault_lock (vault);
  g_clear_object (&vault);
  vault = sillon_vault_open (path, PASSPHRASE, &error);
  g_assert_no_error (error);
  store = sillon_store_new_with_vocabulary (sillon_vault_get_db (vault), store_test_vocabulary (), &error);
  g_assert_no_error (error);
  g_assert_cmpint (sillon_store_count_beneficiaries (store, &error), ==, 200);
  g_assert_true (sillon_journal_verify (store, journal_key, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (markers_in_decrypted_pages (sillon_vault_get_db (vault)), ==, 0);

  g_clear_pointer (&store, sillon_store_free);
  sillon_vault_lock (vault);
  g_clear_object (&vault);
  {
    g_autoptr (GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while ((name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *file = g_build_filename (dir, name, NULL);

        g_unlink (file);
      }
  }
  g_rmdir (dir);
}

/* After the store has been used (its full-text index keeps statements of
 * its own prepared on the connection) and the vault locked, the vault file
 * alone holds everything: the WAL was checkpointed, so a copy of that one
 * file, as a mediator would back it up, loses nothing. */
static void
test_lock_leaves_complete_file (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sillon-store-vault-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "vault.sillon", NULL);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *copy_dir = g_build_filename (dir, "copy", NULL);
  g_autofree char *copy = g_build_filename (copy_dir, "vault.sillon", NULL);
  g_autofree char *bytes = NULL;
  gsize length = 0;
  SillonVaultCreateOptions options = { 0 };
  g_autoptr (SillonVault) vault = NULL;
  g_autoptr (SillonStore) store = NULL;
  GStatBuf st;

  g_assert_no_error (error);
  options.kdf_target_ms = 1;
  vault = sillon_vault_create (path, "Camille", PASSPHRASE, &options, NULL, &error);
  g_assert_no_error (error);
  store = sillon_store_new_with_vocabulary (sillon_vault_get_db (vault), store_test_vocabulary (), &error);
  g_assert_no_error (error);
  for (int i = 0; i < 50; i++)
    {
      g_autofree char *first = g_strdup_printf ("Personne%d", i);

      store_test_add_person (store, first, "Martin", NULL, NULL);
    }
  /* A search prepares the full-text index's own statements. */
  {
    g_autoptr (GPtrArray) found = sillon_store_search_beneficiaries (store, "Mart", 10, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (found->len, >, 0);
  }
  g_assert_nonnull (sqlite3_next_stmt (sillon_vault_get_db (vault), NULL));
  g_clear_pointer (&store, sillon_store_free);
  sillon_vault_lock (vault);
  g_clear_object (&vault);

  g_assert_true (g_stat (wal, &st) != 0 || st.st_size == 0);
  g_assert_cmpint (g_mkdir (copy_dir, 0700), ==, 0);
  g_assert_true (g_file_get_contents (path, &bytes, &length, &error));
  g_assert_true (g_file_set_contents (copy, bytes, length, &error));
  vault = sillon_vault_open (copy, PASSPHRASE, &error);
  g_assert_no_error (error);
  store = sillon_store_new_with_vocabulary (sillon_vault_get_db (vault), store_test_vocabulary (), &error);
  g_assert_no_error (error);
  g_assert_cmpint (sillon_store_count_beneficiaries (store, &error), ==, 50);
  g_clear_pointer (&store, sillon_store_free);
  sillon_vault_lock (vault);

  for (const char *const *name = (const char *const[]){ copy, path, wal, NULL }; *name != NULL; name++)
    g_unlink (*name);
  {
    g_autofree char *copy_wal = g_strconcat (copy, "-wal", NULL);
    g_unlink (copy_wal);
  }
  g_rmdir (copy_dir);
  g_rmdir (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/store/vault/lock-leaves-complete-file", test_lock_leaves_complete_file);
  g_test_add_func ("/store/vault/erase", test_erase_in_vault);
  return g_test_run ();
}
