/* sillon-vault.c — the encrypted SQLite vault: create, unlock, keyslots, verify
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-vault.h"

#include "sillon-recovery-key.h"
#include "sillon-vault-header.h"
#include "sillon-vfs.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DEFAULT_KDF_TARGET_MS 750
#define DEFAULT_PAGE_SIZE 4096
#define RECOVERY_SLOT_INDEX (SILLON_VAULT_MAX_SLOTS - 1)
#define CACHE_SIZE_KIB 32768
#define BACKUP_MAGIC "SILLONBK"
#define BACKUP_VERSION 1
#define BACKUP_PREFIX_SIZE (8 + 4 + SILLON_VAULT_HEADER_SIZE)
#define BACKUP_CHUNK 65536

struct _SillonVault
{
  GObject parent_instance;

  char *path;
  sqlite3 *db;
  guint8 *master_key;           /* sodium_malloc */
  SillonVaultSubkeys *subkeys;  /* sodium_malloc */
  SillonVaultHeaderCopy header; /* the authoritative copy (public data) */
  guint header_index;           /* where it was read from */
  guint unlocked_slot;
  /* Opened with SILLON_VAULT_OPEN_CHECK_ONLY: nothing is written. */
  gboolean check_only;
  gboolean wal_existed;         /* check only: a log was there before */
  gboolean header_needs_repair; /* check only: the other copy differs */
  gboolean header_repaired;     /* opening rewrote the other copy */
};

G_DEFINE_FINAL_TYPE (SillonVault, sillon_vault, G_TYPE_OBJECT)

GQuark
sillon_vault_error_quark (void)
{
  return g_quark_from_static_string ("sillon-vault-error-quark");
}

void
sillon_vault_slot_info_free (SillonVaultSlotInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->label);
  g_free (info);
}

void
sillon_vault_verify_report_free (SillonVaultVerifyReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->bad_pages, g_array_unref);
  g_free (report);
}

void
sillon_vault_free_secret (char *secret)
{
  /* sodium_free wipes before unmapping. */
  if (secret != NULL)
    sodium_free (secret);
}

void
sillon_vault_register_vfs (void)
{
  if (sillon_vfs_register () != SQLITE_OK)
    g_critical ("Cannot register the vault's SQLite VFS");
}

/* ---- helpers ------------------------------------------------------------- */

static void
wipe_keys (SillonVault *self)
{
  g_clear_pointer (&self->master_key, sodium_free);
  g_clear_pointer (&self->subkeys, sodium_free);
}

static gboolean
check_passphrase_strength (const char *passphrase, GError **error)
{
  if (passphrase == NULL || !g_utf8_validate (passphrase, -1, NULL) || g_utf8_strlen (passphrase, -1) < SILLON_VAULT_MIN_PASSPHRASE_LENGTH)
    {
      g_set_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_WEAK_PASSPHRASE,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The passphrase must have at least %d character",
                                "The passphrase must have at least %d characters",
                                SILLON_VAULT_MIN_PASSPHRASE_LENGTH),
                   SILLON_VAULT_MIN_PASSPHRASE_LENGTH);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_unlocked (SillonVault *self, GError **error)
{
  if (self->db == NULL || self->master_key == NULL)
    {
      g_set_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_LOCKED,
                   _ ("The vault is locked"));
      return FALSE;
    }
  return TRUE;
}

gboolean
sillon_vault_error_if_tampered (int rc, GError **error)
{
  int primary = rc & 0xff;
  gboolean tampered = rc == SQLITE_IOERR_DATA || primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB;

  if (tampered)
    g_set_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_TAMPERED,
                 _ ("The vault has been damaged or modified outside Sillon"));
  return tampered;
}

static gboolean
set_sqlite_error (GError **error, sqlite3 *db, int rc)
{
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);
  int primary = rc & 0xff;

  if (sillon_vault_error_if_tampered (rc, error))
    return FALSE;
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
    g_set_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_BUSY,
                 _ ("The vault is already open in another window or program"));
  else if (primary == SQLITE_IOERR || primary == SQLITE_CANTOPEN || primary == SQLITE_FULL)
    g_set_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_IO,
                 _ ("Cannot read or write the vault: %s"), detail);
  else
    g_set_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_SQL,
                 _ ("Database error in the vault: %s"), detail);
  return FALSE;
}

static gboolean
exec_sql (sqlite3 *db, const char *sql, GError **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return set_sqlite_error (error, db, sqlite3_extended_errcode (db));
  return TRUE;
}

/* A file: URI for @path; @key_handle 0 opens the file without keys (they
 * are installed after the passphrase check). */
static char *
make_uri (const char *path, guint64 key_handle)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *escaped = g_uri_escape_string (absolute, "/", TRUE);

  if (key_handle != 0)
    return g_strdup_printf ("file:%s?vfs=" SILLON_VFS_NAME "&kh=%" G_GUINT64_FORMAT, escaped, key_handle);
  return g_strdup_printf ("file:%s?vfs=" SILLON_VFS_NAME, escaped);
}

static sqlite3 *
open_connection (const char *path, GError **error)
{
  g_autofree char *uri = make_uri (path, 0);
  sqlite3 *db = NULL;
  int rc;

  sillon_vault_register_vfs ();
  rc = sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI, SILLON_VFS_NAME);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, db, db != NULL ? sqlite3_extended_errcode (db) : rc);
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db, 1);
  return db;
}

static gboolean
read_header (sqlite3 *db, const char *schema, SillonVaultHeader *header, GError **error)
{
  guint8 raw[SILLON_VAULT_HEADER_SIZE];
  g_autoptr (GError) local_error = NULL;
  int rc;

  rc = sqlite3_file_control (db, schema, SILLON_VFS_FCNTL_READ_HEADER, raw);
  if (rc == SQLITE_IOERR_SHORT_READ)
    {
      g_set_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_NOT_A_VAULT,
                   _ ("This file is not a Sillon vault"));
      return FALSE;
    }
  if (rc != SQLITE_OK)
    return set_sqlite_error (error, NULL, rc);

  if (!sillon_vault_header_parse (raw, sizeof raw, header, &local_error))
    {
      if (g_error_matches (local_error, SILLON_VAULT_HEADER_ERROR, SILLON_VAULT_HEADER_ERROR_UNSUPPORTED_VERSION))
        g_set_error_literal (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_UNSUPPORTED_VERSION,
                             local_error->message);
      else
        g_set_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_NOT_A_VAULT,
                     _ ("This file is not a Sillon vault, or its header is destroyed"));
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  const char *passphrase; /* or */
  const guint8 *recovery_key;
  /* or the master key itself, from the record of an interrupted rotation:
   * it opens no slot, only the copies whose MAC it checks. */
  const guint8 *master_key;
} Credential;

static gboolean
try_slot (const SillonVaultHeaderCopy *copy, guint index, const Credential *cred, guint8 *master_key, GError **error)
{
  if (cred->passphrase != NULL)
    return sillon_vault_slot_open_passphrase (&copy->slots[index], index, copy->db_id, cred->passphrase, master_key, error);
  return sillon_vault_slot_open_recovery (&copy->slots[index], index, copy->db_id, cred->recovery_key, master_key);
}

static const guint8 *
raw_slot (const SillonVaultHeaderCopy *copy, guint index)
{
  return copy->raw + 64 + index * SILLON_VAULT_HEADER_SLOT_SIZE;
}

/* Finds the master key with @cred. The copy that counts is the one with the
 * highest generation and a valid MAC, and the credential must open a slot of
 * that copy: a slot left in a stale copy (an old passphrase after a change
 * interrupted half-way) never unlocks. */
static gboolean
unlock_header (const SillonVaultHeader *header,
               const Credential *cred,
               guint8 *master_key,
               SillonVaultSubkeys *subkeys,
               guint *out_copy,
               guint *out_slot,
               GError **error)
{
  guint order[2];
  guint n = 0;
  gboolean failed_unwrap[SILLON_VAULT_MAX_SLOTS] = { FALSE };
  gboolean mac_failed = FALSE;
  g_autoptr (GError) kdf_error = NULL;
  guint8 wanted = cred->passphrase != NULL ? SILLON_VAULT_SLOT_PASSPHRASE : SILLON_VAULT_SLOT_RECOVERY;

  if (header->copies[0].valid)
    order[n++] = 0;
  if (header->copies[1].valid)
    order[n++] = 1;
  if (n == 2 && header->copies[1].generation > header->copies[0].generation)
    {
      order[0] = 1;
      order[1] = 0;
    }

  if (cred->master_key != NULL)
    {
      memcpy (master_key, cred->master_key, SILLON_VAULT_MASTER_KEY_SIZE);
      sillon_vault_derive_subkeys (master_key, subkeys);
      for (guint o = 0; o < n; o++)
        if (sillon_vault_header_copy_check_mac (&header->copies[order[o]], subkeys->header_mac))
          {
            *out_copy = order[o];
            *out_slot = G_MAXUINT;
            return TRUE;
          }
      mac_failed = TRUE;
      n = 0;
    }

  for (guint o = 0; o < n; o++)
    {
      const SillonVaultHeaderCopy *copy = &header->copies[order[o]];

      for (guint i = 0; i < SILLON_VAULT_MAX_SLOTS; i++)
        {
          if (copy->slots[i].kind != wanted)
            continue;
          /* Same slot bytes already failed in the newer copy: spare a KDF. */
          if (o > 0 && failed_unwrap[i] && memcmp (copy->db_id, header->copies[order[0]].db_id, SILLON_VAULT_DB_ID_SIZE) == 0 && memcmp (raw_slot (copy, i), raw_slot (&header->copies[order[0]], i), SILLON_VAULT_HEADER_SLOT_SIZE) == 0)
            continue;
          if (!try_slot (copy, i, cred, master_key, &kdf_error))
            {
              if (kdf_error != NULL)
                {
                  g_set_error_literal (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_IO, kdf_error->message);
                  return FALSE;
                }
              if (o == 0)
                failed_unwrap[i] = TRUE;
              continue;
            }
          sillon_vault_derive_subkeys (master_key, subkeys);
          if (!sillon_vault_header_copy_check_mac (copy, subkeys->header_mac))
            {
              mac_failed = TRUE;
              break;
            }
          if (o > 0 && sillon_vault_header_copy_check_mac (&header->copies[order[0]], subkeys->header_mac) && header->copies[order[0]].generation > copy->generation)
            goto wrong;
          *out_copy = order[o];
          *out_slot = i;
          return TRUE;
        }
    }

  if (mac_failed)
    {
      sodium_memzero (master_key, SILLON_VAULT_MASTER_KEY_SIZE);
      sodium_memzero (subkeys, sizeof *subkeys);
      g_set_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_TAMPERED,
                   _ ("The vault header has been modified outside Sillon"));
      return FALSE;
    }

wrong:
  sodium_memzero (master_key, SILLON_VAULT_MASTER_KEY_SIZE);
  sodium_memzero (subkeys, sizeof *subkeys);
  if (cred->passphrase != NULL)
    g_set_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_WRONG_PASSPHRASE,
                 _ ("The passphrase is not correct"));
  else
    g_set_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_WRONG_RECOVERY_KEY,
                 _ ("This recovery key does not open the vault"));
  return FALSE;
}

static void
fill_vfs_keys (const SillonVaultHeaderCopy *copy, const SillonVaultSubkeys *subkeys, SillonVfsKeys *keys)
{
  memcpy (keys->page_key, subkeys->page, sizeof keys->page_key);
  memcpy (keys->mask_key, subkeys->checksum_mask, sizeof keys->mask_key);
  memcpy (keys->db_id, copy->db_id, sizeof keys->db_id);
  keys->page_size = copy->page_size;
}

/* Installs the keys and applies the connection settings every vault needs.
 * locking_mode comes first: in WAL mode it keeps the WAL index in memory
 * (no -shm file) and holds the file lock for the connection's lifetime. */
