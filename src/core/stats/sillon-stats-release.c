/* sillon-stats-release.c — tables, relations, and suppression with a
 * linear-programming protection check
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Secondary suppression follows the practice of τ-Argus and sdcTable: cells
 * are chosen by a cheap heuristic, and a linear programme *audits* each
 * sensitive cell — the smallest and the largest value it can take given
 * every published number and every relation of every table of the release
 * (counts are never negative). A sensitive cell is protected when both
 * bounds are strictly on either side of its true value: an outsider can
 * neither recompute it nor tell on which side of it the truth lies. The
 * heuristic adds, one at a time, the cheapest cell of a relation that the
 * audit needs opened; it first closes every relation left with a single
 * hidden cell (which would give that cell away by subtraction). Adding a
 * hidden cell only widens the intervals of the others, so a cell once
 * protected stays protected and one pass over the sensitive cells is
 * enough. docs/STATISTICS.md explains the choice.
 */

#include "config.h"

#include "sillon-stats-release.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "sillon-stats-lp.h"
#include "sillon-stats-private.h"
#include "sillon-store.h"

G_DEFINE_QUARK (sillon - stats - error - quark, sillon_stats_error)

gboolean
sillon_stats_set_sql_error (sqlite3 *db, GError **error)
{
  /* A page that failed authentication is tampering, not a query error. */
  if (sillon_store_error_if_tampered (sqlite3_extended_errcode (db), error))
    return FALSE;
  g_set_error (error, SILLON_STATS_ERROR, SILLON_STATS_ERROR_SQL,
               _ ("Could not read the statistics from the vault: %s"), sqlite3_errmsg (db));
  return FALSE;
}

static const char *const measure_ids[] = { "acc", "act", "ben", "ref", "asm", "prg" };

const char *
sillon_stats_measure_to_id (SillonStatsMeasure measure)
{
  g_return_val_if_fail (measure < G_N_ELEMENTS (measure_ids), NULL);
  return measure_ids[measure];
}

const char *
sillon_stats_cell_status_to_id (SillonStatsCellStatus status)
{
  switch (status)
    {
      case SILLON_STATS_CELL_PUBLISHED:
        return "published";
      case SILLON_STATS_CELL_PRIMARY:
        return "primary";
      case SILLON_STATS_CELL_SECONDARY:
        return "secondary";
      default:
        return NULL;
    }
}

static void
var_free (SillonStatsVar *var)
{
  g_free (var->key);
  g_free (var);
}

static void
table_free (SillonStatsTable *table)
{
  g_free (table->id);
  g_free (table->title);
  g_free (table->row_dim);
  g_free (table->col_dim);
  g_ptr_array_unref (table->rows);
  g_ptr_array_unref (table->cols);
  g_free (table->grid);
  g_free (table->noisy);
  g_free (table);
}

static void
relation_free (SillonStatsRelation *relation)
{
  g_array_unref (relation->parts);
  g_free (relation);
}

/* Relations added with sillon_stats_release_add_relation() live in the
 * private part of the release. */
typedef struct
{
  SillonStatsRelease public;
  GPtrArray *extra; /* SillonStatsRelation* */
} Release;

SillonStatsRelease *
sillon_stats_release_new (const char *from, const char *to)
{
  Release *r = g_new0 (Release, 1);

  r->public.from = g_strdup (from);
  r->public.to = g_strdup (to);
  r->public.vars = g_ptr_array_new_with_free_func ((GDestroyNotify) var_free);
  r->public.index = g_hash_table_new (g_str_hash, g_str_equal);
  r->public.tables = g_ptr_array_new_with_free_func ((GDestroyNotify) table_free);
  r->public.mode = SILLON_STATS_MODE_EXACT;
  r->public.k = SILLON_STATS_DEFAULT_K;
  r->extra = g_ptr_array_new_with_free_func ((GDestroyNotify) relation_free);
  return &r->public;
}

void
sillon_stats_release_free (SillonStatsRelease *release)
{
  Release *r = (Release *) release;

  if (release == NULL)
    return;
  g_free (release->from);
  g_free (release->to);
  g_hash_table_unref (release->index);
  g_ptr_array_unref (release->vars);
  g_ptr_array_unref (release->tables);
  g_ptr_array_unref (r->extra);
  g_free (r);
}

