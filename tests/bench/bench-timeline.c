/* bench-timeline.c — opening a person whose story has 200 entries
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run by tests/bench/timeline-bench.sh on a vault holding the reference
 * dataset. Gives one person 200 entries (150 sessions, 40 assessments, 10
 * referrals over two years), then measures what the person page does when
 * it opens: read the person, list the first page of the story and build
 * its rows (SillonTimeline, the page's own widget), lay the window out and
 * paint it: the time until the frame that shows the person's story (wall
 * clock, and the process's CPU time, the steadier figure on a shared
 * machine). Then the time until the rest of the first page is built in
 * the idle callbacks that follow, and GTK has no event pending. Prints one
 * "name<TAB>value" line per figure. Never part of the test suite.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <gtk/gtk.h>
#include <sodium.h>

#include "sillon-store.h"
#include "sillon-timeline.h"
#include "sillon-vault.h"
#include "bench-util.h"

#define RUNS 15

/* A person with a long story, written in one transaction. */
static gint64
add_long_story (SillonStore *store)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonBeneficiary) b = sillon_beneficiary_new ();
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (SillonStoreTransaction) tx = sillon_store_transaction_begin (store, &error);
  const char *themes[] = { "email", "banque_et_achats_en_ligne", NULL };

  bench_check (tx != NULL, error);
  b->first_name = g_strdup ("Suivie");
  b->last_name = g_strdup ("Longtemps");
  b->birth_year = 1950;
  bench_check (sillon_store_insert_beneficiary (store, b, &error), error);
  for (guint i = 0; i < 200; i++)
    {
      g_autoptr (GDateTime) day = g_date_time_add_days (now, -(int) (i * 3));
      g_autofree char *date = g_date_time_format (day, "%Y-%m-%d");

      if (i % 20 == 0)
        {
          g_autoptr (SillonReferral) r = sillon_referral_new ();

          r->beneficiary_id = b->id;
          r->date = g_strdup (date);
          r->destination = g_strdup ("aide_sociale");
          r->reason = g_strdup ("Dossier de logement");
          bench_check (sillon_store_insert_referral (store, r, &error), error);
        }
      else if (i % 5 == 0)
        {
          g_autoptr (SillonAssessmentRecord) a = sillon_assessment_record_new ();

          a->beneficiary_id = b->id;
          a->date = g_strdup (date);
          a->questionnaire_id = g_strdup ("pouvoir-vouloir-savoir");
          a->questionnaire_version = 1;
          a->answers_json = g_strdup ("{}");
          a->result_json = g_strdup ("{\"axes\":{\"pouvoir\":{\"score\":40},\"vouloir\":{\"score\":70},"
                                     "\"savoir\":{\"score\":25}},\"degree\":{\"id\":\"far\"}}");
          bench_check (sillon_store_insert_assessment (store, a, &error), error);
        }
      else
        {
          g_autoptr (SillonSession) s = sillon_session_new ();

          s->beneficiary_id = b->id;
          s->date = g_strdup (date);
          s->duration_minutes = 30;
          s->place_type = g_strdup ("lieu_activite");
          s->themes = g_strdupv ((char **) themes);
          s->autonomy = g_strdup ("partiellement_autonome");
          bench_check (sillon_store_insert_session (store, s, &error), error);
        }
    }
  bench_check (sillon_store_transaction_commit (tx, &error), error);
  return b->id;
}

static void
on_after_paint (GdkFrameClock *clock, gboolean *painted)
{
  *painted = TRUE;
}

/* Until the window has painted the next frame: what the mediator sees
 * first, as the application's SILLON_PROFILE counts it. */
static void
until_painted (GtkWidget *window)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (window);
  gboolean painted = FALSE;
  gulong handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint), &painted);

  gtk_widget_queue_draw (window);
  while (!painted)
    gtk_main_iteration_do (TRUE);
  g_signal_handler_disconnect (clock, handler);
}