static gboolean
configure_connection (sqlite3 *db,
                      const SillonVaultHeaderCopy *copy,
                      const SillonVaultSubkeys *subkeys,
                      gboolean creating,
                      GError **error)
{
  SillonVfsKeys *keys = sodium_malloc (sizeof *keys);
  sqlite3_stmt *stmt = NULL;
  gboolean is_wal;
  int rc;

  if (keys == NULL)
    {
      g_set_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_IO, _ ("Out of memory"));
      return FALSE;
    }
  fill_vfs_keys (copy, subkeys, keys);
  rc = sqlite3_file_control (db, "main", SILLON_VFS_FCNTL_SET_KEYS, keys);
  sodium_free (keys);
  if (rc != SQLITE_OK)
    return set_sqlite_error (error, NULL, rc);

  if (creating)
    {
      int reserve = SILLON_VFS_RESERVE;
      g_autofree char *page_size_sql = g_strdup_printf ("PRAGMA page_size=%u", copy->page_size);

      /* Before any statement: the reserve is fixed when page 1 is created. */
      sqlite3_file_control (db, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve);
      if (!exec_sql (db, page_size_sql, error))
        return FALSE;
    }

  if (!exec_sql (db, "PRAGMA locking_mode=EXCLUSIVE", error))
    return FALSE;
  /* The VFS never lets a rollback journal reach the disk; writing page 1 of
   * a new vault, before WAL mode exists, takes one in memory. */
  if (creating && !exec_sql (db, "PRAGMA journal_mode=MEMORY", error))
    return FALSE;
  rc = sqlite3_prepare_v2 (db, "PRAGMA journal_mode=WAL", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      rc = sqlite3_extended_errcode (db);
      sqlite3_finalize (stmt);
      return set_sqlite_error (error, db, rc);
    }
  is_wal = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "wal") == 0;
  sqlite3_finalize (stmt);
  if (!is_wal)
    {
      g_set_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_SQL,
                   _ ("The vault cannot use write-ahead logging"));
      return FALSE;
    }

  if (!exec_sql (db,
                 "PRAGMA synchronous=FULL;"
                 "PRAGMA temp_store=MEMORY;"
                 "PRAGMA mmap_size=0;"
                 "PRAGMA cache_size=-" G_STRINGIFY (CACHE_SIZE_KIB) ";"
                                                                    "PRAGMA cell_size_check=ON;"
                                                                    "SELECT count(*) FROM sqlite_schema;",
                 error))
    return FALSE;

  if (creating)
    {
      int reserve = -1;

      sqlite3_file_control (db, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve);
      if (reserve != SILLON_VFS_RESERVE)
        {
          g_set_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_SQL,
                       _ ("SQLite did not reserve room for encryption in the vault"));
          return FALSE;
        }
    }
  return TRUE;
}

/* Syncs the file or directory at @path, opened with @flags besides
 * O_RDONLY. */
static gboolean
fsync_opened (const char *path, int flags)
{
  int fd = open (path, O_RDONLY | O_CLOEXEC | flags);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = fsync (fd) == 0;
  close (fd);
  return ok;
}

static gboolean
fsync_path (const char *path)
{
  return fsync_opened (path, 0);
}

static gboolean
fsync_directory_of (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  return fsync_opened (dir, O_DIRECTORY);
}

static void
serialize_header (const SillonVaultHeaderCopy *copy, const SillonVaultSubkeys *subkeys, guint8 out[SILLON_VAULT_HEADER_SIZE])
{
  sillon_vault_header_serialize_copy (copy, 0, subkeys->header_mac, out);
  sillon_vault_header_serialize_copy (copy, 1, subkeys->header_mac, out + SILLON_VAULT_HEADER_COPY_SIZE);
}

/* A brand-new file holding only the header. Nobody else has it open, so
 * plain file I/O is safe here (unlike on a live vault). */
static gboolean
create_file_with_header (const char *path,
                         const SillonVaultHeaderCopy *copy,
                         const SillonVaultSubkeys *subkeys,
                         GError **error)
{
  guint8 raw[SILLON_VAULT_HEADER_SIZE];
  gsize done = 0;
  int fd;

  serialize_header (copy, subkeys, raw);
  fd = open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, SILLON_VAULT_ERROR,
                   saved == EEXIST ? SILLON_VAULT_ERROR_EXISTS : SILLON_VAULT_ERROR_IO,
                   saved == EEXIST ? _ ("A file already exists at %s") : _ ("Cannot create %s: %s"),
                   path, g_strerror (saved));
      return FALSE;
    }
  while (done < sizeof raw)
    {
      ssize_t n = write (fd, raw + done, sizeof raw - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      done += n;
    }
  if (done != sizeof raw || fsync (fd) != 0)
    {
      int saved = errno;

      close (fd);
      g_unlink (path);
      g_set_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_IO,
                   _ ("Cannot write %s: %s"), path, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  fsync_directory_of (path);
  return TRUE;
}

static void
remove_vault_files (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (journal);
}

/* Writes a new generation of the header, one copy at a time with a sync in
 * between: the copy not currently authoritative first, so that a torn write
 * always leaves one complete copy behind. */
static gboolean
write_header (SillonVault *self, SillonVaultHeaderCopy *next, GError **error)
{
  guint8 raw[SILLON_VAULT_HEADER_COPY_SIZE];
  guint order[2] = { 1 - self->header_index, self->header_index };

  next->generation = self->header.generation + 1;
  for (guint i = 0; i < 2; i++)
    {
      SillonVfsHeaderWrite w = { raw, order[i] * SILLON_VAULT_HEADER_COPY_SIZE, sizeof raw };
      int rc;

      sillon_vault_header_serialize_copy (next, order[i], self->subkeys->header_mac, raw);
      rc = sqlite3_file_control (self->db, "main", SILLON_VFS_FCNTL_WRITE_HEADER, &w);
      if (rc != SQLITE_OK)
        return set_sqlite_error (error, NULL, rc);
    }
  self->header = *next;
  self->header_index = order[0];
  return TRUE;
}

/* After an interrupted header write one copy is stale or torn: bring it in
 * line with the authoritative one. Runs only once SQLite holds its lock.
 * The same happens when someone damaged a copy on purpose, so the repair
 * must not erase the evidence: the new generation written to both copies
 * counts it (authenticated by the MAC), and verify reports the count. */
static gboolean
header_copy_stale (SillonVault *self, const SillonVaultHeader *header)
{
  guint other = 1 - self->header_index;
  guint8 raw[SILLON_VAULT_HEADER_COPY_SIZE];

  sillon_vault_header_serialize_copy (&self->header, other, self->subkeys->header_mac, raw);
  return memcmp (raw, header->copies[other].raw, sizeof raw) != 0;
}

static gboolean
repair_header (SillonVault *self, const SillonVaultHeader *header, GError **error)
{
  guint other = 1 - self->header_index;
  SillonVaultHeaderCopy next;

  if (!header_copy_stale (self, header))
    return TRUE;
  g_message ("Header copy %c of the vault was damaged or out of date and has been rewritten",
             other == 0 ? 'A' : 'B');
  next = self->header;
  if (next.repairs < G_MAXUINT32)
    next.repairs++;
  self->header_repaired = TRUE;
  return write_header (self, &next, error);
}

static gboolean
alloc_keys (SillonVault *self, GError **error)
{
  wipe_keys (self);
  self->master_key = sodium_malloc (SILLON_VAULT_MASTER_KEY_SIZE);
  self->subkeys = sodium_malloc (sizeof *self->subkeys);
  if (self->master_key == NULL || self->subkeys == NULL)
    {
      wipe_keys (self);
      g_set_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_IO, _ ("Out of memory"));
      return FALSE;
    }
  return TRUE;
}

static void
close_db (SillonVault *self)
{
  sqlite3_stmt *stmt;
  gboolean busy = FALSE;
  gboolean damaged = FALSE;

  if (self->db == NULL)
    return;

  /* A read of this vault failed authentication: closing must not fold the
   * log into a damaged file (the log, evidence of what was there, would be
   * deleted), nor may the checkpoint below. */
  for (int i = 0; sqlite3_db_name (self->db, i) != NULL; i++)
    {
      sqlite3_int64 failed = 0;

      if (sqlite3_file_control (self->db, sqlite3_db_name (self->db, i), SILLON_VFS_FCNTL_FAILED_READS, &failed) == SQLITE_OK && failed > 0)
        damaged = TRUE;
    }
  if (damaged)
    sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);

  /* Statements still prepared keep the connection alive after
   * sqlite3_close_v2, with its page cache. Finalizing them here would leave
   * their owners with dangling pointers; instead every vault file of the
   * connection forgets its keys, so that any further step fails, and the
   * cached pages are released. A statement still in the middle of a scan is
   * a bug of its owner: it may return the rows of the pages it holds at
   * that moment, never more. A zero cache size makes SQLite free each of
   * those pages as soon as the statement lets go of it (in exclusive
   * locking mode it would otherwise keep them for the next reset). */
  stmt = sqlite3_next_stmt (self->db, NULL);
  if (stmt != NULL)
    {
      for (; stmt != NULL; stmt = sqlite3_next_stmt (self->db, stmt))
        busy = busy || sqlite3_stmt_busy (stmt);
      if (busy)
        g_warning ("Locking the vault while a statement is still running");
      else
        g_debug ("Locking the vault while statements are still prepared");
      /* With statements left (the full-text index keeps its own), closing
       * only makes a zombie connection that never checkpoints: fold the WAL
       * into the vault file now, while the keys are still there, so that the
       * file alone is complete. It fails harmlessly if a scan is running. */
      if (!damaged && sqlite3_exec (self->db, "PRAGMA main.wal_checkpoint(TRUNCATE)", NULL, NULL, NULL) != SQLITE_OK)
        g_debug ("Could not checkpoint before locking: %s", sqlite3_errmsg (self->db));
      for (int i = 0; sqlite3_db_name (self->db, i) != NULL; i++)
        {
          const char *schema = sqlite3_db_name (self->db, i);
          /* A schema name, quoted as an identifier by %w: no user text. */
          char *sql = sqlite3_mprintf ("PRAGMA \"%w\".cache_size=0", schema);

          sqlite3_exec (self->db, sql, NULL, NULL, NULL);
          sqlite3_free (sql);
          sqlite3_file_control (self->db, schema, SILLON_VFS_FCNTL_DROP_KEYS, NULL);
        }
      sqlite3_db_release_memory (self->db);
    }
  sqlite3_close_v2 (self->db);
  self->db = NULL;

  /* SQLite creates an empty log when it opens a vault in WAL mode: a check
   * leaves the folder as it found it. */
  if (self->check_only && !self->wal_existed)
    {
      g_autofree char *wal = g_strconcat (self->path, "-wal", NULL);
      GStatBuf st;

      if (g_stat (wal, &st) == 0 && st.st_size == 0)
        g_unlink (wal);
    }
}

/* Copies @src's main database into @dest's with the backup API, which, unlike
 * sqlite3_serialize (it zero-fills pages it cannot read), stops at the first
 * page that fails authentication. */
static gboolean
copy_database (sqlite3 *src, sqlite3 *dest, GError **error)
{
  sqlite3_backup *backup = sqlite3_backup_init (dest, "main", src, "main");
  int rc;

  if (backup == NULL)
    return set_sqlite_error (error, dest, sqlite3_extended_errcode (dest));
  rc = sqlite3_backup_step (backup, -1);
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (error, NULL, rc);
  return TRUE;
}

/* The slot @passphrase opens, or G_MAXUINT with @error set: WRONG_PASSPHRASE
 * with @wrong_message when no slot opens with it. */
