/* sillon-store-beneficiaries.c — beneficiaries, consents, search, duplicates
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sillon-store.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "sillon-store-private.h"

/* ── Folding and keys ──────────────────────────────────────────────────── */

/* Letters that canonical decomposition leaves whole but that French
 * keyboards and habits write as two letters or without the stroke. */
static const char *
fold_special (gunichar c)
{
  switch (c)
    {
      case 0x0153: /* œ */
        return "oe";
      case 0x00E6: /* æ */
        return "ae";
      case 0x00DF: /* ß */
        return "ss";
      case 0x00F8: /* ø */
        return "o";
      case 0x0142: /* ł */
        return "l";
      case 0x0111: /* đ */
        return "d";
      case 0x0131: /* dotless i */
        return "i";
      default:
        return NULL;
    }
}

char *
sillon_store_fold (const char *text)
{
  g_autofree char *decomposed = NULL;
  GString *out;
  gboolean pending_space = FALSE;

  if (text == NULL)
    return g_strdup ("");
  if (!g_utf8_validate (text, -1, NULL))
    return g_strdup ("");
  decomposed = g_utf8_normalize (text, -1, G_NORMALIZE_NFKD);
  out = g_string_sized_new (strlen (text));
  for (const char *p = decomposed; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_unichar_tolower (g_utf8_get_char (p));
      GUnicodeType type = g_unichar_type (c);
      const char *special;

      if (type == G_UNICODE_NON_SPACING_MARK || type == G_UNICODE_SPACING_MARK ||
          type == G_UNICODE_ENCLOSING_MARK)
        continue;
      if (!g_unichar_isalnum (c))
        {
          pending_space = out->len > 0;
          continue;
        }
      if (pending_space)
        {
          g_string_append_c (out, ' ');
          pending_space = FALSE;
        }
      special = fold_special (c);
      if (special != NULL)
        g_string_append (out, special);
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* Last name first, so that the index on name_key gives the list order. */
char *
store_name_key (const char *first_name, const char *last_name)
{
  g_autofree char *first = sillon_store_fold (first_name);
  g_autofree char *last = sillon_store_fold (last_name);

  if (*first == '\0')
    return g_steal_pointer (&last);
  if (*last == '\0')
    return g_steal_pointer (&first);
  return g_strconcat (last, " ", first, NULL);
}

static char *
phone_key (const char *phone)
{
  GString *digits;

  if (phone == NULL)
    return NULL;
  digits = g_string_new (NULL);
  for (const char *p = phone; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
  /* +33 6 12 … and 06 12 … are the same French number. */
  if (g_str_has_prefix (digits->str, "33") && digits->len == 11)
    {
      g_string_erase (digits, 0, 2);
      g_string_prepend_c (digits, '0');
    }
  if (digits->len < 6)
    {
      g_string_free (digits, TRUE);
      return NULL;
    }
  return g_string_free (digits, FALSE);
}

static char *
email_key (const char *email)
{
  g_autofree char *stripped = NULL;

  if (email == NULL)
    return NULL;
  stripped = g_strstrip (g_strdup (email));
  if (*stripped == '\0')
    return NULL;
  return g_utf8_casefold (stripped, -1);
}

/* Trigrams of each word padded as "  word ", so that the first letters weigh
 * more than the middle ones, as people rarely mistype the start of a name. */
static GPtrArray *
trigrams_with (const char *folded, gboolean with_initial)
{
  g_autoptr (GPtrArray) set = g_ptr_array_new_with_free_func (g_free);
  g_auto (GStrv) words = g_strsplit (folded != NULL ? folded : "", " ", -1);

  for (gsize w = 0; words[w] != NULL; w++)
    {
      g_autofree char *padded = NULL;
      glong n;

      if (*words[w] == '\0')
        continue;
      padded = g_strconcat ("  ", words[w], " ", NULL);
      n = g_utf8_strlen (padded, -1);
      for (glong i = 0; i + 3 <= n; i++)
        {
          const char *start = g_utf8_offset_to_pointer (padded, i);
          const char *end = g_utf8_offset_to_pointer (start, 3);
          g_autofree char *tri = g_strndup (start, end - start);
          gboolean seen = FALSE;

          if (i == 0 && !with_initial)
            continue;

          for (guint k = 0; k < set->len && !seen; k++)
            seen = strcmp (set->pdata[k], tri) == 0;
          if (!seen)
            g_ptr_array_add (set, g_steal_pointer (&tri));
        }
    }
  return g_steal_pointer (&set);
}

static GPtrArray *
trigrams_of (const char *folded)
{
  return trigrams_with (folded, TRUE);
}

/* The index leaves out each word's "  x" trigram: it only says which letter
 * a word starts with, which thousands of people share, and the " xy" one
 * anchors the start just as well at a fraction of the rows to count. */
static GPtrArray *
index_trigrams_of (const char *folded)
{
  return trigrams_with (folded, FALSE);
}

/* Jaccard index of the trigram sets, as pg_trgm's similarity(). */
static double
trigram_similarity (const char *a, const char *b)
{
  g_autoptr (GPtrArray) ta = trigrams_of (a);
  g_autoptr (GPtrArray) tb = trigrams_of (b);
  guint common = 0;

  if (ta->len == 0 || tb->len == 0)
    return 0.0;
  for (guint i = 0; i < ta->len; i++)
    for (guint j = 0; j < tb->len; j++)
      if (strcmp (ta->pdata[i], tb->pdata[j]) == 0)
        {
          common++;
          break;
        }
  return (double) common / (double) (ta->len + tb->len - common);
}

gboolean
store_index_beneficiary (SillonStore *store, gint64 id, const char *name_key, GError **error)
{
  g_autoptr (GPtrArray) trigrams = index_trigrams_of (name_key);
  g_autoptr (StoreStmt) del = store_stmt (store, "DELETE FROM beneficiary_trigrams WHERE beneficiary_id = ?", error);

  if (del == NULL)
    return FALSE;
  sqlite3_bind_int64 (del, 1, id);
  if (!store_step_done (store, del, error))
    return FALSE;
  for (guint i = 0; i < trigrams->len; i++)
    {
      g_autoptr (StoreStmt) ins = store_stmt (store, "INSERT OR IGNORE INTO beneficiary_trigrams (trigram, beneficiary_id) VALUES (?, ?)", error);

      if (ins == NULL)
        return FALSE;
      store_bind_text (ins, 1, trigrams->pdata[i]);
      sqlite3_bind_int64 (ins, 2, id);
      if (!store_step_done (store, ins, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
store_optimize_search (SillonStore *store, GError **error)
{
  return store_exec (store->db,
                     "INSERT INTO beneficiary_fts (beneficiary_fts) VALUES ('rebuild');"
                     "INSERT INTO beneficiary_fts (beneficiary_fts) VALUES ('optimize');",
                     error);
}

/* ── Beneficiaries ─────────────────────────────────────────────────────── */

SillonBeneficiary *
sillon_beneficiary_new (void)
{
  return g_new0 (SillonBeneficiary, 1);
}

void
sillon_beneficiary_free (SillonBeneficiary *b)
{
  if (b == NULL)
    return;
  g_free (b->first_name);
  g_free (b->last_name);
  g_free (b->gender);
  g_free (b->social_status);
  g_free (b->commune_insee);
  g_free (b->phone);
  g_free (b->email);
  g_free (b->sheet_language);
  g_free (b->notes);
  g_free (b);
}

static gboolean
check_beneficiary (SillonStore *store, const SillonBeneficiary *b, GError **error)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  int this_year = g_date_time_get_year (now);

  if (!store_check_text (_ ("first name"), b->first_name, SILLON_STORE_MAX_TEXT_BYTES, FALSE, error) ||
      !store_check_text (_ ("last name"), b->last_name, SILLON_STORE_MAX_TEXT_BYTES, FALSE, error) ||
      !store_check_text (_ ("phone"), b->phone, 64, FALSE, error) ||
      !store_check_text (_ ("e-mail"), b->email, 320, FALSE, error) ||
      !store_check_text (_ ("notes"), b->notes, SILLON_STORE_MAX_NOTES_BYTES, FALSE, error) ||
      !store_check_enum (store, "Genre", _ ("gender"), b->gender, FALSE, error) ||
      !store_check_enum (store, "StatutSocial", _ ("social status"), b->social_status, FALSE, error))
    return FALSE;

  /* The Coop's rule: a birth year from 1900 to this year. */
  if (b->birth_year != 0 && (b->birth_year < 1900 || b->birth_year > this_year))
    {
      g_set_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID,
                   _ ("%d is not a valid value for the field “%s”: it must be between 1900 and %d"),
                   b->birth_year, _ ("birth year"), this_year);
      return FALSE;
    }
  if (b->commune_insee != NULL && *b->commune_insee != '\0' &&
      !g_regex_match_simple ("^([013-9][0-9]|2[AB1-9])[0-9]{3}$", b->commune_insee, 0, 0))
    {
      g_set_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID,
                   _ ("“%s” is not a valid value for the field “%s”"), b->commune_insee, _ ("commune (INSEE code)"));
      return FALSE;
    }
  if (b->email != NULL && *b->email != '\0' && strchr (b->email, '@') == NULL)
    {
      g_set_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID,
                   _ ("“%s” is not a valid value for the field “%s”"), b->email, _ ("e-mail"));
      return FALSE;
    }
  if (b->sheet_language != NULL && *b->sheet_language != '\0' &&
      !g_regex_match_simple ("^[a-z]{2,3}(_[A-Z]{2})?$", b->sheet_language, 0, 0))
    {
      g_set_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID,
                   _ ("“%s” is not a valid value for the field “%s”"), b->sheet_language, _ ("sheet language"));
      return FALSE;
    }
  return TRUE;
}

static const char *
empty_to_null (const char *text)
{
  return text != NULL && *text != '\0' ? text : NULL;
}

static void
bind_beneficiary (StoreStmt *stmt, const SillonBeneficiary *b, const char *name_key)
{
  g_autofree char *pkey = phone_key (b->phone);
  g_autofree char *ekey = email_key (b->email);

  store_bind_text (stmt, 1, empty_to_null (b->first_name));
  store_bind_text (stmt, 2, empty_to_null (b->last_name));
  if (b->birth_year != 0)
    sqlite3_bind_int (stmt, 3, b->birth_year);
  else
    sqlite3_bind_null (stmt, 3);
  store_bind_text (stmt, 4, empty_to_null (b->gender));
  store_bind_text (stmt, 5, empty_to_null (b->social_status));
  store_bind_text (stmt, 6, empty_to_null (b->commune_insee));
  store_bind_text (stmt, 7, empty_to_null (b->phone));
  store_bind_text (stmt, 8, empty_to_null (b->email));
  store_bind_text (stmt, 9, empty_to_null (b->sheet_language));
  store_bind_text (stmt, 10, empty_to_null (b->notes));
  store_bind_id (stmt, 11, b->mediator_id);
  sqlite3_bind_int (stmt, 12, b->anonymised ? 1 : 0);
  store_bind_text (stmt, 13, name_key);
  store_bind_text (stmt, 14, pkey);
  store_bind_text (stmt, 15, ekey);
  sqlite3_bind_int64 (stmt, 16, b->updated_unix);
}

/* Insert and update write the same columns and keep the search index in
 * step within one transaction; they differ only in their SQL, in which
 * timestamps they set and in what the 17th parameter is (the creation
 * time of a new row, the id of an existing one). */
static gboolean
write_beneficiary (SillonStore *store, SillonBeneficiary *b, gboolean inserting, GError **error)
{
  g_autoptr (SillonStoreTransaction) tx = NULL;
  g_autoptr (StoreStmt) stmt = NULL;
  g_autofree char *key = NULL;

  if (!check_beneficiary (store, b, error))
    return FALSE;
  tx = sillon_store_transaction_begin (store, error);
  if (tx == NULL)
    return FALSE;
  stmt = store_stmt (store,
                     inserting ? "INSERT INTO beneficiaries (first_name, last_name, birth_year, gender, social_status,"
                                 " commune_insee, phone, email, sheet_language, notes, mediator_id, anonymised,"
                                 " name_key, phone_key, email_key, updated_unix, created_unix)"
                                 " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                               : "UPDATE beneficiaries SET first_name = ?, last_name = ?, birth_year = ?, gender = ?,"
                                 " social_status = ?, commune_insee = ?, phone = ?, email = ?, sheet_language = ?,"
                                 " notes = ?, mediator_id = ?, anonymised = ?, name_key = ?, phone_key = ?,"
                                 " email_key = ?, updated_unix = ? WHERE id = ?",
                     error);
  if (stmt == NULL)
    return FALSE;
  key = store_name_key (b->first_name, b->last_name);
  if (!inserting)
    b->updated_unix = store_now_unix ();
  else
    {
      if (b->created_unix == 0)
        b->created_unix = store_now_unix ();
      if (b->updated_unix == 0)
        b->updated_unix = b->created_unix;
    }
  bind_beneficiary (stmt, b, key);
  sqlite3_bind_int64 (stmt, 17, inserting ? b->created_unix : b->id);
  if (!store_step_done (store, stmt, error))
    return FALSE;
  if (inserting)
    b->id = sqlite3_last_insert_rowid (store->db);
  else if (!store_check_changed (store, _ ("beneficiary"), b->id, error))
    return FALSE;
  if (!store_index_beneficiary (store, b->id, key, error))
    return FALSE;
  return sillon_store_transaction_commit (tx, error);
}

gboolean
sillon_store_insert_beneficiary (SillonStore *store, SillonBeneficiary *b, GError **error)
{
  return write_beneficiary (store, b, TRUE, error);
}

gboolean
sillon_store_update_beneficiary (SillonStore *store, SillonBeneficiary *b, GError **error)
{
  return write_beneficiary (store, b, FALSE, error);
}

#define BENEFICIARY_COLUMNS                                                                     \
  "id, first_name, last_name, birth_year, gender, social_status, commune_insee, phone, email, " \
  "sheet_language, notes, mediator_id, anonymised, created_unix, updated_unix"

static gpointer
beneficiary_from_row (StoreStmt *stmt)
{
  SillonBeneficiary *b = sillon_beneficiary_new ();

  b->id = sqlite3_column_int64 (stmt, 0);
  b->first_name = store_column_text (stmt, 1);
  b->last_name = store_column_text (stmt, 2);
  b->birth_year = sqlite3_column_int (stmt, 3);
  b->gender = store_column_text (stmt, 4);
  b->social_status = store_column_text (stmt, 5);
  b->commune_insee = store_column_text (stmt, 6);
  b->phone = store_column_text (stmt, 7);
  b->email = store_column_text (stmt, 8);
  b->sheet_language = store_column_text (stmt, 9);
  b->notes = store_column_text (stmt, 10);
  b->mediator_id = store_column_id (stmt, 11);
  b->anonymised = sqlite3_column_int (stmt, 12);
  b->created_unix = sqlite3_column_int64 (stmt, 13);
  b->updated_unix = sqlite3_column_int64 (stmt, 14);
  return b;
}

SillonBeneficiary *
sillon_store_get_beneficiary (SillonStore *store, gint64 id, GError **error)
{
  return store_get_one (store, "SELECT " BENEFICIARY_COLUMNS " FROM beneficiaries WHERE id = ?",
                        beneficiary_from_row, _ ("beneficiary"), id, error);
}

GPtrArray *
sillon_store_list_beneficiaries (SillonStore *store, guint limit, guint offset, GError **error)
{
  g_autoptr (StoreStmt) stmt = store_stmt (store, "SELECT " BENEFICIARY_COLUMNS " FROM beneficiaries ORDER BY name_key, id LIMIT ? OFFSET ?", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, limit > 0 ? (int) MIN (limit, G_MAXINT) : -1);
  sqlite3_bind_int (stmt, 2, (int) MIN (offset, G_MAXINT));
  return store_collect (store, stmt, beneficiary_from_row, (GDestroyNotify) sillon_beneficiary_free, error);
}

GPtrArray *
sillon_store_list_recent_beneficiaries (SillonStore *store, guint limit, GError **error)
{
  g_autoptr (GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) sillon_beneficiary_free);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc = SQLITE_DONE;

  /* Walks the date index backwards and stops at @limit distinct people: a
   * GROUP BY over every session would read all of them. */
  {
    g_autoptr (StoreStmt) stmt = store_stmt (store, "SELECT beneficiary_id FROM sessions ORDER BY date DESC, id DESC", error);

    if (stmt == NULL)
      return NULL;
    while (ids->len < limit && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        gint64 id = sqlite3_column_int64 (stmt, 0);
        if (!g_hash_table_contains (seen, &id))
          {
            g_hash_table_add (seen, g_memdup2 (&id, sizeof id));
            g_array_append_val (ids, id);
          }
      }
    if (ids->len < limit && rc != SQLITE_DONE)
      {
        store_set_sql_error (store->db, rc, error);
        return NULL;
      }
  }

  for (guint i = 0; i < ids->len; i++)
    {
      SillonBeneficiary *b = sillon_store_get_beneficiary (store, g_array_index (ids, gint64, i), error);
      if (b == NULL)
        return NULL;
      g_ptr_array_add (list, b);
    }
  return g_steal_pointer (&list);
}

gint64
sillon_store_count_beneficiaries (SillonStore *store, GError **error)
{
  g_autoptr (StoreStmt) stmt = store_stmt (store, "SELECT count(*) FROM beneficiaries", error);

  if (stmt == NULL || !store_step_row (store, stmt, NULL, error))
    return -1;
  return sqlite3_column_int64 (stmt, 0);
}

gboolean
sillon_store_get_last_session_date (SillonStore *store,
                                    gint64 beneficiary_id,
                                    char **out_date,
                                    GError **error)
{
  /* max() over the (beneficiary_id, date) index reads one entry. */
  g_autoptr (StoreStmt) stmt = store_stmt (store, "SELECT max(date) FROM sessions WHERE beneficiary_id = ?", error);

  g_return_val_if_fail (out_date != NULL, FALSE);
  *out_date = NULL;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, beneficiary_id);
  if (!store_step_row (store, stmt, NULL, error))
    return FALSE;
  if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    *out_date = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  return TRUE;
}

