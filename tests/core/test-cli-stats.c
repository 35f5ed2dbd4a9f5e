/* test-cli-stats.c — black-box test of `sillon-cli stats`
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two sites (two vaults with made-up data) and a coordinator, driven
 * through the built sillon-cli: tables, the privacy ledger, keys,
 * bundles, the merge and its refusals, and the journaled exports.
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "test-cli-util.h"

enum
{
  EXIT_OK = 0,
  EXIT_USAGE = 2,
  EXIT_EXISTS = 15,
  EXIT_REFUSED = 16,
  EXIT_INVALID_INPUT = 21,
};

#define PASS_LINE "correct horse battery\n"
#define PERIOD "2025-01..2025-06"

typedef struct
{
  char *dir;
  char *site[2];
} Fixture;

#define run(secrets, ...) cli_run (NULL, secrets, NULL, __VA_ARGS__)

static char *
in_dir (Fixture *f, const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->dir = test_make_tmp_dir ("sillon-cli-stats-XXXXXX");
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *name = g_strdup_printf ("site%u.sillon", i + 1);
      g_autofree char *seed = g_strdup_printf ("%u", i + 1);
      g_autoptr (CliResult) demo = NULL;

      f->site[i] = in_dir (f, name);
      cli_create_vault (f->site[i], PASS_LINE, "Ada");
      demo = cli_expect (EXIT_OK, run (PASS_LINE, "demo", "--vault", f->site[i], "--seed", seed, "--beneficiaries", "120", "--sessions", "800",
                                       "--workshops", "10", "--places", "0", "--end-date", "2025-06-30", NULL));
    }
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->site[0]);
  g_free (f->site[1]);
}

static gboolean
contains (const char *haystack, const char *needle)
{
  return haystack != NULL && strstr (haystack, needle) != NULL;
}

static void
test_tables (Fixture *f, gconstpointer data)
{
  g_autoptr (CliResult) bad_period = run (PASS_LINE, "stats", "tables", "--vault", f->site[0], "--period", "2025-13", NULL);
  g_autoptr (CliResult) bad_k = run (PASS_LINE, "stats", "tables", "--vault", f->site[0], "--period", PERIOD, "--k", "4", NULL);
  g_autoptr (CliResult) ok = run (PASS_LINE, "stats", "tables", "--vault", f->site[0], "--period", PERIOD, NULL);
  g_autoptr (CliResult) csv = NULL;
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  g_autofree char *csv_path = in_dir (f, "tables.csv");
  g_autofree char *contents = NULL;
  JsonObject *root;

  g_assert_cmpint (bad_period->status, ==, EXIT_USAGE);
  g_assert_true (contains (bad_period->err, "2025-13"));
  g_assert_cmpint (bad_k->status, ==, EXIT_USAGE);
  g_assert_cmpint (ok->status, ==, EXIT_OK);
  g_assert_true (json_parser_load_from_data (parser, ok->out, -1, &error));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "protection"), ==, "suppression");
  g_assert_cmpint (json_object_get_int_member (root, "k"), ==, 11);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "tables")), >=, 20);

  csv = cli_expect (EXIT_OK, run (PASS_LINE, "stats", "tables", "--vault", f->site[0], "--period", PERIOD, "--out", csv_path, NULL));
  g_assert_true (g_file_get_contents (csv_path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "\xEF\xBB\xBF"));
}

static void
test_noise_and_ledger (Fixture *f, gconstpointer data)
{
  g_autoptr (CliResult) first = run (PASS_LINE, "stats", "tables", "--vault", f->site[0], "--period", PERIOD, "--noise", "0.6", NULL);
  g_autoptr (CliResult) second = run (PASS_LINE, "stats", "tables", "--vault", f->site[0], "--period", PERIOD, "--noise", "0.6", NULL);
  g_autoptr (CliResult) bad = run (PASS_LINE, "stats", "tables", "--vault", f->site[0], "--period", PERIOD, "--noise", "-1", NULL);
  g_autoptr (CliResult) ledger = run (PASS_LINE, "stats", "ledger", "--vault", f->site[0], NULL);

  g_assert_cmpint (first->status, ==, EXIT_OK);
  g_assert_true (contains (first->out, "\"epsilon\" : \"0.600000\""));
  /* Over the year's budget of 1: refused, and said so. */
  g_assert_cmpint (second->status, ==, EXIT_REFUSED);
  g_assert_true (contains (second->err, "budget"));
  g_assert_cmpint (bad->status, ==, EXIT_USAGE);
  g_assert_cmpint (ledger->status, ==, EXIT_OK);
  g_assert_true (contains (ledger->out, "2025\t2025-01-01..2025-06-30\t0.600000"));
  g_assert_false (contains (ledger->out, "\n2025\t2025-01-01..2025-06-30\t0.600000\n2025"));
}