static guint
find_slot_for_passphrase (SillonVault *self, const char *passphrase, const char *wrong_message, GError **error)
{
  guint8 *mk = sodium_malloc (SILLON_VAULT_MASTER_KEY_SIZE);
  guint found = G_MAXUINT;

  if (mk == NULL)
    {
      g_set_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_IO, _ ("Out of memory"));
      return G_MAXUINT;
    }
  /* The slot that unlocked first: usually the one being changed. */
  for (guint k = 0; k < SILLON_VAULT_MAX_SLOTS && found == G_MAXUINT; k++)
    {
      guint i = (self->unlocked_slot + k) % SILLON_VAULT_MAX_SLOTS;
      g_autoptr (GError) kdf_error = NULL;

      if (sillon_vault_slot_open_passphrase (&self->header.slots[i], i, self->header.db_id, passphrase, mk, &kdf_error) && sodium_memcmp (mk, self->master_key, SILLON_VAULT_MASTER_KEY_SIZE) == 0)
        found = i;
      if (kdf_error != NULL)
        {
          g_set_error_literal (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_IO, kdf_error->message);
          break;
        }
    }
  sodium_free (mk);
  if (found == G_MAXUINT && error != NULL && *error == NULL)
    g_set_error_literal (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_WRONG_PASSPHRASE, wrong_message);
  return found;
}

/* KDF parameters for a new slot: those calibrated when the vault was made. */
static void
slot_params (SillonVault *self, guint preferred, guint64 *ops, guint64 *mem)
{
  *ops = SILLON_VAULT_KDF_MIN_OPSLIMIT;
  *mem = SILLON_VAULT_KDF_MIN_MEMLIMIT;
  if (preferred < SILLON_VAULT_MAX_SLOTS && self->header.slots[preferred].kind == SILLON_VAULT_SLOT_PASSPHRASE)
    {
      *ops = self->header.slots[preferred].opslimit;
      *mem = self->header.slots[preferred].memlimit;
      return;
    }
  for (guint i = 0; i < SILLON_VAULT_MAX_SLOTS; i++)
    if (self->header.slots[i].kind == SILLON_VAULT_SLOT_PASSPHRASE)
      {
        *ops = self->header.slots[i].opslimit;
        *mem = self->header.slots[i].memlimit;
        return;
      }
}

static char *
new_recovery_key (guint8 *raw_key)
{
  char *text = sodium_malloc (SILLON_RECOVERY_KEY_TEXT_LENGTH + 1);

  g_assert (text != NULL);
  randombytes_buf (raw_key, SILLON_VAULT_RECOVERY_KEY_SIZE);
  sillon_recovery_key_format (raw_key, text);
  return text;
}

/* ---- GObject ------------------------------------------------------------- */

static void
sillon_vault_finalize (GObject *object)
{
  SillonVault *self = SILLON_VAULT (object);

  sillon_vault_lock (self);
  g_free (self->path);
  G_OBJECT_CLASS (sillon_vault_parent_class)->finalize (object);
}

static void
sillon_vault_class_init (SillonVaultClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = sillon_vault_finalize;
}

static void
sillon_vault_init (SillonVault *self)
{
}

/* ---- public API ---------------------------------------------------------- */

SillonVault *
sillon_vault_create (const char *path,
                     const char *mediator_name,
                     const char *passphrase,
                     const SillonVaultCreateOptions *options,
                     char **out_recovery_key,
                     GError **error)
{
  g_autoptr (SillonVault) self = NULL;
  guint page_size = options != NULL && options->page_size != 0 ? options->page_size : DEFAULT_PAGE_SIZE;
  guint target_ms = options != NULL && options->kdf_target_ms != 0 ? options->kdf_target_ms : DEFAULT_KDF_TARGET_MS;
  guint8 *recovery_raw = NULL;
  char *recovery_text = NULL;
  guint64 ops, mem;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (mediator_name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  sillon_vault_register_vfs ();
  if (!check_passphrase_strength (passphrase, error))
    return NULL;
  if (page_size < 1024 || page_size > 65536 || (page_size & (page_size - 1)) != 0)
    {
      g_set_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_SQL,
                   _ ("Unsupported page size %u"), page_size);
      return NULL;
    }
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_EXISTS,
                   _ ("A file already exists at %s"), path);
      return NULL;
    }

  self = g_object_new (SILLON_TYPE_VAULT, NULL);
  self->path = g_strdup (path);
  if (!alloc_keys (self, error))
    return NULL;
  randombytes_buf (self->master_key, SILLON_VAULT_MASTER_KEY_SIZE);
  sillon_vault_derive_subkeys (self->master_key, self->subkeys);

  memset (&self->header, 0, sizeof self->header);
  self->header.valid = TRUE;
  self->header.version = SILLON_VAULT_FORMAT_VERSION;
  self->header.page_size = page_size;
  self->header.reserve = SILLON_VFS_RESERVE;
  self->header.aead = SILLON_VAULT_AEAD_XCHACHA20POLY1305;
  self->header.generation = 1;
  randombytes_buf (self->header.db_id, sizeof self->header.db_id);

  sillon_vault_kdf_calibrate (target_ms, &ops, &mem);
  if (!sillon_vault_slot_seal_passphrase (&self->header.slots[0], 0, self->header.db_id, mediator_name,
                                          passphrase, ops, mem, self->master_key, error))
    return NULL;
  recovery_raw = sodium_malloc (SILLON_VAULT_RECOVERY_KEY_SIZE);
  g_assert (recovery_raw != NULL);
  recovery_text = new_recovery_key (recovery_raw);
  sillon_vault_slot_seal_recovery (&self->header.slots[RECOVERY_SLOT_INDEX], RECOVERY_SLOT_INDEX,
                                   self->header.db_id, recovery_raw, self->master_key);
  sodium_free (recovery_raw);

  if (!create_file_with_header (path, &self->header, self->subkeys, error))
    {
      sodium_free (recovery_text);
      return NULL;
    }
  self->header_index = 0;
  self->unlocked_slot = 0;

  self->db = open_connection (path, error);
  if (self->db == NULL || !configure_connection (self->db, &self->header, self->subkeys, TRUE, error))
    {
      close_db (self);
      remove_vault_files (path);
      sodium_free (recovery_text);
      return NULL;
    }

  if (out_recovery_key != NULL)
    *out_recovery_key = recovery_text;
  else
    sodium_free (recovery_text);
  return g_steal_pointer (&self);
}

/* A vault file always holds page 1 after its header (creation writes it
 * before the first log exists). One cut down to its header would open as
 * an empty database, and SQLite would then delete the log beside it. */
static gboolean
check_has_pages (const char *path, GError **error)
{
  GStatBuf st;

  if (g_stat (path, &st) == 0 && st.st_size <= SILLON_VFS_HEADER_SIZE)
    {
      g_set_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_TAMPERED,
                   _ ("%s holds a vault header but no database page: it was cut short"), path);
      return FALSE;
    }
  return TRUE;
}

/* A log the VFS refused as written before frame headers were bound to their
 * pages gets its own explanation: it is not damage. */
static gboolean
configure_or_explain (SillonVault *self, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  int unbound = 0;

  if (configure_connection (self->db, &self->header, self->subkeys, FALSE, &local_error))
    return TRUE;
  if (g_error_matches (local_error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_TAMPERED) && sqlite3_file_control (self->db, "main", SILLON_VFS_FCNTL_UNBOUND_LOG, &unbound) == SQLITE_OK && unbound)
    {
      g_set_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_TAMPERED,
                   _ ("The log beside the vault (%s-wal) was written by an earlier version of Sillon, whose log could be altered unnoticed. Nothing was changed. If you trust that file, fold it into the vault with “sillon-cli vault repair --accept-old-log”; or move it away to open the vault as it was before that log."),
                   self->path);
      return FALSE;
    }
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

static SillonVault *
open_common (const char *path,
             const Credential *cred,
             SillonVaultHeader *header,
             SillonVaultOpenFlags flags,
             GError **error)
{
  g_autoptr (SillonVault) self = NULL;
  g_autofree SillonVaultHeader *fresh = NULL;
  guint copy_index = 0, slot_index = 0;

  sillon_vault_register_vfs ();
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_NOT_FOUND,
                   _ ("There is no vault at %s"), path);
      return NULL;
    }

  self = g_object_new (SILLON_TYPE_VAULT, NULL);
  self->path = g_strdup (path);
  /* The header goes through the connection's own file: a second descriptor
   * closed later would drop SQLite's POSIX locks. */
  self->db = open_connection (path, error);
  if (self->db == NULL)
    return NULL;
  if (flags & SILLON_VAULT_OPEN_CHECK_ONLY)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);

      /* A check of a possibly damaged vault must not change it: no write,
       * no checkpoint when closing, no header repair (see below). */
      self->check_only = TRUE;
      self->wal_existed = g_file_test (wal, G_FILE_TEST_EXISTS);
      sqlite3_file_control (self->db, "main", SILLON_VFS_FCNTL_READ_ONLY, NULL);
      sqlite3_db_config (self->db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, NULL);
    }
  if (flags & SILLON_VAULT_OPEN_ACCEPT_OLD_LOG)
    sqlite3_file_control (self->db, "main", SILLON_VFS_FCNTL_ACCEPT_UNBOUND_LOG, NULL);
  if (!read_header (self->db, "main", header, error))
    return NULL;
  if (!alloc_keys (self, error))
    return NULL;
  if (!unlock_header (header, cred, self->master_key, self->subkeys, &copy_index, &slot_index, error))
    return NULL;

  self->header = header->copies[copy_index];
  sillon_vault_header_copy_open_info (&self->header, self->master_key);
  self->header_index = copy_index;
  self->unlocked_slot = slot_index;

  /* Vaults run in WAL mode only, so Sillon never leaves a rollback journal
   * behind; SQLite would play one back on the first read. The VFS refuses
   * to open it anyway; this check gives the reason. */
  {
    g_autofree char *journal = g_strconcat (path, "-journal", NULL);

    if (g_file_test (journal, G_FILE_TEST_EXISTS))
      {
        g_set_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_TAMPERED,
                     _ ("A rollback journal lies next to the vault (%s). Sillon never writes one: it may have been put there to modify the vault. The vault was left untouched; move that file away to open it."),
                     journal);
        return NULL;
      }
  }

  if (!check_has_pages (path, error) || !configure_or_explain (self, error))
    return NULL;

  /* The header above was read before SQLite took its lock: another program
   * may have changed it in between (a passphrase change, a removed slot).
   * Read it again under the lock, and unlock again if it changed, so that
   * neither the repair below nor later header changes start from a stale
   * copy and undo that change. */
  fresh = g_new0 (SillonVaultHeader, 1);
  if (!read_header (self->db, "main", fresh, error))
    return NULL;
  if (memcmp (fresh->copies[0].raw, header->copies[0].raw, SILLON_VAULT_HEADER_COPY_SIZE) != 0 || memcmp (fresh->copies[1].raw, header->copies[1].raw, SILLON_VAULT_HEADER_COPY_SIZE) != 0)
    {
      guint8 *mk = sodium_malloc (SILLON_VAULT_MASTER_KEY_SIZE);
      SillonVaultSubkeys *subkeys = sodium_malloc (sizeof *subkeys);
      gboolean unlocked, same_key;

      g_assert (mk != NULL && subkeys != NULL);
      unlocked = unlock_header (fresh, cred, mk, subkeys, &copy_index, &slot_index, error);
      same_key = unlocked && sodium_memcmp (mk, self->master_key, SILLON_VAULT_MASTER_KEY_SIZE) == 0;
      sodium_free (mk);
      sodium_free (subkeys);
      if (!unlocked)
        return NULL;
      if (!same_key)
        {
          g_set_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_BUSY,
                       _ ("The vault was replaced by another program while it was being opened: try again"));
          return NULL;
        }
      self->header = fresh->copies[copy_index];
      sillon_vault_header_copy_open_info (&self->header, self->master_key);
      self->header_index = copy_index;
      self->unlocked_slot = slot_index;
    }
  if (self->check_only)
    self->header_needs_repair = header_copy_stale (self, fresh);
  else if (!repair_header (self, fresh, error))
    return NULL;
  return g_steal_pointer (&self);
}

