/* sillon-journal.c — the append-only, hash-chained journal of sensitive actions
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-journal.h"

#include "sillon-id-table.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "sillon-store-private.h"

/* Each entry's hash covers the previous hash, so editing, deleting or moving
 * one entry breaks the chain from there on. The hash is keyed: without the
 * key (derived from the vault's master key) nobody can rebuild a consistent
 * chain after tampering. Triggers refuse UPDATE and DELETE through SQL; the
 * chain catches whatever bypasses them (dropped triggers, page edits). */

G_DEFINE_QUARK (sillon - journal - error - quark, sillon_journal_error)

#define HASH_DOMAIN "sillon-journal-v1"

const char *
sillon_journal_action_to_string (SillonJournalAction action)
{
  return sillon_id_table_get_id (SILLON_TYPE_JOURNAL_ACTION, action);
}

static int
action_from_string (const char *text)
{
  int action;

  return sillon_id_table_lookup (SILLON_TYPE_JOURNAL_ACTION, text, &action) ? action : -1;
}

void
sillon_journal_entry_free (SillonJournalEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->details);
  g_free (entry);
}

static void
update_u64 (crypto_generichash_state *state, guint64 value)
{
  guint8 le[8];

  for (int i = 0; i < 8; i++)
    le[i] = (value >> (8 * i)) & 0xff;
  crypto_generichash_update (state, le, sizeof le);
}

/* Length-prefixed, so that no two field lists hash the same bytes. */
static void
update_text (crypto_generichash_state *state, const char *text)
{
  gsize len = text != NULL ? strlen (text) : 0;

  update_u64 (state, len);
  if (len > 0)
    crypto_generichash_update (state, (const guint8 *) text, len);
}

static void
entry_hash (const guint8 *key,
            const guint8 prev[SILLON_JOURNAL_HASH_BYTES],
            gint64 seq,
            gint64 at_unix,
            const char *action,
            gint64 mediator_id,
            const char *details,
            guint8 out[SILLON_JOURNAL_HASH_BYTES])
{
  crypto_generichash_state state;

  crypto_generichash_init (&state, key, SILLON_JOURNAL_KEY_BYTES, SILLON_JOURNAL_HASH_BYTES);
  update_text (&state, HASH_DOMAIN);
  crypto_generichash_update (&state, prev, SILLON_JOURNAL_HASH_BYTES);
  update_u64 (&state, (guint64) seq);
  update_u64 (&state, (guint64) at_unix);
  update_text (&state, action);
  update_u64 (&state, (guint64) mediator_id);
  update_text (&state, details);
  crypto_generichash_final (&state, out, SILLON_JOURNAL_HASH_BYTES);
  sodium_memzero (&state, sizeof state);
}

static gboolean
check_ready (const guint8 *key, GError **error)
{
  if (sodium_init () < 0)
    {
      g_set_error (error, SILLON_JOURNAL_ERROR, SILLON_JOURNAL_ERROR_INVALID,
                   _ ("The cryptography library could not be initialised"));
      return FALSE;
    }
  if (key == NULL)
    {
      g_set_error (error, SILLON_JOURNAL_ERROR, SILLON_JOURNAL_ERROR_INVALID,
                   _ ("The journal key is missing"));
      return FALSE;
    }
  return TRUE;
}

static void
set_sql_error (SillonStore *store, GError **error)
{
  sqlite3 *db = sillon_store_get_db (store);

  if (sillon_store_error_if_tampered (sqlite3_extended_errcode (db), error))
    return;
  g_set_error (error, SILLON_JOURNAL_ERROR, SILLON_JOURNAL_ERROR_SQL,
               _ ("Database error in the journal: %s"), sqlite3_errmsg (db));
}

