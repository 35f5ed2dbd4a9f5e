/* test-vault-header.c — parsing, MACs and keyslots of the vault header
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-vault-header.h"

#include <sodium.h>
#include <string.h>

#define PASSPHRASE "correct horse battery staple"

static guint8 master_key[SILLON_VAULT_MASTER_KEY_SIZE];
static guint8 recovery_key[SILLON_VAULT_RECOVERY_KEY_SIZE];
static SillonVaultSubkeys subkeys;
static SillonVaultHeaderCopy sample;
static guint8 sample_raw[SILLON_VAULT_HEADER_SIZE];

/* One header with a passphrase slot (the KDF floor), a recovery slot and a
 * label in UTF-8: built once, shared by the tests. */
static void
build_sample (void)
{
  g_autoptr (GError) error = NULL;

  randombytes_buf (master_key, sizeof master_key);
  randombytes_buf (recovery_key, sizeof recovery_key);
  sillon_vault_derive_subkeys (master_key, &subkeys);
  memset (&sample, 0, sizeof sample);
  sample.valid = TRUE;
  sample.version = SILLON_VAULT_FORMAT_VERSION;
  sample.page_size = 4096;
  sample.reserve = 40;
  sample.aead = SILLON_VAULT_AEAD_XCHACHA20POLY1305;
  sample.generation = 7;
  randombytes_buf (sample.db_id, sizeof sample.db_id);
  g_assert_true (sillon_vault_slot_seal_passphrase (&sample.slots[2], 2, sample.db_id, "Élodie Martin", PASSPHRASE,
                                                    SILLON_VAULT_KDF_MIN_OPSLIMIT, SILLON_VAULT_KDF_MIN_MEMLIMIT,
                                                    master_key, &error));
  g_assert_no_error (error);
  sillon_vault_slot_seal_recovery (&sample.slots[7], 7, sample.db_id, recovery_key, master_key);
  sillon_vault_header_serialize_copy (&sample, 0, subkeys.header_mac, sample_raw);
  sillon_vault_header_serialize_copy (&sample, 1, subkeys.header_mac, sample_raw + SILLON_VAULT_HEADER_COPY_SIZE);
}

static void
test_roundtrip (void)
{
  SillonVaultHeader header;
  guint8 again[SILLON_VAULT_HEADER_COPY_SIZE];
  g_autoptr (GError) error = NULL;

  g_assert_true (sillon_vault_header_parse (sample_raw, sizeof sample_raw, &header, &error));
  g_assert_no_error (error);
  for (guint c = 0; c < 2; c++)
    {
      const SillonVaultHeaderCopy *copy = &header.copies[c];

      g_assert_true (copy->valid);
      g_assert_cmpuint (copy->generation, ==, 7);
      g_assert_cmpuint (copy->page_size, ==, 4096);
      g_assert_cmpmem (copy->db_id, 16, sample.db_id, 16);
      g_assert_cmpint (copy->slots[2].kind, ==, SILLON_VAULT_SLOT_PASSPHRASE);
      /* Labels and creation times are readable only with the master key. */
      g_assert_cmpstr (copy->slots[2].label, ==, "");
      g_assert_cmpint (copy->slots[2].created_unix, ==, 0);
      g_assert_cmpint (copy->slots[7].kind, ==, SILLON_VAULT_SLOT_RECOVERY);
      g_assert_cmpint (copy->slots[0].kind, ==, SILLON_VAULT_SLOT_EMPTY);
      g_assert_true (sillon_vault_header_copy_check_mac (copy, subkeys.header_mac));
      /* Serialising the parsed copy gives the same bytes back. */
      sillon_vault_header_serialize_copy (copy, c, subkeys.header_mac, again);
      g_assert_cmpmem (again, sizeof again, sample_raw + c * SILLON_VAULT_HEADER_COPY_SIZE, SILLON_VAULT_HEADER_COPY_SIZE);
      sillon_vault_header_copy_open_info (&header.copies[c], master_key);
      g_assert_cmpstr (copy->slots[2].label, ==, "Élodie Martin");
      g_assert_cmpint (copy->slots[2].created_unix, ==, sample.slots[2].created_unix);
      g_assert_cmpint (copy->slots[2].created_unix, >, 0);
      g_assert_cmpstr (copy->slots[7].label, ==, "");
      g_assert_cmpint (copy->slots[7].created_unix, ==, sample.slots[7].created_unix);
      /* Opening changes nothing that is written back. */
      sillon_vault_header_serialize_copy (copy, c, subkeys.header_mac, again);
      g_assert_cmpmem (again, sizeof again, sample_raw + c * SILLON_VAULT_HEADER_COPY_SIZE, SILLON_VAULT_HEADER_COPY_SIZE);
    }
}