SillonVault *
sillon_vault_open_full (const char *path,
                        const char *passphrase,
                        SillonVaultOpenFlags flags,
                        GError **error)
{
  SillonVaultHeader *header;
  Credential cred = { passphrase, NULL };
  SillonVault *self;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (passphrase != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  header = g_new0 (SillonVaultHeader, 1);
  self = open_common (path, &cred, header, flags, error);
  g_free (header);
  return self;
}

SillonVault *
sillon_vault_open (const char *path,
                   const char *passphrase,
                   GError **error)
{
  return sillon_vault_open_full (path, passphrase, SILLON_VAULT_OPEN_DEFAULT, error);
}

SillonVault *
sillon_vault_open_with_recovery_key (const char *path,
                                     const char *recovery_key,
                                     guint slot_index,
                                     const char *new_passphrase,
                                     GError **error)
{
  g_autoptr (SillonVault) self = NULL;
  g_autoptr (GError) parse_error = NULL;
  SillonVaultHeader *header = NULL;
  SillonVaultHeaderCopy next;
  guint8 *raw_key;
  Credential cred = { NULL, NULL };
  g_autofree char *label = NULL;
  guint64 ops, mem;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (recovery_key != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_passphrase_strength (new_passphrase, error))
    return NULL;
  if (slot_index >= SILLON_VAULT_MAX_SLOTS && slot_index != SILLON_VAULT_SLOT_AUTO)
    {
      g_set_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_SLOT_NOT_FOUND,
                   _ ("There is no keyslot %u"), slot_index);
      return NULL;
    }

  raw_key = sodium_malloc (SILLON_VAULT_RECOVERY_KEY_SIZE);
  g_assert (raw_key != NULL);
  if (!sillon_recovery_key_parse (recovery_key, raw_key, &parse_error))
    {
      sodium_free (raw_key);
      g_set_error_literal (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_WRONG_RECOVERY_KEY,
                           parse_error->message);
      return NULL;
    }
  cred.recovery_key = raw_key;
  header = g_new0 (SillonVaultHeader, 1);
  self = open_common (path, &cred, header, SILLON_VAULT_OPEN_DEFAULT, error);
  g_free (header);
  sodium_free (raw_key);
  if (self == NULL)
    return NULL;

  if (slot_index == SILLON_VAULT_SLOT_AUTO)
    {
      guint passphrase_slots = 0;

      /* Guessing among several would lock out another mediator without a
       * word: the caller must name the slot. */
      for (guint i = 0; i < SILLON_VAULT_MAX_SLOTS; i++)
        if (self->header.slots[i].kind == SILLON_VAULT_SLOT_PASSPHRASE && passphrase_slots++ == 0)
          slot_index = i;
      if (passphrase_slots > 1)
        {
          g_set_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_SLOT_REQUIRED,
                       _ ("The vault has %u passphrase keyslots: choose the one that receives the new passphrase"),
                       passphrase_slots);
          return NULL;
        }
      /* No passphrase slot at all (a header written elsewhere): fill the
       * first free one. */
      for (guint i = 0; passphrase_slots == 0 && i < SILLON_VAULT_MAX_SLOTS; i++)
        if (self->header.slots[i].kind == SILLON_VAULT_SLOT_EMPTY)
          {
            slot_index = i;
            break;
          }
      if (slot_index == SILLON_VAULT_SLOT_AUTO)
        {
          g_set_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_NO_FREE_SLOT,
                       _ ("All %d keyslots of the vault are in use"), SILLON_VAULT_MAX_SLOTS);
          return NULL;
        }
    }

  /* Unlocking with the recovery key always ends with a new passphrase. */
  if (self->header.slots[slot_index].kind == SILLON_VAULT_SLOT_RECOVERY)
    {
      g_set_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_SLOT_NOT_FOUND,
                   _ ("Keyslot %u holds the recovery key, not a passphrase"), slot_index);
      return NULL;
    }
  label = g_strdup (self->header.slots[slot_index].label);
  slot_params (self, slot_index, &ops, &mem);
  next = self->header;
  if (!sillon_vault_slot_seal_passphrase (&next.slots[slot_index], slot_index, next.db_id, label,
                                          new_passphrase, ops, mem, self->master_key, error))
    return NULL;
  if (!write_header (self, &next, error))
    return NULL;
  self->unlocked_slot = slot_index;
  return g_steal_pointer (&self);
}

gboolean
sillon_vault_attach (SillonVault *self,
                     const char *path,
                     const char *passphrase,
                     const char *schema_name,
                     GError **error)
{
  SillonVaultHeader *header = NULL;
  SillonVaultSubkeys *subkeys = NULL;
  SillonVfsKeys *keys = NULL;
  guint8 *mk = NULL;
  Credential cred = { passphrase, NULL };
  sqlite3 *peek = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autofree char *uri = NULL;
  guint copy_index, slot_index;
  guint64 handle = 0;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (SILLON_IS_VAULT (self), FALSE);
  g_return_val_if_fail (path != NULL && passphrase != NULL && schema_name != NULL, FALSE);

  if (!check_unlocked (self, error))
    return FALSE;
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_NOT_FOUND,
                   _ ("There is no vault at %s"), path);
      return FALSE;
    }

  if (!check_has_pages (path, error))
    return FALSE;

  /* A short-lived connection of our own reads the header: SQLite keeps
   * track of every descriptor on the file, so locks stay intact. */
  header = g_new0 (SillonVaultHeader, 1);
  peek = open_connection (path, error);
  if (peek == NULL || !read_header (peek, "main", header, error))
    goto out;
  sqlite3_close (peek);
  peek = NULL;

  mk = sodium_malloc (SILLON_VAULT_MASTER_KEY_SIZE);
  subkeys = sodium_malloc (sizeof *subkeys);
  keys = sodium_malloc (sizeof *keys);
  g_assert (mk != NULL && subkeys != NULL && keys != NULL);
  if (!unlock_header (header, &cred, mk, subkeys, &copy_index, &slot_index, error))
    goto out;
  fill_vfs_keys (&header->copies[copy_index], subkeys, keys);
  handle = sillon_vfs_add_keys (keys);
  uri = make_uri (path, handle);

  rc = sqlite3_prepare_v2 (self->db, "ATTACH DATABASE ?1 AS ?2", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text (stmt, 1, uri, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text (stmt, 2, schema_name, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, self->db, sqlite3_extended_errcode (self->db));
      goto out;
    }
  ok = TRUE;

out:
  sqlite3_finalize (stmt);
  if (handle != 0)
    sillon_vfs_remove_keys (handle);
  if (peek != NULL)
    sqlite3_close (peek);
  g_free (header);
  if (mk != NULL)
    sodium_free (mk);
  if (subkeys != NULL)
    sodium_free (subkeys);
  if (keys != NULL)
    sodium_free (keys);
  return ok;
}

void
sillon_vault_lock (SillonVault *self)
{
  g_return_if_fail (SILLON_IS_VAULT (self));

  close_db (self);
  wipe_keys (self);
  sodium_memzero (&self->header, sizeof self->header);
}

gboolean
sillon_vault_is_locked (SillonVault *self)
{
  g_return_val_if_fail (SILLON_IS_VAULT (self), TRUE);

  return self->db == NULL;
}

const char *
sillon_vault_get_path (SillonVault *self)
{
  g_return_val_if_fail (SILLON_IS_VAULT (self), NULL);

  return self->path;
}

sqlite3 *
sillon_vault_get_db (SillonVault *self)
{
  g_return_val_if_fail (SILLON_IS_VAULT (self), NULL);

  return self->db;
}

guint
sillon_vault_get_unlocked_slot (SillonVault *self)
{
  g_return_val_if_fail (SILLON_IS_VAULT (self), 0);

  return self->unlocked_slot;
}

static gboolean
read_pragma (sqlite3 *db, const char *pragma, gint64 *out_value, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, pragma, -1, &stmt, NULL);

  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *out_value = sqlite3_column_int64 (stmt, 0);
      rc = SQLITE_OK;
    }
  if (rc != SQLITE_OK)
    g_set_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_SQL, "%s", sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  return rc == SQLITE_OK;
}

gboolean
sillon_vault_get_size (SillonVault *self,
                       gint64 *out_page_size,
                       gint64 *out_page_count,
                       GError **error)
{
  g_return_val_if_fail (SILLON_IS_VAULT (self), FALSE);

  if (!check_unlocked (self, error))
    return FALSE;
  return read_pragma (self->db, "PRAGMA page_size", out_page_size, error) &&
         read_pragma (self->db, "PRAGMA page_count", out_page_count, error);
}

gboolean
sillon_vault_derive_subkey (SillonVault *self,
                            const char context[8],
                            guint64 subkey_id,
                            guint8 *out,
                            gsize length,
                            GError **error)
{
  char ctx[crypto_kdf_CONTEXTBYTES];

  g_return_val_if_fail (SILLON_IS_VAULT (self), FALSE);
  g_return_val_if_fail (context != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (length >= crypto_kdf_BYTES_MIN && length <= crypto_kdf_BYTES_MAX, FALSE);

  /* The page, header and backup keys live under "SillonVK": handing one of
   * them out would let its holder forge pages. */
  g_return_val_if_fail (memcmp (context, "SillonVK", crypto_kdf_CONTEXTBYTES) != 0, FALSE);

  if (!check_unlocked (self, error))
    return FALSE;
  memcpy (ctx, context, sizeof ctx);
  if (crypto_kdf_derive_from_key (out, length, subkey_id, ctx, self->master_key) != 0)
    {
      g_set_error_literal (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_LOCKED,
                           _ ("Cannot derive a key from the master key"));
      return FALSE;
    }
  return TRUE;
}

gboolean
sillon_vault_change_passphrase (SillonVault *self,
                                const char *old_passphrase,
                                const char *new_passphrase,
                                GError **error)
{
  SillonVaultHeaderCopy next;
  g_autofree char *label = NULL;
  guint index;

  g_return_val_if_fail (SILLON_IS_VAULT (self), FALSE);
  g_return_val_if_fail (old_passphrase != NULL, FALSE);

  if (!check_unlocked (self, error) || !check_passphrase_strength (new_passphrase, error))
    return FALSE;
  index = find_slot_for_passphrase (self, old_passphrase, _ ("The current passphrase is not correct"), error);
  if (index == G_MAXUINT)
    return FALSE;

  next = self->header;
  label = g_strdup (next.slots[index].label);
  if (!sillon_vault_slot_seal_passphrase (&next.slots[index], index, next.db_id, label, new_passphrase,
                                          next.slots[index].opslimit, next.slots[index].memlimit,
                                          self->master_key, error))
    return FALSE;
  return write_header (self, &next, error);
}

int
sillon_vault_add_slot (SillonVault *self,
                       const char *label,
                       const char *passphrase,
                       GError **error)
{
  SillonVaultHeaderCopy next;
  guint64 ops, mem;
  guint index = G_MAXUINT;

  g_return_val_if_fail (SILLON_IS_VAULT (self), -1);
  g_return_val_if_fail (label != NULL, -1);

  if (!check_unlocked (self, error) || !check_passphrase_strength (passphrase, error))
    return -1;
  for (guint i = 0; i < SILLON_VAULT_MAX_SLOTS && index == G_MAXUINT; i++)
    if (self->header.slots[i].kind == SILLON_VAULT_SLOT_EMPTY)
      index = i;
  if (index == G_MAXUINT)
    {
      g_set_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_NO_FREE_SLOT,
                   _ ("All %d keyslots of the vault are in use"), SILLON_VAULT_MAX_SLOTS);
      return -1;
    }

  slot_params (self, self->unlocked_slot, &ops, &mem);
  next = self->header;
  if (!sillon_vault_slot_seal_passphrase (&next.slots[index], index, next.db_id, label, passphrase,
                                          ops, mem, self->master_key, error))
    return -1;
  if (!write_header (self, &next, error))
    return -1;
  return (int) index;
}

