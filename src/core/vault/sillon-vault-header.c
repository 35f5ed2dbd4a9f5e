/* sillon-vault-header.c — the vault header: two copies, keyslots, key derivation
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-vault-header.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#define HEADER_MAGIC "SILLONVH"
#define KDF_CONTEXT "SillonVK"
#define SLOT_AD_TAG "SillonS1"
#define SLOT_INFO_NONCE_TAG "SillonI1"
#define SLOTS_OFFSET 64
#define SLOT_FIXED_SIZE 112 /* the fields a slot's wrapping authenticates */
#define MAC_OFFSET (SILLON_VAULT_HEADER_COPY_SIZE - SILLON_VAULT_HEADER_MAC_SIZE)

enum
{
  SUBKEY_PAGE = 1,
  SUBKEY_HEADER_MAC,
  SUBKEY_CHECKSUM_MASK,
  SUBKEY_BACKUP,
  SUBKEY_SLOT_INFO,
};

GQuark
sillon_vault_header_error_quark (void)
{
  return g_quark_from_static_string ("sillon-vault-header-error-quark");
}

static guint64
get_be (const guint8 *p, guint n)
{
  guint64 v = 0;

  for (guint i = 0; i < n; i++)
    v = (v << 8) | p[i];
  return v;
}

static void
put_be (guint8 *p, guint n, guint64 v)
{
  for (guint i = 0; i < n; i++)
    p[n - 1 - i] = (guint8) (v >> (8 * i));
}

static gboolean
is_zero (const guint8 *p, gsize n)
{
  guint8 acc = 0;

  for (gsize i = 0; i < n; i++)
    acc |= p[i];
  return acc == 0;
}

/* The fields that unlocking needs, in clear; the encrypted creation time
 * (bytes 8–15) and label (48–111) are left as zeros here: the wrapping does
 * not cover them, the header MAC does. */
static void
slot_serialize_fixed (const SillonVaultHeaderSlot *slot, guint8 out[SLOT_FIXED_SIZE])
{
  memset (out, 0, SLOT_FIXED_SIZE);
  out[0] = slot->kind;
  out[1] = slot->kdf;
  put_be (out + 16, 8, slot->opslimit);
  put_be (out + 24, 8, slot->memlimit);
  memcpy (out + 32, slot->salt, 16);
}

static void
slot_serialize (const SillonVaultHeaderSlot *slot, guint8 out[SILLON_VAULT_HEADER_SLOT_SIZE])
{
  memset (out, 0, SILLON_VAULT_HEADER_SLOT_SIZE);
  if (slot->kind == SILLON_VAULT_SLOT_EMPTY)
    return;
  slot_serialize_fixed (slot, out);
  memcpy (out + 8, slot->sealed_info, 8);
  memcpy (out + 48, slot->sealed_info + 8, SILLON_VAULT_SLOT_INFO_SIZE - 8);
  memcpy (out + 112, slot->nonce, 24);
  memcpy (out + 136, slot->wrapped_key, sizeof slot->wrapped_key);
}

static gboolean
slot_parse (const guint8 *p, SillonVaultHeaderSlot *slot, GError **error)
{
  memset (slot, 0, sizeof *slot);
  slot->kind = p[0];
  slot->kdf = p[1];
  slot->opslimit = get_be (p + 16, 8);
  slot->memlimit = get_be (p + 24, 8);
  memcpy (slot->salt, p + 32, 16);
  memcpy (slot->nonce, p + 112, 24);
  memcpy (slot->wrapped_key, p + 136, sizeof slot->wrapped_key);
  memcpy (slot->sealed_info, p + 8, 8);
  memcpy (slot->sealed_info + 8, p + 48, SILLON_VAULT_SLOT_INFO_SIZE - 8);

  if (slot->kind == SILLON_VAULT_SLOT_EMPTY)
    {
      if (!is_zero (p, SILLON_VAULT_HEADER_SLOT_SIZE))
        goto invalid;
      return TRUE;
    }

  /* The label and creation time are encrypted: checked once decrypted. */
  if (!is_zero (p + 2, 6) || !is_zero (p + 184, 8))
    goto invalid;

  switch (slot->kind)
    {
      case SILLON_VAULT_SLOT_PASSPHRASE:
        if (slot->kdf != SILLON_VAULT_KDF_ARGON2ID13 || slot->opslimit < SILLON_VAULT_KDF_MIN_OPSLIMIT || slot->opslimit > SILLON_VAULT_KDF_MAX_OPSLIMIT || slot->memlimit < SILLON_VAULT_KDF_MIN_MEMLIMIT || slot->memlimit > SILLON_VAULT_KDF_MAX_MEMLIMIT)
          goto invalid;
        return TRUE;
      case SILLON_VAULT_SLOT_RECOVERY:
        if (slot->kdf != SILLON_VAULT_KDF_BLAKE2B || slot->opslimit != 0 || slot->memlimit != 0)
          goto invalid;
        return TRUE;
      default:
        break;
    }

invalid:
  g_set_error (error, SILLON_VAULT_HEADER_ERROR, SILLON_VAULT_HEADER_ERROR_INVALID,
               _ ("The vault header has an invalid keyslot"));
  return FALSE;
}