guint
sillon_stats_release_var (SillonStatsRelease *release, const char *key)
{
  gpointer found = g_hash_table_lookup (release->index, key);
  SillonStatsVar *var;

  if (found != NULL)
    return GPOINTER_TO_UINT (found) - 1;
  var = g_new0 (SillonStatsVar, 1);
  var->key = g_strdup (key);
  var->stamp_unit = var->stamp_person = var->stamp_activity = G_MININT64;
  g_ptr_array_add (release->vars, var);
  g_hash_table_insert (release->index, var->key, GUINT_TO_POINTER (release->vars->len));
  return release->vars->len - 1;
}

gint
sillon_stats_release_lookup (SillonStatsRelease *release, const char *key)
{
  gpointer found = g_hash_table_lookup (release->index, key);

  return found != NULL ? (gint) GPOINTER_TO_UINT (found) - 1 : -1;
}

SillonStatsVar *
sillon_stats_release_get_var (SillonStatsRelease *release, guint index)
{
  g_return_val_if_fail (index < release->vars->len, NULL);
  return g_ptr_array_index (release->vars, index);
}

char *
sillon_stats_cell_key (SillonStatsMeasure measure,
                       const char *row_dim,
                       const char *row,
                       const char *col_dim,
                       const char *col)
{
  GString *key = g_string_new (sillon_stats_measure_to_id (measure));

  g_string_append_c (key, '|');
  if (row != NULL)
    g_string_append_printf (key, "%s=%s", row_dim, row);
  if (col != NULL)
    g_string_append_printf (key, "%s%s=%s", row != NULL ? "|" : "", col_dim, col);
  return g_string_free (key, FALSE);
}

static GPtrArray *
strv_to_array (const char *const *values)
{
  GPtrArray *array = g_ptr_array_new_with_free_func (g_free);

  for (gsize i = 0; values != NULL && values[i] != NULL; i++)
    g_ptr_array_add (array, g_strdup (values[i]));
  return array;
}

SillonStatsTable *
sillon_stats_release_add_table (SillonStatsRelease *release,
                                const char *id,
                                const char *title,
                                SillonStatsMeasure measure,
                                const char *row_dim,
                                const char *const *rows,
                                gboolean rows_additive,
                                const char *col_dim,
                                const char *const *cols,
                                gboolean cols_additive)
{
  SillonStatsTable *table = g_new0 (SillonStatsTable, 1);

  table->id = g_strdup (id);
  table->title = g_strdup (title);
  table->measure = measure;
  table->row_dim = g_strdup (row_dim);
  table->col_dim = g_strdup (col_dim);
  table->rows = strv_to_array (rows);
  table->cols = strv_to_array (col_dim != NULL ? cols : NULL);
  table->rows_additive = rows_additive;
  table->cols_additive = col_dim != NULL ? cols_additive : TRUE;
  table->margins_additive = TRUE;
  table->n_rows = table->rows->len + 1;
  table->n_cols = table->cols->len + 1;
  table->grid = g_new (guint, table->n_rows * table->n_cols);
  for (guint r = 0; r < table->n_rows; r++)
    for (guint c = 0; c < table->n_cols; c++)
      {
        const char *row = r < table->rows->len ? g_ptr_array_index (table->rows, r) : NULL;
        const char *col = c < table->cols->len ? g_ptr_array_index (table->cols, c) : NULL;
        g_autofree char *key = sillon_stats_cell_key (measure, row_dim, row, col_dim, col);

        table->grid[r * table->n_cols + c] = sillon_stats_release_var (release, key);
      }
  g_ptr_array_add (release->tables, table);
  return table;
}

SillonStatsTable *
sillon_stats_release_find_table (SillonStatsRelease *release, const char *id)
{
  for (guint i = 0; i < release->tables->len; i++)
    {
      SillonStatsTable *table = g_ptr_array_index (release->tables, i);

      if (g_str_equal (table->id, id))
        return table;
    }
  return NULL;
}

/* ── Relations ────────────────────────────────────────────────────────── */

