/* test-store-first-screen.c — the two queries of the first screen: recent people, today's sessions
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "test-store-util.h"

static gint64
add_session (SillonStore *store, gint64 person, int days)
{
  g_autofree char *date = store_test_date (days);
  g_autoptr (SillonSession) s = store_test_session (person, date);
  g_autoptr (GError) error = NULL;

  g_assert_true (sillon_store_insert_session (store, s, &error));
  g_assert_no_error (error);
  return s->id;
}

static void
test_recent_beneficiaries (StoreFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) recent = NULL;
  g_autoptr (GPtrArray) none = NULL;
  gint64 anna = store_test_add_person (f->store, "Anna", "Arnaud", NULL, NULL);
  gint64 bruno = store_test_add_person (f->store, "Bruno", "Blanc", NULL, NULL);
  gint64 chloe = store_test_add_person (f->store, "Chloé", "Caron", NULL, NULL);
  gint64 david = store_test_add_person (f->store, "David", "Durand", NULL, NULL);

  /* Nobody seen yet: an empty list, not an error. */
  none = sillon_store_list_recent_beneficiaries (f->store, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (none->len, ==, 0);

  add_session (f->store, anna, -30);
  add_session (f->store, bruno, -10);
  add_session (f->store, anna, -2); /* Anna again, most recently */
  add_session (f->store, chloe, -5);
  add_session (f->store, bruno, -20);
  (void) david; /* never seen: not listed */

  recent = sillon_store_list_recent_beneficiaries (f->store, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (recent->len, ==, 3);
  g_assert_cmpint (((SillonBeneficiary *) recent->pdata[0])->id, ==, anna);
  g_assert_cmpint (((SillonBeneficiary *) recent->pdata[1])->id, ==, chloe);
  g_assert_cmpint (((SillonBeneficiary *) recent->pdata[2])->id, ==, bruno);
  g_assert_cmpstr (((SillonBeneficiary *) recent->pdata[1])->first_name, ==, "Chloé");
  g_clear_pointer (&recent, g_ptr_array_unref);

  /* The limit counts people, not sessions. */
  recent = sillon_store_list_recent_beneficiaries (f->store, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (recent->len, ==, 2);
  g_assert_cmpint (((SillonBeneficiary *) recent->pdata[1])->id, ==, chloe);
}

static void
test_last_session_date (StoreFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *none = NULL;
  g_autofree char *last = NULL;
  g_autofree char *expected = store_test_date (-2);
  gint64 anna = store_test_add_person (f->store, "Anna", "Arnaud", NULL, NULL);
  gint64 bruno = store_test_add_person (f->store, "Bruno", "Blanc", NULL, NULL);

  add_session (f->store, anna, -30);
  add_session (f->store, anna, -2);
  add_session (f->store, anna, -10);

  g_assert_true (sillon_store_get_last_session_date (f->store, anna, &last, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (last, ==, expected);

  /* Never seen: no date, and no error. */
  g_assert_true (sillon_store_get_last_session_date (f->store, bruno, &none, &error));
  g_assert_no_error (error);
  g_assert_null (none);
}

static void
test_sessions_on (StoreFixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) today = NULL;
  g_autoptr (GPtrArray) yesterday = NULL;
  g_autoptr (GPtrArray) bad = NULL;
  g_autofree char *today_date = store_test_date (0);
  g_autofree char *yesterday_date = store_test_date (-1);
  gint64 anna = store_test_add_person (f->store, "Anna", "Arnaud", NULL, NULL);
  gint64 bruno = store_test_add_person (f->store, "Bruno", "Blanc", NULL, NULL);
  gint64 first = add_session (f->store, anna, 0);
  gint64 second = add_session (f->store, bruno, 0);

  add_session (f->store, anna, -1);
  add_session (f->store, bruno, -3);

  today = sillon_store_list_sessions_on (f->store, today_date, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (today->len, ==, 2);
  g_assert_cmpint (((SillonSession *) today->pdata[0])->id, ==, first);
  g_assert_cmpint (((SillonSession *) today->pdata[1])->id, ==, second);
  g_assert_cmpstr (((SillonSession *) today->pdata[0])->date, ==, today_date);

  yesterday = sillon_store_list_sessions_on (f->store, yesterday_date, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (yesterday->len, ==, 1);

  bad = sillon_store_list_sessions_on (f->store, "2025-02-30", &error);
  g_assert_null (bad);
  g_assert_error (error, SILLON_STORE_ERROR, SILLON_STORE_ERROR_INVALID);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/store/first-screen/recent-beneficiaries", StoreFixture, NULL, store_fixture_setup, test_recent_beneficiaries, store_fixture_teardown);
  g_test_add ("/store/first-screen/last-session-date", StoreFixture, NULL, store_fixture_setup, test_last_session_date, store_fixture_teardown);
  g_test_add ("/store/first-screen/sessions-on", StoreFixture, NULL, store_fixture_setup, test_sessions_on, store_fixture_teardown);
  return g_test_run ();
}