gboolean
sillon_journal_append (SillonStore *store,
                       const guint8 *key,
                       SillonJournalAction action,
                       gint64 mediator_id,
                       const char *details,
                       gint64 *out_seq,
                       GError **error)
{
  g_autoptr (SillonStoreTransaction) tx = NULL;
  const char *action_name = sillon_journal_action_to_string (action);
  guint8 prev[SILLON_JOURNAL_HASH_BYTES] = { 0 };
  guint8 hash[SILLON_JOURNAL_HASH_BYTES];
  gint64 seq = 1;
  gint64 at_unix = store_now_unix ();
  int rc;

  if (!check_ready (key, error))
    return FALSE;
  if (action_name == NULL)
    {
      g_set_error (error, SILLON_JOURNAL_ERROR, SILLON_JOURNAL_ERROR_INVALID,
                   _ ("Unknown journal action %d"), (int) action);
      return FALSE;
    }
  if (details != NULL && (strlen (details) > SILLON_STORE_MAX_TEXT_BYTES || !g_utf8_validate (details, -1, NULL)))
    {
      g_set_error (error, SILLON_JOURNAL_ERROR, SILLON_JOURNAL_ERROR_INVALID,
                   _ ("The details of a journal entry must be valid text of at most 4 KiB"));
      return FALSE;
    }

  tx = sillon_store_transaction_begin (store, error);
  if (tx == NULL)
    return FALSE;
  {
    g_autoptr (StoreStmt) last = store_stmt (store, "SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1", error);

    if (last == NULL)
      return FALSE;
    rc = sqlite3_step (last);
    if (rc == SQLITE_ROW)
      {
        seq = sqlite3_column_int64 (last, 0) + 1;
        if (sqlite3_column_bytes (last, 1) == SILLON_JOURNAL_HASH_BYTES)
          memcpy (prev, sqlite3_column_blob (last, 1), SILLON_JOURNAL_HASH_BYTES);
      }
    else if (rc != SQLITE_DONE)
      {
        set_sql_error (store, error);
        return FALSE;
      }
  }
  entry_hash (key, prev, seq, at_unix, action_name, mediator_id, details, hash);
  {
    g_autoptr (StoreStmt) ins = store_stmt (store,
                                            "INSERT INTO journal (seq, at_unix, action, mediator_id, details, prev_hash, hash)"
                                            " VALUES (?, ?, ?, ?, ?, ?, ?)",
                                            error);
    if (ins == NULL)
      return FALSE;
    sqlite3_bind_int64 (ins, 1, seq);
    sqlite3_bind_int64 (ins, 2, at_unix);
    store_bind_text (ins, 3, action_name);
    store_bind_id (ins, 4, mediator_id);
    store_bind_text (ins, 5, details != NULL ? details : "");
    sqlite3_bind_blob (ins, 6, prev, sizeof prev, SQLITE_TRANSIENT);
    sqlite3_bind_blob (ins, 7, hash, sizeof hash, SQLITE_TRANSIENT);
    if (!store_step_done (store, ins, error))
      return FALSE;
  }
  if (!sillon_store_transaction_commit (tx, error))
    return FALSE;
  if (out_seq != NULL)
    *out_seq = seq;
  return TRUE;
}

