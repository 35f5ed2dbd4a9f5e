/* sillon-vault.h — the encrypted SQLite vault: create, unlock, keyslots, verify
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * See docs/VAULT-FORMAT.md for the file format, the threat model and the
 * known limitations.
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define SILLON_VAULT_ERROR (sillon_vault_error_quark ())

/* Each code gets its own translated message in the UI: keep them distinct. */
typedef enum
{
  SILLON_VAULT_ERROR_WRONG_PASSPHRASE,   /* no keyslot opens with it; no page was read */
  SILLON_VAULT_ERROR_WRONG_RECOVERY_KEY, /* malformed, bad check digit, or opens no slot */
  SILLON_VAULT_ERROR_NOT_A_VAULT,        /* no valid header copy: not a Sillon vault, or both copies destroyed */
  SILLON_VAULT_ERROR_UNSUPPORTED_VERSION,
  SILLON_VAULT_ERROR_TAMPERED,        /* authentication of a header, page or backup failed */
  SILLON_VAULT_ERROR_EXISTS,          /* create: the file is already there */
  SILLON_VAULT_ERROR_NOT_FOUND,       /* open: no file at that path */
  SILLON_VAULT_ERROR_LOCKED,          /* operation needs an unlocked vault */
  SILLON_VAULT_ERROR_WEAK_PASSPHRASE, /* shorter than SILLON_VAULT_MIN_PASSPHRASE_LENGTH characters */
  SILLON_VAULT_ERROR_NO_FREE_SLOT,
  SILLON_VAULT_ERROR_LAST_SLOT, /* removing it would leave no passphrase slot */
  SILLON_VAULT_ERROR_SLOT_NOT_FOUND,
  SILLON_VAULT_ERROR_BUSY, /* another process holds the vault open (exclusive locking) */
  SILLON_VAULT_ERROR_IO,
  SILLON_VAULT_ERROR_SQL,
  SILLON_VAULT_ERROR_BACKUP_INVALID,      /* not a Sillon backup, truncated, or tampered */
  SILLON_VAULT_ERROR_SLOT_REQUIRED,       /* recovery with SILLON_VAULT_SLOT_AUTO, but several passphrase slots */
  SILLON_VAULT_ERROR_ROTATION_PENDING,    /* rotate: an interrupted rotation must be finished first */
  SILLON_VAULT_ERROR_NO_PENDING_ROTATION, /* resume: there is no interrupted rotation to finish */
} SillonVaultError;

#define SILLON_VAULT_MIN_PASSPHRASE_LENGTH 10
#define SILLON_VAULT_MAX_SLOTS 8
/* For sillon_vault_open_with_recovery_key(): the vault's only passphrase
 * slot. */
#define SILLON_VAULT_SLOT_AUTO G_MAXUINT

typedef enum
{
  SILLON_VAULT_SLOT_EMPTY = 0,
  SILLON_VAULT_SLOT_PASSPHRASE = 1,
  SILLON_VAULT_SLOT_RECOVERY = 2,
} SillonVaultSlotKind;

typedef struct
{
  guint index; /* 0 … SILLON_VAULT_MAX_SLOTS - 1 */
  SillonVaultSlotKind kind;
  char *label;          /* the mediator's display name; "" for the recovery slot */
  gint64 created_unix;  /* seconds since the epoch */
  guint64 kdf_opslimit; /* Argon2id passes; 0 for the recovery slot */
  gsize kdf_memlimit;   /* bytes; 0 for the recovery slot */
} SillonVaultSlotInfo;

void sillon_vault_slot_info_free (SillonVaultSlotInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SillonVaultSlotInfo, sillon_vault_slot_info_free)

typedef struct
{
  guint64 pages_checked;
  GArray *bad_pages; /* guint32 SQLite page numbers (1-based) that failed authentication */
  gboolean header_copy_a_ok;
  gboolean header_copy_b_ok;
  gboolean integrity_ok; /* PRAGMA integrity_check said "ok" (only run if no bad page) */
  /* How many times, over the vault's life, opening it found one header copy
   * damaged or out of date and rewrote it: after an interrupted header
   * change, or a modification of the file. */
  guint header_repairs;
  /* What a check found that opening normally, or `vault repair`, would
   * rewrite: a header copy out of date or damaged. A check writes nothing. */
  gboolean header_needs_repair;
  /* The log's header was edited (a version or page size Sillon never
   * writes): SQLite would refuse it. */
  gboolean wal_header_bad;
  /* The log was written by an earlier version of Sillon, before frame
   * headers were bound to their pages (see docs/VAULT-FORMAT.md). */
  gboolean old_log;
} SillonVaultVerifyReport;

