/* test-store-journal.c — the hash-chained journal and its tamper detection
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sillon-journal.h"
#include "test-store-util.h"

static const guint8 key[SILLON_JOURNAL_KEY_BYTES] = {
  1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
  17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32
};

static void
fill (StoreFixture *f, int n)
{
  static const SillonJournalAction actions[] = {
    SILLON_JOURNAL_OPEN,
    SILLON_JOURNAL_EXPORT,
    SILLON_JOURNAL_PRINT,
    SILLON_JOURNAL_ERASE,
    SILLON_JOURNAL_PASSPHRASE_CHANGE,
    SILLON_JOURNAL_IMPORT,
    SILLON_JOURNAL_SHELL,
  };

  for (int i = 0; i < n; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *details = g_strdup_printf ("beneficiary=%d", i);
      gint64 seq = 0;

      g_assert_true (sillon_journal_append (f->store, key, actions[i % G_N_ELEMENTS (actions)],
                                            i % 2, details, &seq, &error));
      g_assert_no_error (error);
      g_assert_cmpint (seq, ==, i + 1);
    }
}

static void
exec (StoreFixture *f, const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (f->db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* Raw access below the repository functions, as someone holding the
 * unlocked database with a SQL shell could do. */
static void
drop_guards (StoreFixture *f)
{
  exec (f, "DROP TRIGGER journal_no_update; DROP TRIGGER journal_no_delete");
}

static void
expect_tampered (StoreFixture *f, gint64 first_bad, guint64 n_good)
{
  g_autoptr (GError) error = NULL;
  gint64 bad = -1;
  guint64 n = 0;
  g_autofree char *seq_text = g_strdup_printf ("%" G_GINT64_FORMAT, first_bad);

  g_assert_false (sillon_journal_verify (f->store, key, &bad, &n, NULL, &error));
  g_assert_error (error, SILLON_JOURNAL_ERROR, SILLON_JOURNAL_ERROR_TAMPERED);
  g_assert_cmpint (bad, ==, first_bad);
  g_assert_nonnull (strstr (error->message, seq_text));
  g_assert_cmpuint (n, ==, n_good);
}

