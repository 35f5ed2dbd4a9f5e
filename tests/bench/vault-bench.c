/* vault-bench.c — unlock, passphrase change, verify and backup speed of the vault
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On demand only (tests/bench/vault-speedtest.sh builds and runs it); never
 * part of the test suite. Prints "name: value" lines, medians of several runs.
 *
 *   vault-bench [--runs N] [--megabytes N] [--kdf-ms N]
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>

#include "sillon-vault.h"

#define PASS_A "benchmark passphrase one"
#define PASS_B "benchmark passphrase two"

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
median (double *values, int n)
{
  qsort (values, (size_t) n, sizeof *values, compare_doubles);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

static double
now_ms (void)
{
  return (double) g_get_monotonic_time () / 1000.0;
}

static void
die (const char *what, const GError *error)
{
  fprintf (stderr, "vault-bench: %s: %s\n", what, error != NULL ? error->message : "failed");
  exit (1);
}

static double
file_megabytes (const char *path)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    return 0;
  return (double) st.st_size / (1024.0 * 1024.0);
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonVault) vault = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *backup = NULL;
  g_autofree double *times = NULL;
  SillonVaultCreateOptions options = { 0 };
  char *recovery_key = NULL;
  int runs = 5;
  int megabytes = 32;
  int kdf_ms = 0;
  double t0;
  double mb;

  for (int i = 1; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--runs") && i + 1 < argc)
        runs = atoi (argv[++i]);
      else if (g_str_equal (argv[i], "--megabytes") && i + 1 < argc)
        megabytes = atoi (argv[++i]);
      else if (g_str_equal (argv[i], "--kdf-ms") && i + 1 < argc)
        kdf_ms = atoi (argv[++i]);
      else
        {
          fprintf (stderr, "usage: vault-bench [--runs N] [--megabytes N] [--kdf-ms N]\n");
          return 2;
        }
    }
  if (runs < 1 || megabytes < 1 || kdf_ms < 0)
    return 2;
  times = g_new0 (double, runs);

  dir = g_dir_make_tmp ("sillon-bench-XXXXXX", &error);
  if (dir == NULL)
    die ("temporary directory", error);
  path = g_build_filename (dir, "vault.sillon", NULL);
  backup = g_build_filename (dir, "vault.backup", NULL);

  /* The default calibration: what a mediator waits for at the counter. */
  options.kdf_target_ms = (guint) kdf_ms;
  t0 = now_ms ();
  vault = sillon_vault_create (path, "Bench", PASS_A, &options, &recovery_key, &error);
  if (vault == NULL)
    die ("create", error);
  printf ("create_ms: %.0f\n", now_ms () - t0);
  sillon_vault_free_secret (recovery_key);

  {
    GPtrArray *slots = sillon_vault_list_slots (vault, &error);
    if (slots == NULL)
      die ("list slots", error);
    for (guint i = 0; i < slots->len; i++)
      {
        SillonVaultSlotInfo *info = g_ptr_array_index (slots, i);
        if (info->kind == SILLON_VAULT_SLOT_PASSPHRASE)
          printf ("kdf_params: %" G_GUINT64_FORMAT " passes, %" G_GSIZE_FORMAT " MiB\n",
                  info->kdf_opslimit, info->kdf_memlimit / (1024 * 1024));
      }
    g_ptr_array_unref (slots);
  }

  /* Data for verify and backup: random blobs do not compress, so the file
   * size is the amount of ciphertext to authenticate. */
  {
    sqlite3 *db = sillon_vault_get_db (vault);
    g_autofree char *sql = g_strdup_printf ("CREATE TABLE filler (data BLOB);"
                                            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)"
                                            " INSERT INTO filler SELECT randomblob (1000) FROM n;",
                                            megabytes * 1024);
    if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
      {
        fprintf (stderr, "vault-bench: fill: %s\n", sqlite3_errmsg (db));
        return 1;
      }
  }
  sillon_vault_lock (vault);
  g_clear_object (&vault);
  mb = file_megabytes (path);
  printf ("vault_mb: %.1f\n", mb);

  for (int r = 0; r < runs; r++)
    {
      t0 = now_ms ();
      vault = sillon_vault_open (path, PASS_A, &error);
      times[r] = now_ms () - t0;
      if (vault == NULL)
        die ("open", error);
      g_clear_object (&vault);
    }
  printf ("unlock_ms: %.0f\n", median (times, runs));

  for (int r = 0; r < runs; r++)
    {
      SillonVault *wrong;
      t0 = now_ms ();
      wrong = sillon_vault_open (path, "not the passphrase at all", &error);
      times[r] = now_ms () - t0;
      if (wrong != NULL)
        die ("a wrong passphrase opened the vault", NULL);
      g_clear_error (&error);
    }
  printf ("wrong_passphrase_ms: %.0f\n", median (times, runs));

  vault = sillon_vault_open (path, PASS_A, &error);
  if (vault == NULL)
    die ("open", error);
  for (int r = 0; r < runs; r++)
    {
      const char *from = r % 2 ? PASS_B : PASS_A;
      const char *to = r % 2 ? PASS_A : PASS_B;
      t0 = now_ms ();
      if (!sillon_vault_change_passphrase (vault, from, to, &error))
        die ("change passphrase", error);
      times[r] = now_ms () - t0;
    }
  printf ("passwd_ms: %.0f\n", median (times, runs));

  for (int r = 0; r < runs; r++)
    {
      g_autoptr (SillonVaultVerifyReport) report = NULL;
      t0 = now_ms ();
      if (!sillon_vault_verify (vault, &report, &error))
        die ("verify", error);
      times[r] = now_ms () - t0;
      if (report->bad_pages != NULL && report->bad_pages->len > 0)
        die ("verify found bad pages in a fresh vault", NULL);
    }
  printf ("verify_ms: %.0f\n", median (times, runs));
  printf ("verify_mb_per_s: %.0f\n", mb / (median (times, runs) / 1000.0));

  for (int r = 0; r < runs; r++)
    {
      g_remove (backup);
      t0 = now_ms ();
      if (!sillon_vault_backup (vault, backup, &error))
        die ("backup", error);
      times[r] = now_ms () - t0;
    }
  printf ("backup_mb_per_s: %.0f\n", mb / (median (times, runs) / 1000.0));

  sillon_vault_lock (vault);
  g_clear_object (&vault);
  {
    g_autofree char *wal = g_strconcat (path, "-wal", NULL);
    g_remove (wal);
  }
  g_remove (backup);
  g_remove (path);
  g_rmdir (dir);
  return 0;
}