static void
test_bundles_and_merge (Fixture *f, gconstpointer data)
{
  g_autofree char *prefix = in_dir (f, "coord");
  g_autofree char *pub = in_dir (f, "coord.pub");
  g_autofree char *key = in_dir (f, "coord.key");
  g_autofree char *other_prefix = in_dir (f, "other");
  g_autofree char *other_pub = in_dir (f, "other.pub");
  g_autofree char *sites = in_dir (f, "SITES.txt");
  g_autofree char *b1 = in_dir (f, "site1.bundle");
  g_autofree char *b2 = in_dir (f, "site2.bundle");
  g_autofree char *foreign = in_dir (f, "for-other.bundle");
  g_autofree char *tampered = in_dir (f, "tampered.bundle");
  g_autofree char *out = in_dir (f, "merged");
  g_autofree char *merged_json = g_build_filename (out, "statistics.json", NULL);
  g_autofree char *merged_xlsx = g_build_filename (out, "statistics.xlsx", NULL);
  g_autoptr (GString) trust = g_string_new (NULL);
  g_autofree char *contents = NULL;
  gsize length = 0;
  struct stat st;

  {
    g_autoptr (CliResult) keygen = run (NULL, "stats", "keygen", "--out", prefix, NULL);
    g_autoptr (CliResult) again = run (NULL, "stats", "keygen", "--out", prefix, NULL);
    g_autoptr (CliResult) other = run (NULL, "stats", "keygen", "--out", other_prefix, NULL);

    g_assert_cmpint (keygen->status, ==, EXIT_OK);
    g_assert_cmpint (g_stat (key, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    /* The secret key is never printed. */
    g_assert_true (g_file_get_contents (key, &contents, NULL, NULL));
    g_assert_false (contains (keygen->out, strchr (contents, ' ') + 1));
    g_clear_pointer (&contents, g_free);
    g_assert_cmpint (again->status, ==, EXIT_EXISTS);
    g_assert_cmpint (other->status, ==, EXIT_OK);
  }
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr (CliResult) site_key = run (PASS_LINE, "stats", "site-key", "--vault", f->site[i], NULL);
      g_autoptr (CliResult) bundle = run (PASS_LINE, "stats", "bundle", "--vault", f->site[i], "--to", pub, "--period", PERIOD,
                                          "--out", i == 0 ? b1 : b2, NULL);

      g_assert_cmpint (site_key->status, ==, EXIT_OK);
      g_string_append (trust, site_key->out);
      g_assert_cmpint (bundle->status, ==, EXIT_OK);
    }
  g_assert_true (g_file_set_contents (sites, trust->str, -1, NULL));
  {
    g_autoptr (CliResult) journal = run (PASS_LINE, "journal", "list", "--vault", f->site[0], NULL);
    g_assert_true (contains (journal->out, "stats-bundle"));
  }

  /* Refusals, each naming the file. */
  {
    g_autoptr (CliResult) replay = run (NULL, "stats", "merge", b1, b2, b1, "--trust", sites, "--key", key, "--out", out, NULL);
    g_autoptr (CliResult) bundle = run (PASS_LINE, "stats", "bundle", "--vault", f->site[0], "--to", other_pub, "--period",
                                        PERIOD, "--out", foreign, NULL);
    g_autoptr (CliResult) wrong = NULL;
    g_autoptr (CliResult) altered = NULL;
    g_autoptr (CliResult) no_trust = NULL;

    g_assert_cmpint (replay->status, ==, EXIT_INVALID_INPUT);
    g_assert_true (contains (replay->err, "site1.bundle"));
    g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

    g_assert_cmpint (bundle->status, ==, EXIT_OK);
    wrong = cli_expect (EXIT_INVALID_INPUT, run (NULL, "stats", "merge", b1, foreign, "--trust", sites, "--key", key, "--out", out, NULL));
    g_assert_true (contains (wrong->err, "for-other.bundle"));

    g_assert_true (g_file_get_contents (b2, &contents, &length, NULL));
    contents[length / 2] ^= 0x40;
    g_assert_true (g_file_set_contents (tampered, contents, (gssize) length, NULL));
    altered = cli_expect (EXIT_INVALID_INPUT, run (NULL, "stats", "merge", b1, tampered, "--trust", sites, "--key", key, "--out", out, NULL));
    g_assert_true (contains (altered->err, "tampered.bundle"));

    /* Site 2 left out of the trust list. */
    g_assert_nonnull (strchr (trust->str, '\n'));
    g_assert_true (g_file_set_contents (sites, trust->str, strchr (trust->str, '\n') - trust->str + 1, NULL));
    no_trust = cli_expect (EXIT_INVALID_INPUT, run (NULL, "stats", "merge", b1, b2, "--trust", sites, "--key", key, "--out", out, NULL));
    g_assert_true (contains (no_trust->err, "site2.bundle"));
    g_assert_true (g_file_set_contents (sites, trust->str, -1, NULL));
  }

  /* The merge. */
  {
    g_autoptr (CliResult) merge = run (NULL, "stats", "merge", b1, b2, "--trust", sites, "--key", key, "--out", out, NULL);
    g_autoptr (JsonParser) parser = json_parser_new ();
    g_autoptr (GError) error = NULL;
    JsonObject *root;

    g_assert_cmpint (merge->status, ==, EXIT_OK);
    g_assert_true (json_parser_load_from_file (parser, merged_json, &error));
    root = json_node_get_object (json_parser_get_root (parser));
    g_assert_cmpint (json_object_get_int_member (root, "sites"), ==, 2);
    g_assert_cmpstr (json_object_get_string_member (root, "protection"), ==, "suppression");
    g_assert_true (g_file_test (merged_xlsx, G_FILE_TEST_EXISTS));
  }

  /* With noise: charged to the coordinator's own vault, which is needed. */
  {
    g_autofree char *noisy_dir = in_dir (f, "noisy");
    g_autofree char *noisy_json = g_build_filename (noisy_dir, "statistics.json", NULL);
    g_autoptr (CliResult) no_vault = run (NULL, "stats", "merge", b1, b2, "--trust", sites, "--key", key, "--out", noisy_dir,
                                          "--noise", "0.5", NULL);
    g_autoptr (CliResult) noisy = run (PASS_LINE, "stats", "merge", b1, b2, "--trust", sites, "--key", key, "--out", noisy_dir,
                                       "--noise", "0.5", "--vault", f->site[1], NULL);
    g_autoptr (CliResult) over = run (PASS_LINE, "stats", "merge", b1, b2, "--trust", sites, "--key", key, "--out", noisy_dir,
                                      "--noise", "0.6", "--vault", f->site[1], NULL);
    g_autofree char *contents_json = NULL;

    g_assert_cmpint (no_vault->status, ==, EXIT_USAGE);
    g_assert_cmpint (noisy->status, ==, EXIT_OK);
    g_assert_true (g_file_get_contents (noisy_json, &contents_json, NULL, NULL));
    g_assert_true (contains (contents_json, "\"protection\" : \"differential-privacy\""));
    /* ε stated: what was spent, split over the tables, never more than 0.5. */
    g_assert_true (contains (contents_json, "\"epsilon\" : \"0.4") || contains (contents_json, "\"epsilon\" : \"0.500000"));
    g_assert_cmpint (over->status, ==, EXIT_REFUSED);
    {
      g_autoptr (CliResult) ledger = run (PASS_LINE, "stats", "ledger", "--vault", f->site[1], NULL);
      g_assert_true (contains (ledger->out, "2025\t2025-01-01..2025-06-30\t0.500000"));
    }
  }
}

static void
test_exports_journaled (Fixture *f, gconstpointer data)
{
  g_autofree char *activities = in_dir (f, "activites.xlsx");
  g_autofree char *people = in_dir (f, "beneficiaires.csv");
  g_autoptr (CliResult) no_out = run (PASS_LINE, "stats", "export-activities", "--vault", f->site[0], "--period", PERIOD, NULL);
  g_autoptr (CliResult) json = run (PASS_LINE, "stats", "export-beneficiaries", "--vault", f->site[0], "--out", "x.json", NULL);
  g_autoptr (CliResult) a = run (PASS_LINE, "stats", "export-activities", "--vault", f->site[0], "--period", PERIOD, "--out",
                                 activities, NULL);
  g_autoptr (CliResult) b = run (PASS_LINE, "stats", "export-beneficiaries", "--vault", f->site[0], "--out", people, NULL);
  g_autofree char *tables = in_dir (f, "tables.csv");
  /* The published tables on standard output are not journaled; to a
   * file, they are, with their period. */
  g_autoptr (CliResult) to_stdout = run (PASS_LINE, "stats", "tables", "--vault", f->site[0], "--period", PERIOD, NULL);
  g_autoptr (CliResult) to_file = run (PASS_LINE, "stats", "tables", "--vault", f->site[0], "--period", PERIOD, "--out",
                                       tables, NULL);
  g_autoptr (CliResult) journal = run (PASS_LINE, "journal", "list", "--vault", f->site[0], NULL);
  struct stat st;

  g_assert_cmpint (no_out->status, ==, EXIT_USAGE);
  g_assert_true (contains (no_out->err, "--out"));
  g_assert_cmpint (json->status, ==, EXIT_USAGE);
  g_assert_false (g_file_test ("x.json", G_FILE_TEST_EXISTS));
  g_assert_cmpint (a->status, ==, EXIT_OK);
  g_assert_cmpint (b->status, ==, EXIT_OK);
  g_assert_cmpint (g_stat (activities, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (people, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  /* Journaled with counts, never names. */
  g_assert_true (contains (journal->out, "\"kind\":\"coop-activities\""));
  g_assert_true (contains (journal->out, "\"kind\":\"coop-beneficiaries\""));
  g_assert_cmpint (to_stdout->status, ==, EXIT_OK);
  g_assert_cmpint (to_file->status, ==, EXIT_OK);
  g_assert_true (g_file_test (tables, G_FILE_TEST_EXISTS));
  g_assert_true (contains (journal->out, "{\"kind\":\"stats-tables\",\"from\":\"2025-01-01\",\"to\":\"2025-06-30\"}"));
  g_assert_false (contains (strstr (journal->out, "stats-tables") + 1, "stats-tables"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/cli-stats/tables", test_tables);
  ADD ("/cli-stats/noise-and-ledger", test_noise_and_ledger);
  ADD ("/cli-stats/bundles-and-merge", test_bundles_and_merge);
  ADD ("/cli-stats/exports-journaled", test_exports_journaled);
  return g_test_run ();
}