void sillon_vault_verify_report_free (SillonVaultVerifyReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SillonVaultVerifyReport, sillon_vault_verify_report_free)

/* Options for creation. Zero-initialise, then set what you need. */
typedef struct
{
  /* Target time for Argon2id calibration, in milliseconds. 0 means the
   * default (750 ms). Never goes below 64 MiB and 2 passes whatever the target. */
  guint kdf_target_ms;
  /* SQLite page size: 0 means 4096. Must be a power of two in 1024…65536. */
  guint page_size;
} SillonVaultCreateOptions;

#define SILLON_TYPE_VAULT (sillon_vault_get_type ())
G_DECLARE_FINAL_TYPE (SillonVault, sillon_vault, SILLON, VAULT, GObject)

GQuark sillon_vault_error_quark (void);

/* Registers the "sillon" VFS with SQLite (idempotent, thread-safe). Called by
 * every entry point below; exposed for tests and benchmarks. */
void sillon_vault_register_vfs (void);

/* Creates a new vault at @path with a first passphrase slot labelled
 * @mediator_name, and a recovery slot. The recovery key is returned once in
 * @out_recovery_key (grouped base32 with a check digit, in sodium_malloc'd
 * memory: free it with sillon_vault_free_secret()). */
SillonVault *sillon_vault_create (const char *path,
                                  const char *mediator_name,
                                  const char *passphrase,
                                  const SillonVaultCreateOptions *options,
                                  char **out_recovery_key,
                                  GError **error) G_GNUC_WARN_UNUSED_RESULT;

typedef enum
{
  SILLON_VAULT_OPEN_DEFAULT = 0,
  /* For a check: nothing is written to the vault, its log or its header
   * (no header repair, no checkpoint when closing, no write at all), so a
   * damaged vault is left as it was found. Use it for verify. */
  SILLON_VAULT_OPEN_CHECK_ONLY = 1 << 0,
  /* Reads a log left by an earlier version of Sillon, whose frame headers
   * are not bound to their pages (see docs/VAULT-FORMAT.md). Only on the
   * user's explicit request: such a log can be altered unnoticed. */
  SILLON_VAULT_OPEN_ACCEPT_OLD_LOG = 1 << 1,
} SillonVaultOpenFlags;

/* Opens and unlocks. SILLON_VAULT_ERROR_WRONG_PASSPHRASE is raised before any
 * database page is read. */
SillonVault *sillon_vault_open_full (const char *path,
                                     const char *passphrase,
                                     SillonVaultOpenFlags flags,
                                     GError **error) G_GNUC_WARN_UNUSED_RESULT;
SillonVault *sillon_vault_open (const char *path,
                                const char *passphrase,
                                GError **error) G_GNUC_WARN_UNUSED_RESULT;

/* Opens with the recovery key and immediately replaces the passphrase of
 * slot @slot_index (or adds a slot if that index is empty) with
 * @new_passphrase: a recovery unlock always forces a new passphrase.
 * With SILLON_VAULT_SLOT_AUTO it replaces the vault's only passphrase slot
 * (or fills slot 0 if there is none); if there are several, it fails with
 * SILLON_VAULT_ERROR_SLOT_REQUIRED and changes nothing, since the labels
 * that tell them apart can only be read once unlocked. The slot that was
 * set is then sillon_vault_get_unlocked_slot(). */
SillonVault *sillon_vault_open_with_recovery_key (const char *path,
                                                  const char *recovery_key,
                                                  guint slot_index,
                                                  const char *new_passphrase,
                                                  GError **error) G_GNUC_WARN_UNUSED_RESULT;

/* Closes the database and wipes every key. The object stays valid (for the
 * UI), but every call below except get_path/is_locked fails with LOCKED.
 * Finalize your statements first. Statements still prepared on the
 * connection are not finalized (their owners still hold them): the
 * connection stays allocated until they are, but its files forget their
 * keys and its page cache is released, so any further step fails with
 * SQLITE_IOERR_READ. A statement in the middle of a scan (stepped, not
 * reset) may still hold a few decrypted pages; that is logged as a
 * warning. */
void sillon_vault_lock (SillonVault *self);
gboolean sillon_vault_is_locked (SillonVault *self);
const char *sillon_vault_get_path (SillonVault *self);

/* The open connection (WAL, exclusive locking, synchronous=FULL, temp in
 * memory). Owned by the vault; NULL when locked. */
sqlite3 *sillon_vault_get_db (SillonVault *self);

