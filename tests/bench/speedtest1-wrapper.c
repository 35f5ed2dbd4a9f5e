/* speedtest1-wrapper.c — runs SQLite's speedtest1 on the sillon VFS or on keyed SQLCipher
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built by tests/bench/vault-speedtest.sh only, linked with speedtest1.c
 * compiled with -Dmain=speedtest1_main. speedtest1.c itself comes from
 * Debian's sqlite3 source package and is never committed.
 *
 * BENCH_SILLON: registers the "sillon" VFS, installs random page keys under a
 * key handle, and rewrites the database argument into
 * "file:PATH?vfs=sillon&kh=N", so that speedtest1 measures the page
 * encryption of the shim under exactly the options of the plain run.
 *
 * BENCH_SQLCIPHER: makes SQLCipher use 4096-byte pages like the two others
 * (its default is 1024); the key comes from speedtest1's --key option.
 *
 * For every engine (plain included) speedtest1.c is compiled with
 * -Dsqlite3_open_v2=bench_open_v2, so that each connection gets
 * temp_store=MEMORY right after it is opened: the vault always runs that way
 * (its VFS refuses temporary files, which would hold plaintext), and the
 * comparison must not give the others a different setting.
 *
 * The sillon VFS refuses rollback journals (a planted -journal could make
 * SQLite write authenticated zero pages), so it only runs in WAL mode with
 * exclusive locking: vault-speedtest.sh runs it with --journal wal
 * --exclusive only. A new database's page 1 is written when speedtest1
 * switches to WAL, under a rollback journal; as in sillon_vault_create(),
 * the sillon connection takes an in-memory one for that write.
 */

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef BENCH_SILLON
#include <sodium.h>

#include "sillon-vfs.h"
#endif

int speedtest1_main (int argc, char **argv);
int bench_open_v2 (const char *filename, sqlite3 **db, int flags, const char *vfs);

int
bench_open_v2 (const char *filename, sqlite3 **db, int flags, const char *vfs)
{
  int rc = sqlite3_open_v2 (filename, db, flags, vfs);

  if (rc == SQLITE_OK)
    rc = sqlite3_exec (*db, "PRAGMA temp_store = MEMORY", NULL, NULL, NULL);
#ifdef BENCH_SILLON
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (*db, "PRAGMA journal_mode = MEMORY", NULL, NULL, NULL);
#endif
  return rc;
}

int
main (int argc, char **argv)
{
#ifdef BENCH_SQLCIPHER
  {
    sqlite3 *db = NULL;
    char *message = NULL;

    if (sqlite3_open (":memory:", &db) != SQLITE_OK || sqlite3_exec (db, "PRAGMA cipher_default_page_size = 4096", NULL, NULL, &message) != SQLITE_OK)
      {
        fprintf (stderr, "cannot set SQLCipher's page size: %s\n", message != NULL ? message : "?");
        return 1;
      }
    sqlite3_close (db);
  }
#endif

#ifdef BENCH_SILLON
  {
    SillonVfsKeys keys;
    unsigned long long handle;
    int db_arg = -1;

    if (sodium_init () < 0)
      return 1;
    if (sillon_vfs_register () != SQLITE_OK)
      return 1;

    memset (&keys, 0, sizeof keys);
    randombytes_buf (keys.page_key, sizeof keys.page_key);
    randombytes_buf (keys.mask_key, sizeof keys.mask_key);
    randombytes_buf (keys.db_id, sizeof keys.db_id);
    keys.page_size = 4096;
    handle = sillon_vfs_add_keys (&keys);
    sodium_memzero (&keys, sizeof keys);

    /* The database is speedtest1's only argument that is not an option or
     * an option's value: the script always passes it last. */
    if (argc > 1 && argv[argc - 1][0] != '-')
      db_arg = argc - 1;
    if (db_arg < 0)
      {
        fprintf (stderr, "speedtest1-sillon: the database file must be the last argument\n");
        return 2;
      }
    {
      const char *path = argv[db_arg];
      size_t length = strlen (path) + 64;
      char *uri = malloc (length);
      char *side = malloc (strlen (path) + 16);

      /* speedtest1 deletes the file by the name it was given, which is now
       * a URI: remove the real files here. */
      unlink (path);
      snprintf (side, strlen (path) + 16, "%s-wal", path);
      unlink (side);
      snprintf (side, strlen (path) + 16, "%s-journal", path);
      unlink (side);
      free (side);
      snprintf (uri, length, "file:%s?vfs=%s&kh=%llu", path, SILLON_VFS_NAME, handle);
      argv[db_arg] = uri;
    }
  }
#endif

  return speedtest1_main (argc, argv);
}