gboolean
sillon_vault_remove_slot (SillonVault *self,
                          guint slot_index,
                          GError **error)
{
  SillonVaultHeaderCopy next;
  guint passphrase_slots = 0;

  g_return_val_if_fail (SILLON_IS_VAULT (self), FALSE);

  if (!check_unlocked (self, error))
    return FALSE;
  if (slot_index >= SILLON_VAULT_MAX_SLOTS || self->header.slots[slot_index].kind == SILLON_VAULT_SLOT_EMPTY)
    {
      g_set_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_SLOT_NOT_FOUND,
                   _ ("There is no keyslot %u"), slot_index);
      return FALSE;
    }
  for (guint i = 0; i < SILLON_VAULT_MAX_SLOTS; i++)
    if (self->header.slots[i].kind == SILLON_VAULT_SLOT_PASSPHRASE)
      passphrase_slots++;
  if (self->header.slots[slot_index].kind == SILLON_VAULT_SLOT_PASSPHRASE && passphrase_slots <= 1)
    {
      g_set_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_LAST_SLOT,
                   _ ("This is the last passphrase of the vault: add another one before removing it"));
      return FALSE;
    }

  next = self->header;
  memset (&next.slots[slot_index], 0, sizeof next.slots[slot_index]);
  return write_header (self, &next, error);
}

GPtrArray *
sillon_vault_list_slots (SillonVault *self, GError **error)
{
  GPtrArray *slots;

  g_return_val_if_fail (SILLON_IS_VAULT (self), NULL);

  if (!check_unlocked (self, error))
    return NULL;
  slots = g_ptr_array_new_with_free_func ((GDestroyNotify) sillon_vault_slot_info_free);
  for (guint i = 0; i < SILLON_VAULT_MAX_SLOTS; i++)
    {
      const SillonVaultHeaderSlot *slot = &self->header.slots[i];
      SillonVaultSlotInfo *info;

      if (slot->kind == SILLON_VAULT_SLOT_EMPTY)
        continue;
      info = g_new0 (SillonVaultSlotInfo, 1);
      info->index = i;
      info->kind = slot->kind;
      info->label = g_strdup (slot->label);
      info->created_unix = slot->created_unix;
      info->kdf_opslimit = slot->opslimit;
      info->kdf_memlimit = (gsize) slot->memlimit;
      g_ptr_array_add (slots, info);
    }
  return slots;
}

/* ---- rotation ------------------------------------------------------------ */

/* A rotation swaps the vault file for a copy under a new master key. The
 * new recovery key must reach the user before the old master key is given
 * up, and a crash at any point must leave something the user can open and
 * finish. So it goes:
 *
 *   1. the copy is written beside the vault (PATH.rotating), the journal
 *      re-keyed in it by the caller, and synced; any failure here removes
 *      it and leaves the old vault as it was, nothing shown;
 *   2. the rotation record (PATH.rotation) is written atomically: the new
 *      header, and, sealed under the new master key, the old master key and
 *      the new recovery key;
 *   3. the new recovery key is shown;
 *   4. the old connection is closed and the copy renamed over the vault;
 *   5. the record is removed.
 *
 * Until 4 the old vault, its passphrases and its recovery key work as
 * before. From 2 on, the rotation can be finished: with the passphrase
 * (sillon_vault_resume_rotation(), which shows the key again, since a
 * crash between 2 and 3 may have kept it from the user) or with the new
 * recovery key (sillon_vault_resume_rotation_with_recovery_key(), which
 * takes the old master key from the record). The record gives nothing to
 * whoever holds only the old keys: everything in it is sealed under the new
 * master key or wrapped by the new credentials. */

#define ROTATION_RECORD_MAGIC "SILLONRT"
#define ROTATION_RECORD_VERSION 1
/* Bytes covered as associated data: magic, version, old database id, the
 * new header. */
#define ROTATION_RECORD_AD_SIZE (8 + 4 + SILLON_VAULT_DB_ID_SIZE + SILLON_VAULT_HEADER_SIZE)
#define ROTATION_RECORD_SECRET_SIZE (SILLON_VAULT_MASTER_KEY_SIZE + SILLON_RECOVERY_KEY_TEXT_LENGTH)
#define ROTATION_RECORD_SIZE (ROTATION_RECORD_AD_SIZE + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + ROTATION_RECORD_SECRET_SIZE + crypto_aead_xchacha20poly1305_ietf_ABYTES)
/* Under the vault's own KDF context "SillonVK", which
 * sillon_vault_derive_subkey() never hands out; ids 1 to 5 are the subkeys
 * of sillon-vault-header.c. */
#define ROTATION_RECORD_SUBKEY_ID 64

static SillonVaultFaultHook fault_hook;
static gpointer fault_hook_data;

void
sillon_vault_set_fault_hook (SillonVaultFaultHook hook, gpointer user_data)
{
  fault_hook = hook;
  fault_hook_data = user_data;
}

static void
fault_point (SillonVaultRotationStep step)
{
  if (fault_hook != NULL)
    fault_hook (step, fault_hook_data);
}

typedef struct
{
  SillonVaultHeaderCopy header; /* the new vault's */
  guint8 *master_key;           /* sodium_malloc: the new one */
  SillonVaultSubkeys *subkeys;  /* sodium_malloc */
  char *recovery_text;          /* sodium_malloc, NUL-terminated */
  guint slot;                   /* the passphrase slot carried over */
} Rotation;

static Rotation *
rotation_new (void)
{
  Rotation *rot = g_new0 (Rotation, 1);

  rot->master_key = sodium_malloc (SILLON_VAULT_MASTER_KEY_SIZE);
  rot->subkeys = sodium_malloc (sizeof *rot->subkeys);
  rot->recovery_text = sodium_malloc (SILLON_RECOVERY_KEY_TEXT_LENGTH + 1);
  g_assert (rot->master_key != NULL && rot->subkeys != NULL && rot->recovery_text != NULL);
  return rot;
}

static void
rotation_free (Rotation *rot)
{
  if (rot == NULL)
    return;
  sodium_free (rot->master_key);
  sodium_free (rot->subkeys);
  sodium_free (rot->recovery_text);
  g_free (rot);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Rotation, rotation_free)

static char *
rotation_record_path (const char *path)
{
  return g_strconcat (path, ".rotation", NULL);
}

static char *
rotation_copy_path (const char *path)
{
  return g_strconcat (path, ".rotating", NULL);
}

/* Removes the record at @record_path and syncs its directory, whether or
 * not it was there: what is left is found again by the next check. */
static void
remove_rotation_record (const char *record_path)
{
  g_unlink (record_path);
  fsync_directory_of (record_path);
}

static void
rotation_record_key (const guint8 *master_key, guint8 key[crypto_aead_xchacha20poly1305_ietf_KEYBYTES])
{
  crypto_kdf_derive_from_key (key, crypto_aead_xchacha20poly1305_ietf_KEYBYTES, ROTATION_RECORD_SUBKEY_ID,
                              "SillonVK", master_key);
}

static gboolean
write_all (int fd, const guint8 *data, gsize length)
{
  gsize done = 0;

  while (done < length)
    {
      ssize_t n = write (fd, data + done, length - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      done += n;
    }
  return TRUE;
}

/* Written to a temporary name, synced, then renamed: the record is there
 * whole or not at all, so a record that does not authenticate is damage,
 * never a crash. */
static gboolean
write_rotation_record (const char *vault_path,
                       const guint8 old_db_id[SILLON_VAULT_DB_ID_SIZE],
                       const guint8 *old_master_key,
                       const Rotation *rot,
                       GError **error)
{
  g_autofree char *path = rotation_record_path (vault_path);
  g_autofree char *tmp = g_strconcat (path, ".tmp", NULL);
  guint8 *record = sodium_malloc (ROTATION_RECORD_SIZE);
  guint8 *secret = sodium_malloc (ROTATION_RECORD_SECRET_SIZE);
  guint8 key[crypto_aead_xchacha20poly1305_ietf_KEYBYTES];
  guint8 *nonce, *sealed;
  guint32 version = GUINT32_TO_BE (ROTATION_RECORD_VERSION);
  gboolean ok = FALSE;
  int fd, saved = 0;

  g_assert (record != NULL && secret != NULL);
  memset (record, 0, ROTATION_RECORD_SIZE);
  memcpy (record, ROTATION_RECORD_MAGIC, 8);
  memcpy (record + 8, &version, 4);
  memcpy (record + 12, old_db_id, SILLON_VAULT_DB_ID_SIZE);
  serialize_header (&rot->header, rot->subkeys, record + 12 + SILLON_VAULT_DB_ID_SIZE);
  nonce = record + ROTATION_RECORD_AD_SIZE;
  sealed = nonce + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
  randombytes_buf (nonce, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
  memcpy (secret, old_master_key, SILLON_VAULT_MASTER_KEY_SIZE);
  memcpy (secret + SILLON_VAULT_MASTER_KEY_SIZE, rot->recovery_text, SILLON_RECOVERY_KEY_TEXT_LENGTH);
  rotation_record_key (rot->master_key, key);
  crypto_aead_xchacha20poly1305_ietf_encrypt (sealed, NULL, secret, ROTATION_RECORD_SECRET_SIZE,
                                              record, ROTATION_RECORD_AD_SIZE, NULL, nonce, key);
  sodium_memzero (key, sizeof key);
  sodium_free (secret);

  g_unlink (tmp);
  fd = open (tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd >= 0)
    {
      ok = write_all (fd, record, ROTATION_RECORD_SIZE) && fsync (fd) == 0;
      saved = errno;
      close (fd);
      ok = ok && g_rename (tmp, path) == 0;
      if (!ok && saved == 0)
        saved = errno;
    }
  else
    saved = errno;
  sodium_free (record);
  if (!ok || !fsync_directory_of (path))
    {
      g_unlink (tmp);
      g_set_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_IO,
                   _ ("Cannot write %s: %s"), path, g_strerror (ok ? errno : saved));
      return FALSE;
    }
  return TRUE;
}

/* Reads the record at @path into @record (ROTATION_RECORD_SIZE bytes). A
 * record is written whole or not at all, so anything but a regular file of
 * exactly that size is damage, said without reading it: a file put there
 * could be a huge one, a pipe or a device, and is looked at on every
 * unlock. Returns 0, or the errno of a failed open or read, or -1 when the
 * file is not a record. */
static int
load_rotation_record (const char *path, guint8 record[ROTATION_RECORD_SIZE])
{
  struct stat st;
  gsize done = 0;
  int fd = open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  int result = 0;

  if (fd < 0)
    return errno;
  if (fstat (fd, &st) != 0)
    result = errno;
  else if (!S_ISREG (st.st_mode) || st.st_size != ROTATION_RECORD_SIZE)
    result = -1;
  while (result == 0 && done < ROTATION_RECORD_SIZE)
    {
      ssize_t n = read (fd, record + done, ROTATION_RECORD_SIZE - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        result = errno;
      else if (n == 0)
        result = -1;
      else
        done += n;
    }
  close (fd);
  return result;
}

static gboolean
rotation_record_damaged (const char *path, GError **error)
{
  g_set_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_TAMPERED,
               _ ("The record of an interrupted rotation, %s, is damaged or has been tampered with"), path);
  return FALSE;
}

/* Reads the record beside @vault_path and opens it with @cred, a
 * passphrase or the new recovery key. Fills @rot (its slot is the
 * passphrase slot of the new header) and @old_master_key, and the old
 * database id. */
static gboolean
read_rotation_record (const char *vault_path,
                      const Credential *cred,
                      Rotation *rot,
                      guint8 *old_master_key,
                      guint8 old_db_id[SILLON_VAULT_DB_ID_SIZE],
                      GError **error)
{
  g_autofree char *path = rotation_record_path (vault_path);
  g_autofree guint8 *record = g_malloc (ROTATION_RECORD_SIZE);
  g_autofree SillonVaultHeader *header = g_new0 (SillonVaultHeader, 1);
  guint8 *secret = NULL;
  guint8 key[crypto_aead_xchacha20poly1305_ietf_KEYBYTES];
  const guint8 *nonce;
  guint copy_index = 0, slot_index = 0;
  guint32 version;
  int rc;

  rc = load_rotation_record (path, record);
  if (rc > 0)
    {
      g_set_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_IO,
                   _ ("Cannot read %s: %s"), path, g_strerror (rc));
      return FALSE;
    }
  if (rc != 0 || memcmp (record, ROTATION_RECORD_MAGIC, 8) != 0)
    return rotation_record_damaged (path, error);
  memcpy (&version, record + 8, 4);
  if (GUINT32_FROM_BE (version) != ROTATION_RECORD_VERSION)
    {
      g_set_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_UNSUPPORTED_VERSION,
                   _ ("The record of an interrupted rotation, %s, was written by another version of Sillon"), path);
      return FALSE;
    }
  if (!sillon_vault_header_parse (record + 12 + SILLON_VAULT_DB_ID_SIZE, SILLON_VAULT_HEADER_SIZE, header, NULL))
    return rotation_record_damaged (path, error);
  if (!unlock_header (header, cred, rot->master_key, rot->subkeys, &copy_index, &slot_index, error))
    return FALSE;

  secret = sodium_malloc (ROTATION_RECORD_SECRET_SIZE);
  g_assert (secret != NULL);
  nonce = record + ROTATION_RECORD_AD_SIZE;
  rotation_record_key (rot->master_key, key);
  rc = crypto_aead_xchacha20poly1305_ietf_decrypt (secret, NULL, NULL, nonce + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
                                                   ROTATION_RECORD_SECRET_SIZE + crypto_aead_xchacha20poly1305_ietf_ABYTES,
                                                   record, ROTATION_RECORD_AD_SIZE, nonce, key);
  sodium_memzero (key, sizeof key);
  if (rc != 0)
    {
      sodium_free (secret);
      return rotation_record_damaged (path, error);
    }
  memcpy (old_master_key, secret, SILLON_VAULT_MASTER_KEY_SIZE);
  memcpy (rot->recovery_text, secret + SILLON_VAULT_MASTER_KEY_SIZE, SILLON_RECOVERY_KEY_TEXT_LENGTH);
  rot->recovery_text[SILLON_RECOVERY_KEY_TEXT_LENGTH] = '\0';
  sodium_free (secret);
  memcpy (old_db_id, record + 12, SILLON_VAULT_DB_ID_SIZE);

  rot->header = header->copies[copy_index];
  sillon_vault_header_copy_open_info (&rot->header, rot->master_key);
  rot->slot = G_MAXUINT;
  for (guint i = 0; i < SILLON_VAULT_MAX_SLOTS; i++)
    if (rot->header.slots[i].kind == SILLON_VAULT_SLOT_PASSPHRASE)
      rot->slot = i;
  if (rot->slot == G_MAXUINT)
    return rotation_record_damaged (path, error);
  return TRUE;
}