gboolean
sillon_store_delete_beneficiary (SillonStore *store, gint64 id, GError **error)
{
  return store_delete_by_id (store, "DELETE FROM beneficiaries WHERE id = ?", _ ("beneficiary"), id, error);
}

const char *
sillon_store_beneficiary_age_bracket (SillonStore *store,
                                      const SillonBeneficiary *b,
                                      const GDate *reference,
                                      GError **error)
{
  g_autoptr (GError) local_error = NULL;
  const char *bracket = sillon_vocabulary_age_bracket (store->vocabulary,
                                                       b->birth_year != 0 ? b->birth_year : SILLON_VOCABULARY_BIRTH_YEAR_UNKNOWN,
                                                       reference, &local_error);

  if (bracket == NULL)
    g_set_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID, "%s", local_error->message);
  return bracket;
}

/* ── Search ────────────────────────────────────────────────────────────── */

/* Names are short: words are compared as arrays of characters on the
 * stack, so that checking hundreds of candidates allocates nothing. */
#define MAX_WORD 48
#define MAX_WORDS 8

typedef struct
{
  gunichar c[MAX_WORD];
  guint len;
} Word;

/* Splits folded text (words separated by one space) into words; longer
 * words are cut, which only makes them match less. */
static guint
split_words (const char *text, Word *words, guint max_words)
{
  guint n = 0;

  while (text != NULL && *text != '\0' && n < max_words)
    {
      Word *w = &words[n++];

      w->len = 0;
      while (*text != '\0' && *text != ' ')
        {
          if (w->len < MAX_WORD)
            w->c[w->len++] = g_utf8_get_char (text);
          text = g_utf8_next_char (text);
        }
      while (*text == ' ')
        text++;
    }
  return n;
}