gboolean
sillon_vault_header_parse_copy (const guint8 *data,
                                gsize len,
                                guint index,
                                SillonVaultHeaderCopy *out,
                                GError **error)
{
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  memset (out, 0, sizeof *out);
  if (len < SILLON_VAULT_HEADER_COPY_SIZE)
    {
      g_set_error (error, SILLON_VAULT_HEADER_ERROR, SILLON_VAULT_HEADER_ERROR_TRUNCATED,
                   _ ("The vault header is truncated"));
      return FALSE;
    }
  memcpy (out->raw, data, SILLON_VAULT_HEADER_COPY_SIZE);

  if (memcmp (data, HEADER_MAGIC, 8) != 0)
    {
      g_set_error (error, SILLON_VAULT_HEADER_ERROR, SILLON_VAULT_HEADER_ERROR_BAD_MAGIC,
                   _ ("This is not a Sillon vault"));
      return FALSE;
    }
  out->version = (guint16) get_be (data + 8, 2);
  if (out->version != SILLON_VAULT_FORMAT_VERSION)
    {
      g_set_error (error, SILLON_VAULT_HEADER_ERROR, SILLON_VAULT_HEADER_ERROR_UNSUPPORTED_VERSION,
                   _ ("This vault was made by a newer version of Sillon (format %u)"),
                   (guint) out->version);
      return FALSE;
    }
  out->aead = data[11];
  out->page_size = (guint32) get_be (data + 12, 4);
  out->reserve = data[16];
  memcpy (out->db_id, data + 24, SILLON_VAULT_DB_ID_SIZE);
  out->generation = get_be (data + 40, 8);
  out->repairs = (guint32) get_be (data + 48, 4);

  if (data[10] != index || out->aead != SILLON_VAULT_AEAD_XCHACHA20POLY1305 || out->page_size < 1024 || out->page_size > 65536 || (out->page_size & (out->page_size - 1)) != 0 || out->reserve != 40 || !is_zero (data + 17, 7) || !is_zero (data + 52, 12))
    {
      g_set_error (error, SILLON_VAULT_HEADER_ERROR, SILLON_VAULT_HEADER_ERROR_INVALID,
                   _ ("The vault header is invalid"));
      return FALSE;
    }

  for (guint i = 0; i < SILLON_VAULT_MAX_SLOTS; i++)
    if (!slot_parse (data + SLOTS_OFFSET + i * SILLON_VAULT_HEADER_SLOT_SIZE, &out->slots[i], error))
      return FALSE;

  out->valid = TRUE;
  return TRUE;
}

