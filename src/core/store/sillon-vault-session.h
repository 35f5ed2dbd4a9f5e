/* sillon-vault-session.h — one open vault: the vault, its store, the journal and the mediator
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Opening a vault for work is always the same sequence: unlock it with a
 * passphrase, open the store (migrating an older vault), derive the journal
 * key, find the mediator who holds the keyslot that opened it, and journal
 * the opening. The application and sillon-cli both do it through this
 * object, so that there is one sequence to get right. Locking undoes it in
 * the one safe order (statements, write-ahead log, keys, connection) and
 * says so with the `locked` signal, which whatever borrowed the store
 * listens to.
 */

#pragma once

#include <gio/gio.h>

#include "sillon-journal.h"
#include "sillon-store.h"
#include "sillon-vault.h"

G_BEGIN_DECLS

#define SILLON_TYPE_VAULT_SESSION (sillon_vault_session_get_type ())
G_DECLARE_FINAL_TYPE (SillonVaultSession, sillon_vault_session, SILLON, VAULT_SESSION, GObject)

/* Where the vault lives unless told otherwise:
 * $XDG_DATA_HOME/sillon/vault.sillon. */
char *sillon_vault_session_get_default_path (void) G_GNUC_WARN_UNUSED_RESULT;

/* Unlocks the vault at @path with @passphrase and opens its store. @via says
 * who opened it in the journal: a fixed lower-case word ("app", "cli"),
 * never user text. Errors come from the vault (SILLON_VAULT_ERROR: a wrong
 * passphrase, a busy or damaged vault…) or, once the vault is unlocked, from
 * the store and the journal (SILLON_STORE_ERROR, SILLON_JOURNAL_ERROR): the
 * vault is then locked again before returning. Blocks for the time of the
 * key derivation (about a second): call it from a thread, or use
 * sillon_vault_session_open_async(). */
SillonVaultSession *sillon_vault_session_open (const char *path,
                                               const char *passphrase,
                                               const char *via,
                                               GCancellable *cancellable,
                                               GError **error) G_GNUC_WARN_UNUSED_RESULT;

/* The same in a worker thread. @passphrase is copied into guarded memory at
 * once: the caller may wipe its own copy as soon as this returns. */
void sillon_vault_session_open_async (const char *path,
                                      const char *passphrase,
                                      const char *via,
                                      GCancellable *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer user_data);
SillonVaultSession *sillon_vault_session_open_finish (GAsyncResult *result,
                                                      GError **error) G_GNUC_WARN_UNUSED_RESULT;

/* Creates a vault at @path (its folder is created private to the user if
 * needed) with a first keyslot for @mediator_name, then opens it as
 * sillon_vault_session_open() does, in a worker thread. @options may be
 * NULL. */
void sillon_vault_session_create_async (const char *path,
                                        const char *mediator_name,
                                        const char *passphrase,
                                        const SillonVaultCreateOptions *options,
                                        const char *via,
                                        GCancellable *cancellable,
                                        GAsyncReadyCallback callback,
                                        gpointer user_data);
/* The recovery key goes to @out_recovery_key (free it with
 * sillon_vault_free_secret()) whenever the vault file was created, even if
 * opening its store then failed: it is shown only once and the vault
 * exists, so the caller must still show it. */
SillonVaultSession *sillon_vault_session_create_finish (GAsyncResult *result,
                                                        char **out_recovery_key,
                                                        GError **error) G_GNUC_WARN_UNUSED_RESULT;

/* Frees the store, folds the write-ahead log into the vault file, wipes the
 * journal key and locks the vault, then emits `locked`. Once only: a
 * second call does nothing. Disposing an open session locks it too. */
void sillon_vault_session_lock (SillonVaultSession *self);
gboolean sillon_vault_session_is_locked (SillonVaultSession *self);

const char *sillon_vault_session_get_path (SillonVaultSession *self);
/* Owned by the session. The store is NULL once locked: borrow it only
 * until `locked`. */
SillonVault *sillon_vault_session_get_vault (SillonVaultSession *self);
SillonStore *sillon_vault_session_get_store (SillonVaultSession *self);
/* The journal's key (SILLON_JOURNAL_KEY_BYTES, guarded memory), NULL once
 * locked. */
const guint8 *sillon_vault_session_get_journal_key (SillonVaultSession *self);
/* The mediator whose keyslot opened the vault: the id of their record (0
 * when none holds that slot) and the slot's label (the name they gave). */
gint64 sillon_vault_session_get_mediator_id (SillonVaultSession *self);
const char *sillon_vault_session_get_mediator_name (SillonVaultSession *self);

/* Appends to the journal under the session's mediator; @details holds ids
 * and counts only. */
gboolean sillon_vault_session_journal (SillonVaultSession *self,
                                       SillonJournalAction action,
                                       const char *details,
                                       GError **error);

/* Derives a key from the vault's master key for a layer above the store,
 * which does not see the vault itself (the sheets' fingerprint key): see
 * sillon_vault_derive_subkey() for @context, @subkey_id and @length.
 * Fails with SILLON_VAULT_ERROR_LOCKED once locked. */
gboolean sillon_vault_session_derive_key (SillonVaultSession *self,
                                          const char context[8],
                                          guint64 subkey_id,
                                          guint8 *out,
                                          gsize length,
                                          GError **error);

G_END_DECLS
