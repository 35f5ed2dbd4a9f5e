/* test-stats-bundle.c — coordinator keys, signed and sealed bundles, every
 * way a bundle is refused, and the merge of three sites
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <sys/stat.h>

#include "sillon-stats-bundle.h"
#include "sillon-stats-indicators.h"
#include "test-demo-util.h"
#include "test-dir-util.h"
#include "test-store-util.h"

#define FROM "2026-01-01"
#define TO "2026-06-30"

typedef struct
{
  char *dir;
  char *pub, *key;
  guint8 coordinator[SILLON_STATS_KEY_BYTES];
  guint8 *secret;
  StoreFixture sites[3];
} Fixture;

static void
generate (StoreFixture *site, guint64 seed)
{
  demo_test_generate (site->store, seed, 250, 1500, 25, 0);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = test_make_tmp_dir ("sillon-bundle-XXXXXX");
  f->pub = g_build_filename (f->dir, "coord.pub", NULL);
  f->key = g_build_filename (f->dir, "coord.key", NULL);
  g_assert_true (sillon_stats_coordinator_keygen (f->pub, f->key, &error));
  g_assert_no_error (error);
  g_assert_true (sillon_stats_coordinator_load_public (f->pub, f->coordinator, &error));
  f->secret = sillon_stats_coordinator_load_secret (f->key, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->secret);
  for (guint i = 0; i < 3; i++)
    {
      store_fixture_open (&f->sites[i], FALSE);
      generate (&f->sites[i], i + 1);
    }
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  for (guint i = 0; i < 3; i++)
    store_fixture_teardown (&f->sites[i], NULL);
  test_remove_tree (f->dir);
  sodium_free (f->secret);
  g_free (f->pub);
  g_free (f->key);
  g_free (f->dir);
}

/* A site's bundle, written to DIR/NAME. */
static char *
write_bundle (Fixture *f, guint site, const char *from, const char *to, const guint8 *coordinator, const char *name)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonStatsRelease) release = sillon_stats_compute (f->sites[site].store, from, to, &error);
  g_autoptr (GBytes) bytes = NULL;
  guint8 pk[SILLON_STATS_KEY_BYTES];
  guint8 *sk = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_nonnull (release);
  g_assert_true (sillon_stats_site_key (f->sites[site].store, pk, &sk, &error));
  bytes = sillon_stats_bundle_build (release, pk, sk, coordinator, &error);
  sodium_free (sk);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), (gssize) g_bytes_get_size (bytes), &error));
  return path;
}

static char *
trust_file (Fixture *f, guint n_sites)
{
  g_autoptr (GString) contents = g_string_new ("# made by test-stats-bundle\n");
  g_autoptr (GError) error = NULL;
  char *path = g_build_filename (f->dir, "sites.txt", NULL);

  for (guint i = 0; i < n_sites; i++)
    {
      guint8 pk[SILLON_STATS_KEY_BYTES];
      g_autofree char *text = NULL;

      g_assert_true (sillon_stats_site_key (f->sites[i].store, pk, NULL, &error));
      text = sillon_stats_key_to_text (pk);
      g_string_append_printf (contents, "%s  Site %u\n", text, i + 1);
    }
  g_assert_true (g_file_set_contents (path, contents->str, -1, &error));
  return path;
}

static void
assert_same_counts (SillonStatsRelease *a, SillonStatsRelease *b)
{
  g_assert_cmpuint (a->vars->len, ==, b->vars->len);
  for (guint i = 0; i < a->vars->len; i++)
    {
      SillonStatsVar *x = sillon_stats_release_get_var (a, i);
      gint j = sillon_stats_release_lookup (b, x->key);
      SillonStatsVar *y;

      if (j < 0)
        g_error ("%s is missing", x->key);
      y = sillon_stats_release_get_var (b, (guint) j);
      if (x->value != y->value || x->persons != y->persons)
        g_error ("%s: %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT " against %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT, x->key,
                 x->value, x->persons, y->value, y->persons);
    }
}