/* Edit distance with transpositions (optimal string alignment); gives up
 * above @max and returns max + 1. */
static guint
edit_distance (const gunichar *a, guint la, const gunichar *b, guint lb, guint max)
{
  guint rows[3][MAX_WORD + 1];
  guint *prev2 = rows[0], *prev = rows[1], *cur = rows[2];

  if ((la > lb ? la - lb : lb - la) > max)
    return max + 1;
  for (guint j = 0; j <= lb; j++)
    prev[j] = j;
  for (guint i = 1; i <= la; i++)
    {
      guint best = G_MAXUINT;
      guint *t;

      cur[0] = i;
      for (guint j = 1; j <= lb; j++)
        {
          guint cost = a[i - 1] == b[j - 1] ? 0 : 1;
          guint v = MIN (MIN (prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);

          if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
            v = MIN (v, prev2[j - 2] + 1);
          cur[j] = v;
          best = MIN (best, v);
        }
      if (lb > 0 && best > max)
        return max + 1;
      t = prev2;
      prev2 = prev;
      prev = cur;
      cur = t;
    }
  return MIN (prev[lb], max + 1);
}

/* How far a typed word is from a stored word, which the person may not have
 * finished typing: the distance to the stored word or to its beginning of
 * the same length, whichever is smaller. */
static guint
word_distance (const Word *typed, const Word *stored, guint max)
{
  guint whole = edit_distance (typed->c, typed->len, stored->c, stored->len, max);

  if (stored->len <= typed->len || whole == 0)
    return whole;
  return MIN (whole, edit_distance (typed->c, typed->len, stored->c, typed->len, max));
}

static guint
allowed_typos_n (guint n)
{
  return n < 4 ? 0 : n < 7 ? 1
                           : 2;
}

static guint
allowed_typos (const char *word)
{
  return allowed_typos_n ((guint) g_utf8_strlen (word, -1));
}

/* Sum of the best distances of the typed words to the name's words, or
 * G_MAXUINT when a typed word matches none. */
static guint
name_distance (const Word *typed, guint n_typed, const char *name_key)
{
  Word words[MAX_WORDS];
  guint n_words = split_words (name_key, words, MAX_WORDS);
  guint total = 0;

  for (guint i = 0; i < n_typed; i++)
    {
      guint max = allowed_typos_n (typed[i].len);
      guint best = max + 1;

      for (guint j = 0; j < n_words && best > 0; j++)
        best = MIN (best, word_distance (&typed[i], &words[j], max));
      if (best > max)
        return G_MAXUINT;
      total += best;
    }
  return total;
}

typedef struct
{
  gint64 id;
  guint distance;
  char *name_key;
} Candidate;

static void
candidate_clear (Candidate *c)
{
  g_free (c->name_key);
}

static int
compare_candidates (gconstpointer pa, gconstpointer pb)
{
  const Candidate *a = pa, *b = pb;

  if (a->distance != b->distance)
    return a->distance < b->distance ? -1 : 1;
  return strcmp (a->name_key, b->name_key);
}

/* How a name matches what was typed, best first. The list is in this order,
 * then alphabetical (name_key, last name first), because a mediator types
 * a name as it is written or said:
 *  - @tier 0 when the words typed begin the name where a name begins: one
 *    word typed alone is the start of the last name (the index range on
 *    name_key); several words are the start of a word of the last name and
 *    of a word of the first name, in either order ("dupont ma" as on a
 *    form, "marie dup" as said aloud). Tier 1: the words only start other
 *    words of the name ("dup" in "Le Dupuis", two words of one name);
 *  - @partial: how many typed words are only the start of a name word,
 *    not a whole one: "jean" puts Jean before Jeanne and Jeannot, "martin"
 *    Martin before Martinez, however the alphabet sorts the rest;
 *  - @favour: among equal matches, the people the caller expects more
 *    (SillonSearchFavour: a parcours step planned that day, then this
 *    place's and this structure's recent workshop-goers, the last two
 *    weeks' first); FAVOUR_NONE for everyone else. It comes after the two above
 *    so that a name typed in full is never hidden behind a regular with a
 *    longer name. */
typedef struct
{
  gint64 id;
  guint tier;
  guint partial;
  guint favour;
  char *name_key;
} Ranked;

#define FAVOUR_NONE 5

/* Beyond this many people matching several words (two or three letters
 * typed), the first ones by name are ranked: the list shows a handful, and
 * reading more would cost the keystroke its budget. */
#define MAX_RANKED 1000

static void
ranked_clear (Ranked *r)
{
  g_free (r->name_key);
}

static int
compare_ranked (gconstpointer pa, gconstpointer pb)
{
  const Ranked *a = pa, *b = pb;
  int by_name;

  if (a->tier != b->tier)
    return a->tier < b->tier ? -1 : 1;
  if (a->partial != b->partial)
    return a->partial < b->partial ? -1 : 1;
  if (a->favour != b->favour)
    return a->favour < b->favour ? -1 : 1;
  by_name = strcmp (a->name_key, b->name_key);
  if (by_name != 0)
    return by_name;
  return a->id < b->id ? -1 : a->id > b->id;
}

static gboolean
word_starts (const Word *word, const Word *typed)
{
  return typed->len <= word->len && memcmp (word->c, typed->c, typed->len * sizeof (gunichar)) == 0;
}

/* Ranks @name_key, whose first @last_words words are the last name,
 * against the typed words; FALSE when a typed word starts no word of the
 * name (the full-text index's rule, so both agree on who matches). */
static gboolean
rank_name (const Word *typed, guint n_typed, const char *name_key, guint last_words, guint *tier, guint *partial)
{
  Word words[MAX_WORDS];
  guint n_words = split_words (name_key, words, MAX_WORDS);
  gboolean in_last[MAX_WORDS] = { FALSE }, in_first[MAX_WORDS] = { FALSE };

  *partial = 0;
  for (guint i = 0; i < n_typed; i++)
    {
      gboolean starts = FALSE, whole = FALSE;

      for (guint j = 0; j < n_words; j++)
        if (word_starts (&words[j], &typed[i]))
          {
            starts = TRUE;
            whole |= words[j].len == typed[i].len;
            if (j < last_words)
              in_last[i] = TRUE;
            else
              in_first[i] = TRUE;
          }
      if (!starts)
        return FALSE;
      *partial += whole ? 0 : 1;
    }
  *tier = 1;
  if (n_typed == 1)
    *tier = n_words > 0 && word_starts (&words[0], &typed[0]) ? 0 : 1;
  else
    for (guint i = 0; i < n_typed && *tier == 1; i++)
      for (guint j = 0; j < n_typed && *tier == 1; j++)
        if (i != j && in_last[i] && in_first[j])
          *tier = 0;
  return TRUE;
}

/* How many words the last name has in name_key (the last name first). */
static guint
last_name_words (const char *last_name)
{
  g_autofree char *folded = sillon_store_fold (last_name);
  guint n = *folded != '\0' ? 1 : 0;

  for (const char *p = folded; *p != '\0'; p++)
    n += *p == ' ';
  return n;
}

/* Adds the rows (id, name_key, last_name) not seen yet as ranked
 * candidates. */
static gboolean
collect_ranked (SillonStore *store,
                StoreStmt *stmt,
                const Word *typed,
                guint n_typed,
                GArray *ranked,
                GHashTable *seen,
                GError **error)
{
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *key = (const char *) sqlite3_column_text (stmt, 1);
      Ranked r = { .id = id, .favour = FAVOUR_NONE };

      if (key == NULL || g_hash_table_contains (seen, &id) ||
          !rank_name (typed, n_typed, key, last_name_words ((const char *) sqlite3_column_text (stmt, 2)), &r.tier,
                      &r.partial))
        continue;
      g_hash_table_add (seen, g_memdup2 (&id, sizeof id));
      r.name_key = g_strdup (key);
      g_array_append_val (ranked, r);
    }
  if (rc != SQLITE_DONE)
    {
      store_set_sql_error (store->db, rc, error);
      return FALSE;
    }
  return TRUE;
}

