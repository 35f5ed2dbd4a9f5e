/* test-dashboard-page.c — the dashboard computes off the main thread, on a committed state
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page copies the vault with SQLite's online backup, then computes in
 * a worker thread (src/ui/sillon-dashboard-page.c). What it shows must be
 * a state that was committed: never the inside of a write transaction of
 * the vault's connection, whether it is rolled back or committed later.
 * Locking or choosing again while it computes must leave nothing behind.
 * Needs GTK (the page's template): run under Xvfb by run-ui-test.sh.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "sillon-dashboard-page.h"
#include "../core/test-session-util.h"

#define PASSPHRASE "correct horse battery"
#define FROM "2026-01-01"
#define TO "2026-12-31"

typedef struct
{
  char *dir;
  char *vault_path;
  SillonVaultSession *session;
  SillonDashboardPage *page;
} Fixture;

static void
fixture_setup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  SillonDemoOptions demo;

  f->dir = g_dir_make_tmp ("sillon-dashboard-XXXXXX", &error);
  g_assert_no_error (error);
  f->vault_path = g_build_filename (f->dir, "vault.sillon", NULL);
  f->session = session_test_create_and_open (f->vault_path, "Ada", PASSPHRASE);
  sillon_demo_options_init (&demo);
  demo.beneficiaries = 300;
  demo.sessions = 2000;
  demo.workshops = 20;
  demo.places = 10;
  demo.end_date = "2026-11-30";
  g_assert_true (sillon_demo_generate (sillon_vault_session_get_store (f->session), &demo, &error));
  g_assert_no_error (error);

  /* The page's default period is the current year: its tests choose 2026
   * through sillon_dashboard_page_refresh() after the year is set. */
  f->page = g_object_ref_sink (g_object_new (SILLON_TYPE_DASHBOARD_PAGE, NULL));
  sillon_page_set_session (SILLON_PAGE (f->page), f->session);
}

static void
fixture_teardown (Fixture *f, gconstpointer data)
{
  g_autoptr (GDir) dir = NULL;
  const char *name;

  sillon_dashboard_page_stop (f->page);
  sillon_vault_session_lock (f->session);
  gtk_widget_destroy (GTK_WIDGET (f->page));
  g_clear_object (&f->page);
  g_clear_object (&f->session);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->vault_path);
}

/* Chooses 2026 (the year spin button is the page's only one) and
 * computes: the page is not on a screen, where it computes when mapped. */
static void
choose_2026 (Fixture *f)
{
  g_autoptr (GList) children = NULL;
  GQueue queue = G_QUEUE_INIT;

  g_queue_push_tail (&queue, f->page);
  while (!g_queue_is_empty (&queue))
    {
      GtkWidget *widget = g_queue_pop_head (&queue);

      if (GTK_IS_SPIN_BUTTON (widget))
        {
          gtk_spin_button_set_value (GTK_SPIN_BUTTON (widget), 2026);
          g_queue_clear (&queue);
          sillon_dashboard_page_refresh (f->page);
          return;
        }
      if (GTK_IS_CONTAINER (widget))
        {
          GList *list = gtk_container_get_children (GTK_CONTAINER (widget));

          for (GList *l = list; l != NULL; l = l->next)
            g_queue_push_tail (&queue, l->data);
          g_list_free (list);
        }
    }
  g_assert_not_reached ();
}

