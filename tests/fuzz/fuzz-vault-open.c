/* fuzz-vault-open.c — libFuzzer target: open mutated vault files
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each input is written as a vault file in a private temporary directory and
 * opened with the passphrase the seed corpus was made with
 * (tests/fuzz/make-seed-corpus.sh), so that mutations reach the keyslots,
 * the header MAC and the encrypted pages. Whatever the bytes, the result
 * must be an error or a working database, never a crash.
 */

#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include <glib/gstdio.h>

#include "sillon-vault-header.h"
#include "sillon-vault.h"

#define FUZZ_PASSPHRASE "fuzz passphrase"

int LLVMFuzzerInitialize (int *argc, char ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static char *dir;
static char *path;
static char *wal_path;
static char *journal_path;

static void
remove_files (void)
{
  g_remove (path);
  g_remove (wal_path);
  g_remove (journal_path);
}

static void
cleanup (void)
{
  remove_files ();
  g_rmdir (dir);
}

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  dir = g_dir_make_tmp ("sillon-fuzz-XXXXXX", NULL);
  if (dir == NULL)
    abort ();
  path = g_build_filename (dir, "vault.sillon", NULL);
  wal_path = g_strconcat (path, "-wal", NULL);
  journal_path = g_strconcat (path, "-journal", NULL);
  atexit (cleanup);
  sillon_vault_register_vfs ();
  return 0;
}

/* A forged keyslot may ask for up to 256 MiB and 32 passes of Argon2id (the
 * ceiling in sillon-vault-header.h): the vault accepts that by design, but
 * it would spend the fuzzing time in the KDF. Such inputs are skipped; test-vault-header covers the bounds. */
static gboolean
kdf_too_expensive (const uint8_t *data, size_t size)
{
  SillonVaultHeader header;

  sillon_vault_header_parse (data, size, &header, NULL);
  for (guint c = 0; c < 2; c++)
    {
      if (!header.copies[c].valid)
        continue;
      for (guint i = 0; i < SILLON_VAULT_MAX_SLOTS; i++)
        {
          const SillonVaultHeaderSlot *slot = &header.copies[c].slots[i];
          if (slot->kind == SILLON_VAULT_SLOT_PASSPHRASE && (slot->opslimit > SILLON_VAULT_KDF_MIN_OPSLIMIT || slot->memlimit > SILLON_VAULT_KDF_MIN_MEMLIMIT))
            return TRUE;
        }
    }
  return FALSE;
}

static void
read_everything (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;

  /* Errors are expected here (tampered pages): only crashes count. */
  if (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL) == SQLITE_OK)
    while (sqlite3_step (stmt) == SQLITE_ROW)
      ;
  sqlite3_finalize (stmt);
  sqlite3_exec (db, "SELECT * FROM fuzz", NULL, NULL, NULL);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  SillonVault *vault;
  GError *error = NULL;

  if (kdf_too_expensive (data, size))
    return 0;

  remove_files ();
  if (!g_file_set_contents (path, (const char *) data, (gssize) size, NULL))
    abort ();

  vault = sillon_vault_open (path, FUZZ_PASSPHRASE, &error);
  if (vault != NULL)
    {
      SillonVaultVerifyReport *report = NULL;

      read_everything (sillon_vault_get_db (vault));
      if (sillon_vault_verify (vault, &report, NULL))
        sillon_vault_verify_report_free (report);
      sillon_vault_lock (vault);
      g_object_unref (vault);
    }
  else if (error == NULL || error->domain != SILLON_VAULT_ERROR)
    {
      /* Every failure must be a vault error with a code the UI can explain. */
      abort ();
    }
  g_clear_error (&error);
  return 0;
}
