/* test-store-util.h — fixtures shared by the store's tests
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "sillon-store.h"

#include "test-dir-util.h"

#define STORE_TEST_VOCABULARY TEST_DATA_DIR "/../../resources/data/coop-cra-enums.json"

typedef struct
{
  sqlite3 *db;
  SillonStore *store;
  char *dir; /* NULL for an in-memory database */
  char *path;
} StoreFixture;

/* The integer in the first column of the one row that SQL (a PRAGMA or a
 * SELECT) returns. */
static inline gint64
store_test_query_int (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 v;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  v = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return v;
}

static inline SillonVocabulary *
store_test_vocabulary (void)
{
  g_autoptr (GError) error = NULL;
  SillonVocabulary *vocabulary = sillon_vocabulary_new_from_file (STORE_TEST_VOCABULARY, &error);

  g_assert_no_error (error);
  g_assert_nonnull (vocabulary);
  return vocabulary;
}

static inline void
store_fixture_open (StoreFixture *f, gboolean on_disk)
{
  g_autoptr (GError) error = NULL;
  const char *name = ":memory:";

  if (on_disk)
    {
      f->dir = test_make_tmp_dir ("sillon-store-XXXXXX");
      f->path = g_build_filename (f->dir, "store.db", NULL);
      name = f->path;
    }
  g_assert_cmpint (sqlite3_open (name, &f->db), ==, SQLITE_OK);
  if (on_disk)
    g_assert_cmpint (sqlite3_exec (f->db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL), ==, SQLITE_OK);
  f->store = sillon_store_new_with_vocabulary (f->db, store_test_vocabulary (), &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->store);
}

static inline void
store_fixture_setup (StoreFixture *f, gconstpointer data)
{
  store_fixture_open (f, FALSE);
}

static inline void
store_fixture_setup_disk (StoreFixture *f, gconstpointer data)
{
  store_fixture_open (f, TRUE);
}

static inline void
store_fixture_teardown (StoreFixture *f, gconstpointer data)
{
  g_clear_pointer (&f->store, sillon_store_free);
  g_assert_cmpint (sqlite3_close (f->db), ==, SQLITE_OK);
  if (f->dir != NULL)
    {
      g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);

      g_unlink (wal);
      g_unlink (shm);
      g_unlink (f->path);
      g_rmdir (f->dir);
    }
  g_clear_pointer (&f->path, g_free);
  g_clear_pointer (&f->dir, g_free);
}

/* Today, shifted by @days, as YYYY-MM-DD. */
static inline char *
store_test_date (int days)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) then = g_date_time_add_days (now, days);

  return g_date_time_format (then, "%Y-%m-%d");
}

static inline gint64
store_test_add_person (SillonStore *store, const char *first, const char *last, const char *phone, const char *email)
{
  g_autoptr (SillonBeneficiary) b = sillon_beneficiary_new ();
  g_autoptr (GError) error = NULL;

  b->first_name = g_strdup (first);
  b->last_name = g_strdup (last);
  b->phone = g_strdup (phone);
  b->email = g_strdup (email);
  g_assert_true (sillon_store_insert_beneficiary (store, b, &error));
  g_assert_no_error (error);
  return b->id;
}

static inline SillonSession *
store_test_session (gint64 beneficiary_id, const char *date)
{
  SillonSession *s = sillon_session_new ();
  const char *themes[] = { "email", NULL };

  s->beneficiary_id = beneficiary_id;
  s->date = g_strdup (date);
  s->duration_minutes = 45;
  s->place_type = g_strdup ("lieu_activite");
  s->themes = g_strdupv ((char **) themes);
  return s;
}