/* ── People to put first ─────────────────────────────────────────────── */

typedef struct
{
  gint64 id;
  guint favour;
  guint last_words;
  char *name_key;
} FavourEntry;

struct _SillonSearchFavour
{
  GArray *entries; /* FavourEntry */
};

static void
favour_entry_clear (FavourEntry *e)
{
  g_free (e->name_key);
}

void
sillon_search_favour_free (SillonSearchFavour *favour)
{
  if (favour == NULL)
    return;
  g_array_unref (favour->entries);
  g_free (favour);
}

guint
sillon_search_favour_get_size (const SillonSearchFavour *favour)
{
  return favour != NULL ? favour->entries->len : 0;
}

SillonSearchFavour *
sillon_store_favour_recent_attendees (SillonStore *store,
                                      gint64 workshop_id,
                                      const char *date,
                                      gint64 place_id,
                                      GError **error)
{
  g_autoptr (StoreStmt) stmt = NULL;
  g_autoptr (GArray) entries = NULL;
  SillonSearchFavour *favour;
  int rc;

  if (!store_check_date (_ ("workshop date"), date, TRUE, -1, error))
    return NULL;
  /* The workshops of those weeks through the date index, then their lists:
   * a few hundred people at most, read once for many keystrokes. The steps
   * planned that day are few; the rank is the best reason to favour. Two
   * weeks hold the last session of a weekly or fortnightly series, whose
   * people come back most; in alphabetical order within each rank, a list
   * a mediator can read. */
  stmt = store_stmt (store,
                     "SELECT b.id, b.name_key, b.last_name, min(r.rank) FROM"
                     " (SELECT a.beneficiary_id AS id, (CASE WHEN ?4 <> 0 AND w.place_id IS ?4 THEN 1 ELSE 3 END)"
                     "    + (w.date < date(?2, '-' || ?5 || ' days')) AS rank"
                     "   FROM workshops w JOIN workshop_attendance a ON a.workshop_id = w.id"
                     "   WHERE w.date >= date(?2, '-' || ?3 || ' days') AND w.date <= ?2 AND w.id <> ?1"
                     "  UNION ALL SELECT p.beneficiary_id, 0 FROM parcours_items i JOIN parcours p ON p.id = i.parcours_id"
                     "   WHERE i.planned_date = ?2 AND i.done = 0 AND i.workshop_id IS NULL AND i.session_id IS NULL) AS r"
                     " JOIN beneficiaries b ON b.id = r.id WHERE b.anonymised = 0"
                     " GROUP BY b.id",
                     error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, workshop_id);
  store_bind_text (stmt, 2, date);
  sqlite3_bind_int (stmt, 3, SILLON_STORE_RECENT_WORKSHOP_DAYS);
  sqlite3_bind_int64 (stmt, 4, place_id);
  sqlite3_bind_int (stmt, 5, SILLON_STORE_LATEST_WORKSHOP_DAYS);
  entries = g_array_new (FALSE, FALSE, sizeof (FavourEntry));
  g_array_set_clear_func (entries, (GDestroyNotify) favour_entry_clear);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      FavourEntry e;

      e.id = sqlite3_column_int64 (stmt, 0);
      e.name_key = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      e.last_words = last_name_words ((const char *) sqlite3_column_text (stmt, 2));
      /* 0: a step of their parcours planned that day; 1: came to a
       * workshop at this place in the last two weeks, 2: before; 3: came
       * to one elsewhere in the last two weeks, 4: before. */
      e.favour = (guint) sqlite3_column_int (stmt, 3);
      g_array_append_val (entries, e);
    }
  if (rc != SQLITE_DONE)
    {
      store_set_sql_error (store->db, rc, error);
      return NULL;
    }
  favour = g_new0 (SillonSearchFavour, 1);
  favour->entries = g_steal_pointer (&entries);
  return favour;
}

