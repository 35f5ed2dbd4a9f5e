/* sillon-vfs.h — the "sillon" SQLite VFS: per-page XChaCha20-Poly1305
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A shim over SQLite's default unix VFS. The main database carries a
 * 4096-byte vault header in front of SQLite page 1; every page of the main
 * database, of the WAL and of the rollback journal is encrypted with the 40
 * bytes SQLite reserves at the end of each page (24-byte nonce, 16-byte tag).
 * See docs/VAULT-FORMAT.md.
 */

#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define SILLON_VFS_NAME "sillon"
#define SILLON_VFS_HEADER_SIZE 4096
#define SILLON_VFS_RESERVE 40
#define SILLON_VFS_NONCE_SIZE 24
#define SILLON_VFS_TAG_SIZE 16
#define SILLON_VFS_KEY_SIZE 32
#define SILLON_VFS_DB_ID_SIZE 16

/* The keys a database file needs. Copied by the VFS into its own locked
 * memory, so the caller may wipe its copy as soon as the call returns. */
typedef struct
{
  guint8 page_key[SILLON_VFS_KEY_SIZE];
  guint8 mask_key[SILLON_VFS_KEY_SIZE]; /* masks WAL frame checksums */
  guint8 db_id[SILLON_VFS_DB_ID_SIZE];
  guint32 page_size;
} SillonVfsKeys;

/* File controls understood by the main database file of the VFS, through
 * sqlite3_file_control (db, schema, op, arg). They act on the very
 * sqlite3_file SQLite holds, so SQLite's POSIX locks are never disturbed. */
enum
{
  /* arg: const SillonVfsKeys *. Installs the keys of a file opened without a
   * key handle; before that, reads see an empty file and writes fail. */
  SILLON_VFS_FCNTL_SET_KEYS = 0x5e110001,
  /* arg: guint8[SILLON_VFS_HEADER_SIZE]. Reads the vault header; a file
   * shorter than the header yields SQLITE_IOERR_SHORT_READ. */
  SILLON_VFS_FCNTL_READ_HEADER,
  /* arg: SillonVfsHeaderWrite *. Writes bytes inside the header, then syncs. */
  SILLON_VFS_FCNTL_WRITE_HEADER,
  /* arg: SillonVfsVerify *. Authenticates every page of the file and every
   * frame of its WAL, without going through SQLite's cache. */
  SILLON_VFS_FCNTL_VERIFY,
  /* arg: unused. Wipes the file's keys for good: from then on every read of
   * the database or its WAL fails with SQLITE_IOERR_READ, and SET_KEYS is
   * refused. Used when a vault is locked while statements are still open. */
  SILLON_VFS_FCNTL_DROP_KEYS,
  /* arg: unused. From then on nothing is written to the file or its WAL,
   * header included (SQLITE_READONLY): for a check that must leave a
   * possibly damaged vault as it found it. */
  SILLON_VFS_FCNTL_READ_ONLY,
  /* arg: unused. Reads a WAL written before frame headers were bound to
   * their pages (an earlier version of Sillon) under the older rule: the
   * page authenticated under its page number alone. Only on the user's
   * explicit request: such a log's headers can be edited unnoticed. */
  SILLON_VFS_FCNTL_ACCEPT_UNBOUND_LOG,
  /* arg: int *. Set to 1 when WAL recovery refused the log as written
   * before frame headers were bound (the read failed with
   * SQLITE_IOERR_DATA). */
  SILLON_VFS_FCNTL_UNBOUND_LOG,
  /* arg: sqlite3_int64 *. The number of page reads of the file and its WAL
   * that failed authentication so far: lets a caller tell a page SQLite
   * zero-filled after an error (sqlite3_serialize does) from a real one. */
  SILLON_VFS_FCNTL_FAILED_READS,
};

typedef struct
{
  const guint8 *data;
  guint offset; /* inside the header */
  guint length;
} SillonVfsHeaderWrite;

typedef struct
{
  guint32 db_pages;        /* in: SQLite's page count, or 0 if unknown */
  guint64 pages_checked;   /* main database pages and WAL frames */
  GArray *bad_pages;       /* guint32 page numbers, caller-allocated: database pages, then WAL frames */
  guint32 wal_db_pages;    /* out: database size given by the log's last commit */
  gboolean wal_header_bad; /* out: a log header Sillon never writes */
  gboolean unbound_log;    /* out: a log written before frame binding */
} SillonVfsVerify;

/* Registers the VFS (idempotent, thread-safe). Not the default VFS: open
 * with "file:…?vfs=sillon" or the zVfs argument. */
int sillon_vfs_register (void);

/* Key handles for opens SQLite performs itself (ATTACH, VACUUM INTO): the
 * URI carries "kh=<handle>", never a key. Returns a handle > 0. */
guint64 sillon_vfs_add_keys (const SillonVfsKeys *keys);
void sillon_vfs_remove_keys (guint64 handle);

/* Number of main-database pages read from disk since the process started:
 * lets tests prove that no page is touched before the passphrase check. */
guint64 sillon_vfs_get_page_reads (void);

/* Number of pages encrypted and decrypted (database pages and WAL frames)
 * since the process started: lets tests prove that a checkpoint copies the
 * stored frames without decrypting or encrypting them again. */
guint64 sillon_vfs_get_page_encryptions (void);
guint64 sillon_vfs_get_page_decryptions (void);

/* Number of WAL frames that failed authentication at recovery and were
 * dropped as the torn end of the log (a crash, or a change that cannot be
 * told from one): a message is logged each time as well. */
guint64 sillon_vfs_get_torn_frames (void);

G_END_DECLS