static SillonStatsRelation *
relation_new (guint whole, const guint *parts, guint n_parts)
{
  SillonStatsRelation *relation = g_new0 (SillonStatsRelation, 1);

  relation->whole = whole;
  relation->parts = g_array_sized_new (FALSE, FALSE, sizeof (guint), n_parts);
  g_array_append_vals (relation->parts, parts, n_parts);
  return relation;
}

void
sillon_stats_release_add_relation (SillonStatsRelease *release,
                                   guint whole,
                                   const guint *parts,
                                   guint n_parts)
{
  Release *r = (Release *) release;

  g_ptr_array_add (r->extra, relation_new (whole, parts, n_parts));
}

static gint
compare_uint (gconstpointer a, gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* A signature of a relation so that a margin shared by two tables gives
 * one relation, not two copies. */
static char *
relation_signature (guint whole, GArray *parts)
{
  g_autoptr (GArray) sorted = g_array_copy (parts);
  GString *s = g_string_new (NULL);

  g_array_sort (sorted, compare_uint);
  g_string_append_printf (s, "%u:", whole);
  for (guint i = 0; i < sorted->len; i++)
    g_string_append_printf (s, "%u,", g_array_index (sorted, guint, i));
  return g_string_free (s, FALSE);
}

static void
add_unique (GPtrArray *list, GHashTable *seen, SillonStatsRelation *relation)
{
  char *signature = relation_signature (relation->whole, relation->parts);

  if (relation->parts->len == 0 || g_hash_table_contains (seen, signature))
    {
      g_free (signature);
      relation_free (relation);
      return;
    }
  g_hash_table_add (seen, signature);
  g_ptr_array_add (list, relation);
}

GPtrArray *
sillon_stats_release_relations (SillonStatsRelease *release)
{
  Release *rel = (Release *) release;
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) relation_free);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint t = 0; t < release->tables->len; t++)
    {
      SillonStatsTable *table = g_ptr_array_index (release->tables, t);
      guint R = table->n_rows - 1, C = table->n_cols - 1;
      g_autofree guint *parts = g_new (guint, MAX (R, C) + 1);

      /* Each row (the total row included) sums over the columns. */
      if (table->cols_additive && C > 0)
        for (guint r = 0; r <= R; r++)
          {
            if (r == R && !table->margins_additive)
              continue;
            for (guint c = 0; c < C; c++)
              parts[c] = sillon_stats_table_cell (table, r, c);
            add_unique (list, seen, relation_new (sillon_stats_table_cell (table, r, C), parts, C));
          }
      /* Each column (the total column included) sums over the rows. */
      if (table->rows_additive && R > 0)
        for (guint c = 0; c <= C; c++)
          {
            if (c == C && !table->margins_additive)
              continue;
            for (guint r = 0; r < R; r++)
              parts[r] = sillon_stats_table_cell (table, r, c);
            add_unique (list, seen, relation_new (sillon_stats_table_cell (table, R, c), parts, R));
          }
    }
  for (guint i = 0; i < rel->extra->len; i++)
    {
      SillonStatsRelation *x = g_ptr_array_index (rel->extra, i);

      add_unique (list, seen, relation_new (x->whole, (const guint *) x->parts->data, x->parts->len));
    }
  return list;
}

gboolean
sillon_stats_release_check_consistent (SillonStatsRelease *release, GError **error)
{
  g_autoptr (GPtrArray) relations = sillon_stats_release_relations (release);

  for (guint i = 0; i < relations->len; i++)
    {
      SillonStatsRelation *relation = g_ptr_array_index (relations, i);
      SillonStatsVar *whole = sillon_stats_release_get_var (release, relation->whole);
      gint64 sum = 0;

      for (guint j = 0; j < relation->parts->len; j++)
        sum += sillon_stats_release_get_var (release, g_array_index (relation->parts, guint, j))->value;
      if (sum != whole->value)
        {
          g_set_error (error, SILLON_STATS_ERROR, SILLON_STATS_ERROR_MISMATCH,
                       /* Translators: %s is the key of a statistical cell */
                       _ ("The statistics do not add up: the parts of “%s” do not sum to it"), whole->key);
          return FALSE;
        }
    }
  return TRUE;
}