/* Who uses the vault, and since when, is not written in clear. */
static void
test_label_not_in_clear (void)
{
  guint8 created[8];
  guint8 wrong_key[SILLON_VAULT_MASTER_KEY_SIZE];
  SillonVaultHeader header;
  gint64 t = sample.slots[2].created_unix;

  for (int i = 0; i < 8; i++)
    created[i] = (guint8) ((guint64) t >> (56 - 8 * i));
  g_assert_null (memmem (sample_raw, sizeof sample_raw, "Martin", 6));
  g_assert_null (memmem (sample_raw, sizeof sample_raw, "lodie", 5));
  g_assert_null (memmem (sample_raw, sizeof sample_raw, created, sizeof created));

  /* Another master key reads no label (garbage is never shown). */
  randombytes_buf (wrong_key, sizeof wrong_key);
  g_assert_true (sillon_vault_header_parse (sample_raw, sizeof sample_raw, &header, NULL));
  sillon_vault_header_copy_open_info (&header.copies[0], wrong_key);
  g_assert_cmpstr (header.copies[0].slots[2].label, !=, "Élodie Martin");
  g_assert_true (g_utf8_validate (header.copies[0].slots[2].label, -1, NULL));

  /* The encrypted label is covered by the header MAC. */
  {
    guint8 raw[SILLON_VAULT_HEADER_COPY_SIZE];
    SillonVaultHeaderCopy copy;

    memcpy (raw, sample_raw, sizeof raw);
    raw[64 + 2 * SILLON_VAULT_HEADER_SLOT_SIZE + 50] ^= 1;
    g_assert_true (sillon_vault_header_parse_copy (raw, sizeof raw, 0, &copy, NULL));
    g_assert_false (sillon_vault_header_copy_check_mac (&copy, subkeys.header_mac));
  }
}

static void
test_mac_key_matters (void)
{
  SillonVaultHeader header;
  SillonVaultSubkeys other;
  guint8 other_mk[SILLON_VAULT_MASTER_KEY_SIZE];

  randombytes_buf (other_mk, sizeof other_mk);
  sillon_vault_derive_subkeys (other_mk, &other);
  g_assert_true (sillon_vault_header_parse (sample_raw, sizeof sample_raw, &header, NULL));
  g_assert_false (sillon_vault_header_copy_check_mac (&header.copies[0], other.header_mac));
  /* The subkeys are distinct from each other and from the master key. */
  g_assert_true (memcmp (subkeys.page, subkeys.header_mac, 32) != 0);
  g_assert_true (memcmp (subkeys.page, subkeys.checksum_mask, 32) != 0);
  g_assert_true (memcmp (subkeys.page, subkeys.backup, 32) != 0);
  g_assert_true (memcmp (subkeys.page, master_key, 32) != 0);
}

/* Any single changed bit of a copy is caught, by the parser or by the MAC. */
static void
test_every_bit_flip_detected (void)
{
  guint8 copy[SILLON_VAULT_HEADER_COPY_SIZE];

  for (gsize i = 0; i < SILLON_VAULT_HEADER_COPY_SIZE; i++)
    for (guint bit = 0; bit < 8; bit += 3)
      {
        SillonVaultHeaderCopy parsed;

        memcpy (copy, sample_raw, sizeof copy);
        copy[i] ^= 1 << bit;
        if (sillon_vault_header_parse_copy (copy, sizeof copy, 0, &parsed, NULL))
          g_assert_false (sillon_vault_header_copy_check_mac (&parsed, subkeys.header_mac));
      }
}

static void
test_one_copy_enough (void)
{
  guint8 raw[SILLON_VAULT_HEADER_SIZE];
  SillonVaultHeader header;

  memcpy (raw, sample_raw, sizeof raw);
  memset (raw + 10, 0xee, 500);
  g_assert_true (sillon_vault_header_parse (raw, sizeof raw, &header, NULL));
  g_assert_false (header.copies[0].valid);
  g_assert_true (header.copies[1].valid);

  /* Truncated input: the second copy is missing, the first still parses. */
  g_assert_true (sillon_vault_header_parse (sample_raw, SILLON_VAULT_HEADER_COPY_SIZE + 7, &header, NULL));
  g_assert_true (header.copies[0].valid);
  g_assert_false (header.copies[1].valid);
}