gboolean
sillon_vault_header_parse (const guint8 *data,
                           gsize len,
                           SillonVaultHeader *out,
                           GError **error)
{
  g_autoptr (GError) first_error = NULL;
  g_autoptr (GError) second_error = NULL;
  gboolean a, b;

  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  a = sillon_vault_header_parse_copy (data, len, 0, &out->copies[0], &first_error);
  b = sillon_vault_header_parse_copy (len > SILLON_VAULT_HEADER_COPY_SIZE ? data + SILLON_VAULT_HEADER_COPY_SIZE : NULL,
                                      len > SILLON_VAULT_HEADER_COPY_SIZE ? len - SILLON_VAULT_HEADER_COPY_SIZE : 0,
                                      1, &out->copies[1], &second_error);
  if (a || b)
    return TRUE;

  /* Report the most telling reason: a version we do not know beats damage. */
  if (g_error_matches (second_error, SILLON_VAULT_HEADER_ERROR, SILLON_VAULT_HEADER_ERROR_UNSUPPORTED_VERSION) || g_error_matches (first_error, SILLON_VAULT_HEADER_ERROR, SILLON_VAULT_HEADER_ERROR_TRUNCATED))
    g_propagate_error (error, g_steal_pointer (&second_error));
  else
    g_propagate_error (error, g_steal_pointer (&first_error));
  return FALSE;
}

static void
compute_mac (const guint8 *raw, const guint8 mac_key[32], guint8 mac[SILLON_VAULT_HEADER_MAC_SIZE])
{
  crypto_generichash (mac, SILLON_VAULT_HEADER_MAC_SIZE, raw, MAC_OFFSET, mac_key, 32);
}

void
sillon_vault_header_serialize_copy (const SillonVaultHeaderCopy *copy,
                                    guint index,
                                    const guint8 mac_key[32],
                                    guint8 out[SILLON_VAULT_HEADER_COPY_SIZE])
{
  memset (out, 0, SILLON_VAULT_HEADER_COPY_SIZE);
  memcpy (out, HEADER_MAGIC, 8);
  put_be (out + 8, 2, SILLON_VAULT_FORMAT_VERSION);
  out[10] = (guint8) index;
  out[11] = SILLON_VAULT_AEAD_XCHACHA20POLY1305;
  put_be (out + 12, 4, copy->page_size);
  out[16] = 40;
  memcpy (out + 24, copy->db_id, SILLON_VAULT_DB_ID_SIZE);
  put_be (out + 40, 8, copy->generation);
  put_be (out + 48, 4, copy->repairs);
  for (guint i = 0; i < SILLON_VAULT_MAX_SLOTS; i++)
    slot_serialize (&copy->slots[i], out + SLOTS_OFFSET + i * SILLON_VAULT_HEADER_SLOT_SIZE);
  compute_mac (out, mac_key, out + MAC_OFFSET);
}

gboolean
sillon_vault_header_copy_check_mac (const SillonVaultHeaderCopy *copy,
                                    const guint8 mac_key[32])
{
  guint8 mac[SILLON_VAULT_HEADER_MAC_SIZE];

  if (!copy->valid)
    return FALSE;
  compute_mac (copy->raw, mac_key, mac);
  return sodium_memcmp (mac, copy->raw + MAC_OFFSET, sizeof mac) == 0;
}

void
sillon_vault_derive_subkeys (const guint8 master_key[SILLON_VAULT_MASTER_KEY_SIZE],
                             SillonVaultSubkeys *out)
{
  crypto_kdf_derive_from_key (out->page, sizeof out->page, SUBKEY_PAGE, KDF_CONTEXT, master_key);
  crypto_kdf_derive_from_key (out->header_mac, sizeof out->header_mac, SUBKEY_HEADER_MAC, KDF_CONTEXT, master_key);
  crypto_kdf_derive_from_key (out->checksum_mask, sizeof out->checksum_mask, SUBKEY_CHECKSUM_MASK, KDF_CONTEXT, master_key);
  crypto_kdf_derive_from_key (out->backup, sizeof out->backup, SUBKEY_BACKUP, KDF_CONTEXT, master_key);
}

