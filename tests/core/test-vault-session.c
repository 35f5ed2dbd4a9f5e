/* test-vault-session.c — one open vault: open, create, lock and the `locked` signal
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <sys/stat.h>

#include "sillon-vault-session.h"
#include "test-cli-util.h"

#define PASSPHRASE "correct horse battery staple"
#define MEDIATOR "Camille Martin"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

/* The fastest creation the vault allows: these tests are about what
 * surrounds the key derivation, not about it. */
static const SillonVaultCreateOptions fast = { .kdf_target_ms = 1 };

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  f->dir = test_make_tmp_dir ("sillon-session-XXXXXX");
  f->path = g_build_filename (f->dir, "vault.sillon", NULL);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  test_remove_tree (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

/* A bare vault, as `sillon-cli vault create` leaves it: no store yet. */
static void
create_bare_vault (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *key = NULL;
  g_autoptr (SillonVault) vault = sillon_vault_create (path, MEDIATOR, PASSPHRASE, &fast, &key, &error);

  g_assert_no_error (error);
  g_assert_nonnull (vault);
  sillon_vault_free_secret (key);
  sillon_vault_lock (vault);
}

static void
on_result (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (source);
  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static SillonVaultSession *
open_async (const char *path, const char *passphrase, GCancellable *cancellable, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  sillon_vault_session_open_async (path, passphrase, "app", cancellable, on_result, &result);
  return sillon_vault_session_open_finish (wait_for (&result), error);
}

/* The vault is not left open behind the caller's back: opening it again
 * works, where a vault still held would say BUSY. */
static void
assert_vault_closed (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonVault) vault = sillon_vault_open (path, PASSPHRASE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (vault);
  sillon_vault_lock (vault);
}

static SillonVaultSession *
create_async (const char *path, const char *passphrase, char **out_key, GError **error)
{
  g_autoptr (GAsyncResult) result = NULL;

  sillon_vault_session_create_async (path, MEDIATOR, passphrase, &fast, "app", NULL, on_result, &result);
  return sillon_vault_session_create_finish (wait_for (&result), out_key, error);
}

static guint
count_open_entries (SillonVaultSession *session, const char *via)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries = sillon_journal_list (sillon_vault_session_get_store (session), &error);
  g_autofree char *needle = g_strdup_printf ("\"via\":\"%s\"", via);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      SillonJournalEntry *entry = g_ptr_array_index (entries, i);
      if (entry->action == SILLON_JOURNAL_OPEN && strstr (entry->details, needle) != NULL)
        n++;
    }
  return n;
}

static void
test_default_path (void)
{
  g_autofree char *path = sillon_vault_session_get_default_path ();
  g_autofree char *expected = g_build_filename (g_get_user_data_dir (), "sillon", "vault.sillon", NULL);

  g_assert_cmpstr (path, ==, expected);
}

static void
test_open (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonVaultSession) session = NULL;
  guint64 n_entries = 0;

  create_bare_vault (f->path);
  session = open_async (f->path, PASSPHRASE, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (session);

  g_assert_false (sillon_vault_session_is_locked (session));
  g_assert_cmpstr (sillon_vault_get_path (sillon_vault_session_get_vault (session)), ==, f->path);
  g_assert_false (sillon_vault_is_locked (sillon_vault_session_get_vault (session)));
  g_assert_nonnull (sillon_vault_session_get_journal_key (session));
  /* The store was opened, and migrated the bare vault. */
  g_assert_nonnull (sillon_vault_session_get_store (session));
  g_assert_cmpint (sillon_store_get_schema_version (sillon_vault_session_get_store (session)), ==,
                   SILLON_STORE_SCHEMA_VERSION);
  g_assert_cmpstr (sillon_vault_session_get_mediator_name (session), ==, MEDIATOR);
  /* No mediator record holds slot 0 yet. */
  g_assert_cmpint (sillon_vault_session_get_mediator_id (session), ==, 0);
  /* The unlock is journaled, and the chain verifies under the session's key. */
  g_assert_cmpuint (count_open_entries (session, "app"), ==, 1);
  {
    gint64 page_size = 0, page_count = 0;

    g_assert_true (sillon_vault_get_size (sillon_vault_session_get_vault (session), &page_size, &page_count, &error));
    g_assert_no_error (error);
    g_assert_cmpint (page_size, ==, 4096);
    g_assert_cmpint (page_count, >, 1);
  }
  g_assert_true (sillon_vault_session_journal (session, SILLON_JOURNAL_EXPORT, "{\"kind\":\"test\"}", &error));
  g_assert_no_error (error);
  g_assert_true (sillon_journal_verify (sillon_vault_session_get_store (session),
                                        sillon_vault_session_get_journal_key (session),
                                        NULL, &n_entries, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_entries, ==, 2);
}

static void
test_open_sync_finds_mediator (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonVaultSession) first = NULL;
  g_autoptr (SillonVaultSession) second = NULL;
  g_autoptr (SillonMediator) m = sillon_mediator_new ();

  create_bare_vault (f->path);
  first = sillon_vault_session_open (f->path, PASSPHRASE, "cli", NULL, &error);
  g_assert_no_error (error);
  m->display_name = g_strdup (MEDIATOR);
  m->vault_slot = 0;
  g_assert_true (sillon_store_insert_mediator (sillon_vault_session_get_store (first), m, &error));
  g_assert_no_error (error);
  sillon_vault_session_lock (first);

  second = sillon_vault_session_open (f->path, PASSPHRASE, "cli", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sillon_vault_session_get_mediator_id (second), ==, m->id);
  g_assert_cmpuint (count_open_entries (second, "cli"), ==, 2);
}