/* ── The search ───────────────────────────────────────────────────────── */

/* Reads the @count best ranked people, in order. */
static gboolean
add_ranked (SillonStore *store, GArray *ranked, guint count, GPtrArray *result, GError **error)
{
  g_array_sort (ranked, compare_ranked);
  for (guint i = 0; i < ranked->len && i < count; i++)
    {
      SillonBeneficiary *b = sillon_store_get_beneficiary (store, g_array_index (ranked, Ranked, i).id, error);

      if (b == NULL)
        return FALSE;
      g_ptr_array_add (result, b);
    }
  return TRUE;
}

GPtrArray *
sillon_store_search_beneficiaries (SillonStore *store, const char *query, guint limit, GError **error)
{
  return sillon_store_search_beneficiaries_favouring (store, query, NULL, limit, error);
}

GPtrArray *
sillon_store_search_beneficiaries_favouring (SillonStore *store,
                                             const char *query,
                                             const SillonSearchFavour *favour,
                                             guint limit,
                                             GError **error)
{
  g_autoptr (GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) sillon_beneficiary_free);
  g_autofree char *folded = sillon_store_fold (query);
  g_autofree char *match = store_fts_prefix_query (query);
  g_auto (GStrv) typed = NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr (GArray) ranked = g_array_new (FALSE, FALSE, sizeof (Ranked));
  g_autoptr (GArray) candidates = NULL;
  g_autoptr (GPtrArray) trigrams = NULL;
  g_autofree char *trigrams_json = NULL;
  guint fuzzy_needed = 0, tier0 = 0;
  Word typed_words[MAX_WORDS];
  guint n_typed;
  int rc;

  if (limit == 0)
    limit = 50;
  if (match == NULL)
    return g_steal_pointer (&result);
  g_array_set_clear_func (ranked, (GDestroyNotify) ranked_clear);
  n_typed = split_words (folded, typed_words, MAX_WORDS);

  /* 0. The people favoured who match, from memory. */
  for (guint i = 0; favour != NULL && i < favour->entries->len; i++)
    {
      const FavourEntry *e = &g_array_index (favour->entries, FavourEntry, i);
      Ranked r = { .id = e->id, .favour = e->favour };

      if (!rank_name (typed_words, n_typed, e->name_key, e->last_words, &r.tier, &r.partial))
        continue;
      g_hash_table_add (seen, g_memdup2 (&e->id, sizeof e->id));
      tier0 += r.tier == 0;
      r.name_key = g_strdup (e->name_key);
      g_array_append_val (ranked, r);
    }

  /* 1. A single word typed is most often the start of a last name, which
   * starts name_key: an index range gives them in order at once, however
   * many people share the first letters. The first @limit of them by name
   * are the best of that tier (a whole last name sorts before a longer
   * one: "martin " < "martinez"). */
  if (n_typed == 1)
    {
      g_autofree char *upper = g_strconcat (folded, "\xff", NULL);
      g_autoptr (StoreStmt) stmt = store_stmt (store,
                                               "SELECT id, name_key, last_name FROM beneficiaries"
                                               " WHERE name_key >= ? AND name_key < ? ORDER BY name_key, id LIMIT ?",
                                               error);
      guint before = ranked->len;

      if (stmt == NULL)
        return NULL;
      store_bind_text (stmt, 1, folded);
      store_bind_text (stmt, 2, upper);
      sqlite3_bind_int (stmt, 3, (int) limit);
      if (!collect_ranked (store, stmt, typed_words, n_typed, ranked, seen, error))
        return NULL;
      tier0 += ranked->len - before;
    }

  /* 2. Every typed word is the beginning of some word of the name (first
   * names too, in any order), ranked as above. Needless when one word
   * already found enough last names (the favoured ones included): the
   * others rank after them. Several words always ask it: a person it finds
   * may match better than the favoured ones. */
  if (n_typed > 1 || tier0 < limit)
    {
      g_autoptr (StoreStmt) stmt = store_stmt (store,
                                               "SELECT id, name_key, last_name FROM beneficiaries"
                                               " WHERE id IN (SELECT rowid FROM beneficiary_fts WHERE beneficiary_fts MATCH ?)"
                                               " ORDER BY name_key, id LIMIT ?",
                                               error);
      if (stmt == NULL)
        return NULL;
      store_bind_text (stmt, 1, match);
      sqlite3_bind_int (stmt, 2, MAX_RANKED);
      if (!collect_ranked (store, stmt, typed_words, n_typed, ranked, seen, error))
        return NULL;
    }
  if (!add_ranked (store, ranked, limit, result, error))
    return NULL;
  if (result->len >= limit)
    return g_steal_pointer (&result);
  fuzzy_needed = limit - result->len;

  /* 3. Typos: people sharing enough trigrams, then checked word by word. */
  typed = g_strsplit (folded, " ", MAX_WORDS);
  trigrams = index_trigrams_of (folded);
  {
    gboolean any_fuzzy_word = FALSE;

    for (gsize i = 0; typed[i] != NULL; i++)
      any_fuzzy_word |= allowed_typos (typed[i]) > 0;
    if (!any_fuzzy_word)
      return g_steal_pointer (&result);
  }
  g_ptr_array_add (trigrams, NULL);
  trigrams_json = store_strv_to_json ((const char *const *) trigrams->pdata);
  candidates = g_array_new (FALSE, FALSE, sizeof (Candidate));
  g_array_set_clear_func (candidates, (GDestroyNotify) candidate_clear);
  {
    /* A word of n letters has n indexed trigrams; one typo changes up to
     * three of them, a swap of two letters four. Ask for what the allowed
     * typos leave, so that the right people are always candidates. */
    guint min_shared = 0;

    for (gsize i = 0; typed[i] != NULL; i++)
      {
        guint n = (guint) g_utf8_strlen (typed[i], -1);
        guint lost = 4 * allowed_typos (typed[i]);

        min_shared += n > lost ? n - lost : 0;
      }
    min_shared = MAX (2, min_shared);
    g_autoptr (StoreStmt) stmt = store_stmt (store,
                                             "SELECT b.id, b.name_key FROM"
                                             " (SELECT beneficiary_id, count(*) AS shared FROM beneficiary_trigrams"
                                             "  WHERE trigram IN (SELECT value FROM json_each(?))"
                                             "  GROUP BY beneficiary_id HAVING shared >= ?"
                                             "  ORDER BY shared DESC LIMIT 500) AS t"
                                             " JOIN beneficiaries b ON b.id = t.beneficiary_id",
                                             error);
    if (stmt == NULL)
      return NULL;
    store_bind_text (stmt, 1, trigrams_json);
    sqlite3_bind_int (stmt, 2, (int) min_shared);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        gint64 id = sqlite3_column_int64 (stmt, 0);
        const char *key = (const char *) sqlite3_column_text (stmt, 1);
        Candidate c;

        if (g_hash_table_contains (seen, &id) || key == NULL)
          continue;
        c.distance = name_distance (typed_words, n_typed, key);
        if (c.distance == G_MAXUINT)
          continue;
        c.id = id;
        c.name_key = g_strdup (key);
        g_array_append_val (candidates, c);
      }
    if (rc != SQLITE_DONE)
      {
        store_set_sql_error (store->db, rc, error);
        return NULL;
      }
  }
  g_array_sort (candidates, compare_candidates);
  for (guint i = 0; i < candidates->len && i < fuzzy_needed; i++)
    {
      SillonBeneficiary *b = sillon_store_get_beneficiary (store, g_array_index (candidates, Candidate, i).id, error);

      if (b == NULL)
        return NULL;
      g_ptr_array_add (result, b);
    }
  return g_steal_pointer (&result);
}

