/* sillon-stats-bundle.c — signed and sealed site bundles, coordinator keys,
 * trust lists and the merge
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libsodium does all the cryptography: Ed25519 signatures (the site
 * proves it made the counts), sealed boxes (only the coordinator reads
 * them; the site needs no key of its own for that), and the base64 of the
 * key files. The checks run in an order that gives each failure its own
 * message: the format, then the recipient, the seal, the signature, and
 * only then the trust list and the period.
 */

#include "config.h"

#include "sillon-stats-bundle.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sodium.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sillon-json-member.h"
#include "sillon-stats-indicators.h"
#include "sillon-version.h"

#define OUTER_MAGIC "SLNSTB01"
#define INNER_MAGIC "SLNSTI01"
#define MAGIC_BYTES 8
#define OUTER_HEADER (MAGIC_BYTES + SILLON_STATS_KEY_BYTES + 4)
#define INNER_HEADER (MAGIC_BYTES + SILLON_STATS_KEY_BYTES + crypto_sign_BYTES)
#define MAX_BUNDLE_BYTES (64 * 1024 * 1024)
#define MAX_TABLES 64
#define MAX_CATEGORIES 100000
#define MAX_CELLS 2000000
#define MAX_COUNT G_GINT64_CONSTANT (1000000000000)

#define PUBLIC_TAG "sillon-coordinator-public-v1"
#define SECRET_TAG "sillon-coordinator-secret-v1"

/* ── Keys ─────────────────────────────────────────────────────────────── */

char *
sillon_stats_key_to_text (const guint8 key[SILLON_STATS_KEY_BYTES])
{
  gsize size = sodium_base64_ENCODED_LEN (SILLON_STATS_KEY_BYTES, sodium_base64_VARIANT_ORIGINAL);
  char *text = g_malloc (size);

  sodium_bin2base64 (text, size, key, SILLON_STATS_KEY_BYTES, sodium_base64_VARIANT_ORIGINAL);
  return text;
}

static gboolean
key_from_text (const char *text, guint8 *out, gsize out_len)
{
  size_t len = 0;
  const char *end = NULL;

  return sodium_base642bin (out, out_len, text, strlen (text), NULL, &len, &end, sodium_base64_VARIANT_ORIGINAL) == 0 &&
         len == out_len && *end == '\0';
}

static void
set_key_error (GError **error, const char *path, const char *why)
{
  g_set_error (error, SILLON_STATS_ERROR, SILLON_STATS_ERROR_KEY,
               /* Translators: %s are a file name and the reason */
               _ ("%s: %s"), path, why);
}

static gboolean
write_new_file (const char *path, const char *contents, mode_t mode, GError **error)
{
  gsize length = strlen (contents), done = 0;
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, mode);

  if (fd < 0)
    {
      g_set_error (error, SILLON_STATS_ERROR, errno == EEXIST ? SILLON_STATS_ERROR_KEY : SILLON_STATS_ERROR_IO,
                   errno == EEXIST ? _ ("%s already exists: it is never overwritten") : _ ("Could not create %s"), path);
      return FALSE;
    }
  while (done < length)
    {
      ssize_t n = write (fd, contents + done, length - done);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      done += (gsize) n;
    }
  if (done < length || fsync (fd) != 0)
    {
      close (fd);
      g_remove (path);
      g_set_error (error, SILLON_STATS_ERROR, SILLON_STATS_ERROR_IO, _ ("Could not write %s"), path);
      return FALSE;
    }
  close (fd);
  return TRUE;
}

gboolean
sillon_stats_coordinator_keygen (const char *public_path, const char *secret_path, GError **error)
{
  guint8 pk[crypto_box_PUBLICKEYBYTES];
  guint8 *sk = sodium_malloc (crypto_box_SECRETKEYBYTES);
  gsize size = sodium_base64_ENCODED_LEN (crypto_box_SECRETKEYBYTES, sodium_base64_VARIANT_ORIGINAL);
  char *secret_line = sodium_malloc (size + sizeof SECRET_TAG + 2);
  g_autofree char *pk_text = NULL;
  g_autofree char *public_line = NULL;
  gboolean ok = FALSE;

  if (sk == NULL || secret_line == NULL)
    goto out;
  crypto_box_keypair (pk, sk);
  pk_text = sillon_stats_key_to_text (pk);
  public_line = g_strdup_printf ("%s %s\n", PUBLIC_TAG, pk_text);
  memcpy (secret_line, SECRET_TAG " ", sizeof SECRET_TAG);
  sodium_bin2base64 (secret_line + sizeof SECRET_TAG, size, sk, crypto_box_SECRETKEYBYTES, sodium_base64_VARIANT_ORIGINAL);
  strcat (secret_line, "\n");
  /* The secret first, so that a failure leaves no public key without it. */
  if (!write_new_file (secret_path, secret_line, 0600, error))
    goto out;
  if (!write_new_file (public_path, public_line, 0644, error))
    {
      g_remove (secret_path);
      goto out;
    }
  ok = TRUE;

out:
  sodium_free (sk);
  sodium_free (secret_line);
  return ok;
}