static void
test_errors (void)
{
  SillonVaultHeader header;
  guint8 raw[SILLON_VAULT_HEADER_SIZE];
  g_autoptr (GError) error = NULL;

  g_assert_false (sillon_vault_header_parse (NULL, 0, &header, &error));
  g_assert_error (error, SILLON_VAULT_HEADER_ERROR, SILLON_VAULT_HEADER_ERROR_TRUNCATED);
  g_clear_error (&error);

  memset (raw, 0, sizeof raw);
  g_assert_false (sillon_vault_header_parse (raw, sizeof raw, &header, &error));
  g_assert_error (error, SILLON_VAULT_HEADER_ERROR, SILLON_VAULT_HEADER_ERROR_BAD_MAGIC);
  g_clear_error (&error);

  memcpy (raw, sample_raw, sizeof raw);
  raw[9] = 2;
  raw[SILLON_VAULT_HEADER_COPY_SIZE + 9] = 2;
  g_assert_false (sillon_vault_header_parse (raw, sizeof raw, &header, &error));
  g_assert_error (error, SILLON_VAULT_HEADER_ERROR, SILLON_VAULT_HEADER_ERROR_UNSUPPORTED_VERSION);
  g_clear_error (&error);

  /* A copy found at the other position (copies swapped) is refused. */
  memcpy (raw, sample_raw + SILLON_VAULT_HEADER_COPY_SIZE, SILLON_VAULT_HEADER_COPY_SIZE);
  memcpy (raw + SILLON_VAULT_HEADER_COPY_SIZE, sample_raw, SILLON_VAULT_HEADER_COPY_SIZE);
  g_assert_false (sillon_vault_header_parse (raw, sizeof raw, &header, &error));
  g_assert_error (error, SILLON_VAULT_HEADER_ERROR, SILLON_VAULT_HEADER_ERROR_INVALID);
  g_clear_error (&error);
}

/* Arbitrary bytes never crash the parser (the fuzz target does this at
 * scale; this keeps a cheap version in the normal suite). */
static void
test_random_bytes (void)
{
  guint8 raw[SILLON_VAULT_HEADER_SIZE + 16];

  for (int i = 0; i < 3000; i++)
    {
      SillonVaultHeader header;
      gsize len = g_random_int_range (0, sizeof raw + 1);

      if (i % 2 == 0)
        {
          /* Mostly valid, with a few random bytes. */
          memcpy (raw, sample_raw, sizeof sample_raw);
          for (int k = 0; k < 4; k++)
            raw[g_random_int_range (0, sizeof sample_raw)] = g_random_int_range (0, 256);
          len = sizeof sample_raw;
        }
      else
        randombytes_buf (raw, sizeof raw);
      (void) sillon_vault_header_parse (raw, len, &header, NULL);
    }
}

static void
test_slots_open (void)
{
  guint8 mk[SILLON_VAULT_MASTER_KEY_SIZE];
  guint8 wrong_key[SILLON_VAULT_RECOVERY_KEY_SIZE];
  SillonVaultHeaderSlot moved;

  g_assert_true (sillon_vault_slot_open_passphrase (&sample.slots[2], 2, sample.db_id, PASSPHRASE, mk, NULL));
  g_assert_cmpmem (mk, sizeof mk, master_key, sizeof master_key);
  g_assert_false (sillon_vault_slot_open_passphrase (&sample.slots[2], 2, sample.db_id, "wrong passphrase!", mk, NULL));
  /* Bound to its index and to the database id. */
  g_assert_false (sillon_vault_slot_open_passphrase (&sample.slots[2], 3, sample.db_id, PASSPHRASE, mk, NULL));
  {
    guint8 other_id[16];

    memcpy (other_id, sample.db_id, 16);
    other_id[0] ^= 1;
    g_assert_false (sillon_vault_slot_open_passphrase (&sample.slots[2], 2, other_id, PASSPHRASE, mk, NULL));
  }
  /* Its fixed fields are authenticated. */
  moved = sample.slots[2];
  moved.salt[0] ^= 1;
  g_assert_false (sillon_vault_slot_open_passphrase (&moved, 2, sample.db_id, PASSPHRASE, mk, NULL));
  moved = sample.slots[2];
  moved.kdf++;
  g_assert_false (sillon_vault_slot_open_passphrase (&moved, 2, sample.db_id, PASSPHRASE, mk, NULL));
  /* A slot of the wrong kind never opens. */
  g_assert_false (sillon_vault_slot_open_passphrase (&sample.slots[7], 7, sample.db_id, PASSPHRASE, mk, NULL));
  g_assert_false (sillon_vault_slot_open_recovery (&sample.slots[2], 2, sample.db_id, recovery_key, mk));

  g_assert_true (sillon_vault_slot_open_recovery (&sample.slots[7], 7, sample.db_id, recovery_key, mk));
  g_assert_cmpmem (mk, sizeof mk, master_key, sizeof master_key);
  memcpy (wrong_key, recovery_key, sizeof wrong_key);
  wrong_key[31] ^= 0x80;
  g_assert_false (sillon_vault_slot_open_recovery (&sample.slots[7], 7, sample.db_id, wrong_key, mk));
}

