/* sillon-vault-header.h — the vault header: two copies, keyslots, key derivation
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first 4096 bytes of a vault file hold two redundant 2048-byte copies
 * of the header. Parsing is pure (no I/O, no key) so that it can be fed
 * arbitrary bytes; authentication (the keyed MAC of each copy) needs the
 * master key, which only a keyslot gives. Byte layout: docs/VAULT-FORMAT.md.
 */

#pragma once

#include <glib.h>

#include "sillon-vault.h"

G_BEGIN_DECLS

#define SILLON_VAULT_HEADER_SIZE 4096
#define SILLON_VAULT_HEADER_COPY_SIZE 2048
#define SILLON_VAULT_HEADER_SLOT_SIZE 192
#define SILLON_VAULT_HEADER_MAC_SIZE 64
#define SILLON_VAULT_FORMAT_VERSION 1
#define SILLON_VAULT_AEAD_XCHACHA20POLY1305 1
#define SILLON_VAULT_KDF_ARGON2ID13 1
#define SILLON_VAULT_KDF_BLAKE2B 2
#define SILLON_VAULT_LABEL_MAX 63 /* bytes of UTF-8 */
#define SILLON_VAULT_SLOT_INFO_SIZE (8 + SILLON_VAULT_LABEL_MAX + 1)
#define SILLON_VAULT_MASTER_KEY_SIZE 32
#define SILLON_VAULT_DB_ID_SIZE 16
#define SILLON_VAULT_RECOVERY_KEY_SIZE 32

/* Argon2id bounds: the floor is a policy, the ceiling keeps a forged header
 * from making an unlock allocate gigabytes or run for minutes (an unlock may
 * try every slot of both copies). The ceiling is what calibration can pick,
 * nothing more. */
#define SILLON_VAULT_KDF_MIN_OPSLIMIT 2
#define SILLON_VAULT_KDF_MAX_OPSLIMIT 32
#define SILLON_VAULT_KDF_MIN_MEMLIMIT ((guint64) 64 * 1024 * 1024)
#define SILLON_VAULT_KDF_MAX_MEMLIMIT ((guint64) 256 * 1024 * 1024)

#define SILLON_VAULT_HEADER_ERROR (sillon_vault_header_error_quark ())

typedef enum
{
  SILLON_VAULT_HEADER_ERROR_TRUNCATED,
  SILLON_VAULT_HEADER_ERROR_BAD_MAGIC,
  SILLON_VAULT_HEADER_ERROR_UNSUPPORTED_VERSION,
  SILLON_VAULT_HEADER_ERROR_INVALID,
  SILLON_VAULT_HEADER_ERROR_KDF_FAILED,
} SillonVaultHeaderError;

typedef struct
{
  guint8 kind; /* SillonVaultSlotKind */
  guint8 kdf;  /* SILLON_VAULT_KDF_* */
  gint64 created_unix;
  guint64 opslimit;
  guint64 memlimit;
  guint8 salt[16];
  char label[SILLON_VAULT_LABEL_MAX + 1];
  /* created_unix and label, encrypted under a key derived from the master
   * key, as stored: until sillon_vault_header_copy_open_info() runs on a
   * parsed copy, its label is empty and created_unix 0. */
  guint8 sealed_info[SILLON_VAULT_SLOT_INFO_SIZE];
  guint8 nonce[24];
  guint8 wrapped_key[SILLON_VAULT_MASTER_KEY_SIZE + 16]; /* ciphertext ‖ tag */
} SillonVaultHeaderSlot;

typedef struct
{
  gboolean valid; /* structurally valid; says nothing about the MAC */
  guint16 version;
  guint32 page_size;
  guint8 reserve;
  guint8 aead;
  guint8 db_id[SILLON_VAULT_DB_ID_SIZE];
  guint64 generation;
  guint32 repairs; /* times a damaged or stale copy was rewritten at open */
  SillonVaultHeaderSlot slots[SILLON_VAULT_MAX_SLOTS];
  guint8 raw[SILLON_VAULT_HEADER_COPY_SIZE]; /* as read, for the MAC */
} SillonVaultHeaderCopy;

typedef struct
{
  SillonVaultHeaderCopy copies[2];
} SillonVaultHeader;

