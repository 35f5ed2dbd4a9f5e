/* test-stats-indicators.c — the indicators of a period, checked against
 * plain SQL counts written the way the Coop counts
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sillon-stats-indicators.h"
#include "test-demo-util.h"
#include "test-store-util.h"

#define FROM "2026-01-01"
#define TO "2026-06-30"

static void
demo_setup (StoreFixture *f, gconstpointer data)
{
  store_fixture_open (f, FALSE);
  demo_test_generate (f->store, 3, 400, 3000, 60, 20);
}

static gint64
count (StoreFixture *f, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (f->db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, FROM, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, TO, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static SillonStatsVar *
var (SillonStatsRelease *release, const char *key)
{
  gint i = sillon_stats_release_lookup (release, key);

  if (i < 0)
    g_error ("no variable %s", key);
  return sillon_stats_release_get_var (release, (guint) i);
}

#define PARTICIPANTS                                                                                     \
  "(SELECT coalesce(sum(anon_total), 0) FROM workshops WHERE date BETWEEN ?1 AND ?2) + "                 \
  "(SELECT count(*) FROM workshop_attendance wa JOIN workshops w ON w.id = wa.workshop_id WHERE w.date " \
  "BETWEEN ?1 AND ?2)"

static void
test_coop_counts (StoreFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonStatsRelease) release = sillon_stats_compute (f->store, FROM, TO, &error);
  gint64 sessions, participants, named, anonymous;

  g_assert_no_error (error);
  g_assert_nonnull (release);
  g_assert_true (sillon_stats_release_check_consistent (release, &error));
  g_assert_no_error (error);

  sessions = count (f, "SELECT count(*) FROM sessions WHERE date BETWEEN ?1 AND ?2");
  participants = count (f, "SELECT " PARTICIPANTS);
  g_assert_cmpint (sessions, >, 100);
  g_assert_cmpint (participants, >, 10);

  /* Activities: one per session, one per workshop. */
  g_assert_cmpint (var (release, "act|")->value, ==,
                   sessions + count (f, "SELECT count(*) FROM workshops WHERE date BETWEEN ?1 AND ?2"));
  g_assert_cmpint (var (release, "act|type=individuel")->value, ==, sessions);
  /* Accompagnements: one per session, one per workshop participant. */
  g_assert_cmpint (var (release, "acc|type=individuel")->value, ==, sessions);
  g_assert_cmpint (var (release, "acc|type=collectif")->value, ==, participants);
  g_assert_cmpint (var (release, "acc|")->value, ==, sessions + participants);
  g_assert_cmpint (var (release, "acc|month=2026-03")->value, ==,
                   count (f, "SELECT (SELECT count(*) FROM sessions WHERE date BETWEEN '2026-03-01' AND '2026-03-31') + "
                             "(SELECT coalesce(sum(anon_total), 0) FROM workshops WHERE date BETWEEN '2026-03-01' AND '2026-03-31') + "
                             "(SELECT count(*) FROM workshop_attendance wa JOIN workshops w ON w.id = wa.workshop_id "
                             " WHERE w.date BETWEEN '2026-03-01' AND '2026-03-31')"));

  /* Beneficiaries: distinct named people, plus each anonymous participant. */
  named = count (f, "SELECT count(*) FROM (SELECT beneficiary_id FROM sessions WHERE date BETWEEN ?1 AND ?2 UNION "
                    "SELECT wa.beneficiary_id FROM workshop_attendance wa JOIN workshops w ON w.id = wa.workshop_id "
                    "WHERE w.date BETWEEN ?1 AND ?2)");
  anonymous = count (f, "SELECT coalesce(sum(anon_total), 0) FROM workshops WHERE date BETWEEN ?1 AND ?2");
  g_assert_cmpint (var (release, "ben|kind=suivi")->value, ==, named);
  g_assert_cmpint (var (release, "ben|kind=anonyme")->value, ==, anonymous);
  g_assert_cmpint (var (release, "ben|")->value, ==, named + anonymous);
  /* New: their first accompaniment ever falls in the period. */
  g_assert_cmpint (var (release, "ben|novelty=nouveau")->value, ==,
                   count (f, "SELECT count(*) FROM (SELECT beneficiary_id, min(d) AS first FROM ("
                             "  SELECT beneficiary_id, date AS d FROM sessions UNION ALL"
                             "  SELECT wa.beneficiary_id, w.date FROM workshop_attendance wa JOIN workshops w ON w.id = wa.workshop_id)"
                             " GROUP BY beneficiary_id) WHERE first BETWEEN ?1 AND ?2") +
                       count (f, "SELECT coalesce(sum(anon_total - anon_deja_accompagne), 0) FROM workshops WHERE date BETWEEN ?1 AND ?2"));

  /* A theme counts every accompaniment that has it; several themes per
   * session make the theme rows add up to more than the total. */
  g_assert_cmpint (var (release, "acc|theme=email|type=individuel")->value, ==,
                   count (f, "SELECT count(*) FROM sessions s, json_each(s.themes) j WHERE s.date BETWEEN ?1 AND ?2 AND j.value = 'email'"));
  g_assert_cmpint (var (release, "acc|channel=a_distance")->value, ==,
                   count (f, "SELECT (SELECT count(*) FROM sessions WHERE date BETWEEN ?1 AND ?2 AND place_type = 'a_distance') + "
                             "(SELECT coalesce(sum(anon_total), 0) FROM workshops WHERE date BETWEEN ?1 AND ?2 AND place_type = 'a_distance') + "
                             "(SELECT count(*) FROM workshop_attendance wa JOIN workshops w ON w.id = wa.workshop_id"
                             "  WHERE w.date BETWEEN ?1 AND ?2 AND w.place_type = 'a_distance')"));
  g_assert_cmpint (var (release, "acc|duration=30|type=individuel")->value, ==,
                   count (f, "SELECT count(*) FROM sessions WHERE date BETWEEN ?1 AND ?2 AND duration_minutes <= 30"));
  g_assert_cmpint (var (release, "acc|referral=non_oriente")->value, ==,
                   count (f, "SELECT count(*) FROM sessions WHERE date BETWEEN ?1 AND ?2 AND referred = 0"));
  /* Distinct people in a cell: the frequency rule reads this. */
  g_assert_cmpint (var (release, "acc|type=individuel")->persons, ==,
                   count (f, "SELECT count(DISTINCT beneficiary_id) FROM sessions WHERE date BETWEEN ?1 AND ?2"));
  g_assert_cmpint (var (release, "ben|gender=feminin")->value, ==,
                   count (f, "SELECT count(*) FROM beneficiaries WHERE gender = 'feminin' AND id IN ("
                             "SELECT beneficiary_id FROM sessions WHERE date BETWEEN ?1 AND ?2 UNION "
                             "SELECT wa.beneficiary_id FROM workshop_attendance wa JOIN workshops w ON w.id = wa.workshop_id "
                             "WHERE w.date BETWEEN ?1 AND ?2)") +
                       count (f, "SELECT coalesce(sum(anon_genre_feminin), 0) FROM workshops WHERE date BETWEEN ?1 AND ?2"));

  /* Sillon's own: referrals and assessments. */
  g_assert_cmpint (var (release, "ref|")->value, ==, count (f, "SELECT count(*) FROM referrals WHERE date BETWEEN ?1 AND ?2"));
  g_assert_cmpint (var (release, "ref|referral_status=honoured")->value, ==,
                   count (f, "SELECT count(*) FROM referrals WHERE date BETWEEN ?1 AND ?2 AND status = 'honoured'"));
  g_assert_cmpint (var (release, "asm|")->value, ==,
                   count (f, "SELECT count(*) FROM (SELECT beneficiary_id, max(date) AS last FROM assessments"
                             " WHERE date <= ?2 GROUP BY beneficiary_id) WHERE last >= ?1"));
  g_assert_cmpint (var (release, "prg|")->value, <=, var (release, "asm|")->value);
  /* Score bands, first and latest: the same people on each axis. */
  for (guint i = 0; i < 2; i++)
    {
      const char *dim = i == 0 ? "first_score" : "latest_score";
      gint64 sum = 0;

      for (guint b = 0; b < 4; b++)
        {
          g_autofree char *key = g_strdup_printf ("prg|axis=pouvoir|%s=%s", dim, (const char *[]){ "0-24", "25-49", "50-79", "80-100" }[b]);
          sum += var (release, key)->value;
        }
      g_assert_cmpint (sum, ==, var (release, "prg|axis=pouvoir")->value);
    }
  g_assert_cmpint (var (release, "prg|axis=pouvoir")->value, >, 0);
  /* Independently: people whose first pouvoir score was below 25, among
   * those assessed twice whose latest falls in the period. */
  g_assert_cmpint (var (release, "prg|axis=pouvoir|first_score=0-24")->value, ==,
                   count (f, "SELECT count(*) FROM (SELECT beneficiary_id, max(date) AS last, count(*) AS n FROM assessments"
                             " WHERE date <= ?2 GROUP BY beneficiary_id) g"
                             " WHERE g.last >= ?1 AND g.n >= 2"
                             "   AND (SELECT json_extract(result_json, '$.axes.pouvoir.score') FROM assessments a"
                             "        WHERE a.beneficiary_id = g.beneficiary_id ORDER BY date, id LIMIT 1) < 25"
                             "   AND (SELECT json_extract(result_json, '$.axes.pouvoir.score') FROM assessments a"
                             "        WHERE a.beneficiary_id = g.beneficiary_id AND date <= ?2 ORDER BY date DESC, id DESC LIMIT 1) IS NOT NULL"));
  g_assert_cmpint (var (release, "prg|axis=savoir")->value, ==,
                   var (release, "prg|axis=savoir|axis_change=up")->value +
                       var (release, "prg|axis=savoir|axis_change=same")->value +
                       var (release, "prg|axis=savoir|axis_change=down")->value);
}