/* Whether the record beside @path, if any, is that of a rotation that
 * already replaced the vault whose database id is @db_id. */
static gboolean
rotation_record_is_done (const char *path, const guint8 db_id[SILLON_VAULT_DB_ID_SIZE])
{
  g_autofree char *record_path = rotation_record_path (path);
  g_autofree guint8 *record = g_malloc (ROTATION_RECORD_SIZE);
  g_autofree SillonVaultHeader *header = g_new0 (SillonVaultHeader, 1);

  if (load_rotation_record (record_path, record) != 0 ||
      !sillon_vault_header_parse (record + 12 + SILLON_VAULT_DB_ID_SIZE, SILLON_VAULT_HEADER_SIZE, header, NULL))
    return FALSE;
  for (guint i = 0; i < 2; i++)
    if (header->copies[i].valid && memcmp (header->copies[i].db_id, db_id, SILLON_VAULT_DB_ID_SIZE) == 0)
      return TRUE;
  return FALSE;
}

gboolean
sillon_vault_has_pending_rotation (SillonVault *self)
{
  g_autofree char *record_path = NULL;

  g_return_val_if_fail (SILLON_IS_VAULT (self), FALSE);

  if (self->master_key == NULL)
    return FALSE;
  record_path = rotation_record_path (self->path);
  /* A check changes nothing beside the vault either: what is left over is
   * removed by the next command that may write. */
  if (self->check_only)
    return g_file_test (record_path, G_FILE_TEST_EXISTS) && !rotation_record_is_done (self->path, self->header.db_id);
  /* A crash between the rename and the removal of the record: the rotation
   * is complete, only the record is left to remove. */
  if (g_file_test (record_path, G_FILE_TEST_EXISTS) && rotation_record_is_done (self->path, self->header.db_id))
    {
      remove_rotation_record (record_path);
    }
  if (g_file_test (record_path, G_FILE_TEST_EXISTS))
    return TRUE;
  /* Nothing waits: a copy or a record left half-written by a rotation cut
   * short before it was recorded belongs to a master key nobody holds (the
   * vault is locked exclusively, so no rotation is running elsewhere). The
   * copy is as large as the vault: it goes. */
  {
    g_autofree char *tmp_path = rotation_copy_path (self->path);
    g_autofree char *record_tmp = g_strconcat (record_path, ".tmp", NULL);

    if (g_file_test (tmp_path, G_FILE_TEST_EXISTS) || g_file_test (record_tmp, G_FILE_TEST_EXISTS))
      {
        remove_vault_files (tmp_path);
        g_unlink (record_tmp);
        fsync_directory_of (record_path);
      }
  }
  return FALSE;
}

/* Step 1: the copy under the new keys, with what @callbacks->prepare_copy
 * adds, synced. On failure it is removed; the vault is untouched. */
static gboolean
write_rotation_copy (SillonVault *self,
                     const Rotation *rot,
                     const SillonVaultRotateCallbacks *callbacks,
                     GError **error)
{
  g_autofree char *tmp_path = rotation_copy_path (self->path);
  sqlite3 *dest = NULL;
  int rc;

  remove_vault_files (tmp_path); /* left over by an interrupted rotation */
  if (!create_file_with_header (tmp_path, &rot->header, rot->subkeys, error))
    return FALSE;

  /* The copy goes through a connection of its own in WAL mode: VACUUM INTO
   * would need a rollback journal, which the VFS refuses. The backup API
   * fails on a page it cannot authenticate, and VACUUM then drops the free
   * pages, which may still hold deleted content. */
  dest = open_connection (tmp_path, error);
  if (dest == NULL || !configure_connection (dest, &rot->header, rot->subkeys, TRUE, error) || !copy_database (self->db, dest, error) || !exec_sql (dest, "VACUUM", error))
    goto fail;
  fault_point (SILLON_VAULT_ROTATION_COPY_WRITTEN);

  if (callbacks->prepare_copy != NULL)
    {
      /* The copy as a vault of its own, unlocked with the new keys, so that
       * the caller can derive its keys (the journal's) as from any vault. */
      g_autoptr (SillonVault) copy = g_object_new (SILLON_TYPE_VAULT, NULL);
      gboolean prepared;

      copy->path = g_strdup (tmp_path);
      if (!alloc_keys (copy, error))
        goto fail;
      memcpy (copy->master_key, rot->master_key, SILLON_VAULT_MASTER_KEY_SIZE);
      memcpy (copy->subkeys, rot->subkeys, sizeof *rot->subkeys);
      copy->header = rot->header;
      copy->unlocked_slot = rot->slot;
      copy->db = dest;
      prepared = callbacks->prepare_copy (self, copy, callbacks->user_data, error);
      /* The connection stays this function's to close. */
      copy->db = NULL;
      if (!prepared)
        goto fail;
    }
  fault_point (SILLON_VAULT_ROTATION_COPY_PREPARED);

  /* Closing checkpoints the WAL into the file and removes it. */
  rc = sqlite3_close (dest);
  dest = NULL;
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, NULL, rc);
      goto fail;
    }
  if (!fsync_path (tmp_path))
    {
      g_set_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_IO,
                   _ ("Cannot write %s: %s"), tmp_path, g_strerror (errno));
      goto fail;
    }
  fault_point (SILLON_VAULT_ROTATION_COPY_SYNCED);
  return TRUE;

fail:
  if (dest != NULL)
    sqlite3_close_v2 (dest);
  remove_vault_files (tmp_path);
  return FALSE;
}

/* Steps 3 to 5, the record being written: shows the key, then replaces the
 * vault with the copy and unlocks it. */
static gboolean
show_and_replace (SillonVault *self,
                  const Rotation *rot,
                  const SillonVaultRotateCallbacks *callbacks,
                  gboolean abandon_if_not_shown,
                  GError **error)
{
  g_autofree char *tmp_path = rotation_copy_path (self->path);
  g_autofree char *record_path = rotation_record_path (self->path);

  if (!callbacks->show_recovery_key (rot->recovery_text, callbacks->user_data, error))
    {
      /* Never seen, so never relied on: the rotation is undone, unless an
       * earlier attempt may already have shown the key. */
      remove_vault_files (tmp_path);
      if (abandon_if_not_shown)
        {
          remove_rotation_record (record_path);
        }
      return FALSE;
    }
  fault_point (SILLON_VAULT_ROTATION_KEY_SHOWN);

  /* Closing checkpoints and removes the old WAL; only then may the new file
   * take the name. */
  close_db (self);
  fault_point (SILLON_VAULT_ROTATION_OLD_CLOSED);
  if (g_rename (tmp_path, self->path) != 0)
    {
      g_set_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_IO,
                   _ ("Cannot replace %s: %s"), self->path, g_strerror (errno));
      remove_vault_files (tmp_path);
      sillon_vault_lock (self);
      return FALSE;
    }
  fsync_directory_of (self->path);
  fault_point (SILLON_VAULT_ROTATION_RENAMED);
  /* If this fails, the next check of a pending rotation removes it. */
  remove_rotation_record (record_path);
  fault_point (SILLON_VAULT_ROTATION_FINISHED);

  if (!alloc_keys (self, error))
    {
      sillon_vault_lock (self);
      return FALSE;
    }
  memcpy (self->master_key, rot->master_key, SILLON_VAULT_MASTER_KEY_SIZE);
  memcpy (self->subkeys, rot->subkeys, sizeof *rot->subkeys);
  self->header = rot->header;
  self->header_index = 0;
  self->unlocked_slot = rot->slot;
  self->db = open_connection (self->path, error);
  if (self->db == NULL || !configure_connection (self->db, &self->header, self->subkeys, FALSE, error))
    {
      sillon_vault_lock (self);
      return FALSE;
    }
  return TRUE;
}

static guint
count_dropped_slots (SillonVault *self, guint kept)
{
  guint dropped = 0;

  for (guint i = 0; i < SILLON_VAULT_MAX_SLOTS; i++)
    if (i != kept && self->header.slots[i].kind == SILLON_VAULT_SLOT_PASSPHRASE)
      dropped++;
  return dropped;
}

static gboolean
refuse_pending_rotation (SillonVault *self, GError **error)
{
  if (!sillon_vault_has_pending_rotation (self))
    return FALSE;
  g_set_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_ROTATION_PENDING,
               _ ("A rotation of the master key was interrupted: finish it before starting another"));
  return TRUE;
}

/* Whether the vault is unlocked with a rotation waiting to be finished. */
static gboolean
check_pending_rotation (SillonVault *self, GError **error)
{
  if (!check_unlocked (self, error))
    return FALSE;
  if (!sillon_vault_has_pending_rotation (self))
    {
      g_set_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_NO_PENDING_ROTATION,
                   _ ("No rotation of the master key is waiting to be finished"));
      return FALSE;
    }
  return TRUE;
}