static void
test_append_and_verify (StoreFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries = NULL;
  guint8 head[SILLON_JOURNAL_HASH_BYTES];
  guint8 head2[SILLON_JOURNAL_HASH_BYTES];
  guint64 n = 0;
  gint64 bad = -1;

  /* An empty journal is valid. */
  g_assert_true (sillon_journal_verify (f->store, key, &bad, &n, head, &error));
  g_assert_cmpuint (n, ==, 0);

  fill (f, 10);
  g_assert_true (sillon_journal_verify (f->store, key, &bad, &n, head, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 10);
  g_assert_cmpint (bad, ==, 0);

  entries = sillon_journal_list (f->store, &error);
  g_assert_cmpuint (entries->len, ==, 10);
  g_assert_cmpint (((SillonJournalEntry *) entries->pdata[3])->action, ==, SILLON_JOURNAL_ERASE);
  g_assert_cmpstr (((SillonJournalEntry *) entries->pdata[3])->details, ==, "beneficiary=3");
  g_assert_cmpint (((SillonJournalEntry *) entries->pdata[3])->mediator_id, ==, 1);
  g_assert_cmpstr (sillon_journal_action_to_string (SILLON_JOURNAL_PASSPHRASE_CHANGE), ==, "passphrase_change");

  /* The head moves with every entry. */
  g_assert_true (sillon_journal_append (f->store, key, SILLON_JOURNAL_OPEN, 0, NULL, NULL, &error));
  g_assert_true (sillon_journal_verify (f->store, key, NULL, &n, head2, &error));
  g_assert_cmpuint (n, ==, 11);
  g_assert_true (memcmp (head, head2, sizeof head) != 0);

  /* Another key does not verify: the chain is keyed. */
  {
    guint8 other[SILLON_JOURNAL_KEY_BYTES] = { 0 };

    g_assert_false (sillon_journal_verify (f->store, other, &bad, NULL, NULL, &error));
    g_assert_error (error, SILLON_JOURNAL_ERROR, SILLON_JOURNAL_ERROR_TAMPERED);
    g_assert_cmpint (bad, ==, 1);
  }
}

static void
test_invalid_append (StoreFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *huge = g_strnfill (5000, 'h');

  g_assert_false (sillon_journal_append (f->store, key, 99, 0, NULL, NULL, &error));
  g_assert_error (error, SILLON_JOURNAL_ERROR, SILLON_JOURNAL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (sillon_journal_append (f->store, key, SILLON_JOURNAL_OPEN, 0, huge, NULL, &error));
  g_assert_error (error, SILLON_JOURNAL_ERROR, SILLON_JOURNAL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (sillon_journal_append (f->store, NULL, SILLON_JOURNAL_OPEN, 0, NULL, NULL, &error));
  g_assert_error (error, SILLON_JOURNAL_ERROR, SILLON_JOURNAL_ERROR_INVALID);
}

static void
test_triggers_refuse (StoreFixture *f, gconstpointer data)
{
  fill (f, 3);
  g_assert_cmpint (sqlite3_exec (f->db, "UPDATE journal SET details = 'x' WHERE seq = 2", NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_nonnull (strstr (sqlite3_errmsg (f->db), "append-only"));
  g_assert_cmpint (sqlite3_exec (f->db, "DELETE FROM journal WHERE seq = 2", NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (f->db, "DELETE FROM journal", NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_true (sillon_journal_verify (f->store, key, NULL, NULL, NULL, NULL));
}

/* One way of changing the journal behind the store's back (its guards
 * dropped), and what verification must say: the first entry that does not
 * verify and how many before it do. */
typedef struct
{
  const char *path;
  guint n_entries;
  const char *sql;
  gint64 first_bad;
  guint64 n_good;
} Tampering;

static const Tampering tamperings[] = {
  { "/journal/tamper/edit", 8, "UPDATE journal SET details = 'beneficiary=999' WHERE seq = 5", 5, 4 },
  { "/journal/tamper/edit-time", 8, "UPDATE journal SET at_unix = at_unix - 86400 WHERE seq = 3", 3, 2 },
  /* Entry 4 was an “erase”. */
  { "/journal/tamper/edit-action", 8, "UPDATE journal SET action = 'open' WHERE seq = 4", 4, 3 },
  /* Editing an entry and rehashing it without the key still breaks the
   * link to the next entry. */
  { "/journal/tamper/edit-rehash", 8, "UPDATE journal SET details = 'x', hash = zeroblob(32) WHERE seq = 6", 6, 5 },
  { "/journal/tamper/delete", 8, "DELETE FROM journal WHERE seq = 4", 5, 3 },
  /* Deleting an entry and renumbering the rest. */
  { "/journal/tamper/delete-renumber", 8, "DELETE FROM journal WHERE seq = 4; UPDATE journal SET seq = seq - 1 WHERE seq > 4", 4, 3 },
  { "/journal/tamper/delete-first", 5, "DELETE FROM journal WHERE seq = 1", 2, 0 },
  /* Swap entries 3 and 6 whole, numbers kept with their slot. */
  { "/journal/tamper/reorder", 8,
    "UPDATE journal SET seq = -3 WHERE seq = 3;"
    "UPDATE journal SET seq = 3 WHERE seq = 6;"
    "UPDATE journal SET seq = 6 WHERE seq = -3",
    3, 2 },
};

static void
test_tamper (StoreFixture *f, gconstpointer data)
{
  const Tampering *t = data;

  fill (f, t->n_entries);
  drop_guards (f);
  exec (f, t->sql);
  expect_tampered (f, t->first_bad, t->n_good);
}

/* The newest entries removed: the chain is valid but shorter, which only
 * the head kept elsewhere reveals. */
static void
test_truncation_needs_head (StoreFixture *f, gconstpointer data)
{
  guint8 head[SILLON_JOURNAL_HASH_BYTES];
  guint8 after[SILLON_JOURNAL_HASH_BYTES];
  guint64 n = 0;

  fill (f, 6);
  g_assert_true (sillon_journal_verify (f->store, key, NULL, &n, head, NULL));
  drop_guards (f);
  exec (f, "DELETE FROM journal WHERE seq = 6");
  g_assert_true (sillon_journal_verify (f->store, key, NULL, &n, after, NULL));
  g_assert_cmpuint (n, ==, 5);
  g_assert_true (memcmp (head, after, sizeof head) != 0);
}

/* Every stored column of every entry, hashes included, to compare the
 * journal before and after an operation byte for byte. */
static char *
snapshot (StoreFixture *f)
{
  sqlite3_stmt *stmt = NULL;
  GString *out = g_string_new (NULL);

  g_assert_cmpint (sqlite3_prepare_v2 (f->db,
                                       "SELECT seq, at_unix, action, ifnull (mediator_id, ''), details, hex (prev_hash), hex (hash)"
                                       " FROM journal ORDER BY seq",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    for (int i = 0; i < 7; i++)
      g_string_append_printf (out, "%s%c", (const char *) sqlite3_column_text (stmt, i), i == 6 ? '\n' : '|');
  sqlite3_finalize (stmt);
  return g_string_free (out, FALSE);
}

static gboolean
has_trigger (StoreFixture *f, const char *name)
{
  sqlite3_stmt *stmt = NULL;
  gboolean found;

  g_assert_cmpint (sqlite3_prepare_v2 (f->db, "SELECT 1 FROM sqlite_schema WHERE type = 'trigger' AND name = ?", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  found = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_finalize (stmt);
  return found;
}

static const guint8 new_key[SILLON_JOURNAL_KEY_BYTES] = {
  32, 31, 30, 29, 28, 27, 26, 25, 24, 23, 22, 21, 20, 19, 18, 17,
  16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1
};

/* Re-keying the journal of @f to new_key is refused as tampering, with
 * @in_message (when not NULL) in the error, and no byte of it changes. */
static void
assert_rekey_refused (StoreFixture *f, const char *in_message)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *raw_before = snapshot (f);
  g_autofree char *raw_after = NULL;

  g_assert_false (sillon_journal_rekey (f->store, key, new_key, &error));
  g_assert_error (error, SILLON_JOURNAL_ERROR, SILLON_JOURNAL_ERROR_TAMPERED);
  if (in_message != NULL)
    g_assert_nonnull (strstr (error->message, in_message));
  raw_after = snapshot (f);
  g_assert_cmpstr (raw_after, ==, raw_before);
}

/* After a rotation of the master key: the same entries, chained under the
 * new key, and the journal still append-only. */
static void
test_rekey (StoreFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) before = NULL;
  g_autoptr (GPtrArray) after = NULL;
  g_autofree char *raw_before = NULL;
  g_autofree char *raw_after = NULL;
  guint64 n = 0;
  gint64 bad = -1;

  /* An empty journal re-keys to an empty journal. */
  g_assert_true (sillon_journal_rekey (f->store, key, new_key, &error));
  g_assert_no_error (error);

  fill (f, 9);
  before = sillon_journal_list (f->store, &error);
  raw_before = snapshot (f);
  g_assert_true (sillon_journal_rekey (f->store, key, new_key, &error));
  g_assert_no_error (error);

  g_assert_true (sillon_journal_verify (f->store, new_key, &bad, &n, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 9);
  g_assert_false (sillon_journal_verify (f->store, key, &bad, NULL, NULL, &error));
  g_assert_error (error, SILLON_JOURNAL_ERROR, SILLON_JOURNAL_ERROR_TAMPERED);
  g_assert_cmpint (bad, ==, 1);
  g_clear_error (&error);

  /* The entries are the same; only the hashes changed. */
  after = sillon_journal_list (f->store, &error);
  g_assert_cmpuint (after->len, ==, before->len);
  for (guint i = 0; i < after->len; i++)
    {
      const SillonJournalEntry *a = after->pdata[i];
      const SillonJournalEntry *b = before->pdata[i];

      g_assert_cmpint (a->seq, ==, b->seq);
      g_assert_cmpint (a->at_unix, ==, b->at_unix);
      g_assert_cmpint (a->action, ==, b->action);
      g_assert_cmpint (a->mediator_id, ==, b->mediator_id);
      g_assert_cmpstr (a->details, ==, b->details);
    }
  raw_after = snapshot (f);
  g_assert_cmpstr (raw_after, !=, raw_before);

  /* The append-only guards are back in force, and the chain goes on under
   * the new key. */
  g_assert_true (has_trigger (f, "journal_no_update"));
  g_assert_true (has_trigger (f, "journal_no_delete"));
  g_assert_cmpint (sqlite3_exec (f->db, "UPDATE journal SET details = 'x' WHERE seq = 1", NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_true (sillon_journal_append (f->store, new_key, SILLON_JOURNAL_OPEN, 0, NULL, NULL, &error));
  g_assert_true (sillon_journal_verify (f->store, new_key, NULL, &n, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 10);

  /* Re-keying with a key that is not the chain's is refused too. */
  g_assert_false (sillon_journal_rekey (f->store, key, new_key, &error));
  g_assert_error (error, SILLON_JOURNAL_ERROR, SILLON_JOURNAL_ERROR_TAMPERED);
}

/* A rotation must not launder a tampered journal: refused, nothing changed. */
static void
test_rekey_refuses_tampered (StoreFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fill (f, 6);
  drop_guards (f);
  exec (f, "UPDATE journal SET details = 'beneficiary=99' WHERE seq = 3");
  /* Guards put back as the schema has them, as a careful intruder would. */
  exec (f, "CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal"
           "  BEGIN SELECT RAISE (ABORT, 'the journal is append-only'); END;"
           "CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal"
           "  BEGIN SELECT RAISE (ABORT, 'the journal is append-only'); END;");
  assert_rekey_refused (f, "3");
  g_assert_true (has_trigger (f, "journal_no_update"));
  expect_tampered (f, 3, 2);
  /* Still the old key's chain: nothing verifies under the new one. */
  g_assert_false (sillon_journal_verify (f->store, new_key, NULL, NULL, NULL, &error));
  g_assert_error (error, SILLON_JOURNAL_ERROR, SILLON_JOURNAL_ERROR_TAMPERED);
}

/* A journal whose append-only trigger was dropped is not re-keyed (nor is
 * the trigger silently recreated): the schema itself was tampered with. */
static void
test_rekey_refuses_missing_trigger (StoreFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  fill (f, 4);
  exec (f, "DROP TRIGGER journal_no_update");
  assert_rekey_refused (f, NULL);
  g_assert_false (has_trigger (f, "journal_no_update"));
  g_assert_true (sillon_journal_verify (f->store, key, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, StoreFixture, NULL, store_fixture_setup, func, store_fixture_teardown)
  ADD ("/journal/append-verify", test_append_and_verify);
  ADD ("/journal/invalid-append", test_invalid_append);
  ADD ("/journal/triggers", test_triggers_refuse);
  for (gsize i = 0; i < G_N_ELEMENTS (tamperings); i++)
    g_test_add (tamperings[i].path, StoreFixture, &tamperings[i], store_fixture_setup, test_tamper, store_fixture_teardown);
  ADD ("/journal/truncation", test_truncation_needs_head);
  ADD ("/journal/rekey", test_rekey);
  ADD ("/journal/rekey/refuses-tampered", test_rekey_refuses_tampered);
  ADD ("/journal/rekey/refuses-missing-trigger", test_rekey_refuses_missing_trigger);
#undef ADD
  return g_test_run ();
}