GPtrArray *
sillon_journal_list (SillonStore *store, GError **error)
{
  g_autoptr (StoreStmt) stmt = store_stmt (store, "SELECT seq, at_unix, action, mediator_id, details FROM journal ORDER BY seq", error);
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) sillon_journal_entry_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SillonJournalEntry *e = g_new0 (SillonJournalEntry, 1);
      int action = action_from_string ((const char *) sqlite3_column_text (stmt, 2));

      e->seq = sqlite3_column_int64 (stmt, 0);
      e->at_unix = sqlite3_column_int64 (stmt, 1);
      e->action = action >= 0 ? action : SILLON_JOURNAL_OPEN;
      e->mediator_id = store_column_id (stmt, 3);
      e->details = store_column_text (stmt, 4);
      g_ptr_array_add (list, e);
    }
  if (rc != SQLITE_DONE)
    {
      set_sql_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

gboolean
sillon_journal_verify (SillonStore *store,
                       const guint8 *key,
                       gint64 *out_first_bad_seq,
                       guint64 *out_n_entries,
                       guint8 out_head_hash[SILLON_JOURNAL_HASH_BYTES],
                       GError **error)
{
  g_autoptr (StoreStmt) stmt = NULL;
  guint8 expected_prev[SILLON_JOURNAL_HASH_BYTES] = { 0 };
  gint64 expected_seq = 1;
  guint64 n = 0;
  int rc;

  if (out_first_bad_seq != NULL)
    *out_first_bad_seq = 0;
  if (out_n_entries != NULL)
    *out_n_entries = 0;
  if (!check_ready (key, error))
    return FALSE;

  /* Read as stored, bypassing nothing but also trusting nothing: the
   * columns are read with their raw types. */
  stmt = store_stmt (store, "SELECT seq, at_unix, action, mediator_id, details, prev_hash, hash FROM journal ORDER BY seq", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 seq = sqlite3_column_int64 (stmt, 0);
      guint8 computed[SILLON_JOURNAL_HASH_BYTES];
      const void *prev = sqlite3_column_blob (stmt, 5);
      const void *hash = sqlite3_column_blob (stmt, 6);
      const char *problem = NULL;

      if (seq != expected_seq)
        problem = _ ("an entry before it is missing or was moved");
      else if (sqlite3_column_bytes (stmt, 5) != SILLON_JOURNAL_HASH_BYTES ||
               sodium_memcmp (prev, expected_prev, SILLON_JOURNAL_HASH_BYTES) != 0)
        problem = _ ("it does not follow the entry before it: an entry was deleted, inserted or moved");
      else
        {
          entry_hash (key, expected_prev, seq, sqlite3_column_int64 (stmt, 1),
                      (const char *) sqlite3_column_text (stmt, 2),
                      store_column_id (stmt, 3), (const char *) sqlite3_column_text (stmt, 4), computed);
          if (sqlite3_column_bytes (stmt, 6) != SILLON_JOURNAL_HASH_BYTES ||
              sodium_memcmp (hash, computed, SILLON_JOURNAL_HASH_BYTES) != 0)
            problem = _ ("its content was modified");
        }
      if (problem != NULL)
        {
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, seq);

          if (out_first_bad_seq != NULL)
            *out_first_bad_seq = seq;
          if (out_n_entries != NULL)
            *out_n_entries = n;
          g_set_error (error, SILLON_JOURNAL_ERROR, SILLON_JOURNAL_ERROR_TAMPERED,
                       /* Translators: the first %s is an entry number, the second the reason */
                       _ ("The journal was tampered with at entry %s: %s"), number, problem);
          return FALSE;
        }
      memcpy (expected_prev, hash, SILLON_JOURNAL_HASH_BYTES);
      expected_seq++;
      n++;
    }
  if (rc != SQLITE_DONE)
    {
      set_sql_error (store, error);
      return FALSE;
    }
  if (out_n_entries != NULL)
    *out_n_entries = n;
  if (out_head_hash != NULL)
    memcpy (out_head_hash, expected_prev, SILLON_JOURNAL_HASH_BYTES);
  return TRUE;
}

/* The append-only trigger exactly as the schema (migration 1 in
 * sillon-store.c) creates it, as SQLite keeps it in sqlite_schema. Re-keying
 * must rewrite the hash columns, which this trigger refuses, so it drops the
 * trigger and creates it again inside the re-keying transaction: DDL is
 * transactional in SQLite, so no other connection ever sees the journal
 * without it, and any failure rolls the drop back with the rest. Only this
 * trigger is lifted; the one refusing DELETE stays in force throughout. A
 * copy of the text, rather than whatever sqlite_schema holds, is what gets
 * recreated, and re-keying refuses to run unless the stored definition is
 * this one: an altered or missing trigger is itself a sign of tampering, and
 * re-keying must neither execute SQL taken from the file nor quietly repair
 * it. A connection-level switch read by the trigger (a WHEN clause calling an
 * application function) would avoid the drop but needs a schema migration
 * and would let any code on the connection flip it. */
#define NO_UPDATE_TRIGGER "journal_no_update"
#define NO_UPDATE_TRIGGER_SQL                                                \
  "CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal  BEGIN SELECT " \
  "RAISE (ABORT, 'the journal is append-only'); END"