static void
test_keys (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  struct stat st;
  guint8 pk[SILLON_STATS_KEY_BYTES], again[SILLON_STATS_KEY_BYTES], derived[SILLON_STATS_KEY_BYTES];
  guint8 *sk = NULL;

  g_assert_cmpint (g_stat (f->key, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  /* The public key is the secret key's. */
  crypto_scalarmult_base (derived, f->secret);
  g_assert_cmpmem (derived, sizeof derived, f->coordinator, sizeof f->coordinator);
  /* Never overwritten. */
  g_assert_false (sillon_stats_coordinator_keygen (f->pub, f->key, &error));
  g_assert_error (error, SILLON_STATS_ERROR, SILLON_STATS_ERROR_KEY);
  g_clear_error (&error);
  /* A secret key others can read is refused. */
  g_assert_cmpint (g_chmod (f->key, 0644), ==, 0);
  g_assert_null (sillon_stats_coordinator_load_secret (f->key, &error));
  g_assert_error (error, SILLON_STATS_ERROR, SILLON_STATS_ERROR_KEY);
  g_clear_error (&error);
  g_assert_cmpint (g_chmod (f->key, 0600), ==, 0);
  /* The public file is not a secret key, and the reverse. */
  g_assert_false (sillon_stats_coordinator_load_public (f->key, pk, &error));
  g_assert_error (error, SILLON_STATS_ERROR, SILLON_STATS_ERROR_KEY);
  g_clear_error (&error);

  /* The site key is made once and kept. */
  g_assert_true (sillon_stats_site_key (f->sites[0].store, pk, &sk, &error));
  g_assert_true (sillon_stats_site_key (f->sites[0].store, again, NULL, &error));
  g_assert_cmpmem (pk, sizeof pk, again, sizeof again);
  crypto_sign_ed25519_sk_to_pk (derived, sk);
  g_assert_cmpmem (pk, sizeof pk, derived, sizeof derived);
  sodium_free (sk);
  g_assert_true (sillon_stats_site_key (f->sites[1].store, again, NULL, &error));
  g_assert_true (memcmp (pk, again, sizeof pk) != 0);
}

static void
test_round_trip (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = write_bundle (f, 0, FROM, TO, f->coordinator, "a.bundle");
  g_autoptr (SillonStatsRelease) exact = sillon_stats_compute (f->sites[0].store, FROM, TO, &error);
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr (SillonStatsBundle) bundle = NULL;
  guint8 pk[SILLON_STATS_KEY_BYTES];

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  /* Sealed: no count and no category readable in the file. */
  g_assert_null (g_strstr_len (contents, (gssize) length, "acc|"));
  g_assert_null (g_strstr_len (contents, (gssize) length, "sillon-stats-bundle"));
  bundle = sillon_stats_bundle_open ((const guint8 *) contents, length, f->secret, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bundle);
  g_assert_true (sillon_stats_site_key (f->sites[0].store, pk, NULL, &error));
  g_assert_cmpmem (bundle->site, sizeof bundle->site, pk, sizeof pk);
  g_assert_cmpstr (bundle->release->from, ==, FROM);
  g_assert_cmpuint (bundle->release->tables->len, ==, exact->tables->len);
  assert_same_counts (exact, bundle->release);
  assert_same_counts (bundle->release, exact);
}

static void
expect_refused (Fixture *f, const guint8 *data, gsize length, int code)
{
  g_autoptr (GError) error = NULL;
  SillonStatsBundle *bundle = sillon_stats_bundle_open (data, length, f->secret, &error);

  g_assert_null (bundle);
  g_assert_error (error, SILLON_STATS_ERROR, code);
}

static void
test_rejections (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = write_bundle (f, 0, FROM, TO, f->coordinator, "a.bundle");
  g_autofree char *contents = NULL;
  g_autofree guint8 *copy = NULL;
  gsize length = 0;
  guint8 other_pk[SILLON_STATS_KEY_BYTES], other_sk[32];

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  copy = g_memdup2 (contents, length + 1);

  /* Not a bundle. */
  expect_refused (f, (const guint8 *) "hello, coordinator", 18, SILLON_STATS_ERROR_BUNDLE_FORMAT);
  expect_refused (f, (const guint8 *) "", 0, SILLON_STATS_ERROR_BUNDLE_FORMAT);
  /* Truncated anywhere. */
  for (gsize cut = 0; cut < length; cut += 1 + cut / 3)
    expect_refused (f, (const guint8 *) contents, cut, SILLON_STATS_ERROR_BUNDLE_FORMAT);
  /* Something appended. */
  expect_refused (f, copy, length + 1, SILLON_STATS_ERROR_BUNDLE_FORMAT);
  /* Tampered: a byte of the sealed part, anywhere. */
  for (gsize at = 8 + 32 + 4; at < length; at += 997)
    {
      copy[at] ^= 0x01;
      expect_refused (f, copy, length, SILLON_STATS_ERROR_BUNDLE_TAMPERED);
      copy[at] ^= 0x01;
    }
  /* A sealed length that lies. */
  copy[8 + 32] ^= 0x01;
  expect_refused (f, copy, length, SILLON_STATS_ERROR_BUNDLE_FORMAT);
  copy[8 + 32] ^= 0x01;
  /* Sealed to another coordinator. */
  crypto_box_keypair (other_pk, other_sk);
  {
    g_autofree char *other = write_bundle (f, 0, FROM, TO, other_pk, "other.bundle");
    g_autofree char *bytes = NULL;
    gsize n = 0;

    g_assert_true (g_file_get_contents (other, &bytes, &n, NULL));
    expect_refused (f, (const guint8 *) bytes, n, SILLON_STATS_ERROR_WRONG_RECIPIENT);
    /* Relabelled as ours: the seal still fails. */
    memcpy (bytes + 8, f->coordinator, 32);
    expect_refused (f, (const guint8 *) bytes, n, SILLON_STATS_ERROR_BUNDLE_TAMPERED);
  }
  /* Signed by one site, claiming another. */
  {
    g_autoptr (SillonStatsRelease) release = sillon_stats_compute (f->sites[0].store, FROM, TO, &error);
    guint8 pk0[32], pk1[32];
    guint8 *sk0 = NULL;
    g_autoptr (GBytes) forged = NULL;

    g_assert_true (sillon_stats_site_key (f->sites[0].store, pk0, &sk0, &error));
    g_assert_true (sillon_stats_site_key (f->sites[1].store, pk1, NULL, &error));
    forged = sillon_stats_bundle_build (release, pk1, sk0, f->coordinator, &error);
    sodium_free (sk0);
    expect_refused (f, g_bytes_get_data (forged, NULL), g_bytes_get_size (forged), SILLON_STATS_ERROR_BUNDLE_TAMPERED);
  }
  /* The original still opens: the checks above changed copies only. */
  {
    g_autoptr (SillonStatsBundle) bundle = sillon_stats_bundle_open ((const guint8 *) contents, length, f->secret, &error);
    g_assert_no_error (error);
    g_assert_nonnull (bundle);
  }
}

static void
expect_merge_refused (Fixture *f, const char *const *paths, GHashTable *trust, int code, const char *named)
{
  g_autoptr (GError) error = NULL;
  SillonStatsRelease *merged = sillon_stats_merge (paths, trust, f->secret, &error);

  g_assert_null (merged);
  g_assert_error (error, SILLON_STATS_ERROR, code);
  /* The message names the file at fault. */
  g_assert_nonnull (strstr (error->message, named));
}

static void
test_merge_rejections (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *a = write_bundle (f, 0, FROM, TO, f->coordinator, "a.bundle");
  g_autofree char *b = write_bundle (f, 1, FROM, TO, f->coordinator, "b.bundle");
  g_autofree char *c = write_bundle (f, 2, FROM, TO, f->coordinator, "c.bundle");
  g_autofree char *a_again = write_bundle (f, 0, FROM, TO, f->coordinator, "a-again.bundle");
  g_autofree char *b_other = write_bundle (f, 1, "2026-01-01", "2026-03-31", f->coordinator, "b-q1.bundle");
  g_autofree char *trust_path = trust_file (f, 2);
  g_autofree char *trunc = g_build_filename (f->dir, "trunc.bundle", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing.bundle", NULL);
  g_autoptr (GHashTable) trust = sillon_stats_trust_load (trust_path, &error);
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_nonnull (trust);
  g_assert_cmpuint (g_hash_table_size (trust), ==, 2);
  g_assert_true (g_file_get_contents (b, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (trunc, contents, (gssize) length / 2, NULL));

  /* Foreign site: c is not in the trust list. */
  expect_merge_refused (f, (const char *[]){ a, c, NULL }, trust, SILLON_STATS_ERROR_UNTRUSTED_SITE, "c.bundle");
  /* Replayed: the same file twice, or the same site and period again. */
  expect_merge_refused (f, (const char *[]){ a, b, a, NULL }, trust, SILLON_STATS_ERROR_REPLAYED, "a.bundle");
  expect_merge_refused (f, (const char *[]){ a, a_again, NULL }, trust, SILLON_STATS_ERROR_REPLAYED, "a-again.bundle");
  /* Another period. */
  expect_merge_refused (f, (const char *[]){ a, b_other, NULL }, trust, SILLON_STATS_ERROR_MISMATCH, "b-q1.bundle");
  /* Truncated, missing. */
  expect_merge_refused (f, (const char *[]){ a, trunc, NULL }, trust, SILLON_STATS_ERROR_BUNDLE_FORMAT, "trunc.bundle");
  expect_merge_refused (f, (const char *[]){ missing, NULL }, trust, SILLON_STATS_ERROR_IO, "missing.bundle");
  expect_merge_refused (f, (const char *[]){ NULL }, trust, SILLON_STATS_ERROR_INVALID, "");

  /* A malformed trust list. */
  g_assert_true (g_file_set_contents (trust_path, "not-a-key Site\n", -1, NULL));
  g_assert_null (sillon_stats_trust_load (trust_path, &error));
  g_assert_error (error, SILLON_STATS_ERROR, SILLON_STATS_ERROR_KEY);
  g_clear_error (&error);
  g_assert_true (g_file_set_contents (trust_path, "# nobody\n", -1, NULL));
  g_assert_null (sillon_stats_trust_load (trust_path, &error));
  g_assert_error (error, SILLON_STATS_ERROR, SILLON_STATS_ERROR_KEY);
}

/* Three sites merged give the statistics of one vault holding all their
 * people: same cells, same counts, same people per cell. */
static void
test_merge_equals_union (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *a = write_bundle (f, 0, FROM, TO, f->coordinator, "a.bundle");
  g_autofree char *b = write_bundle (f, 1, FROM, TO, f->coordinator, "b.bundle");
  g_autofree char *c = write_bundle (f, 2, FROM, TO, f->coordinator, "c.bundle");
  g_autofree char *trust_path = trust_file (f, 3);
  g_autoptr (GHashTable) trust = sillon_stats_trust_load (trust_path, &error);
  g_autoptr (SillonStatsRelease) merged = sillon_stats_merge ((const char *[]){ a, b, c, NULL }, trust, f->secret, &error);
  g_autoptr (SillonStatsRelease) whole = NULL;
  StoreFixture one = { 0 };

  g_assert_no_error (error);
  g_assert_nonnull (merged);
  g_assert_cmpuint (merged->n_sites, ==, 3);

  store_fixture_open (&one, FALSE);
  for (guint i = 0; i < 3; i++)
    generate (&one, i + 1);
  whole = sillon_stats_compute (one.store, FROM, TO, &error);
  g_assert_no_error (error);
  assert_same_counts (whole, merged);
  assert_same_counts (merged, whole);
  for (guint t = 0; t < whole->tables->len; t++)
    {
      SillonStatsTable *x = g_ptr_array_index (whole->tables, t);
      SillonStatsTable *y = sillon_stats_release_find_table (merged, x->id);

      g_assert_nonnull (y);
      g_assert_cmpuint (x->rows->len, ==, y->rows->len);
      g_assert_cmpuint (x->cols->len, ==, y->cols->len);
    }
  /* Protection comes after the merge, on the summed tables. */
  g_assert_true (sillon_stats_release_suppress (merged, 11, &error));
  store_fixture_teardown (&one, NULL);
}

int
main (int argc, char **argv)
{
  if (sodium_init () < 0)
    return 1;
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/stats-bundle/keys", Fixture, NULL, fixture_set_up, test_keys, fixture_tear_down);
  g_test_add ("/stats-bundle/round-trip", Fixture, NULL, fixture_set_up, test_round_trip, fixture_tear_down);
  g_test_add ("/stats-bundle/rejections", Fixture, NULL, fixture_set_up, test_rejections, fixture_tear_down);
  g_test_add ("/stats-bundle/merge-rejections", Fixture, NULL, fixture_set_up, test_merge_rejections, fixture_tear_down);
  g_test_add ("/stats-bundle/merge-equals-union", Fixture, NULL, fixture_set_up, test_merge_equals_union, fixture_tear_down);
  return g_test_run ();
}