/* The one line of a key file, in sodium_malloc'd memory. */
static char *
read_key_line (const char *path, gboolean secret, GError **error)
{
  int fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW, 0);
  struct stat st;
  char *line;
  ssize_t n;

  if (fd < 0)
    {
      set_key_error (error, path, g_strerror (errno));
      return NULL;
    }
  if (fstat (fd, &st) != 0 || !S_ISREG (st.st_mode) || st.st_size > 256)
    {
      close (fd);
      set_key_error (error, path, _ ("not a Sillon key file"));
      return NULL;
    }
  if (secret && (st.st_mode & 077) != 0)
    {
      close (fd);
      set_key_error (error, path, _ ("the secret key can be read by other users: make it private with “chmod 600”"));
      return NULL;
    }
  line = sodium_malloc (257);
  n = read (fd, line, 256);
  close (fd);
  if (n < 0)
    {
      sodium_free (line);
      set_key_error (error, path, g_strerror (errno));
      return NULL;
    }
  line[n] = '\0';
  g_strstrip (line);
  return line;
}

gboolean
sillon_stats_coordinator_load_public (const char *path, guint8 out_public[SILLON_STATS_KEY_BYTES], GError **error)
{
  char *line = read_key_line (path, FALSE, error);
  gboolean ok;

  if (line == NULL)
    return FALSE;
  ok = g_str_has_prefix (line, PUBLIC_TAG " ") &&
       key_from_text (line + sizeof PUBLIC_TAG, out_public, SILLON_STATS_KEY_BYTES);
  sodium_free (line);
  if (!ok)
    set_key_error (error, path, _ ("not a coordinator’s public key (made by “sillon-cli stats keygen”)"));
  return ok;
}

guint8 *
sillon_stats_coordinator_load_secret (const char *path, GError **error)
{
  char *line = read_key_line (path, TRUE, error);
  guint8 *sk;
  gboolean ok;

  if (line == NULL)
    return NULL;
  sk = sodium_malloc (crypto_box_SECRETKEYBYTES);
  ok = sk != NULL && g_str_has_prefix (line, SECRET_TAG " ") &&
       key_from_text (line + sizeof SECRET_TAG, sk, crypto_box_SECRETKEYBYTES);
  sodium_free (line);
  if (!ok)
    {
      sodium_free (sk);
      set_key_error (error, path, _ ("not a coordinator’s secret key (made by “sillon-cli stats keygen”)"));
      return NULL;
    }
  return sk;
}

gboolean
sillon_stats_site_key (SillonStore *store, guint8 out_public[SILLON_STATS_KEY_BYTES], guint8 **out_secret, GError **error)
{
  sqlite3 *db = sillon_store_get_db (store);
  /* The key is read, or made and stored, in one transaction. */
  g_autoptr (SillonStoreTransaction) tx = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;
  int rc;

  tx = sillon_store_transaction_begin (store, error);
  if (tx == NULL)
    return FALSE;
  if (sqlite3_prepare_v2 (db, "SELECT public_key, secret_key FROM stats_site_key WHERE id = 1", -1, &stmt, NULL) != SQLITE_OK)
    goto sql_fail;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (sqlite3_column_bytes (stmt, 0) != SILLON_STATS_KEY_BYTES ||
          sqlite3_column_bytes (stmt, 1) != SILLON_STATS_SIGN_SECRET_BYTES)
        goto sql_fail;
      memcpy (out_public, sqlite3_column_blob (stmt, 0), SILLON_STATS_KEY_BYTES);
      if (out_secret != NULL)
        {
          *out_secret = sodium_malloc (SILLON_STATS_SIGN_SECRET_BYTES);
          memcpy (*out_secret, sqlite3_column_blob (stmt, 1), SILLON_STATS_SIGN_SECRET_BYTES);
        }
      found = TRUE;
    }
  else if (rc != SQLITE_DONE)
    goto sql_fail;
  g_clear_pointer (&stmt, sqlite3_finalize);
  if (!found)
    {
      guint8 *sk = sodium_malloc (SILLON_STATS_SIGN_SECRET_BYTES);

      crypto_sign_keypair (out_public, sk);
      if (sqlite3_prepare_v2 (db, "INSERT INTO stats_site_key (id, public_key, secret_key, created_unix) VALUES (1, ?1, ?2, ?3)",
                              -1, &stmt, NULL) != SQLITE_OK)
        {
          sodium_free (sk);
          goto sql_fail;
        }
      sqlite3_bind_blob (stmt, 1, out_public, SILLON_STATS_KEY_BYTES, SQLITE_TRANSIENT);
      sqlite3_bind_blob (stmt, 2, sk, SILLON_STATS_SIGN_SECRET_BYTES, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);
      if (sqlite3_step (stmt) != SQLITE_DONE)
        {
          sodium_free (sk);
          goto sql_fail;
        }
      g_clear_pointer (&stmt, sqlite3_finalize);
      if (out_secret != NULL)
        *out_secret = sk;
      else
        sodium_free (sk);
    }
  if (!sillon_store_transaction_commit (tx, error))
    {
      if (out_secret != NULL)
        g_clear_pointer (out_secret, sodium_free);
      return FALSE;
    }
  return TRUE;