static gboolean
check_no_update_trigger (SillonStore *store, GError **error)
{
  g_autoptr (StoreStmt) stmt = store_stmt (store,
                                           "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ? AND tbl_name = 'journal'",
                                           error);
  gboolean intact = FALSE;
  int rc;

  if (stmt == NULL)
    return FALSE;
  store_bind_text (stmt, 1, NO_UPDATE_TRIGGER);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    intact = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), NO_UPDATE_TRIGGER_SQL) == 0;
  else if (rc != SQLITE_DONE)
    {
      set_sql_error (store, error);
      return FALSE;
    }
  if (!intact)
    {
      g_set_error (error, SILLON_JOURNAL_ERROR, SILLON_JOURNAL_ERROR_TAMPERED,
                   _ ("The journal’s protection against changes is missing or was altered: the journal cannot be re-keyed"));
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  gint64 seq;
  guint8 prev[SILLON_JOURNAL_HASH_BYTES];
  guint8 hash[SILLON_JOURNAL_HASH_BYTES];
} Rehashed;

/* The new chain, computed in memory before anything is written: the rows
 * are not updated while the statement reading them is still stepping. */
static GArray *
rehash_chain (SillonStore *store, const guint8 *new_key, GError **error)
{
  g_autoptr (StoreStmt) stmt = store_stmt (store, "SELECT seq, at_unix, action, mediator_id, details FROM journal ORDER BY seq", error);
  g_autoptr (GArray) chain = g_array_new (FALSE, FALSE, sizeof (Rehashed));
  guint8 prev[SILLON_JOURNAL_HASH_BYTES] = { 0 };
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Rehashed r;

      r.seq = sqlite3_column_int64 (stmt, 0);
      memcpy (r.prev, prev, sizeof prev);
      entry_hash (new_key, prev, r.seq, sqlite3_column_int64 (stmt, 1),
                  (const char *) sqlite3_column_text (stmt, 2),
                  store_column_id (stmt, 3), (const char *) sqlite3_column_text (stmt, 4), r.hash);
      memcpy (prev, r.hash, sizeof prev);
      g_array_append_val (chain, r);
    }
  if (rc != SQLITE_DONE)
    {
      set_sql_error (store, error);
      return NULL;
    }
  return g_steal_pointer (&chain);
}

gboolean
sillon_journal_rekey (SillonStore *store,
                      const guint8 *old_key,
                      const guint8 *new_key,
                      GError **error)
{
  g_autoptr (SillonStoreTransaction) tx = NULL;
  g_autoptr (GArray) chain = NULL;
  sqlite3 *db;

  g_return_val_if_fail (store != NULL, FALSE);

  if (!check_ready (old_key, error) || !check_ready (new_key, error))
    return FALSE;
  db = sillon_store_get_db (store);

  /* One write transaction from the check to the last row, so that nothing
   * can be appended or changed between verifying and rewriting. */
  tx = sillon_store_transaction_begin (store, error);
  if (tx == NULL)
    return FALSE;
  /* Verified under the old key first: re-keying a tampered chain would
   * make it verify, laundering the tampering. */
  if (!sillon_journal_verify (store, old_key, NULL, NULL, NULL, error) ||
      !check_no_update_trigger (store, error))
    return FALSE;
  chain = rehash_chain (store, new_key, error);
  if (chain == NULL)
    return FALSE;

  if (!store_exec (db, "DROP TRIGGER " NO_UPDATE_TRIGGER, error))
    return FALSE;
  {
    /* Only the two hash columns change; the entries themselves, which the
     * hashes cover, are left as they are. */
    g_autoptr (StoreStmt) upd = store_stmt (store, "UPDATE journal SET prev_hash = ?, hash = ? WHERE seq = ?", error);

    if (upd == NULL)
      return FALSE;
    for (guint i = 0; i < chain->len; i++)
      {
        const Rehashed *r = &g_array_index (chain, Rehashed, i);

        sqlite3_bind_blob (upd, 1, r->prev, sizeof r->prev, SQLITE_STATIC);
        sqlite3_bind_blob (upd, 2, r->hash, sizeof r->hash, SQLITE_STATIC);
        sqlite3_bind_int64 (upd, 3, r->seq);
        if (!store_step_done (store, upd, error))
          return FALSE;
      }
  }
  if (!store_exec (db, NO_UPDATE_TRIGGER_SQL, error))
    return FALSE;
  /* The rewritten chain is checked under the new key before it replaces the
   * old one: a mistake here would otherwise surface as a false alarm. */
  if (!sillon_journal_verify (store, new_key, NULL, NULL, NULL, error))
    return FALSE;
  return sillon_store_transaction_commit (tx, error);
}