static void
test_empty_period (StoreFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonStatsRelease) release = sillon_stats_compute (f->store, "2001-01-01", "2001-01-31", &error);

  g_assert_no_error (error);
  g_assert_cmpint (var (release, "acc|")->value, ==, 0);
  g_assert_cmpint (var (release, "ben|")->value, ==, 0);
  g_assert_true (sillon_stats_release_suppress (release, 11, &error));
}

static void
test_bad_period (StoreFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  SillonStatsRelease *release = sillon_stats_compute (f->store, "2026-06-30", "2026-01-01", &error);

  g_assert_null (release);
  g_assert_error (error, SILLON_STATS_ERROR, SILLON_STATS_ERROR_INVALID);
  g_clear_error (&error);
  release = sillon_stats_compute (f->store, "2026-02-30", "2026-03-01", &error);
  g_assert_null (release);
  g_assert_error (error, SILLON_STATS_ERROR, SILLON_STATS_ERROR_INVALID);
}

static void
test_parse_period (void)
{
  static const struct
  {
    const char *text, *from, *to;
  } good[] = {
    { "2026", "2026-01-01", "2026-12-31" },
    { "2024-02", "2024-02-01", "2024-02-29" },
    { "2026-01..2026-06", "2026-01-01", "2026-06-30" },
    { "2026-01-15..2026-02-14", "2026-01-15", "2026-02-14" },
  };
  static const char *const bad[] = { "", "26", "2026-13", "2026-06..2026-01", "2026-02-30..2026-03-01", "2026..", "yesterday" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;
      g_autoptr (GError) error = NULL;

      g_assert_true (sillon_stats_parse_period (good[i].text, &from, &to, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (from, ==, good[i].from);
      g_assert_cmpstr (to, ==, good[i].to);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      char *from = NULL, *to = NULL;
      g_autoptr (GError) error = NULL;

      g_assert_false (sillon_stats_parse_period (bad[i], &from, &to, &error));
      g_assert_error (error, SILLON_STATS_ERROR, SILLON_STATS_ERROR_INVALID);
      g_assert_null (from);
    }
}

/* Published tables of real data: nothing under k is visible and every
 * hidden primary cell has room on both sides. */
static void
test_publish_demo (StoreFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonStatsRelease) release = sillon_stats_compute (f->store, "2026-03-01", "2026-03-31", &error);
  guint primaries = 0;

  g_assert_true (sillon_stats_release_suppress (release, 11, &error));
  for (guint i = 0; i < release->vars->len; i++)
    {
      SillonStatsVar *v = sillon_stats_release_get_var (release, i);
      double lo, hi;

      if (v->persons > 0 && v->persons < 11)
        g_assert_cmpint (v->status, ==, SILLON_STATS_CELL_PRIMARY);
      if (v->status != SILLON_STATS_CELL_PRIMARY)
        continue;
      primaries++;
      g_assert_true (sillon_stats_release_bounds (release, i, &lo, &hi));
      g_assert_cmpfloat (lo, <, (double) v->value);
      g_assert_cmpfloat (hi, >, (double) v->value);
    }
  g_assert_cmpuint (primaries, >, 10);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/stats-indicators/parse-period", test_parse_period);
  g_test_add ("/stats-indicators/coop-counts", StoreFixture, NULL, demo_setup, test_coop_counts, store_fixture_teardown);
  g_test_add ("/stats-indicators/empty-period", StoreFixture, NULL, demo_setup, test_empty_period, store_fixture_teardown);
  g_test_add ("/stats-indicators/bad-period", StoreFixture, NULL, store_fixture_setup, test_bad_period, store_fixture_teardown);
  g_test_add ("/stats-indicators/publish-demo", StoreFixture, NULL, demo_setup, test_publish_demo, store_fixture_teardown);
  return g_test_run ();
}
