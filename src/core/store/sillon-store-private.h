/* sillon-store-private.h — helpers shared by the sillon-store*.c files
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

/* The store's own helpers and its struct: another layer, the UI or the CLI
 * goes through sillon-store.h. Only src/core/store compiles with
 * SILLON_STORE_COMPILATION (and the store's white-box tests). */
#if !defined(SILLON_STORE_COMPILATION)
#error "sillon-store-private.h is private to the store layer (src/core/store): include sillon-store.h"
#endif

#include <json-glib/json-glib.h>

#include "sillon-store.h"

G_BEGIN_DECLS

struct _SillonStore
{
  sqlite3 *db;
  SillonVocabulary *vocabulary;
  GHashTable *statements; /* SQL text → sqlite3_stmt*, prepared once */
  guint transaction_depth;
  gboolean outer_savepoint; /* the caller had a transaction open */
  int schema_version;
};

/* A cached statement: the cleanup resets it instead of finalizing it, so
 * that no read transaction stays open behind the caller's back. */
typedef sqlite3_stmt StoreStmt;
void store_stmt_release (StoreStmt *stmt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (StoreStmt, store_stmt_release)

StoreStmt *store_stmt (SillonStore *store, const char *sql, GError **error);
gboolean store_exec (sqlite3 *db, const char *sql, GError **error);
void store_set_sql_error (sqlite3 *db, int rc, GError **error);
/* Steps a statement that returns no row. */
gboolean store_step_done (SillonStore *store, StoreStmt *stmt, GError **error);
/* After an UPDATE or DELETE by id: NOT_FOUND if no row changed. */
gboolean store_check_changed (SillonStore *store, const char *what, gint64 id, GError **error);
void store_set_not_found (const char *what, gint64 id, GError **error);

/* Builds one entity from the current row of a statement. */
typedef gpointer (*StoreRowFunc) (StoreStmt *stmt);
/* Runs @sql with @id bound to its first parameter: NOT_FOUND if no row. */
gpointer store_get_one (SillonStore *store, const char *sql, StoreRowFunc from_row, const char *what, gint64 id, GError **error);
/* Steps @stmt to its end, building one entity per row. */
GPtrArray *store_collect (SillonStore *store, StoreStmt *stmt, StoreRowFunc from_row, GDestroyNotify free_func, GError **error);
/* Runs @sql with @id bound to its first parameter (a person's rows, say)
 * and builds one entity per row. */
GPtrArray *store_list_by_id (SillonStore *store, const char *sql, StoreRowFunc from_row, GDestroyNotify free_func, gint64 id, GError **error);
/* Binds the parameters of an INSERT or UPDATE from one entity. */
typedef void (*StoreBindFunc) (StoreStmt *stmt, gconstpointer entity);
/* Runs @sql, an INSERT filled by @bind; sets *@out_id to the new row's id. */
gboolean store_insert (SillonStore *store, const char *sql, StoreBindFunc bind, gconstpointer entity, gint64 *out_id, GError **error);
/* Runs @sql, an UPDATE filled by @bind whose last parameter is the row's
 * @id: NOT_FOUND if no row changed. */
gboolean store_update (SillonStore *store, const char *sql, StoreBindFunc bind, gconstpointer entity, const char *what, gint64 id, GError **error);
gboolean store_delete_by_id (SillonStore *store, const char *sql, const char *what, gint64 id, GError **error);

void store_bind_text (StoreStmt *stmt, int index, const char *text);
void store_bind_id (StoreStmt *stmt, int index, gint64 id);
void store_bind_strv (StoreStmt *stmt, int index, const char *const *values);
char *store_column_text (StoreStmt *stmt, int column);
gint64 store_column_id (StoreStmt *stmt, int column);
GStrv store_column_strv (StoreStmt *stmt, int column);
char *store_strv_to_json (const char *const *values);

gboolean store_check_text (const char *field, const char *value, gsize max_bytes, gboolean required, GError **error);
/* YYYY-MM-DD, a real calendar date from 1900 on; if @max_days_ahead >= 0,
 * no later than that many days after today. */
gboolean store_check_date (const char *field, const char *value, gboolean required, int max_days_ahead, GError **error);
gboolean store_check_enum (SillonStore *store, const char *enumeration, const char *field, const char *value, gboolean required, GError **error);
gboolean store_check_enum_strv (SillonStore *store, const char *enumeration, const char *field, const char *const *values, GError **error);
gboolean store_check_json (const char *field, const char *json, gboolean required, GError **error);

gint64 store_now_unix (void);

/* Turns typed text into an FTS5 query where every word is a quoted prefix;
 * folding removed every character that has a meaning in FTS5 syntax. NULL
 * when nothing searchable is left. */
char *store_fts_prefix_query (const char *text);

/* Search index upkeep (sillon-store-beneficiaries.c). */
gboolean store_index_beneficiary (SillonStore *store, gint64 id, const char *name_key, GError **error);
char *store_name_key (const char *first_name, const char *last_name);
/* Rewrites the full-text indexes, dropping every deleted entry. */
gboolean store_optimize_search (SillonStore *store, GError **error);
/* The one erasure path, shared by erase and merge (sillon-store-rights.c).
 * Inside a transaction: erases the beneficiary's row and every row linked to
 * it, free text scrubbed first, then purges the full-text index of the
 * deleted terms. */
gboolean store_erase_beneficiary_rows (SillonStore *store, gint64 id, GError **error);
/* Commits the transaction of an erasure, then (if it was the outermost)
 * checkpoints so that the write-ahead log drops the old pages and the freed
 * pages, wiped by secure_delete, are all the vault file holds. */
gboolean store_commit_erasure (SillonStore *store, SillonStoreTransaction *tx, GError **error);

/* Exposed for the migration tests: migrates @db up to @target_version only. */
gboolean sillon_store_migrate (sqlite3 *db, int target_version, GError **error);

G_END_DECLS