static void
settle (GtkWidget *window)
{
  /* What opening the page costs until it can be drawn: size requests,
   * allocation, and whatever GTK queued. */
  gtk_widget_show_all (window);
  gtk_container_check_resize (GTK_CONTAINER (window));
  while (gtk_events_pending ())
    gtk_main_iteration_do (FALSE);
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonVault) vault = NULL;
  g_autoptr (SillonStore) store = NULL;
  g_autoptr (GArray) open_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) query_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) all_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) build_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) open_cpu_ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) page_ms = g_array_new (FALSE, FALSE, sizeof (double));
  char passphrase[256] = { 0 };
  GtkWidget *window, *scroller, *timeline;
  gint64 person;

  if (argc != 2)
    {
      g_printerr ("usage: bench-timeline VAULT < passphrase\n");
      return 2;
    }
  gtk_init (&argc, &argv);
  if (!bench_read_passphrase (passphrase, sizeof passphrase))
    return 1;
  store = bench_open_store (argv[1], passphrase, &vault);
  person = add_long_story (store);
  g_print ("timeline_entries\t%" G_GINT64_FORMAT "\n", sillon_store_count_timeline (store, person, NULL));

  window = gtk_window_new (GTK_WINDOW_TOPLEVEL);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 640);
  scroller = gtk_scrolled_window_new (NULL, NULL);
  timeline = g_object_new (SILLON_TYPE_TIMELINE, NULL);
  gtk_container_add (GTK_CONTAINER (scroller), timeline);
  gtk_container_add (GTK_CONTAINER (window), scroller);
  settle (window);

  for (guint run = 0; run < RUNS; run++)
    {
      double start = bench_now_ms (), cpu_start, t;
      g_autoptr (SillonBeneficiary) b = NULL;
      g_autoptr (GPtrArray) page = NULL;

      sillon_timeline_clear (SILLON_TIMELINE (timeline));
      settle (window);

      /* The store alone: the person and the first page of their story. */
      start = bench_now_ms ();
      b = sillon_store_get_beneficiary (store, person, &error);
      bench_check (b != NULL, error);
      page = sillon_store_list_timeline (store, person, SILLON_TIMELINE_PAGE_SIZE, 0, &error);
      bench_check (page != NULL, error);
      t = bench_now_ms () - start;
      g_array_append_val (query_ms, t);

      /* What the page does: read, build the rows, lay out, paint. */
      start = bench_now_ms ();
      cpu_start = bench_clock_ms (CLOCK_PROCESS_CPUTIME_ID);
      g_clear_pointer (&b, sillon_beneficiary_free);
      b = sillon_store_get_beneficiary (store, person, &error);
      bench_check (b != NULL, error);
      bench_check (sillon_timeline_load (SILLON_TIMELINE (timeline), store, person, &error), error);
      t = bench_now_ms () - start;
      g_array_append_val (build_ms, t);
      until_painted (window);
      t = bench_now_ms () - start;
      g_array_append_val (open_ms, t);
      t = bench_clock_ms (CLOCK_PROCESS_CPUTIME_ID) - cpu_start;
      g_array_append_val (open_cpu_ms, t);
      /* The rest of the first page, built after that frame. */
      settle (window);
      t = bench_now_ms () - start;
      g_array_append_val (page_ms, t);

      /* Then every entry, with "Show more" until none is left. */
      start = bench_now_ms ();
      for (guint more = 0; more < 200 / SILLON_TIMELINE_PAGE_SIZE; more++)
        bench_check (sillon_timeline_load_more (SILLON_TIMELINE (timeline), store, &error), error);
      settle (window);
      t = bench_now_ms () - start;
      g_array_append_val (all_ms, t);
    }
  g_print ("open_person_first_frame_ms_median\t%.1f\n", bench_percentile (open_ms, 0.5));
  g_print ("open_person_first_frame_cpu_ms_median\t%.1f\n", bench_percentile (open_cpu_ms, 0.5));
  g_print ("of_which_reading_and_building_first_rows_ms_median\t%.1f\n", bench_percentile (build_ms, 0.5));
  g_print ("whole_first_page_built_and_laid_out_ms_median\t%.1f\n", bench_percentile (page_ms, 0.5));
  g_print ("store_person_and_first_page_ms_median\t%.2f\n", bench_percentile (query_ms, 0.5));
  g_print ("show_all_200_ms_median\t%.1f\n", bench_percentile (all_ms, 0.5));
  g_print ("runs\t%d\n", RUNS);

  gtk_widget_destroy (window);
  g_clear_pointer (&store, sillon_store_free);
  sillon_vault_lock (vault);
  return 0;
}