void
sillon_vault_kdf_calibrate (guint target_ms,
                            guint64 *out_opslimit,
                            guint64 *out_memlimit)
{
  const char probe[] = "calibration";
  guint8 salt[crypto_pwhash_SALTBYTES] = { 0 };
  guint8 *out = sodium_malloc (32);
  guint64 mem = SILLON_VAULT_KDF_MIN_MEMLIMIT;
  guint64 ops = SILLON_VAULT_KDF_MIN_OPSLIMIT;
  gint64 start, elapsed_us;
  double per_pass_us;

  start = g_get_monotonic_time ();
  if (out == NULL || crypto_pwhash (out, 32, probe, strlen (probe), salt, ops, mem, crypto_pwhash_ALG_ARGON2ID13) != 0)
    goto out;
  elapsed_us = MAX (g_get_monotonic_time () - start, 1);
  if (elapsed_us >= (gint64) target_ms * 1000)
    goto out;

  /* Memory first (it is what makes guessing expensive on GPUs), up to
   * 256 MiB, then passes. */
  {
    double factor = (double) target_ms * 1000 / elapsed_us;
    double mem_factor = MIN (factor, 4.0);

    mem = (guint64) (SILLON_VAULT_KDF_MIN_MEMLIMIT * mem_factor) & ~(guint64) (1024 * 1024 - 1);
    mem = CLAMP (mem, SILLON_VAULT_KDF_MIN_MEMLIMIT, SILLON_VAULT_KDF_MAX_MEMLIMIT);
    per_pass_us = (double) elapsed_us / SILLON_VAULT_KDF_MIN_OPSLIMIT * ((double) mem / SILLON_VAULT_KDF_MIN_MEMLIMIT);
    ops = (guint64) ((double) target_ms * 1000 / per_pass_us);
    ops = CLAMP (ops, SILLON_VAULT_KDF_MIN_OPSLIMIT, SILLON_VAULT_KDF_MAX_OPSLIMIT);
  }

out:
  if (out != NULL)
    sodium_free (out);
  *out_opslimit = ops;
  *out_memlimit = mem;
}

/* The label and creation time of a slot say who uses the vault and since
 * when: they are encrypted with XChaCha20 under a subkey of the master key
 * (unlocking needs neither). The nonce comes from the slot's salt, fresh at
 * every seal; integrity comes from the header MAC. */
static void
slot_info_xor (const guint8 *salt, const guint8 master_key[SILLON_VAULT_MASTER_KEY_SIZE], const guint8 *in, guint8 *out)
{
  guint8 key[32];
  guint8 nonce[crypto_stream_xchacha20_NONCEBYTES];

  crypto_kdf_derive_from_key (key, sizeof key, SUBKEY_SLOT_INFO, KDF_CONTEXT, master_key);
  memcpy (nonce, SLOT_INFO_NONCE_TAG, 8);
  memcpy (nonce + 8, salt, 16);
  crypto_stream_xchacha20_xor (out, in, SILLON_VAULT_SLOT_INFO_SIZE, nonce, key);
  sodium_memzero (key, sizeof key);
}

static void
slot_seal_info (SillonVaultHeaderSlot *slot, const guint8 master_key[SILLON_VAULT_MASTER_KEY_SIZE])
{
  guint8 info[SILLON_VAULT_SLOT_INFO_SIZE] = { 0 };

  put_be (info, 8, (guint64) slot->created_unix);
  memcpy (info + 8, slot->label, strnlen (slot->label, SILLON_VAULT_LABEL_MAX));
  slot_info_xor (slot->salt, master_key, info, slot->sealed_info);
  sodium_memzero (info, sizeof info);
}

void
sillon_vault_header_copy_open_info (SillonVaultHeaderCopy *copy,
                                    const guint8 master_key[SILLON_VAULT_MASTER_KEY_SIZE])
{
  g_return_if_fail (copy != NULL && master_key != NULL);

  for (guint i = 0; i < SILLON_VAULT_MAX_SLOTS; i++)
    {
      SillonVaultHeaderSlot *slot = &copy->slots[i];
      guint8 info[SILLON_VAULT_SLOT_INFO_SIZE];
      gsize len;

      if (slot->kind == SILLON_VAULT_SLOT_EMPTY)
        continue;
      slot_info_xor (slot->salt, master_key, slot->sealed_info, info);
      slot->created_unix = (gint64) get_be (info, 8);
      len = strnlen ((const char *) info + 8, SILLON_VAULT_LABEL_MAX);
      memcpy (slot->label, info + 8, len);
      slot->label[len] = '\0';
      if (!g_utf8_validate (slot->label, len, NULL))
        slot->label[0] = '\0';
      sodium_memzero (info, sizeof info);
    }
}