/* Context and id of the journal key among the master key's subkeys. */
#define JOURNAL_KDF_CONTEXT "SillonJK"
#define JOURNAL_SUBKEY_ID 1

guint8 *
sillon_journal_derive_key (SillonVault *vault, GError **error)
{
  guint8 *key;

  g_return_val_if_fail (SILLON_IS_VAULT (vault), NULL);

  key = sodium_malloc (SILLON_JOURNAL_KEY_BYTES);
  if (key == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                           _ ("Cannot allocate protected memory for the journal key"));
      return NULL;
    }
  if (!sillon_vault_derive_subkey (vault, JOURNAL_KDF_CONTEXT, JOURNAL_SUBKEY_ID, key, SILLON_JOURNAL_KEY_BYTES, error))
    {
      sodium_free (key);
      return NULL;
    }
  return key;
}

gint64
sillon_journal_mediator_of_slot (SillonStore *store, guint slot)
{
  g_autoptr (GPtrArray) mediators = sillon_store_list_mediators (store, NULL);

  if (mediators == NULL)
    return 0;
  for (guint i = 0; i < mediators->len; i++)
    {
      const SillonMediator *m = g_ptr_array_index (mediators, i);

      if (m->vault_slot >= 0 && (guint) m->vault_slot == slot)
        return m->id;
    }
  return 0;
}

gboolean
sillon_journal_record_open (SillonVault *vault,
                            SillonStore *store,
                            const guint8 *key,
                            const char *via,
                            gint64 *out_mediator_id,
                            GError **error)
{
  guint slot;
  gint64 mediator_id;
  g_autofree char *details = NULL;

  g_return_val_if_fail (SILLON_IS_VAULT (vault), FALSE);
  g_return_val_if_fail (store != NULL && key != NULL, FALSE);
  g_return_val_if_fail (via != NULL && strspn (via, "abcdefghijklmnopqrstuvwxyz") == strlen (via), FALSE);

  slot = sillon_vault_get_unlocked_slot (vault);
  mediator_id = sillon_journal_mediator_of_slot (store, slot);
  if (out_mediator_id != NULL)
    *out_mediator_id = mediator_id;
  details = g_strdup_printf ("{\"slot\":%u,\"via\":\"%s\"}", slot, via);
  return sillon_journal_append (store, key, SILLON_JOURNAL_OPEN, mediator_id, details, NULL, error);
}

gboolean
sillon_journal_rekey_rotated_copy (SillonVault *old,
                                   SillonVault *copy,
                                   GError **error)
{
  g_autoptr (SillonStore) store = NULL;
  sqlite3_stmt *stmt = NULL;
  guint8 *old_key = NULL, *new_key = NULL;
  gint64 version = 0;
  gboolean ok = FALSE;

  g_return_val_if_fail (SILLON_IS_VAULT (old), FALSE);
  g_return_val_if_fail (SILLON_IS_VAULT (copy), FALSE);

  /* Opening a store would create Sillon's tables in a bare vault. */
  if (sqlite3_prepare_v2 (sillon_vault_get_db (copy), "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  if (version < 1 || version > SILLON_STORE_SCHEMA_VERSION)
    return TRUE;

  store = sillon_store_new (sillon_vault_get_db (copy), error);
  if (store == NULL)
    return FALSE;
  old_key = sillon_journal_derive_key (old, error);
  if (old_key != NULL)
    new_key = sillon_journal_derive_key (copy, error);
  if (new_key != NULL)
    ok = sillon_journal_rekey (store, old_key, new_key, error);
  if (old_key != NULL)
    sodium_free (old_key);
  if (new_key != NULL)
    sodium_free (new_key);
  return ok;
}