/* Whether a failure of SQLite on a vault's connection (@rc: the extended
 * result code the failing call returned, or sqlite3_extended_errcode ())
 * comes from the vault being damaged or tampered with: a page or frame that
 * failed authentication (SQLITE_IOERR_DATA, whatever message SQLite or
 * FTS5 gives with it), or a database SQLite found corrupt. Then sets
 * @error to SILLON_VAULT_ERROR_TAMPERED and returns TRUE; otherwise leaves
 * @error alone. Every module that turns an SQL failure into an error asks
 * this first, so that tampering never reads as a disk fault or a database
 * error. */
gboolean sillon_vault_error_if_tampered (int rc, GError **error);

/* The slot that unlocked this vault. */
guint sillon_vault_get_unlocked_slot (SillonVault *self);

/* SQLite's page size in bytes and the number of pages of the database. */
gboolean sillon_vault_get_size (SillonVault *self,
                                gint64 *out_page_size,
                                gint64 *out_page_count,
                                GError **error);

/* Attaches another vault to this connection as @schema_name (e.g. to copy
 * records between vaults). Its keys reach SQLite through an opaque handle,
 * never in SQL text. */
gboolean sillon_vault_attach (SillonVault *self,
                              const char *path,
                              const char *passphrase,
                              const char *schema_name,
                              GError **error);

/* Derives a key of @length bytes (16 to 64) for another part of Sillon
 * from the master key, with libsodium's KDF: @context names the purpose in
 * exactly 8 bytes (e.g. "SillonJK" for the journal) and @subkey_id tells
 * keys of one purpose apart. The vault's own context "SillonVK" is refused.
 * Nothing derived is stored: it changes when the vault is rotated. */
gboolean sillon_vault_derive_subkey (SillonVault *self,
                                     const char context[8],
                                     guint64 subkey_id,
                                     guint8 *out,
                                     gsize length,
                                     GError **error);

/* Keyslots: O(1) changes, no page is re-encrypted. */
gboolean sillon_vault_change_passphrase (SillonVault *self,
                                         const char *old_passphrase,
                                         const char *new_passphrase,
                                         GError **error);
/* Returns the index of the new slot, or -1 on error. */
int sillon_vault_add_slot (SillonVault *self,
                           const char *label,
                           const char *passphrase,
                           GError **error);
gboolean sillon_vault_remove_slot (SillonVault *self,
                                   guint slot_index,
                                   GError **error);
/* Element type: SillonVaultSlotInfo*, non-empty slots only. */
GPtrArray *sillon_vault_list_slots (SillonVault *self, GError **error);

/* Rotating the master key: every page is re-keyed under a fresh master key
 * (a copy into a new vault, then an atomic rename over the vault's path).
 * Only the slot that the passphrase opens can be re-wrapped (the others'
 * passphrases are unknown here): the other mediators' slots are dropped and
 * counted in @out_dropped_slots (may be NULL). A new recovery key replaces
 * the old one. See docs/VAULT-FORMAT.md, "Rotation". */
typedef struct
{
  /* Required. Shows the new recovery key to the user, and returns once
   * it has been shown (written out and flushed). It is called after the
   * copy is complete and the rotation recorded (so that it can be
   * finished after a crash), and before the old master key is given up:
   * after it, the only failures left (renaming, reopening) leave a
   * rotation to finish, never a lost key. Returning FALSE (with @error
   * set) abandons a new rotation: the vault is left as it was. */
  gboolean (*show_recovery_key) (const char *recovery_key, gpointer user_data, GError **error);
  /* Optional. Called with the complete copy (@copy, unlocked with the new
   * master key; its connection stays owned by the rotation) while the
   * vault being rotated (@old) is still unlocked: the place to re-key what
   * is keyed from the master key, such as the journal, so that the swap
   * changes both at once. Returning FALSE (with @error set) abandons the
   * rotation before anything is shown. */
  gboolean (*prepare_copy) (SillonVault *old, SillonVault *copy, gpointer user_data, GError **error);
  gpointer user_data;
} SillonVaultRotateCallbacks;

/* Rotates the master key of the unlocked @self. On success @self is
 * unlocked under the new key. A failure before the key is shown leaves the
 * old vault untouched and nothing to finish. A failure after it (the
 * rename, or reopening, failed) returns FALSE with @self locked and either
 * the rotation done, or recorded and waiting for
 * sillon_vault_resume_rotation(). Refused with ROTATION_PENDING while an
 * interrupted rotation waits. A vault being rotated is locked first: see
 * sillon_vault_lock() about statements still open. */
gboolean sillon_vault_rotate (SillonVault *self,
                              const char *passphrase,
                              const SillonVaultRotateCallbacks *callbacks,
                              guint *out_dropped_slots,
                              GError **error);