/* ── A workshop's people ───────────────────────────────────────────────── */

GPtrArray *
sillon_store_list_workshop_attendees (SillonStore *store, gint64 workshop_id, GError **error)
{
  /* The order of sillon_store_get_workshop()'s attendees. */
  return store_list_by_id (store,
                           "SELECT " BENEFICIARY_COLUMNS " FROM beneficiaries WHERE id IN"
                           " (SELECT beneficiary_id FROM workshop_attendance WHERE workshop_id = ?)"
                           " ORDER BY id",
                           beneficiary_from_row, (GDestroyNotify) sillon_beneficiary_free, workshop_id, error);
}

GPtrArray *
sillon_store_list_expected_attendees (SillonStore *store,
                                      gint64 workshop_id,
                                      const char *title,
                                      const char *date,
                                      GError **error)
{
  g_autoptr (StoreStmt) stmt = NULL;

  if (!store_check_date (_ ("workshop date"), date, TRUE, -1, error))
    return NULL;
  /* The previous workshop of the series through the date index, walked
   * backwards from @date: a series is short next to the whole list. */
  stmt = store_stmt (store,
                     "SELECT " BENEFICIARY_COLUMNS " FROM beneficiaries WHERE anonymised = 0 AND id IN"
                     " (SELECT p.beneficiary_id FROM parcours_items i JOIN parcours p ON p.id = i.parcours_id"
                     "   WHERE ?1 <> 0 AND i.workshop_id = ?1"
                     "  UNION SELECT beneficiary_id FROM workshop_attendance WHERE workshop_id ="
                     "   (SELECT id FROM workshops w WHERE ?2 IS NOT NULL AND title = ?2 AND id <> ?1"
                     "     AND (date < ?3 OR (date = ?3 AND ?1 <> 0 AND id < ?1))"
                     "     AND EXISTS (SELECT 1 FROM workshop_attendance a WHERE a.workshop_id = w.id)"
                     "     ORDER BY date DESC, id DESC LIMIT 1))"
                     " ORDER BY name_key, id",
                     error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, workshop_id);
  store_bind_text (stmt, 2, title);
  store_bind_text (stmt, 3, date);
  return store_collect (store, stmt, beneficiary_from_row, (GDestroyNotify) sillon_beneficiary_free, error);
}

