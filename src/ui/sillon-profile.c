/* sillon-profile.c — how long the mediator waits, for the benchmarks
 *
 * Copyright 2026 The Sillon developers
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The benchmarks measure the time to the frame that shows the result, not
 * to the end of a function: the frame clock's after-paint signal is when
 * the mediator can see it.
 */

#include "config.h"

#include "sillon-profile.h"

#include <time.h>

typedef struct
{
  GdkFrameClock *clock;
  gulong handler;
  char *what;
  gint64 start_us;
  gint64 start_cpu_us; /* -1: not measured */
} Pending;

gboolean
sillon_profile_enabled (void)
{
  static int enabled = -1;

  if (enabled < 0)
    enabled = g_getenv ("SILLON_PROFILE") != NULL;
  return enabled;
}

static void
on_after_paint (GdkFrameClock *clock,
                Pending *pending)
{
  double wall_ms = (double) (g_get_monotonic_time () - pending->start_us) / 1000.0;

  if (pending->start_cpu_us >= 0)
    g_printerr ("sillon-profile\t%s\t%.3f\t%.3f\n", pending->what, wall_ms,
                (double) (sillon_profile_cpu_time () - pending->start_cpu_us) / 1000.0);
  else
    g_printerr ("sillon-profile\t%s\t%.3f\n", pending->what, wall_ms);
  g_signal_handler_disconnect (clock, pending->handler);
}

static void
pending_free (gpointer data,
              GClosure *closure)
{
  Pending *pending = data;

  g_free (pending->what);
  g_free (pending);
}

/* The main thread's CPU time: on a machine shared with other work, the
 * steadier figure, since the wall clock also counts the time other
 * processes hold the CPU. Widgets live on the main thread, so its CPU time
 * from a key press to the painted frame is the work the frame cost. */
gint64
sillon_profile_cpu_time (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
    return -1;
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

void
sillon_profile_until_painted_cpu (GtkWidget *widget,
                                  const char *what,
                                  gint64 start_us,
                                  gint64 start_cpu_us)
{
  GdkFrameClock *clock;
  Pending *pending;

  if (!sillon_profile_enabled ())
    return;
  clock = gtk_widget_get_frame_clock (widget);
  if (clock == NULL)
    return;
  pending = g_new0 (Pending, 1);
  pending->what = g_strdup (what);
  pending->start_us = start_us;
  pending->start_cpu_us = start_cpu_us;
  pending->handler = g_signal_connect_data (clock, "after-paint", G_CALLBACK (on_after_paint), pending,
                                            pending_free, 0);
  gtk_widget_queue_draw (widget);
}
