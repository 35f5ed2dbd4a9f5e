/* test-process.c — the process-wide set-up: SQLite's heap wiped when freed
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-process.h"

#include <sqlite3.h>

/* An in-memory database holding a megabyte, as the statistics' copy of the
 * vault or a restore holds the whole vault: once closed, every byte of it
 * went through the wiping free. A second init changes nothing. */
static void
test_sqlite_heap_wiped (void)
{
  g_autoptr (GError) error = NULL;
  gsize before = sillon_process_get_sqlite_bytes_wiped ();
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "CREATE TABLE t (v BLOB);"
                                 "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 256)"
                                 " INSERT INTO t SELECT randomblob (4096) FROM n;",
                                 NULL, NULL, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  g_assert_cmpuint (sillon_process_get_sqlite_bytes_wiped () - before, >=, 256 * 4096);

  g_assert_true (sillon_process_init (&error));
  g_assert_no_error (error);
  before = sillon_process_get_sqlite_bytes_wiped ();
  g_assert_cmpint (sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  g_assert_cmpuint (sillon_process_get_sqlite_bytes_wiped (), >, before);
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;

  /* First, as every Sillon executable does: before SQLite's first use. */
  g_assert_true (sillon_process_init (&error));
  g_assert_no_error (error);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/process/sqlite-heap-wiped", test_sqlite_heap_wiped);
  return g_test_run ();
}
