/* fuzz-vault-header.c — libFuzzer target for the vault header parser
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The header is the first thing read from a file an attacker may have
 * crafted, before any key is known. Beyond "no crash", this checks a
 * property: a copy the parser accepts serialises back to bytes that parse
 * to the same fields and carry a valid MAC.
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sillon-vault-header.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
check_same_copy (const SillonVaultHeaderCopy *a, const SillonVaultHeaderCopy *b)
{
  if (a->version != b->version || a->page_size != b->page_size || a->reserve != b->reserve || a->aead != b->aead || a->generation != b->generation || memcmp (a->db_id, b->db_id, sizeof a->db_id) != 0)
    abort ();
  for (guint i = 0; i < SILLON_VAULT_MAX_SLOTS; i++)
    {
      const SillonVaultHeaderSlot *x = &a->slots[i];
      const SillonVaultHeaderSlot *y = &b->slots[i];

      if (x->kind != y->kind)
        abort ();
      if (x->kind == SILLON_VAULT_SLOT_EMPTY)
        continue;
      if (x->kdf != y->kdf || x->created_unix != y->created_unix || x->opslimit != y->opslimit || x->memlimit != y->memlimit || memcmp (x->salt, y->salt, sizeof x->salt) != 0 || memcmp (x->nonce, y->nonce, sizeof x->nonce) != 0 || memcmp (x->wrapped_key, y->wrapped_key, sizeof x->wrapped_key) != 0 || memcmp (x->sealed_info, y->sealed_info, sizeof x->sealed_info) != 0 || strcmp (x->label, y->label) != 0)
        abort ();
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  static const guint8 mac_key[32] = { 0x5e, 0x11, 0x0f, 0x0f };
  SillonVaultHeader header;
  GError *error = NULL;

  sillon_vault_header_parse (data, size, &header, &error);
  g_clear_error (&error);

  for (guint index = 0; index < 2; index++)
    {
      SillonVaultHeaderCopy *copy = &header.copies[index];
      SillonVaultHeaderCopy again;
      guint8 bytes[SILLON_VAULT_HEADER_COPY_SIZE];

      if (!copy->valid)
        continue;
      /* Random bytes essentially never carry a valid MAC under this key. */
      (void) sillon_vault_header_copy_check_mac (copy, mac_key);

      sillon_vault_header_serialize_copy (copy, index, mac_key, bytes);
      if (!sillon_vault_header_parse_copy (bytes, sizeof bytes, index, &again, &error))
        abort ();
      if (!again.valid || !sillon_vault_header_copy_check_mac (&again, mac_key))
        abort ();
      check_same_copy (copy, &again);
    }

  /* The single-copy entry point, on every prefix length the input gives. */
  {
    SillonVaultHeaderCopy copy;
    if (sillon_vault_header_parse_copy (data, size, 0, &copy, &error) && !copy.valid)
      abort ();
    g_clear_error (&error);
  }
  return 0;
}