sql_fail:
  if (!sillon_store_error_if_tampered (sqlite3_extended_errcode (db), error))
    g_set_error (error, SILLON_STATS_ERROR, SILLON_STATS_ERROR_SQL, _ ("Could not read the site’s key from the vault: %s"),
                 sqlite3_errmsg (db));
  /* Finalized before the guard rolls back. */
  sqlite3_finalize (stmt);
  return FALSE;
}

/* ── Payload ──────────────────────────────────────────────────────────── */

static void
add_strings (JsonBuilder *b, GPtrArray *values)
{
  json_builder_begin_array (b);
  for (guint i = 0; i < values->len; i++)
    json_builder_add_string_value (b, g_ptr_array_index (values, i));
  json_builder_end_array (b);
}

static char *
payload_of (SillonStatsRelease *release, const guint8 site[SILLON_STATS_KEY_BYTES])
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *site_text = sillon_stats_key_to_text (site);
  g_autofree char *generator_name = g_strdup_printf ("Sillon %s", sillon_version ());

  json_builder_begin_object (b);
  sillon_json_add_string_member (b, "format", "sillon-stats-bundle");
  sillon_json_add_int_member (b, "version", 1);
  sillon_json_add_string_member (b, "generator", generator_name);
  sillon_json_add_string_member (b, "site", site_text);
  sillon_json_add_string_member (b, "from", release->from);
  sillon_json_add_string_member (b, "to", release->to);
  json_builder_set_member_name (b, "tables");
  json_builder_begin_array (b);
  for (guint t = 0; t < release->tables->len; t++)
    {
      SillonStatsTable *table = g_ptr_array_index (release->tables, t);

      json_builder_begin_object (b);
      sillon_json_add_string_member (b, "id", table->id);
      sillon_json_add_string_member (b, "title", table->title);
      sillon_json_add_string_member (b, "measure", sillon_stats_measure_to_id (table->measure));
      sillon_json_add_string_member (b, "row_dim", table->row_dim);
      sillon_json_add_string_member (b, "col_dim", table->col_dim);
      json_builder_set_member_name (b, "rows");
      add_strings (b, table->rows);
      json_builder_set_member_name (b, "cols");
      add_strings (b, table->cols);
      sillon_json_add_boolean_member (b, "rows_additive", table->rows_additive);
      sillon_json_add_boolean_member (b, "cols_additive", table->cols_additive);
      sillon_json_add_boolean_member (b, "margins_additive", table->margins_additive);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  /* Every cell: its exact count and its number of distinct people. */
  json_builder_set_member_name (b, "cells");
  json_builder_begin_object (b);
  for (guint i = 0; i < release->vars->len; i++)
    {
      SillonStatsVar *v = g_ptr_array_index (release->vars, i);

      json_builder_set_member_name (b, v->key);
      json_builder_begin_array (b);
      json_builder_add_int_value (b, v->value);
      json_builder_add_int_value (b, v->persons);
      json_builder_end_array (b);
    }
  json_builder_end_object (b);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static gboolean
bad_payload (GError **error, const char *why)
{
  g_set_error (error, SILLON_STATS_ERROR, SILLON_STATS_ERROR_BUNDLE_FORMAT,
               /* Translators: %s says what is wrong */
               _ ("the bundle’s content is malformed (%s)"), why);
  return FALSE;
}

static gboolean
measure_from_id (const char *id, SillonStatsMeasure *out)
{
  for (guint m = SILLON_STATS_MEASURE_ACCOMPAGNEMENTS; m <= SILLON_STATS_MEASURE_COMPARED; m++)
    if (g_strcmp0 (sillon_stats_measure_to_id (m), id) == 0)
      {
        *out = m;
        return TRUE;
      }
  return FALSE;
}

/* A name as Sillon writes them: short, letters, digits, "_", "-" and "."
 * (skill ids) only. Anything else is refused, so that a bundle cannot
 * smuggle a "|" or "=" into the cells' keys. */
static gboolean
is_name (const char *text)
{
  gsize n = 0;

  if (text == NULL || *text == '\0')
    return FALSE;
  for (const char *p = text; *p != '\0'; p++, n++)
    if (!(g_ascii_isalnum (*p) || *p == '_' || *p == '-' || *p == '.') || n >= 64)
      return FALSE;
  return TRUE;
}

static const char *
get_string (JsonObject *o, const char *member)
{
  JsonNode *node = json_object_get_member (o, member);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
             ? json_node_get_string (node)
             : NULL;
}

static gboolean
get_boolean (JsonObject *o, const char *member, gboolean *out)
{
  JsonNode *node = json_object_get_member (o, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return FALSE;
  *out = json_node_get_boolean (node);
  return TRUE;
}

static GPtrArray *
get_names (JsonObject *o, const char *member, guint *budget)
{
  JsonNode *node = json_object_get_member (o, member);
  JsonArray *array;
  g_autoptr (GPtrArray) names = NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;
  array = json_node_get_array (node);
  if (json_array_get_length (array) > MAX_CATEGORIES || json_array_get_length (array) > *budget)
    return NULL;
  *budget -= json_array_get_length (array);
  names = g_ptr_array_new_null_terminated (json_array_get_length (array), g_free, TRUE);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *e = json_array_get_element (array, i);
      const char *name = JSON_NODE_HOLDS_VALUE (e) && json_node_get_value_type (e) == G_TYPE_STRING ? json_node_get_string (e) : NULL;

      if (!is_name (name) || !g_hash_table_add (seen, (gpointer) name))
        return NULL;
      g_ptr_array_add (names, g_strdup (name));
    }
  return g_steal_pointer (&names);
}

static gboolean
is_day (const char *text)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  return text != NULL && strlen (text) == 10 && sillon_stats_parse_period (text, &from, &to, NULL) &&
         g_str_equal (from, text);
}