static void
iterate_for (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

/* The page's release once computed (30 s at most). */
static const SillonStatsRelease *
wait_for_release (Fixture *f)
{
  gint64 end = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;

  while (sillon_dashboard_page_get_release (f->page) == NULL && g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_nonnull (sillon_dashboard_page_get_release (f->page));
  return sillon_dashboard_page_get_release (f->page);
}

/* The year's tables, protected as the page protects them, straight from
 * the vault's connection, as JSON. */
static char *
expected_json (Fixture *f)
{
  SillonStore *store = sillon_vault_session_get_store (f->session);
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonStatsRelease) release = sillon_stats_compute (store, FROM, TO, &error);

  g_assert_no_error (error);
  g_assert_true (sillon_stats_release_suppress (release, SILLON_STATS_DEFAULT_K, &error));
  g_assert_no_error (error);
  return sillon_stats_release_to_json (release, sillon_store_get_vocabulary (store));
}

static char *
shown_json (Fixture *f)
{
  return sillon_stats_release_to_json ((SillonStatsRelease *) wait_for_release (f),
                                       sillon_store_get_vocabulary (sillon_vault_session_get_store (f->session)));
}

static void
exec (Fixture *f, const char *sql)
{
  g_assert_cmpint (sqlite3_exec (sillon_store_get_db (sillon_vault_session_get_store (f->session)), sql, NULL, NULL, NULL),
                   ==, SQLITE_OK);
}

/* Shown as computed on the vault itself: the copy and the worker lose
 * nothing. */
static void
test_same_as_vault (Fixture *f, gconstpointer data)
{
  g_autofree char *expected = expected_json (f);
  g_autofree char *shown = NULL;

  choose_2026 (f);
  shown = shown_json (f);
  g_assert_cmpstr (shown, ==, expected);
}

/* A write transaction open while the page computes: the copy waits for
 * it, and shows the state it ends in, never its inside. */
static void
test_committed_state (Fixture *f, gconstpointer data)
{
  SillonStore *store = sillon_vault_session_get_store (f->session);
  g_autoptr (GError) error = NULL;
  g_autofree char *before = expected_json (f);
  g_autofree char *shown = NULL;
  g_autofree char *after = NULL;

  /* Rolled back: the page shows the state before it. */
  g_assert_true (sillon_store_begin (store, &error));
  exec (f, "DELETE FROM sessions WHERE date BETWEEN '2026-01-01' AND '2026-06-30'");
  choose_2026 (f);
  iterate_for (500);
  g_assert_null (sillon_dashboard_page_get_release (f->page));
  sillon_store_rollback (store);
  shown = shown_json (f);
  g_assert_cmpstr (shown, ==, before);
  g_clear_pointer (&shown, g_free);

  /* Committed: the page shows the state after it. */
  g_assert_true (sillon_store_begin (store, &error));
  exec (f, "DELETE FROM sessions WHERE date BETWEEN '2026-01-01' AND '2026-06-30'");
  sillon_dashboard_page_refresh (f->page);
  iterate_for (500);
  g_assert_null (sillon_dashboard_page_get_release (f->page));
  g_assert_true (sillon_store_commit (store, &error));
  g_assert_no_error (error);
  after = expected_json (f);
  g_assert_cmpstr (after, !=, before);
  shown = shown_json (f);
  g_assert_cmpstr (shown, ==, after);
}

/* Locking, or choosing again, while the page computes: nothing is shown
 * of the dropped computation, and the vault locks cleanly. */
static void
test_cancelled (Fixture *f, gconstpointer data)
{
  g_autofree char *expected = expected_json (f);
  g_autofree char *shown = NULL;

  choose_2026 (f);
  sillon_dashboard_page_refresh (f->page); /* the first computation is dropped */
  shown = shown_json (f);
  g_assert_cmpstr (shown, ==, expected);

  sillon_dashboard_page_refresh (f->page);
  g_assert_null (sillon_dashboard_page_get_release (f->page));
  /* The page learns of the lock from the session, as in the window when
   * it locks by itself. */
  sillon_vault_session_lock (f->session);
  iterate_for (1500);
  g_assert_null (sillon_dashboard_page_get_release (f->page));
  g_assert_null (sillon_page_get_store (SILLON_PAGE (f->page)));
}

int
main (int argc, char **argv)
{
  gtk_test_init (&argc, &argv, NULL);
  g_test_add ("/dashboard-page/same-as-vault", Fixture, NULL, fixture_setup, test_same_as_vault, fixture_teardown);
  g_test_add ("/dashboard-page/committed-state", Fixture, NULL, fixture_setup, test_committed_state, fixture_teardown);
  g_test_add ("/dashboard-page/cancelled", Fixture, NULL, fixture_setup, test_cancelled, fixture_teardown);
  return g_test_run ();
}