/* ── Duplicates ────────────────────────────────────────────────────────── */

static int
compare_duplicates (gconstpointer pa, gconstpointer pb)
{
  const SillonDuplicate *a = *(SillonDuplicate *const *) pa;
  const SillonDuplicate *b = *(SillonDuplicate *const *) pb;

  if (a->score != b->score)
    return a->score > b->score ? -1 : 1;
  return a->beneficiary_id < b->beneficiary_id ? -1 : a->beneficiary_id > b->beneficiary_id;
}

/* The Coop's rule, on folded values: one point each for a similar last
 * name (trigram similarity > 0.4), a similar first name, an equal phone
 * number and an equal e-mail address; two points make a likely duplicate. */
GPtrArray *
sillon_store_find_duplicates (SillonStore *store, const SillonBeneficiary *b, GError **error)
{
  g_autoptr (GPtrArray) result = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *last = sillon_store_fold (b->last_name);
  g_autofree char *first = sillon_store_fold (b->first_name);
  g_autofree char *pkey = phone_key (b->phone);
  g_autofree char *ekey = email_key (b->email);
  g_autofree char *key = store_name_key (b->first_name, b->last_name);
  int rc;

  /* Candidates: same phone, same e-mail, or a name sharing trigrams. */
  {
    g_autoptr (StoreStmt) stmt = store_stmt (store,
                                             "SELECT id FROM beneficiaries WHERE phone_key = ?1 OR email_key = ?2"
                                             " UNION SELECT beneficiary_id FROM"
                                             " (SELECT beneficiary_id, count(*) AS shared FROM beneficiary_trigrams"
                                             "  WHERE trigram IN (SELECT value FROM json_each(?3))"
                                             "  GROUP BY beneficiary_id HAVING shared >= ?4 ORDER BY shared DESC LIMIT 200)",
                                             error);
    g_autoptr (GPtrArray) trigrams = index_trigrams_of (key);
    g_autofree char *json = NULL;

    if (stmt == NULL)
      return NULL;
    g_ptr_array_add (trigrams, NULL);
    json = store_strv_to_json ((const char *const *) trigrams->pdata);
    store_bind_text (stmt, 1, pkey);
    store_bind_text (stmt, 2, ekey);
    store_bind_text (stmt, 3, json);
    sqlite3_bind_int (stmt, 4, MAX (2, (int) (trigrams->len - 1) / 3));
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        gint64 id = sqlite3_column_int64 (stmt, 0);

        if (id != b->id)
          g_array_append_val (ids, id);
      }
    if (rc != SQLITE_DONE)
      {
        store_set_sql_error (store->db, rc, error);
        return NULL;
      }
  }

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr (StoreStmt) stmt = store_stmt (store, "SELECT first_name, last_name, phone_key, email_key FROM beneficiaries WHERE id = ? AND anonymised = 0", error);
      SillonDuplicate d = { 0 };

      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, g_array_index (ids, gint64, i));
      if (sqlite3_step (stmt) != SQLITE_ROW)
        continue;
      {
        g_autofree char *other_first = sillon_store_fold ((const char *) sqlite3_column_text (stmt, 0));
        g_autofree char *other_last = sillon_store_fold ((const char *) sqlite3_column_text (stmt, 1));
        const char *other_phone = (const char *) sqlite3_column_text (stmt, 2);
        const char *other_email = (const char *) sqlite3_column_text (stmt, 3);

        d.beneficiary_id = g_array_index (ids, gint64, i);
        d.last_name_similar = *last != '\0' && trigram_similarity (last, other_last) > 0.4;
        d.first_name_similar = *first != '\0' && trigram_similarity (first, other_first) > 0.4;
        d.phone_equal = pkey != NULL && g_strcmp0 (pkey, other_phone) == 0;
        d.email_equal = ekey != NULL && g_strcmp0 (ekey, other_email) == 0;
        d.score = d.last_name_similar + d.first_name_similar + d.phone_equal + d.email_equal;
      }
      if (d.score >= SILLON_STORE_DUPLICATE_MIN_SCORE)
        g_ptr_array_add (result, g_memdup2 (&d, sizeof d));
    }
  g_ptr_array_sort (result, compare_duplicates);
  return g_steal_pointer (&result);
}

static char *
pick (char *kept, const char *other)
{
  if (kept != NULL && *kept != '\0')
    return kept;
  g_free (kept);
  return g_strdup (other);
}

