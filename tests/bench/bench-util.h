/* bench-util.h — what every benchmark measures with
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A monotonic clock in milliseconds, medians and percentiles of samples,
 * a stop on the first error, and how a benchmark unlocks its vault. Header only: tests/bench/bench-common.sh
 * compiles each benchmark from its one C file.
 */

#pragma once

#include <glib.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sillon-store.h"
#include "sillon-vault.h"

/* Milliseconds on @clock, to the nanosecond: some of what is timed takes
 * microseconds. CLOCK_PROCESS_CPUTIME_ID (or CLOCK_THREAD_CPUTIME_ID, the
 * calling thread's alone) gives the processor time of the work itself,
 * without the moments other processes of a shared machine had the
 * processor. */
static inline double
bench_clock_ms (clockid_t clock)
{
  struct timespec ts;

  clock_gettime (clock, &ts);
  return (double) ts.tv_sec * 1000.0 + (double) ts.tv_nsec / 1e6;
}

/* The wall clock (monotonic), in milliseconds. */
static inline double
bench_now_ms (void)
{
  return bench_clock_ms (CLOCK_MONOTONIC);
}

/* For g_array_sort() and qsort() of doubles. */
static inline int
bench_compare_double (const void *a,
                      const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* The sample at fraction @p of @samples (0.5 the median, 1.0 the slowest),
 * which it sorts in place. */
static inline double
bench_percentile (GArray *samples,
                  double p)
{
  guint i;

  g_array_sort (samples, bench_compare_double);
  i = (guint) (p * (samples->len - 1) + 0.5);
  return g_array_index (samples, double, MIN (i, samples->len - 1));
}

/* The median of @n values, which it sorts in place (of an even count, the
 * upper middle one). */
static inline double
bench_median (double *values,
              guint n)
{
  qsort (values, n, sizeof (double), bench_compare_double);
  return values[n / 2];
}

/* A benchmark cannot measure past a failure: says why and exits. */
static inline void
bench_check (gboolean ok,
             GError *error)
{
  if (!ok)
    {
      g_printerr ("%s: %s\n", g_get_prgname () != NULL ? g_get_prgname () : "benchmark",
                  error != NULL ? error->message : "failed");
      exit (1);
    }
}

/* Reads the vault's passphrase, a line of standard input, into
 * @passphrase (@size bytes) without its line end, once libsodium, which the
 * vault needs, is ready: FALSE if either fails. */
static inline gboolean
bench_read_passphrase (char *passphrase,
                       gsize size)
{
  if (sodium_init () < 0 || fgets (passphrase, (int) size, stdin) == NULL)
    return FALSE;
  passphrase[strcspn (passphrase, "\n")] = '\0';
  return TRUE;
}

/* Unlocks the vault at @path with @passphrase into @vault and opens its
 * store; a failure stops the benchmark. */
static inline SillonStore *
bench_open_store (const char *path,
                  const char *passphrase,
                  SillonVault **vault)
{
  g_autoptr (GError) error = NULL;
  SillonStore *store;

  sillon_vault_register_vfs ();
  *vault = sillon_vault_open (path, passphrase, &error);
  bench_check (*vault != NULL, error);
  store = sillon_store_new (sillon_vault_get_db (*vault), &error);
  bench_check (store != NULL, error);
  return store;
}

/* Adds to @queries every prefix of @text as typed letter by letter. */
static inline void
bench_add_prefixes (GPtrArray *queries,
                    const char *text)
{
  glong n = g_utf8_strlen (text, -1);

  for (glong i = 1; i <= n; i++)
    g_ptr_array_add (queries, g_utf8_substring (text, 0, i));
}

/* What a mediator types in the places area, letter by letter: names,
 * communes and services of the directory tests/bench/make-places.py
 * writes. bench-reference.c and bench-places.c type the same texts. */
static inline const char *const *
bench_place_searches (gsize *n)
{
  static const char *const typed[] = {
    "Médiathèque Reims",
    "France services Troyes",
    "Espace numérique Sedan",
    "Centre social Épernay",
    "Tiers-lieu Charleville",
    "Mairie Châlons",
    "Reims",
    "Epernay",
    "aide aux démarches",
    "impression",
    "Sedan 4217",
    "Troyes 998",
    "numérique",
    "charleville mezieres",
    "Mediatheque",
    "France",
  };

  *n = G_N_ELEMENTS (typed);
  return typed;
}