void
sillon_stats_release_add (SillonStatsRelease *release, const SillonStatsRelease *other)
{
  for (guint i = 0; i < other->vars->len; i++)
    {
      const SillonStatsVar *src = g_ptr_array_index (other->vars, i);
      SillonStatsVar *dst = sillon_stats_release_get_var (release, sillon_stats_release_var (release, src->key));

      dst->value += src->value;
      dst->persons += src->persons;
    }
}

/* ── Protection check ─────────────────────────────────────────────────── */

typedef struct
{
  SillonStatsRelease *release;
  GPtrArray *relations; /* SillonStatsRelation* */
  GPtrArray *of_var;    /* per variable: GArray of relation indices (NULL: none) */
} System;

static gboolean
is_hidden (SillonStatsRelease *release, guint var)
{
  return sillon_stats_release_get_var (release, var)->status != SILLON_STATS_CELL_PUBLISHED;
}

static void
array_unref_if_any (gpointer array)
{
  if (array != NULL)
    g_array_unref (array);
}

static void
system_init (System *sys, SillonStatsRelease *release)
{
  sys->release = release;
  sys->relations = sillon_stats_release_relations (release);
  sys->of_var = g_ptr_array_new_full (release->vars->len, (GDestroyNotify) array_unref_if_any);
  g_ptr_array_set_size (sys->of_var, release->vars->len);
  for (guint i = 0; i < sys->relations->len; i++)
    {
      SillonStatsRelation *relation = g_ptr_array_index (sys->relations, i);

      for (guint j = 0; j <= relation->parts->len; j++)
        {
          guint v = j < relation->parts->len ? g_array_index (relation->parts, guint, j) : relation->whole;
          GArray *list = g_ptr_array_index (sys->of_var, v);

          if (list == NULL)
            {
              list = g_array_new (FALSE, FALSE, sizeof (guint));
              sys->of_var->pdata[v] = list;
            }
          if (list->len == 0 || g_array_index (list, guint, list->len - 1) != i)
            g_array_append_val (list, i);
        }
    }
}

static void
system_clear (System *sys)
{
  g_clear_pointer (&sys->relations, g_ptr_array_unref);
  g_clear_pointer (&sys->of_var, g_ptr_array_unref);
}

/* The hidden variables linked to @start through relations, and those
 * relations: what the linear programme of @start needs. */
static void
component (System *sys, guint start, GArray *vars, GArray *relations)
{
  g_autoptr (GHashTable) seen_vars = g_hash_table_new (NULL, NULL);
  g_autoptr (GHashTable) seen_relations = g_hash_table_new (NULL, NULL);
  guint head = 0;

  g_array_append_val (vars, start);
  g_hash_table_add (seen_vars, GUINT_TO_POINTER (start + 1));
  while (head < vars->len)
    {
      guint v = g_array_index (vars, guint, head++);
      GArray *list = g_ptr_array_index (sys->of_var, v);

      for (guint i = 0; list != NULL && i < list->len; i++)
        {
          guint ri = g_array_index (list, guint, i);
          SillonStatsRelation *relation = g_ptr_array_index (sys->relations, ri);

          if (!g_hash_table_add (seen_relations, GUINT_TO_POINTER (ri + 1)))
            continue;
          g_array_append_val (relations, ri);
          for (guint j = 0; j <= relation->parts->len; j++)
            {
              guint w = j < relation->parts->len ? g_array_index (relation->parts, guint, j) : relation->whole;

              if (is_hidden (sys->release, w) && g_hash_table_add (seen_vars, GUINT_TO_POINTER (w + 1)))
                g_array_append_val (vars, w);
            }
        }
    }
}

