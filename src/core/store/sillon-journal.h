/* sillon-journal.h — the append-only, hash-chained journal of sensitive actions
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sillon-store.h"
#include "sillon-vault.h"

G_BEGIN_DECLS

#define SILLON_JOURNAL_ERROR (sillon_journal_error_quark ())

typedef enum
{
  SILLON_JOURNAL_ERROR_TAMPERED, /* an entry was edited, deleted or moved; the message names it */
  SILLON_JOURNAL_ERROR_INVALID,
  SILLON_JOURNAL_ERROR_SQL,
} SillonJournalError;

GQuark sillon_journal_error_quark (void);

/* The key is 32 bytes, derived from the vault's master key by the caller. */
#define SILLON_JOURNAL_KEY_BYTES 32
#define SILLON_JOURNAL_HASH_BYTES 32

/* The nicks are written in the journal and covered by its hashes: never
 * change one (tests/core/test-enum-nicks.c holds them). */
typedef enum
{
  SILLON_JOURNAL_OPEN,              /*< nick=open >*/
  SILLON_JOURNAL_EXPORT,            /*< nick=export >*/
  SILLON_JOURNAL_PRINT,             /*< nick=print >*/
  SILLON_JOURNAL_ERASE,             /*< nick=erase >*/
  SILLON_JOURNAL_PASSPHRASE_CHANGE, /*< nick=passphrase_change >*/
  SILLON_JOURNAL_IMPORT,            /*< nick=import >*/
  SILLON_JOURNAL_SHELL,             /*< nick=shell >*/
} SillonJournalAction;

const char *sillon_journal_action_to_string (SillonJournalAction action);

typedef struct
{
  gint64 seq;
  gint64 at_unix;
  SillonJournalAction action;
  gint64 mediator_id; /* 0: none */
  char *details;      /* never personal data: ids, counts, fingerprints */
} SillonJournalEntry;

void sillon_journal_entry_free (SillonJournalEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SillonJournalEntry, sillon_journal_entry_free)

/* Appends an entry chained to the last one: BLAKE2b keyed with @key over the
 * previous hash and the entry's fields. @details may be NULL. */
gboolean sillon_journal_append (SillonStore *store,
                                const guint8 *key,
                                SillonJournalAction action,
                                gint64 mediator_id,
                                const char *details,
                                gint64 *out_seq,
                                GError **error);

/* The journal's key: derived from @vault's master key (so it follows the
 * vault, never stored), in sodium_malloc memory: free it with sodium_free. */
guint8 *sillon_journal_derive_key (SillonVault *vault, GError **error) G_GNUC_WARN_UNUSED_RESULT;

/* The id of the mediator whose keyslot is @slot, 0 when none is. */
gint64 sillon_journal_mediator_of_slot (SillonStore *store, guint slot);

/* Records that @vault has been unlocked, with the keyslot used and @via
 * ("app", "cli": a fixed word, no user text), under the mediator of that
 * keyslot, whose id goes to @out_mediator_id (may be NULL). @key is the
 * journal key (sillon_journal_derive_key). The application and sillon-cli
 * both call it on every unlock. */
gboolean sillon_journal_record_open (SillonVault *vault,
                                     SillonStore *store,
                                     const guint8 *key,
                                     const char *via,
                                     gint64 *out_mediator_id,
                                     GError **error);

/* Element type: SillonJournalEntry*, oldest first. */
GPtrArray *sillon_journal_list (SillonStore *store, GError **error);

/* Walks the chain. Returns FALSE with SILLON_JOURNAL_ERROR_TAMPERED naming
 * the first bad entry (its sequence number in @out_first_bad_seq) when an
 * entry was edited, deleted, inserted or moved. Removing the newest entries
 * leaves a valid shorter chain: compare @out_head_hash (may be NULL) with a
 * copy kept outside the database to detect that. */
gboolean sillon_journal_verify (SillonStore *store,
                                const guint8 *key,
                                gint64 *out_first_bad_seq,
                                guint64 *out_n_entries,
                                guint8 out_head_hash[SILLON_JOURNAL_HASH_BYTES],
                                GError **error);

/* Rewrites every entry's hashes under @new_key, after a rotation of the
 * vault's master key changed the journal key. All or nothing, in one
 * transaction: the whole chain must first verify under @old_key, else it
 * fails with SILLON_JOURNAL_ERROR_TAMPERED naming the first bad entry and
 * changes nothing, so that a rotation cannot launder a tampered journal. The
 * entries themselves (numbers, times, actions, details) are kept as they
 * are. */
gboolean sillon_journal_rekey (SillonStore *store,
                               const guint8 *old_key,
                               const guint8 *new_key,
                               GError **error);

/* Re-keys the journal of @copy, the copy that a rotation of @old's master
 * key is about to put in its place (SillonVaultRotateCallbacks.prepare_copy
 * calls it), from @old's journal key to @copy's. Done in the copy before
 * the swap, the vault and its journal change keys at once: a crash leaves
 * either the old vault with the old chain or the new one with the new
 * chain, and both verify. A vault without Sillon's tables, or written by a
 * newer Sillon, has no journal this version can re-key: nothing is done.
 * Fails as sillon_journal_rekey() does (a tampered chain is never
 * re-keyed). */
gboolean sillon_journal_rekey_rotated_copy (SillonVault *old,
                                            SillonVault *copy,
                                            GError **error);

G_END_DECLS