/* Subkeys of the master key (crypto_kdf_derive_from_key). */
typedef struct
{
  guint8 page[32];
  guint8 header_mac[32];
  guint8 checksum_mask[32];
  guint8 backup[32];
} SillonVaultSubkeys;

GQuark sillon_vault_header_error_quark (void);

/* Parses one 2048-byte copy found at position @index (0 or 1). Never reads
 * outside [data, data + len). */
gboolean sillon_vault_header_parse_copy (const guint8 *data,
                                         gsize len,
                                         guint index,
                                         SillonVaultHeaderCopy *out,
                                         GError **error);

/* Parses both copies of a header region (normally SILLON_VAULT_HEADER_SIZE
 * bytes; shorter input leaves the missing copies invalid). Returns TRUE if
 * at least one copy is structurally valid; @out is always initialised.
 * Safe on arbitrary bytes: this is the fuzzing entry point. */
gboolean sillon_vault_header_parse (const guint8 *data,
                                    gsize len,
                                    SillonVaultHeader *out,
                                    GError **error);

/* Serialises @copy as copy number @index, with its MAC. */
void sillon_vault_header_serialize_copy (const SillonVaultHeaderCopy *copy,
                                         guint index,
                                         const guint8 mac_key[32],
                                         guint8 out[SILLON_VAULT_HEADER_COPY_SIZE]);

/* Decrypts the label and creation time of every slot of @copy (parsed, its
 * MAC checked) with the key derived from @master_key. A label that does not
 * decrypt to valid UTF-8 is left empty. */
void sillon_vault_header_copy_open_info (SillonVaultHeaderCopy *copy,
                                         const guint8 master_key[SILLON_VAULT_MASTER_KEY_SIZE]);

/* Checks the keyed BLAKE2b MAC of a parsed copy (constant time). */
gboolean sillon_vault_header_copy_check_mac (const SillonVaultHeaderCopy *copy,
                                             const guint8 mac_key[32]);

void sillon_vault_derive_subkeys (const guint8 master_key[SILLON_VAULT_MASTER_KEY_SIZE],
                                  SillonVaultSubkeys *out);

/* Measures Argon2id here and picks parameters taking about @target_ms,
 * never below the floor. */
void sillon_vault_kdf_calibrate (guint target_ms,
                                 guint64 *out_opslimit,
                                 guint64 *out_memlimit);

/* Fills @slot (index @index of a header whose database id is @db_id) with
 * @master_key wrapped under a KEK derived from @passphrase. */
gboolean sillon_vault_slot_seal_passphrase (SillonVaultHeaderSlot *slot,
                                            guint index,
                                            const guint8 db_id[SILLON_VAULT_DB_ID_SIZE],
                                            const char *label,
                                            const char *passphrase,
                                            guint64 opslimit,
                                            guint64 memlimit,
                                            const guint8 master_key[SILLON_VAULT_MASTER_KEY_SIZE],
                                            GError **error);

/* Returns TRUE and the master key in @out_master_key if @passphrase opens
 * the slot. Any change to the slot's fields makes it fail. FALSE with
 * @error unset means "does not open"; @error is set only when Argon2id
 * itself could not run (not enough memory). */
gboolean sillon_vault_slot_open_passphrase (const SillonVaultHeaderSlot *slot,
                                            guint index,
                                            const guint8 db_id[SILLON_VAULT_DB_ID_SIZE],
                                            const char *passphrase,
                                            guint8 out_master_key[SILLON_VAULT_MASTER_KEY_SIZE],
                                            GError **error);

void sillon_vault_slot_seal_recovery (SillonVaultHeaderSlot *slot,
                                      guint index,
                                      const guint8 db_id[SILLON_VAULT_DB_ID_SIZE],
                                      const guint8 recovery_key[SILLON_VAULT_RECOVERY_KEY_SIZE],
                                      const guint8 master_key[SILLON_VAULT_MASTER_KEY_SIZE]);

gboolean sillon_vault_slot_open_recovery (const SillonVaultHeaderSlot *slot,
                                          guint index,
                                          const guint8 db_id[SILLON_VAULT_DB_ID_SIZE],
                                          const guint8 recovery_key[SILLON_VAULT_RECOVERY_KEY_SIZE],
                                          guint8 out_master_key[SILLON_VAULT_MASTER_KEY_SIZE]);

G_END_DECLS