gboolean
sillon_vault_rotate (SillonVault *self,
                     const char *passphrase,
                     const SillonVaultRotateCallbacks *callbacks,
                     guint *out_dropped_slots,
                     GError **error)
{
  g_autoptr (Rotation) rot = NULL;
  guint8 *recovery_raw = NULL;
  guint index;

  g_return_val_if_fail (SILLON_IS_VAULT (self), FALSE);
  g_return_val_if_fail (passphrase != NULL, FALSE);
  /* Once the new file has taken the vault's name, its recovery key is the
   * only one left: it must reach the user before. */
  g_return_val_if_fail (callbacks != NULL && callbacks->show_recovery_key != NULL, FALSE);

  if (!check_unlocked (self, error))
    return FALSE;
  if (refuse_pending_rotation (self, error))
    return FALSE;
  index = find_slot_for_passphrase (self, passphrase, _ ("The passphrase is not correct"), error);
  if (index == G_MAXUINT)
    return FALSE;

  rot = rotation_new ();
  rot->slot = index;
  randombytes_buf (rot->master_key, SILLON_VAULT_MASTER_KEY_SIZE);
  sillon_vault_derive_subkeys (rot->master_key, rot->subkeys);

  /* A new vault identity: pages of the old file cannot be replayed into it. */
  rot->header.valid = TRUE;
  rot->header.version = SILLON_VAULT_FORMAT_VERSION;
  rot->header.page_size = self->header.page_size;
  rot->header.reserve = SILLON_VFS_RESERVE;
  rot->header.aead = SILLON_VAULT_AEAD_XCHACHA20POLY1305;
  rot->header.generation = 1;
  randombytes_buf (rot->header.db_id, sizeof rot->header.db_id);
  if (!sillon_vault_slot_seal_passphrase (&rot->header.slots[index], index, rot->header.db_id, self->header.slots[index].label,
                                          passphrase, self->header.slots[index].opslimit,
                                          self->header.slots[index].memlimit, rot->master_key, error))
    return FALSE;
  {
    guint r = index != RECOVERY_SLOT_INDEX ? RECOVERY_SLOT_INDEX : 0;
    char *text;

    recovery_raw = sodium_malloc (SILLON_VAULT_RECOVERY_KEY_SIZE);
    g_assert (recovery_raw != NULL);
    text = new_recovery_key (recovery_raw);
    memcpy (rot->recovery_text, text, SILLON_RECOVERY_KEY_TEXT_LENGTH + 1);
    sodium_free (text);
    sillon_vault_slot_seal_recovery (&rot->header.slots[r], r, rot->header.db_id, recovery_raw, rot->master_key);
    sodium_free (recovery_raw);
  }

  if (!write_rotation_copy (self, rot, callbacks, error))
    return FALSE;
  if (!write_rotation_record (self->path, self->header.db_id, self->master_key, rot, error))
    {
      g_autofree char *tmp_path = rotation_copy_path (self->path);

      remove_vault_files (tmp_path);
      return FALSE;
    }
  fault_point (SILLON_VAULT_ROTATION_RECORDED);
  if (out_dropped_slots != NULL)
    *out_dropped_slots = count_dropped_slots (self, index);
  return show_and_replace (self, rot, callbacks, TRUE, error);
}

gboolean
sillon_vault_resume_rotation (SillonVault *self,
                              const char *passphrase,
                              const SillonVaultRotateCallbacks *callbacks,
                              guint *out_dropped_slots,
                              GError **error)
{
  g_autoptr (Rotation) rot = NULL;
  guint8 *old_master_key = NULL;
  guint8 old_db_id[SILLON_VAULT_DB_ID_SIZE];
  Credential cred = { passphrase, NULL };
  g_autoptr (GError) local_error = NULL;
  gboolean same;

  g_return_val_if_fail (SILLON_IS_VAULT (self), FALSE);
  g_return_val_if_fail (passphrase != NULL, FALSE);
  g_return_val_if_fail (callbacks != NULL && callbacks->show_recovery_key != NULL, FALSE);

  if (!check_pending_rotation (self, error))
    return FALSE;

  rot = rotation_new ();
  old_master_key = sodium_malloc (SILLON_VAULT_MASTER_KEY_SIZE);
  g_assert (old_master_key != NULL);
  if (!read_rotation_record (self->path, &cred, rot, old_master_key, old_db_id, &local_error))
    {
      sodium_free (old_master_key);
      if (g_error_matches (local_error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_WRONG_PASSPHRASE))
        g_set_error_literal (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_WRONG_PASSPHRASE,
                             _ ("This passphrase does not open the interrupted rotation: give the passphrase the vault had when the rotation began, or finish it with the new recovery key"));
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  /* The record must be that of this very vault: one left beside another
   * vault, or put there, would otherwise replace it with its own copy. */
  same = sodium_memcmp (old_master_key, self->master_key, SILLON_VAULT_MASTER_KEY_SIZE) == 0 &&
         memcmp (old_db_id, self->header.db_id, SILLON_VAULT_DB_ID_SIZE) == 0;
  sodium_free (old_master_key);
  if (!same)
    {
      g_autofree char *record_path = rotation_record_path (self->path);

      return rotation_record_damaged (record_path, error);
    }

  if (!write_rotation_copy (self, rot, callbacks, error))
    return FALSE;
  if (out_dropped_slots != NULL)
    *out_dropped_slots = count_dropped_slots (self, rot->slot);
  return show_and_replace (self, rot, callbacks, FALSE, error);
}

gboolean
sillon_vault_abandon_rotation (SillonVault *self, GError **error)
{
  g_autofree char *record_path = NULL;
  g_autofree char *tmp_path = NULL;

  g_return_val_if_fail (SILLON_IS_VAULT (self), FALSE);

  if (!check_pending_rotation (self, error))
    return FALSE;
  record_path = rotation_record_path (self->path);
  tmp_path = rotation_copy_path (self->path);
  remove_vault_files (tmp_path);
  if (g_unlink (record_path) != 0 || !fsync_directory_of (record_path))
    {
      g_set_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_IO,
                   _ ("Cannot remove %s: %s"), record_path, g_strerror (errno));
      return FALSE;
    }
  return TRUE;
}

SillonVault *
sillon_vault_resume_rotation_with_recovery_key (const char *path,
                                                const char *recovery_key,
                                                const char *new_passphrase,
                                                const SillonVaultRotateCallbacks *callbacks,
                                                GError **error)
{
  g_autoptr (SillonVault) self = NULL;
  g_autoptr (Rotation) rot = NULL;
  g_autoptr (GError) parse_error = NULL;
  g_autofree SillonVaultHeader *header = NULL;
  g_autofree char *record_path = NULL;
  g_autofree char *label = NULL;
  guint8 *raw_key = NULL;
  guint8 *old_master_key = NULL;
  guint8 old_db_id[SILLON_VAULT_DB_ID_SIZE];
  Credential cred = { NULL, NULL };
  gboolean ok;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (recovery_key != NULL, NULL);
  g_return_val_if_fail (callbacks != NULL && callbacks->show_recovery_key != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_passphrase_strength (new_passphrase, error))
    return NULL;
  record_path = rotation_record_path (path);
  if (!g_file_test (record_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_NO_PENDING_ROTATION,
                   _ ("No rotation of the master key is waiting to be finished"));
      return NULL;
    }

  raw_key = sodium_malloc (SILLON_VAULT_RECOVERY_KEY_SIZE);
  g_assert (raw_key != NULL);
  if (!sillon_recovery_key_parse (recovery_key, raw_key, &parse_error))
    {
      sodium_free (raw_key);
      g_set_error_literal (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_WRONG_RECOVERY_KEY, parse_error->message);
      return NULL;
    }
  cred.recovery_key = raw_key;
  rot = rotation_new ();
  old_master_key = sodium_malloc (SILLON_VAULT_MASTER_KEY_SIZE);
  g_assert (old_master_key != NULL);
  ok = read_rotation_record (path, &cred, rot, old_master_key, old_db_id, error);
  sodium_free (raw_key);
  if (!ok)
    {
      sodium_free (old_master_key);
      return NULL;
    }

  /* The old vault, unlocked with the old master key from the record. */
  cred.recovery_key = NULL;
  cred.master_key = old_master_key;
  header = g_new0 (SillonVaultHeader, 1);
  self = open_common (path, &cred, header, SILLON_VAULT_OPEN_DEFAULT, error);
  sodium_free (old_master_key);
  if (self == NULL)
    return NULL;
  if (memcmp (old_db_id, self->header.db_id, SILLON_VAULT_DB_ID_SIZE) != 0)
    {
      rotation_record_damaged (record_path, error);
      return NULL;
    }

  /* A recovery always ends with a new passphrase: it replaces the one
   * sealed in the record's slot. */
  label = g_strdup (rot->header.slots[rot->slot].label);
  if (!sillon_vault_slot_seal_passphrase (&rot->header.slots[rot->slot], rot->slot, rot->header.db_id, label, new_passphrase,
                                          rot->header.slots[rot->slot].opslimit, rot->header.slots[rot->slot].memlimit,
                                          rot->master_key, error))
    return NULL;

  if (!write_rotation_copy (self, rot, callbacks, error))
    return NULL;
  if (!show_and_replace (self, rot, callbacks, FALSE, error))
    return NULL;
  return g_steal_pointer (&self);
}

