/* bench-dashboard.c — the dashboard's first draw after the page opens
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On demand only (tests/bench/dashboard-bench.sh), never in the suite.
 * Opens the vault once and shows a window with a stack, as the main window
 * is; then RUNS times: a new dashboard page is added to the stack and opened
 * as the window opens a page (visible child, then sillon_page_switch_to()).
 * Three times are taken from there: the page's first draw (its spinner:
 * the tables are computed off the main thread), the first chart drawn with
 * its figures, and the longest the main loop went without running (a 2 ms
 * timeout ticks throughout: the longest gap between two ticks, the
 * longest the page could not have drawn). The period is the page's own
 * default: the current year.
 *
 *   bench-dashboard VAULT < passphrase
 */

#include "config.h"

#include <gtk/gtk.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "sillon-bar-chart.h"
#include "sillon-core.h"
#include "sillon-dashboard-page.h"
#include "bench-util.h"

#define RUNS 7

typedef struct
{
  gint64 start;
  double start_cpu;
  double first_draw_ms;
  double elapsed_ms;
  double cpu_ms;
  gint64 last_tick;
  double longest_stall_ms;
  GMainLoop *loop;
} Run;

/* After a chart's draw handler: the first one with figures ends the run. */
static gboolean
on_chart_drawn (GtkWidget *chart,
                cairo_t *cr,
                Run *run)
{
  const SillonChartData *data = sillon_bar_chart_get_data (SILLON_BAR_CHART (chart));

  if (data == NULL || data->n_rows == 0 || run->elapsed_ms > 0)
    return GDK_EVENT_PROPAGATE;
  run->elapsed_ms = (g_get_monotonic_time () - run->start) / 1000.0;
  run->cpu_ms = bench_clock_ms (CLOCK_PROCESS_CPUTIME_ID) - run->start_cpu;
  g_main_loop_quit (run->loop);
  return GDK_EVENT_PROPAGATE;
}

/* The page's own first frame, whatever it shows. */
static gboolean
on_page_drawn (GtkWidget *page,
               cairo_t *cr,
               Run *run)
{
  if (run->first_draw_ms == 0)
    run->first_draw_ms = (g_get_monotonic_time () - run->start) / 1000.0;
  return GDK_EVENT_PROPAGATE;
}

static gboolean
on_tick (gpointer user_data)
{
  Run *run = user_data;
  gint64 now = g_get_monotonic_time ();

  run->longest_stall_ms = MAX (run->longest_stall_ms, (now - run->last_tick) / 1000.0);
  run->last_tick = now;
  return G_SOURCE_CONTINUE;
}

static void
watch_charts (GtkWidget *widget,
              gpointer run)
{
  if (SILLON_IS_BAR_CHART (widget))
    g_signal_connect_after (widget, "draw", G_CALLBACK (on_chart_drawn), run);
  else if (GTK_IS_CONTAINER (widget))
    gtk_container_forall (GTK_CONTAINER (widget), watch_charts, run);
}

int
main (int argc,
      char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (SillonVaultSession) session = NULL;
  char passphrase[256];
  double elapsed[RUNS], cpu[RUNS], first_draw[RUNS], stall[RUNS];
  GtkWidget *window, *stack;

  if (argc != 2 || !bench_read_passphrase (passphrase, sizeof passphrase))
    {
      g_printerr ("usage: bench-dashboard VAULT < passphrase\n");
      return 2;
    }
  gtk_init (&argc, &argv);
  session = sillon_vault_session_open (argv[1], passphrase, "bench", NULL, &error);
  if (session == NULL)
    {
      g_printerr ("bench-dashboard: %s\n", error->message);
      return 1;
    }

  window = gtk_window_new (GTK_WINDOW_TOPLEVEL);
  stack = gtk_stack_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_stack_add_named (GTK_STACK (stack), gtk_label_new ("Sillon"), "before");
  gtk_container_add (GTK_CONTAINER (window), stack);
  gtk_widget_show_all (window);
  /* The window is on the screen before the first run. */
  while (!gtk_widget_get_mapped (window) || gtk_events_pending ())
    gtk_main_iteration ();

  for (int i = 0; i < RUNS; i++)
    {
      Run run = { 0 };
      GtkWidget *page = g_object_new (SILLON_TYPE_DASHBOARD_PAGE, NULL);

      gtk_widget_show (page);
      gtk_container_add (GTK_CONTAINER (stack), page);
      sillon_page_set_session (SILLON_PAGE (page), session);
      guint tick;

      watch_charts (page, &run);
      g_signal_connect_after (page, "draw", G_CALLBACK (on_page_drawn), &run);
      run.loop = g_main_loop_new (NULL, FALSE);

      run.start = g_get_monotonic_time ();
      run.start_cpu = bench_clock_ms (CLOCK_PROCESS_CPUTIME_ID);
      run.last_tick = run.start;
      tick = g_timeout_add (2, on_tick, &run);
      gtk_stack_set_visible_child (GTK_STACK (stack), page);
      sillon_page_switch_to (SILLON_PAGE (page));
      g_main_loop_run (run.loop);
      g_source_remove (tick);

      elapsed[i] = run.elapsed_ms;
      cpu[i] = run.cpu_ms;
      first_draw[i] = run.first_draw_ms;
      stall[i] = run.longest_stall_ms;
      g_print ("run %d\tfirst draw %.1f ms, figures %.1f ms (cpu %.1f ms), longest stall %.1f ms\n", i + 1,
               first_draw[i], elapsed[i], cpu[i], stall[i]);
      g_main_loop_unref (run.loop);
      gtk_stack_set_visible_child_name (GTK_STACK (stack), "before");
      sillon_page_set_session (SILLON_PAGE (page), NULL);
      gtk_widget_destroy (page);
      while (gtk_events_pending ())
        gtk_main_iteration ();
    }
  g_print ("dashboard_first_draw_ms\t%.1f\n", bench_median (first_draw, RUNS));
  g_print ("dashboard_figures_ms\t%.1f (cpu %.1f)\n", bench_median (elapsed, RUNS), bench_median (cpu, RUNS));
  g_print ("dashboard_longest_stall_ms\t%.1f\n", bench_median (stall, RUNS));
  return 0;
}
