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

typedef struct
{
  GdkFrameClock *clock;
  gulong handler;
  char *what;
  gint64 start_us;
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
  g_printerr ("sillon-profile\t%s\t%.3f\n", pending->what,
              (double) (g_get_monotonic_time () - pending->start_us) / 1000.0);
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

void
sillon_profile_until_painted (GtkWidget *widget,
                              const char *what,
                              gint64 start_us)
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
  pending->handler = g_signal_connect_data (clock, "after-paint", G_CALLBACK (on_after_paint), pending,
                                            pending_free, 0);
  gtk_widget_queue_draw (widget);
}