static void
test_wrong_passphrase (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonVaultSession) session = NULL;

  create_bare_vault (f->path);
  session = open_async (f->path, "not the passphrase at all", NULL, &error);
  g_assert_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_WRONG_PASSPHRASE);
  g_assert_null (session);
  assert_vault_closed (f->path);
}

static void
test_no_vault (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonVaultSession) session = open_async (f->path, PASSPHRASE, NULL, &error);

  g_assert_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_NOT_FOUND);
  g_assert_null (session);
}

/* The passphrase is right but the records are not readable by this
 * version: the store's error, and the vault locked again at once. */
static void
test_schema_too_new (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonVaultSession) session = NULL;
  g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", SILLON_STORE_SCHEMA_VERSION + 1);
  int version = 0;

  create_bare_vault (f->path);
  {
    g_autoptr (SillonVault) vault = sillon_vault_open (f->path, PASSPHRASE, &error);
    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_exec (sillon_vault_get_db (vault), bump, NULL, NULL, NULL), ==, SQLITE_OK);
    g_assert_true (sillon_store_read_schema_version (sillon_vault_get_db (vault), &version, &error));
    g_assert_no_error (error);
    g_assert_cmpint (version, ==, SILLON_STORE_SCHEMA_VERSION + 1);
    sillon_vault_lock (vault);
  }

  session = open_async (f->path, PASSPHRASE, NULL, &error);
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_SCHEMA_TOO_NEW);
  g_assert_null (session);
  assert_vault_closed (f->path);
}

static void
test_cancelled (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (SillonVaultSession) session = NULL;

  create_bare_vault (f->path);
  g_cancellable_cancel (cancellable);
  session = open_async (f->path, PASSPHRASE, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (session);
  assert_vault_closed (f->path);
}

static void
on_locked (SillonVaultSession *session, gpointer user_data)
{
  guint *count = user_data;

  /* Listeners hear it once everything is gone. */
  g_assert_true (sillon_vault_session_is_locked (session));
  g_assert_null (sillon_vault_session_get_store (session));
  (*count)++;
}

static void
test_lock (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonVaultSession) session = NULL;
  SillonVault *vault;
  guint locked = 0;

  create_bare_vault (f->path);
  session = open_async (f->path, PASSPHRASE, NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (session, "locked", G_CALLBACK (on_locked), &locked);
  vault = sillon_vault_session_get_vault (session);

  sillon_vault_session_lock (session);
  g_assert_cmpuint (locked, ==, 1);
  sillon_vault_session_lock (session);
  g_assert_cmpuint (locked, ==, 1);

  /* The store is gone, the keys wiped, the connection closed. */
  g_assert_true (sillon_vault_session_is_locked (session));
  g_assert_null (sillon_vault_session_get_store (session));
  g_assert_null (sillon_vault_session_get_journal_key (session));
  g_assert_true (sillon_vault_is_locked (vault));
  g_assert_null (sillon_vault_get_db (vault));
  g_assert_false (sillon_vault_session_journal (session, SILLON_JOURNAL_EXPORT, "{}", &error));
  g_assert_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_LOCKED);
  g_clear_error (&error);
  {
    gint64 page_size = 0, page_count = 0;

    g_assert_false (sillon_vault_get_size (vault, &page_size, &page_count, &error));
    g_assert_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_LOCKED);
  }
  assert_vault_closed (f->path);

  /* Dropping a locked session says nothing more. */
  g_clear_object (&session);
  g_assert_cmpuint (locked, ==, 1);
}