static void
slot_ad (const SillonVaultHeaderSlot *slot,
         guint index,
         const guint8 db_id[SILLON_VAULT_DB_ID_SIZE],
         guint8 ad[8 + SILLON_VAULT_DB_ID_SIZE + 1 + SLOT_FIXED_SIZE])
{
  memcpy (ad, SLOT_AD_TAG, 8);
  memcpy (ad + 8, db_id, SILLON_VAULT_DB_ID_SIZE);
  ad[24] = (guint8) index;
  slot_serialize_fixed (slot, ad + 25);
}

static void
slot_wrap (SillonVaultHeaderSlot *slot,
           guint index,
           const guint8 db_id[SILLON_VAULT_DB_ID_SIZE],
           const guint8 kek[32],
           const guint8 master_key[SILLON_VAULT_MASTER_KEY_SIZE])
{
  guint8 ad[8 + SILLON_VAULT_DB_ID_SIZE + 1 + SLOT_FIXED_SIZE];

  slot_ad (slot, index, db_id, ad);
  randombytes_buf (slot->nonce, sizeof slot->nonce);
  crypto_aead_xchacha20poly1305_ietf_encrypt (slot->wrapped_key, NULL, master_key, SILLON_VAULT_MASTER_KEY_SIZE,
                                              ad, sizeof ad, NULL, slot->nonce, kek);
}

static gboolean
slot_unwrap (const SillonVaultHeaderSlot *slot,
             guint index,
             const guint8 db_id[SILLON_VAULT_DB_ID_SIZE],
             const guint8 kek[32],
             guint8 out_master_key[SILLON_VAULT_MASTER_KEY_SIZE])
{
  guint8 ad[8 + SILLON_VAULT_DB_ID_SIZE + 1 + SLOT_FIXED_SIZE];

  slot_ad (slot, index, db_id, ad);
  return crypto_aead_xchacha20poly1305_ietf_decrypt (out_master_key, NULL, NULL, slot->wrapped_key,
                                                     sizeof slot->wrapped_key, ad, sizeof ad,
                                                     slot->nonce, kek) == 0;
}

static gboolean
passphrase_kek (const SillonVaultHeaderSlot *slot, const char *passphrase, guint8 *kek)
{
  return crypto_pwhash (kek, 32, passphrase, strlen (passphrase), slot->salt,
                        slot->opslimit, (size_t) slot->memlimit, crypto_pwhash_ALG_ARGON2ID13) == 0;
}

gboolean
sillon_vault_slot_seal_passphrase (SillonVaultHeaderSlot *slot,
                                   guint index,
                                   const guint8 db_id[SILLON_VAULT_DB_ID_SIZE],
                                   const char *label,
                                   const char *passphrase,
                                   guint64 opslimit,
                                   guint64 memlimit,
                                   const guint8 master_key[SILLON_VAULT_MASTER_KEY_SIZE],
                                   GError **error)
{
  guint8 *kek;
  gsize label_len;

  g_return_val_if_fail (slot != NULL && passphrase != NULL && label != NULL, FALSE);

  /* Cut the label on a character boundary so that it always parses back. */
  label_len = strlen (label);
  if (label_len > SILLON_VAULT_LABEL_MAX)
    {
      const char *end = g_utf8_find_prev_char (label, label + SILLON_VAULT_LABEL_MAX + 1);

      label_len = end != NULL ? (gsize) (end - label) : 0;
    }

  memset (slot, 0, sizeof *slot);
  slot->kind = SILLON_VAULT_SLOT_PASSPHRASE;
  slot->kdf = SILLON_VAULT_KDF_ARGON2ID13;
  slot->created_unix = g_get_real_time () / G_USEC_PER_SEC;
  slot->opslimit = CLAMP (opslimit, SILLON_VAULT_KDF_MIN_OPSLIMIT, SILLON_VAULT_KDF_MAX_OPSLIMIT);
  slot->memlimit = CLAMP (memlimit, SILLON_VAULT_KDF_MIN_MEMLIMIT, SILLON_VAULT_KDF_MAX_MEMLIMIT);
  randombytes_buf (slot->salt, sizeof slot->salt);
  memcpy (slot->label, label, label_len);
  slot->label[label_len] = '\0';

  kek = sodium_malloc (32);
  if (kek == NULL || !passphrase_kek (slot, passphrase, kek))
    {
      if (kek != NULL)
        sodium_free (kek);
      memset (slot, 0, sizeof *slot);
      g_set_error (error, SILLON_VAULT_HEADER_ERROR, SILLON_VAULT_HEADER_ERROR_INVALID,
                   _ ("Not enough memory to protect the passphrase"));
      return FALSE;
    }
  slot_wrap (slot, index, db_id, kek, master_key);
  slot_seal_info (slot, master_key);
  sodium_free (kek);
  return TRUE;
}