static void
system_bounds (System *sys, guint var, double *out_lo, double *out_hi)
{
  SillonStatsRelease *release = sys->release;
  g_autoptr (GArray) vars = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GArray) relations = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GHashTable) column = g_hash_table_new (NULL, NULL);
  g_autofree double *a = NULL;
  g_autofree double *b = NULL;
  g_autofree double *objective = NULL;
  guint m, n;
  double value = 0.0;

  if (!is_hidden (release, var))
    {
      *out_lo = *out_hi = (double) sillon_stats_release_get_var (release, var)->value;
      return;
    }
  component (sys, var, vars, relations);
  n = vars->len;
  m = relations->len;
  for (guint j = 0; j < n; j++)
    g_hash_table_insert (column, GUINT_TO_POINTER (g_array_index (vars, guint, j) + 1), GUINT_TO_POINTER (j + 1));

  /* parts − whole = 0, published values moved to the right-hand side. */
  a = g_new0 (double, (gsize) MAX (m, 1) * n);
  b = g_new0 (double, MAX (m, 1));
  for (guint i = 0; i < m; i++)
    {
      SillonStatsRelation *relation = g_ptr_array_index (sys->relations, g_array_index (relations, guint, i));

      for (guint j = 0; j <= relation->parts->len; j++)
        {
          guint w = j < relation->parts->len ? g_array_index (relation->parts, guint, j) : relation->whole;
          double coefficient = j < relation->parts->len ? 1.0 : -1.0;
          gpointer col = g_hash_table_lookup (column, GUINT_TO_POINTER (w + 1));

          if (col != NULL)
            a[(gsize) i * n + GPOINTER_TO_UINT (col) - 1] += coefficient;
          else
            b[i] -= coefficient * (double) sillon_stats_release_get_var (release, w)->value;
        }
    }
  objective = g_new0 (double, n);
  objective[0] = 1.0; /* vars[0] is @var */
  if (sillon_stats_lp_minimise (m, n, a, b, objective, &value) == SILLON_STATS_LP_OPTIMAL)
    *out_lo = value;
  else
    *out_lo = 0.0;
  objective[0] = -1.0;
  if (sillon_stats_lp_minimise (m, n, a, b, objective, &value) == SILLON_STATS_LP_OPTIMAL)
    *out_hi = -value;
  else
    *out_hi = INFINITY;
}

gboolean
sillon_stats_release_bounds (SillonStatsRelease *release,
                             guint var,
                             double *out_lo,
                             double *out_hi)
{
  System sys;

  g_return_val_if_fail (var < release->vars->len, FALSE);
  system_init (&sys, release);
  system_bounds (&sys, var, out_lo, out_hi);
  system_clear (&sys);
  return TRUE;
}

static gboolean
is_protected (System *sys, guint var)
{
  double lo, hi;
  double value = (double) sillon_stats_release_get_var (sys->release, var)->value;

  system_bounds (sys, var, &lo, &hi);
  return lo < value - 0.5 && hi > value + 0.5;
}

/* Hiding a zero protects nothing downwards, a margin hides more than a
 * cell: the cheapest cell to hide is a small non-zero inner cell. */
static double
hide_cost (System *sys, guint var)
{
  SillonStatsVar *v = sillon_stats_release_get_var (sys->release, var);
  GArray *list = g_ptr_array_index (sys->of_var, var);
  gboolean margin = FALSE;

  for (guint i = 0; list != NULL && i < list->len && !margin; i++)
    {
      SillonStatsRelation *relation = g_ptr_array_index (sys->relations, g_array_index (list, guint, i));

      margin = relation->whole == var;
    }
  if (v->value == 0)
    return 1e15;
  return (double) v->value * (margin ? 8.0 : 1.0);
}

/* The cheapest published variable of @relation, or G_MAXUINT. */
static guint
cheapest_in (System *sys, SillonStatsRelation *relation, double *out_cost)
{
  guint best = G_MAXUINT;
  double best_cost = INFINITY;

  for (guint j = 0; j <= relation->parts->len; j++)
    {
      guint w = j < relation->parts->len ? g_array_index (relation->parts, guint, j) : relation->whole;
      double cost;

      if (is_hidden (sys->release, w))
        continue;
      cost = hide_cost (sys, w);
      if (cost < best_cost)
        {
          best = w;
          best_cost = cost;
        }
    }
  if (out_cost != NULL)
    *out_cost = best_cost;
  return best;
}

static guint
hidden_count (System *sys, SillonStatsRelation *relation)
{
  guint n = is_hidden (sys->release, relation->whole) ? 1 : 0;

  for (guint j = 0; j < relation->parts->len; j++)
    n += is_hidden (sys->release, g_array_index (relation->parts, guint, j)) ? 1 : 0;
  return n;
}