/* Whether a rotation of @self was interrupted after it was recorded (the
 * old vault is still in place; its passphrases and recovery key still
 * work, and so will the new recovery key once the rotation is finished).
 * A record left by a rotation that completed is removed here. */
gboolean sillon_vault_has_pending_rotation (SillonVault *self);

/* Finishes an interrupted rotation of the unlocked @self with @passphrase,
 * the passphrase of the carried-over slot when the rotation began. The
 * recovery key chosen then is shown again through @callbacks (a crash may
 * have kept it from the user) and stays the same. Failures as for
 * sillon_vault_rotate(); NO_PENDING_ROTATION if there is nothing to
 * finish, TAMPERED if the record is damaged or not this vault's. */
gboolean sillon_vault_resume_rotation (SillonVault *self,
                                       const char *passphrase,
                                       const SillonVaultRotateCallbacks *callbacks,
                                       guint *out_dropped_slots,
                                       GError **error);

/* Finishes an interrupted rotation of the vault at @path with the NEW
 * recovery key it showed, when the old vault is still in place (the old
 * recovery key opens it with sillon_vault_open_with_recovery_key()): the
 * rotated vault gets @new_passphrase on the carried-over slot, as any
 * recovery does, and is returned unlocked. WRONG_RECOVERY_KEY if the key
 * opens no interrupted rotation there. */
SillonVault *sillon_vault_resume_rotation_with_recovery_key (const char *path,
                                                             const char *recovery_key,
                                                             const char *new_passphrase,
                                                             const SillonVaultRotateCallbacks *callbacks,
                                                             GError **error) G_GNUC_WARN_UNUSED_RESULT;

/* Abandons an interrupted rotation of the unlocked @self: its record and
 * its copy are removed, the vault keeps its master key, passphrases and
 * recovery key, and the recovery key that rotation showed (if it did)
 * will never open anything. For a rotation that cannot be finished (its
 * record is damaged, or the passphrase it was started with is forgotten
 * and its key was never shown). NO_PENDING_ROTATION if there is none. */
gboolean sillon_vault_abandon_rotation (SillonVault *self, GError **error);

/* TEST ONLY. The steps of a rotation, in order, where a test can make it
 * stop as a crash would. */
typedef enum
{
  SILLON_VAULT_ROTATION_COPY_WRITTEN,  /* the copy is complete, not yet prepared */
  SILLON_VAULT_ROTATION_COPY_PREPARED, /* prepare_copy has run */
  SILLON_VAULT_ROTATION_COPY_SYNCED,   /* the copy is closed and on disk */
  SILLON_VAULT_ROTATION_RECORDED,      /* the rotation record is on disk */
  SILLON_VAULT_ROTATION_KEY_SHOWN,     /* show_recovery_key has returned */
  SILLON_VAULT_ROTATION_OLD_CLOSED,    /* the old connection is closed */
  SILLON_VAULT_ROTATION_RENAMED,       /* the copy has the vault's name */
  SILLON_VAULT_ROTATION_FINISHED,      /* the record is removed */
} SillonVaultRotationStep;

#define SILLON_VAULT_ROTATION_N_STEPS (SILLON_VAULT_ROTATION_FINISHED + 1)

typedef void (*SillonVaultFaultHook) (SillonVaultRotationStep step, gpointer user_data);

/* TEST ONLY: calls @hook at each step of every rotation in this process
 * (NULL: none, the default), so that a test can end the process there
 * (_exit in a forked child) and check what a crash at that point leaves.
 * Nothing in Sillon sets it; it reads no environment variable. */
void sillon_vault_set_fault_hook (SillonVaultFaultHook hook, gpointer user_data);

/* Authenticates every page of the main database and the WAL, then runs
 * integrity_check. Returns FALSE only if the check could not run; damage is
 * reported in @out_report. */
gboolean sillon_vault_verify (SillonVault *self,
                              SillonVaultVerifyReport **out_report,
                              GError **error);

/* Whether opening rewrote a damaged or out-of-date header copy. */
gboolean sillon_vault_get_header_repaired (SillonVault *self);

/* Folds the log into the vault file and empties it (a checkpoint), which
 * every close does too; for `vault repair`. */
gboolean sillon_vault_checkpoint (SillonVault *self, GError **error);

/* Encrypted backup of a consistent snapshot (crypto_secretstream), and
 * restore into a new vault file that opens with the same passphrases. */
gboolean sillon_vault_backup (SillonVault *self,
                              const char *backup_path,
                              GError **error);
gboolean sillon_vault_restore (const char *backup_path,
                               const char *passphrase,
                               const char *dest_path,
                               GError **error);

/* Frees a secret returned by this module (sodium_free after wiping). */
void sillon_vault_free_secret (char *secret);

G_END_DECLS