gboolean
sillon_vault_slot_open_passphrase (const SillonVaultHeaderSlot *slot,
                                   guint index,
                                   const guint8 db_id[SILLON_VAULT_DB_ID_SIZE],
                                   const char *passphrase,
                                   guint8 out_master_key[SILLON_VAULT_MASTER_KEY_SIZE],
                                   GError **error)
{
  guint8 *kek;
  gboolean ok;

  if (slot->kind != SILLON_VAULT_SLOT_PASSPHRASE || passphrase == NULL)
    return FALSE;
  kek = sodium_malloc (32);
  if (kek == NULL || !passphrase_kek (slot, passphrase, kek))
    {
      if (kek != NULL)
        sodium_free (kek);
      g_set_error (error, SILLON_VAULT_HEADER_ERROR, SILLON_VAULT_HEADER_ERROR_KDF_FAILED,
                   _ ("Not enough memory to check the passphrase (%u MiB needed)"),
                   (guint) (slot->memlimit >> 20));
      return FALSE;
    }
  ok = slot_unwrap (slot, index, db_id, kek, out_master_key);
  sodium_free (kek);
  return ok;
}

static void
recovery_kek (const SillonVaultHeaderSlot *slot,
              const guint8 recovery_key[SILLON_VAULT_RECOVERY_KEY_SIZE],
              guint8 *kek)
{
  /* 256 random bits need no stretching. */
  crypto_generichash (kek, 32, recovery_key, SILLON_VAULT_RECOVERY_KEY_SIZE, slot->salt, sizeof slot->salt);
}

void
sillon_vault_slot_seal_recovery (SillonVaultHeaderSlot *slot,
                                 guint index,
                                 const guint8 db_id[SILLON_VAULT_DB_ID_SIZE],
                                 const guint8 recovery_key[SILLON_VAULT_RECOVERY_KEY_SIZE],
                                 const guint8 master_key[SILLON_VAULT_MASTER_KEY_SIZE])
{
  guint8 *kek = sodium_malloc (32);

  g_assert (kek != NULL);
  memset (slot, 0, sizeof *slot);
  slot->kind = SILLON_VAULT_SLOT_RECOVERY;
  slot->kdf = SILLON_VAULT_KDF_BLAKE2B;
  slot->created_unix = g_get_real_time () / G_USEC_PER_SEC;
  randombytes_buf (slot->salt, sizeof slot->salt);
  recovery_kek (slot, recovery_key, kek);
  slot_wrap (slot, index, db_id, kek, master_key);
  slot_seal_info (slot, master_key);
  sodium_free (kek);
}

gboolean
sillon_vault_slot_open_recovery (const SillonVaultHeaderSlot *slot,
                                 guint index,
                                 const guint8 db_id[SILLON_VAULT_DB_ID_SIZE],
                                 const guint8 recovery_key[SILLON_VAULT_RECOVERY_KEY_SIZE],
                                 guint8 out_master_key[SILLON_VAULT_MASTER_KEY_SIZE])
{
  guint8 *kek;
  gboolean ok;

  if (slot->kind != SILLON_VAULT_SLOT_RECOVERY)
    return FALSE;
  kek = sodium_malloc (32);
  if (kek == NULL)
    return FALSE;
  recovery_kek (slot, recovery_key, kek);
  ok = slot_unwrap (slot, index, db_id, kek, out_master_key);
  sodium_free (kek);
  return ok;
}