static void
hide (System *sys, guint var)
{
  sillon_stats_release_get_var (sys->release, var)->status = SILLON_STATS_CELL_SECONDARY;
}

/* No relation may be left with exactly one hidden variable: subtraction
 * would give it away. */
static void
close_singletons (System *sys)
{
  gboolean changed = TRUE;

  while (changed)
    {
      changed = FALSE;
      for (guint i = 0; i < sys->relations->len; i++)
        {
          SillonStatsRelation *relation = g_ptr_array_index (sys->relations, i);
          guint pick;

          if (hidden_count (sys, relation) != 1)
            continue;
          pick = cheapest_in (sys, relation, NULL);
          if (pick != G_MAXUINT)
            {
              hide (sys, pick);
              changed = TRUE;
            }
        }
    }
}

/* Opens one more cell around @var: in the relations of @var's component,
 * the cheapest published cell, preferring relations with few hidden
 * cells (a short cycle). FALSE when every linked cell is hidden. */
static gboolean
widen (System *sys, guint var)
{
  g_autoptr (GArray) vars = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr (GArray) relations = g_array_new (FALSE, FALSE, sizeof (guint));
  guint best = G_MAXUINT;
  double best_score = INFINITY;

  component (sys, var, vars, relations);
  for (guint i = 0; i < relations->len; i++)
    {
      SillonStatsRelation *relation = g_ptr_array_index (sys->relations, g_array_index (relations, guint, i));
      double cost;
      guint pick = cheapest_in (sys, relation, &cost);
      /* Relations of @var itself first, then the shortest. */
      gboolean own = relation->whole == var;
      double score;

      for (guint j = 0; j < relation->parts->len && !own; j++)
        own = g_array_index (relation->parts, guint, j) == var;
      if (pick == G_MAXUINT)
        continue;
      score = cost + (own ? 0.0 : 1e6) + 1e3 * hidden_count (sys, relation);
      if (score < best_score)
        {
          best = pick;
          best_score = score;
        }
    }
  if (best == G_MAXUINT)
    return FALSE;
  hide (sys, best);
  return TRUE;
}

gboolean
sillon_stats_release_suppress (SillonStatsRelease *release, guint k, GError **error)
{
  System sys;
  g_autoptr (GArray) primaries = g_array_new (FALSE, FALSE, sizeof (guint));

  if (k < SILLON_STATS_MIN_K)
    {
      g_set_error (error, SILLON_STATS_ERROR, SILLON_STATS_ERROR_INVALID,
                   /* Translators: %u are numbers of people */
                   _ ("The threshold of %u people is too low: it must be at least %u"), k, SILLON_STATS_MIN_K);
      return FALSE;
    }
  release->k = k;
  release->mode = SILLON_STATS_MODE_SUPPRESSION;
  for (guint i = 0; i < release->vars->len; i++)
    {
      SillonStatsVar *var = g_ptr_array_index (release->vars, i);

      var->status = SILLON_STATS_CELL_PUBLISHED;
      /* Zeros are not sensitive: nobody is behind them. */
      if (var->persons > 0 && var->persons < (gint64) k)
        {
          var->status = SILLON_STATS_CELL_PRIMARY;
          g_array_append_val (primaries, i);
        }
    }

  system_init (&sys, release);
  close_singletons (&sys);
  for (guint i = 0; i < primaries->len; i++)
    {
      guint p = g_array_index (primaries, guint, i);

      while (!is_protected (&sys, p))
        {
          if (!widen (&sys, p))
            {
              /* Everything linked is hidden and the cell is still pinned:
               * this cannot happen with tables that add up, and if it ever
               * did, publishing nothing is the only safe answer. */
              system_clear (&sys);
              g_set_error (error, SILLON_STATS_ERROR, SILLON_STATS_ERROR_MISMATCH,
                           /* Translators: %s is the key of a statistical cell */
                           _ ("The cell “%s” cannot be protected: nothing is published"),
                           sillon_stats_release_get_var (release, p)->key);
              return FALSE;
            }
          close_singletons (&sys);
        }
    }
  system_clear (&sys);
  return TRUE;
}