SillonStatsRelease *
sillon_stats_bundle_parse_payload (const char *payload, gsize length, guint8 out_site[SILLON_STATS_KEY_BYTES], GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (SillonStatsRelease) release = NULL;
  JsonNode *root, *node;
  JsonObject *o, *cells;
  JsonArray *tables;
  const char *from, *to, *site;
  guint budget = MAX_CELLS;
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  if (!json_parser_load_from_data (parser, payload, (gssize) length, NULL) ||
      (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return bad_payload (error, "JSON"), NULL;
  o = json_node_get_object (root);
  if (g_strcmp0 (get_string (o, "format"), "sillon-stats-bundle") != 0 ||
      (node = json_object_get_member (o, "version")) == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64 || json_node_get_int (node) != 1)
    return bad_payload (error, "format"), NULL;
  from = get_string (o, "from");
  to = get_string (o, "to");
  site = get_string (o, "site");
  if (!is_day (from) || !is_day (to) || strcmp (from, to) > 0)
    return bad_payload (error, "period"), NULL;
  if (site == NULL || !key_from_text (site, out_site, SILLON_STATS_KEY_BYTES))
    return bad_payload (error, "site"), NULL;
  release = sillon_stats_release_new (from, to);

  node = json_object_get_member (o, "tables");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return bad_payload (error, "tables"), NULL;
  tables = json_node_get_array (node);
  if (json_array_get_length (tables) == 0 || json_array_get_length (tables) > MAX_TABLES)
    return bad_payload (error, "tables"), NULL;
  for (guint t = 0; t < json_array_get_length (tables); t++)
    {
      JsonNode *tn = json_array_get_element (tables, t);
      JsonObject *to_ = JSON_NODE_HOLDS_OBJECT (tn) ? json_node_get_object (tn) : NULL;
      g_autoptr (GPtrArray) rows = NULL;
      g_autoptr (GPtrArray) cols = NULL;
      SillonStatsMeasure measure;
      gboolean rows_additive, cols_additive, margins_additive;
      const char *id, *title, *row_dim, *col_dim = NULL;
      SillonStatsTable *table;
      guint cost;

      if (to_ == NULL)
        return bad_payload (error, "table"), NULL;
      id = get_string (to_, "id");
      title = get_string (to_, "title");
      row_dim = get_string (to_, "row_dim");
      node = json_object_get_member (to_, "col_dim");
      if (node != NULL && !JSON_NODE_HOLDS_NULL (node))
        {
          col_dim = get_string (to_, "col_dim");
          if (!is_name (col_dim))
            return bad_payload (error, "col_dim"), NULL;
        }
      if (!is_name (id) || title == NULL || strlen (title) > 200 || !g_utf8_validate (title, -1, NULL) ||
          !is_name (row_dim) || g_strcmp0 (row_dim, col_dim) == 0 ||
          !measure_from_id (get_string (to_, "measure"), &measure) ||
          !get_boolean (to_, "rows_additive", &rows_additive) || !get_boolean (to_, "cols_additive", &cols_additive) ||
          !get_boolean (to_, "margins_additive", &margins_additive) ||
          sillon_stats_release_find_table (release, id) != NULL)
        return bad_payload (error, "table"), NULL;
      rows = get_names (to_, "rows", &budget);
      cols = get_names (to_, "cols", &budget);
      if (rows == NULL || cols == NULL || (col_dim == NULL && cols->len > 0))
        return bad_payload (error, "categories"), NULL;
      cost = (rows->len + 1) * (cols->len + 1);
      if (cost > budget)
        return bad_payload (error, "size"), NULL;
      budget -= cost;
      table = sillon_stats_release_add_table (release, id, title, measure, row_dim, (const char *const *) rows->pdata,
                                              rows_additive, col_dim, (const char *const *) cols->pdata, cols_additive);
      table->margins_additive = margins_additive;
    }

  node = json_object_get_member (o, "cells");
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return bad_payload (error, "cells"), NULL;
  cells = json_node_get_object (node);
  if (json_object_get_size (cells) != release->vars->len)
    return bad_payload (error, "cells"), NULL;
  json_object_iter_init (&iter, cells);
  while (json_object_iter_next (&iter, &key, &value))
    {
      gint index = sillon_stats_release_lookup (release, key);
      JsonArray *pair;
      SillonStatsVar *var;
      gint64 counts[2];

      if (index < 0 || !JSON_NODE_HOLDS_ARRAY (value) || json_array_get_length (pair = json_node_get_array (value)) != 2)
        return bad_payload (error, "cell"), NULL;
      for (guint i = 0; i < 2; i++)
        {
          JsonNode *n = json_array_get_element (pair, i);

          if (!JSON_NODE_HOLDS_VALUE (n) || json_node_get_value_type (n) != G_TYPE_INT64 ||
              json_node_get_int (n) < 0 || json_node_get_int (n) > MAX_COUNT)
            return bad_payload (error, "count"), NULL;
          counts[i] = json_node_get_int (n);
        }
      var = sillon_stats_release_get_var (release, (guint) index);
      var->value = counts[0];
      var->persons = counts[1];
    }
  sillon_stats_link_hierarchies (release);
  if (!sillon_stats_release_check_consistent (release, NULL))
    return bad_payload (error, "the counts do not add up"), NULL;
  return g_steal_pointer (&release);
}

/* ── Bundles ──────────────────────────────────────────────────────────── */

static void
signed_message (GByteArray *message, const guint8 coordinator[SILLON_STATS_KEY_BYTES], const char *payload, gsize length)
{
  g_byte_array_append (message, (const guint8 *) INNER_MAGIC, MAGIC_BYTES);
  g_byte_array_append (message, coordinator, SILLON_STATS_KEY_BYTES);
  g_byte_array_append (message, (const guint8 *) payload, (guint) length);
}

GBytes *
sillon_stats_bundle_build (SillonStatsRelease *release,
                           const guint8 site_public[SILLON_STATS_KEY_BYTES],
                           const guint8 *site_secret,
                           const guint8 coordinator_public[SILLON_STATS_KEY_BYTES],
                           GError **error)
{
  g_autofree char *payload = payload_of (release, site_public);
  gsize length = strlen (payload);
  g_autoptr (GByteArray) message = g_byte_array_new ();
  g_autoptr (GByteArray) inner = g_byte_array_new ();
  guint8 signature[crypto_sign_BYTES];
  gsize sealed_length;
  guint8 *out;
  guint32 le;

  if (length > MAX_BUNDLE_BYTES / 2)
    {
      g_set_error (error, SILLON_STATS_ERROR, SILLON_STATS_ERROR_INVALID, _ ("The statistics are too large for a bundle"));
      return NULL;
    }
  signed_message (message, coordinator_public, payload, length);
  crypto_sign_detached (signature, NULL, message->data, message->len, site_secret);
  g_byte_array_append (inner, (const guint8 *) INNER_MAGIC, MAGIC_BYTES);
  g_byte_array_append (inner, site_public, SILLON_STATS_KEY_BYTES);
  g_byte_array_append (inner, signature, sizeof signature);
  g_byte_array_append (inner, (const guint8 *) payload, (guint) length);

  sealed_length = inner->len + crypto_box_SEALBYTES;
  out = g_malloc (OUTER_HEADER + sealed_length);
  memcpy (out, OUTER_MAGIC, MAGIC_BYTES);
  memcpy (out + MAGIC_BYTES, coordinator_public, SILLON_STATS_KEY_BYTES);
  le = GUINT32_TO_LE ((guint32) sealed_length);
  memcpy (out + MAGIC_BYTES + SILLON_STATS_KEY_BYTES, &le, 4);
  crypto_box_seal (out + OUTER_HEADER, inner->data, inner->len, coordinator_public);
  return g_bytes_new_take (out, OUTER_HEADER + sealed_length);
}

void
sillon_stats_bundle_free (SillonStatsBundle *bundle)
{
  if (bundle == NULL)
    return;
  sillon_stats_release_free (bundle->release);
  g_free (bundle);
}

static void
set_bundle_error (GError **error, int code, const char *message)
{
  g_set_error_literal (error, SILLON_STATS_ERROR, code, message);
}

SillonStatsBundle *
sillon_stats_bundle_open (const guint8 *data, gsize length, const guint8 *coordinator_secret, GError **error)
{
  guint8 coordinator[crypto_box_PUBLICKEYBYTES];
  g_autoptr (GByteArray) message = g_byte_array_new ();
  g_autoptr (SillonStatsBundle) bundle = NULL;
  guint8 site[SILLON_STATS_KEY_BYTES];
  guint8 *inner;
  guint32 le;
  gsize sealed_length, inner_length;

  if (length < MAGIC_BYTES || memcmp (data, OUTER_MAGIC, MAGIC_BYTES) != 0)
    {
      set_bundle_error (error, SILLON_STATS_ERROR_BUNDLE_FORMAT, _ ("not a Sillon statistics bundle"));
      return NULL;
    }
  if (length < OUTER_HEADER)
    {
      set_bundle_error (error, SILLON_STATS_ERROR_BUNDLE_FORMAT, _ ("the bundle is truncated"));
      return NULL;
    }
  crypto_scalarmult_base (coordinator, coordinator_secret);
  if (sodium_memcmp (data + MAGIC_BYTES, coordinator, SILLON_STATS_KEY_BYTES) != 0)
    {
      set_bundle_error (error, SILLON_STATS_ERROR_WRONG_RECIPIENT,
                        _ ("the bundle was sealed for another coordinator’s key, not yours"));
      return NULL;
    }
  memcpy (&le, data + MAGIC_BYTES + SILLON_STATS_KEY_BYTES, 4);
  sealed_length = GUINT32_FROM_LE (le);
  if (length - OUTER_HEADER < sealed_length || sealed_length < crypto_box_SEALBYTES + INNER_HEADER)
    {
      set_bundle_error (error, SILLON_STATS_ERROR_BUNDLE_FORMAT, _ ("the bundle is truncated"));
      return NULL;
    }
  if (length - OUTER_HEADER > sealed_length)
    {
      set_bundle_error (error, SILLON_STATS_ERROR_BUNDLE_FORMAT, _ ("the bundle has unexpected data at its end"));
      return NULL;
    }
  inner_length = sealed_length - crypto_box_SEALBYTES;
  inner = g_malloc (inner_length);
  if (crypto_box_seal_open (inner, data + OUTER_HEADER, sealed_length, coordinator, coordinator_secret) != 0)
    {
      g_free (inner);
      set_bundle_error (error, SILLON_STATS_ERROR_BUNDLE_TAMPERED,
                        _ ("the bundle was altered after it was sealed: its seal does not verify"));
      return NULL;
    }
  if (memcmp (inner, INNER_MAGIC, MAGIC_BYTES) != 0)
    {
      g_free (inner);
      set_bundle_error (error, SILLON_STATS_ERROR_BUNDLE_FORMAT, _ ("not a Sillon statistics bundle"));
      return NULL;
    }
  memcpy (site, inner + MAGIC_BYTES, SILLON_STATS_KEY_BYTES);
  signed_message (message, coordinator, (const char *) inner + INNER_HEADER, inner_length - INNER_HEADER);
  if (crypto_sign_verify_detached (inner + MAGIC_BYTES + SILLON_STATS_KEY_BYTES, message->data, message->len, site) != 0)
    {
      g_free (inner);
      set_bundle_error (error, SILLON_STATS_ERROR_BUNDLE_TAMPERED,
                        _ ("the site’s signature does not verify: the bundle was not made by the site it names"));
      return NULL;
    }
  bundle = g_new0 (SillonStatsBundle, 1);
  {
    guint8 named[SILLON_STATS_KEY_BYTES];

    bundle->release = sillon_stats_bundle_parse_payload ((const char *) inner + INNER_HEADER, inner_length - INNER_HEADER,
                                                         named, error);
    g_free (inner);
    if (bundle->release == NULL)
      return NULL;
    if (sodium_memcmp (named, site, SILLON_STATS_KEY_BYTES) != 0)
      {
        set_bundle_error (error, SILLON_STATS_ERROR_BUNDLE_TAMPERED, _ ("the bundle names another site than the one that signed it"));
        return NULL;
      }
  }
  memcpy (bundle->site, site, SILLON_STATS_KEY_BYTES);
  return g_steal_pointer (&bundle);
}

/* ── Trust and merge ──────────────────────────────────────────────────── */

GHashTable *
sillon_stats_trust_load (const char *path, GError **error)
{
  g_autofree char *contents = NULL;
  g_autoptr (GError) local = NULL;
  g_autoptr (GHashTable) trust = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto (GStrv) lines = NULL;

  if (!g_file_get_contents (path, &contents, NULL, &local))
    {
      set_key_error (error, path, local->message);
      return NULL;
    }
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strstrip (lines[i]);
      char *space;
      guint8 key[SILLON_STATS_KEY_BYTES];

      if (*line == '\0' || *line == '#')
        continue;
      space = strpbrk (line, " \t");
      if (space != NULL)
        *space++ = '\0';
      if (!key_from_text (line, key, sizeof key))
        {
          g_set_error (error, SILLON_STATS_ERROR, SILLON_STATS_ERROR_KEY,
                       /* Translators: %s is a file name, %u a line number */
                       _ ("%s, line %u: not a site’s public key (as printed by “sillon-cli stats site-key”)"), path, i + 1);
          return NULL;
        }
      g_hash_table_insert (trust, g_strdup (line), g_strdup (space != NULL ? g_strstrip (space) : ""));
    }
  if (g_hash_table_size (trust) == 0)
    {
      set_key_error (error, path, _ ("the trust list holds no site key"));
      return NULL;
    }
  return g_steal_pointer (&trust);
}

static void
union_into (GPtrArray *into, GPtrArray *more, gboolean *grew)
{
  for (guint i = 0; i < more->len; i++)
    {
      const char *name = g_ptr_array_index (more, i);
      gboolean found = FALSE;

      for (guint j = 0; j < into->len && !found; j++)
        found = g_str_equal (g_ptr_array_index (into, j), name);
      if (!found)
        {
          g_ptr_array_add (into, (gpointer) name);
          *grew = TRUE;
        }
    }
}

static int
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

SillonStatsRelease *
sillon_stats_merge (const char *const *paths, GHashTable *trust, const guint8 *coordinator_secret, GError **error)
{
  g_autoptr (GPtrArray) bundles = g_ptr_array_new_with_free_func ((GDestroyNotify) sillon_stats_bundle_free);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (SillonStatsRelease) merged = NULL;
  SillonStatsRelease *first;

  if (paths == NULL || paths[0] == NULL)
    {
      g_set_error (error, SILLON_STATS_ERROR, SILLON_STATS_ERROR_INVALID, _ ("No bundle to merge"));
      return NULL;
    }
  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autofree char *contents = NULL;
      g_autofree char *site = NULL;
      g_autoptr (GError) local = NULL;
      gsize length = 0;
      SillonStatsBundle *bundle;
      const char *earlier;

      if (!g_file_get_contents (paths[i], &contents, &length, &local))
        {
          g_set_error (error, SILLON_STATS_ERROR, SILLON_STATS_ERROR_IO, "%s: %s", paths[i], local->message);
          return NULL;
        }
      if (length > MAX_BUNDLE_BYTES)
        {
          g_set_error (error, SILLON_STATS_ERROR, SILLON_STATS_ERROR_BUNDLE_FORMAT, _ ("%s: too large for a bundle"), paths[i]);
          return NULL;
        }
      bundle = sillon_stats_bundle_open ((const guint8 *) contents, length, coordinator_secret, error);
      if (bundle == NULL)
        {
          g_prefix_error (error, "%s: ", paths[i]);
          return NULL;
        }
      g_ptr_array_add (bundles, bundle);
      site = sillon_stats_key_to_text (bundle->site);
      if (!g_hash_table_contains (trust, site))
        {
          g_set_error (error, SILLON_STATS_ERROR, SILLON_STATS_ERROR_UNTRUSTED_SITE,
                       /* Translators: the first %s is a file name, the second a key */
                       _ ("%s: signed by a site that is not in the trust list (its key is %s)"), paths[i], site);
          return NULL;
        }
      earlier = g_hash_table_lookup (seen, site);
      if (earlier != NULL)
        {
          g_set_error (error, SILLON_STATS_ERROR, SILLON_STATS_ERROR_REPLAYED,
                       /* Translators: %s are file names */
                       _ ("%s: this site’s statistics for this period were already given in %s; each site counts once"),
                       paths[i], earlier);
          return NULL;
        }
      g_hash_table_insert (seen, g_steal_pointer (&site), (gpointer) paths[i]);
      first = ((SillonStatsBundle *) g_ptr_array_index (bundles, 0))->release;
      if (!g_str_equal (bundle->release->from, first->from) || !g_str_equal (bundle->release->to, first->to))
        {
          g_set_error (error, SILLON_STATS_ERROR, SILLON_STATS_ERROR_MISMATCH,
                       /* Translators: %s are a file name and periods */
                       _ ("%s: its period %s..%s differs from %s..%s: merge bundles of one period"), paths[i],
                       bundle->release->from, bundle->release->to, first->from, first->to);
          return NULL;
        }
    }

  /* The tables of the merge: each table's categories are the union of the
   * sites' (communes differ from site to site), sorted when they differ. */
  first = ((SillonStatsBundle *) g_ptr_array_index (bundles, 0))->release;
  merged = sillon_stats_release_new (first->from, first->to);
  for (guint b = 0; b < bundles->len; b++)
    {
      SillonStatsRelease *r = ((SillonStatsBundle *) g_ptr_array_index (bundles, b))->release;

      for (guint t = 0; t < r->tables->len; t++)
        {
          SillonStatsTable *table = g_ptr_array_index (r->tables, t);
          g_autoptr (GPtrArray) rows = NULL;
          g_autoptr (GPtrArray) cols = NULL;
          gboolean grew_rows = FALSE, grew_cols = FALSE;
          SillonStatsTable *made;

          if (sillon_stats_release_find_table (merged, table->id) != NULL)
            continue;
          rows = g_ptr_array_new_null_terminated (0, NULL, TRUE);
          cols = g_ptr_array_new_null_terminated (0, NULL, TRUE);
          for (guint other = b; other < bundles->len; other++)
            {
              SillonStatsRelease *o = ((SillonStatsBundle *) g_ptr_array_index (bundles, other))->release;
              SillonStatsTable *same = sillon_stats_release_find_table (o, table->id);
              gboolean ignored = FALSE;

              if (same == NULL)
                continue;
              if (same->measure != table->measure || g_strcmp0 (same->row_dim, table->row_dim) != 0 ||
                  g_strcmp0 (same->col_dim, table->col_dim) != 0)
                {
                  g_set_error (error, SILLON_STATS_ERROR, SILLON_STATS_ERROR_MISMATCH,
                               _ ("%s: its table “%s” is laid out differently: the sites run different versions of Sillon"),
                               paths[other], table->id);
                  return NULL;
                }
              union_into (rows, same->rows, other == b ? &ignored : &grew_rows);
              union_into (cols, same->cols, other == b ? &ignored : &grew_cols);
            }
          if (grew_rows)
            g_ptr_array_sort (rows, compare_names);
          if (grew_cols)
            g_ptr_array_sort (cols, compare_names);
          made = sillon_stats_release_add_table (merged, table->id, table->title, table->measure, table->row_dim,
                                                 (const char *const *) rows->pdata, table->rows_additive, table->col_dim,
                                                 (const char *const *) cols->pdata, table->cols_additive);
          made->margins_additive = table->margins_additive;
        }
    }
  for (guint b = 0; b < bundles->len; b++)
    sillon_stats_release_add (merged, ((SillonStatsBundle *) g_ptr_array_index (bundles, b))->release);
  sillon_stats_link_hierarchies (merged);
  if (!sillon_stats_release_check_consistent (merged, error))
    return NULL;
  merged->n_sites = bundles->len;
  return g_steal_pointer (&merged);
}