gboolean
sillon_store_merge_beneficiaries (SillonStore *store, gint64 keep_id, gint64 drop_id, GError **error)
{
  g_autoptr (SillonStoreTransaction) tx = NULL;
  static const char *const moves[] = {
    "UPDATE sessions SET beneficiary_id = ?1 WHERE beneficiary_id = ?2",
    "UPDATE assessments SET beneficiary_id = ?1 WHERE beneficiary_id = ?2",
    "UPDATE consents SET beneficiary_id = ?1 WHERE beneficiary_id = ?2",
    "UPDATE referrals SET beneficiary_id = ?1 WHERE beneficiary_id = ?2",
    "UPDATE parcours SET beneficiary_id = ?1 WHERE beneficiary_id = ?2",
    ("INSERT OR IGNORE INTO workshop_attendance (workshop_id, beneficiary_id)"
     " SELECT workshop_id, ?1 FROM workshop_attendance WHERE beneficiary_id = ?2"),
  };
  g_autoptr (SillonBeneficiary) keep = NULL;
  g_autoptr (SillonBeneficiary) drop = NULL;

  if (keep_id == drop_id)
    {
      g_set_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID,
                   _ ("A beneficiary cannot be merged with themselves"));
      return FALSE;
    }
  keep = sillon_store_get_beneficiary (store, keep_id, error);
  if (keep == NULL)
    return FALSE;
  drop = sillon_store_get_beneficiary (store, drop_id, error);
  if (drop == NULL)
    return FALSE;

  tx = sillon_store_transaction_begin (store, error);
  if (tx == NULL)
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (moves); i++)
    {
      g_autoptr (StoreStmt) stmt = store_stmt (store, moves[i], error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, keep_id);
      sqlite3_bind_int64 (stmt, 2, drop_id);
      if (!store_step_done (store, stmt, error))
        return FALSE;
    }

  keep->first_name = pick (keep->first_name, drop->first_name);
  keep->last_name = pick (keep->last_name, drop->last_name);
  keep->gender = pick (keep->gender, drop->gender);
  keep->social_status = pick (keep->social_status, drop->social_status);
  keep->commune_insee = pick (keep->commune_insee, drop->commune_insee);
  keep->phone = pick (keep->phone, drop->phone);
  keep->email = pick (keep->email, drop->email);
  keep->sheet_language = pick (keep->sheet_language, drop->sheet_language);
  if (keep->birth_year == 0)
    keep->birth_year = drop->birth_year;
  if (keep->mediator_id == 0)
    keep->mediator_id = drop->mediator_id;
  if (drop->notes != NULL && *drop->notes != '\0')
    {
      char *joined = keep->notes != NULL && *keep->notes != '\0'
                         ? g_strconcat (keep->notes, "\n\n", drop->notes, NULL)
                         : g_strdup (drop->notes);

      g_free (keep->notes);
      keep->notes = joined;
    }
  if (!sillon_store_update_beneficiary (store, keep, error))
    return FALSE;
  /* The dropped record is erased exactly as `person erase` erases one. */
  if (!store_erase_beneficiary_rows (store, drop_id, error))
    return FALSE;
  return store_commit_erasure (store, tx, error);
}

/* ── Consents ──────────────────────────────────────────────────────────── */

SillonConsent *
sillon_consent_new (void)
{
  return g_new0 (SillonConsent, 1);
}

void
sillon_consent_free (SillonConsent *c)
{
  if (c == NULL)
    return;
  g_free (c->date);
  g_free (c->told);
  g_free (c->scope);
  g_free (c);
}

static gboolean
check_consent (const SillonConsent *c, GError **error)
{
  return store_check_date (_ ("consent date"), c->date, TRUE, 1, error) &&
         store_check_text (_ ("what the person was told"), c->told, SILLON_STORE_MAX_NOTES_BYTES, TRUE, error) &&
         store_check_text (_ ("scope of the consent"), c->scope, SILLON_STORE_MAX_TEXT_BYTES, TRUE, error);
}

gboolean
sillon_store_insert_consent (SillonStore *store, SillonConsent *c, GError **error)
{
  g_autoptr (StoreStmt) stmt = NULL;

  if (!check_consent (c, error))
    return FALSE;
  stmt = store_stmt (store, "INSERT INTO consents (beneficiary_id, date, told, scope) VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, c->beneficiary_id);
  store_bind_text (stmt, 2, c->date);
  store_bind_text (stmt, 3, c->told);
  store_bind_text (stmt, 4, c->scope);
  if (!store_step_done (store, stmt, error))
    return FALSE;
  c->id = sqlite3_last_insert_rowid (store->db);
  return TRUE;
}

gboolean
sillon_store_update_consent (SillonStore *store, const SillonConsent *c, GError **error)
{
  g_autoptr (StoreStmt) stmt = NULL;

  if (!check_consent (c, error))
    return FALSE;
  stmt = store_stmt (store, "UPDATE consents SET date = ?, told = ?, scope = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  store_bind_text (stmt, 1, c->date);
  store_bind_text (stmt, 2, c->told);
  store_bind_text (stmt, 3, c->scope);
  sqlite3_bind_int64 (stmt, 4, c->id);
  return store_step_done (store, stmt, error) &&
         store_check_changed (store, _ ("consent"), c->id, error);
}

static gpointer
consent_from_row (StoreStmt *stmt)
{
  SillonConsent *c = sillon_consent_new ();

  c->id = sqlite3_column_int64 (stmt, 0);
  c->beneficiary_id = sqlite3_column_int64 (stmt, 1);
  c->date = store_column_text (stmt, 2);
  c->told = store_column_text (stmt, 3);
  c->scope = store_column_text (stmt, 4);
  return c;
}

SillonConsent *
sillon_store_get_consent (SillonStore *store, gint64 id, GError **error)
{
  return store_get_one (store, "SELECT id, beneficiary_id, date, told, scope FROM consents WHERE id = ?",
                        consent_from_row, _ ("consent"), id, error);
}

GPtrArray *
sillon_store_list_consents (SillonStore *store, gint64 beneficiary_id, GError **error)
{
  return store_list_by_id (store, "SELECT id, beneficiary_id, date, told, scope FROM consents WHERE beneficiary_id = ? ORDER BY date, id",
                           consent_from_row, (GDestroyNotify) sillon_consent_free, beneficiary_id, error);
}

gboolean
sillon_store_delete_consent (SillonStore *store, gint64 id, GError **error)
{
  return store_delete_by_id (store, "DELETE FROM consents WHERE id = ?", _ ("consent"), id, error);
}