static void
test_long_label_cut_on_character (void)
{
  SillonVaultHeaderSlot slot;
  SillonVaultHeaderCopy copy = sample;
  SillonVaultHeaderCopy parsed;
  guint8 raw[SILLON_VAULT_HEADER_COPY_SIZE];
  g_autoptr (GString) label = g_string_new ("");

  /* 40 two-byte characters: 80 bytes, more than the 63 that fit. */
  for (int i = 0; i < 40; i++)
    g_string_append (label, "é");
  g_assert_true (sillon_vault_slot_seal_passphrase (&slot, 0, copy.db_id, label->str, PASSPHRASE,
                                                    1, 1, master_key, NULL));
  g_assert_cmpuint (strlen (slot.label), ==, 62);
  g_assert_true (g_utf8_validate (slot.label, -1, NULL));
  /* Parameters below the floor were raised to it. */
  g_assert_cmpuint (slot.opslimit, ==, SILLON_VAULT_KDF_MIN_OPSLIMIT);
  g_assert_cmpuint (slot.memlimit, ==, SILLON_VAULT_KDF_MIN_MEMLIMIT);
  copy.slots[0] = slot;
  sillon_vault_header_serialize_copy (&copy, 0, subkeys.header_mac, raw);
  g_assert_true (sillon_vault_header_parse_copy (raw, sizeof raw, 0, &parsed, NULL));
  sillon_vault_header_copy_open_info (&parsed, master_key);
  g_assert_cmpstr (parsed.slots[0].label, ==, slot.label);
}

/* A forged header cannot ask more of the KDF than calibration ever picks
 * (an unlock may run it for every slot of both copies). */
static void
test_kdf_ceiling (void)
{
  const struct
  {
    guint64 ops, mem;
    gboolean ok;
  } cases[] = {
    { 32, (guint64) 256 << 20, TRUE },
    { 33, SILLON_VAULT_KDF_MIN_MEMLIMIT, FALSE },
    { 64, SILLON_VAULT_KDF_MIN_MEMLIMIT, FALSE },
    { SILLON_VAULT_KDF_MIN_OPSLIMIT, ((guint64) 256 << 20) + 1, FALSE },
    { SILLON_VAULT_KDF_MIN_OPSLIMIT, (guint64) 1 << 30, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      SillonVaultHeaderCopy copy = sample, parsed;
      guint8 raw[SILLON_VAULT_HEADER_COPY_SIZE];

      copy.slots[2].opslimit = cases[i].ops;
      copy.slots[2].memlimit = cases[i].mem;
      sillon_vault_header_serialize_copy (&copy, 0, subkeys.header_mac, raw);
      g_assert_cmpint (sillon_vault_header_parse_copy (raw, sizeof raw, 0, &parsed, NULL), ==, cases[i].ok);
    }
}

static void
test_calibration_floor (void)
{
  guint64 ops = 0, mem = 0;

  /* A target no machine meets: the floor, never less. */
  sillon_vault_kdf_calibrate (1, &ops, &mem);
  g_assert_cmpuint (ops, ==, SILLON_VAULT_KDF_MIN_OPSLIMIT);
  g_assert_cmpuint (mem, ==, SILLON_VAULT_KDF_MIN_MEMLIMIT);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_assert_cmpint (sodium_init (), >=, 0);
  build_sample ();
  g_test_add_func ("/vault-header/roundtrip", test_roundtrip);
  g_test_add_func ("/vault-header/mac-key-matters", test_mac_key_matters);
  g_test_add_func ("/vault-header/every-bit-flip-detected", test_every_bit_flip_detected);
  g_test_add_func ("/vault-header/one-copy-enough", test_one_copy_enough);
  g_test_add_func ("/vault-header/errors", test_errors);
  g_test_add_func ("/vault-header/random-bytes", test_random_bytes);
  g_test_add_func ("/vault-header/slots-open", test_slots_open);
  g_test_add_func ("/vault-header/long-label", test_long_label_cut_on_character);
  g_test_add_func ("/vault-header/label-not-in-clear", test_label_not_in_clear);
  g_test_add_func ("/vault-header/kdf-ceiling", test_kdf_ceiling);
  g_test_add_func ("/vault-header/calibration-floor", test_calibration_floor);
  return g_test_run ();
}