/* Dropping the last reference to an open session locks it, and whoever
 * borrowed its store hears it. */
static void
test_dispose_locks (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  SillonVaultSession *session;
  guint locked = 0;

  create_bare_vault (f->path);
  session = sillon_vault_session_open (f->path, PASSPHRASE, "cli", NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (session, "locked", G_CALLBACK (on_locked), &locked);
  g_object_unref (session);
  g_assert_cmpuint (locked, ==, 1);
  assert_vault_closed (f->path);
}

static void
test_create (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (SillonVaultSession) session = NULL;
  g_autofree char *folder = g_build_filename (f->dir, "new", "sillon", NULL);
  g_autofree char *path = g_build_filename (folder, "vault.sillon", NULL);
  char *key = NULL;
  GStatBuf st;

  session = create_async (path, PASSPHRASE, &key, &error);
  g_assert_no_error (error);
  g_assert_nonnull (session);
  g_assert_nonnull (key);
  g_assert_cmpuint (strlen (key), >, 20);

  /* The folder was made, private. */
  g_assert_cmpint (g_stat (folder, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  g_assert_nonnull (sillon_vault_session_get_store (session));
  g_assert_cmpstr (sillon_vault_session_get_mediator_name (session), ==, MEDIATOR);
  g_assert_cmpuint (count_open_entries (session, "app"), ==, 1);
  sillon_vault_session_lock (session);
  g_clear_object (&session);

  /* The key opens the vault. */
  {
    g_autoptr (SillonVault) vault = sillon_vault_open_with_recovery_key (path, key, SILLON_VAULT_SLOT_AUTO,
                                                                         "another long passphrase", &error);
    g_assert_no_error (error);
    sillon_vault_lock (vault);
  }
  sillon_vault_free_secret (key);
}

static void
test_create_exists (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonVaultSession) session = NULL;
  char *key = NULL;

  create_bare_vault (f->path);
  session = create_async (f->path, PASSPHRASE, &key, &error);
  g_assert_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_EXISTS);
  g_assert_null (session);
  g_assert_null (key);
  assert_vault_closed (f->path);
}

static void
test_create_weak_passphrase (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GAsyncResult) result = NULL;
  g_autoptr (SillonVaultSession) session = NULL;
  char *key = NULL;

  session = create_async (f->path, "short", &key, &error);
  g_assert_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_WEAK_PASSPHRASE);
  g_assert_null (session);
  g_assert_null (key);
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
}

/* A folder that cannot be made: a file is in the way. */
static void
test_create_no_folder (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonVaultSession) session = NULL;
  g_autofree char *blocker = g_build_filename (f->dir, "file", NULL);
  g_autofree char *path = g_build_filename (blocker, "vault.sillon", NULL);
  char *key = NULL;

  g_assert_true (g_file_set_contents (blocker, "x", 1, NULL));
  session = create_async (path, PASSPHRASE, &key, &error);
  g_assert_nonnull (error);
  g_assert_true (error->domain == G_IO_ERROR);
  g_assert_null (session);
  g_assert_null (key);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (sodium_init (), >=, 0);

  g_test_add_func ("/vault-session/default-path", test_default_path);
#define ADD(name, func) g_test_add ("/vault-session/" name, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("open", test_open);
  ADD ("open-sync-finds-mediator", test_open_sync_finds_mediator);
  ADD ("wrong-passphrase", test_wrong_passphrase);
  ADD ("no-vault", test_no_vault);
  ADD ("schema-too-new", test_schema_too_new);
  ADD ("cancelled", test_cancelled);
  ADD ("lock", test_lock);
  ADD ("dispose-locks", test_dispose_locks);
  ADD ("create", test_create);
  ADD ("create-exists", test_create_exists);
  ADD ("create-weak-passphrase", test_create_weak_passphrase);
  ADD ("create-no-folder", test_create_no_folder);
#undef ADD
  return g_test_run ();
}
