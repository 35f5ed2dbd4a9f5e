/* bench-sheets.c — time to lay out a sheet and write it as PDF, on the reference dataset
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run by tests/bench/sheets-bench.sh. Reads the passphrase from standard
 * input, unlocks the vault, then for @N people who have a referral (and so
 * sessions and, for most, assessments) builds their progress sheet and
 * their latest referral sheet and writes each as a PDF file, as `sillon-cli
 * sheet` does (the journal entry excepted: that is the store's write,
 * measured by the store benchmark). Prints "name<TAB>value" lines: median,
 * p95 and slowest in milliseconds. Never part of the test suite.
 */

#include "config.h"

#include <libintl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>
#include <sodium.h>

#include "sillon-core.h"
#include "bench-util.h"

/* Where the time goes: building (queries and layout), drawing the PDF in
 * memory (cairo, font subsets); the figure is build + write_pdf (which
 * draws and writes), as `sillon-cli sheet` does. */
static GArray *build_samples, *draw_samples;

static double
render (SillonStore *store, const guint8 *key, SillonSheetKind kind, gint64 person, const char *path, guint *out_pages)
{
  SillonSheetRequest request = SILLON_SHEET_REQUEST_INIT;
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonSheetDoc) doc = NULL;
  g_autoptr (GBytes) pdf = NULL;
  g_autofree char *code = NULL;
  double start, built, drawn, written;

  /* A new file each time, as `sheet --all` writes. */
  g_unlink (path);
  request.kind = kind;
  request.person_id = person;
  start = bench_now_ms ();
  doc = sillon_sheet_build (store, &request, key, &code, NULL, &error);
  bench_check (doc != NULL, error);
  built = bench_now_ms ();
  bench_check (sillon_sheet_doc_write_pdf (doc, path, &error), error);
  written = bench_now_ms ();
  pdf = sillon_sheet_doc_to_pdf (doc, &error);
  bench_check (pdf != NULL, error);
  drawn = bench_now_ms ();
  *out_pages = sillon_sheet_doc_get_n_pages (doc);
  {
    double b = built - start, d = drawn - written;
    g_array_append_val (build_samples, b);
    g_array_append_val (draw_samples, d);
  }
  return written - start;
}

static void
report (const char *name, GArray *samples, guint pages_total)
{
  double max = bench_percentile (samples, 1.0);

  g_print ("%s_median_ms\t%.1f\n", name, bench_percentile (samples, 0.5));
  g_print ("%s_p95_ms\t%.1f\n", name, bench_percentile (samples, 0.95));
  g_print ("%s_slowest_ms\t%.1f\n", name, max);
  g_print ("%s_pages_mean\t%.1f\n", name, (double) pages_total / samples->len);
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonVaultSession) session = NULL;
  SillonStore *store;
  g_autoptr (GArray) progress = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) referral = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  char passphrase[256] = { 0 };
  guint8 *key;
  guint wanted, progress_pages = 0, referral_pages = 0;
  sqlite3_stmt *stmt = NULL;

  g_set_prgname ("bench-sheets");

  build_samples = g_array_new (FALSE, FALSE, sizeof (double));
  draw_samples = g_array_new (FALSE, FALSE, sizeof (double));
  if (argc != 4)
    {
      g_printerr ("usage: bench-sheets VAULT LOCALEDIR N < passphrase\n");
      return 2;
    }
  wanted = (guint) atoi (argv[3]);
  if (!bench_read_passphrase (passphrase, sizeof passphrase))
    return 1;
  bindtextdomain (GETTEXT_PACKAGE, argv[2]);
  sillon_vault_register_vfs ();

  session = sillon_vault_session_open (argv[1], passphrase, "bench", NULL, &error);
  bench_check (session != NULL, error);
  store = sillon_vault_session_get_store (session);
  key = sillon_sheet_fingerprint_derive_key (session, &error);
  bench_check (key != NULL, error);
  dir = g_dir_make_tmp ("sillon-bench-sheets-XXXXXX", &error);
  bench_check (dir != NULL, error);
  path = g_build_filename (dir, "sheet.pdf", NULL);

  /* People spread over the dataset who were referred somewhere. */
  bench_check (sqlite3_prepare_v2 (sillon_store_get_db (store),
                                   "SELECT DISTINCT beneficiary_id FROM referrals ORDER BY beneficiary_id * 7919 % 10007 LIMIT ?",
                                   -1, &stmt, NULL) == SQLITE_OK,
               NULL);
  sqlite3_bind_int (stmt, 1, (int) wanted);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 person = sqlite3_column_int64 (stmt, 0);
      guint pages = 0;
      double ms;

      ms = render (store, key, SILLON_SHEET_PROGRESS, person, path, &pages);
      g_array_append_val (progress, ms);
      progress_pages += pages;
      ms = render (store, key, SILLON_SHEET_REFERRAL, person, path, &pages);
      g_array_append_val (referral, ms);
      referral_pages += pages;
    }
  sqlite3_finalize (stmt);
  bench_check (progress->len > 0, NULL);

  g_print ("people\t%u\n", progress->len);
  report ("progress_sheet", progress, progress_pages);
  report ("referral_sheet", referral, referral_pages);
  g_print ("of_which_build_median_ms\t%.1f\n", bench_percentile (build_samples, 0.5));
  g_print ("of_which_pdf_drawing_median_ms\t%.1f\n", bench_percentile (draw_samples, 0.5));

  g_unlink (path);
  g_rmdir (dir);
  sodium_free (key);
  sillon_vault_session_lock (session);
  return 0;
}