gboolean
sillon_vault_verify (SillonVault *self,
                     SillonVaultVerifyReport **out_report,
                     GError **error)
{
  g_autoptr (SillonVaultVerifyReport) report = NULL;
  SillonVaultHeader *header = NULL;
  SillonVfsVerify v = { 0 };
  int rc;

  g_return_val_if_fail (SILLON_IS_VAULT (self), FALSE);
  g_return_val_if_fail (out_report != NULL, FALSE);

  if (!check_unlocked (self, error))
    return FALSE;

  report = g_new0 (SillonVaultVerifyReport, 1);
  report->bad_pages = g_array_new (FALSE, FALSE, sizeof (guint32));

  header = g_new0 (SillonVaultHeader, 1);
  if (read_header (self->db, "main", header, NULL))
    {
      report->header_copy_a_ok = sillon_vault_header_copy_check_mac (&header->copies[0], self->subkeys->header_mac);
      report->header_copy_b_ok = sillon_vault_header_copy_check_mac (&header->copies[1], self->subkeys->header_mac);
    }
  report->header_repairs = self->header.repairs;
  report->header_needs_repair = self->header_needs_repair;
  g_free (header);

  /* The database's size as SQLite sees it (from the log's last commit, or
   * page 1): pages cut off the file are counted, not just those left. */
  {
    sqlite3_stmt *stmt = NULL;

    if (sqlite3_prepare_v2 (self->db, "PRAGMA main.page_count", -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
      v.db_pages = (guint32) sqlite3_column_int64 (stmt, 0);
    sqlite3_finalize (stmt);
  }
  v.bad_pages = report->bad_pages;
  rc = sqlite3_file_control (self->db, "main", SILLON_VFS_FCNTL_VERIFY, &v);
  if (rc != SQLITE_OK)
    return set_sqlite_error (error, NULL, rc);
  report->pages_checked = v.pages_checked;
  report->wal_header_bad = v.wal_header_bad;
  report->old_log = v.unbound_log;

  if (report->bad_pages->len == 0)
    {
      sqlite3_stmt *stmt = NULL;

      rc = sqlite3_prepare_v2 (self->db, "PRAGMA integrity_check", -1, &stmt, NULL);
      if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
        report->integrity_ok = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") == 0;
      sqlite3_finalize (stmt);
    }

  *out_report = g_steal_pointer (&report);
  return TRUE;
}

gboolean
sillon_vault_get_header_repaired (SillonVault *self)
{
  g_return_val_if_fail (SILLON_IS_VAULT (self), FALSE);

  return self->header_repaired;
}

gboolean
sillon_vault_checkpoint (SillonVault *self, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  gboolean blocked = TRUE;
  int rc;

  g_return_val_if_fail (SILLON_IS_VAULT (self), FALSE);

  if (!check_unlocked (self, error))
    return FALSE;
  rc = sqlite3_prepare_v2 (self->db, "PRAGMA main.wal_checkpoint(TRUNCATE)", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    blocked = sqlite3_column_int (stmt, 0) != 0;
  if (rc != SQLITE_ROW)
    {
      rc = sqlite3_extended_errcode (self->db);
      sqlite3_finalize (stmt);
      return set_sqlite_error (error, self->db, rc);
    }
  sqlite3_finalize (stmt);
  if (blocked)
    {
      g_set_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_BUSY,
                   _ ("The vault is in use: its log could not be folded into it"));
      return FALSE;
    }
  return TRUE;
}

/* ---- backup -------------------------------------------------------------- */

/* Backup file: "SILLONBK" ‖ version (u32 BE) ‖ the vault header (4096 bytes,
 * so the same passphrases open it) ‖ secretstream header ‖ chunks of 64 KiB
 * of the database image, the last one tagged FINAL. The first chunk
 * authenticates everything before it. */
gboolean
sillon_vault_backup (SillonVault *self,
                     const char *backup_path,
                     GError **error)
{
  crypto_secretstream_xchacha20poly1305_state *state = NULL;
  g_autoptr (GByteArray) out = NULL;
  g_autoptr (GError) local_error = NULL;
  unsigned char *image = NULL;
  sqlite3_int64 size = 0;
  sqlite3_int64 failed_before = 0, failed_after = 0;
  guint8 prefix[BACKUP_PREFIX_SIZE];
  guint8 stream_header[crypto_secretstream_xchacha20poly1305_HEADERBYTES];
  gboolean ok = FALSE;

  g_return_val_if_fail (SILLON_IS_VAULT (self), FALSE);
  g_return_val_if_fail (backup_path != NULL, FALSE);

  if (!check_unlocked (self, error))
    return FALSE;

  /* Inside a write transaction the snapshot would include changes that are
   * not committed yet. */
  if (!sqlite3_get_autocommit (self->db))
    {
      g_set_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_SQL,
                   _ ("Finish the current transaction before making a backup"));
      return FALSE;
    }

  /* A consistent snapshot, in memory only, read through the vault's own
   * connection inside one read transaction: no second database (whose page
   * cache SQLite would free without wiping), one buffer wiped below.
   * sqlite3_serialize zero-fills a page it cannot read: the VFS counts the
   * reads that failed authentication, and any such read fails the backup.
   * (It zero-fills SQLite's pending-byte page of a vault over 1 GiB too,
   * without reading it: that page holds nothing.) */
  if (sqlite3_file_control (self->db, "main", SILLON_VFS_FCNTL_FAILED_READS, &failed_before) != SQLITE_OK)
    failed_before = -1;
  image = sqlite3_serialize (self->db, "main", &size, 0);
  if (image == NULL || size <= 0)
    {
      g_set_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_SQL,
                   _ ("Cannot take a snapshot of the vault"));
      goto out;
    }
  if (failed_before < 0 || sqlite3_file_control (self->db, "main", SILLON_VFS_FCNTL_FAILED_READS, &failed_after) != SQLITE_OK || failed_after != failed_before)
    {
      g_set_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_TAMPERED,
                   _ ("The vault has been damaged or modified outside Sillon"));
      goto out;
    }
  /* Restore rebuilds a vault from this image with SQLite's backup API, which
   * does not take a database in WAL mode from memory: mark it as a
   * rollback-journal database (bytes 18 and 19 of page 1). */
  if (image[18] == 2 && image[19] == 2)
    image[18] = image[19] = 1;

  memcpy (prefix, BACKUP_MAGIC, 8);
  prefix[8] = 0;
  prefix[9] = 0;
  prefix[10] = 0;
  prefix[11] = BACKUP_VERSION;
  serialize_header (&self->header, self->subkeys, prefix + 12);

  state = sodium_malloc (sizeof *state);
  g_assert (state != NULL);
  crypto_secretstream_xchacha20poly1305_init_push (state, stream_header, self->subkeys->backup);
  out = g_byte_array_sized_new (sizeof prefix + sizeof stream_header + size + (size / BACKUP_CHUNK + 1) * crypto_secretstream_xchacha20poly1305_ABYTES);
  g_byte_array_append (out, prefix, sizeof prefix);
  g_byte_array_append (out, stream_header, sizeof stream_header);

  for (sqlite3_int64 offset = 0;; offset += BACKUP_CHUNK)
    {
      gsize n = MIN (BACKUP_CHUNK, size - offset);
      gboolean last = offset + (sqlite3_int64) n >= size;
      guint old_len = out->len;

      g_byte_array_set_size (out, old_len + n + crypto_secretstream_xchacha20poly1305_ABYTES);
      crypto_secretstream_xchacha20poly1305_push (state, out->data + old_len, NULL, image + offset, n,
                                                  offset == 0 ? prefix : NULL, offset == 0 ? sizeof prefix : 0,
                                                  last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0);
      if (last)
        break;
    }

  if (!g_file_set_contents_full (backup_path, (const char *) out->data, out->len,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, &local_error))
    {
      g_set_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_IO,
                   _ ("Cannot write the backup: %s"), local_error->message);
      goto out;
    }
  ok = TRUE;

out:
  if (state != NULL)
    sodium_free (state);
  if (image != NULL)
    {
      sodium_memzero (image, size);
      sqlite3_free (image);
    }
  return ok;
}

static gboolean
backup_invalid (GError **error)
{
  g_set_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_BACKUP_INVALID,
               _ ("This file is not a Sillon backup, or it is incomplete or damaged"));
  return FALSE;
}

gboolean
sillon_vault_restore (const char *backup_path,
                      const char *passphrase,
                      const char *dest_path,
                      GError **error)
{
  g_autofree char *data = NULL;
  g_autofree char *tmp_path = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autoptr (SillonVault) restored = NULL;
  crypto_secretstream_xchacha20poly1305_state *state = NULL;
  SillonVaultHeader *header = NULL;
  Credential cred = { passphrase, NULL };
  guint8 *image = NULL;
  gsize image_len = 0, image_cap = 0, len = 0, pos;
  guint copy_index, slot_index;
  sqlite3 *mem = NULL;
  sqlite3_backup *backup = NULL;
  gboolean ok = FALSE;
  gboolean final = FALSE;
  int rc;

  g_return_val_if_fail (backup_path != NULL && passphrase != NULL && dest_path != NULL, FALSE);

  sillon_vault_register_vfs ();
  if (g_file_test (dest_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_EXISTS,
                   _ ("A file already exists at %s"), dest_path);
      return FALSE;
    }
  if (!g_file_get_contents (backup_path, &data, &len, &local_error))
    {
      g_set_error (error, SILLON_VAULT_ERROR,
                   g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT) ? SILLON_VAULT_ERROR_NOT_FOUND : SILLON_VAULT_ERROR_IO,
                   _ ("Cannot read the backup: %s"), local_error->message);
      return FALSE;
    }
  if (len < BACKUP_PREFIX_SIZE + crypto_secretstream_xchacha20poly1305_HEADERBYTES + crypto_secretstream_xchacha20poly1305_ABYTES || memcmp (data, BACKUP_MAGIC, 8) != 0 || memcmp (data + 8, "\0\0\0\1", 4) != 0)
    return backup_invalid (error);

  header = g_new0 (SillonVaultHeader, 1);
  restored = g_object_new (SILLON_TYPE_VAULT, NULL);
  restored->path = g_strdup (dest_path);
  if (!sillon_vault_header_parse ((const guint8 *) data + 12, SILLON_VAULT_HEADER_SIZE, header, NULL))
    {
      backup_invalid (error);
      goto out;
    }
  if (!alloc_keys (restored, error))
    goto out;
  if (!unlock_header (header, &cred, restored->master_key, restored->subkeys, &copy_index, &slot_index, &local_error))
    {
      if (g_error_matches (local_error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_TAMPERED))
        backup_invalid (error);
      else
        g_propagate_error (error, g_steal_pointer (&local_error));
      goto out;
    }
  restored->header = header->copies[copy_index];
  sillon_vault_header_copy_open_info (&restored->header, restored->master_key);
  restored->header_index = 0;
  restored->unlocked_slot = slot_index;

  /* Decrypt into locked memory; plaintext never reaches the disk. */
  state = sodium_malloc (sizeof *state);
  image_cap = len;
  image = sodium_malloc (image_cap);
  if (state == NULL || image == NULL)
    {
      g_set_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_IO, _ ("Out of memory"));
      goto out;
    }
  pos = BACKUP_PREFIX_SIZE;
  if (crypto_secretstream_xchacha20poly1305_init_pull (state, (const guint8 *) data + pos, restored->subkeys->backup) != 0)
    {
      backup_invalid (error);
      goto out;
    }
  pos += crypto_secretstream_xchacha20poly1305_HEADERBYTES;
  while (pos < len && !final)
    {
      gsize n = MIN (BACKUP_CHUNK + crypto_secretstream_xchacha20poly1305_ABYTES, len - pos);
      unsigned long long plain_len = 0;
      unsigned char tag = 0;

      if (n < crypto_secretstream_xchacha20poly1305_ABYTES || crypto_secretstream_xchacha20poly1305_pull (state, image + image_len, &plain_len, &tag, (const guint8 *) data + pos, n, pos == BACKUP_PREFIX_SIZE + crypto_secretstream_xchacha20poly1305_HEADERBYTES ? (const guint8 *) data : NULL, pos == BACKUP_PREFIX_SIZE + crypto_secretstream_xchacha20poly1305_HEADERBYTES ? BACKUP_PREFIX_SIZE : 0) != 0)
        break;
      image_len += plain_len;
      pos += n;
      final = tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL;
    }
  if (!final || pos != len || image_len < restored->header.page_size || image_len % restored->header.page_size != 0 || memcmp (image, "SQLite format 3", 16) != 0)
    {
      backup_invalid (error);
      goto out;
    }

  tmp_path = g_strconcat (dest_path, ".restoring", NULL);
  remove_vault_files (tmp_path);
  restored->header.generation = MAX (restored->header.generation, 1);
  if (!create_file_with_header (tmp_path, &restored->header, restored->subkeys, error))
    goto out;
  restored->db = open_connection (tmp_path, error);
  if (restored->db == NULL || !configure_connection (restored->db, &restored->header, restored->subkeys, TRUE, error))
    goto fail_tmp;

  /* An in-memory database cannot be in WAL mode: mark the image as a
   * rollback-journal database (bytes 18 and 19 of page 1). */
  if (image[18] == 2 && image[19] == 2)
    image[18] = image[19] = 1;
  rc = sqlite3_open_v2 (":memory:", &mem, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_deserialize (mem, "main", image, image_len, image_cap, SQLITE_DESERIALIZE_READONLY);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (error, mem, rc);
      goto fail_tmp;
    }
  backup = sqlite3_backup_init (restored->db, "main", mem, "main");
  if (backup == NULL)
    {
      set_sqlite_error (error, restored->db, sqlite3_extended_errcode (restored->db));
      goto fail_tmp;
    }
  rc = sqlite3_backup_step (backup, -1);
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, restored->db, rc);
      goto fail_tmp;
    }
  close_db (restored);
  if (g_rename (tmp_path, dest_path) != 0)
    {
      g_set_error (error, SILLON_VAULT_ERROR, SILLON_VAULT_ERROR_IO,
                   _ ("Cannot create %s: %s"), dest_path, g_strerror (errno));
      goto fail_tmp;
    }
  fsync_directory_of (dest_path);
  ok = TRUE;
  goto out;

fail_tmp:
  close_db (restored);
  remove_vault_files (tmp_path);

out:
  if (mem != NULL)
    sqlite3_close (mem);
  if (image != NULL)
    sodium_free (image);
  if (state != NULL)
    sodium_free (state);
  g_free (header);
  if (data != NULL)
    sodium_memzero (data, len);
  return ok;
}
